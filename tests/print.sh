# SPDX-License-Identifier: MIT
# Printing: pages, layouts, the printer command and files.
. "$TESTS_SRCDIR/lib.sh"

data="$TESTS_SRCDIR/data/print"
bgen="$EXAMPLES/briefing-bg-en.txt"

# Golden pages: each layout at 80 and 132 columns, Cyrillic and CJK.
for s in bg-en zh-en; do
	f="$data/$s.txt"
	[ $s = bg-en ] && f="$bgen"
	for l in side-by-side sequential interleaved; do
		for w in 80 132; do
			"$DIGLOT" print --layout $l --width $w --lines 40 --output "$TMP/p.txt" "$f"
			same "$s $l at $w columns" "$TMP/p.txt" "$data/golden/$s-$l-$w.txt"
			tr -d '\f' <"$TMP/p.txt" >"$TMP/nf.txt"
			fits "... no line wider than $w" "$TMP/nf.txt" $w
			clean_output "... clean UTF-8" "$TMP/p.txt"
		done
	done
done
grep -c "$(printf '\f')" "$data/golden/bg-en-side-by-side-80.txt" >"$TMP/ff"
[ "$(cat "$TMP/ff")" -ge 1 ] && grep -q "Page 3 of 3" "$data/golden/bg-en-side-by-side-80.txt"
ok $? "pages are separated by form feeds and numbered Page N of M"

# The reference: one pillar, one language.
ref=$(reference)
if [ -n "$ref" ]; then
	"$DIGLOT" print --pillar research --lang en --output "$TMP/out.txt" "$ref"
	ok $? "print --pillar research --lang en --output out.txt works"
	has "... has the tagged English paragraphs" "$TMP/out.txt" "On the 27th of March 2018"
	has "... both of them" "$TMP/out.txt" "promoting research and data collection."
	! grep -q "[БВГДЖЗИЙКЛМНПРСТФХЦЧШЩЪЮЯ]" "$TMP/out.txt" 2>/dev/null &&
		! grep -q "На 27 март" "$TMP/out.txt"
	ok $? "... and no Bulgarian"
	has "... on one page" "$TMP/out.txt" "Page 1 of 1"
	has "... under the English title" "$TMP/out.txt" "New Initiative Strengthens Fight Against Migrant Smuggling"
	has "... naming the pillar printed" "$TMP/out.txt" "Research and data collection"
	hasnt "... not the organisation line" "$TMP/out.txt" "организация"
else
	for i in 1 2 3 4 5 6 7 8; do echo "ok $((tap_n += 1)) # SKIP shared samples not found"; done
fi

# Selections: rows, languages, global options after print.
"$DIGLOT" print --rows 3-3 --output - "$bgen" >"$TMP/row3"
has "--rows 3-3 prints the third paragraph" "$TMP/row3" "На 14 октомври 2024"
hasnt "... only it" "$TMP/row3" "Балканска мрежа"
has "... and says so" "$TMP/row3" "Paragraphs 3–3"
"$DIGLOT" print --lang en,bg --output - "$bgen" | grep "^New Programme Supports" >"$TMP/enbg"
grep -q "^New Programme Supports Unaccompanied .*  Нова програма" "$TMP/enbg"
ok $? "--lang en,bg puts English first"
"$DIGLOT" --lang en,bg print --output - "$bgen" | grep "^New Programme Supports" >"$TMP/enbg2"
same "global options may stand before print" "$TMP/enbg2" "$TMP/enbg"
status "a bad --rows is a usage error" 2 "$DIGLOT" print --rows 7-3 --output - "$bgen"
status "--rows past the end is a usage error" 2 "$DIGLOT" print --rows 5-999 --output - "$bgen"
has "... naming the range there is" "$TMP/status.err" "--rows: '5-999' is past the end: the paragraphs are 1-6"
[ ! -s "$TMP/status.out" ]
ok $? "... and printing nothing"
status "--rows starting past the end too" 2 "$DIGLOT" print --rows 7- --output - "$bgen"
status "--rows up to the last is fine" 0 "$DIGLOT" print --rows 6-6 --output - "$bgen"
: >"$TMP/empty.txt"
status "--rows of an empty briefing is a usage error" 2 "$DIGLOT" print --rows 1 --output - "$TMP/empty.txt"
has "... saying it has no paragraphs" "$TMP/status.err" "the briefing has no paragraphs"
status "a bad --layout is a usage error" 2 "$DIGLOT" print --layout diagonal --output - "$bgen"
status "--output without print is a usage error" 2 "$DIGLOT" --output x "$bgen"

# Files: written whole, mode from the umask.
( umask 022; "$DIGLOT" print --output "$TMP/mode.txt" "$bgen" )
[ "$(stat -c %a "$TMP/mode.txt")" = 644 ]
ok $? "a printed file has mode 0644 under umask 022"
( umask 077; "$DIGLOT" print --output "$TMP/mode2.txt" "$bgen" )
[ "$(stat -c %a "$TMP/mode2.txt")" = 600 ]
ok $? "... and 0600 under umask 077"
# A FIFO (or a device such as /dev/null) is written to, not replaced.
mkfifo "$TMP/fifo"
cat "$TMP/fifo" >"$TMP/fifo.out" &
reader=$!
"$DIGLOT" print --format text --output "$TMP/fifo" "$bgen"
ok $? "print --output FIFO works"
[ -p "$TMP/fifo" ]
still=$?
[ $still -eq 0 ] || kill $reader 2>/dev/null
wait $reader
ok $still "... and leaves the FIFO a FIFO"
has "... writing the pages into it" "$TMP/fifo.out" "Page 1 of"
[ -z "$(ls -A "$TMP" | grep '^\.mode')" ]
ok $? "no temporary file is left beside it"
status "an unwritable place fails" 1 "$DIGLOT" print --output "$TMP/no/such/dir/x.txt" "$bgen"
has "... naming it" "$TMP/status.err" "no/such/dir/x.txt"

# The printer command: run without a shell, text on its input.
mkdir -p "$TMP/lp"
printf '[print]\ncommand = %s -d "office printer" -n 1\nformat = text\n' "$data/lp" >"$TMP/lp.ini"
FAKE_LP_DIR="$TMP/lp" "$DIGLOT" --config "$TMP/lp.ini" print "$bgen"
ok $? "print sends the pages to [print] command"
printf -- '-d\noffice printer\n-n\n1\n-t\nНова програма подкрепя непридружените деца мигранти в Югоизточна Европа\n-o\nmedia=A4\n' >"$TMP/want.argv"
same "... with exactly the arguments, the quoted one whole, and lp's title and paper" "$TMP/lp/argv" "$TMP/want.argv"
"$DIGLOT" print --output - "$bgen" >"$TMP/want.text"
same "... and exactly the pages on its input" "$TMP/lp/stdin" "$TMP/want.text"
printf '[print]\ncommand = %s\npaper = letter\nformat = text\n' "$data/lp" >"$TMP/letter.ini"
FAKE_LP_DIR="$TMP/lp" "$DIGLOT" --config "$TMP/letter.ini" print --lang en "$bgen"
has "paper = letter goes along as media=Letter" "$TMP/lp/argv" "media=Letter"
has "... and the title is the English one" "$TMP/lp/argv" "New Programme Supports"
printf '[print]\ncommand = %s\n' "$data/broken-printer" >"$TMP/broken.ini"
status "a failing printer command exits 1" 1 "$DIGLOT" --config "$TMP/broken.ini" print "$bgen"
has "... with its exit status and the first line it said" "$TMP/status.err" "exited with status 3: broken-printer: the printer is on fire"
hasnt "... not the rest" "$TMP/status.err" "second line"
printf '[print]\ncommand = no-such-printer-here -x\n' >"$TMP/missing.ini"
status "a missing printer command exits 1" 1 "$DIGLOT" --config "$TMP/missing.ini" print "$bgen"
has "... saying it is not found" "$TMP/status.err" "no-such-printer-here: command not found"

done_testing
