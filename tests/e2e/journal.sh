#!/bin/sh
# A crash (kill -9) loses at most a couple of seconds: the journal of unsaved edits is offered
# back on the next start, and a lock tells a second session that the report is being edited.
. "${TOP_SRCDIR:-$(dirname "$0")/../..}/tests/e2e/e2e-lib.sh"

"$NIANBAO" new -o "$E2E_TMP/report.yaml" --unit 测试街道办事处 --year 2024 --unit-type 街道 ||
	fail "nianbao new failed"
cp "$E2E_TMP/report.yaml" "$E2E_TMP/orig.yaml"
e2e_start -- report.yaml
wait_for "[1/5]"
typetext "崩溃前写下的一段话。"
wait_for "崩溃前写下的一段话。"
# A second session on the same report is told who holds it and opens read-only.
tm new-window -t nb -n second "env LC_ALL=C.UTF-8 TERM=$E2E_TERM XDG_STATE_HOME='$E2E_TMP/state' HOME='$E2E_TMP' '$NIANBAO' '$E2E_TMP/report.yaml'; sleep 3600"
i=0
while [ $i -lt 100 ] && ! tm capture-pane -p -t nb:second | grep -F -q "只读"; do sleep 0.1; i=$((i + 1)); done
tm capture-pane -p -t nb:second | grep -F -q "正在编辑这份报告" || fail "the second session was not told about the lock"
tm kill-window -t nb:second
# Let the journal be written, then kill nianbao without a chance to save.
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
wait_for "崩溃前写下的一段话。"
keys C-s
wait_for "已保存"
grep -F -q "崩溃前写下的一段话。" "$E2E_TMP/report.yaml" || fail "recovered text not saved"
keys C-q
wait_for "nianbao-exited=0"
# Saved and quit: nothing is offered the next time.
tm kill-session -t nb
e2e_start -- report.yaml
wait_for "[1/5]"
screen | grep -F -q "发现上次未保存的修改" && fail "a stale journal was offered after a save"
keys C-q
wait_for "nianbao-exited=0"
echo "ok: journal recovery and lock"
