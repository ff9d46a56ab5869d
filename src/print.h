/* SPDX-License-Identifier: MIT */
/* Printing: rows laid out on paginated text pages, sent to a printer
 * command or written to a file. */
#ifndef DIGLOT_PRINT_H
#define DIGLOT_PRINT_H

#include <stddef.h>

#include "buf.h"

struct doc;
struct settings;

enum print_layout { PRINT_SIDE, PRINT_SEQUENTIAL, PRINT_INTERLEAVED };

struct print_opts {
	int width, lines;	/* columns and lines per page */
	int layout;		/* enum print_layout */
	int side[2];		/* language slots printed; side[1] = -1: one */
	int header;		/* a header line on each page */
	const char *section;	/* what is printed (a pillar, "Marked paragraphs") */
};

/* Options from [print] (paper, width, lines, header) and layout (NULL:
 * [print] layout); -1 when the layout is not one of the three. */
int print_defaults(const struct settings *cfg, const char *layout, struct print_opts *po);

/* Send the pages to output (a file, "-") or, when NULL, to the [print]
 * command; -1 with the reason in why. */
int print_output(const struct settings *cfg, const struct doc *doc,
    const struct print_opts *po, const char *text, size_t n, const char *output,
    struct buf *why);

/* The paper's default columns and lines ("a4", "letter"). */
void print_paper(const char *paper, int *width, int *lines);

/* The briefing's title: its first heading in language slot side. */
void print_title(const struct doc *doc, int side, struct buf *out);

/* Lay out rows[0..n) of doc as pages (form feeds between them) into out;
 * returns the number of pages. */
int print_render(const struct doc *doc, const size_t *rows, size_t n,
    const struct print_opts *o, struct buf *out);

/*
 * Send pages to the printer command (split like a shell would, run
 * without one): lp gets -t TITLE and lpr -J TITLE, both -o media=PAPER.
 * Returns -1 with the reason in why.
 */
int print_send(const char *command, const char *title, const char *paper,
    const char *text, size_t n, struct buf *why);

/* Write text to path in full or not at all ("-": standard output). */
int print_write(const char *path, const char *text, size_t n, struct buf *why);

#endif
