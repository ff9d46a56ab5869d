/* SPDX-License-Identifier: MIT */
/* The full-screen viewer: the only module that includes curses. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include <curses.h>

#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "keys.h"
#include "lang.h"
#include "loader.h"
#include "pillar.h"
#include "print.h"
#include "layout.h"
#include "search.h"
#include "settings.h"
#include "command.h"
#include "text.h"
#include "ui.h"
#include "view.h"
#include "xalloc.h"

enum { PAIR_TEXT = 1, PAIR_GUTTER, PAIR_STATUS, PAIR_CURRENT, PAIR_MATCH, PAIR_MARK,
	PAIR_PILLAR, PAIR_COUNT = PAIR_PILLAR + PILLAR_MAX };

struct ui {
	struct doc *doc;
	const struct ui_opts *opts;
	const char *copy_command;	/* [copy] command, or empty for OSC 52 */
	int stack_below;		/* stack by itself under this width */
	int mouse, status;
	struct view view;
	struct layout_opts base;	/* split, gutter, wrap */
	int pair[2];			/* language slots, left and right */
	int show;			/* 0 both, 1 left only, 2 right only */
	int stacked;			/* the reader asked for stacked */
	int focus;			/* 0 left, 1 right */
	struct pillars *pillars;
	struct loader *loader;		/* still reading the whole briefing */
	int quit;			/* q while waiting for it */
	int active;			/* the active pillar, or -1 */
	int bar;			/* the pillar bar is shown */
	int filtered;			/* only the active pillar's rows */
	unsigned char *marked;		/* per doc row: chosen for printing */
	size_t nmarked;
	long range;			/* where a v range started, or -1 */
	struct search search;
	int searching;			/* a pattern is set */
	long match;			/* the current match's number, or -1 */
	int backward;			/* the last search went backward */
	struct buf msg;
	int colors;
	attr_t attr[PAIR_COUNT];	/* per PAIR_*: from [colors] */
	int lines, cols;
};

static volatile sig_atomic_t got_signal;
static int curses_up;
static struct buf held;		/* warnings held while the screen is up */
static int nheld;

static void
hold(const char *msg)
{
	if (held.len)
		buf_adds(&held, "\n");
	buf_adds(&held, msg);
	nheld++;
}

void
ui_hold_warnings(void)
{
	diag_set_sink(hold);
}

static void
restore_terminal(void)
{
	if (curses_up) {
		endwin();
		curses_up = 0;
	}
}

static void
on_signal(int sig)
{
	got_signal = sig;
}

/* --- layout -------------------------------------------------------- */

static void
current_layout(struct ui *u, struct layout_opts *lo)
{
	*lo = u->base;
	lo->width = u->cols;
	if (u->show == 0 && u->pair[1] >= 0) {
		lo->side[0] = u->pair[0];
		lo->side[1] = u->pair[1];
		lo->mode = u->stacked || u->cols < u->stack_below ?
		    LAYOUT_STACKED : LAYOUT_SIDE;
	} else {
		lo->side[0] = u->show == 2 ? u->pair[1] : u->pair[0];
		lo->side[1] = -1;
		lo->mode = LAYOUT_SINGLE;
	}
	if (lo->side[1] < 0)
		u->focus = 0;
}

/* The languages to show, side by side or not, from a layout. */
static void
set_pairs(struct ui *u, const struct layout_opts *lo)
{
	u->pair[0] = lo->side[0] >= 0 ? lo->side[0] : 0;
	u->pair[1] = lo->side[1] >= 0 ? lo->side[1] : -1;
	u->show = 0;
	if (lo->side[1] < 0 && u->doc->nlangs > 1) {
		u->pair[1] = u->pair[0] == 0 ? 1 : 0;
		u->show = 1;
	}
	u->stacked = lo->mode == LAYOUT_STACKED;
	if (lo->mode == LAYOUT_SINGLE && u->pair[1] >= 0)
		u->show = 1;
}

/* The first screen line of the text: under the pillar bar, if shown. */
static int
text_top(const struct ui *u)
{
	return u->bar && pillars_count(u->pillars) > 0 && u->lines > 3;
}

static int
text_lines(const struct ui *u)
{
	int n = u->lines - (u->status ? 1 : 0) - text_top(u);

	return n > 0 ? n : 1;
}

static void
relayout(struct ui *u)
{
	struct layout_opts lo;

	getmaxyx(stdscr, u->lines, u->cols);
	current_layout(u, &lo);
	view_set_layout(&u->view, &lo, text_lines(u));
}

static void
message(struct ui *u, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
message(struct ui *u, const char *fmt, ...)
{
	va_list ap;

	buf_reset(&u->msg);
	va_start(ap, fmt);
	buf_vprintf(&u->msg, fmt, ap);
	va_end(ap);
}

/* --- painting ------------------------------------------------------ */

static attr_t
attr_of(struct ui *u, int pair)
{
	return u->attr[pair];
}

/* Draw text[off..off+len) at (y, x): the pillars' terms in their colours,
 * search matches over them. */
static void
draw_text(struct ui *u, int y, int x, int lang, const char *text, size_t tlen,
    size_t off, size_t len, attr_t base)
{
	enum { MARGIN = 256 };
	struct span spans[64];
	struct pillar_match pm[64];
	attr_t *at = xmalloc(sizeof *at * (len + 1));
	size_t n, i, k, pos, from, to;

	for (k = 0; k < len; k++)
		at[k] = base;
	/* Terms and search matches are looked for around the line only (a
	 * paragraph may be huge): from a blank before it to one after, with
	 * room for a term or a pattern of several words either side. */
	from = off > MARGIN ? off - MARGIN : 0;
	while (from > 0 && text[from - 1] != ' ' && off - from < 2 * MARGIN)
		from--;
	to = tlen - (off + len) > MARGIN ? off + len + MARGIN : tlen;
	while (to < tlen && text[to] != ' ' && to - (off + len) < 2 * MARGIN)
		to++;
	n = pillars_match(u->pillars, lang, text + from, to - from, pm, 64);
	for (i = 0; i < n && i < 64; i++)
		for (k = from + pm[i].start; k < from + pm[i].end; k++)
			if (k >= off && k < off + len)
				at[k - off] = attr_of(u, PAIR_PILLAR + pm[i].pillar) |
				    (base & A_BOLD);
	n = u->searching ? search_text(&u->search, text + from, to - from, spans, 64) : 0;
	for (i = 0; i < n && i < 64; i++)
		for (k = from + spans[i].start; k < from + spans[i].end; k++)
			if (k >= off && k < off + len)
				at[k - off] = attr_of(u, PAIR_MATCH) | (base & A_BOLD);
	move(y, x);
	for (pos = 0; pos < len; pos = k) {
		for (k = pos + 1; k < len && at[k] == at[pos]; k++)
			;
		/* Never split a character between attributes. */
		while (k < len && ((unsigned char)text[off + k] & 0xC0) == 0x80)
			k++;
		attrset(at[pos]);
		addnstr(text + off + pos, (int)(k - pos));
	}
	attrset(A_NORMAL);
	free(at);
}

/* The pillar bar: each pillar's number, title and how many rows it tags. */
static void
paint_bar(struct ui *u)
{
	int i, x = 0, slot = u->view.lo.side[0] >= 0 ? u->view.lo.side[0] : 0;

	if (!text_top(u))
		return;
	move(0, 0);
	attrset(attr_of(u, PAIR_STATUS));
	hline(' ', u->cols);
	for (i = 0; i < pillars_count(u->pillars) && x < u->cols - 1; i++) {
		struct buf s = {0};
		int used;
		size_t fit;

		buf_printf(&s, " %d ", i + 1);
		text_clean(&s, pillars_title(u->pillars, i, u->doc->langs[slot], 0),
		    strlen(pillars_title(u->pillars, i, u->doc->langs[slot], 0)));
		if (pillars_done(u->pillars) && !u->loader)
			buf_printf(&s, " (%zu) ", pillars_rows(u->pillars, i));
		else
			buf_adds(&s, " (\xe2\x80\xa6) ");
		fit = text_fit(s.s, s.len, u->cols - x, &used);
		attrset(i == u->active ? attr_of(u, PAIR_PILLAR + i) | A_REVERSE :
		    attr_of(u, PAIR_STATUS));
		mvaddnstr(0, x, s.s, (int)fit);
		x += used + 1;
		buf_free(&s);
	}
	attrset(A_NORMAL);
}

static void
paint_status(struct ui *u)
{
	struct layout_opts *lo = &u->view.lo;
	struct buf s = {0}, right = {0};
	int y = u->lines - 1, w, k;

	if (!u->status)
		return;
	buf_adds(&s, " ");
	text_clean(&s, u->opts->name, strlen(u->opts->name));
	buf_adds(&s, " ");
	for (k = 0; k < 2; k++) {
		int slot = lo->side[k];
		char code[16];
		size_t i;

		if (slot < 0)
			continue;
		snprintf(code, sizeof code, "%s", lang_code(u->doc->langs[slot]));
		for (i = 0; code[i]; i++)
			code[i] = (char)(code[i] >= 'a' && code[i] <= 'z' ? code[i] - 32 : code[i]);
		if (k == 1)
			buf_adds(&s, " | ");
		if (lo->side[1] >= 0 && u->focus == k)
			buf_printf(&s, "[%s]", code);
		else
			buf_adds(&s, code);
	}
	if (u->view.nshown && u->loader)
		buf_printf(&s, "  \xc2\xb6 %zu/\xe2\x80\xa6", view_row(&u->view, u->view.cur) + 1);
	else if (u->view.nshown)
		buf_printf(&s, "  \xc2\xb6 %zu/%zu  %zu%%", view_row(&u->view, u->view.cur) + 1,
		    u->doc->nrows, (view_row(&u->view, u->view.cur) + 1) * 100 /
		    (u->doc->nrows ? u->doc->nrows : 1));
	else
		buf_adds(&s, "  (no paragraphs)");
	if (u->filtered)
		buf_printf(&s, "  [filter: %s]", pillars_id(u->pillars, u->active));
	if (u->nmarked)
		buf_printf(&s, "  *%zu", u->nmarked);
	if (u->view.nshown) {
		uint32_t m = pillars_row(u->pillars, view_row(&u->view, u->view.cur));
		int i, any = 0;

		for (i = 0; i < pillars_count(u->pillars); i++)
			if (m >> i & 1)
				buf_printf(&s, "%s%s", any++ ? ", " : "  ", pillars_id(u->pillars, i));
	}
	if (u->msg.len)
		text_clean(&right, u->msg.s, u->msg.len);
	attrset(attr_of(u, PAIR_STATUS));
	move(y, 0);
	hline(' ', u->cols);
	w = text_width(s.s, s.len);
	{
		int used;
		size_t fit = text_fit(s.s, s.len, u->cols, &used);

		mvaddnstr(y, 0, s.s, (int)fit);
	}
	if (right.len && w + 2 < u->cols) {
		int used, room = u->cols - w - 2;
		size_t fit = text_fit(right.s, right.len, room, &used);

		mvaddnstr(y, u->cols - used - 1, right.s, (int)fit);
	}
	attrset(A_NORMAL);
	buf_free(&s);
	buf_free(&right);
}

static void
paint(struct ui *u)
{
	struct view *v = &u->view;
	struct layout_geom g;
	int y, n = text_lines(u), top = text_top(u);

	layout_geom(&v->lo, &g);
	erase();
	paint_bar(u);
	for (y = 0; y < n; y++) {
		struct layout_seg seg[2];
		const struct row_view *rv;
		size_t i;
		int line, k, ns, cur, sy = y + top;

		if (!view_at(v, y, &i, &line))
			break;
		rv = view_layout(v, i);
		cur = i == v->cur;
		if (v->lo.mode == LAYOUT_SIDE) {
			int gx = g.w[0] + v->lo.gutter / 2;

			if (gx < u->cols) {
				attrset(cur ? attr_of(u, PAIR_CURRENT) :
				    attr_of(u, PAIR_GUTTER));
				mvaddstr(sy, gx, cur ? "\xe2\x94\x83" : "\xe2\x94\x82");
				attrset(A_NORMAL);
			}
		}
		if (line == 0 && u->marked[view_row(v, i)]) {
			int mx = v->lo.mode == LAYOUT_SIDE ? g.w[0] + (v->lo.gutter - 1) / 2 - 1 :
			    u->cols - 1;

			if (mx >= 0 && mx < u->cols) {
				attrset(attr_of(u, PAIR_MARK) | A_BOLD);
				mvaddstr(sy, mx, "*");
				attrset(A_NORMAL);
			}
		}
		if (line >= rv->height)
			continue;
		ns = layout_line(rv, &v->lo, line, seg);
		for (k = 0; k < ns; k++) {
			const struct text_line *tl = &rv->lines[seg[k].side].v[seg[k].line];
			const struct buf *t = &rv->text[seg[k].side];

			if (tl->len == 0)
				continue;
			draw_text(u, sy, seg[k].x, u->doc->langs[v->lo.side[seg[k].side]],
			    t->s, t->len, tl->off, tl->len,
			    cur ? attr_of(u, PAIR_CURRENT) : attr_of(u, PAIR_TEXT));
		}
	}
	paint_status(u);
	refresh();
}

/* --- input --------------------------------------------------------- */

/* The one place keys come in: curses codes become key codes. */
static int
ui_key(MEVENT *mouse)
{
	wint_t ch;
	int r = get_wch(&ch);

	if (r == ERR)
		return -1;
	if (r == KEY_CODE_YES) {
		switch (ch) {
		case KEY_UP: return K_UP;
		case KEY_DOWN: return K_DOWN;
		case KEY_LEFT: return K_LEFT;
		case KEY_RIGHT: return K_RIGHT;
		case KEY_PPAGE: return K_PGUP;
		case KEY_NPAGE: return K_PGDN;
		case KEY_HOME: return K_HOME;
		case KEY_END: return K_END;
		case KEY_BTAB: return K_BTAB;
		case KEY_BACKSPACE: return K_BACKSPACE;
		case KEY_DC: return K_DELETE;
		case KEY_IC: return K_INSERT;
		case KEY_ENTER: return K_ENTER;
		case KEY_RESIZE: return KEY_RESIZE;
		case KEY_MOUSE:
			if (mouse && getmouse(mouse) == OK)
				return KEY_MOUSE;
			return -1;
		default:
			if (ch >= KEY_F(1) && ch <= KEY_F(12))
				return K_F1 + (ch - KEY_F(1));
			return -1;
		}
	}
	switch (ch) {
	case '\n': case '\r': return K_ENTER;
	case '\t': return K_TAB;
	case 27: return K_ESC;
	case 127: case 8: return K_BACKSPACE;
	default:
		if (ch < 32)
			return K_CTRL | (ch + 'a' - 1);
		return (int)ch;
	}
}

/* A key for a prompt or dialog: idle timeouts are waited out and a resize
 * lays the text out again (the dialog then draws itself anew); -1 when a
 * signal asks the viewer to stop. */
static int
dialog_key(struct ui *u)
{
	for (;;) {
		int k = ui_key(NULL);

		if (got_signal)
			return -1;
		if (k == KEY_RESIZE) {
			relayout(u);
			paint(u);
		}
		if (k != -1)
			return k;
	}
}

/* Read a line on the status line; returns 0 with the text in out, or -1
 * when Esc cancelled it. */
static int
prompt(struct ui *u, const char *label, struct buf *out)
{
	buf_reset(out);
	buf_add(out, "", 0);
	curs_set(1);
	for (;;) {
		int y = u->lines - 1, used, k;
		size_t fit, start = 0;

		/* Show the end of a long input. */
		while (text_width(out->s + start, out->len - start) +
		    text_width(label, strlen(label)) >= u->cols - 1 && start < out->len) {
			start++;
			while (start < out->len && ((unsigned char)out->s[start] & 0xC0) == 0x80)
				start++;
		}
		move(y, 0);
		clrtoeol();
		mvaddstr(y, 0, label);
		fit = text_fit(out->s + start, out->len - start, u->cols - 1, &used);
		addnstr(out->s + start, (int)fit);
		refresh();
		k = dialog_key(u);
		if (k == -1)
			break;
		if (k == KEY_RESIZE)
			continue;
		if (k == K_ESC || k == (K_CTRL | 'c') || k == (K_CTRL | 'g')) {
			curs_set(0);
			return -1;
		}
		if (k == K_ENTER) {
			curs_set(0);
			return 0;
		}
		if (k == K_BACKSPACE) {
			if (out->len == 0) {
				curs_set(0);
				return -1;
			}
			/* Remove one character (all its UTF-8 bytes). */
			while (out->len > 0 &&
			    ((unsigned char)out->s[--out->len] & 0xC0) == 0x80)
				;
			out->s[out->len] = '\0';
			continue;
		}
		if (k == (K_CTRL | 'u')) {
			buf_reset(out);
			continue;
		}
		if (k >= ' ' && k < KEY_CODE_BASE && k != 0x7F) {
			char tmp[8];
			wchar_t wc = (wchar_t)k;
			mbstate_t st;
			size_t m;

			memset(&st, 0, sizeof st);
			m = wcrtomb(tmp, wc, &st);
			if (m != (size_t)-1)
				buf_add(out, tmp, m);
		}
	}
	curs_set(0);
	return -1;
}

/* --- a briefing still being read ------------------------------------ */

/*
 * The whole briefing is read: show it in place of its first part, at the
 * same paragraph, with the same languages.
 */
static void
adopt(struct ui *u)
{
	struct doc *first = u->doc, *whole;
	struct view *v = &u->view;
	struct layout_opts lo;
	struct buf why = {0};
	long top = 0, cur = 0;
	int top_line = v->top_line, before = nheld, k;

	whole = loader_doc(u->loader, &why);
	diag_flush();
	if (!whole) {
		message(u, "%s (showing the first part only)", why.s ? why.s : "");
		u->loader = NULL;
		buf_free(&why);
		return;
	}
	if (v->nshown) {
		top = loader_map_row(u->loader, first, view_row(v, v->top));
		cur = loader_map_row(u->loader, first, view_row(v, v->cur));
	}
	u->loader = NULL;
	u->doc = whole;
	u->pillars = u->opts->whole(whole, &lo);
	for (k = 0; k < 2 && first->nlangs > 1; k++)
		if (u->pair[k] >= 0)
			u->pair[k] = doc_lang_slot(whole, first->langs[u->pair[k]]);
	/* The first part held one version only: start as with the whole. */
	if (first->nlangs < 2 || u->pair[0] < 0 || (u->pair[1] < 0 && whole->nlangs > 1))
		set_pairs(u, &lo);
	free(u->marked);
	u->marked = xcalloc(whole->nrows + 1, 1);
	u->nmarked = 0;
	view_free(v);
	current_layout(u, &lo);
	view_init(v, whole, &lo, text_lines(u));
	if (top >= 0 && cur >= 0 && v->nshown) {
		view_goto_top(v, view_index(v, (size_t)top));
		if (top_line < view_height(v, v->top))
			v->top_line = top_line;
		v->cur = view_index(v, (size_t)cur);
		if (!view_visible(v, v->cur))
			view_goto(v, v->cur);
	}
	if (nheld > before) {
		const char *m = held.s, *nl;
		int i;

		for (i = 0; i < before; i++)
			m = strchr(m, '\n') + 1;
		nl = strchr(m, '\n');
		message(u, "%.*s%s", (int)(nl ? nl - m : (long)strlen(m)), m,
		    nheld > before + 1 ? " (and more, shown on exit)" : "");
	}
}

/*
 * Before an action that needs the whole briefing (the end, a search, a
 * pillar, printing): wait until it is read, showing so; Esc stops
 * waiting, q quits.  Returns 0 when the reader stopped waiting.
 */
static int
need_whole(struct ui *u)
{
	while (u->loader && !loader_done(u->loader)) {
		int k;

		message(u, "Reading the whole briefing... (Esc stops waiting)");
		paint_status(u);
		refresh();
		timeout(50);
		k = ui_key(NULL);
		if (k == KEY_RESIZE) {
			relayout(u);
			paint(u);
		} else if (k == K_ESC || got_signal || (k >= 0 && keys_action(k) == ACT_QUIT)) {
			u->quit = k >= 0 && keys_action(k) == ACT_QUIT;
			message(u, "Still reading the briefing");
			return 0;
		}
	}
	buf_reset(&u->msg);
	if (u->loader)
		adopt(u);
	return 1;
}

/* Whether a key is waiting to be read (it stays there). */
static int
key_waiting(void)
{
	int k;

	nodelay(stdscr, TRUE);
	k = getch();
	nodelay(stdscr, FALSE);
	if (k == ERR)
		return 0;
	ungetch(k);
	return 1;
}

/* Scrolling down to the end of the first part waits for the whole. */
static int
near_end(struct ui *u)
{
	return !u->loader || !u->view.nshown || !view_visible(&u->view, u->view.nshown - 1) ||
	    need_whole(u);
}

/* --- actions ------------------------------------------------------- */

static int
search_tick(void *ctx, size_t done, size_t total)
{
	struct ui *u = ctx;
	int k;

	message(u, "Searching... %zu%% (Esc cancels)", done * 100 / (total ? total : 1));
	paint_status(u);
	refresh();
	nodelay(stdscr, TRUE);
	k = ui_key(NULL);
	nodelay(stdscr, FALSE);
	timeout(200);
	return k == K_ESC || got_signal;
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
	size_t r = v->nshown ? view_row(v, v->cur) : 0, m, k;
	int wrapped = 0;

	if (!u->searching)
		return;
	if (sr->total == 0) {
		message(u, "Pattern not found: %s", sr->pattern.s);
		return;
	}
	if (u->match >= 0 && sr->rows[row_of_match(sr, (size_t)u->match)] == r) {
		if (backward) {
			wrapped = u->match == 0;
			m = wrapped ? sr->total - 1 : (size_t)u->match - 1;
		} else {
			wrapped = (size_t)u->match + 1 == sr->total;
			m = wrapped ? 0 : (size_t)u->match + 1;
		}
	} else {
		long i = search_next(sr, r, backward);

		if (i < 0) {
			message(u, "Pattern not found: %s", sr->pattern.s);
			return;
		}
		wrapped = backward ? sr->rows[i] >= r : sr->rows[i] <= r;
		/* Backward, the last match of that row. */
		m = backward ? ((size_t)i + 1 < sr->nrows ? sr->before[i + 1] : sr->total) - 1 :
		    sr->before[i];
	}
	u->match = (long)m;
	k = row_of_match(sr, m);
	view_goto(v, view_index(v, sr->rows[k]));
	message(u, "%zu/%zu%s", m + 1, sr->total, wrapped ? " (wrapped)" : "");
}

static void
start_search(struct ui *u, int backward)
{
	struct buf pat = {0};
	int sides[2];

	if (prompt(u, backward ? "?" : "/", &pat) < 0) {
		buf_free(&pat);
		return;
	}
	if (pat.len == 0) {
		/* An empty pattern repeats the last search, as in less. */
		buf_free(&pat);
		u->backward = backward;
		search_go(u, backward);
		return;
	}
	u->backward = backward;
	if (!need_whole(u)) {
		buf_free(&pat);
		return;
	}
	if (search_set(&u->search, pat.s) < 0) {
		u->searching = 0;
		buf_free(&pat);
		return;
	}
	sides[0] = u->view.lo.side[0];
	sides[1] = u->view.lo.side[1];
	if (search_scan(&u->search, u->doc, sides, search_tick, u) < 0) {
		u->searching = 0;
		message(u, "Search cancelled");
		buf_free(&pat);
		return;
	}
	u->searching = 1;
	u->match = -1;
	search_go(u, backward);
	buf_free(&pat);
}

static void
goto_paragraph(struct ui *u)
{
	struct buf in = {0};
	char *end;
	long n;

	if (prompt(u, "Go to paragraph: ", &in) == 0 && in.len && need_whole(u)) {
		n = strtol(in.s, &end, 10);
		if (*end || n < 1 || (size_t)n > u->doc->nrows)
			message(u, "No paragraph %s (1-%zu)", in.s, u->doc->nrows);
		else
			view_goto_top(&u->view, view_index(&u->view, n - 1));
	}
	buf_free(&in);
}

static void
choose_pair(struct ui *u)
{
	struct buf in = {0}, label = {0};
	int l, got[2], n = 0;
	const char *p;

	if (u->doc->nlangs < 3) {
		message(u, "This briefing has %d language%s", u->doc->nlangs,
		    u->doc->nlangs == 1 ? "" : "s");
		return;
	}
	buf_adds(&label, "Languages to show (");
	for (l = 0; l < u->doc->nlangs; l++)
		buf_printf(&label, "%s%s", l ? " " : "", lang_code(u->doc->langs[l]));
	buf_adds(&label, "): ");
	if (prompt(u, label.s, &in) == 0) {
		for (p = in.s; *p && n < 2;) {
			size_t k;
			int id, slot;

			p += strspn(p, " ,");
			k = strcspn(p, " ,");
			if (!k)
				break;
			id = lang_find(p, k);
			slot = id >= 0 ? doc_lang_slot(u->doc, id) : -1;
			if (slot < 0) {
				message(u, "Not a language of this briefing: %.*s", (int)k, p);
				n = -1;
				break;
			}
			got[n++] = slot;
			p += k;
		}
		if (n == 2 && got[0] != got[1]) {
			u->pair[0] = got[0];
			u->pair[1] = got[1];
			u->show = 0;
			relayout(u);
		} else if (n >= 0) {
			message(u, "Name two languages, left then right");
		}
	}
	buf_free(&in);
	buf_free(&label);
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
	fflush(stdout);
	{
		ssize_t w = write(STDOUT_FILENO, out.s, out.len);

		(void)w;
	}
	buf_free(&out);
}

static void
copy_paragraph(struct ui *u)
{
	struct view *v = &u->view;
	struct buf text = {0}, why = {0};
	int slot = v->lo.side[u->focus];
	const uint32_t *ids;
	size_t n, i;

	if (v->nshown == 0 || slot < 0)
		return;
	ids = doc_row_blocks(u->doc, view_row(v, v->cur), slot, &n);
	for (i = 0; i < n; i++) {
		if (i)
			buf_adds(&text, "\n\n");
		doc_block_text(u->doc, ids[i], &text);
	}
	if (n == 0) {
		message(u, "No %s text in this paragraph", lang_code(u->doc->langs[slot]));
		return;
	}
	if (u->copy_command && *u->copy_command) {
		char **argv = command_split(u->copy_command, &why);

		if (argv && command_run(argv, text.s, text.len, &why) == 0)
			message(u, "Copied paragraph %zu (%s) with %s", view_row(v, v->cur) + 1,
			    lang_code(u->doc->langs[slot]), argv[0]);
		else
			message(u, "Copy failed: [copy] command: %s", why.s);
		command_free(argv);
	} else {
		osc52(text.s, text.len);
		message(u, "Copied paragraph %zu (%s) to the clipboard",
		    view_row(v, v->cur) + 1, lang_code(u->doc->langs[slot]));
	}
	buf_free(&text);
	buf_free(&why);
}

static void
help(struct ui *u)
{
	const struct key_action *k;
	int top = 0, total = 0, y;

	for (k = keys_table; k->name; k++)
		total++;
	for (;;) {
		int key, n = u->lines - 1;

		erase();
		attrset(A_BOLD);
		mvaddstr(0, 0, "diglot keys (q to go back)");
		attrset(A_NORMAL);
		for (y = 1, k = keys_table + top; k->name && y < n; k++, y++) {
			const char *keys = keys_describe(k->action);
			int used;
			size_t fit = text_fit(keys, strlen(keys), 24, &used);

			mvaddnstr(y, 2, keys, (int)fit);
			fit = text_fit(k->help, strlen(k->help), u->cols - 28, &used);
			if (u->cols > 28)
				mvaddnstr(y, 28, k->help, (int)fit);
		}
		attrset(attr_of(u, PAIR_STATUS));
		move(u->lines - 1, 0);
		hline(' ', u->cols);
		mvaddstr(u->lines - 1, 0, " Help: j/k scroll, q returns");
		attrset(A_NORMAL);
		refresh();
		key = dialog_key(u);
		if (key == -1)
			return;
		if (key == KEY_RESIZE)
			continue;
		if ((key == 'j' || key == K_DOWN || key == ' ') && top + n - 1 < total)
			top++;
		else if ((key == 'k' || key == K_UP) && top > 0)
			top--;
		else if (key != 'j' && key != 'k' && key != K_DOWN && key != K_UP && key != ' ')
			return;
	}
}

static void
click(struct ui *u, const MEVENT *m)
{
	struct layout_geom g;
	size_t i;
	int line;

	if (m->bstate & BUTTON4_PRESSED) {
		view_scroll(&u->view, -3);
		return;
	}
	if (m->bstate & BUTTON5_PRESSED) {
		view_scroll(&u->view, 3);
		return;
	}
	if (!(m->bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
		return;
	if (!view_at(&u->view, m->y - text_top(u), &i, &line))
		return;
	u->view.cur = i;
	layout_geom(&u->view.lo, &g);
	if (u->view.lo.mode == LAYOUT_SIDE)
		u->focus = m->x >= g.x[1];
	else if (u->view.lo.mode == LAYOUT_STACKED)
		u->focus = line >= (int)view_layout(&u->view, i)->lines[0].n;
}

/* Go to the next (or previous) row tagged with pillar k, wrapping round,
 * and make k the active pillar. */
static void
pillar_jump(struct ui *u, int k, int backward)
{
	struct view *v = &u->view;
	size_t n = v->nshown, i, step;

	if (k < 0) {
		message(u, "No active pillar: press 1-%d first",
		    pillars_count(u->pillars) < 9 ? pillars_count(u->pillars) : 9);
		return;
	}
	if (k >= pillars_count(u->pillars)) {
		message(u, "There is no pillar %d (see [pillars] order)", k + 1);
		return;
	}
	u->active = k;
	for (step = 1; step <= n; step++) {
		int wrapped = backward ? step > v->cur : v->cur + step >= n;

		i = backward ? (v->cur + n - step) % n : (v->cur + step) % n;
		if (pillars_row(u->pillars, view_row(v, i)) >> k & 1) {
			view_goto(v, i);
			message(u, "%s%s", pillars_title(u->pillars, k,
			    u->doc->langs[v->lo.side[0] >= 0 ? v->lo.side[0] : 0], 0),
			    wrapped ? " (wrapped)" : "");
			return;
		}
	}
	message(u, "No paragraph of %s", pillars_id(u->pillars, k));
}

/* Show only the rows of the active pillar, or all again. */
static void
filter_rows(struct ui *u)
{
	size_t *rows, n = 0, r;

	if (u->filtered) {
		view_filter(&u->view, NULL, 0);
		u->filtered = 0;
		message(u, "All paragraphs");
		return;
	}
	if (u->active < 0) {
		message(u, "No active pillar: press 1-9 first");
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
		message(u, "No paragraph of %s", pillars_id(u->pillars, u->active));
	}
	free(rows);
}

static void
mark_row(struct ui *u, size_t r, int on)
{
	if (u->marked[r] != on) {
		u->marked[r] = (unsigned char)on;
		if (on)
			u->nmarked++;
		else
			u->nmarked--;
	}
}

/* v: start a range here, or mark from its start to here. */
static void
mark_range(struct ui *u)
{
	size_t r = view_row(&u->view, u->view.cur), a, b, k;

	if (u->range < 0) {
		u->range = (long)r;
		message(u, "Range from paragraph %zu: v again at its end", r + 1);
		return;
	}
	a = (size_t)u->range < r ? (size_t)u->range : r;
	b = (size_t)u->range < r ? r : (size_t)u->range;
	for (k = a; k <= b; k++)
		mark_row(u, k, 1);
	u->range = -1;
	message(u, "Marked paragraphs %zu-%zu (%zu marked)", a + 1, b + 1, u->nmarked);
}

/* The print dialog's choices. */
enum { PD_WHAT, PD_LANGS, PD_LAYOUT, PD_WHERE, PD_FIELDS };
enum { W_MARKED, W_PILLAR, W_CURRENT, W_VIEW, W_ALL, W_COUNT };

static const char *const pd_labels[PD_FIELDS] = { "What", "Languages", "Layout", "Where" };
static const char *const pd_layouts[] = { "side by side", "sequential", "interleaved" };

/* Rows for a choice of what to print; returns how many. */
static size_t
print_rows(struct ui *u, int what, size_t *rows)
{
	struct view *v = &u->view;
	size_t n = 0, r;

	for (r = 0; r < u->doc->nrows; r++) {
		int in = 0;

		switch (what) {
		case W_MARKED: in = u->marked[r]; break;
		case W_PILLAR:
			in = u->active >= 0 && pillars_row(u->pillars, r) >> u->active & 1;
			break;
		case W_CURRENT: in = v->nshown && r == view_row(v, v->cur); break;
		case W_VIEW: in = view_index(v, r) < v->nshown && view_row(v, view_index(v, r)) == r; break;
		case W_ALL: in = 1; break;
		}
		if (in)
			rows[n++] = r;
	}
	return n;
}

static void
print_dialog(struct ui *u)
{
	struct view *v = &u->view;
	size_t *rows = xmalloc(sizeof *rows * (u->doc->nrows + 1));
	struct buf path = {0}, label = {0};
	int field = PD_WHAT, choice[PD_FIELDS] = { 0 }, nchoice[PD_FIELDS] = { W_COUNT, 3, 3, 2 };
	int two = v->lo.side[1] >= 0 || u->pair[1] >= 0;

	choice[PD_WHAT] = u->nmarked ? W_MARKED : u->filtered ? W_VIEW : W_ALL;
	choice[PD_LANGS] = v->lo.side[1] >= 0 ? 0 : u->show == 2 ? 2 : 1;
	if (!two)
		nchoice[PD_LANGS] = 1;
	for (;;) {
		int w = u->cols < 64 ? u->cols - 2 : 62, h = 9, x0 = (u->cols - w) / 2;
		int y0 = (u->lines - h) / 2, f, k;

		if (w < 20 || u->lines < h) {
			message(u, "The screen is too small for the print dialog");
			break;
		}
		attrset(attr_of(u, PAIR_STATUS));
		for (k = 0; k < h; k++) {
			move(y0 + k, x0);
			hline(' ', w);
		}
		mvaddstr(y0, x0 + 1, "Print");
		for (f = 0; f < PD_FIELDS; f++) {
			buf_reset(&label);
			switch (f) {
			case PD_WHAT: {
				static const char *const names[] = { "marked paragraphs",
					"the active pillar", "this paragraph", "the filtered view",
					"the whole briefing" };

				buf_printf(&label, "%s (%zu)", names[choice[f]],
				    print_rows(u, choice[f], rows));
				break;
			}
			case PD_LANGS: {
				int l0 = u->pair[0], l1 = u->pair[1];

				if (choice[f] == 0 && l1 >= 0)
					buf_printf(&label, "both (%s, %s)", lang_code(u->doc->langs[l0]),
					    lang_code(u->doc->langs[l1]));
				else
					buf_printf(&label, "%s", lang_name(u->doc->langs[choice[f] == 2 &&
					    l1 >= 0 ? l1 : l0]));
				break;
			}
			case PD_LAYOUT:
				buf_adds(&label, pd_layouts[choice[f]]);
				break;
			case PD_WHERE:
				if (choice[f] == 0)
					buf_printf(&label, "printer (%s)", settings_get(u->opts->cfg,
					    "print:command"));
				else
					buf_printf(&label, "file: %s", path.len ? path.s : "(Enter to name it)");
				break;
			}
			attrset(f == field ? attr_of(u, PAIR_STATUS) | A_REVERSE : attr_of(u, PAIR_STATUS));
			mvaddstr(y0 + 2 + f, x0 + 2, pd_labels[f]);
			{
				struct buf clean = {0};
				int used;
				size_t fit;

				text_clean(&clean, label.s, label.len);
				fit = text_fit(clean.s, clean.len, w - 16, &used);
				mvaddstr(y0 + 2 + f, x0 + 13, "< ");
				addnstr(clean.s, (int)fit);
				addstr(" >");
				buf_free(&clean);
			}
		}
		attrset(attr_of(u, PAIR_STATUS));
		mvaddstr(y0 + h - 2, x0 + 2, "Up/Down choose, Left/Right change,");
		mvaddstr(y0 + h - 1, x0 + 2, "Enter prints, Esc cancels");
		attrset(A_NORMAL);
		refresh();
		k = dialog_key(u);
		if (k == -1 || k == K_ESC || k == 'q') {
			message(u, "Print cancelled");
			break;
		}
		if (k == KEY_RESIZE)
			continue;
		if (k == K_UP || k == 'k' || k == K_BTAB)
			field = (field + PD_FIELDS - 1) % PD_FIELDS;
		else if (k == K_DOWN || k == 'j' || k == K_TAB)
			field = (field + 1) % PD_FIELDS;
		else if (k == K_RIGHT || k == 'l' || k == ' ')
			choice[field] = (choice[field] + 1) % nchoice[field];
		else if (k == K_LEFT || k == 'h')
			choice[field] = (choice[field] + nchoice[field] - 1) % nchoice[field];
		else if (k == K_ENTER && field == PD_WHERE && choice[PD_WHERE] == 1 &&
		    !path.len) {
			struct buf in = {0};

			if (prompt(u, "Print to file: ", &in) == 0 && in.len) {
				buf_reset(&path);
				buf_add(&path, in.s, in.len);
			}
			buf_free(&in);
			paint(u);
		} else if (k == K_ENTER) {
			struct print_opts po;
			struct buf pages = {0}, why = {0}, section = {0};
			size_t n = print_rows(u, choice[PD_WHAT], rows);
			int pages_n;

			if (choice[PD_WHERE] == 1 && !path.len) {
				field = PD_WHERE;
				continue;
			}
			if (n == 0) {
				message(u, "Nothing to print: no %s", choice[PD_WHAT] == W_MARKED ?
				    "marked paragraphs (m marks one)" : "paragraphs there");
				break;
			}
			print_defaults(u->opts->cfg, NULL, &po);
			po.layout = choice[PD_LAYOUT];
			po.side[0] = choice[PD_LANGS] == 2 && u->pair[1] >= 0 ? u->pair[1] : u->pair[0];
			po.side[1] = choice[PD_LANGS] == 0 ? u->pair[1] : -1;
			if (choice[PD_WHAT] == W_PILLAR && u->active >= 0)
				buf_adds(&section, pillars_title(u->pillars, u->active,
				    u->doc->langs[po.side[0]], 0));
			else if (choice[PD_WHAT] == W_MARKED)
				buf_adds(&section, "Marked paragraphs");
			po.section = section.s;
			pages_n = print_render(u->doc, rows, n, &po, &pages);
			if (print_output(u->opts->cfg, u->doc, &po, pages.s ? pages.s : "", pages.len,
			    choice[PD_WHERE] ? path.s : NULL, &why) == 0)
				message(u, "Printed %zu paragraph%s (%d page%s) %s %s", n,
				    n == 1 ? "" : "s", pages_n, pages_n == 1 ? "" : "s",
				    choice[PD_WHERE] ? "to" : "with",
				    choice[PD_WHERE] ? path.s : settings_get(u->opts->cfg,
				    "print:command"));
			else
				message(u, "Print failed: %s", why.s);
			buf_free(&pages);
			buf_free(&why);
			buf_free(&section);
			break;
		}
	}
	free(rows);
	buf_free(&path);
	buf_free(&label);
}

static void
act(struct ui *u, enum action a, int *quit)
{
	struct view *v = &u->view;
	int page = text_lines(u);

	switch (a) {
	case ACT_NONE:
		break;
	case ACT_DOWN:
		if (near_end(u))
			view_scroll(v, 1);
		break;
	case ACT_UP: view_scroll(v, -1); break;
	case ACT_PAGE_DOWN:
		if (near_end(u))
			view_scroll(v, page > 2 ? page - 1 : 1);
		break;
	case ACT_PAGE_UP: view_scroll(v, -(page > 2 ? page - 1 : 1)); break;
	case ACT_HALF_DOWN:
		if (near_end(u))
			view_scroll(v, page / 2 ? page / 2 : 1);
		break;
	case ACT_HALF_UP: view_scroll(v, -(page / 2 ? page / 2 : 1)); break;
	case ACT_TOP: view_goto_top(v, 0); break;
	case ACT_BOTTOM:
		if (need_whole(u))
			view_end(v);
		break;
	case ACT_PREV_PARA:
		if (v->cur > 0)
			view_goto(v, v->cur - 1);
		break;
	case ACT_NEXT_PARA:
		if (near_end(u) && v->cur + 1 < v->nshown)
			view_goto(v, v->cur + 1);
		break;
	case ACT_GOTO: goto_paragraph(u); break;
	case ACT_FOCUS:
		if (v->lo.side[1] >= 0)
			u->focus = !u->focus;
		break;
	case ACT_SWAP: {
		int t = u->pair[0];

		if (u->pair[1] < 0)
			break;
		u->pair[0] = u->pair[1];
		u->pair[1] = t;
		if (u->show)
			u->show = 3 - u->show;
		relayout(u);
		break;
	}
	case ACT_CYCLE:
		if (u->pair[1] < 0)
			break;
		u->show = (u->show + 1) % 3;
		relayout(u);
		break;
	case ACT_PAIR: choose_pair(u); break;
	case ACT_STACK:
		u->stacked = !u->stacked;
		if (!u->stacked && u->cols < u->stack_below)
			message(u, "Too narrow for side by side (under %d columns)",
			    u->stack_below);
		relayout(u);
		break;
	case ACT_SEARCH: start_search(u, 0); break;
	case ACT_SEARCH_BACK: start_search(u, 1); break;
	case ACT_NEXT_MATCH: search_go(u, u->backward); break;
	case ACT_PREV_MATCH: search_go(u, !u->backward); break;
	case ACT_PILLAR_1: case ACT_PILLAR_2: case ACT_PILLAR_3: case ACT_PILLAR_4:
	case ACT_PILLAR_5: case ACT_PILLAR_6: case ACT_PILLAR_7: case ACT_PILLAR_8:
	case ACT_PILLAR_9:
		if (need_whole(u))
			pillar_jump(u, a - ACT_PILLAR_1, 0);
		break;
	case ACT_NEXT_PILLAR:
		if (need_whole(u))
			pillar_jump(u, u->active, 0);
		break;
	case ACT_PREV_PILLAR:
		if (need_whole(u))
			pillar_jump(u, u->active, 1);
		break;
	case ACT_PILLAR_BAR:
		u->bar = !u->bar;
		relayout(u);
		break;
	case ACT_FILTER:
		if (need_whole(u))
			filter_rows(u);
		break;
	case ACT_MARK: {
		size_t r;

		if (!need_whole(u) || v->nshown == 0)
			break;
		r = view_row(v, v->cur);
		mark_row(u, r, !u->marked[r]);
		message(u, "%s paragraph %zu (%zu marked)", u->marked[r] ? "Marked" : "Unmarked",
		    r + 1, u->nmarked);
		break;
	}
	case ACT_RANGE:
		if (need_whole(u) && v->nshown)
			mark_range(u);
		break;
	case ACT_PRINT:
		if (need_whole(u))
			print_dialog(u);
		break;
	case ACT_COPY: copy_paragraph(u); break;
	case ACT_HELP: help(u); break;
	case ACT_REDRAW: clearok(curscr, TRUE); break;
	case ACT_QUIT: *quit = 1; break;
	case ACT_COUNT: break;
	}
}

/* [keys] action = keys, already checked when the settings were read. */
static void
bind_key(void *ctx, const char *key, const char *value)
{
	enum action a = keys_find(strchr(key, ':') + 1);

	(void)ctx;
	if (a != ACT_NONE)
		keys_bind(a, value, NULL);
}

/* The curses attributes of a [colors] setting; colours only where the
 * terminal has them and NO_COLOR is not set. */
static void
color_attr(struct ui *u, int pair, const struct color *cp)
{
	struct color c = *cp;
	attr_t a = 0;

	if (c.attrs & COLOR_ATTR_BOLD)
		a |= A_BOLD;
	if (c.attrs & COLOR_ATTR_REVERSE)
		a |= A_REVERSE;
	if (c.attrs & COLOR_ATTR_UNDERLINE)
		a |= A_UNDERLINE;
	if (c.attrs & COLOR_ATTR_DIM)
		a |= A_DIM;
	if (u->colors && (c.fg >= 0 || c.bg >= 0) && c.fg < COLORS && c.bg < COLORS) {
		init_pair(pair, c.fg, c.bg);
		a |= COLOR_PAIR(pair);
	}
	u->attr[pair] = a;
}

static void
setup_color(struct ui *u, int pair, const char *key)
{
	struct color c;
	char k[300];

	snprintf(k, sizeof k, "colors:%s", key);
	settings_color(u->opts->cfg, k, &c);
	color_attr(u, pair, &c);
}

static void
setup_colors(struct ui *u)
{
	const char *nc = getenv("NO_COLOR");
	int i;

	u->colors = !(nc && *nc) && has_colors();
	if (u->colors) {
		start_color();
		use_default_colors();
	}
	setup_color(u, PAIR_TEXT, "text");
	setup_color(u, PAIR_GUTTER, "gutter");
	setup_color(u, PAIR_STATUS, "status");
	setup_color(u, PAIR_CURRENT, "current");
	setup_color(u, PAIR_MATCH, "match");
	setup_color(u, PAIR_MARK, "mark");
	for (i = 0; i < pillars_count(u->pillars); i++) {
		static const char *const palette[] = { "bold green", "bold magenta",
			"bold cyan", "bold red", "bold blue", "bold yellow" };
		char key[300];
		struct color c;

		/* [colors] pillar.ID, else a colour of the palette. */
		snprintf(key, sizeof key, "colors:pillar.%s", pillars_id(u->pillars, i));
		if (!settings_get(u->opts->cfg, key)) {
			settings_parse_color(palette[i % 6], &c);
			color_attr(u, PAIR_PILLAR + i, &c);
		} else {
			setup_color(u, PAIR_PILLAR + i, key + strlen("colors:"));
		}
		if (!u->colors)
			u->attr[PAIR_PILLAR + i] |= A_UNDERLINE;
	}
	/* Without colours, what must stand out still does. */
	if (!u->colors || !(u->attr[PAIR_STATUS] & A_COLOR))
		u->attr[PAIR_STATUS] |= A_REVERSE;
	if (!u->colors || !(u->attr[PAIR_MATCH] & A_COLOR))
		u->attr[PAIR_MATCH] |= A_REVERSE;
	if (!u->colors || !(u->attr[PAIR_CURRENT] & A_COLOR))
		u->attr[PAIR_CURRENT] |= A_BOLD;
}

int
ui_run(struct doc *doc, const struct layout_opts *lo, const struct ui_opts *o)
{
	struct ui u;
	struct layout_opts cur;
	struct sigaction sa;
	FILE *in = NULL;
	SCREEN *scr;
	int quit = 0, status = 0;

	memset(&u, 0, sizeof u);
	u.doc = doc;
	u.opts = o;
	u.base = *lo;
	set_pairs(&u, lo);
	u.pillars = o->pillars;
	u.loader = o->loader;
	u.active = -1;
	u.range = -1;
	u.marked = xcalloc(doc->nrows + 1, 1);
	u.bar = settings_bool(o->cfg, "layout:pillar_bar");
	u.copy_command = settings_get(o->cfg, "copy:command");
	u.stack_below = settings_int(o->cfg, "layout:stack_below");
	u.mouse = settings_bool(o->cfg, "layout:mouse");
	u.status = settings_bool(o->cfg, "layout:status");
	keys_init();
	settings_each_key(o->cfg, "keys", bind_key, NULL);

	/* Keys come from the terminal even when the briefing came on
	 * standard input, as in less. */
	if (!isatty(STDIN_FILENO)) {
		in = fopen("/dev/tty", "r");
		if (!in)
			die(1, "no terminal to read keys from (/dev/tty: %s)", strerror(errno));
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	die_set_hook(restore_terminal);
	scr = newterm(NULL, stdout, in ? in : stdin);
	if (!scr)
		die(1, "cannot use this terminal (TERM=%s)", getenv("TERM") ? getenv("TERM") : "");
	curses_up = 1;
	set_term(scr);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	timeout(200);
	curs_set(0);
	setup_colors(&u);
	if (u.mouse) {
		mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED |
		    BUTTON5_PRESSED, NULL);
		mouseinterval(0);
	}
	getmaxyx(stdscr, u.lines, u.cols);
	current_layout(&u, &cur);
	view_init(&u.view, doc, &cur, text_lines(&u));
	if (nheld) {
		const char *nl = strchr(held.s, '\n');

		message(&u, "%.*s%s", (int)(nl ? nl - held.s : (long)held.len), held.s,
		    nheld > 1 ? " (and more, shown on exit)" : "");
	}
	while (!quit && !u.quit && !got_signal) {
		MEVENT m;
		int k;

		/* Keys typed meanwhile go first: showing a huge briefing
		 * may take a moment. */
		if (u.loader && loader_done(u.loader) && !key_waiting())
			adopt(&u);
		paint(&u);
		timeout(u.loader ? 50 : 200);
		k = ui_key(&m);
		/* Idle: tag the rest of the briefing, a slice at a time, so
		 * the bar's counts fill in without holding up any key. */
		while (k == -1 && !pillars_done(u.pillars) && !got_signal) {
			if (pillars_tag_some(u.pillars, 2000)) {
				paint_bar(&u);
				refresh();
			}
			nodelay(stdscr, TRUE);
			k = ui_key(&m);
			nodelay(stdscr, FALSE);
			timeout(u.loader ? 50 : 200);
		}
		if (k == -1)
			continue;
		buf_reset(&u.msg);
		if (k == KEY_RESIZE)
			relayout(&u);
		else if (k == KEY_MOUSE)
			click(&u, &m);
		else
			act(&u, keys_action(k), &quit);
	}
	if (got_signal)
		status = 128 + got_signal;
	view_free(&u.view);
	free(u.marked);
	search_free(&u.search);
	buf_free(&u.msg);
	restore_terminal();
	delscreen(scr);
	if (in)
		fclose(in);
	diag_flush();
	diag_set_sink(NULL);
	if (nheld)
		fprintf(stderr, "%s\n", held.s);
	buf_free(&held);
	return status;
}
