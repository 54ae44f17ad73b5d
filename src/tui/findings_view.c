/* findings_view.c — the findings list (in report order: header, opening, then each section),
 * jumping to the next/previous finding, and applying a finding's suggestion. */
#include "config.h"
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include "nianbao/silence.h"
#include "nianbao/text.h"
#include "ui.h"

static const nb_ui *sort_ui;

static int place_rank(const nb_finding *f)
{
	switch (f->place) {
	case NB_PLACE_DOCUMENT: return 0;
	case NB_PLACE_META: return 1;
	case NB_PLACE_INTRO: return 2;
	default: return 3 + (f->section >= 0 ? f->section : 0);
	}
}

static int cmp_findings(const void *a, const void *b)
{
	const nb_finding *x = &sort_ui->findings.v[*(const size_t *)a];
	const nb_finding *y = &sort_ui->findings.v[*(const size_t *)b];
	int rx = place_rank(x), ry = place_rank(y);
	if (rx != ry)
		return rx < ry ? -1 : 1;
	if (x->place == NB_PLACE_META && x->field != y->field)
		return x->field < y->field ? -1 : 1;
	if (x->place != y->place)   /* heading before body */
		return x->place == NB_PLACE_HEADING ? -1 : 1;
	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	if (x->severity != y->severity)
		return x->severity > y->severity ? -1 : 1;
	return strcmp(x->rule, y->rule);
}

/* Marks each finding with the reviewer's decision on it (dismissed ones stay listed). */
static void apply_decisions(nb_ui *ui)
{
	nb_review_prepare(ui);
	if (ui->rep->ndecisions) {
		ui->review_counts = nb_review_apply(ui->rep, &ui->findings);
		return;
	}
	memset(&ui->review_counts, 0, sizeof ui->review_counts);
	for (size_t i = 0; i < ui->findings.n; i++) {
		nb_finding *f = &ui->findings.v[i];
		f->decision = NB_DECISION_NONE;
		f->decision_ref = 0;
		if (f->severity <= NB_SEV_ERROR)
			ui->review_counts.by_severity[f->severity]++;
	}
	ui->review_counts.undecided = ui->findings.n;
}

void nb_findings_rebuild(nb_ui *ui)
{
	nb_silence_apply(ui->rep, &ui->findings);   /* also after ignore: changed */
	apply_decisions(ui);
	free(ui->forder);
	ui->forder = nb_xcalloc(ui->findings.n ? ui->findings.n : 1, sizeof *ui->forder);
	ui->nforder = ui->findings.n;
	for (size_t i = 0; i < ui->findings.n; i++)
		ui->forder[i] = i;
	sort_ui = ui;
	qsort(ui->forder, ui->nforder, sizeof *ui->forder, cmp_findings);
	sort_ui = NULL;
	if (ui->fcur >= (long)ui->nforder)
		ui->fcur = ui->nforder ? (long)ui->nforder - 1 : -1;
}

/* Short place label: 表头, 开头, or the section number as written (一、). */
static void place_label(const nb_ui *ui, const nb_finding *f, char *buf, size_t size)
{
	if (f->place == NB_PLACE_DOCUMENT)
		snprintf(buf, size, "%s", _(M_PLACE_DOC));
	else if (f->place == NB_PLACE_META)
		snprintf(buf, size, "%s", _(M_PLACE_HEADER));
	else if (f->place == NB_PLACE_INTRO)
		snprintf(buf, size, "%s", _(M_PLACE_INTRO));
	else if (f->section >= 0 && (size_t)f->section < ui->rep->nsections) {
		const char *h = ui->rep->sections[f->section].heading;
		const char *sep = h ? strstr(h, "、") : NULL;
		if (sep && sep - h <= 9)
			snprintf(buf, size, "%.*s", (int)(sep - h), h);
		else
			snprintf(buf, size, "%d", f->section + 1);
	} else
		snprintf(buf, size, "?");
}

static const char *sev_glyph(const nb_ui *ui, nb_severity s)
{
	if (ui->ascii)
		return s == NB_SEV_ERROR ? "E" : s == NB_SEV_WARNING ? "W" : "i";
	return s == NB_SEV_ERROR ? "✗" : s == NB_SEV_WARNING ? "!" : "i";
}

void nb_findings_draw(nb_ui *ui, nb_rect r)
{
	bool amb = ui->opts.ambiguous_wide;
	char title[256];
	/* Dismissed findings are counted apart, not in the error and warning numbers. */
	size_t ne = ui->review_counts.by_severity[NB_SEV_ERROR];
	size_t nw = ui->review_counts.by_severity[NB_SEV_WARNING];
	size_t nsilenced = nb_silence_view_counts(ui, &ne, &nw);   /* counted apart, like dismissed */
	size_t ncomments = nb_comments_rows(ui);
	if (ui->nforder == 0)
		snprintf(title, sizeof title, "%s: %s", _(M_FINDINGS), _(M_NO_FINDINGS));
	else
		snprintf(title, sizeof title, "%s %zu (%s %zu, %s %zu)", _(M_FINDINGS), ui->nforder,
			 _(M_SEV_ERROR), ne, _(M_SEV_WARNING), nw);
	if (ui->review_counts.accepted || ui->review_counts.dismissed) {
		size_t n = strlen(title);
		snprintf(title + n, sizeof title - n, " %s%s %zu %s%s %zu",
			 nb_decision_glyph(ui, NB_DECISION_ACCEPTED), _(M_WORD_ACCEPTED),
			 ui->review_counts.accepted, nb_decision_glyph(ui, NB_DECISION_DISMISSED),
			 _(M_WORD_DISMISSED), ui->review_counts.dismissed);
	}
	if (nsilenced) {
		size_t n = strlen(title);
		snprintf(title + n, sizeof title - n, " %s%s %zu", nb_silence_glyph(ui), _(M_WORD_IGNORED),
			 nsilenced);
	}
	if (ncomments) {
		size_t n = strlen(title);
		snprintf(title + n, sizeof title - n, "  %s %zu", _(M_COMMENTS), ncomments);
	}
	int y = r.y;
	if (r.h >= 2) {
		nb_draw_text(y++, r.x, r.w, title, strlen(title), A_BOLD, amb);
	}
	int rows = r.y + r.h - y;
	/* The findings, then the 批注. */
	long total = (long)(ui->nforder + ncomments);
	if (rows <= 0 || total == 0)
		return;
	long curow = ui->comment_focus && ui->ccur >= 0 ? (long)ui->nforder + ui->ccur : ui->fcur;
	/* Keep the current row in view. */
	long first = 0;
	if (curow >= rows)
		first = curow - rows + 1;
	for (long i = first; i < total && y < r.y + r.h; i++, y++) {
		if (i >= (long)ui->nforder) {
			nb_comments_draw_row(ui, (size_t)(i - (long)ui->nforder), y, r.x, r.w, i == curow);
			continue;
		}
		const nb_finding *f = &ui->findings.v[ui->forder[i]];
		bool cur = i == curow;
		char lab[64];
		place_label(ui, f, lab, sizeof lab);
		const char *g = sev_glyph(ui, f->severity);
		nb_draw_text(y, r.x, 1, g, strlen(g), nb_attr_severity(ui, f->severity), amb);
		const char *dg = f->suppressed ? nb_silence_glyph(ui) : nb_decision_glyph(ui, f->decision);
		nb_draw_text(y, r.x + 1, 1, dg, strlen(dg), A_BOLD, amb);
		int x = 3;
		char *line = nb_xasprintf("[%s] %s", lab, f->message ? f->message : f->rule);
		int a = cur ? A_REVERSE : f->decision == NB_DECISION_DISMISSED || f->suppressed ? A_DIM : A_NORMAL;
		int w = nb_draw_text(y, r.x + x, r.w - x, line, strlen(line), a, amb);
		if (cur && x + w < r.w)
			nb_draw_fill(y, r.x + x + w, r.w - x - w, a);
		free(line);
	}
}

/* ---- jumping ---- */

static void show_finding(nb_ui *ui)
{
	const nb_finding *f = &ui->findings.v[ui->forder[ui->fcur]];
	int entry;
	switch (f->place) {
	case NB_PLACE_META:
	case NB_PLACE_DOCUMENT:
		entry = NB_ENTRY_FORM;
		break;
	case NB_PLACE_INTRO:
		entry = NB_ENTRY_INTRO;
		break;
	default:
		entry = f->section >= 0 ? f->section : NB_ENTRY_FORM;
	}
	int field = f->field;
	size_t off = f->off, len = f->len;
	nb_severity sev = f->severity;
	char *msg = nb_xstrdup(f->message ? f->message : f->rule);
	char *sugg = nb_xstrdup(f->suggestion);
	const nb_decision *dec = nb_review_decision_of(ui->rep, f);
	if (dec) {
		/* Say first what the reviewer decided, and why (the message may not fit). */
		const char *word = _(dec->decision == NB_DECISION_ACCEPTED ? M_WORD_ACCEPTED
									   : M_WORD_DISMISSED);
		char *m = dec->reason && *dec->reason
				  ? nb_xasprintf(_(M_DECISION_REASON), word, dec->reason, msg)
				  : nb_xasprintf(_(M_DECISION), word, msg);
		free(msg);
		msg = m;
	}
	const nb_ignore *silenced = nb_silence_entry_of(ui->rep, f);
	if (silenced) {
		char *m = nb_xasprintf(_(M_IGNORED_SHOW), msg, silenced->reason);
		free(msg);
		msg = m;
	}
	if (entry != ui->cur)
		nb_ui_enter(ui, entry);   /* may rebuild forder; fcur stays an index into it */
	if (entry == NB_ENTRY_FORM) {
		for (int i = 0; f->place == NB_PLACE_META && i < ui->nform_fields; i++)
			if (ui->form_fields[i] == field) {
				ui->form_field = i;
				ui->form_cursor = strlen(nb_report_meta(ui->rep, (nb_meta_field)field));
			}
	} else if (f->place == NB_PLACE_BODY || f->place == NB_PLACE_INTRO) {
		nb_ui_move_cursor(ui, off, false);
		ui->hl_start = off;
		ui->hl_end = off + len;
	}
	if (sugg && *sugg)
		nb_ui_message(ui, "%s  %s", msg, sugg);
	else
		nb_ui_message(ui, "%s", msg);
	ui->message_error = sev == NB_SEV_ERROR;
	free(msg);
	free(sugg);
}

static void step_finding(nb_ui *ui, int dir)
{
	nb_ui_refresh_checks(ui);
	if (ui->nforder == 0) {
		nb_ui_message(ui, "%s", _(M_NO_MORE_FINDINGS));
		return;
	}
	long n = (long)ui->nforder;
	ui->comment_focus = false;
	if (ui->fcur < 0)
		ui->fcur = dir > 0 ? 0 : n - 1;
	else
		ui->fcur = (ui->fcur + dir + n) % n;
	show_finding(ui);
}

void nb_act_next_finding(nb_ui *ui) { step_finding(ui, 1); }
void nb_act_prev_finding(nb_ui *ui) { step_finding(ui, -1); }

bool nb_ui_finding_in_view(const nb_ui *ui, const nb_finding *f)
{
	return ui->cur == NB_ENTRY_INTRO ? f->place == NB_PLACE_INTRO
					 : f->place == NB_PLACE_BODY && f->section == ui->cur;
}

/* The finding the fix key means: one whose span holds the cursor, else the current one. */
static long finding_for_fix(nb_ui *ui)
{
	nb_doc *d = nb_ui_doc(ui);
	if (d) {
		size_t c = nb_buffer_cursor(d->buf);
		for (size_t i = 0; i < ui->nforder; i++) {
			const nb_finding *f = &ui->findings.v[ui->forder[i]];
			bool mine = nb_ui_finding_in_view(ui, f);
			if (mine && f->fixable && c >= f->off && c <= f->off + f->len)
				return (long)i;
		}
	}
	return ui->fcur;
}

/* Replaces [off, off+len) of a string owned by the report. */
static char *splice(const char *s, size_t off, size_t len, const char *with)
{
	size_t n = strlen(s);
	if (off > n || off + len > n)
		return NULL;
	return nb_xasprintf("%.*s%s%s", (int)off, s, with, s + off + len);
}

void nb_act_fix(nb_ui *ui)
{
	nb_ui_refresh_checks(ui);
	long i = finding_for_fix(ui);
	if (i < 0 || i >= (long)ui->nforder) {
		nb_ui_message(ui, "%s", _(M_FIX_NONE));
		return;
	}
	ui->fcur = i;
	const nb_finding *f = &ui->findings.v[ui->forder[i]];
	if (!f->suggestion || !*f->suggestion) {
		nb_ui_message(ui, "%s", _(M_FIX_NONE));
		return;
	}
	if (!f->fixable) {
		/* Advice rather than a replacement: show it. */
		nb_ui_message(ui, _(M_FIX_ADVICE), f->suggestion);
		return;
	}
	if (!nb_edit_allowed(ui))
		return;
	size_t off = f->off, len = f->len;
	char *with = nb_xstrdup(f->suggestion);
	if (f->place == NB_PLACE_BODY || f->place == NB_PLACE_INTRO) {
		int entry = f->place == NB_PLACE_INTRO ? NB_ENTRY_INTRO : f->section;
		if (entry != ui->cur)
			nb_ui_enter(ui, entry);
		nb_doc *d = nb_ui_doc(ui);
		if (d && off + len <= nb_buffer_len(d->buf)) {
			nb_buffer_break_group(d->buf);
			nb_buffer_replace(d->buf, off, len, with, strlen(with));
			nb_ui_after_edit(ui);
			nb_ui_move_cursor(ui, off + strlen(with), false);
		}
	} else if (f->place == NB_PLACE_META && f->field >= 0) {
		char *v = splice(nb_report_meta(ui->rep, (nb_meta_field)f->field), off, len, with);
		if (v) {
			nb_report_set_meta(ui->rep, (nb_meta_field)f->field, v);
			nb_ui_meta_changed(ui);
		}
		free(v);
	} else if (f->place == NB_PLACE_HEADING && f->section >= 0 &&
		   (size_t)f->section < ui->rep->nsections) {
		nb_section *s = &ui->rep->sections[f->section];
		char *v = splice(s->heading ? s->heading : "", off, len, with);
		if (v) {
			free(s->heading);
			s->heading = v;
			ui->form_modified = true;
			ui->meta_changes++;
			ui->recheck_all = true;
		}
	}
	free(with);
	nb_ui_message(ui, "%s", _(M_FIX_APPLIED));
}
