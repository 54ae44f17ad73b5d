#!/bin/sh
# valgrind.sh — memcheck over every unit test program and over a real editing session: no
# invalid read or write, no use of uninitialised memory, no definite leak.
#
#  - each unit test program (CK_FORK=no, so the tests run inside the process valgrind watches),
#    two at a time;
#  - the command line on a sample draft (check, export);
#  - nianbao under valgrind in a detached tmux: open a report, type Chinese, paste, undo, save
#    over a file changed on disk (with --backup), quit; then a hang-up with unsaved work and the
#    journal offered back. Exit 0, the file holds what was typed, and the logs are clean.
# Skipped when valgrind is missing; the editor session is skipped (with a word) without tmux.
. "${TOP_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

if ! command -v valgrind >/dev/null 2>&1; then
	echo "SKIP: valgrind not found (Debian package valgrind)"
	exit 77
fi
BUILDDIR=$(cd "$(dirname "$NIANBAO")" && pwd)
VG="valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite --show-leak-kinds=definite"

# clean_log NAME LOG: valgrind said nothing (with -q it only speaks about errors).
clean_log() {
	if [ -s "$2" ]; then
		fail "$1: valgrind reports:"
		head -n 60 "$2" | sed 's/^/    /'
		return 1
	fi
	return 0
}

# ---- the unit tests ----
mkdir "$TMP/units"
units=
for src in "$TOP_SRCDIR"/tests/unit/test_*.c "$TOP_SRCDIR"/tests/rules_quality.c; do
	rel=${src#"$TOP_SRCDIR"/}
	prog=$BUILDDIR/${rel%.c}
	[ -x "$prog" ] && units="$units $prog"
done
if [ -z "$units" ]; then
	echo "note: no unit test programs built (libcheck missing?): only the editor is checked"
fi
# One at a time is too slow under valgrind; two at a time fit the usual two cores.
printf '%s\n' $units | CK_FORK=no xargs -P 2 -I{} sh -c '
	name=$(basename "$1")
	'"$VG"' --log-file="$2/$name.vg" "$1" >"$2/$name.out" 2>&1
	echo $? >"$2/$name.rc"' sh {} "$TMP/units"
for prog in $units; do
	name=$(basename "$prog")
	ncase=$((ncase + 1))
	rc=$(cat "$TMP/units/$name.rc" 2>/dev/null || echo "?")
	if [ "$rc" != 0 ]; then
		fail "$name under valgrind: exit $rc"
		tail -n 5 "$TMP/units/$name.out" | sed 's/^/    /'
		clean_log "$name" "$TMP/units/$name.vg"
	elif clean_log "$name" "$TMP/units/$name.vg"; then
		ok "$name: clean under valgrind"
	fi
done

# ---- the command line ----
SAMPLE=$DATA/sample/complete-2024.txt
run "check under valgrind" 0 $VG --log-file="$TMP/cli-check.vg" "$NIANBAO" check "$SAMPLE" &&
	clean_log "check" "$TMP/cli-check.vg"
run "export under valgrind" 0 $VG --log-file="$TMP/cli-export.vg" "$NIANBAO" export --to=yaml "$SAMPLE" -o "$TMP/sample.yaml" &&
	clean_log "export" "$TMP/cli-export.vg"

# ---- an editing session ----
if ! command -v tmux >/dev/null 2>&1; then
	echo "note: tmux not found: the editor session under valgrind is skipped"
	[ "$nfail" -eq 0 ]
	exit
fi
SOCK="nbvg$$"
tm() { tmux -L "$SOCK" -f /dev/null "$@"; }
trap 'tm kill-server >/dev/null 2>&1; rm -rf "$TMP"' EXIT
screen() { tm capture-pane -p -t vg; }
# wait_for TEXT [SECONDS]: valgrind makes the editor slow; give it time.
wait_for() {
	limit=$(( ${2:-90} * 10 ))
	i=0
	while [ $i -lt $limit ]; do
		screen | grep -F -q -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	fail "editor under valgrind: timed out waiting for: $1"
	echo "---- screen ----"
	screen
	echo "----------------"
	[ -s "$TMP/editor.vg" ] && head -n 40 "$TMP/editor.vg"
	exit 1
}
keys() { tm send-keys -t vg "$@"; }

"$NIANBAO" new -o "$TMP/report.yaml" --unit 测试街道办事处 --year 2024 --unit-type 街道 >/dev/null ||
	{ fail "nianbao new failed"; exit 1; }
printf '粘贴进来的一段话，随后被撤销。' >"$TMP/paste.txt"
# Keeps the tmux server up between the editor sessions below.
tm new-session -d -s keep "sleep 3600" || { fail "cannot start tmux"; exit 1; }
tm new-session -d -s vg -x 100 -y 30 -c "$TMP" \
	"env LC_ALL=C.UTF-8 TERM=tmux-256color XDG_STATE_HOME='$TMP/state' HOME='$TMP' $VG --log-file='$TMP/editor.vg' '$NIANBAO' --backup report.yaml; echo; echo nianbao-exited=\$?; sleep 3600" ||
	{ fail "cannot start tmux"; exit 1; }
wait_for "[1/5]"
tm send-keys -t vg -l -- "在valgrind下写的一段话。"
wait_for "在valgrind下写的一段话。"
tm load-buffer -b nbpaste "$TMP/paste.txt"
tm paste-buffer -p -b nbpaste -t vg
wait_for "粘贴进来的一段话"
keys C-z
i=0
while [ $i -lt 600 ] && screen | grep -F -q "粘贴进来的一段话"; do sleep 0.1; i=$((i + 1)); done
screen | grep -F -q "粘贴进来的一段话" && fail "undo did not take the paste away"
# The file changes on disk meanwhile: the save asks (comparing both versions) and overwrites.
cp "$TMP/report.yaml" "$TMP/before.yaml"
sed 's/^  body: ""$/  body: 别处改动。/' "$TMP/before.yaml" >"$TMP/report.yaml"
keys C-s
wait_for "在打开后已被改动"
keys o
wait_for "已保存"
grep -F -q "别处改动。" "$TMP/report.yaml~" ||
	fail "--backup under valgrind: report.yaml~ is not the version the save replaced"
keys C-q
wait_for "nianbao-exited="
ncase=$((ncase + 1))
if screen | grep -F -q "nianbao-exited=0"; then
	ok "editor session under valgrind: exit 0"
else
	fail "editor session under valgrind: $(screen | grep -F nianbao-exited=)"
fi
grep -F -q "在valgrind下写的一段话。" "$TMP/report.yaml" || fail "the typed text was not saved"
grep -F -q "粘贴进来的一段话" "$TMP/report.yaml" && fail "the undone paste was saved"
clean_log "editor session" "$TMP/editor.vg" && ok "editor session: clean under valgrind"

# A hang-up with unsaved work (emergency copy and journal), then the journal offered back.
tm kill-session -t vg
start_editor() {
	tm new-session -d -s vg -x 100 -y 30 -c "$TMP" \
		"env LC_ALL=C.UTF-8 TERM=tmux-256color XDG_STATE_HOME='$TMP/state' HOME='$TMP' $VG --log-file='$TMP/$1.vg' '$NIANBAO' report.yaml; echo; echo nianbao-exited=\$?; sleep 3600" ||
		{ fail "cannot start tmux"; exit 1; }
}
start_editor hangup
wait_for "[1/5]"
tm send-keys -t vg -l -- "挂断之前写的话。"
wait_for "挂断之前写的话。"
sleep 3   # the journal is due about 2 s after a change
pane=$(tm list-panes -t vg -F '#{pane_pid}')
pid=$(ps -o pid= --ppid "$pane" | tr -d ' ' | head -n 1)
tm kill-session -t vg
i=0
while [ $i -lt 600 ] && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
grep -F -q "挂断之前写的话。" "$TMP/report.yaml.save" 2>/dev/null ||
	fail "hang-up under valgrind: no emergency copy with the text"
clean_log "hang-up" "$TMP/hangup.vg" && ok "hang-up: clean under valgrind"
start_editor recover
wait_for "发现上次未保存的修改"
keys y
wait_for "挂断之前写的话。"
keys C-s
wait_for "已保存"
keys C-q
wait_for "nianbao-exited="
screen | grep -F -q "nianbao-exited=0" || fail "recovery session under valgrind: $(screen | grep -F nianbao-exited=)"
grep -F -q "挂断之前写的话。" "$TMP/report.yaml" || fail "the recovered text was not saved"
clean_log "recovery" "$TMP/recover.vg" && ok "journal recovery: clean under valgrind"
[ "$nfail" -eq 0 ]
