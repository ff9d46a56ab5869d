/* SPDX-License-Identifier: MIT */
/*
 * The viewer's parts and what they share: the state of one viewer (struct
 * ui), the main loop and the hand-over of a large briefing (ui.c), the
 * actions (ui-action.c), drawing (ui-draw.c), prompts (ui-prompt.c), the
 * help screen (ui-help.c) and the print dialog (ui-print.c).  Only these
 * files include it; they alone include curses.
 */
#ifndef DIGLOT_UI_PRIVATE_H
#define DIGLOT_UI_PRIVATE_H

#include <signal.h>

#include <curses.h>

#include "buf.h"
#include "keys.h"
#include "layout.h"
#include "pillar.h"
#include "search.h"
#include "state.h"
#include "view.h"

struct doc;
struct loader;
struct ui_opts;

/* A place in the briefing, as it was on the screen: the top row and line,
 * the current row (document rows). */
struct ui_spot {
	int set;
	size_t row, cur;
	int line;
};

/* What the screen is drawn with: one attribute per kind of text, from
 * [colors]; a pillar's terms each in its own. */
enum { PAIR_TEXT = 1, PAIR_GUTTER, PAIR_STATUS, PAIR_CURRENT, PAIR_MATCH, PAIR_MARK,
	PAIR_HEADING,
	PAIR_PILLAR, PAIR_COUNT = PAIR_PILLAR + PILLAR_MAX };

struct ui {
	struct doc *doc;
	const struct ui_opts *opts;
	int stack_below;		/* stack by itself under this width */
	int status;			/* the status line is shown */
	struct view view;
	struct layout_opts base;	/* split, gutter, wrap */
	int pair[2];			/* language slots, left and right */
	int show;			/* 0 both, 1 left only, 2 right only */
	int stacked;			/* the reader asked for stacked */
	int focus;			/* 0 left, 1 right */
	struct pillars *pillars;
	struct loader *loader;		/* still reading the whole briefing */
	int quit;			/* the reader quit */
	int active;			/* the active pillar, or -1 */
	int bar;			/* the pillar bar is shown */
	int filtered;			/* only the active pillar's rows */
	unsigned char *marked;		/* per doc row: chosen for printing */
	size_t nmarked;
	long range;			/* where a v range started, or -1 */
	struct search search;
	int searching;			/* a pattern is set */
	long match;			/* the current match's number, or -1 */
	int backward;			/* the last search went backward */
	struct buf input;		/* what an action asked for (a pattern) */
	struct buf msg;
	/* The remembered place: read once the whole briefing is there
	 * (remembering), written after a pause and on quitting. */
	struct state state;
	int remembering, state_failed;
	int state_changed;		/* a bookmark or a fix: write it at once */
	int reload;			/* R: quit, then run the command again */
	unsigned rows_changed;		/* counts the changes of the rows (fixes) */
	struct gap_count {		/* the status line's untranslated rows */
		const struct doc *doc;
		unsigned rows;
		int side[2];
		size_t n;
	} gaps;
	struct ui_spot back;		/* where the last jump came from */
	double place_changed;		/* when the place last changed, or 0 */
	size_t msg_keep;		/* bytes at msg's end that are never cut */
	int colors;
	attr_t attr[PAIR_COUNT];	/* per PAIR_*: from [colors] */
	int lines, cols;
};

/* A signal that asks the viewer to stop (0: none). */
extern volatile sig_atomic_t ui_signal;

/* ui.c: the layout for the screen's size and the reader's choices. */
void ui_relayout(struct ui *u);
/* The first screen line of the text, and how many lines it has. */
int ui_text_top(const struct ui *u);
int ui_text_lines(const struct ui *u);
/* Say something on the status line until the next key. */
void ui_message(struct ui *u, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The one place keys come in: curses codes become key codes (keys.h),
 * KEY_RESIZE and, with mouse, KEY_MOUSE; -1 when none came in time. */
int ui_key(MEVENT *mouse);
/* Wait until the whole briefing is read, showing so; 0 when the reader
 * stopped waiting (or quit). */
int ui_need_whole(struct ui *u);

/* ui-action.c: do what the key bound to action a does. */
void ui_act(struct ui *u, enum action a);
/* How many lines action a scrolls down (up: negative), a page being page
 * lines and half a page half; 0 for an action that does not scroll. */
int ui_scroll_lines(enum action a, int page, int half);

/* ui-draw.c: the attributes of [colors]. */
void ui_draw_colors(struct ui *u);
/* Draw the whole screen, or the pillar bar or the status line alone. */
void ui_draw(struct ui *u);
void ui_draw_bar(struct ui *u);
void ui_draw_status(struct ui *u);

/* ui-prompt.c: a key for a prompt or dialog, a resize drawn anew; -1
 * when a signal asks the viewer to stop. */
int ui_prompt_key(struct ui *u);
/* Read a line on the status line into out; 0, or -1 when cancelled. */
int ui_prompt(struct ui *u, const char *label, struct buf *out);

/* ui-help.c: the help screen, until a key that does not scroll it (an
 * action: a is ACT_HELP). */
void ui_help(struct ui *u, enum action a);

/* ui-marks.c: M and a letter, ' and a letter (or ' again: back), and B,
 * the bookmark list (actions). */
void ui_bookmark_set(struct ui *u, enum action a);
void ui_bookmark_go(struct ui *u, enum action a);
void ui_bookmarks(struct ui *u, enum action a);
/* Around a jump (a search, G, :, a pillar key, a bookmark): where it came
 * from becomes the way back when it moved. */
void ui_jump_start(struct ui *u, struct ui_spot *from);
void ui_jump_end(struct ui *u, const struct ui_spot *from);

/* ui.c: go to spot s, as it was on the screen (its current row kept in
 * the briefing). */
void ui_go_spot(struct ui *u, const struct ui_spot *s);

/* ui.c: R, read the briefing again from its files at the remembered place
 * (an action). */
void ui_reload(struct ui *u, enum action a);

/* ui-fix.c: J, S and U, the reader's fixes of the rows (an action); and
 * the rows made again with the fixes the state holds. */
void ui_fix(struct ui *u, enum action a);
void ui_refix(struct ui *u);

/* ui-outline.c: the outline of the headings, until Enter goes to one or
 * another key leaves it (an action: a is ACT_OUTLINE). */
void ui_outline(struct ui *u, enum action a);

/* ui-print.c: the print dialog: choose what, languages, layout, where (an
 * action: a is ACT_PRINT). */
void ui_print_dialog(struct ui *u, enum action a);

#endif
