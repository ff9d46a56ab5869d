/* SPDX-License-Identifier: MIT */
/* libFuzzer target: any bytes as a state file (what the viewer remembers
 * of a briefing), read and written back. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "buf.h"
#include "state.h"

/*
 * Invariants, each an abort() when broken:
 *  - a refused file says why, and a read one leaves no message;
 *  - what is read is written back as a state file that reads the same:
 *    the same place, languages, layout, first words, bookmarks and fixes;
 *  - the first words are valid UTF-8 with no control character, and no
 *    longer than their room.
 */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(int ok, const char *what)
{
	if (ok)
		return;
	fprintf(stderr, "fuzz_state: %s\n", what);
	abort();
}

static int
same(const struct state_place *a, const struct state_place *b)
{
	int i;

	if (a->fixes.n != b->fixes.n ||
	    memcmp(a->fixes.v, b->fixes.v, sizeof *a->fixes.v * (size_t)a->fixes.n) != 0)
		return 0;
	for (i = 0; i < STATE_MARKS; i++)
		if (a->mark[i].set != b->mark[i].set || (a->mark[i].set &&
		    (a->mark[i].row != b->mark[i].row ||
		    strcmp(a->mark[i].text, b->mark[i].text) != 0)))
			return 0;
	return a->top == b->top && a->top_line == b->top_line && a->cur == b->cur &&
	    strcmp(a->lang[0], b->lang[0]) == 0 && strcmp(a->lang[1], b->lang[1]) == 0 &&
	    a->show == b->show && a->stacked == b->stacked && a->focus == b->focus &&
	    strcmp(a->text, b->text) == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct state st;
	struct state_place back;
	struct buf why = {0}, out = {0};
	size_t i, n;

	if (state_parse(&st.place, (const char *)data, size, &why) < 0) {
		check(why.len > 0, "a refused state file without a reason");
		buf_free(&why);
		return 0;
	}
	check(why.len == 0, "a message for a state file that was read");
	n = strlen(st.place.text);
	check(n < STATE_TEXT, "first words past their room");
	check(u8_check((const uint8_t *)st.place.text, n) == NULL,
	    "first words that are not UTF-8");
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)st.place.text[i];

		check(c >= 0x20 && c != 0x7F, "a control character in the first words");
	}
	state_format(&st, &out);
	check(state_parse(&back, out.s, out.len, &why) == 0, "what it wrote it cannot read");
	check(same(&st.place, &back), "what it wrote reads back otherwise");
	buf_free(&why);
	buf_free(&out);
	return 0;
}
