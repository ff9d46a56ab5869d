/* SPDX-License-Identifier: MIT */
/* Reading a briefing file once, into UTF-8, whatever its encoding. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <stdint.h>
#include <unistd.h>

#include <unistr.h>

#include "diag.h"
#include "form.h"
#include "source.h"
#include "text.h"
#include "xalloc.h"

const char *
source_label(const struct source *src)
{
	return strcmp(src->name, "-") == 0 ? "standard input" : src->name;
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
			b->s = xgrow(b->s, &b->cap, b->len + want + 1, 1);
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

/* Count invalid UTF-8 bytes (each one a U+FFFD when shown) and valid
 * characters of more than one byte; *first is the offset of the first
 * invalid byte. */
static size_t
utf8_errors(const char *s, size_t n, size_t *good, size_t *first)
{
	const uint8_t *u = (const uint8_t *)s, *p = u8_check(u, n);
	size_t bad = 0, i;

	*good = 0;
	*first = 0;
	if (!p)
		return 0;	/* (no need to count what is all valid) */
	for (i = 0; i < n; ) {
		ucs4_t uc;
		int k = u[i] < 0x80 ? 1 : u8_mbtoucr(&uc, u + i, n - i);

		if (k < 0) {
			if (!bad)
				*first = i;
			bad++;
			i++;
		} else {
			*good += k > 1;
			i += (size_t)k;
		}
	}
	return bad;
}

static int
set_converted(struct source *src, struct buf *raw, const char *enc)
{
	struct buf out = {0};

	if (source_convert(raw->s, raw->len, enc, &out) < 0) {
		buf_free(&out);
		return -1;
	}
	buf_free(raw);
	src->data = out.s;
	src->len = out.len;
	src->encoding = xstrdup(enc);
	return 0;
}

static void
set_raw(struct source *src, struct buf *raw, size_t skip, const char *enc)
{
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

/* What the check of raw for UTF-8 found decides: UTF-8 (0; set as raw),
 * or a legacy encoding it is converted from (1), or -1 when that fails.
 * Either is said on stderr. */
static int
judge(struct source *src, struct buf *raw, size_t bad, size_t good, size_t first)
{
	const char *enc;

	if (bad == 0 || good >= bad * 4) {
		warn_bad_bytes(src, bad, first);
		set_raw(src, raw, 0, "UTF-8");
		return 0;
	}
	enc = guess_8bit(raw->s, raw->len);
	diag_warn("%s: not UTF-8; assuming %s (use --encoding to choose)",
	    source_label(src), enc);
	return set_converted(src, raw, enc) < 0 ? -1 : 1;
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
		bad = utf8_errors(raw->s, n, &good, &first);
		return judge(src, raw, bad, good, first) < 0 ? -1 : 0;
	}
	bad = utf8_errors(src->data, n, &good, &first);
	warn_bad_bytes(src, bad, first + 3);
	return 0;
}

/* Read raw, of form (FORM_DETECT: as its content says), into src; on
 * failure raw is left to the caller. */
static int
read_form(struct source *src, struct buf *raw, const char *encoding, int form,
    struct buf *why)
{
	struct buf text = {0};

	if (form == FORM_DETECT)
		form = form_sniff(raw->s ? raw->s : "", raw->len,
		    strcmp(src->name, "-") ? src->name : NULL);
	src->form = form;
	if (form == FORM_TEXT)
		return decode(src, raw, encoding, why);
	src->blocks = xcalloc(1, sizeof *src->blocks);
	if (form_read(form, raw->s ? raw->s : "", raw->len, encoding, source_label(src),
	    &text, src->blocks, why) < 0) {
		buf_free(&text);
		return -1;
	}
	buf_free(raw);
	src->data = text.s;
	src->len = text.len;
	src->encoding = xstrdup("UTF-8");
	return 0;
}

int
source_read(struct source *src, const char *path, const char *encoding, struct buf *why)
{
	return source_read_as(src, path, encoding, FORM_DETECT, why);
}

int
source_read_as(struct source *src, const char *path, const char *encoding, int form,
    struct buf *why)
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
	if (read_all(fd, &st, &raw) < 0) {
		buf_printf(why, "%s: %s", source_label(src), strerror(errno));
		goto fail;
	}
	if (!stdin_fd)
		close(fd);
	if (read_form(src, &raw, encoding, form, why) < 0) {
		buf_free(&raw);
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
	return source_from_memory_as(src, name, data, len, encoding, FORM_DETECT, why);
}

int
source_from_memory_as(struct source *src, const char *name, const char *data, size_t len,
    const char *encoding, int form, struct buf *why)
{
	struct buf raw = {0};

	memset(src, 0, sizeof *src);
	src->name = xstrdup(name);
	buf_add(&raw, "", 0);
	buf_add(&raw, data, len);
	if (read_form(src, &raw, encoding, form, why) < 0) {
		buf_free(&raw);
		return -1;
	}
	return 0;
}

void
source_free(struct source *src)
{
	free(src->name);
	free(src->data);
	free(src->encoding);
	form_blocks_free(src->blocks);
	free(src->blocks);
	memset(src, 0, sizeof *src);
}
