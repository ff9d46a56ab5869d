/* SPDX-License-Identifier: MIT */
/* Warnings about input and settings: printed, or collected by the viewer. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "buf.h"
#include "diag.h"

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
	struct buf b = {0};
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	diag_n++;
	if (diag_sink)
		diag_sink(b.s ? b.s : "");
	else
		fprintf(stderr, "diglot: %s\n", b.s ? b.s : "");
	buf_free(&b);
}
