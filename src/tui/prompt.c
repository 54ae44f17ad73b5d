/* prompt.c — the message line and the small modal dialogues: a yes/no(/all) question, a line
 * of text (file names, search words) and the section picker. Each runs its own little loop but
 * keeps the screen drawn, follows resizes, and gives way at once to a hang-up. */
#include "config.h"
#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nianbao/text.h"
#include "ui.h"

static void vmessage(nb_ui *ui, bool error, const char *fmt, va_list ap)
{
	vsnprintf(ui->message, sizeof ui->message, fmt, ap);
	ui->message_error = error;
}

void nb_ui_message(nb_ui *ui, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage(ui, false, fmt, ap);
	va_end(ap);
}

void nb_ui_error(nb_ui *ui, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmessage(ui, true, fmt, ap);
	va_end(ap);
}

/* Draws the frame and waits for a key or paste. Returns false when the dialogue must end
 * (hang-up or lost terminal). */
static bool wait_event(nb_ui *ui, nb_event *ev)
{
	for (;;) {
		if (nb_ui_poll_signals(ui))
			return false;
		nb_screen_draw(ui);
		nb_input_read(ev, 1000);
		switch (ev->kind) {
		case NB_EV_NONE:
			continue;
		case NB_EV_RESIZE:
			nb_ui_resize(ui);
			continue;
		case NB_EV_EOF:
			nb_got_hangup = 1;
			return false;
		default:
			return true;
		}
	}
}

static bool is_cancel(nb_ui *ui, nb_key k)
{
	return k == NB_KEY_ESC || nb_keymap_lookup(ui->keymap, k) == NB_ACT_cancel ||
	       k == NB_KEY_CTRL('g');
}

int nb_prompt_key(nb_ui *ui, const char *question, const char *keys)
{
	ui->prompt_active = true;
	ui->prompt_label = question;
	ui->prompt_text = NULL;
	int result = 0;
	for (;;) {
		nb_event ev;
		if (!wait_event(ui, &ev))
			break;
		if (ev.kind != NB_EV_KEY) {
			nb_event_free(&ev);
			continue;
		}
		nb_key k = ev.key;
		if (is_cancel(ui, k))
			break;
		int c = k >= 'A' && k <= 'Z' ? (int)k + 32 : (int)k;   /* Y and y are the same answer */
		if (k > 0 && k < 128 && strchr(keys, c)) {
			result = c;
			break;
		}
	}
	ui->prompt_active = false;
	ui->prompt_label = NULL;
	return result;
}

int nb_prompt_choice(nb_ui *ui, const char *question, bool allow_all)
{
	return nb_prompt_key(ui, question, allow_all ? "yna" : "yn");
}

char *nb_prompt_text(nb_ui *ui, const char *label, const char *initial)
{
	nb_sb text = { 0 };
	nb_sb_adds(&text, initial ? initial : "");
	size_t cur = text.len;
	ui->prompt_active = true;
	ui->prompt_label = label;
	char *result = NULL;
	for (;;) {
		ui->prompt_text = nb_sb_cstr(&text);
		ui->prompt_cursor = cur;
		nb_event ev;
		if (!wait_event(ui, &ev))
			break;
		if (ev.kind == NB_EV_PASTE) {
			const char *nl = memchr(ev.paste, '\n', ev.npaste);
			size_t n = nl ? (size_t)(nl - ev.paste) : ev.npaste;
			char *rest = nb_xstrdup(text.s ? text.s + cur : "");
			text.len = cur;
			nb_sb_add(&text, ev.paste, n);
			nb_sb_adds(&text, rest);
			free(rest);
			cur += n;
			nb_event_free(&ev);
			continue;
		}
		if (ev.kind != NB_EV_KEY)
			continue;
		nb_key k = ev.key;
		if (is_cancel(ui, k))
			break;
		int act = nb_keymap_lookup(ui->keymap, k);
		if (k == NB_KEY_ENTER || act == NB_ACT_newline) {
			result = nb_xstrdup(nb_sb_cstr(&text));
			break;
		}
		const char *s = nb_sb_cstr(&text);
		if (nb_key_is_text(k)) {
			char u[4];
			size_t n = nb_utf8_encode((uint32_t)k, u);
			char *rest = nb_xstrdup(s + cur);
			text.len = cur;
			nb_sb_add(&text, u, n);
			nb_sb_adds(&text, rest);
			free(rest);
			cur += n;
		} else if (k == NB_KEY_BACKSPACE || act == NB_ACT_backspace) {
			if (cur > 0) {
				size_t p = nb_utf8_prev(s, cur);
				memmove(text.s + p, text.s + cur, text.len - cur + 1);
				text.len -= cur - p;
				cur = p;
			}
		} else if (k == NB_KEY_DELETE || act == NB_ACT_delete) {
			if (cur < text.len) {
				size_t nx = nb_utf8_next(s, text.len, cur);
				memmove(text.s + cur, text.s + nx, text.len - nx + 1);
				text.len -= nx - cur;
			}
		} else if (k == NB_KEY_LEFT || act == NB_ACT_left) {
			cur = nb_utf8_prev(s, cur);
		} else if (k == NB_KEY_RIGHT || act == NB_ACT_right) {
			cur = nb_utf8_next(s, text.len, cur);
		} else if (k == NB_KEY_HOME || act == NB_ACT_line_start) {
			cur = 0;
		} else if (k == NB_KEY_END || act == NB_ACT_line_end) {
			cur = text.len;
		} else if (act == NB_ACT_delete_word_left) {
			memmove(text.s, text.s + cur, text.len - cur + 1);
			text.len -= cur;
			cur = 0;
		}
	}
	ui->prompt_active = false;
	ui->prompt_label = NULL;
	ui->prompt_text = NULL;
	nb_sb_free(&text);
	return result;
}

int nb_prompt_section(nb_ui *ui)
{
	int n = nb_ui_entry_count(ui);
	ui->picker_active = true;
	ui->picker_sel = nb_ui_entry_index(ui, ui->cur);
	int result = NB_PICK_CANCELLED;
	for (;;) {
		nb_event ev;
		if (!wait_event(ui, &ev))
			break;
		if (ev.kind != NB_EV_KEY) {
			nb_event_free(&ev);
			continue;
		}
		nb_key k = ev.key;
		if (is_cancel(ui, k))
			break;
		int act = nb_keymap_lookup(ui->keymap, k);
		if (k == NB_KEY_ENTER || act == NB_ACT_newline) {
			result = nb_ui_entry_at(ui, ui->picker_sel);
			break;
		}
		if (k == NB_KEY_UP || act == NB_ACT_up || act == NB_ACT_prev_section)
			ui->picker_sel = (ui->picker_sel + n - 1) % n;
		else if (k == NB_KEY_DOWN || act == NB_ACT_down || act == NB_ACT_next_section)
			ui->picker_sel = (ui->picker_sel + 1) % n;
		else if (k >= '1' && k <= '9' && k - '1' < (int)ui->rep->nsections) {
			result = (int)(k - '1');
			break;
		} else if (k == '0') {
			result = NB_ENTRY_FORM;
			break;
		}
	}
	ui->picker_active = false;
	return result;
}

static void draw_box(const nb_ui *ui, int y0, int x0, int h, int w)
{
	nb_draw_hline(ui, y0, x0 + 1, w - 2);
	nb_draw_hline(ui, y0 + h - 1, x0 + 1, w - 2);
	nb_draw_vline(ui, y0 + 1, x0, h - 2);
	nb_draw_vline(ui, y0 + 1, x0 + w - 1, h - 2);
	nb_draw_corner(ui, y0, x0, 0);
	nb_draw_corner(ui, y0, x0 + w - 1, 1);
	nb_draw_corner(ui, y0 + h - 1, x0, 2);
	nb_draw_corner(ui, y0 + h - 1, x0 + w - 1, 3);
}

static void draw_picker(nb_ui *ui)
{
	bool amb = ui->opts.ambiguous_wide;
	int n = nb_ui_entry_count(ui);
	int w = ui->geo.cols - 4 < 60 ? ui->geo.cols - 4 : 60;
	int h = n + 2;
	if (h > ui->geo.status_y)
		h = ui->geo.status_y;
	int y0 = (ui->geo.status_y - h) / 2, x0 = (ui->geo.cols - w) / 2;
	for (int y = 0; y < h; y++)
		nb_draw_fill(y0 + y, x0, w, A_NORMAL);
	int cy = y0 + 1;
	for (int i = 0; i < n && 1 + i < h - 1; i++) {
		int e = nb_ui_entry_at(ui, i);
		char num[8];
		snprintf(num, sizeof num, "%c ", e >= 0 && e < 9 ? '1' + e : e == NB_ENTRY_FORM ? '0' : ' ');
		nb_mark m = nb_ui_entry_mark(ui, e);
		int a = i == ui->picker_sel ? A_REVERSE : A_NORMAL;
		int y = y0 + 1 + i;
		nb_draw_text(y, x0 + 1, 2, num, 2, a, amb);
		const char *g = nb_mark_glyph(ui, m);
		nb_draw_text(y, x0 + 3, 2, g, strlen(g), nb_attr_mark(ui, m), amb);
		const char *title = nb_ui_entry_title(ui, e);
		int used = nb_draw_text(y, x0 + 5, w - 6, title, strlen(title), a, amb);
		if (a != A_NORMAL && used < w - 6)
			nb_draw_fill(y, x0 + 5 + used, w - 6 - used, a);
		if (i == ui->picker_sel)
			cy = y;
	}
	draw_box(ui, y0, x0, h, w);
	const char *t = ui->picker_title ? ui->picker_title : _(M_GOTO_PROMPT);
	nb_draw_text(y0, x0 + 2, w - 4, t, strlen(t), A_BOLD, amb);
	move(cy, x0 + 1);
}

void nb_prompt_draw(nb_ui *ui)
{
	if (ui->picker_active) {
		draw_picker(ui);
		return;
	}
	if (!ui->prompt_active || ui->geo.too_small)
		return;
	bool amb = ui->opts.ambiguous_wide;
	int y = ui->geo.hint_y, cols = ui->geo.cols;
	const char *l = ui->prompt_label ? ui->prompt_label : "";
	if (!ui->prompt_text) {
		/* A question: use every hint row so that a long one (a list of missing items) shows. */
		nb_rows rows = { 0 };
		nb_wrap_text(l, strlen(l), cols - 1, amb, &rows);
		int cy = y, cx = 0;
		for (int i = 0; i < ui->geo.hint_rows; i++)
			nb_draw_fill(y + i, 0, cols, A_NORMAL);
		for (size_t i = 0; i < rows.n && (int)i < ui->geo.hint_rows; i++) {
			cy = y + (int)i;
			cx = nb_draw_text(cy, 0, cols - 1, l + rows.v[i].start,
					  rows.v[i].end - rows.v[i].start, A_BOLD, amb);
		}
		nb_rows_free(&rows);
		move(cy, cx < cols ? cx : cols - 1);
		return;
	}
	nb_draw_fill(y, 0, cols, A_NORMAL);
	int lw = nb_draw_text(y, 0, cols - 1, l, strlen(l), A_BOLD, amb);
	int cx = lw;
	{
		const char *t = ui->prompt_text;
		size_t len = strlen(t), c = ui->prompt_cursor > len ? len : ui->prompt_cursor;
		int room = cols - lw - 1;
		size_t start = 0;
		while (start < c && nb_text_cells(t + start, c - start, amb) >= room)
			start = nb_utf8_next(t, len, start);
		nb_draw_text(y, lw, room, t + start, len - start, A_NORMAL, amb);
		cx = lw + nb_text_cells(t + start, c - start, amb);
	}
	move(y, cx < cols ? cx : cols - 1);
}
