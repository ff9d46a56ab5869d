/* SPDX-License-Identifier: MIT */
/* All Unicode handling: sanitising, display width, wrapping and folding. */
#ifndef DIGLOT_TEXT_H
#define DIGLOT_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include <unistr.h>

#include "buf.h"

/* Decode one code point of s[0..n) (n > 0) into *uc; returns the bytes it
 * takes.  Invalid or truncated input gives U+FFFD and takes one byte, so the
 * repair never swallows good bytes.  Two-byte characters (Latin, Greek,
 * Cyrillic...), the bulk of what is not ASCII, are decoded here. */
static inline int
text_next_uc(const char *s, size_t n, uint32_t *uc)
{
	unsigned char c = (unsigned char)s[0];
	int k;

	if (c < 0x80) {
		*uc = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF && n >= 2 && ((unsigned char)s[1] & 0xC0) == 0x80) {
		*uc = (uint32_t)(c & 0x1F) << 6 | ((unsigned char)s[1] & 0x3F);
		return 2;
	}
	k = u8_mbtoucr(uc, (const uint8_t *)s, n);
	if (k < 0) {
		*uc = 0xFFFD;
		return 1;
	}
	return k;
}

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
/* Fill p[0..n) with the line break opportunities of sanitised text s[0..n)
 * (UC_BREAK_POSSIBLE before a character where a line may start): those of
 * libunistring's u8_possible_linebreaks, worked out without it where the
 * text is simple enough; printable ASCII without brackets, hyphens, slashes
 * and the like breaks after blanks only. */
void text_breaks(const char *s, size_t n, char *p);

/* Length in bytes of the longest prefix of s[0..n) that fits in width columns,
 * never splitting a grapheme cluster; *used receives its width. */
size_t text_fit(const char *s, size_t n, int width, int *used);

/* Where each byte of a folded text came from: v[i] is the offset in the
 * source of the character that produced byte i. */
struct fold_map {
	size_t *v;
	size_t cap;
};

/* The most bytes one character folds to. */
enum { TEXT_FOLD_BYTES = 16 };

/*
 * Fold sanitised text for matching: case folding, NFD, and combining marks
 * U+0300-036F dropped, except the breve and diaeresis on Cyrillic letters.
 * Appends to out; when map is not NULL, map->v[i] receives the offset in s of
 * the character that produced byte i of the appended text, and map->v[len]
 * receives n (map->v is reused and grown; the caller frees it).
 */
void text_fold(const char *s, size_t n, struct buf *out, struct fold_map *map);
/* text_fold with blanks squeezed: a space at the start or after another
 * is left out (for matching terms across line breaks and runs of blanks). */
void text_fold_squeezed(const char *s, size_t n, struct buf *out, struct fold_map *map);

/* Whether uc is a letter of a script that writes words without spaces. */
int text_is_wide(uint32_t uc);

/* Fill the tables the functions above read (they fill them on first use
 * too): called before a second thread starts, which then shares them. */
void text_init(void);

#endif
