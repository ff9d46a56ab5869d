/* SPDX-License-Identifier: MIT */
/* Web pages (HTML, XHTML) as blocks: the briefing, not the site around it. */
#ifndef DIGLOT_HTML_H
#define DIGLOT_HTML_H

#include <stddef.h>

#include "buf.h"
#include "form.h"

struct _xmlNode;

/* Read the page s[0..n) (UTF-8) into o's blocks, with the XML parser when
 * xml (falling back to the HTML parser when it is not well-formed).
 * label names the file in warnings.  Returns -1 with why set when there
 * is no page to read. */
int html_read(struct form_out *o, const char *s, size_t n, int xml, const char *label,
    struct buf *why);

/* The text of element n's attribute name (its local name, in any case),
 * entity references left out so that nothing expands, into out[0..size);
 * NULL when n has no such attribute.  The office readers use it too. */
const char *html_attr(const struct _xmlNode *n, const char *name, char *out, size_t size);

#endif
