#!/bin/sh
# Review mode (-R): move through the findings, dismiss one with a reason, put a 批注 on selected
# text, find that typing, deleting and pasting leave the draft alone, save the review as YAML
# (never over the .txt draft), reopen it and find the decision and the 批注 again; the review
# report lists them.
. "${TOP_SRCDIR:-$(dirname "$0")/../..}/tests/e2e/e2e-lib.sh"

E2E_ENV="NIANBAO_AUTHOR=reviewer-a"
cp "$TOP_SRCDIR/tests/e2e/data/draft.txt" "$E2E_TMP/draft.txt"
e2e_start 100 30 -- -R draft.txt
wait_for "[只读]"
wait_for "全年组织集中学法6次"
# The hint bar offers the reviewer's keys.
wait_for "驳回问题"

# Findings: the first one is about the report as a whole (a missing part). Dismiss it.
keys F2
wait_for "报告缺少"
keys F9
wait_for "驳回理由"
typetext "本单位不设此项"
keys Enter
wait_for "已驳回："
wait_for "驳回 1"
# It stays in the list, marked.
screen | grep -F "[全文] 报告缺少" | grep -F -q "✗✗" || fail "the dismissed finding lost its mark"

# A 批注 on selected text in section 一.
keys M-n
wait_for "[1/3]"
keys M-a Right Right Right Right Right Right Right Right
keys M-c
wait_for "批注："
typetext "请写明学法的具体内容"
keys Enter
wait_for "已加批注：「（一）深入学习贯」"
wait_for "✎ [一] 「（一）深入学习贯」请写明学法的具体内容 — reviewer-a"

# Typing, deleting, pasting and undo are refused; the text is unchanged.
typetext "改动"
wait_for "只读模式：不能修改"
# (Each refusal is cleared by a cursor move before the next, so each one is seen.)
for k in BSpace C-v C-z C-x Delete; do
	keys Right
	wait_gone "审核模式：正文不能修改"
	keys "$k"
	wait_for "审核模式：正文不能修改"
done
screen | grep -F -q "改动" && fail "typing changed the draft"
wait_for "（一）深入学习贯彻习近平法治思想。全年组织集中学法6次。"

# Quitting with the review unsaved asks first; Esc stays.
keys C-q
wait_for "批注或审核意见还没保存"
keys Escape
wait_for "已取消"

# Save: a text draft gets a YAML name, never the draft's.
keys C-s
wait_for "保存为 YAML 文件：draft.yaml"
keys Enter
wait_for "已保存审核结果（批注 1 条，决定 1 条）：draft.yaml"
cmp -s "$TOP_SRCDIR/tests/e2e/data/draft.txt" "$E2E_TMP/draft.txt" || fail "the .txt draft was changed"
y="$E2E_TMP/draft.yaml"
[ -f "$y" ] || fail "no draft.yaml"
grep -F -q "decision: dismissed" "$y" || fail "the decision is not in the YAML"
grep -F -q "reason: 本单位不设此项" "$y" || fail "the reason is not in the YAML"
grep -F -q "quote: （一）深入学习贯" "$y" || fail "the 批注's quote is not in the YAML"
grep -F -q "text: 请写明学法的具体内容" "$y" || fail "the 批注 is not in the YAML"
grep -F -q "author: reviewer-a" "$y" || fail "the author is not in the YAML"
grep -F -q "全年组织集中学法6次。" "$y" || fail "the draft's text is not in the YAML"
grep -F -q "改动" "$y" && fail "refused typing reached the YAML"
keys C-q
wait_for "nianbao-exited=0"

# Reopen the saved review: the decision and the 批注 are there.
tm kill-session -t nb
e2e_start 100 30 -- -R draft.yaml
wait_for "[只读]"
wait_for "驳回 1"
wait_for "批注 1"
keys M-j
wait_for "批注（reviewer-a，"
wait_for "✎ [一] 「（一）深入学习贯」请写明学法的具体内容 — reviewer-a"
wait_for "）：请写明学法的具体内容"
keys F2
wait_for "【已驳回：本单位不设此项】报告缺少"
# Nothing changed: quit does not ask.
keys C-q
wait_for "nianbao-exited=0"

# The review report lists both.
out=$("$NIANBAO" review --report "$y") || fail "review --report failed"
echo "$out" | grep -F -q "请写明学法的具体内容" || fail "the report lacks the 批注"
echo "$out" | grep -F -q "驳回1条" || fail "the report does not count the dismissed finding"
echo "$out" | grep -F -q "本单位不设此项" || fail "the report lacks the reason"

# Someone is editing the YAML (a live lock: this shell): review mode says who, and the review is
# saved beside it, never into their file.
printf 'nianbao-lock: 1\nuser: colleague\nhost: %s\npid: %s\nstarted: %s\n' "$(uname -n)" "$$" "$(date +%s)" \
	>"$E2E_TMP/.draft.yaml.nianbao-lock"
cp "$y" "$E2E_TMP/before.yaml"
tm kill-session -t nb
e2e_start 100 30 -- -R draft.yaml
wait_for "colleague@"
wait_for "正在编辑这份报告"
keys M-c
wait_for "批注："
typetext "第二条意见"
keys Enter
wait_for "已加批注"
keys C-s
wait_for "审核结果请另存一个文件"
wait_for "保存为 YAML 文件：draft-review.yaml"
keys Enter
wait_for "已保存审核结果（批注 2 条，决定 1 条）：draft-review.yaml"
cmp -s "$y" "$E2E_TMP/before.yaml" || fail "the review was written into a file someone is editing"
grep -F -q "text: 第二条意见" "$E2E_TMP/draft-review.yaml" || fail "the review copy lacks the new 批注"
grep -F -q "text: 请写明学法的具体内容" "$E2E_TMP/draft-review.yaml" || fail "the review copy lost the first 批注"
[ -f "$E2E_TMP/.draft.yaml.nianbao-lock" ] || fail "the colleague's lock was removed"
keys C-q
wait_for "nianbao-exited=0"
echo "ok: review mode: decisions and 批注 saved, reopened and reported; the draft untouched; a locked file left alone"
