/* lock.h — "someone is editing this report": a lock file beside the report.
 *
 * The lock for /dir/report.yaml is /dir/.report.yaml.nianbao-lock (beside the real file when
 * the path is a symlink, so two names for one file share one lock). It is created with O_EXCL
 * and mode 0600 and holds `key: value` lines: user, host, pid, started (seconds since the epoch),
 * and on Linux the boot id and process start tick, so that a reused PID after a crash or a
 * reboot does not keep a dead session's lock alive.
 *
 * A lock is stale only when it was taken on this host and its process is gone (kill(pid, 0)
 * fails with ESRCH, or the boot id / process start tick no longer match). A lock taken on
 * another host is never judged stale automatically: only the user can say that machine is done
 * (nb_lock_force). Replacing a stale lock is serialised by a short-lived `.break` file beside it,
 * so sessions racing to take over a dead one's lock end with exactly one holder. The lock is
 * advisory: the editor opens read-only by default when it is held. */
#ifndef NIANBAO_LOCK_H
#define NIANBAO_LOCK_H
#include <stdbool.h>
#include <sys/types.h>
#include <time.h>
#include "nianbao/util.h"

/* Who holds a lock. Strings are sanitised: a lock file's contents never reach the terminal raw
 * (control bytes become '?'). Empty strings when a field was missing. */
typedef struct nb_lock_info {
	char user[64];
	char host[256];
	long pid;            /* 0 when unknown */
	time_t started;      /* 0 when unknown */
	bool same_host;      /* host equals this machine's name */
	bool readable;       /* false: the lock file exists but could not be parsed */
} nb_lock_info;

typedef enum nb_lock_status {
	NB_LOCK_ERROR = -1,      /* could not take or read the lock: err says why (e.g. read-only dir) */
	NB_LOCK_ACQUIRED = 0,    /* we hold it now */
	NB_LOCK_HELD = 1,        /* another live (or other-host) session holds it: *holder says who */
	NB_LOCK_TAKEN_OVER = 2   /* a stale lock of a dead session was replaced by ours: *holder was it */
} nb_lock_status;

/* Path of the lock file for a report path (malloc'd). */
char *nb_lock_path(const char *path);

/* Tries to lock `path` for this process. holder may be NULL. */
nb_lock_status nb_lock_acquire(const char *path, nb_lock_info *holder, nb_error *err);

/* Takes the lock whatever holds it (the user decided the holder is gone, e.g. on another host).
 * Returns 0, or -1 with err set. */
int nb_lock_force(const char *path, nb_error *err);

/* Removes the lock if this process holds it (same host and PID); a lock that another session
 * took over meanwhile is left alone. Safe to call when no lock exists. */
void nb_lock_release(const char *path);

/* Reads the lock without taking it: 1 and *info when a lock exists, 0 when none, -1 on error. */
int nb_lock_read(const char *path, nb_lock_info *info, nb_error *err);

/* The holder for messages: "user@host (PID 1234) 自 2026-11-22 09:10" in local time; returns buf. */
const char *nb_lock_describe(const nb_lock_info *info, char *buf, size_t size);

#endif
