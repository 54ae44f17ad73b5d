/* guide.c — the guidance panel (what still has to be written, what to write, which regulation
 * asks for it) and the live checklist of the current section's mandatory items, which ticks
 * itself as evidence phrases are typed. */
#include "config.h"
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include "nianbao/text.h"
#include "ui.h"

void nb_guide_update_checklist(nb_ui *ui)
{
	free(ui->checklist);
	ui->checklist = NULL;
	ui->nchecklist = 0;
	const nb_tsection *ts = nb_ui_tsection(ui, ui->cur);
	nb_doc *d = nb_ui_doc(ui);
	if (!ts || !d || ts->nitems == 0)
		return;
	const char *text = nb_buffer_text(d->buf, NULL);
	int year = nb_report_year(ui->rep);
	ui->checklist = nb_xcalloc(ts->nitems, sizeof *ui->checklist);
	ui->nchecklist = ts->nitems;
	for (size_t i = 0; i < ts->nitems; i++) {
		ui->checklist[i].item = &ts->items[i];
		ui->checklist[i].covered = nb_item_covered(&ts->items[i], text, year);
	}
}

static size_t covered_count(const nb_ui *ui)
{
	size_t n = 0;
	for (size_t i = 0; i < ui->nchecklist; i++)
		n += ui->checklist[i].covered;
	return n;
}

/* Draws wrapped text from row *y; returns false when the rect is full. */
static bool put_wrapped(nb_ui *ui, nb_rect r, int *y, const char *s, int attr)
{
	bool amb = ui->opts.ambiguous_wide;
	nb_rows rows = { 0 };
	nb_wrap_text(s, strlen(s), r.w, amb, &rows);
	for (size_t i = 0; i < rows.n; i++) {
		if (*y >= r.y + r.h) {
			nb_rows_free(&rows);
			return false;
		}
		nb_draw_text((*y)++, r.x, r.w, s + rows.v[i].start, rows.v[i].end - rows.v[i].start,
			     attr, amb);
	}
	nb_rows_free(&rows);
	return *y < r.y + r.h;
}

void nb_checklist_draw(nb_ui *ui, nb_rect r)
{
	bool amb = ui->opts.ambiguous_wide;
	int y = r.y;
	char title[128];
	if (ui->nchecklist)
		snprintf(title, sizeof title, "%s %zu/%zu", _(M_CHECKLIST), covered_count(ui),
			 ui->nchecklist);
	else
		snprintf(title, sizeof title, "%s", _(M_CHECKLIST));
	nb_draw_text(y++, r.x, r.w, title, strlen(title), A_BOLD, amb);
	if (ui->cur < 0 || ui->nchecklist == 0) {
		if (y < r.y + r.h && ui->cur >= 0) {
			const char *m = _(M_CHECKLIST_NONE);
			nb_draw_text(y, r.x, r.w, m, strlen(m), A_DIM, amb);
		}
		return;
	}
	for (size_t i = 0; i < ui->nchecklist && y < r.y + r.h; i++, y++) {
		const nb_checkitem *c = &ui->checklist[i];
		const char *box = ui->ascii ? (c->covered ? "[x]" : "[ ]") : (c->covered ? "☑ " : "☐ ");
		/* ☐/☑ are narrow in most terminals but not all: give them a fixed 2-cell slot. */
		int bw = ui->ascii ? 3 : 2;
		int used = nb_draw_text(y, r.x, bw, box, strlen(box),
					nb_attr_mark(ui, c->covered ? NB_MARK_DONE : NB_MARK_MISSING), amb);
		if (used < bw)
			nb_draw_fill(y, r.x + used, bw - used, A_NORMAL);
		const char *l = c->item->label ? c->item->label : c->item->id;
		nb_draw_text(y, r.x + bw + (ui->ascii ? 1 : 0), r.w - bw - (ui->ascii ? 1 : 0), l, strlen(l),
			     c->covered ? A_DIM : A_NORMAL, amb);
	}
}

static void guide_form(nb_ui *ui, nb_rect r, int *y)
{
	if (!put_wrapped(ui, r, y, _(M_FORM_GUIDE), A_NORMAL))
		return;
	/* Which required fields are still empty. */
	nb_sb sb = { 0 };
	for (size_t i = 0; i < ui->tpl->nrequired_meta; i++) {
		int f = nb_meta_field_by_key(ui->tpl->required_meta[i]);
		if (f < 0 || *nb_report_meta(ui->rep, (nb_meta_field)f))
			continue;
		nb_sb_adds(&sb, sb.len ? _(M_LIST_SEP) : _(M_MISSING));
		nb_sb_adds(&sb, nb_form_label(f));
	}
	if (sb.len)
		put_wrapped(ui, r, y, nb_sb_cstr(&sb), nb_attr_mark(ui, NB_MARK_MISSING));
	nb_sb_free(&sb);
}

void nb_guide_draw(nb_ui *ui, nb_rect r)
{
	bool amb = ui->opts.ambiguous_wide;
	int y = r.y;
	const char *t = _(M_GUIDANCE);
	nb_draw_text(y++, r.x, r.w, t, strlen(t), A_BOLD, amb);
	if (ui->cur == NB_ENTRY_FORM) {
		guide_form(ui, r, &y);
		return;
	}
	if (ui->cur == NB_ENTRY_INTRO) {
		put_wrapped(ui, r, &y, _(M_INTRO_GUIDE), A_NORMAL);
		return;
	}
	const nb_tsection *ts = nb_ui_tsection(ui, ui->cur);
	if (!ts) {
		put_wrapped(ui, r, &y, _(M_UNMAPPED_GUIDE), A_NORMAL);
		return;
	}
	/* The most useful first: what is still missing, and how to cover the first of it. */
	const nb_item *first_missing = NULL;
	nb_sb sb = { 0 };
	for (size_t i = 0; i < ui->nchecklist; i++) {
		if (ui->checklist[i].covered)
			continue;
		const nb_item *it = ui->checklist[i].item;
		if (!first_missing)
			first_missing = it;
		nb_sb_adds(&sb, sb.len ? _(M_ITEM_SEP) : _(M_MISSING));
		nb_sb_adds(&sb, it->label ? it->label : it->id);
	}
	if (sb.len && !put_wrapped(ui, r, &y, nb_sb_cstr(&sb), nb_attr_mark(ui, NB_MARK_MISSING))) {
		nb_sb_free(&sb);
		return;
	}
	nb_sb_free(&sb);
	if (first_missing && first_missing->hint) {
		char *h = nb_xasprintf("%s%s", _(M_HOW_TO_COVER), first_missing->hint);
		bool more = put_wrapped(ui, r, &y, h, A_NORMAL);
		free(h);
		if (!more)
			return;
	}
	if (ts->guidance && !put_wrapped(ui, r, &y, ts->guidance, A_NORMAL))
		return;
	if (ts->basis) {
		char *b = nb_xasprintf("%s%s", _(M_BASIS), ts->basis);
		put_wrapped(ui, r, &y, b, A_DIM);
		free(b);
	}
}
