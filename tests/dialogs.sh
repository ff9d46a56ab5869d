# SPDX-License-Identifier: MIT
# The viewer's help screen, prompts and print dialog read their keys
# through the key table: a [keys] binding applies there, the help and the
# dialog name the bound keys, the dialog's layouts are the option table's.
# In a real terminal: tmux, as tests/viewer.sh.
. "$TESTS_SRCDIR/lib.sh"

command -v tmux >/dev/null 2>&1 || skip_all "tmux not installed"
infocmp tmux-256color >/dev/null 2>&1 || skip_all "no tmux-256color terminfo entry"

sample="$EXAMPLES/briefing-bg-en.txt"
screen="$TMP/screen"
trap 't kill-server >/dev/null 2>&1; rm -rf "$TMP" "${sockdir:-}"' EXIT
trap 'exit 1' HUP INT TERM
tmux_start || skip_all "tmux cannot start a server here"

# open NAME INI: the viewer on the sample at 140x40 with the settings INI
# (as --config); returns once its first screen is up.
open() {
	S=$1
	printf '%b' "$2" >"$TMP/$S.ini"
	t new-session -d -s "$S" -x 140 -y 40 \
	    env -u COLUMNS -u LINES -u DIGLOT_CONFIG -u NO_COLOR LC_ALL=C.UTF-8 TERM=tmux-256color \
	    HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/home/.config" \
	    XDG_STATE_HOME="$(mktemp -d "$TMP/state.XXXXXX")" \
	    "$DIGLOT" --config "$TMP/$S.ini" "$sample"
	until_screen shows "¶ 1/"
}
# expect DESCRIPTION PREDICATE ARG...: the screen comes to satisfy it.
expect() {
	_desc=$1
	shift
	until_screen "$@"
	_r=$?
	ok $_r "$_desc"
	[ $_r = 0 ] || grep -n . "$screen" | sed 's/^/#   /'
}
key() { t send-keys -t "$S" "$@"; }
shows() { grep -qF -- "$1" "$screen"; }
shows_not() { ! grep -qF -- "$1" "$screen"; }
status_line() { tail -n 1 "$screen"; }
says() { case $(status_line) in *"$1"*) return 0 ;; esac; return 1; }
# help_line KEYS HELP: a line of the help gives KEYS for the action HELP.
help_line() { grep -q "^  $1  *$2" "$screen"; }
# first_entry TEXT: the help's first line under its title starts with TEXT.
first_entry() { sed -n 2p "$screen" | grep -q "^  $1"; }

open help '[keys]\nsearch = S\ndown = w, Down\ncancel = x\n'
key h
expect "the help lists search with the key bound to it" help_line "S" "search forward"
expect "... and says which keys scroll and leave it: the bound ones" \
    says " Help: w/k scroll, any other key returns"
key w
expect "the rebound down key scrolls the help" first_entry "k, Up"
key G
expect "G shows its end: the dialogs' actions, with their keys" \
    eval 'shows "In the print dialog and prompts" && help_line "x" "cancel" &&
    help_line "Down, j, Tab" "the next field"'
key q
expect "q leaves the help" shows "¶ 1/6"

key P
expect "P opens the print dialog, naming its bound keys" \
    eval 'shows "Up/Down choose, Left/Right change," && shows "Enter prints, x cancels"'
key Down Down
expect "Down goes to the layout field, at [print] layout" shows "< side-by-side >"
layouts=$("$DIGLOT" --list-options | awk -F '\t' '$1 == "print" && $2 == "layout" { print $4 }')
seen=
for l in $(echo "$layouts" | tr '|' ' ') side-by-side; do
	until_screen shows "< $l >" || break
	seen="$seen $l"
	key Right
done
[ "$seen" = " $(echo "$layouts" | tr '|' ' ') side-by-side" ]
ok $? "Right steps through the option table's print layouts and back (seen:$seen)"
# The key after q shows that q was read, and did nothing.
key q Right
expect "q, no longer bound to cancel, leaves the dialog open" shows "< interleaved >"
key x
expect "the key bound to cancel closes it" says "Print cancelled"

key S
expect "the key bound to search opens the search prompt" eval 'status_line | grep -q "^/"'
t send-keys -t "$S" -l -- "xq"
expect "... where a character bound to a dialog action is typed" eval 'status_line | grep -q "^/xq"'
key BSpace BSpace BSpace
expect "Backspace erases, and on nothing leaves the prompt" eval 'shows "¶ 1/6" && ! status_line | grep -q "^/"'
key q
t kill-session -t help 2>/dev/null

open layout '[print]\nlayout = interleaved\n[keys]\nnext-field = j\nconfirm = C-o\n'
key P
expect "the dialog names the rebound confirm key" shows "C-o prints, Esc cancels"
key j j
expect "next-field bound to j alone moves; the dialog starts at [print] layout" \
    shows "< interleaved >"
key Down Right
expect "Down, no longer bound to next-field, leaves the field where it was" \
    eval 'shows "< side-by-side >" && shows "< printer ("'
key Escape
expect "Esc cancels" says "Print cancelled"
key q
t kill-session -t layout 2>/dev/null
done_testing
