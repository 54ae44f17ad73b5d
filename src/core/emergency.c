/* emergency.c — NAME.save files for reports that could not be saved normally. */
#include "config.h"
#include "nianbao/emergency.h"
#include "nianbao/journal.h"
#include "nianbao/safewrite.h"
#include "nianbao/yamlio.h"

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* NAME.save for a named report, nianbao-untitled-PID.save (in the current directory) otherwise. */
static char *base_name_for(const char *path)
{
	if (path && *path)
		return nb_xasprintf("%s.save", path);
	return nb_xasprintf("nianbao-untitled-%ld.save", (long)getpid());
}

static char *numbered(const char *base, long n)
{
	return n == 0 ? nb_xstrdup(base) : nb_xasprintf("%s.%ld", base, n);
}

char *nb_emergency_path(const char *path, nb_error *err)
{
	char *base = base_name_for(path);
	for (long n = 0; n <= NB_EMERGENCY_MAX_NUMBER; n++) {
		char *cand = numbered(base, n);
		struct stat st;
		/* lstat: a dangling symlink is a name in use, never something to write through. */
		if (lstat(cand, &st) != 0 && errno == ENOENT) {
			free(base);
			return cand;
		}
		free(cand);
	}
	nb_error_set(err, "%s: every emergency file name up to .%d is taken", base,
		     NB_EMERGENCY_MAX_NUMBER);
	free(base);
	return NULL;
}

/* Writes data to the first free numbered name after base. 0 and *written, or -1 with errno. */
static int save_numbered(const char *base, const char *data, size_t len, char **written)
{
	for (long n = 0; n <= NB_EMERGENCY_MAX_NUMBER; n++) {
		char *cand = numbered(base, n);
		int fd = open(cand, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd < 0) {
			int e = errno;
			free(cand);
			if (e == EEXIST)
				continue;
			errno = e;
			return -1;
		}
		int e = 0;
		/* The umask could have taken bits away, never added: make it exactly 0600. */
		if (fchmod(fd, 0600) != 0 || nb_write_all(fd, data, len) != 0 || fsync(fd) != 0)
			e = errno;
		if (close(fd) != 0 && !e)
			e = errno;
		if (e) {
			/* A half-written emergency file would only mislead the next start. */
			unlink(cand);
			free(cand);
			errno = e;
			return -1;
		}
		*written = cand;
		return 0;
	}
	errno = EEXIST;
	return -1;
}

static const char *last_component(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* The places to try, in order: beside the report, the state directory, $HOME. The state
 * directory is created when `create` (a save), only looked at otherwise (a listing). */
static size_t emergency_bases(const char *path, bool create, char *bases[3])
{
	size_t n = 0;
	char *beside = base_name_for(path);
	bases[n++] = beside;
	const char *name = last_component(beside);
	char *state = nb_journal_dir();
	if (state) {
		nb_error ignored;
		struct stat st;
		if (create ? nb_journal_make_dir(state, &ignored) == 0 : stat(state, &st) == 0)
			bases[n++] = nb_xasprintf("%s/%s", state, name);
		free(state);
	}
	const char *home = getenv("HOME");
	if (home && *home == '/')
		bases[n++] = nb_xasprintf("%s/%s", home, name);
	return n;
}

char *nb_emergency_save(const char *path, const nb_report *report, nb_error *err)
{
	size_t len = 0;
	char *data = nb_yaml_save(report, &len);
	char *bases[3];
	size_t nb = emergency_bases(path, true, bases);
	char *written = NULL;
	nb_sb why = {0};
	for (size_t i = 0; i < nb && !written; i++) {
		if (save_numbered(bases[i], data, len, &written) != 0)
			nb_sb_printf(&why, "%s%s: %s", why.len ? "; " : "", bases[i],
				     strerror(errno));
	}
	if (!written)
		nb_error_set(err, "could not write an emergency copy: %s", nb_sb_cstr(&why));
	nb_sb_free(&why);
	for (size_t i = 0; i < nb; i++)
		free(bases[i]);
	free(data);
	return written;
}

/* Is `name` the base name of base (".../NAME.save") or base.N? */
static bool is_numbered(const char *name, const char *base_name, bool any_untitled)
{
	size_t bl = strlen(base_name);
	if (any_untitled) {
		/* nianbao-untitled-PID.save[.N] of any PID */
		const char *pre = "nianbao-untitled-";
		size_t pl = strlen(pre);
		if (strncmp(name, pre, pl) != 0)
			return false;
		const char *p = name + pl;
		if (*p < '0' || *p > '9')
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
		if (strncmp(p, ".save", 5) != 0)
			return false;
		name = p + 5;
	} else {
		if (strncmp(name, base_name, bl) != 0)
			return false;
		name += bl;
	}
	if (*name == '\0')
		return true;
	if (*name != '.' || !name[1])
		return false;
	for (name++; *name; name++)
		if (*name < '0' || *name > '9')
			return false;
	return true;
}

typedef struct found_file {
	char *path;
	time_t mtime;
} found_file;

static int newer_first(const void *a, const void *b)
{
	const found_file *x = a, *y = b;
	return (x->mtime < y->mtime) - (x->mtime > y->mtime);
}

char **nb_emergency_list(const char *path, size_t *n)
{
	*n = 0;
	char *bases[3];
	size_t nb = emergency_bases(path, false, bases);
	found_file *v = NULL;
	size_t cap = 0;
	for (size_t i = 0; i < nb; i++) {
		const char *slash = strrchr(bases[i], '/');
		char *dir = slash ? nb_xstrndup(bases[i], (size_t)(slash - bases[i])) : nb_xstrdup(".");
		if (!*dir) {
			free(dir);
			dir = nb_xstrdup("/");
		}
		const char *base_name = slash ? slash + 1 : bases[i];
		DIR *d = opendir(dir);
		struct dirent *de;
		while (d && (de = readdir(d))) {
			if (!is_numbered(de->d_name, base_name, !path || !*path))
				continue;
			char *full = slash ? nb_xasprintf("%s/%s", dir, de->d_name) : nb_xstrdup(de->d_name);
			struct stat st;
			bool dup = false;
			for (size_t j = 0; j < *n; j++)
				dup = dup || strcmp(v[j].path, full) == 0;
			if (dup || lstat(full, &st) != 0 || !S_ISREG(st.st_mode)) {
				free(full);
				continue;
			}
			if (*n == cap) {
				cap = cap ? cap * 2 : 4;
				v = nb_xrealloc(v, cap * sizeof *v);
			}
			v[(*n)++] = (found_file){full, st.st_mtime};
		}
		if (d)
			closedir(d);
		free(dir);
		free(bases[i]);
	}
	if (*n == 0) {
		free(v);
		return NULL;
	}
	qsort(v, *n, sizeof *v, newer_first);
	char **out = nb_xcalloc(*n, sizeof *out);
	for (size_t i = 0; i < *n; i++)
		out[i] = v[i].path;
	free(v);
	return out;
}

/* ---- async-signal-safe last resort ---- */

static bool copy_bounded(char *dst, size_t size, const char *src)
{
	size_t n = strlen(src);
	if (n + 1 > size)
		return false;
	memcpy(dst, src, n + 1);
	return true;
}

int nb_emergency_prepare(nb_emergency_plan *plan, const char *path)
{
	memset(plan, 0, sizeof *plan);
	char *bases[3];
	size_t n = emergency_bases(path, true, bases);
	int rc = 0;
	if (!copy_bounded(plan->base, sizeof plan->base, bases[0]))
		rc = -1;
	if (n > 1 && !copy_bounded(plan->fallback, sizeof plan->fallback, bases[1]))
		plan->fallback[0] = '\0';
	for (size_t i = 0; i < n; i++)
		free(bases[i]);
	return rc;
}

/* From here on: only async-signal-safe functions (open, write, fsync, close, unlink) and plain
 * loops over memory; no stdio, no malloc, no strerror. */

static size_t raw_strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

/* dst = base, or base.N for N > 0. False when it does not fit. */
static bool raw_name(char *dst, size_t size, const char *base, int n)
{
	size_t len = raw_strlen(base);
	if (len + 8 > size)
		return false;
	for (size_t i = 0; i <= len; i++)
		dst[i] = base[i];
	if (n > 0) {
		char digits[12];
		int k = 0;
		for (int v = n; v > 0 && k < 11; v /= 10)
			digits[k++] = (char)('0' + v % 10);
		dst[len++] = '.';
		while (k > 0)
			dst[len++] = digits[--k];
		dst[len] = '\0';
	}
	return true;
}

static int raw_try(char *name, size_t size, const char *base, const char *bytes, size_t len)
{
	if (!base[0])
		return -1;
	for (int n = 0; n <= NB_EMERGENCY_RAW_TRIES; n++) {
		if (!raw_name(name, size, base, n))
			return -1;
		int fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd < 0) {
			if (errno == EEXIST || errno == EINTR)
				continue;
			return -1;   /* this directory will not take it: next place */
		}
		size_t done = 0;
		bool ok = true;
		(void)fchmod(fd, 0600);   /* the umask may have taken bits; never adds any */
		while (done < len) {
			ssize_t w = write(fd, bytes + done, len - done);
			if (w < 0) {
				if (errno == EINTR)
					continue;
				ok = false;
				break;
			}
			done += (size_t)w;
		}
		if (ok && fsync(fd) != 0 && errno != EINVAL)
			ok = false;
		if (close(fd) != 0 && errno != EINTR)
			ok = false;
		if (ok)
			return 0;
		unlink(name);
		return -1;
	}
	return -1;
}

int nb_emergency_write_raw(nb_emergency_plan *plan, const char *bytes, size_t len)
{
	int saved_errno = errno;
	/* plan->written doubles as the scratch buffer: after a stack overflow there may be no stack
	 * to spare for a path. */
	int rc = raw_try(plan->written, sizeof plan->written, plan->base, bytes, len);
	if (rc != 0)
		rc = raw_try(plan->written, sizeof plan->written, plan->fallback, bytes, len);
	if (rc != 0)
		plan->written[0] = '\0';
	errno = saved_errno;
	return rc;
}
