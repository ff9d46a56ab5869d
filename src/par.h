/* SPDX-License-Identifier: MIT */
/* Work on many independent items on two threads, output kept in order. */
#ifndef DIGLOT_PAR_H
#define DIGLOT_PAR_H

#include <stddef.h>
#include <stdio.h>

#include "buf.h"

/*
 * Call fn(ctx, from, to, out) over [0, n) in slices of chunk items, each
 * taken by whichever of two threads is free; with f, each slice's out is
 * written to f in the order of the items (without, it is thrown away).  fn
 * must only touch what belongs to its own items.  Stops early (returning
 * -1, errno telling why) when writing to f fails.
 */
int par_run(size_t n, size_t chunk,
    void (*fn)(void *ctx, size_t from, size_t to, struct buf *out), void *ctx, FILE *f);

#endif
