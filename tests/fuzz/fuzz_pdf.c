/* SPDX-License-Identifier: MIT */
/* libFuzzer target: any bytes as pdftotext's -bbox-layout XHTML through
 * the PDF layout (lines to paragraphs, furniture, footnotes, hyphens,
 * headings) into blocks; pdftotext is not run. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "pdf.h"
#include "text.h"
#include "xalloc.h"

#include "check.h"

/*
 * The input is the XHTML.  Checks: it is read (or refused with a
 * message), every block a span of its text, not empty, on a page from 1,
 * with text that shows clean (text_clean) displayable.  (The document
 * model after the readers is fuzz_reader's and fuzz_html's.)
 */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct settings *base_cfg;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct form_out o;
	struct buf why = {0}, text = {0}, shown = {0};
	struct form_blocks *blocks = xcalloc(1, sizeof *blocks);
	size_t i;

	if (!base_cfg)
		base_cfg = fuzz_settings();
	memset(&o, 0, sizeof o);
	o.text = &text;
	o.blocks = blocks;
	buf_add(&text, "", 0);
	if (pdf_layout(&o, (const char *)data, size, "brief.pdf", &why) < 0) {
		check(why.len > 0, "a PDF's text refused without a message");
		form_end(&o);
		buf_free(&o.hrefs);
		buf_free(&text);
		buf_free(&why);
		form_blocks_free(blocks);
		free(blocks);
		return 0;
	}
	form_end(&o);
	buf_free(&o.hrefs);
	for (i = 0; i < blocks->n; i++) {
		const struct form_block *b = &blocks->v[i];

		check(b->page >= 1 && b->off + b->len <= text.len && b->len > 0,
		    "a block off its page or its text");
		buf_reset(&shown);
		buf_add(&shown, "", 0);
		text_clean(&shown, text.s + b->off, b->len);
		check_text(displayable(shown.s, shown.len), "a block's text is not displayable",
		    shown.s, shown.len);
	}
	buf_free(&shown);
	buf_free(&text);
	buf_free(&why);
	form_blocks_free(blocks);
	free(blocks);
	return 0;
}
