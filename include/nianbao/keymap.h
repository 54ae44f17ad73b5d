/* keymap.h — being written. */
#ifndef NIANBAO_KEYMAP_H
#define NIANBAO_KEYMAP_H
#endif
