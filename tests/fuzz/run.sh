#!/bin/sh
# SPDX-License-Identifier: MIT
# Build the fuzz targets with clang's libFuzzer and run each for a bounded
# time on a copy of its corpus; exits non-zero, naming the input, if one
# crashes.
#
# Usage: tests/fuzz/run.sh [SECONDS]		(each target; default 30)
#        tests/fuzz/run.sh TARGET FILE...	(run those inputs once)
#
# The tree must be configured and built first: config.h and the generated
# src/builtin-ini.c come from the build tree.  Environment:
#   top_srcdir, top_builddir	the trees (default: the one holding this script)
#   FUZZ_CC			the compiler (default: clang)
#   FUZZ_CPPFLAGS		more preprocessor flags (e.g. iniparser's -I)
#   FUZZ_LIBS			libraries (default: -lunistring -liniparser -lm)
#   FUZZ_TARGETS		which targets (default: each fuzz_TARGET.c here)
#   FUZZ_FLAGS			more libFuzzer options, e.g. "-fork=2 -ignore_crashes=1"
#   FUZZ_KEEP			1: keep the built targets, corpora and logs
# Exit status: 0 no crash, 1 a crash (its input is kept and named), 2 usage
# or build error, 77 no clang with libFuzzer here.
set -eu

usage() {
	echo "usage: $0 [SECONDS] | $0 TARGET FILE..." >&2
	exit 2
}
here=$(cd "$(dirname "$0")" && pwd)
replay=
secs=${1:-30}
case $secs in
''|*[!0-9]*|0)
	[ $# -ge 2 ] && [ -f "$here/fuzz_$secs.c" ] || usage
	replay=$1
	shift
	;;
esac

srcdir=$(cd "${top_srcdir:-$here/../..}" && pwd)
builddir=$(cd "${top_builddir:-$srcdir}" && pwd)
cc=${FUZZ_CC:-clang}
libs=${FUZZ_LIBS:--lunistring -liniparser -lxml2 -lzip -lm}
targets=${FUZZ_TARGETS:-$(cd "$here" && ls fuzz_*.c | sed 's/^fuzz_//; s/\.c$//')}
if [ -n "$replay" ]; then
	targets=$replay
fi
# Two checks may recover, so that ubsan.supp can let known reports pass;
# halt_on_error stops on any other.
san="-fsanitize=address,undefined -fno-sanitize-recover=all \
-fsanitize-recover=nonnull-attribute,pointer-overflow -fno-omit-frame-pointer"
cppflags=${FUZZ_CPPFLAGS:-$(pkg-config --cflags libxml-2.0 libzip 2>/dev/null || echo -I/usr/include/libxml2)}
cflags="-g -O1 -Wall -Wextra -Wno-sign-compare -I$builddir -I$srcdir/src $cppflags"

work=$(mktemp -d "${TMPDIR:-/tmp}/diglot-fuzz.XXXXXX")
keep=${FUZZ_KEEP:-0}
# shellcheck disable=SC2317
cleanup() {
	if [ "$keep" = 0 ]; then
		rm -rf "$work"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A compiler that links libFuzzer, or nothing to do here.
printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }' \
    >"$work/probe.c"
if ! "$cc" -fsanitize=fuzzer $san "$work/probe.c" -o "$work/probe" \
    >"$work/probe.log" 2>&1; then
	echo "fuzz: $cc cannot build a libFuzzer target (apt-get install clang); skipped" >&2
	cat "$work/probe.log" >&2
	exit 77
fi

if [ ! -f "$builddir/config.h" ]; then
	echo "fuzz: $builddir/config.h is missing: run ./configure first" >&2
	exit 2
fi
if [ ! -f "$builddir/src/builtin-ini.c" ]; then
	if [ -f "$builddir/Makefile" ]; then
		(cd "$builddir" && make src/builtin-ini.c >/dev/null) || exit 2
	else
		echo "fuzz: $builddir/src/builtin-ini.c is missing: run make first" >&2
		exit 2
	fi
fi

# The core library's sources, compiled once with coverage for libFuzzer:
# everything in src/ but the command line, the curses viewer and the PDF
# typesetter (output only, and built with Pango).
mkdir "$work/obj"
objs=
for f in "$srcdir"/src/*.c "$builddir/src/builtin-ini.c"; do
	base=$(basename "$f" .c)
	case $base in
	main|ui|ui[-_.]*|pdf-print|module-pdf)
		continue
		;;
	esac
	[ -f "$work/obj/$base.o" ] && continue
	if ! $cc $san -fsanitize=fuzzer-no-link $cflags -c "$f" -o "$work/obj/$base.o"; then
		echo "fuzz: cannot compile $f" >&2
		exit 2
	fi
	objs="$objs $work/obj/$base.o"
done
for t in $targets; do
	if ! $cc $san -fsanitize=fuzzer $cflags "$here/fuzz_$t.c" $objs $libs \
	    -o "$work/fuzz_$t"; then
		echo "fuzz: cannot build fuzz_$t" >&2
		exit 2
	fi
done

# Replay: each input once, with its report.
if [ -n "$replay" ]; then
	mkdir "$work/tmp"
	status=0
	for f in "$@"; do
		if TMPDIR="$work/tmp" \
		    ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:symbolize=1" \
		    UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$here/ubsan.supp" \
		    "$work/fuzz_$replay" "$f" >"$work/replay.log" 2>&1; then
			echo "fuzz_$replay: ok: $f"
		else
			status=1
			echo "fuzz_$replay: FAILED: $f"
			awk '/runtime error|ERROR: |^fuzz(_[a-z]+)?: / { on = 1 }
			    on && n++ < 40' "$work/replay.log"
		fi
	done
	exit $status
fi

# Run each target on a copy of its corpus, as many at a time as there are
# processors (so that each runs at its rate); settings files are written
# to TMPDIR, so that is private too.
run() {
	t=$1
	# What each target reads: the text targets a few paragraphs (every
	# invariant is of a block, a row or a line), the settings a few
	# sections and a line longer than iniparser's 1024 bytes, the others
	# their largest seed and more.
	case $t in
	reader|layout|json)
		max_len=1024
		;;
	config)
		max_len=2048
		;;
	html)
		max_len=4096
		;;
	*)
		max_len=8192
		;;
	esac
	mkdir "$work/corpus-$t" "$work/crash-$t" "$work/tmp-$t"
	cp "$here/corpus/$t"/* "$work/corpus-$t"/
	dict=
	if [ -f "$here/$t.dict" ]; then
		dict="-dict=$here/$t.dict"
	fi
	rc=0
	# shellcheck disable=SC2086
	TMPDIR="$work/tmp-$t" \
	ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:symbolize=1:quarantine_size_mb=10" \
	UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$here/ubsan.supp" \
	"$work/fuzz_$t" -max_total_time="$secs" -timeout=25 -rss_limit_mb=2048 \
	    -max_len="$max_len" -print_final_stats=1 $dict \
	    -artifact_prefix="$work/crash-$t/" ${FUZZ_FLAGS:-} \
	    "$work/corpus-$t" >"$work/$t.log" 2>&1 || rc=$?
	echo "$rc" >"$work/$t.rc"
}

jobs=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)
pids=
n=0
for t in $targets; do
	run "$t" &
	pids="$pids $!"
	n=$((n + 1))
	if [ "$n" -ge "$jobs" ]; then
		for p in $pids; do
			wait "$p" || true
		done
		pids=
		n=0
	fi
done
for p in $pids; do
	wait "$p" || true
done

status=0
for t in $targets; do
	crashes=$(ls "$work/crash-$t")
	if [ -n "$crashes" ] || [ "$(cat "$work/$t.rc" 2>/dev/null)" != 0 ]; then
		status=1
		keep=1
		echo "fuzz_$t: FAILED"
		# The first report: what broke and its stack.
		awk '/runtime error|ERROR: |^fuzz(_[a-z]+)?: / { on = 1 }
		    on && n++ < 40' "$work/$t.log"
		n=0
		for c in $crashes; do
			n=$((n + 1))
			if [ "$n" -le 10 ]; then
				echo "fuzz_$t: crash input: $work/crash-$t/$c"
			fi
		done
		if [ "$n" -gt 10 ]; then
			echo "fuzz_$t: $n crash inputs in all, in $work/crash-$t"
		fi
		grep 'DONE\|cov:.*job:' "$work/$t.log" | tail -n 1 | sed "s/^/fuzz_$t: /"
		echo "fuzz_$t: log: $work/$t.log"
		echo "fuzz_$t: reproduce: $work/fuzz_$t INPUT"
	else
		echo "fuzz_$t: ok"
		grep 'DONE\|cov:.*job:\|stat::number_of_executed_units\|stat::average_exec_per_sec\|stat::new_units_added' \
		    "$work/$t.log" | tail -n 5 | sed "s/^/fuzz_$t: /"
	fi
done
if [ "$keep" != 0 ]; then
	echo "fuzz: the inputs, logs and targets are kept in $work"
fi
exit $status
