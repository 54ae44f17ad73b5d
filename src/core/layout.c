/* layout.c — soft wrap by display width with 避头尾, and a per-paragraph cache of rows.
 *
 * Wrapping streams over a paragraph once, remembering the last place a row may end; when a
 * character does not fit, the row ends there (or, if there is none, right before the character).
 * The cache keeps rows per paragraph and shifts the positions of later paragraphs lazily, so an
 * edit costs the touched paragraph plus the distance from the previous edit. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "nianbao/layout.h"
#include "nianbao/text.h"
#include "nianbao/util.h"

#define MIN_WIDTH 2

void nb_rows_free(nb_rows *rows)
{
	free(rows->v);
	rows->v = NULL;
	rows->n = rows->cap = 0;
}

static void rows_push(nb_rows *rows, size_t start, size_t end, size_t para, int width)
{
	if (rows->n == rows->cap) {
		rows->cap = rows->cap ? rows->cap * 2 : 16;
		rows->v = nb_xrealloc(rows->v, rows->cap * sizeof *rows->v);
	}
	rows->v[rows->n++] = (nb_row){start, end, para, width};
}

int nb_layout_cp_width(uint32_t cp, bool ambiguous_wide)
{
	int w = nb_cp_width(cp, ambiguous_wide);
	if (w >= 0)
		return w;
	char buf[16];
	const char *ph = nb_cp_placeholder(cp, buf);
	return ph ? (int)strlen(ph) : 1;
}

/* ---- units: a character with any zero-width characters that follow it ---- */

enum unit_class { U_NONE, U_WIDE, U_ALNUM, U_SPACE, U_OPEN, U_CLOSE, U_OTHER };

typedef struct unit {
	size_t off, end;
	int w;
	enum unit_class cls;
} unit;

/* Marks that must not end a row (they open something). */
static bool is_opening(uint32_t cp)
{
	switch (cp) {
	case 0x201C: case 0x2018:             /* “ ‘ */
	case 0xFF08: case 0x300A: case 0x3008: /* （ 《 〈 */
	case 0x3014: case 0x3010: case 0x300C: case 0x300E: /* 〔 【 「 『 */
	case 0x3016: case 0x3018: case 0x301A: case 0xFF3B: case 0xFF5B: /* 〖 〘 〚 ［ ｛ */
	case '(': case '[': case '{':
		return true;
	default:
		return false;
	}
}

/* Marks that must not start a row (they close or follow something). */
static bool is_closing(uint32_t cp)
{
	switch (cp) {
	case 0xFF0C: case 0x3002: case 0x3001: case 0xFF1B: case 0xFF1A: /* ， 。 、 ； ： */
	case 0xFF1F: case 0xFF01: case 0x201D: case 0x2019: /* ？ ！ ” ’ */
	case 0xFF09: case 0x300B: case 0x3009: case 0x3015: case 0x3011: /* ） 》 〉 〕 】 */
	case 0x300D: case 0x300F: case 0x3017: case 0x3019: case 0x301B: /* 」 』 〗 〙 〛 */
	case 0xFF3D: case 0xFF5D: case 0xFF0E: /* ］ ｝ ． */
	case 0x2026: case 0x2014: case 0x2015: case 0x2025: /* … — ― ‥ (never split a pair) */
	case 0xFF5E: case 0x00B7: case 0x30FB: /* ～ · ・ */
	case 0xFF05: case 0x2030: case 0x2103: case 0x00B0: /* ％ ‰ ℃ ° */
	case ',': case '.': case ';': case ':': case '?': case '!': case ')': case ']': case '}':
	case '%':
		return true;
	default:
		return false;
	}
}

static bool is_digit(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

static bool is_alnum(uint32_t cp)
{
	if (cp < 0x80)
		return is_digit(cp) || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '_';
	return (cp >= 0xC0 && cp < 0x0530 && cp != 0xD7 && cp != 0xF7) ||
	       (cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A) || is_digit(cp);
}

static uint32_t peek_cp(const char *s, size_t len, size_t off)
{
	uint32_t cp = 0;
	if (off < len)
		nb_utf8_decode(s + off, len - off, &cp, NULL);
	return cp;
}

/* Reads the unit at off; prev_cp is the code point before it (for 1,200 and 99.87). */
static void next_unit(const char *s, size_t len, size_t off, uint32_t prev_cp, bool amb, unit *u,
                      uint32_t *last_cp)
{
	uint32_t cp;
	size_t n = nb_utf8_decode(s + off, len - off, &cp, NULL);
	u->off = off;
	u->w = nb_layout_cp_width(cp, amb);
	if (nb_cp_width(cp, amb) < 0)
		u->cls = U_OTHER;  /* controls: drawn as placeholders */
	else if (nb_is_space(cp))
		u->cls = U_SPACE;
	else if (is_closing(cp))
		u->cls = U_CLOSE;
	else if (is_opening(cp))
		u->cls = U_OPEN;
	else if (is_alnum(cp))
		u->cls = U_ALNUM;
	else if (u->w == 2 || nb_is_han(cp))
		u->cls = U_WIDE;
	else
		u->cls = U_OTHER;
	if ((cp == '.' || cp == ',') && is_digit(prev_cp) && is_digit(peek_cp(s, len, off + n)))
		u->cls = U_ALNUM;  /* inside a number */
	off += n;
	*last_cp = cp;
	/* Combining marks and other zero-width characters stay with their base character. */
	while (off < len) {
		uint32_t next;
		size_t k = nb_utf8_decode(s + off, len - off, &next, NULL);
		if (nb_cp_width(next, amb) != 0)
			break;
		off += k;
	}
	u->end = off;
}

/* May a row end between a unit of class a and the next one, of class b? */
static bool may_break(enum unit_class a, enum unit_class b)
{
	if (b == U_CLOSE)                  /* no row starts with a closing mark */
		return false;
	if (a == U_OPEN)                   /* no row ends with an opening mark */
		return false;
	if (a == U_ALNUM && b == U_ALNUM)  /* words and numbers stay whole */
		return false;
	return true;
}

/* Lets a re-wrap after an edit stop as soon as its rows fall back into step with the old rows:
 * from a row start on, wrapping depends only on the text from the character before that start,
 * so once a new row starts where an old one did (past the edit, in unchanged text) every later
 * row is the old one moved by the edit's size. */
typedef struct resync {
	const char *s;      /* the new paragraph text */
	const struct prow *old;
	size_t nold;
	size_t k;           /* next old row to compare with */
	size_t safe;        /* new offsets from here on hold unchanged text: old = new - delta */
	bool amb;
	size_t delta;       /* inserted - removed (modular) */
	size_t hit;         /* old row where the remaining rows resume, or SIZE_MAX */
} resync;

static bool resync_at(resync *rs, size_t start);

/* Wraps s[from..len) where from is a row start and prev_cp the code point of the unit before it
 * (0 at the paragraph start). Stops early when rs (may be NULL) finds the old rows again. */
static void wrap_core(const char *s, size_t len, size_t from, uint32_t prev_cp, size_t base, size_t para,
                      int width, bool ambiguous_wide, nb_rows *out, resync *rs)
{
	if (width < MIN_WIDTH)
		width = MIN_WIDTH;
	size_t start = from, brk = from;  /* row start; last allowed break (start = none) */
	int w = 0, brk_w = 0;
	enum unit_class prev = U_NONE;
	size_t off = from;
	unit u = {0};
	bool have_unit = false;
	while (off < len || have_unit) {
		if (!have_unit) {
			uint32_t cp;
			next_unit(s, len, off, prev_cp, ambiguous_wide, &u, &cp);
			prev_cp = cp;
			have_unit = true;
		}
		if (u.off > start && may_break(prev, u.cls)) {
			brk = u.off;
			brk_w = w;
		}
		if (w + u.w > width && u.off > start) {
			if (brk > start) {  /* end the row at the last allowed break */
				rows_push(out, base + start, base + brk, para, brk_w);
				w -= brk_w;
				start = brk;
			} else {            /* nowhere allowed: cut right here, as little harm as possible */
				rows_push(out, base + start, base + u.off, para, w);
				w = 0;
				start = u.off;
			}
			if (rs && resync_at(rs, start))
				return;
			continue;  /* the unit is looked at again against the new row */
		}
		w += u.w;
		prev = u.cls;
		off = u.end;
		have_unit = false;
	}
	rows_push(out, base + start, base + len, para, w);
}

void nb_wrap_paragraph(const char *s, size_t len, size_t base, size_t para, int width,
                       bool ambiguous_wide, nb_rows *out)
{
	wrap_core(s, len, 0, 0, base, para, width, ambiguous_wide, out, NULL);
}

void nb_wrap_text(const char *s, size_t len, int width, bool ambiguous_wide, nb_rows *out)
{
	out->n = 0;
	size_t start = 0, para = 0;
	for (;;) {
		const char *nl = memchr(s + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - s) : len;
		nb_wrap_paragraph(s + start, end - start, start, para++, width, ambiguous_wide, out);
		if (!nl)
			break;
		start = end + 1;
	}
}

size_t nb_rows_find(const nb_rows *rows, size_t off)
{
	if (rows->n == 0)
		return 0;
	size_t lo = 0, hi = rows->n;  /* last row with start <= off */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (rows->v[mid].start <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Cell column of byte upto within s[0..len) (a row's text). */
static int x_of(const char *s, size_t len, size_t upto, bool amb)
{
	int x = 0;
	size_t off = 0;
	uint32_t prev = 0;
	while (off < len) {
		unit u;
		uint32_t cp;
		next_unit(s, len, off, prev, amb, &u, &cp);
		prev = cp;
		if (u.end > upto)
			break;
		x += u.w;
		off = u.end;
	}
	return x;
}

/* Byte offset (within s[0..len)) of the character at cell column x. */
static size_t offset_at(const char *s, size_t len, int x, bool amb)
{
	int cx = 0;
	size_t off = 0;
	uint32_t prev = 0;
	while (off < len) {
		unit u;
		uint32_t cp;
		next_unit(s, len, off, prev, amb, &u, &cp);
		prev = cp;
		if (x < cx + u.w)
			return off;
		cx += u.w;
		off = u.end;
	}
	return len;
}

int nb_row_x(const char *text, const nb_row *row, size_t off, bool ambiguous_wide)
{
	if (off <= row->start)
		return 0;
	if (off > row->end)
		off = row->end;
	return x_of(text + row->start, row->end - row->start, off - row->start, ambiguous_wide);
}

size_t nb_row_offset(const char *text, const nb_row *row, int x, bool ambiguous_wide)
{
	if (x <= 0)
		return row->start;
	return row->start + offset_at(text + row->start, row->end - row->start, x, ambiguous_wide);
}

/* ---- the cached layout ---- */

typedef struct prow {
	size_t start, end;  /* relative to the paragraph's start */
	int width;
} prow;

typedef struct para {
	size_t start;      /* stored; add the pending shift when the index is >= lazy_from */
	size_t first_row;  /* likewise */
	size_t len;        /* bytes, without the '\n' */
	size_t nrows;
	prow *rows;
} para;

struct nb_layout {
	int width;
	bool amb;
	para *p;
	size_t n, cap;
	/* Paragraphs from lazy_from on still owe these shifts (modular arithmetic). */
	size_t lazy_from, lazy_dstart, lazy_drow;
	nb_rows scratch;
};

static size_t pstart(const nb_layout *l, size_t i)
{
	return l->p[i].start + (i >= l->lazy_from ? l->lazy_dstart : 0);
}

static size_t pfirst(const nb_layout *l, size_t i)
{
	return l->p[i].first_row + (i >= l->lazy_from ? l->lazy_drow : 0);
}

nb_layout *nb_layout_new(int width, bool ambiguous_wide)
{
	nb_layout *l = nb_xcalloc(1, sizeof *l);
	l->width = width < MIN_WIDTH ? MIN_WIDTH : width;
	l->amb = ambiguous_wide;
	return l;
}

/* The row of paragraph pa holding byte rel of it: the last row that starts at or before rel. */
static size_t row_of_offset(const para *pa, size_t rel)
{
	size_t lo = 0, hi = pa->nrows;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (pa->rows[mid].start <= rel)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static void free_paras(nb_layout *l, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		free(l->p[i].rows);
}

void nb_layout_free(nb_layout *l)
{
	if (!l)
		return;
	free_paras(l, 0, l->n);
	free(l->p);
	nb_rows_free(&l->scratch);
	free(l);
}

/* Start of the unit that ends just before from (from > 0): its base character, with the
 * zero-width characters that ride on it skipped; *cp gets that character. */
static size_t unit_before(const char *s, size_t from, bool amb, uint32_t *cp)
{
	size_t p = from;
	do {
		p = nb_utf8_prev(s, p);
		nb_utf8_decode(s + p, from - p, cp, NULL);
	} while (p > 0 && nb_cp_width(*cp, amb) == 0);
	return p;
}

static bool resync_at(resync *rs, size_t start)
{
	uint32_t cp;
	if (start <= rs->safe || unit_before(rs->s, start, rs->amb, &cp) < rs->safe)
		return false;
	size_t old_start = start - rs->delta;
	while (rs->k < rs->nold && rs->old[rs->k].start < old_start)
		rs->k++;
	if (rs->k < rs->nold && rs->old[rs->k].start == old_start) {
		rs->hit = rs->k;
		return true;
	}
	return false;
}

/* An edit inside paragraph p that leaves it one paragraph: re-wraps from a few rows before the
 * edit until the rows fall back into step, instead of the whole paragraph (typing into a long
 * paragraph stays cheap). The new text of the paragraph is t[0..len); the edit replaced old
 * bytes [rel, rel+removed) by [rel, rel+inserted). */
static void rewrap_rows(nb_layout *l, para *pa, const char *t, size_t len, size_t rel, size_t removed,
                        size_t inserted)
{
	size_t k = row_of_offset(pa, rel);  /* the row holding the edit */
	/* A row is decided by the text up to the character that did not fit in it, which can lie
	 * up to two rows further on (a long number pushed down, then cut): start three rows back. */
	size_t k0 = k >= 3 ? k - 3 : 0;
	size_t from = pa->rows[k0].start;
	resync rs = {t, pa->rows, pa->nrows, k0 + 1, rel + inserted, l->amb, inserted - removed, SIZE_MAX};
	l->scratch.n = 0;
	uint32_t prev_cp = 0;
	if (from)
		(void)unit_before(t, from, l->amb, &prev_cp);
	wrap_core(t, len, from, prev_cp, 0, 0, l->width, l->amb, &l->scratch, &rs);
	size_t tail = rs.hit == SIZE_MAX ? 0 : pa->nrows - rs.hit;
	size_t nrows = k0 + l->scratch.n + tail;
	prow *rows = nb_xmalloc(nrows * sizeof *rows);
	memcpy(rows, pa->rows, k0 * sizeof *rows);
	for (size_t i = 0; i < l->scratch.n; i++)
		rows[k0 + i] = (prow){l->scratch.v[i].start, l->scratch.v[i].end, l->scratch.v[i].width};
	for (size_t i = 0; i < tail; i++) {
		prow r = pa->rows[rs.hit + i];
		rows[k0 + l->scratch.n + i] = (prow){r.start + rs.delta, r.end + rs.delta, r.width};
	}
	free(pa->rows);
	pa->rows = rows;
	pa->nrows = nrows;
	pa->len = len;
}

/* Wraps one paragraph's text into pa (start and first_row are set by the caller). */
static void wrap_into(nb_layout *l, const char *s, size_t len, para *pa)
{
	l->scratch.n = 0;
	nb_wrap_paragraph(s, len, 0, 0, l->width, l->amb, &l->scratch);
	pa->len = len;
	pa->nrows = l->scratch.n;
	pa->rows = nb_xmalloc(pa->nrows * sizeof *pa->rows);
	for (size_t i = 0; i < pa->nrows; i++)
		pa->rows[i] = (prow){l->scratch.v[i].start, l->scratch.v[i].end, l->scratch.v[i].width};
}

/* Wraps text s[0..len) as whole paragraphs; appends them to out (count in *n, capacity *cap),
 * starting at byte offset base and row first. */
static void wrap_region(nb_layout *l, const char *s, size_t len, size_t base, size_t first,
                        para **out, size_t *n, size_t *cap)
{
	size_t start = 0;
	for (;;) {
		const char *nl = memchr(s + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - s) : len;
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			*out = nb_xrealloc(*out, *cap * sizeof **out);
		}
		para *pa = &(*out)[(*n)++];
		pa->start = base + start;
		pa->first_row = first;
		wrap_into(l, s + start, end - start, pa);
		first += pa->nrows;
		if (!nl)
			break;
		start = end + 1;
	}
}

void nb_layout_reset(nb_layout *l, nb_buffer *b)
{
	free_paras(l, 0, l->n);
	l->n = 0;
	l->lazy_from = 0;
	l->lazy_dstart = l->lazy_drow = 0;
	size_t len;
	const char *t = nb_buffer_text(b, &len);
	wrap_region(l, t, len, 0, 0, &l->p, &l->n, &l->cap);
	l->lazy_from = l->n;
}

void nb_layout_set_width(nb_layout *l, nb_buffer *b, int width, bool ambiguous_wide)
{
	l->width = width < MIN_WIDTH ? MIN_WIDTH : width;
	l->amb = ambiguous_wide;
	nb_layout_reset(l, b);
}

int nb_layout_width(const nb_layout *l) { return l->width; }
size_t nb_layout_para_count(const nb_layout *l) { return l->n; }

size_t nb_layout_row_count(const nb_layout *l)
{
	return l->n ? pfirst(l, l->n - 1) + l->p[l->n - 1].nrows : 0;
}

size_t nb_layout_para_of(const nb_layout *l, size_t off)
{
	if (l->n == 0)
		return 0;
	size_t lo = 0, hi = l->n;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (pstart(l, mid) <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static size_t para_of_row(const nb_layout *l, size_t row)
{
	size_t lo = 0, hi = l->n;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (pfirst(l, mid) <= row)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

size_t nb_layout_para_first_row(const nb_layout *l, size_t p) { return p < l->n ? pfirst(l, p) : 0; }
size_t nb_layout_para_rows(const nb_layout *l, size_t p) { return p < l->n ? l->p[p].nrows : 0; }
size_t nb_layout_para_start(const nb_layout *l, size_t p) { return p < l->n ? pstart(l, p) : 0; }
size_t nb_layout_para_len(const nb_layout *l, size_t p) { return p < l->n ? l->p[p].len : 0; }

bool nb_layout_row(const nb_layout *l, size_t i, nb_row *out)
{
	if (i >= nb_layout_row_count(l))
		return false;
	size_t p = para_of_row(l, i);
	const prow *r = &l->p[p].rows[i - pfirst(l, p)];
	size_t s = pstart(l, p);
	*out = (nb_row){s + r->start, s + r->end, p, r->width};
	return true;
}

/* Makes the stored values of paragraphs [from, to) exact (they owed the pending shift). */
static void settle(nb_layout *l, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		l->p[i].start += l->lazy_dstart;
		l->p[i].first_row += l->lazy_drow;
	}
}

/* Adds (dstart, drow) to every paragraph from index from on, lazily. */
static void shift_from(nb_layout *l, size_t from, size_t dstart, size_t drow)
{
	if (from >= l->lazy_from) {
		settle(l, l->lazy_from, from < l->n ? from : l->n);
	} else {
		/* Paragraphs [from, lazy_from) are exact: make them owe the pending shift too. */
		for (size_t i = from; i < l->lazy_from && i < l->n; i++) {
			l->p[i].start -= l->lazy_dstart;
			l->p[i].first_row -= l->lazy_drow;
		}
	}
	l->lazy_from = from;
	l->lazy_dstart += dstart;
	l->lazy_drow += drow;
}

void nb_layout_update(nb_layout *l, nb_buffer *b, size_t off, size_t removed, size_t inserted)
{
	if (l->n == 0) {
		nb_layout_reset(l, b);
		return;
	}
	size_t p0 = nb_layout_para_of(l, off);
	size_t p1 = nb_layout_para_of(l, off + removed);
	if (l->lazy_from <= p1) {  /* the replaced paragraphs must hold exact values */
		settle(l, l->lazy_from, p1 + 1);
		l->lazy_from = p1 + 1;
	}
	size_t start = l->p[p0].start, first = l->p[p0].first_row;
	size_t old_end = l->p[p1].start + l->p[p1].len;
	size_t new_end = old_end + inserted - removed;
	if (old_end + inserted < removed || new_end > nb_buffer_len(b) || new_end < start) {
		nb_layout_reset(l, b);  /* the change does not fit what we laid out: start over */
		return;
	}
	size_t old_rows = 0;
	for (size_t i = p0; i <= p1; i++)
		old_rows += l->p[i].nrows;

	const char *t = nb_buffer_span(b, start, new_end - start);
	if (p0 == p1 && !memchr(t + (off - start), '\n', inserted)) {
		/* Still one paragraph: re-wrap only the rows around the edit. */
		rewrap_rows(l, &l->p[p0], t, new_end - start, off - start, removed, inserted);
		shift_from(l, p0 + 1, inserted - removed, l->p[p0].nrows - old_rows);
		return;
	}
	para *fresh = NULL;
	size_t nf = 0, capf = 0;
	wrap_region(l, t, new_end - start, start, first, &fresh, &nf, &capf);
	size_t new_rows = 0;
	for (size_t i = 0; i < nf; i++)
		new_rows += fresh[i].nrows;

	size_t old_count = p1 - p0 + 1;
	free_paras(l, p0, p1 + 1);
	if (l->n - old_count + nf > l->cap) {
		l->cap = (l->n - old_count + nf) * 2;
		l->p = nb_xrealloc(l->p, l->cap * sizeof *l->p);
	}
	if (nf != old_count)
		memmove(&l->p[p0 + nf], &l->p[p1 + 1], (l->n - p1 - 1) * sizeof *l->p);
	memcpy(&l->p[p0], fresh, nf * sizeof *fresh);
	free(fresh);
	l->n = l->n - old_count + nf;
	l->lazy_from = l->lazy_from - old_count + nf;
	shift_from(l, p0 + nf, inserted - removed, new_rows - old_rows);
}

void nb_layout_sync(nb_layout *l, nb_buffer *b)
{
	size_t off, removed, inserted;
	if (nb_buffer_take_change(b, &off, &removed, &inserted))
		nb_layout_update(l, b, off, removed, inserted);
}

void nb_layout_pos(const nb_layout *l, nb_buffer *b, size_t off, size_t *row, int *x)
{
	*row = 0;
	*x = 0;
	if (l->n == 0)
		return;
	size_t p = nb_layout_para_of(l, off);
	const para *pa = &l->p[p];
	size_t s = pstart(l, p);
	size_t rel = off > s ? off - s : 0;
	if (rel > pa->len)
		rel = pa->len;
	size_t r = row_of_offset(pa, rel);
	*row = pfirst(l, p) + r;
	const prow *pr = &pa->rows[r];
	const char *t = nb_buffer_span(b, s + pr->start, pr->end - pr->start);
	*x = x_of(t, pr->end - pr->start, rel - pr->start, l->amb);
}

size_t nb_layout_offset(const nb_layout *l, nb_buffer *b, size_t row, int x)
{
	size_t count = nb_layout_row_count(l);
	if (count == 0)
		return 0;
	if (row >= count)
		row = count - 1;
	nb_row r;
	nb_layout_row(l, row, &r);
	if (x <= 0)
		return r.start;
	const char *t = nb_buffer_span(b, r.start, r.end - r.start);
	return r.start + offset_at(t, r.end - r.start, x, l->amb);
}
