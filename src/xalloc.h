/* SPDX-License-Identifier: MIT */
/* Allocation that never returns NULL, and the one way to give up. */
#ifndef DIGLOT_XALLOC_H
#define DIGLOT_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow an array of *cap elements of size bytes so that it holds need. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);
/* p[0..n), allocated, is to be used whole: huge pages where the system has
 * them (a large text written a piece at a time faults far less). */
void xhuge(void *p, size_t n);
/* xcalloc for an array to be written whole, so given huge pages (one of
 * 2 MiB or more starts on a 2 MiB boundary). */
void *xcalloc_whole(size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Run before die() prints: the viewer restores the terminal here. */
void die_set_hook(void (*hook)(void));
/* Print "diglot: MESSAGE" on stderr and exit with status. */
_Noreturn void die(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
