#!/bin/bash
# SPDX-License-Identifier: MIT
# The viewer's response times in tmux, next to less on the same file.
set -eu

usage() {
	echo "usage: $0 [-n REPEATS] FILE [DIGLOT]" >&2
	echo "  FILE      a briefing (make one with: sh tests/bench/gen.sh 100 FILE)" >&2
	echo "  DIGLOT    the program to measure (default: the tree's src/diglot)" >&2
	echo "  -n N      repeat each movement key N times (default 20)" >&2
	exit 2
}

repeats=20
while [ $# -gt 0 ]; do
	case $1 in
	-n) [ $# -ge 2 ] || usage; repeats=$2; shift 2 ;;
	-h | --help) usage ;;
	-*) usage ;;
	*) break ;;
	esac
done
[ $# -ge 1 ] && [ $# -le 2 ] || usage
file=$1
here=$(cd "$(dirname "$0")" && pwd)
diglot=${2:-$here/../../src/diglot}
[ -r "$file" ] || { echo "$0: cannot read $file" >&2; exit 1; }
[ -x "$diglot" ] || { echo "$0: $diglot is not an executable (build it with ./bootstrap)" >&2; exit 1; }
command -v tmux >/dev/null 2>&1 || { echo "$0: tmux is needed" >&2; exit 1; }
limit=${BENCH_TIMEOUT:-120}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/diglot-vbench.XXXXXX")
t() { tmux -S "$tmp/sock" -f /dev/null "$@"; }
trap 't kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# bash for EPOCHREALTIME: polling with no process but tmux's client.
now() { _n=${EPOCHREALTIME/[.,]/}; echo "$_n"; }
# ms_since START: milliseconds from START (from now, in microseconds).
ms_since() { _n=${EPOCHREALTIME/[.,]/}; echo $(((_n - $1) / 1000)); }

# until_ms START PREDICATE...: capture the screen into $tmp/screen until
# PREDICATE holds; prints the milliseconds since START, or "timeout".
until_ms() {
	_start=$1
	shift
	while :; do
		screen=$(t capture-pane -p -t b 2>/dev/null) || :
		if "$@"; then
			ms_since "$_start"
			return
		fi
		_n=${EPOCHREALTIME/[.,]/}
		if [ $(((_n - _start) / 1000000)) -ge "$limit" ]; then
			echo timeout
			return
		fi
	done
}
shows() { [[ $screen == *"$1"* ]]; }
changed() { [[ $screen != "$before" ]]; }
# gutter_before COLUMN: a line of text has its gutter before COLUMN.
gutter_before() {
	local line
	while IFS= read -r line; do
		line=${line%%│*}
		[ ${#line} -lt "$1" ] && [ ${#line} -gt 0 ] && return 0
	done <<<"$screen"
	return 1
}

start_session() {
	t kill-session -t b 2>/dev/null || :
	_t0=$(now)
	t new-session -d -s b -x 140 -y 40 env LC_ALL=C.UTF-8 TERM=tmux-256color \
	    HOME="$tmp" XDG_CONFIG_HOME="$tmp" LESSHISTFILE=- "$@"
}

# key_ms KEY: the mean milliseconds over $repeats presses of KEY until the
# screen changes.
key_ms() {
	_sum=0
	_n=0
	while [ $_n -lt "$repeats" ]; do
		before=$(t capture-pane -p -t b)
		_k0=$(now)
		t send-keys -t b "$1"
		_ms=$(until_ms "$_k0" changed)
		[ "$_ms" = timeout ] && { echo timeout; return; }
		_sum=$((_sum + _ms))
		_n=$((_n + 1))
	done
	echo $((_sum / _n))
}

# moves END TOP: once the screen is up, the ms for G until END shows, g
# until TOP shows, then the means for j, k, Space and b.
moves() {
	local k0

	k0=$(now)
	t send-keys -t b G
	printf '%s ' "$(until_ms "$k0" shows "$1")"
	k0=$(now)
	t send-keys -t b g
	printf '%s ' "$(until_ms "$k0" shows "$2")"
	for k in j k Space b; do
		printf '%s ' "$(key_ms "$k")"
	done
}

first_line=$(grep -m 1 . "$file" | cut -c 1-30)
size=$(wc -c <"$file")
echo "file: $file ($size bytes), screen 140x40, times in ms until the capture shows it"
printf '%-34s %10s %10s\n' "" diglot less

# diglot
start_session "$diglot" "$file"
d_first=$(until_ms "$_t0" shows "¶ 1/")
d_whole=$(until_ms "$_t0" eval 'shows "¶ 1/" && ! shows "¶ 1/…"')
read -r d_end d_top d_j d_k d_space d_b <<<"$(moves "100%" "¶ 1/")"
# A resize shows where the gutter moves: a briefing in one pane has none.
screen=$(t capture-pane -p -t b 2>/dev/null) || :
if shows "│"; then
	_k0=$(now)
	t resize-window -t b -x 100
	d_resize=$(until_ms "$_k0" gutter_before 60)
	t resize-window -t b -x 140
else
	d_resize="(1 pane)"
fi

# diglot, G at once (it waits for the whole briefing)
start_session "$diglot" "$file"
until_ms "$_t0" shows "¶ 1/" >/dev/null
_k0=$(now)
t send-keys -t b G
d_end_early=$(until_ms "$_k0" shows "100%")

# less
start_session less "$file"
l_first=$(until_ms "$_t0" shows "$first_line")
read -r l_end l_top l_j l_k l_space l_b <<<"$(moves "(END)" "$first_line")"

row() { printf '%-34s %10s %10s\n' "$1" "$2" "$3"; }
row "first screen" "$d_first" "$l_first"
row "whole briefing read (status ¶ 1/N)" "$d_whole" "-"
row "G, once read" "$d_end" "$l_end"
row "G at once (waits for the whole)" "$d_end_early" "-"
row "g back to the top" "$d_top" "$l_top"
row "j (mean of $repeats)" "$d_j" "$l_j"
row "k (mean of $repeats)" "$d_k" "$l_k"
row "Space (mean of $repeats)" "$d_space" "$l_space"
row "b (mean of $repeats)" "$d_b" "$l_b"
row "resize 140 -> 100 columns" "$d_resize" "-"
echo "targets: first screen <= 100, G <= 300, resize <= 50, movement <= 16 (capture polling included)"
