#!/bin/sh
# Opening a .txt draft and saving it as YAML: the draft is never overwritten.
. "${TOP_SRCDIR:-$(dirname "$0")/../..}/tests/e2e/e2e-lib.sh"

cp "$TOP_SRCDIR/tests/e2e/data/draft.txt" "$E2E_TMP/draft.txt"
e2e_start -- draft.txt
wait_for "已导入文本草稿"
wait_for "draft.txt"
wait_for "全年组织集中学法6次"
keys C-s
wait_for "保存为 YAML 文件"
wait_for "draft.yaml"
# Try to save over the draft: refused, asked again.
keys C-w
typetext "draft.txt"
keys Enter
wait_for "不会用 YAML 覆盖文本草稿"
keys C-w
typetext "draft.yaml"
keys Enter
wait_for "已保存"
cmp -s "$TOP_SRCDIR/tests/e2e/data/draft.txt" "$E2E_TMP/draft.txt" || fail "the .txt draft was changed"
[ -f "$E2E_TMP/draft.yaml" ] || fail "no draft.yaml"
grep -F -q "全年组织集中学法6次" "$E2E_TMP/draft.yaml" || fail "body text missing from the YAML"
grep -F -q "id: problems" "$E2E_TMP/draft.yaml" || fail "the 不足 section was not recognised"
# Later saves go to the YAML without asking.
typetext "补充。"
keys C-s
wait_for "已保存"
grep -F -q "补充。" "$E2E_TMP/draft.yaml" || fail "second save did not reach the YAML"
cmp -s "$TOP_SRCDIR/tests/e2e/data/draft.txt" "$E2E_TMP/draft.txt" || fail "the .txt draft was changed"
keys C-q
wait_for "nianbao-exited=0"
echo "ok: .txt draft saved as YAML"
