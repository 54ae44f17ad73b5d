/* move_para.c — moving a paragraph (or a sub-heading with the paragraphs selected with it) to
 * another section, for when the import put text under the wrong heading.
 *
 * Each section has its own undo history, so a move across two of them cannot be one undo step:
 * the editor asks first, and a wrong move is put right by moving the text back. 批注 on the
 * moved text go with it, and so do decisions on findings in it. Moving re-arranges the draft
 * without changing a word, so it is allowed in review mode too. */
#include "config.h"
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "ui.h"

/* The name findings and 批注 use for a section (review.h): "intro", the template id, else
 * the heading. When several parts share an id, the heading tells them apart. */
static const char *section_name(const nb_report *r, int entry)
{
	if (entry == NB_ENTRY_INTRO)
		return NB_REVIEW_INTRO;
	const nb_section *s = &r->sections[entry];
	if (!s->id)
		return s->heading ? s->heading : "";
	for (size_t i = 0; i < r->nsections; i++)
		if ((int)i != entry && r->sections[i].id && strcmp(r->sections[i].id, s->id) == 0)
			return s->heading ? s->heading : "";
	return s->id;
}

typedef struct moved_comment {
	size_t idx;   /* into rep->comments */
} moved_comment;

void nb_act_move_paragraph(nb_ui *ui)
{
	nb_review_prepare(ui);
	nb_doc *src = nb_ui_doc(ui);
	if (!src) {
		nb_ui_message(ui, "%s", _(M_MOVE_NOT_HERE));
		return;
	}
	int from = ui->cur;
	size_t len = nb_buffer_len(src->buf), c = nb_buffer_cursor(src->buf);
	size_t s = c, e = c;
	if (src->has_mark && src->mark != c) {
		s = src->mark < c ? src->mark : c;
		e = src->mark < c ? c : src->mark;
		e = e > s ? e - 1 : e;   /* a selection ending at a paragraph start stops before it */
	}
	size_t ps = nb_buffer_para_start(src->buf, s), pe = nb_buffer_para_end(src->buf, e);
	if (pe <= ps) {
		nb_ui_message(ui, "%s", _(M_MOVE_EMPTY));
		return;
	}
	char *text = nb_buffer_dup(src->buf, ps, pe - ps);
	int nparas = 1;
	for (const char *p = text; *p; p++)
		nparas += *p == '\n';

	ui->hl_start = ps;
	ui->hl_end = pe;
	ui->picker_title = _(M_MOVE_WHERE);
	int to = nb_prompt_section(ui);
	ui->picker_title = NULL;
	ui->hl_start = ui->hl_end = 0;
	if (to == NB_PICK_CANCELLED || to == from) {
		nb_ui_message(ui, "%s", _(M_CANCELLED));
		free(text);
		return;
	}
	if (to == NB_ENTRY_FORM) {
		nb_ui_message(ui, "%s", _(M_MOVE_NOT_HERE));
		free(text);
		return;
	}
	char *ask = nb_xasprintf(_(M_MOVE_ASK), nparas, nb_ui_entry_title(ui, to));
	int a = nb_prompt_choice(ui, ask, false);
	free(ask);
	if (a != 'y') {
		nb_ui_message(ui, "%s", _(M_CANCELLED));
		free(text);
		return;
	}

	/* What travels with the text: 批注 anchored in it, decisions on findings in it. */
	nb_ui_refresh_checks(ui);
	nb_ui_sync_report(ui);
	nb_report *r = ui->rep;
	size_t *cm = nb_xcalloc(r->ncomments + 1, sizeof *cm);
	size_t *cm_rel = nb_xcalloc(r->ncomments + 1, sizeof *cm_rel);
	size_t ncm = 0;
	for (size_t i = 0; i < r->ncomments; i++) {
		nb_anchor an;
		if (nb_comment_resolve(r, &r->comments[i], &an) != NB_ANCHOR_FOUND || an.len == 0)
			continue;
		int entry = an.intro ? NB_ENTRY_INTRO : an.section;
		if (entry == from && an.off >= ps && an.off + an.len <= pe) {
			cm[ncm] = i;
			cm_rel[ncm++] = an.off - ps;
		}
	}
	size_t *dm = nb_xcalloc(r->ndecisions + 1, sizeof *dm);
	size_t ndm = 0;
	for (size_t i = 0; i < ui->findings.n; i++) {
		const nb_finding *f = &ui->findings.v[i];
		bool mine = from == NB_ENTRY_INTRO ? f->place == NB_PLACE_INTRO
			    : f->place == NB_PLACE_BODY && f->section == from;
		if (mine && f->decision_ref > 0 && f->off >= ps && f->off + f->len <= pe)
			dm[ndm++] = (size_t)f->decision_ref - 1;
	}

	/* Take the paragraphs out with one line break. */
	size_t del_s = ps, del_e = pe;
	if (del_e < len)
		del_e++;
	else if (del_s > 0)
		del_s--;
	nb_buffer_break_group(src->buf);
	nb_buffer_delete(src->buf, del_s, del_e - del_s);
	nb_buffer_break_group(src->buf);
	src->has_mark = false;
	nb_ui_after_edit(ui);
	nb_ui_move_cursor(ui, del_s < nb_buffer_len(src->buf) ? del_s : nb_buffer_len(src->buf), false);

	/* Add them at the end of the target section as paragraphs of their own. */
	nb_doc *dst = nb_ui_doc_at(ui, to);
	size_t dlen = nb_buffer_len(dst->buf);
	size_t at = dlen;
	nb_buffer_break_group(dst->buf);
	if (dlen > 0) {
		char *last = nb_buffer_dup(dst->buf, dlen - 1, 1);
		if (last[0] != '\n') {
			nb_buffer_insert(dst->buf, dlen, "\n", 1);
			at = dlen + 1;
		}
		free(last);
	}
	nb_buffer_insert(dst->buf, at, text, strlen(text));
	nb_buffer_break_group(dst->buf);
	nb_ui_sync_report(ui);

	/* Re-anchor the travelling 批注 at their new place (same text, author and time, same
	 * place in the list). */
	for (size_t k = 0; k < ncm; k++) {
		nb_comment old = r->comments[cm[k]];
		const char *qt = old.quote ? old.quote : "";
		long ni = nb_review_add_comment(r, to == NB_ENTRY_INTRO ? -1 : to, at + cm_rel[k],
						strlen(qt), old.text, old.author, old.time);
		if (ni < 0)
			continue;
		r->comments[cm[k]] = r->comments[ni];
		r->ncomments--;
		free(old.section_id);
		free(old.quote);
		free(old.text);
		free(old.author);
		free(old.time);
	}
	const char *to_name = section_name(r, to);
	for (size_t k = 0; k < ndm; k++) {
		nb_decision *d = &r->decisions[dm[k]];
		free(d->section);
		d->section = nb_xstrdup(to_name);
	}
	nb_review_update_anchors(r);
	free(cm);
	free(cm_rel);
	free(dm);

	ui->recheck_all = true;
	if (ui->opts.read_only)
		ui->review_modified = true;   /* saved with the review */
	ui->comments_stamp++;
	nb_ui_refresh_all(ui);
	nb_guide_update_checklist(ui);
	nb_ui_message(ui, _(M_MOVED), nparas, nb_ui_entry_title(ui, to));
	free(text);
}
