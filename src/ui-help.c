/* SPDX-License-Identifier: MIT */
/* The viewer's help screen: every action of the key table with the keys
 * bound to it now, scrolled by the keys that scroll the text. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "text.h"
#include "ui-private.h"
#include "xalloc.h"

/* The column the descriptions start at. */
enum { HELP_DESC = 28 };

/* One screen line of the help: a line of an action's description (its
 * keys on the first), or the heading of the dialogs' actions (k NULL). */
struct help_line {
	const struct key_action *k;
	size_t off, len;	/* in the help's text */
	int first;
};

struct help {
	struct buf text;	/* the descriptions, one after another */
	struct help_line *v;
	size_t n, cap;
};

static void
add_line(struct help *h, const struct key_action *k, size_t off, size_t len, int first)
{
	h->v = xgrow(h->v, &h->cap, h->n + 1, sizeof *h->v);
	h->v[h->n++] = (struct help_line){ k, off, len, first };
}

/* The help's lines for a screen cols wide: each action of the table, its
 * description wrapped, a pillar key once per pillar there is, with the
 * pillar's title; a heading before the dialogs' actions. */
static void
help_lines(struct ui *u, struct help *h)
{
	const struct key_action *k;
	struct text_lines lines = {0};
	int width = u->cols - HELP_DESC > 10 ? u->cols - HELP_DESC : 10;
	int slot = u->view.lo.side[0] >= 0 ? u->view.lo.side[0] : 0;
	size_t i;

	buf_reset(&h->text);
	buf_add(&h->text, "", 0);
	h->n = 0;
	for (k = keys_table; k->name; k++) {
		size_t from = h->text.len;
		int p = (int)(k->action - ACT_PILLAR_1);

		if (k->map == KEYMAP_DIALOG && (k == keys_table || k[-1].map != KEYMAP_DIALOG))
			add_line(h, NULL, 0, 0, 1);
		if (k->action >= ACT_PILLAR_1 && k->action <= ACT_PILLAR_9) {
			const char *title;

			if (p >= pillars_count(u->pillars))
				continue;
			title = pillars_title(u->pillars, p,
			    u->doc->nlangs ? u->doc->langs[slot] : -1, 0);
			buf_adds(&h->text, k->help);
			buf_adds(&h->text, ": ");
			text_clean(&h->text, title, strlen(title));
		} else {
			buf_adds(&h->text, k->help);
		}
		lines.n = 0;
		text_wrap(h->text.s + from, h->text.len - from, width, &lines);
		for (i = 0; i < lines.n; i++)
			add_line(h, k, from + lines.v[i].off, lines.v[i].len, i == 0);
		if (!lines.n)
			add_line(h, k, from, 0, 1);
	}
	free(lines.v);
}

static void
draw_line(struct ui *u, int y, const struct help *h, const struct help_line *l)
{
	const char *keys;
	int used;
	size_t fit;

	if (!l->k) {
		attrset(A_BOLD);
		mvaddstr(y, 0, "In the print dialog and prompts (a character is typed):");
		attrset(A_NORMAL);
		return;
	}
	if (l->first) {
		keys = keys_describe(l->k->action);
		fit = text_fit(keys, strlen(keys), HELP_DESC - 4, &used);
		mvaddnstr(y, 2, keys, (int)fit);
	}
	if (u->cols > HELP_DESC) {
		fit = text_fit(h->text.s + l->off, l->len, u->cols - HELP_DESC, &used);
		mvaddnstr(y, HELP_DESC, h->text.s + l->off, (int)fit);
	}
}

/* The help from its line top, with the keys that scroll and leave it. */
static void
draw_help(struct ui *u, const struct help *h, int top)
{
	char down[32], up[32];
	size_t y;

	keys_first(ACT_DOWN, down, sizeof down);
	keys_first(ACT_UP, up, sizeof up);
	erase();
	attrset(A_BOLD);
	mvaddstr(0, 0, "diglot keys (a key that does not scroll goes back)");
	attrset(A_NORMAL);
	for (y = 1; top + y - 1 < h->n && (int)y < u->lines - 1; y++)
		draw_line(u, (int)y, h, &h->v[top + y - 1]);
	attrset(u->attr[PAIR_STATUS]);
	move(u->lines - 1, 0);
	hline(' ', u->cols);
	mvprintw(u->lines - 1, 0, " Help: %s/%s scroll, any other key returns", down, up);
	attrset(A_NORMAL);
	refresh();
}

/* The help screen, until a key that does not scroll it. */
void
ui_help(struct ui *u, enum action a)
{
	struct help h;
	int top = 0;

	(void)a;
	memset(&h, 0, sizeof h);
	for (;;) {
		int key, step, page = u->lines - 2 > 1 ? u->lines - 2 : 1, nrows;
		enum action scroll;

		help_lines(u, &h);
		nrows = (int)h.n;
		draw_help(u, &h, top);
		key = ui_prompt_key(u);
		if (key == -1)
			break;
		if (key == KEY_RESIZE)
			continue;
		scroll = keys_action(key);
		step = ui_scroll_lines(scroll, page, page / 2 ? page / 2 : 1);
		if (scroll == ACT_TOP || scroll == ACT_BOTTOM)
			step = scroll == ACT_TOP ? -nrows : nrows;
		if (step == 0)
			break;
		top += step;
		if (top > nrows - page)
			top = nrows - page;
		if (top < 0)
			top = 0;
	}
	buf_free(&h.text);
	free(h.v);
}
