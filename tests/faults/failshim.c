/* failshim.c — an LD_PRELOAD library that makes file-system calls fail on demand, to prove that a
 * failed save leaves the original file byte-identical.
 *
 *   NB_FAULT=write:ENOSPC           the failing call and the errno it returns; several may be
 *                                   given, separated by commas (write:EIO,rename:EROFS)
 *   NB_FAULT_MATCH=/tmp/xyz         only files whose path contains this string are affected,
 *                                   so the error message can still reach stderr
 *   NB_FAULT_AFTER=100              write: let this many bytes through first (a disk that fills
 *                                   up half-way through the file); default 0
 *
 * Calls: open/open64/openat (only when creating), mkstemp/mkostemp, write, fsync, fdatasync,
 * close, rename, renameat, link, fchmod. Errors: ENOSPC EIO EROFS EACCES EDQUOT EPERM.
 * Built by the fault test with `cc -shared -fPIC`; not part of nianbao. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static int fault_errno(const char *name)
{
	static const struct { const char *n; int e; } table[] = {
		{"ENOSPC", ENOSPC}, {"EIO", EIO}, {"EROFS", EROFS}, {"EACCES", EACCES},
		{"EDQUOT", EDQUOT}, {"EPERM", EPERM},
	};
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (strcmp(table[i].n, name) == 0)
			return table[i].e;
	return 0;
}

/* The errno `call` must fail with, or 0. */
static int fault_for(const char *call)
{
	const char *spec = getenv("NB_FAULT");
	if (!spec)
		return 0;
	size_t cl = strlen(call);
	for (const char *p = spec; *p;) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (n > cl + 1 && memcmp(p, call, cl) == 0 && p[cl] == ':') {
			char name[16] = {0};
			size_t en = n - cl - 1;
			if (en < sizeof name) {
				memcpy(name, p + cl + 1, en);
				return fault_errno(name);
			}
		}
		p = end ? end + 1 : p + n;
	}
	return 0;
}

static int path_matches(const char *path)
{
	const char *m = getenv("NB_FAULT_MATCH");
	return m && *m && path && strstr(path, m) != NULL;
}

static int fd_matches(int fd)
{
	char link[64], target[4096];
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, target, sizeof target - 1);
	if (n <= 0)
		return 0;
	target[n] = '\0';
	return path_matches(target);
}

/* The next definition of a libc function, looked up once. */
#define REAL(name) static __typeof__(&name) real_##name; \
	if (!real_##name) real_##name = (__typeof__(&name))dlsym(RTLD_NEXT, #name)

ssize_t write(int fd, const void *buf, size_t count)
{
	REAL(write);
	int e = fault_for("write");
	if (e && fd > 2 && fd_matches(fd)) {
		/* Let NB_FAULT_AFTER bytes through in total, then fail: a disk filling up mid-file. */
		static long long passed;
		const char *after = getenv("NB_FAULT_AFTER");
		long long allow = after ? atoll(after) : 0;
		if (passed < allow) {
			size_t n = count;
			if ((long long)n > allow - passed)
				n = (size_t)(allow - passed);
			ssize_t w = real_write(fd, buf, n);
			if (w > 0)
				passed += w;
			return w;
		}
		errno = e;
		return -1;
	}
	return real_write(fd, buf, count);
}

int fsync(int fd)
{
	REAL(fsync);
	int e = fault_for("fsync");
	if (e && fd_matches(fd)) {
		errno = e;
		return -1;
	}
	return real_fsync(fd);
}

int fdatasync(int fd)
{
	REAL(fdatasync);
	int e = fault_for("fsync");
	if (e && fd_matches(fd)) {
		errno = e;
		return -1;
	}
	return real_fdatasync(fd);
}

int close(int fd)
{
	REAL(close);
	int e = fault_for("close");
	if (e && fd > 2 && fd_matches(fd)) {
		/* Like NFS: the descriptor is gone, the error is reported. */
		real_close(fd);
		errno = e;
		return -1;
	}
	return real_close(fd);
}

int fchmod(int fd, mode_t mode)
{
	REAL(fchmod);
	int e = fault_for("fchmod");
	if (e && fd_matches(fd)) {
		errno = e;
		return -1;
	}
	return real_fchmod(fd, mode);
}

int rename(const char *from, const char *to)
{
	REAL(rename);
	int e = fault_for("rename");
	if (e && (path_matches(from) || path_matches(to))) {
		errno = e;
		return -1;
	}
	return real_rename(from, to);
}

int renameat(int dfd1, const char *from, int dfd2, const char *to)
{
	REAL(renameat);
	int e = fault_for("rename");
	if (e && (path_matches(from) || path_matches(to))) {
		errno = e;
		return -1;
	}
	return real_renameat(dfd1, from, dfd2, to);
}

int link(const char *from, const char *to)
{
	REAL(link);
	int e = fault_for("link");
	if (e && (path_matches(from) || path_matches(to))) {
		errno = e;
		return -1;
	}
	return real_link(from, to);
}

static int create_fault(const char *path, int flags)
{
	return (flags & O_CREAT) && path_matches(path) ? fault_for("open") : 0;
}

int open(const char *path, int flags, ...)
{
	REAL(open);
	mode_t mode = 0;
	if (flags & (O_CREAT | O_TMPFILE)) {
		va_list ap;
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	int e = create_fault(path, flags);
	if (e) {
		errno = e;
		return -1;
	}
	return real_open(path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
	REAL(open64);
	mode_t mode = 0;
	if (flags & (O_CREAT | O_TMPFILE)) {
		va_list ap;
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	int e = create_fault(path, flags);
	if (e) {
		errno = e;
		return -1;
	}
	return real_open64(path, flags, mode);
}

int openat(int dfd, const char *path, int flags, ...)
{
	REAL(openat);
	mode_t mode = 0;
	if (flags & (O_CREAT | O_TMPFILE)) {
		va_list ap;
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	int e = create_fault(path, flags);
	if (e) {
		errno = e;
		return -1;
	}
	return real_openat(dfd, path, flags, mode);
}

/* glibc's mkstemp opens the file internally, past open(): intercept it by name. */
int mkstemp(char *tmpl)
{
	REAL(mkstemp);
	int e = path_matches(tmpl) ? fault_for("open") : 0;
	if (e) {
		errno = e;
		return -1;
	}
	return real_mkstemp(tmpl);
}

int mkostemp(char *tmpl, int flags)
{
	REAL(mkostemp);
	int e = path_matches(tmpl) ? fault_for("open") : 0;
	if (e) {
		errno = e;
		return -1;
	}
	return real_mkostemp(tmpl, flags);
}
