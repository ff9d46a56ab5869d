/* SPDX-License-Identifier: MIT */
/* The viewer's screen: the text of the rows with their pillars' terms and
 * the search matches in colour, the pillar bar, the status line. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "lang.h"
#include "settings.h"
#include "text.h"
#include "ui.h"
#include "ui-private.h"
#include "xalloc.h"

/* The attribute a for the bytes of text[start..end) that are on the line
 * text[off..off+len), whose attributes are at. */
static void
paint(attr_t *at, size_t off, size_t len, size_t start, size_t end, attr_t a)
{
	size_t k;

	for (k = start > off ? start : off; k < end && k < off + len; k++)
		at[k - off] = a;
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

	paint(at, off, len, off, off + len, base);
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
		paint(at, off, len, from + pm[i].start, from + pm[i].end,
		    u->attr[PAIR_PILLAR + pm[i].pillar] | (base & A_BOLD));
	n = u->searching ? search_text(&u->search, text + from, to - from, spans, 64) : 0;
	for (i = 0; i < n && i < 64; i++)
		paint(at, off, len, from + spans[i].start, from + spans[i].end,
		    u->attr[PAIR_MATCH] | (base & A_BOLD));
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

/* The pillar bar's pieces for pillar i: " N ", its title in language
 * lang (cleaned) and " (count) ". */
static void
bar_parts(struct ui *u, int i, int lang, struct buf *title, struct buf *count)
{
	const char *t = pillars_title(u->pillars, i, lang, 0);

	buf_reset(title);
	buf_add(title, "", 0);
	text_clean(title, t, strlen(t));
	buf_reset(count);
	if (pillars_done(u->pillars) && !u->loader)
		buf_printf(count, " (%zu) ", pillars_rows(u->pillars, i));
	else
		buf_adds(count, " (\xe2\x80\xa6) ");
}

/* The widest a title may be for the first k pillars of the bar to fit in
 * cols, with room for "+N" after them when k is not all; 0 when even
 * titles cut to "…" do not; *widestp: the widest title of them. */
static int
bar_title_cap(struct ui *u, int k, int lang, int cols, int *widestp)
{
	struct buf title = {0}, count = {0};
	int n = pillars_count(u->pillars), i, cap, fixed = 0, widest = 0;
	int *tw = xmalloc(sizeof *tw * (k + 1));

	for (i = 0; i < k; i++) {
		bar_parts(u, i, lang, &title, &count);
		tw[i] = text_width(title.s, title.len);
		widest = tw[i] > widest ? tw[i] : widest;
		fixed += 3 + (i + 1 >= 10) + text_width(count.s, count.len) + 1;
	}
	if (k < n)
		fixed += 3 + (n - k >= 10);
	for (cap = widest > 1 ? widest : 1; cap >= 1; cap--) {
		int w = fixed;

		for (i = 0; i < k; i++)
			w += tw[i] < cap ? tw[i] : cap;
		if (w <= cols)
			break;
	}
	buf_free(&title);
	buf_free(&count);
	free(tw);
	*widestp = widest;
	return cap;
}

/* The pillar bar: each pillar's number, title and how many rows it tags.
 * When they do not all fit, the titles are shortened alike, each cut one
 * ending in "…", and pillars that still do not fit are counted as "+N". */
void
ui_draw_bar(struct ui *u)
{
	int n = pillars_count(u->pillars), i, x = 0, k, cap = 0;
	int slot = u->view.lo.side[0] >= 0 ? u->view.lo.side[0] : 0;
	int lang = u->doc->nlangs ? u->doc->langs[slot] : -1;
	struct buf title = {0}, count = {0}, s = {0};

	if (!ui_text_top(u))
		return;
	move(0, 0);
	attrset(u->attr[PAIR_STATUS]);
	hline(' ', u->cols);
	/* As many pillars as fit with five columns of each title, or whole
	 * titles; at least the first. */
	for (k = n; k > 0; k--) {
		int widest;

		cap = bar_title_cap(u, k, lang, u->cols, &widest);
		if (cap >= 5 || (cap && cap == widest) || (cap && k == 1))
			break;
	}
	for (i = 0; i < k; i++) {
		int used;
		size_t fit;

		bar_parts(u, i, lang, &title, &count);
		buf_reset(&s);
		buf_printf(&s, " %d ", i + 1);
		if (text_width(title.s, title.len) > cap) {
			fit = text_fit(title.s, title.len, cap - 1, &used);
			buf_add(&s, title.s, fit);
			buf_adds(&s, "\xe2\x80\xa6");
		} else {
			buf_add(&s, title.s, title.len);
		}
		buf_add(&s, count.s, count.len);
		attrset(i == u->active ? u->attr[PAIR_PILLAR + i] | A_REVERSE :
		    u->attr[PAIR_STATUS]);
		fit = text_fit(s.s, s.len, u->cols - x, &used);
		mvaddnstr(0, x, s.s, (int)fit);
		x += used + 1;
	}
	if (k < n) {
		buf_reset(&s);
		buf_printf(&s, " +%d", n - k);
		attrset(u->attr[PAIR_STATUS]);
		mvaddnstr(0, x < u->cols ? x : u->cols - 1, s.s, (int)s.len);
	}
	attrset(A_NORMAL);
	buf_free(&title);
	buf_free(&count);
	buf_free(&s);
}

/* The fewest columns a message is cut to on the status line. */
enum { STATUS_ROOM = 12 };

/* Text s[0..n) in w columns on line y, cut ending in "…" when wider: from
 * column x, or (x < 0) ending before column right.  Returns the columns
 * used. */
static int
put_cut(int y, int x, const char *s, size_t n, int w, int right)
{
	int used, all = text_width(s, n);
	size_t fit;

	if (w <= 0)
		return 0;
	if (all <= w) {
		mvaddnstr(y, x < 0 ? right - all : x, s, (int)n);
		return all;
	}
	fit = text_fit(s, n, w - 1, &used);
	mvaddnstr(y, x < 0 ? right - used - 1 : x, s, (int)fit);
	addstr("\xe2\x80\xa6");
	return used + 1;
}

/* The message msg in w columns at the right of line y, its last
 * u->msg_keep bytes whole when it is cut; returns the columns used. */
static int
put_message(struct ui *u, int y, const struct buf *msg, int w)
{
	size_t keep = u->msg_keep <= msg->len ? u->msg_keep : 0;
	int kw = text_width(msg->s + msg->len - keep, keep), used;

	if (!keep || text_width(msg->s, msg->len) <= w || kw + 2 > w)
		return put_cut(y, -1, msg->s, msg->len, w, u->cols - 1);
	used = put_cut(y, -1, msg->s, msg->len - keep, w - kw, u->cols - 1 - kw);
	addnstr(msg->s + msg->len - keep, (int)keep);
	return used + kw;
}

/* Pillar i's title in the left language, cleaned, added to out. */
static void
add_pillar_title(struct ui *u, int i, struct buf *out)
{
	int slot = u->view.lo.side[0] >= 0 ? u->view.lo.side[0] : 0;
	const char *t = pillars_title(u->pillars, i, u->doc->nlangs ? u->doc->langs[slot] : -1, 0);

	text_clean(out, t, strlen(t));
}

void
ui_draw_status(struct ui *u)
{
	struct layout_opts *lo = &u->view.lo;
	struct buf s = {0}, right = {0};
	size_t row = u->view.nshown ? view_row(&u->view, u->view.cur) : 0;
	uint32_t tags = u->view.nshown ? pillars_row(u->pillars, row) : 0;
	int y = u->lines - 1, w, used, k, any = 0;
	size_t base;

	if (!u->status)
		return;
	buf_adds(&s, " ");
	if (!u->doc->nrows && !u->loader) {
		buf_adds(&s, "no paragraphs in ");
		text_clean(&s, u->opts->name, strlen(u->opts->name));
	} else {
		text_clean(&s, u->opts->name, strlen(u->opts->name));
		buf_adds(&s, " ");
	}
	/* The languages' codes in capitals (15 letters at most), the focused
	 * one in brackets. */
	for (k = 0; k < 2; k++) {
		int focused = lo->side[1] >= 0 && u->focus == k, i;
		const char *code;

		if (lo->side[k] < 0 || !u->doc->nrows)
			continue;
		code = lang_code(u->doc->langs[lo->side[k]]);
		buf_adds(&s, k == 1 ? " | " : "");
		buf_adds(&s, focused ? "[" : "");
		for (i = 0; code[i] && i < 15; i++)
			buf_addc(&s, (char)(code[i] >= 'a' && code[i] <= 'z' ? code[i] - 32 : code[i]));
		buf_adds(&s, focused ? "]" : "");
	}
	if (!u->view.nshown) {
		if (u->doc->nrows)
			buf_adds(&s, "  (no paragraphs)");
	} else if (u->loader)
		buf_printf(&s, "  \xc2\xb6 %zu/\xe2\x80\xa6", row + 1);
	else
		buf_printf(&s, "  \xc2\xb6 %zu/%zu  %zu%%", row + 1, u->doc->nrows,
		    (row + 1) * 100 / (u->doc->nrows ? u->doc->nrows : 1));
	if (u->view.nshown) {
		uint32_t page = doc_row_page(u->doc, row, lo->side[u->focus] >= 0 ?
		    lo->side[u->focus] : lo->side[0]);

		if (page)
			buf_printf(&s, "  p. %u", (unsigned)page);
	}
	base = s.len;
	if (u->view.nshown && !u->loader && lo->side[1] >= 0) {
		struct gap_count *g = &u->gaps;
		size_t r;

		/* Counted again only when the rows or the sides shown change. */
		if (g->doc != u->doc || g->rows != u->rows_changed ||
		    g->side[0] != lo->side[0] || g->side[1] != lo->side[1]) {
			g->doc = u->doc;
			g->rows = u->rows_changed;
			g->side[0] = lo->side[0];
			g->side[1] = lo->side[1];
			g->n = 0;
			for (r = 0; r < u->doc->nrows; r++)
				g->n += layout_gap(u->doc, r, lo->side);
		}
		if (g->n)
			buf_printf(&s, "  %zu untranslated", g->n);
	}
	if (u->filtered) {
		buf_adds(&s, "  [filter: ");
		add_pillar_title(u, u->active, &s);
		buf_adds(&s, "]");
	}
	if (u->nmarked)
		buf_printf(&s, "  *%zu", u->nmarked);
	for (k = 0; k < pillars_count(u->pillars); k++)
		if (tags >> k & 1) {
			buf_adds(&s, any++ ? ", " : "  ");
			add_pillar_title(u, k, &s);
		}
	if (u->msg.len)
		text_clean(&right, u->msg.s, u->msg.len);
	attrset(u->attr[PAIR_STATUS]);
	move(y, 0);
	hline(' ', u->cols);
	/* The message at the right, after the file, languages and place: the
	 * rest (gaps, filter, marks, the paragraph's pillars) gives way to it, and it is cut to what room there
	 * is (STATUS_ROOM columns at least, or it is not shown); whatever is
	 * cut ends in "…". */
	w = u->cols;
	if (right.len) {
		int mw = text_width(right.s, right.len), bw = text_width(s.s, base);
		int room = u->cols - 3 - bw;

		if (room >= STATUS_ROOM || room >= mw) {
			used = put_message(u, y, &right, mw < room ? mw : room);
			w = u->cols - 3 - used;
		}
	}
	if (text_width(s.s, s.len) > w && w < text_width(s.s, base) + 3)
		s.len = base;	/* no room for even a part of the rest */
	put_cut(y, 0, s.s, s.len, w, 0);
	attrset(A_NORMAL);
	buf_free(&s);
	buf_free(&right);
}

/* The attribute of text: current or not, a heading's or not.  A heading
 * takes [colors] heading's colour when it has one, its attributes in any
 * case. */
static attr_t
text_attr(const struct ui *u, int cur, int heading)
{
	attr_t a = cur ? u->attr[PAIR_CURRENT] : u->attr[PAIR_TEXT], h = u->attr[PAIR_HEADING];

	if (!heading)
		return a;
	if ((h & A_COLOR) && !cur)
		return h;
	return a | (h & ~A_COLOR);
}

void
ui_draw(struct ui *u)
{
	struct view *v = &u->view;
	struct layout_geom g;
	int y, n = ui_text_lines(u), top = ui_text_top(u), gx, mx;

	layout_geom(&v->lo, &g);
	/* The gutter's line (side by side only), and where a mark goes: by
	 * the gutter, or at the right edge. */
	gx = v->lo.mode == LAYOUT_SIDE ? g.w[0] + v->lo.gutter / 2 : u->cols;
	mx = v->lo.mode == LAYOUT_SIDE ? g.w[0] + (v->lo.gutter - 1) / 2 - 1 : u->cols - 1;
	erase();
	ui_draw_bar(u);
	for (y = 0; y < n; y++) {
		struct layout_seg seg[2];
		const struct row_view *rv;
		size_t i;
		int line, k, ns, cur, sy = y + top, style;

		if (!view_at(v, y, &i, &line))
			break;
		rv = view_layout(v, i);
		cur = i == v->cur;
		if (gx < u->cols) {
			attrset(cur ? u->attr[PAIR_CURRENT] : u->attr[PAIR_GUTTER]);
			mvaddstr(sy, gx, cur ? "\xe2\x94\x83" : "\xe2\x94\x82");
		}
		if (line == 0 && u->marked[view_row(v, i)] && mx >= 0 && mx < u->cols) {
			attrset(u->attr[PAIR_MARK] | A_BOLD);
			mvaddstr(sy, mx, "*");
		}
		attrset(A_NORMAL);
		if (line >= rv->height)
			continue;
		ns = layout_line(rv, line, seg);
		for (k = 0; k < ns; k++) {
			const struct text_line *tl = &rv->lines[seg[k].side].v[seg[k].line];
			const struct buf *t = &rv->text[seg[k].side];

			if (tl->len == 0)
				continue;
			style = rv->style[seg[k].side][seg[k].line];
			if (style == LINE_MARK) {
				/* A tag, a rule, "— no English text —": dim, and
				 * no text of the briefing's to match in. */
				attrset((cur ? u->attr[PAIR_CURRENT] : u->attr[PAIR_TEXT]) | A_DIM);
				mvaddnstr(sy, seg[k].x, t->s + tl->off, (int)tl->len);
				attrset(A_NORMAL);
				continue;
			}
			draw_text(u, sy, seg[k].x, u->doc->langs[v->lo.side[seg[k].side]],
			    t->s, t->len, tl->off, tl->len,
			    text_attr(u, cur, style == LINE_HEADING));
		}
	}
	ui_draw_status(u);
	refresh();
}

/* The curses attributes of pair from the setting key, or from the colour
 * fallback when key is not set; colours only where the terminal has them
 * and NO_COLOR is not set. */
static void
setup_color(struct ui *u, int pair, const char *key, const char *fallback)
{
	struct color c;
	attr_t a = 0;

	if (fallback && !settings_get(u->opts->cfg, key))
		settings_parse_color(fallback, &c);
	else
		settings_color(u->opts->cfg, key, &c);
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

void
ui_draw_colors(struct ui *u)
{
	static const char *const keys[PAIR_PILLAR] = { [PAIR_TEXT] = "colors:text",
		[PAIR_GUTTER] = "colors:gutter", [PAIR_STATUS] = "colors:status",
		[PAIR_CURRENT] = "colors:current", [PAIR_MATCH] = "colors:match",
		[PAIR_MARK] = "colors:mark", [PAIR_HEADING] = "colors:heading" };
	/* A pillar without [colors] pillar.ID has a colour of the palette. */
	static const char *const palette[] = { "bold green", "bold magenta",
		"bold cyan", "bold red", "bold blue", "bold yellow" };
	const char *nc = getenv("NO_COLOR");
	char key[300];
	int i;

	u->colors = !(nc && *nc) && has_colors();
	if (u->colors) {
		start_color();
		use_default_colors();
	}
	for (i = PAIR_TEXT; i < PAIR_PILLAR; i++)
		setup_color(u, i, keys[i], NULL);
	for (i = 0; i < pillars_count(u->pillars); i++) {
		snprintf(key, sizeof key, "colors:pillar.%s", pillars_id(u->pillars, i));
		setup_color(u, PAIR_PILLAR + i, key, palette[i % 6]);
		if (!u->colors)
			u->attr[PAIR_PILLAR + i] |= A_UNDERLINE;
	}
	/* Without colours, what must stand out still does. */
	if (!(u->attr[PAIR_STATUS] & A_COLOR))
		u->attr[PAIR_STATUS] |= A_REVERSE;
	if (!(u->attr[PAIR_MATCH] & A_COLOR))
		u->attr[PAIR_MATCH] |= A_REVERSE;
	if (!(u->attr[PAIR_CURRENT] & A_COLOR))
		u->attr[PAIR_CURRENT] |= A_BOLD;
}
