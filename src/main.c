/* SPDX-License-Identifier: MIT */
/* The command line: options, then the viewer, --dump or --json. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "buf.h"
#include "doc.h"
#include "json.h"
#include "lang.h"
#include "layout.h"
#include "settings.h"
#include "ui.h"
#include "xalloc.h"

enum { OPT_DUMP = 256, OPT_JSON, OPT_WIDTH, OPT_LANG, OPT_ENCODING, OPT_CONFIG,
	OPT_PILLAR, OPT_HELP, OPT_VERSION };

static const struct option long_options[] = {
	{ "dump", no_argument, NULL, OPT_DUMP },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "width", required_argument, NULL, OPT_WIDTH },
	{ "lang", required_argument, NULL, OPT_LANG },
	{ "encoding", required_argument, NULL, OPT_ENCODING },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "pillar", required_argument, NULL, OPT_PILLAR },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 }
};

static const char usage_text[] =
"Usage: diglot [OPTIONS] FILE...\n"
"Read a bilingual briefing with its language versions side by side.\n"
"\n"
"  --dump            print the side-by-side text (the default when standard\n"
"                    output is not a terminal)\n"
"  --width N         columns for --dump (default: the terminal's, else 80)\n"
"  --json            print the document model as JSON\n"
"  --lang A,B        languages to show, in order (left, right)\n"
"  --encoding NAME   the files' encoding (default: detect)\n"
"  --config FILE     read settings from FILE after the others\n"
"  --help            show this help and exit\n"
"  --version         show the version and exit\n"
"\n"
"FILE may be - for standard input; with no FILE, a pipe on standard input\n"
"is read.  Exit status: 0 ok, 1 unreadable or unusable input, 2 usage.\n"
"See diglot(1) and diglot-format(5).\n";

struct cli {
	int dump, json, width;
	const char *encoding;
	int langs[16], nlangs;
};

static _Noreturn void
usage_error(const char *fmt, const char *arg)
{
	fputs("diglot: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'diglot --help' for more information.\n", stderr);
	exit(2);
}

static void
parse_langs(struct cli *c, const char *arg)
{
	const char *p = arg;

	c->nlangs = 0;
	while (*p) {
		const char *e = strchr(p, ',');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		int id = lang_find(p, n);

		if (id < 0) {
			char code[64];

			snprintf(code, sizeof code, "%.*s", (int)(n < 60 ? n : 60), p);
			usage_error("--lang: unknown language '%s'", code);
		}
		if (c->nlangs < (int)(sizeof c->langs / sizeof c->langs[0]))
			c->langs[c->nlangs++] = id;
		p = e ? e + 1 : p + n;
	}
	if (c->nlangs == 0)
		usage_error("--lang: no language in '%s'", arg);
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

static void
dump(const struct doc *doc, const struct layout_opts *o, FILE *f)
{
	struct row_view rv = {0};
	struct buf line = {0};
	size_t r;
	int k;

	for (r = 0; r < doc->nrows; r++) {
		layout_row(doc, r, o, &rv);
		if (rv.height == 0)
			continue;
		if (r > 0)
			fputc('\n', f);
		for (k = 0; k < rv.height; k++) {
			buf_reset(&line);
			layout_text(&rv, o, k, &line);
			buf_addc(&line, '\n');
			fwrite(line.s, 1, line.len, f);
		}
		if (ferror(f))
			break;
	}
	row_view_free(&rv);
	buf_free(&line);
	check_output(f);
}

static void
read_config_file(struct settings *cfg, const char *path)
{
	struct source src;
	struct buf why = {0};

	if (source_read(&src, path, "UTF-8", &why) < 0)
		die(1, "--config %s", why.s);
	settings_read_text(cfg, path, src.data, src.len);
	source_free(&src);
}

int
main(int argc, char **argv)
{
	static char *stdin_args[] = { "-", NULL };
	struct cli c = { 0, 0, 0, NULL, { 0 }, 0 };
	struct settings *cfg;
	struct doc_opts dopts;
	struct layout_opts lo;
	struct doc *doc;
	struct buf why = {0};
	const char *lang_arg = NULL;
	char **files;
	int opt, nfiles, viewer, status = 0;

	setlocale(LC_ALL, "");
	signal(SIGPIPE, SIG_IGN);
	cfg = settings_new();
	while ((opt = getopt_long(argc, argv, "", long_options, NULL)) != -1) {
		char *end;
		long v;

		switch (opt) {
		case OPT_DUMP:
			c.dump = 1;
			break;
		case OPT_JSON:
			c.json = 1;
			break;
		case OPT_WIDTH:
			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || v < 1 || v > 100000)
				usage_error("--width: '%s' is not a width (1-100000)", optarg);
			c.width = (int)v;
			break;
		case OPT_LANG:
			lang_arg = optarg;
			break;
		case OPT_ENCODING:
			c.encoding = optarg;
			break;
		case OPT_CONFIG:
			read_config_file(cfg, optarg);
			break;
		case OPT_PILLAR:
			break;
		case OPT_HELP:
			fputs(usage_text, stdout);
			check_output(stdout);
			return 0;
		case OPT_VERSION:
			printf("diglot %s\n", PACKAGE_VERSION);
			check_output(stdout);
			return 0;
		default:
			fputs("Try 'diglot --help' for more information.\n", stderr);
			return 2;
		}
	}
	lang_load(cfg);
	if (lang_arg)
		parse_langs(&c, lang_arg);
	files = argv + optind;
	nfiles = argc - optind;
	if (nfiles == 0) {
		if (isatty(STDIN_FILENO))
			usage_error("%s", "no briefing to read (give a FILE, or - for standard input)");
		files = stdin_args;
		nfiles = 1;
	}
	viewer = !c.dump && !c.json && isatty(STDOUT_FILENO);
	if (viewer)
		ui_hold_warnings();
	memset(&dopts, 0, sizeof dopts);
	dopts.encoding = c.encoding;
	dopts.langs = c.nlangs > 1 ? c.langs : NULL;
	dopts.nlangs = c.nlangs > 1 ? c.nlangs : 0;
	doc = doc_open(files, nfiles, &dopts, &why);
	if (!doc)
		die(1, "%s", why.s);
	if (c.json) {
		json_write(doc, stdout);
		check_output(stdout);
	} else {
		memset(&lo, 0, sizeof lo);
		lo.width = c.width ? c.width : terminal_width();
		lo.mode = LAYOUT_SIDE;
		lo.split = 50;
		lo.gutter = 3;
		lo.side[0] = doc->nlangs > 0 ? 0 : -1;
		lo.side[1] = doc->nlangs > 1 && c.nlangs != 1 ? 1 : -1;
		if (c.nlangs == 1)
			lo.side[0] = doc_lang_slot(doc, c.langs[0]);
		if (viewer) {
			struct ui_opts uo;
			struct buf name = {0};

			buf_adds(&name, strcmp(files[0], "-") ? files[0] : "(stdin)");
			if (nfiles > 1)
				buf_printf(&name, " +%d", nfiles - 1);
			memset(&uo, 0, sizeof uo);
			uo.name = name.s;
			uo.copy_command = settings_get(cfg, "copy:command");
			uo.stack_below = 80;
			uo.mouse = 1;
			uo.status = 1;
			status = ui_run(doc, &lo, &uo);
			buf_free(&name);
		} else {
			dump(doc, &lo, stdout);
		}
	}
	doc_free(doc);
	lang_unload();
	settings_free(cfg);
	buf_free(&why);
	return status;
}
