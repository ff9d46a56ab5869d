/* SPDX-License-Identifier: MIT */
/* The full-screen viewer: the only module that includes curses. */
#ifndef DIGLOT_UI_H
#define DIGLOT_UI_H

struct doc;
struct settings;
struct pillars;
struct layout_opts;
struct loader;

/* What the viewer takes from the command line; the rest comes from the
 * settings ([layout], [colors], [keys], [copy]). */
struct ui_opts {
	const char *name;		/* the document's name for the status line */
	const struct settings *cfg;
	struct pillars *pillars;
	/* A briefing still being read (doc is its first part), or NULL;
	 * once it is read, whole gives the pillars and the starting layout
	 * for the whole document. */
	struct loader *loader;
	struct pillars *(*whole)(struct doc *doc, struct layout_opts *lo);
	/* Open at the remembered place and remember it (state.h); the
	 * languages come from --lang when langs_given. */
	int remember, langs_given;
	/* The command line, to run again for R (reload); NULL: no reload. */
	char *const *argv;
};

/* Collect warnings from now on, to show them once the screen is up. */
void ui_hold_warnings(void);

/* Run the viewer on doc; lo gives the starting layout.  Returns the exit
 * status. */
int ui_run(struct doc *doc, const struct layout_opts *lo, const struct ui_opts *o);

#endif
