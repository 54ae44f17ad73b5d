/* test_emergency.c — NAME.save files: numbering, privacy, content, and the signal-handler path. */
#include "config.h"
#include "nianbao/emergency.h"
#include "nianbao/yamlio.h"

#include <check.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[64];
static char report_path[160];

static void setup(void)
{
	snprintf(dir, sizeof dir, "/tmp/nb-emerg-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char state[128];
	snprintf(state, sizeof state, "%s/state", dir);
	setenv("XDG_STATE_HOME", state, 1);
	snprintf(report_path, sizeof report_path, "%s/报告.yaml", dir);
}

static void teardown(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static void touch(const char *path, const char *content)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(content, f);
	fclose(f);
}

static char *slurp(const char *path, size_t *len)
{
	char *data;
	nb_error err = {{0}};
	ck_assert_msg(nb_read_file(path, 1 << 26, &data, len, &err) == 0, "%s", err.msg);
	return data;
}

static nb_report *sample_report(const char *body)
{
	nb_report *r = nb_report_new();
	nb_report_set_meta(r, NB_META_UNIT, "某县司法局");
	nb_report_set_meta(r, NB_META_YEAR, "2024");
	nb_report_add_section(r, "measures", "一、主要举措和成效", body);
	return r;
}

START_TEST(names_are_numbered_and_never_reused)
{
	nb_error err = {{0}};
	char want[200];
	char *p = nb_emergency_path(report_path, &err);
	snprintf(want, sizeof want, "%s.save", report_path);
	ck_assert_str_eq(p, want);
	touch(p, "old");
	free(p);
	p = nb_emergency_path(report_path, &err);
	snprintf(want, sizeof want, "%s.save.1", report_path);
	ck_assert_str_eq(p, want);
	touch(p, "old");
	free(p);
	/* A dangling symlink is a taken name: never write through it. */
	snprintf(want, sizeof want, "%s.save.2", report_path);
	ck_assert_int_eq(symlink("/nonexistent/target", want), 0);
	p = nb_emergency_path(report_path, &err);
	snprintf(want, sizeof want, "%s.save.3", report_path);
	ck_assert_str_eq(p, want);
	free(p);
}
END_TEST

START_TEST(save_is_private_and_round_trips)
{
	umask(022);
	nb_report *r = sample_report("（一）全年办理行政复议案件12件，纠错2件。\n（二）开展“八五”普法。");
	nb_error err = {{0}};
	char *written = nb_emergency_save(report_path, r, &err);
	ck_assert_msg(written != NULL, "%s", err.msg);
	char want[200];
	snprintf(want, sizeof want, "%s.save", report_path);
	ck_assert_str_eq(written, want);
	struct stat st;
	ck_assert_int_eq(stat(written, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0600);
	size_t len;
	char *data = slurp(written, &len);
	nb_report *back = nb_yaml_load(data, len, written, NULL, &err);
	ck_assert_msg(back != NULL, "%s", err.msg);
	ck_assert_str_eq(back->sections[0].body, r->sections[0].body);
	ck_assert_str_eq(nb_report_meta(back, NB_META_UNIT), "某县司法局");
	nb_report_free(back);
	free(data);
	free(written);
	nb_report_free(r);
}
END_TEST

START_TEST(second_save_keeps_the_first)
{
	nb_report *r1 = sample_report("第一次断线时的文字。");
	nb_report *r2 = sample_report("第二次断线时的文字。");
	nb_error err = {{0}};
	char *w1 = nb_emergency_save(report_path, r1, &err);
	ck_assert_ptr_nonnull(w1);
	size_t l1;
	char *before = slurp(w1, &l1);
	char *w2 = nb_emergency_save(report_path, r2, &err);
	ck_assert_ptr_nonnull(w2);
	char want[200];
	snprintf(want, sizeof want, "%s.save.1", report_path);
	ck_assert_str_eq(w2, want);
	size_t l1b;
	char *after = slurp(w1, &l1b);
	ck_assert_uint_eq(l1, l1b);
	ck_assert(memcmp(before, after, l1) == 0);
	ck_assert_ptr_nonnull(strstr(before, "第一次断线时的文字"));
	size_t l2;
	char *second = slurp(w2, &l2);
	ck_assert_ptr_nonnull(strstr(second, "第二次断线时的文字"));
	free(before); free(after); free(second); free(w1); free(w2);
	nb_report_free(r1);
	nb_report_free(r2);
}
END_TEST

START_TEST(unnamed_report_goes_to_the_current_directory)
{
	char cwd[4096];
	ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
	ck_assert_int_eq(chdir(dir), 0);
	nb_report *r = sample_report("未命名。");
	nb_error err = {{0}};
	char *w = nb_emergency_save(NULL, r, &err);
	ck_assert_ptr_nonnull(w);
	char want[64];
	snprintf(want, sizeof want, "nianbao-untitled-%ld.save", (long)getpid());
	ck_assert_str_eq(w, want);
	ck_assert_int_eq(access(want, F_OK), 0);
	ck_assert_int_eq(chdir(cwd), 0);
	free(w);
	nb_report_free(r);
}
END_TEST

START_TEST(unwritable_place_falls_back_to_the_state_directory)
{
	/* The report's directory is gone (e.g. unmounted): the copy still lands somewhere safe. */
	char gone[200];
	snprintf(gone, sizeof gone, "%s/no-such-dir/报告.yaml", dir);
	nb_report *r = sample_report("换个地方保存。");
	nb_error err = {{0}};
	char *w = nb_emergency_save(gone, r, &err);
	ck_assert_msg(w != NULL, "%s", err.msg);
	char want[200];
	snprintf(want, sizeof want, "%s/state/nianbao/报告.yaml.save", dir);
	ck_assert_str_eq(w, want);
	struct stat st;
	ck_assert_int_eq(stat(w, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0600);
	free(w);
	nb_report_free(r);
}
END_TEST

START_TEST(nowhere_to_write_names_every_place)
{
	char gone[200];
	snprintf(gone, sizeof gone, "%s/no-such-dir/报告.yaml", dir);
	setenv("XDG_STATE_HOME", "/proc/nonexistent", 1);
	setenv("HOME", "/proc/nonexistent-home", 1);
	nb_report *r = sample_report("无处可存。");
	nb_error err = {{0}};
	char *w = nb_emergency_save(gone, r, &err);
	ck_assert_ptr_null(w);
	ck_assert_ptr_nonnull(strstr(err.msg, gone));
	ck_assert_ptr_nonnull(strstr(err.msg, "/proc/nonexistent-home/报告.yaml.save"));
	nb_report_free(r);
}
END_TEST

START_TEST(raw_write_numbers_and_is_private)
{
	nb_emergency_plan plan;
	ck_assert_int_eq(nb_emergency_prepare(&plan, report_path), 0);
	const char text[] = "nianbao: 1\nintro: 快照\n";
	umask(022);
	ck_assert_int_eq(nb_emergency_write_raw(&plan, text, sizeof text - 1), 0);
	char want[200];
	snprintf(want, sizeof want, "%s.save", report_path);
	ck_assert_str_eq(plan.written, want);
	ck_assert_int_eq(nb_emergency_write_raw(&plan, text, sizeof text - 1), 0);
	snprintf(want, sizeof want, "%s.save.1", report_path);
	ck_assert_str_eq(plan.written, want);
	struct stat st;
	ck_assert_int_eq(stat(want, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	size_t len;
	char *data = slurp(want, &len);
	ck_assert_uint_eq(len, sizeof text - 1);
	ck_assert(memcmp(data, text, len) == 0);
	free(data);
}
END_TEST

/* What an editor does: a static plan and snapshot, a handler that writes them and dies. */
static nb_emergency_plan crash_plan;
static const char crash_snapshot[] = "nianbao: 1\nsections:\n  - heading: 一、主要举措\n    body: |\n      崩溃前的文字\n";

static void on_fatal(int sig)
{
	nb_emergency_write_raw(&crash_plan, crash_snapshot, sizeof crash_snapshot - 1);
	signal(sig, SIG_DFL);
	raise(sig);
}

START_TEST(raw_write_from_a_real_crash)
{
	ck_assert_int_eq(nb_emergency_prepare(&crash_plan, report_path), 0);
	pid_t child = fork();
	ck_assert_int_ge(child, 0);
	if (child == 0) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_fatal;
		sa.sa_flags = SA_RESETHAND;
		sigaction(SIGSEGV, &sa, NULL);
		/* raise rather than a wild write, so the test stays clean under valgrind. */
		raise(SIGSEGV);
		_exit(0);
	}
	int status;
	waitpid(child, &status, 0);
	ck_assert(WIFSIGNALED(status));
	ck_assert_int_eq(WTERMSIG(status), SIGSEGV);
	char want[200];
	snprintf(want, sizeof want, "%s.save", report_path);
	size_t len;
	char *data = slurp(want, &len);
	ck_assert_uint_eq(len, sizeof crash_snapshot - 1);
	nb_error err = {{0}};
	nb_report *r = nb_yaml_load(data, len, want, NULL, &err);
	ck_assert_msg(r != NULL, "%s", err.msg);
	ck_assert_ptr_nonnull(strstr(r->sections[0].body, "崩溃前的文字"));
	nb_report_free(r);
	free(data);
}
END_TEST

START_TEST(raw_write_falls_back_when_beside_fails)
{
	char gone[200];
	snprintf(gone, sizeof gone, "%s/no-such-dir/报告.yaml", dir);
	nb_emergency_plan plan;
	nb_emergency_prepare(&plan, gone);
	ck_assert_int_eq(nb_emergency_write_raw(&plan, "x", 1), 0);
	char want[200];
	snprintf(want, sizeof want, "%s/state/nianbao/报告.yaml.save", dir);
	ck_assert_str_eq(plan.written, want);
}
END_TEST

START_TEST(next_start_finds_every_emergency_file)
{
	nb_report *r = sample_report("断线前的文字。");
	nb_error err = {{0}};
	size_t n = 9;
	ck_assert_ptr_null(nb_emergency_list(report_path, &n));
	ck_assert_uint_eq(n, 0);
	char *w1 = nb_emergency_save(report_path, r, &err);
	char *w2 = nb_emergency_save(report_path, r, &err);
	/* One that had to go to the state directory (same base name, another directory). */
	char gone[200];
	snprintf(gone, sizeof gone, "%s/no-such-dir/报告.yaml", dir);
	char *w3 = nb_emergency_save(gone, r, &err);
	ck_assert_ptr_nonnull(w1);
	ck_assert_ptr_nonnull(w2);
	ck_assert_ptr_nonnull(w3);
	/* Files that only look similar are not ours. */
	char other[200];
	snprintf(other, sizeof other, "%s/报告.yaml.saved", dir);
	touch(other, "x");
	snprintf(other, sizeof other, "%s/报告.yaml.save.x1", dir);
	touch(other, "x");
	char **list = nb_emergency_list(report_path, &n);
	ck_assert_uint_eq(n, 3);
	bool seen1 = false, seen2 = false, seen3 = false;
	for (size_t i = 0; i < n; i++) {
		seen1 = seen1 || strcmp(list[i], w1) == 0;
		seen2 = seen2 || strcmp(list[i], w2) == 0;
		seen3 = seen3 || strcmp(list[i], w3) == 0;
		free(list[i]);
	}
	free(list);
	ck_assert(seen1 && seen2 && seen3);
	free(w1); free(w2); free(w3);
	nb_report_free(r);
}
END_TEST

START_TEST(unnamed_emergency_files_of_any_process_are_listed)
{
	char cwd[4096];
	ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
	ck_assert_int_eq(chdir(dir), 0);
	touch("nianbao-untitled-123.save", "a");
	touch("nianbao-untitled-456.save.2", "b");
	touch("nianbao-untitled-.save", "not ours");
	size_t n;
	char **list = nb_emergency_list(NULL, &n);
	ck_assert_uint_eq(n, 2);
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
	ck_assert_int_eq(chdir(cwd), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("emergency");
	TCase *tc = tcase_create("emergency");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, names_are_numbered_and_never_reused);
	tcase_add_test(tc, save_is_private_and_round_trips);
	tcase_add_test(tc, second_save_keeps_the_first);
	tcase_add_test(tc, unnamed_report_goes_to_the_current_directory);
	tcase_add_test(tc, unwritable_place_falls_back_to_the_state_directory);
	tcase_add_test(tc, nowhere_to_write_names_every_place);
	tcase_add_test(tc, raw_write_numbers_and_is_private);
	tcase_add_test(tc, raw_write_from_a_real_crash);
	tcase_add_test(tc, raw_write_falls_back_when_beside_fails);
	tcase_add_test(tc, next_start_finds_every_emergency_file);
	tcase_add_test(tc, unnamed_emergency_files_of_any_process_are_listed);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
