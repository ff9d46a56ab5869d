/* SPDX-License-Identifier: MIT */
/* Turning rows into display lines for a width: the screen, --dump, print. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

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

void
layout_row(const struct doc *doc, size_t r, const struct layout_opts *o,
    struct row_view *rv)
{
	struct layout_geom g;
	int s;

	layout_geom(o, &g);
	rv->gap[0] = rv->gap[1] = 0;
	for (s = 0; s < 2; s++) {
		struct buf *text = &rv->text[s];
		struct text_lines *lines = &rv->lines[s];
		const uint32_t *ids;
		size_t n = 0, i;

		buf_reset(text);
		buf_add(text, "", 0);
		lines->n = 0;
		if (g.w[s] == 0)
			continue;
		ids = doc_row_blocks(doc, r, o->side[s], &n);
		for (i = 0; i < n; i++) {
			size_t from = text->len, k;

			/* Blocks that share a row are set apart by an
			 * empty line. */
			if (i > 0) {
				lines->v = xgrow(lines->v, &lines->cap, lines->n + 1,
				    sizeof *lines->v);
				lines->v[lines->n++] = (struct text_line){ from, 0, 0 };
			}
			k = lines->n;
			doc_block_text(doc, ids[i], text);
			text_wrap(text->s + from, text->len - from, g.w[s], lines);
			for (; k < lines->n; k++)
				lines->v[k].off += from;
		}
	}
	/* A side with nothing where the other has text says so. */
	for (s = 0; s < 2; s++)
		if (g.w[0] && g.w[1] && rv->lines[s].n == 0 && rv->lines[!s].n > 0) {
			struct buf *text = &rv->text[s];
			const char *name = lang_name(doc->langs[o->side[s]]);

			buf_adds(text, "\xe2\x80\x94 no ");
			text_clean(text, name, strlen(name));
			buf_adds(text, " text \xe2\x80\x94");
			text_wrap(text->s, text->len, g.w[s], &rv->lines[s]);
			rv->gap[s] = 1;
		}
	rv->paired = o->mode == LAYOUT_SIDE && g.w[0] && g.w[1];
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
	size_t n0 = 0, n1 = 0;

	if (side[0] < 0 || side[1] < 0)
		return 0;
	doc_row_blocks(doc, r, side[0], &n0);
	doc_row_blocks(doc, r, side[1], &n1);
	return (n0 == 0) != (n1 == 0);
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
	}
	memset(rv, 0, sizeof *rv);
}
