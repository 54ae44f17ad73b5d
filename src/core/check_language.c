/* check_language.c — (being written) */
#include "config.h"
#include "check_rules.h"
