/* SPDX-License-Identifier: MIT */
/* Work on many independent items on two threads, output kept in order. */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <string.h>

#include "par.h"

/*
 * Slices are taken in turn by whichever thread is free.  A slice's output
 * goes into one of RING buffers, and is written once every slice before it
 * is: a thread that finds its slice next in line writes it, and those
 * after it already done.  A thread waits only when the ring is full (the
 * oldest slice still being worked on) or, at the end, for the other.
 */
enum { RING = 4 };

struct work {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	void (*fn)(void *ctx, size_t from, size_t to, struct buf *out);
	void *ctx;
	FILE *f;
	size_t n, chunk, slices;
	size_t taken, written;	/* slices taken and written, in order */
	int done[RING];		/* the slice in each buffer is done */
	struct buf out[RING];
	int status, err;	/* -1 when writing failed, with its errno */
};

/* Write the done slices next in line (the lock held). */
static void
write_done(struct work *w)
{
	while (w->written < w->taken && w->done[w->written % RING]) {
		struct buf *b = &w->out[w->written % RING];

		if (w->status == 0 && w->f && b->len &&
		    (fwrite(b->s, 1, b->len, w->f) != b->len || ferror(w->f))) {
			w->status = -1;
			w->err = errno;
		}
		buf_reset(b);
		w->done[w->written % RING] = 0;
		w->written++;
	}
}

static void *
work_on(void *arg)
{
	struct work *w = arg;

	pthread_mutex_lock(&w->lock);
	for (;;) {
		size_t k;

		while (w->taken < w->slices && w->status == 0 && w->taken >= w->written + RING)
			pthread_cond_wait(&w->cond, &w->lock);
		if (w->taken >= w->slices || w->status)
			break;
		k = w->taken++;
		pthread_mutex_unlock(&w->lock);
		w->fn(w->ctx, k * w->chunk, w->n - k * w->chunk > w->chunk ? (k + 1) * w->chunk : w->n,
		    &w->out[k % RING]);
		pthread_mutex_lock(&w->lock);
		w->done[k % RING] = 1;
		write_done(w);
		pthread_cond_broadcast(&w->cond);
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

int
par_run(size_t n, size_t chunk,
    void (*fn)(void *ctx, size_t from, size_t to, struct buf *out), void *ctx, FILE *f)
{
	struct work w;
	pthread_t t;
	int threaded, i;

	/* A stream failed already: errno still tells why. */
	if (f && ferror(f))
		return -1;
	if (chunk == 0)
		chunk = 1;
	memset(&w, 0, sizeof w);
	pthread_mutex_init(&w.lock, NULL);
	pthread_cond_init(&w.cond, NULL);
	w.fn = fn;
	w.ctx = ctx;
	w.f = f;
	w.n = n;
	w.chunk = chunk;
	w.slices = (n + chunk - 1) / chunk;
	/* Small work, or no thread to be had: all on this one. */
	threaded = n > chunk && pthread_create(&t, NULL, work_on, &w) == 0;
	work_on(&w);
	if (threaded)
		pthread_join(t, NULL);
	pthread_mutex_destroy(&w.lock);
	pthread_cond_destroy(&w.cond);
	for (i = 0; i < RING; i++)
		buf_free(&w.out[i]);
	/* errno is each thread's own: the failed write's is told here. */
	if (w.status)
		errno = w.err;
	return w.status;
}
