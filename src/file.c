/* SPDX-License-Identifier: MIT */
/* Writing a file whole or not at all. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "file.h"

int
file_write(const char *path, const char *text, size_t n, mode_t mode, struct buf *why)
{
	struct buf tmp = {0};
	const char *slash = strrchr(path, '/');
	mode_t mask;
	size_t off = 0;
	int fd, bad, err;

	if (slash)
		buf_printf(&tmp, "%.*s/.%s.XXXXXX", (int)(slash - path), path, slash + 1);
	else
		buf_printf(&tmp, ".%s.XXXXXX", path);
	fd = mkstemp(tmp.s);
	if (fd < 0) {
		buf_printf(why, "%s: %s", path, strerror(errno));
		buf_free(&tmp);
		return -1;
	}
	mask = umask(0);
	umask(mask);
	fchmod(fd, mode & ~mask);
	errno = 0;
	while (off < n) {
		ssize_t w = write(fd, text + off, n - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += w;
	}
	bad = off < n || fsync(fd) < 0;
	err = errno ? errno : EIO;
	if (close(fd) < 0 && !bad) {
		bad = 1;
		err = errno;
	}
	if (!bad && rename(tmp.s, path) < 0) {
		bad = 1;
		err = errno;
	}
	if (bad) {
		buf_printf(why, "%s: %s", path, strerror(err));
		unlink(tmp.s);
	}
	buf_free(&tmp);
	return bad ? -1 : 0;
}
