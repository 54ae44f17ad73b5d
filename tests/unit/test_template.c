/* test_template.c — the built-in template's content, the strict loader, heading matching. */
#include "config.h"
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/check.h"
#include "nianbao/report.h"
#include "nianbao/template.h"

static nb_template *tpl;

static void setup(void)
{
	tpl = nb_template_builtin();
}

static void teardown(void)
{
	nb_template_free(tpl);
	tpl = NULL;
}

static const nb_item *find_item(const nb_tsection *s, const char *id)
{
	for (size_t i = 0; i < s->nitems; i++)
		if (strcmp(s->items[i].id, id) == 0)
			return &s->items[i];
	return NULL;
}

static bool has_evidence(const nb_item *it, const char *phrase)
{
	for (size_t i = 0; i < it->nevidence; i++)
		if (strcmp(it->evidence[i], phrase) == 0)
			return true;
	return false;
}

/* ---- built-in content ---- */

START_TEST(builtin_identity)
{
	ck_assert_str_eq(tpl->id, "fazhi-zhengfu-nianbao");
	ck_assert_str_eq(tpl->name, "法治政府建设年度报告");
	char *title = nb_template_expand(tpl->title_pattern, 2024, "某某街道办事处");
	ck_assert_str_eq(title, "某某街道办事处关于2024年度法治政府建设情况的报告");
	free(title);
}
END_TEST

START_TEST(builtin_five_sections_in_order)
{
	static const char *ids[] = {"measures", "problems", "duty", "plan", "other"};
	ck_assert_uint_eq(tpl->nsections, 5);
	for (int i = 0; i < 5; i++) {
		ck_assert_str_eq(tpl->sections[i].id, ids[i]);
		ck_assert_int_eq(nb_template_section_index(tpl, ids[i]), i);
		ck_assert_ptr_eq(nb_template_section(tpl, ids[i]), &tpl->sections[i]);
		const nb_tsection *s = &tpl->sections[i];
		ck_assert_msg(strlen(s->guidance) > 60, "%s has real guidance", s->id);
		ck_assert_msg(strstr(s->basis, "《") != NULL, "%s cites a regulation", s->id);
		ck_assert_msg(s->nkeywords > 0, "%s has heading keywords", s->id);
		ck_assert_int_eq(s->optional, strcmp(ids[i], "other") == 0);
	}
	ck_assert_int_eq(nb_template_section_index(tpl, "nonesuch"), -1);
	ck_assert_ptr_null(nb_template_section(tpl, "nonesuch"));
	/* Titles carry the year the section is about. */
	char *m = nb_template_expand(nb_template_section(tpl, "measures")->title, 2023, NULL);
	char *p = nb_template_expand(nb_template_section(tpl, "plan")->title, 2023, NULL);
	ck_assert_ptr_nonnull(strstr(m, "2023年"));
	ck_assert_ptr_nonnull(strstr(p, "2024年"));
	ck_assert_ptr_nonnull(strstr(nb_template_section(tpl, "duty")->title, "第一责任人"));
	free(m);
	free(p);
}
END_TEST

START_TEST(builtin_every_item_is_checkable)
{
	size_t items = 0;
	for (size_t s = 0; s < tpl->nsections; s++)
		for (size_t i = 0; i < tpl->sections[s].nitems; i++) {
			const nb_item *it = &tpl->sections[s].items[i];
			items++;
			ck_assert_msg(it->nevidence > 0, "%s has evidence", it->id);
			ck_assert_msg(strstr(it->basis, "《") != NULL, "%s names its regulation", it->id);
			ck_assert_msg(it->label[0] && it->hint[0], "%s has label and hint", it->id);
			ck_assert_msg(it->threshold >= 1 && (size_t)it->threshold <= it->nevidence,
				      "%s threshold reachable", it->id);
		}
	ck_assert_uint_ge(items, 11);
}
END_TEST

START_TEST(builtin_duty_items)
{
	const nb_tsection *d = nb_template_section(tpl, "duty");
	ck_assert_ptr_nonnull(strstr(d->basis, "第一责任人职责规定"));
	struct { const char *id, *phrase; } want[] = {
		{"duty-in-person", "亲自部署"}, {"duty-in-person", "领导小组"},
		{"duty-meetings", "听取…汇报"}, {"duty-meetings", "专题研究"},
		{"duty-planning", "年度工作计划"}, {"duty-planning", "同部署"},
		{"duty-learning", "会前学法"},  {"duty-learning", "习近平法治思想"},
		{"duty-decisions", "合法性审查"}, {"duty-decisions", "法律顾问"},
		{"duty-shufa", "述职述法"},     {"duty-judiciary", "出庭应诉"},
		{"duty-judiciary", "不干预司法"},
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const nb_item *it = find_item(d, want[i].id);
		ck_assert_msg(it != NULL, "item %s", want[i].id);
		ck_assert_msg(has_evidence(it, want[i].phrase), "%s: %s", want[i].id, want[i].phrase);
		ck_assert_ptr_nonnull(strstr(it->basis, "第一责任人职责规定"));
	}
	ck_assert_uint_eq(d->nitems, 7);
}
END_TEST

START_TEST(builtin_problem_and_plan_items)
{
	const nb_tsection *p = nb_template_section(tpl, "problems");
	const nb_item *stated = find_item(p, "problems-stated");
	const nb_item *causes = find_item(p, "problems-causes");
	ck_assert_ptr_nonnull(stated);
	ck_assert_ptr_nonnull(causes);
	ck_assert(has_evidence(stated, "不足"));
	ck_assert(has_evidence(causes, "原因"));
	ck_assert(has_evidence(causes, "究其原因"));
	/* A problem word must never count as a cause. */
	for (size_t i = 0; i < stated->nevidence; i++)
		ck_assert(!has_evidence(causes, stated->evidence[i]));

	const nb_tsection *plan = nb_template_section(tpl, "plan");
	const nb_item *year = find_item(plan, "plan-next-year");
	ck_assert_ptr_nonnull(year);
	ck_assert(year->next_year);
	char *phrase = nb_template_expand(year->evidence[0], 2023, NULL);
	ck_assert_str_eq(phrase, "2024年");
	free(phrase);
	const nb_item *measures = find_item(plan, "plan-measures");
	ck_assert_ptr_nonnull(measures);
	ck_assert_int_ge(measures->threshold, 2);
}
END_TEST

START_TEST(builtin_items_judge_written_text)
{
	const nb_tsection *p = nb_template_section(tpl, "problems");
	const nb_item *stated = find_item(p, "problems-stated");
	const nb_item *causes = find_item(p, "problems-causes");
	/* Problems written the way clerks write them, without the word 问题. */
	const char *only_problems = "1.执法人员力量配备不够充足。2.普法形式缺乏创新，群众参与度有待提高。";
	ck_assert(nb_item_covered(stated, only_problems, 2023));
	ck_assert(!nb_item_covered(causes, only_problems, 2023));
	const char *with_causes = "普法形式单一。究其原因，主要是对新媒体运用重视不够。";
	ck_assert(nb_item_covered(causes, with_causes, 2023));

	const nb_tsection *d = nb_template_section(tpl, "duty");
	const char *meeting = "区长主持召开政府常务会议4次，听取法治政府建设工作汇报。";
	ck_assert(nb_item_covered(find_item(d, "duty-meetings"), meeting, 2023));
	ck_assert(!nb_item_covered(find_item(d, "duty-judiciary"), meeting, 2023));
	ck_assert(nb_item_covered(find_item(d, "duty-planning"), "将法治建设纳入年度工作计划。", 2023));

	const nb_tsection *plan = nb_template_section(tpl, "plan");
	const nb_item *year = find_item(plan, "plan-next-year");
	ck_assert(nb_item_covered(year, "2024年，我镇将制定行政执法公示办法。", 2023));
	ck_assert(!nb_item_covered(year, "下一步，我镇将制定行政执法公示办法。", 2023));
	ck_assert(!nb_item_covered(year, "2023年，我镇制定了行政执法公示办法。", 2023));
	const nb_item *measures = find_item(plan, "plan-measures");
	ck_assert(nb_item_covered(measures, "制定权责清单，组织执法培训两次。", 2023));
	ck_assert(!nb_item_covered(measures, "进一步提高认识。", 2023));
}
END_TEST

START_TEST(builtin_meta_and_deadlines)
{
	static const char *types[] = {"乡镇", "街道", "县级政府", "县级部门", "社区", "其他"};
	ck_assert_uint_eq(tpl->nunit_types, 6);
	for (int i = 0; i < 6; i++)
		ck_assert_str_eq(tpl->unit_types[i], types[i]);
	/* Every declared type has a due date: its own entry or the "*" fallback. */
	bool any = false;
	for (size_t i = 0; i < tpl->ndeadlines; i++) {
		const nb_deadline *d = &tpl->deadlines[i];
		ck_assert_int_eq(d->month, 3);
		ck_assert_int_eq(d->day, 1);
		ck_assert_ptr_nonnull(strstr(d->basis, "督察工作规定"));
		any |= strcmp(d->unit_type, "*") == 0;
	}
	ck_assert(any);
	static const char *meta[] = {"unit", "year", "title", "recipient", "signature", "date"};
	for (size_t m = 0; m < 6; m++) {
		bool found = false;
		for (size_t i = 0; i < tpl->nrequired_meta; i++)
			found |= strcmp(tpl->required_meta[i], meta[m]) == 0;
		ck_assert_msg(found, "%s is required", meta[m]);
	}
	for (size_t i = 0; i < tpl->nrequired_meta; i++)
		ck_assert_int_ge(nb_meta_field_by_key(tpl->required_meta[i]), 0);
}
END_TEST

/* ---- heading matching ---- */

static const struct {
	const char *heading, *section; /* NULL section: not a template part */
} headings[] = {
	{"主要举措和成效", "measures"},
	{"一、主要举措和成效", "measures"},
	{"　　一、成绩清单 ", "measures"},
	{"一、学习贯彻习近平法治思想情况", "measures"},
	{"二、履行推进法治建设职责情况", "measures"},
	{"工作成效", "measures"},
	{"问题和不足", "problems"},
	{"三、存在的问题", "problems"},
	{"二、问题清单", "problems"},
	{"存在的不足和原因", "problems"},
	{"存在问题及原因", "problems"},
	{"三、党政主要负责人 2022 年推进法治建设第一责任人有关情况", "duty"},
	{"一、区政府主要负责同志履行推进法治建设第一责任人职责情况", "duty"},
	{"党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的有关情况", "duty"},
	{"## 四、下一步工作打算", "plan"},
	{"四、2023年工作计划", "plan"},
	{"三、任务清单", "plan"},
	{"下一年度推进法治政府建设的主要安排", "plan"},
	{"下一步工作思路", "plan"},
	{"**五、2025年工作安排**", "plan"},
	{"（五）其他需要报告的情况", "other"},
	{"第五部分 其他需要报告的情况", "other"},
	/* Wordings not seen in the sample drafts. */
	{"一、2022年法治政府建设工作情况", "measures"},
	{"一、法治政府建设工作开展情况及成效", "measures"},
	{"一、目标任务完成情况", "measures"},
	{"二、存在的困难和问题", "problems"},
	{"二、面临的困难", "problems"},
	{"二、存在的不足及原因分析", "problems"},
	{"三、第一责任人履职情况", "duty"},
	{"三、“一把手”带头述法情况", "duty"},
	{"三、主要负责人履行第一责任人职责，加强法治政府建设情况", "duty"},
	{"四、下步工作计划", "plan"},
	{"四、今后工作打算", "plan"},
	{"4. 2024年推进法治政府建设的主要安排", "plan"},
	{"五、其他事项", "other"},
	{"附件", NULL},
	{"（一）加强组织领导", NULL},
	{"专项工作", NULL},
	{"", NULL},
};

START_TEST(heading_matching)
{
	const char *h = headings[_i].heading, *want = headings[_i].section;
	const nb_tsection *got = nb_template_match_heading(tpl, h);
	if (!want)
		ck_assert_msg(got == NULL, "'%s' should match nothing, got %s", h, got ? got->id : "");
	else
		ck_assert_msg(got && strcmp(got->id, want) == 0, "'%s' → %s, got %s", h, want,
			      got ? got->id : "nothing");
}
END_TEST

START_TEST(heading_matches_canonical_titles)
{
	/* The template's own titles, as the editor writes them, map back to their sections. */
	for (size_t i = 0; i < tpl->nsections; i++) {
		char *title = nb_template_expand(tpl->sections[i].title, 2024, NULL);
		const nb_tsection *got = nb_template_match_heading(tpl, title);
		ck_assert_msg(got == &tpl->sections[i], "%s", title);
		free(title);
	}
}
END_TEST

/* ---- loading other templates ---- */

static nb_template *load_text(const char *yaml, nb_error *err)
{
	return nb_template_load(yaml, strlen(yaml), "t.yaml", err);
}

START_TEST(load_template_file)
{
	nb_error err = {{0}};
	nb_template *t = nb_template_load_file(NB_TEST_DATA "/template/custom.yaml", &err);
	ck_assert_msg(t != NULL, "%s", err.msg);
	ck_assert_str_eq(t->id, "custom-sanbufen");
	ck_assert_int_eq(t->version, 2);
	ck_assert_uint_eq(t->nsections, 3);
	ck_assert(t->sections[2].optional);
	ck_assert_int_eq(t->sections[0].min_chars, 100);
	/* An item without its own basis inherits the section's. */
	ck_assert_str_eq(t->sections[1].items[0].basis, "区委依法治区办通知");
	ck_assert_int_eq(t->sections[1].items[0].threshold, 1);
	ck_assert_uint_eq(t->ndeadlines, 1);
	ck_assert_int_eq(t->deadlines[0].month, 1);
	ck_assert_int_eq(t->deadlines[0].day, 31);
	/* Plain keyword lists: any single word identifies the section. */
	ck_assert_str_eq(nb_template_match_heading(t, "二、存在不足")->id, "problems");
	ck_assert_str_eq(nb_template_match_heading(t, "三、明年打算")->id, "plan");
	ck_assert_ptr_null(nb_template_match_heading(t, "附件"));
	nb_template_free(t);
}
END_TEST

START_TEST(load_missing_file)
{
	nb_error err = {{0}};
	ck_assert_ptr_null(nb_template_load_file(NB_TEST_DATA "/template/nonesuch.yaml", &err));
	ck_assert_ptr_nonnull(strstr(err.msg, "nonesuch.yaml"));
}
END_TEST

static void assert_file_error(const char *file, const char *line, const char *words)
{
	char path[512];
	snprintf(path, sizeof path, "%s/template/%s", NB_TEST_DATA, file);
	nb_error err = {{0}};
	nb_template *t = nb_template_load_file(path, &err);
	ck_assert_msg(t == NULL, "%s loaded", file);
	char where[600];
	snprintf(where, sizeof where, "%s:%s:", path, line);
	ck_assert_msg(strncmp(err.msg, where, strlen(where)) == 0, "'%s' starts with '%s'", err.msg,
		      where);
	ck_assert_msg(strstr(err.msg, words) != NULL, "'%s' mentions '%s'", err.msg, words);
}

START_TEST(bad_files_name_line_and_problem)
{
	assert_file_error("bad-type.yaml", "7", "min_chars");
	assert_file_error("bad-key.yaml", "10", "evidance");
	assert_file_error("bad-alias.yaml", "4", "anchor");
}
END_TEST

START_TEST(bad_templates_inline)
{
	static const struct {
		const char *yaml, *words;
	} cases[] = {
		{"id: x\nname: y\ntitle_pattern: z\nsections:\n  - id: a\n    title: b\n    keywords: *k\n",
		 "alias"},
		{"id: x\nname: y\ntitle_pattern: z\nsections: 3\n", "'sections' must be a list"},
		{"id: x\nname: y\ntitle_pattern: z\nsections: []\n", "empty"},
		{"name: y\ntitle_pattern: z\nsections:\n  - id: a\n    title: b\n", "no 'id'"},
		{"id: x\nname: y\ntitle_pattern: z\nsections:\n  - title: b\n", "no 'id'"},
		{"id: x\nname: y\ntitle_pattern: z\nsections:\n  - id: a\n    title: b\n  - id: a\n    title: c\n",
		 "used twice"},
		{"id: x\nname: y\ntitle_pattern: z\nsections:\n  - id: a\n    title: b\n    optional: maybe\n",
		 "true or false"},
		{"id: x\nname: y\ntitle_pattern: z\nsections:\n  - id: a\n    title: b\n    items:\n"
		 "      - id: i\n        label: l\n        evidence: []\n", "empty"},
		{"id: x\nname: y\ntitle_pattern: z\nsections:\n  - id: a\n    title: b\n    items:\n"
		 "      - id: i\n        label: l\n        evidence: [p]\n        threshold: 2\n",
		 "threshold"},
		{"id: x\nname: y\ntitle_pattern: z\nsections:\n  - id: a\n    title: b\n    keywords: {问题: 0}\n",
		 "weight"},
		{"id: x\nname: y\ntitle_pattern: z\nrequired_meta: [unit, sigature]\nsections:\n  - id: a\n    title: b\n",
		 "sigature"},
		{"id: x\nname: y\ntitle_pattern: z\nunit_types: [乡镇]\ndeadlines:\n  - {unit_type: 街道, month: 3, day: 1}\n"
		 "sections:\n  - id: a\n    title: b\n", "街道"},
		{"id: x\nname: y\ntitle_pattern: z\ndeadlines:\n  - {unit_type: '*', month: 2, day: 30}\n"
		 "sections:\n  - id: a\n    title: b\n", "not a date"},
		{"id: x\nid: y\n", "twice"},
		{"format: 2\nid: x\n", "format"},
		{"- just\n- a list\n", "mapping"},
		{"id: [unclosed\n", "syntax"},
		{"", "empty"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		nb_error err = {{0}};
		nb_template *t = load_text(cases[i].yaml, &err);
		ck_assert_msg(t == NULL, "case %zu loaded", i);
		ck_assert_msg(strncmp(err.msg, "t.yaml", 6) == 0, "case %zu: '%s' names the file", i,
			      err.msg);
		ck_assert_msg(strstr(err.msg, cases[i].words) != NULL, "case %zu: '%s' lacks '%s'", i,
			      err.msg, cases[i].words);
	}
}
END_TEST

START_TEST(hostile_nesting_refused)
{
	nb_sb sb = {0};
	nb_sb_adds(&sb, "id: x\nname: y\ntitle_pattern: z\nsections: ");
	for (int i = 0; i < 5000; i++)
		nb_sb_addc(&sb, '[');
	nb_error err = {{0}};
	ck_assert_ptr_null(nb_template_load(sb.s, sb.len, "deep.yaml", &err));
	ck_assert_ptr_nonnull(strstr(err.msg, "deep.yaml"));
	nb_sb_free(&sb);
}
END_TEST

START_TEST(truncated_builtin_fails_cleanly)
{
	/* A template cut off anywhere (a half-copied file) loads or fails with a message; never
	 * crashes. Cuts inside the last section may still be a valid, shorter template. */
	size_t len = nb_builtin_template_yaml_len, failures = 0;
	for (size_t cut = 0; cut < len; cut += 13) {
		nb_error err = {{0}};
		nb_template *t = nb_template_load(nb_builtin_template_yaml, cut, "cut.yaml", &err);
		if (!t) {
			failures++;
			ck_assert_msg(strncmp(err.msg, "cut.yaml", 8) == 0, "cut %zu: '%s'", cut, err.msg);
		}
		nb_template_free(t);
	}
	ck_assert_uint_gt(failures, 0);
}
END_TEST

START_TEST(expand_patterns)
{
	char *s = nb_template_expand("{unit}关于{year}年度…{next_year}年{other}", 2024, "某镇");
	ck_assert_str_eq(s, "某镇关于2024年度…2025年{other}");
	free(s);
	s = nb_template_expand("{unit}{year}年", 0, NULL);
	ck_assert_str_eq(s, "{year}年");
	free(s);
}
END_TEST

static Suite *template_suite(void)
{
	Suite *s = suite_create("template");
	TCase *tc = tcase_create("builtin");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, builtin_identity);
	tcase_add_test(tc, builtin_five_sections_in_order);
	tcase_add_test(tc, builtin_every_item_is_checkable);
	tcase_add_test(tc, builtin_duty_items);
	tcase_add_test(tc, builtin_problem_and_plan_items);
	tcase_add_test(tc, builtin_items_judge_written_text);
	tcase_add_test(tc, builtin_meta_and_deadlines);
	tcase_add_loop_test(tc, heading_matching, 0, (int)(sizeof headings / sizeof headings[0]));
	tcase_add_test(tc, heading_matches_canonical_titles);
	suite_add_tcase(s, tc);
	TCase *tl = tcase_create("loader");
	tcase_add_test(tl, load_template_file);
	tcase_add_test(tl, load_missing_file);
	tcase_add_test(tl, bad_files_name_line_and_problem);
	tcase_add_test(tl, bad_templates_inline);
	tcase_add_test(tl, hostile_nesting_refused);
	tcase_add_test(tl, truncated_builtin_fails_cleanly);
	tcase_add_test(tl, expand_patterns);
	suite_add_tcase(s, tl);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(template_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
