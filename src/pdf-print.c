/* SPDX-License-Identifier: MIT */
/* Printing as typeset PDF: Pango sets the chosen rows in columns on
 * Cairo's PDF surface. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "doc.h"
#include "lang.h"
#include "pdf-print.h"
#include "print.h"
#include "xalloc.h"

/* The papers of [print] paper, in the table's order, in points. */
static const struct { double w, h; } paper_pt[] = {
	{ 595.276, 841.890 },	/* a4 */
	{ 612, 792 },		/* letter */
};

/* Type sizes relative to the body font, and the space between columns. */
#define HEADING_SCALE 1.2
#define HEADER_SCALE 0.85
#define FOOT_SCALE 0.8
#define GUTTER_PT 18.0

/* A block set by Pango for one column: each line's place in it. */
struct piece {
	PangoLayout *layout;
	int nlines;
	double *top, *height, *base, *x;	/* per line, in points */
};

/* One line of a column: a piece's line and the space above it. */
struct cline {
	struct piece *p;
	int line;
	double gap;		/* space above, unless it starts a page */
	unsigned char first, last, heading;
};

/* A column of a row, or of the whole of one language. */
struct column {
	struct cline *l;
	int n, cap;
};

/* A line put on a page. */
struct placed {
	int page;
	double x, y;		/* the line's top left */
	const struct piece *p;
	int line;
};

struct pdf {
	const struct doc *doc;
	const struct print_opts *o;
	PangoContext *ctx;
	PangoFontDescription *body, *heading, *small, *bold_small;
	double line;		/* a body line's height */
	double page_w, page_h, margin;
	double colw[2], colx[2];
	int ncols;
	double body_top, body_h;
	struct piece **pieces;
	size_t npieces, cappieces;
	struct placed *placed;
	size_t nplaced, capplaced;
	int page;		/* the page being filled, from 0 */
	double y;		/* how much of it is filled */
};

/* Set text in a layout width wide: font, language, alignment. */
static PangoLayout *
set_text(struct pdf *d, const char *text, size_t n, const PangoFontDescription *font,
    int lang, double width, int justify)
{
	PangoLayout *l = pango_layout_new(d->ctx);

	pango_layout_set_font_description(l, font);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_justify(l, justify);
	if (lang >= 0) {
		PangoAttrList *attrs = pango_attr_list_new();

		pango_attr_list_insert(attrs,
		    pango_attr_language_new(pango_language_from_string(lang_code(lang))));
		pango_layout_set_attributes(l, attrs);
		pango_attr_list_unref(attrs);
	}
	pango_layout_set_text(l, text, (int)n);
	return l;
}

/* A piece for block b in a column width wide, its lines measured. */
static struct piece *
piece_new(struct pdf *d, size_t b, double width)
{
	const struct block *bl = &d->doc->blocks[b];
	struct piece *p = xcalloc(1, sizeof *p);
	struct buf text = {0};
	PangoLayoutIter *it;
	int i = 0;

	doc_block_text(d->doc, b, &text);
	p->layout = set_text(d, text.s ? text.s : "", text.len,
	    bl->kind == BLOCK_HEADING ? d->heading : bl->kind == BLOCK_HEADER ? d->small : d->body,
	    bl->lang, width, d->o->justify && bl->kind == BLOCK_PARAGRAPH);
	buf_free(&text);
	p->nlines = pango_layout_get_line_count(p->layout);
	p->top = xcalloc(p->nlines + 1, sizeof *p->top);
	p->height = xcalloc(p->nlines + 1, sizeof *p->height);
	p->base = xcalloc(p->nlines + 1, sizeof *p->base);
	p->x = xcalloc(p->nlines + 1, sizeof *p->x);
	it = pango_layout_get_iter(p->layout);
	do {
		PangoRectangle logical;

		pango_layout_iter_get_line_extents(it, NULL, &logical);
		p->top[i] = (double)logical.y / PANGO_SCALE;
		p->height[i] = (double)logical.height / PANGO_SCALE;
		p->x[i] = (double)logical.x / PANGO_SCALE;
		p->base[i] = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE - p->top[i];
		i++;
	} while (i < p->nlines && pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	d->pieces = xgrow(d->pieces, &d->cappieces, d->npieces + 1, sizeof *d->pieces);
	d->pieces[d->npieces++] = p;
	return p;
}

static void
piece_free(struct piece *p)
{
	g_object_unref(p->layout);
	free(p->top);
	free(p->height);
	free(p->base);
	free(p->x);
	free(p);
}

/* Add the blocks of row r in language slot side to column c. */
static void
column_add(struct pdf *d, struct column *c, size_t r, int side, double width)
{
	size_t nb, k;
	const uint32_t *ids;
	int i;

	if (side < 0)
		return;
	ids = doc_row_blocks(d->doc, r, side, &nb);
	for (k = 0; k < nb; k++) {
		struct piece *p = piece_new(d, ids[k], width);
		int heading = d->doc->blocks[ids[k]].kind == BLOCK_HEADING;

		for (i = 0; i < p->nlines; i++) {
			struct cline *l;
			size_t cap = (size_t)c->cap;

			c->l = xgrow(c->l, &cap, (size_t)c->n + 1, sizeof *c->l);
			c->cap = (int)cap;
			l = &c->l[c->n++];
			l->p = p;
			l->line = i;
			l->gap = i == 0 && c->n > 1 ? d->line * 0.45 : 0;
			l->first = i == 0;
			l->last = i == p->nlines - 1;
			l->heading = heading;
		}
	}
}

/* How many of c's lines from pos fit in avail points. */
static int
fit(const struct column *c, int pos, double avail, double *used)
{
	double u = 0;
	int k;

	for (k = 0; pos + k < c->n; k++) {
		const struct cline *l = &c->l[pos + k];
		double need = (k ? l->gap : 0) + l->p->height[l->line];

		if (u + need > avail + 0.01)
			break;
		u += need;
	}
	*used = u;
	return k;
}

/* The k lines of c from pos that fit, less those the rules keep for the
 * next page: no last line of a paragraph alone at the top of a page, no
 * first line alone at the foot, no heading at the foot. */
static int
keep_rules(const struct column *c, int pos, int k)
{
	int j = pos + k;

	if (j >= c->n)
		return k;
	if (k > 0 && c->l[j].last && !c->l[j].first)
		k--;
	j = pos + k;
	if (k > 0 && c->l[j - 1].first && !c->l[j - 1].last)
		k--;
	while (k > 0 && c->l[pos + k - 1].heading)
		k--;
	return k;
}

/* The height of c's lines pos..pos+k as set together. */
static double
lines_height(const struct column *c, int pos, int k)
{
	double used = 0;
	int i;

	for (i = 0; i < k && pos + i < c->n; i++)
		used += (i ? c->l[pos + i].gap : 0) + c->l[pos + i].p->height[c->l[pos + i].line];
	return used;
}

static void
place(struct pdf *d, double x, double y, const struct cline *c)
{
	struct placed *p;

	d->placed = xgrow(d->placed, &d->capplaced, d->nplaced + 1, sizeof *d->placed);
	p = &d->placed[d->nplaced++];
	p->page = d->page;
	p->x = x;
	p->y = y;
	p->p = c->p;
	p->line = c->line;
}

static void
new_page(struct pdf *d)
{
	d->page++;
	d->y = 0;
}

/*
 * Put a row's columns on the pages, level: each starts at the same
 * height (first baselines aligned); what does not fit continues at the
 * top of the next page in every column.  need_after is room the row
 * must leave below it (a heading keeps the next row's first lines).
 */
static void
paginate_row(struct pdf *d, struct column *col, double need_after)
{
	int pos[2] = { 0, 0 }, k[2], c, started = 0;

	for (;;) {
		double used[2] = { 0, 0 }, shift[2] = { 0, 0 }, maxb = 0, gap, avail;
		int left = 0, placed = 0;

		for (c = 0; c < d->ncols; c++)
			if (pos[c] < col[c].n) {
				const struct cline *l = &col[c].l[pos[c]];
				double b = l->p->base[l->line];

				maxb = b > maxb ? b : maxb;
			}
		for (c = 0; c < d->ncols; c++)
			if (pos[c] < col[c].n)
				shift[c] = maxb - col[c].l[pos[c]].p->base[col[c].l[pos[c]].line];
		gap = d->y > 0 && !started ? d->line * 0.8 : 0;
		for (c = 0; c < d->ncols; c++) {
			int all;

			avail = d->body_h - d->y - gap - shift[c];
			k[c] = fit(&col[c], pos[c], avail, &used[c]);
			all = pos[c] + k[c] >= col[c].n;
			if (!all)
				k[c] = keep_rules(&col[c], pos[c], k[c]);
			else if (used[c] + shift[c] + need_after > d->body_h - d->y - gap && d->y > 0)
				k[c] = 0;	/* a heading left alone at the foot */
			used[c] = lines_height(&col[c], pos[c], k[c]);
			left += pos[c] < col[c].n;
			placed += k[c] > 0;
		}
		if (!left)
			return;
		/* A row starts level: every column, or none, on this page. */
		for (c = 0; c < d->ncols && !started && d->y > 0; c++)
			if (pos[c] < col[c].n && k[c] == 0)
				placed = 0;
		if (!placed && d->y > 0) {
			new_page(d);
			continue;
		}
		if (!placed)	/* at the top already: no rule can be kept */
			for (c = 0; c < d->ncols; c++)
				if (pos[c] < col[c].n)
					k[c] = 1;
		started = 1;
		for (c = 0; c < d->ncols; c++) {
			double y = d->y + gap + shift[c];
			int i;

			for (i = 0; i < k[c]; i++) {
				const struct cline *l = &col[c].l[pos[c] + i];

				y += i ? l->gap : 0;
				place(d, d->colx[c], y, l);
				y += l->p->height[l->line];
			}
			used[c] = y - d->y;
			pos[c] += k[c];
		}
		d->y += used[0] > used[1] ? used[0] : used[1];
		for (c = 0; c < d->ncols; c++)
			if (pos[c] < col[c].n) {
				new_page(d);
				break;
			}
	}
}

/* Lay out rows[0..n): side by side in two columns, interleaved (each row
 * one language under the other), sequential (one language, then the
 * other from a new page) or one language alone. */
static void
paginate(struct pdf *d, const size_t *rows, size_t n)
{
	struct column col[2];
	const struct print_opts *o = d->o;
	int two = o->side[1] >= 0, pass, c;
	int seq = two && o->layout == PRINT_SEQUENTIAL;
	size_t i;

	memset(col, 0, sizeof col);
	for (pass = 0; pass < (seq ? 2 : 1); pass++) {
		if (pass && (d->y > 0 || d->nplaced))
			new_page(d);
		for (i = 0; i < n; i++) {
			int heading_end = 1, any = 0;

			col[0].n = col[1].n = 0;
			if (d->ncols == 2) {
				column_add(d, &col[0], rows[i], o->side[0], d->colw[0]);
				column_add(d, &col[1], rows[i], o->side[1], d->colw[1]);
			} else if (seq) {
				column_add(d, &col[0], rows[i], o->side[pass], d->colw[0]);
			} else {
				column_add(d, &col[0], rows[i], o->side[0], d->colw[0]);
				if (two)
					column_add(d, &col[0], rows[i], o->side[1], d->colw[0]);
			}
			for (c = 0; c < d->ncols; c++)
				if (col[c].n) {
					any = 1;
					heading_end &= col[c].l[col[c].n - 1].heading;
				}
			if (any)
				paginate_row(d, col, heading_end ? d->line * 2.8 : 0);
		}
	}
	free(col[0].l);
	free(col[1].l);
}

/* A one-line layout for the header or footer, cut with an ellipsis. */
static PangoLayout *
one_line(struct pdf *d, const char *text, const PangoFontDescription *font, int lang,
    double width)
{
	PangoLayout *l = set_text(d, text, strlen(text), font, lang, width, 0);

	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	pango_layout_set_single_paragraph_mode(l, TRUE);
	return l;
}

static double
layout_height(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

/* The page header: per column, the organisation (the first header block)
 * and the title of its language, each on a line level across the
 * columns; under them what is printed. */
struct header {
	PangoLayout *l[2][2];	/* [column][organisation, title]; NULL: none */
	double h[2];		/* the height of each line */
	PangoLayout *section[2];	/* what is printed, per column */
	double total;
};

/* Add the first block of its kind to a header line of column col (in one
 * column, the second language's after the first's, set off by " / "). */
static void
header_add(struct pdf *d, struct buf *line, int *lang, int side, int slot)
{
	struct buf t = {0};

	print_first_block(d->doc, side, slot ? BLOCK_HEADING : BLOCK_HEADER, &t);
	if (t.len) {
		if (line->len)
			buf_adds(line, " / ");
		else
			*lang = d->doc->langs[side];
		buf_add(line, t.s, t.len);
	}
	buf_free(&t);
}

static void
header_make(struct pdf *d, struct header *hd)
{
	const struct print_opts *o = d->o;
	int c, i, k;

	memset(hd, 0, sizeof *hd);
	if (!o->header)
		return;
	for (c = 0; c < d->ncols; c++)
		for (k = 0; k < 2; k++) {
			struct buf line = {0};
			int lang = -1;

			for (i = 0; i < 2; i++) {
				int side = o->side[i];

				if (side >= 0 && side < d->doc->nlangs && (d->ncols == 1 || i == c))
					header_add(d, &line, &lang, side, k);
			}
			if (line.len)
				hd->l[c][k] = one_line(d, line.s, k ? d->bold_small : d->small, lang,
				    d->colw[c]);
			buf_free(&line);
		}
	for (c = 0; c < d->ncols; c++)
		for (i = 0; i < 2; i++)
			if (hd->l[c][i] && layout_height(hd->l[c][i]) > hd->h[i])
				hd->h[i] = layout_height(hd->l[c][i]);
	hd->total = hd->h[0] + hd->h[1];
	/* Side by side, each column says it in its language. */
	for (c = 0; c < d->ncols && o->section && *o->section; c++) {
		struct buf t = {0};
		int side = o->side[c];

		print_section(d->doc, o, side, &t);
		hd->section[c] = one_line(d, t.s ? t.s : "", d->small,
		    side >= 0 && side < d->doc->nlangs ? d->doc->langs[side] : -1, d->colw[c]);
		buf_free(&t);
	}
	if (hd->section[0])
		hd->total += 2 + layout_height(hd->section[0]);
	hd->total += 4;
}

static void
header_free(struct header *hd)
{
	int c, i;

	for (c = 0; c < 2; c++)
		for (i = 0; i < 2; i++)
			if (hd->l[c][i])
				g_object_unref(hd->l[c][i]);
	for (c = 0; c < 2; c++)
		if (hd->section[c])
			g_object_unref(hd->section[c]);
}

static void
header_draw(struct pdf *d, const struct header *hd, cairo_t *cr)
{
	double bottom = d->margin + hd->total;
	int c, i;

	if (!d->o->header)
		return;
	for (c = 0; c < d->ncols; c++)
		for (i = 0; i < 2; i++)
			if (hd->l[c][i]) {
				cairo_move_to(cr, d->colx[c], d->margin + (i ? hd->h[0] : 0));
				pango_cairo_show_layout(cr, hd->l[c][i]);
			}
	for (c = 0; c < d->ncols; c++)
		if (hd->section[c]) {
			cairo_move_to(cr, d->colx[c], bottom - 4 - layout_height(hd->section[0]));
			pango_cairo_show_layout(cr, hd->section[c]);
		}
	cairo_set_line_width(cr, 0.5);
	cairo_move_to(cr, d->margin, bottom);
	cairo_line_to(cr, d->page_w - d->margin, bottom);
	cairo_stroke(cr);
}

/* "Page N of M", centred in the bottom margin's band. */
static void
footer_draw(struct pdf *d, cairo_t *cr, int page, int pages)
{
	char text[64];
	PangoLayout *l;
	int w, h;

	if (!d->o->header)
		return;
	snprintf(text, sizeof text, "Page %d of %d", page, pages);
	l = one_line(d, text, d->small, -1, d->page_w - 2 * d->margin);
	pango_layout_get_size(l, &w, &h);
	cairo_move_to(cr, (d->page_w - (double)w / PANGO_SCALE) / 2,
	    d->page_h - d->margin - (double)h / PANGO_SCALE);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
}

/* Whether one family of the comma-separated list families is installed
 * (or is a generic name fontconfig always answers). */
static int
font_installed(PangoContext *ctx, const char *families)
{
	static const char *const generic[] = { "serif", "sans", "sans-serif", "monospace",
		"cursive", "fantasy", "system-ui" };
	PangoFontFamily **fams;
	int nfams, found = 0, i;
	size_t k;
	char *list = xstrdup(families), *save = NULL, *f;

	pango_font_map_list_families(pango_context_get_font_map(ctx), &fams, &nfams);
	for (f = strtok_r(list, ",", &save); f && !found; f = strtok_r(NULL, ",", &save)) {
		size_t n;

		f += strspn(f, " ");
		n = strlen(f);
		while (n && f[n - 1] == ' ')
			f[--n] = '\0';
		for (k = 0; k < sizeof generic / sizeof generic[0] && !found; k++)
			found = strcasecmp(f, generic[k]) == 0;
		for (i = 0; i < nfams && !found; i++)
			found = strcasecmp(f, pango_font_family_get_name(fams[i])) == 0;
	}
	g_free(fams);
	free(list);
	return found;
}

/* The fonts of [print] font: body, headings, header and footer; -1 with
 * why when the font is not there or its size is no size for print. */
static int
fonts_make(struct pdf *d, struct buf *why)
{
	const char *spec = d->o->font && *d->o->font ? d->o->font : "serif 10";
	PangoFontDescription *f = pango_font_description_from_string(spec);
	const char *family = pango_font_description_get_family(f);
	double size = (double)pango_font_description_get_size(f) / PANGO_SCALE;
	PangoLayout *probe;

	if (!family || !font_installed(d->ctx, family)) {
		buf_printf(why, "[print] font: no font '%s' is installed (fc-list : family "
		    "lists the families there are)", family ? family : spec);
		pango_font_description_free(f);
		return -1;
	}
	if (size == 0)
		size = 10;
	if (size < 4 || size > 72) {
		buf_printf(why, "[print] font: %g points is no size for print (allowed: 4"
		    "\xe2\x80\x93" "72)", size);
		pango_font_description_free(f);
		return -1;
	}
	pango_font_description_set_size(f, (int)(size * PANGO_SCALE));
	d->body = f;
	d->heading = pango_font_description_copy(f);
	pango_font_description_set_weight(d->heading, PANGO_WEIGHT_BOLD);
	pango_font_description_set_size(d->heading, (int)(size * HEADING_SCALE * PANGO_SCALE));
	d->small = pango_font_description_copy(f);
	pango_font_description_set_size(d->small, (int)(size * HEADER_SCALE * PANGO_SCALE));
	d->bold_small = pango_font_description_copy(d->small);
	pango_font_description_set_weight(d->bold_small, PANGO_WEIGHT_BOLD);
	probe = set_text(d, "Ag", 2, d->body, -1, 1000, 0);
	d->line = layout_height(probe);
	g_object_unref(probe);
	return 0;
}

/* The page's frame: columns, body, from the paper, margins and header;
 * -1 with why when no line of text fits. */
static int
frame_make(struct pdf *d, struct header *hd, struct buf *why)
{
	const struct print_opts *o = d->o;
	double inner;

	d->page_w = paper_pt[o->paper].w;
	d->page_h = paper_pt[o->paper].h;
	d->margin = o->margin;
	d->ncols = o->side[1] >= 0 && o->layout == PRINT_SIDE ? 2 : 1;
	inner = d->page_w - 2 * d->margin;
	d->colw[0] = d->colw[1] = d->ncols == 2 ? (inner - GUTTER_PT) / 2 : inner;
	d->colx[0] = d->margin;
	d->colx[1] = d->margin + d->colw[0] + GUTTER_PT;
	if (d->colw[0] >= d->line * 4) {
		header_make(d, hd);
		d->body_top = d->margin + (o->header ? hd->total + d->line * 0.8 : 0);
		d->body_h = d->page_h - d->margin - d->body_top -
		    (o->header ? d->line * (FOOT_SCALE + 0.8) : 0);
	}
	if (d->colw[0] < d->line * 4 || d->body_h < d->line * HEADING_SCALE * 2) {
		buf_printf(why, "[print] margin: %.0fmm leaves no room for a line of text on "
		    "%.0f \xc3\x97 %.0f mm paper in [print] font = %s", o->margin * 25.4 / 72,
		    d->page_w * 25.4 / 72, d->page_h * 25.4 / 72, o->font);
		return -1;
	}
	return 0;
}

static cairo_status_t
write_out(void *closure, const unsigned char *data, unsigned int len)
{
	buf_add(closure, (const char *)data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* Draw the placed lines, page by page, each with its header and footer. */
static void
draw(struct pdf *d, const struct header *hd, cairo_t *cr)
{
	int pages = d->page + 1, page;
	size_t i = 0;

	for (page = 0; page < pages; page++) {
		cairo_set_source_rgb(cr, 0, 0, 0);
		header_draw(d, hd, cr);
		footer_draw(d, cr, page + 1, pages);
		for (; i < d->nplaced && d->placed[i].page == page; i++) {
			const struct placed *p = &d->placed[i];

			cairo_move_to(cr, p->x + p->p->x[p->line],
			    d->body_top + p->y + p->p->base[p->line]);
			pango_cairo_show_layout_line(cr,
			    pango_layout_get_line_readonly(p->p->layout, p->line));
		}
		cairo_show_page(cr);
	}
}

int
pdf_render(const struct doc *doc, const size_t *rows, size_t n, const struct print_opts *o,
    struct buf *out, struct buf *why)
{
	struct pdf d;
	struct header hd;
	struct buf title = {0}, pdf = {0};
	cairo_surface_t *surface;
	cairo_font_options_t *fo;
	cairo_t *cr;
	int pages = -1;
	size_t i;

	memset(&d, 0, sizeof d);
	memset(&hd, 0, sizeof hd);
	d.doc = doc;
	d.o = o;
	surface = cairo_pdf_surface_create_for_stream(write_out, &pdf,
	    paper_pt[o->paper].w, paper_pt[o->paper].h);
	cr = cairo_create(surface);
	d.ctx = pango_cairo_create_context(cr);
	pango_cairo_context_set_resolution(d.ctx, 72);
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(d.ctx, fo);
	cairo_font_options_destroy(fo);
	if (fonts_make(&d, why) == 0 && frame_make(&d, &hd, why) == 0) {
		print_first_block(doc, o->side[0], BLOCK_HEADING, &title);
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
		    title.s ? title.s : "diglot");
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR,
		    PACKAGE_NAME " " PACKAGE_VERSION);
		paginate(&d, rows, n);
		draw(&d, &hd, cr);
		pages = d.page + 1;
	}
	cairo_destroy(cr);
	cairo_surface_finish(surface);
	if (pages > 0 && cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
		buf_printf(why, "PDF: %s", cairo_status_to_string(cairo_surface_status(surface)));
		pages = -1;
	}
	cairo_surface_destroy(surface);
	if (pages > 0)
		buf_add(out, pdf.s ? pdf.s : "", pdf.len);
	header_free(&hd);
	for (i = 0; i < d.npieces; i++)
		piece_free(d.pieces[i]);
	free(d.pieces);
	free(d.placed);
	if (d.body) {
		pango_font_description_free(d.body);
		pango_font_description_free(d.heading);
		pango_font_description_free(d.small);
		pango_font_description_free(d.bold_small);
	}
	g_object_unref(d.ctx);
	/* The fonts Pango loaded are dropped with its font map (a new one is
	 * made for the next printout). */
	pango_cairo_font_map_set_default(NULL);
	buf_free(&title);
	buf_free(&pdf);
	return pages;
}
