/* SPDX-License-Identifier: MIT */
/* What the fuzz targets of the document readers check in what they read:
 * text a terminal may show, spans inside their file, JSON that parses. */
#ifndef DIGLOT_FUZZ_CHECK_H
#define DIGLOT_FUZZ_CHECK_H

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "form.h"
#include "json.h"
#include "lang.h"
#include "pillar.h"
#include "settings.h"
#include "source.h"
#include "text.h"
#include "xalloc.h"

static void
fuzz_quiet(const char *msg)
{
	(void)msg;
}

/* What a readers' target sets up once: warnings unsaid, the built-in
 * settings and the languages read, the text tables filled. */
static struct settings * __attribute__((unused))
fuzz_settings(void)
{
	struct settings *cfg;

	diag_set_sink(fuzz_quiet);
	cfg = settings_new();
	lang_load(cfg);
	text_init();
	return cfg;
}

static void
check(int ok, const char *what)
{
	if (ok)
		return;
	fprintf(stderr, "fuzz: %s\n", what);
	abort();
}

/* Like check, showing the text at fault with its bytes escaped. */
static void
check_text(int ok, const char *what, const char *s, size_t n)
{
	size_t i;

	if (ok)
		return;
	fprintf(stderr, "fuzz: %s: \"", what);
	for (i = 0; i < n && i < 400; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c < 0x7F && c != '\\' && c != '"')
			fputc(c, stderr);
		else
			fprintf(stderr, "\\x%02x", c);
	}
	fprintf(stderr, "\"%s (%zu bytes)\n", n > 400 ? "..." : "", n);
	abort();
}

/* The bytes displayable looks at: C0 controls, DEL, and the leads of
 * U+0080-U+00BF and U+2000-U+2FFF, where the C1 controls, bidi controls
 * and separators are (filled on first use). */
static unsigned char suspect[256];

/* Whether s[0..n) is valid UTF-8 with nothing a terminal would act on:
 * no C0 or C1 control, DEL, bidi control or line separator. */
static int
displayable(const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s, *end;

	if (n == 0)
		return 1;
	end = p + n;
	if (!suspect[0]) {
		int i;

		for (i = 0; i < 256; i++)
			suspect[i] = i < 0x20 || i == 0x7F || i == 0xC2 || i == 0xE2;
	}
	if (u8_check(p, n) != NULL)
		return 0;
	while (p < end) {
		ucs4_t uc;

		if (!suspect[*p]) {
			p++;
			continue;
		}
		p += u8_mbtouc(&uc, p, end - p);
		if (uc < 0x20 || (uc >= 0x7F && uc <= 0x9F) ||
		    (uc >= 0x202A && uc <= 0x202E) || (uc >= 0x2066 && uc <= 0x2069) ||
		    uc == 0x2028 || uc == 0x2029)
			return 0;
	}
	return 1;
}

/* Every block a span of its file's text, its display text displayable. */
static void __attribute__((unused))
check_blocks(const struct doc *doc, struct buf *text)
{
	size_t b;

	for (b = 0; b < doc->nblocks; b++) {
		const struct block *bl = &doc->blocks[b];

		check(bl->file < doc->nfiles, "a block of no file");
		check(bl->off <= doc->files[bl->file].len &&
		    bl->len <= doc->files[bl->file].len - bl->off, "a block outside its file");
		check(bl->len > 0, "an empty block");
		buf_reset(text);
		buf_add(text, "", 0);
		doc_block_text(doc, b, text);
		check(displayable(text->s, text->len), "a block's text holds a control");
	}
}

/* Every block in exactly one row, in its language's column, in order. */
static void __attribute__((unused))
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

/* --- documents made without the reader ----------------------------- */

/* The words of s[0..n), at most 255: what doc_build counts as prose. */
static unsigned char __attribute__((unused))
prose_words(const char *s, size_t n)
{
	size_t i, w = 0;
	int in = 0;

	for (i = 0; i < n && w < 255; i++) {
		int blank = s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r';

		w += !blank && !in;
		in = !blank;
	}
	return (unsigned char)w;
}

/* A document of the one file src, its blocks in the languages lang[0..n),
 * block b in lang[(pattern >> 2(b mod 4) & 3) mod n]: what doc_build makes
 * of plain text, without the detection. */
static struct doc * __attribute__((unused))
make_doc(struct source *src, unsigned pattern, const int *lang, int n)
{
	struct doc *doc = xcalloc(1, sizeof *doc);
	size_t i = 0, start, end, cap = 0, b;
	int l;

	doc->files = src;
	doc->nfiles = 1;
	for (;;) {
		const char *s;
		struct block *bl;

		i = doc_next_block(src->data, src->len, i, &start, &end);
		if (start == end)
			break;
		s = src->data + start;
		doc->blocks = xgrow(doc->blocks, &cap, doc->nblocks + 1, sizeof *doc->blocks);
		bl = &doc->blocks[doc->nblocks];
		memset(bl, 0, sizeof *bl);
		bl->off = start;
		bl->len = end - start;
		bl->chars = (uint32_t)text_chars(s, bl->len);
		bl->lang = (int16_t)lang[(pattern >> (2 * (doc->nblocks % 4)) & 3) % n];
		bl->kind = !memchr(s, '\n', bl->len) && doc_is_heading_text(s, bl->len) ?
		    BLOCK_HEADING : BLOCK_PARAGRAPH;
		bl->prose = prose_words(s, bl->len);
		doc->nblocks++;
	}
	/* The languages in order of first appearance, each with its blocks. */
	doc->langs = xmalloc(sizeof *doc->langs * (n + 1));
	for (b = 0; b < doc->nblocks; b++)
		if (doc_lang_slot(doc, doc->blocks[b].lang) < 0)
			doc->langs[doc->nlangs++] = doc->blocks[b].lang;
	doc->seq = xcalloc(n, sizeof *doc->seq);
	doc->nseq = xcalloc(n, sizeof *doc->nseq);
	for (l = 0; l < doc->nlangs; l++)
		doc->seq[l] = xmalloc(sizeof **doc->seq * (doc->nblocks + 1));
	for (b = 0; b < doc->nblocks; b++) {
		l = doc_lang_slot(doc, doc->blocks[b].lang);
		doc->seq[l][doc->nseq[l]++] = (uint32_t)b;
	}
	return doc;
}

/*
 * The document of fuzz_layout and fuzz_json: text (read as UTF-8, invalid
 * bytes and all) after a header h of FUZZ_DOC_HEADER bytes, of which this
 * reads two:
 *
 *   [2] the languages of the document: one from each nibble, a third from
 *       both (repeats count once), of the first nlangs
 *   [3] the language of block b: two bits, from bit 2(b mod 4), of those
 *       of [2]
 *
 * The text is parted into blocks as plain text is (runs of non-blank
 * lines; a one-line block that reads as a heading is one).
 */
enum { FUZZ_DOC_HEADER = 4 };

/* The input data[0..size) as that document; h gets its header (zeros for
 * what a short input lacks). */
static struct doc * __attribute__((unused))
fuzz_doc(const uint8_t *data, size_t size, unsigned char *h, int nlangs)
{
	struct source *src = xcalloc(1, sizeof *src);
	struct buf why = {0};
	const char *text = (const char *)data;
	int lang[3], want[3], k = 0, i;

	memset(h, 0, FUZZ_DOC_HEADER);
	if (size >= FUZZ_DOC_HEADER) {
		memcpy(h, data, FUZZ_DOC_HEADER);
		text += FUZZ_DOC_HEADER;
		size -= FUZZ_DOC_HEADER;
	}
	check(source_from_memory_as(src, "fuzz.txt", text, size, "UTF-8", FORM_TEXT,
	    &why) == 0, "source_from_memory refused UTF-8");
	buf_free(&why);
	want[0] = (h[2] & 15) % nlangs;
	want[1] = (h[2] >> 4) % nlangs;
	want[2] = (h[2] + (h[2] >> 4)) % nlangs;
	for (i = 0; i < 3; i++)
		if (k == 0 || (want[i] != lang[0] && (k == 1 || want[i] != lang[1])))
			lang[k++] = want[i];
	return make_doc(src, h[3], lang, k);
}

/* --- a JSON checker (RFC 8259, nesting bounded) ------------------------ */

enum { JSON_DEPTH = 64 };

/* The bytes a JSON string holds only escaped, or as its end. */
static char json_stops[2 + 31 + 1];

/* The text checked ends in a NUL (check_json writes one after it), which
 * stops the scans of blanks and of strings. */

struct json {
	const char *s, *end;
	int depth;
};

static void
json_ws(struct json *j)
{
	j->s += strspn(j->s, " \t\n\r");
}

static int
json_lit(struct json *j, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(j->end - j->s) < n || memcmp(j->s, w, n) != 0)
		return 0;
	j->s += n;
	return 1;
}

static int
json_digits(struct json *j)
{
	const char *from = j->s;

	while (j->s < j->end && *j->s >= '0' && *j->s <= '9')
		j->s++;
	return j->s > from;
}

static int
json_number(struct json *j)
{
	if (j->s < j->end && *j->s == '-')
		j->s++;
	if (j->s < j->end && *j->s == '0')
		j->s++;
	else if (!json_digits(j))
		return 0;
	if (j->s < j->end && *j->s == '.') {
		j->s++;
		if (!json_digits(j))
			return 0;
	}
	if (j->s < j->end && (*j->s == 'e' || *j->s == 'E')) {
		j->s++;
		if (j->s < j->end && (*j->s == '+' || *j->s == '-'))
			j->s++;
		if (!json_digits(j))
			return 0;
	}
	return 1;
}

static int
json_string(struct json *j)
{
	int i;

	if (j->s == j->end || *j->s != '"')
		return 0;
	for (j->s++; j->s < j->end; j->s++) {
		unsigned char c;

		j->s += strcspn(j->s, json_stops);
		if (j->s == j->end)
			return 0;
		c = (unsigned char)*j->s;
		if (c == '"') {
			j->s++;
			return 1;
		}
		if (c < 0x20)
			return 0;
		if (c != '\\')
			continue;
		if (++j->s == j->end)
			return 0;
		c = (unsigned char)*j->s;
		if (c == 'u') {
			for (i = 0; i < 4; i++)
				if (++j->s == j->end ||
				    !isxdigit((unsigned char)*j->s))
					return 0;
		} else if (c == '\0' || !strchr("\"\\/bfnrt", c))
			return 0;
	}
	return 0;
}

static int json_value(struct json *j);

/* An array or, when object, an object: the opening bracket is at j->s. */
static int
json_list(struct json *j, int object)
{
	char close = object ? '}' : ']';

	if (++j->depth > JSON_DEPTH)
		return 0;
	j->s++;
	json_ws(j);
	if (j->s < j->end && *j->s == close) {
		j->s++;
		j->depth--;
		return 1;
	}
	for (;;) {
		if (object) {
			if (!json_string(j))
				return 0;
			json_ws(j);
			if (j->s == j->end || *j->s != ':')
				return 0;
			j->s++;
		}
		if (!json_value(j))
			return 0;
		json_ws(j);
		if (j->s == j->end)
			return 0;
		if (*j->s == close) {
			j->s++;
			j->depth--;
			return 1;
		}
		if (*j->s != ',')
			return 0;
		j->s++;
		json_ws(j);
	}
}

static int
json_value(struct json *j)
{
	int ok;

	json_ws(j);
	if (j->s == j->end)
		return 0;
	switch (*j->s) {
	case '{':
		ok = json_list(j, 1);
		break;
	case '[':
		ok = json_list(j, 0);
		break;
	case '"':
		ok = json_string(j);
		break;
	case 't':
		ok = json_lit(j, "true");
		break;
	case 'f':
		ok = json_lit(j, "false");
		break;
	case 'n':
		ok = json_lit(j, "null");
		break;
	default:
		ok = json_number(j);
		break;
	}
	json_ws(j);
	return ok;
}

/* NULL when s[0..n) is one JSON value and nothing else, else about where
 * it goes wrong. */
static const char *
json_error(const char *s, size_t n)
{
	struct json j;

	j.s = s;
	j.end = s + n;
	j.depth = 0;
	if (json_value(&j) && j.s == j.end)
		return NULL;
	return j.s;
}

/* Abort showing the JSON out[0..n) around bad, saying what. */
static void
json_fault(const char *what, const char *out, size_t n, const char *bad)
{
	size_t from = (size_t)(bad - out) > 60 ? (size_t)(bad - out) - 60 : 0;

	check_text(0, what, out + from, n - from < 120 ? n - from : 120);
}

/* The --json output of doc (with the pillars p, or none): valid UTF-8,
 * valid JSON.  (Inline: a target of a reader alone does not use it.)  The
 * stream is kept from run to run: each run writes from its start and ends
 * what it wrote with a NUL. */
static inline void
check_json(struct doc *doc, struct pillars *p)
{
	static FILE *json_out;
	static char *json_buf;
	static size_t json_size;
	const char *bad;
	size_t n;

	if (!json_out) {
		int i;

		json_stops[0] = '"';
		json_stops[1] = '\\';
		for (i = 1; i < 0x20; i++)
			json_stops[1 + i] = (char)i;
		json_out = open_memstream(&json_buf, &json_size);
		check(json_out != NULL, "open_memstream failed");
	}
	check(fseek(json_out, 0, SEEK_SET) == 0, "json_write's stream failed");
	check(json_write(doc, p, json_out) == 0, "json_write failed");
	n = (size_t)ftell(json_out);
	check(fputc('\0', json_out) == 0 && fflush(json_out) == 0,
	    "json_write's stream failed");
	bad = (const char *)u8_check((const uint8_t *)json_buf, n);
	if (bad != NULL)
		json_fault("the --json output is not valid UTF-8 here", json_buf, n, bad);
	bad = json_error(json_buf, n);
	if (bad != NULL)
		json_fault("the --json output is not JSON here", json_buf, n, bad);
}

/* doc's pillars from set, tagged as the viewer and --json tag them, and
 * its --json output checked between: the first slice tags one block the
 * viewer's way, the JSON the others, and the slices after count the rows. */
static inline void
check_tagging(const struct pillar_set *set, struct doc *doc)
{
	struct pillars *p = pillars_new(set, doc);

	pillars_tag_some(p, 1);
	check_json(doc, p);
	while (!pillars_tag_some(p, 7))
		continue;
	check(pillars_done(p), "pillars_tag_some stopped short");
	pillars_free(p);
}

#endif
