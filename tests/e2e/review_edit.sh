#!/bin/sh
# Review data while editing: a 批注 on the sentence at the cursor, edited; a paragraph moved to
# another section with its 批注; the comparison with the saved file shows the move; a 批注 whose
# text is deleted is shown as orphaned and still saved; deleting one asks first; a decision can
# be withdrawn.
. "${TOP_SRCDIR:-$(dirname "$0")/../..}/tests/e2e/e2e-lib.sh"

E2E_ENV="NIANBAO_AUTHOR=reviewer-b"
cp "$TOP_SRCDIR/tests/e2e/data/draft.txt" "$E2E_TMP/draft.txt"
e2e_start 100 30 -- draft.txt
wait_for "已导入文本草稿"
keys C-s
wait_for "保存为 YAML 文件：draft.yaml"
keys Enter
wait_for "已保存"
y="$E2E_TMP/draft.yaml"

# Accept a finding, then withdraw the decision.
keys F2
wait_for "报告缺少"
keys F8
wait_for "确认理由"
keys Enter
wait_for "已确认："
wait_for "确认 1"
keys F8
wait_for "这条检查结果已确认。撤销这个决定？"
keys y
wait_for "已撤销对这条检查结果的决定"
wait_gone "确认 1"

# A 批注 without a selection goes on the sentence at the cursor.
keys M-n
wait_for "[1/3]"
keys End
keys M-c
wait_for "批注："
typetext "次数偏少"
keys Enter
wait_for "已加批注：「全年组织集中学法6次。」"
keys M-e
wait_for "批注：次数偏少"
keys C-w
typetext "学法次数偏少，请补充"
keys Enter
wait_for "已修改批注"

# Quitting now asks, although the text itself is saved.
keys C-q
wait_for "批注或审核意见还没保存"
keys Escape
wait_for "已取消"

# Move the paragraph to section 三: the 批注 goes with it.
keys M-m
wait_for "把段落移到哪一节"
keys 3
wait_for "把 1 段移到“三、下一步工作安排”末尾？"
keys y
wait_for "已把 1 段移到“三、下一步工作安排”"
keys M-j
wait_for "）：学法次数偏少，请补充"
wait_for "[3/3]"
wait_for "✎ [三] 「全年组织集中学法6次。」学法次数偏少，请补充 — reviewer-b"
wait_for "2025年，我镇将开展执法培训，完善制度。"

# The comparison with the saved file shows the move.
keys M-=
wait_for "与哪个文件对比（旧版本）：draft.yaml"
keys Enter
wait_for "对比 draft.yaml → 当前内容"
wait_for "移动1段"
keys Escape
wait_for "[3/3]"

# Delete the quoted text: the 批注 is orphaned, listed as such, and saved.
keys C-a
typetext "新的安排。"
wait_for "✎ [原文已删] 「全年组织集中学法6次。」学法次数偏少"
keys C-s
wait_for "已保存"
grep -F -q "text: 学法次数偏少，请补充" "$y" || fail "the orphaned 批注 was not saved"
grep -F -q "全年组织集中学法6次" "$y" || fail "the orphaned 批注 lost its quote"
grep -F -q "body: 新的安排。" "$y" || grep -F -q "  新的安排。" "$y" || fail "the edit was not saved"

# Deleting asks first.
keys M-d
wait_for "删除这条批注？（y 删除 / n 保留）学法次数偏少"
keys n
wait_for "已取消"
keys M-d
wait_for "删除这条批注？"
keys y
wait_for "已删除批注"
keys C-s
wait_for "已保存"
grep -F -q "学法次数偏少" "$y" && fail "the deleted 批注 is still in the YAML"
keys C-q
wait_for "nianbao-exited=0"
echo "ok: 批注 added, edited, moved, orphaned, deleted; move shown by the comparison; decision withdrawn"
