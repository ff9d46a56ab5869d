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
 *
 * The built-in settings are read and their whole --print-config checked
 * once; each run then starts from copies of them and prints only the keys
 * its input set (the others print as the built-in ones do).
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

/* The keys of settings and their values, in the order walked. */
struct keys {
	const char **key, **value;
	size_t n, cap;
};

static void
add_key(void *ctx, const char *key, const char *value)
{
	struct keys *k = ctx;

	if (k->n == k->cap) {
		k->cap = k->cap ? 2 * k->cap : 256;
		k->key = realloc(k->key, k->cap * sizeof *k->key);
		k->value = realloc(k->value, k->cap * sizeof *k->value);
		check(k->key && k->value, "out of memory", NULL);
	}
	k->key[k->n] = key;
	k->value[k->n++] = value;
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

/* The settings as --print-config prints them (with base, the keys that
 * differ from it), checked: *n bytes, in a stream kept from run to run
 * (each run writes from its start). */
static const char *
print(const struct settings *cfg, const struct settings *base, size_t *n)
{
	static FILE *f;
	static char *out;
	static size_t size;

	if (!f) {
		f = open_memstream(&out, &size);
		check(f != NULL, "open_memstream failed", NULL);
	}
	check(fseek(f, 0, SEEK_SET) == 0, "settings_print's stream failed", NULL);
	settings_print(cfg, base, f);
	*n = (size_t)ftell(f);
	check(fflush(f) == 0 && !ferror(f), "settings_print's stream failed", NULL);
	check(u8_check((const uint8_t *)out, *n) == NULL,
	    "the --print-config output is not valid UTF-8", NULL);
	return out;
}

/* Read what cfg prints back into a copy of base: it must draw no
 * complaint and give the same keys the same values. */
static void
round_trip(const struct settings *cfg, const struct settings *base, int whole)
{
	/* The keys of each, kept from run to run. */
	static struct keys had, now;
	struct settings *again = settings_copy(base);
	size_t n, i;
	const char *out = print(cfg, whole ? NULL : base, &n);
	int before = settings_problems(again);

	settings_read_text(again, "printed.ini", NULL, out, n);
	check(settings_problems(again) == before,
	    "the --print-config output draws complaints", last);
	/* Both walk their keys in the same order, or each key is looked up;
	 * a key or value a copy did not change is the same string in both. */
	had.n = now.n = 0;
	each_setting(cfg, add_key, &had);
	each_setting(again, add_key, &now);
	for (i = 0; i < had.n; i++) {
		const char *v = i < now.n && (had.key[i] == now.key[i] ||
		    strcmp(had.key[i], now.key[i]) == 0) ?
		    now.value[i] : settings_get(again, had.key[i]);

		check(v != NULL, "--print-config lost a key", had.key[i]);
		check(v == had.value[i] || strcmp(v, had.value[i]) == 0,
		    "--print-config changed a value",
		    had.key[i]);
	}
	check(now.n == had.n, "--print-config added keys", NULL);
	settings_free(again);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The built-in settings, read once: each run starts from a copy. */
	static struct settings *base;
	struct settings *cfg;

	if (!base) {
		diag_set_sink(keep_last);
		base = settings_new();
		round_trip(base, base, 1);
	}
	cfg = settings_copy(base);
	settings_read_text(cfg, "fuzz.ini", NULL, (const char *)data, size);
	round_trip(cfg, base, 0);
	settings_free(cfg);
	return 0;
}
