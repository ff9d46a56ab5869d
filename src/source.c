/* SPDX-License-Identifier: MIT */
/* Reading a briefing file once, into UTF-8, whatever its encoding. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <stdint.h>
#include <unistd.h>

#include <unistr.h>

#include "diag.h"
#include "simd.h"
#include "source.h"
#include "text.h"
#include "xalloc.h"

const char *
source_label(const struct source *src)
{
	return strcmp(src->name, "-") == 0 ? "standard input" : src->name;
}

/*
 * Mapped files.  A file that shrinks while mapped leaves pages with nothing
 * behind them, and reading one raises SIGBUS: the handler names the file
 * and ends the program.  A file is mapped only from 1 MiB (below, reading
 * it costs little) and only so many at once (the others are read).
 */
enum { MAPS = 16, MAP_MIN = 1 << 20 };
static struct mapped {
	const char *start;
	size_t len;
	char *msg;	/* what to say, should it shrink */
} maps[MAPS];
static pthread_mutex_t maps_lock = PTHREAD_MUTEX_INITIALIZER;

static void
shrunk(int sig, siginfo_t *si, void *ctx)
{
	const char *at = si->si_addr;
	struct sigaction dfl;
	int i;

	(void)ctx;
	for (i = 0; i < MAPS; i++)
		if (maps[i].len && at >= maps[i].start && at < maps[i].start + maps[i].len) {
			ssize_t r = write(STDERR_FILENO, maps[i].msg, strlen(maps[i].msg));

			(void)r;
			_exit(1);
		}
	/* Not a mapped file's: as if there were no handler (the access
	 * faults again). */
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigaction(sig, &dfl, NULL);
}

/* Map the regular file fd of st's size, with a NUL after it, to be read
 * only; returns 0 when it is not worth it or cannot be done. */
static int
map_file(struct source *src, int fd, const struct stat *st)
{
	static int handled;
	long page = sysconf(_SC_PAGESIZE);
	size_t size = (size_t)st->st_size, len;
	struct buf msg = {0}, clean = {0};
	char *p;
	int slot;

	if (!S_ISREG(st->st_mode) || st->st_size < MAP_MIN || page <= 0 ||
	    (uintmax_t)st->st_size >= SIZE_MAX / 2)
		return 0;
	pthread_mutex_lock(&maps_lock);
	for (slot = 0; slot < MAPS && maps[slot].len; slot++)
		;
	if (slot < MAPS)
		maps[slot].len = 1;	/* taken */
	if (!handled) {
		struct sigaction sa;

		memset(&sa, 0, sizeof sa);
		sa.sa_sigaction = shrunk;
		sa.sa_flags = SA_SIGINFO;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGBUS, &sa, NULL);
		handled = 1;
	}
	pthread_mutex_unlock(&maps_lock);
	if (slot == MAPS)
		return 0;
	/* Room for the file and a NUL: zeros past its end in its last page,
	 * or a page of its own. */
	len = (size + 1 + (size_t)page - 1) / (size_t)page * (size_t)page;
	p = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		goto fail;
	if (mmap(p, size, PROT_READ, MAP_PRIVATE | MAP_FIXED | MAP_POPULATE,
	    fd, 0) == MAP_FAILED) {
		munmap(p, len);
		goto fail;
	}
	buf_printf(&msg, "%s: the file shrank while it was being read; "
	    "run diglot again once it is written", source_label(src));
	text_clean(&clean, msg.s, msg.len);
	buf_free(&msg);
	buf_addc(&clean, '\n');
	maps[slot].msg = xmalloc(clean.len + 9);
	memcpy(maps[slot].msg, "diglot: ", 8);
	memcpy(maps[slot].msg + 8, clean.s, clean.len + 1);
	buf_free(&clean);
	pthread_mutex_lock(&maps_lock);
	maps[slot].start = p;
	maps[slot].len = len;
	pthread_mutex_unlock(&maps_lock);
	src->map = p;
	src->maplen = len;
	src->data = p;
	src->len = size;
	return 1;
fail:
	pthread_mutex_lock(&maps_lock);
	maps[slot].len = 0;
	pthread_mutex_unlock(&maps_lock);
	return 0;
}

static void
unmap_file(struct source *src)
{
	int i;

	munmap(src->map, src->maplen);
	pthread_mutex_lock(&maps_lock);
	for (i = 0; i < MAPS; i++)
		if (maps[i].start == src->map && maps[i].len > 1) {
			free(maps[i].msg);
			memset(&maps[i], 0, sizeof maps[i]);
		}
	pthread_mutex_unlock(&maps_lock);
	src->map = NULL;
	src->maplen = 0;
}

void
source_let_go(const struct source *src, size_t off, size_t len)
{
	long page = sysconf(_SC_PAGESIZE);
	uintptr_t from, to;

	if (!src->map || page <= 0)
		return;
	from = ((uintptr_t)src->data + off + (uintptr_t)page - 1) & ~((uintptr_t)page - 1);
	to = ((uintptr_t)src->data + off + len) & ~((uintptr_t)page - 1);
	if (to > from)
		madvise((void *)from, to - from, MADV_DONTNEED);
}

/* Read everything from fd; the descriptor was checked with fstat. */
static int
read_all(int fd, const struct stat *st, struct buf *b)
{
	size_t want = S_ISREG(st->st_mode) && st->st_size > 0 ?
	    (size_t)st->st_size + 1 : 1 << 16;

	for (;;) {
		ssize_t r;

		/* Grow only when full: a file read in one go is not moved
		 * to find its end. */
		if (b->cap < b->len + 2)
			buf_reserve(b, want);
		r = read(fd, b->s + b->len, b->cap - b->len - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (r == 0)
			break;
		b->len += r;
		want = b->len < (1 << 20) ? 1 << 16 : b->len / 2;
	}
	b->s = xgrow(b->s, &b->cap, b->len + 1, 1);
	b->s[b->len] = '\0';
	return 0;
}

int
source_convert(const char *data, size_t len, const char *encoding,
    struct buf *out)
{
	iconv_t cd = iconv_open("UTF-8", encoding);
	char *in = (char *)data;
	size_t inleft = len;

	if (cd == (iconv_t)-1)
		return -1;
	out->s = xgrow(out->s, &out->cap, out->len + len + len / 2 + 16, 1);
	while (inleft > 0) {
		char *o = out->s + out->len;
		size_t oleft = out->cap - out->len - 1;
		size_t r = iconv(cd, &in, &inleft, &o, &oleft);

		out->len = o - out->s;
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG) {
			out->s = xgrow(out->s, &out->cap,
			    out->cap + inleft * 2 + 16, 1);
		} else {
			/* Undecodable or truncated: one replacement
			 * character per byte, then go on. */
			buf_add(out, "\xEF\xBF\xBD", 3);
			in++;
			inleft--;
			iconv(cd, NULL, NULL, NULL, NULL);
		}
	}
	iconv_close(cd);
	out->s = xgrow(out->s, &out->cap, out->len + 1, 1);
	out->s[out->len] = '\0';
	return 0;
}

/*
 * Guess a legacy 8-bit encoding.  In Cyrillic text nearly every letter is a
 * high byte and they come in runs (words); in Western text high bytes are
 * accents scattered among ASCII letters.
 */
static const char *
guess_8bit(const char *s, size_t n)
{
	size_t i, ascii = 0, high = 0, runs = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
			ascii++;
		else if (c >= 0xC0) {
			high++;
			if (i > 0 && (unsigned char)s[i - 1] >= 0xC0)
				runs++;
		}
	}
	return high > ascii / 2 && runs * 2 > high ? "WINDOWS-1251" : "WINDOWS-1252";
}

/* The length of the valid UTF-8 sequence at p (before end), or 0. */
static inline int
utf8_valid(const uint8_t *p, const uint8_t *end)
{
	uint8_t c = p[0];

	if (c >= 0xC2 && c <= 0xDF)
		return end - p >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF)
		return end - p >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 &&
		    (c != 0xE0 || p[1] >= 0xA0) && (c != 0xED || p[1] < 0xA0) ? 3 : 0;
	if (c >= 0xF0 && c <= 0xF4)
		return end - p >= 4 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 &&
		    (p[3] & 0xC0) == 0x80 && (c != 0xF0 || p[1] >= 0x90) &&
		    (c != 0xF4 || p[1] < 0x90) ? 4 : 0;
	return 0;
}

/* Bytes of w (the first lowest) that are ASCII or in two-byte sequences:
 * how many sequences (their second bytes) when every one is whole and
 * valid, given in the 0x80 bit of *carry whether the word before ended with
 * a first byte; -1 when some byte needs a closer look. */
static inline int
two_byte_word(uint64_t w, uint64_t *carry)
{
	const uint64_t highs = 0x8080808080808080u, lows = 0x7F7F7F7F7F7F7F7Fu;
	uint64_t hi = w & highs, s1 = w << 1, s2 = w << 2;
	uint64_t cont = hi & ~s1, lead = hi & s1 & ~s2, longer = hi & s1 & s2;
	uint64_t t = w & 0x1E1E1E1E1E1E1E1Eu;
	uint64_t zero = ~(((t & lows) + lows) | t) & highs;

	if (longer | (lead & zero) || ((lead << 8) | *carry) != cont)
		return -1;
	*carry = lead >> 56;
	cont >>= 7;
	return (int)(cont * 0x0101010101010101u >> 56);
}

/* From p, sixteen bytes at a time while there is nothing but ASCII and
 * valid two-byte sequences: returns where that stops (at a sequence's first
 * byte), having counted those sequences in *good. */
static const uint8_t *
two_byte_run(const uint8_t *p, const uint8_t *end, size_t *good)
{
#ifdef __SSE2__
	const __m128i above_c1 = _mm_set1_epi8((char)0xC1);
	const __m128i below_e0 = _mm_set1_epi8((char)0xE0);
	unsigned carry = 0;

	while (end - p >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)p);
		unsigned high = (unsigned)_mm_movemask_epi8(v), cont, lead;

		if (high == 0 && carry == 0) {
			p += 16;
			continue;
		}
		/* As signed bytes, first bytes of two C2-DF lie between C1 and
		 * E0. */
		cont = continuations16(v);
		lead = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(v, above_c1),
		    _mm_cmplt_epi8(v, below_e0)));
		if ((high & ~(cont | lead)) || ((lead << 1 | carry) & 0xFFFF) != cont)
			break;
		*good += bits16(cont);
		carry = lead >> 15;
		p += 16;
	}
	return p - carry;
#else
	(void)end;
	(void)good;
	return p;
#endif
}

/* Count invalid UTF-8 sequences and valid multibyte characters; *first is
 * the offset of the first invalid byte. */
static size_t
utf8_errors(const char *s, size_t n, size_t *good, size_t *first)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + n;
	size_t bad = 0;

	*good = 0;
	*first = 0;
	while (p < end) {
		const uint8_t *stop;
		uint64_t carry = 0;

		p = two_byte_run(p, end, good);
		/* Eight bytes at a time while there is nothing but ASCII
		 * and valid two-byte sequences. */
		while (end - p >= 8) {
			uint64_t w;
			int k;

			memcpy(&w, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
			w = __builtin_bswap64(w);	/* the first byte lowest */
#endif
			if ((k = two_byte_word(w, &carry)) < 0)
				break;
			*good += k;
			p += 8;
		}
		/* A first byte whose second is in the next word. */
		p -= carry >> 7;
		/* The rest of the word one sequence at a time. */
		stop = end - p > 8 ? p + 8 : end;
		while (p < stop) {
			int k;

			if (*p < 0x80) {
				p++;
				continue;
			}
			k = utf8_valid(p, end);
			if (k == 0) {
				if (!bad)
					*first = p - (const uint8_t *)s;
				bad++;
				p++;
			} else {
				(*good)++;
				p += k;
			}
		}
	}
	return bad;
}

/* One half of a large text, for utf8_errors_halves. */
struct half {
	const char *s;
	size_t n, good, first, bad;
};

static void *
check_half(void *arg)
{
	struct half *h = arg;

	h->bad = utf8_errors(h->s, h->n, &h->good, &h->first);
	return NULL;
}

/* A text this large is checked for UTF-8 in two halves on two threads; or,
 * mapped, on another thread while it is read on (source_settle). */
enum { CHECK_APART = 8 << 20 };

/* utf8_errors, a large text in two halves on two threads.  The cut is at
 * a byte that continues no character: a sequence, valid or not, is judged
 * the same on either side of it. */
static size_t
utf8_errors_halves(const char *s, size_t n, size_t *good, size_t *first)
{
	struct half h[2];
	pthread_t t;
	size_t mid = n / 2;

	if (n < CHECK_APART)
		return utf8_errors(s, n, good, first);
	while (mid > 0 && ((unsigned char)s[mid] & 0xC0) == 0x80)
		mid--;
	h[0] = (struct half){ s, mid, 0, 0, 0 };
	h[1] = (struct half){ s + mid, n - mid, 0, 0, 0 };
	if (pthread_create(&t, NULL, check_half, &h[1]) != 0)
		return utf8_errors(s, n, good, first);
	check_half(&h[0]);
	pthread_join(t, NULL);
	*good = h[0].good + h[1].good;
	*first = h[0].bad ? h[0].first : h[1].bad ? mid + h[1].first : 0;
	return h[0].bad + h[1].bad;
}

/* Done with the text as read (a mapping, or a buffer). */
static void
drop_raw(struct source *src, struct buf *raw)
{
	if (src->map)
		unmap_file(src);
	else
		buf_free(raw);
}

static int
set_converted(struct source *src, struct buf *raw, const char *enc)
{
	struct buf out = {0};

	if (source_convert(raw->s, raw->len, enc, &out) < 0) {
		buf_free(&out);
		return -1;
	}
	drop_raw(src, raw);
	src->data = out.s;
	src->len = out.len;
	src->encoding = xstrdup(enc);
	return 0;
}

static void
set_raw(struct source *src, struct buf *raw, size_t skip, const char *enc)
{
	if (src->map) {
		src->data = raw->s + skip;
		src->len = raw->len - skip;
		src->encoding = xstrdup(enc);
		return;
	}
	if (skip)
		memmove(raw->s, raw->s + skip, raw->len - skip + 1);
	src->data = raw->s;
	src->len = raw->len - skip;
	src->encoding = xstrdup(enc);
}

/* Say that src's UTF-8 has bad bytes (bad of them, the first at byte
 * first of the file), if it has. */
static void
warn_bad_bytes(const struct source *src, size_t bad, size_t first)
{
	if (bad)
		diag_warn("%s: invalid UTF-8 at byte %zu%s; shown as U+FFFD",
		    source_label(src), first, bad > 1 ? " and after" : "");
}

/* What the check of raw for UTF-8 found decides: UTF-8 (0; set as raw
 * unless it was already), or a legacy encoding it is converted from (1), or
 * -1 when that fails.  Either is said on stderr. */
static int
judge(struct source *src, struct buf *raw, size_t bad, size_t good, size_t first)
{
	const char *enc;

	if (bad == 0 || good >= bad * 4) {
		warn_bad_bytes(src, bad, first);
		if (!src->encoding)
			set_raw(src, raw, 0, "UTF-8");
		return 0;
	}
	enc = guess_8bit(raw->s, raw->len);
	diag_warn("%s: not UTF-8; assuming %s (use --encoding to choose)",
	    source_label(src), enc);
	free(src->encoding);
	src->encoding = NULL;
	return set_converted(src, raw, enc) < 0 ? -1 : 1;
}

/* A large mapped file is checked for UTF-8 on another thread while it is
 * read on as UTF-8: source_settle waits for the verdict. */
struct source_check {
	pthread_t thread;
	size_t good, first, bad;
};

static void *
check_text(void *arg)
{
	struct source *src = arg;
	struct source_check *c = src->check;

	c->bad = utf8_errors(src->data, src->len, &c->good, &c->first);
	return NULL;
}

/* Start checking raw, taken to be UTF-8 meanwhile; 0 when it cannot be. */
static int
start_check(struct source *src, struct buf *raw)
{
	set_raw(src, raw, 0, "UTF-8");
	src->check = xcalloc(1, sizeof *src->check);
	if (pthread_create(&src->check->thread, NULL, check_text, src) == 0)
		return 1;
	free(src->check);
	src->check = NULL;
	free(src->encoding);
	src->encoding = NULL;
	return 0;
}

int
source_settle(struct source *src)
{
	struct source_check *c = src->check;
	struct buf raw;
	int r;

	if (!c)
		return 0;
	pthread_join(c->thread, NULL);
	src->check = NULL;
	raw = (struct buf){ src->data, src->len, src->len };
	r = judge(src, &raw, c->bad, c->good, c->first);
	free(c);
	/* (No legacy encoding is guessed that iconv lacks.) */
	if (r < 0)
		src->encoding = xstrdup("UTF-8");
	return r > 0;
}

/* Decide the encoding of raw and convert it into src. */
static int
decode(struct source *src, struct buf *raw, const char *encoding, struct buf *why)
{
	const unsigned char *u = (const unsigned char *)raw->s;
	size_t n = raw->len, good, bad, first;

	if (encoding) {
		if (set_converted(src, raw, encoding) < 0) {
			buf_printf(why, "%s: unknown encoding '%s' (see iconv -l)",
			    source_label(src), encoding);
			return -1;
		}
		return 0;
	}
	if (n >= 4 && u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0)
		return set_converted(src, raw, "UTF-32");
	if (n >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF)
		return set_converted(src, raw, "UTF-32");
	if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF)))
		return set_converted(src, raw, "UTF-16");
	if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		set_raw(src, raw, 3, "UTF-8");
		n -= 3;
	} else {
		if (src->map && n >= CHECK_APART && start_check(src, raw))
			return 0;
		bad = utf8_errors_halves(raw->s, n, &good, &first);
		return judge(src, raw, bad, good, first) < 0 ? -1 : 0;
	}
	bad = utf8_errors_halves(src->data, n, &good, &first);
	warn_bad_bytes(src, bad, first + 3);
	return 0;
}

int
source_read(struct source *src, const char *path, const char *encoding,
    int map, struct buf *why)
{
	struct buf raw = {0};
	struct stat st;
	int fd, stdin_fd = strcmp(path, "-") == 0;

	memset(src, 0, sizeof *src);
	src->name = xstrdup(path);
	fd = stdin_fd ? 0 : open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		buf_printf(why, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0) {
		buf_printf(why, "%s: %s", source_label(src), strerror(errno));
		goto fail;
	}
	if (S_ISDIR(st.st_mode)) {
		buf_printf(why, "%s: is a directory, not a briefing file",
		    source_label(src));
		goto fail;
	}
	if (map && !stdin_fd && map_file(src, fd, &st)) {
		raw.s = src->data;
		raw.len = src->len;
	} else if (read_all(fd, &st, &raw) < 0) {
		buf_printf(why, "%s: %s", source_label(src), strerror(errno));
		goto fail;
	}
	if (!stdin_fd)
		close(fd);
	if (decode(src, &raw, encoding, why) < 0) {
		drop_raw(src, &raw);
		return -1;
	}
	return 0;
fail:
	if (!stdin_fd)
		close(fd);
	buf_free(&raw);
	return -1;
}

int
source_from_memory(struct source *src, const char *name, const char *data, size_t len,
    const char *encoding, struct buf *why)
{
	struct buf raw = {0};

	memset(src, 0, sizeof *src);
	src->name = xstrdup(name);
	buf_add(&raw, "", 0);
	buf_add(&raw, data, len);
	if (decode(src, &raw, encoding, why) < 0) {
		buf_free(&raw);
		return -1;
	}
	return 0;
}

void
source_free(struct source *src)
{
	if (src->check) {
		pthread_join(src->check->thread, NULL);
		free(src->check);
	}
	free(src->name);
	if (src->map)
		unmap_file(src);
	else
		free(src->data);
	free(src->encoding);
	memset(src, 0, sizeof *src);
}
