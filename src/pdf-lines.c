/* SPDX-License-Identifier: MIT */
/* pdftotext's -bbox-layout XHTML read as it comes into lines with their
 * boxes, and the checks of what it held. */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/SAX2.h>

#include "pdf.h"
#include "pdf-private.h"
#include "text.h"
#include "xalloc.h"

static struct pdf_page *
new_page(struct layout *L, double w, double h)
{
	struct pdf_page *p;

	L->pages = xgrow(L->pages, &L->pcap, L->npages + 1, sizeof *L->pages);
	p = &L->pages[L->npages++];
	p->w = w > 0 ? w : PAGE_W;
	p->h = h > 0 ? h : PAGE_H;
	p->first = L->n;
	p->n = 0;
	return p;
}

/* Whether line l, just read, goes on line p, the one before it in its
 * block: pdftotext splits a justified line at its widest gaps into lines
 * of their own. */
static int
continues_line(const struct pline *p, const struct pline *l)
{
	double overlap = fmin(p->y1, l->y1) - fmax(p->y0, l->y0);
	double h = fmin(p->y1 - p->y0, l->y1 - l->y0);

	return p->off + p->len == l->off && p->block == l->block && overlap > 0.5 * h &&
	    l->x0 >= p->x1 - 1;
}


/* --- reading pdftotext's XHTML ----------------------------------------- */

/* The parse, read as it comes (SAX: no tree of the whole document). */
struct pdf_parse {
	xmlParserCtxt *ctxt;
	struct layout L;
	int depth;		/* the elements open */
	int line_depth;		/* the open line's depth; 0: none open */
	int word_depth;		/* the open word's */
	int any;		/* an element was read */
	uint32_t block;		/* pdftotext's blocks so far */
	struct pline line;	/* the open line */
	int words;		/* its words so far */
	size_t word_start;	/* where the open word's text starts */
	double wx0, wy0, wx1, wy1;	/* its box */
};

/* The number in attribute name of SAX2's attrs[0..n) (five pointers
 * each: name, prefix, URI, value, end), 0 when it has none or no number. */
static double
num_attr(const xmlChar **attrs, int n, const char *name)
{
	int i;

	for (i = 0; i < n; i++, attrs += 5) {
		char v[64];
		size_t k;
		double d;

		if (xmlStrcasecmp(attrs[0], (const xmlChar *)name) != 0)
			continue;
		k = (size_t)(attrs[4] - attrs[3]);
		if (k >= sizeof v)
			k = sizeof v - 1;
		memcpy(v, attrs[3], k);
		v[k] = '\0';
		d = strtod(v, NULL);
		return isfinite(d) && fabs(d) < 1e7 ? d : 0;
	}
	return 0;
}

static int
named(const xmlChar *localname, const char *name)
{
	return strcmp((const char *)localname, name) == 0;
}

/* The open line, ended: kept as a line, or joined to the line before it
 * that it continues; left out when it has no words. */
static void
end_line(struct pdf_parse *p)
{
	struct layout *L = &p->L;
	struct pline *l;
	size_t start = p->line.off;

	if (!p->words) {
		L->text.len = start;
		return;
	}
	buf_add(&L->text, "", 0);
	L->v = xgrow(L->v, &L->cap, L->n + 1, sizeof *L->v);
	l = &L->v[L->n];
	*l = p->line;
	l->len = L->text.len - start;
	l->page = (uint32_t)L->npages;
	l->block = p->block;
	if (L->pages[L->npages - 1].n && continues_line(&L->v[L->n - 1], l)) {
		struct pline *prev = &L->v[L->n - 1];

		buf_addc(&L->text, ' ');
		memmove(L->text.s + start + 1, L->text.s + start, l->len);
		L->text.s[start] = ' ';
		prev->len += l->len + 1;
		prev->x1 = fmax(prev->x1, l->x1);
		prev->y0 = fmin(prev->y0, l->y0);
		prev->y1 = fmax(prev->y1, l->y1);
		return;
	}
	L->pages[L->npages - 1].n++;
	L->n++;
}

/* The open word, ended: its box added to its line's, or left out when it
 * has no text. */
static void
end_word(struct pdf_parse *p)
{
	struct pline *l = &p->line;

	if (p->L.text.len == p->word_start) {
		p->L.text.len -= p->words > 0;	/* its space */
		return;
	}
	if (p->wx1 < p->wx0)
		p->wx1 = p->wx0;
	if (p->wy1 < p->wy0)
		p->wy1 = p->wy0;
	if (!p->words)
		l->lead = p->wx1 - p->wx0;
	if (!p->words || p->wx0 < l->x0)
		l->x0 = p->wx0;
	if (!p->words || p->wy0 < l->y0)
		l->y0 = p->wy0;
	if (!p->words || p->wx1 > l->x1)
		l->x1 = p->wx1;
	if (!p->words || p->wy1 > l->y1)
		l->y1 = p->wy1;
	p->words++;
}

/*
 * An element opens.  Pages, blocks and lines are pdftotext's; a line's
 * words are the word elements right inside it, and nothing else inside a
 * line counts.
 */
static void
start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri, int nns, const xmlChar **ns, int nattrs, int ndefaulted,
    const xmlChar **attrs)
{
	struct pdf_parse *p = ctx;
	struct layout *L = &p->L;

	(void)prefix, (void)uri, (void)nns, (void)ns, (void)ndefaulted;
	p->depth++;
	p->any = 1;
	if (p->line_depth) {
		if (!p->word_depth && p->depth == p->line_depth + 1 && named(localname, "word")) {
			p->word_depth = p->depth;
			if (p->words)
				buf_addc(&L->text, ' ');
			p->word_start = L->text.len;
			p->wx0 = num_attr(attrs, nattrs, "xMin");
			p->wy0 = num_attr(attrs, nattrs, "yMin");
			p->wx1 = num_attr(attrs, nattrs, "xMax");
			p->wy1 = num_attr(attrs, nattrs, "yMax");
		}
		return;
	}
	if (named(localname, "page")) {
		new_page(L, num_attr(attrs, nattrs, "width"), num_attr(attrs, nattrs, "height"));
	} else if (named(localname, "block")) {
		p->block++;
	} else if (named(localname, "line")) {
		if (!L->npages)
			new_page(L, 0, 0);
		p->line_depth = p->depth;
		p->words = 0;
		memset(&p->line, 0, sizeof p->line);
		p->line.band = -1;
		p->line.off = L->text.len;
		p->line.src = (uint32_t)xmlSAX2GetLineNumber(p->ctxt);
	}
}

static void
end_element(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	struct pdf_parse *p = ctx;

	(void)localname, (void)prefix, (void)uri;
	if (p->word_depth == p->depth) {
		end_word(p);
		p->word_depth = 0;
	} else if (p->line_depth == p->depth) {
		end_line(p);
		p->line_depth = 0;
	}
	p->depth--;
}

/* Text, kept only right inside a word. */
static void
characters(void *ctx, const xmlChar *s, int n)
{
	struct pdf_parse *p = ctx;

	if (p->word_depth && p->depth == p->word_depth)
		buf_add(&p->L.text, (const char *)s, (size_t)n);
}

/* --- checks -------------------------------------------------------------- */

/* Whether most of the text is in the private-use areas: fonts whose
 * glyphs map to no Unicode. */
static int
private_use(const struct layout *L)
{
	size_t i = 0, chars = 0, pua = 0;

	while (i < L->text.len) {
		uint32_t uc;

		i += text_next_uc(L->text.s + i, L->text.len - i, &uc);
		if (uc <= ' ')
			continue;
		chars++;
		pua += (uc >= 0xE000 && uc <= 0xF8FF) || uc >= 0xF0000;
	}
	return pua > 0 && pua * 2 >= chars;
}

/* The options of pdftotext's XHTML: no network, no DTD (the one
 * pdftotext names is not loaded; the handlers read no subset), no entities
 * beyond XML's own; past a character XML does not allow (a control
 * character from the PDF), the parser goes on. */
enum { PARSE_OPTIONS = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	XML_PARSE_BIG_LINES | XML_PARSE_IGNORE_ENC | XML_PARSE_RECOVER };

struct pdf_parse *
pdf_parse_new(void)
{
	static xmlSAXHandler sax = {
		.initialized = XML_SAX2_MAGIC,
		.startElementNs = start_element,
		.endElementNs = end_element,
		.characters = characters,
		.cdataBlock = characters,
	};
	struct pdf_parse *p = xcalloc(1, sizeof *p);

	p->ctxt = xmlCreatePushParserCtxt(&sax, p, NULL, 0, NULL);
	if (!p->ctxt) {
		free(p);
		return NULL;
	}
	xmlCtxtUseOptions(p->ctxt, PARSE_OPTIONS);
	return p;
}

void
pdf_parse_feed(struct pdf_parse *p, const char *s, size_t n)
{
	while (p && n) {
		int k = n > (1 << 20) ? 1 << 20 : (int)n;

		xmlParseChunk(p->ctxt, s, k, 0);
		s += k;
		n -= (size_t)k;
	}
}

void
pdf_parse_free(struct pdf_parse *p)
{
	if (!p)
		return;
	xmlFreeParserCtxt(p->ctxt);
	free(p->L.v);
	free(p->L.pages);
	free(p->L.words);
	buf_free(&p->L.text);
	buf_free(&p->L.folded);
	free(p);
}

int
pdf_layout(struct form_out *o, const char *s, size_t n, const char *label, struct buf *why)
{
	struct pdf_parse *p = pdf_parse_new();

	pdf_parse_feed(p, s, n);
	return pdf_parse_end(p, o, label, why);
}

int
pdf_parse_end(struct pdf_parse *p, struct form_out *o, const char *label, struct buf *why)
{
	struct layout *L = p ? &p->L : NULL;
	int status = 0;

	if (p) {
		xmlParseChunk(p->ctxt, NULL, 0, 1);
		if (p->word_depth)
			end_word(p);	/* cut off inside a word */
		if (p->line_depth)
			end_line(p);
	}
	if (!p || !p->any) {
		buf_printf(why, "%s: pdftotext gave no readable text for it", label);
		status = -1;
	} else if (!L->n) {
		buf_printf(why, L->npages ? "%s: no text; it may need OCR (its pages hold no text "
		    "layer, as a scanned PDF does)" : "%s: the PDF has no pages", label);
		status = -1;
	} else if (private_use(L)) {
		buf_printf(why, "%s: its text is in private-use glyphs (its fonts map no "
		    "Unicode), so it cannot be read as text", label);
		status = -1;
	} else {
		pdf_lay_out(L, o);
	}
	pdf_parse_free(p);
	return status;
}

