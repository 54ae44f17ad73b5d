/* check_text.h — what the language, numbering and figure rules share: their ids, where a piece of
 * text sits in the report (so a finding can point at it), and the scanners' entry points.
 * Not part of the public API. */
#ifndef NIANBAO_CHECK_TEXT_H
#define NIANBAO_CHECK_TEXT_H
#include "check_rules.h"
#include "nianbao/lexicon.h"

#include <stdint.h>

#define NB_RULE_LEXICON "lexicon"
#define NB_RULE_REPEATED_CHAR "repeated-char"
#define NB_RULE_LATIN_IN_CJK "latin-in-cjk"
#define NB_RULE_PUNCT_WIDTH "punct-width"
#define NB_RULE_PAIR_UNBALANCED "pair-unbalanced"
#define NB_RULE_SPACE_IN_CJK "space-in-cjk"
#define NB_RULE_DATE_FORMAT "date-format"
#define NB_RULE_DOC_NUMBER_FORMAT "doc-number-format"
#define NB_RULE_NUMBERING "numbering"
#define NB_RULE_TITLE_FORMAT "title-format"
#define NB_RULE_NUMBER_INCONSISTENT "number-inconsistent"
#define NB_RULE_SUM_MISMATCH "sum-mismatch"
#define NB_RULE_PERCENT_MISMATCH "percent-mismatch"
#define NB_RULE_NO_FIGURES "no-figures"
#define NB_RULE_SLOGAN_DENSITY "slogan-density"

/* A piece of report text: a section's body or heading, the intro, or a metadata field. */
typedef struct nb_where {
	nb_place place;   /* NB_PLACE_BODY, NB_PLACE_HEADING, NB_PLACE_INTRO or NB_PLACE_META */
	int section;      /* for body and heading */
	int field;        /* for meta */
} nb_where;

typedef struct nb_fig_table nb_fig_table;

typedef struct nb_text_run {
	nb_check_ctx *c;
	const nb_lexicon *lx;
	nb_fig_table *figs;   /* measures stated so far, for number-inconsistent */
} nb_text_run;

/* Emits a finding about bytes [off, off+len) of the text at w, with its input position. When
 * `fix` is given it is the one right replacement for that span (the finding becomes fixable and
 * fix is also its suggestion); otherwise `advice` (may be NULL) is the suggestion. Takes
 * ownership of message. */
nb_finding *nb_text_emit(nb_text_run *run, const char *rule, nb_where w, const char *text, size_t off,
			 size_t len, char *message, const char *fix, const char *advice);

/* Runs the rules of this family: over the whole report (only = -1: metadata, intro, every
 * section, cross-section comparisons), or over report section `only` and the sections that share
 * its template section (for the editor). Called by check.c. */
void nb_text_rules(nb_check_ctx *c, int only);

/* Per text (check_language.c): lexicon, repeated-char, latin-in-cjk, punct-width,
 * pair-unbalanced, space-in-cjk, date-format. */
void nb_lang_text(nb_text_run *run, nb_where w, const char *s, size_t len);
/* The same rules over one paragraph s[a, b) of a longer text (offsets stay those of s). */
void nb_lang_para(nb_text_run *run, nb_where w, const char *s, size_t a, size_t b);
void nb_lang_doc_number(nb_text_run *run);

/* check_numbering.c: heading numbers of one section; the title. */
void nb_numbering_section(nb_text_run *run, size_t sidx);
void nb_title_format(nb_text_run *run);

/* check_figures.c: sums, rates, sections without figures and stock-phrase paragraphs in one
 * section, and the same measure stated with different values (each statement is compared with
 * the earlier ones in run->figs). With emit false the section's measures are only recorded, so
 * that a later section re-checked alone is still compared with them. */
nb_fig_table *nb_fig_table_new(void);
void nb_fig_table_free(nb_fig_table *t);
void nb_figures_section(nb_text_run *run, size_t sidx, bool emit);

/* The same in pieces, for a checker that remembers paragraphs between runs. A statement that
 * number-inconsistent compares, by byte offsets into the section body: */
typedef struct nb_fig_stmt {
	uint64_t hash;            /* of the name's last characters and the unit */
	size_t key_off, key_len;  /* the name */
	size_t unit_off, unit_len;
	double value;
	int decimals;
	size_t off, end;          /* the number with its unit */
} nb_fig_stmt;
typedef struct nb_fig_stmts {
	nb_fig_stmt *v;
	size_t n, cap;
} nb_fig_stmts;
/* Paragraph s[a, b) of section sidx: emits its sums, rates and stock-phrase findings, appends its
 * statements to stmts and tells whether it has a figure. */
void nb_figures_para(nb_text_run *run, size_t sidx, const char *s, size_t a, size_t b, nb_fig_stmts *stmts,
		     bool *any_figure);
/* Compares statements v (offsets + shift in s, section sidx's body) with those recorded before
 * them in run->figs and records them; emits number-inconsistent when emit is set. */
void nb_figures_compare(nb_text_run *run, size_t sidx, const char *s, const nb_fig_stmt *v, size_t n, size_t shift,
			bool emit);
/* no-figures for section sidx, given whether any of its paragraphs has a figure. */
void nb_figures_none(nb_text_run *run, size_t sidx, bool any_figure);

/* Small shared readers. */
static inline bool nb_is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}
/* Code point at s[i] (len bytes), its size in *n (0 at the end). */
uint32_t nb_cp_at(const char *s, size_t len, size_t i, size_t *n);
/* Code point before s[i], its start in *start (NUL and i = 0 at the start). */
uint32_t nb_cp_before(const char *s, size_t i, size_t *start);
/* 一 … 九, 〇/零 → 0–9; otherwise -1. */
int nb_han_digit(uint32_t cp);

#endif
