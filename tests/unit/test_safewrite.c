/* test_safewrite.c — atomic saves: modes kept, symlinks written through, hard links and
 * non-files refused, and every failure leaving the original byte-identical with no temp file. */
#include "config.h"
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nianbao/safewrite.h"

static char *dir;   /* a fresh directory for each test */

static void setup(void)
{
	const char *base = getenv("TMPDIR");
	char *tmpl = nb_xasprintf("%s/nianbao-safewrite-XXXXXX", base && *base ? base : "/tmp");
	dir = mkdtemp(tmpl);
	ck_assert_msg(dir != NULL, "mkdtemp: %s", strerror(errno));
	umask(022);
}

static void remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		chmod(path, 0700);
		DIR *d = opendir(path);
		struct dirent *e;
		while (d && (e = readdir(d))) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			char *sub = nb_xasprintf("%s/%s", path, e->d_name);
			remove_tree(sub);
			free(sub);
		}
		if (d)
			closedir(d);
		rmdir(path);
	} else {
		unlink(path);
	}
}

static void teardown(void)
{
	remove_tree(dir);
	free(dir);
	dir = NULL;
}

static char *in_dir(const char *name)
{
	return nb_xasprintf("%s/%s", dir, name);
}

static void put_file(const char *path, const char *content, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ck_assert_msg(fd >= 0, "%s: %s", path, strerror(errno));
	size_t n = strlen(content);
	ck_assert_int_eq(write(fd, content, n), (ssize_t)n);
	close(fd);
	ck_assert_int_eq(chmod(path, mode), 0);
}

static char *contents(const char *path)
{
	char *data;
	size_t len;
	nb_error err;
	ck_assert_msg(nb_read_file(path, 1 << 24, &data, &len, &err) == 0, "%s", err.msg);
	return data;
}

static mode_t mode_of(const char *path)
{
	struct stat st;
	ck_assert_int_eq(stat(path, &st), 0);
	return st.st_mode & 07777;
}

/* Names in the test directory, sorted and joined with spaces: shows leftovers at a glance. */
static char *listing(const char *path)
{
	struct dirent **names;
	int n = scandir(path, &names, NULL, alphasort);
	ck_assert_int_ge(n, 0);
	nb_sb sb = {0};
	for (int i = 0; i < n; i++) {
		if (strcmp(names[i]->d_name, ".") != 0 && strcmp(names[i]->d_name, "..") != 0) {
			if (sb.len)
				nb_sb_addc(&sb, ' ');
			nb_sb_adds(&sb, names[i]->d_name);
		}
		free(names[i]);
	}
	free(names);
	nb_sb_add(&sb, "", 0);   /* terminates the string even when the directory is empty */
	return nb_sb_take(&sb);
}

static void ck_listing(const char *path, const char *want)
{
	char *got = listing(path);
	ck_assert_str_eq(got, want);
	free(got);
}

static int save(const char *path, const char *text, mode_t mode, nb_error *err)
{
	return nb_write_atomic(path, text, strlen(text), mode, err);
}

/* ---- successful saves ---- */

START_TEST(test_new_file_gets_new_mode)
{
	char *p = in_dir("报告.yaml");
	nb_error err;
	ck_assert_msg(save(p, "nianbao: 1\n", 0640, &err) == 0, "%s", err.msg);
	char *c = contents(p);
	ck_assert_str_eq(c, "nianbao: 1\n");
	ck_assert_uint_eq(mode_of(p), 0640);
	ck_listing(dir, "报告.yaml");
	free(c);

	char *q = in_dir("emergency.save");
	ck_assert_msg(save(q, "草稿", 0600, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(mode_of(q), 0600);
	free(q);
	free(p);
}
END_TEST

START_TEST(test_new_file_respects_umask)
{
	umask(077);
	char *p = in_dir("r.yaml");
	nb_error err;
	ck_assert_msg(save(p, "x", 0644, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(mode_of(p), 0600);
	free(p);
}
END_TEST

START_TEST(test_existing_file_keeps_its_mode)
{
	char *p = in_dir("r.yaml");
	put_file(p, "旧的内容，比新的内容长得多得多得多。\n", 0640);
	nb_error err;
	ck_assert_msg(save(p, "新", 0644, &err) == 0, "%s", err.msg);
	char *c = contents(p);
	ck_assert_str_eq(c, "新");   /* nothing of the longer old text is left */
	ck_assert_uint_eq(mode_of(p), 0640);
	ck_listing(dir, "r.yaml");
	free(c);
	free(p);
}
END_TEST

START_TEST(test_empty_content)
{
	char *p = in_dir("r.yaml");
	put_file(p, "old", 0644);
	nb_error err;
	ck_assert_msg(nb_write_atomic(p, "", 0, 0644, &err) == 0, "%s", err.msg);
	char *c = contents(p);
	ck_assert_str_eq(c, "");
	free(c);
	free(p);
}
END_TEST

START_TEST(test_relative_path_in_current_directory)
{
	char *old = getcwd(NULL, 0);
	ck_assert_int_eq(chdir(dir), 0);
	nb_error err;
	int rc = save("r.yaml", "相对路径", 0644, &err);
	ck_assert_int_eq(chdir(old), 0);
	free(old);
	ck_assert_msg(rc == 0, "%s", err.msg);
	char *p = in_dir("r.yaml");
	char *c = contents(p);
	ck_assert_str_eq(c, "相对路径");
	free(c);
	free(p);
}
END_TEST

START_TEST(test_symlink_is_written_through)
{
	char *real = in_dir("real.yaml"), *link = in_dir("link.yaml");
	put_file(real, "old", 0640);
	ck_assert_int_eq(symlink("real.yaml", link), 0);
	nb_error err;
	ck_assert_msg(save(link, "通过链接保存", 0644, &err) == 0, "%s", err.msg);

	struct stat st;
	ck_assert_int_eq(lstat(link, &st), 0);
	ck_assert_msg(S_ISLNK(st.st_mode), "the symlink was replaced by a file");
	char target[64] = "";
	ck_assert_int_eq(readlink(link, target, sizeof target - 1), 9);
	ck_assert_str_eq(target, "real.yaml");
	char *c = contents(real);
	ck_assert_str_eq(c, "通过链接保存");
	ck_assert_uint_eq(mode_of(real), 0640);
	ck_listing(dir, "link.yaml real.yaml");
	free(c);
	free(real);
	free(link);
}
END_TEST

START_TEST(test_symlink_chain_to_other_directory_and_dangling)
{
	char *sub = in_dir("sub");
	ck_assert_int_eq(mkdir(sub, 0755), 0);
	char *a = in_dir("a.yaml"), *b = in_dir("sub/b.yaml");
	/* a → sub/b → new.yaml (relative to sub/), which does not exist yet. */
	ck_assert_int_eq(symlink("sub/b.yaml", a), 0);
	ck_assert_int_eq(symlink("new.yaml", b), 0);
	nb_error err;
	ck_assert_msg(save(a, "链接链", 0644, &err) == 0, "%s", err.msg);
	char *made = in_dir("sub/new.yaml");
	char *c = contents(made);
	ck_assert_str_eq(c, "链接链");
	struct stat st;
	ck_assert_int_eq(lstat(a, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	ck_assert_int_eq(lstat(b, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	ck_listing(sub, "b.yaml new.yaml");
	free(c);
	free(made);
	free(a);
	free(b);
	free(sub);
}
END_TEST

/* ---- refusals ---- */

START_TEST(test_symlink_loop_refused)
{
	char *a = in_dir("a"), *b = in_dir("b");
	ck_assert_int_eq(symlink("b", a), 0);
	ck_assert_int_eq(symlink("a", b), 0);
	nb_error err;
	ck_assert_int_eq(save(a, "x", 0644, &err), -1);
	char *want = nb_xasprintf("%s: cannot save: too many symbolic links", a);
	ck_assert_msg(strncmp(err.msg, want, strlen(want)) == 0, "%s", err.msg);
	ck_listing(dir, "a b");
	free(want);
	free(a);
	free(b);
}
END_TEST

START_TEST(test_directory_target_refused)
{
	char *p = in_dir("report.yaml");
	ck_assert_int_eq(mkdir(p, 0755), 0);
	nb_error err;
	ck_assert_int_eq(save(p, "x", 0644, &err), -1);
	char *want = nb_xasprintf("%s: cannot save: it is a directory, not a file", p);
	ck_assert_str_eq(err.msg, want);
	struct stat st;
	ck_assert_int_eq(stat(p, &st), 0);
	ck_assert(S_ISDIR(st.st_mode));
	ck_listing(dir, "report.yaml");
	ck_listing(p, "");
	free(want);
	free(p);
}
END_TEST

START_TEST(test_fifo_target_refused)
{
	char *p = in_dir("pipe");
	ck_assert_int_eq(mkfifo(p, 0644), 0);
	nb_error err;
	ck_assert_int_eq(save(p, "x", 0644, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "cannot save: not a regular file"));
	struct stat st;
	ck_assert_int_eq(lstat(p, &st), 0);
	ck_assert(S_ISFIFO(st.st_mode));
	ck_listing(dir, "pipe");
	free(p);
}
END_TEST

START_TEST(test_hard_link_refused)
{
	char *p = in_dir("r.yaml"), *q = in_dir("copy.yaml");
	put_file(p, "原文", 0644);
	ck_assert_int_eq(link(p, q), 0);
	nb_error err;
	ck_assert_int_eq(save(p, "新文", 0644, &err), -1);
	char *want = nb_xasprintf("%s: cannot save: the file has 2 hard links", p);
	ck_assert_msg(strncmp(err.msg, want, strlen(want)) == 0, "%s", err.msg);
	/* Both names still share the untouched original. */
	struct stat sp, sq;
	ck_assert_int_eq(stat(p, &sp), 0);
	ck_assert_int_eq(stat(q, &sq), 0);
	ck_assert(sp.st_ino == sq.st_ino);
	char *c = contents(q);
	ck_assert_str_eq(c, "原文");
	ck_listing(dir, "copy.yaml r.yaml");
	free(c);
	free(want);
	free(p);
	free(q);
}
END_TEST

/* ---- failures leave everything as it was ---- */

START_TEST(test_missing_directory_fails_cleanly)
{
	char *p = in_dir("no-such-dir/r.yaml");
	nb_error err;
	ck_assert_int_eq(save(p, "x", 0644, &err), -1);
	char *want = nb_xasprintf("%s: cannot save: the directory does not exist", p);
	ck_assert_msg(strncmp(err.msg, want, strlen(want)) == 0, "%s", err.msg);
	ck_listing(dir, "");
	free(want);
	free(p);
}
END_TEST

START_TEST(test_path_through_a_file_fails_cleanly)
{
	char *f = in_dir("plain.txt"), *p = in_dir("plain.txt/r.yaml");
	put_file(f, "正文", 0644);
	nb_error err;
	ck_assert_int_eq(save(p, "x", 0644, &err), -1);
	char *want = nb_xasprintf("%s: cannot save: a part of the path is not a directory", p);
	ck_assert_msg(strncmp(err.msg, want, strlen(want)) == 0, "%s", err.msg);
	char *c = contents(f);
	ck_assert_str_eq(c, "正文");
	ck_listing(dir, "plain.txt");
	free(c);
	free(want);
	free(f);
	free(p);
}
END_TEST

START_TEST(test_failed_write_keeps_original)
{
	/* A file-size limit makes write() fail part-way for any user, root included: the same
	 * path a full disk takes. */
	char *p = in_dir("r.yaml");
	const char *original = "原来的报告，一个字也不能丢。\n";
	put_file(p, original, 0640);
	size_t big = 256 * 1024;
	char *data = nb_xmalloc(big);
	memset(data, 'x', big);

	struct rlimit old;
	ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &old), 0);
	struct rlimit small = {4096, old.rlim_max};
	void (*prev)(int) = signal(SIGXFSZ, SIG_IGN);
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &small), 0);
	nb_error err;
	int rc = nb_write_atomic(p, data, big, 0644, &err);
	setrlimit(RLIMIT_FSIZE, &old);
	signal(SIGXFSZ, prev);

	ck_assert_int_eq(rc, -1);
	char *want = nb_xasprintf("%s: cannot save: file too large", p);
	ck_assert_msg(strncmp(err.msg, want, strlen(want)) == 0, "%s", err.msg);
	char *c = contents(p);
	ck_assert_str_eq(c, original);
	ck_assert_uint_eq(mode_of(p), 0640);
	ck_listing(dir, "r.yaml");
	free(c);
	free(want);
	free(data);
	free(p);
}
END_TEST

/* Only meaningful without root: root is never denied by permission bits. */
START_TEST(test_read_only_directory_fails_cleanly)
{
	char *sub = in_dir("ro"), *p = in_dir("ro/r.yaml");
	ck_assert_int_eq(mkdir(sub, 0755), 0);
	put_file(p, "原文", 0644);
	ck_assert_int_eq(chmod(sub, 0555), 0);
	nb_error err;
	int rc = save(p, "新文", 0644, &err);
	chmod(sub, 0755);
	ck_assert_int_eq(rc, -1);
	char *want = nb_xasprintf("%s: cannot save: permission denied", p);
	ck_assert_str_eq(err.msg, want);
	char *c = contents(p);
	ck_assert_str_eq(c, "原文");
	ck_listing(sub, "r.yaml");
	free(c);
	free(want);
	free(sub);
	free(p);
}
END_TEST

static Suite *safewrite_suite(void)
{
	Suite *s = suite_create("safewrite");
	TCase *tc = tcase_create("saves");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_new_file_gets_new_mode);
	tcase_add_test(tc, test_new_file_respects_umask);
	tcase_add_test(tc, test_existing_file_keeps_its_mode);
	tcase_add_test(tc, test_empty_content);
	tcase_add_test(tc, test_relative_path_in_current_directory);
	tcase_add_test(tc, test_symlink_is_written_through);
	tcase_add_test(tc, test_symlink_chain_to_other_directory_and_dangling);
	suite_add_tcase(s, tc);

	tc = tcase_create("refusals");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_symlink_loop_refused);
	tcase_add_test(tc, test_directory_target_refused);
	tcase_add_test(tc, test_fifo_target_refused);
	tcase_add_test(tc, test_hard_link_refused);
	suite_add_tcase(s, tc);

	tc = tcase_create("failures");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_missing_directory_fails_cleanly);
	tcase_add_test(tc, test_path_through_a_file_fails_cleanly);
	tcase_add_test(tc, test_failed_write_keeps_original);
	if (geteuid() != 0)
		tcase_add_test(tc, test_read_only_directory_fails_cleanly);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(safewrite_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
