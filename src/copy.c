/* SPDX-License-Identifier: MIT */
/* Untranslated copies: blocks of the same text in the versions. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "copy.h"
#include "doc.h"
#include "lang.h"
#include "xalloc.h"

/* A copy of another version's text is untranslated prose with this many
 * words (fewer: a name or a title). */
enum { UNTRANSLATED_WORDS = 3 };

/* Block b's key, from its text. */
static uint64_t
block_key(const struct doc *doc, size_t b)
{
	const struct block *bl = &doc->blocks[b];
	const unsigned char *s = (const unsigned char *)doc->files[bl->file].data + bl->off;
	uint64_t h = 14695981039346656037u;
	size_t i, n = bl->len, kept = 0;
	int blank = 0;

	/* FNV-1a over the text, a run of blanks as one. */
	for (i = 0; i < n; i++) {
		int sp = s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ||
		    s[i] == '\v' || s[i] == '\f';

		if (sp) {
			blank = kept > 0;
			continue;
		}
		if (blank) {
			h = (h ^ ' ') * 1099511628211u;
			blank = 0;
		}
		h = (h ^ s[i]) * 1099511628211u;
		kept++;
	}
	return kept >= 4 ? (h ? h : 1) : 0;
}

uint64_t
copy_key(const struct doc *doc, size_t b)
{
	return doc->keys ? doc->keys[b] : block_key(doc, b);
}

struct keyed {
	uint64_t key;
	size_t b;
};

static int
cmp_keyed(const void *x, const void *y)
{
	const struct keyed *a = x, *b = y;

	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->b < b->b ? -1 : a->b > b->b;
}

/* Blocks a and b, of the same text in two versions whose languages were
 * given (two files), where the text is untranslated prose: the one whose
 * version's language the text is not in is the copy. */
static void
mark_given_copy(struct doc *doc, size_t a, size_t b)
{
	struct block *x = &doc->blocks[a], *y = &doc->blocks[b];
	int cand[2] = { x->lang, y->lang };
	double score[2];

	if (x->prose < UNTRANSLATED_WORDS || x->lang < 0 || y->lang < 0)
		return;
	lang_score(doc->files[x->file].data + x->off, x->len, cand, 2, score);
	if (score[0] != score[1])
		(score[0] < score[1] ? x : y)->copy = 1;
}

/*
 * Untranslated copies: a version that leaves a paragraph or a section in
 * the other version's language holds blocks in that language whose text
 * is that of blocks of the other version.  Of two blocks of one language
 * and the same text (only two), the one inside a run of another language
 * is a copy standing in that language's version: a run of such blocks
 * whose next block (or else, the block before it: the end of a file, an
 * interleaved pair whose second is the original) is in another language
 * takes that language, and aligns with its original.
 */
void
copy_find(struct doc *doc, const int *fixed)
{
	size_t nb = doc->nblocks, b, k, e;
	struct keyed *v;
	long *twin;

	if (nb < 3)
		return;
	/* The keys are found once, for the aligner and --json too. */
	doc->keys = xmalloc(sizeof *doc->keys * nb);
	v = xmalloc(sizeof *v * nb);
	twin = xmalloc(sizeof *twin * nb);
	for (b = 0; b < nb; b++) {
		v[b].key = doc->keys[b] = block_key(doc, b);
		v[b].b = b;
		twin[b] = -1;
	}
	qsort(v, nb, sizeof *v, cmp_keyed);
	for (k = 0; k + 1 < nb; k++) {
		const struct block *x = &doc->blocks[v[k].b], *y = &doc->blocks[v[k + 1].b];

		if (!v[k].key || v[k].key != v[k + 1].key ||
		    (k > 0 && v[k - 1].key == v[k].key) ||
		    (k + 2 < nb && v[k + 2].key == v[k].key))
			continue;
		if (x->lang == y->lang && fixed[v[k].b] < 0 && fixed[v[k + 1].b] < 0) {
			twin[v[k].b] = (long)v[k + 1].b;
			twin[v[k + 1].b] = (long)v[k].b;
		} else if (fixed[v[k].b] >= 0 && fixed[v[k + 1].b] >= 0 && x->lang != y->lang) {
			mark_given_copy(doc, v[k].b, v[k + 1].b);
		}
	}
	for (b = 0; b < nb; b = e) {
		int lang = doc->blocks[b].lang, to = -1;

		/* The run of blocks with twins from b, in one file. */
		for (e = b; e < nb && twin[e] >= 0 && doc->blocks[e].lang == lang &&
		    doc->blocks[e].file == doc->blocks[b].file; e++)
			;
		if (e == b) {
			e = b + 1;
			continue;
		}
		if (e < nb && doc->blocks[e].file == doc->blocks[b].file &&
		    doc->blocks[e].lang != lang)
			to = doc->blocks[e].lang;
		else if (b > 0 && doc->blocks[b - 1].file == doc->blocks[b].file)
			to = doc->blocks[b - 1].lang;
		if (to < 0 || to == lang)
			continue;
		/* (Both blocks of a pair may stand in one run: the first
		 * moves, its twin then has none.) */
		for (k = b; k < e; k++)
			if (twin[k] >= 0 && doc->blocks[twin[k]].lang == lang) {
				doc->blocks[k].lang = to;
				doc->blocks[k].copy = doc->blocks[k].prose >= UNTRANSLATED_WORDS;
				twin[twin[k]] = -1;
			}
	}
	free(v);
	free(twin);
}

int
copy_row_untranslated(const struct doc *doc, size_t r)
{
	size_t n0, n1, i, k;
	const uint32_t *a, *b;

	if (doc->nlangs < 2 || r >= doc->nrows)
		return 0;
	a = doc_row_blocks(doc, r, 0, &n0);
	b = doc_row_blocks(doc, r, 1, &n1);
	for (i = 0; i < n0; i++)
		for (k = 0; k < n1; k++)
			if (doc->blocks[a[i]].prose >= UNTRANSLATED_WORDS &&
			    copy_key(doc, a[i]) == copy_key(doc, b[k]) &&
			    copy_key(doc, a[i]))
				return 1;
	return 0;
}
