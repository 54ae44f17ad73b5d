/* fix.h — applying the findings that carry one right replacement (finding->fixable: lexicon,
 * punct-width, space-in-cjk, date-format, doc-number-format, repeated-char, numbering marks).
 *
 * A fix replaces exactly the span its finding flagged and nothing else. Fixes are applied back to
 * front within each text (section body, heading, intro, metadata field), so earlier offsets stay
 * valid; where two fixes overlap only the first (in text order) is applied and the other is left
 * for the next check. */
#ifndef NIANBAO_FIX_H
#define NIANBAO_FIX_H
#include <stddef.h>
#include <stdbool.h>
#include "check.h"
#include "report.h"

/* Applies the fixable findings of `rule` (NULL: of every rule) to r, except suppressed ones
 * (silence.h). When `section` >= 0 only
 * findings about that report section (body or heading) are applied. Use findings from a check
 * of the report as it is now; a span beyond its text is skipped. Returns how many fixes were applied; `applied` (may be NULL) gets a flag per finding.
 * Section bodies are replaced with nb_section_set_body, so their source maps are cleared. */
size_t nb_fix_apply(nb_report *r, const nb_findings *f, const char *rule, int section, bool *applied);

/* "原文 → 新文" for a fixable finding, for printing what --fix changed. Caller frees. */
char *nb_fix_describe(const nb_report *r, const nb_finding *f);

#endif
