/* SPDX-License-Identifier: MIT */
/* Warnings about input and settings: printed, or collected by the viewer. */
#ifndef DIGLOT_DIAG_H
#define DIGLOT_DIAG_H

/* Report one warning (no trailing newline). */
void diag_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * Send warnings to sink instead of stderr; NULL restores stderr.  The
 * thread that sets a sink owns it: warnings from other threads wait until
 * it calls diag_flush.
 */
void diag_set_sink(void (*sink)(const char *msg));
/* Deliver the warnings other threads reported (the sink's thread only). */
void diag_flush(void);
/* How many warnings were reported so far. */
int diag_count(void);
/* While muted (calls nest), warnings are counted but not reported. */
void diag_mute(int on);

#endif
