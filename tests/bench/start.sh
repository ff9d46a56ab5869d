#!/bin/sh
# SPDX-License-Identifier: MIT
# What every start costs: diglot --json on a one-paragraph briefing next to
# cat on the same file, in alternating runs; prints the median of each.
set -eu

usage() {
	echo "usage: $0 [-n RUNS] [DIGLOT]" >&2
	echo "  -n RUNS   runs of each command (default 41)" >&2
	echo "  DIGLOT    the program to measure (default: the tree's src/diglot)" >&2
	exit 2
}
runs=41
while [ $# -gt 0 ]; do
	case $1 in
	-n) [ $# -ge 2 ] || usage; runs=$2; shift 2 ;;
	-h | --help) usage ;;
	-*) usage ;;
	*) break ;;
	esac
done
[ $# -le 1 ] || usage
here=$(cd "$(dirname "$0")" && pwd)
diglot=${1:-$here/../../src/diglot}
[ -x "$diglot" ] || { echo "$0: $diglot is not an executable (build it with ./bootstrap)" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/diglot-start.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
printf '%s\n\n%s\n' 'The organisation opened an office in Sofia.' \
    'Организацията откри офис в София.' >"$tmp/one.txt"

# us CMD...: the command's wall time in microseconds.
us() {
	s=$(date +%s%N)
	"$@" >/dev/null 2>&1 </dev/null
	e=$(date +%s%N)
	echo $(((e - s) / 1000))
}
i=0
while [ "$i" -lt "$runs" ]; do
	us cat "$tmp/one.txt" >>"$tmp/cat"
	us "$diglot" --json "$tmp/one.txt" >>"$tmp/diglot"
	i=$((i + 1))
done
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
c=$(median "$tmp/cat")
d=$(median "$tmp/diglot")
printf 'one paragraph, median of %d alternating runs (microseconds)\n' "$runs"
printf '  cat            %8d\n  diglot --json  %8d  (%s x cat)\n' "$c" "$d" \
    "$(awk -v c="$c" -v d="$d" 'BEGIN { printf "%.1f", c ? d / c : 0 }')"
echo "target (not asserted): diglot --json at most 2x cat"
