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
	char *map;		/* data lies in this mapping of the file, or NULL */
	size_t maplen;
	struct source_check *check;	/* UTF-8 still being checked */
};

/*
 * Read path ("-" for standard input) into src.  encoding names the file's
 * encoding, or is NULL to detect it: a byte-order mark, valid UTF-8, else a
 * legacy 8-bit encoding (a warning says which was assumed).  On failure
 * returns -1 with a message naming the file in why.
 *
 * With map, a large regular file in UTF-8 is mapped instead of copied, for
 * a run that reads it once and ends: should the file shrink meanwhile, the
 * program ends with a message naming it (a viewer, which keeps a briefing
 * open for long, reads it into memory).  A very large one is taken to be
 * UTF-8 while that is checked: see source_settle.
 */
int source_read(struct source *src, const char *path, const char *encoding,
    int map, struct buf *why);

/* The check of src for UTF-8 done: 1 when the text turned out to be in
 * another encoding and was converted (it changed), else 0.  What was found
 * is said on stderr as source_read says it. */
int source_settle(struct source *src);

/* Like source_read, for text already in memory (copied). */
int source_from_memory(struct source *src, const char *name, const char *data,
    size_t len, const char *encoding, struct buf *why);

/* Convert data[0..len) from encoding to UTF-8; undecodable bytes become
 * U+FFFD.  Returns -1 when the encoding is unknown. */
int source_convert(const char *data, size_t len, const char *encoding,
    struct buf *out);

/* Done with data[off..off+len) of a mapped source for now: its pages leave
 * memory (read again from the file should they be needed). */
void source_let_go(const struct source *src, size_t off, size_t len);

/* The name to show for a source in messages. */
const char *source_label(const struct source *src);

void source_free(struct source *src);

#endif
