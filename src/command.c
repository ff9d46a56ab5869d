/* SPDX-License-Identifier: MIT */
/* Running a configured command (copy, print) without a shell. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "command.h"
#include "text.h"
#include "xalloc.h"

extern char **environ;

char **
command_split(const char *cmd, struct buf *why)
{
	char **argv = NULL;
	size_t n = 0, cap = 0;
	const char *p = cmd;

	for (;;) {
		struct buf w = {0};

		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		while (*p && *p != ' ' && *p != '\t') {
			if (*p == '\'' || *p == '"') {
				char q = *p++;

				while (*p && *p != q) {
					if (q == '"' && *p == '\\' && (p[1] == '"' || p[1] == '\\'))
						p++;
					buf_addc(&w, *p++);
				}
				if (*p != q) {
					buf_printf(why, "unterminated %c quote", q);
					buf_free(&w);
					command_free(argv);
					return NULL;
				}
				p++;
			} else if (*p == '\\' && p[1]) {
				buf_addc(&w, p[1]);
				p += 2;
			} else {
				buf_addc(&w, *p++);
			}
		}
		argv = xgrow(argv, &cap, n + 2, sizeof *argv);
		argv[n++] = w.s ? w.s : xstrdup("");	/* '' is a word */
		argv[n] = NULL;
	}
	if (n == 0) {
		buf_adds(why, "empty command");
		return NULL;
	}
	return argv;
}

void
command_free(char **argv)
{
	size_t i;

	if (!argv)
		return;
	for (i = 0; argv[i]; i++)
		free(argv[i]);
	free(argv);
}

int
command_run(char *const *argv, const char *text, size_t n, struct buf *why)
{
	return command_run_for(argv, text, n, 0, why);
}

/* Milliseconds left until deadline (CLOCK_MONOTONIC seconds), at least 0;
 * -1 (no limit) when deadline is 0. */
static int
ms_left(double deadline)
{
	struct timespec now;
	double left;

	if (deadline == 0)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &now);
	left = deadline - (now.tv_sec + now.tv_nsec / 1e9);
	return left > 0 ? (int)(left * 1000) + 1 : 0;
}

/* End a command that overstayed: SIGTERM, and SIGKILL a second later. */
static void
stop(pid_t pid, int *status)
{
	int i;

	kill(pid, SIGTERM);
	for (i = 0; i < 100; i++) {
		if (waitpid(pid, status, WNOHANG) == pid)
			return;
		usleep(10000);
	}
	kill(pid, SIGKILL);
	while (waitpid(pid, status, 0) < 0 && errno == EINTR)
		;
}

int
command_run_for(char *const *argv, const char *text, size_t n, int seconds,
    struct buf *why)
{
	posix_spawn_file_actions_t fa;
	int in[2], err[2], status, rc;
	struct buf errtext = {0};
	size_t off = 0;
	pid_t pid;
	void (*old_pipe)(int);
	double deadline = 0;
	int stopped = 0, unread = 0;

	if (seconds > 0) {
		struct timespec now;

		clock_gettime(CLOCK_MONOTONIC, &now);
		deadline = now.tv_sec + now.tv_nsec / 1e9 + seconds;
	}

	if (pipe2(in, O_CLOEXEC) < 0 || pipe2(err, O_CLOEXEC) < 0) {
		buf_printf(why, "%s: %s", argv[0], strerror(errno));
		return -1;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in[0], 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, err[1], 2);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(in[0]);
	close(err[1]);
	if (rc != 0) {
		buf_printf(why, "%s: %s", argv[0], rc == ENOENT ?
		    "command not found" : strerror(rc));
		close(in[1]);
		close(err[0]);
		return -1;
	}
	/* Feed the text while collecting what the command says; a command
	 * that stops reading is no reason to die of SIGPIPE. */
	old_pipe = signal(SIGPIPE, SIG_IGN);
	fcntl(in[1], F_SETFL, O_NONBLOCK);
	for (;;) {
		struct pollfd pf[2] = { { err[0], POLLIN, 0 }, { in[1], POLLOUT, 0 } };
		int nf = off < n ? 2 : 1;

		if (off >= n && in[1] >= 0) {
			close(in[1]);
			in[1] = -1;
		}
		rc = poll(pf, nf, ms_left(deadline));
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc < 0)
			break;
		if (rc == 0) {
			stopped = 1;
			break;
		}
		if (nf == 2 && pf[1].revents & (POLLOUT | POLLERR | POLLHUP)) {
			ssize_t w = write(in[1], text + off, n - off);

			if (w > 0)
				off += w;
			else if (w < 0 && errno != EAGAIN && errno != EINTR) {
				unread = 1;	/* it stopped reading */
				off = n;
			}
		}
		if (pf[0].revents & (POLLIN | POLLHUP)) {
			char tmp[512];
			ssize_t r = read(err[0], tmp, sizeof tmp);

			if (r <= 0)
				break;
			if (errtext.len < 4096)
				buf_add(&errtext, tmp, r);
		}
	}
	if (in[1] >= 0)
		close(in[1]);
	signal(SIGPIPE, old_pipe);
	close(err[0]);
	if (stopped)
		stop(pid, &status);
	else
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && !stopped && !unread) {
		buf_free(&errtext);
		return 0;
	}
	if (stopped)
		buf_printf(why, "%s did not %s within %d second%s and was stopped", argv[0],
		    off < n ? "read its input" : "finish", seconds, seconds == 1 ? "" : "s");
	else if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		buf_printf(why, "%s exited without reading all of its input", argv[0]);
	else if (WIFEXITED(status) && WEXITSTATUS(status) == 127 && !errtext.len)
		buf_printf(why, "%s: command not found (exit status 127)", argv[0]);
	else if (WIFEXITED(status))
		buf_printf(why, "%s exited with status %d", argv[0], WEXITSTATUS(status));
	else
		buf_printf(why, "%s was killed by signal %d", argv[0], WTERMSIG(status));
	if (errtext.len) {
		size_t k = strcspn(errtext.s, "\n");

		buf_adds(why, ": ");
		text_clean(why, errtext.s, k > 200 ? 200 : k);
	}
	buf_free(&errtext);
	return -1;
}
