/* test_text.c — UTF-8 handling, display widths, placeholders, 字数 and trimming. */
#include "config.h"
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/text.h"

static uint32_t first_cp(const char *s)
{
	uint32_t cp;
	nb_utf8_decode(s, strlen(s), &cp, NULL);
	return cp;
}

START_TEST(decode_valid_sequences)
{
	uint32_t cp;
	bool ok;
	ck_assert_uint_eq(nb_utf8_decode("A", 1, &cp, &ok), 1);
	ck_assert_uint_eq(cp, 'A');
	ck_assert(ok);
	ck_assert_uint_eq(nb_utf8_decode("§", 2, &cp, &ok), 2);
	ck_assert_uint_eq(cp, 0xA7);
	ck_assert_uint_eq(nb_utf8_decode("法治", 6, &cp, &ok), 3);
	ck_assert_uint_eq(cp, 0x6CD5);
	ck_assert(ok);
	ck_assert_uint_eq(nb_utf8_decode("\xF0\xA0\x80\x80", 4, &cp, &ok), 4); /* U+20000, ext. B */
	ck_assert_uint_eq(cp, 0x20000);
	ck_assert(ok);
}
END_TEST

START_TEST(decode_invalid_consumes_one_byte)
{
	static const char *bad[] = {
		"\x80",             /* lone continuation */
		"\xC0\xAF",         /* overlong '/' */
		"\xE0\x80\xAF",     /* overlong */
		"\xED\xA0\x80",     /* UTF-16 surrogate */
		"\xF4\x90\x80\x80", /* past U+10FFFF */
		"\xFF",
		"\xE6\xB3",         /* truncated 法 */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		uint32_t cp = 0;
		bool ok = true;
		ck_assert_uint_eq(nb_utf8_decode(bad[i], strlen(bad[i]), &cp, &ok), 1);
		ck_assert_msg(!ok, "case %zu accepted", i);
		ck_assert_uint_eq(cp, NB_REPLACEMENT_CHAR);
	}
}
END_TEST

START_TEST(encode_round_trip)
{
	static const uint32_t cps[] = {0x24, 0xA7, 0x6CD5, 0x3000, 0x201C, 0x1F600, 0x2A6D6};
	for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
		char buf[4];
		size_t n = nb_utf8_encode(cps[i], buf);
		uint32_t back;
		bool ok;
		ck_assert_uint_eq(nb_utf8_decode(buf, n, &back, &ok), n);
		ck_assert(ok);
		ck_assert_uint_eq(back, cps[i]);
	}
	char buf[5] = {0};
	ck_assert_uint_eq(nb_utf8_encode(0xD800, buf), 3); /* a surrogate cannot be written */
	ck_assert_uint_eq(first_cp(buf), NB_REPLACEMENT_CHAR);
}
END_TEST

START_TEST(valid_reports_first_bad_byte)
{
	size_t bad = 99;
	const char *good = "一、主要举措和成效";
	ck_assert(nb_utf8_valid(good, strlen(good), &bad));
	const char *broken = "依法\xE6\xB3治区";
	ck_assert(!nb_utf8_valid(broken, strlen(broken), &bad));
	ck_assert_uint_eq(bad, 6);
	ck_assert(!nb_utf8_valid("ab\x80", 3, NULL));
}
END_TEST

START_TEST(count_prev_next_agree)
{
	const char *s = "a法\x80治b";
	size_t len = strlen(s);
	ck_assert_uint_eq(nb_utf8_count(s, len), 5);
	size_t offs[8], n = 0, off = 0;
	while (off < len) {
		offs[n++] = off;
		off = nb_utf8_next(s, len, off);
	}
	ck_assert_uint_eq(n, 5);
	ck_assert_uint_eq(nb_utf8_next(s, len, len), len);
	/* Walking back visits the same boundaries, the stray byte included. */
	for (size_t i = n; i-- > 0;) {
		off = nb_utf8_prev(s, off);
		ck_assert_uint_eq(off, offs[i]);
	}
	ck_assert_uint_eq(nb_utf8_prev(s, 0), 0);
}
END_TEST

START_TEST(width_cjk_and_ascii)
{
	ck_assert_int_eq(nb_cp_width('a', false), 1);
	ck_assert_int_eq(nb_cp_width(first_cp("法"), false), 2);
	ck_assert_int_eq(nb_cp_width(first_cp("，"), false), 2);
	ck_assert_int_eq(nb_cp_width(first_cp("。"), true), 2);
	ck_assert_int_eq(nb_cp_width(0x3000, false), 2);   /* 全角空格 */
	ck_assert_int_eq(nb_cp_width(first_cp("Ａ"), false), 2);
	ck_assert_int_eq(nb_cp_width(first_cp("〔"), false), 2);
	ck_assert_int_eq(nb_cp_width(0x20000, false), 2);
	ck_assert_int_eq(nb_cp_width(first_cp("한"), false), 2);
	ck_assert_int_eq(nb_cp_width(first_cp("é"), true), 2); /* é is East Asian Ambiguous */
	ck_assert_int_eq(nb_cp_width(first_cp("ü"), false), 1);
	ck_assert_int_eq(nb_cp_width(first_cp("ä"), false), 1);
	ck_assert_int_eq(nb_str_width("2023年度", strlen("2023年度"), false), 8);
}
END_TEST

START_TEST(width_ambiguous_follows_flag)
{
	static const char *amb[] = {"“", "”", "‘", "’", "…", "—", "·", "※", "§", "°", "①", "Ⅲ", "№"};
	for (size_t i = 0; i < sizeof amb / sizeof amb[0]; i++) {
		uint32_t cp = first_cp(amb[i]);
		ck_assert_msg(nb_cp_width(cp, false) == 1, "%s narrow", amb[i]);
		ck_assert_msg(nb_cp_width(cp, true) == 2, "%s wide", amb[i]);
	}
	const char *q = "“法治”";
	ck_assert_int_eq(nb_str_width(q, strlen(q), false), 6);
	ck_assert_int_eq(nb_str_width(q, strlen(q), true), 8);
	/* Plain letters never change with the flag. */
	ck_assert_int_eq(nb_cp_width('x', true), 1);
	ck_assert_int_eq(nb_cp_width(0x2014, true), 2);
}
END_TEST

START_TEST(width_zero_and_controls)
{
	ck_assert_int_eq(nb_cp_width(0x0301, false), 0); /* combining acute */
	ck_assert_int_eq(nb_cp_width(0x200B, false), 0); /* zero width space */
	ck_assert_int_eq(nb_cp_width(0xFE0F, true), 0);  /* variation selector */
	ck_assert_int_eq(nb_cp_width(0xFEFF, false), 0);
	ck_assert_int_eq(nb_cp_width(0x1B, false), -1);
	ck_assert_int_eq(nb_cp_width(0x00, false), -1);
	ck_assert_int_eq(nb_cp_width(0x7F, false), -1);
	ck_assert_int_eq(nb_cp_width(0x85, false), -1);
	ck_assert_int_eq(nb_cp_width(0x202E, false), -1);
	ck_assert_int_eq(nb_cp_width(0x2067, true), -1);
	/* e + combining acute is one cell. */
	ck_assert_int_eq(nb_str_width("e\xCC\x81", 3, false), 1);
}
END_TEST

START_TEST(placeholders)
{
	char buf[16];
	ck_assert_str_eq(nb_cp_placeholder(0x1B, buf), "^[");
	ck_assert_str_eq(nb_cp_placeholder(0x00, buf), "^@");
	ck_assert_str_eq(nb_cp_placeholder(0x07, buf), "^G");
	ck_assert_str_eq(nb_cp_placeholder(0x7F, buf), "^?");
	ck_assert_str_eq(nb_cp_placeholder(0x85, buf), "<U+0085>");
	ck_assert_str_eq(nb_cp_placeholder(0x9B, buf), "<U+009B>"); /* C1 CSI */
	ck_assert_str_eq(nb_cp_placeholder(0x202E, buf), "<U+202E>");
	ck_assert_str_eq(nb_cp_placeholder(0x2066, buf), "<U+2066>");
	ck_assert_str_eq(nb_cp_placeholder(0x200F, buf), "<U+200F>");
	ck_assert_ptr_null(nb_cp_placeholder('a', buf));
	ck_assert_ptr_null(nb_cp_placeholder(0x6CD5, buf));
	ck_assert_ptr_null(nb_cp_placeholder(0x3000, buf));
	/* A string counts the cells its placeholders take on screen. */
	const char *s = "a\x1b[31m";
	ck_assert_int_eq(nb_str_width(s, strlen(s), false), 1 + 2 + 4);
	const char *rlo = "x\xE2\x80\xAEy"; /* x U+202E y */
	ck_assert_int_eq(nb_str_width(rlo, strlen(rlo), false), 1 + 8 + 1);
}
END_TEST

START_TEST(invalid_bytes_have_width)
{
	/* A stray byte is drawn as U+FFFD: one cell, or two in ambiguous-wide mode. */
	ck_assert_int_eq(nb_str_width("a\xFF", 2, false), 2);
	ck_assert_int_eq(nb_str_width("a\xFF", 2, true), 3);
}
END_TEST

START_TEST(character_classes)
{
	ck_assert(nb_is_han(first_cp("法")));
	ck_assert(nb_is_han(0x3007));            /* 〇 as in 二〇二三 */
	ck_assert(nb_is_han(0x20000));
	ck_assert(!nb_is_han(first_cp("，")));
	ck_assert(!nb_is_han('a'));
	static const char *punct[] = {"，", "。", "、", "；", "：", "？", "！", "“", "”", "‘", "’",
				      "（", "）", "《", "》", "〔", "〕", "【", "】", "…", "—", "～", "·"};
	for (size_t i = 0; i < sizeof punct / sizeof punct[0]; i++)
		ck_assert_msg(nb_is_cjk_punct(first_cp(punct[i])), "%s is punctuation", punct[i]);
	ck_assert(!nb_is_cjk_punct(first_cp("法")));
	ck_assert(!nb_is_cjk_punct(first_cp("３")));
	ck_assert(!nb_is_cjk_punct(0x3000));
	ck_assert(!nb_is_cjk_punct(0x3007));
	ck_assert(nb_is_fullwidth_space(0x3000));
	ck_assert(!nb_is_fullwidth_space(' '));
	ck_assert(nb_is_space(' '));
	ck_assert(nb_is_space('\t'));
	ck_assert(nb_is_space(0x3000));
	ck_assert(nb_is_space(0xA0));
	ck_assert(!nb_is_space(first_cp("一")));
	ck_assert(!nb_is_space('x'));
}
END_TEST

START_TEST(zishu_of_a_report_sentence)
{
	/* 2023年 = 5, 全区共办理行政复议案件 = 11, 56件 = 3, 同比增长 = 4, 12.5% = 3 (the point and
	 * percent sign are punctuation); APP = 3, 上线 = 2 → 31. */
	const char *s = "2023年，全区共办理行政复议案件56件，同比增长12.5%；“APP”上线。";
	ck_assert_uint_eq(nb_count_zishu(s, strlen(s)), 31);
	const char *spaced = "　　一、主要举措 和成效\r\n";
	ck_assert_uint_eq(nb_count_zishu(spaced, strlen(spaced)), 8);
	const char *wide_digits = "２０２３年";
	ck_assert_uint_eq(nb_count_zishu(wide_digits, strlen(wide_digits)), 5);
	ck_assert_uint_eq(nb_count_zishu("", 0), 0);
	ck_assert_uint_eq(nb_count_zishu("\xFF\xFE", 2), 0);
}
END_TEST

START_TEST(trim_ascii_and_fullwidth)
{
	char a[64];
	strcpy(a, "　 二、存在的问题\t　\r\n");
	size_t n = nb_trim(a, strlen(a));
	ck_assert_uint_eq(n, strlen("二、存在的问题"));
	ck_assert_str_eq(a, "二、存在的问题");
	strcpy(a, "　　");
	ck_assert_uint_eq(nb_trim(a, strlen(a)), 0);
	ck_assert_str_eq(a, "");
	/* Nothing to trim: the bytes are untouched, even past len. */
	char b[4] = {'a', 'b', 'c', 'X'};
	ck_assert_uint_eq(nb_trim(b, 3), 3);
	ck_assert_int_eq(b[3], 'X');
}
END_TEST

/* Draft text shown in plain output: a terminal must see placeholders, never the raw controls. */
START_TEST(visible_text_has_no_raw_controls)
{
	const char draft[] = "甲\x1B[2J\t乙\xE2\x80\xAE丙\n\xFF丁";
	nb_sb sb = {0};
	nb_sb_add_visible(&sb, draft, strlen(draft));
	ck_assert_str_eq(nb_sb_cstr(&sb), "甲^[[2J^I乙<U+202E>丙^J\xEF\xBF\xBD丁");
	nb_sb_free(&sb);
	nb_sb_add_visible_line(&sb, draft, strlen(draft));
	ck_assert_str_eq(nb_sb_cstr(&sb), "甲^[[2J 乙<U+202E>丙 \xEF\xBF\xBD丁");
	nb_sb_free(&sb);
	/* Only the first len bytes, even without a NUL there. */
	nb_sb_add_visible(&sb, "甲乙", 3);
	ck_assert_str_eq(nb_sb_cstr(&sb), "甲");
	nb_sb_free(&sb);
}
END_TEST

/* JSON output of draft text: valid, and no raw control or bidi character in it. */
START_TEST(json_string_escapes_what_a_terminal_would_act_on)
{
	nb_sb sb = {0};
	nb_sb_add_json_string(&sb, "「引」\"\\\n\t\r\x1B\xE2\x80\xAE\xE2\x80\xA8\xFF");
	ck_assert_str_eq(nb_sb_cstr(&sb), "\"「引」\\\"\\\\\\n\\t\\r\\u001b\\u202e\\u2028\\ufffd\"");
	nb_sb_free(&sb);
	nb_sb_add_json_string(&sb, NULL);
	ck_assert_str_eq(nb_sb_cstr(&sb), "null");
	nb_sb_free(&sb);
}
END_TEST

static Suite *text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, decode_valid_sequences);
	tcase_add_test(tc, decode_invalid_consumes_one_byte);
	tcase_add_test(tc, encode_round_trip);
	tcase_add_test(tc, valid_reports_first_bad_byte);
	tcase_add_test(tc, count_prev_next_agree);
	tcase_add_test(tc, width_cjk_and_ascii);
	tcase_add_test(tc, width_ambiguous_follows_flag);
	tcase_add_test(tc, width_zero_and_controls);
	tcase_add_test(tc, placeholders);
	tcase_add_test(tc, invalid_bytes_have_width);
	tcase_add_test(tc, character_classes);
	tcase_add_test(tc, zishu_of_a_report_sentence);
	tcase_add_test(tc, trim_ascii_and_fullwidth);
	tcase_add_test(tc, visible_text_has_no_raw_controls);
	tcase_add_test(tc, json_string_escapes_what_a_terminal_would_act_on);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(text_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
