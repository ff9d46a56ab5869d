/* SPDX-License-Identifier: MIT */
/* Warnings about input and settings: printed, or collected by the viewer. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "text.h"

static void (*diag_sink)(const char *msg);
/* Each thread's own: where its warnings are kept (NULL: reported), how
 * many there were, how deep it is muted. */
static _Thread_local struct buf *diag_kept;
static _Thread_local int diag_n, diag_muted;

void
diag_set_sink(void (*sink)(const char *msg))
{
	diag_sink = sink;
}

static void
deliver(const char *msg)
{
	if (diag_sink)
		diag_sink(msg);
	else
		fprintf(stderr, "diglot: %s\n", msg);
}

void
diag_keep(struct buf *kept)
{
	diag_kept = kept;
}

void
diag_report(struct buf *kept)
{
	size_t i;

	for (i = 0; i < kept->len; i += strlen(kept->s + i) + 1)
		deliver(kept->s + i);
	buf_free(kept);
}

int
diag_count(void)
{
	return diag_n;
}

void
diag_mute(int on)
{
	diag_muted += on ? 1 : -1;
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
	if (diag_muted > 0)
		;
	else if (diag_kept)
		buf_add(diag_kept, clean.s ? clean.s : "", clean.len + 1);
	else
		deliver(clean.s ? clean.s : "");
	buf_free(&b);
	buf_free(&clean);
}
