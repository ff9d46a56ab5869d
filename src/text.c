/* SPDX-License-Identifier: MIT */
/* All Unicode handling: sanitising, display width, wrapping and folding. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

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
static inline void tables_ready(void);
/* The width of each code point below U+0800 (filled by tables_fill). */
static signed char width_small[0x800];

int
text_ucwidth(uint32_t uc)
{
	if (uc >= 0x20 && uc < 0x7F)
		return 1;
	if (uc < 0x800) {
		tables_ready();
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

/* Cleaning state: characters that need nothing done are copied from the
 * source in runs (s[run..run + nrun)); the rest is written one by one. */
struct cleaner {
	struct buf *out;
	const char *run;
	size_t nrun;
	size_t base;		/* where the text starts in out */
	size_t line_end;	/* the length of out without trailing blanks */
	uint32_t last;		/* the last character written */
	int col;		/* column, for tab stops */
	int pending_join;	/* a line ended after text: join with a space */
	int at_line_start;
};

static void
flush_run(struct cleaner *c)
{
	if (c->nrun) {
		buf_add(c->out, c->run, c->nrun);
		c->line_end = c->out->len;
		if (c->last == ' ')
			while (c->line_end > c->base && c->out->s[c->line_end - 1] == ' ')
				c->line_end--;
		c->nrun = 0;
	}
}

/* Whether nothing is written yet. */
static int
cleaner_empty(const struct cleaner *c)
{
	return c->out->len == c->base && c->nrun == 0;
}

/* Whether uc (k bytes at s) is copied as it stands: printable, not dropped,
 * not after a line break, not a mark that needs a base. */
static int
plain_char(const struct cleaner *c, uint32_t uc, int k)
{
	if (c->pending_join || (c->at_line_start && is_blank(uc) && cleaner_empty(c)))
		return 0;
	if (uc >= 0x20 && uc < 0x7F)
		return 1;
	if (uc < 0xA0 || (k == 1 && uc == 0xFFFD) || uc == 0x2028 || uc == 0x2029 ||
	    is_dropped(uc))
		return 0;
	return !((cleaner_empty(c) || c->last == ' ') && text_ucwidth(uc) == 0);
}

/* A line break: trailing blanks of the line go. */
static void
clean_break(struct cleaner *c)
{
	struct buf *out = c->out;

	flush_run(c);
	out->len = c->line_end;
	out->s[out->len] = '\0';
	c->pending_join = out->len > c->base;
	c->at_line_start = 1;
	c->col = 0;
}

/* Write a character that is not copied as it stands. */
static void
clean_other(struct cleaner *c, uint32_t uc)
{
	struct buf *out = c->out;

	if (c->pending_join) {
		if (!(text_is_wide(c->last) && text_is_wide(uc))) {
			buf_addc(out, ' ');
			c->last = ' ';
		}
		c->pending_join = 0;
	}
	c->at_line_start = 0;
	if (uc == '\t') {
		int sp = 8 - c->col % 8;

		c->col += sp;
		while (sp--)
			buf_addc(out, ' ');
		c->last = ' ';
		return;
	}
	if (uc < 0x20 || uc == 0x7F) {
		buf_addc(out, '^');
		buf_addc(out, uc == 0x7F ? '?' : (char)(uc + 0x40));
		c->col += 2;
	} else if (uc >= 0x80 && uc < 0xA0) {
		buf_printf(out, "<U+%04X>", (unsigned)uc);
		c->col += 8;
	} else {
		/* A mark with no base (or a blank for one) would join
		 * whatever precedes it on the screen: give it a dotted
		 * circle. */
		if ((out->len == c->base || c->last == ' ') && text_ucwidth(uc) == 0 &&
		    uc_is_general_category(uc, UC_CATEGORY_M))
			put_uc(out, 0x25CC);
		put_uc(out, uc);
		c->col++;
	}
	c->last = uc;
	if (uc != ' ')
		c->line_end = out->len;
}

void
text_clean(struct buf *out, const char *s, size_t n)
{
	struct cleaner c = { out, s, 0, out->len, out->len, 0, 0, 0, 0 };
	size_t i = 0, j;

	buf_add(out, "", 0);	/* out->s exists from here on */
	c.at_line_start = 1;
	while (i < n) {
		uint32_t uc;
		int k = text_next_uc(s + i, n - i, &uc);

		if (plain_char(&c, uc, k)) {
			if (!c.nrun)
				c.run = s + i;
			c.nrun += k;
			c.at_line_start = 0;
			c.last = uc;
			c.col++;
			i += k;
			/* Printable ASCII after it is copied as it stands too. */
			for (j = i; j < n && (unsigned char)s[j] >= 0x20 && (unsigned char)s[j] < 0x7F; j++)
				;
			if (j > i) {
				c.nrun += j - i;
				c.col += j - i;
				c.last = (unsigned char)s[j - 1];
				i = j;
			}
			continue;
		}
		flush_run(&c);
		i += k;
		if (uc == '\n' || uc == '\r' || uc == 0x2028 || uc == 0x2029) {
			if (uc == '\r' && i < n && s[i] == '\n')
				i++;
			clean_break(&c);
			continue;
		}
		if (c.at_line_start && is_blank(uc) && (c.pending_join || out->len == c.base))
			continue;
		if (is_dropped(uc))
			continue;
		clean_other(&c, uc);
	}
	flush_run(&c);
	out->len = c.line_end;
	out->s[out->len] = '\0';
}

size_t
text_chars(const char *s, size_t n)
{
	size_t i, k = 0;

	/* Every byte but those that continue a character starts one. */
	for (i = 0; i < n; i++)
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

/* text_fit, with room for the grapheme breaks in *g (*gcap bytes, grown
 * as needed and kept for the next call). */
static size_t
fit_clusters(const char *s, size_t n, int width, int *used, char **g, size_t *gcap)
{
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
		/* Only stop between grapheme clusters.  The break before
		 * s[i] depends on what precedes it and on the character at
		 * s[i], so a window that holds that character (of up to
		 * four bytes) will do: first one about as long as a line of
		 * the width, then twice as long. */
		if (i < n && (unsigned char)s[i] >= 0x80) {
			if (i + 4 > glen && glen < n) {
				glen = i * 2 + (size_t)width * 4 + 4;
				if (glen > n)
					glen = n;
				*g = xgrow(*g, gcap, glen, 1);
				u8_grapheme_breaks((const uint8_t *)s, glen, *g);
			}
			if (!(*g)[i])
				continue;
		}
		fit = i;
		fitcol = col;
	}
	if (used)
		*used = fitcol;
	return fit;
}

size_t
text_fit(const char *s, size_t n, int width, int *used)
{
	char *g = NULL;
	size_t gcap = 0, fit = fit_clusters(s, n, width, used, &g, &gcap);

	free(g);
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

/* What a byte says of the character it starts, for plain_letter: 1 an
 * ASCII letter or digit, 2 a two-byte letter whatever follows, 3 a
 * two-byte letter or not, by what follows; 0 none (filled by
 * tables_fill). */
static unsigned char plain_lead[256];

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

/* ASCII in lower case (filled by tables_fill). */
static unsigned char ascii_lower[128];

/* Kinds of character for text_breaks. */
enum { K_OTHER, K_LETTER, K_BLANK, K_QUOTE, K_CLOSE, K_STOP, K_OPEN };

/* The kinds of ASCII characters (filled by tables_fill). */
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

/* The ASCII bytes but the punctuation where UAX #14 differs from "break
 * after blanks" most: hyphens, slashes, brackets and the like (filled by
 * tables_fill). */
static unsigned char plain_byte[256];

/* Whether printable ASCII text s[0..n) has none of that punctuation; such
 * text breaks after blanks only. */
static int
plain_ascii(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!plain_byte[(unsigned char)s[i]])
			return 0;
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

	tables_ready();
	if (plain_ascii(s, n)) {
		space_breaks(s, n, p);
		return;
	}
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
	char *p = NULL, *g = NULL;
	size_t i, ls = 0, brk = 0, gcap = 0;
	int col = 0, ink = 0, brk_col = 0, brk_ink = 0;

	if (width < 1)
		width = 1;
	if ((size_t)width >= n) {	/* a column is at least a byte */
		add_line(out, 0, n, text_width(s, n));
		return;
	}
	p = xmalloc(n);
	text_breaks(s, n, p);
	i = 0;
	while (i < n) {
		uint32_t uc;
		int k, w;

		k = text_next_uc(s + i, n - i, &uc);
		w = text_ucwidth(uc);
		if (i > ls && p[i] == UC_BREAK_POSSIBLE) {
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
				size_t fit = fit_clusters(s + ls, n - ls, width, &used,
				    &g, &gcap);

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
	free(g);
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
enum { FOLD_MAX = 4 };

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

/* The tables of widths and kinds, filled once. */
static int tables_filled;

static void
tables_fill(void)
{
	uint32_t uc;
	int j;

	for (uc = 0; uc < 0x800; uc++)
		width_small[uc] = (signed char)ucwidth_slow(uc);
	for (j = 0; j < 256; j++)
		plain_lead[j] = (j >= 'a' && j <= 'z') || (j >= 'A' && j <= 'Z') ||
		    (j >= '0' && j <= '9') ? 1 :
		    (j >= 0xC4 && j <= 0xC8) || j == 0xD0 || j == 0xD1 || j == 0xD3 ? 2 :
		    j == 0xC3 || j == 0xC9 || j == 0xD2 ? 3 : 0;
	for (j = 0; j < 128; j++) {
		ascii_lower[j] = (unsigned char)(j >= 'A' && j <= 'Z' ? j + 32 : j);
		plain_byte[j] = !(strchr("-/?!})]%$+{([\\", j) && j);
		ascii_kind[j] = (j >= '0' && j <= '9') || ((j | 0x20) >= 'a' && (j | 0x20) <= 'z') ?
		    K_LETTER : j == ' ' ? K_BLANK :
		    strchr(".,:;", j) && j ? K_STOP : j == '"' ? K_CLOSE :
		    strchr("'&*#@=<>_~`", j) && j ? K_QUOTE : K_OTHER;
	}
	tables_filled = 1;
}

/* The tables, filled on first use. */
static inline void
tables_ready(void)
{
	if (!tables_filled)
		tables_fill();
}

void
text_init(void)
{
	tables_ready();
}

/* The folded forms of the code points met so far, in the slot of each
 * modulo FOLD_SLOTS: case folding one by one is costly.  Each thread has
 * its own. */
enum { FOLD_SLOTS = 4096 };
struct folded {
	uint32_t key;		/* the code point + 1; 0: empty */
	unsigned char n, len;
	uint32_t cp[FOLD_MAX];
	char u8[FOLD_MAX * 4];	/* cp[0..n) in UTF-8: len bytes */
};
static _Thread_local struct folded fold_cache[FOLD_SLOTS];

static const struct folded *
folded(uint32_t uc)
{
	struct folded *f = &fold_cache[uc % FOLD_SLOTS];
	int j;

	if (f->key == uc + 1)
		return f;
	f->key = uc + 1;
	f->n = (unsigned char)fold_uc_slow(uc, f->cp);
	f->len = 0;
	for (j = 0; j < f->n; j++) {
		int k = u8_uctomb((uint8_t *)f->u8 + f->len, f->cp[j], 4);

		if (k > 0)
			f->len += k;
	}
	return f;
}

/* The folded form of code point uc (not ASCII) into out, room for
 * TEXT_FOLD_BYTES: returns its bytes; *base is the letter the marks after
 * it belong to. */
static int
fold_other(uint32_t uc, uint32_t *base, char *out)
{
	const struct folded *f;

	if (uc >= 0x0300 && uc <= 0x036F) {
		/* A mark of its own (decomposed text): it depends on the
		 * letter before it. */
		return keep_mark(uc, *base) ? u8_uctomb((uint8_t *)out, uc, 4) : 0;
	}
	f = folded(uc);
	memcpy(out, f->u8, sizeof f->u8);
	if (f->n)
		*base = f->cp[0];
	return f->len;
}

/* text_fold, and with squeeze, text_fold_squeezed. */
static void
fold_into(const char *s, size_t n, struct buf *out, struct fold_map *map, int squeeze)
{
	size_t i = 0, start = out->len, len = 0, at, *mv = NULL;
	uint32_t base = 0;
	char *o;

	tables_ready();
	/* Room for the rest of s folded byte for byte, and for the longest
	 * folding of one character: only such a folding needs more.  The
	 * folded text so far is o[0..len), its map mv[0..len). */
	out->s = xgrow(out->s, &out->cap, out->len + n + TEXT_FOLD_BYTES + 1, 1);
	o = out->s + start;
	if (map)
		mv = map->v = xgrow(map->v, &map->cap, n + TEXT_FOLD_BYTES + 1, sizeof *map->v);
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		uint32_t uc;
		int k, flen, j;

		/* ASCII, one byte for one. */
		if (c < 0x80) {
			base = c;
			if (!(c == ' ' && squeeze && (len == 0 || o[len - 1] == ' '))) {
				if (mv)
					mv[len] = i;
				o[len++] = (char)ascii_lower[c];
			}
			i++;
			continue;
		}
		k = text_next_uc(s + i, n - i, &uc);
		at = len;
		flen = fold_other(uc, &base, o + at);
		for (j = 0; j < flen; j++) {
			char b = o[at + j];

			if (squeeze && b == ' ' && (len == 0 || o[len - 1] == ' '))
				continue;
			if (mv)
				mv[len] = i;
			o[len++] = b;
		}
		i += k;
		/* A character that folds to more bytes than it takes eats
		 * into the room for the rest. */
		if (flen > k) {
			out->s = xgrow(out->s, &out->cap, start + len + n - i + TEXT_FOLD_BYTES + 1, 1);
			o = out->s + start;
			if (map)
				mv = map->v = xgrow(map->v, &map->cap,
				    len + n - i + TEXT_FOLD_BYTES + 1, sizeof *map->v);
		}
	}
	out->len = start + len;
	o[len] = '\0';
	if (mv)
		mv[len] = n;
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
