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
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Run before die() prints: the viewer restores the terminal here. */
void die_set_hook(void (*hook)(void));
struct buf;
/* The message die() prints goes through clean first (text_clean: it may
 * quote a file name); without one, its controls are shown as '?'. */
void die_set_clean(void (*clean)(struct buf *out, const char *s, size_t n));
/* Print "diglot: MESSAGE" on stderr and exit with status. */
_Noreturn void die(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
