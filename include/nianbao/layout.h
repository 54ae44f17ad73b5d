/* layout.h — soft wrap of a section body into screen rows by display width.
 *
 * Rules (what the user sees):
 *   - A row never exceeds the width in cells; a wide character never straddles the right edge.
 *   - A row may break between any two ideographs. A run of Latin letters/digits (a word or a
 *     number such as 2024 or 99.87%) is kept on one row when it fits in a row of its own;
 *     a longer run is cut where the row is full.
 *   - 避头尾: no row starts with a closing mark ，。、；：？！”’）》〕】…」』〉—～·％ etc. and none
 *     ends with an opening mark “‘（《〔【「『〈. To honour this, characters are pushed to the next
 *     row (an opening mark moves with the character after it; a closing mark pulls the character
 *     before it down). There is no overhang. Only when a row would otherwise hold nothing but
 *     such characters is the rule given up, so that wrapping always advances.
 *   - Spaces are ordinary break opportunities (official text has almost none); a row may end
 *     after or before one.
 *   - Control and format characters take the width of their visible placeholder
 *     (nb_cp_placeholder, e.g. ^[ = 2 cells); invalid bytes show as U+FFFD (1 cell).
 *   - Each paragraph ('\n'-separated) starts a new row; an empty paragraph is one empty row.
 *     The '\n' itself belongs to no row.
 * Widths come from nb_cp_width with the ambiguous_wide setting. Widths below 2 cells are treated
 * as 2 so that every character fits somewhere. */
#ifndef NIANBAO_LAYOUT_H
#define NIANBAO_LAYOUT_H
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "nianbao/buffer.h"

/* One screen row of text. */
typedef struct nb_row {
	size_t start;  /* byte offset of the row's first character */
	size_t end;    /* byte offset just past its last character (never includes the '\n') */
	size_t para;   /* 0-based paragraph index */
	int width;     /* cells the row's characters occupy (<= the layout width) */
} nb_row;

typedef struct nb_rows {
	nb_row *v;
	size_t n, cap;
} nb_rows;
void nb_rows_free(nb_rows *rows);

/* Cells one character takes on screen: nb_cp_width, or the width of its placeholder for control
 * and format characters. Never negative. */
int nb_layout_cp_width(uint32_t cp, bool ambiguous_wide);

/* ---- stateless wrapping of a string (forms, panels, tests) ---- */

/* Wraps one paragraph s[0..len) (no '\n' inside) and appends its rows to out; their offsets are
 * base + offsets in s and their paragraph index is para. Always appends at least one row. */
void nb_wrap_paragraph(const char *s, size_t len, size_t base, size_t para, int width,
                       bool ambiguous_wide, nb_rows *out);
/* Wraps a whole text (paragraphs separated by '\n') into out (emptied first). */
void nb_wrap_text(const char *s, size_t len, int width, bool ambiguous_wide, nb_rows *out);

/* Index of the row that shows offset off: the row with start <= off < end, or the last row of the
 * paragraph when off is at its end. At a soft break (off == row.end == next.start) the next row
 * is chosen, so a cursor there is drawn at the start of the continuation row. */
size_t nb_rows_find(const nb_rows *rows, size_t off);

/* Cell column of offset off in row (off clamped to [row.start, row.end]); text is the whole text
 * that the row's offsets refer to. */
int nb_row_x(const char *text, const nb_row *row, size_t off, bool ambiguous_wide);
/* Offset of the character drawn at cell column x of row: a character start, never inside a wide
 * character (x in the right half of a wide character gives that character's start); x at or
 * past the row's width gives row.end. */
size_t nb_row_offset(const char *text, const nb_row *row, int x, bool ambiguous_wide);

/* ---- cached layout of a buffer, re-wrapped one paragraph at a time ----
 * Keeps the rows of every paragraph. After an edit, nb_layout_update re-wraps only the paragraphs
 * the change touches, so typing into a 10 MB draft does not re-wrap the whole text. */
typedef struct nb_layout nb_layout;

nb_layout *nb_layout_new(int width, bool ambiguous_wide);
void nb_layout_free(nb_layout *l);

/* Lays out the whole buffer from scratch. */
void nb_layout_reset(nb_layout *l, nb_buffer *b);
/* New width or ambiguous setting (terminal resize, option change): re-wraps everything. */
void nb_layout_set_width(nb_layout *l, nb_buffer *b, int width, bool ambiguous_wide);
/* The old bytes [off, off+removed) have become [off, off+inserted) in b: re-wraps the touched
 * paragraphs. Use it with nb_buffer_take_change after edits, undo and redo. */
void nb_layout_update(nb_layout *l, nb_buffer *b, size_t off, size_t removed, size_t inserted);
/* Convenience: takes the buffer's pending change (if any) and applies it. */
void nb_layout_sync(nb_layout *l, nb_buffer *b);

int nb_layout_width(const nb_layout *l);
size_t nb_layout_row_count(const nb_layout *l);
size_t nb_layout_para_count(const nb_layout *l);
/* Row i (absolute offsets, paragraph index); false if i is out of range. */
bool nb_layout_row(const nb_layout *l, size_t i, nb_row *out);
/* Paragraph containing offset off (the '\n' ending a paragraph belongs to it). */
size_t nb_layout_para_of(const nb_layout *l, size_t off);
/* First row and number of rows of paragraph p; start offset and length in bytes. */
size_t nb_layout_para_first_row(const nb_layout *l, size_t p);
size_t nb_layout_para_rows(const nb_layout *l, size_t p);
size_t nb_layout_para_start(const nb_layout *l, size_t p);
size_t nb_layout_para_len(const nb_layout *l, size_t p);

/* offset → (row, x), same conventions as nb_rows_find and nb_row_x. */
void nb_layout_pos(const nb_layout *l, nb_buffer *b, size_t off, size_t *row, int *x);
/* (row, x) → offset, same conventions as nb_row_offset; row is clamped to the last row. */
size_t nb_layout_offset(const nb_layout *l, nb_buffer *b, size_t row, int x);

#endif
