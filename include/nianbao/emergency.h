/* emergency.h — when the SSH link drops or nianbao is killed, unsaved reports go to NAME.save.
 *
 * NAME.save is taken if free, else NAME.save.1, NAME.save.2 … up to NB_EMERGENCY_MAX_NUMBER: an
 * existing file is never overwritten (files are created with O_EXCL). Mode 0600: drafts are
 * confidential. The content is the report as nianbao YAML, which nianbao opens directly (even
 * when the report came from a .txt draft). A report without a file name is saved as
 * nianbao-untitled-PID.save in the current directory.
 *
 * Two ways in:
 *  - nb_emergency_save: for SIGHUP, SIGTERM, SIGQUIT. The signal handler only sets a flag; the
 *    main loop sees it and calls this, so it may allocate and serialise the report.
 *  - nb_emergency_prepare + nb_emergency_write_raw: the last resort inside a handler for SIGSEGV,
 *    SIGBUS, SIGABRT, SIGFPE, SIGILL, where nothing but async-signal-safe calls is allowed. */
#ifndef NIANBAO_EMERGENCY_H
#define NIANBAO_EMERGENCY_H
#include <stddef.h>
#include <limits.h>
#include "nianbao/report.h"
#include "nianbao/util.h"

#define NB_EMERGENCY_MAX_NUMBER 99999

/* First free emergency file name for a report path (NULL: an unnamed report): NAME.save, else
 * NAME.save.1, … Malloc'd; NULL (err set) when all numbers are taken. The name is free when
 * checked; nb_emergency_save still creates it with O_EXCL, so a race costs a number, never a file. */
char *nb_emergency_path(const char *path, nb_error *err);

/* Writes the report to the first free emergency file beside `path` (0600, O_EXCL, fsync'd).
 * When that directory cannot take it (read-only, full, no permission), tries the state
 * directory ($XDG_STATE_HOME/nianbao, else ~/.local/state/nianbao) and then $HOME, naming the
 * file after the report's base name there. Returns the path written (malloc'd), or NULL with err
 * naming every place tried and why it failed. A partly written file is removed. */
char *nb_emergency_save(const char *path, const nb_report *report, nb_error *err);

/* Emergency files left for `path` (NULL: unnamed reports of any process in the current
 * directory), beside it, in the state directory and in $HOME, newest first, so that the next
 * start can say where the text went. Returns a malloc'd array of malloc'd paths (NULL when
 * none) and *n. */
char **nb_emergency_list(const char *path, size_t *n);

/* ---- async-signal-safe last resort ----
 * nb_emergency_prepare, called in normal code whenever the report's file name changes, computes
 * the target name base (NAME.save, with the unnamed and fallback rules above) into the plan.
 * The plan holds no file descriptor and no pointers, so it can be a static in the editor.
 *
 * nb_emergency_write_raw uses only open(O_CREAT|O_EXCL, 0600), write, fsync and close, on the
 * precomputed names (NAME.save, then .save.1 … .save.NB_EMERGENCY_RAW_TRIES), then the same in the
 * fallback directory. Limits:
 *  - It writes the bytes it is given and cannot serialise a report: keep a recent snapshot in
 *    memory (e.g. the last journal text) and pass that. Typing after the snapshot is lost.
 *  - After memory corruption even the snapshot may be damaged; this is best effort.
 *  - It does not create directories and tries at most NB_EMERGENCY_RAW_TRIES numbers per place.
 *  - The caller must make the handler run once (SA_RESETHAND, or a volatile sig_atomic_t guard)
 *    so a second fatal signal during the write does not start a second file.
 * Returns 0 when the whole buffer was written, -1 otherwise; on success plan->written names the
 * file (inspect it after the handler, e.g. in a test, or from the next start's message). */
#define NB_EMERGENCY_RAW_TRIES 99
#ifndef PATH_MAX
#define PATH_MAX 4096
#endif
typedef struct nb_emergency_plan {
	char base[PATH_MAX];        /* ".../NAME.save" beside the report */
	char fallback[PATH_MAX];    /* the same name in the state directory or $HOME, or "" */
	char written[PATH_MAX + 16];/* set by nb_emergency_write_raw on success */
} nb_emergency_plan;

int nb_emergency_prepare(nb_emergency_plan *plan, const char *path);
int nb_emergency_write_raw(nb_emergency_plan *plan, const char *bytes, size_t len);

#endif
