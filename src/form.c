/* SPDX-License-Identifier: MIT */
/* The published forms of a briefing (web page, DOCX, ODT, PDF) as blocks of text. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unistr.h>

#include "diag.h"
#include "doc.h"
#include "form.h"
#include "module.h"
#include "pdf.h"
#include "source.h"
#include "xalloc.h"

/* How much of a file's start tells its form, and where a page names its
 * character set. */
enum { SNIFF_BYTES = 4096, META_BYTES = 4096 };

static const char *const form_names[] = { "text", "html", "xhtml", "docx", "odt", "pdf" };

const char *
form_name(int form)
{
	return form >= FORM_TEXT && form <= FORM_PDF ? form_names[form - 1] : "text";
}

int
form_by_name(const char *name)
{
	int f;

	for (f = FORM_TEXT; f <= FORM_PDF; f++)
		if (strcasecmp(name, form_names[f - 1]) == 0)
			return f;
	return FORM_DETECT;
}

/* Whether s[0..n) holds word w, in any case. */
static int
has_word(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w), i;

	for (i = 0; i + k <= n; i++)
		if ((s[i] | 0x20) == (w[0] | 0x20) && strncasecmp(s + i, w, k) == 0)
			return 1;
	return 0;
}

/* Whether the file name ends in ext (in any case). */
static int
name_ends(const char *name, const char *ext)
{
	size_t n = name ? strlen(name) : 0, k = strlen(ext);

	return n > k && strcasecmp(name + n - k, ext) == 0;
}

int
form_sniff(const char *data, size_t n, const char *name)
{
	size_t i = 0, w = n < SNIFF_BYTES ? n : SNIFF_BYTES;

	if (n >= 4 && memcmp(data, "PK\3\4", 4) == 0) {
		if (memmem(data, n < (1 << 20) ? n : 1 << 20, "word/document.xml", 17))
			return FORM_DOCX;
		if (memmem(data, w, "application/vnd.oasis.opendocument", 34) ||
		    name_ends(name, ".odt"))
			return FORM_ODT;
		return FORM_DOCX;
	}
	/* (a PDF may have bytes before its header: at most 1024) */
	if (memmem(data, n < 1024 ? n : 1024, "%PDF-", 5))
		return FORM_PDF;
	if (n >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < w && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' ||
	    data[i] == '\r'))
		i++;
	if (name_ends(name, ".docx"))
		return FORM_DOCX;	/* (a file named so, and no zip: said so) */
	if (name_ends(name, ".odt"))
		return FORM_ODT;
	if (i == w || data[i] != '<')
		return FORM_TEXT;
	if (w - i >= 5 && memcmp(data + i, "<?xml", 5) == 0)
		return has_word(data + i, w - i, "<html") ? FORM_XHTML : FORM_TEXT;
	if (has_word(data + i, w - i, "<!doctype html") || has_word(data + i, w - i, "<html") ||
	    has_word(data + i, w - i, "<body") || has_word(data + i, w - i, "<head"))
		return name_ends(name, ".xhtml") ? FORM_XHTML : FORM_HTML;
	if (name_ends(name, ".html") || name_ends(name, ".htm"))
		return FORM_HTML;
	if (name_ends(name, ".xhtml"))
		return FORM_XHTML;
	if (has_word(data + i, w - i, "<p>") || has_word(data + i, w - i, "<div"))
		return FORM_HTML;
	return FORM_TEXT;
}

/*
 * The character set a page names in its first bytes (<meta charset="X">,
 * <meta http-equiv=... content="...; charset=X"> or an XML declaration's
 * encoding="X"), copied into out; 0 when there is none.
 */
static int
meta_charset(const char *s, size_t n, char *out, size_t outsz)
{
	size_t w = n < META_BYTES ? n : META_BYTES, i, k;

	for (i = 0; i + 5 < w; i++) {
		const char *end, *c, *key = "charset";
		size_t kn = 7;

		if (s[i] != '<')
			continue;
		if (strncmp(s + i, "<?xml", 5) == 0) {
			key = "encoding";
			kn = 8;
		} else if (strncasecmp(s + i, "<meta", 5) != 0) {
			continue;
		}
		end = memchr(s + i, '>', w - i);
		if (!end)
			return 0;
		for (c = s + i; c + kn <= end; c++) {
			if (strncasecmp(c, key, kn) != 0)
				continue;
			c += kn;
			while (c < end && (*c == ' ' || *c == '\t'))
				c++;
			if (c == end || *c != '=')
				continue;
			c++;
			while (c < end && (*c == ' ' || *c == '"' || *c == '\''))
				c++;
			for (k = 0; c < end && k + 1 < outsz && strchr("abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:", *c) && *c; c++)
				out[k++] = *c;
			out[k] = '\0';
			return k > 0;
		}
		i = end - s;
	}
	return 0;
}

/* The UTF-8 text of a web page raw[0..n) into text: --encoding, a
 * byte-order mark, valid UTF-8, the meta charset, or a guess. */
static int
page_text(const char *raw, size_t n, const char *encoding, const char *label,
    struct buf *text, struct buf *why)
{
	struct source tmp;
	char meta[40];
	int named = meta_charset(raw, n, meta, sizeof meta);

	if (!encoding && named && u8_check((const uint8_t *)raw, n) == NULL) {
		if (strcasecmp(meta, "utf-8") != 0 && strcasecmp(meta, "utf8") != 0 &&
		    strcasecmp(meta, "us-ascii") != 0) {
			size_t i;

			for (i = 0; i < n && (unsigned char)raw[i] < 0x80; i++)
				;
			if (i < n)
				diag_warn("%s: its meta names %s, but the page is valid UTF-8; "
				    "read as UTF-8", label, meta);
		}
		if (n >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0)
			buf_add(text, raw + 3, n - 3);
		else
			buf_add(text, raw, n);
		return 0;
	}
	if (!encoding && named && strcasecmp(meta, "utf-8") != 0 &&
	    strcasecmp(meta, "utf8") != 0 && !(n >= 2 && ((unsigned char)raw[0] == 0xFF ||
	    (unsigned char)raw[0] == 0xFE || (unsigned char)raw[0] == 0xEF))) {
		if (source_convert(raw, n, meta, text) == 0)
			return 0;
		diag_warn("%s: its meta names an unknown character set '%s'", label, meta);
	} else if (!encoding && named) {
		diag_warn("%s: its meta names UTF-8, but the page is not valid UTF-8", label);
	}
	if (source_from_memory_as(&tmp, label, raw, n, encoding, FORM_TEXT, why) < 0)
		return -1;
	buf_add(text, tmp.data, tmp.len);
	source_free(&tmp);
	return 0;
}

char *pdf_command;
int pdf_seconds = PDF_SECONDS;

void
pdf_configure(const char *command, int seconds)
{
	free(pdf_command);
	pdf_command = command && *command ? xstrdup(command) : NULL;
	pdf_seconds = seconds > 0 ? seconds : PDF_SECONDS;
}

int
form_read(int form, const char *raw, size_t n, const char *encoding, const char *label,
    struct buf *text, struct form_blocks *blocks, struct buf *why)
{
	const struct forms_module *m;
	struct form_out o;
	struct buf page = {0};
	int status;

	memset(&o, 0, sizeof o);
	o.text = text;
	o.blocks = blocks;
	buf_add(text, "", 0);
	if (!(m = forms_module(&page))) {
		buf_printf(why, "%s: %.*s", label, (int)page.len, page.s);
		status = -1;
	} else if (form == FORM_DOCX || form == FORM_ODT) {
		status = m->office_read(&o, form, raw, n, label, why);
	} else if (form == FORM_PDF) {
		status = m->pdf_read(&o, raw, n, label, why);
	} else {
		status = page_text(raw, n, encoding, label, &page, why);
		if (status == 0)
			status = m->html_read(&o, page.s ? page.s : "", page.len,
			    form == FORM_XHTML, label, why);
	}
	buf_free(&page);
	form_end(&o);
	buf_free(&o.hrefs);
	if (status == 0 && blocks->n == 0) {
		buf_printf(why, "%s: no text in this %s file", label,
		    form == FORM_DOCX ? "DOCX" : form == FORM_ODT ? "ODT" :
		    form == FORM_PDF ? "PDF" : "HTML");
		status = -1;
	}
	return status;
}

void
form_blocks_free(struct form_blocks *b)
{
	size_t i;

	if (!b)
		return;
	for (i = 0; i < b->n; i++)
		free(b->v[i].hrefs);
	free(b->v);
	memset(b, 0, sizeof *b);
}

/* --- building blocks ---------------------------------------------------- */

void
form_begin(struct form_out *o, const char *path, int kind, uint32_t line, const char *lang)
{
	form_end(o);
	memset(&o->cur, 0, sizeof o->cur);
	o->cur.off = o->text->len;
	o->cur.line = line;
	o->cur.kind = (unsigned char)kind;
	snprintf(o->cur.path, sizeof o->cur.path, "%s", path);
	snprintf(o->cur.lang, sizeof o->cur.lang, "%s", lang ? lang : "");
	buf_reset(&o->hrefs);
	o->open = 1;
	o->space = 0;
}

size_t
form_open_len(const struct form_out *o)
{
	return o->open ? o->text->len - o->cur.off : 0;
}

void
form_text(struct form_out *o, const char *s, size_t n, int pre)
{
	size_t i, run;

	if (!o->open)
		return;
	if (pre) {
		for (i = 0; i < n; i++)
			if (s[i] != '\r')
				buf_addc(o->text, s[i]);
			else if (i + 1 == n || s[i + 1] != '\n')
				buf_addc(o->text, '\n');
		return;
	}
	for (i = 0; i < n; ) {
		unsigned char c = (unsigned char)s[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
			o->space = 1;
			i++;
			continue;
		}
		if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
			o->space = 1;	/* a no-break space counts as a blank */
			i += 2;
			continue;
		}
		if (o->space && form_open_len(o) && o->text->s[o->text->len - 1] != '\n')
			buf_addc(o->text, ' ');
		o->space = 0;
		/* The run of bytes up to the next blank (or the lead byte of a
		 * no-break space), no further than n. */
		run = i + strcspn(s + i, " \t\n\r\f\xC2");
		if (run > n)
			run = n;
		if (run == i)
			run++;
		buf_add(o->text, s + i, run - i);
		i = run;
	}
}

void
form_break(struct form_out *o)
{
	if (!o->open || !form_open_len(o))
		return;
	if (o->text->s[o->text->len - 1] != '\n')
		buf_addc(o->text, '\n');
	o->space = 0;
}

void
form_href(struct form_out *o, const char *url)
{
	if (!o->open || !*url)
		return;
	buf_add(&o->hrefs, url, strlen(url) + 1);
}

void
form_end(struct form_out *o)
{
	struct form_block *b;
	size_t end;

	if (!o->open)
		return;
	o->open = 0;
	end = o->text->len;
	while (end > o->cur.off && (o->text->s[end - 1] == ' ' || o->text->s[end - 1] == '\n'))
		end--;
	if (end == o->cur.off) {
		o->text->len = o->cur.off;
		o->text->s[o->text->len] = '\0';
		return;
	}
	o->text->len = end;
	o->text->s[end] = '\0';
	buf_adds(o->text, "\n\n");
	o->blocks->v = xgrow(o->blocks->v, &o->blocks->cap, o->blocks->n + 1,
	    sizeof *o->blocks->v);
	b = &o->blocks->v[o->blocks->n++];
	*b = o->cur;
	b->len = end - o->cur.off;
	if (o->hrefs.len) {
		b->hrefs = xmalloc(o->hrefs.len);
		memcpy(b->hrefs, o->hrefs.s, o->hrefs.len);
		b->hrefs_len = o->hrefs.len;
	}
}

/* --- furniture shared by the pages of a set ------------------------------ */

struct shared_key {
	uint32_t hash;
	int file;
	size_t block;
	const char *s;
	size_t len;
};

static int
cmp_key(const void *a, const void *b)
{
	const struct shared_key *x = a, *y = b;
	int c;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	c = memcmp(x->s, y->s, x->len);
	if (c)
		return c;
	return x->file - y->file;
}

/* Whether s[0..n) holds a letter (any byte beyond ASCII counts as one). */
static int
has_letter(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') || (unsigned char)s[i] >= 0x80)
			return 1;
	return 0;
}

void
form_drop_shared(struct source *files, int n)
{
	struct shared_key *k;
	size_t nk = 0, i, j, total = 0;
	int f, pages = 0;

	for (f = 0; f < n; f++)
		if (files[f].blocks &&
		    (files[f].form == FORM_HTML || files[f].form == FORM_XHTML)) {
			pages++;
			total += files[f].blocks->n;
		}
	if (pages < 2)
		return;
	k = xmalloc(sizeof *k * (total + 1));
	for (f = 0; f < n; f++) {
		const struct form_blocks *b = files[f].blocks;

		if (!b || (files[f].form != FORM_HTML && files[f].form != FORM_XHTML))
			continue;
		for (i = 0; i < b->n; i++) {
			const char *s = files[f].data + b->v[i].off;
			uint32_t h = 2166136261u;

			if (!has_letter(s, b->v[i].len))
				continue;
			for (j = 0; j < b->v[i].len; j++)
				h = (h ^ (unsigned char)s[j]) * 16777619u;
			k[nk++] = (struct shared_key){ h, f, i, s, b->v[i].len };
		}
	}
	qsort(k, nk, sizeof *k, cmp_key);
	/* A run of the same text: dropped when every page has it. */
	for (i = 0; i < nk; i = j) {
		int files_seen = 1;

		for (j = i + 1; j < nk && k[j].hash == k[i].hash && k[j].len == k[i].len &&
		    memcmp(k[j].s, k[i].s, k[i].len) == 0; j++)
			files_seen += k[j].file != k[j - 1].file;
		if (files_seen < pages)
			continue;
		for (; i < j; i++)
			files[k[i].file].blocks->v[k[i].block].len = 0;
	}
	free(k);
	/* Then the dropped ones out of each page's list. */
	for (f = 0; f < n; f++) {
		struct form_blocks *b = files[f].blocks;

		if (!b || (files[f].form != FORM_HTML && files[f].form != FORM_XHTML))
			continue;
		for (i = j = 0; i < b->n; i++)
			if (b->v[i].len)
				b->v[j++] = b->v[i];
			else
				free(b->v[i].hrefs);
		b->n = j;
	}
}
