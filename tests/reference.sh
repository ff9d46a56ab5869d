# SPDX-License-Identifier: MIT
# The user's reference briefing (IOM 2018, Bulgarian then English).
. "$TESTS_SRCDIR/lib.sh"

ref=$(reference) || skip_all "shared samples not found (DIGLOT_SAMPLES)"

"$DIGLOT" --json "$ref" >"$TMP/ref.json" 2>"$TMP/ref.err"
ok $? "--json reads the reference briefing"
check "--json output is valid JSON" jq -e . "$TMP/ref.json"
q() { jq -r "$1" "$TMP/ref.json"; }

[ "$(q '.languages | join(",")')" = "bg,en" ]
ok $? "languages are bg then en"
[ "$(q '.blocks | length')" = 7 ]
ok $? "seven blocks: organisation line, two titles, four paragraphs"
[ "$(q '[.blocks[] | select(.text | test("English below"))] | length')" = 0 ]
ok $? "(English below) is not a block"
[ "$(q '.blocks[0] | "\(.lang) \(.kind) \(.line)"')" = "bg header 1" ]
ok $? "the organisation line is a bg header on line 1"
[ "$(q '.blocks[0].text')" = "Mеждународна организация по миграция" ]
ok $? "the organisation line keeps its Latin M"
[ "$(q '.rows[0] | "\(.bg) \(.en)"')" = "[0] []" ]
ok $? "the organisation line's row has no English block"

# Blocks by language and order.
bg() { q "[.blocks[] | select(.lang == \"bg\")][$1].id"; }
en() { q "[.blocks[] | select(.lang == \"en\")][$1].id"; }
row_of() { q "[.rows[] | select(.bg == [$1])][0].en | join(\",\")"; }
[ "$(q "[.blocks[] | select(.lang == \"bg\")] | length")" = 4 ] &&
[ "$(q "[.blocks[] | select(.lang == \"en\")] | length")" = 3 ]
ok $? "four Bulgarian blocks, three English"
[ "$(q ".blocks[$(bg 1)].kind") $(q ".blocks[$(en 0)].kind")" = "heading heading" ]
ok $? "both titles are headings"
[ "$(row_of "$(bg 1)")" = "$(en 0)" ]
ok $? "Bulgarian title and English title share a row"
[ "$(row_of "$(bg 2)")" = "$(en 1)" ]
ok $? "first paragraphs share a row"
[ "$(row_of "$(bg 3)")" = "$(en 2)" ]
ok $? "second paragraphs share a row"
[ "$(q ".blocks[$(bg 2)].line") $(q ".blocks[$(en 0)].line")" = "7 11" ]
ok $? "line numbers are the blocks' first lines in the file"
[ "$(q '[.rows[] | (.bg + .en)[]] | sort | join(",")')" = "0,1,2,3,4,5,6" ]
ok $? "every block is in exactly one row"

"$DIGLOT" --dump --width 100 "$ref" >"$TMP/dump" 2>&1
ok $? "--dump --width 100 works"
grep -q "^Нова инициатива.*  New Initiative" "$TMP/dump"
ok $? "the two titles start on the same line"
grep -q "^На 27 март 2018.*  On the 27th of March 2018" "$TMP/dump"
ok $? "the first paragraphs start on the same line"
fits "no dumped line is wider than 100 columns" "$TMP/dump" 100
hasnt "the marker is not shown" "$TMP/dump" "English below"
clean_output "dump is clean UTF-8" "$TMP/dump"

done_testing
