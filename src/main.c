/* SPDX-License-Identifier: MIT */
/* The command line: options, settings, then the viewer, --dump or --json. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "align.h"
#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "dump.h"
#include "form.h"
#include "text.h"
#include "tmx.h"
#include "json.h"
#include "loader.h"
#include "lang.h"
#include "pdf.h"
#include "layout.h"
#include "pillar.h"
#include "print.h"
#include "settings.h"
#include "state.h"
#include "ui.h"
#include "xalloc.h"

enum { OPT_DUMP = 256, OPT_JSON, OPT_WIDTH, OPT_LANG, OPT_ENCODING, OPT_CONFIG,
	OPT_PILLAR, OPT_PRINT_CONFIG, OPT_CHECK_CONFIG, OPT_OPTIONS, OPT_HELP,
	OPT_VERSION, OPT_ROWS, OPT_LAYOUT, OPT_LINES, OPT_OUTPUT, OPT_NO_STATE, OPT_TMX,
	OPT_FORMAT, OPT_PRINT_FORMAT };

static const struct option long_options[] = {
	{ "dump", no_argument, NULL, OPT_DUMP },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "tmx", no_argument, NULL, OPT_TMX },
	{ "width", required_argument, NULL, OPT_WIDTH },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "pillar", required_argument, NULL, OPT_PILLAR },
	{ "print-config", no_argument, NULL, OPT_PRINT_CONFIG },
	{ "check-config", no_argument, NULL, OPT_CHECK_CONFIG },
	{ "list-options", no_argument, NULL, OPT_OPTIONS },
	{ "rows", required_argument, NULL, OPT_ROWS },
	{ "layout", required_argument, NULL, OPT_LAYOUT },
	{ "lines", required_argument, NULL, OPT_LINES },
	{ "output", required_argument, NULL, OPT_OUTPUT },
	/* --format after print: what take_print makes of it. */
	{ "print-format", required_argument, NULL, OPT_PRINT_FORMAT },
	{ "no-state", no_argument, NULL, OPT_NO_STATE },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

/* --help; %s is the print layouts. */
static const char usage_text[] =
"Usage: diglot [OPTIONS] FILE...\n"
"       diglot [OPTIONS] print [PRINT-OPTIONS] FILE...\n"
"Read a bilingual briefing with its language versions side by side.\n"
"\n"
"  --dump            print the side-by-side text (the default when standard\n"
"                    output is not a terminal)\n"
"  --width N         columns for --dump (default: the terminal's, else 80)\n"
"  --json            print the document model as JSON\n"
"  --tmx             print the paragraph pairs of two languages as a\n"
"                    translation memory (TMX 1.4)\n"
"  --lang A,B        languages to show, in order (left, right)\n"
"  --pillar ID       only the paragraphs of this pillar (repeatable)\n"
"  --encoding NAME   the files' encoding (default: detect)\n"
"  --format FORM     the files' form: text, html, xhtml, docx, odt or pdf\n"
"                    (default: told from the content)\n"
"  --config FILE     read settings from FILE after the others\n"
"  --no-state        open at the top and remember nothing of this reading\n"
"  --print-config    print the effective settings and where each came from\n"
"  --check-config    check the settings; exit 1 if anything is wrong\n"
"  --help            show this help and exit\n"
"  --version         show the version and exit\n"
"\n"
"Print options (after print; with none, the whole briefing, the shown\n"
"languages side by side, to the [print] command):\n"
"  --pillar ID       the paragraphs of this pillar (repeatable)\n"
"  --rows A-B        paragraphs A to B (1-based; A- or A alone too)\n"
"  --lang A[,B]      the languages to print, in order\n"
"  --layout L        %s\n"
"  --width N         columns per page\n"
"  --lines N         lines per page\n"
"  --format F        pdf or text (default: from FILE's name, .pdf or .txt,\n"
"                    else [print] format; - is text)\n"
"  --output FILE     write the pages to FILE (- for standard output)\n"
"\n"
"FILE may be - for standard input; with no FILE, a pipe on standard input\n"
"is read.  Exit status: 0 ok, 1 unreadable or unusable input, 2 usage.\n"
"See diglot(1), diglot.ini(5) and diglot-format(5).\n";

struct cli {
	int dump, json, tmx, width, print_config, check_config, list_options;
	int print, lines, no_state;
	const char *rows, *layout, *output, *print_format;
	const char *encoding, *lang_arg;
	int form;
	char **configs;
	int nconfigs;
	char **pillars;		/* --pillar IDs */
	int npillars;
	int langs[16], nlangs;
};

static _Noreturn void
usage_error(const char *fmt, const char *arg)
{
	struct buf b = {0}, clean = {0};

	buf_printf(&b, fmt, arg);
	text_clean(&clean, b.s, b.len);
	fprintf(stderr, "diglot: %s\nTry 'diglot --help' for more information.\n", clean.s);
	exit(2);
}

/* A comma-separated list of language codes into ids; 0 when all are known. */
static int
parse_langs(const char *arg, int *ids, int max, int *n, const char **bad, int *badlen)
{
	const char *p = arg;

	*n = 0;
	while (*p) {
		size_t k;
		int id;

		p += strspn(p, ", ");
		k = strcspn(p, ", ");
		if (!k)
			break;
		id = lang_find(p, k);
		if (id < 0) {
			*bad = p;
			*badlen = (int)k;
			return -1;
		}
		if (*n < max)
			ids[(*n)++] = id;
		p += k;
	}
	return 0;
}

static int
terminal_width(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* A failed write ends the program: quietly when the reader went away. */
static void
check_output(FILE *f)
{
	if (fflush(f) == 0 && !ferror(f))
		return;
	if (errno == EPIPE)
		exit(0);
	die(1, "write error: %s", strerror(errno));
}

/* --help, and the end. */
static _Noreturn void
usage(void)
{
	struct buf layouts = {0};

	settings_values_join("print:layout", ", ", " or ", &layouts);
	printf(usage_text, layouts.s);
	buf_free(&layouts);
	check_output(stdout);
	exit(0);
}

/* Whether the first argument that is not an option is "print"; if so it
 * is taken out, so options may stand before or after it, and a --format
 * after it, the format to print in, becomes --print-format. */
static int
take_print(int *argc, char **argv)
{
	int i;

	for (i = 1; i < *argc; i++) {
		const struct option *o;
		const char *a = argv[i];

		if (strcmp(a, "--") == 0 || a[0] != '-' || a[1] == '\0')
			break;
		for (o = long_options; o->name; o++)
			if (strncmp(a + 2, o->name, strlen(o->name)) == 0 &&
			    a[2 + strlen(o->name)] == '\0' && o->has_arg == required_argument)
				i++;
	}
	if (i >= *argc || strcmp(argv[i], "print") != 0)
		return 0;
	memmove(argv + i, argv + i + 1, sizeof *argv * (*argc - i));
	(*argc)--;
	for (; i < *argc && strcmp(argv[i], "--") != 0; i++) {
		const struct option *o;

		if (strncmp(argv[i], "--format=", 9) == 0) {
			struct buf b = {0};

			buf_printf(&b, "--print-format=%s", argv[i] + 9);
			argv[i] = b.s;	/* held by argv from here on */
			continue;
		}
		if (strcmp(argv[i], "--format") == 0)
			argv[i] = (char *)"--print-format";
		for (o = long_options; argv[i][0] == '-' && argv[i][1] == '-' && o->name; o++)
			if (strcmp(argv[i] + 2, o->name) == 0 && o->has_arg == required_argument) {
				i++;
				break;
			}
	}
	return 1;
}

static void
parse_args(int argc, char **argv, struct cli *c)
{
	int opt;

	while ((opt = getopt_long(argc, argv, "", long_options, NULL)) != -1) {
		char *end;
		long v;

		switch (opt) {
		case OPT_DUMP: c->dump = 1; break;
		case OPT_JSON: c->json = 1; break;
		case OPT_TMX: c->tmx = 1; break;
		case OPT_WIDTH:
			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || v < 1 || v > 100000)
				usage_error("--width: '%s' is not a width in columns from 1 to 100000",
				    optarg);
			c->width = (int)v;
			break;
		case OPT_LANG: c->lang_arg = optarg; break;
		case OPT_ENCODING: c->encoding = optarg; break;
		case OPT_FORMAT:
			c->form = form_by_name(optarg);
			if (c->form == FORM_DETECT)
				usage_error("--format: '%s' is not text, html, xhtml, docx, odt or pdf",
				    optarg);
			break;
		case OPT_CONFIG:
			c->configs = xrealloc(c->configs, sizeof *c->configs * (c->nconfigs + 1));
			c->configs[c->nconfigs++] = optarg;
			break;
		case OPT_PILLAR:
			c->pillars = xrealloc(c->pillars, sizeof *c->pillars * (c->npillars + 1));
			c->pillars[c->npillars++] = optarg;
			break;
		case OPT_ROWS: c->rows = optarg; break;
		case OPT_LAYOUT: c->layout = optarg; break;
		case OPT_OUTPUT: c->output = optarg; break;
		case OPT_PRINT_FORMAT: c->print_format = optarg; break;
		case OPT_NO_STATE: c->no_state = 1; break;
		case OPT_LINES:
			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || v < 3 || v > 100000)
				usage_error("--lines: '%s' is not a number of lines per page from 3 to 100000",
				    optarg);
			c->lines = (int)v;
			break;
		case OPT_PRINT_CONFIG: c->print_config = 1; break;
		case OPT_CHECK_CONFIG: c->check_config = 1; break;
		case OPT_OPTIONS: c->list_options = 1; break;
		case OPT_HELP:
			usage();
		case OPT_VERSION:
			printf("diglot %s\n", PACKAGE_VERSION);
			check_output(stdout);
			exit(0);
		default:
			fputs("Try 'diglot --help' for more information.\n", stderr);
			exit(2);
		}
	}
}

/* The slot of the language a [languages] key names, if the briefing has it. */
static int
preferred_slot(const struct doc *doc, const struct settings *cfg, const char *key)
{
	const char *v = settings_get(cfg, key);
	int id = v && *v ? lang_find(v, strlen(v)) : -1;

	return id >= 0 ? doc_lang_slot(doc, id) : -1;
}

/* The starting layout: settings, then --lang. */
static void
initial_layout(const struct doc *doc, const struct settings *cfg, const struct cli *c,
    struct layout_opts *lo)
{
	int l, r;

	memset(lo, 0, sizeof *lo);
	lo->width = c->width ? c->width : terminal_width();
	lo->mode = settings_choice(cfg, "layout:mode");
	lo->split = settings_int(cfg, "layout:split");
	lo->gutter = settings_int(cfg, "layout:gutter");
	lo->wrap = settings_int(cfg, "layout:wrap");
	lo->side[0] = doc->nlangs > 0 ? 0 : -1;
	lo->side[1] = doc->nlangs > 1 ? 1 : -1;
	if (c->nlangs == 0) {
		l = preferred_slot(doc, cfg, "languages:left");
		r = preferred_slot(doc, cfg, "languages:right");
		if (l >= 0 && r >= 0 && l != r) {
			lo->side[0] = l;
			lo->side[1] = r;
		} else if (l >= 0) {
			lo->side[1] = lo->side[0] == l ? lo->side[1] : lo->side[0];
			lo->side[0] = l;
		} else if (r >= 0) {
			lo->side[0] = lo->side[1] == r ? lo->side[0] : lo->side[1];
			lo->side[1] = r;
		}
	} else {
		lo->side[0] = doc_lang_slot(doc, c->langs[0]);
		lo->side[1] = c->nlangs > 1 ? doc_lang_slot(doc, c->langs[1]) : -1;
		if (lo->side[0] < 0) {
			lo->side[0] = lo->side[1];
			lo->side[1] = -1;
		}
	}
	if (lo->side[1] < 0 && lo->mode == LAYOUT_SIDE)
		lo->mode = LAYOUT_SINGLE;
	if (lo->mode == LAYOUT_SINGLE)
		lo->side[1] = -1;
}

/* Paragraph range "A-B", "A-" or "A" (1-based) into first and last; -1
 * when it is no range, -2 when it goes past the last of nrows. */
static int
parse_rows(const char *s, size_t nrows, size_t *first, size_t *last)
{
	char *end;
	long a, b;

	errno = 0;
	a = strtol(s, &end, 10);
	if (end == s || a < 1 || errno)
		return -1;
	if (*end == '\0')
		b = a;
	else if (*end == '-' && end[1] == '\0')
		b = (long)nrows;
	else if (*end == '-') {
		s = end + 1;
		b = strtol(s, &end, 10);
		if (end == s || *end || b < a)
			return -1;
	} else
		return -1;
	if ((size_t)a > nrows || (size_t)b > nrows)
		return -2;
	*first = a - 1;
	*last = (size_t)b;
	return 0;
}

/* --layout's print layout, or -1 for [print] layout. */
static int
print_layout(const char *name)
{
	struct buf why = {0};
	int layout;

	if (!name)
		return -1;
	layout = settings_value_index("print:layout", name);
	if (layout >= 0)
		return layout;
	buf_printf(&why, "--layout: '%s' is not ", name);
	settings_values_join("print:layout", ", ", " or ", &why);
	usage_error("%s", why.s);
}

/* diglot print: choose the rows, lay out the pages, send them. */
static int
print_command(const struct doc *doc, struct pillars *p, uint32_t want,
    const struct settings *cfg, const struct cli *c, const struct layout_opts *lo)
{
	struct print_pick pk;
	struct print_opts po;
	struct buf pages = {0}, section = {0}, why = {0};
	size_t *rows = xmalloc(sizeof *rows * (doc->nrows + 1)), n;
	int status;

	memset(&pk, 0, sizeof pk);
	pk.layout = print_layout(c->layout);
	pk.last = doc->nrows;
	if (c->rows) {
		int rc = parse_rows(c->rows, doc->nrows, &pk.first, &pk.last);
		struct buf msg = {0};

		if (rc == -1)
			usage_error("--rows: '%s' is not a range of paragraphs such as 3-7", c->rows);
		if (rc == -2 && doc->nrows == 0)
			usage_error("--rows: '%s' is past the end: the briefing has no paragraphs",
			    c->rows);
		if (rc == -2) {
			buf_printf(&msg, "--rows: '%s' is past the end: the paragraphs are 1-%zu",
			    c->rows, doc->nrows);
			usage_error("%s", msg.s);
		}
	}
	pk.ranged = c->rows != NULL;
	pk.pillars = p;
	pk.want = want;
	pk.side[0] = lo->side[0];
	pk.side[1] = lo->side[1];
	pk.width = c->width;
	pk.lines = c->lines;
	/* --format, else what the file's name says, else [print] format. */
	pk.format = c->print_format ? settings_value_index("print:format", c->print_format) :
	    print_format_of(c->output);
	if (c->print_format && pk.format < 0) {
		struct buf msg = {0};

		buf_printf(&msg, "--format: '%s' is not ", c->print_format);
		settings_values_join("print:format", ", ", " or ", &msg);
		buf_adds(&msg, " (after print: the format to print in)");
		usage_error("%s", msg.s);
	}
	n = print_select(cfg, doc, &pk, rows, &po, &section);
	if (print_make(doc, rows, n, &po, &pages, &why) < 0)
		status = -1;
	else if (c->output && strcmp(c->output, "-") == 0) {
		/* Standard output ends quietly when its reader goes. */
		fwrite(pages.s ? pages.s : "", 1, pages.len, stdout);
		check_output(stdout);
		status = 0;
	} else {
		status = print_output(cfg, doc, &po, pages.s ? pages.s : "", pages.len,
		    c->output, &why);
	}
	if (status < 0)
		diag_warn("print: %s", why.s);
	free(rows);
	buf_free(&pages);
	buf_free(&section);
	buf_free(&why);
	return status < 0 ? 1 : 0;
}

/* Held at file scope, so that what they point to is still reachable when
 * a usage error or die() ends the program (leak checkers agree). */
static struct cli c;
static struct settings *cfg;
static struct doc *doc;
static struct pillar_set *pillar_set;
static struct pillars *pillars;
static struct loader *loader;
static struct pillars *whole_pillars;

/* The viewer read a large briefing's first part first; now the whole. */
static struct pillars *
whole_read(struct doc *whole, struct layout_opts *lo)
{
	initial_layout(whole, cfg, &c, lo);
	whole_pillars = pillars_new(pillar_set, whole);
	return whole_pillars;
}

/* --list-options, --print-config, --check-config: the exit status. */
static int
config_command(void)
{
	int status;

	if (c.list_options)
		settings_print_table(stdout);
	else if (c.print_config)
		settings_print(cfg, NULL, stdout);
	else if (!settings_problems(cfg))
		puts("settings OK");
	check_output(stdout);
	status = !c.list_options && settings_problems(cfg) ? 1 : 0;
	settings_free(cfg);
	free(c.configs);
	free(c.pillars);
	return status;
}

/* The languages to tell apart, into dopts: --lang, else [languages]
 * expected (expected holds them). */
static void
choose_langs(struct doc_opts *dopts, int *expected, int *nexpected)
{
	const char *bad;
	int badlen;

	if (c.lang_arg && (parse_langs(c.lang_arg, c.langs, 16, &c.nlangs, &bad, &badlen) < 0 ||
	    c.nlangs == 0)) {
		char code[64];

		snprintf(code, sizeof code, "%.*s", c.nlangs ? 0 : badlen < 60 ? badlen : 60,
		    c.nlangs ? "" : bad);
		usage_error(c.nlangs || !*code ? "--lang: no language in '%s'" :
		    "--lang: unknown language '%s'", *code ? code : c.lang_arg);
	}
	if (!c.lang_arg && settings_get(cfg, "languages:expected"))
		parse_langs(settings_get(cfg, "languages:expected"), expected, 16,
		    nexpected, &bad, &badlen);
	if (c.nlangs > 1) {
		dopts->langs = c.langs;
		dopts->nlangs = c.nlangs;
	} else if (*nexpected > 1) {
		dopts->langs = expected;
		dopts->nlangs = *nexpected;
	}
}

/* The pillars of --pillar as bits of pillars_row(). */
static uint32_t
wanted_pillars(void)
{
	uint32_t want = 0;
	int i;

	for (i = 0; i < c.npillars; i++) {
		int k = pillars_find(pillars, c.pillars[i]);

		if (k < 0) {
			struct buf known = {0}, why = {0};

			for (k = 0; k < pillars_count(pillars); k++)
				buf_printf(&known, "%s%s", k ? ", " : "", pillars_id(pillars, k));
			buf_printf(&why, "--pillar: no pillar '%.100s' (pillars: %s)", c.pillars[i],
			    known.len ? known.s : "none defined");
			usage_error("%s", why.s);
		}
		want |= (uint32_t)1 << k;
	}
	return want;
}

/* The command line as given. */
static char **command_line;

/* What the viewer remembers of the briefing, for the reader's fixes of its
 * rows in the dump, the JSON, printing and --tmx. */
static struct state saved;

/* Give doc the reader's fixes (before it is aligned), unless --no-state or
 * [state] remember = no. */
static void
load_fixes(struct doc *d)
{
	struct buf why = {0};

	if (c.no_state || !settings_bool(cfg, "state:remember"))
		return;
	if (state_open(&saved, d->files, d->nfiles, &why) < 0)
		diag_warn("%s", why.s);
	else if (saved.found && !saved.moved && saved.place.fixes.n)
		d->fixes = &saved.place.fixes;
	buf_free(&why);
}

/* Say when fixes no longer fit the briefing. */
static void
fixes_left_out(const struct doc *d)
{
	if (d->fixes_left_out > 0)
		diag_warn("%d of the reader's fixes of the rows no longer fit the briefing "
		    "and %s left out", d->fixes_left_out, d->fixes_left_out > 1 ? "are" : "is");
}

/* --tmx: the pairs of the two languages shown (--lang, else the
 * settings'); returns the exit status. */
static int
tmx_command(const struct doc *d, const struct layout_opts *lo)
{
	if (d->nlangs < 2 || lo->side[0] < 0 || lo->side[1] < 0) {
		fprintf(stderr, "diglot: --tmx: %s holds %s; a translation memory needs "
		    "two languages\n", source_label(&d->files[0]),
		    d->nlangs == 0 ? "no paragraphs" : d->nlangs == 1 ?
		    "one language only" : "one of the languages asked for only");
		return 1;
	}
	if (tmx_write(d, lo->side[0], lo->side[1], stdout) < 0)
		check_output(stdout);
	check_output(stdout);
	return 0;
}

/* The viewer on the briefing; returns the exit status. */
static int
view(char **files, int nfiles, const struct layout_opts *lo)
{
	struct ui_opts uo;
	struct buf name = {0};
	int status;

	/* The status line names the file, not its whole path: the room is
	 * for the position and the messages. */
	if (strcmp(files[0], "-") == 0)
		buf_adds(&name, "(stdin)");
	else
		buf_adds(&name, strrchr(files[0], '/') ? strrchr(files[0], '/') + 1 : files[0]);
	if (nfiles > 1)
		buf_printf(&name, " +%d", nfiles - 1);
	memset(&uo, 0, sizeof uo);
	uo.name = name.s;
	uo.cfg = cfg;
	uo.pillars = pillars;
	uo.loader = loader;
	uo.whole = whole_read;
	/* The place is remembered where the settings allow. */
	uo.remember = !c.no_state && settings_bool(cfg, "state:remember");
	uo.langs_given = c.nlangs > 0;
	uo.argv = command_line;
	status = ui_run(doc, lo, &uo);
	if (uo.remember) {
		struct buf dir = {0}, why = {0};

		if (state_dir(&dir, &why) == 0)
			state_prune(dir.s, settings_int(cfg, "state:keep"));
		buf_free(&dir);
		buf_free(&why);
	}
	buf_free(&name);
	/* Quit before the whole was read: the thread still uses the language
	 * tables; end here, without freeing. */
	if (loader && !loader_done(loader)) {
		fflush(NULL);
		_exit(status);
	}
	return status;
}

int
main(int argc, char **argv)
{
	static char *stdin_args[] = { "-", NULL };
	struct doc_opts dopts;
	struct layout_opts lo;
	struct buf why = {0};
	uint32_t want;
	char **files;
	int nfiles, viewer, status = 0, expected[16], nexpected = 0;

	/* As given, for R to run again (getopt reorders argv). */
	command_line = xcalloc((size_t)argc + 1, sizeof *command_line);
	memcpy(command_line, argv, sizeof *argv * (size_t)argc);
	setlocale(LC_ALL, "");
	/* Numbers in settings, in pdftotext's text and in messages are
	 * written with a point, whatever the reader's locale writes. */
	setlocale(LC_NUMERIC, "C");
	signal(SIGPIPE, SIG_IGN);
	die_set_clean(text_clean);
	memset(&c, 0, sizeof c);
	c.print = take_print(&argc, argv);
	parse_args(argc, argv, &c);
	if (!c.print && (c.rows || c.layout || c.output || c.lines || c.print_format))
		usage_error("%s", "--rows, --layout, --lines and --output go with print");
	files = argv + optind;
	nfiles = argc - optind;
	viewer = !c.dump && !c.json && !c.tmx && !c.print_config && !c.check_config &&
	    !c.list_options && !c.print && isatty(STDOUT_FILENO);
	if (viewer)
		ui_hold_warnings();

	cfg = settings_new();
	if (settings_load(cfg, c.configs, c.nconfigs, &why) < 0)
		die(1, "--config %s", why.s);
	if (c.list_options || c.print_config || c.check_config)
		return config_command();
	lang_load(cfg);
	pdf_configure(settings_get(cfg, "input:pdftotext"), settings_int(cfg, "input:timeout"));
	memset(&dopts, 0, sizeof dopts);
	choose_langs(&dopts, expected, &nexpected);
	if (nfiles == 0) {
		if (isatty(STDIN_FILENO))
			usage_error("%s", "no briefing to read (give a FILE, or - for standard input)");
		files = stdin_args;
		nfiles = 1;
	}
	dopts.encoding = c.encoding;
	dopts.form = c.form;
	/* The viewer shows a large briefing before all of it is read. */
	if (viewer)
		loader = loader_start(files, nfiles, &dopts, &doc);
	if (!doc)
		doc = doc_open(files, nfiles, &dopts, &why);
	if (!doc)
		die(1, "%s", why.s);
	if (!viewer)
		load_fixes(doc);
	/* (--json writes the blocks first and aligns them after.) */
	if (!c.json)
		align_doc(doc);
	initial_layout(doc, cfg, &c, &lo);
	pillar_set = pillar_set_new(cfg, &doc->pillar_ini);
	pillars = pillars_new(pillar_set, doc);
	want = wanted_pillars();
	if (c.print) {
		status = print_command(doc, pillars, want, cfg, &c, &lo);
	} else if (c.json) {
		json_write(doc, pillars, stdout);
		check_output(stdout);
	} else if (c.tmx) {
		status = tmx_command(doc, &lo);
	} else if (viewer) {
		status = view(files, nfiles, &lo);
	} else {
		dump_write(doc, pillars, want, &lo, stdout);
		check_output(stdout);
	}
	fixes_left_out(doc);
	state_free(&saved);
	pillars_free(pillars);
	pillars_free(whole_pillars);
	pillar_set_free(pillar_set);
	loader_free(loader);
	doc_free(doc);
	lang_unload();
	settings_free(cfg);
	free(c.configs);
	free(c.pillars);
	free(command_line);
	buf_free(&why);
	return status;
}
