/* import_body.c — rejoining paragraphs and headings cut by page breaks, splitting into sections. */
#include "config.h"
#include <stdlib.h>
#include "import_internal.h"

/* A line ending in one of these finished its sentence (or clause before a list). */
static bool ends_sentence(uint32_t cp)
{
	static const uint32_t set[] = {0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0xFF1A, 0x2026, 0x201D,
				       0x2019, 0xFF09, 0x300D, 0x300F, 0x300B, 0x3011, 0x3015,
				       '.', '!', '?', ';', ':', ')', ']', 0xFF0E};
	for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
		if (cp == set[i])
			return true;
	return false;
}

/* A sentence ends inside s (a heading may hold commas, never a full stop). */
static bool has_full_stop(const char *s, size_t len)
{
	static const uint32_t set[] = {0x3002, 0xFF1B, 0xFF01, 0xFF1F, ';', '!', '?'};
	return has_any_cp(s, len, set, sizeof set / sizeof set[0]);
}

void nb_import_para_add(para *p, const line *l, size_t from, size_t to)
{
	if (p->sb.len == 0) {
		p->first_line = l->no;
	} else {
		/* Latin words broken across lines keep a space; Chinese text never gets one. */
		uint32_t a = last_cp(p->sb.s, p->sb.len), b = cp_at(l->text, l->len, from, NULL);
		if (a < 0x80 && b < 0x80 && a > ' ' && b > ' ')
			nb_sb_addc(&p->sb, ' ');
	}
	size_t base = p->sb.len;
	for (size_t i = 0; i < l->nmap; i++) {
		size_t off = l->map[i].body_off;
		size_t end = i + 1 < l->nmap ? l->map[i + 1].body_off : l->len;
		if (end <= from || off >= to)
			continue;
		int col = l->map[i].col;
		if (off < from) {
			col += (int)nchars(l->text + off, from - off);
			off = from;
		}
		nb_srcmap_add(&p->map, &p->nmap, base + off - from, l->no, col);
	}
	nb_sb_add(&p->sb, l->text + from, to - from);
	p->last_line = l->no;
}

void nb_import_para_free(para *p)
{
	nb_sb_free(&p->sb);
	free(p->map);
	memset(p, 0, sizeof *p);
}

static void body_add(body *b, para *p)
{
	if (p->sb.len == 0)
		return;
	if (b->sb.len > 0)
		nb_sb_addc(&b->sb, '\n');
	size_t base = b->sb.len;
	nb_sb_add(&b->sb, p->sb.s, p->sb.len);
	for (size_t i = 0; i < p->nmap; i++)
		nb_srcmap_add(&b->map, &b->nmap, base + p->map[i].body_off, p->map[i].line,
			      p->map[i].col);
}

static bool is_fragment(const line *l)
{
	return nchars(l->text, l->len) <= 8 && !has_sentence_punct(l->text, l->len) &&
	       !nb_draft_top_marker(l->text, l->len) && !nb_draft_is_sub_marker(l->text, l->len) &&
	       !nb_draft_is_enum_opener(l->text, l->len);
}

/* Where a finished paragraph goes: the current section, or the intro before the first one. */
static body *current_body(importer *im)
{
	return im->nsecs ? &im->secs[im->nsecs - 1].body : &im->intro;
}

static void flush(importer *im, para *p)
{
	if (p->sb.len)
		body_add(current_body(im), p);
	nb_import_para_free(p);
}

static bool para_open(const para *p)
{
	return p->sb.len > 0 && !ends_sentence(last_cp(p->sb.s, p->sb.len));
}

static void start_para(importer *im, para *p, const line *l, size_t from)
{
	nb_import_para_add(p, l, from, l->len);
	/* A sub-heading on a line of its own: "（一）加强组织领导" (no sentence in it). */
	p->heading = nb_draft_is_sub_marker(l->text + from, l->len - from) &&
		     !has_full_stop(l->text + from, l->len - from) &&
		     nchars(l->text + from, l->len - from) <= 60;
	nb_import_report_cleaning(im, l, false);
}

/* Splits the body lines into the intro and sections, rejoining what page breaks cut apart. */
void nb_import_build_body(importer *im, size_t from, size_t to)
{
	para p = {0};
	for (size_t i = 0; i < im->npre_intro; i++) {
		start_para(im, &p, &im->lines[im->pre_intro[i]], 0);
		flush(im, &p);
	}
	for (size_t i = from; i < to; i++) {
		line *l = &im->lines[i];
		if (l->rule)
			nb_import_add_note(im, l->no, "已忽略分隔线");
		if (is_blank_line(l))
			continue;
		size_t mk = nb_draft_top_marker(l->text, l->len);
		if (mk) {
			flush(im, &p);
			im->secs = nb_xrealloc(im->secs, (im->nsecs + 1) * sizeof *im->secs);
			pending_section *s = &im->secs[im->nsecs++];
			memset(s, 0, sizeof *s);
			s->heading_line = l->no;
			/* "一、加强组织领导。今年以来……" on one line: the heading ends at the first 。 */
			size_t cut = l->len;
			if (nchars(l->text, l->len) > 40) {
				size_t dot = find(l->text, l->len, "。");
				if (dot < l->len)
					cut = dot + strlen("。");
			}
			nb_import_para_add(&s->heading, l, 0, cut);
			nb_import_report_cleaning(im, l, false);
			if (cut < l->len) {
				nb_import_para_add(&p, l, cut, l->len);
				continue;
			}
			size_t j = next_nonblank(im, i + 1, to);
			if (para_open(&s->heading) && j < to && is_fragment(&im->lines[j])) {
				nb_import_para_add(&s->heading, &im->lines[j], 0, im->lines[j].len);
				nb_import_report_cleaning(im, &im->lines[j], false);
				nb_import_add_note(im, l->no, "已合并被分页断开的标题");
				i = j;
			}
			continue;
		}
		bool marker = nb_draft_is_sub_marker(l->text, l->len) ||
			      nb_draft_is_enum_opener(l->text, l->len);
		if (para_open(&p) && !marker && (!p.heading || is_fragment(l))) {
			nb_import_add_note(im, p.last_line, p.heading ? "已合并被分页断开的标题"
							: "已合并被分页断开的段落");
			nb_import_para_add(&p, l, 0, l->len);
			nb_import_report_cleaning(im, l, false);
			continue;
		}
		flush(im, &p);
		start_para(im, &p, l, 0);
	}
	for (size_t i = 0; i < im->nannex; i++) {
		flush(im, &p);
		start_para(im, &p, &im->lines[im->annex[i]], 0);
	}
	flush(im, &p);
}

/* Moves the built intro and sections into the report, mapping headings to the template. */
void nb_import_finish_sections(importer *im)
{
	nb_report *r = im->r;
	free(r->intro);
	r->intro = im->intro.sb.len ? sb_take(&im->intro.sb) : nb_xstrdup("");
	nb_sb_free(&im->intro.sb);
	r->intro_map = im->intro.map;
	r->intro_nmap = im->intro.nmap;
	im->intro.map = NULL;
	for (size_t i = 0; i < im->nsecs; i++) {
		pending_section *ps = &im->secs[i];
		const char *heading = sb_cstr(&ps->heading.sb);
		const nb_tsection *ts = im->t ? nb_template_match_heading(im->t, heading) : NULL;
		const char *id = ts ? ts->id : NULL;
		/* Several parts of a draft may belong to one template section (two measures-type
		 * parts are common); they keep the id and the checker reads them together. */
		if (!id && im->t) {
			char *msg = nb_xasprintf("标题“%s”未对应模板中的任何部分，已作为单独部分保留",
						 heading);
			nb_import_add_note(im, ps->heading_line, msg);
			free(msg);
		}
		nb_section *s = nb_report_add_section(r, id, heading, sb_cstr(&ps->body.sb));
		s->heading_line = ps->heading_line;
		s->map = ps->body.map;
		s->nmap = ps->body.nmap;
		ps->body.map = NULL;
		nb_sb_free(&ps->body.sb);
		nb_import_para_free(&ps->heading);
	}
}
