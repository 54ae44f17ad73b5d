/* review_report.c — the review summary a reviewer sends back to the colleague who wrote the
 * draft (nianbao review --report): plain text that reads well pasted into a reply, or JSON.
 *
 * Text output has Chinese headings, no colours, no tabs, and short lines of quoted context; the
 * draft's own characters pass through a filter so that control characters and bidi overrides
 * from an untrusted draft are shown as placeholders, never sent to a terminal raw. */
#include "config.h"
#include "nianbao/review.h"
#include "nianbao/silence.h"
#include "nianbao/text.h"
#include "nianbao/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Characters of context either side of a quoted span, and the longest span shown whole. */
#define CONTEXT_CHARS 14
#define SPAN_CHARS 24

/* Findings that say something required is missing: listed together, first. */
static bool is_mandatory(const char *rule)
{
	static const char *const rules[] = {"section-missing", "section-empty", "item-missing",
					    "cause-missing", "meta-missing"};
	for (size_t i = 0; i < sizeof rules / sizeof *rules; i++)
		if (strcmp(rule, rules[i]) == 0)
			return true;
	return false;
}

/* Notes about reading the file, not about the text: counted, not listed one by one. */
static bool is_note(const char *rule)
{
	return strcmp(rule, "import-normalized") == 0 || strcmp(rule, "load-warning") == 0;
}

static const char *severity_zh(nb_severity s)
{
	switch (s) {
	case NB_SEV_ERROR:
		return "错误";
	case NB_SEV_WARNING:
		return "警告";
	case NB_SEV_INFO:
		break;
	}
	return "提示";
}

/* ---- safe text ---- */

/* Draft text for a plain-text reply goes through nb_sb_add_visible_line: the draft is untrusted. */
static void add_texts(nb_sb *sb, const char *s)
{
	nb_sb_add_visible_line(sb, s ? s : "", s ? strlen(s) : 0);
}

/* Multi-line text (a 批注) with every line after the first indented like the first. */
static void add_block(nb_sb *sb, const char *s, const char *indent)
{
	for (const char *p = s ? s : "";;) {
		const char *e = strchr(p, '\n');
		nb_sb_add_visible_line(sb, p, e ? (size_t)(e - p) : strlen(p));
		if (!e)
			break;
		nb_sb_addc(sb, '\n');
		nb_sb_adds(sb, indent);
		p = e + 1;
	}
}

/* ---- context ---- */

static bool sentence_end(uint32_t cp)
{
	return cp == 0x3002 /* 。 */ || cp == 0xFF01 /* ！ */ || cp == 0xFF1F /* ？ */ ||
	       cp == 0xFF1B /* ； */ || cp == '\n';
}

static uint32_t cp_at(const char *s, size_t len, size_t off)
{
	uint32_t cp;
	bool valid;
	nb_utf8_decode(s + off, len - off, &cp, &valid);
	return cp;
}

/* Byte offset `chars` characters before / after off, stopping at lo / hi. */
static size_t back_chars(const char *s, size_t off, size_t lo, int chars)
{
	while (off > lo && chars-- > 0)
		off = nb_utf8_prev(s, off);
	return off;
}

static size_t fwd_chars(const char *s, size_t hi, size_t off, int chars)
{
	while (off < hi && chars-- > 0)
		off = nb_utf8_next(s, hi, off);
	return off;
}

/* The sentence around [off, off+len) of text, cut to a short line, with the span in 【】:
 * ……组织干部学法8次，【勇干】担当。 */
static char *context_of(const char *text, size_t off, size_t len, bool mark)
{
	size_t n = strlen(text);
	if (off > n)
		return NULL;
	if (len > n - off)
		len = n - off;
	size_t end = off + len;
	/* the sentence: back to just after the previous end mark, forward to and with the next */
	size_t s0 = off;
	while (s0 > 0) {
		size_t p = nb_utf8_prev(text, s0);
		if (sentence_end(cp_at(text, n, p)))
			break;
		s0 = p;
	}
	size_t s1 = end;
	while (s1 < n) {
		uint32_t cp = cp_at(text, n, s1);
		if (cp == '\n')
			break;
		s1 = nb_utf8_next(text, n, s1);
		if (sentence_end(cp))
			break;
	}
	size_t b0 = back_chars(text, off, s0, CONTEXT_CHARS);
	size_t e1 = fwd_chars(text, s1, end, CONTEXT_CHARS);
	nb_sb sb = {0};
	if (b0 > s0)
		nb_sb_adds(&sb, "……");
	nb_sb_add_visible_line(&sb, text + b0, off - b0);
	bool whole = b0 == s0 && e1 == s1 && off == b0 && end == e1;
	if (mark && len && !whole)
		nb_sb_adds(&sb, "【");
	if (nb_utf8_count(text + off, len) > SPAN_CHARS) {
		size_t head = fwd_chars(text, end, off, SPAN_CHARS / 2);
		size_t tail = back_chars(text, end, head, SPAN_CHARS / 2);
		nb_sb_add_visible_line(&sb, text + off, head - off);
		nb_sb_adds(&sb, "……");
		nb_sb_add_visible_line(&sb, text + tail, end - tail);
	} else {
		nb_sb_add_visible_line(&sb, text + off, len);
	}
	if (mark && len && !whole)
		nb_sb_adds(&sb, "】");
	nb_sb_add_visible_line(&sb, text + end, e1 - end);
	if (e1 < s1)
		nb_sb_adds(&sb, "……");
	return nb_sb_take(&sb);
}

/* Context for a finding, NULL when it points at no text. A finding on a whole heading shows
 * the heading without marks. */
static char *finding_context(const nb_report *r, const nb_finding *x)
{
	const char *t = nb_finding_text(r, x);
	if (!t || !x->len)
		return NULL;
	/* a whole heading is named in the message already */
	if (x->place == NB_PLACE_HEADING && x->off == 0 && x->len >= strlen(t))
		return NULL;
	return context_of(t, x->off, x->len, x->place != NB_PLACE_HEADING);
}

/* ---- grouping ---- */

/* Groups in the order a reader expects: the whole report, metadata, the opening, each part. */
enum { G_DOCUMENT, G_META, G_INTRO, G_SECTIONS };

static size_t group_of_finding(const nb_report *r, const nb_finding *x)
{
	switch (x->place) {
	case NB_PLACE_META:
		return G_META;
	case NB_PLACE_INTRO:
		return G_INTRO;
	case NB_PLACE_HEADING:
	case NB_PLACE_BODY:
		if (x->section >= 0 && (size_t)x->section < r->nsections)
			return G_SECTIONS + (size_t)x->section;
		break;
	case NB_PLACE_DOCUMENT:
		break;
	}
	return G_DOCUMENT;
}

/* A heading without its number: 一、主要举措和成效 → 主要举措和成效. */
static const char *strip_number(const char *h)
{
	static const char *const numerals = "一二三四五六七八九十";
	const char *p = h;
	if (strncmp(p, "第", 3) == 0)
		p += 3;
	const char *q = p;
	while (*q && strncmp(q, "、", 3) != 0) {
		bool num = false;
		for (const char *n = numerals; *n; n += 3)
			if (strncmp(q, n, 3) == 0)
				num = true;
		if (!num)
			break;
		q += 3;
	}
	if (q > p && strncmp(q, "、", 3) == 0)
		return *(q + 3) ? q + 3 : h;
	if (strncmp(q, "部分", 6) == 0 && q > p) {
		q += 6;
		while (*q == ' ' || strncmp(q, "　", 3) == 0 || strncmp(q, "：", 3) == 0)
			q += (*q == ' ') ? 1 : 3;
		return *q ? q : h;
	}
	return h;
}

static const char *group_title(const nb_report *r, size_t g)
{
	switch (g) {
	case G_DOCUMENT:
		return "全文";
	case G_META:
		return "文件要素（标题、文号、落款等）";
	case G_INTRO:
		return "开头部分";
	default:
		break;
	}
	const nb_section *s = &r->sections[g - G_SECTIONS];
	return s->heading && *s->heading ? strip_number(s->heading) : "（无标题部分）";
}

static const char *group_key(const nb_report *r, size_t g)
{
	switch (g) {
	case G_DOCUMENT:
		return "";
	case G_META:
		return NB_REVIEW_META;
	case G_INTRO:
		return NB_REVIEW_INTRO;
	default:
		break;
	}
	const nb_section *s = &r->sections[g - G_SECTIONS];
	return s->id ? s->id : s->heading;
}

typedef struct review_data {
	const nb_report *r;
	const nb_findings *f;
	int *decision_of;           /* per finding */
	nb_review_counts counts;
	size_t ngroups;
	size_t *group;              /* per finding */
	nb_anchor *anchor;          /* per comment */
	size_t *cgroup;             /* per comment; ngroups when orphaned */
	size_t notes, orphaned, mandatory;
} review_data;

static bool dismissed(const review_data *d, size_t i)
{
	return d->decision_of[i] >= 0 &&
	       d->r->decisions[d->decision_of[i]].decision == NB_DECISION_DISMISSED;
}

/* Silenced by an `ignore:` entry (silence.h): counted and listed apart, like a dismissal. */
static bool suppressed(const review_data *d, size_t i)
{
	return d->f->v[i].suppressed;
}

/* Not counted with the open findings: dismissed by the reviewer or silenced. */
static bool set_apart(const review_data *d, size_t i)
{
	return dismissed(d, i) || suppressed(d, i);
}

static const nb_decision *decision(const review_data *d, size_t i)
{
	return d->decision_of[i] >= 0 ? &d->r->decisions[d->decision_of[i]] : NULL;
}

static void gather(review_data *d, const nb_report *r, const nb_findings *f)
{
	d->r = r;
	d->f = f;
	d->decision_of = nb_xmalloc((f->n ? f->n : 1) * sizeof *d->decision_of);
	nb_review_match(r, f, d->decision_of, &d->counts);
	d->ngroups = G_SECTIONS + r->nsections;
	d->group = nb_xmalloc((f->n ? f->n : 1) * sizeof *d->group);
	for (size_t i = 0; i < f->n; i++) {
		d->group[i] = group_of_finding(r, &f->v[i]);
		if (is_note(f->v[i].rule))
			d->notes++;
		else if (is_mandatory(f->v[i].rule) && !set_apart(d, i))
			d->mandatory++;
	}
	d->anchor = nb_xmalloc((r->ncomments ? r->ncomments : 1) * sizeof *d->anchor);
	d->cgroup = nb_xmalloc((r->ncomments ? r->ncomments : 1) * sizeof *d->cgroup);
	for (size_t i = 0; i < r->ncomments; i++) {
		nb_anchor *a = &d->anchor[i];
		nb_comment_resolve(r, &r->comments[i], a);
		if (a->state == NB_ANCHOR_ORPHANED) {
			d->cgroup[i] = d->ngroups;
			d->orphaned++;
		} else {
			d->cgroup[i] = a->intro ? G_INTRO : G_SECTIONS + (size_t)a->section;
		}
	}
}

static void release(review_data *d)
{
	free(d->decision_of);
	free(d->group);
	free(d->anchor);
	free(d->cgroup);
}

/* Severity counts of a group's findings that are listed (not notes, not dismissed). */
static void group_counts(const review_data *d, size_t g, size_t sev[3], size_t *comments)
{
	sev[0] = sev[1] = sev[2] = 0;
	*comments = 0;
	for (size_t i = 0; i < d->f->n; i++)
		if (d->group[i] == g && !is_note(d->f->v[i].rule) && !set_apart(d, i))
			sev[d->f->v[i].severity]++;
	for (size_t i = 0; i < d->r->ncomments; i++)
		if (d->cgroup[i] == g)
			(*comments)++;
}

/* ---- text ---- */

static void text_counts(nb_sb *sb, const size_t sev[3], size_t comments)
{
	bool any = false;
	for (int s = NB_SEV_ERROR; s >= NB_SEV_INFO; s--)
		if (sev[s]) {
			nb_sb_printf(sb, "%s%s%zu条", any ? "，" : "", severity_zh((nb_severity)s), sev[s]);
			any = true;
		}
	if (comments) {
		nb_sb_printf(sb, "%s批注%zu条", any ? "，" : "", comments);
		any = true;
	}
	if (!any)
		nb_sb_adds(sb, "无意见");
}

static void text_finding(nb_sb *sb, const review_data *d, size_t i, int num)
{
	const nb_finding *x = &d->f->v[i];
	nb_sb_printf(sb, "%d. %s", num, severity_zh(x->severity));
	if (x->line > 0)
		nb_sb_printf(sb, "，第%d行", x->line);
	nb_sb_adds(sb, "：");
	add_texts(sb, x->message);
	nb_sb_printf(sb, " [%s]\n", x->rule);
	char *ctx = finding_context(d->r, x);
	if (ctx) {
		nb_sb_printf(sb, "   原文：%s\n", ctx);
		free(ctx);
	}
	if (x->suggestion && *x->suggestion) {
		nb_sb_adds(sb, "   建议：");
		add_block(sb, x->suggestion, "         ");
		nb_sb_addc(sb, '\n');
	}
	const nb_decision *dec = decision(d, i);
	if (dec && dec->decision == NB_DECISION_ACCEPTED) {
		nb_sb_adds(sb, "   审核人确认");
		if (*dec->reason) {
			nb_sb_adds(sb, "：");
			add_block(sb, dec->reason, "         ");
		}
		nb_sb_addc(sb, '\n');
	}
	const nb_ignore *ig = nb_silence_entry_of(d->r, x);
	if (ig) {
		static const char *const scope_zh[] = {"此处", "本部分", "全文"};
		nb_sb_printf(sb, "   忽略（%s）：", scope_zh[ig->scope <= NB_IGNORE_REPORT ? ig->scope : 0]);
		add_block(sb, ig->reason, "         ");
		if (*ig->author) {
			nb_sb_adds(sb, "（");
			add_texts(sb, ig->author);
			nb_sb_adds(sb, "）");
		}
		nb_sb_addc(sb, '\n');
	} else if (dec && dec->decision == NB_DECISION_DISMISSED) {
		nb_sb_adds(sb, "   驳回理由：");
		add_block(sb, *dec->reason ? dec->reason : "（未说明）", "             ");
		if (*dec->author) {
			nb_sb_adds(sb, "（");
			add_texts(sb, dec->author);
			nb_sb_adds(sb, "）");
		}
		nb_sb_addc(sb, '\n');
	}
}

/* 2025-03-01T10:00:00+08:00 → 2025-03-01 10:00 */
static void add_time(nb_sb *sb, const char *t)
{
	size_t n = strlen(t);
	if (n >= 16 && t[10] == 'T') {
		nb_sb_add_visible_line(sb, t, 10);
		nb_sb_addc(sb, ' ');
		nb_sb_add_visible_line(sb, t + 11, 5);
	} else {
		add_texts(sb, t);
	}
}

static void text_comment(nb_sb *sb, const review_data *d, size_t i, int num)
{
	const nb_comment *c = &d->r->comments[i];
	const nb_anchor *a = &d->anchor[i];
	nb_sb_printf(sb, "%d. 批注", num);
	if (c->author && *c->author) {
		nb_sb_adds(sb, "（");
		add_texts(sb, c->author);
		if (c->time && *c->time) {
			nb_sb_adds(sb, "，");
			add_time(sb, c->time);
		}
		nb_sb_adds(sb, "）");
	}
	int line = nb_anchor_line(d->r, a);
	if (line > 0)
		nb_sb_printf(sb, "，第%d行", line);
	nb_sb_adds(sb, "：\n");
	if (a->state == NB_ANCHOR_FOUND) {
		char *ctx = context_of(nb_anchor_text(d->r, a), a->off, a->len, true);
		nb_sb_printf(sb, "   原文：%s\n", ctx ? ctx : "");
		free(ctx);
	} else if (a->state == NB_ANCHOR_ORPHANED && c->quote && *c->quote) {
		nb_sb_adds(sb, "   原引文（已不在文中）：");
		char *q = context_of(c->quote, 0, strlen(c->quote), false);
		nb_sb_printf(sb, "%s\n", q ? q : "");
		free(q);
	}
	nb_sb_adds(sb, "   意见：");
	add_block(sb, c->text, "         ");
	nb_sb_addc(sb, '\n');
}

static const char *const part_numbers[] = {"一", "二", "三", "四", "五", "六"};

static char *format_text(const review_data *d, const nb_review_report_opts *o)
{
	const nb_report *r = d->r;
	const nb_findings *f = d->f;
	nb_sb sb = {0};
	int part = 0;
	const char *title = nb_report_meta(r, NB_META_TITLE);
	nb_sb_adds(&sb, "审核意见\n");
	if (*title) {
		nb_sb_adds(&sb, "报告：");
		add_texts(&sb, title);
		nb_sb_addc(&sb, '\n');
	}
	if (o && o->file) {
		nb_sb_adds(&sb, "文件：");
		add_texts(&sb, o->file);
		nb_sb_addc(&sb, '\n');
	}

	/* 一、总体情况 */
	nb_sb_printf(&sb, "\n%s、总体情况\n", part_numbers[part++]);
	size_t total[3] = {0, 0, 0};
	for (size_t i = 0; i < f->n; i++)
		if (!is_note(f->v[i].rule) && !set_apart(d, i))
			total[f->v[i].severity]++;
	text_counts(&sb, total, r->ncomments);
	nb_sb_adds(&sb, "。\n");
	if (d->orphaned)
		nb_sb_printf(&sb, "其中%zu条批注所引原文已删除或改动，单独列在最后。\n", d->orphaned);
	if (d->counts.accepted || d->counts.dismissed) {
		nb_sb_printf(&sb, "审核人已确认%zu条", d->counts.accepted);
		if (d->counts.dismissed)
			nb_sb_printf(&sb, "，驳回%zu条（驳回的不计入上述数字，另列于后）", d->counts.dismissed);
		nb_sb_adds(&sb, "。\n");
	}
	if (d->counts.stale)
		nb_sb_printf(&sb, "另有%zu条审核决定已无对应问题（原文已修改）。\n", d->counts.stale);
	nb_silence_counts sc = nb_silence_count(r, f);
	if (sc.suppressed)
		nb_sb_printf(&sb, "按忽略规则隐藏%zu条（不计入上述数字，另列于后）。\n", sc.suppressed);
	if (sc.unused)
		nb_sb_printf(&sb, "另有%zu条忽略规则已无对应问题。\n", sc.unused);
	if (d->notes)
		nb_sb_printf(&sb, "导入文本时作了%zu处整理（合并断段、去除多余空格等），未逐条列出。\n",
			     d->notes);
	nb_sb_adds(&sb, "分部分：\n");
	for (size_t g = 0; g < d->ngroups; g++) {
		size_t sev[3], nc;
		group_counts(d, g, sev, &nc);
		if (g < G_SECTIONS && !sev[0] && !sev[1] && !sev[2] && !nc)
			continue;
		nb_sb_adds(&sb, "  ");
		add_texts(&sb, group_title(r, g));
		nb_sb_adds(&sb, "：");
		text_counts(&sb, sev, nc);
		nb_sb_addc(&sb, '\n');
	}

	/* 二、尚缺的必备内容 */
	nb_sb_printf(&sb, "\n%s、尚缺的必备内容\n", part_numbers[part++]);
	int num = 0;
	for (size_t i = 0; i < f->n; i++)
		if (is_mandatory(f->v[i].rule) && !set_apart(d, i))
			text_finding(&sb, d, i, ++num);
	if (!num)
		nb_sb_adds(&sb, "必备部分和事项均已写到。\n");

	/* 三、逐部分意见 */
	nb_sb_printf(&sb, "\n%s、逐部分意见\n", part_numbers[part++]);
	int sub = 0;
	for (size_t g = 0; g < d->ngroups; g++) {
		size_t listed = 0, nc = 0, missing = 0;
		for (size_t i = 0; i < f->n; i++) {
			if (d->group[i] != g || is_note(f->v[i].rule) || set_apart(d, i))
				continue;
			if (is_mandatory(f->v[i].rule))
				missing++;
			else
				listed++;
		}
		for (size_t i = 0; i < r->ncomments; i++)
			if (d->cgroup[i] == g)
				nc++;
		if (g < G_SECTIONS && !listed && !nc)
			continue;
		if (sub)
			nb_sb_addc(&sb, '\n');
		static const char *const zh[] = {"一", "二", "三", "四", "五", "六", "七", "八",
						 "九", "十"};
		if (sub < 10)
			nb_sb_printf(&sb, "（%s）", zh[sub]);
		else
			nb_sb_printf(&sb, "（%d）", sub + 1);
		sub++;
		add_texts(&sb, group_title(r, g));
		if (g >= G_SECTIONS && r->sections[g - G_SECTIONS].heading_line > 0)
			nb_sb_printf(&sb, "（第%d行起）", r->sections[g - G_SECTIONS].heading_line);
		nb_sb_addc(&sb, '\n');
		if (!listed && !nc) {
			nb_sb_printf(&sb, "%s\n", missing ? "除第二部分所列外，无其他意见。" : "无意见。");
			continue;
		}
		num = 0;
		for (size_t i = 0; i < f->n; i++)
			if (d->group[i] == g && !is_note(f->v[i].rule) && !set_apart(d, i) &&
			    !is_mandatory(f->v[i].rule))
				text_finding(&sb, d, i, ++num);
		for (size_t i = 0; i < r->ncomments; i++)
			if (d->cgroup[i] == g)
				text_comment(&sb, d, i, ++num);
	}

	if (!sub)
		nb_sb_adds(&sb, "无意见。\n");
	if (d->orphaned) {
		nb_sb_printf(&sb, "\n%s、原文已改动的批注\n", part_numbers[part++]);
		num = 0;
		for (size_t i = 0; i < r->ncomments; i++)
			if (d->cgroup[i] == d->ngroups)
				text_comment(&sb, d, i, ++num);
	}
	if (d->counts.dismissed) {
		nb_sb_printf(&sb, "\n%s、已驳回的问题（不计入）\n", part_numbers[part++]);
		num = 0;
		for (size_t i = 0; i < f->n; i++)
			if (dismissed(d, i) && !suppressed(d, i))
				text_finding(&sb, d, i, ++num);
	}
	if (sc.suppressed) {
		nb_sb_printf(&sb, "\n%s、按忽略规则隐藏的问题（不计入）\n", part_numbers[part++]);
		num = 0;
		for (size_t i = 0; i < f->n; i++)
			if (suppressed(d, i))
				text_finding(&sb, d, i, ++num);
	}
	return nb_sb_take(&sb);
}

/* ---- JSON ---- */

static void json_counts(nb_sb *sb, const size_t sev[3])
{
	nb_sb_printf(sb, "\"error\": %zu, \"warning\": %zu, \"info\": %zu", sev[NB_SEV_ERROR],
		     sev[NB_SEV_WARNING], sev[NB_SEV_INFO]);
}

static void json_finding(nb_sb *sb, const review_data *d, size_t i, const char *indent)
{
	const nb_finding *x = &d->f->v[i];
	nb_sb_printf(sb, "%s{\"line\": %d, \"column\": %d, \"severity\": \"%s\", \"rule\": ", indent,
		     x->line, x->col, nb_severity_name(x->severity));
	nb_sb_add_json_string(sb, x->rule);
	nb_sb_adds(sb, ", \"section\": ");
	nb_sb_add_json_string(sb, nb_finding_section_name(d->r, x));
	nb_sb_adds(sb, ", \"message\": ");
	nb_sb_add_json_string(sb, x->message);
	nb_sb_adds(sb, ", \"suggestion\": ");
	nb_sb_add_json_string(sb, x->suggestion);
	char *q = nb_finding_quote(d->r, x);
	nb_sb_adds(sb, ", \"quote\": ");
	nb_sb_add_json_string(sb, q);
	free(q);
	char *ctx = finding_context(d->r, x);
	nb_sb_adds(sb, ", \"context\": ");
	nb_sb_add_json_string(sb, ctx);
	free(ctx);
	nb_sb_printf(sb, ", \"mandatory\": %s", is_mandatory(x->rule) ? "true" : "false");
	const nb_decision *dec = decision(d, i);
	nb_sb_adds(sb, ", \"decision\": ");
	if (dec) {
		nb_sb_add_json_string(sb, nb_decision_name(dec->decision));
		nb_sb_adds(sb, ", \"reason\": ");
		nb_sb_add_json_string(sb, dec->reason);
		nb_sb_adds(sb, ", \"decided_by\": ");
		nb_sb_add_json_string(sb, dec->author);
		nb_sb_adds(sb, ", \"decided_at\": ");
		nb_sb_add_json_string(sb, dec->time);
	} else {
		nb_sb_adds(sb, "null");
	}
	const nb_ignore *ig = nb_silence_entry_of(d->r, x);
	if (ig) {
		nb_sb_adds(sb, ", \"suppressed\": true, \"ignore_scope\": ");
		nb_sb_add_json_string(sb, nb_ignore_scope_name(ig->scope));
		nb_sb_adds(sb, ", \"ignore_reason\": ");
		nb_sb_add_json_string(sb, ig->reason);
	}
	nb_sb_addc(sb, '}');
}

static void json_comment(nb_sb *sb, const review_data *d, size_t i, const char *indent)
{
	const nb_comment *c = &d->r->comments[i];
	const nb_anchor *a = &d->anchor[i];
	nb_sb_printf(sb, "%s{\"section\": ", indent);
	nb_sb_add_json_string(sb, c->section_id);
	nb_sb_adds(sb, ", \"quote\": ");
	nb_sb_add_json_string(sb, c->quote);
	nb_sb_adds(sb, ", \"text\": ");
	nb_sb_add_json_string(sb, c->text);
	nb_sb_adds(sb, ", \"author\": ");
	nb_sb_add_json_string(sb, c->author);
	nb_sb_adds(sb, ", \"time\": ");
	nb_sb_add_json_string(sb, c->time);
	nb_sb_printf(sb, ", \"line\": %d, \"orphaned\": %s, \"context\": ", nb_anchor_line(d->r, a),
		     a->state == NB_ANCHOR_ORPHANED ? "true" : "false");
	char *ctx = a->state == NB_ANCHOR_FOUND ? context_of(nb_anchor_text(d->r, a), a->off, a->len, true)
						: NULL;
	nb_sb_add_json_string(sb, ctx);
	free(ctx);
	nb_sb_addc(sb, '}');
}

static char *format_json(const review_data *d, const nb_review_report_opts *o)
{
	const nb_report *r = d->r;
	const nb_findings *f = d->f;
	nb_sb sb = {0};
	nb_sb_adds(&sb, "{\n  \"file\": ");
	nb_sb_add_json_string(&sb, o && o->file ? o->file : NULL);
	nb_sb_adds(&sb, ",\n  \"title\": ");
	nb_sb_add_json_string(&sb, r->meta[NB_META_TITLE]);
	size_t total[3] = {0, 0, 0};
	for (size_t i = 0; i < f->n; i++)
		if (!is_note(f->v[i].rule) && !set_apart(d, i))
			total[f->v[i].severity]++;
	nb_sb_adds(&sb, ",\n  \"counts\": {");
	json_counts(&sb, total);
	nb_silence_counts sc = nb_silence_count(r, f);
	nb_sb_printf(&sb, ", \"suppressed\": %zu, \"unused_ignores\": %zu", sc.suppressed, sc.unused);
	nb_sb_printf(&sb, ", \"mandatory_missing\": %zu, \"accepted\": %zu, \"dismissed\": %zu, "
		     "\"undecided\": %zu, \"stale_decisions\": %zu, \"notes\": %zu, \"comments\": %zu, "
		     "\"orphaned_comments\": %zu},\n", d->mandatory, d->counts.accepted,
		     d->counts.dismissed, d->counts.undecided, d->counts.stale, d->notes, r->ncomments,
		     d->orphaned);
	nb_sb_adds(&sb, "  \"sections\": [");
	for (size_t g = 0; g < d->ngroups; g++) {
		nb_sb_adds(&sb, g ? ",\n    {\"section\": " : "\n    {\"section\": ");
		nb_sb_add_json_string(&sb, group_key(r, g));
		nb_sb_adds(&sb, ", \"title\": ");
		nb_sb_add_json_string(&sb, group_title(r, g));
		nb_sb_adds(&sb, ", \"heading\": ");
		nb_sb_add_json_string(&sb, g >= G_SECTIONS ? r->sections[g - G_SECTIONS].heading : NULL);
		nb_sb_printf(&sb, ", \"line\": %d, \"counts\": {",
			     g >= G_SECTIONS ? r->sections[g - G_SECTIONS].heading_line : 0);
		size_t sev[3], nc;
		group_counts(d, g, sev, &nc);
		json_counts(&sb, sev);
		nb_sb_printf(&sb, ", \"comments\": %zu},\n     \"findings\": [", nc);
		bool first = true;
		for (size_t i = 0; i < f->n; i++)
			if (d->group[i] == g && !is_note(f->v[i].rule)) {
				json_finding(&sb, d, i, first ? "\n      " : ",\n      ");
				first = false;
			}
		nb_sb_adds(&sb, first ? "],\n     \"comments\": [" : "\n     ],\n     \"comments\": [");
		first = true;
		for (size_t i = 0; i < r->ncomments; i++)
			if (d->cgroup[i] == g) {
				json_comment(&sb, d, i, first ? "\n      " : ",\n      ");
				first = false;
			}
		nb_sb_adds(&sb, first ? "]}" : "\n     ]}");
	}
	nb_sb_adds(&sb, "\n  ],\n  \"orphaned_comments\": [");
	bool first = true;
	for (size_t i = 0; i < r->ncomments; i++)
		if (d->cgroup[i] == d->ngroups) {
			json_comment(&sb, d, i, first ? "\n    " : ",\n    ");
			first = false;
		}
	nb_sb_adds(&sb, first ? "],\n  \"notes\": [" : "\n  ],\n  \"notes\": [");
	first = true;
	for (size_t i = 0; i < f->n; i++)
		if (is_note(f->v[i].rule)) {
			json_finding(&sb, d, i, first ? "\n    " : ",\n    ");
			first = false;
		}
	nb_sb_adds(&sb, first ? "]\n}\n" : "\n  ]\n}\n");
	return nb_sb_take(&sb);
}

char *nb_review_report(const nb_report *r, const nb_findings *f, const nb_review_report_opts *o)
{
	review_data d = {0};
	gather(&d, r, f);
	char *out = o && o->json ? format_json(&d, o) : format_text(&d, o);
	release(&d);
	return out;
}
