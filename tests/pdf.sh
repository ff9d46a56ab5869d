# SPDX-License-Identifier: MIT
# Printing as typeset PDF: pages, columns and the text layer, read back
# through poppler's pdfinfo, pdffonts and pdftotext -bbox (positions, not
# pixels); the printer command and the failures.
. "$TESTS_SRCDIR/lib.sh"

bgen="$EXAMPLES/briefing-bg-en.txt"
data="$TESTS_SRCDIR/data/print"
lines_of="$TESTS_SRCDIR/pdflines.py"

for tool in pdfinfo pdffonts pdftotext python3; do
	command -v $tool >/dev/null 2>&1 ||
		skip_all "$tool is not installed (apt-get install poppler-utils python3)"
done

# A build without Pango prints text, and says PDF is not there.
"$DIGLOT" print --format pdf --output "$TMP/probe.pdf" "$bgen" 2>"$TMP/probe.err"
if grep -q "PDF is not built in" "$TMP/probe.err"; then
	status "--format pdf without Pango exits 1" 1 "$DIGLOT" print --format pdf --output "$TMP/x.pdf" "$bgen"
	has "... saying PDF is not built in" "$TMP/status.err" "PDF is not built in: this diglot was built without Pango"
	[ ! -e "$TMP/x.pdf" ]
	ok $? "... and writing no file"
	"$DIGLOT" print --output "$TMP/plain" "$bgen"
	has "the default format is text there" "$TMP/plain" "Page 1 of"
	done_testing
fi

# lines PDF COLUMNS: the PDF's text lines (pdflines.py) into PDF.lines.
lines() {
	pdftotext -bbox "$1" "$1.bbox" && python3 "$lines_of" "$1.bbox" "$2" >"$1.lines"
}
# words LINES COLUMN: the words of a column in reading order, one a line.
words() {
	awk -F '\t' -v c="$2" '$2 == c { print $6 }' "$1" | tr ' ' '\n' | sed '/^$/d'
}
# text_words FILE: the words of a text printout (no header), one a line,
# without the rules it draws under headings.
text_words() {
	tr -s ' \f' '\n\n' <"$1" | sed '/^─*$/d'
}
# starts LINES COLUMN: "PAGE TOP" of each paragraph's first line: the first
# of a page, or one set apart from the line above by a gap.
starts() {
	awk -F '\t' -v c="$2" '$2 == c {
		if ($1 != page || $3 - bottom > 3) printf "%d %.0f\n", $1, $3
		page = $1; bottom = $4 }' "$1"
}
pages_of() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }

noheader="$TMP/noheader.ini"
printf '[print]\nheader = no\n' >"$noheader"

# --- The reference: one pillar, both languages --------------------------
ref=$(reference)
if [ -n "$ref" ]; then
	"$DIGLOT" print --pillar research --output "$TMP/ref.pdf" "$ref"
	ok $? "print --pillar research --output ref.pdf works"
	head -c 5 "$TMP/ref.pdf" | grep -q '^%PDF-'
	ok $? "... and writes a PDF"
	pdfinfo "$TMP/ref.pdf" >"$TMP/ref.info"
	has "... of one page" "$TMP/ref.info" "Pages:           1"
	has "... of A4 paper" "$TMP/ref.info" "Page size:       595.276 x 841.89 pts (A4)"
	has "... titled in the first language" "$TMP/ref.info" "Title:           Нова инициатива засилва борбата"
	pdffonts "$TMP/ref.pdf" >"$TMP/ref.fonts"
	awk 'NR > 2 && $(NF - 4) != "yes" { bad = 1 } NR > 2 { n++ } END { exit bad || !n }' "$TMP/ref.fonts"
	ok $? "... every font embedded"
	awk 'NR > 2 && $(NF - 3) != "yes" { bad = 1 } END { exit bad }' "$TMP/ref.fonts"
	ok $? "... as subsets"
	lines "$TMP/ref.pdf" 2
	has "the header has the Bulgarian title" "$TMP/ref.pdf.lines" "Нова инициатива засилва борбата срещу"
	has "... and the English one" "$TMP/ref.pdf.lines" "New Initiative Strengthens Fight Against"
	has "... the organisation" "$TMP/ref.pdf.lines" "еждународна организация по миграция"
	has "... the pillar printed" "$TMP/ref.pdf.lines" "Изследвания и събиране на данни"
	has "... in each column's language" "$TMP/ref.pdf.lines" "Research and data collection"
	"$DIGLOT" print --pillar research --layout interleaved --output "$TMP/refi.pdf" "$ref"
	lines "$TMP/refi.pdf" 1
	has "in one column, the header has both titles" "$TMP/refi.pdf.lines" "каналджийството на мигранти / New Initiative"
	pdftotext -layout "$TMP/ref.pdf" "$TMP/ref.layout"
has "the footer numbers the page" "$TMP/ref.layout" "Page 1 of 1"
	# The text layer: each column's words in order, as the text form has them.
	"$DIGLOT" --config "$noheader" print --pillar research --output "$TMP/refb.pdf" "$ref"
	lines "$TMP/refb.pdf" 2
	for l in bg en; do
		c=0
		[ $l = en ] && c=1
		"$DIGLOT" --config "$noheader" print --pillar research --lang $l --width 10000 \
		    --output "$TMP/ref-$l.txt" "$ref"
		text_words "$TMP/ref-$l.txt" >"$TMP/want-$l"
		words "$TMP/refb.pdf.lines" $c >"$TMP/got-$l"
		same "pdftotext gives the $l column's words in order" "$TMP/got-$l" "$TMP/want-$l"
	done
	starts "$TMP/refb.pdf.lines" 0 >"$TMP/starts0"
	starts "$TMP/refb.pdf.lines" 1 >"$TMP/starts1"
	[ "$(wc -l <"$TMP/starts0")" -eq 2 ]
	ok $? "two paragraphs in the left column"
	same "... whose first lines are level with the right column's" "$TMP/starts1" "$TMP/starts0"
	pdftoppm -v >/dev/null 2>&1 && pdftoppm -r 50 -png -f 1 -l 1 "$TMP/ref.pdf" "$TMP/ref" &&
	    [ -s "$TMP/ref-1.png" ]
	ok $? "page 1 renders (pdftoppm -r 50)"
else
	skip 19 "shared samples not found"
fi

# --- A long briefing: pages, pairs continued, widows, headings ----------
# Paragraph N starts with [N] and ends with {N}; every fifth row is a
# heading; lengths vary, some longer than a page.
long="$TMP/long.txt"
awk 'function para(n, k, s,   i, t) { t = "[" n "]"; for (i = 0; i < k; i++) t = t " " s; return t " {" n "}." }
BEGIN {
	for (lang = 0; lang < 2; lang++) {
		print lang ? "Checking the pages of a long briefing" : "Проверка на страниците на дълъг документ"
		print ""
		for (n = 1; n <= 40; n++) {
			if (n % 5 == 1) {
				print (lang ? "Section " : "Раздел ") n
				print ""
			}
			k = n % 7 == 3 ? 160 : 3 + (n * 7) % 17
			print para(n, lang ? k : k + k / 4, lang ? "This sentence checks how the pages are filled." : "Това изречение проверява как се пълнят страниците.")
			print ""
		}
	}
}' >"$long"
printf '[print]\nheader = no\npaper = letter\n' >"$TMP/long.ini"
"$DIGLOT" --config "$TMP/long.ini" print --output "$TMP/long.pdf" "$long"
ok $? "a long briefing prints"
pdfinfo "$TMP/long.pdf" >"$TMP/long.info"
has "... on letter paper" "$TMP/long.info" "Page size:       612 x 792 pts (letter)"
np=$(pages_of "$TMP/long.pdf")
[ "${np:-0}" -ge 4 ]
ok $? "... on several pages ($np)"
lines "$TMP/long.pdf" 2
for l in bg en; do
	c=0
	[ $l = en ] && c=1
	"$DIGLOT" --config "$TMP/long.ini" print --lang $l --width 10000 --lines 100000 \
	    --output "$TMP/long-$l.txt" "$long"
	text_words "$TMP/long-$l.txt" >"$TMP/lwant-$l"
	words "$TMP/long.pdf.lines" $c >"$TMP/lgot-$l"
	same "the $l column has every word, in order, across the pages" "$TMP/lgot-$l" "$TMP/lwant-$l"
done
# Where each paragraph starts and ends, per column: PAGE TOP N.
for c in 0 1; do
	awk -F '\t' -v c=$c '$2 == c && match($6, /^\[[0-9]+\]/) {
		printf "%d %.0f %s\n", $1, $3, substr($6, RSTART + 1, RLENGTH - 2) }' \
	    "$TMP/long.pdf.lines" >"$TMP/begin$c"
done
[ "$(wc -l <"$TMP/begin0")" -eq 40 ]
ok $? "40 paragraphs in the left column"
same "each pair starts level: [N] on the same page at the same height in both" "$TMP/begin1" "$TMP/begin0"
# Lines at the top and foot of each page and column.
awk -F '\t' '{ k = $1 " " $2; if (!(k in first)) first[k] = $6; last[k] = $6 }
	END { for (k in first) print k "\t" first[k] "\t" last[k] }' "$TMP/long.pdf.lines" |
    sort -n >"$TMP/ends"
awk -F '\t' '$2 ~ /\{[0-9]+\}/ && $2 !~ /\[[0-9]+\]/ { print "widow: " $0 }
	$3 ~ /^\[[0-9]+\]/ && $3 !~ /\{[0-9]+\}/ { print "orphan: " $0 }
	$3 ~ /^(Раздел|Section) [0-9]+$/ { print "heading at the foot: " $0 }' "$TMP/ends" >"$TMP/bad"
[ ! -s "$TMP/bad" ]
ok $? "no paragraph's last line alone atop a page, no first line alone at a foot, no heading at a foot"
sed 's/^/#   /' "$TMP/bad" | head -n 5
# A pair longer than a page goes on in both columns from the next page's top.
awk -F '\t' '$2 ~ /^\[(3|10|17|24|31|38)\]/ && $3 !~ /\{/ { print $1 }' "$TMP/ends" | sort -u >"$TMP/cont"
[ -s "$TMP/cont" ]
ok $? "long pairs run past a page's foot"
awk -F '\t' '{ k = $1 " " $2; if (!(k in top)) { top[k] = $3; text[k] = $6 } }
	END { for (k in top) if (text[k] !~ /^(\[[0-9]+\]|Раздел|Section)/ && top[k] > 52) { print k; bad = 1 }
	      exit bad }' "$TMP/long.pdf.lines"
ok $? "... and goes on at the top of the next page in each column that has more of it"
awk -F '\t' '$2 == 0 { print $5 } ' "$TMP/long.pdf.lines" | sort -u | awk '$1 > 60 { bad = 1 } END { exit bad }'
ok $? "the left column's lines start at its edge (align = left)"

# --- Interleaved and sequential ------------------------------------------
"$DIGLOT" --config "$TMP/long.ini" print --layout interleaved --output "$TMP/inter.pdf" "$long"
ok $? "--layout interleaved prints a PDF"
lines "$TMP/inter.pdf" 1
awk -F '\t' 'match($6, /^\[[0-9]+\]/) { printf "%s ", substr($6, RSTART, RLENGTH) }' "$TMP/inter.pdf.lines" >"$TMP/inter.seq"
awk 'BEGIN { for (n = 1; n <= 40; n++) printf "[%d] [%d] ", n, n }' >"$TMP/inter.want"
same "... each Bulgarian paragraph followed by its English one" "$TMP/inter.seq" "$TMP/inter.want"
"$DIGLOT" --config "$TMP/long.ini" print --layout sequential --output "$TMP/seq.pdf" "$long"
ok $? "--layout sequential prints a PDF"
lines "$TMP/seq.pdf" 1
awk -F '\t' '$6 ~ /[а-я]/ { bg[$1] = 1 } $6 ~ /[a-z]/ { en[$1] = 1 }
	END { for (p in bg) if (p in en) bad = 1; exit bad }' "$TMP/seq.pdf.lines"
ok $? "... the English version from a page of its own"
awk -F '\t' 'NR == 1 { print ($6 ~ /Проверка/) ? "bg" : "en" }' "$TMP/seq.pdf.lines" >"$TMP/seq.first"
has "... after the Bulgarian" "$TMP/seq.first" "bg"
"$DIGLOT" --config "$TMP/long.ini" print --lang en --output "$TMP/en.pdf" "$long"
lines "$TMP/en.pdf" 1
words "$TMP/en.pdf.lines" 0 >"$TMP/en.got"
same "one language alone: its words in order" "$TMP/en.got" "$TMP/lwant-en"

# --- Scripts: Greek, CJK, Arabic ------------------------------------------
for l in el zh ar; do
	{ grep "^$l	" "$TESTS_SRCDIR/data/lang/$l-en.tsv" | head -n 4 | cut -f 2 | sed 's/$/\n/'
	  grep "^en	" "$TESTS_SRCDIR/data/lang/$l-en.tsv" | head -n 4 | cut -f 2 | sed 's/$/\n/'; } >"$TMP/$l.txt"
	"$DIGLOT" print --output "$TMP/$l.pdf" "$TMP/$l.txt"
	ok $? "$l and English print"
	pdffonts "$TMP/$l.pdf" >"$TMP/$l.fonts"
	awk 'NR > 2 && $(NF - 4) != "yes" { bad = 1 } END { exit bad }' "$TMP/$l.fonts"
	ok $? "... every font embedded"
	lines "$TMP/$l.pdf" 2
done
has "Greek comes back as text" "$TMP/el.pdf.lines" "Ενίσχυση της υποδοχής"
has "... in DejaVu Serif" "$TMP/el.fonts" "DejaVuSerif"
grep -q "难民署" "$TMP/zh.pdf.lines"
ok $? "Chinese comes back as text"
has "... set in the CJK font fontconfig finds (WenQuanYi)" "$TMP/zh.fonts" "WenQuanYi"
grep -q "ب" "$TMP/ar.pdf.lines"
ok $? "Arabic comes back as text"
has "... set in DejaVu Sans, which has Arabic" "$TMP/ar.fonts" "DejaVuSans"
# Arabic runs right to left: its lines end at the column's right edge.
awk -F '\t' '$2 == 0 && $6 ~ /[ء-ي]/ { print $5, $7 }' "$TMP/ar.pdf.lines" |
    awk 'NR == 1 { l0 = l1 = $1; r0 = r1 = $2 } { if ($1 < l0) l0 = $1; if ($1 > l1) l1 = $1
	if ($2 < r0) r0 = $2; if ($2 > r1) r1 = $2 } END { exit !(NR > 3 && r1 - r0 < 1.5 && l1 - l0 > 20) }'
ok $? "... its lines flush with the column's right edge, ragged on the left"

# --- The format: --format, the file's name, [print] format ---------------
"$DIGLOT" print --output "$TMP/f.txt" "$bgen"
has "--output FILE.txt is text" "$TMP/f.txt" "Page 1 of"
"$DIGLOT" print --output - "$bgen" | head -c 4 >"$TMP/f.stdout"
hasnt "--output - is text" "$TMP/f.stdout" "%PDF"
"$DIGLOT" print --format pdf --output - "$bgen" | head -c 4 >"$TMP/f.stdout"
has "--format pdf --output - is PDF" "$TMP/f.stdout" "%PDF"
"$DIGLOT" print --format=text --output "$TMP/f.pdf" "$bgen"
has "--format=text wins over the name" "$TMP/f.pdf" "Page 1 of"
printf '[print]\nformat = text\n' >"$TMP/text.ini"
"$DIGLOT" --config "$TMP/text.ini" print --output "$TMP/g.pdf" "$bgen"
head -c 5 "$TMP/g.pdf" | grep -q '^%PDF-'
ok $? "a .pdf name is PDF whatever [print] format says"
"$DIGLOT" --config "$TMP/text.ini" print --output "$TMP/g" "$bgen"
has "... and a name without one follows [print] format" "$TMP/g" "Page 1 of"
"$DIGLOT" print --output "$TMP/h" "$bgen"
head -c 5 "$TMP/h" | grep -q '^%PDF-'
ok $? "the default [print] format is pdf"
"$DIGLOT" --format text print --output "$TMP/i.pdf" "$bgen"
head -c 5 "$TMP/i.pdf" | grep -q '^%PDF-'
ok $? "--format before print is the briefing's form, not the printout's"
status "a bad --format after print is a usage error" 2 "$DIGLOT" print --format png --output "$TMP/x" "$bgen"
has "... naming the formats" "$TMP/status.err" "--format: 'png' is not pdf or text"

# --- To the printer ---------------------------------------------------------
mkdir -p "$TMP/lp"
ln -s "$data/lp" "$TMP/lp/lp"
printf '[print]\ncommand = %s -d office\n' "$TMP/lp/lp" >"$TMP/lp.ini"
FAKE_LP_DIR="$TMP/lp" "$DIGLOT" --config "$TMP/lp.ini" print --pillar protection "$bgen"
ok $? "print sends the PDF to [print] command"
printf -- '-d\noffice\n-t\nНова програма подкрепя непридружените деца мигранти в Югоизточна Европа\n-o\nmedia=A4\n-o\ndocument-format=application/pdf\n' >"$TMP/want.argv"
same "... lp told the document's format" "$TMP/lp/argv" "$TMP/want.argv"
"$DIGLOT" print --pillar protection --output "$TMP/want.pdf" "$bgen"
# (The two PDFs differ in their creation dates only.)
undated() { LC_ALL=C sed 's/(D:[0-9][^)]*)/(D:)/g' "$1" >"$1.undated"; }
undated "$TMP/lp/stdin"
undated "$TMP/want.pdf"
same "... and the PDF on its input" "$TMP/lp/stdin.undated" "$TMP/want.pdf.undated"
printf '[print]\ncommand = %s\nformat = text\n' "$TMP/lp/lp" >"$TMP/lpt.ini"
FAKE_LP_DIR="$TMP/lp" "$DIGLOT" --config "$TMP/lpt.ini" print "$bgen"
hasnt "format = text: no document-format" "$TMP/lp/argv" "document-format"

# --- Bad input ---------------------------------------------------------------
printf '[print]\nfont = No Such Typeface 10\n' >"$TMP/font.ini"
status "a missing font exits 1" 1 "$DIGLOT" --config "$TMP/font.ini" print --output "$TMP/nf.pdf" "$bgen"
has "... naming the setting and the font" "$TMP/status.err" "[print] font: no font 'No Such Typeface' is installed"
[ ! -e "$TMP/nf.pdf" ]
ok $? "... leaving no file"
printf '[print]\nfont = DejaVu Sans 200\n' >"$TMP/size.ini"
status "a font size past 72 points exits 1" 1 "$DIGLOT" --config "$TMP/size.ini" print --output "$TMP/nf.pdf" "$bgen"
printf '[print]\nmargin = 18 furlongs\n' >"$TMP/margin.ini"
"$DIGLOT" --config "$TMP/margin.ini" --check-config >/dev/null 2>"$TMP/margin.err"
has "a broken margin is a settings complaint" "$TMP/margin.err" \
    "margin.ini:2: [print] margin: '18 furlongs' is not a length (allowed: a number and mm, cm, in or pt, such as 18mm); using 18mm"
"$DIGLOT" --config "$TMP/margin.ini" print --output "$TMP/m.pdf" "$bgen" 2>/dev/null
ok $? "... and printing goes on with the default"
printf '[print]\nmargin = 1.5cm\n' >"$TMP/cm.ini"
"$DIGLOT" --config "$TMP/cm.ini" --check-config >/dev/null 2>&1
ok $? "margin = 1.5cm is a length"
"$DIGLOT" --config "$TMP/cm.ini" print --output "$TMP/cm.pdf" "$bgen"
lines "$TMP/cm.pdf" 2
awk -F '\t' 'NR == 1 { exit !($5 > 42 && $5 < 43.5) }' "$TMP/cm.pdf.lines"
ok $? "... the text starts 1.5 cm (42.5 pt) from the edge"
printf '[print]\nmargin = 100mm\n' >"$TMP/big.ini"
status "a page too small for a line exits 1" 1 "$DIGLOT" --config "$TMP/big.ini" print --output "$TMP/big.pdf" "$bgen"
has "... naming the margin" "$TMP/status.err" "[print] margin: 100mm leaves no room for a line of text"
[ ! -e "$TMP/big.pdf" ]
ok $? "... leaving no file"
printf '[print]\ncommand = %s\n' "$data/broken-printer" >"$TMP/broken.ini"
status "a printer that exits non-zero: exit 1" 1 "$DIGLOT" --config "$TMP/broken.ini" print "$bgen"
has "... with its status and what it said" "$TMP/status.err" "exited with status 3: broken-printer: the printer is on fire ([print] command)"
printf '[print]\ncommand = sleep 30\ntimeout = 1\n' >"$TMP/stuck.ini"
start=$(date +%s)
status "a printer that never reads its input: exit 1" 1 "$DIGLOT" --config "$TMP/stuck.ini" print "$bgen"
[ $(($(date +%s) - start)) -le 5 ]
ok $? "... after [print] timeout"
has "... saying so" "$TMP/status.err" "within 1 second and was stopped ([print] timeout)"
if [ -w /dev/full ]; then
	status "a full disk (/dev/full): exit 1" 1 "$DIGLOT" print --output /dev/full "$bgen"
	has "... naming the file and why" "$TMP/status.err" "/dev/full: No space left on device"
else
	skip 2 "no /dev/full"
fi
status "a folder that is not there: exit 1" 1 "$DIGLOT" print --output "$TMP/no/such/x.pdf" "$bgen"
has "... naming the file" "$TMP/status.err" "no/such/x.pdf"

# The typesetter is a module loaded when a PDF is printed: a program
# without its module still prints text, and names the module for a PDF.
mkdir "$TMP/alone"
cp "$DIGLOT" "$TMP/alone/diglot"
status "a program without its PDF module prints text" 0 \
    "$TMP/alone/diglot" print --format text --output "$TMP/alone.txt" "$bgen"
[ -s "$TMP/alone.txt" ]
ok $? "... and writes it"
if "$TMP/alone/diglot" print --output "$TMP/alone.pdf" "$bgen" >/dev/null 2>&1; then
	skip 3 "an installed PDF module was found"
else
	status "... but not a PDF: exit 1" 1 "$TMP/alone/diglot" print --output "$TMP/alone.pdf" "$bgen"
	has "... naming the module and what to do" "$TMP/status.err" "diglot-pdf.so"
	[ ! -e "$TMP/alone.pdf" ]
	ok $? "... and writing no file"
fi

done_testing
