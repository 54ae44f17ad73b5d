/* tui.h — the full-screen editor (ncursesw). */
#ifndef NIANBAO_TUI_H
#define NIANBAO_TUI_H
#endif
