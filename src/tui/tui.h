/* tui.h — the full-screen editor (ncursesw). The only part of nianbao that uses curses. */
#ifndef NIANBAO_TUI_H
#define NIANBAO_TUI_H
#include <stdbool.h>
#include "nianbao/util.h"

typedef struct nb_tui_opts {
	const char *path;          /* report to open (.yaml, or a .txt draft to import); NULL = new */
	const char *template_path; /* --template FILE, or NULL for the built-in one */
	const char *keymap;        /* --keymap NAME|FILE, or NULL (then $XDG_CONFIG_HOME/nianbao/, then default) */
	bool read_only;            /* -R / review: typing never changes the draft */
	bool ambiguous_wide;       /* East Asian ambiguous characters take two cells */
	bool mouse;                /* mouse support (off by default so terminal selection works) */
	bool backup;               /* --backup: a save first copies the previous version to NAME~ */
} nb_tui_opts;

/* Runs the editor until the user quits; returns the process exit status. */
int nb_tui_run(const nb_tui_opts *o);

/* `nianbao keymap`: the keymap that --keymap spec (or the user's file, or the default) gives,
 * as the text of a complete keymap file. Problems in a keymap file go to stderr; NULL with err
 * set when the keymap cannot be used. Caller frees. */
char *nb_tui_keymap_text(const char *spec, nb_error *err);

#endif
