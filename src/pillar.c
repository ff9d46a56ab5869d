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
#include "simd.h"
#include "text.h"
#include "xalloc.h"

/* A term: folded like the text, blanks squeezed; prefix: "term*". */
struct term {
	char *s;
	size_t len;
	int prefix, pillar, lang;
};

struct pillar {
	char *id;
	char *section;		/* "pillar.ID" */
};

/* The terms of one language: keys finds where they may start in a text
 * (keys.pair: the first two bytes they start with), maxlen is the longest. */
struct lang_terms {
	int lang;
	struct fold_keys keys;
	size_t *ids, n, maxlen;
};

struct pillars {
	const struct doc *doc;
	const struct settings *cfg;
	struct pillar v[PILLAR_MAX];
	int n;
	struct term *terms;
	size_t nterms, capterms;
	struct lang_terms *by_lang;
	int nby_lang;
	uint32_t *block;	/* per block: pillars, valid where tagged */
	unsigned char *tagged;
	size_t next;		/* blocks before this are all tagged */
	size_t rows[PILLAR_MAX];
};

/* Fold s for matching into out, blanks squeezed to one space; map (when
 * wanted) takes each byte of the result back to an offset in s. */
static void
fold_squeezed(const char *s, size_t n, struct buf *out, struct fold_map *map)
{
	buf_reset(out);
	buf_add(out, "", 0);
	text_fold_squeezed(s, n, out, map);
}

/* The folded text of a window onto a block: open_start and open_end tell
 * that the block goes on before and after it. */
struct window {
	const char *g;
	size_t len;
	int open_start, open_end;
};

/* Word breaks of a window around the last place asked about: libunistring's,
 * worked out on a few characters either side, so that a huge block costs
 * no more than a small one. */
enum { CONTEXT = 24 };
struct breaks {
	size_t from, to;
	char wb[3 * CONTEXT + 8];
};

/* Whether the character at g[0..n) is punctuation that word breaking joins
 * to no letter: 2 when it joins digits (1,5), 1 when nothing at all. */
static int
punct(const char *g, size_t n)
{
	unsigned char c = (unsigned char)g[0];

	if (c < 0x80)
		return c == ',' || c == ';' ? 2 : c && strchr("()[]{}\"!?-/", c) ? 1 : 0;
	/* « » and “ ” „ – — */
	if (n >= 2 && c == 0xC2)
		return (unsigned char)g[1] == 0xAB || (unsigned char)g[1] == 0xBB;
	if (n >= 3 && c == 0xE2 && (unsigned char)g[1] == 0x80)
		return (unsigned char)g[2] == 0x93 || (unsigned char)g[2] == 0x94 ||
		    ((unsigned char)g[2] >= 0x9C && (unsigned char)g[2] <= 0x9E);
	return 0;
}

/* Whether there is a word boundary before w->g[at]: 1 or 0, or -1 when the
 * window holds too little around it to tell. */
static int
boundary(const struct window *w, size_t at, struct breaks *bk)
{
	const char *g = w->g;
	size_t len = w->len, p;

	if (at == 0)
		return w->open_start ? -1 : 1;
	if (at >= len)
		return w->open_end ? -1 : 1;
	/* Where the characters either side are plain, they tell. */
	if (((unsigned char)g[at] & 0xC0) == 0x80)
		return 0;
	if (g[at - 1] == ' ' || g[at] == ' ')
		return 1;
	for (p = at - 1; p > 0 && ((unsigned char)g[p] & 0xC0) == 0x80; p--)
		;
	{
		int before = text_plain_letter(g + p, at - p), after = text_plain_letter(g + at, len - at);
		int pb = before ? 0 : punct(g + p, at - p), pa = after ? 0 : punct(g + at, len - at);

		if (before && after)
			return 0;
		/* A letter next to such punctuation (a digit: not next
		 * to a comma). */
		if ((before && (pa == 1 || (pa == 2 && !(g[p] >= '0' && g[p] <= '9')))) ||
		    (after && (pb == 1 || (pb == 2 && !(g[at] >= '0' && g[at] <= '9')))))
			return 1;
		/* A full stop or colon joins only letters or digits on both
		 * sides: before a blank, the word ends at it. */
		if (before && (g[at] == '.' || g[at] == ':') &&
		    (at + 1 < len ? g[at + 1] == ' ' : !w->open_end))
			return 1;
	}
	/* The breaks already worked out hold at with CONTEXT bytes (or the
	 * text's end) on both sides: a term's end is found in one go. */
	if (!(bk->to > bk->from && at >= bk->from && at < bk->to &&
	    (at - bk->from >= CONTEXT || bk->from == 0) &&
	    (bk->to - at >= CONTEXT || bk->to == len))) {
		size_t from = at > CONTEXT ? at - CONTEXT : 0;
		size_t to = len - at > 2 * CONTEXT ? at + 2 * CONTEXT : len;

		if ((from == 0 && w->open_start) || (to - at < CONTEXT && w->open_end))
			return -1;
		/* Start and end on character boundaries. */
		while (from > 0 && ((unsigned char)g[from] & 0xC0) == 0x80)
			from--;
		while (to < len && ((unsigned char)g[to] & 0xC0) == 0x80)
			to++;
		if (to - from > sizeof bk->wb)
			return 1;
		u8_wordbreaks((const uint8_t *)g + from, to - from, bk->wb);
		bk->from = from;
		bk->to = to;
	}
	return bk->wb[at - bk->from];
}

struct adding {
	struct pillars *p;
	int pillar, lang;
};

static void
add_term(void *ctx, const char *item, size_t len)
{
	struct adding *a = ctx;
	struct pillars *p = a->p;
	struct buf clean = {0}, f = {0};
	int prefix = len > 1 && item[len - 1] == '*';

	text_clean(&clean, item, len - prefix);
	if (clean.len)
		fold_squeezed(clean.s, clean.len, &f, NULL);
	while (f.len && f.s[f.len - 1] == ' ')
		f.len--;
	if (f.len) {
		struct term *t;

		p->terms = xgrow(p->terms, &p->capterms, p->nterms + 1, sizeof *p->terms);
		t = &p->terms[p->nterms++];
		t->s = xstrndup(f.s, f.len);
		t->len = f.len;
		t->prefix = prefix;
		t->pillar = a->pillar;
		t->lang = a->lang;
	}
	buf_free(&clean);
	buf_free(&f);
}

static void
add_pillar(struct pillars *p, const char *id, size_t n)
{
	int i;

	if (n == 0 || p->n == PILLAR_MAX)
		return;
	for (i = 0; i < p->n; i++)
		if (strlen(p->v[i].id) == n && strncmp(p->v[i].id, id, n) == 0)
			return;
	p->v[p->n].id = xstrndup(id, n);
	p->v[p->n].section = xmalloc(n + 8);
	snprintf(p->v[p->n].section, n + 8, "pillar.%s", p->v[p->n].id);
	p->n++;
}

static void
order_item(void *ctx, const char *item, size_t len)
{
	add_pillar(ctx, item, len);
}

/* The pillars a marked-up briefing defines: its [pillar.ID] lines. */
static void
doc_pillars(struct pillars *p, const struct buf *ini)
{
	const char *s = ini->s, *end = ini->s ? ini->s + ini->len : NULL;

	while (s && s < end) {
		const char *nl = memchr(s, '\n', end - s);

		if (strncmp(s, "[pillar.", 8) == 0) {
			const char *e = memchr(s, ']', (nl ? nl : end) - s);

			if (e)
				add_pillar(p, s + 8, e - s - 8);
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
	if (a->lang < 0)
		return;
	{
		char full[300];

		snprintf(full, sizeof full, "%.*s", (int)(strlen(key)), key);
		settings_each_item(a->p->cfg, full, add_term, a);
	}
}

/* Group the terms by language for matching. */
static void
index_terms(struct pillars *p)
{
	size_t k;

	for (k = 0; k < p->nterms; k++) {
		const struct term *t = &p->terms[k];
		struct lang_terms *lt = NULL;
		int i;

		for (i = 0; i < p->nby_lang && !lt; i++)
			if (p->by_lang[i].lang == t->lang)
				lt = &p->by_lang[i];
		if (!lt) {
			p->by_lang = xrealloc(p->by_lang, sizeof *p->by_lang * (p->nby_lang + 1));
			lt = &p->by_lang[p->nby_lang++];
			memset(lt, 0, sizeof *lt);
			lt->lang = t->lang;
		}
		lt->ids = xrealloc(lt->ids, sizeof *lt->ids * (lt->n + 1));
		lt->ids[lt->n++] = k;
		text_fold_key(&lt->keys, t->s, t->len);
		if (t->len > lt->maxlen)
			lt->maxlen = t->len;
	}
	for (k = 0; k < (size_t)p->nby_lang; k++)
		text_fold_keys_done(&p->by_lang[k].keys);
}

struct pillars *
pillars_new(struct settings *cfg, const struct doc *doc)
{
	struct pillars *p = xcalloc(1, sizeof *p);
	struct adding a;
	int i;

	p->doc = doc;
	p->cfg = cfg;
	if (doc->pillar_ini.len)
		settings_read_text(cfg, "the briefing's %pillar lines", NULL,
		    doc->pillar_ini.s, doc->pillar_ini.len);
	settings_each_item(cfg, "pillars:order", order_item, p);
	doc_pillars(p, &doc->pillar_ini);
	a.p = p;
	for (i = 0; i < p->n; i++) {
		a.pillar = i;
		settings_each_key(cfg, p->v[i].section, term_key, &a);
	}
	index_terms(p);
	p->block = xcalloc(doc->nblocks + 1, sizeof *p->block);
	p->tagged = xcalloc(doc->nblocks + 1, 1);
	return p;
}

void
pillars_free(struct pillars *p)
{
	size_t k;
	int i;

	if (!p)
		return;
	for (i = 0; i < p->n; i++) {
		free(p->v[i].id);
		free(p->v[i].section);
	}
	for (k = 0; k < p->nterms; k++)
		free(p->terms[k].s);
	free(p->terms);
	for (i = 0; i < p->nby_lang; i++)
		free(p->by_lang[i].ids);
	free(p->by_lang);
	free(p->block);
	free(p->tagged);
	free(p);
}

int
pillars_count(const struct pillars *p)
{
	return p->n;
}

const char *
pillars_id(const struct pillars *p, int i)
{
	return p->v[i].id;
}

const char *
pillars_title(const struct pillars *p, int i, int lang, int exact)
{
	char key[300];
	const char *t;
	int l;

	snprintf(key, sizeof key, "%s:title.%s", p->v[i].section, lang_code(lang));
	if ((t = settings_get(p->cfg, key)) != NULL && *t)
		return t;
	if (exact)
		return NULL;
	for (l = 0; l < lang_count(); l++) {
		snprintf(key, sizeof key, "%s:title.%s", p->v[i].section, lang_code(l));
		if ((t = settings_get(p->cfg, key)) != NULL && *t)
			return t;
	}
	return p->v[i].id;
}

int
pillars_find(const struct pillars *p, const char *id)
{
	int i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->v[i].id, id) == 0)
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

/* Sort out[0..n) by by_start: by insertion, as a block has few. */
static void
sort_matches(struct pillar_match *out, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		struct pillar_match x = out[i];

		for (j = i; j > 0 && by_start(&out[j - 1], &x) > 0; j--)
			out[j] = out[j - 1];
		out[j] = x;
	}
}

/* Room for matching, kept from one window to the next. */
struct scratch {
	struct buf g;
	struct fold_map map;
	size_t *cand, ncand, capcand;
};

/* Matches starting at offset at of a block, from a window text[0..n) onto
 * it at offset base, offsets in the block, added to out[count..max);
 * returns the new count.  *more is set when the window holds too little of
 * the block around a possible match to tell. */
static size_t
match_window(const struct pillars *p, const struct lang_terms *lt, const char *text,
    size_t n, size_t base, size_t at, int open_start, int open_end,
    struct pillar_match *out, size_t max, size_t count, struct scratch *sc, int *more)
{
	struct breaks bk = { 0, 0, { 0 } };
	struct window w;
	const char *g;
	size_t *map, a, j;

	fold_squeezed(text, n, &sc->g, &sc->map);
	g = sc->g.s;
	map = sc->map.v;
	w.g = g;
	w.len = sc->g.len;
	w.open_start = open_start;
	w.open_end = open_end;
	for (a = 0; a < w.len && base + map[a] <= at; a++) {
		unsigned key = (unsigned char)g[a] << 8 |
		    (a + 1 < w.len ? (unsigned char)g[a + 1] : 0);

		if (base + map[a] < at || !(lt->keys.pair[key >> 6] >> (key & 63) & 1))
			continue;
		for (j = 0; j < lt->n; j++) {
			const struct term *t = &p->terms[lt->ids[j]];
			size_t b = a + t->len, avail = w.len - a;
			int at_start, at_end = 1;

			if (t->s[0] != g[a])
				continue;
			if (t->len > avail) {
				/* The window may end inside the term. */
				if (open_end && memcmp(g + a, t->s, avail) == 0)
					*more = 1;
				continue;
			}
			if ((t->len > 1 && t->s[1] != g[a + 1]) || memcmp(g + a, t->s, t->len) != 0)
				continue;
			/* Whole words only; term* runs on to the word's end.
			 * An apostrophe also starts a word (l'aide, dell'Unione):
			 * word breaks keep elisions whole. */
			at_start = a > 0 && (g[a - 1] == '\'' ||
			    (a >= 3 && memcmp(g + a - 3, "\xe2\x80\x99", 3) == 0)) ? 1 :
			    boundary(&w, a, &bk);
			if (at_start == 1 && t->prefix)
				while ((at_end = boundary(&w, b, &bk)) == 0)
					b++;
			else if (at_start == 1)
				at_end = boundary(&w, b, &bk);
			if (at_start < 0 || at_end < 0) {
				*more = 1;
				continue;
			}
			if (!at_start || !at_end)
				continue;
			if (count < max) {
				out[count].pillar = t->pillar;
				out[count].start = base + map[a];
				out[count].end = base + (b < w.len ? map[b] : n);
			}
			count++;
		}
	}
	return count;
}

/* A window onto a block stops growing at this size: a term* in a longer
 * word ends there. */
enum { WINDOW = 1 << 16 };

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

/* Back to the start of the character holding text[i]. */
static size_t
char_start(const char *text, size_t i)
{
	while (i > 0 && ((unsigned char)text[i] & 0xC0) == 0x80)
		i--;
	return i;
}

/* A first window around a place: a few bytes before it (the character
 * there tells whether a word starts), and past it as far as most terms run
 * and a few bytes more. */
enum { FIRST_BEFORE = 4, FIRST_REACH = 24, FIRST_AFTER = 8 };

/* The matches starting at at, where the keys said some may: in a small
 * window around it, made larger while it holds too little (a longer term,
 * a word that runs on, a word break that needs more context). */
static size_t
match_near(const struct pillars *p, const struct lang_terms *lt, const char *text,
    size_t n, size_t at, struct pillar_match *out, size_t max, size_t count,
    struct scratch *sc)
{
	size_t before = FIRST_BEFORE;
	size_t after = (lt->maxlen > FIRST_REACH ? FIRST_REACH : lt->maxlen) + FIRST_AFTER;

	for (;;) {
		size_t r0 = char_start(text, at > before ? at - before : 0);
		size_t r1 = n - at > after ? at + after : n;
		size_t c;
		int more = 0, last = before >= WINDOW;

		while (r1 < n && ((unsigned char)text[r1] & 0xC0) == 0x80)
			r1++;
		c = match_window(p, lt, text + r0, r1 - r0, r0, at, r0 > 0 && !last,
		    r1 < n && !last, out, max, count, sc, &more);
		if (!more)
			return c;
		before = before * 8 < WINDOW ? before * 8 : WINDOW;
		after = lt->maxlen + 2 * before;
	}
}

/* pillars_match, stopping once the matches hold every pillar of enough
 * (0: never), or with fill once out is full (and then returning how many
 * it holds).  The text is read a piece at a time for the places where a
 * term may start, and only there folded and compared: memory stays small
 * whatever the block. */
static size_t
match_until(const struct pillars *p, int lang, const char *text, size_t n,
    struct pillar_match *out, size_t max, uint32_t enough, int fill)
{
	const struct lang_terms *lt = NULL;
	struct scratch sc;
	size_t c0, c1, count = 0, k, j;
	int i;

	for (i = 0; i < p->nby_lang && !lt; i++)
		if (p->by_lang[i].lang == lang)
			lt = &p->by_lang[i];
	if (!lt || n == 0)
		return 0;
	memset(&sc, 0, sizeof sc);
	for (c0 = 0; c0 < n; c0 = c1) {
		c1 = n - c0 > WINDOW ? c0 + WINDOW : n;
		while (c1 < n && ((unsigned char)text[c1] & 0xC0) == 0x80)
			c1++;
		sc.ncand = 0;
		text_fold_find(text, n, c0, c1, &lt->keys, &sc.cand, &sc.ncand, &sc.capcand);
		for (k = 0; k < sc.ncand && !(fill && count >= max); k++)
			count = match_near(p, lt, text, n, sc.cand[k], out, max, count, &sc);
		if (enough && out && (mask_of(out, count < max ? count : max) & enough) == enough)
			break;
		if (fill && count >= max) {
			count = max;
			break;
		}
	}
	free(sc.cand);
	free(sc.map.v);
	buf_free(&sc.g);
	if (count > 1 && out) {
		size_t kept = 0, m = count < max ? count : max;

		/* In start order; a match inside another of the same pillar
		 * ("data" in "data collection") says nothing more. */
		sort_matches(out, m);
		for (k = 0; k < m; k++) {
			int inside = 0;

			for (j = 0; j < kept && !inside; j++)
				inside = out[j].pillar == out[k].pillar &&
				    out[j].start <= out[k].start && out[j].end >= out[k].end;
			if (!inside)
				out[kept++] = out[k];
		}
		count -= m - kept;
	}
	return count;
}

size_t
pillars_match(const struct pillars *p, int lang, const char *text, size_t n,
    struct pillar_match *out, size_t max)
{
	return match_until(p, lang, text, n, out, max, 0, 0);
}

/* The first place from i on in s[0..n) holding a byte that may end a
 * sentence (in may_end), or n. */
static size_t
next_may_end(const char *s, size_t i, size_t n, const unsigned char *may_end)
{
#ifdef __SSE2__
	const __m128i dot = _mm_set1_epi8('.'), bang = _mm_set1_epi8('!');
	const __m128i ask = _mm_set1_epi8('?'), e3 = _mm_set1_epi8((char)0xE3);
	const __m128i ef = _mm_set1_epi8((char)0xEF);

	for (; n - i >= 16; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(s + i));
		__m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, dot), _mm_cmpeq_epi8(v, bang)),
		    _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, ask), _mm_cmpeq_epi8(v, e3)),
		    _mm_cmpeq_epi8(v, ef)));
		unsigned m = (unsigned)_mm_movemask_epi8(hit);

		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
#endif
	while (i < n && !may_end[(unsigned char)s[i]])
		i++;
	return i;
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

		i = next_may_end(text, i, n, may_end);
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
		for (i = 0; i < p->n; i++)
			if (strlen(p->v[i].id) == k && strncmp(p->v[i].id, s, k) == 0)
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
	size_t count = p->nterms ? match_until(p, bl->lang, text, n, out, max, enough, 1) : 0;
	uint32_t m = mask_of(out, count < max ? count : max);

	if (bl->tags)
		m = explicit_tags(p, bl->tags);
	p->block[b] = m;
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

uint32_t
pillars_block(struct pillars *p, size_t b)
{
	const struct block *bl = &p->doc->blocks[b];

	if (!p->tagged[b]) {
		if (bl->tags || !p->nterms) {
			p->block[b] = bl->tags ? explicit_tags(p, bl->tags) : 0;
			p->tagged[b] = 1;
		} else {
			struct buf text = {0};
			struct pillar_match pm[256];
			uint32_t enough = 0;
			size_t n;
			int i;

			/* Only whether, not where: a huge block is looked at
			 * until each pillar of its language has turned up. */
			for (i = 0; i < p->nby_lang; i++)
				if (p->by_lang[i].lang == bl->lang)
					for (n = 0; n < p->by_lang[i].n; n++)
						enough |= (uint32_t)1 << p->terms[p->by_lang[i].ids[n]].pillar;
			buf_add(&text, "", 0);
			doc_block_text(p->doc, b, &text);
			tag_block(p, b, text.s, text.len, pm, 256, enough, &n);
			buf_free(&text);
		}
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

			for (i = 0; i < p->n; i++)
				p->rows[i] += m >> i & 1;
		}
		p->next++;
	}
	return 1;
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
