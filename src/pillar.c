/* SPDX-License-Identifier: MIT */
/* Pillars: a briefing's thematic axes, tagged by their terms in every
 * language. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>
#include <uniwbrk.h>

#include "buf.h"
#include "doc.h"
#include "lang.h"
#include "pillar.h"
#include "settings.h"
#include "text.h"
#include "xalloc.h"

/* A term: folded like the text, blanks squeezed (its bytes at off in the
 * set's text); prefix: "term*". */
struct term {
	size_t off, len;
	int prefix, pillar, lang;
};

struct pillar {
	char *id;
	char *section;		/* "pillar.ID" */
};

/* Terms are looked up by their first two bytes, in this many buckets (a
 * language has a few dozen terms). */
enum { BUCKETS = 512 };

/* The terms of one language, n of them: those of two bytes or more in
 * bucket k (key_of) are by_first[first[k]..first[k + 1]), those of one
 * byte by_first[0..first[1]), each bucket's in the order they were read. */
struct lang_terms {
	int lang;
	uint32_t pillars;	/* those with terms in this language */
	size_t n;
	size_t first[BUCKETS + 2];
	size_t *by_first;
};

/* The bucket of a text starting with the two bytes at s, counted from 1
 * (0 holds the terms of one byte). */
static size_t
key_of(const char *s)
{
	return ((unsigned char)s[0] * 257u + (unsigned char)s[1]) % BUCKETS + 1;
}

/* The pillars settings define, and their terms. */
struct pillar_set {
	const struct settings *cfg;
	struct pillar v[PILLAR_MAX];
	int n;
	struct term *terms;
	size_t nterms, capterms;
	struct buf text;	/* the terms' bytes, one after another */
	struct lang_terms *by_lang;
	int nby_lang;
};

/* The bucket of term t of set. */
static size_t
bucket_of(const struct pillar_set *set, const struct term *t)
{
	return t->len > 1 ? key_of(set->text.s + t->off) : 0;
}

/* Room for matching, kept from one piece, and one block, to the next. */
struct scratch {
	struct buf g;
	struct fold_map map;
	char wb[256];		/* word breaks of g[wfrom..wto) */
	size_t wfrom, wto;
};

static void
scratch_free(struct scratch *sc)
{
	free(sc->map.v);
	buf_free(&sc->g);
}

/* The pillars of one document: tagged block by block, in room kept from
 * one block to the next. */
struct pillars {
	const struct pillar_set *set;
	const struct doc *doc;
	uint32_t *own;		/* per block: its own tags or terms, valid where tagged */
	unsigned char *tagged;
	uint32_t *block;	/* per block: all its pillars, valid where done */
	unsigned char *done;
	long *section;		/* per block: pillars_section, once sections_found */
	unsigned char *level;	/* per heading: its level */
	size_t *at;		/* per block: its place in its language's blocks */
	int sections_found;
	size_t next;		/* blocks before this are all tagged */
	size_t rows[PILLAR_MAX];
	struct buf text;	/* a block's text */
	struct scratch sc;
};

/* What each byte of folded text is to match_piece: an ASCII letter or
 * digit, the lead of a Cyrillic letter U+0400 to U+047F (D0, D1), a byte
 * inside a character, or another (filled when the first set is made). */
enum { WB_OTHER, WB_PLAIN, WB_CYRILLIC, WB_CONT };
static unsigned char word_byte[256];

static void
word_bytes_fill(void)
{
	int c;

	for (c = 0; c < 256; c++)
		word_byte[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ? WB_PLAIN :
		    c == 0xD0 || c == 0xD1 ? WB_CYRILLIC :
		    (c & 0xC0) == 0x80 ? WB_CONT : WB_OTHER;
}

/* Fold s for matching into out, blanks squeezed to one space; map (when
 * wanted) takes each byte of the result back to an offset in s. */
static void
fold_squeezed(const char *s, size_t n, struct buf *out, struct fold_map *map)
{
	buf_reset(out);
	text_fold_squeezed(s, n, out, map);
}

/* Reading the terms: where they go, whose they are, and room to clean
 * and fold each. */
struct adding {
	struct pillar_set *set;
	int pillar, lang;
	struct buf clean, f;
};

static void
add_term(void *ctx, const char *item, size_t len)
{
	struct adding *a = ctx;
	struct pillar_set *set = a->set;
	struct buf *clean = &a->clean, *f = &a->f;
	int prefix = len > 1 && item[len - 1] == '*';

	buf_reset(clean);
	buf_reset(f);
	text_clean(clean, item, len - prefix);
	if (clean->len)
		fold_squeezed(clean->s, clean->len, f, NULL);
	while (f->len && f->s[f->len - 1] == ' ')
		f->len--;
	if (f->len) {
		struct term *t;

		set->terms = xgrow(set->terms, &set->capterms, set->nterms + 1,
		    sizeof *set->terms);
		t = &set->terms[set->nterms++];
		t->off = set->text.len;
		t->len = f->len;
		t->prefix = prefix;
		t->pillar = a->pillar;
		t->lang = a->lang;
		buf_add(&set->text, f->s, f->len);
	}
}

/* Add pillar id[0..n) to the set ctx. */
static void
add_pillar(void *ctx, const char *id, size_t n)
{
	struct pillar_set *set = ctx;
	struct pillar *pl = &set->v[set->n];
	int i;

	if (n == 0 || set->n == PILLAR_MAX)
		return;
	for (i = 0; i < set->n; i++)
		if (strlen(set->v[i].id) == n && strncmp(set->v[i].id, id, n) == 0)
			return;
	pl->id = xstrndup(id, n);
	pl->section = xmalloc(n + 8);
	snprintf(pl->section, n + 8, "pillar.%s", pl->id);
	set->n++;
}

/* The pillars a marked-up briefing defines: its [pillar.ID] lines. */
static void
doc_pillars(struct pillar_set *set, const struct buf *ini)
{
	const char *s = ini->s, *end = ini->s ? ini->s + ini->len : NULL;

	while (s && s < end) {
		const char *nl = memchr(s, '\n', end - s);

		if (strncmp(s, "[pillar.", 8) == 0) {
			const char *e = memchr(s, ']', (nl ? nl : end) - s);

			if (e)
				add_pillar(set, s + 8, e - s - 8);
		}
		s = nl ? nl + 1 : NULL;
	}
}

/* The terms of each pillar, per language: keys terms.CODE, terms.CODE.2. */
static void
term_key(void *ctx, const char *key, const char *value)
{
	struct adding *a = ctx;
	const char *k = strchr(key, ':') + 1, *code, *end;

	(void)value;
	if (strncmp(k, "terms.", 6) != 0)
		return;
	code = k + 6;
	end = strchr(code, '.');
	if (end && end[1] >= '0' && end[1] <= '9')
		return;		/* a continuation: read with its list */
	a->lang = lang_find(code, end ? (size_t)(end - code) : strlen(code));
	if (a->lang >= 0)
		settings_each_item(a->set->cfg, key, add_term, a);
}

/* The terms of language lang, or NULL. */
static struct lang_terms *
terms_of(const struct pillar_set *set, int lang)
{
	int i;

	for (i = 0; i < set->nby_lang; i++)
		if (set->by_lang[i].lang == lang)
			return &set->by_lang[i];
	return NULL;
}

/* Group the terms by language, and there by their first two bytes: the
 * languages are counted first, then each one's terms by bucket. */
static void
index_terms(struct pillar_set *set)
{
	unsigned char seen[LANG_MAX] = {0};
	size_t k, c;
	int i, nlangs = 0;

	for (k = 0; k < set->nterms; k++)
		if (!seen[set->terms[k].lang]) {
			seen[set->terms[k].lang] = 1;
			nlangs++;
		}
	set->by_lang = xcalloc(nlangs ? nlangs : 1, sizeof *set->by_lang);
	for (k = 0; k < set->nterms; k++) {
		const struct term *t = &set->terms[k];
		struct lang_terms *lt = terms_of(set, t->lang);

		if (!lt) {
			lt = &set->by_lang[set->nby_lang++];
			lt->lang = t->lang;
		}
		lt->n++;
		lt->first[bucket_of(set, t) + 1]++;
		lt->pillars |= (uint32_t)1 << t->pillar;
	}
	for (i = 0; i < set->nby_lang; i++) {
		struct lang_terms *lt = &set->by_lang[i];
		size_t at[BUCKETS + 1];

		for (c = 0; c <= BUCKETS; c++)
			lt->first[c + 1] += lt->first[c];
		memcpy(at, lt->first, sizeof at);
		lt->by_first = xmalloc(sizeof *lt->by_first * (lt->n + 1));
		for (k = 0; k < set->nterms; k++)
			if (set->terms[k].lang == lt->lang)
				lt->by_first[at[bucket_of(set, &set->terms[k])]++] = k;
	}
}

struct pillar_set *
pillar_set_new(struct settings *cfg, const struct buf *ini)
{
	struct pillar_set *set = xcalloc(1, sizeof *set);
	struct adding a;
	int i;

	memset(&a, 0, sizeof a);
	if (!word_byte['a'])
		word_bytes_fill();
	set->cfg = cfg;
	if (ini && ini->len)
		settings_read_text(cfg, "the briefing's %pillar lines", NULL, ini->s, ini->len);
	settings_each_item(cfg, "pillars:order", add_pillar, set);
	if (ini)
		doc_pillars(set, ini);
	a.set = set;
	for (i = 0; i < set->n; i++) {
		a.pillar = i;
		settings_each_key(cfg, set->v[i].section, term_key, &a);
	}
	buf_free(&a.clean);
	buf_free(&a.f);
	index_terms(set);
	return set;
}

void
pillar_set_free(struct pillar_set *set)
{
	int i;

	if (!set)
		return;
	for (i = 0; i < set->n; i++) {
		free(set->v[i].id);
		free(set->v[i].section);
	}
	free(set->terms);
	buf_free(&set->text);
	for (i = 0; i < set->nby_lang; i++)
		free(set->by_lang[i].by_first);
	free(set->by_lang);
	free(set);
}

struct pillars *
pillars_new(const struct pillar_set *set, const struct doc *doc)
{
	struct pillars *p = xcalloc(1, sizeof *p);

	p->set = set;
	p->doc = doc;
	p->own = xcalloc(doc->nblocks + 1, sizeof *p->own);
	p->tagged = xcalloc(doc->nblocks + 1, 1);
	p->block = xcalloc(doc->nblocks + 1, sizeof *p->block);
	p->done = xcalloc(doc->nblocks + 1, 1);
	return p;
}

void
pillars_free(struct pillars *p)
{
	if (!p)
		return;
	free(p->own);
	free(p->tagged);
	free(p->block);
	free(p->done);
	free(p->section);
	free(p->level);
	free(p->at);
	buf_free(&p->text);
	scratch_free(&p->sc);
	free(p);
}

int
pillars_count(const struct pillars *p)
{
	return p->set->n;
}

const char *
pillars_id(const struct pillars *p, int i)
{
	return p->set->v[i].id;
}

const char *
pillars_title(const struct pillars *p, int i, int lang, int exact)
{
	const char *section = p->set->v[i].section, *t;
	char key[300];
	int l;

	snprintf(key, sizeof key, "%s:title.%s", section, lang_code(lang));
	if ((t = settings_get(p->set->cfg, key)) != NULL && *t)
		return t;
	if (exact)
		return NULL;
	for (l = 0; l < lang_count(); l++) {
		snprintf(key, sizeof key, "%s:title.%s", section, lang_code(l));
		if ((t = settings_get(p->set->cfg, key)) != NULL && *t)
			return t;
	}
	return p->set->v[i].id;
}

int
pillars_find(const struct pillars *p, const char *id)
{
	int i;

	for (i = 0; i < p->set->n; i++)
		if (strcmp(p->set->v[i].id, id) == 0)
			return i;
	return -1;
}

static int
by_start(const void *x, const void *y)
{
	const struct pillar_match *a = x, *b = y;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end > b->end ? -1 : 1;	/* the longer first */
	return a->pillar - b->pillar;
}

/* A block is matched a piece at a time: about PIECE bytes, cut at a
 * blank, folded with up to REACH bytes more so that a term that starts
 * in the piece is seen whole (a term* in a longer word ends there). */
enum { PIECE = 1 << 16, REACH = 1024 };

/* The pillars of matches out[0..n). */
static uint32_t
mask_of(const struct pillar_match *out, size_t n)
{
	uint32_t m = 0;
	size_t i;

	for (i = 0; i < n; i++)
		m |= (uint32_t)1 << out[i].pillar;
	return m;
}

/*
 * Whether there is a word break before g[at] (of g[0..len)), by
 * libunistring's word breaking.  A blank ends whatever word-breaking rule
 * looks across it, so the breaks are worked out between the blanks around
 * the place, and kept for the next place asked about between them.
 */
static int
word_break(struct scratch *sc, const char *g, size_t len, size_t at)
{
	size_t from, to;

	if (at == 0 || at >= len)
		return 1;
	if (at > sc->wfrom && at < sc->wto)
		return sc->wb[at - sc->wfrom];
	for (from = at - 1; from > 0 && g[from] != ' '; from--)
		;
	for (to = at; to < len && g[to] != ' '; to++)
		;
	to = to < len ? to + 1 : len;
	if (to - from > sizeof sc->wb)
		return g[at - 1] == ' ' || g[at] == ' ';	/* (a word of 256 bytes) */
	u8_wordbreaks((const uint8_t *)g + from, to - from, sc->wb);
	sc->wfrom = from;
	sc->wto = to;
	return sc->wb[at - from];
}

/* Whether a word starts at g[a]: after a word break, or after an
 * apostrophe (l'aide, dell'Unione: word breaks keep elisions whole). */
static int
word_starts(struct scratch *sc, const char *g, size_t len, size_t a)
{
	return a == 0 || g[a - 1] == '\'' ||
	    (a >= 3 && memcmp(g + a - 3, "\xe2\x80\x99", 3) == 0) || word_break(sc, g, len, a);
}

/* Where matching a piece stands: its folded text g[0..len), mapped back
 * to text[from..end), and the matches so far. */
struct piece {
	const char *g;
	size_t len, from, end, *map;
	struct pillar_match *out;
	size_t max, count;
	int starts;		/* whether a word starts at the place, -1: not asked */
};

/* The matches at g[a] of the terms by_first[k0..k1). */
static inline void
match_terms(const struct pillar_set *set, const struct lang_terms *lt, struct piece *pc,
    struct scratch *sc, size_t a, size_t k0, size_t k1)
{
	size_t k;

	for (k = k0; k < k1; k++) {
		const struct term *t = &set->terms[lt->by_first[k]];
		size_t b = a + t->len;

		if (t->len > pc->len - a ||
		    memcmp(pc->g + a, set->text.s + t->off, t->len) != 0)
			continue;
		if (pc->starts < 0)
			pc->starts = word_starts(sc, pc->g, pc->len, a);
		if (!pc->starts)
			return;
		/* Whole words only; term* runs on to the word's end. */
		if (t->prefix)
			while (!word_break(sc, pc->g, pc->len, b))
				b++;
		else if (!word_break(sc, pc->g, pc->len, b))
			continue;
		if (pc->count < pc->max) {
			pc->out[pc->count].pillar = t->pillar;
			pc->out[pc->count].term = (int)lt->by_first[k];
			pc->out[pc->count].start = pc->from + pc->map[a];
			pc->out[pc->count].end = pc->from + (b < pc->len ? pc->map[b] : pc->end - pc->from);
		}
		pc->count++;
	}
}

/* The matches of lt's terms starting in text[from..upto), offsets in
 * text, added to out[count..max); returns the new count.  from is 0 or a
 * blank. */
static size_t
match_piece(const struct pillar_set *set, const struct lang_terms *lt, const char *text,
    size_t n, size_t from, size_t upto, struct pillar_match *out, size_t max,
    size_t count, struct scratch *sc)
{
	struct piece pc = { NULL, 0, from, n - upto > REACH ? upto + REACH : n, NULL,
	    out, max, count, -1 };
	size_t a, stop;
	int plain = 0;		/* the character before is such a letter */

	while (pc.end < n && ((unsigned char)text[pc.end] & 0xC0) == 0x80)
		pc.end++;
	fold_squeezed(text + from, pc.end - from, &sc->g, &sc->map);
	pc.g = sc->g.s;
	pc.len = sc->g.len;
	pc.map = sc->map.v;
	sc->wfrom = sc->wto = 0;
	/* The folded bytes that come from text[from..upto). */
	for (stop = pc.len; stop > 0 && from + pc.map[stop - 1] >= upto; stop--)
		;
	for (a = 0; a < stop; a++) {
		int t = word_byte[(unsigned char)pc.g[a]], was = plain;
		size_t key;

		if (t == WB_CONT)
			continue;	/* inside a character */
		/* ASCII letters and digits and the Cyrillic letters U+0400 to
		 * U+047F: no word starts between two of them. */
		plain = t == WB_PLAIN || (t == WB_CYRILLIC && a + 1 < pc.len &&
		    word_byte[(unsigned char)pc.g[a + 1]] == WB_CONT);
		if (plain && was)
			continue;
		key = a + 1 < pc.len ? key_of(pc.g + a) : 0;
		if (lt->first[key] == lt->first[key + 1] && !lt->first[1])
			continue;
		pc.starts = -1;
		/* The terms of one byte, then those of this place's bucket. */
		match_terms(set, lt, &pc, sc, a, 0, lt->first[1]);
		if (key)
			match_terms(set, lt, &pc, sc, a, lt->first[key], lt->first[key + 1]);
	}
	return pc.count;
}

/* Matches out[0..count) in start order, leaving out those inside another
 * of the same pillar ("data" in "data collection"), which say nothing
 * more; returns the new count (of all found, max of them in out). */
static size_t
drop_inside(struct pillar_match *out, size_t count, size_t max)
{
	size_t kept = 0, m = count < max ? count : max, k, j;

	qsort(out, m, sizeof *out, by_start);
	for (k = 0; k < m; k++) {
		int inside = 0;

		for (j = 0; j < kept && !inside; j++)
			inside = out[j].pillar == out[k].pillar &&
			    out[j].start <= out[k].start && out[j].end >= out[k].end;
		if (!inside)
			out[kept++] = out[k];
	}
	return count - (m - kept);
}

/* pillars_match, stopping once the matches hold every pillar of enough
 * (0: never), or with fill once out is full (and then returning how many
 * it holds). */
static size_t
match_until(const struct pillar_set *set, int lang, const char *text, size_t n,
    struct pillar_match *out, size_t max, uint32_t enough, int fill,
    struct scratch *sc)
{
	const struct lang_terms *lt = terms_of(set, lang);
	size_t from, upto, count = 0;

	if (!lt || n == 0)
		return 0;
	for (from = 0; from < n; from = upto) {
		const char *blank = n - from > PIECE ?
		    memchr(text + from + PIECE, ' ', n - from - PIECE) : NULL;

		upto = blank ? (size_t)(blank - text) : n;
		count = match_piece(set, lt, text, n, from, upto, out, max, count, sc);
		if (enough && out && (mask_of(out, count < max ? count : max) & enough) == enough)
			break;
		if (fill && count >= max) {
			count = max;
			break;
		}
	}
	if (count > 1 && out)
		count = drop_inside(out, count, max);
	return count;
}

size_t
pillars_match(const struct pillars *p, int lang, const char *text, size_t n,
    struct pillar_match *out, size_t max)
{
	struct scratch sc;
	size_t count;

	memset(&sc, 0, sizeof sc);
	count = match_until(p->set, lang, text, n, out, max, 0, 0, &sc);
	scratch_free(&sc);
	return count;
}

size_t
pillars_sentences(const char *text, size_t n, struct span_pair *out, size_t max)
{
	size_t i = 0, start = 0, count = 0;

	/* The bytes that may end a sentence: . ! ? and the leads of 。！？ */
	static const unsigned char may_end[256] = {
		['.'] = 1, ['!'] = 1, ['?'] = 1, [0xE3] = 1, [0xEF] = 1
	};

	while (start < n && text[start] == ' ')
		start++;
	while (i < n) {
		unsigned char c;
		size_t end = 0;

		while (i < n && !may_end[(unsigned char)text[i]])
			i++;
		if (i == n)
			break;
		c = (unsigned char)text[i];

		/* 。！？ end a sentence where they stand. */
		if (c == 0xE3 && i + 2 < n && (unsigned char)text[i + 1] == 0x80 &&
		    (unsigned char)text[i + 2] == 0x82)
			end = i + 3;
		else if (c == 0xEF && i + 2 < n && (unsigned char)text[i + 1] == 0xBC &&
		    ((unsigned char)text[i + 2] == 0x81 || (unsigned char)text[i + 2] == 0x9F))
			end = i + 3;
		else if ((c == '.' || c == '!' || c == '?') && i + 1 < n && text[i + 1] == ' ') {
			/* . ! ? then a blank and a capital (or a letter of a
			 * script without case), a digit or an opening quote or
			 * bracket: not "г., МОМ" nor "e.g. the". */
			size_t j = i + 1, w = i;
			ucs4_t uc;
			int letters = 0;

			/* A single letter and a dot is an abbreviation or an
			 * initial (2018 г., J. Smith). */
			while (w > 0 && text[w - 1] != ' ' && letters < 2) {
				do
					w--;
				while (w > 0 && ((unsigned char)text[w] & 0xC0) == 0x80);
				letters++;
			}
			while (j < n && text[j] == ' ')
				j++;
			if (c == '.' && letters == 1)
				j = n;
			if (j < n && u8_mbtouc(&uc, (const uint8_t *)text + j, n - j) > 0 &&
			    ((uc_is_alpha(uc) && !uc_is_lower(uc)) || uc_is_digit(uc) ||
			    uc == '"' || uc == '(' ||
			    uc == 0x201C || uc == 0x00AB || uc == 0x2018))
				end = i + 1;
		}
		if (end) {
			if (count == max)
				return count;
			out[count].start = start;
			out[count].end = end;
			count++;
			start = end;
			while (start < n && text[start] == ' ')
				start++;
			i = start;
			continue;
		}
		i++;
	}
	if (start < n && count < max) {
		out[count].start = start;
		out[count].end = n;
		count++;
	}
	return count;
}

/* Explicit %tag ids of a block, as a mask. */
static uint32_t
explicit_tags(const struct pillars *p, const char *tags)
{
	uint32_t m = 0;
	const char *s = tags;

	while (*s) {
		size_t k;
		int i;

		s += strspn(s, " ,\t");
		k = strcspn(s, " ,\t");
		for (i = 0; i < p->set->n; i++)
			if (strlen(p->set->v[i].id) == k && strncmp(p->set->v[i].id, s, k) == 0)
				m |= (uint32_t)1 << i;
		s += k;
	}
	return m;
}

/* Tag block b from its text: its explicit tags, else the pillars of its
 * terms, looked for until every pillar of enough has turned up. */
static uint32_t
tag_block(struct pillars *p, size_t b, const char *text, size_t n,
    struct pillar_match *out, size_t max, uint32_t enough, size_t *nout)
{
	const struct block *bl = &p->doc->blocks[b];
	size_t count = p->set->nterms ?
	    match_until(p->set, bl->lang, text, n, out, max, enough, 1, &p->sc) : 0;
	uint32_t m = mask_of(out, count < max ? count : max);

	if (bl->tags)
		m = explicit_tags(p, bl->tags);
	p->own[b] = m;
	p->tagged[b] = 1;
	*nout = count;
	return m;
}

uint32_t
pillars_block_matches(struct pillars *p, size_t b, const char *text, size_t n,
    struct pillar_match *out, size_t max, size_t *nout)
{
	return tag_block(p, b, text, n, out, max, 0, nout);
}

/* Block b's own pillars: its explicit tags, else its terms; computed
 * once. */
static uint32_t
own_tags(struct pillars *p, size_t b)
{
	const struct block *bl = &p->doc->blocks[b];

	if (!p->tagged[b]) {
		if (bl->tags || !p->set->nterms) {
			p->own[b] = bl->tags ? explicit_tags(p, bl->tags) : 0;
			p->tagged[b] = 1;
		} else {
			const struct lang_terms *lt = terms_of(p->set, bl->lang);
			struct pillar_match pm[256];
			size_t n;

			/* Only whether, not where: a huge block is looked at
			 * until each pillar of its language has turned up. */
			buf_reset(&p->text);
			buf_add(&p->text, "", 0);
			doc_block_text(p->doc, b, &p->text);
			tag_block(p, b, p->text.s, p->text.len, pm, 256, lt ? lt->pillars : 0, &n);
		}
	}
	return p->own[b];
}

/* The level of a heading whose text is s[0..n): the count of its leading
 * numbers joined by dots ("5." 1, "5.1" 2, "5.1.2" 3, at most 9), 1 when
 * it has none. */
static int
heading_level(const char *s, size_t n)
{
	size_t i = 0;
	int level = 0;

	while (i < n && s[i] == ' ')
		i++;
	while (i < n && s[i] >= '0' && s[i] <= '9' && level < 9) {
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		level++;
		if (i + 1 < n && s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9')
			i++;
		else
			break;
	}
	return level ? level : 1;
}

/* Each block's section (the heading that holds it), each heading's level
 * and each block's place in its language's blocks: one pass over each
 * language's blocks, keeping the headings open at each level. */
static void
sections_find(struct pillars *p)
{
	const struct doc *doc = p->doc;
	size_t b, k;
	int l;

	p->section = xmalloc(sizeof *p->section * (doc->nblocks + 1));
	p->level = xcalloc(doc->nblocks + 1, 1);
	p->at = xcalloc(doc->nblocks + 1, sizeof *p->at);
	for (b = 0; b < doc->nblocks; b++)
		p->section[b] = -1;
	for (l = 0; l < doc->nlangs; l++) {
		long open[10];
		int depth = 0;

		for (k = 0; k < doc->nseq[l]; k++) {
			const struct block *bl;
			int level;

			b = doc->seq[l][k];
			bl = &doc->blocks[b];
			p->at[b] = k;
			if (bl->kind == BLOCK_HEADER)
				continue;
			if (bl->kind == BLOCK_PARAGRAPH) {
				p->section[b] = depth ? open[depth - 1] : -1;
				continue;
			}
			buf_reset(&p->text);
			buf_add(&p->text, "", 0);
			doc_block_text(doc, b, &p->text);
			level = heading_level(p->text.s, p->text.len);
			p->level[b] = (unsigned char)level;
			while (depth && p->level[open[depth - 1]] >= level)
				depth--;
			p->section[b] = depth ? open[depth - 1] : -1;
			if (depth < 10)
				open[depth++] = (long)b;
		}
	}
	p->sections_found = 1;
}

long
pillars_section(struct pillars *p, size_t b)
{
	if (!p->sections_found)
		sections_find(p);
	return p->section[b];
}

int
pillars_level(struct pillars *p, size_t b)
{
	if (!p->sections_found)
		sections_find(p);
	return p->level[b];
}

/* A heading's section is looked at up to this many blocks when weighing
 * its terms. */
enum { SECTION_LOOK = 500 };

/* Whether a block of heading h's section (its language's blocks after it,
 * up to the next heading of the same or a higher level) matches a term
 * of pillar i other than term. */
static int
section_has_other(struct pillars *p, size_t h, int i, int term)
{
	const struct doc *doc = p->doc;
	int l = doc_lang_slot(doc, doc->blocks[h].lang);
	size_t k, seen = 0;

	if (l < 0)
		return 0;
	if (!p->sections_found)
		sections_find(p);
	for (k = p->at[h] + 1; k < doc->nseq[l] && seen < SECTION_LOOK; k++, seen++) {
		size_t b = doc->seq[l][k], n, j;
		const struct block *bl = &doc->blocks[b];
		struct pillar_match pm[256];

		if (bl->kind == BLOCK_HEADING && p->level[b] <= p->level[h])
			break;
		if (!(own_tags(p, b) >> i & 1))
			continue;
		buf_reset(&p->text);
		buf_add(&p->text, "", 0);
		doc_block_text(doc, b, &p->text);
		n = match_until(p->set, bl->lang, p->text.s, p->text.len, pm, 256, 0, 1, &p->sc);
		for (j = 0; j < n && j < 256; j++)
			if (pm[j].pillar == i && pm[j].term != term)
				return 1;
	}
	return 0;
}

/* Whether heading text s[0..n) in language lang holds pillar i's title
 * in that language, folded as matching folds. */
static int
names_title(const struct pillars *p, int i, int lang, const char *s, size_t n)
{
	const char *title = pillars_title(p, i, lang, 1);
	struct buf ft, fs;
	int found;

	if (!title || !*title)
		return 0;
	memset(&ft, 0, sizeof ft);
	memset(&fs, 0, sizeof fs);
	fold_squeezed(title, strlen(title), &ft, NULL);
	fold_squeezed(s, n, &fs, NULL);
	while (ft.len && ft.s[ft.len - 1] == ' ')
		ft.len--;
	found = ft.len && fs.len >= ft.len && memmem(fs.s, fs.len, ft.s, ft.len) != NULL;
	buf_free(&ft);
	buf_free(&fs);
	return found;
}

/*
 * A heading's own pillars, weighed: a pillar stays when the heading names
 * it by its title or uses two of its terms; one term alone keeps it only
 * when another of the pillar's terms occurs in the heading's section
 * ("Key data" over figures alone is not research).  Explicit tags stay
 * as they are.
 */
static uint32_t
heading_tags(struct pillars *p, size_t h)
{
	uint32_t m = own_tags(p, h), kept = 0;
	int lang = p->doc->blocks[h].lang;
	struct pillar_match pm[64];
	struct buf ht;
	size_t n, j;
	int i;

	if (!m || p->doc->blocks[h].tags)
		return m;
	memset(&ht, 0, sizeof ht);
	buf_add(&ht, "", 0);
	doc_block_text(p->doc, h, &ht);
	n = match_until(p->set, lang, ht.s, ht.len, pm, 64, 0, 1, &p->sc);
	for (i = 0; i < p->set->n; i++) {
		int term = -1, two = 0;

		if (!(m >> i & 1))
			continue;
		for (j = 0; j < n && j < 64; j++)
			if (pm[j].pillar != i)
				continue;
			else if (term < 0)
				term = pm[j].term;
			else if (pm[j].term != term)
				two = 1;
		if (two || names_title(p, i, lang, ht.s, ht.len) ||
		    section_has_other(p, h, i, term))
			kept |= (uint32_t)1 << i;
	}
	buf_free(&ht);
	return kept;
}

uint32_t
pillars_inherited(struct pillars *p, size_t b)
{
	long h = pillars_section(p, b);

	return h < 0 ? 0 : pillars_block(p, (size_t)h);
}

uint32_t
pillars_block(struct pillars *p, size_t b)
{
	if (!p->done[b]) {
		uint32_t m = p->doc->blocks[b].kind == BLOCK_HEADING ?
		    heading_tags(p, b) : own_tags(p, b);

		p->block[b] = m | pillars_inherited(p, b);
		p->done[b] = 1;
	}
	return p->block[b];
}

uint32_t
pillars_row(struct pillars *p, size_t r)
{
	uint32_t m = 0;
	int l;

	for (l = 0; l < p->doc->nlangs; l++) {
		size_t n, i;
		const uint32_t *ids = doc_row_blocks(p->doc, r, l, &n);

		for (i = 0; i < n; i++)
			m |= pillars_block(p, ids[i]);
	}
	return m;
}

int
pillars_tag_some(struct pillars *p, size_t n)
{
	const struct doc *doc = p->doc;

	while (n-- > 0 && p->next < doc->nblocks)
		pillars_block(p, p->next++);
	if (p->next < doc->nblocks)
		return 0;
	if (p->next == doc->nblocks) {
		size_t r;
		int i;

		memset(p->rows, 0, sizeof p->rows);
		for (r = 0; r < doc->nrows; r++) {
			uint32_t m = pillars_row(p, r);

			for (i = 0; i < p->set->n; i++)
				p->rows[i] += m >> i & 1;
		}
		p->next++;
	}
	return 1;
}

void
pillars_recount(struct pillars *p)
{
	if (pillars_done(p)) {
		p->next = p->doc->nblocks;
		pillars_tag_some(p, 0);
	}
}

int
pillars_done(const struct pillars *p)
{
	return p->next > p->doc->nblocks;
}

size_t
pillars_rows(const struct pillars *p, int i)
{
	return p->rows[i];
}
