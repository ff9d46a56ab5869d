/* SPDX-License-Identifier: MIT */
/* The lines of a PDF's pages, as the PDF reader's parts share them:
 * read (pdf-lines.c), laid out (pdf-layout.c), made paragraphs
 * (pdf-para.c). */
#ifndef DIGLOT_PDF_PRIVATE_H
#define DIGLOT_PDF_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "form.h"

/* The top and bottom share of what is printed on the pages where running
 * headers and footers stand; a page's size when pdftotext gives none. */
#define EDGE 0.12
#define PAGE_W 612.0
#define PAGE_H 792.0

struct pline {
	double x0, y0, x1, y1;
	double cl, cr;		/* its column's left and right edges */
	double lead;		/* the width of its first word */
	size_t off, len;	/* its text in layout.text */
	uint32_t page, block;	/* 1-based page; pdftotext's block, counted */
	uint32_t src;		/* its line in pdftotext's text */
	int band;		/* its column on a page of columns, from 0; else -1 */
	unsigned char drop;	/* page furniture */
	unsigned char foot;	/* a footnote's line */
	unsigned char seam;	/* it starts a block, whatever comes before */
};

struct pdf_page {
	double w, h;
	size_t first, n;	/* its lines */
	double top, bottom;	/* the printed extent of the pages of its size */
};

/* A word of the document, folded, for the hyphen decisions. */
struct word {
	size_t off, len;	/* in layout.folded */
};

struct layout {
	struct pline *v;
	size_t n, cap;
	struct pdf_page *pages;
	size_t npages, pcap;
	struct buf text;
	double body;		/* the body's line height */
	double gap;		/* its usual gap between lines */
	int indents;		/* its paragraphs start with an indented line */
	int ragged;		/* its lines end where their words do, not flush */
	double edge_room;	/* justified, the room its lines leave at their right */
	struct buf folded;
	struct word *words;
	size_t nwords, wcap;
};
static inline double
height(const struct pline *l)
{
	return l->y1 - l->y0;
}

/* The read lines laid out (reading order, columns, furniture, footnotes)
 * and given to o as blocks. */
void pdf_lay_out(struct layout *L, struct form_out *o);
/* The kept lines as paragraphs and footnotes, o's blocks. */
void pdf_paragraphs(struct layout *L, struct form_out *o);

#endif
