#!/bin/sh
# Random editing, checked against a full repaint: each round is a burst of random keys (typing
# ideographs, figures, Latin and quotes, deleting both ways, splitting and joining paragraphs,
# moving about, undo and redo, pasting), after which the screen as sent key by key must equal the
# screen that Ctrl-L repaints from scratch. The rounds are reproducible from the seed.
#
#   NB_SHIFT_ROUNDS   rounds per terminal (default 6; `make shift-soak` runs many more)
#   NB_SHIFT_SEED     seed of the random keys (default 1)
. "${TOP_SRCDIR:-$(dirname "$0")/../..}/tests/e2e/e2e-lib.sh"

ROUNDS=${NB_SHIFT_ROUNDS:-6}
SEED=${NB_SHIFT_SEED:-1}
cp "$TOP_SRCDIR/tests/e2e/data/paragraphs.yaml" "$E2E_TMP/r.yaml"
printf '%s' "补充的一段粘贴文字，含数字2024与“引号”，以及Law Day。" >"$E2E_TMP/paste.txt"

# One line per key action: "t TEXT" types TEXT one character at a time, "k KEY..." sends keys,
# "p" pastes, "c" ends a round (check against a repaint).
plan() {
	awk -v rounds="$ROUNDS" -v seed="$1" 'BEGIN {
		srand(seed)
		split("依 法 行 政 推 进 建 设 治 府 责 任 制 度 健 全 监 督 机 强 化 落 实", han, " ")
		split("1 2 0 9 A b Z x % “ ” ， 。 、 ； （ ）", other, " ")
		for (r = 0; r < rounds; r++) {
			for (i = 0; i < 12; i++) {
				op = int(rand() * 100)
				if (op < 40) {
					s = ""; n = 1 + int(rand() * 8)
					for (j = 0; j < n; j++)
						s = s (rand() < 0.75 ? han[1 + int(rand() * 23)] : other[1 + int(rand() * 17)])
					print "t " s
				} else if (op < 52) {
					s = "k"; n = 1 + int(rand() * 6)
					for (j = 0; j < n; j++) s = s " BSpace"
					print s
				} else if (op < 60) {
					s = "k"; n = 1 + int(rand() * 6)
					for (j = 0; j < n; j++) s = s " DC"
					print s
				} else if (op < 66) {
					print "k Enter"
				} else if (op < 82) {
					split("Up Down Left Right Home End C-Right C-Left C-Down C-Up", mv, " ")
					s = "k"; n = 1 + int(rand() * 4)
					for (j = 0; j < n; j++) s = s " " mv[1 + int(rand() * 10)]
					print s
				} else if (op < 88) {
					print "k C-z"
				} else if (op < 92) {
					print "k C-y"
				} else if (op < 96) {
					print "k PageDown"
				} else {
					print "p"
				}
			}
			print "c"
		}
	}'
}

run_soak() {
	E2E_TERM=$1 W=$2 H=$3
	e2e_start "$W" "$H" -- "r.yaml"
	wait_for "全面推进"
	wait_for "[1/"
	tm load-buffer -b soak "$E2E_TMP/paste.txt"
	round=0
	plan "$SEED$W" >"$E2E_TMP/plan"
	while IFS= read -r line; do
		case $line in
		"t "*) type_slowly "${line#t }" ;;
		"k "*) # shellcheck disable=SC2086
			keys ${line#k }
			sleep 0.02 ;;
		p) tm paste-buffer -p -b soak -t nb ;;
		c) round=$((round + 1))
			check_repaint "round $round of seed $SEED$W (keys in $E2E_TMP/plan)"
			assert_running ;;
		esac
	done <"$E2E_TMP/plan"
	keys C-q
	wait_for "有未保存的修改"
	keys n
	wait_for "nianbao-exited=0"
	tm kill-server >/dev/null 2>&1
	echo "shift_soak $E2E_TERM ${W}x$H rounds=$round"
}

run_soak tmux-256color 80 24
run_soak xterm-256color 140 36
run_soak screen-256color 50 14
echo "ok: random editing matches a full repaint"
