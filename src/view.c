/* SPDX-License-Identifier: MIT */
/* What the viewer shows: scroll position, current row, cached layout. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "view.h"
#include "xalloc.h"

static void
forget_layout(struct view *v)
{
	size_t i;

	for (i = 0; i < VIEW_CACHE; i++)
		v->cache_row[i] = SIZE_MAX;
	for (i = 0; i < v->nshown; i++)
		v->height[i] = -1;
}

void
view_init(struct view *v, const struct doc *doc, const struct layout_opts *lo,
    int lines)
{
	memset(v, 0, sizeof *v);
	v->doc = doc;
	v->lo = *lo;
	v->lines = lines > 0 ? lines : 1;
	v->nshown = doc->nrows;
	v->height = xmalloc(sizeof *v->height * (v->nshown + 1));
	forget_layout(v);
}

void
view_free(struct view *v)
{
	size_t i;

	for (i = 0; i < VIEW_CACHE; i++)
		row_view_free(&v->cache[i]);
	free(v->shown);
	free(v->height);
	memset(v, 0, sizeof *v);
}

size_t
view_row(const struct view *v, size_t i)
{
	return v->shown ? v->shown[i] : i;
}

size_t
view_index(const struct view *v, size_t r)
{
	size_t lo = v->shown ? 0 : r, hi = v->nshown;

	while (v->shown && lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v->shown[mid] < r)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < v->nshown ? lo : (v->nshown ? v->nshown - 1 : 0);
}

const struct row_view *
view_layout(struct view *v, size_t i)
{
	size_t slot = i % VIEW_CACHE;

	if (v->cache_row[slot] != i) {
		layout_row(v->doc, view_row(v, i), &v->lo, &v->cache[slot]);
		v->cache_row[slot] = i;
	}
	return &v->cache[slot];
}

int
view_height(struct view *v, size_t i)
{
	if (v->height[i] < 0)
		v->height[i] = view_layout(v, i)->height + 1;
	return v->height[i];
}

/* The furthest anchor: from it to the end there is one screenful. */
static void
max_anchor(struct view *v, size_t *top, int *line)
{
	long need = v->lines;
	size_t i = v->nshown;

	*top = 0;
	*line = 0;
	while (i > 0) {
		int h = view_height(v, --i);

		if (h >= need) {
			*top = i;
			*line = h - need;
			return;
		}
		need -= h;
	}
}

static void
clamp(struct view *v)
{
	size_t mtop;
	int mline;

	if (v->nshown == 0) {
		v->top = v->cur = 0;
		v->top_line = 0;
		return;
	}
	if (v->top >= v->nshown) {
		v->top = v->nshown - 1;
		v->top_line = 0;
	}
	if (v->top_line >= view_height(v, v->top))
		v->top_line = view_height(v, v->top) - 1;
	max_anchor(v, &mtop, &mline);
	if (v->top > mtop || (v->top == mtop && v->top_line > mline)) {
		v->top = mtop;
		v->top_line = mline;
	}
	if (v->cur >= v->nshown)
		v->cur = v->nshown - 1;
}

/* Lines from the top of the screen to the first line of shown row i
 * (negative when it starts above), counting no further than the screen. */
static long
offset_of(struct view *v, size_t i)
{
	long off = -v->top_line;
	size_t k;

	if (i < v->top) {
		for (k = i; k < v->top && off > -v->lines; k++)
			off -= view_height(v, k);
		return off;
	}
	for (k = v->top; k < i && off < v->lines; k++)
		off += view_height(v, k);
	return off;
}

int
view_visible(struct view *v, size_t i)
{
	long off;

	if (i >= v->nshown)
		return 0;
	off = offset_of(v, i);
	return off < v->lines && off + view_height(v, i) - 1 > 0;
}

/* Keep the current row on screen: the first row that starts on it. */
static void
follow(struct view *v)
{
	size_t i;

	if (v->nshown == 0 || view_visible(v, v->cur))
		return;
	i = v->top;
	if (v->top_line > 0 && i + 1 < v->nshown && offset_of(v, i + 1) < v->lines)
		i++;
	v->cur = i;
}

void
view_set_layout(struct view *v, const struct layout_opts *lo, int lines)
{
	long keep;

	v->lo = *lo;
	v->lines = lines > 0 ? lines : 1;
	/* Keep the same fraction (in thousandths) of the top row above the
	 * screen. */
	keep = v->nshown && v->top_line > 0 ?
	    (long)v->top_line * 1000 / view_height(v, v->top) : 0;
	forget_layout(v);
	if (v->nshown)
		v->top_line = (int)(keep * view_height(v, v->top) / 1000);
	clamp(v);
	follow(v);
}

void
view_filter(struct view *v, const size_t *rows, size_t n)
{
	size_t cur_row = v->nshown ? view_row(v, v->cur) : 0;

	free(v->shown);
	v->shown = NULL;
	if (rows) {
		v->shown = xmalloc(sizeof *v->shown * (n + 1));
		memcpy(v->shown, rows, sizeof *rows * n);
		v->nshown = n;
	} else {
		v->nshown = v->doc->nrows;
	}
	v->height = xrealloc(v->height, sizeof *v->height * (v->nshown + 1));
	forget_layout(v);
	v->cur = view_index(v, cur_row);
	v->top = v->cur;
	v->top_line = 0;
	clamp(v);
}

void
view_scroll(struct view *v, long n)
{
	if (v->nshown == 0)
		return;
	while (n > 0) {
		int rest = view_height(v, v->top) - v->top_line;

		if (n < rest) {
			v->top_line += n;
			break;
		}
		if (v->top + 1 >= v->nshown)
			break;
		n -= rest;
		v->top++;
		v->top_line = 0;
	}
	while (n < 0) {
		if (v->top_line >= -n) {
			v->top_line += n;
			break;
		}
		if (v->top == 0) {
			v->top_line = 0;
			break;
		}
		n += v->top_line + 1;
		v->top--;
		v->top_line = view_height(v, v->top) - 1;
	}
	clamp(v);
	follow(v);
}

void
view_goto(struct view *v, size_t i)
{
	long off;

	if (i >= v->nshown)
		return;
	off = offset_of(v, i);
	if (off < 0 || off >= v->lines) {
		v->top = i;
		v->top_line = 0;
	} else if (off + view_height(v, i) - 1 > v->lines &&
	    view_height(v, i) - 1 <= v->lines) {
		/* Partly below the screen: scroll just enough to show it. */
		view_scroll(v, off + view_height(v, i) - 1 - v->lines);
	}
	clamp(v);
	v->cur = i;
}

void
view_goto_top(struct view *v, size_t i)
{
	if (i >= v->nshown)
		return;
	v->cur = i;
	v->top = i;
	v->top_line = 0;
	clamp(v);
}

void
view_end(struct view *v)
{
	if (v->nshown == 0)
		return;
	v->top = v->nshown - 1;
	v->top_line = view_height(v, v->top) - 1;
	clamp(v);
	v->cur = v->nshown - 1;
}

int
view_at(struct view *v, int y, size_t *i, int *line)
{
	size_t k = v->top;
	long l = (long)v->top_line + y;

	if (v->nshown == 0)
		return 0;
	while (k < v->nshown && l >= view_height(v, k)) {
		l -= view_height(v, k);
		k++;
	}
	if (k >= v->nshown)
		return 0;
	*i = k;
	*line = (int)l;
	return 1;
}
