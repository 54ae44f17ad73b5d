/* nav.c — moving between the header form, the opening paragraph and the sections: next and
 * previous (with the one-time reminder of missing mandatory items), the picker, the form. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ui.h"

/* Before leaving a section with mandatory items still missing, say so once. True = go on. */
static bool may_leave(nb_ui *ui)
{
	nb_doc *d = nb_ui_doc(ui);
	if (ui->cur < 0 || !d || d->warned_missing || ui->opts.read_only)
		return true;
	nb_ui_refresh_checks(ui);
	nb_sb sb = { 0 };
	for (size_t i = 0; i < ui->nchecklist; i++) {
		if (ui->checklist[i].covered)
			continue;
		const nb_item *it = ui->checklist[i].item;
		if (sb.len)
			nb_sb_adds(&sb, _(M_ITEM_SEP));
		nb_sb_adds(&sb, it->label ? it->label : it->id);
	}
	if (sb.len == 0)
		return true;
	d->warned_missing = true;
	char *q = nb_xasprintf(_(M_LEAVE_MISSING), nb_sb_cstr(&sb));
	nb_sb_free(&sb);
	int a = nb_prompt_choice(ui, q, false);
	free(q);
	return a == 'y';
}

void nb_act_next_section(nb_ui *ui)
{
	int next;
	if (ui->cur == NB_ENTRY_FORM)
		next = ui->rep->nsections ? 0 : NB_ENTRY_INTRO;
	else if (ui->cur == NB_ENTRY_INTRO)
		next = ui->rep->nsections ? 0 : NB_ENTRY_INTRO;
	else
		next = ui->cur + 1;
	if (next >= (int)ui->rep->nsections || next == ui->cur) {
		char s[32], e[32];
		nb_ui_action_key(ui, "save", s, sizeof s);
		nb_ui_action_key(ui, "export", e, sizeof e);
		nb_ui_message(ui, _(M_LAST_SECTION), s, e);
		return;
	}
	if (!may_leave(ui))
		return;
	nb_ui_enter(ui, next);
}

void nb_act_prev_section(nb_ui *ui)
{
	if (ui->cur == NB_ENTRY_FORM) {
		nb_ui_message(ui, "%s", _(M_FIRST_ENTRY));
		return;
	}
	nb_ui_enter(ui, ui->cur == 0 ? NB_ENTRY_INTRO : ui->cur == NB_ENTRY_INTRO ? NB_ENTRY_FORM
										     : ui->cur - 1);
}

void nb_act_goto_section(nb_ui *ui)
{
	int e = nb_prompt_section(ui);
	if (e != NB_PICK_CANCELLED && e != ui->cur)
		nb_ui_enter(ui, e);
}

void nb_act_header_form(nb_ui *ui)
{
	if (ui->cur != NB_ENTRY_FORM)
		nb_ui_enter(ui, NB_ENTRY_FORM);
}
