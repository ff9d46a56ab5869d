/* SPDX-License-Identifier: MIT */
/* All Unicode handling: sanitising, display width, wrapping and folding. */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

#include "simd.h"
#include "text.h"
#include "xalloc.h"

static void
put_uc(struct buf *out, uint32_t uc)
{
	uint8_t tmp[6];
	int k = u8_uctomb(tmp, uc, sizeof tmp);

	if (k > 0)
		buf_add(out, (const char *)tmp, k);
}

/* Characters dropped outright: bidi embeddings, overrides and isolates,
 * zero-width format characters, the soft hyphen and interlinear marks. */
static inline int
is_dropped(uint32_t uc)
{
	if (uc < 0x0600)
		return uc == 0x00AD;
	return (uc >= 0x202A && uc <= 0x202E) || (uc >= 0x2066 && uc <= 0x2069) ||
	    uc == 0x200B || uc == 0x200E || uc == 0x200F || uc == 0x061C ||
	    uc == 0xFEFF || (uc >= 0x2060 && uc <= 0x2064) ||
	    (uc >= 0x206A && uc <= 0x206F) || uc == 0x180E ||
	    (uc >= 0x0600 && uc <= 0x0605) || uc == 0x00AD ||
	    (uc >= 0xFFF9 && uc <= 0xFFFB) || (uc >= 0xE0001 && uc <= 0xE007F);
}

static int ucwidth_slow(uint32_t uc);
static inline void fold_ready(void);
static inline int plain_letter(const char *s, size_t n);
/* The width of each code point below U+0800 (filled with the folding
 * tables). */
static signed char width_small[0x800];

int
text_ucwidth(uint32_t uc)
{
	if (uc >= 0x20 && uc < 0x7F)
		return 1;
	if (uc < 0x800) {
		fold_ready();
		return width_small[uc];
	}
	return ucwidth_slow(uc);
}

static int
ucwidth_slow(uint32_t uc)
{
	int w;

	/* Agree with the terminal's wcwidth where libunistring differs. */
	if ((uc >= 0x3248 && uc <= 0x324F) || (uc >= 0x4DC0 && uc <= 0x4DFF))
		return 2;
	w = uc_width(uc, "UTF-8");
	return w < 0 ? 1 : w;
}

int
text_is_wide(uint32_t uc)
{
	return uc >= 0x1100 && text_ucwidth(uc) == 2;
}

static int
is_blank(uint32_t uc)
{
	return uc == ' ' || uc == '\t';
}

/* Whether the eight bytes at s are four letters of U+0400-U+047F (all
 * plain letters). */
static inline int
four_cyrillic(const char *s)
{
	uint64_t w;

	memcpy(&w, s, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	w = __builtin_bswap64(w);	/* the first byte lowest */
#endif
	return (w & 0x00FE00FE00FE00FEu) == 0x00D000D000D000D0u &&
	    (w & 0xC000C000C000C000u) == 0x8000800080008000u;
}

/* Whether s[0..8) is all printable ASCII (0x20 to 0x7E). */
static inline int
eight_printable(const char *s)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	uint64_t w, del;

	memcpy(&w, s, 8);
	del = w ^ ones * 0x7F;
	return ((((w - ones * 0x20) & ~w) | w | ((del - ones) & ~del)) & highs) == 0;
}

static void clean_part(struct buf *out, const char *s, size_t n, size_t base, int *colp);

void
text_clean(struct buf *out, const char *s, size_t n)
{
	int col = 0;

	clean_part(out, s, n, out->len, &col);
}

/* text_clean of a part of a text cut between two letters: base is where
 * the text's cleaned form starts in out, *col the column the part starts
 * at, set to the one it ends at. */
static void
clean_part(struct buf *out, const char *s, size_t n, size_t base, int *colp)
{
	size_t i = 0, line_end = out->len;
	uint32_t last = 0, uc;
	int col = *colp, pending_join = 0, at_line_start = out->len == base;

	buf_add(out, "", 0);	/* out->s exists from here on */
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		int k;

		/* Fast path: a run of characters that need nothing done,
		 * added in one piece. */
		if (!pending_join && !(at_line_start && (c == ' ' || c == '\t'))) {
			size_t j = i;

			while (j < n) {
				unsigned char d = (unsigned char)s[j];
				uint32_t u;
				int m;

#ifdef __SSE2__
				/* Sixteen bytes at a time through ASCII and
				 * Cyrillic letters, to the end of a character. */
				if (n - j > 16) {
					unsigned cont, ok = ascii_cyrillic16(s + j, &cont);
					unsigned r = ok == 0xFFFF ? 16 : (unsigned)__builtin_ctz(~ok);

					if (r && (unsigned char)s[j + r - 1] >= 0xC0)
						r--;
					if (r) {
						col += (int)(r - bits16(cont & ((1u << r) - 1)));
						j += r;
						d = (unsigned char)s[j - 1];
						last = d < 0x80 ? d : (uint32_t)(s[j - 2] & 0x1F) << 6 | (d & 0x3F);
						continue;
					}
				}
#endif
				/* Four Cyrillic letters need nothing either. */
				if (n - j >= 8 && d >= 0xD0 && four_cyrillic(s + j)) {
					j += 8;
					col += 4;
					last = (uint32_t)(s[j - 2] & 0x1F) << 6 | (s[j - 1] & 0x3F);
					continue;
				}
				if (d >= 0x20 && d < 0x7F) {
					if (n - j >= 8 && eight_printable(s + j)) {
						j += 8;
						col += 8;
					} else {
						j++;
						col++;
					}
					last = (unsigned char)s[j - 1];
					continue;
				}
				if (d < 0x80)
					break;
				m = text_next_uc(s + j, n - j, &u);
				/* (A repaired byte is one byte of U+FFFD.) */
				if ((m == 1 && u == 0xFFFD) || u < 0xA0 || is_dropped(u) || u == 0x2028 ||
				    u == 0x2029)
					break;
				/* A mark at the very start, or on a blank, needs
				 * a base of its own. */
				if ((last == ' ' || (j == i && out->len == base)) &&
				    text_ucwidth(u) == 0)
					break;
				last = u;
				j += m;
				col++;
			}
			if (j > i) {
				buf_add(out, s + i, j - i);
				line_end = out->len;
				if (last == ' ')
					while (line_end > base && out->s[line_end - 1] == ' ')
						line_end--;
				at_line_start = 0;
				i = j;
				continue;
			}
		}
		k = text_next_uc(s + i, n - i, &uc);
		i += k;
		if (uc == '\n' || uc == '\r' || uc == 0x2028 || uc == 0x2029) {
			if (uc == '\r' && i < n && s[i] == '\n')
				i++;
			/* Trailing blanks of the line go. */
			out->len = line_end;
			out->s[out->len] = '\0';
			pending_join = out->len > base;
			at_line_start = 1;
			col = 0;
			continue;
		}
		if (at_line_start && is_blank(uc) && (pending_join || out->len == base))
			continue;
		if (is_dropped(uc))
			continue;
		if (pending_join) {
			if (!(text_is_wide(last) && text_is_wide(uc)))
				buf_addc(out, ' ');
			pending_join = 0;
		}
		at_line_start = 0;
		if (uc == '\t') {
			int sp = 8 - col % 8;

			col += sp;
			while (sp--)
				buf_addc(out, ' ');
			last = ' ';
			continue;
		}
		if (uc < 0x20 || uc == 0x7F) {
			buf_addc(out, '^');
			buf_addc(out, uc == 0x7F ? '?' : (char)(uc + 0x40));
			col += 2;
		} else if (uc >= 0x80 && uc < 0xA0) {
			buf_printf(out, "<U+%04X>", (unsigned)uc);
			col += 8;
		} else {
			/* A mark with no base (or a blank for one) would join
			 * whatever precedes it on the screen: give it a dotted
			 * circle. */
			if ((out->len == base || last == ' ') && text_ucwidth(uc) == 0 &&
			    uc_is_general_category(uc, UC_CATEGORY_M))
				put_uc(out, 0x25CC);
			put_uc(out, uc);
			/* Columns matter only for tab stops: a character is
			 * close enough. */
			col++;
		}
		last = uc;
		if (uc != ' ')
			line_end = out->len;
	}
	out->len = line_end;
	if (out->s)
		out->s[out->len] = '\0';
	*colp = col;
}

/* Whether a text may be cut at p for clean_part: between two letters. */
static int
cut_between_letters(const char *s, size_t n, size_t p)
{
	size_t q = p - 1;

	while (q > 0 && p - q < 4 && ((unsigned char)s[q] & 0xC0) == 0x80)
		q--;
	return plain_letter(s + p, n - p) > 0 && (size_t)plain_letter(s + q, p - q) == p - q;
}

void
text_clean_pieces(struct buf *out, const char *s, size_t n, size_t piece,
    void (*done)(void *ctx, size_t upto), void *ctx)
{
	size_t at = 0, base = out->len;
	int col = 0;

	fold_ready();
	while (at < n) {
		size_t p = n - at > piece ? at + piece : n;

		while (p < n && !cut_between_letters(s, n, p))
			p++;
		clean_part(out, s + at, p - at, base, &col);
		at = p;
		if (done)
			done(ctx, at);
	}
	if (n == 0)
		buf_add(out, "", 0);
}

size_t
text_chars(const char *s, size_t n)
{
	size_t i = 0, k = 0;

	/* Eight bytes at a time: the bytes that continue a character have
	 * their top bits 10. */
	for (; i + 8 <= n; i += 8) {
		uint64_t w, cont;

		memcpy(&w, s + i, 8);
		cont = w & ~(w << 1) & 0x8080808080808080u;
		cont = (cont >> 7) * 0x0101010101010101u >> 56;
		k += 8 - (size_t)cont;
	}
	for (; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			k++;
	return k;
}

int
text_width(const char *s, size_t n)
{
	size_t i = 0;
	int w = 0;

	while (i < n) {
		uint32_t uc;

		if ((unsigned char)s[i] < 0x80) {
			w++;
			i++;
			continue;
		}
		i += text_next_uc(s + i, n - i, &uc);
		w += text_ucwidth(uc);
	}
	return w;
}

size_t
text_fit(const char *s, size_t n, int width, int *used)
{
	char *g = NULL;
	size_t i = 0, fit = 0, glen = 0;
	int col = 0, fitcol = 0;

	while (i < n) {
		uint32_t uc;
		int k = text_next_uc(s + i, n - i, &uc);
		int w = text_ucwidth(uc);

		if (w > 0 && col + w > width)
			break;
		col += w;
		i += k;
		/* Only stop between grapheme clusters.  The breaks before
		 * s[i] depend on what precedes it, so a window will do. */
		if (i < n && (unsigned char)s[i] >= 0x80) {
			if (i >= glen) {
				glen = i * 2 + 256 < n ? i * 2 + 256 : n;
				g = xrealloc(g, glen);
				u8_grapheme_breaks((const uint8_t *)s, glen, g);
			}
			if (!g[i])
				continue;
		}
		fit = i;
		fitcol = col;
	}
	free(g);
	if (used)
		*used = fitcol;
	return fit;
}

static void
add_line(struct text_lines *out, size_t off, size_t len, int width)
{
	struct text_line *l;

	out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
	l = &out->v[out->n++];
	l->off = off;
	l->len = len;
	l->width = width;
}

/* Kinds of character for text_breaks. */
enum { K_OTHER, K_LETTER, K_BLANK, K_QUOTE, K_CLOSE, K_STOP, K_OPEN };

/* The kinds of ASCII characters (filled with the folding tables). */
static unsigned char ascii_kind[128];

/* The kind of the character at s[0..n), its length in *len. */
static inline int
break_kind(const char *s, size_t n, int *len)
{
	unsigned char c = (unsigned char)s[0];
	uint32_t uc;

	*len = 1;
	if (c < 0x80)
		return ascii_kind[c];
	if ((*len = plain_letter(s, n)) > 0)
		return K_LETTER;
	*len = text_next_uc(s, n, &uc);
	switch (uc) {
	case 0x201D: case 0x00BB: case 0x2019:	/* ” » ’ */
		return K_CLOSE;
	case 0x201C: case 0x00AB: case 0x2018: case 0x00A7: case 0x00A0: /* “ « ‘ § nbsp */
		return K_QUOTE;
	case 0x201E:				/* „ */
		return K_OPEN;
	}
	return K_OTHER;
}

/* Whether printable ASCII text s[0..n) has none of the punctuation where
 * UAX #14 differs from "break after blanks" most (hyphens, slashes,
 * brackets and the like); such text breaks after blanks only. */
static int
plain_ascii(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x80 || c == '-' || c == '/' || c == '?' || c == '!' ||
		    c == '}' || c == ')' || c == ']' || c == '%' || c == '$' ||
		    c == '+' || c == '{' || c == '(' || c == '[' || c == '\\')
			return 0;
	}
	return 1;
}

/* Put a line break opportunity before each non-blank that follows a blank. */
static void
space_breaks(const char *s, size_t n, char *p)
{
	size_t i;

	memset(p, UC_BREAK_PROHIBITED, n);
	for (i = 1; i < n; i++)
		if (s[i - 1] == ' ' && s[i] != ' ')
			p[i] = UC_BREAK_POSSIBLE;
}

/* Break opportunities are computed for windows of this many bytes, so that
 * a huge block with no line breaks needs no second copy of itself. */
enum { WRAP_WINDOW = 1 << 16, WRAP_GUARD = 32 };

/* The break opportunities of piece s[a..b): after blanks when simple, else
 * by the full rules; its start may break when it is not the text's. */
static void
piece_breaks(const char *s, size_t a, size_t b, int simple, char *p)
{
	if (simple)
		space_breaks(s + a, b - a, p + a);
	else
		u8_possible_linebreaks((const uint8_t *)s + a, b - a, "UTF-8", p + a);
	if (a > 0)
		p[a] = UC_BREAK_POSSIBLE;
}

/*
 * The text is cut into pieces at each letter after blanks after a letter or
 * digit, where every rule of UAX #14 lets a line start whatever comes
 * before or after.  A piece breaks after blanks only, without the full
 * rules, when it starts with a letter and holds only letters (of ASCII,
 * Latin and Cyrillic), digits, blanks, quotes, a full stop, comma, colon or
 * semicolon after a letter or quote and before a blank or a closing quote
 * (one before a letter may break), and „ before a letter after a blank
 * after a letter or stop (after a quote and a blank it may not break).
 */
void
text_breaks(const char *s, size_t n, char *p)
{
	size_t i, a = 0;
	int len, next_len, k, next, prev = K_OTHER, before = K_OTHER, last = K_OTHER, simple;

	if (plain_ascii(s, n)) {
		space_breaks(s, n, p);
		return;
	}
	fold_ready();
	k = break_kind(s, n, &len);
	simple = k == K_LETTER;
	for (i = 0; i < n; i += len, k = next, len = next_len) {
		next = i + len < n ? break_kind(s + i + len, n - i - len, &next_len) : K_BLANK;
		if (k == K_LETTER && prev == K_BLANK && last == K_LETTER && i > a) {
			piece_breaks(s, a, i, simple, p);
			a = i;
			simple = 1;
			prev = before = K_OTHER;
		}
		if (k == K_OTHER ||
		    (k == K_STOP && (prev == K_BLANK || (next != K_BLANK && next != K_CLOSE))) ||
		    (k == K_OPEN && (prev != K_BLANK || (before != K_LETTER && before != K_STOP) ||
		    next != K_LETTER)))
			simple = 0;
		if (k != K_BLANK)
			last = k;
		before = prev;
		prev = k;
	}
	if (a < n)
		piece_breaks(s, a, n, simple, p);
}

/* Length of the grapheme cluster at s[0..n), at least one code point. */
static size_t
first_cluster(const char *s, size_t n)
{
	uint32_t uc;
	size_t k = text_next_uc(s, n, &uc);

	while (k < n) {
		int m = text_next_uc(s + k, n - k, &uc);

		if (text_ucwidth(uc) != 0)
			break;
		k += m;
	}
	return k;
}

/* The end of line s[ls..e) without its trailing blanks, nor the invisible
 * characters (joiners, zero-width spaces) that follow them. */
static size_t
trim_end(const char *s, size_t ls, size_t e)
{
	for (;;) {
		size_t z = e;

		while (z > ls) {
			size_t c = z - 1;
			uint32_t uc;

			while (c > ls && ((unsigned char)s[c] & 0xC0) == 0x80)
				c--;
			text_next_uc(s + c, z - c, &uc);
			if (uc == ' ' || text_ucwidth(uc) != 0)
				break;
			z = c;
		}
		if (z == ls || s[z - 1] != ' ')
			return e;
		e = z;
		while (e > ls && s[e - 1] == ' ')
			e--;
	}
}

/*
 * Greedy wrapping over the break opportunities: a line grows while its
 * text, without trailing blanks, fits; when it does not, it ends at the last
 * opportunity, or, inside a word wider than the column, at the last grapheme
 * cluster boundary that fits.
 */
void
text_wrap(const char *s, size_t n, int width, struct text_lines *out)
{
	char *p = NULL;
	size_t i, ls = 0, brk = 0, wstart = 0, wend = 0;
	int col = 0, ink = 0, brk_col = 0, brk_ink = 0;

	if (width < 1)
		width = 1;
	if ((size_t)width >= n) {	/* a column is at least a byte */
		add_line(out, 0, n, text_width(s, n));
		return;
	}
	p = xmalloc(n < WRAP_WINDOW ? n : WRAP_WINDOW);
	i = 0;
	while (i < n) {
		uint32_t uc;
		int k, w;

		if (i >= wend || (wend < n && i >= wend - WRAP_GUARD)) {
			/* Next window, from the start of the current line;
			 * a line as long as a window (zero-width runs) ends. */
			if (wend && ls == wstart) {
				add_line(out, ls, i - ls, ink);
				ls = i;
			}
			wstart = ls;
			wend = n - wstart <= WRAP_WINDOW ? n : wstart + WRAP_WINDOW;
			text_breaks(s + wstart, wend - wstart, p);
			i = ls;
			col = ink = 0;
			brk = ls;
		}
		k = text_next_uc(s + i, n - i, &uc);
		w = text_ucwidth(uc);
		if (i > ls && p[i - wstart] == UC_BREAK_POSSIBLE) {
			brk = i;
			brk_col = col;
			brk_ink = ink;
		}
		if (uc != ' ' && w > 0 && col + w > width && i > ls) {
			if (brk > ls) {
				size_t e = trim_end(s, ls, brk);

				add_line(out, ls, e - ls, brk_ink);
				ls = brk;
				col -= brk_col;
				while (ls < i && s[ls] == ' ') {
					ls++;
					col--;
				}
				ink = col;
				brk = ls;
				/* Look at this character again on the new line:
				 * what lies before it may still be too wide. */
				continue;
			} else {
				/* A word wider than the column: split it at
				 * the last cluster boundary that fits. */
				int used;
				size_t fit = text_fit(s + ls, n - ls, width, &used);

				if (fit == 0) {
					fit = first_cluster(s + ls, n - ls);
					used = text_width(s + ls, fit);
				}
				/* Blanks at the cut belong to no line. */
				{
					size_t e = trim_end(s, ls, ls + fit);

					if (e > ls)
						add_line(out, ls, e - ls, text_width(s + ls, e - ls));
				}
				ls += fit;
				while (ls < n && s[ls] == ' ')
					ls++;
				i = brk = ls;
				col = ink = 0;
				continue;
			}
		}
		col += w;
		/* Ink ends at the last visible character; an invisible one
		 * after blanks leaves it there (trim_end drops them all). */
		if (uc != ' ' && (w > 0 || col == ink))
			ink = col;
		i += k;
	}
	if (ls < n) {
		size_t e = trim_end(s, ls, n);

		add_line(out, ls, e - ls, ink);
	}
	free(p);
}

/* Breve and diaeresis stay on Cyrillic letters: й ё ї are letters of their
 * own, not accented и е і. */
static int
keep_mark(uint32_t mark, uint32_t base)
{
	return (mark == 0x0306 || mark == 0x0308) && base >= 0x0400 &&
	    base <= 0x04FF;
}

/* The folded form of one code point, marks already filtered (for a
 * precomposed letter its marks belong to it). */
enum { FOLD_CACHE = 0x3000, FOLD_MAX = 4 };

static int
fold_uc_slow(uint32_t uc, uint32_t *out)
{
	uint32_t f[8], *r, base = 0;
	size_t flen = 8, j;
	int n = 0;

	r = u32_casefold(&uc, 1, NULL, UNINORM_NFD, f, &flen);
	if (!r) {
		f[0] = uc;
		r = f;
		flen = 1;
	}
	for (j = 0; j < flen && n < FOLD_MAX; j++) {
		if (r[j] >= 0x0300 && r[j] <= 0x036F) {
			if (j == 0 || !keep_mark(r[j], base))
				continue;
		} else {
			base = r[j];
		}
		out[n++] = r[j];
	}
	if (r != f)
		free(r);
	return n;
}

/* Below FOLD_CACHE, where nearly all text lives, the table is filled once
 * (about a millisecond; case folding one by one is costly), so threads
 * share it read-only. */
static struct {
	unsigned char n, len;
	uint32_t cp[FOLD_MAX];
	char u8[FOLD_MAX * 4];	/* cp[0..n) in UTF-8: len bytes */
} fold_cache[FOLD_CACHE];
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;
static int fold_filled;	/* once the tables are filled */

/* What a byte says of the character it starts, for plain_letter: 1 an
 * ASCII letter or digit, 2 a two-byte letter whatever follows, 3 a
 * two-byte letter or not, by what follows; 0 none. */
static unsigned char plain_lead[256];
/* The two bytes a two-byte character folds to, when it folds to one such
 * and is no mark (else 0). */
static uint16_t fold_two[0x800];

static void
fold_fill(void)
{
	uint32_t uc;
	int j;

	for (j = 0; j < 256; j++)
		plain_lead[j] = (j >= 'a' && j <= 'z') || (j >= 'A' && j <= 'Z') ||
		    (j >= '0' && j <= '9') ? 1 :
		    (j >= 0xC4 && j <= 0xC8) || j == 0xD0 || j == 0xD1 || j == 0xD3 ? 2 :
		    j == 0xC3 || j == 0xC9 || j == 0xD2 ? 3 : 0;
	for (uc = 0; uc < FOLD_CACHE; uc++) {
		fold_cache[uc].n = (unsigned char)fold_uc_slow(uc, fold_cache[uc].cp);
		for (j = 0; j < fold_cache[uc].n; j++) {
			int k = u8_uctomb((uint8_t *)fold_cache[uc].u8 + fold_cache[uc].len,
			    fold_cache[uc].cp[j], 4);

			if (k > 0)
				fold_cache[uc].len += k;
		}
		if (uc >= 0x80 && uc < 0x800 && (uc < 0x0300 || uc > 0x036F) &&
		    fold_cache[uc].len == 2)
			fold_two[uc] = (uint16_t)((unsigned char)fold_cache[uc].u8[0] << 8 |
			    (unsigned char)fold_cache[uc].u8[1]);
	}
	for (uc = 0; uc < 0x800; uc++)
		width_small[uc] = (signed char)ucwidth_slow(uc);
	for (j = 0; j < 128; j++)
		ascii_kind[j] = (j >= '0' && j <= '9') || ((j | 0x20) >= 'a' && (j | 0x20) <= 'z') ?
		    K_LETTER : j == ' ' ? K_BLANK :
		    strchr(".,:;", j) && j ? K_STOP : j == '"' ? K_CLOSE :
		    strchr("'&*#@=<>_~`", j) && j ? K_QUOTE : K_OTHER;
	__atomic_store_n(&fold_filled, 1, __ATOMIC_RELEASE);
}

/* The tables, filled on first use (threads share them read-only). */
static inline void
fold_ready(void)
{
	if (!__atomic_load_n(&fold_filled, __ATOMIC_ACQUIRE))
		pthread_once(&fold_once, fold_fill);
}

static int
fold_uc(uint32_t uc, uint32_t *out)
{
	if (uc >= FOLD_CACHE)
		return fold_uc_slow(uc, out);
	fold_ready();
	memcpy(out, fold_cache[uc].cp, sizeof fold_cache[uc].cp);
	return fold_cache[uc].n;
}

/* fold_one for code point uc, k bytes of s, when it is not ASCII. */
static int
fold_other(uint32_t uc, int k, uint32_t *base, char *out, int *len)
{
	uint32_t f[FOLD_MAX];
	int fn, j, l = 0;

	if (uc < FOLD_CACHE && !(uc >= 0x0300 && uc <= 0x036F)) {
		memcpy(out, fold_cache[uc].u8, sizeof fold_cache[uc].u8);
		*len = fold_cache[uc].len;
		if (fold_cache[uc].n)
			*base = fold_cache[uc].cp[0];
		return k;
	}
	if (uc >= 0x0300 && uc <= 0x036F) {
		/* A mark of its own (decomposed text): it depends on the
		 * letter before it. */
		if (keep_mark(uc, *base))
			l = u8_uctomb((uint8_t *)out, uc, 4);
	} else {
		fn = fold_uc(uc, f);
		for (j = 0; j < fn; j++) {
			int b = u8_uctomb((uint8_t *)out + l, f[j], 4);

			if (b > 0)
				l += b;
		}
		if (fn)
			*base = f[0];
	}
	*len = l > 0 ? l : 0;
	return k;
}

/* The folded form of the character at s[0..n) (n > 0): its bytes in out,
 * room for TEXT_FOLD_BYTES, their count in *len; *base is the letter the
 * marks after it belong to.  Returns the bytes of s it takes. */
static inline int
fold_one(const char *s, size_t n, uint32_t *base, char *out, int *len)
{
	unsigned char c = (unsigned char)s[0];
	uint32_t uc;
	int k;

	if (c < 0x80) {
		out[0] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		*base = c;
		*len = 1;
		return 1;
	}
	k = text_next_uc(s, n, &uc);
	/* Two-byte letters, the bulk of the rest, straight from the table. */
	if (k == 2 && (uc < 0x0300 || uc > 0x036F) && fold_cache[uc].len <= 4) {
		memcpy(out, fold_cache[uc].u8, 4);
		*len = fold_cache[uc].len;
		if (fold_cache[uc].n)
			*base = fold_cache[uc].cp[0];
		return 2;
	}
	return fold_other(uc, k, base, out, len);
}

/* text_fold, and with squeeze, text_fold_squeezed. */
static void
fold_into(const char *s, size_t n, struct buf *out, struct fold_map *map, int squeeze)
{
	size_t i = 0, start = out->len;
	uint32_t base = 0;

	fold_ready();
	/* Room for the rest of s folded byte for byte, and for the longest
	 * folding of one character: only such a folding needs more. */
	out->s = xgrow(out->s, &out->cap, out->len + n + TEXT_FOLD_BYTES + 1, 1);
	if (map)
		map->v = xgrow(map->v, &map->cap, n + TEXT_FOLD_BYTES + 1, sizeof *map->v);
	while (i < n) {
		size_t at = out->len - start;
		unsigned char c = (unsigned char)s[i];
		int k, len, j;

		/* ASCII, one byte for one. */
		if (c < 0x80) {
			base = c;
			if (!(squeeze && c == ' ' && (at == 0 || out->s[out->len - 1] == ' '))) {
				out->s[out->len++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
				if (map)
					map->v[at] = i;
			}
			i++;
			continue;
		}
		/* Two-byte letters that fold to two bytes, from the table. */
		if (c >= 0xC2 && c <= 0xDF && i + 1 < n && ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
			uint16_t f = fold_two[(c & 0x1F) << 6 | ((unsigned char)s[i + 1] & 0x3F)];

			if (f) {
				out->s[out->len] = (char)(f >> 8);
				out->s[out->len + 1] = (char)(f & 0xFF);
				out->len += 2;
				base = (uint32_t)(f >> 8 & 0x1F) << 6 | (f & 0x3F);
				if (map)
					map->v[at] = map->v[at + 1] = i;
				i += 2;
				continue;
			}
		}
		k = fold_one(s + i, n - i, &base, out->s + at + start, &len);
		for (j = 0; j < len; j++) {
			char b = out->s[at + start + j];

			if (squeeze && b == ' ' && (out->len == start || out->s[out->len - 1] == ' '))
				continue;
			if (map)
				map->v[out->len - start] = i;
			out->s[out->len++] = b;
		}
		i += k;
		out->s = xgrow(out->s, &out->cap, out->len + n - i + TEXT_FOLD_BYTES + 1, 1);
		if (map)
			map->v = xgrow(map->v, &map->cap, out->len - start + n - i + TEXT_FOLD_BYTES + 1,
			    sizeof *map->v);
	}
	out->s[out->len] = '\0';
	if (map)
		map->v[out->len - start] = n;
}

void
text_fold(const char *s, size_t n, struct buf *out, struct fold_map *map)
{
	fold_into(s, n, out, map, 0);
}

void
text_fold_squeezed(const char *s, size_t n, struct buf *out, struct fold_map *map)
{
	fold_into(s, n, out, map, 1);
}

/* Where the strings of a fold_keys may start: a hash of their first eight
 * bytes, or four for those shorter; those shorter still by their first
 * two.  w holds the bytes from its top. */
static unsigned
key_hash(uint64_t w, int bytes)
{
	if (bytes < 8)
		w &= ~(uint64_t)0 << 8 * (8 - bytes);
	return (unsigned)((w * 0x9E3779B97F4A7C15u) >> 48);
}

static void
key_set(uint64_t *bits, unsigned h)
{
	bits[h >> 6] |= (uint64_t)1 << (h & 63);
}

static int
key_is(const uint64_t *bits, unsigned h)
{
	return bits[h >> 6] >> (h & 63) & 1;
}

/* The first two bytes of f[0..len) (of one byte: with any second). */
static void
set_first_two(uint64_t *bits, const char *f, size_t len)
{
	unsigned b1;

	for (b1 = 0; len > 0 && b1 < 256; b1++)
		if (len == 1 || b1 == (unsigned char)f[1])
			key_set(bits, (unsigned char)f[0] << 8 | b1);
}

void
text_fold_key(struct fold_keys *keys, const char *f, size_t len)
{
	uint64_t w = 0;
	size_t i;

	for (i = 0; i < 8; i++)
		w = w << 8 | (i < len ? (unsigned char)f[i] : 0);
	set_first_two(keys->pair, f, len);
	if (len >= 4)
		key_set(keys->quad, key_hash(w, 4));
	if (len >= 8) {
		key_set(keys->eight, key_hash(w, 8));
	} else if (len >= 4) {
		key_set(keys->four, key_hash(w, 4));
	} else if (len > 0) {
		keys->short_ones = 1;
		set_first_two(keys->two, f, len);
	}
}

/* Whether the m bytes of w (at its top) may start a string of keys. */
static int
key_hit(const struct fold_keys *keys, uint64_t w, int m)
{
	return (m >= 8 && key_is(keys->eight, key_hash(w, 8))) ||
	    (m >= 4 && key_is(keys->four, key_hash(w, 4))) ||
	    (keys->short_ones && key_is(keys->two, (unsigned)(w >> 48)));
}

static void
add_offset(size_t **out, size_t *nout, size_t *cap, size_t off)
{
	if (*nout && (*out)[*nout - 1] == off)
		return;
	*out = xgrow(*out, cap, *nout + 1, sizeof **out);
	(*out)[(*nout)++] = off;
}

/* Bytes of the character at s[0..n) when it is a letter or digit that no
 * rule of word breaking parts from another such: ASCII, Latin-1 and Latin
 * Extended letters, Cyrillic letters; else 0. */
static inline int
plain_letter(const char *s, size_t n)
{
	unsigned char t = plain_lead[(unsigned char)s[0]], c1;

	if (t <= 1)
		return t;
	if (n < 2 || ((unsigned char)s[1] & 0xC0) != 0x80)
		return 0;
	if (t == 2)
		return 2;
	c1 = (unsigned char)s[1];
	switch ((unsigned char)s[0]) {
	case 0xC3:
		return c1 != 0x97 && c1 != 0xB7 ? 2 : 0;	/* not × ÷ */
	case 0xC9:
		return c1 <= 0x8F ? 2 : 0;			/* Latin Extended-B */
	default:
		return c1 >= 0x82 && c1 <= 0x89 ? 0 : 2;	/* not ҂ or marks */
	}
}

int
text_plain_letter(const char *s, size_t n)
{
	fold_ready();
	return n ? plain_letter(s, n) : 0;
}

/* The folded bytes from a place on, blanks squeezed, gathered into w. */
struct ahead {
	size_t j, first;	/* next character; where the first byte came from */
	uint64_t w;
	uint32_t base;
	int m, last_space;	/* bytes in w */
};

static inline void
ahead_to(const char *s, size_t n, struct ahead *a, int want)
{
	while (a->j < n && a->m < want) {
		char f[TEXT_FOLD_BYTES];
		int len, b, step = fold_one(s + a->j, n - a->j, &a->base, f, &len);

		for (b = 0; b < len && a->m < want; b++) {
			if (f[b] == ' ') {
				if (a->last_space || a->m == 0)
					continue;
				a->last_space = 1;
			} else {
				a->last_space = 0;
			}
			if (a->m == 0)
				a->first = a->j;
			a->w = a->w << 8 | (unsigned char)f[b];
			a->m++;
		}
		a->j += step;
	}
}

/* ahead_to for want bytes (up to eight) from s[i] (not a blank), when they
 * come from ASCII and from two-byte characters that fold to two bytes: 1
 * with them in *w, the last lowest, and their count in *m (fewer at the
 * text's end); else 0. */
static inline int
ahead_simple(const char *s, size_t n, size_t i, int want, uint64_t *w, int *m)
{
	uint64_t r = 0;
	int k = 0, last_space = 0;

	while (k < want && i < n) {
		unsigned char c0 = (unsigned char)s[i], c1;
		uint16_t f;

		if (c0 < 0x80) {
			if (c0 == ' ' && last_space) {
				i++;
				continue;
			}
			last_space = c0 == ' ';
			r = r << 8 | (c0 >= 'A' && c0 <= 'Z' ? c0 + 32u : c0);
			k++;
			i++;
			continue;
		}
		if (c0 < 0xC2 || c0 > 0xDF || i + 1 >= n ||
		    ((c1 = (unsigned char)s[i + 1]) & 0xC0) != 0x80 ||
		    (f = fold_two[(c0 & 0x1F) << 6 | (c1 & 0x3F)]) == 0)
			return 0;
		/* (The last byte may be the first of two, as in ahead_to.) */
		r = r << 8 | f >> 8;
		if (++k < want) {
			r = r << 8 | (f & 0xFF);
			k++;
		}
		last_space = 0;
		i += 2;
	}
	*w = r;
	*m = k;
	return 1;
}

void
text_fold_keys_done(struct fold_keys *keys)
{
	uint64_t any[256 / 64] = { 0 };
	unsigned b0, b1, f0;

	fold_ready();
	/* The first bytes that start some pair, with any second. */
	for (b0 = 0; b0 < 65536; b0++)
		if (key_is(keys->pair, b0))
			key_set(any, b0 >> 8);
	for (b0 = 0; b0 < 256; b0++)
		for (b1 = 0; b1 < 256; b1++) {
			int may = 1;

			if (b0 < 0x80) {
				f0 = b0 >= 'A' && b0 <= 'Z' ? b0 + 32 : b0;
				if (b1 < 0x80)
					may = key_is(keys->pair, f0 << 8 |
					    (b1 >= 'A' && b1 <= 'Z' ? b1 + 32 : b1));
				else
					may = key_is(any, f0);
			} else if (b0 >= 0xC2 && b0 <= 0xDF && (b1 & 0xC0) == 0x80) {
				uint32_t uc = (b0 & 0x1F) << 6 | (b1 & 0x3F);

				/* A mark, or a letter that folds to nothing,
				 * leaves the start to what follows. */
				if ((uc < 0x0300 || uc > 0x036F) && fold_cache[uc].len >= 2)
					may = key_is(keys->pair, (unsigned char)fold_cache[uc].u8[0] << 8 |
					    (unsigned char)fold_cache[uc].u8[1]);
				else if ((uc < 0x0300 || uc > 0x036F) && fold_cache[uc].len == 1)
					may = key_is(any, (unsigned char)fold_cache[uc].u8[0]);
			}
			if (may)
				key_set(keys->raw, b0 << 8 | b1);
		}
}

#ifdef __SSE2__
/*
 * Where in the sixteen bytes at s (s[16] readable) a word may start, when
 * they are ASCII and Cyrillic letters from U+0400 to U+047F only: at every
 * character but a blank and a plain letter after a plain letter (after
 * says whether the character before s is one).  Returns the bytes looked
 * at (16, or 15 when a letter straddles the end), the places as bits in
 * *starts, and in *after whether the last character looked at is a plain
 * letter; 0 when something else is among the bytes.
 */
static inline int
word_starts16(const char *s, unsigned *starts, int *after)
{
	const __m128i v = _mm_loadu_si128((const __m128i *)s);
	const __m128i lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
	/* (As signed bytes, anything beyond ASCII is below '0'.) */
	unsigned letters = (unsigned)_mm_movemask_epi8(_mm_or_si128(
	    _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)),
	    _mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1))),
	    _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
	    _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)))));
	unsigned high = (unsigned)_mm_movemask_epi8(v);
	unsigned cont = continuations16(v);
	unsigned lead = cyrillic_leads16(v, _mm_loadu_si128((const __m128i *)(s + 1)));
	unsigned blanks = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
	unsigned ends = letters | cont;	/* the bytes that end a plain letter */
	int len = 16;

	if ((high & ~(lead | cont)) || cont != ((lead << 1) & 0xFFFF))
		return 0;
	*starts = ~cont & ~blanks & ~((letters | lead) & (ends << 1 | (unsigned)*after)) & 0xFFFF;
	if (lead & 0x8000) {
		*starts &= 0x7FFF;
		len = 15;
	}
	*after = ends >> (len - 1) & 1;
	return len;
}
#endif

void
text_fold_find(const char *s, size_t n, size_t from, size_t until,
    const struct fold_keys *keys, size_t **out, size_t *nout, size_t *cap)
{
	size_t i = from, base = 0;
	unsigned starts = 0;	/* places at base + their bits, still to look at */
	int after = 0;		/* the character before s[i] is a plain letter */

	fold_ready();
	while (starts || i < until) {
		struct ahead a;
		uint64_t w;
		size_t p;
		int k, m, skip;

		if (starts) {
			p = base + (size_t)__builtin_ctz(starts);
			starts &= starts - 1;
		} else {
#ifdef __SSE2__
			/* Sixteen bytes at a time through ASCII and
			 * Cyrillic, where they can. */
			if (until - i >= 16 && n - i >= 17 && (k = word_starts16(s + i, &starts,
			    &after)) > 0) {
				base = i;
				i += (size_t)k;
				continue;
			}
#endif
			/* Words break nowhere between two plain letters, and
			 * the strings are whole words: the rest of a word is
			 * skipped, four Cyrillic letters at a time where it
			 * can. */
			p = i;
			k = plain_letter(s + i, n - i);
			skip = s[p] == ' ' || (after && k);
			after = k > 0;
			if (!k) {
				uint32_t uc;

				i += text_next_uc(s + i, n - i, &uc);
			} else {
				i += k;
				while (until - i >= 8 && four_cyrillic(s + i))
					i += 8;
				while (i < until && (k = plain_letter(s + i, n - i)) > 0)
					i += k;
			}
			if (skip)
				continue;
		}
		/* Where a word may start: its first two bytes as they stand
		 * say whether some string may start there, then the first
		 * four folded, then eight. */
		if (p + 1 < n &&
		    !key_is(keys->raw, (unsigned char)s[p] << 8 | (unsigned char)s[p + 1]))
			continue;
		if (!keys->short_ones && ahead_simple(s, n, p, 4, &w, &m) && m == 4 &&
		    !key_is(keys->quad, key_hash(w << 32, 4)))
			continue;
		if (ahead_simple(s, n, p, 8, &w, &m)) {
			if (key_hit(keys, w << 8 * (8 - m), m))
				add_offset(out, nout, cap, p);
			continue;
		}
		memset(&a, 0, sizeof a);
		a.j = p;
		ahead_to(s, n, &a, 8);
		if (a.m > 0 && a.first < until && key_hit(keys, a.w << 8 * (8 - a.m), a.m))
			add_offset(out, nout, cap, a.first);
	}
}
