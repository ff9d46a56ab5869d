# SPDX-License-Identifier: MIT
# The full-screen viewer end to end, in a real terminal: tmux.
. "$TESTS_SRCDIR/lib.sh"

command -v tmux >/dev/null 2>&1 || skip_all "tmux not installed"
command -v jq >/dev/null 2>&1 || skip_all "jq not installed"
infocmp tmux-256color >/dev/null 2>&1 || skip_all "no tmux-256color terminfo entry"

sample="$EXAMPLES/briefing-bg-en.txt"
ref=$(reference)

mkdir -p "$HOME/.config"
trap 't kill-server >/dev/null 2>&1; rm -rf "$TMP" "${sockdir:-}"' EXIT
trap 'exit 1' HUP INT TERM
tmux_start || skip_all "tmux cannot start a server here"

# --- harness ---------------------------------------------------------

S=keep		# the session under test
screen="$TMP/screen"

# launch NAME WIDTH HEIGHT SCRIPT ARG...: run `sh -c SCRIPT ARG...` in a
# fresh session with a pinned environment; the script may write the exit
# status to $STATUSFILE.  The pane's shell then sleeps until the session
# is killed: tmux 3.3 can drop what a pane wrote just before its process
# exited, and a check would then see an empty screen.
launch() {
	S=$1
	_w=$2
	_h=$3
	_script=$4
	shift 4
	rm -f "$TMP/$S.status"
	: >"$screen"
	t new-session -d -s "$S" -x "$_w" -y "$_h" \
	    env -u COLUMNS -u LINES -u DIGLOT_CONFIG -u NO_COLOR LC_ALL=C.UTF-8 TERM=tmux-256color \
	    HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/home/.config" STATUSFILE="$TMP/$S.status" \
	    XDG_STATE_HOME="${STATE_HOME:-$(mktemp -d "$TMP/state.XXXXXX")}" \
	    sh -c "$_script
sleep 600" "$@"
}

# open NAME WIDTH HEIGHT FILE: the viewer on FILE; returns once its first
# screen is up.
open() {
	launch "$1" "$2" "$3" \
	    '"$0" "$@"; echo $? >"$STATUSFILE.tmp" && mv "$STATUSFILE.tmp" "$STATUSFILE"' \
	    "$DIGLOT" "$4"
	until_screen at_para 1/
}


# expect DESCRIPTION PREDICATE ARG...: a TAP point, the screen comes to
# satisfy PREDICATE.
expect() {
	_desc=$1
	shift
	if until_screen "$@"; then
		ok 0 "$_desc"
	else
		ok 1 "$_desc"
		show_screen
	fi
}

# yes_now DESCRIPTION PREDICATE ARG...: a TAP point on the last capture.
yes_now() {
	_desc=$1
	shift
	if "$@"; then
		ok 0 "$_desc"
	else
		ok 1 "$_desc"
		show_screen
	fi
}

show_screen() {
	echo "# screen of $S:"
	grep -n . "$screen" | head -n 14 | sed 's/^/#   /'
	echo "#   status: $(tail -n 1 "$screen")"
}

key() { t send-keys -t "$S" "$@"; }
type_text() { t send-keys -t "$S" -l -- "$1"; }
fmt() { t display-message -p -t "$S" "$1"; }
done_with() { t kill-session -t "$S" 2>/dev/null; }

# exited NAME: the exit status session NAME's program recorded (waits up to
# 10 s for it; empty if none).
exited() {
	_try=0
	while [ ! -f "$TMP/$1.status" ] && [ $_try -lt 100 ]; do
		sleep 0.1
		_try=$((_try + 1))
	done
	cat "$TMP/$1.status" 2>/dev/null
}

# --- what the screen shows ------------------------------------------

shows() { grep -qF -- "$1" "$screen"; }
shows_not() { ! grep -qF -- "$1" "$screen"; }
status_line() { tail -n 1 "$screen"; }
# at_para N/TOTAL: the status line shows paragraph N of TOTAL (a prefix
# such as "1/" also matches).
at_para() {
	case $(status_line) in *"¶ $1"*) return 0 ;; esac
	return 1
}
# says MESSAGE: the status line ends with MESSAGE.
says() {
	case $(status_line) in *" $1") return 0 ;; esac
	return 1
}
says_not() { ! says "$1"; }
# status_has TEXT: the status line contains TEXT.
status_has() {
	case $(status_line) in *"$1"*) return 0 ;; esac
	return 1
}
says_match() { status_line | grep -q -- " $1\$"; }	# a regular expression
no_gutter() { shows_not "│" && shows_not "┃"; }
prompt_is() { [ "$(status_line)" = "$1" ]; }

# line_of SIDE PREFIX: the first screen line (1-based) where PREFIX starts
# the left pane (L), the right pane (R) or the whole line (F).
line_of() {
	SIDE=$1 PREFIX=$2 awk '
	BEGIN { p = ENVIRON["PREFIX"]; side = ENVIRON["SIDE"] }
	{
		g = index($0, "│"); gl = length("│")
		if (!g) { g = index($0, "┃"); gl = length("┃") }
		if (side == "F")
			s = $0
		else if (side == "L")
			s = g ? substr($0, 1, g - 1) : $0
		else {
			if (!g)
				next
			s = substr($0, g + gl)
			sub(/^ /, "", s)
		}
		if (index(s, p) == 1) { print NR; exit }
	}' "$screen"
}

# side_by_side LEFT RIGHT: one screen line starts with LEFT on the left
# and with RIGHT on the right of the gutter.
side_by_side() {
	_l=$(line_of L "$1")
	[ -n "$_l" ] && [ "$_l" = "$(line_of R "$2")" ]
}
# text_top: the number of the first line of text (side by side: the first
# with a gutter), under whatever bar the viewer puts above the text.
text_top() {
	awk 'index($0, "│") || index($0, "┃") { print NR; exit }' "$screen"
}
top_text_line() { _tt=$(text_top); [ -n "$_tt" ] && sed -n "${_tt}p" "$screen"; }
# on_top LEFT RIGHT: ... and that line is the top line of text.
on_top() { side_by_side "$1" "$2" && [ "$(line_of L "$1")" = "$(text_top)" ]; }
# stacked FIRST SECOND: no gutter, FIRST starts a line above the line
# SECOND starts.
stacked() {
	no_gutter || return 1
	_a=$(line_of F "$1")
	_b=$(line_of F "$2")
	[ -n "$_a" ] && [ -n "$_b" ] && [ "$_a" -lt "$_b" ]
}
# alone SHOWN HIDDEN: one language full width: SHOWN starts a line, HIDDEN
# is nowhere, no gutter, and the text is wider than half the screen.
alone() {
	no_gutter && [ -n "$(line_of F "$1")" ] && shows_not "$2" &&
	    [ "$(sed '$d' "$screen" | wc -L)" -gt 100 ]
}
# no_cyrillic / no_latin: no such letter above the status line (a grep
# error is a failure, not a pass).
no_cyrillic() {
	sed '$d' "$screen" |
	    grep -q '[АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЬЮЯабвгдежзийклмнопрстуфхцчшщъьюя]'
	[ $? -eq 1 ]
}
no_latin() {
	sed '$d' "$screen" | grep -q '[ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz]'
	[ $? -eq 1 ]
}
# no_bidi: no bidi embedding, override or isolate control on the screen.
no_bidi() {
	LC_ALL=C grep -q "$(printf '\342\200[\252-\256]')\\|$(printf '\342\201[\246-\251]')" "$screen"
	[ $? -eq 1 ]
}
# highlighted WORD: WORD is drawn right after a reverse-video or
# background-colour attribute (capture-pane -e keeps the attributes).
highlighted() {
	_esc=$(printf '\033')
	t capture-pane -e -p -t "$S" |
	    grep -qE -- "$_esc\[(7|4[0-7]|10[0-7]|48;[0-9;]*)m($_esc\[[0-9;]*m)*$1"
}
# top_para / bottom_para: the first and last "Параграф N:" on the screen.
top_para() { sed -n 's/^Параграф \([0-9]*\):.*/\1/p' "$screen" | head -n 1; }
bottom_para() { sed -n 's/^Параграф \([0-9]*\):.*/\1/p' "$screen" | tail -n 1; }
top_is() { [ "$(top_para)" = "$1" ]; }
top_moved_from() { _tp=$(top_para); [ -n "$_tp" ] && [ "$_tp" != "$1" ]; }
top_text_not() { _fl=$(top_text_line); [ -n "$_fl" ] && [ "$_fl" != "$1" ]; }

# The model, to know what to look for: pairs of first words (left TAB
# right) for every row with both languages, in order.
pairs() {	# pairs FILE >TSV
	"$DIGLOT" --json "$1" | jq -r '
	    . as $d | .languages[0] as $a | .languages[1] as $b |
	    .rows[] | select((.[$a] | length) > 0 and (.[$b] | length) > 0) |
	    [($d.blocks[.[$a][0]].text | split(" ")[0:3] | join(" ")),
	     ($d.blocks[.[$b][0]].text | split(" ")[0:3] | join(" "))] | @tsv'
}
# row_text FILE ROW LANG: what "y" must copy (the row's blocks in LANG).
row_text() {
	"$DIGLOT" --json "$1" | jq -j --argjson r "$2" --arg l "$3" \
	    '. as $d | [.rows[$r][$l][] | $d.blocks[.].text] | join("\n\n")'
}

# aligned DESCRIPTION PAIRS-FILE MIN: every pair whose left start is on the
# screen has its right start on the same line, and at least MIN are seen.
aligned() {
	_seen=0
	_bad=
	while IFS='	' read -r _left _right; do
		_l=$(line_of L "$_left")
		_r=$(line_of R "$_right")
		[ -z "$_l" ] && [ -z "$_r" ] && continue
		_seen=$((_seen + 1))
		[ "$_l" = "$_r" ] || _bad="$_bad '$_left' on line ${_l:-none}, '$_right' on line ${_r:-none};"
	done <"$2"
	if [ -z "$_bad" ] && [ $_seen -ge "$3" ]; then
		ok 0 "$1"
	else
		ok 1 "$1 ($_seen pairs seen)"
		[ -n "$_bad" ] && echo "# misaligned:$_bad"
		show_screen
	fi
}

# --- 1. the first screen: each pair of paragraphs starts on one row ---

first_screen() {	# first_screen NAME FILE TOTAL-ROWS MIN-PAIRS
	pairs "$2" >"$TMP/$1.pairs"
	IFS='	' read -r title_l title_r <"$TMP/$1.pairs"
	open "$1" 140 40 "$2"
	expect "$1: the viewer opens on paragraph 1 of $3 with Bulgarian focused" \
	    at_para "1/$3 "
	yes_now "$1: status line names the file and the languages, [BG] | EN" \
	    shows " ${2##*/} [BG] | EN  ¶ 1/$3"
	yes_now "$1: Bulgarian title on the left, English title on the right, same row" \
	    side_by_side "$title_l" "$title_r"
	aligned "$1: every later paragraph pair starts on one screen row" "$TMP/$1.pairs" "$4"
	done_with
}

if [ -n "$ref" ]; then
	first_screen ref "$ref" 4 3
else
	skip 4 "reference briefing not found (DIGLOT_SAMPLES)"
fi
first_screen example "$sample" 6 2

# --- 2. layouts: swap, one language, stacked, narrow -----------------

bg_title="Нова програма подкрепя"
en_title="New Programme Supports"

open swap 140 40 "$sample"
key t
expect "t: English on the left, Bulgarian on the right" side_by_side "$en_title" "$bg_title"
yes_now "t: the status line shows [EN] | BG" shows "[EN] | BG  ¶"
key t
expect "t again: Bulgarian back on the left" side_by_side "$bg_title" "$en_title"
done_with

open lang 140 40 "$sample"
key l
expect "l: the left language alone, full width" alone "$bg_title" "$en_title"
yes_now "l: no English on the screen" no_latin
key l
expect "l again: the right language alone, full width" alone "$en_title" "$bg_title"
yes_now "l again: no Bulgarian on the screen" no_cyrillic
key l
expect "l a third time: both languages side by side" side_by_side "$bg_title" "$en_title"
done_with

open stack 140 40 "$sample"
key s
expect "s: stacked, the English title on a line below the Bulgarian one" \
    stacked "$bg_title" "$en_title"
yes_now "s: each paragraph is followed by its translation" \
    stacked "На 14 октомври 2024" "On 14 October 2024"
key s
expect "s again: side by side" side_by_side "$bg_title" "$en_title"
done_with

open narrow 140 40 "$sample"
t resize-window -t "$S" -x 60
expect "60 columns: the viewer stacks by itself" stacked "$bg_title" "$en_title"
t resize-window -t "$S" -x 140
expect "back to 140 columns: side by side again" side_by_side "$bg_title" "$en_title"
done_with

# --- 3. search --------------------------------------------------------

# search_case NAME FILE WORD LOWER: WORD typed in upper case finds LOWER,
# as often as the text has it (any case).
search_case() {
	lower=$4
	total=$("$DIGLOT" --json "$2" | jq -r '.blocks[].text' | grep -oi -- "$lower" | wc -l)
	open "$1" 140 40 "$2"
	key /
	until_screen prompt_is "/"
	type_text "$3"
	key Enter
	expect "$1: /$3 finds the lower-case text (1/$total)" says "1/$total"
	yes_now "$1: ... and the match is highlighted on the screen" highlighted "$lower"
	key n
	expect "$1: n goes to the next match (2/$total)" says "2/$total"
	_k=3
	while [ $_k -le "$total" ]; do
		_was=$((_k - 1))
		key n
		until_screen says_not "$_was/$total"
		[ "$(status_line | sed 's/.* //')" = "$_k/$total" ] || break
		_k=$((_k + 1))
	done
	if [ $_k -gt "$total" ]; then
		ok 0 "$1: n reaches every match, up to $total/$total"
	else
		ok 1 "$1: n reaches every match, up to $total/$total (after $_was/$total, n showed '$(status_line | sed 's/.*  //')')"
		show_screen
	fi
	key /
	until_screen prompt_is "/"
	type_text "жирафи"
	key Enter
	expect "$1: a missing word says Pattern not found" says "Pattern not found: жирафи"
	done_with
}

if [ -n "$ref" ]; then
	search_case ref-search "$ref" КАНАЛДЖИЙСТВОТО каналджийството
else
	skip 5 "reference briefing not found (DIGLOT_SAMPLES)"
fi
search_case example-search "$sample" НЕПРИДРУЖЕНИТЕ непридружените

open search-keys 140 40 "$sample"
key /
until_screen prompt_is "/"
type_text "Непридружените"
key Enter
expect "/ in mixed case finds the first match (1/2)" says "1/2"
yes_now "... on paragraph 2" at_para "2/6"
key n
expect "n: the next match (2/2) on paragraph 3" says "2/2"
key N
expect "N: back to the previous match (1/2)" says "1/2"
key N
expect "N from the first match wraps to the last (2/2 (wrapped))" says "2/2 (wrapped)"
key '?'
until_screen prompt_is "?"
type_text "UNACCOMPANIED"
key Enter
expect "? searches backward, in English too (1/2 on paragraph 2)" eval 'says "1/2" && at_para "2/6"'
key /
until_screen prompt_is "/"
key Escape
expect "Esc at the / prompt goes back to the status line" at_para ""
yes_now "... and cancels: the view stays on paragraph 2, no search is repeated" \
    eval 'at_para "2/6" && says_not "2/2"'
done_with

open accents 140 40 "$EXAMPLES/briefing-fr-en.dg"
key /
until_screen prompt_is "/"
type_text "SECHERESSES"
key Enter
expect "search ignores accents: /SECHERESSES finds sécheresses" says_match "1/[0-9]*"
done_with

# --- 4. a long document: G, g, :N, scrolling -------------------------

long="$TMP/long.txt"
i=1
while [ $i -le 300 ]; do
	printf 'Параграф %d: това е кратък текст на български език за проверка на превъртането до края на документа.\n\n' $i
	i=$((i + 1))
done >"$long"
i=1
while [ $i -le 300 ]; do
	printf 'Paragraph %d: this is a short text in English for checking that scrolling reaches the end of the document.\n\n' $i
	i=$((i + 1))
done >>"$long"

open long 140 40 "$long"
expect "long: the first screen is paragraph 1 of 300" \
    eval 'at_para "1/300 " && on_top "Параграф 1:" "Paragraph 1:"'
key G
expect "G: the last paragraph pair is on the screen" side_by_side "Параграф 300:" "Paragraph 300:"
yes_now "G: the status line says 300/300 100%" at_para "300/300  100%"
key g
expect "g: back to paragraph 1 at the top" on_top "Параграф 1:" "Paragraph 1:"
key End
expect "End: the last paragraph" eval 'at_para "300/300" && shows "Параграф 300:"'
key Home
expect "Home: the first paragraph" eval 'at_para "1/300 " && on_top "Параграф 1:" "Paragraph 1:"'
key : 3 Enter
expect ":3 puts paragraph 3 at the top of the screen" on_top "Параграф 3:" "Paragraph 3:"
yes_now ":3: the status line says 3/300" at_para "3/300 "
key : 1 5 0 Enter
expect ":150 puts paragraph 150 at the top" on_top "Параграф 150:" "Paragraph 150:"
key j
expect "j scrolls one line: the second line of paragraph 150 is on top" \
    top_text_not "$(top_text_line)"
yes_now "... and it is the rest of paragraph 150 in both languages" \
    on_top "превъртането до края" "scrolling reaches the end"
key k
expect "k scrolls back: paragraph 150 on top again" on_top "Параграф 150:" "Paragraph 150:"
before_bottom=$(bottom_para)
key Space
expect "Space pages down" top_moved_from 150
yes_now "... without skipping a paragraph (top $(top_para), bottom before $before_bottom)" \
    eval '[ "$(top_para)" -gt 150 ] && [ "$(top_para)" -le $((before_bottom + 1)) ]'
key b
expect "b pages back up to paragraph 150" top_is 150
key d
expect "d scrolls half a page down" top_moved_from 150
half=$(top_para)
yes_now "... about half a page (top now $half)" eval '[ "$half" -ge 154 ] && [ "$half" -le 158 ]'
key u
expect "u scrolls half a page back up" top_is 150
key NPage
expect "PgDn pages down" top_moved_from 150
key PPage
expect "PgUp pages back up" top_is 150
key : 1 5 0 Enter '}'
expect "} goes to the next paragraph (151)" at_para "151/300"
key '{' '{'
expect "{ goes to the previous paragraph (149)" at_para "149/300"
done_with

# --- 5. a pipe: the briefing from standard input, keys from /dev/tty --

launch pipe 140 40 \
    'cat "$1" | "$0"; echo $? >"$STATUSFILE.tmp" && mv "$STATUSFILE.tmp" "$STATUSFILE"' \
    "$DIGLOT" "$sample"
expect "cat FILE | diglot shows the briefing side by side" side_by_side "$bg_title" "$en_title"
key G
expect "... and answers keys: G goes to the last paragraph" at_para "6/6"
key q
[ "$(exited pipe)" = 0 ]
ok $? "... and q quits with status 0"
done_with

# --- 6. y copies the focused paragraph (OSC 52) ----------------------

clear_buffers() {
	t list-buffers -F '#{buffer_name}' | while read -r _b; do
		t delete-buffer -b "$_b"
	done
}
buffers() { t list-buffers -F '#{buffer_name}' | wc -l; }
has_buffer() { [ "$(buffers)" -ge 1 ]; }

# copy_check LANG: after "y", exactly one buffer holding row 4's LANG text.
copy_check() {
	clear_buffers
	key y
	expect "y: the status line says paragraph 4 ($1) was copied" \
	    says "Copied paragraph 4 ($1) to the clipboard"
	until_screen has_buffer
	t show-buffer >"$TMP/copy-$1.got" 2>/dev/null
	row_text "$sample" 3 "$1" >"$TMP/copy-$1.want"
	if [ "$(buffers)" = 1 ] && [ -s "$TMP/copy-$1.want" ] && cmp -s "$TMP/copy-$1.got" "$TMP/copy-$1.want"; then
		ok 0 "y: the clipboard holds exactly paragraph 4 in $1"
	else
		ok 1 "y: the clipboard holds exactly paragraph 4 in $1 ($(buffers) buffers)"
		echo "# want: $(head -c 120 "$TMP/copy-$1.want")"
		echo "# got:  $(head -c 120 "$TMP/copy-$1.got")"
	fi
}

open copy 140 40 "$sample"
key : 4 Enter
until_screen at_para "4/6"
copy_check bg
key Tab
expect "Tab focuses the English pane: BG | [EN]" shows "BG | [EN]  ¶"
copy_check en
done_with

# --- 7. q: status 0 and the terminal given back ----------------------

launch quit 140 40 \
    'before=$(stty -g); "$0" "$@"; echo $? >"$STATUSFILE.tmp" && mv "$STATUSFILE.tmp" "$STATUSFILE"
     if [ "$(stty -g)" = "$before" ]; then echo "tty: as before"; else echo "tty: changed"; fi
     echo "shell: after diglot"; exec sleep 60' \
    "$DIGLOT" "$sample"
until_screen at_para 1/
yes_now "quit: the viewer is up on the alternate screen" eval '[ "$(fmt "#{alternate_on}")" = 1 ]'
key q
[ "$(exited quit)" = 0 ]
ok $? "q quits with status 0"
expect "after q the shell's output is on the screen" shows "shell: after diglot"
yes_now "... and the viewer's screen is gone" eval 'shows_not "¶" && shows_not "$bg_title"'
yes_now "... the tty modes are as before (stty -g)" shows "tty: as before"
yes_now "... the alternate screen is off and the cursor visible" \
    eval '[ "$(fmt "#{alternate_on} #{cursor_flag}")" = "0 1" ]'
done_with

# --- 8. hostile text: no escape sequence reaches the terminal --------

hostile="$TMP/hostile.txt"
{
	printf 'Заглавие на български език за проверка\n\n'
	printf 'Това е текст на български\033]0;pwned\007 с опасни знаци\033]52;c;aGVsbG8=\007 и изчистване \033[2J на екрана, а също \342\200\256обратен текст\342\200\254 накрая.\n\n'
	printf 'A title in English for the check\n\n'
	printf 'This is English text\033]0;pwned\007 with hostile bytes\033]52;c;aGVsbG8=\007 and a clear \033[2J of the screen, and also \342\200\256reversed text\342\200\254 at the end.\n'
} >"$hostile"

# The harness would see a leak: cat retitles the pane and sets a buffer.
clear_buffers
launch leak 140 20 'cat "$0"; echo cat-done' "$hostile"
until_screen shows cat-done
until_screen eval '[ "$(fmt "#{pane_title}")" = pwned ] && has_buffer'
ok $? "harness: the same text through cat does retitle the pane and set a paste buffer"
done_with

clear_buffers
open hostile 140 20 "$hostile"
expect "hostile: the text is shown" shows "Това е текст на български"
yes_now "... ESC is shown as ^[ (OSC 0 title)" shows "^[]0;pwned^G"
yes_now "... the clear-screen sequence is shown, not run (the text before it stays)" \
    eval 'shows "^[[2J" && shows "Това е текст на български"'
[ "$(fmt '#{pane_title}')" != pwned ]
ok $? "... the pane title is not changed (it is: $(fmt "#{pane_title}"))"
[ "$(buffers)" = 0 ]
ok $? "... no paste buffer appeared (OSC 52 did not reach the terminal)"
yes_now "... the bidi controls do not reach the screen" no_bidi
done_with

# --- 9. help ------------------------------------------------------------

open help 140 40 "$sample"
key h
expect "h shows the help, with a line for search forward" shows "search forward"
key q
expect "q in the help goes back to the text" side_by_side "$bg_title" "$en_title"
expect "... and does not quit the viewer" eval '[ ! -f "$TMP/help.status" ] && at_para "1/6"'
key F1
expect "F1 shows the help too" shows "search forward"
key q
expect "... and q goes back" side_by_side "$bg_title" "$en_title"
key q
[ "$(exited help)" = 0 ]
ok $? "a second q quits, status 0"
done_with

# A narrow help wraps its descriptions, lists a pillar key per pillar with
# its title, and says what leaves it.
open helpnarrow 60 40 "$sample"
key h
expect "at 60 columns the help wraps a long description" eval \
    'grep -A1 "^  l  *show both, the left, the right\$" "$screen" | sed -n 2p | grep -q "^  *language\$"'
yes_now "... and another" eval \
    'grep -A1 "^  F  *only the active pillar.s\$" "$screen" | sed -n 2p | grep -q "^  *paragraphs (again: all)\$"'
yes_now "... a pillar key for each of the four pillars, with its title" eval \
    'grep -q "^  1  *next paragraph of pillar 1:" "$screen" && grep -q "^  4  *next paragraph of pillar 4:" "$screen" && ! grep -q "^  5 " "$screen"'
yes_now "... titled in the left language" eval 'shows "Защита и помощ"'
yes_now "... and its footer says that any other key returns" says "any other key returns"
key q
done_with

# --- 10. pillars: jump, highlight, filter ------------------------------

if [ -n "$ref" ]; then
	open pillars 140 40 "$ref"
	expect "the pillar bar names the four pillars" shows "4 Изследвания и събиране на данни"
	key 4
	expect "4 goes to the first research paragraph (3 of 4)" at_para "3/4"
	yes_now "... the message at the right whole, the pillars giving way to it with a sign" eval \
	    'says "Изследвания и събиране на данни" && status_has "…  Изследвания"'
	key C-l
	expect "... and, the message gone, the status line names its pillars by their titles" \
	    status_has "Защита и помощ, Капацитет на държавите, Изследвания и събиране на данни"
	t capture-pane -p -e -t "$S" >"$TMP/pillars.esc"
	grep -F "изследвания" "$TMP/pillars.esc" | grep -q "$(printf '\033')\[[0-9;]*m[^$(printf '\033')]*изследвания"
	ok $? "... its Bulgarian term is drawn in a colour of its own"
	grep -F "research" "$TMP/pillars.esc" | grep -q "$(printf '\033')\[[0-9;]*mresearch"
	ok $? "... and so is its English term"
	key F
	expect "F hides the rows without the pillar" eval 'shows_not "Mеждународна организация" && status_has "[filter: Изследвания и събиране на данни]"'
	yes_now "... keeping both languages of the tagged rows" eval 'shows "На 27 март 2018" && shows "On the 27th of March 2018"'
	key F
	expect "F again shows every row" shows "Mеждународна организация"
	key q
	done_with
else
	skip 7 "shared samples not found"
fi

# --- 10b. pillars follow sections --------------------------------------

sec="$TESTS_SRCDIR/data/sections/briefing-bg-en.txt"
open sections 140 40 "$sec"
key 2
expect "2 goes to the causes section's heading" eval 'status_has "Справяне с причините" && shows "5. Addressing the causes"'
key F
expect "F then shows the whole section" eval 'status_has "[filter: Справяне с причините]" && shows "Many people leave their homes" && shows "Local authorities set up"'
yes_now "... in both languages" eval 'shows "Местните власти създадоха"'
yes_now "... and not the other sections" eval 'shows_not "Next year the office" && shows_not "Mobile teams visited"'
key q
done_with

# --- 10c. gaps: a paragraph without its translation ------------------

# sgr_before TEXT CODE: on the screen, TEXT is drawn right after an SGR
# sequence that sets attribute CODE (1 bold, 2 dim, 4 underline).
sgr_before() {
	_esc=$(printf '\033')
	t capture-pane -p -e -t "$S" | grep -F -- "$1" |
	    grep -qE -- "$_esc\[([0-9]+;)*$2(;[0-9]+)*m($_esc\[[0-9;]*m)*$1"
}

gaps="$TESTS_SRCDIR/data/sections/gaps-bg-en.txt"
open gaps 140 40 "$gaps"
yes_now "the status line counts the untranslated paragraphs" status_has "2 untranslated"
key e
expect "e goes to the first paragraph without a translation" says "Untranslated 1 of 2"
yes_now "... whose English pane says so" eval 'side_by_side "Средната продължителност" "— no English text —"'
yes_now "... on the current row" eval '[ "$(line_of L "Средната продължителност")" = "$(line_of R "— no English text —")" ] &&
    sed -n "$(line_of L "Средната продължителност")p" "$screen" | grep -q "┃"'
yes_now "... dim" sgr_before "— no English text —" 2
key e
expect "e again goes to the second" eval 'says "Untranslated 2 of 2" && side_by_side "Служителите на общините" "— no English text —"'
key e
expect "... and then wraps to the first" says "Untranslated 1 of 2 (wrapped)"
key l
until_screen no_gutter
yes_now "one language shown: no count" eval '! status_has "untranslated"'
key e
expect "... and e says there is nothing to find" says "One language shown: no gaps to find"
key h
expect "the help lists e" eval 'shows "next paragraph that has no translation"'
key q q
done_with

# An English section left untranslated in the Russian version: its copies
# stand beside their originals, and count as untranslated.
open copies 140 40 "$TESTS_SRCDIR/data/real/manual-ru-en.txt"
yes_now "untranslated copies are counted on the status line" status_has "2 untranslated"
key e
expect "e goes to the first untranslated copy, beside its original" eval 'says "Untranslated 1 of 2" &&
    side_by_side "The configuration file lives in" "The configuration file lives in"'
yes_now "... marked dim under the copy, on the Russian side" eval 'sgr_before "— untranslated —" 2 &&
    [ "$(line_of L "— untranslated —")" -gt "$(line_of L "The configuration file lives in")" ]'
key q
done_with

if [ -n "$ref" ]; then
	open refgap 140 40 "$ref"
	yes_now "the reference's masthead, a header of one version, has no marker" \
	    eval 'shows "Mеждународна организация" && shows_not "— no English text —"'
	yes_now "... and the status line counts nothing untranslated" eval '! status_has "untranslated"'
	key q
	done_with
else
	skip 2 "shared samples not found"
fi

# --- 10d. headings and languages stand out -------------------------

open headings 140 40 "$sec"
yes_now "a heading is drawn bold" sgr_before "1. General information" 1
yes_now "... and a paragraph is not" eval '! sgr_before "This review summarises" 1'
key s
expect "s stacks: each block opens with its language's tag" eval 'stacked "BG ─" "Годишен преглед" && stacked "EN ─" "Annual Review"'
yes_now "... drawn dim" sgr_before "EN ─" 2
key q
done_with
mkdir -p "$HOME/.config/diglot"
printf '[colors]\nheading = underline\n' >"$HOME/.config/diglot/diglot.ini"
open headings2 140 40 "$sec"
yes_now "[colors] heading = underline underlines headings" sgr_before "1. General information" 4
key q
done_with
rm "$HOME/.config/diglot/diglot.ini"

# --- 10e. the outline ----------------------------------------------

open outline 120 30 "$sec"
key o
expect "o opens the outline of the headings" eval 'shows "Outline: 6 headings"'
yes_now "... in both languages, side by side" eval 'grep -q "^5\. Справяне с причините  *5\. Addressing the causes" "$screen"'
yes_now "... with each heading's pillars" eval 'grep -q "5\. Addressing the causes  *causes\$" "$screen" && grep -q "Key figures\$" "$screen"'
key /
until_screen eval 'status_line | grep -q "^Outline filter:"'
type_text "addressing"
key Enter
expect "/ filters it" eval 'shows "Outline: 1 heading" && shows "[filter: addressing]" && shows_not "Key figures"'
key Enter
expect "Enter goes to the heading" eval 'at_para "22/31" && on_top "5. Справяне с причините" "5. Addressing the causes"'
key T
expect "T opens it too" shows "Outline: 6 headings"
key j j Enter
expect "... where j moves down and Enter goes there" eval 'at_para "12/" && on_top "3. Защита на уязвимите групи" "3. Protecting vulnerable groups"'
key q
done_with

printf '%s\n\n' "1. Protection and assistance" "The office found shelter for many families this year." \
    "1.1 Children" "Every child was given a guardian within a week of arriving." \
    "2. Staff" "The office hired four new people in the spring." >"$TMP/sub.txt"
open outline2 100 20 "$TMP/sub.txt"
key o
expect "the outline indents a subsection" eval 'grep -q "^  1\.1 Children" "$screen" && grep -q "^1\. Protection and assistance" "$screen" && grep -q "^2\. Staff" "$screen"'
yes_now "... which takes its section's pillar" eval 'grep -q "1\.1 Children  *protection\$" "$screen"'
key q
expect "q leaves the outline" at_para 1/
key q
done_with

# --- 10f. a terminal curses cannot drive ----------------------------

launch dumb 100 10 'TERM=dumb "$0" "$1" 2>"$2"; echo $? >"$STATUSFILE.tmp" && mv "$STATUSFILE.tmp" "$STATUSFILE"' \
    "$DIGLOT" "$sample" "$TMP/dumb.err"
[ "$(exited dumb)" = 1 ]
ok $? "TERM=dumb: the viewer exits with status 1"
grep -q "^diglot: cannot use this terminal (TERM=dumb: it cannot move the cursor); try --dump\$" "$TMP/dumb.err"
ok $? "... saying why, and what to use instead"
done_with

# --- 10g. an empty briefing -------------------------------------------

printf '\n\n   \n' >"$TMP/blank.txt"
launch blank 100 10 '"$0" "$1"; echo $? >"$STATUSFILE.tmp" && mv "$STATUSFILE.tmp" "$STATUSFILE"' \
    "$DIGLOT" "$TMP/blank.txt"
expect "a blank briefing: the status line says there are no paragraphs in it" says "no paragraphs in blank.txt"
yes_now "... in words, with no language code" eval '! status_has "UND"'
key q
[ "$(exited blank)" = 0 ]
ok $? "... and q quits, status 0"
done_with

# --- 10h. the pillar bar at any width ---------------------------------

# bar_signed: every title in the pillar bar is whole or ends in "…", and
# a "+N" counts the pillars left out, four in all.
bar_signed() {
	sed -n 1p "$screen" | sed 's/) *\([0-9][0-9]* \)/)\n\1/g; s/^ *//' >"$TMP/bar.items"
	_shown=0
	_more=$(grep -o '+[0-9]*$' "$TMP/bar.items" | tr -d +)
	while IFS= read -r _it; do
		_title=$(printf '%s\n' "$_it" | sed 's/^[0-9]* //; s/ *+[0-9]*$//; s/ ([0-9…]*)$//')
		[ -n "$_title" ] || continue
		case "$_title" in
		"Защита и помощ" | "Справяне с причините" | "Капацитет на държавите" | \
		    "Изследвания и събиране на данни" | *"…") _shown=$((_shown + 1)) ;;
		*) return 1 ;;
		esac
	done <"$TMP/bar.items"
	[ $((_shown + ${_more:-0})) -eq 4 ]
}
if [ -n "$ref" ]; then
	for w in 40 60 100 120; do
		open bar$w $w 12 "$ref"
		expect "the pillar bar at $w columns cuts no title without a sign" bar_signed
		key q
		done_with
	done
	open bar160 160 12 "$ref"
	expect "... and at 160 columns shows every title whole" eval 'shows "4 Изследвания и събиране на данни (2)" && shows "1 Защита и помощ (2)"'
	key q
	done_with
else
	skip 5 "shared samples not found"
fi

# --- 10i. settings problems on the status line ------------------------

printf '[layout]\nsplit = 500\ngutter = -4\nstatus = perhaps\n' >"$TMP/bad3.ini"
launch problems 100 12 '"$0" --config "$1" "$2"; echo $? >"$STATUSFILE.tmp" && mv "$STATUSFILE.tmp" "$STATUSFILE"' \
    "$DIGLOT" "$TMP/bad3.ini" "$sample"
expect "three settings problems: the status line cuts the first, and says 1 of 3 and where to see them" \
    eval 'status_line | grep -q "  bad3\.ini:2: .*… (1 of 3 problems; see --check-config)\$"'
yes_now "... the line cut with a sign, within the screen" eval '[ "$(status_line | wc -L)" -le 100 ]'
key q
done_with

# --- 10j. keys bound to nothing --------------------------------------

open unknown 100 12 "$sample"
key =
expect "an unknown key says so, and where help is" says "Unknown key: = (h for help)"
key j
expect "... the message goes with the next key" eval '! status_has "Unknown key"'
key k =
sleep 0.3
until_screen at_para 1/
yes_now "... and it is said once" eval '! status_has "Unknown key"'
key q
done_with
mkdir -p "$HOME/.config/diglot"
printf '[keys]\nsearch = S\n' >"$HOME/.config/diglot/diglot.ini"
open unbound 100 12 "$sample"
key /
expect "a key whose action moved says where it went" says "/ is not bound: [keys] search is S (h for help)"
key q
done_with
rm "$HOME/.config/diglot/diglot.ini"

# --- 11. marks and the print dialog ------------------------------------

open printing 140 40 "$sample"
key '}' '}' m '}' m
expect "m marks two paragraphs (the status line counts them)" status_has " *2 "
key P
expect "P opens the print dialog, marked paragraphs chosen" shows "marked paragraphs (2)"
key Down Down Down Right Enter
expect "choosing a file asks for its name" eval 'status_line | grep -q "Print to file:"'
type_text "$TMP/printed.txt"
key Enter
expect "the Enter that ends the name prints, and the status line says so" \
    eval 'status_has "Printed 2 paragraphs" && status_has "to $TMP/printed.txt"'
yes_now "the file holds the two marked paragraphs" eval \
    'grep -q "^На 14 октомври 2024" "$TMP/printed.txt" && grep -q "two children out of three" "$TMP/printed.txt" || grep -q "Децата, които пътуват сами" "$TMP/printed.txt"'
yes_now "... and not the others" eval '! grep -q "Балканска мрежа" "$TMP/printed.txt"'
yes_now "... under a header" eval 'grep -q "Page 1 of 1" "$TMP/printed.txt" && grep -q "Marked paragraphs" "$TMP/printed.txt"'
if "$DIGLOT" print --format pdf --output /dev/null "$sample" 2>/dev/null; then
	key P
	expect "the dialog offers PDF, as [print] format says" shows "< PDF (typeset) >"
	key Down Down Down Down Right
	expect "... or text" shows "< text >"
	key Up Right Enter
	type_text "$TMP/printed.pdf"
	key Enter
	expect "a file named .pdf is printed as PDF" \
	    eval 'status_has "to $TMP/printed.pdf" && head -c 5 "$TMP/printed.pdf" | grep -q "^%PDF-"'
else
	skip 3 "built without Pango: no PDF"
fi
key P Escape
expect "Esc closes the dialog without printing" says "Print cancelled"
key q
done_with

# A printer command that asks for a password on the terminal fails at once
# (it has none), not at [print] timeout, and the viewer's screen stays
# whole.
printf '#!/bin/sh\nprintf "Password: " >/dev/tty\nread p </dev/tty\n' >"$TMP/asks"
chmod +x "$TMP/asks"
mkdir -p "$HOME/.config/diglot"
printf '[print]\ncommand = %s\ntimeout = 60\nformat = text\n' "$TMP/asks" \
    >"$HOME/.config/diglot/diglot.ini"
open password 220 40 "$sample"
key P Enter
expect "a printer command that asks for a password fails at once, and the status line says so" \
    eval 'status_has "Print failed: $TMP/asks exited with status" && status_has "/dev/tty"'
yes_now "... the screen is the viewer's still" eval 'shows_not "Password:" && at_para 1/'
key q
done_with
rm "$HOME/.config/diglot/diglot.ini"

# --- 12. a large briefing: shown before all of it is read -------------

# The Bulgarian version, then the English one: about 3.5 MB (36 MB under
# make check-huge), over LOADER_MIN, so the viewer shows a first part at
# once and reads the whole in a thread.  The thread is held back before
# it hands the whole over (DIGLOT_TEST_HOLD, a FIFO) until the test
# releases it: the points on the state while the rest is read race
# nothing.
big="$TMP/big.txt"
n_big=8000
[ -n "${DIGLOT_HUGE:-}" ] && n_big=80000
late=$((n_big - 1))	# a paragraph in the part read last
awk -v n=$n_big 'BEGIN {
	for (i = 1; i <= n; i++)
		printf "Параграф %d: това е текст на български език за проверка на отварянето на голям документ. Първата страница трябва да се появи веднага, докато останалата част се чете.\n\n", i
	for (i = 1; i <= n; i++)
		printf "Paragraph %d: this is a text in English for checking how a large document opens. The first page must appear at once while the rest is being read.\n\n", i
}' >"$big"

# open_held NAME: the viewer on the large briefing in session NAME, its
# reading held at the FIFO $TMP/NAME.hold; returns once its first screen
# is up.
open_held() {
	rm -f "$TMP/$1.hold"
	mkfifo "$TMP/$1.hold"
	launch "$1" 140 40 \
	    'DIGLOT_TEST_HOLD="$1" "$0" "$2"; echo $? >"$STATUSFILE.tmp" && mv "$STATUSFILE.tmp" "$STATUSFILE"' \
	    "$DIGLOT" "$TMP/$1.hold" "$big"
	until_screen at_para 1/
}
# release: session $S's reader may hand the whole over (it has 10 s to
# come to the hold; 1 if it never does).
release() { timeout 10 sh -c 'echo go >"$1"' sh "$TMP/$S.hold"; }
waiting="Reading the whole briefing... (Esc stops waiting)"

open_held big
yes_now "large: the first screen is up while the rest is read (status ¶ 1/…)" at_para "1/…"
yes_now "large: the first paragraph of both versions side by side" \
    side_by_side "Параграф 1:" "Paragraph 1:"
yes_now "... and later pairs on one row too" side_by_side "Параграф 3:" "Paragraph 3:"
key '}' '}'
expect "} moves to the third paragraph while the rest is read (¶ 3/…)" at_para "3/…"
key G
expect "G while the rest is read says it waits for the whole" says "$waiting"
key Escape
expect "Esc stops waiting: still reading, still at the third paragraph" \
    eval 'says "Still reading the briefing" && at_para "3/…"'
release
expect "once it is read, the status line counts every paragraph, still at the third (¶ 3/$n_big)" \
    at_para "3/$n_big "
yes_now "... and the screen still starts at the first pair" on_top "Параграф 1:" "Paragraph 1:"
key G
expect "G: the last pair of the large briefing ($n_big)" side_by_side "Параграф $n_big:" "Paragraph $n_big:"
done_with

open_held bigG
key G
expect "large, G at once: it says it waits for the whole" says "$waiting"
release
expect "... and once it is read shows the last pair" \
    eval 'at_para "$n_big/$n_big" && side_by_side "Параграф $n_big:" "Paragraph $n_big:"'
done_with

open_held bigsearch
key /
until_screen prompt_is "/"
type_text "PARAGRAPH $late:"
key Enter
expect "large, a search at once: it says it waits for the whole" says "$waiting"
release
expect "... and once it is read finds the paragraph in the part read last" \
    eval 'at_para "$late/$n_big" && shows "Paragraph $late:"'
done_with

# The hold is never released here: q must not wait for the thread.
open_held bigquit
key q
[ "$(exited bigquit)" = 0 ]
ok $? "large: q while it is read quits at once with status 0"
done_with

open_held bigwait
key G
until_screen says "$waiting"
_w=$?
key q
[ $_w = 0 ] && [ "$(exited bigwait)" = 0 ]
ok $? "large: q while G waits for the rest quits with status 0"
done_with
rm -f "$big"

# --- the remembered place --------------------------------------------

STATE_HOME="$TMP/remember"
sdir="$STATE_HOME/diglot"
mkdir -p "$TMP/rem"
brief="$TMP/rem/brief.txt"
cp "$long" "$brief"

# kill_viewer NAME: SIGKILL to the viewer in session NAME (the child of
# the pane's shell), so that it cannot write anything on the way out.
kill_viewer() {
	_pp=$(t display-message -p -t "$1" '#{pane_pid}')
	_vp=$(pgrep -P "$_pp")
	kill -KILL $_vp
	_try=0
	while kill -0 $_vp 2>/dev/null && [ $_try -lt 50 ]; do sleep 0.1; _try=$((_try + 1)); done
	t kill-session -t "$1"
}

# state_says KEY VALUE: the briefing's one state file has the line.
state_says() { grep -qx -- "$1 $2" "$sdir"/[0-9a-f]*[0-9a-f] 2>/dev/null; }

open rem1 140 40 "$brief"
key : ; until_screen prompt_is ":"; type_text 120; key Enter
until_screen at_para "120/300 "
key t
expect "remember: at paragraph 120, English on the left" \
    eval 'at_para "120/300 " && on_top "Paragraph 120:" "Параграф 120:"'
key q
[ "$(exited rem1)" = 0 ]
ok $? "remember: q quits with status 0"
state_says top "119 0" && state_says languages "en bg"
ok $? "remember: the state file holds the place and the languages"
done_with

open_at() {	# open_at NAME FILE [OPTION]: the viewer, first screen up
	launch "$1" 140 40 \
	    '"$0" "$@"; echo $? >"$STATUSFILE.tmp" && mv "$STATUSFILE.tmp" "$STATUSFILE"' \
	    "$DIGLOT" ${3:-} "$2"
	until_screen at_para ""
}
open_at rem2 "$brief"
expect "remember: reopened at paragraph 120 with English on the left" \
    eval 'at_para "120/300 " && on_top "Paragraph 120:" "Параграф 120:"'
done_with

mv "$brief" "$TMP/rem/renamed.txt"
brief="$TMP/rem/renamed.txt"
open_at rem3 "$brief"
expect "remember: a renamed briefing opens at its place" \
    eval 'at_para "120/300 " && on_top "Paragraph 120:" "Параграф 120:"'
key s
until_screen stacked "Paragraph 120:" "Параграф 120:"
key q
exited rem3 >/dev/null
done_with
open_at rem4 "$brief"
expect "remember: the stacked layout is remembered too" \
    eval 'at_para "120/300 " && stacked "Paragraph 120:" "Параграф 120:"'
key s
until_screen eval 'side_by_side "Paragraph 120:" "Параграф 120:"'
key q
exited rem4 >/dev/null
done_with

open_at rem5 "$brief" --no-state
expect "remember: --no-state opens at the top" \
    eval 'at_para "1/300 " && on_top "Параграф 1:" "Paragraph 1:"'
key G
until_screen at_para "300/300"
key q
exited rem5 >/dev/null
done_with
state_says top "119 0"
ok $? "remember: --no-state writes nothing"

# Killed (SIGKILL): the place is written a second after it stops moving.
open_at rem6 "$brief"
until_screen at_para "120/300 "
key : ; until_screen prompt_is ":"; type_text 200; key Enter
until_screen at_para "200/300 "
_try=0
until state_says top "199 0" || [ $_try -ge 50 ]; do sleep 0.1; _try=$((_try + 1)); done
kill_viewer rem6
open_at rem7 "$brief"
expect "remember: a killed viewer's place survives" \
    eval 'at_para "200/300 " && on_top "Paragraph 200:" "Параграф 200:"'
key q
exited rem7 >/dev/null
done_with

# Edited: two new paragraphs before; the place follows its paragraph.
{ printf 'Ново въведение към документа, добавено по-късно.\n\nЕще один.\n\n'; cat "$brief"; } >"$brief.new"
{ sed -n '1,/^Paragraph 1:/p' "$brief.new" | sed '$d'; printf 'A new introduction, added later.\n\nOne more.\n\n'; sed -n '/^Paragraph 1:/,$p' "$brief.new"; } >"$brief"
rm -f "$brief.new"
open_at rem8 "$brief"
expect "remember: an edited briefing opens at the same paragraph, now row 202" \
    eval 'at_para "202/302 " && on_top "Paragraph 200:" "Параграф 200:"'
expect "... and says why the place moved" status_has "changed since it was last read"
key q
exited rem8 >/dev/null
done_with

# Bookmarks and the way back.
open_at rem11 "$brief" --no-state
key : ; until_screen prompt_is ":"; type_text 52; key Enter
until_screen at_para "52/302 "
key M
expect "bookmark: M asks for a letter" status_has "Bookmark (a letter)"
key a
expect "bookmark: M a sets bookmark a on the current paragraph" says "Bookmark a: paragraph 52"
key G
until_screen at_para "302/302"
key "'"
until_screen status_has "Go to bookmark"
key a
expect "bookmark: ' a goes back to it" eval 'at_para "52/302 " && on_top "Параграф 50:" "Paragraph 50:"'
key "'" "'"
expect "bookmark: '' returns to where the jump came from (the end)" at_para "302/302"
key "'" "'"
expect "bookmark: '' again goes back to the bookmark" at_para "52/302 "
key g
until_screen at_para "1/302 "
key "'" "'"
expect "bookmark: '' after g comes back from the top" at_para "52/302 "
key "'" q
expect "bookmark: ' then an unset letter says so" says "No bookmark q (Mq sets it)"
key B
expect "bookmark: B lists bookmark a with its paragraph's first words" \
    eval 'shows "Bookmarks (" && grep -q "^ a  *52  Параграф 50: .* Paragraph 50: " "$screen"'
key Escape
until_screen at_para "52/302 "
done_with

# A bookmark is written at once: a viewer killed right after keeps it.
open_at rem12 "$brief"
key : ; until_screen prompt_is ":"; type_text 120; key Enter
until_screen at_para "120/302 "
key M b
until_screen says "Bookmark b: paragraph 120"
_try=0
until grep -q '^mark b 119 ' "$sdir"/[0-9a-f]*[0-9a-f] 2>/dev/null || [ $_try -ge 30 ]; do
	sleep 0.1; _try=$((_try + 1))
done
kill_viewer rem12
open_at rem13 "$brief"
key g
until_screen at_para "1/302 "
key "'" b
expect "bookmark: a killed viewer's bookmark is there on reopening" at_para "120/302 "
key B
until_screen shows "Bookmarks ("
key d
expect "bookmark: d in the list deletes it" shows "No bookmarks"
key Escape
key q
exited rem13 >/dev/null
done_with
grep -q '^mark b ' "$sdir"/[0-9a-f]*[0-9a-f]
[ $? != 0 ]
ok $? "bookmark: the deleted bookmark is gone from the state file"

# Fixes of the rows: J, S, U, kept with the briefing for every front end.
fixed="$TMP/rem/fixed.txt"
cp "$sample" "$fixed"
rows_json() {
	XDG_STATE_HOME="$STATE_HOME" "$DIGLOT" --json "$@" "$fixed" |
		jq -c '[.rows[] | [.bg, .en, (.fixed // false)]]'
}
auto=$(rows_json)
open_at fix1 "$fixed"
key j
until_screen at_para "2/"
key J
expect "fix: J joins the row with the next and says U undoes it" says "Joined paragraph 2 (U undoes)"
key q
exited fix1 >/dev/null
done_with
[ "$(rows_json | jq -c '.[1]')" = "$(echo "$auto" | jq -c '[.[1][0] + .[2][0], .[1][1] + .[2][1], true]')" ]
ok $? "fix: --json shows the joined row, marked fixed, after the viewer quit"
[ "$(rows_json --no-state)" = "$auto" ]
ok $? "fix: --json --no-state shows the automatic rows"
fixfile=$(grep -l '^fix ' "$sdir"/[0-9a-f]*[0-9a-f])
sed 's/^fix .*/fix bg 1 2 en 0 1/' "$fixfile" >"$fixfile.new" && mv "$fixfile.new" "$fixfile"
XDG_STATE_HOME="$STATE_HOME" "$DIGLOT" --tmx "$fixed" |
    grep -A1 '<tu tuid="2">' | grep -q '<prop type="x-diglot-fixed">yes</prop>'
ok $? "fix: --tmx marks the unit of a fixed one-to-one row"
XDG_STATE_HOME="$STATE_HOME" "$DIGLOT" --json "$fixed" 2>"$TMP/fix.err" >/dev/null
[ ! -s "$TMP/fix.err" ]
ok $? "fix: a fix that fits says nothing"
sed 's/^fix .*/fix bg 1 2 en 0 1\nfix fr 0 1\nfix bg 1 2 en 0 1/' "$fixfile" >"$fixfile.new" &&
    mv "$fixfile.new" "$fixfile"
XDG_STATE_HOME="$STATE_HOME" "$DIGLOT" --dump "$fixed" 2>"$TMP/fix.err" >/dev/null
grep -q "1 of the reader's fixes of the rows no longer fit the briefing and is left out" "$TMP/fix.err"
ok $? "fix: one that no longer fits is left out, and --dump says so"
sed '/^fix /d' "$fixfile" >"$fixfile.new" && printf 'fix bg 1 3 en 0 2\n' >>"$fixfile.new" &&
    mv "$fixfile.new" "$fixfile"
open_at fix2 "$fixed"
expect "fix: the viewer reopens with the row joined (one paragraph fewer)" \
    at_para "2/$(($(echo "$auto" | jq length) - 1)) "
key S
expect "fix: S splits the focused language's paragraphs off" says "Split paragraph 2 (U undoes)"
key U
expect "fix: U undoes the split" says "Undone: 1 fix left"
key U
expect "fix: U again undoes the join" says "Undone: 0 fixes left"
key U
expect "fix: U with nothing left says so" says "No join or split to undo"
key q
exited fix2 >/dev/null
done_with
[ "$(rows_json)" = "$auto" ]
ok $? "fix: after undoing both, --json shows the automatic rows again"

# R: the files read again, at the place (a copy of the text read above:
# English on the left, as it was left).
reload="$TMP/rem/reload.txt"
cp "$long" "$reload"
open_at rl1 "$reload"
key : ; until_screen prompt_is ":"; type_text 40; key Enter
until_screen at_para "40/300 "
key R
expect "R reads the briefing again and stays at its paragraph" \
    eval 'at_para "40/300 " && on_top "Paragraph 40:" "Параграф 40:" && ! status_has "changed"'
{ printf 'Нов първи абзац, добавен след първото четене на документа.\n\n'; cat "$long"; } >"$reload.new"
{ sed -n '1,/^Paragraph 1:/p' "$reload.new" | sed '$d'; printf 'A new first paragraph, added after the first reading of the document.\n\n'; sed -n '/^Paragraph 1:/,$p' "$reload.new"; } >"$reload"
rm -f "$reload.new"
key R
expect "R after the file changed shows the new text at the same paragraph" \
    eval 'at_para "41/301 " && on_top "Paragraph 40:" "Параграф 40:"'
expect "... and says the briefing changed" status_has "changed since it was last read"
key q
[ "$(exited rl1)" = 0 ]
ok $? "R: q then quits with status 0"
done_with
open_at rl2 "$reload" --no-state
key R
expect "R with --no-state says it needs the remembered place" status_has "not with --no-state"
key q
done_with

# A bad state file: kept aside, the briefing opens at the top.
for f in "$sdir"/[0-9a-f]*[0-9a-f]; do printf 'diglot-state 7\ntop 5 0\n' >"$f"; done
open_at rem9 "$brief"
expect "remember: a bad state file opens the briefing at the top" at_para "1/302 "
expect "... says what is wrong with it" status_has "written by another diglot"
ls "$sdir"/*.bad >/dev/null 2>&1
ok $? "... and keeps it aside as .bad"
key q
exited rem9 >/dev/null
done_with

# A state folder that cannot be made: a message, the viewer goes on.
STATE_HOME="$TMP/rem/brief-as-dir"
: >"$STATE_HOME"
open_at rem10 "$brief"
key j
expect "remember: an unusable state folder is named on the status line" \
    status_has "will not be remembered"
key q
[ "$(exited rem10)" = 0 ]
ok $? "... and q still quits with status 0"
done_with
unset STATE_HOME

done_testing
