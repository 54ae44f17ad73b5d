/* cli.h — the command-line front end: check, export, new, and dispatch to the editor. */
#ifndef NIANBAO_CLI_H
#define NIANBAO_CLI_H
int nb_cli_main(int argc, char **argv);
#endif
