/* safety.c — never lose a word: the lock file (who else is editing), the journal of unsaved
 * edits (written a couple of seconds after each change, offered back on the next start), and
 * the emergency copies an earlier session left behind. The mechanisms live in the core
 * (lock.h, journal.h, emergency.h); this file decides when the editor uses them. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "nianbao/lock.h"
#include "nianbao/journal.h"
#include "nianbao/emergency.h"
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
	unsigned long s = ui->meta_changes + nb_buffer_version(ui->intro.buf);
	for (size_t i = 0; i < ui->rep->nsections; i++)
		s += nb_buffer_version(ui->docs[i].buf);
	return s;
}

static bool file_exists(const char *p)
{
	struct stat st;
	return p && stat(p, &st) == 0;
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

/* Replaces the report being edited by the one recovered from the journal. */
static void adopt_report(nb_ui *ui, nb_report *r, int section, size_t offset)
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
			adopt_report(ui, r, section, offset);
			nb_ui_message(ui, "%s", _(M_JOURNAL_RECOVERED));
		} else {
			nb_ui_error(ui, "%s", err.msg);
		}
	}
	nb_journal_info_free(&info);
}

void nb_safety_start(nb_ui *ui)
{
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
		if (now >= ui->journal_due && nb_ui_modified(ui)) {
			nb_ui_sync_report(ui);
			nb_doc *d = nb_ui_doc(ui);
			nb_error err = { { 0 } };
			if (nb_journal_write(key_path(ui), ui->rep, ui->cur >= 0 ? ui->cur : -1,
					     d ? nb_buffer_cursor(d->buf) : 0, &err) != 0 && !ui->journal_warned) {
				nb_ui_error(ui, _(M_JOURNAL_FAILED), err.msg);
				ui->journal_warned = true;
			}
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
	ui->journal_stamp = change_stamp(ui);
	if (!ui->locked_path && ui->path) {
		nb_lock_info holder;
		if (nb_lock_acquire(ui->path, &holder, &err) != NB_LOCK_HELD)
			ui->locked_path = nb_xstrdup(ui->path);
	}
}

void nb_safety_finish(nb_ui *ui, bool clean)
{
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
