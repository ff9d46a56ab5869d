/* SPDX-License-Identifier: MIT */
/* Running a command (copy, print, pdftotext) without a shell, bounded. */
#ifndef DIGLOT_COMMAND_H
#define DIGLOT_COMMAND_H

#include <stddef.h>

#include "buf.h"

/*
 * Split a command line into words with shell-like quoting ('…', "…", and
 * backslash escapes) but no expansion.  Returns a NULL-terminated vector
 * (free with command_free), or NULL with a message in why.
 */
char **command_split(const char *cmd, struct buf *why);
void command_free(char **argv);

/* How a run of a command ended. */
enum command_end {
	COMMAND_OK,		/* it exited 0, having read all of its input */
	COMMAND_FAILED,		/* it exited with another status */
	COMMAND_SIGNALLED,	/* a signal ended it */
	COMMAND_NOT_FOUND,	/* no such program (or exit status 127, saying nothing) */
	COMMAND_CANNOT_START,	/* no pipe or no process for it (the error says why) */
	COMMAND_TOO_SLOW,	/* it had not ended within its seconds */
	COMMAND_TOO_MUCH,	/* it gave more than max_output bytes */
	COMMAND_UNREAD,		/* it exited 0 without reading all of its input */
	COMMAND_INTERRUPTED,	/* diglot got SIGINT, SIGTERM, SIGHUP or SIGQUIT */
};

/* The most of a command's standard error that is kept. */
enum { COMMAND_MAX_ERRTEXT = 65536 };

/* What to run, and with what; a field left 0 (or NULL) asks for nothing. */
struct command_spec {
	char *const *argv;	/* argv[0] is looked up in PATH */
	const char *input;	/* its standard input, input_len bytes (NULL: /dev/null) */
	size_t input_len;
	/* Its standard output, each piece as it comes (NULL: discarded). */
	void (*sink)(void *arg, const char *s, size_t n);
	void *arg;
	size_t max_output;	/* the most bytes it may give the sink (0: no bound) */
	int seconds;		/* the most time it may take (0: no limit) */
	int end_group;		/* end what it left running also when it exits */
};

/* What came of a run (err to be freed with buf_free). */
struct command_result {
	int status;		/* its wait status, when it was started */
	int error;		/* the errno, when it could not start */
	size_t fed;		/* how much of its input it read */
	int signal;		/* the signal that interrupted diglot, or 0 */
	struct buf err;		/* its standard error, the first COMMAND_MAX_ERRTEXT bytes */
};

/*
 * Run spec's command in a session (and process group) of its own, without
 * a terminal, feeding its input and passing on its output while it works;
 * the run ends when the command exits.  When it takes too long or gives
 * too much, its whole group is ended (SIGTERM, a second's grace, SIGKILL),
 * so that nothing of it is left running.  The child is always reaped.
 *
 * A signal that would end diglot meanwhile (SIGINT, SIGTERM, SIGHUP,
 * SIGQUIT; one it ignores is left so) ends the command the same way: the
 * run returns COMMAND_INTERRUPTED with res->signal, its handling as it was
 * before, and the caller raises res->signal once it has cleaned up.  As it
 * sets the process's signal handling, it runs on the main thread only.
 */
enum command_end command_run(const struct command_spec *spec, struct command_result *res);

/*
 * Run argv with text[0..n) on its standard input and its standard output
 * discarded, within seconds (0: no limit).  Returns COMMAND_OK, or how it
 * failed with a message in why: the command's name, what happened and the
 * first line it wrote on standard error.  An interrupting signal is raised
 * again before it returns.
 */
enum command_end command_feed(char *const *argv, const char *text, size_t n, int seconds,
    struct buf *why);

#endif
