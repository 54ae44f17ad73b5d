/* template_match.c — which template section a draft's heading means.
 * Drafts word their headings freely (成绩清单, 存在的问题, 2023年工作计划), so a heading is matched
 * by weighted keywords from the template rather than by its exact text. */
#include "config.h"
#include "nianbao/template.h"
#include "nianbao/text.h"

#include <stdlib.h>
#include <string.h>

/* Chinese and Arabic numerals as used in heading numbers: 一、 （二） 3. 第四部分. */
static bool is_numeral(uint32_t cp)
{
	static const char numerals[] = "一二三四五六七八九十百零〇";
	if ((cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19))
		return true;
	if (cp < 0x80)
		return false;
	char buf[4];
	size_t n = nb_utf8_encode(cp, buf);
	for (size_t i = 0; i + n <= sizeof numerals - 1; i += 3)
		if (memcmp(numerals + i, buf, n) == 0)
			return true;
	return false;
}

static bool is_markup(uint32_t cp)
{
	return cp == '#' || cp == '*' || cp == '_' || cp == '`' || cp == '>' || cp == '=';
}

static bool is_number_separator(uint32_t cp)
{
	return cp == 0x3001 /* 、 */ || cp == '.' || cp == 0xFF0E /* ． */ || cp == ',' ||
	       cp == 0xFF0C /* ， */ || cp == 0x00B7 || cp == ':' || cp == 0xFF1A;
}

typedef struct cursor {
	const char *s;
	size_t len, off;
} cursor;

static uint32_t peek(const cursor *c, size_t *n)
{
	uint32_t cp = 0;
	*n = c->off < c->len ? nb_utf8_decode(c->s + c->off, c->len - c->off, &cp, NULL) : 0;
	return cp;
}

static void skip_blank(cursor *c)
{
	size_t n;
	while (c->off < c->len) {
		uint32_t cp = peek(c, &n);
		if (!nb_is_space(cp) && !is_markup(cp))
			break;
		c->off += n;
	}
}

/* Returns true (and advances) when the cursor sits on a run of numerals. */
static bool skip_numerals(cursor *c)
{
	size_t n, start = c->off;
	while (c->off < c->len && is_numeral(peek(c, &n)))
		c->off += n;
	return c->off > start;
}

static bool skip_literal(cursor *c, const char *lit)
{
	size_t n = strlen(lit);
	if (c->len - c->off >= n && memcmp(c->s + c->off, lit, n) == 0) {
		c->off += n;
		return true;
	}
	return false;
}

/* Skips the heading's own number: 一、 （一） (1) 1. 1、 第一部分 第二章. */
static void skip_numbering(cursor *c)
{
	cursor save = *c;
	size_t n;
	if (skip_literal(c, "（") || skip_literal(c, "(")) {
		if (skip_numerals(c) && (skip_literal(c, "）") || skip_literal(c, ")")))
			return;
		*c = save;
		return;
	}
	if (skip_literal(c, "第")) {
		if (skip_numerals(c) && (skip_literal(c, "部分") || skip_literal(c, "章") ||
					 skip_literal(c, "节"))) {
			skip_blank(c);
			if (is_number_separator(peek(c, &n)))
				c->off += n;
			return;
		}
		*c = save;
		return;
	}
	if (skip_numerals(c)) {
		if (c->off < c->len && is_number_separator(peek(c, &n))) {
			c->off += n;
			return;
		}
		*c = save;
	}
}

/* The heading reduced to its words: no number, markup, spaces or digits (years vary, words do not). */
static char *normalise(const char *heading)
{
	cursor c = {heading, strlen(heading), 0};
	nb_sb sb = {0};
	nb_sb_add(&sb, "", 0); /* terminates the text even when nothing follows */
	skip_blank(&c);
	skip_numbering(&c);
	while (c.off < c.len) {
		size_t n;
		uint32_t cp = peek(&c, &n);
		bool digit = (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
		if (!nb_is_space(cp) && !is_markup(cp) && !digit)
			nb_sb_add(&sb, c.s + c.off, n);
		c.off += n;
	}
	return nb_sb_take(&sb);
}

static int section_score(const nb_tsection *s, const char *words)
{
	int score = 0;
	for (size_t i = 0; i < s->nkeywords; i++)
		if (strstr(words, s->keywords[i]))
			score += s->keyword_weights ? s->keyword_weights[i] : 1;
	return score;
}

const nb_tsection *nb_template_match_heading(const nb_template *t, const char *heading)
{
	if (!t || !heading)
		return NULL;
	char *words = normalise(heading);
	const nb_tsection *best = NULL;
	int best_score = NB_HEADING_MIN_SCORE - 1;
	/* Ties go to the earlier section: the regulation's order is the likelier reading. */
	for (size_t i = 0; i < t->nsections; i++) {
		int score = section_score(&t->sections[i], words);
		if (score > best_score) {
			best_score = score;
			best = &t->sections[i];
		}
	}
	free(words);
	return best;
}
