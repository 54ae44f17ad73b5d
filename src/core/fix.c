/* fix.c — (being written) */
#include "config.h"
#include "nianbao/fix.h"
