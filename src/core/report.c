/* report.c — the report model: metadata, sections, 批注. */
#include "config.h"
#include "nianbao/report.h"
#include "nianbao/util.h"

#include <stdlib.h>
#include <string.h>

const nb_meta_info nb_meta_fields[NB_META_COUNT] = {
	[NB_META_UNIT] = {"unit", "发文机关", "Issuing unit", true},
	[NB_META_UNIT_TYPE] = {"unit_type", "单位类型", "Unit type", true},
	[NB_META_YEAR] = {"year", "报告年度", "Report year", true},
	[NB_META_TITLE] = {"title", "标题", "Title", true},
	[NB_META_DOC_NUMBER] = {"doc_number", "发文字号", "Document number", true},
	[NB_META_SIGNER] = {"signer", "签发人", "Signed off by", true},
	[NB_META_RECIPIENT] = {"recipient", "主送机关", "Addressed to", true},
	[NB_META_SIGNATURE] = {"signature", "落款", "Signature", true},
	[NB_META_DATE] = {"date", "成文日期", "Date written", true},
	[NB_META_CC] = {"cc", "抄送", "Copied to", true},
	[NB_META_PRINTER] = {"printer", "印发机关", "Printed by", true},
	[NB_META_PRINT_DATE] = {"print_date", "印发日期", "Print date", true},
	[NB_META_PUBLISH_CHANNEL] = {"publish_channel", "公开渠道", "Published at", false},
	[NB_META_PUBLISH_DATE] = {"publish_date", "公开日期", "Publication date", false},
	[NB_META_SECRECY_REVIEW] = {"secrecy_review", "保密审查", "Secrecy review", false},
};

int nb_meta_field_by_key(const char *key)
{
	for (int i = 0; i < NB_META_COUNT; i++)
		if (strcmp(nb_meta_fields[i].key, key) == 0)
			return i;
	return -1;
}

nb_report *nb_report_new(void)
{
	nb_report *r = nb_xcalloc(1, sizeof *r);
	r->intro = nb_xstrdup("");
	return r;
}

static void section_free(nb_section *s)
{
	free(s->id);
	free(s->heading);
	free(s->body);
	free(s->map);
}

static void comment_free(nb_comment *c)
{
	free(c->section_id);
	free(c->quote);
	free(c->text);
	free(c->author);
	free(c->time);
}

static void decision_free(nb_decision *d)
{
	free(d->rule);
	free(d->section);
	free(d->quote);
	free(d->message);
	free(d->reason);
	free(d->author);
	free(d->time);
}

static void ignore_free(nb_ignore *e)
{
	free(e->rule);
	free(e->section);
	free(e->quote);
	free(e->reason);
	free(e->author);
	free(e->time);
}

void nb_report_free(nb_report *r)
{
	if (!r)
		return;
	for (int i = 0; i < NB_META_COUNT; i++)
		free(r->meta[i]);
	free(r->intro);
	free(r->intro_map);
	for (size_t i = 0; i < r->nsections; i++)
		section_free(&r->sections[i]);
	free(r->sections);
	for (size_t i = 0; i < r->ncomments; i++)
		comment_free(&r->comments[i]);
	free(r->comments);
	for (size_t i = 0; i < r->ndecisions; i++)
		decision_free(&r->decisions[i]);
	free(r->decisions);
	for (size_t i = 0; i < r->nignores; i++)
		ignore_free(&r->ignores[i]);
	free(r->ignores);
	free(r->source_path);
	free(r);
}

void nb_report_set_meta(nb_report *r, nb_meta_field f, const char *value)
{
	free(r->meta[f]);
	r->meta[f] = nb_xstrdup(value);
}

const char *nb_report_meta(const nb_report *r, nb_meta_field f)
{
	return r->meta[f] ? r->meta[f] : "";
}

int nb_report_year(const nb_report *r)
{
	const char *y = r->meta[NB_META_YEAR];
	if (!y)
		return 0;
	int v = 0, digits = 0;
	for (; *y >= '0' && *y <= '9'; y++, digits++)
		v = v * 10 + (*y - '0');
	if (digits != 4 || v < 1949 || v > 2999)
		return 0;
	return v;
}

nb_section *nb_report_add_section(nb_report *r, const char *id, const char *heading, const char *body)
{
	r->sections = nb_xrealloc(r->sections, (r->nsections + 1) * sizeof *r->sections);
	nb_section *s = &r->sections[r->nsections++];
	memset(s, 0, sizeof *s);
	s->id = nb_xstrdup(id);
	s->heading = nb_xstrdup(heading ? heading : "");
	s->body = nb_xstrdup(body ? body : "");
	return s;
}

nb_section *nb_report_find_section(const nb_report *r, const char *id)
{
	for (size_t i = 0; i < r->nsections; i++)
		if (r->sections[i].id && strcmp(r->sections[i].id, id) == 0)
			return &r->sections[i];
	return NULL;
}

void nb_section_set_body(nb_section *s, const char *body)
{
	char *b = nb_xstrdup(body ? body : "");
	free(s->body);
	s->body = b;
	free(s->map);
	s->map = NULL;
	s->nmap = 0;
}

void nb_srcmap_add(nb_srcpos **map, size_t *n, size_t body_off, int line, int col)
{
	*map = nb_xrealloc(*map, (*n + 1) * sizeof **map);
	(*map)[*n] = (nb_srcpos){body_off, line, col};
	(*n)++;
}

void nb_srcmap_lookup(const nb_srcpos *map, size_t n, const char *body, size_t off, int *line, int *col)
{
	*line = *col = 0;
	if (n == 0)
		return;
	/* Binary search for the last entry at or before off. */
	size_t lo = 0, hi = n;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (map[mid].body_off <= off)
			lo = mid;
		else
			hi = mid;
	}
	const nb_srcpos *e = &map[lo];
	int chars = 0;
	if (off > e->body_off)
		for (size_t i = e->body_off; i < off && body[i]; i++)
			if (((unsigned char)body[i] & 0xC0) != 0x80)
				chars++;
	*line = e->line;
	*col = e->col + chars;
}

nb_comment *nb_report_add_comment(nb_report *r, const char *section_id, const char *quote,
				  const char *text, const char *author, const char *time)
{
	r->comments = nb_xrealloc(r->comments, (r->ncomments + 1) * sizeof *r->comments);
	nb_comment *c = &r->comments[r->ncomments++];
	c->section_id = nb_xstrdup(section_id ? section_id : "");
	c->quote = nb_xstrdup(quote ? quote : "");
	c->text = nb_xstrdup(text ? text : "");
	c->author = nb_xstrdup(author ? author : "");
	c->time = nb_xstrdup(time ? time : "");
	c->occurrence = 0;
	return c;
}

nb_decision *nb_report_add_decision(nb_report *r, const char *rule, const char *section,
				    const char *quote, const char *message, int occurrence,
				    nb_decision_kind decision, const char *reason, const char *author,
				    const char *time)
{
	r->decisions = nb_xrealloc(r->decisions, (r->ndecisions + 1) * sizeof *r->decisions);
	nb_decision *d = &r->decisions[r->ndecisions++];
	d->rule = nb_xstrdup(rule ? rule : "");
	d->section = nb_xstrdup(section ? section : "");
	d->quote = nb_xstrdup(quote ? quote : "");
	d->message = nb_xstrdup(message ? message : "");
	d->occurrence = occurrence < 1 ? 1 : occurrence;
	d->decision = decision;
	d->reason = nb_xstrdup(reason ? reason : "");
	d->author = nb_xstrdup(author ? author : "");
	d->time = nb_xstrdup(time ? time : "");
	return d;
}

void nb_report_remove_decision(nb_report *r, size_t i)
{
	if (i >= r->ndecisions)
		return;
	decision_free(&r->decisions[i]);
	memmove(&r->decisions[i], &r->decisions[i + 1], (r->ndecisions - i - 1) * sizeof *r->decisions);
	r->ndecisions--;
}

const char *nb_decision_name(nb_decision_kind d)
{
	switch (d) {
	case NB_DECISION_ACCEPTED:
		return "accepted";
	case NB_DECISION_DISMISSED:
		return "dismissed";
	case NB_DECISION_NONE:
		break;
	}
	return "";
}

int nb_decision_by_name(const char *name)
{
	if (strcmp(name, "accepted") == 0)
		return NB_DECISION_ACCEPTED;
	if (strcmp(name, "dismissed") == 0)
		return NB_DECISION_DISMISSED;
	return -1;
}

nb_ignore *nb_report_add_ignore(nb_report *r, const char *rule, nb_ignore_scope scope,
				const char *section, const char *quote, int occurrence,
				const char *reason, const char *author, const char *time)
{
	r->ignores = nb_xrealloc(r->ignores, (r->nignores + 1) * sizeof *r->ignores);
	nb_ignore *e = &r->ignores[r->nignores++];
	e->rule = nb_xstrdup(rule ? rule : "");
	e->scope = scope;
	e->section = nb_xstrdup(section ? section : "");
	e->quote = nb_xstrdup(quote ? quote : "");
	e->occurrence = occurrence < 1 ? 1 : occurrence;
	e->reason = nb_xstrdup(reason ? reason : "");
	e->author = nb_xstrdup(author ? author : "");
	e->time = nb_xstrdup(time ? time : "");
	return e;
}

void nb_report_remove_ignore(nb_report *r, size_t i)
{
	if (i >= r->nignores)
		return;
	ignore_free(&r->ignores[i]);
	memmove(&r->ignores[i], &r->ignores[i + 1], (r->nignores - i - 1) * sizeof *r->ignores);
	r->nignores--;
}

const char *nb_ignore_scope_name(nb_ignore_scope s)
{
	switch (s) {
	case NB_IGNORE_SPAN:
		return "span";
	case NB_IGNORE_SECTION:
		return "section";
	case NB_IGNORE_REPORT:
		return "report";
	}
	return "";
}

int nb_ignore_scope_by_name(const char *name)
{
	if (strcmp(name, "span") == 0)
		return NB_IGNORE_SPAN;
	if (strcmp(name, "section") == 0)
		return NB_IGNORE_SECTION;
	if (strcmp(name, "report") == 0)
		return NB_IGNORE_REPORT;
	return -1;
}

static nb_srcpos *map_dup(const nb_srcpos *m, size_t n)
{
	if (!n)
		return NULL;
	nb_srcpos *d = nb_xmalloc(n * sizeof *d);
	memcpy(d, m, n * sizeof *d);
	return d;
}

nb_report *nb_report_clone(const nb_report *r)
{
	nb_report *c = nb_report_new();
	for (int i = 0; i < NB_META_COUNT; i++) {
		c->meta[i] = nb_xstrdup(r->meta[i]);
		c->meta_line[i] = r->meta_line[i];
	}
	free(c->intro);
	c->intro = nb_xstrdup(r->intro);
	c->intro_map = map_dup(r->intro_map, r->intro_nmap);
	c->intro_nmap = r->intro_nmap;
	for (size_t i = 0; i < r->nsections; i++) {
		const nb_section *s = &r->sections[i];
		nb_section *d = nb_report_add_section(c, s->id, s->heading, s->body);
		d->heading_line = s->heading_line;
		d->map = map_dup(s->map, s->nmap);
		d->nmap = s->nmap;
	}
	for (size_t i = 0; i < r->ncomments; i++) {
		const nb_comment *m = &r->comments[i];
		nb_report_add_comment(c, m->section_id, m->quote, m->text, m->author, m->time)->occurrence =
			m->occurrence;
	}
	for (size_t i = 0; i < r->ndecisions; i++) {
		const nb_decision *d = &r->decisions[i];
		nb_report_add_decision(c, d->rule, d->section, d->quote, d->message, d->occurrence,
				       d->decision, d->reason, d->author, d->time);
	}
	for (size_t i = 0; i < r->nignores; i++) {
		const nb_ignore *e = &r->ignores[i];
		nb_report_add_ignore(c, e->rule, e->scope, e->section, e->quote, e->occurrence,
				     e->reason, e->author, e->time);
	}
	c->source_path = nb_xstrdup(r->source_path);
	return c;
}
