/* SPDX-License-Identifier: MIT */
/* Settings: one table of options, the compiled-in defaults, and the
 * lookups of the values read (settings-read.c reads and checks them). */
#include "config.h"

#include <ctype.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "keys.h"
#include "settings.h"
#include "settings-private.h"
#include "text.h"
#include "xalloc.h"

/* config/diglot.ini, compiled in (builtin-ini.c, generated). */
extern const char config_builtin[];

/*
 * The allowed values of the choices, each listed here only: the layout
 * modes (in the order of enum layout_mode), paper sizes, print layouts (in
 * the order of enum print_layout).  Everything else asks settings_values().
 */
static const char *const layout_modes[] = { "side-by-side", "stacked", "single", NULL };
static const char *const paper_sizes[] = { "a4", "letter", NULL };
static const char *const print_layouts[] = { "side-by-side", "sequential", "interleaved",
	NULL };
static const char *const print_formats[] = { "pdf", "text", NULL };
static const char *const print_aligns[] = { "left", "justify", NULL };

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
	{ "colors", "heading", T_COLOR, "bold", 0, 0, NULL, "headings" },
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
	{ "print", "format", T_ENUM, "pdf", 0, 0, print_formats,
	  "typeset PDF or text pages (pdf needs diglot built with Pango; else text)" },
	{ "print", "margin", T_LENGTH, "18mm", 0, 100, NULL,
	  "the PDF page's margins, with a unit: mm, cm, in or pt" },
	{ "print", "font", T_STRING, "DejaVu Serif 10", 0, 0, NULL,
	  "the PDF's font: a family and a size in points" },
	{ "print", "align", T_ENUM, "left", 0, 0, print_aligns,
	  "the PDF's paragraphs: ragged right (left) or justified" },
	{ "print", "timeout", T_INT, "60", 1, 3600, NULL,
	  "seconds the printer command may take to read the pages and finish" },
	{ "input", "pdftotext", T_STRING, "pdftotext", 0, 0, NULL,
	  "the command that gives a PDF's text (poppler-utils; run without a shell)" },
	{ "input", "timeout", T_INT, "30", 1, 3600, NULL,
	  "seconds the pdftotext command may take on one PDF" },
	{ "state", "remember", T_BOOL, "yes", 0, 0, NULL,
	  "open a briefing where the reader left it, and remember the place" },
	{ "state", "keep", T_INT, "500", 1, 1000000, NULL,
	  "how many briefings' states are kept (the oldest go first)" },
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

/* --- names ---------------------------------------------------------- */

void
settings_lower(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

/* Whether name[0..n) matches pattern, where "*" is one or more characters. */
static int
glob(const char *pattern, const char *name, size_t n)
{
	const char *star = strchr(pattern, '*');
	size_t pre, post;

	if (!star)
		return strlen(pattern) == n && strncmp(pattern, name, n) == 0;
	pre = star - pattern;
	post = strlen(star + 1);
	return n > pre + post && strncmp(pattern, name, pre) == 0 &&
	    strncmp(name + n - post, star + 1, post) == 0;
}

/* Whether key is the option's key or, for a list, a numbered continuation
 * of it (KEY.2). */
static int
key_matches(const struct option_def *o, const char *key)
{
	size_t n = strlen(key), base = n;

	while (base > 0 && isdigit((unsigned char)key[base - 1]))
		base--;
	return glob(o->key, key, n) || (o->type == T_LIST && base < n && base > 0 &&
	    key[base - 1] == '.' && glob(o->key, key, base - 1));
}

int
settings_section_known(const char *section)
{
	const struct option_def *o;

	for (o = options; o->section; o++)
		if (glob(o->section, section, strlen(section)))
			return 1;
	return 0;
}

/* The first option of the table that key matches, or NULL. */
static const struct option_def *
find_option(const char *key)
{
	const char *colon = strchr(key, ':');
	const struct option_def *o;

	int in = 0;

	/* The table lists each section's options together. */
	for (o = options; colon && o->section; o++) {
		if (o == options || o->section != o[-1].section)
			in = glob(o->section, key, colon - key);
		if (in && key_matches(o, colon + 1))
			return o;
	}
	return NULL;
}

/*
 * Keys already looked up (of up to KNOWN_LEN bytes), each in the slot of
 * its hash or the next free one: a key is found in the table once, then by
 * its name.  Each thread has its own; once they are full, or for a longer
 * key, the table is searched.
 */
enum { KNOWN_SLOTS = 1024, KNOWN_MAX = 768, KNOWN_LEN = 47 };
static _Thread_local struct known {
	char key[KNOWN_LEN + 1];	/* "": a free slot */
	const struct option_def *o;
} known[KNOWN_SLOTS];
static _Thread_local int nknown;

const struct option_def *
settings_option(const char *key)
{
	uint32_t h = 2166136261u;
	size_t i, n;

	for (n = 0; key[n]; n++)
		h = (h ^ (unsigned char)key[n]) * 16777619u;
	if (n == 0 || n > KNOWN_LEN)
		return find_option(key);
	for (i = h % KNOWN_SLOTS; known[i].key[0]; i = (i + 1) % KNOWN_SLOTS)
		if (strcmp(known[i].key, key) == 0)
			return known[i].o;
	if (nknown == KNOWN_MAX)
		return find_option(key);
	memcpy(known[i].key, key, n + 1);
	known[i].o = find_option(key);
	nknown++;
	return known[i].o;
}

/* The edit distance between a and b, or limit when it is not below it. */
static size_t
edit_distance(const char *a, const char *b, size_t limit)
{
	size_t la = strlen(a), lb = strlen(b), i, j, d[64];

	if (lb >= 63)
		return limit;
	for (j = 0; j <= lb; j++)
		d[j] = j;
	for (i = 1; i <= la; i++) {
		size_t prev = d[0], least;

		least = d[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t t = d[j], c = prev + (a[i - 1] != b[j - 1]);

			if (d[j] + 1 < c)
				c = d[j] + 1;
			if (d[j - 1] + 1 < c)
				c = d[j - 1] + 1;
			d[j] = c;
			prev = t;
			if (c < least)
				least = c;
		}
		/* A row never falls below the one before it. */
		if (least >= limit)
			return limit;
	}
	return d[lb] < limit ? d[lb] : limit;
}

/* Keep cand in *best when it is closer to name (ln bytes) than any before. */
static void
closer(const char *name, size_t ln, const char *cand, const char **best, size_t *bestd)
{
	size_t lc = strlen(cand), d;

	/* The distance is at least the difference in length. */
	if ((ln > lc ? ln - lc : lc - ln) >= *bestd)
		return;
	d = edit_distance(name, cand, *bestd);
	if (d < *bestd) {
		*bestd = d;
		*best = cand;
	}
}

const char *
settings_suggest(const char *section, const char *key)
{
	const struct option_def *o;
	const struct key_action *k;
	const char *best = NULL, *name = key ? key : section;
	size_t bestd = 3, ln = strlen(name), sn = strlen(section);
	int in = 0;

	/* The table lists each section's options together. */
	for (o = options; o->section; o++) {
		const char *cand = key ? o->key : o->section;

		if (key && (o == options || o->section != o[-1].section))
			in = glob(o->section, section, sn);
		if ((!key || in) && !strchr(cand, '*'))
			closer(name, ln, cand, &best, &bestd);
	}
	if (key && strcmp(section, "keys") == 0)
		for (k = keys_table; k->name; k++)
			closer(key, ln, k->name, &best, &bestd);
	return best;
}

/* --- values --------------------------------------------------------- */

/* The colour names, "default" (-1) first, then 0-7. */
static const char *const color_names[] = { "default", "black", "red", "green", "yellow",
	"blue", "magenta", "cyan", "white", NULL };
/* The attributes, in the order of the COLOR_ATTR_ bits. */
static const char *const attr_names[] = { "bold", "reverse", "underline", "dim", NULL };

/* A colour word w[0..n) into *out: a name, bright-NAME or 0-255. */
static int
color_word(const char *w, size_t n, short *out)
{
	int i = settings_index_in(color_names, w, n, 1);
	char *end;
	long v;

	if (i >= 0) {
		*out = (short)(i - 1);
		return 0;
	}
	if (n > 7 && strncasecmp(w, "bright-", 7) == 0 && color_word(w + 7, n - 7, out) == 0 &&
	    *out >= 0) {
		*out += 8;
		return 0;
	}
	v = strtol(w, &end, 10);
	if (end != w + n || n == 0 || v < 0 || v > 255)
		return -1;
	*out = (short)v;
	return 0;
}

void
settings_color_forms(struct buf *out)
{
	int i;

	for (i = 0; attr_names[i]; i++)
		buf_printf(out, "[%s] ", attr_names[i]);
	buf_adds(out, "COLOR [on COLOR], COLOR one of ");
	settings_join(color_names, ", ", ", ", out);
	buf_adds(out, ", bright-NAME, 0\xe2\x80\x93" "255");
}

int
settings_parse_color(const char *s, struct color *c)
{
	int on = 0, fg_set = 0, a;

	c->fg = c->bg = -1;
	c->attrs = 0;
	while (*s) {
		size_t n;

		s += strspn(s, " \t");
		n = strcspn(s, " \t");
		if (!n)
			break;
		if ((a = settings_index_in(attr_names, s, n, 1)) >= 0)
			c->attrs |= 1u << a;
		else if (n == 2 && strncasecmp(s, "on", 2) == 0 && !on)
			on = 1;
		else if (color_word(s, n, on ? &c->bg : &c->fg) < 0)
			return -1;
		else if (on == 1)
			on = 2;
		else if (fg_set++)
			return -1;
		s += n;
	}
	return on == 1 ? -1 : 0;
}

int
settings_parse_bool(const char *v, int *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1", "y", NULL };
	static const char *const no[] = { "no", "false", "off", "0", "n", NULL };

	if (settings_index_in(yes, v, strlen(v), 1) >= 0)
		*out = 1;
	else if (settings_index_in(no, v, strlen(v), 1) >= 0)
		*out = 0;
	else
		return -1;
	return 0;
}

int
settings_index_in(const char *const *values, const char *v, size_t n, int fold)
{
	int i;

	for (i = 0; values[i]; i++)
		if (strlen(values[i]) == n &&
		    (fold ? strncasecmp(values[i], v, n) : strncmp(values[i], v, n)) == 0)
			return i;
	return -1;
}

void
settings_join(const char *const *values, const char *sep, const char *last, struct buf *out)
{
	int i;

	for (i = 0; values[i]; i++)
		buf_printf(out, "%s%s", i == 0 ? "" : values[i + 1] ? sep : last, values[i]);
}

/* --- the store ------------------------------------------------------ */

/*
 * Strings are copied into chunks; a full chunk is followed by a larger one.
 * A copy of the settings shares the chunks of the original (each counts
 * the settings that hold it) and adds to chunks of its own.
 */
struct chunk {
	atomic_int refs;
	size_t len, cap;
	char s[];
};

enum { CHUNK_MIN = 4096 };

/* A copy of s in cfg's chunks. */
static const char *
keep(struct settings *cfg, const char *s)
{
	struct chunk *c = cfg->nchunk > cfg->nshared ? cfg->chunk[cfg->nchunk - 1] : NULL;
	size_t n = strlen(s) + 1;
	char *p;

	if (!c || c->cap - c->len < n) {
		size_t cap = c ? 2 * c->cap : CHUNK_MIN;

		if (cap < n)
			cap = n;
		c = xmalloc(sizeof *c + cap);
		atomic_init(&c->refs, 1);
		c->len = 0;
		c->cap = cap;
		cfg->chunk = xgrow(cfg->chunk, &cfg->capchunk, cfg->nchunk + 1, sizeof *cfg->chunk);
		cfg->chunk[cfg->nchunk++] = c;
	}
	p = c->s + c->len;
	memcpy(p, s, n);
	c->len += n;
	return p;
}

/* The hash of name, its ASCII letters in lower case; its length in *len. */
static uint32_t
name_hash(const char *name, size_t *len)
{
	uint32_t h = 2166136261u;
	size_t n;

	for (n = 0; name[n]; n++)
		h = (h ^ (unsigned char)tolower((unsigned char)name[n])) * 16777619u;
	*len = n;
	return h;
}

/* The slot holding name (hash h, n bytes), or the free one it goes in. */
static uint32_t *
slot_of(const struct settings *cfg, const char *name, size_t n, uint32_t h)
{
	size_t mask = cfg->nslot - 1, i;

	for (i = h & mask; cfg->slot[i]; i = (i + 1) & mask) {
		const struct entry *e = &cfg->v[cfg->slot[i] - 1];

		if (e->hash == h && strlen(e->name) == n && strncasecmp(e->name, name, n) == 0)
			break;
	}
	return &cfg->slot[i];
}

const struct entry *
settings_find(const struct settings *cfg, const char *name)
{
	size_t n;
	uint32_t h = name_hash(name, &n), *sl;

	if (!cfg->nslot)
		return NULL;
	sl = slot_of(cfg, name, n, h);
	return *sl ? &cfg->v[*sl - 1] : NULL;
}

/* The index of name's entry (in lower case), added when it is new. */
static uint32_t
entry_of(struct settings *cfg, const char *name)
{
	size_t n, i;
	uint32_t h = name_hash(name, &n), *sl;
	struct entry *e;

	if (2 * (cfg->n + 1) > cfg->nslot) {
		free(cfg->slot);
		cfg->nslot = cfg->nslot ? 2 * cfg->nslot : 512;
		cfg->slot = xcalloc(cfg->nslot, sizeof *cfg->slot);
		for (i = 0; i < cfg->n; i++)
			*slot_of(cfg, cfg->v[i].name, strlen(cfg->v[i].name), cfg->v[i].hash) =
			    (uint32_t)i + 1;
	}
	sl = slot_of(cfg, name, n, h);
	if (*sl)
		return *sl - 1;
	cfg->v = xgrow(cfg->v, &cfg->cap, cfg->n + 1, sizeof *cfg->v);
	e = &cfg->v[cfg->n];
	memset(e, 0, sizeof *e);
	e->name = keep(cfg, name);
	e->hash = h;
	*sl = (uint32_t)++cfg->n;
	return *sl - 1;
}

void
settings_put(struct settings *cfg, const char *section, const char *key,
    const char *value, const char *origin)
{
	uint32_t s = entry_of(cfg, section), k;
	size_t before = cfg->n;
	struct entry *e;

	k = entry_of(cfg, key);
	if (cfg->n > before) {
		if (cfg->v[s].last)
			cfg->v[cfg->v[s].last - 1].next = k + 1;
		else
			cfg->v[s].next = k + 1;
		cfg->v[s].last = k + 1;
	}
	e = &cfg->v[k];
	if (!e->value || strcmp(e->value, value) != 0)
		e->value = keep(cfg, value);
	if (!origin)
		e->origin = NULL;
	else if (!e->origin || strcmp(e->origin, origin) != 0)
		e->origin = keep(cfg, origin);
}

/* The built-in defaults are the shipped file: it sets every option of the
 * table that has a default, to that default. */
struct settings *
settings_new(void)
{
	struct settings *cfg = xcalloc(1, sizeof *cfg);

	settings_read_text(cfg, "built-in defaults", "default", config_builtin,
	    strlen(config_builtin));
	return cfg;
}

struct settings *
settings_copy(const struct settings *cfg)
{
	struct settings *c = xcalloc(1, sizeof *c);
	size_t i;

	c->nchunk = c->capchunk = c->nshared = cfg->nchunk;
	c->chunk = xmalloc(sizeof *c->chunk * (cfg->nchunk + 1));
	for (i = 0; i < cfg->nchunk; i++) {
		c->chunk[i] = cfg->chunk[i];
		atomic_fetch_add(&c->chunk[i]->refs, 1);
	}
	c->n = c->cap = cfg->n;
	c->v = xmalloc(sizeof *c->v * (cfg->n + 1));
	memcpy(c->v, cfg->v, sizeof *c->v * cfg->n);
	c->nslot = cfg->nslot;
	c->slot = xmalloc(sizeof *c->slot * (cfg->nslot + 1));
	memcpy(c->slot, cfg->slot, sizeof *c->slot * cfg->nslot);
	c->problems = cfg->problems;
	return c;
}

void
settings_free(struct settings *cfg)
{
	size_t i;

	if (!cfg)
		return;
	for (i = 0; i < cfg->nchunk; i++)
		if (atomic_fetch_sub(&cfg->chunk[i]->refs, 1) == 1)
			free(cfg->chunk[i]);
	free(cfg->chunk);
	free(cfg->v);
	free(cfg->slot);
	free(cfg);
}

/*
 * The table's option for "section:key" (a choice when choice is set).  A
 * name the table does not have is a mistake in the program, not in a
 * settings file: it stops the program here, naming the key.
 */
static const struct option_def *
table_option(const char *key, int choice)
{
	const struct option_def *o = settings_option(key);

	if (!o || (choice && o->type != T_ENUM)) {
		fprintf(stderr, "diglot: internal error: '%s' is not %s of the option table\n",
		    key, o ? "a choice" : "an option");
		abort();
	}
	return o;
}

const char *
settings_get(const struct settings *cfg, const char *key)
{
	const struct entry *e;

	table_option(key, 0);
	e = settings_find(cfg, key);
	return e ? e->value : NULL;
}

const char *const *
settings_values(const char *key)
{
	return table_option(key, 1)->values;
}

int
settings_value_index(const char *key, const char *value)
{
	return value ? settings_index_in(settings_values(key), value, strlen(value), 0) : -1;
}

/* A choice that is set was checked against the table when it was read. */
int
settings_choice(const struct settings *cfg, const char *key)
{
	const struct option_def *o = table_option(key, 1);
	const char *v = settings_get(cfg, key);

	if (!v)
		v = o->def;
	return settings_index_in(o->values, v, strlen(v), 0);
}

void
settings_values_join(const char *key, const char *sep, const char *last, struct buf *out)
{
	settings_join(settings_values(key), sep, last, out);
}

int
settings_int(const struct settings *cfg, const char *key)
{
	const char *v = settings_get(cfg, key);

	return v ? (int)strtol(v, NULL, 10) : 0;
}

/* The units a length may have, in points. */
static const struct { const char *name; double pt; } length_units[] = {
	{ "mm", 72 / 25.4 }, { "cm", 72 / 2.54 }, { "in", 72 }, { "pt", 1 },
};

double
settings_parse_length(const char *v)
{
	char *end;
	double x;
	size_t i;

	x = strtod(v, &end);
	if (end == v || !(x >= 0) || x > 1e6)
		return -1;
	while (*end == ' ')
		end++;
	for (i = 0; i < sizeof length_units / sizeof length_units[0]; i++)
		if (strcasecmp(end, length_units[i].name) == 0)
			return x * length_units[i].pt;
	return -1;
}

double
settings_length(const struct settings *cfg, const char *key)
{
	const char *v = settings_get(cfg, key);
	double pt = v ? settings_parse_length(v) : -1;

	return pt >= 0 ? pt : settings_parse_length(table_option(key, 0)->def);
}

const char *
settings_origin(const struct settings *cfg, const char *key)
{
	const struct entry *e;

	table_option(key, 0);
	e = settings_find(cfg, key);
	return e ? e->origin : NULL;
}

int
settings_bool(const struct settings *cfg, const char *key)
{
	const char *v = settings_get(cfg, key);
	int b = 0;

	if (v)
		settings_parse_bool(v, &b);
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
	const char *v;
	int part;

	buf_adds(&k, key);
	for (part = 2; (v = settings_get(cfg, k.s)) != NULL; part++) {
		while (*v) {
			size_t n = strcspn(v, ",");
			const char *a = v + strspn(v, " \t"), *b = v + n;

			while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
				b--;
			if (b > a)
				fn(ctx, a, b - a);
			v += n + (v[n] == ',');
		}
		buf_reset(&k);
		buf_printf(&k, "%s.%d", key, part);
	}
	buf_free(&k);
}

void
settings_each_section(const struct settings *cfg, const char *prefix,
    void (*fn)(void *ctx, const char *section), void *ctx)
{
	size_t pl = strlen(prefix), i;

	for (i = 0; i < cfg->n; i++)
		if (!cfg->v[i].value && strncmp(cfg->v[i].name, prefix, pl) == 0)
			fn(ctx, cfg->v[i].name);
}

void
settings_each_key(const struct settings *cfg, const char *section,
    void (*fn)(void *ctx, const char *key, const char *value), void *ctx)
{
	const struct entry *e = settings_find(cfg, section);
	uint32_t k;

	for (k = e && !e->value ? e->next : 0; k; k = cfg->v[k - 1].next)
		fn(ctx, cfg->v[k - 1].name, cfg->v[k - 1].value);
}

/* Write value v as iniparser reads it back: bare unless that would change
 * it, else in quotes it does not hold.  A bare value loses its blanks
 * (spaces and tabs, the only ones a value may hold) at either end and what
 * follows a ';' or '#'; "" and '' read as empty; a line whose value opens
 * with a quote and goes on with another character (the comment after it,
 * if nothing else) reads as quoted; a trailing backslash joins the next
 * line.  (A value holding both kinds of quote never needs them: only a
 * bare line gives one.) */
static void
print_value(FILE *f, const char *v)
{
	size_t n = strlen(v);
	int quoted = (v[0] == '"' || v[0] == '\'') && !(n > 2 && v[1] == v[0]);

	if (n == 0 || quoted || strpbrk(v, ";#") || strchr(" \t", v[0]) ||
	    strchr(" \t\\", v[n - 1]))
		fprintf(f, strchr(v, '"') ? "'%s'" : "\"%s\"", v);
	else
		fputs(v, f);
}

/* Whether key k (an index + 1) of cfg has the value and origin it has in
 * base (a copy of base keeps each entry at its index). */
static int
same_in(const struct settings *cfg, const struct settings *base, uint32_t k)
{
	const struct entry *e = &cfg->v[k - 1], *b;

	if (k <= base->n && (base->v[k - 1].name == e->name ||
	    strcmp(base->v[k - 1].name, e->name) == 0))
		b = &base->v[k - 1];
	else
		b = settings_find(base, e->name);
	/* A copy shares the strings it did not change. */
	return b && b->value && (e->value == b->value || strcmp(e->value, b->value) == 0) &&
	    (e->origin == b->origin || (e->origin && b->origin &&
	    strcmp(e->origin, b->origin) == 0));
}

/* The keys of section sec of cfg (with base, those not the same in base),
 * under the section's line. */
static void
print_section(FILE *f, const struct settings *cfg, const struct settings *base,
    const char *sec)
{
	const struct entry *s = settings_find(cfg, sec);
	struct buf w = {0};
	uint32_t k;
	int head = 0;

	for (k = s && !s->value ? s->next : 0; k; k = cfg->v[k - 1].next) {
		const struct entry *key = &cfg->v[k - 1];
		const char *name = strchr(key->name, ':') + 1;
		const char *where = key->origin ? key->origin : "default";
		int apart;

		if (base && same_in(cfg, base, k))
			continue;
		if (!head++)
			fprintf(f, "\n[%s]\n", s->name);
		/* A file name may hold anything: the comment shows it cleaned,
		 * on a line of its own when the line would be too long for
		 * iniparser to read back. */
		buf_reset(&w);
		buf_add(&w, "", 0);
		text_clean(&w, where, strlen(where));
		apart = strlen(name) + strlen(key->value) + w.len + 10 > LINE_MAX_BYTES;
		if (apart)
			fprintf(f, "; %s\n", w.s);
		fprintf(f, "%s = ", name);
		print_value(f, key->value);
		if (apart)
			fputc('\n', f);
		else
			fprintf(f, " ; %s\n", w.s);
	}
	buf_free(&w);
}

void
settings_print(const struct settings *cfg, const struct settings *base, FILE *f)
{
	const struct option_def *o;
	size_t i;

	fputs("; diglot's effective settings; each value says where it came from.\n", f);
	/* The table's sections first, in its order, then the named ones. */
	for (o = options; o->section; o++)
		if (!strchr(o->section, '*') && (o == options || strcmp(o->section, o[-1].section)))
			print_section(f, cfg, base, o->section);
	for (i = 0; i < cfg->n; i++)
		if (!cfg->v[i].value && strchr(cfg->v[i].name, '.'))
			print_section(f, cfg, base, cfg->v[i].name);
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
			settings_join(o->values, "|", "|", &allowed);
		else if (o->type == T_BOOL)
			buf_adds(&allowed, "yes|no");
		else if (o->type == T_LENGTH)
			buf_printf(&allowed, "%dmm-%dmm", o->min, o->max);
		fprintf(f, "%s\t%s\t%s\t%s\t%s\n", o->section, o->key, o->def ? o->def : "",
		    allowed.s ? allowed.s : "", o->help);
		buf_free(&allowed);
	}
}
