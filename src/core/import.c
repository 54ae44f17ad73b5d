/* import.c — reads a plain-text draft (as pasted from Word, WPS or a PDF) into a report.
 *
 * Real drafts are messy: full-width indentation, trailing spaces, Markdown marks from chat tools,
 * spaces that PDF extraction puts between Chinese characters, and paragraphs or headings cut in
 * two by page breaks. The importer works line by line:
 *
 *   1. every input line is cleaned (indentation, trailing spaces, Markdown marks and extraction
 *      spaces removed), keeping a source map from each cleaned character back to its input
 *      line and column (import_clean.c);
 *   2. the 版头 (发文机关标志, 文号, 签发人), title and 主送机关 are recognised from the top, the
 *      落款, 成文日期 and 版记 (抄送, 印发, 初审/复审/终审) from the bottom (import_frame.c);
 *   3. what lies between is split into the intro and sections at top-level headings (一、…),
 *      rejoining paragraphs and headings broken mid-sentence (import_body.c);
 *   4. the year, unit and unit type the draft does not state are derived (import_derive.c).
 *
 * import_shapes.c recognises numbering, dates, 文号 and organ names for all of them; this file
 * runs the stages and keeps the notes.
 *
 * Nothing is dropped: a line that is not recognised as metadata ends up in the intro or a body.
 * The only characters removed are spaces, Markdown marks (# and **), 分隔线 lines, the labels of
 * fields that become metadata (签发人：, 抄送：, the 印发 after the date) and the 文件 after a
 * 发文机关标志. Every kind of change is reported as a note with its input line. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include "import_internal.h"

/* ------------------------------------------------------------------ notes and fields */

void nb_import_add_note(importer *im, int line_no, const char *msg)
{
	if (!im->notes)
		return;
	nb_import_notes *ns = im->notes;
	ns->v = nb_xrealloc(ns->v, (ns->n + 1) * sizeof *ns->v);
	ns->v[ns->n].line = line_no;
	ns->v[ns->n].message = nb_xasprintf("第%d行：%s", line_no, msg);
	ns->n++;
}

/* Reports what cleaning did to a line that ends up in the text of the report. Indentation and
 * trailing spaces are summed into one note each: they change nothing a reader would miss. */
void nb_import_report_cleaning(importer *im, const line *l, bool title)
{
	if (l->changes & CH_MARKDOWN)
		nb_import_add_note(im, l->no, "已去除Markdown标记（# 或 **）");
	if (l->changes & CH_SPACES)
		nb_import_add_note(im, l->no, title ? "已去除标题中的多余空格"
				      : "已去除汉字之间、汉字与数字之间的多余空格");
	if (l->changes & (CH_INDENT | CH_INDENT_WIDE)) {
		if (im->indent_count++ == 0)
			im->indent_first = l->no;
	}
	if (l->changes & CH_TRAILING) {
		if (im->trail_count++ == 0)
			im->trail_first = l->no;
	}
}

void nb_import_set_meta(importer *im, nb_meta_field f, const char *s, size_t len, int line_no)
{
	char *v = nb_xstrndup(s, len);
	nb_report_set_meta(im->r, f, v);
	free(v);
	im->r->meta_line[f] = line_no;
}

static bool is_heading_line(const line *l)
{
	return nb_draft_top_marker(l->text, l->len) > 0;
}

static size_t first_heading(const importer *im)
{
	for (size_t i = 0; i < im->n; i++)
		if (!is_blank_line(&im->lines[i]) && is_heading_line(&im->lines[i]))
			return i;
	return im->n;
}

/* ------------------------------------------------------------------ entry points */

/* Notes sorted by line; notes on the same line keep the order they were made in. */
typedef struct keyed_note {
	nb_import_note note;
	size_t seq;
} keyed_note;

static int note_cmp(const void *a, const void *b)
{
	const keyed_note *x = a, *y = b;
	if (x->note.line != y->note.line)
		return x->note.line < y->note.line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void sort_notes(nb_import_notes *ns, size_t from)
{
	size_t n = ns->n - from;
	if (n < 2)
		return;
	keyed_note *k = nb_xmalloc(n * sizeof *k);
	for (size_t i = 0; i < n; i++)
		k[i] = (keyed_note){ns->v[from + i], i};
	qsort(k, n, sizeof *k, note_cmp);
	for (size_t i = 0; i < n; i++)
		ns->v[from + i] = k[i].note;
	free(k);
}

void nb_import_notes_free(nb_import_notes *notes)
{
	if (!notes)
		return;
	for (size_t i = 0; i < notes->n; i++)
		free(notes->v[i].message);
	free(notes->v);
	notes->v = NULL;
	notes->n = 0;
}

nb_report *nb_text_import(const char *utf8, size_t len, const nb_template *t, const char *name,
			  nb_import_notes *notes, nb_error *err)
{
	importer im = {0};
	im.name = name ? name : "input";
	im.t = t;
	im.notes = notes;
	size_t first_note = notes ? notes->n : 0;

	/* Split and clean. */
	size_t cap = 0;
	int no = 0;
	bool any = false;
	for (size_t i = 0; i <= len;) {
		const char *nl = i < len ? memchr(utf8 + i, '\n', len - i) : NULL;
		size_t end = nl ? (size_t)(nl - utf8) : len;
		if (!nl && i == len && len > 0)
			break; /* the text ended with a newline */
		if (im.n == cap) {
			cap = cap ? cap * 2 : 64;
			im.lines = nb_xrealloc(im.lines, cap * sizeof *im.lines);
		}
		nb_import_clean_line(utf8 + i, end - i, ++no, &im.lines[im.n]);
		if (!is_blank_line(&im.lines[im.n]))
			any = true;
		im.n++;
		i = end + 1;
		if (!nl)
			break;
	}
	if (!any) {
		for (size_t i = 0; i < im.n; i++) {
			free(im.lines[i].text);
			free(im.lines[i].map);
		}
		free(im.lines);
		nb_error_set(err, "%s: empty draft (no text)", im.name);
		return NULL;
	}

	im.r = nb_report_new();
	size_t heading = first_heading(&im);
	size_t body_from = nb_import_parse_header(&im, heading);
	size_t body_to = nb_import_parse_trailer(&im, body_from);
	nb_import_build_body(&im, body_from, body_to);
	nb_import_finish_sections(&im);
	nb_import_derive_year(&im);
	nb_import_derive_unit(&im);

	if (im.indent_count) {
		char *msg = nb_xasprintf("已去除行首缩进（共%d行）", im.indent_count);
		nb_import_add_note(&im, im.indent_first, msg);
		free(msg);
	}
	if (im.trail_count) {
		char *msg = nb_xasprintf("已去除行尾空格（共%d行）", im.trail_count);
		nb_import_add_note(&im, im.trail_first, msg);
		free(msg);
	}
	if (notes)
		sort_notes(notes, first_note);

	for (size_t i = 0; i < im.n; i++) {
		free(im.lines[i].text);
		free(im.lines[i].map);
	}
	free(im.lines);
	free(im.pre_intro);
	free(im.annex);
	free(im.secs);
	return im.r;
}

nb_report *nb_text_import_file(const char *path, const nb_template *t, nb_import_notes *notes,
			       nb_error *err)
{
	char *data = NULL, *text = NULL;
	size_t len = 0, tlen = 0;
	if (nb_read_file(path, NB_MAX_INPUT_BYTES, &data, &len, err) != 0)
		return NULL;
	int rc = nb_text_decode(data, len, path, &text, &tlen, NULL, err);
	free(data);
	if (rc != 0)
		return NULL;
	nb_report *r = nb_text_import(text, tlen, t, path, notes, err);
	free(text);
	if (r) {
		free(r->source_path);
		r->source_path = nb_xstrdup(path);
	}
	return r;
}
