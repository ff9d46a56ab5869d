/* SPDX-License-Identifier: MIT */
/* Reading settings: INI text checked line by line and value by value
 * against the option table, then the files layered key by key, with a
 * complaint for every bad line. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unictype.h>
#include <unistr.h>

#include "buf.h"
#include "diag.h"
#include "keys.h"
#include "settings.h"
#include "settings-private.h"
#include "xalloc.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif

/* What the names of sections and keys are made of; what a list that is too
 * long is told. */
static const char name_chars[] = "abcdefghijklmnopqrstuvwxyz0123456789._-";
static const char list_hint[] = " (continue a long list in KEY.2, KEY.3, ...)";

/* Whether s holds a control character: C0 but tab, DEL, C1, or a bidi
 * or zero-width format character. */
static int
has_controls(const char *s)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + strlen(s);

	while (p < end) {
		ucs4_t uc;
		int k;

		if (*p >= 0x20 && *p < 0x7F) {	/* printable ASCII */
			p++;
			continue;
		}
		k = u8_mbtouc(&uc, p, end - p);
		if ((uc < 0x20 && uc != '\t') || uc == 0x7F || (uc >= 0x80 && uc < 0xA0) ||
		    uc_is_general_category(uc, UC_CATEGORY_Cf))
			return 1;
		p += k > 0 ? k : 1;
	}
	return 0;
}

/* One language code, or (T_LANGS) a comma-separated list, each with a
 * [language.CODE] section. */
static void
check_langs(const struct settings *cfg, const struct option_def *o, const char *v,
    struct buf *why)
{
	const char *p = v;

	while (*p && !why->len) {
		struct buf sec = {0};
		size_t k;

		p += strspn(p, " ,");
		k = strcspn(p, " ,");
		if (!k)
			break;
		if (o->type == T_LANG && p[k])
			buf_printf(why, "'%s' is not one language code", v);
		buf_printf(&sec, "language.%.*s", (int)k, p);
		settings_lower(sec.s);
		if (!why->len && !settings_find(cfg, sec.s))
			buf_printf(why, "'%.*s' is not a language with a [language.%.*s] "
			    "section", (int)k, p, (int)k, p);
		buf_free(&sec);
		p += k;
	}
}

/* What is wrong with value v of key for option o, in why ("" when
 * nothing).  Any value must be UTF-8 without controls, short enough for
 * --print-config to write it back on one line iniparser reads. */
static void
check_value(const struct settings *cfg, const struct option_def *o,
    const char *key, const char *v, struct buf *why)
{
	const char *bad = NULL;
	struct color c;
	char *end;
	long n;
	int b;

	if (u8_check((const uint8_t *)v, strlen(v)))
		buf_adds(why, "the value is not valid UTF-8");
	else if (has_controls(v))
		buf_adds(why, "the value holds control characters");
	else if (strlen(key) + strlen(v) + 6 > LINE_MAX_BYTES)
		buf_printf(why, "the value is longer than %zu bytes%s", (size_t)LINE_MAX_BYTES -
		    strlen(key) - 6, o->type == T_LIST ? list_hint : "");
	if (why->len)
		return;
	switch (o->type) {
	case T_INT:
		errno = 0;
		n = strtol(v, &end, 10);
		if (end == v || *end || errno)
			buf_printf(why, "'%s' is not a number (allowed: %d\xe2\x80\x93%d)", v,
			    o->min, o->max);
		else if (n < o->min || n > o->max)
			buf_printf(why, "%s is out of range (allowed: %d\xe2\x80\x93%d)", v,
			    o->min, o->max);
		break;
	case T_BOOL:
		if (settings_parse_bool(v, &b) < 0)
			buf_printf(why, "'%s' is not yes or no (allowed: yes, no)", v);
		break;
	case T_ENUM:
		if (settings_index_in(o->values, v, strlen(v), 1) < 0) {
			buf_printf(why, "'%s' is not allowed (allowed: ", v);
			settings_join(o->values, ", ", ", ", why);
			buf_adds(why, ")");
		}
		break;
	case T_COLOR:
		if (settings_parse_color(v, &c) < 0) {
			buf_printf(why, "'%s' is not a colour (allowed: ", v);
			settings_color_forms(why);
			buf_adds(why, ")");
		}
		break;
	case T_KEYS:
		/* An action the table lacks is reported as an unknown key. */
		if (keys_find(key) != ACT_NONE && v[strspn(v, " \t")] == '\0') {
			buf_adds(why, "no key for it (allowed: ");
			keys_names(why);
			buf_adds(why, ")");
		} else if (keys_find(key) != ACT_NONE && keys_check(v, &bad) < 0) {
			buf_printf(why, "'%.*s' is not a key (allowed: ", (int)strcspn(bad, ","),
			    bad);
			keys_names(why);
			buf_adds(why, ")");
		}
		break;
	case T_LANG:
	case T_LANGS:
		check_langs(cfg, o, v, why);
		break;
	case T_SCRIPT:
		if (!uc_script_byname(v))
			buf_printf(why, "'%s' is not a Unicode script (allowed: Latin, "
			    "Cyrillic, Greek, Arabic, Han, Hebrew, Armenian, Georgian, ...)", v);
		break;
	case T_LENGTH:
		if (settings_parse_length(v) < 0)
			buf_printf(why, "'%s' is not a length (allowed: a number and mm, cm, in "
			    "or pt, such as 18mm)", v);
		else if (settings_parse_length(v) > o->max * 72 / 25.4 + 1e-9)
			buf_printf(why, "%s is out of range (allowed: %dmm\xe2\x80\x93%dmm)", v,
			    o->min, o->max);
		break;
	case T_STRING:
	case T_LIST:
		break;
	}
}

/* --- reading -------------------------------------------------------- */

/* A key kept for iniparser, its option and the line it was last set on,
 * in a hash table over "section:key" that is at most half full. */
struct keyline {
	char *key;
	const struct option_def *opt;
	int line;
};

/* A complaint, held until the file is read so they come in line order. */
struct complaint {
	int line;
	char *msg;
};

struct scan {
	const char *name, *origin;
	struct keyline *kl;
	size_t nkl, capkl;	/* capkl: a power of two */
	struct buf clean;	/* the lines iniparser may see */
	struct buf scratch;	/* a key's full name, a value's origin */
	struct complaint *cv;
	size_t ncv, capcv;
	/* The pre-scan's place: the section being read (empty when none or
	 * a bad one), its line (0 before the first), its keys so far. */
	char section[256];
	int sec_line, sec_keys;
};

static void
complain(struct scan *sc, int line, const char *section, const char *key,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Hold a complaint about line, after "[section] key: " or "[section]: "
 * when they are given. */
static void
complain(struct scan *sc, int line, const char *section, const char *key,
    const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;

	if (key)
		buf_printf(&b, "[%s] %s: ", section, key);
	else if (section)
		buf_printf(&b, "[%s]: ", section);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	sc->cv = xgrow(sc->cv, &sc->capcv, sc->ncv + 1, sizeof *sc->cv);
	sc->cv[sc->ncv].line = line;
	sc->cv[sc->ncv++].msg = b.s;
}

/* An unknown section (key NULL) or key, with the closest known name. */
static void
complain_unknown(struct scan *sc, int line, const char *section, const char *key)
{
	const char *m = settings_suggest(section, key);

	complain(sc, line, section, key, "unknown %s%s%s%s; ignored", key ? "key" : "section",
	    m ? " (did you mean " : "", m ? m : "", m ? "?)" : "");
}

static int
by_line(const void *a, const void *b)
{
	const struct complaint *x = a, *y = b;

	return x->line != y->line ? (x->line > y->line) - (x->line < y->line) :
	    (x > y) - (x < y);
}

/* Say the complaints of a file, in line order. */
static void
flush_complaints(struct settings *cfg, struct scan *sc)
{
	size_t i;

	/* qsort is not stable: the address breaks ties within one line, and
	 * the messages of one line were added in order. */
	if (sc->ncv)
		qsort(sc->cv, sc->ncv, sizeof *sc->cv, by_line);
	for (i = 0; i < sc->ncv; i++) {
		diag_warn("%s:%d: %s", sc->name, sc->cv[i].line, sc->cv[i].msg);
		free(sc->cv[i].msg);
	}
	cfg->problems += sc->ncv;
	free(sc->cv);
}

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
		e--;
	*e = '\0';
	return s;
}

/* Whether s is a name of a section or key. */
static int
is_name(const char *s)
{
	return *s && strspn(s, name_chars) == strlen(s);
}

/* The slot of key: where it is, or the empty one it goes in. */
static struct keyline *
keyline(const struct scan *sc, const char *key)
{
	size_t h = 0, mask = sc->capkl - 1;
	const char *p;

	for (p = key; *p; p++)
		h = h * 31 + (unsigned char)*p;
	for (h &= mask; sc->kl[h].key && strcmp(sc->kl[h].key, key) != 0; h = (h + 1) & mask)
		;
	return &sc->kl[h];
}

/* Note that key, of option o, is set on line; returns the line it was set
 * on before (0 for none: an empty slot's line). */
static int
keyline_set(struct scan *sc, const char *key, const struct option_def *o, int line)
{
	struct keyline *k;
	int prev;

	if (2 * (sc->nkl + 1) > sc->capkl) {
		struct keyline *old = sc->kl;
		size_t i, n = sc->capkl;

		sc->capkl = 2 * n;
		sc->kl = xcalloc(sc->capkl, sizeof *sc->kl);
		for (i = 0; i < n; i++)
			if (old[i].key)
				*keyline(sc, old[i].key) = old[i];
		free(old);
	}
	k = keyline(sc, key);
	if (!k->key) {
		k->key = xstrdup(key);
		k->opt = o;
		sc->nkl++;
	}
	prev = k->line;
	k->line = line;
	return prev;
}

/* Read the logical line at text[*i..len) into line, as iniparser joins
 * lines: one that ends in a backslash, blanks after it aside, goes on with
 * the next (so "a\\" and a blank line go on again); at the end of the
 * text the backslashes are dropped.  *lineno counts physical lines.
 * Returns the number of a physical line holding a NUL byte, else 0. */
static int
logical_line(const char *text, size_t len, size_t *i, int *lineno, struct buf *line)
{
	int nul = 0;

	buf_reset(line);
	buf_add(line, "", 0);
	for (;;) {
		const char *nl = memchr(text + *i, '\n', len - *i);
		size_t n = nl ? (size_t)(nl - text - *i) : len - *i, e;

		(*lineno)++;
		if (memchr(text + *i, '\0', n))
			nul = nul ? nul : *lineno;
		buf_add(line, text + *i, n && text[*i + n - 1] == '\r' ? n - 1 : n);
		*i += n + (nl != NULL);
		for (;;) {
			for (e = line->len; e > 0 && memchr(" \t\r\v\f", line->s[e - 1], 5); e--)
				;
			if (e == 0 || line->s[e - 1] != '\\')
				return nul;
			line->len = e - 1;
			line->s[line->len] = '\0';
			if (*i < len)
				break;
		}
	}
}

/* The section being left had no keys: say so. */
static void
end_section(struct scan *sc)
{
	if (sc->section[0] && sc->sec_keys == 0)
		complain(sc, sc->sec_line, sc->section, NULL, "the section has no keys");
}

/* A "[section]" line s, on line first: a known section's keys go on to
 * iniparser, another's are ignored. */
static void
scan_section(struct scan *sc, char *s, int first)
{
	char *e = strchr(s, ']');
	size_t n = e ? (size_t)(e - s - 1) : 0;

	end_section(sc);
	sc->sec_keys = 0;
	sc->sec_line = first;
	sc->section[0] = '\0';
	/* After the ']' nothing but a comment (strchr finds the NUL too). */
	if (!n || n >= sizeof sc->section || !strchr(";#", *trim(e + 1))) {
		complain(sc, first, NULL, NULL, "not a [section] line; its keys are ignored");
		return;
	}
	memcpy(sc->section, s + 1, n);
	sc->section[n] = '\0';
	settings_lower(sc->section);
	if (!is_name(sc->section)) {
		complain(sc, first, sc->section, NULL, "a section name is ASCII letters, "
		    "digits, '.', '_' and '-'; ignored");
		sc->section[0] = '\0';
	} else if (!settings_section_known(sc->section)) {
		complain_unknown(sc, first, sc->section, NULL);
		sc->section[0] = '\0';
	} else {
		buf_printf(&sc->clean, "[%s]\n", sc->section);
	}
}

/* The key key = value of the current section, on line first, the logical
 * line len bytes long: kept for iniparser when the table knows the key
 * and the line fits. */
static void
scan_key(struct settings *cfg, struct scan *sc, const char *key, char *value,
    int first, size_t len)
{
	const struct option_def *o;
	struct buf *full = &sc->scratch;
	int prev;

	buf_reset(full);
	buf_adds(full, sc->section);
	buf_addc(full, ':');
	buf_adds(full, key);
	o = settings_option(full->s);
	if (!o || (o->type == T_KEYS && keys_find(key) == ACT_NONE)) {
		complain_unknown(sc, first, sc->section, key);
	} else if (len > LINE_MAX_BYTES) {
		const char *now = settings_get(cfg, full->s);

		complain(sc, first, sc->section, key, "the line is longer than %d bytes%s; %s%s",
		    LINE_MAX_BYTES, o->type == T_LIST ? list_hint : "", now ? "using " : "ignored",
		    now ? now : "");
	} else {
		if ((prev = keyline_set(sc, full->s, o, first)) != 0)
			complain(sc, first, sc->section, key,
			    "also set on line %d; the later one wins", prev);
		buf_printf(&sc->clean, "%s = %s\n", key, trim(value));
	}
}

/* A line s that is not a section (on line first, len bytes long). */
static void
scan_setting(struct settings *cfg, struct scan *sc, char *s, int first, size_t len)
{
	char *eq = strchr(s, '='), *key;

	if (!eq) {
		complain(sc, first, NULL, NULL,
		    "not a setting (expected [section] or key = value); ignored");
		return;
	}
	if (!sc->section[0]) {
		if (!sc->sec_line)	/* in a bad section: already said */
			complain(sc, first, NULL, NULL, "a key outside any [section]; ignored");
		return;
	}
	*eq = '\0';
	key = trim(s);
	settings_lower(key);
	sc->sec_keys++;
	if (!is_name(key))
		complain(sc, first, sc->section, key, "a key name is ASCII letters, digits, "
		    "'.', '_' and '-'; ignored");
	else
		scan_key(cfg, sc, key, eq + 1, first, len);
}

/*
 * Pre-scan: iniparser reports no line numbers and gives up on a whole file
 * for one bad line, a byte-order mark or a line over 1022 bytes.  Check
 * each line here, complain about the bad ones with their numbers and keep
 * only the good ones for iniparser.
 */
static void
prescan(struct settings *cfg, struct scan *sc, const char *text, size_t len)
{
	struct buf line = {0};
	int lineno = 0, nul;
	size_t i = 0;

	while (i < len) {
		int first = lineno + 1;
		char *s;

		nul = logical_line(text, len, &i, &lineno, &line);
		if (nul) {
			complain(sc, nul, NULL, NULL, "the line holds a NUL byte; ignored");
			continue;
		}
		s = line.s;
		if (first == 1 && strncmp(s, "\xEF\xBB\xBF", 3) == 0)
			s += 3;	/* iniparser would refuse the file */
		s = trim(s);
		if (*s == '\0' || *s == ';' || *s == '#')
			continue;
		if (*s == '[')
			scan_section(sc, s, first);
		else
			scan_setting(cfg, sc, s, first, line.len);
	}
	end_section(sc);
	buf_free(&line);
}

static int
quiet(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

/* iniparser's reading of path, open on fd, once it holds the clean lines. */
static dictionary *
ini_load_from(int fd, const char *path, const struct buf *clean)
{
	dictionary *d = NULL;

	if (write(fd, clean->s, clean->len) == (ssize_t)clean->len) {
		iniparser_set_error_callback(quiet);
		d = iniparser_load(path);
		iniparser_set_error_callback(NULL);
	}
	return d;
}

/* Let iniparser read the clean lines: from a file in memory, or where the
 * system has none (or no /proc to name it by), a private temporary file. */
static dictionary *
ini_load(const struct buf *clean)
{
	const char *tmpdir = getenv("TMPDIR");
	struct buf path = {0};
	dictionary *d = NULL;
	int fd = memfd_create("diglot-ini", MFD_CLOEXEC);

	if (fd >= 0) {
		buf_printf(&path, "/proc/self/fd/%d", fd);
		d = ini_load_from(fd, path.s, clean);
		close(fd);
	}
	if (!d) {
		buf_reset(&path);
		buf_printf(&path, "%s/diglot-ini-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
		if ((fd = mkstemp(path.s)) >= 0) {
			d = ini_load_from(fd, path.s, clean);
			close(fd);
			unlink(path.s);
		}
	}
	buf_free(&path);
	return d;
}

/* The value v iniparser read for "section:key" in section sec: set, with
 * where it came from, or complained about. */
static void
take_value(struct settings *cfg, struct scan *sc, const char *sec, const char *key,
    const char *v)
{
	const struct keyline *kl = keyline(sc, key);
	/* iniparser joins a line that ends in \ with the next: a key the
	 * pre-scan did not keep is looked up here. */
	const struct option_def *o = kl->key ? kl->opt : settings_option(key);
	const char *name = strchr(key, ':') + 1, *now;
	int line = kl->key ? kl->line : 0;
	struct buf why = {0}, *where = &sc->scratch;

	if (!o)
		return;
	check_value(cfg, o, name, v, &why);
	if (why.len) {
		now = settings_get(cfg, key);
		complain(sc, line, sec, name, "%s; %s%s", why.s, now ? "using " : "ignored",
		    now ? (*now ? now : "\"\"") : "");
		buf_free(&why);
		return;
	}
	/* Choices are kept in the table's spelling. */
	if (o->type == T_ENUM)
		v = o->values[settings_index_in(o->values, v, strlen(v), 1)];
	if (strcmp(sc->origin, "default") == 0) {
		settings_put(cfg, sec, key, v, NULL);
	} else {
		buf_reset(where);
		buf_adds(where, sc->origin);
		buf_addc(where, ':');
		buf_addu(where, (unsigned)line);
		settings_put(cfg, sec, key, v, where->s);
	}
}

int
settings_read_text(struct settings *cfg, const char *name, const char *origin,
    const char *text, size_t len)
{
	struct scan sc = {0};
	struct buf sec = {0};
	dictionary *d;
	int before = cfg->problems, pass, has = 0;
	ssize_t i;
	size_t k;

	sc.name = name;
	sc.origin = origin ? origin : name;
	sc.capkl = 16;
	sc.kl = xcalloc(sc.capkl, sizeof *sc.kl);
	buf_add(&sc.clean, "", 0);
	prescan(cfg, &sc, text, len);
	/* Nothing to read, or iniparser's reading of the clean lines. */
	d = sc.clean.len ? ini_load(&sc.clean) : NULL;
	if (sc.clean.len && !d)
		complain(&sc, 1, NULL, NULL, "could not be read (%s); ignored", strerror(errno));
	/* Each key in the order iniparser keeps them; [languages] last: it
	 * may name a language whose section comes later in the file
	 * (--print-config writes them in that order). */
	for (pass = 0; d && pass < 2; pass++)
		for (i = 0; i < d->size; i++) {
			const char *key = d->key[i], *colon = key ? strchr(key, ':') : NULL;

			if (!colon || (strncmp(key, "languages:", 10) == 0) != pass)
				continue;
			/* Keys come section by section: a section is looked
			 * up once. */
			if (sec.len != (size_t)(colon - key) || memcmp(sec.s, key, sec.len) != 0) {
				buf_reset(&sec);
				buf_add(&sec, key, colon - key);
				has = iniparser_find_entry(d, sec.s);
			}
			if (has)
				take_value(cfg, &sc, sec.s, key, d->val[i] ? d->val[i] : "");
		}
	if (d)
		iniparser_freedict(d);
	flush_complaints(cfg, &sc);
	for (k = 0; k < sc.capkl; k++)
		free(sc.kl[k].key);
	free(sc.kl);
	buf_free(&sc.clean);
	buf_free(&sc.scratch);
	buf_free(&sec);
	return cfg->problems - before;
}

/* Read a settings file; one that cannot be read is an error when it is
 * required, else a complaint. */
static int
read_file(struct settings *cfg, const char *path, const char *origin, int required,
    struct buf *why)
{
	struct buf text = {0};
	const char *err = NULL;
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);

	if (fd < 0 && !required && errno == ENOENT)
		return 0;
	if (fd < 0 || fstat(fd, &st) < 0)
		err = strerror(errno);
	else if (S_ISDIR(st.st_mode))
		err = "is a directory, not a settings file";
	while (!err) {
		ssize_t r;

		text.s = xgrow(text.s, &text.cap, text.len + 65536, 1);
		r = read(fd, text.s + text.len, text.cap - text.len - 1);
		if (r == 0)
			break;
		if (r > 0)
			text.len += r;
		else if (errno != EINTR)
			err = strerror(errno);
	}
	if (fd >= 0)
		close(fd);
	if (!err)
		settings_read_text(cfg, path, origin, text.s, text.len);
	buf_free(&text);
	if (!err)
		return 0;
	buf_printf(why, "%s: %s", path, err);
	if (required)
		return -1;
	diag_warn("%s; ignored", why->s);
	buf_reset(why);
	cfg->problems++;
	return 0;
}

int
settings_load(struct settings *cfg, char *const *extra, int n, struct buf *why)
{
	struct buf path = {0}, origin = {0};
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	const char *env = getenv("DIGLOT_CONFIG");
	int i, rc = 0;

	read_file(cfg, SYSCONFDIR "/diglot/diglot.ini", NULL, 0, why);
	if (xdg && *xdg)
		buf_printf(&path, "%s/diglot/diglot.ini", xdg);
	else if (home && *home)
		buf_printf(&path, "%s/.config/diglot/diglot.ini", home);
	if (path.len)
		read_file(cfg, path.s, NULL, 0, why);
	if (env && *env)
		read_file(cfg, env, NULL, 0, why);
	for (i = 0; i < n && rc == 0; i++) {
		buf_reset(&origin);
		buf_printf(&origin, "--config %s", extra[i]);
		rc = read_file(cfg, extra[i], origin.s, 1, why);
	}
	buf_free(&path);
	buf_free(&origin);
	return rc;
}

int
settings_problems(const struct settings *cfg)
{
	return cfg->problems;
}
