/* SPDX-License-Identifier: MIT */
/* Opening a large briefing: a first part at once, the whole in a thread. */
#include "config.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "align.h"
#include "diag.h"
#include "form.h"
#include "lang.h"
#include "loader.h"
#include "source.h"
#include "xalloc.h"

/* The first part of each file; the window one probe reads; how many
 * probes look for the second version. */
enum { FIRST_PART = 128 << 10, PROBE = 16 << 10, PROBES = 15 };

struct loader {
	char **paths;
	int npaths;
	struct doc_opts opts;
	int *langs;
	pthread_t thread;
	pthread_mutex_t lock;
	int done, joined;
	struct doc *doc;
	struct buf why, warnings;
	/* In *first, file 0 holds its first prefix bytes (less a BOM of bom
	 * bytes), then a blank line, then the file's bytes from second on. */
	size_t prefix, bom, second;
	int has_second;
};

/* Where to cut s[0..n) so that no block (or, with none ended, no line or
 * character) is split: past the last block that ends inside it. */
static size_t
cut_point(const char *s, size_t n)
{
	size_t at = 0, i = 0, next, start, end;
	const char *nl;

	while ((next = doc_next_block(s, n, i, &start, &end)) < n) {
		at = next;
		i = next;
	}
	if (at)
		return at;
	nl = memrchr(s, '\n', n);
	if (nl)
		return nl - s + 1;
	while (n > 0 && ((unsigned char)s[n - 1] & 0xC0) == 0x80)
		n--;
	return n > 0 ? n - 1 : 0;
}

/* Read up to n bytes at off into a new buffer; *got says how many. */
static char *
read_at(int fd, size_t off, size_t n, size_t *got)
{
	char *b = xmalloc(n + 1);
	size_t have = 0;

	while (have < n) {
		ssize_t r = pread(fd, b + have, n - have, (off_t)(off + have));

		if (r <= 0)
			break;
		have += (size_t)r;
	}
	*got = have;
	return b;
}

/*
 * The language of the first paragraph with clear evidence that starts in
 * the file's [from, from + PROBE) and ends before limit: its start and
 * end in *start, *end.  -1 when there is none.  Unless from is where a
 * block ended (edge), the window may start inside one: that one is left
 * out.
 */
static int
probe(int fd, size_t from, int edge, size_t limit, const int *cand, int ncand,
    size_t *start, size_t *end)
{
	double score[64];
	size_t n, i = 0, ps, pe, next;
	char *w;
	int lang = -1;

	if (from >= limit)
		return -1;
	w = read_at(fd, from, limit - from < PROBE ? limit - from : PROBE, &n);
	if (from > 0 && !edge)
		i = doc_next_block(w, n, 0, &ps, &pe);
	for (; i < n && lang < 0; i = next) {
		int c;

		next = doc_next_block(w, n, i, &ps, &pe);
		if (ps == pe || (next == n && from + n < limit))
			break;		/* none, or it goes on past the window */
		if (pe - ps < 40)
			continue;	/* a heading says too little */
		lang_score(w + ps, pe - ps, cand, ncand, score);
		c = lang_clear(score, ncand);
		if (c >= 0) {
			lang = cand[c];
			*start = from + ps;
			*end = from + pe;
		}
	}
	free(w);
	return lang;
}

/*
 * A file whose versions follow each other: where the version after the
 * first part's language (lang) starts.  Probes spread over the file find
 * a paragraph in another language; halving the distance between the last
 * paragraph in lang and the first in another closes in on the change.
 * Returns 0 when no other version turns up.
 */
static int
find_second(int fd, size_t size, size_t from, int lang, const int *cand, int ncand,
    size_t *at)
{
	size_t lo = from, hi = 0, ps, pe;
	int k, l;

	for (k = 1; k <= PROBES && !hi; k++) {
		l = probe(fd, from + (size - from) / (PROBES + 1) * k, 0, size, cand, ncand,
		    &ps, &pe);
		if (l == lang && pe > lo)
			lo = pe;
		else if (l >= 0 && l != lang)
			hi = ps;
	}
	if (!hi)
		return 0;
	while (hi - lo > PROBE) {
		l = probe(fd, lo + (hi - lo) / 2, 0, hi, cand, ncand, &ps, &pe);
		if (l < 0)
			return 0;	/* no paragraph to tell: no second part */
		if (l == lang)
			lo = pe;
		else
			hi = ps;
	}
	/* Within the last window, the next version starts after the last
	 * paragraph that is clearly in lang (its title and marker, which
	 * say little, go with it). */
	*at = lo;
	while (lo < hi) {
		l = probe(fd, lo, 1, hi, cand, ncand, &ps, &pe);
		if (l < 0)
			break;
		if (l == lang)
			*at = pe;
		lo = pe;
	}
	return 1;
}

/* The first part of file f, open on fd, as a source; -1 when it is not
 * plain UTF-8 (the whole read will say what it is). */
static int
first_part(struct loader *l, int f, int fd, size_t size, struct source *src)
{
	size_t n, cut;
	char *b = read_at(fd, 0, size < FIRST_PART ? size : FIRST_PART, &n);
	const unsigned char *u = (const unsigned char *)b;
	struct buf why = {0};
	int before = diag_count(), bad;

	/* Another form (a PDF, a web page) is read whole: its first part is
	 * no document. */
	if (form_sniff(b, n, l->paths[f]) != FORM_TEXT) {
		free(b);
		return -1;
	}
	cut = n < size ? cut_point(b, n) : n;
	if (f == 0) {
		l->prefix = cut;
		l->bom = n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF ? 3 : 0;
	}
	/* Plain UTF-8 only: a part of UTF-16 or UTF-32 is cut anywhere, and
	 * an encoding guessed from a part may not be the whole's. */
	diag_mute(1);
	bad = source_from_memory(src, l->paths[f], b, cut, NULL, &why) < 0 ||
	    diag_count() != before || strcmp(src->encoding, "UTF-8") != 0 ||
	    src->form != FORM_TEXT;
	diag_mute(0);
	if (bad)
		source_free(src);
	free(b);
	buf_free(&why);
	return bad ? -1 : 0;
}

/* File 0 again: its first part, a blank line, and size bytes from at. */
static void
add_second(struct loader *l, int fd, size_t size, struct source *src)
{
	size_t n, cut;
	char *b = read_at(fd, l->second, size - l->second < FIRST_PART ?
	    size - l->second : FIRST_PART, &n);
	struct buf data = {0}, why = {0};
	struct source two;
	int before = diag_count();

	cut = l->second + n < size ? cut_point(b, n) : n;
	buf_add(&data, src->data, src->len);
	buf_adds(&data, "\n\n");
	buf_add(&data, b, cut);
	diag_mute(1);
	/* Plain UTF-8 only, as the first part: a conversion would move the
	 * offsets that rows are mapped by. */
	if (source_from_memory(&two, l->paths[0], data.s, data.len, NULL, &why) == 0 &&
	    diag_count() == before) {
		source_free(src);
		*src = two;
		l->prefix = l->prefix - l->bom;
		l->has_second = 1;
	} else {
		source_free(&two);
	}
	diag_mute(0);
	free(b);
	buf_free(&data);
	buf_free(&why);
}

static void
destroy(struct loader *l)
{
	int f;

	for (f = 0; f < l->npaths; f++)
		free(l->paths[f]);
	free(l->paths);
	free(l->langs);
	doc_free(l->doc);
	buf_free(&l->why);
	pthread_mutex_destroy(&l->lock);
	free(l);
}

static void *
build(void *arg)
{
	struct loader *l = arg;
	struct buf why = {0};
	struct doc *doc;
	const char *hold = getenv("DIGLOT_TEST_HOLD");

	/* Its warnings wait for the screen's thread (loader_doc). */
	diag_keep(&l->warnings);
	doc = doc_open(l->paths, l->npaths, &l->opts, &why);
	if (doc)
		align_doc(doc);
	diag_keep(NULL);
	/* A test hook: with DIGLOT_TEST_HOLD naming a FIFO, the whole is
	 * handed over only once a line is written to it (or its writer
	 * closes it), so that a test sees the viewer while it is still
	 * reading.  Unset, it does nothing. */
	if (hold && *hold) {
		int fd = open(hold, O_RDONLY | O_CLOEXEC);
		char c;

		while (fd >= 0 && read(fd, &c, 1) == 1 && c != '\n')
			;
		if (fd >= 0)
			close(fd);
	}

	pthread_mutex_lock(&l->lock);
	l->doc = doc;
	l->why = why;
	l->done = 1;
	pthread_mutex_unlock(&l->lock);
	return NULL;
}

struct loader *
loader_start(char *const *paths, int npaths, const struct doc_opts *o,
    struct doc **first)
{
	struct loader *l;
	struct source *parts;
	int *fds, f, ok = 1, cand[64], ncand = 0, i;
	size_t total = 0, *size;

	if ((o && (o->encoding || o->form)) || npaths < 1)
		return NULL;
	fds = xmalloc(sizeof *fds * npaths);
	size = xmalloc(sizeof *size * npaths);
	for (f = 0; f < npaths; f++) {
		struct stat st;

		fds[f] = strcmp(paths[f], "-") ? open(paths[f], O_RDONLY | O_CLOEXEC | O_NOCTTY) : -1;
		if (fds[f] < 0 || fstat(fds[f], &st) < 0 || !S_ISREG(st.st_mode))
			ok = 0;
		else
			total += size[f] = (size_t)st.st_size;
		if (!ok) {
			if (fds[f] >= 0)
				close(fds[f]);
			break;
		}
	}
	if (!ok || total < LOADER_MIN) {
		while (f > 0)
			close(fds[--f]);
		free(fds);
		free(size);
		return NULL;
	}
	l = xcalloc(1, sizeof *l);
	pthread_mutex_init(&l->lock, NULL);
	l->npaths = npaths;
	l->paths = xmalloc(sizeof *l->paths * npaths);
	for (f = 0; f < npaths; f++)
		l->paths[f] = xstrdup(paths[f]);
	parts = xcalloc(npaths, sizeof *parts);
	/* The marked-up form names languages as it goes (%lang adds them
	 * to the table): it is read whole, by one thread. */
	for (f = 0; f < npaths && ok; f++)
		if (first_part(l, f, fds[f], size[f], &parts[f]) < 0)
			ok = 0;
		else if (doc_is_markup(parts[f].data, parts[f].len))
			ok = 0;
	if (ok) {
		diag_mute(1);
		*first = doc_build(parts, npaths, o);
		align_doc(*first);
		diag_mute(0);
		parts = NULL;
		for (i = 0; o && i < o->nlangs && ncand < 64; i++)
			cand[ncand++] = o->langs[i];
		if (!ncand)
			for (i = 0; i < lang_count() && i < 64; i++)
				cand[ncand++] = i;
		/* One file whose first part holds one version: the next
		 * version starts further on. */
		if (npaths == 1 && (*first)->nlangs == 1 && size[0] > l->prefix &&
		    find_second(fds[0], size[0], l->prefix, (*first)->langs[0], cand, ncand,
		    &l->second)) {
			struct source *src = xmalloc(sizeof *src);

			*src = (*first)->files[0];
			(*first)->files[0] = (struct source){0};
			doc_free(*first);
			add_second(l, fds[0], size[0], src);
			diag_mute(1);
			*first = doc_build(src, 1, o);
			align_doc(*first);
			diag_mute(0);
		}
	}
	for (f = 0; f < npaths; f++)
		close(fds[f]);
	free(fds);
	free(size);
	if (!ok) {
		for (f = 0; f < npaths; f++)
			source_free(&parts[f]);
		free(parts);
		destroy(l);
		return NULL;
	}
	l->opts.encoding = NULL;
	if (o && o->nlangs) {
		l->langs = xmalloc(sizeof *l->langs * o->nlangs);
		memcpy(l->langs, o->langs, sizeof *l->langs * o->nlangs);
		l->opts.langs = l->langs;
		l->opts.nlangs = o->nlangs;
	}
	if (pthread_create(&l->thread, NULL, build, l) != 0) {
		/* No thread: read the whole now. */
		l->joined = 1;
		build(l);
	}
	return l;
}

int
loader_done(struct loader *l)
{
	int done;

	pthread_mutex_lock(&l->lock);
	done = l->done;
	pthread_mutex_unlock(&l->lock);
	if (done && !l->joined) {
		pthread_join(l->thread, NULL);
		l->joined = 1;
	}
	return done;
}

struct doc *
loader_doc(struct loader *l, struct buf *why)
{
	if (!loader_done(l))
		return NULL;
	diag_report(&l->warnings);
	if (!l->doc && why)
		buf_add(why, l->why.s ? l->why.s : "", l->why.len);
	return l->doc;
}

long
loader_map_row(const struct loader *l, const struct doc *first, size_t r)
{
	int s;

	if (!l->doc)
		return -1;
	for (s = 0; s < first->nlangs; s++) {
		size_t n;
		const uint32_t *b = doc_row_blocks(first, r, s, &n);
		const struct block *bl;
		size_t off;
		long w;

		if (!n)
			continue;
		bl = &first->blocks[b[0]];
		off = bl->off;
		if (bl->file == 0 && l->has_second && off >= l->prefix + 2)
			off = off - (l->prefix + 2) + (l->second - l->bom);
		w = doc_block_at(l->doc, bl->file, off);
		if (w >= 0)
			return doc_row_of_block(l->doc, (size_t)w);
	}
	return -1;
}

void
loader_free(struct loader *l)
{
	if (!l)
		return;
	if (!l->joined)
		pthread_join(l->thread, NULL);
	diag_report(&l->warnings);
	destroy(l);
}
