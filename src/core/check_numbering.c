/* check_numbering.c — (being written) */
#include "config.h"
#include "check_rules.h"
