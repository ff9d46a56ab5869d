/* SPDX-License-Identifier: MIT */
/* The viewer's prompts: a line typed on the status line, keys of the
 * dialogs' map (keys.c) to take, cancel or erase it. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "ui-private.h"

int
ui_prompt_key(struct ui *u)
{
	for (;;) {
		int k = ui_key(NULL);

		if (ui_signal)
			return -1;
		if (k == KEY_RESIZE) {
			ui_relayout(u);
			ui_draw(u);
		}
		if (k != -1)
			return k;
	}
}

/* Draw the prompt: the label, then as much of the end of the input as
 * fits. */
static void
draw_prompt(struct ui *u, const char *label, const struct buf *in)
{
	int y = u->lines - 1, used;
	size_t fit, start = 0;

	while (text_width(in->s + start, in->len - start) +
	    text_width(label, strlen(label)) >= u->cols - 1 && start < in->len) {
		start++;
		while (start < in->len && ((unsigned char)in->s[start] & 0xC0) == 0x80)
			start++;
	}
	move(y, 0);
	clrtoeol();
	mvaddstr(y, 0, label);
	fit = text_fit(in->s + start, in->len - start, u->cols - 1, &used);
	addnstr(in->s + start, (int)fit);
	refresh();
}

/* Add the character k to the input. */
static void
type_char(struct buf *in, int k)
{
	char tmp[MB_LEN_MAX];
	int m = wctomb(tmp, (wchar_t)k);

	if (m > 0)
		buf_add(in, tmp, (size_t)m);
}

/* Remove the last character (all its UTF-8 bytes). */
static void
erase_char(struct buf *in)
{
	while (in->len > 0 && ((unsigned char)in->s[--in->len] & 0xC0) == 0x80)
		;
	in->s[in->len] = '\0';
}

/* A key of the prompt: 1 to go on, 0 when the input is taken, -1 when
 * cancelled.  A character is typed; other keys act as the dialogs' map
 * binds them. */
static int
prompt_edit(struct buf *in, int k)
{
	if (k >= ' ' && k < KEY_CODE_BASE && k != 0x7F) {
		type_char(in, k);
		return 1;
	}
	switch (keys_dialog(k)) {
	case ACT_CONFIRM:
		return 0;
	case ACT_CANCEL:
		return -1;
	case ACT_ERASE:
		/* Erasing nothing leaves the prompt, as in less. */
		if (in->len == 0)
			return -1;
		erase_char(in);
		return 1;
	case ACT_ERASE_LINE:
		buf_reset(in);
		return 1;
	default:
		return 1;
	}
}

int
ui_prompt(struct ui *u, const char *label, struct buf *out)
{
	int rc = 1;

	buf_reset(out);
	buf_add(out, "", 0);
	curs_set(1);
	while (rc > 0) {
		int k;

		draw_prompt(u, label, out);
		k = ui_prompt_key(u);
		if (k == -1)
			rc = -1;
		else if (k != KEY_RESIZE)
			rc = prompt_edit(out, k);
	}
	curs_set(0);
	return rc;
}
