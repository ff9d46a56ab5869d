/* SPDX-License-Identifier: MIT */
/* Reading a briefing file once, into UTF-8, whatever its encoding. */
#ifndef DIGLOT_SOURCE_H
#define DIGLOT_SOURCE_H

#include <stddef.h>

#include "buf.h"

struct source {
	char *name;		/* as the user gave it; "-" is standard input */
	char *data;		/* the text in UTF-8 (possibly with invalid bytes) */
	size_t len;
	char *encoding;		/* the encoding the file was read in */
	int form;		/* enum source_form (form.h) */
	/* A web page's or office file's blocks, spans of data; NULL for
	 * plain text. */
	struct form_blocks *blocks;
};

/*
 * Read path ("-" for standard input) into src.  encoding names the file's
 * encoding, or is NULL to detect it: a byte-order mark, valid UTF-8, else a
 * legacy 8-bit encoding (a warning says which was assumed).  On failure
 * returns -1 with a message naming the file in why.
 */
int source_read(struct source *src, const char *path, const char *encoding,
    struct buf *why);

/* Like source_read, for text already in memory (copied). */
int source_from_memory(struct source *src, const char *name, const char *data,
    size_t len, const char *encoding, struct buf *why);

/* source_read and source_from_memory for a file of a given form
 * (enum source_form: FORM_DETECT tells it from the content).  A web page,
 * DOCX or ODT file becomes the text of its blocks, in src->blocks. */
int source_read_as(struct source *src, const char *path, const char *encoding, int form,
    struct buf *why);
int source_from_memory_as(struct source *src, const char *name, const char *data,
    size_t len, const char *encoding, int form, struct buf *why);

/* Convert data[0..len) from encoding to UTF-8; undecodable bytes become
 * U+FFFD.  Returns -1 when the encoding is unknown. */
int source_convert(const char *data, size_t len, const char *encoding,
    struct buf *out);

/* The name to show for a source in messages. */
const char *source_label(const struct source *src);

void source_free(struct source *src);

#endif
