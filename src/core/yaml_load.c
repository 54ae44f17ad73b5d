/* yaml_load.c — being written. */
#include "config.h"
typedef int nb_placeholder_yaml_load;
