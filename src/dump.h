/* SPDX-License-Identifier: MIT */
/* --dump: the rows laid out for a width as plain text, like w3m -dump. */
#ifndef DIGLOT_DUMP_H
#define DIGLOT_DUMP_H

#include <stdint.h>
#include <stdio.h>

struct doc;
struct layout_opts;
struct pillars;

/* Write the rows of doc (those tagged with a pillar of want, if any) as
 * laid out by o to f, a blank line between rows.  Returns 0, or -1 when a
 * write failed (errno says why). */
int dump_write(const struct doc *doc, struct pillars *p, uint32_t want,
    const struct layout_opts *o, FILE *f);

#endif
