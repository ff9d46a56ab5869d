# SPDX-License-Identifier: MIT
# Sections: the paragraphs under a heading carry the heading's pillars.
. "$TESTS_SRCDIR/lib.sh"

command -v jq >/dev/null 2>&1 || skip_all "jq not installed"

sec="$TESTS_SRCDIR/data/sections/briefing-bg-en.txt"

"$DIGLOT" --json "$sec" >"$TMP/sec.json"
ok $? "--json reads the sectioned briefing"
# pillars_of TEXT-PREFIX: the pillars of the block whose text starts so.
pillars_of() {
	jq -r --arg t "$1" '.blocks[] | select(.text | startswith($t)) | .pillars | join(",")' \
	    "$TMP/sec.json"
}
[ "$(pillars_of "Many people leave their homes")" = causes ]
ok $? "a paragraph under '5. Addressing the causes' is tagged causes"
[ "$(pillars_of "Local authorities set up")" = causes ]
ok $? "... and so is the section's last paragraph"
[ "$(pillars_of "Местните власти създадоха")" = causes ]
ok $? "... in Bulgarian too"
[ "$(pillars_of "Next year the office will")" = "" ]
ok $? "... but not the paragraphs of the next section"
[ "$(jq -r '.blocks[] | select(.text | startswith("Many people leave")) | "\(.pillars_from) \(.heading)"' "$TMP/sec.json")" = \
    "heading $(jq -r '.blocks[] | select(.text == "5. Addressing the causes") | .id' "$TMP/sec.json")" ]
ok $? "--json says it comes from the heading, and which"
[ "$(jq -r '.blocks[] | select(.text | startswith("The office found shelter")) | .pillars_from' "$TMP/sec.json")" = null ]
ok $? "... and says nothing where the block's own terms tag it"
[ "$(pillars_of "Mobile teams visited")" = protection ]
ok $? "a paragraph without terms in a tagged section takes its pillar"
[ "$(pillars_of "2. Основни данни")" = "" ]
ok $? "one common term ('данни') does not tag a heading whose section lacks the pillar's other terms"
[ "$(pillars_of "Over the year about one hundred")" = "" ]
ok $? "... nor its paragraphs"
[ "$(pillars_of "3. Защита на уязвимите групи")" = protection ]
ok $? "one term tags a heading when its section has other terms of the pillar"
[ "$(pillars_of "5. Справяне с причините")" = causes ]
ok $? "a heading that names the pillar's title is tagged by it"

"$DIGLOT" print --pillar causes --lang en --output - "$sec" >"$TMP/causes.txt"
ok $? "print --pillar causes works"
for p in "Many people leave their homes" "The office supported small" \
    "The schools in these villages" "Local authorities set up"; do
	has "... and prints the section's paragraph '$p'" "$TMP/causes.txt" "$p"
done
hasnt "... and not the next section's" "$TMP/causes.txt" "Next year the office"
"$DIGLOT" --dump --width 100 --pillar causes "$sec" >"$TMP/causes.dump"
has "--dump --pillar causes shows the section" "$TMP/causes.dump" "Местните власти създадоха"

# Subsections: a level-2 heading stays inside its section; the next
# level-1 heading ends it.
cat >"$TMP/sub.txt" <<'EOT'
1. Protection and assistance

The office found shelter for many families this year.

1.1 Children

Every child was given a guardian within a week of arriving.

2. Staff

The office hired four new people in the spring.
EOT
"$DIGLOT" --json "$TMP/sub.txt" >"$TMP/sec.json"
[ "$(pillars_of "Every child was given")" = protection ]
ok $? "a paragraph under a subsection takes the section's pillar"
[ "$(pillars_of "The office hired four")" = "" ]
ok $? "... and the next section of the same level ends it"

# A briefing that starts with a heading holding one term of a pillar: the
# heading is weighed against its section before any paragraph is tagged.
printf '1. Защита на децата\n\nПараграф за мигрантите и децата, които пътуват сами.\n\n1. Protection of children\n\nA paragraph on migrants and the children who travel alone.\n' \
    >"$TMP/first-heading.txt"
status "a briefing whose first block is a tagged heading: --json exits 0" 0 \
    "$DIGLOT" --json "$TMP/first-heading.txt"
jq -e '.blocks | length == 4' "$TMP/status.out" >/dev/null
ok $? "... and holds its four blocks"

done_testing
