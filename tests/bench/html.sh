#!/bin/sh
# SPDX-License-Identifier: MIT
# Measures diglot on a pair of web pages of about SIZE_MB MiB in all (default
# 5) against the same briefing as a pair of text files; prints both and
# their ratio (the target: the pages in at most 2x the time of the text).
set -eu

size=${1:-5}
here=$(cd "$(dirname "$0")" && pwd)
diglot=${2:-$here/../../src/diglot}
[ -x "$diglot" ] || { echo "$0: $diglot is not an executable (./bootstrap builds it)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/diglot-bench-html.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
LC_ALL=C.UTF-8
export LC_ALL
unset DIGLOT_CONFIG

cc=${CC:-cc}
$cc -std=c11 -O2 -o "$tmp/rusage" "$here/rusage.c"
$cc -std=c11 -O2 -o "$tmp/gen" "$here/gen.c"
BENCH_GEN=$tmp/gen sh "$here/gen.sh" "$size" "$tmp/brief.txt" sequential

# The text pair: the Bulgarian version, then from the first line with no
# Cyrillic letter after the title, the English one.
LC_ALL=C awk -v bg="$tmp/brief.bg.txt" -v en="$tmp/brief.en.txt" '
	NR > 6 && !english && /[A-Za-z]/ && !/[\320\321]/ { english = 1 }
	{ print > (english ? en : bg) }' "$tmp/brief.txt"

# The pages: each paragraph a p (a line of a few words an h2), inside a
# site's menus, cookie banner, disclaimer and footer.
for l in bg en; do
	LC_ALL=C awk -v lang=$l '
	function esc(s) { gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s); return s }
	function flush() {
		if (para == "") return
		n = split(para, w, " ")
		if (n <= 10) print "<h2>" esc(para) "</h2>"; else print "<p>" esc(para) "</p>"
		para = ""
	}
	BEGIN {
		print "<!DOCTYPE html><html lang=\"" lang "\"><head><meta charset=\"utf-8\"><title>Briefing</title>"
		print "<script>var x = 1;</script><style>p { margin: 0 }</style></head><body>"
		print "<div class=\"cookie-banner\"><p>We use cookies on this site to improve it for you.</p><button>OK</button></div>"
		print "<header><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/news\">News</a></li></ul></nav></header>"
		print "<main><article><p class=\"disclaimer\">This project is funded by the European Union.</p>"
	}
	/^[ \t]*$/ { flush(); next }
	{ para = para == "" ? $0 : para " " $0 }
	END {
		flush()
		print "</article></main><footer><address>1 Example Street, Sofia</address></footer></body></html>"
	}' "$tmp/brief.$l.txt" >"$tmp/brief.$l.html"
done

mib() { echo "$(($(wc -c <"$1") + $(wc -c <"$2")))" | awk '{ printf "%.1f", $1 / 1048576 }'; }
# The best of three runs of diglot --json on the files.
best() {
	b=
	for _ in 1 2 3; do
		t=$("$tmp/rusage" "$diglot" --json "$@" | awk '{ print $1 }')
		if [ -z "$b" ] || awk -v t="$t" -v b="$b" 'BEGIN { exit !(t < b) }'; then
			b=$t
		fi
	done
	echo "$b"
}
text=$(best "$tmp/brief.bg.txt" "$tmp/brief.en.txt")
html=$(best "$tmp/brief.bg.html" "$tmp/brief.en.html")
printf '%-28s %8s %8s\n' "diglot --json" "MiB" "seconds"
printf '%-28s %8s %8s\n' "text pair" "$(mib "$tmp/brief.bg.txt" "$tmp/brief.en.txt")" "$text"
printf '%-28s %8s %8s\n' "web page pair" "$(mib "$tmp/brief.bg.html" "$tmp/brief.en.html")" "$html"
# Both forms must give the briefing the same rows.
rows() { "$diglot" --json "$@" | jq '.rows | length'; }
if command -v jq >/dev/null 2>&1; then
	echo "rows: text $(rows "$tmp/brief.bg.txt" "$tmp/brief.en.txt"), pages $(rows "$tmp/brief.bg.html" "$tmp/brief.en.html")"
fi
awk -v t="$text" -v h="$html" 'BEGIN { printf "pages / text: %.2fx (target: at most 2x)\n", h / t }'
