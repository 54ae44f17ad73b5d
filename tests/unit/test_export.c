/* test_export.c — the finished text after GB/T 9704: what a reader sees line by line. */
#include "config.h"
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/template.h"
#include "nianbao/text.h"
#include "nianbao/textio.h"
#include "nianbao/util.h"

#define WIDTH 56

/* ------------------------------------------------------------------ helpers */

typedef struct lines {
	char **v;
	size_t n;
} lines;

static lines split(const char *s)
{
	lines ls = {0};
	const char *p = s;
	while (*p) {
		const char *nl = strchr(p, '\n');
		ck_assert_msg(nl != NULL, "output does not end with a newline");
		ls.v = nb_xrealloc(ls.v, (ls.n + 1) * sizeof *ls.v);
		ls.v[ls.n++] = nb_xstrndup(p, (size_t)(nl - p));
		p = nl + 1;
	}
	return ls;
}

static void lines_free(lines *ls)
{
	for (size_t i = 0; i < ls->n; i++)
		free(ls->v[i]);
	free(ls->v);
}

static int width(const char *s)
{
	return nb_str_width(s, strlen(s), true);
}

static int leading_spaces(const char *s)
{
	int n = 0;
	while (s[n] == ' ')
		n++;
	return n;
}

/* Index of the first line containing `part`, or -1. */
static int find_line(const lines *ls, const char *part)
{
	for (size_t i = 0; i < ls->n; i++)
		if (strstr(ls->v[i], part))
			return (int)i;
	return -1;
}

static uint32_t cp_at(const char *s, size_t off, size_t *n)
{
	uint32_t cp;
	bool valid;
	*n = nb_utf8_decode(s + off, strlen(s + off), &cp, &valid);
	return cp;
}

static void assert_no_trailing_space(const lines *ls)
{
	for (size_t i = 0; i < ls->n; i++) {
		size_t len = strlen(ls->v[i]);
		if (len == 0)
			continue;
		size_t last = nb_utf8_prev(ls->v[i], len), n;
		ck_assert_msg(!nb_is_space(cp_at(ls->v[i], last, &n)), "trailing space on line %zu: “%s”",
			      i + 1, ls->v[i]);
	}
}

/* No space of any kind between two Han characters or between a Han character and a figure. */
static void assert_no_space_in_chinese(const char *s)
{
	uint32_t prev = 0;
	bool gap = false;
	for (size_t i = 0; s[i];) {
		size_t n;
		uint32_t cp = cp_at(s, i, &n);
		if (nb_is_space(cp)) {
			gap = prev != 0;
		} else {
			bool han_prev = nb_is_han(prev) || nb_is_cjk_punct(prev);
			bool han_now = nb_is_han(cp) || nb_is_cjk_punct(cp);
			bool digit_now = cp >= '0' && cp <= '9';
			ck_assert_msg(!(gap && han_prev && (han_now || digit_now)),
				      "space inside Chinese text: “%s”", s);
			prev = cp;
			gap = false;
		}
		i += n;
	}
}

static nb_report *sample(void)
{
	nb_report *r = nb_report_new();
	nb_report_set_meta(r, NB_META_DOC_NUMBER, "青石党发〔2025〕3号");
	nb_report_set_meta(r, NB_META_SIGNER, "李明华");
	nb_report_set_meta(r, NB_META_TITLE, "青石镇2024年度法治政府建设情况报告");
	nb_report_set_meta(r, NB_META_RECIPIENT, "中共云岭县委全面依法治县委员会办公室");
	nb_report_set_meta(r, NB_META_SIGNATURE, "中共青石镇委员会");
	nb_report_set_meta(r, NB_META_DATE, "2025年2月20日");
	nb_report_set_meta(r, NB_META_CC, "云岭县司法局");
	nb_report_set_meta(r, NB_META_PRINTER, "青石镇党政办公室");
	nb_report_set_meta(r, NB_META_PRINT_DATE, "2025年2月21日");
	free(r->intro);
	r->intro = nb_xstrdup("2024年以来，青石镇扎实推进依法行政，现将有关情况报告如下：");
	nb_report_add_section(r, "measures", "一、主要举措和成效",
			      "（一）强化学法用法。全年集体学法6次。\n（二）规范执法。办理案件17件。");
	/* Text typed with stray spaces, as clerks do. */
	nb_report_add_section(r, "problems", "二、存在的不足和原因",
			      "  执法 人员 数量不足，培训 2 次偏少。 ");
	nb_report_add_section(r, NULL, "三、党建引领基层治理", "");
	return r;
}

static char *export(const nb_report *r, int w)
{
	size_t len;
	char *s = nb_text_export(r, w, &len);
	ck_assert_uint_eq(len, strlen(s));
	return s;
}

/* ------------------------------------------------------------------ layout */

START_TEST(test_doc_number_and_signer_line)
{
	nb_report *r = sample();
	char *out = export(r, WIDTH);
	lines ls = split(out);
	ck_assert(strncmp(ls.v[0], "青石党发〔2025〕3号", strlen("青石党发〔2025〕3号")) == 0);
	const char *tail = "签发人：李明华";
	size_t n = strlen(ls.v[0]);
	ck_assert(n > strlen(tail) && strcmp(ls.v[0] + n - strlen(tail), tail) == 0);
	ck_assert_int_eq(width(ls.v[0]), WIDTH);
	ck_assert_str_eq(ls.v[1], "");
	lines_free(&ls);
	free(out);

	/* Without a 签发人 the 字号 is centred. */
	nb_report_set_meta(r, NB_META_SIGNER, NULL);
	out = export(r, WIDTH);
	ls = split(out);
	int w = width("青石党发〔2025〕3号");
	ck_assert_int_eq(leading_spaces(ls.v[0]), (WIDTH - w) / 2);
	lines_free(&ls);
	free(out);
	nb_report_free(r);
}
END_TEST

START_TEST(test_title_centred_by_display_width)
{
	nb_report *r = sample();
	char *out = export(r, WIDTH);
	lines ls = split(out);
	int i = find_line(&ls, "青石镇2024年度法治政府建设情况报告");
	ck_assert_int_ge(i, 0);
	const char *t = ls.v[i];
	int pad = leading_spaces(t);
	ck_assert_int_eq(pad, (WIDTH - width(t + pad)) / 2);
	ck_assert_str_eq(ls.v[i + 1], "");
	lines_free(&ls);
	free(out);
	nb_report_free(r);
}
END_TEST

START_TEST(test_long_title_wraps_into_balanced_centred_lines)
{
	nb_report *r = sample();
	const char *title = "中共渭南高新区金城社区工作委员会关于报送2023年度法治政府建设工作的报告";
	nb_report_set_meta(r, NB_META_TITLE, title);
	char *out = export(r, WIDTH);
	lines ls = split(out);
	int i = find_line(&ls, "中共渭南高新区");
	ck_assert_int_ge(i, 0);
	nb_sb joined = {0};
	int lines_used = 0;
	for (size_t k = (size_t)i; k < ls.n && ls.v[k][0]; k++, lines_used++) {
		const char *t = ls.v[k];
		int pad = leading_spaces(t);
		ck_assert_int_le(width(t), WIDTH);
		ck_assert_int_eq(pad, (WIDTH - width(t + pad)) / 2);
		nb_sb_adds(&joined, t + pad);
	}
	ck_assert_int_eq(lines_used, 2);
	ck_assert_str_eq(nb_sb_cstr(&joined), title);
	/* The break falls before 关于, between the organ and the subject. */
	ck_assert(strncmp(ls.v[i + 1] + leading_spaces(ls.v[i + 1]), "关于", strlen("关于")) == 0);
	nb_sb_free(&joined);
	lines_free(&ls);
	free(out);

	/* A title with no 关于 still splits into lines of similar width, numbers kept whole. */
	nb_report_set_meta(r, NB_META_TITLE, "新桥社区2024年度推进法治政府建设情况和党政主要负责人履行第一责任人职责情况的报告");
	out = export(r, WIDTH);
	ls = split(out);
	i = find_line(&ls, "新桥社区");
	ck_assert_int_ge(i, 0);
	int w1 = width(ls.v[i] + leading_spaces(ls.v[i]));
	int w2 = width(ls.v[i + 1] + leading_spaces(ls.v[i + 1]));
	ck_assert_int_le(abs(w1 - w2), 8);
	ck_assert_ptr_nonnull(strstr(out, "2024"));
	lines_free(&ls);
	free(out);
	nb_report_free(r);
}
END_TEST

START_TEST(test_recipient_and_paragraphs)
{
	nb_report *r = sample();
	nb_report_set_meta(r, NB_META_RECIPIENT, "县人民政府:");
	char *out = export(r, WIDTH);
	lines ls = split(out);
	int i = find_line(&ls, "县人民政府");
	ck_assert_int_ge(i, 0);
	ck_assert_str_eq(ls.v[i], "县人民政府：");
	/* The intro follows the 主送机关, indented two full-width spaces, on one line. */
	ck_assert_str_eq(ls.v[i + 1], "　　2024年以来，青石镇扎实推进依法行政，现将有关情况报告如下：");
	ck_assert_int_ge(find_line(&ls, "　　一、主要举措和成效"), 0);
	ck_assert_int_ge(find_line(&ls, "　　（一）强化学法用法。全年集体学法6次。"), 0);
	/* Stray spaces typed into the body are gone. */
	ck_assert_int_ge(find_line(&ls, "　　执法人员数量不足，培训2次偏少。"), 0);
	/* An unmapped section keeps its heading; an empty body adds no blank paragraph. */
	int u = find_line(&ls, "　　三、党建引领基层治理");
	ck_assert_int_ge(u, 0);
	ck_assert_str_eq(ls.v[u + 1], "");
	for (size_t k = 0; k < ls.n; k++)
		if (strncmp(ls.v[k], "　　", strlen("　　")) == 0)
			assert_no_space_in_chinese(ls.v[k]);
	assert_no_trailing_space(&ls);
	lines_free(&ls);
	free(out);
	nb_report_free(r);
}
END_TEST

START_TEST(test_signature_and_date_right_block)
{
	nb_report *r = sample();
	char *out = export(r, WIDTH);
	lines ls = split(out);
	int s = find_line(&ls, "中共青石镇委员会");
	int d = find_line(&ls, "2025年2月20日");
	ck_assert_int_ge(s, 0);
	ck_assert_int_eq(d, s + 1);
	ck_assert_str_eq(ls.v[s - 1], "");
	/* The date starts two characters right of the 署名's first character, and the block
	 * ends two characters from the right edge (here the date is the wider one). */
	ck_assert_int_eq(leading_spaces(ls.v[d]), leading_spaces(ls.v[s]) + 4);
	ck_assert_int_eq(width(ls.v[d]), WIDTH - 4);
	ck_assert_int_lt(width(ls.v[s]), WIDTH - 4);
	lines_free(&ls);
	free(out);

	/* A long 署名: it ends two characters from the edge, the date sits under it. */
	nb_report_set_meta(r, NB_META_SIGNATURE, "中共渭南高新区金城社区工作委员会");
	out = export(r, WIDTH);
	ls = split(out);
	s = find_line(&ls, "中共渭南高新区金城社区工作委员会");
	d = find_line(&ls, "2025年2月20日");
	ck_assert_int_eq(width(ls.v[s]), WIDTH - 4);
	ck_assert_int_eq(leading_spaces(ls.v[d]), leading_spaces(ls.v[s]) + 4);
	lines_free(&ls);
	free(out);

	/* A date longer than the offset allows: the date ends two characters from the edge and
	 * the 署名 moves left to keep the two-character offset. */
	nb_report_set_meta(r, NB_META_SIGNATURE, "司法局");
	nb_report_set_meta(r, NB_META_DATE, "2025年12月20日");
	out = export(r, WIDTH);
	ls = split(out);
	s = find_line(&ls, "司法局");
	d = find_line(&ls, "2025年12月20日");
	ck_assert_int_eq(width(ls.v[d]), WIDTH - 4);
	ck_assert_int_eq(leading_spaces(ls.v[d]), leading_spaces(ls.v[s]) + 4);
	lines_free(&ls);
	free(out);
	nb_report_free(r);
}
END_TEST

START_TEST(test_colophon)
{
	nb_report *r = sample();
	char *out = export(r, WIDTH);
	lines ls = split(out);
	int c = find_line(&ls, "抄送：");
	ck_assert_int_ge(c, 1);
	ck_assert_str_eq(ls.v[c], "　抄送：云岭县司法局。");
	ck_assert_int_eq(width(ls.v[c - 1]), WIDTH);
	ck_assert(strspn(ls.v[c - 1], "=") == WIDTH);
	ck_assert(strspn(ls.v[c + 1], "-") == WIDTH);
	const char *p = ls.v[c + 2];
	ck_assert(strncmp(p, "　青石镇党政办公室", strlen("　青石镇党政办公室")) == 0);
	const char *tail = "2025年2月21日印发";
	ck_assert_str_eq(p + strlen(p) - strlen(tail), tail);
	ck_assert_int_eq(width(p), WIDTH - 2);
	ck_assert(strspn(ls.v[c + 3], "=") == WIDTH);
	ck_assert_uint_eq((size_t)c + 4, ls.n);
	assert_no_trailing_space(&ls);
	lines_free(&ls);
	free(out);

	/* A 抄送 already ending in 。 gets no second one; no 版记 fields, no rules. */
	nb_report_set_meta(r, NB_META_CC, "县司法局，县依法治县办。");
	out = export(r, WIDTH);
	ck_assert_ptr_nonnull(strstr(out, "抄送：县司法局，县依法治县办。\n"));
	free(out);
	nb_report_set_meta(r, NB_META_CC, NULL);
	nb_report_set_meta(r, NB_META_PRINTER, NULL);
	nb_report_set_meta(r, NB_META_PRINT_DATE, NULL);
	out = export(r, WIDTH);
	ck_assert_ptr_null(strstr(out, "==="));
	free(out);
	nb_report_free(r);
}
END_TEST

START_TEST(test_empty_report_and_width)
{
	nb_report *r = nb_report_new();
	char *out = export(r, WIDTH);
	ck_assert_str_eq(out, "");
	free(out);
	nb_report_free(r);

	/* The width is honoured: a narrower 版心 moves the right-hand items. */
	r = sample();
	out = export(r, 40);
	lines ls = split(out);
	ck_assert_int_eq(width(ls.v[0]), 40);
	ck_assert_int_eq(width(ls.v[find_line(&ls, "2025年2月20日")]), 36);
	lines_free(&ls);
	free(out);
	nb_report_free(r);
}
END_TEST

/* ------------------------------------------------------------------ import → export */

static void assert_reads_clean(const char *path)
{
	nb_error err = {{0}};
	nb_template *t = nb_template_builtin();
	nb_report *r = nb_text_import_file(path, t, NULL, &err);
	ck_assert_msg(r != NULL, "%s: %s", path, err.msg);
	char *out = export(r, WIDTH);
	lines ls = split(out);
	assert_no_trailing_space(&ls);
	ck_assert_ptr_null(strchr(out, '\r'));
	ck_assert_ptr_null(strstr(out, "**"));
	ck_assert_ptr_null(strchr(out, '#'));
	for (size_t k = 0; k < ls.n; k++) {
		const char *l = ls.v[k];
		if (strncmp(l, "　　", strlen("　　")) != 0)
			continue;
		assert_no_space_in_chinese(l);
		/* Never more than the paragraph indentation. */
		ck_assert_msg(strncmp(l, "　　　", strlen("　　　")) != 0, "%s: “%s”", path, l);
	}
	/* Every paragraph of the report is exactly one line of the output. */
	for (size_t i = 0; i < r->nsections; i++) {
		const char *b = r->sections[i].body;
		while (*b) {
			const char *nl = strchr(b, '\n');
			size_t n = nl ? (size_t)(nl - b) : strlen(b);
			char *want = nb_xasprintf("　　%.*s", (int)n, b);
			ck_assert_msg(find_line(&ls, want) >= 0, "%s: paragraph not on one line: %.60s",
				      path, want);
			free(want);
			b = nl ? nl + 1 : b + n;
		}
	}
	lines_free(&ls);
	free(out);
	nb_report_free(r);
	nb_template_free(t);
}

START_TEST(test_imported_fixtures_export_clean)
{
	static const char *const names[] = {"broken.txt", "spaces.txt", "markdown.txt",
					    "header-full.txt", "gb18030.txt", "crlf.txt"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char *path = nb_xasprintf("%s/drafts/%s", NB_TEST_DATA, names[i]);
		assert_reads_clean(path);
		free(path);
	}
}
END_TEST

START_TEST(test_broken_fixture_export_has_whole_paragraphs)
{
	nb_error err = {{0}};
	nb_template *t = nb_template_builtin();
	nb_report *r = nb_text_import_file(NB_TEST_DATA "/drafts/broken.txt", t, NULL, &err);
	ck_assert_ptr_nonnull(r);
	char *out = export(r, WIDTH);
	ck_assert_ptr_nonnull(strstr(out, "\n　　街道成立由党工委书记任组长、办事处主任任副组长"));
	ck_assert_ptr_nonnull(strstr(out, "\n　　二、党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况\n"));
	ck_assert_ptr_nonnull(strstr(out, "\n区委依法治区办：\n"));
	free(out);
	nb_report_free(r);
	nb_template_free(t);
}
END_TEST

START_TEST(test_corpus_exports_clean)
{
	static const char *const guess = NB_TEST_DATA "/../../../shared/corpus";
	static const char *const names[] = {"jincheng-2023.txt", "jiefang-2022.txt",
					    "rongguang-2024.txt"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		char *path = nb_xasprintf("%s/%s", guess, names[i]);
		FILE *f = fopen(path, "r");
		if (f) {
			fclose(f);
			assert_reads_clean(path);
		}
		free(path);
	}
}
END_TEST

static Suite *export_suite(void)
{
	Suite *s = suite_create("export");
	TCase *tc = tcase_create("layout");
	tcase_add_test(tc, test_doc_number_and_signer_line);
	tcase_add_test(tc, test_title_centred_by_display_width);
	tcase_add_test(tc, test_long_title_wraps_into_balanced_centred_lines);
	tcase_add_test(tc, test_recipient_and_paragraphs);
	tcase_add_test(tc, test_signature_and_date_right_block);
	tcase_add_test(tc, test_colophon);
	tcase_add_test(tc, test_empty_report_and_width);
	suite_add_tcase(s, tc);
	TCase *rt = tcase_create("import-export");
	tcase_add_test(rt, test_imported_fixtures_export_clean);
	tcase_add_test(rt, test_broken_fixture_export_has_whole_paragraphs);
	tcase_add_test(rt, test_corpus_exports_clean);
	suite_add_tcase(s, rt);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(export_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
