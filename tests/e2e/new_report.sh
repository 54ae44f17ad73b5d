#!/bin/sh
# A new report from nothing: header form, text in every section, save, and the YAML holds it all.
. "${TOP_SRCDIR:-$(dirname "$0")/../..}/tests/e2e/e2e-lib.sh"

e2e_start -- ""
wait_for "表头信息"
wait_for "发文机关"
# Header form: unit, unit type, year (replace the default), then on.
typetext "测试市测试区司法局"; keys Enter
typetext "县级部门"; keys Enter
keys C-w; typetext "2024"; keys Enter
wait_for "报告年度：2024"   # the headings follow the year: checked in the saved YAML below
# The title has been filled in from the unit and the year; keep it.
wait_for "关于2024年度法治政府建设情况的报告"
keys Enter
typetext "测司〔2025〕3号"; keys Enter
typetext "张三"; keys Enter
typetext "中共测试区委、测试区人民政府"; keys Enter
keys Enter
typetext "2025年2月8日"
wait_for "2025年2月8日"
keys M-n
wait_for "[1/5]"
typetext "深入学习贯彻习近平法治思想，全年组织集中学法12次。"
wait_for "集中学法12次"
next_section 2
typetext "存在的问题：基层执法力量不足。原因在于编制有限。"
next_section 3
typetext "主要负责人亲自部署、亲自过问法治建设。"
next_section 4
typetext "2025年，我们计划开展执法培训，完成制度修订。"
next_section 5
typetext "无其他需要报告的情况。"
wait_for "无其他需要报告的情况。"
keys C-s
wait_for "保存为 YAML 文件"
wait_for "nianbao-2024.yaml"
keys Enter
wait_for "已保存"
f="$E2E_TMP/nianbao-2024.yaml"
[ -f "$f" ] || fail "no YAML file written"
for want in "  unit: 测试市测试区司法局" "  unit_type: 县级部门" '  year: "2024"' \
	"  title: 测试市测试区司法局关于2024年度法治政府建设情况的报告" \
	"  doc_number: 测司〔2025〕3号" "  signer: 张三" "  recipient: 中共测试区委、测试区人民政府" \
	"  date: 2025年2月8日" "集中学法12次" "原因在于编制有限" "亲自部署、亲自过问" \
	"完成制度修订" "无其他需要报告的情况" "一、2024年" "四、2025年"; do
	grep -F -q -- "$want" "$f" || fail "the saved YAML lacks: $want"
done
grep -q '^nianbao: 1' "$f" || fail "no format version in the YAML"
# The YAML is a report nianbao itself reads back.
"$NIANBAO" export --to=text "$f" -o "$E2E_TMP/check.txt" || fail "the saved YAML does not load"
grep -F -q "亲自部署" "$E2E_TMP/check.txt" || fail "the section text did not survive a reload"
# Nothing unsaved now: quitting does not ask.
keys C-q
wait_for "nianbao-exited=0"
echo "ok: new report saved as YAML"
