/* SPDX-License-Identifier: MIT */
/* Printing as typeset PDF: Pango sets the chosen rows in columns on
 * Cairo's PDF surface (built only with Pango, HAVE_PANGO). */
#ifndef DIGLOT_PDF_PRINT_H
#define DIGLOT_PDF_PRINT_H

#include <stddef.h>

#include "buf.h"

struct doc;
struct print_opts;

/* Typeset rows[0..n) of doc as a PDF into out, in the layout, paper,
 * margins, font and alignment of o; returns the number of pages, or -1
 * with the reason (naming the setting) in why. */
int pdf_render(const struct doc *doc, const size_t *rows, size_t n,
    const struct print_opts *o, struct buf *out, struct buf *why);

#endif
