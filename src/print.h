/* SPDX-License-Identifier: MIT */
/* Printing: rows laid out on paginated text pages, sent to a printer
 * command or written to a file. */
#ifndef DIGLOT_PRINT_H
#define DIGLOT_PRINT_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

struct doc;
struct pillars;
struct settings;

enum print_layout { PRINT_SIDE, PRINT_SEQUENTIAL, PRINT_INTERLEAVED };
/* The order of [print] format. */
enum print_format { PRINT_PDF, PRINT_TEXT };

struct print_opts {
	int width, lines;	/* columns and lines per page */
	int layout;		/* enum print_layout */
	int side[2];		/* language slots printed; side[1] = -1: one */
	int header;		/* a header line on each page */
	const char *section;	/* what is printed (a pillar, "Marked paragraphs") */
	int format;		/* enum print_format */
	int paper;		/* the index of [print] paper */
	double margin;		/* PDF: the margins, in points */
	const char *font;	/* PDF: a Pango font description */
	int justify;		/* PDF: justified paragraphs */
	int timeout;		/* seconds the printer command may take */
	/* What was picked, for the section in each language (print_section). */
	struct pillars *pillars;
	uint32_t want;
	int marked, ranged;
	size_t first, last;
};

/* Options from [print]: paper, width, lines, layout, header, format (pdf
 * only when built in, or asked for), margin, font, align, timeout. */
void print_defaults(const struct settings *cfg, struct print_opts *po);

/*
 * What is printed, as `diglot print` or the viewer's print dialog chose
 * it: the rows from first up to last that pass every filter given, in
 * the languages of side.
 */
struct print_pick {
	size_t first, last;		/* a range of rows */
	int ranged;			/* the header names the range */
	struct pillars *pillars;	/* the pillars of want */
	uint32_t want;			/* rows of one of these pillars; 0: any */
	const unsigned char *marked;	/* per row: chosen; NULL: any */
	const size_t *only;		/* among these sorted rows; NULL: any */
	size_t nonly;
	int side[2];			/* language slots; side[1] = -1: one */
	int layout;			/* enum print_layout; -1: [print] layout */
	int width, lines;		/* 0: from [print] */
	int format;			/* enum print_format; -1: [print] format */
};

/* The rows of a pick into rows (room for doc->nrows) and the options to
 * print them with into po, whose section (what the header says is
 * printed) is kept in section; returns the number of rows. */
size_t print_select(const struct settings *cfg, const struct doc *doc,
    const struct print_pick *pk, size_t *rows, struct print_opts *po, struct buf *section);

/* Send the pages to output (a file, "-") or, when NULL, to the [print]
 * command; -1 with the reason in why. */
int print_output(const struct settings *cfg, const struct doc *doc,
    const struct print_opts *po, const char *text, size_t n, const char *output,
    struct buf *why);

/* Lay out rows[0..n) of doc as pages (form feeds between them) into out;
 * returns the number of pages. */
int print_render(const struct doc *doc, const size_t *rows, size_t n,
    const struct print_opts *o, struct buf *out);

/* The pages of rows[0..n) in the format of o into out (text or PDF);
 * returns the number of pages, or -1 with the reason in why. */
int print_make(const struct doc *doc, const size_t *rows, size_t n,
    const struct print_opts *o, struct buf *out, struct buf *why);

/* What is printed (the pillars' titles, "Marked paragraphs", the range)
 * in the language of slot side, into out. */
void print_section(const struct doc *doc, const struct print_opts *po, int side,
    struct buf *out);

/* The format a file's name asks for: .pdf PDF, .txt and "-" (standard
 * output) text; -1 for any other. */
int print_format_of(const char *path);

/* The text of the first block of kind (enum block_kind) in language slot
 * side (any language when side is -1) into out: the title, for headings. */
void print_first_block(const struct doc *doc, int side, int kind, struct buf *out);

#endif
