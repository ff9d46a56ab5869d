/* SPDX-License-Identifier: MIT */
/* Unit tests of opening a large briefing: the first part shown at once
 * pairs the right paragraphs, and its rows lead to the same paragraphs of
 * the whole. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <unistr.h>

#include "diag.h"
#include "doc.h"
#include "lang.h"
#include "loader.h"
#include "settings.h"
#include "source.h"
#include "tap.h"
#include "text.h"
#include "xalloc.h"

enum { PAIRS = 6000 };

static char path[256];

/* Write a briefing to path, its lines ended by eol: when markup, in the
 * marked-up form. */
/* Open path, named name in the temporary directory, for writing. */
static FILE *
create(const char *name)
{
	snprintf(path, sizeof path, "%s/diglot-loader-%d-%s",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (int)getpid(), name);
	return fopen(path, "w");
}

static void
write_briefing(const char *name, int markup, const char *eol)
{
	FILE *f = create(name);
	int i;

	if (markup)
		fprintf(f, "%%diglot%s%%lang bg%s%s", eol, eol, eol);
	fprintf(f, "Голям тестов документ%s%s", eol, eol);
	for (i = 1; i <= PAIRS; i++)
		fprintf(f, "Параграф %d: това е текст на български език за проверка на "
		    "отварянето на голям документ. Първата страница трябва да се появи "
		    "веднага, докато останалата част се чете.%s%s", i, eol, eol);
	if (markup)
		fprintf(f, "%%lang en%s%s", eol, eol);
	fprintf(f, "A large test document%s%s", eol, eol);
	for (i = 1; i <= PAIRS; i++)
		fprintf(f, "Paragraph %d: this is a text in English for checking how a "
		    "large document opens. The first page must appear at once while the "
		    "rest is being read.%s%s", i, eol, eol);
	fclose(f);
}

/* The paragraph number in the first block of row r in slot l, 0 for none,
 * -1 for a block with no number (a title). */
static long
number_of(const struct doc *d, size_t r, int l)
{
	struct buf t = {0};
	const uint32_t *ids;
	const char *colon;
	size_t n;
	long k = -1;

	ids = doc_row_blocks(d, r, l, &n);
	if (n == 0)
		return 0;
	buf_add(&t, "", 0);
	doc_block_text(d, ids[0], &t);
	colon = strchr(t.s, ':');
	if (colon && colon > t.s) {
		const char *p = colon;

		while (p > t.s && p[-1] >= '0' && p[-1] <= '9')
			p--;
		if (p < colon)
			k = strtol(p, NULL, 10);
	}
	buf_free(&t);
	return k;
}

/* A sequential briefing with lines ended by eol (named what) opens in two
 * steps: its first part pairs translations, its rows lead to the whole. */
static void
two_steps(const char *what, const char *eol)
{
	struct doc *first = NULL, *whole;
	struct loader *l;
	char *paths[1] = { path };
	size_t r, paired = 0, wrong = 0, mapped = 0, lost = 0;
	int tries = 0;

	write_briefing("seq.txt", 0, eol);
	l = loader_start(paths, 1, NULL, &first);
	ok(l != NULL && first != NULL, "%s: %d pairs (over 2 MiB) open in two steps", what, PAIRS);
	if (!l || !first) {
		unlink(path);
		return;
	}
	ok(first->nlangs == 2 && first->langs[0] == lang_find("bg", 2) &&
	    first->langs[1] == lang_find("en", 2),
	    "%s: the first part holds both versions, Bulgarian first", what);
	ok(first->nrows > 0 && number_of(first, 0, 0) == -1 && number_of(first, 0, 1) == -1,
	    "%s: its first row pairs the two titles", what);
	for (r = 0; r < first->nrows; r++) {
		long a = number_of(first, r, 0), b = number_of(first, r, 1);

		if (a > 0 && b > 0) {
			paired++;
			if (a != b)
				wrong++;
		}
	}
	ok(paired >= 100 && wrong == 0,
	    "%s: every paragraph it pairs is paired with its translation (%zu paired, %zu wrong)",
	    what, paired, wrong);

	/* Up to five minutes: under valgrind on a loaded machine the whole
	 * takes a minute or more; only a reader that never ends takes this. */
	while (!loader_done(l) && tries++ < 6000)
		usleep(50000);
	whole = loader_doc(l, NULL);
	ok(whole && whole->nrows == PAIRS + 1, "%s: the whole is read: %zu rows", what,
	    whole ? whole->nrows : 0);
	for (r = 0; whole && r < first->nrows; r++) {
		long a = number_of(first, r, 0), w = loader_map_row(l, first, r);

		if (a == 0)
			continue;
		if (w < 0 || number_of(whole, (size_t)w, 0) != a)
			lost++;
		else
			mapped++;
	}
	ok(whole && mapped > 0 && lost == 0,
	    "%s: each row of the first part leads to its paragraph in the whole "
	    "(%zu, %zu lost)", what, mapped, lost);
	loader_free(l);
	doc_free(first);
	unlink(path);
}

/* The briefing at path is not shown in parts: the loader leaves it to be
 * read whole. */
static void
read_whole_first(const char *what)
{
	char *paths[1] = { path };
	struct doc *first = NULL;
	struct loader *l = loader_start(paths, 1, NULL, &first);

	ok(l == NULL && first == NULL, "%s", what);
	loader_free(l);
	doc_free(first);
	unlink(path);
}

static char warning[512];

static void
keep_warning(const char *msg)
{
	snprintf(warning, sizeof warning, "%s", msg);
}

/* A large text is checked for UTF-8: what is said of it is
 * what is said of the whole. */
static void
large_encodings(void)
{
	enum { SIZE = 9 << 20 };
	const char *para = "Децата, които пътуват сами, са особено уязвими. ";
	static const char cp1251[] = "\xc4\xe5\xf6\xe0\xf2\xe0 \xf1\xe0 \xf3\xff\xe7\xe2\xe8\xec\xe8 "
	    "\xef\xf0\xe8 \xef\xfa\xf2\xf3\xe2\xe0\xed\xe5. \xd1\xe0\xec\xe8 ";
	char *text = malloc(SIZE), want[64];
	size_t n = 0, at, plen = strlen(para);
	struct source src;
	struct buf why = {0};

	while (n + plen < SIZE) {
		memcpy(text + n, para, plen);
		n += plen;
	}
	/* One bad byte in the second half, where the first letter of a
	 * paragraph is. */
	at = (n * 3 / 4) / plen * plen;
	text[at] = (char)0xFF;
	diag_set_sink(keep_warning);
	warning[0] = '\0';
	snprintf(want, sizeof want, "invalid UTF-8 at byte %zu", at);
	ok(source_from_memory(&src, "big.txt", text, n, NULL, &why) == 0 &&
	    strcmp(src.encoding, "UTF-8") == 0 && strstr(warning, want) != NULL,
	    "9 MiB with one bad byte in its second half: UTF-8, '%s'", warning);
	source_free(&src);

	/* Windows-1251: the same text, its letters one byte each. */
	for (n = 0; n + sizeof cp1251 < SIZE; n += sizeof cp1251 - 1)
		memcpy(text + n, cp1251, sizeof cp1251 - 1);
	warning[0] = '\0';
	ok(source_from_memory(&src, "big1251.txt", text, n, NULL, &why) == 0 &&
	    strcmp(src.encoding, "WINDOWS-1251") == 0 && strstr(warning, "WINDOWS-1251") &&
	    strncmp(src.data, "Децата", strlen("Децата")) == 0,
	    "9 MiB of Windows-1251: detected and converted ('%.60s')", warning);
	source_free(&src);
	diag_set_sink(NULL);
	buf_free(&why);
	free(text);
}

/* What reading the whole says waits for the thread that takes the whole:
 * a bad byte near the end is told when the document is handed over. */
static void
warnings_handed_over(void)
{
	char *paths[1] = { path };
	struct doc *first = NULL, *whole;
	struct loader *l;
	FILE *f;
	int tries = 0, before;

	write_briefing("bad.txt", 0, "\n");
	f = fopen(path, "a");
	fputs("Last paragraph with a bad byte: \xff.\n", f);
	fclose(f);
	diag_set_sink(keep_warning);
	warning[0] = '\0';
	l = loader_start(paths, 1, NULL, &first);
	while (l && !loader_done(l) && tries++ < 6000)
		usleep(50000);
	before = warning[0] != '\0';
	whole = l ? loader_doc(l, NULL) : NULL;
	ok(l && whole && !before && strstr(warning, "bad.txt: invalid UTF-8 at byte") != NULL,
	    "a bad byte near the end: told when the whole is handed over, not before "
	    "('%s')", warning);
	warning[0] = '\0';
	loader_free(l);
	ok(warning[0] == '\0', "... and only once");
	diag_set_sink(NULL);
	doc_free(first);
	unlink(path);
}

int
main(void)
{
	struct settings *cfg = settings_new();

	lang_load(cfg);
	two_steps("LF", "\n");
	two_steps("CRLF", "\r\n");
	two_steps("CR", "\r");

	write_briefing("markup.dg", 1, "\n");
	read_whole_first("the marked-up form is read whole first");

	/* UTF-16 (ASCII text, little-endian, with its mark) cannot be cut. */
	{
		FILE *f = create("utf16.txt");
		const char *line = "Paragraph: this is a text in English, written in UTF-16.\n\n";
		long k;
		size_t c;

		fputs("\xff\xfe", f);
		for (k = 0; k < 20000; k++)
			for (c = 0; line[c]; c++) {
				fputc(line[c], f);
				fputc(0, f);
			}
		fclose(f);
	}
	read_whole_first("a large UTF-16 briefing is read whole first");

	{
		FILE *f = create("small.txt");

		fputs("Малък документ.\n\nA small document.\n", f);
		fclose(f);
	}
	read_whole_first("a small briefing is read whole first");

	large_encodings();
	warnings_handed_over();

	lang_unload();
	settings_free(cfg);
	return tap_done();
}
