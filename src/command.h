/* SPDX-License-Identifier: MIT */
/* Running a configured command (copy, print) without a shell. */
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

/*
 * Run argv directly (no shell) with text[0..n) on its standard input and
 * its standard output discarded.  Returns 0 when it ran and exited 0;
 * otherwise -1 with a message in why: the command's name, its exit status
 * and the first line it wrote on standard error.
 */
int command_run(char *const *argv, const char *text, size_t n, struct buf *why);
/* The same, stopping the command (SIGTERM, then SIGKILL) when it has not
 * read its input and exited within seconds (0: no limit); a command that
 * exits 0 without reading all of it fails too. */
int command_run_for(char *const *argv, const char *text, size_t n, int seconds,
    struct buf *why);

#endif
