/* SPDX-License-Identifier: MIT */
/* The forms module: web pages, DOCX and ODT. */
#include "config.h"

#include "html.h"
#include "module.h"
#include "office.h"

const struct forms_module diglot_forms = {
	html_read,
	office_read,
};
