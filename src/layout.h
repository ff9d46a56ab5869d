/* SPDX-License-Identifier: MIT */
/* Turning rows into display lines for a width: the screen, --dump, print. */
#ifndef DIGLOT_LAYOUT_H
#define DIGLOT_LAYOUT_H

#include <stddef.h>

#include "buf.h"
#include "text.h"

struct doc;

enum layout_mode { LAYOUT_SIDE, LAYOUT_STACKED, LAYOUT_SINGLE };

struct layout_opts {
	int width;		/* total columns */
	int mode;		/* enum layout_mode */
	int split;		/* left column's share of the width, percent */
	int gutter;		/* columns between the two */
	int wrap;		/* cap on a column's text width, 0 = none */
	int side[2];		/* language slots shown left and right, -1 none */
	int rule_headings;	/* a rule under each heading (print) */
};

/* Where the columns go: x and width of each side (width 0: not shown). */
struct layout_geom {
	int x[2], w[2];
};

/* What a display line of a side is: the text of a paragraph, of a
 * heading, or a mark of the layout's own (a language tag, a rule, the
 * gap marker), drawn dim. */
enum line_style { LINE_TEXT, LINE_HEADING, LINE_MARK };

/* One row laid out: each side's text and its wrapped lines (each with its
 * style), and where they go. */
struct row_view {
	struct buf text[2];
	struct text_lines lines[2];
	int height;		/* display lines the row takes */
	int paired;		/* side by side: display line k holds line k of each */
	int x[2];		/* the column each side's lines start at */
	int gap[2];		/* the side has no text of its own: its text says so */
	unsigned char *style[2];	/* per line: enum line_style */
	size_t stylecap[2];
};

/* A piece of a display line: side's line number line drawn at column x. */
struct layout_seg {
	int side, line, x;
};

/* Compute the columns for o. */
void layout_geom(const struct layout_opts *o, struct layout_geom *g);

/* Lay out row r of doc (reusing rv's buffers).  Where both sides are
 * shown and one has no block in the row, that side reads "— no NAME
 * text —", NAME the language's name (lang_name).  Stacked with both
 * sides shown, each side starts with a tag: its language's code and a
 * rule. */
void layout_row(const struct doc *doc, size_t r, const struct layout_opts *o,
    struct row_view *rv);

/* Whether row r of doc has text in one of the language slots side[0],
 * side[1] (both shown, neither -1) and none in the other, or pairs an
 * untranslated copy with its original (copy.h): a gap in the
 * translation. */
int layout_gap(const struct doc *doc, size_t r, const int side[2]);

/* The segments of display line k of a laid-out row (at most two);
 * returns how many. */
int layout_line(const struct row_view *rv, int k, struct layout_seg seg[2]);

/* Display line k of a laid-out row as plain text, padded to its columns
 * (trailing blanks trimmed). */
void layout_text(const struct row_view *rv, int k, struct buf *out);

void row_view_free(struct row_view *rv);

#endif
