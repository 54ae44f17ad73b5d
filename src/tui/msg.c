/* msg.c — UI strings: one table, two columns. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include "msg.h"

static const char *const table[M__COUNT][2] = {
#define X(id, zh, en) [id] = { zh, en },
#include "msgs.def"
#undef X
};

static bool english;

static bool asks_for_english(const char *v)
{
	return v && v[0] == 'e' && v[1] == 'n' && (v[2] == '\0' || v[2] == '_' || v[2] == '.' ||
						   v[2] == ':' || v[2] == '@');
}

void nb_msg_init(void)
{
	/* LANGUAGE is a priority list (GNU); only its first entry matters here. */
	const char *lang = getenv("LANGUAGE");
	if (lang && *lang) {
		english = asks_for_english(lang);
		if (english || strncmp(lang, "zh", 2) == 0)
			return;
	}
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v) {
			english = asks_for_english(v);
			return;
		}
	}
	english = false;
}

bool nb_msg_english(void) { return english; }
void nb_msg_force(bool en) { english = en; }

const char *nb_msg(nb_msg_id id)
{
	if ((int)id < 0 || id >= M__COUNT)
		return "";
	return table[id][english ? 1 : 0];
}
