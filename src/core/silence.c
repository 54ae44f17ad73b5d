/* silence.c — matching `ignore:` entries to findings, making entries from findings, and the
 * counts and summary line that keep silenced findings visible (see silence.h). */
#include "config.h"
#include "nianbao/silence.h"
#include "nianbao/review.h"
#include "nianbao/text.h"
#include "nianbao/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A span's quote takes at least this many characters of context on each side (within the
 * paragraph), so that the same words written elsewhere later do not take the entry over; then it
 * grows until it is unique, up to WIDEN_MAX characters each side. */
#define CONTEXT_MIN 4
#define WIDEN_MAX 40
/* Characters of a reason shown in the summary line. */
#define REASON_SHOWN 40

static bool str_eq(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Is `name` the section x is about? A template id or a heading both name a report section. */
static bool section_named(const nb_report *r, const char *name, const nb_finding *x)
{
	switch (x->place) {
	case NB_PLACE_INTRO:
		return str_eq(name, NB_REVIEW_INTRO);
	case NB_PLACE_META:
		return str_eq(name, NB_REVIEW_META);
	case NB_PLACE_HEADING:
	case NB_PLACE_BODY:
		if (x->section >= 0 && (size_t)x->section < r->nsections && name && *name) {
			const nb_section *s = &r->sections[x->section];
			return (s->id && strcmp(s->id, name) == 0) ||
			       (s->heading && strcmp(s->heading, name) == 0);
		}
		break;
	case NB_PLACE_DOCUMENT:
		break;
	}
	return false;
}

static bool inside(size_t qoff, size_t qlen, const nb_finding *x)
{
	if (x->off < qoff)
		return false;
	return x->len ? x->off + x->len <= qoff + qlen : x->off <= qoff + qlen;
}

/* Where a span entry's quote is now, for a finding in the body or the opening paragraph. */
static bool span_matches(const nb_report *r, const nb_ignore *e, const nb_finding *x)
{
	if (!e->quote || !*e->quote || !section_named(r, e->section, x))
		return false;
	if (x->place == NB_PLACE_BODY || x->place == NB_PLACE_INTRO) {
		/* exactly where a 批注 with this section and quote would be */
		nb_anchor a;
		if (nb_anchor_find(r, e->section, e->quote, e->occurrence, &a) != NB_ANCHOR_FOUND)
			return false;
		if (x->place == NB_PLACE_INTRO ? !a.intro : a.intro || a.section != x->section)
			return false;
		return inside(a.off, a.len, x);
	}
	const char *t = nb_finding_text(r, x);
	size_t off;
	return t && nb_quote_find(t, e->quote, e->occurrence, &off) && inside(off, strlen(e->quote), x);
}

bool nb_ignore_matches(const nb_report *r, const nb_ignore *e, const nb_finding *x)
{
	if (!x->rule || !str_eq(e->rule, x->rule))
		return false;
	switch (e->scope) {
	case NB_IGNORE_REPORT:
		return true;
	case NB_IGNORE_SECTION:
		return section_named(r, e->section, x);
	case NB_IGNORE_SPAN:
		return span_matches(r, e, x);
	}
	return false;
}

size_t nb_silence_apply(const nb_report *r, nb_findings *f)
{
	size_t n = 0;
	for (size_t i = 0; i < f->n; i++) {
		nb_finding *x = &f->v[i];
		x->suppressed = false;
		x->ignore_ref = 0;
		for (size_t k = 0; k < r->nignores; k++)
			if (nb_ignore_matches(r, &r->ignores[k], x)) {
				x->suppressed = true;
				x->ignore_ref = (int)k + 1;
				n++;
				break;
			}
	}
	return n;
}

const nb_ignore *nb_silence_entry_of(const nb_report *r, const nb_finding *x)
{
	if (!x->suppressed || x->ignore_ref <= 0 || (size_t)x->ignore_ref > r->nignores)
		return NULL;
	return &r->ignores[x->ignore_ref - 1];
}

/* ---- making entries ---- */

/* The name a new entry uses for x's section: the template id when no other part shares it, else
 * the heading, which tells the parts apart (as a new 批注 does). */
static const char *entry_section_name(const nb_report *r, const nb_finding *x)
{
	if (x->place == NB_PLACE_INTRO)
		return NB_REVIEW_INTRO;
	if (x->place == NB_PLACE_META)
		return NB_REVIEW_META;
	if ((x->place != NB_PLACE_BODY && x->place != NB_PLACE_HEADING) || x->section < 0 ||
	    (size_t)x->section >= r->nsections)
		return NULL;
	const nb_section *s = &r->sections[x->section];
	if (!s->id)
		return s->heading && *s->heading ? s->heading : NULL;
	for (size_t i = 0; i < r->nsections; i++)
		if ((int)i != x->section && r->sections[i].id && strcmp(r->sections[i].id, s->id) == 0)
			return s->heading && *s->heading ? s->heading : s->id;
	return s->id;
}

bool nb_silence_scope_ok(const nb_report *r, const nb_finding *x, nb_ignore_scope scope)
{
	switch (scope) {
	case NB_IGNORE_REPORT:
		return x->rule && *x->rule;
	case NB_IGNORE_SECTION:
		return entry_section_name(r, x) != NULL;
	case NB_IGNORE_SPAN: {
		const char *t = nb_finding_text(r, x);
		return entry_section_name(r, x) && t && *t && x->off <= strlen(t);
	}
	}
	return false;
}

/* Occurrences of text[lo, hi) in text, and the rank of the one at lo (1-based). */
static int count_at(const char *text, size_t lo, size_t hi, int *rank)
{
	char *q = nb_xstrndup(text + lo, hi - lo);
	int n = 0;
	*rank = 1;
	for (const char *p = strstr(text, q); p; p = strstr(p + 1, q)) {
		n++;
		if ((size_t)(p - text) < lo)
			(*rank)++;
	}
	free(q);
	return n;
}

/* The finding's span widened within its paragraph by CONTEXT_MIN characters, then until it
 * occurs once in text (or as far as WIDEN_MAX characters each side go). */
static void widen(const char *text, size_t off, size_t len, size_t *lo_out, size_t *hi_out,
		  int *rank)
{
	size_t n = strlen(text);
	size_t lo = off <= n ? off : n;
	size_t hi = len <= n - lo ? lo + len : n;
	*rank = 1;
	for (int step = 0; step < WIDEN_MAX; step++) {
		if (step >= CONTEXT_MIN && hi > lo && count_at(text, lo, hi, rank) == 1)
			break;
		bool moved = false;
		if (lo > 0 && text[lo - 1] != '\n') {
			lo = nb_utf8_prev(text, lo);
			moved = true;
		}
		if (hi < n && text[hi] != '\n') {
			hi = nb_utf8_next(text, n, hi);
			moved = true;
		}
		if (!moved)
			break;
	}
	if (hi > lo)
		count_at(text, lo, hi, rank);
	*lo_out = lo;
	*hi_out = hi;
}

static bool blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

long nb_silence_add(nb_report *r, const nb_finding *x, nb_ignore_scope scope, const char *reason,
		    const char *author, const char *time, nb_error *err)
{
	if (blank(reason)) {
		nb_error_set(err, "忽略须说明理由");
		return -1;
	}
	if (!nb_silence_scope_ok(r, x, scope)) {
		nb_error_set(err, scope == NB_IGNORE_SPAN ? "这条问题不指向具体文字，不能只忽略这一处"
							  : "这条问题不属于某一部分，只能在全文忽略");
		return -1;
	}
	const char *section = scope == NB_IGNORE_REPORT ? "" : entry_section_name(r, x);
	char *quote = NULL;
	int occurrence = 1;
	if (scope == NB_IGNORE_SPAN) {
		const char *t = nb_finding_text(r, x);
		size_t lo, hi;
		widen(t, x->off, x->len, &lo, &hi, &occurrence);
		if (hi <= lo) {
			nb_error_set(err, "这条问题不指向具体文字，不能只忽略这一处");
			return -1;
		}
		quote = nb_xstrndup(t + lo, hi - lo);
	}
	char *who = author ? NULL : nb_review_author();
	char *when = time ? NULL : nb_review_now();
	nb_report_add_ignore(r, x->rule, scope, section, quote, occurrence, reason,
			     author ? author : who, time ? time : when);
	free(who);
	free(when);
	free(quote);
	return (long)r->nignores - 1;
}

/* ---- counts and the summary line ---- */

nb_silence_counts nb_silence_count(const nb_report *r, const nb_findings *f)
{
	nb_silence_counts c = {0};
	bool *used = nb_xcalloc(r->nignores ? r->nignores : 1, sizeof *used);
	for (size_t i = 0; i < f->n; i++) {
		const nb_finding *x = &f->v[i];
		if (!x->suppressed)
			continue;
		c.suppressed++;
		if (x->severity <= NB_SEV_ERROR)
			c.by_severity[x->severity]++;
		if (x->ignore_ref > 0 && (size_t)x->ignore_ref <= r->nignores)
			used[x->ignore_ref - 1] = true;
	}
	for (size_t k = 0; k < r->nignores; k++)
		if (!used[k])
			c.unused++;
	free(used);
	return c;
}

/* A reason as one short visible line: controls, bidi marks and line breaks as placeholders. */
static void add_reason(nb_sb *sb, const char *s)
{
	size_t len = strlen(s), shown = 0;
	for (int chars = 0; chars < REASON_SHOWN && shown < len; chars++)
		shown = nb_utf8_next(s, len, shown);
	nb_sb_add_visible(sb, s, shown);
	if (shown < len)
		nb_sb_adds(sb, "…");
}

char *nb_silence_summary(const nb_report *r, const nb_findings *f)
{
	size_t *per = nb_xcalloc(r->nignores ? r->nignores : 1, sizeof *per);
	size_t total = 0;
	for (size_t i = 0; i < f->n; i++) {
		const nb_finding *x = &f->v[i];
		if (!x->suppressed)
			continue;
		total++;
		if (x->ignore_ref > 0 && (size_t)x->ignore_ref <= r->nignores)
			per[x->ignore_ref - 1]++;
	}
	if (!total) {
		free(per);
		return NULL;
	}
	nb_sb sb = {0};
	nb_sb_printf(&sb, "%zu 条已按忽略规则隐藏（", total);
	bool first = true;
	for (size_t k = 0; k < r->nignores; k++) {
		if (!per[k])
			continue;
		if (!first)
			nb_sb_adds(&sb, "；");
		first = false;
		add_reason(&sb, r->ignores[k].rule);
		nb_sb_adds(&sb, ": ");
		add_reason(&sb, r->ignores[k].reason);
		if (per[k] > 1)
			nb_sb_printf(&sb, " ×%zu", per[k]);
	}
	nb_sb_adds(&sb, "）");
	free(per);
	return nb_sb_take(&sb);
}
