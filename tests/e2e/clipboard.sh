#!/bin/sh
# Copy reaches the terminal's clipboard through OSC 52: inside tmux with set-clipboard on, the
# copied text becomes a tmux paste buffer. With it off nothing breaks on screen.
. "${TOP_SRCDIR:-$(dirname "$0")/../..}/tests/e2e/e2e-lib.sh"

e2e_start -- ""
tm set-option -g set-clipboard on
wait_for "表头信息"
keys M-n
wait_for "[1/5]"
typetext "复制这段文字到本地剪贴板"
wait_for "复制这段文字到本地剪贴板"
keys C-a
keys C-c
wait_for "已复制"
i=0
while [ $i -lt 50 ]; do
	got=$(tm show-buffer 2>/dev/null)
	[ "$got" = "复制这段文字到本地剪贴板" ] && break
	sleep 0.1
	i=$((i + 1))
done
[ "$got" = "复制这段文字到本地剪贴板" ] || fail "tmux buffer holds '$got'"
# Paste puts the copy back in; with the clipboard switched off copying still works.
keys End C-v
wait_for "复制这段文字到本地剪贴板复制这段文字到本地剪贴板"
tm set-option -g set-clipboard off
keys C-a C-c
wait_for "已复制"
screen | grep -F -q "52;" && fail "the OSC 52 sequence leaked onto the screen"
assert_running
echo "ok: OSC 52 copy"
