/* SPDX-License-Identifier: MIT */
/* libFuzzer target: any text as the blocks of a document whose languages
 * the header gives, through the aligner and the layout, checking what a
 * terminal relies on. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unigbrk.h>
#include <unilbrk.h>
#include <unistr.h>

#include "align.h"
#include "buf.h"
#include "doc.h"
#include "lang.h"
#include "layout.h"
#include "settings.h"
#include "text.h"
#include "xalloc.h"

#include "check.h"

/*
 * The input: a header of four bytes, then the text (an input shorter than
 * the header is all text, with a header of zeros).  Bytes 2 and 3 give the
 * blocks their languages (fuzz_doc in check.h, where fuzz_reader would
 * detect them); bytes 0 and 1 the layout:
 *
 *   [0] bits 0-1: side by side, stacked, single, or side by side with a
 *       third version on the left (as the viewer's language keys allow;
 *       side by side when there is no third);
 *       bits 2-3: the layout's split, gutter and wrap
 *   [1] the width, 1-200 columns
 *
 * Invariants, each an abort() when broken:
 *  - every block is in exactly one row, in its language's column, and the
 *    rows take each language's blocks in document order;
 *  - every laid-out line of every row, in the layout of the header, lies
 *    in its text, is as wide as it says and no wider than its column
 *    unless it is one grapheme cluster (and code points of no width after
 *    it);
 *  - every laid-out line and every line of layout_text is valid UTF-8
 *    with no control character (C0, DEL, C1), no bidi embedding, override
 *    or isolate and no line or paragraph separator;
 *  - the line breaks of a block's text beyond ASCII are libunistring's.
 */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { HEADER = FUZZ_DOC_HEADER };

/* The layouts of header byte 0's bits 0-1: the viewer's modes, and side by
 * side with the third version on the left. */
enum { THIRD_LEFT = LAYOUT_SINGLE + 1 };

static const struct {
	int split, gutter, wrap;
} variants[4] = {
	{ 50, 3, 0 },		/* the shipped settings */
	{ 20, 1, 0 },
	{ 80, 20, 0 },
	{ 50, 3, 12 },
};

/* The settings and languages every run starts from. */
static struct settings *base_cfg;
static int base_langs;

/* Whether s[0..n) cannot be split: one grapheme cluster, perhaps followed
 * by code points of no width (which stay with the character before them:
 * a line of their own would show nothing). */
static int
unsplittable(const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s, *q;

	if (n == 0)
		return 0;
	q = u8_grapheme_next(p, p + n);
	return text_width((const char *)q, p + n - q) == 0;
}

/* The lines of side s of a laid-out row, in a column of w. */
static void
check_side(const struct row_view *rv, int s, int w)
{
	const struct buf *t = &rv->text[s];
	size_t k;

	for (k = 0; k < rv->lines[s].n; k++) {
		const struct text_line *l = &rv->lines[s].v[k];
		const char *p;
		int width;

		check(l->off <= t->len && l->len <= t->len - l->off,
		    "a line outside its row's text");
		if (l->len == 0)
			continue;
		p = t->s + l->off;
		width = text_width(p, l->len);
		check_text(displayable(p, l->len), "a laid-out line holds a "
		    "control, a bidi control or invalid UTF-8", p, l->len);
		check_text((int)l->width == width, "a line's width is not its "
		    "text's", p, l->len);
		check_text(width <= w || unsplittable(p, l->len),
		    "a line is wider than its column", p, l->len);
	}
}

/* Lay out every row of doc in o's mode and check each line. */
static void
check_layout(const struct doc *doc, const struct layout_opts *o)
{
	static struct row_view rv;
	static struct buf line;
	struct layout_geom g;
	size_t r;
	int k, s;

	layout_geom(o, &g);
	for (r = 0; r < doc->nrows; r++) {
		layout_row(doc, r, o, &rv);
		for (s = 0; s < 2; s++)
			check_side(&rv, s, g.w[s]);
		for (k = 0; k < rv.height; k++) {
			buf_reset(&line);
			layout_text(&rv, k, &line);
			check_text(displayable(line.s, line.len), "a display line "
			    "holds a control, a bidi control or invalid UTF-8",
			    line.s, line.len);
		}
	}
}

/* The line breaks of each block's text (beyond ASCII, where they are
 * libunistring's throughout) are libunistring's. */
static void
check_breaks(const struct doc *doc)
{
	static struct buf text;
	static char *p, *q;
	static size_t cap;
	size_t b, i;

	for (b = 0; b < doc->nblocks; b++) {
		buf_reset(&text);
		buf_add(&text, "", 0);
		doc_block_text(doc, b, &text);
		for (i = 0; i < text.len && (unsigned char)text.s[i] < 0x80; i++)
			;
		if (i == text.len)
			continue;
		if (text.len > cap) {
			cap = text.len;
			p = xrealloc(p, cap);
			q = xrealloc(q, cap);
		}
		text_breaks(text.s, text.len, p);
		u8_possible_linebreaks((const uint8_t *)text.s, text.len, "UTF-8", q);
		if (memcmp(p + 1, q + 1, text.len - 1) == 0)
			continue;
		for (i = 1; i < text.len; i++)
			check_text((p[i] == UC_BREAK_POSSIBLE) == (q[i] == UC_BREAK_POSSIBLE),
			    "a line break differs from libunistring's", text.s, text.len);
	}
}

/* --- the target ------------------------------------------------------ */

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char h[HEADER];
	struct layout_opts lo;
	struct doc *doc;
	int layout, v;

	if (!base_cfg) {
		base_cfg = fuzz_settings();
		base_langs = lang_count();
	}
	doc = fuzz_doc(data, size, h, base_langs);
	align_doc(doc);
	check_rows(doc);
	check_breaks(doc);

	v = h[0] >> 2 & 3;
	layout = h[0] & 3;
	memset(&lo, 0, sizeof lo);
	lo.width = 1 + h[1] % 200;
	lo.mode = layout == THIRD_LEFT ? LAYOUT_SIDE : layout;
	lo.split = variants[v].split;
	lo.gutter = variants[v].gutter;
	lo.wrap = variants[v].wrap;
	lo.side[0] = doc->nlangs > 0 ? 0 : -1;
	lo.side[1] = doc->nlangs > 1 && lo.mode != LAYOUT_SINGLE ? 1 : -1;
	if (layout == THIRD_LEFT && doc->nlangs > 2) {
		lo.side[0] = 2;
		lo.side[1] = 0;
	}
	check_layout(doc, &lo);
	doc_free(doc);
	return 0;
}
