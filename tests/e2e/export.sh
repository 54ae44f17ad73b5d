#!/bin/sh
# The export key writes the finished text, the same as `nianbao export`, never over the draft.
. "${TOP_SRCDIR:-$(dirname "$0")/../..}/tests/e2e/e2e-lib.sh"

cp "$TOP_SRCDIR/tests/e2e/data/draft.txt" "$E2E_TMP/draft.txt"
e2e_start -- draft.txt
wait_for "已导入文本草稿"
keys C-e
wait_for "导出正文到"
wait_for "draft-export.txt"
keys C-w
typetext "draft.txt"
keys Enter
wait_for "不能把正文导出到原草稿"
keys C-w
typetext "draft-export.txt"
keys Enter
wait_for "已导出正文"
[ -f "$E2E_TMP/draft-export.txt" ] || fail "no export file"
cmp -s "$TOP_SRCDIR/tests/e2e/data/draft.txt" "$E2E_TMP/draft.txt" || fail "the draft was changed"
"$NIANBAO" export --to=text "$E2E_TMP/draft.txt" -o "$E2E_TMP/cli-export.txt" || fail "CLI export failed"
cmp -s "$E2E_TMP/cli-export.txt" "$E2E_TMP/draft-export.txt" || {
	diff "$E2E_TMP/cli-export.txt" "$E2E_TMP/draft-export.txt" | head -20
	fail "the editor's export differs from nianbao export"
}
grep -F -q "全年组织集中学法6次" "$E2E_TMP/draft-export.txt" || fail "body missing from the export"
echo "ok: export key"
