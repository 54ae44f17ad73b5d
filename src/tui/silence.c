/* silence.c — the editor's side of silencing (silence.h): ignore-finding records, with a scope
 * and a required reason, that a rule does not apply to the current finding's span, section or
 * the whole report (or withdraws that again); fix-all applies every fix of the current finding's
 * rule in its section as one undo step. Silenced findings stay in the list, dimmed and counted. */
#include "config.h"
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nianbao/fix.h"
#include "nianbao/silence.h"
#include "ui.h"

/* ---- the findings list ---- */

size_t nb_silence_view_counts(const nb_ui *ui, size_t *errors, size_t *warnings)
{
	size_t n = 0;
	for (size_t i = 0; i < ui->findings.n; i++) {
		const nb_finding *f = &ui->findings.v[i];
		if (!f->suppressed)
			continue;
		n++;
		/* the open counts leave dismissed ones out already */
		if (f->decision == NB_DECISION_DISMISSED)
			continue;
		if (f->severity == NB_SEV_ERROR && *errors)
			(*errors)--;
		else if (f->severity == NB_SEV_WARNING && *warnings)
			(*warnings)--;
	}
	return n;
}

const char *nb_silence_glyph(const nb_ui *ui)
{
	(void)ui;
	return "~";   /* the same in every terminal, and distinct from the decision marks */
}

/* ---- which finding ---- */

/* The current finding of the list, else a finding whose span holds the cursor (preferring one
 * that `want_fixable` can fix). Index into ui->forder, or -1. */
static long current_finding(nb_ui *ui, bool want_fixable)
{
	nb_doc *d = nb_ui_doc(ui);
	if (d) {
		size_t c = nb_buffer_cursor(d->buf);
		for (size_t i = 0; i < ui->nforder; i++) {
			const nb_finding *f = &ui->findings.v[ui->forder[i]];
			bool mine = nb_ui_finding_in_view(ui, f);
			if (mine && (!want_fixable || f->fixable) && c >= f->off && c <= f->off + f->len)
				return (long)i;
		}
	}
	if (!ui->comment_focus && ui->fcur >= 0 && (size_t)ui->fcur < ui->nforder)
		return ui->fcur;
	return -1;
}

static bool blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t')
			return false;
	return true;
}

/* ---- ignore-finding ---- */

static void unignore(nb_ui *ui, const nb_finding *f)
{
	const nb_ignore *ig = nb_silence_entry_of(ui->rep, f);
	if (!ig)
		return;
	char *what = nb_xasprintf("%s: %s", ig->rule, ig->reason);
	char *q = nb_xasprintf(_(M_UNIGNORE_ASK), what);
	int a = nb_prompt_choice(ui, q, false);
	free(q);
	if (a == 'y') {
		nb_report_remove_ignore(ui->rep, (size_t)f->ignore_ref - 1);
		nb_review_changed(ui);
		nb_ui_message(ui, _(M_UNIGNORED), what);
	} else {
		nb_ui_message(ui, "%s", _(M_CANCELLED));
	}
	free(what);
}

void nb_act_ignore_finding(nb_ui *ui)
{
	nb_review_prepare(ui);
	nb_ui_refresh_checks(ui);
	long i = current_finding(ui, false);
	if (i < 0) {
		nb_key k = nb_keymap_key_for(ui->keymap, "next-finding");
		char name[32];
		if (k == NB_KEY_NONE)
			snprintf(name, sizeof name, "next-finding");
		else
			nb_key_format(k, NB_KEYFMT_SHORT, name, sizeof name);
		nb_ui_message(ui, _(M_PICK_FINDING), name);
		return;
	}
	ui->fcur = i;
	ui->comment_focus = false;
	size_t idx = ui->forder[i];
	if (ui->findings.v[idx].suppressed) {
		unignore(ui, &ui->findings.v[idx]);
		return;
	}
	const char *rule = ui->findings.v[idx].rule;   /* static: survives re-checks */
	char *q = nb_xasprintf(_(M_IGNORE_SCOPE_ASK), rule);
	int k = nb_prompt_key(ui, q, "123");
	free(q);
	if (!k) {
		nb_ui_message(ui, "%s", _(M_CANCELLED));
		return;
	}
	nb_ignore_scope scope = k == '1' ? NB_IGNORE_SPAN : k == '2' ? NB_IGNORE_SECTION : NB_IGNORE_REPORT;
	if (!nb_silence_scope_ok(ui->rep, &ui->findings.v[idx], scope)) {
		nb_ui_error(ui, "%s", _(scope == NB_IGNORE_SPAN ? M_IGNORE_NO_SPAN : M_IGNORE_NO_SECTION));
		return;
	}
	char *reason = NULL;
	for (;;) {
		reason = nb_prompt_text(ui, _(M_IGNORE_REASON), "");
		if (!reason || !blank(reason))
			break;
		free(reason);
		nb_ui_error(ui, "%s", _(M_IGNORE_NEED_REASON));
	}
	if (!reason) {
		nb_ui_message(ui, "%s", _(M_CANCELLED));
		return;
	}
	/* The prompts ran their own loops: find the finding again in case the list changed. */
	if (idx >= ui->findings.n || ui->findings.v[idx].rule != rule) {
		free(reason);
		nb_ui_message(ui, "%s", _(M_CANCELLED));
		return;
	}
	nb_error err = {{0}};
	char *author = nb_review_author();
	char *now = nb_review_now();
	long e = nb_silence_add(ui->rep, &ui->findings.v[idx], scope, reason, author, now, &err);
	free(author);
	free(now);
	free(reason);
	if (e < 0) {
		nb_ui_error(ui, _(M_IGNORE_FAILED), err.msg);
		return;
	}
	nb_review_changed(ui);   /* marks the findings again and counts them */
	size_t hidden = 0;
	for (size_t j = 0; j < ui->findings.n; j++)
		if (ui->findings.v[j].suppressed && ui->findings.v[j].ignore_ref == e + 1)
			hidden++;
	static const nb_msg_id where[] = {M_IGNORE_HERE, M_IGNORE_SECTION, M_IGNORE_REPORT};
	nb_ui_message(ui, _(M_IGNORED), rule, _(where[scope]), hidden);
}

/* ---- fix-all ---- */

static int by_offset_desc(const void *a, const void *b)
{
	const nb_finding *x = *(const nb_finding *const *)a, *y = *(const nb_finding *const *)b;
	return x->off < y->off ? 1 : x->off > y->off ? -1 : 0;
}

/* Does finding x belong to the same part of the report as f (the section with its heading, the
 * opening paragraph, or the header fields)? */
static bool same_part(const nb_finding *f, const nb_finding *x)
{
	switch (f->place) {
	case NB_PLACE_BODY:
	case NB_PLACE_HEADING:
		return (x->place == NB_PLACE_BODY || x->place == NB_PLACE_HEADING) &&
		       x->section == f->section;
	case NB_PLACE_INTRO:
	case NB_PLACE_META:
		return x->place == f->place;
	case NB_PLACE_DOCUMENT:
		break;
	}
	return false;
}

void nb_act_fix_all(nb_ui *ui)
{
	nb_ui_refresh_checks(ui);
	long i = current_finding(ui, true);
	if (i < 0) {
		nb_ui_message(ui, "%s", _(M_FIX_NONE));
		return;
	}
	ui->fcur = i;
	ui->comment_focus = false;
	const nb_finding *f = &ui->findings.v[ui->forder[i]];
	const char *rule = f->rule;
	/* The fixes of this rule in this part, silenced ones left alone (nb_fix_apply skips them). */
	nb_findings part = {0};
	part.v = nb_xcalloc(ui->findings.n ? ui->findings.n : 1, sizeof *part.v);
	for (size_t j = 0; j < ui->findings.n; j++) {
		const nb_finding *x = &ui->findings.v[j];
		if (x->fixable && !x->suppressed && strcmp(x->rule, rule) == 0 && same_part(f, x)) {
			/* a copy that outlives a re-check of ui->findings (entering a section may run one) */
			nb_finding *c = &part.v[part.n++];
			*c = *x;
			c->message = NULL;
			c->suggestion = nb_xstrdup(x->suggestion);
		}
	}
	part.cap = part.n;
	if (!part.n) {
		nb_findings_free(&part);
		nb_ui_message(ui, _(M_FIX_ALL_NONE), rule);
		return;
	}
	if (!nb_edit_allowed(ui)) {
		nb_findings_free(&part);
		return;
	}
	nb_finding first = *f;
	int section = first.place == NB_PLACE_BODY || first.place == NB_PLACE_HEADING ? first.section : -1;
	/* Applied to a copy of the report, which says which fixes apply (overlaps are left for the
	 * next check); the buffer then gets exactly those, so undo restores the text in one step. */
	nb_ui_sync_report(ui);
	nb_report *copy = nb_report_clone(ui->rep);
	bool *applied = nb_xcalloc(part.n, sizeof *applied);
	size_t n = nb_fix_apply(copy, &part, rule, section, applied);

	const nb_finding **body = nb_xcalloc(part.n, sizeof *body);
	size_t nbody = 0;
	for (size_t j = 0; j < part.n; j++)
		if (applied[j] && (part.v[j].place == NB_PLACE_BODY || part.v[j].place == NB_PLACE_INTRO))
			body[nbody++] = &part.v[j];
	if (nbody) {
		int entry = first.place == NB_PLACE_INTRO ? NB_ENTRY_INTRO : first.section;
		if (entry != ui->cur)
			nb_ui_enter(ui, entry);
		nb_doc *d = nb_ui_doc(ui);
		if (d) {
			qsort(body, nbody, sizeof *body, by_offset_desc);
			size_t len = nb_buffer_len(d->buf), cursor = body[nbody - 1]->off;
			nb_buffer_break_group(d->buf);
			nb_buffer_begin_group(d->buf);
			for (size_t j = 0; j < nbody; j++)   /* back to front: offsets before stay valid */
				if (body[j]->off + body[j]->len <= len)
					nb_buffer_replace(d->buf, body[j]->off, body[j]->len, body[j]->suggestion,
							  strlen(body[j]->suggestion));
			nb_buffer_end_group(d->buf);
			nb_ui_after_edit(ui);
			nb_ui_move_cursor(ui, cursor, false);
		}
	}
	if (section >= 0 && (size_t)section < ui->rep->nsections &&
	    strcmp(copy->sections[section].heading, ui->rep->sections[section].heading) != 0) {
		nb_section *s = &ui->rep->sections[section];
		free(s->heading);
		s->heading = nb_xstrdup(copy->sections[section].heading);
		ui->form_modified = true;
		ui->meta_changes++;
		ui->recheck_all = true;
	}
	if (first.place == NB_PLACE_META) {
		bool changed = false;
		for (int m = 0; m < NB_META_COUNT; m++)
			if (strcmp(nb_report_meta(copy, (nb_meta_field)m),
				   nb_report_meta(ui->rep, (nb_meta_field)m)) != 0) {
				nb_report_set_meta(ui->rep, (nb_meta_field)m, copy->meta[m]);
				changed = true;
			}
		if (changed)
			nb_ui_meta_changed(ui);
	}
	free(body);
	free(applied);
	nb_findings_free(&part);
	nb_report_free(copy);
	nb_ui_message(ui, _(M_FIXED_ALL), n, rule);
}
