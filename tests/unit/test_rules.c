/* test_rules.c — the language, numbering and figure rules as a user sees them: what is flagged,
 * where, with which fix; fixes applied back; and silence on a clean report. Precision and recall
 * over the labelled cases are measured by tests/rules_quality. */
#include "config.h"
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/check.h"
#include "nianbao/fix.h"
#include "nianbao/lexicon.h"
#include "nianbao/report.h"
#include "nianbao/template.h"
#include "nianbao/textio.h"

static const char *const my_rules[] = {
	"lexicon", "repeated-char", "latin-in-cjk", "punct-width", "pair-unbalanced", "space-in-cjk",
	"date-format", "doc-number-format", "numbering", "title-format", "number-inconsistent",
	"sum-mismatch", "percent-mismatch", "no-figures", "slogan-density", NULL,
};

static nb_template *tpl;
static nb_lexicon *lex;

static void setup(void)
{
	tpl = nb_template_builtin();
	lex = nb_lexicon_builtin();
}

static void teardown(void)
{
	nb_template_free(tpl);
	nb_lexicon_free(lex);
}

static bool mine(const char *rule)
{
	for (size_t i = 0; my_rules[i]; i++)
		if (strcmp(my_rules[i], rule) == 0)
			return true;
	return false;
}

static nb_report *report_with(const char *section_id, const char *body)
{
	nb_report *r = nb_report_new();
	nb_report_set_meta(r, NB_META_YEAR, "2024");
	nb_report_set_meta(r, NB_META_UNIT, "青石镇人民政府");
	nb_report_set_meta(r, NB_META_TITLE, "青石镇人民政府关于2024年度法治政府建设情况的报告");
	nb_report_add_section(r, section_id, "一、其他需要报告的情况", body);
	return r;
}

static void check(const nb_report *r, nb_findings *f)
{
	nb_check_opts o = {NULL, 0, lex};
	nb_findings_clear(f);
	nb_check_report(r, tpl, &o, f);
}

static const nb_finding *find_rule(const nb_findings *f, const char *rule)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->v[i].rule, rule) == 0)
			return &f->v[i];
	return NULL;
}

static size_t count_rule(const nb_findings *f, const char *rule)
{
	size_t n = 0;
	for (size_t i = 0; i < f->n; i++)
		n += strcmp(f->v[i].rule, rule) == 0;
	return n;
}

/* The flagged text of a body finding. */
static char *flagged(const nb_report *r, const nb_finding *x)
{
	return strndup(r->sections[x->section].body + x->off, x->len);
}

START_TEST(clean_report_raises_nothing)
{
	nb_error err = {{0}};
	nb_report *r = nb_text_import_file(NB_TEST_DATA "/sample/complete-2024.txt", tpl, NULL, &err);
	ck_assert_msg(r != NULL, "%s", err.msg);
	nb_findings f = {0};
	check(r, &f);
	for (size_t i = 0; i < f.n; i++)
		ck_assert_msg(!mine(f.v[i].rule), "%s at %d:%d: %s", f.v[i].rule, f.v[i].line, f.v[i].col,
			      f.v[i].message);
	nb_findings_free(&f);
	nb_report_free(r);
}
END_TEST

START_TEST(lexicon_finding_carries_span_and_fix)
{
	nb_report *r = report_with("other", "以勇干担当的精神推进依法行政，全年召开会议5次。");
	nb_findings f = {0};
	check(r, &f);
	const nb_finding *x = find_rule(&f, "lexicon");
	ck_assert_ptr_nonnull(x);
	char *t = flagged(r, x);
	ck_assert_str_eq(t, "勇干");
	free(t);
	ck_assert_str_eq(x->suggestion, "勇于");
	ck_assert(x->fixable);
	ck_assert_int_eq(x->severity, NB_SEV_WARNING);
	ck_assert_ptr_nonnull(strstr(x->message, "勇于"));
	nb_findings_free(&f);
	nb_report_free(r);
}
END_TEST

START_TEST(fixes_change_only_flagged_text)
{
	const char *body = "配备网格员 530 人,截止目前已完成整改。\n第二段不动：其他事项。";
	nb_report *r = report_with("other", body);
	nb_findings f = {0};
	check(r, &f);
	ck_assert_uint_ge(count_rule(&f, "space-in-cjk"), 2);
	ck_assert_ptr_nonnull(find_rule(&f, "punct-width"));
	size_t n = nb_fix_apply(r, &f, NULL, -1, NULL);
	ck_assert_uint_ge(n, 4);
	ck_assert_str_eq(r->sections[0].body, "配备网格员530人，截至目前已完成整改。\n第二段不动：其他事项。");
	/* Checked again, nothing of these rules is left. */
	check(r, &f);
	ck_assert_ptr_null(find_rule(&f, "space-in-cjk"));
	ck_assert_ptr_null(find_rule(&f, "lexicon"));
	ck_assert_ptr_null(find_rule(&f, "punct-width"));
	nb_findings_free(&f);
	nb_report_free(r);
}
END_TEST

START_TEST(fix_of_one_rule_leaves_the_others)
{
	nb_report *r = report_with("other", "截止目前,共办结案件12件。");
	nb_findings f = {0};
	check(r, &f);
	bool applied[64] = {false};
	ck_assert_uint_lt(f.n, 64);
	ck_assert_uint_eq(nb_fix_apply(r, &f, "punct-width", -1, applied), 1);
	ck_assert_str_eq(r->sections[0].body, "截止目前，共办结案件12件。");
	nb_findings_free(&f);
	nb_report_free(r);
}
END_TEST

START_TEST(dates_and_ranges_get_their_standard_form)
{
	nb_report *r = report_with("other", "2024.3.15召开推进会。认真落实《纲要（2021-2025年）》。每场50~80人，共12场。");
	nb_findings f = {0};
	check(r, &f);
	ck_assert_uint_eq(count_rule(&f, "date-format"), 3);
	nb_fix_apply(r, &f, "date-format", -1, NULL);
	ck_assert_str_eq(r->sections[0].body, "2024年3月15日召开推进会。认真落实《纲要（2021—2025年）》。每场50～80人，共12场。");
	nb_findings_free(&f);
	nb_report_free(r);
}
END_TEST

START_TEST(doc_number_is_rebuilt)
{
	nb_report *r = report_with("other", "无。");
	nb_report_set_meta(r, NB_META_DOC_NUMBER, "青政发[25]第003号");
	nb_findings f = {0};
	check(r, &f);
	const nb_finding *x = find_rule(&f, "doc-number-format");
	ck_assert_ptr_nonnull(x);
	ck_assert_str_eq(x->suggestion, "青政发〔2025〕3号");
	nb_fix_apply(r, &f, "doc-number-format", -1, NULL);
	ck_assert_str_eq(nb_report_meta(r, NB_META_DOC_NUMBER), "青政发〔2025〕3号");
	nb_findings_free(&f);
	nb_report_free(r);
}
END_TEST

START_TEST(figure_contradictions_are_errors)
{
	nb_report *r = report_with("other", "共排查纠纷94个（邻里纠纷30个，家庭纠纷32个，土地纠纷30个）。"
					   "化解纠纷799件，办结798件，办结率98.5%。");
	nb_findings f = {0};
	check(r, &f);
	const nb_finding *s = find_rule(&f, "sum-mismatch"), *p = find_rule(&f, "percent-mismatch");
	ck_assert_ptr_nonnull(s);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(s->severity, NB_SEV_ERROR);
	ck_assert_ptr_nonnull(strstr(s->message, "92"));
	ck_assert_ptr_nonnull(strstr(p->message, "99.9"));
	nb_findings_free(&f);
	nb_report_free(r);
}
END_TEST

START_TEST(inconsistent_measure_names_both_values)
{
	nb_report *r = report_with("other", "全年接访下访43次。\n主要负责人带头接访下访69次。");
	nb_findings f = {0};
	check(r, &f);
	ck_assert_uint_eq(count_rule(&f, "number-inconsistent"), 1);
	const nb_finding *x = find_rule(&f, "number-inconsistent");
	ck_assert_ptr_nonnull(strstr(x->message, "43"));
	ck_assert_ptr_nonnull(strstr(x->message, "69"));
	char *t = flagged(r, x);
	ck_assert_str_eq(t, "69次");
	free(t);
	nb_findings_free(&f);
	nb_report_free(r);
}
END_TEST

START_TEST(numbering_jump_and_skip)
{
	nb_report *r = report_with("problems", "1.执法力量不足。\n2.普法形式单一。");
	nb_findings f = {0};
	check(r, &f);
	ck_assert_uint_eq(count_rule(&f, "numbering"), 1);
	nb_findings_free(&f);
	nb_report_free(r);
	r = report_with("other", "（一）加强领导。\n（二）依法决策。\n（四）普法宣传。");
	nb_findings g = {0};
	check(r, &g);
	const nb_finding *x = find_rule(&g, "numbering");
	ck_assert_ptr_nonnull(x);
	ck_assert_str_eq(x->suggestion, "（三）");
	nb_findings_free(&g);
	nb_report_free(r);
}
END_TEST

START_TEST(section_recheck_matches_full_check)
{
	nb_report *r = report_with("other", "配备网格员 530 人，截止目前已完成。\n全年接访下访43次。");
	nb_report_add_section(r, "plan", "二、2025年推进法治政府建设的主要安排", "主要负责人带头接访下访69次,党党工委。");
	nb_findings full = {0}, part = {0};
	check(r, &full);
	check(r, &part);
	nb_check_opts o = {NULL, 0, lex};
	nb_check_section(r, tpl, &o, 1, &part);
	ck_assert_uint_eq(part.n, full.n);
	for (size_t i = 0; i < full.n; i++)
		ck_assert_str_eq(part.v[i].rule, full.v[i].rule);
	nb_findings_free(&full);
	nb_findings_free(&part);
	nb_report_free(r);
}
END_TEST

START_TEST(disabled_rules_stay_silent)
{
	nb_report *r = report_with("other", "截止目前,党党工委已完成。");
	const char *off[] = {"lexicon", "punct-width", NULL};
	nb_check_opts o = {off, 0, lex};
	nb_findings f = {0};
	nb_check_report(r, tpl, &o, &f);
	ck_assert_ptr_null(find_rule(&f, "lexicon"));
	ck_assert_ptr_null(find_rule(&f, "punct-width"));
	ck_assert_ptr_nonnull(find_rule(&f, "repeated-char"));
	nb_findings_free(&f);
	nb_report_free(r);
}
END_TEST

START_TEST(builtin_lexicon_used_when_none_given)
{
	nb_report *r = report_with("other", "推进法冶政府建设。");
	nb_findings f = {0};
	nb_check_report(r, tpl, NULL, &f);
	ck_assert_ptr_nonnull(find_rule(&f, "lexicon"));
	nb_findings_free(&f);
	nb_report_free(r);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("rules");
	TCase *tc = tcase_create("rules");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, clean_report_raises_nothing);
	tcase_add_test(tc, lexicon_finding_carries_span_and_fix);
	tcase_add_test(tc, fixes_change_only_flagged_text);
	tcase_add_test(tc, fix_of_one_rule_leaves_the_others);
	tcase_add_test(tc, dates_and_ranges_get_their_standard_form);
	tcase_add_test(tc, doc_number_is_rebuilt);
	tcase_add_test(tc, figure_contradictions_are_errors);
	tcase_add_test(tc, inconsistent_measure_names_both_values);
	tcase_add_test(tc, numbering_jump_and_skip);
	tcase_add_test(tc, section_recheck_matches_full_check);
	tcase_add_test(tc, disabled_rules_stay_silent);
	tcase_add_test(tc, builtin_lexicon_used_when_none_given);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
