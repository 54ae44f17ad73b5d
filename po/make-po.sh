#!/bin/sh
# Keeps the zh_CN catalogue in step with src/tui/msgs.def, which declares every message id of the
# editor with its English text; that English text is the gettext msgid.
#   po/make-po.sh              merge new or changed msgids from msgs.def into po/zh_CN.po (msgmerge)
#   po/make-po.sh --check      fail unless po/zh_CN.po translates every msgid of msgs.def (the build
#                              runs this before compiling the catalogue)
#   po/make-po.sh --seed OLD   write po/zh_CN.po from OLD, a msgs.def of X(ID, "中文", "English")
#                              lines: how the catalogue was first made. Since then po/zh_CN.po is
#                              the only place the Chinese text lives.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
po=$top/po/zh_CN.po
str='"((\\.|[^"\\])*)"'

header() {
	cat <<'HDR'
# Chinese (simplified) UI text of the nianbao editor. Findings come from the checker and are not here.
msgid ""
msgstr ""
"Project-Id-Version: nianbao\n"
"PO-Revision-Date: 2026-11-22 09:00+0800\n"
"Last-Translator: nianbao <nianbao@localhost>\n"
"Language-Team: Chinese (simplified) <nianbao@localhost>\n"
"Language: zh_CN\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
HDR
}

# Reads "ID<TAB>msgid<TAB>msgstr[<TAB>msgctxt]" lines (strings still C-escaped, as PO wants them);
# an id with the same text and context as an earlier one shares its entry.
entries() {
	awk -F '\t' 'seen[$4 "\004" $2]++ { next } {
		printf "\n#. %s\n", $1
		if ($2 ~ /%/) print "#, c-format"
		if ($4 != "") printf "msgctxt \"%s\"\n", $4
		printf "msgid \"%s\"\nmsgstr \"%s\"\n", $2, $3
	}'
}

if [ "${1:-}" = --seed ]; then
	{ header; sed -n -E "s/^X\\(([A-Z0-9_]+), *$str, *$str\\).*/\\1	\\4	\\2/p" "$2" | entries; } > "$po.tmp"
	mv "$po.tmp" "$po"
else
	pot=$(mktemp)
	trap 'rm -f "$pot"' EXIT
	# X(ID, "msgid") or XC(ID, "msgctxt", "msgid"): the context tells apart equal English texts.
	{ header; sed -n -E -e "s/^X\\(([A-Za-z0-9_]+), *$str\\).*/\\1	\\2	/p" \
		-e "s/^XC\\(([A-Za-z0-9_]+), *$str, *$str\\).*/\\1	\\4		\\2/p" \
		"$top/src/tui/msgs.def" | entries; } > "$pot"
	if [ "${1:-}" = --check ]; then
		# Untranslated and fuzzy entries count as missing.
		LC_ALL=C msgcmp -N "$po" "$pot" || { echo "po/zh_CN.po lacks translations: run po/make-po.sh, then translate" >&2; exit 1; }
	else
		msgmerge --quiet --update --backup=none --no-wrap "$po" "$pot"
	fi
fi
