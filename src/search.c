/* SPDX-License-Identifier: MIT */
/* Finding a pattern in both languages, ignoring case and accents. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "search.h"
#include "text.h"
#include "xalloc.h"

int
search_set(struct search *s, const char *pattern)
{
	struct buf clean = {0};

	buf_reset(&s->pattern);
	buf_reset(&s->folded);
	s->nrows = s->total = 0;
	buf_adds(&s->pattern, pattern);
	text_clean(&clean, pattern, strlen(pattern));
	if (clean.len)
		text_fold(clean.s, clean.len, &s->folded, NULL);
	buf_free(&clean);
	return s->folded.len ? 0 : -1;
}

size_t
search_text(const struct search *s, const char *text, size_t n,
    struct span *out, size_t max)
{
	struct buf f = {0};
	struct fold_map fm = { NULL, 0 };
	size_t count = 0;
	const char *p;

	if (!s->folded.len || n == 0)
		return 0;
	text_fold(text, n, &f, &fm);
	for (p = f.s; f.s && (p = memmem(p, f.len - (p - f.s), s->folded.s,
	    s->folded.len)) != NULL; p += s->folded.len) {
		size_t a = p - f.s, b = a + s->folded.len;

		if (count < max) {
			out[count].start = fm.v[a];
			/* The end is where the next source character starts. */
			out[count].end = b < f.len ? fm.v[b] : n;
			if (out[count].end <= out[count].start)
				out[count].end = fm.v[b];
		}
		count++;
	}
	free(fm.v);
	buf_free(&f);
	return count;
}

int
search_scan(struct search *s, const struct doc *doc, const int sides[2],
    int (*tick)(void *ctx, size_t done, size_t total), void *ctx)
{
	struct buf text = {0};
	size_t r, bytes = 0, next_tick = 1 << 20;
	int k;

	s->nrows = s->total = 0;
	for (r = 0; r < doc->nrows; r++) {
		size_t found = 0;

		for (k = 0; k < 2; k++) {
			const uint32_t *ids;
			size_t n, i;

			if (sides[k] < 0 || (k == 1 && sides[1] == sides[0]))
				continue;
			ids = doc_row_blocks(doc, r, sides[k], &n);
			for (i = 0; i < n; i++) {
				buf_reset(&text);
				doc_block_text(doc, ids[i], &text);
				found += search_text(s, text.s, text.len, NULL, 0);
				bytes += doc->blocks[ids[i]].len;
			}
		}
		if (found) {
			s->rows = xgrow(s->rows, &s->cap, s->nrows + 1, sizeof *s->rows);
			s->before = xrealloc(s->before, sizeof *s->before * s->cap);
			s->rows[s->nrows] = r;
			s->before[s->nrows++] = s->total;
			s->total += found;
		}
		if (tick && bytes >= next_tick) {
			next_tick = bytes + (1 << 20);
			if (tick(ctx, r, doc->nrows)) {
				buf_free(&text);
				s->nrows = s->total = 0;
				return -1;
			}
		}
	}
	buf_free(&text);
	return 0;
}

long
search_next(const struct search *s, size_t r, int backward)
{
	size_t lo = 0, hi = s->nrows;

	if (s->nrows == 0)
		return -1;
	/* First index with rows[i] > r. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->rows[mid] <= r)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!backward)
		return lo < s->nrows ? (long)lo : 0;
	/* Last index with rows[i] < r. */
	if (lo > 0 && s->rows[lo - 1] == r)
		lo--;
	return lo > 0 ? (long)lo - 1 : (long)s->nrows - 1;
}

void
search_free(struct search *s)
{
	buf_free(&s->pattern);
	buf_free(&s->folded);
	free(s->rows);
	free(s->before);
	memset(s, 0, sizeof *s);
}
