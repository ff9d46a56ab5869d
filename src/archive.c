/* SPDX-License-Identifier: MIT */
/* The members of a zip archive in memory, unpacked within limits. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "archive.h"
#include "xalloc.h"

struct archive {
	zip_t *za;
	char *label;
};

struct archive *
archive_open(const char *raw, size_t n, const char *label, const char *kind, struct buf *why)
{
	struct archive *a;
	zip_error_t ze;
	zip_source_t *zs;
	zip_t *za;

	zip_error_init(&ze);
	zs = zip_source_buffer_create(raw, n, 0, &ze);
	za = zs ? zip_open_from_source(zs, ZIP_RDONLY, &ze) : NULL;
	if (!za) {
		int code = zip_error_code_zip(&ze);

		if (zs)
			zip_source_free(zs);
		if (code == ZIP_ER_NOZIP && n >= 4 && memcmp(raw, "PK\3\4", 4) == 0)
			buf_printf(why, "%s: a damaged or truncated zip archive, not %s file",
			    label, kind);
		else if (code == ZIP_ER_NOZIP)
			buf_printf(why, "%s: not %s file (not a zip archive)", label, kind);
		else
			buf_printf(why, "%s: damaged, not %s file (%s)", label, kind,
			    zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return NULL;
	}
	zip_error_fini(&ze);
	a = xmalloc(sizeof *a);
	a->za = za;
	a->label = xstrdup(label);
	return a;
}

int
archive_member(struct archive *a, const char *name, struct buf *out, struct buf *why)
{
	zip_t *za = a->za;
	const char *label = a->label;
	zip_int64_t idx = zip_name_locate(za, name, 0);
	zip_stat_t st;
	zip_file_t *zf;
	size_t have = 0;

	if (idx < 0)
		return 1;
	if (zip_stat_index(za, (zip_uint64_t)idx, 0, &st) < 0) {
		buf_printf(why, "%s: damaged zip archive (%s)", label, zip_strerror(za));
		return -1;
	}
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
		buf_printf(why, "%s: %s is encrypted; save the file without a password", label,
		    name);
		return -1;
	}
	if (!(st.valid & ZIP_STAT_SIZE) || st.size > ARCHIVE_MAX_MEMBER) {
		buf_printf(why, "%s: %s would unpack to more than %d MB; refused", label, name,
		    ARCHIVE_MAX_MEMBER >> 20);
		return -1;
	}
	if ((st.valid & ZIP_STAT_COMP_SIZE) && st.size > 4096 &&
	    st.size / ARCHIVE_MAX_RATIO > st.comp_size) {
		buf_printf(why, "%s: %s would unpack to %llu times its packed size (%d at most);"
		    " refused", label, name, (unsigned long long)(st.size /
		    (st.comp_size ? st.comp_size : 1)), ARCHIVE_MAX_RATIO);
		return -1;
	}
	zf = zip_fopen_index(za, (zip_uint64_t)idx, 0);
	if (!zf && (zip_error_code_zip(zip_get_error(za)) == ZIP_ER_NOPASSWD ||
	    zip_error_code_zip(zip_get_error(za)) == ZIP_ER_ENCRNOTSUPP)) {
		buf_printf(why, "%s: %s is encrypted; save the file without a password", label,
		    name);
		return -1;
	}
	if (!zf) {
		buf_printf(why, "%s: cannot unpack %s (%s)", label, name, zip_strerror(za));
		return -1;
	}
	out->s = xgrow(out->s, &out->cap, (size_t)st.size + 2, 1);
	for (;;) {
		zip_int64_t r = zip_fread(zf, out->s + have, (size_t)st.size + 1 - have);

		if (r < 0) {
			buf_printf(why, "%s: %s is damaged (%s)", label, name,
			    zip_file_strerror(zf));
			zip_fclose(zf);
			return -1;
		}
		if (r == 0)
			break;
		have += (size_t)r;
		if (have > st.size) {
			buf_printf(why, "%s: %s holds more than its size says; refused", label,
			    name);
			zip_fclose(zf);
			return -1;
		}
	}
	if (zip_fclose(zf) != 0 || have != st.size) {
		buf_printf(why, "%s: %s is damaged (truncated or a bad checksum)", label, name);
		return -1;
	}
	out->len = have;
	out->s[have] = '\0';
	return 0;
}

void
archive_close(struct archive *a)
{
	if (!a)
		return;
	zip_discard(a->za);
	free(a->label);
	free(a);
}
