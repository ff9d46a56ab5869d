/* SPDX-License-Identifier: MIT */
/* The document model: files, blocks, their languages and aligned rows. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "copy.h"
#include "diag.h"
#include "doc.h"
#include "form.h"
#include "lang.h"
#include "text.h"
#include "xalloc.h"

/* A heading is one line of at most this many words, not ending like a
 * sentence or a clause. */
enum { HEADING_WORDS = 15, HEADING_BYTES = 300 };
/* A marker hints at the language of the block after it. */
#define MARKER_HINT 2.0
/* The language a web page or office file marks a block with: a strong
 * hint, which a paragraph with clear evidence of its own still outweighs. */
#define MARK_HINT 5.0

/* A language is a version of the briefing when the blocks clearly in it
 * hold this many words of prose. */
enum { VERSION_WORDS = 12 };

const char *
doc_kind_name(int kind)
{
	static const char *const names[] = { "header", "heading", "paragraph" };

	return names[kind];
}

/* Reading state while the blocks of all files are collected. */
struct reader {
	struct doc *doc;
	size_t cap;
	int *hint_lang;		/* per block: language a marker announced, or -1 */
	int *fixed;		/* per block: language forced, or -1 */
	int *words;		/* per block: its prose words */
	size_t fcap, hlcap;
	int file_lang;		/* from the file name, or -1 */
	int markup_lang;	/* %lang in force, or -1 */
	int next_kind;		/* %header: kind of the next block, or -1 */
	char *next_tags;	/* %tag: tags of the next block */
	int pending_marker;	/* language announced by a marker, or -1 */
	int *mark_lang;		/* per block: the language its markup names, or -1 */
	size_t mcap, ocap, norigin;
};

/* A line of blanks, byte-order marks and zero-width spaces is blank. */
static int
is_blank_line(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\v' || s[i] == '\f')
			continue;
		if (i + 2 < n && ((memcmp(s + i, "\xEF\xBB\xBF", 3) == 0) ||
		    memcmp(s + i, "\xE2\x80\x8B", 3) == 0)) {
			i += 2;
			continue;
		}
		return 0;
	}
	return 1;
}

/* The end of the line at s[i] (at LF, CR or a form feed, *ff set for
 * one): *next is where the next line starts. */
static size_t
line_end(const char *s, size_t n, size_t i, size_t *next, int *ff)
{
	const char *nl = memchr(s + i, '\n', n - i), *cr, *fe;
	size_t e = nl ? (size_t)(nl - s) : n;

	if ((cr = memchr(s + i, '\r', e - i)) != NULL)
		e = cr - s;
	if ((fe = memchr(s + i, '\f', e - i)) != NULL)
		e = fe - s;
	*ff = e < n && s[e] == '\f';
	*next = e + 1;
	if (e < n && s[e] == '\r' && e + 1 < n && s[e + 1] == '\n')
		*next = e + 2;
	if (*next > n)
		*next = n;
	return e;
}

/* The length of s[0..n) without trailing blanks. */
static size_t
trimmed_len(const char *s, size_t n)
{
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n;
}

int
doc_is_heading_text(const char *s, size_t n)
{
	size_t i, words = 0;
	int inword = 0;
	unsigned char last;

	if (n > HEADING_BYTES)
		return 0;
	n = trimmed_len(s, n);
	if (!n)
		return 0;
	last = (unsigned char)s[n - 1];
	if (last == '.' || last == ',' || last == ';' || last == ':')
		return 0;
	/* 。，；： */
	if (n >= 3 && (memcmp(s + n - 3, "\xE3\x80\x82", 3) == 0 ||
	    memcmp(s + n - 3, "\xEF\xBC\x8C", 3) == 0 ||
	    memcmp(s + n - 3, "\xEF\xBC\x9B", 3) == 0 ||
	    memcmp(s + n - 3, "\xEF\xBC\x9A", 3) == 0))
		return 0;
	for (i = 0; i < n; i++) {
		int sp = s[i] == ' ' || s[i] == '\t';

		if (!sp && !inword)
			words++;
		inword = !sp;
	}
	return words <= HEADING_WORDS;
}

static void
add_block(struct reader *rd, uint32_t file, size_t off, size_t len, uint32_t line,
    int nlines, int markup)
{
	struct doc *doc = rd->doc;
	const char *s = doc->files[file].data + off;
	struct block *b;
	size_t id = doc->nblocks;
	int lang;

	if (nlines == 1 && !markup && rd->next_kind < 0 &&
	    (lang = lang_marker(s, len)) >= 0) {
		rd->pending_marker = lang;
		return;
	}
	doc->blocks = xgrow(doc->blocks, &rd->cap, id + 1, sizeof *b);
	rd->hint_lang = xgrow(rd->hint_lang, &rd->hlcap, id + 1, sizeof *rd->hint_lang);
	rd->fixed = xgrow(rd->fixed, &rd->fcap, id + 1, sizeof *rd->fixed);
	b = &doc->blocks[id];
	memset(b, 0, sizeof *b);
	b->off = off;
	b->len = len;
	b->file = file;
	b->line = line;
	b->chars = (uint32_t)text_chars(s, len);
	b->markup = markup;
	b->lang = -1;
	if (rd->next_kind >= 0)
		b->kind = rd->next_kind;
	else if (!markup && nlines == 1 && doc_is_heading_text(s, len))
		b->kind = BLOCK_HEADING;
	else
		b->kind = BLOCK_PARAGRAPH;
	b->tags = rd->next_tags;
	rd->next_tags = NULL;
	rd->next_kind = -1;
	rd->fixed[id] = rd->markup_lang >= 0 ? rd->markup_lang : rd->file_lang;
	rd->hint_lang[id] = rd->pending_marker;
	rd->pending_marker = -1;
	doc->nblocks++;
}

/*
 * The block at or after s[i] of s[0..n): its span in *start and *end (n
 * and n when there is none), its first line in *first and its count of
 * lines in *nlines (0: none), lines counted on in *line; returns where the
 * next block may start.  Blocks are runs of non-blank lines; a form feed
 * ends one too.
 */
static size_t
next_block(const char *s, size_t n, size_t i, size_t *start, size_t *end, uint32_t *line,
    uint32_t *first, int *nlines)
{
	*start = *end = n;
	*nlines = 0;
	while (i < n) {
		size_t next;
		int ff;
		size_t e = line_end(s, n, i, &next, &ff);

		++*line;
		if (is_blank_line(s + i, e - i)) {
			if (*nlines)
				return next;
		} else {
			if (!*nlines) {
				*start = i;
				*first = *line;
			}
			++*nlines;
			*end = e;
			if (ff)
				return next;
		}
		i = next;
	}
	return n;
}

/* Whether the line s[0..n) starts with a list item's bullet or number
 * (after any blanks). */
static int
is_item_line(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	return align_item_mark(s, n) > 0;
}

/* The block of lines s[start..end) of file, nlines from line first: a
 * list packed without blank lines (two lines or more that start with a
 * bullet or a number) is a block per item, as when blank lines part its
 * items, and what comes before its first item is a block of its own. */
static void
add_plain_block(struct reader *rd, uint32_t file, size_t start, size_t end,
    uint32_t first, int nlines)
{
	const char *s = rd->doc->files[file].data;
	size_t i, next, e, from = start, last = start;
	int items = 0, ff, n = 0;
	uint32_t line = first, from_line = first;

	for (i = start; nlines > 1 && i < end && items < 2; i = next) {
		e = line_end(s, end, i, &next, &ff);
		items += is_item_line(s + i, e - i);
	}
	if (items < 2) {
		add_block(rd, file, start, end - start, first, nlines, 0);
		return;
	}
	for (i = start; i < end; i = next, line++) {
		e = line_end(s, end, i, &next, &ff);
		if (n && is_item_line(s + i, e - i)) {
			add_block(rd, file, from, last - from, from_line, n, 0);
			from = i;
			from_line = line;
			n = 0;
		}
		n++;
		last = e;
	}
	add_block(rd, file, from, last - from, from_line, n, 0);
}

/* Plain text: blocks are runs of non-blank lines. */
static void
read_plain(struct reader *rd, uint32_t file)
{
	const struct source *src = &rd->doc->files[file];
	size_t i = 0, start, end;
	uint32_t line = 0, first = 0;
	int nlines;

	while (i < src->len) {
		i = next_block(src->data, src->len, i, &start, &end, &line, &first, &nlines);
		if (nlines)
			add_plain_block(rd, file, start, end, first, nlines);
	}
}

size_t
doc_next_block(const char *s, size_t n, size_t i, size_t *start, size_t *end)
{
	uint32_t line = 0, first;
	int nlines;

	return next_block(s, n, i, start, end, &line, &first, &nlines);
}

static int
directive_is(const char *s, size_t n, const char *name, const char **arg)
{
	size_t k = strlen(name);

	if (n < k || memcmp(s, name, k) != 0 || (n > k && s[k] != ' ' && s[k] != '\t'))
		return 0;
	s += k;
	n -= k;
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	*arg = s;
	return 1;
}

/* One directive line of the marked-up form. */
static void
directive(struct reader *rd, const char *fname, uint32_t line, const char *s,
    size_t n)
{
	struct buf *ini = &rd->doc->pillar_ini;
	const char *a;
	size_t an;

	n = trimmed_len(s, n);
	if (n >= 2 && s[1] == '%')
		return;
	if (directive_is(s, n, "%diglot", &a))
		return;
	if (directive_is(s, n, "%lang", &a)) {
		an = n - (a - s);
		if (an == 0 || an > 16 || strspn(a, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") < an) {
			diag_warn("%s:%u: %%lang: '%.*s' is not a language code (letters, "
			    "digits, - and _); the language is detected", fname, line,
			    (int)(an > 40 ? 40 : an), a);
			rd->markup_lang = -1;
		} else {
			rd->markup_lang = lang_add(a, an);
		}
		return;
	}
	if (directive_is(s, n, "%header", &a)) {
		rd->next_kind = BLOCK_HEADER;
		return;
	}
	if (directive_is(s, n, "%tag", &a)) {
		char *t;

		free(rd->next_tags);
		rd->next_tags = xstrndup(a, n - (a - s));
		for (t = rd->next_tags; *t; t++)
			*t = (char)tolower((unsigned char)*t);
		return;
	}
	if (directive_is(s, n, "%pillar", &a)) {
		an = n - (a - s);
		if (an == 0 || an > 64 || strspn(a, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") < an)
			diag_warn("%s:%u: %%pillar: '%.*s' is not a pillar id (letters, "
			    "digits, - and _); ignored", fname, line, (int)(an > 40 ? 40 : an), a);
		else {
			size_t at = ini->len;

			buf_printf(ini, "[pillar.%.*s]\n", (int)an, a);
			for (; at < ini->len; at++)	/* ids are lower case */
				ini->s[at] = (char)tolower((unsigned char)ini->s[at]);
		}
		return;
	}
	if (directive_is(s, n, "%title", &a) || directive_is(s, n, "%terms", &a)) {
		const char *sp = a;

		while (sp < s + n && *sp != ' ' && *sp != '\t')
			sp++;
		buf_printf(ini, "%s.%.*s = %.*s\n", s[2] == 'i' ? "title" : "terms",
		    (int)(sp - a), a, (int)(s + n - sp), sp);
		return;
	}
	diag_warn("%s:%u: unknown directive '%.*s'; ignored", fname, line,
	    (int)(n > 40 ? 40 : n), s);
}

/* The marked-up form: %directives, # headings, \escapes, blank lines. */
static void
read_markup(struct reader *rd, uint32_t file)
{
	const struct source *src = &rd->doc->files[file];
	const char *s = src->data, *fname = source_label(src);
	size_t n = src->len, i = 0, start = 0, end = 0;
	uint32_t line = 0, first = 0;
	int nlines = 0;

	while (i < n) {
		size_t next;
		int ff;
		size_t e = line_end(s, n, i, &next, &ff);
		int blank = is_blank_line(s + i, e - i);
		int dir = s[i] == '%', head = s[i] == '#';

		line++;
		if ((blank || dir || head) && nlines) {
			add_block(rd, file, start, end - start, first, nlines, 1);
			nlines = 0;
		}
		if (dir) {
			directive(rd, fname, line, s + i, e - i);
		} else if (head) {
			size_t h = i + 1;

			while (h < e && (s[h] == ' ' || s[h] == '\t' || s[h] == '#'))
				h++;
			if (rd->next_kind < 0)
				rd->next_kind = BLOCK_HEADING;
			if (h < e)
				add_block(rd, file, h, e - h, line, 1, 1);
			else
				rd->next_kind = -1;
		} else if (!blank) {
			if (!nlines) {
				start = i;
				first = line;
			}
			nlines++;
			end = e;
		}
		if (ff && nlines) {
			add_block(rd, file, start, end - start, first, nlines, 1);
			nlines = 0;
		}
		i = next;
	}
	if (nlines)
		add_block(rd, file, start, end - start, first, nlines, 1);
	rd->markup_lang = -1;
	rd->next_kind = -1;
	free(rd->next_tags);
	rd->next_tags = NULL;
}

int
doc_is_markup(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
		i++;
	return n - i >= 7 && memcmp(s + i, "%diglot", 7) == 0 &&
	    (n - i == 7 || s[i + 7] == ' ' || s[i + 7] == '\n' || s[i + 7] == '\r' ||
	    s[i + 7] == '\t');
}

/* The language id of a markup's language tag ("en-GB": en), or -1. */
static int
tag_lang(const char *tag)
{
	size_t k = strcspn(tag, "-_");

	return k >= 2 && k <= 3 ? lang_find(tag, k) : -1;
}

/* The origins and marked languages of the blocks up to n, the new ones
 * none. */
static void
origins_upto(struct reader *rd, size_t n)
{
	struct doc *doc = rd->doc;

	doc->origin = xgrow(doc->origin, &rd->ocap, n, sizeof *doc->origin);
	rd->mark_lang = xgrow(rd->mark_lang, &rd->mcap, n, sizeof *rd->mark_lang);
	for (; rd->norigin < n; rd->norigin++) {
		doc->origin[rd->norigin] = NULL;
		rd->mark_lang[rd->norigin] = -1;
	}
}

/* A web page's or office file's blocks, as its reader found them. */
static void
read_form_blocks(struct reader *rd, uint32_t file)
{
	struct doc *doc = rd->doc;
	const struct source *src = &doc->files[file];
	size_t i;

	for (i = 0; i < src->blocks->n; i++) {
		const struct form_block *fb = &src->blocks->v[i];
		const char *s = src->data + fb->off;
		int lang;

		if (!memchr(s, '\n', fb->len) &&
		    (lang = lang_marker(s, fb->len)) >= 0) {
			rd->pending_marker = lang;
			continue;
		}
		rd->next_kind = fb->kind;
		add_block(rd, file, fb->off, fb->len, fb->line, 1, MARKUP_FORM);
		origins_upto(rd, doc->nblocks);
		doc->origin[doc->nblocks - 1] = fb;
		rd->mark_lang[doc->nblocks - 1] = tag_lang(fb->lang);
	}
}

/* A language code as a dot-separated part of the file name (brief.bg.txt). */
static int
name_lang(const char *path)
{
	const char *base = strrchr(path, '/'), *p, *q;

	base = base ? base + 1 : path;
	p = strchr(base, '.');
	while (p) {
		int id;

		p++;
		q = strchr(p, '.');
		if (q && q - p >= 2 && q - p <= 3 && (id = lang_find(p, q - p)) >= 0)
			return id;
		if (!q && strlen(p) >= 2 && strlen(p) <= 3 &&
		    (id = lang_find(p, strlen(p))) >= 0)
			return id;
		p = q;
	}
	return -1;
}

/* Whether language id is among cand[0..n). */
static int
cand_index(const int *cand, int n, int id)
{
	int i;

	for (i = 0; i < n; i++)
		if (cand[i] == id)
			return i;
	return -1;
}

/* The scores of block b for the candidates cand[0..ncand) into one, with
 * the marker hints; *best is the candidate the block clearly is (or is
 * fixed to), -1 for none. */
static void
score_block(const struct reader *rd, const int *cand, int ncand, size_t b, double *one,
    int *best)
{
	struct block *bl = &rd->doc->blocks[b];
	int h = cand_index(cand, ncand, rd->hint_lang[b]);

	rd->words[b] = lang_score(rd->doc->files[bl->file].data + bl->off, bl->len, cand,
	    ncand, one);
	bl->prose = (unsigned char)(rd->words[b] > 255 ? 255 : rd->words[b]);
	if (h >= 0)
		one[h] += MARKER_HINT;
	if (b < rd->norigin && (h = cand_index(cand, ncand, rd->mark_lang[b])) >= 0)
		one[h] += MARK_HINT;
	*best = rd->fixed[b] >= 0 ? cand_index(cand, ncand, rd->fixed[b]) : lang_clear(one, ncand);
}

/* The candidates: the requested languages first, then every other known
 * one, then those the marked-up form fixes; *nwanted of them requested. */
static int *
candidates(const struct reader *rd, const struct doc_opts *o, int *ncand, int *nwanted)
{
	int *cand = xmalloc(sizeof *cand * (lang_count() + 1)), n = 0, i;
	size_t b;

	for (i = 0; o && i < o->nlangs; i++)
		if (cand_index(cand, n, o->langs[i]) < 0)
			cand[n++] = o->langs[i];
	*nwanted = n;
	for (i = 0; i < lang_count(); i++)
		if (cand_index(cand, *nwanted, i) < 0)
			cand[n++] = i;
	for (b = 0; b < rd->doc->nblocks; b++)
		if (rd->fixed[b] >= 0 && cand_index(cand, n, rd->fixed[b]) < 0)
			cand[n++] = rd->fixed[b];
	*ncand = n;
	return cand;
}

/* Keep the candidates that carry a real share of the clear blocks (pick)
 * and prose of their own (VERSION_WORDS words in them, when any candidate
 * has that much); with no clear block at all, keep every candidate.  The
 * kept go to kept[0..return) as indices into cand. */
static int
keep_clear(const int *pick, const int *words, size_t nb, int ncand, int nwanted, int *kept)
{
	size_t *clear = xcalloc(2 * (size_t)ncand, sizeof *clear), *prose = clear + ncand;
	size_t total = 0, b;
	int c, keep = 0, any_prose = 0;

	for (b = 0; b < nb; b++)
		if (pick[b] >= 0) {
			clear[pick[b]]++;
			prose[pick[b]] += words[b];
			total++;
		}
	for (c = 0; c < ncand; c++)
		any_prose |= prose[c] >= VERSION_WORDS;
	for (c = 0; c < ncand; c++)
		if (!(c >= nwanted && total && (clear[c] == 0 ||
		    clear[c] * (nwanted ? 10 : 50) < total ||
		    (any_prose && prose[c] < VERSION_WORDS))))
			kept[keep++] = c;
	free(clear);
	return keep;
}

/*
 * Decide the language of every block: score the evidence for each
 * candidate, keep the candidates that some blocks clearly are (a stray
 * look-alike never is) and the requested ones, then choose over the whole
 * sequence.
 */
static void
decide_languages(struct reader *rd, const struct doc_opts *o)
{
	struct doc *doc = rd->doc;
	size_t nb = doc->nblocks, b;
	int *cand, *pick, *fixed, ncand, nwanted, keep, c;
	int kept[LANG_MAX + 1];
	double *score;

	if (!nb)
		return;
	/* The requested languages come first; the others compete too, but
	 * stay only with a large share of clear blocks (a third version the
	 * reader did not ask to see). */
	cand = candidates(rd, o, &ncand, &nwanted);
	pick = xmalloc(sizeof *pick * nb);
	score = xcalloc(nb * ncand, sizeof *score);
	rd->words = xmalloc(sizeof *rd->words * nb);
	for (b = 0; b < nb; b++)
		score_block(rd, cand, ncand, b, score + b * ncand, &pick[b]);
	keep = keep_clear(pick, rd->words, nb, ncand, nwanted, kept);
	/* Then only the kept candidates' scores, keep per block (kept[] is
	 * increasing: no score is overwritten before it is read). */
	for (b = 0; b < nb; b++)
		for (c = 0; c < keep; c++)
			score[b * keep + c] = score[b * ncand + kept[c]];
	fixed = xmalloc(sizeof *fixed * nb);
	for (c = 0; c < keep; c++)
		kept[c] = cand[kept[c]];
	for (b = 0; b < nb; b++)
		fixed[b] = cand_index(kept, keep, rd->fixed[b]);
	lang_viterbi(score, fixed, nb, keep, lang_switch_cost(score, nb, keep), pick);
	/* A block with no prose stands in the version of the block before it
	 * (a download table, code, a URL after their paragraph). */
	for (b = 0; b < nb; b++)
		doc->blocks[b].lang = b > 0 && !doc->blocks[b].prose && rd->fixed[b] < 0 &&
		    doc->blocks[b - 1].file == doc->blocks[b].file ?
		    doc->blocks[b - 1].lang : kept[pick[b]];
	free(cand);
	free(score);
	free(pick);
	free(fixed);
}

/* The languages present: the requested ones first, in their order, then
 * the others in order of first appearance. */
static void
collect_languages(struct doc *doc, const struct doc_opts *o)
{
	size_t b;
	int i;

	doc->langs = xmalloc(sizeof *doc->langs * (lang_count() + 1));
	doc->nlangs = 0;
	if (o)
		for (i = 0; i < o->nlangs; i++)
			for (b = 0; b < doc->nblocks && doc_lang_slot(doc, o->langs[i]) < 0; b++)
				if (doc->blocks[b].lang == o->langs[i])
					doc->langs[doc->nlangs++] = o->langs[i];
	for (b = 0; b < doc->nblocks; b++)
		if (doc_lang_slot(doc, doc->blocks[b].lang) < 0)
			doc->langs[doc->nlangs++] = doc->blocks[b].lang;
	doc->seq = xcalloc(doc->nlangs ? doc->nlangs : 1, sizeof *doc->seq);
	doc->nseq = xcalloc(doc->nlangs ? doc->nlangs : 1, sizeof *doc->nseq);
	for (i = 0; i < doc->nlangs; i++)
		doc->seq[i] = xmalloc(sizeof **doc->seq * (doc->nblocks + 1));
	for (b = 0; b < doc->nblocks; b++) {
		int l = doc_lang_slot(doc, doc->blocks[b].lang);

		doc->seq[l][doc->nseq[l]++] = b;
	}
}

/* Whether block b's text ends a sentence with ! or ?. */
static int
ends_exclaiming(const struct doc *doc, size_t b)
{
	const struct block *bl = &doc->blocks[b];
	size_t n = trimmed_len(doc->files[bl->file].data + bl->off, bl->len);

	return n && strchr("!?", doc->files[bl->file].data[bl->off + n - 1]) != NULL;
}

/* At the start of each language version, headings before the first
 * paragraph: all but the last are header lines (an organisation's name),
 * the last is the title.  A version's last block heads nothing: when it
 * ends a sentence ("Donate now!"), it is a paragraph. */
static void
find_headers(struct doc *doc)
{
	int l;

	for (l = 0; l < doc->nlangs; l++) {
		size_t i, n = 0;

		if (doc->nseq[l]) {
			size_t last = doc->seq[l][doc->nseq[l] - 1];

			if (doc->blocks[last].kind == BLOCK_HEADING && !doc->blocks[last].markup &&
			    ends_exclaiming(doc, last))
				doc->blocks[last].kind = BLOCK_PARAGRAPH;
		}
		while (n < doc->nseq[l] &&
		    doc->blocks[doc->seq[l][n]].kind != BLOCK_PARAGRAPH)
			n++;
		if (n == doc->nseq[l])
			continue;
		for (i = 0; i + 1 < n; i++)
			if (!doc->blocks[doc->seq[l][i]].markup)
				doc->blocks[doc->seq[l][i]].kind = BLOCK_HEADER;
	}
}

int
doc_lang_slot(const struct doc *doc, int lang)
{
	return cand_index(doc->langs, doc->nlangs, lang);
}

struct doc *
doc_build(struct source *files, int nfiles, const struct doc_opts *o)
{
	struct doc *doc = xcalloc(1, sizeof *doc);
	struct reader rd;
	int f;

	memset(&rd, 0, sizeof rd);
	rd.doc = doc;
	rd.next_kind = -1;
	rd.markup_lang = -1;
	doc->files = files;
	doc->nfiles = nfiles;
	text_init();
	form_drop_shared(files, nfiles);
	for (f = 0; f < nfiles; f++) {
		const struct source *src = &files[f];

		rd.file_lang = strcmp(src->name, "-") ? name_lang(src->name) : -1;
		rd.pending_marker = -1;
		if (src->blocks)
			read_form_blocks(&rd, f);
		else if (doc_is_markup(src->data, src->len))
			read_markup(&rd, f);
		else
			read_plain(&rd, f);
	}
	/* The blocks stay as long as the document: no room to spare. */
	if (doc->nblocks)
		doc->blocks = xrealloc(doc->blocks, sizeof *doc->blocks * doc->nblocks);
	if (doc->origin)
		origins_upto(&rd, doc->nblocks);
	decide_languages(&rd, o);
	copy_find(doc, rd.fixed);
	free(rd.hint_lang);
	free(rd.fixed);
	free(rd.mark_lang);
	free(rd.words);
	collect_languages(doc, o);
	find_headers(doc);
	return doc;
}

struct doc *
doc_open(char *const *paths, int npaths, const struct doc_opts *o,
    struct buf *why)
{
	struct source *files = xcalloc(npaths, sizeof *files);
	int f;

	for (f = 0; f < npaths; f++)
		if (source_read_as(&files[f], paths[f], o ? o->encoding : NULL,
		    o ? o->form : FORM_DETECT, why) < 0) {
			while (f >= 0)
				source_free(&files[f--]);
			free(files);
			return NULL;
		}
	return doc_build(files, npaths, o);
}

void
doc_free(struct doc *doc)
{
	size_t i;

	if (!doc)
		return;
	for (i = 0; i < doc->nfiles; i++)
		source_free(&doc->files[i]);
	for (i = 0; i < doc->nblocks; i++)
		free(doc->blocks[i].tags);
	for (i = 0; i < (size_t)doc->nlangs; i++)
		free(doc->seq[i]);
	free(doc->files);
	free(doc->blocks);
	free(doc->langs);
	free(doc->seq);
	free(doc->nseq);
	free(doc->row_start);
	free(doc->row_count);
	free(doc->row_fixed);
	free(doc->origin);
	free(doc->keys);
	buf_free(&doc->pillar_ini);
	free(doc);
}

void
doc_block_text(const struct doc *doc, size_t b, struct buf *out)
{
	const struct block *bl = &doc->blocks[b];
	const char *s = doc->files[bl->file].data + bl->off;
	struct buf raw = {0};
	size_t i = 0;

	if (bl->markup != MARKUP_DIGLOT) {
		text_clean(out, s, bl->len);
		return;
	}
	/* Marked-up lines may start with a backslash that escapes them. */
	while (i < bl->len) {
		size_t next;
		int ff;
		size_t e = line_end(s, bl->len, i, &next, &ff);

		if (s[i] == '\\')
			i++;
		buf_add(&raw, s + i, e - i);
		buf_addc(&raw, '\n');
		i = next;
	}
	text_clean(out, raw.s ? raw.s : "", raw.len);
	buf_free(&raw);
}

const uint32_t *
doc_row_blocks(const struct doc *doc, size_t r, int l, size_t *n)
{
	size_t k = r * doc->nlangs + l;

	*n = doc->row_count[k];
	return doc->seq[l] + doc->row_start[k];
}

uint32_t
doc_row_page(const struct doc *doc, size_t r, int l)
{
	const uint32_t *ids;
	size_t n, i;

	if (!doc->origin || l < 0 || l >= doc->nlangs || r >= doc->nrows)
		return 0;
	ids = doc_row_blocks(doc, r, l, &n);
	for (i = 0; i < n; i++)
		if (doc->origin[ids[i]] && doc->origin[ids[i]]->page)
			return doc->origin[ids[i]]->page;
	return 0;
}

long
doc_block_at(const struct doc *doc, uint32_t file, size_t off)
{
	size_t lo = 0, hi = doc->nblocks;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct block *bl = &doc->blocks[mid];

		if (bl->file < file || (bl->file == file && bl->off + bl->len <= off))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < doc->nblocks && doc->blocks[lo].file == file && doc->blocks[lo].off <= off)
		return (long)lo;
	return -1;
}

long
doc_row_of_block(const struct doc *doc, size_t b)
{
	int l = doc_lang_slot(doc, doc->blocks[b].lang);
	size_t lo = 0, hi, k, pos;

	if (l < 0)
		return -1;
	/* b's place in its language's sequence, then the row that holds it
	 * (rows take each sequence in order). */
	hi = doc->nseq[l];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (doc->seq[l][mid] < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	pos = lo;
	lo = 0;
	hi = doc->nrows;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		k = mid * doc->nlangs + l;
		if (doc->row_start[k] + doc->row_count[k] <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo < doc->nrows && doc->row_count[lo * doc->nlangs + l] == 0)
		lo++;
	return lo < doc->nrows ? (long)lo : -1;
}
