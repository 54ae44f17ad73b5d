/* keymap_print.c — `nianbao keymap`: the key bindings in force, written out as a complete keymap
 * file to start a personal one from: every action in the registry, bound or not, under its
 * one-line help. It begins with unbind-all, so the file is the whole keymap, not a patch. */
#include "config.h"
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include "nianbao/keymap.h"
#include "tui.h"
#include "ui.h"

char *nb_tui_keymap_text(const char *spec, nb_error *err)
{
	setlocale(LC_ALL, "");
	nb_msg_init();
	char *user = nb_keymap_user_path();
	nb_keymap_errors errs = { 0 };
	nb_keymap *km = nb_keymap_resolve(spec, user, nb_action_names, NB_ACT__COUNT, &errs, err);
	free(user);
	for (size_t i = 0; i < errs.n; i++)
		fprintf(stderr, "%s\n", errs.v[i]);
	nb_keymap_errors_free(&errs);
	if (!km)
		return NULL;
	nb_sb sb = { 0 };
	nb_sb_adds(&sb, "# nianbao keymap: the bindings now in force, every action listed.\n"
		   "# Save it as $XDG_CONFIG_HOME/nianbao/keymap (or pass it with --keymap FILE) and\n"
		   "# edit: `bind KEY ACTION`, `unbind KEY`, # comments. Keys: C-x (Ctrl), M-x (Alt),\n"
		   "# S-Left (Shift), F1..F12, Up, Down, PageUp, Home, Enter, Tab, Esc, Backspace, Delete.\n"
		   "unbind-all\n");
	for (int id = 0; id < NB_ACT__COUNT; id++) {
		nb_key keys[16];
		size_t n = nb_keymap_keys_for(km, nb_action_names[id], keys, 16);
		nb_sb_printf(&sb, "\n# %s\n", nb_action_help(id));
		if (n == 0)
			nb_sb_printf(&sb, "# bind KEY %s\n", nb_action_names[id]);
		for (size_t i = 0; i < n && i < 16; i++) {
			char name[32];
			nb_key_format(keys[i], NB_KEYFMT_NAME, name, sizeof name);
			nb_sb_printf(&sb, "bind %s %s\n", name, nb_action_names[id]);
		}
	}
	nb_keymap_free(km);
	return nb_sb_take(&sb);
}
