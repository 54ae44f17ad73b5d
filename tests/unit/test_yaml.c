/* test_yaml.c — the YAML report format: exact round trips, stable bytes, source lines, warnings
 * for unknown keys, and refusal of hostile files with a message naming the file. */
#include "config.h"
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/yamlio.h"

#define DATA NB_TEST_DATA "/yaml/"

/* ---- helpers ---- */

static nb_report *load_str(const char *yaml, nb_load_warnings *w, nb_error *err)
{
	return nb_yaml_load(yaml, strlen(yaml), "t.yaml", w, err);
}

static nb_report *load_file(const char *file, nb_load_warnings *w, nb_error *err)
{
	char *data;
	size_t len;
	nb_error rerr;
	ck_assert_msg(nb_read_file(file, NB_MAX_INPUT_BYTES, &data, &len, &rerr) == 0, "%s", rerr.msg);
	nb_report *r = nb_yaml_load(data, len, file, w, err);
	free(data);
	return r;
}

static void ck_str_eq_or_null(const char *a, const char *b, const char *what)
{
	if (!a || !b)
		ck_assert_msg(a == b, "%s: one side is NULL (%s / %s)", what, a ? a : "NULL",
			      b ? b : "NULL");
	else
		ck_assert_msg(strcmp(a, b) == 0, "%s differs:\n[%s]\n[%s]", what, a, b);
}

static void ck_reports_equal(const nb_report *a, const nb_report *b)
{
	for (int f = 0; f < NB_META_COUNT; f++)
		ck_str_eq_or_null(a->meta[f], b->meta[f], nb_meta_fields[f].key);
	ck_str_eq_or_null(a->intro, b->intro, "intro");
	ck_assert_uint_eq(a->nsections, b->nsections);
	for (size_t i = 0; i < a->nsections; i++) {
		ck_str_eq_or_null(a->sections[i].id, b->sections[i].id, "section id");
		ck_str_eq_or_null(a->sections[i].heading, b->sections[i].heading, "heading");
		ck_str_eq_or_null(a->sections[i].body, b->sections[i].body, "body");
	}
	ck_assert_uint_eq(a->ncomments, b->ncomments);
	for (size_t i = 0; i < a->ncomments; i++) {
		const nb_comment *x = &a->comments[i], *y = &b->comments[i];
		ck_str_eq_or_null(x->section_id, y->section_id, "comment section");
		ck_str_eq_or_null(x->quote, y->quote, "comment quote");
		ck_str_eq_or_null(x->text, y->text, "comment text");
		ck_str_eq_or_null(x->author, y->author, "comment author");
		ck_str_eq_or_null(x->time, y->time, "comment time");
	}
}

/* A report using every field and the characters that trouble YAML writers. */
static nb_report *full_report(void)
{
	static const char *const meta[NB_META_COUNT] = {
		[NB_META_UNIT] = "某某县人民政府",
		[NB_META_UNIT_TYPE] = "县级政府",
		[NB_META_YEAR] = "2024",
		[NB_META_TITLE] = "某某县人民政府关于2024年度法治政府建设情况的报告",
		[NB_META_DOC_NUMBER] = "某府〔2025〕3号",
		[NB_META_SIGNER] = "王某某",
		[NB_META_RECIPIENT] = "市人民政府：",
		[NB_META_SIGNATURE] = "某某县人民政府",
		[NB_META_DATE] = "2025年2月8日",
		[NB_META_CC] = "县委办公室，县人大常委会办公室",
		[NB_META_PRINTER] = "某某县人民政府办公室",
		[NB_META_PRINT_DATE] = "2025年2月8日印发",
		[NB_META_PUBLISH_CHANNEL] = "https://www.example.gov.cn/zwgk/fzzfjs/",
		[NB_META_PUBLISH_DATE] = "2025-03-01",
		[NB_META_SECRECY_REVIEW] = "已审查",
	};
	nb_report *r = nb_report_new();
	for (int f = 0; f < NB_META_COUNT; f++)
		nb_report_set_meta(r, f, meta[f]);
	free(r->intro);
	r->intro = nb_xstrdup("2024年，我县坚持以习近平法治思想为指导，全面贯彻落实党中央、国务院决策部署。\n"
			      "现将有关情况报告如下：");
	nb_report_add_section(r, "measures", "一、2024年主要举措和成效",
			      "（一）坚持党的领导。县委常委会会议专题研究法治建设工作4次。\n"
			      "（二）推进“放管服”改革。政务服务事项“一网通办”率达98.5%。\n"
			      "\n"
			      "（三）严格规范公正文明执法。");
	nb_report_add_section(r, "problems", "二、存在的不足和原因",
			      "一是行政执法规范化水平有待提高。  \n"   /* trailing spaces */
			      "# 这一行以井号开头，不是注释\n"
			      "key: 冒号后有空格\n"
			      "- 以短横线开头，不是列表\n"
			      "\t制表符开头\n");
	nb_report_add_section(r, "duty", "三、党政主要负责人履行推进法治建设第一责任人职责情况", "");
	nb_report_add_section(r, NULL, "#附：相关数据", "  以空格开头的段落\n'单引号' \"双引号\" \\反斜杠");
	nb_report_add_section(r, "plan", "四、2025年推进法治政府建设的主要安排", "true");
	nb_report_add_comment(r, "measures", "“一网通办”", "请补充办件量。\n第二行：说明来源", "张三",
			      "2025-01-02T09:30:00+08:00");
	nb_report_add_comment(r, "problems", "规范化", "原因写得太笼统", "李四", "2025-01-03T10:00:00+08:00");
	return r;
}

/* ---- round trips ---- */

START_TEST(test_round_trip_full_report)
{
	nb_report *r = full_report();
	size_t len1, len2, len3;
	char *y1 = nb_yaml_save(r, &len1);
	ck_assert_uint_eq(len1, strlen(y1));

	nb_error err;
	nb_load_warnings w = {0};
	nb_report *back = nb_yaml_load(y1, len1, "full.yaml", &w, &err);
	ck_assert_msg(back != NULL, "%s\n%s", err.msg, y1);
	ck_assert_msg(w.n == 0, "unexpected warning: %s", w.n ? w.msg[0] : "");
	ck_reports_equal(r, back);
	ck_assert_str_eq(back->source_path, "full.yaml");

	/* Saving twice, and saving what was loaded, gives the same bytes. */
	char *y2 = nb_yaml_save(r, &len2);
	char *y3 = nb_yaml_save(back, &len3);
	ck_assert_uint_eq(len1, len2);
	ck_assert_uint_eq(len1, len3);
	ck_assert_mem_eq(y1, y2, len1);
	ck_assert_mem_eq(y1, y3, len1);

	/* And load → save → load gives the same report again. */
	nb_report *again = nb_yaml_load(y3, len3, "full.yaml", NULL, &err);
	ck_assert_msg(again != NULL, "%s", err.msg);
	ck_reports_equal(back, again);

	nb_report_free(again);
	nb_report_free(back);
	nb_report_free(r);
	free(y1);
	free(y2);
	free(y3);
}
END_TEST

START_TEST(test_save_layout_is_readable)
{
	nb_report *r = full_report();
	char *y = nb_yaml_save(r, NULL);
	/* Version first, then template; Chinese written as is, not as \u escapes. */
	ck_assert_msg(strncmp(y, "nianbao: 1\ntemplate: fazhi-zhengfu-nianbao\n", 43) == 0, "%s", y);
	ck_assert_ptr_null(strstr(y, "\\u"));
	ck_assert_ptr_nonnull(strstr(y, "unit: 某某县人民政府\n"));
	/* The year is a string for any YAML reader. */
	ck_assert_ptr_nonnull(strstr(y, "year: \"2024\"\n"));
	/* A body that a literal block can hold exactly is one: one paragraph per line. */
	ck_assert_ptr_nonnull(strstr(y, "body: |-\n    （一）坚持党的领导。县委常委会会议专题研究法治建设工作4次。\n"
					"    （二）推进“放管服”改革。"));
	/* A body that looks like a boolean stays text. */
	ck_assert_ptr_nonnull(strstr(y, "body: \"true\"\n"));
	/* Metadata in the documented order. */
	const char *prev = strstr(y, "meta:\n");
	ck_assert_ptr_nonnull(prev);
	for (int f = 0; f < NB_META_COUNT; f++) {
		char key[64];
		snprintf(key, sizeof key, "\n  %s: ", nb_meta_fields[f].key);
		const char *at = strstr(y, key);
		ck_assert_msg(at && at > prev, "meta key %s missing or out of order", key);
		prev = at;
	}
	const char *intro = strstr(y, "\nintro: "), *sections = strstr(y, "\nsections:\n"),
		   *comments = strstr(y, "\ncomments:\n");
	ck_assert_msg(prev < intro && intro < sections && sections < comments,
		      "top-level keys out of order:\n%s", y);
	free(y);
	nb_report_free(r);
}
END_TEST

START_TEST(test_unset_meta_is_left_out)
{
	nb_report *r = nb_report_new();
	nb_report_set_meta(r, NB_META_UNIT, "某某镇人民政府");
	char *y = nb_yaml_save(r, NULL);
	ck_assert_ptr_nonnull(strstr(y, "meta:\n  unit: 某某镇人民政府\n"));
	ck_assert_ptr_null(strstr(y, "year:"));
	ck_assert_ptr_null(strstr(y, "signer:"));
	ck_assert_ptr_null(strstr(y, "comments:"));

	/* A new report with no sections loads back as one. */
	nb_error err;
	nb_report *back = load_str(y, NULL, &err);
	ck_assert_msg(back != NULL, "%s", err.msg);
	ck_assert_uint_eq(back->nsections, 0);
	ck_assert_ptr_null(back->meta[NB_META_YEAR]);
	ck_assert_str_eq(back->meta[NB_META_UNIT], "某某镇人民政府");
	nb_report_free(back);
	free(y);
	nb_report_free(r);
}
END_TEST

START_TEST(test_long_paragraph_not_folded)
{
	nb_sb para = {0};
	for (int i = 0; i < 400; i++)
		nb_sb_adds(&para, "依法行政 ");
	nb_sb_adds(&para, "完");
	nb_report *r = nb_report_new();
	nb_report_add_section(r, "measures", "一、主要举措和成效", nb_sb_cstr(&para));
	char *y = nb_yaml_save(r, NULL);
	char *line = nb_xasprintf("\n    %s\n", nb_sb_cstr(&para));
	ck_assert_msg(strstr(y, line) != NULL, "the paragraph was folded:\n%s", y);
	free(line);
	free(y);
	nb_sb_free(&para);
	nb_report_free(r);
}
END_TEST

START_TEST(test_control_and_separator_characters_round_trip)
{
	/* Characters a YAML reader would normalise or refuse inside a block must still come back. */
	static const char *const bodies[] = {
		"回车\r换行", "行分隔\xE2\x80\xA8符", "下一行\xC2\x85符", "转义\x1B[31m红色",
		"BOM\xEF\xBB\xBF在中间", "结尾空格 ", "\n以换行开头", "以换行结尾\n\n",
	};
	nb_report *r = nb_report_new();
	for (size_t i = 0; i < sizeof bodies / sizeof *bodies; i++)
		nb_report_add_section(r, NULL, bodies[i], bodies[i]);
	size_t len;
	char *y = nb_yaml_save(r, &len);
	nb_error err;
	nb_report *back = nb_yaml_load(y, len, "c.yaml", NULL, &err);
	ck_assert_msg(back != NULL, "%s\n%s", err.msg, y);
	ck_reports_equal(r, back);
	nb_report_free(back);
	free(y);
	nb_report_free(r);
}
END_TEST

START_TEST(test_invalid_utf8_in_model_still_saves)
{
	nb_report *r = nb_report_new();
	nb_report_add_section(r, "measures", "一、举措", "坏字节\xFF之后");
	size_t len;
	char *y = nb_yaml_save(r, &len);
	nb_error err;
	nb_report *back = nb_yaml_load(y, len, "u.yaml", NULL, &err);
	ck_assert_msg(back != NULL, "%s", err.msg);
	ck_assert_str_eq(back->sections[0].body, "坏字节\xEF\xBF\xBD之后");
	nb_report_free(back);
	free(y);
	nb_report_free(r);
}
END_TEST

/* ---- reading hand-written files ---- */

START_TEST(test_source_lines)
{
	const char *yaml =
		"nianbao: 1\n"                                    /* 1 */
		"meta:\n"                                         /* 2 */
		"  unit: 某某区人民政府\n"                        /* 3 */
		"  year: 2024\n"                                  /* 4 */
		"intro: 现将有关情况报告如下。\n"                 /* 5 */
		"sections:\n"                                     /* 6 */
		"  - id: measures\n"                              /* 7 */
		"    heading: 一、2024年主要举措和成效\n"         /* 8 */
		"    body: |\n"                                   /* 9 */
		"      第一段，加强组织领导。\n"                  /* 10 */
		"\n"                                              /* 11 */
		"      第三段，推进依法行政。\n"                  /* 12 */
		"  - id: problems\n"                              /* 13 */
		"    heading: 二、存在的不足和原因\n"             /* 14 */
		"    body: \"一是不足。\\n二是原因。\"\n";        /* 15 */
	nb_error err;
	nb_report *r = load_str(yaml, NULL, &err);
	ck_assert_msg(r != NULL, "%s", err.msg);
	ck_assert_int_eq(r->meta_line[NB_META_UNIT], 3);
	ck_assert_int_eq(r->meta_line[NB_META_YEAR], 4);
	ck_assert_int_eq(r->meta_line[NB_META_TITLE], 0);
	ck_assert_str_eq(r->meta[NB_META_YEAR], "2024");
	ck_assert_int_eq(r->sections[0].heading_line, 8);
	ck_assert_int_eq(r->sections[1].heading_line, 14);

	int line, col;
	const nb_section *s = &r->sections[0];
	ck_assert_str_eq(s->body, "第一段，加强组织领导。\n\n第三段，推进依法行政。\n");
	nb_srcmap_lookup(s->map, s->nmap, s->body, 0, &line, &col);
	ck_assert_int_eq(line, 10);
	ck_assert_int_eq(col, 7);
	/* "推进" in the third paragraph: line 12, after 7 columns of indentation and 4 characters. */
	size_t off = (size_t)(strstr(s->body, "推进") - s->body);
	nb_srcmap_lookup(s->map, s->nmap, s->body, off, &line, &col);
	ck_assert_int_eq(line, 12);
	ck_assert_int_eq(col, 11);

	/* A quoted body maps to where the value starts. */
	s = &r->sections[1];
	nb_srcmap_lookup(s->map, s->nmap, s->body, 0, &line, &col);
	ck_assert_int_eq(line, 15);
	ck_assert_int_eq(col, 12);

	nb_srcmap_lookup(r->intro_map, r->intro_nmap, r->intro, 0, &line, &col);
	ck_assert_int_eq(line, 5);
	ck_assert_int_eq(col, 8);
	nb_report_free(r);
}
END_TEST

START_TEST(test_source_lines_crlf)
{
	const char *yaml = "nianbao: 1\r\nsections:\r\n- heading: 一、举措\r\n  body: |\r\n"
			   "    甲段\r\n    乙段\r\n";
	nb_error err;
	nb_report *r = load_str(yaml, NULL, &err);
	ck_assert_msg(r != NULL, "%s", err.msg);
	const nb_section *s = &r->sections[0];
	ck_assert_str_eq(s->body, "甲段\n乙段\n");
	int line, col;
	nb_srcmap_lookup(s->map, s->nmap, s->body, strlen("甲段\n"), &line, &col);
	ck_assert_int_eq(line, 6);
	ck_assert_int_eq(col, 5);
	nb_report_free(r);
}
END_TEST

START_TEST(test_saved_file_maps_to_its_own_lines)
{
	/* After save → load, every paragraph's mapped line holds that paragraph. */
	nb_report *r = full_report();
	size_t len;
	char *y = nb_yaml_save(r, &len);
	nb_error err;
	nb_report *back = nb_yaml_load(y, len, "m.yaml", NULL, &err);
	ck_assert_msg(back != NULL, "%s", err.msg);
	const nb_section *s = &back->sections[0];
	ck_assert_uint_eq(s->nmap, 4);
	for (size_t i = 0; i < s->nmap; i++) {
		const char *p = s->body + s->map[i].body_off;
		size_t plen = strcspn(p, "\n");
		const char *ln = y;
		for (int k = 1; k < s->map[i].line; k++)
			ln = strchr(ln, '\n') + 1;
		ck_assert_msg(strncmp(ln + s->map[i].col - 1, p, plen) == 0, "paragraph %zu not at %d:%d",
			      i, s->map[i].line, s->map[i].col);
	}
	nb_report_free(back);
	free(y);
	nb_report_free(r);
}
END_TEST

START_TEST(test_unknown_keys_are_warned)
{
	nb_error err;
	nb_load_warnings w = {0};
	const char *file = DATA "unknown-keys.yaml";
	nb_report *r = load_file(file, &w, &err);
	ck_assert_msg(r != NULL, "%s", err.msg);
	static const struct { int line; const char *key; } expect[] = {
		{3, "reviewer"}, {6, "colour"}, {12, "status"}, {19, "resolved"},
	};
	ck_assert_uint_eq(w.n, 4);
	for (size_t i = 0; i < 4; i++) {
		char *msg = nb_xasprintf("%s:%d: unknown key `%s` (ignored)", file, expect[i].line,
					 expect[i].key);
		ck_assert_str_eq(w.msg[i], msg);
		ck_assert_int_eq(w.line[i], expect[i].line);
		free(msg);
	}
	/* The known content around them is read normally. */
	ck_assert_str_eq(r->meta[NB_META_UNIT], "某某区司法局");
	ck_assert_uint_eq(r->nsections, 1);
	ck_assert_str_eq(r->sections[0].body, "我局坚持以习近平法治思想为指导。\n");
	ck_assert_uint_eq(r->ncomments, 1);
	ck_assert_str_eq(r->comments[0].author, "王五");
	nb_load_warnings_free(&w);
	ck_assert_uint_eq(w.n, 0);
	nb_report_free(r);
}
END_TEST

START_TEST(test_missing_version_reads_as_1_with_warning)
{
	nb_error err;
	nb_load_warnings w = {0};
	nb_report *r = load_file(DATA "no-version.yaml", &w, &err);
	ck_assert_msg(r != NULL, "%s", err.msg);
	ck_assert_uint_eq(w.n, 1);
	ck_assert_ptr_nonnull(strstr(w.msg[0], "no-version.yaml:1: no `nianbao: 1` format version"));
	ck_assert_str_eq(r->sections[0].body, "依法行政水平不断提高。");
	nb_load_warnings_free(&w);
	nb_report_free(r);
}
END_TEST

START_TEST(test_other_template_is_warned)
{
	nb_error err;
	nb_load_warnings w = {0};
	nb_report *r = load_str("nianbao: 1\ntemplate: my-own\nsections: []\n", &w, &err);
	ck_assert_msg(r != NULL, "%s", err.msg);
	ck_assert_uint_eq(w.n, 1);
	ck_assert_ptr_nonnull(strstr(w.msg[0], "t.yaml:2: template `my-own`"));
	nb_load_warnings_free(&w);
	nb_report_free(r);
}
END_TEST

START_TEST(test_warning_does_not_echo_escape_sequences)
{
	nb_error err;
	nb_load_warnings w = {0};
	nb_report *r = load_str("nianbao: 1\n\"\\e]52;c;SGk=\\a\": 1\n", &w, &err);
	ck_assert_msg(r != NULL, "%s", err.msg);
	ck_assert_uint_eq(w.n, 1);
	ck_assert_ptr_null(strchr(w.msg[0], '\x1b'));
	ck_assert_ptr_null(strchr(w.msg[0], '\a'));
	nb_load_warnings_free(&w);
	nb_report_free(r);
}
END_TEST

START_TEST(test_null_values_mean_unset)
{
	nb_error err;
	nb_report *r = load_str("nianbao: 1\nmeta:\n  unit: ~\n  signer:\n  year: \"\"\nintro:\n"
				"sections:\ncomments: null\n", NULL, &err);
	ck_assert_msg(r != NULL, "%s", err.msg);
	ck_assert_ptr_null(r->meta[NB_META_UNIT]);
	ck_assert_ptr_null(r->meta[NB_META_SIGNER]);
	ck_assert_str_eq(r->meta[NB_META_YEAR], "");   /* quoted: an explicit empty text */
	ck_assert_str_eq(r->intro, "");
	ck_assert_uint_eq(r->nsections, 0);
	nb_report_free(r);
}
END_TEST

/* ---- hostile and broken files ---- */

static const struct hostile_case {
	const char *file;
	const char *expect;   /* "FILE" + this must start the message */
} hostile[] = {
	{"billion-laughs.yaml", ":2: YAML anchors (&name) and aliases are not allowed"},
	{"alias-only.yaml", ":6: YAML aliases are not allowed"},
	{"sections-not-list.yaml", ":5: `sections` must be a list, not text"},
	{"body-mapping.yaml", ":5: `body` must be text, not a mapping"},
	{"meta-list.yaml", ":2: `meta` must be a mapping"},
	{"root-list.yaml", ":1: a nianbao report must be a mapping of keys"},
	{"truncated.yaml", ":8:15: found unexpected end of stream"},
	{"version-2.yaml", ":1: format version 2 is newer than this nianbao understands"},
	{"version-text.yaml", ":1: `nianbao` must be the format version number (1)"},
	{"invalid-utf8.yaml", ":3: invalid UTF-8"},
	{"binary-junk.bin", ":1: contains NUL bytes: this is binary data"},
	{"duplicate-key.yaml", ":5: duplicate key `body`"},
	{"two-documents.yaml", ":3: more than one YAML document"},
	{"foreign-tag.yaml", ":2: YAML tag `tag:yaml.org,2002:binary` is not allowed"},
	{"empty.yaml", ": the file is empty"},
};

START_TEST(test_hostile_file_refused)
{
	const struct hostile_case *c = &hostile[_i];
	char *path = nb_xasprintf("%s%s", DATA, c->file);
	nb_error err = {{0}};
	nb_load_warnings w = {0};
	nb_report *r = load_file(path, &w, &err);
	ck_assert_msg(r == NULL, "%s was accepted", c->file);
	char *want = nb_xasprintf("%s%s", path, c->expect);
	ck_assert_msg(strncmp(err.msg, want, strlen(want)) == 0, "%s:\n got  %s\n want %s…", c->file,
		      err.msg, want);
	free(want);
	free(path);
	nb_load_warnings_free(&w);
}
END_TEST

START_TEST(test_deep_nesting_refused)
{
	enum { DEPTH = 100000 };
	nb_sb sb = {0};
	nb_sb_adds(&sb, "nianbao: 1\nsections:\n  - heading: 一、举措\n    notes: ");
	for (int i = 0; i < DEPTH; i++)
		nb_sb_addc(&sb, '[');
	for (int i = 0; i < DEPTH; i++)
		nb_sb_addc(&sb, ']');
	nb_sb_addc(&sb, '\n');
	nb_error err;
	nb_report *r = nb_yaml_load(sb.s, sb.len, "deep.yaml", NULL, &err);
	ck_assert_ptr_null(r);
	ck_assert_str_eq(err.msg, "deep.yaml:4: nesting deeper than 32 levels is not allowed");

	/* 32 levels in all is still fine. */
	nb_sb_free(&sb);
	nb_sb_adds(&sb, "nianbao: 1\nnotes: ");
	for (int i = 0; i < NB_YAML_MAX_DEPTH - 1; i++)
		nb_sb_addc(&sb, '[');
	for (int i = 0; i < NB_YAML_MAX_DEPTH - 1; i++)
		nb_sb_addc(&sb, ']');
	nb_sb_addc(&sb, '\n');
	r = nb_yaml_load(sb.s, sb.len, "ok.yaml", NULL, &err);
	ck_assert_msg(r != NULL, "%s", err.msg);
	nb_report_free(r);
	nb_sb_free(&sb);
}
END_TEST

START_TEST(test_huge_scalar_refused)
{
	size_t n = NB_YAML_MAX_SCALAR + 1;
	const char *head = "nianbao: 1\nintro: ";
	size_t hl = strlen(head);
	char *buf = nb_xmalloc(hl + n + 2);
	memcpy(buf, head, hl);
	memset(buf + hl, 'a', n);
	buf[hl + n] = '\n';
	buf[hl + n + 1] = '\0';
	nb_error err;
	nb_report *r = nb_yaml_load(buf, hl + n + 1, "huge.yaml", NULL, &err);
	ck_assert_ptr_null(r);
	ck_assert_str_eq(err.msg, "huge.yaml:2: a value is longer than 16 MB");
	free(buf);
}
END_TEST

START_TEST(test_oversized_input_refused)
{
	size_t n = NB_MAX_INPUT_BYTES + 1;
	char *buf = nb_xmalloc(n);
	memset(buf, '#', n);
	nb_error err;
	nb_report *r = nb_yaml_load(buf, n, "big.yaml", NULL, &err);
	ck_assert_ptr_null(r);
	ck_assert_ptr_nonnull(strstr(err.msg, "big.yaml: file is too large"));
	free(buf);
}
END_TEST

START_TEST(test_nul_inside_escape_refused)
{
	nb_error err;
	nb_report *r = load_str("nianbao: 1\nintro: \"前\\0后\"\n", NULL, &err);
	ck_assert_ptr_null(r);
	ck_assert_str_eq(err.msg, "t.yaml:2: a value contains a NUL character (\\0)");
}
END_TEST

static Suite *yaml_suite(void)
{
	Suite *s = suite_create("yaml");
	TCase *tc = tcase_create("round trip");
	tcase_add_test(tc, test_round_trip_full_report);
	tcase_add_test(tc, test_save_layout_is_readable);
	tcase_add_test(tc, test_unset_meta_is_left_out);
	tcase_add_test(tc, test_long_paragraph_not_folded);
	tcase_add_test(tc, test_control_and_separator_characters_round_trip);
	tcase_add_test(tc, test_invalid_utf8_in_model_still_saves);
	suite_add_tcase(s, tc);

	tc = tcase_create("reading");
	tcase_add_test(tc, test_source_lines);
	tcase_add_test(tc, test_source_lines_crlf);
	tcase_add_test(tc, test_saved_file_maps_to_its_own_lines);
	tcase_add_test(tc, test_unknown_keys_are_warned);
	tcase_add_test(tc, test_missing_version_reads_as_1_with_warning);
	tcase_add_test(tc, test_other_template_is_warned);
	tcase_add_test(tc, test_warning_does_not_echo_escape_sequences);
	tcase_add_test(tc, test_null_values_mean_unset);
	suite_add_tcase(s, tc);

	tc = tcase_create("hostile");
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_hostile_file_refused, 0, (int)(sizeof hostile / sizeof *hostile));
	tcase_add_test(tc, test_deep_nesting_refused);
	tcase_add_test(tc, test_huge_scalar_refused);
	tcase_add_test(tc, test_oversized_input_refused);
	tcase_add_test(tc, test_nul_inside_escape_refused);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(yaml_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
