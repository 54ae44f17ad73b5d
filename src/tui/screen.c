/* screen.c — where each panel goes for the current terminal size, and drawing one frame.
 *
 * Every frame is drawn in full into curses' virtual screen and curses sends only the cells that
 * changed, so typing one character mid-paragraph costs a few bytes, not a repaint. */
#include "config.h"
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "nianbao/text.h"
#include "ui.h"

static void put_cell(int y, int x, const wchar_t *wcs, int attr)
{
	cchar_t cc;
	if (setcchar(&cc, wcs, (attr_t)attr, 0, NULL) == OK)
		mvadd_wch(y, x, &cc);
}

static int clampi(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void nb_screen_layout(nb_ui *ui)
{
	nb_geometry *g = &ui->geo;
	memset(g, 0, sizeof *g);
	g->rows = LINES;
	g->cols = COLS;
	if (g->cols < 30 || g->rows < 8) {
		g->too_small = true;
		g->editor.w = g->cols > 2 ? g->cols : 2;
		g->editor.h = 1;
		g->text = (nb_rect){ 0, 1, 1, g->editor.w - 1 };
		return;
	}
	g->hint_rows = g->rows >= 24 ? 2 : 1;
	g->hint_y = g->rows - g->hint_rows;
	g->status_y = g->hint_y - 1;
	int body_h = g->status_y;   /* rows 0 .. status_y-1 */
	int left_w = 0, right_w = 0;
	/* An even text width (the editor's width less its gutter) ends a row of ideographs exactly
	 * at the editor's right edge, where a row shifted by the terminal (shift.c) loses its last
	 * one whole instead of splitting it. */
	if (g->cols >= 130) {
		left_w = clampi(g->cols / 5, 24, 36);
		right_w = clampi(g->cols / 4, 32, 56);
		if ((g->cols - (left_w + 1) - (right_w + 1) - 1) % 2)
			right_w += right_w < 56 ? 1 : -1;
	} else if (g->cols >= 60) {
		left_w = clampi(g->cols / 4, 22, 34);
		if ((g->cols - (left_w + 1) - 1) % 2)
			left_w += left_w < 34 ? 1 : -1;
	}
	/* With three columns the guidance and findings sit between the outline and the editor, so
	 * that the editor keeps the right edge: rows shifted there by the terminal move nothing
	 * else (see shift.c). */
	int ex = (left_w ? left_w + 1 : 0) + (right_w ? right_w + 1 : 0);
	int ew = g->cols - ex;
	int findings_h = 0;
	if (!right_w) {
		if (body_h >= 30)
			findings_h = body_h / 4;
		else if (body_h >= 18)
			findings_h = body_h / 5;
		else if (body_h >= 12)
			findings_h = 2;
	}
	g->heading = (nb_rect){ 0, ex, 1, ew };
	int editor_h = body_h - 1 - (findings_h ? findings_h + 1 : 0);
	g->editor = (nb_rect){ 1, ex, editor_h > 1 ? editor_h : 1, ew };
	g->text = (nb_rect){ g->editor.y, ex + 1, g->editor.h, ew > 2 ? ew - 1 : 1 };
	if (findings_h)
		g->findings = (nb_rect){ 1 + editor_h + 1, ex, findings_h, ew };
	if (left_w)   /* split between outline and guidance at draw time (it depends on the section) */
		g->outline = (nb_rect){ 0, 0, body_h, left_w };
	if (right_w) {
		int px = left_w + 1;
		int guide_h = body_h / 2;
		g->guide = (nb_rect){ 0, px, guide_h, right_w };
		g->findings = (nb_rect){ guide_h + 1, px, body_h - guide_h - 1, right_w };
	}
}

/* ---- text drawing ---- */

int nb_text_cells(const char *s, size_t len, bool amb)
{
	return nb_str_width(s, len, amb);
}


int nb_draw_text(int y, int x, int maxw, const char *s, size_t len, int attr, bool amb)
{
	int used = 0;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		bool valid;
		size_t n = nb_utf8_decode(s + i, len - i, &cp, &valid);
		i += n;
		char ph[16];
		const char *p = nb_cp_placeholder(cp, ph);
		if (p) {
			/* Never send a control character to the terminal: show ^[ and friends instead. */
			int pw = (int)strlen(p);
			if (used + pw > maxw)
				break;
			for (int k = 0; k < pw; k++) {
				wchar_t w[2] = { (wchar_t)(unsigned char)p[k], 0 };
				put_cell(y, x + used + k, w, attr | A_REVERSE);
			}
			used += pw;
			continue;
		}
		int w = nb_cp_width(cp, amb);
		if (w < 0)
			w = 1;
		if (w == 0)
			continue;  /* combining marks ride with the cell before; dropped here for safety */
		if (used + w > maxw)
			break;
		wchar_t wcs[2] = { (wchar_t)cp, 0 };
		/* A character the C library cannot print would derail curses' column count. */
		if (wcwidth((wchar_t)cp) < 0)
			wcs[0] = L'?';
		put_cell(y, x + used, wcs, attr);
		if (w == 2 && wcwidth(wcs[0]) == 1) {
			/* We count it as two cells (ambiguous-wide setting): keep curses in step. */
			wchar_t sp[2] = { L' ', 0 };
			put_cell(y, x + used + 1, sp, attr);
		}
		used += w;
	}
	return used;
}

void nb_draw_fill(int y, int x, int w, int attr)
{
	for (int i = 0; i < w; i++) {
		wchar_t sp[2] = { L' ', 0 };
		put_cell(y, x + i, sp, attr);
	}
}

/* ---- marks and colours ---- */

enum { PAIR_GREEN = 1, PAIR_RED, PAIR_YELLOW, PAIR_CYAN };

int nb_attr_mark(const nb_ui *ui, nb_mark m)
{
	switch (m) {
	case NB_MARK_DONE: return ui->color ? (int)COLOR_PAIR(PAIR_GREEN) : A_NORMAL;
	case NB_MARK_FINDINGS: return ui->color ? (int)COLOR_PAIR(PAIR_YELLOW) : A_BOLD;
	case NB_MARK_MISSING: return ui->color ? (int)(COLOR_PAIR(PAIR_RED) | A_BOLD) : A_BOLD;
	default: return A_NORMAL;
	}
}

int nb_attr_severity(const nb_ui *ui, nb_severity s)
{
	switch (s) {
	case NB_SEV_ERROR: return ui->color ? (int)(COLOR_PAIR(PAIR_RED) | A_BOLD) : A_BOLD;
	case NB_SEV_WARNING: return ui->color ? (int)COLOR_PAIR(PAIR_YELLOW) : A_NORMAL;
	default: return ui->color ? (int)COLOR_PAIR(PAIR_CYAN) : A_NORMAL;
	}
}

const char *nb_mark_glyph(const nb_ui *ui, nb_mark m)
{
	static const char *const uni[] = { "·", "✓", "!", "✗" };
	static const char *const ascii[] = { ".", "+", "!", "x" };
	return (ui->ascii ? ascii : uni)[m];
}

/* ---- one frame ---- */

/* Line drawing with Unicode box characters (the locale is UTF-8), not the terminal's alternate
 * character set, which some terminal and TERM combinations render as letters (x, q). ASCII on
 * plain terminals, and when ambiguous characters are wide (box characters are ambiguous). */
static bool plain_lines(const nb_ui *ui)
{
	return ui->ascii || ui->opts.ambiguous_wide;
}

void nb_draw_vline(const nb_ui *ui, int y, int x, int n)
{
	wchar_t c[2] = { plain_lines(ui) ? L'|' : 0x2502, 0 };
	for (int i = 0; i < n; i++)
		put_cell(y + i, x, c, A_NORMAL);
}

void nb_draw_hline(const nb_ui *ui, int y, int x, int n)
{
	wchar_t c[2] = { plain_lines(ui) ? L'-' : 0x2500, 0 };
	for (int i = 0; i < n; i++)
		put_cell(y, x + i, c, A_NORMAL);
}

void nb_draw_corner(const nb_ui *ui, int y, int x, int which)
{
	static const wchar_t uni[4] = { 0x250c, 0x2510, 0x2514, 0x2518 };
	wchar_t c[2] = { plain_lines(ui) ? L'+' : uni[which & 3], 0 };
	put_cell(y, x, c, A_NORMAL);
}

static void draw_separators(nb_ui *ui)
{
	nb_geometry *g = &ui->geo;
	int body_h = g->status_y;
	if (g->outline.w)
		nb_draw_vline(ui, 0, g->outline.w, body_h);
	if (g->findings.h && g->findings.x == g->editor.x)
		nb_draw_hline(ui, g->findings.y - 1, g->findings.x, g->findings.w);
	if (g->guide.h) {   /* three columns: the panel between outline and editor */
		nb_draw_vline(ui, 0, g->guide.x + g->guide.w, body_h);
		nb_draw_hline(ui, g->findings.y - 1, g->findings.x, g->findings.w);
	}
}

void nb_screen_draw(nb_ui *ui)
{
	nb_geometry *g = &ui->geo;
	erase();
	if (g->too_small) {
		const char *m = _(M_TOO_SMALL);
		nb_draw_text(0, 0, g->cols, m, strlen(m), A_BOLD, false);
		move(0, 0);
		refresh();
		return;
	}
	draw_separators(ui);
	nb_rect outline = g->outline, guide = g->guide;
	if (outline.w && guide.x == 0) {
		/* Two columns: outline and checklist take what they need, guidance the rest. */
		int need = 1 + nb_ui_entry_count(ui) + 1 + 1 + (ui->nchecklist ? (int)ui->nchecklist : 1);
		if (outline.h - need >= 3) {
			guide = (nb_rect){ need, 0, outline.h - need, outline.w };
			outline.h = need;
		} else {
			guide.h = 0;
		}
	}
	if (outline.w)
		nb_outline_draw(ui, outline);
	if (guide.h)
		nb_guide_draw(ui, guide);
	if (g->findings.h)
		nb_findings_draw(ui, g->findings);
	nb_status_draw(ui);
	nb_hint_draw(ui);
	/* The view that owns the cursor draws last and leaves the cursor where it belongs. */
	if (ui->cur == NB_ENTRY_FORM)
		nb_form_draw(ui);
	else
		nb_editor_draw(ui);
	nb_prompt_draw(ui);
	wnoutrefresh(stdscr);
	nb_shift_rows(g->editor.y, g->editor.y + g->editor.h, g->editor.x, g->editor.x + g->editor.w);
	doupdate();
}

void nb_screen_colors(nb_ui *ui)
{
	const char *no_color = getenv("NO_COLOR");
	ui->color = has_colors() && !(no_color && *no_color);
	if (!ui->color)
		return;
	start_color();
	use_default_colors();
	init_pair(PAIR_GREEN, COLOR_GREEN, -1);
	init_pair(PAIR_RED, COLOR_RED, -1);
	init_pair(PAIR_YELLOW, COLOR_YELLOW, -1);
	init_pair(PAIR_CYAN, COLOR_CYAN, -1);
}
