/* SPDX-License-Identifier: MIT */
/* The document model as JSON (diglot --json). */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "buf.h"
#include "copy.h"
#include "doc.h"
#include "form.h"
#include "json.h"
#include "lang.h"
#include "pillar.h"
#include "text.h"

/* What is written goes out once this much has gathered. */
enum { FLUSH_AT = 1 << 16 };

/* Write s[0..n) inside a JSON string; the text is sanitised UTF-8 already,
 * so only quotes, backslashes and (defensively) controls need escapes. */
static void
put_chars(struct buf *o, const char *s, size_t n)
{
	size_t i = 0, run = 0;

	for (;;) {
		unsigned char c;

		while (i < n && (unsigned char)s[i] >= 0x20 && s[i] != '"' && s[i] != '\\')
			i++;
		if (i == n)
			break;
		c = (unsigned char)s[i];
		buf_add(o, s + run, i - run);
		if (c == '"' || c == '\\')
			buf_printf(o, "\\%c", c);
		else
			buf_printf(o, "\\u%04x", c);
		run = ++i;
	}
	buf_add(o, s + run, n - run);
}

/* Write s as a JSON string. */
static void
put_cstr(struct buf *o, const char *s)
{
	buf_addc(o, '"');
	put_chars(o, s, strlen(s));
	buf_addc(o, '"');
}

/* A JSON string made once: its bytes in a job's strings. */
struct json_str {
	size_t off, len;
};

/* What every object refers to: the pillar ids and language codes as JSON
 * strings, made once. */
struct blocks_job {
	const struct doc *doc;
	struct pillars *p;
	struct buf strings;
	struct json_str id[PILLAR_MAX];
	struct json_str code[LANG_MAX + 1];	/* by language id; the last for none */
	int ncode;
};

/* s as a JSON string into j's strings, *to saying where. */
static void
add_string(struct blocks_job *j, struct json_str *to, const char *s)
{
	to->off = j->strings.len;
	put_cstr(&j->strings, s);
	to->len = j->strings.len - to->off;
}

/* JSON string str of j, added to o. */
static void
put_str(struct buf *o, const struct blocks_job *j, const struct json_str *str)
{
	buf_add(o, j->strings.s + str->off, str->len);
}

/* The JSON string of language id's code, added to o. */
static void
put_code(struct buf *o, const struct blocks_job *j, int id)
{
	put_str(o, j, &j->code[id >= 0 && id < j->ncode ? id : j->ncode]);
}

/* Pillar ids of mask m, as a JSON list's items. */
static void
put_ids(struct buf *o, const struct blocks_job *j, uint32_t m)
{
	int i, first = 1;

	for (i = 0; j->p && i < pillars_count(j->p); i++)
		if (m >> i & 1) {
			buf_adds(o, first ? "" : ", ");
			put_str(o, j, &j->id[i]);
			first = 0;
		}
}

/* A block's pillars and the terms that matched, byte offsets in its text
 * s[0..n); s may lie in o: all is found before anything is added. */
static void
put_pillars(struct buf *o, const struct blocks_job *j, size_t b, const char *s, size_t n)
{
	struct pillars *p = j->p;
	struct pillar_match pm[256];
	struct span_pair sp[128];
	size_t nm = 0, ns = 0, i, k = 0, si;
	uint32_t own = p ? pillars_block_matches(p, b, s, n, pm, 256, &nm) : 0;
	uint32_t m = p ? pillars_block(p, b) : 0;
	uint32_t from_heading = p ? m & ~(own & m) & pillars_inherited(p, b) : 0;

	/* Each sentence with the pillars of the terms inside it. */
	if (m)
		ns = pillars_sentences(s, n, sp, 128);
	buf_adds(o, ", \"pillars\": [");
	put_ids(o, j, m);
	buf_adds(o, "], \"matches\": [");
	for (i = 0; i < nm && i < 256; i++) {
		if (!(m >> pm[i].pillar & 1))
			continue;
		buf_adds(o, k++ ? ", " : "");
		buf_adds(o, "{\"pillar\": ");
		put_str(o, j, &j->id[pm[i].pillar]);
		buf_adds(o, ", \"start\": ");
		buf_addu(o, pm[i].start);
		buf_adds(o, ", \"end\": ");
		buf_addu(o, pm[i].end);
		buf_addc(o, '}');
	}
	buf_adds(o, "]");
	/* Pillars that come from the section's heading alone. */
	if (from_heading) {
		buf_adds(o, ", \"pillars_from\": \"heading\", \"heading\": ");
		buf_addu(o, (size_t)pillars_section(p, b));
	}
	if (m) {
		buf_adds(o, ", \"sentences\": [");
		for (si = 0; si < ns && si < 128; si++) {
			uint32_t sm = 0;

			for (i = 0; i < nm && i < 256; i++)
				if (pm[i].start >= sp[si].start && pm[i].start < sp[si].end)
					sm |= (uint32_t)1 << pm[i].pillar;
			buf_adds(o, si ? ", {\"start\": " : "{\"start\": ");
			buf_addu(o, sp[si].start);
			buf_adds(o, ", \"end\": ");
			buf_addu(o, sp[si].end);
			buf_adds(o, ", \"pillars\": [");
			put_ids(o, j, sm & m);
			buf_adds(o, "]}");
		}
		buf_addc(o, ']');
	}
	buf_addc(o, '}');
}

/* s[0..n), from a document, sanitised as a JSON string. */
static void
put_clean(struct buf *o, const char *s, size_t n)
{
	struct buf c = {0};

	text_clean(&c, s, n);
	buf_addc(o, '"');
	put_chars(o, c.s ? c.s : "", c.len);
	buf_addc(o, '"');
	buf_free(&c);
}

/* Where block b came from in a web page, office file or PDF: its form and
 * element (a PDF's page), and its links. */
static void
put_origin(struct buf *o, const struct doc *doc, size_t b)
{
	const struct form_block *fb = doc->origin[b];
	size_t i, k;

	buf_adds(o, ", \"source\": {\"format\": \"");
	buf_adds(o, form_name(doc->files[doc->blocks[b].file].form));
	if (fb->page) {
		buf_adds(o, "\", \"page\": ");
		buf_addu(o, fb->page);
	} else {
		buf_adds(o, "\", \"path\": ");
		put_clean(o, fb->path, strlen(fb->path));
	}
	buf_addc(o, '}');
	if (!fb->hrefs_len)
		return;
	buf_adds(o, ", \"href\": [");
	for (i = 0; i < fb->hrefs_len; i += k + 1) {
		k = strlen(fb->hrefs + i);
		buf_adds(o, i ? ", " : "");
		put_clean(o, fb->hrefs + i, k);
	}
	buf_addc(o, ']');
}

/* Block b's object into o, its text cleaned in text first. */
static void
put_block(const struct blocks_job *j, size_t b, struct buf *text, struct buf *o)
{
	const struct block *bl = &j->doc->blocks[b];

	buf_adds(o, b ? ",\n  {\"id\": " : "\n  {\"id\": ");
	buf_addu(o, b);
	buf_adds(o, ", \"lang\": ");
	put_code(o, j, bl->lang);
	buf_adds(o, ", \"kind\": \"");
	buf_adds(o, doc_kind_name(bl->kind));
	buf_adds(o, "\", \"file\": ");
	buf_addu(o, bl->file);
	if (!bl->prose)
		buf_adds(o, ", \"lang_from\": \"context\"");
	buf_adds(o, ", \"line\": ");
	buf_addu(o, bl->line);
	buf_adds(o, ", \"text\": \"");
	buf_reset(text);
	buf_add(text, "", 0);
	doc_block_text(j->doc, b, text);
	put_chars(o, text->s, text->len);
	buf_addc(o, '"');
	if (j->doc->origin && j->doc->origin[b])
		put_origin(o, j->doc, b);
	put_pillars(o, j, b, text->s, text->len);
}

/* o written to f and emptied; -1 when writing fails, its errno kept in
 * *err.  A stream failed already is not written again, and keeps the
 * errno of its first failure. */
static int
flush(struct buf *o, FILE *f, int *err)
{
	if (!ferror(f) && o->len && fwrite(o->s, 1, o->len, f) != o->len)
		*err = errno;
	buf_reset(o);
	return ferror(f) ? -1 : 0;
}

/* The blocks' objects, written to f as they gather. */
static int
put_blocks(const struct blocks_job *j, struct buf *o, FILE *f, int *err)
{
	struct buf text = {0};
	size_t b;
	int status = 0;

	for (b = 0; b < j->doc->nblocks && status == 0; b++) {
		put_block(j, b, &text, o);
		if (o->len > FLUSH_AT)
			status = flush(o, f, err);
	}
	buf_free(&text);
	return status;
}

/* The rows' objects, written to f as they gather. */
static int
put_rows(const struct blocks_job *j, struct buf *o, FILE *f, int *err)
{
	const struct doc *doc = j->doc;
	size_t r;
	int l, status = 0;

	for (r = 0; r < doc->nrows && status == 0; r++) {
		buf_adds(o, r ? ",\n  {" : "\n  {");
		for (l = 0; l < doc->nlangs; l++) {
			size_t n, k;
			const uint32_t *ids = doc_row_blocks(doc, r, l, &n);

			buf_adds(o, l ? ", " : "");
			put_code(o, j, doc->langs[l]);
			buf_adds(o, ": [");
			for (k = 0; k < n; k++) {
				buf_adds(o, k ? ", " : "");
				buf_addu(o, ids[k]);
			}
			buf_addc(o, ']');
		}
		if (doc->row_fixed && doc->row_fixed[r])
			buf_adds(o, ", \"fixed\": true");
		if (copy_row_untranslated(doc, r))
			buf_adds(o, ", \"untranslated\": true");
		buf_addc(o, '}');
		if (o->len > FLUSH_AT)
			status = flush(o, f, err);
	}
	return status;
}

/* The pillars' objects: ids and titles. */
static void
put_pillar_list(const struct doc *doc, struct pillars *p, struct buf *o)
{
	int i, l;

	for (i = 0; p && i < pillars_count(p); i++) {
		int any = 0;

		buf_adds(o, i ? ",\n  {\"id\": " : "\n  {\"id\": ");
		put_cstr(o, pillars_id(p, i));
		buf_adds(o, ", \"title\": {");
		for (l = 0; l < doc->nlangs; l++) {
			const char *t = pillars_title(p, i, doc->langs[l], 1);

			if (!t)
				continue;
			buf_adds(o, any++ ? ", " : "");
			put_cstr(o, lang_code(doc->langs[l]));
			buf_adds(o, ": ");
			put_cstr(o, t);
		}
		buf_adds(o, "}}");
	}
}

int
json_write(struct doc *doc, struct pillars *p, FILE *f)
{
	struct blocks_job job;
	struct buf out = {0}, *o = &out;
	int l, i, status, err = 0;

	memset(&job, 0, sizeof job);
	job.doc = doc;
	job.p = p;
	for (i = 0; p && i < pillars_count(p); i++)
		add_string(&job, &job.id[i], pillars_id(p, i));
	job.ncode = lang_count();
	for (l = 0; l <= job.ncode; l++)
		add_string(&job, &job.code[l], lang_code(l < job.ncode ? l : -1));

	buf_adds(o, "{\"languages\": [");
	for (l = 0; l < doc->nlangs; l++) {
		buf_adds(o, l ? ", " : "");
		put_cstr(o, lang_code(doc->langs[l]));
	}
	buf_adds(o, "],\n \"blocks\": [");
	status = flush(o, f, &err);
	if (status == 0)
		status = put_blocks(&job, o, f, &err);
	/* The blocks need no rows: they are aligned once written. */
	align_doc(doc);
	buf_adds(o, "],\n \"rows\": [");
	if (status == 0)
		status = put_rows(&job, o, f, &err);
	buf_adds(o, "],\n \"pillars\": [");
	put_pillar_list(doc, p, o);
	buf_adds(o, "]}\n");
	if (status == 0)
		status = flush(o, f, &err);
	buf_free(o);
	buf_free(&job.strings);
	/* What failed is told by errno (a reader gone is not an error). */
	if (status)
		errno = err;
	return status;
}
