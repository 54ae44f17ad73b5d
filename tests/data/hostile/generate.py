#!/usr/bin/env python3
"""generate.py — writes the small files of nianbao's hostile-input corpus (run once; the output
is committed). The huge ones (200 MB, a 20 MB line, 10,000-deep nesting) are made by
tests/hostile.sh at test time. Expected outcomes are in EXPECTED beside this script."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "sample", "draft-2024.txt")
DRAFT = open(SAMPLE, encoding="utf-8").read()

ESC = "\x1b"
files = {}


def put(name, data):
    files[name] = data.encode("utf-8") if isinstance(data, str) else data


def draft_with(heading_insert, body_insert=""):
    """The sample draft with hostile text in the first heading (findings quote headings) and
    in a body paragraph."""
    d = DRAFT.replace("一、主要工作开展情况", "一、主要工作" + heading_insert + "开展情况", 1)
    d = d.replace("（一）加强学习教育。", "（一）加强学习" + body_insert + "教育。", 1)
    return d


# ---- YAML that must be refused cleanly ----
put("alias-bomb.yaml", "nianbao: 1\n" + "".join(
    "%s: &%s [%s]\n" % (c, c, ", ".join(["*" + chr(ord(c) - 1)] * 9) if c != "a" else '"哈"')
    for c in "abcdefghij") + "intro: *j\n")
put("alias-one.yaml", 'nianbao: 1\nmeta: &m {unit: "某县司法局"}\nintro: *m\n')
put("anchor-merge.yaml", "nianbao: 1\nbase: &b {unit: 某局}\nmeta:\n  <<: *b\n  year: 2024\n")
put("nesting-flow-200.yaml", "nianbao: 1\nintro: " + "[" * 200 + "]" * 200 + "\n")
# Inside an unknown key (only a warning), so the loader must walk all the way down.
put("nesting-in-unknown-key.yaml", "nianbao: 1\nx_extra: " + "{a: " * 300 + "1" + "}" * 300 + "\n")
put("nesting-block-40.yaml", "nianbao: 1\nmeta:\n" + "".join(
    "  " * (i + 1) + "k%d:\n" % i for i in range(40)) + "  " * 41 + "v\n")
put("truncated-quote.yaml", 'nianbao: 1\nmeta:\n  unit: "某县城关镇人民政\n')
put("truncated-utf8.yaml", "nianbao: 1\nintro: |\n  法治政府".encode("utf-8")[:-1])
put("truncated-flow.yaml", "nianbao: 1\nsections: [{id: measures, heading: 一、主要举措, body: 开展")
put("wrong-type-sections.yaml", "nianbao: 1\nsections: {measures: 开展普法}\n")
put("wrong-type-meta.yaml", "nianbao: 1\nmeta: 某县司法局\n")
put("wrong-type-body.yaml", "nianbao: 1\nsections:\n  - id: measures\n    heading: 一、主要举措\n    body: [一, 二]\n")
put("wrong-type-year.yaml", "nianbao: 1\nmeta:\n  year: {value: 2024}\n")
put("wrong-type-comments.yaml", "nianbao: 1\ncomments: 请修改\n")
put("wrong-type-root.yaml", "- nianbao\n- 1\n")
put("version-future.yaml", "nianbao: 999\nintro: 来自未来的版本\n")
put("duplicate-key.yaml", "nianbao: 1\nintro: 第一\nintro: 第二\n")
put("two-documents.yaml", "nianbao: 1\nintro: 甲\n---\nnianbao: 1\nintro: 乙\n")
put("invalid-utf8.yaml", b"nianbao: 1\nintro: \xff\xfe\xc0\xaf bad\n")
put("nul-byte.yaml", b"nianbao: 1\nintro: before\x00after\n")
put("python-tag.yaml", 'nianbao: 1\nintro: !!python/object/apply:os.system ["touch /tmp/nianbao-pwned"]\n')
put("empty.yaml", "")
put("comments-only.yaml", "# nothing here\n# at all\n")
put("huge-scalar-key.yaml", "nianbao: 1\n" + "长" * 2000 + ": 1\n")

# ---- YAML that loads: its text is hostile, the check must show it safely ----
put("escapes-in-yaml.yaml",
    'nianbao: 1\nmeta:\n  unit: "某局\\e]0;pwned\\a"\nsections:\n'
    '  - id: measures\n    heading: "一、主要\\e[2J\\e[H举措"\n    body: "开展\\e]52;c;cm0gLXJmIH4=\\a普法\\u009b31m。"\n')

# ---- text drafts that are not text ----
put("binary-elf.txt", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8)
put("png-image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
put("zip-docx.txt", b"PK\x03\x04\x14\x00\x06\x00" + b"[Content_Types].xml" + bytes(100))
put("nul-bytes.txt", DRAFT.encode("utf-8")[:300] + b"\x00\x00\x00" + DRAFT.encode("utf-8")[300:])
put("random-bytes.txt", bytes((i * 7919 + 13) % 256 for i in range(5000)))
put("invalid-utf8-not-gbk.txt", b"\xff\xff\xfe\xfe" * 100)
put("utf16-no-bom.txt", DRAFT.encode("utf-16-le"))
put("empty.txt", "")
put("whitespace-only.txt", " \n\t\n\u3000\n\n")

# ---- text drafts in other encodings or odd shapes (a normal check result) ----
put("gbk-no-marker.txt", DRAFT.encode("gbk"))
put("gb18030-4byte.txt", (DRAFT + "\n附：𠀀𪚥\n").encode("gb18030"))
put("cr-only-lines.txt", DRAFT.replace("\n", "\r"))
put("mixed-line-ends.txt", "".join(
    line + ("\r\n" if i % 2 else "\n") for i, line in enumerate(DRAFT.split("\n"))))
put("overlong-and-surrogates.txt", DRAFT.encode("utf-8") + b"\n\xc0\xaf\xed\xa0\x80\n")
put("bom-in-the-middle.txt", DRAFT.replace("二、存在的问题", "\ufeff二、存在的问题"))
put("many-headings.txt", "".join("一、第%d部分\n内容。\n" % i for i in range(5000)))

# ---- escape-sequence-laden drafts: nothing may reach the terminal raw ----
put("esc-clear-screen.txt", draft_with(ESC + "[2J" + ESC + "[H", ESC + "[3J"))
put("esc-osc52-clipboard.txt", draft_with(ESC + "]52;c;cm0gLXJmIH4K\x07", ESC + "]52;p;?\x07"))
put("esc-osc0-title.txt", draft_with(ESC + "]0;pwned\x07", ESC + "]2;title" + ESC + "\\"))
put("esc-c1-controls.txt", draft_with("\u009b31m\u0085\u008d", "\u009d0;t\u009c\u0090x\u009c"))
put("esc-bidi-override.txt", draft_with("\u202e成效\u202c\u2066隔离\u2069", "\u202d\u2067\u2068"))
put("esc-dcs-apc-pm.txt", draft_with(ESC + "P1$r" + ESC + "\\", ESC + "_apc" + ESC + "\\" + ESC + "^pm" + ESC + "\\"))
put("esc-cursor-and-colors.txt", draft_with(ESC + "[31;1m" + ESC + "[10A" + ESC + "[?1049h", ESC + "[0m" + ESC + "7" + ESC + "8"))
put("esc-backspace-cr.txt", draft_with("\b\b\b\r覆盖\x7f", "\x07\x0b\x0c"))
put("esc-in-metadata.txt", DRAFT.replace("柳河党字〔2025〕7号", "柳河党字" + ESC + "[8m〔2025〕7号", 1)
    .replace("签发人：赵建国", "签发人：赵" + ESC + "]0;x\x07建国", 1))
put("esc-raw-c1-bytes.txt", draft_with("").encode("utf-8").replace(
    "开展情况".encode("utf-8"), "开展".encode("utf-8") + b"\x9b" + b"2J" + "情况".encode("utf-8"), 1))

out = sys.argv[1] if len(sys.argv) > 1 else HERE
for name, data in sorted(files.items()):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)
print("%d files" % len(files))
