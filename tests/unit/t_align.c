/* SPDX-License-Identifier: MIT */
/* Unit tests of the aligner: beads for missing, extra and merged blocks. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "buf.h"
#include "doc.h"
#include "lang.h"
#include "settings.h"
#include "source.h"
#include "tap.h"
#include "xalloc.h"

static unsigned seed = 12345;

static unsigned
rnd(unsigned lo, unsigned hi)
{
	seed = seed * 1103515245 + 12345;
	return lo + (seed >> 8) % (hi - lo + 1);
}

static struct align_item
item(unsigned chars, int kind)
{
	struct align_item it;

	memset(&it, 0, sizeof it);
	it.chars = chars;
	it.kind = kind;
	it.anchor = -1;
	return it;
}

/* Translate a: b[j] = a[i] * ratio with +-8% noise. */
static void
translate(const struct align_item *a, size_t n, double ratio, struct align_item *b)
{
	size_t i;

	for (i = 0; i < n; i++) {
		b[i] = a[i];
		b[i].chars = (unsigned)(a[i].chars * ratio * rnd(92, 108) / 100.0);
		if (b[i].chars == 0)
			b[i].chars = 1;
	}
}

/* The beads as a string like "11 11 01 21". */
static char *
beads_of(struct align_item *a, size_t na, struct align_item *b, size_t nb)
{
	static char s[4096];
	struct bead *bd;
	size_t n = align_pair(a, na, b, nb, &bd), i;

	s[0] = '\0';
	for (i = 0; i < n && strlen(s) < sizeof s - 8; i++) {
		char t[8];

		snprintf(t, sizeof t, "%s%u%u", i ? " " : "", bd[i].na, bd[i].nb);
		strcat(s, t);
	}
	free(bd);
	return s;
}

/* Expand "11x5 01 11x7" into "11 11 11 11 11 01 11 ...". */
static char *
spec(const char *sp)
{
	static char s[4096];
	const char *p = sp;

	s[0] = '\0';
	while (*p) {
		int n = 1, k;
		char bead[3] = { p[0], p[1], 0 };

		p += 2;
		if (*p == 'x')
			n = (int)strtol(p + 1, (char **)&p, 10);
		for (k = 0; k < n; k++) {
			if (s[0])
				strcat(s, " ");
			strcat(s, bead);
		}
		while (*p == ' ')
			p++;
	}
	return s;
}

static void paragraphs(struct align_item *a, size_t n);

/* Whether every heading of a is paired one to one with a heading of b. */
static int
headings_paired(struct align_item *a, size_t na, struct align_item *b, size_t nb)
{
	struct bead *bd;
	size_t n = align_pair(a, na, b, nb, &bd), k, i = 0, j = 0;
	int good = 1;

	for (k = 0; k < n; k++) {
		int ha = bd[k].na && a[i].kind == BLOCK_HEADING;

		if (ha && !(bd[k].na == 1 && bd[k].nb == 1 && b[j].kind == BLOCK_HEADING))
			good = 0;
		i += bd[k].na;
		j += bd[k].nb;
	}
	free(bd);
	return good;
}

/* Out of runs random documents with one paragraph missing on one side,
 * how many align exactly. */
static int
missing_one(int runs)
{
	struct align_item a[40], b[40], t[40];
	int r, exact = 0;

	for (r = 0; r < runs; r++) {
		size_t n = rnd(6, 30), drop = rnd(0, n - 1), i, k;
		double ratio = rnd(30, 150) / 100.0;
		struct bead *bd;
		int good = 1;

		paragraphs(a, n);
		translate(a, n, ratio, t);
		for (i = k = 0; i < n; i++)
			if (i != drop)
				b[k++] = t[i];
		k = align_pair(a, n, b, n - 1, &bd);
		good = k == n;
		for (i = 0; good && i < n; i++)
			good = bd[i].na == 1 && bd[i].nb == (i == drop ? 0u : 1u);
		exact += good;
		free(bd);
	}
	return exact;
}

static void
paragraphs(struct align_item *a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		a[i] = item(rnd(60, 700), BLOCK_PARAGRAPH);
}

static void
numbers(struct align_item *it, const char *s, int kind)
{
	memset(it, 0, sizeof *it);
	it->kind = kind;
	align_numbers(it, s, strlen(s));
}

/* A briefing whose paragraphs are all of one length, each with its own
 * year, the English version lacking one: the years pair them (as the
 * languages are decided, the paragraphs' numbers are found too). */
static void
years_pair_a_briefing(void)
{
	struct settings *cfg = settings_new();
	struct buf t = {0}, why = {0};
	struct source *src = xcalloc(1, sizeof *src);
	struct doc *d;
	size_t r, paired = 0, wrong = 0;
	int y;

	lang_load(cfg);
	for (y = 2011; y <= 2018; y++)
		buf_printf(&t, "Децата, които пътуват сами през %d г., са особено уязвими към "
		    "трафик и насилие.\n\n", y);
	for (y = 2011; y <= 2018; y++)
		if (y != 2013)
			buf_printf(&t, "Children who travel alone in %d are especially vulnerable to "
			    "traffickers and to violence.\n\n", y);
	if (source_from_memory(src, "years.txt", t.s, t.len, NULL, &why) == 0) {
		d = doc_build(src, 1, NULL);
		align_doc(d);
		for (r = 0; r < d->nrows; r++) {
			size_t na, nb;
			const uint32_t *a = doc_row_blocks(d, r, 0, &na), *b = doc_row_blocks(d, r, 1, &nb);
			const char *ta, *tb;

			if (na != 1 || nb != 1)
				continue;
			ta = d->files[0].data + d->blocks[a[0]].off;
			tb = d->files[0].data + d->blocks[b[0]].off;
			paired++;
			wrong += strncmp(strstr(ta, "20"), strstr(tb, "20"), 4) != 0;
		}
		doc_free(d);
	} else {
		free(src);
	}
	ok(paired == 7 && wrong == 0, "paragraphs of one length pair by their years (%zu paired, "
	    "%zu wrongly)", paired, wrong);
	lang_unload();
	settings_free(cfg);
	buf_free(&t);
	buf_free(&why);
}

int
main(void)
{
	struct align_item a[64], b[64], t[64];
	size_t i;

	/* Plain translation: all one to one. */
	paragraphs(a, 12);
	translate(a, 12, 1.1, b);
	is_str(beads_of(a, 12, b, 12), spec("11x12"), "a full translation pairs one to one");

	/* A paragraph only the second version has. */
	translate(a, 12, 1.1, t);
	memcpy(b, t, sizeof *b * 5);
	b[5] = item(300, BLOCK_PARAGRAPH);
	memcpy(b + 6, t + 5, sizeof *b * 7);
	is_str(beads_of(a, 12, b, 13), spec("11x5 01 11x7"), "an extra paragraph on the right is a 0-1 bead");

	/* A paragraph only the first version has. */
	memcpy(b, t, sizeof *b * 7);
	memcpy(b + 7, t + 8, sizeof *b * 4);
	is_str(beads_of(a, 12, b, 11), spec("11x7 10 11x4"), "a paragraph missing on the right is a 1-0 bead");

	/* Two paragraphs merged into one. */
	memcpy(b, t, sizeof *b * 12);
	b[3].chars += b[4].chars;
	memmove(b + 4, b + 5, sizeof *b * 7);
	is_str(beads_of(a, 12, b, 11), spec("11x3 21 11x7"), "two paragraphs merged on the right are a 2-1 bead");

	/* A whole preamble missing from one version. */
	paragraphs(a, 30);
	translate(a + 8, 22, 0.9, b);
	is_str(beads_of(a, 30, b, 22), spec("10x8 11x22"), "a missing preamble of 8 paragraphs leaves 8 gaps");

	/* Headings stay with headings when a paragraph is missing. */
	for (i = 0; i < 20; i++)
		a[i] = item(i % 4 == 0 ? rnd(20, 40) : rnd(200, 400),
		    i % 4 == 0 ? BLOCK_HEADING : BLOCK_PARAGRAPH);
	translate(a, 20, 1.0, t);
	memcpy(b, t, sizeof *b * 5);	/* drop a[5], a paragraph */
	memcpy(b + 5, t + 6, sizeof *b * 14);
	ok(headings_paired(a, 20, b, 19), "headings keep their partners around a gap");

	/* Chinese runs about a third of English: the ratio is estimated. */
	paragraphs(a, 15);
	translate(a, 15, 0.33, b);
	is_str(beads_of(a, 15, b, 15), spec("11x15"), "a 1:3 length ratio still pairs one to one");

	/* A partly translated document: the ratio comes from the pairs, not
	 * the totals. */
	paragraphs(a, 24);
	translate(a, 12, 1.2, b);
	is_str(beads_of(a, 24, b, 12), spec("11x12 10x12"), "an untranslated second half is left unpaired");

	/* Numbers: which of two similar paragraphs pairs with which. */
	for (i = 0; i < 6; i++)
		a[i] = item(300, BLOCK_PARAGRAPH);
	translate(a, 6, 1.0, t);
	memcpy(b, t, sizeof *b * 6);
	a[2].num[0] = 2016, a[2].nnum = 1;
	a[3].num[0] = 2018, a[3].nnum = 1;
	b[2].num[0] = 2018, b[2].nnum = 1;	/* a[2] is missing on the right */
	memmove(b + 2, b + 3, sizeof *b * 3);
	b[2].num[0] = 2018, b[2].nnum = 1;
	is_str(beads_of(a, 6, b, 5), "11 11 10 11 11 11", "a shared year decides which paragraph is missing");

	/* Anchors: numbered headings that occur once on each side. */
	for (i = 0; i < 24; i++) {
		a[i] = item(i % 3 == 0 ? 12 : rnd(100, 500), i % 3 == 0 ? BLOCK_HEADING :
		    BLOCK_PARAGRAPH);
		if (i % 3 == 0) {
			a[i].num[0] = i / 3 + 1;
			a[i].nnum = 1;
		}
	}
	translate(a, 24, 1.0, t);
	/* The right side lacks article 3's two paragraphs and its heading
	 * is unusually long. */
	memcpy(b, t, sizeof *b * 7);
	memcpy(b + 7, t + 9, sizeof *b * 15);
	b[6].chars = 60;
	is_str(beads_of(a, 24, b, 22), spec("11x7 10 10 11x15"), "numbered headings anchor the alignment");

	/* Over many random documents with one paragraph missing (lengths
	 * the only evidence), the gap lands in the right place. */
	{
		int exact = missing_one(400);

		printf("# %d of 400 random documents with one missing paragraph aligned exactly\n", exact);
		ok(exact >= 340, "a missing paragraph is found in at least 85%% of random documents");
	}

	/* Identical text anchors: a table of short blocks whose lengths tell
	 * nothing; the right lacks the fourth and has one of its own after
	 * the seventh: the copies pair with each other around both gaps. */
	for (i = 0; i < 10; i++) {
		a[i] = item(40, BLOCK_PARAGRAPH);
		a[i].key = 1000 + i;
	}
	memcpy(b, a, sizeof *b * 3);
	memcpy(b + 3, a + 4, sizeof *b * 3);
	b[6] = item(40, BLOCK_PARAGRAPH);
	b[6].key = 2000;
	memcpy(b + 7, a + 7, sizeof *b * 3);
	is_str(beads_of(a, 10, b, 10), spec("11x3 10 11x3 01 11x3"),
	    "blocks of identical text pair with each other around the gaps");
	/* A block of no prose (a URL, code) and prose: both left unpaired. */
	paragraphs(a, 6);
	translate(a, 6, 1.0, b);
	a[3].noprose = 1;	/* the left has code where the right has prose */
	is_str(beads_of(a, 6, b, 6), spec("11x3 01 10 11x2"),
	    "a block of no prose does not take a paragraph's place");

	/* Degenerate inputs. */
	is_str(beads_of(a, 3, b, 0), "10 10 10", "nothing on the right: all 1-0");
	is_str(beads_of(a, 0, b, 2), "01 01", "nothing on the left: all 0-1");

	/* Numbers the aligner sees. */
	numbers(&a[0], "Article 2", BLOCK_HEADING);
	ok(a[0].nnum == 1 && a[0].num[0] == 2, "Article 2 mentions 2");
	numbers(&a[0], "第二十三条", BLOCK_HEADING);
	ok(a[0].nnum == 1 && a[0].num[0] == 23, "第二十三条 mentions 23");
	numbers(&a[0], "Член IV", BLOCK_HEADING);
	ok(a[0].nnum == 1 && a[0].num[0] == 4, "Член IV mentions 4 (a Roman numeral in a heading)");
	numbers(&a[0], "I think so", BLOCK_PARAGRAPH);
	ok(a[0].nnum == 0, "a lone I in a paragraph is no number");
	numbers(&a[0], "12", BLOCK_HEADING);
	ok(a[0].nnum == 0, "a bare number alone is no evidence");
	numbers(&a[0], "На 27 март 2018 г.", BLOCK_PARAGRAPH);
	ok(a[0].nnum == 2 && a[0].num[0] == 27 && a[0].num[1] == 2018,
	    "a date gives its day and year");
	numbers(&a[0], "２０１８年", BLOCK_PARAGRAPH);
	ok(a[0].nnum >= 1, "full-width digits count");
	/* Numbers at every place in a run of eight bytes, after letters and
	 * after Cyrillic: none is stepped over. */
	{
		int missed = 0, pad;

		for (pad = 0; pad < 24; pad++) {
			char s[256];

			snprintf(s, sizeof s, "Da %.*s7 me %.*s二十%.*s ３ %.*s2018.",
			    pad, "abcdefghijklmnopqrstuvwxyz", 2 * (pad % 5),
			    "абвгд", pad % 9, "zyxwvutsr", 2 * (pad % 7), "жжжжжжж");
			numbers(&a[0], s, BLOCK_PARAGRAPH);
			missed += !(a[0].nnum == 4 && a[0].num[0] == 7 && a[0].num[1] == 20 &&
			    a[0].num[2] == 3 && a[0].num[3] == 2018);
		}
		ok(missed == 0, "every number of a paragraph is found wherever it stands (%d missed)",
		    missed);
	}
	/* List items and their marks. */
	{
		static const struct { const char *s; size_t mark; } marks[] = {
			{ "- item", 2 }, { "* item", 2 }, { "\xE2\x80\xA2 item", 4 },
			{ "3. item", 3 }, { "12) item", 4 }, { "(b) item", 4 },
			{ "iv.  item", 5 }, { "a) item", 3 }, { "2018. year", 0 },
			{ "etc. and so on", 0 }, { "-5 degrees", 0 }, { "3.4. The system", 0 },
		};
		size_t k, wrong = 0;

		for (k = 0; k < sizeof marks / sizeof marks[0]; k++)
			if (align_item_mark(marks[k].s, strlen(marks[k].s)) != marks[k].mark) {
				printf("# '%s': mark of %zu, want %zu\n", marks[k].s,
				    align_item_mark(marks[k].s, strlen(marks[k].s)), marks[k].mark);
				wrong++;
			}
		ok(wrong == 0, "list items are told by their marks, years and section numbers are not");
	}
	years_pair_a_briefing();
	return tap_done();
}
