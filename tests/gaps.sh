# SPDX-License-Identifier: MIT
# Gaps: where a paragraph has no translation, the other side says so.
. "$TESTS_SRCDIR/lib.sh"

gaps="$TESTS_SRCDIR/data/sections/gaps-bg-en.txt"
whole="$TESTS_SRCDIR/data/sections/briefing-bg-en.txt"
marker="— no English text —"

"$DIGLOT" --dump --width 120 "$gaps" >"$TMP/gaps.dump"
ok $? "--dump reads a briefing whose English lacks two paragraphs"
[ "$(grep -c -- "$marker" "$TMP/gaps.dump")" = 2 ]
ok $? "--dump says '$marker' at each of the two gaps"
grep -q -- "^Служителите на общините преминаха .*  $marker\$" "$TMP/gaps.dump"
ok $? "... in the English column, beside the Bulgarian paragraph"
"$DIGLOT" --dump --width 120 "$whole" >"$TMP/whole.dump"
hasnt "a briefing translated throughout has no marker" "$TMP/whole.dump" "no English text"
"$DIGLOT" --dump --width 120 --lang bg "$gaps" >"$TMP/bg.dump"
hasnt "one language shown: no marker" "$TMP/bg.dump" "no English text"
"$DIGLOT" --dump --width 120 --lang en,bg "$gaps" >"$TMP/enbg.dump"
grep -q -- "^$marker  *Служителите на общините" "$TMP/enbg.dump"
ok $? "--lang en,bg: the marker stands in the left column"

# The language's name comes from [language.CODE] name.
mkdir -p "$XDG_CONFIG_HOME/diglot"
printf '[language.en]\nname = Anglais\n' >"$XDG_CONFIG_HOME/diglot/diglot.ini"
"$DIGLOT" --dump --width 120 "$gaps" >"$TMP/named.dump"
has "the marker names the language as [language.en] name does" "$TMP/named.dump" "— no Anglais text —"
rm "$XDG_CONFIG_HOME/diglot/diglot.ini"

"$DIGLOT" print --width 100 --output "$TMP/side.txt" "$gaps"
[ "$(grep -c -- "$marker" "$TMP/side.txt")" = 2 ]
ok $? "print side by side shows both gaps"
"$DIGLOT" print --layout interleaved --width 100 --output "$TMP/inter.txt" "$gaps"
[ "$(grep -c -- "^$marker\$" "$TMP/inter.txt")" = 2 ]
ok $? "print interleaved shows both gaps, each on a line of its own"
"$DIGLOT" print --lang en --output "$TMP/en.txt" "$gaps"
hasnt "print of one language has no marker" "$TMP/en.txt" "no English text"

ref=$(reference)
if [ -n "$ref" ]; then
	"$DIGLOT" --dump --width 100 "$ref" | head -n 1 >"$TMP/ref1"
	[ "$(cat "$TMP/ref1")" = "Mеждународна организация по миграция" ]
	ok $? "the reference's masthead (a header of the Bulgarian page alone) has no marker"
else
	skip 1 "shared samples not found"
fi

done_testing
