#!/bin/sh
# Silencing from the command line: a report whose `ignore:` list silences an error for one span,
# a rule for the whole report and a rule for one section. Silenced findings leave the finding
# lines and the exit status, but are counted and named, flagged in JSON, and set apart in the
# review summary; an entry without a reason is refused.
. "$(dirname "$0")/lib.sh"
F=$DATA/silence/silenced.yaml

# ---- check, text ----
# The only error (a wrong rate) is silenced for its sentence: exit 0.
run "check with ignore entries" 0 "$NIANBAO" check "$F"
cp "$TMP/out" "$TMP/check.out"
expect "$TMP/check.out" "[repeated-char]"             # not silenced: still reported
expect_not "$TMP/check.out" "[percent-mismatch]"
expect_not "$TMP/check.out" "[latin-in-cjk]"
expect_not "$TMP/check.out" "[punct-width]"
bad=$(grep -v -E '^[^:]+:[0-9]+:[0-9]+: (error|warning|info): .+ \[[a-z-]+\]$' "$TMP/check.out" | head -n 3)
[ -z "$bad" ] || fail "malformed finding lines: $bad"
# never silently: stderr says how many were left out, and why
lines "$TMP/err" 1
expect "$TMP/err" "$F: 3 条已按忽略规则隐藏（"
expect "$TMP/err" "percent-mismatch: 按县司法局通报口径，含上年结转案件"
expect "$TMP/err" "latin-in-cjk: 帮办 and 代办是县政务平台的栏目名称"
expect "$TMP/err" "punct-width: 照录县里文件原文"

# Without the span entry the error counts again.
awk '/^- rule: percent-mismatch$/ {skip=1; next} /^- rule:/ {skip=0} !skip' "$F" >"$TMP/unsilenced.yaml"
run "check without the span entry" 1 "$NIANBAO" check "$TMP/unsilenced.yaml"
expect "$TMP/out" "error:"
expect "$TMP/out" "[percent-mismatch]"
expect "$TMP/err" "2 条已按忽略规则隐藏"

# The span entry survives an edit elsewhere: a paragraph with the same rate error added earlier
# in the same section is reported, the silenced sentence stays silenced.
sed 's/^    （一）深入学习贯彻/    （零）全年受理信访28件，办结26件，办结率99.7%。\n    （一）深入学习贯彻/' "$F" >"$TMP/edited.yaml"
grep -q "（零）" "$TMP/edited.yaml" || fail "test setup: edit not made"
run "check after an edit elsewhere" 1 "$NIANBAO" check "$TMP/edited.yaml"
[ "$(grep -c '\[percent-mismatch\]' "$TMP/out")" -eq 1 ] || fail "expected exactly the new rate error"
expect "$TMP/out" "26÷28"                         # the new sentence's rate
grep '\[percent-mismatch\]' "$TMP/out" | grep -q "99.7%" || fail "the new error is not the one reported"
line_new=$(grep -n "（零）" "$TMP/edited.yaml" | cut -d: -f1)
expect "$TMP/out" "edited.yaml:$line_new:"
expect "$TMP/err" "3 条已按忽略规则隐藏"

# ---- check, JSON ----
run "check --format=json with ignore entries" 0 "$NIANBAO" check --format=json "$F"
[ "$(grep -c '"suppressed": true' "$TMP/out")" -eq 3 ] || fail "JSON does not flag the 3 silenced findings"
expect "$TMP/out" '"rule": "percent-mismatch"'
expect "$TMP/out" '"ignore_scope": "span"'
expect "$TMP/out" '"ignore_reason": "照录县里文件原文"'
if command -v python3 >/dev/null; then
	python3 - "$TMP/out" <<'EOF' || fail "JSON: suppressed findings wrong"
import json, sys
d = json.load(open(sys.argv[1]))
sup = sorted(f["rule"] for f in d if f.get("suppressed"))
assert sup == ["latin-in-cjk", "percent-mismatch", "punct-width"], sup
assert [f["rule"] for f in d if not f.get("suppressed")] == ["repeated-char"]
EOF
fi

# ---- --disable / --enable ----
run "check --disable repeated-char" 0 "$NIANBAO" check --disable repeated-char "$F"
[ -s "$TMP/out" ] && fail "--disable left findings"
run "check --disable then --enable" 0 "$NIANBAO" check --disable repeated-char --enable repeated-char "$F"
expect "$TMP/out" "[repeated-char]"

# ---- check --fix leaves silenced findings alone ----
run "check --fix with ignore entries" 0 "$NIANBAO" check --fix "$F" -o "$TMP/fixed.yaml"
expect "$TMP/out" "[repeated-char]"
expect_not "$TMP/out" "[punct-width]"
expect "$TMP/fixed.yaml" "不少于4期;三是"          # the silenced half-width ; stays
expect "$TMP/fixed.yaml" "镇党委理论学习"          # the fixed doubled 党
expect "$TMP/fixed.yaml" "reason: 照录县里文件原文"  # the entries are kept

# ---- the YAML: saved back byte for byte ----
run "export --to=yaml keeps ignore:" 0 "$NIANBAO" export --to=yaml "$F" -o "$TMP/again.yaml"
cmp -s "$F" "$TMP/again.yaml" || { fail "ignore: entries not saved back as read"; diff "$F" "$TMP/again.yaml" | head; }

# ---- review --report ----
run "review --report with ignore entries" 0 "$NIANBAO" review --report "$F"
cp "$TMP/out" "$TMP/report.txt"
expect "$TMP/report.txt" "警告1条。"
expect "$TMP/report.txt" "按忽略规则隐藏3条（不计入上述数字，另列于后）"
expect "$TMP/report.txt" "另有1条忽略规则已无对应问题"
sed -n '/按忽略规则隐藏的问题（不计入）/,$p' "$TMP/report.txt" >"$TMP/silenced.txt"
expect "$TMP/silenced.txt" "[percent-mismatch]"
expect "$TMP/silenced.txt" "忽略（此处）：按县司法局通报口径，含上年结转案件（李审核）"
expect "$TMP/silenced.txt" "忽略（全文）：帮办 and 代办是县政务平台的栏目名称"
expect "$TMP/silenced.txt" "忽略（本部分）：照录县里文件原文（王复核）"
sed -n '1,/按忽略规则隐藏的问题/p' "$TMP/report.txt" | grep -q "比率与数字不符" && fail "silenced finding listed as open"
run "review --report --format=json with ignore entries" 0 "$NIANBAO" review --report --format=json "$F"
expect "$TMP/out" '"suppressed": 3, "unused_ignores": 1'
[ "$(grep -c '"suppressed": true' "$TMP/out")" -eq 3 ] || fail "review JSON does not flag the 3 silenced findings"
# --disable applies to the review summary too
run "review --report --disable" 0 "$NIANBAO" review --report --disable repeated-char "$F"
expect_not "$TMP/out" "[repeated-char]"
expect "$TMP/out" "无意见"

# ---- refused entries ----
printf 'nianbao: 1\nsections: []\nignore:\n  - rule: lexicon\n    scope: report\n' >"$TMP/noreason.yaml"
run "ignore entry without a reason" 2 "$NIANBAO" check "$TMP/noreason.yaml"
lines "$TMP/err" 1
expect "$TMP/err" "noreason.yaml:4:"
expect "$TMP/err" "reason"
[ -s "$TMP/out" ] && fail "printed findings for a refused file"
printf 'nianbao: 1\nsections: []\nignore:\n  - rule: lexicon\n    scope: everywhere\n    reason: x\n' >"$TMP/badscope.yaml"
run "ignore entry with an unknown scope" 2 "$NIANBAO" check "$TMP/badscope.yaml"
expect "$TMP/err" "badscope.yaml:5:"

finish
