# SPDX-License-Identifier: MIT
# Headings and languages stand out: a rule under printed headings, a
# language tag where stacked text changes language.
. "$TESTS_SRCDIR/lib.sh"

sec="$TESTS_SRCDIR/data/sections/briefing-bg-en.txt"

"$DIGLOT" print --width 100 --output "$TMP/side.txt" "$sec"
grep -A1 "^5. Справяне с причините  *5. Addressing the causes\$" "$TMP/side.txt" | sed -n 2p |
    grep -q "^─\{23\}  *─\{24\}\$"
ok $? "print side by side: a rule as wide as each heading stands under it"
grep -A1 "^Много хора напускат" "$TMP/side.txt" | grep -q "─"
[ $? -eq 1 ]
ok $? "... and none under a paragraph"

"$DIGLOT" print --layout interleaved --width 100 --output "$TMP/inter.txt" "$sec"
grep -A3 "^BG ─\{9\}\$" "$TMP/inter.txt" | grep -q "^Много хора напускат"
ok $? "print interleaved: the Bulgarian part opens with a BG tag"
grep -A5 "^Много хора напускат" "$TMP/inter.txt" | grep -q "^EN ─\{9\}\$"
ok $? "... and the English part that follows with an EN tag"
[ "$(grep -c "^EN ─\{9\}\$" "$TMP/inter.txt")" = 31 ]
ok $? "... once per row"
"$DIGLOT" print --layout interleaved --lang en --output "$TMP/en.txt" "$sec"
hasnt "one language printed: no tag" "$TMP/en.txt" "EN ──"

"$DIGLOT" print --layout sequential --width 100 --output "$TMP/seq.txt" "$sec"
grep -A1 "^5. Addressing the causes\$" "$TMP/seq.txt" | sed -n 2p | grep -q "^─\{24\}\$"
ok $? "print sequential: a rule under the heading too"

printf '[layout]\nmode = stacked\n' >"$TMP/stacked.ini"
"$DIGLOT" --config "$TMP/stacked.ini" --dump --width 100 "$sec" >"$TMP/stacked.dump"
grep -B1 "^5. Addressing the causes\$" "$TMP/stacked.dump" | head -n 1 | grep -q "^EN ─\{9\}\$"
ok $? "--dump stacked: each block opens with its language's tag"
"$DIGLOT" --dump --width 100 "$sec" >"$TMP/side.dump"
hasnt "--dump side by side: no tag" "$TMP/side.dump" "EN ──"
hasnt "... and no rule under headings (print only)" "$TMP/side.dump" "────"

done_testing
