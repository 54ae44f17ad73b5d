/* template_match.c — being written. */
#include "config.h"
typedef int nb_placeholder_template_match;
