#!/bin/sh
# The 第一责任人 checklist ticks itself, item by item, as evidence is typed.
. "${TOP_SRCDIR:-$(dirname "$0")/../..}/tests/e2e/e2e-lib.sh"

e2e_start -- ""
wait_for "表头信息"
keys C-g
wait_for "跳到哪一节"
keys 3
wait_for "[3/5]"
wait_for "必写要点 0/7"
wait_for "☐ 亲自部署"
typetext "主要负责人亲自部署法治建设。"
wait_for "必写要点 1/7"
wait_for "☑ 亲自部署"
wait_for "☐ 述法"
typetext "年终开展述职述法。"
wait_for "必写要点 2/7"
wait_for "☑ 述法"
# Taking the evidence away unticks the item again.
keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
wait_for "必写要点 1/7"
wait_for "☐ 述法"
typetext "年终述职述法，专题研究法治工作，纳入年度工作计划，坚持会前学法，重大事项经合法性审查，行政机关负责人出庭应诉。"
wait_for "必写要点 7/7"
screen | grep -F -q "☐" && fail "an item is still unticked with all evidence typed"
echo "ok: checklist ticks as evidence is typed"
