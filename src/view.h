/* SPDX-License-Identifier: MIT */
/* What the viewer shows: scroll position, current row, cached layout. */
#ifndef DIGLOT_VIEW_H
#define DIGLOT_VIEW_H

#include <stddef.h>

#include "layout.h"

struct doc;

enum { VIEW_CACHE = 128 };

/*
 * The view scrolls through rows, not lines: its anchor is (top, top_line),
 * a row and a line within it, so a change of width, languages or layout
 * keeps the reader's place.  Each row is followed by one blank line.
 */
struct view {
	const struct doc *doc;
	struct layout_opts lo;
	int lines;		/* screen lines for text */
	size_t top;		/* index (in the shown rows) of the top row */
	int top_line;		/* its first line on screen */
	size_t cur;		/* index of the current row */
	size_t *shown;		/* rows shown (a filter), or NULL for all */
	size_t nshown;
	int *height;		/* per shown row: lines incl. the gap, or -1 */
	struct row_view cache[VIEW_CACHE];
	size_t cache_row[VIEW_CACHE];
};

void view_init(struct view *v, const struct doc *doc, const struct layout_opts *lo,
    int lines);
void view_free(struct view *v);

/* Change the layout or the screen height, keeping the place. */
void view_set_layout(struct view *v, const struct layout_opts *lo, int lines);

/* Show only rows[0..n) (sorted doc rows; copied), or all with rows NULL. */
void view_filter(struct view *v, const size_t *rows, size_t n);

/* The document row of shown index i. */
size_t view_row(const struct view *v, size_t i);
/* The shown index of document row r, or the nearest shown one after it. */
size_t view_index(const struct view *v, size_t r);

/* The laid-out row at shown index i (cached; valid until the next call
 * that lays out VIEW_CACHE other rows). */
const struct row_view *view_layout(struct view *v, size_t i);
/* Lines that shown row i takes, its gap line included. */
int view_height(struct view *v, size_t i);

/* Scroll by n lines (negative: up), stopping at either end. */
void view_scroll(struct view *v, long n);
/* Make shown row i current and bring it into view (at the top when it
 * was off screen). */
void view_goto(struct view *v, size_t i);
/* Make shown row i current and put it at the top of the screen. */
void view_goto_top(struct view *v, size_t i);
/* Scroll to the end: the last row's last line at the bottom. */
void view_end(struct view *v);

/* The row and line shown on screen line y; returns 0 past the end. */
int view_at(struct view *v, int y, size_t *i, int *line);

/* Whether shown row i has a line on screen. */
int view_visible(struct view *v, size_t i);

#endif
