/* import.c — reads a plain-text draft (as pasted from Word, WPS or a PDF) into a report.
 *
 * Real drafts are messy: full-width indentation, trailing spaces, Markdown marks from chat tools,
 * spaces that PDF extraction puts between Chinese characters, and paragraphs or headings cut in
 * two by page breaks. The importer works line by line:
 *
 *   1. every input line is cleaned (indentation, trailing spaces, Markdown marks and extraction
 *      spaces removed), keeping a source map from each cleaned character back to its input
 *      line and column;
 *   2. the 版头 (发文机关标志, 文号, 签发人), title and 主送机关 are recognised from the top, the
 *      落款, 成文日期 and 版记 (抄送, 印发, 初审/复审/终审) from the bottom;
 *   3. what lies between is split into the intro and sections at top-level headings (一、…),
 *      rejoining paragraphs and headings broken mid-sentence.
 *
 * Nothing is dropped: a line that is not recognised as metadata ends up in the intro or a body.
 * The only characters removed are spaces, Markdown marks (# and **), 分隔线 lines, the labels of
 * fields that become metadata (签发人：, 抄送：, the 印发 after the date) and the 文件 after a
 * 发文机关标志. Every kind of change is reported as a note with its input line. */
#include "config.h"
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nianbao/text.h"
#include "nianbao/textio.h"

/* ------------------------------------------------------------------ characters and strings */

/* Spaces for the importer: the usual ones plus zero-width and page-break characters that PDF
 * extraction leaves behind. */
static bool is_blank(uint32_t cp)
{
	return nb_is_space(cp) || cp == 0xFEFF || cp == 0x200B || cp == '\r' || cp == '\f' ||
	       cp == '\v';
}

static bool is_cjk(uint32_t cp)
{
	return nb_is_han(cp) || nb_is_cjk_punct(cp);
}

static bool is_digit(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

static int digit_value(uint32_t cp)
{
	return cp <= '9' ? (int)(cp - '0') : (int)(cp - 0xFF10);
}

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

static uint32_t cp_at(const char *s, size_t len, size_t off, size_t *n)
{
	uint32_t cp;
	bool valid;
	size_t k = nb_utf8_decode(s + off, len - off, &cp, &valid);
	if (n)
		*n = k;
	return cp;
}

static uint32_t last_cp(const char *s, size_t len)
{
	if (len == 0)
		return 0;
	return cp_at(s, len, nb_utf8_prev(s, len), NULL);
}

static size_t nchars(const char *s, size_t len)
{
	return nb_utf8_count(s, len);
}

static bool starts_with(const char *s, size_t len, const char *p)
{
	size_t n = strlen(p);
	return len >= n && memcmp(s, p, n) == 0;
}

static bool ends_with(const char *s, size_t len, const char *p)
{
	size_t n = strlen(p);
	return len >= n && memcmp(s + len - n, p, n) == 0;
}

/* Byte offset of needle in s, or len when absent. */
static size_t find(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; n <= len && i + n <= len; i++)
		if (memcmp(s + i, needle, n) == 0)
			return i;
	return len;
}

static bool contains(const char *s, size_t len, const char *needle)
{
	return find(s, len, needle) < len;
}

/* True when s contains any full-width or ASCII sentence punctuation from `set`. */
static bool has_any_cp(const char *s, size_t len, const uint32_t *set, size_t nset)
{
	for (size_t i = 0; i < len;) {
		size_t n;
		uint32_t cp = cp_at(s, len, i, &n);
		for (size_t k = 0; k < nset; k++)
			if (cp == set[k])
				return true;
		i += n;
	}
	return false;
}

static const uint32_t sentence_punct[] = {0x3002, 0xFF0C, 0xFF1B, 0xFF01, 0xFF1F, 0xFF1A,
					  ',', ';', '!', '?'};
#define NSENTENCE_PUNCT (sizeof sentence_punct / sizeof sentence_punct[0])

static bool has_sentence_punct(const char *s, size_t len)
{
	return has_any_cp(s, len, sentence_punct, NSENTENCE_PUNCT);
}

/* A sentence ends inside s (a heading may hold commas, never a full stop). */
static bool has_full_stop(const char *s, size_t len)
{
	static const uint32_t set[] = {0x3002, 0xFF1B, 0xFF01, 0xFF1F, ';', '!', '?'};
	return has_any_cp(s, len, set, sizeof set / sizeof set[0]);
}

/* Length in bytes of a run of Chinese numerals (一 … 十, 百, 〇, 零) at s, at most `max` chars. */
static size_t skip_cn_numeral(const char *s, size_t len, int max)
{
	static const char *const digits[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九",
					     "十", "〇", "零", "百"};
	size_t off = 0;
	for (int count = 0; count < max; count++) {
		bool hit = false;
		for (size_t i = 0; i < sizeof digits / sizeof digits[0]; i++)
			if (starts_with(s + off, len - off, digits[i])) {
				off += strlen(digits[i]);
				hit = true;
				break;
			}
		if (!hit)
			break;
	}
	return off;
}

static size_t skip_digits(const char *s, size_t len, int max, int *value)
{
	size_t off = 0;
	int v = 0;
	for (int count = 0; count < max && off < len; count++) {
		size_t n;
		uint32_t cp = cp_at(s, len, off, &n);
		if (!is_digit(cp))
			break;
		v = v * 10 + digit_value(cp);
		off += n;
	}
	if (value)
		*value = v;
	return off;
}

/* nb_sb_take/nb_sb_cstr on a builder nothing was added to do not write the terminating NUL;
 * adding nothing first makes sure they do. */
static char *sb_take(nb_sb *sb)
{
	nb_sb_add(sb, "", 0);
	return nb_sb_take(sb);
}

static const char *sb_cstr(nb_sb *sb)
{
	nb_sb_add(sb, "", 0);
	return nb_sb_cstr(sb);
}

/* ------------------------------------------------------------------ numbering and shapes */

/* 一、 二、 … 二十、: the numbering of a top-level heading. Returns the bytes of the marker. */
static size_t top_marker(const char *s, size_t len)
{
	size_t k = skip_cn_numeral(s, len, 3);
	if (k == 0 || !starts_with(s + k, len - k, "、"))
		return 0;
	return k + strlen("、");
}

/* （一） (一) （1） (1) 1. 1． 1、 ①: numbering below the top level. */
static bool is_sub_marker(const char *s, size_t len)
{
	static const char *const open[] = {"（", "("};
	static const char *const close[] = {"）", ")"};
	for (size_t i = 0; i < 2; i++) {
		if (!starts_with(s, len, open[i]))
			continue;
		size_t k = strlen(open[i]);
		size_t n = skip_cn_numeral(s + k, len - k, 3);
		if (n == 0)
			n = skip_digits(s + k, len - k, 2, NULL);
		if (n == 0)
			continue;
		for (size_t j = 0; j < 2; j++)
			if (starts_with(s + k + n, len - k - n, close[j]))
				return true;
	}
	size_t d = skip_digits(s, len, 2, NULL);
	if (d > 0) {
		static const char *const sep[] = {".", "．", "、"};
		for (size_t j = 0; j < 3; j++)
			if (starts_with(s + d, len - d, sep[j])) {
				size_t after = d + strlen(sep[j]);
				/* 1.5万元 is a number, not a list item. */
				return after >= len || !is_digit(cp_at(s, len, after, NULL));
			}
	}
	uint32_t first = len ? cp_at(s, len, 0, NULL) : 0;
	return first >= 0x2460 && first <= 0x2473; /* ① … ⑳ */
}

/* 一是 二是 …: the enumeration inside a paragraph; a line starting with it starts a paragraph. */
static bool is_enum_opener(const char *s, size_t len)
{
	size_t k = skip_cn_numeral(s, len, 2);
	return k > 0 && starts_with(s + k, len - k, "是");
}

/* Length of a date (2024年3月26日, ２０２４年…, 二〇二四年三月二十六日) at s, or 0. */
static size_t match_date(const char *s, size_t len)
{
	static const char *const units[] = {"年", "月", "日"};
	static const int maxlen[] = {4, 2, 2};
	size_t off = 0;
	for (int part = 0; part < 3; part++) {
		size_t n = skip_digits(s + off, len - off, maxlen[part], NULL);
		if (part == 0 && n > 0 && nchars(s + off, n) != 4)
			return 0;
		if (n == 0)
			n = skip_cn_numeral(s + off, len - off, part == 0 ? 4 : 3);
		if (n == 0)
			return 0;
		off += n;
		if (!starts_with(s + off, len - off, units[part]))
			return 0;
		off += strlen(units[part]);
	}
	return off;
}

/* A four-digit year followed by 年 at s: returns the year, 0 if none. */
static int year_at(const char *s, size_t len, size_t *consumed)
{
	int v;
	size_t n = skip_digits(s, len, 4, &v);
	if (n == 0 || nchars(s, n) != 4 || !starts_with(s + n, len - n, "年"))
		return 0;
	if (v < 1949 || v > 2999)
		return 0;
	if (consumed)
		*consumed = n + strlen("年");
	return v;
}

/* First year (YYYY年) anywhere in s; *at receives its byte offset. */
static int find_year(const char *s, size_t len, size_t *at, const char *followed_by)
{
	for (size_t i = 0; i < len;) {
		size_t n, used;
		cp_at(s, len, i, &n);
		int y = year_at(s + i, len - i, &used);
		if (y && (!followed_by || starts_with(s + i + used, len - i - used, followed_by))) {
			if (at)
				*at = i;
			return y;
		}
		i += n;
	}
	return 0;
}

/* Does the line look like the name of an organ (发文机关标志, 落款, 印发机关)? */
static bool looks_like_unit(const char *s, size_t len)
{
	static const char *const suffixes[] = {"委员会", "人民政府", "政府", "办公室", "办事处",
					       "街道", "社区", "党委", "党工委", "党组", "局", "委",
					       "办", "院", "厅", "部", "中心", "所", "镇", "乡", "组",
					       "室", "会"};
	static const uint32_t bad[] = {0x3002, 0xFF0C, 0xFF1B, 0xFF01, 0xFF1F, 0xFF1A, 0x201C,
				       0x201D, 0x300A, 0x300B, ',', '.', ';', ':', '!', '?'};
	size_t n = nchars(s, len);
	if (n < 3 || n > 40 || top_marker(s, len) || is_sub_marker(s, len))
		return false;
	if (has_any_cp(s, len, bad, sizeof bad / sizeof bad[0]))
		return false;
	if (ends_with(s, len, "文件"))
		len -= strlen("文件");
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++)
		if (ends_with(s, len, suffixes[i]))
			return true;
	return false;
}

/* 机关代字〔2024〕5号 (and the [ ] ( ) 【】 variants clerks type): returns the end of 号, or 0. */
static size_t match_doc_number(const char *s, size_t len)
{
	static const char *const open[] = {"〔", "[", "(", "（", "【", "［", "﹝", "〖"};
	static const char *const close[] = {"〕", "]", ")", "）", "】", "］", "﹞", "〗"};
	size_t off = 0;
	int prefix_chars = 0;
	while (off < len && prefix_chars <= 20) {
		for (size_t i = 0; i < sizeof open / sizeof open[0]; i++) {
			if (prefix_chars == 0 || !starts_with(s + off, len - off, open[i]))
				continue;
			size_t k = off + strlen(open[i]);
			size_t y = skip_digits(s + k, len - k, 4, NULL);
			if (y == 0)
				continue;
			k += y;
			bool closed = false;
			for (size_t j = 0; j < sizeof close / sizeof close[0]; j++)
				if (starts_with(s + k, len - k, close[j])) {
					k += strlen(close[j]);
					closed = true;
					break;
				}
			if (!closed)
				continue;
			if (starts_with(s + k, len - k, "第"))
				k += strlen("第");
			size_t d = skip_digits(s + k, len - k, 5, NULL);
			if (d == 0)
				continue;
			k += d;
			if (!starts_with(s + k, len - k, "号"))
				continue;
			return k + strlen("号");
		}
		size_t n;
		uint32_t cp = cp_at(s, len, off, &n);
		if (!(nb_is_han(cp) || (cp < 0x80 && ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'))))
			return 0;
		off += n;
		prefix_chars++;
	}
	return 0;
}

/* ------------------------------------------------------------------ cleaned lines */

enum {
	CH_INDENT_WIDE = 1,   /* full-width indentation removed */
	CH_INDENT = 2,        /* other indentation removed */
	CH_TRAILING = 4,      /* trailing spaces removed */
	CH_MARKDOWN = 8,      /* # or ** removed */
	CH_SPACES = 16,       /* spaces between Chinese characters / figures removed */
};

typedef struct line {
	int no;            /* 1-based input line */
	char *text;        /* cleaned */
	size_t len;
	nb_srcpos *map;    /* body_off is an offset into text */
	size_t nmap;
	unsigned changes;
	bool rule;         /* a 分隔线 such as ──── or ==== */
} line;

static void emit(nb_sb *sb, line *l, const char *bytes, size_t n, int col, int *expect)
{
	if (l->nmap == 0 || col != *expect)
		nb_srcmap_add(&l->map, &l->nmap, sb->len, l->no, col);
	nb_sb_add(sb, bytes, n);
	*expect = col + 1;
}

static bool is_rule_cp(uint32_t cp)
{
	return (cp >= 0x2500 && cp <= 0x257F) || cp == '-' || cp == '=' || cp == '_' ||
	       cp == 0x2014 || cp == 0xFF0D || cp == 0xFF1D || cp == '*' || cp == '~';
}

static bool all_rule(const char *s, size_t len)
{
	if (nchars(s, len) < 3)
		return false;
	for (size_t i = 0; i < len;) {
		size_t n;
		if (!is_rule_cp(cp_at(s, len, i, &n)))
			return false;
		i += n;
	}
	return true;
}

/* Removes a space run when it sits where Chinese typesetting has none: between Chinese
 * characters or punctuation, or between them and figures ("2023 年", "网格员 530 人"). */
static bool extraction_space(uint32_t prev, uint32_t next)
{
	if (prev == 0 || next == 0)
		return false;
	return (is_cjk(prev) && (is_cjk(next) || is_digit(next))) ||
	       (is_digit(prev) && is_cjk(next));
}

static bool at_stars(const char *s, size_t len, size_t i)
{
	return i + 1 < len && s[i] == '*' && s[i + 1] == '*';
}

static void clean_line(const char *s, size_t len, int no, line *l)
{
	memset(l, 0, sizeof *l);
	l->no = no;
	size_t a = 0, b = len;
	unsigned lead = 0;
	bool has_content = false;
	for (size_t i = 0; i < len;) {
		size_t n;
		if (!is_blank(cp_at(s, len, i, &n))) {
			has_content = true;
			break;
		}
		i += n;
	}
	/* Leading indentation and Markdown heading / emphasis marks. */
	for (;;) {
		if (a >= b)
			break;
		size_t n;
		uint32_t cp = cp_at(s, b, a, &n);
		if (is_blank(cp)) {
			/* The space after "#" belongs to the Markdown mark, not to an indentation. */
			if (!(lead & CH_MARKDOWN))
				lead |= cp == 0x3000 ? CH_INDENT_WIDE : CH_INDENT;
			a += n;
		} else if (s[a] == '#') {
			while (a < b && s[a] == '#')
				a++;
			lead |= CH_MARKDOWN;
		} else if (at_stars(s, b, a)) {
			a += 2;
			lead |= CH_MARKDOWN;
		} else {
			break;
		}
	}
	for (;;) {
		if (b <= a)
			break;
		size_t p = nb_utf8_prev(s, b);
		if (p < a)
			break;
		if (is_blank(cp_at(s, b, p, NULL))) {
			l->changes |= CH_TRAILING;
			b = p;
		} else if (b - a >= 2 && s[b - 1] == '*' && s[b - 2] == '*') {
			b -= 2;
			l->changes |= CH_MARKDOWN;
		} else {
			break;
		}
	}
	if (!has_content) {
		/* A line of nothing but spaces is just a blank line. */
		l->text = nb_xstrdup("");
		l->changes = 0;
		return;
	}
	/* Markdown marks on their own (a line of "**") leave a blank line. */
	l->changes |= lead & CH_MARKDOWN;
	if (a < b)
		l->changes |= lead & (CH_INDENT | CH_INDENT_WIDE);

	nb_sb sb = {0};
	int col = (int)nchars(s, a) + 1, expect = 0;
	uint32_t prev = 0;
	for (size_t i = a; i < b;) {
		if (at_stars(s, b, i)) {
			i += 2;
			col += 2;
			l->changes |= CH_MARKDOWN;
			continue;
		}
		size_t n;
		uint32_t cp = cp_at(s, b, i, &n);
		if (is_blank(cp)) {
			size_t j = i;
			int run = 0;
			while (j < b) {
				size_t m;
				if (!is_blank(cp_at(s, b, j, &m)))
					break;
				j += m;
				run++;
			}
			size_t k = j;
			while (at_stars(s, b, k))
				k += 2;
			uint32_t next = k < b ? cp_at(s, b, k, NULL) : 0;
			if (extraction_space(prev, next)) {
				l->changes |= CH_SPACES;
			} else {
				int c = col;
				for (size_t q = i; q < j;) {
					size_t m;
					cp_at(s, b, q, &m);
					emit(&sb, l, s + q, m, c++, &expect);
					q += m;
				}
				prev = ' ';
			}
			col += run;
			i = j;
			continue;
		}
		emit(&sb, l, s + i, n, col, &expect);
		prev = cp;
		col++;
		i += n;
	}
	l->len = sb.len;
	l->text = sb_take(&sb);
	if (all_rule(l->text, l->len)) {
		l->rule = true;
		l->changes = 0;
	}
}

static bool is_blank_line(const line *l)
{
	return l->len == 0 || l->rule;
}

/* ------------------------------------------------------------------ paragraphs and bodies */

/* Text with its source map, built from (parts of) cleaned lines. */
typedef struct para {
	nb_sb sb;
	nb_srcpos *map;
	size_t nmap;
	int first_line, last_line;
	bool heading;      /* starts with a heading or sub-heading number */
} para;

static void para_add(para *p, const line *l, size_t from, size_t to)
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

static void para_free(para *p)
{
	nb_sb_free(&p->sb);
	free(p->map);
	memset(p, 0, sizeof *p);
}

typedef struct body {
	nb_sb sb;
	nb_srcpos *map;
	size_t nmap;
} body;

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

typedef struct pending_section {
	para heading;
	body body;
	int heading_line;
} pending_section;

/* ------------------------------------------------------------------ the importer */

typedef struct importer {
	const char *name;
	const nb_template *t;
	line *lines;
	size_t n;
	nb_report *r;
	nb_import_notes *notes;
	int indent_first, indent_count, trail_first, trail_count;
	/* Lines that belong to the body although they were met outside it. */
	size_t *pre_intro;
	size_t npre_intro;
	size_t *annex;
	size_t nannex;
	pending_section *secs;
	size_t nsecs;
	body intro;
} importer;

static void note(importer *im, int line_no, const char *msg)
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
static void report_cleaning(importer *im, const line *l, bool title)
{
	if (l->changes & CH_MARKDOWN)
		note(im, l->no, "已去除Markdown标记（# 或 **）");
	if (l->changes & CH_SPACES)
		note(im, l->no, title ? "已去除标题中的多余空格"
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

static void set_meta(importer *im, nb_meta_field f, const char *s, size_t len, int line_no)
{
	char *v = nb_xstrndup(s, len);
	nb_report_set_meta(im->r, f, v);
	free(v);
	im->r->meta_line[f] = line_no;
}

static const char *meta(const importer *im, nb_meta_field f)
{
	return im->r->meta[f];
}

/* Index of the next non-blank line at or after i (stopping at end), or end. */
static size_t next_nonblank(const importer *im, size_t i, size_t end)
{
	while (i < end && is_blank_line(&im->lines[i]))
		i++;
	return i;
}

static bool is_heading_line(const line *l)
{
	return top_marker(l->text, l->len) > 0;
}

static size_t first_heading(const importer *im)
{
	for (size_t i = 0; i < im->n; i++)
		if (!is_blank_line(&im->lines[i]) && is_heading_line(&im->lines[i]))
			return i;
	return im->n;
}

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
	if (top_marker(s, len) || is_sub_marker(s, len))
		return false;
	return contains(s, len, "报告") ||
	       (contains(s, len, "法治") && contains(s, len, "建设") && !looks_like_unit(s, len));
}

static bool is_fragment(const line *l)
{
	return nchars(l->text, l->len) <= 8 && !has_sentence_punct(l->text, l->len) &&
	       !top_marker(l->text, l->len) && !is_sub_marker(l->text, l->len) &&
	       !is_enum_opener(l->text, l->len);
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
			    !looks_like_unit(m->text, m->len))
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
			para_add(&p, &im->lines[k], 0, im->lines[k].len);
			report_cleaning(im, &im->lines[k], true);
		}
	para_add(&p, l, 0, l->len);
	report_cleaning(im, l, true);
	size_t j = next_nonblank(im, i + 1, limit);
	if (!ends_with(l->text, l->len, "报告") && j < limit) {
		line *m = &im->lines[j];
		if (nchars(m->text, m->len) <= 20 && !has_sentence_punct(m->text, m->len) &&
		    ends_with(m->text, m->len, "报告") && !top_marker(m->text, m->len)) {
			para_add(&p, m, 0, m->len);
			report_cleaning(im, m, true);
			end = j + 1;
		}
	}
	set_meta(im, NB_META_TITLE, p.sb.s, p.sb.len, im->lines[first].no);
	if (first < i || end > i + 1)
		note(im, im->lines[first].no, "标题分在多行，已合并为一行");
	if (mark_idx != (size_t)-1 && mark_idx >= first) {
		/* The 发文机关标志 was the title's first line; the unit is derived later. */
		nb_report_set_meta(im->r, NB_META_UNIT, NULL);
		im->r->meta_line[NB_META_UNIT] = 0;
	}
	para_free(&p);
	return end;
}

/* Recognises the 版头, title and 主送机关; returns the first line of the body. Lines before the
 * title that are not recognised are kept for the intro. */
static size_t parse_header(importer *im, size_t heading)
{
	size_t mark_idx = (size_t)-1, unknown_from = (size_t)-1;
	size_t i = next_nonblank(im, 0, heading);
	while (i < heading) {
		line *l = &im->lines[i];
		size_t n = l->len, off;
		bool known = unknown_from == (size_t)-1;
		size_t doc_end;
		if (known && !meta(im, NB_META_DOC_NUMBER) && (doc_end = match_doc_number(l->text, n))) {
			set_meta(im, NB_META_DOC_NUMBER, l->text, doc_end, l->no);
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
				set_meta(im, NB_META_SIGNER, l->text + v, n - v, l->no);
			} else if (doc_end < n) {
				nb_report_set_meta(im->r, NB_META_DOC_NUMBER, NULL);
				im->r->meta_line[NB_META_DOC_NUMBER] = 0;
				goto unknown;
			}
		} else if (known && !meta(im, NB_META_SIGNER) && is_signer_line(l, &off)) {
			set_meta(im, NB_META_SIGNER, l->text + off, n - off, l->no);
		} else if (contains(l->text, n, "报告") && is_title_text(l->text, n)) {
			goto title;
		} else if (known && mark_idx == (size_t)-1 && !meta(im, NB_META_DOC_NUMBER) &&
			   looks_like_unit(l->text, n)) {
			mark_idx = i;
			size_t keep = n;
			if (ends_with(l->text, n, "文件")) {
				keep -= strlen("文件");
				note(im, l->no, "发文机关标志中的“文件”二字未计入发文机关名称");
			}
			set_meta(im, NB_META_UNIT, l->text, keep, l->no);
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
				    !is_sub_marker(m->text, m->len) &&
				    /* "现将有关情况报告如下：" opens the intro; it names no organ. */
				    !contains(m->text, m->len, "如下") && !contains(m->text, m->len, "报告")) {
					set_meta(im, NB_META_RECIPIENT, m->text, m->len, m->no);
					report_cleaning(im, m, false);
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

static bool is_date_line(const line *l)
{
	return l->len > 0 && match_date(l->text, l->len) == l->len;
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
		if (match_date(l->text + i, end - i) == end - i) {
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
	       !is_sub_marker(l->text, l->len);
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
static size_t parse_trailer(importer *im, size_t lo)
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
			set_meta(im, NB_META_PRINT_DATE, l->text + off, end - off, l->no);
			if (off > 0) {
				set_meta(im, NB_META_PRINTER, l->text, off, l->no);
				k--;
			} else {
				size_t p = k - 1;
				while (p > lo && is_blank_line(&im->lines[p - 1]))
					p--;
				line *m = p > lo ? &im->lines[p - 1] : NULL;
				if (m && looks_like_unit(m->text, m->len)) {
					set_meta(im, NB_META_PRINTER, m->text, m->len, m->no);
					k = p - 1;
				} else {
					k--;
				}
			}
		} else if (!meta(im, NB_META_CC) && is_cc_line(l, &off)) {
			review_closed = nreview > 0;
			set_meta(im, NB_META_CC, l->text + off, l->len - off, l->no);
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
		set_meta(im, NB_META_SECRECY_REVIEW, sb.s, sb.len, im->lines[review[nreview - 1]].no);
		note(im, im->lines[review[nreview - 1]].no, "初审、复审、终审记录已记入“保密审查”字段");
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
		set_meta(im, NB_META_DATE, d->text, d->len, d->no);
		dated = true;
		k = p - 1;
		p = k;
		while (p > lo && is_blank_line(&im->lines[p - 1]))
			p--;
	}
	if (p > lo && looks_like_unit(im->lines[p - 1].text, im->lines[p - 1].len)) {
		line *s = &im->lines[p - 1];
		set_meta(im, NB_META_SIGNATURE, s->text, s->len, s->no);
		k = p - 1;
	} else if (!dated) {
		/* No 落款 and no date: annotation-looking lines were ordinary text. */
		return annex_end;
	}
	for (size_t i = annex_start; i < annex_end; i++)
		if (!is_blank_line(&im->lines[i])) {
			im->annex = nb_xrealloc(im->annex, (im->nannex + 1) * sizeof(size_t));
			im->annex[im->nannex++] = i;
			note(im, im->lines[i].no, "落款后的附注已保留在正文末尾");
		}
	return k;
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
	para_free(p);
}

static bool para_open(const para *p)
{
	return p->sb.len > 0 && !ends_sentence(last_cp(p->sb.s, p->sb.len));
}

static void start_para(importer *im, para *p, const line *l, size_t from)
{
	para_add(p, l, from, l->len);
	/* A sub-heading on a line of its own: "（一）加强组织领导" (no sentence in it). */
	p->heading = is_sub_marker(l->text + from, l->len - from) &&
		     !has_full_stop(l->text + from, l->len - from) &&
		     nchars(l->text + from, l->len - from) <= 60;
	report_cleaning(im, l, false);
}

/* Splits the body lines into the intro and sections, rejoining what page breaks cut apart. */
static void build_body(importer *im, size_t from, size_t to)
{
	para p = {0};
	for (size_t i = 0; i < im->npre_intro; i++) {
		start_para(im, &p, &im->lines[im->pre_intro[i]], 0);
		flush(im, &p);
	}
	for (size_t i = from; i < to; i++) {
		line *l = &im->lines[i];
		if (l->rule)
			note(im, l->no, "已忽略分隔线");
		if (is_blank_line(l))
			continue;
		size_t mk = top_marker(l->text, l->len);
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
			para_add(&s->heading, l, 0, cut);
			report_cleaning(im, l, false);
			if (cut < l->len) {
				para_add(&p, l, cut, l->len);
				continue;
			}
			size_t j = next_nonblank(im, i + 1, to);
			if (para_open(&s->heading) && j < to && is_fragment(&im->lines[j])) {
				para_add(&s->heading, &im->lines[j], 0, im->lines[j].len);
				report_cleaning(im, &im->lines[j], false);
				note(im, l->no, "已合并被分页断开的标题");
				i = j;
			}
			continue;
		}
		bool marker = is_sub_marker(l->text, l->len) || is_enum_opener(l->text, l->len);
		if (para_open(&p) && !marker && (!p.heading || is_fragment(l))) {
			note(im, p.last_line, p.heading ? "已合并被分页断开的标题"
							: "已合并被分页断开的段落");
			para_add(&p, l, 0, l->len);
			report_cleaning(im, l, false);
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
static void finish_sections(importer *im)
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
			note(im, ps->heading_line, msg);
			free(msg);
		}
		nb_section *s = nb_report_add_section(r, id, heading, sb_cstr(&ps->body.sb));
		s->heading_line = ps->heading_line;
		s->map = ps->body.map;
		s->nmap = ps->body.nmap;
		ps->body.map = NULL;
		nb_sb_free(&ps->body.sb);
		para_free(&ps->heading);
	}
}

/* ------------------------------------------------------------------ derived metadata */

static void derive_year(importer *im)
{
	nb_report *r = im->r;
	const char *title = r->meta[NB_META_TITLE];
	int y = 0, line_no = 0;
	if (title && (y = find_year(title, strlen(title), NULL, NULL)))
		line_no = r->meta_line[NB_META_TITLE];
	if (!y && r->intro[0]) {
		size_t len = strlen(r->intro), at;
		if ((y = find_year(r->intro, len, &at, "以来")) ||
		    (y = find_year(r->intro, len, &at, "度"))) {
			int col;
			nb_srcmap_lookup(r->intro_map, r->intro_nmap, r->intro, at, &line_no, &col);
		}
	}
	if (!y && r->nsections && (y = find_year(r->sections[0].heading,
						 strlen(r->sections[0].heading), NULL, NULL)))
		line_no = r->sections[0].heading_line;
	if (!y)
		return;
	char buf[8];
	snprintf(buf, sizeof buf, "%d", y);
	nb_report_set_meta(r, NB_META_YEAR, buf);
	r->meta_line[NB_META_YEAR] = line_no;
}

/* The unit from the title: "X关于…", "X2023年度…", "2024年X法治…". */
static char *unit_from_title(const char *t)
{
	size_t len = strlen(t), start = 0, used;
	if (year_at(t, len, &used)) {
		start = used;
		if (starts_with(t + start, len - start, "度"))
			start += strlen("度");
	}
	size_t end = len;
	const char *stops[] = {"关于", "法治", "依法"};
	for (size_t i = 0; i < 3; i++) {
		size_t f = find(t + start, len - start, stops[i]);
		if (start + f < end)
			end = start + f;
	}
	size_t at;
	if (find_year(t + start, len - start, &at, NULL) && start + at < end)
		end = start + at;
	size_t n = nchars(t + start, end - start);
	if (end >= len || n < 2 || n > 30)
		return NULL;
	return nb_xstrndup(t + start, end - start);
}

static const char *guess_unit_type(const char *u)
{
	size_t len = strlen(u);
	if (contains(u, len, "社区"))
		return "社区";
	if (contains(u, len, "街道"))
		return "街道";
	if (ends_with(u, len, "乡") || ends_with(u, len, "镇") || contains(u, len, "乡人民政府") ||
	    contains(u, len, "镇人民政府") || contains(u, len, "乡党委") ||
	    contains(u, len, "镇党委") || contains(u, len, "乡委员会") || contains(u, len, "镇委员会"))
		return "乡镇";
	if (ends_with(u, len, "人民政府") &&
	    (contains(u, len, "县") || contains(u, len, "区") || contains(u, len, "市")))
		return "县级政府";
	static const char *const dept[] = {"局", "委", "办", "委员会", "办公室", "中心", "院", "所"};
	for (size_t i = 0; i < sizeof dept / sizeof dept[0]; i++)
		if (ends_with(u, len, dept[i]))
			return "县级部门";
	return "其他";
}

static void derive_unit(importer *im)
{
	nb_report *r = im->r;
	if (!r->meta[NB_META_UNIT]) {
		if (r->meta[NB_META_SIGNATURE]) {
			nb_report_set_meta(r, NB_META_UNIT, r->meta[NB_META_SIGNATURE]);
			r->meta_line[NB_META_UNIT] = r->meta_line[NB_META_SIGNATURE];
		} else if (r->meta[NB_META_TITLE]) {
			char *u = unit_from_title(r->meta[NB_META_TITLE]);
			if (u) {
				nb_report_set_meta(r, NB_META_UNIT, u);
				r->meta_line[NB_META_UNIT] = r->meta_line[NB_META_TITLE];
				free(u);
			}
		}
	}
	if (r->meta[NB_META_UNIT] && !r->meta[NB_META_UNIT_TYPE])
		nb_report_set_meta(r, NB_META_UNIT_TYPE, guess_unit_type(r->meta[NB_META_UNIT]));
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
		clean_line(utf8 + i, end - i, ++no, &im.lines[im.n]);
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
	size_t body_from = parse_header(&im, heading);
	size_t body_to = parse_trailer(&im, body_from);
	build_body(&im, body_from, body_to);
	finish_sections(&im);
	derive_year(&im);
	derive_unit(&im);

	if (im.indent_count) {
		char *msg = nb_xasprintf("已去除行首缩进（共%d行）", im.indent_count);
		note(&im, im.indent_first, msg);
		free(msg);
	}
	if (im.trail_count) {
		char *msg = nb_xasprintf("已去除行尾空格（共%d行）", im.trail_count);
		note(&im, im.trail_first, msg);
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
