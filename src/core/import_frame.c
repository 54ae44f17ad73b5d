/* import_frame.c — recognising a draft's frame: 版头, title, 主送机关, 落款, 成文日期, 版记. */
#include "config.h"
#include <stdlib.h>
#include "import_internal.h"

/* ------------------------------------------------------------------ 版头, title, 主送机关 */

static bool is_signer_line(const line *l, size_t *value_off)
{
	const char *labels[] = {"签发人：", "签发人:"};
	for (size_t i = 0; i < 2; i++)
		if (starts_with(l->text, l->len, labels[i])) {
			*value_off = strlen(labels[i]);
			return true;
		}
	return false;
}

static bool is_title_text(const char *s, size_t len)
{
	static const uint32_t bad[] = {0x3002, 0xFF0C, 0xFF1B, 0xFF01, 0xFF1F, 0xFF1A,
				       ',', ';', '!', '?', ':'};
	if (nchars(s, len) > 80 || has_any_cp(s, len, bad, sizeof bad / sizeof bad[0]))
		return false;
	if (nb_draft_top_marker(s, len) || nb_draft_is_sub_marker(s, len))
		return false;
	return contains(s, len, "报告") ||
	       (contains(s, len, "法治") && contains(s, len, "建设") &&
		!nb_draft_looks_like_unit(s, len));
}

static bool in_list(const size_t *v, size_t n, size_t x)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

/* The title, possibly over several lines; returns the index after it. */
static size_t take_title(importer *im, size_t i, size_t limit, size_t mark_idx)
{
	line *l = &im->lines[i];
	para p = {0};
	size_t first = i, end = i + 1;
	/* "中共X乡委员会" / "X乡人民政府" / "关于…的报告": organ names right above a title that starts
	 * with 关于, with no 文号 among them, are the title's first lines (a joint title), not a
	 * 发文机关标志 or intro text. */
	if (starts_with(l->text, l->len, "关于") && !meta(im, NB_META_DOC_NUMBER) &&
	    !meta(im, NB_META_SIGNER)) {
		for (int count = 0; count < 3 && first > 0; count++) {
			size_t q = first;
			while (q > 0 && is_blank_line(&im->lines[q - 1]))
				q--;
			if (q == 0)
				break;
			size_t prev = q - 1;
			line *m = &im->lines[prev];
			if (!(prev == mark_idx || in_list(im->pre_intro, im->npre_intro, prev)) ||
			    !nb_draft_looks_like_unit(m->text, m->len))
				break;
			first = prev;
		}
		/* Those lines are the title's now, not the intro's. */
		size_t w = 0;
		for (size_t k = 0; k < im->npre_intro; k++)
			if (im->pre_intro[k] < first)
				im->pre_intro[w++] = im->pre_intro[k];
		im->npre_intro = w;
	}
	for (size_t k = first; k < i; k++)
		if (!is_blank_line(&im->lines[k])) {
			nb_import_para_add(&p, &im->lines[k], 0, im->lines[k].len);
			nb_import_report_cleaning(im, &im->lines[k], true);
		}
	nb_import_para_add(&p, l, 0, l->len);
	nb_import_report_cleaning(im, l, true);
	size_t j = next_nonblank(im, i + 1, limit);
	if (!ends_with(l->text, l->len, "报告") && j < limit) {
		line *m = &im->lines[j];
		if (nchars(m->text, m->len) <= 20 && !has_sentence_punct(m->text, m->len) &&
		    ends_with(m->text, m->len, "报告") && !nb_draft_top_marker(m->text, m->len)) {
			nb_import_para_add(&p, m, 0, m->len);
			nb_import_report_cleaning(im, m, true);
			end = j + 1;
		}
	}
	nb_import_set_meta(im, NB_META_TITLE, p.sb.s, p.sb.len, im->lines[first].no);
	if (first < i || end > i + 1)
		nb_import_add_note(im, im->lines[first].no, "标题分在多行，已合并为一行");
	if (mark_idx != (size_t)-1 && mark_idx >= first) {
		/* The 发文机关标志 was the title's first line; the unit is derived later. */
		nb_report_set_meta(im->r, NB_META_UNIT, NULL);
		im->r->meta_line[NB_META_UNIT] = 0;
	}
	nb_import_para_free(&p);
	return end;
}

/* Recognises the 版头, title and 主送机关; returns the first line of the body. Lines before the
 * title that are not recognised are kept for the intro. */
size_t nb_import_parse_header(importer *im, size_t heading)
{
	size_t mark_idx = (size_t)-1, unknown_from = (size_t)-1;
	size_t i = next_nonblank(im, 0, heading);
	while (i < heading) {
		line *l = &im->lines[i];
		size_t n = l->len, off;
		bool known = unknown_from == (size_t)-1;
		size_t doc_end;
		if (known && !meta(im, NB_META_DOC_NUMBER) &&
		    (doc_end = nb_draft_match_doc_number(l->text, n))) {
			nb_import_set_meta(im, NB_META_DOC_NUMBER, l->text, doc_end, l->no);
			size_t s = find(l->text, n, "签发人");
			if (s < n) {
				size_t v = s + strlen("签发人");
				if (starts_with(l->text + v, n - v, "："))
					v += strlen("：");
				else if (starts_with(l->text + v, n - v, ":"))
					v += 1;
				if (s > doc_end) {
					/* Text between 号 and 签发人 would be lost: keep the whole line for the
					 * intro instead of guessing. */
					nb_report_set_meta(im->r, NB_META_DOC_NUMBER, NULL);
					im->r->meta_line[NB_META_DOC_NUMBER] = 0;
					goto unknown;
				}
				nb_import_set_meta(im, NB_META_SIGNER, l->text + v, n - v, l->no);
			} else if (doc_end < n) {
				nb_report_set_meta(im->r, NB_META_DOC_NUMBER, NULL);
				im->r->meta_line[NB_META_DOC_NUMBER] = 0;
				goto unknown;
			}
		} else if (known && !meta(im, NB_META_SIGNER) && is_signer_line(l, &off)) {
			nb_import_set_meta(im, NB_META_SIGNER, l->text + off, n - off, l->no);
		} else if (contains(l->text, n, "报告") && is_title_text(l->text, n)) {
			goto title;
		} else if (known && mark_idx == (size_t)-1 && !meta(im, NB_META_DOC_NUMBER) &&
			   nb_draft_looks_like_unit(l->text, n)) {
			mark_idx = i;
			size_t keep = n;
			if (ends_with(l->text, n, "文件")) {
				keep -= strlen("文件");
				nb_import_add_note(im, l->no,
						   "发文机关标志中的“文件”二字未计入发文机关名称");
			}
			nb_import_set_meta(im, NB_META_UNIT, l->text, keep, l->no);
		} else if (is_title_text(l->text, n)) {
			goto title;
		} else {
unknown:
			/* Unrecognised text before the title: keep it for the intro. A long line is
			 * the intro itself: stop looking for a title. */
			if (unknown_from == (size_t)-1)
				unknown_from = i;
			if (nchars(l->text, l->len) > 40 || im->npre_intro >= 3)
				break;
			im->pre_intro = nb_xrealloc(im->pre_intro, (im->npre_intro + 1) * sizeof(size_t));
			im->pre_intro[im->npre_intro++] = i;
		}
		i = next_nonblank(im, i + 1, heading);
		continue;
title:
		{
			size_t after = take_title(im, i, heading, mark_idx);
			size_t j = next_nonblank(im, after, heading);
			if (j < heading) {
				line *m = &im->lines[j];
				static const uint32_t bad[] = {0x3002, 0xFF0C, 0xFF1B, 0xFF01, 0xFF1F};
				uint32_t last = last_cp(m->text, m->len);
				if ((last == 0xFF1A || last == ':') && nchars(m->text, m->len) <= 60 &&
				    !has_any_cp(m->text, m->len, bad, sizeof bad / sizeof bad[0]) &&
				    !nb_draft_is_sub_marker(m->text, m->len) &&
				    /* "现将有关情况报告如下：" opens the intro; it names no organ. */
				    !contains(m->text, m->len, "如下") && !contains(m->text, m->len, "报告")) {
					nb_import_set_meta(im, NB_META_RECIPIENT, m->text, m->len, m->no);
					nb_import_report_cleaning(im, m, false);
					after = j + 1;
				}
			}
			return after;
		}
	}
	/* No title: the body starts at the first unrecognised line. */
	im->npre_intro = 0;
	if (unknown_from != (size_t)-1)
		return unknown_from;
	return i;
}

/* ------------------------------------------------------------------ 落款, 成文日期, 版记 */

static bool is_date_line(const line *l)
{
	return l->len > 0 && nb_draft_match_date(l->text, l->len) == l->len;
}

/* "X机关2024年3月26日印发": returns true and the offset of the date (0 if no 机关 on the line). */
static bool is_print_line(const line *l, size_t *date_off)
{
	if (!ends_with(l->text, l->len, "印发"))
		return false;
	size_t end = l->len - strlen("印发");
	for (size_t i = 0; i < end;) {
		size_t n;
		cp_at(l->text, end, i, &n);
		if (nb_draft_match_date(l->text + i, end - i) == end - i) {
			*date_off = i;
			return true;
		}
		i += n;
	}
	return false;
}

static bool is_cc_line(const line *l, size_t *value_off)
{
	const char *labels[] = {"抄送：", "抄送:"};
	for (size_t i = 0; i < 2; i++)
		if (starts_with(l->text, l->len, labels[i])) {
			*value_off = strlen(labels[i]);
			return true;
		}
	return false;
}

static bool is_review_line(const line *l)
{
	return nchars(l->text, l->len) <= 60 &&
	       (starts_with(l->text, l->len, "初审") || starts_with(l->text, l->len, "复审") ||
		starts_with(l->text, l->len, "终审") || starts_with(l->text, l->len, "审核"));
}

/* A 附注 such as （此件公开发布）. */
static bool is_annotation(const line *l)
{
	return nchars(l->text, l->len) <= 40 &&
	       ((starts_with(l->text, l->len, "（") && ends_with(l->text, l->len, "）")) ||
		(starts_with(l->text, l->len, "(") && ends_with(l->text, l->len, ")"))) &&
	       !nb_draft_is_sub_marker(l->text, l->len);
}

/* "初审：王芳复审：赵强" (cleaning took out the spaces between the names and the next label):
 * separate each label again with a full-width space so the value reads as written. */
static void add_review(nb_sb *sb, const line *l)
{
	static const char *const labels[] = {"初审", "复审", "终审", "审核"};
	for (size_t i = 0; i < l->len;) {
		for (size_t k = 0; k < 4; k++)
			if (i > 0 && starts_with(l->text + i, l->len - i, labels[k]) &&
			    !is_blank(last_cp(l->text, i))) {
				nb_sb_adds(sb, "　");
				break;
			}
		size_t n;
		cp_at(l->text, l->len, i, &n);
		nb_sb_add(sb, l->text + i, n);
		i += n;
	}
}

/* Recognises the 落款, 成文日期 and 版记 from the bottom up; returns the end of the body. */
size_t nb_import_parse_trailer(importer *im, size_t lo)
{
	size_t k = im->n;
	size_t review[8];
	size_t nreview = 0;
	/* Review lines form one block: once another 版记 line has been taken above them, a review
	 * line further up is ordinary text (the value must come from consecutive lines). */
	bool review_closed = false;
	while (k > lo) {
		line *l = &im->lines[k - 1];
		size_t off;
		if (is_blank_line(l)) {
			k--;
		} else if (is_review_line(l) && nreview < 8 && !review_closed) {
			review[nreview++] = k - 1;
			k--;
		} else if (!meta(im, NB_META_PRINT_DATE) && is_print_line(l, &off)) {
			review_closed = nreview > 0;
			size_t end = l->len - strlen("印发");
			nb_import_set_meta(im, NB_META_PRINT_DATE, l->text + off, end - off, l->no);
			if (off > 0) {
				nb_import_set_meta(im, NB_META_PRINTER, l->text, off, l->no);
				k--;
			} else {
				size_t p = k - 1;
				while (p > lo && is_blank_line(&im->lines[p - 1]))
					p--;
				line *m = p > lo ? &im->lines[p - 1] : NULL;
				if (m && nb_draft_looks_like_unit(m->text, m->len)) {
					nb_import_set_meta(im, NB_META_PRINTER, m->text, m->len, m->no);
					k = p - 1;
				} else {
					k--;
				}
			}
		} else if (!meta(im, NB_META_CC) && is_cc_line(l, &off)) {
			review_closed = nreview > 0;
			nb_import_set_meta(im, NB_META_CC, l->text + off, l->len - off, l->no);
			k--;
		} else {
			break;
		}
	}
	if (nreview > 0) {
		nb_sb sb = {0};
		for (size_t i = nreview; i-- > 0;) {
			if (sb.len)
				nb_sb_adds(&sb, "　");
			add_review(&sb, &im->lines[review[i]]);
		}
		int first_review = im->lines[review[nreview - 1]].no;
		nb_import_set_meta(im, NB_META_SECRECY_REVIEW, sb.s, sb.len, first_review);
		nb_import_add_note(im, first_review, "初审、复审、终审记录已记入“保密审查”字段");
		nb_sb_free(&sb);
	}
	/* 附注 lines under the date stay in the text, after the last paragraph. */
	size_t annex_end = k;
	while (k > lo) {
		line *l = &im->lines[k - 1];
		if (is_blank_line(l))
			k--;
		else if (is_annotation(l) && k - 1 > lo)
			k--;
		else
			break;
	}
	size_t annex_start = k;
	bool dated = false;
	/* 成文日期, and the 落款 above it. */
	size_t p = k;
	while (p > lo && is_blank_line(&im->lines[p - 1]))
		p--;
	if (p > lo && is_date_line(&im->lines[p - 1])) {
		line *d = &im->lines[p - 1];
		nb_import_set_meta(im, NB_META_DATE, d->text, d->len, d->no);
		dated = true;
		k = p - 1;
		p = k;
		while (p > lo && is_blank_line(&im->lines[p - 1]))
			p--;
	}
	if (p > lo && nb_draft_looks_like_unit(im->lines[p - 1].text, im->lines[p - 1].len)) {
		line *s = &im->lines[p - 1];
		nb_import_set_meta(im, NB_META_SIGNATURE, s->text, s->len, s->no);
		k = p - 1;
	} else if (!dated) {
		/* No 落款 and no date: annotation-looking lines were ordinary text. */
		return annex_end;
	}
	for (size_t i = annex_start; i < annex_end; i++)
		if (!is_blank_line(&im->lines[i])) {
			im->annex = nb_xrealloc(im->annex, (im->nannex + 1) * sizeof(size_t));
			im->annex[im->nannex++] = i;
			nb_import_add_note(im, im->lines[i].no, "落款后的附注已保留在正文末尾");
		}
	return k;
}
