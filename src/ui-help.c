/* SPDX-License-Identifier: MIT */
/* The viewer's help screen: every action of the key table with the keys
 * bound to it now, scrolled by the keys that scroll the text. */
#include "config.h"

#include <string.h>

#include "text.h"
#include "ui-private.h"

/* The help's lines: each action of the table, and a heading (NULL) before
 * those of the dialogs' map; returns how many. */
static int
help_rows(const struct key_action **rows)
{
	const struct key_action *k;
	int n = 0;

	for (k = keys_table; k->name; k++) {
		if (k->map == KEYMAP_DIALOG && (k == keys_table || k[-1].map != KEYMAP_DIALOG))
			rows[n++] = NULL;
		rows[n++] = k;
	}
	return n;
}

static void
draw_row(struct ui *u, int y, const struct key_action *k)
{
	const char *keys;
	int used;
	size_t fit;

	if (!k) {
		attrset(A_BOLD);
		mvaddstr(y, 0, "In the print dialog and prompts (a character is typed):");
		attrset(A_NORMAL);
		return;
	}
	keys = keys_describe(k->action);
	fit = text_fit(keys, strlen(keys), 24, &used);
	mvaddnstr(y, 2, keys, (int)fit);
	fit = text_fit(k->help, strlen(k->help), u->cols - 28, &used);
	if (u->cols > 28)
		mvaddnstr(y, 28, k->help, (int)fit);
}

/* The help from its line top, with the keys that scroll and leave it. */
static void
draw_help(struct ui *u, const struct key_action **rows, int nrows, int top)
{
	char down[32], up[32], quit[32];
	int y;

	keys_first(ACT_DOWN, down, sizeof down);
	keys_first(ACT_UP, up, sizeof up);
	keys_first(ACT_QUIT, quit, sizeof quit);
	erase();
	attrset(A_BOLD);
	mvprintw(0, 0, "diglot keys (%s to go back)", quit);
	attrset(A_NORMAL);
	for (y = 1; top + y - 1 < nrows && y < u->lines - 1; y++)
		draw_row(u, y, rows[top + y - 1]);
	attrset(u->attr[PAIR_STATUS]);
	move(u->lines - 1, 0);
	hline(' ', u->cols);
	mvprintw(u->lines - 1, 0, " Help: %s/%s scroll, %s returns", down, up, quit);
	attrset(A_NORMAL);
	refresh();
}

/* The help screen, until a key that does not scroll it. */
void
ui_help(struct ui *u, enum action a)
{
	const struct key_action *rows[2 * ACT_COUNT];
	int nrows = help_rows(rows), top = 0;

	(void)a;
	for (;;) {
		int key, step, page = u->lines - 2 > 1 ? u->lines - 2 : 1;
		enum action scroll;

		draw_help(u, rows, nrows, top);
		key = ui_prompt_key(u);
		if (key == -1)
			return;
		if (key == KEY_RESIZE)
			continue;
		scroll = keys_action(key);
		step = ui_scroll_lines(scroll, page, page / 2 ? page / 2 : 1);
		if (scroll == ACT_TOP || scroll == ACT_BOTTOM)
			step = scroll == ACT_TOP ? -nrows : nrows;
		if (step == 0)
			return;
		top += step;
		if (top > nrows - page)
			top = nrows - page;
		if (top < 0)
			top = 0;
	}
}
