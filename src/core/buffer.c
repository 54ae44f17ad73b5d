/* buffer.c — the text of one section: a gap buffer with grouped undo/redo.
 *
 * The gap sits where the user types, so a keystroke costs a few bytes of copying even in a 10 MB
 * draft; moving the cursor far away moves the gap once. Contiguous reads close the gap lazily. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "nianbao/buffer.h"
#include "nianbao/text.h"
#include "nianbao/util.h"

/* One primitive edit, enough to undo and redo it. */
typedef struct edit {
	bool insert;   /* true: text was inserted at off; false: text was deleted from off */
	size_t off;
	char *text;
	size_t len, cap;
} edit;

typedef struct group {
	edit *e;
	size_t n, cap;
	size_t cur_before, cur_after;
	unsigned long id;  /* unique; identifies the state reached after this group */
} group;

typedef struct stack {
	group *v;
	size_t n, cap;
} stack;

enum group_kind { KIND_NONE, KIND_INSERT, KIND_DELETE };

struct nb_buffer {
	char *buf;
	size_t cap, gs, ge;  /* text = buf[0..gs) + buf[ge..cap) */
	stack undo, redo;
	enum group_kind open_kind;  /* kind of the top undo group while it accepts more typing */
	int depth;                  /* nesting of begin_group */
	bool bracket_started;       /* the bracketed group has been pushed */
	size_t cursor;
	unsigned long next_id, saved_id, version;
	bool changed;               /* pending change range for take_change: */
	size_t ch_start, ch_end;    /* [start, end) in current text ... */
	long long ch_delta;         /* ... was [start, end - delta) in the old text */
};

/* ---- gap mechanics ---- */

static size_t gap_len(const nb_buffer *b) { return b->ge - b->gs; }

size_t nb_buffer_len(const nb_buffer *b) { return b->cap - gap_len(b); }

static void move_gap(nb_buffer *b, size_t pos)
{
	if (pos < b->gs) {
		size_t n = b->gs - pos;
		memmove(b->buf + b->ge - n, b->buf + pos, n);
		b->gs -= n;
		b->ge -= n;
	} else if (pos > b->gs) {
		size_t n = pos - b->gs;
		memmove(b->buf + b->gs, b->buf + b->ge, n);
		b->gs += n;
		b->ge += n;
	}
}

static void ensure_gap(nb_buffer *b, size_t need)
{
	if (gap_len(b) >= need)
		return;
	size_t len = nb_buffer_len(b), tail = b->cap - b->ge;
	size_t ncap = b->cap * 2;
	if (ncap < len + need + 256)
		ncap = len + need + 256;
	b->buf = nb_xrealloc(b->buf, ncap);
	memmove(b->buf + ncap - tail, b->buf + b->ge, tail);
	b->ge = ncap - tail;
	b->cap = ncap;
}

static char byte_at(const nb_buffer *b, size_t i)
{
	return i < b->gs ? b->buf[i] : b->buf[i + gap_len(b)];
}

nb_buffer *nb_buffer_new(const char *text, size_t len)
{
	nb_buffer *b = nb_xcalloc(1, sizeof *b);
	b->cap = len + 256;
	b->buf = nb_xmalloc(b->cap);
	if (len)
		memcpy(b->buf, text, len);
	b->gs = len;
	b->ge = b->cap;
	b->next_id = 1;
	return b;
}

static void group_free(group *g)
{
	for (size_t i = 0; i < g->n; i++)
		free(g->e[i].text);
	free(g->e);
}

static void stack_clear(stack *s)
{
	for (size_t i = 0; i < s->n; i++)
		group_free(&s->v[i]);
	s->n = 0;
}

void nb_buffer_free(nb_buffer *b)
{
	if (!b)
		return;
	stack_clear(&b->undo);
	stack_clear(&b->redo);
	free(b->undo.v);
	free(b->redo.v);
	free(b->buf);
	free(b);
}

const char *nb_buffer_text(nb_buffer *b, size_t *len)
{
	size_t n = nb_buffer_len(b);
	move_gap(b, n);
	ensure_gap(b, 1);
	b->buf[n] = '\0';
	if (len)
		*len = n;
	return b->buf;
}

const char *nb_buffer_span(nb_buffer *b, size_t off, size_t len)
{
	size_t n = nb_buffer_len(b);
	if (off > n)
		off = n;
	if (len > n - off)
		len = n - off;
	if (off + len <= b->gs)
		return b->buf + off;
	if (off >= b->gs)
		return b->buf + off + gap_len(b);
	/* The span straddles the gap: move the gap to whichever end costs less. */
	if (b->gs - off <= off + len - b->gs)
		move_gap(b, off);
	else
		move_gap(b, off + len);
	return off >= b->gs ? b->buf + off + gap_len(b) : b->buf + off;
}

size_t nb_buffer_copy(const nb_buffer *b, size_t off, size_t len, char *out)
{
	size_t n = nb_buffer_len(b);
	if (off > n)
		off = n;
	if (len > n - off)
		len = n - off;
	size_t done = 0;
	if (off < b->gs) {
		size_t k = b->gs - off < len ? b->gs - off : len;
		memcpy(out, b->buf + off, k);
		done = k;
	}
	if (done < len)
		memcpy(out + done, b->buf + off + done + gap_len(b), len - done);
	return len;
}

char *nb_buffer_dup(const nb_buffer *b, size_t off, size_t len)
{
	size_t n = nb_buffer_len(b);
	if (off > n)
		off = n;
	if (len > n - off)
		len = n - off;
	char *s = nb_xmalloc(len + 1);
	nb_buffer_copy(b, off, len, s);
	s[len] = '\0';
	return s;
}

int nb_buffer_byte(const nb_buffer *b, size_t off)
{
	return off < nb_buffer_len(b) ? (unsigned char)byte_at(b, off) : -1;
}

uint32_t nb_buffer_cp(const nb_buffer *b, size_t off, size_t *n)
{
	char tmp[4];
	size_t got = nb_buffer_copy(b, off, 4, tmp);
	if (got == 0) {
		if (n)
			*n = 0;
		return 0;
	}
	uint32_t cp;
	bool valid;
	size_t k = nb_utf8_decode(tmp, got, &cp, &valid);
	if (n)
		*n = k;
	return cp;
}

size_t nb_buffer_next_char(const nb_buffer *b, size_t off)
{
	size_t len = nb_buffer_len(b);
	if (off >= len)
		return len;
	size_t k;
	nb_buffer_cp(b, off, &k);
	return off + (k ? k : 1);
}

size_t nb_buffer_prev_char(const nb_buffer *b, size_t off)
{
	size_t len = nb_buffer_len(b);
	if (off > len)
		off = len;
	if (off == 0)
		return 0;
	size_t p = off - 1;
	while (p > 0 && off - p < 4 && ((unsigned char)byte_at(b, p) & 0xC0) == 0x80)
		p--;
	/* Only a well-formed sequence ending exactly at off is one character; stray bytes are
	 * characters of their own, as the decoder treats them. */
	size_t k;
	nb_buffer_cp(b, p, &k);
	return p + k == off ? p : off - 1;
}

/* Last '\n' in s[0..n), portable memrchr. */
static const char *last_newline(const char *s, size_t n)
{
	while (n > 0)
		if (s[--n] == '\n')
			return s + n;
	return NULL;
}

size_t nb_buffer_para_start(const nb_buffer *b, size_t off)
{
	size_t len = nb_buffer_len(b);
	if (off > len)
		off = len;
	if (off > b->gs) {  /* search the part after the gap first */
		const char *base = b->buf + gap_len(b);
		const char *hit = last_newline(base + b->gs, off - b->gs);
		if (hit)
			return (size_t)(hit - base) + 1;
		off = b->gs;
	}
	const char *hit = last_newline(b->buf, off);
	return hit ? (size_t)(hit - b->buf) + 1 : 0;
}

size_t nb_buffer_para_end(const nb_buffer *b, size_t off)
{
	size_t len = nb_buffer_len(b);
	if (off >= len)
		return len;
	if (off < b->gs) {
		const char *hit = memchr(b->buf + off, '\n', b->gs - off);
		if (hit)
			return (size_t)(hit - b->buf);
		off = b->gs;
	}
	const char *base = b->buf + gap_len(b);
	const char *hit = memchr(base + off, '\n', len - off);
	return hit ? (size_t)(hit - base) : len;
}

/* ---- change tracking ---- */

static void note_change(nb_buffer *b, size_t off, size_t removed, size_t inserted)
{
	b->version++;
	if (!b->changed) {
		b->changed = true;
		b->ch_start = off;
		b->ch_end = off + inserted;
		b->ch_delta = (long long)inserted - (long long)removed;
		return;
	}
	/* Grow the covering range; bytes outside it are unchanged, shifted by the delta. */
	size_t end = b->ch_end > off + removed ? b->ch_end : off + removed;
	if (off < b->ch_start)
		b->ch_start = off;
	b->ch_end = end + inserted - removed;
	b->ch_delta += (long long)inserted - (long long)removed;
}

unsigned long nb_buffer_version(const nb_buffer *b) { return b->version; }

bool nb_buffer_take_change(nb_buffer *b, size_t *off, size_t *removed, size_t *inserted)
{
	if (!b->changed)
		return false;
	*off = b->ch_start;
	*inserted = b->ch_end - b->ch_start;
	*removed = (size_t)((long long)b->ch_end - b->ch_delta) - b->ch_start;
	b->changed = false;
	return true;
}

/* Raw edits, without history. */
static void raw_insert(nb_buffer *b, size_t off, const char *s, size_t len)
{
	move_gap(b, off);
	ensure_gap(b, len);
	memcpy(b->buf + b->gs, s, len);
	b->gs += len;
	note_change(b, off, 0, len);
}

static void raw_delete(nb_buffer *b, size_t off, size_t len)
{
	move_gap(b, off);
	b->ge += len;
	note_change(b, off, len, 0);
}

/* ---- history ---- */

static group *top(nb_buffer *b) { return b->undo.n ? &b->undo.v[b->undo.n - 1] : NULL; }

static group *push_group(stack *s)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->v = nb_xrealloc(s->v, s->cap * sizeof *s->v);
	}
	group *g = &s->v[s->n++];
	memset(g, 0, sizeof *g);
	return g;
}

static group *start_group(nb_buffer *b, enum group_kind kind)
{
	stack_clear(&b->redo);
	group *g = push_group(&b->undo);
	g->id = b->next_id++;
	g->cur_before = b->cursor;
	b->open_kind = kind;
	return g;
}

/* The group an edit of this kind goes into; coalesce says the edit continues the open one. */
static group *group_for(nb_buffer *b, enum group_kind kind, bool coalesce)
{
	if (b->depth > 0) {
		if (!b->bracket_started) {
			b->bracket_started = true;
			return start_group(b, kind);
		}
		stack_clear(&b->redo);
		return top(b);
	}
	if (coalesce && b->open_kind == kind && top(b))
		return top(b);
	return start_group(b, kind);
}

static edit *add_edit(group *g, bool insert, size_t off)
{
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 4;
		g->e = nb_xrealloc(g->e, g->cap * sizeof *g->e);
	}
	edit *e = &g->e[g->n++];
	memset(e, 0, sizeof *e);
	e->insert = insert;
	e->off = off;
	return e;
}

static void edit_reserve(edit *e, size_t more)
{
	if (e->len + more <= e->cap)
		return;
	e->cap = e->len + more > e->cap * 2 ? e->len + more : e->cap * 2;
	e->text = nb_xrealloc(e->text, e->cap);
}

static edit *last_edit(nb_buffer *b)
{
	group *g = top(b);
	return g && g->n ? &g->e[g->n - 1] : NULL;
}

void nb_buffer_insert(nb_buffer *b, size_t off, const char *s, size_t len)
{
	size_t n = nb_buffer_len(b);
	if (off > n)
		off = n;
	if (len == 0)
		return;
	edit *le = last_edit(b);
	bool contiguous = le && le->insert && le->off + le->len == off;
	group *g = group_for(b, KIND_INSERT, contiguous);
	le = g->n ? &g->e[g->n - 1] : NULL;
	edit *e;
	if (le && le->insert && le->off + le->len == off)
		e = le;
	else
		e = add_edit(g, true, off);
	edit_reserve(e, len);
	memcpy(e->text + e->len, s, len);
	e->len += len;
	raw_insert(b, off, s, len);
	b->cursor = off + len;
	g->cur_after = b->cursor;
	if (b->depth == 0 && memchr(s, '\n', len))
		b->open_kind = KIND_NONE;  /* a newline ends the typing group */
}

void nb_buffer_delete(nb_buffer *b, size_t off, size_t len)
{
	size_t n = nb_buffer_len(b);
	if (off > n)
		off = n;
	if (len > n - off)
		len = n - off;
	if (len == 0)
		return;
	edit *le = last_edit(b);
	bool backward = le && !le->insert && off + len == le->off;  /* Backspace run */
	bool forward = le && !le->insert && off == le->off;         /* Delete run */
	group *g = group_for(b, KIND_DELETE, backward || forward);
	le = g->n ? &g->e[g->n - 1] : NULL;
	edit *e;
	if (le && !le->insert && off + len == le->off) {
		e = le;
		edit_reserve(e, len);
		memmove(e->text + len, e->text, e->len);
		nb_buffer_copy(b, off, len, e->text);
		e->len += len;
		e->off = off;
	} else if (le && !le->insert && off == le->off) {
		e = le;
		edit_reserve(e, len);
		nb_buffer_copy(b, off, len, e->text + e->len);
		e->len += len;
	} else {
		e = add_edit(g, false, off);
		edit_reserve(e, len);
		nb_buffer_copy(b, off, len, e->text);
		e->len = len;
	}
	raw_delete(b, off, len);
	b->cursor = off;
	g->cur_after = b->cursor;
}

void nb_buffer_replace(nb_buffer *b, size_t off, size_t len, const char *s, size_t n)
{
	nb_buffer_begin_group(b);
	nb_buffer_delete(b, off, len);
	nb_buffer_insert(b, off, s, n);
	nb_buffer_end_group(b);
}

void nb_buffer_set_cursor(nb_buffer *b, size_t cursor)
{
	size_t n = nb_buffer_len(b);
	if (cursor > n)
		cursor = n;
	if (cursor != b->cursor && b->depth == 0)
		b->open_kind = KIND_NONE;
	b->cursor = cursor;
}

size_t nb_buffer_cursor(const nb_buffer *b) { return b->cursor; }

void nb_buffer_break_group(nb_buffer *b)
{
	if (b->depth == 0)
		b->open_kind = KIND_NONE;
}

void nb_buffer_begin_group(nb_buffer *b)
{
	if (b->depth++ == 0) {
		b->open_kind = KIND_NONE;
		b->bracket_started = false;
	}
}

void nb_buffer_end_group(nb_buffer *b)
{
	if (b->depth > 0 && --b->depth == 0) {
		b->open_kind = KIND_NONE;
		b->bracket_started = false;
	}
}

bool nb_buffer_can_undo(const nb_buffer *b) { return b->undo.n > 0; }
bool nb_buffer_can_redo(const nb_buffer *b) { return b->redo.n > 0; }

/* Moves the top group of from onto to; returns it in its new place. */
static group *transfer(stack *from, stack *to)
{
	group g = from->v[--from->n];
	group *dst = push_group(to);
	*dst = g;
	return dst;
}

bool nb_buffer_undo(nb_buffer *b, size_t *cursor)
{
	if (!b->undo.n)
		return false;
	b->open_kind = KIND_NONE;
	b->bracket_started = false;
	group *g = transfer(&b->undo, &b->redo);
	for (size_t i = g->n; i-- > 0;) {
		edit *e = &g->e[i];
		if (e->insert)
			raw_delete(b, e->off, e->len);
		else
			raw_insert(b, e->off, e->text, e->len);
	}
	b->cursor = g->cur_before;
	if (cursor)
		*cursor = b->cursor;
	return true;
}

bool nb_buffer_redo(nb_buffer *b, size_t *cursor)
{
	if (!b->redo.n)
		return false;
	b->open_kind = KIND_NONE;
	b->bracket_started = false;
	group *g = transfer(&b->redo, &b->undo);
	for (size_t i = 0; i < g->n; i++) {
		edit *e = &g->e[i];
		if (e->insert)
			raw_insert(b, e->off, e->text, e->len);
		else
			raw_delete(b, e->off, e->len);
	}
	b->cursor = g->cur_after;
	if (cursor)
		*cursor = b->cursor;
	return true;
}

static unsigned long state_id(const nb_buffer *b)
{
	return b->undo.n ? b->undo.v[b->undo.n - 1].id : 0;
}

void nb_buffer_mark_saved(nb_buffer *b)
{
	/* Typing after a save must not slip into the saved group unnoticed. */
	b->open_kind = KIND_NONE;
	if (b->depth > 0)
		b->bracket_started = false;
	b->saved_id = state_id(b);
}

bool nb_buffer_is_modified(const nb_buffer *b) { return state_id(b) != b->saved_id; }

/* ---- words ---- */

enum word_class { WC_END, WC_NEWLINE, WC_SPACE, WC_HAN, WC_ALNUM, WC_PUNCT };

static bool is_digit_cp(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

static bool is_alnum_cp(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		       cp == '_';
	if ((cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
	    (cp >= 0xFF41 && cp <= 0xFF5A))
		return true;
	/* Latin-1 letters, Latin Extended, Greek, Cyrillic: letters of alphabetic scripts. */
	return cp >= 0xC0 && cp < 0x0530 && cp != 0xD7 && cp != 0xF7;
}

static enum word_class class_at(const nb_buffer *b, size_t off)
{
	size_t n;
	uint32_t cp = nb_buffer_cp(b, off, &n);
	if (n == 0)
		return WC_END;
	if (cp == '\n')
		return WC_NEWLINE;
	if (nb_is_space(cp))
		return WC_SPACE;
	if (nb_is_han(cp))
		return WC_HAN;
	if (is_alnum_cp(cp))
		return WC_ALNUM;
	if ((cp == '.' || cp == ',') && off > 0) {
		/* Keep 99.87 and 1,200 whole. */
		uint32_t before = nb_buffer_cp(b, nb_buffer_prev_char(b, off), NULL);
		uint32_t after = nb_buffer_cp(b, off + n, NULL);
		if (is_digit_cp(before) && is_digit_cp(after))
			return WC_ALNUM;
	}
	return WC_PUNCT;
}

/* Start of the run of Han characters that contains the Han character at off. */
static size_t han_run_start(const nb_buffer *b, size_t off)
{
	while (off > 0) {
		size_t p = nb_buffer_prev_char(b, off);
		if (class_at(b, p) != WC_HAN)
			break;
		off = p;
	}
	return off;
}

static size_t count_chars(const nb_buffer *b, size_t from, size_t to)
{
	size_t k = 0;
	while (from < to) {
		from = nb_buffer_next_char(b, from);
		k++;
	}
	return k;
}

static size_t advance_chars(const nb_buffer *b, size_t off, size_t k)
{
	while (k-- > 0)
		off = nb_buffer_next_char(b, off);
	return off;
}

size_t nb_buffer_word_right(const nb_buffer *b, size_t off)
{
	size_t len = nb_buffer_len(b);
	if (off >= len)
		return len;
	enum word_class c = class_at(b, off);
	if (c == WC_NEWLINE)
		return off + 1;
	size_t p = off;
	if (c == WC_HAN) {
		size_t r = han_run_start(b, off);
		size_t k = count_chars(b, r, off);
		size_t stop = NB_WORD_HAN_MAX - k % NB_WORD_HAN_MAX;
		while (stop-- > 0 && class_at(b, p) == WC_HAN)
			p = nb_buffer_next_char(b, p);
	} else if (c != WC_SPACE) {
		while (class_at(b, p) == c)
			p = nb_buffer_next_char(b, p);
	}
	while (class_at(b, p) == WC_SPACE)
		p = nb_buffer_next_char(b, p);
	return p;
}

size_t nb_buffer_word_left(const nb_buffer *b, size_t off)
{
	size_t len = nb_buffer_len(b);
	if (off > len)
		off = len;
	if (off == 0)
		return 0;
	size_t p = off, q = nb_buffer_prev_char(b, p);
	enum word_class c = class_at(b, q);
	if (c == WC_NEWLINE)
		return q;
	while (c == WC_SPACE) {
		p = q;
		if (p == 0)
			return 0;
		q = nb_buffer_prev_char(b, p);
		c = class_at(b, q);
		if (c == WC_NEWLINE)
			return p;
	}
	if (c == WC_HAN) {
		size_t r = han_run_start(b, q);
		size_t k = count_chars(b, r, p);
		return advance_chars(b, r, (k - 1) / NB_WORD_HAN_MAX * NB_WORD_HAN_MAX);
	}
	while (q > 0) {
		size_t pp = nb_buffer_prev_char(b, q);
		if (class_at(b, pp) != c)
			break;
		q = pp;
	}
	return q;
}
