# SPDX-License-Identifier: MIT
# The manual pages against the program's own tables, so that they cannot
# drift apart: the options of --help and the keys of [keys] in diglot(1),
# every setting of --list-options in diglot.ini(5), and pages that render
# without warnings.
#
# The pages are read as text by a small de-roffer (deroff below), which
# knows the macros the pages use.  Their conventions:
#  - diglot.1: OPTIONS has a .TP entry per option, tagged as --help shows
#    it ("--width N"), those of a group of --help such as "Print options"
#    under a .SS of that name; KEYS has a .TP entry per action, tagged with the
#    default keys as [keys] lists them ("j, Down, Enter, C-n, C-e"), whose
#    text names the action in parentheses ("(down)"), in the order of
#    [keys]; what follows the first .SS of KEYS is not an action.
#  - diglot.ini.5: under .SH "SECTIONS AND KEYS", a .SS "[SECTION]" per
#    section and a .TP entry per key tagged "KEY = FORM".  A "*" of the
#    option table is written as a placeholder in capitals: [pillar.ID],
#    title.CODE, ACTION.  FORM is "a | b | c" for a choice of words; the
#    entry says "from A to B" for a range of numbers, and "Default: VALUE."
#    (or "Default: empty.") for a key that has a default.  [keys] also has
#    an entry "ACTION = KEYS" per action, with its default keys.
. "$TESTS_SRCDIR/lib.sh"

docs="$TESTS_SRCDIR/../docs"
man1="$docs/diglot.1"
man5="$docs/diglot.ini.5"
US=$(printf '\037')	# a field separator no value holds

for f in "$man1" "$man5"; do
	[ -f "$f" ] || skip_all "no $f"
done

# deroff PAGE TEXT ENTRIES: the page's text, one line per source line with
# the macros' arguments joined, into TEXT; its .TP entries into ENTRIES,
# one a line: SECTION US SUBSECTION US TAG US TEXT.
deroff() {
	awk -v US="$US" -v text="$2" -v entries="$3" '
	function unesc(s,   n, parts, i, r) {
		gsub(/\\f[BIRP]/, "", s)
		gsub(/\\\(aq/, "\047", s)
		gsub(/\\\((dq|lq|rq)/, "\"", s)
		gsub(/\\\(em/, "--", s)
		gsub(/\\\(en/, "-", s)
		gsub(/\\\(bu/, "*", s)
		gsub(/\\\(ps/, "P", s)
		gsub(/\\-/, "-", s)
		gsub(/\\[|^&%]/, "", s)
		gsub(/\\c$/, "", s)
		n = split(s, parts, /\\e/)
		r = parts[1]
		for (i = 2; i <= n; i++)
			r = r "\\" parts[i]
		return r
	}
	# The arguments of a macro line, split as troff does, into A.
	function args(s,   n, i, c, q, cur, have) {
		n = 0; cur = ""; q = 0; have = 0
		for (i = 1; i <= length(s); i++) {
			c = substr(s, i, 1)
			if (c == "\"") {
				if (q && substr(s, i + 1, 1) == "\"") {
					cur = cur c
					i++
				} else {
					q = !q
					have = 1
				}
			} else if (c == " " && !q) {
				if (have)
					A[++n] = cur
				cur = ""; have = 0
			} else {
				cur = cur c; have = 1
			}
		}
		if (have)
			A[++n] = cur
		return n
	}
	function flush() {
		if (intp && tag != "")
			print sh US ss US tag US body > entries
		intp = 0; wanttag = 0; tag = ""; body = ""
	}
	function textline(t) {
		if (pend != "") {
			t = pend t
			pend = ""
		}
		if (t ~ /\\c$/) {
			pend = unesc(t)
			return
		}
		t = unesc(t)
		print t > text
		if (wanttag) {
			tag = t; wanttag = 0; intp = 1
		} else if (intp) {
			body = body (body == "" ? "" : " ") t
		}
	}
	/^\.\\"/ || /^\047\\"/ { next }
	/^\.(B|I|R)( |$)/ {
		n = args(substr($0, 4)); t = ""
		for (i = 1; i <= n; i++)
			t = t (i > 1 ? " " : "") A[i]
		textline(t)
		next
	}
	/^\.(BR|RB|BI|IB|IR|RI)( |$)/ {
		n = args(substr($0, 5)); t = ""
		for (i = 1; i <= n; i++)
			t = t A[i]
		textline(t)
		next
	}
	/^\./ {
		name = $1
		n = args(substr($0, length(name) + 2)); t = ""
		for (i = 1; i <= n; i++)
			t = t (i > 1 ? " " : "") A[i]
		t = unesc(t)
		flush()
		print name " " t > text
		if (name == ".SH") {
			sh = t; ss = ""
		} else if (name == ".SS") {
			ss = t
		} else if (name == ".TP") {
			wanttag = 1
		}
		next
	}
	{ textline($0) }
	END { flush(); close(entries); close(text) }
	' "$1"
	: >>"$3"
}

deroff "$man1" "$TMP/man1.txt" "$TMP/man1.entries"
deroff "$man5" "$TMP/man5.txt" "$TMP/man5.entries"

# The program's tables.
"$DIGLOT" --help >"$TMP/help" 2>&1
ok $? "--help works"
"$DIGLOT" --list-options >"$TMP/options" 2>&1
ok $? "--list-options works"
"$DIGLOT" --print-config >"$TMP/config" 2>"$TMP/config.err"
ok $? "--print-config works with the built-in settings"

# --print-config as SECTION US KEY US VALUE US ORIGIN, quotes removed.
awk -v US="$US" '
	/^\[.*\]$/ { sec = substr($0, 2, length($0) - 2); next }
	sec != "" && / = / {
		k = index($0, " = ")
		key = substr($0, 1, k - 1)
		rest = substr($0, k + 3)
		o = 0
		for (i = length(rest) - 2; i > 0; i--)
			if (substr(rest, i, 3) == " ; ") { o = i; break }
		origin = o ? substr(rest, o + 3) : ""
		v = o ? substr(rest, 1, o - 1) : rest
		q = substr(v, 1, 1)
		if (length(v) >= 2 && (q == "\"" || q == "\047") && substr(v, length(v)) == q)
			v = substr(v, 2, length(v) - 2)
		print sec US key US v US origin
	}' "$TMP/config" >"$TMP/settings"
awk -F "$US" '$1 == "keys"' "$TMP/settings" >"$TMP/keys"
[ -s "$TMP/keys" ]
ok $? "--print-config has a [keys] section"

# diglot.1, OPTIONS: every option of --help, as --help writes it, as
# GROUP US OPTION.  The options up to a heading "Print options ..." are
# the global ones (group "-"), documented in OPTIONS before any .SS;
# those after it are in the .SS "Print options" of OPTIONS.  Three or
# more spaces end an option, and may separate two on one line.
awk -v US="$US" '
	/^[A-Z][a-z]* options/ { group = tolower($1) }
	/^  --/ {
		n = split(substr($0, 3), part, /   +/)
		for (i = 1; i <= n; i++)
			if (part[i] ~ /^--/) {
				sub(/  .*/, "", part[i])
				print (group == "" ? "-" : group) US part[i]
			}
	}' "$TMP/help" >"$TMP/help.options"
[ -s "$TMP/help.options" ]
ok $? "--help lists options"
awk -F "$US" -v US="$US" '$1 == "OPTIONS" {
	g = tolower($2)
	if (g == "")
		g = "-"
	else if (sub(/ options$/, "", g) != 1)
		next
	print g US $3
}' "$TMP/man1.entries" >"$TMP/man1.options"
while IFS="$US" read -r group opt; do
	grep -qxF -- "$group$US$opt" "$TMP/man1.options"
	found=$?
	if [ "$group" = - ]; then
		ok $found "diglot.1 documents $opt"
	else
		ok $found "diglot.1 documents $opt, an option of $group"
	fi
done <"$TMP/help.options"
grep -vxF -f "$TMP/help.options" "$TMP/man1.options" >"$TMP/stray"
[ ! -s "$TMP/stray" ]
ok $? "diglot.1 documents no option that --help lacks"
sed "s/^/#   /; s/$US/ /" "$TMP/stray"

# diglot.1, KEYS: every action with its default keys, in table order.
awk -F "$US" '$1 == "KEYS" && $2 == "" {
	if (match($4, /\([a-z0-9-]+\)$/))
		print substr($4, RSTART + 1, RLENGTH - 2) "\t" $3
	else
		print "?\t" $3
}' "$TMP/man1.entries" >"$TMP/man1.keys"
while IFS="$US" read -r sec action keys origin; do
	if [ "$origin" != default ]; then
		echo "ok $((tap_n += 1)) # SKIP [keys] $action is set by $origin"
		continue
	fi
	got=$(awk -F '\t' -v a="$action" '$1 == a { print $2 }' "$TMP/man1.keys")
	[ "$got" = "$keys" ]
	ok $? "diglot.1 KEYS: $keys ($action)"
	[ "$got" = "$keys" ] || echo "#   documented: '${got:-nothing}'"
done <"$TMP/keys"
cut -f1 "$TMP/man1.keys" >"$TMP/man1.actions"
awk -F "$US" '{ print $2 }' "$TMP/keys" >"$TMP/actions"
same "diglot.1 KEYS has the actions of [keys], in order, and no others" \
	"$TMP/man1.actions" "$TMP/actions"

# diglot.ini.5: every section and key of --list-options, with its form,
# range and default.
tr '\t' "$US" <"$TMP/options" >"$TMP/options.us"
[ -s "$TMP/options.us" ]
ok $? "--list-options lists settings"
# The documented form of a table name, as an awk regular expression: a
# "*" is a placeholder in capitals, other punctuation is literal.
AWK_RE='
	function re(name,   r, i, c) {
		r = "^"
		for (i = 1; i <= length(name); i++) {
			c = substr(name, i, 1)
			if (c == "*")
				r = r "[A-Z][A-Z]*"
			else if (c ~ /[A-Za-z0-9_-]/)
				r = r c
			else
				r = r "\\" c
		}
		return r "$"
	}'
ini_check() {	# SECTION KEY DEFAULT ALLOWED: what is wrong, on stdout
	awk -F "$US" -v sec="$1" -v key="$2" -v def="$3" -v allowed="$4" "$AWK_RE"'
	FILENAME == ARGV[1] {	# the settings, for effective defaults
		if ($1 == sec && $2 == key && $4 == "default")
			def = $3
		next
	}
	$1 == "SECTIONS AND KEYS" && $2 ~ re("[" sec "]") {
		k = index($3, " = ")
		if (k && substr($3, 1, k - 1) ~ re(key)) {
			found++
			form = substr($3, k + 3)
			body = $4
		}
	}
	END {
		what = "[" sec "] " key
		if (!found) {
			print what ": no entry"
			exit
		}
		if (allowed ~ /\|/) {
			want = allowed
			gsub(/\|/, " | ", want)
			if (form != want)
				print what ": the form is \"" form "\", not \"" want "\""
		} else if (allowed ~ /^[0-9]+-[0-9]+$/) {
			split(allowed, r, "-")
			if (!index(body, "from " r[1] " to " r[2]))
				print what ": no \"from " r[1] " to " r[2] "\""
		}
		if (sec !~ /\*/ && key !~ /\*/) {
			d = "Default: " (def == "" ? "empty" : def)
			if (!index(body, d ".") && !index(body, d ","))
				print what ": no \"" d ".\""
		}
	}' "$TMP/settings" "$TMP/man5.entries"
}
while IFS="$US" read -r sec key def allowed help; do
	ini_check "$sec" "$key" "$def" "$allowed" >"$TMP/why"
	[ ! -s "$TMP/why" ]
	ok $? "diglot.ini.5 documents [$sec] $key"
	sed 's/^/#   /' "$TMP/why"
done <"$TMP/options.us"

# ... and nothing else: every key it documents is in the table (a "*" as
# a placeholder) or, by its own name, in --print-config (the actions).
awk -F "$US" -v US="$US" "$AWK_RE"'
	FILENAME == ARGV[1] { tsec[++n] = $1; tkey[n] = $2; next }
	FILENAME == ARGV[2] { real[$1 US $2] = 1; next }
	$1 == "SECTIONS AND KEYS" {
		k = index($3, " = ")
		key = k ? substr($3, 1, k - 1) : $3
		sec = $2
		known = 0
		if (sec ~ /^\[.*\]$/) {
			for (i = 1; i <= n && !known; i++)
				known = sec ~ re("[" tsec[i] "]") && key ~ re(tkey[i])
			known = known || real[substr(sec, 2, length(sec) - 2) US key]
		}
		if (!known)
			print sec " " key
	}' "$TMP/options.us" "$TMP/settings" "$TMP/man5.entries" >"$TMP/stray"
[ ! -s "$TMP/stray" ]
ok $? "diglot.ini.5 documents no key the program does not know"
sed 's/^/#   /' "$TMP/stray"

# diglot.ini.5, [keys]: every action with its default keys.
awk -F "$US" -v US="$US" '
	FILENAME == ARGV[1] { if ($4 == "default") want[$2 " = " $3] = 1; next }
	$1 == "SECTIONS AND KEYS" && $2 == "[keys]" { have[$3] = 1 }
	END { for (k in want) if (!have[k]) print k }' \
	"$TMP/keys" "$TMP/man5.entries" >"$TMP/missing"
[ ! -s "$TMP/missing" ]
ok $? "diglot.ini.5 lists every action of [keys] with its default keys"
sed 's/^/#   missing: /' "$TMP/missing"

# The diglot pages named in the pages and in --help exist.
cat "$TMP/man1.txt" "$TMP/man5.txt" "$TMP/help" |
	grep -o 'diglot[a-z.-]*([1-9])' | sort -u >"$TMP/refs"
: >"$TMP/dangling"
while read -r ref; do
	page=${ref%"("*}
	section=${ref#*"("}
	section=${section%")"}
	[ -f "$docs/$page.$section" ] || echo "$ref" >>"$TMP/dangling"
done <"$TMP/refs"
[ ! -s "$TMP/dangling" ]
ok $? "every diglot page the pages and --help name exists"
sed 's/^/#   no page: /' "$TMP/dangling"

# Every page renders without a warning.
for f in "$docs"/*.[1-9]; do
	name=${f##*/}
	if ! man --version >/dev/null 2>&1; then
		echo "ok $((tap_n += 1)) # SKIP man not installed"
		continue
	fi
	LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$f" 2>&1 >/dev/null |
		head -n 10 >"$TMP/warnings"
	[ ! -s "$TMP/warnings" ]
	ok $? "$name renders without warnings"
	sed 's/^/#   /' "$TMP/warnings"
done

done_testing
