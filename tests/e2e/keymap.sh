#!/bin/sh
# Keymaps: a user file's mistakes are shown as file:line after start-up, its bindings work, and
# a keymap that leaves quit unbound is refused.
. "${TOP_SRCDIR:-$(dirname "$0")/../..}/tests/e2e/e2e-lib.sh"

cat > "$E2E_TMP/my.keymap" <<'KM'
# my keys
bind F9 next-section
bind C-k no-such-action
KM
e2e_start -- --keymap my.keymap
wait_for "my.keymap:3"
keys F9
wait_for "[1/5]"
keys F1
wait_for "no-such-action"
keys Escape
wait_for "[1/5]"
keys C-q
wait_for "nianbao-exited=0"
tm kill-session -t nb

cat > "$E2E_TMP/broken.keymap" <<'KM'
unbind-all
bind C-s save
bind Esc cancel
KM
e2e_start -- --keymap broken.keymap
wait_for "nianbao-exited=2"
screen | grep -F -q "quit" || fail "the refusal does not name the unbound action"

# XDG_CONFIG_HOME/nianbao/keymap is read when no --keymap is given.
mkdir -p "$E2E_TMP/config/nianbao"
printf 'bind F9 next-section\n' > "$E2E_TMP/config/nianbao/keymap"
tm kill-session -t nb
E2E_ENV="XDG_CONFIG_HOME=$E2E_TMP/config" e2e_start -- ""
wait_for "表头信息"
keys F9
wait_for "[1/5]"
keys C-q
wait_for "nianbao-exited=0"
echo "ok: keymap errors, refusal, user keymap"
