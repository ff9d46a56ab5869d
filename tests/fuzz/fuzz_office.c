/* SPDX-License-Identifier: MIT */
/* libFuzzer target: any bytes as the XML of a DOCX or ODT file, or as the
 * whole archive, through the office reader, the document model and --json. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "diag.h"
#include "form.h"
#include "lang.h"
#include "office.h"
#include "settings.h"
#include "source.h"
#include "xalloc.h"

#include "check.h"

/*
 * The input: a header byte, then the bytes.
 *   bits 0-1: 0 word/document.xml, 1 content.xml (the XML straight to the
 *   reader: a mutated archive seldom gets past its checksums), 2 a DOCX
 *   archive, 3 an ODT archive.
 * Checks: read or refused with a message; every block a span of its file
 * with displayable text; the --json output valid JSON.
 */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct settings *base_cfg;

/* The XML s[0..n) of form read as the reader reads a file's main part,
 * into src. */
static int
read_xml(struct source *src, int form, const char *s, size_t n, struct buf *why)
{
	struct form_out o;
	struct buf text = {0};
	int status;

	memset(src, 0, sizeof *src);
	memset(&o, 0, sizeof o);
	src->name = xstrdup(form == FORM_DOCX ? "fuzz.docx" : "fuzz.odt");
	src->form = form;
	src->blocks = xcalloc(1, sizeof *src->blocks);
	o.text = &text;
	o.blocks = src->blocks;
	buf_add(&text, "", 0);
	status = office_read_xml(&o, form, s, n, src->name, why);
	form_end(&o);
	buf_free(&o.hrefs);
	src->data = text.s;
	src->len = text.len;
	src->encoding = xstrdup("UTF-8");
	if (status < 0)
		source_free(src);
	return status;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct source *src;
	struct buf why = {0}, text = {0};
	struct doc *doc;
	const char *s = (const char *)data + 1;
	int mode, form, status;

	if (!base_cfg)
		base_cfg = fuzz_settings();
	if (size < 1)
		return 0;
	mode = data[0] & 3;
	form = mode & 1 ? FORM_ODT : FORM_DOCX;
	src = xcalloc(1, sizeof *src);
	if (mode < 2)
		status = read_xml(src, form, s, size - 1, &why);
	else
		status = source_from_memory_as(src, form == FORM_ODT ? "fuzz.odt" : "fuzz.docx",
		    s, size - 1, NULL, form, &why);
	if (status == 0) {
		doc = doc_build(src, 1, NULL);
		align_doc(doc);
		check_blocks(doc, &text);
		check_json(doc, NULL);
		doc_free(doc);
	} else {
		check(why.len > 0, "a file refused without a message");
		source_free(src);
		free(src);
	}
	buf_free(&why);
	buf_free(&text);
	return 0;
}
