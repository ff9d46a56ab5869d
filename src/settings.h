/* SPDX-License-Identifier: MIT */
/* Settings: the compiled-in defaults and INI files, layered key by key. */
#ifndef DIGLOT_SETTINGS_H
#define DIGLOT_SETTINGS_H

#include <stddef.h>

struct settings;

/* A configuration holding the built-in defaults (config/diglot.ini). */
struct settings *settings_new(void);
void settings_free(struct settings *cfg);

/*
 * Read INI text, name being what messages call it; each key overrides an
 * earlier value of the same key.  A line that cannot be read is reported as
 * NAME:LINE and costs only itself.  Returns the number of complaints.
 */
int settings_read_text(struct settings *cfg, const char *name, const char *text,
    size_t len);

/* The value of "section:key", or NULL. */
const char *settings_get(const struct settings *cfg, const char *key);

/*
 * The comma-separated list in "section:key" and its continuations
 * "section:key.2", "section:key.3"...: calls fn for each trimmed, non-empty
 * item.
 */
void settings_each_item(const struct settings *cfg, const char *key,
    void (*fn)(void *ctx, const char *item, size_t len), void *ctx);

/* Calls fn with the name of each section whose name starts with prefix. */
void settings_each_section(const struct settings *cfg, const char *prefix,
    void (*fn)(void *ctx, const char *section), void *ctx);

#endif
