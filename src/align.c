/* SPDX-License-Identifier: MIT */
/* Pairing the blocks of the language versions into rows. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include <unistr.h>

#include "align.h"
#include "copy.h"
#include "doc.h"
#include "fix.h"
#include "xalloc.h"

/*
 * The cost of a bead (a group of blocks of one version matched with a group
 * of the other) is a sum of:
 *
 *  - length: Gale and Church's -log P(delta), where delta compares the
 *    characters of the two sides through the length ratio r expected between
 *    the languages: delta = (lb/r - la) / sqrt(VAR * (la + lb/r) / 2).
 *    r is estimated from the document (first from the median paragraph
 *    lengths, then, in a second pass, from the neighbouring 1-1 pairs of the
 *    first alignment), so a partly translated document or a language pair
 *    with very different lengths (Chinese runs about a third of English)
 *    does not skew it;
 *  - a prior per bead shape: 1-1 is cheap, 2-1 and 1-2 dearer;
 *  - dropping a block (1-0 or 0-1) costs a flat DROP, whatever its length:
 *    a missing paragraph leaves a gap instead of being merged into its
 *    neighbours and dragging everything after it out of line; opening and
 *    closing a gap cost GAP_OPEN more, so a run of missing blocks stays
 *    one run;
 *  - structure: a heading against a paragraph, or a heading merged with a
 *    paragraph, is expensive; two headings are a little cheaper; prose
 *    against blocks of no prose (URLs, code, tables), whose counterparts
 *    are copies, not translations, costs more than leaving both unpaired;
 *  - lists: an item of a list against a block that is none is as
 *    expensive; the numbers of items are structure, not shared numbers (a
 *    list one item short numbers the rest differently);
 *  - numbers: each number both sides mention (dates, article numbers, also
 *    as CJK or Roman numerals) lowers the cost, one that only one side has
 *    raises it a little;
 *  - anchors: a numbered heading whose numbers occur in exactly one heading
 *    of each version, and a block whose text occurs exactly once in each
 *    version (a command, a URL, a checksum, an untranslated paragraph), in
 *    order, is matched with its partner at a large bonus and with anything
 *    else at a large penalty.
 *
 * The search is a dynamic programme over (i, j) restricted to a band around
 * the diagonal that is wide enough for every block that one side lacks, so
 * it stays linear in the document's length.
 */
#define VAR		6.8
#define PRIOR_11	0.12
#define PRIOR_21	6.5
#define DROP		3.0
#define GAP_OPEN	1.5
#define KIND_CLASH	6.0
#define PROSE_CLASH	12.0	/* more than leaving both unpaired */
#define HEADINGS_BONUS	1.0
#define NUM_SHARED	1.5
#define NUM_SHARED_MAX	4.5
#define NUM_ALONE	0.5
#define NUM_ALONE_MAX	2.0
#define ANCHOR		8.0
#define MAX_CELLS	(24u << 20)

enum { B_11, B_10, B_01, B_21, B_12 };
enum { S_M, S_A, S_B };

/*
 * The bead from a cell whose states cost pc into state to, at bc: where it
 * is cheaper than *best, *best and *code (the state before, and for the
 * match state which bead: 0 for 1-1, 1 for 2-1, 2 for 1-2) take it.
 */
static inline void
relax(const double *pc, double bc, int to, int bead, double *best, int *code)
{
	int st;

	for (st = 0; st < 3; st++) {
		double c = pc[st] + bc + (st != to ? GAP_OPEN : 0);

		if (c < *best) {
			*best = c;
			*code = bead * 3 + st;
		}
	}
}

/*
 * Where the best path into a cell's state came from, three states in one
 * byte: a gap state is entered by one kind of bead only, so it keeps just
 * the state before (two bits); the match state keeps the bead (1-1, 2-1 or
 * 1-2) and the state before (four bits).  All ones: no path.  back_get
 * reads it: the bead and state that led into state of cell; 0 when none
 * did.
 */
static int
back_get(unsigned char cell, int state, int *t, int *st)
{
	static const int match_bead[] = { B_11, B_21, B_12 };
	int v;

	if (state == S_M) {
		v = cell & 0x0F;
		if (v > 8)
			return 0;
		*t = match_bead[v / 3];
		*st = v % 3;
		return 1;
	}
	v = state == S_A ? cell >> 4 & 3 : cell >> 6 & 3;
	if (v == 3)
		return 0;
	*t = state == S_A ? B_10 : B_01;
	*st = v;
	return 1;
}

static void
add_num(struct align_item *it, uint32_t v)
{
	int i;

	for (i = 0; i < it->nnum; i++)
		if (it->num[i] == v)
			return;
	if (it->nnum < sizeof it->num / sizeof it->num[0])
		it->num[it->nnum++] = v;
}

static int
cjk_digit(uint32_t uc)
{
	static const uint32_t d[] = { 0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB,
	    0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D };
	int i;

	for (i = 0; i < 10; i++)
		if (d[i] == uc)
			return i;
	return -1;
}

static int
roman_value(const char *s, size_t n, uint32_t *v)
{
	static const char sym[] = "IVXLCDM";
	static const int val[] = { 1, 5, 10, 50, 100, 500, 1000 };
	size_t i;
	int total = 0, prev = 0;

	if (n == 0 || n > 7)
		return 0;
	for (i = n; i-- > 0;) {
		const char *p = strchr(sym, s[i]);
		int x;

		if (!p || !s[i])
			return 0;
		x = val[p - sym];
		total += x < prev ? -x : x;
		if (x > prev)
			prev = x;
	}
	*v = total;
	return total > 0;
}

void
align_numbers(struct align_item *it, const char *s, size_t n)
{
	size_t i = 0, other = 0;
	uint32_t cjk = 0, section = 0;
	int incjk = 0;

	it->nnum = 0;
	if (n > 400)
		n = 400;
	while (i < n) {
		ucs4_t uc;
		int k = 1, d;

		uc = (unsigned char)s[i];
		/* Two-byte characters (Latin, Greek, Cyrillic, Arabic...) are
		 * never numerals: step over them without decoding. */
		if (uc >= 0xC0 && uc < 0xE0 && !incjk) {
			other++;
			i += 2;
			continue;
		}
		/* Other ASCII, but for Roman numerals, neither. */
		if (uc < 0x80 && !(uc >= '0' && uc <= '9') && !incjk &&
		    (it->kind == BLOCK_PARAGRAPH || !strchr("IVXLCDM", (int)uc) || !uc)) {
			if (uc != ' ' && uc != '.' && uc != ')' && uc != '(')
				other++;
			i++;
			continue;
		}
		if (uc >= 0x80 && (k = u8_mbtoucr(&uc, (const uint8_t *)s + i, n - i)) < 0) {
			i++;
			continue;
		}
		if (uc >= '0' && uc <= '9') {
			uint64_t v = 0;

			while (i < n && s[i] >= '0' && s[i] <= '9') {
				if (v < 100000000)
					v = v * 10 + (s[i] - '0');
				i++;
			}
			add_num(it, (uint32_t)v);
			continue;
		}
		if (uc >= 0xFF10 && uc <= 0xFF19) {
			add_num(it, uc - 0xFF10);
			i += k;
			continue;
		}
		/* CJK numerals: 二十三 = 23, 一百 = 100. */
		d = cjk_digit(uc);
		if (d >= 0 || uc == 0x5341 || uc == 0x767E || uc == 0x5343) {
			uint32_t mult = uc == 0x5341 ? 10 : uc == 0x767E ? 100 :
			    uc == 0x5343 ? 1000 : 0;

			if (mult) {
				section += (cjk ? cjk : 1) * mult;
				cjk = 0;
			} else {
				cjk = cjk * 10 + d;
			}
			incjk = 1;
			i += k;
			continue;
		}
		if (incjk) {
			add_num(it, section + cjk);
			section = cjk = 0;
			incjk = 0;
		}
		/* Roman numerals stand alone, and only in headings. */
		if (it->kind != BLOCK_PARAGRAPH && strchr("IVXLCDM", (int)uc) && uc &&
		    (i == 0 || s[i - 1] == ' ' || s[i - 1] == '(')) {
			size_t j = i;
			uint32_t v;

			while (j < n && s[j] && strchr("IVXLCDM", s[j]))
				j++;
			if ((j == n || strchr(" .):", s[j])) && roman_value(s + i, j - i, &v)) {
				add_num(it, v);
				i = j;
				continue;
			}
		}
		if (uc != ' ' && uc != '.' && uc != ')' && uc != '(')
			other++;
		i += k;
	}
	if (incjk)
		add_num(it, section + cjk);
	/* A bare number alone is no evidence. */
	if (other == 0)
		it->nnum = 0;
}

size_t
align_item_mark(const char *s, size_t n)
{
	size_t i = 0, k;

	if (n >= 2 && s[0] && strchr("-*+", s[0]) && s[1] == ' ')
		i = 1;
	else if (n >= 4 && memcmp(s, "\xE2\x80\xA2", 3) == 0 && s[3] == ' ')
		i = 3;	/* • */
	else {
		/* 3. 3) (3) b) (b) iv. */
		k = i = s[0] == '(';
		while (i < n && i - k < 3 && ((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'z')))
			i++;
		if (i == k || i >= n || !(s[i] == '.' || s[i] == ')') ||
		    (k && s[i] != ')') || i + 1 >= n || s[i + 1] != ' ')
			return 0;
		/* Letters alone are an item only as one letter or a Roman
		 * numeral: "a) ", "iv. ", not "etc. ". */
		if (!(s[k] >= '0' && s[k] <= '9') && i - k > 1 &&
		    strspn(s + k, "ivx") < i - k)
			return 0;
		i++;
	}
	while (i < n && s[i] == ' ')
		i++;
	return i;
}

/* -log P(|delta|) from a table: the dynamic programme asks for millions. */
enum { GC_STEPS = 100, GC_MAX = 8 };
static double gc_table[GC_STEPS * GC_MAX + 2];
static int gc_filled;

static void
gc_fill(void)
{
	int i;

	for (i = 0; i <= GC_STEPS * GC_MAX + 1; i++) {
		double p = erfc((double)i / GC_STEPS / M_SQRT2);

		gc_table[i] = p < 1e-12 ? 27.6 : -log(p);
	}
	gc_filled = 1;
}

/* Lengths la and lb, lb expected to be la / ir. */
static inline double
gc_cost(double la, double lb, double ir)
{
	double mean, delta, x, lr = lb * ir;
	int k;

	if (la + lb <= 0)
		return 0;
	mean = (la + lr) / 2;
	delta = fabs(lr - la) / sqrt(VAR * (mean > 1 ? mean : 1));
	x = delta * GC_STEPS;
	if (x >= GC_STEPS * GC_MAX)
		return gc_table[GC_STEPS * GC_MAX] + (delta - GC_MAX) * (delta + GC_MAX) / 2;
	k = (int)x;
	return gc_table[k] + (gc_table[k + 1] - gc_table[k]) * (x - k);
}

/* Number evidence between two groups, from their numbers hashed into bit
 * masks: each number both mention lowers the cost, one that only one side
 * has raises it a little. */
static double
number_cost(uint64_t ma, uint64_t mb)
{
	double shared = NUM_SHARED * __builtin_popcountll(ma & mb);
	double alone = NUM_ALONE * __builtin_popcountll(ma ^ mb);

	return (alone > NUM_ALONE_MAX ? NUM_ALONE_MAX : alone) -
	    (shared > NUM_SHARED_MAX ? NUM_SHARED_MAX : shared);
}

/* The numbers of it hashed into bits. */
static uint64_t
number_mask(const struct align_item *it)
{
	uint64_t m = 0;
	int k;

	for (k = 0; k < it->nnum; k++)
		m |= (uint64_t)1 << ((it->num[k] * 2654435761u) >> 26);
	return m;
}

/* The masks of items that have numbers (the others have theirs, or none). */
static void
set_masks(struct align_item *x, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (x[i].nnum)
			x[i].nmask = number_mask(&x[i]);
}

/* What a bead's cost asks of a group of one or two blocks of one side. */
struct group {
	double len;		/* their characters */
	uint64_t mask;		/* their numbers */
	unsigned char kinds;	/* 1: a paragraph among them, 2: a heading */
	unsigned char anchors;	/* how many of them are anchored */
	unsigned char prose;	/* 1: prose among them, 2: a block of no prose */
	unsigned char items;	/* 1: a block that is no list item, 2: an item */
};

/* The group of size blocks from x. */
static struct group
group_of(const struct align_item *x, int size)
{
	struct group g = { 0, 0, 0, 0, 0, 0 };
	int k;

	for (k = 0; k < size; k++) {
		g.len += x[k].chars;
		g.mask |= x[k].nmask;
		g.kinds |= x[k].kind == BLOCK_PARAGRAPH ? 1 : 2;
		g.anchors += x[k].anchor >= 0;
		g.prose |= x[k].noprose ? 2 : 1;
		g.items |= x[k].item ? 2 : 1;
	}
	return g;
}

/* The cost of a bead matching group a with group b (one: both single
 * blocks; anchored: partners by their anchor; ir: 1 / the length ratio). */
static inline double
match_cost(struct group a, struct group b, int one, int anchored, double ir)
{
	double c = gc_cost(a.len, b.len, ir) + (one ? PRIOR_11 : PRIOR_21);
	int k;

	if ((a.kinds | b.kinds) == 3)
		c += KIND_CLASH;
	if ((a.prose == 1 && b.prose == 2) || (a.prose == 2 && b.prose == 1))
		c += PROSE_CLASH;
	if ((a.items == 1 && b.items == 2) || (a.items == 2 && b.items == 1))
		c += KIND_CLASH;
	else if (one && a.kinds == 2 && b.kinds == 2)
		c -= HEADINGS_BONUS;
	if (a.mask | b.mask)
		c += number_cost(a.mask, b.mask);
	if (anchored)
		c -= ANCHOR;
	else
		for (k = a.anchors + b.anchors; k > 0; k--)
			c += ANCHOR;
	return c;
}

/* Dropping one block. */
static double
drop_cost(const struct align_item *x)
{
	return DROP + (x->anchor >= 0 ? ANCHOR : 0);
}

static int
cmp_u32(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;

	return a < b ? -1 : a > b;
}

/* The median length of the paragraphs (all blocks if none). */
static double
median_chars(const struct align_item *x, size_t n)
{
	uint32_t *v = xmalloc(sizeof *v * (n + 1));
	size_t k = 0, i;
	double m;

	for (i = 0; i < n; i++)
		if (x[i].kind == BLOCK_PARAGRAPH)
			v[k++] = x[i].chars;
	if (k == 0)
		for (i = 0; i < n; i++)
			v[k++] = x[i].chars;
	qsort(v, k, sizeof *v, cmp_u32);
	m = k ? v[k / 2] : 0;
	free(v);
	return m;
}

/* A numbered heading for the anchor search: its numbers and position. */
struct numbered {
	uint32_t num[6];
	unsigned char nnum;
	size_t pos;
};

static int
cmp_numbered(const void *x, const void *y)
{
	const struct numbered *a = x, *b = y;
	int c = memcmp(a->num, b->num, sizeof a->num);

	if (c)
		return c;
	if (a->nnum != b->nnum)
		return a->nnum < b->nnum ? -1 : 1;
	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* The numbered headings of x, sorted by their numbers. */
static struct numbered *
numbered_of(const struct align_item *x, size_t n, size_t *count)
{
	struct numbered *v;
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += x[i].kind != BLOCK_PARAGRAPH && x[i].nnum;
	v = xmalloc(sizeof *v * (k + 1));
	k = 0;
	for (i = 0; i < n; i++)
		if (x[i].kind != BLOCK_PARAGRAPH && x[i].nnum) {
			memset(&v[k], 0, sizeof v[k]);
			memcpy(v[k].num, x[i].num, x[i].nnum * sizeof x[i].num[0]);
			v[k].nnum = x[i].nnum;
			v[k++].pos = i;
		}
	qsort(v, k, sizeof *v, cmp_numbered);
	*count = k;
	return v;
}

static int
same_numbers(const struct numbered *a, const struct numbered *b)
{
	return a->nnum == b->nnum && memcmp(a->num, b->num, sizeof a->num) == 0;
}

/* Pairs (pos in a, pos in b) in order of a, and for one a from the last
 * b back: the longest increasing run of b takes one pair per a. */
static int
cmp_pair(const void *x, const void *y)
{
	const size_t *a = x, *b = y;

	if (a[0] != b[0])
		return a[0] < b[0] ? -1 : 1;
	return a[1] > b[1] ? -1 : a[1] < b[1];
}

/* A block's text key and position, for the identical-text anchors. */
struct keyed_pos {
	uint64_t key;
	size_t pos;
};

static int
cmp_keyed_pos(const void *x, const void *y)
{
	const struct keyed_pos *a = x, *b = y;

	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* The blocks of x that have a text key, sorted by it. */
static struct keyed_pos *
keyed_of(const struct align_item *x, size_t n, size_t *count)
{
	struct keyed_pos *v = xmalloc(sizeof *v * (n + 1));
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (x[i].key) {
			v[k].key = x[i].key;
			v[k++].pos = i;
		}
	qsort(v, k, sizeof *v, cmp_keyed_pos);
	*count = k;
	return v;
}

/* Whether entry i of v[0..n) has a key no other entry has. */
static int
key_once(const struct keyed_pos *v, size_t n, size_t i)
{
	return (i == 0 || v[i - 1].key != v[i].key) && (i + 1 >= n || v[i + 1].key != v[i].key);
}

/* Add to pair[0..*np) the blocks whose text occurs once on each side;
 * returns pair, grown to hold them. */
static size_t *
identical_pairs(const struct align_item *a, size_t na, const struct align_item *b,
    size_t nb, size_t *pair, size_t *np)
{
	size_t ca, cb, i = 0, j = 0;
	struct keyed_pos *va = keyed_of(a, na, &ca), *vb = keyed_of(b, nb, &cb);

	pair = xrealloc(pair, sizeof *pair * 2 * (*np + (ca < cb ? ca : cb) + 1));
	while (i < ca && j < cb) {
		if (va[i].key < vb[j].key) {
			i++;
		} else if (va[i].key > vb[j].key) {
			j++;
		} else {
			if (key_once(va, ca, i) && key_once(vb, cb, j)) {
				pair[2 * *np] = va[i].pos;
				pair[2 * *np + 1] = vb[j].pos;
				++*np;
			}
			i++;
			j++;
		}
	}
	free(va);
	free(vb);
	return pair;
}

/*
 * Anchors: numbered headings whose numbers occur in exactly one heading of
 * each side, and blocks whose text occurs exactly once on each side, kept
 * where they are in order on both sides (the longest increasing run of
 * partners, found in n log n).
 */
static void
find_anchors(struct align_item *a, size_t na, struct align_item *b, size_t nb)
{
	size_t ca, cb, i = 0, j = 0, np = 0, len = 0, k;
	struct numbered *va = numbered_of(a, na, &ca), *vb = numbered_of(b, nb, &cb);
	size_t *pair, *tail, *prev;

	for (k = 0; k < na; k++)
		a[k].anchor = -1;
	for (k = 0; k < nb; k++)
		b[k].anchor = -1;
	/* Pairs (pos in a, pos in b) of numbers unique on both sides. */
	pair = xmalloc(sizeof *pair * 2 * (ca + 1));
	while (i < ca && j < cb) {
		int c = cmp_numbered(&va[i], &vb[j]);
		int ua = (i + 1 >= ca || !same_numbers(&va[i], &va[i + 1])) &&
		    (i == 0 || !same_numbers(&va[i], &va[i - 1]));
		int ub = (j + 1 >= cb || !same_numbers(&vb[j], &vb[j + 1])) &&
		    (j == 0 || !same_numbers(&vb[j], &vb[j - 1]));

		if (same_numbers(&va[i], &vb[j])) {
			if (ua && ub) {
				pair[2 * np] = va[i].pos;
				pair[2 * np++ + 1] = vb[j].pos;
			}
			i++;
			j++;
		} else if (c < 0) {
			i++;
		} else {
			j++;
		}
	}
	pair = identical_pairs(a, na, b, nb, pair, &np);
	qsort(pair, np, sizeof *pair * 2, cmp_pair);
	/* Longest increasing subsequence of the b positions. */
	tail = xmalloc(sizeof *tail * (np + 1));
	prev = xmalloc(sizeof *prev * (np + 1));
	for (k = 0; k < np; k++) {
		size_t lo = 0, hi = len;

		while (lo < hi) {
			size_t mid = (lo + hi) / 2;

			if (pair[2 * tail[mid] + 1] < pair[2 * k + 1])
				lo = mid + 1;
			else
				hi = mid;
		}
		prev[k] = lo ? tail[lo - 1] : (size_t)-1;
		tail[lo] = k;
		if (lo == len)
			len++;
	}
	if (len > 1)
		for (k = tail[len - 1]; k != (size_t)-1; k = prev[k]) {
			a[pair[2 * k]].anchor = (int32_t)pair[2 * k + 1];
			b[pair[2 * k + 1]].anchor = (int32_t)pair[2 * k];
		}
	free(va);
	free(vb);
	free(pair);
	free(tail);
	free(prev);
}

/* The beads of the path back from (na, nb), from state st, in order:
 * back holds each cell's way in (back_get), rows width wide around the
 * band's centre. */
static size_t
walk_back(const unsigned char *back, size_t width, const long *center, size_t w,
    size_t na, size_t nb, int st, struct bead **out)
{
	static const int da[] = { 1, 1, 0, 2, 1 }, db[] = { 1, 0, 1, 1, 2 };
	struct bead *beads = NULL;
	size_t i = na, nbeads = 0, cap = 0;
	long j = (long)nb;

	while (i > 0 || j > 0) {
		long k = j - (center[i] - (long)w);
		int t, from;

		if (k < 0 || k >= (long)width || !back_get(back[i * width + k], st, &t, &from)) {
			/* Out of the band: cannot happen. */
			t = i > 0 ? B_10 : B_01;
			from = S_M;
		}
		st = from;
		beads = xgrow(beads, &cap, nbeads + 1, sizeof *beads);
		beads[nbeads].na = da[t];
		beads[nbeads].nb = db[t];
		nbeads++;
		i -= da[t];
		j -= db[t];
	}
	for (i = 0; i < nbeads / 2; i++) {
		struct bead tmp = beads[i];

		beads[i] = beads[nbeads - 1 - i];
		beads[nbeads - 1 - i] = tmp;
	}
	*out = beads;
	return nbeads;
}

/*
 * One pass of the banded dynamic programme with 1 / inv[i] the length ratio
 * at pivot block i.
 * Each cell keeps three states: the last bead matched blocks (M), dropped
 * one of the first sequence (A) or one of the second (B), so that opening
 * and closing a gap each cost GAP_OPEN more than extending one: a run of
 * missing blocks is one gap, not several with stray pairs between them,
 * and a version that stops early leaves its gap at the end.
 */
static size_t
dp(const struct align_item *a, size_t na, const struct align_item *b, size_t nb,
    const double *inv, const long *center, size_t w, struct bead **out)
{
	size_t width, i, nbeads;
	double *cost[3], *drop_a, *drop_b;
	unsigned char *back;
	long j;
	int st;

	width = 2 * w + 1;
	for (i = 0; i < 3; i++)
		cost[i] = xmalloc(sizeof **cost * 3 * (width + 2));
	back = xcalloc(na + 1, width);
	/* Dropping a block costs the same wherever it is dropped. */
	drop_a = xmalloc(sizeof *drop_a * (na + 1));
	drop_b = xmalloc(sizeof *drop_b * (nb + 1));
	for (i = 0; i < na; i++)
		drop_a[i] = drop_cost(&a[i]);
	for (i = 0; i < nb; i++)
		drop_b[i] = drop_cost(&b[i]);
#define LO(i) (center[i] - (long)w)
	for (i = 0; i <= na; i++) {
		double *row = cost[i % 3];
		unsigned char *brow = back + i * width;
		long lo = LO(i), k;
		/* The rows one and two above, and where cell k's column sits
		 * in them. */
		const double *up1 = i >= 1 ? cost[(i - 1) % 3] : NULL;
		const double *up2 = i >= 2 ? cost[(i - 2) % 3] : NULL;
		long s1 = i >= 1 ? lo - LO(i - 1) : 0, s2 = i >= 2 ? lo - LO(i - 2) : 0;
		/* The blocks of the first sequence that beads into this row
		 * end with. */
		struct group one = i >= 1 ? group_of(&a[i - 1], 1) : (struct group){ 0, 0, 0, 0, 0, 0 };
		struct group two = i >= 2 ? group_of(&a[i - 2], 2) : one;

		for (k = 0; k < (long)width; k++) {
			row[k * 3 + S_M] = row[k * 3 + S_A] = row[k * 3 + S_B] = INFINITY;
			brow[k] = 0xFF;
		}
		/* Only the cells inside the table. */
		k = lo < 0 ? -lo : 0;
		for (j = lo + k; k < (long)width && j <= (long)nb; k++, j++) {
			double *cell = row + k * 3;
			/* The best of each state, and where it came from
			 * (as back_get reads it; none yet). */
			double m = INFINITY, ga = INFINITY, gb = INFINITY;
			int cm = 15, ca = 3, cb = 3;
			long pk;

			if (i == 0 && j == 0) {
				cell[S_M] = 0;
				continue;
			}
			if (i >= 1 && j >= 1 && (pk = k + s1 - 1) >= 0 && pk < (long)width)
				relax(up1 + pk * 3, match_cost(one, group_of(&b[j - 1], 1), 1,
				    a[i - 1].anchor == j - 1, inv[i - 1]), S_M, 0, &m, &cm);
			if (i >= 1 && (pk = k + s1) >= 0 && pk < (long)width)
				relax(up1 + pk * 3, drop_a[i - 1], S_A, 0, &ga, &ca);
			if (j >= 1 && k >= 1)
				relax(row + (k - 1) * 3, drop_b[j - 1], S_B, 0, &gb, &cb);
			if (i >= 2 && j >= 1 && (pk = k + s2 - 1) >= 0 && pk < (long)width)
				relax(up2 + pk * 3, match_cost(two, group_of(&b[j - 1], 1), 0, 0,
				    inv[i - 2]), S_M, 1, &m, &cm);
			if (i >= 1 && j >= 2 && (pk = k + s1 - 2) >= 0 && pk < (long)width)
				relax(up1 + pk * 3, match_cost(one, group_of(&b[j - 2], 2), 0, 0,
				    inv[i - 1]), S_M, 2, &m, &cm);
			cell[S_M] = m;
			cell[S_A] = ga;
			cell[S_B] = gb;
			brow[k] = (unsigned char)(cm | ca << 4 | cb << 6);
		}
	}
	free(drop_a);
	free(drop_b);
	/* Walk back from (na, nb), from its cheapest state. */
	{
		const double *row = cost[na % 3] + ((long)nb - LO(na)) * 3;
		int s;

		st = S_M;
		for (s = 1; s < 3; s++)
			if (row[s] < row[st])
				st = s;
	}
#undef LO
	nbeads = walk_back(back, width, center, w, na, nb, st, out);
	for (i = 0; i < 3; i++)
		free(cost[i]);
	free(back);
	return nbeads;
}

/* Ratio per pivot block from the 1-1 beads of a first alignment: the
 * summed lengths of the nearest pairs on either side. */
static void
local_ratios(const struct align_item *a, size_t na, const struct align_item *b,
    const struct bead *beads, size_t nbeads, double r0, double *ratio)
{
	enum { HALF = 8 };
	size_t *pi = xmalloc(sizeof *pi * (nbeads + 1)), np = 0, k, i = 0, j = 0, p = 0;
	double *sa = xmalloc(sizeof *sa * (nbeads + 2)), *sb = xmalloc(sizeof *sb * (nbeads + 2));

	sa[0] = sb[0] = 0;
	for (k = 0; k < nbeads; k++) {
		if (beads[k].na == 1 && beads[k].nb == 1 && a[i].chars >= 10 &&
		    b[j].chars >= 10) {
			pi[np] = i;
			sa[np + 1] = sa[np] + a[i].chars;
			sb[np + 1] = sb[np] + b[j].chars;
			np++;
		}
		i += beads[k].na;
		j += beads[k].nb;
	}
	for (i = 0; i < na; i++) {
		size_t lo, hi;

		while (p < np && pi[p] < i)
			p++;
		lo = p > HALF ? p - HALF : 0;
		hi = p + HALF < np ? p + HALF : np;
		if (np >= 3 && hi > lo && sa[hi] - sa[lo] > 0)
			ratio[i] = (sb[hi] - sb[lo]) / (sa[hi] - sa[lo]);
		else
			ratio[i] = r0;
		if (ratio[i] < 0.05)
			ratio[i] = 0.05;
		if (ratio[i] > 20)
			ratio[i] = 20;
	}
	free(pi);
	free(sa);
	free(sb);
}

/* The band's half-width around the diagonal: room for every block one
 * side lacks, within a bound on the cells. */
static size_t
band(size_t na, size_t nb)
{
	size_t w = (na > nb ? na - nb : nb - na) + 16;

	if (na && w > MAX_CELLS / na)
		w = MAX_CELLS / na > 30 ? MAX_CELLS / na : 30;
	return w;
}

/* Centre a narrower band on the path of a first alignment; returns the
 * half-width that holds the whole path with some room. */
static size_t
follow_path(const struct bead *beads, size_t n, size_t na, long *center)
{
	size_t k, i = 0, w = 0;
	long j = 0, lo = 0;

	for (k = 0; k <= n; k++) {
		if (k == n || beads[k].na) {
			size_t span;

			center[i] = (lo + j) / 2;
			span = (size_t)(j - lo + 1) / 2 + 1;
			if (span > w)
				w = span;
			if (k == n)
				break;
			i += beads[k].na;
			/* A 2-1 bead skips a row: it sits on the same path. */
			if (beads[k].na == 2)
				center[i - 1] = j;
			lo = j + beads[k].nb;
		}
		j += beads[k].nb;
	}
	while (i < na)
		center[++i] = j;
	return w + 12;
}

size_t
align_pair(struct align_item *a, size_t na, struct align_item *b, size_t nb,
    struct bead **out)
{
	struct bead *beads;
	double *ratio, ma, mb, r0;
	size_t n, i, k, w;
	long *center;

	if (na == 0 || nb == 0) {
		n = na + nb;
		beads = xmalloc(sizeof *beads * (n + 1));
		for (i = 0; i < n; i++) {
			beads[i].na = na ? 1 : 0;
			beads[i].nb = na ? 0 : 1;
		}
		*out = beads;
		return n;
	}
	set_masks(a, na);
	set_masks(b, nb);
	find_anchors(a, na, b, nb);
	ma = median_chars(a, na);
	mb = median_chars(b, nb);
	r0 = ma > 0 && mb > 0 ? mb / ma : 1;
	if (!gc_filled)
		gc_fill();
	/* The length ratio at each pivot block, dp given its inverse. */
	ratio = xmalloc(sizeof *ratio * na);
	center = xmalloc(sizeof *center * (na + 2));
	for (i = 0; i < na; i++)
		ratio[i] = 1 / r0;
	for (i = 0; i <= na; i++)
		center[i] = (long)((double)i * nb / na);
	w = band(na, nb);
	n = dp(a, na, b, nb, ratio, center, w, &beads);
	/* Second pass, in a band around the first path, with the length
	 * ratios of each stretch, unless they all agree with the first. */
	local_ratios(a, na, b, beads, n, r0, ratio);
	for (i = 0; i < na && fabs(ratio[i] / r0 - 1) < 0.05; i++)
		;
	if (i == na) {
		*out = beads;
	} else {
		i = follow_path(beads, n, na, center);
		free(beads);
		for (k = 0; k < na; k++)
			ratio[k] = 1 / ratio[k];
		n = dp(a, na, b, nb, ratio, center, i < w ? i : w, out);
	}
	free(ratio);
	free(center);
	return n;
}

/* The aligner's items for language slot l's blocks. */
static struct align_item *
items_of(const struct doc *doc, int l)
{
	struct align_item *items = xcalloc(doc->nseq[l] + 1, sizeof *items);
	size_t i;

	for (i = 0; i < doc->nseq[l]; i++) {
		const struct block *bl = &doc->blocks[doc->seq[l][i]];
		struct align_item *it = &items[i];
		size_t mark;

		it->chars = bl->chars;
		it->kind = bl->kind;
		it->key = copy_key(doc, doc->seq[l][i]);
		it->noprose = !bl->prose;
		/* An item's number is structure: only the numbers after it. */
		mark = align_item_mark(doc->files[bl->file].data + bl->off, bl->len);
		it->item = mark > 0;
		align_numbers(it, doc->files[bl->file].data + bl->off + mark, bl->len - mark);
		/* A heading's numbers, in order, tell its anchor. */
		if (it->kind != BLOCK_PARAGRAPH)
			qsort(it->num, it->nnum, sizeof it->num[0], cmp_u32);
	}
	return items;
}

static void
add_row(struct doc *doc, size_t *cap, const size_t *start, const size_t *end)
{
	int l, nl = doc->nlangs;
	size_t cap2 = *cap;

	doc->row_start = xgrow(doc->row_start, cap, (doc->nrows + 1) * nl,
	    sizeof *doc->row_start);
	doc->row_count = xgrow(doc->row_count, &cap2, (doc->nrows + 1) * nl,
	    sizeof *doc->row_count);
	for (l = 0; l < nl; l++) {
		doc->row_start[doc->nrows * nl + l] = start[l];
		doc->row_count[doc->nrows * nl + l] = end[l] - start[l];
	}
	doc->nrows++;
}

/*
 * Merge the alignments of every language with the first into rows: a row
 * ends at a boundary that all alignments share; blocks that only one
 * language has at such a boundary get rows of their own.
 */
void
align_doc(struct doc *doc)
{
	int nl = doc->nlangs, l;
	size_t na, i, cap = 0;
	struct bead **beads;
	size_t *nbeads, *k, *pa, *pb, *start, *end;
	struct align_item *ia;

	if (doc->aligned)
		return;
	doc->nrows = 0;
	free(doc->row_fixed);
	doc->row_fixed = NULL;
	if (nl == 0)
		return;
	na = doc->nseq[0];
	beads = xcalloc(nl, sizeof *beads);
	/* Per language: its beads, the next bead, the blocks of the first
	 * language and of its own the beads so far take, and a row's. */
	nbeads = xcalloc(6 * (size_t)nl, sizeof *nbeads);
	k = nbeads + nl;
	pa = k + nl;
	pb = pa + nl;
	start = pb + nl;
	end = start + nl;
	ia = items_of(doc, 0);
	for (l = 1; l < nl; l++) {
		struct align_item *ib = items_of(doc, l);

		nbeads[l] = align_pair(ia, na, ib, doc->nseq[l], &beads[l]);
		free(ib);
	}
	free(ia);
	i = 0;
	for (;;) {
		size_t e;
		int changed;

		/* Blocks only one language has, at this boundary. */
		for (l = 1; l < nl; l++)
			while (k[l] < nbeads[l] && beads[l][k[l]].na == 0) {
				int m;

				for (m = 0; m < nl; m++)
					start[m] = end[m] = m == 0 ? i : pb[m];
				end[l] = pb[l] + beads[l][k[l]].nb;
				pb[l] = end[l];
				k[l]++;
				add_row(doc, &cap, start, end);
			}
		if (i >= na)
			break;
		e = i + 1;
		for (l = 0; l < nl; l++)
			start[l] = l == 0 ? i : pb[l];
		do {
			changed = 0;
			for (l = 1; l < nl; l++) {
				while (pa[l] < e && k[l] < nbeads[l]) {
					pa[l] += beads[l][k[l]].na;
					pb[l] += beads[l][k[l]].nb;
					k[l]++;
				}
				if (pa[l] > e) {
					e = pa[l];
					changed = 1;
				}
			}
		} while (changed);
		end[0] = e;
		for (l = 1; l < nl; l++)
			end[l] = pb[l];
		add_row(doc, &cap, start, end);
		i = e;
	}
	for (l = 0; l < nl; l++)
		free(beads[l]);
	free(beads);
	free(nbeads);
	doc->aligned = 1;
	if (doc->fixes)
		doc->fixes_left_out = fix_apply(doc, doc->fixes);
}
