/* check_items.c — mandatory items: is each one covered by the text of its part? */
#include "config.h"
#include "check_rules.h"
#include "nianbao/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An evidence phrase may leave a gap: "听取…汇报" matches 听取法治建设工作汇报. The gap stays
 * inside one sentence and is short, so unrelated words far apart do not count. */
#define GAP_MARK "\xE2\x80\xA6"   /* … */
#define GAP_MAX_BYTES 60            /* about 20 Chinese characters */

static bool gap_is_clean(const char *s, size_t n)
{
	static const char *const stops[] = {"\n", "。", "；", "！", "？"};
	for (size_t k = 0; k < sizeof stops / sizeof stops[0]; k++) {
		size_t sl = strlen(stops[k]);
		for (size_t i = 0; i + sl <= n; i++)
			if (memcmp(s + i, stops[k], sl) == 0)
				return false;
	}
	return true;
}

/* Does the rest of a gapped phrase (parts separated by …) follow `at`, before `end`? */
static bool match_rest(const char *at, const char *end, const char *rest)
{
	while (*rest) {
		while (strncmp(rest, GAP_MARK, strlen(GAP_MARK)) == 0)
			rest += strlen(GAP_MARK);
		if (!*rest)
			return true;
		const char *gap = strstr(rest, GAP_MARK);
		size_t plen = gap ? (size_t)(gap - rest) : strlen(rest);
		/* Find the next part within the allowed gap. */
		const char *found = NULL;
		for (const char *p = at; p < end && (size_t)(p - at) <= GAP_MAX_BYTES; p++) {
			if ((size_t)(end - p) >= plen && memcmp(p, rest, plen) == 0) {
				found = p;
				break;
			}
		}
		if (!found || !gap_is_clean(at, (size_t)(found - at)))
			return false;
		at = found + plen;
		rest += plen;
	}
	return true;
}

/* First occurrence of needle[0, n) (n > 0) in s[0, len), or NULL. */
static const char *find_bytes(const char *s, size_t len, const char *needle, size_t n)
{
	const char *end = s + len;
	while ((size_t)(end - s) >= n) {
		const char *p = memchr(s, needle[0], (size_t)(end - s) - n + 1);
		if (!p)
			return NULL;
		if (memcmp(p, needle, n) == 0)
			return p;
		s = p + 1;
	}
	return NULL;
}

/* Is the phrase in text[0, len)? (A phrase never spans a line break, so a paragraph can be
 * searched on its own.) */
static bool phrase_in(const char *text, size_t len, const char *phrase)
{
	if (!phrase || !*phrase)
		return false;
	while (strncmp(phrase, GAP_MARK, strlen(GAP_MARK)) == 0)
		phrase += strlen(GAP_MARK);
	if (!*phrase)
		return false;
	const char *gap = strstr(phrase, GAP_MARK);
	size_t head = gap ? (size_t)(gap - phrase) : strlen(phrase);
	const char *end = text + len;
	for (const char *p = find_bytes(text, len, phrase, head); p;
	     p = find_bytes(p + 1, (size_t)(end - p - 1), phrase, head)) {
		if (!gap || match_rest(p + head, end, gap))
			return true;
	}
	return false;
}

static bool names_year(const char *text, size_t len, int year)
{
	enum { WINDOW = 32 };
	nb_year_hit hits[WINDOW];
	size_t off = 0, n;
	do {
		n = nb_find_years(text + off, len - off, hits, WINDOW);
		for (size_t i = 0; i < n; i++)
			if (hits[i].year == year)
				return true;
		if (n)
			off += hits[n - 1].off + hits[n - 1].len;
	} while (n == WINDOW);
	return false;
}

/* "2024年" alone: matched as a year, so that "2024 年" and 二〇二四年 count too. */
static int year_phrase(const char *p)
{
	for (int i = 0; i < 4; i++)
		if (p[i] < '0' || p[i] > '9')
			return 0;
	if (strcmp(p + 4, "年") != 0)
		return 0;
	return (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
}

/* The text of one report part. A heading is evidence too (二、问题清单 says problems are listed;
 * 四、2024年工作计划 names the year), except for the causes of problems: the heading
 * 存在的不足和原因 announces causes, it does not give any. */
typedef struct part_text {
	const char *heading;   /* may be NULL */
	const char *body;
	size_t sidx;           /* the report section */
} part_text;

/* Where the bodies are searched: directly, or through what a cache remembers. */
typedef struct body_search {
	bool (*has)(void *ud, size_t sidx, const char *phrase);
	const char *(*expand)(void *ud, const char *evidence);   /* {year} filled in, or NULL */
	void *ud;
} body_search;

bool nb_text_has_phrase(const char *text, size_t len, const char *phrase)
{
	int y = year_phrase(phrase);
	return y ? names_year(text, len, y) : phrase_in(text, len, phrase);
}

static bool phrase_in_parts(const char *phrase, const part_text *parts, size_t n, bool headings,
			    const body_search *bs)
{
	int y = year_phrase(phrase);
	for (size_t i = 0; i < n; i++) {
		const char *h = headings || y ? parts[i].heading : NULL;
		if (h && nb_text_has_phrase(h, strlen(h), phrase))
			return true;
		if (bs ? bs->has(bs->ud, parts[i].sidx, phrase)
		       : nb_text_has_phrase(parts[i].body, strlen(parts[i].body), phrase))
			return true;
	}
	return false;
}

/* The item in the problems part that asks for the causes of the problems. */
static bool is_cause_item(const nb_item *it)
{
	return (it->id && strstr(it->id, "cause")) || (it->label && strstr(it->label, "原因"));
}

/* Coverage over a part's heading and body, or over a part a draft split in two. Evidence may
 * name {year} or {next_year}; without a report year such phrases cannot be judged and are left
 * out, and an item left with nothing to judge counts as covered (the unknown year is reported). */
static bool item_covered_in(const nb_item *item, const part_text *parts, size_t nparts,
			    int report_year, bool *year_missing, const body_search *bs)
{
	*year_missing = false;
	int need = item->threshold > 0 ? item->threshold : 1;
	int distinct = 0;
	size_t usable = 0;
	for (size_t e = 0; e < item->nevidence && distinct < need; e++) {
		bool dup = false;
		for (size_t k = 0; k < e && !dup; k++)
			dup = strcmp(item->evidence[k], item->evidence[e]) == 0;
		if (dup)
			continue;
		const char *ph = item->evidence[e];
		char *expanded = NULL;
		if (strchr(ph, '{')) {
			if (report_year <= 0)
				continue;
			const char *known = bs && bs->expand ? bs->expand(bs->ud, ph) : NULL;
			ph = known ? known : (expanded = nb_template_expand(ph, report_year, ""));
		}
		usable++;
		if (phrase_in_parts(ph, parts, nparts, !is_cause_item(item), bs))
			distinct++;
		free(expanded);
	}
	bool phrases_ok = usable == 0 || distinct >= need;
	if (!item->next_year || report_year <= 0)
		return phrases_ok;
	char next[16];
	snprintf(next, sizeof next, "%d年", report_year + 1);
	bool year_ok = phrase_in_parts(next, parts, nparts, true, bs);
	*year_missing = !year_ok;
	return phrases_ok && year_ok;
}

bool nb_item_covered(const nb_item *item, const char *text, int report_year)
{
	bool year_missing;
	part_text part = {NULL, text ? text : "", 0};
	return item_covered_in(item, &part, 1, report_year, &year_missing, NULL);
}

static const char *item_basis(const nb_item *it, const nb_tsection *ts)
{
	if (it->basis && *it->basis)
		return it->basis;
	return ts->basis && *ts->basis ? ts->basis : NULL;
}

/* A hint with its {year}/{next_year} filled in (most hints name no year: copied as they are). */
static char *hint_text(const char *hint, int year)
{
	return strchr(hint, '{') ? nb_template_expand(hint, year, NULL) : nb_xstrdup(hint);
}

static void rule_items(nb_check_ctx *c, int tidx, const body_search *bs)
{
	bool items_on = nb_ctx_on(c, NB_RULE_ITEM_MISSING);
	bool cause_on = nb_ctx_on(c, NB_RULE_CAUSE_MISSING);
	if (!items_on && !cause_on)
		return;
	int first = nb_ctx_first_section(c, tidx);
	/* A missing or empty part is already reported; listing its items again is noise. */
	if (first < 0 || nb_ctx_section_empty(c, tidx))
		return;
	const nb_tsection *ts = &c->t->sections[tidx];
	const nb_section *fs = &c->r->sections[first];

	size_t nparts = 0;
	part_text *parts = nb_xmalloc(c->r->nsections * sizeof *parts);
	for (size_t i = 0; i < c->r->nsections; i++)
		if (nb_ctx_tsection(c, i) == tidx)
			parts[nparts++] = (part_text){c->r->sections[i].heading, c->r->sections[i].body, i};

	/* Each item judged once; whether the part states its problems at all decides how to word a
	 * missing cause. */
	bool *covered = nb_xmalloc((ts->nitems ? ts->nitems : 1) * sizeof *covered);
	bool *year_gone = nb_xmalloc((ts->nitems ? ts->nitems : 1) * sizeof *year_gone);
	bool problems_stated = true;
	for (size_t k = 0; k < ts->nitems; k++) {
		covered[k] = item_covered_in(&ts->items[k], parts, nparts, c->year, &year_gone[k], bs);
		if (!is_cause_item(&ts->items[k]) && !covered[k])
			problems_stated = false;
	}

	for (size_t k = 0; k < ts->nitems; k++) {
		const nb_item *it = &ts->items[k];
		bool cause = is_cause_item(it);
		if (cause ? !cause_on : !items_on)
			continue;
		bool year_missing = year_gone[k];
		if (covered[k])
			continue;
		const char *label = it->label ? it->label : it->id;
		const char *basis = item_basis(it, ts);
		nb_sb m = {0};
		nb_finding *f;
		if (cause) {
			if (problems_stated)
				nb_sb_printf(&m, "“%s”部分列出了问题，但没有分析产生问题的原因。", fs->heading);
			else
				nb_sb_printf(&m, "“%s”部分没有分析问题产生的原因。", fs->heading);
			if (basis) {
				nb_sb_adds(&m, "依据");
				nb_add_basis(&m, basis);
				nb_sb_adds(&m, "，年度报告应当写明存在的不足和原因。");
			}
			const char *hint = it->hint && *it->hint ? it->hint
				: "在列出问题之后分析原因，说明每个问题的主观和客观原因";
			f = nb_emit(c, NB_RULE_CAUSE_MISSING, nb_sb_take(&m),
				    hint_text(hint, c->year));
			/* Point at the problems as written, where the causes belong. */
			if (fs->nmap > 0) {
				const char *nl = strchr(fs->body, '\n');
				size_t para = nl ? (size_t)(nl - fs->body) : strlen(fs->body);
				nb_place_body(c, f, (size_t)first, 0, para);
				continue;
			}
		} else {
			nb_sb_printf(&m, "“%s”部分未写到：%s", fs->heading, label);
			if (year_missing)
				nb_sb_printf(&m, "（这一部分没有出现“%d年”）", c->year + 1);
			if (basis) {
				nb_sb_adds(&m, "。依据：");
				nb_add_basis(&m, basis);
			}
			nb_sb_adds(&m, "。");
			/* Hints may name {year}/{next_year}; a suggestion shows the real years. */
			f = nb_emit(c, NB_RULE_ITEM_MISSING, nb_sb_take(&m),
				    it->hint && *it->hint ? hint_text(it->hint, c->year) : NULL);
		}
		nb_place_heading(c, f, (size_t)first, 0, strlen(fs->heading));
	}
	free(parts);
	free(covered);
	free(year_gone);
}

void nb_rule_items(nb_check_ctx *c, int tidx)
{
	rule_items(c, tidx, NULL);
}

void nb_rule_items_search(nb_check_ctx *c, int tidx, bool (*has)(void *ud, size_t sidx, const char *phrase),
			  const char *(*expand)(void *ud, const char *evidence), void *ud)
{
	body_search bs = {has, expand, ud};
	rule_items(c, tidx, &bs);
}
