/* search.c — find, find next and replace across the whole report (opening paragraph and every
 * section, in order), wrapping around at the end. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "ui.h"

static const char *find_in(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
	if (nlen == 0 || hlen < nlen)
		return NULL;
	const char *end = hay + hlen - nlen;
	for (const char *p = hay; p <= end; p++) {
		p = memchr(p, needle[0], (size_t)(end - p) + 1);
		if (!p)
			return NULL;
		if (memcmp(p, needle, nlen) == 0)
			return p;
	}
	return NULL;
}

/* Entries that hold text, in report order. */
static int text_entry_count(const nb_ui *ui) { return 1 + (int)ui->rep->nsections; }
static int text_entry(int i) { return i == 0 ? NB_ENTRY_INTRO : i - 1; }
static int text_index(int entry) { return entry == NB_ENTRY_INTRO ? 0 : entry + 1; }

/* Finds needle at or after (entry, off), wrapping once around the report. */
static bool search_from(nb_ui *ui, const char *needle, int entry, size_t off, int *out_entry,
			size_t *out_off, bool *wrapped)
{
	size_t nlen = strlen(needle);
	int n = text_entry_count(ui);
	int start = entry == NB_ENTRY_FORM ? 0 : text_index(entry);
	if (entry == NB_ENTRY_FORM)
		off = 0;
	*wrapped = false;
	for (int step = 0; step <= n; step++) {
		int i = (start + step) % n;
		if (step > 0 && i == 0 && start != 0)
			*wrapped = true;
		nb_doc *d = nb_ui_doc_at(ui, text_entry(i));
		size_t len;
		const char *t = nb_buffer_text(d->buf, &len);
		size_t from = step == 0 ? off : 0;
		if (step == n) {   /* back in the first entry: only what lies before off */
			*wrapped = true;
			len = off + nlen - 1 < len ? off + nlen - 1 : len;
		}
		if (from > len)
			continue;
		const char *p = find_in(t + from, len - from, needle, nlen);
		if (p) {
			*out_entry = text_entry(i);
			*out_off = (size_t)(p - t);
			return true;
		}
	}
	return false;
}

static void show_match(nb_ui *ui, int entry, size_t off, size_t len)
{
	if (entry != ui->cur)
		nb_ui_enter(ui, entry);
	nb_ui_move_cursor(ui, off, false);
	ui->hl_start = off;
	ui->hl_end = off + len;
}

static void find_next_from_cursor(nb_ui *ui, bool skip_current)
{
	if (!ui->last_find || !*ui->last_find) {
		nb_act_find(ui);
		return;
	}
	nb_doc *d = nb_ui_doc(ui);
	size_t off = d ? nb_buffer_cursor(d->buf) : 0;
	if (d && skip_current && ui->hl_end > ui->hl_start && off == ui->hl_start)
		off = nb_buffer_next_char(d->buf, off);
	int e;
	size_t at;
	bool wrapped;
	if (!search_from(ui, ui->last_find, ui->cur, off, &e, &at, &wrapped)) {
		nb_ui_error(ui, _(M_NOT_FOUND), ui->last_find);
		return;
	}
	show_match(ui, e, at, strlen(ui->last_find));
	if (wrapped)
		nb_ui_message(ui, "%s", _(M_WRAPPED));
}

/* Asks what to look for (offering the last search); false when cancelled. */
static bool ask_find_text(nb_ui *ui)
{
	char *q = nb_prompt_text(ui, _(M_FIND_PROMPT), ui->last_find);
	if (!q || !*q) {
		free(q);
		nb_ui_message(ui, "%s", _(M_CANCELLED));
		return false;
	}
	free(ui->last_find);
	ui->last_find = q;
	return true;
}

void nb_act_find(nb_ui *ui)
{
	if (!ask_find_text(ui))
		return;
	find_next_from_cursor(ui, false);
}

void nb_act_find_next(nb_ui *ui)
{
	find_next_from_cursor(ui, true);
}

void nb_act_replace(nb_ui *ui)
{
	if (!nb_edit_allowed(ui))
		return;
	if (!ask_find_text(ui))
		return;
	const char *q = ui->last_find;
	char *with = nb_prompt_text(ui, _(M_REPLACE_PROMPT), "");
	if (!with) {
		nb_ui_message(ui, "%s", _(M_CANCELLED));
		return;
	}
	size_t qlen = strlen(q), wlen = strlen(with);
	int replaced = 0, found = 0;
	bool all = false, stop = false;
	/* From the start of the report to its end, one entry after the other. Replacing "all"
	 * undoes as one step per section. */
	for (int i = 0; i < text_entry_count(ui) && !stop; i++) {
		int entry = text_entry(i);
		nb_doc *d = nb_ui_doc_at(ui, entry);
		size_t off = 0;
		bool grouped = false;
		if (all) {
			nb_buffer_break_group(d->buf);
			nb_buffer_begin_group(d->buf);
			grouped = true;
		}
		for (;;) {
			size_t len;
			const char *t = nb_buffer_text(d->buf, &len);
			const char *p = off <= len ? find_in(t + off, len - off, q, qlen) : NULL;
			if (!p)
				break;
			size_t at = (size_t)(p - t);
			found++;
			if (!all) {
				show_match(ui, entry, at, qlen);
				int a = nb_prompt_choice(ui, _(M_REPLACE_ASK), true);
				if (a == 0) {
					stop = true;
					break;
				}
				if (a == 'n') {
					off = at + qlen;
					continue;
				}
				if (a == 'a') {
					all = true;
					nb_buffer_break_group(d->buf);
					nb_buffer_begin_group(d->buf);
					grouped = true;
				}
			}
			if (entry != ui->cur)
				nb_ui_enter(ui, entry);
			nb_buffer_replace(d->buf, at, qlen, with, wlen);
			nb_ui_after_edit(ui);
			replaced++;
			off = at + wlen;
			nb_ui_move_cursor(ui, off, false);
		}
		if (grouped)
			nb_buffer_end_group(d->buf);
	}
	free(with);
	ui->hl_start = ui->hl_end = 0;
	if (found == 0)
		nb_ui_error(ui, _(M_NOT_FOUND), q);
	else
		nb_ui_message(ui, _(M_REPLACED), replaced);
}
