/* SPDX-License-Identifier: MIT */
/* Settings: one table of options, the compiled-in defaults and INI files
 * layered key by key, with a complaint for every bad line. */
#ifndef DIGLOT_SETTINGS_H
#define DIGLOT_SETTINGS_H

#include <stddef.h>
#include <stdio.h>

#include "buf.h"

struct settings;

/* A colour setting: fg and bg are 0-255 or -1 for the terminal's own. */
enum { COLOR_ATTR_BOLD = 1, COLOR_ATTR_REVERSE = 2, COLOR_ATTR_UNDERLINE = 4,
	COLOR_ATTR_DIM = 8 };
struct color {
	short fg, bg;
	unsigned attrs;
};

/* Settings holding the built-in defaults (config/diglot.ini). */
struct settings *settings_new(void);
/* A copy of cfg: its values, where each came from, its complaints so far
 * (the same as reading the same files again). */
struct settings *settings_copy(const struct settings *cfg);
void settings_free(struct settings *cfg);

/*
 * Read the settings files in order, later overriding earlier key by key:
 * $(sysconfdir)/diglot/diglot.ini, $XDG_CONFIG_HOME/diglot/diglot.ini
 * (~/.config when unset), $DIGLOT_CONFIG, then each of extra[0..n).  A
 * missing optional file is fine; an --config file that cannot be read
 * returns -1 with the reason in why.
 */
int settings_load(struct settings *cfg, char *const *extra, int n, struct buf *why);

/*
 * Read INI text, name being what complaints call it (origin is what
 * --print-config says; NULL for name).  Every bad line costs only its own
 * key; returns the number of complaints.
 */
int settings_read_text(struct settings *cfg, const char *name, const char *origin,
    const char *text, size_t len);

/* Complaints so far (for --check-config). */
int settings_problems(const struct settings *cfg);

/* The value of "section:key", or NULL.  Every lookup here and below names
 * an option of the table: any other name aborts the program, naming it. */
const char *settings_get(const struct settings *cfg, const char *key);
/* Typed values of table options (already validated). */
int settings_int(const struct settings *cfg, const char *key);
int settings_bool(const struct settings *cfg, const char *key);
/* A length ("18mm", "1.5 cm", "0.5in", "36pt") in points. */
double settings_length(const struct settings *cfg, const char *key);
/* Where "section:key" was set ("FILE:LINE"); NULL: the built-in defaults. */
const char *settings_origin(const struct settings *cfg, const char *key);
/* A length with its unit in points; -1 if v is none. */
double settings_parse_length(const char *v);
void settings_color(const struct settings *cfg, const char *key, struct color *c);

/* The allowed values of the choice "section:key", NULL-terminated, in the
 * table's order (enum layout_mode and enum print_layout follow it): the
 * one list of them.  A key that is not a choice of the table aborts. */
const char *const *settings_values(const char *key);
/* The index of value among settings_values(key), or -1. */
int settings_value_index(const char *key, const char *value);
/* The index of the choice's current value among settings_values(key). */
int settings_choice(const struct settings *cfg, const char *key);
/* The allowed values of key into out, joined by sep and the last two by
 * last ("a, b or c"). */
void settings_values_join(const char *key, const char *sep, const char *last,
    struct buf *out);

/* Parse a colour ("bold yellow on blue", "208", "reverse"); -1 if bad. */
int settings_parse_color(const char *s, struct color *c);

/* The comma-separated list in "section:key" and its continuations
 * "section:key.2", "section:key.3"...: calls fn for each trimmed item. */
void settings_each_item(const struct settings *cfg, const char *key,
    void (*fn)(void *ctx, const char *item, size_t len), void *ctx);

/* Calls fn with the name of each section whose name starts with prefix. */
void settings_each_section(const struct settings *cfg, const char *prefix,
    void (*fn)(void *ctx, const char *section), void *ctx);

/* Calls fn with each "section:key" of a section and its value. */
void settings_each_key(const struct settings *cfg, const char *section,
    void (*fn)(void *ctx, const char *key, const char *value), void *ctx);

/* Write the effective settings as INI, each value followed by where it
 * came from; with base, only the keys whose value or origin differ from
 * base's. */
void settings_print(const struct settings *cfg, const struct settings *base, FILE *f);

/* Write the table of options (section, key, default, allowed, help), one
 * per line separated by tabs: the documentation is checked against it. */
void settings_print_table(FILE *f);

#endif
