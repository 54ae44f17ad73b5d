/* review.c — decisions on findings, named by a key that survives re-checks, and 批注 anchored to
 * quoted text (see review.h for the key and the anchoring rules). */
#include "config.h"
#include "nianbao/review.h"
#include "nianbao/util.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ---- keys ---- */

const char *nb_finding_section_name(const nb_report *r, const nb_finding *x)
{
	switch (x->place) {
	case NB_PLACE_INTRO:
		return NB_REVIEW_INTRO;
	case NB_PLACE_META:
		return NB_REVIEW_META;
	case NB_PLACE_HEADING:
	case NB_PLACE_BODY:
		if (x->section >= 0 && (size_t)x->section < r->nsections) {
			const nb_section *s = &r->sections[x->section];
			return s->id ? s->id : s->heading;
		}
		break;
	case NB_PLACE_DOCUMENT:
		break;
	}
	return "";
}

char *nb_finding_quote(const nb_report *r, const nb_finding *x)
{
	const char *t = nb_finding_text(r, x);
	if (!t || x->len == 0)
		return nb_xstrdup("");
	size_t n = strlen(t);
	if (x->off >= n)
		return nb_xstrdup("");
	size_t len = x->len <= n - x->off ? x->len : n - x->off;
	return nb_xstrndup(t + x->off, len);
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

bool nb_review_message_equal(const char *a, const char *b)
{
	a = a ? a : "";
	b = b ? b : "";
	while (*a && *b) {
		if (is_digit(*a) && is_digit(*b)) {
			while (is_digit(*a))
				a++;
			while (is_digit(*b))
				b++;
			continue;
		}
		if (*a != *b)
			return false;
		a++, b++;
	}
	return !*a && !*b;
}

static bool str_eq(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Same finding apart from the occurrence. */
static bool same_group(const nb_finding_key *a, const nb_finding_key *b)
{
	return str_eq(a->rule, b->rule) && str_eq(a->section, b->section) &&
	       str_eq(a->quote, b->quote) && nb_review_message_equal(a->message, b->message);
}

bool nb_finding_key_equal(const nb_finding_key *a, const nb_finding_key *b)
{
	return same_group(a, b) && a->occurrence == b->occurrence;
}

static void key_fill(const nb_report *r, const nb_finding *x, nb_finding_key *k)
{
	k->rule = x->rule ? x->rule : "";
	k->section = nb_xstrdup(nb_finding_section_name(r, x));
	k->quote = nb_finding_quote(r, x);
	k->message = x->message ? x->message : "";
	k->occurrence = 1;
}

void nb_finding_key_free(nb_finding_key *k)
{
	free(k->section);
	free(k->quote);
	k->section = k->quote = NULL;
}

/* Does finding j come before finding i in the text (ties broken by list order)? */
static bool before(const nb_findings *f, size_t j, size_t i)
{
	const nb_finding *a = &f->v[j], *b = &f->v[i];
	if (a->place != b->place)
		return a->place < b->place;
	if (a->off != b->off)
		return a->off < b->off;
	return j < i;
}

nb_finding_key *nb_finding_keys(const nb_report *r, const nb_findings *f)
{
	nb_finding_key *k = nb_xcalloc(f->n ? f->n : 1, sizeof *k);
	for (size_t i = 0; i < f->n; i++)
		key_fill(r, &f->v[i], &k[i]);
	for (size_t i = 0; i < f->n; i++)
		for (size_t j = 0; j < f->n; j++)
			if (j != i && str_eq(k[i].rule, k[j].rule) && same_group(&k[i], &k[j]) &&
			    before(f, j, i))
				k[i].occurrence++;
	return k;
}

void nb_finding_keys_free(nb_finding_key *k, size_t n)
{
	for (size_t i = 0; i < n; i++)
		nb_finding_key_free(&k[i]);
	free(k);
}

void nb_finding_key_make(const nb_report *r, const nb_findings *f, size_t i, nb_finding_key *k)
{
	key_fill(r, &f->v[i], k);
	for (size_t j = 0; j < f->n; j++) {
		if (j == i)
			continue;
		nb_finding_key o;
		key_fill(r, &f->v[j], &o);
		if (same_group(k, &o) && before(f, j, i))
			k->occurrence++;
		nb_finding_key_free(&o);
	}
}

/* Does decision d name the finding with key k? A decision without a message (written by hand)
 * matches on rule, section and quote, its occurrence counted among those. */
static bool decision_matches(const nb_decision *d, const nb_finding_key *k)
{
	return str_eq(d->rule, k->rule) && str_eq(d->section, k->section) &&
	       str_eq(d->quote, k->quote) &&
	       (!*d->message || nb_review_message_equal(d->message, k->message));
}

/* ---- decisions ---- */

void nb_review_match(const nb_report *r, const nb_findings *f, int *decision_of,
		     nb_review_counts *counts)
{
	nb_review_counts c = {0};
	nb_finding_key *k = nb_finding_keys(r, f);
	int *of = nb_xmalloc((f->n ? f->n : 1) * sizeof *of);
	for (size_t i = 0; i < f->n; i++)
		of[i] = -1;
	for (size_t di = 0; di < r->ndecisions; di++) {
		const nb_decision *d = &r->decisions[di];
		long found = -1;
		if (*d->message) {
			for (size_t i = 0; i < f->n && found < 0; i++)
				if (of[i] < 0 && decision_matches(d, &k[i]) &&
				    k[i].occurrence == d->occurrence)
					found = (long)i;
		} else {
			/* rank among the findings with this rule, section and quote */
			for (size_t i = 0; i < f->n && found < 0; i++) {
				if (of[i] >= 0 || !decision_matches(d, &k[i]))
					continue;
				int rank = 1;
				for (size_t j = 0; j < f->n; j++)
					if (j != i && decision_matches(d, &k[j]) && before(f, j, i))
						rank++;
				if (rank == d->occurrence)
					found = (long)i;
			}
		}
		if (found < 0)
			c.stale++;
		else
			of[found] = (int)di;
	}
	for (size_t i = 0; i < f->n; i++) {
		nb_decision_kind dk = of[i] >= 0 ? r->decisions[of[i]].decision : NB_DECISION_NONE;
		if (dk == NB_DECISION_ACCEPTED)
			c.accepted++;
		else if (dk == NB_DECISION_DISMISSED)
			c.dismissed++;
		else
			c.undecided++;
		if (dk != NB_DECISION_DISMISSED && f->v[i].severity <= NB_SEV_ERROR)
			c.by_severity[f->v[i].severity]++;
	}
	if (decision_of)
		memcpy(decision_of, of, f->n * sizeof *of);
	if (counts)
		*counts = c;
	free(of);
	nb_finding_keys_free(k, f->n);
}

nb_review_counts nb_review_apply(const nb_report *r, nb_findings *f)
{
	nb_review_counts c;
	int *of = nb_xmalloc((f->n ? f->n : 1) * sizeof *of);
	nb_review_match(r, f, of, &c);
	for (size_t i = 0; i < f->n; i++) {
		f->v[i].decision = of[i] >= 0 ? r->decisions[of[i]].decision : NB_DECISION_NONE;
		f->v[i].decision_ref = of[i] + 1;
	}
	free(of);
	return c;
}

const nb_decision *nb_review_decision_of(const nb_report *r, const nb_finding *x)
{
	if (x->decision_ref <= 0 || (size_t)x->decision_ref > r->ndecisions)
		return NULL;
	return &r->decisions[x->decision_ref - 1];
}

int nb_review_decide(nb_report *r, const nb_findings *f, size_t i, nb_decision_kind d,
		     const char *reason, const char *author, const char *time)
{
	if (i >= f->n)
		return -1;
	/* The decision now on this finding, if any, is replaced. */
	int *of = nb_xmalloc((f->n ? f->n : 1) * sizeof *of);
	nb_review_match(r, f, of, NULL);
	int old = of[i];
	free(of);
	if (old >= 0)
		nb_report_remove_decision(r, (size_t)old);
	if (d == NB_DECISION_NONE)
		return -1;
	nb_finding_key k;
	nb_finding_key_make(r, f, i, &k);
	char *who = author ? NULL : nb_review_author();
	char *when = time ? NULL : nb_review_now();
	nb_report_add_decision(r, k.rule, k.section, k.quote, k.message, k.occurrence, d, reason,
			       author ? author : who, time ? time : when);
	free(who);
	free(when);
	nb_finding_key_free(&k);
	return (int)r->ndecisions - 1;
}

/* ---- 批注 ---- */

bool nb_quote_find(const char *text, const char *quote, int nth, size_t *off)
{
	bool found = false;
	int k = 0;
	for (const char *p = strstr(text, quote); p; p = strstr(p + 1, quote)) {
		*off = (size_t)(p - text);
		found = true;
		if (++k >= nth)
			break;
	}
	return found;
}

int nb_quote_occurrence(const char *text, const char *quote, size_t off)
{
	int k = 1;
	for (const char *p = strstr(text, quote); p && (size_t)(p - text) < off; p = strstr(p + 1, quote))
		k++;
	return k;
}

nb_anchor_state nb_anchor_find(const nb_report *r, const char *section, const char *quote,
			       int occurrence, nb_anchor *out)
{
	nb_anchor a = {.state = NB_ANCHOR_ORPHANED, .section = -1};
	section = section ? section : "";
	quote = quote ? quote : "";
	/* Candidates: the intro, or the sections with this id, else with this heading (several
	 * draft parts may map to one template section). */
	bool intro = strcmp(section, NB_REVIEW_INTRO) == 0;
	size_t ncand = 0;
	int *cand = nb_xmalloc((r->nsections + 1) * sizeof *cand);
	if (intro) {
		cand[ncand++] = -1;
	} else {
		for (size_t i = 0; i < r->nsections; i++)
			if (r->sections[i].id && strcmp(r->sections[i].id, section) == 0)
				cand[ncand++] = (int)i;
		if (!ncand)
			for (size_t i = 0; i < r->nsections; i++)
				if (r->sections[i].heading && strcmp(r->sections[i].heading, section) == 0)
					cand[ncand++] = (int)i;
	}
	for (size_t c = 0; c < ncand; c++) {
		const char *text = cand[c] < 0 ? r->intro : r->sections[cand[c]].body;
		text = text ? text : "";
		if (!*quote) {
			a = (nb_anchor){NB_ANCHOR_SECTION, cand[c], cand[c] < 0, 0, 0};
			break;
		}
		size_t off;
		if (nb_quote_find(text, quote, occurrence, &off)) {
			a = (nb_anchor){NB_ANCHOR_FOUND, cand[c], cand[c] < 0, off, strlen(quote)};
			break;
		}
	}
	free(cand);
	if (out)
		*out = a;
	return a.state;
}

nb_anchor_state nb_comment_resolve(const nb_report *r, const nb_comment *c, nb_anchor *out)
{
	return nb_anchor_find(r, c->section_id, c->quote, c->occurrence, out);
}

const char *nb_anchor_text(const nb_report *r, const nb_anchor *a)
{
	if (a->state == NB_ANCHOR_ORPHANED)
		return NULL;
	if (a->intro)
		return r->intro;
	if (a->section < 0 || (size_t)a->section >= r->nsections)
		return NULL;
	return r->sections[a->section].body;
}

int nb_anchor_line(const nb_report *r, const nb_anchor *a)
{
	const char *text = nb_anchor_text(r, a);
	if (!text)
		return 0;
	int line = 0, col = 0;
	if (a->intro) {
		nb_srcmap_lookup(r->intro_map, r->intro_nmap, text, a->off, &line, &col);
	} else {
		const nb_section *s = &r->sections[a->section];
		if (a->state == NB_ANCHOR_SECTION && s->heading_line)
			return s->heading_line;
		nb_srcmap_lookup(s->map, s->nmap, text, a->off, &line, &col);
	}
	return line;
}

/* The name a new 批注 uses for its section: the template id when no other part shares it,
 * else the heading, which tells the parts apart. */
static const char *section_anchor_name(const nb_report *r, size_t idx)
{
	const nb_section *s = &r->sections[idx];
	if (!s->id)
		return s->heading;
	for (size_t i = 0; i < r->nsections; i++)
		if (i != idx && r->sections[i].id && strcmp(r->sections[i].id, s->id) == 0)
			return s->heading;
	return s->id;
}

long nb_review_add_comment(nb_report *r, int section, size_t off, size_t len, const char *text,
			   const char *author, const char *time)
{
	if (section >= 0 && (size_t)section >= r->nsections)
		return -1;
	const char *body = section < 0 ? r->intro : r->sections[section].body;
	body = body ? body : "";
	size_t n = strlen(body);
	if (off > n || len > n - off)
		return -1;
	char *quote = nb_xstrndup(body + off, len);
	char *who = author ? NULL : nb_review_author();
	char *when = time ? NULL : nb_review_now();
	nb_comment *c = nb_report_add_comment(r, section < 0 ? NB_REVIEW_INTRO
							     : section_anchor_name(r, (size_t)section),
					      quote, text, author ? author : who, time ? time : when);
	c->occurrence = len ? nb_quote_occurrence(body, c->quote, off) : 0;
	free(quote);
	free(who);
	free(when);
	return (long)r->ncomments - 1;
}

int nb_review_edit_comment(nb_report *r, size_t idx, const char *text, const char *author,
			   const char *time)
{
	if (idx >= r->ncomments)
		return -1;
	nb_comment *c = &r->comments[idx];
	if (text) {
		free(c->text);
		c->text = nb_xstrdup(text);
	}
	if (author) {
		free(c->author);
		c->author = nb_xstrdup(author);
	}
	if (time) {
		free(c->time);
		c->time = nb_xstrdup(time);
	}
	return 0;
}

int nb_review_delete_comment(nb_report *r, size_t idx)
{
	if (idx >= r->ncomments)
		return -1;
	nb_comment *c = &r->comments[idx];
	free(c->section_id);
	free(c->quote);
	free(c->text);
	free(c->author);
	free(c->time);
	memmove(c, c + 1, (r->ncomments - idx - 1) * sizeof *c);
	r->ncomments--;
	return 0;
}

void nb_review_update_anchors(nb_report *r)
{
	for (size_t i = 0; i < r->ncomments; i++) {
		nb_anchor a;
		if (nb_comment_resolve(r, &r->comments[i], &a) == NB_ANCHOR_FOUND)
			r->comments[i].occurrence =
				nb_quote_occurrence(nb_anchor_text(r, &a), r->comments[i].quote, a.off);
	}
}

/* ---- who and when ---- */

char *nb_review_author(void)
{
	const char *env = getenv("NIANBAO_AUTHOR");
	if (env && *env)
		return nb_xstrdup(env);
	struct passwd pw, *res = NULL;
	char buf[4096];
	if (getpwuid_r(getuid(), &pw, buf, sizeof buf, &res) == 0 && res && res->pw_name &&
	    *res->pw_name)
		return nb_xstrdup(res->pw_name);
	env = getenv("USER");
	if (env && *env)
		return nb_xstrdup(env);
	return nb_xstrdup("审核人");
}

char *nb_review_now(void)
{
	time_t now = time(NULL);
	struct tm tm;
	char buf[64];
	if (!localtime_r(&now, &tm) || !strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S%z", &tm))
		return nb_xstrdup("");
	/* ISO 8601 wants +08:00; strftime gives +0800. */
	size_t n = strlen(buf);
	if (n >= 5 && (buf[n - 5] == '+' || buf[n - 5] == '-')) {
		memmove(buf + n - 1, buf + n - 2, 3);
		buf[n - 2] = ':';
	}
	return nb_xstrdup(buf);
}
