#!/bin/sh
# hostile.sh — `nianbao check` on every file of the hostile corpus (tests/data/hostile/, expected
# outcomes in its EXPECTED file): no crash, no hang, the expected exit status, a one-line message
# naming the file when it is refused, and never a raw control, C1 or bidi character in the output
# (text or JSON), whatever the draft contains.
. "${TOP_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

HOSTILE=$DATA/hostile
GEN=$TMP/generated
mkdir "$GEN"
# Seconds one check may take before it counts as a hang (the 20 MB line is the slowest).
LIMIT=${NB_HOSTILE_TIMEOUT:-120}

# ---- the files too big or too odd to commit ----
# 200 MB of text: refused by size before it is read.
yes '一、法治政府建设情况。' | head -c 209715200 >"$GEN/huge-200mb.txt"
# One 20 MB line of Chinese (a whole number of characters: 法治政府 is 12 bytes).
yes '法治政府' | tr -d '\n' | head -c 20971512 >"$GEN/line-20mb.txt"
# Half a million short lines (18 MB, under the 32 MB limit).
yes '依法行政，建设法治政府。' | head -n 500000 >"$GEN/lines-500k.txt"
# 10,000 levels of Markdown quoting before a heading.
{ i=0; while [ $i -lt 10000 ]; do printf '> '; i=$((i + 1)); done; printf '一、主要举措\n正文。\n'; } \
	>"$GEN/quote-nesting-10000.txt"
# 10,000-deep YAML, as flow lists and as flow mappings.
{ printf 'nianbao: 1\nx: '; yes '[' | head -n 10000 | tr -d '\n'; yes ']' | head -n 10000 | tr -d '\n'; echo; } \
	>"$GEN/nesting-10000.yaml"
{ printf 'nianbao: 1\nx: '; yes '{a: ' | head -n 10000 | tr -d '\n'; printf 1; yes '}' | head -n 10000 | tr -d '\n'; echo; } \
	>"$GEN/nesting-10000-map.yaml"
# Things that are not files: reading them must neither hang nor flood.
mkfifo "$GEN/fifo.txt"
mkdir "$GEN/a-directory.yaml"
ln -s /dev/zero "$GEN/dev-zero.txt"
ln -s symlink-loop.txt "$GEN/symlink-loop.txt"

# no_raw_controls NAME FILE: FILE has no byte a terminal would act on (other than \n and \t),
# no C1 control (U+0080..U+009F) and no bidi control (U+202A..U+202E, U+2066..U+2069).
no_raw_controls() {
	bad=$(LC_ALL=C perl -0777 -ne '
		my @hits;
		while (/([\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9])/g) {
			push @hits, sprintf("%vX", $1);
		}
		my %seen; print join(" ", grep { !$seen{$_}++ } @hits);' "$2")
	[ -z "$bad" ] || fail "$1: raw control characters reach the terminal: $bad"
}

# check_one NAME EXIT WORD
check_one() {
	name=$1 want=$2 word=$3
	f=$HOSTILE/$name
	[ -e "$f" ] || [ -L "$f" ] || f=$GEN/$name
	if [ ! -e "$f" ] && [ ! -L "$f" ]; then
		fail "$name: listed in EXPECTED but missing"
		return
	fi
	ncase=$((ncase + 1))
	before=$nfail
	timeout -k 5 "$LIMIT" "$NIANBAO" check "$f" >"$TMP/out" 2>"$TMP/err" </dev/null
	got=$?
	if [ "$got" -eq 124 ] || [ "$got" -eq 137 ]; then
		fail "$name: still running after ${LIMIT}s (hang)"
		return
	fi
	if [ "$got" -gt 128 ]; then
		fail "$name: crashed (signal $((got - 128)))"
		sed 's/^/    err: /' "$TMP/err" | head -n 5
		return
	fi
	[ "$got" -eq "$want" ] || { fail "$name: exit $got, expected $want"; sed 's/^/    err: /' "$TMP/err" | head -n 3; }
	if [ "$want" -eq 2 ]; then
		[ "$(wc -l <"$TMP/err")" -eq 1 ] || fail "$name: expected a one-line message, got $(wc -l <"$TMP/err") lines"
		grep -qF -- "$f" "$TMP/err" || fail "$name: message does not name the file: $(head -c 300 "$TMP/err")"
		grep -qF -- "$word" "$TMP/err" || fail "$name: message lacks '$word': $(head -c 300 "$TMP/err")"
		[ -s "$TMP/out" ] && fail "$name: refused, yet printed findings"
	else
		grep -qF -- "$word" "$TMP/out" || fail "$name: findings lack '$word'"
		[ -s "$TMP/err" ] && fail "$name: unexpected message: $(head -c 300 "$TMP/err")"
	fi
	no_raw_controls "$name (text)" "$TMP/out"
	no_raw_controls "$name (stderr)" "$TMP/err"
	# JSON goes to tools and terminals alike: the same promise.
	if [ "$want" -ne 2 ]; then
		timeout -k 5 "$LIMIT" "$NIANBAO" check --format=json "$f" >"$TMP/json" 2>"$TMP/err" </dev/null
		got=$?
		[ "$got" -eq "$want" ] || fail "$name: --format=json exit $got, expected $want"
		no_raw_controls "$name (json)" "$TMP/json"
	fi
	[ "$nfail" -eq "$before" ] && ok "$name: exit $want${word:+, '$word'}"
}

nfiles=0
while read -r name want word; do
	case $name in '' | '#'*) continue ;; esac
	nfiles=$((nfiles + 1))
	check_one "$name" "$want" "$word"
done <"$HOSTILE/EXPECTED"

# Every committed file has an expectation, and the corpus is as large as promised.
for f in "$HOSTILE"/*; do
	b=$(basename "$f")
	case $b in EXPECTED | generate.py) continue ;; esac
	grep -q "^$b " "$HOSTILE/EXPECTED" || fail "$b has no line in EXPECTED"
done
[ "$nfiles" -ge 40 ] || fail "only $nfiles hostile files (at least 40 promised)"

# A YAML tag naming a command is refused, never run.
[ -e /tmp/nianbao-pwned ] && fail "python-tag.yaml: a command from the document ran"

finish
