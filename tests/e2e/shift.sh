#!/bin/sh
# Typing mid-paragraph lets the terminal shift rows (insert/delete character, insert/delete line
# in a scroll region) instead of resending them. Whatever it sends, the screen must end up exactly
# as a full repaint draws it: after every burst of keys the screen is captured, Ctrl-L repaints
# from scratch, and the two must be identical. Run in several sizes and terminal types.
. "${TOP_SRCDIR:-$(dirname "$0")/../..}/tests/e2e/e2e-lib.sh"

cp "$TOP_SRCDIR/tests/e2e/data/paragraphs.yaml" "$E2E_TMP/r.yaml"

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
# A terminal whose capabilities carry padding ($<2>): nianbao leaves it to curses' own updates.
if command -v tic >/dev/null 2>&1 && command -v infocmp >/dev/null 2>&1; then
	mkdir -p "$E2E_TMP/terminfo"
	infocmp -x xterm-256color | sed -e 's/^xterm-256color|[^,]*,/xterm-padded|xterm with padding,/' \
		-e 's/\([[:space:]]\)cup=\([^,]*\),/\1cup=\2$<2>,/' >"$E2E_TMP/padded.src"
	if tic -x -o "$E2E_TMP/terminfo" "$E2E_TMP/padded.src" 2>/dev/null; then
		E2E_ENV="TERMINFO='$E2E_TMP/terminfo'"
		run_case xterm-padded 80 24
		E2E_ENV=
	fi
fi
run_case screen-256color 100 30
run_case xterm-256color 61 20
run_case tmux-256color 140 36
echo "ok: rows shifted by the terminal match a full repaint"
