/* diff.h — what changed between two versions of a report ("what did my colleague do since my
 * review"): section by section, paragraph by paragraph, and within a changed paragraph character
 * by character, which is what makes sense for Chinese text; findings that appeared or went away;
 * which 批注 of the old version are addressed and which are still open.
 *
 * Sections are matched by template id (the k-th part with an id to the k-th with the same id),
 * then by heading, then by heading without its number. Paragraphs (the lines of a body) are
 * aligned by their longest common subsequence; in each gap a removed and an added paragraph that
 * share most of their characters are one changed paragraph; a paragraph removed in one place and
 * added unchanged in another (in any section) has moved. Character changes are marked
 * [-删去的-]{+新增的+}. */
#ifndef NIANBAO_DIFF_H
#define NIANBAO_DIFF_H
#include <stdbool.h>
#include <stddef.h>
#include "check.h"
#include "report.h"

typedef enum nb_para_change_kind {
	NB_PARA_SAME,
	NB_PARA_CHANGED,   /* old_text became new_text; `marked` shows how */
	NB_PARA_ADDED,
	NB_PARA_REMOVED,
	NB_PARA_MOVED      /* the same text elsewhere: from another place or section */
} nb_para_change_kind;

typedef struct nb_para_change {
	nb_para_change_kind kind;
	int old_index, new_index; /* 0-based paragraph numbers in their section; -1 when none */
	int old_line, new_line;   /* input lines, 0 if unknown */
	char *old_text, *new_text;/* NULL when none */
	char *marked;             /* CHANGED: the paragraph with [-…-]{+…+} marks */
	int moved_from;           /* MOVED: index in nb_diff.sections of the section it left */
} nb_para_change;

typedef enum nb_section_change_kind {
	NB_SECTION_SAME, NB_SECTION_CHANGED, NB_SECTION_ADDED, NB_SECTION_REMOVED
} nb_section_change_kind;

typedef struct nb_section_diff {
	nb_section_change_kind kind;
	bool intro;               /* the opening paragraph(s) before section 一 */
	int old_section, new_section; /* indices in the reports; -1 when none (and for the intro) */
	const char *old_heading, *new_heading; /* borrowed from the reports; NULL when none */
	char *heading_marked;     /* heading changed: marked; else NULL */
	nb_para_change *paras;    /* in reading order of the new version (removed ones where they were) */
	size_t nparas;
} nb_section_diff;

typedef struct nb_meta_change {
	nb_meta_field field;
	const char *old_value, *new_value; /* borrowed; NULL when unset */
} nb_meta_change;

typedef struct nb_finding_change {
	bool appeared;            /* true: new in NEW; false: gone since OLD */
	size_t index;             /* into the NEW (appeared) or OLD (gone) findings */
} nb_finding_change;

typedef enum nb_comment_state {
	NB_COMMENT_OPEN,          /* the quoted text is still there, unchanged */
	NB_COMMENT_CHANGED,       /* addressed: the paragraph with the quote was rewritten */
	NB_COMMENT_REMOVED,       /* addressed: the quoted text (its paragraph or section) is gone */
	NB_COMMENT_WAS_ORPHANED   /* its text was already gone in OLD */
} nb_comment_state;

typedef struct nb_comment_status {
	size_t comment;           /* index into OLD's comments */
	nb_comment_state state;
	int new_line;             /* OPEN: where the quote is now */
	int old_line;
	const nb_para_change *para; /* CHANGED: the paragraph's change; may be NULL */
} nb_comment_status;

typedef struct nb_diff {
	const nb_report *old, *new;
	nb_meta_change *meta; size_t nmeta;
	nb_section_diff *sections; size_t nsections;
	nb_finding_change *findings; size_t nfindings;
	nb_comment_status *comments; size_t ncomments;
	size_t paras_changed, paras_added, paras_removed, paras_moved;
} nb_diff;

/* Compares OLD and NEW with their findings (either may be NULL: no finding comparison). The
 * diff borrows from the reports and findings: keep them alive while using it. */
nb_diff *nb_diff_reports(const nb_report *old, const nb_findings *old_findings,
			 const nb_report *new, const nb_findings *new_findings);
void nb_diff_free(nb_diff *d);

/* True when nothing in the text or metadata changed. */
bool nb_diff_same_text(const nb_diff *d);

/* Per-character comparison of two texts: b with deletions from a as [-…-] and insertions as
 * {+…+}. With context >= 0, unchanged stretches longer than 2*context characters are cut to
 * `context` characters either side of the changes, with …… for what is left out. Caller frees. */
char *nb_diff_chars(const char *a, const char *b, int context);

/* The comparison as text for people (Chinese headings, no colours, no tabs). Caller frees. */
char *nb_diff_format_text(const nb_diff *d, const nb_findings *old_findings,
			  const nb_findings *new_findings, const char *old_name, const char *new_name);

#endif
