/* SPDX-License-Identifier: MIT */
/* Running a command (copy, print, pdftotext) without a shell, bounded. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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

/* The signals that end diglot, and the one that came during a run. */
static const int ending_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
enum { NENDING = sizeof ending_signals / sizeof ending_signals[0] };
static volatile sig_atomic_t ending_signal;

static void
on_ending(int sig)
{
	ending_signal = sig;
}

/* Catch the ending signals that are not ignored, their handling kept in
 * old[NENDING]. */
static void
catch_ending(struct sigaction *old)
{
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_ending;
	sigemptyset(&sa.sa_mask);
	ending_signal = 0;
	for (i = 0; i < NENDING; i++) {
		sigaction(ending_signals[i], NULL, &old[i]);
		if ((old[i].sa_flags & SA_SIGINFO) || old[i].sa_handler != SIG_IGN)
			sigaction(ending_signals[i], &sa, NULL);
	}
}

static void
release_ending(const struct sigaction *old)
{
	size_t i;

	for (i = 0; i < NENDING; i++)
		sigaction(ending_signals[i], &old[i], NULL);
}

/* A run under way: the child, the parent's ends of its pipes (-1 once
 * closed), its deadline and what it has given the sink. */
struct run {
	const struct command_spec *spec;
	struct command_result *res;
	pid_t pid;
	int in, out, err;
	long long deadline;	/* CLOCK_MONOTONIC milliseconds; 0: none */
	size_t given;
};

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* Milliseconds left for poll: -1 (no limit) when there is no deadline. */
static int
ms_left(const struct run *r)
{
	long long left;

	if (!r->deadline)
		return -1;
	left = r->deadline - now_ms();
	return left <= 0 ? 0 : left > INT_MAX ? INT_MAX : (int)left;
}

static void
close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* Start the command with its pipes; 0, or the errno when it cannot start.
 * It runs in a session of its own (so a process group of its own, with
 * no terminal: what it starts cannot ask for a password on diglot's
 * screen, or wait for a key there), with SIGPIPE as by default, whatever
 * diglot does with it. */
static int
start(struct run *r)
{
	const struct command_spec *spec = r->spec;
	int in[2] = { -1, -1 }, out[2] = { -1, -1 }, err[2] = { -1, -1 }, rc = 0;
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t dfl;

	if ((spec->input && pipe2(in, O_CLOEXEC) < 0) ||
	    (spec->sink && pipe2(out, O_CLOEXEC) < 0) || pipe2(err, O_CLOEXEC) < 0)
		rc = errno;
	if (rc == 0) {
		posix_spawn_file_actions_init(&fa);
		if (spec->input)
			posix_spawn_file_actions_adddup2(&fa, in[0], 0);
		else
			posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
		if (spec->sink)
			posix_spawn_file_actions_adddup2(&fa, out[1], 1);
		else
			posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
		posix_spawn_file_actions_adddup2(&fa, err[1], 2);
		posix_spawnattr_init(&attr);
		posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGDEF);
		sigemptyset(&dfl);
		sigaddset(&dfl, SIGPIPE);
		posix_spawnattr_setsigdefault(&attr, &dfl);
		rc = posix_spawnp(&r->pid, spec->argv[0], &fa, &attr, spec->argv, environ);
		posix_spawn_file_actions_destroy(&fa);
		posix_spawnattr_destroy(&attr);
	}
	close_fd(&in[0]);
	close_fd(&out[1]);
	close_fd(&err[1]);
	if (rc != 0) {
		close_fd(&in[1]);
		close_fd(&out[0]);
		close_fd(&err[0]);
		return rc;
	}
	r->in = in[1];
	r->out = out[0];
	r->err = err[0];
	if (r->in >= 0)
		fcntl(r->in, F_SETFL, O_NONBLOCK);
	if (r->out >= 0)
		fcntl(r->out, F_SETFL, O_NONBLOCK);
	fcntl(r->err, F_SETFL, O_NONBLOCK);
	return 0;
}

/* Write what the pipe takes of the input; closed when all is written or
 * the command stopped reading. */
static void
feed(struct run *r)
{
	const struct command_spec *spec = r->spec;
	ssize_t w = write(r->in, spec->input + r->res->fed, spec->input_len - r->res->fed);

	if (w > 0)
		r->res->fed += (size_t)w;
	else if (w < 0 && errno != EAGAIN && errno != EINTR)
		close_fd(&r->in);	/* EPIPE: it closed its input */
	if (r->res->fed == spec->input_len)
		close_fd(&r->in);
}

/* Read what *fd has: output to the sink, messages kept up to their bound;
 * closed at its end.  -1 when the output passes its bound, 1 when there
 * was nothing to read yet. */
static int
take(struct run *r, int *fd)
{
	const struct command_spec *spec = r->spec;
	struct buf *err = &r->res->err;
	char tmp[65536];
	ssize_t k = read(*fd, tmp, sizeof tmp);

	if (k < 0 && (errno == EAGAIN || errno == EINTR))
		return 1;
	if (k <= 0) {
		close_fd(fd);
		return 0;
	}
	if (fd == &r->err) {
		if (err->len < COMMAND_MAX_ERRTEXT)
			buf_add(err, tmp, (size_t)k < COMMAND_MAX_ERRTEXT - err->len ?
			    (size_t)k : COMMAND_MAX_ERRTEXT - err->len);
		return 0;
	}
	if (spec->max_output && (size_t)k > spec->max_output - r->given)
		return -1;
	r->given += (size_t)k;
	spec->sink(spec->arg, tmp, (size_t)k);
	return 0;
}

/* Whether the child has exited, waiting for it when asked to.  It stays
 * unreaped, so that its process group's id is not given to another. */
static int
exited(pid_t pid, int wait)
{
	siginfo_t info;

	info.si_pid = 0;
	while (waitid(P_PID, pid, &info, WEXITED | WNOWAIT | (wait ? 0 : WNOHANG)) < 0)
		if (errno != EINTR)
			return 1;	/* no child to wait for */
	return info.si_pid == pid;
}

/* Take what the output and the messages pipes hold once the child has
 * exited, all it wrote (a pipe holds at most a megabyte, 16 reads): what
 * it left running may hold them open, and what that writes later is not
 * waited for.  -1 when the output passes its bound. */
static int
drain(struct run *r)
{
	int i, k = 0;

	for (i = 0; i < 16 && r->out >= 0 && k == 0; i++)
		if ((k = take(r, &r->out)) < 0)
			return -1;
	for (i = 0, k = 0; i < 16 && r->err >= 0 && k == 0; i++)
		k = take(r, &r->err);
	return 0;
}

/* Feed the input and take the output and the messages, all as the pipes
 * are ready, until each is closed or the child has exited (COMMAND_OK),
 * the time is up or the output passes its bound.  What the child left
 * running (a clipboard's server) may hold the pipes open long after it;
 * the child's exit is seen within PUMP_TICK milliseconds. */
enum { PUMP_TICK = 100 };

static enum command_end
pump(struct run *r)
{
	if (r->in >= 0 && r->spec->input_len == 0)
		close_fd(&r->in);
	while (r->in >= 0 || r->out >= 0 || r->err >= 0) {
		struct pollfd pf[3];
		int n = 0, i, rc, left = ms_left(r);

		if (ending_signal)
			return COMMAND_INTERRUPTED;

		if (r->in >= 0)
			pf[n++] = (struct pollfd){ r->in, POLLOUT, 0 };
		if (r->out >= 0)
			pf[n++] = (struct pollfd){ r->out, POLLIN, 0 };
		if (r->err >= 0)
			pf[n++] = (struct pollfd){ r->err, POLLIN, 0 };
		rc = poll(pf, (nfds_t)n, left < 0 || left > PUMP_TICK ? PUMP_TICK : left);
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc < 0) {
			r->res->error = errno;
			return COMMAND_CANNOT_START;
		}
		if (rc == 0 && left >= 0 && ms_left(r) == 0)
			return COMMAND_TOO_SLOW;
		for (i = 0; i < n; i++) {
			if (!pf[i].revents)
				continue;
			if (pf[i].fd == r->in)
				feed(r);
			else if (take(r, pf[i].fd == r->out ? &r->out : &r->err) < 0)
				return COMMAND_TOO_MUCH;
		}
		if (exited(r->pid, 0))
			return drain(r) < 0 ? COMMAND_TOO_MUCH : COMMAND_OK;
	}
	return COMMAND_OK;
}

/* Wait for the child's exit once its pipes are closed (COMMAND_OK), unless
 * the time is up first or diglot is interrupted. */
static enum command_end
await_exit(const struct run *r)
{
	int nap = 1;	/* milliseconds, doubled up to 64 */

	while (!exited(r->pid, 0)) {
		int left = ms_left(r);

		if (ending_signal)
			return COMMAND_INTERRUPTED;
		if (left == 0)
			return COMMAND_TOO_SLOW;
		usleep((useconds_t)(left < 0 || nap < left ? nap : left) * 1000);
		nap = nap < 64 ? nap * 2 : nap;
	}
	return COMMAND_OK;
}

/* End the child's process group: SIGTERM (and SIGCONT, for what is
 * stopped), a second's grace for the child, then SIGKILL for the rest. */
static void
end_group(pid_t pid)
{
	int i;

	kill(-pid, SIGTERM);
	kill(-pid, SIGCONT);
	for (i = 0; i < 100 && !exited(pid, 0); i++)
		usleep(10000);
	kill(-pid, SIGKILL);
}

/* How a command that ran to its end ended, from its wait status. */
static enum command_end
ending(const struct command_spec *spec, const struct command_result *res)
{
	int st = res->status;

	if (WIFSIGNALED(st))
		return COMMAND_SIGNALLED;
	if (WEXITSTATUS(st) == 127 && !res->err.len)
		return COMMAND_NOT_FOUND;
	if (WEXITSTATUS(st) != 0)
		return COMMAND_FAILED;
	return spec->input && res->fed < spec->input_len ? COMMAND_UNREAD : COMMAND_OK;
}

enum command_end
command_run(const struct command_spec *spec, struct command_result *res)
{
	struct run r = { spec, res, -1, -1, -1, -1, 0, 0 };
	struct sigaction ign, old, caught[NENDING];
	enum command_end end;

	memset(res, 0, sizeof *res);
	if (spec->seconds > 0)
		r.deadline = now_ms() + spec->seconds * 1000LL;
	catch_ending(caught);
	res->error = start(&r);
	if (res->error) {
		release_ending(caught);
		res->signal = ending_signal;
		return res->error == ENOENT ? COMMAND_NOT_FOUND : COMMAND_CANNOT_START;
	}
	/* A command that stops reading is no reason to die of SIGPIPE. */
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &old);
	end = pump(&r);
	close_fd(&r.in);
	close_fd(&r.out);
	close_fd(&r.err);
	sigaction(SIGPIPE, &old, NULL);
	if (end == COMMAND_OK)
		end = await_exit(&r);
	if (end != COMMAND_OK)
		end_group(r.pid);
	/* Reaped only after its group is ended: what it left running goes
	 * with it, and the group's id stays its own till then. */
	exited(r.pid, 1);
	if (end != COMMAND_OK || spec->end_group)
		kill(-r.pid, SIGKILL);
	while (waitpid(r.pid, &res->status, 0) < 0 && errno == EINTR)
		;
	release_ending(caught);
	res->signal = ending_signal;
	if (res->signal)
		return COMMAND_INTERRUPTED;
	return end == COMMAND_OK ? ending(spec, res) : end;
}

enum command_end
command_feed(char *const *argv, const char *text, size_t n, int seconds, struct buf *why)
{
	struct command_spec spec = { .argv = argv, .input = text ? text : "", .input_len = n,
		.seconds = seconds };
	struct command_result res;
	enum command_end end = command_run(&spec, &res);

	switch (end) {
	case COMMAND_OK:
		break;
	case COMMAND_FAILED:
		buf_printf(why, "%s exited with status %d", argv[0], WEXITSTATUS(res.status));
		break;
	case COMMAND_SIGNALLED:
		buf_printf(why, "%s was killed by signal %d", argv[0], WTERMSIG(res.status));
		break;
	case COMMAND_NOT_FOUND:
		buf_printf(why, "%s: command not found%s", argv[0],
		    res.error ? "" : " (exit status 127)");
		break;
	case COMMAND_CANNOT_START:
		buf_printf(why, "%s: %s", argv[0], strerror(res.error));
		break;
	case COMMAND_TOO_MUCH:	/* never: its output is discarded */
		buf_printf(why, "%s gave too much output and was stopped", argv[0]);
		break;
	case COMMAND_TOO_SLOW:
		buf_printf(why, "%s did not %s within %d second%s and was stopped", argv[0],
		    res.fed < n ? "read its input" : "finish", seconds, seconds == 1 ? "" : "s");
		break;
	case COMMAND_UNREAD:
		buf_printf(why, "%s exited without reading all of its input", argv[0]);
		break;
	case COMMAND_INTERRUPTED:
		buf_printf(why, "%s was stopped, as diglot was interrupted", argv[0]);
		break;
	}
	if (end != COMMAND_OK && res.err.len) {
		size_t k = strcspn(res.err.s, "\n");

		buf_adds(why, ": ");
		text_clean(why, res.err.s, k > 200 ? 200 : k);
	}
	buf_free(&res.err);
	if (res.signal)
		raise(res.signal);
	return end;
}
