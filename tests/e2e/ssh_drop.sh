#!/bin/sh
# A real SSH drop: sshd (openssh-server) on 127.0.0.1 at a free port, keys made in the test's
# temporary directory, `ssh -tt` inside a detached tmux, nianbao on the far side.
#
#  - link drop: Chinese text is typed, then the ssh client is killed (kill -9), so the server side
#    sees the connection vanish and nianbao gets SIGHUP. The text must be in the emergency copy
#    (report.yaml.save*) or the journal, and the next start must offer it back.
#  - kill -9: nianbao itself is killed over ssh more than 2.5 s after the typing (the journal is
#    written about 2 s after a change). The journal must bring the text back.
#
# NB_SSH_ROUNDS rounds of each (default 2; `make ssh-soak` runs 20). Every round counts: the test
# prints "ssh_drop rounds=N lost=M" and fails when anything was lost. It is skipped only when
# sshd cannot run here at all.
. "${TOP_SRCDIR:-$(dirname "$0")/../..}/tests/e2e/e2e-lib.sh"

ROUNDS=${NB_SSH_ROUNDS:-2}
SSHD=/usr/sbin/sshd
STATE=$E2E_TMP/state
SSHD_PID=

skip() {
	echo "SKIP: sshd cannot run here: $*"
	exit 77
}

# Kills a process and everything below it, deepest first (sshd's session processes, the
# nianbao they started), by PID.
kill_tree() {
	for child in $(ps -o pid= --ppid "$1" 2>/dev/null); do
		kill_tree "$child"
	done
	kill -9 "$1" 2>/dev/null
}

ssh_cleanup() {
	[ -n "$SSHD_PID" ] && kill_tree "$SSHD_PID"
	e2e_cleanup
}
trap ssh_cleanup EXIT

[ -x "$SSHD" ] || skip "$SSHD not found (Debian package openssh-server)"
command -v ssh >/dev/null 2>&1 || skip "ssh not found (openssh-client)"
command -v ssh-keygen >/dev/null 2>&1 || skip "ssh-keygen not found (openssh-client)"
# As root, sshd wants its privilege separation directory.
if [ "$(id -u)" -eq 0 ] && [ ! -d /run/sshd ]; then
	mkdir -p /run/sshd 2>/dev/null && chmod 755 /run/sshd || skip "cannot create /run/sshd"
fi

SSHDIR=$E2E_TMP/ssh
mkdir "$SSHDIR" && chmod 700 "$SSHDIR"
ssh-keygen -q -t ed25519 -N '' -f "$SSHDIR/host_key" </dev/null || skip "ssh-keygen failed"
ssh-keygen -q -t ed25519 -N '' -f "$SSHDIR/user_key" </dev/null || skip "ssh-keygen failed"
cp "$SSHDIR/user_key.pub" "$SSHDIR/authorized_keys"
chmod 600 "$SSHDIR/authorized_keys"

# start_sshd PORT: 0 when sshd listens on PORT, 1 when the port is taken, 2 when sshd cannot run.
start_sshd() {
	cat >"$SSHDIR/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $1
HostKey $SSHDIR/host_key
PidFile $SSHDIR/sshd.pid
AuthorizedKeysFile $SSHDIR/authorized_keys
UsePAM no
StrictModes no
PermitRootLogin yes
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
X11Forwarding no
PrintMotd no
EOF
	: >"$SSHDIR/sshd.log"
	"$SSHD" -D -f "$SSHDIR/sshd_config" -E "$SSHDIR/sshd.log" &
	SSHD_PID=$!
	i=0
	while [ $i -lt 100 ]; do
		grep -q "Server listening" "$SSHDIR/sshd.log" && return 0
		if ! kill -0 "$SSHD_PID" 2>/dev/null; then
			SSHD_PID=
			grep -q -i "address already in use" "$SSHDIR/sshd.log" && return 1
			return 2
		fi
		sleep 0.1
		i=$((i + 1))
	done
	kill_tree "$SSHD_PID"
	SSHD_PID=
	return 2
}

PORT=$((20000 + $$ % 30000))
tries=0
while :; do
	start_sshd $PORT
	case $? in
	0) break ;;
	1) ;;
	*) skip "$(tail -n 3 "$SSHDIR/sshd.log" | tr '\n' ' ')" ;;
	esac
	tries=$((tries + 1))
	[ $tries -lt 30 ] || skip "no free port found"
	PORT=$((PORT + 7))
done

# The link itself must work before anything can be said about dropping it.
ssh_base="ssh -F /dev/null -i $SSHDIR/user_key -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR -o ConnectTimeout=10 -p $PORT"
if ! $ssh_base 127.0.0.1 true </dev/null >"$SSHDIR/probe.out" 2>&1; then
	cat "$SSHDIR/probe.out"
	tail -n 5 "$SSHDIR/sshd.log"
	skip "cannot log in to the local sshd"
fi

# ---- helpers that report instead of exiting: every round is counted ----
poll() { # poll SECONDS CMD...: until CMD succeeds
	limit=$(($1 * 10))
	shift
	i=0
	while [ $i -lt $limit ]; do
		"$@" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
shows() { screen | grep -F -q -- "$1"; }
gone() { ! kill -0 "$1" 2>/dev/null; }
lost() {
	echo "LOST ($scenario round $round): $*"
	echo "---- screen ----"
	screen 2>/dev/null
	echo "----------------"
	[ -n "${nbpid:-}" ] && kill -9 "$nbpid" 2>/dev/null
	tm kill-session -t nb 2>/dev/null
	return 1
}
# The text is kept somewhere the next start looks: the emergency copy or the journal.
kept() {
	grep -F -q -- "$1" "$dir"/report.yaml.save* 2>/dev/null ||
		grep -F -q -- "$1" "$STATE"/nianbao/* 2>/dev/null
}
offered() { shows "发现上次未保存的修改" || shows "上次留下了应急副本"; }
in_journal() { grep -F -q -- "$1" "$STATE"/nianbao/* 2>/dev/null; }

# connect: nianbao on $dir/report.yaml over ssh in the tmux session "nb"; sets sshpid and nbpid.
connect() {
	rm -f "$dir/ssh.pid" "$dir/nb.pid"
	cat >"$dir/connect.sh" <<EOF
echo \$\$ >'$dir/ssh.pid'
exec $ssh_base -tt 127.0.0.1 "echo \\\$\\\$ >'$dir/nb.pid'; exec env LC_ALL=C.UTF-8 TERM=$E2E_TERM XDG_STATE_HOME='$STATE' HOME='$E2E_TMP' '$NIANBAO' '$dir/report.yaml'"
EOF
	tries=0
	until tm new-session -d -s nb -x 80 -y 24 -c "$E2E_TMP" \
		"sh '$dir/connect.sh'; rc=\$?; printf '\\r\\n'; echo ssh-exited=\$rc; sleep 3600"; do
		tries=$((tries + 1))   # a server still exiting after kill-session refuses for a moment
		[ $tries -lt 5 ] || return 1
		sleep 0.3
	done
	poll 20 test -s "$dir/nb.pid" || return 1
	sshpid=$(cat "$dir/ssh.pid")
	nbpid=$(cat "$dir/nb.pid")
	poll "$E2E_TIMEOUT" shows "[1/5]"
}

# offered_back TEXT...: the next start (in tmux, no ssh) offers the journal, brings every TEXT
# back, and a save writes them into the report. Without a journal, an emergency copy holding them
# must be named.
offered_back() {
	tm kill-session -t nb 2>/dev/null
	nbpid=
	e2e_start -- "'$dir/report.yaml'"
	poll "$E2E_TIMEOUT" offered ||
		{ lost "the next start offered nothing back"; return 1; }
	if ! shows "发现上次未保存的修改"; then
		[ "$scenario" = "link-drop" ] || { lost "no journal offered after kill -9"; return 1; }
		for t; do
			grep -F -q -- "$t" "$dir"/report.yaml.save* ||
				{ lost "the emergency copy named on start lacks: $t"; return 1; }
		done
		keys C-q
		poll "$E2E_TIMEOUT" shows "nianbao-exited=0" || { lost "nianbao did not quit"; return 1; }
		tm kill-session -t nb
		echo "ok: $scenario round $round: the emergency copy was named on the next start"
		return 0
	fi
	keys y
	poll "$E2E_TIMEOUT" shows "已恢复上次未保存的修改" || { lost "recovery not confirmed"; return 1; }
	for t; do
		poll "$E2E_TIMEOUT" shows "$t" || { lost "recovered text not shown: $t"; return 1; }
	done
	keys C-s
	poll "$E2E_TIMEOUT" shows "已保存" || { lost "recovered text not saved"; return 1; }
	keys C-q
	poll "$E2E_TIMEOUT" shows "nianbao-exited=0" || { lost "nianbao did not quit after saving"; return 1; }
	for t; do
		grep -F -q -- "$t" "$dir/report.yaml" || { lost "the saved report lacks: $t"; return 1; }
	done
	tm kill-session -t nb
	echo "ok: $scenario round $round: the journal was offered back and saved"
}

# new_round: a fresh report of its own for each round.
new_round() {
	dir=$E2E_TMP/$scenario-$round
	mkdir "$dir"
	"$NIANBAO" new -o "$dir/report.yaml" --unit 测试街道办事处 --year 2024 --unit-type 街道 >/dev/null ||
		{ lost "nianbao new failed"; return 1; }
	cp "$dir/report.yaml" "$dir/orig.yaml"
	text="第${round}轮：${scenario}之前写下。"
	more="第${round}轮：断线前补写。"
	connect || { lost "cannot start nianbao over ssh"; return 1; }
}

link_drop_round() {
	new_round || return 1
	typetext "$text"
	poll "$E2E_TIMEOUT" shows "$text" || { lost "typed text not shown"; return 1; }
	# Odd rounds drop the link before the journal is due. Even rounds let the journal be
	# written, type more, and drop before the journal catches up: the newest words must win.
	set -- "$text"
	if [ $((round % 2)) -eq 0 ]; then
		sleep 3
		keys Enter
		typetext "$more"
		poll "$E2E_TIMEOUT" shows "$more" || { lost "typed text not shown"; return 1; }
		set -- "$text" "$more"
	fi
	kill -9 "$sshpid"
	poll "$E2E_TIMEOUT" gone "$nbpid" || { lost "nianbao still running after the link dropped"; return 1; }
	for t; do
		poll 5 kept "$t" || { lost "in neither the emergency copy nor the journal: $t"; return 1; }
	done
	cmp -s "$dir/report.yaml" "$dir/orig.yaml" || { lost "the report changed without a save"; return 1; }
	offered_back "$@"
}

kill9_round() {
	new_round || return 1
	typetext "$text"
	poll "$E2E_TIMEOUT" shows "$text" || { lost "typed text not shown"; return 1; }
	sleep 3   # more than the journal's ~2 s promise
	kill -9 "$nbpid"
	poll "$E2E_TIMEOUT" shows "ssh-exited=" || { lost "ssh did not end when nianbao died"; return 1; }
	in_journal "$text" || { lost "the text is not in the journal"; return 1; }
	cmp -s "$dir/report.yaml" "$dir/orig.yaml" || { lost "the report changed without a save"; return 1; }
	offered_back "$text"
}

total=0
nlost=0
for scenario in link-drop kill-9; do
	round=1
	slost=0
	while [ $round -le "$ROUNDS" ]; do
		case $scenario in
		link-drop) link_drop_round ;;
		kill-9) kill9_round ;;
		esac || slost=$((slost + 1))
		round=$((round + 1))
	done
	echo "ssh_drop $scenario rounds=$ROUNDS lost=$slost"
	total=$((total + ROUNDS))
	nlost=$((nlost + slost))
done
echo "ssh_drop rounds=$total lost=$nlost"
[ "$nlost" -eq 0 ]
