/* SPDX-License-Identifier: MIT */
/*
 * Opening a large briefing without waiting for all of it: a first part is
 * read, classified and aligned at once (for a briefing whose versions
 * follow each other, the start of each version), while a thread builds the
 * whole document.
 */
#ifndef DIGLOT_LOADER_H
#define DIGLOT_LOADER_H

#include <stddef.h>

#include "buf.h"
#include "doc.h"

/* Briefings smaller than this are read whole before they are shown. */
enum { LOADER_MIN = 2 << 20 };

struct loader;

/*
 * For regular files of LOADER_MIN bytes or more in all, in plain UTF-8 (not
 * the marked-up form), with no --encoding: build *first from a part of each
 * and start reading the whole in a thread.  NULL (and no thread) when the whole must be read first;
 * doc_open then says why a file cannot be used.  Warnings about the first
 * part are left to the whole.
 */
struct loader *loader_start(char *const *paths, int npaths, const struct doc_opts *o,
    struct doc **first);

/* 1 once the whole document is built (or failed: *why says why), else 0. */
int loader_done(struct loader *l);
/* The whole document once done, or NULL if it failed; the loader keeps it.
 * The warnings of reading the whole are reported then (or by loader_free). */
struct doc *loader_doc(struct loader *l, struct buf *why);

/* The row of the whole document that holds what row r of *first holds, or
 * -1 when there is none. */
long loader_map_row(const struct loader *l, const struct doc *first, size_t r);

/* Free the whole document, once the thread has ended (it waits for it). */
void loader_free(struct loader *l);

#endif
