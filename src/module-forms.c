/* SPDX-License-Identifier: MIT */
/* The forms module: web pages, DOCX, ODT and PDF. */
#include "config.h"

#include "html.h"
#include "module.h"
#include "office.h"
#include "pdf.h"

const struct forms_module diglot_forms = {
	html_read,
	office_read,
	pdf_read,
};
