# SPDX-License-Identifier: MIT
# Every allowed value once: the command line, the printing and --help take
# the modes, layouts and paper sizes from the option table that
# --list-options prints, and nothing else.
. "$TESTS_SRCDIR/lib.sh"

bgen="$EXAMPLES/briefing-bg-en.txt"
"$DIGLOT" --list-options >"$TMP/options"
values() {	# values SECTION KEY: the allowed values, one a line
	awk -F '\t' -v s="$1" -v k="$2" '$1 == s && $2 == k { print $4 }' "$TMP/options" |
	    tr '|' '\n'
}
# joined SECTION KEY SEP LAST: the values as a message lists them.
joined() {
	values "$1" "$2" | awk -v sep="$3" -v last="$4" '{ v[NR] = $0 }
	    END { for (i = 1; i <= NR; i++) printf "%s%s", i == 1 ? "" : i == NR ? last : sep, v[i] }'
}

values print layout >"$TMP/layouts"
[ "$(wc -l <"$TMP/layouts")" -ge 3 ]
ok $? "--list-options lists the print layouts"
while read -r l; do
	"$DIGLOT" print --layout "$l" --width 80 --lines 40 --output - "$bgen" >"$TMP/l-$l" 2>&1
	ok $? "print --layout $l: a layout of the table is accepted"
	cmp -s "$TMP/l-$l" "$TMP/l-side-by-side" && [ "$l" != side-by-side ]
	[ $? -ne 0 ]
	ok $? "... and printed its own way"
done <"$TMP/layouts"
"$DIGLOT" print --layout diagonal --output - "$bgen" 2>"$TMP/err"
has "a bad --layout names the table's layouts" "$TMP/err" \
    "--layout: 'diagonal' is not $(joined print layout ', ' ' or ')"
"$DIGLOT" --help >"$TMP/help"
has "--help lists the table's print layouts" "$TMP/help" \
    "--layout L        $(joined print layout ', ' ' or ')"

values layout mode >"$TMP/modes"
while read -r m; do
	printf '[layout]\nmode = %s\n' "$m" >"$TMP/mode.ini"
	"$DIGLOT" --config "$TMP/mode.ini" --dump --width 100 "$bgen" >"$TMP/m-$m" 2>"$TMP/m-$m.err"
	[ $? -eq 0 ] && [ ! -s "$TMP/m-$m.err" ]
	ok $? "[layout] mode = $m: a mode of the table is taken without complaint"
done <"$TMP/modes"
for m in $(cat "$TMP/modes"); do echo "$(md5sum <"$TMP/m-$m")"; done | sort -u >"$TMP/m.sums"
[ "$(wc -l <"$TMP/m.sums")" = "$(wc -l <"$TMP/modes")" ]
ok $? "... and each mode lays the briefing out its own way"
printf '[layout]\nmode = diagonal\n' >"$TMP/mode.ini"
"$DIGLOT" --config "$TMP/mode.ini" --check-config 2>"$TMP/err" >/dev/null
has "a bad mode lists the table's modes" "$TMP/err" "(allowed: $(joined layout mode ', ' ', '))"

values print paper >"$TMP/papers"
while read -r p; do
	printf '[print]\npaper = %s\n' "$p" >"$TMP/paper.ini"
	"$DIGLOT" --config "$TMP/paper.ini" print --output - "$bgen" >"$TMP/p-$p" 2>&1
	ok $? "[print] paper = $p: a paper of the table prints"
done <"$TMP/papers"
awk 'BEGIN { for (i = 1; i <= 60; i++) printf "Параграф %d: кратък текст.\n\nParagraph %d: a short text.\n\n", i, i }' >"$TMP/long.txt"
for p in a4 letter; do
	printf '[print]\npaper = %s\n' "$p" >"$TMP/paper.ini"
	"$DIGLOT" --config "$TMP/paper.ini" print --output - "$TMP/long.txt" >"$TMP/long-$p"
done
"$DIGLOT" print --lines 66 --output - "$TMP/long.txt" >"$TMP/long-66"
"$DIGLOT" print --lines 62 --output - "$TMP/long.txt" >"$TMP/long-62"
cmp -s "$TMP/long-a4" "$TMP/long-66" && cmp -s "$TMP/long-letter" "$TMP/long-62" &&
    ! cmp -s "$TMP/long-a4" "$TMP/long-letter"
ok $? "... a4 pages have 66 lines, letter pages 62"
printf '[print]\npaper = a5\n' >"$TMP/paper.ini"
"$DIGLOT" --config "$TMP/paper.ini" --check-config 2>"$TMP/err" >/dev/null
has "a bad paper lists the table's papers" "$TMP/err" "(allowed: $(joined print paper ', ' ', '))"

printf '[keys]\nswap = Nope\n' >"$TMP/keys.ini"
"$DIGLOT" --config "$TMP/keys.ini" --check-config 2>"$TMP/err" >/dev/null
has "a bad key name lists the key names once each (PgDn, not PageDown)" "$TMP/err" \
    "'Nope' is not a key (allowed: a character, Up, Down, Left, Right, PgUp, PgDn, Home"
# The table's defaults are what the built-in settings (config/diglot.ini)
# set: every option of the table has its default from the start.
"$DIGLOT" --print-config >"$TMP/effective"
awk -F '\t' '
FNR == NR {
	if ($0 ~ /^\[.*\]$/)
		sec = substr($0, 2, length($0) - 2)
	else if (match($0, / = /)) {
		v = substr($0, RSTART + 3)
		sub(/ ; [^;]*$/, "", v)
		if (v ~ /^".*"$/)
			v = substr(v, 2, length(v) - 2)
		eff[sec "\t" substr($0, 1, RSTART - 1)] = v
	}
	next
}
$1 !~ /\*/ && $2 !~ /\*/ && !(($1 "\t" $2) in eff && eff[$1 "\t" $2] == $3) {
	printf "%s:%s table \"%s\", built in \"%s\"\n", $1, $2, $3, eff[$1 "\t" $2]
}' "$TMP/effective" "$TMP/options" >"$TMP/disagree"
[ ! -s "$TMP/disagree" ]
ok $? "the built-in settings give every option the table's default ($(head -n 1 "$TMP/disagree"))"
done_testing
