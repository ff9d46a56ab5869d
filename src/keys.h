/* SPDX-License-Identifier: MIT */
/* The viewer's named actions and the keys bound to them. */
#ifndef DIGLOT_KEYS_H
#define DIGLOT_KEYS_H

#include <stddef.h>

#include "buf.h"

/* Key codes: Unicode code points for characters, and these above them. */
enum key_code {
	KEY_CODE_BASE = 0x110000,
	K_UP, K_DOWN, K_LEFT, K_RIGHT, K_PGUP, K_PGDN, K_HOME, K_END,
	K_ENTER, K_ESC, K_TAB, K_BTAB, K_BACKSPACE, K_DELETE, K_INSERT,
	K_F1, K_F12 = K_F1 + 11,
	K_CTRL = 0x200000	/* K_CTRL | 'l' is C-l */
};

enum action {
	ACT_NONE,
	ACT_DOWN, ACT_UP, ACT_PAGE_DOWN, ACT_PAGE_UP, ACT_HALF_DOWN, ACT_HALF_UP,
	ACT_TOP, ACT_BOTTOM, ACT_PREV_PARA, ACT_NEXT_PARA, ACT_GOTO,
	ACT_FOCUS, ACT_SWAP, ACT_CYCLE, ACT_PAIR, ACT_STACK,
	ACT_SEARCH, ACT_SEARCH_BACK, ACT_NEXT_MATCH, ACT_PREV_MATCH,
	ACT_PILLAR_1, ACT_PILLAR_2, ACT_PILLAR_3, ACT_PILLAR_4, ACT_PILLAR_5,
	ACT_PILLAR_6, ACT_PILLAR_7, ACT_PILLAR_8, ACT_PILLAR_9,
	ACT_NEXT_PILLAR, ACT_PREV_PILLAR, ACT_PILLAR_BAR, ACT_FILTER, ACT_NEXT_GAP, ACT_OUTLINE,
	ACT_MARK, ACT_RANGE, ACT_PRINT,
	ACT_BOOKMARK, ACT_GO_BOOKMARK, ACT_BOOKMARKS,
	ACT_JOIN, ACT_SPLIT, ACT_UNDO,
	ACT_COPY, ACT_HELP, ACT_REDRAW, ACT_RELOAD, ACT_QUIT,
	/* In the print dialog and the prompts. */
	ACT_NEXT_FIELD, ACT_PREV_FIELD, ACT_NEXT_CHOICE, ACT_PREV_CHOICE,
	ACT_CONFIRM, ACT_CANCEL, ACT_ERASE, ACT_ERASE_LINE,
	ACT_COUNT
};

/* Keys are bound in one of two maps: the text's, and the print dialog's
 * and prompts' (where a character typed into a prompt is text). */
enum keymap { KEYMAP_VIEW, KEYMAP_DIALOG };

struct key_action {
	enum action action;
	const char *name;	/* for [keys] in the settings */
	const char *keys;	/* default keys, comma-separated key names */
	const char *help;	/* for the help screen */
	enum keymap map;
};

/* The table of actions, in the order the help screen shows them. */
extern const struct key_action keys_table[];

/* Bind the default keys of every action. */
void keys_init(void);

/* The action bound to a key code in the text's map, or ACT_NONE. */
enum action keys_action(int code);
/* The action bound to a key code in the dialogs' map, or ACT_NONE. */
enum action keys_dialog(int code);

/* The action whose default keys in the text's map hold code, or
 * ACT_NONE. */
enum action keys_default_action(int code);

/* The name of key code ("j", "PgDn", "C-l") into out[0..n). */
void keys_name(int code, char *out, size_t n);

/* The action with this [keys] name, or ACT_NONE. */
enum action keys_find(const char *name);

/* Parse a key name ("j", "Down", "PgDn", "Space", "Tab", "C-l", "F1", a
 * character); returns the code or -1. */
int keys_parse(const char *name, int len);

/* Whether every name in the comma-separated list is a key; on -1 *bad
 * points at the first that is not. */
int keys_check(const char *list, const char **bad);

/* Replace the keys of action with the comma-separated list; returns -1
 * and leaves the bindings alone when a name is not a key (*bad is set to
 * the offending name's start). */
int keys_bind(enum action action, const char *list, const char **bad);

/* The keys bound to action, as key names joined by ", " (static buffer). */
const char *keys_describe(enum action action);
/* The name of the first key bound to action into out[0..n) ("" when none). */
void keys_first(enum action action, char *out, size_t n);

/* What a key may be called, for a complaint: "a character, Up, ..." */
void keys_names(struct buf *out);

#endif
