/* check_figures.c — the report's figures: a measure stated twice with different values, a total
 * that its listed parts do not add up to, a rate that does not follow from the counts beside it,
 * a section with no figure at all, and paragraphs made only of stock phrases.
 *
 * A measure is named by the Chinese words right before its number (接访下访43次 → 接访下访,
 * 次). Two statements are the same measure when their names end in the same characters (at
 * least the lexicon's figure-key-min of them) and the units agree;
 * statements marked as parts, comparisons or other periods (其中, 同比, 上年 …, from the
 * lexicon's figure-skip list) and approximate ones (500余件) are never compared. */
#include "config.h"
#include "check_text.h"
#include "nianbao/text.h"
#include "nianbao/util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KEY_MAX_CHARS 10
#define HAN_BYTES 3

/* ---- numbers in text ---- */

typedef struct num {
	size_t off, len;        /* the digits (with decimals) */
	double value;
	int decimals;
	bool approx;            /* 余 / 多 / 近 / 约 */
	bool percent;
	const char *unit;       /* bytes of the unit (a Han character, maybe two), or "%" */
	size_t unit_len;
	const char *key;        /* the Han words before the number */
	size_t key_len;         /* bytes; multiple of 3 */
	size_t end;             /* after the unit */
	int depth;              /* inside how many （ ） */
} num;

typedef struct nums {
	num *v;
	size_t n, cap;
} nums;

/* Is s[i..] a Han character in the BMP (3 bytes, U+3400–U+9FFF)? Fast, for walking names. */
static bool han3(const unsigned char *s, size_t i, size_t len)
{
	if (i + 3 > len || s[i] < 0xE3 || s[i] > 0xE9)
		return false;
	uint32_t cp = ((uint32_t)(s[i] & 0x0F) << 12) | ((uint32_t)(s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF);
}

static bool lit_at(const char *s, size_t len, size_t i, const char *lit)
{
	size_t l = strlen(lit);
	return i + l <= len && memcmp(s + i, lit, l) == 0;
}

static bool lit_before(const char *s, size_t i, const char *lit)
{
	size_t l = strlen(lit);
	return i >= l && memcmp(s + i - l, lit, l) == 0;
}

/* Units after which a number is a date or an ordinal, not a count. */
static bool date_unit(const char *s, size_t len, size_t i)
{
	return lit_at(s, len, i, "年") || lit_at(s, len, i, "月") || lit_at(s, len, i, "日") ||
	       lit_at(s, len, i, "号") || lit_at(s, len, i, "时") || lit_at(s, len, i, "届");
}

/* Reads the numbers of paragraph [a, b). */
static void read_numbers(const char *s, size_t a, size_t b, nums *out)
{
	const unsigned char *u = (const unsigned char *)s;
	int depth = 0;
	for (size_t i = a; i < b; i++) {
		if (u[i] == 0xEF && i + 2 < b && u[i + 1] == 0xBC && (u[i + 2] == 0x88 || u[i + 2] == 0x89)) {
			depth += u[i + 2] == 0x88 ? 1 : (depth > 0 ? -1 : 0);   /* （ ） */
			i += 2;
			continue;
		}
		if (u[i] == '(' || u[i] == ')') {
			depth += u[i] == '(' ? 1 : (depth > 0 ? -1 : 0);
			continue;
		}
		if (!nb_is_digit((char)u[i]))
			continue;
		size_t st = i;
		/* 12·4, 3+N, H5, 1.2.3 and ordinals (第3次) are not counts. */
		bool skip = (st > a && (u[st - 1] == '.' || u[st - 1] == '+' || u[st - 1] == '-' ||
					 (u[st - 1] >= 'A' && u[st - 1] <= 'z'))) ||
			    lit_before(s, st, "第") || lit_before(s, st, "·");
		double v = 0;
		while (i < b && nb_is_digit((char)u[i]))
			v = v * 10 + (u[i++] - '0');
		int dec = 0;
		if (i + 1 < b && u[i] == '.' && nb_is_digit((char)u[i + 1])) {
			double scale = 0.1;
			i++;
			while (i < b && nb_is_digit((char)u[i])) {
				v += (u[i++] - '0') * scale;
				scale /= 10;
				dec++;
			}
		}
		size_t nend = i;
		if (skip || (i < b && (u[i] == '.' || u[i] == ':' || u[i] == '+'))) {
			i--;
			continue;
		}
		num n = {0};
		n.off = st;
		n.len = nend - st;
		n.value = v;
		n.decimals = dec;
		n.depth = depth;
		n.approx = lit_before(s, st, "约") || lit_before(s, st, "近") || lit_before(s, st, "超");
		size_t k = nend;
		if (lit_at(s, b, k, "余") || lit_at(s, b, k, "多")) {
			n.approx = true;
			k += HAN_BYTES;
		}
		if (k < b && u[k] == '%') {
			n.percent = true;
			n.unit = "%";
			n.unit_len = 1;
			k++;
		} else if (han3(u, k, b) && !date_unit(s, b, k)) {
			n.unit = s + k;
			n.unit_len = HAN_BYTES;
			k += HAN_BYTES;
			/* 万元, 人次, 场次, 万人 */
			if ((lit_at(s, b, k - HAN_BYTES, "万") || lit_at(s, b, k - HAN_BYTES, "亿")) && han3(u, k, b)) {
				n.unit_len += HAN_BYTES;
				k += HAN_BYTES;
			}
			if (lit_at(s, b, k, "次")) {
				n.unit_len += HAN_BYTES;
				k += HAN_BYTES;
			}
		} else {
			i = nend - 1;
			continue;   /* no unit: a code, a year, a heading number */
		}
		n.end = k;
		/* The name: Han characters right before the number. */
		size_t p = st;
		while (p >= a + HAN_BYTES && han3(u, p - HAN_BYTES, b) && (st - p) / HAN_BYTES < KEY_MAX_CHARS)
			p -= HAN_BYTES;
		n.key = s + p;
		n.key_len = st - p;
		if (out->n == out->cap) {
			out->cap = out->cap ? out->cap * 2 : 16;
			out->v = nb_xrealloc(out->v, out->cap * sizeof *out->v);
		}
		out->v[out->n++] = n;
		i = k - 1;
	}
}

/* Without libm: 10^-d for the few decimals reports use, and |x|. */
static double tenth_power(int d)
{
	double v = 1;
	while (d-- > 0)
		v /= 10;
	return v;
}

static double absd(double x)
{
	return x < 0 ? -x : x;
}

static bool same_unit(const num *x, const num *y)
{
	return x->unit_len == y->unit_len && memcmp(x->unit, y->unit, x->unit_len) == 0;
}

static char *fmt_value(double v, int decimals)
{
	return nb_xasprintf("%.*f", decimals, v);
}

static char *show(const char *s, size_t len)
{
	return nb_xstrndup(s, len);
}

/* ---- number-inconsistent ---- */

typedef struct fig {
	uint64_t hash;
	const char *key;
	size_t key_len;
	const char *unit;
	size_t unit_len;
	double value;
	int decimals;
	int section;
	size_t off;
	int next;               /* next fig with the same hash bucket, -1 */
} fig;

struct nb_fig_table {
	fig *v;
	size_t n, cap;
	int *buckets;           /* 2^bits heads, -1 */
	unsigned bits;
};

nb_fig_table *nb_fig_table_new(void)
{
	nb_fig_table *t = nb_xcalloc(1, sizeof *t);
	t->bits = 10;
	t->buckets = nb_xmalloc(sizeof(int) << t->bits);
	memset(t->buckets, 0xFF, sizeof(int) << t->bits);
	return t;
}

void nb_fig_table_free(nb_fig_table *t)
{
	if (!t)
		return;
	free(t->v);
	free(t->buckets);
	free(t);
}

static uint64_t fnv(const char *s, size_t n, uint64_t h)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
	return h;
}

static void fig_grow(nb_fig_table *t)
{
	unsigned bits = t->bits + 1;
	int *b = nb_xmalloc(sizeof(int) << bits);
	memset(b, 0xFF, sizeof(int) << bits);
	for (size_t i = 0; i < t->n; i++) {
		size_t h = (size_t)(t->v[i].hash & ((1ULL << bits) - 1));
		t->v[i].next = b[h];
		b[h] = (int)i;
	}
	free(t->buckets);
	t->buckets = b;
	t->bits = bits;
}

static bool ends_with_bytes(const char *a, size_t al, const char *b, size_t bl)
{
	return al >= bl && memcmp(a + al - bl, b, bl) == 0;
}

static bool stop_at_first(size_t pattern, size_t off, size_t len, void *ud)
{
	(void)pattern;
	(void)off;
	(void)len;
	*(bool *)ud = true;
	return true;
}

static bool has_skip_word(const nb_lexicon *lx, const char *s, size_t a, size_t b)
{
	bool found = false;
	nb_acm_scan(nb_lexicon_matcher(lx, "figure-skip"), s + a, b - a, stop_at_first, &found);
	return found;
}

/* Start of the clause holding the number: back to 。；， or the paragraph start. */
static size_t clause_start(const char *s, size_t a, size_t off)
{
	for (size_t i = off; i > a; i--) {
		if (lit_before(s, i, "。") || lit_before(s, i, "；") || lit_before(s, i, "，") || lit_before(s, i, "："))
			return i;
	}
	return a;
}

/* 二级网格员 and 三级网格员, 一类 and 二类: the same words after different grades are different
 * measures. */
static bool different_grades(const char *a, size_t al, const char *b, size_t bl)
{
	size_t kl = 0;
	while (kl + HAN_BYTES <= al && kl + HAN_BYTES <= bl &&
	       memcmp(a + al - kl - HAN_BYTES, b + bl - kl - HAN_BYTES, HAN_BYTES) == 0)
		kl += HAN_BYTES;
	if (kl >= al || kl >= bl)
		return false;   /* one name ends the other */
	size_t n;
	int da = nb_han_digit(nb_cp_at(a, al, al - kl - HAN_BYTES, &n));
	int db = nb_han_digit(nb_cp_at(b, bl, bl - kl - HAN_BYTES, &n));
	static const char *const grades[] = {"级", "类", "型", "档", "星", "批", "等"};
	bool grade = false;
	for (size_t k = 0; k < sizeof grades / sizeof *grades; k++)
		grade |= memcmp(a + al - kl, grades[k], HAN_BYTES) == 0;
	return da >= 0 || db >= 0 || grade;
}

/* The statements of paragraph [a, ...) that number-inconsistent compares: exact counts with a
 * name of at least figure-key-min characters, outside brackets, in a clause with no skip word. */
static void collect_statements(const nb_text_run *run, const char *s, size_t a, const nums *ns, nb_fig_stmts *out)
{
	size_t min_key = (size_t)nb_lexicon_threshold(run->lx, "figure-key-min", 4) * HAN_BYTES;
	for (size_t i = 0; i < ns->n; i++) {
		const num *x = &ns->v[i];
		if (x->approx || x->percent || x->depth > 0 || x->key_len < min_key)
			continue;
		size_t cs = clause_start(s, a, x->off);
		if (has_skip_word(run->lx, s, cs, x->end))
			continue;
		/* Bucket by the last characters of the name and the unit: names that end one another
		 * share them. */
		uint64_t h = fnv(x->key + x->key_len - min_key, min_key, 0xcbf29ce484222325ULL);
		h = fnv(x->unit, x->unit_len, h);
		if (out->n == out->cap) {
			out->cap = out->cap ? out->cap * 2 : 8;
			out->v = nb_xrealloc(out->v, out->cap * sizeof *out->v);
		}
		out->v[out->n++] = (nb_fig_stmt){h, (size_t)(x->key - s), x->key_len, (size_t)(x->unit - s), x->unit_len,
						  x->value, x->decimals, x->off, x->end};
	}
}

void nb_figures_compare(nb_text_run *run, size_t sidx, const char *s, const nb_fig_stmt *v, size_t n, size_t shift,
			bool emit)
{
	nb_fig_table *t = run->figs;
	size_t min_key = (size_t)nb_lexicon_threshold(run->lx, "figure-key-min", 4) * HAN_BYTES;
	for (size_t i = 0; i < n; i++) {
		/* The statement as it sits in s now (cached statements moved by `shift` bytes). */
		nb_fig_stmt st = v[i];
		const char *key = s + st.key_off + shift, *unit = s + st.unit_off + shift;
		size_t off = st.off + shift, end = st.end + shift;
		uint64_t h = st.hash;
		size_t bucket = (size_t)(h & ((1ULL << t->bits) - 1));
		bool same_seen = false;
		const fig *conflict = NULL;
		for (int k = t->buckets[bucket]; k >= 0; k = t->v[k].next) {
			const fig *f = &t->v[k];
			if (f->hash != h || f->unit_len != st.unit_len || memcmp(f->unit, unit, st.unit_len) != 0)
				continue;
			/* Same measure: the names end in the same figure-key-min characters. */
			if (memcmp(f->key + f->key_len - min_key, key + st.key_len - min_key, min_key) != 0 ||
			    different_grades(f->key, f->key_len, key, st.key_len))
				continue;
			if (absd(f->value - st.value) < 1e-9)
				same_seen = true;
			else if (!conflict)
				conflict = f;
		}
		if (conflict && emit && nb_ctx_on(run->c, NB_RULE_NUMBER_INCONSISTENT)) {
			/* Name the measure by the longest ending both statements share. */
			size_t kl = min_key;
			while (kl + HAN_BYTES <= conflict->key_len && kl + HAN_BYTES <= st.key_len &&
			       memcmp(conflict->key + conflict->key_len - kl - HAN_BYTES,
				      key + st.key_len - kl - HAN_BYTES, HAN_BYTES) == 0)
				kl += HAN_BYTES;
			char *name = show(key + st.key_len - kl, kl);
			char *unit_s = show(unit, st.unit_len);
			char *now = fmt_value(st.value, st.decimals), *before = fmt_value(conflict->value, conflict->decimals);
			const nb_section *cs2 = &run->c->r->sections[conflict->section];
			int line = 0, col = 0;
			nb_srcmap_lookup(cs2->map, cs2->nmap, cs2->body, conflict->off, &line, &col);
			char where[64] = "前文";
			if (line)
				snprintf(where, sizeof where, "前文第%d行", line);
			char *msg = nb_xasprintf("“%s”前后数字不一致：此处为%s%s，%s为%s%s。请核实后统一。", name, now, unit_s,
						 where, before, unit_s);
			nb_text_emit(run, NB_RULE_NUMBER_INCONSISTENT, (nb_where){NB_PLACE_BODY, (int)sidx, -1}, s, off,
				     end - off, msg, NULL, "核对原始数据，全文使用同一数字");
			free(name);
			free(unit_s);
			free(now);
			free(before);
		}
		if (same_seen)
			continue;
		if (t->n == t->cap) {
			t->cap = t->cap ? t->cap * 2 : 64;
			t->v = nb_xrealloc(t->v, t->cap * sizeof *t->v);
		}
		if (t->n + 1 > ((size_t)1 << t->bits))
			fig_grow(t);
		bucket = (size_t)(h & ((1ULL << t->bits) - 1));
		t->v[t->n] = (fig){h, key, st.key_len, unit, st.unit_len, st.value, st.decimals, (int)sidx, off,
				   t->buckets[bucket]};
		t->buckets[bucket] = (int)t->n;
		t->n++;
	}
}

/* ---- sum-mismatch ---- */

static bool partial_words(const char *s, size_t a, size_t b)
{
	static const char *const words[] = {"其中", "等", "包括", "主要", "含", "以上", "以下", "分别"};
	for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
		size_t wl = strlen(words[k]);
		for (size_t i = a; i + wl <= b; i++)
			if (memcmp(s + i, words[k], wl) == 0)
				return true;
	}
	return false;
}

static void sums(nb_text_run *run, size_t sidx, const char *s, size_t b, const nums *ns)
{
	for (size_t i = 0; i < ns->n; i++) {
		const num *tot = &ns->v[i];
		size_t o = tot->end;
		bool open = lit_at(s, b, o, "（") || (o < b && s[o] == '(');
		if (!open || tot->approx || tot->percent)
			continue;
		/* Parts: numbers one level deeper, up to the closing bracket. */
		double sum = 0;
		int parts = 0, decimals = 0;
		size_t close = b, j;
		bool unsure = false;
		for (j = i + 1; j < ns->n && ns->v[j].depth > tot->depth; j++) {
			const num *p = &ns->v[j];
			if (p->depth != tot->depth + 1)
				continue;
			if (!same_unit(p, tot))
				continue;
			if (p->approx)
				unsure = true;
			sum += p->value;
			parts++;
			if (p->decimals > decimals)
				decimals = p->decimals;
		}
		if (j < ns->n)
			close = ns->v[j].off;
		if (parts < 2 || unsure)
			continue;
		double eps = 0.5 * tenth_power(decimals > tot->decimals ? decimals : tot->decimals) + 1e-9;
		bool partial = partial_words(s, o, close);
		if (absd(sum - tot->value) <= eps || (partial && sum < tot->value))
			continue;
		char *unit = show(tot->unit, tot->unit_len);
		char *total = fmt_value(tot->value, tot->decimals), *got = fmt_value(sum, decimals);
		char *msg = nb_xasprintf("总数与分项之和不符：总数为%s%s，括号内%d个分项相加为%s%s。请核实数字。", total, unit,
					 parts, got, unit);
		nb_text_emit(run, NB_RULE_SUM_MISMATCH, (nb_where){NB_PLACE_BODY, (int)sidx, -1}, s, tot->off,
			     tot->end - tot->off, msg, NULL, "核对总数和各分项");
		free(unit);
		free(total);
		free(got);
	}
}

/* ---- percent-mismatch ---- */

static void rates(nb_text_run *run, size_t sidx, const char *s, size_t a, const nums *ns)
{
	double tol = nb_lexicon_threshold(run->lx, "percent-tolerance", 1);
	for (size_t i = 0; i < ns->n; i++) {
		const num *r = &ns->v[i];
		if (!r->percent || r->approx)
			continue;
		/* The rate's name: …率 right before the number, maybe with 达到/为/达. */
		size_t p = r->off;
		static const char *const links[] = {"达到", "保持", "为", "达", "是"};
		for (size_t k = 0; k < sizeof links / sizeof *links; k++)
			if (lit_before(s, p, links[k])) {
				p -= strlen(links[k]);
				break;
			}
		if (!lit_before(s, p, "率"))
			continue;
		p -= strlen("率");
		if (p < a + 2 * HAN_BYTES || !han3((const unsigned char *)s, p - HAN_BYTES, p) ||
		    !han3((const unsigned char *)s, p - 2 * HAN_BYTES, p))
			continue;
		const char *stem = s + p - 2 * HAN_BYTES;   /* 办结率 → 办结, 调解成功率 → 成功 */
		/* Numerator: the nearest earlier count in this sentence named by the stem. */
		size_t sent = r->off;
		while (sent > a && !lit_before(s, sent, "。") && !lit_before(s, sent, "；"))
			sent--;
		long numer = -1;
		for (size_t j = i; j-- > 0;) {
			const num *c = &ns->v[j];
			if (c->off < sent)
				break;
			if (!c->percent && !c->approx && c->key_len >= 2 * HAN_BYTES &&
			    ends_with_bytes(c->key, c->key_len, stem, 2 * HAN_BYTES)) {
				numer = (long)j;
				break;
			}
		}
		if (numer < 0)
			continue;
		const num *nu = &ns->v[numer];
		long denom = -1;
		for (long j = numer - 1; j >= 0; j--) {
			const num *c = &ns->v[j];
			if (c->off < sent)
				break;
			if (!c->percent && !c->approx && same_unit(c, nu)) {
				denom = j;
				break;
			}
		}
		if (denom < 0)
			continue;
		const num *de = &ns->v[denom];
		if (de->value <= 0 || nu->value > de->value)
			continue;
		double want = 100.0 * nu->value / de->value;
		double slack = tol * tenth_power(r->decimals) + 1e-9;
		if (absd(want - r->value) <= slack)
			continue;
		char *rate_name = show(stem, (size_t)(s + r->off - stem));
		char *stated = fmt_value(r->value, r->decimals), *right = fmt_value(want, r->decimals > 0 ? r->decimals : 1);
		char *n1 = fmt_value(nu->value, nu->decimals), *n2 = fmt_value(de->value, de->decimals);
		char *msg = nb_xasprintf("比率与数字不符：按%s÷%s计算应为%s%%，此处写作%s%%。请核实数字。", n1, n2, right, stated);
		char *sugg = nb_xasprintf("%s%%", right);
		nb_text_emit(run, NB_RULE_PERCENT_MISMATCH, (nb_where){NB_PLACE_BODY, (int)sidx, -1}, s, r->off,
			     r->end - r->off, msg, NULL, sugg);
		free(sugg);
		free(rate_name);
		free(stated);
		free(right);
		free(n1);
		free(n2);
	}
}

/* ---- slogan-density ---- */

typedef struct slogan_count {
	size_t distinct_mask_hits;
	size_t covered;          /* bytes covered by non-overlapping phrases */
	size_t last_end;
	uint64_t seen[4];        /* phrases seen (by index, first 256) */
	size_t distinct;
} slogan_count;

static bool on_slogan(size_t pattern, size_t off, size_t len, void *ud)
{
	slogan_count *sc = ud;
	if (pattern < 256) {
		uint64_t bit = 1ULL << (pattern % 64);
		if (!(sc->seen[pattern / 64] & bit)) {
			sc->seen[pattern / 64] |= bit;
			sc->distinct++;
		}
	}
	size_t from = off > sc->last_end ? off : sc->last_end;
	if (off + len > from)
		sc->covered += off + len - from;
	if (off + len > sc->last_end)
		sc->last_end = off + len;
	return false;
}

static bool has_figure(const nums *ns)
{
	for (size_t i = 0; i < ns->n; i++)
		if (ns->v[i].unit)
			return true;
	return false;
}

static void slogans(nb_text_run *run, size_t sidx, const char *s, size_t a, size_t b, const nums *ns)
{
	const nb_acm *m = nb_lexicon_matcher(run->lx, "slogans");
	if (!m || has_figure(ns))
		return;
	size_t chars = 0;
	for (size_t i = a; i < b; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			chars++;
	if ((double)chars < nb_lexicon_threshold(run->lx, "slogan-min-chars", 20))
		return;
	slogan_count sc = {0};
	nb_acm_scan(m, s + a, b - a, on_slogan, &sc);
	double ratio = (double)(sc.covered / HAN_BYTES) / (double)chars;
	if ((double)sc.distinct < nb_lexicon_threshold(run->lx, "slogan-min", 3) ||
	    ratio < nb_lexicon_threshold(run->lx, "slogan-ratio", 0.25))
		return;
	char *msg = nb_xasprintf("本段由“高度重视”“进一步”之类的套话组成（%zu处），没有数字或具体事例，读者无从了解做了什么、效果如何。",
				 sc.distinct);
	nb_text_emit(run, NB_RULE_SLOGAN_DENSITY, (nb_where){NB_PLACE_BODY, (int)sidx, -1}, s, a, b - a, msg, NULL,
		     "写明做了哪些具体工作、数量和成效，或举一个典型事例");
}

/* ---- no-figures ---- */

static bool han_count(const char *s, size_t len)
{
	static const char *const digits[] = {"两", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
	static const char *const units[] = {"次", "场", "件", "个", "人", "项", "期", "名", "批", "家", "户", "份",
					    "条", "起", "轮", "篇", "所"};
	for (size_t i = 0; i + 6 <= len; i++) {
		for (size_t d = 0; d < sizeof digits / sizeof *digits; d++) {
			if (memcmp(s + i, digits[d], 3) != 0)
				continue;
			for (size_t u = 0; u < sizeof units / sizeof *units; u++)
				if (memcmp(s + i + 3, units[u], 3) == 0)
					return true;
		}
	}
	return false;
}

static bool figure_section(const nb_lexicon *lx, const char *id)
{
	return id && nb_lexicon_has(lx, "figure-sections", id, strlen(id));
}

/* ---- one paragraph, one section ---- */

static bool figures_wanted(const nb_text_run *run, size_t sidx, bool emit, bool *inc, bool *sum, bool *pct,
			   bool *slo, bool *nof)
{
	const nb_check_ctx *c = run->c;
	*inc = nb_ctx_on(c, NB_RULE_NUMBER_INCONSISTENT);
	*sum = emit && nb_ctx_on(c, NB_RULE_SUM_MISMATCH);
	*pct = emit && nb_ctx_on(c, NB_RULE_PERCENT_MISMATCH);
	*slo = emit && nb_ctx_on(c, NB_RULE_SLOGAN_DENSITY);
	*nof = emit && nb_ctx_on(c, NB_RULE_NO_FIGURES) && figure_section(run->lx, c->r->sections[sidx].id);
	return *inc || *sum || *pct || *slo || *nof;
}

/* Everything about paragraph [a, b) that does not depend on the rest of the report: sums, rates
 * and stock phrases (emitted), the statements to compare and whether it has a figure. */
static void figures_para(nb_text_run *run, size_t sidx, const char *s, size_t a, size_t b, bool inc, bool sum,
			 bool pct, bool slo, bool nof, nums *ns, nb_fig_stmts *stmts, bool *any_figure)
{
	ns->n = 0;
	read_numbers(s, a, b, ns);
	if (ns->n) {
		if (has_figure(ns))
			*any_figure = true;
		if (inc)
			collect_statements(run, s, a, ns, stmts);
		if (sum)
			sums(run, sidx, s, b, ns);
		if (pct)
			rates(run, sidx, s, a, ns);
	}
	if (nof && !*any_figure && han_count(s + a, b - a))
		*any_figure = true;
	if (slo)
		slogans(run, sidx, s, a, b, ns);
}

void nb_figures_para(nb_text_run *run, size_t sidx, const char *s, size_t a, size_t b, nb_fig_stmts *stmts,
		     bool *any_figure)
{
	bool inc, sum, pct, slo, nof;
	*any_figure = false;
	if (!figures_wanted(run, sidx, true, &inc, &sum, &pct, &slo, &nof))
		return;
	nums ns = {0};
	figures_para(run, sidx, s, a, b, inc, sum, pct, slo, nof, &ns, stmts, any_figure);
	free(ns.v);
}

void nb_figures_none(nb_text_run *run, size_t sidx, bool any_figure)
{
	const nb_check_ctx *c = run->c;
	const nb_section *sec = &c->r->sections[sidx];
	if (any_figure || !nb_ctx_on(c, NB_RULE_NO_FIGURES) || !figure_section(run->lx, sec->id) ||
	    nb_count_zishu(sec->body, strlen(sec->body)) == 0)
		return;
	char *msg = nb_xasprintf("“%s”部分没有一个具体数字或事例，看不出做了多少、效果如何；年度报告常被指出“运用事例少”。",
				 sec->heading);
	nb_finding *f = nb_emit(run->c, NB_RULE_NO_FIGURES, msg, nb_xstrdup("写明次数、件数、比率，或举出典型案例"));
	nb_place_heading(c, f, sidx, 0, strlen(sec->heading));
}

void nb_figures_section(nb_text_run *run, size_t sidx, bool emit)
{
	const nb_section *sec = &run->c->r->sections[sidx];
	const char *s = sec->body;
	size_t len = strlen(s);
	bool inc, sum, pct, slo, nof;
	if (!figures_wanted(run, sidx, emit, &inc, &sum, &pct, &slo, &nof))
		return;
	nums ns = {0};
	nb_fig_stmts stmts = {0};
	bool any_figure = false;
	size_t a = 0;
	while (a < len) {
		const char *nl = memchr(s + a, '\n', len - a);
		size_t b = nl ? (size_t)(nl - s) : len;
		stmts.n = 0;
		figures_para(run, sidx, s, a, b, inc, sum, pct, slo, nof, &ns, &stmts, &any_figure);
		nb_figures_compare(run, sidx, s, stmts.v, stmts.n, 0, emit);
		a = b + 1;
	}
	free(ns.v);
	free(stmts.v);
	if (nof)
		nb_figures_none(run, sidx, any_figure);
}
