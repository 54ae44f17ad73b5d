/* check.h — rules → findings. Each finding has a stable rule id, a severity, the section and
 * span it is about, the input file's line and column, a Chinese message naming the problem and
 * its basis, and a suggestion where one exists. */
#ifndef NIANBAO_CHECK_H
#define NIANBAO_CHECK_H
#include <stddef.h>
#include <stdbool.h>
#include "report.h"
#include "template.h"
#include "util.h"

typedef enum nb_severity { NB_SEV_INFO = 0, NB_SEV_WARNING = 1, NB_SEV_ERROR = 2 } nb_severity;
const char *nb_severity_name(nb_severity s);   /* "info", "warning", "error" */

/* Where in the report a finding points. */
typedef enum nb_place {
	NB_PLACE_DOCUMENT,   /* the whole report (line 0) */
	NB_PLACE_META,       /* a metadata field: `field` */
	NB_PLACE_INTRO,      /* the opening paragraph */
	NB_PLACE_HEADING,    /* section `section`'s heading */
	NB_PLACE_BODY        /* section `section`'s body, bytes [off, off+len) */
} nb_place;

typedef struct nb_finding {
	const char *rule;       /* static: "item-missing" */
	nb_severity severity;
	nb_place place;
	int section;            /* index into report->sections, or -1 */
	int field;              /* nb_meta_field for NB_PLACE_META, else -1 */
	size_t off, len;        /* span in the body / heading / intro / field value */
	int line, col;          /* input file position, 0 when about the whole document */
	char *message;          /* Chinese */
	char *suggestion;       /* replacement or advice; may be NULL */
	bool fixable;           /* suggestion is the one right replacement for [off, off+len) */
	nb_decision_kind decision; /* the reviewer's decision, set by nb_review_apply (review.h) */
	int decision_ref;       /* 1 + index into report->decisions behind it, 0 when undecided */
	bool suppressed;        /* silenced by an `ignore:` entry (silence.h): still listed, counted
	                         * apart, left out of text output and of the exit status */
	int ignore_ref;         /* 1 + index into report->ignores behind it, 0 when not suppressed */
} nb_finding;

typedef struct nb_findings {
	nb_finding *v;
	size_t n, cap;
} nb_findings;

void nb_findings_free(nb_findings *f);
void nb_findings_clear(nb_findings *f);
/* Adds a finding (copies message and suggestion) and returns it for the caller to fill place. */
nb_finding *nb_findings_add(nb_findings *f, const char *rule, nb_severity sev, const char *message,
			    const char *suggestion);
/* Sorts by line, then column, then rule. */
void nb_findings_sort(nb_findings *f);
/* Findings of a severity that are not suppressed (what the exit status and totals count). */
size_t nb_findings_count(const nb_findings *f, nb_severity sev);
/* Suppressed findings, all severities. */
size_t nb_findings_count_suppressed(const nb_findings *f);
/* The text x's span [off, off+len) lies in: the intro, a metadata value, a section's heading or
 * body; NULL for a whole-document finding or one whose section or field is out of range. */
const char *nb_finding_text(const nb_report *r, const nb_finding *x);

struct nb_lexicon;   /* lexicon.h */
typedef struct nb_check_opts {
	const char *const *disabled; /* rule ids not to run (NULL-terminated list), may be NULL */
	int today_year;              /* for checks that need "now"; 0 = not used */
	const struct nb_lexicon *lexicon; /* word data for the language rules; NULL = the built-in
	                              * one, loaded for each run (pass a loaded one when checking often) */
} nb_check_opts;

/* Runs every rule over the whole report and appends the findings to `out` (which may already
 * hold notes from loading), then sorts `out`. Fills line/col from the source maps. `o` may be NULL.
 * Then marks the findings in `out` that the report's `ignore:` entries silence (suppressed). */
void nb_check_report(const nb_report *r, const nb_template *t, const nb_check_opts *o, nb_findings *out);
/* Re-runs the rules whose findings are about section `idx` only (for the editor, as you type):
 * removes old findings of that section from `out` and appends new ones, then sorts `out`.
 * Document-level rules that depend on the section (section-empty, item-missing) are included.
 * Findings about a template section are pinned to the first report section mapped to it, so all
 * sections sharing idx's template section are re-checked together; the result for them equals a
 * full nb_check_report. Suppression is marked again over all of `out`. */
void nb_check_section(const nb_report *r, const nb_template *t, const nb_check_opts *o, size_t idx,
		      nb_findings *out);

/* What the checker remembers between re-checks of a report being edited, so that re-checking a
 * section costs about the paragraphs that changed, not the whole report: a copy of each body
 * last seen and the rules' results per paragraph. Create one per report being edited, pass it to
 * every nb_check_section_cached call and free it with the report. It notices by itself when a
 * body, the options, the template, the word lists or the report year change. */
typedef struct nb_check_cache nb_check_cache;
nb_check_cache *nb_check_cache_new(void);
void nb_check_cache_free(nb_check_cache *cache);
/* nb_check_section, with exactly the same result, reusing what the cache remembers about
 * paragraphs that have not changed since its previous call. */
void nb_check_section_cached(nb_check_cache *cache, const nb_report *r, const nb_template *t,
			     const nb_check_opts *o, size_t idx, nb_findings *out);

/* Checklist support: is item covered by this text? (counts distinct evidence phrases) */
bool nb_item_covered(const nb_item *item, const char *text, int report_year);

/* Rule ids and one-line descriptions, for --help, the man page and the README. */
typedef struct nb_rule_info {
	const char *id;
	nb_severity severity;
	const char *summary;
} nb_rule_info;
extern const nb_rule_info nb_rules[];
extern const size_t nb_nrules;

/* Output: "file:line:col: severity: message [rule]" lines, or a JSON array. Caller frees.
 * Text output leaves suppressed findings out (nb_silence_summary says how many there are); JSON
 * lists them with "suppressed": true and the entry's scope and reason.
 * Control and bidi characters in messages are shown as visible placeholders in text output and
 * escaped in JSON, so a draft's contents can never reach a terminal raw. */
char *nb_findings_format_text(const nb_findings *f, const char *file);
char *nb_findings_format_json(const nb_findings *f, const nb_report *r, const char *file);

/* One JSON array across several files:
 *     nb_sb sb = {0}; bool first = true;
 *     nb_findings_json_open(&sb);
 *     for each file: nb_findings_json_append(&sb, &findings, report, path, &first);
 *     nb_findings_json_close(&sb, first);
 * Each finding is an object {file, line, column, severity, rule, section, message, suggestion}
 * (a suppressed one also has "suppressed": true, ignore_scope and ignore_reason);
 * section is the section's template id (or its heading when unmapped), null for the document. */
void nb_findings_json_open(nb_sb *sb);
void nb_findings_json_append(nb_sb *sb, const nb_findings *f, const nb_report *r, const char *file,
			     bool *first);
void nb_findings_json_close(nb_sb *sb, bool first);

/* The rule entry for an id, or NULL. */
const nb_rule_info *nb_rule_find(const char *id);
/* Is the rule switched on under these options (o may be NULL)? */
bool nb_rule_enabled(const nb_check_opts *o, const char *id);

#endif
