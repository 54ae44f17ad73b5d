/* check_figures.c — (being written) */
#include "config.h"
#include "check_rules.h"
