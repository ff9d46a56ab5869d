/* SPDX-License-Identifier: MIT */
/* Word (DOCX) and OpenDocument (ODT) files as blocks. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "archive.h"
#include "diag.h"
#include "doc.h"
#include "form.h"
#include "html.h"
#include "office.h"
#include "xalloc.h"

/* The XML parser stops at this depth; nothing is walked deeper. */
enum { MAX_DEPTH = 300, MAX_STYLES = 4096, MAX_PARENTS = 8 };

static const char W_NS[] = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
static const char TEXT_NS[] = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
static const char STYLE_NS[] = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
static const char OFFICE_NS[] = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";

/* A paragraph style: its heading level (0: none), its language, and
 * (ODF) the style it is based on; or (ODF) a list style, numbered or not. */
struct style {
	char name[64];
	char parent[64];
	int level;
	char lang[16];
	unsigned char list, numbered;
};

struct styles {
	struct style *v;
	size_t n, cap;
	char lang[16];		/* the document's default language */
};

/* A DOCX list: numbering numId at level ilvl is a number (not a bullet),
 * and its count so far. */
struct numbering {
	struct num { int id, abstract; } *nums;
	size_t nnums;
	struct abs { int id, level, decimal; } *levels;
	size_t nlevels;
	long count[64][9];	/* by numId (the first 64) and level */
};

/* DOCX relationships: link ids and their targets, each ending in NUL. */
struct rels {
	struct buf ids, targets;
};

struct office {
	struct form_out *o;
	int form;
	struct styles st;
	struct numbering num;
	struct rels rels;
};

/* Whether n is element name of namespace ns. */
static int
is(const xmlNode *n, const char *ns, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0 &&
	    n->ns && n->ns->href && strcmp((const char *)n->ns->href, ns) == 0;
}

/* The first child of n that is element name of ns, or NULL. */
static xmlNode *
child(const xmlNode *n, const char *ns, const char *name)
{
	xmlNode *c;

	for (c = n ? n->children : NULL; c; c = c->next)
		if (is(c, ns, name))
			return c;
	return NULL;
}

static uint32_t
line_of(const xmlNode *n)
{
	long l = xmlGetLineNo((xmlNode *)n);

	return l > 0 ? (uint32_t)l : 0;
}

static const struct style *
style_find(const struct styles *st, const char *name)
{
	size_t i;

	for (i = 0; i < st->n; i++)
		if (strcmp(st->v[i].name, name) == 0)
			return &st->v[i];
	return NULL;
}

static struct style *
style_add(struct styles *st)
{
	struct style *s;

	if (st->n >= MAX_STYLES)
		return NULL;
	st->v = xgrow(st->v, &st->cap, st->n + 1, sizeof *st->v);
	s = &st->v[st->n++];
	memset(s, 0, sizeof *s);
	return s;
}

/* The level of a heading style name ("heading 2", "Heading2": 2; "Title":
 * 1), or 0. */
static int
heading_name_level(const char *name)
{
	if (strcasecmp(name, "title") == 0)
		return 1;
	if (strncasecmp(name, "heading", 7) != 0)
		return 0;
	name += 7;
	while (*name == ' ')
		name++;
	return name[0] >= '1' && name[0] <= '9' && !name[1] ? name[0] - '0' : 0;
}

/* Parse XML part xml[0..n) named part: never loading anything it names,
 * never expanding entities; NULL (why set) when it is not XML at all. */
static xmlDoc *
parse_part(const char *xml, size_t n, const char *label, const char *part, struct buf *why)
{
	xmlParserCtxt *ctxt;
	xmlDoc *d;

	if (n > INT32_MAX) {
		buf_printf(why, "%s: %s is too large", label, part);
		return NULL;
	}
	ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		buf_printf(why, "%s: out of memory", label);
		return NULL;
	}
	d = xmlCtxtReadMemory(ctxt, xml, (int)n, NULL, NULL, XML_PARSE_NONET |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES |
	    XML_PARSE_RECOVER);
	if (d && !ctxt->wellFormed && xmlDocGetRootElement(d))
		diag_warn("%s: %s is not well-formed XML; read as far as it goes",
		    label, part);
	xmlFreeParserCtxt(ctxt);
	if (!d || !xmlDocGetRootElement(d)) {
		xmlFreeDoc(d);
		buf_printf(why, "%s: %s is not XML", label, part);
		return NULL;
	}
	return d;
}

/* --- DOCX --------------------------------------------------------------- */

/* word/styles.xml: each paragraph style's heading level and language, and
 * the default language. */
static void
docx_styles(struct office *of, xmlDoc *d)
{
	xmlNode *root = xmlDocGetRootElement(d), *c;
	char v[64];

	c = child(child(child(child(root, W_NS, "docDefaults"), W_NS, "rPrDefault"), W_NS,
	    "rPr"), W_NS, "lang");
	if (c)
		html_attr(c, "val", of->st.lang, sizeof of->st.lang);
	for (c = root->children; c; c = c->next) {
		xmlNode *e;
		struct style *s;

		if (!is(c, W_NS, "style") || !html_attr(c, "styleId", v, sizeof v) ||
		    !(s = style_add(&of->st)))
			continue;
		snprintf(s->name, sizeof s->name, "%s", v);
		if ((e = child(c, W_NS, "name")) && html_attr(e, "val", v, sizeof v))
			s->level = heading_name_level(v);
		if ((e = child(child(c, W_NS, "pPr"), W_NS, "outlineLvl")) &&
		    html_attr(e, "val", v, sizeof v) && atoi(v) >= 0 && atoi(v) < 9)
			s->level = atoi(v) + 1;
		if ((e = child(child(c, W_NS, "rPr"), W_NS, "lang")))
			html_attr(e, "val", s->lang, sizeof s->lang);
	}
}

/* word/numbering.xml: which lists are numbered. */
static void
docx_numbering(struct office *of, xmlDoc *d)
{
	struct numbering *nb = &of->num;
	xmlNode *c, *l;
	size_t ncap = 0, lcap = 0;
	char v[32];

	for (c = xmlDocGetRootElement(d)->children; c; c = c->next) {
		if (is(c, W_NS, "num") && html_attr(c, "numId", v, sizeof v) &&
		    (l = child(c, W_NS, "abstractNumId"))) {
			nb->nums = xgrow(nb->nums, &ncap, nb->nnums + 1, sizeof *nb->nums);
			nb->nums[nb->nnums].id = atoi(v);
			nb->nums[nb->nnums++].abstract = html_attr(l, "val", v, sizeof v) ?
			    atoi(v) : -1;
		} else if (is(c, W_NS, "abstractNum") &&
		    html_attr(c, "abstractNumId", v, sizeof v)) {
			int id = atoi(v);

			for (l = c->children; l; l = l->next) {
				xmlNode *f = child(l, W_NS, "numFmt");

				if (!is(l, W_NS, "lvl") || !html_attr(l, "ilvl", v, sizeof v))
					continue;
				nb->levels = xgrow(nb->levels, &lcap, nb->nlevels + 1,
				    sizeof *nb->levels);
				nb->levels[nb->nlevels].id = id;
				nb->levels[nb->nlevels].level = atoi(v);
				nb->levels[nb->nlevels++].decimal = f &&
				    html_attr(f, "val", v, sizeof v) && strcmp(v, "bullet") != 0 &&
				    strcmp(v, "none") != 0;
			}
		}
	}
}

/* word/_rels/document.xml.rels: the targets of links that lead out. */
static void
docx_rels(struct office *of, xmlDoc *d)
{
	xmlNode *c;
	char id[64], target[2048], mode[32];

	for (c = xmlDocGetRootElement(d)->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, "Relationship") == 0 &&
		    html_attr(c, "Id", id, sizeof id) &&
		    html_attr(c, "Target", target, sizeof target) &&
		    html_attr(c, "TargetMode", mode, sizeof mode) &&
		    strcmp(mode, "External") == 0) {
			buf_add(&of->rels.ids, id, strlen(id) + 1);
			buf_add(&of->rels.targets, target, strlen(target) + 1);
		}
}

/* The target of link id, or NULL. */
static const char *
docx_rel(const struct office *of, const char *id)
{
	size_t i = 0, t = 0;

	while (i < of->rels.ids.len) {
		if (strcmp(of->rels.ids.s + i, id) == 0)
			return of->rels.targets.s + t;
		i += strlen(of->rels.ids.s + i) + 1;
		t += strlen(of->rels.targets.s + t) + 1;
	}
	return NULL;
}

/* The bullet or number of a list paragraph with properties ppr. */
static void
docx_prefix(struct office *of, const xmlNode *ppr, char *out, size_t size)
{
	const xmlNode *np = child(ppr, W_NS, "numPr"), *e;
	struct numbering *nb = &of->num;
	int id = -1, lvl = 0, abs = -1, decimal = 0;
	size_t i;
	char v[32];

	out[0] = '\0';
	if (!np)
		return;
	if ((e = child(np, W_NS, "numId")) && html_attr(e, "val", v, sizeof v))
		id = atoi(v);
	if ((e = child(np, W_NS, "ilvl")) && html_attr(e, "val", v, sizeof v))
		lvl = atoi(v);
	if (id <= 0 || lvl < 0 || lvl > 8)
		return;
	for (i = 0; i < nb->nnums; i++)
		if (nb->nums[i].id == id)
			abs = nb->nums[i].abstract;
	for (i = 0; i < nb->nlevels; i++)
		if (nb->levels[i].id == abs && nb->levels[i].level == lvl)
			decimal = nb->levels[i].decimal;
	if (decimal && id < 64)
		snprintf(out, size, "%ld.", ++nb->count[id][lvl]);
	else
		snprintf(out, size, "\xE2\x80\xA2");
}

/* The text of the runs under n into the open block. */
static void
docx_runs(struct office *of, const xmlNode *n, char *lang, size_t lsize, int depth)
{
	const xmlNode *c;
	char v[16];

	for (c = n->children; c && depth < MAX_DEPTH; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || !c->ns || !c->ns->href ||
		    strcmp((const char *)c->ns->href, W_NS) != 0) {
			continue;
		} else if (is(c, W_NS, "t")) {
			const xmlNode *t;

			for (t = c->children; t; t = t->next)
				if (t->type == XML_TEXT_NODE && t->content)
					form_text(of->o, (const char *)t->content,
					    strlen((const char *)t->content), 0);
		} else if (is(c, W_NS, "tab")) {
			of->o->space = 1;
		} else if (is(c, W_NS, "br") || is(c, W_NS, "cr")) {
			form_break(of->o);
		} else if (is(c, W_NS, "noBreakHyphen")) {
			form_text(of->o, "-", 1, 0);
		} else if (is(c, W_NS, "rPr")) {
			const xmlNode *l = child(c, W_NS, "lang");

			if (l && !lang[0] && html_attr(l, "val", v, sizeof v))
				snprintf(lang, lsize, "%s", v);
		} else if (is(c, W_NS, "hyperlink")) {
			const char *target;

			docx_runs(of, c, lang, lsize, depth + 1);
			if (html_attr(c, "id", v, sizeof v) && (target = docx_rel(of, v)))
				form_href(of->o, target);
		} else if (is(c, W_NS, "del") || is(c, W_NS, "instrText") ||
		    is(c, W_NS, "delText") || is(c, W_NS, "pPr") || is(c, W_NS, "drawing") ||
		    is(c, W_NS, "pict") || is(c, W_NS, "footnoteReference")) {
			continue;
		} else {
			docx_runs(of, c, lang, lsize, depth + 1);
		}
	}
}

/* One w:p: a block, a heading when its style or outline level says so. */
static void
docx_paragraph(struct office *of, const xmlNode *p)
{
	const xmlNode *ppr = child(p, W_NS, "pPr"), *e;
	const struct style *s = NULL;
	char v[64], lang[16] = "", prefix[24];
	int level = 0;

	if ((e = child(ppr, W_NS, "pStyle")) && html_attr(e, "val", v, sizeof v) &&
	    (s = style_find(&of->st, v)) != NULL)
		level = s->level;
	if (!s && e && html_attr(e, "val", v, sizeof v))
		level = heading_name_level(v);
	if ((e = child(ppr, W_NS, "outlineLvl")) && html_attr(e, "val", v, sizeof v) &&
	    atoi(v) >= 0 && atoi(v) < 9)
		level = atoi(v) + 1;
	if ((e = child(child(ppr, W_NS, "rPr"), W_NS, "lang")))
		html_attr(e, "val", lang, sizeof lang);
	docx_prefix(of, ppr, prefix, sizeof prefix);
	form_begin(of->o, "w:p", level ? BLOCK_HEADING : BLOCK_PARAGRAPH, line_of(p), "");
	if (prefix[0]) {
		form_text(of->o, prefix, strlen(prefix), 0);
		of->o->space = 1;
	}
	docx_runs(of, p, lang, sizeof lang, 0);
	if (prefix[0] && form_open_len(of->o) == strlen(prefix))
		of->o->text->len -= strlen(prefix);	/* a bullet alone is no block */
	if (!lang[0])
		snprintf(lang, sizeof lang, "%s", s && s->lang[0] ? s->lang : of->st.lang);
	snprintf(of->o->cur.lang, sizeof of->o->cur.lang, "%s", lang);
	form_end(of->o);
}

/* The paragraphs under n, in document order: body, tables, cells. */
static void
docx_body(struct office *of, const xmlNode *n, int depth)
{
	const xmlNode *c;

	for (c = n->children; c && depth < MAX_DEPTH; c = c->next)
		if (is(c, W_NS, "p"))
			docx_paragraph(of, c);
		else if (c->type == XML_ELEMENT_NODE && !is(c, W_NS, "sectPr"))
			docx_body(of, c, depth + 1);
}

/* --- ODT ---------------------------------------------------------------- */

/* The paragraph styles of an ODF styles part (office:styles and
 * office:automatic-styles), and the default language. */
static void
odt_styles(struct office *of, const xmlNode *root)
{
	const xmlNode *sec, *c, *tp;
	char v[64];

	for (sec = root->children; sec; sec = sec->next) {
		if (!is(sec, OFFICE_NS, "styles") && !is(sec, OFFICE_NS, "automatic-styles"))
			continue;
		for (c = sec->children; c; c = c->next) {
			struct style *s;

			tp = child(c, STYLE_NS, "text-properties");
			if (is(c, STYLE_NS, "default-style") && tp &&
			    html_attr(c, "family", v, sizeof v) && strcmp(v, "paragraph") == 0)
				html_attr(tp, "language", of->st.lang, sizeof of->st.lang);
			if (is(c, TEXT_NS, "list-style") && html_attr(c, "name", v, sizeof v) &&
			    (s = style_add(&of->st))) {
				const xmlNode *l = c->children;

				while (l && l->type != XML_ELEMENT_NODE)
					l = l->next;
				snprintf(s->name, sizeof s->name, "%s", v);
				s->list = 1;
				s->numbered = l && is(l, TEXT_NS, "list-level-style-number");
				continue;
			}
			if (!is(c, STYLE_NS, "style") || !html_attr(c, "name", v, sizeof v) ||
			    !(s = style_add(&of->st)))
				continue;
			snprintf(s->name, sizeof s->name, "%s", v);
			if (html_attr(c, "parent-style-name", v, sizeof v))
				snprintf(s->parent, sizeof s->parent, "%s", v);
			if (tp)
				html_attr(tp, "language", s->lang, sizeof s->lang);
			if (html_attr(c, "default-outline-level", v, sizeof v))
				s->level = atoi(v) > 0 && atoi(v) <= 10 ? atoi(v) : 0;
		}
	}
}

/* The language of ODF style name, through the styles it is based on. */
static const char *
odt_style_lang(const struct office *of, const char *name)
{
	const struct style *s;
	int k;

	for (k = 0; k < MAX_PARENTS && (s = style_find(&of->st, name)) != NULL; k++) {
		if (s->lang[0] && strcmp(s->lang, "zxx") != 0 && strcmp(s->lang, "none") != 0)
			return s->lang;
		name = s->parent;
	}
	return of->st.lang;
}

/* The text under n into the open block: spans, spaces, tabs, breaks. */
static void
odt_runs(struct office *of, const xmlNode *n, int depth)
{
	const xmlNode *c;
	char v[2048];

	for (c = n->children; c && depth < MAX_DEPTH; c = c->next) {
		if (c->type == XML_TEXT_NODE && c->content) {
			form_text(of->o, (const char *)c->content,
			    strlen((const char *)c->content), 0);
		} else if (is(c, TEXT_NS, "s") || is(c, TEXT_NS, "tab")) {
			of->o->space = 1;
		} else if (is(c, TEXT_NS, "line-break")) {
			form_break(of->o);
		} else if (is(c, TEXT_NS, "note") || is(c, OFFICE_NS, "annotation") ||
		    (c->ns && c->ns->href && strstr((const char *)c->ns->href, "drawing"))) {
			continue;
		} else if (c->type == XML_ELEMENT_NODE) {
			if (is(c, TEXT_NS, "a") && html_attr(c, "href", v, sizeof v)) {
				odt_runs(of, c, depth + 1);
				form_href(of->o, v);
			} else {
				odt_runs(of, c, depth + 1);
			}
		}
	}
}

/* One text:p or text:h. */
static void
odt_paragraph(struct office *of, const xmlNode *p, const char *prefix)
{
	char v[64];
	int head = is(p, TEXT_NS, "h");

	form_begin(of->o, head ? "text:h" : "text:p", head ? BLOCK_HEADING : BLOCK_PARAGRAPH,
	    line_of(p), html_attr(p, "style-name", v, sizeof v) ? odt_style_lang(of, v) :
	    of->st.lang);
	if (!head && html_attr(p, "style-name", v, sizeof v)) {
		const struct style *s = style_find(&of->st, v);

		if (s && s->level)
			of->o->cur.kind = BLOCK_HEADING;
	}
	if (prefix && prefix[0]) {
		form_text(of->o, prefix, strlen(prefix), 0);
		of->o->space = 1;
	}
	odt_runs(of, p, 0);
	if (prefix && form_open_len(of->o) == strlen(prefix))
		of->o->text->len -= strlen(prefix);
	form_end(of->o);
}

static void odt_body(struct office *of, const xmlNode *n, int depth, const char *prefix);

/* A text:list: each item's first paragraph starts with its bullet, or its
 * number when the list's style numbers it. */
static void
odt_list(struct office *of, const xmlNode *list, int depth, int numbered)
{
	const xmlNode *c;
	const struct style *s;
	char v[64], prefix[24];
	long count = 0;

	if (html_attr(list, "style-name", v, sizeof v) && (s = style_find(&of->st, v)) &&
	    s->list)
		numbered = s->numbered;
	for (c = list->children; c; c = c->next) {
		if (!is(c, TEXT_NS, "list-item") && !is(c, TEXT_NS, "list-header"))
			continue;
		if (numbered)
			snprintf(prefix, sizeof prefix, "%ld.", ++count);
		else
			snprintf(prefix, sizeof prefix, "\xE2\x80\xA2");
		odt_body(of, c, depth + 1, is(c, TEXT_NS, "list-item") ? prefix : NULL);
	}
}

/* The paragraphs under n: lists, tables, sections; the first paragraph
 * starts with prefix (a list item's bullet or number) when there is one. */
static void
odt_body(struct office *of, const xmlNode *n, int depth, const char *prefix)
{
	const xmlNode *c;

	for (c = n->children; c && depth < MAX_DEPTH; c = c->next) {
		if (is(c, TEXT_NS, "p") || is(c, TEXT_NS, "h")) {
			odt_paragraph(of, c, prefix);
			prefix = NULL;
		} else if (is(c, TEXT_NS, "list")) {
			odt_list(of, c, depth + 1, 0);
		} else if (is(c, TEXT_NS, "tracked-changes") || is(c, OFFICE_NS, "forms") ||
		    is(c, TEXT_NS, "sequence-decls")) {
			continue;
		} else if (c->type == XML_ELEMENT_NODE) {
			odt_body(of, c, depth + 1, NULL);
		}
	}
}

/* --- the container ------------------------------------------------------ */

/* An optional part: parsed, or NULL when missing or unusable (the reader
 * goes on without it). */
static xmlDoc *
optional_part(struct archive *ar, const char *name, const char *label, int *bad,
    struct buf *why)
{
	struct buf b = {0}, w = {0};
	xmlDoc *d = NULL;
	int r = archive_member(ar, name, &b, &w);

	if (r < 0) {
		buf_add(why, w.s, w.len);
		*bad = 1;
	} else if (r == 0) {
		d = parse_part(b.s, b.len, label, name, &w);
	}
	buf_free(&b);
	buf_free(&w);
	return d;
}

static int
read_main(struct office *of, xmlDoc *d, const char *label, struct buf *why)
{
	xmlNode *root = xmlDocGetRootElement(d), *body;

	if (of->form == FORM_DOCX) {
		body = child(root, W_NS, "body");
		if (!body) {
			buf_printf(why, "%s: word/document.xml has no document body", label);
			return -1;
		}
		docx_body(of, body, 0);
	} else {
		odt_styles(of, root);
		body = child(child(root, OFFICE_NS, "body"), OFFICE_NS, "text");
		if (!body) {
			buf_printf(why, "%s: content.xml holds no text document", label);
			return -1;
		}
		odt_body(of, body, 0, NULL);
	}
	return 0;
}

static void
office_free(struct office *of)
{
	free(of->st.v);
	free(of->num.nums);
	free(of->num.levels);
	buf_free(&of->rels.ids);
	buf_free(&of->rels.targets);
}

int
office_read_xml(struct form_out *o, int form, const char *xml, size_t n, const char *label,
    struct buf *why)
{
	struct office of;
	xmlDoc *d;
	int status;

	memset(&of, 0, sizeof of);
	of.o = o;
	of.form = form;
	d = parse_part(xml, n, label, form == FORM_DOCX ? "word/document.xml" : "content.xml",
	    why);
	if (!d)
		return -1;
	status = read_main(&of, d, label, why);
	xmlFreeDoc(d);
	office_free(&of);
	return status;
}

int
office_read(struct form_out *o, int form, const char *raw, size_t n, const char *label,
    struct buf *why)
{
	const char *main_part = form == FORM_DOCX ? "word/document.xml" : "content.xml";
	const char *kind = form == FORM_DOCX ? "a DOCX" : "an ODT";
	struct office of;
	struct buf xml = {0};
	struct archive *ar;
	xmlDoc *d = NULL;
	int r, bad = 0, status = -1;

	ar = archive_open(raw, n, label, kind, why);
	if (!ar)
		return -1;
	memset(&of, 0, sizeof of);
	of.o = o;
	of.form = form;
	r = archive_member(ar, main_part, &xml, why);
	if (r > 0)
		buf_printf(why, "%s: a zip archive without %s, not %s file", label, main_part,
		    kind);
	if (r != 0)
		goto out;
	if (form == FORM_DOCX) {
		xmlDoc *s = optional_part(ar, "word/styles.xml", label, &bad, why);
		xmlDoc *nb = !bad ? optional_part(ar, "word/numbering.xml", label, &bad,
		    why) : NULL;
		xmlDoc *rl = !bad ? optional_part(ar, "word/_rels/document.xml.rels", label,
		    &bad, why) : NULL;

		if (s)
			docx_styles(&of, s);
		if (nb)
			docx_numbering(&of, nb);
		if (rl)
			docx_rels(&of, rl);
		xmlFreeDoc(s);
		xmlFreeDoc(nb);
		xmlFreeDoc(rl);
	} else {
		xmlDoc *s = optional_part(ar, "styles.xml", label, &bad, why);

		if (s)
			odt_styles(&of, xmlDocGetRootElement(s));
		xmlFreeDoc(s);
	}
	if (bad)
		goto out;
	d = parse_part(xml.s, xml.len, label, main_part, why);
	if (d)
		status = read_main(&of, d, label, why);
out:
	xmlFreeDoc(d);
	buf_free(&xml);
	archive_close(ar);
	office_free(&of);
	return status;
}
