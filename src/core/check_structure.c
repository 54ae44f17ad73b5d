/* check_structure.c — the report's parts against the template: missing, empty, out of order. */
#include "config.h"
#include "check_rules.h"
#include "nianbao/text.h"
#include "nianbao/util.h"

#include <stdlib.h>
#include <string.h>

/* The part on the 党政主要负责人 as 第一责任人: putting it first is an accepted way to order a
 * report (several published reports do), so it is never blamed as misplaced. */
#define DUTY_SECTION_ID "duty"

static char *guidance_suggestion(const nb_tsection *ts)
{
	if (!ts->guidance || !*ts->guidance)
		return NULL;
	char *g = nb_xstrdup(ts->guidance);
	size_t n = strlen(g);
	while (n && (g[n - 1] == '\n' || g[n - 1] == ' '))
		g[--n] = '\0';
	return g;
}

/* "应写明：A；B；C（依据《X》）" — the items a missing part must cover, so the message is a
 * to-do list, not just a complaint. Bases other than the section's own are named once each. */
static void add_item_list(nb_sb *sb, const nb_tsection *ts)
{
	if (ts->nitems == 0)
		return;
	nb_sb_adds(sb, "这一部分应写明：");
	for (size_t i = 0; i < ts->nitems; i++) {
		if (i)
			nb_sb_adds(sb, "；");
		nb_sb_adds(sb, ts->items[i].label ? ts->items[i].label : ts->items[i].id);
	}
	bool any = false;
	for (size_t i = 0; i < ts->nitems; i++) {
		const char *b = ts->items[i].basis;
		if (!b || !*b || (ts->basis && strcmp(b, ts->basis) == 0))
			continue;
		bool seen = false;
		for (size_t j = 0; j < i; j++)
			if (ts->items[j].basis && strcmp(ts->items[j].basis, b) == 0)
				seen = true;
		if (seen)
			continue;
		nb_sb_adds(sb, any ? "、" : "（参见");
		nb_add_basis(sb, b);
		any = true;
	}
	if (any)
		nb_sb_adds(sb, "）");
	nb_sb_adds(sb, "。");
}

void nb_rule_section_missing(nb_check_ctx *c)
{
	if (!nb_ctx_on(c, NB_RULE_SECTION_MISSING))
		return;
	for (size_t ti = 0; ti < c->t->nsections; ti++) {
		const nb_tsection *ts = &c->t->sections[ti];
		if (ts->optional || nb_ctx_first_section(c, (int)ti) >= 0)
			continue;
		char *title = nb_ctx_title(c, ts);
		nb_sb m = {0};
		nb_sb_printf(&m, "报告缺少“%s”这一部分。", title);
		if (ts->basis && *ts->basis) {
			nb_sb_adds(&m, "依据");
			nb_add_basis(&m, ts->basis);
			nb_sb_adds(&m, "，年度报告应当包含这一部分。");
		}
		add_item_list(&m, ts);
		nb_sb s = {0};
		nb_sb_printf(&s, "增加“%s”一部分", title);
		char *g = guidance_suggestion(ts);
		if (g) {
			nb_sb_printf(&s, "：%s", g);
			free(g);
		}
		free(title);
		nb_emit(c, NB_RULE_SECTION_MISSING, nb_sb_take(&m), nb_sb_take(&s));
	}
}

/* Counts 字数 only until `min` is reached, in slices cut at character boundaries: this runs on
 * every keystroke, and a long part is clearly not empty after its first lines. */
bool nb_ctx_section_empty(const nb_check_ctx *c, int tidx)
{
	const nb_tsection *ts = &c->t->sections[tidx];
	/* An optional part without a minimum may say just 无. */
	if (ts->optional && ts->min_chars <= 0)
		return false;
	size_t min = ts->min_chars > 0 ? (size_t)ts->min_chars : 1;
	size_t slice = 8 * min + 64, have = 0;
	for (size_t i = 0; i < c->r->nsections; i++) {
		if (nb_ctx_tsection(c, i) != tidx)
			continue;
		const char *b = c->r->sections[i].body;
		size_t len = strlen(b);
		for (size_t off = 0; off < len;) {
			size_t end = off + slice < len ? off + slice : len;
			while (end < len && ((unsigned char)b[end] & 0xC0) == 0x80)
				end++;
			have += nb_count_zishu(b + off, end - off);
			if (have >= min)
				return false;
			off = end;
		}
	}
	return true;
}

void nb_rule_section_empty(nb_check_ctx *c, int tidx)
{
	if (!nb_ctx_on(c, NB_RULE_SECTION_EMPTY))
		return;
	int first = nb_ctx_first_section(c, tidx);
	if (first < 0 || !nb_ctx_section_empty(c, tidx))
		return;
	const nb_tsection *ts = &c->t->sections[tidx];
	const nb_section *s = &c->r->sections[first];
	size_t n = nb_ctx_zishu(c, tidx);
	char *title = nb_ctx_title(c, ts);
	nb_sb m = {0};
	if (n == 0)
		nb_sb_printf(&m, "“%s”部分只有标题，没有内容。", s->heading);
	else
		nb_sb_printf(&m, "“%s”部分只有%zu字，少于%d字，内容过少。", s->heading, n, ts->min_chars);
	if (ts->basis && *ts->basis) {
		nb_sb_adds(&m, "依据");
		nb_add_basis(&m, ts->basis);
		nb_sb_printf(&m, "，年度报告应当写明%s。", title);
	}
	free(title);
	nb_finding *f = nb_emit(c, NB_RULE_SECTION_EMPTY, nb_sb_take(&m), guidance_suggestion(ts));
	nb_place_heading(c, f, (size_t)first, 0, strlen(s->heading));
}

static const char *const zh_ordinal[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

static void order_message(nb_check_ctx *c, size_t i, int tid, bool duty_early)
{
	const nb_tsection *ts = &c->t->sections[tid];
	const nb_section *s = &c->r->sections[i];
	nb_sb m = {0};
	char *sugg = NULL;
	if (duty_early) {
		nb_sb_printf(&m, "“%s”（第一责任人履职情况）排得比模板靠前；把这一部分提前（如放在报告开头）"
				 "是实践中常见、可以接受的排法，可不调整。", s->heading);
	} else {
		nb_sb_printf(&m, "“%s”的位置与模板顺序不同", s->heading);
		if (ts->basis && *ts->basis) {
			nb_sb_adds(&m, "：");
			nb_add_basis(&m, ts->basis);
			nb_sb_adds(&m, "所列年度报告内容依次为");
		} else {
			nb_sb_adds(&m, "：模板顺序为");
		}
		for (size_t k = 0; k < c->t->nsections; k++) {
			char *t = nb_ctx_title(c, &c->t->sections[k]);
			nb_sb_printf(&m, "%s“%s”", k ? "、" : "", t);
			free(t);
		}
		nb_sb_adds(&m, "。");
		if (tid < 10)
			sugg = nb_xasprintf("把这一部分移到第%s部分的位置", zh_ordinal[tid]);
	}
	nb_finding *f = nb_emit(c, NB_RULE_SECTION_ORDER, nb_sb_take(&m), sugg);
	nb_place_heading(c, f, i, 0, strlen(s->heading));
}

void nb_rule_section_order(nb_check_ctx *c, int only_tidx)
{
	if (!nb_ctx_on(c, NB_RULE_SECTION_ORDER))
		return;
	size_t n = c->r->nsections;
	if (n < 2)
		return;
	int duty = nb_template_section_index(c->t, DUTY_SECTION_ID);
	/* The other parts first: the fewest to move are those outside the longest run already in
	 * template order. The 第一责任人 part is then judged against that run. */
	int *tid = nb_xmalloc(n * sizeof *tid);
	size_t *len = nb_xcalloc(n, sizeof *len);
	long *prev = nb_xmalloc(n * sizeof *prev);
	bool *kept = nb_xcalloc(n, sizeof *kept);
	long best = -1;
	for (size_t i = 0; i < n; i++) {
		tid[i] = nb_ctx_tsection(c, i);
		prev[i] = -1;
		if (tid[i] < 0 || tid[i] == duty)
			continue;
		len[i] = 1;
		for (size_t j = 0; j < i; j++)
			if (tid[j] >= 0 && tid[j] != duty && tid[j] <= tid[i] && len[j] + 1 > len[i]) {
				len[i] = len[j] + 1;
				prev[i] = (long)j;
			}
		if (best < 0 || len[i] >= len[best])
			best = (long)i;
	}
	for (long i = best; i >= 0; i = prev[i])
		kept[i] = true;

	for (size_t i = 0; i < n; i++) {
		if (tid[i] < 0 || (only_tidx >= 0 && tid[i] != only_tidx))
			continue;
		if (tid[i] != duty) {
			if (!kept[i])
				order_message(c, i, tid[i], false);
			continue;
		}
		bool early = false, late = false;
		for (size_t j = 0; j < n; j++) {
			if (!kept[j])
				continue;
			early |= j > i && tid[j] < duty;
			late |= j < i && tid[j] > duty;
		}
		if (early || late)
			order_message(c, i, tid[i], early && !late);
	}
	free(tid);
	free(len);
	free(prev);
	free(kept);
}
