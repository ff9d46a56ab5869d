/* SPDX-License-Identifier: MIT */
/* What settings.c (the table, the lookups) and settings-read.c (reading
 * and checking files) share; no other file includes it. */
#ifndef DIGLOT_SETTINGS_PRIVATE_H
#define DIGLOT_SETTINGS_PRIVATE_H

#ifdef HAVE_INIPARSER_INIPARSER_H
#include <iniparser/iniparser.h>
#else
#include <iniparser.h>
#endif

#include "buf.h"

/* iniparser's limit: a line holds at most 1022 bytes and its newline. */
enum { LINE_MAX_BYTES = 1022 };

enum opt_type { T_INT, T_BOOL, T_ENUM, T_STRING, T_LIST, T_COLOR, T_KEYS, T_LANG,
	T_LANGS, T_SCRIPT };

/*
 * The table of options.  In section and key, "*" stands for any name
 * (language.*, title.*); a list key also takes numbered continuations
 * (terms.bg.2).  Reading, validation, --print-config and the manual's
 * option list all walk this table.
 */
struct option_def {
	const char *section, *key;
	enum opt_type type;
	const char *def;	/* as config/diglot.ini sets it; NULL: none (free-form sections) */
	int min, max;
	const char *const *values;	/* T_ENUM: the allowed values, NULL-terminated */
	const char *help;
};

struct settings {
	dictionary *values;	/* "section:key" -> value */
	dictionary *origin;	/* "section:key" -> where it was set */
	int problems;
};

/* The table's option for "section:key", or NULL. */
const struct option_def *settings_option(const char *key);
/* Whether the table has a section of this name. */
int settings_section_known(const char *section);
/* The closest known name to a misspelt section (key NULL) or key. */
const char *settings_suggest(const char *section, const char *key);
/* Lower-case the ASCII letters of s. */
void settings_lower(char *s);
/* yes/no and their kin into *out; -1 if v is neither. */
int settings_parse_bool(const char *v, int *out);
/* The index of v[0..n) among values (case folded when fold), or -1. */
int settings_index_in(const char *const *values, const char *v, size_t n, int fold);
/* values joined by sep, the last two by last ("a, b or c"), into out. */
void settings_join(const char *const *values, const char *sep, const char *last,
    struct buf *out);
/* What a colour may be, for a complaint: "[bold] ... COLOR [on COLOR], ...". */
void settings_color_forms(struct buf *out);

#endif
