/* outline.c — the outline: the header form, the opening paragraph and every section, each with
 * its mark (complete / has findings / mandatory items missing / not written), the current one
 * highlighted; the current section's checklist follows below it. */
#include "config.h"
#include <curses.h>
#include <string.h>
#include "ui.h"

void nb_outline_draw(nb_ui *ui, nb_rect r)
{
	bool amb = ui->opts.ambiguous_wide;
	int y = r.y;
	const char *t = _(M_OUTLINE);
	nb_draw_text(y++, r.x, r.w, t, strlen(t), A_BOLD, amb);
	int n = nb_ui_entry_count(ui);
	for (int i = 0; i < n && y < r.y + r.h; i++, y++) {
		int e = nb_ui_entry_at(ui, i);
		nb_mark m = nb_ui_entry_mark(ui, e);
		bool cur = e == ui->cur;
		const char *g = nb_mark_glyph(ui, m);
		int used = nb_draw_text(y, r.x, 2, g, strlen(g), nb_attr_mark(ui, m), amb);
		if (used < 2)
			nb_draw_fill(y, r.x + used, 2 - used, A_NORMAL);
		const char *title = nb_ui_entry_title(ui, e);
		int a = cur ? A_REVERSE | A_BOLD : A_NORMAL;
		int w = nb_draw_text(y, r.x + 2, r.w - 2, title, strlen(title), a, amb);
		if (cur && w < r.w - 2)
			nb_draw_fill(y, r.x + 2 + w, r.w - 2 - w, a);
	}
	y++;
	if (y < r.y + r.h)
		nb_checklist_draw(ui, (nb_rect){ y, r.x, r.y + r.h - y, r.w });
}
