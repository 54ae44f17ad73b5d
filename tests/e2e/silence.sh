#!/bin/sh
# Silencing and fix-all in the editor: ignore-finding asks for a scope and a reason (a blank one
# is refused), the finding stays in the list marked and counted, the entry is saved as `ignore:`
# and `nianbao check` then leaves the finding out; fix-all fixes every finding of one rule in one
# section and nothing elsewhere, and one undo takes all of it back.
. "${TOP_SRCDIR:-$(dirname "$0")/../..}/tests/e2e/e2e-lib.sh"

E2E_ENV="NIANBAO_AUTHOR=reviewer-b"
cp "$TOP_SRCDIR/tests/e2e/data/silence.yaml" "$E2E_TMP/r.yaml"
e2e_start 100 30 -- r.yaml
wait_for "检查结果 5 (错误 0, 警告 5)"

# ---- ignore-finding ----
keys F2
wait_for "中文行文中夹有英文单词“and”"
keys M-i
wait_for "忽略规则 latin-in-cjk 的范围"
keys 1
wait_for "忽略理由（必填"
keys Enter                          # no reason: refused, asked again
wait_for "忽略须写明理由"
wait_for "忽略理由（必填"
typetext "县平台栏目名称"
keys Enter
wait_for "已忽略 latin-in-cjk（此处），隐藏 1 条"
# still listed, marked and counted apart
wait_for "检查结果 5 (错误 0, 警告 4) ~已忽略 1"
screen | grep -F "英文单词“and”" | grep -F -q "!~ [一]" || fail "the silenced finding lost its mark"
# pressing it again offers to withdraw; n keeps it
keys M-i
wait_for "这条检查结果已被忽略（latin-in-cjk: 县平台栏目名称）"
keys n
wait_for "已取消"
wait_for "~已忽略 1"

# ---- fix-all: the three ; of part 四, not the one of part 一 ----
keys F2
wait_for "[1/5]"
keys F2
wait_for "[4/5]"
wait_for "半角标点“;”"
keys M-4
wait_for "已修正 3 处 [punct-width]"
wait_for "轮训2期；组织"
screen | grep -F "规定；" >/dev/null || fail "the third ; of part 四 was not fixed"
wait_for "检查结果 2 (错误 0, 警告 1) ~已忽略 1"
# one undo step takes all three back, one redo does them again
keys C-z
wait_for "轮训2期;组织"
wait_for "程序规定;"
wait_for "检查结果 5"
keys C-y
wait_for "轮训2期；组织"
wait_for "程序规定；"

# ---- saved: the ignore entry, the fixes; check agrees ----
keys C-s
wait_for "已保存"
grep -q "^ignore:" "$E2E_TMP/r.yaml" || fail "no ignore: list saved"
grep -q "rule: latin-in-cjk" "$E2E_TMP/r.yaml" || fail "ignore entry without its rule"
grep -q "scope: span" "$E2E_TMP/r.yaml" || fail "ignore entry without its scope"
grep -q "reason: 县平台栏目名称" "$E2E_TMP/r.yaml" || fail "ignore entry without its reason"
grep -q "author: reviewer-b" "$E2E_TMP/r.yaml" || fail "ignore entry without its author"
[ "$(grep -c ';' "$E2E_TMP/r.yaml")" -eq 1 ] || fail "fix-all changed the wrong number of ;"
grep -q "37件;无一" "$E2E_TMP/r.yaml" || fail "fix-all changed part 一"
keys C-q
wait_for "nianbao-exited=0"
"$NIANBAO" check "$E2E_TMP/r.yaml" >"$E2E_TMP/check.out" 2>"$E2E_TMP/check.err"
grep -q "latin-in-cjk" "$E2E_TMP/check.out" && fail "check reports the silenced finding"
grep -q "\[punct-width\]" "$E2E_TMP/check.out" || fail "check lost the finding in part 一"
grep -q "1 条已按忽略规则隐藏（latin-in-cjk: 县平台栏目名称）" "$E2E_TMP/check.err" || fail "check does not count the silenced finding"
echo "ok: ignore-finding and fix-all"
