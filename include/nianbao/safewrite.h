/* safewrite.h — atomic file replacement: temp file in the same directory, fsync, rename, fsync
 * the directory. The old file is never truncated or half-written. */
#ifndef NIANBAO_SAFEWRITE_H
#define NIANBAO_SAFEWRITE_H
#include <stddef.h>
#include <sys/types.h>
#include "util.h"

/* Writes data to path atomically. An existing file keeps its mode; a new file gets `new_mode`
 * (e.g. 0644, or 0600 for emergency files). A symlink is written through to its target. On any
 * failure the original is byte-identical, the temp file is removed and err names the file and
 * the cause (disk full, permission denied, read-only file system …). */
int nb_write_atomic(const char *path, const void *data, size_t len, mode_t new_mode, nb_error *err);

/* Writes all n bytes to fd, again after EINTR and short writes. 0, or -1 with errno set. */
int nb_write_all(int fd, const void *data, size_t n);

#endif
