/* check_cache.c — re-checking one section as the user types, at a cost that follows the edit
 * rather than the report.
 *
 * Most rules look at one paragraph at a time (wording, typography, sums, rates, stock phrases)
 * or gather facts per paragraph that a cheap pass then combines (the measures stated, for
 * number-inconsistent; whether a paragraph has a figure, for no-figures; which evidence phrases
 * it holds, for item-missing). The cache keeps, per section, a copy of the body it last saw and
 * those results per paragraph. When a body changes, the common beginning and end of the old and
 * new text tell which paragraphs are new; only those are read again. The result is always the
 * same as nb_check_section's. */
#include "config.h"
#include "check_rules.h"
#include "check_text.h"
#include "nianbao/text.h"
#include "nianbao/silence.h"
#include "nianbao/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* One paragraph of a body as last seen, with what the rules found in it. */
typedef struct cpara {
	size_t a, b;          /* [a, b) in the body; b is the '\n' after it or the end */
	nb_finding *f;        /* its own findings, offsets relative to a */
	size_t nf;
	nb_fig_stmt *st;      /* its measures, offsets relative to a */
	size_t nst;
	bool any_figure;
	/* The evidence phrases of its template part: which ones have been looked for (only when
	 * needed: a phrase another paragraph holds need not be looked for) and which it holds. */
	uint64_t *known, *bits;
} cpara;

typedef struct csec {
	bool valid;
	char *body;           /* copy of the body the paragraphs describe */
	size_t len;
	int tidx;             /* template part the phrase bits refer to */
	cpara *p;
	size_t np, cap;
	size_t *count;        /* per phrase: paragraphs known to hold it */
	size_t *unknown;      /* per phrase: paragraphs not yet searched for it */
} csec;

/* The distinct evidence phrases of one template part, with {year} filled in. */
typedef struct phrases {
	bool built;
	char **v;
	size_t n;
	const char **src;     /* per evidence string of the template (by address): */
	size_t *src_phrase;   /* the phrase it became */
	size_t nsrc;
} phrases;

struct nb_check_cache {
	/* What every remembered result depends on. */
	bool set;
	const nb_template *t;
	const nb_lexicon *lx;
	nb_lexicon *own_lx;
	int year, today_year;
	char *disabled;       /* the disabled rule ids, joined */
	csec *s;
	size_t ns;
	phrases *ph;
	size_t nph;
};

nb_check_cache *nb_check_cache_new(void)
{
	return nb_xcalloc(1, sizeof(nb_check_cache));
}

static void para_free(cpara *p)
{
	for (size_t i = 0; i < p->nf; i++) {
		free(p->f[i].message);
		free(p->f[i].suggestion);
	}
	free(p->f);
	free(p->st);
	free(p->known);
	free(p->bits);
}

static void sec_clear(csec *s)
{
	for (size_t i = 0; i < s->np; i++)
		para_free(&s->p[i]);
	free(s->p);
	free(s->body);
	free(s->count);
	free(s->unknown);
	memset(s, 0, sizeof *s);
}

static void forget_all(nb_check_cache *k)
{
	for (size_t i = 0; i < k->ns; i++)
		sec_clear(&k->s[i]);
	free(k->s);
	k->s = NULL;
	k->ns = 0;
	for (size_t i = 0; i < k->nph; i++) {
		for (size_t j = 0; j < k->ph[i].n; j++)
			free(k->ph[i].v[j]);
		free(k->ph[i].v);
		free(k->ph[i].src);
		free(k->ph[i].src_phrase);
	}
	free(k->ph);
	k->ph = NULL;
	k->nph = 0;
	free(k->disabled);
	k->disabled = NULL;
	nb_lexicon_free(k->own_lx);
	k->own_lx = NULL;
	k->set = false;
}

void nb_check_cache_free(nb_check_cache *k)
{
	if (!k)
		return;
	forget_all(k);
	free(k);
}

static char *join_disabled(const nb_check_opts *o)
{
	nb_sb sb = {0};
	if (o && o->disabled)
		for (const char *const *d = o->disabled; *d; d++) {
			nb_sb_adds(&sb, *d);
			nb_sb_addc(&sb, '\n');
		}
	return nb_sb_take(&sb);
}

/* Starts over whenever anything the remembered results depend on has changed. */
static void prepare(nb_check_cache *k, const nb_report *r, const nb_template *t, const nb_check_opts *o)
{
	char *disabled = join_disabled(o);
	const nb_lexicon *lx = o ? o->lexicon : NULL;
	int year = nb_report_year(r), today = o ? o->today_year : 0;
	bool same = k->set && k->t == t && (lx ? k->lx == lx : k->own_lx != NULL) && k->year == year &&
		    k->today_year == today && strcmp(k->disabled, disabled) == 0 && k->ns == r->nsections &&
		    k->nph == t->nsections;
	if (same) {
		free(disabled);
		return;
	}
	forget_all(k);
	k->set = true;
	k->t = t;
	k->lx = lx ? lx : (k->own_lx = nb_lexicon_builtin());
	k->year = year;
	k->today_year = today;
	k->disabled = disabled;
	k->ns = r->nsections;
	k->s = nb_xcalloc(k->ns ? k->ns : 1, sizeof *k->s);
	k->nph = t->nsections;
	k->ph = nb_xcalloc(k->nph ? k->nph : 1, sizeof *k->ph);
}

static size_t add_phrase(phrases *ph, char *text)
{
	for (size_t q = 0; q < ph->n; q++)
		if (strcmp(ph->v[q], text) == 0) {
			free(text);
			return q;
		}
	ph->v = nb_xrealloc(ph->v, (ph->n + 1) * sizeof *ph->v);
	ph->v[ph->n] = text;
	return ph->n++;
}

static const phrases *part_phrases(nb_check_cache *k, int tidx)
{
	phrases *ph = &k->ph[tidx];
	if (ph->built)
		return ph;
	ph->built = true;
	const nb_tsection *ts = &k->t->sections[tidx];
	for (size_t i = 0; i < ts->nitems; i++) {
		const nb_item *it = &ts->items[i];
		for (size_t e = 0; e < it->nevidence; e++) {
			const char *ev = it->evidence[e];
			bool year = strchr(ev, '{') != NULL;
			if (year && k->year <= 0)
				continue;
			size_t q = add_phrase(ph, year ? nb_template_expand(ev, k->year, "") : nb_xstrdup(ev));
			ph->src = nb_xrealloc(ph->src, (ph->nsrc + 1) * sizeof *ph->src);
			ph->src_phrase = nb_xrealloc(ph->src_phrase, (ph->nsrc + 1) * sizeof *ph->src_phrase);
			ph->src[ph->nsrc] = ev;
			ph->src_phrase[ph->nsrc++] = q;
		}
		if (it->next_year && k->year > 0)
			add_phrase(ph, nb_xasprintf("%d年", k->year + 1));
	}
	return ph;
}

static size_t words_for(size_t nbits)
{
	return (nbits + 63) / 64;
}

/* Reads paragraph body[a, b) of section si. */
static void read_para(nb_check_cache *k, const nb_check_ctx *c, size_t si, const csec *cs, const char *body,
		      size_t a, size_t b, cpara *out)
{
	memset(out, 0, sizeof *out);
	out->a = a;
	out->b = b;
	nb_findings found = {0};
	nb_check_ctx pc = *c;
	pc.out = &found;
	nb_text_run run = {&pc, k->lx, NULL};
	nb_lang_para(&run, (nb_where){NB_PLACE_BODY, (int)si, -1}, body, a, b);
	nb_fig_stmts st = {0};
	nb_figures_para(&run, si, body, a, b, &st, &out->any_figure);
	for (size_t i = 0; i < found.n; i++)
		found.v[i].off -= a;
	out->f = found.v;
	out->nf = found.n;
	for (size_t i = 0; i < st.n; i++) {
		st.v[i].key_off -= a;
		st.v[i].unit_off -= a;
		st.v[i].off -= a;
		st.v[i].end -= a;
	}
	out->st = st.v;
	out->nst = st.n;
	if (cs->tidx >= 0) {
		size_t words = words_for(part_phrases(k, cs->tidx)->n);
		out->known = nb_xcalloc(words ? words : 1, sizeof *out->known);
		out->bits = nb_xcalloc(words ? words : 1, sizeof *out->bits);
	}
}

static bool bit(const uint64_t *v, size_t q)
{
	return v[q / 64] >> (q % 64) & 1;
}

static void set_bit(uint64_t *v, size_t q)
{
	v[q / 64] |= (uint64_t)1 << (q % 64);
}

static void count_bits(nb_check_cache *k, csec *cs, const cpara *p, int sign)
{
	if (!p->bits || cs->tidx < 0)
		return;
	size_t n = k->ph[cs->tidx].n;
	for (size_t q = 0; q < n; q++) {
		if (!bit(p->known, q))
			cs->unknown[q] += (size_t)sign;
		else if (bit(p->bits, q))
			cs->count[q] += (size_t)sign;
	}
}

/* Reads the paragraphs of body[from, to) (from a paragraph start to a paragraph end) into
 * fresh[]. */
static void read_range(nb_check_cache *k, const nb_check_ctx *c, size_t si, csec *cs, const char *body, size_t from,
		       size_t to, cpara **fresh, size_t *n)
{
	size_t cap = 0;
	*fresh = NULL;
	*n = 0;
	size_t a = from;
	for (;;) {
		const char *nl = a < to ? memchr(body + a, '\n', to - a) : NULL;
		size_t b = nl ? (size_t)(nl - body) : to;
		if (*n == cap) {
			cap = cap ? cap * 2 : 4;
			*fresh = nb_xrealloc(*fresh, cap * sizeof **fresh);
		}
		read_para(k, c, si, cs, body, a, b, &(*fresh)[(*n)++]);
		count_bits(k, cs, &(*fresh)[*n - 1], 1);
		if (!nl)
			break;
		a = b + 1;
	}
}

/* First paragraph (from lo) whose field is >= v. */
static size_t first_b_at_least(const csec *cs, size_t v)
{
	size_t lo = 0, hi = cs->np;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cs->p[mid].b >= v)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

static size_t first_a_at_least(const csec *cs, size_t v)
{
	size_t lo = 0, hi = cs->np;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cs->p[mid].a >= v)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* Brings section si's paragraphs up to date with its body. */
static void sync_section(nb_check_cache *k, const nb_check_ctx *c, size_t si)
{
	csec *cs = &k->s[si];
	const char *body = c->r->sections[si].body;
	size_t len = strlen(body);
	int tidx = nb_ctx_tsection(c, si);
	if (cs->valid && cs->tidx != tidx)
		sec_clear(cs);
	if (cs->valid && cs->len == len && memcmp(cs->body, body, len) == 0)
		return;
	size_t i0 = 0, j0 = 0, from = 0, to = len, delta = 0;
	if (!cs->valid) {
		cs->valid = true;
		cs->tidx = tidx;
		if (tidx >= 0) {
			size_t n = part_phrases(k, tidx)->n;
			cs->count = nb_xcalloc(n ? n : 1, sizeof *cs->count);
			cs->unknown = nb_xcalloc(n ? n : 1, sizeof *cs->unknown);
		}
	} else {
		/* The bytes both versions share at the start and at the end. */
		size_t max = cs->len < len ? cs->len : len, pre = 0, suf = 0;
		while (pre < max && cs->body[pre] == body[pre])
			pre++;
		while (suf < max - pre && cs->body[cs->len - 1 - suf] == body[len - 1 - suf])
			suf++;
		delta = len - cs->len;
		/* Paragraphs wholly in the shared start (with the '\n' after them) stay; so do those
		 * wholly in the shared end (with the '\n' before them), moved by delta. */
		i0 = first_b_at_least(cs, pre);
		j0 = first_a_at_least(cs, cs->len - suf + 1);
		if (j0 < i0)
			j0 = i0;
		from = i0 > 0 ? cs->p[i0 - 1].b + 1 : 0;
		to = j0 < cs->np ? cs->p[j0].a - 1 + delta : len;
	}
	for (size_t i = i0; i < j0; i++) {
		count_bits(k, cs, &cs->p[i], -1);
		para_free(&cs->p[i]);
	}
	cpara *fresh;
	size_t nf;
	read_range(k, c, si, cs, body, from, to, &fresh, &nf);
	size_t np = cs->np - (j0 - i0) + nf;
	if (np > cs->cap) {
		cs->cap = np * 2;
		cs->p = nb_xrealloc(cs->p, cs->cap * sizeof *cs->p);
	}
	memmove(&cs->p[i0 + nf], &cs->p[j0], (cs->np - j0) * sizeof *cs->p);
	memcpy(&cs->p[i0], fresh, nf * sizeof *fresh);
	free(fresh);
	for (size_t i = i0 + nf; i < np; i++) {
		cs->p[i].a += delta;
		cs->p[i].b += delta;
	}
	cs->np = np;
	if (len + 1 > cs->len + 1 || !cs->body)
		cs->body = nb_xrealloc(cs->body, len + 1);
	memcpy(cs->body, body, len + 1);
	cs->len = len;
}

/* Does section sidx's body hold the phrase? Paragraphs are searched only until one holds it. */
static bool body_has(void *ud, size_t sidx, const char *phrase)
{
	nb_check_cache *k = ud;
	csec *cs = &k->s[sidx];
	if (!cs->valid || cs->tidx < 0)
		return nb_text_has_phrase(cs->body, cs->len, phrase);
	const phrases *ph = &k->ph[cs->tidx];
	size_t q = 0;
	while (q < ph->n && ph->v[q] != phrase)
		q++;
	for (size_t i = 0; q == ph->n && i < ph->n; i++)
		if (strcmp(ph->v[i], phrase) == 0)
			q = i;
	if (q == ph->n)
		return nb_text_has_phrase(cs->body, cs->len, phrase);
	if (cs->count[q] > 0)
		return true;
	for (size_t i = 0; i < cs->np && cs->unknown[q] > 0; i++) {
		cpara *p = &cs->p[i];
		if (bit(p->known, q))
			continue;
		set_bit(p->known, q);
		cs->unknown[q]--;
		if (nb_text_has_phrase(cs->body + p->a, p->b - p->a, phrase)) {
			set_bit(p->bits, q);
			cs->count[q]++;
			return true;
		}
	}
	return false;
}

/* An evidence phrase of the template with {year} filled in, as the phrase table holds it. */
static const char *expand(void *ud, const char *evidence)
{
	nb_check_cache *k = ud;
	for (size_t t = 0; t < k->nph; t++) {
		const phrases *ph = &k->ph[t];
		for (size_t i = 0; i < ph->nsrc; i++)
			if (ph->src[i] == evidence)
				return ph->v[ph->src_phrase[i]];
	}
	return NULL;
}

/* Section si's remembered paragraph findings, placed in its body as it is now. */
static void emit_paragraphs(const nb_check_ctx *c, const csec *cs, size_t si)
{
	const nb_section *s = &c->r->sections[si];
	for (size_t i = 0; i < cs->np; i++) {
		const cpara *p = &cs->p[i];
		for (size_t j = 0; j < p->nf; j++) {
			const nb_finding *f = &p->f[j];
			nb_finding *x = nb_findings_add(c->out, f->rule, f->severity, f->message, f->suggestion);
			x->place = NB_PLACE_BODY;
			x->section = (int)si;
			x->off = p->a + f->off;
			x->len = f->len;
			x->fixable = f->fixable;
			nb_srcmap_lookup(s->map, s->nmap, s->body, x->off, &x->line, &x->col);
		}
	}
}

void nb_check_section_cached(nb_check_cache *k, const nb_report *r, const nb_template *t, const nb_check_opts *o,
			     size_t idx, nb_findings *out)
{
	if (idx >= r->nsections)
		return;
	prepare(k, r, t, o);
	nb_check_ctx c = {r, t, o, nb_report_year(r), out};
	int tidx = nb_ctx_tsection(&c, idx);
	nb_check_forget_section(&c, idx);

	/* The sections re-checked: idx and those sharing its template part. Measures are compared
	 * with earlier statements only, so nothing after the last of them matters. */
	size_t last = idx;
	for (size_t si = 0; si < r->nsections; si++)
		if (tidx >= 0 && nb_ctx_tsection(&c, si) == tidx)
			last = si > last ? si : last;
	for (size_t si = 0; si <= last; si++)
		sync_section(k, &c, si);

	if (tidx >= 0) {
		nb_rule_section_order(&c, tidx);
		nb_rule_section_empty(&c, tidx);
		nb_rule_items_search(&c, tidx, body_has, expand, k);
	}
	nb_text_run run = {&c, k->lx, nb_fig_table_new()};
	for (size_t si = 0; si <= last; si++) {
		const csec *cs = &k->s[si];
		bool again = si == idx || (tidx >= 0 && nb_ctx_tsection(&c, si) == tidx);
		if (again) {
			const nb_section *s = &r->sections[si];
			nb_rule_heading_year(&c, si);
			nb_lang_text(&run, (nb_where){NB_PLACE_HEADING, (int)si, -1}, s->heading, strlen(s->heading));
			emit_paragraphs(&c, cs, si);
			nb_numbering_section(&run, si);
		}
		bool any_figure = false;
		for (size_t i = 0; i < cs->np; i++) {
			const cpara *p = &cs->p[i];
			nb_figures_compare(&run, si, r->sections[si].body, p->st, p->nst, p->a, again);
			any_figure |= p->any_figure;
		}
		if (again)
			nb_figures_none(&run, si, any_figure);
	}
	nb_fig_table_free(run.figs);
	nb_findings_sort(out);
	nb_silence_apply(r, out);
}
