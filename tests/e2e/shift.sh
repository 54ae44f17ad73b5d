#!/bin/sh
# Typing mid-paragraph lets the terminal shift rows (insert/delete character, insert/delete line
# in a scroll region) instead of resending them. Whatever it sends, the screen must end up exactly
# as a full repaint draws it: after every burst of keys the screen is captured, Ctrl-L repaints
# from scratch, and the two must be identical. Run in several sizes and terminal types.
. "${TOP_SRCDIR:-$(dirname "$0")/../..}/tests/e2e/e2e-lib.sh"

cat >"$E2E_TMP/r.yaml" <<'EOF'
nianbao: 1
template: fazhi-zhengfu-nianbao
meta:
  unit: 测试区司法局
  unit_type: 县级部门
  year: "2024"
sections:
- id: measures
  heading: 一、2024年度推进法治政府建设的主要举措和成效
  body: "本年度全面推进依法行政，健全重大行政决策程序，规范行政执法行为，深化“放管服”改革，主要负责人亲自部署、亲自过问法治建设，执法人员培训覆盖率达到100%，行政复议纠错率下降。\n全年办理行政复议案件152件，其中维持48件、撤销57件、确认违法40件，另有7件以调解方式结案，群众满意度达到98.6%以上。\n组织开展Law Day普法活动12场，覆盖群众3万余人次；制定《行政执法公示办法》等制度5项。\n第四段：落实党政主要负责人履行推进法治建设第一责任人职责，把法治建设纳入年度工作要点。\n第五段：加强执法队伍建设，全年开展业务培训6期，参训人员达到320人次，考试合格率100%。"
- id: problems
  heading: 二、2024年度推进法治政府建设存在的不足和原因
  body: ""
EOF

# The screen once it has stopped changing.
settled() {
	prev=""
	i=0
	while [ $i -lt 50 ]; do
		cur=$(screen)
		[ -n "$prev" ] && [ "$cur" = "$prev" ] && { printf '%s\n' "$cur"; return 0; }
		prev=$cur
		sleep 0.15
		i=$((i + 1))
	done
	fail "the screen never settled"
}

# check_repaint WHAT: the screen as sent key by key equals the screen repainted from scratch.
check_repaint() {
	settled >"$E2E_TMP/incremental"
	keys C-l
	sleep 0.3
	settled >"$E2E_TMP/repainted"
	if ! cmp -s "$E2E_TMP/incremental" "$E2E_TMP/repainted"; then
		echo "---- sent key by key ($1, $E2E_TERM ${W}x$H) ----"
		cat "$E2E_TMP/incremental"
		echo "---- differs from ----"
		diff "$E2E_TMP/incremental" "$E2E_TMP/repainted"
		fail "the screen after $1 differs from a repaint"
	fi
}

# One key per frame, as a clerk types.
type_slowly() {
	s=$1
	while [ -n "$s" ]; do
		rest=${s#?}
		ch=${s%"$rest"}
		typetext "$ch"
		s=$rest
		sleep 0.02
	done
}

run_case() {
	E2E_TERM=$1 W=$2 H=$3
	e2e_start "$W" "$H" -- "r.yaml"
	wait_for "全面推进"
	wait_for "[1/"
	keys Right Right Right Right Right Right
	type_slowly "依法行政推进建设法治政府全面落实责任制度健全完善监督机制强化"
	check_repaint "typing ideographs mid-paragraph"
	type_slowly "ABC 123，“引号”与数字4567"
	check_repaint "typing Latin letters, figures and quotes"
	keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
	check_repaint "deleting backwards"
	keys Down Down DC DC DC DC DC DC
	check_repaint "deleting forwards"
	keys Enter
	check_repaint "splitting a paragraph"
	keys BSpace
	check_repaint "joining it again"
	type_slowly "再补充一句话使段落增加一行以上的长度，检查下面各行整体下移是否正确显示出来。"
	check_repaint "a paragraph growing by a row"
	i=0
	while [ $i -lt 40 ]; do keys BSpace; i=$((i + 1)); done
	check_repaint "a paragraph shrinking by a row"
	keys C-q
	wait_for "有未保存的修改"
	keys n
	wait_for "nianbao-exited=0"
	tm kill-server >/dev/null 2>&1
}

run_case tmux-256color 80 24
run_case screen-256color 100 30
run_case xterm-256color 61 20
run_case tmux-256color 140 36
echo "ok: rows shifted by the terminal match a full repaint"
