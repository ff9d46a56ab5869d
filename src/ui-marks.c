/* SPDX-License-Identifier: MIT */
/* The viewer's bookmarks (M and a letter sets one, ' and the letter goes
 * there, B lists them) and the way back from the last jump (''). */
#include "config.h"

#include <string.h>

#include "doc.h"
#include "text.h"
#include "ui-private.h"

/* The place now, to come back to. */
static void
here(struct ui *u, struct ui_spot *s)
{
	const struct view *v = &u->view;

	s->set = v->nshown > 0;
	s->row = s->set ? view_row(v, v->top) : 0;
	s->line = v->top_line;
	s->cur = s->set ? view_row(v, v->cur) : 0;
}

void
ui_jump_start(struct ui *u, struct ui_spot *from)
{
	here(u, from);
}

void
ui_jump_end(struct ui *u, const struct ui_spot *from)
{
	struct ui_spot now;

	here(u, &now);
	if (from->set && (now.row != from->row || now.cur != from->cur))
		u->back = *from;
}

/* The letter typed after M or ', asking with label; -1 when none. */
static int
ask_letter(struct ui *u, const char *label)
{
	int k;

	ui_message(u, "%s", label);
	ui_draw_status(u);
	refresh();
	k = ui_prompt_key(u);
	buf_reset(&u->msg);
	return k;
}

/* M and a letter: a bookmark on the current row. */
void
ui_bookmark_set(struct ui *u, enum action a)
{
	struct state_mark *m;
	int k, i;

	(void)a;
	if (!u->view.nshown)
		return;
	k = ask_letter(u, "Bookmark (a letter): ");
	if (k < 0 || (i = state_mark_index(k)) < 0) {
		if (k >= 0 && keys_dialog(k) != ACT_CANCEL)
			ui_message(u, "A bookmark is a letter or a digit");
		return;
	}
	m = &u->state.place.mark[i];
	m->set = 1;
	m->row = view_row(&u->view, u->view.cur);
	state_row_text(u->doc, m->row, m->text);
	u->state_changed = 1;
	ui_message(u, "Bookmark %c: paragraph %zu", k, m->row + 1);
}

/* Go to bookmark i (a slot). */
static void
go_bookmark(struct ui *u, int i)
{
	const struct state_mark *m = &u->state.place.mark[i];
	struct ui_spot from, to;

	if (m->row >= u->doc->nrows) {
		ui_message(u, "Bookmark %c is past the end", state_mark_letter(i));
		return;
	}
	here(u, &from);
	to.set = 1;
	to.row = to.cur = m->row;
	to.line = 0;
	ui_go_spot(u, &to);
	ui_jump_end(u, &from);
	ui_message(u, "Bookmark %c", state_mark_letter(i));
}

/* ' and a letter: to that bookmark; ' again: back before the last jump. */
void
ui_bookmark_go(struct ui *u, enum action a)
{
	int k, i;

	k = ask_letter(u, "Go to bookmark (a letter, ' back): ");
	if (k < 0)
		return;
	if (keys_action(k) == a || k == '\'') {
		struct ui_spot from;

		if (!u->back.set) {
			ui_message(u, "No jump to go back from yet");
			return;
		}
		here(u, &from);
		ui_go_spot(u, &u->back);
		u->back = from;
		return;
	}
	i = state_mark_index(k);
	if (i < 0) {
		if (keys_dialog(k) != ACT_CANCEL)
			ui_message(u, "A bookmark is a letter or a digit");
		return;
	}
	if (!u->state.place.mark[i].set) {
		ui_message(u, "No bookmark %c (M%c sets it)", k, k);
		return;
	}
	go_bookmark(u, i);
}

/* The first words of row r in language slot l, fitted to width. */
static void
draw_words(struct ui *u, int y, int x, int width, size_t r, int l)
{
	struct buf text = {0};
	const uint32_t *ids;
	size_t n, fit;
	int used;

	if (l < 0 || width <= 0 || r >= u->doc->nrows)
		return;
	ids = doc_row_blocks(u->doc, r, l, &n);
	if (n == 0)
		return;
	buf_add(&text, "", 0);
	doc_block_text(u->doc, ids[0], &text);
	fit = text_fit(text.s, text.len, width, &used);
	mvaddnstr(y, x, text.s, (int)fit);
	buf_free(&text);
}

static void
draw_list(struct ui *u, const int *slots, int n, int sel)
{
	char go[32], del[32], quit[32];
	int y, half = (u->cols - 12) / 2;

	keys_first(ACT_CONFIRM, go, sizeof go);
	keys_first(ACT_CANCEL, quit, sizeof quit);
	snprintf(del, sizeof del, "d");
	erase();
	attrset(A_BOLD);
	mvprintw(0, 0, "Bookmarks (%s goes there, %s deletes, %s returns)", go, del, quit);
	attrset(A_NORMAL);
	if (n == 0)
		mvaddstr(2, 2, "No bookmarks: M and a letter sets one on the current paragraph.");
	for (y = 0; y < n && y + 2 < u->lines - 1; y++) {
		const struct state_mark *m = &u->state.place.mark[slots[y]];

		if (y == sel)
			attrset(A_REVERSE);
		move(y + 2, 0);
		hline(' ', u->cols);
		mvprintw(y + 2, 0, " %c %6zu ", state_mark_letter(slots[y]), m->row + 1);
		draw_words(u, y + 2, 11, half - 1, m->row, u->pair[0]);
		draw_words(u, y + 2, 11 + half, half - 1, m->row, u->pair[1]);
		attrset(A_NORMAL);
	}
	attrset(u->attr[PAIR_STATUS]);
	move(u->lines - 1, 0);
	hline(' ', u->cols);
	mvprintw(u->lines - 1, 0, " Bookmarks: %d", n);
	attrset(A_NORMAL);
	refresh();
}

/* B: the bookmarks, each with its row's first words in both languages. */
void
ui_bookmarks(struct ui *u, enum action a)
{
	int slots[STATE_MARKS], n, i, sel = 0;

	(void)a;
	for (;;) {
		enum action d;
		int k;

		for (n = 0, i = 0; i < STATE_MARKS; i++)
			if (u->state.place.mark[i].set)
				slots[n++] = i;
		if (sel >= n)
			sel = n > 0 ? n - 1 : 0;
		draw_list(u, slots, n, sel);
		k = ui_prompt_key(u);
		if (k < 0)
			return;
		if (k == KEY_RESIZE)
			continue;
		d = keys_dialog(k);
		if (d == ACT_CANCEL)
			return;
		if ((k == 'd' || k == K_DELETE) && n > 0) {
			u->state.place.mark[slots[sel]].set = 0;
			u->state_changed = 1;
		} else if (d == ACT_NEXT_FIELD && sel + 1 < n) {
			sel++;
		} else if (d == ACT_PREV_FIELD && sel > 0) {
			sel--;
		} else if (d == ACT_CONFIRM && n > 0) {
			go_bookmark(u, slots[sel]);
			return;
		}
	}
}
