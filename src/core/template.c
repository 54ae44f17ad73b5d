/* template.c — loads the report template from YAML (libyaml), strictly: templates are written by
 * hand at the 依法治X办, so a wrong type, a missing id or a misspelt key must be an error with a
 * line number, never a silently ignored setting. */
#include "config.h"
#include "nianbao/template.h"
#include "nianbao/report.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* Templates are small; these bounds keep a hostile file from costing time or memory. */
#define TPL_MAX_BYTES ((size_t)4 * 1024 * 1024)
#define TPL_MAX_DEPTH 16
#define TPL_MAX_NODES 200000

/* ---- a small document tree, so the loader can look keys up and report their lines ---- */

typedef enum node_kind { NODE_SCALAR, NODE_SEQ, NODE_MAP } node_kind;

typedef struct node {
	node_kind kind;
	int line;
	char *value;          /* scalar text */
	bool plain;           /* unquoted scalar: may be a number or boolean */
	struct node **kids;   /* sequence items, or map keys and values interleaved */
	size_t nkids;
} node;

typedef struct loader {
	const char *name;
	nb_error *err;
	bool failed;
	size_t nodes;
} loader;

static void fail(loader *ld, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void fail(loader *ld, int line, const char *fmt, ...)
{
	if (ld->failed)
		return; /* the first problem is the one worth reading */
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (line > 0)
		nb_error_set(ld->err, "%s:%d: %s", ld->name, line, msg);
	else
		nb_error_set(ld->err, "%s: %s", ld->name, msg);
	ld->failed = true;
}

static void node_free(node *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->nkids; i++)
		node_free(n->kids[i]);
	free(n->kids);
	free(n->value);
	free(n);
}

static void node_add(node *parent, node *kid)
{
	parent->kids = nb_xrealloc(parent->kids, (parent->nkids + 1) * sizeof *parent->kids);
	parent->kids[parent->nkids++] = kid;
}

static int event_line(const yaml_event_t *ev)
{
	return (int)ev->start_mark.line + 1;
}

static node *parse_node(loader *ld, yaml_parser_t *p, yaml_event_t *ev, int depth);

/* Reads children until the matching end event; ev is the start event (already consumed). */
static bool parse_children(loader *ld, yaml_parser_t *p, node *n, yaml_event_type_t end, int depth)
{
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(p, &ev)) {
			fail(ld, (int)p->problem_mark.line + 1, "YAML syntax error: %s",
			     p->problem ? p->problem : "unknown problem");
			return false;
		}
		if (ev.type == end) {
			yaml_event_delete(&ev);
			return true;
		}
		node *kid = parse_node(ld, p, &ev, depth + 1);
		yaml_event_delete(&ev);
		if (!kid)
			return false;
		node_add(n, kid);
	}
}

static node *parse_node(loader *ld, yaml_parser_t *p, yaml_event_t *ev, int depth)
{
	int line = event_line(ev);
	if (depth > TPL_MAX_DEPTH) {
		fail(ld, line, "nesting deeper than %d levels", TPL_MAX_DEPTH);
		return NULL;
	}
	if (++ld->nodes > TPL_MAX_NODES) {
		fail(ld, line, "too many YAML nodes (limit %d)", TPL_MAX_NODES);
		return NULL;
	}
	const yaml_char_t *anchor = NULL;
	node *n = nb_xcalloc(1, sizeof *n);
	n->line = line;
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		free(n);
		fail(ld, line, "YAML aliases (*%s) are not allowed in a template; write the value out",
		     (const char *)ev->data.alias.anchor);
		return NULL;
	case YAML_SCALAR_EVENT:
		anchor = ev->data.scalar.anchor;
		n->kind = NODE_SCALAR;
		n->value = nb_xstrndup((const char *)ev->data.scalar.value, ev->data.scalar.length);
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		if (strlen(n->value) != ev->data.scalar.length) {
			node_free(n);
			fail(ld, line, "text contains a NUL character");
			return NULL;
		}
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = ev->data.sequence_start.anchor;
		n->kind = NODE_SEQ;
		if (!anchor && !parse_children(ld, p, n, YAML_SEQUENCE_END_EVENT, depth)) {
			node_free(n);
			return NULL;
		}
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = ev->data.mapping_start.anchor;
		n->kind = NODE_MAP;
		if (!anchor && !parse_children(ld, p, n, YAML_MAPPING_END_EVENT, depth)) {
			node_free(n);
			return NULL;
		}
		break;
	default:
		free(n);
		fail(ld, line, "unexpected YAML event");
		return NULL;
	}
	if (anchor) {
		/* An anchor is only useful with an alias; refuse it here so the error points at it. */
		node_free(n);
		fail(ld, line, "YAML anchors (&%s) are not allowed in a template", (const char *)anchor);
		return NULL;
	}
	return n;
}

/* Parses a single-document YAML text into a tree. */
static node *parse_document(loader *ld, const char *yaml, size_t len)
{
	yaml_parser_t p;
	yaml_event_t ev;
	node *root = NULL;
	bool done = false;

	if (!yaml_parser_initialize(&p)) {
		fail(ld, 0, "cannot initialise the YAML parser");
		return NULL;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)yaml, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	while (!done && !ld->failed) {
		if (!yaml_parser_parse(&p, &ev)) {
			fail(ld, (int)p.problem_mark.line + 1, "YAML syntax error: %s",
			     p.problem ? p.problem : "unknown problem");
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_START_EVENT:
		case YAML_DOCUMENT_END_EVENT:
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (root)
				fail(ld, event_line(&ev), "more than one YAML document; a template is one");
			break;
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		default:
			root = parse_node(ld, &p, &ev, 0);
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	if (ld->failed) {
		node_free(root);
		return NULL;
	}
	if (!root)
		fail(ld, 0, "the template is empty");
	return root;
}

/* ---- typed access ---- */

static const char *kind_name(node_kind k)
{
	return k == NODE_SCALAR ? "a single value" : k == NODE_SEQ ? "a list" : "a mapping";
}

static bool expect(loader *ld, const node *n, node_kind k, const char *what)
{
	if (n->kind == k)
		return true;
	fail(ld, n->line, "%s must be %s, not %s", what, kind_name(k), kind_name(n->kind));
	return false;
}

static const node *map_get(const node *map, const char *key)
{
	for (size_t i = 0; i + 1 < map->nkids; i += 2)
		if (map->kids[i]->kind == NODE_SCALAR && strcmp(map->kids[i]->value, key) == 0)
			return map->kids[i + 1];
	return NULL;
}

/* Every key must be known and appear once: a misspelt key would otherwise be ignored. */
static bool check_keys(loader *ld, const node *map, const char *const *known, const char *where)
{
	for (size_t i = 0; i + 1 < map->nkids; i += 2) {
		const node *k = map->kids[i];
		if (k->kind != NODE_SCALAR) {
			fail(ld, k->line, "a key in %s must be a single word", where);
			return false;
		}
		bool ok = false;
		for (const char *const *kn = known; *kn; kn++)
			if (strcmp(*kn, k->value) == 0)
				ok = true;
		if (!ok) {
			nb_sb sb = {0};
			for (const char *const *kn = known; *kn; kn++)
				nb_sb_printf(&sb, "%s%s", kn == known ? "" : ", ", *kn);
			fail(ld, k->line, "unknown key '%s' in %s (known keys: %s)", k->value, where,
			     nb_sb_cstr(&sb));
			nb_sb_free(&sb);
			return false;
		}
		for (size_t j = 0; j < i; j += 2)
			if (strcmp(map->kids[j]->value, k->value) == 0) {
				fail(ld, k->line, "key '%s' appears twice in %s", k->value, where);
				return false;
			}
	}
	return true;
}

static char *get_str(loader *ld, const node *map, const char *key, bool required, const char *where)
{
	const node *v = map_get(map, key);
	if (!v) {
		if (required)
			fail(ld, map->line, "%s has no '%s'", where, key);
		return NULL;
	}
	char what[128];
	snprintf(what, sizeof what, "'%s' in %s", key, where);
	if (!expect(ld, v, NODE_SCALAR, what))
		return NULL;
	if (required && v->value[0] == '\0') {
		fail(ld, v->line, "'%s' in %s is empty", key, where);
		return NULL;
	}
	return nb_xstrdup(v->value);
}

static bool get_int(loader *ld, const node *map, const char *key, int lo, int hi, int *out,
		    const char *where)
{
	const node *v = map_get(map, key);
	if (!v)
		return true; /* keeps the default */
	char what[128];
	snprintf(what, sizeof what, "'%s' in %s", key, where);
	if (!expect(ld, v, NODE_SCALAR, what))
		return false;
	char *end;
	long n = strtol(v->value, &end, 10);
	if (v->value[0] == '\0' || *end != '\0' || !v->plain) {
		fail(ld, v->line, "%s must be a whole number, not '%s'", what, v->value);
		return false;
	}
	if (n < lo || n > hi) {
		fail(ld, v->line, "%s must be between %d and %d, not %ld", what, lo, hi, n);
		return false;
	}
	*out = (int)n;
	return true;
}

static bool get_bool(loader *ld, const node *map, const char *key, bool *out, const char *where)
{
	const node *v = map_get(map, key);
	if (!v)
		return true;
	char what[128];
	snprintf(what, sizeof what, "'%s' in %s", key, where);
	if (!expect(ld, v, NODE_SCALAR, what))
		return false;
	if (v->plain && strcmp(v->value, "true") == 0)
		*out = true;
	else if (v->plain && strcmp(v->value, "false") == 0)
		*out = false;
	else {
		fail(ld, v->line, "%s must be true or false, not '%s'", what, v->value);
		return false;
	}
	return true;
}

/* A list of non-empty strings. */
static bool get_str_list(loader *ld, const node *map, const char *key, bool required, char ***out,
			 size_t *nout, const char *where)
{
	const node *v = map_get(map, key);
	*out = NULL;
	*nout = 0;
	if (!v) {
		if (required)
			fail(ld, map->line, "%s has no '%s'", where, key);
		return !required;
	}
	char what[128];
	snprintf(what, sizeof what, "'%s' in %s", key, where);
	if (!expect(ld, v, NODE_SEQ, what))
		return false;
	if (required && v->nkids == 0) {
		fail(ld, v->line, "%s is empty", what);
		return false;
	}
	*out = nb_xcalloc(v->nkids, sizeof **out);
	for (size_t i = 0; i < v->nkids; i++) {
		const node *e = v->kids[i];
		if (e->kind != NODE_SCALAR || e->value[0] == '\0') {
			fail(ld, e->line, "every entry of %s must be a non-empty text", what);
			return false;
		}
		(*out)[(*nout)++] = nb_xstrdup(e->value);
	}
	return true;
}

/* ---- the template itself ---- */

static void free_strs(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void free_item(nb_item *it)
{
	free(it->id);
	free(it->label);
	free(it->basis);
	free(it->hint);
	free_strs(it->evidence, it->nevidence);
}

static void free_section(nb_tsection *s)
{
	free(s->id);
	free(s->title);
	free(s->guidance);
	free(s->basis);
	free_strs(s->keywords, s->nkeywords);
	free(s->keyword_weights);
	for (size_t i = 0; i < s->nitems; i++)
		free_item(&s->items[i]);
	free(s->items);
}

static void free_deadlines(nb_deadline *d, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(d[i].unit_type);
		free(d[i].basis);
	}
	free(d);
}

void nb_template_free(nb_template *t)
{
	if (!t)
		return;
	free(t->id);
	free(t->name);
	free(t->title_pattern);
	for (size_t i = 0; i < t->nsections; i++)
		free_section(&t->sections[i]);
	free(t->sections);
	free_strs(t->unit_types, t->nunit_types);
	free_deadlines(t->deadlines, t->ndeadlines);
	free_deadlines(t->publication_deadlines, t->npublication_deadlines);
	free_strs(t->required_meta, t->nrequired_meta);
	free(t);
}

/* Keywords: a mapping word → weight, or a plain list (any one word is enough to match). */
static bool load_keywords(loader *ld, const node *sec, nb_tsection *s, const char *where)
{
	const node *v = map_get(sec, "keywords");
	if (!v)
		return true;
	if (v->kind == NODE_SEQ) {
		if (!get_str_list(ld, sec, "keywords", false, &s->keywords, &s->nkeywords, where))
			return false;
		s->keyword_weights = nb_xcalloc(s->nkeywords, sizeof *s->keyword_weights);
		for (size_t i = 0; i < s->nkeywords; i++)
			s->keyword_weights[i] = NB_HEADING_MIN_SCORE;
		return true;
	}
	if (v->kind != NODE_MAP) {
		fail(ld, v->line, "'keywords' in %s must be a mapping (word: weight) or a list", where);
		return false;
	}
	size_t n = v->nkids / 2;
	s->keywords = nb_xcalloc(n, sizeof *s->keywords);
	s->keyword_weights = nb_xcalloc(n, sizeof *s->keyword_weights);
	for (size_t i = 0; i < n; i++) {
		const node *k = v->kids[2 * i], *w = v->kids[2 * i + 1];
		if (k->kind != NODE_SCALAR || k->value[0] == '\0') {
			fail(ld, k->line, "a keyword in %s must be a non-empty text", where);
			return false;
		}
		for (size_t j = 0; j < s->nkeywords; j++)
			if (strcmp(s->keywords[j], k->value) == 0) {
				fail(ld, k->line, "keyword '%s' appears twice in %s", k->value, where);
				return false;
			}
		char *end = NULL;
		long weight = w->kind == NODE_SCALAR ? strtol(w->value, &end, 10) : 0;
		if (w->kind != NODE_SCALAR || !w->plain || w->value[0] == '\0' || *end != '\0' ||
		    weight < 1 || weight > 100) {
			fail(ld, w->line, "the weight of keyword '%s' in %s must be a number from 1 to 100",
			     k->value, where);
			return false;
		}
		s->keywords[s->nkeywords] = nb_xstrdup(k->value);
		s->keyword_weights[s->nkeywords++] = (int)weight;
	}
	return true;
}

static bool load_item(loader *ld, const node *n, const nb_tsection *s, nb_item *it)
{
	static const char *const keys[] = {"id", "label", "basis", "hint", "evidence", "threshold",
					   "next_year", NULL};
	char where[160];
	snprintf(where, sizeof where, "an item of section '%s'", s->id);
	if (!expect(ld, n, NODE_MAP, where) || !check_keys(ld, n, keys, where))
		return false;
	it->id = get_str(ld, n, "id", true, where);
	if (!it->id)
		return false;
	snprintf(where, sizeof where, "item '%s'", it->id);
	it->label = get_str(ld, n, "label", true, where);
	it->basis = get_str(ld, n, "basis", false, where);
	it->hint = get_str(ld, n, "hint", false, where);
	if (ld->failed)
		return false;
	if (!it->basis || !it->basis[0]) {
		/* An item without its own basis comes from the regulation that asks for the section. */
		free(it->basis);
		it->basis = nb_xstrdup(s->basis);
	}
	if (!it->hint)
		it->hint = nb_xstrdup("");
	if (!get_str_list(ld, n, "evidence", true, &it->evidence, &it->nevidence, where))
		return false;
	it->threshold = 1;
	if (!get_int(ld, n, "threshold", 1, INT_MAX, &it->threshold, where) ||
	    !get_bool(ld, n, "next_year", &it->next_year, where))
		return false;
	if ((size_t)it->threshold > it->nevidence) {
		fail(ld, map_get(n, "threshold")->line,
		     "threshold %d of item '%s' is more than its %zu evidence phrases", it->threshold,
		     it->id, it->nevidence);
		return false;
	}
	return true;
}

/* Item ids name findings (item-missing), so they must be unique across the whole template. */
static bool item_id_taken(const nb_template *t, const nb_tsection *s, size_t upto, const char *id)
{
	for (const nb_tsection *o = t->sections; o < s; o++)
		for (size_t j = 0; j < o->nitems; j++)
			if (strcmp(o->items[j].id, id) == 0)
				return true;
	for (size_t j = 0; j < upto; j++)
		if (strcmp(s->items[j].id, id) == 0)
			return true;
	return false;
}

static bool load_section(loader *ld, const node *n, const nb_template *t, nb_tsection *s)
{
	static const char *const keys[] = {"id", "title", "guidance", "basis", "keywords",
					   "optional", "min_chars", "items", NULL};
	char where[160];
	if (!expect(ld, n, NODE_MAP, "a section") || !check_keys(ld, n, keys, "a section"))
		return false;
	s->id = get_str(ld, n, "id", true, "a section");
	if (!s->id)
		return false;
	snprintf(where, sizeof where, "section '%s'", s->id);
	s->title = get_str(ld, n, "title", true, where);
	s->guidance = get_str(ld, n, "guidance", false, where);
	s->basis = get_str(ld, n, "basis", false, where);
	if (ld->failed)
		return false;
	if (!s->guidance)
		s->guidance = nb_xstrdup("");
	if (!s->basis)
		s->basis = nb_xstrdup("");
	if (!load_keywords(ld, n, s, where) || !get_bool(ld, n, "optional", &s->optional, where) ||
	    !get_int(ld, n, "min_chars", 0, 1000000, &s->min_chars, where))
		return false;
	const node *items = map_get(n, "items");
	if (!items)
		return true;
	char what[192];
	snprintf(what, sizeof what, "'items' in %s", where);
	if (!expect(ld, items, NODE_SEQ, what))
		return false;
	s->items = nb_xcalloc(items->nkids, sizeof *s->items);
	for (size_t i = 0; i < items->nkids; i++) {
		/* Counted before loading so a half-filled item is freed with the rest. */
		s->nitems++;
		if (!load_item(ld, items->kids[i], s, &s->items[i]))
			return false;
		if (item_id_taken(t, s, i, s->items[i].id)) {
			fail(ld, items->kids[i]->line, "item id '%s' is used twice", s->items[i].id);
			return false;
		}
	}
	return true;
}

static bool valid_date(int month, int day)
{
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return month >= 1 && month <= 12 && day >= 1 && day <= days[month - 1];
}

/* Loads the list under `key` (deadlines or publication_deadlines). */
static bool load_deadlines(loader *ld, const node *root, nb_template *t, const char *key,
			   nb_deadline **list, size_t *n)
{
	static const char *const keys[] = {"unit_type", "month", "day", "basis", NULL};
	const node *v = map_get(root, key);
	if (!v)
		return true;
	char what[64];
	snprintf(what, sizeof what, "'%s'", key);
	if (!expect(ld, v, NODE_SEQ, what))
		return false;
	*list = nb_xcalloc(v->nkids, sizeof **list);
	for (size_t i = 0; i < v->nkids; i++) {
		const node *e = v->kids[i];
		nb_deadline *d = &(*list)[(*n)++];
		if (!expect(ld, e, NODE_MAP, "a deadline") || !check_keys(ld, e, keys, "a deadline"))
			return false;
		d->unit_type = get_str(ld, e, "unit_type", true, "a deadline");
		d->basis = get_str(ld, e, "basis", false, "a deadline");
		if (ld->failed)
			return false;
		if (!d->basis)
			d->basis = nb_xstrdup("");
		if (!map_get(e, "month") || !map_get(e, "day")) {
			fail(ld, e->line, "the deadline for '%s' needs both 'month' and 'day'", d->unit_type);
			return false;
		}
		if (!get_int(ld, e, "month", 1, 12, &d->month, "a deadline") ||
		    !get_int(ld, e, "day", 1, 31, &d->day, "a deadline"))
			return false;
		if (!valid_date(d->month, d->day)) {
			fail(ld, e->line, "%d月%d日 is not a date", d->month, d->day);
			return false;
		}
		bool known = strcmp(d->unit_type, "*") == 0 || t->nunit_types == 0;
		for (size_t j = 0; j < t->nunit_types && !known; j++)
			known = strcmp(t->unit_types[j], d->unit_type) == 0;
		if (!known) {
			fail(ld, map_get(e, "unit_type")->line,
			     "deadline for unit type '%s', which is not in 'unit_types'", d->unit_type);
			return false;
		}
	}
	return true;
}

static bool load_top(loader *ld, const node *root, nb_template *t)
{
	static const char *const keys[] = {"format", "id", "name", "version", "title_pattern",
					   "unit_types", "deadlines", "publication_deadlines",
					   "required_meta", "sections", NULL};
	const char *where = "the template";
	if (!expect(ld, root, NODE_MAP, "the template") || !check_keys(ld, root, keys, where))
		return false;
	int format = 1;
	if (!get_int(ld, root, "format", 1, INT_MAX, &format, where))
		return false;
	if (format != 1) {
		fail(ld, map_get(root, "format")->line,
		     "template format %d is newer than this nianbao understands (1)", format);
		return false;
	}
	t->id = get_str(ld, root, "id", true, where);
	t->name = get_str(ld, root, "name", true, where);
	t->title_pattern = get_str(ld, root, "title_pattern", true, where);
	if (ld->failed)
		return false;
	t->version = 1;
	if (!get_int(ld, root, "version", 0, INT_MAX, &t->version, where))
		return false;
	if (!get_str_list(ld, root, "unit_types", false, &t->unit_types, &t->nunit_types, where) ||
	    !get_str_list(ld, root, "required_meta", false, &t->required_meta, &t->nrequired_meta,
			  where))
		return false;
	for (size_t i = 0; i < t->nrequired_meta; i++)
		if (nb_meta_field_by_key(t->required_meta[i]) < 0) {
			fail(ld, map_get(root, "required_meta")->line,
			     "'required_meta' names '%s', which is not a report field", t->required_meta[i]);
			return false;
		}
	if (!load_deadlines(ld, root, t, "deadlines", &t->deadlines, &t->ndeadlines) ||
	    !load_deadlines(ld, root, t, "publication_deadlines", &t->publication_deadlines,
			    &t->npublication_deadlines))
		return false;

	const node *secs = map_get(root, "sections");
	if (!secs) {
		fail(ld, root->line, "the template has no 'sections'");
		return false;
	}
	if (!expect(ld, secs, NODE_SEQ, "'sections'"))
		return false;
	if (secs->nkids == 0) {
		fail(ld, secs->line, "'sections' is empty");
		return false;
	}
	t->sections = nb_xcalloc(secs->nkids, sizeof *t->sections);
	for (size_t i = 0; i < secs->nkids; i++) {
		t->nsections++;
		if (!load_section(ld, secs->kids[i], t, &t->sections[i]))
			return false;
		for (size_t j = 0; j < i; j++)
			if (strcmp(t->sections[j].id, t->sections[i].id) == 0) {
				fail(ld, secs->kids[i]->line, "section id '%s' is used twice",
				     t->sections[i].id);
				return false;
			}
	}
	return true;
}

nb_template *nb_template_load(const char *yaml, size_t len, const char *name, nb_error *err)
{
	loader ld = {.name = name ? name : "template", .err = err};
	if (len > TPL_MAX_BYTES) {
		fail(&ld, 0, "template is too large (%zu bytes; the limit is %zu)", len, TPL_MAX_BYTES);
		return NULL;
	}
	node *root = parse_document(&ld, yaml, len);
	if (!root)
		return NULL;
	nb_template *t = nb_xcalloc(1, sizeof *t);
	bool ok = load_top(&ld, root, t);
	node_free(root);
	if (!ok) {
		nb_template_free(t);
		return NULL;
	}
	return t;
}

nb_template *nb_template_load_file(const char *path, nb_error *err)
{
	char *data;
	size_t len;
	if (nb_read_file(path, TPL_MAX_BYTES, &data, &len, err) != 0)
		return NULL;
	nb_template *t = nb_template_load(data, len, path, err);
	free(data);
	return t;
}

nb_template *nb_template_builtin(void)
{
	nb_error err = {{0}};
	nb_template *t = nb_template_load(nb_builtin_template_yaml, nb_builtin_template_yaml_len,
					  "built-in template (templates/default.yaml)", &err);
	if (!t) {
		/* The embedded text is checked by the test suite; reaching this is a build error. */
		fprintf(stderr, "nianbao: %s\n", err.msg);
		abort();
	}
	return t;
}

const nb_tsection *nb_template_section(const nb_template *t, const char *id)
{
	int i = nb_template_section_index(t, id);
	return i < 0 ? NULL : &t->sections[i];
}

int nb_template_section_index(const nb_template *t, const char *id)
{
	if (!t || !id)
		return -1;
	for (size_t i = 0; i < t->nsections; i++)
		if (strcmp(t->sections[i].id, id) == 0)
			return (int)i;
	return -1;
}

char *nb_template_expand(const char *pattern, int year, const char *unit)
{
	nb_sb sb = {0};
	nb_sb_add(&sb, "", 0); /* terminates the result even for an empty pattern */
	for (const char *p = pattern ? pattern : ""; *p;) {
		if (year > 0 && strncmp(p, "{year}", 6) == 0) {
			nb_sb_printf(&sb, "%d", year);
			p += 6;
		} else if (year > 0 && strncmp(p, "{next_year}", 11) == 0) {
			nb_sb_printf(&sb, "%d", year + 1);
			p += 11;
		} else if (strncmp(p, "{unit}", 6) == 0) {
			nb_sb_adds(&sb, unit ? unit : "");
			p += 6;
		} else {
			nb_sb_addc(&sb, *p++);
		}
	}
	return nb_sb_take(&sb);
}
