/* SPDX-License-Identifier: MIT */
/* Unit tests of the option table as the one list of allowed values, and
 * of the key maps the dialogs read. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "keys.h"
#include "layout.h"
#include "print.h"
#include "settings.h"
#include "tap.h"

/* Run lookup(cfg, key) in a child; whether it died of SIGABRT with a
 * message on stderr naming the key. */
static int
dies_naming(struct settings *cfg, const char *key,
    void (*lookup)(struct settings *cfg, const char *key))
{
	char msg[512];
	int fd[2], status;
	ssize_t n;
	pid_t pid;

	if (pipe(fd) < 0)
		return 0;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct rlimit none = { 0, 0 };

		setrlimit(RLIMIT_CORE, &none);	/* no core file left behind */
		dup2(fd[1], STDERR_FILENO);
		close(fd[0]);
		lookup(cfg, key);
		_exit(0);	/* the lookup came back: not loud enough */
	}
	close(fd[1]);
	n = read(fd[0], msg, sizeof msg - 1);
	close(fd[0]);
	msg[n > 0 ? n : 0] = '\0';
	waitpid(pid, &status, 0);
	if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT) || !strstr(msg, key)) {
		printf("# status %d, stderr: %s\n", status, msg);
		return 0;
	}
	return 1;
}

static void
get(struct settings *cfg, const char *key)
{
	settings_get(cfg, key);
}

static void
values(struct settings *cfg, const char *key)
{
	(void)cfg;
	settings_values(key);
}

static void
choice(struct settings *cfg, const char *key)
{
	settings_choice(cfg, key);
}

static void
integer(struct settings *cfg, const char *key)
{
	settings_int(cfg, key);
}

static void
test_loud(struct settings *cfg)
{
	const char *preload = getenv("LD_PRELOAD");

	/* Under memcheck the child's abort is a report of its own, which
	 * make check-valgrind counts as a failure. */
	if (preload && strstr(preload, "vgpreload")) {
		int i;

		for (i = 0; i < 5; i++)
			printf("ok %d # SKIP under valgrind: a child that aborts is reported\n",
			    ++tap_n);
	} else {
		ok(dies_naming(cfg, "view:nosuch", get),
		    "settings_get of view:nosuch aborts, naming the key");
		ok(dies_naming(cfg, "layout:nosuch", integer),
		    "settings_int of a key the table lacks in a known section aborts too");
		ok(dies_naming(cfg, "view:nosuch", values),
		    "settings_values of view:nosuch aborts");
		ok(dies_naming(cfg, "layout:split", values),
		    "settings_values of an option that is not a choice aborts");
		ok(dies_naming(cfg, "print:nosuch", choice),
		    "settings_choice of print:nosuch aborts");
	}
	ok(settings_get(cfg, "colors:pillar.research") == NULL &&
	    settings_get(cfg, "pillar.research:terms.en.2") == NULL,
	    "a key of a table pattern (pillar.ID, a list's continuation) is looked up, unset");
}

static void
test_values(struct settings *cfg)
{
	const char *const *modes = settings_values("layout:mode");
	const char *const *layouts = settings_values("print:layout");
	struct buf b = {0};

	ok(modes[LAYOUT_SIDE] && strcmp(modes[LAYOUT_SIDE], "side-by-side") == 0 &&
	    strcmp(modes[LAYOUT_STACKED], "stacked") == 0 &&
	    strcmp(modes[LAYOUT_SINGLE], "single") == 0 && !modes[LAYOUT_SINGLE + 1],
	    "[layout] mode's values follow enum layout_mode");
	ok(strcmp(layouts[PRINT_SIDE], "side-by-side") == 0 &&
	    strcmp(layouts[PRINT_SEQUENTIAL], "sequential") == 0 &&
	    strcmp(layouts[PRINT_INTERLEAVED], "interleaved") == 0 && !layouts[3],
	    "[print] layout's values follow enum print_layout");
	ok(settings_value_index("print:paper", "letter") == 1 &&
	    settings_value_index("print:paper", "a5") == -1 &&
	    settings_value_index("print:layout", "Sequential") == -1,
	    "a value's index, spelt as the table spells it, or -1");
	settings_values_join("print:layout", ", ", " or ", &b);
	is_str(b.s, "side-by-side, sequential or interleaved", "the values joined for a message");
	ok(settings_choice(cfg, "layout:mode") == LAYOUT_SIDE, "the default mode is side-by-side");
	settings_read_text(cfg, "t.ini", NULL, "[layout]\nmode = Stacked\n[print]\npaper = letter\n",
	    strlen("[layout]\nmode = Stacked\n[print]\npaper = letter\n"));
	ok(settings_choice(cfg, "layout:mode") == LAYOUT_STACKED &&
	    settings_choice(cfg, "print:paper") == 1,
	    "a choice set in a file is its index in the table (kept in the table's spelling)");
	buf_free(&b);
}

static void
test_print(struct settings *cfg)
{
	struct print_opts po;

	print_defaults(cfg, &po);
	ok(po.width == 80 && po.lines == 62, "letter paper: 80 columns, 62 lines");
	settings_read_text(cfg, "t.ini", NULL, "[print]\npaper = a4\nlayout = interleaved\n",
	    strlen("[print]\npaper = a4\nlayout = interleaved\n"));
	print_defaults(cfg, &po);
	ok(po.width == 80 && po.lines == 66 && po.layout == PRINT_INTERLEAVED,
	    "a4 paper: 66 lines; [print] layout gives the print layout");
}

static void
test_keymaps(void)
{
	struct buf names = {0};
	const char *bad = NULL;
	char first[32];

	keys_init();
	ok(keys_action('q') == ACT_QUIT && keys_dialog('q') == ACT_CANCEL,
	    "q quits the text and cancels a dialog: the maps are apart");
	ok(keys_action(K_ENTER) == ACT_DOWN && keys_dialog(K_ENTER) == ACT_CONFIRM,
	    "Enter scrolls the text and confirms a dialog");
	ok(keys_dialog(K_ESC) == ACT_CANCEL && keys_dialog(K_TAB) == ACT_NEXT_FIELD &&
	    keys_dialog(K_BACKSPACE) == ACT_ERASE && keys_dialog(K_CTRL | 'u') == ACT_ERASE_LINE,
	    "the dialogs' default keys");
	ok(keys_find("cancel") == ACT_CANCEL && keys_find("next-field") == ACT_NEXT_FIELD,
	    "the dialogs' actions have [keys] names");
	ok(keys_bind(ACT_CANCEL, "x", &bad) == 0 && keys_dialog('x') == ACT_CANCEL &&
	    keys_dialog('q') == ACT_NONE && keys_action('q') == ACT_QUIT &&
	    keys_action('x') == ACT_NONE,
	    "binding cancel to x takes q from cancel only, and x from no text action");
	keys_first(ACT_CANCEL, first, sizeof first);
	is_str(first, "x", "the first key of cancel is the one bound");
	keys_first(ACT_PREV_FIELD, first, sizeof first);
	is_str(first, "Up", "the first key of prev-field by default");
	keys_names(&names);
	ok(strstr(names.s, "a character, Up, Down") == names.s && strstr(names.s, "PgDn") &&
	    !strstr(names.s, "PageDown") && strstr(names.s, "F12, C-x"),
	    "the key names for a complaint: each key once");
	buf_free(&names);
	keys_init();
}

/* settings as --print-config prints them (with base, what differs from
 * it), into a new string. */
static char *
printed(const struct settings *cfg, const struct settings *base)
{
	char *out = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&out, &n);

	settings_print(cfg, base, f);
	fclose(f);
	return out;
}

/* A copy holds what its original holds, and stands on its own (cfg is
 * freed here). */
static void
test_copy(struct settings *cfg)
{
	static const char ini[] = "[layout]\nsplit = 61\n[pillar.extra]\nterms.en = alpha\n";
	static const char more[] = "[layout]\nsplit = 40\n";
	struct settings *copy;
	char *a, *b, *c;

	settings_read_text(cfg, "copy.ini", NULL, ini, strlen(ini));
	copy = settings_copy(cfg);
	a = printed(cfg, NULL);
	b = printed(copy, NULL);
	ok(strcmp(a, b) == 0 && settings_problems(copy) == settings_problems(cfg),
	    "a copy prints as its original, read file and defaults alike");
	settings_read_text(copy, "more.ini", NULL, more, strlen(more));
	c = printed(cfg, NULL);
	ok(strcmp(a, c) == 0 && settings_int(copy, "layout:split") == 40 &&
	    settings_int(cfg, "layout:split") == 61,
	    "what is read into a copy leaves the original as it was");
	free(a);
	free(b);
	free(c);
	a = printed(copy, cfg);
	ok(strstr(a, "\n[layout]\nsplit = 40 ; more.ini:2\n") && !strstr(a, "gutter") &&
	    !strstr(a, "[pillar.extra]") && !strstr(a, "[colors]"),
	    "printed against its original, a copy shows only what it changed");
	free(a);
	a = printed(cfg, cfg);
	ok(strchr(a, '\n') == a + strlen(a) - 1, "settings printed against themselves: "
	    "the header line alone");
	free(a);
	settings_free(copy);

	/* The copy outlives its original. */
	copy = settings_copy(cfg);
	settings_free(cfg);
	a = printed(copy, NULL);
	ok(settings_int(copy, "layout:split") == 61 && strstr(a, "terms.en = alpha ; copy.ini:4"),
	    "a copy keeps its values when the original is freed");
	free(a);
	settings_free(copy);
}

int
main(void)
{
	struct settings *cfg = settings_new();

	test_loud(cfg);
	test_values(cfg);
	test_print(cfg);
	test_keymaps();
	test_copy(cfg);
	return tap_done();
}
