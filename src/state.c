/* SPDX-License-Identifier: MIT */
/* What the viewer remembers of a briefing between readings. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <unistr.h>

#include "doc.h"
#include "file.h"
#include "source.h"
#include "state.h"
#include "text.h"
#include "xalloc.h"

/*
 * A state file is text, a line each:
 *
 *   diglot-state 1
 *   path /home/ana/briefings/iom-2018.txt	(one per file of the briefing)
 *   top 12 3				(the row at the top, its line there)
 *   current 14
 *   languages bg en			(left, right; "-" for none)
 *   show both | left | right
 *   stacked yes | no
 *   focus left | right
 *   text Първите думи на реда		(the top row's first words)
 *   mark a 40 Първите думи			(a bookmark: its letter, row and
 *						 first words)
 *   fix bg 5 7 en 9 10			(a fixed row: per language, its
 *						 blocks from and to, in order)
 *
 * Keys it does not know are skipped, so that a later diglot may add some;
 * a later version number is refused.
 */
enum { STATE_VERSION = 1, STATE_MAX_BYTES = 65536, STATE_MAX_ROW = 1000000000,
	STATE_REACH = 5000 };

static const char *const shows[] = { "both", "left", "right", NULL };
static const char *const sides[] = { "left", "right", NULL };
static const char *const yes_no[] = { "no", "yes", NULL };

/* --- identity --------------------------------------------------------- */

/* A 128-bit hash of bytes, two lanes of multiply and rotate (not a
 * cryptographic one: it tells briefings apart, it does not guard them). */
struct hash {
	uint64_t a, b;
};

static uint64_t
rotl(uint64_t x, int r)
{
	return x << r | x >> (64 - r);
}

static void
hash_word(struct hash *h, uint64_t w)
{
	h->a = rotl(h->a ^ (w * 0x9E3779B185EBCA87ULL), 31) * 0xC2B2AE3D27D4EB4FULL;
	h->b = rotl(h->b + w, 27) * 0x9E3779B185EBCA87ULL + h->a;
}

static void
hash_bytes(struct hash *h, const char *s, size_t n)
{
	uint64_t w;
	size_t i;

	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		hash_word(h, w);
	}
	w = 0;
	memcpy(&w, s + i, n - i);
	hash_word(h, w);
	hash_word(h, (uint64_t)n);
}

static uint64_t
hash_mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xFF51AFD7ED558CCDULL;
	x ^= x >> 33;
	x *= 0xC4CEB9FE1A85EC53ULL;
	return x ^ x >> 33;
}

static void
hash_hex(const struct hash *h, char out[STATE_ID + 1])
{
	snprintf(out, STATE_ID + 1, "%016llx%016llx",
	    (unsigned long long)hash_mix(h->a ^ h->b),
	    (unsigned long long)hash_mix(h->b + (h->a << 1)));
}

void
state_id(const struct source *files, size_t n, char id[STATE_ID + 1])
{
	struct hash h = { 0x243F6A8885A308D3ULL, 0x13198A2E03707344ULL };
	size_t i;

	hash_word(&h, (uint64_t)n);
	for (i = 0; i < n; i++)
		hash_bytes(&h, files[i].data, files[i].len);
	hash_hex(&h, id);
}

/* --- where ------------------------------------------------------------ */

int
state_dir(struct buf *dir, struct buf *why)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");

	buf_reset(dir);
	if (xdg && xdg[0] == '/') {
		buf_printf(dir, "%s/diglot", xdg);
	} else if (home && home[0] == '/') {
		buf_printf(dir, "%s/.local/state/diglot", home);
	} else {
		buf_adds(why, "no place for the reader's state (neither XDG_STATE_HOME "
		    "nor HOME is set)");
		return -1;
	}
	return 0;
}

/* Make dir and the folders above it, private to the user. */
static int
make_dirs(const char *dir, struct buf *why)
{
	struct buf p = {0};
	struct stat sb;
	size_t i;
	int rc = 0;

	buf_adds(&p, dir);
	for (i = 1; i <= p.len && rc == 0; i++) {
		if (i < p.len && p.s[i] != '/')
			continue;
		p.s[i] = '\0';
		if (mkdir(p.s, 0700) < 0 && errno != EEXIST) {
			rc = -1;
		} else if (stat(p.s, &sb) < 0 || !S_ISDIR(sb.st_mode)) {
			errno = ENOTDIR;
			rc = -1;
		}
		if (rc < 0)
			buf_printf(why, "%s: %s", p.s, strerror(errno));
		if (i < p.len)
			p.s[i] = '/';
	}
	buf_free(&p);
	return rc;
}

/* The name of the link from the paths to the state of their text. */
static void
path_link(const struct state *st, struct buf *out)
{
	struct hash h = { 0x452821E638D01377ULL, 0xBE5466CF34E90C6CULL };
	char hex[STATE_ID + 1];

	hash_bytes(&h, st->paths.s, st->paths.len);
	hash_hex(&h, hex);
	buf_reset(out);
	buf_printf(out, "%s/path-%s", st->dir.s, hex);
}

/* --- the file's text --------------------------------------------------- */

static int
word_of(const char *const *words, const char *s)
{
	int i;

	for (i = 0; words[i]; i++)
		if (strcmp(words[i], s) == 0)
			return i;
	return -1;
}

/* A number up to max, the whole of s. */
static int
number_of(const char *s, long max, long *out)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	*out = strtol(s, &end, 10);
	return errno || *end || *out > max ? -1 : 0;
}

/* A language code: letters, digits and '-', or "-" for none. */
static int
code_of(const char *s, char out[STATE_LANG])
{
	size_t n = strlen(s), i;

	if (n == 0 || n >= STATE_LANG)
		return -1;
	if (strcmp(s, "-") == 0) {
		out[0] = '\0';
		return 0;
	}
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		    s[i] == '-'))
			return -1;
	memcpy(out, s, n + 1);
	return 0;
}

/* Copy at most STATE_TEXT - 1 bytes of clean text, whole characters, with
 * no blank at the end. */
static void
copy_text(char out[STATE_TEXT], const char *s, size_t n)
{
	struct buf clean = {0};
	size_t i, keep = 0;

	text_clean(&clean, s, n);
	for (i = 0; i < clean.len; i++)
		if (clean.s[i] == '\n' || clean.s[i] == '\t')
			clean.s[i] = ' ';
	while (keep < clean.len) {
		int k = u8_mblen((const uint8_t *)clean.s + keep, clean.len - keep);

		if (k <= 0 || keep + k > STATE_TEXT - 1)
			break;
		keep += k;
	}
	/* (Cut where a word ends, the text would end in a blank, which
	 * cleaning drops when it is read back.) */
	while (keep > 0 && clean.s[keep - 1] == ' ')
		keep--;
	memcpy(out, clean.len ? clean.s : "", keep);
	out[keep] = '\0';
	buf_free(&clean);
}

/* A fix line's value: "CODE FROM TO" for each language of the row. */
static const char *
parse_fix(struct state_place *pl, char *value)
{
	struct fix_row *fx;
	char *tok[3 * FIX_LANGS + 1], *save = NULL, *t;
	int n = 0, k;

	if (pl->fixes.n >= FIX_MAX)
		return "more fixes than a briefing keeps";
	for (t = strtok_r(value, " ", &save); t && n <= 3 * FIX_LANGS;
	    t = strtok_r(NULL, " ", &save))
		tok[n++] = t;
	if (n == 0 || n % 3 != 0 || n > 3 * FIX_LANGS)
		return "fix wants a language, its first and its end block, for each language";
	fx = &pl->fixes.v[pl->fixes.n];
	memset(fx, 0, sizeof *fx);
	for (k = 0; k < n / 3; k++) {
		long from, to;

		if (code_of(tok[3 * k], fx->lang[k]) < 0 || !fx->lang[k][0] ||
		    number_of(tok[3 * k + 1], STATE_MAX_ROW, &from) < 0 ||
		    number_of(tok[3 * k + 2], STATE_MAX_ROW, &to) < 0 || from > to)
			return "fix wants a language, its first and its end block, for each language";
		fx->from[k] = (uint32_t)from;
		fx->to[k] = (uint32_t)to;
	}
	fx->n = n / 3;
	pl->fixes.n++;
	return NULL;
}

/* One line "key value" of a state file. */
static const char *
parse_line(struct state_place *pl, char *key, char *value)
{
	char *second;
	long v, w;
	int i;

	if (strcmp(key, "top") == 0) {
		second = strchr(value, ' ');
		if (!second)
			return "top wants a row and a line";
		*second++ = '\0';
		if (number_of(value, STATE_MAX_ROW, &v) < 0 ||
		    number_of(second, STATE_MAX_ROW, &w) < 0)
			return "top wants a row and a line";
		pl->top = (size_t)v;
		pl->top_line = (int)w;
	} else if (strcmp(key, "current") == 0) {
		if (number_of(value, STATE_MAX_ROW, &v) < 0)
			return "current wants a row";
		pl->cur = (size_t)v;
	} else if (strcmp(key, "languages") == 0) {
		second = strchr(value, ' ');
		if (!second)
			return "languages wants two codes";
		*second++ = '\0';
		if (code_of(value, pl->lang[0]) < 0 || code_of(second, pl->lang[1]) < 0)
			return "languages wants two codes";
	} else if (strcmp(key, "show") == 0) {
		if ((i = word_of(shows, value)) < 0)
			return "show wants both, left or right";
		pl->show = i;
	} else if (strcmp(key, "stacked") == 0) {
		if ((i = word_of(yes_no, value)) < 0)
			return "stacked wants yes or no";
		pl->stacked = i;
	} else if (strcmp(key, "focus") == 0) {
		if ((i = word_of(sides, value)) < 0)
			return "focus wants left or right";
		pl->focus = i;
	} else if (strcmp(key, "text") == 0) {
		copy_text(pl->text, value, strlen(value));
	} else if (strcmp(key, "fix") == 0) {
		return parse_fix(pl, value);
	} else if (strcmp(key, "mark") == 0) {
		struct state_mark *m;
		char *text;

		i = state_mark_index((unsigned char)value[0]);
		if (i < 0 || value[1] != ' ')
			return "mark wants a letter, a row and its first words";
		second = value + 2;
		text = strchr(second, ' ');
		if (text)
			*text++ = '\0';
		if (number_of(second, STATE_MAX_ROW, &v) < 0)
			return "mark wants a letter, a row and its first words";
		m = &pl->mark[i];
		m->set = 1;
		m->row = (size_t)v;
		copy_text(m->text, text ? text : "", text ? strlen(text) : 0);
	}
	return NULL;
}

int
state_mark_index(int c)
{
	if (c >= 'a' && c <= 'z')
		return c - 'a';
	if (c >= 'A' && c <= 'Z')
		return 26 + c - 'A';
	if (c >= '0' && c <= '9')
		return 52 + c - '0';
	return -1;
}

int
state_mark_letter(int i)
{
	return i < 26 ? 'a' + i : i < 52 ? 'A' + i - 26 : '0' + i - 52;
}

int
state_parse(struct state_place *pl, const char *s, size_t n, struct buf *why)
{
	struct buf line = {0};
	size_t i = 0, lineno = 0;
	int rc = 0;

	memset(pl, 0, sizeof *pl);
	if (n > STATE_MAX_BYTES) {
		buf_printf(why, "larger than a state file can be (%zu bytes)", n);
		return -1;
	}
	if (memchr(s, '\0', n) || u8_check((const uint8_t *)s, n)) {
		buf_adds(why, "not a state file (binary or not UTF-8)");
		return -1;
	}
	while (i < n && rc == 0) {
		const char *nl = memchr(s + i, '\n', n - i), *err = NULL;
		size_t len = nl ? (size_t)(nl - (s + i)) : n - i;
		char *sp;

		lineno++;
		buf_reset(&line);
		buf_add(&line, s + i, len);
		i += len + 1;
		if (lineno == 1) {
			long v;

			if (strncmp(line.s, "diglot-state ", 13) != 0 ||
			    number_of(line.s + 13, INT_MAX, &v) < 0) {
				buf_adds(why, "line 1: not a state file (no diglot-state line)");
				rc = -1;
			} else if (v != STATE_VERSION) {
				buf_printf(why, "line 1: version %ld, written by another "
				    "diglot (this one reads %d)", v, STATE_VERSION);
				rc = -1;
			}
			continue;
		}
		if (len == 0)
			continue;
		sp = strchr(line.s, ' ');
		if (!sp) {
			err = "a key without a value";
		} else {
			*sp = '\0';
			err = parse_line(pl, line.s, sp + 1);
		}
		if (err) {
			buf_printf(why, "line %zu: %s", lineno, err);
			rc = -1;
		}
	}
	if (lineno == 0) {
		buf_adds(why, "empty");
		rc = -1;
	}
	buf_free(&line);
	return rc;
}

void
state_format(const struct state *st, struct buf *out)
{
	const struct state_place *pl = &st->place;
	const char *p = st->paths.s, *nl;
	int i;

	buf_printf(out, "diglot-state %d\n", STATE_VERSION);
	for (; p && *p; p = nl + 1) {
		nl = strchr(p, '\n');
		buf_printf(out, "path %.*s\n", (int)(nl - p), p);
	}
	buf_printf(out, "top %zu %d\ncurrent %zu\nlanguages %s %s\n", pl->top,
	    pl->top_line, pl->cur, pl->lang[0][0] ? pl->lang[0] : "-",
	    pl->lang[1][0] ? pl->lang[1] : "-");
	buf_printf(out, "show %s\nstacked %s\nfocus %s\n", shows[pl->show % 3],
	    yes_no[pl->stacked != 0], sides[pl->focus != 0]);
	if (pl->text[0])
		buf_printf(out, "text %s\n", pl->text);
	for (i = 0; i < pl->fixes.n; i++) {
		const struct fix_row *fx = &pl->fixes.v[i];
		int k;

		buf_adds(out, "fix");
		for (k = 0; k < fx->n; k++)
			buf_printf(out, " %s %u %u", fx->lang[k], (unsigned)fx->from[k],
			    (unsigned)fx->to[k]);
		buf_adds(out, "\n");
	}
	for (i = 0; i < STATE_MARKS; i++)
		if (pl->mark[i].set)
			buf_printf(out, "mark %c %zu%s%s\n", state_mark_letter(i),
			    pl->mark[i].row, pl->mark[i].text[0] ? " " : "", pl->mark[i].text);
}

/* --- reading and writing ------------------------------------------------ */

/* Read path whole into out: 0; -1 with errno (EFBIG when too large). */
static int
read_small(const char *path, struct buf *out)
{
	char chunk[4096];
	ssize_t r;
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK), err, known;
	struct stat sb;

	if (fd < 0)
		return -1;
	known = fstat(fd, &sb) == 0;
	if (!known || !S_ISREG(sb.st_mode)) {
		err = !known ? errno : S_ISDIR(sb.st_mode) ? EISDIR : EINVAL;
		close(fd);
		errno = err;
		return -1;
	}
	buf_reset(out);
	buf_add(out, "", 0);
	while ((r = read(fd, chunk, sizeof chunk)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 || out->len + r > STATE_MAX_BYTES + 1) {
			err = r < 0 ? errno : EFBIG;
			close(fd);
			errno = err;
			return -1;
		}
		buf_add(out, chunk, (size_t)r);
	}
	close(fd);
	return 0;
}

/* The state file a path link points to, if it is one of ours. */
static int
follow_link(const struct state *st, const char *link, struct buf *out)
{
	char target[STATE_ID + 2];
	ssize_t n = readlink(link, target, sizeof target);
	ssize_t i;

	if (n != STATE_ID)
		return -1;
	for (i = 0; i < n; i++)
		if (!((target[i] >= '0' && target[i] <= '9') ||
		    (target[i] >= 'a' && target[i] <= 'f')))
			return -1;
	buf_reset(out);
	buf_printf(out, "%s/%.*s", st->dir.s, (int)n, target);
	return 0;
}

/* The absolute paths of the files, a line each; none when one is standard
 * input or cannot be resolved. */
static void
paths_of(struct state *st, const struct source *files, size_t n)
{
	size_t i;

	buf_reset(&st->paths);
	for (i = 0; i < n; i++) {
		char *real;

		real = strcmp(files[i].name, "-") == 0 ? NULL : realpath(files[i].name, NULL);
		if (!real || strchr(real, '\n')) {
			free(real);
			buf_reset(&st->paths);
			return;
		}
		buf_printf(&st->paths, "%s\n", real);
		free(real);
	}
}

int
state_open(struct state *st, const struct source *files, size_t n, struct buf *why)
{
	struct buf text = {0}, link = {0}, from = {0}, err = {0};
	int rc = 0, got, e;

	memset(st, 0, sizeof *st);
	state_id(files, n, st->id);
	paths_of(st, files, n);
	if (state_dir(&st->dir, why) < 0) {
		buf_reset(&st->dir);
		return -1;
	}
	buf_printf(&st->file, "%s/%s", st->dir.s, st->id);
	buf_adds(&from, st->file.s);
	got = read_small(from.s, &text);
	e = got < 0 ? errno : 0;
	/* None for this text: the last state of its paths, if any. */
	if (got < 0 && e == ENOENT && st->paths.len) {
		path_link(st, &link);
		if (follow_link(st, link.s, &from) == 0) {
			got = read_small(from.s, &text);
			e = got < 0 ? errno : 0;
			st->moved = got == 0;
		}
	}
	if (got < 0 && e == EFBIG)
		buf_printf(&err, "larger than a state file can be");
	if (got < 0 && e == ENOENT) {
		rc = 0;
	} else if (got < 0 && e != EFBIG) {
		buf_printf(why, "the remembered place cannot be read (%s), so the briefing "
		    "opens at the top: %s", strerror(e), from.s);
		rc = -1;
	} else if (err.len || state_parse(&st->place, text.s, text.len, &err) < 0) {
		struct buf bad = {0};

		buf_printf(&bad, "%s.bad", from.s);
		buf_printf(why, "the remembered place is unreadable (%s), so the briefing "
		    "opens at the top: ", err.s);
		if (rename(from.s, bad.s) == 0)
			buf_printf(why, "kept as %s", bad.s);
		else
			buf_adds(why, from.s);
		buf_free(&bad);
		memset(&st->place, 0, sizeof st->place);
		st->moved = 0;
		rc = -1;
	} else {
		st->found = 1;
		rc = 1;
	}
	buf_free(&text);
	buf_free(&link);
	buf_free(&from);
	buf_free(&err);
	return rc;
}

int
state_save(struct state *st, struct buf *why)
{
	struct buf text = {0}, link = {0}, tmp = {0};
	int rc;

	if (!st->dir.len)
		return 0;
	if (make_dirs(st->dir.s, why) < 0)
		return -1;
	state_format(st, &text);
	rc = file_write(st->file.s, text.s, text.len, 0600, why);
	if (rc == 0 && st->paths.len) {
		/* The link from the paths, replaced whole. */
		path_link(st, &link);
		buf_printf(&tmp, "%s.%ld", link.s, (long)getpid());
		unlink(tmp.s);
		if (symlink(st->id, tmp.s) < 0 || rename(tmp.s, link.s) < 0) {
			buf_printf(why, "%s: %s", link.s, strerror(errno));
			unlink(tmp.s);
			rc = -1;
		}
	}
	buf_free(&text);
	buf_free(&link);
	buf_free(&tmp);
	return rc;
}

/* --- pruning -------------------------------------------------------------- */

struct aged {
	char name[STATE_ID + 1];
	time_t when;
};

static int
by_age(const void *x, const void *y)
{
	const struct aged *a = x, *b = y;

	return a->when < b->when ? 1 : a->when > b->when ? -1 : strcmp(a->name, b->name);
}

static int
is_id(const char *s)
{
	size_t i;

	for (i = 0; i < STATE_ID; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[STATE_ID] == '\0';
}

/* Remove the path links of dir whose state is gone. */
static void
prune_links(const char *dir)
{
	struct buf p = {0};
	struct dirent *e;
	struct stat sb;
	DIR *d = opendir(dir);

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, "path-", 5) != 0 || !is_id(e->d_name + 5))
			continue;
		buf_reset(&p);
		buf_printf(&p, "%s/%s", dir, e->d_name);
		if (stat(p.s, &sb) < 0 && errno == ENOENT)
			unlink(p.s);
	}
	closedir(d);
	buf_free(&p);
}

void
state_prune(const char *dir, int keep)
{
	struct aged *v = NULL;
	struct buf p = {0};
	struct dirent *e;
	size_t n = 0, cap = 0, i;
	DIR *d = opendir(dir);

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		struct stat sb;

		if (!is_id(e->d_name))
			continue;
		buf_reset(&p);
		buf_printf(&p, "%s/%s", dir, e->d_name);
		if (lstat(p.s, &sb) < 0 || !S_ISREG(sb.st_mode))
			continue;
		v = xgrow(v, &cap, n + 1, sizeof *v);
		memcpy(v[n].name, e->d_name, STATE_ID + 1);
		v[n++].when = sb.st_mtime;
	}
	closedir(d);
	if (keep < 1)
		keep = 1;
	if (n > (size_t)keep) {
		qsort(v, n, sizeof *v, by_age);
		for (i = (size_t)keep; i < n; i++) {
			buf_reset(&p);
			buf_printf(&p, "%s/%s", dir, v[i].name);
			unlink(p.s);
		}
		prune_links(dir);
	}
	free(v);
	buf_free(&p);
}

/* --- the place in a document ---------------------------------------------- */

void
state_row_text(const struct doc *doc, size_t r, char out[STATE_TEXT])
{
	struct buf text = {0};
	int l;

	out[0] = '\0';
	for (l = 0; l < doc->nlangs && r < doc->nrows; l++) {
		size_t n;
		const uint32_t *ids = doc_row_blocks(doc, r, l, &n);

		if (n == 0)
			continue;
		buf_add(&text, "", 0);
		doc_block_text(doc, ids[0], &text);
		copy_text(out, text.s, text.len);
		break;
	}
	buf_free(&text);
}

long
state_find_row(const struct doc *doc, size_t row, const char *text)
{
	char here[STATE_TEXT];
	size_t d;

	if (doc->nrows == 0)
		return -1;
	if (!text[0])
		return row < doc->nrows ? (long)row : -1;
	/* Outward from where it was, nearest first, as far as STATE_REACH. */
	for (d = 0; d < doc->nrows && d <= STATE_REACH; d++) {
		if (row + d < doc->nrows) {
			state_row_text(doc, row + d, here);
			if (strcmp(here, text) == 0)
				return (long)(row + d);
		}
		if (d > 0 && d <= row && row - d < doc->nrows) {
			state_row_text(doc, row - d, here);
			if (strcmp(here, text) == 0)
				return (long)(row - d);
		}
		if (row + d >= doc->nrows && d >= row)
			break;
	}
	return -1;
}

void
state_free(struct state *st)
{
	buf_free(&st->dir);
	buf_free(&st->paths);
	buf_free(&st->file);
}
