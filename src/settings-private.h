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

#include <stdint.h>

#include "buf.h"

/* iniparser's limit: a line holds at most 1022 bytes and its newline. */
enum { LINE_MAX_BYTES = 1022 };

enum opt_type { T_INT, T_BOOL, T_ENUM, T_STRING, T_LIST, T_COLOR, T_KEYS, T_LANG,
	T_LANGS, T_SCRIPT, T_LENGTH };

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
	int min, max;		/* T_LENGTH: in millimetres */
	const char *const *values;	/* T_ENUM: the allowed values, NULL-terminated */
	const char *help;
};

/*
 * A section ("pillar.causes") or a key ("pillar.causes:terms.en"), in
 * lower case.  A section links its keys in the order they were first set.
 */
struct entry {
	const char *name;
	const char *value;	/* a section's: NULL */
	const char *origin;	/* where it was set; NULL: the defaults */
	uint32_t hash;
	uint32_t next;		/* a section: its first key; a key: the next one of its
				 * section (an index + 1; 0: none) */
	uint32_t last;		/* a section: its last key */
};

/*
 * The settings: the entries in the order they were first set, each
 * section before its keys; a table of slots (a power of two, at most half
 * full, each an entry's index + 1) that finds an entry by name; the
 * strings, in chunks that never move, so that a value stays valid until
 * the settings are freed (the first nshared are shared with the settings
 * this is a copy of, and not written to).
 */
struct settings {
	struct entry *v;
	size_t n, cap;
	uint32_t *slot;
	size_t nslot;
	struct chunk **chunk;
	size_t nchunk, capchunk, nshared;
	int problems;
};

/* The entry of a section or "section:key" (any case), or NULL. */
const struct entry *settings_find(const struct settings *cfg, const char *name);
/* Set key ("section:key", in lower case) of section to value, set at
 * origin (NULL: the defaults). */
void settings_put(struct settings *cfg, const char *section, const char *key,
    const char *value, const char *origin);

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
