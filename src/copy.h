/* SPDX-License-Identifier: MIT */
/* Untranslated copies: blocks of the same text in the versions. */
#ifndef DIGLOT_COPY_H
#define DIGLOT_COPY_H

#include <stddef.h>
#include <stdint.h>

struct doc;

/* A hash of block b's text with its runs of blanks and line breaks as one
 * blank: blocks of the same text have the same key.  0 for a block of
 * fewer than four characters. */
uint64_t copy_key(const struct doc *doc, size_t b);

/* Find the copies of one version's text standing in another (fixed[b] >= 0:
 * block b's language was given, not detected) and move them into the
 * version that holds them; keeps the blocks' keys in doc->keys. */
void copy_find(struct doc *doc, const int *fixed);

/* Whether row r pairs a block of one version with a copy of its text in
 * another (an untranslated paragraph). */
int copy_row_untranslated(const struct doc *doc, size_t r);

#endif
