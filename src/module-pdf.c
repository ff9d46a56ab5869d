/* SPDX-License-Identifier: MIT */
/* The PDF module: typeset printing with Pango and Cairo. */
#include "config.h"

#include "module.h"
#include "pdf-print.h"

const struct pdf_module diglot_pdf = {
	pdf_render,
};
