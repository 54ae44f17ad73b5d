#!/bin/sh
# Other terminals and settings: vt100 with NO_COLOR (ASCII marks and lines), screen-256color,
# English on request, and a server without the zh_CN locale (falls back to C.UTF-8, Chinese UI).
. "${TOP_SRCDIR:-$(dirname "$0")/../..}/tests/e2e/e2e-lib.sh"

run_and_quit() {
	wait_for "$1"
	keys M-n
	wait_for "[1/5]"
	typetext "测试"
	wait_for "测试"
	assert_running
	keys F10
	wait_for "$2"
	keys n
	wait_for "nianbao-exited=0"
	tm kill-session -t nb
}

# vt100 + NO_COLOR: ASCII outline marks and checklist boxes, no colour codes needed.
E2E_TERM=vt100 E2E_ENV="NO_COLOR=1" e2e_start -- ""
wait_for "表头信息"
screen | grep -q "^\. 开头段" || fail "no ASCII mark for the empty opening paragraph"
keys M-n
wait_for "[ ] 学习贯彻"
screen | grep -F -q "☐" && fail "Unicode box drawn on vt100"
keys F10
wait_for "nianbao-exited=0"
tm kill-session -t nb

E2E_TERM=screen-256color e2e_start -- ""
run_and_quit "表头信息" "有未保存的修改"

E2E_TERM=xterm-256color E2E_ENV="LANGUAGE=en" e2e_start -- ""
run_and_quit "Header form" "Unsaved changes"

# No zh_CN locale on this server: LANG asks for it, nianbao still runs in UTF-8 and in Chinese.
E2E_ENV="LC_ALL= LANG=zh_CN.UTF-8" e2e_start -- ""
run_and_quit "表头信息" "有未保存的修改"

# Plain C locale, nothing asking for a language: Chinese, from the catalogue built into the binary.
E2E_ENV="LC_ALL=C LANG= LANGUAGE=" e2e_start -- ""
run_and_quit "表头信息" "有未保存的修改"

# English asked for through a locale this server does not have either.
E2E_ENV="LC_ALL= LC_MESSAGES=en_US.UTF-8 LANG=zh_CN.UTF-8" e2e_start -- ""
run_and_quit "Header form" "Unsaved changes"
echo "ok: vt100/NO_COLOR, screen-256color, English, missing zh_CN/en_US locales, C locale"
