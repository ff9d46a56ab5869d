/* SPDX-License-Identifier: MIT */
/* Writing a file whole or not at all. */
#ifndef DIGLOT_FILE_H
#define DIGLOT_FILE_H

#include <stddef.h>
#include <sys/types.h>

struct buf;

/* Write text[0..n) to path through a temporary file beside it, synced and
 * renamed over it, with the given mode less the umask: a reader of path
 * sees the old file or the new one, never a part.  On failure returns -1
 * with a message naming path in why, and leaves no temporary file. */
int file_write(const char *path, const char *text, size_t n, mode_t mode,
    struct buf *why);

#endif
