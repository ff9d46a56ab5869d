/* SPDX-License-Identifier: MIT */
/* --dump: the rows laid out for a width as plain text, like w3m -dump. */
#include "config.h"

#include <stdio.h>

#include "buf.h"
#include "doc.h"
#include "dump.h"
#include "layout.h"
#include "pillar.h"

/* What is gathered before it is written (a briefing with no line break
 * is one huge row: its lines go out a piece at a time). */
enum { DUMP_CHUNK = 1 << 16 };

static int
put(struct buf *out, FILE *f)
{
	int rc = fwrite(out->s, 1, out->len, f) == out->len ? 0 : -1;

	buf_reset(out);
	return rc;
}

int
dump_write(const struct doc *doc, struct pillars *p, uint32_t want,
    const struct layout_opts *o, FILE *f)
{
	struct row_view rv = {0};
	struct buf out = {0};
	size_t r, shown = 0;
	int rc = 0, k;

	for (r = 0; r < doc->nrows && rc == 0; r++) {
		if (want && !(pillars_row(p, r) & want))
			continue;
		layout_row(doc, r, o, &rv);
		if (rv.height == 0)
			continue;
		if (shown++)
			buf_addc(&out, '\n');
		/* Written to f whenever a chunk is full. */
		for (k = 0; k < rv.height && rc == 0; k++) {
			layout_text(&rv, k, &out);
			buf_addc(&out, '\n');
			if (out.len >= DUMP_CHUNK)
				rc = put(&out, f);
		}
	}
	if (rc == 0 && out.len)
		rc = put(&out, f);
	row_view_free(&rv);
	buf_free(&out);
	return rc == 0 && fflush(f) == 0 && !ferror(f) ? 0 : -1;
}
