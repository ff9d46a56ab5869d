# SPDX-License-Identifier: MIT
# Settings: each option's effect, bad settings, lookup order, --print-config.
. "$TESTS_SRCDIR/lib.sh"

sample="$EXAMPLES/briefing-bg-en.txt"
ini() { printf "$2" >"$TMP/$1"; }
dump() { "$DIGLOT" --dump --width 100 "$@" "$sample" 2>"$TMP/err"; }

# Effects on --dump.
dump >"$TMP/plain"
ini left.ini '[languages]\nleft = en\n'
dump --config "$TMP/left.ini" >"$TMP/out"
grep -q "^New Programme Supports.*  Нова програма подкрепя" "$TMP/out"
ok $? "[languages] left = en puts English on the left"
ini right.ini '[languages]\nright = bg\n'
dump --config "$TMP/right.ini" >"$TMP/out2"
same "[languages] right = bg does the same" "$TMP/out2" "$TMP/out"
# Where the right pane starts: English on the left is one byte a column.
right_col() {
	"$DIGLOT" --dump --width 100 --lang en,bg "$@" "$sample" |
		awk 'index($0, "Нова програма") { print index($0, "Нова програма") - 1; exit }'
}
[ "$(right_col)" -eq 51 ]
ok $? "by default the right pane starts at column 51 of 100"
ini split.ini '[layout]\nsplit = 30\n'
[ "$(right_col --config "$TMP/split.ini")" -eq 32 ]
ok $? "[layout] split = 30 gives the left pane 30% ($(right_col --config "$TMP/split.ini"))"
ini gutter.ini '[layout]\ngutter = 9\n'
[ "$(right_col --config "$TMP/gutter.ini")" -eq 54 ]
ok $? "[layout] gutter = 9 widens the gap ($(right_col --config "$TMP/gutter.ini"))"
ini stacked.ini '[layout]\nmode = stacked\n'
dump --config "$TMP/stacked.ini" >"$TMP/out"
grep -A2 "^Нова програма" "$TMP/out" | sed 1d | tr '\n' '|' |
    grep -q "^EN ─*|New Programme Supports Unaccompanied Migrant Children"
ok $? "[layout] mode = stacked puts each translation below, under its language's tag"
ini single.ini '[layout]\nmode = single\n'
dump --config "$TMP/single.ini" >"$TMP/out"
has "[layout] mode = single shows the first language" "$TMP/out" "Нова програма"
hasnt "... and only it" "$TMP/out" "New Programme"
ini wrap.ini '[layout]\nwrap = 30\n'
"$DIGLOT" --dump --width 100 --lang en,bg --config "$TMP/wrap.ini" "$sample" | cut -c1-48 | sed "s/ *$//" >"$TMP/out"
fits "[layout] wrap = 30 caps the text width" "$TMP/out" 30
[ "$(right_col --config "$TMP/wrap.ini")" -eq 51 ]
ok $? "... but not where the columns are"

# An action left with no key is reported, and keeps its default.
ini unbound.ini '[keys]\nsearch =\n'
"$DIGLOT" --config "$TMP/unbound.ini" --check-config >/dev/null 2>"$TMP/err"
ok $([ $? -eq 1 ]; echo $?) "--check-config reports an action left with no key"
has "... in the one shape, keeping its default" "$TMP/err" "unbound.ini:2: [keys] search: no key for it (allowed: a character,"
has "... using its default" "$TMP/err" "; using /"

# The one shape of a complaint, with real line numbers.
ini bad.ini '; a comment\n[layout]\nspilt = 40\nsplit = 250\nmode = diagonal\nstatus = maybe\n[colors]\nmatch = purple\n[keys]\nswap = x, Nope\nquitt = q\n[lyout]\nx = 1\nthis is not a setting\n[print]\npaper = A5\n'
"$DIGLOT" --config "$TMP/bad.ini" --check-config >/dev/null 2>"$TMP/err"
ok $([ $? -eq 1 ]; echo $?) "--check-config exits 1 on bad settings"
has "unknown key, with a suggestion" "$TMP/err" "bad.ini:3: [layout] spilt: unknown key (did you mean split?); ignored"
has "out of range, with the range and the value kept" "$TMP/err" "bad.ini:4: [layout] split: 250 is out of range (allowed: 20–80); using 50"
has "a bad choice lists the allowed ones" "$TMP/err" "bad.ini:5: [layout] mode: 'diagonal' is not allowed (allowed: side-by-side, stacked, single); using side-by-side"
has "a bad yes/no" "$TMP/err" "bad.ini:6: [layout] status: 'maybe' is not yes or no (allowed: yes, no); using yes"
has "a bad colour" "$TMP/err" "bad.ini:8: [colors] match: 'purple' is not a colour"
has "a bad key name" "$TMP/err" "bad.ini:10: [keys] swap: 'Nope' is not a key"
has "an unknown action" "$TMP/err" "bad.ini:11: [keys] quitt: unknown key (did you mean quit?); ignored"
has "an unknown section" "$TMP/err" "bad.ini:12: [lyout]: unknown section (did you mean layout?); ignored"
has "a line that is no setting" "$TMP/err" "bad.ini:14: not a setting (expected [section] or key = value); ignored"
has "a bad paper size" "$TMP/err" "bad.ini:16: [print] paper: 'A5' is not allowed (allowed: a4, letter); using a4"
[ "$(grep -c 'bad.ini:' "$TMP/err")" -eq 10 ] &&
	sed 's/.*bad.ini:\([0-9]*\):.*/\1/' "$TMP/err" | sort -n -c
ok $? "one complaint per bad line, in line order"
"$DIGLOT" --config "$TMP/bad.ini" --dump --width 100 "$sample" >"$TMP/out" 2>/dev/null
same "the program goes on with the defaults" "$TMP/out" "$TMP/plain"

# One bad line costs only its own key.
{ printf '\357\273\277[layout]\nsplit = 30\n'; printf 'gutter = %01100d\n' 0; printf 'wrap = \377\376\n[languages]\nleft = en\n'; } >"$TMP/partial.ini"
"$DIGLOT" --config "$TMP/partial.ini" --print-config >"$TMP/out" 2>"$TMP/err"
has "a byte-order mark is no reason to drop the file" "$TMP/out" "split = 30 ; --config $TMP/partial.ini:2"
has "a line over 1022 bytes is reported with its line" "$TMP/err" "partial.ini:3: [layout] gutter: the line is longer than 1022 bytes"
has "invalid UTF-8 in a value is reported" "$TMP/err" "partial.ini:4: [layout] wrap: the value is not valid UTF-8; using 0"
has "the keys after the bad lines still count" "$TMP/out" "left = en ; --config $TMP/partial.ini:6"
ini dup.ini '[layout]\nsplit = 30\nsplit = 40\n[copy]\n'
"$DIGLOT" --config "$TMP/dup.ini" --print-config >"$TMP/out" 2>"$TMP/err"
has "a duplicate key is reported" "$TMP/err" "dup.ini:3: [layout] split: also set on line 2; the later one wins"
has "... and the later one wins" "$TMP/out" "split = 40 ; --config $TMP/dup.ini:3"
has "a section with no keys is reported" "$TMP/err" "dup.ini:4: [copy]: the section has no keys"
status "a --config that is a directory exits 1" 1 "$DIGLOT" --config "$TMP" --check-config
has "... saying so" "$TMP/status.err" "is a directory"
status "a missing --config exits 1" 1 "$DIGLOT" --config "$TMP/none.ini" --dump "$sample"
has "... naming it" "$TMP/status.err" "none.ini: No such file or directory"
status "good settings pass --check-config" 0 "$DIGLOT" --config "$TMP/left.ini" --check-config

# Lookup order: XDG_CONFIG_HOME, then DIGLOT_CONFIG, then --config.
XDG_CONFIG_HOME="$TMP/xdg"
mkdir -p "$XDG_CONFIG_HOME/diglot"
printf '[layout]\nsplit = 30\ngutter = 4\nwrap = 60\n' >"$XDG_CONFIG_HOME/diglot/diglot.ini"
printf '[layout]\nsplit = 35\ngutter = 5\n' >"$TMP/env.ini"
printf '[layout]\nsplit = 40\n' >"$TMP/cli.ini"
DIGLOT_CONFIG="$TMP/env.ini" "$DIGLOT" --config "$TMP/cli.ini" --print-config >"$TMP/out"
has "--config overrides the others" "$TMP/out" "split = 40 ; --config $TMP/cli.ini:2"
has "DIGLOT_CONFIG overrides the user file" "$TMP/out" "gutter = 5 ; $TMP/env.ini:3"
has "the user file overrides the defaults" "$TMP/out" "wrap = 60 ; $XDG_CONFIG_HOME/diglot/diglot.ini:4"
has "untouched keys say they are defaults" "$TMP/out" "mode = side-by-side ; default"
XDG_CONFIG_HOME= "$DIGLOT" --print-config >"$TMP/out"
hasnt "with XDG_CONFIG_HOME unset the user file is not there" "$TMP/out" "wrap = 60"
mkdir -p "$HOME/.config/diglot"
printf '[layout]\nwrap = 70\n' >"$HOME/.config/diglot/diglot.ini"
XDG_CONFIG_HOME= "$DIGLOT" --print-config >"$TMP/out"
has "... and ~/.config/diglot/diglot.ini is read instead" "$TMP/out" "wrap = 70 ; $HOME/.config/diglot/diglot.ini:2"
rm -rf "$XDG_CONFIG_HOME/diglot" "$HOME/.config/diglot"
XDG_CONFIG_HOME="$HOME/.config"

# --print-config is valid INI that gives back the same settings.
printf '[layout]\nsplit = 33\n[copy]\ncommand = "xclip -selection clipboard ; x"\n[languages]\nleft = en\n' >"$TMP/mine.ini"
"$DIGLOT" --config "$TMP/mine.ini" --print-config >"$TMP/printed.ini"
"$DIGLOT" --config "$TMP/printed.ini" --print-config >"$TMP/again.ini" 2>"$TMP/err"
[ ! -s "$TMP/err" ]
ok $? "the printed settings read back without a complaint"
sed 's/ ; [^;]*$//' "$TMP/printed.ini" >"$TMP/a"
sed 's/ ; [^;]*$//' "$TMP/again.ini" >"$TMP/b"
same "... and give the same settings" "$TMP/b" "$TMP/a"
has "a value with ; is quoted" "$TMP/printed.ini" 'command = "xclip -selection clipboard ; x"'
printf '[pillar.a]\ntitle.en = "\t\tWater"\ntitle.bg = "Вода\t"\n' >"$TMP/tabs.ini"
"$DIGLOT" --config "$TMP/tabs.ini" --print-config >"$TMP/tabs-printed.ini"
"$DIGLOT" --config "$TMP/tabs-printed.ini" --print-config >"$TMP/tabs-again.ini"
grep '^title\.' "$TMP/tabs-printed.ini" | sed 's/ ; [^;]*$//' >"$TMP/a"
grep '^title\.' "$TMP/tabs-again.ini" | sed 's/ ; [^;]*$//' >"$TMP/b"
same "a value's tabs at either end are quoted, and read back" "$TMP/b" "$TMP/a"
printf "[pillar.a]\ntitle.en = ''Water and \"Вода\"\n" >"$TMP/quotes.ini"
"$DIGLOT" --config "$TMP/quotes.ini" --print-config >"$TMP/quotes-printed.ini"
has "a value holding both quotes, opening with two, is written as it was" \
    "$TMP/quotes-printed.ini" "title.en = ''Water and \"Вода\" ; --config"
"$DIGLOT" --config "$TMP/quotes-printed.ini" --print-config >"$TMP/quotes-again.ini"
grep '^title\.' "$TMP/quotes-printed.ini" | sed 's/ ; [^;]*$//' >"$TMP/a"
grep '^title\.' "$TMP/quotes-again.ini" | sed 's/ ; [^;]*$//' >"$TMP/b"
same "... and read back the same" "$TMP/b" "$TMP/a"
printf '[keys]\nquit = q\\  \n[colors]\ncurrent = red\n' >"$TMP/backslash.ini"
"$DIGLOT" --config "$TMP/backslash.ini" --print-config >"$TMP/backslash-printed.ini" 2>"$TMP/backslash.err"
has "a backslash with blanks after it joins the next line, as iniparser joins it" \
    "$TMP/backslash.err" "backslash.ini:2: [keys] quit: 'q[colors]' is not a key"
has "... so the key after it is in [keys], and said to be unknown" "$TMP/backslash.err" \
    "backslash.ini:4: [keys] current: unknown key; ignored"
status "... and --print-config reads back without a complaint" 0 \
    "$DIGLOT" --config "$TMP/backslash-printed.ini" --print-config
[ ! -s "$TMP/status.err" ]
ok $? "... none at all"
"$DIGLOT" --config "$TMP/printed.ini" --dump --width 100 "$sample" >"$TMP/x" 2>&1
"$DIGLOT" --config "$TMP/mine.ini" --dump --width 100 "$sample" >"$TMP/y" 2>&1
same "... and lay out the briefing the same" "$TMP/x" "$TMP/y"

# A language added in the settings, no code touched.
cat >"$TMP/ro.ini" <<'INI'
[language.ro]
name = Română
name.en = Romanian
script = Latin
stopwords = și, este, sunt, pentru, care, din, către, acest, această, privind, precum, într
letters = ă, ș, ț, â, î
markers = Română, Versiunea în limba română
INI
printf 'Noul program pentru copiii migranți\n\nProgramul este finanțat pentru trei ani și privește copiii care sosesc singuri în țară.\n\nThe new programme for migrant children\n\nThe programme is funded for three years and concerns the children who arrive alone in the country.\n' >"$TMP/ro-en.txt"
"$DIGLOT" --config "$TMP/ro.ini" --json "$TMP/ro-en.txt" >"$TMP/ro.json"
[ "$(jq -r '.languages | join(",")' "$TMP/ro.json")" = "ro,en" ]
ok $? "a [language.ro] section teaches diglot Romanian"

# [languages] may name it before its section: --print-config writes them so.
{ printf '[languages]\nleft = ro\n\n'; cat "$TMP/ro.ini"; } >"$TMP/ro-first.ini"
status "[languages] left = ro above [language.ro] is accepted" 0 \
    "$DIGLOT" --config "$TMP/ro-first.ini" --check-config
"$DIGLOT" --config "$TMP/ro-first.ini" --print-config >"$TMP/ro-printed.ini" 2>&1
status "... and --print-config with it reads back with no complaint" 0 \
    "$DIGLOT" --config "$TMP/ro-printed.ini" --check-config

# In a locale that writes numbers with a comma, a length is still read
# with its point, and printed back so.
printf '[print]\nmargin = 12.5mm\nfont = DejaVu Serif 10.5\n' >"$TMP/point.ini"
if bg=$(bg_locale); then
	status "in the Bulgarian locale, margin = 12.5mm is a length" 0 \
	    env $bg "$DIGLOT" --config "$TMP/point.ini" --check-config
	env $bg "$DIGLOT" --config "$TMP/point.ini" --print-config >"$TMP/point.out" 2>&1
	has "... and --print-config prints it with its point" "$TMP/point.out" "margin = 12.5mm"
else
	skip 2 "no locale sources to make bg_BG.UTF-8 (the locales package)"
fi

done_testing
