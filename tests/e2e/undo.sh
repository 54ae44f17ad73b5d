#!/bin/sh
# Undo and redo in groups; quitting with unsaved changes asks first.
. "${TOP_SRCDIR:-$(dirname "$0")/../..}/tests/e2e/e2e-lib.sh"

e2e_start -- ""
wait_for "表头信息"
keys M-n
wait_for "[1/5]"
typetext "第一段文字"
keys Enter
typetext "第二段文字"
wait_for "第二段文字"
keys C-z
wait_gone "第二段文字"
wait_for "第一段文字"
keys C-z
wait_gone "第一段文字"
wait_for "字数 0/"
keys C-y
wait_for "第一段文字"
screen | grep -F -q "第二段文字" && fail "one redo brought back two steps"
keys C-y
wait_for "第二段文字"
keys C-z C-z C-z
wait_for "没有可撤销的操作"
keys C-y C-y
wait_for "第二段文字"
# Unsaved: quit asks; Esc keeps editing; n quits without saving.
keys C-q
wait_for "有未保存的修改"
keys Escape
wait_gone "有未保存的修改"
assert_running
keys C-q
wait_for "有未保存的修改"
keys n
wait_for "nianbao-exited=0"
# No report, no emergency copy; the journal of the discarded edits is gone too (its folder may stay).
ls "$E2E_TMP" | grep -v '^state$' | grep -q . && fail "quitting without saving wrote a file"
[ -z "$(find "$E2E_TMP/state" -type f 2>/dev/null)" ] || fail "quitting without saving left a journal: $(find "$E2E_TMP/state" -type f)"
echo "ok: undo/redo groups and the quit question"
