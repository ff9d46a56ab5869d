/* SPDX-License-Identifier: MIT */
/* Runs a command with its output sent to /dev/null and prints its wall time and peak RSS. */

#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* wait4() on glibc */
#define _DARWIN_C_SOURCE

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/*
 * Usage: rusage COMMAND [ARG...]
 *
 * Prints one line on standard output:
 *
 *     WALL_SECONDS PEAK_RSS_MIB STATUS
 *
 * for example "0.412 131.6 exit=0" or "3.020 812.0 signal=11"; the
 * command's standard output goes to /dev/null, its standard error is left
 * alone.  The exit status is the command's (128 + N if killed by signal N).
 */

int main(int argc, char **argv)
{
	struct timespec t0, t1;
	struct rusage ru;
	int status, devnull;
	pid_t pid;
	double wall, rss_mib;

	if (argc < 2) {
		fputs("usage: rusage COMMAND [ARG...]\n", stderr);
		return 2;
	}
	fflush(stdout);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0) {
		perror("rusage: fork");
		return 125;
	}
	if (pid == 0) {
		devnull = open("/dev/null", O_WRONLY);
		if (devnull < 0 || dup2(devnull, STDOUT_FILENO) < 0) {
			perror("rusage: /dev/null");
			_exit(125);
		}
		close(devnull);
		execvp(argv[1], argv + 1);
		fprintf(stderr, "rusage: %s: %s\n", argv[1], strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	while (wait4(pid, &status, 0, &ru) < 0) {
		if (errno != EINTR) {
			perror("rusage: wait4");
			return 125;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);

	wall = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
#ifdef __APPLE__
	rss_mib = (double)ru.ru_maxrss / 1048576.0; /* bytes */
#else
	rss_mib = (double)ru.ru_maxrss / 1024.0; /* KiB */
#endif
	if (WIFSIGNALED(status)) {
		printf("%.3f %.1f signal=%d\n", wall, rss_mib, WTERMSIG(status));
		return 128 + WTERMSIG(status);
	}
	printf("%.3f %.1f exit=%d\n", wall, rss_mib, WEXITSTATUS(status));
	return WEXITSTATUS(status);
}
