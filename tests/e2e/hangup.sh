#!/bin/sh
# A dropped link (SIGHUP) with unsaved work leaves an emergency copy, mode 0600, that nianbao opens.
. "${TOP_SRCDIR:-$(dirname "$0")/../..}/tests/e2e/e2e-lib.sh"

e2e_start -- report.yaml
wait_for "表头信息"
keys M-n
wait_for "[1/5]"
typetext "尚未保存的一段话。"
wait_for "尚未保存的一段话。"
# The pane's shell runs nianbao as its child; hang up the terminal under it.
tm kill-session -t nb
wait_file "$E2E_TMP/report.yaml.save"
i=0
while [ $i -lt 50 ] && ! grep -q "尚未保存的一段话" "$E2E_TMP/report.yaml.save" 2>/dev/null; do
	sleep 0.1; i=$((i + 1))
done
grep -F -q "尚未保存的一段话。" "$E2E_TMP/report.yaml.save" || fail "the emergency copy lacks the text"
mode=$(stat -c %a "$E2E_TMP/report.yaml.save")
[ "$mode" = "600" ] || fail "emergency copy has mode $mode, not 600"
[ -e "$E2E_TMP/report.yaml" ] && fail "the hang-up wrote the report itself"
"$NIANBAO" export --to=text "$E2E_TMP/report.yaml.save" -o "$E2E_TMP/out.txt" ||
	fail "the emergency copy does not open"
echo "ok: emergency copy on hang-up"
