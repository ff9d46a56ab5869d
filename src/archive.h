/* SPDX-License-Identifier: MIT */
/* The members of a zip archive in memory, unpacked within limits. */
#ifndef DIGLOT_ARCHIVE_H
#define DIGLOT_ARCHIVE_H

#include <stddef.h>

#include "buf.h"

/* The most a member may unpack to, and the most it may grow over its
 * packed size. */
enum { ARCHIVE_MAX_MEMBER = 200 << 20, ARCHIVE_MAX_RATIO = 64 };

struct archive;

/* Open the zip archive raw[0..n) (kept, not copied) that should be kind
 * ("a DOCX"); NULL with a message naming label in why when it is no zip
 * archive, or a damaged or truncated one. */
struct archive *archive_open(const char *raw, size_t n, const char *label, const char *kind,
    struct buf *why);
/* Member name into out: 0; 1 when there is none; -1 (why set) when it is
 * encrypted, damaged, or would unpack past the limits. */
int archive_member(struct archive *a, const char *name, struct buf *out, struct buf *why);
void archive_close(struct archive *a);

#endif
