/* SPDX-License-Identifier: MIT */
/* libFuzzer target: any bytes as a web page (or a pair of pages) through
 * the HTML or XML parser, the block reader, the document model and --json. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "diag.h"
#include "form.h"
#include "lang.h"
#include "settings.h"
#include "source.h"
#include "xalloc.h"

#include "check.h"

/*
 * The input: a header byte, then the page.
 *   bit 0: XHTML (the XML parser), else HTML;
 *   bit 1: two pages (the second from the middle on), as a language pair;
 *   bit 2: --encoding WINDOWS-1251, else the encoding is found.
 * Checks: the page is read (or refused with a message), every block a
 * span of its file with displayable text, the --json output valid JSON.
 */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct settings *base_cfg;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[2] = { "page.bg.html", "page.en.html" };
	struct source *files;
	struct buf why = {0}, text = {0};
	struct doc *doc;
	const char *s = (const char *)data + 1, *enc;
	size_t n, cut;
	int form, nfiles, f, got = 0;

	if (!base_cfg)
		base_cfg = fuzz_settings();
	if (size < 1)
		return 0;
	form = data[0] & 1 ? FORM_XHTML : FORM_HTML;
	nfiles = data[0] & 2 ? 2 : 1;
	enc = data[0] & 4 ? "WINDOWS-1251" : NULL;
	n = size - 1;
	cut = nfiles == 2 ? n / 2 : n;
	files = xcalloc(nfiles, sizeof *files);
	for (f = 0; f < nfiles; f++) {
		buf_reset(&why);
		if (source_from_memory_as(&files[got], names[f], f ? s + cut : s,
		    f ? n - cut : cut, enc, form, &why) == 0)
			got++;
		else {
			check(why.len > 0, "a page refused without a message");
			source_free(&files[got]);
		}
	}
	if (got) {
		doc = doc_build(files, got, NULL);
		align_doc(doc);
		check_blocks(doc, &text);
		check_json(doc, NULL);
		doc_free(doc);
	} else {
		free(files);
	}
	buf_free(&why);
	buf_free(&text);
	return 0;
}
