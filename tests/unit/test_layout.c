/* test_layout.c — soft wrap by display width: widths, exact fits with wide characters, 避头尾 on
 * both sides, ambiguous width, mixed Latin and Chinese, cursor mapping, the per-paragraph cache. */
#include "config.h"
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "nianbao/layout.h"
#include "nianbao/text.h"
#include "nianbao/util.h"

static nb_rows wrap(const char *s, int width, bool amb)
{
	nb_rows rows = {0};
	nb_wrap_text(s, strlen(s), width, amb, &rows);
	return rows;
}

/* Asserts that s wraps at width into exactly the '|'-separated rows of want. */
static void assert_rows(const char *s, int width, bool amb, const char *want)
{
	nb_rows rows = wrap(s, width, amb);
	nb_sb got = {0};
	for (size_t i = 0; i < rows.n; i++) {
		if (i)
			nb_sb_addc(&got, '|');
		nb_sb_add(&got, s + rows.v[i].start, rows.v[i].end - rows.v[i].start);
		ck_assert_int_le(rows.v[i].width, width);
	}
	ck_assert_msg(strcmp(nb_sb_cstr(&got), want) == 0, "width %d: got \"%s\", want \"%s\"", width,
	              nb_sb_cstr(&got), want);
	nb_sb_free(&got);
	nb_rows_free(&rows);
}

START_TEST(test_char_widths)
{
	ck_assert_int_eq(nb_layout_cp_width(0x6CD5, false), 2);    /* 法 */
	ck_assert_int_eq(nb_layout_cp_width('a', false), 1);
	ck_assert_int_eq(nb_layout_cp_width(0xFF0C, false), 2);    /* ， */
	ck_assert_int_eq(nb_layout_cp_width(0x201C, false), 1);    /* “ narrow */
	ck_assert_int_eq(nb_layout_cp_width(0x201C, true), 2);     /* “ wide */
	ck_assert_int_eq(nb_layout_cp_width(0x1B, false), 2);      /* ESC drawn as ^[ */
	ck_assert_int_eq(nb_layout_cp_width(0x202E, false), 8);    /* <U+202E> */
	ck_assert_int_eq(nb_layout_cp_width(0x0301, false), 0);    /* combining acute */
}
END_TEST

START_TEST(test_exact_width_with_wide_chars)
{
	assert_rows("法治政府建设", 4, false, "法治|政府|建设");
	/* an odd width leaves the last cell empty rather than split a character */
	assert_rows("法治政府建设", 5, false, "法治|政府|建设");
	assert_rows("a法治政", 4, false, "a法|治政");
	assert_rows("法治政府建设", 12, false, "法治政府建设");
	assert_rows("法治政府建设", 11, false, "法治政府建|设");
}
END_TEST

START_TEST(test_no_row_starts_with_closing_mark)
{
	/* 。 would start row 2: 府 is pulled down with it */
	assert_rows("法治政府。", 8, false, "法治政|府。");
	assert_rows("依法行政，建设", 8, false, "依法行|政，建设");
	/* two closing marks in a row move together with the character before them */
	assert_rows("一二三四”。", 8, false, "一二三|四”。");
	assert_rows("一二三四》、五", 8, false, "一二三|四》、五");
	/* …… is never split and never starts a row */
	assert_rows("一二三……", 8, true, "一二|三……");
}
END_TEST

START_TEST(test_no_row_ends_with_opening_mark)
{
	/* “ fits on row 1 but would end it: it moves down with 法 */
	assert_rows("一二三“法治”", 8, false, "一二三|“法治”");
	assert_rows("一二三“法治”", 8, true, "一二三|“法治”");
	assert_rows("一二三《纲要》", 8, false, "一二三|《纲要》");
	assert_rows("一二三（一）", 8, false, "一二三|（一）");
}
END_TEST

START_TEST(test_ambiguous_width)
{
	const char *s = "“法”";
	nb_rows narrow = wrap(s, 80, false), wide = wrap(s, 80, true);
	ck_assert_int_eq(narrow.v[0].width, 4);
	ck_assert_int_eq(wide.v[0].width, 6);
	nb_rows_free(&narrow);
	nb_rows_free(&wide);
	/* the same text wraps differently */
	assert_rows("一二“三”", 8, false, "一二“三”");
	assert_rows("一二“三”", 8, true, "一二|“三”");
}
END_TEST

START_TEST(test_latin_and_numbers)
{
	/* a number or a word moves whole to the next row when it fits there */
	assert_rows("截至2024年底", 6, false, "截至|2024年|底");
	assert_rows("提交APP报告", 6, false, "提交|APP报|告");
	assert_rows("达到99.87%的", 8, false, "达到|99.87%的");
	/* a word longer than a row is cut where the row is full */
	assert_rows("abcdefghij", 4, false, "abcd|efgh|ij");
	/* spaces are break opportunities */
	assert_rows("hello world", 8, false, "hello |world");
}
END_TEST

START_TEST(test_controls_and_empty_paragraphs)
{
	/* ESC is drawn as ^[ (2 cells) and wraps as such */
	assert_rows("a\x1b" "bc", 3, false, "a\x1b|bc");
	nb_rows rows = wrap("甲\n\n乙", 10, false);
	ck_assert_uint_eq(rows.n, 3);
	ck_assert_uint_eq(rows.v[1].start, 4);
	ck_assert_uint_eq(rows.v[1].end, 4);
	ck_assert_uint_eq(rows.v[1].para, 1);
	ck_assert_int_eq(rows.v[1].width, 0);
	ck_assert_uint_eq(rows.v[2].para, 2);
	nb_rows_free(&rows);
	rows = wrap("", 10, false);
	ck_assert_uint_eq(rows.n, 1);
	nb_rows_free(&rows);
}
END_TEST

static char *read_sample(size_t *len)
{
	char *data;
	nb_error err;
	ck_assert_msg(nb_read_file(NB_TEST_DATA "/layout/paragraph.txt", 1 << 20, &data, len, &err) == 0,
	              "%s", err.msg);
	return data;
}

static bool closing_mark(uint32_t cp)
{
	static const uint32_t marks[] = {0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01,
	                                 0x201D, 0x2019, 0xFF09, 0x300B, 0x3015, 0x3011, 0x2026};
	for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
		if (cp == marks[i])
			return true;
	return false;
}

static bool opening_mark(uint32_t cp)
{
	return cp == 0x201C || cp == 0x2018 || cp == 0xFF08 || cp == 0x300A || cp == 0x3014 ||
	       cp == 0x3010;
}

static bool ascii_alnum(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Invariants over realistic prose at every width from 10 to 60, both ambiguous settings. */
START_TEST(test_wrap_invariants_on_prose)
{
	size_t len;
	char *s = read_sample(&len);
	for (int amb = 0; amb < 2; amb++) {
		for (int width = 10; width <= 60; width++) {
			nb_rows rows = {0};
			nb_wrap_text(s, len, width, amb, &rows);
			size_t expect_start = 0;
			for (size_t i = 0; i < rows.n; i++) {
				nb_row *r = &rows.v[i];
				bool para_first = i == 0 || rows.v[i - 1].para != r->para;
				bool para_last = i + 1 == rows.n || rows.v[i + 1].para != r->para;
				ck_assert_uint_eq(r->start, expect_start);   /* rows cover the text */
				ck_assert_int_le(r->width, width);           /* never past the edge */
				ck_assert_int_eq(r->width, nb_str_width(s + r->start, r->end - r->start, amb));
				if (!para_first) {
					uint32_t cp;
					nb_utf8_decode(s + r->start, len - r->start, &cp, NULL);
					ck_assert_msg(!closing_mark(cp), "width %d row %zu starts with U+%04X",
					              width, i, (unsigned)cp);
					/* a soft break inside a Latin word only when the word is wider than a row */
					if (ascii_alnum(s[r->start]) && ascii_alnum(s[r->start - 1])) {
						size_t a = r->start, z = r->start;
						while (a > 0 && ascii_alnum(s[a - 1]))
							a--;
						while (z < len && ascii_alnum(s[z]))
							z++;
						ck_assert_int_gt((int)(z - a), width);
					}
				}
				if (!para_last) {
					size_t p = nb_utf8_prev(s, r->end);
					uint32_t cp;
					nb_utf8_decode(s + p, len - p, &cp, NULL);
					ck_assert_msg(!opening_mark(cp), "width %d row %zu ends with U+%04X",
					              width, i, (unsigned)cp);
				}
				expect_start = para_last ? r->end + 1 : r->end;
			}
			ck_assert_uint_eq(expect_start, len + 1);
			nb_rows_free(&rows);
		}
	}
	free(s);
}
END_TEST

START_TEST(test_find_row_and_cursor_mapping)
{
	const char *s = "法治政府建设\n\nab“法”c";
	nb_rows rows = wrap(s, 4, false);
	/* 法治|政府|建设||ab|“法”|c: “ may not end a row */
	ck_assert_uint_eq(rows.n, 7);
	ck_assert_uint_eq(nb_rows_find(&rows, 0), 0);
	ck_assert_uint_eq(nb_rows_find(&rows, 6), 1);    /* at a soft break: start of the next row */
	ck_assert_uint_eq(nb_rows_find(&rows, 18), 2);   /* end of paragraph: its last row */
	ck_assert_uint_eq(nb_rows_find(&rows, 19), 3);   /* the empty paragraph */
	/* x of offsets, and back */
	ck_assert_int_eq(nb_row_x(s, &rows.v[0], 3, false), 2);
	ck_assert_int_eq(nb_row_x(s, &rows.v[0], 6, false), 4);
	ck_assert_uint_eq(nb_row_offset(s, &rows.v[0], 1, false), 0);  /* right half of 法 */
	ck_assert_uint_eq(nb_row_offset(s, &rows.v[0], 2, false), 3);
	ck_assert_uint_eq(nb_row_offset(s, &rows.v[0], 3, false), 3);
	ck_assert_uint_eq(nb_row_offset(s, &rows.v[0], 40, false), 6);
	ck_assert_uint_eq(nb_row_offset(s, &rows.v[3], 2, false), 19);
	/* round trips: every character start maps to a column and back to itself */
	for (size_t i = 0; i < rows.n; i++) {
		nb_row *r = &rows.v[i];
		for (size_t off = r->start; off < r->end; off = nb_utf8_next(s, strlen(s), off)) {
			int x = nb_row_x(s, r, off, false);
			ck_assert_uint_eq(nb_row_offset(s, r, x, false), off);
			ck_assert_uint_eq(nb_rows_find(&rows, off), i);
		}
	}
	nb_rows_free(&rows);
}
END_TEST

/* The cache must always equal a fresh wrap of the whole text. */
static void assert_cache_matches(nb_layout *l, nb_buffer *b, int width, bool amb)
{
	size_t len;
	const char *t = nb_buffer_text(b, &len);
	nb_rows rows = {0};
	nb_wrap_text(t, len, width, amb, &rows);
	ck_assert_uint_eq(nb_layout_row_count(l), rows.n);
	for (size_t i = 0; i < rows.n; i++) {
		nb_row r;
		ck_assert(nb_layout_row(l, i, &r));
		ck_assert_uint_eq(r.start, rows.v[i].start);
		ck_assert_uint_eq(r.end, rows.v[i].end);
		ck_assert_uint_eq(r.para, rows.v[i].para);
		ck_assert_int_eq(r.width, rows.v[i].width);
	}
	ck_assert(!nb_layout_row(l, rows.n, &(nb_row){0}));
	nb_rows_free(&rows);
}

START_TEST(test_cache_follows_edits)
{
	size_t len;
	char *s = read_sample(&len);
	nb_buffer *b = nb_buffer_new(s, len);
	nb_layout *l = nb_layout_new(20, false);
	nb_layout_reset(l, b);
	assert_cache_matches(l, b, 20, false);
	const char *pieces[] = {"法", "\n", "。", "“", "ab", "\n\n", "，"};
	srand(7);
	for (int i = 0; i < 300; i++) {
		size_t n = nb_buffer_len(b);
		size_t off = nb_buffer_next_char(b, nb_buffer_prev_char(b, (size_t)rand() % (n + 1)));
		if (rand() % 3) {
			const char *p = pieces[rand() % 7];
			nb_buffer_insert(b, off, p, strlen(p));
		} else {
			size_t end = off;
			for (int k = rand() % 8; k >= 0; k--)
				end = nb_buffer_next_char(b, end);
			nb_buffer_delete(b, off, end - off);
		}
		if (rand() % 4 == 0)
			nb_buffer_undo(b, NULL);
		if (rand() % 3)  /* sometimes two changes pile up before the layout hears of them */
			nb_layout_sync(l, b);
		if (i % 25 == 0) {
			nb_layout_sync(l, b);
			assert_cache_matches(l, b, 20, false);
		}
	}
	nb_layout_sync(l, b);
	assert_cache_matches(l, b, 20, false);
	nb_layout_set_width(l, b, 33, true);
	assert_cache_matches(l, b, 33, true);
	nb_layout_free(l);
	nb_buffer_free(b);
	free(s);
}
END_TEST

/* Edits inside one long paragraph re-wrap only the rows around them; whatever is typed (numbers
 * that must stay whole, closing and opening marks, combining marks, controls, spaces), at any
 * width, the rows must equal a fresh wrap. */
START_TEST(test_cache_follows_edits_inside_long_paragraph)
{
	const char *pieces[] = {"法", "。", "“", "”", "12345678", ".", ",", "5", "abcdefghijklmn", "\xCC\x81",
				"\x1b", " ", "……", "（", "）", "%", "治建设工作", "x", "\n"};
	const size_t npieces = sizeof pieces / sizeof *pieces;
	static const int widths[] = {3, 7, 12, 20, 33};
	srand(11);
	for (size_t wi = 0; wi < sizeof widths / sizeof *widths; wi++) {
		int width = widths[wi];
		nb_sb sb = {0};
		for (int i = 0; i < 120; i++)
			nb_sb_adds(&sb, pieces[(size_t)rand() % (npieces - 1)]);
		nb_buffer *b = nb_buffer_new(sb.s, sb.len);
		nb_sb_free(&sb);
		bool amb = wi % 2;
		nb_layout *l = nb_layout_new(width, amb);
		nb_layout_reset(l, b);
		for (int i = 0; i < 400; i++) {
			size_t n = nb_buffer_len(b);
			size_t off = nb_buffer_next_char(b, nb_buffer_prev_char(b, (size_t)rand() % (n + 1)));
			if (rand() % 4) {
				/* newlines are rare, so paragraphs stay long */
				const char *p = pieces[(size_t)rand() % (rand() % 20 ? npieces - 1 : npieces)];
				nb_buffer_insert(b, off, p, strlen(p));
			} else {
				size_t end = off;
				for (int k = rand() % 4; k >= 0; k--)
					end = nb_buffer_next_char(b, end);
				nb_buffer_delete(b, off, end - off);
			}
			nb_layout_sync(l, b);
			assert_cache_matches(l, b, width, amb);
		}
		nb_layout_free(l);
		nb_buffer_free(b);
	}
}
END_TEST

START_TEST(test_cache_cursor_mapping)
{
	const char *s = "一二三“法治”\n\nab";
	nb_buffer *b = nb_buffer_new(s, strlen(s));
	nb_layout *l = nb_layout_new(8, false);
	nb_layout_reset(l, b);
	/* 一二三|“法治”||ab */
	ck_assert_uint_eq(nb_layout_row_count(l), 4);
	ck_assert_uint_eq(nb_layout_para_count(l), 3);
	ck_assert_uint_eq(nb_layout_para_first_row(l, 2), 3);
	ck_assert_uint_eq(nb_layout_para_rows(l, 0), 2);
	ck_assert_uint_eq(nb_layout_para_start(l, 2), strlen("一二三“法治”\n\n"));
	ck_assert_uint_eq(nb_layout_para_len(l, 1), 0);
	size_t row;
	int x;
	nb_layout_pos(l, b, 9, &row, &x);       /* before “: start of row 1 */
	ck_assert_uint_eq(row, 1);
	ck_assert_int_eq(x, 0);
	nb_layout_pos(l, b, 12, &row, &x);      /* before 法 */
	ck_assert_uint_eq(row, 1);
	ck_assert_int_eq(x, 1);
	ck_assert_uint_eq(nb_layout_offset(l, b, 1, 1), 12);
	ck_assert_uint_eq(nb_layout_offset(l, b, 1, 2), 12);   /* right half of 法 */
	ck_assert_uint_eq(nb_layout_offset(l, b, 2, 5), 22);   /* empty paragraph */
	ck_assert_uint_eq(nb_layout_offset(l, b, 99, 99), strlen(s));
	nb_layout_pos(l, b, strlen(s), &row, &x);
	ck_assert_uint_eq(row, 3);
	ck_assert_int_eq(x, 2);
	ck_assert_uint_eq(nb_layout_para_of(l, 21), 0);          /* the '\n' belongs to its paragraph */
	ck_assert_uint_eq(nb_layout_para_of(l, 22), 1);
	nb_layout_free(l);
	nb_buffer_free(b);
}
END_TEST

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

START_TEST(test_typing_in_big_draft_rewraps_one_paragraph)
{
	size_t plen;
	char *para = read_sample(&plen);
	size_t big = 10 * 1024 * 1024;
	char *text = malloc(big + plen);
	size_t n = 0;
	while (n < big) {
		memcpy(text + n, para, plen);
		n += plen;
	}
	nb_buffer *b = nb_buffer_new(text, n);
	free(text);
	nb_layout *l = nb_layout_new(76, false);
	nb_layout_reset(l, b);
	size_t cur = nb_layout_para_start(l, nb_layout_para_count(l) / 2);
	nb_buffer_set_cursor(b, cur);
	double t0 = now();
	for (int i = 0; i < 1000; i++) {
		nb_buffer_insert(b, nb_buffer_cursor(b), "法", 3);
		nb_layout_sync(l, b);
		size_t row;
		int x;
		nb_layout_pos(l, b, nb_buffer_cursor(b), &row, &x);
	}
	double dt = now() - t0;
	/* a full re-wrap per key would take far longer than this */
	ck_assert_msg(dt < 1.0, "1000 keys took %.3f s", dt);
	nb_row r;
	size_t row;
	int x;
	nb_layout_pos(l, b, nb_buffer_cursor(b), &row, &x);
	ck_assert(nb_layout_row(l, row, &r));
	ck_assert_uint_le(r.start, nb_buffer_cursor(b));
	ck_assert_int_le(x, 76);
	nb_layout_free(l);
	nb_buffer_free(b);
	free(para);
}
END_TEST

static Suite *layout_suite(void)
{
	Suite *s = suite_create("layout");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_char_widths);
	tcase_add_test(tc, test_exact_width_with_wide_chars);
	tcase_add_test(tc, test_no_row_starts_with_closing_mark);
	tcase_add_test(tc, test_no_row_ends_with_opening_mark);
	tcase_add_test(tc, test_ambiguous_width);
	tcase_add_test(tc, test_latin_and_numbers);
	tcase_add_test(tc, test_controls_and_empty_paragraphs);
	tcase_add_test(tc, test_wrap_invariants_on_prose);
	tcase_add_test(tc, test_find_row_and_cursor_mapping);
	tcase_add_test(tc, test_cache_follows_edits);
	tcase_add_test(tc, test_cache_follows_edits_inside_long_paragraph);
	tcase_add_test(tc, test_cache_cursor_mapping);
	tcase_add_test(tc, test_typing_in_big_draft_rewraps_one_paragraph);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(layout_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
