/* import_shapes.c — recognising numbering, dates, years, 文号 and organ names in draft text. */
#include "config.h"
#include "import_internal.h"

static int digit_value(uint32_t cp)
{
	return cp <= '9' ? (int)(cp - '0') : (int)(cp - 0xFF10);
}

/* Length in bytes of a run of Chinese numerals (一 … 十, 百, 〇, 零) at s, at most `max` chars. */
static size_t skip_cn_numeral(const char *s, size_t len, int max)
{
	static const char *const digits[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九",
					     "十", "〇", "零", "百"};
	size_t off = 0;
	for (int count = 0; count < max; count++) {
		bool hit = false;
		for (size_t i = 0; i < sizeof digits / sizeof digits[0]; i++)
			if (starts_with(s + off, len - off, digits[i])) {
				off += strlen(digits[i]);
				hit = true;
				break;
			}
		if (!hit)
			break;
	}
	return off;
}

static size_t skip_digits(const char *s, size_t len, int max, int *value)
{
	size_t off = 0;
	int v = 0;
	for (int count = 0; count < max && off < len; count++) {
		size_t n;
		uint32_t cp = cp_at(s, len, off, &n);
		if (!is_digit(cp))
			break;
		v = v * 10 + digit_value(cp);
		off += n;
	}
	if (value)
		*value = v;
	return off;
}

/* 一、 二、 … 二十、: the numbering of a top-level heading. Returns the bytes of the marker. */
size_t nb_draft_top_marker(const char *s, size_t len)
{
	size_t k = skip_cn_numeral(s, len, 3);
	if (k == 0 || !starts_with(s + k, len - k, "、"))
		return 0;
	return k + strlen("、");
}

/* （一） (一) （1） (1) 1. 1． 1、 ①: numbering below the top level. */
bool nb_draft_is_sub_marker(const char *s, size_t len)
{
	static const char *const open[] = {"（", "("};
	static const char *const close[] = {"）", ")"};
	for (size_t i = 0; i < 2; i++) {
		if (!starts_with(s, len, open[i]))
			continue;
		size_t k = strlen(open[i]);
		size_t n = skip_cn_numeral(s + k, len - k, 3);
		if (n == 0)
			n = skip_digits(s + k, len - k, 2, NULL);
		if (n == 0)
			continue;
		for (size_t j = 0; j < 2; j++)
			if (starts_with(s + k + n, len - k - n, close[j]))
				return true;
	}
	size_t d = skip_digits(s, len, 2, NULL);
	if (d > 0) {
		static const char *const sep[] = {".", "．", "、"};
		for (size_t j = 0; j < 3; j++)
			if (starts_with(s + d, len - d, sep[j])) {
				size_t after = d + strlen(sep[j]);
				/* 1.5万元 is a number, not a list item. */
				return after >= len || !is_digit(cp_at(s, len, after, NULL));
			}
	}
	uint32_t first = len ? cp_at(s, len, 0, NULL) : 0;
	return first >= 0x2460 && first <= 0x2473; /* ① … ⑳ */
}

/* 一是 二是 …: the enumeration inside a paragraph; a line starting with it starts a paragraph. */
bool nb_draft_is_enum_opener(const char *s, size_t len)
{
	size_t k = skip_cn_numeral(s, len, 2);
	return k > 0 && starts_with(s + k, len - k, "是");
}

/* Length of a date (2024年3月26日, ２０２４年…, 二〇二四年三月二十六日) at s, or 0. */
size_t nb_draft_match_date(const char *s, size_t len)
{
	static const char *const units[] = {"年", "月", "日"};
	static const int maxlen[] = {4, 2, 2};
	size_t off = 0;
	for (int part = 0; part < 3; part++) {
		size_t n = skip_digits(s + off, len - off, maxlen[part], NULL);
		if (part == 0 && n > 0 && nchars(s + off, n) != 4)
			return 0;
		if (n == 0)
			n = skip_cn_numeral(s + off, len - off, part == 0 ? 4 : 3);
		if (n == 0)
			return 0;
		off += n;
		if (!starts_with(s + off, len - off, units[part]))
			return 0;
		off += strlen(units[part]);
	}
	return off;
}

/* A four-digit year followed by 年 at s: returns the year, 0 if none. */
int nb_draft_year_at(const char *s, size_t len, size_t *consumed)
{
	int v;
	size_t n = skip_digits(s, len, 4, &v);
	if (n == 0 || nchars(s, n) != 4 || !starts_with(s + n, len - n, "年"))
		return 0;
	if (v < 1949 || v > 2999)
		return 0;
	if (consumed)
		*consumed = n + strlen("年");
	return v;
}

/* First year (YYYY年) anywhere in s; *at receives its byte offset. */
int nb_draft_find_year(const char *s, size_t len, size_t *at, const char *followed_by)
{
	for (size_t i = 0; i < len;) {
		size_t n, used;
		cp_at(s, len, i, &n);
		int y = nb_draft_year_at(s + i, len - i, &used);
		if (y && (!followed_by || starts_with(s + i + used, len - i - used, followed_by))) {
			if (at)
				*at = i;
			return y;
		}
		i += n;
	}
	return 0;
}

/* Does the line look like the name of an organ (发文机关标志, 落款, 印发机关)? */
bool nb_draft_looks_like_unit(const char *s, size_t len)
{
	static const char *const suffixes[] = {"委员会", "人民政府", "政府", "办公室", "办事处",
					       "街道", "社区", "党委", "党工委", "党组", "局", "委",
					       "办", "院", "厅", "部", "中心", "所", "镇", "乡", "组",
					       "室", "会"};
	static const uint32_t bad[] = {0x3002, 0xFF0C, 0xFF1B, 0xFF01, 0xFF1F, 0xFF1A, 0x201C,
				       0x201D, 0x300A, 0x300B, ',', '.', ';', ':', '!', '?'};
	size_t n = nchars(s, len);
	if (n < 3 || n > 40 || nb_draft_top_marker(s, len) || nb_draft_is_sub_marker(s, len))
		return false;
	if (has_any_cp(s, len, bad, sizeof bad / sizeof bad[0]))
		return false;
	if (ends_with(s, len, "文件"))
		len -= strlen("文件");
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++)
		if (ends_with(s, len, suffixes[i]))
			return true;
	return false;
}

/* 机关代字〔2024〕5号 (and the [ ] ( ) 【】 variants clerks type): returns the end of 号, or 0. */
size_t nb_draft_match_doc_number(const char *s, size_t len)
{
	static const char *const open[] = {"〔", "[", "(", "（", "【", "［", "﹝", "〖"};
	static const char *const close[] = {"〕", "]", ")", "）", "】", "］", "﹞", "〗"};
	size_t off = 0;
	int prefix_chars = 0;
	while (off < len && prefix_chars <= 20) {
		for (size_t i = 0; i < sizeof open / sizeof open[0]; i++) {
			if (prefix_chars == 0 || !starts_with(s + off, len - off, open[i]))
				continue;
			size_t k = off + strlen(open[i]);
			size_t y = skip_digits(s + k, len - k, 4, NULL);
			if (y == 0)
				continue;
			k += y;
			bool closed = false;
			for (size_t j = 0; j < sizeof close / sizeof close[0]; j++)
				if (starts_with(s + k, len - k, close[j])) {
					k += strlen(close[j]);
					closed = true;
					break;
				}
			if (!closed)
				continue;
			if (starts_with(s + k, len - k, "第"))
				k += strlen("第");
			size_t d = skip_digits(s + k, len - k, 5, NULL);
			if (d == 0)
				continue;
			k += d;
			if (!starts_with(s + k, len - k, "号"))
				continue;
			return k + strlen("号");
		}
		size_t n;
		uint32_t cp = cp_at(s, len, off, &n);
		if (!(nb_is_han(cp) || (cp < 0x80 && ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'))))
			return 0;
		off += n;
		prefix_chars++;
	}
	return 0;
}
