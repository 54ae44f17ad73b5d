#!/bin/sh
# faults.sh — a save that fails must leave the original file byte-identical, say which file and
# why, and leave no temporary files. Failures come from an LD_PRELOAD shim (write, fsync, close,
# rename, create failing with ENOSPC, EIO, EROFS, EACCES, EDQUOT), from a real 64 KB tmpfs that
# fills up, and from a read-only bind mount (the last two only where mounting is permitted).
. "${TOP_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

SRC=$DATA/sample/complete-2024.txt
SHIM=$TMP/failshim.so
if ! ${CC:-cc} -shared -fPIC -o "$SHIM" "$TOP_SRCDIR/tests/faults/failshim.c" -ldl 2>"$TMP/cc.err"; then
	cat "$TMP/cc.err"
	echo "SKIP: cannot build the fault-injection shim"
	exit 77
fi
# A sanitizer build insists on being first in the library list; the shim only wraps libc calls.
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
export ASAN_OPTIONS

# A target that holds a previous version of the export.
OUTDIR=$TMP/target
mkdir "$OUTDIR"
TARGET=$OUTDIR/报告.yaml
printf 'nianbao: 1\nintro: |\n  上一次保存的版本，必须原样保留。\n' >"$TARGET"
cp "$TARGET" "$TMP/original"

# The export works without faults (so a failure below means something).
cp "$TARGET" "$TMP/scratch.yaml"
run "export without faults" 0 "$NIANBAO" export --to=yaml "$SRC" -o "$TMP/scratch.yaml"
cmp -s "$TMP/scratch.yaml" "$TMP/original" && fail "export without faults left the target unchanged"

cause_pattern() {
	case $1 in
	ENOSPC) echo 'disk full|No space left' ;;
	EDQUOT) echo 'quota' ;;
	EIO) echo 'nput/output error' ;;
	EROFS) echo 'ead-only file system' ;;
	EACCES | EPERM) echo 'ermission denied|not permitted' ;;
	esac
}

# after_failure NAME ERRNO DIR TARGET ORIGINAL: the checks every failed save must pass
after_failure() {
	name=$1 errname=$2 dir=$3 target=$4 original=$5
	ncase=$((ncase + 1))
	before=$nfail
	if [ "$(wc -l <"$TMP/err")" -ne 1 ]; then
		fail "$name: expected a one-line message, got:"
		sed 's/^/    err: /' "$TMP/err"
	fi
	grep -qF -- "$target" "$TMP/err" || fail "$name: message does not name $target: $(cat "$TMP/err")"
	pat=$(cause_pattern "$errname")
	grep -qE -- "$pat" "$TMP/err" || fail "$name: message does not give the cause ($pat): $(cat "$TMP/err")"
	cmp -s "$target" "$original" || fail "$name: $target was changed"
	leftovers=$(ls -A "$dir" | grep -vxF "$(basename "$target")")
	[ -z "$leftovers" ] || fail "$name: files left behind: $leftovers"
	[ -s "$TMP/out" ] && fail "$name: unexpected standard output"
	[ "$nfail" -eq "$before" ] && ok "$name: original intact, message names file and cause"
}

# inject CALL ERRNO [BYTES_BEFORE_FAILING]
inject() {
	call=$1 errname=$2 after=${3:-0}
	name="$call fails with $errname${3:+ after $3 bytes}"
	cp "$TMP/original" "$TARGET"   # each case starts from the same previous version
	run "$name: exit 2" 2 env NB_FAULT="$call:$errname" NB_FAULT_MATCH="$OUTDIR" \
		NB_FAULT_AFTER="$after" LD_PRELOAD="$SHIM" "$NIANBAO" export --to=yaml "$SRC" -o "$TARGET"
	after_failure "$name" "$errname" "$OUTDIR" "$TARGET" "$TMP/original"
}

inject open EACCES
inject open EROFS
inject open EDQUOT
inject open ENOSPC
inject write ENOSPC
inject write ENOSPC 100
# The disk fills up half-way through the new version.
inject write ENOSPC $(($(wc -c <"$TMP/scratch.yaml") / 2))
inject write EDQUOT 1
inject write EIO
inject fsync EIO
inject fsync ENOSPC
inject fsync EDQUOT
inject close EIO
inject close EDQUOT
inject rename EROFS
inject rename EACCES
inject rename EIO
inject rename ENOSPC
inject fchmod EPERM

# A new file that cannot be written must not appear at all.
NEWT=$OUTDIR/新文件.yaml
run "new file, disk full: exit 2" 2 env NB_FAULT=write:ENOSPC NB_FAULT_MATCH="$OUTDIR" \
	LD_PRELOAD="$SHIM" "$NIANBAO" export --to=yaml "$SRC" -o "$NEWT"
[ -e "$NEWT" ] && fail "a failed save created $NEWT"
grep -qF -- "$NEWT" "$TMP/err" || fail "message does not name $NEWT"

# ---- real file systems, where this machine lets us mount ----
MNT_TINY=$TMP/tiny
MNT_RO=$TMP/ro
cleanup_mounts() {
	umount "$MNT_RO" 2>/dev/null
	umount "$MNT_TINY" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup_mounts EXIT

mkdir "$MNT_TINY"
if mount -t tmpfs -o size=64k,mode=0755 tmpfs "$MNT_TINY" 2>"$TMP/mount.err"; then
	T=$MNT_TINY/报告.yaml
	cp "$TMP/original" "$T"
	# Fill the disk so that the new version cannot fit.
	dd if=/dev/zero of="$MNT_TINY/filler" bs=1024 count=1024 2>/dev/null
	cp "$T" "$TMP/tiny.original"
	run "tmpfs full: exit 2" 2 "$NIANBAO" export --to=yaml "$SRC" -o "$T"
	rm -f "$MNT_TINY/filler"
	after_failure "tmpfs full" ENOSPC "$MNT_TINY" "$T" "$TMP/tiny.original"
	# With room again, the same save succeeds: the failure was the disk, not the file.
	run "tmpfs with room: exit 0" 0 "$NIANBAO" export --to=yaml "$SRC" -o "$T"
	cmp -s "$T" "$TMP/scratch.yaml" || fail "save after freeing space differs from a normal export"
else
	echo "SKIP (tmpfs): cannot mount a tmpfs here: $(cat "$TMP/mount.err")"
fi

mkdir "$MNT_RO"
cp "$TMP/original" "$MNT_RO/报告.yaml"
if mount --bind "$MNT_RO" "$MNT_RO" 2>"$TMP/mount.err" &&
	mount -o remount,bind,ro "$MNT_RO" 2>>"$TMP/mount.err"; then
	run "read-only mount: exit 2" 2 "$NIANBAO" export --to=yaml "$SRC" -o "$MNT_RO/报告.yaml"
	after_failure "read-only mount" EROFS "$MNT_RO" "$MNT_RO/报告.yaml" "$TMP/original"
else
	umount "$MNT_RO" 2>/dev/null
	echo "SKIP (read-only bind mount): not permitted here: $(cat "$TMP/mount.err")"
fi

# Without root, a directory without write permission refuses the temporary file.
if [ "$(id -u)" -ne 0 ]; then
	mkdir "$TMP/locked"
	cp "$TMP/original" "$TMP/locked/报告.yaml"
	chmod 0555 "$TMP/locked"
	run "no write permission: exit 2" 2 "$NIANBAO" export --to=yaml "$SRC" -o "$TMP/locked/报告.yaml"
	after_failure "no write permission" EACCES "$TMP/locked" "$TMP/locked/报告.yaml" "$TMP/original"
	chmod 0755 "$TMP/locked"
fi

finish
