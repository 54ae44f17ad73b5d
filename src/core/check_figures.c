/* check_figures.c — (being written) */
#include "config.h"
#include "check_text.h"

void nb_figures_section(nb_text_run *run, size_t sidx)
{
	(void)run;
	(void)sidx;
}

void nb_figures_consistency(nb_text_run *run, int only)
{
	(void)run;
	(void)only;
}
