/* diff_text.c — `nianbao diff` output: what changed between two versions, written for people
 * (Chinese headings, no colours, no tabs). The draft's characters pass through a filter: control
 * characters and bidi overrides become visible placeholders. */
#include "config.h"
#include "nianbao/diff.h"
#include "nianbao/review.h"
#include "nianbao/text.h"
#include "nianbao/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Characters of unchanged text kept either side of a change. */
#define DIFF_CONTEXT 12
/* Longest quote of a 批注 shown whole. */
#define QUOTE_CHARS 24

static void add_text(nb_sb *sb, const char *s)
{
	nb_sb_add_visible_line(sb, s ? s : "", s ? strlen(s) : 0);
}

static void add_short(nb_sb *sb, const char *s, size_t max_chars)
{
	s = s ? s : "";
	size_t n = strlen(s);
	if (nb_utf8_count(s, n) <= max_chars) {
		nb_sb_add_visible_line(sb, s, n);
		return;
	}
	size_t off = 0;
	for (size_t k = 0; k < max_chars; k++)
		off = nb_utf8_next(s, n, off);
	nb_sb_add_visible_line(sb, s, off);
	nb_sb_adds(sb, "……");
}

static const char *severity_zh(nb_severity s)
{
	return s == NB_SEV_ERROR ? "错误" : s == NB_SEV_WARNING ? "警告" : "提示";
}

static void section_label(nb_sb *sb, const nb_section_diff *sd)
{
	nb_sb_adds(sb, "【");
	if (sd->intro)
		nb_sb_adds(sb, "开头部分");
	else
		add_text(sb, sd->new_heading ? sd->new_heading : sd->old_heading);
	nb_sb_adds(sb, "】");
}

static void where(nb_sb *sb, int index, int line, bool old)
{
	nb_sb_printf(sb, "%s第%d段", old ? "原" : "", index + 1);
	if (line > 0)
		nb_sb_printf(sb, "（%s第%d行）", old ? "原" : "", line);
}

static void text_paras(nb_sb *sb, const nb_diff *d, const nb_section_diff *sd)
{
	for (size_t k = 0; k < sd->nparas; k++) {
		const nb_para_change *c = &sd->paras[k];
		if (c->kind == NB_PARA_SAME)
			continue;
		nb_sb_adds(sb, "  ");
		switch (c->kind) {
		case NB_PARA_CHANGED: {
			where(sb, c->new_index, c->new_line, false);
			nb_sb_adds(sb, "修改：");
			char *m = nb_diff_chars(c->old_text, c->new_text, DIFF_CONTEXT);
			add_text(sb, m);
			free(m);
			break;
		}
		case NB_PARA_ADDED:
			where(sb, c->new_index, c->new_line, false);
			nb_sb_adds(sb, "新增：");
			add_text(sb, c->new_text);
			break;
		case NB_PARA_REMOVED:
			where(sb, c->old_index, c->old_line, true);
			nb_sb_adds(sb, "删除：");
			add_text(sb, c->old_text);
			break;
		case NB_PARA_MOVED:
			where(sb, c->new_index, c->new_line, false);
			if (c->moved_from >= 0 && (size_t)c->moved_from < d->nsections &&
			    &d->sections[c->moved_from] != sd) {
				nb_sb_adds(sb, "从");
				section_label(sb, &d->sections[c->moved_from]);
				nb_sb_printf(sb, "原第%d段移来：", c->old_index + 1);
			} else {
				nb_sb_printf(sb, "由原第%d段移来：", c->old_index + 1);
			}
			add_short(sb, c->new_text, 30);
			break;
		case NB_PARA_SAME:
			break;
		}
		nb_sb_addc(sb, '\n');
	}
}

static void text_sections(nb_sb *sb, const nb_diff *d)
{
	if (d->nmeta) {
		nb_sb_adds(sb, "【文件要素】\n");
		for (size_t i = 0; i < d->nmeta; i++) {
			const nb_meta_change *m = &d->meta[i];
			nb_sb_printf(sb, "  %s：", nb_meta_fields[m->field].label_zh);
			if (!m->old_value) {
				nb_sb_adds(sb, "新增 ");
				add_text(sb, m->new_value);
			} else if (!m->new_value) {
				nb_sb_adds(sb, "删去 ");
				add_text(sb, m->old_value);
			} else {
				char *mk = nb_diff_chars(m->old_value, m->new_value, -1);
				add_text(sb, mk);
				free(mk);
			}
			nb_sb_addc(sb, '\n');
		}
	}
	for (size_t s = 0; s < d->nsections; s++) {
		const nb_section_diff *sd = &d->sections[s];
		if (sd->intro && sd->kind == NB_SECTION_SAME)
			continue;
		section_label(sb, sd);
		switch (sd->kind) {
		case NB_SECTION_SAME:
			nb_sb_adds(sb, "无改动\n");
			continue;
		case NB_SECTION_ADDED:
			nb_sb_adds(sb, "新增部分\n");
			break;
		case NB_SECTION_REMOVED:
			nb_sb_adds(sb, "整部分删除\n");
			break;
		case NB_SECTION_CHANGED:
			nb_sb_addc(sb, '\n');
			break;
		}
		if (sd->heading_marked) {
			nb_sb_adds(sb, "  标题修改：");
			add_text(sb, sd->heading_marked);
			nb_sb_addc(sb, '\n');
		}
		text_paras(sb, d, sd);
	}
}

static void finding_line(nb_sb *sb, const nb_report *r, const nb_finding *x, int num, bool old)
{
	nb_sb_printf(sb, "%d. %s", num, severity_zh(x->severity));
	if (x->line > 0)
		nb_sb_printf(sb, "，%s第%d行", old ? "原" : "", x->line);
	const char *sec = NULL;
	if ((x->place == NB_PLACE_BODY || x->place == NB_PLACE_HEADING) && x->section >= 0 &&
	    (size_t)x->section < r->nsections)
		sec = r->sections[x->section].heading;
	if (sec && *sec) {
		nb_sb_adds(sb, "（");
		add_text(sb, sec);
		nb_sb_adds(sb, "）");
	}
	nb_sb_adds(sb, "：");
	add_text(sb, x->message);
	nb_sb_printf(sb, " [%s]\n", x->rule);
}

static void text_findings(nb_sb *sb, const nb_diff *d, const nb_findings *fo, const nb_findings *fn)
{
	size_t appeared = 0, gone = 0;
	for (size_t i = 0; i < d->nfindings; i++)
		d->findings[i].appeared ? appeared++ : gone++;
	if (!appeared && !gone) {
		nb_sb_adds(sb, "检查结果没有变化。\n");
		return;
	}
	int num = 0;
	if (appeared) {
		nb_sb_printf(sb, "新出现%zu条：\n", appeared);
		for (size_t i = 0; i < d->nfindings; i++)
			if (d->findings[i].appeared)
				finding_line(sb, d->new, &fn->v[d->findings[i].index], ++num, false);
	}
	if (gone) {
		nb_sb_printf(sb, "已消失%zu条：\n", gone);
		num = 0;
		for (size_t i = 0; i < d->nfindings; i++)
			if (!d->findings[i].appeared)
				finding_line(sb, d->old, &fo->v[d->findings[i].index], ++num, true);
	}
}

static void comment_line(nb_sb *sb, const nb_comment *c, int num, int line, bool old)
{
	nb_sb_printf(sb, "%d. 批注", num);
	if (c->author && *c->author) {
		nb_sb_adds(sb, "（");
		add_text(sb, c->author);
		nb_sb_adds(sb, "）");
	}
	if (line > 0)
		nb_sb_printf(sb, "，%s第%d行", old ? "原" : "", line);
	nb_sb_adds(sb, "：");
	if (c->quote && *c->quote) {
		nb_sb_adds(sb, "“");
		add_short(sb, c->quote, QUOTE_CHARS);
		nb_sb_adds(sb, "”——");
	}
	add_text(sb, c->text);
	nb_sb_addc(sb, '\n');
}

static void text_comments(nb_sb *sb, const nb_diff *d)
{
	size_t n[4] = {0, 0, 0, 0};
	for (size_t i = 0; i < d->ncomments; i++)
		n[d->comments[i].state]++;
	if (!d->ncomments) {
		nb_sb_adds(sb, "旧稿没有批注。\n");
		return;
	}
	size_t addressed = n[NB_COMMENT_CHANGED] + n[NB_COMMENT_REMOVED];
	nb_sb_printf(sb, "已处理%zu条，仍未处理%zu条", addressed, n[NB_COMMENT_OPEN]);
	if (n[NB_COMMENT_WAS_ORPHANED])
		nb_sb_printf(sb, "，旧稿中已找不到原文%zu条", n[NB_COMMENT_WAS_ORPHANED]);
	nb_sb_adds(sb, "。\n");
	int num = 0;
	if (addressed) {
		nb_sb_adds(sb, "已处理（所引原文已修改或删除）：\n");
		for (size_t i = 0; i < d->ncomments; i++) {
			const nb_comment_status *st = &d->comments[i];
			if (st->state != NB_COMMENT_CHANGED && st->state != NB_COMMENT_REMOVED)
				continue;
			comment_line(sb, &d->old->comments[st->comment], ++num, st->old_line, true);
			if (st->state == NB_COMMENT_CHANGED && st->para) {
				nb_sb_adds(sb, "   现为");
				if (st->new_line > 0)
					nb_sb_printf(sb, "（第%d行）", st->new_line);
				nb_sb_adds(sb, "：");
				char *m = nb_diff_chars(st->para->old_text, st->para->new_text, DIFF_CONTEXT);
				add_text(sb, m);
				free(m);
				nb_sb_addc(sb, '\n');
			} else {
				nb_sb_adds(sb, "   所引原文已删除。\n");
			}
		}
	}
	if (n[NB_COMMENT_OPEN]) {
		nb_sb_adds(sb, "仍未处理（所引原文未改）：\n");
		num = 0;
		for (size_t i = 0; i < d->ncomments; i++)
			if (d->comments[i].state == NB_COMMENT_OPEN)
				comment_line(sb, &d->old->comments[d->comments[i].comment], ++num,
					     d->comments[i].new_line, false);
	}
	if (n[NB_COMMENT_WAS_ORPHANED]) {
		nb_sb_adds(sb, "旧稿中已找不到原文的批注：\n");
		num = 0;
		for (size_t i = 0; i < d->ncomments; i++)
			if (d->comments[i].state == NB_COMMENT_WAS_ORPHANED)
				comment_line(sb, &d->old->comments[d->comments[i].comment], ++num, 0, true);
	}
}

char *nb_diff_format_text(const nb_diff *d, const nb_findings *old_findings,
			  const nb_findings *new_findings, const char *old_name, const char *new_name)
{
	nb_sb sb = {0};
	nb_sb_adds(&sb, "修改情况比较\n旧稿：");
	add_text(&sb, old_name ? old_name : "");
	nb_sb_adds(&sb, "\n新稿：");
	add_text(&sb, new_name ? new_name : "");
	nb_sb_addc(&sb, '\n');
	nb_sb_adds(&sb, "\n一、文字改动\n");
	if (nb_diff_same_text(d)) {
		nb_sb_adds(&sb, "文字没有改动。\n");
	} else {
		nb_sb_printf(&sb, "修改%zu段，新增%zu段，删除%zu段，移动%zu段。\n", d->paras_changed,
			     d->paras_added, d->paras_removed, d->paras_moved);
		text_sections(&sb, d);
	}
	nb_sb_adds(&sb, "\n二、检查结果变化\n");
	if (old_findings && new_findings)
		text_findings(&sb, d, old_findings, new_findings);
	else
		nb_sb_adds(&sb, "未比较。\n");
	nb_sb_adds(&sb, "\n三、批注处理情况\n");
	text_comments(&sb, d);
	return nb_sb_take(&sb);
}
