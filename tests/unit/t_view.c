/* SPDX-License-Identifier: MIT */
/* Unit tests of the viewer's pure parts: keys, scrolling, search. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "align.h"
#include "doc.h"
#include "keys.h"
#include "lang.h"
#include "search.h"
#include "settings.h"
#include "tap.h"
#include "view.h"

static struct doc *
make_doc(int pairs, char *path, size_t n)
{
	char *paths[1] = { path };
	struct buf why = {0};
	struct doc *doc;
	FILE *f;
	int i, k;

	snprintf(path, n, "%s/diglot-view-%d.txt",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid());
	f = fopen(path, "w");
	for (i = 1; i <= pairs; i++) {
		fprintf(f, "Параграф %d. Това е текстът на параграфа, който се повтаря", i);
		for (k = 0; k < i % 7; k++)
			fprintf(f, " и става все по-дълъг с всеки следващ ред");
		fprintf(f, ".\n\nParagraph %d. This is the text of the paragraph, which repeats", i);
		for (k = 0; k < i % 7; k++)
			fprintf(f, " and grows longer with every next line");
		fprintf(f, ".\n\n");
	}
	fclose(f);
	doc = doc_open(paths, 1, NULL, &why);
	if (doc)
		align_doc(doc);
	return doc;
}

static void
layout_for(struct layout_opts *lo, int width, int mode)
{
	memset(lo, 0, sizeof *lo);
	lo->width = width;
	lo->mode = mode;
	lo->split = 50;
	lo->gutter = 3;
	lo->side[0] = 0;
	lo->side[1] = 1;
}

int
main(void)
{
	struct settings *cfg = settings_new();
	struct layout_opts lo;
	struct view v;
	struct search s = {0};
	struct doc *doc;
	char path[256];
	const char *bad = NULL;
	size_t i;
	int line;

	lang_load(cfg);

	/* Keys. */
	keys_init();
	ok(keys_action('j') == ACT_DOWN && keys_action(K_DOWN) == ACT_DOWN,
	    "j and Down scroll down");
	ok(keys_action(' ') == ACT_PAGE_DOWN && keys_action(K_PGDN) == ACT_PAGE_DOWN,
	    "Space and PgDn page down");
	ok(keys_action(K_F1) == ACT_HELP && keys_action('h') == ACT_HELP, "h and F1 help");
	ok(keys_action(K_TAB) == ACT_FOCUS, "Tab focuses the other pane");
	ok(keys_parse("C-l", 3) == (K_CTRL | 'l'), "C-l parses");
	ok(keys_parse("F12", 3) == K_F12, "F12 parses");
	ok(keys_parse("PgDn", 4) == K_PGDN && keys_parse("pgdn", 4) == K_PGDN,
	    "key names ignore case");
	ok(keys_parse("ж", strlen("ж")) == 0x436, "a Cyrillic letter is a key");
	ok(keys_parse("Bogus", 5) == -1, "an unknown name is no key");
	ok(keys_find("swap") == ACT_SWAP && keys_find("nope") == ACT_NONE,
	    "actions are found by name");
	ok(keys_bind(ACT_SWAP, "x, F5", &bad) == 0 && keys_action('x') == ACT_SWAP &&
	    keys_action(K_F1 + 4) == ACT_SWAP && keys_action('t') == ACT_NONE,
	    "rebinding swap to x, F5 frees t");
	is_str(keys_describe(ACT_SWAP), "x, F5", "the help shows the new keys");
	ok(keys_bind(ACT_QUIT, "q, Nope", &bad) == -1 && bad && strncmp(bad, "Nope", 4) == 0 &&
	    keys_action('q') == ACT_QUIT, "a bad key name is refused and keeps the old keys");
	ok(keys_bind(ACT_SEARCH, ",", &bad) == 0 && keys_action(',') == ACT_SEARCH,
	    "a lone comma is the comma key");
	keys_init();
	{
		const struct key_action *k;
		int all = 1;

		for (k = keys_table; k->name; k++)
			all &= keys_describe(k->action)[0] != '\0';
		ok(all, "every action in the table has a key by default");
	}

	/* Scrolling keeps its place across widths. */
	doc = make_doc(60, path, sizeof path);
	ok(doc && doc->nrows == 60, "a generated briefing of 60 pairs has 60 rows");
	layout_for(&lo, 120, LAYOUT_SIDE);
	view_init(&v, doc, &lo, 30);
	view_goto_top(&v, 17);
	view_scroll(&v, 1);
	ok(v.top == 17 && v.top_line == 1, "the anchor is a row and a line within it");
	layout_for(&lo, 60, LAYOUT_STACKED);
	view_set_layout(&v, &lo, 30);
	ok(v.top == 17, "a narrower, stacked layout keeps the top row");
	layout_for(&lo, 200, LAYOUT_SIDE);
	view_set_layout(&v, &lo, 30);
	ok(v.top == 17 && v.top_line <= 1, "a wider layout keeps the top row");
	view_goto_top(&v, 0);
	view_scroll(&v, -5);
	ok(v.top == 0 && v.top_line == 0, "scrolling up stops at the start");
	view_end(&v);
	ok(v.cur == 59, "the end makes the last row current");
	ok(view_at(&v, 29, &i, &line) && i == 59, "... and shows it at the bottom");
	view_scroll(&v, 10);
	ok(v.cur == 59 && view_at(&v, 29, &i, &line) && i == 59,
	    "scrolling past the end stays at the end");
	view_goto_top(&v, 20);
	view_scroll(&v, 200);
	ok(view_visible(&v, v.cur), "the current row follows the scroll");
	view_goto(&v, 5);
	ok(v.cur == 5 && view_visible(&v, 5), "going to a row off screen shows it");
	{
		size_t rows[] = { 3, 9, 27 };

		view_filter(&v, rows, 3);
		ok(v.nshown == 3 && view_row(&v, v.cur) == 9,
		    "a filter keeps the nearest row that it shows");
		view_filter(&v, NULL, 0);
		ok(v.nshown == 60 && view_row(&v, v.cur) == 9, "lifting it keeps the row");
	}

	/* Search. */
	ok(search_set(&s, "ПАРАГРАФ 7.") == 0, "a pattern is set");
	{
		int sides[2] = { 0, 1 };

		search_scan(&s, doc, sides, NULL, NULL);
	}
	ok(s.total == 1 && s.nrows == 1 && s.rows[0] == 6,
	    "upper-case Cyrillic finds the paragraph in lower case");
	search_set(&s, "paragraph");
	{
		int sides[2] = { 0, 1 };

		search_scan(&s, doc, sides, NULL, NULL);
	}
	ok(s.total == 120 && s.nrows == 60, "every match counts, twice in each row");
	ok(search_next(&s, 10, 0) == 11 && search_next(&s, 10, 1) == 9,
	    "next and previous rows with matches");
	ok(search_next(&s, 59, 0) == 0, "searching on from the last row wraps");
	{
		struct span sp[4];
		const char *t = "Café, CAFE and cafe";
		size_t n;

		search_set(&s, "café");
		n = search_text(&s, t, strlen(t), sp, 4);
		ok(n == 3 && sp[0].start == 0 && sp[0].end == 5 && sp[1].start == 7 &&
		    sp[1].end == 11, "matches map back to byte ranges of the text");
	}
	search_free(&s);
	view_free(&v);
	doc_free(doc);
	unlink(path);
	lang_unload();
	settings_free(cfg);
	return tap_done();
}
