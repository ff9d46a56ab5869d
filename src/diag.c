/* SPDX-License-Identifier: MIT */
/* Warnings about input and settings: printed, or collected by the viewer. */
#include "config.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "text.h"

static void (*diag_sink)(const char *msg);
static pthread_t diag_owner;
static pthread_mutex_t diag_lock = PTHREAD_MUTEX_INITIALIZER;
static struct buf diag_queue;	/* from other threads: messages, NUL-separated */
static int diag_n, diag_muted;

void
diag_set_sink(void (*sink)(const char *msg))
{
	pthread_mutex_lock(&diag_lock);
	diag_sink = sink;
	diag_owner = pthread_self();
	if (!sink)
		buf_free(&diag_queue);
	pthread_mutex_unlock(&diag_lock);
}

void
diag_flush(void)
{
	struct buf q;
	size_t i;

	pthread_mutex_lock(&diag_lock);
	q = diag_queue;
	diag_queue = (struct buf){0};
	pthread_mutex_unlock(&diag_lock);
	for (i = 0; i < q.len; i += strlen(q.s + i) + 1)
		if (diag_sink)
			diag_sink(q.s + i);
	buf_free(&q);
}

int
diag_count(void)
{
	int n;

	pthread_mutex_lock(&diag_lock);
	n = diag_n;
	pthread_mutex_unlock(&diag_lock);
	return n;
}

void
diag_mute(int on)
{
	pthread_mutex_lock(&diag_lock);
	diag_muted += on ? 1 : -1;
	pthread_mutex_unlock(&diag_lock);
}

void
diag_warn(const char *fmt, ...)
{
	struct buf b = {0}, clean = {0};
	void (*sink)(const char *) = NULL;
	va_list ap;
	int muted, held;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	/* Messages quote file names and settings: nothing in them reaches
	 * the terminal raw. */
	text_clean(&clean, b.s ? b.s : "", b.len);
	pthread_mutex_lock(&diag_lock);
	diag_n++;
	muted = diag_muted > 0;
	held = diag_sink != NULL;
	if (!muted && diag_sink) {
		if (pthread_equal(pthread_self(), diag_owner))
			sink = diag_sink;
		else
			buf_add(&diag_queue, clean.s ? clean.s : "", clean.len + 1);
	}
	pthread_mutex_unlock(&diag_lock);
	if (sink)
		sink(clean.s ? clean.s : "");
	else if (!muted && !held)
		fprintf(stderr, "diglot: %s\n", clean.s ? clean.s : "");
	buf_free(&b);
	buf_free(&clean);
}
