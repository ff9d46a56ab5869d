/* SPDX-License-Identifier: MIT */
/* Unit tests of opening a large briefing: the first part shown at once
 * pairs the right paragraphs, and its rows lead to the same paragraphs of
 * the whole; a briefing mapped instead of read is the same document, and
 * one that shrinks while mapped ends the program with a message. */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
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
#include "par.h"
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

	while (!loader_done(l) && tries++ < 1200)
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

/* Put a UTF-8 byte-order mark before the file at path. */
static void
with_bom(void)
{
	FILE *f = fopen(path, "rb");
	struct buf all = {0};
	char chunk[1 << 16];
	size_t n;

	while (f && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&all, chunk, n);
	if (f)
		fclose(f);
	f = fopen(path, "wb");
	if (f) {
		fputs("\xef\xbb\xbf", f);
		fwrite(all.s, 1, all.len, f);
		fclose(f);
	}
	buf_free(&all);
}

/* The briefing at path (named what) opened mapped and read: the same
 * blocks, languages and rows. */
static void
same_mapped(const char *what)
{
	struct doc_opts o;
	struct buf why = {0}, x = {0}, y = {0};
	char *paths[1] = { path };
	struct doc *m, *r;
	size_t b, differ = 0;

	memset(&o, 0, sizeof o);
	o.map_files = 1;
	m = doc_open(paths, 1, &o, &why);
	o.map_files = 0;
	r = doc_open(paths, 1, &o, &why);
	ok(m && r && m->files[0].map != NULL && r->files[0].map == NULL,
	    "%s: mapped when asked, read otherwise", what);
	if (!m || !r) {
		doc_free(m);
		doc_free(r);
		unlink(path);
		return;
	}
	for (b = 0; b < m->nblocks && b < r->nblocks; b++) {
		buf_reset(&x);
		buf_reset(&y);
		buf_add(&x, "", 0);
		buf_add(&y, "", 0);
		doc_block_text(m, b, &x);
		doc_block_text(r, b, &y);
		if (x.len != y.len || memcmp(x.s, y.s, x.len) != 0 ||
		    m->blocks[b].lang != r->blocks[b].lang)
			differ++;
	}
	ok(m->nblocks == r->nblocks && m->nblocks > 2 * PAIRS && differ == 0 &&
	    m->nrows == r->nrows && m->nrows == PAIRS + 1,
	    "%s: the same %zu blocks (%zu differ) and %zu rows", what, m->nblocks, differ,
	    m->nrows);
	buf_reset(&x);
	buf_add(&x, "", 0);
	doc_block_text(m, 0, &x);
	ok(strcmp(x.s, "Голям тестов документ") == 0, "%s: the first block is '%s'", what, x.s);
	doc_free(m);
	doc_free(r);
	buf_free(&why);
	buf_free(&x);
	buf_free(&y);
	unlink(path);
}

/* A mapped file of a whole number of pages still ends in a NUL; one that
 * shrinks while mapped ends the program with a message naming it. */
static void
mapped_edges(void)
{
	long page = sysconf(_SC_PAGESIZE);
	struct source src;
	struct buf why = {0};
	FILE *f = create("pages.txt");
	size_t size = (size_t)page * ((2u << 20) / (size_t)page), i;
	int fds[2], status = 0;
	char msg[512] = "";
	ssize_t got;
	pid_t pid;

	for (i = 0; i + 1 < size; i++)
		fputc(i % 64 == 63 ? '\n' : 'a' + (int)(i % 26), f);
	fputc('\n', f);
	fclose(f);
	ok(source_read(&src, path, NULL, 1, &why) == 0 && src.map != NULL &&
	    src.len == size && src.data[size] == '\0',
	    "a mapped file of %zu whole pages ends in a NUL", size / (size_t)page);
	source_free(&src);

	if (pipe(fds) < 0 || (pid = fork()) < 0) {
		ok(0, "a pipe and a child to watch a file shrink");
		unlink(path);
		return;
	}
	if (pid == 0) {
		volatile char c;

		dup2(fds[1], STDERR_FILENO);
		close(fds[0]);
		if (source_read(&src, path, NULL, 1, &why) < 0 || !src.map)
			_exit(3);
		if (truncate(path, 0) < 0)
			_exit(4);
		c = src.data[size - 1];
		(void)c;
		_exit(0);
	}
	close(fds[1]);
	got = read(fds[0], msg, sizeof msg - 1);
	msg[got > 0 ? got : 0] = '\0';
	msg[strcspn(msg, "\n")] = '\0';
	close(fds[0]);
	waitpid(pid, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 1 && strstr(msg, path) &&
	    strstr(msg, "shrank while it was being read"),
	    "a file that shrinks while mapped: exit %d, '%s'",
	    WIFEXITED(status) ? WEXITSTATUS(status) : -1, msg);
	buf_free(&why);
	unlink(path);
}

/* The last warning, kept by the sink. */
static char warning[512];

static void
keep_warning(const char *msg)
{
	snprintf(warning, sizeof warning, "%s", msg);
}

/* A large text is checked for UTF-8 in two halves: what is said of it is
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

/* What is said of a text's UTF-8, as a plain decoder finds it: each text
 * mostly letters, with now and then a bad sequence, at every alignment. */
static void
utf8_everywhere(void)
{
	static const char *const good[] = { "a", "Z", " ", ".", "\xd0\xb0", "\xd1\x8f",
	    "\xd0\x96", "\xc3\xa9", "\xdf\xbf", "\xc2\x80", "\xe2\x80\x9c", "\xf0\x9f\x98\x80" };
	static const char *const bad[] = { "\xd0", "\x80", "\xbf", "\xc0\x80", "\xc1\xbf", "\xff",
	    "\xe2\x82", "\xf0\x9f\x98", "\xed\xa0\x80" };
	char text[4096], want[256], said[512] = "";
	int round, wrong = 0;

	srand(5);
	diag_set_sink(keep_warning);
	for (round = 0; round < 4000; round++) {
		size_t n = 0, nbad = 0, ngood = 0, first = 0, i;
		int pieces = 1 + rand() % 300, k, ascii = rand() % 3;
		struct source src;
		struct buf why = {0};

		for (k = 0; k < pieces; k++) {
			const char *p = rand() % 60 == 0 ? bad[rand() % 9] :
			    ascii && rand() % 2 ? good[rand() % 4] : good[rand() % 12];

			memcpy(text + n, p, strlen(p));
			n += strlen(p);
		}
		for (i = 0; i < n; ) {
			ucs4_t uc;
			int len = (unsigned char)text[i] < 0x80 ? 1 :
			    u8_mbtoucr(&uc, (const uint8_t *)text + i, n - i);

			if (len < 0 || (len == 3 && uc >= 0xD800 && uc <= 0xDFFF)) {
				if (!nbad++)
					first = i;
				i++;
			} else {
				ngood += len > 1;
				i += len;
			}
		}
		if (nbad == 0)
			want[0] = '\0';
		else if (ngood >= nbad * 4)
			snprintf(want, sizeof want, "u.txt: invalid UTF-8 at byte %zu%s; shown as U+FFFD",
			    first, nbad > 1 ? " and after" : "");
		else
			snprintf(want, sizeof want, "u.txt: not UTF-8");
		warning[0] = '\0';
		if (source_from_memory(&src, "u.txt", text, n, NULL, &why) != 0 ||
		    strncmp(warning, want, strlen(want)) != 0 || (!*want && *warning)) {
			if (!wrong++)
				snprintf(said, sizeof said, "; round %d: '%s', wanted '%s'", round,
				    warning, want);
		} else {
			source_free(&src);
		}
		buf_free(&why);
	}
	diag_set_sink(NULL);
	ok(wrong == 0, "4000 texts: invalid UTF-8 is found where a plain decoder finds it (%d not%s)",
	    wrong, said);
}

/* The doc of path as mapped (checked for UTF-8 while it is read) and as
 * read, with what each said on stderr. */
static void
mapped_and_read(const char *what, const char *encoding, const char *said)
{
	struct doc_opts o;
	struct buf why = {0}, x = {0}, y = {0};
	char *paths[1] = { path }, warned[2][512];
	struct doc *d[2];
	size_t b, differ = 0;
	int k;

	memset(&o, 0, sizeof o);
	diag_set_sink(keep_warning);
	for (k = 0; k < 2; k++) {
		o.map_files = !k;
		warning[0] = '\0';
		d[k] = doc_open(paths, 1, &o, &why);
		snprintf(warned[k], sizeof warned[k], "%s", warning);
	}
	diag_set_sink(NULL);
	for (b = 0; d[0] && d[1] && b < d[0]->nblocks && b < d[1]->nblocks; b++) {
		buf_reset(&x);
		buf_reset(&y);
		buf_add(&x, "", 0);
		buf_add(&y, "", 0);
		doc_block_text(d[0], b, &x);
		doc_block_text(d[1], b, &y);
		differ += strcmp(x.s, y.s) != 0 || d[0]->blocks[b].lang != d[1]->blocks[b].lang ||
		    d[0]->blocks[b].line != d[1]->blocks[b].line;
	}
	ok(d[0] && d[1] && d[0]->nblocks == d[1]->nblocks && d[0]->nblocks > 1000 &&
	    differ == 0 && d[0]->nrows == d[1]->nrows &&
	    strcmp(d[0]->files[0].encoding, encoding) == 0 &&
	    strcmp(d[1]->files[0].encoding, encoding) == 0,
	    "%s: as read, mapped (%zu blocks, %zu differ), in %s", what,
	    d[0] ? d[0]->nblocks : 0, differ, d[0] ? d[0]->files[0].encoding : "-");
	ok(strcmp(warned[0], warned[1]) == 0 && strstr(warned[0], said) != NULL,
	    "%s: '%s' both times", what, warned[0]);
	doc_free(d[0]);
	doc_free(d[1]);
	buf_free(&why);
	buf_free(&x);
	buf_free(&y);
	unlink(path);
}

/* A mapped file of 8 MiB or more is read while it is checked for UTF-8:
 * what it turns out to be is what reading it whole finds. */
static void
checked_while_read(void)
{
	static const char bg[] = "\xc4\xe5\xf6\xe0\xf2\xe0, \xea\xee\xe8\xf2\xee \xef\xfa\xf2\xf3\xe2\xe0\xf2 "
	    "\xf1\xe0\xec\xe8, \xf1\xe0 \xee\xf1\xee\xe1\xe5\xed\xee \xf3\xff\xe7\xe2\xe8\xec\xe8.";
	FILE *f = create("big1251.txt");
	long i;

	for (i = 0; i < 130000; i++)
		fprintf(f, "%s %ld\n\nChildren who travel alone are especially vulnerable, %ld.\n\n",
		    bg, i, i);
	fclose(f);
	mapped_and_read("9 MiB of Windows-1251", "WINDOWS-1251", "not UTF-8; assuming WINDOWS-1251");

	f = create("bigbad.txt");
	for (i = 0; i < 100000; i++)
		fprintf(f, "%sДецата, които пътуват сами, са особено уязвими %ld.\n\n"
		    "Children who travel alone are especially vulnerable, %ld.\n\n",
		    i == 70000 ? "\xd0 " : "", i, i);
	fclose(f);
	mapped_and_read("9 MiB of UTF-8 with a bad byte", "UTF-8", "invalid UTF-8 at byte");
}

/* Each block's character count, taken while its lines are read, is that
 * of its text: random texts of letters, marks, bad bytes and every kind of
 * line end. */
static void
chars_counted(void)
{
	static const char *const pieces[] = { "a", "Z ", "\xd0\xb0", "\xd1\x8f\xd0\x96", "\xe2\x80\x9e",
	    "\xf0\x9f\x98\x80", "\xcc\x81", "\xff", "\x80", "\t", " ", "\n", "\r\n", "\r", "\f",
	    "\n\n", "\n  \n", "\xef\xbb\xbf", "long words here ", "\xd0\xb4\xd1\x83\xd0\xbc\xd0\xb0 " };
	int round, wrong = 0, k;

	srand(13);
	diag_set_sink(keep_warning);
	for (round = 0; round < 2000; round++) {
		struct buf t = {0}, why = {0};
		struct source *src = xcalloc(1, sizeof *src);
		struct doc *d;
		int np = 1 + rand() % 200;
		size_t b;

		for (k = 0; k < np; k++)
			buf_adds(&t, pieces[rand() % 20]);
		if (source_from_memory(src, "c.txt", t.s, t.len, "UTF-8", &why) != 0) {
			free(src);
			wrong++;
			continue;
		}
		d = doc_build(src, 1, NULL);
		for (b = 0; b < d->nblocks; b++)
			wrong += d->blocks[b].chars != text_chars(d->files[0].data + d->blocks[b].off,
			    d->blocks[b].len);
		doc_free(d);
		buf_free(&t);
		buf_free(&why);
	}
	diag_set_sink(NULL);
	ok(wrong == 0, "2000 texts: each block's characters are those of its span (%d not)", wrong);
}

/* par_run's slices, of uneven work, for the order test. */
static void
numbers_some(void *ctx, size_t from, size_t to, struct buf *out)
{
	size_t i;
	volatile unsigned spin = 0;

	(void)ctx;
	for (i = from; i < to; i++) {
		unsigned k;

		for (k = 0; k < (i * 7919) % 5000; k++)
			spin += k;
		buf_printf(out, "%zu\n", i);
	}
}

static pthread_t main_thread;
static atomic_int slices_done;

/* numbers_some, slow on the other thread: it then mostly writes. */
static void
numbers_slow_other(void *ctx, size_t from, size_t to, struct buf *out)
{
	atomic_fetch_add(&slices_done, 1);
	if (!pthread_equal(pthread_self(), main_thread))
		usleep(200);
	numbers_some(ctx, from, to, out);
}

/* A write that fails on either thread is told by errno on return (the
 * reader gone is EPIPE, and quiet), and a stream failed already is not
 * written again. */
static void
par_errno(void)
{
	int round, wrong = 0, again = 0;

	main_thread = pthread_self();
	signal(SIGPIPE, SIG_IGN);
	for (round = 0; round < 10; round++) {
		int fd[2];
		FILE *f;

		if (pipe(fd) != 0 || !(f = fdopen(fd[1], "w")))
			break;
		close(fd[0]);
		errno = ENOTTY;
		wrong += par_run(3000, 37, numbers_slow_other, NULL, f) != -1 || errno != EPIPE;
		errno = EPIPE;
		atomic_store(&slices_done, 0);
		again += par_run(3000, 37, numbers_slow_other, NULL, f) != -1 || errno != EPIPE ||
		    atomic_load(&slices_done) != 0;
		fclose(f);
	}
	signal(SIGPIPE, SIG_DFL);
	ok(round == 10 && wrong == 0, "par_run into a pipe with no reader: -1 and EPIPE (%d of 10 not)",
	    wrong);
	ok(round == 10 && again == 0,
	    "... and once failed, -1 and EPIPE again, with no work done (%d of 10 not)", again);
}

/* The work of two threads is written in the order of the items, and
 * nothing more once writing fails. */
static void
par_in_order(void)
{
	FILE *f = tmpfile();
	char line[64];
	size_t want = 0, wrong = 0;

	ok(f && par_run(20000, 37, numbers_some, NULL, f) == 0, "par_run writes its slices");
	if (!f)
		return;
	rewind(f);
	while (fgets(line, sizeof line, f))
		wrong += strtoul(line, NULL, 10) != want++;
	ok(want == 20000 && wrong == 0, "... every item once, in order (%zu of 20000, %zu out of place)",
	    want, wrong);
	fclose(f);
	f = fopen("/dev/full", "w");
	if (f) {
		setvbuf(f, NULL, _IONBF, 0);
		ok(par_run(20000, 37, numbers_some, NULL, f) == -1, "... and says so when writing fails");
		fclose(f);
	}
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

	write_briefing("mapped.txt", 0, "\n");
	same_mapped("mapped");
	write_briefing("bom.txt", 0, "\r\n");
	with_bom();
	same_mapped("mapped, with a byte-order mark and CRLF");
	mapped_edges();
	large_encodings();
	utf8_everywhere();
	checked_while_read();
	chars_counted();
	par_in_order();
	par_errno();

	lang_unload();
	settings_free(cfg);
	return tap_done();
}
