/* SPDX-License-Identifier: MIT */
/* Allocation that never returns NULL, and the one way to give up. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/mman.h>

#include "buf.h"
#include "text.h"
#include "xalloc.h"

static void (*die_hook)(void);

void
die_set_hook(void (*hook)(void))
{
	die_hook = hook;
}

void
die(int status, const char *fmt, ...)
{
	struct buf b = {0}, clean = {0};
	va_list ap;

	if (die_hook)
		die_hook();
	fflush(stdout);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	/* The message may quote a file name: show it, never obey it. */
	text_clean(&clean, b.s ? b.s : "", b.len);
	fprintf(stderr, "diglot: %s\n", clean.s ? clean.s : "");
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

void
xhuge(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
	const uintptr_t two = (uintptr_t)2 << 20;
	uintptr_t a = ((uintptr_t)p + two - 1) & ~(two - 1), e = ((uintptr_t)p + n) & ~(two - 1);

	/* The whole 2 MiB stretches inside it; a refusal changes nothing. */
	if (e > a)
		madvise((void *)a, e - a, MADV_HUGEPAGE);
#else
	(void)p;
	(void)n;
#endif
}

void *
xcalloc_whole(size_t n, size_t size)
{
	const size_t two = (size_t)2 << 20;
	void *p;

	/* Of 2 MiB or more: from a 2 MiB boundary on, so that all of it
	 * but its tail is in huge pages. */
	if (size && n >= two / size && n <= SIZE_MAX / size) {
		if (posix_memalign(&p, two, n * size) != 0)
			die(1, "out of memory (%zu elements)", n);
		xhuge(p, n * size);
		return memset(p, 0, n * size);
	}
	p = xcalloc(n, size);
	xhuge(p, n * size);
	return p;
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
