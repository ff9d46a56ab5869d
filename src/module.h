/* SPDX-License-Identifier: MIT */
/*
 * Modules: the parts of diglot that need large libraries (libxml2 and
 * libzip for the published forms and for pdftotext's output, Pango and Cairo for typeset PDF) are
 * built as shared objects and loaded when first needed, so that a start
 * that reads plain text does not load those libraries.  A program that links a module's objects
 * itself (a fuzz target) uses them directly.
 */
#ifndef DIGLOT_MODULE_H
#define DIGLOT_MODULE_H

#include <stddef.h>

#include "buf.h"

struct form_out;

/* The readers of the forms module (src/module-forms.c). */
struct forms_module {
	int (*html_read)(struct form_out *o, const char *s, size_t n, int xml,
	    const char *label, struct buf *why);
	int (*office_read)(struct form_out *o, int form, const char *raw, size_t n,
	    const char *label, struct buf *why);
	int (*pdf_read)(struct form_out *o, const char *raw, size_t n, const char *label,
	    struct buf *why);
};

struct doc;
struct print_opts;

/* The typesetter of the PDF module (src/module-pdf.c), built with Pango
 * and Cairo. */
struct pdf_module {
	int (*render)(const struct doc *doc, const size_t *rows, size_t n,
	    const struct print_opts *o, struct buf *out, struct buf *why);
};

/* Each module, loaded on first use; NULL with the reason in why. */
const struct forms_module *forms_module(struct buf *why);
const struct pdf_module *pdf_module(struct buf *why);

/* The object named symbol in the module file (loaded once, from beside
 * the program when it is there, else from the installed module
 * directory); NULL with the reason in why. */
const void *module_symbol(const char *file, const char *symbol, struct buf *why);

#endif
