#!/bin/sh
# The last resort: when nianbao itself crashes (SIGSEGV, SIGABRT), the text last written to the
# journal goes to an emergency copy (NAME.save, 0600) before the process dies of the signal, and
# the crash is said on the terminal.
. "${TOP_SRCDIR:-$(dirname "$0")/../..}/tests/e2e/e2e-lib.sh"

crash_with() {
	sig=$1 status=$2 name=$3
	"$NIANBAO" new -o "$E2E_TMP/$name" --unit 测试街道办事处 --year 2024 --unit-type 街道 >/dev/null ||
		fail "nianbao new failed"
	e2e_start -- "$name"
	wait_for "[1/5]"
	typetext "崩溃之前的一段话（$sig）。"
	wait_for "崩溃之前的一段话（$sig）。"
	sleep 3   # the journal, and with it the crash snapshot, is written about 2 s after a change
	pane=$(tm list-panes -t nb -F '#{pane_pid}')
	pid=$(ps -o pid= --ppid "$pane" | tr -d ' ' | head -n 1)
	[ -n "$pid" ] || fail "cannot find the nianbao process"
	kill -"$sig" "$pid"
	wait_for "nianbao-exited=$status"
	wait_for "意外终止"
	grep -F -q "崩溃之前的一段话（$sig）。" "$E2E_TMP/$name.save" ||
		fail "SIG$sig: the emergency copy lacks the text"
	[ "$(stat -c %a "$E2E_TMP/$name.save")" = 600 ] || fail "SIG$sig: emergency copy is not 0600"
	"$NIANBAO" export --to=text "$E2E_TMP/$name.save" -o "$E2E_TMP/out.txt" ||
		fail "SIG$sig: the emergency copy does not open"
	tm kill-session -t nb
}

crash_with SEGV 139 segv.yaml
crash_with ABRT 134 abrt.yaml
echo "ok: a crash leaves the last journalled text in an emergency copy"
