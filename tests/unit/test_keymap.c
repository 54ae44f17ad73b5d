/* test_keymap.c — key names, keymap files, lookups both ways, vital bindings and the shipped
 * keymaps. */
#include "config.h"
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nianbao/keymap.h"

/* The editor's stable action names, as its action registry declares them. */
static const char *const actions[] = {
	"save", "export", "quit", "cancel", "help", "undo", "redo", "find", "find-next", "replace",
	"copy", "cut", "paste", "mark", "select-all", "next-section", "prev-section", "goto-section",
	"header-form", "next-finding", "prev-finding", "fix", "left", "right", "up", "down",
	"word-left", "word-right", "line-start", "line-end", "para-prev", "para-next", "page-up",
	"page-down", "section-start", "section-end", "backspace", "delete", "delete-word-left",
	"newline", "redraw", "accept-finding", "dismiss-finding", "add-comment", "edit-comment",
	"delete-comment", "next-comment", "move-paragraph", "show-diff", "ignore-finding", "fix-all",
};
#define NACTIONS (sizeof actions / sizeof *actions)

static nb_key K(const char *name)
{
	nb_key k = nb_key_parse(name);
	ck_assert_msg(k != NB_KEY_NONE, "key '%s' did not parse", name);
	return k;
}

START_TEST(test_key_names_round_trip)
{
	static const char *const names[] = {
		"C-s", "M-n", "M-N", "F1", "F12", "S-Left", "PageDown", "PageUp", "C-Home", "C-End",
		"M-Backspace", "C-\\", "C-_", "Esc", "Enter", "Tab", "M-6", "M->", "C-M-_", "C-Space",
		"S-F2", "Delete", "Insert", "C-Left", "M-Up", "a", "法", "M-%",
	};
	char buf[32];
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		ck_assert_str_eq(nb_key_format(K(names[i]), NB_KEYFMT_NAME, buf, sizeof buf), names[i]);
	ck_assert_int_eq(K("C-s"), NB_KEY_CTRL('s'));
	ck_assert_int_eq(K("M-n"), NB_KEY_ALT('n'));
	ck_assert_int_ne(K("M-n"), K("M-N"));
	ck_assert_int_eq(K("F10"), NB_KEY_F(10));
	ck_assert_int_eq(K("S-Left"), NB_MOD_SHIFT | NB_KEY_LEFT);
}
END_TEST

START_TEST(test_key_name_folding)
{
	/* keys that a terminal cannot tell apart are the same key */
	ck_assert_int_eq(K("C-S"), K("C-s"));
	ck_assert_int_eq(K("^S"), K("C-s"));
	ck_assert_int_eq(K("C-/"), K("C-_"));
	ck_assert_int_eq(K("C-@"), K("C-Space"));
	ck_assert_int_eq(K("C-m"), NB_KEY_ENTER);
	ck_assert_int_eq(K("C-i"), NB_KEY_TAB);
	ck_assert_int_eq(K("C-["), NB_KEY_ESC);
	ck_assert_int_eq(K("S-a"), 'A');
	/* names are case-insensitive and common spellings work */
	ck_assert_int_eq(K("pagedown"), NB_KEY_PAGEDOWN);
	ck_assert_int_eq(K("PgDn"), NB_KEY_PAGEDOWN);
	ck_assert_int_eq(K("Escape"), NB_KEY_ESC);
	ck_assert_int_eq(K("Del"), NB_KEY_DELETE);
	ck_assert_int_eq(K("Space"), ' ');
	/* and nonsense is refused */
	static const char *const bad[] = {"", "C-", "C-1", "F13", "Hyper-x", "S-1", "Ctrl-s", "C-Ü", "ab"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		ck_assert_msg(nb_key_parse(bad[i]) == NB_KEY_NONE, "'%s' parsed", bad[i]);
}
END_TEST

START_TEST(test_raw_bytes_and_short_names)
{
	ck_assert_int_eq(nb_key_from_byte(0x13), K("C-s"));
	ck_assert_int_eq(nb_key_from_byte(0x11), K("C-q"));
	ck_assert_int_eq(nb_key_from_byte(0x7f), NB_KEY_BACKSPACE);
	ck_assert_int_eq(nb_key_from_byte(0x08), K("C-h"));
	ck_assert_int_eq(nb_key_from_byte(0x0d), NB_KEY_ENTER);
	ck_assert_int_eq(nb_key_from_byte(0x09), NB_KEY_TAB);
	ck_assert_int_eq(nb_key_from_byte(0x1b), NB_KEY_ESC);
	ck_assert_int_eq(nb_key_from_byte(0x1f), K("C-/"));
	ck_assert_int_eq(nb_key_from_byte(0x1c), K("C-\\"));
	ck_assert_int_eq(nb_key_from_byte(0x1e), K("C-^"));
	ck_assert_int_eq(nb_key_from_byte(0x00), K("C-Space"));
	ck_assert_int_eq(nb_key_from_byte('a'), 'a');
	char buf[32];
	ck_assert_str_eq(nb_key_format(K("C-s"), NB_KEYFMT_SHORT, buf, sizeof buf), "^S");
	ck_assert_str_eq(nb_key_format(K("C-\\"), NB_KEYFMT_SHORT, buf, sizeof buf), "^\\");
	ck_assert_str_eq(nb_key_format(K("M-n"), NB_KEYFMT_SHORT, buf, sizeof buf), "M-n");
	ck_assert_str_eq(nb_key_format(K("PageDown"), NB_KEYFMT_SHORT, buf, sizeof buf), "PgDn");
	ck_assert_str_eq(nb_key_format(K("C-Left"), NB_KEYFMT_SHORT, buf, sizeof buf), "C-Left");
	ck_assert_str_eq(nb_key_format(K("F10"), NB_KEYFMT_SHORT, buf, sizeof buf), "F10");
}
END_TEST

START_TEST(test_bind_lookup_both_ways)
{
	nb_keymap *km = nb_keymap_new(actions, NACTIONS);
	ck_assert_int_eq(nb_keymap_bind(km, K("C-q"), "quit"), 0);
	ck_assert_int_eq(nb_keymap_bind(km, K("F10"), "quit"), 0);
	ck_assert_int_eq(nb_keymap_bind(km, K("C-s"), "save"), 0);
	ck_assert_int_eq(nb_keymap_bind(km, K("C-x"), "no-such-action"), -1);
	ck_assert_str_eq(nb_keymap_lookup_name(km, K("F10")), "quit");
	ck_assert_int_eq(nb_keymap_lookup(km, K("C-s")), nb_keymap_action_index(km, "save"));
	ck_assert_ptr_null(nb_keymap_lookup_name(km, K("C-x")));
	/* the hint bar shows the earliest key still bound */
	ck_assert_int_eq(nb_keymap_key_for(km, "quit"), K("C-q"));
	nb_key keys[4];
	ck_assert_uint_eq(nb_keymap_keys_for(km, "quit", keys, 4), 2);
	ck_assert_int_eq(keys[1], K("F10"));
	nb_keymap_unbind(km, K("C-q"));
	ck_assert_int_eq(nb_keymap_key_for(km, "quit"), K("F10"));
	/* rebinding a key replaces its action */
	nb_keymap_bind(km, K("F10"), "save");
	ck_assert_int_eq(nb_keymap_key_for(km, "quit"), NB_KEY_NONE);
	ck_assert_int_eq(nb_keymap_key_for(km, "save"), K("C-s"));
	ck_assert_uint_eq(nb_keymap_count(km), 2);
	nb_key k;
	int a;
	ck_assert(nb_keymap_entry(km, 1, &k, &a));
	ck_assert_int_eq(k, K("F10"));
	ck_assert_str_eq(nb_keymap_action_name(km, a), "save");
	ck_assert(!nb_keymap_entry(km, 2, &k, &a));
	nb_keymap_free(km);
}
END_TEST

START_TEST(test_file_errors_are_collected)
{
	nb_keymap *km = nb_keymap_new(actions, NACTIONS);
	nb_keymap_bind(km, K("C-f"), "find");
	nb_keymap_errors errs = {0};
	const char *path = NB_TEST_DATA "/keymap/errors.keymap";
	ck_assert_int_eq(nb_keymap_load_file(km, path, &errs), 7);
	ck_assert_uint_eq(errs.n, 7);
	const char *want[] = {
		"%s:2: unknown action 'sav'",
		"%s:3: unknown key name 'C-Ü'",
		"%s:4: unknown key name 'F13'",
		"%s:5: bind needs a key and an action (bind KEY ACTION)",
		"%s:6: unbind needs a key (unbind KEY)",
		"%s:7: unknown command 'bindd' (expected bind, unbind or unbind-all)",
		"%s:8: unexpected 'extra' after the action",
	};
	for (size_t i = 0; i < 7; i++) {
		char expect[512];
		snprintf(expect, sizeof expect, want[i], path);
		ck_assert_str_eq(errs.v[i], expect);
	}
	/* the good lines around the mistakes were applied */
	ck_assert_str_eq(nb_keymap_lookup_name(km, K("C-t")), "find-next");
	ck_assert_str_eq(nb_keymap_lookup_name(km, K("M-s")), "save");
	ck_assert_ptr_null(nb_keymap_lookup_name(km, K("C-f")));
	ck_assert_ptr_null(nb_keymap_lookup_name(km, K("C-s")));
	nb_keymap_errors_free(&errs);

	/* an unreadable file is one error naming the file */
	ck_assert_int_eq(nb_keymap_load_file(km, NB_TEST_DATA "/keymap/absent.keymap", &errs), -1);
	ck_assert_uint_eq(errs.n, 1);
	ck_assert_ptr_nonnull(strstr(errs.v[0], "absent.keymap: "));
	nb_keymap_errors_free(&errs);
	nb_keymap_free(km);
}
END_TEST

START_TEST(test_crlf_bom_and_unbind_all)
{
	nb_keymap *km = nb_keymap_new(actions, NACTIONS);
	nb_keymap_errors errs = {0};
	ck_assert_int_eq(nb_keymap_load_file(km, NB_TEST_DATA "/keymap/crlf-bom.keymap", &errs), 0);
	ck_assert_uint_eq(errs.n, 0);
	ck_assert_uint_eq(nb_keymap_count(km), 3);   /* F9 went with unbind-all */
	ck_assert_ptr_null(nb_keymap_lookup_name(km, K("F9")));
	ck_assert_str_eq(nb_keymap_lookup_name(km, K("C-g")), "cancel");
	nb_error err;
	ck_assert(nb_keymap_validate(km, &err));
	nb_keymap_free(km);
}
END_TEST

START_TEST(test_validation_names_what_is_missing)
{
	nb_keymap *km = nb_keymap_new(actions, NACTIONS);
	nb_error err;
	const char *text = "bind C-s save\n";
	nb_keymap_load_string(km, "t", text, strlen(text), NULL);
	ck_assert(!nb_keymap_validate(km, &err));
	ck_assert_str_eq(err.msg,
	                 "keymap leaves quit, cancel unbound: nianbao needs a key for save, quit and cancel");
	nb_keymap_bind(km, K("C-q"), "quit");
	nb_keymap_bind(km, K("Esc"), "cancel");
	ck_assert(nb_keymap_validate(km, &err));
	nb_keymap_unbind(km, K("C-s"));
	ck_assert(!nb_keymap_validate(km, &err));
	ck_assert_ptr_nonnull(strstr(err.msg, "leaves save unbound"));
	nb_keymap_free(km);
}
END_TEST

/* Loads one shipped keymap on its own (as if into an empty keymap) and checks it. */
static nb_keymap *load_builtin(const char *name)
{
	size_t len;
	const char *text = nb_keymap_builtin(name, &len);
	ck_assert_ptr_nonnull(text);
	ck_assert_uint_gt(len, 0);
	nb_keymap *km = nb_keymap_new(actions, NACTIONS);
	nb_keymap_errors errs = {0};
	size_t problems = nb_keymap_load_string(km, name, text, len, &errs);
	ck_assert_msg(problems == 0, "%s: %s", name, errs.n ? errs.v[0] : "");
	nb_keymap_errors_free(&errs);
	nb_error err;
	ck_assert_msg(nb_keymap_validate(km, &err), "%s: %s", name, err.msg);
	/* no plain character is bound, so typing (and pinyin input) never runs a command */
	for (size_t i = 0; i < nb_keymap_count(km); i++) {
		nb_key k;
		nb_keymap_entry(km, i, &k, NULL);
		ck_assert_msg((k & NB_KEY_MODS) || NB_KEY_BASE(k) >= NB_KEY_UP, "%s binds a plain character",
		              name);
	}
	/* each key is bound once in the file: a second bind would silently override the first */
	size_t binds = 0;
	for (const char *p = text; (p = strstr(p, "\nbind ")) != NULL; p++)
		binds++;
	ck_assert_uint_eq(binds, nb_keymap_count(km));
	return km;
}

static void assert_bound(const nb_keymap *km, const char *key, const char *action)
{
	const char *got = nb_keymap_lookup_name(km, K(key));
	ck_assert_msg(got && strcmp(got, action) == 0, "%s is bound to %s, not %s", key,
	              got ? got : "nothing", action);
}

START_TEST(test_default_keymap)
{
	nb_keymap *km = load_builtin("default");
	/* the bindings the specification requires */
	assert_bound(km, "C-s", "save");
	assert_bound(km, "C-q", "quit");
	assert_bound(km, "C-z", "undo");
	assert_bound(km, "C-y", "redo");
	assert_bound(km, "C-f", "find");
	assert_bound(km, "C-c", "copy");
	assert_bound(km, "C-x", "cut");
	assert_bound(km, "C-v", "paste");
	assert_bound(km, "F1", "help");
	assert_bound(km, "F2", "next-finding");
	assert_bound(km, "M-n", "next-section");
	assert_bound(km, "M-p", "prev-section");
	assert_bound(km, "F10", "quit");
	assert_bound(km, "Esc", "cancel");
	/* every action can be reached */
	for (size_t i = 0; i < NACTIONS; i++)
		ck_assert_msg(nb_keymap_key_for(km, actions[i]) != NB_KEY_NONE, "default leaves %s unbound",
		              actions[i]);
	/* the hint bar shows the Ctrl key, not the second route */
	ck_assert_int_eq(nb_keymap_key_for(km, "quit"), K("C-q"));
	nb_keymap_free(km);
}
END_TEST

START_TEST(test_nano_keymap)
{
	nb_keymap *km = load_builtin("nano");
	assert_bound(km, "C-o", "save");
	assert_bound(km, "C-x", "quit");
	assert_bound(km, "C-w", "find");
	assert_bound(km, "C-\\", "replace");
	assert_bound(km, "C-k", "cut");
	assert_bound(km, "C-u", "paste");
	assert_bound(km, "M-6", "copy");
	assert_bound(km, "M-u", "undo");
	assert_bound(km, "M-e", "redo");
	assert_bound(km, "C-g", "help");
	assert_bound(km, "C-_", "goto-section");
	for (size_t i = 0; i < NACTIONS; i++)
		ck_assert_msg(nb_keymap_key_for(km, actions[i]) != NB_KEY_NONE, "nano leaves %s unbound",
		              actions[i]);
	nb_keymap_free(km);
}
END_TEST

START_TEST(test_emacs_keymap)
{
	nb_keymap *km = load_builtin("emacs");
	assert_bound(km, "C-g", "cancel");
	assert_bound(km, "C-s", "find");
	assert_bound(km, "M-w", "copy");
	assert_bound(km, "C-w", "cut");
	assert_bound(km, "C-y", "paste");
	assert_bound(km, "C-/", "undo");
	assert_bound(km, "C-f", "right");
	assert_bound(km, "M-f", "word-right");
	for (size_t i = 0; i < NACTIONS; i++)
		ck_assert_msg(nb_keymap_key_for(km, actions[i]) != NB_KEY_NONE, "emacs leaves %s unbound",
		              actions[i]);
	nb_keymap_free(km);
}
END_TEST

START_TEST(test_resolve_order)
{
	nb_keymap_errors errs = {0};
	nb_error err;
	/* default alone */
	nb_keymap *km = nb_keymap_resolve(NULL, NULL, actions, NACTIONS, &errs, &err);
	ck_assert_ptr_nonnull(km);
	assert_bound(km, "C-s", "save");
	nb_keymap_free(km);
	/* a built-in name replaces the default completely */
	km = nb_keymap_resolve("nano", NULL, actions, NACTIONS, &errs, &err);
	ck_assert_ptr_nonnull(km);
	assert_bound(km, "C-x", "quit");
	ck_assert_ptr_null(nb_keymap_lookup_name(km, K("C-z")));
	nb_keymap_free(km);
	/* a file is applied on top of the default */
	km = nb_keymap_resolve(NB_TEST_DATA "/keymap/moves-save.keymap", NULL, actions, NACTIONS, &errs,
	                       &err);
	ck_assert_ptr_nonnull(km);
	assert_bound(km, "C-o", "save");
	assert_bound(km, "C-s", "find");
	assert_bound(km, "C-q", "quit");
	ck_assert_int_eq(nb_keymap_key_for(km, "save"), K("C-o"));
	nb_keymap_free(km);
	ck_assert_uint_eq(errs.n, 0);
	/* the user's file is used when no --keymap is given, and ignored when one is */
	km = nb_keymap_resolve(NULL, NB_TEST_DATA "/keymap/moves-save.keymap", actions, NACTIONS, &errs,
	                       &err);
	assert_bound(km, "C-o", "save");
	nb_keymap_free(km);
	km = nb_keymap_resolve("default", NB_TEST_DATA "/keymap/moves-save.keymap", actions, NACTIONS,
	                       &errs, &err);
	assert_bound(km, "C-s", "save");
	nb_keymap_free(km);
	/* a missing user file is no problem */
	km = nb_keymap_resolve(NULL, NB_TEST_DATA "/keymap/absent.keymap", actions, NACTIONS, &errs, &err);
	ck_assert_ptr_nonnull(km);
	nb_keymap_free(km);
	ck_assert_uint_eq(errs.n, 0);
	/* mistakes in a user file are reported with file and line, and the rest still loads */
	km = nb_keymap_resolve(NULL, NB_TEST_DATA "/keymap/errors.keymap", actions, NACTIONS, &errs, &err);
	ck_assert_ptr_nonnull(km);
	ck_assert_uint_eq(errs.n, 7);
	ck_assert_ptr_nonnull(strstr(errs.v[0], "errors.keymap:2: "));
	nb_keymap_free(km);
	nb_keymap_errors_free(&errs);
	/* a keymap that leaves quit and cancel unbound is refused */
	km = nb_keymap_resolve(NB_TEST_DATA "/keymap/no-quit.keymap", NULL, actions, NACTIONS, &errs, &err);
	ck_assert_ptr_null(km);
	ck_assert_ptr_nonnull(strstr(err.msg, "quit, cancel unbound"));
	/* a --keymap FILE that cannot be read is an error naming it */
	km = nb_keymap_resolve(NB_TEST_DATA "/keymap/absent.keymap", NULL, actions, NACTIONS, &errs, &err);
	ck_assert_ptr_null(km);
	ck_assert_ptr_nonnull(strstr(err.msg, "absent.keymap: "));
	nb_keymap_errors_free(&errs);
}
END_TEST

START_TEST(test_user_path)
{
	setenv("XDG_CONFIG_HOME", "/tmp/cfg", 1);
	char *p = nb_keymap_user_path();
	ck_assert_str_eq(p, "/tmp/cfg/nianbao/keymap");
	free(p);
	unsetenv("XDG_CONFIG_HOME");
	setenv("HOME", "/home/clerk", 1);
	p = nb_keymap_user_path();
	ck_assert_str_eq(p, "/home/clerk/.config/nianbao/keymap");
	free(p);
}
END_TEST

static Suite *keymap_suite(void)
{
	Suite *s = suite_create("keymap");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_key_names_round_trip);
	tcase_add_test(tc, test_key_name_folding);
	tcase_add_test(tc, test_raw_bytes_and_short_names);
	tcase_add_test(tc, test_bind_lookup_both_ways);
	tcase_add_test(tc, test_file_errors_are_collected);
	tcase_add_test(tc, test_crlf_bom_and_unbind_all);
	tcase_add_test(tc, test_validation_names_what_is_missing);
	tcase_add_test(tc, test_default_keymap);
	tcase_add_test(tc, test_nano_keymap);
	tcase_add_test(tc, test_emacs_keymap);
	tcase_add_test(tc, test_resolve_order);
	tcase_add_test(tc, test_user_path);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(keymap_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
