/* main.c — entry point. */
#include "config.h"
#include "cli.h"

int main(int argc, char **argv)
{
	return nb_cli_main(argc, argv);
}
