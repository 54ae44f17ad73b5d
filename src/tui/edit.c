/* edit.c — changing the text: typing, deleting, new paragraphs, undo/redo, the mark and the
 * selection, cut/copy/paste (copy also reaches the local clipboard through OSC 52). */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "nianbao/text.h"
#include "ui.h"

bool nb_edit_allowed(nb_ui *ui)
{
	if (ui->opts.read_only) {
		nb_ui_error(ui, "%s", _(M_READ_ONLY_MSG));
		return false;
	}
	return true;
}

static bool selection(nb_ui *ui, nb_doc *d, size_t *s, size_t *e)
{
	if (!d->has_mark)
		return false;
	size_t c = nb_buffer_cursor(d->buf);
	*s = d->mark < c ? d->mark : c;
	*e = d->mark < c ? c : d->mark;
	(void)ui;
	return *e > *s;
}

/* Deletes the selection if there is one; true when it did. */
static bool delete_selection(nb_ui *ui, nb_doc *d)
{
	size_t s, e;
	if (!selection(ui, d, &s, &e))
		return false;
	nb_buffer_delete(d->buf, s, e - s);
	d->has_mark = false;
	nb_ui_after_edit(ui);
	nb_ui_move_cursor(ui, s, false);
	return true;
}

void nb_edit_insert(nb_ui *ui, const char *s, size_t len)
{
	if (ui->cur == NB_ENTRY_FORM) {
		nb_form_insert(ui, s, len);
		return;
	}
	nb_doc *d = nb_ui_doc(ui);
	if (!d || !nb_edit_allowed(ui))
		return;
	bool replacing = d->has_mark;
	if (replacing) {
		nb_buffer_break_group(d->buf);
		nb_buffer_begin_group(d->buf);
		delete_selection(ui, d);
	}
	size_t c = nb_buffer_cursor(d->buf);
	nb_buffer_insert(d->buf, c, s, len);
	if (replacing)
		nb_buffer_end_group(d->buf);
	d->has_mark = false;
	nb_ui_after_edit(ui);
	nb_ui_move_cursor(ui, c + len, false);
}

void nb_edit_paste_text(nb_ui *ui, const char *s, size_t len)
{
	if (ui->cur == NB_ENTRY_FORM) {
		/* a form field holds one line: take the first */
		const char *nl = memchr(s, '\n', len);
		nb_form_insert(ui, s, nl ? (size_t)(nl - s) : len);
		return;
	}
	nb_doc *d = nb_ui_doc(ui);
	if (!d || !nb_edit_allowed(ui) || len == 0)
		return;
	nb_buffer_break_group(d->buf);
	nb_buffer_begin_group(d->buf);
	delete_selection(ui, d);
	size_t c = nb_buffer_cursor(d->buf);
	nb_buffer_insert(d->buf, c, s, len);
	nb_buffer_end_group(d->buf);
	nb_buffer_break_group(d->buf);
	nb_ui_after_edit(ui);
	nb_ui_move_cursor(ui, c + len, false);
}

void nb_act_newline(nb_ui *ui)
{
	nb_edit_insert(ui, "\n", 1);
}

void nb_act_backspace(nb_ui *ui)
{
	nb_doc *d = nb_ui_doc(ui);
	if (!d || !nb_edit_allowed(ui) || delete_selection(ui, d))
		return;
	size_t c = nb_buffer_cursor(d->buf);
	if (c == 0)
		return;
	size_t p = nb_buffer_prev_char(d->buf, c);
	nb_buffer_delete(d->buf, p, c - p);
	nb_ui_after_edit(ui);
	nb_ui_move_cursor(ui, p, false);
}

void nb_act_delete(nb_ui *ui)
{
	nb_doc *d = nb_ui_doc(ui);
	if (!d || !nb_edit_allowed(ui) || delete_selection(ui, d))
		return;
	size_t c = nb_buffer_cursor(d->buf);
	size_t n = nb_buffer_next_char(d->buf, c);
	if (n == c)
		return;
	nb_buffer_delete(d->buf, c, n - c);
	nb_ui_after_edit(ui);
	nb_ui_move_cursor(ui, c, false);
}

void nb_act_delete_word_left(nb_ui *ui)
{
	nb_doc *d = nb_ui_doc(ui);
	if (!d || !nb_edit_allowed(ui) || delete_selection(ui, d))
		return;
	size_t c = nb_buffer_cursor(d->buf);
	size_t w = nb_buffer_word_left(d->buf, c);
	if (w >= c)
		return;
	nb_buffer_break_group(d->buf);
	nb_buffer_delete(d->buf, w, c - w);
	nb_buffer_break_group(d->buf);
	nb_ui_after_edit(ui);
	nb_ui_move_cursor(ui, w, false);
}

void nb_act_undo(nb_ui *ui)
{
	nb_doc *d = nb_ui_doc(ui);
	if (!d || !nb_edit_allowed(ui))
		return;
	size_t c;
	if (!nb_buffer_undo(d->buf, &c)) {
		nb_ui_message(ui, "%s", _(M_NOTHING_TO_UNDO));
		return;
	}
	d->has_mark = false;
	nb_ui_after_edit(ui);
	nb_ui_move_cursor(ui, c, false);
}

void nb_act_redo(nb_ui *ui)
{
	nb_doc *d = nb_ui_doc(ui);
	if (!d || !nb_edit_allowed(ui))
		return;
	size_t c;
	if (!nb_buffer_redo(d->buf, &c)) {
		nb_ui_message(ui, "%s", _(M_NOTHING_TO_REDO));
		return;
	}
	d->has_mark = false;
	nb_ui_after_edit(ui);
	nb_ui_move_cursor(ui, c, false);
}

void nb_act_mark(nb_ui *ui)
{
	nb_doc *d = nb_ui_doc(ui);
	if (!d)
		return;
	d->has_mark = !d->has_mark;
	d->mark = nb_buffer_cursor(d->buf);
	nb_ui_message(ui, "%s", _(d->has_mark ? M_MARK_SET : M_MARK_UNSET));
}

void nb_act_select_all(nb_ui *ui)
{
	nb_doc *d = nb_ui_doc(ui);
	if (!d)
		return;
	d->has_mark = true;
	d->mark = 0;
	nb_ui_move_cursor(ui, nb_buffer_len(d->buf), false);
	nb_ui_message(ui, "%s", _(M_SELECTED_ALL));
}

static bool take_selection(nb_ui *ui, nb_doc *d)
{
	size_t s, e;
	if (!selection(ui, d, &s, &e)) {
		nb_ui_message(ui, "%s", _(M_NO_SELECTION));
		return false;
	}
	free(ui->clip);
	ui->clip = nb_buffer_dup(d->buf, s, e - s);
	ui->nclip = e - s;
	return true;
}

void nb_act_copy(nb_ui *ui)
{
	nb_doc *d = nb_ui_doc(ui);
	if (!d || !take_selection(ui, d))
		return;
	d->has_mark = false;
	if (nb_clipboard_send(ui->clip, ui->nclip) == 0)
		nb_ui_message(ui, _(M_COPIED), ui->nclip);
	else
		nb_ui_message(ui, _(M_COPIED_LOCAL), ui->nclip);
}

void nb_act_cut(nb_ui *ui)
{
	nb_doc *d = nb_ui_doc(ui);
	if (!d || !nb_edit_allowed(ui) || !take_selection(ui, d))
		return;
	nb_buffer_break_group(d->buf);
	delete_selection(ui, d);
	nb_buffer_break_group(d->buf);
	(void)nb_clipboard_send(ui->clip, ui->nclip);
	nb_ui_message(ui, "%s", _(M_CUT));
}

void nb_act_paste(nb_ui *ui)
{
	if (!ui->clip || ui->nclip == 0)
		return;
	nb_edit_paste_text(ui, ui->clip, ui->nclip);
}

void nb_act_cancel(nb_ui *ui)
{
	nb_doc *d = nb_ui_doc(ui);
	if (d)
		d->has_mark = false;
	ui->hl_start = ui->hl_end = 0;
	ui->message[0] = '\0';
}
