/* files.c — save (YAML, atomic), export (finished text), quit, and the emergency copy written
 * when the terminal hangs up or the editor is told to stop.
 *
 * A text draft is never overwritten with YAML: its first save asks for a .yaml name. Export
 * never writes over the draft either. */
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

static bool same_file(const char *a, const char *b)
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

/* Asks for the YAML file name; NULL when cancelled. */
static char *ask_yaml_path(nb_ui *ui)
{
	char *def = default_yaml_name(ui);
	for (;;) {
		char *p = nb_prompt_text(ui, _(M_ASK_YAML_NAME), def);
		if (!p || !*p) {
			free(p);
			free(def);
			return NULL;
		}
		if (ui->draft_path && (same_file(p, ui->draft_path) || strcmp(p, ui->draft_path) == 0)) {
			nb_ui_error(ui, _(M_NOT_OVER_DRAFT), ui->draft_path);
			free(p);
			continue;
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

bool nb_files_save(nb_ui *ui)
{
	if (ui->opts.read_only) {
		nb_ui_error(ui, "%s", _(M_READ_ONLY_MSG));
		return false;
	}
	const char *old_key = ui->path ? ui->path : ui->draft_path;
	if (!ui->path) {
		char *p = ask_yaml_path(ui);
		if (!p) {
			nb_ui_message(ui, "%s", _(M_CANCELLED));
			return false;
		}
		ui->path = p;
	}
	nb_ui_sync_report(ui);
	size_t len;
	char *yaml = nb_yaml_save(ui->rep, &len);
	nb_error err = { { 0 } };
	int rc = nb_write_atomic(ui->path, yaml, len, 0644, &err);
	free(yaml);
	if (rc != 0) {
		nb_ui_error(ui, _(M_SAVE_FAILED), err.msg);
		return false;
	}
	nb_ui_mark_saved(ui);
	nb_safety_saved(ui, old_key);
	nb_ui_message(ui, _(M_SAVED), ui->path);
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
		if (same_file(p, ui->draft_path) || same_file(p, ui->path)) {
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
