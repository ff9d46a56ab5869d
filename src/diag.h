/* SPDX-License-Identifier: MIT */
/* Warnings about input and settings: printed, or collected by the viewer. */
#ifndef DIGLOT_DIAG_H
#define DIGLOT_DIAG_H

/* Report one warning (no trailing newline). */
void diag_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Send warnings to sink instead of stderr; NULL restores stderr. */
void diag_set_sink(void (*sink)(const char *msg));
/* How many warnings were reported so far. */
int diag_count(void);

#endif
