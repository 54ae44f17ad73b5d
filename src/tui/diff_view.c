/* diff_view.c — show-diff: what changed between another version of the report (by default the
 * one saved on disk) and what is open now, as `nianbao diff OLD NEW` prints it, in the help
 * screen's scrollable viewer. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "nianbao/diff.h"
#include "ui.h"

static bool exists(const char *p)
{
	struct stat st;
	return p && stat(p, &st) == 0;
}

void nb_act_show_diff(nb_ui *ui)
{
	const char *def = exists(ui->path) ? ui->path : exists(ui->draft_path) ? ui->draft_path : "";
	char *path = nb_prompt_text(ui, _(M_DIFF_PROMPT), def);
	if (!path || !*path) {
		free(path);
		nb_ui_message(ui, "%s", _(M_CANCELLED));
		return;
	}
	nb_error err = { { 0 } };
	nb_report *old = nb_load_report(path, ui->tpl, NULL, NULL, &err);
	if (!old) {
		nb_ui_error(ui, _(M_DIFF_FAILED), err.msg);
		free(path);
		return;
	}
	/* Both sides checked the same way (the import notes of this session are not findings of
	 * the text), so only real changes show as findings that appeared or went away. */
	nb_ui_sync_report(ui);
	nb_findings old_f = { 0 }, new_f = { 0 };
	nb_check_report(old, ui->tpl, &ui->check_opts, &old_f);
	nb_check_report(ui->rep, ui->tpl, &ui->check_opts, &new_f);
	nb_diff *d = nb_diff_reports(old, &old_f, ui->rep, &new_f);
	const char *now_name = ui->path ? ui->path : ui->draft_path ? ui->draft_path
						  : _(M_DIFF_OPEN_REPORT);
	char *text = nb_diff_format_text(d, &old_f, &new_f, path, now_name);
	char *title = nb_xasprintf(_(M_DIFF_TITLE), path);
	nb_pager_show(ui, title, text);
	free(title);
	free(text);
	nb_diff_free(d);
	nb_findings_free(&old_f);
	nb_findings_free(&new_f);
	nb_report_free(old);
	free(path);
}
