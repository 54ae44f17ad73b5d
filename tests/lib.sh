#!/bin/sh
# Shared helpers for nianbao's shell tests. Source it; set NIANBAO and TOP_SRCDIR beforehand
# (make check does, through TESTS_ENVIRONMENT).
: "${NIANBAO:=$(pwd)/nianbao}"
: "${TOP_SRCDIR:=$(cd "$(dirname "$0")/.." && pwd)}"
export LC_ALL=C.UTF-8
DATA=$TOP_SRCDIR/tests/data
TMP=$(mktemp -d "${TMPDIR:-/tmp}/nianbao-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
nfail=0
ncase=0

fail() { printf 'FAIL: %s\n' "$*"; nfail=$((nfail + 1)); }
ok() { printf 'ok: %s\n' "$*"; }

# run NAME EXPECTED_STATUS CMD... : runs CMD, keeps stdout in $TMP/out and stderr in $TMP/err
run() {
	name=$1 want=$2; shift 2
	ncase=$((ncase + 1))
	"$@" >"$TMP/out" 2>"$TMP/err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		fail "$name: exit $got, expected $want"
		sed 's/^/    err: /' "$TMP/err" | head -n 5
		return 1
	fi
	ok "$name"
}

# expect FILE TEXT : FILE contains the fixed string TEXT
expect() {
	grep -qF -- "$2" "$1" || { fail "$(basename "$1") lacks: $2"; sed 's/^/    /' "$1" | head -n 20; }
}
# expect_not FILE TEXT
expect_not() {
	! grep -qF -- "$2" "$1" || fail "$(basename "$1") unexpectedly has: $2"
}
# lines FILE N : FILE has exactly N lines
lines() {
	n=$(wc -l <"$1")
	[ "$n" -eq "$2" ] || fail "$(basename "$1") has $n lines, expected $2"
}

finish() {
	if [ "$nfail" -gt 0 ]; then
		echo "$nfail of $ncase checks failed"
		exit 1
	fi
	echo "all $ncase checks passed"
	exit 0
}
