/* SPDX-License-Identifier: MIT */
/* A growable byte string. */
#ifndef DIGLOT_BUF_H
#define DIGLOT_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

struct buf {
	char *s;	/* always NUL-terminated once anything was added */
	size_t len, cap;
};

void buf_add(struct buf *b, const char *s, size_t n);

/* Append c (in place when there is room: output adds many). */
static inline void
buf_addc(struct buf *b, char c)
{
	if (b->len + 2 <= b->cap) {
		b->s[b->len++] = c;
		b->s[b->len] = '\0';
	} else {
		buf_add(b, &c, 1);
	}
}

/* Append the string s (a literal's length is known where it is added, and
 * it is copied in place when there is room). */
static inline void
buf_adds(struct buf *b, const char *s)
{
	size_t n = strlen(s);

	if (b->len + n < b->cap) {
		memcpy(b->s + b->len, s, n + 1);
		b->len += n;
	} else {
		buf_add(b, s, n);
	}
}
/* Append n copies of c. */
void buf_addfill(struct buf *b, char c, size_t n);
/* Append v in decimal. */
void buf_addu(struct buf *b, unsigned long long v);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void buf_reset(struct buf *b);
void buf_free(struct buf *b);

#endif
