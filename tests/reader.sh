# SPDX-License-Identifier: MIT
# Reading briefings: every input form, encoding and quirk.
. "$TESTS_SRCDIR/lib.sh"

sample="$EXAMPLES/briefing-bg-en.txt"
json() { "$DIGLOT" --json "$@" 2>"$TMP/err" >"$TMP/out.json"; }
q() { jq -r "$1" "$TMP/out.json"; }
"$DIGLOT" --json "$sample" >"$TMP/sample.json"
"$DIGLOT" --dump --width 80 "$sample" >"$TMP/sample.dump"
bg_title=$(jq -r '[.blocks[] | select(.kind == "heading" and .lang == "bg")][0].text' "$TMP/sample.json")

# Line endings, byte-order mark, encodings: the same model every time.
same_model() {	# DESCRIPTION FILE [OPTIONS]
	desc=$1
	f=$2
	shift 2
	"$DIGLOT" --json "$@" "$f" 2>"$TMP/err" | jq -c 'del(.blocks[].line)' >"$TMP/a.json"
	jq -c 'del(.blocks[].line)' "$TMP/sample.json" >"$TMP/b.json"
	same "$desc" "$TMP/a.json" "$TMP/b.json"
}
sed 's/$/\r/' "$sample" >"$TMP/crlf.txt"
same_model "CRLF line endings read like LF" "$TMP/crlf.txt"
tr '\n' '\r' <"$sample" >"$TMP/cr.txt"
same_model "CR line endings read like LF" "$TMP/cr.txt"
{ printf '\357\273\277'; cat "$sample"; } >"$TMP/bom.txt"
same_model "a UTF-8 byte-order mark is skipped" "$TMP/bom.txt"
iconv -f UTF-8 -t UTF-16 "$sample" >"$TMP/utf16.txt"
same_model "UTF-16 with a byte-order mark" "$TMP/utf16.txt"
iconv -f UTF-8 -t UTF-16BE "$sample" | { printf '\376\377'; cat; } >"$TMP/utf16be.txt"
same_model "UTF-16BE with a byte-order mark" "$TMP/utf16be.txt"
iconv -f UTF-8 -t WINDOWS-1251 "$sample" >"$TMP/cp1251.txt"
same_model "Windows-1251 is detected" "$TMP/cp1251.txt"
has "... and the guess is named on stderr" "$TMP/err" "assuming WINDOWS-1251"
has "... with the file name" "$TMP/err" "cp1251.txt"
same_model "--encoding WINDOWS-1251 reads it too" "$TMP/cp1251.txt" --encoding WINDOWS-1251
[ ! -s "$TMP/err" ]
ok $? "... without a guess to report"
printf 'Caf\351 cr\350me br\373l\351e\n\nLa soci\351t\351 est l\340.\n' >"$TMP/latin.txt"
json "$TMP/latin.txt"
[ "$(q '.blocks[0].text')" = "Café crème brûlée" ]
ok $? "Western 8-bit text is read as Windows-1252"
has "... and says so" "$TMP/err" "assuming WINDOWS-1252"

# Invalid UTF-8 in a UTF-8 file: U+FFFD and one warning with the offset.
{ printf 'Първи ред с лош байт \377 тук.\n\nFirst line with a bad byte here.\n'; } >"$TMP/bad.txt"
json "$TMP/bad.txt"
[ "$(q '.blocks[0].text')" = "Първи ред с лош байт � тук." ]
ok $? "an invalid byte is shown as U+FFFD"
[ "$(wc -l <"$TMP/err")" -eq 1 ] && grep -q "bad.txt: invalid UTF-8 at byte 37" "$TMP/err"
ok $? "one warning names the file and the byte offset"

# NUL bytes, controls, escapes, bidi: never raw in any output.
printf 'Title\0with NUL\n\nEvil \033]0;pwned\007 title \033[2J clear \302\233 c1 \342\200\256 rlo \342\201\246 iso.\n\nТекст с \033[31m цвят и \033]52;c;aGk=\007 клипборд.\n' >"$TMP/evil.txt"
"$DIGLOT" --dump --width 60 "$TMP/evil.txt" >"$TMP/evil.dump" 2>&1
ok $? "a file of control characters is read"
clean_output "--dump holds no control bytes" "$TMP/evil.dump"
"$DIGLOT" --json "$TMP/evil.txt" | jq -r '.blocks[].text' >"$TMP/evil.text"
clean_output "--json texts hold no control bytes" "$TMP/evil.text"
has "NUL is shown as ^@" "$TMP/evil.dump" "Title^@with NUL"
has "ESC is shown as ^[" "$TMP/evil.dump" "^[]0;pwned^G"
has "C1 CSI is shown as <U+009B>" "$TMP/evil.dump" "<U+009B>"

# Empty and blank files.
: >"$TMP/empty.txt"
json "$TMP/empty.txt"
ok $? "an empty file is read"
[ "$(q '"\(.blocks | length) \(.rows | length)"')" = "0 0" ]
ok $? "... and has no blocks and no rows"
printf '\n\n   \n\t\n\n' >"$TMP/blank.txt"
"$DIGLOT" --dump "$TMP/blank.txt" >"$TMP/blank.out" 2>&1
ok $? "a file of blank lines is read"
[ ! -s "$TMP/blank.out" ]
ok $? "... and shows nothing"

# Tabs and form feeds.
printf 'Heading\fAnother\theading\n\nA paragraph of text, with\ta tab.\n' >"$TMP/ff.txt"
json "$TMP/ff.txt"
[ "$(q '.blocks | length')" = 3 ]
ok $? "a form feed separates blocks"
[ "$(q '.blocks[1].text')" = "Another heading" ]
ok $? "a tab becomes spaces"

# Hard-wrapped paragraphs are joined; wide characters join without a space.
printf 'This paragraph was\nhard-wrapped by an editor\n  at a few columns.\n\n第一条 本规定适用于\n所有成员国。\n' >"$TMP/wrap.txt"
json "$TMP/wrap.txt"
[ "$(q '.blocks[0].text')" = "This paragraph was hard-wrapped by an editor at a few columns." ]
ok $? "a hard-wrapped paragraph is one block, joined with spaces"
[ "$(q '.blocks[1].text')" = "第一条 本规定适用于所有成员国。" ]
ok $? "Chinese lines join without a space"

# Markers are hints, never content, in any of their shapes.
for m in '(English below)' '(Български текст по-долу)' 'English version below' '--- English ---'; do
	printf 'Заглавие на документа\n\n%s\n\nТова е първият параграф на документа, който се чете.\n\nDocument title\n\nThis is the first paragraph of the document being read.\n' "$m" >"$TMP/marker.txt"
	json "$TMP/marker.txt"
	[ "$(q '.blocks | length')" = 4 ] && ! grep -qF -- "$m" "$TMP/out.json"
	ok $? "marker '$m' is not a block"
done

# Interleaved, paragraph by paragraph.
json "$EXAMPLES/interleaved-de-en.txt"
[ "$(q '.languages | join(",")')" = "de,en" ]
ok $? "interleaved: languages de and en"
[ "$(q '[.rows[] | select((.de | length) == 1 and (.en | length) == 1)] | length')" = "$(q '.rows | length')" ]
ok $? "interleaved: every row pairs one German block with one English block"
[ "$(q '[.rows[] | .de[0] + 1 == .en[0]] | all')" = true ]
ok $? "interleaved: each row pairs a block with the one after it"

# Several files, one language each, language from the name.
awk 'NR < 10' "$sample" >/dev/null
jq -r '.blocks[] | select(.lang == "bg") | .text + "\n"' "$TMP/sample.json" >"$TMP/brief.bg.txt"
jq -r '.blocks[] | select(.lang == "en") | .text + "\n"' "$TMP/sample.json" >"$TMP/brief.en.txt"
json "$TMP/brief.bg.txt" "$TMP/brief.en.txt"
[ "$(q '.languages | join(",")')" = "bg,en" ] &&
[ "$(q '[.blocks[] | select(.file == 1 and .lang != "en")] | length')" = 0 ]
ok $? "two files: bg from brief.bg.txt, en from brief.en.txt"
[ "$(q '.blocks[] | select(.text | startswith("New Programme")) | "\(.file) \(.line)"')" = "1 1" ]
ok $? "two files: lines count within each file"
[ "$(jq -c '.rows' "$TMP/sample.json")" = "$(q '.rows' | jq -c .)" ]
ok $? "two files align like the single file"
cp "$TMP/brief.bg.txt" "$TMP/first.txt"
cp "$TMP/brief.en.txt" "$TMP/second.txt"
json "$TMP/first.txt" "$TMP/second.txt"
[ "$(q '.languages | join(",")')" = "bg,en" ]
ok $? "two files without language names are detected"

# The marked-up form.
json "$EXAMPLES/briefing-fr-en.dg"
[ "$(q '.languages | join(",")')" = "fr,en" ]
ok $? "marked-up: %lang sets the languages"
[ "$(q '[.blocks[] | select(.kind == "header")] | length')" = 2 ]
ok $? "marked-up: %header makes header blocks"
[ "$(q '[.blocks[] | select(.text | startswith("%") or startswith("#"))] | length')" = 0 ]
ok $? "marked-up: no directive or # shows as text"
[ "$(q '[.rows[] | select((.fr | length) == 1 and (.en | length) == 1)] | length')" = "$(q '.rows | length')" ]
ok $? "marked-up: every French block has its English partner"
printf '%%diglot\n%%lang bg\n\\# не е заглавие\n\\%%lang не е указание\n\n%%bogus thing\n# Заглавие\n' >"$TMP/esc.dg"
json "$TMP/esc.dg"
[ "$(q '.blocks[0].text')" = "# не е заглавие %lang не е указание" ]
ok $? "marked-up: a backslash escapes a line"
has "marked-up: an unknown directive is reported with its line" "$TMP/err" "esc.dg:6: unknown directive '%bogus thing'"
[ "$(q '.blocks[1].kind')" = heading ]
ok $? "marked-up: # makes a heading"

# Three languages: every one aligned to the first, two of them shown.
awk -F'\t' '/^---/ { exit } /^#/ { next } { print $2; print "" }' \
	"$TESTS_SRCDIR/data/lang/three.tsv" >"$TMP/three.txt"
json "$TMP/three.txt"
[ "$(q '.languages | join(",")')" = "en,fr,bg" ]
ok $? "three languages: en, fr, bg in order of appearance"
[ "$(q '[.rows[] | select((.en | length) == 1 and (.fr | length) == 1 and (.bg | length) == 1)] | length')" = "$(q '.rows | length')" ]
ok $? "three languages: every row holds one block of each"
"$DIGLOT" --dump --width 100 "$TMP/three.txt" >"$TMP/three.dump"
has "three languages: --dump shows the first two" "$TMP/three.dump" "Communiqué de presse"
hasnt "... and not the third" "$TMP/three.dump" "Прессъобщение"
"$DIGLOT" --dump --width 100 --lang bg,fr "$TMP/three.txt" >"$TMP/three.dump"
grep -q "^Прессъобщение .*Communiqué de presse" "$TMP/three.dump"
ok $? "three languages: --lang bg,fr shows those two, in that order"

# Standard input as a file among others.
json - <"$sample"
[ "$(q '.blocks | length')" = "$(jq '.blocks | length' "$TMP/sample.json")" ]
ok $? "- reads the briefing from standard input"

done_testing
