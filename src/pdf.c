/* SPDX-License-Identifier: MIT */
/* PDF briefings: pdftotext run as a program, bounded in time and output. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "command.h"
#include "pdf.h"
#include "text.h"
#include "xalloc.h"

extern char **environ;

/* The most text pdftotext may give, and the most of its messages kept. */
enum { MAX_OUTPUT = 256 << 20, MAX_ERRTEXT = 4096 };


/* raw[0..n) into a new temporary file, whose name goes into path. */
static int
write_temp(const char *raw, size_t n, char *path, size_t size)
{
	const char *dir = getenv("TMPDIR");
	size_t off = 0;
	int fd;

	snprintf(path, size, "%s/diglot-pdf.XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkostemp(path, O_CLOEXEC);
	if (fd < 0)
		return -1;
	while (off < n) {
		ssize_t w = write(fd, raw + off, n - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			close(fd);
			unlink(path);
			return -1;
		}
		off += (size_t)w;
	}
	return close(fd);
}

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* How a run of pdftotext ended. */
enum run_end { RUN_DONE, RUN_SLOW, RUN_LARGE };

/*
 * Feed the output of the child in process group pid to the parse (so that
 * it is read while pdftotext works on) and collect its messages into err,
 * until both pipes close, the time is up or the output passes its bound;
 * then end the group and reap the child into *status.
 */
static enum run_end
collect(pid_t pid, int outfd, int errfd, struct pdf_parse *parse, struct buf *err,
    int *status)
{
	size_t total = 0;
	long deadline = now_ms() + pdf_seconds * 1000L;
	enum run_end end = RUN_DONE;
	siginfo_t info;
	int open = 2;

	while (open) {
		struct pollfd pf[2] = { { outfd, POLLIN, 0 }, { errfd, POLLIN, 0 } };
		long left = deadline - now_ms();
		int i, r;

		if (left <= 0) {
			end = RUN_SLOW;
			break;
		}
		r = poll(pf, 2, (int)(left > 1000 ? 1000 : left));
		if (r < 0 && errno != EINTR)
			break;
		for (i = 0; r > 0 && i < 2; i++) {
			char tmp[65536];
			ssize_t k;

			if (pf[i].fd < 0 || !(pf[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			k = read(pf[i].fd, tmp, sizeof tmp);
			if (k < 0 && errno == EINTR)
				continue;
			if (k <= 0) {
				close(pf[i].fd);
				if (i == 0)
					outfd = -1;
				else
					errfd = -1;
				open--;
				continue;
			}
			if (i == 1) {
				if (err->len < MAX_ERRTEXT)
					buf_add(err, tmp, (size_t)k);
			} else if (total + (size_t)k > MAX_OUTPUT) {
				end = RUN_LARGE;
				open = 0;
				break;
			} else {
				total += (size_t)k;
				pdf_parse_feed(parse, tmp, (size_t)k);
			}
		}
	}
	if (outfd >= 0)
		close(outfd);
	if (errfd >= 0)
		close(errfd);
	if (end != RUN_DONE)
		kill(-pid, SIGKILL);
	/* The child reaped only after its group is ended: what it left
	 * running goes with it, and the group's id stays its own till then. */
	while (waitid(P_PID, pid, &info, WEXITED | WNOWAIT) < 0 && errno == EINTR)
		;
	kill(-pid, SIGKILL);
	while (waitpid(pid, status, 0) < 0 && errno == EINTR)
		;
	return end;
}

/* Why pdftotext refused the file, from what it said. */
static void
say_refusal(const char *label, const char *prog, int status, const struct buf *err,
    struct buf *why)
{
	const char *e = err->s ? err->s : "";
	size_t k;

	if (strstr(e, "Incorrect password") || strstr(e, "ncrypt")) {
		buf_printf(why, "%s: the PDF is encrypted (it needs a password to open)", label);
		return;
	}
	if (WIFSIGNALED(status)) {
		buf_printf(why, "%s: %s was killed by signal %d", label, prog, WTERMSIG(status));
		return;
	}
	buf_printf(why, "%s: not a readable PDF (damaged or truncated?)", label);
	/* Its last message says the most (the first are often warnings). */
	k = err->len;
	while (k && (e[k - 1] == '\n' || e[k - 1] == '\r'))
		k--;
	if (k) {
		size_t start = k;

		while (start && e[start - 1] != '\n')
			start--;
		buf_printf(why, ": %s exited with status %d: ", prog,
		    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		text_clean(why, e + start, k - start > 200 ? 200 : k - start);
	}
}

/* Run the command on the file at path, its XHTML into the parse. */
static int
run_pdftotext(const char *path, const char *label, struct pdf_parse *parse,
    struct buf *why)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	struct buf err = {0}, split = {0};
	char **argv = command_split(pdf_command ? pdf_command : "pdftotext", &split);
	int outp[2], errp[2], rc, status = 0;
	size_t n;
	pid_t pid;
	enum run_end end;

	if (!argv) {
		buf_printf(why, "%s: [input] pdftotext: %s", label, split.s);
		buf_free(&split);
		return -1;
	}
	for (n = 0; argv[n]; n++)
		;
	argv = xrealloc(argv, sizeof *argv * (n + 6));
	argv[n++] = xstrdup("-bbox-layout");
	argv[n++] = xstrdup("-enc");
	argv[n++] = xstrdup("UTF-8");
	argv[n++] = xstrdup(path);
	argv[n++] = xstrdup("-");
	argv[n] = NULL;
	if (pipe2(outp, O_CLOEXEC) < 0 || pipe2(errp, O_CLOEXEC) < 0) {
		buf_printf(why, "%s: %s", label, strerror(errno));
		command_free(argv);
		return -1;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, outp[1], 1);
	posix_spawn_file_actions_adddup2(&fa, errp[1], 2);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
	posix_spawnattr_setpgroup(&attr, 0);
	rc = posix_spawnp(&pid, argv[0], &fa, &attr, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	close(outp[1]);
	close(errp[1]);
	if (rc != 0) {
		if (rc == ENOENT)
			buf_printf(why, "%s: cannot read a PDF: %s not found (install poppler-utils: "
			    "apt-get install poppler-utils)", label, argv[0]);
		else
			buf_printf(why, "%s: cannot run %s: %s", label, argv[0], strerror(rc));
		close(outp[0]);
		close(errp[0]);
		command_free(argv);
		return -1;
	}
	end = collect(pid, outp[0], errp[0], parse, &err, &status);
	rc = -1;
	if (end == RUN_SLOW)
		buf_printf(why, "%s: %s took more than %d s on this PDF; stopped", label,
		    argv[0], pdf_seconds);
	else if (end == RUN_LARGE)
		buf_printf(why, "%s: %s gave more than %d MB of text for this PDF; stopped",
		    label, argv[0], MAX_OUTPUT >> 20);
	else if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		rc = 0;
	else if (WIFEXITED(status) && WEXITSTATUS(status) == 127 && !err.len)
		buf_printf(why, "%s: cannot read a PDF: %s not found (install poppler-utils: "
		    "apt-get install poppler-utils)", label, argv[0]);
	else
		say_refusal(label, argv[0], status, &err, why);
	buf_free(&err);
	command_free(argv);
	return rc;
}

int
pdf_read(struct form_out *o, const char *raw, size_t n, const char *label, struct buf *why)
{
	struct pdf_parse *parse;
	char path[4096];
	int status;

	if (!memmem(raw, n < 1024 ? n : 1024, "%PDF-", 5)) {
		buf_printf(why, "%s: not a PDF file (no %%PDF- in its first 1024 bytes)", label);
		return -1;
	}
	if (write_temp(raw, n, path, sizeof path) < 0) {
		buf_printf(why, "%s: cannot write a temporary copy for pdftotext: %s", label,
		    strerror(errno));
		return -1;
	}
	parse = pdf_parse_new();
	status = run_pdftotext(path, label, parse, why);
	unlink(path);
	if (status == 0)
		return pdf_parse_end(parse, o, label, why);
	pdf_parse_free(parse);
	return status;
}
