/* SPDX-License-Identifier: MIT */
/* Unit tests of the reader's fixes of the alignment: J joins a row with
 * the next, S splits a language off, applied over the automatic rows. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "align.h"
#include "buf.h"
#include "doc.h"
#include "fix.h"
#include "lang.h"
#include "settings.h"
#include "tap.h"

/* The rows of doc as "bg 0-1 en 0-0 | ..." (first and last block, "-"
 * for none), a * after a fixed row. */
static const char *
rows_of(const struct doc *doc)
{
	static struct buf b;
	size_t r;
	int l;

	buf_reset(&b);
	buf_add(&b, "", 0);
	for (r = 0; r < doc->nrows; r++) {
		if (r)
			buf_adds(&b, " | ");
		for (l = 0; l < doc->nlangs; l++) {
			size_t s = doc->row_start[r * doc->nlangs + l];
			size_t n = doc->row_count[r * doc->nlangs + l];

			if (l)
				buf_adds(&b, " ");
			if (n)
				buf_printf(&b, "%s %zu-%zu", lang_code(doc->langs[l]), s, s + n - 1);
			else
				buf_printf(&b, "%s -", lang_code(doc->langs[l]));
		}
		if (doc->row_fixed && doc->row_fixed[r])
			buf_adds(&b, "*");
	}
	return b.s;
}

static struct doc *
open_doc(const char *path, const struct fixes *f)
{
	char *paths[1] = { (char *)path };
	struct buf why = {0};
	struct doc *doc = doc_open(paths, 1, NULL, &why);

	buf_free(&why);
	if (doc) {
		doc->fixes = f;
		align_doc(doc);
	}
	return doc;
}

/* Align doc again with the fixes f. */
static void
realign(struct doc *doc, const struct fixes *f)
{
	doc->aligned = 0;
	doc->fixes = f;
	align_doc(doc);
}

int
main(void)
{
	struct settings *cfg = settings_new();
	struct fixes f;
	struct doc *doc;
	char path[256];
	FILE *out;
	int i;

	lang_load(cfg);
	snprintf(path, sizeof path, "%s/diglot-fix-%d.txt",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid());
	out = fopen(path, "w");
	for (i = 1; i <= 4; i++)
		fprintf(out, "Параграф %d: мигрантите и децата, които пътуват сами, имат нужда от защита.\n\n", i);
	for (i = 1; i <= 4; i++)
		fprintf(out, "Paragraph %d: migrants and the children who travel alone need protection.\n\n", i);
	fclose(out);

	memset(&f, 0, sizeof f);
	doc = open_doc(path, NULL);
	is_str(rows_of(doc), "bg 0-0 en 0-0 | bg 1-1 en 1-1 | bg 2-2 en 2-2 | bg 3-3 en 3-3",
	    "four pairs, aligned one to one");

	ok(fix_join(doc, 0, &f.v[f.n]) == 0, "J on the first row is a fix");
	f.n++;
	realign(doc, &f);
	is_str(rows_of(doc), "bg 0-1 en 0-1* | bg 2-2 en 2-2 | bg 3-3 en 3-3",
	    "J joins the first row with the second, and the row says it is fixed");
	ok(fix_join(doc, 2, &f.v[0]) == -1, "J on the last row is no fix");

	ok(fix_split(doc, 0, 0, &f.v[f.n]) == 0, "S on the joined row, Bulgarian focused");
	f.n++;
	realign(doc, &f);
	is_str(rows_of(doc), "bg - en 0-1 | bg 0-1 en -* | bg 2-2 en 2-2 | bg 3-3 en 3-3",
	    "S puts the focused language's blocks in a row of their own, after the others");
	ok(fix_split(doc, 1, 0, &f.v[f.n]) == 0, "S again on the row of two Bulgarian blocks");
	f.n++;
	realign(doc, &f);
	is_str(rows_of(doc), "bg - en 0-1 | bg 0-0 en -* | bg 1-1 en - | bg 2-2 en 2-2 | bg 3-3 en 3-3",
	    "... splits its first block off");
	ok(fix_split(doc, 1, 0, &f.v[0]) == -1, "S on a row of one block alone is no fix");
	ok(fix_join(doc, 0, &f.v[f.n]) == 0, "J joins the English row with the first Bulgarian");
	f.n++;
	realign(doc, &f);
	is_str(rows_of(doc), "bg 0-0 en 0-1* | bg 1-1 en - | bg 2-2 en 2-2 | bg 3-3 en 3-3",
	    "... into a pair of one Bulgarian block and two English");

	/* Undo: the fixes but the last, over the automatic rows again. */
	f.n--;
	realign(doc, &f);
	is_str(rows_of(doc), "bg - en 0-1 | bg 0-0 en -* | bg 1-1 en - | bg 2-2 en 2-2 | bg 3-3 en 3-3",
	    "undoing the last fix gives the rows before it");
	f.n = 0;
	realign(doc, &f);
	ok(doc->row_fixed == NULL || !memchr(doc->row_fixed, 1, doc->nrows),
	    "with no fixes no row is fixed");
	is_str(rows_of(doc), "bg 0-0 en 0-0 | bg 1-1 en 1-1 | bg 2-2 en 2-2 | bg 3-3 en 3-3",
	    "... and the rows are the automatic ones");

	/* Fixes that do not fit are left out. */
	memset(&f, 0, sizeof f);
	f.n = 3;
	f.v[0].n = 1;
	strcpy(f.v[0].lang[0], "fr");
	f.v[0].from[0] = 0;
	f.v[0].to[0] = 1;
	f.v[1].n = 1;
	strcpy(f.v[1].lang[0], "en");
	f.v[1].from[0] = 3;
	f.v[1].to[0] = 9;
	f.v[2].n = 2;
	strcpy(f.v[2].lang[0], "bg");
	strcpy(f.v[2].lang[1], "en");
	f.v[2].from[0] = 2;
	f.v[2].to[0] = 4;
	f.v[2].from[1] = 2;
	f.v[2].to[1] = 4;
	realign(doc, &f);
	ok(doc->fixes_left_out == 2, "a fix of a language the briefing lacks, and one past "
	    "its end, are left out (%d)", doc->fixes_left_out);
	is_str(rows_of(doc), "bg 0-0 en 0-0 | bg 1-1 en 1-1 | bg 2-3 en 2-3*",
	    "... and the one that fits is applied");

	doc_free(doc);
	unlink(path);
	lang_unload();
	settings_free(cfg);
	return tap_done();
}
