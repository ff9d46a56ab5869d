/* SPDX-License-Identifier: MIT */
/* Warnings about input and settings: printed, or collected by the viewer. */
#ifndef DIGLOT_DIAG_H
#define DIGLOT_DIAG_H

/* Report one warning (no trailing newline). */
void diag_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
struct buf;

/* Send warnings to sink instead of stderr; NULL restores stderr. */
void diag_set_sink(void (*sink)(const char *msg));
/* Keep the warnings of this thread in *kept (NUL-separated) instead of
 * reporting them; NULL reports them again.  A thread that reads while
 * another shows the screen keeps its warnings. */
void diag_keep(struct buf *kept);
/* Report the warnings kept in *kept, and empty it. */
void diag_report(struct buf *kept);
/* How many warnings this thread reported so far. */
int diag_count(void);
/* While muted (calls nest), this thread's warnings are counted but not
 * reported. */
void diag_mute(int on);

#endif
