/* SPDX-License-Identifier: MIT */
/* Aligned pairs as a translation memory: TMX 1.4 (diglot --tmx). */
#ifndef DIGLOT_TMX_H
#define DIGLOT_TMX_H

#include <stdio.h>

struct doc;

/* Write the rows of doc that pair exactly one block of language slot a
 * with one of slot b as TMX 1.4 to f: a <tu> each, a <tuv> per language.
 * Returns the number of <tu> written, or -1 on a write error. */
long tmx_write(const struct doc *doc, int a, int b, FILE *f);

#endif
