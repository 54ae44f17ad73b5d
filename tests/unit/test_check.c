/* test_check.c — the checker: each rule fires on a report with the defect and stays quiet on one
 * without it; positions come from the source maps; re-checking one section agrees with a full
 * check; rules can be switched off; text and JSON output. */
#include "config.h"
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/check.h"
#include "nianbao/load.h"
#include "nianbao/report.h"
#include "nianbao/template.h"
#include "nianbao/util.h"
#include "../../src/core/check_rules.h"

/* ---- fixtures ---- */

/* A small template, so item tests do not depend on the wording of the built-in one. */
static const char small_template_yaml[] =
	"format: 1\n"
	"id: test-template\n"
	"name: 测试模板\n"
	"version: 1\n"
	"title_pattern: \"{unit}关于{year}年度法治政府建设情况的报告\"\n"
	"unit_types: [乡镇, 街道]\n"
	"deadlines:\n"
	"  - unit_type: 乡镇\n"
	"    month: 2\n"
	"    day: 15\n"
	"    basis: 《某县乡镇年度报告报送办法》\n"
	"  - unit_type: \"*\"\n"
	"    month: 3\n"
	"    day: 1\n"
	"    basis: 《法治政府建设与责任落实督察工作规定》\n"
	"publication_deadlines:\n"
	"  - unit_type: \"*\"\n"
	"    month: 4\n"
	"    day: 1\n"
	"    basis: 《法治政府建设与责任落实督察工作规定》\n"
	"required_meta: [unit, year, title, date, publish_channel]\n"
	"sections:\n"
	"  - id: measures\n"
	"    title: \"{year}年度主要举措和成效\"\n"
	"    basis: 《法治政府建设与责任落实督察工作规定》\n"
	"    guidance: 写举措和成效。\n"
	"    keywords: [举措, 成效]\n"
	"    min_chars: 10\n"
	"    items:\n"
	"      - id: measures-training\n"
	"        label: 学习培训\n"
	"        basis: 《法治政府建设实施纲要（2021—2025年）》\n"
	"        hint: 写明学习培训的次数和范围。\n"
	"        evidence: [学习, 培训, 讲座]\n"
	"        threshold: 2\n"
	"  - id: problems\n"
	"    title: \"{year}年度存在的不足和原因\"\n"
	"    basis: 《法治政府建设与责任落实督察工作规定》\n"
	"    guidance: 写问题和原因。\n"
	"    keywords: [问题, 不足]\n"
	"    min_chars: 10\n"
	"    items:\n"
	"      - id: problems-stated\n"
	"        label: 写明存在的问题\n"
	"        basis: 《法治政府建设与责任落实督察工作规定》\n"
	"        hint: 逐条写出问题。\n"
	"        evidence: [问题, 不足]\n"
	"      - id: problems-causes\n"
	"        label: 分析问题产生的原因\n"
	"        basis: 《法治政府建设与责任落实督察工作规定》\n"
	"        hint: 在问题之后写明原因。\n"
	"        evidence: [原因, 根源]\n"
	"  - id: duty\n"
	"    title: \"{year}年度党政主要负责人履行推进法治建设第一责任人职责的情况\"\n"
	"    basis: 《法治政府建设与责任落实督察工作规定》\n"
	"    guidance: 写主要负责人本人做了什么。\n"
	"    keywords: [第一责任人]\n"
	"    min_chars: 10\n"
	"    items:\n"
	"      - id: duty-meetings\n"
	"        label: 听取汇报、研究重大问题\n"
	"        basis: 《党政主要负责人履行推进法治建设第一责任人职责规定》\n"
	"        hint: 写听取法治建设汇报的次数。\n"
	"        evidence: [\"听取…汇报\", 专题研究]\n"
	"      - id: duty-shufa\n"
	"        label: 述法\n"
	"        basis: 《党政主要负责人履行推进法治建设第一责任人职责规定》\n"
	"        hint: 写年终述职中的述法情况。\n"
	"        evidence: [述法]\n"
	"  - id: plan\n"
	"    title: \"{next_year}年度主要安排\"\n"
	"    basis: 《法治政府建设与责任落实督察工作规定》\n"
	"    guidance: 写下一年度的安排。\n"
	"    keywords: [计划, 安排]\n"
	"    min_chars: 10\n"
	"    items:\n"
	"      - id: plan-next-year\n"
	"        label: 写明下一年度\n"
	"        basis: 《法治政府建设与责任落实督察工作规定》\n"
	"        hint: 写明年份。\n"
	"        evidence: [\"{next_year}年\"]\n"
	"        next_year: true\n"
	"  - id: other\n"
	"    title: 其他需要报告的情况\n"
	"    basis: 《法治政府建设与责任落实督察工作规定》\n"
	"    guidance: 没有可以不写。\n"
	"    keywords: [其他]\n"
	"    optional: true\n"
	"    min_chars: 0\n";

static nb_template *small_template(void)
{
	nb_error err = {{0}};
	nb_template *t = nb_template_load(small_template_yaml, strlen(small_template_yaml), "test", &err);
	ck_assert_msg(t != NULL, "small template: %s", err.msg);
	return t;
}

static const char MEASURES[] =
	"组织干部集中学习习近平法治思想4次，举办法治培训2期，开展讲座3场，覆盖干部职工120人次。";
static const char PROBLEMS[] =
	"一是普法形式单一，覆盖面不够广。二是执法人员力量不足。究其原因，主要是对新媒体普法研究不够。";
static const char DUTY[] =
	"主要负责人主持召开党工委会议听取法治建设工作汇报4次，专题研究重大问题3个，在年终述职中专门述法。";
static const char PLAN[] =
	"2024年，计划组织法治培训4期，完成合法性审查队伍建设。";

/* A complete report for the small template; sections carry input lines as if imported:
 * title line 3, date line 40, headings at 10, 14, 18, 22 with bodies on the next line. */
static nb_report *small_report(void)
{
	nb_report *r = nb_report_new();
	nb_report_set_meta(r, NB_META_UNIT, "青山街道办事处");
	nb_report_set_meta(r, NB_META_UNIT_TYPE, "街道");
	nb_report_set_meta(r, NB_META_YEAR, "2023");
	nb_report_set_meta(r, NB_META_TITLE, "青山街道办事处关于2023年度法治政府建设情况的报告");
	nb_report_set_meta(r, NB_META_DATE, "2024年2月20日");
	nb_report_set_meta(r, NB_META_PUBLISH_CHANNEL, "青山区人民政府网站");
	r->meta_line[NB_META_TITLE] = 3;
	r->meta_line[NB_META_DATE] = 40;
	static const struct { const char *id, *heading, *body; } parts[] = {
		{"measures", "一、2023年主要举措和成效", MEASURES},
		{"problems", "二、存在的不足和原因", PROBLEMS},
		{"duty", "三、党政主要负责人履行推进法治建设第一责任人职责情况", DUTY},
		{"plan", "四、2024年工作安排", PLAN},
	};
	for (int i = 0; i < 4; i++) {
		nb_section *s = nb_report_add_section(r, parts[i].id, parts[i].heading, parts[i].body);
		s->heading_line = 10 + 4 * i;
		nb_srcmap_add(&s->map, &s->nmap, 0, 11 + 4 * i, 3);
	}
	return r;
}

static size_t count_rule(const nb_findings *f, const char *rule)
{
	size_t n = 0;
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->v[i].rule, rule) == 0)
			n++;
	return n;
}

static const nb_finding *find_rule(const nb_findings *f, const char *rule)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->v[i].rule, rule) == 0)
			return &f->v[i];
	return NULL;
}

/* All findings in one string, for failure messages. */
static char *dump(const nb_findings *f)
{
	return nb_findings_format_text(f, "r");
}

/* A fresh check into `out` (nb_check_report appends). */
static void check(const nb_report *r, const nb_template *t, const nb_check_opts *o, nb_findings *out)
{
	nb_findings_clear(out);
	nb_check_report(r, t, o, out);
}

#define ASSERT_NO_FINDINGS(f)                                                    \
	do {                                                                     \
		char *d_ = dump(f);                                              \
		ck_assert_msg((f)->n == 0, "expected no findings, got:\n%s", d_); \
		free(d_);                                                        \
	} while (0)

#define ASSERT_COUNT(f, rule, n)                                                        \
	do {                                                                            \
		char *d_ = dump(f);                                                     \
		ck_assert_msg(count_rule(f, rule) == (n), "expected %d x %s, got:\n%s", \
			      (int)(n), rule, d_);                                      \
		free(d_);                                                               \
	} while (0)

/* ---- registry ---- */

START_TEST(test_registry)
{
	const char *ids[] = {"section-missing", "section-empty", "section-order", "item-missing",
			     "cause-missing", "meta-missing", "year-mismatch", "deadline"};
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		const nb_rule_info *ri = nb_rule_find(ids[i]);
		ck_assert_msg(ri != NULL, "rule %s not registered", ids[i]);
		ck_assert(strlen(ri->summary) > 0);
	}
	for (size_t i = 0; i < nb_nrules; i++)
		for (size_t j = i + 1; j < nb_nrules; j++)
			ck_assert_str_ne(nb_rules[i].id, nb_rules[j].id);
	ck_assert_ptr_null(nb_rule_find("no-such-rule"));
	ck_assert_int_eq(nb_rule_find("section-order")->severity, NB_SEV_INFO);
	ck_assert_int_eq(nb_rule_find("section-missing")->severity, NB_SEV_ERROR);
	ck_assert_str_eq(nb_severity_name(NB_SEV_ERROR), "error");
	ck_assert_str_eq(nb_severity_name(NB_SEV_WARNING), "warning");
	ck_assert_str_eq(nb_severity_name(NB_SEV_INFO), "info");
}
END_TEST

/* ---- a clean report ---- */

START_TEST(test_clean_small_report)
{
	nb_template *t = small_template();
	nb_report *r = small_report();
	nb_findings f = {0};
	check(r, t, NULL, &f);
	ASSERT_NO_FINDINGS(&f);
	nb_findings_free(&f);
	nb_report_free(r);
	nb_template_free(t);
}
END_TEST

/* ---- section-missing ---- */

START_TEST(test_section_missing_duty)
{
	nb_template *t = nb_template_builtin();
	nb_report *r = nb_report_new();
	nb_report_set_meta(r, NB_META_YEAR, "2023");
	nb_report_add_section(r, "measures", "一、主要举措和成效", MEASURES);
	nb_report_add_section(r, "problems", "二、存在的问题", PROBLEMS);
	nb_report_add_section(r, "plan", "三、2024年工作计划", PLAN);
	nb_findings f = {0};
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "section-missing", 1);
	const nb_finding *x = find_rule(&f, "section-missing");
	ck_assert_int_eq(x->severity, NB_SEV_ERROR);
	ck_assert_int_eq(x->line, 0);
	ck_assert_int_eq(x->section, -1);
	/* Says plainly which part is missing, on which basis, and what it must cover. */
	ck_assert_ptr_nonnull(strstr(x->message, "党政主要负责人履行推进法治建设第一责任人职责"));
	ck_assert_ptr_nonnull(strstr(x->message, "《党政主要负责人履行推进法治建设第一责任人职责规定》"));
	ck_assert_ptr_nonnull(strstr(x->message, "述法"));
	ck_assert_ptr_nonnull(x->suggestion);
	/* The optional part (其他需要报告的情况) is never demanded. */
	ck_assert_ptr_null(strstr(x->message, "其他需要报告"));
	nb_findings_free(&f);
	nb_report_free(r);
	nb_template_free(t);
}
END_TEST

START_TEST(test_section_missing_not_when_present)
{
	nb_template *t = small_template();
	nb_report *r = small_report();
	nb_findings f = {0};
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "section-missing", 0);
	/* Remove the mapping of the duty part: now it is missing. */
	free(r->sections[2].id);
	r->sections[2].id = NULL;
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "section-missing", 1);
	ck_assert_ptr_nonnull(strstr(find_rule(&f, "section-missing")->message, "第一责任人"));
	nb_findings_free(&f);
	nb_report_free(r);
	nb_template_free(t);
}
END_TEST

/* ---- section-empty ---- */

START_TEST(test_section_empty)
{
	nb_template *t = small_template();
	nb_report *r = small_report();
	nb_section_set_body(&r->sections[2], "很好。");
	nb_findings f = {0};
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "section-empty", 1);
	const nb_finding *x = find_rule(&f, "section-empty");
	ck_assert_int_eq(x->severity, NB_SEV_ERROR);
	ck_assert_int_eq(x->section, 2);
	ck_assert_int_eq(x->line, 18);   /* the heading's line */
	ck_assert_int_eq(x->col, 1);
	/* An empty part's items are not listed again. */
	ASSERT_COUNT(&f, "item-missing", 0);
	ASSERT_COUNT(&f, "section-missing", 0);
	nb_findings_free(&f);
	nb_report_free(r);
	nb_template_free(t);
}
END_TEST

/* A draft may write one part as two (two measures-type parts): their text counts together. */
START_TEST(test_split_part_aggregated)
{
	nb_template *t = small_template();
	nb_report *r = small_report();
	nb_section_set_body(&r->sections[0], "组织全体干部集中学习法律法规4次。");
	nb_section *extra = nb_report_add_section(r, "measures", "五、法治宣传", "举办法治培训2期。");
	extra->heading_line = 30;
	/* Out of order now (a measures part after the plan), but neither empty nor missing items. */
	nb_findings f = {0};
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "section-empty", 0);
	ASSERT_COUNT(&f, "item-missing", 0);
	/* Without the second part the first alone lacks 培训: the item is missing. */
	r->nsections--;
	free(extra->id);
	free(extra->heading);
	free(extra->body);
	free(extra->map);
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "item-missing", 1);
	nb_findings_free(&f);
	nb_report_free(r);
	nb_template_free(t);
}
END_TEST

/* The optional part may be present with next to nothing in it. */
START_TEST(test_optional_part_never_empty)
{
	nb_template *t = small_template();
	nb_report *r = small_report();
	nb_section *o = nb_report_add_section(r, "other", "五、其他需要报告的情况", "");
	o->heading_line = 30;
	nb_findings f = {0};
	check(r, t, NULL, &f);
	ASSERT_NO_FINDINGS(&f);
	nb_findings_free(&f);
	nb_report_free(r);
	nb_template_free(t);
}
END_TEST

/* Without a report year, titles in messages leave the year out rather than print a bogus one. */
START_TEST(test_messages_without_year)
{
	nb_template *t = small_template();
	nb_report *r = small_report();
	nb_report_set_meta(r, NB_META_YEAR, NULL);
	free(r->sections[2].id);
	r->sections[2].id = NULL;
	nb_findings f = {0};
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "section-missing", 1);
	const char *m = find_rule(&f, "section-missing")->message;
	ck_assert_ptr_nonnull(strstr(m, "“党政主要负责人履行推进法治建设第一责任人职责的情况”"));
	ck_assert_ptr_null(strstr(m, "{year}"));
	ck_assert_ptr_null(strstr(m, "0年"));
	nb_findings_free(&f);
	nb_report_free(r);
	nb_template_free(t);
}
END_TEST

/* ---- section-order ---- */

static void swap_sections(nb_report *r, size_t a, size_t b)
{
	nb_section tmp = r->sections[a];
	r->sections[a] = r->sections[b];
	r->sections[b] = tmp;
}

START_TEST(test_section_order)
{
	nb_template *t = small_template();
	nb_report *r = small_report();
	nb_findings f = {0};
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "section-order", 0);

	swap_sections(r, 0, 1);   /* problems before measures */
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "section-order", 1);
	const nb_finding *x = find_rule(&f, "section-order");
	ck_assert_int_eq(x->severity, NB_SEV_INFO);
	ck_assert_ptr_null(strstr(x->message, "可以接受"));
	nb_findings_free(&f);
	nb_report_free(r);
	nb_template_free(t);
}
END_TEST

START_TEST(test_section_order_duty_first_accepted)
{
	nb_template *t = small_template();
	nb_report *r = small_report();
	/* measures, problems, duty, plan → duty, measures, problems, plan */
	swap_sections(r, 2, 1);
	swap_sections(r, 1, 0);
	ck_assert_str_eq(r->sections[0].id, "duty");
	nb_findings f = {0};
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "section-order", 1);
	const nb_finding *x = find_rule(&f, "section-order");
	ck_assert_int_eq(x->severity, NB_SEV_INFO);
	ck_assert_int_eq(x->section, 0);
	ck_assert_ptr_nonnull(strstr(x->message, "可以接受"));
	ASSERT_COUNT(&f, "section-missing", 0);

	/* Second, before the problems part: still the 第一责任人 part moved forward, still accepted,
	 * and the problems part is not blamed for it. Now: measures, duty, problems, plan. */
	swap_sections(r, 0, 1);
	ck_assert_str_eq(r->sections[1].id, "duty");
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "section-order", 1);
	x = find_rule(&f, "section-order");
	ck_assert_int_eq(x->section, 1);
	ck_assert_ptr_nonnull(strstr(x->message, "可以接受"));

	/* After the plan it is simply out of place. Now: measures, problems, plan, duty. */
	swap_sections(r, 1, 2);
	swap_sections(r, 2, 3);
	ck_assert_str_eq(r->sections[3].id, "duty");
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "section-order", 1);
	x = find_rule(&f, "section-order");
	ck_assert_int_eq(x->section, 3);
	ck_assert_ptr_null(strstr(x->message, "可以接受"));
	nb_findings_free(&f);
	nb_report_free(r);
	nb_template_free(t);
}
END_TEST

/* ---- item-missing ---- */

START_TEST(test_item_missing)
{
	nb_template *t = small_template();
	nb_report *r = small_report();
	nb_section_set_body(&r->sections[2],
			    "主要负责人主持召开党工委会议听取法治建设工作汇报4次，专题研究重大问题3个。");
	nb_findings f = {0};
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "item-missing", 1);
	const nb_finding *x = find_rule(&f, "item-missing");
	ck_assert_int_eq(x->severity, NB_SEV_WARNING);
	ck_assert_int_eq(x->section, 2);
	ck_assert_int_eq(x->line, 18);
	ck_assert_ptr_nonnull(strstr(x->message, "述法"));
	ck_assert_ptr_nonnull(strstr(x->message, "《党政主要负责人履行推进法治建设第一责任人职责规定》"));
	ck_assert_str_eq(x->suggestion, "写年终述职中的述法情况。");
	nb_findings_free(&f);
	nb_report_free(r);
	nb_template_free(t);
}
END_TEST

START_TEST(test_item_threshold)
{
	nb_template *t = small_template();
	nb_report *r = small_report();
	/* measures-training needs two distinct phrases: 学习 twice is still one. */
	nb_section_set_body(&r->sections[0], "组织干部学习法律法规，学习习近平法治思想，效果良好。");
	nb_findings f = {0};
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "item-missing", 1);
	ck_assert_ptr_nonnull(strstr(find_rule(&f, "item-missing")->message, "学习培训"));
	nb_section_set_body(&r->sections[0], "组织干部学习法律法规，举办培训两期，效果良好。");
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "item-missing", 0);
	nb_findings_free(&f);
	nb_report_free(r);
	nb_template_free(t);
}
END_TEST

START_TEST(test_item_covered_gap_phrases)
{
	nb_template *t = small_template();
	const nb_tsection *duty = nb_template_section(t, "duty");
	ck_assert_ptr_nonnull(duty);
	const nb_item *meetings = &duty->items[0];
	ck_assert_str_eq(meetings->id, "duty-meetings");
	ck_assert(nb_item_covered(meetings, "书记听取法治建设工作汇报两次", 2023));
	ck_assert(nb_item_covered(meetings, "本年度专题研究法治工作", 2023));
	/* The gap stays inside one sentence. */
	ck_assert(!nb_item_covered(meetings, "书记听取意见。法治建设工作汇报材料已报送", 2023));
	ck_assert(!nb_item_covered(meetings, "汇报听取", 2023));
	ck_assert(!nb_item_covered(meetings, "", 2023));
	nb_template_free(t);
}
END_TEST

/* ---- plan names the next year ---- */

START_TEST(test_plan_next_year)
{
	nb_template *t = small_template();
	nb_report *r = small_report();
	nb_section_set_body(&r->sections[3], "下一步，计划组织法治培训4期，完成合法性审查队伍建设。");
	free(r->sections[3].heading);
	r->sections[3].heading = nb_xstrdup("四、下一步工作打算");
	nb_findings f = {0};
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "item-missing", 1);
	const nb_finding *x = find_rule(&f, "item-missing");
	ck_assert_int_eq(x->section, 3);
	ck_assert_ptr_nonnull(strstr(x->message, "2024年"));
	ASSERT_COUNT(&f, "year-mismatch", 0);
	/* The next year written with an extraction space, or in Chinese numerals, counts. */
	nb_section_set_body(&r->sections[3], "2024 年，计划组织法治培训4期。");
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "item-missing", 0);
	nb_section_set_body(&r->sections[3], "二〇二四年，计划组织法治培训4期。");
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "item-missing", 0);
	/* The report year itself is not the next year. */
	nb_section_set_body(&r->sections[3], "2023年已计划组织法治培训4期。");
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "item-missing", 1);
	nb_findings_free(&f);
	nb_report_free(r);
	nb_template_free(t);
}
END_TEST

/* ---- cause-missing ---- */

START_TEST(test_cause_missing)
{
	nb_template *t = small_template();
	nb_report *r = small_report();
	nb_section_set_body(&r->sections[1], "一是普法形式单一，覆盖面不够广。二是执法人员力量不足。");
	nb_srcmap_add(&r->sections[1].map, &r->sections[1].nmap, 0, 15, 3);
	nb_findings f = {0};
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "cause-missing", 1);
	ASSERT_COUNT(&f, "item-missing", 0);   /* not reported twice */
	const nb_finding *x = find_rule(&f, "cause-missing");
	ck_assert_int_eq(x->severity, NB_SEV_ERROR);
	ck_assert_int_eq(x->section, 1);
	/* At the problems as written (the body's first line), where the causes belong. */
	ck_assert_int_eq(x->place, NB_PLACE_BODY);
	ck_assert_int_eq(x->line, 15);
	ck_assert_int_eq(x->col, 3);
	ck_assert_ptr_nonnull(strstr(x->message, "原因"));
	ck_assert_ptr_nonnull(strstr(x->message, "《法治政府建设与责任落实督察工作规定》"));
	ck_assert_ptr_nonnull(x->suggestion);

	/* Silenced separately: no cause-missing, and it does not come back as item-missing. */
	const char *off[] = {"cause-missing", NULL};
	nb_check_opts o = {.disabled = off};
	check(r, t, &o, &f);
	ASSERT_COUNT(&f, "cause-missing", 0);
	ASSERT_COUNT(&f, "item-missing", 0);

	/* A heading that names causes gives none: the heading here is 存在的不足和原因. */
	ck_assert_ptr_nonnull(strstr(r->sections[1].heading, "原因"));

	/* A heading does show that problems are listed (二、问题清单), and the wording follows. */
	free(r->sections[1].heading);
	r->sections[1].heading = nb_xstrdup("二、问题清单");
	nb_section_set_body(&r->sections[1], "1.普法形式单一，覆盖面窄。2.执法人员力量较弱。");
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "cause-missing", 1);
	ASSERT_COUNT(&f, "item-missing", 0);
	ck_assert_ptr_nonnull(strstr(find_rule(&f, "cause-missing")->message, "列出了问题"));
	/* Newly typed text has no source map: the finding points at the heading instead. */
	ck_assert_int_eq(find_rule(&f, "cause-missing")->place, NB_PLACE_HEADING);
	ck_assert_int_eq(find_rule(&f, "cause-missing")->line, 14);
	free(r->sections[1].heading);
	r->sections[1].heading = nb_xstrdup("二、工作短板");
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "item-missing", 1);
	ASSERT_COUNT(&f, "cause-missing", 1);
	ck_assert_ptr_null(strstr(find_rule(&f, "cause-missing")->message, "列出了问题"));

	/* With causes, nothing. */
	nb_section_set_body(&r->sections[1], PROBLEMS);
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "cause-missing", 0);
	nb_findings_free(&f);
	nb_report_free(r);
	nb_template_free(t);
}
END_TEST

/* ---- meta-missing ---- */

START_TEST(test_meta_missing)
{
	nb_template *t = small_template();
	nb_report *r = small_report();
	nb_report_set_meta(r, NB_META_DATE, NULL);
	nb_report_set_meta(r, NB_META_PUBLISH_CHANNEL, "  ");
	nb_findings f = {0};
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "meta-missing", 2);
	bool saw_date = false, saw_channel = false;
	for (size_t i = 0; i < f.n; i++) {
		const nb_finding *x = &f.v[i];
		if (strcmp(x->rule, "meta-missing") != 0)
			continue;
		ck_assert_int_eq(x->place, NB_PLACE_META);
		if (x->field == NB_META_DATE) {
			saw_date = true;
			ck_assert_int_eq(x->severity, NB_SEV_WARNING);
			ck_assert_ptr_nonnull(strstr(x->message, "成文日期"));
		} else if (x->field == NB_META_PUBLISH_CHANNEL) {
			saw_channel = true;
			/* A publication particular is a reminder, not a defect of the document. */
			ck_assert_int_eq(x->severity, NB_SEV_INFO);
		}
	}
	ck_assert(saw_date && saw_channel);
	/* Without a date there is nothing to hold against the deadline. */
	ASSERT_COUNT(&f, "deadline", 0);
	nb_findings_free(&f);
	nb_report_free(r);
	nb_template_free(t);
}
END_TEST

START_TEST(test_meta_year_unknown)
{
	nb_template *t = small_template();
	nb_report *r = small_report();
	nb_report_set_meta(r, NB_META_YEAR, "去年");
	nb_findings f = {0};
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "meta-missing", 1);
	ck_assert_int_eq(find_rule(&f, "meta-missing")->field, NB_META_YEAR);
	ck_assert_ptr_nonnull(strstr(find_rule(&f, "meta-missing")->message, "报告年度"));
	/* Years cannot be judged without a report year. */
	ASSERT_COUNT(&f, "year-mismatch", 0);
	ASSERT_COUNT(&f, "deadline", 0);
	ASSERT_COUNT(&f, "item-missing", 0);
	nb_report_set_meta(r, NB_META_YEAR, NULL);
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "meta-missing", 1);
	nb_findings_free(&f);
	nb_report_free(r);
	nb_template_free(t);
}
END_TEST

START_TEST(test_meta_date_unreadable)
{
	nb_template *t = small_template();
	nb_report *r = small_report();
	nb_report_set_meta(r, NB_META_DATE, "二月底");
	nb_findings f = {0};
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "meta-missing", 1);
	ck_assert_int_eq(find_rule(&f, "meta-missing")->line, 40);
	nb_findings_free(&f);
	nb_report_free(r);
	nb_template_free(t);
}
END_TEST

/* ---- year-mismatch ---- */

START_TEST(test_year_title)
{
	nb_template *t = small_template();
	nb_report *r = small_report();
	nb_report_set_meta(r, NB_META_TITLE, "青山街道办事处关于2022年度法治政府建设情况的报告");
	nb_findings f = {0};
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "year-mismatch", 1);
	const nb_finding *x = find_rule(&f, "year-mismatch");
	ck_assert_int_eq(x->severity, NB_SEV_ERROR);
	ck_assert_int_eq(x->field, NB_META_TITLE);
	ck_assert_int_eq(x->line, 3);
	ck_assert_int_eq(x->col, 10);   /* 青山街道办事处关于 = 9 characters before the year */
	ck_assert_str_eq(x->suggestion, "青山街道办事处关于2023年度法治政府建设情况的报告");
	/* The year written with an extraction space still reads as a year. */
	nb_report_set_meta(r, NB_META_TITLE, "青山街道办事处关于报送 2023 年度法治政府建设工作的报告");
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "year-mismatch", 0);
	/* A title with no year at all is another matter (not a mismatch). */
	nb_report_set_meta(r, NB_META_TITLE, "青山街道办事处法治政府建设情况报告");
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "year-mismatch", 0);
	nb_findings_free(&f);
	nb_report_free(r);
	nb_template_free(t);
}
END_TEST

START_TEST(test_year_headings)
{
	nb_template *t = small_template();
	nb_report *r = small_report();
	free(r->sections[0].heading);
	r->sections[0].heading = nb_xstrdup("一、2022年主要举措和成效");
	nb_findings f = {0};
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "year-mismatch", 1);
	const nb_finding *x = find_rule(&f, "year-mismatch");
	ck_assert_int_eq(x->place, NB_PLACE_HEADING);
	ck_assert_int_eq(x->section, 0);
	ck_assert_int_eq(x->line, 10);
	ck_assert_int_eq(x->col, 3);
	ck_assert_str_eq(x->suggestion, "一、2023年主要举措和成效");

	/* The plan part must name the next year, not the report year. */
	free(r->sections[0].heading);
	r->sections[0].heading = nb_xstrdup("一、主要举措和成效");
	free(r->sections[3].heading);
	r->sections[3].heading = nb_xstrdup("四、2023年工作安排");
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "year-mismatch", 1);
	x = find_rule(&f, "year-mismatch");
	ck_assert_int_eq(x->section, 3);
	ck_assert_ptr_nonnull(strstr(x->message, "2024"));
	ck_assert_str_eq(x->suggestion, "四、2024年工作安排");
	nb_findings_free(&f);
	nb_report_free(r);
	nb_template_free(t);
}
END_TEST

START_TEST(test_year_doc_number)
{
	nb_template *t = small_template();
	nb_report *r = small_report();
	nb_report_set_meta(r, NB_META_DOC_NUMBER, "某街发〔2024〕3号");
	nb_findings f = {0};
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "year-mismatch", 0);
	nb_report_set_meta(r, NB_META_DOC_NUMBER, "某街发〔2023〕3号");
	r->meta_line[NB_META_DOC_NUMBER] = 5;
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "year-mismatch", 1);
	const nb_finding *x = find_rule(&f, "year-mismatch");
	ck_assert_int_eq(x->field, NB_META_DOC_NUMBER);
	ck_assert_int_eq(x->line, 5);
	ck_assert_str_eq(x->suggestion, "某街发〔2024〕3号");
	nb_findings_free(&f);
	nb_report_free(r);
	nb_template_free(t);
}
END_TEST

START_TEST(test_year_date)
{
	nb_template *t = small_template();
	nb_report *r = small_report();
	nb_findings f = {0};
	/* A 2023 report is written in 2024. */
	nb_report_set_meta(r, NB_META_DATE, "2023年12月28日");
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "year-mismatch", 1);
	ck_assert_int_eq(find_rule(&f, "year-mismatch")->field, NB_META_DATE);
	ck_assert_int_eq(find_rule(&f, "year-mismatch")->line, 40);
	nb_report_set_meta(r, NB_META_DATE, "2026-02-01");
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "year-mismatch", 1);
	nb_report_set_meta(r, NB_META_DATE, "2024-02-01");
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "year-mismatch", 0);
	nb_findings_free(&f);
	nb_report_free(r);
	nb_template_free(t);
}
END_TEST

/* ---- deadline ---- */

START_TEST(test_deadline)
{
	nb_template *t = small_template();
	nb_report *r = small_report();
	nb_findings f = {0};
	nb_report_set_meta(r, NB_META_DATE, "2024年3月26日");
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "deadline", 1);
	const nb_finding *x = find_rule(&f, "deadline");
	ck_assert_int_eq(x->severity, NB_SEV_WARNING);
	ck_assert_int_eq(x->line, 40);
	ck_assert_ptr_nonnull(strstr(x->message, "2024年3月1日"));
	ck_assert_ptr_nonnull(strstr(x->message, "《法治政府建设与责任落实督察工作规定》"));
	/* On the due date itself is in time. */
	nb_report_set_meta(r, NB_META_DATE, "2024-03-01");
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "deadline", 0);
	/* A unit type with its own, earlier deadline. */
	nb_report_set_meta(r, NB_META_UNIT_TYPE, "乡镇");
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "deadline", 1);
	ck_assert_ptr_nonnull(strstr(find_rule(&f, "deadline")->message, "2024年2月15日"));
	/* Chinese numerals, as older 公文 wrote dates. */
	nb_report_set_meta(r, NB_META_DATE, "二〇二四年二月二十日");
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "deadline", 1);
	nb_report_set_meta(r, NB_META_DATE, "二〇二四年二月十日");
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "deadline", 0);
	nb_findings_free(&f);
	nb_report_free(r);
	nb_template_free(t);
}
END_TEST

START_TEST(test_publication_deadline)
{
	nb_template *t = small_template();
	nb_report *r = small_report();
	nb_findings f = {0};
	nb_report_set_meta(r, NB_META_DATE, "2024年2月20日");
	nb_report_set_meta(r, NB_META_PUBLISH_DATE, "2024年4月2日");
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "deadline", 1);
	const nb_finding *x = find_rule(&f, "deadline");
	ck_assert_ptr_nonnull(strstr(x->message, "公开日期2024年4月2日晚于公开期限"));
	ck_assert_ptr_nonnull(strstr(x->message, "2024年4月1日前"));
	ck_assert_int_eq(x->field, NB_META_PUBLISH_DATE);
	/* On the day itself is in time. */
	nb_report_set_meta(r, NB_META_PUBLISH_DATE, "2024年4月1日");
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "deadline", 0);
	/* Made public before it was written: one of the two dates is wrong. */
	nb_report_set_meta(r, NB_META_PUBLISH_DATE, "2024年2月1日");
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "deadline", 1);
	ck_assert_ptr_nonnull(strstr(find_rule(&f, "deadline")->message, "早于成文日期2024年2月20日"));
	/* Words instead of a date: nothing to compare, nothing said. */
	nb_report_set_meta(r, NB_META_PUBLISH_DATE, "已在区政府网站公开");
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "deadline", 0);
	nb_findings_free(&f);
	nb_report_free(r);
	nb_template_free(t);

	/* The built-in template: public by 4月1日 for every unit type. */
	nb_template *b = nb_template_builtin();
	ck_assert_uint_eq(b->npublication_deadlines, 1);
	ck_assert_str_eq(b->publication_deadlines[0].unit_type, "*");
	ck_assert_int_eq(b->publication_deadlines[0].month, 4);
	ck_assert_int_eq(b->publication_deadlines[0].day, 1);
	nb_template_free(b);
}
END_TEST

START_TEST(test_parse_dates)
{
	int y, m, d;
	ck_assert(nb_parse_date("2024年3月26日", &y, &m, &d));
	ck_assert_int_eq(y, 2024);
	ck_assert_int_eq(m, 3);
	ck_assert_int_eq(d, 26);
	ck_assert(nb_parse_date(" 2024 年 3 月 26 日", &y, &m, &d) && d == 26);
	ck_assert(nb_parse_date("2024-03-26", &y, &m, &d) && m == 3 && d == 26);
	ck_assert(nb_parse_date("2024.3.5", &y, &m, &d) && m == 3 && d == 5);
	ck_assert(nb_parse_date("2024/12/31", &y, &m, &d) && m == 12 && d == 31);
	ck_assert(nb_parse_date("二〇二四年十二月三十一日", &y, &m, &d) && y == 2024 && m == 12 && d == 31);
	ck_assert(nb_parse_date("二〇二四年三月五日", &y, &m, &d) && m == 3 && d == 5);
	ck_assert(nb_parse_date("2024年2月29日", &y, &m, &d));
	ck_assert(!nb_parse_date("2023年2月29日", &y, &m, &d));
	ck_assert(!nb_parse_date("2024年2月30日", &y, &m, &d));
	ck_assert(!nb_parse_date("2024年13月1日", &y, &m, &d));
	ck_assert(!nb_parse_date("2024-03", &y, &m, &d));
	ck_assert(!nb_parse_date("2024-03/26", &y, &m, &d));
	ck_assert(!nb_parse_date("24年3月26日", &y, &m, &d));
	ck_assert(!nb_parse_date("", &y, &m, &d));

	size_t off, len;
	ck_assert_int_eq(nb_doc_number_year("渭高金党字〔2024〕5号", &off, &len), 2024);
	ck_assert_int_eq(len, 4);
	ck_assert_int_eq(nb_doc_number_year("某发[2023]1号", &off, &len), 2023);
	ck_assert_int_eq(nb_doc_number_year("某发2023号", &off, &len), 0);

	nb_year_hit h[4];
	const char *s = "2022年以来、2023 年度和二〇二四年，但12345年不是";
	ck_assert_int_eq(nb_find_years(s, strlen(s), h, 4), 3);
	ck_assert_int_eq(h[0].year, 2022);
	ck_assert_int_eq(h[1].year, 2023);
	ck_assert_int_eq(h[2].year, 2024);
}
END_TEST

/* ---- positions ---- */

START_TEST(test_body_positions_from_srcmap)
{
	nb_template *t = small_template();
	nb_report *r = small_report();
	nb_check_ctx c = {r, t, NULL, 2023, NULL};
	nb_findings f = {0};
	c.out = &f;
	/* Body of section 1 maps to line 15 column 3; a second paragraph on line 17 column 3. */
	nb_section *s = &r->sections[1];
	size_t second = strlen("一是普法形式单一，覆盖面不够广。");
	nb_srcmap_add(&s->map, &s->nmap, second, 17, 3);
	nb_finding *x = nb_emit(&c, "item-missing", nb_xstrdup("m"), NULL);
	nb_place_body(&c, x, 1, 3 * 3, 3);   /* three Chinese characters into the body */
	ck_assert_int_eq(x->line, 15);
	ck_assert_int_eq(x->col, 6);
	x = nb_emit(&c, "item-missing", nb_xstrdup("m"), NULL);
	nb_place_body(&c, x, 1, second + 6, 3);
	ck_assert_int_eq(x->line, 17);
	ck_assert_int_eq(x->col, 5);
	ck_assert_int_eq(x->place, NB_PLACE_BODY);
	ck_assert_int_eq(x->section, 1);
	nb_findings_free(&f);
	nb_report_free(r);
	nb_template_free(t);
}
END_TEST

/* ---- incremental re-check ---- */

static void assert_same_findings(const nb_findings *a, const nb_findings *b)
{
	char *da = dump(a), *db = dump(b);
	ck_assert_msg(strcmp(da, db) == 0, "incremental:\n%s\nfull:\n%s", da, db);
	ck_assert_int_eq(a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		ck_assert_int_eq(a->v[i].section, b->v[i].section);
		ck_assert_int_eq(a->v[i].place, b->v[i].place);
	}
	free(da);
	free(db);
}

START_TEST(test_check_section_equals_full)
{
	nb_template *t = small_template();
	nb_report *r = small_report();
	nb_report_set_meta(r, NB_META_DATE, "2024年3月26日");   /* a document-level finding too */
	nb_findings inc = {0}, full = {0};
	nb_check_report(r, t, NULL, &inc);

	/* The clerk deletes the 述法 sentence, then empties the problems part, then fixes both. */
	const char *edits[][2] = {
		{"2", "主要负责人主持召开党工委会议听取法治建设工作汇报4次，专题研究重大问题3个。"},
		{"1", ""},
		{"1", "一是普法形式单一。二是执法人员力量不足。"},
		{"3", "下一步，计划组织法治培训4期。"},
		{"2", DUTY},
		{"1", PROBLEMS},
		{"3", PLAN},
	};
	for (size_t e = 0; e < sizeof edits / sizeof edits[0]; e++) {
		size_t idx = (size_t)atoi(edits[e][0]);
		nb_section_set_body(&r->sections[idx], edits[e][1]);
		nb_check_section(r, t, NULL, idx, &inc);
		check(r, t, NULL, &full);
		assert_same_findings(&inc, &full);
	}
	nb_findings_free(&inc);
	nb_findings_free(&full);
	nb_report_free(r);
	nb_template_free(t);
}
END_TEST

static nb_report *load_fixture(const char *name, const nb_template *t);

/* The cached re-check gives what nb_check_section gives, edit after edit, on a real draft: typing
 * inside a paragraph, splitting and joining paragraphs, a figure stated twice with different
 * values (compared across sections), numbering, and a part emptied and written again. */
START_TEST(test_check_section_cached_equals_full)
{
	nb_template *t = nb_template_builtin();
	nb_report *r = load_fixture("with-duty-2022.txt", t);
	ck_assert_uint_ge(r->nsections, 3);
	nb_findings inc = {0}, plain = {0};
	nb_check_report(r, t, NULL, &inc);
	nb_check_report(r, t, NULL, &plain);
	nb_check_cache *cache = nb_check_cache_new();
	const char *typed[] = {"培训执法人员43次，", "\n（二）加强学习。", "组织学习", "培训执法人员45次。", "截止目前，",
			       "三是", "\n", "法法", "二〇二二年", "2023年，"};
	bool inconsistent_seen = false;
	srand(5);
	for (int e = 0; e < 60; e++) {
		size_t idx = (size_t)rand() % r->nsections;
		const char *body = r->sections[idx].body;
		size_t len = strlen(body), off = len ? (size_t)rand() % len : 0;
		while (off > 0 && ((unsigned char)body[off] & 0xC0) == 0x80)
			off--;
		nb_sb sb = {0};
		nb_sb_add(&sb, body, off);
		if (e % 13 == 12) {
			/* the part emptied, then written again below */
		} else if (e % 5 == 4 && off < len) {
			size_t end = off + 1;
			while (end < len && ((unsigned char)body[end] & 0xC0) == 0x80)
				end++;
			nb_sb_adds(&sb, body + end);
		} else {
			nb_sb_adds(&sb, typed[(size_t)rand() % (sizeof typed / sizeof *typed)]);
			nb_sb_adds(&sb, body + off);
		}
		nb_section_set_body(&r->sections[idx], nb_sb_cstr(&sb));
		nb_sb_free(&sb);
		nb_check_section_cached(cache, r, t, NULL, idx, &inc);
		nb_check_section(r, t, NULL, idx, &plain);
		assert_same_findings(&inc, &plain);
		inconsistent_seen |= count_rule(&plain, "number-inconsistent") > 0;
	}
	ck_assert(inconsistent_seen);
	nb_check_cache_free(cache);
	nb_findings_free(&inc);
	nb_findings_free(&plain);
	nb_report_free(r);
	nb_template_free(t);
}
END_TEST

START_TEST(test_check_section_split_part)
{
	nb_template *t = small_template();
	nb_report *r = small_report();
	nb_section_set_body(&r->sections[0], "组织全体干部集中学习法律法规4次。");
	nb_section *extra = nb_report_add_section(r, "measures", "五、法治宣传", "举办法治培训2期。");
	extra->heading_line = 30;
	nb_findings inc = {0}, full = {0};
	nb_check_report(r, t, NULL, &inc);
	/* Editing the second measures part changes the item finding pinned to the first. */
	nb_section_set_body(&r->sections[4], "发放宣传资料。");
	nb_check_section(r, t, NULL, 4, &inc);
	check(r, t, NULL, &full);
	ck_assert_int_eq(count_rule(&full, "item-missing"), 1);
	assert_same_findings(&inc, &full);
	nb_findings_free(&inc);
	nb_findings_free(&full);
	nb_report_free(r);
	nb_template_free(t);
}
END_TEST

/* Notes from loading stay when the rules run after them. */
START_TEST(test_check_report_appends)
{
	nb_template *t = small_template();
	nb_report *r = small_report();
	nb_report_set_meta(r, NB_META_DATE, "2024年3月26日");
	nb_findings f = {0};
	nb_finding *note = nb_findings_add(&f, "import-normalized", NB_SEV_INFO, "已合并被分页断开的段落", NULL);
	note->line = 12;
	nb_check_report(r, t, NULL, &f);
	ck_assert_int_eq(f.n, 2);
	ASSERT_COUNT(&f, "import-normalized", 1);
	ASSERT_COUNT(&f, "deadline", 1);
	/* sorted: the note (line 12) before the deadline (line 40) */
	ck_assert_str_eq(f.v[0].rule, "import-normalized");
	nb_findings_free(&f);
	nb_report_free(r);
	nb_template_free(t);
}
END_TEST

/* ---- switching rules off ---- */

START_TEST(test_disabled_rules)
{
	nb_template *t = small_template();
	nb_report *r = small_report();
	nb_report_set_meta(r, NB_META_DATE, "2024年3月26日");
	nb_section_set_body(&r->sections[2], "主要负责人主持召开会议专题研究重大问题3个，亲自部署法治工作。");
	nb_findings f = {0};
	check(r, t, NULL, &f);
	ASSERT_COUNT(&f, "deadline", 1);
	ASSERT_COUNT(&f, "item-missing", 1);
	const char *off[] = {"deadline", "item-missing", NULL};
	nb_check_opts o = {.disabled = off};
	check(r, t, &o, &f);
	ASSERT_NO_FINDINGS(&f);
	ck_assert(!nb_rule_enabled(&o, "deadline"));
	ck_assert(nb_rule_enabled(&o, "section-missing"));
	ck_assert(nb_rule_enabled(NULL, "deadline"));
	/* The incremental check honours the same list. */
	nb_check_section(r, t, &o, 2, &f);
	ASSERT_NO_FINDINGS(&f);
	nb_findings_free(&f);
	nb_report_free(r);
	nb_template_free(t);
}
END_TEST

/* ---- the findings list ---- */

START_TEST(test_findings_sort_count)
{
	nb_findings f = {0};
	nb_finding *a = nb_findings_add(&f, "year-mismatch", NB_SEV_ERROR, "甲", NULL);
	a->line = 12;
	a->col = 3;
	nb_finding *b = nb_findings_add(&f, "meta-missing", NB_SEV_WARNING, "乙", "补上");
	b->line = 0;
	nb_finding *c = nb_findings_add(&f, "deadline", NB_SEV_WARNING, "丙", NULL);
	c->line = 12;
	c->col = 1;
	nb_finding *d = nb_findings_add(&f, "cause-missing", NB_SEV_ERROR, "丁", NULL);
	d->line = 12;
	d->col = 1;
	nb_findings_sort(&f);
	ck_assert_str_eq(f.v[0].message, "乙");
	ck_assert_str_eq(f.v[1].rule, "cause-missing");
	ck_assert_str_eq(f.v[2].rule, "deadline");
	ck_assert_str_eq(f.v[3].message, "甲");
	ck_assert_int_eq(nb_findings_count(&f, NB_SEV_ERROR), 2);
	ck_assert_int_eq(nb_findings_count(&f, NB_SEV_WARNING), 2);
	ck_assert_int_eq(nb_findings_count(&f, NB_SEV_INFO), 0);
	ck_assert_str_eq(f.v[0].suggestion, "补上");
	ck_assert_int_eq(f.v[0].section, -1);
	nb_findings_clear(&f);
	ck_assert_int_eq(f.n, 0);
	nb_findings_add(&f, "deadline", NB_SEV_WARNING, "再来", NULL);
	ck_assert_int_eq(f.n, 1);
	nb_findings_free(&f);
	ck_assert_ptr_null(f.v);
}
END_TEST

START_TEST(test_format_text)
{
	nb_findings f = {0};
	nb_finding *a = nb_findings_add(&f, "section-missing", NB_SEV_ERROR, "报告缺少第一责任人部分。", NULL);
	(void)a;
	nb_finding *b = nb_findings_add(&f, "year-mismatch", NB_SEV_ERROR, "标题\x1b[31m红\u202e\n第二行", NULL);
	b->line = 9;
	b->col = 4;
	char *s = nb_findings_format_text(&f, "draft.txt");
	const char *want_first = "draft.txt:0:0: error: 报告缺少第一责任人部分。 [section-missing]\n";
	ck_assert_msg(strncmp(s, want_first, strlen(want_first)) == 0, "got: %s", s);
	const char *second = s + strlen(want_first);
	ck_assert_msg(strncmp(second, "draft.txt:9:4: error: 标题", strlen("draft.txt:9:4: error: 标题")) == 0,
		      "got: %s", second);
	/* A draft's escape sequences and newlines never reach the terminal raw. */
	ck_assert_ptr_null(strchr(s, '\x1b'));
	ck_assert_ptr_nonnull(strstr(second, "^["));
	ck_assert_ptr_nonnull(strstr(second, "^J第二行 [year-mismatch]\n"));
	ck_assert_ptr_null(strstr(s, "\u202e"));
	/* exactly two lines */
	int lines = 0;
	for (const char *p = s; *p; p++)
		lines += *p == '\n';
	ck_assert_int_eq(lines, 2);
	free(s);
	nb_findings_clear(&f);
	s = nb_findings_format_text(&f, "x");
	ck_assert_str_eq(s, "");
	free(s);
	nb_findings_free(&f);
}
END_TEST

START_TEST(test_format_json)
{
	nb_report *r = nb_report_new();
	nb_report_add_section(r, "duty", "三、第一责任人", "");
	nb_report_add_section(r, NULL, "五、其他\"事项\"", "");
	nb_findings f = {0};
	nb_finding *a = nb_findings_add(&f, "item-missing", NB_SEV_WARNING, "未写“述法”", "写述法");
	a->place = NB_PLACE_HEADING;
	a->section = 0;
	a->line = 7;
	a->col = 1;
	nb_finding *b = nb_findings_add(&f, "section-missing", NB_SEV_ERROR,
					"引号\"反斜杠\\换行\n制表\t控制\x01删除\x7f", NULL);
	(void)b;
	nb_finding *c = nb_findings_add(&f, "year-mismatch", NB_SEV_INFO, "坏字节\xff反转\u202e隔离\u2066", NULL);
	c->place = NB_PLACE_HEADING;
	c->section = 1;
	char *s = nb_findings_format_json(&f, r, "a\"b.txt");
	ck_assert_msg(s[0] == '[' && strcmp(s + strlen(s) - 2, "]\n") == 0, "got: %s", s);
	ck_assert_ptr_nonnull(strstr(s, "\"file\": \"a\\\"b.txt\", \"line\": 7, \"column\": 1, "
					"\"severity\": \"warning\", \"rule\": \"item-missing\", "
					"\"section\": \"duty\", \"message\": \"未写“述法”\", "
					"\"suggestion\": \"写述法\"}"));
	ck_assert_ptr_nonnull(strstr(s, "\"line\": 0, \"column\": 0, \"severity\": \"error\""));
	ck_assert_ptr_nonnull(strstr(s, "\"section\": null"));
	ck_assert_ptr_nonnull(strstr(s, "\"suggestion\": null"));
	ck_assert_ptr_nonnull(strstr(s, "\"引号\\\"反斜杠\\\\换行\\n制表\\t控制\\u0001删除\\u007f\""));
	ck_assert_ptr_nonnull(strstr(s, "\"section\": \"五、其他\\\"事项\\\"\""));
	ck_assert_ptr_nonnull(strstr(s, "坏字节\\ufffd反转\\u202e隔离\\u2066"));
	/* No raw control byte anywhere except the newlines between objects. */
	for (const char *p = s; *p; p++)
		ck_assert_msg((unsigned char)*p >= 0x20 || *p == '\n', "raw control 0x%02x", *p);
	free(s);

	/* One array over two files. */
	nb_sb sb = {0};
	bool first = true;
	nb_findings_json_open(&sb);
	nb_findings_json_append(&sb, &f, r, "one.txt", &first);
	nb_findings empty = {0};
	nb_findings_json_append(&sb, &empty, r, "two.txt", &first);
	nb_findings_json_append(&sb, &f, r, "three.txt", &first);
	nb_findings_json_close(&sb, first);
	s = nb_sb_take(&sb);
	int opens = 0, arrays = 0;
	for (const char *p = s; *p; p++) {
		opens += strncmp(p, "{\"file\"", 7) == 0;
		arrays += *p == '[';
	}
	ck_assert_int_eq(opens, 6);
	ck_assert_int_eq(arrays, 1);
	ck_assert_ptr_nonnull(strstr(s, "},\n  {\"file\": \"three.txt\""));
	ck_assert_ptr_null(strstr(s, "two.txt"));
	free(s);

	/* No findings: an empty array. */
	s = nb_findings_format_json(&empty, r, "x");
	ck_assert_str_eq(s, "[]\n");
	free(s);
	nb_findings_free(&f);
	nb_report_free(r);
}
END_TEST

/* ---- drafts as a reviewer receives them (tests/data/check), imported then checked ---- */

static char *fixture_path(const char *name)
{
	return nb_xasprintf("%s/check/%s", NB_TEST_DATA, name);
}

static nb_report *load_fixture(const char *name, const nb_template *t)
{
	char *path = fixture_path(name);
	nb_error err = {{0}};
	nb_report *r = nb_load_report(path, t, NULL, NULL, &err);
	ck_assert_msg(r != NULL, "%s: %s", path, err.msg);
	free(path);
	return r;
}

/* The 1-based line of the fixture (UTF-8) on which `needle` first occurs. */
static int line_of(const char *name, const char *needle)
{
	char *path = fixture_path(name), *data;
	size_t len;
	nb_error err = {{0}};
	ck_assert_msg(nb_read_file(path, NB_MAX_INPUT_BYTES, &data, &len, &err) == 0, "%s", err.msg);
	const char *hit = strstr(data, needle);
	ck_assert_msg(hit != NULL, "%s not in %s", needle, path);
	int line = 1;
	for (const char *p = data; p < hit; p++)
		line += *p == '\n';
	free(data);
	free(path);
	return line;
}

static const nb_finding *find_rule_at(const nb_findings *f, const char *rule, int line)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->v[i].rule, rule) == 0 && f->v[i].line == line)
			return &f->v[i];
	return NULL;
}

START_TEST(test_fixture_no_duty_part)
{
	const char *name = "no-duty-2023.txt";
	nb_template *t = nb_template_builtin();
	nb_report *r = load_fixture(name, t);
	nb_findings f = {0};
	check(r, t, NULL, &f);
	char *d = dump(&f);

	/* The part on the 第一责任人 is missing, and only that part. */
	ASSERT_COUNT(&f, "section-missing", 1);
	const nb_finding *x = find_rule(&f, "section-missing");
	ck_assert_int_eq(x->line, 0);
	ck_assert_ptr_nonnull(strstr(x->message, "第一责任人"));
	/* Problems without causes, at the problems paragraph under 三. */
	ASSERT_COUNT(&f, "cause-missing", 1);
	ck_assert_msg(find_rule_at(&f, "cause-missing", line_of(name, "一年来，我镇法治政府建设")), "%s", d);
	/* The plan never names 2024. */
	x = find_rule_at(&f, "item-missing", line_of(name, "四、下一步工作打算"));
	ck_assert_msg(x && strstr(x->message, "2024年"), "%s", d);
	/* Written 2024年3月18日: after the 3月1日 due date, pointed at the date line. */
	ASSERT_COUNT(&f, "deadline", 1);
	ck_assert_msg(find_rule_at(&f, "deadline", line_of(name, "\n2024年3月18日") + 1), "%s", d);
	/* The header is complete and its years agree (title 2023, 文号 and date 2024). */
	ASSERT_COUNT(&f, "year-mismatch", 0);
	ASSERT_COUNT(&f, "meta-missing", 0);
	free(d);
	nb_findings_free(&f);
	nb_report_free(r);
	nb_template_free(t);
}
END_TEST

/* The same draft saved in GB18030: the same findings at the same lines. */
START_TEST(test_fixture_gb18030_same_findings)
{
	nb_template *t = nb_template_builtin();
	nb_report *a = load_fixture("no-duty-2023.txt", t);
	nb_report *b = load_fixture("no-duty-2023-gb18030.txt", t);
	nb_findings fa = {0}, fb = {0};
	check(a, t, NULL, &fa);
	check(b, t, NULL, &fb);
	ck_assert(fa.n > 0);
	char *ta = nb_findings_format_text(&fa, "draft"), *tb = nb_findings_format_text(&fb, "draft");
	ck_assert_str_eq(ta, tb);
	free(ta);
	free(tb);
	nb_findings_free(&fa);
	nb_findings_free(&fb);
	nb_report_free(a);
	nb_report_free(b);
	nb_template_free(t);
}
END_TEST

START_TEST(test_fixture_with_duty_part)
{
	nb_template *t = nb_template_builtin();
	nb_report *r = load_fixture("with-duty-2022.txt", t);
	nb_findings f = {0};
	check(r, t, NULL, &f);
	/* Structure and content are complete: no error, no missing item. */
	ASSERT_COUNT(&f, "section-missing", 0);
	ASSERT_COUNT(&f, "cause-missing", 0);
	ASSERT_COUNT(&f, "item-missing", 0);
	ASSERT_COUNT(&f, "section-empty", 0);
	ASSERT_COUNT(&f, "year-mismatch", 0);
	char *d = dump(&f);
	ck_assert_msg(nb_findings_count(&f, NB_SEV_ERROR) == 0, "%s", d);
	/* It has no header and no 落款: those particulars are missing. */
	bool date = false, signature = false;
	for (size_t i = 0; i < f.n; i++) {
		if (strcmp(f.v[i].rule, "meta-missing") != 0)
			continue;
		date |= f.v[i].field == NB_META_DATE;
		signature |= f.v[i].field == NB_META_SIGNATURE;
	}
	ck_assert_msg(date && signature, "%s", d);
	free(d);
	nb_findings_free(&f);
	nb_report_free(r);
	nb_template_free(t);
}
END_TEST

START_TEST(test_fixture_duty_first_and_years)
{
	const char *name = "duty-first-2023.txt";
	nb_template *t = nb_template_builtin();
	nb_report *r = load_fixture(name, t);
	nb_findings f = {0};
	check(r, t, NULL, &f);
	char *d = dump(&f);
	ASSERT_COUNT(&f, "section-missing", 0);
	/* The 第一责任人 part first: noted as an accepted variant, never more than info. */
	ASSERT_COUNT(&f, "section-order", 1);
	const nb_finding *x = find_rule_at(&f, "section-order", line_of(name, "一、党政主要负责人"));
	ck_assert_msg(x != NULL, "%s", d);
	ck_assert_int_eq(x->severity, NB_SEV_INFO);
	ck_assert_ptr_nonnull(strstr(x->message, "可以接受"));
	/* 文号 〔2023〕 but written in 2024, at the year inside the 文号. */
	x = find_rule_at(&f, "year-mismatch", line_of(name, "某水发"));
	ck_assert_msg(x && x->field == NB_META_DOC_NUMBER && x->col == 5, "%s", d);
	/* A plan headed 2023 in a 2023 report. */
	x = find_rule_at(&f, "year-mismatch", line_of(name, "四、2023年工作打算"));
	ck_assert_msg(x && x->col == 3 && x->place == NB_PLACE_HEADING, "%s", d);
	ASSERT_COUNT(&f, "year-mismatch", 2);
	ASSERT_COUNT(&f, "deadline", 0);
	free(d);
	nb_findings_free(&f);
	nb_report_free(r);
	nb_template_free(t);
}
END_TEST

static Suite *check_suite(void)
{
	Suite *s = suite_create("check");
	TCase *tc = tcase_create("rules");
	tcase_add_test(tc, test_registry);
	tcase_add_test(tc, test_clean_small_report);
	tcase_add_test(tc, test_section_missing_duty);
	tcase_add_test(tc, test_section_missing_not_when_present);
	tcase_add_test(tc, test_section_empty);
	tcase_add_test(tc, test_split_part_aggregated);
	tcase_add_test(tc, test_optional_part_never_empty);
	tcase_add_test(tc, test_messages_without_year);
	tcase_add_test(tc, test_section_order);
	tcase_add_test(tc, test_section_order_duty_first_accepted);
	tcase_add_test(tc, test_item_missing);
	tcase_add_test(tc, test_item_threshold);
	tcase_add_test(tc, test_item_covered_gap_phrases);
	tcase_add_test(tc, test_plan_next_year);
	tcase_add_test(tc, test_cause_missing);
	tcase_add_test(tc, test_meta_missing);
	tcase_add_test(tc, test_meta_year_unknown);
	tcase_add_test(tc, test_meta_date_unreadable);
	tcase_add_test(tc, test_year_title);
	tcase_add_test(tc, test_year_headings);
	tcase_add_test(tc, test_year_doc_number);
	tcase_add_test(tc, test_year_date);
	tcase_add_test(tc, test_deadline);
	tcase_add_test(tc, test_publication_deadline);
	tcase_add_test(tc, test_parse_dates);
	tcase_add_test(tc, test_body_positions_from_srcmap);
	tcase_add_test(tc, test_check_section_equals_full);
	tcase_add_test(tc, test_check_section_split_part);
	tcase_add_test(tc, test_check_section_cached_equals_full);
	tcase_add_test(tc, test_disabled_rules);
	tcase_add_test(tc, test_check_report_appends);
	suite_add_tcase(s, tc);
	TCase *out = tcase_create("output");
	tcase_add_test(out, test_findings_sort_count);
	tcase_add_test(out, test_format_text);
	tcase_add_test(out, test_format_json);
	suite_add_tcase(s, out);
	TCase *drafts = tcase_create("drafts");
	tcase_add_test(drafts, test_fixture_no_duty_part);
	tcase_add_test(drafts, test_fixture_gb18030_same_findings);
	tcase_add_test(drafts, test_fixture_with_duty_part);
	tcase_add_test(drafts, test_fixture_duty_first_and_years);
	suite_add_tcase(s, drafts);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(check_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
