/* SPDX-License-Identifier: MIT */
/* Unit tests of the command runner: input, output, messages, bounds. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "command.h"
#include "tap.h"

static void
collect(void *out, const char *s, size_t n)
{
	buf_add(out, s, n);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Whether process pid is there and not a zombie (from /proc). */
static int
running(pid_t pid)
{
	char path[64], line[512], *p;
	FILE *f;
	int alive = 0;

	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	if (fgets(line, sizeof line, f) && (p = strrchr(line, ')')))
		alive = p[1] == ' ' && p[2] != 'Z' && p[2] != 'X';
	fclose(f);
	return alive;
}

/* Whether pid stops running within two seconds (a killed process may
 * take a moment to go). */
static int
gone_soon(pid_t pid)
{
	int i;

	for (i = 0; i < 200 && running(pid); i++)
		usleep(10000);
	return !running(pid);
}

/* The process id a command printed first on its standard error. */
static pid_t
said_pid(const struct command_result *res)
{
	return res->err.s ? (pid_t)atoi(res->err.s) : 0;
}

/* A megabyte of lines, more than any pipe holds. */
static char *
megabyte(size_t *n)
{
	char *s = malloc(1 << 20);
	size_t i;

	for (i = 0; i < 1 << 20; i++)
		s[i] = i % 64 == 63 ? '\n' : "abcdefghijklmnopqrstuvwxyz"[i % 26];
	*n = 1 << 20;
	return s;
}

static void
test_output(void)
{
	char *cat[] = { "cat", NULL }, *zero[] = { "head", "-c", "300000", "/dev/zero", NULL };
	struct buf out = {0};
	struct command_spec spec = { .argv = cat, .sink = collect, .arg = &out };
	struct command_result res;
	size_t n, i;
	char *mb = megabyte(&n);

	spec.input = mb;
	spec.input_len = n;
	ok(command_run(&spec, &res) == COMMAND_OK, "cat fed a megabyte ends well");
	ok(res.fed == n && out.len == n && memcmp(out.s, mb, n) == 0,
	    "... having read all of it, and gave back exactly what it read (%zu bytes)", out.len);
	buf_free(&res.err);
	buf_reset(&out);

	spec.argv = zero;
	spec.input = NULL;
	spec.input_len = 0;
	spec.max_output = 300000;
	ok(command_run(&spec, &res) == COMMAND_OK, "head -c 300000 /dev/zero ends well");
	for (i = 0; i < out.len && out.s[i] == 0; i++)
		;
	ok(out.len == 300000 && i == out.len, "... the sink had its 300000 zero bytes, no more "
	    "(%zu)", out.len);
	buf_free(&res.err);
	buf_reset(&out);

	spec.argv = cat;
	spec.max_output = 0;
	ok(command_run(&spec, &res) == COMMAND_OK && out.len == 0,
	    "with no input, cat reads /dev/null and ends at once");
	buf_free(&res.err);
	buf_free(&out);
	free(mb);
}

static void
test_failures(void)
{
	char *fire[] = { "sh", "-c", "echo 'the printer is on fire' >&2; echo 'second line' >&2; "
		"exit 3", NULL };
	char *missing[] = { "diglot-no-such-command", "-x", NULL };
	char *quiet127[] = { "sh", "-c", "exit 127", NULL };
	char *killed[] = { "sh", "-c", "kill -TERM $$", NULL };
	char *unread[] = { "true", NULL };
	struct buf why = {0};
	struct command_spec spec = { .argv = fire };
	struct command_result res;
	struct sigaction pipe_action;
	size_t n;
	char *mb = megabyte(&n);

	ok(command_run(&spec, &res) == COMMAND_FAILED && WIFEXITED(res.status) &&
	    WEXITSTATUS(res.status) == 3, "a command exiting 3 has failed, with status 3");
	is_str(res.err.s, "the printer is on fire\nsecond line\n", "... all it said is kept");
	buf_free(&res.err);
	ok(command_feed(fire, "x", 1, 0, &why) == COMMAND_FAILED, "command_feed says so too");
	is_str(why.s, "sh exited with status 3: the printer is on fire",
	    "... with only the first line it said");
	buf_reset(&why);

	ok(command_feed(missing, "x", 1, 0, &why) == COMMAND_NOT_FOUND,
	    "a program that is not there is not found");
	/* Under valgrind the child cannot report the failed exec, and exits
	 * 127 instead: the message adds that status. */
	ok(why.s && strncmp(why.s, "diglot-no-such-command: command not found", 41) == 0,
	    "... saying so: %s", why.s ? why.s : "(nothing)");
	buf_reset(&why);
	ok(command_feed(quiet127, "x", 1, 0, &why) == COMMAND_NOT_FOUND,
	    "exit status 127 with nothing said is not found");
	is_str(why.s, "sh: command not found (exit status 127)", "... saying so");
	buf_reset(&why);

	ok(command_feed(killed, "x", 1, 0, &why) == COMMAND_SIGNALLED,
	    "a command ended by a signal");
	is_str(why.s, "sh was killed by signal 15", "... names the signal");
	buf_reset(&why);

	ok(command_feed(unread, mb, n, 0, &why) == COMMAND_UNREAD,
	    "true, fed a megabyte, exits without reading it");
	is_str(why.s, "true exited without reading all of its input", "... and does not kill us "
	    "with SIGPIPE");
	sigaction(SIGPIPE, NULL, &pipe_action);
	ok(pipe_action.sa_handler == SIG_DFL, "... SIGPIPE is as it was after");
	buf_free(&why);
	free(mb);
}

static void
test_time(void)
{
	char *sleeper[] = { "sleep", "30", NULL };
	char *family[] = { "sh", "-c", "sleep 30 & echo $! >&2; sleep 30", NULL };
	char *closed[] = { "sh", "-c", "exec 2>&-; sleep 30", NULL };
	struct buf why = {0};
	struct command_spec spec = { .argv = family, .seconds = 1 };
	struct command_result res;
	enum command_end end;
	double t = now();
	size_t n;
	char *mb = megabyte(&n);
	pid_t child;

	end = command_feed(sleeper, mb, n, 1, &why);
	t = now() - t;
	ok(end == COMMAND_TOO_SLOW && t >= 0.9 && t < 4,
	    "a command that never reads is stopped after its second (%.1f s)", t);
	is_str(why.s, "sleep did not read its input within 1 second and was stopped",
	    "... saying so");
	buf_reset(&why);

	t = now();
	end = command_run(&spec, &res);
	t = now() - t;
	ok(end == COMMAND_TOO_SLOW && t >= 0.9 && t < 4,
	    "a shell waiting on a sleep is stopped after its second (%.1f s)", t);
	child = said_pid(&res);
	ok(child > 0 && gone_soon(child), "... and the sleep it left in the background is gone");
	if (child > 0 && running(child))
		kill(child, SIGKILL);
	buf_free(&res.err);

	t = now();
	end = command_feed(closed, "x", 1, 2, &why);
	t = now() - t;
	ok(end == COMMAND_TOO_SLOW && t >= 1.9 && t < 5,
	    "a command that closed its pipes but runs on is stopped too (%.1f s)", t);
	is_str(why.s, "sh did not finish within 2 seconds and was stopped", "... saying so");
	buf_free(&why);
	free(mb);
}

static void
test_bounds(void)
{
	char *yes[] = { "yes", NULL };
	char *pipeline[] = { "sh", "-c", "yes | head -c 10 >/dev/null", NULL };
	char *leaves[] = { "sh", "-c", "sleep 30 >/dev/null 2>&1 & echo $! >&2", NULL };
	/* As xclip does: what it leaves serving the clipboard keeps its
	 * standard error (and here its output) open. */
	char *holds[] = { "sh", "-c", "sleep 30 & echo $! >&2; echo out", NULL };
	enum command_end end;
	double t;
	struct buf out = {0};
	struct command_spec spec = { .argv = yes, .sink = collect, .arg = &out,
		.max_output = 100000 };
	struct command_result res;
	pid_t child;

	ok(command_run(&spec, &res) == COMMAND_TOO_MUCH, "yes is stopped past 100000 bytes");
	ok(out.len > 0 && out.len <= 100000, "... the sink had no more than those (%zu)", out.len);
	buf_free(&res.err);
	buf_free(&out);

	/* diglot ignores SIGPIPE; what it runs must not. */
	signal(SIGPIPE, SIG_IGN);
	spec = (struct command_spec){ .argv = pipeline };
	ok(command_run(&spec, &res) == COMMAND_OK && res.err.len == 0,
	    "yes | head in a command ends quietly (SIGPIPE as by default there)");
	buf_free(&res.err);
	signal(SIGPIPE, SIG_DFL);

	spec = (struct command_spec){ .argv = leaves, .seconds = 10 };
	ok(command_run(&spec, &res) == COMMAND_OK, "a command that leaves a process behind ends well");
	child = said_pid(&res);
	ok(child > 0 && running(child), "... which is left running (as a clipboard's server is)");
	if (child > 0)
		kill(child, SIGKILL);
	buf_free(&res.err);
	spec.end_group = 1;
	ok(command_run(&spec, &res) == COMMAND_OK, "the same, asked to end its group after it");
	child = said_pid(&res);
	ok(child > 0 && gone_soon(child), "... leaves nothing running");
	if (child > 0 && running(child))
		kill(child, SIGKILL);
	buf_free(&res.err);

	spec = (struct command_spec){ .argv = holds, .sink = collect, .arg = &out };
	t = now();
	end = command_run(&spec, &res);
	t = now() - t;
	ok(end == COMMAND_OK && t < 2,
	    "a command whose background process holds its pipes open ends when it exits "
	    "(%.1f s)", t);
	ok(out.len == 4 && memcmp(out.s, "out\n", 4) == 0, "... and its output is all there");
	child = said_pid(&res);
	buf_free(&res.err);
	buf_free(&out);
	ok(child > 0 && running(child), "... what it left is still running");
	if (child > 0)
		kill(child, SIGKILL);
	spec.seconds = 10;
	spec.end_group = 1;
	t = now();
	end = command_run(&spec, &res);
	t = now() - t;
	ok(end == COMMAND_OK && t < 2, "the same within 10 seconds ends when it exits too (%.1f s)", t);
	child = said_pid(&res);
	ok(child > 0 && gone_soon(child), "... asked to end its group, it leaves nothing");
	if (child > 0 && running(child))
		kill(child, SIGKILL);
	buf_free(&res.err);
	buf_free(&out);
}

/* A command runs in a session of its own, without diglot's terminal: one
 * that would ask for a password there cannot, nor can what it starts
 * (viewer.sh tries that in a terminal). */
static void
test_session(void)
{
	char *sid[] = { "sh", "-c", "echo $$; cut -d ' ' -f 6 /proc/$$/stat", NULL };
	struct buf out = {0};
	struct command_spec spec = { .argv = sid, .sink = collect, .arg = &out, .seconds = 10 };
	struct command_result res;
	int pid = 0, session = -1;

	ok(command_run(&spec, &res) == COMMAND_OK, "a command that reports its session ends well");
	if (out.s)
		sscanf(out.s, "%d %d", &pid, &session);
	ok(pid > 0 && session == pid, "... it leads a session of its own (pid %d, session %d)",
	    pid, session);
	buf_free(&res.err);
	buf_free(&out);
}

/* What a command wrote just before it exited is all taken, though what it
 * left running holds its output open; a command that exits while what it
 * left running holds its input unread ends then, its input unread. */
static void
test_exit(void)
{
	char *writes[] = { "sh", "-c", "sleep 30 & echo $! >&2; head -c 50000 /dev/zero", NULL };
	char *holds_in[] = { "sh", "-c", "sleep 30 <&0 & echo $! >&2", NULL };
	struct buf out = {0};
	struct command_spec spec = { .argv = writes, .sink = collect, .arg = &out };
	struct command_result res;
	enum command_end end;
	pid_t child;
	size_t n;
	char *mb = megabyte(&n);
	double t;

	end = command_run(&spec, &res);
	ok(end == COMMAND_OK && out.len == 50000,
	    "the 50000 bytes a command wrote as it exited are all there (%zu)", out.len);
	child = said_pid(&res);
	if (child > 0)
		kill(child, SIGKILL);
	buf_free(&res.err);
	buf_free(&out);

	spec = (struct command_spec){ .argv = holds_in, .input = mb, .input_len = n };
	t = now();
	end = command_run(&spec, &res);
	t = now() - t;
	ok(end == COMMAND_UNREAD && t < 2, "a command that exits, its input held unread by what "
	    "it left, ends then (%.1f s)", t);
	child = said_pid(&res);
	if (child > 0)
		kill(child, SIGKILL);
	buf_free(&res.err);
	free(mb);
}

static volatile sig_atomic_t terms;

static void
on_term(int sig)
{
	(void)sig;
	terms++;
}

/* SIGTERM to this process after ms milliseconds, from a child of its own. */
static void
term_me_in(int ms)
{
	pid_t me = getpid();

	if (fork() == 0) {
		usleep((useconds_t)ms * 1000);
		kill(me, SIGTERM);
		_exit(0);
	}
}

/* A signal that would end diglot while a command runs ends the command,
 * with what it started; the run says so and leaves the raising to its
 * caller, command_feed raises it itself. */
static void
test_interrupt(void)
{
	char *waits[] = { "sh", "-c", "sleep 30 & echo $! >&2; sleep 30", NULL };
	struct command_spec spec = { .argv = waits, .seconds = 20 };
	struct command_result res;
	struct sigaction sa, now_sa;
	struct buf why = {0};
	enum command_end end;
	pid_t child;
	double t;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	term_me_in(1000);
	t = now();
	end = command_run(&spec, &res);
	t = now() - t;
	ok(end == COMMAND_INTERRUPTED && res.signal == SIGTERM && t < 5,
	    "SIGTERM during a run ends it at once (%.1f s)", t);
	child = said_pid(&res);
	ok(child > 0 && gone_soon(child), "... with what the command started");
	ok(terms == 0, "... and is not raised by the run");
	sigaction(SIGTERM, NULL, &now_sa);
	ok(now_sa.sa_handler == on_term, "... whose handling of SIGTERM is as it was");
	if (child > 0 && running(child))
		kill(child, SIGKILL);
	buf_free(&res.err);
	while (wait(NULL) > 0)
		;

	term_me_in(1000);
	end = command_feed(waits, "x", 1, 20, &why);
	ok(end == COMMAND_INTERRUPTED && terms == 1 && why.s &&
	    strncmp(why.s, "sh was stopped, as diglot was interrupted", 41) == 0,
	    "command_feed raises it once it has ended the command (%s)", why.s ? why.s : "");
	buf_free(&why);
	while (wait(NULL) > 0)
		;
	signal(SIGTERM, SIG_DFL);
}

int
main(void)
{
	if (access("/proc/self/stat", R_OK) != 0) {
		printf("1..0 # SKIP no /proc to see which processes run\n");
		return 0;
	}
	alarm(60);	/* a runner that hangs fails instead */
	test_output();
	test_failures();
	test_time();
	test_bounds();
	test_session();
	test_exit();
	test_interrupt();
	return tap_done();
}
