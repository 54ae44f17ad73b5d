/* silence.h — a reviewer silences a rule where it does not apply: for one span of text, for one
 * section, or for the whole report. The entries live in the report (report.h: nb_ignore; the YAML
 * `ignore:` list) and always carry a reason.
 *
 * Silencing never removes a finding. After every check the findings an entry matches are marked
 * (nb_finding.suppressed, .ignore_ref); text output leaves them out and says how many it left
 * out, JSON and the review report list them apart, and the exit status counts only the others.
 *
 * Matching (the rule id must be equal in every scope):
 *   report   every finding of the rule;
 *   section  findings about the section named `section`: a template id or a heading as written
 *            (either matches), "intro" for the opening paragraph, "meta" for the header fields;
 *   span     findings of that section whose span lies inside the quoted text. The quote is found
 *            the way a 批注 is (review.h): its `occurrence`, else the last one there is, so the
 *            entry survives edits elsewhere in the report. A quote that is gone silences nothing
 *            (the entry is kept and counted as unused).
 * When an entry is made from a finding, its quote is the finding's span with a few characters of
 * context on both sides (within the paragraph), widened further until it occurs once in its
 * text: then an edit that adds the same words elsewhere cannot move the entry onto them. */
#ifndef NIANBAO_SILENCE_H
#define NIANBAO_SILENCE_H
#include <stdbool.h>
#include <stddef.h>
#include "check.h"
#include "report.h"
#include "util.h"

/* Does entry e silence finding x of report r? */
bool nb_ignore_matches(const nb_report *r, const nb_ignore *e, const nb_finding *x);

/* Marks every finding of f: suppressed by the first entry of r that matches it (ignore_ref =
 * 1 + its index), or not suppressed. Returns how many are suppressed. nb_check_report and
 * nb_check_section call it; call it again after changing r->ignores. */
size_t nb_silence_apply(const nb_report *r, nb_findings *f);

/* The entry behind a finding marked by nb_silence_apply, or NULL. */
const nb_ignore *nb_silence_entry_of(const nb_report *r, const nb_finding *x);

/* Can finding x be silenced with this scope? span needs text the finding points at (body,
 * opening paragraph, heading or header field); section needs a section (not the whole document). */
bool nb_silence_scope_ok(const nb_report *r, const nb_finding *x, nb_ignore_scope scope);

/* Adds an entry silencing x's rule with this scope (see above for the quote of a span). The
 * reason must not be blank. author/time NULL: the reviewer's name and now (review.h). Returns the
 * index in r->ignores, or -1 with err set (blank reason, a scope x cannot have). Mark the
 * findings again with nb_silence_apply. */
long nb_silence_add(nb_report *r, const nb_finding *x, nb_ignore_scope scope, const char *reason,
		    const char *author, const char *time, nb_error *err);

typedef struct nb_silence_counts {
	size_t suppressed;       /* findings silenced */
	size_t by_severity[3];   /* of those, by nb_severity */
	size_t unused;           /* entries that silence nothing now (text gone, rule quiet) */
} nb_silence_counts;
/* Counts from the marks left by nb_silence_apply. */
nb_silence_counts nb_silence_count(const nb_report *r, const nb_findings *f);

/* One line saying what was left out, or NULL when nothing is suppressed:
 *     "3 条已按忽略规则隐藏（latin-in-cjk: 英文专名 ×2；lexicon: 引用原文）"
 * Reasons are shown with control and bidi characters as visible placeholders. Caller frees. */
char *nb_silence_summary(const nb_report *r, const nb_findings *f);

#endif
