/* test_buffer.c — the section buffer: edits, contiguous access, undo groups, saved marker,
 * change ranges and word motion in Chinese text. */
#include "config.h"
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "nianbao/buffer.h"

static void assert_text(nb_buffer *b, const char *want)
{
	size_t len;
	const char *t = nb_buffer_text(b, &len);
	ck_assert_uint_eq(len, strlen(want));
	ck_assert_str_eq(t, want);
	ck_assert_uint_eq(nb_buffer_len(b), strlen(want));
}

/* Types s one character at a time at the cursor, as the editor does. */
static void type(nb_buffer *b, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		size_t k = 1;
		while (i + k < n && ((unsigned char)s[i + k] & 0xC0) == 0x80)
			k++;
		nb_buffer_insert(b, nb_buffer_cursor(b), s + i, k);
		i += k;
	}
}

static void backspace(nb_buffer *b)
{
	size_t c = nb_buffer_cursor(b);
	size_t p = nb_buffer_prev_char(b, c);
	nb_buffer_delete(b, p, c - p);
}

START_TEST(test_insert_delete_access)
{
	nb_buffer *b = nb_buffer_new("法治政府", strlen("法治政府"));
	assert_text(b, "法治政府");
	nb_buffer_insert(b, 6, "建设", 6);   /* after 法治 */
	assert_text(b, "法治建设政府");
	nb_buffer_delete(b, 0, 3);
	assert_text(b, "治建设政府");
	nb_buffer_insert(b, 3, "X", 1);
	/* a span across the gap reads the right bytes */
	const char *sp = nb_buffer_span(b, 0, 7);
	ck_assert(memcmp(sp, "治X建", 7) == 0);
	char out[32] = {0};
	ck_assert_uint_eq(nb_buffer_copy(b, 3, 4, out), 4);
	ck_assert(memcmp(out, "X建", 4) == 0);
	char *d = nb_buffer_dup(b, 4, 100);
	ck_assert_str_eq(d, "建设政府");
	free(d);
	ck_assert_int_eq(nb_buffer_byte(b, 3), 'X');
	ck_assert_int_eq(nb_buffer_byte(b, 1000), -1);
	size_t n;
	ck_assert_uint_eq(nb_buffer_cp(b, 4, &n), 0x5EFA); /* 建 */
	ck_assert_uint_eq(n, 3);
	/* offsets past the end are clamped */
	nb_buffer_insert(b, 9999, "。", 3);
	assert_text(b, "治X建设政府。");
	nb_buffer_delete(b, 16, 9999);
	assert_text(b, "治X建设政府");
	nb_buffer_free(b);
}
END_TEST

START_TEST(test_char_steps_and_paragraphs)
{
	const char *s = "一、举措\n\xff" "a\n";
	nb_buffer *b = nb_buffer_new(s, strlen(s));
	ck_assert_uint_eq(nb_buffer_next_char(b, 0), 3);
	ck_assert_uint_eq(nb_buffer_prev_char(b, 6), 3);
	/* an invalid byte is a character of its own */
	ck_assert_uint_eq(nb_buffer_next_char(b, 13), 14);
	ck_assert_uint_eq(nb_buffer_prev_char(b, 14), 13);
	ck_assert_uint_eq(nb_buffer_prev_char(b, 0), 0);
	ck_assert_uint_eq(nb_buffer_next_char(b, strlen(s)), strlen(s));
	ck_assert_uint_eq(nb_buffer_para_start(b, 5), 0);
	ck_assert_uint_eq(nb_buffer_para_end(b, 5), 12);
	ck_assert_uint_eq(nb_buffer_para_start(b, 14), 13);
	ck_assert_uint_eq(nb_buffer_para_end(b, 14), 15);
	ck_assert_uint_eq(nb_buffer_para_start(b, 16), 16); /* empty last paragraph */
	/* the same after moving the gap into the middle */
	nb_buffer_insert(b, 6, "z", 1);
	nb_buffer_delete(b, 6, 1);
	ck_assert_uint_eq(nb_buffer_para_start(b, 14), 13);
	ck_assert_uint_eq(nb_buffer_para_end(b, 3), 12);
	ck_assert_uint_eq(nb_buffer_para_start(b, 12), 0);
	nb_buffer_free(b);
}
END_TEST

START_TEST(test_typing_is_one_undo_step)
{
	nb_buffer *b = nb_buffer_new("。", 3);
	nb_buffer_set_cursor(b, 0);
	type(b, "深入推进依法行政");
	assert_text(b, "深入推进依法行政。");
	size_t cur = 99;
	ck_assert(nb_buffer_undo(b, &cur));
	assert_text(b, "。");
	ck_assert_uint_eq(cur, 0);
	ck_assert(!nb_buffer_can_undo(b));
	ck_assert(nb_buffer_redo(b, &cur));
	assert_text(b, "深入推进依法行政。");
	ck_assert_uint_eq(cur, strlen("深入推进依法行政"));
	nb_buffer_free(b);
}
END_TEST

START_TEST(test_group_boundaries)
{
	nb_buffer *b = nb_buffer_new("", 0);
	type(b, "ab\n");
	type(b, "cd");
	nb_buffer_set_cursor(b, 0);          /* jump */
	type(b, "X");
	nb_buffer_break_group(b);            /* pause */
	type(b, "Y");
	assert_text(b, "XYab\ncd");
	size_t cur;
	ck_assert(nb_buffer_undo(b, &cur));
	assert_text(b, "Xab\ncd");
	ck_assert_uint_eq(cur, 1);
	ck_assert(nb_buffer_undo(b, &cur));
	assert_text(b, "ab\ncd");
	ck_assert_uint_eq(cur, 0);           /* where X was typed, after the jump */
	ck_assert(nb_buffer_undo(b, &cur));
	assert_text(b, "ab\n");
	ck_assert_uint_eq(cur, 3);
	ck_assert(nb_buffer_undo(b, &cur));
	assert_text(b, "");
	ck_assert_uint_eq(cur, 0);
	ck_assert(!nb_buffer_undo(b, &cur));
	nb_buffer_free(b);
}
END_TEST

START_TEST(test_delete_after_insert_and_backspace_runs)
{
	nb_buffer *b = nb_buffer_new("", 0);
	type(b, "法治政府建设");
	backspace(b);
	backspace(b);
	assert_text(b, "法治政府");
	size_t cur;
	ck_assert(nb_buffer_undo(b, &cur));   /* both backspaces at once */
	assert_text(b, "法治政府建设");
	ck_assert_uint_eq(cur, strlen("法治政府建设"));
	ck_assert(nb_buffer_undo(b, &cur));
	assert_text(b, "");
	/* a run of Delete at one place coalesces and puts the cursor back there */
	nb_buffer_redo(b, NULL);
	nb_buffer_set_cursor(b, 3);
	nb_buffer_delete(b, 3, 3);
	nb_buffer_delete(b, 3, 3);
	assert_text(b, "法府建设");
	ck_assert(nb_buffer_undo(b, &cur));
	assert_text(b, "法治政府建设");
	ck_assert_uint_eq(cur, 3);
	/* insert after deletes starts a new group */
	backspace(b);
	type(b, "Z");
	assert_text(b, "Z治政府建设");
	nb_buffer_undo(b, NULL);
	assert_text(b, "治政府建设");
	nb_buffer_free(b);
}
END_TEST

START_TEST(test_bracketed_group)
{
	const char *s = "原文：法制建设。法制宣传。";
	nb_buffer *b = nb_buffer_new(s, strlen(s));
	nb_buffer_set_cursor(b, 9);
	/* a replace-all done as several edits, bracketed */
	nb_buffer_begin_group(b);
	nb_buffer_begin_group(b);             /* nesting: only the outer pair counts */
	nb_buffer_replace(b, 9, 6, "法治", 6);
	nb_buffer_end_group(b);
	nb_buffer_replace(b, 24, 6, "法治", 6);
	nb_buffer_insert(b, 0, "\n", 1);      /* a newline inside the bracket does not split it */
	nb_buffer_end_group(b);
	assert_text(b, "\n原文：法治建设。法治宣传。");
	size_t cur;
	ck_assert(nb_buffer_undo(b, &cur));
	assert_text(b, s);
	ck_assert_uint_eq(cur, 9);
	ck_assert(!nb_buffer_can_undo(b));
	/* an empty bracket adds no step */
	nb_buffer_begin_group(b);
	nb_buffer_end_group(b);
	ck_assert(!nb_buffer_can_undo(b));
	nb_buffer_free(b);
}
END_TEST

START_TEST(test_new_edit_drops_redo)
{
	nb_buffer *b = nb_buffer_new("", 0);
	type(b, "甲");
	nb_buffer_undo(b, NULL);
	ck_assert(nb_buffer_can_redo(b));
	type(b, "乙");
	ck_assert(!nb_buffer_can_redo(b));
	ck_assert(!nb_buffer_redo(b, NULL));
	assert_text(b, "乙");
	nb_buffer_free(b);
}
END_TEST

START_TEST(test_saved_marker)
{
	nb_buffer *b = nb_buffer_new("草稿", 6);
	ck_assert(!nb_buffer_is_modified(b));
	nb_buffer_set_cursor(b, 6);
	type(b, "一");
	ck_assert(nb_buffer_is_modified(b));
	nb_buffer_mark_saved(b);
	ck_assert(!nb_buffer_is_modified(b));
	type(b, "二");                         /* would coalesce, but the save closed the group */
	ck_assert(nb_buffer_is_modified(b));
	nb_buffer_undo(b, NULL);
	assert_text(b, "草稿一");
	ck_assert(!nb_buffer_is_modified(b));  /* back to the saved state */
	nb_buffer_undo(b, NULL);
	ck_assert(nb_buffer_is_modified(b));
	nb_buffer_redo(b, NULL);
	ck_assert(!nb_buffer_is_modified(b));
	nb_buffer_redo(b, NULL);
	ck_assert(nb_buffer_is_modified(b));
	/* the saved state becomes unreachable once its branch is dropped */
	nb_buffer_undo(b, NULL);
	nb_buffer_undo(b, NULL);
	type(b, "三");
	ck_assert(nb_buffer_is_modified(b));
	nb_buffer_undo(b, NULL);
	assert_text(b, "草稿");
	ck_assert(nb_buffer_is_modified(b));
	nb_buffer_free(b);
}
END_TEST

START_TEST(test_change_ranges)
{
	nb_buffer *b = nb_buffer_new("0123456789", 10);
	size_t off, rem, ins;
	ck_assert(!nb_buffer_take_change(b, &off, &rem, &ins));
	unsigned long v = nb_buffer_version(b);
	nb_buffer_insert(b, 5, "ab", 2);      /* 01234ab56789 */
	nb_buffer_delete(b, 1, 2);            /* 034ab56789 */
	ck_assert(nb_buffer_version(b) > v);
	ck_assert(nb_buffer_take_change(b, &off, &rem, &ins));
	/* old [1,5) "1234" became "34ab" */
	ck_assert_uint_eq(off, 1);
	ck_assert_uint_eq(rem, 4);
	ck_assert_uint_eq(ins, 4);
	ck_assert(!nb_buffer_take_change(b, &off, &rem, &ins));
	nb_buffer_delete(b, 8, 2);            /* 034ab567 */
	nb_buffer_insert(b, 0, "X", 1);       /* X034ab567 */
	ck_assert(nb_buffer_take_change(b, &off, &rem, &ins));
	/* old "034ab56789" [0,10) became "X034ab567" [0,9) */
	ck_assert_uint_eq(off, 0);
	ck_assert_uint_eq(rem, 10);
	ck_assert_uint_eq(ins, 9);
	nb_buffer_undo(b, NULL);
	ck_assert(nb_buffer_take_change(b, &off, &rem, &ins));
	ck_assert_uint_eq(off, 0);
	ck_assert_uint_eq(rem, 1);
	ck_assert_uint_eq(ins, 0);
	nb_buffer_free(b);
}
END_TEST

/* Random edits against a plain string: the text must always match, and undoing everything and
 * redoing everything must give back the start and the end. */
START_TEST(test_random_edits_against_model)
{
	srand(12345);
	const char *alphabet[] = {"a", "法", "\n", "。", "“", "1"};
	char *model = calloc(1, 1);
	size_t mlen = 0;
	nb_buffer *b = nb_buffer_new("", 0);
	for (int i = 0; i < 400; i++) {
		if (rand() % 3) {
			const char *piece = alphabet[rand() % 6];
			size_t k = strlen(piece);
			size_t off = mlen ? (size_t)rand() % (mlen + 1) : 0;
			model = realloc(model, mlen + k + 1);
			memmove(model + off + k, model + off, mlen - off + 1);
			memcpy(model + off, piece, k);
			mlen += k;
			nb_buffer_insert(b, off, piece, k);
		} else if (mlen) {
			size_t off = (size_t)rand() % mlen;
			size_t k = 1 + (size_t)rand() % 4;
			if (k > mlen - off)
				k = mlen - off;
			memmove(model + off, model + off + k, mlen - off - k + 1);
			mlen -= k;
			nb_buffer_delete(b, off, k);
		}
		if (rand() % 5 == 0)
			nb_buffer_break_group(b);
		size_t len;
		const char *t = (rand() % 2) ? nb_buffer_text(b, &len) : nb_buffer_span(b, 0, mlen);
		ck_assert(memcmp(t, model, mlen) == 0);
		ck_assert_uint_eq(nb_buffer_len(b), mlen);
	}
	while (nb_buffer_undo(b, NULL))
		;
	assert_text(b, "");
	while (nb_buffer_redo(b, NULL))
		;
	size_t len;
	const char *t = nb_buffer_text(b, &len);
	ck_assert_uint_eq(len, mlen);
	ck_assert(memcmp(t, model, mlen) == 0);
	free(model);
	nb_buffer_free(b);
}
END_TEST

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

START_TEST(test_large_paste_and_typing_in_big_buffer)
{
	/* a 100 KB paste goes in as one insert and one undo step */
	size_t n = 100 * 1024;
	char *paste = malloc(n);
	for (size_t i = 0; i < n; i++)
		paste[i] = (i % 97 == 96) ? '\n' : 'a' + (char)(i % 26);
	nb_buffer *b = nb_buffer_new("", 0);
	nb_buffer_begin_group(b);
	nb_buffer_insert(b, 0, paste, n);
	nb_buffer_end_group(b);
	ck_assert_uint_eq(nb_buffer_len(b), n);
	nb_buffer_undo(b, NULL);
	ck_assert_uint_eq(nb_buffer_len(b), 0);
	ck_assert(!nb_buffer_can_undo(b));
	nb_buffer_free(b);
	free(paste);

	/* typing into the middle of 10 MB costs microseconds, not a copy of the text per key;
	 * 2000 keys in 0.5 s leaves a wide margin even under sanitizers */
	size_t big = 10 * 1024 * 1024;
	char *text = malloc(big);
	memset(text, 'x', big);
	b = nb_buffer_new(text, big);
	free(text);
	nb_buffer_set_cursor(b, big / 2);
	double t0 = now();
	for (int i = 0; i < 2000; i++) {
		nb_buffer_insert(b, nb_buffer_cursor(b), "法", 3);
		if (i % 100 == 99)
			nb_buffer_break_group(b);
		/* the editor reads the paragraph around the cursor after each key */
		(void)nb_buffer_span(b, nb_buffer_cursor(b) - 30, 60);
	}
	double dt = now() - t0;
	ck_assert_msg(dt < 0.5, "2000 keys took %.3f s", dt);
	ck_assert_uint_eq(nb_buffer_len(b), big + 6000);
	nb_buffer_free(b);
}
END_TEST

/* Collects the offsets visited by repeated word-right from 0. */
static size_t word_stops(nb_buffer *b, size_t *stops, size_t max)
{
	size_t n = 0, p = 0, len = nb_buffer_len(b);
	while (p < len && n < max) {
		p = nb_buffer_word_right(b, p);
		stops[n++] = p;
	}
	return n;
}

START_TEST(test_words_han_runs_split)
{
	const char *s = "深入学习贯彻习近平法治思想";  /* 13 Han characters, 39 bytes */
	nb_buffer *b = nb_buffer_new(s, strlen(s));
	size_t stops[16];
	size_t n = word_stops(b, stops, 16);
	ck_assert_uint_eq(n, 4);
	ck_assert_uint_eq(stops[0], 3 * NB_WORD_HAN_MAX);
	ck_assert_uint_eq(stops[1], 6 * NB_WORD_HAN_MAX);
	ck_assert_uint_eq(stops[2], 9 * NB_WORD_HAN_MAX);
	ck_assert_uint_eq(stops[3], 39);
	/* from inside a piece, right goes to the piece's end and left to its start */
	ck_assert_uint_eq(nb_buffer_word_right(b, 3), 3 * NB_WORD_HAN_MAX);
	ck_assert_uint_eq(nb_buffer_word_left(b, 3 * NB_WORD_HAN_MAX + 6), 3 * NB_WORD_HAN_MAX);
	/* left is the mirror of right */
	for (size_t i = n; i-- > 1;)
		ck_assert_uint_eq(nb_buffer_word_left(b, stops[i]), stops[i - 1]);
	ck_assert_uint_eq(nb_buffer_word_left(b, stops[0]), 0);
	nb_buffer_free(b);
}
END_TEST

START_TEST(test_words_classes)
{
	/* Han | number with decimal point and % | punctuation | space | Latin */
	const char *s = "办结率99.87%，“APP” 上线";
	nb_buffer *b = nb_buffer_new(s, strlen(s));
	size_t o_num = strlen("办结率");
	size_t o_pct = strlen("办结率99.87");
	size_t o_app = strlen("办结率99.87%，“");
	size_t o_q = strlen("办结率99.87%，“APP");
	size_t o_sx = strlen("办结率99.87%，“APP” ");
	ck_assert_uint_eq(nb_buffer_word_right(b, 0), o_num);
	ck_assert_uint_eq(nb_buffer_word_right(b, o_num), o_pct);     /* 99.87 is one word */
	ck_assert_uint_eq(nb_buffer_word_right(b, o_pct), o_app);     /* %，“ one run */
	ck_assert_uint_eq(nb_buffer_word_right(b, o_app), o_q);
	ck_assert_uint_eq(nb_buffer_word_right(b, o_q), o_sx);        /* ” then skip the space */
	ck_assert_uint_eq(nb_buffer_word_right(b, o_sx), strlen(s));
	ck_assert_uint_eq(nb_buffer_word_left(b, strlen(s)), o_sx);
	ck_assert_uint_eq(nb_buffer_word_left(b, o_sx), o_q);         /* skips the space back */
	ck_assert_uint_eq(nb_buffer_word_left(b, o_q), o_app);
	ck_assert_uint_eq(nb_buffer_word_left(b, o_pct + 1), o_pct);
	ck_assert_uint_eq(nb_buffer_word_left(b, o_pct), o_num);
	nb_buffer_free(b);
}
END_TEST

START_TEST(test_words_paragraph_breaks)
{
	const char *s = "第一段\n\u3000\u3000第二段";
	nb_buffer *b = nb_buffer_new(s, strlen(s));
	size_t nl = strlen("第一段");
	size_t p2 = nl + 1;
	size_t text2 = p2 + 6;   /* after the two U+3000 */
	ck_assert_uint_eq(nb_buffer_word_right(b, 0), nl);      /* stops before the break */
	ck_assert_uint_eq(nb_buffer_word_right(b, nl), p2);     /* crosses it */
	ck_assert_uint_eq(nb_buffer_word_right(b, p2), text2);  /* skips the indentation */
	ck_assert_uint_eq(nb_buffer_word_left(b, text2), p2);   /* spaces back to paragraph start */
	ck_assert_uint_eq(nb_buffer_word_left(b, p2), nl);      /* to the previous paragraph's end */
	ck_assert_uint_eq(nb_buffer_word_left(b, nl), 0);
	ck_assert_uint_eq(nb_buffer_word_left(b, 0), 0);
	ck_assert_uint_eq(nb_buffer_word_right(b, strlen(s)), strlen(s));
	nb_buffer_free(b);
}
END_TEST

static Suite *buffer_suite(void)
{
	Suite *s = suite_create("buffer");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_insert_delete_access);
	tcase_add_test(tc, test_char_steps_and_paragraphs);
	tcase_add_test(tc, test_typing_is_one_undo_step);
	tcase_add_test(tc, test_group_boundaries);
	tcase_add_test(tc, test_delete_after_insert_and_backspace_runs);
	tcase_add_test(tc, test_bracketed_group);
	tcase_add_test(tc, test_new_edit_drops_redo);
	tcase_add_test(tc, test_saved_marker);
	tcase_add_test(tc, test_change_ranges);
	tcase_add_test(tc, test_random_edits_against_model);
	tcase_add_test(tc, test_large_paste_and_typing_in_big_buffer);
	tcase_add_test(tc, test_words_han_runs_split);
	tcase_add_test(tc, test_words_classes);
	tcase_add_test(tc, test_words_paragraph_breaks);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(buffer_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
