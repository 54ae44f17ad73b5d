/* form.c — the header form: the metadata a report needs before its first section (unit, unit
 * type, year, 文号, 签发人, 主送机关, 成文日期 …), one single-line field each. Enter moves to the
 * next field; Enter on the last one goes on to section 一, as the guided flow asks. */
#include "config.h"
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include "nianbao/text.h"
#include "ui.h"

void nb_form_init(nb_ui *ui)
{
	ui->nform_fields = 0;
	for (int f = 0; f < NB_META_COUNT; f++)
		if (nb_meta_fields[f].in_form)
			ui->form_fields[ui->nform_fields++] = f;
	if (ui->nform_fields == 0) {
		/* a model without the flag set: fall back to the fields the guided flow names */
		static const int wanted[] = { NB_META_UNIT, NB_META_UNIT_TYPE, NB_META_YEAR,
					      NB_META_DOC_NUMBER, NB_META_SIGNER, NB_META_RECIPIENT,
					      NB_META_DATE };
		for (size_t i = 0; i < sizeof wanted / sizeof wanted[0]; i++)
			ui->form_fields[ui->nform_fields++] = wanted[i];
	}
	ui->form_field = 0;
	ui->form_cursor = strlen(nb_report_meta(ui->rep, (nb_meta_field)ui->form_fields[0]));
}

static nb_meta_field field(const nb_ui *ui)
{
	return (nb_meta_field)ui->form_fields[ui->form_field];
}

/* The editor shows the labels from the catalogue; nb_meta_fields keeps the core's own (the CLI's). */
static const nb_msg_id field_labels[NB_META_COUNT] = {
	[NB_META_UNIT] = M_FIELD_UNIT,
	[NB_META_UNIT_TYPE] = M_FIELD_UNIT_TYPE,
	[NB_META_YEAR] = M_FIELD_YEAR,
	[NB_META_TITLE] = M_FIELD_TITLE,
	[NB_META_DOC_NUMBER] = M_FIELD_DOC_NUMBER,
	[NB_META_SIGNER] = M_FIELD_SIGNER,
	[NB_META_RECIPIENT] = M_FIELD_RECIPIENT,
	[NB_META_SIGNATURE] = M_FIELD_SIGNATURE,
	[NB_META_DATE] = M_FIELD_DATE,
	[NB_META_CC] = M_FIELD_CC,
	[NB_META_PRINTER] = M_FIELD_PRINTER,
	[NB_META_PRINT_DATE] = M_FIELD_PRINT_DATE,
	[NB_META_PUBLISH_CHANNEL] = M_FIELD_PUBLISH_CHANNEL,
	[NB_META_PUBLISH_DATE] = M_FIELD_PUBLISH_DATE,
	[NB_META_SECRECY_REVIEW] = M_FIELD_SECRECY_REVIEW,
};

const char *nb_form_label(int f)
{
	return f >= 0 && f < NB_META_COUNT ? _(field_labels[f]) : "";
}

static const char *label(nb_meta_field f)
{
	return nb_form_label((int)f);
}

static void goto_field(nb_ui *ui, int i)
{
	if (i < 0)
		i = 0;
	if (i >= ui->nform_fields)
		i = ui->nform_fields - 1;
	ui->form_field = i;
	ui->form_cursor = strlen(nb_report_meta(ui->rep, field(ui)));
}

static void set_value(nb_ui *ui, const char *v)
{
	nb_report_set_meta(ui->rep, field(ui), v);
	nb_ui_meta_changed(ui);
}

void nb_form_insert(nb_ui *ui, const char *s, size_t len)
{
	if (!nb_edit_allowed(ui))
		return;
	const char *old = nb_report_meta(ui->rep, field(ui));
	size_t olen = strlen(old), c = ui->form_cursor > olen ? olen : ui->form_cursor;
	nb_sb sb = { 0 };
	nb_sb_add(&sb, old, c);
	for (size_t i = 0; i < len; i++)   /* one line: newlines and tabs become spaces */
		nb_sb_addc(&sb, s[i] == '\n' || s[i] == '\t' || s[i] == '\r' ? ' ' : s[i]);
	nb_sb_add(&sb, old + c, olen - c);
	char *v = nb_sb_take(&sb);
	set_value(ui, v);
	free(v);
	ui->form_cursor = c + len;
}

static void delete_range(nb_ui *ui, size_t a, size_t b)
{
	if (!nb_edit_allowed(ui) || b <= a)
		return;
	const char *old = nb_report_meta(ui->rep, field(ui));
	char *v = nb_xstrdup(old);
	memmove(v + a, v + b, strlen(v + b) + 1);
	set_value(ui, v);
	free(v);
	ui->form_cursor = a;
}

static void leave_to_first_section(nb_ui *ui)
{
	nb_ui_enter(ui, ui->rep->nsections ? 0 : NB_ENTRY_INTRO);
}

bool nb_form_action(nb_ui *ui, int action)
{
	const char *v = nb_report_meta(ui->rep, field(ui));
	size_t len = strlen(v), c = ui->form_cursor > len ? len : ui->form_cursor;
	switch (action) {
	case NB_ACT_left:
	case NB_ACT_word_left:
		ui->form_cursor = nb_utf8_prev(v, c);
		return true;
	case NB_ACT_right:
	case NB_ACT_word_right:
		ui->form_cursor = nb_utf8_next(v, len, c);
		return true;
	case NB_ACT_line_start:
		ui->form_cursor = 0;
		return true;
	case NB_ACT_line_end:
		ui->form_cursor = len;
		return true;
	case NB_ACT_up:
	case NB_ACT_para_prev:
		goto_field(ui, ui->form_field - 1);
		return true;
	case NB_ACT_down:
	case NB_ACT_para_next:
		goto_field(ui, ui->form_field + 1);
		return true;
	case NB_ACT_page_up:
	case NB_ACT_section_start:
		goto_field(ui, 0);
		return true;
	case NB_ACT_page_down:
	case NB_ACT_section_end:
		goto_field(ui, ui->nform_fields - 1);
		return true;
	case NB_ACT_newline:
		if (ui->form_field + 1 < ui->nform_fields)
			goto_field(ui, ui->form_field + 1);
		else
			leave_to_first_section(ui);
		return true;
	case NB_ACT_backspace:
		if (c > 0)
			delete_range(ui, nb_utf8_prev(v, c), c);
		return true;
	case NB_ACT_delete:
		if (c < len)
			delete_range(ui, c, nb_utf8_next(v, len, c));
		return true;
	case NB_ACT_delete_word_left:
		delete_range(ui, 0, c);
		return true;
	case NB_ACT_next_section:
		leave_to_first_section(ui);
		return true;
	case NB_ACT_undo:
	case NB_ACT_redo:
	case NB_ACT_mark:
	case NB_ACT_select_all:
	case NB_ACT_copy:
	case NB_ACT_cut:
		nb_ui_message(ui, "%s", _(M_NOT_IN_FORM));
		return true;
	default:
		return false;
	}
}

void nb_form_draw(nb_ui *ui)
{
	nb_rect r = ui->geo.editor;
	nb_rect hd = ui->geo.heading;
	bool amb = ui->opts.ambiguous_wide;
	const char *title = _(M_HEADER_FORM);
	nb_draw_text(hd.y, hd.x, hd.w, title, strlen(title), A_BOLD, amb);

	int lw = 0;
	for (int i = 0; i < ui->nform_fields; i++) {
		const char *l = label((nb_meta_field)ui->form_fields[i]);
		int w = nb_text_cells(l, strlen(l), amb);
		if (w > lw)
			lw = w;
	}
	lw += 2;
	if (lw > r.w / 2)
		lw = r.w / 2;
	int vw = r.w - lw - 1;
	int cy = r.y, cx = r.x + lw;
	int y = r.y;
	for (int i = 0; i < ui->nform_fields && y < r.y + r.h; i++, y++) {
		nb_meta_field f = (nb_meta_field)ui->form_fields[i];
		const char *l = label(f);
		bool cur = i == ui->form_field;
		int used = nb_draw_text(y, r.x, lw - 1, l, strlen(l), cur ? A_BOLD : A_NORMAL, amb);
		nb_draw_text(y, r.x + used, 2, _(M_FORM_COLON), strlen(_(M_FORM_COLON)), A_NORMAL, amb);
		const char *v = nb_report_meta(ui->rep, f);
		size_t vlen = strlen(v);
		if (cur)
			nb_draw_fill(y, r.x + lw, vw, A_UNDERLINE);
		if (vlen == 0 && !cur) {
			const char *e = _(M_EMPTY_VALUE);
			nb_draw_text(y, r.x + lw, vw, e, strlen(e), A_DIM, amb);
			continue;
		}
		/* Scroll a long value so the cursor stays visible. */
		size_t c = cur ? (ui->form_cursor > vlen ? vlen : ui->form_cursor) : 0;
		size_t start = 0;
		while (start < c && nb_text_cells(v + start, c - start, amb) >= vw)
			start = nb_utf8_next(v, vlen, start);
		nb_draw_text(y, r.x + lw, vw, v + start, vlen - start, cur ? A_UNDERLINE : A_NORMAL, amb);
		if (cur) {
			cy = y;
			cx = r.x + lw + nb_text_cells(v + start, c - start, amb);
		}
	}
	/* Below the fields: how the form works, and the choices for the unit type. */
	y++;
	if (y < r.y + r.h) {
		const char *h = _(M_FORM_HINT);
		nb_rows rows = { 0 };
		nb_wrap_text(h, strlen(h), r.w - 1, amb, &rows);
		for (size_t i = 0; i < rows.n && y < r.y + r.h; i++, y++)
			nb_draw_text(y, r.x, r.w, h + rows.v[i].start, rows.v[i].end - rows.v[i].start,
				     A_DIM, amb);
		nb_rows_free(&rows);
	}
	if (field(ui) == NB_META_UNIT_TYPE && ui->tpl->nunit_types && y < r.y + r.h) {
		nb_sb sb = { 0 };
		nb_sb_adds(&sb, _(M_FORM_TYPES));
		for (size_t i = 0; i < ui->tpl->nunit_types; i++) {
			if (i)
				nb_sb_adds(&sb, _(M_LIST_SEP));
			nb_sb_adds(&sb, ui->tpl->unit_types[i]);
		}
		nb_draw_text(y, r.x, r.w, sb.s, sb.len, A_DIM, amb);
		nb_sb_free(&sb);
	}
	move(cy, cx);
}
