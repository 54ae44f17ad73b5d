/* text.h — UTF-8 decoding, display width (the one width function), character classes, 字数, draft
 * text made safe to show. */
#ifndef NIANBAO_TEXT_H
#define NIANBAO_TEXT_H
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include "util.h"

#define NB_REPLACEMENT_CHAR 0xFFFDu

/* Decodes one code point at s (len bytes available). Returns the bytes consumed (1..4, never 0 when
 * len > 0). Invalid or truncated sequences consume 1 byte and yield U+FFFD with *valid = false. */
size_t nb_utf8_decode(const char *s, size_t len, uint32_t *cp, bool *valid);
/* Encodes cp into out (4 bytes room); returns the length. */
size_t nb_utf8_encode(uint32_t cp, char *out);
/* True when all of s is valid UTF-8; otherwise *bad_off (may be NULL) is the first bad byte. */
bool nb_utf8_valid(const char *s, size_t len, size_t *bad_off);
/* Number of code points. */
size_t nb_utf8_count(const char *s, size_t len);
/* Byte offset of the code point before / after off (clamped to 0 / len). */
size_t nb_utf8_prev(const char *s, size_t off);
size_t nb_utf8_next(const char *s, size_t len, size_t off);

/* Display width of a code point in terminal cells: 0 for combining marks and zero-width chars,
 * 2 for East Asian Wide/Fullwidth, ambiguous_wide ? 2 : 1 for East Asian Ambiguous (“ ” ‘ ’ … — ·),
 * 1 otherwise. Control characters (C0, DEL, C1) and the bidi/format characters that
 * nb_cp_placeholder covers return -1: the caller draws the placeholder instead.
 * This is the only width function in nianbao; it does not depend on the C library's locale. */
int nb_cp_width(uint32_t cp, bool ambiguous_wide);
/* Width of a string; controls count as the width of their placeholder (^X = 2 cells, <U+0085> etc.). */
int nb_str_width(const char *s, size_t len, bool ambiguous_wide);
/* Visible placeholder for a control or format character that must never reach the terminal raw
 * (C0, DEL, C1, bidi overrides/isolates U+202A–202E U+2066–2069, U+200E/F). Returns NULL for
 * ordinary characters. Writes at most 16 bytes into buf. */
const char *nb_cp_placeholder(uint32_t cp, char *buf);

bool nb_is_han(uint32_t cp);          /* CJK unified ideographs incl. extensions, 〇 */
bool nb_is_cjk_punct(uint32_t cp);    /* full-width punctuation: ，。、；：？！“”‘’（）《》〔〕【】…—～· etc. */
bool nb_is_fullwidth_space(uint32_t cp); /* U+3000 */
bool nb_is_space(uint32_t cp);        /* ASCII space/tab, U+3000, NBSP and other Unicode spaces */

/* 字数 as Chinese offices count it: Han characters, digits and Latin letters (each character counts
 * once), not punctuation or spaces. */
size_t nb_count_zishu(const char *s, size_t len);

/* Removes leading and trailing spaces (incl. U+3000, CR, LF) in place; returns new length. Writes a
 * terminating NUL only when the text got shorter. */
size_t nb_trim(char *s, size_t len);

/* Appends s[0, len) to sb for plain-text output: the draft is untrusted, so every control or bidi
 * character becomes its nb_cp_placeholder and every invalid byte U+FFFD; nothing can act on a
 * terminal. */
void nb_sb_add_visible(nb_sb *sb, const char *s, size_t len);
/* The same, except that tab, CR and LF become one space, so the text stays on one line. */
void nb_sb_add_visible_line(nb_sb *sb, const char *s, size_t len);
/* Appends s as a JSON string literal ("null" when s is NULL), with every control and bidi
 * character escaped and invalid bytes as U+FFFD: the JSON is valid and safe on a terminal. */
void nb_sb_add_json_string(nb_sb *sb, const char *s);

#endif
