/* check.c — the rule registry and the driver that runs the rules over a report, or over one
 * section as the user types. */
#include "config.h"
#include "check_rules.h"
#include "check_text.h"
#include "nianbao/silence.h"
#include "nianbao/text.h"
#include "nianbao/util.h"

#include <stdlib.h>
#include <string.h>

const nb_rule_info nb_rules[] = {
	{NB_RULE_SECTION_MISSING, NB_SEV_ERROR, "报告缺少模板规定的必备部分（如第一责任人履职情况）"},
	{NB_RULE_SECTION_EMPTY, NB_SEV_ERROR, "必备部分有标题但内容过少（字数低于模板下限）"},
	{NB_RULE_SECTION_ORDER, NB_SEV_INFO, "各部分的顺序与模板不同"},
	{NB_RULE_ITEM_MISSING, NB_SEV_WARNING, "某部分未写到规定的必备事项（注明事项和依据）"},
	{NB_RULE_CAUSE_MISSING, NB_SEV_ERROR, "存在的不足部分只列问题、未分析原因"},
	{NB_RULE_META_MISSING, NB_SEV_WARNING, "缺少文号、签发人、成文日期等文件要素"},
	{NB_RULE_YEAR_MISMATCH, NB_SEV_ERROR, "标题、各部分标题、文号或成文日期中的年份与报告年度不符"},
	{NB_RULE_DEADLINE, NB_SEV_WARNING, "成文日期晚于报送期限，或公开日期晚于公开期限"},
	{NB_RULE_LEXICON, NB_SEV_WARNING, "错别字和易混词（截至/截止、作出/做出、权力/权利、形近字等），给出正确写法"},
	{NB_RULE_REPEATED_CHAR, NB_SEV_WARNING, "误输入的重复字（如“党党工委”），叠词除外"},
	{NB_RULE_LATIN_IN_CJK, NB_SEV_WARNING, "中文行文中夹杂的英文单词（外文缩略语除外）"},
	{NB_RULE_PUNCT_WIDTH, NB_SEV_WARNING, "中文行文中的半角标点（, ; : ( ) 等），依据GB/T 15834—2011"},
	{NB_RULE_PAIR_UNBALANCED, NB_SEV_WARNING, "引号、书名号、括号不配对"},
	{NB_RULE_SPACE_IN_CJK, NB_SEV_WARNING, "汉字之间、汉字与数字之间的多余空格"},
	{NB_RULE_DATE_FORMAT, NB_SEV_WARNING, "日期、年份和起止范围的写法（2024.3.5、24年、二〇二四年、2021-2025年），依据GB/T 15835—2011"},
	{NB_RULE_DOC_NUMBER_FORMAT, NB_SEV_WARNING, "发文字号格式（六角括号〔〕、年份写全、不加“第”、不编虚位），依据GB/T 9704—2012"},
	{NB_RULE_NUMBERING, NB_SEV_WARNING, "层次序号跳号、重号、越级或序号后标点错误，“一是……二是……”跳号"},
	{NB_RULE_TITLE_FORMAT, NB_SEV_WARNING, "标题不符合“机关名称+关于××年度法治政府建设情况的报告”的形式"},
	{NB_RULE_NUMBER_INCONSISTENT, NB_SEV_WARNING, "同一事项在报告中前后数字不一致"},
	{NB_RULE_SUM_MISMATCH, NB_SEV_ERROR, "总数与所列分项之和不符"},
	{NB_RULE_PERCENT_MISMATCH, NB_SEV_ERROR, "百分比与所列数字算出的比率不符"},
	{NB_RULE_NO_FIGURES, NB_SEV_WARNING, "举措、第一责任人履职或工作安排部分没有具体数字或事例"},
	{NB_RULE_SLOGAN_DENSITY, NB_SEV_INFO, "段落由套话堆砌而成，没有具体事实"},
	/* Not rules over the text but notes from opening the file; listed so --disable knows them. */
	{"import-normalized", NB_SEV_INFO, "导入文本草稿时所作的整理（合并断段、去除多余空格等），供审核人知悉"},
	{"load-warning", NB_SEV_INFO, "YAML文件中未能识别的内容（如未知字段），已忽略但不丢弃提示"},
};
const size_t nb_nrules = sizeof nb_rules / sizeof nb_rules[0];

const nb_rule_info *nb_rule_find(const char *id)
{
	for (size_t i = 0; i < nb_nrules; i++)
		if (strcmp(nb_rules[i].id, id) == 0)
			return &nb_rules[i];
	return NULL;
}

bool nb_rule_enabled(const nb_check_opts *o, const char *id)
{
	if (!o || !o->disabled)
		return true;
	for (const char *const *d = o->disabled; *d; d++)
		if (strcmp(*d, id) == 0)
			return false;
	return true;
}

bool nb_ctx_on(const nb_check_ctx *c, const char *rule)
{
	return nb_rule_enabled(c->o, rule);
}

nb_finding *nb_emit_sev(nb_check_ctx *c, const char *rule, nb_severity sev, char *message,
			char *suggestion)
{
	nb_finding *f = nb_findings_add(c->out, rule, sev, NULL, NULL);
	free(f->message);
	f->message = message ? message : nb_xstrdup("");
	f->suggestion = suggestion;
	return f;
}

nb_finding *nb_emit(nb_check_ctx *c, const char *rule, char *message, char *suggestion)
{
	const nb_rule_info *ri = nb_rule_find(rule);
	return nb_emit_sev(c, rule, ri ? ri->severity : NB_SEV_WARNING, message, suggestion);
}

/* Characters (not bytes) before off: columns count characters. */
static int chars_before(const char *s, size_t off)
{
	int n = 0;
	for (size_t i = 0; i < off && s[i]; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

void nb_place_heading(const nb_check_ctx *c, nb_finding *f, size_t sidx, size_t off, size_t len)
{
	const nb_section *s = &c->r->sections[sidx];
	f->place = NB_PLACE_HEADING;
	f->section = (int)sidx;
	f->off = off;
	f->len = len;
	f->line = s->heading_line;
	f->col = s->heading_line ? 1 + chars_before(s->heading, off) : 0;
}

void nb_place_body(const nb_check_ctx *c, nb_finding *f, size_t sidx, size_t off, size_t len)
{
	const nb_section *s = &c->r->sections[sidx];
	f->place = NB_PLACE_BODY;
	f->section = (int)sidx;
	f->off = off;
	f->len = len;
	nb_srcmap_lookup(s->map, s->nmap, s->body, off, &f->line, &f->col);
}

void nb_place_meta(const nb_check_ctx *c, nb_finding *f, nb_meta_field field, size_t off, size_t len)
{
	f->place = NB_PLACE_META;
	f->field = (int)field;
	f->off = off;
	f->len = len;
	f->line = c->r->meta_line[field];
	f->col = f->line ? 1 + chars_before(nb_report_meta(c->r, field), off) : 0;
}

int nb_ctx_tsection(const nb_check_ctx *c, size_t sidx)
{
	const char *id = c->r->sections[sidx].id;
	return id ? nb_template_section_index(c->t, id) : -1;
}

int nb_ctx_first_section(const nb_check_ctx *c, int tidx)
{
	for (size_t i = 0; i < c->r->nsections; i++)
		if (nb_ctx_tsection(c, i) == tidx)
			return (int)i;
	return -1;
}

size_t nb_ctx_zishu(const nb_check_ctx *c, int tidx)
{
	size_t n = 0;
	for (size_t i = 0; i < c->r->nsections; i++)
		if (nb_ctx_tsection(c, i) == tidx)
			n += nb_count_zishu(c->r->sections[i].body, strlen(c->r->sections[i].body));
	return n;
}

char *nb_ctx_title(const nb_check_ctx *c, const nb_tsection *ts)
{
	const char *pattern = ts->title ? ts->title : ts->id;
	if (c->year)
		return nb_template_expand(pattern, c->year, nb_report_meta(c->r, NB_META_UNIT));
	/* Without a year, "{year}年" would print as a bogus number: drop the placeholders. */
	nb_sb sb = {0};
	for (const char *p = pattern; *p;) {
		if (strncmp(p, "{year}年度", strlen("{year}年度")) == 0)
			p += strlen("{year}年度");
		else if (strncmp(p, "{year}年", strlen("{year}年")) == 0)
			p += strlen("{year}年");
		else if (strncmp(p, "{next_year}年度", strlen("{next_year}年度")) == 0) {
			nb_sb_adds(&sb, "下一年度");
			p += strlen("{next_year}年度");
		} else if (strncmp(p, "{next_year}年", strlen("{next_year}年")) == 0) {
			nb_sb_adds(&sb, "下一年度");
			p += strlen("{next_year}年");
		} else if (*p == '{' && strchr(p, '}'))
			p = strchr(p, '}') + 1;
		else
			nb_sb_addc(&sb, *p++);
	}
	return nb_sb_take(&sb);
}

void nb_add_basis(nb_sb *sb, const char *basis)
{
	if (strstr(basis, "《"))
		nb_sb_adds(sb, basis);
	else
		nb_sb_printf(sb, "《%s》", basis);
}

static void run_section_rules(nb_check_ctx *c, size_t sidx)
{
	nb_rule_heading_year(c, sidx);
}

static void run_tsection_rules(nb_check_ctx *c, int tidx)
{
	nb_rule_section_empty(c, tidx);
	nb_rule_items(c, tidx);
}

static nb_check_ctx make_ctx(const nb_report *r, const nb_template *t, const nb_check_opts *o,
			     nb_findings *out)
{
	nb_check_ctx c = {r, t, o, nb_report_year(r), out};
	return c;
}

void nb_check_report(const nb_report *r, const nb_template *t, const nb_check_opts *o, nb_findings *out)
{
	nb_check_ctx c = make_ctx(r, t, o, out);
	nb_rule_meta(&c);
	nb_rule_section_missing(&c);
	nb_rule_section_order(&c, -1);
	for (size_t ti = 0; ti < t->nsections; ti++)
		run_tsection_rules(&c, (int)ti);
	for (size_t si = 0; si < r->nsections; si++)
		run_section_rules(&c, si);
	nb_text_rules(&c, -1);
	nb_findings_sort(out);
	nb_silence_apply(r, out);
}

void nb_check_forget_section(nb_check_ctx *c, size_t idx)
{
	const nb_report *r = c->r;
	nb_findings *out = c->out;
	int tidx = nb_ctx_tsection(c, idx);
	/* Findings about one template section are pinned to the first report section mapped to it,
	 * so every section sharing idx's template section is re-checked together. */
	bool *affected = nb_xcalloc(r->nsections ? r->nsections : 1, sizeof *affected);
	for (size_t si = 0; si < r->nsections; si++)
		affected[si] = si == idx || (tidx >= 0 && nb_ctx_tsection(c, si) == tidx);
	size_t keep = 0;
	for (size_t i = 0; i < out->n; i++) {
		nb_finding *f = &out->v[i];
		if (f->section >= 0 && (size_t)f->section < r->nsections && affected[f->section]) {
			free(f->message);
			free(f->suggestion);
		} else {
			out->v[keep++] = *f;
		}
	}
	out->n = keep;
	free(affected);
}

void nb_check_section(const nb_report *r, const nb_template *t, const nb_check_opts *o, size_t idx,
		      nb_findings *out)
{
	if (idx >= r->nsections)
		return;
	nb_check_ctx c = make_ctx(r, t, o, out);
	int tidx = nb_ctx_tsection(&c, idx);
	nb_check_forget_section(&c, idx);

	if (tidx >= 0) {
		nb_rule_section_order(&c, tidx);
		run_tsection_rules(&c, tidx);
		for (size_t si = 0; si < r->nsections; si++)
			if (nb_ctx_tsection(&c, si) == tidx)
				run_section_rules(&c, si);
	} else {
		run_section_rules(&c, idx);
	}
	nb_text_rules(&c, (int)idx);
	nb_findings_sort(out);
	nb_silence_apply(r, out);
}
