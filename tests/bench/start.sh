#!/bin/sh
# SPDX-License-Identifier: MIT
# What every start costs: diglot --json on a one-paragraph briefing next to
# cat on the same file, in alternating runs; prints the median of each.
set -eu

USAGE="[-n RUNS] [DIGLOT]"
RUNS=41
. "$(dirname "$0")/lib.sh"
bench_options "$@"
shift "$BENCH_SHIFT"
[ $# -le 1 ] || bench_usage
bench_diglot "${1:-}"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/diglot-start.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
printf '%s\n\n%s\n' 'The organisation opened an office in Sofia.' \
    'Организацията откри офис в София.' >"$tmp/one.txt"

i=0
while [ "$i" -lt "$RUNS" ]; do
	us cat "$tmp/one.txt" >>"$tmp/cat"
	us "$DIGLOT" --json "$tmp/one.txt" >>"$tmp/diglot"
	i=$((i + 1))
done
c=$(median "$tmp/cat")
d=$(median "$tmp/diglot")
printf 'one paragraph, median of %d alternating runs (microseconds)\n' "$RUNS"
printf '  cat            %8d\n  diglot --json  %8d  (%s x cat)\n' "$c" "$d" \
    "$(awk -v c="$c" -v d="$d" 'BEGIN { printf "%.1f", c ? d / c : 0 }')"
echo "target (not asserted): diglot --json at most 2x cat"
