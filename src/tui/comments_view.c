/* comments_view.c — 批注 in the editor: adding one on the selection (or the sentence at the
 * cursor), editing, deleting, stepping through them; their rows in the findings list; and the
 * highlight of their spans in the section editor.
 *
 * A 批注 is anchored by its section and quoted text (review.h), so it follows its words when
 * text is added or removed elsewhere. One whose words are gone is orphaned: it stays in the list
 * marked as such, with the quote it had, and is saved like any other. */
#include "config.h"
#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nianbao/text.h"
#include "ui.h"

/* The entry (section index or NB_ENTRY_INTRO) an anchor is in. */
static int anchor_entry(const nb_anchor *a)
{
	return a->intro ? NB_ENTRY_INTRO : a->section;
}

/* At most `chars` characters of s, with … when cut. Caller frees. */
static char *shorten(const char *s, size_t chars)
{
	size_t len = strlen(s), off = 0, n = 0;
	while (off < len && n < chars) {
		off = nb_utf8_next(s, len, off);
		n++;
	}
	return off < len ? nb_xasprintf("%.*s…", (int)off, s) : nb_xstrdup(s);
}

/* "2025-03-01T10:05:00+08:00" → "2025-03-01 10:05". */
static void short_time(const char *iso, char *buf, size_t size)
{
	if (iso && strlen(iso) >= 16 && iso[10] == 'T')
		snprintf(buf, size, "%.10s %.5s", iso, iso + 11);
	else
		snprintf(buf, size, "%s", iso ? iso : "");
}

/* ---- the list ---- */

size_t nb_comments_rows(const nb_ui *ui)
{
	return ui->rep->ncomments;
}

/* Place label like the findings': the section number as written (一), 开头, or "原文已删". */
static void place_label(const nb_ui *ui, const nb_anchor *a, char *buf, size_t size)
{
	if (a->state == NB_ANCHOR_ORPHANED) {
		snprintf(buf, size, "%s", _(M_ORPHANED));
	} else if (a->intro) {
		snprintf(buf, size, "%s", _(M_PLACE_INTRO));
	} else {
		const char *h = ui->rep->sections[a->section].heading;
		const char *sep = h ? strstr(h, "、") : NULL;
		if (sep && sep - h <= 9)
			snprintf(buf, size, "%.*s", (int)(sep - h), h);
		else
			snprintf(buf, size, "%d", a->section + 1);
	}
}

void nb_comments_draw_row(nb_ui *ui, size_t i, int y, int x, int w, bool current)
{
	if (i >= ui->rep->ncomments || w < 4)
		return;
	bool amb = ui->opts.ambiguous_wide;
	const nb_comment *c = &ui->rep->comments[i];
	nb_anchor a;
	nb_comment_resolve(ui->rep, c, &a);
	const char *g = ui->ascii ? "#" : "✎";
	nb_draw_text(y, x, 2, g, strlen(g), nb_attr_severity(ui, NB_SEV_INFO), amb);
	char lab[64];
	place_label(ui, &a, lab, sizeof lab);
	char *q = shorten(c->quote ? c->quote : "", 12);
	nb_sb sb = { 0 };
	nb_sb_printf(&sb, "[%s] ", lab);
	if (*q)
		nb_sb_printf(&sb, "「%s」", q);
	nb_sb_printf(&sb, "%s", c->text ? c->text : "");
	if (c->author && *c->author)
		nb_sb_printf(&sb, " — %s", c->author);
	int attr = current ? A_REVERSE : a.state == NB_ANCHOR_ORPHANED ? A_DIM : A_NORMAL;
	int used = nb_draw_text(y, x + 2, w - 2, sb.s, sb.len, attr, amb);
	if (current && 2 + used < w)
		nb_draw_fill(y, x + 2 + used, w - 2 - used, attr);
	nb_sb_free(&sb);
	free(q);
}

/* ---- highlight in the editor ---- */

/* Spans of the current entry's 批注, recomputed when the text, the entry or the 批注 change. */
static void update_spans(nb_ui *ui)
{
	nb_review_prepare(ui);
	nb_doc *d = nb_ui_doc(ui);
	unsigned long v = d ? nb_buffer_version(d->buf) : 0;
	if (ui->cspans_entry == ui->cur && ui->cspans_version == v &&
	    ui->cspans_stamp == ui->comments_stamp)
		return;
	ui->cspans_entry = ui->cur;
	ui->cspans_version = v;
	ui->cspans_stamp = ui->comments_stamp;
	ui->ncspans = 0;
	if (!d || ui->rep->ncomments == 0)
		return;
	/* Anchors are found in the report's copy of the text: bring it up to date first. */
	nb_ui_sync_report(ui);
	int max = (int)(sizeof ui->cspans / sizeof ui->cspans[0]);
	for (size_t i = 0; i < ui->rep->ncomments && ui->ncspans < max; i++) {
		nb_anchor a;
		if (nb_comment_resolve(ui->rep, &ui->rep->comments[i], &a) != NB_ANCHOR_FOUND ||
		    anchor_entry(&a) != ui->cur || a.len == 0)
			continue;
		ui->cspans[ui->ncspans].off = a.off;
		ui->cspans[ui->ncspans].len = a.len;
		ui->ncspans++;
	}
}

int nb_comments_attr_at(nb_ui *ui, size_t off)
{
	update_spans(ui);
	for (int i = 0; i < ui->ncspans; i++)
		if (off >= ui->cspans[i].off && off < ui->cspans[i].off + ui->cspans[i].len)
			return ui->color ? nb_attr_severity(ui, NB_SEV_INFO) | A_BOLD : A_BOLD;
	return 0;
}

size_t nb_comments_next_boundary(nb_ui *ui, size_t off, size_t best)
{
	update_spans(ui);
	for (int i = 0; i < ui->ncspans; i++) {
		size_t s = ui->cspans[i].off, e = s + ui->cspans[i].len;
		if (s > off && s < best)
			best = s;
		if (e > off && e < best)
			best = e;
	}
	return best;
}

/* ---- showing one ---- */

static void show_comment(nb_ui *ui, size_t i)
{
	ui->ccur = (long)i;
	ui->comment_focus = true;
	nb_ui_sync_report(ui);
	const nb_comment *c = &ui->rep->comments[i];
	nb_anchor a;
	nb_anchor_state st = nb_comment_resolve(ui->rep, c, &a);
	char when[32];
	short_time(c->time, when, sizeof when);
	const char *who = c->author ? c->author : "";
	const char *text = c->text ? c->text : "";
	if (st == NB_ANCHOR_ORPHANED) {
		char *q = shorten(c->quote ? c->quote : "", 20);
		nb_ui_message(ui, _(M_COMMENT_SHOW_ORPH), q, who, when, text);
		free(q);
		return;
	}
	int entry = anchor_entry(&a);
	if (entry != ui->cur)
		nb_ui_enter(ui, entry);
	if (st == NB_ANCHOR_FOUND) {
		nb_ui_move_cursor(ui, a.off, false);
		ui->hl_start = a.off;
		ui->hl_end = a.off + a.len;
	}
	/* nb_ui_enter may have re-read the list: the 批注 stays the current row. */
	ui->ccur = (long)i;
	ui->comment_focus = true;
	nb_ui_message(ui, _(M_COMMENT_SHOW), who, when, text);
}

void nb_act_next_comment(nb_ui *ui)
{
	nb_review_prepare(ui);
	size_t n = ui->rep->ncomments;
	if (n == 0) {
		nb_ui_message(ui, "%s", _(M_NO_COMMENTS));
		return;
	}
	size_t i = ui->ccur < 0 || (size_t)ui->ccur >= n ? 0 : ((size_t)ui->ccur + 1) % n;
	if (!ui->comment_focus && ui->ccur >= 0 && (size_t)ui->ccur < n)
		i = (size_t)ui->ccur;   /* back to the one we were on */
	show_comment(ui, i);
}

/* The 批注 an edit or delete is about: one whose span holds the cursor, else the current one. */
static long comment_here(nb_ui *ui)
{
	nb_review_prepare(ui);
	nb_doc *d = nb_ui_doc(ui);
	if (d) {
		nb_ui_sync_report(ui);
		size_t c = nb_buffer_cursor(d->buf);
		for (size_t i = 0; i < ui->rep->ncomments; i++) {
			nb_anchor a;
			if (nb_comment_resolve(ui->rep, &ui->rep->comments[i], &a) == NB_ANCHOR_FOUND &&
			    anchor_entry(&a) == ui->cur && c >= a.off && c < a.off + a.len)
				return (long)i;
		}
	}
	if (ui->comment_focus && ui->ccur >= 0 && (size_t)ui->ccur < ui->rep->ncomments)
		return ui->ccur;
	char k[32];
	nb_ui_action_key(ui, "next-comment", k, sizeof k);
	nb_ui_message(ui, _(M_PICK_COMMENT), k);
	return -1;
}

/* ---- adding, editing, deleting ---- */

static bool is_space_at(const char *t, size_t len, size_t off)
{
	uint32_t cp = 0;
	bool valid;
	(void)nb_utf8_decode(t + off, len - off, &cp, &valid);
	return cp == ' ' || cp == '\t' || cp == 0x3000;
}

/* Sentence ends: what closes a sentence in Chinese text (and ; which closes a clause item). */
static bool ends_sentence(uint32_t cp)
{
	return cp == 0x3002 /* 。 */ || cp == 0xFF01 /* ！ */ || cp == 0xFF1F /* ？ */ ||
	       cp == 0xFF1B /* ； */ || cp == '!' || cp == '?' || cp == ';';
}

/* The sentence around `at` in text t: from after the previous sentence end (or the paragraph
 * start) to its own end mark (or the paragraph end), without surrounding spaces. */
static void sentence_at(const char *t, size_t len, size_t at, size_t *s, size_t *e)
{
	size_t ps = at, pe = at;
	while (ps > 0 && t[ps - 1] != '\n')
		ps--;
	while (pe < len && t[pe] != '\n')
		pe++;
	if (at == pe && at > ps)   /* at the paragraph end: the last sentence */
		at = nb_utf8_prev(t, at);
	size_t a = ps;
	for (size_t o = ps; o < at;) {
		uint32_t cp = 0;
		bool valid;
		size_t n = nb_utf8_decode(t + o, len - o, &cp, &valid);
		o += n ? n : 1;
		if (ends_sentence(cp))
			a = o;
	}
	size_t b = pe;
	for (size_t o = at; o < pe;) {
		uint32_t cp = 0;
		bool valid;
		size_t n = nb_utf8_decode(t + o, len - o, &cp, &valid);
		o += n ? n : 1;
		if (ends_sentence(cp)) {
			b = o;
			break;
		}
	}
	if (a >= b) {   /* the cursor sat right after an end mark at the paragraph end */
		a = ps;
		b = pe;
	}
	while (a < b && is_space_at(t, len, a))
		a = nb_utf8_next(t, len, a);
	while (b > a && is_space_at(t, len, nb_utf8_prev(t, b)))
		b = nb_utf8_prev(t, b);
	*s = a;
	*e = b;
}

void nb_act_add_comment(nb_ui *ui)
{
	nb_review_prepare(ui);
	nb_doc *d = nb_ui_doc(ui);
	if (!d) {
		nb_ui_message(ui, "%s", _(M_COMMENT_WHERE));
		return;
	}
	nb_ui_sync_report(ui);
	size_t len;
	const char *t = nb_buffer_text(d->buf, &len);
	size_t c = nb_buffer_cursor(d->buf), s, e;
	if (d->has_mark && d->mark != c) {
		s = d->mark < c ? d->mark : c;
		e = d->mark < c ? c : d->mark;
	} else {
		sentence_at(t, len, c, &s, &e);
	}
	/* Show what the 批注 will be about while its text is typed. */
	ui->hl_start = s;
	ui->hl_end = e;
	char *text = nb_prompt_text(ui, _(M_COMMENT_PROMPT), "");
	ui->hl_start = ui->hl_end = 0;
	if (!text) {
		nb_ui_message(ui, "%s", _(M_CANCELLED));
		return;
	}
	if (!*text) {
		free(text);
		nb_ui_message(ui, "%s", _(M_COMMENT_EMPTY));
		return;
	}
	char *author = nb_review_author();
	char *now = nb_review_now();
	long idx = nb_review_add_comment(ui->rep, ui->cur == NB_ENTRY_INTRO ? -1 : ui->cur, s, e - s,
					 text, author, now);
	free(author);
	free(now);
	free(text);
	if (idx < 0) {
		nb_ui_message(ui, "%s", _(M_COMMENT_WHERE));
		return;
	}
	d->has_mark = false;
	ui->ccur = idx;
	ui->comment_focus = true;
	nb_review_changed(ui);
	char *q = shorten(ui->rep->comments[idx].quote, 20);
	nb_ui_message(ui, _(M_COMMENT_ADDED), q);
	free(q);
}

void nb_act_edit_comment(nb_ui *ui)
{
	long i = comment_here(ui);
	if (i < 0)
		return;
	ui->ccur = i;
	ui->comment_focus = true;
	const char *was = ui->rep->comments[i].text;
	char *text = nb_prompt_text(ui, _(M_COMMENT_PROMPT), was ? was : "");
	if (!text || !*text || (was && strcmp(text, was) == 0)) {
		free(text);
		nb_ui_message(ui, "%s", _(M_CANCELLED));
		return;
	}
	char *author = nb_review_author();
	char *now = nb_review_now();
	nb_review_edit_comment(ui->rep, (size_t)i, text, author, now);
	free(author);
	free(now);
	free(text);
	nb_review_changed(ui);
	nb_ui_message(ui, "%s", _(M_COMMENT_EDITED));
}

void nb_act_delete_comment(nb_ui *ui)
{
	long i = comment_here(ui);
	if (i < 0)
		return;
	ui->ccur = i;
	ui->comment_focus = true;
	const nb_comment *c = &ui->rep->comments[i];
	char *q = shorten(c->text ? c->text : "", 30);
	char *ask = nb_xasprintf(_(M_COMMENT_DEL_ASK), q);
	free(q);
	int a = nb_prompt_choice(ui, ask, false);
	free(ask);
	if (a != 'y') {
		nb_ui_message(ui, "%s", _(M_CANCELLED));
		return;
	}
	nb_review_delete_comment(ui->rep, (size_t)i);
	if (ui->ccur >= (long)ui->rep->ncomments)
		ui->ccur = (long)ui->rep->ncomments - 1;
	if (ui->ccur < 0)
		ui->comment_focus = false;
	nb_review_changed(ui);
	nb_ui_message(ui, "%s", _(M_COMMENT_DELETED));
}
