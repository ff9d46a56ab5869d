# SPDX-License-Identifier: MIT
# diglot --tmx: the paragraph pairs as a TMX 1.4 translation memory.
. "$TESTS_SRCDIR/lib.sh"

command -v jq >/dev/null 2>&1 || skip_all "jq not installed"
dtd="$TESTS_SRCDIR/data/tmx14.dtd"
sample="$EXAMPLES/briefing-bg-en.txt"

# valid FILE: xmllint finds FILE valid against the TMX 1.4 DTD.
valid() {
	xmllint --noout --nonet --dtdvalid "$dtd" "$1" 2>"$TMP/xmllint.err" ||
		{ sed 's/^/#   /' "$TMP/xmllint.err" | head -n 5; return 1; }
}
# first_seg FILE LANG: the text of the first segment in LANG, as XML reads it.
first_seg() {
	xmllint --nonet --xpath "string((//tuv[@xml:lang='$2'])[1]/seg)" "$1" 2>/dev/null
}

status "--tmx on the sample exits 0" 0 "$DIGLOT" --tmx "$sample"
cp "$TMP/status.out" "$TMP/sample.tmx"
if command -v xmllint >/dev/null 2>&1; then
	valid "$TMP/sample.tmx"
	ok $? "--tmx writes TMX that is valid against the TMX 1.4 DTD"
	printf '<tmx version="1.4"><body/></tmx>\n' >"$TMP/bad.tmx"
	! valid "$TMP/bad.tmx" >/dev/null
	ok $? "... a DTD that refuses TMX without a header"
else
	skip 2 "xmllint not installed (libxml2-utils)"
fi
has "--tmx names its source language in the header" "$TMP/sample.tmx" 'srclang="bg"'
has "... and diglot as the tool, paragraphs as segments" "$TMP/sample.tmx" \
    'creationtool="diglot"'
has "... segtype paragraph" "$TMP/sample.tmx" 'segtype="paragraph"'

# Every row that pairs one paragraph of each language, and no other.
"$DIGLOT" --json "$sample" | jq -r '.rows[] | select((.bg | length) == 1 and
    (.en | length) == 1) | .bg[0]' >"$TMP/pairs"
want=$(wc -l <"$TMP/pairs")
got=$(grep -c '<tu ' "$TMP/sample.tmx")
[ "$want" -gt 3 ] && [ "$got" = "$want" ]
ok $? "--tmx has a <tu> for each of the $want one-to-one rows (got $got)"
"$DIGLOT" --json "$sample" | jq -r '.rows[] | select((.bg | length) == 1 and
    (.en | length) == 1) | .bg[0] as $b | .en[0] as $e | "\($b) \($e)"' >"$TMP/ids"
"$DIGLOT" --json "$sample" >"$TMP/sample.json"
first_en=$(jq -r --argjson i "$(sed -n 1p "$TMP/ids" | cut -d' ' -f2)" \
    '.blocks[$i].text' "$TMP/sample.json")
grep -qF "<tuv xml:lang=\"en\"><seg>$first_en</seg></tuv>" "$TMP/sample.tmx"
ok $? "... the first pair's English is its paragraph's whole text"

status "--tmx --lang en,bg exits 0" 0 "$DIGLOT" --tmx --lang en,bg "$sample"
has "... with English as the source language" "$TMP/status.out" 'srclang="en"'
awk '/<tu /{getline; print; exit}' "$TMP/status.out" | grep -q 'xml:lang="en"'
ok $? "... and English first in each <tu>"

# Markup characters are escaped; what XML cannot hold is left out.
printf 'Цените и данните за децата, които пътуват сами: <5%% & "малко" > 3\033[31m.\n\nPrices & data: <5%% for "children" > 3\302\233 and \357\277\276.\n' \
    >"$TMP/markup.txt"
status "--tmx on text with markup characters exits 0" 0 "$DIGLOT" --tmx "$TMP/markup.txt"
cp "$TMP/status.out" "$TMP/markup.tmx"
has "... escapes & < > and quotes" "$TMP/markup.tmx" \
    'Prices &amp; data: &lt;5% for &quot;children&quot; &gt; 3'
clean_output "... holds no control character" "$TMP/markup.tmx"
! grep -q "$(printf '\357\277\276')" "$TMP/markup.tmx"
ok $? "... nor U+FFFE"
if command -v xmllint >/dev/null 2>&1; then
	valid "$TMP/markup.tmx"
	ok $? "... and is valid TMX"
	[ "$(first_seg "$TMP/markup.tmx" en)" = 'Prices & data: <5% for "children" > 3<U+009B> and .' ]
	ok $? "... whose text reads back as it was"
else
	skip 2 "xmllint not installed (libxml2-utils)"
fi

# One language: nothing to pair.
printf 'Само български текст.\n\nИ още един абзац.\n' >"$TMP/one.txt"
status "--tmx on a briefing of one language exits 1" 1 "$DIGLOT" --tmx "$TMP/one.txt"
has "... saying a memory needs two languages" "$TMP/status.err" \
    "one.txt holds one language only; a translation memory needs two languages"
: >"$TMP/empty.txt"
status "--tmx on an empty file exits 1" 1 "$DIGLOT" --tmx "$TMP/empty.txt"
has "... saying it holds no paragraphs" "$TMP/status.err" "no paragraphs"

"$DIGLOT" --tmx "$sample" | head -c 100 >/dev/null
ok $? "--tmx into a pipe closed early ends quietly"

done_testing
