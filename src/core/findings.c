/* findings.c — being written. */
#include "config.h"
typedef int nb_placeholder_findings;
