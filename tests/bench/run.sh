#!/bin/sh
# SPDX-License-Identifier: MIT
# Measures diglot's wall time and peak memory on large generated briefings and prints a table.
set -eu

usage() {
	echo "usage: $0 [--quick] [DIGLOT]" >&2
	echo "  --quick   only the 1 and 10 MB documents" >&2
	echo "  DIGLOT    the program to measure (default: the tree's src/diglot)" >&2
	echo "  BENCH_DIR=DIR keeps the generated documents in DIR and reuses them" >&2
	echo "  BENCH_TIMEOUT=SECONDS per command (default 120)" >&2
	exit 2
}

quick=0
while [ $# -gt 0 ]; do
	case $1 in
	--quick) quick=1; shift ;;
	-h | --help) usage ;;
	--) shift; break ;;
	-*) usage ;;
	*) break ;;
	esac
done
[ $# -le 1 ] || usage

here=$(cd "$(dirname "$0")" && pwd)
diglot=${1:-$here/../../src/diglot}
case $diglot in
*/*) ;;
*) diglot=$(command -v "$diglot" || echo "$diglot") ;;
esac
if ! [ -f "$diglot" ] || ! [ -x "$diglot" ]; then
	echo "$0: $diglot is not an executable (build it with ./bootstrap)" >&2
	exit 1
fi
limit=${BENCH_TIMEOUT:-120}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/diglot-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Measure a copy, so that a rebuild of the tree during the run cannot mix
# two versions in one table.
cp "$diglot" "$tmp/diglot"
shown=$diglot
diglot=$tmp/diglot

cc=${CC:-cc}
$cc -std=c11 -O2 -o "$tmp/rusage" "$here/rusage.c"
$cc -std=c11 -O2 -o "$tmp/gen" "$here/gen.c"
BENCH_GEN=$tmp/gen
export BENCH_GEN

data=${BENCH_DIR:-$tmp/data}
mkdir -p "$data"

# Each command runs under timeout(1) when there is one.
if command -v timeout >/dev/null 2>&1; then
	if timeout -k 5 10 true 2>/dev/null; then
		to="timeout -k 5 $limit"
	else
		to="timeout $limit"
	fi
else
	to=
	echo "note: no timeout(1) here; commands run without a time limit" >&2
fi

# The tests' locale: the same for everyone, and UTF-8.
LC_ALL=C.UTF-8
export LC_ALL
unset DIGLOT_CONFIG

if [ "$quick" = 1 ]; then
	cases="1:sequential 10:sequential"
else
	cases="1:sequential 10:sequential 100:sequential 100:interleaved 100:nonewline"
fi

echo "diglot:  $shown ($("$diglot" --version 2>/dev/null | head -n 1 || echo "version unknown"), cksum $(cksum <"$diglot" | cut -d " " -f 1))"
echo "machine: $(uname -srm), $(getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?') CPUs"
if [ -n "$to" ]; then echo "limit:   $limit s per command"; else echo "limit:   none"; fi
echo "targets (100 MB only, not asserted): peak RSS <= 1.5x the file; --dump at least 3x faster than w3m -dump -cols 80 (compare by hand)"
echo

fmt='%-16s %7s  %-24s %8s %9s %7s  %-9s %-14s %s\n'
# shellcheck disable=SC2059
printf "$fmt" document MiB command "wall s" "RSS MiB" RSS/file status target verdict
# shellcheck disable=SC2059
printf "$fmt" ---------------- ------- ------------------------ -------- --------- ------- --------- -------------- -------

: >"$tmp/notes"
for c in $cases; do
	size=${c%%:*}
	form=${c#*:}
	file=$data/$form-$size.txt
	if [ ! -s "$file" ]; then
		g=$("$tmp/rusage" sh "$here/gen.sh" "$size" "$file" "$form") || {
			echo "$0: generating $file failed" >&2
			exit 1
		}
		echo "generated $form $size MB in ${g%% *} s" >>"$tmp/notes"
	fi
	bytes=$(wc -c <"$file" | tr -d ' ')
	mib=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')

	for cmd in cat "wc -l" "diglot --json" "diglot --dump --width 80"; do
		# shellcheck disable=SC2086
		case $cmd in
		diglot*) r=$("$tmp/rusage" $to "$diglot" ${cmd#diglot } "$file" 2>"$tmp/err") || true ;;
		*) r=$("$tmp/rusage" $to $cmd "$file" 2>"$tmp/err") || true ;;
		esac
		# shellcheck disable=SC2086
		set -- $r
		wall=${1:-?} rss=${2:-?} st=${3:-exit=?}
		case $st in
		exit=0) status=ok ;;
		exit=124) if [ -n "$to" ]; then status=TIMEOUT; else status="exit 124"; fi ;;
		exit=*) status="exit ${st#exit=}" ;;
		signal=*) status="SIG$(kill -l "${st#signal=}" 2>/dev/null || echo "${st#signal=}")" ;;
		*) status="? $st" ;;
		esac

		target=- verdict=-
		if [ "$size" = 100 ]; then
			case $cmd in
			"diglot --json" | "diglot --dump"*) target="<=1.5x" ;;
			esac
		fi
		line=$(awk -v w="$wall" -v r="$rss" -v b="$bytes" -v t="$target" -v s="$status" '
			BEGIN {
				ratio = (r ~ /^[0-9.]+$/) ? sprintf("%.2fx", r * 1048576 / b) : "?"
				v = "-"
				if (t != "-" && s == "ok") {
					v = r * 1048576 > 1.5 * b ? "big" : "met"
				} else if (t != "-") {
					v = "failed"
				}
				printf "%s %s", ratio, v
			}')
		ratio=${line% *} verdict=${line#* }
		# shellcheck disable=SC2059
		printf "$fmt" "$form $size" "$mib" "$cmd" "$wall" "$rss" "$ratio" "$status" "$target" "$verdict"

		if [ "$status" != ok ] || awk -v w="$wall" 'BEGIN { exit !(w + 0 > 60) }'; then
			{
				echo "$form $size MB, $cmd: $status after $wall s"
				sed -n '1,3s/^/    /p' "$tmp/err"
			} >>"$tmp/notes"
		fi
	done
done

if [ -s "$tmp/notes" ]; then
	echo
	cat "$tmp/notes"
fi
