/* lock.c — the lock file that tells a second opener who is editing a report. */
#include "config.h"
#include "nianbao/lock.h"
#include "nianbao/safewrite.h"
#include "nianbao/util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define LOCK_SUFFIX ".nianbao-lock"
#define LOCK_MAX_BYTES 4096

/* What we know about the lock's process besides user/host/pid, to tell a PID reused after a
 * crash or a reboot from the session that wrote the lock. */
typedef struct lock_record {
	nb_lock_info info;
	char boot_id[64];
	unsigned long long proc_start;   /* 0 when unknown */
} lock_record;

char *nb_lock_path(const char *path)
{
	/* Beside the real file, so every name of one file shares one lock. */
	char *real = realpath(path, NULL);
	const char *p = real ? real : path;
	const char *slash = strrchr(p, '/');
	char *out;
	if (slash)
		out = nb_xasprintf("%.*s/.%s" LOCK_SUFFIX, (int)(slash - p), p, slash + 1);
	else
		out = nb_xasprintf(".%s" LOCK_SUFFIX, p);
	free(real);
	return out;
}

/* Copies s into dst as printable ASCII: a lock file is input like any other and must not put
 * escape sequences on the screen when the editor names its holder. */
static void copy_sanitised(char *dst, size_t size, const char *s, size_t n)
{
	size_t j = 0;
	for (size_t i = 0; i < n && j + 1 < size; i++) {
		unsigned char c = (unsigned char)s[i];
		dst[j++] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
	}
	dst[j] = '\0';
}

static void this_host(char *buf, size_t size)
{
	if (gethostname(buf, size) != 0)
		snprintf(buf, size, "localhost");
	buf[size - 1] = '\0';
	for (char *p = buf; *p; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
			*p = '?';
}

static void this_user(char *buf, size_t size)
{
	struct passwd pw, *res = NULL;
	char tmp[1024];
	if (getpwuid_r(geteuid(), &pw, tmp, sizeof tmp, &res) == 0 && res && res->pw_name) {
		copy_sanitised(buf, size, res->pw_name, strlen(res->pw_name));
		return;
	}
	const char *env = getenv("USER");
	if (env && *env)
		copy_sanitised(buf, size, env, strlen(env));
	else
		snprintf(buf, size, "uid%ld", (long)geteuid());
}

/* Linux: the boot id changes at every boot. Empty elsewhere. */
static void read_boot_id(char *buf, size_t size)
{
	buf[0] = '\0';
	char *data;
	size_t len;
	if (nb_read_file("/proc/sys/kernel/random/boot_id", 256, &data, &len, NULL) != 0)
		return;
	while (len > 0 && (data[len - 1] == '\n' || data[len - 1] == ' '))
		len--;
	copy_sanitised(buf, size, data, len);
	free(data);
}

/* Linux: field 22 of /proc/PID/stat, the process's start time in ticks since boot; 0 when
 * unknown. The command name (field 2) may contain spaces and ')', so count from the last ')'. */
static unsigned long long process_start(long pid)
{
	char path[64], *data;
	size_t len;
	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	if (nb_read_file(path, 8192, &data, &len, NULL) != 0)
		return 0;
	unsigned long long start = 0;
	char *p = strrchr(data, ')');
	if (p) {
		p++;
		/* After ')' come fields 3, 4, ...; field 22 is the 20th of them. */
		for (int field = 3; field <= 22 && p; field++) {
			while (*p == ' ')
				p++;
			if (field == 22) {
				start = strtoull(p, NULL, 10);
				break;
			}
			p = strchr(p, ' ');
		}
	}
	free(data);
	return start;
}

static void fill_self(lock_record *rec)
{
	memset(rec, 0, sizeof *rec);
	this_user(rec->info.user, sizeof rec->info.user);
	this_host(rec->info.host, sizeof rec->info.host);
	rec->info.pid = (long)getpid();
	rec->info.started = time(NULL);
	rec->info.same_host = true;
	rec->info.readable = true;
	read_boot_id(rec->boot_id, sizeof rec->boot_id);
	rec->proc_start = process_start(rec->info.pid);
}

static char *format_record(const lock_record *rec, const char *path)
{
	nb_sb sb = {0};
	nb_sb_adds(&sb, "nianbao-lock: 1\n");
	nb_sb_printf(&sb, "user: %s\nhost: %s\npid: %ld\nstarted: %lld\n", rec->info.user,
		     rec->info.host, rec->info.pid, (long long)rec->info.started);
	if (rec->boot_id[0])
		nb_sb_printf(&sb, "boot_id: %s\n", rec->boot_id);
	if (rec->proc_start)
		nb_sb_printf(&sb, "proc_start: %llu\n", rec->proc_start);
	/* The file name is for people looking at the directory; it is never parsed back. */
	char clean[PATH_MAX];
	copy_sanitised(clean, sizeof clean, path, strlen(path));
	nb_sb_printf(&sb, "file: %s\n", clean);
	return nb_sb_take(&sb);
}

static void parse_record(const char *data, size_t len, lock_record *rec)
{
	memset(rec, 0, sizeof *rec);
	bool magic = false, have_pid = false;
	const char *p = data, *end = data + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		const char *colon = memchr(p, ':', (size_t)(eol - p));
		if (colon) {
			size_t klen = (size_t)(colon - p);
			const char *v = colon + 1;
			while (v < eol && *v == ' ')
				v++;
			size_t vlen = (size_t)(eol - v);
			char val[512];
			copy_sanitised(val, sizeof val, v, vlen);
#define KEY(k) (klen == sizeof(k) - 1 && memcmp(p, k, klen) == 0)
			if (KEY("nianbao-lock"))
				magic = true;
			else if (KEY("user"))
				copy_sanitised(rec->info.user, sizeof rec->info.user, v, vlen);
			else if (KEY("host"))
				copy_sanitised(rec->info.host, sizeof rec->info.host, v, vlen);
			else if (KEY("pid")) {
				char *e;
				long pid = strtol(val, &e, 10);
				if (*val && !*e && pid > 0) {
					rec->info.pid = pid;
					have_pid = true;
				}
			} else if (KEY("started"))
				rec->info.started = (time_t)strtoll(val, NULL, 10);
			else if (KEY("boot_id"))
				copy_sanitised(rec->boot_id, sizeof rec->boot_id, v, vlen);
			else if (KEY("proc_start"))
				rec->proc_start = strtoull(val, NULL, 10);
#undef KEY
		}
		p = nl ? nl + 1 : end;
	}
	rec->info.readable = magic && have_pid && rec->info.host[0];
	char host[256];
	this_host(host, sizeof host);
	rec->info.same_host = rec->info.host[0] && strcmp(host, rec->info.host) == 0;
}

/* 1 lock read, 0 none, -1 error. */
static int read_record(const char *lockpath, lock_record *rec, nb_error *err)
{
	char *data;
	size_t len;
	nb_error rerr;
	if (nb_read_file(lockpath, LOCK_MAX_BYTES, &data, &len, &rerr) != 0) {
		if (errno == ENOENT)
			return 0;
		/* Too large, a directory, unreadable: it is there but not ours to interpret. */
		struct stat st;
		if (lstat(lockpath, &st) != 0 && errno == ENOENT)
			return 0;
		memset(rec, 0, sizeof *rec);
		if (errno == EACCES) {
			nb_error_set(err, "%s", rerr.msg);
			return -1;
		}
		return 1;
	}
	parse_record(data, len, rec);
	free(data);
	return 1;
}

/* A lock is stale when its session cannot be running: same host and the process is gone, or
 * the machine rebooted since, or the PID now belongs to a process started later. */
static bool record_is_stale(const lock_record *rec)
{
	if (!rec->info.readable || !rec->info.same_host)
		return false;
	char boot[64];
	read_boot_id(boot, sizeof boot);
	if (rec->boot_id[0] && boot[0] && strcmp(rec->boot_id, boot) != 0)
		return true;
	if (rec->info.pid > INT_MAX)
		return true;
	if (kill((pid_t)rec->info.pid, 0) != 0 && errno == ESRCH)
		return true;
	if (rec->proc_start) {
		unsigned long long now = process_start(rec->info.pid);
		if (now && now != rec->proc_start)
			return true;
	}
	return false;
}

/* Creates the lock file with our record. The record is written to a private temporary file and
 * linked into place, so nobody ever sees a half-written lock, and a crash at any moment leaves
 * either no lock or a complete one. Where hard links are not supported, falls back to O_EXCL.
 * Returns 0 created, 1 exists already, -1 error. */
static int create_lock(const char *lockpath, const char *content, nb_error *err)
{
	char *tmp = nb_xasprintf("%s.XXXXXX", lockpath);
	int fd = mkstemp(tmp);
	bool use_link = fd >= 0;
	if (!use_link) {
		free(tmp);
		tmp = NULL;
		fd = open(lockpath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
		if (fd < 0) {
			int e = errno;
			if (e == EEXIST)
				return 1;
			nb_error_set(err, "%s: cannot create lock file: %s", lockpath, strerror(e));
			return -1;
		}
	}
	int e = 0;
	if (nb_write_all(fd, content, strlen(content)) != 0 || fsync(fd) != 0)
		e = errno;
	if (close(fd) != 0 && !e)
		e = errno;
	if (e) {
		unlink(tmp ? tmp : lockpath);
		nb_error_set(err, "%s: cannot write lock file: %s", lockpath, strerror(e));
		free(tmp);
		return -1;
	}
	if (!use_link)
		return 0;
	int rc = 0;
	if (link(tmp, lockpath) != 0) {
		e = errno;
		if (e == EEXIST) {
			rc = 1;
		} else if (e == EPERM || e == ENOSYS || e == EOPNOTSUPP || e == EMLINK) {
			/* No hard links here (some network and FUSE file systems). */
			unlink(tmp);
			free(tmp);
			tmp = NULL;
			fd = open(lockpath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
			if (fd < 0) {
				e = errno;
				if (e == EEXIST)
					return 1;
				nb_error_set(err, "%s: cannot create lock file: %s", lockpath, strerror(e));
				return -1;
			}
			int we = nb_write_all(fd, content, strlen(content)) != 0 ? errno : 0;
			close(fd);
			if (we) {
				unlink(lockpath);
				nb_error_set(err, "%s: cannot write lock file: %s", lockpath, strerror(we));
				return -1;
			}
			return 0;
		} else {
			nb_error_set(err, "%s: cannot create lock file: %s", lockpath, strerror(e));
			rc = -1;
		}
	}
	unlink(tmp);
	free(tmp);
	return rc;
}

static bool same_session(const lock_record *a, const lock_record *b)
{
	return a->info.pid == b->info.pid && a->info.started == b->info.started &&
	       strcmp(a->info.host, b->info.host) == 0 && a->proc_start == b->proc_start;
}

/* Replaces the stale lock `stale` with ours. Only one session at a time may do this, or two
 * could each remove the stale lock and the second would remove the first one's fresh lock: the
 * `.break` file is that mutex. Returns 0 taken over, 1 try again (someone else is at it, or the
 * lock changed), -1 error. */
static int take_over(const char *lockpath, const lock_record *stale, const char *content,
		     nb_error *err)
{
	char *brk = nb_xasprintf("%s.break", lockpath);
	int fd = open(brk, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		int e = errno;
		struct stat st;
		if (e == EEXIST && lstat(brk, &st) == 0 && time(NULL) - st.st_mtime > 10)
			unlink(brk);   /* left by a session that crashed while breaking a lock */
		else if (e == EEXIST) {
			struct timespec pause = {0, 20 * 1000 * 1000};
			nanosleep(&pause, NULL);
		}
		free(brk);
		if (e == EEXIST)
			return 1;
		nb_error_set(err, "%s: cannot replace stale lock: %s", lockpath, strerror(e));
		return -1;
	}
	close(fd);
	int rc = 1;
	lock_record again;
	if (read_record(lockpath, &again, NULL) == 1 && same_session(&again, stale)) {
		if (unlink(lockpath) != 0 && errno != ENOENT) {
			nb_error_set(err, "%s: cannot remove stale lock: %s", lockpath, strerror(errno));
			rc = -1;
		} else {
			int c = create_lock(lockpath, content, err);
			rc = c == 0 ? 0 : c == 1 ? 1 : -1;
		}
	}
	unlink(brk);
	free(brk);
	return rc;
}

nb_lock_status nb_lock_acquire(const char *path, nb_lock_info *holder, nb_error *err)
{
	char *lockpath = nb_lock_path(path);
	lock_record self;
	fill_self(&self);
	char *content = format_record(&self, path);
	nb_lock_status status = NB_LOCK_ERROR;
	/* Rounds: the lock can vanish, appear or go stale between our looks at it, and another
	 * session may be replacing a stale lock right now (each wait is 20 ms). */
	for (int round = 0; round < 100; round++) {
		int rc = create_lock(lockpath, content, err);
		if (rc < 0)
			break;
		if (rc == 0) {
			status = NB_LOCK_ACQUIRED;
			if (holder)
				*holder = self.info;
			break;
		}
		lock_record cur;
		int r = read_record(lockpath, &cur, err);
		if (r < 0)
			break;
		if (r == 0)
			continue;   /* released meanwhile */
		if (!record_is_stale(&cur)) {
			status = NB_LOCK_HELD;
			if (holder)
				*holder = cur.info;
			break;
		}
		int t = take_over(lockpath, &cur, content, err);
		if (t < 0)
			break;
		if (t == 0) {
			status = NB_LOCK_TAKEN_OVER;
			if (holder)
				*holder = cur.info;
			break;
		}
	}
	if (status == NB_LOCK_ERROR && err && !err->msg[0])
		nb_error_set(err, "%s: the lock keeps changing; try again", lockpath);
	free(content);
	free(lockpath);
	return status;
}

int nb_lock_force(const char *path, nb_error *err)
{
	char *lockpath = nb_lock_path(path);
	int rc = -1;
	if (unlink(lockpath) != 0 && errno != ENOENT) {
		nb_error_set(err, "%s: cannot remove lock: %s", lockpath, strerror(errno));
	} else {
		lock_record self;
		fill_self(&self);
		char *content = format_record(&self, path);
		int c = create_lock(lockpath, content, err);
		if (c == 1)
			nb_error_set(err, "%s: another session locked the file just now", lockpath);
		rc = c == 0 ? 0 : -1;
		free(content);
	}
	free(lockpath);
	return rc;
}

void nb_lock_release(const char *path)
{
	char *lockpath = nb_lock_path(path);
	lock_record cur;
	char host[256];
	this_host(host, sizeof host);
	if (read_record(lockpath, &cur, NULL) == 1 && cur.info.readable &&
	    cur.info.pid == (long)getpid() && strcmp(cur.info.host, host) == 0)
		unlink(lockpath);
	free(lockpath);
}

int nb_lock_read(const char *path, nb_lock_info *info, nb_error *err)
{
	char *lockpath = nb_lock_path(path);
	lock_record rec;
	int r = read_record(lockpath, &rec, err);
	if (r == 1 && info)
		*info = rec.info;
	free(lockpath);
	return r;
}

const char *nb_lock_describe(const nb_lock_info *info, char *buf, size_t size)
{
	if (!info->readable) {
		snprintf(buf, size, "未知会话（锁文件无法识别）");
		return buf;
	}
	char when[32] = "";
	if (info->started > 0) {
		struct tm tm;
		if (localtime_r(&info->started, &tm))
			strftime(when, sizeof when, " 自 %Y-%m-%d %H:%M", &tm);
	}
	snprintf(buf, size, "%s@%s (PID %ld)%s", info->user[0] ? info->user : "?", info->host,
		 info->pid, when);
	return buf;
}
