#!/bin/sh
# Escape sequences inside a document are shown as ^[ placeholders and never reach the terminal:
# the pane title and the screen stay as they were.
. "${TOP_SRCDIR:-$(dirname "$0")/../..}/tests/e2e/e2e-lib.sh"

printf '一、主要举措和成效\n本年度\033]2;PWNED\007完成\033[2J\033[31m任务\033[0m。\n二、存在的不足和原因\n问题在于\033c重置。\n' \
	> "$E2E_TMP/evil.txt"
e2e_start -- evil.txt
wait_for "大纲"
title_before=$(tm display-message -p -t nb '#{pane_title}')
wait_for "^[]2;PWNED^G"
wait_for "^[[2J"
wait_for "^[[31m任务"
next_section 2
wait_for "^[c"
sleep 0.3
title_after=$(tm display-message -p -t nb '#{pane_title}')
[ "$title_after" = "$title_before" ] || fail "the pane title changed to: $title_after"
[ "$title_after" != "PWNED" ] || fail "the document set the terminal title"
screen | grep -F -q "大纲" || fail "the screen was cleared or reset"
keys C-q
wait_for "nianbao-exited=0"
echo "ok: escape sequences shown, not obeyed"
