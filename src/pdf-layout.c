/* SPDX-License-Identifier: MIT */
/* pdftotext's word boxes as paragraphs: reading order, page furniture,
 * footnotes, hyphens at line ends and headings. */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/SAX2.h>

#include "doc.h"
#include "form.h"
#include "pdf.h"
#include "text.h"
#include "xalloc.h"

/*
 * The model: pdftotext gives pages of flows of blocks of lines of words,
 * each with its box (points, y growing down the page), in its reading
 * order (column by column).  Each line becomes a struct pline; the body
 * size is the line height that carries the most text.  Lines near the
 * top or bottom edge that recur at the same height on most pages (digits
 * counted as one, so a changing page number still matches), and page
 * numbers there, are furniture.  Lines smaller than the body below a
 * page's body text are its footnotes, each a block after the paragraph
 * that holds its marker, else after its page's run.  The rest are grouped into
 * paragraphs: a new one starts at a change of size, a wider gap than the
 * body's usual one, a line indented in a document whose paragraphs are
 * indented, or after a short line; a column or page break ends a
 * paragraph only when such a sign is there too.
 */

/* The top and bottom share of a page where running headers and footers
 * stand; a page's size when pdftotext gives none. */
#define EDGE 0.12
#define PAGE_W 612.0
#define PAGE_H 792.0

/* A page with more lines than this takes its columns from pdftotext's
 * blocks alone (the column search compares every pair of lines). */
enum { COLUMN_LINES = 3000 };

struct pline {
	double x0, y0, x1, y1;
	double cl, cr;		/* its column's left and right edges */
	size_t off, len;	/* its text in layout.text */
	uint32_t page, block;	/* 1-based page; pdftotext's block, counted */
	uint32_t src;		/* its line in pdftotext's text */
	unsigned char drop;	/* page furniture */
	unsigned char foot;	/* a footnote's line */
};

struct pdf_page {
	double w, h;
	size_t first, n;	/* its lines */
};

/* A word of the document, folded, for the hyphen decisions. */
struct word {
	uint32_t hash;
	size_t off, len;	/* in layout.folded */
};

struct layout {
	struct pline *v;
	size_t n, cap;
	struct pdf_page *pages;
	size_t npages, pcap;
	struct buf text;
	double body;		/* the body's line height */
	double gap;		/* its usual gap between lines */
	int indents;		/* its paragraphs start with an indented line */
	struct buf folded;
	struct word *words;
	size_t nwords, wcap;
};

static double
height(const struct pline *l)
{
	return l->y1 - l->y0;
}

static struct pdf_page *
new_page(struct layout *L, double w, double h)
{
	struct pdf_page *p;

	L->pages = xgrow(L->pages, &L->pcap, L->npages + 1, sizeof *L->pages);
	p = &L->pages[L->npages++];
	p->w = w > 0 ? w : PAGE_W;
	p->h = h > 0 ? h : PAGE_H;
	p->first = L->n;
	p->n = 0;
	return p;
}

/* Whether line l, just read, goes on line p, the one before it in its
 * block: pdftotext splits a justified line at its widest gaps into lines
 * of their own. */
static int
continues_line(const struct pline *p, const struct pline *l)
{
	double overlap = fmin(p->y1, l->y1) - fmax(p->y0, l->y0);
	double h = fmin(p->y1 - p->y0, l->y1 - l->y0);

	return p->off + p->len == l->off && p->block == l->block && overlap > 0.5 * h &&
	    l->x0 >= p->x1 - 1;
}

/* --- reading pdftotext's XHTML ----------------------------------------- */

/* The parse, read as it comes (SAX: no tree of the whole document). */
struct pdf_parse {
	xmlParserCtxt *ctxt;
	struct layout L;
	int depth;		/* the elements open */
	int line_depth;		/* the open line's depth; 0: none open */
	int word_depth;		/* the open word's */
	int any;		/* an element was read */
	uint32_t block;		/* pdftotext's blocks so far */
	struct pline line;	/* the open line */
	int words;		/* its words so far */
	size_t word_start;	/* where the open word's text starts */
	double wx0, wy0, wx1, wy1;	/* its box */
};

/* The number in attribute name of SAX2's attrs[0..n) (five pointers
 * each: name, prefix, URI, value, end), 0 when it has none or no number. */
static double
num_attr(const xmlChar **attrs, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++, attrs += 5) {
		char v[64];
		size_t k;
		double d;

		if (xmlStrcasecmp(attrs[0], (const xmlChar *)name) != 0)
			continue;
		k = (size_t)(attrs[4] - attrs[3]);
		if (k >= sizeof v)
			k = sizeof v - 1;
		memcpy(v, attrs[3], k);
		v[k] = '\0';
		d = strtod(v, NULL);
		return isfinite(d) && fabs(d) < 1e7 ? d : 0;
	}
	return 0;
}

static int
named(const xmlChar *localname, const char *name)
{
	return strcmp((const char *)localname, name) == 0;
}

/* The open line, ended: kept as a line, or joined to the line before it
 * that it continues; left out when it has no words. */
static void
end_line(struct pdf_parse *p)
{
	struct layout *L = &p->L;
	struct pline *l;
	size_t start = p->line.off;

	if (!p->words) {
		L->text.len = start;
		return;
	}
	buf_add(&L->text, "", 0);
	L->v = xgrow(L->v, &L->cap, L->n + 1, sizeof *L->v);
	l = &L->v[L->n];
	*l = p->line;
	l->len = L->text.len - start;
	l->page = (uint32_t)L->npages;
	l->block = p->block;
	if (L->pages[L->npages - 1].n && continues_line(&L->v[L->n - 1], l)) {
		struct pline *prev = &L->v[L->n - 1];

		buf_addc(&L->text, ' ');
		memmove(L->text.s + start + 1, L->text.s + start, l->len);
		L->text.s[start] = ' ';
		prev->len += l->len + 1;
		prev->x1 = fmax(prev->x1, l->x1);
		prev->y0 = fmin(prev->y0, l->y0);
		prev->y1 = fmax(prev->y1, l->y1);
		return;
	}
	L->pages[L->npages - 1].n++;
	L->n++;
}

/* The open word, ended: its box added to its line's, or left out when it
 * has no text. */
static void
end_word(struct pdf_parse *p)
{
	struct pline *l = &p->line;

	if (p->L.text.len == p->word_start) {
		p->L.text.len -= p->words > 0;	/* its space */
		return;
	}
	if (p->wx1 < p->wx0)
		p->wx1 = p->wx0;
	if (p->wy1 < p->wy0)
		p->wy1 = p->wy0;
	if (!p->words || p->wx0 < l->x0)
		l->x0 = p->wx0;
	if (!p->words || p->wy0 < l->y0)
		l->y0 = p->wy0;
	if (!p->words || p->wx1 > l->x1)
		l->x1 = p->wx1;
	if (!p->words || p->wy1 > l->y1)
		l->y1 = p->wy1;
	p->words++;
}

/*
 * An element opens.  Pages, blocks and lines are pdftotext's; a line's
 * words are the word elements right inside it, and nothing else inside a
 * line counts.
 */
static void
start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **ns, int nattrs, int ndefaulted,
    const xmlChar **attrs)
{
	struct pdf_parse *p = ctx;
	struct layout *L = &p->L;

	(void)prefix, (void)uri, (void)nns, (void)ns, (void)ndefaulted;
	p->depth++;
	p->any = 1;
	if (p->line_depth) {
		if (!p->word_depth && p->depth == p->line_depth + 1 && named(localname, "word")) {
			p->word_depth = p->depth;
			if (p->words)
				buf_addc(&L->text, ' ');
			p->word_start = L->text.len;
			p->wx0 = num_attr(attrs, nattrs, "xMin");
			p->wy0 = num_attr(attrs, nattrs, "yMin");
			p->wx1 = num_attr(attrs, nattrs, "xMax");
			p->wy1 = num_attr(attrs, nattrs, "yMax");
		}
		return;
	}
	if (named(localname, "page")) {
		new_page(L, num_attr(attrs, nattrs, "width"), num_attr(attrs, nattrs, "height"));
	} else if (named(localname, "block")) {
		p->block++;
	} else if (named(localname, "line")) {
		if (!L->npages)
			new_page(L, 0, 0);
		p->line_depth = p->depth;
		p->words = 0;
		memset(&p->line, 0, sizeof p->line);
		p->line.off = L->text.len;
		p->line.src = (uint32_t)xmlSAX2GetLineNumber(p->ctxt);
	}
}

static void
end_element(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	struct pdf_parse *p = ctx;

	(void)localname, (void)prefix, (void)uri;
	if (p->word_depth == p->depth) {
		end_word(p);
		p->word_depth = 0;
	} else if (p->line_depth == p->depth) {
		end_line(p);
		p->line_depth = 0;
	}
	p->depth--;
}

/* Text, kept only right inside a word. */
static void
characters(void *ctx, const xmlChar *s, int n)
{
	struct pdf_parse *p = ctx;

	if (p->word_depth && p->depth == p->word_depth)
		buf_add(&p->L.text, (const char *)s, (size_t)n);
}

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
		if (nb < 2 || !order_blocks(bl, nb)) {
			free(bl);
			continue;
		}
		sorted = xmalloc(sizeof *sorted * pg->n);
		for (k = 0, j = 0; k < nb; k++)
			for (i = 0; i < pg->n; i++)
				if (v[i].block == bl[k].block)
					sorted[j++] = v[i];
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

/* Whether line l stands in its page's top or bottom edge. */
static int
at_edge(const struct layout *L, const struct pline *l)
{
	double h = L->pages[l->page - 1].h;

	return l->y1 <= EDGE * h || l->y0 >= (1 - EDGE) * h;
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
			size_t d = 0, r = 0;

			for (k = a; k < z; k++) {
				d += s[k] >= '0' && s[k] <= '9';
				r += strchr("ivxlcIVXLC", s[k]) != NULL;
			}
			if (d && (d == z - a || (d + 1 == z - a && strchr("/.", s[z - 1])) ||
			    memchr(s + a, '/', z - a)))
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

/* Drop what recurs at the same height near the edges of most pages, and
 * page numbers there. */
static void
drop_furniture(struct layout *L)
{
	struct edge_key *k = xmalloc(sizeof *k * (L->n + 1));
	size_t nk = 0, i, j, m;
	size_t most = L->npages / 2 > 2 ? (L->npages + 1) / 2 : 2;

	for (i = 0; i < L->n; i++) {
		struct pline *l = &L->v[i];
		const char *s = L->text.s + l->off;
		uint32_t h = 2166136261u;

		if (!at_edge(L, l))
			continue;
		if (is_page_number(s, l->len)) {
			l->drop = 1;
			continue;
		}
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
		if (L->npages < 2 || pages < most)
			continue;
		for (m = i; m < j; m++)
			L->v[k[m].line].drop = 1;
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

/* --- the words of the document, for hyphens ------------------------------ */

static uint32_t
hash_bytes(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static int
cmp_word(const void *a, const void *b, const char *base)
{
	const struct word *x = a, *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return memcmp(base + x->off, base + y->off, x->len);
}

static const char *sort_base;

static int
cmp_word_sort(const void *a, const void *b)
{
	return cmp_word(a, b, sort_base);
}

/* Where a word starts and ends, without the punctuation around it. */
static void
word_bounds(const char *s, size_t n, size_t *a, size_t *z)
{
	static const char lead[] = "\"'([{\xC2\xAB", trail[] = ".,;:!?\"')]}\xC2\xBB";

	*a = 0;
	*z = n;
	while (*a < *z && strchr(lead, s[*a]) && s[*a])
		++*a;
	/* “ ‘ „ and ” ’ … are three bytes */
	while (*z - *a >= 3 && (unsigned char)s[*a] == 0xE2 && (unsigned char)s[*a + 1] == 0x80 &&
	    strchr("\x9C\x98\x9E", s[*a + 2]))
		*a += 3;
	while (*z > *a && strchr(trail, s[*z - 1]) && s[*z - 1])
		--*z;
	while (*z - *a >= 3 && (unsigned char)s[*z - 3] == 0xE2 &&
	    (unsigned char)s[*z - 2] == 0x80 && strchr("\x9D\x99\xA6", s[*z - 1]))
		*z -= 3;
}

/* The folded words of every line of text, sorted. */
static void
collect_words(struct layout *L)
{
	struct buf f = {0};
	size_t i, j;

	for (i = 0; i < L->n; i++) {
		const struct pline *l = &L->v[i];
		const char *s;

		if (l->drop)
			continue;
		buf_reset(&f);
		buf_add(&f, "", 0);
		text_fold(L->text.s + l->off, l->len, &f, NULL);
		s = f.s;
		for (j = 0; j < f.len; ) {
			size_t e = j, a, z;

			while (e < f.len && s[e] != ' ')
				e++;
			word_bounds(s + j, e - j, &a, &z);
			if (z > a) {
				L->words = xgrow(L->words, &L->wcap, L->nwords + 1, sizeof *L->words);
				L->words[L->nwords++] = (struct word){ hash_bytes(s + j + a, z - a),
				    L->folded.len, z - a };
				buf_add(&L->folded, s + j + a, z - a);
			}
			j = e + 1;
		}
	}
	buf_free(&f);
	sort_base = L->folded.s;
	if (L->nwords)
		qsort(L->words, L->nwords, sizeof *L->words, cmp_word_sort);
}

/* How often the document holds word s[0..n) (folded here). */
static size_t
word_count(const struct layout *L, const char *s, size_t n)
{
	struct buf f = {0};
	struct word key;
	size_t lo = 0, hi = L->nwords, count = 0, i;

	buf_add(&f, "", 0);
	text_fold(s, n, &f, NULL);
	buf_add(&f, "", 0);
	key.hash = hash_bytes(f.s, f.len);
	key.len = f.len;
	/* (key.off is unused: the comparison below reads f.s for it) */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct word *w = &L->words[mid];
		int c = w->hash != key.hash ? (w->hash < key.hash ? -1 : 1) :
		    w->len != key.len ? (w->len < key.len ? -1 : 1) :
		    memcmp(L->folded.s + w->off, f.s, f.len);

		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < L->nwords && L->words[i].hash == key.hash &&
	    L->words[i].len == key.len &&
	    memcmp(L->folded.s + L->words[i].off, f.s, f.len) == 0; i++)
		count++;
	buf_free(&f);
	return count;
}

/* The bytes of a hyphen ending s[0..n) after a letter (-, U+00AD, U+2010),
 * or 0. */
static size_t
end_hyphen(const char *s, size_t n, int *soft)
{
	size_t k = 0;
	uint32_t uc;

	*soft = 0;
	if (n >= 2 && s[n - 1] == '-')
		k = 1;
	else if (n >= 3 && memcmp(s + n - 2, "\xC2\xAD", 2) == 0)
		k = 2, *soft = 1;
	else if (n >= 4 && memcmp(s + n - 3, "\xE2\x80\x90", 3) == 0)
		k = 3;
	if (!k)
		return 0;
	/* the character before it: a letter (not a digit, blank or dash) */
	{
		size_t i = n - k;

		while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
			i--;
		if (i == 0)
			return 0;
		i--;
		while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
			i--;
		text_next_uc(s + i, n - k - i, &uc);
	}
	if (uc < 0x80 && !((uc | 0x20) >= 'a' && (uc | 0x20) <= 'z'))
		return 0;
	return k;
}

/*
 * Whether the hyphen ending line text a[0..an) (hk bytes long) before
 * line text b[0..bn) divides one word, to be joined: yes when the joined
 * word occurs in the document; no when the hyphenated form does, when the
 * next part starts with a capital or a digit, or when both parts occur as
 * words of their own (a compound such as държави-членки); else yes.
 */
static int
join_hyphen(const struct layout *L, const char *a, size_t an, size_t hk, const char *b,
    size_t bn)
{
	struct buf w = {0};
	size_t start = an - hk, e, x, z;
	uint32_t uc;
	int join;

	while (start > 0 && a[start - 1] != ' ')
		start--;
	for (e = 0; e < bn && b[e] != ' '; e++)
		;
	word_bounds(a + start, an - hk - start, &x, &z);
	if (z == 0 || x >= z)
		return 1;
	start += x;
	text_next_uc(b, bn, &uc);
	if ((uc >= 'A' && uc <= 'Z') || (uc >= '0' && uc <= '9') ||
	    (uc >= 0x410 && uc <= 0x42F))
		return 0;
	word_bounds(b, e, &x, &z);
	if (x || z == 0)
		return 1;
	buf_add(&w, a + start, an - hk - start);
	buf_add(&w, b, z);
	if (word_count(L, w.s, w.len) > 0) {
		buf_free(&w);
		return 1;
	}
	buf_reset(&w);
	buf_add(&w, a + start, an - start);
	buf_add(&w, b, z);
	join = word_count(L, w.s, w.len) == 0 &&
	    !(word_count(L, a + start, an - hk - start) > 0 && word_count(L, b, z) > 1);
	buf_free(&w);
	return join;
}

/* --- paragraphs ---------------------------------------------------------- */

/* The length of a section number at the start of s ("1. ", "1.2 ", "IV. "),
 * 0 when there is none. */
static size_t
numbering(const char *s, size_t n)
{
	size_t i = 0, d;

	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i > 0 && i <= 3 && i < n && s[i] == '.') {
		while (i < n && s[i] == '.') {
			for (d = ++i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
				;
			if (i == d)
				break;
		}
		return i < n && s[i] == ' ' ? i + 1 : 0;
	}
	for (i = 0; i < n && i < 6 && strchr("IVXLC", s[i]) && s[i]; i++)
		;
	return i > 0 && i + 1 < n && s[i] == '.' && s[i + 1] == ' ' ? i + 2 : 0;
}

static int
ends_sentence(const char *s, size_t n)
{
	while (n && strchr("\"')]\xBB\x9D", s[n - 1]) && s[n - 1])
		n--;
	return n && strchr(".!?:;", s[n - 1]);
}

/* Whether line l begins indented in its column (a paragraph's first line),
 * its next line (or NULL) not so: a hanging indent is no start. */
static int
indented(const struct layout *L, const struct pline *l, const struct pline *next)
{
	if (l->x0 <= l->cl + 0.6 * L->body || l->x0 > l->cl + 6 * L->body)
		return 0;
	return !next || next->page != l->page || next->y0 < l->y0 ||
	    fabs(next->x0 - l->x0) > 0.3 * L->body;
}

/* Whether paragraphs start with an indented line: two lines or more are
 * indented above a line at the column's edge. */
static void
find_indents(struct layout *L)
{
	size_t i, count = 0;

	for (i = 0; i + 1 < L->n; i++) {
		const struct pline *l = &L->v[i], *nx = &L->v[i + 1];

		if (!l->drop && !l->foot && indented(L, l, nx) && nx->page == l->page &&
		    nx->y0 > l->y0 && nx->x0 <= nx->cl + 0.3 * L->body)
			count++;
	}
	L->indents = count >= 2;
}

/* Whether kept line l (next after it, or NULL) starts a paragraph after
 * kept line p. */
static int
starts_block(const struct layout *L, const struct pline *p, const struct pline *l,
    const struct pline *next)
{
	const char *ps = L->text.s + p->off, *ls = L->text.s + l->off;
	double body = L->body;
	int moved;

	if (fabs(height(l) - height(p)) > 0.15 * body)
		return 1;
	if (numbering(ls, l->len) && ends_sentence(ps, p->len))
		return 1;
	if (p->x1 < p->cr - 2.5 * body)
		return 1;	/* the line before ended short */
	if (L->indents && indented(L, l, next))
		return 1;
	/* A column or page break between them. */
	moved = l->page != p->page || l->y0 < p->y0 - 0.5 * body || l->x0 >= p->x1 ||
	    l->cr <= p->cl;
	if (!moved)
		return l->y0 - p->y1 > L->gap + 0.3 * body;
	return !L->indents && ends_sentence(ps, p->len);
}

/* Whether footnote line l starts a note of its own after line p. */
static int
starts_note(const struct layout *L, const struct pline *p, const struct pline *l)
{
	const char *s = L->text.s + l->off;
	size_t i;

	if (l->page != p->page || l->y0 - p->y1 > L->gap + 0.3 * L->body)
		return 1;
	for (i = 0; i < l->len && s[i] >= '0' && s[i] <= '9'; i++)
		;
	if (i > 0 && i < 4 && (i == l->len || strchr(" .)", s[i])))
		return 1;
	return s[0] == '*' || (l->len >= 3 && memcmp(s, "\xE2\x80\xA0", 3) == 0);
}

/* Whether line text a ends and b starts with a character of a script that
 * writes words without spaces (no blank between them then). */
static int
wide_join(const char *a, size_t an, const char *b, size_t bn)
{
	uint32_t x, y;
	size_t i = an;

	if (!an || !bn)
		return 0;
	while (i > 0 && ((unsigned char)a[i - 1] & 0xC0) == 0x80)
		i--;
	if (i > 0)
		i--;
	text_next_uc(a + i, an - i, &x);
	text_next_uc(b, bn, &y);
	return text_is_wide(x) && text_is_wide(y);
}

/* The lines idx[0..n) as one block into o: hyphens joined, its kind
 * from its size and numbering. */
static void
emit(struct layout *L, struct form_out *o, const size_t *idx, size_t n, int note,
    struct buf *t)
{
	const struct pline *first = &L->v[idx[0]];
	double h = 0;
	size_t i, words = 1;
	int kind = BLOCK_PARAGRAPH;

	buf_reset(t);
	buf_add(t, "", 0);
	for (i = 0; i < n; i++) {
		const struct pline *l = &L->v[idx[i]];
		const char *s = L->text.s + l->off;

		h += height(l);
		if (i) {
			const struct pline *p = &L->v[idx[i - 1]];
			int soft;
			size_t hk = end_hyphen(L->text.s + p->off, p->len, &soft);

			if (hk && (soft || join_hyphen(L, L->text.s + p->off, p->len, hk, s,
			    l->len))) {
				t->len -= hk;
			} else if (!hk && !wide_join(t->s, t->len, s, l->len)) {
				buf_addc(t, ' ');
			}
		}
		buf_add(t, s, l->len);
	}
	for (i = 0; i < t->len; i++)
		words += t->s[i] == ' ';
	h /= n;
	/* Larger than the body, or one line that reads as a heading (as a
	 * line of plain text would: a numbered one is). */
	if (!note && ((h >= 1.15 * L->body && n <= 3 && words <= 30) ||
	    (n == 1 && doc_is_heading_text(t->s, t->len))))
		kind = BLOCK_HEADING;
	form_begin(o, note ? "note" : kind == BLOCK_HEADING ? "h" : "p", kind, first->src,
	    NULL);
	o->cur.page = first->page;
	form_text(o, t->s, t->len, 0);
	form_end(o);
}

/* The marker a footnote starts with when it is one a paragraph can be
 * searched for (a superscript digit or two, *, †, ‡): its length, or 0. */
static size_t
note_marker(const char *s, size_t n)
{
	static const char *const marks[] = { "\xC2\xB9", "\xC2\xB2", "\xC2\xB3",
		"\xE2\x81\xB0", "\xE2\x81\xB4", "\xE2\x81\xB5", "\xE2\x81\xB6",
		"\xE2\x81\xB7", "\xE2\x81\xB8", "\xE2\x81\xB9", "*", "\xE2\x80\xA0",
		"\xE2\x80\xA1" };
	size_t i = 0, k, m;

	for (;;) {
		for (m = 0; m < sizeof marks / sizeof *marks; m++) {
			k = strlen(marks[m]);
			if (i + k <= n && memcmp(s + i, marks[m], k) == 0)
				break;
		}
		if (m == sizeof marks / sizeof *marks || i >= 6)
			return i;
		i += k;
	}
}

/*
 * Which paragraph each footnote follows: the one on its page whose text
 * holds its marker (after a word: "countries¹"), else the last that starts
 * on its page or before, which ends that page's run.  paras[k] is where
 * paragraph k starts in idx (paras[np] = nidx); notes start at
 * groups[g] in notes.
 */
static long
note_anchor(const struct layout *L, const size_t *idx, const size_t *paras, size_t np,
    const size_t *notes, size_t note)
{
	const struct pline *nl = &L->v[notes[note]];
	size_t mk = note_marker(L->text.s + nl->off, nl->len), k, i;
	long last = -1;

	for (k = 0; k < np; k++) {
		if (L->v[idx[paras[k]]].page > nl->page)
			break;
		last = (long)k;
		for (i = paras[k]; mk && i < paras[k + 1]; i++) {
			const struct pline *l = &L->v[idx[i]];
			const char *t = L->text.s + l->off, *at = t;

			if (l->page != nl->page)
				continue;
			while ((at = memmem(at, l->len - (size_t)(at - t), L->text.s + nl->off,
			    mk)) != NULL) {
				if (at > t && at[-1] != ' ')
					return (long)k;
				at += mk;
			}
		}
	}
	return last;
}

/* The kept lines as blocks, each footnote after the paragraph that
 * calls it or its page's run. */
static void
emit_all(struct layout *L, struct form_out *o)
{
	size_t *idx = xmalloc(sizeof *idx * (L->n + 1)), *notes, *paras, *groups;
	long *anchor;
	size_t nidx = 0, nnotes = 0, np = 0, ng = 0, i, g;
	struct buf t = {0};

	notes = xmalloc(sizeof *notes * (L->n + 1));
	paras = xmalloc(sizeof *paras * (L->n + 2));
	groups = xmalloc(sizeof *groups * (L->n + 2));
	for (i = 0; i < L->n; i++)
		if (L->v[i].foot && !L->v[i].drop)
			notes[nnotes++] = i;
		else if (!L->v[i].drop)
			idx[nidx++] = i;
	for (i = 0; i < nidx; i++)
		if (!i || starts_block(L, &L->v[idx[i - 1]], &L->v[idx[i]],
		    i + 1 < nidx ? &L->v[idx[i + 1]] : NULL))
			paras[np++] = i;
	paras[np] = nidx;
	for (i = 0; i < nnotes; i++)
		if (!i || starts_note(L, &L->v[notes[i - 1]], &L->v[notes[i]]))
			groups[ng++] = i;
	groups[ng] = nnotes;
	anchor = xmalloc(sizeof *anchor * (ng + 1));
	for (g = 0; g < ng; g++)
		anchor[g] = note_anchor(L, idx, paras, np, notes, groups[g]);
	for (g = 0; g < ng; g++)
		if (anchor[g] < 0)
			emit(L, o, notes + groups[g], groups[g + 1] - groups[g], 1, &t);
	for (i = 0; i < np; i++) {
		emit(L, o, idx + paras[i], paras[i + 1] - paras[i], 0, &t);
		for (g = 0; g < ng; g++)
			if (anchor[g] == (long)i)
				emit(L, o, notes + groups[g], groups[g + 1] - groups[g], 1, &t);
	}
	buf_free(&t);
	free(anchor);
	free(idx);
	free(notes);
	free(paras);
	free(groups);
}

/* --- checks -------------------------------------------------------------- */

/* Whether most of the text is in the private-use areas: fonts whose
 * glyphs map to no Unicode. */
static int
private_use(const struct layout *L)
{
	size_t i = 0, chars = 0, pua = 0;

	while (i < L->text.len) {
		uint32_t uc;

		i += text_next_uc(L->text.s + i, L->text.len - i, &uc);
		if (uc <= ' ')
			continue;
		chars++;
		pua += (uc >= 0xE000 && uc <= 0xF8FF) || uc >= 0xF0000;
	}
	return pua > 0 && pua * 2 >= chars;
}

/* The options of pdftotext's XHTML: no network, no DTD (the one
 * pdftotext names is not loaded; the handlers read no subset), no entities
 * beyond XML's own; past a character XML does not allow (a control
 * character from the PDF), the parser goes on. */
enum { PARSE_OPTIONS = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	XML_PARSE_BIG_LINES | XML_PARSE_IGNORE_ENC | XML_PARSE_RECOVER };

struct pdf_parse *
pdf_parse_new(void)
{
	static xmlSAXHandler sax = {
		.initialized = XML_SAX2_MAGIC,
		.startElementNs = start_element,
		.endElementNs = end_element,
		.characters = characters,
		.cdataBlock = characters,
	};
	struct pdf_parse *p = xcalloc(1, sizeof *p);

	p->ctxt = xmlCreatePushParserCtxt(&sax, p, NULL, 0, NULL);
	if (!p->ctxt) {
		free(p);
		return NULL;
	}
	xmlCtxtUseOptions(p->ctxt, PARSE_OPTIONS);
	return p;
}

void
pdf_parse_feed(struct pdf_parse *p, const char *s, size_t n)
{
	while (p && n) {
		int k = n > (1 << 20) ? 1 << 20 : (int)n;

		xmlParseChunk(p->ctxt, s, k, 0);
		s += k;
		n -= (size_t)k;
	}
}

void
pdf_parse_free(struct pdf_parse *p)
{
	if (!p)
		return;
	xmlFreeParserCtxt(p->ctxt);
	free(p->L.v);
	free(p->L.pages);
	free(p->L.words);
	buf_free(&p->L.text);
	buf_free(&p->L.folded);
	free(p);
}

int
pdf_layout(struct form_out *o, const char *s, size_t n, const char *label, struct buf *why)
{
	struct pdf_parse *p = pdf_parse_new();

	pdf_parse_feed(p, s, n);
	return pdf_parse_end(p, o, label, why);
}

int
pdf_parse_end(struct pdf_parse *p, struct form_out *o, const char *label, struct buf *why)
{
	struct layout *L = p ? &p->L : NULL;
	int status = 0;

	if (p) {
		xmlParseChunk(p->ctxt, NULL, 0, 1);
		if (p->word_depth)
			end_word(p);	/* cut off inside a word */
		if (p->line_depth)
			end_line(p);
	}
	if (!p || !p->any) {
		buf_printf(why, "%s: pdftotext gave no readable text for it", label);
		status = -1;
	} else if (!L->n) {
		buf_printf(why, L->npages ? "%s: no text; it may need OCR (its pages hold no text "
		    "layer, as a scanned PDF does)" : "%s: the PDF has no pages", label);
		status = -1;
	} else if (private_use(L)) {
		buf_printf(why, "%s: its text is in private-use glyphs (its fonts map no "
		    "Unicode), so it cannot be read as text", label);
		status = -1;
	} else {
		find_body(L);
		drop_furniture(L);
		read_order(L);
		find_columns(L);
		find_footnotes(L);
		find_indents(L);
		collect_words(L);
		emit_all(L, o);
	}
	pdf_parse_free(p);
	return status;
}
