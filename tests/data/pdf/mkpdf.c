/* SPDX-License-Identifier: MIT */
/* A PDF briefing from a script, typeset with cairo: the test producer of
 * tests/pdf.sh.  Lines of the script (standard input):
 *   header TEXT	the running header from here on (# is the page number)
 *   footer TEXT	the running footer
 *   columns N		1 or 2 columns from the next page on
 *   heading TEXT	a heading, larger than the body
 *   para TEXT		a paragraph: its first line indented, justified to
 *			the column but its last line; a word may break at
 *			a ~ (a hyphen then ends the line) or after a -
 *   note TEXT		a footnote at the foot of this page, smaller
 *   page		a new page
 * Pages are A4; text flows to the next column and page.
 * Usage: mkpdf OUT.pdf < SCRIPT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>

#define W 595.0
#define H 842.0
#define LEFT 72.0
#define RIGHT 523.0
#define TOP 100.0
#define BOTTOM 740.0
#define BODY 10.0
#define LEAD 13.0
#define INDENT 18.0

static cairo_t *cr;
static int page = 0, columns = 1, next_columns = 1, col = 0;
static double y;
static char header[512], footer[512];
static char notes[8][512];
static int nnotes;

static void
show(double x, double yy, double size, const char *s)
{
	cairo_set_font_size(cr, size);
	cairo_move_to(cr, x, yy);
	cairo_show_text(cr, s);
}

static double
width(const char *s, double size)
{
	cairo_text_extents_t e;

	cairo_set_font_size(cr, size);
	cairo_text_extents(cr, s, &e);
	return e.x_advance;
}

/* The furniture of the page, with its page number for #. */
static void
furnish(const char *t, double yy)
{
	char out[600];
	size_t i, k = 0;

	for (i = 0; t[i] && k + 12 < sizeof out; i++)
		if (t[i] == '#')
			k += (size_t)snprintf(out + k, sizeof out - k, "%d", page);
		else
			out[k++] = t[i];
	out[k] = '\0';
	if (k)
		show(LEFT, yy, 9, out);
}

static void
end_page(void)
{
	int i;

	for (i = 0; i < nnotes; i++)
		show(LEFT, BOTTOM + 24 + i * 10, 8, notes[i]);
	nnotes = 0;
	furnish(footer, 800);
	cairo_show_page(cr);
}

static void
new_page(void)
{
	if (page)
		end_page();
	page++;
	columns = next_columns;
	col = 0;
	y = TOP;
	furnish(header, 50);
}

static double
col_left(void)
{
	return columns == 1 ? LEFT : LEFT + col * ((RIGHT - LEFT) / 2 + 9);
}

static double
col_width(void)
{
	return columns == 1 ? RIGHT - LEFT : (RIGHT - LEFT) / 2 - 9;
}

/* Room for a line of height h, else the next column or page. */
static void
room(double h)
{
	if (y + h <= BOTTOM)
		return;
	if (col + 1 < columns) {
		col++;
		y = TOP;
	} else {
		new_page();
	}
}

/* One line of words w[0..n), indented by indent in its column, justified
 * to the column when just. */
static void
put_line(char **w, int n, double indent, int just)
{
	double sum = 0, gap, sp = width(" ", BODY), x, wd;
	int i;

	room(LEAD);
	x = col_left() + indent;
	wd = col_width() - indent;
	for (i = 0; i < n; i++)
		sum += width(w[i], BODY);
	gap = just && n > 1 ? (wd - sum) / (n - 1) : sp;
	for (i = 0; i < n; i++) {
		show(x, y, BODY, w[i]);
		x += width(w[i], BODY) + gap;
	}
	y += LEAD;
}

/* The word s without its ~ marks into out. */
static void
plain(const char *s, char *out)
{
	for (; *s; s++)
		if (*s != '~')
			*out++ = *s;
	*out = '\0';
}

static void
para(char *text)
{
	char *words[400], *line[400], buf[400][128], *tok;
	int n = 0, k = 0, i, first = 1;
	double used = 0, sp = width(" ", BODY);

	for (tok = strtok(text, " "); tok && n < 400; tok = strtok(NULL, " "))
		words[n++] = tok;
	for (i = 0; i < n; i++) {
		double wd = col_width() - (first ? INDENT : 0);
		char *wrd = words[i], head[128], tail[128], *p;
		double ww;

		plain(wrd, buf[k]);
		ww = width(buf[k], BODY);
		if (used + (k ? sp : 0) + ww <= wd || !k) {
			line[k] = buf[k];
			used += (k ? sp : 0) + ww;
			k++;
			continue;
		}
		/* Break the word at the last ~ or - that fits. */
		for (p = wrd + strlen(wrd) - 1; p > wrd; p--) {
			if (*p != '~' && *p != '-')
				continue;
			memcpy(head, wrd, (size_t)(p - wrd + 1));
			head[p - wrd + 1] = '\0';
			if (*p == '~')
				head[p - wrd] = '-';
			plain(head, buf[k]);
			if (used + (k ? sp : 0) + width(buf[k], BODY) <= wd)
				break;
		}
		if (p > wrd) {
			line[k] = buf[k];
			k++;
			snprintf(tail, sizeof tail, "%s", p + 1);
			strcpy(wrd = words[i], tail);
		}
		put_line(line, k, first ? INDENT : 0, 1);
		first = 0;
		k = 0;
		used = 0;
		i--;	/* the word (or its rest) starts the next line */
		words[i + 1] = wrd;
	}
	if (k)
		put_line(line, k, first ? INDENT : 0, 0);
}

int
main(int argc, char **argv)
{
	cairo_surface_t *s;
	char l[8192];

	if (argc != 2) {
		fprintf(stderr, "usage: mkpdf OUT.pdf < SCRIPT\n");
		return 2;
	}
	s = cairo_pdf_surface_create(argv[1], W, H);
	cr = cairo_create(s);
	cairo_select_font_face(cr, "DejaVu Serif", CAIRO_FONT_SLANT_NORMAL,
	    CAIRO_FONT_WEIGHT_NORMAL);
	while (fgets(l, sizeof l, stdin)) {
		l[strcspn(l, "\n")] = '\0';
		if (!page && strncmp(l, "header ", 7) && strncmp(l, "footer ", 7) &&
		    strncmp(l, "columns ", 8))
			new_page();
		if (strncmp(l, "header ", 7) == 0)
			snprintf(header, sizeof header, "%s", l + 7);
		else if (strncmp(l, "footer ", 7) == 0)
			snprintf(footer, sizeof footer, "%s", l + 7);
		else if (strncmp(l, "columns ", 8) == 0)
			next_columns = atoi(l + 8) == 2 ? 2 : 1;
		else if (strncmp(l, "heading ", 8) == 0) {
			y += 8;
			room(20);
			show(col_left(), y + 4, 14, l + 8);
			y += 24;
		} else if (strncmp(l, "para ", 5) == 0)
			para(l + 5);
		else if (strncmp(l, "note ", 5) == 0 && nnotes < 8)
			snprintf(notes[nnotes++], sizeof notes[0], "%s", l + 5);
		else if (strcmp(l, "page") == 0)
			new_page();
	}
	if (page)
		end_page();
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "mkpdf: %s\n", cairo_status_to_string(cairo_surface_status(s)));
		return 1;
	}
	cairo_surface_destroy(s);
	return 0;
}
