# SPDX-License-Identifier: MIT
# Shared helpers for the shell TAP tests: sourced, not run.
# The tests get DIGLOT (the program), TESTS_SRCDIR, EXAMPLES and
# DIGLOT_SAMPLES from make check.

: "${DIGLOT:?run through make check}"
tap_n=0
tap_failed=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/diglot-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/home/.config"
mkdir -p "$HOME"
unset DIGLOT_CONFIG COLUMNS LINES

# Under make check-valgrind every run of the program goes through memcheck.
if [ -n "${DIGLOT_WRAPPER:-}" ]; then
	printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$DIGLOT_WRAPPER" "$DIGLOT" >"$TMP/diglot"
	chmod +x "$TMP/diglot"
	DIGLOT="$TMP/diglot"
fi

ok() {	# ok COND-STATUS DESCRIPTION
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

# check DESCRIPTION COMMAND...: the command succeeds.
check() {
	desc=$1
	shift
	if "$@" >"$TMP/check.out" 2>&1; then
		ok 0 "$desc"
	else
		ok 1 "$desc"
		sed 's/^/# /' "$TMP/check.out" | head -n 20
	fi
}

# same DESCRIPTION GOT-FILE WANT-FILE: the files are identical.
same() {
	if cmp -s "$2" "$3"; then
		ok 0 "$1"
	else
		ok 1 "$1"
		diff -u "$3" "$2" | head -n 40 | sed 's/^/# /'
	fi
}

# has DESCRIPTION FILE TEXT: FILE contains the fixed string TEXT.
has() {
	if grep -qF -- "$3" "$2"; then
		ok 0 "$1"
	else
		ok 1 "$1"
		echo "# '$3' not in:"
		head -n 10 "$2" | sed 's/^/#   /'
	fi
}

# hasnt DESCRIPTION FILE TEXT
hasnt() {
	if grep -qF -- "$3" "$2"; then
		ok 1 "$1"
		grep -nF -- "$3" "$2" | head -n 3 | sed 's/^/#   /'
	else
		ok 0 "$1"
	fi
}

# status DESCRIPTION WANT COMMAND...: the command exits with WANT.
status() {
	desc=$1
	want=$2
	shift 2
	"$@" >"$TMP/status.out" 2>"$TMP/status.err"
	got=$?
	if [ "$got" -eq "$want" ]; then
		ok 0 "$desc"
	else
		ok 1 "$desc (exit $got, want $want)"
		head -n 5 "$TMP/status.err" | sed 's/^/# /'
	fi
}

# clean_output DESCRIPTION FILE: valid UTF-8 with no control character
# other than newline and form feed.
clean_output() {
	if ! iconv -f UTF-8 -t UTF-8 "$2" >/dev/null 2>&1; then
		ok 1 "$1 (not valid UTF-8)"
	elif LC_ALL=C grep -q "$(printf '[\001-\011\013\015-\037\177]')" "$2"; then
		ok 1 "$1 (control bytes)"
		LC_ALL=C grep -n "$(printf '[\001-\011\013\015-\037\177]')" "$2" | head -n 3 | cat -v | sed 's/^/#   /'
	elif LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$2"; then
		ok 1 "$1 (C1 controls)"
	elif LC_ALL=C grep -q "$(printf '\342\200[\252-\256]')\|$(printf '\342\201[\246-\251]')" "$2"; then
		ok 1 "$1 (bidi controls)"
	else
		ok 0 "$1"
	fi
}

# fits DESCRIPTION FILE WIDTH: no line is wider than WIDTH columns.
fits() {
	w=$(wc -L <"$2")
	if [ "$w" -le "$3" ]; then
		ok 0 "$1"
	else
		ok 1 "$1 (a line is $w columns wide)"
	fi
}

# tmux_start: a private tmux server for the tests that drive the viewer:
# its own socket in a temporary folder (short enough for a Unix socket
# path) and its own configuration; t runs tmux on it.  Server options set
# before the first session are lost, so a keeper session comes first; then
# OSC 52 from a pane makes a paste buffer (how "y" is seen, and how a leak
# of hostile text would be).  Returns 1 when no server starts.
tmux_start() {
	unset TMUX TMUX_PANE
	sockdir="$TMP/tmux"
	[ ${#sockdir} -gt 80 ] && sockdir=$(mktemp -d /tmp/diglot-tmux.XXXXXX)
	mkdir -p "$sockdir"
	sock="$sockdir/sock"
	conf="$TMP/tmux.conf"
	printf '%s\n' 'set -g default-terminal tmux-256color' 'set -g remain-on-exit on' \
	    'set -g status off' 'set -s escape-time 0' >"$conf"
	t new-session -d -s keep -x 20 -y 5 'sleep 600' || return 1
	t set -s set-clipboard on
}
t() { tmux -u -S "$sock" -f "$conf" "$@"; }

# until_screen PREDICATE ARG...: for the tmux tests, capture session $S's
# screen into $screen until PREDICATE holds on it and a second capture a
# moment later is the same (so a check never reads a screen half redrawn);
# 100 tries 0.1 s apart, 1 on timeout.  The test defines t (its tmux
# command), S and screen.
until_screen() {
	_try=0
	_held=
	while [ $_try -lt 100 ]; do
		t capture-pane -p -t "$S" >"$screen" 2>/dev/null
		if "$@"; then
			[ -n "$_held" ] && cmp -s "$screen" "$screen.held" && return 0
			_held=1
			cp "$screen" "$screen.held"
			sleep 0.03
		else
			_held=
			sleep 0.1
		fi
		_try=$((_try + 1))
	done
	return 1
}

# want_rows N: --json rows (jq -c) pairing block i with block i+N, for i < N.
want_rows() {
	i=0
	while [ $i -lt "$1" ]; do
		echo "{\"bg\":[$i],\"en\":[$((i + $1))]}"
		i=$((i + 1))
	done
}

# bg_locale: compile the Bulgarian locale (whose decimal point is a comma)
# into $TMP/locale and print the environment that selects it; 1 when this
# system has no locale sources (the locales package) to compile it from.
bg_locale() {
	if [ ! -d "$TMP/locale/bg_BG.UTF-8" ]; then
		command -v localedef >/dev/null 2>&1 && [ -f /usr/share/i18n/locales/bg_BG ] || return 1
		mkdir -p "$TMP/locale"
		localedef -i bg_BG -f UTF-8 "$TMP/locale/bg_BG.UTF-8" >/dev/null 2>&1 ||
			[ -f "$TMP/locale/bg_BG.UTF-8/LC_NUMERIC" ] || return 1
	fi
	echo "LOCPATH=$TMP/locale LC_ALL=bg_BG.UTF-8"
}

# skip COUNT REASON: COUNT points that cannot run here.
skip() {
	_sk=0
	while [ $_sk -lt "$1" ]; do
		tap_n=$((tap_n + 1))
		echo "ok $tap_n # SKIP $2"
		_sk=$((_sk + 1))
	done
}

skip_all() {
	echo "1..0 # SKIP $1"
	exit 0
}

done_testing() {
	echo "1..$tap_n"
	exit 0
}

# The user's reference briefing, when the shared samples are there.
reference() {
	f="${DIGLOT_SAMPLES:-}/iom-2018-bg-en.txt"
	[ -f "$f" ] && echo "$f"
}
