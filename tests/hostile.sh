# SPDX-License-Identifier: MIT
# Hostile input: terminal escapes, C0 and C1 controls, bidi controls,
# invalid UTF-8, NUL bytes, huge lines, odd files (empty, binary, a
# directory, a FIFO, unreadable, odd names), legacy encodings, and bad
# settings files.  Whatever comes in, diglot must not crash or hang, must
# exit with the documented status (0 for anything readable, 1 with a
# message naming the file otherwise), and must write only valid UTF-8
# without control bytes: to --dump, --json (its strings, decoded), print,
# --print-config, standard error, and the viewer's terminal.
. "$TESTS_SRCDIR/lib.sh"

sample="$EXAMPLES/briefing-bg-en.txt"
H="$TMP/h"
mkdir -p "$H"

# Everything started in the background is ended at exit, by its id.
bg_pids=
tmux_up=0
cleanup() {
	for _p in $bg_pids $(cat "$H/bigd.pid" "$H/bigj.pid" 2>/dev/null); do
		kill "$_p" 2>/dev/null
	done
	[ "$tmux_up" = 1 ] && t kill-server >/dev/null 2>&1
	rm -rf "$TMP"
	[ -n "${sockdir:-}" ] && rm -rf "$sockdir"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM PIPE

# --- helpers ------------------------------------------------------------

LIMIT=30	# seconds any one run may take

# run NAME COMMAND...: run with a time bound, standard input from $STDIN
# (default /dev/null); the output goes to $H/NAME.out and $H/NAME.err, the
# exit status to $rc.
run() {
	_r=$1
	shift
	timeout "$LIMIT" "$@" <"${STDIN:-/dev/null}" >"$H/$_r.out" 2>"$H/$_r.err"
	rc=$?
}

# exit_is DESCRIPTION WANT: a point on $rc, the status of run $_r; a
# signal or a hang is named as such.
exit_is() {
	if [ "$rc" -eq "$2" ]; then
		ok 0 "$1"
		return
	elif [ "$rc" -eq 124 ]; then
		ok 1 "$1 (HUNG: killed after $LIMIT s)"
	elif [ "$rc" -ge 128 ]; then
		ok 1 "$1 (CRASHED: killed by signal $((rc - 128)))"
	else
		ok 1 "$1 (exit $rc, want $2)"
	fi
	head -n 5 "$H/$_r.err" | cut -c1-200 | cat -v | sed 's/^/#   /'
}

# unclean FILE...: true when a FILE is not valid UTF-8 or holds what
# clean_output refuses (a control character other than newline and form
# feed, a C1 control, a bidi control).  Two processes for any number of
# files; clean_output then says which and why.
ctl_re=$(printf '[\001-\011\013\015-\037\177]|\302[\200-\237]|\342\200[\252-\256]|\342\201[\246-\251]')
unclean() {
	! iconv -f UTF-8 -t UTF-8 "$@" >/dev/null 2>&1 || LC_ALL=C grep -qE -- "$ctl_re" "$@"
}

# clean_v DESCRIPTION FILE: clean_output in the C locale: its bidi check
# runs in the caller's locale, where (GNU grep 3.8, LC_ALL=C.UTF-8) raw
# bytes in a bracket never match, so U+202E and the like would pass.
clean_v() {
	_lc=${LC_ALL-}
	LC_ALL=C
	export LC_ALL
	clean_output "$1" "$2"
	LC_ALL=$_lc
}

# clean DESCRIPTION FILE: clean_v, the short way when $_slow is 0.
clean() {
	if [ "$_slow" = 0 ]; then
		ok 0 "$1"
	else
		clean_v "$1" "$2"
	fi
}

# bad_err FILE...: true, with the lines in $H/errs.bad, when a line does
# not start with "diglot: " (a message broken by a raw newline, or not
# ours) or is a crash or sanitizer report.
bad_err() {
	! LC_ALL=C awk '!/^diglot: / || /Sanitizer|runtime error:|Assertion|Segmentation|core dumped/ { print; n++ }
	    END { exit n > 0 }' "$@" >"$H/errs.bad"
}

# err_ok DESCRIPTION FILE...: standard error holds only diglot's own
# messages, one a line, clean.
err_ok() {
	_d=$1
	shift
	if bad_err "$@"; then
		if grep -q 'Sanitizer\|runtime error:\|Assertion\|Segmentation\|core dumped' "$H/errs.bad"; then
			ok 1 "$_d (CRASHED: a crash or sanitizer report)"
		else
			ok 1 "$_d (a line that does not start with 'diglot: ': a raw newline in a message?)"
		fi
		head -n 3 "$H/errs.bad" | cut -c1-200 | cat -v | sed 's/^/#   /'
	elif [ "$_slow" = 0 ]; then
		ok 0 "$_d"
	else
		cat "$@" >"$H/stderr.all"
		clean_v "$_d" "$H/stderr.all"
	fi
}

# has_v DESCRIPTION FILE TEXT: like has, but shows the file with cat -v.
has_v() {
	if grep -qF -- "$3" "$2"; then
		ok 0 "$1"
	else
		ok 1 "$1"
		echo "# '$3' not in:" | cat -v
		head -n 5 "$2" | cut -c1-200 | cat -v | sed 's/^/#   /'
	fi
}

# modes NAME FILE [OPTION...]: the readable FILE through --dump --width 60,
# --json and print --output -, OPTIONs first: status 0 each time, clean
# UTF-8 output (--json: valid JSON whose decoded strings are clean; print:
# form feeds allowed), --dump within 60 columns, clean messages.  The
# outputs stay in $H/d.out, $H/j.out, $H/p.out, the messages in $H/?.err.
modes() {
	_n=$1
	_f=$2
	shift 2
	run d "$DIGLOT" --dump --width 60 "$@" "$_f"
	_rd=$rc
	run j "$DIGLOT" --json "$@" "$_f"
	_rj=$rc
	run p "$DIGLOT" "$@" print --output - "$_f"
	_rp=$rc
	rc=$_rd _r=d
	exit_is "$_n: --dump exits 0" 0
	rc=$_rj _r=j
	exit_is "$_n: --json exits 0" 0
	rc=$_rp _r=p
	exit_is "$_n: print --output - exits 0" 0
	jq -n -r 'input | .. | strings' "$H/j.out" >"$H/j.str" 2>/dev/null
	_jq=$?
	_slow=0
	unclean "$H/d.out" "$H/j.out" "$H/j.str" "$H/p.out" "$H/d.err" "$H/j.err" "$H/p.err" && _slow=1
	clean "$_n: --dump output is clean UTF-8" "$H/d.out"
	if [ $_jq -ne 0 ]; then
		ok 1 "$_n: --json is valid JSON, its strings clean UTF-8 (not valid JSON)"
		head -c 300 "$H/j.out" | cat -v | sed 's/^/#   /'
	elif [ $_slow = 1 ] && ! iconv -f UTF-8 -t UTF-8 "$H/j.out" >/dev/null 2>&1; then
		ok 1 "$_n: --json is valid JSON, its strings clean UTF-8 (not valid UTF-8)"
	else
		clean "$_n: --json is valid JSON, its strings clean UTF-8" "$H/j.str"
	fi
	clean "$_n: print output is clean UTF-8 (form feeds aside)" "$H/p.out"
	fits "$_n: --dump output fits in 60 columns" "$H/d.out" 60
	err_ok "$_n: stderr holds only clean one-line diglot: messages" "$H/d.err" "$H/j.err" "$H/p.err"
}

# fails NAME FILE WHY [FRAGMENT]: every mode exits 1, each with one line
# that holds FRAGMENT (default: FILE) and ": WHY"; nothing on stdout.
fails() {
	_n=$1
	_f=$2
	_why=$3
	_frag=${4:-$2}
	run d "$DIGLOT" --dump --width 60 "$_f"
	exit_is "$_n: --dump exits 1" 1
	run j "$DIGLOT" --json "$_f"
	exit_is "$_n: --json exits 1" 1
	run p "$DIGLOT" print --output - "$_f"
	exit_is "$_n: print --output - exits 1" 1
	_good=0
	for _m in d j p; do
		grep -qF -- "$_frag" "$H/$_m.err" && grep -qF -- ": $_why" "$H/$_m.err" || _good=1
	done
	ok $_good "$_n: each mode says why ($_why) and names the file"
	[ $_good = 0 ] || head -n 3 "$H/d.err" | cat -v | sed 's/^/#   /'
	cat "$H/d.err" "$H/j.err" "$H/p.err" >"$H/stderr.all"
	[ "$(wc -l <"$H/stderr.all")" -eq 3 ]
	ok $? "$_n: each mode's message is one line"
	[ ! -s "$H/d.out" ] && [ ! -s "$H/j.out" ] && [ ! -s "$H/p.out" ]
	ok $? "$_n: nothing on standard output"
	_slow=1
	err_ok "$_n: the messages are clean (no control bytes)" "$H/stderr.all"
}

q() { jq -r "$1" "$H/j.out"; }

bg_para='Балканската мрежа за миграционни изследвания и осем партньорски организации от региона представиха програма за защита на децата.'
en_para='The Balkan Network for Migration Research and eight partner organisations presented a programme to protect the children.'

# --- 0. megabytes on one line, no newline: started now, checked at the end

# 4096 blocks of 1024 bytes of words, Latin and Cyrillic, ending in ".":
# 4 MB, over the size the viewer reads in a thread (100 MB, 102400 blocks,
# under make check-huge).  --dump and --json run in the background with
# their checks, while the rest of the test goes on; each run has 60 s.
big_blocks=4096
[ -n "${DIGLOT_HUGE:-}" ] && big_blocks=102400
big_mb=$((big_blocks / 1024))
big="$H/big.txt"
LC_ALL=C awk -v blocks=$big_blocks 'BEGIN {
	n = split("Lorem ipsum dolor sit amet, Нова програма подкрепя децата; consectetur adipiscing elit.", w, " ")
	b = ""
	for (i = 0; ; i++) {
		x = w[i % n + 1] " "
		if (length(b) + length(x) > 1016)
			break
		b = b x
	}
	while (length(b) < 1023)
		b = b "z"
	for (k = 1; k < blocks; k++)
		printf "%s ", b
	printf "%s.", b
}' >"$big"
big_size=$(wc -c <"$big")
big_lines=$(wc -l <"$big")
big_start=$(date +%s)
# big_run NAME COMMAND...: in the background, bounded; the pid of timeout
# in $H/NAME.pid while it runs, the status in $H/NAME.rc, the end time in
# $H/NAME.end.
big_run() {
	_b=$1
	shift
	timeout 60 "$@" </dev/null >"$H/$_b.out" 2>"$H/$_b.err" &
	echo $! >"$H/$_b.pid"
	wait $!
	echo $? >"$H/$_b.rc"
	rm -f "$H/$_b.pid"
	date +%s >"$H/$_b.end"
}
(
	big_run bigd "$DIGLOT" --dump --width 60 "$big"
	unclean "$H/bigd.out"
	echo $? >"$H/bigd.unclean"
	wc -L <"$H/bigd.out" >"$H/bigd.width"
	[ "$(tr -s ' \n' '\n\n' <"$H/bigd.out" | cksum)" = "$({ tr ' ' '\n' <"$big"; echo; } | cksum)" ]
	echo $? >"$H/bigd.words"
	rm -f "$H/bigd.out"
) &
bigd_job=$!
(
	big_run bigj "$DIGLOT" --json "$big"
	[ "$(jq -j '"\(.blocks | length)\n", .blocks[0].text' "$H/bigj.out" 2>/dev/null | cksum)" = \
	    "$({ echo 1; cat "$big"; } | cksum)" ]
	echo $? >"$H/bigj.text"
	unclean "$H/bigj.out"
	echo $? >"$H/bigj.unclean"
	rm -f "$H/bigj.out"
) &
bigj_job=$!
bg_pids="$bg_pids $bigd_job $bigj_job"

# --- 1. terminal escapes ---------------------------------------------------

# CSI clear screen and home, OSC 0 (BEL and ST), OSC 52, DCS, every other
# C0 control and DEL, and an OSC left open at the very end of the file.
f="$H/escapes.txt"
{
	printf 'Заглавие\033[2J\033[H\033[3J с изчистване на екрана\n\n'
	printf '%s Заглавие\033]0;pwned\007 и \033]2;pwned\033\\ край.\n\n' "$bg_para"
	printf 'Клипборд \033]52;c;cHduZWQ=\007 и DCS \033P1$r0m\033\\ и C0 \001\002\003\004\005\006\007\010\013\016\017\020\021\022\023\024\025\026\027\030\031\032\034\035\036\037\177 край.\n\n'
	printf '%s\n\n' "$en_para"
	printf 'An OSC left open at the end \033]0;unterminated'
} >"$f"
modes escapes "$f"
has_v "escapes: ESC is shown as ^[ (CSI clear screen)" "$H/d.out" "^[[2J^[[H^[[3J"
has_v "escapes: the OSC 0 title is shown, BEL as ^G" "$H/d.out" "^[]0;pwned^G"
has_v "escapes: the OSC 52 clipboard write is shown" "$H/d.out" "^[]52;c;cHduZWQ=^G"
has_v "escapes: every C0 control is shown as ^X, DEL as ^?" "$H/d.out" "^A^B^C^D^E^F^G^H^K^N^O^P^Q^R^S^T^U^V^W^X^Y^Z^\\^]^^^_^?"
[ "$(q '.blocks[-1].text')" = "An OSC left open at the end ^[]0;unterminated" ]
ok $? "escapes: the OSC left open at the end is shown, the last block whole"

# --- 2. C1 controls --------------------------------------------------------

# As UTF-8 (U+0080 to U+009F, with a CSI and an OSC in their C1 forms).
f="$H/c1-utf8.txt"
{
	printf '%s\n\nC1:' "$bg_para"
	printf ' \302\200 \302\201 \302\202 \302\203 \302\204 \302\205 \302\206 \302\207'
	printf ' \302\210 \302\211 \302\212 \302\213 \302\214 \302\215 \302\216 \302\217'
	printf ' \302\220 \302\221 \302\222 \302\223 \302\224 \302\225 \302\226 \302\227'
	printf ' \302\230 \302\231 \302\232 \302\233 \302\234 \302\235 \302\236 \302\237'
	printf ' end.\n\nC1 CSI \302\2332J clear, C1 OSC \302\2350;pwned\302\234 title.\n\n%s\n' "$en_para"
} >"$f"
modes "C1 as UTF-8" "$f"
has_v "C1 as UTF-8: U+0085 is shown as <U+0085>" "$H/d.out" "<U+0085>"
has_v "C1 as UTF-8: a C1 CSI is shown as <U+009B>" "$H/d.out" "<U+009B>2J"
has_v "C1 as UTF-8: a C1 OSC is shown as <U+009D>" "$H/d.out" "<U+009D>0;pwned<U+009C>"

# As raw bytes 0x80-0x9F in an otherwise UTF-8 file: invalid UTF-8.
f="$H/c1-raw.txt"
{
	printf '%s\n\n' "$bg_para"
	printf 'Сурови байтове \200\201\202\203\204\205\206\207\210\211\212\213\214\215\216\217\220\221\222\223\224\225\226\227\230\231\232\233\234\235\236\237 край.\n\n'
	printf '%s %s\n\n%s\n' "$bg_para" "$bg_para" "$en_para"
} >"$f"
modes "C1 as raw bytes" "$f"
has_v "C1 as raw bytes: still read as UTF-8, one warning with the offset" "$H/d.err" \
    "c1-raw.txt: invalid UTF-8 at byte $(printf '%s\n\nСурови байтове ' "$bg_para" | wc -c) and after"
q '.blocks[1].text' | grep -q '^Сурови байтове �\{1,\} край\.$'
ok $? "C1 as raw bytes: shown as U+FFFD, the Cyrillic around them intact"

# Declared ISO-8859-1: the bytes decode to real C1 controls.
f="$H/c1-latin1.txt"
printf 'Raw C1 \205 next line, \233 CSI 2J, \235 OSC 0;pwned \234 ST.\n\nEscape \033[2J too.\n' >"$f"
modes "C1 from --encoding ISO-8859-1" "$f" --encoding ISO-8859-1
has_v "C1 from ISO-8859-1: shown as <U+009B>" "$H/d.out" "<U+009B> CSI 2J"

# --- 3. bidi controls; zero-width format characters ----------------------

f="$H/bidi.txt"
{
	printf 'Заглавие \342\200\256обратно\342\200\254 и \342\201\246изолирано\342\201\251.\n\n'
	printf '%s\n\n' "$bg_para"
	printf 'Title \342\200\252LRE \342\200\253RLE \342\200\254PDF \342\200\255LRO \342\200\256RLO \342\201\246LRI \342\201\247RLI \342\201\250FSI \342\201\251PDI end.\n\n'
	printf '%s \342\200\256%s\n' "$en_para" "$en_para"
} >"$f"
modes bidi "$f"
has_v "bidi: the text around the controls stays" "$H/d.out" "LRE RLE PDF LRO RLO LRI RLI FSI PDI end."

f="$H/format.txt"
{
	printf 'Before\357\273\277after: a BOM in the middle of a line.\n\n'
	printf '\357\273\277\n\n'
	printf 'Zero\342\200\213width space, and a BOM again\357\273\277.\n\n'
	printf '%s\n' "$en_para"
} >"$f"
modes "BOM in the middle" "$f"
LC_ALL=C grep -q "$(printf '\357\273\277\|\342\200\213')" "$H/d.out" "$H/j.str" "$H/p.out"
ok $((!$?)) "BOM in the middle: U+FEFF and U+200B are dropped (zero-width format characters)"
has "BOM in the middle: the words it joined stay joined" "$H/d.out" "Beforeafter: a BOM"
_empty=$(q '[.blocks[] | select(.text == "") | .line] | map(tostring) | join(",")')
[ -z "$_empty" ]
ok $? "BOM in the middle: a line holding only a BOM makes no empty block${_empty:+ (one at line $_empty)}"

# --- 4. invalid UTF-8 of every kind -----------------------------------------

pre='Първи ред с лош байт '
post=' тук, и още малко текст.'
pre_bytes=$(printf '%s' "$pre" | wc -c)
eof_bytes=$(printf '%s\n\n%s\n\n%s' "$bg_para" "$en_para" "$pre" | wc -c)
# bad_utf8 NAME BYTES DESCRIPTION [eof]: BYTES (printf escapes) after
# $pre in an otherwise UTF-8 file, or at its very end.
bad_utf8() {
	_f="$H/utf8-$1.txt"
	if [ "${4:-}" = eof ]; then
		{ printf '%s\n\n%s\n\n%s' "$bg_para" "$en_para" "$pre"; printf "$2"; } >"$_f"
		_at=$eof_bytes
	else
		{ printf '%s' "$pre"; printf "$2"; printf '%s\n\n%s\n\n%s\n' "$post" "$bg_para" "$en_para"; } >"$_f"
		_at=$pre_bytes
	fi
	modes "$3" "$_f"
	has_v "$3: one warning names the file and byte $_at" "$H/d.err" "utf8-$1.txt: invalid UTF-8 at byte $_at"
	if [ "${4:-}" = eof ]; then
		q '.blocks[-1].text' | grep -q "^$pre�\\{1,\\}\$"
	else
		q '.blocks[0].text' | grep -q "^$pre�\\{1,\\}A\\{0,1\\}$post\$"
	fi
	ok $? "$3: shown as U+FFFD, the text around it intact"
}
bad_utf8 overlong2 '\300\257' "overlong 2-byte '/' (C0 AF)"
bad_utf8 overlong-nul '\300\200' "overlong NUL (C0 80)"
bad_utf8 overlong3 '\340\200\257' "overlong 3-byte '/' (E0 80 AF)"
bad_utf8 overlong4 '\360\200\200\257' "overlong 4-byte '/' (F0 80 80 AF)"
bad_utf8 surrogate-high '\355\240\200' "encoded surrogate U+D800 (ED A0 80)"
bad_utf8 surrogate-low '\355\277\277' "encoded surrogate U+DFFF (ED BF BF)"
bad_utf8 surrogate-pair '\355\240\275\355\270\200' "CESU-8 surrogate pair (ED A0 BD ED B8 80)"
bad_utf8 above-max '\364\220\200\200' "U+110000 (F4 90 80 80)"
bad_utf8 f7 '\367\277\277\277' "U+1FFFFF (F7 BF BF BF)"
bad_utf8 five '\370\210\200\200\200' "5-byte form (F8 88 80 80 80)"
bad_utf8 six '\374\204\200\200\200\200' "6-byte form (FC 84 80 80 80 80)"
bad_utf8 fe-ff '\376\377' "bytes FE FF"
bad_utf8 stray '\200\277' "stray continuation bytes (80 BF)"
bad_utf8 lead-ascii '\303A' "a lead byte before ASCII (C3 41)"
bad_utf8 cut-mid '\342\202' "a sequence cut short mid-line (E2 82)"
bad_utf8 cut-eof3 '\342\202' "truncated at end of file (E2 82)" eof
bad_utf8 cut-eof4 '\360\237\230' "truncated at end of file (F0 9F 98)" eof
bad_utf8 lead-eof '\303' "a lone lead byte at end of file (C3)" eof
# The text is checked sixteen and eight bytes at a time: a lead byte with no
# second byte, at every place in a group of sixteen, and one at the very end
# of a group whose second byte is in the next.
for k in 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15; do
	f="$H/utf8-shift$k.txt"
	{
		printf '%s%s\320' "$(printf '%*s' $k '' | tr ' ' x)" "$pre"
		printf 'A%s\n\n%s\n\n%s\n' "$post" "$bg_para" "$en_para"
	} >"$f"
	run d "$DIGLOT" --dump --width 60 "$f"
	has_v "a lead byte (D0) before ASCII at byte $((pre_bytes + k)): the warning names it" \
	    "$H/d.err" "utf8-shift$k.txt: invalid UTF-8 at byte $((pre_bytes + k))"
done
for lead in 1234567 123456789012345; do
	f="$H/utf8-split.txt"
	printf '%s\320\260\n\n%s\n\n%s\n' "$lead" "$bg_para" "$en_para" >"$f"
	run d "$DIGLOT" --dump --width 60 "$f"
	[ ! -s "$H/d.err" ] && grep -q "^${lead}а" "$H/d.out"
	ok $? "a letter whose two bytes lie in two groups of ${#lead}+1 bytes is valid UTF-8"
done

# --- 5. NUL bytes ---------------------------------------------------------

f="$H/nul.txt"
printf 'Title\0with NUL\n\n\0\0\0\n\n%s\0%s\n\n\0' "$bg_para" "$en_para" >"$f"
modes "NUL bytes" "$f"
has "NUL bytes: NUL is shown as ^@" "$H/d.out" "Title^@with NUL"

# --- 6. a 50 KB line ------------------------------------------------------

f="$H/line50k.txt"
awk 'BEGIN { for (i = 0; i < 1950; i++) printf "слово%05d word%05d ", i, i; printf "край\n" }' >"$f"
modes "a 50 KB line of words" "$f"
[ "$(tr -s ' \n' '\n\n' <"$H/d.out" | cksum)" = "$(tr ' ' '\n' <"$f" | cksum)" ]
ok $? "a 50 KB line of words: --dump keeps every word, in order"
f="$H/word50k.txt"
awk 'BEGIN { for (i = 0; i < 2800; i++) printf "абвгдежзи"; printf "\n" }' >"$f"
modes "a 50 KB word without a space" "$f"
[ "$(tr -d '\n' <"$H/d.out" | cksum)" = "$(tr -d '\n' <"$f" | cksum)" ]
ok $? "a 50 KB word without a space: --dump keeps it whole, broken over lines"

# A paragraph of over a megabyte between others: written by itself, a
# piece at a time, and whole.
f="$H/line2m.txt"
{
	printf '%s\n\n' "$bg_para"
	awk 'BEGIN { for (i = 0; i < 40000; i++) printf "слово%05d word%05d ", i, i; printf "край\n" }'
	printf '\n%s\n\n%s\n' "$en_para" "$bg_para"
} >"$f"
modes "a 2 MB paragraph between others" "$f"
[ "$(q '.blocks | length')" = 4 ] &&
	[ "$(q '.blocks[1].text' | tr ' ' '\n' | cksum)" = "$(sed -n 3p "$f" | tr ' ' '\n' | cksum)" ] &&
	[ "$(q '.blocks[2].text')" = "$en_para" ] && [ "$(q '.blocks[3].id')" = 3 ]
ok $? "a 2 MB paragraph between others: --json has its text whole, the blocks around it too"
[ "$(sed -n '/^слово00000/,/край/p' "$H/d.out" | tr -s ' \n' '\n\n' | cksum)" = \
    "$(sed -n 3p "$f" | tr ' ' '\n' | cksum)" ]
ok $? "a 2 MB paragraph between others: --dump keeps every word, in order"

# --- 7. empty, blank, binary ------------------------------------------------

f="$H/empty.txt"
: >"$f"
modes "an empty file" "$f"
[ "$(q '"\(.blocks | length) \(.rows | length)"')" = "0 0" ]
ok $? "an empty file: no blocks, no rows"
f="$H/blank.txt"
printf '\n\n   \n\t\t\n\r\n \f \n\n\n' >"$f"
modes "a file of blank lines" "$f"
[ ! -s "$H/d.out" ]
ok $? "a file of blank lines: --dump shows nothing"

cp "$DIGLOT" "$H/program.bin"
modes "a binary file (the program itself)" "$H/program.bin"
if [ -r /bin/ls ]; then
	cp /bin/ls "$H/ls.bin"
	modes "a binary file (/bin/ls)" "$H/ls.bin"
else
	skip 8 "no /bin/ls"
fi
f="$H/bytes.bin"
LC_ALL=C awk 'BEGIN { for (r = 0; r < 64; r++) for (i = 0; i < 256; i++) printf "%c", i }' >"$f"
[ "$(wc -c <"$f")" -eq 16384 ]
ok $? "harness: bytes 0-255 x 64 is 16384 bytes"
modes "bytes 0-255 repeated" "$f"

# --- 8. legacy encodings ----------------------------------------------------

"$DIGLOT" --json "$sample" >"$H/sample.json"
bg_title=$(jq -r '[.blocks[] | select(.lang == "bg")][0].text' "$H/sample.json")
f="$H/cp1251.txt"
iconv -f UTF-8 -t WINDOWS-1251 "$sample" >"$f"
modes "a Windows-1251 file" "$f"
has "Windows-1251: detected and said" "$H/d.err" "cp1251.txt: not UTF-8; assuming WINDOWS-1251"
[ "$(q '[.blocks[] | select(.lang == "bg")][0].text')" = "$bg_title" ]
ok $? "Windows-1251: the Bulgarian reads right"
f="$H/utf16.txt"
iconv -f UTF-8 -t UTF-16 "$sample" >"$f"
modes "a UTF-16 file" "$f"
[ "$(q '[.blocks[] | select(.lang == "bg")][0].text')" = "$bg_title" ]
ok $? "UTF-16: the Bulgarian reads right"
f="$H/utf16-hostile.txt"
cat "$H/escapes.txt" "$H/c1-utf8.txt" "$H/bidi.txt" | iconv -f UTF-8 -t UTF-16 >"$f"
modes "UTF-16 with escapes, C1 and bidi controls" "$f"
has_v "UTF-16 with escapes: ESC is shown as ^[" "$H/d.out" "^[]0;pwned^G"
f="$H/utf16-odd.txt"
{ iconv -f UTF-8 -t UTF-16 "$sample"; printf 'x'; } >"$f"
modes "UTF-16 with an odd byte at the end" "$f"
f="$H/utf16-lone.txt"
printf '\377\376A\000\000\330B\000\n\000\000\334C\000\n\000' >"$f"
modes "UTF-16 with lone surrogates" "$f"

# --- 9. standard input ------------------------------------------------------

STDIN="$H/escapes.txt"
modes "escapes on standard input" -
STDIN="$H/bytes.bin"
modes "bytes 0-255 on standard input" -
STDIN="$H/utf8-stray.txt"
run d "$DIGLOT" --dump --width 60 -
STDIN=
has "invalid UTF-8 on standard input: the warning says 'standard input'" "$H/d.err" \
    "standard input: invalid UTF-8 at byte $pre_bytes"

# --- 10. files that cannot be read --------------------------------------

fails "a directory" "$H" "is a directory"
fails "a missing file" "$H/no-such-file.txt" "No such file or directory"
if [ "$(id -u)" -eq 0 ]; then
	skip 7 "running as root"
else
	cp "$sample" "$H/locked.txt"
	chmod 000 "$H/locked.txt"
	fails "an unreadable file" "$H/locked.txt" "Permission denied"
	chmod 644 "$H/locked.txt"
fi

# A FIFO with a writer that writes a briefing and closes: it is read.
# (A FIFO with no writer would block in open(2) by design: not attempted.)
if mkfifo "$H/fifo" 2>/dev/null; then
	"$DIGLOT" --dump --width 60 "$sample" >"$H/sample.dump"
	"$DIGLOT" print --output - "$sample" >"$H/sample.print"
	# fifo_run NAME COMMAND...: with a bounded writer in the background.
	fifo_run() {
		timeout 10 sh -c 'cat "$1" >"$2"' sh "$sample" "$H/fifo" &
		_w=$!
		bg_pids="$bg_pids $_w"
		run "$@" "$H/fifo"
		wait $_w
		bg_pids=${bg_pids% $_w}
	}
	fifo_run d "$DIGLOT" --dump --width 60
	exit_is "a FIFO with a writer: --dump exits 0" 0
	same "... and shows the briefing" "$H/d.out" "$H/sample.dump"
	fifo_run j "$DIGLOT" --json
	exit_is "a FIFO with a writer: --json exits 0" 0
	same "... and gives the model" "$H/j.out" "$H/sample.json"
	fifo_run p "$DIGLOT" print --output -
	exit_is "a FIFO with a writer: print --output - exits 0" 0
	same "... and prints the briefing" "$H/p.out" "$H/sample.print"
else
	skip 6 "mkfifo failed"
fi

# A name with control characters and spaces: no message may carry them raw.
ctl="$H/$(printf 'ctl \033]0;pwned\007 \033]52;c;cHduZWQ=\007 tab\there \302\233 \342\200\256 newline\nend.txt')"
fails "a missing file with control characters in its name" "$ctl" "No such file or directory" "end.txt"
mkdir "$ctl.d"
fails "a directory with control characters in its name" "$ctl.d" "is a directory" "end.txt.d"
iconv -f UTF-8 -t WINDOWS-1251 "$sample" >"$ctl"
modes "a Windows-1251 file with control characters in its name" "$ctl"
[ "$(wc -l <"$H/d.err")" -eq 1 ]
ok $? "... its warning is one line"

# --- 11. settings files given with --config ---------------------------

# A settings file built line by line: line TEXT adds a line (TEXT is a
# printf format), bad TEXT WHAT adds a line that must be reported.
ini_new() {
	_ini=$1
	: >"$_ini"
	: >"$_ini.want"
	_ln=0
}
line() {
	printf "$1\\n" >>"$_ini"
	_ln=$((_ln + 1))
}
bad() {
	line "$1"
	printf '%s %s\n' "$_ln" "$2" >>"$_ini.want"
}

# shape DESCRIPTION ERRFILE FRAGMENT: at least one complaint, and every
# line reads "diglot: ...FRAGMENT:LINE: ...".
shape() {
	if [ ! -s "$2" ]; then
		ok 1 "$1 (no complaint at all)"
	elif ! FRAG="$3:" LC_ALL=C awk '!/^diglot: .*:[0-9]+: / || !index($0, ENVIRON["FRAG"]) { print; n++ }
	    END { exit n > 0 }' "$2" >"$H/shape.bad"; then
		ok 1 "$1"
		head -n 3 "$H/shape.bad" | cut -c1-200 | cat -v | sed 's/^/#   /'
	else
		ok 0 "$1"
	fi
}

# settings NAME FILE [FRAGMENT]: --config FILE with --dump (status 0,
# complaints on stderr), --check-config (1, the same complaints) and
# --print-config (1, clean output); each line noted with bad is reported.
# FRAGMENT: how the complaints name the file (default: its base name).
settings() {
	_n=$1
	_c=$2
	_frag=${3:-$(basename "$_c")}
	run cd "$DIGLOT" --config "$_c" --dump --width 60 "$sample"
	exit_is "$_n: --dump exits 0" 0
	run cc "$DIGLOT" --config "$_c" --check-config
	exit_is "$_n: --check-config exits 1" 1
	run cp "$DIGLOT" --config "$_c" --print-config
	exit_is "$_n: --print-config exits 1" 1
	_slow=0
	unclean "$H/cd.out" "$H/cd.err" "$H/cp.out" && _slow=1
	clean "$_n: --dump output is clean UTF-8" "$H/cd.out"
	shape "$_n: every complaint reads 'diglot: FILE:LINE: ...'" "$H/cd.err" "$_frag"
	err_ok "$_n: the complaints are clean (no control bytes, one a line)" "$H/cd.err"
	same "$_n: --check-config makes the same complaints" "$H/cc.err" "$H/cd.err"
	clean "$_n: --print-config output is clean UTF-8" "$H/cp.out"
	[ -f "$_c.want" ] || return 0
	while read -r _l _what; do
		_hit=1
		while IFS= read -r _e; do
			case $_e in *"$_frag:$_l: "*) _hit=0; break ;; esac
		done <"$H/cc.err"
		ok $_hit "$_n: line $_l is reported ($_what)"
		[ $_hit = 0 ] || echo "#   line $_l: $(sed -n "${_l}p" "$_c" | cut -c1-100 | cat -v)"
	done <"$_c.want"
}

# Every kind of value, wrong.
c="$H/values.ini"
ini_new "$c"
line '; every kind of value, wrong'
line '[layout]'
bad 'split = abc' 'a number that is a word'
bad 'gutter = -5' 'a negative number'
bad 'stack_below = 99999999999999999999' 'a number that overflows'
bad 'wrap = 1e3' 'a number in exponent form'
bad 'status = maybe' 'a yes/no that is neither'
bad 'mouse = 2' 'a yes/no that is a number'
bad 'pillar_bar =' 'an empty yes/no'
bad 'mode = diagonal' 'a choice not on the list'
line '[colors]'
bad 'text = purple' 'an unknown colour'
bad 'gutter = 256' 'a colour number out of range'
bad 'status = on on on' 'a colour that is all "on"'
bad 'match = -1' 'a negative colour number'
bad 'mark = bright-' 'bright- with no colour'
bad 'current = red on' 'on with no background'
line '[keys]'
bad 'down = C-' 'C- with no key'
bad 'up = F13' 'F13'
bad 'swap = ab' 'two characters'
bad 'top = Ctrl-x' 'Ctrl-x for C-x'
line '[languages]'
bad 'left = xx' 'an unknown language code'
bad 'right = en bg' 'two codes where one goes'
bad 'expected = en, zz' 'an unknown code in a list'
line '[print]'
bad 'width = 99999' 'a number over the range'
bad 'lines = -1' 'a number under the range'
bad 'header = yess' 'a misspelt yes'
bad 'paper = A5' 'an unknown paper size'
bad '[language.\320\266]' 'a language code that is not ASCII'
settings "bad values" "$c"

# Control characters in values of every kind: reported, never echoed raw.
c="$H/controls.ini"
ini_new "$c"
line '[layout]'
bad 'mode = stacked\033[2J' 'ESC in a choice'
bad 'split = 4\0330' 'ESC in a number'
bad 'status = \302\233yes' 'a C1 CSI in a yes/no'
bad 'mouse = y\342\200\256es' 'an RLO in a yes/no'
line '[colors]'
bad 'text = "red\033]0;pwned\007"' 'OSC 0 in a colour'
line '[keys]'
bad 'down = \033' 'a raw ESC as a key'
bad 'up = \001' 'a raw C-a as a key'
bad 'swap = \302\233' 'a C1 control as a key'
bad 'stack = \342\200\256' 'an RLO as a key'
line '[languages]'
bad 'left = e\033n' 'ESC in a language code'
line '[print]'
bad 'layout = \001' 'C-a as a choice'
settings "control characters in values" "$c"

# Lines over 1022 bytes.
c="$H/long.ini"
ini_new "$c"
line '[layout]'
line 'split = 30'
bad "gutter = $(printf '%01100d' 0)" 'a number on an 1109-byte line'
bad "mode = $(printf '%01050d' 0 | tr 0 x)" 'a choice on an 1057-byte line'
bad "$(printf '%01100d' 0 | tr 0 k) = 1" 'a key name of 1100 bytes'
bad "[$(printf '%01100d' 0 | tr 0 s)]" 'a section line of 1102 bytes'
line '[colors]'
bad "text = red \\\\\\n$(printf '%01100d' 0 | tr 0 x)" 'a continued line, over 1022 bytes joined'
_ln=$((_ln + 1))
line 'mark = red'
settings "lines over 1022 bytes" "$c"
printf '[copy]\ncommand = %s\n' "$(printf '%0200000d' 0 | tr 0 x)" >"$H/huge.ini"
settings "a 200 KB line" "$H/huge.ini"

# Invalid UTF-8.
c="$H/utf8.ini"
ini_new "$c"
line '[layout]'
bad 'wrap = \377\376' 'bytes FF FE in a value'
bad 'mode = stacked\300\257' 'an overlong / in a value'
line '[languages]'
bad 'left = \355\240\200' 'a surrogate as a value'
line '[pillar.protection]'
bad 'title.en = Prot\342\202' 'a value cut mid-character'
bad 'k\351y = 1' 'Latin-1 in a key name'
bad '[s\351ction]' 'Latin-1 in a section name'
line '[colors]'
line 'mark = red'
bad 'text = \364\220\200\200' 'U+110000 as a value'
settings "invalid UTF-8" "$c"

# NUL bytes.
c="$H/nul.ini"
ini_new "$c"
line '[colors]'
bad 'text = r\0ed' 'a NUL in a colour'
bad 'mark = green\0 junk' 'a NUL after a good colour'
bad 'gut\0ter = blue' 'a NUL in a key name'
bad '[key\0s]' 'a NUL in a section name'
bad '\0' 'a line that is a NUL'
line '[layout]'
bad 'split = 30\0 junk' 'a NUL after a good number'
settings "NUL bytes" "$c"

# Odd shapes of a line.
c="$H/odd.ini"
ini_new "$c"
bad 'split = 40' 'a key outside any section'
bad '[' 'a lone ['
bad '[]' 'an empty section name'
bad '[layout' 'an unclosed section'
line '[layout]'
bad '= 40' 'a value with no key'
line 'status = no \\'
settings "odd lines" "$c"

# Whole files that are no settings file.
cp "$DIGLOT" "$H/program.ini"
settings "a binary file (the program) as settings" "$H/program.ini"
LC_ALL=C awk 'BEGIN { for (r = 0; r < 16; r++) for (i = 0; i < 256; i++) printf "%c", i }' >"$H/bytes.ini"
settings "bytes 0-255 as settings" "$H/bytes.ini"
printf '[layout]\nsplit = 30\n[colors]\ntext = purple\n' | iconv -f UTF-8 -t UTF-16 >"$H/utf16.ini"
settings "a UTF-16 settings file" "$H/utf16.ini"
cp "$sample" "$H/briefing.ini"
settings "a briefing as settings" "$H/briefing.ini"

# Control characters in the settings file's name.
cp "$H/values.ini" "$ctl.ini"
settings "bad values in a file with control characters in its name" "$ctl.ini" "end.txt.ini"

# Text values (titles, names, commands) with control characters are
# refused with a complaint, and never carried into any output.
c="$H/text.ini"
{
	printf '[pillar.protection]\n'
	printf 'title.bg = "Защита\033]0;pwned\007 и \033]52;c;cHduZWQ=\007 помощ"\n'
	printf 'title.en = "Protection\033[2J \302\233 \342\200\256and assistance"\n'
	printf '[language.bg]\nname = "Български\033]0;pwned\007"\nname.en = "Bulgarian\033[2J"\n'
	printf '[copy]\ncommand = "printf \033]52;c;cHduZWQ=\007"\n'
} >"$c"
run td "$DIGLOT" --config "$c" --dump --width 60 "$sample"
exit_is "control characters in text values: --dump exits 0" 0
clean_v "... --dump output is clean UTF-8" "$H/td.out"
run tj "$DIGLOT" --config "$c" --json "$sample"
exit_is "... --json exits 0" 0
jq -n -r 'input | .. | strings' "$H/tj.out" >"$H/tj.str"
clean_v "... --json strings (pillar titles) hold no control characters" "$H/tj.str"
run tp "$DIGLOT" --config "$c" print --pillar protection --output - "$sample"
exit_is "... print exits 0" 0
clean_v "... the printed page headers hold no control characters" "$H/tp.out"
run tc "$DIGLOT" --config "$c" --print-config
exit_is "... --print-config exits 1 (the values are refused)" 1
[ "$(grep -c 'the value holds control characters' "$H/tc.err")" -eq 5 ]
ok $? "... each of the five is reported"
clean_v "... --print-config output holds no control characters" "$H/tc.out"
_slow=1
err_ok "... stderr is clean" "$H/td.err" "$H/tj.err" "$H/tp.err" "$H/tc.err"

# Settings files that cannot be used: exit 1, one line naming them.
# cfail NAME FILE WHY [FRAGMENT]
cfail() {
	_frag=${4:-$2}
	run cx "$DIGLOT" --config "$2" --dump --width 60 "$sample"
	exit_is "$1: --dump exits 1" 1
	run cy "$DIGLOT" --config "$2" --check-config
	exit_is "$1: --check-config exits 1" 1
	grep -qF -- "$_frag" "$H/cx.err" && grep -qF -- ": $3" "$H/cx.err" &&
		[ "$(wc -l <"$H/cx.err")" -eq 1 ]
	ok $? "$1: one line names the file and says why ($3)"
	[ ! -s "$H/cx.out" ]
	ok $? "$1: nothing on standard output"
	_slow=1
	err_ok "$1: the message is clean" "$H/cx.err" "$H/cy.err"
}
cfail "a directory as settings" "$H" "is a directory"
cfail "a missing settings file" "$H/none.ini" "No such file or directory"
cfail "a missing settings file with control characters in its name" "$ctl.none" \
    "No such file or directory" "end.txt.none"
if [ "$(id -u)" -eq 0 ]; then
	skip 5 "running as root"
else
	printf '[layout]\nsplit = 30\n' >"$H/locked.ini"
	chmod 000 "$H/locked.ini"
	cfail "an unreadable settings file" "$H/locked.ini" "Permission denied"
	chmod 644 "$H/locked.ini"
fi

: >"$H/empty.ini"
status "an empty settings file: --check-config exits 0" 0 "$DIGLOT" --config "$H/empty.ini" --check-config
has "... and says settings OK" "$TMP/status.out" "settings OK"

# --- 12. the viewer in a real terminal (tmux) -----------------------------

# Per case: it comes up with its status line, shows the text, its screen
# is clean, the pane title is untouched, no paste buffer appears (OSC 52),
# q exits 0.  Plus the harness's own check that it would see a leak.
view_cases=8
view_points=$((view_cases * 6 + 1))
tmux_why=
if ! command -v tmux >/dev/null 2>&1; then
	tmux_why="tmux not installed"
elif ! infocmp tmux-256color >/dev/null 2>&1; then
	tmux_why="no tmux-256color terminfo entry"
fi
if [ -z "$tmux_why" ]; then
	if tmux_start; then
		tmux_up=1
	else
		tmux_why="tmux cannot start a server here"
	fi
fi

S=keep
screen="$TMP/screen"
shows() { grep -qF -- "$1" "$screen"; }
viewer_up() { tail -n 1 "$screen" | grep -qF '¶ '; }
# drawn: the status line is up, or the screen has text and has not
# changed for 10 captures in a row (a viewer whose status line is broken).
drawn() {
	viewer_up && return 0
	if grep -q '[^ ]' "$screen" && cmp -s "$screen" "$screen.prev"; then
		_stable=$((_stable + 1))
	else
		_stable=0
	fi
	cp "$screen" "$screen.prev"
	[ $_stable -ge 10 ]
}
fmt() { t display-message -p -t "$S" "$1"; }
buffers() { t list-buffers -F '#{buffer_name}' | wc -l; }
clear_buffers() {
	t list-buffers -F '#{buffer_name}' | while read -r _b; do
		t delete-buffer -b "$_b"
	done
}
# show_screen: the last lines of the capture, C1 and bidi controls named.
named=$(printf 's/\302[\200-\237]/<C1>/g; s/\342\200[\252-\256]/<bidi>/g; s/\342\201[\246-\251]/<bidi>/g')
show_screen() {
	echo "# screen of $S:"
	grep -n . "$screen" | tail -n 6 | LC_ALL=C sed "$named; s/^/#   /"
}
# launch NAME SCRIPT ARG...: sh -c SCRIPT ARG... in a fresh 120x24 session,
# whose shell then sleeps until the session is killed (tmux 3.3 can drop
# what a pane wrote just before its process exited).
launch() {
	S=$1
	_script=$2
	shift 2
	rm -f "$TMP/$S.status" "$screen.prev"
	: >"$screen"
	t new-session -d -s "$S" -x 120 -y 24 \
	    env -u COLUMNS -u LINES -u DIGLOT_CONFIG -u NO_COLOR LC_ALL=C.UTF-8 TERM=tmux-256color \
	    HOME="$HOME" XDG_CONFIG_HOME="$XDG_CONFIG_HOME" STATUSFILE="$TMP/$S.status" \
	    XDG_STATE_HOME="$(mktemp -d "$TMP/state.XXXXXX")" \
	    sh -c "$_script
sleep 600" "$@"
}

# view NAME TEXT [OPTION...] FILE: six points on the viewer; q_wait is how
# many seconds q may take.
q_wait=10
view() {
	_n=$1
	_text=$2
	shift 2
	clear_buffers
	launch "v$tap_n" '"$0" "$@"; echo $? >"$STATUSFILE.tmp" && mv "$STATUSFILE.tmp" "$STATUSFILE"' \
	    "$DIGLOT" "$@"
	_stable=0
	until_screen drawn
	if viewer_up; then
		ok 0 "viewer, $_n: comes up with its status line"
	else
		ok 1 "viewer, $_n: comes up with its status line"
		show_screen
	fi
	if shows "$_text"; then
		ok 0 "viewer, $_n: shows '$_text'"
	else
		ok 1 "viewer, $_n: shows '$_text'"
		show_screen
	fi
	clean_v "viewer, $_n: the screen is valid UTF-8 without C1 or bidi controls" "$screen"
	_title=$(fmt '#{pane_title}')
	[ "$_title" = "$title0" ]
	ok $? "viewer, $_n: the pane title is untouched (it is '$(printf '%s' "$_title" | cat -v)')"
	[ "$(buffers)" = 0 ]
	ok $? "viewer, $_n: no paste buffer appeared (no OSC 52 reached the terminal)"
	t send-keys -t "$S" q
	_try=0
	while [ ! -f "$TMP/$S.status" ] && [ $_try -lt $((q_wait * 10)) ]; do
		sleep 0.1
		_try=$((_try + 1))
	done
	_st=$(cat "$TMP/$S.status" 2>/dev/null)
	if [ "$_st" = 0 ]; then
		ok 0 "viewer, $_n: q exits 0"
	elif [ -z "$_st" ]; then
		ok 1 "viewer, $_n: q exits 0 (still running after $q_wait s)"
		show_screen
	elif [ "$_st" -ge 128 ]; then
		ok 1 "viewer, $_n: q exits 0 (CRASHED: killed by signal $((_st - 128)))"
	else
		ok 1 "viewer, $_n: q exits 0 (exit $_st)"
	fi
	t kill-session -t "$S" 2>/dev/null
}

if [ "$tmux_up" = 1 ]; then
	title0=$(t display-message -p -t keep '#{pane_title}')
	# The harness would see a leak: cat retitles the pane and sets a
	# buffer (BEL ends the OSC that the file leaves open).
	clear_buffers
	launch leak 'cat "$0"; printf "\\007\\ncat-done\\n"' "$H/escapes.txt"
	until_screen shows cat-done
	until_screen eval '[ "$(fmt "#{pane_title}")" != "$title0" ] && [ "$(buffers)" -ge 1 ]'
	ok $? "harness: the escapes file through cat retitles the pane and sets a paste buffer"
	t kill-session -t leak 2>/dev/null

	view "terminal escapes" "^[]0;pwned^G" "$H/escapes.txt"
	view "C1 controls as UTF-8" "<U+009D>0;pwned<U+009C>" "$H/c1-utf8.txt"
	view "C1 controls as raw bytes" "Сурови байтове" "$H/c1-raw.txt"
	view "bidi controls" "LRE RLE PDF LRO" "$H/bidi.txt"
	view "bytes 0-255" "^[" "$H/bytes.bin"
	view "NUL bytes" "Title^@with NUL" "$H/nul.txt"
	view "a file name with control characters" "end.txt" "$ctl"
	view "control characters in pillar titles and names" "text.ini:2:" --config "$H/text.ini" "$sample"
else
	skip $view_points "$tmux_why"
fi

# --- 13. the line of megabytes, started in section 0 ----------------------

[ "$big_size" -eq $((big_blocks * 1024)) ] && [ "$big_lines" -eq 0 ]
ok $? "harness: the generated file is $big_mb MiB on one line, no newline"
wait $bigd_job $bigj_job
bg_pids=${bg_pids% $bigd_job $bigj_job}
# The viewer shows its start at once and reads the rest meanwhile.
if [ "$tmux_up" = 1 ]; then
	# Laying out its one paragraph takes seconds once it is read (at
	# 100 MB); q may come behind that.
	q_wait=60
	view "the $big_mb MB line" "Lorem ipsum dolor sit amet" "$big"
	q_wait=10
else
	skip 6 "$tmux_why"
fi
rm -f "$big"
# bigrc NAME: the status of a big run, for exit_is
bigrc() {
	rc=$(cat "$H/$1.rc" 2>/dev/null || echo 999)
	_r=$1
	_s=$(($(cat "$H/$1.end" 2>/dev/null || date +%s) - big_start))
}
LIMIT=60
bigrc bigd
exit_is "$big_mb MB line: --dump finishes within 60 s and exits 0 (done ${_s} s after the start)" 0
[ "$(cat "$H/bigd.unclean")" = 1 ]
ok $? "$big_mb MB line: --dump output is clean UTF-8"
[ "$(cat "$H/bigd.width")" -le 60 ]
ok $? "$big_mb MB line: --dump output fits in 60 columns (widest: $(cat "$H/bigd.width"))"
[ "$(cat "$H/bigd.words")" = 0 ]
ok $? "$big_mb MB line: --dump keeps every word, in order"
[ ! -s "$H/bigd.err" ]
ok $? "$big_mb MB line: --dump says nothing on stderr"
bigrc bigj
exit_is "$big_mb MB line: --json finishes within 60 s and exits 0 (done ${_s} s after the start)" 0
[ "$(cat "$H/bigj.text")" = 0 ]
ok $? "$big_mb MB line: --json is valid JSON with one block holding the whole text"
[ "$(cat "$H/bigj.unclean")" = 1 ]
ok $? "$big_mb MB line: --json output is clean UTF-8"
[ ! -s "$H/bigj.err" ]
ok $? "$big_mb MB line: --json says nothing on stderr"

done_testing
