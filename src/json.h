/* SPDX-License-Identifier: MIT */
/* The document model as JSON (diglot --json). */
#ifndef DIGLOT_JSON_H
#define DIGLOT_JSON_H

#include <stdio.h>

struct doc;
struct pillars;

/* Write doc (with its pillars, if p) to f in the shape design.md fixes;
 * returns -1 on a write error.  A document not aligned yet is aligned
 * once its blocks are written. */
int json_write(struct doc *doc, struct pillars *p, FILE *f);

#endif
