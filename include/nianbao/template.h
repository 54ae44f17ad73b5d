/* template.h — the report template: sections, guidance, mandatory items with evidence phrases,
 * deadlines by unit type. Loaded from YAML; the built-in one is embedded at build time. */
#ifndef NIANBAO_TEMPLATE_H
#define NIANBAO_TEMPLATE_H
#include <stddef.h>
#include <stdbool.h>
#include "util.h"

/* A mandatory item: covered when at least `threshold` distinct evidence phrases occur. */
typedef struct nb_item {
	char *id;          /* "duty-in-person" */
	char *label;       /* 亲自部署、亲自过问… (short, shown in the checklist) */
	char *basis;       /* the regulation that asks for it, by name */
	char *hint;        /* what to write to cover it */
	char **evidence;   /* phrases; any of them counts. May contain {year} / {next_year}: expand
	                    * with nb_template_expand(phrase, report_year, NULL) before matching */
	size_t nevidence;
	int threshold;     /* distinct phrases needed, >= 1 */
	bool next_year;    /* evidence must also include the year after the report year */
} nb_item;

typedef struct nb_tsection {
	char *id;          /* stable: "measures", "problems", "duty", "plan", "other" */
	char *title;       /* canonical title: "{year}年主要举措和成效" ({year}, {next_year} expand) */
	char *guidance;    /* what to write, multi-line */
	char *basis;       /* regulation that requires the section */
	char **keywords;   /* heading words that identify the section in a draft ("问题", "不足", "短板") */
	int *keyword_weights; /* parallel to keywords: how strongly each word points here (1..100) */
	size_t nkeywords;
	bool optional;     /* 其他需要报告的情况 */
	int min_chars;     /* below this 字数 the section counts as empty */
	nb_item *items;
	size_t nitems;
} nb_tsection;

/* A due date by unit type (month/day of the year after the report year): for submitting the
 * report (deadlines) or for making it public (publication_deadlines). */
typedef struct nb_deadline {
	char *unit_type;   /* "乡镇", or "*" for any */
	int month, day;
	char *basis;
} nb_deadline;

typedef struct nb_template {
	char *id;          /* "fazhi-zhengfu-nianbao" */
	char *name;        /* 法治政府建设年度报告 */
	int version;
	char *title_pattern; /* "{unit}关于{year}年度法治政府建设情况的报告" */
	nb_tsection *sections;
	size_t nsections;
	char **unit_types; size_t nunit_types;
	nb_deadline *deadlines; size_t ndeadlines;
	nb_deadline *publication_deadlines; size_t npublication_deadlines;
	char **required_meta; size_t nrequired_meta; /* meta keys a finished report must have */
} nb_template;

/* Loads a template from YAML text; `name` is used in error messages. */
nb_template *nb_template_load(const char *yaml, size_t len, const char *name, nb_error *err);
nb_template *nb_template_load_file(const char *path, nb_error *err);
/* The template compiled into the binary (templates/default.yaml). Never NULL. */
nb_template *nb_template_builtin(void);
void nb_template_free(nb_template *t);

const nb_tsection *nb_template_section(const nb_template *t, const char *id);
int nb_template_section_index(const nb_template *t, const char *id);
/* Expands {year}, {next_year}, {unit} in a pattern. Caller frees. With year <= 0 the year
 * placeholders stay as written (a made-up year would be worse); a NULL unit expands to "". */
char *nb_template_expand(const char *pattern, int year, const char *unit);

/* Which template section a draft heading means, by keywords (not exact wording); NULL if none.
 * Numbering (一、 （二） 3. 第一部分), Markdown marks, spaces and years are ignored; the section
 * whose matching keywords weigh most wins, if they weigh at least NB_HEADING_MIN_SCORE. */
#define NB_HEADING_MIN_SCORE 3
const nb_tsection *nb_template_match_heading(const nb_template *t, const char *heading);

/* The embedded data files (generated at build time). */
extern const char nb_builtin_template_yaml[];
extern const size_t nb_builtin_template_yaml_len;

#endif
