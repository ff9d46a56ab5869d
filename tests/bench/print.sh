#!/bin/sh
# SPDX-License-Identifier: MIT
# Times diglot's typeset PDF of a 300-page selection of a generated 1 MB briefing against paps setting the same selection's text form.
set -eu

USAGE="[-n RUNS] [DIGLOT]"
RUNS=3
. "$(dirname "$0")/lib.sh"
bench_options "$@"
shift "$BENCH_SHIFT"
[ $# -le 1 ] || bench_usage
bench_diglot "${1:-}"
diglot=$DIGLOT
here=$(cd "$(dirname "$0")" && pwd)
for tool in paps pdfinfo jq; do
	command -v $tool >/dev/null 2>&1 ||
		{ echo "$0: $tool is not installed (apt-get install paps poppler-utils jq)" >&2; exit 1; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/diglot-bench-print.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
sh "$here/gen.sh" 1 "$tmp/brief.txt" >/dev/null
# 12-point type and 25 mm margins: 1 MB fills some 330 pages.
printf '[print]\nformat = pdf\nfont = DejaVu Serif 12\nmargin = 25mm\n' >"$tmp/pdf.ini"

# pages ROWS: the PDF pages of paragraphs 1-ROWS.
pages() {
	"$diglot" --no-state --config "$tmp/pdf.ini" print --rows "1-$1" --output "$tmp/sel.pdf" "$tmp/brief.txt"
	pdfinfo "$tmp/sel.pdf" | awk '/^Pages:/ { print $2 }'
}
# The selection: the first paragraphs that fill 300 pages (two estimates
# from the whole, then the closest below or at 300).
nrows=$("$diglot" --no-state --json "$tmp/brief.txt" | jq '.rows | length')
all=$(pages "$nrows")
rows=$((nrows * 300 / all))
[ "$rows" -le "$nrows" ] || rows=$nrows
got=$(pages "$rows")
rows=$((rows * 300 / got))
[ "$rows" -le "$nrows" ] || rows=$nrows
got=$(pages "$rows")
"$diglot" --no-state print --format text --rows "1-$rows" --output "$tmp/sel.txt" "$tmp/brief.txt"
echo "briefing: $(wc -c <"$tmp/brief.txt") bytes, $nrows paragraphs ($all PDF pages in all)"
echo "selection: paragraphs 1-$rows, $got PDF pages; its text form $(wc -c <"$tmp/sel.txt") bytes, $(tr -cd '\f' <"$tmp/sel.txt" | wc -c | awk '{ print $1 + 1 }') text pages"

now() { date +%s.%N; }
# time_of COMMAND...: the command's wall time in seconds.
time_of() {
	t0=$(now)
	"$@" >/dev/null 2>&1
	t1=$(now)
	echo "$t0 $t1" | awk '{ printf "%.3f\n", $2 - $1 }'
}
diglot_pdf() {
	"$diglot" --no-state --config "$tmp/pdf.ini" print --rows "1-$rows" --output "$tmp/out.pdf" "$tmp/brief.txt"
}
paps_text() {
	paps --paper=a4 --font="DejaVu Sans Mono 9" "$tmp/sel.txt" >"$tmp/out.ps"
}
: >"$tmp/d"
: >"$tmp/p"
i=0
while [ $i -lt "$RUNS" ]; do
	time_of diglot_pdf >>"$tmp/d"
	time_of paps_text >>"$tmp/p"
	i=$((i + 1))
done
d=$(median "$tmp/d")
p=$(median "$tmp/p")
echo "diglot print (PDF, read + align + typeset): $(tr '\n' ' ' <"$tmp/d")s; median ${d}s"
echo "paps of the text form (PostScript):         $(tr '\n' ' ' <"$tmp/p")s; median ${p}s"
echo "$d $p" | awk '{ printf "ratio: %.2fx paps (target: at most 4x)\n", $1 / $2 }'
