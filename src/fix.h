/* SPDX-License-Identifier: MIT */
/* A reader's fixes of the alignment: rows made as the reader said (J joins
 * a row with the next, S splits a language's blocks off), kept with the
 * briefing's state and applied over the automatic rows whenever it is
 * opened. */
#ifndef DIGLOT_FIX_H
#define DIGLOT_FIX_H

#include <stddef.h>
#include <stdint.h>

struct doc;

enum { FIX_LANGS = 4, FIX_CODE = 16, FIX_MAX = 128 };

/*
 * One fixed row: for each language it names, the blocks [from, to) of
 * that language's version (positions in its sequence; from == to: none
 * there).  The blocks of languages it does not name that shared a row
 * with these go into a row before it.
 */
struct fix_row {
	int n;
	char lang[FIX_LANGS][FIX_CODE];
	uint32_t from[FIX_LANGS], to[FIX_LANGS];
};

struct fixes {
	struct fix_row v[FIX_MAX];
	int n;
};

/* J: the fix that joins row r of doc with the next; -1 when r is the
 * last row (or the briefing has more than FIX_LANGS languages). */
int fix_join(const struct doc *doc, size_t r, struct fix_row *out);

/* S: the fix that splits the blocks of language slot l off row r into a
 * row of their own, or, when they are alone in it, the first of them off
 * the rest; -1 when there is nothing to split. */
int fix_split(const struct doc *doc, size_t r, int l, struct fix_row *out);

/* Make doc's rows (aligned) as the fixes say, in order; a fix that does
 * not fit the briefing (a language it lacks, blocks past its end) is left
 * out.  Sets doc->row_fixed.  Returns how many were left out. */
int fix_apply(struct doc *doc, const struct fixes *f);

#endif
