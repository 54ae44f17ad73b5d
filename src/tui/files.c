/* files.c — save (YAML, atomic), export (finished text), quit, and the emergency copy written
 * when the terminal hangs up or the editor is told to stop.
 *
 * A text draft is never overwritten with YAML: its first save asks for a .yaml name. Export
 * never writes over the draft either. A save never silently writes over a file that another
 * program changed since nianbao opened or last saved it: it asks (overwrite, reload, cancel) and
 * says which parts differ. With --backup the previous version is kept as NAME~. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "nianbao/yamlio.h"
#include "nianbao/textio.h"
#include "nianbao/safewrite.h"
#include "nianbao/emergency.h"
#include "nianbao/diff.h"
#include "ui.h"

/* Width of the exported text: 版心 28 characters = 56 cells (GB/T 9704). */
#define EXPORT_WIDTH 56

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The path without its extension (.yaml .yml .txt .md). */
static char *stem(const char *path)
{
	static const char *const exts[] = { ".yaml", ".yml", ".txt", ".md", ".TXT" };
	for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++)
		if (ends_with(path, exts[i]) && strlen(path) > strlen(exts[i]))
			return nb_xstrndup(path, strlen(path) - strlen(exts[i]));
	return nb_xstrdup(path);
}

bool nb_same_file(const char *a, const char *b)
{
	if (!a || !b)
		return false;
	if (strcmp(a, b) == 0)
		return true;
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static bool exists(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0;
}

static char *default_yaml_name(nb_ui *ui)
{
	if (ui->draft_path) {
		char *s = stem(ui->draft_path);
		char *p = nb_xasprintf("%s.yaml", s);
		free(s);
		return p;
	}
	int year = nb_report_year(ui->rep);
	return year > 0 ? nb_xasprintf("nianbao-%d.yaml", year) : nb_xstrdup("nianbao.yaml");
}

char *nb_files_ask_yaml_path(nb_ui *ui, char *def, const char *avoid)
{
	for (;;) {
		char *p = nb_prompt_text(ui, _(M_ASK_YAML_NAME), def);
		if (!p || !*p) {
			free(p);
			free(def);
			return NULL;
		}
		if (ui->draft_path && nb_same_file(p, ui->draft_path)) {
			nb_ui_error(ui, _(M_NOT_OVER_DRAFT), ui->draft_path);
			free(p);
			continue;
		}
		if (avoid && nb_same_file(p, avoid)) {
			free(p);
			continue;   /* the message saying why is still on the line */
		}
		if (exists(p)) {
			char *q = nb_xasprintf(_(M_ASK_OVERWRITE), p);
			int a = nb_prompt_choice(ui, q, false);
			free(q);
			if (a != 'y') {
				free(def);
				def = p;
				continue;
			}
		}
		free(def);
		return p;
	}
}

/* ---- has the file changed on disk? ----
 * The file's identity when it was opened, reloaded or saved: device, inode, size and
 * modification time. A save replaces the file (new inode), so it notes the identity again. */
typedef struct disk_state {
	bool known;        /* a path was noted */
	bool exists;       /* the file existed then */
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
} disk_state;

/* One editor per process: where its file stood. */
static disk_state disk_seen;

static bool disk_stat(const char *path, disk_state *d)
{
	struct stat st;
	memset(d, 0, sizeof *d);
	d->known = true;
	if (stat(path, &st) != 0)
		return false;
	d->exists = true;
	d->dev = st.st_dev;
	d->ino = st.st_ino;
	d->size = st.st_size;
	d->mtime = st.st_mtim;
	return true;
}

void nb_files_remember_disk(nb_ui *ui)
{
	if (ui->path)
		disk_stat(ui->path, &disk_seen);
	else
		memset(&disk_seen, 0, sizeof disk_seen);
}

/* True when the file is not what was noted: changed, replaced, or created meanwhile. A file
 * deleted meanwhile is not a conflict: the save puts it back. */
static bool disk_changed(const nb_ui *ui)
{
	if (!ui->path || !disk_seen.known)
		return false;
	disk_state now;
	if (!disk_stat(ui->path, &now))
		return false;
	return !disk_seen.exists || now.dev != disk_seen.dev || now.ino != disk_seen.ino ||
	       now.size != disk_seen.size || now.mtime.tv_sec != disk_seen.mtime.tv_sec ||
	       now.mtime.tv_nsec != disk_seen.mtime.tv_nsec;
}

/* "一" for "一、2024年度……": the heading's number is enough to find the part. */
static void add_section_label(nb_sb *sb, const char *heading)
{
	if (!heading || !*heading) {
		nb_sb_adds(sb, "?");
		return;
	}
	const char *sep = strstr(heading, "、");
	size_t n = sep && sep > heading ? (size_t)(sep - heading) : strlen(heading);
	if (n > 24) {
		/* An unnumbered heading: its first characters, cut on a character boundary. */
		n = 24;
		while (n > 0 && ((unsigned char)heading[n] & 0xC0) == 0x80)
			n--;
	}
	nb_sb_add(sb, heading, n);
}

/* Which parts the version on disk and the one being edited differ in, for the question. */
static char *describe_disk_difference(nb_ui *ui)
{
	nb_error err = { { 0 } };
	nb_report *disk = nb_load_report(ui->path, ui->tpl, NULL, NULL, &err);
	if (!disk)
		return nb_xasprintf(_(M_DISK_UNREADABLE), err.msg);
	nb_ui_sync_report(ui);
	nb_diff *d = nb_diff_reports(disk, NULL, ui->rep, NULL);
	char *out;
	if (nb_diff_same_text(d)) {
		out = nb_xstrdup(_(M_DISK_SAME_TEXT));
	} else {
		nb_sb parts = { 0 };
		if (d->nmeta > 0)
			nb_sb_adds(&parts, _(M_DISK_HEADER));
		for (size_t i = 0; i < d->nsections; i++) {
			const nb_section_diff *s = &d->sections[i];
			if (s->kind == NB_SECTION_SAME)
				continue;
			if (parts.len)
				nb_sb_adds(&parts, "、");
			if (s->intro)
				nb_sb_adds(&parts, _(M_DISK_INTRO));
			else
				add_section_label(&parts, s->new_heading ? s->new_heading : s->old_heading);
		}
		out = nb_xasprintf(_(M_DISK_DIFFERS), parts.len ? nb_sb_cstr(&parts) : "?");
		nb_sb_free(&parts);
	}
	nb_diff_free(d);
	nb_report_free(disk);
	return out;
}

/* Replaces the buffer by the version on disk. Unsaved edits go to an emergency copy first, so a
 * reload never costs a typed word. Returns true when reloaded. */
static bool reload_from_disk(nb_ui *ui)
{
	nb_error err = { { 0 } };
	nb_report *disk = nb_load_report(ui->path, ui->tpl, NULL, NULL, &err);
	if (!disk) {
		nb_ui_error(ui, _(M_RELOAD_FAILED), err.msg);
		return false;
	}
	char *kept = NULL;
	if (nb_ui_modified(ui)) {
		kept = nb_files_emergency_save(ui, &err);
		if (!kept) {
			nb_report_free(disk);
			nb_ui_error(ui, _(M_RELOAD_FAILED), err.msg);
			return false;
		}
	}
	const char *key = ui->path;
	int cur = ui->cur >= 0 && (size_t)ui->cur < disk->nsections ? ui->cur : -1;
	nb_safety_adopt_report(ui, disk, cur, 0);
	nb_ui_mark_saved(ui);
	nb_files_remember_disk(ui);
	nb_safety_saved(ui, key);   /* the buffer is the file again: no journal to keep */
	if (kept)
		nb_ui_message(ui, _(M_RELOADED_KEPT), kept);
	else
		nb_ui_message(ui, "%s", _(M_RELOADED));
	free(kept);
	return true;
}

/* Another program changed the file: overwrite it, reload it, or leave it. True to go on saving. */
static bool confirm_disk_overwrite(nb_ui *ui)
{
	char *what = describe_disk_difference(ui);
	char *q = nb_xasprintf(_(M_DISK_CHANGED), ui->path, what);
	free(what);
	int a = nb_prompt_key(ui, q, "or");
	free(q);
	if (a == 'o')
		return true;
	if (a == 'r')
		(void)reload_from_disk(ui);
	else
		nb_ui_message(ui, "%s", _(M_CANCELLED));
	return false;
}

/* --backup: the version about to be replaced, byte for byte, as NAME~ with the same
 * permissions. Returns the backup's name (malloc'd), NULL when there was nothing to back up,
 * or NULL with *failed and err set. A NAME~ that is not a plain file is refused, so a planted
 * symlink cannot send the draft elsewhere. */
static char *write_backup(const char *path, bool *failed, nb_error *err)
{
	*failed = false;
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return NULL;
	char *bak = nb_xasprintf("%s~", path);
	struct stat bst;
	if (lstat(bak, &bst) == 0 && !S_ISREG(bst.st_mode)) {
		nb_error_set(err, "%s: not a regular file; the backup is not written through it", bak);
		goto fail;
	}
	char *data = NULL;
	size_t len = 0;
	if (nb_read_file(path, NB_MAX_INPUT_BYTES, &data, &len, err) != 0)
		goto fail;
	int rc = nb_write_atomic(bak, data, len, st.st_mode & 0777, err);
	free(data);
	if (rc != 0)
		goto fail;
	chmod(bak, st.st_mode & 0777);   /* an older backup keeps its mode otherwise */
	return bak;
fail:
	free(bak);
	*failed = true;
	return NULL;
}

bool nb_files_save(nb_ui *ui)
{
	if (ui->opts.read_only) {
		nb_ui_error(ui, "%s", _(M_READ_ONLY_MSG));
		return false;
	}
	const char *old_key = ui->path ? ui->path : ui->draft_path;
	if (!ui->path) {
		char *p = nb_files_ask_yaml_path(ui, default_yaml_name(ui), NULL);
		if (!p) {
			nb_ui_message(ui, "%s", _(M_CANCELLED));
			return false;
		}
		ui->path = p;
	} else if (disk_changed(ui) && !confirm_disk_overwrite(ui)) {
		return false;
	}
	nb_error err = { { 0 } };
	char *bak = NULL;
	if (ui->opts.backup) {
		bool failed;
		bak = write_backup(ui->path, &failed, &err);
		if (failed) {
			char *q = nb_xasprintf(_(M_BACKUP_FAILED), err.msg);
			int a = nb_prompt_choice(ui, q, false);
			free(q);
			if (a != 'y') {
				nb_ui_message(ui, "%s", _(M_CANCELLED));
				return false;
			}
			err.msg[0] = '\0';
		}
	}
	nb_ui_sync_report(ui);
	size_t len;
	char *yaml = nb_yaml_save(ui->rep, &len);
	int rc = nb_write_atomic(ui->path, yaml, len, 0644, &err);
	free(yaml);
	if (rc != 0) {
		nb_ui_error(ui, _(M_SAVE_FAILED), err.msg);
		free(bak);
		return false;
	}
	nb_ui_mark_saved(ui);
	nb_files_remember_disk(ui);
	nb_safety_saved(ui, old_key);
	if (bak)
		nb_ui_message(ui, _(M_SAVED_BACKUP), ui->path, bak);
	else
		nb_ui_message(ui, _(M_SAVED), ui->path);
	free(bak);
	return true;
}

void nb_act_save(nb_ui *ui)
{
	(void)nb_files_save(ui);
}

/* NAME-export.txt beside the report: never the draft, never the YAML. */
static char *export_default(nb_ui *ui)
{
	if (ui->export_path)
		return nb_xstrdup(ui->export_path);
	const char *base = ui->path ? ui->path : ui->draft_path;
	if (base) {
		char *s = stem(base);
		char *d = nb_xasprintf("%s-export.txt", s);
		free(s);
		return d;
	}
	int year = nb_report_year(ui->rep);
	return year > 0 ? nb_xasprintf("nianbao-%d-export.txt", year) : nb_xstrdup("nianbao-export.txt");
}

void nb_act_export(nb_ui *ui)
{
	char *def = export_default(ui);
	char *p = NULL;
	for (;;) {
		p = nb_prompt_text(ui, _(M_ASK_EXPORT_NAME), def);
		free(def);
		def = NULL;
		if (!p || !*p) {
			free(p);
			nb_ui_message(ui, "%s", _(M_CANCELLED));
			return;
		}
		if (nb_same_file(p, ui->draft_path) || nb_same_file(p, ui->path)) {
			nb_ui_error(ui, _(M_NOT_EXPORT_SRC), p);
			free(p);
			def = export_default(ui);
			continue;
		}
		if (exists(p) && !(ui->export_path && strcmp(p, ui->export_path) == 0)) {
			char *q = nb_xasprintf(_(M_ASK_OVERWRITE), p);
			int a = nb_prompt_choice(ui, q, false);
			free(q);
			if (a != 'y') {
				def = p;
				continue;
			}
		}
		break;
	}
	nb_ui_sync_report(ui);
	size_t len;
	char *text = nb_text_export(ui->rep, EXPORT_WIDTH, &len);
	nb_error err = { { 0 } };
	int rc = nb_write_atomic(p, text, len, 0644, &err);
	free(text);
	if (rc != 0) {
		nb_ui_error(ui, _(M_SAVE_FAILED), err.msg);
		free(p);
		return;
	}
	free(ui->export_path);
	ui->export_path = p;
	nb_ui_message(ui, _(M_EXPORTED), p);
}

void nb_act_quit(nb_ui *ui)
{
	if (!nb_ui_modified(ui) || ui->opts.read_only) {
		ui->quit = true;
		return;
	}
	int a = nb_prompt_choice(ui, _(M_ASK_QUIT), false);
	if (a == 'n')
		ui->quit = true;
	else if (a == 'y' && nb_files_save(ui))
		ui->quit = true;
	else if (a == 0)
		nb_ui_message(ui, "%s", _(M_CANCELLED));
}

/* Emergency copy (emergency.h): NAME.save, numbered when taken, 0600, never replacing a file. */
char *nb_files_emergency_save(nb_ui *ui, nb_error *err)
{
	nb_ui_sync_report(ui);
	const char *base = ui->path ? ui->path : ui->draft_path;
	return nb_emergency_save(base, ui->rep, err);
}
