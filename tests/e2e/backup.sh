#!/bin/sh
# --backup: each save first keeps the version it replaces as NAME~, byte for byte, with the
# report's permissions. Off by default. A NAME~ that is not a plain file (a planted symlink) is
# never written through: the editor asks whether to save without a backup.
. "${TOP_SRCDIR:-$(dirname "$0")/../..}/tests/e2e/e2e-lib.sh"

R=$E2E_TMP/report.yaml
"$NIANBAO" new -o "$R" --unit 测试街道办事处 --year 2024 --unit-type 街道 >/dev/null ||
	fail "nianbao new failed"
chmod 640 "$R"
cp -p "$R" "$E2E_TMP/v0.yaml"

e2e_start 100 30 -- --backup report.yaml
wait_for "[1/5]"
typetext "第一次保存的内容。"
wait_for "第一次保存的内容。"
keys C-s
wait_for "上一版本在 report.yaml~"
cmp -s "$R~" "$E2E_TMP/v0.yaml" || fail "report.yaml~ is not the version before the first save"
[ "$(stat -c %a "$R~")" = 640 ] || fail "the backup has mode $(stat -c %a "$R~"), not the report's 640"
[ "$(stat -c %a "$R")" = 640 ] || fail "the save changed the report's mode"
grep -F -q "第一次保存的内容。" "$R" || fail "the first save did not write"
cp "$R" "$E2E_TMP/v1.yaml"

# The next save keeps the version the first one wrote.
typetext "第二次。"
wait_for "第二次。"
keys C-s
wait_for "已保存"
cmp -s "$R~" "$E2E_TMP/v1.yaml" || fail "report.yaml~ is not the version before the second save"
grep -F -q "第二次。" "$R" || fail "the second save did not write"
keys C-q
wait_for "nianbao-exited=0"
tm kill-session -t nb

# Off by default: no NAME~.
R2=$E2E_TMP/plain.yaml
"$NIANBAO" new -o "$R2" --unit 测试街道办事处 --year 2024 --unit-type 街道 >/dev/null
e2e_start 100 30 -- plain.yaml
wait_for "[1/5]"
typetext "不要备份。"
wait_for "不要备份。"
keys C-s
wait_for "已保存"
[ -e "$R2~" ] && fail "a backup was written without --backup"
keys C-q
wait_for "nianbao-exited=0"
tm kill-session -t nb

# A symlink planted as NAME~ is not followed.
R3=$E2E_TMP/linked.yaml
"$NIANBAO" new -o "$R3" --unit 测试街道办事处 --year 2024 --unit-type 街道 >/dev/null
cp "$R3" "$E2E_TMP/v3.yaml"
echo "别处的文件" >"$E2E_TMP/elsewhere.txt"
ln -s elsewhere.txt "$R3~"
e2e_start 100 30 -- --backup linked.yaml
wait_for "[1/5]"
typetext "链接测试。"
wait_for "链接测试。"
keys C-s
wait_for "无法写备份"
keys n
wait_for "已取消"
cmp -s "$R3" "$E2E_TMP/v3.yaml" || fail "the report was saved although the user said no"
keys C-s
wait_for "无法写备份"
keys y
wait_for "已保存"
grep -F -q "链接测试。" "$R3" || fail "save anyway did not write"
[ "$(cat "$E2E_TMP/elsewhere.txt")" = "别处的文件" ] || fail "the backup was written through a symlink"
[ -L "$R3~" ] || fail "the planted symlink was replaced"
keys C-q
wait_for "nianbao-exited=0"
echo "ok: --backup keeps the previous version"
