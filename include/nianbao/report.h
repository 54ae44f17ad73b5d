/* report.h — the report model: metadata, ordered sections with body text, 批注 (review comments).
 * The model knows nothing about files or screens. */
#ifndef NIANBAO_REPORT_H
#define NIANBAO_REPORT_H
#include <stddef.h>
#include <stdbool.h>

/* Metadata fields, in the order the header form and the YAML file list them. */
typedef enum nb_meta_field {
	NB_META_UNIT,           /* 发文机关 (unit's full name) */
	NB_META_UNIT_TYPE,      /* 乡镇 / 街道 / 县级部门 / 县级政府 / 社区 / 其他 */
	NB_META_YEAR,           /* 报告年度, e.g. "2024" */
	NB_META_TITLE,          /* 标题 */
	NB_META_DOC_NUMBER,     /* 发文字号 */
	NB_META_SIGNER,         /* 签发人 */
	NB_META_RECIPIENT,      /* 主送机关 */
	NB_META_SIGNATURE,      /* 落款 (发文机关署名) */
	NB_META_DATE,           /* 成文日期, as written: 2025年2月8日 */
	NB_META_CC,             /* 抄送 */
	NB_META_PRINTER,        /* 印发机关 */
	NB_META_PRINT_DATE,     /* 印发日期 */
	NB_META_PUBLISH_CHANNEL,/* 公开渠道 (website) */
	NB_META_PUBLISH_DATE,   /* 公开日期 */
	NB_META_SECRECY_REVIEW, /* 保密审查: 已审查 / 未审查 */
	NB_META_COUNT
} nb_meta_field;

typedef struct nb_meta_info {
	const char *key;        /* YAML key, e.g. "doc_number" */
	const char *label_zh;   /* 发文字号 */
	const char *label_en;   /* Document number */
	bool in_form;           /* shown in the editor's header form */
} nb_meta_info;

extern const nb_meta_info nb_meta_fields[NB_META_COUNT];
/* Field for a YAML key, or -1. */
int nb_meta_field_by_key(const char *key);

/* Where a span of body text came from in the input file. A body offset maps to the entry with
 * the largest body_off <= offset: line = entry.line, column = entry.col + characters since
 * entry.body_off. Built by importers; empty for new text. */
typedef struct nb_srcpos {
	size_t body_off;
	int line;   /* 1-based input line */
	int col;    /* 1-based input column, in characters */
} nb_srcpos;

typedef struct nb_section {
	char *id;          /* template section id ("measures", "duty", ...) or NULL if unmapped */
	char *heading;     /* heading as written, with its number: "一、主要举措和成效" */
	char *body;        /* UTF-8; paragraphs separated by '\n'; no indentation; never NULL */
	int heading_line;  /* input line of the heading, 0 if unknown */
	nb_srcpos *map;    /* source map for body (may be empty) */
	size_t nmap;
} nb_section;

/* A 批注: anchored to a section and a quoted span of its text. */
typedef struct nb_comment {
	char *section_id;  /* section id, or heading if the section is unmapped */
	char *quote;       /* the quoted text it refers to */
	char *text;        /* the comment */
	char *author;
	char *time;        /* ISO 8601 */
	int occurrence;    /* which occurrence of the quote in the section (1-based) it was when last
	                    * anchored; 0 if unknown (the first). Picks among repeated quotes. */
} nb_comment;

/* A reviewer's decision on a checker finding. The finding is named by a key that survives
 * re-checks and edits elsewhere (review.h): rule, section, quoted span, message, occurrence. */
typedef enum nb_decision_kind {
	NB_DECISION_NONE = 0,    /* undecided (never stored) */
	NB_DECISION_ACCEPTED,    /* the reviewer agrees: a real problem to fix */
	NB_DECISION_DISMISSED    /* not a problem here; kept and counted, never silently dropped */
} nb_decision_kind;

typedef struct nb_decision {
	char *rule;        /* "lexicon" */
	char *section;     /* section id, heading if unmapped, "intro", "meta" or "" (whole report) */
	char *quote;       /* the finding's span as written, "" when it has none */
	char *message;     /* the finding's message when decided ("" if unknown) */
	int occurrence;    /* 1-based: which of the findings with the same key so far */
	nb_decision_kind decision;
	char *reason;      /* may be "" */
	char *author;
	char *time;        /* ISO 8601 */
} nb_decision;

/* A reviewer's silencing of a checker rule (the YAML `ignore:` list, see silence.h): for one
 * span of text, one section, or the whole report. Silenced findings are still found and counted,
 * never dropped. */
typedef enum nb_ignore_scope {
	NB_IGNORE_SPAN = 0,      /* the findings of `rule` inside the quoted span */
	NB_IGNORE_SECTION,       /* the findings of `rule` in one section */
	NB_IGNORE_REPORT         /* the findings of `rule` anywhere */
} nb_ignore_scope;

typedef struct nb_ignore {
	char *rule;        /* "latin-in-cjk" */
	nb_ignore_scope scope;
	char *section;     /* span, section: section id or heading, "intro", "meta"; "" for report */
	char *quote;       /* span: the text, anchored like a 批注; "" otherwise */
	int occurrence;    /* span: which occurrence of the quote in its section (1-based) */
	char *reason;      /* required: why the rule does not apply here */
	char *author;
	char *time;        /* ISO 8601 */
} nb_ignore;

typedef struct nb_report {
	char *meta[NB_META_COUNT];   /* NULL when not set */
	int meta_line[NB_META_COUNT];/* input line where the field was found, 0 if unknown */
	char *intro;                 /* 开头段 before section 一 (may be "") */
	nb_srcpos *intro_map;
	size_t intro_nmap;
	nb_section *sections;
	size_t nsections;
	nb_comment *comments;
	size_t ncomments;
	char *source_path;           /* file the report was read from (for messages), may be NULL */
	nb_decision *decisions;      /* review decisions on findings, in the order they were made */
	size_t ndecisions;
	nb_ignore *ignores;          /* silenced rules (`ignore:`), in the order they were added */
	size_t nignores;
} nb_report;

nb_report *nb_report_new(void);
void nb_report_free(nb_report *r);

void nb_report_set_meta(nb_report *r, nb_meta_field f, const char *value);   /* copies; NULL clears */
const char *nb_report_meta(const nb_report *r, nb_meta_field f);             /* "" when unset */
/* Report year as a number, or 0 when unset or not a year. */
int nb_report_year(const nb_report *r);

/* Appends a section (copies id, heading, body); returns it. */
nb_section *nb_report_add_section(nb_report *r, const char *id, const char *heading, const char *body);
/* First section with this template id, or NULL; index via nb_report_section_index. */
nb_section *nb_report_find_section(const nb_report *r, const char *id);
/* Replaces a section's body (copies) and clears its source map. */
void nb_section_set_body(nb_section *s, const char *body);
/* Adds a source-map entry (entries must be added in increasing body_off). */
void nb_srcmap_add(nb_srcpos **map, size_t *n, size_t body_off, int line, int col);
/* Input line/col of a byte offset in a body with the given map; (0,0) if the map is empty. */
void nb_srcmap_lookup(const nb_srcpos *map, size_t n, const char *body, size_t off, int *line, int *col);

nb_comment *nb_report_add_comment(nb_report *r, const char *section_id, const char *quote,
				  const char *text, const char *author, const char *time);

/* Appends a decision (copies the strings; NULL reads as ""); occurrence < 1 reads as 1. */
nb_decision *nb_report_add_decision(nb_report *r, const char *rule, const char *section,
				    const char *quote, const char *message, int occurrence,
				    nb_decision_kind decision, const char *reason, const char *author,
				    const char *time);
/* Removes decision i (keeps the order of the others). */
void nb_report_remove_decision(nb_report *r, size_t i);
/* "accepted" / "dismissed" / "" and back (-1 for an unknown word). */
const char *nb_decision_name(nb_decision_kind d);
int nb_decision_by_name(const char *name);

/* Appends an ignore entry (copies the strings; NULL reads as ""); occurrence < 1 reads as 1. */
nb_ignore *nb_report_add_ignore(nb_report *r, const char *rule, nb_ignore_scope scope,
				const char *section, const char *quote, int occurrence,
				const char *reason, const char *author, const char *time);
/* Removes ignore entry i (keeps the order of the others). */
void nb_report_remove_ignore(nb_report *r, size_t i);
/* "span" / "section" / "report" and back (-1 for an unknown word). */
const char *nb_ignore_scope_name(nb_ignore_scope s);
int nb_ignore_scope_by_name(const char *name);

/* Deep copy. */
nb_report *nb_report_clone(const nb_report *r);

#endif
