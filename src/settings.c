/* SPDX-License-Identifier: MIT */
/* Settings: the compiled-in defaults and INI files, layered key by key. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef HAVE_INIPARSER_INIPARSER_H
#include <iniparser/iniparser.h>
#else
#include <iniparser.h>
#endif

#include "buf.h"
#include "diag.h"
#include "settings.h"
#include "xalloc.h"

/* config/diglot.ini, compiled in (builtin-ini.c, generated). */
extern const char config_builtin[];

struct settings {
	dictionary *values;	/* "section:key" -> value */
	dictionary *origin;	/* "section:key" -> "FILE:LINE" */
};

struct settings *
settings_new(void)
{
	struct settings *cfg = xcalloc(1, sizeof *cfg);

	cfg->values = dictionary_new(0);
	cfg->origin = dictionary_new(0);
	if (!cfg->values || !cfg->origin)
		die(1, "out of memory");
	settings_read_text(cfg, "built-in defaults", config_builtin,
	    strlen(config_builtin));
	return cfg;
}

void
settings_free(struct settings *cfg)
{
	if (!cfg)
		return;
	dictionary_del(cfg->values);
	dictionary_del(cfg->origin);
	free(cfg);
}

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	*e = '\0';
	return s;
}

static void
lower_ascii(char *s)
{
	for (; *s; s++)
		*s = tolower((unsigned char)*s);
}

/* Cut an unquoted value at a comment, or unquote a quoted one. */
static char *
value_of(char *v)
{
	char *e;

	v = trim(v);
	if ((*v == '"' || *v == '\'') && (e = strchr(v + 1, *v)) != NULL) {
		*e = '\0';
		return v + 1;
	}
	e = strpbrk(v, ";#");
	if (e)
		*e = '\0';
	return trim(v);
}

int
settings_read_text(struct settings *cfg, const char *name, const char *text,
    size_t len)
{
	struct buf line = {0}, key = {0}, where = {0};
	char section[256] = "";
	size_t i = 0;
	int lineno = 0, bad = 0;

	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t n = nl ? (size_t)(nl - text - i) : len - i;
		char *s, *eq;

		lineno++;
		buf_reset(&line);
		buf_add(&line, text + i, n);
		i += n + 1;
		s = line.s;
		if (lineno == 1 && strncmp(s, "\xEF\xBB\xBF", 3) == 0)
			s += 3;
		s = trim(s);
		if (*s == '\0' || *s == ';' || *s == '#')
			continue;
		if (*s == '[') {
			char *e = strchr(s, ']');

			if (!e || e - s - 1 >= (int)sizeof section || e == s + 1) {
				diag_warn("%s:%d: not a [section] line; ignored", name, lineno);
				bad++;
				continue;
			}
			memcpy(section, s + 1, e - s - 1);
			section[e - s - 1] = '\0';
			lower_ascii(section);
			buf_reset(&key);
			buf_adds(&key, section);
			iniparser_set(cfg->values, key.s, NULL);
			continue;
		}
		eq = strchr(s, '=');
		if (!eq || !section[0]) {
			diag_warn("%s:%d: %s; ignored", name, lineno,
			    eq ? "key outside any [section]" :
			    "not a key = value line");
			bad++;
			continue;
		}
		*eq = '\0';
		buf_reset(&key);
		buf_printf(&key, "%s:%s", section, trim(s));
		lower_ascii(key.s);
		iniparser_set(cfg->values, key.s, value_of(eq + 1));
		buf_reset(&where);
		buf_printf(&where, "%s:%d", name, lineno);
		iniparser_set(cfg->origin, key.s, where.s);
	}
	buf_free(&line);
	buf_free(&key);
	buf_free(&where);
	return bad;
}

const char *
settings_get(const struct settings *cfg, const char *key)
{
	return iniparser_getstring(cfg->values, key, NULL);
}

void
settings_each_item(const struct settings *cfg, const char *key,
    void (*fn)(void *ctx, const char *item, size_t len), void *ctx)
{
	struct buf k = {0};
	int part;

	for (part = 1;; part++) {
		const char *v, *p;

		buf_reset(&k);
		if (part == 1)
			buf_adds(&k, key);
		else
			buf_printf(&k, "%s.%d", key, part);
		v = settings_get(cfg, k.s);
		if (!v)
			break;
		for (p = v; *p;) {
			const char *e = strchr(p, ',');
			const char *a = p, *b = e ? e : p + strlen(p);

			while (a < b && (*a == ' ' || *a == '\t'))
				a++;
			while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
				b--;
			if (b > a)
				fn(ctx, a, b - a);
			p = e ? e + 1 : p + strlen(p);
		}
	}
	buf_free(&k);
}

void
settings_each_section(const struct settings *cfg, const char *prefix,
    void (*fn)(void *ctx, const char *section), void *ctx)
{
	int i, n = iniparser_getnsec(cfg->values);
	size_t pl = strlen(prefix);

	for (i = 0; i < n; i++) {
		const char *sec = iniparser_getsecname(cfg->values, i);

		if (sec && strncmp(sec, prefix, pl) == 0)
			fn(ctx, sec);
	}
}
