/* SPDX-License-Identifier: MIT */
/* Generates a large bilingual (bg/en) briefing from an example briefing, for the benchmarks. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Usage: gen SIZE_MB FORM EXAMPLE >OUT
 *
 * EXAMPLE is a plain-text briefing with a Bulgarian and an English version,
 * such as docs/examples/briefing-bg-en.txt.  Its blocks are sorted into
 * Bulgarian (Cyrillic) and English ones; the heading-like blocks at the start
 * of each version are its header lines and, last, its title; the rest are
 * paragraphs, paired by position.  The output repeats them as numbered
 * sections, the numbers in each copy changed the same way in both languages,
 * until it reaches about SIZE_MB MiB.
 *
 * FORM is sequential (the whole Bulgarian version, then the whole English
 * one), interleaved (Bulgarian and English blocks alternating) or nonewline
 * (SIZE_MB MiB of words, Bulgarian and English, without a single newline).
 */

#define MAXBLOCKS 256

struct block {
	const char *text; /* its lines joined with '\n', no trailing newline */
	size_t len;
};

struct version {
	struct block head[MAXBLOCKS]; /* header lines, then the title */
	size_t nhead;
	struct block para[MAXBLOCKS];
	size_t npara;
	struct block sect[MAXBLOCKS]; /* section headings made from para */
};

static struct version bg, en;
static struct block marker = { "(English below)", 15 };
static size_t npairs;
static int flatten; /* write the newlines inside blocks as spaces */
static unsigned long long written;

static void die(const char *msg)
{
	fprintf(stderr, "gen: %s\n", msg);
	exit(1);
}

static void out(const char *s, size_t n)
{
	if (n && fwrite(s, 1, n, stdout) != n)
		die("write error");
	written += n;
}

/* A number in copy n (n >= 1): years move together, small numbers such as
 * days stay in 1..28, other counts grow. */
static unsigned long vary(unsigned long v, unsigned long n)
{
	if (v >= 1900 && v <= 2100)
		return v + n % 41 - 20;
	if (v >= 1 && v <= 31)
		return (v - 1 + n) % 28 + 1;
	return v + 3 * n;
}

/* Writes the text of block b as in copy n; n == 0 keeps its numbers. */
static void emit_text(const struct block *b, unsigned long n)
{
	const char *p = b->text, *end = b->text + b->len;

	while (p < end) {
		const char *q = p, *d;
		unsigned long v = 0;

		while (q < end && !(*q >= '0' && *q <= '9') && !(flatten && *q == '\n'))
			q++;
		out(p, (size_t)(q - p));
		if (q == end)
			break;
		if (*q == '\n') {
			out(" ", 1);
			p = q + 1;
			continue;
		}
		for (d = q; d < end && *d >= '0' && *d <= '9' && d - q < 9; d++)
			v = v * 10 + (unsigned long)(*d - '0');
		if (n == 0 || (d < end && *d >= '0' && *d <= '9')) {
			while (d < end && *d >= '0' && *d <= '9')
				d++;
			out(q, (size_t)(d - q)); /* as it is */
		} else {
			char num[24];
			int k = snprintf(num, sizeof num, "%lu", vary(v, n));
			out(num, (size_t)k);
		}
		p = d;
	}
}

/* Blocks are separated by one blank line. */
static void next_block(void)
{
	if (written)
		out("\n\n", 2);
}

static void emit(const struct block *b, unsigned long n)
{
	next_block();
	emit_text(b, n);
}

/* Section n has a run of 1..npairs paragraphs, starting each time at a
 * different one. */
static size_t sect_count(unsigned long n)
{
	return 1 + (size_t)(n * 7 % npairs);
}

static size_t sect_para(unsigned long n, size_t i)
{
	return (size_t)((n + i) % npairs);
}

/* The heading of section n: "N. " and the start of its first paragraph. */
static void emit_heading(const struct version *v, unsigned long n)
{
	char num[24];
	int k = snprintf(num, sizeof num, "%lu. ", n);

	next_block();
	out(num, (size_t)k);
	emit_text(&v->sect[sect_para(n, 0)], n);
}

static void emit_section(const struct version *v, unsigned long n)
{
	emit_heading(v, n);
	for (size_t i = 0; i < sect_count(n); i++)
		emit(&v->para[sect_para(n, i)], n);
}

static unsigned long long section_size(unsigned long n)
{
	unsigned long long size = bg.sect[sect_para(n, 0)].len +
				  en.sect[sect_para(n, 0)].len + 2 * 8;

	for (size_t i = 0; i < sect_count(n); i++)
		size += bg.para[sect_para(n, i)].len + en.para[sect_para(n, i)].len + 4;
	return size;
}

static int valid_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned long cp;
		size_t k;

		if (s[i] < 0x80) {
			i++;
			continue;
		} else if (s[i] >= 0xc2 && s[i] <= 0xdf) {
			k = 1, cp = s[i] & 0x1fu;
		} else if (s[i] >= 0xe0 && s[i] <= 0xef) {
			k = 2, cp = s[i] & 0x0fu;
		} else if (s[i] >= 0xf0 && s[i] <= 0xf4) {
			k = 3, cp = s[i] & 0x07u;
		} else {
			return 0;
		}
		if (i + k >= n)
			return 0;
		for (size_t j = 1; j <= k; j++) {
			if ((s[i + j] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + j] & 0x3fu);
		}
		if ((k == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
		    (k == 3 && (cp < 0x10000 || cp > 0x10ffff)))
			return 0;
		i += k + 1;
	}
	return 1;
}

static int is_cyrillic(const struct block *b)
{
	for (size_t i = 0; i + 1 < b->len; i++) {
		unsigned char c = (unsigned char)b->text[i];
		if (c == 0xd0 || c == 0xd1)
			return 1;
	}
	return 0;
}

/* diglot's plain-text rule: one line of at most 15 words that does not end
 * in . , ; or : is a heading. */
static int is_heading(const struct block *b)
{
	size_t words = 0;
	int in_word = 0;

	if (memchr(b->text, '\n', b->len) || strchr(".,;:", b->text[b->len - 1]))
		return 0;
	for (size_t i = 0; i < b->len; i++) {
		int space = b->text[i] == ' ';
		if (!space && !in_word)
			words++;
		in_word = !space;
	}
	return words <= 15;
}

static int is_marker(const struct block *b)
{
	return !memchr(b->text, '\n', b->len) && b->text[0] == '(' &&
	       b->text[b->len - 1] == ')';
}

static void add(struct version *v, struct block b)
{
	if (v->npara == 0 && is_heading(&b)) {
		if (v->nhead == MAXBLOCKS)
			die("too many blocks in the example");
		v->head[v->nhead++] = b;
	} else {
		if (v->npara == MAXBLOCKS)
			die("too many blocks in the example");
		v->para[v->npara++] = b;
	}
}

/* A section heading from each paragraph: its first 7 words, without the
 * punctuation at the end, so that diglot takes it for a heading. */
static void make_headings(struct version *v)
{
	for (size_t i = 0; i < npairs; i++) {
		const struct block *p = &v->para[i];
		char *h = malloc(p->len + 1), *w = h;
		size_t words = 0;

		if (!h)
			die("out of memory");
		for (size_t j = 0; j < p->len; j++) {
			int space = p->text[j] == ' ' || p->text[j] == '\n';
			if (space && (w == h || w[-1] == ' '))
				continue;
			if (space && ++words == 7)
				break;
			*w++ = space ? ' ' : p->text[j];
		}
		while (w > h && strchr(" .,;:-", w[-1]))
			w--;
		*w = '\0';
		v->sect[i].text = h;
		v->sect[i].len = (size_t)(w - h);
	}
}

static void load(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL, *w, *p, *end;
	size_t len = 0, cap = 0, n;

	if (!f) {
		fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	do {
		if (cap - len < 65536) {
			cap = cap ? 2 * cap : 65536;
			if (!(buf = realloc(buf, cap + 1)))
				die("out of memory");
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	if (ferror(f))
		die("cannot read the example");
	fclose(f);
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		memmove(buf, buf + 3, len -= 3);
	if (!valid_utf8((const unsigned char *)buf, len))
		die("the example is not valid UTF-8");

	/* Drop CRs, make tabs spaces. */
	w = buf;
	for (size_t i = 0; i < len; i++)
		if (buf[i] != '\r')
			*w++ = buf[i] == '\t' ? ' ' : buf[i];
	end = w;

	/* Cut into blocks at blank lines, trimming each line's ends. */
	p = buf;
	while (p < end) {
		char *bstart = NULL, *bend = NULL;

		while (p < end) {
			char *eol = memchr(p, '\n', (size_t)(end - p));
			char *s = p, *e = eol ? eol : end;

			p = eol ? eol + 1 : end;
			while (s < e && *s == ' ')
				s++;
			while (e > s && e[-1] == ' ')
				e--;
			if (s == e) {
				if (bstart)
					break;
				continue;
			}
			if (!bstart)
				bstart = s;
			else { /* one newline between the lines, no indentation */
				*bend = '\n';
				memmove(bend + 1, s, (size_t)(e - s));
				e = bend + 1 + (e - s);
			}
			bend = e;
		}
		if (!bstart)
			continue;
		*bend = '\0';
		struct block b = { bstart, (size_t)(bend - bstart) };
		if (is_marker(&b))
			marker = b;
		else
			add(is_cyrillic(&b) ? &bg : &en, b);
	}
	npairs = bg.npara < en.npara ? bg.npara : en.npara;
	if (!bg.nhead || !en.nhead || !npairs)
		die("the example needs a Bulgarian and an English version, each with a title and paragraphs");
	make_headings(&bg);
	make_headings(&en);
}

int main(int argc, char **argv)
{
	static char obuf[1 << 20];
	unsigned long long target, size;
	unsigned long nsect = 0;
	const char *form;
	char *e;
	double mb;

	if (argc != 4) {
		fputs("usage: gen SIZE_MB sequential|interleaved|nonewline EXAMPLE >OUT\n", stderr);
		return 2;
	}
	mb = strtod(argv[1], &e);
	if (e == argv[1] || *e || !(mb > 0) || mb > 1e6)
		die("SIZE_MB must be a positive number");
	target = (unsigned long long)(mb * 1048576.0);
	form = argv[2];
	if (strcmp(form, "sequential") && strcmp(form, "interleaved") &&
	    strcmp(form, "nonewline"))
		die("FORM must be sequential, interleaved or nonewline");
	load(argv[3]);
	setvbuf(stdout, obuf, _IOFBF, sizeof obuf);

	if (strcmp(form, "nonewline") == 0) {
		flatten = 1;
		for (unsigned long n = 1; written < target; n++)
			for (size_t i = 0; i < sect_count(n) && written < target; i++) {
				if (written)
					out(" ", 1);
				emit_text(&bg.para[sect_para(n, i)], n);
				out(" ", 1);
				emit_text(&en.para[sect_para(n, i)], n);
			}
		if (fflush(stdout) != 0)
			die("write error");
		return 0;
	}

	/* How many sections: count their size as if numbers kept their length. */
	size = en.head[en.nhead - 1].len + marker.len + bg.para[0].len +
	       en.para[0].len + 8;
	for (size_t i = 0; i < bg.nhead; i++)
		size += bg.head[i].len + 2;
	while (size < target || nsect == 0)
		size += section_size(++nsect);

	for (size_t i = 0; i < bg.nhead; i++)
		emit(&bg.head[i], 0);
	if (strcmp(form, "sequential") == 0) {
		emit(&marker, 0);
		emit(&bg.para[0], 0); /* the lead paragraph */
		for (unsigned long n = 1; n <= nsect; n++)
			emit_section(&bg, n);
		emit(&en.head[en.nhead - 1], 0);
		emit(&en.para[0], 0);
		for (unsigned long n = 1; n <= nsect; n++)
			emit_section(&en, n);
	} else {
		emit(&en.head[en.nhead - 1], 0);
		emit(&bg.para[0], 0); /* the lead paragraph */
		emit(&en.para[0], 0);
		for (unsigned long n = 1; n <= nsect; n++) {
			emit_heading(&bg, n);
			emit_heading(&en, n);
			for (size_t i = 0; i < sect_count(n); i++) {
				emit(&bg.para[sect_para(n, i)], n);
				emit(&en.para[sect_para(n, i)], n);
			}
		}
	}
	out("\n", 1);
	if (fflush(stdout) != 0)
		die("write error");
	return 0;
}
