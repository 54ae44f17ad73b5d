/* layout.h — being written. */
#ifndef NIANBAO_LAYOUT_H
#define NIANBAO_LAYOUT_H
#endif
