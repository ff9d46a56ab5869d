/* SPDX-License-Identifier: MIT */
/* Aligned pairs as a translation memory: TMX 1.4 (diglot --tmx). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <unistr.h>

#include "buf.h"
#include "doc.h"
#include "lang.h"
#include "tmx.h"

/* Append s[0..n) as XML character data: markup characters as entities,
 * and what XML 1.0 cannot hold (controls, U+FFFE, U+FFFF, bytes that are
 * not UTF-8) left out. */
static void
put_xml(struct buf *o, const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + n;

	while (p < end) {
		ucs4_t uc;
		int k, invalid;

		if (*p < 0x80) {
			switch (*p) {
			case '&': buf_adds(o, "&amp;"); break;
			case '<': buf_adds(o, "&lt;"); break;
			case '>': buf_adds(o, "&gt;"); break;
			case '"': buf_adds(o, "&quot;"); break;
			default:
				if (*p >= 0x20 && *p != 0x7F)
					buf_addc(o, (char)*p);
				else if (*p == '\t' || *p == '\n')
					buf_addc(o, ' ');
			}
			p++;
			continue;
		}
		k = u8_mbtouc(&uc, p, end - p);
		invalid = uc == 0xFFFD && !(k == 3 && memcmp(p, "\xEF\xBF\xBD", 3) == 0);
		if (!invalid && !(uc >= 0x80 && uc < 0xA0) && uc != 0xFFFE && uc != 0xFFFF)
			buf_add(o, (const char *)p, (size_t)k);
		p += k;
	}
}

/* A <tuv> of block id in language code. */
static void
put_tuv(struct buf *o, const struct doc *doc, uint32_t id, const char *code,
    struct buf *text)
{
	buf_reset(text);
	buf_add(text, "", 0);
	doc_block_text(doc, id, text);
	buf_adds(o, "   <tuv xml:lang=\"");
	put_xml(o, code, strlen(code));
	buf_adds(o, "\"><seg>");
	put_xml(o, text->s, text->len);
	buf_adds(o, "</seg></tuv>\n");
}

long
tmx_write(const struct doc *doc, int a, int b, FILE *f)
{
	struct buf o = {0}, text = {0};
	const char *ca = lang_code(doc->langs[a]), *cb = lang_code(doc->langs[b]);
	size_t r;
	long n = 0;
	int bad = 0;

	buf_adds(&o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	buf_adds(&o, "<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx version=\"1.4\">\n");
	buf_printf(&o, " <header creationtool=\"diglot\" creationtoolversion=\"%s\" "
	    "segtype=\"paragraph\" o-tmf=\"diglot\" adminlang=\"en\" srclang=\"",
	    PACKAGE_VERSION);
	put_xml(&o, ca, strlen(ca));
	buf_adds(&o, "\" datatype=\"plaintext\"/>\n <body>\n");
	for (r = 0; r < doc->nrows; r++) {
		size_t na, nb;
		const uint32_t *ia = doc_row_blocks(doc, r, a, &na);
		const uint32_t *ib = doc_row_blocks(doc, r, b, &nb);

		if (na != 1 || nb != 1)
			continue;
		buf_printf(&o, "  <tu tuid=\"%zu\">\n", r + 1);
		if (doc->row_fixed && doc->row_fixed[r])
			buf_adds(&o, "   <prop type=\"x-diglot-fixed\">yes</prop>\n");
		put_tuv(&o, doc, ia[0], ca, &text);
		put_tuv(&o, doc, ib[0], cb, &text);
		buf_adds(&o, "  </tu>\n");
		n++;
		if (o.len >= 1 << 16) {
			bad |= fwrite(o.s, 1, o.len, f) != o.len;
			buf_reset(&o);
		}
	}
	buf_adds(&o, " </body>\n</tmx>\n");
	bad |= fwrite(o.s, 1, o.len, f) != o.len;
	buf_free(&o);
	buf_free(&text);
	return bad ? -1 : n;
}
