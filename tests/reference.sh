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

# Pillars, with the shipped settings.
[ "$(q '[.pillars[].id] | join(",")')" = "protection,causes,capacity,research" ]
ok $? "the four shipped pillars, in order"
[ "$(q '.pillars[0].title.bg') / $(q '.pillars[0].title.en')" = "Защита и помощ / Protection and assistance" ]
ok $? "pillars have Bulgarian and English titles"
[ "$(q ".blocks[$(bg 3)].pillars | join(\",\")")" = "protection,causes,capacity,research" ]
ok $? "the last Bulgarian paragraph has all four pillars"
[ "$(q ".blocks[$(en 2)].pillars | join(\",\")")" = "protection,causes,capacity,research" ]
ok $? "the last English paragraph has all four pillars"
for b in "$(bg 2)" "$(en 1)"; do
	[ "$(q ".blocks[$b].pillars | map(select(. == \"protection\" or . == \"capacity\" or . == \"research\")) | length")" = 3 ]
	ok $? "first paragraph (block $b) has protection, capacity and research"
done
[ "$(q ".blocks[$(bg 3)].sentences | map(.pillars | length) | join(\",\")")" = "0,4" ]
ok $? "each sentence is tagged: the last Bulgarian paragraph's second sentence has all four"
[ "$(q ".blocks[$(en 1)].sentences | length")" = 2 ]
ok $? "the first English paragraph has two sentences"
[ "$(q ".blocks[$(bg 1)].pillars + .blocks[$(en 0)].pillars | length")" = 0 ]
ok $? "the titles have no pillar"
# Each match's offsets cut out a term of its pillar.
jq -r '.blocks[] | .text as $t | .matches[] | "\(.pillar) \(.start) \(.end) \($t)"' "$TMP/ref.json" |
	while read -r pillar start end text; do
		printf '%s %s\n' "$pillar" "$(printf '%s' "$text" | tail -c +$((start + 1)) | head -c $((end - start)))"
	done >"$TMP/terms"
has "a match cuts out помощта" "$TMP/terms" "protection помощта"
has "a match cuts out събирането на данни" "$TMP/terms" "research събирането на данни"
has "a match cuts out data collection" "$TMP/terms" "research data collection"
has "a match cuts out capacities" "$TMP/terms" "capacity capacities"
"$DIGLOT" --dump --width 100 --pillar causes "$ref" >"$TMP/causes"
has "--dump --pillar causes shows the last paragraphs" "$TMP/causes" "В световен мащаб"
hasnt "... and not the first" "$TMP/causes" "На 27 март 2018"
"$DIGLOT" --dump --width 100 --pillar causes --pillar capacity "$ref" >"$TMP/two"
has "--pillar is repeatable: the first paragraph is back" "$TMP/two" "На 27 март 2018"
status "--pillar with an unknown id is a usage error" 2 "$DIGLOT" --dump --pillar nope "$ref"
has "... naming the pillars there are" "$TMP/status.err" "protection, causes, capacity, research"

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
