/* SPDX-License-Identifier: MIT */
/* The viewer's print dialog: what to print, in which languages and
 * layout, and where; the keys are those of the dialogs' map (keys.c). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "lang.h"
#include "print.h"
#include "settings.h"
#include "text.h"
#include "ui.h"
#include "ui-private.h"
#include "xalloc.h"

/* The dialog's fields, and the choices of what to print. */
enum { PD_WHAT, PD_LANGS, PD_LAYOUT, PD_WHERE, PD_FORMAT, PD_FIELDS };
enum { W_MARKED, W_PILLAR, W_CURRENT, W_VIEW, W_ALL, W_COUNT };

static const char *const field_names[PD_FIELDS] = { "What", "Languages", "Layout", "Where",
	"Format" };
static const char *const what_names[W_COUNT] = { "marked paragraphs", "the active pillar",
	"this paragraph", "the filtered view", "the whole briefing" };

struct dialog {
	int field;			/* the field chosen */
	int choice[PD_FIELDS];		/* each field's choice */
	int nchoice[PD_FIELDS];		/* and how many it has */
	struct buf path;		/* the file to print to */
	size_t *rows;			/* room for every row */
};

/* The rows the dialog's choices print into d->rows, and the options to
 * print them; returns how many rows. */
static size_t
dialog_select(struct ui *u, struct dialog *d, struct print_opts *po, struct buf *section)
{
	struct view *v = &u->view;
	struct print_pick pk = { .last = u->doc->nrows, .pillars = u->pillars, .format = -1 };
	int langs = d->choice[PD_LANGS];

	pk.layout = d->choice[PD_LAYOUT];
	pk.format = d->choice[PD_FORMAT];
	pk.side[0] = langs == 2 && u->pair[1] >= 0 ? u->pair[1] : u->pair[0];
	pk.side[1] = langs == 0 ? u->pair[1] : -1;
	switch (d->choice[PD_WHAT]) {
	case W_MARKED:
		pk.marked = u->marked;
		break;
	case W_PILLAR:
		pk.want = u->active >= 0 ? (uint32_t)1 << u->active : 0;
		pk.last = u->active >= 0 ? u->doc->nrows : 0;
		break;
	case W_CURRENT:
		pk.first = v->nshown ? view_row(v, v->cur) : 0;
		pk.last = v->nshown ? pk.first + 1 : 0;
		break;
	case W_VIEW:
		pk.only = v->shown;
		pk.nonly = v->nshown;
		break;
	}
	return print_select(u->opts->cfg, u->doc, &pk, d->rows, po, section);
}

/* What field f shows as chosen. */
static void
field_label(struct ui *u, struct dialog *d, int f, struct buf *out)
{
	int c = d->choice[f], l0 = u->pair[0], l1 = u->pair[1];
	struct print_opts po;
	struct buf section = {0};

	switch (f) {
	case PD_WHAT:
		buf_printf(out, "%s (%zu)", what_names[c], dialog_select(u, d, &po, &section));
		break;
	case PD_LANGS:
		if (c == 0 && l1 >= 0)
			buf_printf(out, "both (%s, %s)", lang_code(u->doc->langs[l0]),
			    lang_code(u->doc->langs[l1]));
		else
			buf_adds(out, lang_name(u->doc->langs[c == 2 && l1 >= 0 ? l1 : l0]));
		break;
	case PD_LAYOUT:
		buf_adds(out, settings_values("print:layout")[c]);
		break;
	case PD_WHERE:
		if (c == 0)
			buf_printf(out, "printer (%s)", settings_get(u->opts->cfg, "print:command"));
		else
			buf_printf(out, "file: %s", d->path.len ? d->path.s : "(Enter to name it)");
		break;
	case PD_FORMAT:
		buf_adds(out, c == PRINT_PDF ? "PDF (typeset)" : "text");
		break;
	}
	buf_free(&section);
}

/* One field's line: its name and "< choice >". */
static void
draw_field(struct ui *u, struct dialog *d, int f, int y, int x, int w)
{
	struct buf label = {0}, clean = {0};
	int used;
	size_t fit;

	field_label(u, d, f, &label);
	attrset(f == d->field ? u->attr[PAIR_STATUS] | A_REVERSE : u->attr[PAIR_STATUS]);
	mvaddstr(y, x + 2, field_names[f]);
	text_clean(&clean, label.s, label.len);
	fit = text_fit(clean.s, clean.len, w - 16, &used);
	mvaddstr(y, x + 13, "< ");
	addnstr(clean.s, (int)fit);
	addstr(" >");
	buf_free(&clean);
	buf_free(&label);
}

/* The dialog in a box of w by h at the middle of the screen, with the
 * keys that work it. */
static void
draw_dialog(struct ui *u, struct dialog *d, int w, int h)
{
	char prev[32], next[32], less[32], more[32], ok[32], cancel[32];
	int x0 = (u->cols - w) / 2, y0 = (u->lines - h) / 2, f, k;

	keys_first(ACT_PREV_FIELD, prev, sizeof prev);
	keys_first(ACT_NEXT_FIELD, next, sizeof next);
	keys_first(ACT_PREV_CHOICE, less, sizeof less);
	keys_first(ACT_NEXT_CHOICE, more, sizeof more);
	keys_first(ACT_CONFIRM, ok, sizeof ok);
	keys_first(ACT_CANCEL, cancel, sizeof cancel);
	attrset(u->attr[PAIR_STATUS]);
	for (k = 0; k < h; k++) {
		move(y0 + k, x0);
		hline(' ', w);
	}
	mvaddstr(y0, x0 + 1, "Print");
	for (f = 0; f < PD_FIELDS; f++)
		draw_field(u, d, f, y0 + 2 + f, x0, w);
	attrset(u->attr[PAIR_STATUS]);
	mvprintw(y0 + h - 2, x0 + 2, "%s/%s choose, %s/%s change,", prev, next, less, more);
	mvprintw(y0 + h - 1, x0 + 2, "%s prints, %s cancels", ok, cancel);
	attrset(A_NORMAL);
	refresh();
}

/* Ask for the file to print to (none, when cancelled); a name ending in
 * .pdf or .txt chooses the format. */
static void
ask_path(struct ui *u, struct dialog *d)
{
	int format;

	if (ui_prompt(u, "Print to file: ", &d->path) < 0)
		buf_reset(&d->path);
	format = print_format_of(d->path.s);
	if (format >= 0 && format < d->nchoice[PD_FORMAT])
		d->choice[PD_FORMAT] = format;
	ui_draw(u);
}

/* Print what the dialog chose and say how it went. */
static void
dialog_print(struct ui *u, struct dialog *d)
{
	const char *command = settings_get(u->opts->cfg, "print:command");
	struct print_opts po;
	struct buf pages = {0}, why = {0}, section = {0};
	size_t n = dialog_select(u, d, &po, &section);
	int npages, to_file = d->choice[PD_WHERE] == 1;

	if (n == 0) {
		ui_message(u, "Nothing to print: no %s", d->choice[PD_WHAT] == W_MARKED ?
		    "marked paragraphs (m marks one)" : "paragraphs there");
		buf_free(&section);
		return;
	}
	npages = print_make(u->doc, d->rows, n, &po, &pages, &why);
	if (npages >= 0 && print_output(u->opts->cfg, u->doc, &po, pages.s ? pages.s : "",
	    pages.len, to_file ? d->path.s : NULL, &why) == 0)
		ui_message(u, "Printed %zu paragraph%s (%d page%s) %s %s", n, n == 1 ? "" : "s",
		    npages, npages == 1 ? "" : "s", to_file ? "to" : "with",
		    to_file ? d->path.s : command);
	else
		ui_message(u, "Print failed: %s", why.s);
	buf_free(&pages);
	buf_free(&why);
	buf_free(&section);
}

/* Do what key k asks of the dialog; returns 0 once it is closed. */
static int
dialog_key(struct ui *u, struct dialog *d, int k)
{
	int *c = &d->choice[d->field], n = d->nchoice[d->field];

	switch (k == -1 ? ACT_CANCEL : keys_dialog(k)) {
	case ACT_CANCEL:
		ui_message(u, "Print cancelled");
		return 0;
	case ACT_PREV_FIELD:
		d->field = (d->field + PD_FIELDS - 1) % PD_FIELDS;
		return 1;
	case ACT_NEXT_FIELD:
		d->field = (d->field + 1) % PD_FIELDS;
		return 1;
	case ACT_NEXT_CHOICE:
		if (n > 1)
			*c = (*c + 1) % n;
		return 1;
	case ACT_PREV_CHOICE:
		if (n > 1)
			*c = (*c + n - 1) % n;
		return 1;
	case ACT_CONFIRM:
		/* The Enter that ends the file's name prints. */
		if (d->choice[PD_WHERE] == 1 && !d->path.len) {
			if (d->field == PD_WHERE)
				ask_path(u, d);
			d->field = PD_WHERE;
			if (!d->path.len)
				return 1;
		}
		dialog_print(u, d);
		return 0;
	default:
		return 1;
	}
}

void
ui_print_dialog(struct ui *u, enum action a)
{
	struct view *v = &u->view;
	struct print_opts po;
	struct dialog d;
	int open = 1;

	(void)a;
	memset(&d, 0, sizeof d);
	d.rows = xmalloc(sizeof *d.rows * (u->doc->nrows + 1));
	d.nchoice[PD_WHAT] = W_COUNT;
	d.nchoice[PD_LANGS] = v->lo.side[1] >= 0 || u->pair[1] >= 0 ? 3 : 1;
	for (; settings_values("print:layout")[d.nchoice[PD_LAYOUT]]; d.nchoice[PD_LAYOUT]++)
		;
	d.nchoice[PD_WHERE] = 2;
	/* PDF or text, as [print] format says; text alone without Pango. */
	print_defaults(u->opts->cfg, &po);
#ifdef HAVE_PANGO
	d.nchoice[PD_FORMAT] = 2;
	d.choice[PD_FORMAT] = po.format;
#else
	d.nchoice[PD_FORMAT] = 1;
	d.choice[PD_FORMAT] = PRINT_TEXT;
#endif
	d.choice[PD_WHAT] = u->nmarked ? W_MARKED : u->filtered ? W_VIEW : W_ALL;
	d.choice[PD_LANGS] = v->lo.side[1] >= 0 ? 0 : u->show == 2 ? 2 : 1;
	d.choice[PD_LAYOUT] = settings_choice(u->opts->cfg, "print:layout");
	while (open) {
		int w = u->cols < 64 ? u->cols - 2 : 62, h = PD_FIELDS + 5, k;

		if (w < 20 || u->lines < h) {
			ui_message(u, "The screen is too small for the print dialog");
			break;
		}
		draw_dialog(u, &d, w, h);
		k = ui_prompt_key(u);
		if (k != KEY_RESIZE)
			open = dialog_key(u, &d, k);
	}
	free(d.rows);
	buf_free(&d.path);
}
