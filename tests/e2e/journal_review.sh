#!/bin/sh
# A 批注 written while editing is unsaved work like typed text: after kill -9 the journal brings
# it back.
. "${TOP_SRCDIR:-$(dirname "$0")/../..}/tests/e2e/e2e-lib.sh"

"$NIANBAO" export --to=yaml "$TOP_SRCDIR/tests/data/sample/complete-2024.txt" -o "$E2E_TMP/report.yaml" ||
	fail "cannot make the report"
cp "$E2E_TMP/report.yaml" "$E2E_TMP/orig.yaml"
e2e_start -- report.yaml
wait_for "[1/5]"
keys M-c
wait_for "批注："
typetext "请补充学习的具体内容"
keys Enter
wait_for "已加批注"
# No typing at all: only the 批注 is unsaved. Let the journal be written, then kill.
sleep 3.5
pane=$(tm list-panes -t nb:0 -F '#{pane_pid}')
pid=$(ps -o pid= --ppid "$pane" | tr -d ' ' | head -1)
[ -n "$pid" ] || fail "cannot find the nianbao process"
kill -9 "$pid"
wait_for "nianbao-exited=137"
cmp -s "$E2E_TMP/report.yaml" "$E2E_TMP/orig.yaml" || fail "the report changed without a save"
tm kill-session -t nb
e2e_start -- report.yaml
wait_for "发现上次未保存的修改"
keys y
wait_for "已恢复上次未保存的修改"
keys C-s
wait_for "已保存"
grep -F -q "text: 请补充学习的具体内容" "$E2E_TMP/report.yaml" || fail "the recovered 批注 was not saved"
keys C-q
wait_for "nianbao-exited=0"
echo "ok: an unsaved 批注 survives kill -9"
