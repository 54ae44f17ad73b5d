/* lexicon.c — loads templates/lexicon.yaml (confused words with their contexts, named word lists,
 * thresholds) and finds the confused words in a text in one multi-pattern pass.
 *
 * A lexicon file may come from another office, so it is read with limits: a bounded size, only
 * the expected shapes, and errors that name the file and the line. */
#include "config.h"
#include "nianbao/lexicon.h"
#include "nianbao/text.h"
#include "nianbao/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define DEFAULT_WINDOW 6
#define MAX_WINDOW 40

typedef struct lex_list {
	char *name;
	char **keys, **vals;   /* file order; vals[i] is "" for list items */
	size_t n;
	size_t *order;         /* indexes sorted by key bytes, for lookups */
	nb_acm *acm;
} lex_list;

typedef struct lex_threshold {
	char *name;
	double value;
} lex_threshold;

struct nb_lexicon {
	nb_lex_entry *entries;
	size_t nentries;
	nb_acm *acm;           /* over entries[i].wrong; pattern i = entry i */
	lex_list *lists;
	size_t nlists;
	lex_threshold *thr;
	size_t nthr;
	int window;
};

/* ---- loading ---- */

typedef struct loader {
	yaml_document_t *doc;
	const char *name;
	nb_error *err;
	bool failed;
} loader;

static void fail_at(loader *ld, const yaml_node_t *node, const char *what)
{
	if (ld->failed)
		return;
	ld->failed = true;
	if (node)
		nb_error_set(ld->err, "%s: 第%lu行：%s", ld->name, (unsigned long)node->start_mark.line + 1, what);
	else
		nb_error_set(ld->err, "%s: %s", ld->name, what);
}

static const char *scalar(const yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static bool key_is(const yaml_node_t *k, const char *name)
{
	const char *s = scalar(k);
	return s && strcmp(s, name) == 0;
}

/* A sequence of scalars (or one scalar) as a NULL-terminated-free array. */
static char **read_words(loader *ld, yaml_node_t *n, size_t *count)
{
	*count = 0;
	if (n->type == YAML_SCALAR_NODE) {
		char **v = nb_xmalloc(sizeof *v);
		v[0] = nb_xstrdup(scalar(n));
		*count = 1;
		return v;
	}
	if (n->type != YAML_SEQUENCE_NODE) {
		fail_at(ld, n, "这里应为词语列表");
		return NULL;
	}
	size_t cap = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
	char **v = nb_xcalloc(cap ? cap : 1, sizeof *v);
	for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
		yaml_node_t *item = yaml_document_get_node(ld->doc, *it);
		const char *s = scalar(item);
		if (!s) {
			fail_at(ld, item, "列表中的每一项应为一个词语");
			break;
		}
		if (*s)
			v[(*count)++] = nb_xstrdup(s);
	}
	return v;
}

static void free_words(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void read_entry(loader *ld, yaml_node_t *n, nb_lex_entry *e)
{
	memset(e, 0, sizeof *e);
	if (n->type != YAML_MAPPING_NODE) {
		fail_at(ld, n, "entries 的每一项应为包含 wrong、right 的映射");
		return;
	}
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top && !ld->failed; p++) {
		yaml_node_t *k = yaml_document_get_node(ld->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(ld->doc, p->value);
		if (key_is(k, "wrong") || key_is(k, "right") || key_is(k, "note")) {
			const char *s = scalar(v);
			if (!s) {
				fail_at(ld, v, "wrong、right、note 应为文字");
				return;
			}
			char **dst = key_is(k, "wrong") ? &e->wrong : key_is(k, "right") ? &e->right : &e->note;
			free(*dst);
			*dst = nb_xstrdup(s);
		} else if (key_is(k, "before")) {
			e->before = read_words(ld, v, &e->nbefore);
		} else if (key_is(k, "after")) {
			e->after = read_words(ld, v, &e->nafter);
		} else if (key_is(k, "near")) {
			e->near = read_words(ld, v, &e->nnear);
		} else if (key_is(k, "unless")) {
			e->unless = read_words(ld, v, &e->nunless);
		} else if (key_is(k, "unless-near")) {
			e->unless_near = read_words(ld, v, &e->nunless_near);
		} else if (key_is(k, "window")) {
			const char *s = scalar(v);
			char *end = NULL;
			long w = s ? strtol(s, &end, 10) : -1;
			if (!s || *end || w < 1 || w > MAX_WINDOW) {
				fail_at(ld, v, "window 应为 1 到 40 之间的整数");
				return;
			}
			e->window = (int)w;
		} else {
			fail_at(ld, k, "entries 中有未知的键（可用：wrong right note before after near unless unless-near window）");
			return;
		}
	}
	if (!ld->failed && (!e->wrong || !*e->wrong || !e->right))
		fail_at(ld, n, "每一项都要有 wrong 和 right");
}

static void free_entry(nb_lex_entry *e)
{
	free(e->wrong);
	free(e->right);
	free(e->note);
	free_words(e->before, e->nbefore);
	free_words(e->after, e->nafter);
	free_words(e->near, e->nnear);
	free_words(e->unless, e->nunless);
	free_words(e->unless_near, e->nunless_near);
}

/* Sorts by insertion: qsort's comparator would need the list through a global, and lists are
 * short (hundreds of words, loaded once). */
static void sort_list(lex_list *l)
{
	l->order = nb_xmalloc((l->n ? l->n : 1) * sizeof *l->order);
	for (size_t i = 0; i < l->n; i++) {
		size_t j = i;
		while (j > 0 && strcmp(l->keys[l->order[j - 1]], l->keys[i]) > 0) {
			l->order[j] = l->order[j - 1];
			j--;
		}
		l->order[j] = i;
	}
}

static void read_list(loader *ld, const char *name, yaml_node_t *v, lex_list *l)
{
	memset(l, 0, sizeof *l);
	l->name = nb_xstrdup(name);
	if (v->type == YAML_MAPPING_NODE) {
		size_t cap = (size_t)(v->data.mapping.pairs.top - v->data.mapping.pairs.start);
		l->keys = nb_xcalloc(cap ? cap : 1, sizeof *l->keys);
		l->vals = nb_xcalloc(cap ? cap : 1, sizeof *l->vals);
		for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top; p++) {
			const char *k = scalar(yaml_document_get_node(ld->doc, p->key));
			const char *val = scalar(yaml_document_get_node(ld->doc, p->value));
			if (!k || !val) {
				fail_at(ld, v, "词语映射的键和值都应为文字");
				break;
			}
			l->keys[l->n] = nb_xstrdup(k);
			l->vals[l->n] = nb_xstrdup(val);
			l->n++;
		}
	} else {
		l->keys = read_words(ld, v, &l->n);
		l->vals = nb_xcalloc(l->n ? l->n : 1, sizeof *l->vals);
		for (size_t i = 0; i < l->n; i++)
			l->vals[i] = nb_xstrdup("");
	}
	sort_list(l);
	/* Only the lists the rules search running text for need a matcher; the others are looked
	 * up word by word. */
	if (strcmp(name, "slogans") != 0 && strcmp(name, "figure-skip") != 0)
		return;
	size_t *lens = nb_xmalloc((l->n ? l->n : 1) * sizeof *lens);
	for (size_t i = 0; i < l->n; i++)
		lens[i] = strlen(l->keys[i]);
	l->acm = nb_acm_build((const char *const *)l->keys, lens, l->n);
	free(lens);
}

static void free_list(lex_list *l)
{
	free(l->name);
	free_words(l->keys, l->n);
	free_words(l->vals, l->n);
	free(l->order);
	nb_acm_free(l->acm);
}

static void read_thresholds(loader *ld, nb_lexicon *lx, yaml_node_t *v)
{
	if (v->type != YAML_MAPPING_NODE) {
		fail_at(ld, v, "thresholds 应为“名称: 数值”的映射");
		return;
	}
	size_t cap = (size_t)(v->data.mapping.pairs.top - v->data.mapping.pairs.start);
	lx->thr = nb_xcalloc(cap ? cap : 1, sizeof *lx->thr);
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start; p < v->data.mapping.pairs.top; p++) {
		yaml_node_t *kn = yaml_document_get_node(ld->doc, p->key);
		yaml_node_t *vn = yaml_document_get_node(ld->doc, p->value);
		const char *k = scalar(kn), *s = scalar(vn);
		char *end = NULL;
		double d = s ? strtod(s, &end) : 0;
		if (!k || !s || end == s || *end || d < 0) {
			fail_at(ld, vn, "thresholds 中的值应为非负数");
			return;
		}
		lx->thr[lx->nthr].name = nb_xstrdup(k);
		lx->thr[lx->nthr].value = d;
		lx->nthr++;
	}
}

static void build_matcher(nb_lexicon *lx)
{
	const char **pats = nb_xmalloc((lx->nentries ? lx->nentries : 1) * sizeof *pats);
	size_t *lens = nb_xmalloc((lx->nentries ? lx->nentries : 1) * sizeof *lens);
	for (size_t i = 0; i < lx->nentries; i++) {
		pats[i] = lx->entries[i].wrong;
		lens[i] = strlen(lx->entries[i].wrong);
	}
	lx->acm = nb_acm_build(pats, lens, lx->nentries);
	free(pats);
	free(lens);
}

static void read_root(loader *ld, nb_lexicon *lx, yaml_node_t *root)
{
	if (!root || root->type != YAML_MAPPING_NODE) {
		fail_at(ld, root, "文件应为一个映射（entries、thresholds 及各词表）");
		return;
	}
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top && !ld->failed; p++) {
		yaml_node_t *k = yaml_document_get_node(ld->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(ld->doc, p->value);
		const char *name = scalar(k);
		if (!name) {
			fail_at(ld, k, "键应为文字");
			return;
		}
		if (strcmp(name, "version") == 0) {
			const char *s = scalar(v);
			if (!s || strcmp(s, "1") != 0)
				fail_at(ld, v, "只支持 version: 1");
		} else if (strcmp(name, "thresholds") == 0) {
			read_thresholds(ld, lx, v);
		} else if (strcmp(name, "entries") == 0) {
			if (v->type != YAML_SEQUENCE_NODE) {
				fail_at(ld, v, "entries 应为列表");
				return;
			}
			size_t n = (size_t)(v->data.sequence.items.top - v->data.sequence.items.start);
			lx->entries = nb_xrealloc(lx->entries, (lx->nentries + n + 1) * sizeof *lx->entries);
			for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
				nb_lex_entry *e = &lx->entries[lx->nentries++];
				read_entry(ld, yaml_document_get_node(ld->doc, *it), e);
				if (ld->failed)
					return;
			}
		} else if (v->type == YAML_SEQUENCE_NODE || v->type == YAML_MAPPING_NODE) {
			lx->lists = nb_xrealloc(lx->lists, (lx->nlists + 1) * sizeof *lx->lists);
			read_list(ld, name, v, &lx->lists[lx->nlists++]);
		} else {
			fail_at(ld, v, "未知的键（应为 entries、thresholds 或一个词表）");
		}
	}
}

nb_lexicon *nb_lexicon_load(const char *yaml, size_t len, const char *name, nb_error *err)
{
	if (!name)
		name = "lexicon";
	if (len > NB_MAX_INPUT_BYTES) {
		nb_error_set(err, "%s: 文件过大", name);
		return NULL;
	}
	if (!nb_utf8_valid(yaml, len, NULL)) {
		nb_error_set(err, "%s: 不是有效的 UTF-8 文本", name);
		return NULL;
	}
	yaml_parser_t parser;
	yaml_document_t doc;
	if (!yaml_parser_initialize(&parser)) {
		nb_error_set(err, "%s: 无法初始化 YAML 解析器", name);
		return NULL;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)yaml, len);
	if (!yaml_parser_load(&parser, &doc)) {
		nb_error_set(err, "%s: 第%lu行：YAML 格式错误：%s", name,
			     (unsigned long)parser.problem_mark.line + 1,
			     parser.problem ? parser.problem : "无法解析");
		yaml_parser_delete(&parser);
		return NULL;
	}
	yaml_parser_delete(&parser);

	nb_lexicon *lx = nb_xcalloc(1, sizeof *lx);
	loader ld = {&doc, name, err, false};
	read_root(&ld, lx, yaml_document_get_root_node(&doc));
	yaml_document_delete(&doc);
	if (ld.failed) {
		nb_lexicon_free(lx);
		return NULL;
	}
	lx->window = (int)nb_lexicon_threshold(lx, "window", DEFAULT_WINDOW);
	if (lx->window < 1 || lx->window > MAX_WINDOW)
		lx->window = DEFAULT_WINDOW;
	for (size_t i = 0; i < lx->nentries; i++)
		if (!lx->entries[i].window)
			lx->entries[i].window = lx->window;
	build_matcher(lx);
	return lx;
}

nb_lexicon *nb_lexicon_load_file(const char *path, nb_error *err)
{
	char *data;
	size_t len;
	if (nb_read_file(path, NB_MAX_INPUT_BYTES, &data, &len, err) != 0)
		return NULL;
	nb_lexicon *lx = nb_lexicon_load(data, len, path, err);
	free(data);
	return lx;
}

nb_lexicon *nb_lexicon_builtin(void)
{
	nb_lexicon *lx = nb_lexicon_load(nb_builtin_templates_lexicon_yaml, nb_builtin_templates_lexicon_yaml_len,
					 "templates/lexicon.yaml", NULL);
	if (!lx) {
		/* The embedded file is checked by the tests; an empty lexicon keeps the checker usable. */
		lx = nb_xcalloc(1, sizeof *lx);
		lx->window = DEFAULT_WINDOW;
		build_matcher(lx);
	}
	return lx;
}

void nb_lexicon_free(nb_lexicon *lx)
{
	if (!lx)
		return;
	for (size_t i = 0; i < lx->nentries; i++)
		free_entry(&lx->entries[i]);
	free(lx->entries);
	for (size_t i = 0; i < lx->nlists; i++)
		free_list(&lx->lists[i]);
	free(lx->lists);
	for (size_t i = 0; i < lx->nthr; i++)
		free(lx->thr[i].name);
	free(lx->thr);
	nb_acm_free(lx->acm);
	free(lx);
}

/* ---- lookups ---- */

size_t nb_lexicon_nentries(const nb_lexicon *lx)
{
	return lx->nentries;
}

const nb_lex_entry *nb_lexicon_entry(const nb_lexicon *lx, size_t i)
{
	return i < lx->nentries ? &lx->entries[i] : NULL;
}

static const lex_list *find_list(const nb_lexicon *lx, const char *name)
{
	for (size_t i = 0; i < lx->nlists; i++)
		if (strcmp(lx->lists[i].name, name) == 0)
			return &lx->lists[i];
	return NULL;
}

static int cmp_key(const char *k, const char *key, size_t keylen)
{
	size_t kl = strlen(k);
	int c = memcmp(k, key, kl < keylen ? kl : keylen);
	if (c)
		return c;
	return kl < keylen ? -1 : kl > keylen ? 1 : 0;
}

const char *nb_lexicon_value(const nb_lexicon *lx, const char *list, const char *key, size_t keylen)
{
	const lex_list *l = find_list(lx, list);
	if (!l)
		return NULL;
	size_t lo = 0, hi = l->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = cmp_key(l->keys[l->order[mid]], key, keylen);
		if (c == 0)
			return l->vals[l->order[mid]];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

bool nb_lexicon_has(const nb_lexicon *lx, const char *list, const char *key, size_t keylen)
{
	return nb_lexicon_value(lx, list, key, keylen) != NULL;
}

const char *const *nb_lexicon_list(const nb_lexicon *lx, const char *list, size_t *n)
{
	const lex_list *l = find_list(lx, list);
	*n = l ? l->n : 0;
	return l ? (const char *const *)l->keys : NULL;
}

const nb_acm *nb_lexicon_matcher(const nb_lexicon *lx, const char *list)
{
	const lex_list *l = find_list(lx, list);
	return l ? l->acm : NULL;
}

double nb_lexicon_threshold(const nb_lexicon *lx, const char *name, double def)
{
	for (size_t i = 0; i < lx->nthr; i++)
		if (strcmp(lx->thr[i].name, name) == 0)
			return lx->thr[i].value;
	return def;
}

/* ---- finding confused words ---- */

/* Start of the `chars` characters before off, not crossing a paragraph break. */
static size_t back_chars(const char *s, size_t off, int chars)
{
	while (off > 0 && chars-- > 0) {
		size_t p = nb_utf8_prev(s, off);
		if (s[p] == '\n')
			break;
		off = p;
	}
	return off;
}

static size_t fwd_chars(const char *s, size_t len, size_t off, int chars)
{
	while (off < len && chars-- > 0) {
		if (s[off] == '\n')
			break;
		off = nb_utf8_next(s, len, off);
	}
	return off;
}

static bool region_has(const char *s, size_t a, size_t b, char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *w = words[i];
		if (strcmp(w, "<num>") == 0) {
			for (size_t k = a; k < b; k++)
				if (s[k] >= '0' && s[k] <= '9')
					return true;
			continue;
		}
		size_t wl = strlen(w);
		for (size_t k = a; k + wl <= b; k++)
			if (memcmp(s + k, w, wl) == 0)
				return true;
	}
	return false;
}

/* Is the match at off one of the `unless` words, which contain it? */
static bool inside_unless(const nb_lex_entry *e, const char *s, size_t len, size_t off, size_t mlen)
{
	for (size_t i = 0; i < e->nunless; i++) {
		const char *u = e->unless[i];
		size_t ul = strlen(u);
		for (size_t k = 0; k + mlen <= ul; k++) {
			if (memcmp(u + k, e->wrong, mlen) != 0 || k > off || off - k + ul > len)
				continue;
			if (memcmp(s + off - k, u, ul) == 0)
				return true;
		}
	}
	return false;
}

static bool context_says_wrong(const nb_lexicon *lx, const nb_lex_entry *e, const char *s, size_t len,
			       size_t off, size_t mlen)
{
	if (e->nunless && inside_unless(e, s, len, off, mlen))
		return false;
	size_t end = off + mlen;
	if (e->nbefore && !region_has(s, back_chars(s, off, e->window), off, e->before, e->nbefore))
		return false;
	if (e->nafter && !region_has(s, end, fwd_chars(s, len, end, e->window), e->after, e->nafter))
		return false;
	if (e->nnear && !region_has(s, back_chars(s, off, e->window), off, e->near, e->nnear) &&
	    !region_has(s, end, fwd_chars(s, len, end, e->window), e->near, e->nnear))
		return false;
	if (e->nunless_near) {
		int w = e->window > lx->window ? e->window : lx->window;
		if (region_has(s, back_chars(s, off, w), fwd_chars(s, len, end, w), e->unless_near, e->nunless_near))
			return false;
	}
	return true;
}

typedef struct find_state {
	const nb_lexicon *lx;
	const char *s;
	size_t len;
	nb_lex_hit *v;
	size_t n, cap;
} find_state;

static bool on_entry(size_t pattern, size_t off, size_t len, void *ud)
{
	find_state *st = ud;
	const nb_lex_entry *e = &st->lx->entries[pattern];
	if (!context_says_wrong(st->lx, e, st->s, st->len, off, len))
		return false;
	if (st->n == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 8;
		st->v = nb_xrealloc(st->v, st->cap * sizeof *st->v);
	}
	st->v[st->n++] = (nb_lex_hit){e, off, len};
	return false;
}

static int cmp_hit(const void *pa, const void *pb)
{
	const nb_lex_hit *a = pa, *b = pb;
	if (a->off != b->off)
		return a->off < b->off ? -1 : 1;
	if (a->len != b->len)
		return a->len > b->len ? -1 : 1;
	return a->entry < b->entry ? -1 : a->entry > b->entry;
}

size_t nb_lexicon_find(const nb_lexicon *lx, const char *s, size_t len, nb_lex_hit **hits)
{
	find_state st = {lx, s, len, NULL, 0, 0};
	nb_acm_scan(lx->acm, s, len, on_entry, &st);
	*hits = NULL;
	if (st.n == 0)
		return 0;
	/* Where hits overlap, the one that starts first and then the longest wins (截止目前 over
	 * 截止), so no text is flagged twice. */
	qsort(st.v, st.n, sizeof *st.v, cmp_hit);
	size_t keep = 0, covered = 0;
	for (size_t i = 0; i < st.n; i++) {
		if (keep && st.v[i].off < covered)
			continue;
		st.v[keep++] = st.v[i];
		covered = st.v[i].off + st.v[i].len;
	}
	*hits = st.v;
	return keep;
}
