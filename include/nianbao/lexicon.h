/* lexicon.h — the checker's word data (templates/lexicon.yaml): confused words and typos with
 * their right form and the contexts in which they are wrong, plus named word lists and
 * thresholds that the language, numbering and figure rules read. A 依法治X办 can extend the file
 * without touching C code.
 *
 * Literal lists are matched with one multi-pattern pass (Aho–Corasick over characters), built
 * once when the lexicon is loaded, never one scan per word. */
#ifndef NIANBAO_LEXICON_H
#define NIANBAO_LEXICON_H
#include <stddef.h>
#include <stdbool.h>
#include "util.h"

/* ---- multi-pattern matcher ---- */

typedef struct nb_acm nb_acm;
/* Builds a matcher over n byte patterns (empty patterns are ignored). */
nb_acm *nb_acm_build(const char *const *pats, const size_t *lens, size_t n);
void nb_acm_free(nb_acm *a);
/* Called for every occurrence, in order of its end; return true to stop the scan. */
typedef bool (*nb_acm_cb)(size_t pattern, size_t off, size_t len, void *ud);
void nb_acm_scan(const nb_acm *a, const char *s, size_t len, nb_acm_cb cb, void *ud);

/* ---- lexicon ---- */

/* One confused word. The match is a finding only when its context says so:
 *   before / after / near: at least one of these words within `window` characters before the
 *                          match / after it / on either side (empty list: no requirement);
 *                          the word "<num>" stands for any digit;
 *   unless:                longer words containing the match in which it is right
 *                          (法制审核 for 法制): never flagged inside them;
 *   unless_near:           words that, within the window on either side, make the match right. */
typedef struct nb_lex_entry {
	char *wrong, *right, *note;
	char **before, **after, **near, **unless, **unless_near;
	size_t nbefore, nafter, nnear, nunless, nunless_near;
	int window;              /* characters; the lexicon's default when not given */
} nb_lex_entry;

typedef struct nb_lexicon nb_lexicon;

/* Loads a lexicon from YAML; `name` is used in error messages. */
nb_lexicon *nb_lexicon_load(const char *yaml, size_t len, const char *name, nb_error *err);
nb_lexicon *nb_lexicon_load_file(const char *path, nb_error *err);
/* The lexicon compiled into the binary (templates/lexicon.yaml). Never NULL. */
nb_lexicon *nb_lexicon_builtin(void);
void nb_lexicon_free(nb_lexicon *lx);

size_t nb_lexicon_nentries(const nb_lexicon *lx);
const nb_lex_entry *nb_lexicon_entry(const nb_lexicon *lx, size_t i);

/* A confused word found in text whose context makes it wrong. */
typedef struct nb_lex_hit {
	const nb_lex_entry *entry;
	size_t off, len;
} nb_lex_hit;
/* Finds the confused words in s (one pass), longest first where two overlap, in text order.
 * Returns the number of hits; *hits is allocated (caller frees) and NULL when there are none. */
size_t nb_lexicon_find(const nb_lexicon *lx, const char *s, size_t len, nb_lex_hit **hits);

/* Named lists (`reduplications: [常常, 人人]`) and maps (`latin-replace: {and: 和}`).
 * nb_lexicon_has: is key (keylen bytes) in the list?  nb_lexicon_value: its value in a map, ""
 * for a list item, NULL when absent. */
bool nb_lexicon_has(const nb_lexicon *lx, const char *list, const char *key, size_t keylen);
const char *nb_lexicon_value(const nb_lexicon *lx, const char *list, const char *key, size_t keylen);
/* All items of a list in file order (NULL and *n = 0 when there is no such list). */
const char *const *nb_lexicon_list(const nb_lexicon *lx, const char *list, size_t *n);
/* A matcher over a list's items (built at load time for the lists searched in running text:
 * slogans, figure-skip), or NULL. Pattern indexes are positions in nb_lexicon_list's order. */
const nb_acm *nb_lexicon_matcher(const nb_lexicon *lx, const char *list);
/* A number under `thresholds:`, or def when not given. */
double nb_lexicon_threshold(const nb_lexicon *lx, const char *name, double def);

/* The embedded data file (generated at build time). */
extern const char nb_builtin_templates_lexicon_yaml[];
extern const size_t nb_builtin_templates_lexicon_yaml_len;

#endif
