/* SPDX-License-Identifier: MIT */
/* Word (DOCX) and OpenDocument (ODT) files as blocks. */
#ifndef DIGLOT_OFFICE_H
#define DIGLOT_OFFICE_H

#include <stddef.h>

#include "buf.h"
#include "form.h"

/* Read the archive raw[0..n) of form (FORM_DOCX or FORM_ODT) into o's
 * blocks.  Returns -1 with a message naming label in why when it is not
 * such a file, or is damaged, encrypted or too large when unpacked
 * (archive.h). */
int office_read(struct form_out *o, int form, const char *raw, size_t n, const char *label,
    struct buf *why);

/* Read the main XML part xml[0..n) of form (word/document.xml or
 * content.xml) into o's blocks, with no styles (for the fuzz target). */
int office_read_xml(struct form_out *o, int form, const char *xml, size_t n,
    const char *label, struct buf *why);

#endif
