#!/bin/sh
# SPDX-License-Identifier: MIT
# What remembering the place costs the viewer: the time to its first screen
# on a 1 MB briefing with 500 other briefings' state files present, next
# to --no-state, in alternating runs on a bare pseudo-terminal (ptytime);
# prints the median of each.
set -eu

USAGE="[-n RUNS] [DIGLOT]"
RUNS=21
. "$(dirname "$0")/lib.sh"
bench_options "$@"
shift "$BENCH_SHIFT"
[ $# -le 1 ] || bench_usage
bench_diglot "${1:-}"
here=$(cd "$(dirname "$0")" && pwd)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/diglot-sbench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
${CC:-cc} -O2 -o "$tmp/ptytime" "$here/ptytime.c" -lutil
sh "$here/gen.sh" 1 "$tmp/brief.txt" >/dev/null

# 500 briefings' states, as the viewer writes them.
mkdir -p "$tmp/state/diglot"
i=0
while [ "$i" -lt 500 ]; do
	f=$(printf '%s/state/diglot/%032x' "$tmp" "$((i * 7919 + 1))")
	printf 'diglot-state 1\npath /home/reader/briefing-%d.txt\ntop %d 0\ncurrent %d\nlanguages bg en\nshow both\nstacked no\nfocus left\ntext Параграф %d\n' \
	    "$i" "$i" "$i" "$i" >"$f"
	i=$((i + 1))
done

# first_ms OPTION...: milliseconds to the first screen (its status line).
first_ms() {
	env XDG_STATE_HOME="$tmp/state" HOME="$tmp" XDG_CONFIG_HOME="$tmp" \
	    "$tmp/ptytime" '¶ ' '' -- env TERM=xterm-256color LC_ALL=C.UTF-8 \
	    "$DIGLOT" "$@" "$tmp/brief.txt" 2>/dev/null | awk '$1 == "start" { print int($3 * 1000) }'
}
# A first opening writes this briefing's state: measure its reopening.
first_ms >/dev/null
i=0
while [ "$i" -lt "$RUNS" ]; do
	first_ms --no-state >>"$tmp/off"
	first_ms >>"$tmp/on"
	i=$((i + 1))
done
off=$(median "$tmp/off")
on=$(median "$tmp/on")
printf '1 MB briefing, 500 state files, first screen, median of %d alternating runs (ms)\n' "$RUNS"
awk -v a="$off" -v b="$on" 'BEGIN {
	printf "  --no-state          %8.1f\n  remembered place    %8.1f  (+%.1f)\n",
	    a / 1000, b / 1000, (b - a) / 1000 }'
echo "target (not asserted): the state adds at most 5 ms"
