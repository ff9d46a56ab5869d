# SPDX-License-Identifier: MIT
# Web pages: a news site's pair of pages, XHTML, standard input, --format,
# language marks that lie, and hostile pages.
. "$TESTS_SRCDIR/lib.sh"

command -v jq >/dev/null 2>&1 || skip_all "jq not installed"

data="$TESTS_SRCDIR/data/html"
bg="$data/release.bg.html"
en="$data/release.en.html"
# What a block says, one line each: language, kind, form and element,
# line, text.
blocks() { jq -r '.blocks[] | "\(.lang)\t\(.kind)\t\(.source.format) \(.source.path)\t\(.line)\t\(.text)"'; }

# --- the pair of pages ------------------------------------------------
"$DIGLOT" --json "$bg" "$en" >"$TMP/pair.json" 2>"$TMP/pair.err"
ok $? "the pair of pages opens"
[ ! -s "$TMP/pair.err" ]
ok $? "... with nothing to warn about"
blocks <"$TMP/pair.json" >"$TMP/pair.blocks"
same "every heading, paragraph, list item and cell of the briefing, in order" \
    "$TMP/pair.blocks" "$data/release.expected"
jq -c '.rows[]' "$TMP/pair.json" >"$TMP/pair.rows"
want_rows 30 >"$TMP/want.rows"
same "each Bulgarian block is in a row with its English one" "$TMP/pair.rows" "$TMP/want.rows"
[ "$(jq '[.blocks[] | select(.kind == "heading")] | length' "$TMP/pair.json")" = 10 ]
ok $? "h1 and h2 are headings (five a page)"
[ "$(jq -c '.blocks[14].href' "$TMP/pair.json")" = '["https://example.org/guide.pdf"]' ]
ok $? "a paragraph's link is in its href list"
[ "$(jq '[.blocks[] | select(.href)] | length' "$TMP/pair.json")" = 2 ]
ok $? "... and blocks without links have none"

"$DIGLOT" --dump --width 100 "$bg" "$en" >"$TMP/pair.dump" 2>&1
ok $? "--dump shows the pair"
has "... side by side" "$TMP/pair.dump" "Защо обучението е важно                            Why the training matters"
for furniture in "cookies" "бисквитки" "Skip to main content" "About us" "Начало" \
    "Share on" "Сподели" "Related articles" "Свързани статии" "newsletter" \
    "25 Example Street" "All rights reserved" "JavaScript" "Hidden tracking" \
    "Скрит текст" "funded by the European Union" "dataLayer" "font-family" \
    "Border Officers Train to Spot Smuggling Networks | News"; do
	hasnt "no site furniture: '$furniture'" "$TMP/pair.dump" "$furniture"
done
has "a list item keeps its bullet" "$TMP/pair.dump" "• how to interview witnesses with care;"
has "a table's cells are read in order" "$TMP/pair.dump" "Officers trained"

# One page alone keeps what only the other page would show as furniture.
"$DIGLOT" --json "$en" >"$TMP/one.json" 2>&1
[ "$(jq '[.blocks[] | select(.text | startswith("This project is funded"))] | length' "$TMP/one.json")" = 2 ]
ok $? "one page alone keeps its disclaimer (nothing to compare it with)"

# The content found by its paragraphs, the title standing before it, an
# image's alt text a block only when it is a sentence.
"$DIGLOT" --json "$data/title-outside.html" >"$TMP/title.json" 2>&1
[ "$(jq -r '[.blocks[] | .source.path] | join(" ")' "$TMP/title.json")" = "h1 p p img" ]
ok $? "a page with no main: the densest paragraphs, and the title before them"
[ "$(jq -r '.blocks[3].text' "$TMP/title.json")" = "Officers at a training session in Sofia." ]
ok $? "... an image's alt text that is a sentence is a block, a logo's is not"
hasnt "... the links around are gone" "$TMP/title.json" "Links and more links"

# A page saved by a browser as "Web page, complete": the page beside its
# folder of parts, which is not read.
mkdir -p "$TMP/saved/Release_files"
cp "$en" "$TMP/saved/Release.html"
printf 'body { color: red }\n' >"$TMP/saved/Release_files/site.css"
"$DIGLOT" --json "$TMP/saved/Release.html" >"$TMP/saved.json" 2>&1
[ "$(jq '.blocks | length' "$TMP/saved.json")" = 32 ]
ok $? "a page saved with its _files folder reads as the page"

# --- standard input and --format ----------------------------------------
"$DIGLOT" --json - <"$en" >"$TMP/stdin.json" 2>&1
ok $? "a page on standard input is read"
[ "$(jq -r '.blocks[0].source.format + " " + .blocks[0].text' "$TMP/stdin.json")" = \
    "html Border Officers Train to Spot Smuggling Networks" ]
ok $? "... as HTML, told from its content"
cp "$en" "$TMP/page.txt"
"$DIGLOT" --json "$TMP/page.txt" | jq -r '.blocks[0].source.format' >"$TMP/out" 2>&1
[ "$(cat "$TMP/out")" = html ]
ok $? "a page named .txt is still a page"
"$DIGLOT" --json --format text "$en" >"$TMP/text.json" 2>&1
jq -r '.blocks[].text' "$TMP/text.json" >"$TMP/text.out"
has "--format text reads the markup as text" "$TMP/text.out" "<!DOCTYPE html>"
status "--format with an unknown form is a usage error" 2 "$DIGLOT" --json --format pdfx "$en"
has "... that says which forms there are" "$TMP/status.err" "text, html, xhtml, docx, odt or pdf"

# --- language marks are evidence, not truth -----------------------------
"$DIGLOT" --json "$data/lying-lang.html" >"$TMP/lie.json" 2>&1
[ "$(jq -r '[.blocks[].lang] | join(" ")' "$TMP/lie.json")" = "bg bg bg en en en en" ]
ok $? "Bulgarian paragraphs of a page marked lang=en are Bulgarian"
[ "$(jq -r '.languages | join(" ")' "$TMP/lie.json")" = "bg en" ]
ok $? "... and the page holds both versions"

# Lines are counted past the 65535 the parser's tree holds.
awk 'BEGIN { print "<html><body>"; for (i = 0; i < 70000; i++) print "";
	print "<p>Far down the page, a paragraph of text.</p></body></html>" }' >"$TMP/far.html"
[ "$(jq '.blocks[0].line' <<EOF2
$("$DIGLOT" --json "$TMP/far.html")
EOF2
)" = 70002 ]
ok $? "a block's line is its line in the page, past line 65535 too"

# Search, pillars and print treat the page's blocks as any others.
"$DIGLOT" --dump --width 100 --pillar research "$bg" "$en" >"$TMP/pillar.dump" 2>&1
has "--pillar shows the pages' paragraphs of the pillar" "$TMP/pillar.dump" "The training is part of a wider"
hasnt "... and not the others" "$TMP/pillar.dump" "Forty border police officers"
"$DIGLOT" print --output - --rows 1-2 --width 100 "$bg" "$en" >"$TMP/print.out" 2>&1
has "print lays out the pages' rows" "$TMP/print.out" "Sofia, 12 March 2024"

# One page holding both versions, with a marker.
printf '<html><body><h1>Обучение на граничните служители</h1><p>Четиридесет служители на граничната полиция завършиха обучение за разпознаване на мрежите за контрабанда.</p><h2>(English below)</h2><h1>Training for border officers</h1><p>Forty border police officers completed a training course on how to recognise smuggling networks.</p></body></html>' >"$TMP/both.html"
"$DIGLOT" --json "$TMP/both.html" >"$TMP/both.json" 2>&1
[ "$(jq -c '.rows' "$TMP/both.json")" = '[{"bg":[0],"en":[2]},{"bg":[1],"en":[3]}]' ]
ok $? "one page holding both versions: aligned, its marker no block"

# A page with no marks and short text takes its marked language.
printf '<html lang="bg"><body><p>OK</p><p>2024</p><p class="hidden-xs">Видим текст</p></body></html>' >"$TMP/marked.html"
"$DIGLOT" --json --lang bg,en "$TMP/marked.html" >"$TMP/marked.json" 2>&1
[ "$(jq -r '[.blocks[].lang] | join(" ")' "$TMP/marked.json")" = "bg bg bg" ]
ok $? "blocks with nothing to tell take the page's lang"
has "... a class hidden only on small screens hides nothing" "$TMP/marked.json" "Видим текст"

# --- XHTML ----------------------------------------------------------------
cat >"$TMP/page.xhtml" <<'XHTML'
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en">
<body><div id="menu"><a href="/">Home</a></div>
<h1>Title of the statement</h1>
<p>One paragraph &amp; another<br/>line, with a <a href="https://example.org/">link</a>.</p>
<pre>  kept
    lines</pre>
</body></html>
XHTML
"$DIGLOT" --json "$TMP/page.xhtml" >"$TMP/x.json" 2>"$TMP/x.err"
ok $? "an XHTML page is read"
[ "$(jq -r '.blocks[0].source.format + " " + .blocks[0].kind' "$TMP/x.json")" = "xhtml heading" ]
ok $? "... by the XML parser, its h1 a heading"
[ "$(jq -r '.blocks[1].text' "$TMP/x.json")" = "One paragraph & another line, with a link." ]
ok $? "... entities decoded, br a line break"
"$DIGLOT" --dump --width 40 "$TMP/page.xhtml" >"$TMP/x.dump" 2>&1
[ "$(jq -r '[.blocks[2,3] | .source.path + " " + .text] | join(",")' "$TMP/x.json")" = "pre kept,pre lines" ]
ok $? "text in pre keeps its lines, each a block"
hasnt "... and the menu is gone" "$TMP/x.dump" "Home"

# --- hostile pages ----------------------------------------------------------
lol='<!ENTITY lol "lol">'
prev=lol
for k in 1 2 3 4 5 6 7 8 9; do
	lol="$lol<!ENTITY lol$k \"&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;\">"
	prev=lol$k
done
printf '<?xml version="1.0"?>\n<!DOCTYPE html [%s]>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p title="&lol9;">Laughing &lol9; text.</p></body></html>\n' \
    "$lol" >"$TMP/laughs.xhtml"
timeout 20 "$DIGLOT" --json "$TMP/laughs.xhtml" >"$TMP/laughs.json" 2>"$TMP/laughs.err"
ok $? "billion laughs: read at once, no expansion"
[ "$(wc -c <"$TMP/laughs.json")" -lt 10000 ]
ok $? "... and nothing grows"
printf '<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://%s">]>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Before &xxe; after.</p></body></html>\n' \
    "$data/secret.txt" >"$TMP/xxe.xhtml"
"$DIGLOT" --json "$TMP/xxe.xhtml" >"$TMP/xxe.json" 2>&1
ok $? "an external entity: the page is read"
hasnt "... and the file it names is never loaded" "$TMP/xxe.json" "SECRET"
has "... the rest of its text is there" "$TMP/xxe.json" "Before after."

awk 'BEGIN { printf "<html><body><p>Outside the nest, a paragraph of text.</p>";
	for (i = 0; i < 100000; i++) printf "<div>"; printf "deep";
	for (i = 0; i < 100000; i++) printf "</div>"; print "</body></html>" }' >"$TMP/deep.html"
timeout 20 "$DIGLOT" --json "$TMP/deep.html" >"$TMP/deep.json" 2>"$TMP/deep.err"
ok $? "10^5 nested elements: read without a crash"
has "... what lies outside is there" "$TMP/deep.json" "Outside the nest"
has "... and what was skipped is said" "$TMP/deep.err" "deep.html: elements nested too deep; the page is read up to them"

printf '<html><head><meta charset="windows-1251"></head><body><p>Това е текст на български език, записан в UTF-8.</p></body></html>' >"$TMP/wrongmeta.html"
"$DIGLOT" --json "$TMP/wrongmeta.html" >"$TMP/wm.json" 2>"$TMP/wm.err"
[ "$(jq -r '.blocks[0].text' "$TMP/wm.json")" = "Това е текст на български език, записан в UTF-8." ]
ok $? "a wrong meta charset: valid UTF-8 is read as UTF-8"
has "... and the disagreement is said" "$TMP/wm.err" "wrongmeta.html: its meta names windows-1251, but the page is valid UTF-8"
printf '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head><body><p>Това е текст на български език в старо кодиране.</p></body></html>' |
    iconv -f UTF-8 -t WINDOWS-1251 >"$TMP/cp1251.html"
"$DIGLOT" --json "$TMP/cp1251.html" >"$TMP/cp.json" 2>"$TMP/cp.err"
[ "$(jq -r '.blocks[0].text' "$TMP/cp.json")" = "Това е текст на български език в старо кодиране." ]
ok $? "an 8-bit page is read in the encoding its meta names"
[ ! -s "$TMP/cp.err" ]
ok $? "... without a guess to report"
printf '<?xml version="1.0" encoding="windows-1251"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Текст на български език в XHTML.</p></body></html>\n' |
    iconv -f UTF-8 -t WINDOWS-1251 >"$TMP/cp1251.xhtml"
"$DIGLOT" --json "$TMP/cp1251.xhtml" >"$TMP/cpx.json" 2>"$TMP/cpx.err"
[ "$(jq -r '.blocks[0].text' "$TMP/cpx.json")" = "Текст на български език в XHTML." ] && [ ! -s "$TMP/cpx.err" ]
ok $? "an 8-bit XHTML page is read in the encoding its XML declaration names"
printf '<html><head><meta charset="utf-8"></head><body><p>Това е текст на български език без мета.</p></body></html>' |
    iconv -f UTF-8 -t WINDOWS-1251 >"$TMP/liar.html"
"$DIGLOT" --json "$TMP/liar.html" >"$TMP/liar.json" 2>"$TMP/liar.err"
[ "$(jq -r '.blocks[0].text' "$TMP/liar.json")" = "Това е текст на български език без мета." ]
ok $? "a page whose meta says UTF-8 wrongly is still read"
has "... saying what was assumed" "$TMP/liar.err" "assuming WINDOWS-1251"

printf '<html><body><p>Първи ред с лош байт \377 тук, в иначе валиден UTF-8 текст на страницата.</p></body></html>' >"$TMP/badbyte.html"
"$DIGLOT" --json "$TMP/badbyte.html" >"$TMP/bb.json" 2>"$TMP/bb.err"
[ "$(jq -r '.blocks[0].text' "$TMP/bb.json")" = "Първи ред с лош байт � тук, в иначе валиден UTF-8 текст на страницата." ]
ok $? "an invalid byte in a UTF-8 page is shown as U+FFFD"
has "... and said, with the file and the offset" "$TMP/bb.err" "badbyte.html: invalid UTF-8 at byte"
printf '<html><head><title>Nothing</title></head><body><nav>Menu</nav></body></html>' >"$TMP/empty.html"
status "a page with no text: exit 1" 1 "$DIGLOT" --json "$TMP/empty.html"
has "... naming the file" "$TMP/status.err" "empty.html: no text in this HTML file"

printf '<html><body><p>Evil &#27;]0;pwned&#7; \033[2J text \342\200\256 rlo &#x202E; and &#x9b; c1.</p></body></html>' >"$TMP/evil.html"
"$DIGLOT" --dump --width 60 "$TMP/evil.html" >"$TMP/evil.dump" 2>&1
ok $? "a page of control characters is read"
clean_output "... and --dump holds no control sequence" "$TMP/evil.dump"
"$DIGLOT" --json "$TMP/evil.html" | jq -r '.blocks[].text, .blocks[].source.path' >"$TMP/evil.text"
clean_output "... nor do the --json texts" "$TMP/evil.text"

# --- the viewer, in a real terminal ------------------------------------------
side_by_side() { grep -q 'Гранични служители.*Border Officers Train' "$screen"; }
quit_done() { [ -f "$TMP/view.status" ]; }
if command -v tmux >/dev/null 2>&1 && infocmp tmux-256color >/dev/null 2>&1 && tmux_start; then
	trap 't kill-server >/dev/null 2>&1; rm -rf "$TMP" "${sockdir:-}"' EXIT
	S=view
	screen="$TMP/screen"
	t new-session -d -s "$S" -x 120 -y 30 \
	    env -u COLUMNS -u LINES -u DIGLOT_CONFIG -u NO_COLOR LC_ALL=C.UTF-8 TERM=tmux-256color \
	    HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/home/.config" \
	    sh -c '"$0" "$1" "$2"; echo $? >"$3.tmp" && mv "$3.tmp" "$3"; sleep 600' \
	    "$DIGLOT" "$bg" "$en" "$TMP/view.status"
	if until_screen side_by_side; then
		ok 0 "the viewer opens the pair of pages side by side"
	else
		ok 1 "the viewer opens the pair of pages side by side"
		grep -n . "$screen" | head -n 12 | sed 's/^/#   /'
	fi
	hasnt "... with no site furniture on screen" "$screen" "cookies"
	t send-keys -t "$S" q
	until_screen quit_done
	[ "$(cat "$TMP/view.status" 2>/dev/null)" = 0 ]
	ok $? "... and q quits it (exit 0)"
else
	skip 3 "tmux cannot run here"
fi

# An ordered list that starts past what a count can hold.
printf '<html lang="en"><body><main><ol start="9223372036854775807"><li>The first item of a list that starts late.</li><li>The second item of the same list.</li></ol></main></body></html>\n' \
    >"$TMP/start.html"
status "a list whose start is past what a number holds opens" 0 "$DIGLOT" --dump --width 100 "$TMP/start.html"
has "... numbered from the largest start kept" "$TMP/status.out" "1000000000. The first item"
has "... and on" "$TMP/status.out" "1000000001. The second item"

# The readers of web pages, DOCX and ODT are a module loaded when a page is
# read: a program without its module still reads plain text, and says
# which file is missing for a page.
mkdir "$TMP/alone"
cp "$DIGLOT" "$TMP/alone/diglot"
printf 'The office opened in Sofia.\n\nОфисът беше открит в София.\n' >"$TMP/alone.txt"
status "a program without its forms module reads plain text" 0 \
    "$TMP/alone/diglot" --dump --width 100 "$TMP/alone.txt"
has "... and shows it" "$TMP/status.out" "The office opened in Sofia."
if "$TMP/alone/diglot" --dump "$TMP/start.html" >/dev/null 2>&1; then
	skip 4 "an installed forms module was found"
else
	status "... but not a web page: exit 1" 1 "$TMP/alone/diglot" --dump "$TMP/start.html"
	has "... naming the page and the module" "$TMP/status.err" "start.html: cannot load"
	has "... and saying what to do" "$TMP/status.err" "diglot-forms.so"
	has "... which is to reinstall" "$TMP/status.err" "(reinstall diglot)"
fi

done_testing
