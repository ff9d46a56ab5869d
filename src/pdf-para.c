/* SPDX-License-Identifier: MIT */
/* pdftotext's laid-out lines as paragraphs: hyphens at line ends joined
 * where the document shows the word, headings from size and numbering,
 * footnotes after the paragraph that calls them. */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "pdf-private.h"
#include "text.h"
#include "xalloc.h"

/* --- the words of the document, for hyphens ------------------------------ */

/* Folded bytes x[0..xn) against y[0..yn): as memcmp, a prefix first. */
static int
cmp_bytes(const char *x, size_t xn, const char *y, size_t yn)
{
	int c = memcmp(x, y, xn < yn ? xn : yn);

	return c ? c : xn < yn ? -1 : xn > yn;
}

static const char *sort_base;

static int
cmp_word_sort(const void *a, const void *b)
{
	const struct word *x = a, *y = b;

	return cmp_bytes(sort_base + x->off, x->len, sort_base + y->off, y->len);
}

/* Where a word starts and ends, without the punctuation around it. */
static void
word_bounds(const char *s, size_t n, size_t *a, size_t *z)
{
	static const char lead[] = "\"'([{\xC2\xAB", trail[] = ".,;:!?\"')]}\xC2\xBB";

	*a = 0;
	*z = n;
	while (*a < *z && strchr(lead, s[*a]) && s[*a])
		++*a;
	/* “ ‘ „ and ” ’ … are three bytes */
	while (*z - *a >= 3 && (unsigned char)s[*a] == 0xE2 && (unsigned char)s[*a + 1] == 0x80 &&
	    strchr("\x9C\x98\x9E", s[*a + 2]))
		*a += 3;
	while (*z > *a && strchr(trail, s[*z - 1]) && s[*z - 1])
		--*z;
	while (*z - *a >= 3 && (unsigned char)s[*z - 3] == 0xE2 &&
	    (unsigned char)s[*z - 2] == 0x80 && strchr("\x9D\x99\xA6", s[*z - 1]))
		*z -= 3;
}

/* The folded words of every line of text, in byte order. */
static void
collect_words(struct layout *L)
{
	struct buf f = {0};
	size_t i, j;

	for (i = 0; i < L->n; i++) {
		const struct pline *l = &L->v[i];
		const char *s;

		if (l->drop)
			continue;
		buf_reset(&f);
		buf_add(&f, "", 0);
		text_fold(L->text.s + l->off, l->len, &f, NULL);
		s = f.s;
		for (j = 0; j < f.len; ) {
			size_t e = j, a, z;

			while (e < f.len && s[e] != ' ')
				e++;
			word_bounds(s + j, e - j, &a, &z);
			if (z > a) {
				L->words = xgrow(L->words, &L->wcap, L->nwords + 1, sizeof *L->words);
				L->words[L->nwords++] = (struct word){ L->folded.len, z - a };
				buf_add(&L->folded, s + j + a, z - a);
			}
			j = e + 1;
		}
	}
	buf_free(&f);
	sort_base = L->folded.s;
	if (L->nwords)
		qsort(L->words, L->nwords, sizeof *L->words, cmp_word_sort);
}

/* The first of the document's words not before key[0..n). */
static size_t
lower_bound(const struct layout *L, const char *key, size_t n)
{
	size_t lo = 0, hi = L->nwords;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct word *w = &L->words[mid];

		if (cmp_bytes(L->folded.s + w->off, w->len, key, n) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Whether word i of the document starts with key[0..n). */
static int
starts_with(const struct layout *L, size_t i, const char *key, size_t n)
{
	return i < L->nwords && L->words[i].len >= n &&
	    memcmp(L->folded.s + L->words[i].off, key, n) == 0;
}

/* s[0..n) folded into f (emptied first). */
static void
fold_key(const char *s, size_t n, struct buf *f)
{
	buf_reset(f);
	buf_add(f, "", 0);
	text_fold(s, n, f, NULL);
}

/* How often the document holds word s[0..n) (folded here). */
static size_t
count_of(const struct layout *L, const char *s, size_t n)
{
	struct buf f = {0};
	size_t i, count = 0;

	fold_key(s, n, &f);
	for (i = lower_bound(L, f.s, f.len); starts_with(L, i, f.s, f.len) &&
	    L->words[i].len == f.len; i++)
		count++;
	buf_free(&f);
	return count;
}

/*
 * Whether s[0..n) is a prefix the document writes only with a hyphen: it
 * starts a hyphenated word (най-много), and no word is it or starts with
 * it otherwise (as по, a word, and помощ do for по-).
 */
static int
hyphen_prefix(const struct layout *L, const char *s, size_t n)
{
	struct buf f = {0};
	size_t i, k;
	int hyphened = 0, plain;

	fold_key(s, n, &f);
	k = f.len;
	/* in byte order: it, it and a byte below '-', it and '-', the rest */
	i = lower_bound(L, f.s, k);
	plain = starts_with(L, i, f.s, k) && (L->words[i].len == k ||
	    L->folded.s[L->words[i].off + k] != '-');
	buf_addc(&f, '-');
	for (i = lower_bound(L, f.s, k + 1); starts_with(L, i, f.s, k + 1); i++)
		if (L->words[i].len > k + 1) {
			hyphened = 1;
			break;
		}
	f.s[k] = '-' + 1;
	plain = plain || starts_with(L, lower_bound(L, f.s, k + 1), f.s, k);
	buf_free(&f);
	return hyphened && !plain;
}

/* The bytes of a hyphen ending s[0..n) after a letter (-, U+00AD, U+2010),
 * or 0. */
static size_t
end_hyphen(const char *s, size_t n, int *soft)
{
	size_t k = 0;
	uint32_t uc;

	*soft = 0;
	if (n >= 2 && s[n - 1] == '-')
		k = 1;
	else if (n >= 3 && memcmp(s + n - 2, "\xC2\xAD", 2) == 0)
		k = 2, *soft = 1;
	else if (n >= 4 && memcmp(s + n - 3, "\xE2\x80\x90", 3) == 0)
		k = 3;
	if (!k)
		return 0;
	/* the character before it: a letter (not a digit, blank or dash) */
	{
		size_t i = n - k;

		while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
			i--;
		if (i == 0)
			return 0;
		i--;
		while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
			i--;
		text_next_uc(s + i, n - k - i, &uc);
	}
	if (uc < 0x80 && !((uc | 0x20) >= 'a' && (uc | 0x20) <= 'z'))
		return 0;
	return k;
}

/*
 * Whether the hyphen ending line text a[0..an) (hk bytes long) before
 * line text b[0..bn) divides one word, to be joined: yes when the joined
 * word occurs in the document; no when the hyphenated form does, when the
 * next part starts with a capital or a digit, when both parts occur as
 * words of their own (a compound such as държави-членки), or when the
 * first part is a prefix the document writes only with a hyphen (най-малко,
 * as it has най-много and no word in най otherwise); else yes.
 */
static int
join_hyphen(const struct layout *L, const char *a, size_t an, size_t hk, const char *b,
    size_t bn)
{
	struct buf w = {0};
	size_t start = an - hk, e, x, z;
	uint32_t uc;
	int join;

	while (start > 0 && a[start - 1] != ' ')
		start--;
	for (e = 0; e < bn && b[e] != ' '; e++)
		;
	word_bounds(a + start, an - hk - start, &x, &z);
	if (z == 0 || x >= z)
		return 1;
	start += x;
	text_next_uc(b, bn, &uc);
	if ((uc >= 'A' && uc <= 'Z') || (uc >= '0' && uc <= '9') ||
	    (uc >= 0x410 && uc <= 0x42F))
		return 0;
	word_bounds(b, e, &x, &z);
	if (x || z == 0)
		return 1;
	buf_add(&w, a + start, an - hk - start);
	buf_add(&w, b, z);
	if (count_of(L, w.s, w.len) > 0) {
		buf_free(&w);
		return 1;
	}
	buf_reset(&w);
	buf_add(&w, a + start, an - start);
	buf_add(&w, b, z);
	join = count_of(L, w.s, w.len) == 0 &&
	    !(count_of(L, a + start, an - hk - start) > 0 && count_of(L, b, z) > 1) &&
	    !(a[an - 1] == '-' && hyphen_prefix(L, a + start, an - hk - start));
	buf_free(&w);
	return join;
}

/* --- paragraphs ---------------------------------------------------------- */

/* The length of a section number at the start of s ("1. ", "1.2 ", "IV. "),
 * 0 when there is none. */
static size_t
numbering(const char *s, size_t n)
{
	size_t i = 0, d;

	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i > 0 && i <= 3 && i < n && s[i] == '.') {
		while (i < n && s[i] == '.') {
			for (d = ++i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
				;
			if (i == d)
				break;
		}
		return i < n && s[i] == ' ' ? i + 1 : 0;
	}
	for (i = 0; i < n && i < 6 && strchr("IVXLC", s[i]) && s[i]; i++)
		;
	return i > 0 && i + 1 < n && s[i] == '.' && s[i + 1] == ' ' ? i + 2 : 0;
}

/* Whether s[0..n) ends with one of marks, but for closing quotes and
 * brackets. */
static int
ends_with(const char *s, size_t n, const char *marks)
{
	while (n && strchr("\"')]\xBB\x9D", s[n - 1]) && s[n - 1])
		n--;
	return n && strchr(marks, s[n - 1]);
}

/* Whether line l begins indented in its column (a paragraph's first line),
 * its next line (or NULL) not so: a hanging indent is no start. */
static int
indented(const struct layout *L, const struct pline *l, const struct pline *next)
{
	if (l->x0 <= l->cl + 0.6 * L->body || l->x0 > l->cl + 6 * L->body)
		return 0;
	return !next || next->page != l->page || next->y0 < l->y0 ||
	    fabs(next->x0 - l->x0) > 0.3 * L->body;
}

/* Whether paragraphs start with an indented line: two lines or more are
 * indented above a line at the column's edge. */
static void
find_indents(struct layout *L)
{
	size_t i, count = 0;

	for (i = 0; i + 1 < L->n; i++) {
		const struct pline *l = &L->v[i], *nx = &L->v[i + 1];

		if (!l->drop && !l->foot && indented(L, l, nx) && nx->page == l->page &&
		    nx->y0 > l->y0 && nx->x0 <= nx->cl + 0.3 * L->body)
			count++;
	}
	L->indents = count >= 2;
}

static int
cmp_long(const void *a, const void *b)
{
	const long *x = a, *y = b;

	return *x < *y ? -1 : *x > *y;
}

/* Whether lines end where their words do (ragged right) rather than at
 * one edge: justified, half the lines followed by another in their block
 * or more end at the same room short of their column's widest line (to a
 * quarter of a body), which is the room the justified edge leaves (an
 * address too long for its line reaches past that edge). */
static void
find_ragged(struct layout *L)
{
	long *room = xmalloc(sizeof *room * (L->n + 1));
	size_t i, j, n = 0, best = 0;

	L->edge_room = 0;
	for (i = 0; i + 1 < L->n; i++) {
		const struct pline *l = &L->v[i];

		if (!l->drop && !l->foot && L->v[i + 1].block == l->block &&
		    L->v[i + 1].page == l->page)
			room[n++] = lround((l->cr - l->x1) * 4 / L->body);
	}
	qsort(room, n, sizeof *room, cmp_long);
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && room[j] == room[i]; j++)
			;
		if (j - i > best) {
			best = j - i;
			L->edge_room = room[i] * L->body / 4;
		}
	}
	L->ragged = best * 2 < n;
	free(room);
}

/* Whether line p ends short, before line l: in ragged text, when the first
 * word of l (a third of a body at least, as a word of no width is none)
 * would have fit at its end; in justified text, 2.5 bodies before the
 * justified edge. */
static int
ends_short(const struct layout *L, const struct pline *p, const struct pline *l)
{
	double room = p->cr - p->x1;

	if (L->ragged)
		return room > fmax(l->lead, 0.3 * L->body) + 0.5 * L->body;
	return room > L->edge_room + 2.5 * L->body;
}

/* Whether kept line l (next after it, or NULL) starts a paragraph after
 * kept line p. */
static int
starts_block(const struct layout *L, const struct pline *p, const struct pline *l,
    const struct pline *next)
{
	const char *ps = L->text.s + p->off, *ls = L->text.s + l->off;
	double body = L->body;
	int moved;

	if (fabs(height(l) - height(p)) > 0.15 * body)
		return 1;
	if (numbering(ls, l->len) && ends_with(ps, p->len, ".!?:;"))
		return 1;
	if (ends_short(L, p, l))
		return 1;
	if (L->indents && indented(L, l, next))
		return 1;
	/* A column or page break between them. */
	moved = l->page != p->page || l->y0 < p->y0 - 0.5 * body || l->x0 >= p->x1 ||
	    l->cr <= p->cl;
	if (!moved)
		return l->y0 - p->y1 > L->gap + 0.3 * body;
	/* (a sentence goes on after a semicolon) */
	return !L->indents && ends_with(ps, p->len, ".!?:");
}

/* Whether footnote line l starts a note of its own after line p. */
static int
starts_note(const struct layout *L, const struct pline *p, const struct pline *l)
{
	const char *s = L->text.s + l->off;
	size_t i;

	if (l->page != p->page || l->y0 - p->y1 > L->gap + 0.3 * L->body)
		return 1;
	for (i = 0; i < l->len && s[i] >= '0' && s[i] <= '9'; i++)
		;
	if (i > 0 && i < 4 && (i == l->len || strchr(" .)", s[i])))
		return 1;
	return s[0] == '*' || (l->len >= 3 && memcmp(s, "\xE2\x80\xA0", 3) == 0);
}

/* Whether line text a ends and b starts with a character of a script that
 * writes words without spaces (no blank between them then). */
static int
wide_join(const char *a, size_t an, const char *b, size_t bn)
{
	uint32_t x, y;
	size_t i = an;

	if (!an || !bn)
		return 0;
	while (i > 0 && ((unsigned char)a[i - 1] & 0xC0) == 0x80)
		i--;
	if (i > 0)
		i--;
	text_next_uc(a + i, an - i, &x);
	text_next_uc(b, bn, &y);
	return text_is_wide(x) && text_is_wide(y);
}

/* The lines idx[0..n) as one block into o: hyphens joined, its kind
 * from its size and numbering. */
static void
emit(struct layout *L, struct form_out *o, const size_t *idx, size_t n, int note,
    struct buf *t)
{
	const struct pline *first = &L->v[idx[0]];
	double h = 0;
	size_t i, words = 1;
	int kind = BLOCK_PARAGRAPH;

	buf_reset(t);
	buf_add(t, "", 0);
	for (i = 0; i < n; i++) {
		const struct pline *l = &L->v[idx[i]];
		const char *s = L->text.s + l->off;

		h += height(l);
		if (i) {
			const struct pline *p = &L->v[idx[i - 1]];
			int soft;
			size_t hk = end_hyphen(L->text.s + p->off, p->len, &soft);

			if (hk && (soft || join_hyphen(L, L->text.s + p->off, p->len, hk, s,
			    l->len))) {
				t->len -= hk;
			} else if (!hk && !wide_join(t->s, t->len, s, l->len)) {
				buf_addc(t, ' ');
			}
		}
		buf_add(t, s, l->len);
	}
	for (i = 0; i < t->len; i++)
		words += t->s[i] == ' ';
	h /= n;
	/* Larger than the body, or one line that reads as a heading (as a
	 * line of plain text would: a numbered one is). */
	if (!note && ((h >= 1.15 * L->body && n <= 3 && words <= 30) ||
	    (n == 1 && doc_is_heading_text(t->s, t->len))))
		kind = BLOCK_HEADING;
	form_begin(o, note ? "note" : kind == BLOCK_HEADING ? "h" : "p", kind, first->src,
	    NULL);
	o->cur.page = first->page;
	form_text(o, t->s, t->len, 0);
	form_end(o);
}

/* The marker a footnote starts with when it is one a paragraph can be
 * searched for (a superscript digit or two, *, †, ‡): its length, or 0. */
static size_t
note_marker(const char *s, size_t n)
{
	static const char *const marks[] = { "\xC2\xB9", "\xC2\xB2", "\xC2\xB3",
		"\xE2\x81\xB0", "\xE2\x81\xB4", "\xE2\x81\xB5", "\xE2\x81\xB6",
		"\xE2\x81\xB7", "\xE2\x81\xB8", "\xE2\x81\xB9", "*", "\xE2\x80\xA0",
		"\xE2\x80\xA1" };
	size_t i = 0, k, m;

	for (;;) {
		for (m = 0; m < sizeof marks / sizeof *marks; m++) {
			k = strlen(marks[m]);
			if (i + k <= n && memcmp(s + i, marks[m], k) == 0)
				break;
		}
		if (m == sizeof marks / sizeof *marks || i >= 6)
			return i;
		i += k;
	}
}

/*
 * Which paragraph each footnote follows: the one on its page whose text
 * holds its marker (after a word: "countries¹"), else the last that starts
 * on its page or before, which ends that page's run.  paras[k] is where
 * paragraph k starts in idx (paras[np] = nidx); notes start at
 * groups[g] in notes.
 */
static long
note_anchor(const struct layout *L, const size_t *idx, const size_t *paras, size_t np,
    const size_t *notes, size_t note)
{
	const struct pline *nl = &L->v[notes[note]];
	size_t mk = note_marker(L->text.s + nl->off, nl->len), k, i;
	long last = -1;

	for (k = 0; k < np; k++) {
		if (L->v[idx[paras[k]]].page > nl->page)
			break;
		last = (long)k;
		for (i = paras[k]; mk && i < paras[k + 1]; i++) {
			const struct pline *l = &L->v[idx[i]];
			const char *t = L->text.s + l->off, *at = t;

			if (l->page != nl->page)
				continue;
			while ((at = memmem(at, l->len - (size_t)(at - t), L->text.s + nl->off,
			    mk)) != NULL) {
				if (at > t && at[-1] != ' ')
					return (long)k;
				at += mk;
			}
		}
	}
	return last;
}

/* The kept lines as blocks, each footnote after the paragraph that
 * calls it or its page's run. */
static void
emit_all(struct layout *L, struct form_out *o)
{
	size_t *idx = xmalloc(sizeof *idx * (L->n + 1)), *notes, *paras, *groups;
	long *anchor;
	size_t nidx = 0, nnotes = 0, np = 0, ng = 0, i, g;
	struct buf t = {0};

	notes = xmalloc(sizeof *notes * (L->n + 1));
	paras = xmalloc(sizeof *paras * (L->n + 2));
	groups = xmalloc(sizeof *groups * (L->n + 2));
	for (i = 0; i < L->n; i++)
		if (L->v[i].foot && !L->v[i].drop)
			notes[nnotes++] = i;
		else if (!L->v[i].drop)
			idx[nidx++] = i;
	for (i = 0; i < nidx; i++)
		if (!i || L->v[idx[i]].seam || starts_block(L, &L->v[idx[i - 1]], &L->v[idx[i]],
		    i + 1 < nidx ? &L->v[idx[i + 1]] : NULL))
			paras[np++] = i;
	paras[np] = nidx;
	for (i = 0; i < nnotes; i++)
		if (!i || starts_note(L, &L->v[notes[i - 1]], &L->v[notes[i]]))
			groups[ng++] = i;
	groups[ng] = nnotes;
	anchor = xmalloc(sizeof *anchor * (ng + 1));
	for (g = 0; g < ng; g++)
		anchor[g] = note_anchor(L, idx, paras, np, notes, groups[g]);
	for (g = 0; g < ng; g++)
		if (anchor[g] < 0)
			emit(L, o, notes + groups[g], groups[g + 1] - groups[g], 1, &t);
	for (i = 0; i < np; i++) {
		emit(L, o, idx + paras[i], paras[i + 1] - paras[i], 0, &t);
		for (g = 0; g < ng; g++)
			if (anchor[g] == (long)i)
				emit(L, o, notes + groups[g], groups[g + 1] - groups[g], 1, &t);
	}
	buf_free(&t);
	free(anchor);
	free(idx);
	free(notes);
	free(paras);
	free(groups);
}


void
pdf_paragraphs(struct layout *L, struct form_out *o)
{
	find_indents(L);
	find_ragged(L);
	collect_words(L);
	emit_all(L, o);
}
