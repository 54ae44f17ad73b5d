#!/bin/sh
# A 100 KB bracketed paste goes in fast, whole, and as a single undo step.
. "${TOP_SRCDIR:-$(dirname "$0")/../..}/tests/e2e/e2e-lib.sh"

draft="$E2E_TMP/paste.txt"
i=0
while [ $i -lt 500 ]; do
	printf '第%d段：本年度全面推进依法行政，健全重大行政决策程序，规范行政执法行为，深化“放管服”改革，执法人员培训覆盖率达到100%%，行政复议纠错率下降。\n' "$i"
	i=$((i + 1))
done > "$draft"
printf '最后一段没有换行' >> "$draft"
size=$(wc -c < "$draft")
[ "$size" -ge 100000 ] || fail "test draft too small: $size"

e2e_start -- ""
wait_for "表头信息"
keys M-n
wait_for "[1/5]"
tm load-buffer -b nbpaste "$draft"
tm paste-buffer -p -b nbpaste -t nb
wait_for "已粘贴 $size 字节" 30
assert_running
wait_for "最后一段没有换行"
# One undo takes the whole paste away.
keys C-z
wait_for "字数 0/全文 0"
keys C-y
wait_for "最后一段没有换行"
keys C-s
wait_for "保存为 YAML 文件"
keys Enter
wait_for "已保存"
f=$(ls "$E2E_TMP"/*.yaml)
grep -F -q "第499段" "$f" || fail "the end of the paste is missing"
grep -F -q "第0段" "$f" || fail "the start of the paste is missing"
n=$(grep -c "^    第[0-9]*段" "$f")
[ "$n" -eq 500 ] || fail "expected 500 pasted paragraphs in the YAML, found $n"
echo "ok: 100 KB paste"
