/* buffer.h — being written. */
#ifndef NIANBAO_BUFFER_H
#define NIANBAO_BUFFER_H
#endif
