/* SPDX-License-Identifier: MIT */
/* pdftotext's lines laid out: reading order, columns, page furniture and
 * footnotes. */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "pdf-private.h"
#include "xalloc.h"

/*
 * The model: pdftotext gives pages of flows of blocks of lines of words,
 * each with its box (points, y growing down the page), in its reading
 * order (column by column).  Each line becomes a struct pline; the body
 * size is the line height that carries the most text.  Lines near the
 * top or bottom edge that recur at the same height on most pages, or on a
 * run of pages (digits counted as one, so a changing page number still
 * matches), and page numbers there, are furniture.  Lines smaller than
 * the body below a page's body text are its footnotes, each a block after
 * the paragraph that holds its marker, else after its page's run.  The
 * rest are grouped into paragraphs: a new one starts at a change of size, a wider gap than the
 * body's usual one, a line indented in a document whose paragraphs are
 * indented, or after a short line; a column or page break ends a
 * paragraph only when such a sign is there too.
 */

/* A page with more lines than this takes its columns from pdftotext's
 * blocks alone (the column search compares every pair of lines). */
enum { COLUMN_LINES = 3000 };

/* --- reading order -------------------------------------------------------- */

/* A block of pdftotext's on a page, and where it comes in reading order. */
struct pblock {
	double x0, x1, y0;
	uint32_t block;
	long key;		/* 2 × the spanning blocks above it, +1 if it spans */
	int furniture;		/* all its lines are page furniture */
	int band;		/* its column, -1 when it spans them */
	size_t order;
};

static int
cmp_pblock(const void *a, const void *b)
{
	const struct pblock *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	if (x->band != y->band)
		return x->band < y->band ? -1 : 1;
	if (x->y0 != y->y0)
		return x->y0 < y->y0 ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

struct span {
	double x0, x1;
};

static int
cmp_span(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	return x->x0 < y->x0 ? -1 : x->x0 > y->x0;
}

/* The blocks of a page, bl[0..nb), put in reading order: the blocks
 * narrower than 60% of the text's width make the columns (their spans,
 * merged where they overlap; page furniture left out), read left to right, each top to bottom; a
 * block that spans the columns ends the run above it.  A page of one
 * column keeps pdftotext's order (returns 0). */
static int
order_blocks(struct pblock *bl, size_t nb)
{
	double left = bl[0].x0, right = bl[0].x1, narrow;
	struct span *band = xmalloc(sizeof *band * (nb + 1));
	size_t i, j, n = 0, bands = 0;

	for (i = 0; i < nb; i++) {
		left = fmin(left, bl[i].x0);
		right = fmax(right, bl[i].x1);
	}
	narrow = 0.6 * (right - left);
	for (i = 0; i < nb; i++)
		if (bl[i].x1 - bl[i].x0 < narrow && !bl[i].furniture)
			band[n++] = (struct span){ bl[i].x0, bl[i].x1 };
	qsort(band, n, sizeof *band, cmp_span);
	for (i = 0; i < n; i++)
		if (bands && band[i].x0 <= band[bands - 1].x1)
			band[bands - 1].x1 = fmax(band[bands - 1].x1, band[i].x1);
		else
			band[bands++] = band[i];
	if (bands < 2) {
		free(band);
		return 0;
	}
	for (i = 0; i < nb; i++) {
		bl[i].band = -1;
		if (bl[i].x1 - bl[i].x0 < narrow)
			for (j = 0; j < bands; j++)
				if (bl[i].x0 >= band[j].x0 && bl[i].x0 <= band[j].x1)
					bl[i].band = (int)j;
	}
	free(band);
	for (i = 0; i < nb; i++) {
		long above = 0;

		for (j = 0; j < nb; j++)
			above += bl[j].band < 0 && bl[j].y0 < bl[i].y0;
		bl[i].key = 2 * above + (bl[i].band < 0);
	}
	qsort(bl, nb, sizeof *bl, cmp_pblock);
	return 1;
}

/* Each page's lines in reading order (order_blocks). */
static void
read_order(struct layout *L)
{
	size_t p, i, j;

	for (p = 0; p < L->npages; p++) {
		struct pdf_page *pg = &L->pages[p];
		struct pline *v = L->v + pg->first, *sorted;
		struct pblock *bl;
		size_t nb = 0, k;

		if (pg->n < 2 || pg->n > COLUMN_LINES)
			continue;
		bl = xmalloc(sizeof *bl * pg->n);
		for (i = 0; i < pg->n; i = j) {
			struct pblock *b = &bl[nb];

			b->x0 = v[i].x0;
			b->x1 = v[i].x1;
			b->y0 = v[i].y0;
			b->block = v[i].block;
			b->order = nb++;
			b->key = 0;
			b->furniture = 1;
			for (j = i; j < pg->n && v[j].block == v[i].block; j++) {
				b->furniture &= v[j].drop;
				b->x0 = fmin(b->x0, v[j].x0);
				b->x1 = fmax(b->x1, v[j].x1);
				b->y0 = fmin(b->y0, v[j].y0);
			}
		}
		for (i = 0; i < pg->n; i++)
			v[i].band = -1;
		if (nb < 2 || !order_blocks(bl, nb)) {
			free(bl);
			continue;
		}
		sorted = xmalloc(sizeof *sorted * pg->n);
		for (k = 0, j = 0; k < nb; k++)
			for (i = 0; i < pg->n; i++)
				if (v[i].block == bl[k].block) {
					sorted[j] = v[i];
					sorted[j++].band = bl[k].band;
				}
		memcpy(v, sorted, sizeof *v * j);
		free(sorted);
		free(bl);
	}
}

/* --- the body size and the columns ------------------------------------- */

struct weight {
	long key;
	size_t w;
};

static int
cmp_weight(const void *a, const void *b)
{
	const struct weight *x = a, *y = b;

	return x->key < y->key ? -1 : x->key > y->key;
}

/* The value (in quarters of a point) that carries the most weight. */
static double
heaviest(struct weight *v, size_t n, double fallback)
{
	size_t i, j, best = 0, sum;
	long key = 0;

	if (!n)
		return fallback;
	qsort(v, n, sizeof *v, cmp_weight);
	for (i = 0; i < n; i = j) {
		for (sum = 0, j = i; j < n && v[j].key == v[i].key; j++)
			sum += v[j].w;
		if (sum > best) {
			best = sum;
			key = v[i].key;
		}
	}
	return key / 4.0;
}

static void
find_body(struct layout *L)
{
	struct weight *v = xmalloc(sizeof *v * (L->n + 1));
	size_t i, k = 0;

	for (i = 0; i < L->n; i++)
		v[i] = (struct weight){ lround(height(&L->v[i]) * 4), L->v[i].len };
	L->body = heaviest(v, L->n, 10);
	if (L->body < 1)
		L->body = 10;
	/* The usual gap between two lines of one of pdftotext's blocks. */
	for (i = 1; i < L->n; i++) {
		const struct pline *p = &L->v[i - 1], *l = &L->v[i];
		double gap = l->y0 - p->y1;

		if (l->block == p->block && l->page == p->page && gap > -0.2 * L->body &&
		    fabs(height(l) - L->body) < 0.15 * L->body)
			v[k++] = (struct weight){ lround(gap * 4), 1 };
	}
	L->gap = heaviest(v, k, 0.3 * L->body);
	free(v);
}

/* Each line's column: the lines of the page whose blocks start near its
 * block's left edge, from the leftmost of them to the rightmost end. */
static void
find_columns(struct layout *L)
{
	size_t p, i, j, b;

	for (i = 0; i < L->n; i = j) {
		double left = L->v[i].x0, right = L->v[i].x1;

		for (j = i; j < L->n && L->v[j].block == L->v[i].block &&
		    L->v[j].page == L->v[i].page; j++) {
			left = fmin(left, L->v[j].x0);
			right = fmax(right, L->v[j].x1);
		}
		for (b = i; b < j; b++) {
			L->v[b].cl = left;
			L->v[b].cr = right;
		}
	}
	for (p = 0; p < L->npages; p++) {
		const struct pdf_page *pg = &L->pages[p];
		double *cl, *cr;

		if (pg->n > COLUMN_LINES)
			continue;
		cl = xmalloc(sizeof *cl * (pg->n + 1));
		cr = xmalloc(sizeof *cr * (pg->n + 1));
		for (i = 0; i < pg->n; i++) {
			const struct pline *l = &L->v[pg->first + i];

			cl[i] = l->cl;
			cr[i] = l->cr;
			for (j = 0; j < pg->n; j++) {
				const struct pline *o = &L->v[pg->first + j];

				if (fabs(o->cl - l->cl) > 3 * L->body || o->drop)
					continue;
				cl[i] = fmin(cl[i], o->cl);
				cr[i] = fmax(cr[i], o->x1);
			}
		}
		for (i = 0; i < pg->n; i++) {
			L->v[pg->first + i].cl = cl[i];
			L->v[pg->first + i].cr = cr[i];
		}
		free(cl);
		free(cr);
	}
}

/* --- page furniture and footnotes ---------------------------------------- */

struct edge_key {
	uint32_t hash;
	long y;
	uint32_t page;
	size_t line;
};

static int
cmp_edge(const void *a, const void *b)
{
	const struct edge_key *x = a, *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	if (x->y != y->y)
		return x->y < y->y ? -1 : 1;
	return x->page < y->page ? -1 : x->page > y->page;
}

static const struct pdf_page *size_base;

static int
cmp_page_size(const void *a, const void *b)
{
	const struct pdf_page *x = &size_base[*(const size_t *)a], *y = &size_base[*(const size_t *)b];

	if (lround(x->h) != lround(y->h))
		return lround(x->h) < lround(y->h) ? -1 : 1;
	return (lround(x->w) > lround(y->w)) - (lround(x->w) < lround(y->w));
}

/* Each page's printed extent: from the highest to the lowest line of all
 * the pages of its size (a page may be larger than what was set on it, and
 * a landscape page among portrait ones has its own). */
static void
find_extents(struct layout *L)
{
	size_t *order = xmalloc(sizeof *order * (L->npages + 1));
	size_t p, i, j;

	for (p = 0; p < L->npages; p++) {
		struct pdf_page *pg = &L->pages[p];

		order[p] = p;
		pg->top = pg->h;
		pg->bottom = 0;
		for (i = pg->first; i < pg->first + pg->n; i++) {
			pg->top = fmin(pg->top, L->v[i].y0);
			pg->bottom = fmax(pg->bottom, L->v[i].y1);
		}
	}
	size_base = L->pages;
	qsort(order, L->npages, sizeof *order, cmp_page_size);
	for (i = 0; i < L->npages; i = j) {
		double top = L->pages[order[i]].top, bottom = L->pages[order[i]].bottom;

		for (j = i + 1; j < L->npages && cmp_page_size(&order[i], &order[j]) == 0; j++) {
			top = fmin(top, L->pages[order[j]].top);
			bottom = fmax(bottom, L->pages[order[j]].bottom);
		}
		for (p = i; p < j; p++) {
			L->pages[order[p]].top = top;
			L->pages[order[p]].bottom = bottom;
		}
	}
	free(order);
}

/* Whether line l stands near the top or bottom edge of its page's printed
 * extent, within EDGE of its height. */
static int
at_edge(const struct layout *L, const struct pline *l)
{
	const struct pdf_page *pg = &L->pages[l->page - 1];
	double band = EDGE * (pg->bottom - pg->top);

	return l->y1 <= pg->top + band || l->y0 >= pg->bottom - band;
}

/* Whether s[0..n) is a page number: "7", "- 7 -", "Page 7 of 20",
 * "Стр. 7", "vii", "7/20". */
static int
is_page_number(const char *s, size_t n)
{
	static const char *const words[] = { "page", "pages", "p.", "of", "стр.", "стр",
		"страница", "от", "seite", "von", "página", "de" };
	size_t i = 0;
	int digits = 0, roman = 0, tokens = 0;

	while (i < n) {
		size_t e, a, z, k;

		while (i < n && s[i] == ' ')
			i++;
		if (i == n)
			break;
		for (e = i; e < n && s[e] != ' '; e++)
			;
		tokens++;
		for (a = i; a < e && strchr("-|()[]/", s[a]); a++)
			;
		for (z = e; z > a && strchr("-|()[]/", s[z - 1]); z--)
			;
		/* en and em dashes around */
		while (z - a >= 3 && (memcmp(s + a, "\xE2\x80\x93", 3) == 0 ||
		    memcmp(s + a, "\xE2\x80\x94", 3) == 0))
			a += 3;
		while (z - a >= 3 && (memcmp(s + z - 3, "\xE2\x80\x93", 3) == 0 ||
		    memcmp(s + z - 3, "\xE2\x80\x94", 3) == 0))
			z -= 3;
		if (a < z) {
			size_t d = 0, r = 0, slash = 0;

			for (k = a; k < z; k++) {
				d += s[k] >= '0' && s[k] <= '9';
				r += strchr("ivxlcIVXLC", s[k]) != NULL;
				slash += s[k] == '/';
			}
			/* 7, 7. or 7/20, nothing else in it */
			if (d && (d == z - a || (d + 1 == z - a && strchr("/.", s[z - 1])) ||
			    (slash == 1 && d + 1 == z - a)))
				digits++;
			else if (r == z - a && r <= 6)
				roman++;
			else {
				int known = 0;

				for (k = 0; k < sizeof words / sizeof *words; k++)
					if (strlen(words[k]) == z - a &&
					    strncasecmp(s + a, words[k], z - a) == 0)
						known = 1;
				if (!known)
					return 0;
			}
		}
		i = e;
	}
	return digits > 0 || (roman == 1 && tokens == 1);
}

/* Whether the pages of keys k[0..n) (in page order) hold a run of three,
 * each page within two of the one before: a chapter's running header, on
 * every page of it or on every other one. */
static int
page_run(const struct edge_key *k, size_t n)
{
	size_t i, run = 1;

	for (i = 1; i < n && run < 3; i++)
		if (k[i].page == k[i - 1].page)
			continue;
		else if (k[i].page <= k[i - 1].page + 2)
			run++;
		else
			run = 1;
	return run >= 3;
}

/* Whether no line of l's page stands beyond it, above or below (but for
 * those beside it, on its baseline): a page number is the last thing on
 * the page, or the first, where a paragraph's last line "2025." is not. */
static int
outermost(const struct layout *L, const struct pline *l)
{
	const struct pdf_page *pg = &L->pages[l->page - 1];
	size_t i;
	int above = 0, below = 0;

	for (i = pg->first; i < pg->first + pg->n && !(above && below); i++) {
		const struct pline *o = &L->v[i];

		if (o->drop)
			continue;	/* a header or footer beyond it */
		above |= o->y1 <= l->y0;
		below |= o->y0 >= l->y1;
	}
	return !above || !below;
}

/* Drop what recurs at the same height near the edges of most pages, or of
 * a run of pages (page_run: a header that changes with the chapter), and
 * page numbers there, outermost on their page. */
static void
drop_furniture(struct layout *L)
{
	struct edge_key *k = xmalloc(sizeof *k * (L->n + 1));
	size_t nk = 0, i, j, m;
	size_t most = L->npages / 2 > 2 ? (L->npages + 1) / 2 : 2;

	find_extents(L);
	for (i = 0; i < L->n; i++) {
		struct pline *l = &L->v[i];
		const char *s = L->text.s + l->off;
		uint32_t h = 2166136261u;

		if (!at_edge(L, l))
			continue;
		for (j = 0; j < l->len; j++) {
			unsigned char c = (unsigned char)s[j];

			if (c >= '0' && c <= '9') {
				while (j + 1 < l->len && s[j + 1] >= '0' && s[j + 1] <= '9')
					j++;
				c = '#';
			}
			h = (h ^ c) * 16777619u;
		}
		k[nk++] = (struct edge_key){ h, lround(l->y0 / 6), l->page, i };
	}
	qsort(k, nk, sizeof *k, cmp_edge);
	for (i = 0; i < nk; i = j) {
		size_t pages = 1;

		for (j = i + 1; j < nk && k[j].hash == k[i].hash && k[j].y == k[i].y; j++)
			pages += k[j].page != k[j - 1].page;
		if (L->npages < 2 || (pages < most && !page_run(k + i, j - i)))
			continue;
		for (m = i; m < j; m++)
			L->v[k[m].line].drop = 1;
	}
	/* then page numbers, once the headers and footers beyond them are out */
	for (i = 0; i < nk; i++) {
		struct pline *l = &L->v[k[i].line];

		if (!l->drop && is_page_number(L->text.s + l->off, l->len) && outermost(L, l))
			l->drop = 1;
	}
	free(k);
}

/* A page's lines smaller than its body text and below all of it in their
 * column are its footnotes. */
static void
find_footnotes(struct layout *L)
{

	size_t p, i, j;

	for (p = 0; p < L->npages; p++) {
		const struct pdf_page *pg = &L->pages[p];

		if (pg->n > COLUMN_LINES)
			continue;
		for (i = pg->first; i < pg->first + pg->n; i++) {
			struct pline *l = &L->v[i];
			double bottom = -1;

			if (l->drop || height(l) >= 0.85 * L->body)
				continue;
			/* the body text above it, in its column */
			for (j = pg->first; j < pg->first + pg->n; j++) {
				const struct pline *o = &L->v[j];

				if (!o->drop && height(o) >= 0.9 * L->body && o->x0 < l->x1 &&
				    o->x1 > l->x0)
					bottom = fmax(bottom, o->y1);
			}
			if (bottom >= 0 && l->y0 >= bottom - 0.1 * L->body)
				l->foot = 1;
		}
	}
}

/* --- columns in two languages ------------------------------------------- */

/* The language the text of the kept lines of column band is clearly in,
 * or -1. */
static int
band_lang(const struct layout *L, int band)
{
	int cand[LANG_MAX], n = lang_count(), i, best;
	double *score;
	struct buf t = {0};
	size_t j;

	for (j = 0; j < L->n; j++)
		if (L->v[j].band == band && !L->v[j].drop && !L->v[j].foot) {
			buf_add(&t, L->text.s + L->v[j].off, L->v[j].len);
			buf_addc(&t, '\n');
		}
	if (n > LANG_MAX)
		n = LANG_MAX;
	for (i = 0; i < n; i++)
		cand[i] = i;
	score = xcalloc((size_t)n + 1, sizeof *score);
	best = n && t.len ? lang_score(t.s, t.len, cand, n, score) : 0;
	best = best ? lang_clear(score, n) : -1;
	free(score);
	buf_free(&t);
	return best;
}

/* The first kept line of the right column, or L->n. */
static size_t
first_right(const struct layout *L)
{
	size_t i;

	for (i = 0; i < L->n; i++)
		if (L->v[i].band == 1 && !L->v[i].drop && !L->v[i].foot)
			break;
	return i;
}

/*
 * A document whose pages are two columns in two languages, each column
 * one version running on in the same column of the next page (a bilingual
 * handout, diglot's own side by side): its lines put as the left column's
 * through all pages, then the right one's, so that each version reads as
 * one text and a paragraph that goes on at the next page's top is one.
 * Lines across both columns (titles) go with the left one's.
 */
static void
parallel_columns(struct layout *L)
{
	struct pline *sorted;
	size_t i, j, in_columns = 0, seam;
	double right = -1;
	int l0, l1;

	for (i = 0; i < L->n; i++) {
		if (L->v[i].band > 1)
			return;
		in_columns += L->v[i].band >= 0;
	}
	if (in_columns * 2 < L->n)
		return;
	l0 = band_lang(L, 0);
	l1 = band_lang(L, 1);
	if (l0 < 0 || l1 < 0 || l0 == l1)
		return;
	/* A line in no column (a page where one version runs on alone) goes
	 * with the right one when it starts where that column's lines do. */
	for (i = 0; i < L->n; i++)
		if (L->v[i].band == 1 && (right < 0 || L->v[i].x0 < right))
			right = L->v[i].x0;
	for (i = 0; i < L->n; i++)
		if (L->v[i].band < 0 && L->v[i].x0 >= right - L->body)
			L->v[i].band = 1;
	seam = first_right(L);
	sorted = xmalloc(sizeof *sorted * L->n);
	for (i = 0, j = 0; i < L->n; i++)
		if (L->v[i].band != 1)
			sorted[j++] = L->v[i];
	for (i = 0; i < L->n; i++)
		if (L->v[i].band == 1) {
			sorted[j] = L->v[i];
			/* the other version starts a block of its own */
			sorted[j++].seam = i == seam;
		}
	memcpy(L->v, sorted, sizeof *sorted * L->n);
	free(sorted);
}

void
pdf_lay_out(struct layout *L, struct form_out *o)
{
	find_body(L);
	drop_furniture(L);
	read_order(L);
	find_columns(L);
	find_footnotes(L);
	parallel_columns(L);
	pdf_paragraphs(L, o);
}
