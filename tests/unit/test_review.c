/* test_review.c — review decisions on findings and 批注 anchoring: what the reviewer marked stays
 * marked across re-checks, edits and a save/reopen; a 批注 whose text is gone is orphaned, never lost. */
#include "config.h"
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/check.h"
#include "nianbao/load.h"
#include "nianbao/review.h"
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
	nb_report_add_section(r, "problems", "二、存在的问题", "一是普法针对性不强。二是法律顾问作用发挥不充分。");
	return r;
}

/* A finding on the first (or n-th) occurrence of `quote` in section sidx: what a rule would
 * produce. The offsets are found in the current text, as a re-check would find them. */
static void add_body_finding(nb_findings *f, const nb_report *r, size_t sidx, const char *rule,
			     const char *quote, int nth, const char *message)
{
	const char *body = r->sections[sidx].body;
	const char *p = strstr(body, quote);
	while (p && --nth > 0)
		p = strstr(p + 1, quote);
	if (!p)
		return;   /* the text is gone: no finding */
	nb_finding *x = nb_findings_add(f, rule, NB_SEV_WARNING, message, NULL);
	x->place = NB_PLACE_BODY;
	x->section = (int)sidx;
	x->off = (size_t)(p - body);
	x->len = strlen(quote);
	x->line = 10 + (int)sidx;
}

/* What the "checker" finds in the sample: one look-alike and two doubled characters. */
static void recheck(const nb_report *r, nb_findings *f)
{
	nb_findings_clear(f);
	for (size_t i = 0; i < r->nsections; i++) {
		if (!r->sections[i].id || strcmp(r->sections[i].id, "measures") != 0)
			continue;
		add_body_finding(f, r, i, "lexicon", "勇干", 1, "“勇干”应为“勇于”");
		add_body_finding(f, r, i, "repeated-char", "党党", 1, "“党党”疑为误输入的重复字");
		add_body_finding(f, r, i, "repeated-char", "党党", 2, "“党党”疑为误输入的重复字");
	}
}

static long find_finding(const nb_findings *f, const nb_report *r, const char *rule, int nth)
{
	for (size_t i = 0; i < f->n; i++) {
		if (strcmp(f->v[i].rule, rule) != 0)
			continue;
		nb_finding_key k;
		nb_finding_key_make(r, f, i, &k);
		int occ = k.occurrence;
		nb_finding_key_free(&k);
		if (occ == nth)
			return (long)i;
	}
	return -1;
}

static nb_report *reload(const nb_report *r, char **saved)
{
	size_t len;
	char *y = nb_yaml_save(r, &len);
	nb_error err = {{0}};
	nb_load_warnings w = {0};
	nb_report *back = nb_yaml_load(y, len, "r.yaml", &w, &err);
	ck_assert_msg(back != NULL, "reload failed: %s", err.msg);
	ck_assert_msg(w.n == 0, "reload warned: %s", w.n ? w.msg[0] : "");
	nb_load_warnings_free(&w);
	if (saved)
		*saved = y;
	else
		free(y);
	return back;
}

/* ---- decisions ---- */

START_TEST(decisions_round_trip_through_yaml)
{
	nb_report *r = sample_report();
	nb_findings f = {0};
	recheck(r, &f);
	ck_assert_uint_eq(f.n, 3);
	long lex = find_finding(&f, r, "lexicon", 1), rep2 = find_finding(&f, r, "repeated-char", 2);
	ck_assert(lex >= 0 && rep2 >= 0);
	ck_assert_int_ge(nb_review_decide(r, &f, (size_t)rep2, NB_DECISION_DISMISSED,
					  "“党党员”是正确用法：党员二字前的党字属上一词", "李审核", T), 0);
	ck_assert_int_ge(nb_review_decide(r, &f, (size_t)lex, NB_DECISION_ACCEPTED, NULL, "李审核", T), 0);

	char *y1;
	nb_report *back = reload(r, &y1);
	ck_assert_ptr_nonnull(strstr(y1, "\ndecisions:\n"));
	ck_assert_ptr_nonnull(strstr(y1, "decision: dismissed"));
	ck_assert_ptr_nonnull(strstr(y1, "occurrence: 2"));
	ck_assert_uint_eq(back->ndecisions, 2);
	for (size_t i = 0; i < 2; i++) {
		const nb_decision *a = &r->decisions[i], *b = &back->decisions[i];
		ck_assert_str_eq(a->rule, b->rule);
		ck_assert_str_eq(a->section, b->section);
		ck_assert_str_eq(a->quote, b->quote);
		ck_assert_str_eq(a->message, b->message);
		ck_assert_int_eq(a->occurrence, b->occurrence);
		ck_assert_int_eq(a->decision, b->decision);
		ck_assert_str_eq(a->reason, b->reason);
		ck_assert_str_eq(a->author, b->author);
		ck_assert_str_eq(a->time, b->time);
	}
	/* saving the reloaded report gives the same bytes */
	char *y2;
	nb_report *again = reload(back, &y2);
	ck_assert_str_eq(y1, y2);

	/* the reopened report marks the same findings */
	nb_review_counts c = nb_review_apply(back, &f);
	ck_assert_int_eq(f.v[rep2].decision, NB_DECISION_DISMISSED);
	ck_assert_str_eq(nb_review_decision_of(back, &f.v[rep2])->reason,
			 "“党党员”是正确用法：党员二字前的党字属上一词");
	ck_assert_int_eq(f.v[lex].decision, NB_DECISION_ACCEPTED);
	ck_assert_uint_eq(c.dismissed, 1);
	ck_assert_uint_eq(c.accepted, 1);
	ck_assert_uint_eq(c.undecided, 1);
	ck_assert_uint_eq(c.by_severity[NB_SEV_WARNING], 2);   /* the dismissed one is apart */
	ck_assert_uint_eq(f.n, 3);                            /* and still in the list */
	free(y1);
	free(y2);
	nb_report_free(again);
	nb_report_free(back);
	nb_report_free(r);
	nb_findings_free(&f);
}
END_TEST

START_TEST(decisions_survive_edits_elsewhere)
{
	nb_report *r = sample_report();
	nb_findings f = {0};
	recheck(r, &f);
	long rep2 = find_finding(&f, r, "repeated-char", 2);
	nb_review_decide(r, &f, (size_t)rep2, NB_DECISION_DISMISSED, "正确用法", "李审核", T);

	/* The colleague adds a paragraph at the top of the section and rewrites another section:
	 * every offset moves, the finding is the same. */
	nb_section *m = &r->sections[0];
	char *body = nb_xasprintf("全年召开专题会议4次，研究部署法治建设工作。\n%s", m->body);
	nb_section_set_body(m, body);
	free(body);
	nb_section_set_body(&r->sections[1], "普法针对性不强，原因是调研不够。");
	recheck(r, &f);
	nb_review_counts c = nb_review_apply(r, &f);
	long now2 = find_finding(&f, r, "repeated-char", 2), now1 = find_finding(&f, r, "repeated-char", 1);
	ck_assert_int_eq(f.v[now2].decision, NB_DECISION_DISMISSED);
	ck_assert_int_eq(f.v[now1].decision, NB_DECISION_NONE);
	ck_assert_uint_eq(c.stale, 0);

	/* The doubled character the reviewer dismissed is rewritten: the decision matches nothing,
	 * but it is kept (and saved), and counted as stale. */
	char *p = strstr(r->sections[0].body, "党党员");
	ck_assert_ptr_nonnull(p);
	body = nb_xstrdup(r->sections[0].body);
	memcpy(body + (p - r->sections[0].body), "全体党", strlen("全体党"));   /* 党党员 → 全体党员 */
	nb_section_set_body(&r->sections[0], body);
	free(body);
	recheck(r, &f);
	c = nb_review_apply(r, &f);
	ck_assert_uint_eq(c.stale, 1);
	ck_assert_uint_eq(c.dismissed, 0);
	ck_assert_uint_eq(r->ndecisions, 1);
	char *y;
	nb_report *back = reload(r, &y);
	ck_assert_ptr_nonnull(strstr(y, "reason: 正确用法"));
	free(y);
	nb_report_free(back);
	nb_report_free(r);
	nb_findings_free(&f);
}
END_TEST

START_TEST(deciding_again_replaces_and_none_removes)
{
	nb_report *r = sample_report();
	nb_findings f = {0};
	recheck(r, &f);
	nb_review_decide(r, &f, 0, NB_DECISION_DISMISSED, "误报", "甲", T);
	nb_review_decide(r, &f, 0, NB_DECISION_ACCEPTED, NULL, "乙", T);
	ck_assert_uint_eq(r->ndecisions, 1);
	ck_assert_int_eq(r->decisions[0].decision, NB_DECISION_ACCEPTED);
	ck_assert_str_eq(r->decisions[0].author, "乙");
	ck_assert_int_eq(nb_review_decide(r, &f, 0, NB_DECISION_NONE, NULL, NULL, NULL), -1);
	ck_assert_uint_eq(r->ndecisions, 0);
	/* without author and time, the login name and now are recorded */
	setenv("NIANBAO_AUTHOR", "王审核", 1);
	nb_review_decide(r, &f, 1, NB_DECISION_DISMISSED, NULL, NULL, NULL);
	ck_assert_str_eq(r->decisions[0].author, "王审核");
	ck_assert_uint_eq(strlen(r->decisions[0].time), strlen(T));
	ck_assert(r->decisions[0].time[4] == '-' && r->decisions[0].time[10] == 'T');
	unsetenv("NIANBAO_AUTHOR");
	nb_report_free(r);
	nb_findings_free(&f);
}
END_TEST

START_TEST(messages_compare_without_counts)
{
	ck_assert(nb_review_message_equal("内容过少（35字，至少200字）", "内容过少（41字，至少200字）"));
	ck_assert(!nb_review_message_equal("未写到“述法”（依据《规定》）", "未写到“出庭应诉”（依据《规定》）"));

	/* Two item-missing findings on one heading: dismissing one never dismisses the other, even
	 * when the dismissed one is gone. */
	nb_report *r = sample_report();
	nb_findings f = {0};
	const char *items[] = {"未写到“述法”", "未写到“出庭应诉”"};
	for (int i = 0; i < 2; i++) {
		nb_finding *x = nb_findings_add(&f, "item-missing", NB_SEV_WARNING, items[i], NULL);
		x->place = NB_PLACE_HEADING;
		x->section = 0;
		x->len = strlen(r->sections[0].heading);
	}
	nb_review_decide(r, &f, 0, NB_DECISION_DISMISSED, "另有专门报告", "甲", T);
	nb_findings_clear(&f);
	nb_finding *x = nb_findings_add(&f, "item-missing", NB_SEV_WARNING, items[1], NULL);
	x->place = NB_PLACE_HEADING;
	x->section = 0;
	x->len = strlen(r->sections[0].heading);
	nb_review_counts c = nb_review_apply(r, &f);
	ck_assert_int_eq(f.v[0].decision, NB_DECISION_NONE);
	ck_assert_uint_eq(c.stale, 1);
	nb_report_free(r);
	nb_findings_free(&f);
}
END_TEST

/* With the real checker: a dismissed section-empty finding stays dismissed after more text. */
START_TEST(decisions_on_real_checker_findings)
{
	nb_template *t = nb_template_builtin();
	nb_report *r = nb_report_from_template(t, "某某镇人民政府", 2024, "乡镇");
	nb_check_opts o = {.today_year = 2025};
	nb_findings f = {0};
	nb_check_report(r, t, &o, &f);
	long empty = -1;
	for (size_t i = 0; i < f.n && empty < 0; i++)
		if (strcmp(f.v[i].rule, "section-empty") == 0)
			empty = (long)i;
	ck_assert(empty >= 0);
	const char *sec = nb_finding_section_name(r, &f.v[empty]);
	ck_assert_str_ne(sec, "");
	char *secid = nb_xstrdup(sec);
	/* some text in that section, still too short */
	nb_section *s = nb_report_find_section(r, secid);
	nb_section_set_body(s, "开展了工作。");
	nb_findings_clear(&f);
	nb_check_report(r, t, &o, &f);
	empty = -1;
	for (size_t i = 0; i < f.n && empty < 0; i++)
		if (strcmp(f.v[i].rule, "section-empty") == 0 &&
		    strcmp(nb_finding_section_name(r, &f.v[i]), secid) == 0)
			empty = (long)i;
	ck_assert(empty >= 0);
	nb_review_decide(r, &f, (size_t)empty, NB_DECISION_DISMISSED, "本单位另行报送", "甲", T);

	/* a little more text, still too short: the count in the message changes, the decision holds */
	nb_section_set_body(s, "开展了相关工作。");
	nb_report *back = reload(r, NULL);
	nb_findings_clear(&f);
	nb_check_report(back, t, &o, &f);
	nb_review_counts c = nb_review_apply(back, &f);
	ck_assert_uint_eq(c.dismissed, 1);
	bool seen = false;
	for (size_t i = 0; i < f.n; i++)
		if (f.v[i].decision == NB_DECISION_DISMISSED) {
			ck_assert_str_eq(f.v[i].rule, "section-empty");
			ck_assert_str_eq(nb_finding_section_name(back, &f.v[i]), secid);
			seen = true;
		}
	ck_assert(seen);
	free(secid);
	nb_report_free(back);
	nb_report_free(r);
	nb_findings_free(&f);
	nb_template_free(t);
}
END_TEST

START_TEST(bad_decisions_in_yaml)
{
	nb_error err = {{0}};
	nb_load_warnings w = {0};
	const char *bad = "nianbao: 1\nsections: []\ndecisions:\n  - rule: lexicon\n    decision: maybe\n";
	ck_assert_ptr_null(nb_yaml_load(bad, strlen(bad), "d.yaml", &w, &err));
	ck_assert_ptr_nonnull(strstr(err.msg, "d.yaml:5"));
	ck_assert_ptr_nonnull(strstr(err.msg, "accepted or dismissed"));
	const char *norule = "nianbao: 1\ndecisions:\n  - decision: accepted\n";
	ck_assert_ptr_null(nb_yaml_load(norule, strlen(norule), "d.yaml", &w, &err));
	ck_assert_ptr_nonnull(strstr(err.msg, "rule"));
	const char *occ = "nianbao: 1\ndecisions:\n  - {rule: x, decision: accepted, occurrence: 0}\n";
	ck_assert_ptr_null(nb_yaml_load(occ, strlen(occ), "d.yaml", &w, &err));
	ck_assert_ptr_nonnull(strstr(err.msg, "occurrence"));
	/* unknown keys are warned about, the decision is kept */
	const char *extra = "nianbao: 1\ndecisions:\n  - {rule: x, decision: accepted, colour: red}\n";
	nb_report *r = nb_yaml_load(extra, strlen(extra), "d.yaml", &w, &err);
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(r->ndecisions, 1);
	ck_assert_uint_eq(w.n, 1);
	ck_assert_ptr_nonnull(strstr(w.msg[0], "colour"));
	nb_load_warnings_free(&w);
	nb_report_free(r);
}
END_TEST

/* ---- 批注 ---- */

static const char *anchored(const nb_report *r, size_t ci, nb_anchor *a)
{
	static char buf[256];
	if (nb_comment_resolve(r, &r->comments[ci], a) != NB_ANCHOR_FOUND)
		return NULL;
	snprintf(buf, sizeof buf, "%.*s", (int)a->len, nb_anchor_text(r, a) + a->off);
	return buf;
}

START_TEST(comment_survives_edits_elsewhere)
{
	nb_report *r = sample_report();
	const char *body = r->sections[0].body;
	size_t off = (size_t)(strstr(body, "排查矛盾纠纷126件") - body);
	long ci = nb_review_add_comment(r, 0, off, strlen("排查矛盾纠纷126件"), "请写明化解率", "李审核", T);
	ck_assert_int_eq(ci, 0);
	ck_assert_str_eq(r->comments[0].section_id, "measures");
	ck_assert_str_eq(r->comments[0].quote, "排查矛盾纠纷126件");

	/* text added before it, in the same section, and another section rewritten */
	char *nb = nb_xasprintf("全年召开专题会议4次。\n%s\n四是强化监督。", r->sections[0].body);
	nb_section_set_body(&r->sections[0], nb);
	free(nb);
	nb_section_set_body(&r->sections[1], "全新的问题部分。");
	nb_anchor a;
	ck_assert_str_eq(anchored(r, 0, &a), "排查矛盾纠纷126件");
	ck_assert_int_eq(a.section, 0);

	/* saved and reopened, it is still there */
	nb_report *back = reload(r, NULL);
	ck_assert_uint_eq(back->ncomments, 1);
	ck_assert_str_eq(back->comments[0].text, "请写明化解率");
	ck_assert_str_eq(back->comments[0].author, "李审核");
	ck_assert_str_eq(back->comments[0].time, T);
	ck_assert_str_eq(anchored(back, 0, &a), "排查矛盾纠纷126件");
	nb_report_free(back);
	nb_report_free(r);
}
END_TEST

START_TEST(comment_orphaned_never_lost)
{
	nb_report *r = sample_report();
	const char *body = r->sections[0].body;
	size_t off = (size_t)(strstr(body, "勇干担当") - body);
	nb_review_add_comment(r, 0, off, strlen("勇干担当"), "错字", "李审核", T);
	nb_review_add_comment(r, 1, 0, 0, "问题部分缺少原因分析", "李审核", T);   /* whole section */

	/* the quoted words are deleted */
	char *nbody = nb_xstrdup(body);
	char *p = strstr(nbody, "，勇干担当");
	memmove(p, p + strlen("，勇干担当"), strlen(p + strlen("，勇干担当")) + 1);
	nb_section_set_body(&r->sections[0], nbody);
	free(nbody);
	nb_anchor a;
	ck_assert_int_eq(nb_comment_resolve(r, &r->comments[0], &a), NB_ANCHOR_ORPHANED);
	ck_assert_int_eq(nb_comment_resolve(r, &r->comments[1], &a), NB_ANCHOR_SECTION);
	ck_assert_int_eq(a.section, 1);
	nb_review_update_anchors(r);   /* does not drop or move the orphan */
	ck_assert_uint_eq(r->ncomments, 2);

	/* saved and reopened: the orphan is still there with its words */
	char *y;
	nb_report *back = reload(r, &y);
	ck_assert_uint_eq(back->ncomments, 2);
	ck_assert_str_eq(back->comments[0].quote, "勇干担当");
	ck_assert_str_eq(back->comments[0].text, "错字");
	ck_assert_int_eq(nb_comment_resolve(back, &back->comments[0], &a), NB_ANCHOR_ORPHANED);

	/* a section that is gone orphans its 批注 too */
	nb_report_free(back);
	back = reload(r, NULL);
	free(back->sections[1].id);
	back->sections[1].id = nb_xstrdup("other");
	ck_assert_int_eq(nb_comment_resolve(back, &back->comments[1], &a), NB_ANCHOR_ORPHANED);
	free(y);
	nb_report_free(back);
	nb_report_free(r);
}
END_TEST

START_TEST(repeated_quote_keeps_its_place)
{
	nb_report *r = sample_report();
	const char *body = r->sections[0].body;
	const char *second = strstr(strstr(body, "党党") + 1, "党党");
	nb_review_add_comment(r, 0, (size_t)(second - body), strlen("党党"), "这里不是错字", "甲", T);
	ck_assert_int_eq(r->comments[0].occurrence, 2);

	/* text added at the top and between the two: still the second one */
	char *nb = nb_xasprintf("一二三四五六七八九十一二三四五六七八九十\n%s", body);
	char *mid = strstr(nb, "二是");
	char *nb2 = nb_xasprintf("%.*s全年新增调解员12名。%s", (int)(mid - nb), nb, mid);
	nb_section_set_body(&r->sections[0], nb2);
	free(nb);
	free(nb2);
	nb_report *back = reload(r, NULL);
	nb_anchor a;
	ck_assert_ptr_nonnull(anchored(back, 0, &a));
	const char *b2 = back->sections[0].body;
	const char *want = strstr(strstr(b2, "党党") + 1, "党党");
	ck_assert_uint_eq(a.off, (size_t)(want - b2));

	/* without an occurrence (hand-written YAML) the first one is taken */
	back->comments[0].occurrence = 0;
	ck_assert_ptr_nonnull(anchored(back, 0, &a));
	ck_assert_uint_eq(a.off, (size_t)(strstr(b2, "党党") - b2));
	nb_report_free(back);
	nb_report_free(r);
}
END_TEST

START_TEST(comment_add_edit_delete)
{
	nb_report *r = sample_report();
	ck_assert_int_eq(nb_review_add_comment(r, 5, 0, 0, "x", "甲", T), -1);       /* no section 5 */
	ck_assert_int_eq(nb_review_add_comment(r, 0, 100000, 1, "x", "甲", T), -1);  /* beyond the text */
	ck_assert_uint_eq(r->ncomments, 0);
	long a = nb_review_add_comment(r, -1, 0, strlen("现将"), "开头太短", "甲", T);   /* the intro */
	long b = nb_review_add_comment(r, 1, 0, strlen("一是"), "第二条", "乙", T);
	ck_assert_int_eq(a, 0);
	ck_assert_int_eq(b, 1);
	ck_assert_str_eq(r->comments[0].section_id, "intro");
	nb_anchor an;
	ck_assert_int_eq(nb_comment_resolve(r, &r->comments[0], &an), NB_ANCHOR_FOUND);
	ck_assert(an.intro);
	ck_assert_int_eq(nb_review_edit_comment(r, 1, "改：第二条意见", NULL, "2025-03-02T09:00:00+08:00"), 0);
	ck_assert_str_eq(r->comments[1].text, "改：第二条意见");
	ck_assert_str_eq(r->comments[1].author, "乙");
	ck_assert_int_eq(nb_review_delete_comment(r, 0), 0);
	ck_assert_uint_eq(r->ncomments, 1);
	ck_assert_str_eq(r->comments[0].text, "改：第二条意见");
	ck_assert_int_eq(nb_review_delete_comment(r, 3), -1);

	/* two parts mapped to one template section: the 批注 names its part by heading */
	nb_report_add_section(r, "measures", "三、其他举措", "持续推进依法行政。");
	long c = nb_review_add_comment(r, 2, 0, strlen("持续"), "说明具体举措", "甲", T);
	ck_assert_str_eq(r->comments[c].section_id, "三、其他举措");
	ck_assert_int_eq(nb_comment_resolve(r, &r->comments[c], &an), NB_ANCHOR_FOUND);
	ck_assert_int_eq(an.section, 2);
	nb_report_free(r);
}
END_TEST

static Suite *review_suite(void)
{
	Suite *s = suite_create("review");
	TCase *tc = tcase_create("decisions");
	tcase_add_test(tc, decisions_round_trip_through_yaml);
	tcase_add_test(tc, decisions_survive_edits_elsewhere);
	tcase_add_test(tc, deciding_again_replaces_and_none_removes);
	tcase_add_test(tc, messages_compare_without_counts);
	tcase_add_test(tc, decisions_on_real_checker_findings);
	tcase_add_test(tc, bad_decisions_in_yaml);
	suite_add_tcase(s, tc);
	tc = tcase_create("comments");
	tcase_add_test(tc, comment_survives_edits_elsewhere);
	tcase_add_test(tc, comment_orphaned_never_lost);
	tcase_add_test(tc, repeated_quote_keeps_its_place);
	tcase_add_test(tc, comment_add_edit_delete);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(review_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
