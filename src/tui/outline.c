/* outline.c — the outline: the header form, the opening paragraph and every section, each with
 * its mark (complete / has findings / mandatory items missing / not written), the current one
 * highlighted; the current section's checklist follows below it. */
#include "config.h"
#include <curses.h>
#include <stdio.h>
#include <string.h>
#include "ui.h"

static bool skip_prefix(const char **p, const char *prefix)
{
	size_t n = strlen(prefix);
	if (strncmp(*p, prefix, n) != 0)
		return false;
	*p += n;
	return true;
}

/* The outline is narrow and every heading of a report starts alike ("一、2024年度推进法治政府
 * 建设的…"), so it shows the number and what tells the sections apart: "一、主要举措和成效". */
static const char *outline_label(const char *heading, char *buf, size_t size)
{
	const char *p = heading;
	const char *num_end = strstr(p, "、");
	size_t num = num_end && num_end - p <= 9 ? (size_t)(num_end - p) + strlen("、") : 0;
	p += num;
	const char *rest = p;
	while (*rest >= '0' && *rest <= '9')
		rest++;
	if (rest > p && (skip_prefix(&rest, "年度") || skip_prefix(&rest, "年")))
		p = rest;
	if (skip_prefix(&p, "推进法治政府建设") || skip_prefix(&p, "法治政府建设"))
		skip_prefix(&p, "的");
	if (!*p)
		return heading;
	snprintf(buf, size, "%.*s%s", (int)num, heading, p);
	return buf;
}

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
		char label[512];
		const char *title = outline_label(nb_ui_entry_title(ui, e), label, sizeof label);
		int a = cur ? A_REVERSE | A_BOLD : A_NORMAL;
		int w = nb_draw_text(y, r.x + 2, r.w - 2, title, strlen(title), a, amb);
		if (cur && w < r.w - 2)
			nb_draw_fill(y, r.x + 2 + w, r.w - 2 - w, a);
	}
	y++;
	if (y < r.y + r.h)
		nb_checklist_draw(ui, (nb_rect){ y, r.x, r.y + r.h - y, r.w });
}
