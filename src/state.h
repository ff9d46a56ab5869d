/* SPDX-License-Identifier: MIT */
/* What the viewer remembers of a briefing between readings: one small text
 * file per briefing under $XDG_STATE_HOME/diglot/, named by a hash of the
 * briefing's text, so that a renamed or copied file keeps its state. */
#ifndef DIGLOT_STATE_H
#define DIGLOT_STATE_H

#include <stddef.h>

#include "buf.h"
#include "fix.h"

struct doc;
struct source;

enum { STATE_LANG = 16, STATE_TEXT = 64, STATE_ID = 32, STATE_MARKS = 62 };

/* A bookmark: a row, and its first words to find it in an edited text. */
struct state_mark {
	int set;
	size_t row;
	char text[STATE_TEXT];
};

/* The reader's place and view, and the bookmarks. */
struct state_place {
	size_t top;			/* the row at the top of the screen */
	int top_line;			/* its first line on screen */
	size_t cur;			/* the current row */
	char lang[2][STATE_LANG];	/* left and right languages ("": none) */
	int show;			/* 0 both, 1 the left only, 2 the right only */
	int stacked;			/* the reader asked for stacked */
	int focus;			/* 0 left, 1 right */
	char text[STATE_TEXT];		/* the first words of the top row */
	struct state_mark mark[STATE_MARKS];	/* by state_mark_index */
	struct fixes fixes;		/* the reader's fixes of the rows */
};

/* The slot of bookmark letter c (a-z, A-Z, 0-9), or -1. */
int state_mark_index(int c);
/* The letter of bookmark slot i. */
int state_mark_letter(int i);

struct state {
	char id[STATE_ID + 1];		/* the briefing's hash, in hex */
	struct buf dir;			/* the state folder */
	struct buf paths;		/* the files' absolute paths, a line each */
	struct buf file;		/* the state file of this briefing */
	int found;			/* a place was read */
	int moved;			/* ...from the state of an earlier text */
	struct state_place place;
};

/* The hash of the briefing made of files[0..n), in hex. */
void state_id(const struct source *files, size_t n, char id[STATE_ID + 1]);

/* The state folder: $XDG_STATE_HOME/diglot, else ~/.local/state/diglot.
 * -1 with a message in why when there is no home to put it in. */
int state_dir(struct buf *dir, struct buf *why);

/*
 * Find the state of the briefing of files[0..n): the file named by its
 * hash, else (its text changed) the last state of the same paths, which
 * sets moved.  Returns 1 when a place was read into st->place, 0 when
 * there is none, -1 when a state file is unreadable or bad: it is kept
 * aside as FILE.bad and why says so (the briefing opens at the top).
 */
int state_open(struct state *st, const struct source *files, size_t n, struct buf *why);

/* Read a state file's text into pl; -1 with what is wrong (and where) in
 * why. */
int state_parse(struct state_place *pl, const char *s, size_t n, struct buf *why);

/* The text of a state file for st. */
void state_format(const struct state *st, struct buf *out);

/* Write st's place: the briefing's state file, whole or not at all, and
 * the link from its paths to it.  -1 with a message in why. */
int state_save(struct state *st, struct buf *why);

/* Remove all but the keep most recently written state files of dir. */
void state_prune(const char *dir, int keep);

/* The row of doc with these first words: row itself when they are there,
 * else the nearest that has them (looking only so far); -1 when none, or
 * row when text is empty and row is in the briefing. */
long state_find_row(const struct doc *doc, size_t row, const char *text);

/* The first words of row r of doc, for a state_place. */
void state_row_text(const struct doc *doc, size_t r, char out[STATE_TEXT]);

void state_free(struct state *st);

#endif
