/* SPDX-License-Identifier: MIT */
/* The viewer's outline: the briefing's headings in both languages shown,
 * indented by level, with their pillars; Enter goes to one, / filters
 * them. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "text.h"
#include "ui-private.h"
#include "xalloc.h"

/* A row that holds a heading, and the heading's level. */
struct entry {
	size_t row;
	int level;
};

struct outline {
	struct entry *all, *shown;
	size_t nall, nshown;
	size_t cur, top;
	struct search filter;	/* empty: every heading */
	struct buf text;
};

/* The first heading of row r in language slot l, or the first block when
 * it has none there; -1 when the slot has no block in the row. */
static long
row_block(const struct doc *doc, size_t r, int l, int *heading)
{
	size_t n, i;
	const uint32_t *ids;

	*heading = 0;
	if (l < 0)
		return -1;
	ids = doc_row_blocks(doc, r, l, &n);
	for (i = 0; i < n; i++)
		if (doc->blocks[ids[i]].kind == BLOCK_HEADING) {
			*heading = 1;
			return ids[i];
		}
	return n ? (long)ids[0] : -1;
}

/* The rows with a heading in one of the languages shown. */
static void
find_entries(struct ui *u, struct outline *o)
{
	size_t r, cap = 0;
	int s;

	for (r = 0; r < u->doc->nrows; r++) {
		int level = 0;

		for (s = 0; s < 2 && !level; s++) {
			int heading;
			long b = row_block(u->doc, r, u->pair[s], &heading);

			if (b >= 0 && heading)
				level = pillars_level(u->pillars, (size_t)b);
		}
		if (!level)
			continue;
		o->all = xgrow(o->all, &cap, o->nall + 1, sizeof *o->all);
		o->all[o->nall].row = r;
		o->all[o->nall++].level = level;
	}
	o->shown = xmalloc(sizeof *o->shown * (o->nall + 1));
}

/* The text of row r's block in slot l (heading first) into o->text. */
static void
entry_text(struct ui *u, struct outline *o, size_t r, int l)
{
	int heading;
	long b = row_block(u->doc, r, l, &heading);

	buf_reset(&o->text);
	buf_add(&o->text, "", 0);
	if (b >= 0)
		doc_block_text(u->doc, (size_t)b, &o->text);
}

/* The entries whose text, in either language, holds the filter. */
static void
apply_filter(struct ui *u, struct outline *o)
{
	size_t i;
	struct span sp[1];
	int s;

	o->nshown = 0;
	for (i = 0; i < o->nall; i++) {
		int keep = !o->filter.folded.len;

		for (s = 0; s < 2 && !keep; s++) {
			entry_text(u, o, o->all[i].row, u->pair[s]);
			keep = search_text(&o->filter, o->text.s, o->text.len, sp, 1) > 0;
		}
		if (keep)
			o->shown[o->nshown++] = o->all[i];
	}
	o->cur = o->top = 0;
}

/* Text s clipped to w columns at (y, x). */
static void
put_clipped(int y, int x, const char *s, size_t n, int w)
{
	int used;
	size_t fit;

	if (w <= 0)
		return;
	fit = text_fit(s, n, w, &used);
	mvaddnstr(y, x, s, (int)fit);
}

/* The columns the pillar ids of row r take, a blank after each. */
static int
pillars_width(struct ui *u, size_t r)
{
	uint32_t tags = pillars_row(u->pillars, r);
	int k, w = 0;

	for (k = 0; k < pillars_count(u->pillars); k++)
		if (tags >> k & 1)
			w += (int)strlen(pillars_id(u->pillars, k)) + 1;
	return w;
}

/* Entry e on screen line y: each language's heading in its half, indented
 * by level, and the pillars at the right, in pw columns, in their
 * colours. */
static void
draw_entry(struct ui *u, struct outline *o, int y, const struct entry *e, int selected,
    int pw)
{
	uint32_t tags = pillars_row(u->pillars, e->row);
	int ind = 2 * (e->level - 1), k, x, half, s;
	attr_t base = selected ? A_REVERSE : A_NORMAL;

	half = (u->cols - pw - 1) / (u->pair[1] >= 0 ? 2 : 1);
	if (ind > half / 2)
		ind = half / 2;
	attrset(base);
	if (selected)
		mvhline(y, 0, ' ', u->cols);
	for (s = 0; s < 2; s++) {
		if (u->pair[s] < 0)
			continue;
		entry_text(u, o, e->row, u->pair[s]);
		put_clipped(y, s * half + ind, o->text.s, o->text.len, half - ind - 1);
	}
	x = u->cols - pw;
	for (k = 0; k < pillars_count(u->pillars) && x < u->cols; k++)
		if (tags >> k & 1) {
			const char *id = pillars_id(u->pillars, k);

			attrset(u->attr[PAIR_PILLAR + k] | base);
			put_clipped(y, x, id, strlen(id), u->cols - x);
			x += (int)strlen(id) + 1;
		}
	attrset(A_NORMAL);
}

static void
draw_outline(struct ui *u, struct outline *o)
{
	char quit[32], search[32];
	int y, rows = u->lines - 2, pw = 0;
	size_t i;

	keys_first(ACT_QUIT, quit, sizeof quit);
	keys_first(ACT_SEARCH, search, sizeof search);
	if (rows < 1)
		rows = 1;
	if (o->cur < o->top)
		o->top = o->cur;
	if (o->cur >= o->top + (size_t)rows)
		o->top = o->cur - (size_t)rows + 1;
	for (i = 0; i < o->nshown; i++)
		if (pillars_width(u, o->shown[i].row) > pw)
			pw = pillars_width(u, o->shown[i].row);
	if (pw > u->cols / 3)
		pw = u->cols / 3;
	erase();
	attrset(A_BOLD);
	mvprintw(0, 0, "Outline: %zu heading%s", o->nshown, o->nshown == 1 ? "" : "s");
	attrset(A_NORMAL);
	for (y = 1, i = o->top; i < o->nshown && y <= rows; y++, i++)
		draw_entry(u, o, y, &o->shown[i], i == o->cur, pw);
	if (!o->nshown)
		mvaddstr(1, 2, o->nall ? "No heading holds that" : "This briefing has no headings");
	attrset(u->attr[PAIR_STATUS]);
	move(u->lines - 1, 0);
	hline(' ', u->cols);
	buf_reset(&o->text);
	buf_printf(&o->text, " Outline: Enter goes there, %s filters, %s returns", search, quit);
	if (o->filter.folded.len) {
		buf_adds(&o->text, "  [filter: ");
		text_clean(&o->text, o->filter.pattern.s, o->filter.pattern.len);
		buf_adds(&o->text, "]");
	}
	put_clipped(u->lines - 1, 0, o->text.s, o->text.len, u->cols);
	attrset(A_NORMAL);
	refresh();
}

/* Go to entry e's row, showing every row again if a filter hides it. */
static void
go_to(struct ui *u, const struct entry *e)
{
	struct view *v = &u->view;
	size_t i = view_index(v, e->row);

	if (view_row(v, i) != e->row) {
		view_filter(v, NULL, 0);
		u->filtered = 0;
		i = view_index(v, e->row);
	}
	view_goto_top(v, i);
}

/* o: the outline, until Enter goes to a heading or a key leaves it. */
void
ui_outline(struct ui *u, enum action a)
{
	struct outline o;
	struct buf pattern = {0};

	(void)a;
	memset(&o, 0, sizeof o);
	find_entries(u, &o);
	apply_filter(u, &o);
	for (;;) {
		int key, page = u->lines - 2 > 1 ? u->lines - 2 : 1;
		long step;
		enum action act;

		draw_outline(u, &o);
		key = ui_prompt_key(u);
		if (key == -1)
			break;
		if (key == KEY_RESIZE)
			continue;
		if (key == K_ENTER || keys_dialog(key) == ACT_CONFIRM) {
			if (o.nshown) {
				go_to(u, &o.shown[o.cur]);
				entry_text(u, &o, o.shown[o.cur].row, u->pair[0]);
				ui_message(u, "%s", o.text.s);
				break;
			}
			continue;
		}
		act = keys_action(key);
		if (act == ACT_SEARCH) {
			if (ui_prompt(u, "Outline filter: ", &pattern) == 0) {
				if (search_set(&o.filter, pattern.s) < 0)
					search_free(&o.filter);
				apply_filter(u, &o);
			}
			continue;
		}
		step = ui_scroll_lines(act, page, page / 2 ? page / 2 : 1);
		if (act == ACT_TOP || act == ACT_BOTTOM)
			step = act == ACT_TOP ? -(long)o.nshown : (long)o.nshown;
		if (step == 0)
			break;
		if (step < 0)
			o.cur = (size_t)-step > o.cur ? 0 : o.cur - (size_t)-step;
		else
			o.cur = o.cur + (size_t)step >= o.nshown ? (o.nshown ? o.nshown - 1 : 0) :
			    o.cur + (size_t)step;
	}
	search_free(&o.filter);
	buf_free(&pattern);
	buf_free(&o.text);
	free(o.all);
	free(o.shown);
}
