/* editor.c — the section editor view: the heading row, the soft-wrapped body with the selection,
 * search match and finding spans, and cursor motion by character, word, row, paragraph, page
 * and section. */
#include "config.h"
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include "nianbao/text.h"
#include "ui.h"

/* ---- drawing ---- */

static void draw_heading(nb_ui *ui)
{
	nb_rect r = ui->geo.heading;
	const char *title = nb_ui_entry_title(ui, ui->cur);
	char pos[64];
	int n = (int)ui->rep->nsections;
	snprintf(pos, sizeof pos, " [%d/%d]", ui->cur >= 0 ? ui->cur + 1 : 0, n);
	int pw = (int)strlen(pos);
	int used = nb_draw_text(r.y, r.x, r.w - pw > 0 ? r.w - pw : 0, title, strlen(title), A_BOLD,
				ui->opts.ambiguous_wide);
	if (ui->cur >= 0 && used + pw <= r.w)
		nb_draw_text(r.y, r.x + used, pw, pos, (size_t)pw, A_NORMAL, false);
}

/* Attribute of the byte at off: selection, search match, finding span. */
static int attr_at(nb_ui *ui, const nb_doc *d, size_t cursor, size_t off)
{
	int a = A_NORMAL;
	if (d->has_mark) {
		size_t s = d->mark < cursor ? d->mark : cursor, e = d->mark < cursor ? cursor : d->mark;
		if (off >= s && off < e)
			a |= A_REVERSE;
	}
	if (ui->hl_end > ui->hl_start && off >= ui->hl_start && off < ui->hl_end)
		a |= A_STANDOUT;
	for (size_t i = 0; i < ui->findings.n; i++) {
		const nb_finding *f = &ui->findings.v[i];
		if (f->len == 0)
			continue;
		bool mine = ui->cur == NB_ENTRY_INTRO ? f->place == NB_PLACE_INTRO
			    : f->place == NB_PLACE_BODY && f->section == ui->cur;
		if (mine && off >= f->off && off < f->off + f->len)
			a |= A_UNDERLINE;
	}
	return a | nb_comments_attr_at(ui, off);
}

/* Offsets inside [start, end) where the attribute may change. */
static size_t next_boundary(nb_ui *ui, const nb_doc *d, size_t cursor, size_t off, size_t end)
{
	size_t best = end;
#define CONSIDER(v) do { size_t v_ = (v); if (v_ > off && v_ < best) best = v_; } while (0)
	if (d->has_mark) {
		CONSIDER(d->mark);
		CONSIDER(cursor);
	}
	if (ui->hl_end > ui->hl_start) {
		CONSIDER(ui->hl_start);
		CONSIDER(ui->hl_end);
	}
	for (size_t i = 0; i < ui->findings.n; i++) {
		const nb_finding *f = &ui->findings.v[i];
		if (f->len == 0)
			continue;
		bool mine = ui->cur == NB_ENTRY_INTRO ? f->place == NB_PLACE_INTRO
			    : f->place == NB_PLACE_BODY && f->section == ui->cur;
		if (mine) {
			CONSIDER(f->off);
			CONSIDER(f->off + f->len);
		}
	}
#undef CONSIDER
	return nb_comments_next_boundary(ui, off, best);
}

void nb_editor_draw(nb_ui *ui)
{
	nb_doc *d = nb_ui_doc(ui);
	if (!d)
		return;
	draw_heading(ui);
	/* Column r.x is a gutter for the scroll hints; the text runs from geo.text.x to the right
	 * edge. With the text reaching the screen's edge, a row of ideographs shifted by a typed
	 * character pushes its last one off whole (see shift.c) instead of splitting it. */
	nb_rect r = ui->geo.editor;
	int tx = ui->geo.text.x, tw = ui->geo.text.w;
	bool amb = ui->opts.ambiguous_wide;
	size_t cursor = nb_buffer_cursor(d->buf);
	if (nb_buffer_len(d->buf) == 0) {
		const char *hint = _(M_EDITOR_EMPTY);
		nb_draw_text(r.y, tx, tw, hint, strlen(hint), A_DIM, amb);
	}
	size_t nrows = nb_layout_row_count(ui->layout);
	for (int y = 0; y < r.h; y++) {
		size_t ri = d->top + (size_t)y;
		nb_row row;
		if (ri >= nrows || !nb_layout_row(ui->layout, ri, &row))
			break;
		int x = 0;
		size_t off = row.start;
		while (off < row.end) {
			size_t seg_end = next_boundary(ui, d, cursor, off, row.end);
			int a = attr_at(ui, d, cursor, off);
			const char *t = nb_buffer_span(d->buf, off, seg_end - off);
			x += nb_draw_text(r.y + y, tx + x, tw - x, t, seg_end - off, a, amb);
			off = seg_end;
		}
	}
	/* A scroll hint in the gutter when there is more text below or above. */
	if (d->top > 0)
		mvaddch(r.y, r.x, '^');
	if (d->top + (size_t)r.h < nrows)
		mvaddch(r.y + r.h - 1, r.x, 'v');
	size_t crow;
	int cx;
	nb_layout_pos(ui->layout, d->buf, cursor, &crow, &cx);
	int cy = (int)(crow >= d->top ? crow - d->top : 0);
	if (cy >= r.h)
		cy = r.h - 1;
	if (cx >= tw)
		cx = tw - 1;   /* after a full row: on its last cell, as a terminal shows a pending wrap */
	move(r.y + cy, tx + cx);
}

/* ---- motion ---- */

static bool doc_or_form(nb_ui *ui, nb_doc **d)
{
	*d = nb_ui_doc(ui);
	return *d != NULL;
}

static size_t cursor_of(nb_doc *d)
{
	return nb_buffer_cursor(d->buf);
}

void nb_act_left(nb_ui *ui)
{
	nb_doc *d;
	if (doc_or_form(ui, &d))
		nb_ui_move_cursor(ui, nb_buffer_prev_char(d->buf, cursor_of(d)), false);
}

void nb_act_right(nb_ui *ui)
{
	nb_doc *d;
	if (doc_or_form(ui, &d))
		nb_ui_move_cursor(ui, nb_buffer_next_char(d->buf, cursor_of(d)), false);
}

static void vertical(nb_ui *ui, long delta)
{
	nb_doc *d;
	if (!doc_or_form(ui, &d))
		return;
	size_t row;
	int x;
	nb_layout_pos(ui->layout, d->buf, cursor_of(d), &row, &x);
	if (ui->goal_x < 0)
		ui->goal_x = x;
	long nrows = (long)nb_layout_row_count(ui->layout);
	long target = (long)row + delta;
	size_t off;
	if (target < 0)
		off = 0;
	else if (target >= nrows)
		off = nb_buffer_len(d->buf);
	else
		off = nb_layout_offset(ui->layout, d->buf, (size_t)target, ui->goal_x);
	nb_ui_move_cursor(ui, off, true);
}

void nb_act_up(nb_ui *ui) { vertical(ui, -1); }
void nb_act_down(nb_ui *ui) { vertical(ui, 1); }

void nb_act_page_up(nb_ui *ui)
{
	nb_doc *d;
	if (!doc_or_form(ui, &d))
		return;
	long h = ui->geo.editor.h > 2 ? ui->geo.editor.h - 1 : 1;
	d->top = d->top > (size_t)h ? d->top - (size_t)h : 0;
	vertical(ui, -h);
}

void nb_act_page_down(nb_ui *ui)
{
	nb_doc *d;
	if (!doc_or_form(ui, &d))
		return;
	long h = ui->geo.editor.h > 2 ? ui->geo.editor.h - 1 : 1;
	size_t nrows = nb_layout_row_count(ui->layout);
	if (d->top + (size_t)h < nrows)
		d->top += (size_t)h;
	vertical(ui, h);
}

void nb_act_word_left(nb_ui *ui)
{
	nb_doc *d;
	if (doc_or_form(ui, &d))
		nb_ui_move_cursor(ui, nb_buffer_word_left(d->buf, cursor_of(d)), false);
}

void nb_act_word_right(nb_ui *ui)
{
	nb_doc *d;
	if (doc_or_form(ui, &d))
		nb_ui_move_cursor(ui, nb_buffer_word_right(d->buf, cursor_of(d)), false);
}

void nb_act_line_start(nb_ui *ui)
{
	nb_doc *d;
	if (!doc_or_form(ui, &d))
		return;
	size_t c = cursor_of(d), row;
	int x;
	nb_layout_pos(ui->layout, d->buf, c, &row, &x);
	nb_row r;
	size_t target = c;
	if (nb_layout_row(ui->layout, row, &r))
		target = r.start;
	if (target == c)   /* already at the row start: go on to the paragraph start */
		target = nb_buffer_para_start(d->buf, c);
	nb_ui_move_cursor(ui, target, false);
}

void nb_act_line_end(nb_ui *ui)
{
	nb_doc *d;
	if (!doc_or_form(ui, &d))
		return;
	size_t c = cursor_of(d), row;
	int x;
	nb_layout_pos(ui->layout, d->buf, c, &row, &x);
	nb_row r;
	size_t target = c;
	if (nb_layout_row(ui->layout, row, &r)) {
		target = r.end;
		/* At a soft break the row end is the next row's start; stay visibly on this row by
		 * stopping before the last character unless the paragraph ends here. */
		size_t pe = nb_buffer_para_end(d->buf, c);
		if (target < pe && target > r.start)
			target = nb_buffer_prev_char(d->buf, target);
	}
	if (target == c)
		target = nb_buffer_para_end(d->buf, c);
	nb_ui_move_cursor(ui, target, false);
}

void nb_act_para_prev(nb_ui *ui)
{
	nb_doc *d;
	if (!doc_or_form(ui, &d))
		return;
	size_t c = cursor_of(d);
	size_t ps = nb_buffer_para_start(d->buf, c);
	if (ps == c && c > 0)
		ps = nb_buffer_para_start(d->buf, c - 1);
	nb_ui_move_cursor(ui, ps, false);
}

void nb_act_para_next(nb_ui *ui)
{
	nb_doc *d;
	if (!doc_or_form(ui, &d))
		return;
	size_t pe = nb_buffer_para_end(d->buf, cursor_of(d));
	size_t len = nb_buffer_len(d->buf);
	nb_ui_move_cursor(ui, pe < len ? pe + 1 : len, false);
}

void nb_act_section_start(nb_ui *ui)
{
	nb_doc *d;
	if (doc_or_form(ui, &d))
		nb_ui_move_cursor(ui, 0, false);
}

void nb_act_section_end(nb_ui *ui)
{
	nb_doc *d;
	if (doc_or_form(ui, &d))
		nb_ui_move_cursor(ui, nb_buffer_len(d->buf), false);
}

void nb_act_redraw(nb_ui *ui)
{
	(void)ui;
	clearok(curscr, TRUE);
}
