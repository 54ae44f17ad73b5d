/* journal.h — unsaved edits, written a few seconds after each change so that a kill -9, a crash
 * or a dropped link loses at most those seconds.
 *
 * One journal per report, in $XDG_STATE_HOME/nianbao/ (else ~/.local/state/nianbao/; the
 * directory 0700, journals 0600: drafts are confidential). It is keyed by the report's absolute
 * path: the file name is the base name plus a hash of the path, and the path itself is recorded
 * inside, so a hash collision is recognised. A report without a file name is keyed
 * "untitled-PID"; such journals are found again with nb_journal_list.
 *
 * The journal file: a header of `key: value` lines (format, path, saved time, cursor section and
 * offset, payload length and checksum), a line `---`, then the whole report as nianbao YAML
 * (nb_yaml_save). It is replaced atomically on every write (nb_write_atomic), so it is always
 * one complete snapshot. A journal that fails its checksum or does not parse is reported as
 * damaged and left where it is: nothing is ever deleted without the user's word. */
#ifndef NIANBAO_JOURNAL_H
#define NIANBAO_JOURNAL_H
#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include "nianbao/report.h"
#include "nianbao/util.h"

/* The journal directory (malloc'd), not created; NULL when neither XDG_STATE_HOME nor HOME is an
 * absolute path. */
char *nb_journal_dir(void);
/* Creates dir and missing parents with mode 0700 and tightens dir itself to 0700. Refuses a dir
 * that is not a directory or belongs to another user. */
int nb_journal_make_dir(const char *dir, nb_error *err);

/* The key a report is journalled under: its absolute path (symlinks resolved when the file
 * exists), or "untitled-PID" for path == NULL. Malloc'd. */
char *nb_journal_key(const char *path);
/* Where the journal for `path` lives (malloc'd), or NULL when there is no journal directory. */
char *nb_journal_path(const char *path);

typedef struct nb_journal_info {
	char *journal_path;    /* the journal file */
	char *report_path;     /* the key recorded inside (absolute path or untitled-PID) */
	time_t saved;          /* when it was written */
	size_t size;           /* bytes of report text in it */
	int section;           /* cursor: section index (-1: intro or header) */
	size_t offset;         /* cursor: byte offset in that section's body */
	bool damaged;          /* unreadable header or bad checksum: say so, do not load */
} nb_journal_info;
void nb_journal_info_free(nb_journal_info *info);

/* Writes (replaces) the journal of `path` (NULL: the unnamed report of this process).
 * 0, or -1 with err naming the journal file and the cause. */
int nb_journal_write(const char *path, const nb_report *report, int section, size_t offset,
		     nb_error *err);
/* The same with the report already serialised by nb_yaml_save (the editor keeps that text as
 * the snapshot its crash handler writes). */
int nb_journal_write_yaml(const char *path, const char *yaml, size_t ylen, int section,
			  size_t offset, nb_error *err);

/* Is there a journal for `path`? 1 (info filled; free it), 0 none, -1 error. A damaged journal
 * is found (info->damaged) so the editor can tell the user instead of ignoring it. */
int nb_journal_find(const char *path, nb_journal_info *info, nb_error *err);

/* Loads the journalled report and cursor. 0, or -1 with err; a damaged journal gives a message
 * that names it and says it was kept. */
int nb_journal_load(const char *path, nb_report **report, int *section, size_t *offset,
		    nb_error *err);
/* The same for a journal file found with nb_journal_list. */
int nb_journal_load_file(const char *journal_path, nb_report **report, int *section,
			 size_t *offset, nb_error *err);

/* Deletes the journal of `path` (after a successful save, or when the user says delete).
 * A missing journal is not an error. */
int nb_journal_discard(const char *path, nb_error *err);

/* Every journal in the directory, newest first (for unnamed reports and a recovery list).
 * Returns the array (free each with nb_journal_info_free, then the array) and *n. */
nb_journal_info *nb_journal_list(size_t *n, nb_error *err);

#endif
