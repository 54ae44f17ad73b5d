/* fix.c — applies the one-replacement findings back to the report, never touching text that no
 * finding flagged. */
#include "config.h"
#include "nianbao/fix.h"
#include "nianbao/util.h"

#include <stdlib.h>
#include <string.h>

/* The text a finding points into, or NULL when it has no span. */
static const char *target_text(const nb_report *r, const nb_finding *x)
{
	switch (x->place) {
	case NB_PLACE_BODY:
		return x->section >= 0 && (size_t)x->section < r->nsections ? r->sections[x->section].body : NULL;
	case NB_PLACE_HEADING:
		return x->section >= 0 && (size_t)x->section < r->nsections ? r->sections[x->section].heading : NULL;
	case NB_PLACE_INTRO:
		return r->intro;
	case NB_PLACE_META:
		return x->field >= 0 && x->field < NB_META_COUNT ? r->meta[x->field] : NULL;
	default:
		return NULL;
	}
}

static bool same_target(const nb_finding *a, const nb_finding *b)
{
	return a->place == b->place && a->section == b->section && a->field == b->field;
}

typedef struct pick {
	size_t idx;
	const nb_finding *f;
} pick;

static int by_target_then_offset(const void *pa, const void *pb)
{
	const nb_finding *a = ((const pick *)pa)->f, *b = ((const pick *)pb)->f;
	if (a->place != b->place)
		return a->place < b->place ? -1 : 1;
	if (a->section != b->section)
		return a->section < b->section ? -1 : 1;
	if (a->field != b->field)
		return a->field < b->field ? -1 : 1;
	if (a->off != b->off)
		return a->off < b->off ? -1 : 1;
	if (a->len != b->len)
		return a->len > b->len ? -1 : 1;
	return ((const pick *)pa)->idx < ((const pick *)pb)->idx ? -1 : 1;
}

static void store(nb_report *r, const nb_finding *x, const char *text)
{
	switch (x->place) {
	case NB_PLACE_BODY:
		nb_section_set_body(&r->sections[x->section], text);
		break;
	case NB_PLACE_HEADING:
		free(r->sections[x->section].heading);
		r->sections[x->section].heading = nb_xstrdup(text);
		break;
	case NB_PLACE_INTRO:
		free(r->intro);
		r->intro = nb_xstrdup(text);
		break;
	case NB_PLACE_META:
		nb_report_set_meta(r, (nb_meta_field)x->field, text);
		break;
	default:
		break;
	}
}

size_t nb_fix_apply(nb_report *r, const nb_findings *f, const char *rule, int section, bool *applied)
{
	if (applied)
		memset(applied, 0, f->n * sizeof *applied);
	pick *v = nb_xmalloc((f->n ? f->n : 1) * sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < f->n; i++) {
		const nb_finding *x = &f->v[i];
		if (!x->fixable || !x->suggestion || !x->len || (rule && strcmp(rule, x->rule) != 0))
			continue;
		if (x->suppressed)   /* the reviewer said the rule does not apply here */
			continue;
		if (section >= 0 && x->section != section)
			continue;
		const char *t = target_text(r, x);
		if (!t || x->off + x->len > strlen(t))
			continue;
		v[n++] = (pick){i, x};
	}
	qsort(v, n, sizeof *v, by_target_then_offset);
	size_t count = 0;
	for (size_t a = 0; a < n;) {
		size_t b = a;
		while (b < n && same_target(v[a].f, v[b].f))
			b++;
		/* Keep the first of overlapping fixes, in text order. */
		bool *keep = nb_xcalloc(b - a, sizeof *keep);
		size_t covered = 0;
		bool any = false;
		for (size_t k = a; k < b; k++) {
			if (any && v[k].f->off < covered)
				continue;
			keep[k - a] = true;
			covered = v[k].f->off + v[k].f->len;
			any = true;
		}
		const char *old = target_text(r, v[a].f);
		nb_sb sb = {0};
		nb_sb_adds(&sb, old);
		/* Back to front, so the offsets of the fixes still to apply do not move. */
		for (size_t k = b; k-- > a;) {
			if (!keep[k - a])
				continue;
			const nb_finding *x = v[k].f;
			size_t rl = strlen(x->suggestion);
			size_t tail = sb.len - (x->off + x->len);
			if (rl > x->len) {
				size_t grow = rl - x->len;
				nb_sb_add(&sb, "", 0);
				for (size_t g = 0; g < grow; g++)
					nb_sb_addc(&sb, ' ');
				memmove(sb.s + x->off + rl, sb.s + x->off + x->len, tail);
			} else {
				memmove(sb.s + x->off + rl, sb.s + x->off + x->len, tail);
				sb.len -= x->len - rl;
				sb.s[sb.len] = '\0';
			}
			memcpy(sb.s + x->off, x->suggestion, rl);
			if (applied)
				applied[v[k].idx] = true;
			count++;
		}
		store(r, v[a].f, nb_sb_cstr(&sb));
		nb_sb_free(&sb);
		free(keep);
		a = b;
	}
	free(v);
	return count;
}

char *nb_fix_describe(const nb_report *r, const nb_finding *f)
{
	const char *t = target_text(r, f);
	char *orig = t && f->off + f->len <= strlen(t) ? nb_xstrndup(t + f->off, f->len) : nb_xstrdup("");
	char *s = nb_xasprintf("“%s” → “%s”", orig, f->suggestion ? f->suggestion : "");
	free(orig);
	return s;
}
