/* buffer.h — the text of one section being edited: UTF-8 bytes, paragraphs separated by '\n',
 * with undo/redo in groups, a modified/clean marker and word motion for Chinese text.
 *
 * Offsets are byte offsets into the text. Every function that takes an offset clamps it to the
 * length; callers keep offsets on character starts (the motion helpers below always return one). */
#ifndef NIANBAO_BUFFER_H
#define NIANBAO_BUFFER_H
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

typedef struct nb_buffer nb_buffer;

/* ---- life cycle and access ---- */

/* A buffer holding a copy of text[0..len) (text may be NULL when len is 0). The undo history is
 * empty and the buffer is clean (not modified). */
nb_buffer *nb_buffer_new(const char *text, size_t len);
void nb_buffer_free(nb_buffer *b);

size_t nb_buffer_len(const nb_buffer *b);

/* The whole text as one NUL-terminated run of bytes; *len (may be NULL) gets its length. May
 * rearrange the buffer internally (so it is not const). The pointer stays valid until the next
 * insert, delete, undo, redo or nb_buffer_span call. */
const char *nb_buffer_text(nb_buffer *b, size_t *len);

/* The bytes [off, off+len) as one contiguous run (not NUL-terminated), moving as little as
 * possible: use it to read one paragraph or one row of a large text cheaply. off and len are
 * clamped. Same validity as nb_buffer_text. */
const char *nb_buffer_span(nb_buffer *b, size_t off, size_t len);

/* Copies [off, off+len) (clamped) into out without rearranging anything; returns bytes copied. */
size_t nb_buffer_copy(const nb_buffer *b, size_t off, size_t len, char *out);
/* Newly allocated NUL-terminated copy of [off, off+len) (clamped); free() it. */
char *nb_buffer_dup(const nb_buffer *b, size_t off, size_t len);

/* Byte at off, or -1 past the end. */
int nb_buffer_byte(const nb_buffer *b, size_t off);
/* Code point starting at off (U+FFFD for an invalid byte); *n (may be NULL) gets its byte length,
 * 0 at the end of the text (then the result is 0). */
uint32_t nb_buffer_cp(const nb_buffer *b, size_t off, size_t *n);
/* Start of the character after / before the one at off (clamped to len / 0). */
size_t nb_buffer_next_char(const nb_buffer *b, size_t off);
size_t nb_buffer_prev_char(const nb_buffer *b, size_t off);

/* Start of the paragraph containing off (just after the previous '\n', or 0) and its end (the
 * offset of the next '\n', or len). */
size_t nb_buffer_para_start(const nb_buffer *b, size_t off);
size_t nb_buffer_para_end(const nb_buffer *b, size_t off);

/* ---- editing ----
 * The buffer tracks the caller's cursor so that undo can put it back: after an insert the cursor
 * is just past the inserted text, after a delete it is at off. Call nb_buffer_set_cursor whenever
 * the cursor moves for another reason; a move to somewhere other than where the last edit left it
 * closes the current typing group. Each undo group remembers the cursor from before its first
 * edit and after its last one. */

void nb_buffer_insert(nb_buffer *b, size_t off, const char *s, size_t len);
void nb_buffer_delete(nb_buffer *b, size_t off, size_t len);
/* Replaces [off, off+len) by s[0..n) as one undo group. */
void nb_buffer_replace(nb_buffer *b, size_t off, size_t len, const char *s, size_t n);

void nb_buffer_set_cursor(nb_buffer *b, size_t cursor);
size_t nb_buffer_cursor(const nb_buffer *b);

/* ---- undo groups ----
 * Consecutive inserts at the end of the previous insert coalesce into one group (typing, also
 * several characters at once from an input method); so do consecutive deletes that touch the
 * previous one (a run of Backspace or of Delete). A group is closed by: a cursor jump
 * (nb_buffer_set_cursor elsewhere), an insert containing '\n' (the newline ends its group), a
 * delete after inserts or an insert after deletes, nb_buffer_break_group (the caller signals a
 * pause in typing), nb_buffer_mark_saved, undo and redo.
 * nb_buffer_begin_group / nb_buffer_end_group bracket edits that must undo as one step (a
 * bracketed paste, a replace-all, a fix); they nest, and only the outermost pair counts. */
void nb_buffer_break_group(nb_buffer *b);
void nb_buffer_begin_group(nb_buffer *b);
void nb_buffer_end_group(nb_buffer *b);

bool nb_buffer_can_undo(const nb_buffer *b);
bool nb_buffer_can_redo(const nb_buffer *b);
/* Undoes / redoes one group. Returns false when there is nothing to do. On success *cursor (may be
 * NULL) gets the cursor to show: where it was before the group (undo) or after it (redo); the
 * buffer's tracked cursor is set to the same place. Any new edit discards the redo steps. */
bool nb_buffer_undo(nb_buffer *b, size_t *cursor);
bool nb_buffer_redo(nb_buffer *b, size_t *cursor);

/* ---- saved state ----
 * mark_saved records the current state as the one on disk. is_modified is false exactly when the
 * text is in that state again, also when reached by undo or redo. */
void nb_buffer_mark_saved(nb_buffer *b);
bool nb_buffer_is_modified(const nb_buffer *b);

/* ---- change tracking for layout, checks and journals ----
 * version increases with every change of the text (edits, undo, redo). take_change reports the
 * smallest single range covering every change since the previous take_change: the old bytes
 * [off, off+removed) became the current bytes [off, off+inserted). Returns false (and leaves the
 * outputs alone) when nothing changed. */
unsigned long nb_buffer_version(const nb_buffer *b);
bool nb_buffer_take_change(nb_buffer *b, size_t *off, size_t *removed, size_t *inserted);

/* ---- words in Chinese text ----
 * Chinese is written without spaces, so a "word" is a run of characters of one class:
 *   - Han characters (汉字), cut into pieces of at most NB_WORD_HAN_MAX characters counted from
 *     the start of the run ("深入学习贯彻习近平法治思想" is 深入学习|贯彻习近|平法治思|想);
 *   - Latin letters and digits (also full-width ones), with '.' ',' between two digits kept
 *     inside the number (99.87, 1,200);
 *   - punctuation and symbols (a run such as "”，“" is one word);
 *   - spaces (including U+3000), which word motion skips.
 * A paragraph break is a boundary of its own: word-right at the end of a paragraph moves to the
 * start of the next one, word-left at the start of a paragraph to the end of the previous one.
 * word_right returns the start of the next word (after skipping spaces); word_left the start of
 * the word before off (skipping spaces before it). Both return character starts. */
#define NB_WORD_HAN_MAX 4
size_t nb_buffer_word_right(const nb_buffer *b, size_t off);
size_t nb_buffer_word_left(const nb_buffer *b, size_t off);

#endif
