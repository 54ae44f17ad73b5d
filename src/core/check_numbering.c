/* check_numbering.c — (being written) */
#include "config.h"
#include "check_text.h"

void nb_numbering_section(nb_text_run *run, size_t sidx)
{
	(void)run;
	(void)sidx;
}

void nb_title_format(nb_text_run *run)
{
	(void)run;
}
