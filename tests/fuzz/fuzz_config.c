/* SPDX-License-Identifier: MIT */
/* libFuzzer target: any bytes as a settings file, then the --print-config
 * round trip: what diglot prints must read back cleanly and unchanged. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "diag.h"
#include "settings.h"

/*
 * Invariants, each an abort() when broken:
 *  - the --print-config output is valid UTF-8;
 *  - read back into fresh settings it draws no complaint;
 *  - and it gives every key the value it had, and no other key.
 */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The last complaint, to show when the round trip fails. */
static char last[512];

static void
keep_last(const char *msg)
{
	snprintf(last, sizeof last, "%s", msg);
}

static void
check(int ok, const char *what, const char *detail)
{
	if (ok)
		return;
	fprintf(stderr, "fuzz_config: %s%s%s\n", what, detail ? ": " : "",
	    detail ? detail : "");
	abort();
}

/* Settings compared key by key. */
struct compare {
	const struct settings *other;
	size_t keys;
};

static void
compare_key(void *ctx, const char *key, const char *value)
{
	struct compare *c = ctx;
	const char *v = settings_get(c->other, key);

	check(v != NULL, "--print-config lost a key", key);
	check(strcmp(v, value) == 0, "--print-config changed a value", key);
	c->keys++;
}

static void
count_key(void *ctx, const char *key, const char *value)
{
	size_t *n = ctx;

	(void)key;
	(void)value;
	(*n)++;
}

struct walk {
	const struct settings *cfg;
	void (*fn)(void *ctx, const char *key, const char *value);
	void *ctx;
};

static void
walk_section(void *ctx, const char *section)
{
	struct walk *w = ctx;

	settings_each_key(w->cfg, section, w->fn, w->ctx);
}

/* Call fn with every "section:key" of cfg and its value. */
static void
each_setting(const struct settings *cfg,
    void (*fn)(void *ctx, const char *key, const char *value), void *ctx)
{
	struct walk w;

	w.cfg = cfg;
	w.fn = fn;
	w.ctx = ctx;
	settings_each_section(cfg, "", walk_section, &w);
}

/* The settings as --print-config prints them, checked. */
static char *
print(const struct settings *cfg, size_t *n)
{
	char *out = NULL;
	FILE *f = open_memstream(&out, n);

	check(f != NULL, "open_memstream failed", NULL);
	settings_print(cfg, f);
	check(fclose(f) == 0, "settings_print's stream failed", NULL);
	check(u8_check((const uint8_t *)out, *n) == NULL,
	    "the --print-config output is not valid UTF-8", NULL);
	return out;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The built-in settings, read once: each run starts from copies. */
	static struct settings *base;
	struct settings *cfg, *again;
	struct compare c;
	size_t n, keys = 0;
	char *out;
	int before;

	if (!base) {
		diag_set_sink(keep_last);
		base = settings_new();
	}
	cfg = settings_copy(base);
	settings_read_text(cfg, "fuzz.ini", NULL, (const char *)data, size);
	out = print(cfg, &n);

	again = settings_copy(base);
	before = settings_problems(again);
	settings_read_text(again, "printed.ini", NULL, out, n);
	check(settings_problems(again) == before,
	    "the --print-config output draws complaints", last);
	c.other = again;
	c.keys = 0;
	each_setting(cfg, compare_key, &c);
	each_setting(again, count_key, &keys);
	check(keys == c.keys, "--print-config added keys", NULL);

	free(out);
	settings_free(again);
	settings_free(cfg);
	return 0;
}
