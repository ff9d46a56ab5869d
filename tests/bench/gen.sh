#!/bin/sh
# SPDX-License-Identifier: MIT
# Generates a bilingual (Bulgarian/English) briefing of about SIZE_MB MiB for the benchmarks.
set -eu

usage() {
	echo "usage: $0 SIZE_MB OUT [sequential|interleaved|nonewline]" >&2
	exit 2
}
if [ $# -lt 2 ] || [ $# -gt 3 ]; then usage; fi
size=$1
out=$2
form=${3:-sequential}
case $form in
sequential | interleaved | nonewline) ;;
*) usage ;;
esac

here=$(cd "$(dirname "$0")" && pwd)
examples=${EXAMPLES:-$here/../../docs/examples}
example=$examples/briefing-bg-en.txt
[ -r "$example" ] || {
	echo "$0: cannot read $example (set EXAMPLES to the examples directory)" >&2
	exit 1
}

# The generator is compiled on the fly, unless run.sh passes one in.
if [ -n "${BENCH_GEN:-}" ]; then
	gen=$BENCH_GEN
	tmp=
else
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/diglot-gen.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	gen=$tmp/gen
	${CC:-cc} -std=c11 -O2 -o "$gen" "$here/gen.c"
fi

# Write to a temporary name first so that an interrupted run leaves no
# truncated OUT behind.
"$gen" "$size" "$form" "$example" >"$out.part" || {
	rm -f "$out.part"
	exit 1
}
mv "$out.part" "$out"
