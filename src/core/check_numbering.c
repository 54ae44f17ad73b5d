/* check_numbering.c — heading numbers (一、 （一） 1. （1）) and “一是……二是……” sequences, and the
 * form of the report's title.
 *
 * The levels follow GB/T 9704—2012: 一、 → （一） → 1. → （1）; 一 takes a 顿号, 1 a 下脚点, and the
 * bracketed forms take no mark after them. Numbers that skip, repeat or jump a level confuse the
 * reader and are the first thing a reviewer marks. */
#include "config.h"
#include "check_text.h"
#include "nianbao/text.h"
#include "nianbao/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BASIS_FORMAT "GB/T 9704—2012《党政机关公文格式》"

typedef struct mark {
	int level;        /* 1 一、  2 （一）  3 1.  4 （1）; 0 = none */
	int value;
	size_t len;       /* bytes of the number with its brackets */
	size_t mark_off;  /* the wrong mark after it, if any */
	size_t mark_len;
	const char *right_mark; /* what it should be ("" = nothing), when mark_len > 0 */
} mark;

/* 一 … 九十九 at s; returns bytes read. */
static size_t han_number(const char *s, size_t len, int *value)
{
	size_t n1, n2, n3;
	uint32_t a = nb_cp_at(s, len, 0, &n1);
	int da = nb_han_digit(a);
	if (a == 0x5341 /* 十 */) {
		int db = nb_han_digit(nb_cp_at(s, len, n1, &n2));
		*value = 10 + (db > 0 ? db : 0);
		return n1 + (db > 0 ? n2 : 0);
	}
	if (da <= 0)
		return 0;
	if (nb_cp_at(s, len, n1, &n2) == 0x5341) {
		int dc = nb_han_digit(nb_cp_at(s, len, n1 + n2, &n3));
		*value = da * 10 + (dc > 0 ? dc : 0);
		return n1 + n2 + (dc > 0 ? n3 : 0);
	}
	*value = da;
	return n1;
}

static size_t arabic_number(const char *s, size_t len, int *value)
{
	size_t i = 0;
	int v = 0;
	while (i < len && i < 3 && nb_is_digit(s[i]))
		v = v * 10 + (s[i++] - '0');
	*value = v;
	return i;
}

static bool starts(const char *s, size_t len, const char *lit)
{
	size_t l = strlen(lit);
	return len >= l && memcmp(s, lit, l) == 0;
}

/* A wrong mark right after a number: returns its length, 0 if none. */
static size_t wrong_mark_after(const char *s, size_t len, bool bracketed)
{
	static const char *const marks[] = {"、", "．", ".", "，", ",", "：", ":"};
	for (size_t k = 0; k < sizeof marks / sizeof *marks; k++)
		if (starts(s, len, marks[k])) {
			/* 3.2万 is a number, not a heading. */
			if ((marks[k][0] == '.' || !strcmp(marks[k], "．")) && len > strlen(marks[k]) &&
			    nb_is_digit(s[strlen(marks[k])]))
				return 0;
			if (bracketed || strcmp(marks[k], ".") != 0)
				return strlen(marks[k]);
		}
	return 0;
}

/* Reads the heading number at the start of a paragraph or heading. */
static mark read_mark(const char *s, size_t len)
{
	mark m = {0};
	int v;
	size_t n;
	bool paren = starts(s, len, "（"), ascii = !paren && starts(s, len, "(");
	if (paren || ascii) {
		size_t o = paren ? strlen("（") : 1;
		const char *close = paren ? "）" : ")";
		int level = 2;
		n = han_number(s + o, len - o, &v);
		if (!n) {
			n = arabic_number(s + o, len - o, &v);
			level = 4;
		}
		if (!n || !starts(s + o + n, len - o - n, close)) {
			/* （1)  or (一） — mixed widths still number the paragraph */
			const char *other = paren ? ")" : "）";
			if (!n || !starts(s + o + n, len - o - n, other))
				return m;
			close = other;
		}
		m.level = level;
		m.value = v;
		m.len = o + n + strlen(close);
		size_t w = wrong_mark_after(s + m.len, len - m.len, true);
		if (w) {
			/* The span takes the closing bracket along, so the fix is never empty. */
			m.mark_off = m.len - strlen(close);
			m.mark_len = strlen(close) + w;
			m.right_mark = close;
		}
		return m;
	}
	n = han_number(s, len, &v);
	if (n) {
		if (starts(s + n, len - n, "、")) {
			m = (mark){1, v, n, 0, 0, NULL};
		} else if (starts(s + n, len - n, "是") || starts(s + n, len - n, "要")) {
			return m;
		} else {
			size_t w = wrong_mark_after(s + n, len - n, true);
			if (w && !starts(s + n, len - n, "：")) {
				m = (mark){1, v, n, n, w, "、"};
			}
		}
		return m;
	}
	n = arabic_number(s, len, &v);
	if (n && v > 0) {
		if (starts(s + n, len - n, ".") || starts(s + n, len - n, "．")) {
			size_t dl = s[n] == '.' ? 1 : strlen("．");
			if (len > n + dl && nb_is_digit(s[n + dl]))
				return m;   /* 3.2万元 */
			m = (mark){3, v, n, 0, 0, NULL};
			if (dl != 1)
				m.mark_off = n, m.mark_len = dl, m.right_mark = ".";
		} else if (starts(s + n, len - n, "、") || starts(s + n, len - n, "，")) {
			m = (mark){3, v, n, n, strlen("、"), "."};
		}
	}
	return m;
}

static const char *level_name(int level)
{
	static const char *const names[] = {"", "“一、”", "“（一）”", "“1.”", "“（1）”"};
	return level >= 1 && level <= 4 ? names[level] : "";
}

static void format_number(char *buf, size_t n, int level, int value)
{
	static const char *const d[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
	char han[32] = "";
	if (value >= 1 && value < 100) {
		if (value >= 10) {
			snprintf(han, sizeof han, "%s十%s", value >= 20 ? d[value / 10] : "", d[value % 10]);
		} else {
			snprintf(han, sizeof han, "%s", d[value]);
		}
	}
	switch (level) {
	case 1: snprintf(buf, n, "%s、", han); break;
	case 2: snprintf(buf, n, "（%s）", han); break;
	case 3: snprintf(buf, n, "%d.", value); break;
	default: snprintf(buf, n, "（%d）", value); break;
	}
}

typedef struct seq {
	int last[5];      /* last value seen per level in the current parent, 0 = none */
	bool jump_told;
} seq;

static void check_mark(nb_text_run *run, nb_where w, const char *text, size_t off, const mark *m, seq *q,
		       int parent_level)
{
	char got[48], want[48];
	if (m->mark_len) {
		format_number(want, sizeof want, m->level, m->value);
		char *msg = nb_xasprintf("层次序号后的标点不对：%s一级应写作“%s”（%s）。", level_name(m->level), want,
					 BASIS_FORMAT);
		nb_text_emit(run, NB_RULE_NUMBERING, w, text, off + m->mark_off, m->mark_len, msg, m->right_mark, NULL);
	}
	if (!q)
		return;
	/* A level used without the one above it: 二、 straight to 1. */
	bool grandparent = m->level >= 3 && (parent_level == m->level - 2 || q->last[m->level - 2] > 0);
	if (m->level >= 3 && q->last[m->level - 1] == 0 && grandparent && !q->jump_told) {
		q->jump_told = true;
		char *msg = nb_xasprintf("层次序号越级：%s一级之下直接使用%s，缺少%s一级（%s）。",
					 level_name(m->level - 2), level_name(m->level),
					 level_name(m->level - 1), BASIS_FORMAT);
		nb_text_emit(run, NB_RULE_NUMBERING, w, text, off, m->len, msg, NULL,
			     "按“一、”“（一）”“1.”“（1）”的次序逐级使用层次序号");
	}
	int last = q->last[m->level];
	int expect = last + 1;
	if (m->value != expect) {
		format_number(got, sizeof got, m->level, m->value);
		char prevs[48] = "";
		if (last)
			format_number(prevs, sizeof prevs, m->level, last);
		format_number(want, sizeof want, m->level, expect);
		char *msg;
		if (last && m->value == last)
			msg = nb_xasprintf("层次序号重复：“%s”之后又是“%s”，应为“%s”。", prevs, got, want);
		else if (last)
			msg = nb_xasprintf("层次序号不连续：“%s”之后是“%s”，应为“%s”。", prevs, got, want);
		else
			msg = nb_xasprintf("层次序号应从“%s”开始，这里是“%s”。", want, got);
		nb_text_emit(run, NB_RULE_NUMBERING, w, text, off, m->len, msg, NULL, want);
	}
	q->last[m->level] = m->value;
	for (int l = m->level + 1; l <= 4; l++)
		q->last[l] = 0;
}

/* “一是……二是……”: a marker opens a clause (paragraph start or after ，。；：). */
typedef struct shi_seq {
	int last;
} shi_seq;

static void shi_markers(nb_text_run *run, nb_where w, const char *s, size_t a, size_t b, shi_seq *q)
{
	static const char shi[] = "是";
	for (size_t i = a; i + 3 <= b; i++) {
		/* Jump to the next 是 (its first byte is searched for, the rest compared). */
		const char *hit = memchr(s + i, shi[0], b - 2 - i);
		if (!hit)
			break;
		i = (size_t)(hit - s);
		if (memcmp(s + i, shi, 3) != 0)
			continue;
		size_t st;
		int v = nb_han_digit(nb_cp_before(s, i, &st));
		if (v <= 0 || st < a)
			continue;
		size_t pst;
		uint32_t before = st > a ? nb_cp_before(s, st, &pst) : 0;
		if (before == 0x5341 /* 十 */) {
			continue;   /* 十一是 … beyond what reports use; leave it */
		}
		if (st > a && before != 0xFF0C && before != 0x3002 && before != 0xFF1B && before != 0xFF1A &&
		    before != 0x201C && before != 0x3001)
			continue;
		if (v == 1) {
			q->last = 1;
			continue;
		}
		if (!q->last)
			continue;   /* no 一是 before it in this part: nothing to compare with */
		if (v != q->last + 1) {
			static const char *const d[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
			char *msg = v == q->last
				? nb_xasprintf("“%s是”重复：前面已有“%s是”，应为“%s是”。", d[v], d[q->last], d[q->last + 1 <= 9 ? q->last + 1 : 9])
				: nb_xasprintf("“一是……二是……”序列不连续：“%s是”之后是“%s是”，应为“%s是”。", d[q->last], d[v],
					       d[q->last + 1 <= 9 ? q->last + 1 : 9]);
			char fix[16];
			snprintf(fix, sizeof fix, "%s", d[q->last + 1 <= 9 ? q->last + 1 : 9]);
			nb_text_emit(run, NB_RULE_NUMBERING, w, s, st, i + 3 - st, msg, NULL, fix);
		}
		q->last = v;
	}
}

void nb_numbering_section(nb_text_run *run, size_t sidx)
{
	if (!nb_ctx_on(run->c, NB_RULE_NUMBERING))
		return;
	const nb_report *r = run->c->r;
	const nb_section *sec = &r->sections[sidx];
	nb_where hw = {NB_PLACE_HEADING, (int)sidx, -1};
	mark hm = read_mark(sec->heading, strlen(sec->heading));
	int parent = hm.level;
	if (hm.level) {
		seq hq = {{0}, true};
		/* The top level runs across sections: compare with the previous numbered heading. */
		for (size_t k = sidx; k-- > 0;) {
			mark pm = read_mark(r->sections[k].heading, strlen(r->sections[k].heading));
			if (pm.level == 1) {
				hq.last[1] = pm.value;
				break;
			}
		}
		check_mark(run, hw, sec->heading, 0, &hm, &hq, 0);
	}
	seq q = {{0}, false};
	shi_seq sq = {0};
	const char *s = sec->body;
	size_t len = strlen(s);
	nb_where bw = {NB_PLACE_BODY, (int)sidx, -1};
	size_t a = 0;
	while (a < len) {
		const char *nl = memchr(s + a, '\n', len - a);
		size_t b = nl ? (size_t)(nl - s) : len;
		size_t p = a;
		while (p < b && (s[p] == ' ' || s[p] == '\t' || starts(s + p, b - p, "　")))
			p += s[p] == ' ' || s[p] == '\t' ? 1 : strlen("　");
		mark m = read_mark(s + p, b - p);
		if (m.level >= 2) {
			check_mark(run, bw, s, p, &m, &q, parent);
			sq.last = 0;
		} else if (m.level == 1) {
			/* A top-level number inside a body: only its mark is judged here. */
			check_mark(run, bw, s, p, &m, NULL, parent);
		}
		shi_markers(run, bw, s, p, b, &sq);
		a = b + 1;
	}
}

/* ---- title-format ---- */

static bool ends_with(const char *s, const char *lit)
{
	size_t l = strlen(s), k = strlen(lit);
	return l >= k && memcmp(s + l - k, lit, k) == 0;
}

static bool organ_before(const char *s)
{
	static const char *const ends[] = {"委员会", "党委", "党组", "政府", "办事处", "办公室", "局", "委", "所", "中心"};
	for (size_t k = 0; k < sizeof ends / sizeof *ends; k++)
		if (ends_with(s, ends[k]))
			return true;
	return false;
}

void nb_title_format(nb_text_run *run)
{
	if (!nb_ctx_on(run->c, NB_RULE_TITLE_FORMAT))
		return;
	const nb_report *r = run->c->r;
	const char *title = nb_report_meta(r, NB_META_TITLE);
	size_t len = strlen(title);
	if (!len)
		return;
	nb_sb why = {0};
	/* Compare without spaces: an extraction artefact is reported, not held against the form. */
	nb_sb flat = {0};
	bool spaces = false;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = nb_utf8_decode(title + i, len - i, &cp, NULL);
		if (nb_is_space(cp)) {
			/* 联合行文: a space between two organs' names (中共X委员会 X人民政府) is the form. */
			size_t j = i + n;
			while (j < len && (title[j] == ' ' || strncmp(title + j, "　", strlen("　")) == 0))
				j += title[j] == ' ' ? 1 : strlen("　");
			bool between_organs = organ_before(nb_sb_cstr(&flat)) && !nb_is_digit(title[j]) &&
					      strncmp(title + j, "关于", strlen("关于")) != 0;
			if (!between_organs)
				spaces = true;
			i = j;
			continue;
		}
		nb_sb_add(&flat, title + i, n);
		i += n;
	}
	const char *t = nb_sb_cstr(&flat);
	if (spaces)
		nb_sb_adds(&why, "标题中有多余的空格；");
	static const char *const end_marks[] = {"。", "，", "；", "：", "！", "？", ".", ",", ";", ":", "!", "?", "、"};
	for (size_t k = 0; k < sizeof end_marks / sizeof *end_marks; k++)
		if (ends_with(t, end_marks[k])) {
			nb_sb_printf(&why, "标题末尾不加标点“%s”；", end_marks[k]);
			break;
		}
	if (!strstr(t, "法治政府建设")) {
		if (strstr(t, "法治建设"))
			nb_sb_adds(&why, "本报告是法治政府建设年度报告，标题应写“法治政府建设”而非“法治建设”；");
		else
			nb_sb_adds(&why, "标题未写明“法治政府建设”；");
	}
	const char *guanyu = strstr(t, "关于");
	if (guanyu == t)
		nb_sb_adds(&why, "机关名称应写在“关于”之前；");
	else if (nb_is_digit(t[0]))
		nb_sb_adds(&why, "标题应以机关名称开头，年度写在其后；");
	static const char *const verbs[] = {"关于报送", "关于上报", "关于呈报", "关于报告"};
	for (size_t k = 0; k < sizeof verbs / sizeof *verbs; k++)
		if (strstr(t, verbs[k])) {
			nb_sb_printf(&why, "“关于”后不加“%s”等动词；", verbs[k] + strlen("关于"));
			break;
		}
	int years = 0;
	for (const char *p = t; *p; p++)
		if (nb_is_digit(p[0]) && nb_is_digit(p[1]) && nb_is_digit(p[2]) && nb_is_digit(p[3]) &&
		    strncmp(p + 4, "年", strlen("年")) == 0)
			years++;
	if (!years && !strstr(t, "〇"))
		nb_sb_adds(&why, "标题未写明报告年度；");
	/* The 文种: 公文 form ends 情况的报告 (with 关于); the public form 情况报告 or 年度报告. */
	char *stripped = nb_xstrdup(t);
	for (size_t k = 0; k < sizeof end_marks / sizeof *end_marks; k++)
		if (ends_with(stripped, end_marks[k])) {
			stripped[strlen(stripped) - strlen(end_marks[k])] = '\0';
			break;
		}
	if (guanyu && guanyu != t) {
		if (ends_with(stripped, "情况报告"))
			nb_sb_adds(&why, "用“关于”时文种应为“……情况的报告”，不是“情况报告”；");
		else if (!ends_with(stripped, "情况的报告"))
			nb_sb_adds(&why, "文种应为“……法治政府建设情况的报告”；");
	} else if (!guanyu && !ends_with(stripped, "情况报告") && !ends_with(stripped, "年度报告") &&
		   !ends_with(stripped, "情况的报告") && !ends_with(stripped, "工作情况")) {
		nb_sb_adds(&why, "文种应为“……法治政府建设情况报告”或用“关于……情况的报告”；");
	}
	free(stripped);
	if (why.len) {
		why.len -= strlen("；");
		why.s[why.len] = '\0';
		char *sugg = NULL;
		const char *unit = nb_report_meta(r, NB_META_UNIT);
		if (run->c->t->title_pattern && *unit && run->c->year)
			sugg = nb_template_expand(run->c->t->title_pattern, run->c->year, unit);
		char *msg = nb_xasprintf("标题“%s”不规范：%s（%s）。", title, nb_sb_cstr(&why), BASIS_FORMAT);
		nb_text_emit(run, NB_RULE_TITLE_FORMAT, (nb_where){NB_PLACE_META, -1, NB_META_TITLE}, title, 0, len, msg,
			     NULL, sugg ? sugg : "写作“机关名称+关于××××年度法治政府建设情况的报告”");
		free(sugg);
	}
	nb_sb_free(&why);
	nb_sb_free(&flat);
}
