/* SPDX-License-Identifier: MIT */
/* Turning rows into display lines for a width: the screen, --dump, print. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "copy.h"
#include "doc.h"
#include "lang.h"
#include "layout.h"
#include "xalloc.h"

void
layout_geom(const struct layout_opts *o, struct layout_geom *g)
{
	int avail = o->width - o->gutter > 2 ? o->width - o->gutter : 2, s;

	memset(g, 0, sizeof *g);
	if (o->mode == LAYOUT_SIDE && o->side[0] >= 0 && o->side[1] >= 0) {
		g->w[0] = avail * o->split / 100 > 1 ? avail * o->split / 100 : 1;
		g->w[1] = avail - g->w[0] > 1 ? avail - g->w[0] : 1;
		g->x[1] = g->w[0] + (o->width - avail > 0 ? o->width - avail : 0);
	} else {
		/* One column, full width, for whichever sides are shown (the
		 * left one only, when single). */
		for (s = 0; s < 2; s++)
			if (o->side[s] >= 0 && (o->mode != LAYOUT_SINGLE || s == 0 ||
			    o->side[0] < 0))
				g->w[s] = o->width > 1 ? o->width : 1;
	}
	for (s = 0; s < 2; s++)
		if (o->wrap > 0 && g->w[s] > o->wrap)
			g->w[s] = o->wrap;
}

/* Give side s's lines from k on the style st. */
static void
style_lines(struct row_view *rv, int s, size_t k, unsigned char st)
{
	const struct text_lines *lines = &rv->lines[s];

	rv->style[s] = xgrow(rv->style[s], &rv->stylecap[s], lines->n + 1, 1);
	for (; k < lines->n; k++)
		rv->style[s][k] = st;
}

/* Add a line to side s: label (if it fits) and a rule, width columns in
 * all. */
static void
add_rule(struct row_view *rv, int s, const char *label, int width)
{
	struct buf *text = &rv->text[s];
	struct text_lines *lines = &rv->lines[s];
	size_t off = text->len;
	int w = 0;

	if (label && (int)strlen(label) < width) {
		buf_adds(text, label);
		buf_addc(text, ' ');
		w = (int)strlen(label) + 1;
	}
	for (; w < width; w++)
		buf_adds(text, "\xe2\x94\x80");
	lines->v = xgrow(lines->v, &lines->cap, lines->n + 1, sizeof *lines->v);
	lines->v[lines->n++] = (struct text_line){ off, (uint32_t)(text->len - off), (uint32_t)w };
	style_lines(rv, s, lines->n - 1, LINE_MARK);
}

/* The language tag of slot l: its code in capitals. */
static void
lang_tag(const struct doc *doc, int l, char *out, size_t n)
{
	const char *code = lang_code(doc->langs[l]);
	size_t i;

	for (i = 0; code[i] && i + 1 < n; i++)
		out[i] = (char)(code[i] >= 'a' && code[i] <= 'z' ? code[i] - 32 : code[i]);
	out[i] = 0;
}

/* Put the tag of language slot l, a rule width columns wide in all,
 * before side s's lines. */
static void
tag_first(const struct doc *doc, int l, int width, int s, struct row_view *rv)
{
	struct text_lines *lines = &rv->lines[s];
	struct text_line t;
	char tag[16];

	lang_tag(doc, l, tag, sizeof tag);
	add_rule(rv, s, tag, width);
	t = lines->v[lines->n - 1];
	memmove(lines->v + 1, lines->v, sizeof *lines->v * (lines->n - 1));
	memmove(rv->style[s] + 1, rv->style[s], lines->n - 1);
	lines->v[0] = t;
	rv->style[s][0] = LINE_MARK;
}

/* Side s of row r: its blocks, set apart by an empty line, each heading
 * with a rule under it when o asks. */
static void
layout_side(const struct doc *doc, size_t r, const struct layout_opts *o, int width,
    int s, struct row_view *rv)
{
	struct buf *text = &rv->text[s];
	struct text_lines *lines = &rv->lines[s];
	size_t n = 0, i;
	const uint32_t *ids = doc_row_blocks(doc, r, o->side[s], &n);
	for (i = 0; i < n; i++) {
		size_t from = text->len, k;
		int heading = doc->blocks[ids[i]].kind == BLOCK_HEADING, w = 0;

		if (i > 0) {
			lines->v = xgrow(lines->v, &lines->cap, lines->n + 1,
			    sizeof *lines->v);
			lines->v[lines->n++] = (struct text_line){ from, 0, 0 };
			style_lines(rv, s, lines->n - 1, LINE_TEXT);
		}
		k = lines->n;
		doc_block_text(doc, ids[i], text);
		text_wrap(text->s + from, text->len - from, width, lines);
		style_lines(rv, s, k, heading ? LINE_HEADING : LINE_TEXT);
		for (; k < lines->n; k++) {
			lines->v[k].off += from;
			if ((int)lines->v[k].width > w)
				w = (int)lines->v[k].width;
		}
		if (heading && o->rule_headings && w > 0)
			add_rule(rv, s, NULL, w);
		/* An untranslated copy says so under its text. */
		if (doc->blocks[ids[i]].copy) {
			k = lines->n;
			from = text->len;
			buf_adds(text, "\xe2\x80\x94 untranslated \xe2\x80\x94");
			text_wrap(text->s + from, text->len - from, width, lines);
			style_lines(rv, s, k, LINE_MARK);
			for (; k < lines->n; k++)
				lines->v[k].off += from;
		}
	}
}

/* The side (0 or 1) of row r, both slots side[] shown, that has no block
 * where the other has a heading or a paragraph; -1 when none.  A header of
 * one version alone (a masthead, a dateline) is no missing translation. */
static int
missing_side(const struct doc *doc, size_t r, const int side[2])
{
	size_t n[2] = { 0, 0 }, i;
	const uint32_t *ids[2];
	int s;

	if (side[0] < 0 || side[1] < 0)
		return -1;
	for (s = 0; s < 2; s++)
		ids[s] = doc_row_blocks(doc, r, side[s], &n[s]);
	if ((n[0] == 0) == (n[1] == 0))
		return -1;
	s = n[0] ? 0 : 1;
	for (i = 0; i < n[s]; i++)
		if (doc->blocks[ids[s][i]].kind != BLOCK_HEADER)
			return !s;
	return -1;
}

void
layout_row(const struct doc *doc, size_t r, const struct layout_opts *o,
    struct row_view *rv)
{
	struct layout_geom g;
	int s, both;

	layout_geom(o, &g);
	both = g.w[0] && g.w[1];
	rv->gap[0] = rv->gap[1] = 0;
	for (s = 0; s < 2; s++) {
		buf_reset(&rv->text[s]);
		buf_add(&rv->text[s], "", 0);
		rv->lines[s].n = 0;
		if (g.w[s])
			layout_side(doc, r, o, g.w[s], s, rv);
	}
	/* A side with nothing where the other has text says so. */
	s = both ? missing_side(doc, r, o->side) : -1;
	if (s >= 0) {
		struct buf *text = &rv->text[s];
		const char *name = lang_name(doc->langs[o->side[s]]);

		buf_adds(text, "\xe2\x80\x94 no ");
		text_clean(text, name, strlen(name));
		buf_adds(text, " text \xe2\x80\x94");
		text_wrap(text->s, text->len, g.w[s], &rv->lines[s]);
		style_lines(rv, s, 0, LINE_MARK);
		rv->gap[s] = 1;
	}
	rv->paired = o->mode == LAYOUT_SIDE && both;
	/* Stacked: each side opens with its language's tag. */
	if (o->mode == LAYOUT_STACKED && both)
		for (s = 0; s < 2; s++)
			if (rv->lines[s].n)
				tag_first(doc, o->side[s], g.w[s] < 12 ? g.w[s] : 12, s, rv);
	if (rv->paired) {
		rv->height = rv->lines[0].n > rv->lines[1].n ?
		    rv->lines[0].n : rv->lines[1].n;
		rv->x[0] = g.x[0];
		rv->x[1] = g.x[1];
	} else {
		rv->height = rv->lines[0].n + rv->lines[1].n;
		rv->x[0] = rv->x[1] = 0;
	}
}

int
layout_gap(const struct doc *doc, size_t r, const int side[2])
{
	return missing_side(doc, r, side) >= 0 ||
	    (side[0] >= 0 && side[1] >= 0 && copy_row_untranslated(doc, r));
}

int
layout_line(const struct row_view *rv, int k, struct layout_seg seg[2])
{
	int n = 0, s;

	if (rv->paired) {
		for (s = 0; s < 2; s++)
			if ((size_t)k < rv->lines[s].n)
				seg[n++] = (struct layout_seg){ s, k, rv->x[s] };
		return n;
	}
	/* Stacked or single: the left side's lines, then the right side's. */
	if ((size_t)k < rv->lines[0].n) {
		seg[0] = (struct layout_seg){ 0, k, 0 };
		return 1;
	}
	k -= rv->lines[0].n;
	if ((size_t)k < rv->lines[1].n) {
		seg[0] = (struct layout_seg){ 1, k, 0 };
		return 1;
	}
	return 0;
}

void
layout_text(const struct row_view *rv, int k, struct buf *out)
{
	struct layout_seg seg[2];
	int n = layout_line(rv, k, seg), i, col = 0;

	for (i = 0; i < n; i++) {
		const struct text_line *l = &rv->lines[seg[i].side].v[seg[i].line];

		if (l->len == 0)
			continue;
		if (col < seg[i].x) {
			buf_addfill(out, ' ', seg[i].x - col);
			col = seg[i].x;
		}
		buf_add(out, rv->text[seg[i].side].s + l->off, l->len);
		col += l->width;
	}
}

void
row_view_free(struct row_view *rv)
{
	int s;

	for (s = 0; s < 2; s++) {
		buf_free(&rv->text[s]);
		free(rv->lines[s].v);
		free(rv->style[s]);
	}
	memset(rv, 0, sizeof *rv);
}
