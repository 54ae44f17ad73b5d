/* import_internal.h — what the stages of the text importer share (not part of the public API). */
/* The cleaned input line, the paragraph being assembled, the importer's state, small readers of
 * UTF-8 text and the recognisers of numbering, dates, 文号 and organ names. */
#ifndef NIANBAO_IMPORT_INTERNAL_H
#define NIANBAO_IMPORT_INTERNAL_H
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include "nianbao/text.h"
#include "nianbao/textio.h"

/* ------------------------------------------------------------------ characters and strings */

/* Spaces for the importer: the usual ones plus zero-width and page-break characters that PDF
 * extraction leaves behind. */
static inline bool is_blank(uint32_t cp)
{
	return nb_is_space(cp) || cp == 0xFEFF || cp == 0x200B || cp == '\r' || cp == '\f' ||
	       cp == '\v';
}

static inline bool is_digit(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

static inline uint32_t cp_at(const char *s, size_t len, size_t off, size_t *n)
{
	uint32_t cp;
	bool valid;
	size_t k = nb_utf8_decode(s + off, len - off, &cp, &valid);
	if (n)
		*n = k;
	return cp;
}

static inline uint32_t last_cp(const char *s, size_t len)
{
	if (len == 0)
		return 0;
	return cp_at(s, len, nb_utf8_prev(s, len), NULL);
}

static inline size_t nchars(const char *s, size_t len)
{
	return nb_utf8_count(s, len);
}

static inline bool starts_with(const char *s, size_t len, const char *p)
{
	size_t n = strlen(p);
	return len >= n && memcmp(s, p, n) == 0;
}

static inline bool ends_with(const char *s, size_t len, const char *p)
{
	size_t n = strlen(p);
	return len >= n && memcmp(s + len - n, p, n) == 0;
}

/* Byte offset of needle in s, or len when absent. */
static inline size_t find(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; n <= len && i + n <= len; i++)
		if (memcmp(s + i, needle, n) == 0)
			return i;
	return len;
}

static inline bool contains(const char *s, size_t len, const char *needle)
{
	return find(s, len, needle) < len;
}

/* True when s contains any full-width or ASCII sentence punctuation from `set`. */
static inline bool has_any_cp(const char *s, size_t len, const uint32_t *set, size_t nset)
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

static inline bool has_sentence_punct(const char *s, size_t len)
{
	static const uint32_t set[] = {0x3002, 0xFF0C, 0xFF1B, 0xFF01, 0xFF1F, 0xFF1A,
				       ',', ';', '!', '?'};
	return has_any_cp(s, len, set, sizeof set / sizeof set[0]);
}

/* nb_sb_take/nb_sb_cstr on a builder nothing was added to do not write the terminating NUL;
 * adding nothing first makes sure they do. */
static inline char *sb_take(nb_sb *sb)
{
	nb_sb_add(sb, "", 0);
	return nb_sb_take(sb);
}

static inline const char *sb_cstr(nb_sb *sb)
{
	nb_sb_add(sb, "", 0);
	return nb_sb_cstr(sb);
}

/* ------------------------------------------------------------------ shapes (import_shapes.c) */

/* 一、 二、 … 二十、: the numbering of a top-level heading. Returns the bytes of the marker. */
size_t nb_draft_top_marker(const char *s, size_t len);
/* （一） (一) （1） (1) 1. 1． 1、 ①: numbering below the top level. */
bool nb_draft_is_sub_marker(const char *s, size_t len);
/* 一是 二是 …: the enumeration inside a paragraph; a line starting with it starts a paragraph. */
bool nb_draft_is_enum_opener(const char *s, size_t len);
/* Length of a date (2024年3月26日, ２０２４年…, 二〇二四年三月二十六日) at s, or 0. */
size_t nb_draft_match_date(const char *s, size_t len);
/* A four-digit year followed by 年 at s: returns the year, 0 if none. */
int nb_draft_year_at(const char *s, size_t len, size_t *consumed);
/* First year (YYYY年) anywhere in s, followed by followed_by when that is given; *at receives
 * its byte offset. */
int nb_draft_find_year(const char *s, size_t len, size_t *at, const char *followed_by);
/* Does the line look like the name of an organ (发文机关标志, 落款, 印发机关)? */
bool nb_draft_looks_like_unit(const char *s, size_t len);
/* 机关代字〔2024〕5号 (and the [ ] ( ) 【】 variants clerks type): returns the end of 号, or 0. */
size_t nb_draft_match_doc_number(const char *s, size_t len);

/* ------------------------------------------------------------------ lines (import_clean.c) */

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

/* Splits off the indentation, trailing spaces, Markdown marks and extraction spaces of input
 * line no (s, len bytes) into *l, with a source map back to the input columns. */
void nb_import_clean_line(const char *s, size_t len, int no, line *l);

static inline bool is_blank_line(const line *l)
{
	return l->len == 0 || l->rule;
}

/* ------------------------------------------------------------------ paragraphs (import_body.c) */

/* Text with its source map, built from (parts of) cleaned lines. */
typedef struct para {
	nb_sb sb;
	nb_srcpos *map;
	size_t nmap;
	int first_line, last_line;
	bool heading;      /* starts with a heading or sub-heading number */
} para;

typedef struct body {
	nb_sb sb;
	nb_srcpos *map;
	size_t nmap;
} body;

typedef struct pending_section {
	para heading;
	body body;
	int heading_line;
} pending_section;

/* ------------------------------------------------------------------ the importer (import.c) */

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

/* Adds the note "第N行：msg" about input line line_no (nothing when no notes are kept). */
void nb_import_add_note(importer *im, int line_no, const char *msg);

/* Notes what cleaning did to a line that ends up in the report's text (title: in the title). */
void nb_import_report_cleaning(importer *im, const line *l, bool title);
/* Sets metadata field f to s[0, len) and remembers its input line. */
void nb_import_set_meta(importer *im, nb_meta_field f, const char *s, size_t len, int line_no);

/* The metadata field f recognised so far, or NULL. */
static inline const char *meta(const importer *im, nb_meta_field f)
{
	return im->r->meta[f];
}

/* Index of the next non-blank line at or after i (stopping at end), or end. */
static inline size_t next_nonblank(const importer *im, size_t i, size_t end)
{
	while (i < end && is_blank_line(&im->lines[i]))
		i++;
	return i;
}

/* ------------------------------------------------------------------ the stages */

/* import_body.c: appends to p the bytes [from, to) of l, with their source positions. */
void nb_import_para_add(para *p, const line *l, size_t from, size_t to);
void nb_import_para_free(para *p);
/* import_frame.c: recognises the 版头, title and 主送机关 above the first top-level heading
 * (index heading); returns the first line of the body. */
size_t nb_import_parse_header(importer *im, size_t heading);
/* import_frame.c: recognises the 落款, 成文日期 and 版记 from the bottom up, not above line lo;
 * returns the end of the body. */
size_t nb_import_parse_trailer(importer *im, size_t lo);
/* import_body.c: splits lines [from, to) into the intro and sections, rejoining what page
 * breaks cut apart. */
void nb_import_build_body(importer *im, size_t from, size_t to);
/* import_body.c: moves the built intro and sections into the report, mapping headings to the
 * template. */
void nb_import_finish_sections(importer *im);
/* import_derive.c: the year, unit and unit type the draft does not state as fields. */
void nb_import_derive_year(importer *im);
void nb_import_derive_unit(importer *im);

#endif
