/* SPDX-License-Identifier: MIT */
/* libFuzzer target: any bytes through the briefing reader, the layout and
 * --json, checking what a terminal and a JSON reader rely on. */
#include "config.h"

#include <ctype.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unigbrk.h>
#include <unilbrk.h>
#include <unistr.h>

#include "buf.h"
#include "diag.h"
#include "align.h"
#include "doc.h"
#include "form.h"
#include "json.h"
#include "lang.h"
#include "layout.h"
#include "pillar.h"
#include "settings.h"
#include "source.h"
#include "text.h"
#include "xalloc.h"

#include "check.h"

/*
 * The input: a header of four bytes, then the briefing (an input shorter
 * than the header is all briefing, with a header of zeros).
 *
 *   [0] bits 0-2: the encoding (--encoding; NULL, detection, for half);
 *       bit 3: the briefing is two files, the second starting at [3];
 *       bits 4-5: how many languages are asked for (--lang), 0-3;
 *       bits 6-7: the layout's split, gutter and wrap
 *   [1] the width, 1-200 columns
 *   [2] the languages asked for: one from each nibble, a third from both
 *   [3] where the second file starts, in 256ths of the text; bit 0 also
 *       names it so that its name gives its language; bits 1-2 also
 *       choose the layout: side by side, stacked, single, or side by side
 *       with a third version on the left (as the viewer's language keys
 *       allow; side by side when there is no third)
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
 *  - the --json output is valid UTF-8 and valid JSON;
 *  - the line breaks of a block's text beyond ASCII are libunistring's.
 */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { HEADER = 4 };

/* The layouts of header byte 3's bits 1-2: the viewer's modes, and side by
 * side with the third version on the left. */
enum { THIRD_LEFT = LAYOUT_SINGLE + 1 };

static const char *const encodings[8] = {
	NULL, NULL, NULL, NULL, "WINDOWS-1251", "WINDOWS-1252", "KOI8-R", "UTF-16LE"
};

static const struct {
	int split, gutter, wrap;
} variants[4] = {
	{ 50, 3, 0 },		/* the shipped settings */
	{ 20, 1, 0 },
	{ 80, 20, 0 },
	{ 50, 3, 12 },
};

/* The settings, pillars and languages every run starts from. */
static struct settings *base_cfg;
static struct pillar_set *base_set;
static int base_langs;

static void
init(void)
{
	static iconv_t keep[8];
	int i;

	/* A converter of each encoding, never closed: iconv keeps the
	 * modules of open converters loaded, and would otherwise unload and
	 * load them again from run to run. */
	for (i = 0; i < 8; i++)
		if (encodings[i])
			keep[i] = iconv_open("UTF-8", encodings[i]);
	base_cfg = fuzz_settings();
	base_langs = lang_count();
	base_set = pillar_set_new(base_cfg, NULL);
}

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

/* Every block in exactly one row, in its language's column, in order. */
static void
check_rows(const struct doc *doc)
{
	unsigned char *seen = xcalloc(doc->nblocks + 1, 1);
	size_t r, b, k, pos;
	int l;

	for (l = 0; l < doc->nlangs; l++) {
		pos = 0;
		for (r = 0; r < doc->nrows; r++) {
			size_t n;
			const uint32_t *ids = doc_row_blocks(doc, r, l, &n);

			check(doc->row_start[r * doc->nlangs + l] == pos,
			    "rows skip or repeat a language's blocks");
			pos += n;
			for (k = 0; k < n; k++) {
				check(ids[k] < doc->nblocks, "a row holds no block");
				check(!seen[ids[k]], "a block is in two rows");
				check(doc->blocks[ids[k]].lang == doc->langs[l],
				    "a block is in another language's column");
				seen[ids[k]] = 1;
			}
		}
		check(pos == doc->nseq[l], "rows leave out a language's last blocks");
	}
	for (b = 0; b < doc->nblocks; b++)
		check(seen[b], "a block is in no row");
	free(seen);
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
	struct row_view rv;
	struct layout_geom g;
	struct buf line = {0};
	size_t r;
	int k, s;

	memset(&rv, 0, sizeof rv);
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
	row_view_free(&rv);
	buf_free(&line);
}

/* The line breaks of each block's text (beyond ASCII, where they are
 * libunistring's throughout) are libunistring's. */
static void
check_breaks(const struct doc *doc)
{
	struct buf text = {0};
	char *p = NULL, *q = NULL;
	size_t b, i, cap = 0;

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
	free(p);
	free(q);
	buf_free(&text);
}

/* --- the target ------------------------------------------------------ */

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char h[HEADER] = { 0 };
	const char *text = (const char *)data, *enc;
	struct source *files;
	struct doc_opts dopts;
	struct layout_opts lo;
	struct settings *cfg;
	struct pillar_set *set;
	struct pillars *p;
	struct doc *doc;
	struct buf why = {0};
	size_t cut;
	int nfiles, want[3], layout, v;

	if (!base_cfg)
		init();
	if (size >= HEADER) {
		memcpy(h, data, HEADER);
		text += HEADER;
		size -= HEADER;
	}
	enc = encodings[h[0] & 7];
	nfiles = h[0] & 8 ? 2 : 1;
	cut = nfiles == 2 ? size * h[3] / 256 : size;
	files = xcalloc(nfiles, sizeof *files);
	/* Plain text, whatever it looks like: fuzz_html and fuzz_office
	 * read the other forms. */
	check(source_from_memory_as(&files[0], "fuzz.txt", text, cut, enc, FORM_TEXT,
	    &why) == 0, "source_from_memory refused a known encoding");
	if (nfiles == 2)
		check(source_from_memory_as(&files[1],
		    h[3] & 1 ? "fuzz.en.txt" : "fuzz-2.txt", text + cut, size - cut,
		    enc, FORM_TEXT, &why) == 0, "source_from_memory refused a known encoding");

	/* --lang: up to three languages, repeats allowed as on the command
	 * line. */
	memset(&dopts, 0, sizeof dopts);
	dopts.encoding = enc;
	want[0] = (h[2] & 15) % base_langs;
	want[1] = (h[2] >> 4) % base_langs;
	want[2] = (h[2] + (h[2] >> 4)) % base_langs;
	dopts.nlangs = h[0] >> 4 & 3;
	dopts.langs = dopts.nlangs ? want : NULL;

	doc = doc_build(files, nfiles, &dopts);
	align_doc(doc);
	check_rows(doc);

	/* A briefing's %pillar lines go into the settings: give it a copy. */
	cfg = doc->pillar_ini.len ? settings_copy(base_cfg) : base_cfg;
	set = cfg != base_cfg ? pillar_set_new(cfg, &doc->pillar_ini) : base_set;
	p = pillars_new(set, doc);
	check_breaks(doc);
	v = h[0] >> 6 & 3;
	layout = h[3] >> 1 & 3;
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

	/* The viewer tags the blocks a slice at a time; --json tags each
	 * block as it finds its matches.  The first slice tags one block the
	 * viewer's way, the JSON the others, and the slices after count the
	 * rows. */
	pillars_tag_some(p, 1);
	check_json(doc, p);
	while (!pillars_tag_some(p, 7))
		continue;
	check(pillars_done(p), "pillars_tag_some stopped short");

	pillars_free(p);
	if (cfg != base_cfg) {
		pillar_set_free(set);
		settings_free(cfg);
	}
	doc_free(doc);
	buf_free(&why);
	/* %lang may have added languages: start the next run afresh. */
	lang_truncate(base_langs);
	return 0;
}
