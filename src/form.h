/* SPDX-License-Identifier: MIT */
/* The published forms of a briefing (web page, DOCX, ODT, PDF) as blocks of text. */
#ifndef DIGLOT_FORM_H
#define DIGLOT_FORM_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

enum source_form { FORM_DETECT, FORM_TEXT, FORM_HTML, FORM_XHTML, FORM_DOCX, FORM_ODT,
	FORM_PDF };

/* A block a reader found: a span of the text it made, with what the
 * markup said about it. */
struct form_block {
	size_t off, len;	/* in the source's text */
	uint32_t line;		/* where its element starts in the file */
	uint32_t page;		/* a PDF's page, from 1; 0 for other forms */
	unsigned char kind;	/* enum block_kind */
	char lang[16];		/* the language the markup names, or "" */
	char path[16];		/* its element: "h2", "li", "w:p", "text:h" */
	char *hrefs;		/* its links' targets, each ending in NUL; or NULL */
	size_t hrefs_len;
};

struct form_blocks {
	struct form_block *v;
	size_t n, cap;
};

/* The form of data[0..n) from its content; name (may be NULL) only
 * helps to tell. */
int form_sniff(const char *data, size_t n, const char *name);
/* The form a --format name means, or FORM_DETECT when it names none. */
int form_by_name(const char *name);
/* The name of a form, as --format and --json's source say it. */
const char *form_name(int form);

/*
 * Read raw[0..n), a file of form (not FORM_TEXT), into *text (UTF-8) and
 * *blocks.  encoding names the file's encoding for a web page, or is NULL
 * to find it (byte-order mark, valid UTF-8, the page's meta charset, else
 * a guess, which a warning names).  label names the file in messages.
 * Returns -1 with why set when the file cannot be read as that form.
 */
int form_read(int form, const char *raw, size_t n, const char *encoding,
    const char *label, struct buf *text, struct form_blocks *blocks, struct buf *why);

void form_blocks_free(struct form_blocks *b);

struct source;
/* Drop the blocks of web pages that every page of files[0..n) holds, the
 * same text in each (menus, disclaimers): when two pages or more are read.
 * Blocks with no letter are kept. */
void form_drop_shared(struct source *files, int n);

/* --- for the readers -------------------------------------------------- */

/* The blocks being built: their text, and the block open now. */
struct form_out {
	struct buf *text;
	struct form_blocks *blocks;
	int open;
	int space;		/* a blank is due before the next word */
	struct form_block cur;
	struct buf hrefs;
};

/* Start a block of kind at element path on line, with language lang
 * (NULL or "" for none); the block open before is ended. */
void form_begin(struct form_out *o, const char *path, int kind, uint32_t line,
    const char *lang);
/* Add text s[0..n) (a NUL at or after s[n]) to the open block: runs of
 * blanks become one space, unless pre (then the text keeps its lines). */
void form_text(struct form_out *o, const char *s, size_t n, int pre);
/* A line break inside the open block. */
void form_break(struct form_out *o);
/* A link target of the open block. */
void form_href(struct form_out *o, const char *url);
/* End the open block; one with no text is dropped. */
void form_end(struct form_out *o);
/* Whether a block is open, and how many bytes of text it holds. */
size_t form_open_len(const struct form_out *o);

#endif
