/* import_clean.c — cleaning one input line, keeping a map back to its input columns. */
#include "config.h"
#include "import_internal.h"

static bool is_cjk(uint32_t cp)
{
	return nb_is_han(cp) || nb_is_cjk_punct(cp);
}

static void emit(nb_sb *sb, line *l, const char *bytes, size_t n, int col, int *expect)
{
	if (l->nmap == 0 || col != *expect)
		nb_srcmap_add(&l->map, &l->nmap, sb->len, l->no, col);
	nb_sb_add(sb, bytes, n);
	*expect = col + 1;
}

static bool is_rule_cp(uint32_t cp)
{
	return (cp >= 0x2500 && cp <= 0x257F) || cp == '-' || cp == '=' || cp == '_' ||
	       cp == 0x2014 || cp == 0xFF0D || cp == 0xFF1D || cp == '*' || cp == '~';
}

static bool all_rule(const char *s, size_t len)
{
	if (nchars(s, len) < 3)
		return false;
	for (size_t i = 0; i < len;) {
		size_t n;
		if (!is_rule_cp(cp_at(s, len, i, &n)))
			return false;
		i += n;
	}
	return true;
}

/* Removes a space run when it sits where Chinese typesetting has none: between Chinese
 * characters or punctuation, or between them and figures ("2023 年", "网格员 530 人"). */
static bool extraction_space(uint32_t prev, uint32_t next)
{
	if (prev == 0 || next == 0)
		return false;
	return (is_cjk(prev) && (is_cjk(next) || is_digit(next))) ||
	       (is_digit(prev) && is_cjk(next));
}

static bool at_stars(const char *s, size_t len, size_t i)
{
	return i + 1 < len && s[i] == '*' && s[i + 1] == '*';
}

void nb_import_clean_line(const char *s, size_t len, int no, line *l)
{
	memset(l, 0, sizeof *l);
	l->no = no;
	size_t a = 0, b = len;
	unsigned lead = 0;
	bool has_content = false;
	for (size_t i = 0; i < len;) {
		size_t n;
		if (!is_blank(cp_at(s, len, i, &n))) {
			has_content = true;
			break;
		}
		i += n;
	}
	/* Leading indentation and Markdown heading / emphasis marks. */
	for (;;) {
		if (a >= b)
			break;
		size_t n;
		uint32_t cp = cp_at(s, b, a, &n);
		if (is_blank(cp)) {
			/* The space after "#" belongs to the Markdown mark, not to an indentation. */
			if (!(lead & CH_MARKDOWN))
				lead |= cp == 0x3000 ? CH_INDENT_WIDE : CH_INDENT;
			a += n;
		} else if (s[a] == '#') {
			while (a < b && s[a] == '#')
				a++;
			lead |= CH_MARKDOWN;
		} else if (at_stars(s, b, a)) {
			a += 2;
			lead |= CH_MARKDOWN;
		} else {
			break;
		}
	}
	for (;;) {
		if (b <= a)
			break;
		size_t p = nb_utf8_prev(s, b);
		if (p < a)
			break;
		if (is_blank(cp_at(s, b, p, NULL))) {
			l->changes |= CH_TRAILING;
			b = p;
		} else if (b - a >= 2 && s[b - 1] == '*' && s[b - 2] == '*') {
			b -= 2;
			l->changes |= CH_MARKDOWN;
		} else {
			break;
		}
	}
	if (!has_content) {
		/* A line of nothing but spaces is just a blank line. */
		l->text = nb_xstrdup("");
		l->changes = 0;
		return;
	}
	/* Markdown marks on their own (a line of "**") leave a blank line. */
	l->changes |= lead & CH_MARKDOWN;
	if (a < b)
		l->changes |= lead & (CH_INDENT | CH_INDENT_WIDE);

	nb_sb sb = {0};
	int col = (int)nchars(s, a) + 1, expect = 0;
	uint32_t prev = 0;
	for (size_t i = a; i < b;) {
		if (at_stars(s, b, i)) {
			i += 2;
			col += 2;
			l->changes |= CH_MARKDOWN;
			continue;
		}
		size_t n;
		uint32_t cp = cp_at(s, b, i, &n);
		if (is_blank(cp)) {
			size_t j = i;
			int run = 0;
			while (j < b) {
				size_t m;
				if (!is_blank(cp_at(s, b, j, &m)))
					break;
				j += m;
				run++;
			}
			size_t k = j;
			while (at_stars(s, b, k))
				k += 2;
			uint32_t next = k < b ? cp_at(s, b, k, NULL) : 0;
			if (extraction_space(prev, next)) {
				l->changes |= CH_SPACES;
			} else {
				int c = col;
				for (size_t q = i; q < j;) {
					size_t m;
					cp_at(s, b, q, &m);
					emit(&sb, l, s + q, m, c++, &expect);
					q += m;
				}
				prev = ' ';
			}
			col += run;
			i = j;
			continue;
		}
		emit(&sb, l, s + i, n, col, &expect);
		prev = cp;
		col++;
		i += n;
	}
	l->len = sb.len;
	l->text = sb_take(&sb);
	if (all_rule(l->text, l->len)) {
		l->rule = true;
		l->changes = 0;
	}
}
