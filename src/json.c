/* SPDX-License-Identifier: MIT */
/* The document model as JSON (diglot --json). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "json.h"
#include "lang.h"

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

int
json_write(const struct doc *doc, FILE *f)
{
	struct buf text = {0};
	size_t b, r;
	int l;

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
		fputs(", \"pillars\": [], \"matches\": []}", f);
		if (ferror(f))
			break;
	}
	fputs("],\n \"rows\": [", f);
	for (r = 0; r < doc->nrows && !ferror(f); r++) {
		fprintf(f, "%s\n  {", r ? "," : "");
		for (l = 0; l < doc->nlangs; l++) {
			size_t n, i;
			const uint32_t *ids = doc_row_blocks(doc, r, l, &n);

			fputs(l ? ", " : "", f);
			put_cstr(f, lang_code(doc->langs[l]));
			fputs(": [", f);
			for (i = 0; i < n; i++)
				fprintf(f, "%s%u", i ? ", " : "", ids[i]);
			fputc(']', f);
		}
		fputc('}', f);
	}
	fputs("],\n \"pillars\": []}\n", f);
	buf_free(&text);
	return ferror(f) ? -1 : 0;
}
