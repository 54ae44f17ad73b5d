/* yaml_save.c — being written. */
#include "config.h"
typedef int nb_placeholder_yaml_save;
