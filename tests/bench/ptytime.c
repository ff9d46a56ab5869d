/* SPDX-License-Identifier: MIT */
/*
 * ptytime: run a full-screen program on a pseudo-terminal of 140x40 and
 * time it from the outside, with no terminal emulator in between: the
 * time until its output first shows a text, then for each key the time
 * until its answer to the key is written (output quiet for QUIET ms).
 *
 *     ptytime [-w COLS] [-h ROWS] [-a TEXT2] TEXT KEYS -- PROGRAM ARG...
 *
 * With -a, after TEXT it waits for TEXT2 too (from the start) before the
 * keys.
 * KEYS is a string of keys, one each; R stands for a resize to COLS-40
 * columns, G, g, j, k, b and space for themselves.  Prints one line per
 * step: the step, the milliseconds to its first output byte and to its
 * last.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { QUIET = 30 };

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Read from fd until the output holds want (if given), then until it is
 * quiet for QUIET ms; *first and *last: ms from t0 to the first and the
 * last byte.  Returns -1 on a timeout of 120 s. */
static int
drain(int fd, double t0, const char *want, double *first, double *last)
{
	static char seen[1 << 16];
	size_t nseen = 0;
	int found = !want;
	char b[65536];

	*first = *last = -1;
	for (;;) {
		struct pollfd p = { fd, POLLIN, 0 };
		int wait = found ? QUIET : 1000;
		int r = poll(&p, 1, wait);
		ssize_t n;

		if (r < 0 && errno == EINTR)
			continue;
		if (r == 0) {
			if (found)
				return 0;
			if (now_ms() - t0 > 120000)
				return -1;
			continue;
		}
		n = read(fd, b, sizeof b);
		if (n <= 0)
			return found ? 0 : -1;
		if (*first < 0)
			*first = now_ms() - t0;
		*last = now_ms() - t0;
		if (!found) {
			/* Keep the tail of the output to look for want in. */
			if (nseen + n >= sizeof seen) {
				size_t keep = sizeof seen / 2;

				memmove(seen, seen + nseen - keep, keep);
				nseen = keep;
			}
			memcpy(seen + nseen, b, n < (ssize_t)(sizeof seen - nseen - 1) ?
			    (size_t)n : sizeof seen - nseen - 1);
			nseen += n;
			seen[nseen] = '\0';
			if (memmem(seen, nseen, want, strlen(want)))
				found = 1;
		}
	}
}

int
main(int argc, char **argv)
{
	struct winsize ws = { 40, 140, 0, 0 };
	const char *text, *keys, *after = NULL;
	double t0, first, last;
	int fd, i, opt;
	pid_t pid;

	while ((opt = getopt(argc, argv, "+w:h:a:")) != -1) {
		if (opt == 'a')
			after = optarg;
		else if (opt == 'w')
			ws.ws_col = atoi(optarg);
		else if (opt == 'h')
			ws.ws_row = atoi(optarg);
		else
			return 2;
	}
	if (argc - optind < 4 || strcmp(argv[optind + 2], "--") != 0) {
		fprintf(stderr, "usage: ptytime [-w COLS] [-h ROWS] [-a TEXT2] TEXT KEYS -- "
		    "PROGRAM ARG...\n");
		return 2;
	}
	text = argv[optind];
	keys = argv[optind + 1];
	t0 = now_ms();
	pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid < 0) {
		perror("forkpty");
		return 1;
	}
	if (pid == 0) {
		execvp(argv[optind + 3], argv + optind + 3);
		_exit(127);
	}
	if (drain(fd, t0, text, &first, &last) < 0) {
		fprintf(stderr, "ptytime: '%s' never showed\n", text);
		kill(pid, SIGTERM);
		return 1;
	}
	printf("start %.1f %.1f\n", first, last);
	if (after) {
		double f2, l2;

		if (drain(fd, t0, after, &f2, &l2) < 0) {
			fprintf(stderr, "ptytime: '%s' never showed\n", after);
			kill(pid, SIGTERM);
			return 1;
		}
		printf("after %.1f %.1f\n", f2, l2);
	}
	for (i = 0; keys[i]; i++) {
		char k = keys[i];

		t0 = now_ms();
		if (k == 'R') {
			ws.ws_col -= 40;
			ioctl(fd, TIOCSWINSZ, &ws);
			kill(pid, SIGWINCH);
		} else {
			if (write(fd, &k, 1) != 1)
				break;
		}
		drain(fd, t0, NULL, &first, &last);
		printf("%s %.1f %.1f\n", k == ' ' ? "space" : k == 'R' ? "resize" :
		    (char[]){ k, 0 }, first, last);
		if (k == 'R') {
			ws.ws_col += 40;
			ioctl(fd, TIOCSWINSZ, &ws);
			kill(pid, SIGWINCH);
			drain(fd, now_ms(), NULL, &first, &last);
		}
	}
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
	return 0;
}
