/* yamlio.h — the report's YAML file format (the document of record).
 *
 *   nianbao: 1                     # format version
 *   template: fazhi-zhengfu-nianbao
 *   meta: {unit: …, unit_type: …, year: "2024", …}   (block mapping, keys from nb_meta_fields)
 *   intro: |                       # opening paragraph(s) before section 一
 *   sections:
 *     - id: measures               # template section id; omitted for unmapped headings
 *       heading: 一、2024年主要举措和成效
 *       body: |                    # literal block scalar, one paragraph per line
 *   comments:                     # 批注
 *     - {section, quote, occurrence, text, author, time}   (occurrence: optional, see report.h)
 *   decisions:                    # review decisions on findings (review.h)
 *     - {rule, section, quote, message, occurrence, decision: accepted|dismissed, reason,
 *        author, time}            (message, occurrence (default 1) and reason optional)
 *   ignore:                       # silenced rules (silence.h)
 *     - {rule, scope: span|section|report, section, quote, occurrence, reason, author, time}
 *                                 (reason required; section for span and section scope, quote for
 *                                  span; without scope: span if a quote, section if a section)
 *
 * Loading refuses aliases and anchors, nesting deeper than 32, scalars over 16 MB, documents over
 * NB_MAX_INPUT_BYTES, invalid UTF-8, duplicate keys, more than one document, a newer format
 * version and wrong types, and reports unknown keys as warnings (kept in `warnings`). A file
 * without `nianbao:` is read as version 1 with a warning, so hand-written files still open.
 * All scalars are read as text (year: 2024 and year: "2024" are the same); a plain `~`, `null`
 * or empty value means "not set". Saving writes text that other YAML tools would take for a
 * number, boolean or null in double quotes, bodies as literal blocks when that is exact (else
 * double-quoted), and the template id NB_YAML_DEFAULT_TEMPLATE. */
#ifndef NIANBAO_YAMLIO_H
#define NIANBAO_YAMLIO_H
#include <stddef.h>
#include "report.h"
#include "util.h"

#define NB_YAML_FORMAT_VERSION 1
#define NB_YAML_DEFAULT_TEMPLATE "fazhi-zhengfu-nianbao"
#define NB_YAML_MAX_DEPTH 32                          /* nested mappings/lists */
#define NB_YAML_MAX_SCALAR ((size_t)16 * 1024 * 1024)  /* bytes in one value */

/* Messages about the file that did not stop loading (unknown keys, …), "file:line: message". */
typedef struct nb_load_warnings {
	char **msg;
	int *line;
	size_t n;
} nb_load_warnings;
void nb_load_warnings_free(nb_load_warnings *w);

/* Parses a report. `name` is used in messages. Body source maps point at the YAML lines. */
nb_report *nb_yaml_load(const char *data, size_t len, const char *name, nb_load_warnings *warnings,
			nb_error *err);
/* Serialises deterministically: the same report always gives the same bytes. Caller frees. */
char *nb_yaml_save(const nb_report *r, size_t *len);

#endif
