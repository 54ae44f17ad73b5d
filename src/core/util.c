/* util.c — errors, allocation, growable strings, whole-file reading. */
#include "config.h"
#include "nianbao/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void nb_error_set(nb_error *err, const char *fmt, ...)
{
	if (!err)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
}

static void out_of_memory(size_t n)
{
	fprintf(stderr, "nianbao: out of memory (%zu bytes)\n", n);
	abort();
}

void *nb_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory(n);
	return p;
}

void *nb_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory(n * size);
	return p;
}

void *nb_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		out_of_memory(n);
	return q;
}

char *nb_xstrdup(const char *s)
{
	return s ? nb_xstrndup(s, strlen(s)) : NULL;
}

char *nb_xstrndup(const char *s, size_t n)
{
	char *d = nb_xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *nb_xasprintf(const char *fmt, ...)
{
	nb_sb sb = {0};
	va_list ap;
	va_start(ap, fmt);
	char small[256];
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return nb_xstrdup("");
	if ((size_t)n < sizeof small)
		return nb_xstrdup(small);
	sb.s = nb_xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(sb.s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return sb.s;
}

static void sb_reserve(nb_sb *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;
	if (need <= sb->cap)
		return;
	size_t cap = sb->cap ? sb->cap : 64;
	while (cap < need)
		cap *= 2;
	sb->s = nb_xrealloc(sb->s, cap);
	sb->cap = cap;
}

void nb_sb_add(nb_sb *sb, const char *s, size_t n)
{
	sb_reserve(sb, n);
	if (n)
		memcpy(sb->s + sb->len, s, n);
	sb->len += n;
	sb->s[sb->len] = '\0';
}

void nb_sb_adds(nb_sb *sb, const char *s)
{
	nb_sb_add(sb, s, strlen(s));
}

void nb_sb_addc(nb_sb *sb, char c)
{
	nb_sb_add(sb, &c, 1);
}

void nb_sb_printf(nb_sb *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	sb_reserve(sb, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(sb->s + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
}

const char *nb_sb_cstr(nb_sb *sb)
{
	sb_reserve(sb, 0);
	sb->s[sb->len] = '\0';
	return sb->s;
}

char *nb_sb_take(nb_sb *sb)
{
	sb_reserve(sb, 0);
	sb->s[sb->len] = '\0';
	char *s = sb->s;
	sb->s = NULL;
	sb->len = sb->cap = 0;
	return s;
}

void nb_sb_free(nb_sb *sb)
{
	free(sb->s);
	sb->s = NULL;
	sb->len = sb->cap = 0;
}

int nb_read_file(const char *path, size_t max_bytes, char **data, size_t *len, nb_error *err)
{
	*data = NULL;
	*len = 0;
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		nb_error_set(err, "%s: %s", path,
			     errno == ENOENT ? "no such file" : strerror(errno));
		return -1;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		nb_error_set(err, "%s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		nb_error_set(err, "%s: is a directory, not a report", path);
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		nb_error_set(err, "%s: not a regular file", path);
		close(fd);
		return -1;
	}
	if ((size_t)st.st_size > max_bytes) {
		nb_error_set(err, "%s: file is too large (%lld bytes; the limit is %zu MB)", path,
			     (long long)st.st_size, max_bytes / (1024 * 1024));
		close(fd);
		return -1;
	}
	/* Blocking reads from here on; O_NONBLOCK only kept open() from hanging on a FIFO. */
	int flags = fcntl(fd, F_GETFL);
	if (flags >= 0)
		fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	size_t cap = (size_t)st.st_size + 1, n = 0;
	char *buf = nb_xmalloc(cap);
	for (;;) {
		if (n + 1 >= cap) {
			if (cap > max_bytes) {
				nb_error_set(err, "%s: file is too large (over %zu MB)", path,
					     max_bytes / (1024 * 1024));
				free(buf);
				close(fd);
				return -1;
			}
			cap *= 2;
			buf = nb_xrealloc(buf, cap);
		}
		ssize_t r = read(fd, buf + n, cap - n - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			nb_error_set(err, "%s: read error: %s", path, strerror(errno));
			free(buf);
			close(fd);
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}
