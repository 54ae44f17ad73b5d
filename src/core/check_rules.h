/* check_rules.h — what the rule files (check_*.c) share: the run context, emitting a finding with
 * its input position, and the date and year readers. Not part of the public API. */
#ifndef NIANBAO_CHECK_RULES_H
#define NIANBAO_CHECK_RULES_H
#include "nianbao/check.h"

typedef struct nb_check_ctx {
	const nb_report *r;
	const nb_template *t;
	const nb_check_opts *o;
	int year;                /* report year, 0 when unknown */
	nb_findings *out;
} nb_check_ctx;

/* Rule ids, spelled once. */
#define NB_RULE_SECTION_MISSING "section-missing"
#define NB_RULE_SECTION_EMPTY "section-empty"
#define NB_RULE_SECTION_ORDER "section-order"
#define NB_RULE_ITEM_MISSING "item-missing"
#define NB_RULE_CAUSE_MISSING "cause-missing"
#define NB_RULE_META_MISSING "meta-missing"
#define NB_RULE_YEAR_MISMATCH "year-mismatch"
#define NB_RULE_DEADLINE "deadline"

bool nb_ctx_on(const nb_check_ctx *c, const char *rule);
/* Adds a finding with the rule's registered severity; takes ownership of message and suggestion
 * (suggestion may be NULL). The finding is about the whole document until placed. */
nb_finding *nb_emit(nb_check_ctx *c, const char *rule, char *message, char *suggestion);
nb_finding *nb_emit_sev(nb_check_ctx *c, const char *rule, nb_severity sev, char *message,
			char *suggestion);
void nb_place_heading(const nb_check_ctx *c, nb_finding *f, size_t sidx, size_t off, size_t len);
void nb_place_body(const nb_check_ctx *c, nb_finding *f, size_t sidx, size_t off, size_t len);
void nb_place_meta(const nb_check_ctx *c, nb_finding *f, nb_meta_field field, size_t off, size_t len);

/* Removes from c->out the findings a re-check of section idx replaces: those about idx and about
 * the sections sharing its template section. */
void nb_check_forget_section(nb_check_ctx *c, size_t idx);

/* Template section index of report section sidx, or -1 when it is unmapped. */
int nb_ctx_tsection(const nb_check_ctx *c, size_t sidx);
/* First report section mapped to template section tidx, or -1. */
int nb_ctx_first_section(const nb_check_ctx *c, int tidx);
/* 字数 of all report sections mapped to tidx (a draft may split one part in two). */
size_t nb_ctx_zishu(const nb_check_ctx *c, int tidx);
/* The template section's title with {year} etc. expanded; caller frees. */
char *nb_ctx_title(const nb_check_ctx *c, const nb_tsection *ts);
/* Appends a regulation's name in 《》 (added when the template wrote it bare). */
void nb_add_basis(nb_sb *sb, const char *basis);

/* Rules. Section-level rules take the template section or report section they are about, so the
 * editor can re-run them for one section. */
void nb_rule_section_missing(nb_check_ctx *c);
void nb_rule_section_order(nb_check_ctx *c, int only_tidx);   /* -1: every section */
void nb_rule_section_empty(nb_check_ctx *c, int tidx);
void nb_rule_items(nb_check_ctx *c, int tidx);                /* item-missing, cause-missing */
/* The same, asking has(ud, sidx, phrase) whether section sidx's body holds an evidence phrase,
 * and expand(ud, evidence) (may return NULL) for an evidence phrase with {year} filled in. */
void nb_rule_items_search(nb_check_ctx *c, int tidx, bool (*has)(void *ud, size_t sidx, const char *phrase),
			  const char *(*expand)(void *ud, const char *evidence), void *ud);
/* Is the evidence phrase (a year phrase such as 2024年, a phrase with … gaps, or plain words) in
 * text[0, len)? No phrase spans a line break, so paragraphs can be searched one at a time. */
bool nb_text_has_phrase(const char *text, size_t len, const char *phrase);
bool nb_ctx_section_empty(const nb_check_ctx *c, int tidx);
void nb_rule_meta(nb_check_ctx *c);                           /* meta-missing, year-mismatch, deadline */
void nb_rule_heading_year(nb_check_ctx *c, size_t sidx);

/* Years and dates as written in these reports. */
typedef struct nb_year_hit {
	int year;
	size_t off, len;   /* bytes of the year number, e.g. "2023" or "二〇二三" */
} nb_year_hit;
/* Finds years written as a number followed by 年 (2023年, 2023 年, 二〇二三年, 2023年度).
 * Returns how many were stored; it stops at max, so call again after the last hit to read on. */
size_t nb_find_years(const char *s, size_t len, nb_year_hit *hits, size_t max);
/* Parses 2024年3月26日, 二〇二四年三月二十六日, 2024-03-26, 2024.3.26, 2024/3/26. */
bool nb_parse_date(const char *s, int *y, int *m, int *d);
/* The year in a 发文字号 (渭高金党字〔2024〕5号), or 0. */
int nb_doc_number_year(const char *s, size_t *off, size_t *len);

#endif
