/* SPDX-License-Identifier: MIT */
/* Settings: one table of options, the compiled-in defaults and INI files
 * layered key by key, with a complaint for every bad line. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef HAVE_INIPARSER_INIPARSER_H
#include <iniparser/iniparser.h>
#else
#include <iniparser.h>
#endif
#include <unictype.h>
#include <unistr.h>

#include "buf.h"
#include "diag.h"
#include "keys.h"
#include "settings.h"
#include "text.h"
#include "xalloc.h"

#ifndef SYSCONFDIR
#define SYSCONFDIR "/etc"
#endif

/* config/diglot.ini, compiled in (builtin-ini.c, generated). */
extern const char config_builtin[];

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
	const char *def;	/* NULL: no default (free-form sections) */
	int min, max;
	const char *const *values;	/* T_ENUM: the allowed values, NULL-terminated */
	const char *help;
};

/*
 * The allowed values of the choices, each listed here only: the layout
 * modes (in the order of enum layout_mode), paper sizes, print layouts (in
 * the order of enum print_layout).  Everything else asks settings_values().
 */
static const char *const layout_modes[] = { "side-by-side", "stacked", "single", NULL };
static const char *const paper_sizes[] = { "a4", "letter", NULL };
static const char *const print_layouts[] = { "side-by-side", "sequential", "interleaved",
	NULL };

static const struct option_def options[] = {
	{ "layout", "mode", T_ENUM, "side-by-side", 0, 0, layout_modes,
	  "how the shown languages are laid out" },
	{ "layout", "split", T_INT, "50", 20, 80, NULL,
	  "the left pane's share of the width, in percent" },
	{ "layout", "gutter", T_INT, "3", 1, 20, NULL, "columns between the panes" },
	{ "layout", "stack_below", T_INT, "80", 0, 10000, NULL,
	  "under this many columns the viewer stacks the languages" },
	{ "layout", "status", T_BOOL, "yes", 0, 0, NULL, "show the status line" },
	{ "layout", "pillar_bar", T_BOOL, "yes", 0, 0, NULL, "show the pillar bar" },
	{ "layout", "mouse", T_BOOL, "yes", 0, 0, NULL,
	  "take the mouse (no: leave it to the terminal for selecting text)" },
	{ "layout", "wrap", T_INT, "0", 0, 10000, NULL,
	  "cap on the text width of a pane, in columns (0: the pane's width)" },
	{ "languages", "left", T_LANG, "", 0, 0, NULL,
	  "the language shown on the left when the briefing has it" },
	{ "languages", "right", T_LANG, "", 0, 0, NULL,
	  "the language shown on the right when the briefing has it" },
	{ "languages", "expected", T_LANGS, "", 0, 0, NULL,
	  "the languages briefings hold: detection chooses among these (empty: all)" },
	{ "colors", "text", T_COLOR, "default", 0, 0, NULL, "the text" },
	{ "colors", "gutter", T_COLOR, "blue", 0, 0, NULL, "the line between the panes" },
	{ "colors", "status", T_COLOR, "black on cyan", 0, 0, NULL, "the status line" },
	{ "colors", "current", T_COLOR, "bold yellow", 0, 0, NULL, "the current paragraph" },
	{ "colors", "match", T_COLOR, "black on yellow", 0, 0, NULL, "search matches" },
	{ "colors", "mark", T_COLOR, "green", 0, 0, NULL, "marks of rows chosen for printing" },
	{ "colors", "pillar.*", T_COLOR, NULL, 0, 0, NULL, "the terms of pillar ID" },
	{ "keys", "*", T_KEYS, NULL, 0, 0, NULL, "keys for an action, comma-separated" },
	{ "print", "command", T_STRING, "lp", 0, 0, NULL,
	  "the printer command (run without a shell, text on its input)" },
	{ "print", "paper", T_ENUM, "a4", 0, 0, paper_sizes, "paper size" },
	{ "print", "width", T_INT, "0", 0, 1000, NULL,
	  "columns per page (0: from the paper size)" },
	{ "print", "lines", T_INT, "0", 0, 1000, NULL,
	  "lines per page (0: from the paper size)" },
	{ "print", "layout", T_ENUM, "side-by-side", 0, 0, print_layouts,
	  "how two languages are printed" },
	{ "print", "header", T_BOOL, "yes", 0, 0, NULL, "a header on each page" },
	{ "copy", "command", T_STRING, "", 0, 0, NULL,
	  "the copy command (empty: the terminal's clipboard, by OSC 52)" },
	{ "pillars", "order", T_LIST, "protection, causes, capacity, research", 0, 0, NULL,
	  "the pillars, in order" },
	{ "pillar.*", "title.*", T_STRING, NULL, 0, 0, NULL, "the pillar's title in a language" },
	{ "pillar.*", "terms.*", T_LIST, NULL, 0, 0, NULL,
	  "terms that tag a paragraph with the pillar (term* matches any ending)" },
	{ "language.*", "name", T_STRING, NULL, 0, 0, NULL, "the language's own name" },
	{ "language.*", "name.*", T_STRING, NULL, 0, 0, NULL, "its name in another language" },
	{ "language.*", "script", T_SCRIPT, NULL, 0, 0, NULL,
	  "its Unicode script (Latin, Cyrillic, Greek, Arabic, Han, ...)" },
	{ "language.*", "stopwords", T_LIST, NULL, 0, 0, NULL, "frequent words of the language" },
	{ "language.*", "letters", T_LIST, NULL, 0, 0, NULL,
	  "letters typical of it among languages of its script" },
	{ "language.*", "foreign", T_LIST, NULL, 0, 0, NULL, "letters it never uses" },
	{ "language.*", "endings", T_LIST, NULL, 0, 0, NULL, "typical word endings" },
	{ "language.*", "markers", T_LIST, NULL, 0, 0, NULL,
	  "lines that announce a version in it, such as English below" },
	{ NULL, NULL, 0, NULL, 0, 0, NULL, NULL }
};

struct settings {
	dictionary *values;	/* "section:key" -> value */
	dictionary *origin;	/* "section:key" -> where it was set */
	int problems;
};

/* --- names ---------------------------------------------------------- */

static void
lower_ascii(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

/* Whether name matches pattern, where "*" is one or more characters. */
static int
glob(const char *pattern, const char *name)
{
	const char *star = strchr(pattern, '*');
	size_t pre, post, n = strlen(name);

	if (!star)
		return strcmp(pattern, name) == 0;
	pre = star - pattern;
	post = strlen(star + 1);
	return n > pre + post && strncmp(pattern, name, pre) == 0 &&
	    strcmp(name + n - post, star + 1) == 0;
}

/* Whether key is base or a numbered continuation base.N. */
static int
key_matches(const struct option_def *o, const char *key)
{
	const char *dot;

	if (glob(o->key, key))
		return 1;
	if (o->type != T_LIST || !(dot = strrchr(key, '.')) || !isdigit((unsigned char)dot[1]))
		return 0;
	{
		char base[256];
		size_t k = dot - key;
		const char *p = dot + 1;

		while (isdigit((unsigned char)*p))
			p++;
		if (*p || k >= sizeof base)
			return 0;
		memcpy(base, key, k);
		base[k] = '\0';
		return glob(o->key, base);
	}
}

static int
section_known(const char *section)
{
	const struct option_def *o;

	for (o = options; o->section; o++)
		if (glob(o->section, section))
			return 1;
	return 0;
}

static const struct option_def *
find_option(const char *section, const char *key)
{
	const struct option_def *o;

	for (o = options; o->section; o++)
		if (glob(o->section, section) && key_matches(o, key))
			return o;
	return NULL;
}

static size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, d[64];

	if (lb >= 63)
		return 99;
	for (j = 0; j <= lb; j++)
		d[j] = j;
	for (i = 1; i <= la; i++) {
		size_t prev = d[0];

		d[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t t = d[j], c = prev + (a[i - 1] != b[j - 1]);

			if (d[j] + 1 < c)
				c = d[j] + 1;
			if (d[j - 1] + 1 < c)
				c = d[j - 1] + 1;
			d[j] = c;
			prev = t;
		}
	}
	return d[lb];
}

/* The closest known name to a misspelt one, for "did you mean". */
static const char *
suggest(const char *section, const char *key)
{
	const struct option_def *o;
	const struct key_action *k;
	const char *best = NULL;
	size_t bestd = 3;

	for (o = options; o->section; o++) {
		const char *cand = key ? o->key : o->section;
		size_t d;

		if (key && !glob(o->section, section))
			continue;
		if (strchr(cand, '*'))
			continue;
		d = edit_distance(key ? key : section, cand);
		if (d < bestd) {
			bestd = d;
			best = cand;
		}
	}
	if (key && strcmp(section, "keys") == 0)
		for (k = keys_table; k->name; k++) {
			size_t d = edit_distance(key, k->name);

			if (d < bestd) {
				bestd = d;
				best = k->name;
			}
		}
	return best;
}

/* --- values --------------------------------------------------------- */

static const char *const color_names[] = { "black", "red", "green", "yellow",
	"blue", "magenta", "cyan", "white" };

static int
color_word(const char *w, size_t n, short *out)
{
	size_t i;
	char *end;
	long v;

	if (n == 7 && strncasecmp(w, "default", 7) == 0) {
		*out = -1;
		return 0;
	}
	for (i = 0; i < 8; i++)
		if (strlen(color_names[i]) == n && strncasecmp(w, color_names[i], n) == 0) {
			*out = (short)i;
			return 0;
		}
	if (n > 7 && strncasecmp(w, "bright-", 7) == 0 && color_word(w + 7, n - 7, out) == 0 &&
	    *out >= 0) {
		*out += 8;
		return 0;
	}
	v = strtol(w, &end, 10);
	if (end == w + n && n > 0 && v >= 0 && v <= 255) {
		*out = (short)v;
		return 0;
	}
	return -1;
}

int
settings_parse_color(const char *s, struct color *c)
{
	int on = 0, fg_set = 0;

	c->fg = c->bg = -1;
	c->attrs = 0;
	while (*s) {
		size_t n;

		s += strspn(s, " \t");
		n = strcspn(s, " \t");
		if (!n)
			break;
		if (n == 4 && strncasecmp(s, "bold", 4) == 0)
			c->attrs |= COLOR_ATTR_BOLD;
		else if (n == 7 && strncasecmp(s, "reverse", 7) == 0)
			c->attrs |= COLOR_ATTR_REVERSE;
		else if (n == 9 && strncasecmp(s, "underline", 9) == 0)
			c->attrs |= COLOR_ATTR_UNDERLINE;
		else if (n == 3 && strncasecmp(s, "dim", 3) == 0)
			c->attrs |= COLOR_ATTR_DIM;
		else if (n == 2 && strncasecmp(s, "on", 2) == 0 && !on)
			on = 1;
		else if (color_word(s, n, on ? &c->bg : &c->fg) == 0) {
			if (on == 1)
				on = 2;
			else if (fg_set++)
				return -1;
		} else
			return -1;
		s += n;
	}
	return on == 1 ? -1 : 0;
}

static int
parse_bool(const char *v, int *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1", "y" };
	static const char *const no[] = { "no", "false", "off", "0", "n" };
	size_t i;

	for (i = 0; i < 5; i++) {
		if (strcasecmp(v, yes[i]) == 0) {
			*out = 1;
			return 0;
		}
		if (strcasecmp(v, no[i]) == 0) {
			*out = 0;
			return 0;
		}
	}
	return -1;
}

/* The index of v among values (case folded when fold), or -1. */
static int
value_index(const char *const *values, const char *v, int fold)
{
	int i;

	for (i = 0; values[i]; i++)
		if (fold ? strcasecmp(values[i], v) == 0 : strcmp(values[i], v) == 0)
			return i;
	return -1;
}

/* values joined by sep, the last two by last ("a, b or c"). */
static void
join_values(const char *const *values, const char *sep, const char *last, struct buf *out)
{
	int i;

	for (i = 0; values[i]; i++)
		buf_printf(out, "%s%s", i == 0 ? "" : values[i + 1] ? sep : last, values[i]);
}

/* Whether s holds a control character: C0 but tab, DEL, C1, or a bidi
 * or zero-width format character. */
static int
has_controls(const char *s)
{
	const uint8_t *p = (const uint8_t *)s;

	while (*p) {
		ucs4_t uc;
		int k = u8_mbtouc(&uc, p, strlen((const char *)p));

		if ((uc < 0x20 && uc != '\t') || uc == 0x7F || (uc >= 0x80 && uc < 0xA0) ||
		    uc_is_general_category(uc, UC_CATEGORY_Cf))
			return 1;
		p += k > 0 ? k : 1;
	}
	return 0;
}

/* What is wrong with any value: bad UTF-8, controls, a line too long
 * for iniparser; 0 when nothing. */
static int
check_text(const struct option_def *o, const char *key, const char *v, struct buf *why)
{
	if (u8_check((const uint8_t *)v, strlen(v))) {
		buf_adds(why, "the value is not valid UTF-8");
		return -1;
	}
	if (has_controls(v)) {
		buf_adds(why, "the value holds control characters");
		return -1;
	}
	/* --print-config must write it back on one line iniparser reads. */
	if (strlen(key) + strlen(v) + 6 > LINE_MAX_BYTES) {
		buf_printf(why, "the value is longer than %zu bytes%s", (size_t)LINE_MAX_BYTES -
		    strlen(key) - 6, o->type == T_LIST ? " (continue a long list in KEY.2, "
		    "KEY.3, ...)" : "");
		return -1;
	}
	return 0;
}

static void
check_int(const struct option_def *o, const char *v, struct buf *why)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (end == v || *end || errno)
		buf_printf(why, "'%s' is not a number (allowed: %d\xe2\x80\x93%d)", v,
		    o->min, o->max);
	else if (n < o->min || n > o->max)
		buf_printf(why, "%s is out of range (allowed: %d\xe2\x80\x93%d)", v,
		    o->min, o->max);
}

static void
check_enum(const struct option_def *o, const char *v, struct buf *why)
{
	struct buf list = {0};

	if (value_index(o->values, v, 1) >= 0)
		return;
	join_values(o->values, ", ", ", ", &list);
	buf_printf(why, "'%s' is not allowed (allowed: %s)", v, list.s);
	buf_free(&list);
}

static void
check_color(const char *v, struct buf *why)
{
	struct buf names = {0};
	struct color c;
	size_t i;

	if (settings_parse_color(v, &c) == 0)
		return;
	for (i = 0; i < sizeof color_names / sizeof color_names[0]; i++)
		buf_printf(&names, ", %s", color_names[i]);
	buf_printf(why, "'%s' is not a colour (allowed: [bold] [reverse] [underline] [dim] "
	    "COLOR [on COLOR], COLOR one of default%s, bright-NAME, 0\xe2\x80\x93"
	    "255)", v, names.s);
	buf_free(&names);
}

static void
check_keys(const char *key, const char *v, struct buf *why)
{
	const char *bad = NULL;

	if (keys_find(key) == ACT_NONE)
		return;	/* reported as an unknown key */
	if (keys_check(v, &bad) < 0) {
		struct buf names = {0};

		keys_names(&names);
		buf_printf(why, "'%.*s' is not a key (allowed: %s)", (int)strcspn(bad, ","), bad,
		    names.s);
		buf_free(&names);
	}
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
		lower_ascii(sec.s);
		if (!why->len && !iniparser_find_entry(cfg->values, sec.s))
			buf_printf(why, "'%.*s' is not a language with a [language.%.*s] "
			    "section", (int)k, p, (int)k, p);
		buf_free(&sec);
		p += k;
	}
}

/* What is wrong with value v for option o, in why ("" when nothing). */
static void
check_value(const struct settings *cfg, const struct option_def *o,
    const char *key, const char *v, struct buf *why)
{
	int b;

	if (check_text(o, key, v, why) < 0)
		return;
	switch (o->type) {
	case T_INT:
		check_int(o, v, why);
		break;
	case T_BOOL:
		if (parse_bool(v, &b) < 0)
			buf_printf(why, "'%s' is not yes or no (allowed: yes, no)", v);
		break;
	case T_ENUM:
		check_enum(o, v, why);
		break;
	case T_COLOR:
		check_color(v, why);
		break;
	case T_KEYS:
		check_keys(key, v, why);
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
	case T_STRING:
	case T_LIST:
		break;
	}
}

/* --- reading -------------------------------------------------------- */

/* A key's line in the file being read. */
struct keyline {
	char *key;
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
	size_t nkl, capkl;
	struct buf clean;	/* the lines iniparser may see */
	struct complaint *cv;
	size_t ncv, capcv;
	/* The pre-scan's place: the section being read (empty when none or
	 * a bad one), its line, its keys so far, whether it is good. */
	char section[256];
	int sec_line, sec_keys, sec_ok;
};

static void
complain(struct scan *sc, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
complain(struct scan *sc, int line, const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	sc->cv = xgrow(sc->cv, &sc->capcv, sc->ncv + 1, sizeof *sc->cv);
	sc->cv[sc->ncv].line = line;
	sc->cv[sc->ncv++].msg = b.s;
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


static int
keyline_of(const struct scan *sc, const char *key)
{
	size_t i;

	for (i = sc->nkl; i-- > 0;)
		if (strcmp(sc->kl[i].key, key) == 0)
			return sc->kl[i].line;
	return 0;
}

/* What the setting is now, for "using ...". */
static const char *
current(const struct settings *cfg, const char *key)
{
	return iniparser_getstring(cfg->values, key, NULL);
}

/* Read the logical line at text[*i..len) (physical lines joined by a
 * trailing \) into line; *lineno counts physical lines.  Returns the
 * number of a physical line holding a NUL byte, else 0. */
static int
logical_line(const char *text, size_t len, size_t *i, int *lineno, struct buf *line)
{
	int nul = 0;

	buf_reset(line);
	buf_add(line, "", 0);
	for (;;) {
		const char *nl = memchr(text + *i, '\n', len - *i);
		size_t n = nl ? (size_t)(nl - text - *i) : len - *i, k = n;
		int cont;

		(*lineno)++;
		if (memchr(text + *i, '\0', n))
			nul = nul ? nul : *lineno;
		if (k && text[*i + k - 1] == '\r')
			k--;
		cont = k && text[*i + k - 1] == '\\';
		buf_add(line, text + *i, cont ? k - 1 : k);
		*i += n + (nl != NULL);
		if (!cont || *i >= len)
			return nul;
	}
}

/* The section being left had no keys: say so. */
static void
end_section(struct scan *sc)
{
	if (sc->section[0] && sc->sec_ok && sc->sec_keys == 0)
		complain(sc, sc->sec_line, "[%s]: the section has no keys", sc->section);
}

/* A "[section]" line s, on line first: a known section's keys go on to
 * iniparser, another's are ignored. */
static void
scan_section(struct scan *sc, char *s, int first)
{
	char *e = strchr(s, ']');
	const char *m;

	end_section(sc);
	sc->sec_ok = 0;
	sc->sec_keys = 0;
	sc->sec_line = first;
	sc->section[0] = '\0';
	if (!e || e == s + 1 || (size_t)(e - s - 1) >= sizeof sc->section ||
	    (*trim(e + 1) && *trim(e + 1) != ';' && *trim(e + 1) != '#')) {
		complain(sc, first, "not a [section] line; its keys are ignored");
		return;
	}
	memcpy(sc->section, s + 1, e - s - 1);
	sc->section[e - s - 1] = '\0';
	lower_ascii(sc->section);
	if (strspn(sc->section, "abcdefghijklmnopqrstuvwxyz0123456789._-") !=
	    strlen(sc->section)) {
		complain(sc, first, "[%s]: a section name is ASCII letters, digits, "
		    "'.', '_' and '-'; ignored", sc->section);
		sc->section[0] = '\0';
		return;
	}
	if (!section_known(sc->section)) {
		m = suggest(sc->section, NULL);
		complain(sc, first, "[%s]: unknown section%s%s%s; ignored",
		    sc->section, m ? " (did you mean " : "", m ? m : "", m ? "?)" : "");
		sc->section[0] = '\0';
		return;
	}
	sc->sec_ok = 1;
	buf_printf(&sc->clean, "[%s]\n", sc->section);
}

/* The key key = value of the current section, on line first, the logical
 * line len bytes long: kept for iniparser when the table knows the key
 * and the line fits. */
static void
scan_key(struct settings *cfg, struct scan *sc, const char *key, char *value,
    int first, size_t len)
{
	const char *section = sc->section;
	const struct option_def *o = find_option(section, key);
	struct buf full = {0};
	int prev;

	buf_printf(&full, "%s:%s", section, key);
	if (!o || (o->type == T_KEYS && keys_find(key) == ACT_NONE)) {
		const char *m = suggest(section, key);

		complain(sc, first, "[%s] %s: unknown key%s%s%s; ignored",
		    section, key, m ? " (did you mean " : "", m ? m : "",
		    m ? "?)" : "");
	} else if (len > LINE_MAX_BYTES) {
		complain(sc, first, "[%s] %s: the line is longer "
		    "than %d bytes%s; %s%s", section, key, LINE_MAX_BYTES,
		    o->type == T_LIST ? " (continue a long list in KEY.2, "
		    "KEY.3, ...)" : "", current(cfg, full.s) ? "using " :
		    "ignored", current(cfg, full.s) ? current(cfg, full.s) : "");
	} else {
		if ((prev = keyline_of(sc, full.s)) != 0)
			complain(sc, first, "[%s] %s: also set on line %d; "
			    "the later one wins", section, key, prev);
		sc->kl = xgrow(sc->kl, &sc->capkl, sc->nkl + 1, sizeof *sc->kl);
		sc->kl[sc->nkl].key = xstrdup(full.s);
		sc->kl[sc->nkl++].line = first;
		buf_printf(&sc->clean, "%s = %s\n", key, trim(value));
	}
	buf_free(&full);
}

/* A line s that is not a section (on line first, len bytes long). */
static void
scan_setting(struct settings *cfg, struct scan *sc, char *s, int first, size_t len)
{
	char *eq = strchr(s, '='), *key;

	if (!eq) {
		complain(sc, first,
		    "not a setting (expected [section] or key = value); ignored");
		return;
	}
	if (!sc->section[0]) {
		if (sc->sec_ok || !sc->sec_line)	/* in a bad section: already said */
			complain(sc, first, "a key outside any [section]; ignored");
		return;
	}
	*eq = '\0';
	key = trim(s);
	lower_ascii(key);
	sc->sec_keys++;
	if (strspn(key, "abcdefghijklmnopqrstuvwxyz0123456789._-") != strlen(key) ||
	    !*key) {
		complain(sc, first, "[%s] %s: a key name is ASCII letters, digits, "
		    "'.', '_' and '-'; ignored", sc->section, key);
		return;
	}
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
			complain(sc, nul, "the line holds a NUL byte; ignored");
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

/* Let iniparser read the clean lines (from a private temporary file). */
static dictionary *
ini_load(const struct buf *clean)
{
	const char *tmpdir = getenv("TMPDIR");
	struct buf path = {0};
	dictionary *d = NULL;
	int fd;

	buf_printf(&path, "%s/diglot-ini-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	fd = mkstemp(path.s);
	if (fd < 0) {
		buf_free(&path);
		return NULL;
	}
	if (clean->len == 0 || write(fd, clean->s, clean->len) == (ssize_t)clean->len) {
		iniparser_set_error_callback(quiet);
		d = iniparser_load(path.s);
		iniparser_set_error_callback(NULL);
	}
	close(fd);
	unlink(path.s);
	buf_free(&path);
	return d;
}

static void
set_value(struct settings *cfg, const char *key, const char *value, const char *where)
{
	char sec[512];
	const char *colon = strchr(key, ':');

	snprintf(sec, sizeof sec, "%.*s", (int)(colon - key), key);
	if (!iniparser_find_entry(cfg->values, sec))
		iniparser_set(cfg->values, sec, NULL);
	if (!iniparser_find_entry(cfg->origin, sec))
		iniparser_set(cfg->origin, sec, NULL);
	iniparser_set(cfg->values, key, value);
	iniparser_set(cfg->origin, key, where);
}

int
settings_read_text(struct settings *cfg, const char *name, const char *origin,
    const char *text, size_t len)
{
	struct scan sc;
	dictionary *d;
	int before = cfg->problems, i, ns;
	size_t k;

	memset(&sc, 0, sizeof sc);
	sc.name = name;
	sc.origin = origin ? origin : name;
	buf_add(&sc.clean, "", 0);
	prescan(cfg, &sc, text, len);
	d = ini_load(&sc.clean);
	if (!d) {
		complain(&sc, 1, "could not be read (%s); ignored", strerror(errno));
		goto done;
	}
	ns = iniparser_getnsec(d);
	/* [languages] last: it may name a language whose section comes
	 * later in the file (--print-config writes them in that order). */
	for (i = 0; i < 2 * ns; i++) {
		const char *sec = iniparser_getsecname(d, i % ns);
		int nk = iniparser_getsecnkeys(d, sec), j;
		const char **keys;

		if ((strcmp(sec, "languages") == 0) != (i >= ns))
			continue;
		keys = xmalloc(sizeof *keys * (nk + 1));

		iniparser_getseckeys(d, sec, keys);
		for (j = 0; j < nk; j++) {
			const char *v = iniparser_getstring(d, keys[j], "");
			const char *key = strchr(keys[j], ':') + 1;
			const struct option_def *o = find_option(sec, key);
			int line = keyline_of(&sc, keys[j]);
			struct buf why = {0}, where = {0};

			if (!o)
				continue;
			check_value(cfg, o, key, v, &why);
			if (why.len) {
				const char *now = current(cfg, keys[j]);

				complain(&sc, line, "[%s] %s: %s; %s%s", sec, key, why.s,
				    now ? "using " : "ignored", now ? (*now ? now : "\"\"") : "");
			} else {
				char *val = xstrdup(v);

				/* Choices are kept in the table's spelling. */
				if (o->type == T_ENUM)
					lower_ascii(val);
				if (strcmp(sc.origin, "default") == 0)
					buf_adds(&where, "default");
				else
					buf_printf(&where, "%s:%d", sc.origin, line);
				set_value(cfg, keys[j], val, where.s);
				free(val);
			}
			buf_free(&why);
			buf_free(&where);
		}
		free(keys);
	}
	iniparser_freedict(d);
done:
	flush_complaints(cfg, &sc);
	for (k = 0; k < sc.nkl; k++)
		free(sc.kl[k].key);
	free(sc.kl);
	buf_free(&sc.clean);
	return cfg->problems - before;
}

struct settings *
settings_new(void)
{
	struct settings *cfg = xcalloc(1, sizeof *cfg);
	const struct option_def *o;

	cfg->values = dictionary_new(0);
	cfg->origin = dictionary_new(0);
	if (!cfg->values || !cfg->origin)
		die(1, "out of memory");
	/* The table's defaults, then the shipped file (which agrees). */
	for (o = options; o->section; o++)
		if (o->def && !strchr(o->section, '*') && !strchr(o->key, '*')) {
			char key[256];

			snprintf(key, sizeof key, "%s:%s", o->section, o->key);
			set_value(cfg, key, o->def, "default");
		}
	settings_read_text(cfg, "built-in defaults", "default", config_builtin,
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

/* Read a settings file; required files that cannot be read are errors. */
static int
read_file(struct settings *cfg, const char *path, const char *origin, int required,
    struct buf *why)
{
	struct buf text = {0};
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);

	if (fd < 0) {
		if (!required && errno == ENOENT)
			return 0;
		buf_printf(why, "%s: %s", path, strerror(errno));
		goto bad;
	}
	if (fstat(fd, &st) < 0 || S_ISDIR(st.st_mode)) {
		buf_printf(why, "%s: %s", path, S_ISDIR(st.st_mode) ?
		    "is a directory, not a settings file" : strerror(errno));
		close(fd);
		goto bad;
	}
	for (;;) {
		ssize_t r;

		text.s = xgrow(text.s, &text.cap, text.len + 65536, 1);
		r = read(fd, text.s + text.len, text.cap - text.len - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			buf_printf(why, "%s: %s", path, strerror(errno));
			close(fd);
			buf_free(&text);
			goto bad;
		}
		if (r == 0)
			break;
		text.len += r;
	}
	close(fd);
	settings_read_text(cfg, path, origin, text.s ? text.s : "", text.len);
	buf_free(&text);
	return 0;
bad:
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

	read_file(cfg, SYSCONFDIR "/diglot/diglot.ini", SYSCONFDIR "/diglot/diglot.ini",
	    0, why);
	if (xdg && *xdg)
		buf_printf(&path, "%s/diglot/diglot.ini", xdg);
	else if (home && *home)
		buf_printf(&path, "%s/.config/diglot/diglot.ini", home);
	if (path.len)
		read_file(cfg, path.s, path.s, 0, why);
	if (env && *env)
		read_file(cfg, env, env, 0, why);
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

/*
 * The table's option for "section:key".  A name the table does not have is
 * a mistake in the program, not in a settings file: it stops the program
 * here, naming the key.
 */
static const struct option_def *
table_option(const char *key, int type)
{
	const char *colon = strchr(key, ':');
	const struct option_def *o = NULL;
	char section[256];

	if (colon && (size_t)(colon - key) < sizeof section) {
		memcpy(section, key, colon - key);
		section[colon - key] = '\0';
		o = find_option(section, colon + 1);
	}
	if (!o || (type >= 0 && o->type != (enum opt_type)type)) {
		fprintf(stderr, "diglot: internal error: '%s' is not %s of the option table\n",
		    key, o ? "a choice" : "an option");
		abort();
	}
	return o;
}

const char *
settings_get(const struct settings *cfg, const char *key)
{
	table_option(key, -1);
	return iniparser_getstring(cfg->values, key, NULL);
}

const char *const *
settings_values(const char *key)
{
	return table_option(key, T_ENUM)->values;
}

int
settings_value_index(const char *key, const char *value)
{
	return value ? value_index(settings_values(key), value, 0) : -1;
}

int
settings_choice(const struct settings *cfg, const char *key)
{
	int i = settings_value_index(key, settings_get(cfg, key));

	return i >= 0 ? i : value_index(settings_values(key), table_option(key, T_ENUM)->def, 0);
}

void
settings_values_join(const char *key, const char *sep, const char *last, struct buf *out)
{
	join_values(settings_values(key), sep, last, out);
}

int
settings_int(const struct settings *cfg, const char *key)
{
	const char *v = settings_get(cfg, key);

	return v ? (int)strtol(v, NULL, 10) : 0;
}

int
settings_bool(const struct settings *cfg, const char *key)
{
	const char *v = settings_get(cfg, key);
	int b = 0;

	if (v)
		parse_bool(v, &b);
	return b;
}

void
settings_color(const struct settings *cfg, const char *key, struct color *c)
{
	const char *v = settings_get(cfg, key);

	if (!v || settings_parse_color(v, c) < 0)
		settings_parse_color("default", c);
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

void
settings_each_key(const struct settings *cfg, const char *section,
    void (*fn)(void *ctx, const char *key, const char *value), void *ctx)
{
	int nk = iniparser_getsecnkeys(cfg->values, section), j;
	const char **keys;

	if (nk <= 0)
		return;
	keys = xmalloc(sizeof *keys * nk);
	iniparser_getseckeys(cfg->values, section, keys);
	for (j = 0; j < nk; j++)
		fn(ctx, keys[j], iniparser_getstring(cfg->values, keys[j], ""));
	free(keys);
}

/* Quote a value when iniparser would otherwise change it. */
static void
print_value(FILE *f, const char *v)
{
	if (*v == '\0' || strpbrk(v, ";#") || v[0] == ' ' || v[strlen(v) - 1] == ' ' ||
	    v[0] == '"' || v[0] == '\'')
		fprintf(f, strchr(v, '"') ? "'%s'" : "\"%s\"", v);
	else
		fputs(v, f);
}

static void
print_section(FILE *f, const struct settings *cfg, const char *sec)
{
	int nk = iniparser_getsecnkeys(cfg->values, sec), j;
	const char **keys;

	if (nk <= 0)
		return;
	fprintf(f, "\n[%s]\n", sec);
	keys = xmalloc(sizeof *keys * nk);
	iniparser_getseckeys(cfg->values, sec, keys);
	for (j = 0; j < nk; j++) {
		const char *where = iniparser_getstring(cfg->origin, keys[j], "default");

		struct buf w = {0};

		const char *v = iniparser_getstring(cfg->values, keys[j], "");
		const char *k = strchr(keys[j], ':') + 1;

		/* A file name may hold anything: the comment shows it cleaned;
		 * it goes on a line of its own when the line would be too long
		 * for iniparser to read back. */
		text_clean(&w, where, strlen(where));
		if (strlen(k) + strlen(v) + w.len + 10 > LINE_MAX_BYTES)
			fprintf(f, "; %s\n%s = ", w.s ? w.s : "", k);
		else
			fprintf(f, "%s = ", k);
		print_value(f, v);
		if (strlen(k) + strlen(v) + w.len + 10 > LINE_MAX_BYTES)
			fputc('\n', f);
		else
			fprintf(f, " ; %s\n", w.s ? w.s : "");
		buf_free(&w);
	}
	free(keys);
}

void
settings_print(const struct settings *cfg, FILE *f)
{
	const struct option_def *o;
	int i, n = iniparser_getnsec(cfg->values);

	fputs("; diglot's effective settings; each value says where it came from.\n", f);
	/* The table's sections first, in its order, then the named ones. */
	for (o = options; o->section; o++)
		if (!strchr(o->section, '*') && (o == options || strcmp(o->section, o[-1].section)))
			print_section(f, cfg, o->section);
	for (i = 0; i < n; i++) {
		const char *sec = iniparser_getsecname(cfg->values, i);

		if (sec && strchr(sec, '.'))
			print_section(f, cfg, sec);
	}
}

void
settings_print_table(FILE *f)
{
	const struct option_def *o;

	for (o = options; o->section; o++) {
		struct buf allowed = {0};

		if (o->type == T_INT)
			buf_printf(&allowed, "%d-%d", o->min, o->max);
		else if (o->type == T_ENUM)
			join_values(o->values, "|", "|", &allowed);
		else if (o->type == T_BOOL)
			buf_adds(&allowed, "yes|no");
		fprintf(f, "%s\t%s\t%s\t%s\t%s\n", o->section, o->key, o->def ? o->def : "",
		    allowed.s ? allowed.s : "", o->help);
		buf_free(&allowed);
	}
}
