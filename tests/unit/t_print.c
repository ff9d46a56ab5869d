/* SPDX-License-Identifier: MIT */
/* Unit tests of the page renderer: columns aligned by display width. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "doc.h"
#include "lang.h"
#include "layout.h"
#include "print.h"
#include "settings.h"
#include "tap.h"
#include "text.h"

/* Whether every line of side-by-side pages puts the right column at
 * display column x (or has nothing there), with only blanks before it
 * from the left column's end. */
static int
aligned(const char *pages, int x, int *lines_checked)
{
	const char *p = pages;
	int good = 1;

	*lines_checked = 0;
	while (*p) {
		const char *nl = strchr(p, '\n'), *e = nl ? nl : p + strlen(p);
		size_t n = e - p, fit;
		int used;

		if (*p == '\f') {
			p++;
			continue;
		}
		/* The page header is no body line. */
		if (n > 10 && memmem(p, n, "Page ", 5) && memmem(p, n, " of ", 4)) {
			p = nl ? nl + 1 : e;
			continue;
		}
		fit = text_fit(p, n, x, &used);
		if (fit < n && text_width(p, n) > x) {
			/* Something starts at x: it must start exactly there,
			 * after at least one blank, and not be a blank. */
			(*lines_checked)++;
			if (used != x || p[fit] == ' ' || fit == 0 || p[fit - 1] != ' ')
				good = 0;
		}
		p = nl ? nl + 1 : e;
	}
	return good;
}

int
main(void)
{
	const char *src = getenv("TESTS_SRCDIR"), *ex = getenv("EXAMPLES");
	struct settings *cfg;
	char path[2][512];
	int k, w;

	if (!src || !ex) {
		printf("1..0 # SKIP TESTS_SRCDIR or EXAMPLES is not set\n");
		return 0;
	}
	snprintf(path[0], sizeof path[0], "%s/briefing-bg-en.txt", ex);
	snprintf(path[1], sizeof path[1], "%s/data/print/zh-en.txt", src);
	cfg = settings_new();
	lang_load(cfg);
	for (k = 0; k < 2; k++) {
		char *paths[1] = { path[k] };
		struct buf why = {0};
		struct doc *doc = doc_open(paths, 1, NULL, &why);
		size_t *rows, r;

		if (!ok(doc != NULL, "%s opens", k ? "zh-en" : "bg-en"))
			continue;
		align_doc(doc);
		rows = malloc(sizeof *rows * (doc->nrows + 1));
		for (r = 0; r < doc->nrows; r++)
			rows[r] = r;
		for (w = 60; w <= 140; w += 8) {
			struct print_opts po;
			struct layout_opts lo;
			struct layout_geom g;
			struct buf out = {0};
			int checked = 0, good;

			memset(&po, 0, sizeof po);
			po.width = w;
			po.lines = 30;
			po.layout = PRINT_SIDE;
			po.side[0] = 0;
			po.side[1] = 1;
			po.header = 1;
			print_render(doc, rows, doc->nrows, &po, &out);
			memset(&lo, 0, sizeof lo);
			lo.width = w;
			lo.split = 50;
			lo.gutter = 3;
			lo.side[0] = 0;
			lo.side[1] = 1;
			layout_geom(&lo, &g);
			good = aligned(out.s, g.x[1], &checked);
			ok(good && checked > 5,
			    "%s at %d columns: the second column starts at column %d on all %d lines",
			    k ? "zh-en" : "bg-en", w, g.x[1], checked);
			buf_free(&out);
		}
		free(rows);
		doc_free(doc);
	}
	lang_unload();
	settings_free(cfg);
	return tap_done();
}
