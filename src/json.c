/* SPDX-License-Identifier: MIT */
/* The document model as JSON (diglot --json). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "json.h"
#include "lang.h"
#include "pillar.h"

/* Write s[0..n) as a JSON string; the text is sanitised UTF-8 already, so
 * only quotes, backslashes and (defensively) controls need escapes. */
static void
put_string(FILE *f, const char *s, size_t n)
{
	size_t i, run = 0;

	fputc('"', f);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\' || c < 0x20) {
			fwrite(s + run, 1, i - run, f);
			if (c == '"' || c == '\\')
				fprintf(f, "\\%c", c);
			else
				fprintf(f, "\\u%04x", c);
			run = i + 1;
		}
	}
	fwrite(s + run, 1, n - run, f);
	fputc('"', f);
}

static void
put_cstr(FILE *f, const char *s)
{
	put_string(f, s, strlen(s));
}

/* A block's pillars and the terms that matched, byte offsets in text. */
static void
put_pillars(FILE *f, struct pillars *p, const struct doc *doc, size_t b,
    const struct buf *text)
{
	uint32_t m = p ? pillars_block(p, b) : 0;
	struct pillar_match pm[256];
	size_t n = 0, i, k = 0;
	int j, first = 1;

	fputs(", \"pillars\": [", f);
	for (j = 0; p && j < pillars_count(p); j++)
		if (m >> j & 1) {
			fputs(first ? "" : ", ", f);
			put_cstr(f, pillars_id(p, j));
			first = 0;
		}
	fputs("], \"matches\": [", f);
	if (m)
		n = pillars_match(p, doc->blocks[b].lang, text->s, text->len, pm, 256);
	for (i = 0; i < n && i < 256; i++) {
		if (!(m >> pm[i].pillar & 1))
			continue;
		fputs(k++ ? ", " : "", f);
		fputs("{\"pillar\": ", f);
		put_cstr(f, pillars_id(p, pm[i].pillar));
		fprintf(f, ", \"start\": %zu, \"end\": %zu}", pm[i].start, pm[i].end);
	}
	fputs("]", f);
	/* Each sentence with the pillars of the terms inside it. */
	if (m) {
		struct span_pair sp[128];
		size_t ns = pillars_sentences(text->s, text->len, sp, 128), si;

		fputs(", \"sentences\": [", f);
		for (si = 0; si < ns && si < 128; si++) {
			uint32_t sm = 0;

			for (i = 0; i < n && i < 256; i++)
				if (pm[i].start >= sp[si].start && pm[i].start < sp[si].end)
					sm |= (uint32_t)1 << pm[i].pillar;
			sm &= m;
			fprintf(f, "%s{\"start\": %zu, \"end\": %zu, \"pillars\": [",
			    si ? ", " : "", sp[si].start, sp[si].end);
			for (j = 0, first = 1; j < pillars_count(p); j++)
				if (sm >> j & 1) {
					fputs(first ? "" : ", ", f);
					put_cstr(f, pillars_id(p, j));
					first = 0;
				}
			fputs("]}", f);
		}
		fputc(']', f);
	}
	fputc('}', f);
}

int
json_write(const struct doc *doc, struct pillars *p, FILE *f)
{
	struct buf text = {0};
	size_t b, r;
	int l, i;

	fputs("{\"languages\": [", f);
	for (l = 0; l < doc->nlangs; l++) {
		if (l)
			fputs(", ", f);
		put_cstr(f, lang_code(doc->langs[l]));
	}
	fputs("],\n \"blocks\": [", f);
	for (b = 0; b < doc->nblocks; b++) {
		const struct block *bl = &doc->blocks[b];

		buf_reset(&text);
		buf_add(&text, "", 0);
		doc_block_text(doc, b, &text);
		fprintf(f, "%s\n  {\"id\": %zu, \"lang\": ", b ? "," : "", b);
		put_cstr(f, lang_code(bl->lang));
		fprintf(f, ", \"kind\": \"%s\", \"file\": %u, \"line\": %u, \"text\": ",
		    doc_kind_name(bl->kind), bl->file, bl->line);
		put_string(f, text.s, text.len);
		put_pillars(f, p, doc, b, &text);
		if (ferror(f))
			break;
	}
	fputs("],\n \"rows\": [", f);
	for (r = 0; r < doc->nrows && !ferror(f); r++) {
		fprintf(f, "%s\n  {", r ? "," : "");
		for (l = 0; l < doc->nlangs; l++) {
			size_t n, k;
			const uint32_t *ids = doc_row_blocks(doc, r, l, &n);

			fputs(l ? ", " : "", f);
			put_cstr(f, lang_code(doc->langs[l]));
			fputs(": [", f);
			for (k = 0; k < n; k++)
				fprintf(f, "%s%u", k ? ", " : "", ids[k]);
			fputc(']', f);
		}
		fputc('}', f);
	}
	fputs("],\n \"pillars\": [", f);
	for (i = 0; p && i < pillars_count(p); i++) {
		int any = 0;

		fputs(i ? ",\n  {\"id\": " : "\n  {\"id\": ", f);
		put_cstr(f, pillars_id(p, i));
		fputs(", \"title\": {", f);
		for (l = 0; l < doc->nlangs; l++) {
			const char *t = pillars_title(p, i, doc->langs[l], 1);

			if (!t)
				continue;
			fputs(any++ ? ", " : "", f);
			put_cstr(f, lang_code(doc->langs[l]));
			fputs(": ", f);
			put_cstr(f, t);
		}
		fputs("}}", f);
	}
	fputs("]}\n", f);
	buf_free(&text);
	return ferror(f) ? -1 : 0;
}
