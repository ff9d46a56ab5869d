/* SPDX-License-Identifier: MIT */
/* Allocation that never returns NULL, and the one way to give up. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xalloc.h"

static void (*die_hook)(void);

void
die_set_hook(void (*hook)(void))
{
	die_hook = hook;
}

static void (*die_clean)(struct buf *out, const char *s, size_t n);

void
die_set_clean(void (*clean)(struct buf *out, const char *s, size_t n))
{
	die_clean = clean;
}

void
die(int status, const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;
	size_t i;

	if (die_hook)
		die_hook();
	fflush(stdout);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	/* The message may quote a file name: show it, never obey it. */
	if (die_clean) {
		struct buf clean = {0};

		die_clean(&clean, b.s ? b.s : "", b.len);
		buf_free(&b);
		b = clean;
	}
	for (i = 0; i < b.len; i++)	/* (and without a cleaner, no control) */
		if ((unsigned char)b.s[i] < 0x20 || b.s[i] == 0x7F)
			b.s[i] = '?';
	fprintf(stderr, "diglot: %s\n", b.s ? b.s : "");
	exit(status);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		die(1, "out of memory (%zu bytes)", n);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		die(1, "out of memory (%zu elements)", n);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die(1, "out of memory (%zu bytes)", n);
	return p;
}

void *
xgrow(void *p, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap;

	if (need <= c)
		return p;
	if (c < 16)
		c = 16;
	while (c < need)
		c += c / 2;
	if (c > (size_t)-1 / size)
		die(1, "out of memory (%zu elements)", c);
	*cap = c;
	return xrealloc(p, c * size);
}

char *
xstrndup(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}
