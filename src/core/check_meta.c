/* check_meta.c — the document's particulars: required fields, years (title, headings, 文号,
 * 成文日期) and the submission deadline. */
#include "config.h"
#include "check_rules.h"
#include "nianbao/text.h"
#include "nianbao/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define GBT9704 "GB/T 9704—2012《党政机关公文格式》"
#define DUCHA "《法治政府建设与责任落实督察工作规定》"

/* ---- reading years and dates ---- */

/* 〇一二…九 (and the ○ often typed for 〇) as a digit, or -1. */
static int zh_digit(uint32_t cp)
{
	switch (cp) {
	case 0x3007: case 0x25CB: case 0x96F6: return 0;   /* 〇 ○ 零 */
	case 0x4E00: return 1;
	case 0x4E8C: return 2;
	case 0x4E09: return 3;
	case 0x56DB: return 4;
	case 0x4E94: return 5;
	case 0x516D: return 6;
	case 0x4E03: return 7;
	case 0x516B: return 8;
	case 0x4E5D: return 9;
	default: return -1;
	}
}

static uint32_t cp_at(const char *s, size_t len, size_t i, size_t *n)
{
	uint32_t cp;
	bool valid;
	*n = nb_utf8_decode(s + i, len - i, &cp, &valid);
	return cp;
}

/* Skips ASCII spaces, U+3000 and NBSP: "2023 年" is an extraction artefact of "2023年". */
static size_t skip_spaces(const char *s, size_t len, size_t i)
{
	while (i < len) {
		size_t n;
		uint32_t cp = cp_at(s, len, i, &n);
		if (cp != ' ' && cp != 0x3000 && cp != 0xA0 && cp != '\t')
			break;
		i += n;
	}
	return i;
}

static bool starts_with(const char *s, size_t len, size_t i, const char *lit)
{
	size_t l = strlen(lit);
	return i + l <= len && memcmp(s + i, lit, l) == 0;
}

static bool is_ascii_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

/* A four-digit year at i (ASCII or Chinese digits) that does not continue a longer number.
 * Returns its end offset, or 0. */
static size_t read_year(const char *s, size_t len, size_t i, int *year)
{
	if (i < len && is_ascii_digit(s[i])) {
		if (i > 0 && is_ascii_digit(s[i - 1]))
			return 0;
		size_t j = i;
		int v = 0;
		while (j < len && is_ascii_digit(s[j]) && j - i < 5)
			v = v * 10 + (s[j++] - '0');
		if (j - i != 4)
			return 0;
		*year = v;
		return j;
	}
	if (i > 0) {
		size_t p = nb_utf8_prev(s, i), n;
		if (zh_digit(cp_at(s, len, p, &n)) >= 0)
			return 0;
	}
	int v = 0, digits = 0;
	size_t j = i;
	while (j < len && digits < 5) {
		size_t n;
		int d = zh_digit(cp_at(s, len, j, &n));
		if (d < 0)
			break;
		v = v * 10 + d;
		digits++;
		j += n;
	}
	if (digits != 4)
		return 0;
	*year = v;
	return j;
}

static bool plausible_year(int y)
{
	return y >= 1949 && y <= 2999;
}

/* The year written just before `end` (exclusive): four ASCII or four Chinese digits, not part of
 * a longer number. Returns its start, or (size_t)-1. */
static size_t year_before(const char *s, size_t len, size_t end, int *year)
{
	if (end >= 4 && is_ascii_digit(s[end - 1])) {
		size_t b = end;
		while (b > 0 && is_ascii_digit(s[b - 1]) && end - b < 5)
			b--;
		if (end - b != 4 || (b > 0 && is_ascii_digit(s[b - 1])))
			return (size_t)-1;
		*year = (s[b] - '0') * 1000 + (s[b + 1] - '0') * 100 + (s[b + 2] - '0') * 10 + (s[b + 3] - '0');
		return b;
	}
	int v = 0, mul = 1, digits = 0;
	size_t b = end;
	while (b > 0 && digits < 5) {
		size_t p = nb_utf8_prev(s, b), n;
		int d = zh_digit(cp_at(s, len, p, &n));
		if (d < 0)
			break;
		v += d * mul;
		mul *= 10;
		digits++;
		b = p;
	}
	if (digits != 4)
		return (size_t)-1;
	*year = v;
	return b;
}

/* Spaces just before `end`: "2023 年" is an extraction artefact of "2023年". */
static size_t skip_spaces_back(const char *s, size_t end)
{
	for (;;) {
		if (end >= 1 && (s[end - 1] == ' ' || s[end - 1] == '\t'))
			end--;
		else if (end >= 3 && memcmp(s + end - 3, "\xE3\x80\x80", 3) == 0)   /* U+3000 */
			end -= 3;
		else if (end >= 2 && memcmp(s + end - 2, "\xC2\xA0", 2) == 0)       /* NBSP */
			end -= 2;
		else
			return end;
	}
}

/* Reads backwards from each 年, which is rare, instead of decoding every character. */
size_t nb_find_years(const char *s, size_t len, nb_year_hit *hits, size_t max)
{
	static const char nian[] = "年";
	size_t n = 0, i = 0;
	while (n < max && i < len) {
		const char *p = memchr(s + i, nian[0], len - i);
		if (!p)
			break;
		size_t at = (size_t)(p - s);
		if (len - at < sizeof nian - 1 || memcmp(p, nian, sizeof nian - 1) != 0) {
			i = at + 1;
			continue;
		}
		int y;
		size_t end = skip_spaces_back(s, at);
		size_t b = year_before(s, len, end, &y);
		if (b != (size_t)-1 && plausible_year(y))
			hits[n++] = (nb_year_hit){y, b, end - b};
		i = at + sizeof nian - 1;
	}
	return n;
}

/* 1..31 in ASCII digits or Chinese (三, 十二, 二十六, 三十一). Returns the end offset, or 0. */
static size_t read_small_number(const char *s, size_t len, size_t i, int *out)
{
	if (i < len && is_ascii_digit(s[i])) {
		int v = 0;
		size_t j = i;
		while (j < len && is_ascii_digit(s[j]) && j - i < 3)
			v = v * 10 + (s[j++] - '0');
		*out = v;
		return j - i <= 2 ? j : 0;
	}
	int tens = -1, units = 0;
	bool any = false, have_unit = false;
	size_t j = i;
	while (j < len) {
		size_t n;
		uint32_t cp = cp_at(s, len, j, &n);
		int d = zh_digit(cp);
		if (cp == 0x5341) {                    /* 十 */
			if (tens >= 0)
				return 0;
			tens = have_unit ? units : 1;
			units = 0;
			have_unit = false;
		} else if (d > 0) {
			if (have_unit)
				return 0;
			units = d;
			have_unit = true;
		} else {
			break;
		}
		any = true;
		j += n;
	}
	if (!any)
		return 0;
	*out = (tens >= 0 ? tens * 10 : 0) + units;
	return j;
}

static bool valid_date(int y, int m, int d)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (!plausible_year(y) || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return !(m == 2 && d == 29 && !leap);
}

bool nb_parse_date(const char *s, int *y, int *m, int *d)
{
	size_t len = strlen(s);
	size_t i = skip_spaces(s, len, 0);
	int yy, mm, dd;
	size_t j = read_year(s, len, i, &yy);
	if (!j)
		return false;
	j = skip_spaces(s, len, j);
	if (starts_with(s, len, j, "年")) {
		j = skip_spaces(s, len, j + strlen("年"));
		j = read_small_number(s, len, j, &mm);
		if (!j)
			return false;
		j = skip_spaces(s, len, j);
		if (!starts_with(s, len, j, "月"))
			return false;
		j = skip_spaces(s, len, j + strlen("月"));
		j = read_small_number(s, len, j, &dd);
		if (!j)
			return false;
		j = skip_spaces(s, len, j);
		if (!starts_with(s, len, j, "日") && !starts_with(s, len, j, "号"))
			return false;
	} else {
		if (j >= len)
			return false;
		char sep = s[j];
		if (sep != '-' && sep != '.' && sep != '/')
			return false;
		j = read_small_number(s, len, j + 1, &mm);
		if (!j || j >= len || s[j] != sep)
			return false;
		j = read_small_number(s, len, j + 1, &dd);
		if (!j)
			return false;
	}
	if (!valid_date(yy, mm, dd))
		return false;
	*y = yy;
	*m = mm;
	*d = dd;
	return true;
}

static bool is_open_bracket(uint32_t cp)
{
	return cp == 0x3014 || cp == '[' || cp == '(' || cp == 0xFF08 || cp == 0x3010 || cp == 0xFF3B ||
	       cp == 0x3016;   /* 〔 [ ( （ 【 ［ 〖 */
}

static bool is_close_bracket(uint32_t cp)
{
	return cp == 0x3015 || cp == ']' || cp == ')' || cp == 0xFF09 || cp == 0x3011 || cp == 0xFF3D ||
	       cp == 0x3017;
}

int nb_doc_number_year(const char *s, size_t *off, size_t *len)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		size_t step;
		uint32_t cp = cp_at(s, n, i, &step);
		if (is_open_bracket(cp)) {
			size_t j = skip_spaces(s, n, i + step);
			int y;
			size_t end = read_year(s, n, j, &y);
			if (end && plausible_year(y)) {
				size_t k = skip_spaces(s, n, end), cn;
				if (k < n && is_close_bracket(cp_at(s, n, k, &cn))) {
					*off = j;
					*len = end - j;
					return y;
				}
			}
		}
		i += step;
	}
	return 0;
}

/* ---- rules ---- */

static bool meta_set(const nb_report *r, nb_meta_field f)
{
	const char *v = nb_report_meta(r, f);
	size_t len = strlen(v), i = skip_spaces(v, len, 0);
	return i < len;
}

/* Why a field matters, so the clerk knows what to put there. */
static const char *field_reason(nb_meta_field f)
{
	switch (f) {
	case NB_META_UNIT:
		return "年度报告应写明发文机关全称。";
	case NB_META_UNIT_TYPE:
		return "单位类型决定报送期限和报送对象。";
	case NB_META_TITLE:
		return "年度报告应有标题，写明机关名称和报告年度。";
	case NB_META_DOC_NUMBER:
		return "依据" GBT9704 "，正式报送的公文应标注发文字号。";
	case NB_META_SIGNER:
		return "依据" GBT9704 "，年度报告是向上级报送的上行文，应标注签发人。";
	case NB_META_RECIPIENT:
		return "依据" DUCHA "，年度报告应向上一级党委和政府（部门还有本级党委和政府）报送，应写明主送机关。";
	case NB_META_SIGNATURE:
		return "依据" GBT9704 "，公文应有发文机关署名。";
	case NB_META_DATE:
		return "依据" GBT9704 "，公文应有成文日期；成文日期也用于核对是否按期报送。";
	case NB_META_CC:
		return "依据" DUCHA "，年度报告一般应抄送上一级党委法治建设议事协调机构的办事机构（依法治X办）。";
	case NB_META_PRINTER:
	case NB_META_PRINT_DATE:
		return "依据" GBT9704 "，版记应写明印发机关和印发日期。";
	case NB_META_PUBLISH_CHANNEL:
	case NB_META_PUBLISH_DATE:
		return "依据" DUCHA "，年度报告应于每年4月1日前通过报刊、网站等向社会公开。";
	case NB_META_SECRECY_REVIEW:
		return "年度报告公开前应进行保密审查。";
	case NB_META_YEAR:
	case NB_META_COUNT:
		break;
	}
	return "";
}

static void rule_year_known(nb_check_ctx *c)
{
	if (c->year || !nb_ctx_on(c, NB_RULE_META_MISSING))
		return;
	char *msg;
	if (meta_set(c->r, NB_META_YEAR))
		msg = nb_xasprintf("报告年度“%s”不是有效的年份，无法核对标题、各部分标题和成文日期中的年份。",
				   nb_report_meta(c->r, NB_META_YEAR));
	else
		msg = nb_xstrdup("未写明报告年度，无法核对标题、各部分标题和成文日期中的年份。");
	nb_finding *f = nb_emit(c, NB_RULE_META_MISSING, msg, nb_xstrdup("写明报告所总结的年度，如“2024”"));
	nb_place_meta(c, f, NB_META_YEAR, 0, strlen(nb_report_meta(c->r, NB_META_YEAR)));
}

static void rule_required_fields(nb_check_ctx *c)
{
	if (!nb_ctx_on(c, NB_RULE_META_MISSING))
		return;
	for (size_t k = 0; k < c->t->nrequired_meta; k++) {
		int field = nb_meta_field_by_key(c->t->required_meta[k]);
		if (field < 0 || field == NB_META_YEAR || meta_set(c->r, (nb_meta_field)field))
			continue;
		/* Publication particulars are not in the document itself: a reminder, not a defect. */
		nb_severity sev = nb_meta_fields[field].in_form ? NB_SEV_WARNING : NB_SEV_INFO;
		char *msg = nb_xasprintf("缺少%s。%s", nb_meta_fields[field].label_zh,
					 field_reason((nb_meta_field)field));
		char *sugg = NULL;
		if (field == NB_META_DATE && c->year)
			sugg = nb_xasprintf("在落款下方写明成文日期，如“%d年2月20日”", c->year + 1);
		else
			sugg = nb_xasprintf("补上%s", nb_meta_fields[field].label_zh);
		nb_finding *f = nb_emit_sev(c, NB_RULE_META_MISSING, sev, msg, sugg);
		nb_place_meta(c, f, (nb_meta_field)field, 0, 0);
	}
}

/* s with bytes [off, off+len) replaced by the number y. */
static char *replace_year(const char *s, size_t off, size_t len, int y)
{
	return nb_xasprintf("%.*s%d%s", (int)off, s, y, s + off + len);
}

static void rule_title_year(nb_check_ctx *c)
{
	if (!c->year || !nb_ctx_on(c, NB_RULE_YEAR_MISMATCH))
		return;
	const char *title = nb_report_meta(c->r, NB_META_TITLE);
	nb_year_hit hits[8];
	size_t n = nb_find_years(title, strlen(title), hits, 8);
	if (n == 0)
		return;
	for (size_t i = 0; i < n; i++)
		if (hits[i].year == c->year)
			return;
	char *msg = nb_xasprintf("标题中的年份（%d年）与报告年度（%d年）不符：年度报告的标题应写明所总结的年度。",
				 hits[0].year, c->year);
	nb_finding *f = nb_emit(c, NB_RULE_YEAR_MISMATCH, msg,
				replace_year(title, hits[0].off, hits[0].len, c->year));
	nb_place_meta(c, f, NB_META_TITLE, hits[0].off, hits[0].len);
}

static void format_date(nb_sb *sb, int y, int m, int d)
{
	nb_sb_printf(sb, "%d年%d月%d日", y, m, d);
}

static void rule_date_years(nb_check_ctx *c, bool have_date, int dy, int dm, int dd)
{
	if (!nb_ctx_on(c, NB_RULE_YEAR_MISMATCH) || !have_date)
		return;
	const char *num = nb_report_meta(c->r, NB_META_DOC_NUMBER);
	size_t off, len;
	int ny = nb_doc_number_year(num, &off, &len);
	if (ny && ny != dy) {
		char *msg = nb_xasprintf("发文字号中的年份（%d）与成文日期的年份（%d年）不一致：发文字号应标注成文的年份。",
					 ny, dy);
		nb_finding *f = nb_emit(c, NB_RULE_YEAR_MISMATCH, msg, replace_year(num, off, len, dy));
		nb_place_meta(c, f, NB_META_DOC_NUMBER, off, len);
	}
	if (!c->year || dy == c->year + 1)
		return;
	nb_sb m = {0};
	nb_sb_adds(&m, "成文日期（");
	format_date(&m, dy, dm, dd);
	if (dy == c->year)
		nb_sb_printf(&m, "）与报告年度同在%d年。年度报告总结全年工作，一般在次年年初（%d年）成文报送；"
				 "请核对成文日期和报告年度。", c->year, c->year + 1);
	else if (dy < c->year)
		nb_sb_printf(&m, "）早于报告年度（%d年），成文日期或报告年度有误。", c->year);
	else
		nb_sb_printf(&m, "）在%d年，而%d年度的报告应在%d年年初成文报送；请核对成文日期和报告年度。",
			     dy, c->year, c->year + 1);
	nb_finding *f = nb_emit(c, NB_RULE_YEAR_MISMATCH, nb_sb_take(&m), NULL);
	nb_place_meta(c, f, NB_META_DATE, 0, strlen(nb_report_meta(c->r, NB_META_DATE)));
}

/* A date as one comparable number: 20250301. */
static long date_number(int y, int m, int d)
{
	return (long)y * 10000 + m * 100 + d;
}

static const nb_deadline *deadline_for(const nb_deadline *list, size_t n, const char *unit_type)
{
	const nb_deadline *any = NULL;
	for (size_t i = 0; i < n; i++) {
		const nb_deadline *d = &list[i];
		if (!d->unit_type)
			continue;
		if (strcmp(d->unit_type, unit_type) == 0 && *unit_type)
			return d;
		if (strcmp(d->unit_type, "*") == 0 && !any)
			any = d;
	}
	return any;
}

static void rule_deadline(nb_check_ctx *c, bool have_date, int dy, int dm, int dd)
{
	if (!c->year || !have_date || !nb_ctx_on(c, NB_RULE_DEADLINE))
		return;
	const char *unit_type = nb_report_meta(c->r, NB_META_UNIT_TYPE);
	const nb_deadline *dl = deadline_for(c->t->deadlines, c->t->ndeadlines, unit_type);
	if (!dl || !valid_date(c->year + 1, dl->month, dl->day))
		return;
	long written = date_number(dy, dm, dd);
	long due = date_number(c->year + 1, dl->month, dl->day);
	if (written <= due)
		return;
	nb_sb m = {0};
	nb_sb_adds(&m, "成文日期");
	format_date(&m, dy, dm, dd);
	nb_sb_printf(&m, "晚于报送期限：%s应在%d年%d月%d日前报送%d年度的法治政府建设年度报告。",
		     strcmp(dl->unit_type, "*") == 0 || !*unit_type ? "各单位" : unit_type,
		     c->year + 1, dl->month, dl->day, c->year);
	if (dl->basis && *dl->basis) {
		nb_sb_adds(&m, "依据：");
		nb_add_basis(&m, dl->basis);
		nb_sb_adds(&m, "。");
	}
	char *sugg = nb_xasprintf("按期在%d年%d月%d日前成文报送；确已逾期的，报送时说明原因",
				  c->year + 1, dl->month, dl->day);
	nb_finding *f = nb_emit(c, NB_RULE_DEADLINE, nb_sb_take(&m), sugg);
	nb_place_meta(c, f, NB_META_DATE, 0, strlen(nb_report_meta(c->r, NB_META_DATE)));
}

/* 公开日期: after the publication deadline, or before the report was even written. */
static void rule_publication(nb_check_ctx *c, bool have_date, int dy, int dm, int dd)
{
	if (!c->year || !meta_set(c->r, NB_META_PUBLISH_DATE) || !nb_ctx_on(c, NB_RULE_DEADLINE))
		return;
	const char *text = nb_report_meta(c->r, NB_META_PUBLISH_DATE);
	int py, pm, pd;
	if (!nb_parse_date(text, &py, &pm, &pd))
		return;   /* "已在区政府网站公开" and the like: nothing to compare */
	long published = date_number(py, pm, pd);
	nb_sb m = {0};
	char *sugg = NULL;
	if (have_date && published < date_number(dy, dm, dd)) {
		nb_sb_adds(&m, "公开日期");
		format_date(&m, py, pm, pd);
		nb_sb_adds(&m, "早于成文日期");
		format_date(&m, dy, dm, dd);
		nb_sb_adds(&m, "：报告成文之后才能公开，两个日期至少有一个写错了。");
		sugg = nb_xstrdup("核对公开日期和成文日期");
	} else {
		const char *unit_type = nb_report_meta(c->r, NB_META_UNIT_TYPE);
		const nb_deadline *dl = deadline_for(c->t->publication_deadlines,
						     c->t->npublication_deadlines, unit_type);
		if (!dl || !valid_date(c->year + 1, dl->month, dl->day))
			return;
		if (published <= date_number(c->year + 1, dl->month, dl->day))
			return;
		nb_sb_adds(&m, "公开日期");
		format_date(&m, py, pm, pd);
		nb_sb_printf(&m, "晚于公开期限：%d年度的法治政府建设年度报告应在%d年%d月%d日前"
				 "通过报刊、网站等向社会公开。", c->year, c->year + 1, dl->month, dl->day);
		if (dl->basis && *dl->basis) {
			nb_sb_adds(&m, "依据：");
			nb_add_basis(&m, dl->basis);
			nb_sb_adds(&m, "。");
		}
		sugg = nb_xasprintf("在%d年%d月%d日前公开；确已逾期的，向依法治县（区）办说明原因",
				    c->year + 1, dl->month, dl->day);
	}
	nb_finding *f = nb_emit(c, NB_RULE_DEADLINE, nb_sb_take(&m), sugg);
	nb_place_meta(c, f, NB_META_PUBLISH_DATE, 0, strlen(text));
}

void nb_rule_meta(nb_check_ctx *c)
{
	rule_year_known(c);
	rule_required_fields(c);
	rule_title_year(c);

	int dy = 0, dm = 0, dd = 0;
	bool have_date = false;
	if (meta_set(c->r, NB_META_DATE)) {
		have_date = nb_parse_date(nb_report_meta(c->r, NB_META_DATE), &dy, &dm, &dd);
		if (!have_date && nb_ctx_on(c, NB_RULE_META_MISSING)) {
			char *msg = nb_xasprintf("成文日期“%s”无法识别为日期，无法核对报送期限。",
						 nb_report_meta(c->r, NB_META_DATE));
			nb_finding *f = nb_emit(c, NB_RULE_META_MISSING, msg,
						nb_xstrdup("按“2024年2月20日”的格式写成文日期"));
			nb_place_meta(c, f, NB_META_DATE, 0, strlen(nb_report_meta(c->r, NB_META_DATE)));
		}
	}
	rule_date_years(c, have_date, dy, dm, dd);
	rule_deadline(c, have_date, dy, dm, dd);
	rule_publication(c, have_date, dy, dm, dd);
}

/* The part that plans ahead is the one with an item asking for the next year. */
static bool plans_next_year(const nb_tsection *ts)
{
	for (size_t i = 0; i < ts->nitems; i++)
		if (ts->items[i].next_year)
			return true;
	return false;
}

void nb_rule_heading_year(nb_check_ctx *c, size_t sidx)
{
	if (!c->year || !nb_ctx_on(c, NB_RULE_YEAR_MISMATCH))
		return;
	const nb_section *s = &c->r->sections[sidx];
	nb_year_hit hits[8];
	size_t n = nb_find_years(s->heading, strlen(s->heading), hits, 8);
	if (n == 0)
		return;
	int tidx = nb_ctx_tsection(c, sidx);
	bool plan = tidx >= 0 && plans_next_year(&c->t->sections[tidx]);
	for (size_t i = 0; i < n; i++) {
		int y = hits[i].year;
		if (tidx < 0 ? (y == c->year || y == c->year + 1) : y == (plan ? c->year + 1 : c->year))
			return;
	}
	int want = plan ? c->year + 1 : c->year;
	char *msg;
	if (plan)
		msg = nb_xasprintf("“%s”写的是%d年，但%d年度报告的工作安排应针对下一年度（%d年）。", s->heading,
				   hits[0].year, c->year, want);
	else
		msg = nb_xasprintf("“%s”中的年份（%d年）与报告年度（%d年）不符。", s->heading, hits[0].year,
				   c->year);
	nb_finding *f = nb_emit(c, NB_RULE_YEAR_MISMATCH, msg,
				replace_year(s->heading, hits[0].off, hits[0].len, want));
	nb_place_heading(c, f, sidx, hits[0].off, hits[0].len);
}
