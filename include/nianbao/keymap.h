/* keymap.h — keys independent of curses, key names, keymap files (`bind KEY ACTION`,
 * `unbind KEY`, `unbind-all`, # comments), lookup both ways and the vital-binding check.
 *
 * The set of valid action names belongs to the editor's action registry and is passed in by the
 * caller; the parser hard-codes none of them (only save, quit and cancel are known to be vital). */
#ifndef NIANBAO_KEYMAP_H
#define NIANBAO_KEYMAP_H
#include <stddef.h>
#include <stdbool.h>
#include "nianbao/util.h"

/* ---- keys ----
 * A key is an int: a base code in the low bits plus modifier bits. The base is a Unicode code
 * point (letters are stored lower-case when Ctrl is held: C-s and C-S are the same key) or one of
 * the named special keys below. Ctrl-letters are NB_MOD_CTRL | 'a'..'z', Alt-x is NB_MOD_ALT | 'x'
 * (Alt keeps case: M-n and M-N differ), Shift is only used with special keys (S-Left). */
typedef int nb_key;

#define NB_KEY_NONE 0
#define NB_MOD_SHIFT 0x01000000
#define NB_MOD_CTRL  0x02000000
#define NB_MOD_ALT   0x04000000
#define NB_KEY_MODS  (NB_MOD_SHIFT | NB_MOD_CTRL | NB_MOD_ALT)
#define NB_KEY_BASE(k) ((k) & 0x00FFFFFF)

enum nb_special_key {
	NB_KEY_UP = 0x110000, NB_KEY_DOWN, NB_KEY_LEFT, NB_KEY_RIGHT,
	NB_KEY_HOME, NB_KEY_END, NB_KEY_PAGEUP, NB_KEY_PAGEDOWN,
	NB_KEY_INSERT, NB_KEY_DELETE, NB_KEY_BACKSPACE, NB_KEY_ENTER, NB_KEY_TAB, NB_KEY_ESC,
	NB_KEY_F1, NB_KEY_F2, NB_KEY_F3, NB_KEY_F4, NB_KEY_F5, NB_KEY_F6,
	NB_KEY_F7, NB_KEY_F8, NB_KEY_F9, NB_KEY_F10, NB_KEY_F11, NB_KEY_F12,
	NB_KEY_SPECIAL_END
};
#define NB_KEY_F(n) (NB_KEY_F1 + (n) - 1)
#define NB_KEY_CTRL(c) (NB_MOD_CTRL | (c))   /* NB_KEY_CTRL('s') */
#define NB_KEY_ALT(c) (NB_MOD_ALT | (c))     /* NB_KEY_ALT('n') */

/* The key a terminal means by a raw control byte: 0x7f → Backspace, 0x08 → C-h (bind it to
 * backspace for terminals that send ^H), 0x09 → Tab, 0x0d → Enter, 0x1b → Esc, 0x00 → C-Space, 0x01..0x1a →
 * C-a..C-z, 0x1c → C-\, 0x1d → C-], 0x1e → C-^, 0x1f → C-_ (what C-/ sends). Other bytes are
 * returned unchanged. */
nb_key nb_key_from_byte(int byte);

/* Parses a key name: modifiers "C-" "M-" "S-" in any order, then a base: a single character
 * ("a", "6", "/", "\\", or any UTF-8 character), a named key (Up Down Left Right Home End
 * PageUp PageDown Insert Delete Backspace Enter Tab Esc Space F1..F12; case-insensitive), or
 * the caret form "^S". Names that terminals send identically are folded: C-/ and C-_ , C-@ and
 * C-Space, C-m → Enter, C-i → Tab, C-[ → Esc. Returns NB_KEY_NONE for an unknown name. */
nb_key nb_key_parse(const char *name);

/* Formats a key; returns buf. NB_KEYFMT_NAME gives the keymap-file form ("C-s", "M-n", "S-Left",
 * "PageDown", "F1"), NB_KEYFMT_SHORT the hint-bar form ("^S", "M-N", "S-Left", "PgDn", "F1"). */
typedef enum nb_keyfmt { NB_KEYFMT_NAME, NB_KEYFMT_SHORT } nb_keyfmt;
const char *nb_key_format(nb_key key, nb_keyfmt fmt, char *buf, size_t size);

/* ---- keymaps ---- */
typedef struct nb_keymap nb_keymap;

/* An empty keymap whose valid actions are actions[0..n) (the strings are not copied: they must
 * outlive the keymap, as the editor's static registry does). Action indices below refer to
 * this array. */
nb_keymap *nb_keymap_new(const char *const *actions, size_t n);
void nb_keymap_free(nb_keymap *km);

/* Index of an action name in the registry, or -1. */
int nb_keymap_action_index(const nb_keymap *km, const char *action);
const char *nb_keymap_action_name(const nb_keymap *km, int action);

/* Binds key to action (replacing any binding of that key); -1 if the action is unknown. */
int nb_keymap_bind(nb_keymap *km, nb_key key, const char *action);
void nb_keymap_unbind(nb_keymap *km, nb_key key);
void nb_keymap_clear(nb_keymap *km);

/* Action bound to key: its index (or -1) / its name (or NULL). */
int nb_keymap_lookup(const nb_keymap *km, nb_key key);
const char *nb_keymap_lookup_name(const nb_keymap *km, nb_key key);
/* First key bound to action (the earliest binding still in force; the hint bar shows it), or
 * NB_KEY_NONE. keys_for fills up to max keys in binding order and returns how many exist. */
nb_key nb_keymap_key_for(const nb_keymap *km, const char *action);
size_t nb_keymap_keys_for(const nb_keymap *km, const char *action, nb_key *out, size_t max);
/* All bindings in binding order, for the help screen: entry i, false past the end. */
size_t nb_keymap_count(const nb_keymap *km);
bool nb_keymap_entry(const nb_keymap *km, size_t i, nb_key *key, int *action);

/* ---- keymap files ----
 * Syntax, one statement a line: `bind KEY ACTION`, `unbind KEY`, `unbind-all` (drops every
 * binding so far: a file starting with it defines a complete keymap), `# comment`, blank lines.
 * Problems are collected, never fatal: each becomes "FILE:LINE: problem" (unknown key name,
 * unknown action, missing argument, extra argument, unknown command) and loading goes on. */
typedef struct nb_keymap_errors {
	char **v;
	size_t n, cap;
} nb_keymap_errors;
void nb_keymap_errors_free(nb_keymap_errors *e);

/* Applies text (len bytes, named fname in messages) to km; returns the number of problems added
 * to errs (errs may be NULL). */
size_t nb_keymap_load_string(nb_keymap *km, const char *fname, const char *text, size_t len,
                             nb_keymap_errors *errs);
/* Same for a file; an unreadable file adds "FILE: problem" and returns -1. */
int nb_keymap_load_file(nb_keymap *km, const char *path, nb_keymap_errors *errs);

/* True when save, quit and cancel each have a key. Otherwise false, with a message such as
 * "keymap leaves quit, cancel unbound: nianbao needs a key for save, quit and cancel" in err. */
bool nb_keymap_validate(const nb_keymap *km, nb_error *err);

/* ---- built-in keymaps (the files in keymaps/, embedded at build time) ---- */
extern const char nb_builtin_keymaps_default_keymap[];
extern const size_t nb_builtin_keymaps_default_keymap_len;
extern const char nb_builtin_keymaps_nano_keymap[];
extern const size_t nb_builtin_keymaps_nano_keymap_len;
extern const char nb_builtin_keymaps_emacs_keymap[];
extern const size_t nb_builtin_keymaps_emacs_keymap_len;

/* Text of a built-in keymap by name ("default", "nano", "emacs"), or NULL. */
const char *nb_keymap_builtin(const char *name, size_t *len);

/* The user's keymap file: $XDG_CONFIG_HOME/nianbao/keymap, else ~/.config/nianbao/keymap
 * (malloc'd; NULL when neither variable is set). */
char *nb_keymap_user_path(void);

/* Builds the keymap the editor runs with. It starts from the built-in default; then spec
 * (--keymap NAME|FILE) is applied: "default", "nano" or "emacs" name a built-in keymap, anything
 * else is a file path. When spec is NULL, user_file (if not NULL and the file exists) is applied
 * instead. Problems go to errs. Returns NULL (with err set) when the result fails
 * nb_keymap_validate or a spec file cannot be read; the caller then reports err and errs. */
nb_keymap *nb_keymap_resolve(const char *spec, const char *user_file,
                             const char *const *actions, size_t n,
                             nb_keymap_errors *errs, nb_error *err);

#endif
