/* SPDX-License-Identifier: MIT */
/* The reader's fixes of the rows in the viewer: J joins the current row
 * with the next, S splits the focused language's paragraphs off it, U
 * undoes the last; each is kept with the briefing's state at once. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "doc.h"
#include "fix.h"
#include "ui-private.h"
#include "xalloc.h"

/* The first block of row r, in any language, or -1. */
static long
first_block(const struct doc *doc, size_t r)
{
	int l;

	for (l = 0; l < doc->nlangs && r < doc->nrows; l++) {
		size_t n;
		const uint32_t *ids = doc_row_blocks(doc, r, l, &n);

		if (n)
			return (long)ids[0];
	}
	return -1;
}

/* Align the briefing again with the fixes the state holds, keeping the
 * place at the row of the block that was current: what depends on rows
 * (the marks for printing, a search, a filter, the pillars' counts) is
 * made again or dropped. */
static void
realign(struct ui *u, long keep)
{
	struct doc *doc = u->doc;
	struct view *v = &u->view;
	struct layout_opts lo = v->lo;
	int lines = v->lines;
	long r;

	doc->aligned = 0;
	doc->fixes = &u->state.place.fixes;
	align_doc(doc);
	u->rows_changed++;
	free(u->marked);
	u->marked = xcalloc(doc->nrows + 1, 1);
	u->nmarked = 0;
	u->range = -1;
	u->searching = 0;
	u->match = -1;
	u->filtered = 0;
	u->back.set = 0;
	pillars_recount(u->pillars);
	view_free(v);
	view_init(v, doc, &lo, lines);
	r = keep >= 0 ? doc_row_of_block(doc, (size_t)keep) : -1;
	if (r >= 0 && v->nshown)
		view_goto(v, view_index(v, (size_t)r));
}

void
ui_refix(struct ui *u)
{
	long keep = u->view.nshown ? first_block(u->doc, view_row(&u->view, u->view.cur)) : -1;

	realign(u, keep);
}

void
ui_fix(struct ui *u, enum action a)
{
	struct fixes *f = &u->state.place.fixes;
	size_t r;
	long keep;
	int side;

	if (!u->view.nshown)
		return;
	r = view_row(&u->view, u->view.cur);
	keep = first_block(u->doc, r);
	if (a == ACT_UNDO) {
		if (f->n == 0) {
			ui_message(u, "No join or split to undo");
			return;
		}
		f->n--;
		realign(u, keep);
		u->state_changed = 1;
		ui_message(u, "Undone: %d fix%s left", f->n, f->n == 1 ? "" : "es");
		return;
	}
	if (f->n >= FIX_MAX) {
		ui_message(u, "%d fixes are all a briefing keeps: U undoes the last", FIX_MAX);
		return;
	}
	side = u->view.lo.side[u->focus] >= 0 ? u->view.lo.side[u->focus] : u->view.lo.side[0];
	if (a == ACT_JOIN ? fix_join(u->doc, r, &f->v[f->n]) < 0 :
	    side < 0 || fix_split(u->doc, r, side, &f->v[f->n]) < 0) {
		ui_message(u, a == ACT_JOIN ? "Nothing to join: the last paragraph" :
		    "Nothing to split: one paragraph alone");
		return;
	}
	f->n++;
	realign(u, keep);
	u->state_changed = 1;
	ui_message(u, "%s paragraph %zu (U undoes)", a == ACT_JOIN ? "Joined" : "Split",
	    r + 1);
}
