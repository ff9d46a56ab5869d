/* SPDX-License-Identifier: MIT */
/* Languages as data, and deciding the language of each block. */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <unistr.h>

#include "buf.h"
#include "lang.h"
#include "settings.h"
#include "text.h"
#include "xalloc.h"

/* At most this many languages (evidence is kept as bit masks). */

/* How much of a block is read for evidence: plenty for a paragraph, and it
 * keeps opening a huge file fast. */
enum { SAMPLE_BYTES = 320, SAMPLE_LETTERS = 96, SAMPLE_WORDS = 32 };
/* How much raw text is read to find that much prose. */
enum { SAMPLE_RAW = 4 * SAMPLE_BYTES };

/* Evidence weights, per occurrence. */
#define W_SCRIPT	0.5	/* a letter of the language's script */
#define W_OTHER_SCRIPT	-1.0	/* a letter of another script */
#define W_STOPWORD	3.0
#define W_LETTER	2.0	/* a letter typical of the language */
#define W_FOREIGN	-3.0	/* a letter the language does not use */
#define W_ENDING	1.0
/* What a letter of another script costs a Latin language on top of
 * W_OTHER_SCRIPT: Latin names and identifiers are common inside text of
 * other scripts, the reverse is rare. */
#define W_BESIDE_LATIN	-3.0
/* Changing language between neighbouring blocks costs SWITCH_SCALE times
 * the log odds of staying, as the blocks with clear evidence show them:
 * high in a document of whole versions, negative in an interleaved one. */
#define SWITCH_SCALE	3.0
#define SWITCH_MIN	-6.0
#define SWITCH_MAX	8.0
#define SWITCH_DEFAULT	6.0
/* A block is clear evidence when its best language leads by this much. */
#define CLEAR_MARGIN	6.0

struct lang {
	char *code, *name, *name_en;
	const uc_script_t *script;
};

/* A string -> language mask table, open addressing. */
struct wordset {
	char **key;
	uint32_t *hash;		/* of each key: most misses end there */
	uint64_t *mask;
	size_t cap, n;
};

static struct lang langs[LANG_MAX];
static int nlangs;
static struct wordset stopwords, endings, markers;
/* Letters: code point -> masks of languages that favour / never use it. */
static struct letter { uint32_t uc; uint64_t typical, foreign; } *letters;
static size_t nletters, capletters;
/* Below SMALL, where the alphabets of most languages live, what the scan
 * asks of a code point is looked up: the letter's entry (plus one; 0: none),
 * set when the languages are loaded. */
enum { SMALL = 0x800 };
static uint16_t letter_at[SMALL];

/* FNV-1a over the bytes from the last back: the hashes of a word's endings
 * come on the way to the word's own. */
enum { HASH_BASIS = 2166136261u, HASH_PRIME = 16777619u };

static inline uint32_t
hash_step(uint32_t h, unsigned char c)
{
	return (h ^ c) * HASH_PRIME;
}

static uint32_t
hash(const char *s, size_t n)
{
	uint32_t h = HASH_BASIS;

	while (n--)
		h = hash_step(h, (unsigned char)s[n]);
	return h;
}

/* The slot of s[0..n), whose hash is h. */
static uint64_t *
wordset_slot_hashed(struct wordset *ws, const char *s, size_t n, uint32_t h, int add)
{
	size_t i;

	if (add && (ws->n + 1) * 2 > ws->cap) {
		struct wordset old = *ws;

		ws->cap = old.cap ? old.cap * 2 : 256;
		ws->key = xcalloc(ws->cap, sizeof *ws->key);
		ws->hash = xcalloc(ws->cap, sizeof *ws->hash);
		ws->mask = xcalloc(ws->cap, sizeof *ws->mask);
		ws->n = old.n;
		/* Each key moves to its slot in the larger table. */
		for (i = 0; i < old.cap; i++)
			if (old.key[i]) {
				size_t j = old.hash[i] & (ws->cap - 1);

				while (ws->key[j])
					j = (j + 1) & (ws->cap - 1);
				ws->key[j] = old.key[i];
				ws->hash[j] = old.hash[i];
				ws->mask[j] = old.mask[i];
			}
		free(old.key);
		free(old.hash);
		free(old.mask);
	}
	if (!ws->cap)
		return NULL;
	for (i = h & (ws->cap - 1);; i = (i + 1) & (ws->cap - 1)) {
		if (!ws->key[i]) {
			if (!add)
				return NULL;
			ws->key[i] = xstrndup(s, n);
			ws->hash[i] = h;
			ws->n++;
			return &ws->mask[i];
		}
		if (ws->hash[i] == h && strncmp(ws->key[i], s, n) == 0 && ws->key[i][n] == '\0')
			return &ws->mask[i];
	}
}

static uint64_t
wordset_get_hashed(const struct wordset *ws, const char *s, size_t n, uint32_t h)
{
	uint64_t *m = wordset_slot_hashed((struct wordset *)ws, s, n, h, 0);

	return m ? *m : 0;
}

static uint64_t *
wordset_slot(struct wordset *ws, const char *s, size_t n, int add)
{
	return wordset_slot_hashed(ws, s, n, hash(s, n), add);
}

static void
wordset_free(struct wordset *ws)
{
	size_t i;

	for (i = 0; i < ws->cap; i++)
		free(ws->key[i]);
	free(ws->key);
	free(ws->hash);
	free(ws->mask);
	memset(ws, 0, sizeof *ws);
}

static int folded_as_is(const char *s, size_t n);

/* Lower-case (fold) a short item for the tables. */
static void
fold_item(struct buf *out, const char *s, size_t n)
{
	struct buf clean = {0};

	buf_reset(out);
	if (folded_as_is(s, n)) {
		buf_add(out, s, n);
		return;
	}
	text_clean(&clean, s, n);
	if (clean.len)
		text_fold(clean.s, clean.len, out, NULL);
	buf_free(&clean);
}

struct loading {
	int id;
	struct wordset *set;
	int foreign;
};

static void
add_word(void *ctx, const char *item, size_t len)
{
	struct loading *ld = ctx;
	struct buf f = {0};

	fold_item(&f, item, len);
	if (f.len)
		*wordset_slot(ld->set, f.s, f.len, 1) |= (uint64_t)1 << ld->id;
	buf_free(&f);
}

/* Markers are compared without spaces or punctuation. */
static void
marker_key(struct buf *out, const char *s, size_t n)
{
	struct buf f = {0};
	size_t i;

	fold_item(&f, s, n);
	buf_reset(out);
	for (i = 0; i < f.len; i++) {
		unsigned char c = (unsigned char)f.s[i];

		if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			buf_addc(out, c);
	}
	buf_free(&f);
}

static void
add_marker(void *ctx, const char *item, size_t len)
{
	struct loading *ld = ctx;
	struct buf k = {0};

	marker_key(&k, item, len);
	if (k.len)
		*wordset_slot(&markers, k.s, k.len, 1) |= (uint64_t)1 << ld->id;
	buf_free(&k);
}

static void
add_letter(void *ctx, const char *item, size_t len)
{
	struct loading *ld = ctx;
	ucs4_t uc;
	size_t i;

	/* Letters are compared lower-cased, accents kept: the scan does the
	 * same. */
	if (u8_mbtoucr(&uc, (const uint8_t *)item, len) <= 0)
		return;
	uc = uc_tolower(uc);
	for (i = 0; i < nletters && letters[i].uc != uc; i++)
		;
	if (i == nletters) {
		letters = xgrow(letters, &capletters, nletters + 1, sizeof *letters);
		memset(&letters[nletters], 0, sizeof *letters);
		letters[nletters++].uc = uc;
	}
	if (ld->foreign)
		letters[i].foreign |= (uint64_t)1 << ld->id;
	else
		letters[i].typical |= (uint64_t)1 << ld->id;
}

static void
load_section(void *ctx, const char *section)
{
	const struct settings *cfg = ctx;
	struct loading ld;
	struct buf key = {0};
	const char *code = section + strlen("language."), *v;
	struct lang *l;
	int id = lang_find(code, strlen(code));

	if (!*code)
		return;
	if (id < 0) {
		if (nlangs == LANG_MAX)
			return;
		id = nlangs++;
		langs[id].code = xstrdup(code);
	}
	l = &langs[id];
#define GET(k) (buf_reset(&key), buf_printf(&key, "%s:%s", section, k), \
	settings_get(cfg, key.s))
	if ((v = GET("name")) != NULL) {
		free(l->name);
		l->name = xstrdup(v);
	}
	if ((v = GET("name.en")) != NULL) {
		free(l->name_en);
		l->name_en = xstrdup(v);
	}
	if ((v = GET("script")) != NULL)
		l->script = uc_script_byname(v);
#undef GET
	ld.id = id;
	ld.foreign = 0;
	ld.set = &stopwords;
	buf_reset(&key);
	buf_printf(&key, "%s:stopwords", section);
	settings_each_item(cfg, key.s, add_word, &ld);
	ld.set = &endings;
	buf_reset(&key);
	buf_printf(&key, "%s:endings", section);
	settings_each_item(cfg, key.s, add_word, &ld);
	buf_reset(&key);
	buf_printf(&key, "%s:letters", section);
	settings_each_item(cfg, key.s, add_letter, &ld);
	ld.foreign = 1;
	buf_reset(&key);
	buf_printf(&key, "%s:foreign", section);
	settings_each_item(cfg, key.s, add_letter, &ld);
	buf_reset(&key);
	buf_printf(&key, "%s:markers", section);
	settings_each_item(cfg, key.s, add_marker, &ld);
	/* A language's own names announce it too ("--- English ---"). */
	if (l->name)
		add_marker(&ld, l->name, strlen(l->name));
	if (l->name_en)
		add_marker(&ld, l->name_en, strlen(l->name_en));
	buf_free(&key);
}

void
lang_load(const struct settings *cfg)
{
	size_t i;

	lang_unload();
	settings_each_section(cfg, "language.", load_section, (void *)cfg);
	for (i = 0; i < nletters && i < UINT16_MAX; i++)
		if (letters[i].uc < SMALL)
			letter_at[letters[i].uc] = (uint16_t)(i + 1);
}

void
lang_unload(void)
{
	int i;

	for (i = 0; i < nlangs; i++) {
		free(langs[i].code);
		free(langs[i].name);
		free(langs[i].name_en);
	}
	memset(langs, 0, sizeof langs);
	nlangs = 0;
	wordset_free(&stopwords);
	wordset_free(&endings);
	wordset_free(&markers);
	free(letters);
	letters = NULL;
	nletters = capletters = 0;
	memset(letter_at, 0, sizeof letter_at);
}

int
lang_count(void)
{
	return nlangs;
}

const char *
lang_code(int id)
{
	return id >= 0 && id < nlangs ? langs[id].code : "und";
}

const char *
lang_name(int id)
{
	if (id < 0 || id >= nlangs)
		return "unknown";
	return langs[id].name ? langs[id].name : langs[id].code;
}

int
lang_find(const char *code, size_t len)
{
	int i;

	for (i = 0; i < nlangs; i++)
		if (strncasecmp(langs[i].code, code, len) == 0 &&
		    langs[i].code[len] == '\0')
			return i;
	return -1;
}

int
lang_add(const char *code, size_t len)
{
	int id = lang_find(code, len);

	if (id >= 0 || nlangs == LANG_MAX || len == 0)
		return id;
	langs[nlangs].code = xstrndup(code, len);
	return nlangs++;
}

void
lang_truncate(int n)
{
	while (nlangs > n) {
		nlangs--;
		free(langs[nlangs].code);
		langs[nlangs].code = NULL;
	}
}

static const struct letter *
find_letter(uint32_t uc)
{
	size_t i;

	if (uc < SMALL)
		return letter_at[uc] ? &letters[letter_at[uc] - 1] : NULL;
	for (i = 0; i < nletters; i++)
		if (letters[i].uc == uc)
			return &letters[i];
	return NULL;
}

/* Add per-language evidence (mask of languages, weight) to acc[], by
 * language.  The weights are multiples of a half: the sums are exact in
 * any order. */
static void
credit(double *acc, uint64_t mask, double w)
{
	for (; mask; mask &= mask - 1)
		acc[__builtin_ctzll(mask)] += w;
}

/* Score one lower-cased word: stopwords, and the longest known ending
 * (up to five letters, on a word at least two letters longer).  Unless
 * folded (every character folds to itself), it is folded first, in f. */
static void
score_word(const char *w, size_t n, size_t chars, int folded, double *acc, struct buf *f)
{
	size_t i = n, k = 0;
	uint64_t m = 0, e;
	uint32_t h = HASH_BASIS;

	/* Fold the word as the word lists were folded. */
	if (!folded) {
		buf_reset(f);
		buf_add(f, "", 0);
		text_fold(w, n, f, NULL);
		w = f->s;
		i = n = f->len;
	}
	while (i > 0) {
		i--;
		h = hash_step(h, (unsigned char)w[i]);
		if (((unsigned char)w[i] & 0xC0) == 0x80)
			continue;
		k++;
		if (k <= 5 && chars >= k + 2 &&
		    (e = wordset_get_hashed(&endings, w + i, n - i, h)) != 0)
			m = e;
	}
	credit(acc, wordset_get_hashed(&stopwords, w, n, h), W_STOPWORD);
	credit(acc, m, W_ENDING);
}

/* Scripts that lang_score looks for, and what it asks of the code points
 * below SMALL, set once (threads score blocks). */
static const uc_script_t *latin, *inherited, *common;
static struct small_cp {
	uint16_t lower;
	unsigned char letter;	/* a letter or a mark */
	_Atomic unsigned char folded;	/* its lower case folds to itself, alone
				 * and whatever comes next: FOLDS_*, found on
				 * first use */
	const uc_script_t *script;
} small[SMALL];
static int scripts_found;
enum { FOLDS_UNKNOWN, FOLDS_NOT, FOLDS_SAME };
/* What a byte is to the token rules (is_prose_token), set with the
 * scripts. */
enum { T_AROUND = 1, T_NEVER = 2, T_INNER = 4 };
static unsigned char token_class[256];

/* Whether text_fold leaves the character uc as it is, and so a word of
 * such characters (marks that combine with what precedes them are not). */
static int
folds_to_itself(uint32_t uc)
{
	uint8_t u8[6];
	struct buf f = {0};
	int n = u8_uctomb(u8, uc, sizeof u8), same;

	if (uc < 0x80)
		return 1;
	if (n <= 0 || (uc >= 0x0300 && uc <= 0x036F))
		return 0;
	text_fold((const char *)u8, (size_t)n, &f, NULL);
	same = f.len == (size_t)n && memcmp(f.s, u8, (size_t)n) == 0;
	buf_free(&f);
	return same;
}

static void
find_scripts(void)
{
	ucs4_t uc;

	for (uc = 0; uc < 256; uc++)
		token_class[uc] = (uc && strchr(".,;:!?\"'()", (int)uc) ? T_AROUND : 0) |
		    (uc && strchr("0123456789/\\=_#@$%&*+<>[]{}|^~`", (int)uc) ? T_NEVER : 0) |
		    (uc && strchr(".:()", (int)uc) ? T_INNER : 0);
	latin = uc_script('a');
	inherited = uc_script_byname("Inherited");
	common = uc_script_byname("Common");
	for (uc = 0; uc < SMALL; uc++) {
		small[uc].letter = uc >= 0x80 ? uc_is_alpha(uc) ||
		    uc_is_general_category(uc, UC_CATEGORY_M) :
		    ((uc | 0x20) >= 'a' && (uc | 0x20) <= 'z');
		small[uc].lower = (uint16_t)(uc < 0x80 ? (small[uc].letter ? uc | 0x20 : uc) :
		    uc_tolower(uc) < 0x10000 ? uc_tolower(uc) : uc);
		small[uc].script = uc < 0x80 ? latin : uc_script(uc);
	}
	scripts_found = 1;
}

/* Whether the lower case of uc (below SMALL) folds to itself: found once
 * per character, by whichever thread meets it first. */
static int
small_folded(ucs4_t uc)
{
	unsigned char f = atomic_load_explicit(&small[uc].folded, memory_order_relaxed);

	if (f == FOLDS_UNKNOWN) {
		f = folds_to_itself(small[uc].lower) ? FOLDS_SAME : FOLDS_NOT;
		atomic_store_explicit(&small[uc].folded, f, memory_order_relaxed);
	}
	return f == FOLDS_SAME;
}

/* Whether s[0..n) is its own cleaned and folded form: letters below SMALL
 * that take room on the screen (text_clean keeps them), each its own
 * lower case and folding to itself whatever comes next. */
static int
folded_as_is(const char *s, size_t n)
{
	size_t i = 0;

	if (!scripts_found)
		find_scripts();
	while (i < n) {
		ucs4_t uc;
		int k = u8_mbtouc(&uc, (const uint8_t *)s + i, n - i);

		if (k <= 0 || uc >= SMALL || !small[uc].letter || small[uc].lower != uc ||
		    text_ucwidth(uc) <= 0 || !small_folded(uc))
			return 0;
		i += (size_t)k;
	}
	return n > 0;
}

/* The letters of each script a text holds, to credit each candidate once. */
struct script_tally {
	const uc_script_t *script[SAMPLE_LETTERS];
	size_t letters[SAMPLE_LETTERS], all;
	int n;
};

static void
tally_script(struct script_tally *t, const uc_script_t *sc)
{
	int c;

	if (!sc || sc == inherited || sc == common)
		return;
	for (c = 0; c < t->n && t->script[c] != sc; c++)
		;
	if (c == t->n) {
		t->script[t->n++] = sc;
		t->letters[c] = 0;
	}
	t->letters[c]++;
	t->all++;
}

/* Whether s[0..n) (a token between blanks, punctuation around it already
 * stripped) is all capitals of the Latin alphabet, 2 to 5 of them (with a
 * colon after them, a label: SIZE:, URL:). */
static int
is_latin_capitals(const char *s, size_t n)
{
	size_t i;

	if (n < 2 || n > 5)
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] < 'A' || s[i] > 'Z')
			return 0;
	return 1;
}

/* Whether the word s[0..n) after a number is its unit: a short word of
 * small Latin letters that is no stopword (bytes, kb, px). */
static int
is_unit(const char *s, size_t n)
{
	size_t i;

	if (n > 5)
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return 0;
	return wordset_get_hashed(&stopwords, s, n, hash(s, n)) == 0;
}

/*
 * Whether the token s[0..n) is a word of prose, with the punctuation
 * around it stripped (into *ws, *wn): not a number, a URL, a path, a file
 * name, an option, an identifier, a checksum, a formula or a regular
 * expression.  A label in capitals (SIZE:) and a unit right after a
 * number (after_number: 14232887 bytes) are no prose either.
 */
static int
is_prose_token(const char *s, size_t n, int after_number, const char **ws, size_t *wn)
{
	size_t i;
	int lower = 0, label = n > 1 && s[n - 1] == ':';

	while (n && token_class[(unsigned char)s[n - 1]] & T_AROUND)
		n--;
	while (n && token_class[(unsigned char)s[0]] & T_AROUND) {
		s++;
		n--;
	}
	*ws = s;
	*wn = n;
	if (!n || s[0] == '-')
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		/* Digits and symbols; inner dots, colons and brackets:
		 * project.yml, a::b, f(x). */
		if (token_class[c] & (T_NEVER | T_INNER))
			return 0;
		/* A capital after a small letter: an identifier (CamelCase). */
		if (c >= 'A' && c <= 'Z' && lower)
			return 0;
		lower = c >= 'a' && c <= 'z';
	}
	if (label && is_latin_capitals(s, n))
		return 0;
	return !(after_number && is_unit(s, n));
}

/* The prose of a block's sample: never longer than the raw text read. */
struct prose {
	char s[SAMPLE_RAW + 1];
	size_t len;
};

/*
 * The prose words of one line s[0..n) added to out, one blank before
 * each, until out holds keep bytes; returns how many words they count
 * for.  A line that is mostly no prose (code, a table row: of four tokens
 * or more, less than a third words of prose) or starts with a shell
 * prompt ("$ ") is left out whole.
 */
static int
prose_of_line(const char *s, size_t n, size_t keep, struct prose *out)
{
	size_t i = 0, at = out->len, tokens = 0, wide;
	int words = 0, after_number = 0, any_wide = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i + 1 < n && s[i] == '$' && s[i + 1] == ' ')
		return 0;
	while (i < n && out->len < keep) {
		size_t e = i, wn;
		const char *w;
		int digits = 0;

		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\v' || s[i] == '\f') {
			i++;
			continue;
		}
		/* The token, whether it has digits, and its wide characters
		 * of East Asian scripts (lead bytes of U+3000 to U+DFFF: kana,
		 * Han, hangul): text without blanks between words, read as
		 * prose whatever digits it holds. */
		for (wide = 0; e < n && s[e] != ' ' && s[e] != '\t' && s[e] != '\v' &&
		    s[e] != '\f'; e++) {
			digits |= s[e] >= '0' && s[e] <= '9';
			wide += (unsigned char)s[e] >= 0xE3 && (unsigned char)s[e] <= 0xED;
		}
		tokens++;
		if (wide || is_prose_token(s + i, e - i, after_number, &w, &wn)) {
			if (wide) {
				w = s + i;
				wn = e - i;
			}
			if (out->len)
				out->s[out->len++] = ' ';
			memcpy(out->s + out->len, w, wn);
			out->len += wn;
			/* Han, kana and hangul: about two characters a word. */
			words += wide ? (wide + 1) / 2 : 1;
			any_wide |= wide > 0;
		}
		after_number = digits;
		i = e;
	}
	if (tokens >= 4 && (size_t)words * 3 < tokens && !any_wide) {
		out->len = at;
		return 0;
	}
	return words;
}

/* The prose of raw block text s[0..n) into out, one blank between words,
 * line by line: reads at most limit bytes of s and keeps at most keep of
 * prose; returns the number of prose words. */
static int
prose_of(const char *s, size_t n, size_t limit, size_t keep, struct prose *out)
{
	size_t i = 0;
	int words = 0;

	if (n > limit)
		n = limit;
	out->len = 0;
	while (i < n && out->len < keep) {
		size_t e = i;

		while (e < n && s[e] != '\n' && s[e] != '\r')
			e++;
		words += prose_of_line(s + i, e - i, keep, out);
		i = e + 1;
	}
	return words;
}

/* The evidence of the letters' scripts in t for language l. */
static double
script_score(const struct script_tally *t, int l)
{
	size_t ours = 0, neutral = 0;
	double sc;
	int j;

	/* Latin names and identifiers inside text of another script are no
	 * evidence for or against its languages. */
	for (j = 0; j < t->n; j++)
		if (langs[l].script == t->script[j])
			ours += t->letters[j];
		else if (t->script[j] == latin)
			neutral += t->letters[j];
	if (!ours)
		neutral = 0;
	sc = W_SCRIPT * ours + W_OTHER_SCRIPT * (t->all - ours - neutral);
	/* And beside letters of another script, Latin words are names: a
	 * Latin language needs more than them. */
	if (langs[l].script == latin)
		sc += W_BESIDE_LATIN * (t->all - ours);
	return sc;
}

int
lang_score(const char *raw, size_t rawn, const int *cand, int ncand, double *score)
{
	char word[64];
	struct prose prose;
	const char *s;
	size_t n;
	int nprose;
	double acc[LANG_MAX];
	struct script_tally tally;
	size_t i = 0, wn = 0, wchars = 0;
	int nletters_seen = 0, nwords = 0, c, folded = 1;
	struct buf f = {0};

	if (!scripts_found)
		find_scripts();
	/* (Only the languages there are gather evidence.) */
	memset(acc, 0, sizeof *acc * (size_t)nlangs);
	tally.n = 0;
	tally.all = 0;
	/* Only the prose is evidence. */
	nprose = prose_of(raw, rawn, SAMPLE_RAW, SAMPLE_BYTES, &prose);
	s = prose.s;
	n = prose.len;
	while (i <= n && nwords < SAMPLE_WORDS) {
		ucs4_t uc = ' ', lc;
		const uc_script_t *sc;
		int letter, same = 0;

		/* (Invalid bytes, as U+FFFD, end a word as a blank does.) */
		i += i < n ? text_next_uc(s + i, n - i, &uc) : 1;
		if (uc < SMALL) {
			letter = small[uc].letter;
			lc = small[uc].lower;
			sc = small[uc].script;
			same = small_folded(uc);
		} else {
			letter = uc_is_alpha(uc) || uc_is_general_category(uc, UC_CATEGORY_M);
			lc = letter ? uc_tolower(uc) : uc;
			sc = letter ? uc_script(uc) : NULL;
		}
		if (letter) {
			const struct letter *lt;

			if (nletters_seen < SAMPLE_LETTERS) {
				nletters_seen++;
				tally_script(&tally, sc);
				if (lc >= 0x80 && (lt = find_letter(lc)) != NULL) {
					credit(acc, lt->typical, W_LETTER);
					credit(acc, lt->foreign, W_FOREIGN);
				}
			}
			/* Han and kana: every character is a word of its own. */
			if (uc >= 0x2E80 && text_is_wide(uc)) {
				if (wn)
					score_word(word, wn, wchars, folded, acc, &f);
				wn = u8_uctomb((uint8_t *)word, lc, sizeof word);
				score_word(word, wn, 1, 0, acc, &f);
				wn = wchars = 0;
				folded = 1;
				nwords++;
				continue;
			}
			if (wn + 6 < sizeof word) {
				int m = u8_uctomb((uint8_t *)word + wn, lc, sizeof word - wn);

				if (m > 0) {
					wn += m;
					wchars++;
					folded &= same;
				}
			}
			continue;
		}
		if (wn) {
			score_word(word, wn, wchars, folded, acc, &f);
			nwords++;
		}
		wn = wchars = 0;
		folded = 1;
	}
	buf_free(&f);
	for (c = 0; c < ncand; c++)
		score[c] = acc[cand[c]] + script_score(&tally, cand[c]);
	return nprose;
}

int
lang_clear(const double *s, int ncand)
{
	int c, best = 0, second = -1;

	for (c = 1; c < ncand; c++)
		if (s[c] > s[best])
			best = c;
	for (c = 0; c < ncand; c++)
		if (c != best && (second < 0 || s[c] > s[second]))
			second = c;
	if (second >= 0 && s[best] - s[second] < CLEAR_MARGIN)
		return -1;
	return s[best] > 0 ? best : -1;
}

double
lang_switch_cost(const double *score, size_t nblocks, int ncand)
{
	size_t b, pairs = 0, switches = 0;
	int prev = -1;
	double p, cost;

	for (b = 0; b < nblocks; b++) {
		int best = lang_clear(score + b * ncand, ncand);

		if (best < 0) {
			prev = -1;
			continue;
		}
		if (prev >= 0) {
			pairs++;
			switches += prev != best;
		}
		prev = best;
	}
	if (pairs == 0)
		return SWITCH_DEFAULT;
	p = (switches + 1.0) / (pairs + 2.0);
	cost = SWITCH_SCALE * log((1 - p) / p);
	return cost < SWITCH_MIN ? SWITCH_MIN : cost > SWITCH_MAX ? SWITCH_MAX : cost;
}

void
lang_viterbi(const double *score, const int *fixed, size_t nblocks, int ncand,
    double switch_cost, int *out)
{
	double *best, *prev;
	unsigned char *from;
	size_t b;
	int c, d, bestc;

	if (nblocks == 0 || ncand == 0)
		return;
	best = xmalloc(sizeof *best * ncand);
	prev = xmalloc(sizeof *prev * ncand);
	from = xmalloc(nblocks * ncand);
	for (b = 0; b < nblocks; b++) {
		for (c = 0; c < ncand; c++) {
			double s = score[b * ncand + c], m = -DBL_MAX;
			int arg = c;

			if (fixed && fixed[b] >= 0 && fixed[b] != c)
				s -= 1e9;
			if (b > 0) {
				/* Staying wins ties, so a block with no
				 * evidence sides with the block after it. */
				m = prev[c];
				for (d = 0; d < ncand; d++)
					if (d != c && prev[d] - switch_cost > m) {
						m = prev[d] - switch_cost;
						arg = d;
					}
			} else {
				m = 0;
			}
			best[c] = m + s;
			from[b * ncand + c] = (unsigned char)arg;
		}
		memcpy(prev, best, sizeof *best * ncand);
	}
	bestc = 0;
	for (c = 1; c < ncand; c++)
		if (best[c] > best[bestc])
			bestc = c;
	for (b = nblocks; b-- > 0;) {
		out[b] = bestc;
		bestc = from[b * ncand + bestc];
	}
	free(best);
	free(prev);
	free(from);
}

int
lang_marker(const char *s, size_t n)
{
	struct buf k = {0};
	uint64_t m;
	int i;

	if (n > 80)
		return -1;
	marker_key(&k, s, n);
	m = k.len ? wordset_get_hashed(&markers, k.s, k.len, hash(k.s, k.len)) : 0;
	buf_free(&k);
	for (i = 0; i < nlangs; i++)
		if (m >> i & 1)
			return i;
	return -1;
}
