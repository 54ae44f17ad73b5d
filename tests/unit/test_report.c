/* test_report.c — the report model: metadata, sections, source maps, 批注, deep copy. */
#include "config.h"
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/report.h"
#include "nianbao/util.h"

START_TEST(test_meta_set_get)
{
	nb_report *r = nb_report_new();
	/* Unset fields read as "", never NULL. */
	for (int f = 0; f < NB_META_COUNT; f++)
		ck_assert_str_eq(nb_report_meta(r, (nb_meta_field)f), "");
	ck_assert_str_eq(r->intro, "");
	ck_assert_int_eq(r->nsections, 0);

	char unit[] = "某某街道办事处";
	nb_report_set_meta(r, NB_META_UNIT, unit);
	unit[0] = 'X';   /* the report keeps its own copy */
	ck_assert_str_eq(nb_report_meta(r, NB_META_UNIT), "某某街道办事处");
	nb_report_set_meta(r, NB_META_UNIT, "另一个单位");
	ck_assert_str_eq(nb_report_meta(r, NB_META_UNIT), "另一个单位");
	nb_report_set_meta(r, NB_META_UNIT, NULL);
	ck_assert_ptr_null(r->meta[NB_META_UNIT]);
	ck_assert_str_eq(nb_report_meta(r, NB_META_UNIT), "");
	nb_report_free(r);
}
END_TEST

START_TEST(test_meta_fields_table)
{
	for (int f = 0; f < NB_META_COUNT; f++) {
		ck_assert_ptr_nonnull(nb_meta_fields[f].key);
		ck_assert_ptr_nonnull(nb_meta_fields[f].label_zh);
		ck_assert_int_eq(nb_meta_field_by_key(nb_meta_fields[f].key), f);
	}
	ck_assert_int_eq(nb_meta_field_by_key("date"), NB_META_DATE);
	ck_assert_str_eq(nb_meta_fields[NB_META_DATE].label_zh, "成文日期");
	ck_assert_int_eq(nb_meta_field_by_key("no_such_key"), -1);
	ck_assert_int_eq(nb_meta_field_by_key(""), -1);
}
END_TEST

START_TEST(test_report_year)
{
	nb_report *r = nb_report_new();
	ck_assert_int_eq(nb_report_year(r), 0);
	nb_report_set_meta(r, NB_META_YEAR, "2023");
	ck_assert_int_eq(nb_report_year(r), 2023);
	nb_report_set_meta(r, NB_META_YEAR, "2023年");   /* a trailing 年 is tolerated */
	ck_assert_int_eq(nb_report_year(r), 2023);
	nb_report_set_meta(r, NB_META_YEAR, "23");
	ck_assert_int_eq(nb_report_year(r), 0);
	nb_report_set_meta(r, NB_META_YEAR, "去年");
	ck_assert_int_eq(nb_report_year(r), 0);
	nb_report_set_meta(r, NB_META_YEAR, "20233");
	ck_assert_int_eq(nb_report_year(r), 0);
	nb_report_set_meta(r, NB_META_YEAR, "1800");
	ck_assert_int_eq(nb_report_year(r), 0);
	nb_report_free(r);
}
END_TEST

START_TEST(test_sections)
{
	nb_report *r = nb_report_new();
	nb_section *a = nb_report_add_section(r, "measures", "一、主要举措和成效", "正文甲");
	ck_assert_str_eq(a->id, "measures");
	ck_assert_str_eq(a->heading, "一、主要举措和成效");
	ck_assert_str_eq(a->body, "正文甲");
	nb_report_add_section(r, NULL, "二、其他", NULL);
	nb_report_add_section(r, "measures", "三、主要举措（续）", "正文丙");
	nb_report_add_section(r, "duty", "四、第一责任人", "正文丁");
	ck_assert_int_eq(r->nsections, 4);
	/* An unmapped section has no id; a NULL body reads as "". */
	ck_assert_ptr_null(r->sections[1].id);
	ck_assert_str_eq(r->sections[1].body, "");
	/* find returns the first section with the id. */
	nb_section *m = nb_report_find_section(r, "measures");
	ck_assert_ptr_eq(m, &r->sections[0]);
	ck_assert_str_eq(nb_report_find_section(r, "duty")->body, "正文丁");
	ck_assert_ptr_null(nb_report_find_section(r, "plan"));

	/* Setting a body drops the source map: old positions would lie. */
	nb_section *s = &r->sections[0];
	nb_srcmap_add(&s->map, &s->nmap, 0, 10, 1);
	ck_assert_int_eq(s->nmap, 1);
	nb_section_set_body(s, "新的正文");
	ck_assert_str_eq(s->body, "新的正文");
	ck_assert_int_eq(s->nmap, 0);
	ck_assert_ptr_null(s->map);
	nb_section_set_body(s, NULL);
	ck_assert_str_eq(s->body, "");
	nb_report_free(r);
}
END_TEST

START_TEST(test_srcmap_lookup)
{
	/* Two input lines joined into one paragraph, then a second paragraph:
	 *   line 20, col 3: 深入学习贯彻   (text starts after a two-character indent)
	 *   line 21, col 1: 党的二十大精神。
	 *   line 23, col 3: abc法治 */
	const char *body = "深入学习贯彻党的二十大精神。\nabc法治";
	size_t second_line = strlen("深入学习贯彻");
	size_t para2 = strlen("深入学习贯彻党的二十大精神。\n");
	nb_srcpos *map = NULL;
	size_t n = 0;
	int line, col;

	nb_srcmap_lookup(map, n, body, 0, &line, &col);
	ck_assert_int_eq(line, 0);
	ck_assert_int_eq(col, 0);

	nb_srcmap_add(&map, &n, 0, 20, 3);
	nb_srcmap_add(&map, &n, second_line, 21, 1);
	nb_srcmap_add(&map, &n, para2, 23, 3);
	ck_assert_int_eq(n, 3);

	nb_srcmap_lookup(map, n, body, 0, &line, &col);
	ck_assert_int_eq(line, 20);
	ck_assert_int_eq(col, 3);
	/* Columns count characters, not bytes: 学 is the third character. */
	nb_srcmap_lookup(map, n, body, strlen("深入"), &line, &col);
	ck_assert_int_eq(line, 20);
	ck_assert_int_eq(col, 5);
	nb_srcmap_lookup(map, n, body, second_line, &line, &col);
	ck_assert_int_eq(line, 21);
	ck_assert_int_eq(col, 1);
	nb_srcmap_lookup(map, n, body, second_line + strlen("党的二十"), &line, &col);
	ck_assert_int_eq(line, 21);
	ck_assert_int_eq(col, 5);
	nb_srcmap_lookup(map, n, body, para2, &line, &col);
	ck_assert_int_eq(line, 23);
	ck_assert_int_eq(col, 3);
	/* Mixed ASCII and Chinese after an entry. */
	nb_srcmap_lookup(map, n, body, para2 + 3 + strlen("法"), &line, &col);
	ck_assert_int_eq(line, 23);
	ck_assert_int_eq(col, 7);
	free(map);
}
END_TEST

START_TEST(test_srcmap_many_entries)
{
	/* One entry per line: the lookup must find the right one among many. */
	nb_sb sb = {0};
	nb_srcpos *map = NULL;
	size_t n = 0;
	for (int i = 0; i < 1000; i++) {
		nb_srcmap_add(&map, &n, sb.len, 100 + 2 * i, 1);
		nb_sb_adds(&sb, "第一行文字");
	}
	const char *body = nb_sb_cstr(&sb);
	size_t per = strlen("第一行文字");
	for (int i = 0; i < 1000; i += 37) {
		int line, col;
		nb_srcmap_lookup(map, n, body, (size_t)i * per + strlen("第一"), &line, &col);
		ck_assert_int_eq(line, 100 + 2 * i);
		ck_assert_int_eq(col, 3);
	}
	free(map);
	nb_sb_free(&sb);
}
END_TEST

START_TEST(test_comments)
{
	nb_report *r = nb_report_new();
	nb_comment *c = nb_report_add_comment(r, "duty", "述法", "请补充述法的具体情况", "李审核", "2024-02-01T10:00:00+08:00");
	ck_assert_int_eq(r->ncomments, 1);
	ck_assert_str_eq(c->section_id, "duty");
	ck_assert_str_eq(c->quote, "述法");
	ck_assert_str_eq(c->text, "请补充述法的具体情况");
	ck_assert_str_eq(c->author, "李审核");
	nb_report_add_comment(r, "二、其他", NULL, "删去", NULL, NULL);
	ck_assert_int_eq(r->ncomments, 2);
	ck_assert_str_eq(r->comments[1].quote, "");
	ck_assert_str_eq(r->comments[1].author, "");
	ck_assert_str_eq(r->comments[1].time, "");
	nb_report_free(r);
}
END_TEST

START_TEST(test_clone_is_deep)
{
	nb_report *r = nb_report_new();
	nb_report_set_meta(r, NB_META_UNIT, "某某镇人民政府");
	nb_report_set_meta(r, NB_META_YEAR, "2024");
	r->meta_line[NB_META_UNIT] = 2;
	free(r->intro);
	r->intro = nb_xstrdup("2024年以来，……");
	nb_srcmap_add(&r->intro_map, &r->intro_nmap, 0, 5, 3);
	nb_section *s = nb_report_add_section(r, "measures", "一、主要举措和成效", "正文");
	s->heading_line = 7;
	nb_srcmap_add(&s->map, &s->nmap, 0, 8, 3);
	nb_report_add_section(r, NULL, "二、其他", "");
	nb_report_add_comment(r, "measures", "正文", "好", "王", "2025-01-01T00:00:00Z");
	r->source_path = nb_xstrdup("/tmp/draft.txt");

	nb_report *c = nb_report_clone(r);
	ck_assert_str_eq(nb_report_meta(c, NB_META_UNIT), "某某镇人民政府");
	ck_assert_int_eq(nb_report_year(c), 2024);
	ck_assert_int_eq(c->meta_line[NB_META_UNIT], 2);
	ck_assert_str_eq(c->intro, "2024年以来，……");
	ck_assert_int_eq(c->intro_nmap, 1);
	ck_assert_int_eq(c->intro_map[0].line, 5);
	ck_assert_int_eq(c->nsections, 2);
	ck_assert_str_eq(c->sections[0].id, "measures");
	ck_assert_ptr_null(c->sections[1].id);
	ck_assert_int_eq(c->sections[0].heading_line, 7);
	ck_assert_int_eq(c->sections[0].nmap, 1);
	ck_assert_int_eq(c->sections[0].map[0].line, 8);
	ck_assert_int_eq(c->ncomments, 1);
	ck_assert_str_eq(c->comments[0].text, "好");
	ck_assert_str_eq(c->source_path, "/tmp/draft.txt");

	/* Nothing is shared: changing the copy leaves the original alone, and freeing the original
	 * leaves the copy intact. */
	ck_assert_ptr_ne(c->sections[0].body, r->sections[0].body);
	ck_assert_ptr_ne(c->sections[0].map, r->sections[0].map);
	nb_section_set_body(&c->sections[0], "改过的正文");
	nb_report_set_meta(c, NB_META_UNIT, "改名");
	c->sections[1].heading[0] = 'X';
	ck_assert_str_eq(r->sections[0].body, "正文");
	ck_assert_int_eq(r->sections[0].nmap, 1);
	ck_assert_str_eq(nb_report_meta(r, NB_META_UNIT), "某某镇人民政府");
	ck_assert_str_eq(r->sections[1].heading, "二、其他");
	nb_report_free(r);
	ck_assert_str_eq(c->comments[0].quote, "正文");
	ck_assert_str_eq(c->intro, "2024年以来，……");
	nb_report_free(c);
}
END_TEST

START_TEST(test_free_null)
{
	nb_report_free(NULL);   /* must not crash */
	nb_report *r = nb_report_new();
	nb_report *c = nb_report_clone(r);   /* an empty report clones too */
	ck_assert_int_eq(c->nsections, 0);
	ck_assert_ptr_null(c->source_path);
	nb_report_free(r);
	nb_report_free(c);
}
END_TEST

static Suite *report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("model");
	tcase_add_test(tc, test_meta_set_get);
	tcase_add_test(tc, test_meta_fields_table);
	tcase_add_test(tc, test_report_year);
	tcase_add_test(tc, test_sections);
	tcase_add_test(tc, test_srcmap_lookup);
	tcase_add_test(tc, test_srcmap_many_entries);
	tcase_add_test(tc, test_comments);
	tcase_add_test(tc, test_clone_is_deep);
	tcase_add_test(tc, test_free_null);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(report_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
