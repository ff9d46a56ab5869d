/* SPDX-License-Identifier: MIT */
/* All Unicode handling: sanitising, display width, wrapping and folding. */
#ifndef DIGLOT_TEXT_H
#define DIGLOT_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* One display line: a span of a sanitised text and its width in columns. */
struct text_line {
	size_t off;
	uint32_t len;
	uint32_t width;
};

struct text_lines {
	struct text_line *v;
	size_t n, cap;
};

/*
 * Append the displayable form of raw block text s[0..n) to out: invalid
 * UTF-8 becomes U+FFFD, line breaks (LF, CR, CRLF) are joined with one space
 * (none between two wide characters), tabs become spaces, C0 controls and
 * DEL are shown as ^X, C1 controls as <U+0085>, bidi overrides, isolates and
 * zero-width format characters are dropped.  The result is valid UTF-8 and
 * holds no control character.
 */
void text_clean(struct buf *out, const char *s, size_t n);

/* Display width in terminal columns of sanitised text s[0..n). */
int text_width(const char *s, size_t n);

/* Display width of one code point (0 for combining marks, 2 for wide). */
int text_ucwidth(uint32_t uc);

/* Number of code points in valid UTF-8 s[0..n). */
size_t text_chars(const char *s, size_t n);

/*
 * Wrap sanitised text s[0..n) into lines of at most width columns, appending
 * them to out: breaks follow the Unicode line breaking rules, trailing blanks
 * do not count, and a word wider than the column is split between grapheme
 * clusters.  Empty text gives one empty line.
 */
void text_wrap(const char *s, size_t n, int width, struct text_lines *out);

/* Length in bytes of the longest prefix of s[0..n) that fits in width columns,
 * never splitting a grapheme cluster; *used receives its width. */
size_t text_fit(const char *s, size_t n, int width, int *used);

/*
 * Fold sanitised text for matching: case folding, NFD, and combining marks
 * U+0300-036F dropped, except the breve and diaeresis on Cyrillic letters.
 * Appends to out; when map is not NULL, (*map)[i] receives the offset in s of
 * the character that produced byte i of the folded text, and (*map)[len]
 * receives n.  The caller frees *map.
 */
void text_fold(const char *s, size_t n, struct buf *out, size_t **map);

/* Whether uc is a letter of a script that writes words without spaces. */
int text_is_wide(uint32_t uc);

#endif
