/* SPDX-License-Identifier: MIT */
/*
 * Modules: the parts of diglot that need large libraries (libxml2 and
 * libzip for the published forms) are built as shared objects and loaded
 * when a briefing first needs them, so that a start that reads plain text
 * does not load those libraries.  A program that links a module's objects
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
};

/* The forms module, loaded on first use; NULL with the reason in why. */
const struct forms_module *forms_module(struct buf *why);

/* The object named symbol in the module file (loaded once, from beside
 * the program when it is there, else from the installed module
 * directory); NULL with the reason in why. */
const void *module_symbol(const char *file, const char *symbol, struct buf *why);

#endif
