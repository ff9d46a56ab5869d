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
void
ui_draw_bar(struct ui *u)
{
	int i, x = 0, slot = u->view.lo.side[0] >= 0 ? u->view.lo.side[0] : 0;

	if (!ui_text_top(u))
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

void
ui_draw_status(struct ui *u)
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

void
ui_draw(struct ui *u)
{
	struct view *v = &u->view;
	struct layout_geom g;
	int y, n = ui_text_lines(u), top = ui_text_top(u);

	layout_geom(&v->lo, &g);
	erase();
	ui_draw_bar(u);
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
	ui_draw_status(u);
	refresh();
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

void
ui_draw_colors(struct ui *u)
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
