/* SPDX-License-Identifier: MIT */
/* libFuzzer target: any bytes through the briefing reader into blocks of
 * languages and rows (fuzz_layout lays such blocks out). */
#include "config.h"

#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "align.h"
#include "doc.h"
#include "form.h"
#include "json.h"
#include "lang.h"
#include "pillar.h"
#include "settings.h"
#include "source.h"
#include "xalloc.h"

#include "check.h"

/*
 * The input: a header of four bytes, then the briefing (an input shorter
 * than the header is all briefing, with a header of zeros).
 *
 *   [0] bits 0-2: the encoding (--encoding; NULL, detection, for half);
 *       bit 3: the briefing is two files, the second starting at [3];
 *       bits 4-5: how many languages are asked for (--lang), 0-3;
 *       bits 6-7: not read
 *   [1] not read (the seeds' headers were made when this target laid
 *       the rows out too)
 *   [2] the languages asked for: one from each nibble, a third from both
 *   [3] where the second file starts, in 256ths of the text; bit 0 also
 *       names it so that its name gives its language
 *
 * Invariants, each an abort() when broken:
 *  - every block is in exactly one row, in its language's column, and the
 *    rows take each language's blocks in document order;
 *  - of a marked-up briefing (its %lang, %tag and %pillar lines: plain
 *    text has none, and reaches the pillars and --json in fuzz_layout),
 *    the pillars tag every block and the --json output is valid UTF-8
 *    and valid JSON.
 */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { HEADER = 4 };

static const char *const encodings[8] = {
	NULL, NULL, NULL, NULL, "WINDOWS-1251", "WINDOWS-1252", "KOI8-R", "UTF-16LE"
};

/* The settings, pillars and languages every run starts from. */
static struct settings *base_cfg;
static struct pillar_set *base_set;
static int base_langs;

static void
init(void)
{
	static iconv_t keep[8];
	int i;

	/* A converter of each encoding, never closed: iconv keeps the
	 * modules of open converters loaded, and would otherwise unload and
	 * load them again from run to run. */
	for (i = 0; i < 8; i++)
		if (encodings[i])
			keep[i] = iconv_open("UTF-8", encodings[i]);
	base_cfg = fuzz_settings();
	base_langs = lang_count();
	base_set = pillar_set_new(base_cfg, NULL);
}

/* Whether doc has a block of the marked-up form. */
static int
marked_up(const struct doc *doc)
{
	size_t b;

	for (b = 0; b < doc->nblocks; b++)
		if (doc->blocks[b].markup == MARKUP_DIGLOT)
			return 1;
	return 0;
}

/* The pillars of a marked-up briefing tag every block, and its --json is
 * checked. */
static void
check_pillars(struct doc *doc)
{
	/* Its %pillar lines go into the settings: give it a copy. */
	struct settings *cfg = doc->pillar_ini.len ? settings_copy(base_cfg) : base_cfg;
	struct pillar_set *set = cfg != base_cfg ? pillar_set_new(cfg, &doc->pillar_ini) :
	    base_set;

	check_tagging(set, doc);
	if (cfg != base_cfg) {
		pillar_set_free(set);
		settings_free(cfg);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char h[HEADER] = { 0 };
	const char *text = (const char *)data, *enc;
	struct source *files;
	struct doc_opts dopts;
	struct doc *doc;
	struct buf why = {0};
	size_t cut;
	int nfiles, want[3];

	if (!base_cfg)
		init();
	if (size >= HEADER) {
		memcpy(h, data, HEADER);
		text += HEADER;
		size -= HEADER;
	}
	enc = encodings[h[0] & 7];
	nfiles = h[0] & 8 ? 2 : 1;
	cut = nfiles == 2 ? size * h[3] / 256 : size;
	files = xcalloc(nfiles, sizeof *files);
	/* Plain text, whatever it looks like: fuzz_html and fuzz_office
	 * read the other forms. */
	check(source_from_memory_as(&files[0], "fuzz.txt", text, cut, enc, FORM_TEXT,
	    &why) == 0, "source_from_memory refused a known encoding");
	if (nfiles == 2)
		check(source_from_memory_as(&files[1],
		    h[3] & 1 ? "fuzz.en.txt" : "fuzz-2.txt", text + cut, size - cut,
		    enc, FORM_TEXT, &why) == 0, "source_from_memory refused a known encoding");

	/* --lang: up to three languages, repeats allowed as on the command
	 * line. */
	memset(&dopts, 0, sizeof dopts);
	dopts.encoding = enc;
	want[0] = (h[2] & 15) % base_langs;
	want[1] = (h[2] >> 4) % base_langs;
	want[2] = (h[2] + (h[2] >> 4)) % base_langs;
	dopts.nlangs = h[0] >> 4 & 3;
	dopts.langs = dopts.nlangs ? want : NULL;

	doc = doc_build(files, nfiles, &dopts);
	align_doc(doc);
	check_rows(doc);
	if (marked_up(doc))
		check_pillars(doc);
	doc_free(doc);
	buf_free(&why);
	/* %lang may have added languages: start the next run afresh. */
	lang_truncate(base_langs);
	return 0;
}
