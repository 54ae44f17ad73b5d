/* doc.c — the report as the editor holds it: one buffer (with its own undo history) per section
 * and for the opening paragraph, the entry being edited, and keeping the report, the findings
 * and the checklist in step with the buffers. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "nianbao/text.h"
#include "ui.h"

static void doc_init(nb_doc *d, const char *text)
{
	memset(d, 0, sizeof *d);
	d->buf = nb_buffer_new(text, strlen(text));
	d->synced = nb_buffer_version(d->buf);
	d->zishu = nb_count_zishu(text, strlen(text));
	d->zishu_version = d->synced;
}

void nb_ui_docs_init(nb_ui *ui)
{
	doc_init(&ui->intro, ui->rep->intro ? ui->rep->intro : "");
	ui->docs = nb_xcalloc(ui->rep->nsections ? ui->rep->nsections : 1, sizeof *ui->docs);
	for (size_t i = 0; i < ui->rep->nsections; i++)
		doc_init(&ui->docs[i], ui->rep->sections[i].body);
}

void nb_ui_docs_free(nb_ui *ui)
{
	nb_buffer_free(ui->intro.buf);
	for (size_t i = 0; ui->docs && i < ui->rep->nsections; i++)
		nb_buffer_free(ui->docs[i].buf);
	free(ui->docs);
	ui->docs = NULL;
}

nb_doc *nb_ui_doc_at(nb_ui *ui, int entry)
{
	if (entry == NB_ENTRY_INTRO)
		return &ui->intro;
	if (entry >= 0 && (size_t)entry < ui->rep->nsections)
		return &ui->docs[entry];
	return NULL;
}

nb_doc *nb_ui_doc(nb_ui *ui)
{
	return nb_ui_doc_at(ui, ui->cur);
}

const nb_tsection *nb_ui_tsection(const nb_ui *ui, int entry)
{
	if (entry < 0 || (size_t)entry >= ui->rep->nsections)
		return NULL;
	const char *id = ui->rep->sections[entry].id;
	return id ? nb_template_section(ui->tpl, id) : NULL;
}

int nb_ui_entry_count(const nb_ui *ui)
{
	return 2 + (int)ui->rep->nsections;
}

int nb_ui_entry_at(const nb_ui *ui, int index)
{
	(void)ui;
	return index == 0 ? NB_ENTRY_FORM : index == 1 ? NB_ENTRY_INTRO : index - 2;
}

int nb_ui_entry_index(const nb_ui *ui, int entry)
{
	(void)ui;
	return entry == NB_ENTRY_FORM ? 0 : entry == NB_ENTRY_INTRO ? 1 : entry + 2;
}

const char *nb_ui_entry_title(const nb_ui *ui, int entry)
{
	if (entry == NB_ENTRY_FORM)
		return _(M_HEADER_FORM);
	if (entry == NB_ENTRY_INTRO)
		return _(M_INTRO);
	const nb_section *s = &ui->rep->sections[entry];
	return s->heading && *s->heading ? s->heading : "?";
}

void nb_ui_after_edit(nb_ui *ui)
{
	nb_doc *d = nb_ui_doc(ui);
	if (!d)
		return;
	nb_layout_sync(ui->layout, d->buf);
	ui->hl_end = ui->hl_start = 0;
	size_t len = nb_buffer_len(d->buf);
	if (d->has_mark && d->mark > len)
		d->mark = len;
}

void nb_ui_enter(nb_ui *ui, int entry)
{
	nb_doc *old = nb_ui_doc(ui);
	if (old)
		old->has_mark = false;
	ui->cur = entry;
	ui->hl_start = ui->hl_end = 0;
	nb_doc *d = nb_ui_doc(ui);
	if (d) {
		if (ui->layout)
			nb_layout_free(ui->layout);
		ui->layout = nb_layout_new(ui->geo.text.w, ui->opts.ambiguous_wide);
		nb_layout_reset(ui->layout, d->buf);
		/* The layout now reflects the text: drop the change record it would otherwise replay. */
		size_t a, b, c;
		(void)nb_buffer_take_change(d->buf, &a, &b, &c);
		ui->goal_x = -1;
		nb_ui_scroll_to_cursor(ui);
	}
	ui->checked_version = (unsigned long)-1;
	nb_guide_update_checklist(ui);
	nb_findings_rebuild(ui);
}

static void sync_doc(nb_doc *d, char **target_body, nb_section *sec)
{
	unsigned long v = nb_buffer_version(d->buf);
	if (v == d->synced)
		return;
	size_t len;
	const char *t = nb_buffer_text(d->buf, &len);
	if (sec) {
		nb_section_set_body(sec, t);
	} else {
		free(*target_body);
		*target_body = nb_xstrdup(t);
	}
	d->synced = v;
}

void nb_ui_sync_report(nb_ui *ui)
{
	sync_doc(&ui->intro, &ui->rep->intro, NULL);
	for (size_t i = 0; i < ui->rep->nsections; i++)
		sync_doc(&ui->docs[i], NULL, &ui->rep->sections[i]);
}

static void update_zishu(nb_doc *d)
{
	unsigned long v = nb_buffer_version(d->buf);
	if (v == d->zishu_version)
		return;
	size_t len;
	const char *t = nb_buffer_text(d->buf, &len);
	d->zishu = nb_count_zishu(t, len);
	d->zishu_version = v;
}

size_t nb_ui_zishu_total(nb_ui *ui)
{
	size_t n = ui->intro.zishu;
	for (size_t i = 0; i < ui->rep->nsections; i++)
		n += ui->docs[i].zishu;
	return n;
}

void nb_ui_refresh_all(nb_ui *ui)
{
	nb_ui_sync_report(ui);
	nb_findings_clear(&ui->findings);
	nb_check_report(ui->rep, ui->tpl, &ui->check_opts, &ui->findings);
	for (size_t i = 0; i < ui->load_notes.n; i++) {
		const nb_finding *n = &ui->load_notes.v[i];
		nb_finding *f = nb_findings_add(&ui->findings, n->rule, n->severity, n->message,
						n->suggestion);
		f->place = n->place;
		f->section = n->section;
		f->field = n->field;
		f->off = n->off;
		f->len = n->len;
		f->line = n->line;
		f->col = n->col;
	}
	ui->recheck_all = false;
	nb_findings_rebuild(ui);
}

bool nb_ui_check_pending(nb_ui *ui)
{
	nb_doc *d = nb_ui_doc(ui);
	return ui->recheck_all || (d && nb_buffer_version(d->buf) != ui->checked_version);
}

void nb_ui_refresh_checks(nb_ui *ui)
{
	nb_doc *d = nb_ui_doc(ui);
	unsigned long v = d ? nb_buffer_version(d->buf) : 0;
	if (!ui->recheck_all && (!d || v == ui->checked_version))
		return;
	nb_ui_sync_report(ui);
	if (d)
		update_zishu(d);
	if (ui->recheck_all || ui->cur == NB_ENTRY_INTRO) {
		nb_ui_refresh_all(ui);
	} else if (ui->cur >= 0) {
		if (!ui->check_cache)
			ui->check_cache = nb_check_cache_new();
		nb_check_section_cached(ui->check_cache, ui->rep, ui->tpl, &ui->check_opts, (size_t)ui->cur,
					&ui->findings);
	}
	ui->checked_version = v;
	nb_guide_update_checklist(ui);
	nb_findings_rebuild(ui);
}

bool nb_ui_modified(const nb_ui *ui)
{
	if (ui->form_modified || nb_buffer_is_modified(ui->intro.buf))
		return true;
	for (size_t i = 0; i < ui->rep->nsections; i++)
		if (nb_buffer_is_modified(ui->docs[i].buf))
			return true;
	return false;
}

void nb_ui_mark_saved(nb_ui *ui)
{
	ui->form_modified = false;
	nb_buffer_mark_saved(ui->intro.buf);
	for (size_t i = 0; i < ui->rep->nsections; i++)
		nb_buffer_mark_saved(ui->docs[i].buf);
}

nb_mark nb_ui_entry_mark(const nb_ui *ui, int entry)
{
	bool any = false, missing = false;
	for (size_t i = 0; i < ui->findings.n; i++) {
		const nb_finding *f = &ui->findings.v[i];
		if (f->severity == NB_SEV_INFO)
			continue;
		bool mine;
		if (entry == NB_ENTRY_FORM)
			mine = f->place == NB_PLACE_META;
		else if (entry == NB_ENTRY_INTRO)
			mine = f->place == NB_PLACE_INTRO;
		else
			mine = (f->place == NB_PLACE_BODY || f->place == NB_PLACE_HEADING) &&
			       f->section == entry;
		if (!mine)
			continue;
		any = true;
		if (strcmp(f->rule, "item-missing") == 0 || strcmp(f->rule, "section-empty") == 0)
			missing = true;
	}
	if (missing)
		return NB_MARK_MISSING;
	if (any)
		return NB_MARK_FINDINGS;
	if (entry == NB_ENTRY_FORM)
		return NB_MARK_DONE;
	const nb_doc *d = nb_ui_doc_at((nb_ui *)ui, entry);
	if (d && nb_buffer_len(d->buf) == 0)
		return NB_MARK_EMPTY;
	return NB_MARK_DONE;
}

void nb_ui_scroll_to_cursor(nb_ui *ui)
{
	nb_doc *d = nb_ui_doc(ui);
	if (!d || !ui->layout)
		return;
	size_t row;
	int x;
	nb_layout_pos(ui->layout, d->buf, nb_buffer_cursor(d->buf), &row, &x);
	size_t h = ui->geo.editor.h > 0 ? (size_t)ui->geo.editor.h : 1;
	if (row < d->top)
		d->top = row;
	else if (row >= d->top + h)
		d->top = row - h + 1;
	size_t nrows = nb_layout_row_count(ui->layout);
	if (d->top > 0 && d->top + h > nrows)
		d->top = nrows > h ? nrows - h : 0;
}

void nb_ui_move_cursor(nb_ui *ui, size_t off, bool keep_goal)
{
	nb_doc *d = nb_ui_doc(ui);
	if (!d)
		return;
	size_t len = nb_buffer_len(d->buf);
	if (off > len)
		off = len;
	nb_buffer_set_cursor(d->buf, off);
	if (!keep_goal)
		ui->goal_x = -1;
	nb_ui_scroll_to_cursor(ui);
}

/* Headings and the title follow the year and unit while they still read as the template wrote
 * them; once the writer has changed one, it is theirs. Half-typed years are skipped. */
static char *template_heading(size_t i, const nb_tsection *ts, int year, const char *unit)
{
	static const char *const nums[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十" };
	char *title = nb_template_expand(ts->title, year, unit);
	char *h = nb_xasprintf("%s、%s", i < 10 ? nums[i] : "十", title);
	free(title);
	return h;
}

void nb_ui_meta_changed(nb_ui *ui)
{
	ui->form_modified = true;
	ui->meta_changes++;
	ui->recheck_all = true;
	int year = nb_report_year(ui->rep);
	const char *unit = nb_report_meta(ui->rep, NB_META_UNIT);
	const char *old_unit = ui->titled_unit ? ui->titled_unit : "";
	if (year <= 0 || (year == ui->titled_year && strcmp(unit, old_unit) == 0))
		return;
	for (size_t i = 0; i < ui->rep->nsections; i++) {
		nb_section *s = &ui->rep->sections[i];
		const nb_tsection *ts = nb_ui_tsection(ui, (int)i);
		if (!ts || !ts->title)
			continue;
		char *was = template_heading(i, ts, ui->titled_year, old_unit);
		if (s->heading && strcmp(s->heading, was) == 0) {
			free(s->heading);
			s->heading = template_heading(i, ts, year, unit);
		}
		free(was);
	}
	if (ui->tpl->title_pattern) {
		const char *title = nb_report_meta(ui->rep, NB_META_TITLE);
		char *was = nb_template_expand(ui->tpl->title_pattern, ui->titled_year, old_unit);
		if ((*title == '\0' || strcmp(title, was) == 0) && *unit) {
			char *now = nb_template_expand(ui->tpl->title_pattern, year, unit);
			nb_report_set_meta(ui->rep, NB_META_TITLE, now);
			free(now);
		}
		free(was);
	}
	ui->titled_year = year;
	free(ui->titled_unit);
	ui->titled_unit = nb_xstrdup(unit);
}
