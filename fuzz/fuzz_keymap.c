/* fuzz_keymap.c — the keymap file parser and key names on arbitrary text. Beyond not crashing:
 * every problem message names the file and a line, and every key name that parses formats back
 * to a name that parses to the same key. */
#include "config.h"
#include "nianbao/keymap.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const actions[] = {
	"save", "quit", "cancel", "help", "undo", "redo", "find", "copy", "cut", "paste",
	"next-section", "prev-section", "left", "right", "up", "down", "newline", "backspace",
};

static void key_round_trip(const char *name)
{
	nb_key k = nb_key_parse(name);
	if (k == NB_KEY_NONE)
		return;
	char buf[64], shortbuf[64];
	nb_key_format(k, NB_KEYFMT_SHORT, shortbuf, sizeof shortbuf);
	nb_key_format(k, NB_KEYFMT_NAME, buf, sizeof buf);
	nb_key back = nb_key_parse(buf);
	if (back != k) {
		fprintf(stderr, "key %#x parsed from \"%s\" formats as \"%s\", which parses as %#x\n",
			(unsigned)k, name, buf, (unsigned)back);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	nb_keymap *km = nb_keymap_new(actions, sizeof actions / sizeof actions[0]);
	nb_keymap_errors errs = {0};
	size_t n = nb_keymap_load_string(km, "fuzz.keymap", (const char *)data, size, &errs);
	if (n != errs.n) {
		fprintf(stderr, "load_string returned %zu problems, collected %zu\n", n, errs.n);
		abort();
	}
	for (size_t i = 0; i < errs.n; i++) {
		if (strncmp(errs.v[i], "fuzz.keymap:", 12) != 0) {
			fprintf(stderr, "problem does not name the file and line: %s\n", errs.v[i]);
			abort();
		}
	}
	nb_error err = {{0}};
	(void)nb_keymap_validate(km, &err);
	/* Every binding can be shown on the help screen. */
	nb_key key;
	int action;
	for (size_t i = 0; nb_keymap_entry(km, i, &key, &action); i++) {
		char buf[64];
		nb_key_format(key, NB_KEYFMT_SHORT, buf, sizeof buf);
		if (!nb_keymap_action_name(km, action)) {
			fprintf(stderr, "binding %zu has no action name\n", i);
			abort();
		}
	}
	nb_keymap_errors_free(&errs);
	nb_keymap_free(km);

	/* Each line, taken whole, as a key name. */
	char *copy = malloc(size + 1);
	memcpy(copy, data, size);
	copy[size] = '\0';
	for (char *line = copy, *next; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (strlen(line) < 48)
			key_round_trip(line);
	}
	free(copy);
	return 0;
}
