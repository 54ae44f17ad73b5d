/* msg.h — the editor's UI strings: English ids in msgs.def, Chinese in po/zh_CN.po (see msg.c). */
#ifndef NIANBAO_TUI_MSG_H
#define NIANBAO_TUI_MSG_H
#include <stdbool.h>

typedef enum nb_msg_id {
#define X(id, en) id,
#define XC(id, ctx, en) id,
#include "msgs.def"
#undef XC
#undef X
	M__COUNT
} nb_msg_id;

/* Loads the zh_CN catalogue and picks the language from LANGUAGE, LC_ALL, LC_MESSAGES, LANG:
 * English when the first one that is set asks for en; Chinese otherwise (also for C and POSIX). */
void nb_msg_init(void);
bool nb_msg_english(void);
void nb_msg_force(bool english);
const char *nb_msg(nb_msg_id id);
#define _(id) nb_msg(id)

#endif
