/* load.h — open a report whatever its kind: nianbao YAML, or a text draft to import. Both the
 * command line and the editor open files through here, so they agree on what a file is. */
#ifndef NIANBAO_LOAD_H
#define NIANBAO_LOAD_H
#include <stdbool.h>
#include "report.h"
#include "template.h"
#include "check.h"
#include "util.h"

typedef enum nb_file_kind { NB_FILE_YAML, NB_FILE_TEXT } nb_file_kind;

/* YAML when the name ends in .yaml/.yml or the content starts with the `nianbao:` key; text otherwise. */
nb_file_kind nb_guess_file_kind(const char *path, const char *data, size_t len);

/* Reads and parses a report. Notes from loading (unknown YAML keys, import normalisations) are
 * appended to `notes` as info findings (rule "load-warning" / "import-normalized") when notes is
 * not NULL. Empty files, directories, binary data and the like fail with a message naming the
 * file. *kind (may be NULL) tells what the file was. */
nb_report *nb_load_report(const char *path, const nb_template *t, nb_file_kind *kind,
			  nb_findings *notes, nb_error *err);

/* A new report from the template: metadata given (any may be NULL), sections with their titles
 * expanded for the year and empty bodies. */
nb_report *nb_report_from_template(const nb_template *t, const char *unit, int year, const char *unit_type);

#endif
