/* SPDX-License-Identifier: MIT */
/* The document model: files, blocks, their languages and aligned rows. */
#ifndef DIGLOT_DOC_H
#define DIGLOT_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "source.h"

enum block_kind { BLOCK_HEADER, BLOCK_HEADING, BLOCK_PARAGRAPH };


/* A block is a span of one file's text; its display text is derived from
 * the span on demand (doc_block_text). */
struct block {
	size_t off, len;
	char *tags;		/* explicit pillar tags ("a, b"), or NULL */
	uint32_t file, line;
	uint32_t chars;		/* code points in the span */
	int16_t lang;		/* language id (lang.h), -1 before it is known */
	unsigned char kind;	/* enum block_kind */
	unsigned char markup;	/* enum block_markup */
	unsigned char prose;	/* its prose words, at most 255; none: its
				 * language is that of its version */
	unsigned char copy;	/* untranslated prose: a copy of another
				 * version's text standing in this one */
};

struct fixes;

enum block_markup {
	MARKUP_NONE,		/* plain text */
	MARKUP_DIGLOT,		/* the marked-up form: lines may be escaped */
	MARKUP_FORM		/* a web page, DOCX or ODT: kind given */
};

struct form_block;

struct doc {
	struct source *files;
	size_t nfiles;
	struct block *blocks;
	size_t nblocks;
	/* The languages present, in the order shown: the first two are the
	 * left and right columns. */
	int *langs;
	int nlangs;
	/* Each language's blocks in document order: seq[l][0..nseq[l]). */
	uint32_t **seq;
	size_t *nseq;
	/* Rows: for row r and language slot l, the blocks
	 * seq[l][start[r*nlangs+l] ... + count[r*nlangs+l]). */
	uint32_t *row_start;
	uint32_t *row_count;
	size_t nrows;
	int aligned;		/* the rows are there (align_doc) */
	/* The reader's fixes, applied over the automatic rows (fix.h), or
	 * NULL; per row, whether a fix made it (NULL: none did). */
	const struct fixes *fixes;
	unsigned char *row_fixed;
	int fixes_left_out;	/* fixes that did not fit */
	uint64_t *keys;		/* per block: copy_key, or NULL */
	/* Pillar definitions from marked-up briefings, as INI text. */
	struct buf pillar_ini;
	/* Per block, what a web page's or office file's markup said of it
	 * (NULL for a block of plain text); NULL when no file had any. */
	const struct form_block **origin;
};

struct doc_opts {
	const char *encoding;	/* NULL: detect */
	const int *langs;	/* languages to choose among, in order; or NULL */
	int nlangs;
	int form;		/* enum source_form (form.h); 0 to detect */
};

/* Read the files, find blocks and decide their languages; the rows are
 * left to align_doc (align.h).  Returns NULL with a message in why when a
 * file cannot be used. */
struct doc *doc_open(char *const *paths, int npaths, const struct doc_opts *o,
    struct buf *why);
/* The same from sources already read (the document takes them over:
 * files must come from malloc). */
struct doc *doc_build(struct source *files, int nfiles, const struct doc_opts *o);
void doc_free(struct doc *doc);

/* Append block b's display text (sanitised, lines joined) to out. */
void doc_block_text(const struct doc *doc, size_t b, struct buf *out);

/* The blocks of row r in language slot l: *n ids from the returned array. */
const uint32_t *doc_row_blocks(const struct doc *doc, size_t r, int l, size_t *n);

/* The slot of language id in doc->langs, or -1. */
int doc_lang_slot(const struct doc *doc, int lang);

const char *doc_kind_name(int kind);

/* The first block of plain text s[0..n) at or after i, by the reader's
 * rules (runs of non-blank lines; a form feed ends one too): its text in
 * [*start, *end), both n when there is none.  Returns where the next one
 * may start (past the line that ended it), or n. */
size_t doc_next_block(const char *s, size_t n, size_t i, size_t *start, size_t *end);
/* Whether one line of text s[0..n) reads as a heading: at most 15 words,
 * not ending like a sentence or a clause. */
int doc_is_heading_text(const char *s, size_t n);
/* Whether text s[0..n) is in the marked-up form (it starts with %diglot). */
int doc_is_markup(const char *s, size_t n);
/* The PDF page where row r's blocks of language slot l start, or 0 when
 * it has none from a PDF. */
uint32_t doc_row_page(const struct doc *doc, size_t r, int l);
/* The block of file that holds byte off, or -1. */
long doc_block_at(const struct doc *doc, uint32_t file, size_t off);
/* The row that holds block b, or -1. */
long doc_row_of_block(const struct doc *doc, size_t b);


#endif
