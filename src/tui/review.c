/* review.c — review mode (-R, `nianbao review FILE`) and the reviewer's decisions on findings.
 *
 * In review mode the draft's text is never changed by typing or editing keys, but the review
 * itself — decisions on findings and 批注 — is the reviewer's work and is saved into the YAML.
 * A text draft is never overwritten: its first save asks for a .yaml name. A YAML file that
 * someone is editing right now (their lock) or that changed on disk since it was opened is not
 * overwritten either: the review goes to a file of its own, so nobody's work is lost. */
#include "config.h"
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "nianbao/lock.h"
#include "nianbao/safewrite.h"
#include "nianbao/yamlio.h"
#include "ui.h"

/* ---- the file on disk ---- */

static nb_file_id file_id_of(const char *path)
{
	nb_file_id id;
	memset(&id, 0, sizeof id);
	struct stat st;
	if (!path || stat(path, &st) != 0)
		return id;
	id.known = true;
	id.dev = (unsigned long long)st.st_dev;
	id.ino = (unsigned long long)st.st_ino;
	id.size = (unsigned long long)st.st_size;
	id.mtime_sec = (long long)st.st_mtim.tv_sec;
	id.mtime_nsec = (long long)st.st_mtim.tv_nsec;
	return id;
}

static bool file_id_equal(const nb_file_id *a, const nb_file_id *b)
{
	return a->known == b->known && a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	       a->mtime_sec == b->mtime_sec && a->mtime_nsec == b->mtime_nsec;
}

void nb_review_note_disk(nb_ui *ui)
{
	ui->disk = file_id_of(ui->path);
}

/* Review mode takes no lock, but says who is editing the file right now, if anyone. */
static void mention_editor(nb_ui *ui)
{
	nb_lock_info info;
	memset(&info, 0, sizeof info);
	nb_error err = { { 0 } };
	if (!ui->path || nb_lock_read(ui->path, &info, &err) != 1 || !info.readable)
		return;
	if (info.same_host && info.pid > 0 && kill((pid_t)info.pid, 0) != 0 && errno == ESRCH)
		return;   /* a finished session's lock */
	char who[512];
	nb_ui_error(ui, _(M_LOCK_HELD), nb_lock_describe(&info, who, sizeof who));
}

void nb_review_prepare(nb_ui *ui)
{
	if (ui->review_ready)
		return;
	ui->review_ready = true;
	ui->ccur = -1;
	ui->cspans_entry = NB_ENTRY_FORM - 1;   /* no cached spans yet */
	nb_review_note_disk(ui);
	if (ui->opts.read_only)
		mention_editor(ui);
}

void nb_review_changed(nb_ui *ui)
{
	ui->review_modified = true;
	ui->comments_stamp++;
	nb_findings_rebuild(ui);
}

const char *nb_decision_glyph(const nb_ui *ui, nb_decision_kind d)
{
	switch (d) {
	case NB_DECISION_ACCEPTED: return ui->ascii ? "+" : "✓";
	case NB_DECISION_DISMISSED: return ui->ascii ? "x" : "✗";
	default: return " ";
	}
}

/* ---- saving the review ---- */

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* NAME.yaml for a draft, NAME-review.yaml beside a YAML we must not overwrite. */
static char *review_default_name(const nb_ui *ui, bool beside)
{
	const char *base = ui->path ? ui->path : ui->draft_path;
	if (!base)
		return nb_xstrdup("nianbao-review.yaml");
	static const char *const exts[] = { ".yaml", ".yml", ".txt", ".md", ".TXT" };
	size_t n = strlen(base);
	for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
		if (ends_with(base, exts[i]) && n > strlen(exts[i])) {
			n -= strlen(exts[i]);
			break;
		}
	return nb_xasprintf("%.*s%s.yaml", (int)n, base, beside ? "-review" : "");
}

/* May the review be written into `path`? False (with the reason on the message line) when
 * someone holds its lock or it changed on disk since we read it. *we_locked: we took the lock
 * for the write and must release it. */
static bool may_write(nb_ui *ui, const char *path, bool *we_locked)
{
	*we_locked = false;
	if (ui->locked_path && nb_same_file(ui->locked_path, path))
		return true;   /* ours already (editing mode) */
	struct stat st;
	if (stat(path, &st) != 0)
		return true;   /* a new file */
	nb_lock_info holder;
	memset(&holder, 0, sizeof holder);
	nb_error err = { { 0 } };
	char who[512];
	switch (nb_lock_acquire(path, &holder, &err)) {
	case NB_LOCK_ACQUIRED:
	case NB_LOCK_TAKEN_OVER:
		*we_locked = true;
		break;
	case NB_LOCK_HELD:
		nb_ui_error(ui, _(M_REVIEW_LOCKED), nb_lock_describe(&holder, who, sizeof who));
		return false;
	default:
		break;   /* a directory we cannot lock in: the atomic write still protects the file */
	}
	if (ui->path && nb_same_file(path, ui->path) && ui->disk.known) {
		nb_file_id now = file_id_of(path);
		if (!file_id_equal(&now, &ui->disk)) {
			nb_ui_error(ui, _(M_REVIEW_CHANGED), path);
			if (*we_locked)
				nb_lock_release(path);
			*we_locked = false;
			return false;
		}
	}
	return true;
}

bool nb_review_save(nb_ui *ui)
{
	char *target = ui->path ? nb_xstrdup(ui->path) : NULL;
	bool we_locked = false;
	if (target && !may_write(ui, target, &we_locked)) {
		char *other = nb_files_ask_yaml_path(ui, review_default_name(ui, true), target);
		free(target);
		target = other;
		if (target && !may_write(ui, target, &we_locked)) {
			free(target);
			target = NULL;
			return false;
		}
	} else if (!target) {
		target = nb_files_ask_yaml_path(ui, review_default_name(ui, false), NULL);
		if (target && !may_write(ui, target, &we_locked)) {
			free(target);
			return false;
		}
	}
	if (!target) {
		nb_ui_message(ui, "%s", _(M_CANCELLED));
		return false;
	}
	nb_ui_sync_report(ui);
	size_t len;
	char *yaml = nb_yaml_save(ui->rep, &len);
	nb_error err = { { 0 } };
	int rc = nb_write_atomic(target, yaml, len, 0644, &err);
	free(yaml);
	if (we_locked)
		nb_lock_release(target);
	if (rc != 0) {
		nb_ui_error(ui, _(M_SAVE_FAILED), err.msg);
		free(target);
		return false;
	}
	/* Later saves go to the same file. The journal and lock of the draft's author are theirs:
	 * a review save leaves them alone. */
	free(ui->path);
	ui->path = target;
	nb_ui_mark_saved(ui);
	ui->review_modified = false;
	nb_review_note_disk(ui);
	nb_ui_message(ui, _(M_REVIEW_SAVED), ui->rep->ncomments, ui->rep->ndecisions, ui->path);
	return true;
}

/* ---- save, quit and refusals ---- */

static bool is_editing_action(int id)
{
	switch (id) {
	case NB_ACT_undo: case NB_ACT_redo: case NB_ACT_cut: case NB_ACT_paste:
	case NB_ACT_replace: case NB_ACT_fix: case NB_ACT_backspace: case NB_ACT_delete:
	case NB_ACT_delete_word_left: case NB_ACT_newline:
		return true;
	default:
		return false;
	}
}

static void review_quit(nb_ui *ui)
{
	if (!ui->review_modified && !nb_ui_modified(ui)) {
		ui->quit = true;
		return;
	}
	int a = nb_prompt_choice(ui, _(M_REVIEW_ASK_QUIT), false);
	if (a == 'n')
		ui->quit = true;
	else if (a == 'y' && (ui->opts.read_only ? nb_review_save(ui) : nb_files_save(ui)))
		ui->quit = true;
	else if (a == 0)
		nb_ui_message(ui, "%s", _(M_CANCELLED));
}

bool nb_review_action(nb_ui *ui, int id)
{
	nb_review_prepare(ui);
	if (!ui->opts.read_only) {
		/* Editing mode: the usual save and quit, which also keep the review data; quit must
		 * still ask when only 批注 or decisions changed. */
		if (id == NB_ACT_save) {
			if (nb_files_save(ui)) {
				ui->review_modified = false;
				nb_review_note_disk(ui);
			}
			return true;
		}
		if (id == NB_ACT_quit && ui->review_modified && !nb_ui_modified(ui)) {
			review_quit(ui);
			return true;
		}
		return false;
	}
	if (id == NB_ACT_save) {
		(void)nb_review_save(ui);
		return true;
	}
	if (id == NB_ACT_quit) {
		review_quit(ui);
		return true;
	}
	if (is_editing_action(id)) {
		nb_ui_error(ui, "%s", _(M_REVIEW_REFUSED));
		return true;
	}
	return false;
}

/* ---- decisions on findings ---- */

/* The finding a decision is about: the current one in the list, else one whose span holds the
 * cursor. Index into ui->findings.v, or -1. */
static long finding_to_decide(nb_ui *ui)
{
	if (!ui->comment_focus && ui->fcur >= 0 && (size_t)ui->fcur < ui->nforder)
		return (long)ui->forder[ui->fcur];
	nb_doc *d = nb_ui_doc(ui);
	if (d) {
		size_t c = nb_buffer_cursor(d->buf);
		for (size_t i = 0; i < ui->nforder; i++) {
			const nb_finding *f = &ui->findings.v[ui->forder[i]];
			bool mine = nb_ui_finding_in_view(ui, f);
			if (mine && f->len && c >= f->off && c < f->off + f->len) {
				ui->fcur = (long)i;
				ui->comment_focus = false;
				return (long)ui->forder[i];
			}
		}
	}
	return -1;
}

static void decide(nb_ui *ui, nb_decision_kind kind)
{
	nb_review_prepare(ui);
	nb_ui_refresh_checks(ui);
	long idx = finding_to_decide(ui);
	if (idx < 0) {
		char k[32];
		nb_ui_action_key(ui, "next-finding", k, sizeof k);
		nb_ui_message(ui, _(M_PICK_FINDING), k);
		return;
	}
	const nb_finding *f = &ui->findings.v[idx];
	const nb_decision *was = nb_review_decision_of(ui->rep, f);
	char *msg = nb_xstrdup(f->message ? f->message : f->rule);
	if (f->decision == kind) {
		char *q = nb_xasprintf(_(M_UNDECIDE_ASK),
				       _(kind == NB_DECISION_ACCEPTED ? M_WORD_ACCEPTED : M_WORD_DISMISSED));
		int a = nb_prompt_choice(ui, q, false);
		free(q);
		if (a == 'y') {
			nb_review_decide(ui->rep, &ui->findings, (size_t)idx, NB_DECISION_NONE, NULL,
					 NULL, NULL);
			nb_review_changed(ui);
			nb_ui_message(ui, "%s", _(M_UNDECIDED));
		} else {
			nb_ui_message(ui, "%s", _(M_CANCELLED));
		}
		free(msg);
		return;
	}
	nb_ui_message(ui, "%s", msg);
	char *reason = nb_prompt_text(ui, _(kind == NB_DECISION_ACCEPTED ? M_REASON_ACCEPT
									 : M_REASON_DISMISS),
				      was && was->reason ? was->reason : "");
	if (!reason) {
		nb_ui_message(ui, "%s", _(M_CANCELLED));
		free(msg);
		return;
	}
	char *author = nb_review_author();
	char *now = nb_review_now();
	nb_review_decide(ui->rep, &ui->findings, (size_t)idx, kind, reason, author, now);
	free(author);
	free(now);
	free(reason);
	nb_review_changed(ui);
	nb_ui_message(ui, _(kind == NB_DECISION_ACCEPTED ? M_DECIDED_ACCEPT : M_DECIDED_DISMISS), msg);
	free(msg);
}

void nb_act_accept_finding(nb_ui *ui) { decide(ui, NB_DECISION_ACCEPTED); }
void nb_act_dismiss_finding(nb_ui *ui) { decide(ui, NB_DECISION_DISMISSED); }
