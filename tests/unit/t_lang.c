/* SPDX-License-Identifier: MIT */
/* Language detection on a labelled test set in the ten shipped languages. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc.h"
#include "lang.h"
#include "settings.h"
#include "tap.h"

struct tally {
	char code[8];
	int blocks, right, heads, heads_right;
};

static struct tally tallies[32];
static int ntallies, docs, mismatched;
static char tmpfile_path[256];

static struct tally *
tally_of(const char *code)
{
	int i;

	for (i = 0; i < ntallies; i++)
		if (strcmp(tallies[i].code, code) == 0)
			return &tallies[i];
	snprintf(tallies[ntallies].code, sizeof tallies[0].code, "%s", code);
	return &tallies[ntallies++];
}

/* One document: labels[i] for the i-th block of text. */
static void
run_doc(const char *file, char **labels, int n, struct buf *text)
{
	FILE *f = fopen(tmpfile_path, "w");
	char *paths[1] = { tmpfile_path };
	struct buf why = {0};
	struct doc *doc;
	int i;

	if (!f || n == 0) {
		if (f)
			fclose(f);
		return;
	}
	fwrite(text->s, 1, text->len, f);
	fclose(f);
	doc = doc_open(paths, 1, NULL, &why);
	docs++;
	if (!doc || doc->nblocks != (size_t)n) {
		printf("# %s: document %d has %zu blocks, want %d\n", file, docs,
		    doc ? doc->nblocks : 0, n);
		mismatched++;
	}
	for (i = 0; i < n; i++) {
		struct tally *t = tally_of(labels[i]);
		int right = doc && (size_t)i < doc->nblocks &&
		    strcmp(lang_code(doc->blocks[i].lang), labels[i]) == 0;
		int head = doc && (size_t)i < doc->nblocks &&
		    doc->blocks[i].kind != BLOCK_PARAGRAPH;

		t->blocks++;
		t->right += right;
		t->heads += head;
		t->heads_right += head && right;
		if (!right && doc && (size_t)i < doc->nblocks)
			printf("# %s: doc %d block %d is %s, want %s\n", file, docs, i,
			    lang_code(doc->blocks[i].lang), labels[i]);
	}
	doc_free(doc);
	buf_free(&why);
}

static void
run_file(const char *dir, const char *name)
{
	char path[512], line[8192];
	char *labels[512];
	struct buf text = {0};
	FILE *f;
	int n = 0, i;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (!(f = fopen(path, "r")))
		return;
	while (fgets(line, sizeof line, f)) {
		char *tab;

		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#')
			continue;
		if (strcmp(line, "---") == 0) {
			run_doc(name, labels, n, &text);
			for (i = 0; i < n; i++)
				free(labels[i]);
			n = 0;
			buf_reset(&text);
			continue;
		}
		if (!(tab = strchr(line, '\t')) || n == 512)
			continue;
		*tab = '\0';
		labels[n++] = strdup(line);
		buf_adds(&text, tab + 1);
		buf_adds(&text, "\n\n");
	}
	run_doc(name, labels, n, &text);
	for (i = 0; i < n; i++)
		free(labels[i]);
	buf_free(&text);
	fclose(f);
}

int
main(void)
{
	const char *src = getenv("TESTS_SRCDIR");
	char dir[512];
	struct settings *cfg;
	struct dirent *de;
	DIR *d;
	int i, all = 0, right = 0, heads = 0, heads_right = 0;

	if (!src) {
		printf("1..0 # SKIP TESTS_SRCDIR is not set\n");
		return 0;
	}
	snprintf(dir, sizeof dir, "%s/data/lang", src);
	snprintf(tmpfile_path, sizeof tmpfile_path, "%s/diglot-lang-%d.txt",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid());
	cfg = settings_new();
	lang_load(cfg);
	if (!(d = opendir(dir))) {
		printf("1..0 # SKIP no test set in %s\n", dir);
		return 0;
	}
	while ((de = readdir(d)) != NULL)
		if (strstr(de->d_name, ".tsv"))
			run_file(dir, de->d_name);
	closedir(d);
	unlink(tmpfile_path);
	for (i = 0; i < ntallies; i++) {
		struct tally *t = &tallies[i];

		printf("# %s: %d/%d blocks, %d/%d headings\n", t->code, t->right,
		    t->blocks, t->heads_right, t->heads);
		ok(t->right * 100 >= t->blocks * 90,
		    "%s: at least 90%% of its blocks are labelled %s", t->code, t->code);
		all += t->blocks;
		right += t->right;
		heads += t->heads;
		heads_right += t->heads_right;
	}
	ok(ntallies >= 10, "the test set covers the ten shipped languages");
	ok(mismatched == 0, "every document splits into its labelled blocks");
	printf("# overall: %d/%d blocks (%.1f%%), %d/%d headings (%.1f%%)\n", right, all,
	    100.0 * right / (all ? all : 1), heads_right, heads,
	    100.0 * heads_right / (heads ? heads : 1));
	ok(right * 100 >= all * 95, "at least 95%% of all blocks are labelled right");
	ok(heads_right * 100 >= heads * 95, "at least 95%% of headings are labelled right");
	lang_unload();
	settings_free(cfg);
	return tap_done();
}
