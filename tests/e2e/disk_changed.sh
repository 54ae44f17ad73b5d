#!/bin/sh
# The file changed on disk while it was open (a colleague, another program): saving asks before
# overwriting, names the parts that differ, and offers overwrite / reload / cancel. Cancel and
# reload leave the colleague's version alone; reload keeps the unsaved edits in an emergency copy.
. "${TOP_SRCDIR:-$(dirname "$0")/../..}/tests/e2e/e2e-lib.sh"

R=$E2E_TMP/report.yaml
"$NIANBAO" new -o "$R" --unit 测试街道办事处 --year 2024 --unit-type 街道 >/dev/null ||
	fail "nianbao new failed"
e2e_start 100 30 -- report.yaml
wait_for "[1/5]"
typetext "编辑器里的修改。"
wait_for "编辑器里的修改。"

# A colleague's change to part 二, written by another program (new inode, size and time).
colleague() {
	sed "/id: $1/,/body:/ s/body: .*/body: $2/" "$R" >"$R.new" && mv "$R.new" "$R" ||
		fail "cannot change the file"
	cp "$R" "$E2E_TMP/theirs.yaml"
}
colleague problems 同事在别处补写的不足。

# Cancel: nothing written.
keys C-s
wait_for "在打开后已被改动"
wait_for "不同之处：一、二"
keys Escape
wait_for "已取消"
cmp -s "$R" "$E2E_TMP/theirs.yaml" || fail "cancel wrote over the colleague's version"
screen | grep -F -q "编辑器里的修改。" || fail "cancel lost the text being edited"

# Reload: the colleague's version comes in, the unsaved edits go to an emergency copy.
keys C-s
wait_for "在打开后已被改动"
keys r
wait_for "已重新载入磁盘上的版本"
wait_for "report.yaml.save"
grep -F -q "编辑器里的修改。" "$R.save" || fail "the edits replaced by the reload were not kept"
cmp -s "$R" "$E2E_TMP/theirs.yaml" || fail "reload changed the file"
screen | grep -F -q "编辑器里的修改。" && fail "the reload did not replace the text"
screen | grep -F -q "[已修改]" && fail "a fresh reload counts as modified"
next_section 2
wait_for "同事在别处补写的不足。"

# After the reload the file is known again: a save goes through without a question.
typetext "重新载入后的补充。"
wait_for "重新载入后的补充。"
keys C-s
wait_for "已保存"
grep -F -q "重新载入后的补充。" "$R" || fail "the save after the reload did not write"
grep -F -q "同事在别处补写的不足。" "$R" || fail "the save after the reload lost the colleague's text"

# Overwrite: the colleague changes part 五; the user decides the editor's version wins.
typetext "再改一次。"
wait_for "再改一次。"
colleague other 又一次外部修改。
keys C-s
wait_for "不同之处：二、五"
keys o
wait_for "已保存"
grep -F -q "再改一次。" "$R" || fail "overwrite did not write the editor's version"
grep -F -q "又一次外部修改。" "$R" && fail "overwrite kept the other version"

# A file created meanwhile under the name of a new report is not written over silently either.
keys C-q
wait_for "nianbao-exited=0"
tm kill-session -t nb
e2e_start 100 30 -- new.yaml
wait_for "表头信息"
keys M-n
wait_for "[1/5]"
typetext "新报告的正文。"
wait_for "新报告的正文。"
cp "$R" "$E2E_TMP/new.yaml"
keys C-s
wait_for "在打开后已被改动"
keys Escape
wait_for "已取消"
cmp -s "$R" "$E2E_TMP/new.yaml" || fail "a file created meanwhile was overwritten"
keys C-s
wait_for "在打开后已被改动"
keys o
wait_for "已保存"
grep -F -q "新报告的正文。" "$E2E_TMP/new.yaml" || fail "overwrite of the new file did not write"
keys C-q
wait_for "nianbao-exited=0"
echo "ok: a file changed on disk is not written over without asking"
