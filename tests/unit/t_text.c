/* SPDX-License-Identifier: MIT */
/* Unit tests of the text module: sanitising, width, wrapping, folding. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <unigbrk.h>
#include <unilbrk.h>
#include <unistr.h>

#include "tap.h"
#include "text.h"
#include "xalloc.h"

static char *
clean(const char *s)
{
	static struct buf b;

	buf_reset(&b);
	buf_add(&b, "", 0);
	text_clean(&b, s, strlen(s));
	return b.s;
}

/* Folded copies, kept until the end of the test so two can be compared. */
static char *folds[64];
static int nfolds;

static char *
fold(const char *s)
{
	struct buf b = {0};

	buf_add(&b, "", 0);
	text_fold(s, strlen(s), &b, NULL);
	if (nfolds < 64)
		folds[nfolds++] = b.s;
	return b.s;
}

/* Wrap s at width w and return the lines joined by '|'. */
static char *
wrap(const char *s, int w, int *ok_widths)
{
	static struct buf b;
	struct text_lines L = {0};
	size_t i;

	buf_reset(&b);
	buf_add(&b, "", 0);
	text_wrap(s, strlen(s), w, &L);
	*ok_widths = 1;
	for (i = 0; i < L.n; i++) {
		if (i)
			buf_addc(&b, '|');
		buf_add(&b, s + L.v[i].off, L.v[i].len);
		if ((int)L.v[i].width > w ||
		    text_width(s + L.v[i].off, L.v[i].len) != (int)L.v[i].width)
			*ok_widths = 0;
	}
	free(L.v);
	return b.s;
}

static int
one_cluster(const char *s, size_t n)
{
	char g[64];
	size_t i;

	if (n > sizeof g)
		return 0;
	u8_grapheme_breaks((const uint8_t *)s, n, g);
	for (i = 1; i < n; i++)
		if (g[i])
			return 0;
	return 1;
}

static int
all_fit(const char *s, int w)
{
	struct text_lines L = {0};
	size_t i, total = 0;
	int good = 1;

	text_wrap(s, strlen(s), w, &L);
	for (i = 0; i < L.n; i++) {
		/* A line wider than the column is allowed only for a single
		 * cluster that cannot fit at all (a wide letter at width 1). */
		if ((int)L.v[i].width > w && !one_cluster(s + L.v[i].off, L.v[i].len))
			good = 0;
		if (u8_check((const uint8_t *)s + L.v[i].off, L.v[i].len))
			good = 0;
		total += L.v[i].len;
	}
	free(L.v);
	return good && total > 0;
}

/*
 * text_breaks against libunistring on prose-like random strings holding
 * a Cyrillic letter (printable ASCII has rules of its own): letters of
 * several alphabets, digits, blanks, quotes, stops and the punctuation
 * that needs the full rules.  Returns the strings that differ, the first
 * in first.
 */
static int
breaks_differ(int rounds, char *first, size_t room)
{
	static const char *const pieces[] = {
		"a", "Z", "7", "б", "Ж", "ъ", "ё", "ї", "ґ", "é", "ß", "ø", "ą", "ș", "ő", "ñ",
		" ", " ", " ", " ", ".", ",", ":", ";", "\"", "'", "\u201c", "\u201d",
		"\u201e", "\u00ab", "\u00bb", "\u2019", "\u2018", "\u00a7", "\u00a0", "&",
		"#", "*", "=", "_", "-", "/", "(", ")", "!", "?", "%", "\u2013", "\u2014", "\u2026",
		"\u0301", "\u00d7",
	};
	const int npieces = (int)(sizeof pieces / sizeof *pieces);
	char s[512], p[512], q[512];
	int r, differ = 0;
	unsigned seed = 12345;

	for (r = 0; r < rounds; r++) {
		size_t n = 0, i;
		int k, len = 2 + (int)((seed = seed * 1103515245u + 12345u) >> 16) % 40;

		for (k = 0; k < len; k++) {
			/* Mostly letters and blanks, as in prose. */
			int pick = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 4 == 0 ?
			    (int)(seed >> 8) % npieces : (int)(seed >> 8) % 20;
			const char *piece = k == 1 ? "б" : pieces[pick];

			memcpy(s + n, piece, strlen(piece));
			n += strlen(piece);
		}
		text_breaks(s, n, p);
		u8_possible_linebreaks((const uint8_t *)s, n, "UTF-8", q);
		for (i = 1; i < n; i++)
			if ((p[i] == UC_BREAK_POSSIBLE) != (q[i] == UC_BREAK_POSSIBLE))
				break;
		if (i < n && differ++ == 0)
			snprintf(first, room, "'%.*s' at byte %zu", (int)n, s, i);
	}
	return differ;
}

int
main(void)
{
	static const char *const samples[] = {
		"Приве́т, ми́р! Это тест переноса строк.",
		"日本語の文章は空白なしで折り返されます。",
		"Café naïve coöperation façade",
		"сверхдлинноесловобезпробеловдлятеста end",
		"Family: 👨‍👩‍👧 flags 🇧🇬🇺🇦 done",
		"Mеждународна организация по миграция",
		"mixed 漢字かな交じり文 and Ελληνικά κείμενα",
	};
	int okw, w;
	size_t i;

	{
		char first[300] = "";
		int differ = breaks_differ(300000, first, sizeof first);

		ok(differ == 0, "line breaks worked out without libunistring are its own "
		    "(300000 strings, %d differ%s%s)", differ, differ ? ": first " : "", first);
	}

	/* Sanitising. */
	is_str(clean("a\x1b[2Jb"), "a^[[2Jb", "ESC is shown as ^[");
	is_str(clean("bell\x07"), "bell^G", "BEL is shown as ^G");
	is_str(clean("del\x7f"), "del^?", "DEL is shown as ^?");
	is_str(clean("nul\0x"), "nul", "text ends at NUL in a C string");
	is_str(clean("c1 \xc2\x9b" "31m"), "c1 <U+009B>31m", "C1 CSI is shown as <U+009B>");
	is_str(clean("a\xe2\x80\xae" "evil\xe2\x81\xa6x"), "aevilx",
	    "bidi override and isolate are dropped");
	is_str(clean("zero\xe2\x80\x8bwidth\xef\xbb\xbf"), "zerowidth",
	    "zero-width space and BOM are dropped");
	is_str(clean("bad \xff byte"), "bad \xef\xbf\xbd byte", "invalid byte becomes U+FFFD");
	is_str(clean("trunc \xd0"), "trunc \xef\xbf\xbd", "truncated sequence becomes U+FFFD");
	is_str(clean("over \xc0\xaf"), "over \xef\xbf\xbd\xef\xbf\xbd",
	    "overlong encoding: one U+FFFD per byte");
	is_str(clean("sur \xed\xa0\x80"), "sur \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd",
	    "encoded surrogate is invalid");
	is_str(clean("one\ntwo\r\nthree\rfour"), "one two three four",
	    "LF, CRLF and CR lines are joined with one space");
	is_str(clean("  lead\n   cont   \ntail  "), "lead cont tail",
	    "blanks around joined lines are trimmed");
	is_str(clean("日本語の\n文章"), "日本語の文章", "no space between wide characters");
	is_str(clean("English\n日本"), "English 日本", "space between Latin and wide");
	is_str(clean("a\tb"), "a       b", "tab expands to the next stop");
	/* Plain ASCII is copied eight bytes at a time: a control, DEL, a tab
	 * or a byte beyond ASCII at any place in a run is still seen. */
	{
		static const char *const odd[] = { "\x1b", "\x7f", "\t", "\x01", "\xc2\x85" };
		static const char *const shown[] = { "^[", "^?", " ", "^A", "<U+0085>" };
		int k, o, wrong = 0;

		for (o = 0; o < 5; o++)
			for (k = 0; k < 17; k++) {
				char s[64], want[64];

				snprintf(s, sizeof s, "%.*s%s%.*s", k, "abcdefghijklmnopq", odd[o],
				    17 - k, "rstuvwxyzABCDEFGH");
				/* (Blanks that start a block go.) */
				snprintf(want, sizeof want, "%.*s%s%.*s", k, "abcdefghijklmnopq",
				    o != 2 ? shown[o] : k ? "        " + k % 8 : "", 17 - k,
				    "rstuvwxyzABCDEFGH");
				wrong += strcmp(clean(s), want) != 0;
			}
		ok(wrong == 0, "a control, DEL, tab or C1 anywhere in a run of ASCII is shown (%d not)",
		    wrong);
	}
	/* ASCII and Cyrillic letters are copied sixteen bytes at a time:
	 * whatever else stands at any character of such a run is still
	 * seen. */
	{
		static const char *const odd[] = { "\x1b", "\t", "\xc2\x85", "\xe2\x80\xae",
		    "\xff", "\xd0", "\xd2\x83", "\xd2\x82", "\xc3\xa9", "\xb0" };
		const char *shown[] = { "^[", NULL, "<U+0085>", "", "\xef\xbf\xbd",
		    "\xef\xbf\xbd", NULL, "\xd2\x82", "\xc3\xa9", "\xef\xbf\xbd" };
		/* Characters of 1 and 2 bytes: "Защита на децата, data 2018 г. и още". */
		static const char run[] = "\xd0\x97\xd0\xb0\xd1\x89\xd0\xb8\xd1\x82\xd0\xb0 "
		    "\xd0\xbd\xd0\xb0 \xd0\xb4\xd0\xb5\xd1\x86\xd0\xb0\xd1\x82\xd0\xb0, data 2018 "
		    "\xd0\xb3. \xd0\xb8 \xd0\xbe\xd1\x89\xd0\xb5";
		size_t at[64], nat = 0, c;
		int o, wrong = 0, tried = 0;

		for (c = 0; run[c]; c++)
			if (((unsigned char)run[c] & 0xC0) != 0x80)
				at[nat++] = c;
		at[nat] = c;
		for (o = 0; o < 10; o++)
			for (c = 0; c <= nat; c++) {
				char s[160], want[200], mark[16];
				const char *show = shown[o];
				int prev_blank = c == 0 || run[at[c] - 1] == ' ';

				if (o == 1)	/* a tab: to the next stop (none first) */
					show = c ? "        " + c % 8 : "";
				if (o == 6) {	/* a mark: on a blank, a dotted circle */
					snprintf(mark, sizeof mark, "%s\xd2\x83", prev_blank ? "\xe2\x97\x8c" : "");
					show = mark;
				}
				snprintf(s, sizeof s, "%.*s%s%s", (int)at[c], run, odd[o], run + at[c]);
				snprintf(want, sizeof want, "%.*s%s%s", (int)at[c], run, show, run + at[c]);
				/* (A tab after a blank, or at the end, leaves the
				 * blanks to be trimmed or kept as they stand.) */
				if (o == 1 && (c == nat || prev_blank))
					continue;
				tried++;
				wrong += strcmp(clean(s), want) != 0;
			}
		ok(wrong == 0 && tried > 300,
		    "anything else at any place in a run of ASCII and Cyrillic is seen (%d of %d not)",
		    wrong, tried);
	}
	is_str(clean("\xcc\x81" "x"), "\xe2\x97\x8c\xcc\x81x",
	    "a mark with no base gets a dotted circle");
	is_str(clean("\xd0\xb0\xd0\xb1\xd0\xb2\xd0\xb3\xcc\x81 \xd0\xb4"),
	    "\xd0\xb0\xd0\xb1\xd0\xb2\xd0\xb3\xcc\x81 \xd0\xb4",
	    "a mark after four Cyrillic letters stays on the last");
	is_str(clean("abc \xcc\x81 def"), "abc \xe2\x97\x8c\xcc\x81 def",
	    "... and so does a mark on a blank");
	is_str(clean("abc\n\xcc\x81" "def"), "abc \xe2\x97\x8c\xcc\x81" "def",
	    "... and a mark that starts a line, after the blank that joins it");
	{
		const char *once = clean("(\r\r\xcd\x82" "d");
		char *first = strdup(once);

		is_str(clean(first), first, "cleaning clean text changes nothing");
		free(first);
	}
	is_str(clean("a\xe2\x81\xa3" "b\xe1\xa0\x8e" "c"), "abc",
	    "invisible operators and the Mongolian vowel separator are dropped");

	/* Width. */
	ok(text_width("Привет", strlen("Привет")) == 6, "Cyrillic is one column a letter");
	ok(text_width("日本語", strlen("日本語")) == 6, "CJK is two columns a character");
	ok(text_width("е\xcc\x81", strlen("е\xcc\x81")) == 1, "a combining mark takes no column");
	ok(text_width("😀", 4) == 2, "emoji take two columns");

	/* Wrapping. */
	is_str(wrap("aaaa bbbb cc", 9, &okw), "aaaa bbbb|cc",
	    "trailing blank does not push a word out");
	ok(okw, "widths recorded are the real widths");
	is_str(wrap("Приве́т, ми́р! Это тест", 12, &okw), "Приве́т, ми́р!|Это тест",
	    "Cyrillic with stress marks wraps by columns, not bytes");
	is_str(wrap("日本語の文章は", 6, &okw), "日本語|の文章|は", "CJK wraps between characters");
	is_str(wrap("abcdefghij", 4, &okw), "abcd|efgh|ij", "an overlong word is split");
	is_str(wrap("", 10, &okw), "", "empty text is one empty line");
	is_str(wrap("aaa bbbbbb                \xe2\x80\x8d -", 11, &okw), "aaa bbbbbb|-",
	    "a joiner after the blanks at a line's end goes with them");
	ok(okw, "... and the line is as wide as it says, within the column");
	is_str(wrap("aaa bbbbbb \xe2\x80\x8b", 11, &okw), "aaa bbbbbb",
	    "a zero-width space after a blank at the end goes too");
	ok(okw, "... its width right");
	is_str(wrap("e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 2, &okw),
	    "e\xcc\x81" "e\xcc\x81|e\xcc\x81", "a split keeps marks with their base");
	is_str(wrap("🇧🇬🇺🇦", 2, &okw), "🇧🇬|🇺🇦", "a split keeps flags whole");
	{
		/* 👨‍👩 (a joined sequence, one cluster) from byte 250 of a
		 * word: the split, at column 128, comes before it. */
		struct buf b = {0};
		size_t fit;
		int used;

		buf_adds(&b, "x€");
		for (i = 0; i < 123; i++)
			buf_adds(&b, "é");
		buf_adds(&b, "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9zzzz");
		fit = text_fit(b.s, b.len, 128, &used);
		ok(fit == 250 && used == 125, "a fit far into a word keeps a joined "
		    "sequence whole (fit %zu, %d columns)", fit, used);
		buf_free(&b);
	}
	for (w = 1; w <= 24; w++) {
		int good = 1;

		for (i = 0; i < sizeof samples / sizeof samples[0]; i++)
			good &= all_fit(samples[i], w);
		ok(good, "width %d: no line passes its column, all lines valid UTF-8", w);
	}

	/* Folding for search and pillar terms. */
	is_str(fold("ΆΡΘΡΟ"), fold("άρθρο"), "Greek upper case with tonos folds");
	is_str(fold("ПРИВЕ́Т"), "привет", "Cyrillic stress mark is dropped");
	is_str(fold("Café"), "cafe", "Latin accents are dropped");
	ok(strcmp(fold("й"), fold("и")) != 0, "й stays distinct from и");
	ok(strcmp(fold("ё"), fold("е")) != 0, "ё stays distinct from е");
	ok(strcmp(fold("ї"), fold("і")) != 0, "ї stays distinct from і");
	is_str(fold("КАНАЛДЖИЙСТВОТО"), fold("каналджийството"), "й folds with its case");
	is_str(fold("Straße"), "strasse", "ß folds to ss");
	{
		struct buf b = {0};
		struct fold_map map = { NULL, 0 };
		const char *s = "Éa";

		text_fold(s, strlen(s), &b, &map);
		ok(b.len == 2 && map.v[0] == 0 && map.v[1] == 2 && map.v[2] == strlen(s),
		    "fold map points each folded byte at its source character");
		free(map.v);
		buf_free(&b);
	}
	while (nfolds > 0)
		free(folds[--nfolds]);
	return tap_done();
}
