/* SPDX-License-Identifier: MIT */
/* Finding a pattern in both languages, ignoring case and accents. */
#ifndef DIGLOT_SEARCH_H
#define DIGLOT_SEARCH_H

#include <stddef.h>

#include "buf.h"

struct doc;

/* A match: a byte range of a block's display text. */
struct span {
	size_t start, end;
};

struct search {
	struct buf pattern;	/* as typed */
	struct buf folded;	/* folded for matching */
	/* Rows with matches, in order, and the matches before each. */
	size_t *rows, *before, nrows, cap;
	size_t total;
};

/* Set the pattern; returns -1 for an empty one. */
int search_set(struct search *s, const char *pattern);

/* The matches of the pattern in sanitised text[0..n): up to max spans
 * into out; returns how many there are in all. */
size_t search_text(const struct search *s, const char *text, size_t n,
    struct span *out, size_t max);

/* Count the matches in the blocks of the shown language slots (sides[0..2],
 * -1 for none) of every row.  tick(ctx, done, total) is called now and then
 * and may return nonzero to cancel (then returns -1). */
int search_scan(struct search *s, const struct doc *doc, const int sides[2],
    int (*tick)(void *ctx, size_t done, size_t total), void *ctx);

/* The index in s->rows of the first row with matches after (or, backward,
 * before) doc row r, wrapping around; -1 when there is none. */
long search_next(const struct search *s, size_t r, int backward);

void search_free(struct search *s);

#endif
