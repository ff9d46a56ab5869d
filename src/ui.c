/* SPDX-License-Identifier: MIT */
/* The full-screen viewer: its main loop, the one place keys come in, and
 * the hand-over from a large briefing's first part to the whole. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "doc.h"
#include "lang.h"
#include "loader.h"
#include "settings.h"
#include "ui.h"
#include "ui-private.h"
#include "xalloc.h"

volatile sig_atomic_t ui_signal;
static int curses_up;
static struct buf held;		/* warnings held while the screen is up */
static int nheld;

static void
hold(const char *msg)
{
	if (held.len)
		buf_adds(&held, "\n");
	buf_adds(&held, msg);
	nheld++;
}

void
ui_hold_warnings(void)
{
	diag_set_sink(hold);
}

/* Say the first warning held after the first from of them, if any. */
static void
say_held(struct ui *u, int from)
{
	const char *m = held.s, *nl, *p, *q, *base;
	size_t len;
	int i;

	if (nheld <= from)
		return;
	for (i = 0; i < from; i++)
		m = strchr(m, '\n') + 1;
	nl = strchr(m, '\n');
	len = nl ? (size_t)(nl - m) : strlen(m);
	/* FILE:LINE: ... with FILE's folders left out (stderr has them). */
	for (p = m; p < m + len && !(p[0] == ':' && p[1] >= '0' && p[1] <= '9'); p++)
		;
	for (base = m, q = m; q < p; q++)
		if (*q == '/')
			base = q + 1;
	if (p < m + len) {
		len -= (size_t)(base - m);
		m = base;
	}
	if (nheld > 1) {
		char tail[80];

		snprintf(tail, sizeof tail, " (%d of %d problems; see --check-config)",
		    from + 1, nheld);
		ui_message(u, "%.*s%s", (int)len, m, tail);
		u->msg_keep = strlen(tail);
	} else {
		ui_message(u, "%.*s", (int)len, m);
	}
}

static void
restore_terminal(void)
{
	if (curses_up)
		endwin();
	curses_up = 0;
}

static void
on_signal(int sig)
{
	ui_signal = sig;
}

/* The layout of the reader's choices (languages, stacked) for the screen. */
static void
current_layout(struct ui *u, struct layout_opts *lo)
{
	*lo = u->base;
	lo->width = u->cols;
	if (u->show == 0 && u->pair[1] >= 0) {
		lo->side[0] = u->pair[0];
		lo->side[1] = u->pair[1];
		lo->mode = u->stacked || u->cols < u->stack_below ?
		    LAYOUT_STACKED : LAYOUT_SIDE;
	} else {
		lo->side[0] = u->show == 2 ? u->pair[1] : u->pair[0];
		lo->side[1] = -1;
		lo->mode = LAYOUT_SINGLE;
	}
	if (lo->side[1] < 0)
		u->focus = 0;
}

/* The languages to show, side by side or not, from a layout. */
static void
set_pairs(struct ui *u, const struct layout_opts *lo)
{
	u->pair[0] = lo->side[0] >= 0 ? lo->side[0] : 0;
	u->pair[1] = lo->side[1] >= 0 ? lo->side[1] : -1;
	u->show = 0;
	if (lo->side[1] < 0 && u->doc->nlangs > 1) {
		u->pair[1] = u->pair[0] == 0 ? 1 : 0;
		u->show = 1;
	}
	u->stacked = lo->mode == LAYOUT_STACKED;
	if (lo->mode == LAYOUT_SINGLE && u->pair[1] >= 0)
		u->show = 1;
}

/* The first screen line of the text: under the pillar bar, if shown. */
int
ui_text_top(const struct ui *u)
{
	return u->bar && pillars_count(u->pillars) > 0 && u->lines > 3;
}

int
ui_text_lines(const struct ui *u)
{
	int n = u->lines - (u->status ? 1 : 0) - ui_text_top(u);

	return n > 0 ? n : 1;
}

void
ui_relayout(struct ui *u)
{
	struct layout_opts lo;

	getmaxyx(stdscr, u->lines, u->cols);
	current_layout(u, &lo);
	view_set_layout(&u->view, &lo, ui_text_lines(u));
}

void
ui_message(struct ui *u, const char *fmt, ...)
{
	va_list ap;

	buf_reset(&u->msg);
	u->msg_keep = 0;
	va_start(ap, fmt);
	buf_vprintf(&u->msg, fmt, ap);
	va_end(ap);
}

/* --- input --------------------------------------------------------- */

/* The one place keys come in: curses codes become key codes. */
int
ui_key(MEVENT *mouse)
{
	static const int codes[][2] = {		/* curses' code, ours */
		{ KEY_UP, K_UP }, { KEY_DOWN, K_DOWN }, { KEY_LEFT, K_LEFT },
		{ KEY_RIGHT, K_RIGHT }, { KEY_PPAGE, K_PGUP }, { KEY_NPAGE, K_PGDN },
		{ KEY_HOME, K_HOME }, { KEY_END, K_END }, { KEY_BTAB, K_BTAB },
		{ KEY_BACKSPACE, K_BACKSPACE }, { KEY_DC, K_DELETE }, { KEY_IC, K_INSERT },
		{ KEY_ENTER, K_ENTER }, { KEY_RESIZE, KEY_RESIZE },
	};
	wint_t ch;
	int r = get_wch(&ch);
	size_t i;

	if (r == ERR)
		return -1;
	if (r == KEY_CODE_YES) {
		for (i = 0; i < sizeof codes / sizeof codes[0]; i++)
			if (codes[i][0] == (int)ch)
				return codes[i][1];
		if (ch == KEY_MOUSE)
			return mouse && getmouse(mouse) == OK ? KEY_MOUSE : -1;
		if (ch >= KEY_F(1) && ch <= KEY_F(12))
			return K_F1 + (ch - KEY_F(1));
		return -1;
	}
	switch (ch) {
	case '\n': case '\r': return K_ENTER;
	case '\t': return K_TAB;
	case 27: return K_ESC;
	case 127: case 8: return K_BACKSPACE;
	default:
		if (ch < 32)
			return K_CTRL | (ch + 'a' - 1);
		return (int)ch;
	}
}

/* --- the remembered place ------------------------------------------- */

/* Seconds the place stays still before it is written. */
#define PLACE_PAUSE 1.0

static double
seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The reader's place and view now, and the bookmarks. */
static void
place_now(struct ui *u, struct state_place *pl)
{
	const struct view *v = &u->view;
	int k;

	memcpy(pl->mark, u->state.place.mark, sizeof pl->mark);
	pl->fixes = u->state.place.fixes;
	pl->top = pl->cur = 0;
	pl->top_line = 0;
	pl->text[0] = pl->lang[0][0] = pl->lang[1][0] = '\0';
	if (v->nshown) {
		pl->top = view_row(v, v->top);
		pl->top_line = v->top_line;
		pl->cur = view_row(v, v->cur);
		state_row_text(u->doc, pl->top, pl->text);
	}
	for (k = 0; k < 2; k++)
		if (u->pair[k] >= 0 && u->pair[k] < u->doc->nlangs)
			snprintf(pl->lang[k], sizeof pl->lang[k], "%s",
			    lang_code(u->doc->langs[u->pair[k]]));
	pl->show = u->show;
	pl->stacked = u->stacked;
	pl->focus = u->focus;
}

static int
same_place(const struct state_place *a, const struct state_place *b)
{
	return a->top == b->top && a->top_line == b->top_line && a->cur == b->cur &&
	    strcmp(a->lang[0], b->lang[0]) == 0 && strcmp(a->lang[1], b->lang[1]) == 0 &&
	    a->show == b->show && a->stacked == b->stacked && a->focus == b->focus &&
	    strcmp(a->text, b->text) == 0;
}

/* The slot of the language a state names, or -1. */
static int
state_slot(const struct ui *u, const char *code)
{
	int id = code[0] ? lang_find(code, strlen(code)) : -1;

	return id >= 0 ? doc_lang_slot(u->doc, id) : -1;
}

void
ui_go_spot(struct ui *u, const struct ui_spot *s)
{
	struct view *v = &u->view;

	if (!v->nshown)
		return;
	view_goto_top(v, view_index(v, s->row));
	if (s->line < view_height(v, v->top))
		v->top_line = s->line;
	v->cur = view_index(v, s->cur < u->doc->nrows ? s->cur : u->doc->nrows - 1);
	if (!view_visible(v, v->cur))
		view_goto(v, v->cur);
}

/* The bookmarks of an edited briefing follow their paragraphs; those
 * whose paragraph is gone are dropped: returns how many. */
static int
follow_marks(struct ui *u)
{
	int i, gone = 0;

	for (i = 0; i < STATE_MARKS; i++) {
		struct state_mark *m = &u->state.place.mark[i];
		long r;

		if (!m->set)
			continue;
		r = state_find_row(u->doc, m->row, m->text);
		if (r < 0) {
			m->set = 0;
			gone++;
		} else {
			m->row = (size_t)r;
		}
	}
	return gone;
}

/* Go to the place the state holds. */
static void
restore_place(struct ui *u)
{
	const struct state_place *pl = &u->state.place;
	struct view *v = &u->view;
	struct ui_spot to;
	long r;
	int left = state_slot(u, pl->lang[0]), right = state_slot(u, pl->lang[1]);
	int gone = 0;
	char dropped[64] = "";

	if (!u->opts->langs_given && left >= 0 && left != right) {
		u->pair[0] = left;
		u->pair[1] = right >= 0 ? right : u->pair[1] != left ? u->pair[1] :
		    u->doc->nlangs > 1 ? (left == 0) : -1;
		u->show = u->pair[1] >= 0 ? pl->show : 0;
		u->focus = pl->focus;
	}
	u->stacked = pl->stacked;
	ui_relayout(u);
	r = state_find_row(u->doc, pl->top, pl->text);
	if (u->state.moved && (gone = follow_marks(u)) > 0)
		snprintf(dropped, sizeof dropped, " (%d bookmark%s dropped: %s gone)",
		    gone, gone > 1 ? "s" : "", gone > 1 ? "their paragraphs are" :
		    "its paragraph is");
	if (r < 0 || !v->nshown) {
		if (u->state.moved)
			ui_message(u, "The briefing changed since it was last read; "
			    "its place is gone: at the top%s", dropped);
		return;
	}
	to.set = 1;
	to.row = (size_t)r;
	to.line = pl->top_line;
	/* The current row as far from the top as it was. */
	to.cur = pl->cur >= pl->top ? (size_t)r + (pl->cur - pl->top) :
	    (size_t)r - (pl->top - pl->cur < (size_t)r ? pl->top - pl->cur : (size_t)r);
	ui_go_spot(u, &to);
	if (u->state.moved)
		ui_message(u, "The briefing changed since it was last read; "
		    "back at the paragraph you left (%ld)%s", r + 1, dropped);
}

/* The rows as the state's fixes make them; an edited briefing's fixes are
 * dropped, its blocks being others. */
static void
apply_fixes(struct ui *u)
{
	struct fixes *f = &u->state.place.fixes;
	int n = f->n;

	if (u->state.moved) {
		f->n = 0;
		u->state_changed = 1;
		diag_warn("the briefing changed since it was last read: %d fix%s of its rows "
		    "dropped", n, n == 1 ? "" : "es");
		return;
	}
	ui_refix(u);
	if (u->doc->fixes_left_out > 0)
		ui_message(u, "%d of %d fixes of the rows no longer fit the briefing and are "
		    "left out", u->doc->fixes_left_out, n);
}

/* Read the state of the whole briefing; go to its place unless the reader
 * has moved already. */
static void
remember_start(struct ui *u, int moved)
{
	struct buf why = {0};
	int rc;

	if (!u->opts->remember || u->remembering)
		return;
	u->remembering = 1;
	rc = state_open(&u->state, u->doc->files, u->doc->nfiles, &why);
	if (rc < 0)
		ui_message(u, "%s", why.s);
	if (rc == 1 && u->state.place.fixes.n)
		apply_fixes(u);
	if (rc == 1 && !moved)
		restore_place(u);
	buf_free(&why);
	/* What is shown now is what the state holds, unless it moved. */
	if (rc == 1 && !u->state.moved && !moved)
		place_now(u, &u->state.place);
	else
		u->place_changed = seconds();
}

/* Write the place when it changed: at once when now is set, else once it
 * has been still for PLACE_PAUSE. */
static void
remember_place(struct ui *u, int now)
{
	struct state_place pl;
	struct buf why = {0};

	if (!u->remembering || u->state_failed || !u->state.dir.len)
		return;
	place_now(u, &pl);
	if (!same_place(&pl, &u->state.place)) {
		u->state.place = pl;
		u->place_changed = seconds();
	}
	/* A bookmark is written at once. */
	if (u->state_changed)
		now = u->place_changed = 1;
	if (!u->place_changed || (!now && seconds() - u->place_changed < PLACE_PAUSE))
		return;
	u->place_changed = 0;
	u->state_changed = 0;
	if (state_save(&u->state, &why) < 0) {
		u->state_failed = 1;
		ui_message(u, "The place will not be remembered: %s", why.s);
		diag_warn("the place will not be remembered: %s", why.s);
	}
	buf_free(&why);
}

/* R: the place is written, the viewer quits and the command runs again,
 * reading the files anew and opening at the remembered place (moved to
 * the same paragraph when a file was edited). */
void
ui_reload(struct ui *u, enum action a)
{
	size_t i;

	(void)a;
	for (i = 0; i < u->doc->nfiles; i++)
		if (strcmp(u->doc->files[i].name, "-") == 0) {
			ui_message(u, "Standard input cannot be read again");
			return;
		}
	if (!u->opts->argv || !u->remembering || u->state_failed || !u->state.dir.len) {
		ui_message(u, "R opens the briefing again at the remembered place: not with "
		    "--no-state or [state] remember = no");
		return;
	}
	u->state_changed = 1;
	remember_place(u, 1);
	if (u->state_failed)
		return;
	u->reload = 1;
	u->quit = 1;
}

/* --- a briefing still being read ------------------------------------ */

/*
 * The whole briefing is read: show it in place of its first part, at the
 * same paragraph, with the same languages.
 */
static void
adopt(struct ui *u)
{
	struct doc *first = u->doc, *whole;
	struct loader *ld = u->loader;
	struct view *v = &u->view;
	struct layout_opts lo;
	struct buf why = {0};
	long top = 0, cur = 0;
	int top_line = v->top_line, before = nheld, k;

	u->loader = NULL;
	whole = loader_doc(ld, &why);
	if (!whole) {
		ui_message(u, "%s (showing the first part only)", why.s ? why.s : "");
		buf_free(&why);
		return;
	}
	if (v->nshown) {
		top = loader_map_row(ld, first, view_row(v, v->top));
		cur = loader_map_row(ld, first, view_row(v, v->cur));
	}
	u->doc = whole;
	u->pillars = u->opts->whole(whole, &lo);
	for (k = 0; k < 2 && first->nlangs > 1; k++)
		if (u->pair[k] >= 0)
			u->pair[k] = doc_lang_slot(whole, first->langs[u->pair[k]]);
	/* The first part held one version only: start as with the whole. */
	if (first->nlangs < 2 || u->pair[0] < 0 || (u->pair[1] < 0 && whole->nlangs > 1))
		set_pairs(u, &lo);
	free(u->marked);
	u->marked = xcalloc(whole->nrows + 1, 1);
	u->nmarked = 0;
	view_free(v);
	current_layout(u, &lo);
	view_init(v, whole, &lo, ui_text_lines(u));
	if (top >= 0 && cur >= 0) {
		struct ui_spot at = { 1, (size_t)top, (size_t)cur, top_line };

		ui_go_spot(u, &at);
	}
	say_held(u, before);
	remember_start(u, top > 0 || cur > 0 || top_line > 0);
}

/*
 * Before an action that needs the whole briefing (the end, a search, a
 * pillar, printing): wait until it is read, showing so; the dialogs'
 * cancel key stops waiting, the quit key quits.  Returns 0 when the
 * reader stopped waiting.
 */
int
ui_need_whole(struct ui *u)
{
	char cancel[32];

	keys_first(ACT_CANCEL, cancel, sizeof cancel);
	while (u->loader && !loader_done(u->loader)) {
		int k;

		ui_message(u, "Reading the whole briefing... (%s stops waiting)", cancel);
		ui_draw_status(u);
		refresh();
		timeout(50);
		k = ui_key(NULL);
		if (k == KEY_RESIZE) {
			ui_relayout(u);
			ui_draw(u);
		} else if (ui_signal || (k >= 0 && (keys_dialog(k) == ACT_CANCEL ||
		    keys_action(k) == ACT_QUIT))) {
			u->quit = k >= 0 && keys_action(k) == ACT_QUIT;
			ui_message(u, "Still reading the briefing");
			return 0;
		}
	}
	buf_reset(&u->msg);
	if (u->loader)
		adopt(u);
	return 1;
}

/* Whether a key is waiting to be read (it stays there). */
static int
key_waiting(void)
{
	int k;

	nodelay(stdscr, TRUE);
	k = getch();
	nodelay(stdscr, FALSE);
	if (k == ERR)
		return 0;
	ungetch(k);
	return 1;
}

static void
click(struct ui *u, const MEVENT *m)
{
	struct layout_geom g;
	size_t i;
	int line;

	/* The wheel scrolls three lines. */
	if (m->bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		view_scroll(&u->view, m->bstate & BUTTON4_PRESSED ? -3 : 3);
		return;
	}
	if (!(m->bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) ||
	    !view_at(&u->view, m->y - ui_text_top(u), &i, &line))
		return;
	u->view.cur = i;
	layout_geom(&u->view.lo, &g);
	if (u->view.lo.mode == LAYOUT_SIDE)
		u->focus = m->x >= g.x[1];
	else if (u->view.lo.mode == LAYOUT_STACKED)
		u->focus = line >= (int)view_layout(&u->view, i)->lines[0].n;
}

/* [keys] action = keys, already checked when the settings were read.  The
 * defaults are bound already: binding one again would take its key back
 * from an action the reader gave it to. */
static void
bind_key(void *ctx, const char *key, const char *value)
{
	enum action a = keys_find(strchr(key, ':') + 1);
	const struct key_action *k;

	(void)ctx;
	for (k = keys_table; k->name && k->action != a; k++)
		;
	if (a != ACT_NONE && !(k->name && strcmp(k->keys, value) == 0))
		keys_bind(a, value, NULL);
}

/* A key bound to nothing: said once per key, naming the action it was
 * bound to by default when there is one. */
static void
unbound_key(struct ui *u, int k)
{
	static int told[64];
	static int ntold;
	enum action was = keys_default_action(k);
	char name[32], help[32], now[32];
	int i;

	for (i = 0; i < ntold; i++)
		if (told[i] == k)
			return;
	if (ntold < 64)
		told[ntold++] = k;
	keys_name(k, name, sizeof name);
	keys_first(ACT_HELP, help, sizeof help);
	if (was == ACT_NONE) {
		ui_message(u, "Unknown key: %s (%s for help)", name, *help ? help : "no key");
		return;
	}
	keys_first(was, now, sizeof now);
	for (i = 0; keys_table[i].action != was; i++)
		;
	if (*now)
		ui_message(u, "%s is not bound: [keys] %s is %s (%s for help)", name,
		    keys_table[i].name, now, *help ? help : "no key");
	else
		ui_message(u, "%s is not bound: [keys] %s has no key", name, keys_table[i].name);
}

/* The viewer's state for doc, from the settings. */
static void
ui_init(struct ui *u, struct doc *doc, const struct layout_opts *lo, const struct ui_opts *o)
{
	memset(u, 0, sizeof *u);
	u->doc = doc;
	u->opts = o;
	u->base = *lo;
	set_pairs(u, lo);
	u->pillars = o->pillars;
	u->loader = o->loader;
	u->active = -1;
	u->range = -1;
	u->marked = xcalloc(doc->nrows + 1, 1);
	u->bar = settings_bool(o->cfg, "layout:pillar_bar");
	u->stack_below = settings_int(o->cfg, "layout:stack_below");
	u->status = settings_bool(o->cfg, "layout:status");
	keys_init();
	settings_each_key(o->cfg, "keys", bind_key, NULL);
}

/* Take the terminal: keys from *in (the terminal, when the briefing comes
 * on standard input, as in less), signals caught, curses set up. */
static SCREEN *
open_terminal(struct ui *u, FILE **in)
{
	struct sigaction sa;
	SCREEN *scr;
	char *cup;

	*in = NULL;
	if (!isatty(STDIN_FILENO)) {
		*in = fopen("/dev/tty", "r");
		if (!*in)
			die(1, "no terminal to read keys from (/dev/tty: %s)", strerror(errno));
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	die_set_hook(restore_terminal);
	scr = newterm(NULL, stdout, *in ? *in : stdin);
	if (!scr)
		die(1, "cannot use this terminal (TERM=%s)", getenv("TERM") ? getenv("TERM") : "");
	/* A terminal that cannot place the cursor (TERM=dumb) shows nothing
	 * of a full screen. */
	cup = tigetstr("cup");
	if (!cup || cup == (char *)-1) {
		endwin();
		delscreen(scr);
		die(1, "cannot use this terminal (TERM=%s: it cannot move the cursor); "
		    "try --dump", getenv("TERM") ? getenv("TERM") : "");
	}
	curses_up = 1;
	set_term(scr);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	timeout(200);
	curs_set(0);
	ui_draw_colors(u);
	if (settings_bool(u->opts->cfg, "layout:mouse")) {
		mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED |
		    BUTTON5_PRESSED, NULL);
		mouseinterval(0);
	}
	return scr;
}

/* The next key; while none comes, the rest of the briefing is tagged a
 * slice at a time, so the bar's counts fill in without holding up any
 * key.  -1 when none came in time. */
static int
next_key(struct ui *u, MEVENT *m)
{
	int k;

	timeout(u->loader ? 50 : 200);
	k = ui_key(m);
	while (k == -1 && !pillars_done(u->pillars) && !ui_signal) {
		if (pillars_tag_some(u->pillars, 2000)) {
			ui_draw_bar(u);
			refresh();
		}
		timeout(0);
		k = ui_key(m);
		timeout(u->loader ? 50 : 200);
	}
	return k;
}

/* Keys until the reader quits or a signal comes. */
static void
loop(struct ui *u)
{
	while (!u->quit && !ui_signal) {
		MEVENT m;
		int k;

		/* Keys typed meanwhile go first: showing a huge briefing
		 * may take a moment. */
		if (u->loader && loader_done(u->loader) && !key_waiting())
			adopt(u);
		ui_draw(u);
		k = next_key(u, &m);
		if (k == -1) {
			remember_place(u, 0);
			continue;
		}
		buf_reset(&u->msg);
		if (k == KEY_RESIZE)
			ui_relayout(u);
		else if (k == KEY_MOUSE)
			click(u, &m);
		else if (keys_action(k) == ACT_NONE)
			unbound_key(u, k);
		else
			ui_act(u, keys_action(k));
		remember_place(u, 0);
	}
}

int
ui_run(struct doc *doc, const struct layout_opts *lo, const struct ui_opts *o)
{
	struct ui u;
	struct layout_opts cur;
	FILE *in;
	SCREEN *scr;
	int status;

	ui_init(&u, doc, lo, o);
	scr = open_terminal(&u, &in);
	getmaxyx(stdscr, u.lines, u.cols);
	current_layout(&u, &cur);
	view_init(&u.view, doc, &cur, ui_text_lines(&u));
	say_held(&u, 0);
	if (!u.loader)
		remember_start(&u, 0);
	loop(&u);
	remember_place(&u, 1);
	state_free(&u.state);
	status = ui_signal ? 128 + ui_signal : 0;
	view_free(&u.view);
	free(u.marked);
	search_free(&u.search);
	buf_free(&u.input);
	buf_free(&u.msg);
	restore_terminal();
	delscreen(scr);
	if (in)
		fclose(in);
	diag_set_sink(NULL);
	if (u.reload) {
		/* (What was held is said again by the new run.) */
		fflush(NULL);
		execv("/proc/self/exe", o->argv);
		execvp(o->argv[0], o->argv);
		die(1, "R: cannot run %s again: %s", o->argv[0], strerror(errno));
	}
	if (nheld)
		fprintf(stderr, "%s\n", held.s);
	buf_free(&held);
	return status;
}
