# SPDX-License-Identifier: MIT
# Documents in the shapes of real ones: download tables, code, regular
# expressions, Latin names in Cyrillic, untranslated copies, lists.
. "$TESTS_SRCDIR/lib.sh"

data="$TESTS_SRCDIR/data/real"

# What --json gives for FILES, in the form of the .expect files.
model() {
	(cd "$data" && "$DIGLOT" --json "$@") | jq -r '
		(.languages | join(",")),
		([.blocks[] | .lang + (if .lang_from then "*" else "" end) + "/" +
		  (if .kind == "header" then "header" else .kind[0:1] end)] | join(" ")),
		([.rows[] | ([.[keys_unsorted[0]], .[keys_unsorted[1]]] | map(join(",")) | join("|")) +
		  (if .untranslated then "U" else "" end)] | join("  "))'
}

for want in "$data"/*.expect; do
	name=$(basename "$want" .expect)
	read -r files <"$want"
	# shellcheck disable=SC2086
	{ echo "$files"; model $files; } >"$TMP/$name.got"
	same "$name: languages, kinds and rows as written by hand" "$TMP/$name.got" "$want"
done

# What a reader sees: the regular expressions beside their copies, the
# Bulgarian "see" lines beside the English ones.
"$DIGLOT" --dump --width 120 "$data/spec-bg-en.txt" >"$TMP/spec.dump"
grep -q '^\^\[A-Za-z\]\[A-Za-z0-9_-\]{0,62}\$ .*\^\[A-Za-z\]\[A-Za-z0-9_-\]{0,62}\$$' "$TMP/spec.dump"
ok $? "--dump: a regular expression stands beside its copy"
grep -q '^Вижте: https://semver.org/#spec-item-2 .*See: https://semver.org/#spec-item-2$' "$TMP/spec.dump"
ok $? "--dump: the Bulgarian see line beside the English one"
# An untranslated section stands beside its original, marked.
"$DIGLOT" --dump --width 120 "$data/manual-ru-en.txt" >"$TMP/manual.dump"
grep -q '^The configuration file lives in .*The configuration file lives in' "$TMP/manual.dump"
ok $? "--dump: an untranslated paragraph stands beside its original"
grep -q '^Проверка установки .*Checking the installation$' "$TMP/manual.dump"
ok $? "--dump: the translated heading after it is in line"
# Each copy says so under its text, in the version that holds it; its
# original and the identical code of spec-bg-en do not.
[ "$(grep -c '^— untranslated —$' "$TMP/manual.dump")" = 2 ]
ok $? "--dump: each untranslated copy is marked under it, on the Russian side"
grep -B1 '^— untranslated —$' "$TMP/manual.dump" | grep -q 'to change anything at all\. *to change anything at all\.$'
ok $? "... right under the copy's last line"
! grep -q ' — untranslated —' "$TMP/manual.dump"
ok $? "... and the English original carries no marker"
"$DIGLOT" --dump --width 120 "$data/manual.ru.txt" "$data/manual.en.txt" >"$TMP/manual2.dump"
[ "$(grep -c '^— untranslated —$' "$TMP/manual2.dump")" = 2 ] &&
    ! grep -q ' — untranslated —' "$TMP/manual2.dump"
ok $? "--dump: two files: the copies in the Russian file are marked, the originals not"
! grep -q 'untranslated' "$TMP/spec.dump"
ok $? "--dump: a regular expression the same in both versions is no untranslated copy"

# A packed list's item that runs over two lines keeps its second line; a
# paragraph with one line that starts with a dash stays whole.
printf '%s\n' 'The office asks for three things:' '- a room for the training' \
    '  with a projector and a screen;' '- lunch for forty people;' '- two interpreters.' '' \
    'The training lasts two days and' '- as in every year - ends with a test.' >"$TMP/packed.txt"
"$DIGLOT" --json "$TMP/packed.txt" | jq -r '.blocks[] | "\(.line) \(.text)"' >"$TMP/packed.got"
printf '%s\n' '1 The office asks for three things:' '2 - a room for the training with a projector and a screen;' \
    '4 - lunch for forty people;' '5 - two interpreters.' \
    '7 The training lasts two days and - as in every year - ends with a test.' >"$TMP/packed.want"
same "a packed list: a block per item from its line, the lines of an item together" "$TMP/packed.got" "$TMP/packed.want"

# Two identical blocks side by side (a date in each version of an
# interleaved note) are read without touching memory outside the document.
# (A build with sanitizers does not run under valgrind: it is checked by
# them.)
if command -v valgrind >/dev/null 2>&1 && [ -z "${DIGLOT_WRAPPER:-}" ] &&
	valgrind -q --error-exitcode=99 "$DIGLOT" --version >/dev/null 2>&1; then
	valgrind -q --error-exitcode=99 "$DIGLOT" --json "$data/dates-interleaved.txt" \
		>/dev/null 2>"$TMP/valgrind.err"
	ok $? "identical neighbours: no memory error under valgrind"
	sed 's/^/# /' "$TMP/valgrind.err" | head -n 5
else
	skip 1 "valgrind is not installed, runs the program already or cannot run this build"
fi

# A closing exclamation is a paragraph, whatever its length.
"$DIGLOT" --json "$data/release.bg.txt" "$data/release.en.txt" >"$TMP/release.json"
[ "$(jq -r '[.blocks[] | select(.text | endswith("!")) | .kind] | join(",")' "$TMP/release.json")" = "paragraph,paragraph" ]
ok $? "\"Подкрепете проекта и дарете сега!\" and \"… donate now!\" are paragraphs"
"$DIGLOT" --json --lang en,bg "$data/spec-bg-en.txt" >"$TMP/lang.json"
[ "$(jq -r '.languages | join(",")' "$TMP/lang.json")" = "en,bg" ]
ok $? "--lang en,bg still decides the order"

done_testing
