/* SPDX-License-Identifier: MIT */
/* Work on many independent items on two threads, output kept in order. */
#include "config.h"

#include <pthread.h>
#include <stdatomic.h>

#include "par.h"

struct helper {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	void (*fn)(void *ctx, size_t from, size_t to, struct buf *out);
	void *ctx;
	size_t from, to;
	int busy, quit;
	struct buf out;
};

static void *
help(void *arg)
{
	struct helper *h = arg;

	pthread_mutex_lock(&h->lock);
	for (;;) {
		while (!h->busy && !h->quit)
			pthread_cond_wait(&h->cond, &h->lock);
		if (h->quit)
			break;
		pthread_mutex_unlock(&h->lock);
		h->fn(h->ctx, h->from, h->to, &h->out);
		pthread_mutex_lock(&h->lock);
		h->busy = 0;
		pthread_cond_broadcast(&h->cond);
	}
	pthread_mutex_unlock(&h->lock);
	return NULL;
}

static int
put(FILE *f, struct buf *b)
{
	if (f && b->len && fwrite(b->s, 1, b->len, f) != b->len)
		return -1;
	buf_reset(b);
	return f && ferror(f) ? -1 : 0;
}

/* Work with nothing to write: each thread takes the next slice as it is
 * free, none waits for the other's. */
struct share {
	void (*fn)(void *ctx, size_t from, size_t to, struct buf *out);
	void *ctx;
	size_t n, chunk;
	atomic_size_t next;
};

static void *
take_slices(void *arg)
{
	struct share *sh = arg;
	struct buf out = {0};
	size_t from;

	while ((from = atomic_fetch_add(&sh->next, sh->chunk)) < sh->n) {
		sh->fn(sh->ctx, from, sh->n - from > sh->chunk ? from + sh->chunk : sh->n, &out);
		buf_reset(&out);
	}
	buf_free(&out);
	return NULL;
}

int
par_run(size_t n, size_t chunk,
    void (*fn)(void *ctx, size_t from, size_t to, struct buf *out), void *ctx, FILE *f)
{
	struct helper h;
	struct buf mine = {0};
	pthread_t t;
	size_t i;
	int threaded, status = 0;

	if (chunk == 0)
		chunk = 1;
	if (!f) {
		struct share sh;

		sh.fn = fn;
		sh.ctx = ctx;
		sh.n = n;
		sh.chunk = chunk;
		atomic_init(&sh.next, 0);

		threaded = n > chunk && pthread_create(&t, NULL, take_slices, &sh) == 0;
		take_slices(&sh);
		if (threaded)
			pthread_join(t, NULL);
		return 0;
	}
	h.fn = fn;
	h.ctx = ctx;
	h.busy = h.quit = 0;
	h.out = (struct buf){0};
	pthread_mutex_init(&h.lock, NULL);
	pthread_cond_init(&h.cond, NULL);
	/* Small work, or no thread to be had: all on this one. */
	threaded = n > chunk && pthread_create(&t, NULL, help, &h) == 0;
	i = 0;
	while (i < n && status == 0) {
		size_t mid = n - i > chunk ? i + chunk : n;
		size_t end = !threaded ? mid : n - mid > chunk ? mid + chunk : n;

		if (mid < end) {
			pthread_mutex_lock(&h.lock);
			h.from = mid;
			h.to = end;
			h.busy = 1;
			pthread_cond_broadcast(&h.cond);
			pthread_mutex_unlock(&h.lock);
		}
		fn(ctx, i, mid, &mine);
		if (mid < end) {
			pthread_mutex_lock(&h.lock);
			while (h.busy)
				pthread_cond_wait(&h.cond, &h.lock);
			pthread_mutex_unlock(&h.lock);
		}
		status = put(f, &mine);
		if (status == 0)
			status = put(f, &h.out);
		i = end;
	}
	if (threaded) {
		pthread_mutex_lock(&h.lock);
		h.quit = 1;
		pthread_cond_broadcast(&h.cond);
		pthread_mutex_unlock(&h.lock);
		pthread_join(t, NULL);
	}
	pthread_mutex_destroy(&h.lock);
	pthread_cond_destroy(&h.cond);
	buf_free(&mine);
	buf_free(&h.out);
	return status;
}
