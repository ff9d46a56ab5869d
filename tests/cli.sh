# SPDX-License-Identifier: MIT
# The command line: options, exit statuses, messages, pipes.
. "$TESTS_SRCDIR/lib.sh"

sample="$EXAMPLES/briefing-bg-en.txt"

status "--help exits 0" 0 "$DIGLOT" --help
has "--help lists --dump" "$TMP/status.out" "--dump"
status "--version exits 0" 0 "$DIGLOT" --version
has "--version names the program" "$TMP/status.out" "diglot "
status "an unknown option is a usage error (2)" 2 "$DIGLOT" --bogus "$sample"
has "... and says how to get help" "$TMP/status.err" "diglot --help"
status "a bad --width is a usage error" 2 "$DIGLOT" --dump --width abc "$sample"
has "... naming the option" "$TMP/status.err" "--width"
has "... and the range the manual gives" "$TMP/status.err" "from 1 to 100000"
status "--lines 2 is a usage error" 2 "$DIGLOT" print --lines 2 --output - "$sample"
has "... saying the range in the manual's words" "$TMP/status.err" "--lines: '2' is not a number of lines per page from 3 to 100000"
grep -q "^The lines per page, from 3 to 100000\.\$" "$TESTS_SRCDIR/../docs/diglot.1"
ok $? "... which the manual gives for --lines"
status "an unknown --lang is a usage error" 2 "$DIGLOT" --lang xx,en "$sample"
has "... naming the language" "$TMP/status.err" "'xx'"
status "a missing file exits 1" 1 "$DIGLOT" --dump "$TMP/nope.txt"
has "... naming the file and why" "$TMP/status.err" "nope.txt: No such file or directory"
status "a directory exits 1" 1 "$DIGLOT" --dump "$TMP"
has "... saying it is a directory" "$TMP/status.err" "is a directory"
if [ "$(id -u)" -ne 0 ]; then
	echo secret >"$TMP/locked.txt"
	chmod 000 "$TMP/locked.txt"
	status "an unreadable file exits 1" 1 "$DIGLOT" --dump "$TMP/locked.txt"
	has "... naming it" "$TMP/status.err" "locked.txt: Permission denied"
else
	echo "ok $((tap_n += 1)) # SKIP root can read any file"
fi
status "an unknown --encoding fails" 1 "$DIGLOT" --dump --encoding NO-SUCH-ENC "$sample"
has "... naming the encoding" "$TMP/status.err" "NO-SUCH-ENC"

# Output that is not a terminal is a dump.
"$DIGLOT" "$sample" >"$TMP/plain" 2>&1
ok $? "FILE with stdout not a terminal works"
"$DIGLOT" --dump --width 80 "$sample" >"$TMP/dump80"
same "... and is the --dump output at 80 columns" "$TMP/plain" "$TMP/dump80"
fits "--dump --width 80 stays within 80 columns" "$TMP/dump80" 80
"$DIGLOT" --dump --width 132 "$sample" >"$TMP/dump132"
fits "--dump --width 132 stays within 132 columns" "$TMP/dump132" 132
[ "$(wc -l <"$TMP/dump132")" -lt "$(wc -l <"$TMP/dump80")" ]
ok $? "a wider dump takes fewer lines"

# Standard input.
"$DIGLOT" --dump --width 80 - <"$sample" >"$TMP/stdin"
same "- reads standard input" "$TMP/stdin" "$TMP/dump80"
cat "$sample" | "$DIGLOT" --dump --width 80 >"$TMP/pipe"
same "a pipe with no FILE is read" "$TMP/pipe" "$TMP/dump80"

# A closed pipe ends quietly.
big="$TMP/big.txt"
i=0
while [ $i -lt 300 ]; do cat "$sample"; echo; i=$((i + 1)); done >"$big"
( "$DIGLOT" --dump "$big" 2>"$TMP/pipe.err"; echo $? >"$TMP/pipe.status" ) | head -n 1 >/dev/null
[ "$(cat "$TMP/pipe.status")" = 0 ] && [ ! -s "$TMP/pipe.err" ]
ok $? "--dump | head ends quietly with status 0"
( "$DIGLOT" --json "$big" 2>"$TMP/pipe.err"; echo $? >"$TMP/pipe.status" ) | head -c 10 >/dev/null
[ "$(cat "$TMP/pipe.status")" = 0 ] && [ ! -s "$TMP/pipe.err" ]
ok $? "--json | head ends quietly with status 0"

# --lang chooses the order.
"$DIGLOT" --json --lang en,bg "$sample" >"$TMP/enbg.json"
[ "$(jq -r '.languages | join(",")' "$TMP/enbg.json")" = "en,bg" ]
ok $? "--lang en,bg puts English first"
"$DIGLOT" --dump --width 100 --lang en,bg "$sample" >"$TMP/enbg"
grep -q "^New Programme Supports.*  Нова програма подкрепя" "$TMP/enbg"
ok $? "--lang en,bg shows English on the left"
"$DIGLOT" --dump --width 100 --lang en "$sample" >"$TMP/en"
has "--lang en shows English" "$TMP/en" "New Programme Supports"
hasnt "... and no Bulgarian" "$TMP/en" "Нова програма"

# Quotes and backslashes in a block: --json escapes them, and the offsets
# of a term after them are offsets in the text.
printf '%s\n\n%s\n' 'He said "we need shelter" and C:\camps\ was "full".' \
    'Той каза "нужен ни е подслон" в C:\лагери.' >"$TMP/quotes.txt"
"$DIGLOT" --json "$TMP/quotes.txt" >"$TMP/quotes.json"
[ "$(jq -r '.blocks[0].text' "$TMP/quotes.json")" = 'He said "we need shelter" and C:\camps\ was "full".' ]
ok $? "--json keeps a block's quotes and backslashes"
[ "$(jq -r '.blocks[0] | .text as $t | .matches[0] | $t[.start:.end]' "$TMP/quotes.json")" = shelter ]
ok $? "... and a term after them is found at its place"

done_testing
