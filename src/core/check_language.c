/* check_language.c — wording and typography of the running text: confused words (lexicon),
 * accidental doubled characters, stray English words, half-width punctuation, unpaired quotes
 * and brackets, spaces inside Chinese text, dates and ranges written the web way, and the
 * 发文字号's form. Also the family's driver, which check.c calls.
 *
 * Each paragraph is decoded once into an array of characters, so every rule can look a few
 * characters back and ahead without re-decoding; the lexicon is matched in its own single pass. */
#include "config.h"
#include "check_text.h"
#include "nianbao/text.h"
#include "nianbao/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BASIS_PUNCT "GB/T 15834—2011《标点符号用法》"
#define BASIS_NUMBER "GB/T 15835—2011《出版物上数字用法》"
#define BASIS_FORMAT "GB/T 9704—2012《党政机关公文格式》"

/* ---- shared readers ---- */

uint32_t nb_cp_at(const char *s, size_t len, size_t i, size_t *n)
{
	if (i >= len) {
		*n = 0;
		return 0;
	}
	uint32_t cp;
	*n = nb_utf8_decode(s + i, len - i, &cp, NULL);
	return cp;
}

uint32_t nb_cp_before(const char *s, size_t i, size_t *start)
{
	if (i == 0) {
		*start = 0;
		return 0;
	}
	size_t p = nb_utf8_prev(s, i);
	*start = p;
	uint32_t cp;
	nb_utf8_decode(s + p, i - p, &cp, NULL);
	return cp;
}

int nb_han_digit(uint32_t cp)
{
	static const uint32_t d[] = {0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D};
	if (cp == 0x3007)
		return 0;
	for (int i = 0; i < 10; i++)
		if (d[i] == cp)
			return i;
	return -1;
}

/* ---- placing findings ---- */

static const char *where_text(const nb_check_ctx *c, nb_where w)
{
	switch (w.place) {
	case NB_PLACE_BODY:
		return c->r->sections[w.section].body;
	case NB_PLACE_HEADING:
		return c->r->sections[w.section].heading;
	case NB_PLACE_INTRO:
		return c->r->intro ? c->r->intro : "";
	case NB_PLACE_META:
		return nb_report_meta(c->r, (nb_meta_field)w.field);
	default:
		return "";
	}
}

nb_finding *nb_text_emit(nb_text_run *run, const char *rule, nb_where w, const char *text, size_t off,
			 size_t len, char *message, const char *fix, const char *advice)
{
	nb_check_ctx *c = run->c;
	nb_finding *f = nb_emit(c, rule, message, nb_xstrdup(fix ? fix : advice));
	f->fixable = fix != NULL;
	(void)text;
	switch (w.place) {
	case NB_PLACE_BODY:
		nb_place_body(c, f, (size_t)w.section, off, len);
		break;
	case NB_PLACE_HEADING:
		nb_place_heading(c, f, (size_t)w.section, off, len);
		break;
	case NB_PLACE_META:
		nb_place_meta(c, f, (nb_meta_field)w.field, off, len);
		break;
	case NB_PLACE_INTRO:
		f->place = NB_PLACE_INTRO;
		f->off = off;
		f->len = len;
		nb_srcmap_lookup(c->r->intro_map, c->r->intro_nmap, where_text(c, w), off, &f->line, &f->col);
		break;
	default:
		break;
	}
	return f;
}

/* ---- characters of one paragraph ---- */

typedef struct chr {
	uint32_t cp;
	uint32_t off;   /* byte offset in the text */
	uint32_t n;     /* bytes */
} chr;

typedef struct para {
	const char *s;  /* the whole text */
	chr *v;
	size_t n, cap;
} para;

static void decode_para(para *p, const char *s, size_t a, size_t b)
{
	p->n = 0;
	if (p->cap < b - a + 1) {
		p->cap = b - a + 1;
		p->v = nb_xrealloc(p->v, p->cap * sizeof *p->v);
	}
	const unsigned char *u = (const unsigned char *)s;
	size_t i = a;
	while (i < b) {
		chr *c = &p->v[p->n++];
		c->off = (uint32_t)i;
		if (u[i] < 0x80) {
			c->cp = u[i];
			c->n = 1;
		} else if ((u[i] & 0xF0) == 0xE0 && i + 2 < b && (u[i + 1] & 0xC0) == 0x80 &&
			   (u[i + 2] & 0xC0) == 0x80 && (u[i] != 0xE0 || u[i + 1] >= 0xA0) &&
			   (u[i] != 0xED || u[i + 1] < 0xA0)) {
			c->cp = ((uint32_t)(u[i] & 0x0F) << 12) | ((uint32_t)(u[i + 1] & 0x3F) << 6) | (u[i + 2] & 0x3F);
			c->n = 3;
		} else {
			c->n = (uint32_t)nb_utf8_decode(s + i, b - i, &c->cp, NULL);
		}
		i += c->n;
	}
}

static uint32_t cp_of(const para *p, long i)
{
	return i >= 0 && (size_t)i < p->n ? p->v[i].cp : 0;
}

static bool is_letter(uint32_t cp)
{
	return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
}

static bool is_digit_cp(uint32_t cp)
{
	return cp >= '0' && cp <= '9';
}

static bool is_blank(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0x00A0;
}

static bool cjk(uint32_t cp)
{
	return nb_is_han(cp) || nb_is_cjk_punct(cp);
}

static size_t span_len(const para *p, size_t from, size_t to_incl)
{
	return p->v[to_incl].off + p->v[to_incl].n - p->v[from].off;
}

/* ---- repeated-char ---- */

static bool word_at(const nb_lexicon *lx, const para *p, long i)
{
	if (i < 0 || (size_t)i + 1 >= p->n)
		return false;
	return nb_lexicon_has(lx, "boundary-words", p->s + p->v[i].off, span_len(p, (size_t)i, (size_t)i + 1));
}

static void repeated_char(nb_text_run *run, nb_where w, para *p, size_t i)
{
	/* p->v[i] equals p->v[i-1]. */
	uint32_t x = p->v[i].cp;
	if (nb_han_digit(x) >= 0 || x == 0x5341 /* 十 */)
		return;
	/* Three in a row is a different accident; report the pair once. (Asked first: it needs no
	 * word list, and a run of one character would otherwise look up every pair.) */
	if (i >= 2 && p->v[i - 2].cp == x)
		return;
	/* AABB (扎扎实实, 方方面面) from either pair. */
	if (cp_of(p, (long)i + 1) && cp_of(p, (long)i + 1) == cp_of(p, (long)i + 2) && cp_of(p, (long)i + 1) != x)
		return;
	if (i >= 3 && p->v[i - 2].cp == p->v[i - 3].cp && p->v[i - 2].cp != x)
		return;
	/* ABB (沉甸甸), or the pair itself a word (常常). */
	if (nb_lexicon_has(run->lx, "reduplications", p->s + p->v[i - 1].off, span_len(p, i - 1, i)))
		return;
	/* A word boundary between the two: 学习|习近平, 工作|作风 — a word must end at the first and
	 * another start at the second, or 公示制|制度 would pass. */
	if (word_at(run->lx, p, (long)i - 2) && word_at(run->lx, p, (long)i))
		return;
	char one[8];
	size_t n = nb_utf8_encode(x, one);
	one[n] = '\0';
	char *msg = nb_xasprintf("“%s%s”疑为误输入的重复字，应删去一个“%s”。", one, one, one);
	nb_text_emit(run, NB_RULE_REPEATED_CHAR, w, p->s, p->v[i - 1].off, span_len(p, i - 1, i), msg, one, NULL);
}

/* ---- latin-in-cjk ---- */

static bool token_char(uint32_t cp)
{
	return is_letter(cp) || is_digit_cp(cp) || cp == '-' || cp == '_' || cp == '.' || cp == '@' ||
	       cp == '/' || cp == '+' || cp == '#' || cp == '&' || cp == '\'';
}

/* The Latin token starting at i; returns the index after it. */
static size_t latin_token(nb_text_run *run, nb_where w, para *p, size_t i)
{
	size_t j = i;
	bool letters_only = true, any_lower = false;
	while (j < p->n && token_char(p->v[j].cp)) {
		if (!is_letter(p->v[j].cp))
			letters_only = false;
		if (p->v[j].cp >= 'a' && p->v[j].cp <= 'z')
			any_lower = true;
		j++;
	}
	size_t count = j - i;
	if (!letters_only || !any_lower || count < 2)
		return j;   /* URLs, codes like 5G, abbreviations like GDP, single letters */
	const char *tok = p->s + p->v[i].off;
	size_t toklen = span_len(p, i, j - 1);
	if (nb_lexicon_has(run->lx, "latin-allow", tok, toklen))
		return j;
	/* Neighbours, over spaces: Chinese on both sides (or the paragraph's edge), Han on one. */
	long a = (long)i - 1, b = (long)j;
	while (a >= 0 && is_blank(p->v[a].cp))
		a--;
	while ((size_t)b < p->n && is_blank(p->v[b].cp))
		b++;
	uint32_t left = cp_of(p, a), right = cp_of(p, b);
	if ((left && !cjk(left)) || (right && !cjk(right)))
		return j;
	if (!nb_is_han(left) && !nb_is_han(right))
		return j;
	char *word = nb_xstrndup(tok, toklen);
	const char *zh = nb_lexicon_value(run->lx, "latin-replace", tok, toklen);
	if (zh && !*zh)
		zh = NULL;
	if (zh) {
		/* Replace the word with the spaces around it: 精神 and 思想 → 精神和思想. */
		size_t from = (size_t)(a + 1), to = (size_t)(b - 1);
		char *msg = nb_xasprintf("中文行文中夹有英文单词“%s”，应改为“%s”。", word, zh);
		nb_text_emit(run, NB_RULE_LATIN_IN_CJK, w, p->s, p->v[from].off, span_len(p, from, to), msg, zh, NULL);
	} else {
		char *msg = nb_xasprintf("中文行文中夹有英文单词“%s”，公文应使用规范汉字（外文缩略语除外）。", word);
		nb_text_emit(run, NB_RULE_LATIN_IN_CJK, w, p->s, p->v[i].off, toklen, msg, NULL,
			     "改用中文表述，或删去");
	}
	free(word);
	return j;
}

/* ---- punct-width ---- */

static const char *fullwidth_of(uint32_t cp)
{
	switch (cp) {
	case ',': return "，";
	case ';': return "；";
	case ':': return "：";
	case '?': return "？";
	case '!': return "！";
	case '(': return "（";
	case ')': return "）";
	case '.': return "。";
	default: return NULL;
	}
}

static void emit_punct(nb_text_run *run, nb_where w, para *p, size_t i, const char *fix)
{
	char half[2] = {(char)p->v[i].cp, '\0'};
	const char *full = fix ? fix : fullwidth_of(p->v[i].cp);
	char *msg = nb_xasprintf("中文行文中使用了半角标点“%s”，应使用全角“%s”（%s）。", half, full, BASIS_PUNCT);
	nb_text_emit(run, NB_RULE_PUNCT_WIDTH, w, p->s, p->v[i].off, 1, msg, full, NULL);
}

static bool near_cjk(const para *p, size_t i)
{
	return cjk(cp_of(p, (long)i - 1)) || cjk(cp_of(p, (long)i + 1));
}

static void punct_char(nb_text_run *run, nb_where w, para *p, size_t i)
{
	uint32_t cp = p->v[i].cp, prev = cp_of(p, (long)i - 1), next = cp_of(p, (long)i + 1);
	if (cp == '.') {
		/* Only a sentence end: 能力. — not 1.加强, 3.2万, www.gov.cn or "...". */
		if (nb_is_han(prev) && (next == 0 || cjk(next) || is_blank(next)) && next != '.')
			emit_punct(run, w, p, i, NULL);
		return;
	}
	if ((cp == ':' || cp == ',') && is_digit_cp(prev) && is_digit_cp(next))
		return;   /* 9:30, 1,000 */
	if (near_cjk(p, i))
		emit_punct(run, w, p, i, NULL);
}

/* ASCII parentheses are judged as pairs, so that a fix never leaves (一）. */
static void ascii_parens(nb_text_run *run, nb_where w, para *p)
{
	size_t stack[16], depth = 0;
	bool done_any = false;
	for (size_t i = 0; i < p->n; i++) {
		uint32_t cp = p->v[i].cp;
		if (cp == '(') {
			if (depth < 16)
				stack[depth++] = i;
		} else if (cp == ')') {
			if (depth) {
				size_t o = stack[--depth];
				if (near_cjk(p, o) || near_cjk(p, i) || cjk(cp_of(p, (long)o + 1))) {
					emit_punct(run, w, p, o, NULL);
					emit_punct(run, w, p, i, NULL);
				}
			} else if (near_cjk(p, i)) {
				emit_punct(run, w, p, i, NULL);
			}
			done_any = true;
		}
	}
	for (size_t k = 0; k < depth; k++)
		if (near_cjk(p, stack[k]))
			emit_punct(run, w, p, stack[k], NULL);
	(void)done_any;
}

/* ASCII double quotes next to Chinese: opening and closing by their order. */
static void ascii_quotes(nb_text_run *run, nb_where w, para *p)
{
	size_t idx[64], n = 0;
	bool near = false;
	for (size_t i = 0; i < p->n && n < 64; i++)
		if (p->v[i].cp == '"') {
			idx[n++] = i;
			near |= near_cjk(p, i);
		}
	if (!near)
		return;
	for (size_t k = 0; k < n; k++) {
		const char *full = n % 2 ? NULL : (k % 2 ? "”" : "“");
		char *msg = nb_xasprintf("中文行文中使用了半角引号“\"”，应使用全角引号“”（%s）。", BASIS_PUNCT);
		nb_text_emit(run, NB_RULE_PUNCT_WIDTH, w, p->s, p->v[idx[k]].off, 1, msg, full,
			     full ? NULL : "改用全角引号“”");
	}
}

/* ---- pair-unbalanced ---- */

static uint32_t closer_of(uint32_t cp)
{
	switch (cp) {
	case 0x201C: return 0x201D;  /* “ ” */
	case 0x2018: return 0x2019;  /* ‘ ’ */
	case 0x300A: return 0x300B;  /* 《 》 */
	case 0xFF08: return 0xFF09;  /* （ ） */
	case 0x3010: return 0x3011;  /* 【 】 */
	case 0x3014: return 0x3015;  /* 〔 〕 */
	case 0x3008: return 0x3009;  /* 〈 〉 */
	default: return 0;
	}
}

static bool is_closer(uint32_t cp)
{
	return cp == 0x201D || cp == 0x2019 || cp == 0x300B || cp == 0xFF09 || cp == 0x3011 ||
	       cp == 0x3015 || cp == 0x3009;
}

static void emit_pair(nb_text_run *run, nb_where w, para *p, size_t i, bool opener)
{
	char mark[8], other[8];
	size_t n = nb_utf8_encode(p->v[i].cp, mark);
	mark[n] = '\0';
	uint32_t o = 0;
	if (opener) {
		o = closer_of(p->v[i].cp);
	} else {
		static const uint32_t opens[] = {0x201C, 0x2018, 0x300A, 0xFF08, 0x3010, 0x3014, 0x3008};
		for (size_t k = 0; k < sizeof opens / sizeof *opens; k++)
			if (closer_of(opens[k]) == p->v[i].cp)
				o = opens[k];
	}
	n = nb_utf8_encode(o, other);
	other[n] = '\0';
	char *msg = opener ? nb_xasprintf("“%s”在本段中没有与之配对的“%s”（%s）。", mark, other, BASIS_PUNCT)
			   : nb_xasprintf("“%s”在本段中没有与之配对的“%s”（%s）。", mark, other, BASIS_PUNCT);
	nb_text_emit(run, NB_RULE_PAIR_UNBALANCED, w, p->s, p->v[i].off, p->v[i].n, msg, NULL,
		     opener ? "补上配对的后半个符号，或删去多余的符号" : "补上配对的前半个符号，或删去多余的符号");
}

static void pairs(nb_text_run *run, nb_where w, para *p)
{
	size_t stack[64], depth = 0;
	for (size_t i = 0; i < p->n; i++) {
		uint32_t cp = p->v[i].cp;
		if (closer_of(cp)) {
			if (depth < 64)
				stack[depth++] = i;
			continue;
		}
		if (!is_closer(cp))
			continue;
		size_t k = depth;
		while (k > 0 && closer_of(p->v[stack[k - 1]].cp) != cp)
			k--;
		if (k == 0) {
			emit_pair(run, w, p, i, false);
			continue;
		}
		/* Openers above the match were never closed. */
		for (size_t m = k; m < depth; m++)
			emit_pair(run, w, p, stack[m], true);
		depth = k - 1;
	}
	for (size_t m = 0; m < depth; m++)
		emit_pair(run, w, p, stack[m], true);
}

/* ---- space-in-cjk ---- */

static void spaces(nb_text_run *run, nb_where w, para *p, size_t i, size_t *next)
{
	size_t j = i;
	while (j < p->n && is_blank(p->v[j].cp))
		j++;
	*next = j;
	if (i == 0 || j >= p->n)
		return;   /* indentation and line-end spaces are the importer's business */
	uint32_t l = p->v[i - 1].cp, r = p->v[j].cp;
	bool lz = cjk(l), rz = cjk(r);
	if (!((lz || is_digit_cp(l)) && (rz || is_digit_cp(r)) && (lz || rz)))
		return;
	/* The span starts at the character before the spaces, so the fix is never empty. */
	char keep[8];
	size_t n = nb_utf8_encode(l, keep);
	keep[n] = '\0';
	char *msg = nb_xasprintf("%s之间有多余的空格，公文正文中汉字、数字和标点之间不留空格（%s）。",
				 nb_is_han(l) && nb_is_han(r) ? "汉字" : "中文与数字或标点", BASIS_FORMAT);
	nb_text_emit(run, NB_RULE_SPACE_IN_CJK, w, p->s, p->v[i - 1].off, span_len(p, i - 1, j - 1), msg, keep, NULL);
}

/* Where scanning goes on after the blank at i: past the whole run, which space-in-cjk (when on)
 * has looked at; never short of i + 1. */
static size_t past_blank(nb_text_run *run, nb_where w, para *p, size_t i, bool space_rule_on)
{
	size_t next = i + 1;
	if (space_rule_on)
		spaces(run, w, p, i, &next);
	return next > i ? next : i + 1;
}

/* ---- date-format ---- */

static size_t digits_at(const para *p, size_t i, long *value)
{
	size_t j = i;
	long v = 0;
	while (j < p->n && is_digit_cp(p->v[j].cp) && j - i < 9) {
		v = v * 10 + (long)(p->v[j].cp - '0');
		j++;
	}
	*value = v;
	return j - i;
}

static bool is_range_dash(uint32_t cp)
{
	return cp == '-' || cp == '~' || cp == 0xFF0D /* － */ || cp == 0x301C /* 〜 */;
}

static bool time_unit(uint32_t cp)
{
	return cp == 0x5E74 /* 年 */ || cp == 0x6708 /* 月 */ || cp == 0x65E5 /* 日 */ || cp == 0x5B63 /* 季 */ ||
	       cp == 0x671F /* 期 */ || cp == 0x5C4A /* 届 */ || cp == 0x65F6 /* 时 */;
}

static bool match_at(const para *p, size_t i, const char *lit)
{
	size_t l = strlen(lit);
	if (i >= p->n)
		return false;
	size_t off = p->v[i].off;
	size_t end = p->v[p->n - 1].off + p->v[p->n - 1].n;
	return off + l <= end && memcmp(p->s + off, lit, l) == 0;
}

static void emit_date(nb_text_run *run, nb_where w, para *p, size_t from, size_t to_incl, const char *fix,
		      const char *what)
{
	char *orig = nb_xstrndup(p->s + p->v[from].off, span_len(p, from, to_incl));
	char *msg = nb_xasprintf("%s“%s”应写作“%s”（%s）。", what, orig, fix, BASIS_NUMBER);
	nb_text_emit(run, NB_RULE_DATE_FORMAT, w, p->s, p->v[from].off, span_len(p, from, to_incl), msg, fix, NULL);
	free(orig);
}

/* A number starting at i (not preceded by a digit). Returns the index to continue from. */
static size_t number_dates(nb_text_run *run, nb_where w, para *p, size_t i)
{
	long y;
	size_t ny = digits_at(p, i, &y);
	size_t j = i + ny;
	uint32_t prev = cp_of(p, (long)i - 1);
	if (prev == '.' || is_letter(prev) || prev == '/' || prev == '-')
		return j;
	/* 2024.3.5 / 2024-03-05 / 2024/3/5 */
	uint32_t sep = cp_of(p, (long)j);
	if (ny == 4 && y >= 1949 && y <= 2099 && (sep == '.' || sep == '-' || sep == '/')) {
		long m, d;
		size_t nm = digits_at(p, j + 1, &m);
		if (nm >= 1 && nm <= 2 && m >= 1 && m <= 12 && cp_of(p, (long)(j + 1 + nm)) == sep) {
			size_t nd = digits_at(p, j + 2 + nm, &d);
			size_t end = j + 2 + nm + nd;
			if (nd >= 1 && nd <= 2 && d >= 1 && d <= 31 && !is_digit_cp(cp_of(p, (long)end)) &&
			    cp_of(p, (long)end) != sep && !is_letter(cp_of(p, (long)end))) {
				char fix[64];
				snprintf(fix, sizeof fix, "%ld年%ld月%ld日", y, m, d);
				emit_date(run, w, p, i, end - 1, fix, "正文中的日期");
				return end;
			}
		}
	}
	/* Ranges: 2021-2025年 → 2021—2025年 (time), 25~30人 → 25～30人 (values). */
	size_t k = j;
	bool unit_before = false;
	if (cp_of(p, (long)k) == '%' || time_unit(cp_of(p, (long)k))) {
		unit_before = time_unit(cp_of(p, (long)k));
		k++;
	}
	uint32_t dash = cp_of(p, (long)k);
	if (ny <= 4 && (is_range_dash(dash) || dash == 0xFF5E /* ～ */) && is_digit_cp(cp_of(p, (long)k + 1))) {
		long y2;
		size_t n2 = digits_at(p, k + 1, &y2);
		uint32_t unit = cp_of(p, (long)(k + 1 + n2));
		bool is_year_pair = ny == 4 && n2 == 4 && y >= 1949 && y2 <= 2099;
		bool timey = unit_before || time_unit(unit) || is_year_pair;
		bool unit_ok = nb_is_han(unit) || unit == '%' || is_year_pair;
		if (n2 <= 4 && y < y2 && unit_ok && unit != '.') {
			const char *right = timey ? "—" : "～";
			bool wrong = is_range_dash(dash) || (dash == 0xFF5E && timey);
			if (wrong) {
				char *orig = nb_xstrndup(p->s + p->v[i].off, span_len(p, i, k + n2));
				char *msg = nb_xasprintf("“%s”中表示%s起止的连接号应使用%s（%s）。", orig,
							 timey ? "时间" : "数值", timey ? "一字线“—”" : "浪纹线“～”",
							 BASIS_PUNCT);
				nb_text_emit(run, NB_RULE_DATE_FORMAT, w, p->s, p->v[k].off, p->v[k].n, msg, right, NULL);
				free(orig);
			}
			return k + 1 + n2;
		}
	}
	/* 24年: a year cut to two digits. Durations (工作20年, 近10年) are left alone: only a year
	 * that is followed by a month, by 以来/底/初/末/度…, or that opens a clause, is taken. */
	if (ny == 2 && cp_of(p, (long)j) == 0x5E74 /* 年 */ && !is_digit_cp(prev)) {
		static const char *const after_year[] = {"以来", "底", "初", "末", "上半年", "下半年", "度", "全年"};
		static const char *const not_year_before[] = {"近", "前", "后", "续", "每", "第", "满", "约", "余",
							      "多", "这", "那", "几", "数", "十", "逾", "了", "过去", "未来"};
		bool yearish = false;
		long m;
		size_t nm = digits_at(p, j + 1, &m);
		if (nm >= 1 && nm <= 2 && m >= 1 && m <= 12 && cp_of(p, (long)(j + 1 + nm)) == 0x6708 /* 月 */)
			yearish = true;
		for (size_t a = 0; !yearish && a < sizeof after_year / sizeof *after_year; a++)
			yearish = match_at(p, j + 1, after_year[a]);
		bool clause_start = i == 0 || prev == 0xFF0C || prev == 0x3002 || prev == 0xFF1B || prev == 0xFF1A;
		if (!yearish && clause_start && cp_of(p, (long)j + 1) == 0xFF0C)
			yearish = true;
		for (size_t a = 0; yearish && i > 0 && a < sizeof not_year_before / sizeof *not_year_before; a++) {
			size_t l = strlen(not_year_before[a]);
			size_t off = p->v[i].off;
			if (off >= l && memcmp(p->s + off - l, not_year_before[a], l) == 0)
				yearish = false;
		}
		if (yearish) {
			char fix[32];
			snprintf(fix, sizeof fix, "20%02ld", y % 100);
			char *msg = nb_xasprintf("年份“%ld年”不应省略，应写全为“%s年”（%s）。", y, fix, BASIS_NUMBER);
			nb_text_emit(run, NB_RULE_DATE_FORMAT, w, p->s, p->v[i].off, span_len(p, i, j - 1), msg, fix, NULL);
		}
	}
	return j;
}

/* 一 … 三十一 at i; returns characters read (0 if none). */
static size_t han_small_number(const para *p, size_t i, int *out)
{
	int a = nb_han_digit(cp_of(p, (long)i));
	if (cp_of(p, (long)i) == 0x5341 /* 十 */) {
		int b = nb_han_digit(cp_of(p, (long)i + 1));
		if (b > 0) {
			*out = 10 + b;
			return 2;
		}
		*out = 10;
		return 1;
	}
	if (a <= 0)
		return 0;
	if (cp_of(p, (long)i + 1) == 0x5341) {
		int b = nb_han_digit(cp_of(p, (long)i + 2));
		if (b > 0) {
			*out = a * 10 + b;
			return 3;
		}
		*out = a * 10;
		return 2;
	}
	*out = a;
	return 1;
}

/* 二〇二四年(三月五日) in the body. */
static size_t han_year(nb_text_run *run, nb_where w, para *p, size_t i)
{
	if (i > 0 && nb_han_digit(p->v[i - 1].cp) >= 0)
		return i + 1;
	int y = 0;
	bool zero = false;
	for (size_t k = 0; k < 4; k++) {
		int d = nb_han_digit(cp_of(p, (long)(i + k)));
		if (d < 0)
			return i + 1;
		zero |= d == 0;
		y = y * 10 + d;
	}
	if (!zero || y < 1949 || y > 2099 || cp_of(p, (long)i + 4) != 0x5E74 /* 年 */)
		return i + 1;
	size_t end = i + 4;   /* index of 年 */
	char fix[64];
	snprintf(fix, sizeof fix, "%d年", y);
	int m, d;
	size_t nm = han_small_number(p, end + 1, &m);
	if (nm && m <= 12 && cp_of(p, (long)(end + 1 + nm)) == 0x6708 /* 月 */) {
		end += 1 + nm;
		snprintf(fix + strlen(fix), sizeof fix - strlen(fix), "%d月", m);
		size_t nd = han_small_number(p, end + 1, &d);
		uint32_t u = cp_of(p, (long)(end + 1 + nd));
		if (nd && d <= 31 && (u == 0x65E5 || u == 0x53F7)) {
			end += 1 + nd;
			snprintf(fix + strlen(fix), sizeof fix - strlen(fix), "%d日", d);
		}
	}
	emit_date(run, w, p, i, end, fix, "正文中的年份应使用阿拉伯数字：");
	return end + 1;
}

/* ---- one paragraph ---- */

static void scan_para(nb_text_run *run, nb_where w, para *p)
{
	const nb_check_ctx *c = run->c;
	bool rep = nb_ctx_on(c, NB_RULE_REPEATED_CHAR), lat = nb_ctx_on(c, NB_RULE_LATIN_IN_CJK);
	bool pw = nb_ctx_on(c, NB_RULE_PUNCT_WIDTH), sp = nb_ctx_on(c, NB_RULE_SPACE_IN_CJK);
	bool dt = nb_ctx_on(c, NB_RULE_DATE_FORMAT);
	if (w.place == NB_PLACE_META)
		sp = false;   /* title-format judges the title's spaces (二机关 names may be spaced) */
	bool has_paren = false, has_quote = false;
	size_t i = 0;
	while (i < p->n) {
		uint32_t cp = p->v[i].cp;
		if (cp < 0x80) {
			if (is_letter(cp)) {
				i = lat ? latin_token(run, w, p, i) : i + 1;
				while (i < p->n && token_char(p->v[i].cp))
					i++;
				continue;
			}
			if (is_digit_cp(cp)) {
				i = dt ? number_dates(run, w, p, i) : i + 1;
				while (i < p->n && is_digit_cp(p->v[i].cp))
					i++;
				continue;
			}
			if (cp == ' ' || cp == '\t') {
				i = past_blank(run, w, p, i, sp);
				continue;
			}
			if (cp == '(' || cp == ')')
				has_paren = true;
			else if (cp == '"')
				has_quote = true;
			else if (pw && fullwidth_of(cp))
				punct_char(run, w, p, i);
			i++;
			continue;
		}
		if (cp == 0x3000 || cp == 0x00A0) {
			i = past_blank(run, w, p, i, sp);
			continue;
		}
		if (rep && i > 0 && cp == p->v[i - 1].cp && nb_is_han(cp))
			repeated_char(run, w, p, i);
		if (dt && (cp == 0x4E00 || cp == 0x4E8C) && i + 4 < p->n) {
			i = han_year(run, w, p, i);
			continue;
		}
		i++;
	}
	if (pw && has_paren)
		ascii_parens(run, w, p);
	if (pw && has_quote)
		ascii_quotes(run, w, p);
	if (nb_ctx_on(c, NB_RULE_PAIR_UNBALANCED))
		pairs(run, w, p);
}

/* Confused words of s[a, b). A lexicon match and its context never cross a paragraph break, so
 * reading one paragraph at a time finds what reading the whole text would. */
static void lexicon_pass(nb_text_run *run, nb_where w, const char *s, size_t a, size_t b)
{
	nb_lex_hit *hits;
	size_t n = nb_lexicon_find(run->lx, s + a, b - a, &hits);
	for (size_t k = 0; k < n; k++) {
		const nb_lex_entry *e = hits[k].entry;
		char *msg = nb_xasprintf("“%s”应为“%s”%s%s。", e->wrong, e->right, e->note && *e->note ? "：" : "",
					 e->note ? e->note : "");
		nb_text_emit(run, NB_RULE_LEXICON, w, s, a + hits[k].off, hits[k].len, msg, e->right, NULL);
	}
	free(hits);
}

/* Every rule of this file looks at one paragraph at a time. */
static void lang_para(nb_text_run *run, nb_where w, const char *s, size_t a, size_t b, para *p)
{
	if (b <= a)
		return;
	if (nb_ctx_on(run->c, NB_RULE_LEXICON))
		lexicon_pass(run, w, s, a, b);
	decode_para(p, s, a, b);
	scan_para(run, w, p);
}

void nb_lang_para(nb_text_run *run, nb_where w, const char *s, size_t a, size_t b)
{
	para p = {s, NULL, 0, 0};
	lang_para(run, w, s, a, b, &p);
	free(p.v);
}

void nb_lang_text(nb_text_run *run, nb_where w, const char *s, size_t len)
{
	para p = {s, NULL, 0, 0};
	size_t a = 0;
	while (a < len) {
		const char *nl = memchr(s + a, '\n', len - a);
		size_t b = nl ? (size_t)(nl - s) : len;
		lang_para(run, w, s, a, b, &p);
		a = b + 1;
	}
	free(p.v);
}

/* ---- doc-number-format ---- */

void nb_lang_doc_number(nb_text_run *run)
{
	if (!nb_ctx_on(run->c, NB_RULE_DOC_NUMBER_FORMAT))
		return;
	const char *dn = nb_report_meta(run->c->r, NB_META_DOC_NUMBER);
	size_t len = strlen(dn);
	if (!len)
		return;
	/* 机关代字, then a bracketed year, then the serial number and 号. */
	static const char *const opens[] = {"〔", "[", "(", "（", "【", "［", "{", "<", "〈", "《"};
	static const char *const closes[] = {"〕", "]", ")", "）", "】", "］", "}", ">", "〉", "》"};
	size_t bo = len, bl = 0, which = 0;
	for (size_t k = 0; k < sizeof opens / sizeof *opens; k++) {
		const char *q = strstr(dn, opens[k]);
		if (q && (size_t)(q - dn) < bo) {
			bo = (size_t)(q - dn);
			bl = strlen(opens[k]);
			which = k;
		}
	}
	nb_sb why = {0};
	size_t i = bo + bl, ylen = 0;
	long year = 0;
	while (i + ylen < len && nb_is_digit(dn[i + ylen]))
		year = year * 10 + (dn[i + ylen++] - '0');
	const char *close = NULL;
	size_t after = i + ylen;
	for (size_t k = 0; k < sizeof closes / sizeof *closes; k++)
		if (strncmp(dn + after, closes[k], strlen(closes[k])) == 0) {
			close = closes[k];
			after += strlen(closes[k]);
			break;
		}
	if (bo == len || !ylen || !close) {
		nb_text_emit(run, NB_RULE_DOC_NUMBER_FORMAT, (nb_where){NB_PLACE_META, -1, NB_META_DOC_NUMBER}, dn, 0, len,
			     nb_xasprintf("发文字号“%s”不是“机关代字〔年份〕序号号”的形式（%s）。", dn, BASIS_FORMAT), NULL,
			     "如“X政发〔2025〕5号”");
		return;
	}
	if (which != 0 || strcmp(close, "〕") != 0)
		nb_sb_adds(&why, "年份应使用六角括号“〔〕”；");
	if (ylen == 2)
		year += 2000, nb_sb_adds(&why, "年份应写全四位；");
	else if (ylen != 4)
		nb_sb_adds(&why, "年份位数不对；");
	/* The serial number: no 第, no leading zeros, ends with 号. */
	size_t s = after;
	bool di = strncmp(dn + s, "第", strlen("第")) == 0;
	if (di) {
		nb_sb_adds(&why, "序号前不加“第”；");
		s += strlen("第");
	}
	size_t ns = 0;
	long serial = 0;
	while (s + ns < len && nb_is_digit(dn[s + ns]))
		serial = serial * 10 + (dn[s + ns++] - '0');
	if (ns > 1 && dn[s] == '0')
		nb_sb_adds(&why, "序号不编虚位（如“5号”不写“005号”）；");
	bool hao = ns && strcmp(dn + s + ns, "号") == 0;
	if (ns && !hao)
		nb_sb_adds(&why, "序号后应为“号”；");
	if (!why.len)
		return;
	why.len -= strlen("；");
	why.s[why.len] = '\0';
	char *fix = NULL;
	if (ns && ylen && (ylen == 4 || ylen == 2)) {
		char *agency = nb_xstrndup(dn, bo);
		fix = nb_xasprintf("%s〔%ld〕%ld号", agency, year, serial);
		free(agency);
	}
	char *msg = nb_xasprintf("发文字号“%s”格式不规范：%s（%s）。", dn, nb_sb_cstr(&why), BASIS_FORMAT);
	nb_text_emit(run, NB_RULE_DOC_NUMBER_FORMAT, (nb_where){NB_PLACE_META, -1, NB_META_DOC_NUMBER}, dn, 0, len, msg,
		     fix, fix ? NULL : "写作“机关代字〔年份〕序号号”");
	free(fix);
	nb_sb_free(&why);
}

/* ---- the family's driver ---- */

static void run_section(nb_text_run *run, size_t si)
{
	const nb_section *s = &run->c->r->sections[si];
	nb_lang_text(run, (nb_where){NB_PLACE_HEADING, (int)si, -1}, s->heading, strlen(s->heading));
	nb_lang_text(run, (nb_where){NB_PLACE_BODY, (int)si, -1}, s->body, strlen(s->body));
	nb_numbering_section(run, si);
	nb_figures_section(run, si, true);
}

void nb_text_rules(nb_check_ctx *c, int only)
{
	nb_lexicon *own = NULL;
	const nb_lexicon *lx = c->o ? c->o->lexicon : NULL;
	if (!lx)
		lx = own = nb_lexicon_builtin();
	nb_text_run run = {c, lx, nb_fig_table_new()};
	if (only < 0) {
		const char *title = nb_report_meta(c->r, NB_META_TITLE);
		nb_lang_text(&run, (nb_where){NB_PLACE_META, -1, NB_META_TITLE}, title, strlen(title));
		nb_title_format(&run);
		nb_lang_doc_number(&run);
		if (c->r->intro)
			nb_lang_text(&run, (nb_where){NB_PLACE_INTRO, -1, -1}, c->r->intro, strlen(c->r->intro));
		for (size_t si = 0; si < c->r->nsections; si++)
			run_section(&run, si);
	} else if ((size_t)only < c->r->nsections) {
		/* The sections check.c cleared: this one and those sharing its template section. */
		int tidx = nb_ctx_tsection(c, (size_t)only);
		size_t last = (size_t)only;
		for (size_t si = last + 1; si < c->r->nsections; si++)
			if (tidx >= 0 && nb_ctx_tsection(c, si) == tidx)
				last = si;
		/* Measures are compared with earlier statements only: sections after the last one
		 * re-checked cannot change its findings. */
		for (size_t si = 0; si <= last; si++) {
			if ((int)si == only || (tidx >= 0 && nb_ctx_tsection(c, si) == tidx))
				run_section(&run, si);
			else
				nb_figures_section(&run, si, false);
		}
	}
	nb_fig_table_free(run.figs);
	nb_lexicon_free(own);
}
