/* findings.c — the findings list and its two output formats (text lines and JSON). */
#include "config.h"
#include "nianbao/check.h"
#include "nianbao/text.h"
#include "nianbao/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const char *nb_severity_name(nb_severity s)
{
	switch (s) {
	case NB_SEV_ERROR:
		return "error";
	case NB_SEV_WARNING:
		return "warning";
	case NB_SEV_INFO:
		break;
	}
	return "info";
}

static void finding_free(nb_finding *f)
{
	free(f->message);
	free(f->suggestion);
}

void nb_findings_clear(nb_findings *f)
{
	for (size_t i = 0; i < f->n; i++)
		finding_free(&f->v[i]);
	f->n = 0;
}

void nb_findings_free(nb_findings *f)
{
	nb_findings_clear(f);
	free(f->v);
	f->v = NULL;
	f->cap = 0;
}

nb_finding *nb_findings_add(nb_findings *f, const char *rule, nb_severity sev, const char *message,
			    const char *suggestion)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 16;
		f->v = nb_xrealloc(f->v, f->cap * sizeof *f->v);
	}
	nb_finding *x = &f->v[f->n++];
	memset(x, 0, sizeof *x);
	x->rule = rule;
	x->severity = sev;
	x->place = NB_PLACE_DOCUMENT;
	x->section = -1;
	x->field = -1;
	x->message = nb_xstrdup(message ? message : "");
	x->suggestion = nb_xstrdup(suggestion);
	return x;
}

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

/* Line, column and rule as documented; the remaining keys only make the order total, so that
 * the same report always prints the same way. */
static int finding_cmp(const void *pa, const void *pb)
{
	const nb_finding *a = pa, *b = pb;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	int c = cmp_str(a->rule, b->rule);
	if (c)
		return c;
	if (a->section != b->section)
		return a->section < b->section ? -1 : 1;
	if (a->field != b->field)
		return a->field < b->field ? -1 : 1;
	if (a->off != b->off)
		return a->off < b->off ? -1 : 1;
	return cmp_str(a->message, b->message);
}

void nb_findings_sort(nb_findings *f)
{
	if (f->n > 1)
		qsort(f->v, f->n, sizeof *f->v, finding_cmp);
}

size_t nb_findings_count(const nb_findings *f, nb_severity sev)
{
	size_t n = 0;
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].severity == sev && !f->v[i].suppressed)
			n++;
	return n;
}

size_t nb_findings_count_suppressed(const nb_findings *f)
{
	size_t n = 0;
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].suppressed)
			n++;
	return n;
}

const char *nb_finding_text(const nb_report *r, const nb_finding *x)
{
	switch (x->place) {
	case NB_PLACE_INTRO:
		return r->intro;
	case NB_PLACE_META:
		return x->field >= 0 && x->field < NB_META_COUNT ? r->meta[x->field] : NULL;
	case NB_PLACE_HEADING:
	case NB_PLACE_BODY:
		if (x->section < 0 || (size_t)x->section >= r->nsections)
			return NULL;
		return x->place == NB_PLACE_HEADING ? r->sections[x->section].heading
						    : r->sections[x->section].body;
	case NB_PLACE_DOCUMENT:
		break;
	}
	return NULL;
}

/* ---- text ---- */

/* A message may quote the draft, and the draft is untrusted: text output shows it through
 * nb_sb_add_visible. */
static void add_visible(nb_sb *sb, const char *s)
{
	nb_sb_add_visible(sb, s, strlen(s));
}

char *nb_findings_format_text(const nb_findings *f, const char *file)
{
	nb_sb sb = {0};
	for (size_t i = 0; i < f->n; i++) {
		const nb_finding *x = &f->v[i];
		if (x->suppressed)
			continue;
		add_visible(&sb, file ? file : "-");
		nb_sb_printf(&sb, ":%d:%d: %s: ", x->line, x->col, nb_severity_name(x->severity));
		add_visible(&sb, x->message ? x->message : "");
		nb_sb_printf(&sb, " [%s]\n", x->rule ? x->rule : "");
	}
	nb_sb_add(&sb, "", 0);   /* terminates the string even when there are no findings */
	return nb_sb_take(&sb);
}

/* ---- JSON ---- */

static const char *finding_section_name(const nb_finding *x, const nb_report *r)
{
	if (!r || x->section < 0 || (size_t)x->section >= r->nsections)
		return NULL;
	const nb_section *s = &r->sections[x->section];
	return s->id ? s->id : s->heading;
}

void nb_findings_json_open(nb_sb *sb)
{
	nb_sb_addc(sb, '[');
}

void nb_findings_json_append(nb_sb *sb, const nb_findings *f, const nb_report *r, const char *file,
			     bool *first)
{
	for (size_t i = 0; i < f->n; i++) {
		const nb_finding *x = &f->v[i];
		nb_sb_adds(sb, *first ? "\n  {" : ",\n  {");
		*first = false;
		nb_sb_adds(sb, "\"file\": ");
		nb_sb_add_json_string(sb, file);
		nb_sb_printf(sb, ", \"line\": %d, \"column\": %d, \"severity\": ", x->line, x->col);
		nb_sb_add_json_string(sb, nb_severity_name(x->severity));
		nb_sb_adds(sb, ", \"rule\": ");
		nb_sb_add_json_string(sb, x->rule);
		nb_sb_adds(sb, ", \"section\": ");
		nb_sb_add_json_string(sb, finding_section_name(x, r));
		nb_sb_adds(sb, ", \"message\": ");
		nb_sb_add_json_string(sb, x->message);
		nb_sb_adds(sb, ", \"suggestion\": ");
		nb_sb_add_json_string(sb, x->suggestion);
		/* Only on suppressed findings, so the objects of a report without `ignore:` stay as
		 * they always were. */
		if (x->suppressed)
			nb_sb_adds(sb, ", \"suppressed\": true");
		if (x->suppressed && r && x->ignore_ref > 0 && (size_t)x->ignore_ref <= r->nignores) {
			const nb_ignore *e = &r->ignores[x->ignore_ref - 1];
			nb_sb_adds(sb, ", \"ignore_scope\": ");
			nb_sb_add_json_string(sb, nb_ignore_scope_name(e->scope));
			nb_sb_adds(sb, ", \"ignore_reason\": ");
			nb_sb_add_json_string(sb, e->reason);
		}
		nb_sb_addc(sb, '}');
	}
}

void nb_findings_json_close(nb_sb *sb, bool first)
{
	nb_sb_adds(sb, first ? "]\n" : "\n]\n");
}

char *nb_findings_format_json(const nb_findings *f, const nb_report *r, const char *file)
{
	nb_sb sb = {0};
	bool first = true;
	nb_findings_json_open(&sb);
	nb_findings_json_append(&sb, f, r, file, &first);
	nb_findings_json_close(&sb, first);
	return nb_sb_take(&sb);
}
