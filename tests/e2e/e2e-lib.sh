# e2e-lib.sh — shared helpers for the editor's end-to-end tests (sourced, not run).
#
# Each test drives the real binary in a detached tmux of fixed size on its own server socket,
# types with send-keys, and reads the screen with capture-pane, polling with a timeout instead
# of sleeping. The server and the temporary directory are always removed.
#
# Environment: NIANBAO (binary), TOP_SRCDIR (source tree); both default to sensible places
# when a test is run by hand from the build directory.

if ! command -v tmux >/dev/null 2>&1; then
	echo "tmux not found: skipping"
	exit 77
fi

: "${NIANBAO:=$(pwd)/nianbao}"
: "${TOP_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
export LC_ALL=C.UTF-8
E2E_TMP=$(mktemp -d "${TMPDIR:-/tmp}/nianbao-e2e.XXXXXX")
E2E_SOCK="nbtest$$"
E2E_TERM=${E2E_TERM:-tmux-256color}
E2E_TIMEOUT=${E2E_TIMEOUT:-15}

tm() { tmux -L "$E2E_SOCK" -f /dev/null "$@"; }

e2e_cleanup() {
	tm kill-server >/dev/null 2>&1
	# A hung-up nianbao may still be writing its emergency copy here for a moment.
	i=0
	while [ $i -lt 50 ]; do
		rm -rf "$E2E_TMP" 2>/dev/null
		[ -e "$E2E_TMP" ] || break
		sleep 0.1
		i=$((i + 1))
	done
}
trap e2e_cleanup EXIT
trap 'exit 1' INT TERM HUP

fail() {
	echo "FAIL: $*"
	echo "---- screen ----"
	tm capture-pane -p -t nb 2>/dev/null
	echo "----------------"
	exit 1
}

# e2e_start [WIDTH HEIGHT] -- ARGS: runs nianbao ARGS (a shell-quoted string) in $E2E_TMP.
# After nianbao ends the pane shows "nianbao-exited=STATUS" at the start of a line (a killed
# nianbao leaves the cursor mid-screen, where the marker would wrap).
e2e_start() {
	w=80 h=24
	if [ "$1" != "--" ]; then w=$1 h=$2; shift 2; fi
	shift
	# Killing the last session ends the tmux server; a new-session racing with that exit gets
	# "server exited unexpectedly", so try again briefly.
	tries=0
	until tm new-session -d -s nb -x "$w" -y "$h" -c "$E2E_TMP" \
		"env LC_ALL=C.UTF-8 TERM=$E2E_TERM XDG_STATE_HOME='$E2E_TMP/state' HOME='$E2E_TMP' ${E2E_ENV:-} '$NIANBAO' $*; rc=\$?; printf '\\r\\n'; echo nianbao-exited=\$rc; sleep 3600"; do
		tries=$((tries + 1))
		[ $tries -lt 5 ] || { fail "cannot start tmux"; break; }
		sleep 0.3
	done
}

screen() { tm capture-pane -p -t nb; }

# wait_for TEXT [SECONDS]: until the screen shows TEXT (fixed string).
wait_for() {
	limit=$(( ${2:-$E2E_TIMEOUT} * 10 ))
	i=0
	while [ $i -lt $limit ]; do
		if screen | grep -F -q -- "$1"; then return 0; fi
		sleep 0.1
		i=$((i + 1))
	done
	fail "timed out waiting for: $1"
}

# wait_gone TEXT [SECONDS]: until the screen no longer shows TEXT.
wait_gone() {
	limit=$(( ${2:-$E2E_TIMEOUT} * 10 ))
	i=0
	while [ $i -lt $limit ]; do
		if ! screen | grep -F -q -- "$1"; then return 0; fi
		sleep 0.1
		i=$((i + 1))
	done
	fail "timed out waiting for this to go: $1"
}

# wait_file PATH [SECONDS]: until the file exists.
wait_file() {
	limit=$(( ${2:-$E2E_TIMEOUT} * 10 ))
	i=0
	while [ $i -lt $limit ]; do
		if [ -e "$1" ]; then return 0; fi
		sleep 0.1
		i=$((i + 1))
	done
	fail "timed out waiting for the file $1"
}

keys() { tm send-keys -t nb "$@"; }
typetext() { tm send-keys -t nb -l -- "$1"; }

# Answers the one-time "still missing, move on?" question if it comes up after next-section.
next_section() {
	keys M-n
	i=0
	while [ $i -lt 20 ]; do
		if screen | grep -F -q "继续下一节"; then keys y; return 0; fi
		if screen | grep -F -q "[$1/"; then return 0; fi
		sleep 0.1
		i=$((i + 1))
	done
	wait_for "[$1/"
}

# The whole outcome must be on the screen: bail out early if nianbao died.
assert_running() {
	if screen | grep -F -q "nianbao-exited="; then fail "nianbao exited"; fi
}

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

# check_repaint WHAT: the screen as sent key by key equals the screen repainted from scratch
# (Ctrl-L). W, H: the size, for the message. The two bottom rows are left out: they may hold a
# message ("已粘贴 …") that any key, Ctrl-L too, puts away.
check_repaint() {
	settled | sed -e "\$d" | sed -e "\$d" >"$E2E_TMP/incremental"
	keys C-l
	sleep 0.3
	settled | sed -e "\$d" | sed -e "\$d" >"$E2E_TMP/repainted"
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
