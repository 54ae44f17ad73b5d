/* cli.c — being written. */
#include "config.h"
#include "cli.h"
int nb_cli_main(int argc, char **argv) { (void)argc; (void)argv; return 2; }
