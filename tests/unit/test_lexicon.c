/* test_lexicon.c — the multi-pattern matcher, loading lexicon YAML, and finding confused words
 * only in the contexts where they are wrong. */
#include "config.h"
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/lexicon.h"

/* ---- matcher ---- */

typedef struct seen {
	size_t pat[32], off[32];
	size_t n;
} seen;

static bool record(size_t pattern, size_t off, size_t len, void *ud)
{
	(void)len;
	seen *s = ud;
	if (s->n < 32) {
		s->pat[s->n] = pattern;
		s->off[s->n] = off;
		s->n++;
	}
	return false;
}

START_TEST(acm_finds_overlapping_and_nested_patterns)
{
	const char *pats[] = {"he", "she", "his", "hers"};
	size_t lens[] = {2, 3, 3, 4};
	nb_acm *a = nb_acm_build(pats, lens, 4);
	seen s = {0};
	nb_acm_scan(a, "ushers", 6, record, &s);
	/* "she" at 1, "he" at 2, "hers" at 2 — the textbook example. */
	ck_assert_uint_eq(s.n, 3);
	bool she = false, he = false, hers = false;
	for (size_t i = 0; i < s.n; i++) {
		she |= s.pat[i] == 1 && s.off[i] == 1;
		he |= s.pat[i] == 0 && s.off[i] == 2;
		hers |= s.pat[i] == 3 && s.off[i] == 2;
	}
	ck_assert(she && he && hers);
	nb_acm_free(a);
}
END_TEST

START_TEST(acm_matches_utf8_words_against_brute_force)
{
	const char *pats[] = {"法治", "法治政府", "政府", "治", "建设情况"};
	size_t lens[5];
	for (int i = 0; i < 5; i++)
		lens[i] = strlen(pats[i]);
	nb_acm *a = nb_acm_build(pats, lens, 5);
	const char *text = "推进法治政府建设，法治建设情况良好，政府依法治理";
	seen s = {0};
	nb_acm_scan(a, text, strlen(text), record, &s);
	size_t expect = 0;
	for (int i = 0; i < 5; i++)
		for (const char *p = text; (p = strstr(p, pats[i])); p++)
			expect++;
	ck_assert_uint_eq(s.n, expect);
	for (size_t i = 0; i < s.n; i++)
		ck_assert(memcmp(text + s.off[i], pats[s.pat[i]], lens[s.pat[i]]) == 0);
	nb_acm_free(a);
}
END_TEST

START_TEST(acm_empty_and_stop)
{
	nb_acm *a = nb_acm_build(NULL, NULL, 0);
	seen s = {0};
	nb_acm_scan(a, "abc", 3, record, &s);
	ck_assert_uint_eq(s.n, 0);
	nb_acm_free(a);
}
END_TEST

/* ---- lexicon ---- */

static nb_lexicon *builtin;

static void setup(void)
{
	builtin = nb_lexicon_builtin();
}

static void teardown(void)
{
	nb_lexicon_free(builtin);
}

/* The right form proposed for the first hit in text, or NULL when nothing is flagged. */
static const char *first_fix(const char *text)
{
	nb_lex_hit *h;
	size_t n = nb_lexicon_find(builtin, text, strlen(text), &h);
	const char *r = n ? h[0].entry->right : NULL;
	free(h);
	return r;
}

static size_t count_hits(const char *text)
{
	nb_lex_hit *h;
	size_t n = nb_lexicon_find(builtin, text, strlen(text), &h);
	free(h);
	return n;
}

START_TEST(builtin_lexicon_is_large_enough)
{
	ck_assert_uint_ge(nb_lexicon_nentries(builtin), 80);
	size_t n;
	ck_assert_ptr_nonnull(nb_lexicon_list(builtin, "reduplications", &n));
	ck_assert_uint_gt(n, 20);
	ck_assert_ptr_nonnull(nb_lexicon_matcher(builtin, "slogans"));
	ck_assert(nb_lexicon_threshold(builtin, "slogan-min", 0) >= 1);
}
END_TEST

START_TEST(builtin_entries_are_not_their_own_fix)
{
	for (size_t i = 0; i < nb_lexicon_nentries(builtin); i++) {
		const nb_lex_entry *e = nb_lexicon_entry(builtin, i);
		ck_assert_msg(strcmp(e->wrong, e->right) != 0, "%s", e->wrong);
		/* An entry must flag its own wrong form somewhere, or it is dead weight: with context
		 * requirements it may stay silent alone, which is fine. */
	}
}
END_TEST

START_TEST(look_alike_characters_inside_words)
{
	ck_assert_str_eq(first_fix("以勇干斗争的奋进姿态推进工作"), "勇于");
	ck_assert_str_eq(first_fix("将法治建设纳人年度考核"), "纳入");
	ck_assert_str_eq(first_fix("推进法冶政府建设"), "法治");
	ck_assert_str_eq(first_fix("要求全方面完成宣传任务"), "全方位");
}
END_TEST

START_TEST(look_alikes_inside_right_words_are_left_alone)
{
	ck_assert_uint_eq(count_hits("组织机关干部学法，对干部进行培训"), 0);
	ck_assert_uint_eq(count_hits("积极吸纳人才，引进金融人才"), 0);
	ck_assert_uint_eq(count_hits("在安全方面存在隐患"), 0);
}
END_TEST

START_TEST(contexts_decide_quanli)
{
	ck_assert_str_eq(first_fix("公布权利清单，规范权力运行"), "权力");
	ck_assert_str_eq(first_fix("加强对权利运行的制约和监督"), "权力");
	ck_assert_uint_eq(count_hits("依法保障群众的合法权益和诉讼权利"), 0);
	ck_assert_uint_eq(count_hits("引导公民依法行使权利、履行义务"), 0);
}
END_TEST

START_TEST(jiezhi_zuochu_fazhi)
{
	ck_assert_str_eq(first_fix("截止目前，已完成整改"), "截至目前");
	ck_assert_str_eq(first_fix("截止2024年底，共受理案件"), "截至");
	ck_assert_uint_eq(count_hits("报名于5月15日截止"), 0);
	ck_assert_str_eq(first_fix("镇政府做出行政处罚决定3件"), "作出");
	ck_assert_uint_eq(count_hits("做出成绩、做好服务"), 0);
	ck_assert_str_eq(first_fix("加强法制建设"), "法治建设");
	ck_assert_uint_eq(count_hits("落实重大执法决定法制审核制度，依法制定规范性文件，以案释法制度"), 0);
	ck_assert_str_eq(first_fix("学习习总书记重要讲话"), "习近平总书记");
	ck_assert_uint_eq(count_hits("学习习近平总书记重要讲话"), 0);
	ck_assert_str_eq(first_fix("其它事项"), "其他");
}
END_TEST

START_TEST(longest_overlapping_hit_wins)
{
	nb_lex_hit *h;
	const char *t = "截止目前，共开展活动";
	size_t n = nb_lexicon_find(builtin, t, strlen(t), &h);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(h[0].off, 0);
	ck_assert_uint_eq(h[0].len, strlen("截止目前"));
	free(h);
}
END_TEST

START_TEST(context_does_not_cross_paragraphs)
{
	/* "清单" is in the next paragraph: no evidence that 权利 means 权力 here. */
	ck_assert_uint_eq(count_hits("保障居民权利\n清单管理"), 0);
}
END_TEST

START_TEST(load_custom_lexicon_with_lists_and_maps)
{
	const char *y = "version: 1\nthresholds: {window: 3}\n"
			"entries:\n  - {wrong: 甲乙, right: 甲丙, note: 测试, after: [丁]}\n"
			"words: [常常, 人人]\nmap: {and: 和}\n";
	nb_error err = {{0}};
	nb_lexicon *lx = nb_lexicon_load(y, strlen(y), "t.yaml", &err);
	ck_assert_msg(lx != NULL, "%s", err.msg);
	ck_assert(nb_lexicon_has(lx, "words", "人人", strlen("人人")));
	ck_assert(!nb_lexicon_has(lx, "words", "人", strlen("人")));
	ck_assert_str_eq(nb_lexicon_value(lx, "map", "and", 3), "和");
	ck_assert_ptr_null(nb_lexicon_value(lx, "map", "or", 2));
	ck_assert_double_eq(nb_lexicon_threshold(lx, "window", 0), 3);
	nb_lex_hit *h;
	ck_assert_uint_eq(nb_lexicon_find(lx, "甲乙丁", strlen("甲乙丁"), &h), 1);
	free(h);
	ck_assert_uint_eq(nb_lexicon_find(lx, "甲乙戊", strlen("甲乙戊"), &h), 0);
	nb_lexicon_free(lx);
}
END_TEST

START_TEST(load_errors_name_file_and_line)
{
	nb_error err = {{0}};
	const char *bad = "entries:\n  - {wrong: 甲}\n";
	ck_assert_ptr_null(nb_lexicon_load(bad, strlen(bad), "mine.yaml", &err));
	ck_assert_ptr_nonnull(strstr(err.msg, "mine.yaml"));
	ck_assert_ptr_nonnull(strstr(err.msg, "第2行"));
	const char *unknown = "entries:\n  - {wrong: 甲, right: 乙, colour: red}\n";
	ck_assert_ptr_null(nb_lexicon_load(unknown, strlen(unknown), "mine.yaml", &err));
	const char *broken = "entries: [\n";
	ck_assert_ptr_null(nb_lexicon_load(broken, strlen(broken), "mine.yaml", &err));
	ck_assert_ptr_nonnull(strstr(err.msg, "mine.yaml"));
	ck_assert_ptr_null(nb_lexicon_load("\xff\xfe", 2, "bin.yaml", &err));
	ck_assert_ptr_null(nb_lexicon_load_file("/nonexistent/lexicon.yaml", &err));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("lexicon");
	TCase *m = tcase_create("matcher");
	tcase_add_test(m, acm_finds_overlapping_and_nested_patterns);
	tcase_add_test(m, acm_matches_utf8_words_against_brute_force);
	tcase_add_test(m, acm_empty_and_stop);
	suite_add_tcase(s, m);
	TCase *l = tcase_create("lexicon");
	tcase_add_checked_fixture(l, setup, teardown);
	tcase_add_test(l, builtin_lexicon_is_large_enough);
	tcase_add_test(l, builtin_entries_are_not_their_own_fix);
	tcase_add_test(l, look_alike_characters_inside_words);
	tcase_add_test(l, look_alikes_inside_right_words_are_left_alone);
	tcase_add_test(l, contexts_decide_quanli);
	tcase_add_test(l, jiezhi_zuochu_fazhi);
	tcase_add_test(l, longest_overlapping_hit_wins);
	tcase_add_test(l, context_does_not_cross_paragraphs);
	tcase_add_test(l, load_custom_lexicon_with_lists_and_maps);
	tcase_add_test(l, load_errors_name_file_and_line);
	suite_add_tcase(s, l);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
