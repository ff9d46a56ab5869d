# SPDX-License-Identifier: MIT
# What the benchmark scripts share: sourced, not run.  Each sets USAGE (its
# usage line) and RUNS (the default) before sourcing it, then takes its
# options and the program to measure:
#
#     USAGE="[-n RUNS] [DIGLOT]"; RUNS=41
#     . "$(dirname "$0")/lib.sh"
#     bench_options "$@"; shift "$BENCH_SHIFT"; bench_diglot "${1:-}"

bench_usage() {
	echo "usage: $0 $USAGE" >&2
	echo "  -n RUNS   runs of each command (default $BENCH_RUNS)" >&2
	echo "  DIGLOT    the program to measure (default: the tree's src/diglot)" >&2
	exit 2
}

# bench_options ARG...: -n RUNS into RUNS; BENCH_SHIFT is how many
# arguments the options took.
bench_options() {
	BENCH_SHIFT=0
	BENCH_RUNS=$RUNS
	while [ $# -gt 0 ]; do
		case $1 in
		-n) [ $# -ge 2 ] || bench_usage; RUNS=$2; shift 2
		    BENCH_SHIFT=$((BENCH_SHIFT + 2)) ;;
		-h | --help) bench_usage ;;
		-*) bench_usage ;;
		*) break ;;
		esac
	done
	case $RUNS in ''|*[!0-9]*|0) bench_usage ;; esac
}

# bench_diglot [DIGLOT]: the program to measure, checked, into DIGLOT.
bench_diglot() {
	DIGLOT=${1:-$(cd "$(dirname "$0")" && pwd)/../../src/diglot}
	[ -x "$DIGLOT" ] || {
		echo "$0: $DIGLOT is not an executable (build it with ./bootstrap)" >&2
		exit 1
	}
}

# us CMD...: the command's wall time in microseconds.
us() {
	_s=$(date +%s%N)
	"$@" >/dev/null 2>&1 </dev/null
	_e=$(date +%s%N)
	echo $(((_e - _s) / 1000))
}

# median FILE: the median of the numbers in FILE, one a line.
median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
