/* SPDX-License-Identifier: MIT */
/* libFuzzer target: any text as the blocks of a document whose languages
 * the header gives, through the aligner, the pillars and --json, checking
 * what a JSON reader relies on. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "doc.h"
#include "lang.h"
#include "pillar.h"
#include "settings.h"

#include "check.h"

/*
 * The input: a header of four bytes, then the text (an input shorter than
 * the header is all text, with a header of zeros).  Bytes 2 and 3 give the
 * blocks their languages (fuzz_doc in check.h, where fuzz_reader would
 * detect them); bytes 0 and 1 are not read, so that fuzz_layout's inputs
 * serve here too.
 *
 * Invariants, each an abort() when broken:
 *  - the pillars tag every block, a slice at a time;
 *  - the --json output is valid UTF-8 and valid JSON.
 */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { HEADER = FUZZ_DOC_HEADER };

/* The settings, pillars and languages every run starts from. */
static struct settings *base_cfg;
static struct pillar_set *base_set;
static int base_langs;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char h[HEADER];
	struct doc *doc;

	if (!base_cfg) {
		base_cfg = fuzz_settings();
		base_langs = lang_count();
		base_set = pillar_set_new(base_cfg, NULL);
	}
	doc = fuzz_doc(data, size, h, base_langs);
	align_doc(doc);
	check_tagging(base_set, doc);
	doc_free(doc);
	return 0;
}
