/* test_silence.c — the `ignore:` list: it survives a save and reopen byte for byte, an entry
 * without a reason is refused, and after a check the findings an entry names are marked
 * suppressed (never removed) for a span that survives edits elsewhere, a section, or the report. */
#include "config.h"
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/check.h"
#include "nianbao/fix.h"
#include "nianbao/review.h"
#include "nianbao/silence.h"
#include "nianbao/template.h"
#include "nianbao/yamlio.h"

#define T "2025-03-01T10:00:00+08:00"

static const char *const MEASURES =
	"一是加强学习。组织干部学法8次，勇干担当。\n"
	"二是化解纠纷。党党工委牵头排查矛盾纠纷126件。\n"
	"三是普法宣传。党党员干部带头，开展宣传22场。";

static nb_report *sample_report(void)
{
	nb_report *r = nb_report_new();
	nb_report_set_meta(r, NB_META_YEAR, "2024");
	free(r->intro);
	r->intro = nb_xstrdup("现将有关情况报告如下：");
	nb_report_add_section(r, "measures", "一、主要举措和成效", MEASURES);
	nb_report_add_section(r, "problems", "二、存在的问题", "一是普法针对性不强，党党组学法不够。");
	return r;
}

/* A finding on the n-th occurrence of `quote` in section sidx, as a rule would produce it from
 * the current text. */
static void add_body_finding(nb_findings *f, const nb_report *r, size_t sidx, const char *rule,
			     const char *quote, int nth)
{
	const char *body = r->sections[sidx].body;
	const char *p = strstr(body, quote);
	while (p && --nth > 0)
		p = strstr(p + 1, quote);
	if (!p)
		return;
	nb_finding *x = nb_findings_add(f, rule, NB_SEV_WARNING, "消息", NULL);
	x->place = NB_PLACE_BODY;
	x->section = (int)sidx;
	x->off = (size_t)(p - body);
	x->len = strlen(quote);
	x->line = 10 + (int)sidx;
}

/* The "checker" of these tests: every 党党 and 勇干 in every section, re-found from the text. */
static void recheck(const nb_report *r, nb_findings *f)
{
	nb_findings_clear(f);
	for (size_t i = 0; i < r->nsections; i++) {
		for (int k = 1; k <= 4; k++) {
			add_body_finding(f, r, i, "repeated-char", "党党", k);
			add_body_finding(f, r, i, "lexicon", "勇干", k);
		}
	}
	nb_silence_apply(r, f);
}

/* Index of the finding of `rule` in section sidx whose span starts at the n-th `quote`. */
static long finding_at(const nb_findings *f, const nb_report *r, size_t sidx, const char *rule,
		       const char *quote, int nth)
{
	const char *body = r->sections[sidx].body;
	const char *p = strstr(body, quote);
	while (p && --nth > 0)
		p = strstr(p + 1, quote);
	if (!p)
		return -1;
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].section == (int)sidx && strcmp(f->v[i].rule, rule) == 0 &&
		    f->v[i].off == (size_t)(p - body))
			return (long)i;
	return -1;
}

static nb_report *load_text(const char *y, nb_load_warnings *w, nb_error *err)
{
	return nb_yaml_load(y, strlen(y), "r.yaml", w, err);
}

/* Inserts text at the start of section sidx's body (an edit elsewhere). */
static void prepend(nb_report *r, size_t sidx, const char *text)
{
	char *b = nb_xasprintf("%s%s", text, r->sections[sidx].body);
	nb_section_set_body(&r->sections[sidx], b);
	free(b);
}

/* ---- the YAML ---- */

START_TEST(ignore_round_trips_byte_for_byte)
{
	nb_report *r = sample_report();
	nb_report_add_ignore(r, "repeated-char", NB_IGNORE_SPAN, "measures", "。党党员", 2,
			     "“党党员”中后一个党字属“党员”", "李审核", T);
	nb_report_add_ignore(r, "lexicon", NB_IGNORE_SECTION, "problems", NULL, 1,
			     "引用原文，不改\n另见附件", "李审核", T);
	nb_report_add_ignore(r, "no-figures", NB_IGNORE_REPORT, NULL, NULL, 1, "true", "王", T);
	size_t len1;
	char *y1 = nb_yaml_save(r, &len1);
	ck_assert_ptr_nonnull(strstr(y1, "\nignore:\n"));
	ck_assert_ptr_nonnull(strstr(y1, "scope: span"));
	ck_assert_ptr_nonnull(strstr(y1, "scope: section"));
	ck_assert_ptr_nonnull(strstr(y1, "scope: report"));
	ck_assert_ptr_nonnull(strstr(y1, "occurrence: 2"));
	ck_assert_ptr_nonnull(strstr(y1, "reason: \"true\""));   /* text, not a boolean */

	nb_error err = {{0}};
	nb_load_warnings w = {0};
	nb_report *back = nb_yaml_load(y1, len1, "r.yaml", &w, &err);
	ck_assert_msg(back != NULL, "%s", err.msg);
	ck_assert_msg(w.n == 0, "reload warned: %s", w.n ? w.msg[0] : "");
	ck_assert_uint_eq(back->nignores, 3);
	for (size_t i = 0; i < 3; i++) {
		const nb_ignore *a = &r->ignores[i], *b = &back->ignores[i];
		ck_assert_str_eq(a->rule, b->rule);
		ck_assert_int_eq(a->scope, b->scope);
		ck_assert_str_eq(a->section, b->section);
		ck_assert_str_eq(a->quote, b->quote);
		ck_assert_int_eq(a->occurrence, b->occurrence);
		ck_assert_str_eq(a->reason, b->reason);
		ck_assert_str_eq(a->author, b->author);
		ck_assert_str_eq(a->time, b->time);
	}
	size_t len2;
	char *y2 = nb_yaml_save(back, &len2);
	ck_assert_uint_eq(len1, len2);
	ck_assert_mem_eq(y1, y2, len1);

	/* a copy of the report keeps them too */
	nb_report *c = nb_report_clone(back);
	size_t len3;
	char *y3 = nb_yaml_save(c, &len3);
	ck_assert_str_eq(y1, y3);

	/* a report without entries writes no `ignore:` key */
	while (c->nignores)
		nb_report_remove_ignore(c, 0);
	char *y4 = nb_yaml_save(c, NULL);
	ck_assert_ptr_null(strstr(y4, "ignore"));
	free(y1);
	free(y2);
	free(y3);
	free(y4);
	nb_load_warnings_free(&w);
	nb_report_free(c);
	nb_report_free(back);
	nb_report_free(r);
}
END_TEST

START_TEST(entry_without_reason_is_refused_at_its_line)
{
	static const char *const bad[] = {
		/* no reason */
		"nianbao: 1\nsections: []\nignore:\n  - rule: lexicon\n    scope: report\n",
		/* a blank one */
		"nianbao: 1\nsections: []\nignore:\n  - rule: lexicon\n    scope: report\n    reason: \"  \"\n",
		/* null */
		"nianbao: 1\nsections: []\nignore:\n  - rule: lexicon\n    scope: report\n    reason: ~\n",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		nb_error err = {{0}};
		nb_report *r = load_text(bad[i], NULL, &err);
		ck_assert_ptr_null(r);
		ck_assert_msg(strncmp(err.msg, "r.yaml:4:", 9) == 0, "message: %s", err.msg);
		ck_assert_ptr_nonnull(strstr(err.msg, "reason"));
		ck_assert_ptr_nonnull(strstr(err.msg, "lexicon"));
	}
}
END_TEST

START_TEST(malformed_entries_are_refused_or_warned)
{
	nb_error err = {{0}};
	/* a scope nianbao does not know */
	ck_assert_ptr_null(load_text("nianbao: 1\nignore:\n  - rule: lexicon\n    scope: paragraph\n"
				     "    reason: x\n", NULL, &err));
	ck_assert_ptr_nonnull(strstr(err.msg, "r.yaml:4:"));
	ck_assert_ptr_nonnull(strstr(err.msg, "scope"));
	/* a span without its quote, a section scope without its section, no rule */
	ck_assert_ptr_null(load_text("nianbao: 1\nignore:\n  - {rule: lexicon, scope: span, section: measures, "
				     "reason: x}\n", NULL, &err));
	ck_assert_ptr_nonnull(strstr(err.msg, "quote"));
	ck_assert_ptr_null(load_text("nianbao: 1\nignore:\n  - {rule: lexicon, scope: section, reason: x}\n",
				     NULL, &err));
	ck_assert_ptr_nonnull(strstr(err.msg, "section"));
	ck_assert_ptr_null(load_text("nianbao: 1\nignore:\n  - {scope: report, reason: x}\n", NULL, &err));
	ck_assert_ptr_nonnull(strstr(err.msg, "rule"));
	ck_assert_ptr_null(load_text("nianbao: 1\nignore: just text\n", NULL, &err));
	ck_assert_ptr_nonnull(strstr(err.msg, "ignore"));

	/* unknown keys and unknown rules are warnings; the entry is kept */
	nb_load_warnings w = {0};
	nb_report *r = load_text("nianbao: 1\nignore:\n  - rule: no-such-rule\n    reason: 本地规则\n"
				 "    colour: red\n", &w, &err);
	ck_assert_msg(r != NULL, "%s", err.msg);
	ck_assert_uint_eq(r->nignores, 1);
	ck_assert_uint_eq(w.n, 2);
	bool rule_warned = false, key_warned = false;
	for (size_t k = 0; k < w.n; k++) {
		rule_warned = rule_warned || (strstr(w.msg[k], "r.yaml:3:") && strstr(w.msg[k], "no-such-rule"));
		key_warned = key_warned || (strstr(w.msg[k], "r.yaml:5:") && strstr(w.msg[k], "colour"));
	}
	ck_assert(rule_warned && key_warned);
	nb_load_warnings_free(&w);
	nb_report_free(r);

	/* without `scope` it follows from what is given */
	r = load_text("nianbao: 1\nignore:\n  - {rule: lexicon, section: measures, quote: 勇干, reason: a}\n"
		      "  - {rule: lexicon, section: measures, reason: b}\n  - {rule: lexicon, reason: c}\n",
		      NULL, &err);
	ck_assert_msg(r != NULL, "%s", err.msg);
	ck_assert_int_eq(r->ignores[0].scope, NB_IGNORE_SPAN);
	ck_assert_int_eq(r->ignores[1].scope, NB_IGNORE_SECTION);
	ck_assert_int_eq(r->ignores[2].scope, NB_IGNORE_REPORT);
	nb_report_free(r);
}
END_TEST

/* ---- matching ---- */

START_TEST(span_entry_survives_an_edit_elsewhere)
{
	nb_report *r = sample_report();
	nb_findings f = {0};
	recheck(r, &f);
	/* the 党党 of 党党员 (the second in measures) is right: silence it there only */
	long i = finding_at(&f, r, 0, "repeated-char", "党党", 2);
	ck_assert_int_ge(i, 0);
	nb_error err = {{0}};
	long e = nb_silence_add(r, &f.v[i], NB_IGNORE_SPAN, "“党党员”不是重复字", "李审核", T, &err);
	ck_assert_msg(e >= 0, "%s", err.msg);
	/* the quote is widened until it is the only one in the section */
	const nb_ignore *ig = &r->ignores[e];
	ck_assert_str_eq(ig->section, "measures");
	ck_assert_ptr_nonnull(strstr(ig->quote, "党党员"));
	const char *at = strstr(MEASURES, ig->quote);
	ck_assert_ptr_nonnull(at);
	ck_assert_ptr_null(strstr(at + 1, ig->quote));

	recheck(r, &f);
	ck_assert_uint_eq(nb_findings_count_suppressed(&f), 1);
	i = finding_at(&f, r, 0, "repeated-char", "党党", 2);
	ck_assert(f.v[i].suppressed);
	ck_assert_ptr_eq(nb_silence_entry_of(r, &f.v[i]), &r->ignores[e]);
	ck_assert(!f.v[finding_at(&f, r, 0, "repeated-char", "党党", 1)].suppressed);
	ck_assert(!f.v[finding_at(&f, r, 1, "repeated-char", "党党", 1)].suppressed);
	ck_assert_uint_eq(f.n, 4);   /* suppressed, not removed */

	/* text with another 党党 added before both: the same words stay silenced, the new ones not */
	prepend(r, 0, "零是新增内容，党党建引领。\n");
	recheck(r, &f);
	ck_assert_uint_eq(f.n, 5);
	ck_assert_uint_eq(nb_findings_count_suppressed(&f), 1);
	ck_assert(f.v[finding_at(&f, r, 0, "repeated-char", "党党", 3)].suppressed);
	ck_assert(!f.v[finding_at(&f, r, 0, "repeated-char", "党党", 1)].suppressed);
	ck_assert(!f.v[finding_at(&f, r, 0, "repeated-char", "党党", 2)].suppressed);

	/* a span whose words were unique when silenced: the same words added earlier later are
	 * reported, the silenced ones stay silenced */
	i = finding_at(&f, r, 0, "lexicon", "勇干", 1);
	ck_assert_int_ge(nb_silence_add(r, &f.v[i], NB_IGNORE_SPAN, "人名", "李审核", T, &err), 0);
	prepend(r, 0, "勇干同志带队检查。\n");
	recheck(r, &f);
	long first = finding_at(&f, r, 0, "lexicon", "勇干", 1), second = finding_at(&f, r, 0, "lexicon", "勇干", 2);
	ck_assert(first >= 0 && second >= 0);
	ck_assert(!f.v[first].suppressed);
	ck_assert(f.v[second].suppressed);
	ck_assert_uint_eq(nb_findings_count_suppressed(&f), 2);
	nb_report_remove_ignore(r, r->nignores - 1);
	recheck(r, &f);

	/* the reopened report silences the same finding */
	char *y = nb_yaml_save(r, NULL);
	nb_report *back = load_text(y, NULL, &err);
	ck_assert_msg(back != NULL, "%s", err.msg);
	recheck(back, &f);
	ck_assert(f.v[finding_at(&f, back, 0, "repeated-char", "党党", 3)].suppressed);
	ck_assert_uint_eq(nb_findings_count_suppressed(&f), 1);

	/* the silenced words themselves edited away: the entry silences nothing and is counted */
	char *b = nb_xstrdup(back->sections[0].body);
	char *p = strstr(b, "党党员");
	memcpy(p, "全体", strlen("全体"));   /* 党党员 → 全体员: still 9 bytes */
	nb_section_set_body(&back->sections[0], b);
	free(b);
	recheck(back, &f);
	ck_assert_uint_eq(nb_findings_count_suppressed(&f), 0);
	ck_assert_uint_eq(nb_silence_count(back, &f).unused, 1);
	ck_assert_uint_eq(back->nignores, 1);   /* kept */
	free(y);
	nb_report_free(back);
	nb_findings_free(&f);
	nb_report_free(r);
}
END_TEST

START_TEST(section_and_report_scope)
{
	nb_report *r = sample_report();
	nb_findings f = {0};
	recheck(r, &f);
	ck_assert_uint_eq(f.n, 4);   /* 3 × 党党 (2 measures, 1 problems), 1 × 勇干 */
	long i = finding_at(&f, r, 0, "repeated-char", "党党", 1);
	nb_error err = {{0}};
	ck_assert_int_ge(nb_silence_add(r, &f.v[i], NB_IGNORE_SECTION, "本部分引用文件原文", "李", T, &err), 0);
	ck_assert_str_eq(r->ignores[0].section, "measures");
	ck_assert_str_eq(r->ignores[0].quote, "");
	recheck(r, &f);
	ck_assert_uint_eq(nb_findings_count_suppressed(&f), 2);   /* both in measures, not problems */
	ck_assert(!f.v[finding_at(&f, r, 1, "repeated-char", "党党", 1)].suppressed);
	ck_assert(!f.v[finding_at(&f, r, 0, "lexicon", "勇干", 1)].suppressed);   /* another rule */

	/* a section named by its heading works as well as by its id */
	nb_report_add_ignore(r, "repeated-char", NB_IGNORE_SECTION, "二、存在的问题", NULL, 1, "原文", "李", T);
	recheck(r, &f);
	ck_assert_uint_eq(nb_findings_count_suppressed(&f), 3);
	nb_report_remove_ignore(r, 1);

	/* the whole report */
	i = finding_at(&f, r, 0, "lexicon", "勇干", 1);
	ck_assert_int_ge(nb_silence_add(r, &f.v[i], NB_IGNORE_REPORT, "内部简称", "李", T, &err), 0);
	ck_assert_str_eq(r->ignores[1].section, "");
	recheck(r, &f);
	ck_assert_uint_eq(nb_findings_count_suppressed(&f), 3);
	nb_silence_counts c = nb_silence_count(r, &f);
	ck_assert_uint_eq(c.suppressed, 3);
	ck_assert_uint_eq(c.by_severity[NB_SEV_WARNING], 3);
	ck_assert_uint_eq(c.unused, 0);
	ck_assert_uint_eq(nb_findings_count(&f, NB_SEV_WARNING), 1);   /* only problems' 党党 */

	/* the summary line names each entry's rule and reason */
	char *s = nb_silence_summary(r, &f);
	ck_assert_ptr_nonnull(s);
	ck_assert_ptr_nonnull(strstr(s, "3 条已按忽略规则隐藏"));
	ck_assert_ptr_nonnull(strstr(s, "repeated-char: 本部分引用文件原文 ×2"));
	ck_assert_ptr_nonnull(strstr(s, "lexicon: 内部简称"));
	free(s);

	/* text output leaves them out; JSON lists them flagged */
	char *text = nb_findings_format_text(&f, "r.yaml");
	ck_assert_ptr_null(strstr(text, "[lexicon]"));
	ck_assert_int_eq((int)(strchr(text, '\n') - text + 1), (int)strlen(text));   /* one line */
	char *json = nb_findings_format_json(&f, r, "r.yaml");
	ck_assert_ptr_nonnull(strstr(json, "\"suppressed\": true, \"ignore_scope\": \"report\", "
					   "\"ignore_reason\": \"内部简称\""));
	ck_assert_ptr_nonnull(strstr(json, "\"rule\": \"repeated-char\", \"section\": \"problems\""));
	const char *obj = strstr(json, "\"section\": \"problems\"");
	const char *end = strchr(obj, '}'), *sup = strstr(obj, "suppressed");
	ck_assert_msg(!sup || sup > end, "an unsilenced finding is marked suppressed");
	free(text);
	free(json);
	nb_findings_free(&f);
	nb_report_free(r);
}
END_TEST

START_TEST(adding_needs_a_reason_and_a_possible_scope)
{
	nb_report *r = sample_report();
	nb_findings f = {0};
	recheck(r, &f);
	nb_error err = {{0}};
	ck_assert_int_eq(nb_silence_add(r, &f.v[0], NB_IGNORE_REPORT, " \n", "李", T, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "理由"));
	ck_assert_int_eq(nb_silence_add(r, &f.v[0], NB_IGNORE_SPAN, NULL, "李", T, &err), -1);
	ck_assert_uint_eq(r->nignores, 0);
	/* a finding about the whole document has no span and no section */
	nb_finding *doc = nb_findings_add(&f, "section-missing", NB_SEV_ERROR, "缺少第一责任人部分", NULL);
	ck_assert(!nb_silence_scope_ok(r, doc, NB_IGNORE_SPAN));
	ck_assert(!nb_silence_scope_ok(r, doc, NB_IGNORE_SECTION));
	ck_assert(nb_silence_scope_ok(r, doc, NB_IGNORE_REPORT));
	ck_assert_int_eq(nb_silence_add(r, doc, NB_IGNORE_SECTION, "另行报送", "李", T, &err), -1);
	ck_assert_int_ge(nb_silence_add(r, doc, NB_IGNORE_REPORT, "另行报送", "李", T, &err), 0);
	ck_assert(nb_silence_scope_ok(r, &f.v[0], NB_IGNORE_SPAN));
	nb_findings_free(&f);
	nb_report_free(r);
}
END_TEST

/* ---- with the real checker ---- */

START_TEST(check_marks_suppressed_and_fix_leaves_them)
{
	nb_template *t = nb_template_builtin();
	nb_report *r = sample_report();
	nb_check_opts o = {0};
	nb_findings f = {0};
	nb_check_report(r, t, &o, &f);
	size_t n = f.n;
	long i = -1;
	for (size_t k = 0; k < f.n && i < 0; k++)
		if (strcmp(f.v[k].rule, "lexicon") == 0 && f.v[k].fixable && f.v[k].section == 0)
			i = (long)k;
	ck_assert_msg(i >= 0, "the checker no longer flags 勇干");
	nb_error err = {{0}};
	ck_assert_int_ge(nb_silence_add(r, &f.v[i], NB_IGNORE_SPAN, "人名", "李", T, &err), 0);
	nb_findings_clear(&f);
	nb_check_report(r, t, &o, &f);
	ck_assert_uint_eq(f.n, n);   /* nothing removed */
	ck_assert_uint_eq(nb_findings_count_suppressed(&f), 1);
	/* nb_check_section marks them too */
	nb_check_section(r, t, &o, 0, &f);
	ck_assert_uint_eq(f.n, n);
	ck_assert_uint_eq(nb_findings_count_suppressed(&f), 1);
	/* a fix of every lexicon finding leaves the silenced one alone */
	nb_fix_apply(r, &f, "lexicon", -1, NULL);
	ck_assert_ptr_nonnull(strstr(r->sections[0].body, "勇干"));
	nb_findings_free(&f);
	nb_report_free(r);
	nb_template_free(t);
}
END_TEST

static Suite *silence_suite(void)
{
	Suite *s = suite_create("silence");
	TCase *tc = tcase_create("yaml");
	tcase_add_test(tc, ignore_round_trips_byte_for_byte);
	tcase_add_test(tc, entry_without_reason_is_refused_at_its_line);
	tcase_add_test(tc, malformed_entries_are_refused_or_warned);
	suite_add_tcase(s, tc);
	tc = tcase_create("matching");
	tcase_add_test(tc, span_entry_survives_an_edit_elsewhere);
	tcase_add_test(tc, section_and_report_scope);
	tcase_add_test(tc, adding_needs_a_reason_and_a_possible_scope);
	tcase_add_test(tc, check_marks_suppressed_and_fix_leaves_them);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(silence_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
