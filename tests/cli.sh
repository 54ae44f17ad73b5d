#!/bin/sh
# The command line as a user meets it: check, export, new, and bad input of every kind.
. "$(dirname "$0")/lib.sh"
S=$DATA/sample

run "--version" 0 "$NIANBAO" --version && expect "$TMP/out" "nianbao "
run "--help" 0 "$NIANBAO" --help && expect "$TMP/out" "nianbao check"

# A complete, well-formed report: no errors, exit 0.
run "check complete draft" 0 "$NIANBAO" check "$S/complete-2024.txt"
expect_not "$TMP/out" ": error:"
expect_not "$TMP/out" "[section-missing]"
expect_not "$TMP/out" "[cause-missing]"

# A draft with planted defects: each is found, at the input file's line.
run "check defective draft" 1 "$NIANBAO" check "$S/draft-2024.txt"
cp "$TMP/out" "$TMP/draft.out"
expect "$TMP/draft.out" "draft-2024.txt:0:0: error:"
expect "$TMP/draft.out" "第一责任人"
expect "$TMP/draft.out" "[section-missing]"
expect "$TMP/draft.out" "draft-2024.txt:25:"           # problems without causes: the problems paragraph
expect "$TMP/draft.out" "[cause-missing]"
expect "$TMP/draft.out" "[deadline]"                   # dated 2025年3月20日, due 3月1日
expect "$TMP/draft.out" "draft-2024.txt:33:"           # … at the date's line
expect "$TMP/draft.out" "2025"                         # the plan names no 2025
grep -q "item-missing\|plan" "$TMP/draft.out" || fail "plan without the next year not reported"
# the paragraph broken by a page break (lines 17/19) is rejoined and said so
expect "$TMP/draft.out" "draft-2024.txt:17:"
expect "$TMP/draft.out" "[import-normalized]"
# every line has the documented shape
bad=$(grep -v -E '^[^:]+:[0-9]+:[0-9]+: (error|warning|info): .+ \[[a-z-]+\]$' "$TMP/draft.out" | head -n 3)
[ -z "$bad" ] || fail "malformed finding lines: $bad"

# JSON: one array over several files, with the documented keys.
run "check --format=json" 1 "$NIANBAO" check --format=json "$S/draft-2024.txt" "$S/complete-2024.txt"
expect "$TMP/out" '"rule": "section-missing"'
expect "$TMP/out" '"file": "'"$S/draft-2024.txt"
expect_not "$TMP/out" '"file": "'"$S/complete-2024.txt"   # the clean report adds nothing
for key in file line column severity rule section message suggestion; do expect "$TMP/out" "\"$key\":"; done
[ "$(head -c 1 "$TMP/out")" = "[" ] || fail "JSON output does not start with ["
[ "$(grep -c '^\[' "$TMP/out")" -eq 1 ] || fail "JSON output is not one array"
if command -v python3 >/dev/null; then
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert isinstance(d, list) and d' "$TMP/out" \
		|| fail "JSON output does not parse"
fi

# --disable silences a rule; unknown rules are refused.
run "check --disable" 1 "$NIANBAO" check --disable cause-missing "$S/draft-2024.txt"
expect_not "$TMP/out" "[cause-missing]"
run "check --disable unknown rule" 2 "$NIANBAO" check --disable no-such-rule "$S/draft-2024.txt"
expect "$TMP/err" "no-such-rule"

# check --fix: only the flagged words change; the input stays as it was.
sed 's/深入学习贯彻习近平法治思想。/深人学习贯彻习近平法治思想。/; s/镇党委理论学习/镇党党委理论学习/' \
	"$S/complete-2024.txt" >"$TMP/typos.txt"
cp "$TMP/typos.txt" "$TMP/typos.orig"
run "check --fix" 0 "$NIANBAO" check --fix "$TMP/typos.txt" -o "$TMP/fixed.txt"
expect "$TMP/out" "“深人” → “深入” [lexicon]"
expect "$TMP/out" "[repeated-char]"
expect "$TMP/out" "2 fixes applied"
cmp -s "$TMP/typos.txt" "$TMP/typos.orig" || fail "--fix changed its input file"
"$NIANBAO" export "$S/complete-2024.txt" -o "$TMP/clean-export.txt"
cmp -s "$TMP/fixed.txt" "$TMP/clean-export.txt" || { fail "--fix changed more than the flagged words"; diff "$TMP/fixed.txt" "$TMP/clean-export.txt" | head; }
run "check --fix needs -o" 2 "$NIANBAO" check --fix "$TMP/typos.txt"

# Export: text draft → YAML → text, atomically to -o.
run "export to yaml" 0 "$NIANBAO" export --to=yaml "$S/complete-2024.txt" -o "$TMP/r.yaml"
expect "$TMP/r.yaml" "nianbao: 1"
expect "$TMP/r.yaml" "id: duty"
run "check exported yaml" 0 "$NIANBAO" check "$TMP/r.yaml"
run "export yaml to text" 0 "$NIANBAO" export --to=text "$TMP/r.yaml" -o "$TMP/r.txt"
expect "$TMP/r.txt" "青政发〔2025〕3号"
expect "$TMP/r.txt" "签发人：李明华"
expect "$TMP/r.txt" "　　（二）依法全面履行政府职能。"
grep -q ' $' "$TMP/r.txt" && fail "exported text has trailing spaces"
# the title is centred; a long one breaks before 关于, as a 2号 title line holds about 20 characters
grep -q '^  *青石镇人民政府$' "$TMP/r.txt" && grep -q '^  *关于2024年度法治政府建设情况的报告$' "$TMP/r.txt" \
	|| fail "title not centred on its own lines"
ls "$TMP" | grep -q '\.tmp\|~' && fail "temporary files left behind"
run "export refuses to overwrite its input" 2 "$NIANBAO" export --to=yaml "$TMP/r.yaml" -o "$TMP/r.yaml"
run "export into a missing directory" 2 "$NIANBAO" export "$TMP/r.yaml" -o "$TMP/no/such/dir/out.txt"
expect "$TMP/err" "$TMP/no/such/dir/out.txt"

# new: a report skeleton from the template; it checks as empty, not as broken.
run "new" 0 "$NIANBAO" new -o "$TMP/new.yaml" --unit 某某镇人民政府 --year 2024 --unit-type 乡镇
expect "$TMP/new.yaml" "unit: 某某镇人民政府"
expect "$TMP/new.yaml" "2024"
run "check new report" 1 "$NIANBAO" check "$TMP/new.yaml"
expect "$TMP/out" "[section-empty]"
run "new refuses to overwrite" 2 "$NIANBAO" new -o "$TMP/new.yaml"
expect "$TMP/err" "already exists"

# Bad input: one clear line naming the file, exit 2, nothing else printed.
bad_input() { # NAME FILE WORDS
	run "bad input: $1" 2 "$NIANBAO" check "$2" || return
	lines "$TMP/err" 1
	expect "$TMP/err" "$2"
	expect "$TMP/err" "$3"
	[ -s "$TMP/out" ] && fail "$1: printed findings for unreadable input"
}
bad_input "missing file" "$TMP/nope.txt" "no such file"
mkdir "$TMP/dir.txt"; bad_input "directory" "$TMP/dir.txt" "directory"
: >"$TMP/empty.txt"; bad_input "empty file" "$TMP/empty.txt" "empty"
printf 'PK\003\004\000\000\010\000binary\000data\377\376' >"$TMP/bin.txt"; bad_input "binary" "$TMP/bin.txt" "binary"
head -c 52428800 /dev/zero | tr '\0' 'a' >"$TMP/big.txt"; bad_input "50 MB file" "$TMP/big.txt" "too large"
rm -f "$TMP/big.txt"
printf 'nianbao: 1\nmeta: &a [*a, *a]\n' >"$TMP/alias.yaml"; bad_input "YAML alias" "$TMP/alias.yaml" "alias"
printf 'nianbao: 1\nsections: {id: 3\n' >"$TMP/trunc.yaml"; bad_input "truncated YAML" "$TMP/trunc.yaml" "trunc.yaml:"
printf 'nianbao: 1\nsections: notalist\n' >"$TMP/type.yaml"; bad_input "wrong type" "$TMP/type.yaml" "sections"
printf '\200\201\376\375 not text \000\001' >"$TMP/junk.txt"; bad_input "junk bytes" "$TMP/junk.txt" "junk.txt"
printf '一、主要举措\n\377\377\377\377乱码\n' >"$TMP/invalid.txt"; bad_input "invalid UTF-8 and GB18030" "$TMP/invalid.txt" "line 2"

# `nianbao keymap` writes the bindings in force as a complete keymap file; read back with
# --keymap it gives the same bindings, and a binding changed in it takes effect.
export XDG_CONFIG_HOME="$TMP/config"
run "keymap" 0 "$NIANBAO" keymap -o "$TMP/my.keymap"
expect "$TMP/my.keymap" "unbind-all"
expect "$TMP/my.keymap" "bind C-s save"
expect "$TMP/my.keymap" "bind F10 quit"
run "keymap read back" 0 "$NIANBAO" keymap --keymap "$TMP/my.keymap"
cmp -s "$TMP/out" "$TMP/my.keymap" || fail "a dumped keymap read back gives other bindings"
run "keymap nano" 0 "$NIANBAO" keymap --keymap nano
expect "$TMP/out" "bind C-o save"
sed 's/^bind C-s save$/bind M-s save/' "$TMP/my.keymap" >"$TMP/changed.keymap"
run "keymap changed" 0 "$NIANBAO" keymap --keymap "$TMP/changed.keymap"
expect "$TMP/out" "bind M-s save"
expect_not "$TMP/out" "bind C-s save"
mkdir -p "$XDG_CONFIG_HOME/nianbao" && cp "$TMP/changed.keymap" "$XDG_CONFIG_HOME/nianbao/keymap"
run "keymap from the user's file" 0 "$NIANBAO" keymap
expect "$TMP/out" "bind M-s save"
grep -v "save" "$TMP/my.keymap" >"$TMP/nosave.keymap"
run "keymap without save" 2 "$NIANBAO" keymap --keymap "$TMP/nosave.keymap"
expect "$TMP/err" "save"
unset XDG_CONFIG_HOME

# One unreadable file does not hide the findings of the others.
run "check several, one missing" 2 "$NIANBAO" check "$S/draft-2024.txt" "$TMP/nope.txt"
expect "$TMP/out" "[section-missing]"
expect "$TMP/err" "nope.txt"

finish
