/* SPDX-License-Identifier: MIT */
/* A small TAP producer for the unit tests. */
#ifndef DIGLOT_TAP_H
#define DIGLOT_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

static int __attribute__((format(printf, 2, 3), unused))
ok(int cond, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d - ", cond ? "" : "not ", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!cond)
		tap_failed++;
	fflush(stdout);
	return cond;
}

/* Compare strings; on a mismatch show both on one diagnostic line each. */
static int __attribute__((format(printf, 3, 4), unused))
is_str(const char *got, const char *want, const char *fmt, ...)
{
	va_list ap;
	int cond = got && want && strcmp(got, want) == 0;

	printf("%sok %d - ", cond ? "" : "not ", ++tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!cond) {
		tap_failed++;
		printf("# got:  '%s'\n# want: '%s'\n", got ? got : "(null)",
		    want ? want : "(null)");
	}
	fflush(stdout);
	return cond;
}

static int
tap_done(void)
{
	if (tap_n == 0)
		printf("1..0 # SKIP no tests\n");
	else
		printf("1..%d\n", tap_n);
	return 0;
}

#endif
