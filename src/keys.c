/* SPDX-License-Identifier: MIT */
/* The viewer's named actions and the keys bound to them. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <unictype.h>
#include <unistr.h>

#include "keys.h"

const struct key_action keys_table[] = {
	{ ACT_DOWN, "down", "j, Down, Enter, C-n, C-e", "scroll down one line",
	  KEYMAP_VIEW },
	{ ACT_UP, "up", "k, Up, C-p, C-y", "scroll up one line", KEYMAP_VIEW },
	{ ACT_PAGE_DOWN, "page-down", "Space, f, PgDn, C-f", "next page", KEYMAP_VIEW },
	{ ACT_PAGE_UP, "page-up", "b, PgUp, C-b", "previous page", KEYMAP_VIEW },
	{ ACT_HALF_DOWN, "half-down", "d, C-d", "half a page down", KEYMAP_VIEW },
	{ ACT_HALF_UP, "half-up", "u, C-u", "half a page up", KEYMAP_VIEW },
	{ ACT_TOP, "top", "g, Home, <", "first paragraph", KEYMAP_VIEW },
	{ ACT_BOTTOM, "bottom", "G, End, >", "last paragraph", KEYMAP_VIEW },
	{ ACT_PREV_PARA, "prev-paragraph", "{", "previous paragraph", KEYMAP_VIEW },
	{ ACT_NEXT_PARA, "next-paragraph", "}", "next paragraph", KEYMAP_VIEW },
	{ ACT_GOTO, "goto", ":", "go to paragraph N (p N: page N of a PDF)", KEYMAP_VIEW },
	{ ACT_FOCUS, "focus", "Tab, BTab", "focus the other pane", KEYMAP_VIEW },
	{ ACT_SWAP, "swap", "t", "swap the languages", KEYMAP_VIEW },
	{ ACT_CYCLE, "cycle", "l", "show both, the left, the right language",
	  KEYMAP_VIEW },
	{ ACT_PAIR, "pair", "L", "choose the two languages shown", KEYMAP_VIEW },
	{ ACT_STACK, "stack", "s", "side by side or stacked", KEYMAP_VIEW },
	{ ACT_SEARCH, "search", "/", "search forward, both languages", KEYMAP_VIEW },
	{ ACT_SEARCH_BACK, "search-back", "?", "search backward", KEYMAP_VIEW },
	{ ACT_NEXT_MATCH, "next-match", "n", "next match", KEYMAP_VIEW },
	{ ACT_PREV_MATCH, "prev-match", "N", "previous match", KEYMAP_VIEW },
	{ ACT_PILLAR_1, "pillar-1", "1", "next paragraph of pillar 1", KEYMAP_VIEW },
	{ ACT_PILLAR_2, "pillar-2", "2", "next paragraph of pillar 2", KEYMAP_VIEW },
	{ ACT_PILLAR_3, "pillar-3", "3", "next paragraph of pillar 3", KEYMAP_VIEW },
	{ ACT_PILLAR_4, "pillar-4", "4", "next paragraph of pillar 4", KEYMAP_VIEW },
	{ ACT_PILLAR_5, "pillar-5", "5", "next paragraph of pillar 5", KEYMAP_VIEW },
	{ ACT_PILLAR_6, "pillar-6", "6", "next paragraph of pillar 6", KEYMAP_VIEW },
	{ ACT_PILLAR_7, "pillar-7", "7", "next paragraph of pillar 7", KEYMAP_VIEW },
	{ ACT_PILLAR_8, "pillar-8", "8", "next paragraph of pillar 8", KEYMAP_VIEW },
	{ ACT_PILLAR_9, "pillar-9", "9", "next paragraph of pillar 9", KEYMAP_VIEW },
	{ ACT_NEXT_PILLAR, "next-pillar", "]", "next paragraph of the active pillar",
	  KEYMAP_VIEW },
	{ ACT_PREV_PILLAR, "prev-pillar", "[", "previous paragraph of the active pillar",
	  KEYMAP_VIEW },
	{ ACT_PILLAR_BAR, "pillar-bar", "p", "show or hide the pillar bar", KEYMAP_VIEW },
	{ ACT_FILTER, "filter", "F", "only the active pillar's paragraphs (again: all)",
	  KEYMAP_VIEW },
	{ ACT_NEXT_GAP, "next-gap", "e", "next paragraph that has no translation",
	  KEYMAP_VIEW },
	{ ACT_OUTLINE, "outline", "o, T",
	  "outline of the headings: Enter goes to one, / filters them", KEYMAP_VIEW },
	{ ACT_MARK, "mark", "m", "mark the paragraph for printing (again: unmark)",
	  KEYMAP_VIEW },
	{ ACT_RANGE, "mark-range", "v", "mark a range: v at its start, v at its end",
	  KEYMAP_VIEW },
	{ ACT_PRINT, "print", "P", "print: choose what, languages, layout, where",
	  KEYMAP_VIEW },
	{ ACT_BOOKMARK, "bookmark", "M", "set a bookmark: M then a letter", KEYMAP_VIEW },
	{ ACT_GO_BOOKMARK, "go-bookmark", "'",
	  "go to bookmark: ' then its letter; '' back before the last jump", KEYMAP_VIEW },
	{ ACT_BOOKMARKS, "bookmarks", "B", "the bookmarks: Enter goes there, d deletes",
	  KEYMAP_VIEW },
	{ ACT_JOIN, "join", "J", "join the row with the next (a fix that is kept)",
	  KEYMAP_VIEW },
	{ ACT_SPLIT, "split", "S", "split the focused language's paragraphs off the row",
	  KEYMAP_VIEW },
	{ ACT_UNDO, "undo", "U", "undo the last join or split", KEYMAP_VIEW },
	{ ACT_COPY, "copy", "y", "copy the paragraph in the focused language",
	  KEYMAP_VIEW },
	{ ACT_HELP, "help", "h, F1", "this help", KEYMAP_VIEW },
	{ ACT_REDRAW, "redraw", "C-l", "redraw the screen", KEYMAP_VIEW },
	{ ACT_RELOAD, "reload", "R", "read the briefing again from its files, keeping the place",
	  KEYMAP_VIEW },
	{ ACT_QUIT, "quit", "q, Q", "quit", KEYMAP_VIEW },
	{ ACT_NEXT_FIELD, "next-field", "Down, j, Tab", "the next field", KEYMAP_DIALOG },
	{ ACT_PREV_FIELD, "prev-field", "Up, k, BTab", "the previous field", KEYMAP_DIALOG },
	{ ACT_NEXT_CHOICE, "next-choice", "Right, l, Space", "the field's next choice",
	  KEYMAP_DIALOG },
	{ ACT_PREV_CHOICE, "prev-choice", "Left, h", "the field's previous choice",
	  KEYMAP_DIALOG },
	{ ACT_CONFIRM, "confirm", "Enter", "print, or take what is typed", KEYMAP_DIALOG },
	{ ACT_CANCEL, "cancel", "Esc, q, C-c, C-g", "cancel, stop waiting", KEYMAP_DIALOG },
	{ ACT_ERASE, "erase", "Backspace", "erase the character before the cursor",
	  KEYMAP_DIALOG },
	{ ACT_ERASE_LINE, "erase-line", "C-u", "erase what is typed", KEYMAP_DIALOG },
	{ ACT_NONE, NULL, NULL, NULL, KEYMAP_VIEW }
};

/* Bindings: key code -> action in a map, a small open table. */
enum { MAX_BINDINGS = 256 };
static struct binding {
	int code;
	enum action action;
	enum keymap map;
} bindings[MAX_BINDINGS];
static int nbindings;

static const struct { const char *name; int code; } named[] = {
	{ "Up", K_UP }, { "Down", K_DOWN }, { "Left", K_LEFT }, { "Right", K_RIGHT },
	{ "PgUp", K_PGUP }, { "PageUp", K_PGUP }, { "PgDn", K_PGDN },
	{ "PageDown", K_PGDN }, { "Home", K_HOME }, { "End", K_END },
	{ "Enter", K_ENTER }, { "Return", K_ENTER }, { "Esc", K_ESC },
	{ "Escape", K_ESC }, { "Tab", K_TAB }, { "BTab", K_BTAB },
	{ "Backspace", K_BACKSPACE }, { "BS", K_BACKSPACE }, { "Delete", K_DELETE },
	{ "Del", K_DELETE }, { "Insert", K_INSERT }, { "Space", ' ' },
	{ "Comma", ',' },
};
#define NNAMED (sizeof named / sizeof named[0])

int
keys_parse(const char *name, int len)
{
	size_t i;
	ucs4_t uc;
	int k;

	if (len <= 0)
		return -1;
	if (len > 2 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-') {
		int c = keys_parse(name + 2, len - 2);

		if (c >= 'A' && c <= 'Z')
			c += 32;
		return c > 0 && c < 0x80 ? K_CTRL | c : -1;
	}
	/* F1-F12 */
	if ((len == 2 || len == 3) && (name[0] == 'F' || name[0] == 'f') &&
	    name[1] >= '1' && name[1] <= '9' && (len == 2 || (name[1] == '1' &&
	    name[2] >= '0' && name[2] <= '2')))
		return K_F1 + (len == 2 ? name[1] - '1' : 9 + name[2] - '0');
	for (i = 0; i < NNAMED; i++)
		if ((int)strlen(named[i].name) == len &&
		    strncasecmp(named[i].name, name, len) == 0)
			return named[i].code;
	k = u8_mbtoucr(&uc, (const uint8_t *)name, len);
	if (k == len && uc > ' ' && uc != 0x7F && !(uc >= 0x80 && uc < 0xA0) &&
	    uc_is_graph(uc) && !uc_is_general_category(uc, UC_CATEGORY_Cf))
		return (int)uc;
	return -1;
}

void
keys_name(int code, char *out, size_t n)
{
	uint8_t u[8];
	size_t i;
	int k;

	for (i = 0; i < NNAMED && named[i].code != code; i++)
		;
	if (code & K_CTRL) {
		snprintf(out, n, "C-%c", code & 0x7F);
	} else if (code >= K_F1 && code <= K_F12) {
		snprintf(out, n, "F%d", code - K_F1 + 1);
	} else if (i < NNAMED) {
		snprintf(out, n, "%s", named[i].name);
	} else {
		k = u8_uctomb(u, code, sizeof u - 1);
		u[k > 0 ? k : 0] = '\0';
		snprintf(out, n, "%s", (char *)u);
	}
}

/* The next name in the comma-separated list at *p, its length in *n, and
 * *p moved past it; NULL at the end.  A lone "," is the comma key. */
static const char *
next_key(const char **p, int *n)
{
	const char *s = *p + strspn(*p, " "), *e;

	if (!*s)
		return NULL;
	e = strchr(s + 1, ',');
	*n = e ? e - s : (int)strlen(s);
	*p = e ? e + 1 : s + *n;
	while (*n > 1 && s[*n - 1] == ' ')
		(*n)--;
	return s;
}

/* The map an action's keys are bound in. */
static enum keymap
map_of(enum action action)
{
	const struct key_action *k;

	for (k = keys_table; k->name; k++)
		if (k->action == action)
			return k->map;
	return KEYMAP_VIEW;
}

/* Drop the bindings of action, and the binding of code in map. */
static void
unbind(enum action action, int code, enum keymap map)
{
	int i, n = 0;

	for (i = 0; i < nbindings; i++)
		if (bindings[i].action != action &&
		    !(bindings[i].code == code && bindings[i].map == map))
			bindings[n++] = bindings[i];
	nbindings = n;
}

void
keys_init(void)
{
	const struct key_action *k;

	nbindings = 0;
	for (k = keys_table; k->name; k++)
		keys_bind(k->action, k->keys, NULL);
}

enum action
keys_default_action(int code)
{
	const struct key_action *k;

	for (k = keys_table; k->name; k++) {
		const char *list = k->keys, *name;
		int n;

		if (k->map != KEYMAP_VIEW)
			continue;
		while ((name = next_key(&list, &n)))
			if (keys_parse(name, n) == code)
				return k->action;
	}
	return ACT_NONE;
}

int
keys_check(const char *list, const char **bad)
{
	const char *name;
	int n;

	while ((name = next_key(&list, &n)))
		if (keys_parse(name, n) < 0) {
			if (bad)
				*bad = name;
			return -1;
		}
	return 0;
}

int
keys_bind(enum action action, const char *list, const char **bad)
{
	enum keymap map = map_of(action);
	const char *name;
	int n, code;

	if (keys_check(list, bad) < 0)
		return -1;
	unbind(action, -1, map);
	while ((name = next_key(&list, &n))) {
		code = keys_parse(name, n);
		unbind(ACT_NONE, code, map);
		if (nbindings < MAX_BINDINGS)
			bindings[nbindings++] = (struct binding){ code, action, map };
	}
	return 0;
}

static enum action
lookup(enum keymap map, int code)
{
	int i;

	for (i = 0; i < nbindings; i++)
		if (bindings[i].code == code && bindings[i].map == map)
			return bindings[i].action;
	return ACT_NONE;
}

enum action
keys_action(int code)
{
	return lookup(KEYMAP_VIEW, code);
}

enum action
keys_dialog(int code)
{
	return lookup(KEYMAP_DIALOG, code);
}

enum action
keys_find(const char *name)
{
	const struct key_action *k;

	for (k = keys_table; k->name; k++)
		if (strcmp(k->name, name) == 0)
			return k->action;
	return ACT_NONE;
}

const char *
keys_describe(enum action action)
{
	static char out[128];
	int i;

	out[0] = '\0';
	for (i = 0; i < nbindings; i++)
		if (bindings[i].action == action) {
			char name[32];

			keys_name(bindings[i].code, name, sizeof name);
			if (strlen(out) + strlen(name) + 3 < sizeof out) {
				if (out[0])
					strcat(out, ", ");
				strcat(out, name);
			}
		}
	return out;
}

void
keys_first(enum action action, char *out, size_t n)
{
	int i;

	if (n)
		out[0] = '\0';
	for (i = 0; i < nbindings; i++)
		if (bindings[i].action == action) {
			keys_name(bindings[i].code, out, n);
			return;
		}
}

void
keys_names(struct buf *out)
{
	size_t i, j;

	buf_adds(out, "a character");
	/* Each key once: the first of its names (PgUp, not PageUp). */
	for (i = 0; i < NNAMED; i++) {
		for (j = 0; j < i && named[j].code != named[i].code; j++)
			;
		if (j == i)
			buf_printf(out, ", %s", named[i].name);
	}
	buf_adds(out, ", F1\xe2\x80\x93" "F12, C-x");
}
