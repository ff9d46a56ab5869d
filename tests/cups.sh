# SPDX-License-Identifier: MIT
# Printing to a real CUPS queue: a private cupsd (its own configuration,
# spool and socket, not the system's) with a cups-pdf queue; diglot's
# [print] command is lp, the PDF cups-pdf writes is read back.  Needs
# root, cups, cups-bsd and printer-driver-cups-pdf (.ci/run installs them);
# installs nothing itself, and stops what it started.
. "$TESTS_SRCDIR/lib.sh"

lines_of="$TESTS_SRCDIR/pdflines.py"
ref=$(reference)

[ "$(id -u)" -eq 0 ] || skip_all "not root: cupsd and the cups-pdf backend need root"
for tool in cupsd lpadmin lp lpstat pdfinfo pdftotext python3; do
	command -v $tool >/dev/null 2>&1 || PATH="$PATH:/usr/sbin" command -v $tool >/dev/null 2>&1 ||
		skip_all "$tool is not installed (apt-get install cups cups-bsd printer-driver-cups-pdf poppler-utils)"
done
PATH="$PATH:/usr/sbin"
backend=/usr/lib/cups/backend/cups-pdf
ppd=/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd
[ -x "$backend" ] && [ -f "$ppd" ] ||
	skip_all "no cups-pdf backend (apt-get install printer-driver-cups-pdf)"
[ -n "$ref" ] || skip_all "shared samples not found"
"$DIGLOT" print --format pdf --output /dev/null "$ref" 2>/dev/null ||
	skip_all "diglot is built without Pango: no PDF to print"

# cups-pdf writes to "Out" of /etc/cups/cups-pdf.conf, ${HOME}/PDF by
# default: the home of the job's user (root).
home=$(getent passwd root | cut -d: -f6)
out=$(awk '$1 == "Out" { print $2 }' /etc/cups/cups-pdf.conf 2>/dev/null)
[ -n "$out" ] || out='${HOME}/PDF'
out=$(printf '%s' "$out" | sed "s|[$]{HOME}|$home|")
made_out=
[ -d "$out" ] || made_out=1

# The private cupsd: a folder the filters (user lp) can enter.
d=$(mktemp -d /tmp/diglot-cups.XXXXXX)
chmod 755 "$d"
mkdir -p "$d/etc/ppd" "$d/spool/tmp" "$d/cache" "$d/state" "$d/log"
cat >"$d/cups-files.conf" <<EOF
ServerRoot $d/etc
RequestRoot $d/spool
TempDir $d/spool/tmp
CacheDir $d/cache
StateDir $d/state
ErrorLog $d/log/error_log
AccessLog $d/log/access_log
PageLog $d/log/page_log
Printcap $d/printcap
FileDevice No
SystemGroup root
EOF
cat >"$d/cupsd.conf" <<EOF
Listen $d/sock
LogLevel info
Browsing No
WebInterface No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order allow,deny
    Allow all
  </Limit>
</Policy>
EOF
export CUPS_SERVER="$d/sock"
pid=
job_file=
stop() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	[ -n "$job_file" ] && rm -f "$job_file"
	[ -n "$made_out" ] && rmdir "$out" 2>/dev/null
	rm -rf "$d" "$TMP"
}
trap stop EXIT
cupsd -f -c "$d/cupsd.conf" -s "$d/cups-files.conf" >"$d/log/cupsd.out" 2>&1 &
pid=$!
i=0
until lpstat -r >/dev/null 2>&1; do
	i=$((i + 1))
	if [ $i -gt 100 ] || ! kill -0 $pid 2>/dev/null; then
		why=$(tail -n 1 "$d/log/error_log" "$d/log/cupsd.out" 2>/dev/null | tr -d '\n' | cut -c 1-120)
		pid=
		skip_all "cupsd did not start on a private socket: $why"
	fi
	sleep 0.1
done
ok 0 "a private cupsd runs on $d/sock"
# The queue's PDF goes to PostScript through pdftocairo, which keeps the
# text layer (Ghostscript, the default, draws the glyphs as outlines).
i=0
until lpadmin -p diglot-pdf -E -v cups-pdf:/ -P "$ppd" \
    -o pdftops-renderer-default=pdftocairo 2>"$TMP/lpadmin.err"; do
	i=$((i + 1))
	[ $i -lt 20 ] || break
	sleep 0.2
done
lpstat -p diglot-pdf >/dev/null 2>&1
ok $? "lpadmin adds a cups-pdf queue"
sed 's/^/# /' "$TMP/lpadmin.err" | grep -v deprecated | head -n 3

ls "$out" 2>/dev/null >"$TMP/before"
printf '[print]\ncommand = lp -d diglot-pdf\n' >"$TMP/lp.ini"
"$DIGLOT" --config "$TMP/lp.ini" print --pillar research "$ref" 2>"$TMP/print.err"
ok $? "diglot print --pillar research goes to the queue through lp"
sed 's/^/# /' "$TMP/print.err" | head -n 3
# Wait (at most 30 s) for the job to complete and its PDF to appear.
i=0
while [ $i -lt 300 ]; do
	if lpstat -W completed -o diglot-pdf 2>/dev/null | grep -q . && [ -z "$(lpstat -o diglot-pdf 2>/dev/null)" ]; then
		job_file=$(ls -t "$out" 2>/dev/null | grep -e '-job_[0-9]*\.pdf$' | grep -vxF -f "$TMP/before" | head -n 1)
		[ -n "$job_file" ] && job_file="$out/$job_file" && break
	fi
	i=$((i + 1))
	sleep 0.1
done
[ -n "$job_file" ] && [ -s "$job_file" ]
ok $? "the job completes and cups-pdf writes its PDF"
if [ -z "$job_file" ]; then
	tail -n 8 "$d/log/error_log" | sed 's/^/# /'
	skip 6 "no PDF from cups-pdf"
	done_testing
fi
grep -q 'document-format=application/pdf\|application/pdf' "$d/log/error_log"
ok $? "CUPS took the job as application/pdf"
pdfinfo "$job_file" >"$TMP/info"
has "... one page" "$TMP/info" "Pages:           1"
grep -Eq 'Page size: +59[56](\.[0-9]+)? x 84[12](\.[0-9]+)? pts' "$TMP/info"
ok $? "... of A4 paper"
# The words of each column in order, as pdftotext -layout sets them side
# by side: the part of each line left of a wide gap is the left column.
pdftotext -layout "$job_file" - | sed 's/ﬀ/ff/g; s/ﬁ/fi/g; s/ﬂ/fl/g' >"$TMP/layout"
awk '{ n = split($0, p, /   +/); if (p[1] != "") printf "%s ", p[1] }' "$TMP/layout" | tr -s ' ' >"$TMP/left"
awk '{ n = split($0, p, /   +/); for (i = 2; i <= n; i++) printf "%s ", p[i]; if (p[1] == "" && n == 1) printf "%s ", $0 }' "$TMP/layout" |
    tr -s ' ' >"$TMP/right"
has "pdftotext -layout: the Bulgarian column reads in order" "$TMP/left" \
    "На 27 март 2018 г., МОМ и Службата на ООН по наркотиците и престъпността (UNODC) стартираха съвместна платформа"
has "... and so does the English one" "$TMP/right" \
    "On the 27th of March 2018, IOM and the United Nations Office on Drugs and Crime (UNODC) launched a joint platform on countering migrant smuggling."
# Each pair's first lines at the same height (pdftotext -bbox).
pdftotext -bbox "$job_file" "$TMP/bbox" && python3 "$lines_of" "$TMP/bbox" 2 >"$TMP/lines"
body=$(awk -F '\t' 'index($6, "На 27 март") == 1 { print $3 - 1; exit }' "$TMP/lines")
for c in 0 1; do
	awk -F '\t' -v c=$c -v body="${body:-0}" '$2 == c && $3 > body && $6 !~ /^(Page [0-9]+|of [0-9]+)$/ {
		if ($3 - bottom > 3) printf "%.0f\n", $3; bottom = $4 }' "$TMP/lines" >"$TMP/starts$c"
done
[ "$(wc -l <"$TMP/starts0")" -eq 2 ]
ok $? "two pairs of paragraphs"
same "... each pair's left and right first lines at the same height" "$TMP/starts1" "$TMP/starts0"

done_testing
