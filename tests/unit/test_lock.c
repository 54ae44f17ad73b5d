/* test_lock.c — who holds a report: live holders, dead sessions, other hosts, hostile locks. */
#include "config.h"
#include "nianbao/lock.h"

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[64];
static char report[128];

static void setup(void)
{
	snprintf(dir, sizeof dir, "/tmp/nb-lock-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(report, sizeof report, "%s/报告.yaml", dir);
	FILE *f = fopen(report, "w");
	ck_assert_ptr_nonnull(f);
	fputs("nianbao: 1\n", f);
	fclose(f);
}

static void teardown(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static void write_lock_file(const char *content)
{
	char *lp = nb_lock_path(report);
	FILE *f = fopen(lp, "w");
	ck_assert_ptr_nonnull(f);
	fputs(content, f);
	fclose(f);
	free(lp);
}

static bool lock_exists(void)
{
	char *lp = nb_lock_path(report);
	bool e = access(lp, F_OK) == 0;
	free(lp);
	return e;
}

/* A PID that certainly belongs to no process: a child that has exited and been reaped. */
static pid_t dead_pid(void)
{
	pid_t p = fork();
	ck_assert_int_ge(p, 0);
	if (p == 0)
		_exit(0);
	waitpid(p, NULL, 0);
	return p;
}

static void my_host(char *buf, size_t size)
{
	ck_assert_int_eq(gethostname(buf, size), 0);
	buf[size - 1] = '\0';
}

START_TEST(lock_is_beside_the_report_and_hidden)
{
	char *lp = nb_lock_path(report);
	char want[256];
	snprintf(want, sizeof want, "%s/.报告.yaml.nianbao-lock", dir);
	ck_assert_str_eq(lp, want);
	free(lp);
}
END_TEST

START_TEST(first_opener_gets_the_lock_and_release_removes_it)
{
	nb_lock_info h;
	nb_error err = {{0}};
	ck_assert_int_eq(nb_lock_acquire(report, &h, &err), NB_LOCK_ACQUIRED);
	ck_assert_int_eq(h.pid, (long)getpid());
	char *lp = nb_lock_path(report);
	struct stat st;
	ck_assert_int_eq(stat(lp, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0600);
	/* No temporary files are left beside the report. */
	char cmd[256];
	snprintf(cmd, sizeof cmd, "test $(ls -A '%s' | wc -l) -eq 2", dir);
	ck_assert_int_eq(system(cmd), 0);
	nb_lock_info r;
	ck_assert_int_eq(nb_lock_read(report, &r, &err), 1);
	ck_assert(r.readable);
	ck_assert(r.same_host);
	ck_assert_int_eq(r.pid, (long)getpid());
	ck_assert_int_gt(r.started, 0);
	ck_assert_str_ne(r.user, "");
	nb_lock_release(report);
	ck_assert_int_eq(stat(lp, &st), -1);
	ck_assert_int_eq(nb_lock_read(report, &r, &err), 0);
	free(lp);
}
END_TEST

START_TEST(live_holder_in_another_process_is_named)
{
	int ready[2], done[2];
	ck_assert_int_eq(pipe(ready), 0);
	ck_assert_int_eq(pipe(done), 0);
	pid_t child = fork();
	ck_assert_int_ge(child, 0);
	if (child == 0) {
		nb_error e = {{0}};
		char c = nb_lock_acquire(report, NULL, &e) == NB_LOCK_ACQUIRED ? 'y' : 'n';
		if (write(ready[1], &c, 1) != 1)
			_exit(1);
		/* Hold the lock until the parent is done looking. */
		if (read(done[0], &c, 1) < 0)
			_exit(1);
		_exit(0);
	}
	char c = 0;
	ck_assert_int_eq(read(ready[0], &c, 1), 1);
	ck_assert_int_eq(c, 'y');

	nb_lock_info h;
	nb_error err = {{0}};
	ck_assert_int_eq(nb_lock_acquire(report, &h, &err), NB_LOCK_HELD);
	ck_assert_int_eq(h.pid, (long)child);
	ck_assert(h.same_host);
	ck_assert(h.readable);
	char host[256];
	my_host(host, sizeof host);
	ck_assert_str_eq(h.host, host);
	char desc[512], want[64];
	nb_lock_describe(&h, desc, sizeof desc);
	snprintf(want, sizeof want, "(PID %ld) 自 ", (long)child);
	ck_assert_ptr_nonnull(strstr(desc, want));
	ck_assert_ptr_nonnull(strstr(desc, host));

	/* Our release must not remove a lock someone else holds. */
	nb_lock_release(report);
	ck_assert(lock_exists());

	/* The holder dies without cleaning up (kill -9): the next opener takes over. */
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	close(ready[0]); close(ready[1]); close(done[0]); close(done[1]);
	ck_assert_int_eq(nb_lock_acquire(report, &h, &err), NB_LOCK_TAKEN_OVER);
	ck_assert_int_eq(h.pid, (long)child);
	nb_lock_info now;
	ck_assert_int_eq(nb_lock_read(report, &now, &err), 1);
	ck_assert_int_eq(now.pid, (long)getpid());
	nb_lock_release(report);
	ck_assert(!lock_exists());
}
END_TEST

START_TEST(dead_pid_on_this_host_is_stale)
{
	char host[256], buf[1024];
	my_host(host, sizeof host);
	pid_t dead = dead_pid();
	snprintf(buf, sizeof buf, "nianbao-lock: 1\nuser: ghost\nhost: %s\npid: %ld\nstarted: 1700000000\n",
		 host, (long)dead);
	write_lock_file(buf);
	nb_lock_info h;
	nb_error err = {{0}};
	ck_assert_int_eq(nb_lock_acquire(report, &h, &err), NB_LOCK_TAKEN_OVER);
	ck_assert_str_eq(h.user, "ghost");
	ck_assert_int_eq(h.pid, (long)dead);
	ck_assert_int_eq(h.started, 1700000000);
	nb_lock_release(report);
}
END_TEST

START_TEST(other_host_is_never_stale_automatically)
{
	char buf[1024];
	pid_t dead = dead_pid();
	snprintf(buf, sizeof buf, "nianbao-lock: 1\nuser: zhang\nhost: far-away.example\npid: %ld\n"
		 "started: 1700000000\n", (long)dead);
	write_lock_file(buf);
	nb_lock_info h;
	nb_error err = {{0}};
	ck_assert_int_eq(nb_lock_acquire(report, &h, &err), NB_LOCK_HELD);
	ck_assert(!h.same_host);
	ck_assert_str_eq(h.host, "far-away.example");
	ck_assert_str_eq(h.user, "zhang");
	/* Still held on the second try: only the user can decide. */
	ck_assert_int_eq(nb_lock_acquire(report, NULL, &err), NB_LOCK_HELD);
	/* The user says that machine is gone. */
	ck_assert_int_eq(nb_lock_force(report, &err), 0);
	nb_lock_info now;
	ck_assert_int_eq(nb_lock_read(report, &now, &err), 1);
	ck_assert_int_eq(now.pid, (long)getpid());
	nb_lock_release(report);
	ck_assert(!lock_exists());
}
END_TEST

START_TEST(reused_pid_after_crash_is_stale)
{
	/* The lock's PID is alive (it is ours) but that process started at another time: the
	 * session that wrote the lock is gone and its PID was reused. */
	if (access("/proc/self/stat", R_OK) != 0)
		return;
	char host[256], buf[1024];
	my_host(host, sizeof host);
	snprintf(buf, sizeof buf, "nianbao-lock: 1\nuser: ghost\nhost: %s\npid: %ld\nstarted: 1\n"
		 "proc_start: 1\n", host, (long)getpid());
	write_lock_file(buf);
	nb_error err = {{0}};
	ck_assert_int_eq(nb_lock_acquire(report, NULL, &err), NB_LOCK_TAKEN_OVER);
	nb_lock_release(report);
}
END_TEST

START_TEST(lock_from_before_a_reboot_is_stale)
{
	if (access("/proc/sys/kernel/random/boot_id", R_OK) != 0)
		return;
	char host[256], buf[1024];
	my_host(host, sizeof host);
	/* PID 1 is alive, but this lock was written during another boot. */
	snprintf(buf, sizeof buf, "nianbao-lock: 1\nuser: ghost\nhost: %s\npid: 1\nstarted: 1\n"
		 "boot_id: 00000000-0000-0000-0000-000000000000\n", host);
	write_lock_file(buf);
	nb_error err = {{0}};
	ck_assert_int_eq(nb_lock_acquire(report, NULL, &err), NB_LOCK_TAKEN_OVER);
	nb_lock_release(report);
}
END_TEST

START_TEST(live_pid_on_this_host_is_held)
{
	char host[256], buf[1024];
	my_host(host, sizeof host);
	snprintf(buf, sizeof buf, "nianbao-lock: 1\nuser: li\nhost: %s\npid: %ld\nstarted: 5\n",
		 host, (long)getppid());
	write_lock_file(buf);
	nb_lock_info h;
	nb_error err = {{0}};
	ck_assert_int_eq(nb_lock_acquire(report, &h, &err), NB_LOCK_HELD);
	ck_assert_int_eq(h.pid, (long)getppid());
}
END_TEST

START_TEST(garbage_lock_is_held_but_unreadable)
{
	write_lock_file("\x7f" "ELF\x01\x02 not a lock at all\n");
	nb_lock_info h;
	nb_error err = {{0}};
	ck_assert_int_eq(nb_lock_acquire(report, &h, &err), NB_LOCK_HELD);
	ck_assert(!h.readable);
	char desc[256];
	ck_assert_ptr_nonnull(strstr(nb_lock_describe(&h, desc, sizeof desc), "无法识别"));
	ck_assert(lock_exists());
}
END_TEST

START_TEST(hostile_lock_cannot_reach_the_terminal)
{
	write_lock_file("nianbao-lock: 1\nuser: a\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\nhost: h\x9b" "31m\n"
			"pid: 99\nstarted: 1\n");
	nb_lock_info h;
	nb_error err = {{0}};
	ck_assert_int_eq(nb_lock_acquire(report, &h, &err), NB_LOCK_HELD);
	char desc[512];
	nb_lock_describe(&h, desc, sizeof desc);
	for (const unsigned char *p = (const unsigned char *)h.user; *p; p++)
		ck_assert(*p >= 0x20 && *p < 0x7f);
	for (const unsigned char *p = (const unsigned char *)h.host; *p; p++)
		ck_assert(*p >= 0x20 && *p < 0x7f);
	ck_assert_ptr_null(strchr(desc, '\x1b'));
	ck_assert_ptr_null(strchr(desc, '\x07'));
}
END_TEST

START_TEST(symlinked_name_shares_the_lock)
{
	char link[160];
	snprintf(link, sizeof link, "%s/link.yaml", dir);
	ck_assert_int_eq(symlink(report, link), 0);
	nb_error err = {{0}};
	ck_assert_int_eq(nb_lock_acquire(report, NULL, &err), NB_LOCK_ACQUIRED);
	char *a = nb_lock_path(report), *b = nb_lock_path(link);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
	nb_lock_release(link);
	ck_assert(!lock_exists());
}
END_TEST

START_TEST(unwritable_directory_is_an_error_naming_the_lock)
{
	if (geteuid() == 0)
		return;   /* root writes anywhere */
	ck_assert_int_eq(chmod(dir, 0500), 0);
	nb_error err = {{0}};
	ck_assert_int_eq(nb_lock_acquire(report, NULL, &err), NB_LOCK_ERROR);
	ck_assert_ptr_nonnull(strstr(err.msg, "nianbao-lock"));
	chmod(dir, 0700);
}
END_TEST

/* Eight sessions open the report at the same moment: exactly one may edit. With `stale`, they
 * all find the lock of a crashed session and race to take it over. */
static void race(bool stale)
{
	enum { N = 8 };
	if (stale) {
		char host[256], buf[512];
		my_host(host, sizeof host);
		snprintf(buf, sizeof buf, "nianbao-lock: 1\nuser: ghost\nhost: %s\npid: %ld\nstarted: 1\n",
			 host, (long)dead_pid());
		write_lock_file(buf);
	}
	int go[2], result[2];
	ck_assert_int_eq(pipe(go), 0);
	ck_assert_int_eq(pipe(result), 0);
	pid_t kids[N];
	for (int i = 0; i < N; i++) {
		kids[i] = fork();
		ck_assert_int_ge(kids[i], 0);
		if (kids[i] == 0) {
			char c;
			close(go[1]);
			if (read(go[0], &c, 1) < 0)   /* released when the parent closes the pipe */
				_exit(1);
			nb_error e = {{0}};
			nb_lock_status st = nb_lock_acquire(report, NULL, &e);
			c = st == NB_LOCK_ACQUIRED || st == NB_LOCK_TAKEN_OVER ? 'A' : st == NB_LOCK_HELD ? 'H' : 'E';
			if (write(result[1], &c, 1) != 1)
				_exit(1);
			/* Stay alive so the lock is not stale while the others look. */
			sleep(1);
			_exit(0);
		}
	}
	close(go[0]);
	close(go[1]);
	int acquired = 0, held = 0;
	for (int i = 0; i < N; i++) {
		char c;
		ck_assert_int_eq(read(result[0], &c, 1), 1);
		acquired += c == 'A';
		held += c == 'H';
	}
	for (int i = 0; i < N; i++) {
		kill(kids[i], SIGKILL);
		waitpid(kids[i], NULL, 0);
	}
	ck_assert_int_eq(acquired, 1);
	ck_assert_int_eq(held, N - 1);
	/* No temporary files left behind by the losers. */
	char cmd[256];
	snprintf(cmd, sizeof cmd, "test $(ls -A '%s' | wc -l) -eq 2", dir);
	ck_assert_int_eq(system(cmd), 0);
}

START_TEST(racing_openers_get_one_lock)
{
	race(false);
}
END_TEST

START_TEST(racing_takeovers_of_a_stale_lock_give_one_lock)
{
	race(true);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("lock");
	TCase *tc = tcase_create("lock");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, lock_is_beside_the_report_and_hidden);
	tcase_add_test(tc, first_opener_gets_the_lock_and_release_removes_it);
	tcase_add_test(tc, live_holder_in_another_process_is_named);
	tcase_add_test(tc, dead_pid_on_this_host_is_stale);
	tcase_add_test(tc, other_host_is_never_stale_automatically);
	tcase_add_test(tc, reused_pid_after_crash_is_stale);
	tcase_add_test(tc, lock_from_before_a_reboot_is_stale);
	tcase_add_test(tc, live_pid_on_this_host_is_held);
	tcase_add_test(tc, garbage_lock_is_held_but_unreadable);
	tcase_add_test(tc, hostile_lock_cannot_reach_the_terminal);
	tcase_add_test(tc, symlinked_name_shares_the_lock);
	tcase_add_test(tc, unwritable_directory_is_an_error_naming_the_lock);
	tcase_add_test(tc, racing_openers_get_one_lock);
	tcase_add_loop_test(tc, racing_takeovers_of_a_stale_lock_give_one_lock, 0, 4);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
