/* SPDX-License-Identifier: MIT */
/* A reader's fixes of the alignment. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "fix.h"
#include "lang.h"
#include "xalloc.h"

/*
 * Rows are a ladder: row r takes, in each language l, the blocks
 * [start(r, l), start(r, l) + count(r, l)) of l's version, and each row
 * starts where the one before it ends.  A fix C names a range [a, b) per
 * language.  The rows it touches (from the first holding one of its
 * blocks to the last) become at most three: what of them comes before C
 * in each language, C, and what comes after; a language C does not name
 * goes wholly before it.  Every other row stays as it is.
 */

static size_t
start_of(const struct doc *doc, size_t r, int l)
{
	return doc->row_start[r * doc->nlangs + l];
}

static size_t
end_of(const struct doc *doc, size_t r, int l)
{
	return doc->row_start[r * doc->nlangs + l] + doc->row_count[r * doc->nlangs + l];
}

/* Describe rows [r, r2) of doc in language slot l's terms into out. */
static int
describe(const struct doc *doc, size_t r, size_t r2, int only, struct fix_row *out)
{
	int l;

	memset(out, 0, sizeof *out);
	if (doc->nlangs > FIX_LANGS)
		return -1;
	for (l = 0; l < doc->nlangs; l++) {
		if (only >= 0 && l != only)
			continue;
		snprintf(out->lang[out->n], FIX_CODE, "%s", lang_code(doc->langs[l]));
		out->from[out->n] = (uint32_t)start_of(doc, r, l);
		out->to[out->n] = (uint32_t)end_of(doc, r2 - 1, l);
		out->n++;
	}
	return 0;
}

int
fix_join(const struct doc *doc, size_t r, struct fix_row *out)
{
	if (r + 1 >= doc->nrows)
		return -1;
	return describe(doc, r, r + 2, -1, out);
}

int
fix_split(const struct doc *doc, size_t r, int l, struct fix_row *out)
{
	size_t n = r < doc->nrows ? doc->row_count[r * doc->nlangs + l] : 0, others = 0;
	int m;

	if (n == 0 || doc->nlangs > FIX_LANGS)
		return -1;
	for (m = 0; m < doc->nlangs; m++)
		if (m != l)
			others += doc->row_count[r * doc->nlangs + m];
	if (others > 0)
		return describe(doc, r, r + 1, l, out);
	if (n < 2)
		return -1;
	/* Alone in the row: the first block off the rest. */
	describe(doc, r, r + 1, -1, out);
	for (m = 0; m < out->n; m++)
		if (strcmp(out->lang[m], lang_code(doc->langs[l])) == 0)
			out->to[m] = out->from[m] + 1;
		else
			out->to[m] = out->from[m];
	return 0;
}

/* The rows being built. */
struct ladder {
	uint32_t *start, *count;
	unsigned char *fixed;
	size_t n;
	int nl;
};

/* Append the row [from, to) (per slot). */
static void
put_row(struct ladder *ld, const size_t *from, const size_t *to, int is_fix)
{
	int l;

	for (l = 0; l < ld->nl; l++) {
		ld->start[ld->n * ld->nl + l] = (uint32_t)from[l];
		ld->count[ld->n * ld->nl + l] = (uint32_t)(to[l] - from[l]);
	}
	ld->fixed[ld->n++] = (unsigned char)is_fix;
}

/* Append row r of doc as it is. */
static void
copy_row(struct ladder *ld, const struct doc *doc, size_t r)
{
	memcpy(ld->start + ld->n * ld->nl, doc->row_start + r * ld->nl,
	    sizeof *ld->start * (size_t)ld->nl);
	memcpy(ld->count + ld->n * ld->nl, doc->row_count + r * ld->nl,
	    sizeof *ld->count * (size_t)ld->nl);
	ld->fixed[ld->n++] = doc->row_fixed ? doc->row_fixed[r] : 0;
}

static int
differ(const size_t *x, const size_t *y, int nl)
{
	return memcmp(x, y, sizeof *x * (size_t)nl) != 0;
}

/* Apply fix fx to doc's rows; -1 when it does not fit. */
static int
apply_one(struct doc *doc, const struct fix_row *fx)
{
	int nl = doc->nlangs, l, k, any = 0;
	size_t *a = xcalloc(4 * (size_t)nl, sizeof *a), *b = a + nl, *lo = b + nl, *hi = lo + nl;
	unsigned char *known = xcalloc((size_t)nl, 1);
	size_t rs = doc->nrows, re = 0, r;
	struct ladder ld;
	int rc = -1;

	for (k = 0; k < fx->n; k++) {
		int id = lang_find(fx->lang[k], strlen(fx->lang[k]));

		l = id >= 0 ? doc_lang_slot(doc, id) : -1;
		if (l < 0 || known[l] || fx->from[k] > fx->to[k] || fx->to[k] > doc->nseq[l])
			goto out;
		known[l] = 1;
		a[l] = fx->from[k];
		b[l] = fx->to[k];
		if (a[l] < b[l]) {
			long r1 = doc_row_of_block(doc, doc->seq[l][a[l]]);
			long r2 = doc_row_of_block(doc, doc->seq[l][b[l] - 1]);

			if (r1 < 0 || r2 < 0)
				goto out;
			rs = (size_t)r1 < rs ? (size_t)r1 : rs;
			re = (size_t)r2 > re ? (size_t)r2 : re;
			any = 1;
		}
	}
	if (!any)
		goto out;
	for (l = 0; l < nl; l++) {
		lo[l] = start_of(doc, rs, l);
		hi[l] = end_of(doc, re, l);
		if (!known[l])
			a[l] = b[l] = hi[l];
		a[l] = a[l] < lo[l] ? lo[l] : a[l] > hi[l] ? hi[l] : a[l];
		b[l] = b[l] < a[l] ? a[l] : b[l] > hi[l] ? hi[l] : b[l];
	}
	ld.nl = nl;
	ld.n = 0;
	ld.start = xcalloc((doc->nrows + 2) * (size_t)nl, sizeof *ld.start);
	ld.count = xcalloc((doc->nrows + 2) * (size_t)nl, sizeof *ld.count);
	ld.fixed = xcalloc(doc->nrows + 2, 1);
	for (r = 0; r < rs; r++)
		copy_row(&ld, doc, r);
	if (differ(lo, a, nl))
		put_row(&ld, lo, a, 0);
	put_row(&ld, a, b, 1);
	if (differ(b, hi, nl))
		put_row(&ld, b, hi, 0);
	for (r = re + 1; r < doc->nrows; r++)
		copy_row(&ld, doc, r);
	free(doc->row_start);
	free(doc->row_count);
	free(doc->row_fixed);
	doc->row_start = ld.start;
	doc->row_count = ld.count;
	doc->row_fixed = ld.fixed;
	doc->nrows = ld.n;
	rc = 0;
out:
	free(a);
	free(known);
	return rc;
}

int
fix_apply(struct doc *doc, const struct fixes *f)
{
	int i, left = 0;

	for (i = 0; i < f->n; i++)
		if (apply_one(doc, &f->v[i]) < 0)
			left++;
	return left;
}
