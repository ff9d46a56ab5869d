/* SPDX-License-Identifier: MIT */
/* Printing: rows laid out on paginated text pages, sent to a printer
 * command or written to a file. */
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

#include "command.h"
#include "doc.h"
#include "file.h"
#include "lang.h"
#include "layout.h"
#include "module.h"
#include "pillar.h"
#include "print.h"
#include "settings.h"
#include "text.h"
#include "xalloc.h"

/* The page of each paper of [print] paper, in the table's order: ten
 * characters and six lines an inch, inside the margins. */
static const struct { int width, lines; } pages_of_paper[] = {
	{ 80, 66 },	/* a4 */
	{ 80, 62 },	/* letter */
};

void
print_defaults(const struct settings *cfg, struct print_opts *po)
{
	int paper = settings_choice(cfg, "print:paper");

	if ((size_t)paper >= sizeof pages_of_paper / sizeof pages_of_paper[0])
		die(70, "print: no page size for paper '%s'", settings_values("print:paper")[paper]);
	memset(po, 0, sizeof *po);
	po->layout = settings_choice(cfg, "print:layout");
	po->width = pages_of_paper[paper].width;
	po->lines = pages_of_paper[paper].lines;
	if (settings_int(cfg, "print:width"))
		po->width = settings_int(cfg, "print:width");
	if (settings_int(cfg, "print:lines"))
		po->lines = settings_int(cfg, "print:lines");
	po->header = settings_bool(cfg, "print:header");
	po->side[0] = 0;
	po->side[1] = 1;
	po->paper = paper;
	po->format = settings_choice(cfg, "print:format");
#ifndef HAVE_PANGO
	/* The default asks for PDF; a build without it prints text. */
	if (po->format == PRINT_PDF && !settings_origin(cfg, "print:format"))
		po->format = PRINT_TEXT;
#endif
	po->margin = settings_length(cfg, "print:margin");
	po->font = settings_get(cfg, "print:font");
	po->justify = settings_choice(cfg, "print:align") == 1;
	po->timeout = settings_int(cfg, "print:timeout");
}

/* Whether row r passes the pick's filters; *only walks its list. */
static int
picked(const struct print_pick *pk, size_t r, size_t *only)
{
	if (pk->want && !(pillars_row(pk->pillars, r) & pk->want))
		return 0;
	if (pk->marked && !pk->marked[r])
		return 0;
	if (!pk->only)
		return 1;
	while (*only < pk->nonly && pk->only[*only] < r)
		(*only)++;
	return *only < pk->nonly && pk->only[*only] == r;
}

void
print_section(const struct doc *doc, const struct print_opts *po, int side, struct buf *out)
{
	int i;

	if (side < 0 || side >= doc->nlangs)
		side = 0;
	for (i = 0; po->want && i < pillars_count(po->pillars); i++)
		if (po->want >> i & 1)
			buf_printf(out, "%s%s", out->len ? ", " : "", pillars_title(po->pillars,
			    i, doc->langs[side], 0));
	if (po->marked)
		buf_printf(out, "%sMarked paragraphs", out->len ? "; " : "");
	if (po->ranged)
		buf_printf(out, "%sParagraphs %zu\xe2\x80\x93%zu", out->len ? "; " : "",
		    po->first + 1, po->last);
}

size_t
print_select(const struct settings *cfg, const struct doc *doc, const struct print_pick *pk,
    size_t *rows, struct print_opts *po, struct buf *section)
{
	size_t n = 0, r, only = 0;

	print_defaults(cfg, po);
	if (pk->layout >= 0)
		po->layout = pk->layout;
	if (pk->width)
		po->width = pk->width;
	if (pk->lines)
		po->lines = pk->lines;
	if (pk->format >= 0)
		po->format = pk->format;
	po->side[0] = pk->side[0];
	po->side[1] = pk->side[1];
	for (r = pk->first; r < pk->last && r < doc->nrows; r++)
		if (picked(pk, r, &only))
			rows[n++] = r;
	po->pillars = pk->pillars;
	po->want = pk->want;
	po->marked = pk->marked != NULL;
	po->ranged = pk->ranged;
	po->first = pk->first;
	po->last = pk->last;
	print_section(doc, po, pk->side[0], section);
	po->section = section->s;
	return n;
}

void
print_first_block(const struct doc *doc, int side, int kind, struct buf *out)
{
	size_t b;
	int lang = side >= 0 && side < doc->nlangs ? doc->langs[side] : -1;

	for (b = 0; b < doc->nblocks; b++)
		if (doc->blocks[b].kind == kind && (lang < 0 || doc->blocks[b].lang == lang)) {
			doc_block_text(doc, b, out);
			return;
		}
}

/* The body lines of the printout, grouped in units (a row, or a row's
 * part in one language) that a page should not split if it can help it. */
struct body {
	struct buf text;	/* all lines, each ending in '\n' */
	size_t *line;		/* offsets of the lines in text */
	size_t nlines, caplines;
	size_t *unit;		/* first line of each unit */
	size_t nunits, capunits;
	size_t newpage;		/* a unit that must start a page; 0: none */
};

static void
body_line(struct body *b, const struct buf *line)
{
	size_t n = line->len;

	while (n && line->s[n - 1] == ' ')
		n--;
	b->line = xgrow(b->line, &b->caplines, b->nlines + 1, sizeof *b->line);
	b->line[b->nlines++] = b->text.len;
	buf_add(&b->text, line->s, n);
	buf_addc(&b->text, '\n');
}

static void
body_unit(struct body *b, int new_page)
{
	b->unit = xgrow(b->unit, &b->capunits, b->nunits + 1, sizeof *b->unit);
	b->unit[b->nunits++] = b->nlines;
	if (new_page)
		b->newpage = b->nunits - 1;
}

/* Lay the rows out in one layout and add them to the body. */
static void
add_rows(struct body *b, const struct doc *doc, const size_t *rows, size_t n,
    const struct layout_opts *lo, int first_new_page)
{
	struct row_view rv = {0};
	struct buf line = {0};
	size_t i;
	int k, first = 1;

	for (i = 0; i < n; i++) {
		layout_row(doc, rows[i], lo, &rv);
		if (rv.height == 0 || (rv.height == 1 && rv.lines[0].n + rv.lines[1].n == 0))
			continue;
		body_unit(b, first && first_new_page);
		first = 0;
		for (k = 0; k < rv.height; k++) {
			buf_reset(&line);
			buf_add(&line, "", 0);
			layout_text(&rv, k, &line);
			body_line(b, &line);
		}
	}
	row_view_free(&rv);
	buf_free(&line);
}

/* The page header: the title with "Page N of M" on the right, under it
 * what is printed (a pillar, a range), then a blank line. */
static void
header(struct buf *out, const struct buf *title, const char *section, int page,
    int pages, int width)
{
	struct buf right = {0};
	int used, rw;
	size_t fit;

	buf_printf(&right, "Page %d of %d", page, pages);
	rw = text_width(right.s, right.len);
	fit = text_fit(title->s ? title->s : "", title->len,
	    width - rw - 2 > 0 ? width - rw - 2 : 0, &used);
	buf_add(out, title->s ? title->s : "", fit);
	if (used < width - rw)
		buf_addfill(out, ' ', width - rw - used);
	buf_add(out, right.s, right.len);
	buf_addc(out, '\n');
	if (section && *section) {
		struct buf sec = {0};

		text_clean(&sec, section, strlen(section));
		fit = text_fit(sec.s, sec.len, width, &used);
		buf_add(out, sec.s, fit);
		buf_addc(out, '\n');
		buf_free(&sec);
	}
	buf_addc(out, '\n');
	buf_free(&right);
}

int
print_render(const struct doc *doc, const size_t *rows, size_t n,
    const struct print_opts *o, struct buf *out)
{
	struct body b;
	struct layout_opts lo;
	struct buf title = {0};
	size_t u, l;
	int *page_of;		/* per line: its page */
	unsigned char *gap;	/* per line: a blank line before it */
	int body_lines, page = 0, pages, used = 0, seq;
	int hdr = o->header ? (o->section && *o->section ? 3 : 2) : 0;

	memset(&b, 0, sizeof b);
	memset(&lo, 0, sizeof lo);
	lo.width = o->width;
	lo.split = 50;
	lo.gutter = 3;
	lo.rule_headings = 1;
	lo.side[0] = o->side[0];
	lo.side[1] = o->side[1];
	/* Sequential: one language, then the other from a new page. */
	seq = o->side[1] >= 0 && o->layout != PRINT_SIDE && o->layout != PRINT_INTERLEAVED;
	if (o->side[1] < 0 || seq)
		lo.mode = LAYOUT_SINGLE;
	else
		lo.mode = o->layout == PRINT_SIDE ? LAYOUT_SIDE : LAYOUT_STACKED;
	if (seq)
		lo.side[1] = -1;
	add_rows(&b, doc, rows, n, &lo, 0);
	if (seq) {
		lo.side[0] = o->side[1];
		add_rows(&b, doc, rows, n, &lo, 1);
	}
	print_first_block(doc, o->side[0], BLOCK_HEADING, &title);
	body_lines = o->lines - hdr;
	if (body_lines < 1)
		body_lines = 1;
	/* Paginate: a unit that does not fit in what is left of a page but
	 * fits on a page of its own starts the next one; a longer one is
	 * split between lines.  Units are set apart by a blank line. */
	page_of = xcalloc(b.nlines + 1, sizeof *page_of);
	gap = xcalloc(b.nlines + 1, 1);
	for (u = 0; u < b.nunits; u++) {
		size_t from = b.unit[u], to = u + 1 < b.nunits ? b.unit[u + 1] : b.nlines;
		int len = (int)(to - from), sep = used > 0;

		if (page == 0 || u == b.newpage ||
		    (used + sep + len > body_lines && len <= body_lines)) {
			page++;
			used = 0;
			sep = 0;
		}
		used += sep;
		for (l = from; l < to; l++) {
			if (used >= body_lines) {
				page++;
				used = 0;
			}
			page_of[l] = page;
			gap[l] = l == from && sep;
			used++;
		}
	}
	pages = page ? page : 1;
	page = 0;
	for (l = 0; l < b.nlines; l++) {
		int pg = page_of[l];
		size_t end = l + 1 < b.nlines ? b.line[l + 1] : b.text.len;

		if (pg != page) {
			if (page)
				buf_addc(out, '\f');
			page = pg;
			if (o->header)
				header(out, &title, o->section, page, pages, o->width);
		} else if (gap[l]) {
			buf_addc(out, '\n');
		}
		buf_add(out, b.text.s + b.line[l], end - b.line[l]);
	}
	if (b.nlines == 0 && o->header)
		header(out, &title, o->section, 1, 1, o->width);
	free(page_of);
	free(gap);
	buf_free(&b.text);
	free(b.line);
	free(b.unit);
	buf_free(&title);
	return pages;
}

int
print_format_of(const char *path)
{
	size_t n = path ? strlen(path) : 0;

	if (n && strcmp(path, "-") == 0)
		return PRINT_TEXT;
	if (n > 4 && strcasecmp(path + n - 4, ".pdf") == 0)
		return PRINT_PDF;
	if (n > 4 && strcasecmp(path + n - 4, ".txt") == 0)
		return PRINT_TEXT;
	return -1;
}

int
print_make(const struct doc *doc, const size_t *rows, size_t n, const struct print_opts *o,
    struct buf *out, struct buf *why)
{
	if (o->format == PRINT_TEXT)
		return print_render(doc, rows, n, o, out);
#ifdef HAVE_PANGO
	const struct pdf_module *m = pdf_module(why);

	return m ? m->render(doc, rows, n, o, out, why) : -1;
#else
	buf_adds(why, "PDF is not built in: this diglot was built without Pango and Cairo "
	    "(configure --without-pango); --format text or [print] format = text prints text");
	return -1;
#endif
}

/*
 * Send pages to the printer command (split like a shell would, run
 * without one): lp gets -t TITLE and lpr -J TITLE, both -o media=PAPER
 * (the [print] paper, capitalised: A4, Letter).
 * Returns -1 with the reason in why.
 */
static int
print_send(const char *command, const char *title, const char *paper, int pdf,
    int timeout, const char *text, size_t n, struct buf *why)
{
	char **argv = command_split(command, why), **full;
	const char *base;
	size_t argc = 0, i, k = 0;
	enum command_end end;

	if (!argv) {
		buf_printf(why, " in [print] command");
		return -1;
	}
	while (argv[argc])
		argc++;
	full = xcalloc(argc + 8, sizeof *full);
	for (i = 0; i < argc; i++)
		full[k++] = argv[i];
	base = strrchr(argv[0], '/');
	base = base ? base + 1 : argv[0];
	/* The job's name and the paper, for the print systems we know. */
	if (strcmp(base, "lp") == 0 || strcmp(base, "lpr") == 0) {
		struct buf t = {0}, m = {0};

		text_clean(&t, title && *title ? title : "diglot", strlen(title && *title ?
		    title : "diglot"));
		full[k++] = xstrdup(strcmp(base, "lp") == 0 ? "-t" : "-J");
		full[k++] = t.s;
		if (paper && *paper) {
			buf_printf(&m, "media=%c%s", toupper((unsigned char)paper[0]), paper + 1);
			full[k++] = xstrdup("-o");
			full[k++] = m.s;
		}
		if (pdf && strcmp(base, "lp") == 0) {
			full[k++] = xstrdup("-o");
			full[k++] = xstrdup("document-format=application/pdf");
		}
	}
	full[k] = NULL;
	end = command_feed(full, text, n, timeout, why);
	if (end == COMMAND_TOO_SLOW)
		buf_adds(why, " ([print] timeout)");
	else if (end != COMMAND_OK)
		buf_adds(why, " ([print] command)");
	command_free(full);
	free(argv);
	return end == COMMAND_OK ? 0 : -1;
}

/* Write text[0..n) to the special file path (a device, a FIFO) as it
 * is; -1 with why set when that fails. */
static int
write_through(const char *path, const char *text, size_t n, struct buf *why)
{
	size_t off = 0;
	int err = 0, fd = open(path, O_WRONLY);

	if (fd < 0)
		err = errno;
	while (fd >= 0 && off < n) {
		ssize_t w = write(fd, text + off, n - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			err = w < 0 ? errno : EIO;
			break;
		}
		off += (size_t)w;
	}
	if (fd >= 0 && close(fd) < 0 && !err)
		err = errno;
	if (err) {
		buf_printf(why, "%s: %s", path, strerror(err));
		return -1;
	}
	return 0;
}

/* Write text to path in full or not at all ("-": standard output). */
static int
print_write(const char *path, const char *text, size_t n, struct buf *why)
{
	struct stat st;

	if (strcmp(path, "-") == 0) {
		if (fwrite(text, 1, n, stdout) != n || fflush(stdout) != 0) {
			buf_printf(why, "standard output: %s", strerror(errno));
			return -1;
		}
		return 0;
	}
	/* A device or a pipe (/dev/null, a FIFO) is written as it is: a
	 * file renamed over it would take its place. */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
		return write_through(path, text, n, why);
	return file_write(path, text, n, 0666, why);
}

int
print_output(const struct settings *cfg, const struct doc *doc, const struct print_opts *po,
    const char *text, size_t n, const char *output, struct buf *why)
{
	struct buf title = {0};
	int rc;

	if (output) {
		rc = print_write(output, text, n, why);
	} else {
		print_first_block(doc, po->side[0], BLOCK_HEADING, &title);
		rc = print_send(settings_get(cfg, "print:command"), title.s,
		    settings_get(cfg, "print:paper"), po->format == PRINT_PDF, po->timeout,
		    text, n, why);
	}
	buf_free(&title);
	return rc;
}
