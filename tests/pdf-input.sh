# SPDX-License-Identifier: MIT
# PDF briefings: a Bulgarian and an English version made by cairo at test
# time (running header and footer, page numbers, a footnote, two columns,
# hyphenated line ends, paragraphs across page and column breaks), one PDF
# holding both, mixtures, --format pdf, and bad PDFs.
. "$TESTS_SRCDIR/lib.sh"

command -v jq >/dev/null 2>&1 || skip_all "jq not installed"

data="$TESTS_SRCDIR/data/pdf"
# What a block says, one line each: language, kind, form and page, text.
blocks() { jq -r '.blocks[] | "\(.lang)\t\(.kind)\t\(.source.format) \(.source.page)\t\(.text)"'; }

# --- what needs no pdftotext --------------------------------------------
printf '%%PDF-1.4\n' >"$TMP/tiny.pdf"
printf '[input]\npdftotext = %s\n' "$TMP/no/such/pdftotext" >"$TMP/missing.ini"
status "a PDF with pdftotext missing: exit 1" 1 "$DIGLOT" --config "$TMP/missing.ini" \
    --json "$TMP/tiny.pdf"
has "... the message names the file and the package to install" "$TMP/status.err" \
    "tiny.pdf: cannot read a PDF: $TMP/no/such/pdftotext not found (install poppler-utils"
printf 'Just text.\n' >"$TMP/plain.txt"
status "--format pdf on a file that is no PDF: exit 1" 1 "$DIGLOT" --format pdf --json \
    "$TMP/plain.txt"
has "... saying so" "$TMP/status.err" "plain.txt: not a PDF file"

# pdftotext's text given by a stand-in command, for the layout's checks.
printf '#!/bin/sh\ncat "$FAKE_XHTML"\n' >"$TMP/fake"
chmod +x "$TMP/fake"
printf '[input]\npdftotext = %s\n' "$TMP/fake" >"$TMP/fake.ini"
# from_xhtml NAME [OPTION...]: diglot on a PDF whose text is tests/data/pdf/NAME.xhtml.
from_xhtml() {
	_x=$1
	shift
	env FAKE_XHTML="$data/$_x.xhtml" "$DIGLOT" --config "$TMP/fake.ini" "$@" "$TMP/tiny.pdf"
}
status "text in private-use glyphs: exit 1" 1 \
    from_xhtml pua --json
has "... saying so" "$TMP/status.err" "tiny.pdf: its text is in private-use glyphs"
from_xhtml controls --dump >"$TMP/controls.dump" 2>&1
ok $? "a PDF's text with control characters opens"
clean_output "... and none of them reaches the terminal" "$TMP/controls.dump"
has "... the words around them kept" "$TMP/controls.dump" "Hostile"

# Hyphens at line ends: по- starts a word (показателите) though the text
# has по-добре, as it has помощ and по too; най- is written only with its
# hyphen (най-много), so най-малко keeps it.
from_xhtml hyphens --json >"$TMP/hyphens.json" 2>&1
[ "$(jq -r '.blocks[0].text' "$TMP/hyphens.json")" = "Мрежата ще помогне на общините и ще даде показателите на всички по-добре и с повече помощ за най-малко хиляда деца, както и най-много за семействата им." ]
ok $? "a line-end hyphen after a prefix the text also writes without one is joined, after one it always hyphenates kept"

# Text that recurs at the foot of pages 2, 5 and 8 of ten is no footer (a
# source line under a table); the page numbers are.
from_xhtml recurring --json 2>&1 | jq -r '.blocks[] | "\(.kind)\t\(.source.page)\t\(.text)"' \
    >"$TMP/recurring.blocks"
same "a line on three pages far apart stays, the page numbers go" "$TMP/recurring.blocks" \
    "$data/recurring.expected"
# Justified lines, one of them an address that reaches past the edge: one
# paragraph, not one cut at each line the address makes look short.
from_xhtml justified --json >"$TMP/justified.json" 2>&1
[ "$(jq -r '[.blocks[].text] | join("|")' "$TMP/justified.json")" = "The report is published by the statistics office and can be read at https://statistics.example.org/reports/2024/labour-force-survey-annual.html a site that also holds the tables of every earlier year and the notes on the methods used in each of them." ]
ok $? "justified lines with one past the edge make one paragraph"

# Three portrait pages and a landscape one, each with its page number at
# its foot: none of the numbers is text.
from_xhtml landscape --json >"$TMP/landscape.json" 2>&1
[ "$(jq -r '[.blocks[].text] | join("|")' "$TMP/landscape.json")" = "The survey covers the regions of the north.|It counts the workers of every sector.|It also asks about the hours they work.|The table on this page gives the figures by region." ]
ok $? "a landscape page among portrait ones loses its page number too"

# Two columns in two languages, the English running on alone on a third
# page: each version in its order, the English paragraph whole across it.
from_xhtml parallel-tail --json 2>&1 | jq -r '.blocks[] | "\(.lang) \(.source.page) \(.text)"' \
    >"$TMP/parallel.blocks"
printf '%s\n' "bg 1 Програмата подкрепя децата, които пътуват сами, и техните семейства." \
    "bg 2 Партньорите подчертават, че защитата е важна за всички." \
    "en 1 The programme supports children who travel alone, and their families." \
    "en 2 The partners stress that protection matters to everyone who works with children in the region." \
    >"$TMP/parallel.want"
same "side-by-side columns, one version running on alone: each in its order, whole across the page" \
    "$TMP/parallel.blocks" "$TMP/parallel.want"

# A command that runs long (and leaves a child running) is stopped at the
# time bound, with its whole process group.
# (a time of this run's own, so that no other run's sleep is taken for it)
naps="59.$$"
printf '#!/bin/sh\nsleep %s &\nsleep %s\n' "$naps" "$naps" >"$TMP/slow"
chmod +x "$TMP/slow"
printf '[input]\npdftotext = %s\ntimeout = 1\n' "$TMP/slow" >"$TMP/slow.ini"
start=$(date +%s)
status "a pdftotext that runs too long: exit 1" 1 "$DIGLOT" --config "$TMP/slow.ini" \
    --json "$TMP/tiny.pdf"
[ $(($(date +%s) - start)) -le 8 ]
ok $? "... within the time bound (1 s here)"
has "... saying it was stopped" "$TMP/status.err" "took more than 1 s on this PDF; stopped"
sleep 0.2
! pgrep -fx "sleep $naps" >/dev/null
ok $? "... nothing of it left running"

# diglot ended by a signal while pdftotext runs ends it too (it runs in a
# process group of its own, which the terminal's signals do not reach),
# and leaves no copy of the PDF behind.
for sig in TERM INT HUP; do
	mkdir -p "$TMP/tmpdir"
	# (in the background, the shell would have SIGINT ignored: set it again)
	( trap - INT; exec env TMPDIR="$TMP/tmpdir" "$DIGLOT" --config "$TMP/slow.ini" --json \
	    "$TMP/tiny.pdf" ) >/dev/null 2>&1 &
	pid=$!
	_try=0
	while ! pgrep -fx "sleep $naps" >/dev/null && [ $_try -lt 50 ]; do
		sleep 0.1
		_try=$((_try + 1))
	done
	kill -$sig $pid
	wait $pid
	st=$?
	[ $st = $((128 + $(kill -l $sig))) ]
	ok $? "SIG$sig to diglot while pdftotext runs: it ends by that signal (status $st)"
	sleep 0.2
	! pgrep -fx "sleep $naps" >/dev/null && [ -z "$(ls -A "$TMP/tmpdir")" ]
	ok $? "... with nothing of pdftotext left running and no copy of the PDF left"
	pkill -fx "sleep $naps"
done

command -v pdftotext >/dev/null 2>&1 || { skip 39 "pdftotext not installed (poppler-utils)"; done_testing; }

# --- PDFs made by cairo ---------------------------------------------------
mkpdf="$TMP/mkpdf"
if ! cc -o "$mkpdf" "$data/mkpdf.c" $(pkg-config --cflags --libs cairo 2>/dev/null) \
    >"$TMP/cc.log" 2>&1; then
	skip 39 "no cairo to make the test PDFs (libcairo2-dev)"
	done_testing
fi
"$mkpdf" "$TMP/brief.bg.pdf" <"$data/brief.bg.script" &&
    "$mkpdf" "$TMP/brief.en.pdf" <"$data/brief.en.script"
ok $? "cairo makes the two versions"
bg="$TMP/brief.bg.pdf"
en="$TMP/brief.en.pdf"

"$DIGLOT" --json "$bg" "$en" >"$TMP/pair.json" 2>"$TMP/pair.err"
ok $? "the pair of PDFs opens"
[ ! -s "$TMP/pair.err" ]
ok $? "... with nothing to warn about"
blocks <"$TMP/pair.json" >"$TMP/pair.blocks"
same "every heading and paragraph, whole across page and column breaks, hyphens joined where the word is one, footnotes after the paragraph that calls them" \
    "$TMP/pair.blocks" "$data/brief.expected"
jq -c '.rows[]' "$TMP/pair.json" >"$TMP/pair.rows"
want_rows 14 >"$TMP/want.rows"
same "each Bulgarian block is in a row with its English one" "$TMP/pair.rows" "$TMP/want.rows"

"$DIGLOT" --dump --width 120 "$bg" "$en" >"$TMP/pair.dump" 2>&1
for furniture in "Бюлетин за миграцията" "Migration Bulletin" "Страница 1 от 2" \
    "Страница 2" "Page 1 of 2" "Page 2 of 2"; do
	hasnt "no page furniture: '$furniture'" "$TMP/pair.dump" "$furniture"
done
has "a compound broken at a line's end keeps its hyphen (across a page break too)" \
    "$TMP/pair.dump" "всички държави-членки да засилят"

# A running header that changes with the chapter, on three pages each,
# and none on the title page; a footer on every page.
"$mkpdf" "$TMP/chapters.pdf" <"$data/chapters.en.script"
"$DIGLOT" --json "$TMP/chapters.pdf" 2>&1 | blocks >"$TMP/chapters.blocks"
same "a header that changes with the chapter is left out, as the footer is" \
    "$TMP/chapters.blocks" "$data/chapters.expected"

# A briefing typeset by groff (its own hyphenation, a running header and a
# footer with the page number, in the top part of a letter page), made a
# PDF by ghostscript: the paragraphs of its source.
if command -v groff >/dev/null 2>&1 && command -v ps2pdf >/dev/null 2>&1 &&
    groff -Tps "$data/groff.tr" >"$TMP/groff.ps" 2>/dev/null &&
    ps2pdf "$TMP/groff.ps" "$TMP/groff.pdf" 2>/dev/null; then
	"$DIGLOT" --json "$TMP/groff.pdf" 2>&1 | blocks >"$TMP/groff.blocks"
	same "groff's PDF: its paragraphs whole across the page, its hyphens joined, no header, no page numbers" \
	    "$TMP/groff.blocks" "$data/groff.expected"
else
	skip 1 "no groff -Tps and ps2pdf (groff-base, ghostscript) to make a PDF"
fi

# line: where the block starts in pdftotext's text.
pdftotext -bbox-layout "$bg" - >"$TMP/bg.xhtml"
l=$(jq '.blocks[2].line' "$TMP/pair.json")
sed -n "$((l + 1))p" "$TMP/bg.xhtml" | grep -q '>1\.<'
ok $? "a block's line is its first line in pdftotext's text"

# --- diglot's own PDF output, read back ----------------------------------
# Each version of the example briefing printed on its own (Pango's
# ragged-right lines, in a large font for three pages each, a running head
# and page numbers), then read as a pair: the text form's paragraphs and
# rows, but for the masthead's kind.
ex="$EXAMPLES/briefing-bg-en.txt"
printf '[print]\nfont = DejaVu Serif 20\n' >"$TMP/large.ini"
if "$DIGLOT" --config "$TMP/large.ini" print --lang bg --layout sequential \
    --output "$TMP/own.bg.pdf" "$ex" 2>"$TMP/own.err" &&
    "$DIGLOT" --config "$TMP/large.ini" print --lang en --layout sequential \
    --output "$TMP/own.en.pdf" "$ex" 2>>"$TMP/own.err"; then
	"$DIGLOT" --json "$ex" >"$TMP/own-text.json"
	"$DIGLOT" --json "$TMP/own.bg.pdf" "$TMP/own.en.pdf" >"$TMP/own-pdf.json" 2>&1
	ok $? "diglot's own PDFs of the two versions open as a pair"
	for f in text pdf; do
		jq -r '.blocks[] | "\(.lang)\t\(.text)"' "$TMP/own-$f.json" >"$TMP/own-$f.blocks"
		jq -c '.rows[]' "$TMP/own-$f.json" >"$TMP/own-$f.rows"
	done
	same "... every paragraph as in the text form: ragged lines joined, no running head, no page numbers" \
	    "$TMP/own-pdf.blocks" "$TMP/own-text.blocks"
	same "... in the rows of the text form" "$TMP/own-pdf.rows" "$TMP/own-text.rows"

	# Side by side: each page two columns, Bulgarian and English, each
	# version going on in its column of the next page.  The example's
	# paragraphs three times over, four pages.
	for l in bg en; do
		jq -r --arg l $l '.blocks[] | select(.lang == $l and .kind == "paragraph") | .text' \
		    "$TMP/own-text.json" >"$TMP/paras.$l"
	done
	{
		for r in "Първо" "Второ, по-нататък" "Трето и последно"; do
			awk -v r="$r" '{ print r ": " $0; print "" }' "$TMP/paras.bg"
		done
		printf 'За контакт: неправителствените партньори на мрежата.\n\n'
		for r in "First" "Second, further" "Third and last"; do
			awk -v r="$r" '{ print r ": " $0; print "" }' "$TMP/paras.en"
		done
		printf 'Contact: the non-governmental partners of the network.\n'
	} >"$TMP/long.txt"
	"$DIGLOT" print --layout side-by-side --output "$TMP/sbs.pdf" "$TMP/long.txt"
	"$DIGLOT" --json "$TMP/long.txt" >"$TMP/sbs-text.json"
	"$DIGLOT" --json "$TMP/sbs.pdf" >"$TMP/sbs-pdf.json" 2>&1
	for f in text pdf; do
		jq -r '.blocks[] | "\(.lang)\t\(.text)"' "$TMP/sbs-$f.json" >"$TMP/sbs-$f.blocks"
		jq -c '.rows[]' "$TMP/sbs-$f.json" >"$TMP/sbs-$f.rows"
	done
	same "diglot's side-by-side PDF reads as its text: each column one version, its paragraphs whole across pages" \
	    "$TMP/sbs-pdf.blocks" "$TMP/sbs-text.blocks"
	same "... in the rows of the text form" "$TMP/sbs-pdf.rows" "$TMP/sbs-text.rows"
else
	skip 5 "no typeset PDF printing here: $(head -n 1 "$TMP/own.err")"
fi

# --- one PDF holding both, mixtures, --format, standard input ----------
if command -v pdfunite >/dev/null 2>&1; then
	pdfunite "$bg" "$en" "$TMP/both.pdf"
	"$DIGLOT" --json "$TMP/both.pdf" >"$TMP/both.json" 2>&1
	[ "$(jq -c '.languages' "$TMP/both.json")" = '["bg","en"]' ]
	ok $? "one PDF holding both versions has both languages"
	jq -c '.rows[]' "$TMP/both.json" >"$TMP/both.rows"
	same "... in the same rows as two files" "$TMP/both.rows" "$TMP/want.rows"
	[ "$(jq '.blocks[27].source.page' "$TMP/both.json")" = 4 ]
	ok $? "... its pages counted through the file"
else
	skip 3 "pdfunite not installed"
fi
jq -r '.blocks[] | select(.lang == "en") | .text, ""' "$TMP/pair.json" >"$TMP/en.txt"
"$DIGLOT" --json "$bg" "$TMP/en.txt" >"$TMP/mix.json" 2>&1
[ "$(jq -r '[.blocks[] | .source.format // "text"] | unique | join(" ")' "$TMP/mix.json")" = "pdf text" ]
ok $? "a PDF with a text file opens (each its own form)"
[ "$(jq '.rows | length' "$TMP/mix.json")" = 14 ]
ok $? "... aligned as the pair"
cp "$bg" "$TMP/brief.bg.txt"
"$DIGLOT" --format pdf --json "$TMP/brief.bg.txt" >"$TMP/forced.json" 2>&1
[ "$(jq -r '.blocks[0].source.format' "$TMP/forced.json")" = pdf ]
ok $? "--format pdf reads a PDF whatever its name"
"$DIGLOT" --json - <"$bg" >"$TMP/stdin.json" 2>&1
[ "$(jq '.blocks | length' "$TMP/stdin.json")" = 14 ]
ok $? "a PDF on standard input is told from its content"

# --- the viewer: the page of the current row, :p N -----------------------
if command -v tmux >/dev/null 2>&1 && tmux_start; then
	S=pdf
	screen="$TMP/screen"
	t new-session -d -s "$S" -x 120 -y 30 \
	    env -u COLUMNS -u LINES -u NO_COLOR LC_ALL=C.UTF-8 TERM=tmux-256color \
	    XDG_STATE_HOME="$TMP/state" "$DIGLOT" "$bg" "$en"
	until_screen grep -q "p\. 1" "$screen"
	ok $? "the status line shows the page of the current row"
	t send-keys -t "$S" : p " " 2 Enter
	until_screen grep -q "p\. 2" "$screen"
	ok $? ":p 2 goes to page 2"
	grep -q "Проучвания и данни" "$screen"
	ok $? "... to its first paragraph"
	t send-keys -t "$S" : p 9 Enter
	until_screen grep -q "No page 9 (1-2)" "$screen"
	ok $? "a page the PDF has not is said so"
	t send-keys -t "$S" q
	t kill-session -t "$S"
	# A PDF of over 2 MB (the size from which a text briefing is shown
	# before all of it is read) is read whole, by one pdftotext.
	{ cat "$bg"; head -c 2200000 /dev/zero; } >"$TMP/large.pdf"
	printf '#!/bin/sh\necho run >>"%s"\nexec pdftotext "$@"\n' "$TMP/runs" >"$TMP/counted"
	chmod +x "$TMP/counted"
	printf '[input]\npdftotext = %s\n' "$TMP/counted" >"$TMP/counted.ini"
	S=large
	t new-session -d -s "$S" -x 120 -y 30 \
	    env -u COLUMNS -u LINES -u NO_COLOR LC_ALL=C.UTF-8 TERM=tmux-256color \
	    XDG_STATE_HOME="$TMP/state" "$DIGLOT" --config "$TMP/counted.ini" "$TMP/large.pdf"
	until_screen grep -q "p\. 1" "$screen"
	ok $? "a PDF of over 2 MB opens in the viewer"
	[ "$(wc -l <"$TMP/runs")" = 1 ]
	ok $? "... through one run of pdftotext ($(wc -l <"$TMP/runs"))"
	t kill-server 2>/dev/null
else
	skip 6 "tmux cannot start a server here"
fi

# --- bad PDFs -------------------------------------------------------------
echo page | "$mkpdf" "$TMP/blank.pdf"
status "a PDF with no text layer: exit 1" 1 "$DIGLOT" --json "$TMP/blank.pdf"
has "... it may need OCR" "$TMP/status.err" "blank.pdf: no text; it may need OCR"
head -c 3000 "$bg" >"$TMP/truncated.pdf"
status "a truncated PDF: exit 1" 1 "$DIGLOT" --json "$TMP/truncated.pdf"
has "... saying it is damaged or truncated" "$TMP/status.err" \
    "truncated.pdf: not a readable PDF (damaged or truncated?)"
if command -v gs >/dev/null 2>&1 &&
    gs -q -dNOPAUSE -dBATCH -sDEVICE=pdfwrite -sOwnerPassword=owner -sUserPassword=secret \
    -sOutputFile="$TMP/encrypted.pdf" "$bg" >/dev/null 2>&1; then
	status "an encrypted PDF: exit 1" 1 "$DIGLOT" --json "$TMP/encrypted.pdf"
	has "... saying so" "$TMP/status.err" "encrypted.pdf: the PDF is encrypted"
else
	skip 2 "no ghostscript to encrypt a PDF"
fi

done_testing
