/* SPDX-License-Identifier: MIT */
/* Warnings about input and settings: printed, or collected by the viewer. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "buf.h"
#include "diag.h"
#include "text.h"

static void (*diag_sink)(const char *msg);
static int diag_n;

void
diag_set_sink(void (*sink)(const char *msg))
{
	diag_sink = sink;
}

int
diag_count(void)
{
	return diag_n;
}

void
diag_warn(const char *fmt, ...)
{
	struct buf b = {0}, clean = {0};
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	/* Messages quote file names and settings: nothing in them reaches
	 * the terminal raw. */
	text_clean(&clean, b.s ? b.s : "", b.len);
	diag_n++;
	if (diag_sink)
		diag_sink(clean.s ? clean.s : "");
	else
		fprintf(stderr, "diglot: %s\n", clean.s ? clean.s : "");
	buf_free(&b);
	buf_free(&clean);
}
