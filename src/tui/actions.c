/* actions.c — the action registry: each action once, with its stable name (the keymap files use
 * it), its handler, and the ids of its short name and help in the message catalogue. */
#include "config.h"
#include "ui.h"

const nb_action nb_actions[NB_ACT__COUNT] = {
#define X(c, name) [NB_ACT_##c] = { name, nb_act_##c, M_ACT_SHORT_##c, M_ACT_HELP_##c },
#include "actions.def"
#undef X
};

const char *const nb_action_names[NB_ACT__COUNT] = {
#define X(c, name) [NB_ACT_##c] = name,
#include "actions.def"
#undef X
};

const char *nb_action_short(int id)
{
	if (id < 0 || id >= NB_ACT__COUNT)
		return "";
	return _(nb_actions[id].short_name);
}

const char *nb_action_help(int id)
{
	if (id < 0 || id >= NB_ACT__COUNT)
		return "";
	return _(nb_actions[id].help);
}

void nb_action_run(nb_ui *ui, int id)
{
	if (id < 0 || id >= NB_ACT__COUNT)
		return;
	/* Any deliberate action ends a typing run: the next characters start a new undo group.
	 * Enter is part of typing: the paragraph break ends the group it belongs to. */
	nb_doc *d = nb_ui_doc(ui);
	if (d && id != NB_ACT_backspace && id != NB_ACT_delete && id != NB_ACT_newline)
		nb_buffer_break_group(d->buf);
	if (ui->cur == NB_ENTRY_FORM && nb_form_action(ui, id))
		return;
	if (nb_review_action(ui, id))   /* review mode: save the review, refuse edits */
		return;
	nb_actions[id].fn(ui);
}
