/* safewrite.c — atomic replacement of a file: the new bytes go to a temporary file in the same
 * directory, are flushed to disk, and only then renamed over the old name. A crash, a full disk
 * or a dropped SSH link at any moment leaves either the old file or the new one, never a mix.
 *
 * Decisions:
 * - A symbolic link is followed to its final target (also when that target does not exist yet)
 *   and the target is replaced; the link itself stays a link pointing where it did.
 * - A file with more than one hard link is refused: rename would give this name a new inode
 *   and silently split it from the other names, and writing in place would give up atomicity.
 *   The message names the file and says what to do.
 * - An existing file keeps its permission bits and, where the system allows it, its owner and
 *   group. A new file gets new_mode less the process umask.
 * - Once the rename has happened the save has succeeded; a failing fsync of the directory after
 *   that is not reported as a failed save, because the new content is already in place. */
#include "config.h"
#include "nianbao/safewrite.h"
#include "nianbao/util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* Links followed before giving up, as the kernel does. */
#define MAX_SYMLINK_HOPS 40

/* What went wrong, in words a clerk understands; strerror is added in brackets. */
static const char *plain_cause(int e)
{
	switch (e) {
	case ENOSPC:
		return "disk full";
#ifdef EDQUOT
	case EDQUOT:
		return "disk quota exceeded";
#endif
	case EACCES:
	case EPERM:
		return "permission denied";
	case EROFS:
		return "read-only file system";
	case EIO:
		return "input/output error, the disk may be failing";
	case EFBIG:
		return "file too large for the system's limits";
	case ENOENT:
		return "the directory does not exist";
	case ENOTDIR:
		return "a part of the path is not a directory";
	case ENAMETOOLONG:
		return "the file name is too long";
	case ELOOP:
		return "too many symbolic links";
	default:
		return NULL;
	}
}

static int save_failed(nb_error *err, const char *path, int e)
{
	const char *plain = plain_cause(e), *sys = strerror(e);
	if (plain && strcasecmp(plain, sys) != 0)
		nb_error_set(err, "%s: cannot save: %s (%s)", path, plain, sys);
	else
		nb_error_set(err, "%s: cannot save: %s", path, plain ? plain : sys);
	return -1;
}

/* The directory part of a path ("." when there is none). */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return nb_xstrdup(".");
	if (slash == path)
		return nb_xstrdup("/");
	return nb_xstrndup(path, (size_t)(slash - path));
}

/* Follows symbolic links in the last component until a non-link (or a missing file) is
 * reached. Returns the final path, or NULL with errno set. */
static char *final_target(const char *path)
{
	char *cur = nb_xstrdup(path);
	for (int hops = 0;; hops++) {
		struct stat st;
		if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
			return cur;   /* a missing file is created; other errors surface later */
		if (hops == MAX_SYMLINK_HOPS) {
			free(cur);
			errno = ELOOP;
			return NULL;
		}
		size_t cap = st.st_size > 0 ? (size_t)st.st_size + 1 : PATH_MAX;
		char *target = nb_xmalloc(cap);
		ssize_t n = readlink(cur, target, cap);
		if (n < 0 || (size_t)n >= cap) {
			int e = n < 0 ? errno : ENAMETOOLONG;
			free(target);
			free(cur);
			errno = e;
			return NULL;
		}
		target[n] = '\0';
		char *next;
		if (target[0] == '/') {
			next = target;
		} else {
			char *dir = dir_of(cur);
			next = nb_xasprintf("%s/%s", dir, target);
			free(dir);
			free(target);
		}
		free(cur);
		cur = next;
	}
}

/* The process umask, read without changing it where the system tells it. */
static mode_t current_umask(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	if (f) {
		char line[256];
		unsigned long m;
		while (fgets(line, sizeof line, f))
			if (sscanf(line, "Umask: %lo", &m) == 1) {
				fclose(f);
				return (mode_t)m;
			}
		fclose(f);
	}
	mode_t m = umask(022);
	umask(m);
	return m;
}

int nb_write_all(int fd, const void *data, size_t n)
{
	const char *p = data;
	while (n > 0) {
		size_t chunk = n > ((size_t)1 << 30) ? ((size_t)1 << 30) : n;
		ssize_t w = write(fd, p, chunk);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (w == 0) {
			errno = EIO;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int fsync_retry(int fd)
{
	int rc;
	do
		rc = fsync(fd);
	while (rc != 0 && errno == EINTR);
	return rc;
}

/* Name of the temporary file: hidden, beside the target, recognisably ours if a crash ever
 * leaves one behind. The target's name is shortened so the result stays a legal name. */
static char *temp_template(const char *final)
{
	char *dir = dir_of(final);
	const char *slash = strrchr(final, '/');
	const char *base = slash ? slash + 1 : final;
	size_t blen = strlen(base);
	if (blen > 100) {
		blen = 100;
		while (blen > 0 && ((unsigned char)base[blen] & 0xC0) == 0x80)
			blen--;   /* do not cut a UTF-8 character */
	}
	char *t = nb_xasprintf("%s/.%.*s.nianbao-XXXXXX", dir, (int)blen, base);
	free(dir);
	return t;
}

int nb_write_atomic(const char *path, const void *data, size_t len, mode_t new_mode, nb_error *err)
{
	if (!path || !*path) {
		nb_error_set(err, "cannot save: no file name given");
		return -1;
	}
	char *final = final_target(path);
	if (!final)
		return save_failed(err, path, errno);

	struct stat st;
	bool exists = stat(final, &st) == 0;
	if (!exists && errno != ENOENT) {
		int e = errno;
		free(final);
		return save_failed(err, path, e);
	}
	if (exists && S_ISDIR(st.st_mode)) {
		nb_error_set(err, "%s: cannot save: it is a directory, not a file", path);
		free(final);
		return -1;
	}
	if (exists && !S_ISREG(st.st_mode)) {
		nb_error_set(err, "%s: cannot save: not a regular file (a device, pipe or socket)", path);
		free(final);
		return -1;
	}
	if (exists && st.st_nlink > 1) {
		nb_error_set(err, "%s: cannot save: the file has %lu hard links and saving would cut "
			     "this name off from the others; save under another name instead", path, (unsigned long)st.st_nlink);
		free(final);
		return -1;
	}
	mode_t mode = exists ? (st.st_mode & 07777) : (new_mode & 07777 & ~current_umask());

	char *tmp = temp_template(final);
	int fd = mkstemp(tmp);   /* O_EXCL, mode 0600 while the content is incomplete */
	if (fd < 0) {
		int e = errno;
		free(tmp);
		free(final);
		return save_failed(err, path, e);
	}
	fcntl(fd, F_SETFD, FD_CLOEXEC);

	int e = 0;
	if (nb_write_all(fd, data, len) != 0 || fsync_retry(fd) != 0)
		e = errno;
	/* Keep the owner where we may (root saving someone's file); failing that the mode still
	 * applies, as for any file one rewrites. */
	if (!e && exists && (st.st_uid != geteuid() || st.st_gid != getegid())) {
		if (fchown(fd, st.st_uid, st.st_gid) != 0 && fchown(fd, (uid_t)-1, st.st_gid) != 0) {
			/* Not permitted: the new file is ours, with the old mode. */
		}
	}
	if (!e && fchmod(fd, mode) != 0)
		e = errno;
	if (close(fd) != 0 && !e)
		e = errno;   /* network file systems report write errors at close */
	if (!e && rename(tmp, final) != 0)
		e = errno;
	if (e) {
		unlink(tmp);
		free(tmp);
		free(final);
		return save_failed(err, path, e);
	}

	/* Make the rename itself durable. */
	char *dir = dir_of(final);
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync_retry(dfd);
		close(dfd);
	}
	free(dir);
	free(tmp);
	free(final);
	return 0;
}
