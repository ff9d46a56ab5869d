/* SPDX-License-Identifier: MIT */
/* PDF briefings as blocks: pdftotext's word boxes, without the page furniture. */
#ifndef DIGLOT_PDF_H
#define DIGLOT_PDF_H

#include <stddef.h>

#include "buf.h"
#include "form.h"

/* The most seconds pdftotext may take by default. */
enum { PDF_SECONDS = 30 };

/* The command that gives a PDF's text ([input] pdftotext, split into
 * words, run without a shell; NULL: pdftotext) and the seconds it may
 * take, set by pdf_configure (in form.c, outside the module that reads
 * PDF, so that setting them loads nothing). */
extern char *pdf_command;
extern int pdf_seconds;
void pdf_configure(const char *command, int seconds);

/* Read the PDF raw[0..n) into o's blocks through pdftotext -bbox-layout.
 * label names the file in messages.  Returns -1 with why set when the
 * PDF cannot be read (encrypted, damaged, no text, pdftotext missing or
 * too slow). */
int pdf_read(struct form_out *o, const char *raw, size_t n, const char *label,
    struct buf *why);

/*
 * Read pdftotext's -bbox-layout XHTML s[0..n) into o's blocks: lines
 * regrouped into paragraphs (across columns and pages), running headers,
 * footers and page numbers dropped, footnotes after their page's run,
 * hyphens at line ends joined where the document shows the word, headings
 * from size and numbering.  Returns -1 with why set when it holds no
 * text, or only private-use glyphs.
 */
int pdf_layout(struct form_out *o, const char *s, size_t n, const char *label,
    struct buf *why);

/* pdftotext's XHTML read as it comes: a parse to feed (NULL when out of
 * memory: fed, it reads nothing), then its end, which lays the whole out
 * as pdf_layout does and frees the parse. */
struct pdf_parse;
struct pdf_parse *pdf_parse_new(void);
void pdf_parse_feed(struct pdf_parse *p, const char *s, size_t n);
int pdf_parse_end(struct pdf_parse *p, struct form_out *o, const char *label,
    struct buf *why);
/* A parse given up, freed with what it read. */
void pdf_parse_free(struct pdf_parse *p);

#endif
