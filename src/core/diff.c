/* diff.c — compares two versions of a report (see diff.h): sections matched by id and heading,
 * paragraphs aligned by longest common subsequence, per-character marks inside a changed
 * paragraph, moved paragraphs, findings that came or went, 批注 addressed or still open. */
#include "config.h"
#include "nianbao/diff.h"
#include "nianbao/review.h"
#include "nianbao/text.h"
#include "nianbao/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Beyond this many cells the character LCS is not worth its memory: the changed middle of the
 * paragraph is shown as replaced whole. Real paragraphs stay far below it. */
#define MAX_LCS_CELLS ((size_t)4 * 1024 * 1024)
/* A removed and an added paragraph in the same place are one changed paragraph when this share
 * of their character pairs is common to both. */
#define SIMILAR_ENOUGH 0.4
/* Comparing every removed with every added paragraph is quadratic: beyond this many pairs (two
 * unrelated documents) they are left as removed and added. */
#define MAX_PAIRINGS 4096

/* ---- code points ---- */

typedef struct cps {
	uint32_t *cp;
	size_t *off;   /* byte offset of each code point; off[n] = byte length */
	size_t n;
} cps;

static void cps_decode(const char *s, size_t len, cps *c)
{
	c->cp = nb_xmalloc((len + 1) * sizeof *c->cp);
	c->off = nb_xmalloc((len + 1) * sizeof *c->off);
	c->n = 0;
	size_t i = 0;
	while (i < len) {
		bool valid;
		c->off[c->n] = i;
		i += nb_utf8_decode(s + i, len - i, &c->cp[c->n], &valid);
		c->n++;
	}
	c->off[c->n] = len;
}

static void cps_free(cps *c)
{
	free(c->cp);
	free(c->off);
}

/* ---- per-character diff ---- */

typedef struct seg {
	bool equal;
	size_t a0, a1, b0, b1;   /* code point ranges in a and b */
} seg;

typedef struct segs {
	seg *v;
	size_t n, cap;
} segs;

static void seg_push(segs *s, bool equal, size_t a0, size_t a1, size_t b0, size_t b1)
{
	if (a0 == a1 && b0 == b1)
		return;
	if (s->n && s->v[s->n - 1].equal == equal) {
		s->v[s->n - 1].a1 = a1;
		s->v[s->n - 1].b1 = b1;
		return;
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->v = nb_xrealloc(s->v, s->cap * sizeof *s->v);
	}
	s->v[s->n++] = (seg){equal, a0, a1, b0, b1};
}

/* Segments of equal and changed text, from an LCS of the code points between the common
 * prefix and suffix. */
static void char_segments(const cps *a, const cps *b, segs *out)
{
	size_t p = 0;
	while (p < a->n && p < b->n && a->cp[p] == b->cp[p])
		p++;
	size_t q = 0;
	while (q < a->n - p && q < b->n - p && a->cp[a->n - 1 - q] == b->cp[b->n - 1 - q])
		q++;
	seg_push(out, true, 0, p, 0, p);
	size_t n = a->n - p - q, m = b->n - p - q;
	if (n && m && (n + 1) * (m + 1) <= MAX_LCS_CELLS) {
		/* L[i][j]: LCS length of a[p+i..] and b[p+j..] */
		uint16_t *L = nb_xcalloc((n + 1) * (m + 1), sizeof *L);
#define AT(i, j) L[(i) * (m + 1) + (j)]
		for (size_t i = n; i-- > 0;)
			for (size_t j = m; j-- > 0;)
				AT(i, j) = a->cp[p + i] == b->cp[p + j]
						   ? (uint16_t)(AT(i + 1, j + 1) + 1)
						   : (AT(i + 1, j) >= AT(i, j + 1) ? AT(i + 1, j) : AT(i, j + 1));
		size_t i = 0, j = 0;
		while (i < n || j < m) {
			if (i < n && j < m && a->cp[p + i] == b->cp[p + j]) {
				seg_push(out, true, p + i, p + i + 1, p + j, p + j + 1);
				i++, j++;
			} else if (i < n && (j == m || AT(i + 1, j) >= AT(i, j + 1))) {
				seg_push(out, false, p + i, p + i + 1, p + j, p + j);
				i++;
			} else {
				seg_push(out, false, p + i, p + i, p + j, p + j + 1);
				j++;
			}
		}
#undef AT
		free(L);
	} else {
		seg_push(out, false, p, p + n, p, p + m);
	}
	seg_push(out, true, a->n - q, a->n, b->n - q, b->n);
}

/* A single unchanged character between two changes reads as noise ([-甲-]的{+乙+}): it is folded
 * into one larger change. */
static void fold_small_equals(segs *s)
{
	size_t j = 0;
	for (size_t i = 0; i < s->n; i++) {
		seg *x = &s->v[i];
		bool small = x->equal && x->a1 - x->a0 <= 1 && j > 0 && !s->v[j - 1].equal &&
			     i + 1 < s->n && !s->v[i + 1].equal;
		if (small || (!x->equal && j > 0 && !s->v[j - 1].equal)) {
			s->v[j - 1].a1 = x->a1;
			s->v[j - 1].b1 = x->b1;
			continue;
		}
		s->v[j++] = *x;
	}
	s->n = j;
}

static void add_cps(nb_sb *sb, const char *s, const cps *c, size_t from, size_t to)
{
	nb_sb_add(sb, s + c->off[from], c->off[to] - c->off[from]);
}

char *nb_diff_chars(const char *a, const char *b, int context)
{
	a = a ? a : "";
	b = b ? b : "";
	cps ca, cb;
	cps_decode(a, strlen(a), &ca);
	cps_decode(b, strlen(b), &cb);
	segs s = {0};
	char_segments(&ca, &cb, &s);
	fold_small_equals(&s);
	nb_sb out = {0};
	size_t ctx = context < 0 ? SIZE_MAX : (size_t)context;
	for (size_t i = 0; i < s.n; i++) {
		const seg *x = &s.v[i];
		if (!x->equal) {
			if (x->a1 > x->a0) {
				nb_sb_adds(&out, "[-");
				add_cps(&out, a, &ca, x->a0, x->a1);
				nb_sb_adds(&out, "-]");
			}
			if (x->b1 > x->b0) {
				nb_sb_adds(&out, "{+");
				add_cps(&out, b, &cb, x->b0, x->b1);
				nb_sb_adds(&out, "+}");
			}
			continue;
		}
		size_t len = x->b1 - x->b0;
		bool first = i == 0, last = i + 1 == s.n;
		if (ctx == SIZE_MAX || s.n == 1) {
			add_cps(&out, b, &cb, x->b0, x->b1);
		} else if (first) {
			if (len > ctx) {
				nb_sb_adds(&out, "……");
				add_cps(&out, b, &cb, x->b1 - ctx, x->b1);
			} else {
				add_cps(&out, b, &cb, x->b0, x->b1);
			}
		} else if (last) {
			add_cps(&out, b, &cb, x->b0, len > ctx ? x->b0 + ctx : x->b1);
			if (len > ctx)
				nb_sb_adds(&out, "……");
		} else if (len > 2 * ctx + 1) {
			add_cps(&out, b, &cb, x->b0, x->b0 + ctx);
			nb_sb_adds(&out, "……");
			add_cps(&out, b, &cb, x->b1 - ctx, x->b1);
		} else {
			add_cps(&out, b, &cb, x->b0, x->b1);
		}
	}
	free(s.v);
	cps_free(&ca);
	cps_free(&cb);
	nb_sb_add(&out, "", 0);
	return nb_sb_take(&out);
}

/* ---- paragraphs ---- */

typedef struct para {
	const char *s;
	size_t off, len;
} para;

/* Non-empty lines of a body. */
static para *split_paras(const char *body, size_t *n)
{
	*n = 0;
	body = body ? body : "";
	size_t cap = 8;
	para *v = nb_xmalloc(cap * sizeof *v);
	for (const char *p = body; *p;) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		size_t k = 0;
		while (k < len && (p[k] == ' ' || p[k] == '\t' || p[k] == '\r'))
			k++;
		if (k < len) {
			if (*n == cap)
				v = nb_xrealloc(v, (cap *= 2) * sizeof *v);
			v[(*n)++] = (para){p, (size_t)(p - body), len};
		}
		if (!e)
			break;
		p = e + 1;
	}
	return v;
}

static bool para_eq(const para *x, const para *y)
{
	return x->len == y->len && memcmp(x->s, y->s, x->len) == 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* Share of character pairs two paragraphs have in common (Dice coefficient over bigrams). */
static double similarity(const para *x, const para *y)
{
	cps a, b;
	cps_decode(x->s, x->len, &a);
	cps_decode(y->s, y->len, &b);
	double sim = 0;
	if (a.n >= 2 && b.n >= 2) {
		size_t na = a.n - 1, nb = b.n - 1;
		uint64_t *ga = nb_xmalloc(na * sizeof *ga), *gb = nb_xmalloc(nb * sizeof *gb);
		for (size_t i = 0; i < na; i++)
			ga[i] = (uint64_t)a.cp[i] << 32 | a.cp[i + 1];
		for (size_t i = 0; i < nb; i++)
			gb[i] = (uint64_t)b.cp[i] << 32 | b.cp[i + 1];
		qsort(ga, na, sizeof *ga, cmp_u64);
		qsort(gb, nb, sizeof *gb, cmp_u64);
		size_t i = 0, j = 0, common = 0;
		while (i < na && j < nb) {
			if (ga[i] == gb[j])
				common++, i++, j++;
			else if (ga[i] < gb[j])
				i++;
			else
				j++;
		}
		sim = 2.0 * (double)common / (double)(na + nb);
		free(ga);
		free(gb);
	} else if (a.n == b.n && a.n == 1) {
		sim = a.cp[0] == b.cp[0];
	}
	cps_free(&a);
	cps_free(&b);
	return sim;
}

/* ---- building the diff ---- */

typedef struct side {
	const char *text;
	const nb_srcpos *map;
	size_t nmap;
	para *p;
	size_t n;
} side;

static void side_init(side *s, const nb_report *r, bool intro, int idx)
{
	memset(s, 0, sizeof *s);
	if (intro) {
		s->text = r->intro;
		s->map = r->intro_map;
		s->nmap = r->intro_nmap;
	} else if (idx >= 0) {
		s->text = r->sections[idx].body;
		s->map = r->sections[idx].map;
		s->nmap = r->sections[idx].nmap;
	}
	s->text = s->text ? s->text : "";
	s->p = split_paras(s->text, &s->n);
}

static int para_line(const side *s, size_t i)
{
	int line = 0, col = 0;
	nb_srcmap_lookup(s->map, s->nmap, s->text, s->p[i].off, &line, &col);
	return line;
}

static void push_para(nb_section_diff *sd, size_t *cap, nb_para_change_kind kind, const side *o,
		      long oi, const side *n, long ni)
{
	if (sd->nparas == *cap)
		sd->paras = nb_xrealloc(sd->paras, (*cap = *cap ? *cap * 2 : 8) * sizeof *sd->paras);
	nb_para_change *c = &sd->paras[sd->nparas++];
	memset(c, 0, sizeof *c);
	c->kind = kind;
	c->old_index = (int)oi;
	c->new_index = (int)ni;
	c->moved_from = -1;
	if (oi >= 0) {
		c->old_text = nb_xstrndup(o->p[oi].s, o->p[oi].len);
		c->old_line = para_line(o, (size_t)oi);
	}
	if (ni >= 0) {
		c->new_text = nb_xstrndup(n->p[ni].s, n->p[ni].len);
		c->new_line = para_line(n, (size_t)ni);
	}
	if (kind == NB_PARA_CHANGED)
		c->marked = nb_diff_chars(c->old_text, c->new_text, -1);
}

/* One gap between aligned paragraphs: old [o0, o1) against new [n0, n1). */
static void diff_gap(nb_section_diff *sd, size_t *cap, const side *o, size_t o0, size_t o1,
		     const side *n, size_t n0, size_t n1)
{
	size_t next = n0;
	bool pair = (o1 - o0) * (n1 - n0) <= MAX_PAIRINGS;
	for (size_t i = o0; i < o1 && !pair; i++)
		push_para(sd, cap, NB_PARA_REMOVED, o, (long)i, n, -1);
	for (size_t i = o0; i < o1 && pair; i++) {
		size_t best = SIZE_MAX;
		double best_sim = SIMILAR_ENOUGH;
		for (size_t j = next; j < n1; j++) {
			double s = similarity(&o->p[i], &n->p[j]);
			if (s >= best_sim) {
				best_sim = s;
				best = j;
			}
		}
		if (best == SIZE_MAX) {
			push_para(sd, cap, NB_PARA_REMOVED, o, (long)i, n, -1);
			continue;
		}
		for (; next < best; next++)
			push_para(sd, cap, NB_PARA_ADDED, o, -1, n, (long)next);
		push_para(sd, cap, NB_PARA_CHANGED, o, (long)i, n, (long)best);
		next = best + 1;
	}
	for (; next < n1; next++)
		push_para(sd, cap, NB_PARA_ADDED, o, -1, n, (long)next);
}

static void diff_paras(nb_section_diff *sd, const side *o, const side *n)
{
	size_t cap = 0;
	size_t N = o->n, M = n->n;
	/* L[i][j]: LCS of paragraphs o[i..], n[j..] */
	size_t *L = nb_xcalloc((N + 1) * (M + 1), sizeof *L);
#define AT(i, j) L[(i) * (M + 1) + (j)]
	for (size_t i = N; i-- > 0;)
		for (size_t j = M; j-- > 0;)
			AT(i, j) = para_eq(&o->p[i], &n->p[j]) ? AT(i + 1, j + 1) + 1
				   : (AT(i + 1, j) >= AT(i, j + 1) ? AT(i + 1, j) : AT(i, j + 1));
	size_t i = 0, j = 0, gi = 0, gj = 0;
	while (i < N && j < M) {
		if (para_eq(&o->p[i], &n->p[j]) && AT(i, j) == AT(i + 1, j + 1) + 1) {
			diff_gap(sd, &cap, o, gi, i, n, gj, j);
			push_para(sd, &cap, NB_PARA_SAME, o, (long)i, n, (long)j);
			gi = ++i;
			gj = ++j;
		} else if (AT(i + 1, j) >= AT(i, j + 1)) {
			i++;
		} else {
			j++;
		}
	}
	diff_gap(sd, &cap, o, gi, N, n, gj, M);
#undef AT
	free(L);
}

/* Paragraphs that were reordered and edited at once fall outside the aligned gaps: a removed
 * and an added paragraph of one section that are still alike are one changed paragraph, shown
 * where it is now. */
static void pair_leftovers(nb_section_diff *sd)
{
	size_t nrem = 0, nadd = 0;
	for (size_t k = 0; k < sd->nparas; k++) {
		nrem += sd->paras[k].kind == NB_PARA_REMOVED;
		nadd += sd->paras[k].kind == NB_PARA_ADDED;
	}
	if (nrem * nadd > MAX_PAIRINGS)
		return;
	for (size_t k = 0; k < sd->nparas; k++) {
		nb_para_change *rem = &sd->paras[k];
		if (rem->kind != NB_PARA_REMOVED)
			continue;
		nb_para_change *best = NULL;
		double best_sim = SIMILAR_ENOUGH;
		for (size_t m = 0; m < sd->nparas; m++) {
			nb_para_change *add = &sd->paras[m];
			/* the same text elsewhere has moved (find_moves), not changed */
			if (add->kind != NB_PARA_ADDED || strcmp(add->new_text, rem->old_text) == 0)
				continue;
			para x = {rem->old_text, 0, strlen(rem->old_text)};
			para y = {add->new_text, 0, strlen(add->new_text)};
			double sim = similarity(&x, &y);
			if (sim >= best_sim) {
				best_sim = sim;
				best = add;
			}
		}
		if (!best)
			continue;
		best->kind = NB_PARA_CHANGED;
		best->old_index = rem->old_index;
		best->old_line = rem->old_line;
		best->old_text = rem->old_text;
		best->marked = nb_diff_chars(best->old_text, best->new_text, -1);
		rem->old_text = NULL;
		rem->old_index = -2;   /* dropped below */
	}
	size_t j = 0;
	for (size_t k = 0; k < sd->nparas; k++)
		if (sd->paras[k].old_index != -2)
			sd->paras[j++] = sd->paras[k];
	sd->nparas = j;
}

/* A heading without its leading number (一、 （二） 3. 第一部分), for matching renumbered parts. */
static const char *unnumbered(const char *h)
{
	static const char *const marks[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九",
					    "十", "第", "部分", "（", "）", "、", "．", ".", " ",
					    "　", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
	const char *p = h ? h : "";
	for (bool again = true; again;) {
		again = false;
		for (size_t k = 0; k < sizeof marks / sizeof *marks; k++) {
			size_t l = strlen(marks[k]);
			if (strncmp(p, marks[k], l) == 0) {
				p += l;
				again = true;
				break;
			}
		}
	}
	return *p ? p : (h ? h : "");
}

/* new_of[i]: the NEW section matched to OLD section i, or -1. */
static void match_sections(const nb_report *o, const nb_report *n, int *new_of)
{
	bool *taken = nb_xcalloc(n->nsections + 1, sizeof *taken);
	for (size_t i = 0; i < o->nsections; i++)
		new_of[i] = -1;
	/* by template id, k-th with k-th */
	for (size_t i = 0; i < o->nsections; i++) {
		const char *id = o->sections[i].id;
		if (!id)
			continue;
		for (size_t j = 0; j < n->nsections; j++)
			if (!taken[j] && n->sections[j].id && strcmp(n->sections[j].id, id) == 0) {
				new_of[i] = (int)j;
				taken[j] = true;
				break;
			}
	}
	/* then by heading as written, then without its number */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < o->nsections; i++) {
			if (new_of[i] >= 0)
				continue;
			const char *h = o->sections[i].heading ? o->sections[i].heading : "";
			if (pass)
				h = unnumbered(h);
			for (size_t j = 0; j < n->nsections; j++) {
				const char *g = n->sections[j].heading ? n->sections[j].heading : "";
				if (pass)
					g = unnumbered(g);
				if (!taken[j] && *h && strcmp(h, g) == 0) {
					new_of[i] = (int)j;
					taken[j] = true;
					break;
				}
			}
		}
	free(taken);
}

static nb_section_diff *add_section_diff(nb_diff *d, size_t *cap)
{
	if (d->nsections == *cap)
		d->sections = nb_xrealloc(d->sections, (*cap = *cap ? *cap * 2 : 8) * sizeof *d->sections);
	nb_section_diff *sd = &d->sections[d->nsections++];
	memset(sd, 0, sizeof *sd);
	sd->old_section = sd->new_section = -1;
	return sd;
}

static void diff_pair(nb_diff *d, size_t *cap, bool intro, int oi, int ni)
{
	nb_section_diff *sd = add_section_diff(d, cap);
	sd->intro = intro;
	sd->old_section = intro ? -1 : oi;
	sd->new_section = intro ? -1 : ni;
	if (!intro) {
		sd->old_heading = oi >= 0 ? d->old->sections[oi].heading : NULL;
		sd->new_heading = ni >= 0 ? d->new->sections[ni].heading : NULL;
	}
	side o, n;
	side_init(&o, d->old, intro, oi);
	side_init(&n, d->new, intro, ni);
	if (!intro && oi < 0)
		o.n = 0;
	if (!intro && ni < 0)
		n.n = 0;
	diff_paras(sd, &o, &n);
	pair_leftovers(sd);
	free(o.p);
	free(n.p);
	if (!intro && oi < 0)
		sd->kind = NB_SECTION_ADDED;
	else if (!intro && ni < 0)
		sd->kind = NB_SECTION_REMOVED;
	if (sd->old_heading && sd->new_heading && strcmp(sd->old_heading, sd->new_heading) != 0)
		sd->heading_marked = nb_diff_chars(sd->old_heading, sd->new_heading, -1);
}

/* A paragraph removed in one place and added unchanged in another has moved. */
static void find_moves(nb_diff *d)
{
	for (size_t s = 0; s < d->nsections; s++) {
		nb_section_diff *sd = &d->sections[s];
		for (size_t k = 0; k < sd->nparas; k++) {
			nb_para_change *add = &sd->paras[k];
			if (add->kind != NB_PARA_ADDED)
				continue;
			bool done = false;
			for (size_t t = 0; t < d->nsections && !done; t++) {
				nb_section_diff *td = &d->sections[t];
				for (size_t m = 0; m < td->nparas && !done; m++) {
					nb_para_change *rem = &td->paras[m];
					if (rem->kind != NB_PARA_REMOVED || strcmp(rem->old_text, add->new_text) != 0)
						continue;
					add->kind = NB_PARA_MOVED;
					add->old_index = rem->old_index;
					add->old_line = rem->old_line;
					add->old_text = rem->old_text;
					add->moved_from = (int)t;
					rem->old_text = NULL;
					rem->kind = NB_PARA_SAME;   /* dropped below */
					rem->old_index = -2;
					done = true;
				}
			}
		}
	}
	for (size_t s = 0; s < d->nsections; s++) {
		nb_section_diff *sd = &d->sections[s];
		size_t j = 0;
		for (size_t k = 0; k < sd->nparas; k++) {
			if (sd->paras[k].old_index == -2) {
				free(sd->paras[k].new_text);
				continue;
			}
			sd->paras[j++] = sd->paras[k];
		}
		sd->nparas = j;
	}
}

static void count_changes(nb_diff *d)
{
	for (size_t s = 0; s < d->nsections; s++) {
		nb_section_diff *sd = &d->sections[s];
		bool changed = sd->heading_marked != NULL;
		for (size_t k = 0; k < sd->nparas; k++) {
			switch (sd->paras[k].kind) {
			case NB_PARA_SAME:
				continue;
			case NB_PARA_CHANGED:
				d->paras_changed++;
				break;
			case NB_PARA_ADDED:
				d->paras_added++;
				break;
			case NB_PARA_REMOVED:
				d->paras_removed++;
				break;
			case NB_PARA_MOVED:
				d->paras_moved++;
				break;
			}
			changed = true;
		}
		if (sd->kind == NB_SECTION_SAME && changed)
			sd->kind = NB_SECTION_CHANGED;
	}
}

static void diff_meta(nb_diff *d)
{
	d->meta = nb_xcalloc(NB_META_COUNT, sizeof *d->meta);
	for (int f = 0; f < NB_META_COUNT; f++) {
		const char *a = d->old->meta[f], *b = d->new->meta[f];
		if (strcmp(a ? a : "", b ? b : "") != 0)
			d->meta[d->nmeta++] = (nb_meta_change){(nb_meta_field)f, a, b};
	}
}

static bool is_note(const char *rule)
{
	return strcmp(rule, "import-normalized") == 0 || strcmp(rule, "load-warning") == 0;
}

static void diff_findings(nb_diff *d, const nb_findings *fo, const nb_findings *fn)
{
	nb_finding_key *ko = nb_finding_keys(d->old, fo), *kn = nb_finding_keys(d->new, fn);
	bool *used = nb_xcalloc(fn->n + 1, sizeof *used);
	d->findings = nb_xmalloc((fo->n + fn->n + 1) * sizeof *d->findings);
	for (size_t i = 0; i < fo->n; i++) {
		if (is_note(fo->v[i].rule))
			continue;
		bool found = false;
		for (size_t j = 0; j < fn->n && !found; j++)
			if (!used[j] && nb_finding_key_equal(&ko[i], &kn[j]))
				used[j] = found = true;
		if (!found)
			d->findings[d->nfindings++] = (nb_finding_change){false, i};
	}
	for (size_t j = 0; j < fn->n; j++)
		if (!used[j] && !is_note(fn->v[j].rule))
			d->findings[d->nfindings++] = (nb_finding_change){true, j};
	free(used);
	nb_finding_keys_free(ko, fo->n);
	nb_finding_keys_free(kn, fn->n);
}

static const char *new_text_of(const nb_report *n, bool intro, int idx)
{
	if (intro)
		return n->intro ? n->intro : "";
	return idx >= 0 ? n->sections[idx].body : NULL;
}

static int line_in(const nb_report *r, bool intro, int idx, size_t off)
{
	int line = 0, col = 0;
	if (intro)
		nb_srcmap_lookup(r->intro_map, r->intro_nmap, r->intro, off, &line, &col);
	else if (idx >= 0)
		nb_srcmap_lookup(r->sections[idx].map, r->sections[idx].nmap, r->sections[idx].body, off,
				 &line, &col);
	return line;
}

static void diff_comments(nb_diff *d)
{
	const nb_report *o = d->old, *n = d->new;
	d->comments = nb_xcalloc(o->ncomments + 1, sizeof *d->comments);
	d->ncomments = o->ncomments;
	for (size_t ci = 0; ci < o->ncomments; ci++) {
		nb_comment_status *st = &d->comments[ci];
		const nb_comment *c = &o->comments[ci];
		st->comment = ci;
		nb_anchor a;
		if (nb_comment_resolve(o, c, &a) == NB_ANCHOR_ORPHANED) {
			st->state = NB_COMMENT_WAS_ORPHANED;
			continue;
		}
		st->old_line = nb_anchor_line(o, &a);
		const nb_section_diff *sd = NULL;
		for (size_t s = 0; s < d->nsections && !sd; s++)
			if (a.intro ? d->sections[s].intro
				    : (!d->sections[s].intro && d->sections[s].old_section == a.section))
				sd = &d->sections[s];
		const char *quote = c->quote ? c->quote : "";
		if (a.state == NB_ANCHOR_SECTION) {
			/* about a whole part: open while the part is there */
			st->state = sd && (sd->intro || sd->new_section >= 0) ? NB_COMMENT_OPEN
									       : NB_COMMENT_REMOVED;
			if (sd && sd->new_section >= 0)
				st->new_line = n->sections[sd->new_section].heading_line;
			continue;
		}
		/* which occurrence of the quote it was in OLD */
		const char *ot = nb_anchor_text(o, &a);
		int nth = nb_quote_occurrence(ot, quote, a.off);
		const char *nt = sd ? new_text_of(n, sd->intro, sd->new_section) : NULL;
		size_t off;
		if (nt && nb_quote_find(nt, quote, nth, &off)) {
			st->state = NB_COMMENT_OPEN;
			st->new_line = line_in(n, sd->intro, sd->new_section, off);
			continue;
		}
		/* moved to another part unchanged: still open */
		bool found = false;
		if (n->intro && strstr(n->intro, quote)) {
			st->new_line = line_in(n, true, -1, (size_t)(strstr(n->intro, quote) - n->intro));
			found = true;
		}
		for (size_t s = 0; s < n->nsections && !found; s++) {
			const char *p = strstr(n->sections[s].body, quote);
			if (p) {
				st->new_line = line_in(n, false, (int)s, (size_t)(p - n->sections[s].body));
				found = true;
			}
		}
		if (found) {
			st->state = NB_COMMENT_OPEN;
			continue;
		}
		/* addressed: what became of its paragraph? */
		st->state = NB_COMMENT_REMOVED;
		if (!sd)
			continue;
		size_t np;
		para *ps = split_paras(ot, &np);
		long pi = -1;
		for (size_t k = 0; k < np; k++)
			if (ps[k].off <= a.off && a.off < ps[k].off + ps[k].len + 1)
				pi = (long)k;
		free(ps);
		for (size_t k = 0; k < sd->nparas; k++)
			if (sd->paras[k].kind == NB_PARA_CHANGED && sd->paras[k].old_index == pi) {
				st->state = NB_COMMENT_CHANGED;
				st->para = &sd->paras[k];
				st->new_line = sd->paras[k].new_line;
			}
	}
}

nb_diff *nb_diff_reports(const nb_report *old, const nb_findings *old_findings,
			 const nb_report *new, const nb_findings *new_findings)
{
	nb_diff *d = nb_xcalloc(1, sizeof *d);
	d->old = old;
	d->new = new;
	diff_meta(d);
	size_t cap = 0;
	diff_pair(d, &cap, true, -1, -1);
	int *new_of = nb_xmalloc((old->nsections + 1) * sizeof *new_of);
	int *old_of = nb_xmalloc((new->nsections + 1) * sizeof *old_of);
	match_sections(old, new, new_of);
	for (size_t j = 0; j < new->nsections; j++)
		old_of[j] = -1;
	for (size_t i = 0; i < old->nsections; i++)
		if (new_of[i] >= 0)
			old_of[new_of[i]] = (int)i;
	/* in the new order; a removed part comes where it was, before the next part it preceded */
	size_t next_old = 0;
	for (size_t j = 0; j < new->nsections; j++) {
		int i = old_of[j];
		if (i >= 0) {
			for (; next_old < (size_t)i; next_old++)
				if (new_of[next_old] < 0)
					diff_pair(d, &cap, false, (int)next_old, -1);
			if (next_old == (size_t)i)
				next_old++;
		}
		diff_pair(d, &cap, false, i, (int)j);
	}
	for (; next_old < old->nsections; next_old++)
		if (new_of[next_old] < 0)
			diff_pair(d, &cap, false, (int)next_old, -1);
	free(new_of);
	free(old_of);
	find_moves(d);
	count_changes(d);
	/* comments need the paragraph changes; they point into d->sections, which no longer grows */
	diff_comments(d);
	if (old_findings && new_findings)
		diff_findings(d, old_findings, new_findings);
	return d;
}

void nb_diff_free(nb_diff *d)
{
	if (!d)
		return;
	for (size_t s = 0; s < d->nsections; s++) {
		nb_section_diff *sd = &d->sections[s];
		for (size_t k = 0; k < sd->nparas; k++) {
			free(sd->paras[k].old_text);
			free(sd->paras[k].new_text);
			free(sd->paras[k].marked);
		}
		free(sd->paras);
		free(sd->heading_marked);
	}
	free(d->sections);
	free(d->meta);
	free(d->findings);
	free(d->comments);
	free(d);
}

bool nb_diff_same_text(const nb_diff *d)
{
	if (d->nmeta)
		return false;
	for (size_t s = 0; s < d->nsections; s++)
		if (d->sections[s].kind != NB_SECTION_SAME)
			return false;
	return true;
}
