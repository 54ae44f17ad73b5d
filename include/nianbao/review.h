/* review.h — a reviewer's work on a draft: decisions on findings and 批注 anchored to text.
 *
 * Findings are recomputed on every check, so a decision cannot point at a finding by index. It
 * names the finding by a key that survives re-checks and edits elsewhere in the report:
 *
 *   rule        the rule id ("lexicon")
 *   section     the section's template id, its heading when unmapped, "intro" for the opening
 *               paragraph, "meta" for metadata, "" for the whole report
 *   quote       the text of the finding's span ("" when it has none)
 *   message     the finding's message, compared with runs of digits ignored (section-empty says
 *               how many characters there are; that may change without it being a new finding)
 *   occurrence  1-based rank, by position, among the findings with the same four fields
 *
 * A decision whose message is "" (hand-written) matches on the other fields alone. A decision
 * that matches no finding is "stale": it stays in the report (the reviewer's work is never
 * dropped) and is counted, so the report can say so.
 *
 * 批注 are anchored by section and quote (report.h). Resolving finds the quote in its section:
 * its stored occurrence (the 2nd 党党 stays the 2nd when text is added before both), else the
 * last one there is. A 批注 whose quote is gone
 * (or whose section is gone) is orphaned: shown as such, never deleted. */
#ifndef NIANBAO_REVIEW_H
#define NIANBAO_REVIEW_H
#include <stdbool.h>
#include <stddef.h>
#include "check.h"
#include "report.h"

#define NB_REVIEW_INTRO "intro"
#define NB_REVIEW_META "meta"

/* ---- the stable key of a finding ---- */

typedef struct nb_finding_key {
	const char *rule;   /* borrowed from the finding */
	char *section;      /* owned */
	char *quote;        /* owned */
	const char *message;/* borrowed */
	int occurrence;
} nb_finding_key;

/* The key of finding i of f, found in report r. Free with nb_finding_key_free. */
void nb_finding_key_make(const nb_report *r, const nb_findings *f, size_t i, nb_finding_key *k);
void nb_finding_key_free(nb_finding_key *k);
/* Keys of all findings of f at once (quicker than one by one). Free with nb_finding_keys_free. */
nb_finding_key *nb_finding_keys(const nb_report *r, const nb_findings *f);
void nb_finding_keys_free(nb_finding_key *k, size_t n);
/* Section name of a finding as used in keys (see above); points into r or is a constant. */
const char *nb_finding_section_name(const nb_report *r, const nb_finding *x);
/* The text of a finding's span in r, as a new string ("" when it has none). */
char *nb_finding_quote(const nb_report *r, const nb_finding *x);
/* Messages equal once runs of digits are ignored. */
bool nb_review_message_equal(const char *a, const char *b);
/* Do two keys name the same finding (occurrence included)? */
bool nb_finding_key_equal(const nb_finding_key *a, const nb_finding_key *b);

/* ---- decisions ---- */

/* Records the reviewer's decision on finding i (replacing an earlier one on the same finding).
 * NB_DECISION_NONE removes it. author/time NULL: the login name and the current time. Returns
 * the index of the decision in r->decisions, or -1 when one was removed or i is out of range. */
int nb_review_decide(nb_report *r, const nb_findings *f, size_t i, nb_decision_kind d,
		     const char *reason, const char *author, const char *time);

/* Which decision of r applies to each finding: fills `decision_of` (f->n entries, may be NULL)
 * with the index into r->decisions, or -1. Each decision applies to at most one finding. */
typedef struct nb_review_counts {
	size_t accepted, dismissed, undecided;
	size_t stale;          /* decisions that match no finding now */
	size_t by_severity[3]; /* findings not dismissed, by nb_severity */
} nb_review_counts;
void nb_review_match(const nb_report *r, const nb_findings *f, int *decision_of,
		     nb_review_counts *counts);
/* Marks each finding of f with its decision (nb_finding.decision) and returns the counts.
 * Dismissed findings stay in the list: callers show them apart and count them. */
nb_review_counts nb_review_apply(const nb_report *r, nb_findings *f);
/* The decision behind a finding marked by nb_review_apply, or NULL. */
const nb_decision *nb_review_decision_of(const nb_report *r, const nb_finding *x);

/* ---- 批注 ---- */

typedef enum nb_anchor_state {
	NB_ANCHOR_FOUND,     /* the quote is at [off, off+len) of the section's text */
	NB_ANCHOR_SECTION,   /* no quote: the 批注 is about the section as a whole */
	NB_ANCHOR_ORPHANED   /* the quote (or the section) is gone */
} nb_anchor_state;

typedef struct nb_anchor {
	nb_anchor_state state;
	int section;         /* report section index; -1 for the intro (and when orphaned) */
	bool intro;          /* anchored in the opening paragraph */
	size_t off, len;     /* bytes in the section body (or intro) */
} nb_anchor;

/* Where 批注 c is now. Returns c's anchor state. */
nb_anchor_state nb_comment_resolve(const nb_report *r, const nb_comment *c, nb_anchor *out);
/* Like nb_comment_resolve, for any section name and quote (the diff uses it on another report). */
nb_anchor_state nb_anchor_find(const nb_report *r, const char *section, const char *quote,
			       int occurrence, nb_anchor *out);
/* The nth occurrence (1-based) of quote in text, or the last one when there are fewer (the quote
 * is still there; an earlier copy was removed): how 批注 and ignore entries find their quote.
 * False when quote is not in text at all. */
bool nb_quote_find(const char *text, const char *quote, int nth, size_t *off);
/* Which occurrence (1-based) of quote starts at byte off of text. */
int nb_quote_occurrence(const char *text, const char *quote, size_t off);
/* Text an anchor points into (section body or intro), NULL when orphaned. */
const char *nb_anchor_text(const nb_report *r, const nb_anchor *a);
/* Input line of an anchor (0 when unknown or orphaned). */
int nb_anchor_line(const nb_report *r, const nb_anchor *a);

/* Adds a 批注 on bytes [off, off+len) of section `section` (-1: the intro; len 0: the whole
 * section). author/time NULL: the login name and now. Returns its index in r->comments, -1 when
 * section or span are out of range. */
long nb_review_add_comment(nb_report *r, int section, size_t off, size_t len, const char *text,
			   const char *author, const char *time);
/* Changes a 批注's text (and author/time when not NULL). Returns -1 if idx is out of range. */
int nb_review_edit_comment(nb_report *r, size_t idx, const char *text, const char *author,
			   const char *time);
/* Deletes a 批注 (the reviewer asked for it; nothing else ever deletes one). */
int nb_review_delete_comment(nb_report *r, size_t idx);
/* Refreshes the occurrence of every anchored 批注 (after the editor moved or copied text).
 * Orphaned ones keep what they had. */
void nb_review_update_anchors(nb_report *r);

/* ---- who and when ---- */

/* The reviewer's name: $NIANBAO_AUTHOR, else the login name, else "审核人". Caller frees. */
char *nb_review_author(void);
/* The current local time as ISO 8601 with offset: 2025-03-01T10:00:00+08:00. Caller frees. */
char *nb_review_now(void);

/* ---- review report (nianbao review --report) ---- */

typedef struct nb_review_report_opts {
	const char *file;     /* name shown in the report */
	bool json;
} nb_review_report_opts;

/* The review summary of report r with findings f (decisions are matched here; f is not
 * changed): counts by severity and section, the mandatory items still missing, each section's
 * findings and 批注 with the sentence around them and input lines, decisions. Caller frees. */
char *nb_review_report(const nb_report *r, const nb_findings *f, const nb_review_report_opts *o);

#endif
