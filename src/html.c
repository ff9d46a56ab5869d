/* SPDX-License-Identifier: MIT */
/* Web pages (HTML, XHTML) as blocks: the briefing, not the site around it. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "diag.h"
#include "doc.h"
#include "form.h"
#include "html.h"

/* The largest start an ordered list may give its first item. */
enum { START_MAX = 1000000000 };

/* Elements nested deeper than this are skipped; a paragraph shorter than
 * MIN_PARA bytes says nothing about where the content is. */
enum { MAX_DEPTH = 512, MIN_PARA = 25 };

/* What an element is to the reader. */
enum role {
	R_INLINE,	/* its text joins the block around it */
	R_SKIP,		/* site furniture or no text: left out with all inside */
	R_HEADER,	/* left out, unless inside the content or an article */
	R_BLOCK,	/* a block of its own (or a container of blocks) */
	R_HEADING,
	R_LIST,		/* ul, ol: its items are numbered or bulleted */
	R_ITEM,
	R_PRE,		/* a block that keeps its lines */
	R_BREAK,
	R_IMG,
	R_LINK,
	R_CONTENT	/* article, main: a block container that holds content */
};

struct element {
	const char *name;
	enum role role;
};

/* Sorted by name, for bsearch. */
static const struct element elements[] = {
	{ "a", R_LINK }, { "address", R_BLOCK }, { "article", R_CONTENT },
	{ "aside", R_SKIP }, { "audio", R_SKIP }, { "blockquote", R_BLOCK },
	{ "body", R_BLOCK }, { "br", R_BREAK }, { "button", R_SKIP },
	{ "canvas", R_SKIP }, { "caption", R_BLOCK }, { "center", R_BLOCK },
	{ "datalist", R_SKIP }, { "dd", R_BLOCK }, { "details", R_BLOCK },
	{ "dialog", R_SKIP }, { "div", R_BLOCK }, { "dl", R_BLOCK }, { "dt", R_BLOCK },
	{ "embed", R_SKIP }, { "fieldset", R_BLOCK }, { "figcaption", R_BLOCK },
	{ "figure", R_BLOCK }, { "footer", R_SKIP }, { "form", R_SKIP },
	{ "h1", R_HEADING }, { "h2", R_HEADING }, { "h3", R_HEADING },
	{ "h4", R_HEADING }, { "h5", R_HEADING }, { "h6", R_HEADING },
	{ "head", R_SKIP }, { "header", R_HEADER }, { "hgroup", R_BLOCK },
	{ "hr", R_BLOCK }, { "html", R_BLOCK }, { "iframe", R_SKIP }, { "img", R_IMG },
	{ "input", R_SKIP }, { "li", R_ITEM }, { "main", R_CONTENT }, { "map", R_SKIP },
	{ "math", R_SKIP }, { "menu", R_SKIP }, { "nav", R_SKIP }, { "noscript", R_SKIP },
	{ "object", R_SKIP }, { "ol", R_LIST }, { "option", R_SKIP }, { "p", R_BLOCK },
	{ "pre", R_PRE }, { "script", R_SKIP }, { "section", R_BLOCK },
	{ "select", R_SKIP }, { "style", R_SKIP }, { "summary", R_BLOCK },
	{ "svg", R_SKIP }, { "table", R_BLOCK }, { "tbody", R_BLOCK }, { "td", R_BLOCK },
	{ "template", R_SKIP }, { "textarea", R_SKIP }, { "tfoot", R_BLOCK },
	{ "th", R_BLOCK }, { "thead", R_BLOCK }, { "title", R_SKIP }, { "tr", R_BLOCK },
	{ "ul", R_LIST }, { "video", R_SKIP },
};

/* Words in a class or id that mark site furniture (cookie-banner,
 * share-buttons, breadcrumbs), sorted. */
static const char *const furniture_words[] = {
	"ad", "ads", "advert", "advertisement", "breadcrumb", "breadcrumbs", "comments",
	"consent", "cookie", "cookies", "gdpr", "menu", "modal", "nav", "navbar",
	"navigation", "newsletter", "pagination", "popup", "related", "share", "sharing",
	"sidebar", "skip", "social", "sponsor", "subscribe", "toolbar",
};

/* ARIA roles of furniture, sorted. */
static const char *const furniture_roles[] = {
	"alertdialog", "banner", "complementary", "contentinfo", "dialog", "menu",
	"menubar", "navigation", "search", "toolbar",
};

static int
cmp_element(const void *key, const void *e)
{
	return strcmp(key, ((const struct element *)e)->name);
}

static int
cmp_word(const void *key, const void *w)
{
	return strcmp(key, *(const char *const *)w);
}

static enum role
role_of(const xmlNode *n)
{
	char name[16];
	const struct element *e;
	size_t i;

	for (i = 0; n->name[i] && i + 1 < sizeof name; i++)
		name[i] = (char)(n->name[i] | (n->name[i] < 0x80 ? 0x20 : 0));
	if (n->name[i])
		return R_INLINE;
	name[i] = '\0';
	e = bsearch(name, elements, sizeof elements / sizeof *elements, sizeof *elements,
	    cmp_element);
	return e ? e->role : R_INLINE;
}

/* The text of attribute a, its entity references left out (so that
 * nothing expands), into out[0..size). */
static void
attr_text(const xmlAttr *a, char *out, size_t size)
{
	const xmlNode *c;
	size_t k = 0;

	for (c = a->children; c; c = c->next) {
		const char *s = (const char *)c->content;

		if (c->type != XML_TEXT_NODE || !s)
			continue;
		while (*s && k + 1 < size)
			out[k++] = *s++;
	}
	out[k] = '\0';
}

const char *
html_attr(const xmlNode *n, const char *name, char *out, size_t size)
{
	const xmlAttr *a;

	for (a = n->properties; a; a = a->next)
		if (strcasecmp((const char *)a->name, name) == 0) {
			attr_text(a, out, size);
			return out;
		}
	return NULL;
}

/* Whether a word of list s (split at what is not a letter or digit) is in
 * words[0..n). */
static int
has_listed_word(const char *s, const char *const *words, size_t n)
{
	char w[24];

	while (*s) {
		size_t k = 0;

		while (*s && !((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z') &&
		    !(*s >= '0' && *s <= '9'))
			s++;
		while (((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z') || (*s >= '0' && *s <= '9')) {
			if (k + 1 < sizeof w)
				w[k++] = (char)(*s | 0x20);
			s++;
		}
		w[k] = '\0';
		if (k && bsearch(w, words, n, sizeof *words, cmp_word))
			return 1;
	}
	return 0;
}

/* Whether what an attribute of n says makes it furniture or hidden. */
static int
attrs_furniture(const xmlNode *n)
{
	const xmlAttr *a;
	char v[512];

	for (a = n->properties; a; a = a->next) {
		const char *name = (const char *)a->name;

		if (strcasecmp(name, "hidden") == 0)
			return 1;
		if (strcasecmp(name, "class") && strcasecmp(name, "id") &&
		    strcasecmp(name, "role") && strcasecmp(name, "aria-hidden") &&
		    strcasecmp(name, "style"))
			continue;
		attr_text(a, v, sizeof v);
		if (strcasecmp(name, "aria-hidden") == 0) {
			if (strcasecmp(v, "true") == 0)
				return 1;
		} else if (strcasecmp(name, "style") == 0) {
			char sq[512];
			size_t i, k = 0;

			for (i = 0; v[i]; i++)
				if (v[i] != ' ' && v[i] != '\t')
					sq[k++] = (char)(v[i] | 0x20);
			sq[k] = '\0';
			if (strstr(sq, "display:none") || strstr(sq, "visibility:hidden"))
				return 1;
		} else if (strcasecmp(name, "role") == 0) {
			if (has_listed_word(v, furniture_roles,
			    sizeof furniture_roles / sizeof *furniture_roles))
				return 1;
		} else if (has_listed_word(v, furniture_words,
		    sizeof furniture_words / sizeof *furniture_words)) {
			return 1;
		}
	}
	return 0;
}

/* What the walk knows at one depth of the tree. */
struct level {
	const char *name;	/* the block element around: its name, kind, line */
	uint32_t line;
	unsigned char kind;
	unsigned char pre;	/* inside pre */
	unsigned char content;	/* inside the content, an article or main */
	unsigned char list;	/* 1 ul, 2 ol */
	long count;		/* items of an ol so far */
	long para;		/* survey: the depth of the p around, or -1 */
	size_t plen;		/* survey: the text of the p at this depth */
	char lang[16];
};

struct walk {
	struct form_out *o;
	int survey;		/* finding the content, not reading it */
	int depth;
	struct level lv[MAX_DEPTH + 1];
	struct level base;
	char prefix[24];	/* an item's bullet or number, for its first text */
	size_t deep;		/* elements left out for their depth */
	xmlNode *main, *best, *h1;	/* survey: main, the densest, the first h1 */
	uintptr_t best_score;
};

/* The line where element n starts: past 65535 the tree keeps it in psvi
 * (start_element). */
static uint32_t
line_of(const xmlNode *n)
{
	long l;

	if (n->type == XML_ELEMENT_NODE && n->line == 65535 && n->psvi)
		return (uint32_t)(uintptr_t)n->psvi;
	l = xmlGetLineNo((xmlNode *)n);
	return l > 0 ? (uint32_t)l : 0;
}

/* The HTML parser's start of an element, keeping the element's line past
 * the 65535 its tree has room for. */
static void
start_element(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	xmlParserCtxt *ctxt = ctx;

	xmlSAX2StartElement(ctx, name, atts);
	if (ctxt->node && ctxt->input && ctxt->input->line >= 65535)
		ctxt->node->psvi = (void *)(uintptr_t)ctxt->input->line;
}

/* Text s[0..len) of a pre element, from line on: each line its own block
 * (the block model joins the lines of a block). */
static void
enter_pre_text(struct walk *w, const struct level *lv, const char *s, size_t len,
    uint32_t line)
{
	size_t i = 0;

	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - s) : len;

		if (!w->o->open && e > i)
			form_begin(w->o, lv->name, lv->kind, line, lv->lang);
		form_text(w->o, s + i, e - i, 1);
		if (nl) {
			form_end(w->o);
			line++;
		}
		i = e + (nl != NULL);
	}
}

/* Text node n: into the open block, or a new one in the block around. */
static void
enter_text(struct walk *w, const xmlNode *n)
{
	struct level *lv = w->depth ? &w->lv[w->depth - 1] : &w->base;
	const char *s = (const char *)n->content;
	size_t len, i;

	if (!s)
		return;
	len = strlen(s);
	if (w->survey) {
		if (lv->para >= 0) {
			for (i = 0; i < len && strchr(" \t\r\n", s[i]); i++)
				;
			w->lv[lv->para].plen += len - i;
		}
		return;
	}
	if (lv->pre) {
		enter_pre_text(w, lv, s, len, line_of(n));
		return;
	}
	if (!w->o->open) {
		for (i = 0; i < len && strchr(" \t\r\n", s[i]); i++)
			;
		if (i == len)
			return;
		form_begin(w->o, lv->name, lv->kind, lv->line, lv->lang);
		if (w->prefix[0]) {
			form_text(w->o, w->prefix, strlen(w->prefix), 0);
			w->o->space = 1;
			w->prefix[0] = '\0';
		}
	}
	form_text(w->o, s, len, lv->pre);
}

/* An image's alt text is a block when it is a sentence. */
static void
enter_img(struct walk *w, const xmlNode *n, const struct level *lv)
{
	char alt[1024];
	size_t k, words = 0, i;

	if (w->survey || !html_attr(n, "alt", alt, sizeof alt))
		return;
	k = strlen(alt);
	while (k && strchr(" \t\r\n", alt[k - 1]))
		k--;
	for (i = 0; i < k; i++)
		words += alt[i] == ' ';
	if (!k || words < 3 || !strchr(".!?", alt[k - 1]))
		return;
	form_begin(w->o, "img", BLOCK_PARAGRAPH, line_of(n), lv->lang);
	form_text(w->o, alt, k, 0);
	form_end(w->o);
}

/* An ordered list's start attribute, held to what a count of items can
 * reach from it without overflow (a page may say anything). */
static long
list_start(const char *v)
{
	long n = strtol(v, NULL, 10);

	return n > START_MAX ? START_MAX : n < -START_MAX ? -START_MAX : n;
}

/* Element n entered at w->depth: whether to go inside it. */
static int
enter_element(struct walk *w, xmlNode *n)
{
	const struct level *up = w->depth ? &w->lv[w->depth - 1] : &w->base;
	struct level *lv = &w->lv[w->depth];
	enum role r = role_of(n);
	char v[32];
	const xmlAttr *a;

	if (r == R_SKIP || (r == R_HEADER && !up->content) || attrs_furniture(n))
		return 0;
	*lv = *up;
	lv->list = 0;
	for (a = n->properties; a; a = a->next)
		if (strcmp((const char *)a->name, "lang") == 0 ||
		    strcasecmp((const char *)a->name, "xml:lang") == 0)
			attr_text(a, lv->lang, sizeof lv->lang);
	switch (r) {
	case R_BREAK:
		if (!w->survey)
			form_break(w->o);
		return 0;
	case R_IMG:
		enter_img(w, n, lv);
		return 0;
	case R_CONTENT:
		lv->content = 1;
		if (w->survey && !w->main && n->name[0] == 'm')
			w->main = n;
		/* fall through */
	case R_BLOCK: case R_HEADING: case R_LIST: case R_ITEM: case R_PRE:
		if (!w->survey)
			form_end(w->o);
		lv->name = (const char *)n->name;
		lv->line = line_of(n);
		lv->kind = r == R_HEADING ? BLOCK_HEADING : BLOCK_PARAGRAPH;
		break;
	default:
		break;
	}
	if (r == R_PRE)
		lv->pre = 1;
	if (r == R_LIST) {
		lv->list = (n->name[0] | 0x20) == 'o' ? 2 : 1;
		lv->count = html_attr(n, "start", v, sizeof v) ? list_start(v) - 1 : 0;
	}
	if (r == R_ITEM && !w->survey) {
		struct level *list = w->depth ? &w->lv[w->depth - 1] : &w->base;

		if (list->list == 2)
			snprintf(w->prefix, sizeof w->prefix, "%ld.", ++list->count);
		else
			snprintf(w->prefix, sizeof w->prefix, "\xE2\x80\xA2");
	}
	if (w->survey && !w->h1 && strcasecmp((const char *)n->name, "h1") == 0)
		w->h1 = n;
	if (w->survey && strcasecmp((const char *)n->name, "p") == 0) {
		lv->para = w->depth;
		lv->plen = 0;
	}
	if (html_attr(n, "role", v, sizeof v) && strcasecmp(v, "main") == 0 && w->survey &&
	    !w->main)
		w->main = n;
	return 1;
}

/* A paragraph of the survey ends: its text scores the element around it,
 * and half of it the one around that. */
static void
score_para(struct walk *w, xmlNode *n, size_t len)
{
	xmlNode *p = n->parent;
	int k;

	if (len < MIN_PARA)
		return;
	for (k = 0; k < 2 && p && p->type == XML_ELEMENT_NODE; k++, p = p->parent) {
		uintptr_t s = (uintptr_t)p->_private + (k ? len / 2 : len);

		p->_private = (void *)s;
		if (s > w->best_score) {
			w->best_score = s;
			w->best = p;
		}
	}
}

/* Element n, entered and gone through, is left. */
static void
leave_element(struct walk *w, xmlNode *n)
{
	enum role r = role_of(n);

	if (w->survey) {
		if (w->lv[w->depth].para == w->depth)
			score_para(w, n, w->lv[w->depth].plen);
		return;
	}
	if (r == R_LINK && w->o->open) {
		char href[2048];

		if (html_attr(n, "href", href, sizeof href) &&
		    strncasecmp(href, "javascript:", 11) != 0)
			form_href(w->o, href);
	}
	if (r == R_BLOCK || r == R_HEADING || r == R_LIST || r == R_ITEM || r == R_PRE ||
	    r == R_CONTENT)
		form_end(w->o);
	if (r == R_ITEM)
		w->prefix[0] = '\0';
}

/* Node n is reached: whether to go inside it. */
static int
enter(struct walk *w, xmlNode *n)
{
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		enter_text(w, n);
		return 0;
	}
	return n->type == XML_ELEMENT_NODE && enter_element(w, n);
}

/* Go through the tree under top (itself included) in document order, without
 * recursion: each node entered, and each element gone into left after its
 * children. */
static void
walk_tree(struct walk *w, xmlNode *top)
{
	xmlNode *n = top;
	int inside;

	w->depth = 0;
	inside = enter(w, n);
	for (;;) {
		if (inside && n->children && w->depth < MAX_DEPTH) {
			n = n->children;
			w->depth++;
			inside = enter(w, n);
			continue;
		}
		if (inside && n->children)
			w->deep++;
		for (;;) {
			if (inside)
				leave_element(w, n);
			if (n == top)
				return;
			if (n->next) {
				n = n->next;
				inside = enter(w, n);
				break;
			}
			n = n->parent;
			w->depth--;
			inside = 1;
		}
	}
}

/* The language marked on n or the nearest element around it. */
static void
lang_around(const xmlNode *n, char *out, size_t size)
{
	int k;

	out[0] = '\0';
	for (k = 0; n && n->type == XML_ELEMENT_NODE && k < MAX_DEPTH; n = n->parent, k++)
		if (html_attr(n, "lang", out, size) || html_attr(n, "xml:lang", out, size))
			return;
}

/* Whether n lies inside top. */
static int
is_inside(const xmlNode *n, const xmlNode *top)
{
	int k;

	for (k = 0; n && k <= MAX_DEPTH; n = n->parent, k++)
		if (n == top)
			return 1;
	return 0;
}

/* Whether n lies in an article or main element. */
static int
in_content(const xmlNode *n)
{
	int k;

	for (k = 0; n && n->type == XML_ELEMENT_NODE && k < MAX_DEPTH; n = n->parent, k++)
		if (role_of(n) == R_CONTENT)
			return 1;
	return 0;
}

/*
 * The element that holds the briefing: the page's main element; else the
 * element whose paragraphs hold the most text (each paragraph of
 * MIN_PARA bytes or more counts its text for its parent and half of it
 * for the parent's parent), or the article around it; else the whole.
 */
static xmlNode *
find_content(struct walk *w, xmlNode *root)
{
	xmlNode *p;
	int k;

	w->survey = 1;
	w->base.para = -1;
	walk_tree(w, root);
	w->survey = 0;
	if (w->main)
		return w->main;
	if (!w->best)
		return root;
	for (p = w->best, k = 0; p && p->type == XML_ELEMENT_NODE && k < MAX_DEPTH;
	    p = p->parent, k++)
		if (p->name[0] == 'a' && role_of(p) == R_CONTENT)
			return p;
	return w->best;
}

int
html_read(struct form_out *o, const char *s, size_t n, int xml, const char *label,
    struct buf *why)
{
	/* (The levels are written as the walk enters them: only the rest
	 * starts zeroed.) */
	struct walk *w = malloc(sizeof *w);
	xmlDoc *d = NULL;
	xmlNode *root, *content;

	if (!w) {
		buf_printf(why, "%s: out of memory", label);
		return -1;
	}
	memset(w, 0, offsetof(struct walk, lv));
	memset(&w->base, 0, sizeof *w - offsetof(struct walk, base));
	if (n > INT32_MAX) {
		free(w);
		buf_printf(why, "%s: too large for a web page (2 GB at most)", label);
		return -1;
	}
	if (xml) {
		xmlParserCtxt *ctxt = xmlNewParserCtxt();

		d = ctxt ? xmlCtxtReadMemory(ctxt, s, (int)n, NULL, "UTF-8", XML_PARSE_NONET |
		    XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES |
		    XML_PARSE_IGNORE_ENC) : NULL;
		if (!d)
			diag_warn("%s: not well-formed XML; read as HTML", label);
		xmlFreeParserCtxt(ctxt);
	}
	if (!d) {
		htmlParserCtxt *ctxt = htmlNewParserCtxt();

		if (ctxt && ctxt->sax)
			ctxt->sax->startElement = start_element;
		d = ctxt ? htmlCtxtReadMemory(ctxt, s, (int)n, NULL, "UTF-8", HTML_PARSE_NONET |
		    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING) : NULL;
		/* The parser stops at elements nested past its limit. */
		if (d && ctxt->lastError.code == XML_ERR_INTERNAL_ERROR)
			diag_warn("%s: elements nested too deep; the page is read up to them",
			    label);
		htmlFreeParserCtxt(ctxt);
	}
	root = d ? xmlDocGetRootElement(d) : NULL;
	if (!root) {
		xmlFreeDoc(d);
		free(w);
		buf_printf(why, "%s: no web page to read", label);
		return -1;
	}
	w->o = o;
	content = find_content(w, root);
	memset(&w->base, 0, sizeof w->base);
	w->base.name = "p";
	w->base.kind = BLOCK_PARAGRAPH;
	w->base.content = content != root || in_content(content);
	w->base.para = -1;
	lang_around(content->parent, w->base.lang, sizeof w->base.lang);
	w->deep = 0;
	/* A title that stands before the content, outside it (in a page
	 * header), is the briefing's title still. */
	if (w->h1 && !is_inside(w->h1, content) && !is_inside(content, w->h1) &&
	    line_of(w->h1) <= line_of(content)) {
		struct level keep = w->base;

		lang_around(w->h1->parent, w->base.lang, sizeof w->base.lang);
		walk_tree(w, w->h1);
		form_end(o);
		w->base = keep;
	}
	walk_tree(w, content);
	form_end(o);
	if (w->deep)
		diag_warn("%s: elements nested more than %d deep skipped", label, MAX_DEPTH);
	xmlFreeDoc(d);
	free(w);
	return 0;
}
