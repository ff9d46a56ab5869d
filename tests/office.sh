# SPDX-License-Identifier: MIT
# DOCX and ODT files: the briefing as a word processor saves it, built here
# from the XML of tests/data/office/build.py, and damaged archives.
. "$TESTS_SRCDIR/lib.sh"

command -v jq >/dev/null 2>&1 || skip_all "jq not installed"
command -v python3 >/dev/null 2>&1 || skip_all "python3 not installed (it zips the fixtures)"

data="$TESTS_SRCDIR/data/office"
python3 "$data/build.py" "$TMP" || skip_all "the fixtures cannot be built here"
blocks() { jq -r '.blocks[] | "\(.lang)\t\(.kind)\t\(.source.format) \(.source.path)\t\(.line)\t\(.text)"'; }

# --- DOCX, one file per language -----------------------------------------
"$DIGLOT" --json "$TMP/brief.bg.docx" "$TMP/brief.en.docx" >"$TMP/docx.json" 2>"$TMP/docx.err"
ok $? "a pair of DOCX files opens"
[ ! -s "$TMP/docx.err" ]
ok $? "... with nothing to warn about"
blocks <"$TMP/docx.json" >"$TMP/docx.blocks"
same "every heading, paragraph, list item and cell, in order" "$TMP/docx.blocks" \
    "$data/brief.docx.expected"
jq -c '.rows[]' "$TMP/docx.json" >"$TMP/docx.rows"
want_rows 13 >"$TMP/want.rows"
same "... each Bulgarian block in a row with its English one" "$TMP/docx.rows" "$TMP/want.rows"
hasnt "deleted text is left out" "$TMP/docx.json" "DELETED"
[ "$(jq -c '[.blocks[] | select(.href) | .href[]] | unique' "$TMP/docx.json")" = '["https://example.org/guide.pdf"]' ]
ok $? "a link's target, from the document's relationships, is in its block's href"

# --- ODT, both versions in one file ----------------------------------------
"$DIGLOT" --json "$TMP/brief.odt" >"$TMP/odt.json" 2>"$TMP/odt.err"
ok $? "an ODT file holding both versions opens"
blocks <"$TMP/odt.json" >"$TMP/odt.blocks"
same "every heading, paragraph, list item and cell, in order" "$TMP/odt.blocks" \
    "$data/brief.odt.expected"
jq -c '.rows[]' "$TMP/odt.json" >"$TMP/odt.rows"
same "... the versions aligned row by row" "$TMP/odt.rows" "$TMP/want.rows"
hasnt "comments are left out" "$TMP/odt.json" "reviewer"
[ "$(jq -c '[.blocks[] | select(.href) | .id]' "$TMP/odt.json")" = '[12,25]' ]
ok $? "a text:a link is in its block's href"
"$DIGLOT" --dump --width 100 "$TMP/brief.odt" >"$TMP/odt.dump" 2>&1
same "--dump shows the versions side by side" "$TMP/odt.dump" "$data/brief.odt.dump"

# --- forms told from the content, standard input, mixtures ----------------
cp "$TMP/brief.odt" "$TMP/brief"
"$DIGLOT" --json "$TMP/brief" | jq -r '.blocks[0].source.format' >"$TMP/out" 2>&1
[ "$(cat "$TMP/out")" = odt ]
ok $? "an ODT file without its extension is still ODT"
"$DIGLOT" --json - <"$TMP/brief.bg.docx" | jq -r '.blocks[0].source.format' >"$TMP/out" 2>&1
[ "$(cat "$TMP/out")" = docx ]
ok $? "a DOCX file on standard input is read"
"$DIGLOT" --json "$TMP/brief.bg.docx" "$TESTS_SRCDIR/data/html/release.en.html" >"$TMP/mix.json" 2>&1
[ "$(jq -r '[.blocks[].source.format] | unique | join(" ")' "$TMP/mix.json") $(jq -r '.languages | join(" ")' "$TMP/mix.json")" = "docx html bg en" ]
ok $? "a DOCX file and a web page read together"
status "--format odt on a DOCX file says what is missing" 1 "$DIGLOT" --json --format odt "$TMP/brief.bg.docx"
has "... naming the file" "$TMP/status.err" "brief.bg.docx: a zip archive without content.xml, not an ODT file"

# --- damaged and hostile archives ------------------------------------------
bad() {	# DESCRIPTION FILE MESSAGE
	status "$1: exit 1" 1 timeout 20 "$DIGLOT" --json "$TMP/$2"
	has "... $3" "$TMP/status.err" "$2: $3"
}
status "a DOCX whose document.xml stops in a paragraph still opens" 0 "$DIGLOT" --json "$TMP/cut.docx"
has "... saying so, naming the file and the part" "$TMP/status.err" \
    "cut.docx: word/document.xml is not well-formed XML; read as far as it goes"
[ "$(jq -r '.blocks | "\(length) \(.[6].text) | \(.[-1].text)"' "$TMP/status.out")" = "12 Results so far | The agency" ]
ok $? "... with the text up to where it stops"
bad "a .docx that is not a zip" not-a-zip.docx "not a DOCX file (not a zip archive)"
bad "a truncated DOCX" truncated.docx "a damaged or truncated zip archive, not a DOCX file"
bad "a zip without word/document.xml" no-document.docx "a zip archive without word/document.xml, not a DOCX file"
bad "an encrypted DOCX" encrypted.docx "word/document.xml is encrypted; save the file without a password"
bad "a zip bomb" bomb.docx "word/document.xml would unpack to 1023 times its packed size (64 at most); refused"
bad "a member said to unpack past 200 MB" huge.docx "word/document.xml would unpack to more than 200 MB; refused"

done_testing
