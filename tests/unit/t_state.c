/* SPDX-License-Identifier: MIT */
/* Unit tests of the remembered place: the state file, its identity, where
 * it is kept, finding the place in an edited briefing, pruning. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "align.h"
#include "doc.h"
#include "lang.h"
#include "settings.h"
#include "source.h"
#include "state.h"
#include "tap.h"

static char tmp[256];

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
}

static int
exists(const char *path)
{
	struct stat sb;

	return lstat(path, &sb) == 0;
}

/* A briefing of n pairs, the first paragraph starting with first. */
static void
write_briefing(const char *path, int n, const char *first)
{
	FILE *f = fopen(path, "w");
	int i;

	if (first)
		fprintf(f, "%s\n\n", first);
	for (i = 1; i <= n; i++)
		fprintf(f, "Параграф %d: мигрантите и децата, които пътуват сами.\n\n"
		    "Paragraph %d: migrants and the children who travel alone.\n\n", i, i);
	fclose(f);
}

static struct doc *
open_doc(const char *path)
{
	char *paths[1] = { (char *)path };
	struct buf why = {0};
	struct doc *doc = doc_open(paths, 1, NULL, &why);

	if (doc)
		align_doc(doc);
	buf_free(&why);
	return doc;
}

static void
test_parse(void)
{
	static const char good[] =
	    "diglot-state 1\npath /a/b.txt\ntop 12 3\ncurrent 14\nlanguages bg en\n"
	    "show right\nstacked yes\nfocus right\ntext Децата, които\nlater-key 5\n"
	    "mark a 40 Параграф 41\nmark Z 3\n";
	struct state_place pl;
	struct state st;
	struct buf why = {0}, out = {0};

	ok(state_parse(&pl, good, strlen(good), &why) == 0, "a state file parses");
	ok(pl.top == 12 && pl.top_line == 3 && pl.cur == 14, "its place");
	ok(strcmp(pl.lang[0], "bg") == 0 && strcmp(pl.lang[1], "en") == 0 &&
	    pl.show == 2 && pl.stacked == 1 && pl.focus == 1, "its languages and layout");
	is_str(pl.text, "Децата, които", "its first words");
	ok(pl.mark[state_mark_index('a')].set && pl.mark[state_mark_index('a')].row == 40 &&
	    strcmp(pl.mark[state_mark_index('a')].text, "Параграф 41") == 0 &&
	    pl.mark[state_mark_index('Z')].set && pl.mark[state_mark_index('Z')].row == 3 &&
	    !pl.mark[state_mark_index('b')].set, "its bookmarks");
	ok(state_mark_index('0') == 52 && state_mark_letter(52) == '0' &&
	    state_mark_letter(state_mark_index('Q')) == 'Q' && state_mark_index('\'') == -1,
	    "bookmarks are letters and digits");

	memset(&st, 0, sizeof st);
	buf_adds(&st.paths, "/a/b.txt\n");
	st.place = pl;
	state_format(&st, &out);
	is_str(out.s, "diglot-state 1\npath /a/b.txt\ntop 12 3\ncurrent 14\n"
	    "languages bg en\nshow right\nstacked yes\nfocus right\ntext Децата, които\n"
	    "mark a 40 Параграф 41\nmark Z 3\n",
	    "it is written back the same, less the key it does not know");
	memset(&pl, 0, sizeof pl);
	ok(state_parse(&pl, out.s, out.len, &why) == 0 && pl.top == 12 && pl.show == 2,
	    "what it writes it reads");

	{
		static const struct {
			const char *text, *why;
		} bad[] = {
			{ "", "empty" },
			{ "diglot-state 2\ntop 1 0\n", "line 1: version 2, written by another diglot" },
			{ "hello\n", "line 1: not a state file" },
			{ "diglot-state 1\ntop 1\n", "line 2: top wants a row and a line" },
			{ "diglot-state 1\ntop -1 0\n", "line 2: top wants" },
			{ "diglot-state 1\ntop 99999999999999999999 0\n", "line 2: top wants" },
			{ "diglot-state 1\ncurrent x\n", "line 2: current wants a row" },
			{ "diglot-state 1\nlanguages bg\n", "line 2: languages wants two codes" },
			{ "diglot-state 1\nlanguages b\x1b[0m en\n", "line 2: languages wants" },
			{ "diglot-state 1\nshow all\n", "line 2: show wants both, left or right" },
			{ "diglot-state 1\n\nfocus\n", "line 3: a key without a value" },
			{ "diglot-state 1\nmark ! 3\n", "line 2: mark wants a letter" },
			{ "diglot-state 1\nmark ab 3\n", "line 2: mark wants a letter" },
			{ "diglot-state 1\nmark a x\n", "line 2: mark wants a letter" },
			{ "diglot-state 1\ntext \xff\xfe\n", "not a state file (binary or not UTF-8)" },
		};
		size_t i;

		for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			int rc;

			buf_reset(&why);
			rc = state_parse(&pl, bad[i].text, strlen(bad[i].text), &why);
			ok(rc == -1 && why.s && strncmp(why.s, bad[i].why, strlen(bad[i].why)) == 0,
			    "refused: %s (%s)", bad[i].why, why.s ? why.s : "accepted");
		}
	}
	buf_reset(&why);
	ok(state_parse(&pl, "diglot-state 1\ntext a\x1b]52;c;eA==\x07 b\n", 28, &why) == 0 &&
	    !strchr(pl.text, '\x1b') && !strchr(pl.text, '\x07'),
	    "the first words lose their control characters");
	{
		struct buf big = {0};

		buf_adds(&big, "diglot-state 1\n");
		while (big.len <= 65536)
			buf_adds(&big, "text aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n");
		buf_reset(&why);
		ok(state_parse(&pl, big.s, big.len, &why) == -1 && strstr(why.s, "larger"),
		    "a huge file is refused");
		buf_free(&big);
	}
	buf_free(&why);
	buf_free(&out);
	buf_free(&st.paths);
}

static void
test_id(void)
{
	struct source a[2], b[2];
	char ia[STATE_ID + 1], ib[STATE_ID + 1], ic[STATE_ID + 1];

	memset(a, 0, sizeof a);
	a[0].data = "Първи.\n";
	a[0].len = strlen(a[0].data);
	a[1].data = "First.\n";
	a[1].len = strlen(a[1].data);
	memcpy(b, a, sizeof b);
	state_id(a, 2, ia);
	state_id(b, 2, ib);
	ok(strlen(ia) == STATE_ID && strcmp(ia, ib) == 0, "the same text, the same id");
	b[1].data = "First!\n";
	state_id(b, 2, ic);
	ok(strcmp(ia, ic) != 0, "a changed byte, another id");
	b[0] = a[1];
	b[1] = a[0];
	state_id(b, 2, ic);
	ok(strcmp(ia, ic) != 0, "the files in another order, another id");
	b[0].data = "Първи.\nFirst.\n";
	b[0].len = strlen(b[0].data);
	state_id(b, 1, ic);
	ok(strcmp(ia, ic) != 0, "the files joined into one, another id");
}

static void
test_open_save(void)
{
	char path[300], moved[300], sdir[300], bad[400];
	struct state st, again;
	struct buf why = {0};
	struct doc *doc;
	int rc;

	snprintf(path, sizeof path, "%s/brief.txt", tmp);
	snprintf(moved, sizeof moved, "%s/renamed.txt", tmp);
	snprintf(sdir, sizeof sdir, "%s/state", tmp);
	setenv("XDG_STATE_HOME", sdir, 1);
	write_briefing(path, 30, NULL);
	doc = open_doc(path);
	ok(doc && doc->nrows == 30, "a briefing of 30 rows");

	ok(state_open(&st, doc->files, doc->nfiles, &why) == 0 && !st.found,
	    "no state at first");
	st.place.top = 20;
	st.place.top_line = 1;
	st.place.cur = 21;
	strcpy(st.place.lang[0], "en");
	strcpy(st.place.lang[1], "bg");
	state_row_text(doc, 20, st.place.text);
	ok(strncmp(st.place.text, "Параграф 21", strlen("Параграф 21")) == 0,
	    "the first words of a row");
	rc = state_save(&st, &why);
	ok(rc == 0, "the place is written (%s)", why.s ? why.s : "");
	ok(exists(st.file.s), "into the state folder, made for it");
	state_free(&st);
	doc_free(doc);

	/* Renamed: the same text finds the same state. */
	rename(path, moved);
	doc = open_doc(moved);
	ok(state_open(&again, doc->files, doc->nfiles, &why) == 1 && !again.moved &&
	    again.place.top == 20 && strcmp(again.place.lang[0], "en") == 0,
	    "a renamed briefing keeps its place");
	ok(state_find_row(doc, again.place.top, again.place.text) == 20, "the place is where it was");
	ok(state_save(&again, &why) == 0, "and is written under the new path");
	state_free(&again);
	doc_free(doc);

	/* Edited: two rows before; the state of the path, moved. */
	write_briefing(moved, 30, "Ново въведение.\n\nA new introduction.\n\nОще един.\n\nOne more.");
	doc = open_doc(moved);
	ok(state_open(&again, doc->files, doc->nfiles, &why) == 1 && again.moved,
	    "an edited briefing takes the state of its path");
	ok(state_find_row(doc, again.place.top, again.place.text) == 22,
	    "its place follows the paragraph that was at the top (row %ld)",
	    state_find_row(doc, again.place.top, again.place.text));
	strcpy(again.place.text, "No such paragraph at all");
	ok(state_find_row(doc, again.place.top, again.place.text) == -1, "a paragraph that is gone: no place");
	state_free(&again);

	/* A bad state file is kept aside. */
	state_open(&again, doc->files, doc->nfiles, &why);
	write_file(again.file.s, "diglot-state 9\ntop 3 0\n");
	buf_reset(&why);
	snprintf(bad, sizeof bad, "%s.bad", again.file.s);
	state_free(&again);
	rc = state_open(&again, doc->files, doc->nfiles, &why);
	ok(rc == -1 && !again.found && strstr(why.s, "version 9") && strstr(why.s, "kept as") &&
	    strstr(why.s, ".bad") && exists(bad) &&
	    !exists(again.file.s), "a bad state file: a message, and kept as .bad (%s)",
	    why.s ? why.s : "");
	state_free(&again);

	/* A state file too large to be one: kept aside too. */
	state_open(&again, doc->files, doc->nfiles, &why);
	{
		FILE *f = fopen(again.file.s, "w");
		int k;

		fputs("diglot-state 1\n", f);
		for (k = 0; k < 2000; k++)
			fputs("text aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", f);
		fclose(f);
	}
	snprintf(bad, sizeof bad, "%s.bad", again.file.s);
	unlink(bad);
	state_free(&again);
	buf_reset(&why);
	rc = state_open(&again, doc->files, doc->nfiles, &why);
	ok(rc == -1 && !again.found && strstr(why.s, "larger than a state file") &&
	    exists(bad) && !exists(again.file.s), "a state file past 64 KB: a message, and "
	    "kept as .bad (%s)", why.s ? why.s : "");
	state_free(&again);

	/* A state folder that is a file. */
	snprintf(sdir, sizeof sdir, "%s/plain", tmp);
	write_file(sdir, "x");
	snprintf(bad, sizeof bad, "%s/plain/deeper", tmp);
	setenv("XDG_STATE_HOME", bad, 1);
	buf_reset(&why);
	state_open(&again, doc->files, doc->nfiles, &why);
	buf_reset(&why);
	ok(state_save(&again, &why) == -1 && strstr(why.s, "plain"),
	    "a state folder that cannot be made: a message naming it (%s)",
	    why.s ? why.s : "");
	state_free(&again);
	doc_free(doc);

	unsetenv("XDG_STATE_HOME");
	setenv("HOME", tmp, 1);
	buf_reset(&why);
	ok(state_dir(&why, &why) == 0 && strstr(why.s, "/.local/state/diglot"),
	    "without XDG_STATE_HOME: ~/.local/state/diglot");
	buf_free(&why);
}

/* First words cut just after a blank read back the same, and find their row. */
static void
test_cut_text(void)
{
	char path[300];
	struct state st;
	struct state_place back;
	struct buf why = {0}, out = {0};
	struct doc *doc;
	FILE *f;

	snprintf(path, sizeof path, "%s/cut.txt", tmp);
	f = fopen(path, "w");
	fprintf(f, "Intro.\n\nУвод.\n\n%.62s the end of the first words.\n\n"
	    "Параграф с думи, които се режат.\n\n", "Words, words and words that run on "
	    "and on to be cut right at a blank.");
	fclose(f);
	doc = open_doc(path);
	memset(&st, 0, sizeof st);
	st.place.top = 1;
	state_row_text(doc, 1, st.place.text);
	ok(st.place.text[0] && st.place.text[strlen(st.place.text) - 1] != ' ',
	    "first words cut at a blank do not end in it ('%s')", st.place.text);
	state_format(&st, &out);
	ok(state_parse(&back, out.s, out.len, &why) == 0 &&
	    strcmp(back.text, st.place.text) == 0, "and read back the same");
	ok(state_find_row(doc, back.top, back.text) == 1, "and find their row");
	doc_free(doc);
	buf_free(&why);
	buf_free(&out);
}

static void
test_prune(void)
{
	char dir[300], p[400];
	struct stat sb;
	int i, left = 0;

	snprintf(dir, sizeof dir, "%s/prune", tmp);
	mkdir(dir, 0700);
	for (i = 0; i < 6; i++) {
		struct timespec t[2];

		snprintf(p, sizeof p, "%s/%032x", dir, i);
		write_file(p, "diglot-state 1\n");
		t[0].tv_sec = t[1].tv_sec = 1000000 + i * 100;
		t[0].tv_nsec = t[1].tv_nsec = 0;
		utimensat(AT_FDCWD, p, t, 0);
	}
	snprintf(p, sizeof p, "%s/path-%032x", dir, 1);
	symlink("00000000000000000000000000000001", p);
	snprintf(p, sizeof p, "%s/notes.txt", dir);
	write_file(p, "mine");
	state_prune(dir, 3);
	for (i = 0; i < 6; i++) {
		snprintf(p, sizeof p, "%s/%032x", dir, i);
		if (stat(p, &sb) == 0)
			left |= 1 << i;
	}
	ok(left == 0x38, "pruning keeps the three newest (kept %#x)", left);
	snprintf(p, sizeof p, "%s/path-%032x", dir, 1);
	ok(!exists(p), "and drops a path link whose state went");
	snprintf(p, sizeof p, "%s/notes.txt", dir);
	ok(exists(p), "and leaves other files alone");
}

int
main(void)
{
	struct settings *cfg = settings_new();
	char cmd[300];

	snprintf(tmp, sizeof tmp, "%s/diglot-state-XXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(tmp)) {
		printf("1..0 # SKIP no temporary folder\n");
		return 0;
	}
	lang_load(cfg);
	test_parse();
	test_id();
	test_open_save();
	test_cut_text();
	test_prune();
	lang_unload();
	settings_free(cfg);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		fprintf(stderr, "# could not remove %s\n", tmp);
	return tap_done();
}
