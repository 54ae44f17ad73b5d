#!/bin/sh
# Reviewing a colleague's draft from the command line: the review summary (text and JSON) of a
# report carrying 批注 and decisions, and what changed between two versions.
. "$(dirname "$0")/lib.sh"
R=$DATA/review

# ---- review --report, text ----
run "review --report text" 0 "$NIANBAO" review --report "$R/reviewed.yaml"
cp "$TMP/out" "$TMP/report.txt"
for heading in "审核意见" "一、总体情况" "二、尚缺的必备内容" "三、逐部分意见" "已驳回的问题（不计入）"; do
	expect "$TMP/report.txt" "$heading"
done
expect "$TMP/report.txt" "报告：青禾社区关于2024年度法治政府建设情况的报告"
# the missing 第一责任人 part is listed among what is still missing
sed -n '/^二、尚缺的必备内容/,/^三、/p' "$TMP/report.txt" >"$TMP/missing.txt"
expect "$TMP/missing.txt" "第一责任人"
expect "$TMP/missing.txt" "[section-missing]"
# each part's findings, with the sentence around them and the YAML line they are on
sed -n '/^（一）2024年主要举措和成效/,/^（二）/p' "$TMP/report.txt" >"$TMP/measures.txt"
expect "$TMP/measures.txt" "第16行起"
expect "$TMP/measures.txt" "警告，第18行：“勇干”应为“勇于”"
expect "$TMP/measures.txt" "原文：社区干部【勇干】担当，带头学法用法。"
expect "$TMP/measures.txt" "审核人确认"
# 批注 with author, time, line, quoted context; a multi-line one keeps its lines
expect "$TMP/measures.txt" "批注（李审核，2025-02-25 09:30），第19行："
expect "$TMP/measures.txt" "【包案化解】"
expect "$TMP/measures.txt" "意见：请写明包案的具体做法和责任人。"
expect "$TMP/report.txt" "请补充思想认识、工作方法方面的主观原因。"
# a 批注 whose words are gone is shown apart, with its words, not dropped
sed -n '/原文已改动的批注/,/已驳回/p' "$TMP/report.txt" >"$TMP/orphans.txt"
expect "$TMP/orphans.txt" "党建引领网格治理"
expect "$TMP/orphans.txt" "这句在上一稿里"
# the dismissed finding is counted apart and shown with its reason, not listed among the open ones
expect "$TMP/report.txt" "驳回1条"
sed -n '/已驳回的问题/,$p' "$TMP/report.txt" >"$TMP/dismissed.txt"
expect "$TMP/dismissed.txt" "[meta-missing]"
expect "$TMP/dismissed.txt" "驳回理由：社区报告按街道要求不设签发人（李审核）"
sed -n '1,/已驳回的问题/p' "$TMP/report.txt" | grep -q "缺少签发人" && fail "dismissed finding listed as open"
expect "$TMP/report.txt" "错误1条，警告2条，批注4条"
# fit to paste into a reply: no tabs, no escape sequences, no long lines of quoted context
grep -q "$(printf '\t')" "$TMP/report.txt" && fail "report has tabs"
grep -q "$(printf '\033')" "$TMP/report.txt" && fail "report has escape sequences"
grep '^   原文：' "$TMP/report.txt" >"$TMP/context.txt"
while IFS= read -r line; do
	[ "$(printf '%s' "$line" | wc -m)" -le 64 ] || fail "context line too long: $line"
done <"$TMP/context.txt"

# ---- review --report, JSON, atomically to -o ----
run "review --report json" 0 "$NIANBAO" review --report --format=json "$R/reviewed.yaml" -o "$TMP/report.json"
[ -s "$TMP/out" ] && fail "-o also wrote to standard output"
ls "$TMP" | grep -q '\.tmp' && fail "temporary file left behind"
for key in counts sections findings comments orphaned_comments decision reason context line; do
	expect "$TMP/report.json" "\"$key\":"
done
if command -v python3 >/dev/null; then
	python3 - "$TMP/report.json" <<'EOF' || fail "JSON report does not say what the text says"
import json, sys
d = json.load(open(sys.argv[1]))
c = d["counts"]
assert c["dismissed"] == 1 and c["accepted"] == 1, c
assert c["comments"] == 4 and c["orphaned_comments"] == 1, c
assert c["error"] == 1 and c["mandatory_missing"] == 1, c
m = [s for s in d["sections"] if s["section"] == "measures"][0]
assert m["line"] == 16, m["line"]
lex = [f for f in m["findings"] if f["rule"] == "lexicon"][0]
assert lex["quote"] == "勇干" and lex["decision"] == "accepted" and lex["line"] == 18, lex
assert [x["quote"] for x in m["comments"]] == ["包案化解", "化解率96.6%"], m["comments"]
assert d["orphaned_comments"][0]["quote"] == "党建引领网格治理"
dis = [f for s in d["sections"] for f in s["findings"] if f["decision"] == "dismissed"]
assert len(dis) == 1 and dis[0]["reason"] == "社区报告按街道要求不设签发人", dis
EOF
fi

# a text draft works too: its findings point at the draft's own lines
run "review --report of a text draft" 0 "$NIANBAO" review --report "$R/draft-v1.txt"
expect "$TMP/out" "第13行："
expect "$TMP/out" "导入文本时作了"

# ---- diff: what the colleague changed since the review (OLD is YAML with 批注, NEW a text draft) ----
run "diff" 0 "$NIANBAO" diff "$R/reviewed.yaml" "$R/revised.txt"
cp "$TMP/out" "$TMP/diff.txt"
for heading in "一、文字改动" "二、检查结果变化" "三、批注处理情况"; do expect "$TMP/diff.txt" "$heading"; done
# per-character marks inside changed paragraphs, at the new version's lines
expect "$TMP/diff.txt" "社区干部勇[-干-]{+于+}担当"
expect "$TMP/diff.txt" "社区党[-党-]委"
expect "$TMP/diff.txt" "第25行）修改：……主要是社区工作力量不足，[-宣传阵地建设滞后-]{+对新媒体普法重视不够+}。"
expect "$TMP/diff.txt" "成文日期：2025年2月2[-0-]{+7+}日"
# an added part and an added paragraph
expect "$TMP/diff.txt" "【二、社区党委书记履行推进法治建设第一责任人职责情况】新增部分"
expect "$TMP/diff.txt" "新增：同时，每月邀请法律顾问坐班一天"
# findings: the typos fixed and the missing part written are gone; the new typo has appeared
sed -n '/^新出现/,/^已消失/p' "$TMP/diff.txt" >"$TMP/appeared.txt"
sed -n '/^已消失/,/^三、/p' "$TMP/diff.txt" >"$TMP/gone.txt"
expect "$TMP/appeared.txt" "“组组”"
expect "$TMP/gone.txt" "“勇干”应为“勇于”"
expect "$TMP/gone.txt" "[section-missing]"
expect_not "$TMP/appeared.txt" "[import-normalized]"
# 批注: rewritten → addressed, with what it says now; untouched → still open; gone before → said so
expect "$TMP/diff.txt" "已处理2条，仍未处理1条，旧稿中已找不到原文1条。"
sed -n '/^已处理（/,/^仍未处理（/p' "$TMP/diff.txt" >"$TMP/addressed.txt"
sed -n '/^仍未处理（/,/^旧稿中已找不到/p' "$TMP/diff.txt" >"$TMP/open.txt"
expect "$TMP/addressed.txt" "“包案化解”——请写明包案的具体做法和责任人。"
expect "$TMP/addressed.txt" "包案[-化解-]{+调处+}"
expect "$TMP/addressed.txt" "“宣传阵地建设滞后”"
expect "$TMP/open.txt" "“化解率96.6%”"
grep -q "$(printf '\t')" "$TMP/diff.txt" && fail "diff output has tabs"
# comparing a version with itself: nothing changed, every 批注 still open
run "diff with itself" 0 "$NIANBAO" diff "$R/reviewed.yaml" "$R/reviewed.yaml"
expect "$TMP/out" "文字没有改动。"
expect "$TMP/out" "检查结果没有变化。"
expect "$TMP/out" "已处理0条，仍未处理3条"
run "diff needs two files" 2 "$NIANBAO" diff "$R/reviewed.yaml"
expect "$TMP/err" "OLD and NEW"
run "diff with a missing file" 2 "$NIANBAO" diff "$R/reviewed.yaml" "$TMP/nope.txt"
expect "$TMP/err" "nope.txt"

# a hostile 批注 or draft text never reaches the terminal raw
cat >"$TMP/hostile.yaml" <<'END'
nianbao: 1
sections:
  - id: measures
    heading: 一、主要举措和成效
    body: "开展普法宣传\e]0;pwned\a活动15场。"
comments:
  - {section: measures, quote: "普法宣传\e]0;pwned\a活动", text: "请核对\e[2J\u202e数字", author: "甲\e[31m", time: "2025-01-01T00:00:00+08:00"}
END
for cmd in report json diff; do
	case $cmd in
	report) set -- review --report "$TMP/hostile.yaml" ;;
	json) set -- review --report --format=json "$TMP/hostile.yaml" ;;
	diff) set -- diff "$TMP/hostile.yaml" "$R/reviewed.yaml" ;;
	esac
	run "hostile text: $cmd" 0 "$NIANBAO" "$@" || continue
	grep -q "$(printf '\033')" "$TMP/out" && fail "$cmd: escape character in the output"
	grep -q "$(printf '\342\200\256')" "$TMP/out" && fail "$cmd: bidi override in the output"
	expect "$TMP/out" "请核对"
done

# bad use: a clear message, exit 2
run "review --report unknown format" 2 "$NIANBAO" review --report --format=xml "$R/reviewed.yaml"
expect "$TMP/err" "xml"
run "review --report missing file" 2 "$NIANBAO" review --report "$TMP/nope.yaml"
expect "$TMP/err" "nope.yaml"
run "review --report over its input" 2 "$NIANBAO" review --report "$R/reviewed.yaml" -o "$R/reviewed.yaml"

finish
