#!/bin/sh
# SPDX-License-Identifier: MIT
# Measures diglot on a pair of 100-page PDFs (the test briefing of
# tests/pdf-input.sh repeated, made with cairo) against pdftotext -bbox-layout
# alone on the same two files, in alternating runs; prints the medians
# and their ratio (the target: at most 1.5x).
#
# Usage: sh tests/bench/pdf.sh [-n RUNS] [DIGLOT]
set -eu

USAGE="[-n RUNS] [DIGLOT]"
RUNS=7
. "$(dirname "$0")/lib.sh"
bench_options "$@"
shift "$BENCH_SHIFT"
bench_diglot "${1:-}"
here=$(cd "$(dirname "$0")" && pwd)
data=$here/../data/pdf
command -v pdftotext >/dev/null 2>&1 || { echo "$0: pdftotext not installed (poppler-utils)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/diglot-bench-pdf.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
LC_ALL=C.UTF-8
export LC_ALL
unset DIGLOT_CONFIG

${CC:-cc} -O2 -o "$tmp/mkpdf" "$data/mkpdf.c" $(pkg-config --cflags --libs cairo)
# Each version's briefing 50 times: 100 pages; the section numbers count on.
for l in bg en; do
	awk -v reps=$(if [ $l = bg ]; then echo 78; else echo 94; fi) '
		/^(header|footer|columns) / { if (!done) print; next }
		{ body[++n] = $0 }
		END {
			for (r = 0; r < reps; r++)
				for (i = 1; i <= n; i++) {
					s = body[i]
					if (s ~ /^heading [0-9]+\. /) {
						split(s, w, " "); sub(/^heading [0-9]+\. /, "", s)
						s = "heading " (r * 4 + w[2] + 0) ". " s
					}
					print s
				}
		}' "$data/brief.$l.script" | sed 's/ # от 2/ #/; s/ # of 2/ #/' |
	    "$tmp/mkpdf" "$tmp/brief.$l.pdf"
done
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }
echo "pages: bg $(pages "$tmp/brief.bg.pdf"), en $(pages "$tmp/brief.en.pdf")"

both_pdftotext() {
	pdftotext -bbox-layout "$tmp/brief.bg.pdf" - && pdftotext -bbox-layout "$tmp/brief.en.pdf" -
}
: >"$tmp/p.us"
: >"$tmp/d.us"
i=0
while [ $i -lt "$RUNS" ]; do
	us both_pdftotext >>"$tmp/p.us"
	us "$DIGLOT" --json "$tmp/brief.bg.pdf" "$tmp/brief.en.pdf" >>"$tmp/d.us"
	i=$((i + 1))
done
p=$(median "$tmp/p.us")
d=$(median "$tmp/d.us")
"$DIGLOT" --json "$tmp/brief.bg.pdf" "$tmp/brief.en.pdf" >"$tmp/out.json"
if command -v jq >/dev/null 2>&1; then
	echo "blocks: $(jq '.blocks | length' "$tmp/out.json"), rows: $(jq '.rows | length' "$tmp/out.json"), rows 1:1: $(jq '[.rows[] | select((.bg | length) == 1 and (.en | length) == 1)] | length' "$tmp/out.json")"
fi
printf '%-34s %10s\n' "median of $RUNS runs" "seconds"
awk -v p="$p" -v d="$d" 'BEGIN {
	printf "%-34s %10.3f\n", "pdftotext -bbox-layout, both", p / 1e6
	printf "%-34s %10.3f\n", "diglot --json, the pair", d / 1e6
	printf "diglot / pdftotext: %.2fx (target: at most 1.5x)\n", d / p }'
