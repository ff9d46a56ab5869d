/* SPDX-License-Identifier: MIT */
/* PDF briefings: pdftotext run as a program, bounded in time and output. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "command.h"
#include "pdf.h"
#include "text.h"
#include "xalloc.h"

/* The most text pdftotext may give. */
enum { MAX_OUTPUT = 256 << 20 };


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

/* pdftotext's output into the parse, as it comes. */
static void
feed(void *parse, const char *s, size_t n)
{
	pdf_parse_feed(parse, s, n);
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

/* Run the command on the file at path, its XHTML into the parse; *sig is
 * the signal that interrupted diglot meanwhile, or 0. */
static int
run_pdftotext(const char *path, const char *label, struct pdf_parse *parse,
    struct buf *why, int *sig)
{
	struct buf split = {0};
	char **argv = command_split(pdf_command ? pdf_command : "pdftotext", &split);
	struct command_spec spec = { .sink = feed, .arg = parse, .max_output = MAX_OUTPUT,
		.seconds = pdf_seconds, .end_group = 1 };
	struct command_result res;
	int rc = -1;
	size_t n;

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
	spec.argv = argv;
	switch (command_run(&spec, &res)) {
	case COMMAND_OK:
		rc = 0;
		break;
	case COMMAND_NOT_FOUND:
		buf_printf(why, "%s: cannot read a PDF: %s not found (install poppler-utils: "
		    "apt-get install poppler-utils)", label, argv[0]);
		break;
	case COMMAND_CANNOT_START:
		buf_printf(why, "%s: cannot run %s: %s", label, argv[0], strerror(res.error));
		break;
	case COMMAND_TOO_SLOW:
		buf_printf(why, "%s: %s took more than %d s on this PDF; stopped", label,
		    argv[0], pdf_seconds);
		break;
	case COMMAND_TOO_MUCH:
		buf_printf(why, "%s: %s gave more than %d MB of text for this PDF; stopped",
		    label, argv[0], MAX_OUTPUT >> 20);
		break;
	case COMMAND_INTERRUPTED:
		buf_printf(why, "%s: %s was stopped, as diglot was interrupted", label, argv[0]);
		break;
	case COMMAND_FAILED:
	case COMMAND_SIGNALLED:
	case COMMAND_UNREAD:
		say_refusal(label, argv[0], res.status, &res.err, why);
		break;
	}
	*sig = res.signal;
	buf_free(&res.err);
	command_free(argv);
	return rc;
}

int
pdf_read(struct form_out *o, const char *raw, size_t n, const char *label, struct buf *why)
{
	struct pdf_parse *parse;
	char path[4096];
	int status, sig = 0;

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
	status = run_pdftotext(path, label, parse, why, &sig);
	unlink(path);
	if (sig)
		raise(sig);	/* its copy removed, diglot ends as the signal asks */
	if (status == 0)
		return pdf_parse_end(parse, o, label, why);
	pdf_parse_free(parse);
	return status;
}
