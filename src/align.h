/* SPDX-License-Identifier: MIT */
/* Pairing the blocks of the language versions into rows. */
#ifndef DIGLOT_ALIGN_H
#define DIGLOT_ALIGN_H

#include <stddef.h>
#include <stdint.h>

struct doc;

/* What the aligner knows of a block. */
struct align_item {
	uint32_t chars;		/* length in characters */
	unsigned char kind;	/* enum block_kind */
	unsigned char nnum;
	uint32_t num[6];	/* numbers it mentions (dates, article numbers) */
	uint64_t nmask;		/* the numbers hashed into bits (align_pair sets it) */
	int32_t anchor;		/* index of its anchor partner, or -1 */
	uint64_t key;		/* its text's key (copy_key), 0: none */
	unsigned char noprose;	/* no prose: a URL, code, a table, numbers */
	unsigned char item;	/* an item of a list (- , * , 1. , a) ) */
};

/* The length of the list item mark that raw text s[0..n) starts with
 * ("- ", "• ", "3. ", "(b) "), with the blanks after it; 0 when it is no
 * list item. */
size_t align_item_mark(const char *s, size_t n);

/* A bead: na blocks of the first sequence matched with nb of the second. */
struct bead {
	uint32_t na, nb;
};

/* Collect the numbers in raw text s[0..n) (digits, CJK and, in headings,
 * Roman numerals) into it->num. */
void align_numbers(struct align_item *it, const char *s, size_t n);

/* Align sequences a and b; returns the number of beads, stored in *out. */
size_t align_pair(struct align_item *a, size_t na, struct align_item *b,
    size_t nb, struct bead **out);

/* Fill doc's rows: every language aligned to the first. */
void align_doc(struct doc *doc);

#endif
