/* SPDX-License-Identifier: MIT */
/* The viewer's actions: one function per named action of the key table,
 * and the table that says which needs the whole briefing read first. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "doc.h"
#include "lang.h"
#include "settings.h"
#include "ui.h"
#include "ui-private.h"
#include "xalloc.h"

/* While a search scans: the progress; the dialogs' cancel key stops it. */
static int
search_tick(void *ctx, size_t done, size_t total)
{
	struct ui *u = ctx;
	char cancel[32];
	int k;

	keys_first(ACT_CANCEL, cancel, sizeof cancel);
	ui_message(u, "Searching... %zu%% (%s cancels)", done * 100 / (total ? total : 1),
	    cancel);
	ui_draw_status(u);
	refresh();
	timeout(0);
	k = ui_key(NULL);
	timeout(200);
	return (k >= 0 && keys_dialog(k) == ACT_CANCEL) || ui_signal;
}

/* The index in search.rows of the row holding match number m. */
static size_t
row_of_match(const struct search *sr, size_t m)
{
	size_t lo = 0, hi = sr->nrows;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (sr->before[mid] <= m)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Go to the next (or previous) match and say which it is, "3/7".  Within
 * the row of the current match the search steps match by match; from
 * anywhere else it goes to the first match of the next row that has one.
 */
static void
search_go(struct ui *u, int backward)
{
	struct view *v = &u->view;
	const struct search *sr = &u->search;
	size_t r = v->nshown ? view_row(v, v->cur) : 0, m;
	int wrapped;

	if (!u->searching)
		return;
	if (sr->total == 0) {
		ui_message(u, "Pattern not found: %s", sr->pattern.s);
		return;
	}
	if (u->match >= 0 && sr->rows[row_of_match(sr, (size_t)u->match)] == r) {
		m = ((size_t)u->match + (backward ? sr->total - 1 : 1)) % sr->total;
		wrapped = backward ? m == sr->total - 1 : m == 0;
	} else {
		/* A match was found, so some row has one. */
		size_t i = (size_t)search_next(sr, r, backward);

		wrapped = backward ? sr->rows[i] >= r : sr->rows[i] <= r;
		/* Backward, the last match of that row. */
		m = backward ? (i + 1 < sr->nrows ? sr->before[i + 1] : sr->total) - 1 :
		    sr->before[i];
	}
	u->match = (long)m;
	view_goto(v, view_index(v, sr->rows[row_of_match(sr, m)]));
	ui_message(u, "%zu/%zu%s", m + 1, sr->total, wrapped ? " (wrapped)" : "");
}

/* / and ?: find the pattern asked for in the shown languages of every
 * row, once the whole briefing is read (an empty pattern repeats the last
 * search, as in less, there and then). */
static void
search(struct ui *u, enum action a)
{
	int backward = a == ACT_SEARCH_BACK;

	if (ui_prompt(u, backward ? "?" : "/", &u->input) < 0)
		return;
	u->backward = backward;
	if (u->input.len == 0) {
		search_go(u, backward);
		return;
	}
	if (!ui_need_whole(u))
		return;
	u->searching = 0;
	if (search_set(&u->search, u->input.s) < 0)
		return;
	if (search_scan(&u->search, u->doc, u->view.lo.side, search_tick, u) < 0) {
		ui_message(u, "Search cancelled");
		return;
	}
	u->searching = 1;
	u->match = -1;
	search_go(u, backward);
}

static void
next_match(struct ui *u, enum action a)
{
	search_go(u, a == ACT_NEXT_MATCH ? u->backward : !u->backward);
}

/* :p N, to the first row of page N of a PDF in the focused language. */
static void
goto_page(struct ui *u, const char *arg)
{
	int slot = u->view.lo.side[u->focus] >= 0 ? u->view.lo.side[u->focus] :
	    u->view.lo.side[0];
	uint32_t last = 0, p;
	char *end;
	long n = strtol(arg, &end, 10);
	size_t r;

	for (r = 0; r < u->doc->nrows; r++) {
		p = doc_row_page(u->doc, r, slot);
		if (*end == '\0' && n >= 1 && p >= (unsigned long)n) {
			view_goto_top(&u->view, view_index(&u->view, r));
			return;
		}
		if (p > last)
			last = p;
	}
	if (!last)
		ui_message(u, "No pages: this version is not from a PDF");
	else
		ui_message(u, "No page %s (1-%u)", arg, (unsigned)last);
}

/* :, to the paragraph of the number asked for (:p N, to page N of a PDF),
 * once the whole briefing is read. */
static void
goto_paragraph(struct ui *u, enum action a)
{
	char *end;
	long n;

	(void)a;
	if (ui_prompt(u, "Go to paragraph (p N: page): ", &u->input) < 0 || !u->input.len ||
	    !ui_need_whole(u))
		return;
	if (u->input.s[0] == 'p') {
		goto_page(u, u->input.s + 1 + strspn(u->input.s + 1, " "));
		return;
	}
	n = strtol(u->input.s, &end, 10);
	if (*end || n < 1 || (size_t)n > u->doc->nrows)
		ui_message(u, "No paragraph %s (1-%zu)", u->input.s, u->doc->nrows);
	else
		view_goto_top(&u->view, view_index(&u->view, n - 1));
}

/* L: the two languages to show, of three or more, asked for by code. */
static void
choose_pair(struct ui *u, enum action a)
{
	struct buf label = {0};
	int l, got[2], n = 0, asked;
	const char *p;

	(void)a;
	if (u->doc->nlangs < 3) {
		ui_message(u, "This briefing has %d language%s", u->doc->nlangs,
		    u->doc->nlangs == 1 ? "" : "s");
		return;
	}
	buf_adds(&label, "Languages to show (");
	for (l = 0; l < u->doc->nlangs; l++)
		buf_printf(&label, "%s%s", l ? " " : "", lang_code(u->doc->langs[l]));
	buf_adds(&label, "): ");
	asked = ui_prompt(u, label.s, &u->input) == 0;
	buf_free(&label);
	if (!asked)
		return;
	for (p = u->input.s; *p && n < 2;) {
		size_t k;
		int id;

		p += strspn(p, " ,");
		k = strcspn(p, " ,");
		if (!k)
			break;
		id = lang_find(p, k);
		got[n] = id >= 0 ? doc_lang_slot(u->doc, id) : -1;
		if (got[n++] < 0) {
			ui_message(u, "Not a language of this briefing: %.*s", (int)k, p);
			return;
		}
		p += k;
	}
	if (n < 2 || got[0] == got[1]) {
		ui_message(u, "Name two languages, left then right");
		return;
	}
	u->pair[0] = got[0];
	u->pair[1] = got[1];
	u->show = 0;
	ui_relayout(u);
}

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Send text to the terminal's clipboard (OSC 52). */
static void
osc52(const char *s, size_t n)
{
	struct buf out = {0};
	size_t i;

	buf_adds(&out, "\033]52;c;");
	for (i = 0; i < n; i += 3) {
		unsigned v = (unsigned char)s[i] << 16;

		if (i + 1 < n)
			v |= (unsigned char)s[i + 1] << 8;
		if (i + 2 < n)
			v |= (unsigned char)s[i + 2];
		buf_addc(&out, b64[v >> 18 & 63]);
		buf_addc(&out, b64[v >> 12 & 63]);
		buf_addc(&out, i + 1 < n ? b64[v >> 6 & 63] : '=');
		buf_addc(&out, i + 2 < n ? b64[v & 63] : '=');
	}
	buf_adds(&out, "\a");
	fwrite(out.s, 1, out.len, stdout);
	fflush(stdout);
	buf_free(&out);
}

/* y: copy the current paragraph in the focused language, with the [copy]
 * command or to the terminal's clipboard. */
static void
copy_paragraph(struct ui *u, enum action a)
{
	struct view *v = &u->view;
	const char *command = settings_get(u->opts->cfg, "copy:command");
	struct buf text = {0}, why = {0};
	int slot = v->lo.side[u->focus];
	const uint32_t *ids;
	const char *code;
	size_t n, i, r;

	(void)a;
	if (v->nshown == 0 || slot < 0)
		return;
	r = view_row(v, v->cur);
	code = lang_code(u->doc->langs[slot]);
	ids = doc_row_blocks(u->doc, r, slot, &n);
	if (n == 0) {
		ui_message(u, "No %s text in this paragraph", code);
		return;
	}
	for (i = 0; i < n; i++) {
		if (i)
			buf_adds(&text, "\n\n");
		doc_block_text(u->doc, ids[i], &text);
	}
	if (command && *command) {
		char **argv = command_split(command, &why);

		if (argv && command_feed(argv, text.s, text.len, 0, &why) == COMMAND_OK)
			ui_message(u, "Copied paragraph %zu (%s) with %s", r + 1, code, argv[0]);
		else
			ui_message(u, "Copy failed: [copy] command: %s", why.s);
		command_free(argv);
	} else {
		osc52(text.s, text.len);
		ui_message(u, "Copied paragraph %zu (%s) to the clipboard", r + 1, code);
	}
	buf_free(&text);
	buf_free(&why);
}

/* 1-9: the next paragraph of that pillar, which becomes the active one;
 * ] and [: the next or previous of the active pillar; wrapping round. */
static void
pillar(struct ui *u, enum action a)
{
	struct view *v = &u->view;
	int backward = a == ACT_PREV_PILLAR, count = pillars_count(u->pillars);
	int k = backward || a == ACT_NEXT_PILLAR ? u->active : (int)(a - ACT_PILLAR_1);
	size_t n = v->nshown, i, step;

	if (k < 0) {
		ui_message(u, "No active pillar: press 1-%d first", count < 9 ? count : 9);
		return;
	}
	if (k >= count) {
		ui_message(u, "There is no pillar %d (see [pillars] order)", k + 1);
		return;
	}
	u->active = k;
	for (step = 1; step <= n; step++) {
		int wrapped = backward ? step > v->cur : v->cur + step >= n;

		i = backward ? (v->cur + n - step) % n : (v->cur + step) % n;
		if (pillars_row(u->pillars, view_row(v, i)) >> k & 1) {
			view_goto(v, i);
			ui_message(u, "%s%s", pillars_title(u->pillars, k,
			    u->doc->langs[v->lo.side[0] >= 0 ? v->lo.side[0] : 0], 0),
			    wrapped ? " (wrapped)" : "");
			return;
		}
	}
	ui_message(u, "No paragraph of %s", pillars_title(u->pillars, k,
	    u->doc->langs[v->lo.side[0] >= 0 ? v->lo.side[0] : 0], 0));
}

/* Show only the rows of the active pillar, or all again. */
static void
filter_rows(struct ui *u, enum action a)
{
	size_t *rows, n = 0, r;

	(void)a;
	if (u->filtered) {
		view_filter(&u->view, NULL, 0);
		u->filtered = 0;
		ui_message(u, "All paragraphs");
		return;
	}
	if (u->active < 0) {
		ui_message(u, "No active pillar: press 1-9 first");
		return;
	}
	rows = xmalloc(sizeof *rows * (u->doc->nrows + 1));
	for (r = 0; r < u->doc->nrows; r++)
		if (pillars_row(u->pillars, r) >> u->active & 1)
			rows[n++] = r;
	if (n) {
		view_filter(&u->view, rows, n);
		u->filtered = 1;
	} else {
		ui_message(u, "No paragraph of %s", pillars_title(u->pillars, u->active,
		    u->doc->langs[u->view.lo.side[0] >= 0 ? u->view.lo.side[0] : 0], 0));
	}
	free(rows);
}

/* e: the next shown row that has text in one shown language only. */
static void
next_gap(struct ui *u, enum action a)
{
	struct view *v = &u->view;
	size_t n = v->nshown, step, i, k, gaps = 0, nth = 0;

	(void)a;
	if (v->lo.side[1] < 0) {
		ui_message(u, "One language shown: no gaps to find");
		return;
	}
	for (step = 1; step <= n; step++) {
		int wrapped = v->cur + step >= n;

		i = (v->cur + step) % n;
		if (!layout_gap(u->doc, view_row(v, i), v->lo.side))
			continue;
		view_goto(v, i);
		for (k = 0; k < n; k++)
			if (layout_gap(u->doc, view_row(v, k), v->lo.side)) {
				gaps++;
				if (k == i)
					nth = gaps;
			}
		ui_message(u, "Untranslated %zu of %zu%s", nth, gaps, wrapped ? " (wrapped)" : "");
		return;
	}
	ui_message(u, "Every paragraph shown has its translation");
}

/* Mark row r, or unmark it, keeping the count. */
static void
mark_row(struct ui *u, size_t r, int on)
{
	if (on && !u->marked[r])
		u->nmarked++;
	if (!on && u->marked[r])
		u->nmarked--;
	u->marked[r] = (unsigned char)on;
}

/* v: start a range here, or mark from its start to here. */
static void
mark_range(struct ui *u, enum action a)
{
	size_t r, from, to, k;

	(void)a;
	if (u->view.nshown == 0)
		return;
	r = view_row(&u->view, u->view.cur);
	if (u->range < 0) {
		u->range = (long)r;
		ui_message(u, "Range from paragraph %zu: v again at its end", r + 1);
		return;
	}
	from = (size_t)u->range < r ? (size_t)u->range : r;
	to = (size_t)u->range < r ? r : (size_t)u->range;
	for (k = from; k <= to; k++)
		mark_row(u, k, 1);
	u->range = -1;
	ui_message(u, "Marked paragraphs %zu-%zu (%zu marked)", from + 1, to + 1, u->nmarked);
}

/* m: mark the current paragraph, or unmark it. */
static void
mark(struct ui *u, enum action a)
{
	struct view *v = &u->view;
	size_t r;

	(void)a;
	if (v->nshown == 0)
		return;
	r = view_row(v, v->cur);
	mark_row(u, r, !u->marked[r]);
	ui_message(u, "%s paragraph %zu (%zu marked)", u->marked[r] ? "Marked" : "Unmarked",
	    r + 1, u->nmarked);
}

int
ui_scroll_lines(enum action a, int page, int half)
{
	switch (a) {
	case ACT_DOWN: return 1;
	case ACT_UP: return -1;
	case ACT_PAGE_DOWN: return page;
	case ACT_PAGE_UP: return -page;
	case ACT_HALF_DOWN: return half;
	case ACT_HALF_UP: return -half;
	default: return 0;
	}
}

/* j k, the pages and half pages, down or up. */
static void
scroll_text(struct ui *u, enum action a)
{
	int page = ui_text_lines(u);

	view_scroll(&u->view, ui_scroll_lines(a, page > 2 ? page - 1 : 1,
	    page / 2 ? page / 2 : 1));
}

/* g and G: the first paragraph, at the top, or the end. */
static void
go_end(struct ui *u, enum action a)
{
	if (a == ACT_TOP)
		view_goto_top(&u->view, 0);
	else
		view_end(&u->view);
}

/* { and }: the paragraph before or after the current one. */
static void
step_paragraph(struct ui *u, enum action a)
{
	struct view *v = &u->view;

	if (a == ACT_PREV_PARA && v->cur > 0)
		view_goto(v, v->cur - 1);
	else if (a == ACT_NEXT_PARA && v->cur + 1 < v->nshown)
		view_goto(v, v->cur + 1);
}

static void
focus(struct ui *u, enum action a)
{
	(void)a;
	if (u->view.lo.side[1] >= 0)
		u->focus = !u->focus;
}

/* t: the right language goes left and the left one right. */
static void
swap(struct ui *u, enum action a)
{
	int t = u->pair[0];

	(void)a;
	if (u->pair[1] < 0)
		return;
	u->pair[0] = u->pair[1];
	u->pair[1] = t;
	if (u->show)
		u->show = 3 - u->show;
	ui_relayout(u);
}

/* l: both languages, the left one, the right one. */
static void
cycle(struct ui *u, enum action a)
{
	(void)a;
	if (u->pair[1] < 0)
		return;
	u->show = (u->show + 1) % 3;
	ui_relayout(u);
}

static void
stack(struct ui *u, enum action a)
{
	(void)a;
	u->stacked = !u->stacked;
	if (!u->stacked && u->cols < u->stack_below)
		ui_message(u, "Too narrow for side by side (under %d columns)", u->stack_below);
	ui_relayout(u);
}

static void
pillar_bar(struct ui *u, enum action a)
{
	(void)a;
	u->bar = !u->bar;
	ui_relayout(u);
}

static void
redraw(struct ui *u, enum action a)
{
	(void)u;
	(void)a;
	clearok(curscr, TRUE);
}

static void
quit(struct ui *u, enum action a)
{
	(void)a;
	u->quit = 1;
}

/* What an action needs of a briefing still being read: nothing, all of
 * it, or all of it once the end of the part read is on the screen. */
enum need { NEED_NOTHING, NEED_WHOLE, NEED_WHOLE_AT_END };
/* Whether an action is a jump, that '' comes back from. */
enum { MOVES, JUMPS };

/* The actions.  Those that ask the reader something first (:, / and ?)
 * wait for the whole briefing themselves, once they have asked. */
static const struct ui_action {
	enum action action;
	void (*run)(struct ui *u, enum action a);
	enum need need;
	int jump;
} actions[] = {
	{ ACT_DOWN, scroll_text, NEED_WHOLE_AT_END, MOVES },
	{ ACT_UP, scroll_text, NEED_NOTHING, MOVES },
	{ ACT_PAGE_DOWN, scroll_text, NEED_WHOLE_AT_END, MOVES },
	{ ACT_PAGE_UP, scroll_text, NEED_NOTHING, MOVES },
	{ ACT_HALF_DOWN, scroll_text, NEED_WHOLE_AT_END, MOVES },
	{ ACT_HALF_UP, scroll_text, NEED_NOTHING, MOVES },
	{ ACT_TOP, go_end, NEED_NOTHING, JUMPS },
	{ ACT_BOTTOM, go_end, NEED_WHOLE, JUMPS },
	{ ACT_PREV_PARA, step_paragraph, NEED_NOTHING, MOVES },
	{ ACT_NEXT_PARA, step_paragraph, NEED_WHOLE_AT_END, MOVES },
	{ ACT_GOTO, goto_paragraph, NEED_NOTHING, JUMPS },
	{ ACT_FOCUS, focus, NEED_NOTHING, MOVES },
	{ ACT_SWAP, swap, NEED_NOTHING, MOVES },
	{ ACT_CYCLE, cycle, NEED_NOTHING, MOVES },
	{ ACT_PAIR, choose_pair, NEED_NOTHING, MOVES },
	{ ACT_STACK, stack, NEED_NOTHING, MOVES },
	{ ACT_SEARCH, search, NEED_NOTHING, JUMPS },
	{ ACT_SEARCH_BACK, search, NEED_NOTHING, JUMPS },
	{ ACT_NEXT_MATCH, next_match, NEED_NOTHING, JUMPS },
	{ ACT_PREV_MATCH, next_match, NEED_NOTHING, JUMPS },
	{ ACT_PILLAR_1, pillar, NEED_WHOLE, JUMPS },
	{ ACT_PILLAR_2, pillar, NEED_WHOLE, JUMPS },
	{ ACT_PILLAR_3, pillar, NEED_WHOLE, JUMPS },
	{ ACT_PILLAR_4, pillar, NEED_WHOLE, JUMPS },
	{ ACT_PILLAR_5, pillar, NEED_WHOLE, JUMPS },
	{ ACT_PILLAR_6, pillar, NEED_WHOLE, JUMPS },
	{ ACT_PILLAR_7, pillar, NEED_WHOLE, JUMPS },
	{ ACT_PILLAR_8, pillar, NEED_WHOLE, JUMPS },
	{ ACT_PILLAR_9, pillar, NEED_WHOLE, JUMPS },
	{ ACT_NEXT_PILLAR, pillar, NEED_WHOLE, JUMPS },
	{ ACT_PREV_PILLAR, pillar, NEED_WHOLE, JUMPS },
	{ ACT_PILLAR_BAR, pillar_bar, NEED_NOTHING, MOVES },
	{ ACT_FILTER, filter_rows, NEED_WHOLE, MOVES },
	{ ACT_NEXT_GAP, next_gap, NEED_WHOLE, JUMPS },
	{ ACT_OUTLINE, ui_outline, NEED_WHOLE, JUMPS },
	{ ACT_MARK, mark, NEED_WHOLE, MOVES },
	{ ACT_RANGE, mark_range, NEED_WHOLE, MOVES },
	{ ACT_PRINT, ui_print_dialog, NEED_WHOLE, MOVES },
	{ ACT_BOOKMARK, ui_bookmark_set, NEED_NOTHING, MOVES },
	{ ACT_GO_BOOKMARK, ui_bookmark_go, NEED_NOTHING, MOVES },
	{ ACT_BOOKMARKS, ui_bookmarks, NEED_NOTHING, MOVES },
	{ ACT_JOIN, ui_fix, NEED_WHOLE, MOVES },
	{ ACT_SPLIT, ui_fix, NEED_WHOLE, MOVES },
	{ ACT_UNDO, ui_fix, NEED_WHOLE, MOVES },
	{ ACT_COPY, copy_paragraph, NEED_NOTHING, MOVES },
	{ ACT_HELP, ui_help, NEED_NOTHING, MOVES },
	{ ACT_REDRAW, redraw, NEED_NOTHING, MOVES },
	{ ACT_RELOAD, ui_reload, NEED_WHOLE, MOVES },
	{ ACT_QUIT, quit, NEED_NOTHING, MOVES },
};

/* Whether the last row read so far is on the screen. */
static int
at_end(struct ui *u)
{
	return u->view.nshown && view_visible(&u->view, u->view.nshown - 1);
}

void
ui_act(struct ui *u, enum action a)
{
	size_t i;

	for (i = 0; i < sizeof actions / sizeof actions[0]; i++)
		if (actions[i].action == a)
			break;
	if (i == sizeof actions / sizeof actions[0])
		return;
	if (u->loader && (actions[i].need == NEED_WHOLE ||
	    (actions[i].need == NEED_WHOLE_AT_END && at_end(u))) && !ui_need_whole(u))
		return;
	if (actions[i].jump == JUMPS) {
		struct ui_spot from;

		ui_jump_start(u, &from);
		actions[i].run(u, a);
		ui_jump_end(u, &from);
		return;
	}
	actions[i].run(u, a);
}
