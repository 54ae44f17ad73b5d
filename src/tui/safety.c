/* safety.c — never lose a word: the lock file (who else is editing), the journal of unsaved
 * edits (written a couple of seconds after each change, offered back on the next start), the
 * emergency copies an earlier session left behind, and the last resort when nianbao itself
 * crashes. The mechanisms live in the core (lock.h, journal.h, emergency.h); this file decides
 * when the editor uses them. */
#include "config.h"
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "nianbao/lock.h"
#include "nianbao/journal.h"
#include "nianbao/emergency.h"
#include "nianbao/yamlio.h"
#include "ui.h"

/* Seconds of quiet after a change before the journal is written. */
#define JOURNAL_DELAY_SEC 2

/* The name the journal and the lock are keyed by: the report file, else the draft, else none. */
static const char *key_path(const nb_ui *ui)
{
	return ui->path ? ui->path : ui->draft_path;
}

static unsigned long change_stamp(const nb_ui *ui)
{
	/* 批注 and decisions count too: they are unsaved work like typed text. */
	unsigned long s = ui->meta_changes + (unsigned long)ui->comments_stamp +
			  nb_buffer_version(ui->intro.buf);
	for (size_t i = 0; i < ui->rep->nsections; i++)
		s += nb_buffer_version(ui->docs[i].buf);
	return s;
}

static bool file_exists(const char *p)
{
	struct stat st;
	return p && stat(p, &st) == 0;
}

/* ---- the last resort: SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL ----
 * After a crash nothing can be serialised, so the handler writes the YAML text last written to
 * the journal (kept here) with async-signal-safe calls only, then dies of the same signal. The
 * snapshot is published through one pointer so the handler sees either the old or the new one
 * whole. Typing after the last journal write is lost, as with kill -9. */
typedef struct crash_snapshot {
	char *bytes;
	size_t len;
} crash_snapshot;

static crash_snapshot *volatile crash_snap;
static nb_emergency_plan crash_plan;
/* Its own stack: a stack overflow must still be able to run the handler. */
static char crash_stack[64 * 1024];

static void write_str(int fd, const char *s)
{
	size_t n = strlen(s);
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

static void on_crash(int sig)
{
	crash_snapshot *snap = crash_snap;
	/* Bracketed paste off, leave the alternate screen, show the cursor: a usable shell. */
	write_str(STDOUT_FILENO, "\033[?2004l\033[?1049l\033[?25h\r\n");
	if (snap && snap->len > 0) {
		/* _() only indexes a constant table: safe here. */
		if (nb_emergency_write_raw(&crash_plan, snap->bytes, snap->len) == 0) {
			write_str(STDERR_FILENO, _(M_CRASH_SAVED));
			write_str(STDERR_FILENO, crash_plan.written);
		} else {
			write_str(STDERR_FILENO, _(M_CRASH_NOT_SAVED));
		}
		write_str(STDERR_FILENO, "\r\n");
	}
	raise(sig);   /* SA_RESETHAND made it fatal again: die of it once this handler returns */
}

static void install_crash_handler(void)
{
	static bool installed;
	if (installed)
		return;
	installed = true;
	stack_t ss;
	memset(&ss, 0, sizeof ss);
	ss.ss_sp = crash_stack;
	ss.ss_size = sizeof crash_stack;
	sigaltstack(&ss, NULL);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_crash;
	sa.sa_flags = SA_RESETHAND | SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	static const int fatal[] = { SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL };
	for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++)
		sigaddset(&sa.sa_mask, fatal[i]);   /* one fatal signal at a time */
	for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++)
		sigaction(fatal[i], &sa, NULL);
}

/* Takes ownership of yaml (NULL: nothing unsaved to rescue). */
static void set_crash_snapshot(char *yaml, size_t len)
{
	crash_snapshot *fresh = NULL;
	if (yaml) {
		fresh = nb_xmalloc(sizeof *fresh);
		fresh->bytes = yaml;
		fresh->len = len;
	}
	crash_snapshot *old = crash_snap;
	crash_snap = fresh;
	if (old) {
		free(old->bytes);
		free(old);
	}
}

/* Writes the journal now and keeps its text as the crash snapshot. Returns 0 or -1 (err set). */
static int write_journal(nb_ui *ui, nb_error *err)
{
	nb_ui_sync_report(ui);
	nb_doc *d = nb_ui_doc(ui);
	size_t len = 0;
	char *yaml = nb_yaml_save(ui->rep, &len);
	int rc = nb_journal_write_yaml(key_path(ui), yaml, len, ui->cur >= 0 ? ui->cur : -1,
				       d ? nb_buffer_cursor(d->buf) : 0, err);
	set_crash_snapshot(yaml, len);
	return rc;
}

static void take_lock(nb_ui *ui)
{
	const char *p = key_path(ui);
	if (!p || !file_exists(p) || ui->opts.read_only)
		return;
	nb_lock_info holder;
	memset(&holder, 0, sizeof holder);
	nb_error err = { { 0 } };
	char who[512];
	switch (nb_lock_acquire(p, &holder, &err)) {
	case NB_LOCK_ACQUIRED:
		ui->locked_path = nb_xstrdup(p);
		break;
	case NB_LOCK_TAKEN_OVER:
		ui->locked_path = nb_xstrdup(p);
		nb_ui_message(ui, _(M_LOCK_TAKEN_OVER), nb_lock_describe(&holder, who, sizeof who));
		break;
	case NB_LOCK_HELD:
		/* Someone else is editing: look, don't touch. */
		ui->opts.read_only = true;
		nb_ui_error(ui, _(M_LOCK_HELD), nb_lock_describe(&holder, who, sizeof who));
		break;
	default:
		nb_ui_message(ui, _(M_LOCK_FAILED), err.msg);
		break;
	}
}

static void mention_emergency_copies(nb_ui *ui)
{
	size_t n = 0;
	char **list = nb_emergency_list(key_path(ui), &n);
	if (list && n > 0 && !ui->message[0])
		nb_ui_message(ui, _(M_EMERGENCY_FOUND), list[0], n);
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

/* Replaces the report being edited by one recovered from the journal or reloaded from disk. */
void nb_safety_adopt_report(nb_ui *ui, nb_report *r, int section, size_t offset)
{
	nb_ui_docs_free(ui);
	if (!r->source_path && ui->rep->source_path)
		r->source_path = nb_xstrdup(ui->rep->source_path);
	nb_report_free(ui->rep);
	ui->rep = r;
	nb_ui_docs_init(ui);
	ui->form_modified = true;   /* the recovered text is not on disk yet */
	ui->titled_year = nb_report_year(r);
	free(ui->titled_unit);
	ui->titled_unit = nb_xstrdup(nb_report_meta(r, NB_META_UNIT));
	ui->cur = section >= 0 && (size_t)section < r->nsections ? section : NB_ENTRY_FORM;
	nb_doc *d = nb_ui_doc(ui);
	if (d)
		nb_buffer_set_cursor(d->buf, offset);
	nb_ui_refresh_all(ui);
}

static void offer_journal(nb_ui *ui)
{
	nb_journal_info info;
	memset(&info, 0, sizeof info);
	nb_error err = { { 0 } };
	if (nb_journal_find(key_path(ui), &info, &err) != 1)
		return;
	if (info.damaged) {
		nb_ui_error(ui, _(M_JOURNAL_DAMAGED), info.journal_path);
		nb_journal_info_free(&info);
		return;
	}
	char when[64];
	struct tm tm;
	localtime_r(&info.saved, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	char *q = nb_xasprintf(_(M_JOURNAL_ASK), when);
	nb_ui_enter(ui, ui->cur);
	int a = nb_prompt_choice(ui, q, false);
	free(q);
	if (a == 'y') {
		nb_report *r = NULL;
		int section = -1;
		size_t offset = 0;
		if (nb_journal_load_file(info.journal_path, &r, &section, &offset, &err) == 0 && r) {
			nb_safety_adopt_report(ui, r, section, offset);
			nb_ui_message(ui, "%s", _(M_JOURNAL_RECOVERED));
		} else {
			nb_ui_error(ui, "%s", err.msg);
		}
	}
	nb_journal_info_free(&info);
}

void nb_safety_start(nb_ui *ui)
{
	nb_emergency_prepare(&crash_plan, key_path(ui));
	install_crash_handler();
	nb_files_remember_disk(ui);
	take_lock(ui);
	if (!ui->opts.read_only)
		offer_journal(ui);
	mention_emergency_copies(ui);
	ui->journal_stamp = change_stamp(ui);
	ui->journal_due = 0;
}

int nb_safety_tick(nb_ui *ui)
{
	if (ui->opts.read_only)
		return -1;
	unsigned long s = change_stamp(ui);
	time_t now = time(NULL);
	if (s != ui->journal_stamp) {
		/* Changed since the last journal: write once things have been quiet for a moment. */
		if (ui->journal_seen != s) {
			ui->journal_seen = s;
			ui->journal_due = now + JOURNAL_DELAY_SEC;
		}
		if (now >= ui->journal_due && (nb_ui_modified(ui) || ui->review_modified)) {
			nb_error err = { { 0 } };
			if (write_journal(ui, &err) != 0 && !ui->journal_warned) {
				nb_ui_error(ui, _(M_JOURNAL_FAILED), err.msg);
				ui->journal_warned = true;
			}
			ui->journal_stamp = s;
		} else if (now >= ui->journal_due) {
			/* Undone back to what is on disk: the journal would offer edits the user took back. */
			nb_error err = { { 0 } };
			(void)nb_journal_discard(key_path(ui), &err);
			set_crash_snapshot(NULL, 0);
			ui->journal_stamp = s;
		}
		return 1000;
	}
	return -1;
}

void nb_safety_saved(nb_ui *ui, const char *old_key)
{
	nb_error err = { { 0 } };
	if (old_key != key_path(ui))
		(void)nb_journal_discard(old_key, &err);   /* the draft's or the unnamed journal */
	(void)nb_journal_discard(key_path(ui), &err);
	set_crash_snapshot(NULL, 0);
	nb_emergency_prepare(&crash_plan, key_path(ui));
	ui->journal_stamp = change_stamp(ui);
	if (!ui->locked_path && ui->path) {
		nb_lock_info holder;
		if (nb_lock_acquire(ui->path, &holder, &err) != NB_LOCK_HELD)
			ui->locked_path = nb_xstrdup(ui->path);
	}
}

void nb_safety_finish(nb_ui *ui, bool clean)
{
	if (!clean && !ui->opts.read_only && nb_ui_modified(ui)) {
		/* Hung up or told to stop: the journal gets the very last words too, so the next
		 * start offers them rather than an older journal beside a newer emergency copy. */
		nb_error err = { { 0 } };
		(void)write_journal(ui, &err);
	}
	set_crash_snapshot(NULL, 0);
	if (clean) {
		/* Saved, or the user said not to keep the changes: the journal has served. */
		nb_error err = { { 0 } };
		if (!ui->opts.read_only)
			(void)nb_journal_discard(key_path(ui), &err);
	}
	if (ui->locked_path) {
		nb_lock_release(ui->locked_path);
		free(ui->locked_path);
		ui->locked_path = NULL;
	}
}
