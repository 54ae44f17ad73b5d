/* test_journal.c — unsaved edits survive a crash: write, find, load, discard, privacy, damage. */
#include "config.h"
#include "nianbao/journal.h"
#include "nianbao/yamlio.h"

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char dir[64];
static char state[128];
static char report_path[160];

static void setup(void)
{
	snprintf(dir, sizeof dir, "/tmp/nb-journal-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(state, sizeof state, "%s/state", dir);
	setenv("XDG_STATE_HOME", state, 1);
	snprintf(report_path, sizeof report_path, "%s/城关镇2024.yaml", dir);
	FILE *f = fopen(report_path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("nianbao: 1\n", f);
	fclose(f);
}

static void teardown(void)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s'; rm -rf '%s'", dir, dir);
	ck_assert_int_eq(system(cmd), 0);
}

static nb_report *sample_report(const char *measures)
{
	nb_report *r = nb_report_new();
	nb_report_set_meta(r, NB_META_UNIT, "某县城关镇人民政府");
	nb_report_set_meta(r, NB_META_YEAR, "2024");
	nb_report_set_meta(r, NB_META_TITLE, "城关镇2024年法治政府建设年度报告");
	free(r->intro);
	r->intro = nb_xstrdup("2024年，我镇坚持以习近平新时代中国特色社会主义思想为指导。");
	nb_report_add_section(r, "measures", "一、2024年推进法治政府建设的主要举措和成效", measures);
	nb_report_add_section(r, "problems", "二、存在的不足和原因", "一是学法用法不够深入。\n二是执法规范化有待加强。");
	nb_report_add_comment(r, "measures", "法律顾问", "请补充聘请情况", "王科长", "2025-01-20T10:00:00+08:00");
	return r;
}

static char *yaml_of(const nb_report *r)
{
	size_t len;
	return nb_yaml_save(r, &len);
}

static void read_all(const char *path, char **data, size_t *len)
{
	nb_error err = {{0}};
	ck_assert_msg(nb_read_file(path, 1 << 26, data, len, &err) == 0, "%s", err.msg);
}

START_TEST(write_find_load_round_trip)
{
	nb_report *r = sample_report("（一）健全依法决策机制。全年召开党委会专题学法4次，聘请法律顾问1名。");
	nb_error err = {{0}};
	time_t before = time(NULL);
	ck_assert_msg(nb_journal_write(report_path, r, 1, 27, &err) == 0, "%s", err.msg);

	nb_journal_info info;
	ck_assert_int_eq(nb_journal_find(report_path, &info, &err), 1);
	ck_assert(!info.damaged);
	ck_assert_int_ge(info.saved, before);
	ck_assert_int_le(info.saved, time(NULL));
	ck_assert_int_gt(info.size, 100);
	ck_assert_int_eq(info.section, 1);
	ck_assert_int_eq(info.offset, 27);
	char *real = realpath(report_path, NULL);
	ck_assert_str_eq(info.report_path, real);
	/* The journal lives in the state directory, not beside the report. */
	ck_assert_int_eq(strncmp(info.journal_path, state, strlen(state)), 0);
	nb_journal_info_free(&info);

	nb_report *back = NULL;
	int section = -5;
	size_t offset = 0;
	ck_assert_msg(nb_journal_load(report_path, &back, &section, &offset, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(section, 1);
	ck_assert_int_eq(offset, 27);
	ck_assert_uint_eq(back->nsections, 2);
	ck_assert_str_eq(back->sections[0].body, r->sections[0].body);
	ck_assert_str_eq(nb_report_meta(back, NB_META_UNIT), "某县城关镇人民政府");
	ck_assert_uint_eq(back->ncomments, 1);
	ck_assert_str_eq(back->comments[0].text, "请补充聘请情况");
	char *a = yaml_of(r), *b = yaml_of(back);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
	/* The report on disk is untouched. */
	char *disk;
	size_t dlen;
	read_all(report_path, &disk, &dlen);
	ck_assert_str_eq(disk, "nianbao: 1\n");
	free(disk);
	free(real);
	nb_report_free(back);
	nb_report_free(r);
}
END_TEST

START_TEST(later_write_replaces_earlier)
{
	nb_error err = {{0}};
	nb_report *r1 = sample_report("第一稿。");
	nb_report *r2 = sample_report("第二稿，多打了几个字。");
	ck_assert_int_eq(nb_journal_write(report_path, r1, 0, 3, &err), 0);
	ck_assert_int_eq(nb_journal_write(report_path, r2, 0, 9, &err), 0);
	nb_report *back;
	ck_assert_int_eq(nb_journal_load(report_path, &back, NULL, NULL, &err), 0);
	ck_assert_str_eq(back->sections[0].body, "第二稿，多打了几个字。");
	size_t n;
	nb_journal_info *all = nb_journal_list(&n, &err);
	ck_assert_uint_eq(n, 1);
	for (size_t i = 0; i < n; i++)
		nb_journal_info_free(&all[i]);
	free(all);
	nb_report_free(back);
	nb_report_free(r1);
	nb_report_free(r2);
}
END_TEST

START_TEST(journal_and_directory_are_private)
{
	umask(022);
	nb_report *r = sample_report("保密内容。");
	nb_error err = {{0}};
	ck_assert_int_eq(nb_journal_write(report_path, r, 0, 0, &err), 0);
	char *jp = nb_journal_path(report_path);
	struct stat st;
	ck_assert_int_eq(stat(jp, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0600);
	char nd[160];
	snprintf(nd, sizeof nd, "%s/nianbao", state);
	ck_assert_int_eq(stat(nd, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0700);
	/* Someone loosened the directory: the next write makes it private again. */
	ck_assert_int_eq(chmod(nd, 0755), 0);
	ck_assert_int_eq(chmod(jp, 0644), 0);
	ck_assert_int_eq(nb_journal_write(report_path, r, 0, 0, &err), 0);
	ck_assert_int_eq(stat(nd, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0700);
	ck_assert_int_eq(stat(jp, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0600);
	free(jp);
	nb_report_free(r);
}
END_TEST

START_TEST(discard_removes_only_that_journal)
{
	char other[160];
	snprintf(other, sizeof other, "%s/sub", dir);
	ck_assert_int_eq(mkdir(other, 0700), 0);
	/* Same base name, another directory: a different report, a different journal. */
	snprintf(other, sizeof other, "%s/sub/城关镇2024.yaml", dir);
	nb_report *r = sample_report("甲。");
	nb_report *o = sample_report("乙。");
	nb_error err = {{0}};
	ck_assert_int_eq(nb_journal_write(report_path, r, 0, 0, &err), 0);
	ck_assert_int_eq(nb_journal_write(other, o, 0, 0, &err), 0);
	char *j1 = nb_journal_path(report_path), *j2 = nb_journal_path(other);
	ck_assert_str_ne(j1, j2);
	ck_assert_int_eq(nb_journal_discard(report_path, &err), 0);
	nb_journal_info info;
	ck_assert_int_eq(nb_journal_find(report_path, &info, &err), 0);
	ck_assert_int_eq(nb_journal_find(other, &info, &err), 1);
	nb_journal_info_free(&info);
	nb_report *back;
	ck_assert_int_eq(nb_journal_load(other, &back, NULL, NULL, &err), 0);
	ck_assert_str_eq(back->sections[0].body, "乙。");
	/* Discarding what is not there is fine. */
	ck_assert_int_eq(nb_journal_discard(report_path, &err), 0);
	nb_report *none = NULL;
	ck_assert_int_eq(nb_journal_load(report_path, &none, NULL, NULL, &err), -1);
	ck_assert_ptr_null(none);
	free(j1);
	free(j2);
	nb_report_free(back);
	nb_report_free(r);
	nb_report_free(o);
}
END_TEST

START_TEST(relative_and_absolute_names_share_a_journal)
{
	nb_report *r = sample_report("同一份报告。");
	nb_error err = {{0}};
	ck_assert_int_eq(nb_journal_write(report_path, r, 0, 0, &err), 0);
	char cwd[4096];
	ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
	ck_assert_int_eq(chdir(dir), 0);
	nb_journal_info info;
	ck_assert_int_eq(nb_journal_find("城关镇2024.yaml", &info, &err), 1);
	nb_journal_info_free(&info);
	ck_assert_int_eq(nb_journal_find("./城关镇2024.yaml", &info, &err), 1);
	nb_journal_info_free(&info);
	ck_assert_int_eq(chdir(cwd), 0);
	nb_report_free(r);
}
END_TEST

static void damage_and_expect_kept(void (*damage)(char *data, size_t *len))
{
	nb_report *r = sample_report("被损坏的日志。");
	nb_error err = {{0}};
	ck_assert_int_eq(nb_journal_write(report_path, r, 0, 0, &err), 0);
	char *jp = nb_journal_path(report_path);
	char *data;
	size_t len;
	read_all(jp, &data, &len);
	damage(data, &len);
	FILE *f = fopen(jp, "w");
	ck_assert_ptr_nonnull(f);
	fwrite(data, 1, len, f);
	fclose(f);

	nb_journal_info info;
	ck_assert_int_eq(nb_journal_find(report_path, &info, &err), 1);
	ck_assert(info.damaged);
	nb_journal_info_free(&info);
	nb_report *back = NULL;
	ck_assert_int_eq(nb_journal_load(report_path, &back, NULL, NULL, &err), -1);
	ck_assert_ptr_null(back);
	ck_assert_ptr_nonnull(strstr(err.msg, jp));
	ck_assert_ptr_nonnull(strstr(err.msg, "damaged"));
	ck_assert_ptr_nonnull(strstr(err.msg, "kept"));
	/* Not deleted, not changed. */
	char *after;
	size_t alen;
	read_all(jp, &after, &alen);
	ck_assert_uint_eq(alen, len);
	ck_assert(memcmp(after, data, len) == 0);
	free(after);
	free(data);
	free(jp);
	nb_report_free(r);
}

static void flip_payload_byte(char *data, size_t *len)
{
	data[*len - 5] ^= 0x01;
}

static void cut_in_half(char *data, size_t *len)
{
	(void)data;
	*len /= 2;
}

static void garbage(char *data, size_t *len)
{
	memset(data, 0xff, *len);
}

START_TEST(flipped_byte_is_damage)
{
	damage_and_expect_kept(flip_payload_byte);
}
END_TEST

START_TEST(truncated_journal_is_damage)
{
	damage_and_expect_kept(cut_in_half);
}
END_TEST

START_TEST(garbage_journal_is_damage)
{
	damage_and_expect_kept(garbage);
}
END_TEST

START_TEST(valid_checksum_bad_yaml_is_damage)
{
	/* A journal whose header is consistent but whose report does not parse. */
	char *jp = nb_journal_path(report_path);
	nb_error err = {{0}};
	nb_report *r = sample_report("x");
	ck_assert_int_eq(nb_journal_write(report_path, r, 0, 0, &err), 0);
	char *key = nb_journal_key(report_path);
	const char *payload = "sections: [unclosed\n";
	/* FNV-1a 64, as the journal format documents. */
	unsigned long long h = 1469598103934665603ULL;
	for (const char *p = payload; *p; p++) {
		h ^= (unsigned char)*p;
		h *= 1099511628211ULL;
	}
	FILE *f = fopen(jp, "w");
	fprintf(f, "nianbao-journal: 1\npath: %s\nsaved: 1\nsection: 0\noffset: 0\nbytes: %zu\n"
		"checksum: %016llx\n---\n%s", key, strlen(payload), h, payload);
	fclose(f);
	nb_journal_info info;
	ck_assert_int_eq(nb_journal_find(report_path, &info, &err), 1);
	ck_assert(!info.damaged);
	nb_journal_info_free(&info);
	nb_report *back = NULL;
	ck_assert_int_eq(nb_journal_load(report_path, &back, NULL, NULL, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "damaged"));
	ck_assert_int_eq(access(jp, F_OK), 0);
	free(key);
	free(jp);
	nb_report_free(r);
}
END_TEST

START_TEST(unnamed_report_is_found_in_the_list)
{
	nb_report *r = sample_report("还没有文件名的新报告。");
	nb_error err = {{0}};
	ck_assert_int_eq(nb_journal_write(NULL, r, 0, 6, &err), 0);
	char want[64];
	snprintf(want, sizeof want, "untitled-%ld", (long)getpid());
	size_t n;
	nb_journal_info *all = nb_journal_list(&n, &err);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(all[0].report_path, want);
	nb_report *back;
	int section;
	size_t offset;
	ck_assert_int_eq(nb_journal_load_file(all[0].journal_path, &back, &section, &offset, &err), 0);
	ck_assert_str_eq(back->sections[0].body, "还没有文件名的新报告。");
	ck_assert_int_eq(offset, 6);
	for (size_t i = 0; i < n; i++)
		nb_journal_info_free(&all[i]);
	free(all);
	nb_report_free(back);
	nb_report_free(r);
}
END_TEST

START_TEST(odd_file_names_round_trip)
{
	char odd[200];
	snprintf(odd, sizeof odd, "%s/a%%0Ab\nc\x1b[2J.yaml", dir);
	nb_report *r = sample_report("文件名很怪。");
	nb_error err = {{0}};
	ck_assert_int_eq(nb_journal_write(odd, r, 0, 0, &err), 0);
	nb_journal_info info;
	ck_assert_int_eq(nb_journal_find(odd, &info, &err), 1);
	char *key = nb_journal_key(odd);
	ck_assert_str_eq(info.report_path, key);
	/* The journal's own name carries no control characters. */
	for (const char *p = strrchr(info.journal_path, '/'); *p; p++)
		ck_assert((unsigned char)*p >= 0x20);
	nb_journal_info_free(&info);
	free(key);
	nb_report_free(r);
}
END_TEST

START_TEST(home_is_used_without_xdg_state_home)
{
	unsetenv("XDG_STATE_HOME");
	char home[128];
	snprintf(home, sizeof home, "%s/home", dir);
	ck_assert_int_eq(mkdir(home, 0755), 0);
	setenv("HOME", home, 1);
	char *d = nb_journal_dir();
	char want[200];
	snprintf(want, sizeof want, "%s/.local/state/nianbao", home);
	ck_assert_str_eq(d, want);
	nb_report *r = sample_report("家目录。");
	nb_error err = {{0}};
	ck_assert_int_eq(nb_journal_write(report_path, r, 0, 0, &err), 0);
	struct stat st;
	ck_assert_int_eq(stat(want, &st), 0);
	ck_assert(S_ISDIR(st.st_mode));
	free(d);
	nb_report_free(r);
}
END_TEST

START_TEST(unusable_state_dir_is_a_clear_error)
{
	/* XDG_STATE_HOME/nianbao is a file, not a directory. */
	ck_assert_int_eq(mkdir(state, 0700), 0);
	char nd[160];
	snprintf(nd, sizeof nd, "%s/nianbao", state);
	FILE *f = fopen(nd, "w");
	fclose(f);
	nb_report *r = sample_report("无处可写。");
	nb_error err = {{0}};
	ck_assert_int_eq(nb_journal_write(report_path, r, 0, 0, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, nd));
	ck_assert_ptr_nonnull(strstr(err.msg, "not a directory"));
	nb_report_free(r);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("journal");
	TCase *tc = tcase_create("journal");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, write_find_load_round_trip);
	tcase_add_test(tc, later_write_replaces_earlier);
	tcase_add_test(tc, journal_and_directory_are_private);
	tcase_add_test(tc, discard_removes_only_that_journal);
	tcase_add_test(tc, relative_and_absolute_names_share_a_journal);
	tcase_add_test(tc, flipped_byte_is_damage);
	tcase_add_test(tc, truncated_journal_is_damage);
	tcase_add_test(tc, garbage_journal_is_damage);
	tcase_add_test(tc, valid_checksum_bad_yaml_is_damage);
	tcase_add_test(tc, unnamed_report_is_found_in_the_list);
	tcase_add_test(tc, odd_file_names_round_trip);
	tcase_add_test(tc, home_is_used_without_xdg_state_home);
	tcase_add_test(tc, unusable_state_dir_is_a_clear_error);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
