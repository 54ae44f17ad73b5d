/* test_diff.c — what changed between two versions of a report: per-character marks in Chinese,
 * paragraph moves and edits, added and removed parts, findings that came or went, 批注 addressed
 * or still open. */
#include "config.h"
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/diff.h"
#include "nianbao/review.h"

#define T "2025-03-01T10:00:00+08:00"

static const char *const P1 = "（一）加强学习教育。组织干部学法8次，社区干部勇干担当。";
static const char *const P2 = "（二）化解矛盾纠纷。全年排查矛盾纠纷58件，对重点纠纷实行包案化解。";
static const char *const P3 = "（三）开展普法宣传。开展宣传活动15场，发放宣传资料3000余份。";
static const char *const PROB = "一是普法形式单一。究其原因，主要是宣传阵地建设滞后。";

static nb_report *report(const char *measures, const char *problems)
{
	nb_report *r = nb_report_new();
	nb_report_set_meta(r, NB_META_DATE, "2025年2月20日");
	nb_report_add_section(r, "measures", "一、主要举措和成效", measures);
	nb_report_add_section(r, "problems", "二、存在的不足和原因", problems);
	return r;
}

static char *join3(const char *a, const char *b, const char *c)
{
	return nb_xasprintf("%s\n%s\n%s", a, b, c);
}

static size_t count_kind(const nb_section_diff *sd, nb_para_change_kind k)
{
	size_t n = 0;
	for (size_t i = 0; i < sd->nparas; i++)
		n += sd->paras[i].kind == k;
	return n;
}

static const nb_section_diff *section_of(const nb_diff *d, const char *heading)
{
	for (size_t i = 0; i < d->nsections; i++) {
		const char *h = d->sections[i].new_heading ? d->sections[i].new_heading
							   : d->sections[i].old_heading;
		if (h && strcmp(h, heading) == 0)
			return &d->sections[i];
	}
	return NULL;
}

/* ---- characters ---- */

START_TEST(chars_marked_per_character)
{
	char *m = nb_diff_chars("社区干部勇干担当", "社区干部勇于担当", -1);
	ck_assert_str_eq(m, "社区干部勇[-干-]{+于+}担当");
	free(m);
	m = nb_diff_chars("社区党党委组织学习", "社区党委组织学习", -1);
	ck_assert_str_eq(m, "社区党[-党-]委组织学习");
	free(m);
	m = nb_diff_chars("对重点纠纷实行包案化解", "对重点纠纷实行“一案一专班”包案化解", -1);
	ck_assert_str_eq(m, "对重点纠纷实行{+“一案一专班”+}包案化解");
	free(m);
	/* one unchanged character between two changes is folded into one change */
	m = nb_diff_chars("甲的乙", "丙的丁", -1);
	ck_assert_str_eq(m, "[-甲的乙-]{+丙的丁+}");
	free(m);
	m = nb_diff_chars("相同的文字", "相同的文字", -1);
	ck_assert_str_eq(m, "相同的文字");
	free(m);
	m = nb_diff_chars("", "新写的", -1);
	ck_assert_str_eq(m, "{+新写的+}");
	free(m);
}
END_TEST

START_TEST(chars_context_cut)
{
	const char *a = "一二三四五六七八九十一二三四五六七八九十甲一二三四五六七八九十一二三四五六七八九十";
	const char *b = "一二三四五六七八九十一二三四五六七八九十乙一二三四五六七八九十一二三四五六七八九十";
	char *m = nb_diff_chars(a, b, 4);
	ck_assert_str_eq(m, "……七八九十[-甲-]{+乙+}一二三四……");
	free(m);
	/* a long unchanged stretch between two changes keeps both ends */
	m = nb_diff_chars("甲一二三四五六七八九十乙", "丙一二三四五六七八九十丁", 2);
	ck_assert_str_eq(m, "[-甲-]{+丙+}一二……九十[-乙-]{+丁+}");
	free(m);
}
END_TEST

/* ---- paragraphs and sections ---- */

START_TEST(paragraph_moved_within_section)
{
	char *o = join3(P1, P2, P3), *n = join3(P3, P1, P2);
	nb_report *a = report(o, PROB), *b = report(n, PROB);
	nb_diff *d = nb_diff_reports(a, NULL, b, NULL);
	const nb_section_diff *sd = section_of(d, "一、主要举措和成效");
	ck_assert_ptr_nonnull(sd);
	ck_assert_int_eq(sd->kind, NB_SECTION_CHANGED);
	ck_assert_uint_eq(count_kind(sd, NB_PARA_MOVED), 1);
	ck_assert_uint_eq(count_kind(sd, NB_PARA_SAME), 2);
	ck_assert_uint_eq(d->paras_added + d->paras_removed + d->paras_changed, 0);
	for (size_t i = 0; i < sd->nparas; i++)
		if (sd->paras[i].kind == NB_PARA_MOVED) {
			ck_assert_str_eq(sd->paras[i].new_text, P3);
			ck_assert_int_eq(sd->paras[i].old_index, 2);
			ck_assert_int_eq(sd->paras[i].new_index, 0);
		}
	ck_assert_int_eq(section_of(d, "二、存在的不足和原因")->kind, NB_SECTION_SAME);
	char *text = nb_diff_format_text(d, NULL, NULL, "old.yaml", "new.yaml");
	ck_assert_ptr_nonnull(strstr(text, "第1段由原第3段移来：（三）开展普法宣传"));
	ck_assert_ptr_nonnull(strstr(text, "【二、存在的不足和原因】无改动"));
	ck_assert_ptr_null(strchr(text, '\t'));
	free(text);
	nb_diff_free(d);
	nb_report_free(a);
	nb_report_free(b);
	free(o);
	free(n);
}
END_TEST

START_TEST(paragraph_moved_between_sections)
{
	char *o = join3(P1, P2, P3), *n = nb_xasprintf("%s\n%s", P1, P2);
	char *prob = nb_xasprintf("%s\n%s", PROB, P3);
	nb_report *a = report(o, PROB), *b = report(n, prob);
	nb_diff *d = nb_diff_reports(a, NULL, b, NULL);
	const nb_section_diff *m = section_of(d, "一、主要举措和成效");
	const nb_section_diff *p = section_of(d, "二、存在的不足和原因");
	ck_assert_uint_eq(m->nparas, 2);   /* the paragraph that left is not also "removed" */
	ck_assert_uint_eq(count_kind(p, NB_PARA_MOVED), 1);
	ck_assert_int_eq(p->paras[1].moved_from, (int)(m - d->sections));
	ck_assert_uint_eq(d->paras_removed, 0);
	char *text = nb_diff_format_text(d, NULL, NULL, "a", "b");
	ck_assert_ptr_nonnull(strstr(text, "从【一、主要举措和成效】原第3段移来"));
	free(text);
	nb_diff_free(d);
	nb_report_free(a);
	nb_report_free(b);
	free(o);
	free(n);
	free(prob);
}
END_TEST

START_TEST(paragraph_edited_added_removed)
{
	char *o = join3(P1, P2, P3);
	char *n = nb_xasprintf("%s\n%s\n%s", "（一）加强学习教育。组织干部学法8次，社区干部勇于担当。", P2,
			       "（四）新增一段：每月邀请法律顾问坐班一天。");
	nb_report *a = report(o, PROB), *b = report(n, PROB);
	nb_diff *d = nb_diff_reports(a, NULL, b, NULL);
	const nb_section_diff *sd = section_of(d, "一、主要举措和成效");
	ck_assert_uint_eq(count_kind(sd, NB_PARA_CHANGED), 1);
	ck_assert_uint_eq(count_kind(sd, NB_PARA_ADDED), 1);
	ck_assert_uint_eq(count_kind(sd, NB_PARA_REMOVED), 1);
	for (size_t i = 0; i < sd->nparas; i++) {
		const nb_para_change *c = &sd->paras[i];
		if (c->kind == NB_PARA_CHANGED)
			ck_assert_str_eq(c->marked, "（一）加强学习教育。组织干部学法8次，社区干部勇[-干-]{+于+}担当。");
		if (c->kind == NB_PARA_REMOVED)
			ck_assert_str_eq(c->old_text, P3);
		if (c->kind == NB_PARA_ADDED)
			ck_assert_int_eq(c->new_index, 2);
	}
	ck_assert(!nb_diff_same_text(d));
	nb_diff_free(d);
	/* the same report twice: nothing changed */
	d = nb_diff_reports(a, NULL, a, NULL);
	ck_assert(nb_diff_same_text(d));
	char *text = nb_diff_format_text(d, NULL, NULL, "a", "a");
	ck_assert_ptr_nonnull(strstr(text, "文字没有改动"));
	free(text);
	nb_diff_free(d);
	nb_report_free(a);
	nb_report_free(b);
	free(o);
	free(n);
}
END_TEST

START_TEST(sections_added_removed_renumbered)
{
	nb_report *a = report(P1, PROB), *b = report(P1, PROB);
	nb_report_add_section(a, NULL, "三、其他情况", "无其他需要报告的情况。");
	/* NEW: a 第一责任人 part inserted, problems renumbered, 其他情况 gone */
	free(b->sections[1].heading);
	b->sections[1].heading = nb_xstrdup("三、存在的不足和原因");
	free(b->sections[1].id);
	b->sections[1].id = NULL;   /* unmapped in NEW: matched by heading without its number */
	nb_report_add_section(b, "duty", "二、第一责任人履职情况", "书记主持召开专题会议3次。");
	nb_diff *d = nb_diff_reports(a, NULL, b, NULL);
	const nb_section_diff *duty = section_of(d, "二、第一责任人履职情况");
	ck_assert_int_eq(duty->kind, NB_SECTION_ADDED);
	ck_assert_uint_eq(count_kind(duty, NB_PARA_ADDED), 1);
	const nb_section_diff *prob = section_of(d, "三、存在的不足和原因");
	ck_assert_int_eq(prob->kind, NB_SECTION_CHANGED);   /* only its heading */
	ck_assert_str_eq(prob->heading_marked, "[-二-]{+三+}、存在的不足和原因");
	ck_assert_uint_eq(count_kind(prob, NB_PARA_SAME), 1);
	const nb_section_diff *other = section_of(d, "三、其他情况");
	ck_assert_int_eq(other->kind, NB_SECTION_REMOVED);
	ck_assert_int_eq(other->new_section, -1);
	char *text = nb_diff_format_text(d, NULL, NULL, "a", "b");
	ck_assert_ptr_nonnull(strstr(text, "【二、第一责任人履职情况】新增部分"));
	ck_assert_ptr_nonnull(strstr(text, "【三、其他情况】整部分删除"));
	ck_assert_ptr_null(strstr(text, "成文日期"));   /* the date did not change */
	free(text);
	nb_diff_free(d);
	nb_report_free(a);
	nb_report_free(b);
}
END_TEST

/* ---- findings ---- */

static void add_finding(nb_findings *f, const nb_report *r, size_t sidx, const char *rule,
			const char *quote, const char *message)
{
	const char *body = r->sections[sidx].body;
	const char *p = strstr(body, quote);
	if (!p)
		return;
	nb_finding *x = nb_findings_add(f, rule, NB_SEV_WARNING, message, NULL);
	x->place = NB_PLACE_BODY;
	x->section = (int)sidx;
	x->off = (size_t)(p - body);
	x->len = strlen(quote);
}

static void findings_of(const nb_report *r, nb_findings *f)
{
	add_finding(f, r, 0, "lexicon", "勇干", "“勇干”应为“勇于”");
	add_finding(f, r, 0, "repeated-char", "党党", "“党党”疑为误输入的重复字");
	add_finding(f, r, 0, "repeated-char", "组组", "“组组”疑为误输入的重复字");
	nb_finding *note = nb_findings_add(f, "import-normalized", NB_SEV_INFO, "已合并断段", NULL);
	note->line = 3;
}

START_TEST(findings_appeared_and_gone)
{
	char *o = nb_xasprintf("%s\n%s", P1, "社区党党委牵头。");
	char *n = nb_xasprintf("%s\n%s\n%s", "新加的开头一段。", "社区党党委牵头。",
			       "（一）加强学习教育。组组织干部学法8次，社区干部勇于担当。");
	nb_report *a = report(o, PROB), *b = report(n, PROB);
	nb_findings fa = {0}, fb = {0};
	findings_of(a, &fa);
	findings_of(b, &fb);
	nb_diff *d = nb_diff_reports(a, &fa, b, &fb);
	/* 勇干 gone, 组组 new; 党党 moved with its paragraph but is the same finding; notes ignored */
	ck_assert_uint_eq(d->nfindings, 2);
	size_t appeared = 0, gone = 0;
	for (size_t i = 0; i < d->nfindings; i++) {
		const nb_finding_change *c = &d->findings[i];
		if (c->appeared) {
			appeared++;
			ck_assert_str_eq(fb.v[c->index].rule, "repeated-char");
			ck_assert_ptr_nonnull(strstr(fb.v[c->index].message, "组组"));
		} else {
			gone++;
			ck_assert_str_eq(fa.v[c->index].rule, "lexicon");
		}
	}
	ck_assert_uint_eq(appeared, 1);
	ck_assert_uint_eq(gone, 1);
	char *text = nb_diff_format_text(d, &fa, &fb, "a", "b");
	ck_assert_ptr_nonnull(strstr(text, "新出现1条"));
	ck_assert_ptr_nonnull(strstr(text, "已消失1条"));
	ck_assert_ptr_null(strstr(text, "已合并断段"));
	free(text);
	nb_diff_free(d);
	nb_findings_free(&fa);
	nb_findings_free(&fb);
	nb_report_free(a);
	nb_report_free(b);
	free(o);
	free(n);
}
END_TEST

/* ---- 批注 ---- */

static void comment_on(nb_report *r, size_t sidx, const char *quote, const char *text)
{
	const char *body = r->sections[sidx].body;
	const char *p = strstr(body, quote);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_ge(nb_review_add_comment(r, (int)sidx, (size_t)(p - body), strlen(quote), text, "李审核", T), 0);
}

START_TEST(comments_addressed_or_open)
{
	char *o = join3(P1, P2, P3);
	nb_report *a = report(o, PROB);
	comment_on(a, 0, "包案化解", "请写明包案的具体做法");      /* its words rewritten */
	comment_on(a, 0, "发放宣传资料3000余份", "请核对数字"); /* its paragraph deleted */
	comment_on(a, 0, "学法8次", "学了哪些法律");             /* unchanged, paragraph moved */
	comment_on(a, 1, "宣传阵地建设滞后", "原因偏客观");       /* unchanged */
	nb_report_add_comment(a, "measures", "党建引领网格治理", "上一稿的话", "李审核", T); /* already gone */
	char *n = nb_xasprintf("%s\n%s", "（二）化解矛盾纠纷。全年排查矛盾纠纷58件，对重点纠纷落实“一案一专班”包案调处。", P1);
	char *prob = nb_xasprintf("新加一段。\n%s", PROB);
	nb_report *b = report(n, prob);
	nb_diff *d = nb_diff_reports(a, NULL, b, NULL);
	ck_assert_uint_eq(d->ncomments, 5);
	ck_assert_int_eq(d->comments[0].state, NB_COMMENT_CHANGED);
	ck_assert_ptr_nonnull(d->comments[0].para);
	ck_assert_ptr_nonnull(strstr(d->comments[0].para->marked, "{+落实“一案一专班”+}"));
	ck_assert_int_eq(d->comments[1].state, NB_COMMENT_REMOVED);
	ck_assert_int_eq(d->comments[2].state, NB_COMMENT_OPEN);
	ck_assert_int_eq(d->comments[3].state, NB_COMMENT_OPEN);
	ck_assert_int_eq(d->comments[4].state, NB_COMMENT_WAS_ORPHANED);
	char *text = nb_diff_format_text(d, NULL, NULL, "a", "b");
	ck_assert_ptr_nonnull(strstr(text, "已处理2条，仍未处理2条，旧稿中已找不到原文1条"));
	ck_assert_ptr_nonnull(strstr(text, "“包案化解”——请写明包案的具体做法"));
	ck_assert_ptr_nonnull(strstr(text, "所引原文已删除"));
	free(text);
	nb_diff_free(d);
	nb_report_free(a);
	nb_report_free(b);
	free(o);
	free(n);
	free(prob);
}
END_TEST

static Suite *diff_suite(void)
{
	Suite *s = suite_create("diff");
	TCase *tc = tcase_create("chars");
	tcase_add_test(tc, chars_marked_per_character);
	tcase_add_test(tc, chars_context_cut);
	suite_add_tcase(s, tc);
	tc = tcase_create("paragraphs");
	tcase_add_test(tc, paragraph_moved_within_section);
	tcase_add_test(tc, paragraph_moved_between_sections);
	tcase_add_test(tc, paragraph_edited_added_removed);
	tcase_add_test(tc, sections_added_removed_renumbered);
	suite_add_tcase(s, tc);
	tc = tcase_create("review");
	tcase_add_test(tc, findings_appeared_and_gone);
	tcase_add_test(tc, comments_addressed_or_open);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(diff_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
