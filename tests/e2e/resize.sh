#!/bin/sh
# Resizing while editing: the text re-wraps at once, tiny sizes give a message instead of a crash,
# and nothing typed is lost.
. "${TOP_SRCDIR:-$(dirname "$0")/../..}/tests/e2e/e2e-lib.sh"

e2e_start -- ""
wait_for "表头信息"
keys M-n
wait_for "[1/5]"
para="本年度我们坚持以习近平法治思想为指导，全面推进依法行政，健全重大行政决策程序，规范行政执法行为，提升基层治理法治化水平。"
typetext "$para"
wait_for "提升基层"
for size in "50 15" "40 10" "30 8" "20 5" "120 40" "140 45" "80 24"; do
	set -- $size
	tm resize-window -t nb -x "$1" -y "$2"
	if [ "$1" -lt 30 ]; then
		wait_for "终端太小"
	else
		wait_for "[1/5]"
		wait_gone "终端太小"
	fi
	assert_running
	# No screen row is wider than the window.
	screen | while IFS= read -r line; do
		n=$(printf '%s' "$line" | wc -m)
		[ "$n" -le "$1" ] || { echo "row wider than $1: $line"; exit 1; }
	done || fail "a row overflowed at $size"
done
# At 40x10 typing still works.
tm resize-window -t nb -x 40 -y 10
wait_for "[1/5]"
keys C-End 2>/dev/null
typetext "新增内容"
wait_for "新增内容"
tm resize-window -t nb -x 80 -y 24
wait_for "大纲"
keys C-s
wait_for "保存为 YAML 文件"
keys Enter
wait_for "已保存"
f=$(ls "$E2E_TMP"/*.yaml)
grep -F -q "提升基层治理法治化水平。新增内容" "$f" || fail "text lost across resizes"
echo "ok: resize while editing"
