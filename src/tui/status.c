/* status.c — the status line (file, modified mark, section n/N, 字数 of the section and of the
 * report, paragraph and column) and the hint bar, generated from the live keymap so that it
 * always shows the keys that really work. */
#include "config.h"
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nianbao/text.h"
#include "ui.h"

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

void nb_status_draw(nb_ui *ui)
{
	nb_geometry *g = &ui->geo;
	bool amb = ui->opts.ambiguous_wide;
	int y = g->status_y;
	/* Only the file label is in reverse video: the counters change on every key, and in
	 * reverse each change would cost an attribute switch there and back on the wire. */
	nb_draw_fill(y, 0, g->cols, A_NORMAL);

	nb_sb left = { 0 }, right = { 0 };
	const char *name = ui->path ? base_name(ui->path)
			   : ui->draft_path ? base_name(ui->draft_path) : _(M_NEW_REPORT);
	nb_sb_printf(&left, " %s", name);
	if (nb_ui_modified(ui))
		nb_sb_printf(&left, " [%s]", _(M_MODIFIED));
	if (ui->opts.read_only)
		nb_sb_printf(&left, " [%s]", _(M_READ_ONLY));
	nb_sb_adds(&left, " ");

	nb_doc *d = nb_ui_doc(ui);
	int n = (int)ui->rep->nsections;
	if (ui->cur >= 0)
		nb_sb_printf(&right, _(M_SECTION_N), ui->cur + 1, n);
	else
		nb_sb_adds(&right, ui->cur == NB_ENTRY_FORM ? _(M_HEADER_FORM)
			   : _(M_STATUS_INTRO));
	size_t total = nb_ui_zishu_total(ui);
	if (d)
		nb_sb_printf(&right, "  %s %zu/%s %zu", _(M_ZISHU), d->zishu, _(M_REPORT_TOTAL), total);
	else
		nb_sb_printf(&right, "  %s %s %zu", _(M_ZISHU), _(M_REPORT_TOTAL), total);
	if (d) {
		size_t c = nb_buffer_cursor(d->buf);
		size_t ps = nb_buffer_para_start(d->buf, c);
		const char *t = nb_buffer_span(d->buf, ps, c - ps);
		size_t col = nb_utf8_count(t, c - ps) + 1;
		size_t para = ui->layout ? nb_layout_para_of(ui->layout, c) + 1 : 1;
		nb_sb_printf(&right, "  %s %zu %s %zu ", _(M_LINE), para, _(M_COL), col);
	} else {
		nb_sb_adds(&right, " ");
	}
	int rw = nb_text_cells(right.s, right.len, amb);
	if (rw > g->cols)
		rw = g->cols;
	nb_draw_text(y, 0, g->cols - rw - 1 > 0 ? g->cols - rw - 1 : 0, left.s, left.len, A_REVERSE, amb);
	nb_draw_text(y, g->cols - rw, rw, right.s, right.len, A_NORMAL, amb);
	nb_sb_free(&left);
	nb_sb_free(&right);
}

/* The actions worth a place on the bar, most important first. */
void nb_ui_action_key(const nb_ui *ui, const char *action, char *buf, size_t size)
{
	nb_key k = nb_keymap_key_for(ui->keymap, action);
	if (k == NB_KEY_NONE)
		snprintf(buf, size, "%s", action);   /* unbound: name the action so it can be bound */
	else
		nb_key_format(k, NB_KEYFMT_SHORT, buf, size);
}

static const int hint_actions[] = {
	NB_ACT_help, NB_ACT_save, NB_ACT_quit, NB_ACT_next_section, NB_ACT_prev_section,
	NB_ACT_next_finding, NB_ACT_goto_section, NB_ACT_header_form, NB_ACT_export, NB_ACT_find,
	NB_ACT_replace, NB_ACT_undo, NB_ACT_redo, NB_ACT_mark, NB_ACT_copy, NB_ACT_cut, NB_ACT_paste,
	NB_ACT_fix, NB_ACT_prev_finding,
};

/* In review mode (-R) the editing keys do nothing: show the reviewer's instead. */
static const int review_hint_actions[] = {
	NB_ACT_help, NB_ACT_save, NB_ACT_quit, NB_ACT_next_finding, NB_ACT_accept_finding,
	NB_ACT_dismiss_finding, NB_ACT_mark, NB_ACT_add_comment, NB_ACT_next_comment,
	NB_ACT_edit_comment, NB_ACT_delete_comment, NB_ACT_next_section, NB_ACT_prev_section,
	NB_ACT_goto_section, NB_ACT_move_paragraph, NB_ACT_show_diff, NB_ACT_find,
	NB_ACT_prev_finding,
};

void nb_hint_draw(nb_ui *ui)
{
	nb_geometry *g = &ui->geo;
	bool amb = ui->opts.ambiguous_wide;
	int y = g->hint_y, last = g->hint_y + g->hint_rows - 1;
	if (ui->prompt_active)
		y++;   /* the prompt's row */
	if (ui->message[0]) {
		/* With a prompt open and only one hint row, the status line gives way to the message
		 * (it says why the prompt came back). */
		int my = y <= last ? y : g->status_y;
		int a = ui->message_error ? nb_attr_severity(ui, NB_SEV_ERROR) : (int)A_BOLD;
		nb_draw_fill(my, 0, g->cols, A_NORMAL);
		nb_draw_text(my, 0, g->cols, ui->message, strlen(ui->message), a, amb);
		y++;
	}
	int x = 0;
	const int *hints = ui->opts.read_only ? review_hint_actions : hint_actions;
	size_t nhints = ui->opts.read_only ? sizeof review_hint_actions / sizeof review_hint_actions[0]
					   : sizeof hint_actions / sizeof hint_actions[0];
	for (size_t i = 0; i < nhints && y <= last; i++) {
		int act = hints[i];
		nb_key k = nb_keymap_key_for(ui->keymap, nb_action_names[act]);
		if (k == NB_KEY_NONE)
			continue;
		char kb[32];
		nb_key_format(k, NB_KEYFMT_SHORT, kb, sizeof kb);
		const char *lab = nb_action_short(act);
		int kw = nb_text_cells(kb, strlen(kb), amb), lw = nb_text_cells(lab, strlen(lab), amb);
		int w = kw + 1 + lw;
		if (x > 0 && x + w > g->cols) {
			y++;
			x = 0;
			if (y > last)
				break;
		}
		x += nb_draw_text(y, x, g->cols - x, kb, strlen(kb), A_REVERSE, amb);
		x += 1;
		x += nb_draw_text(y, x, g->cols - x, lab, strlen(lab), A_NORMAL, amb);
		x += 2;
	}
}
