/* util.h — small shared helpers: errors, allocation, growable strings, file reading. */
#ifndef NIANBAO_UTIL_H
#define NIANBAO_UTIL_H
#include <stddef.h>
#include <stdarg.h>

/* An error message for the user: "FILE: problem". Functions that can fail take an nb_error *
 * (may be NULL) and return -1 (or NULL) after filling it. */
typedef struct nb_error {
	char msg[1024];
} nb_error;

void nb_error_set(nb_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Allocation that aborts with a message on out-of-memory: a half-built report is worse than exit. */
void *nb_xmalloc(size_t n);
void *nb_xcalloc(size_t n, size_t size);
void *nb_xrealloc(void *p, size_t n);
char *nb_xstrdup(const char *s);               /* NULL → NULL */
char *nb_xstrndup(const char *s, size_t n);
char *nb_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Growable byte string, always NUL-terminated when len > 0 or after nb_sb_cstr. */
typedef struct nb_sb {
	char *s;
	size_t len, cap;
} nb_sb;

void nb_sb_add(nb_sb *sb, const char *s, size_t n);
void nb_sb_adds(nb_sb *sb, const char *s);
void nb_sb_addc(nb_sb *sb, char c);
void nb_sb_printf(nb_sb *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *nb_sb_cstr(nb_sb *sb);             /* never NULL */
char *nb_sb_take(nb_sb *sb);                   /* hands over the string, resets sb; never NULL */
void nb_sb_free(nb_sb *sb);

/* Reads a whole regular file. Refuses directories, devices and files over max_bytes with a clear
 * message naming the file. Returns 0 on success; *data is NUL-terminated (not counted in *len). */
int nb_read_file(const char *path, size_t max_bytes, char **data, size_t *len, nb_error *err);

/* Largest input file nianbao accepts (report text or YAML). Real reports are 10–50 KB; an
 * imported draft with attachments may reach megabytes; beyond 32 MB it is not a report. */
#define NB_MAX_INPUT_BYTES ((size_t)32 * 1024 * 1024)

#endif
