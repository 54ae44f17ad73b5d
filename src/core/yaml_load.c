/* yaml_load.c — reads the nianbao YAML format (see yamlio.h) with libyaml's event parser.
 *
 * The file is untrusted: it may come from a colleague, a mail attachment or an attacker. Reading
 * event by event lets every limit (aliases, depth, value size) be enforced before anything is
 * built, so an alias bomb or a 100000-deep nesting is refused at its first offending event. */
#include "config.h"
#include "nianbao/yamlio.h"
#include "nianbao/check.h"
#include "nianbao/util.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* Beyond this many warnings the file is evidently not a nianbao report; one last warning says so. */
#define MAX_WARNINGS 200

typedef struct loader {
	yaml_parser_t parser;
	yaml_event_t ev;          /* the current event, valid until the next call to next() */
	bool have_ev;
	const unsigned char *data;
	size_t len;
	const char *name;
	int depth;
	nb_load_warnings *warnings;
	nb_error *err;
	/* A position in data that only moves forward: literal blocks arrive in file order, so
	 * finding their lines never rescans the file. */
	size_t cur_off, cur_line;
} loader;

void nb_load_warnings_free(nb_load_warnings *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->n; i++)
		free(w->msg[i]);
	free(w->msg);
	free(w->line);
	w->msg = NULL;
	w->line = NULL;
	w->n = 0;
}

/* ---- messages ---- */

/* A key or value quoted in a message: short, and with control characters replaced so that a
 * hostile file cannot send escape sequences to the terminal through an error message. */
static void shown(const char *s, char *out, size_t outsz)
{
	size_t o = 0, chars = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p && o + 5 < outsz; p++) {
		if ((*p & 0xC0) != 0x80 && ++chars > 40) {
			memcpy(out + o, "…", 3);
			o += 3;
			break;
		}
		if (*p < 0x20 || *p == 0x7F)
			out[o++] = '?';
		else if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
			out[o++] = '?';
			p++;
		} else
			out[o++] = (char)*p;
	}
	out[o] = '\0';
}

static int fail(loader *ld, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(loader *ld, int line, const char *fmt, ...)
{
	char buf[900];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (line > 0)
		nb_error_set(ld->err, "%s:%d: %s", ld->name, line, buf);
	else
		nb_error_set(ld->err, "%s: %s", ld->name, buf);
	return -1;
}

static void warn(loader *ld, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void warn(loader *ld, int line, const char *fmt, ...)
{
	nb_load_warnings *w = ld->warnings;
	if (!w || w->n > MAX_WARNINGS)
		return;
	char buf[900];
	if (w->n == MAX_WARNINGS) {
		snprintf(buf, sizeof buf, "more than %d warnings; the rest are not shown", MAX_WARNINGS);
	} else {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(buf, sizeof buf, fmt, ap);
		va_end(ap);
	}
	w->msg = nb_xrealloc(w->msg, (w->n + 1) * sizeof *w->msg);
	w->line = nb_xrealloc(w->line, (w->n + 1) * sizeof *w->line);
	w->msg[w->n] = nb_xasprintf("%s:%d: %s", ld->name, line, buf);
	w->line[w->n] = line;
	w->n++;
}

/* ---- raw input: lines and encoding ---- */

/* Length of the line break at data[i], or 0. Counts breaks the way libyaml does (LF, CR LF, CR,
 * NEL, LS, PS), so that lines found here agree with the parser's marks. */
static size_t break_len(const unsigned char *d, size_t n, size_t i)
{
	if (d[i] == '\n')
		return 1;
	if (d[i] == '\r')
		return (i + 1 < n && d[i + 1] == '\n') ? 2 : 1;
	if (d[i] == 0xC2 && i + 1 < n && d[i + 1] == 0x85)
		return 2;
	if (d[i] == 0xE2 && i + 2 < n && d[i + 1] == 0x80 && (d[i + 2] == 0xA8 || d[i + 2] == 0xA9))
		return 3;
	return 0;
}

/* 1-based line of a byte offset (for messages; scans from the start). */
static int line_of_offset(const loader *ld, size_t off)
{
	int line = 1;
	for (size_t i = 0; i < off && i < ld->len;) {
		size_t b = break_len(ld->data, ld->len, i);
		if (b) {
			line++;
			i += b;
		} else {
			i++;
		}
	}
	return line;
}

/* Byte offset of the start of 0-based line `line`, or len if the file is shorter. */
static size_t line_start(loader *ld, size_t line)
{
	if (line < ld->cur_line)
		ld->cur_off = ld->cur_line = 0;
	while (ld->cur_line < line && ld->cur_off < ld->len) {
		size_t b = break_len(ld->data, ld->len, ld->cur_off);
		if (b) {
			ld->cur_off += b;
			ld->cur_line++;
		} else {
			ld->cur_off++;
		}
	}
	return ld->cur_line == line ? ld->cur_off : ld->len;
}

/* Checks that the input is UTF-8 text that YAML can carry: no NUL, no control characters
 * other than tab and line breaks, no malformed sequences. libyaml would refuse these too,
 * but only with a byte offset; here the message names the line. */
static int check_text(loader *ld)
{
	const unsigned char *d = ld->data;
	size_t n = ld->len;
	const unsigned char *nul = memchr(d, '\0', n);
	if (nul)
		return fail(ld, line_of_offset(ld, (size_t)(nul - d)),
			    "contains NUL bytes: this is binary data, not a nianbao YAML file");
	for (size_t i = 0; i < n;) {
		unsigned c = d[i];
		if (c < 0x80) {
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
				return fail(ld, line_of_offset(ld, i),
					    "control character U+%04X is not allowed in a YAML file "
					    "(write it as an escape inside double quotes)", c);
			i++;
			continue;
		}
		size_t len;
		unsigned min;
		if ((c & 0xE0) == 0xC0)
			len = 2, min = 0x80, c &= 0x1F;
		else if ((c & 0xF0) == 0xE0)
			len = 3, min = 0x800, c &= 0x0F;
		else if ((c & 0xF8) == 0xF0)
			len = 4, min = 0x10000, c &= 0x07;
		else
			goto bad;
		if (len > n - i)
			goto bad;
		for (size_t k = 1; k < len; k++) {
			if ((d[i + k] & 0xC0) != 0x80)
				goto bad;
			c = (c << 6) | (d[i + k] & 0x3F);
		}
		if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			goto bad;
		if ((c >= 0x80 && c <= 0x9F && c != 0x85) || c == 0xFFFE || c == 0xFFFF)
			return fail(ld, line_of_offset(ld, i),
				    "control character U+%04X is not allowed in a YAML file", c);
		i += len;
		continue;
bad:
		return fail(ld, line_of_offset(ld, i),
			    "invalid UTF-8 (byte 0x%02X); nianbao YAML files must be UTF-8 text",
			    d[i]);
	}
	return 0;
}

/* ---- events ---- */

static int ev_line(const yaml_event_t *ev)
{
	return (int)ev->start_mark.line + 1;
}

static int parser_failed(loader *ld)
{
	yaml_parser_t *p = &ld->parser;
	const char *problem = p->problem ? p->problem : "unreadable YAML";
	switch (p->error) {
	case YAML_MEMORY_ERROR:
		return fail(ld, 0, "out of memory while reading YAML");
	case YAML_READER_ERROR:
		return fail(ld, line_of_offset(ld, p->problem_offset), "%s", problem);
	case YAML_SCANNER_ERROR:
	case YAML_PARSER_ERROR:
		if (p->context)
			nb_error_set(ld->err, "%s:%d:%d: %s (%s at line %d)", ld->name,
				     (int)p->problem_mark.line + 1, (int)p->problem_mark.column + 1,
				     problem, p->context, (int)p->context_mark.line + 1);
		else
			nb_error_set(ld->err, "%s:%d:%d: %s", ld->name, (int)p->problem_mark.line + 1,
				     (int)p->problem_mark.column + 1, problem);
		return -1;
	default:
		return fail(ld, 0, "%s", problem);
	}
}

static bool tag_allowed(const yaml_char_t *tag, const char *const *ok)
{
	if (!tag || strcmp((const char *)tag, "!") == 0)
		return true;
	for (; *ok; ok++)
		if (strcmp((const char *)tag, *ok) == 0)
			return true;
	return false;
}

/* Checks what libyaml cannot be told to refuse: aliases, anchors, foreign tags, depth, size. */
static int check_event(loader *ld)
{
	static const char *const scalar_tags[] = {YAML_STR_TAG, YAML_INT_TAG, YAML_NULL_TAG, NULL};
	static const char *const seq_tags[] = {YAML_SEQ_TAG, NULL};
	static const char *const map_tags[] = {YAML_MAP_TAG, NULL};
	yaml_event_t *ev = &ld->ev;
	int line = ev_line(ev);
	const yaml_char_t *anchor = NULL, *tag = NULL;
	const char *const *ok = NULL;
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		return fail(ld, line, "YAML aliases are not allowed");
	case YAML_SCALAR_EVENT:
		anchor = ev->data.scalar.anchor;
		tag = ev->data.scalar.tag;
		ok = scalar_tags;
		if (ev->data.scalar.length > NB_YAML_MAX_SCALAR)
			return fail(ld, line, "a value is longer than %zu MB",
				    NB_YAML_MAX_SCALAR / (1024 * 1024));
		if (memchr(ev->data.scalar.value, '\0', ev->data.scalar.length))
			return fail(ld, line, "a value contains a NUL character (\\0)");
		break;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (ev->type == YAML_SEQUENCE_START_EVENT) {
			anchor = ev->data.sequence_start.anchor;
			tag = ev->data.sequence_start.tag;
			ok = seq_tags;
		} else {
			anchor = ev->data.mapping_start.anchor;
			tag = ev->data.mapping_start.tag;
			ok = map_tags;
		}
		if (++ld->depth > NB_YAML_MAX_DEPTH)
			return fail(ld, line, "nesting deeper than %d levels is not allowed",
				    NB_YAML_MAX_DEPTH);
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		ld->depth--;
		break;
	default:
		break;
	}
	if (anchor)
		/* An anchor is harmless alone, but only exists to be aliased; refusing it names
		 * the real culprit of an alias bomb at its first line. */
		return fail(ld, line, "YAML anchors (&name) and aliases are not allowed");
	if (ok && !tag_allowed(tag, ok)) {
		char t[160];
		shown((const char *)tag, t, sizeof t);
		return fail(ld, line, "YAML tag `%s` is not allowed", t);
	}
	return 0;
}

/* Moves to the next event. */
static int next(loader *ld)
{
	if (ld->have_ev)
		yaml_event_delete(&ld->ev);
	ld->have_ev = false;
	if (!yaml_parser_parse(&ld->parser, &ld->ev))
		return parser_failed(ld);
	ld->have_ev = true;
	return check_event(ld);
}

static bool is_scalar(const loader *ld)
{
	return ld->ev.type == YAML_SCALAR_EVENT;
}

static const char *scalar_text(const loader *ld)
{
	return (const char *)ld->ev.data.scalar.value;
}

/* A plain empty, ~ or null value: "not set". */
static bool is_null(const loader *ld)
{
	if (!is_scalar(ld))
		return false;
	const yaml_char_t *tag = ld->ev.data.scalar.tag;
	if (tag && strcmp((const char *)tag, YAML_NULL_TAG) == 0)
		return true;
	if (ld->ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE || tag)
		return false;
	const char *s = scalar_text(ld);
	return !*s || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 || strcmp(s, "Null") == 0 ||
	       strcmp(s, "NULL") == 0;
}

static const char *node_kind(const loader *ld)
{
	switch (ld->ev.type) {
	case YAML_SEQUENCE_START_EVENT:
		return "a list";
	case YAML_MAPPING_START_EVENT:
		return "a mapping";
	default:
		return "text";
	}
}

/* Skips the node whose first event is current (an unknown key's value). Iterative, so the
 * depth limit in check_event is the only bound needed. */
static int skip_node(loader *ld)
{
	if (ld->ev.type != YAML_SEQUENCE_START_EVENT && ld->ev.type != YAML_MAPPING_START_EVENT)
		return 0;
	int base = ld->depth - 1;
	while (ld->depth > base)
		if (next(ld) < 0)
			return -1;
	return 0;
}

/* Reads the next key of a block whose start event has been consumed. Returns 1 with a copy in
 * *key, 0 at the end of the mapping, -1 on error. */
static int next_key(loader *ld, const char *where, char **key, int *line)
{
	if (next(ld) < 0)
		return -1;
	if (ld->ev.type == YAML_MAPPING_END_EVENT)
		return 0;
	*line = ev_line(&ld->ev);
	if (!is_scalar(ld))
		return fail(ld, *line, "the keys of %s must be words, not %s", where, node_kind(ld));
	*key = nb_xstrdup(scalar_text(ld));
	return 1;
}

/* A key nianbao does not know: a warning, and its value skipped. Returns 0, or -1 on error. */
static int skip_unknown_key(loader *ld, const char *key, int line)
{
	char k[160];
	shown(key, k, sizeof k);
	warn(ld, line, "unknown key `%s` (ignored)", k);
	return (next(ld) < 0 || skip_node(ld) < 0) ? -1 : 0;
}

/* Index of key in keys[0, n), or -1. */
static int key_index(const char *const *keys, int n, const char *key)
{
	for (int i = 0; i < n; i++)
		if (strcmp(key, keys[i]) == 0)
			return i;
	return -1;
}

/* Refuses a second occurrence of a known key in one mapping: YAML forbids it, and keeping
 * either value would silently drop the other. */
static int seen_once(loader *ld, unsigned *seen, int bit, const char *key, int line)
{
	if (*seen & (1u << bit))
		return fail(ld, line, "duplicate key `%s`", key);
	*seen |= 1u << bit;
	return 0;
}

/* Reads a text value for `key`: the scalar event stays current for its marks and style.
 * *out is NULL for a null value. */
static int read_text(loader *ld, const char *key, int key_line, char **out)
{
	*out = NULL;
	if (next(ld) < 0)
		return -1;
	if (!is_scalar(ld))
		return fail(ld, key_line, "`%s` must be text, not %s", key, node_kind(ld));
	if (!is_null(ld))
		*out = nb_xstrndup(scalar_text(ld), ld->ev.data.scalar.length);
	return 0;
}

/* Source map for a body or intro just read (the scalar event is current). In a literal block
 * paragraph i sits on the i-th line after the `|` line, indented; other styles map to the
 * scalar's own position. */
static void map_scalar(loader *ld, const char *text, nb_srcpos **map, size_t *n)
{
	const yaml_event_t *ev = &ld->ev;
	size_t line0 = ev->start_mark.line;   /* 0-based line of the `|` or of the value */
	int col0 = (int)ev->start_mark.column + 1;
	yaml_scalar_style_t style = ev->data.scalar.style;
	if (style == YAML_SINGLE_QUOTED_SCALAR_STYLE || style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)
		col0++;
	if (style == YAML_FOLDED_SCALAR_STYLE) {
		nb_srcmap_add(map, n, 0, (int)line0 + 2, 1);
		return;
	}
	if (style != YAML_LITERAL_SCALAR_STYLE || !*text) {
		nb_srcmap_add(map, n, 0, (int)line0 + 1, col0);
		return;
	}
	/* The indentation: the raw line of the first non-empty paragraph is the indentation
	 * followed by exactly that paragraph. */
	int indent = 0;
	size_t k = 0;
	for (const char *p = text; *p; k++) {
		const char *e = strchr(p, '\n');
		size_t plen = e ? (size_t)(e - p) : strlen(p);
		if (plen) {
			size_t off = line_start(ld, line0 + 1 + k), end = off;
			while (end < ld->len && !break_len(ld->data, ld->len, end))
				end++;
			if (end - off >= plen && memcmp(ld->data + end - plen, p, plen) == 0) {
				size_t sp = 0;
				while (off + sp < end - plen && ld->data[off + sp] == ' ')
					sp++;
				if (off + sp == end - plen)
					indent = (int)sp;
			}
			break;
		}
		if (!e)
			break;
		p = e + 1;
	}
	k = 0;
	for (const char *p = text;; k++) {
		nb_srcmap_add(map, n, (size_t)(p - text), (int)(line0 + 2 + k), indent + 1);
		const char *e = strchr(p, '\n');
		if (!e || !e[1])
			break;
		p = e + 1;
	}
}

/* ---- the document ---- */

static int read_version(loader *ld, int line)
{
	if (next(ld) < 0)
		return -1;
	const char *s = is_scalar(ld) ? scalar_text(ld) : "";
	char *end = NULL;
	long v = *s ? strtol(s, &end, 10) : 0;
	if (!is_scalar(ld) || !*s || *end || v < 0)
		return fail(ld, line, "`nianbao` must be the format version number (%d)",
			    NB_YAML_FORMAT_VERSION);
	if (v > NB_YAML_FORMAT_VERSION)
		return fail(ld, line,
			    "format version %ld is newer than this nianbao understands (it reads "
			    "version %d); please update nianbao", v, NB_YAML_FORMAT_VERSION);
	if (v < 1)
		return fail(ld, line, "unsupported format version %ld", v);
	return 0;
}

static int read_meta(loader *ld, nb_report *r)
{
	unsigned seen = 0;
	for (;;) {
		char *key = NULL;
		int line = 0;
		int k = next_key(ld, "`meta`", &key, &line);
		if (k <= 0)
			return k;
		int f = nb_meta_field_by_key(key);
		if (f < 0) {
			int rc = skip_unknown_key(ld, key, line);
			free(key);
			if (rc < 0)
				return -1;
			continue;
		}
		char *value = NULL;
		if (seen_once(ld, &seen, f, key, line) < 0 || read_text(ld, key, line, &value) < 0) {
			free(key);
			return -1;
		}
		free(key);
		free(r->meta[f]);
		r->meta[f] = value;
		r->meta_line[f] = ev_line(&ld->ev);
	}
}

/* Reads a whole number >= min for `key` (occurrences of a quote). */
static int read_number(loader *ld, const char *key, int key_line, long min, long *out)
{
	char *text = NULL;
	if (read_text(ld, key, key_line, &text) < 0)
		return -1;
	char *end = NULL;
	long v = text && *text ? strtol(text, &end, 10) : min - 1;
	bool ok = text && *text && !*end && v >= min && v <= 0x7fffffffL;
	free(text);
	if (!ok)
		return fail(ld, key_line, "`%s` must be a whole number of at least %ld", key, min);
	*out = v;
	return 0;
}

/* The keys an entry of a list may have (a section, a 批注, a decision, an ignore entry). */
typedef struct entry_shape {
	const char *what;          /* "a comment", for messages */
	const char *const *keys;
	int nkeys;
	int number_key;            /* the key whose value is a whole number >= 1, or -1 */
	/* Checks or notes a value just read, while its scalar event is current; may be NULL.
	 * Returns 0, or -1 after reporting an error. */
	int (*on_value)(loader *ld, int which, char *const *text, int line, void *ctx);
} entry_shape;

/* Reads the keys of an entry mapping up to its end: keys[i]'s text into text[i] and its line into
 * key_line[i] (key_line may be NULL), the number key's value into *number. A key given twice is
 * an error; an unknown key is warned about and skipped. Returns 0, or -1 after an error (text[]
 * then holds what was read, for the caller to free). */
static int read_entry_keys(loader *ld, const entry_shape *shape, void *ctx, char **text,
			   int *key_line, long *number)
{
	unsigned seen = 0;
	for (;;) {
		char *key = NULL;
		int line = 0;
		int rc = next_key(ld, shape->what, &key, &line);
		if (rc <= 0)
			return rc;
		int which = key_index(shape->keys, shape->nkeys, key);
		if (which < 0) {
			rc = skip_unknown_key(ld, key, line);
		} else {
			if (key_line)
				key_line[which] = line;
			rc = seen_once(ld, &seen, which, key, line);
			if (rc == 0 && which == shape->number_key)
				rc = read_number(ld, key, line, 1, number);
			else if (rc == 0)
				rc = read_text(ld, key, line, &text[which]);
			if (rc == 0 && shape->on_value)
				rc = shape->on_value(ld, which, text, line, ctx);
		}
		free(key);
		if (rc < 0)
			return -1;
	}
}

enum { SEC_ID, SEC_HEADING, SEC_BODY, SEC_COUNT };

/* Where a section's heading and body paragraphs stand in the file. */
typedef struct section_place {
	int heading_line;
	nb_srcpos *map;
	size_t nmap;
} section_place;

static int note_section_place(loader *ld, int which, char *const *text, int line, void *ctx)
{
	(void)line;
	section_place *place = ctx;
	if (which == SEC_HEADING)
		place->heading_line = ev_line(&ld->ev);
	if (which == SEC_BODY && text[SEC_BODY])
		map_scalar(ld, text[SEC_BODY], &place->map, &place->nmap);
	return 0;
}

static int read_section(loader *ld, nb_report *r)
{
	static const char *const keys[SEC_COUNT] = {[SEC_ID] = "id", [SEC_HEADING] = "heading",
						    [SEC_BODY] = "body"};
	static const entry_shape shape = {"a section", keys, SEC_COUNT, -1, note_section_place};
	char *text[SEC_COUNT] = {NULL};
	section_place place = {0};
	int rc = read_entry_keys(ld, &shape, &place, text, NULL, NULL);
	if (rc == 0) {
		nb_section *s = nb_report_add_section(r, text[SEC_ID], text[SEC_HEADING],
						      text[SEC_BODY]);
		s->heading_line = place.heading_line;
		s->map = place.map;
		s->nmap = place.nmap;
		place.map = NULL;
	}
	for (int i = 0; i < SEC_COUNT; i++)
		free(text[i]);
	free(place.map);
	return rc;
}

enum { COM_SECTION, COM_QUOTE, COM_TEXT, COM_AUTHOR, COM_TIME, COM_OCCURRENCE, COM_COUNT };

static int read_comment(loader *ld, nb_report *r)
{
	static const char *const keys[COM_COUNT] = {"section", "quote", "text", "author", "time",
						    "occurrence"};
	static const entry_shape shape = {"a comment", keys, COM_COUNT, COM_OCCURRENCE, NULL};
	char *text[COM_COUNT] = {NULL};
	long occurrence = 0;
	int rc = read_entry_keys(ld, &shape, NULL, text, NULL, &occurrence);
	if (rc == 0)
		nb_report_add_comment(r, text[COM_SECTION], text[COM_QUOTE], text[COM_TEXT],
				      text[COM_AUTHOR], text[COM_TIME])->occurrence = (int)occurrence;
	for (int i = 0; i < COM_COUNT; i++)
		free(text[i]);
	return rc;
}

enum { DEC_RULE, DEC_SECTION, DEC_QUOTE, DEC_MESSAGE, DEC_DECISION, DEC_REASON, DEC_AUTHOR,
       DEC_TIME, DEC_OCCURRENCE, DEC_COUNT };

static int check_decision_value(loader *ld, int which, char *const *text, int line, void *ctx)
{
	(void)ctx;
	if (which == DEC_DECISION && (!text[which] || nb_decision_by_name(text[which]) < 0))
		return fail(ld, line, "`decision` must be accepted or dismissed");
	return 0;
}

/* A review decision on a finding: {rule, section, quote, message, occurrence, decision, reason,
 * author, time}. rule and decision are required; a decision nianbao cannot read is refused
 * rather than dropped, because dropping it would silently undo the reviewer's work. */
static int read_decision(loader *ld, nb_report *r)
{
	static const char *const keys[DEC_COUNT] = {"rule", "section", "quote", "message",
						    "decision", "reason", "author", "time",
						    "occurrence"};
	static const entry_shape shape = {"a decision", keys, DEC_COUNT, DEC_OCCURRENCE,
					  check_decision_value};
	char *text[DEC_COUNT] = {NULL};
	long occurrence = 1;
	int start_line = ev_line(&ld->ev);
	int rc = read_entry_keys(ld, &shape, NULL, text, NULL, &occurrence);
	if (rc == 0 && (!text[DEC_RULE] || !*text[DEC_RULE]))
		rc = fail(ld, start_line, "a decision needs the `rule` of the finding it is about");
	else if (rc == 0 && !text[DEC_DECISION])
		rc = fail(ld, start_line, "a decision needs `decision: accepted` or `decision: dismissed`");
	if (rc == 0)
		nb_report_add_decision(r, text[DEC_RULE], text[DEC_SECTION], text[DEC_QUOTE],
				       text[DEC_MESSAGE], (int)occurrence,
				       (nb_decision_kind)nb_decision_by_name(text[DEC_DECISION]),
				       text[DEC_REASON], text[DEC_AUTHOR], text[DEC_TIME]);
	for (int i = 0; i < DEC_COUNT; i++)
		free(text[i]);
	return rc;
}

enum { IGN_RULE, IGN_SCOPE, IGN_SECTION, IGN_QUOTE, IGN_REASON, IGN_AUTHOR, IGN_TIME,
       IGN_OCCURRENCE, IGN_COUNT };

static bool blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n')
			return false;
	return true;
}

static int check_ignore_value(loader *ld, int which, char *const *text, int line, void *ctx)
{
	(void)ctx;
	if (which == IGN_SCOPE && (!text[which] || nb_ignore_scope_by_name(text[which]) < 0))
		return fail(ld, line, "`scope` must be span, section or report");
	return 0;
}

/* A silenced rule: {rule, scope: span|section|report, section, quote, occurrence, reason, author,
 * time}. Without `scope` it is read from what is given (a quote: span; a section: section; else
 * report). A reason is required: silencing a rule without saying why is what review forbids. */
static int read_ignore(loader *ld, nb_report *r)
{
	static const char *const keys[IGN_COUNT] = {"rule", "scope", "section", "quote", "reason",
						    "author", "time", "occurrence"};
	static const entry_shape shape = {"an ignore entry", keys, IGN_COUNT, IGN_OCCURRENCE,
					  check_ignore_value};
	char *text[IGN_COUNT] = {NULL};
	int key_line[IGN_COUNT] = {0};
	long occurrence = 1;
	int start_line = ev_line(&ld->ev);
	int rc = read_entry_keys(ld, &shape, NULL, text, key_line, &occurrence);
	bool has_section = !blank(text[IGN_SECTION]), has_quote = text[IGN_QUOTE] && *text[IGN_QUOTE];
	int scope = text[IGN_SCOPE] ? nb_ignore_scope_by_name(text[IGN_SCOPE])
		    : has_quote ? NB_IGNORE_SPAN : has_section ? NB_IGNORE_SECTION : NB_IGNORE_REPORT;
	if (rc < 0)
		scope = -1;
	else if (blank(text[IGN_RULE]))
		rc = fail(ld, start_line, "an ignore entry needs the `rule` it silences");
	else if (blank(text[IGN_REASON]))
		rc = fail(ld, start_line, "the ignore entry for `%s` needs a `reason` (why the rule "
			  "does not apply here)", text[IGN_RULE]);
	else if (scope != NB_IGNORE_REPORT && !has_section)
		rc = fail(ld, start_line, "the ignore entry for `%s` (scope %s) needs the `section` "
			  "it is about", text[IGN_RULE], nb_ignore_scope_name((nb_ignore_scope)scope));
	else if (scope == NB_IGNORE_SPAN && !has_quote)
		rc = fail(ld, start_line, "the ignore entry for `%s` (scope span) needs the `quote` "
			  "of the span", text[IGN_RULE]);
	if (rc == 0) {
		char k[160];
		shown(text[IGN_RULE], k, sizeof k);
		if (!nb_rule_find(text[IGN_RULE]))
			warn(ld, key_line[IGN_RULE], "unknown rule `%s` in an ignore entry (kept)", k);
		if (scope == NB_IGNORE_REPORT && (has_section || has_quote))
			warn(ld, start_line, "the ignore entry for `%s` has scope report: its section "
			     "and quote are not used", k);
		if (scope == NB_IGNORE_SECTION && has_quote)
			warn(ld, key_line[IGN_QUOTE], "the ignore entry for `%s` has scope section: "
			     "its quote is not used", k);
		bool span = scope == NB_IGNORE_SPAN;
		nb_report_add_ignore(r, text[IGN_RULE], (nb_ignore_scope)scope,
				     scope == NB_IGNORE_REPORT ? "" : text[IGN_SECTION],
				     span ? text[IGN_QUOTE] : "", span ? (int)occurrence : 1,
				     text[IGN_REASON], text[IGN_AUTHOR], text[IGN_TIME]);
	}
	for (int i = 0; i < IGN_COUNT; i++)
		free(text[i]);
	return rc;
}

/* A list of mappings (sections, comments or decisions); a null value is an empty list. */
static int read_list(loader *ld, nb_report *r, const char *key, int key_line, const char *entry,
		     int (*read_entry)(loader *, nb_report *))
{
	if (next(ld) < 0)
		return -1;
	if (is_null(ld))
		return 0;
	if (ld->ev.type != YAML_SEQUENCE_START_EVENT)
		return fail(ld, key_line, "`%s` must be a list, not %s", key, node_kind(ld));
	for (;;) {
		if (next(ld) < 0)
			return -1;
		if (ld->ev.type == YAML_SEQUENCE_END_EVENT)
			return 0;
		if (ld->ev.type != YAML_MAPPING_START_EVENT)
			return fail(ld, ev_line(&ld->ev), "each entry of `%s` must be a mapping (%s), not %s",
				    key, entry, node_kind(ld));
		if (read_entry(ld, r) < 0)
			return -1;
	}
}

enum { TOP_VERSION, TOP_TEMPLATE, TOP_META, TOP_INTRO, TOP_SECTIONS, TOP_COMMENTS, TOP_DECISIONS,
       TOP_IGNORE, TOP_COUNT };

static int read_root(loader *ld, nb_report *r)
{
	static const char *const keys[TOP_COUNT] = {"nianbao", "template", "meta",
						    "intro", "sections", "comments", "decisions",
						    "ignore"};
	unsigned seen = 0;
	for (;;) {
		char *key = NULL;
		int line = 0;
		int k = next_key(ld, "the report", &key, &line);
		if (k < 0)
			return -1;
		if (k == 0)
			break;
		int which = key_index(keys, TOP_COUNT, key);
		int rc = which < 0 ? 0 : seen_once(ld, &seen, which, key, line);
		if (rc < 0) {
			free(key);
			return -1;
		}
		char *value = NULL;
		switch (which) {
		case TOP_VERSION:
			rc = read_version(ld, line);
			break;
		case TOP_TEMPLATE:
			rc = read_text(ld, "template", line, &value);
			if (rc == 0 && value && strcmp(value, NB_YAML_DEFAULT_TEMPLATE) != 0) {
				char t[160];
				shown(value, t, sizeof t);
				warn(ld, line, "template `%s` is not built in; checking with `%s` "
				     "(use --template FILE for another)", t, NB_YAML_DEFAULT_TEMPLATE);
			}
			free(value);
			break;
		case TOP_META:
			rc = next(ld);
			if (rc == 0 && !is_null(ld)) {
				if (ld->ev.type != YAML_MAPPING_START_EVENT)
					rc = fail(ld, line,
						  "`meta` must be a mapping of fields (unit: …, year: …), not %s",
						  node_kind(ld));
				else
					rc = read_meta(ld, r);
			}
			break;
		case TOP_INTRO:
			rc = read_text(ld, "intro", line, &value);
			if (rc == 0 && value) {
				free(r->intro);
				r->intro = value;
				map_scalar(ld, value, &r->intro_map, &r->intro_nmap);
			} else {
				free(value);
			}
			break;
		case TOP_SECTIONS:
			rc = read_list(ld, r, "sections", line, "id, heading, body", read_section);
			break;
		case TOP_COMMENTS:
			rc = read_list(ld, r, "comments", line, "section, quote, text, author, time",
				       read_comment);
			break;
		case TOP_DECISIONS:
			rc = read_list(ld, r, "decisions", line,
				       "rule, section, quote, decision, reason, author, time", read_decision);
			break;
		case TOP_IGNORE:
			rc = read_list(ld, r, "ignore", line,
				       "rule, scope, section, quote, reason, author, time", read_ignore);
			break;
		default:
			rc = skip_unknown_key(ld, key, line);
		}
		free(key);
		if (rc < 0)
			return -1;
	}
	if (!(seen & (1u << TOP_VERSION)))
		warn(ld, 1, "no `nianbao: %d` format version; reading it as version %d",
		     NB_YAML_FORMAT_VERSION, NB_YAML_FORMAT_VERSION);
	return 0;
}

static int read_stream(loader *ld, nb_report *r)
{
	if (next(ld) < 0)   /* stream start */
		return -1;
	if (next(ld) < 0)
		return -1;
	if (ld->ev.type == YAML_STREAM_END_EVENT)
		return fail(ld, 0, "the file is empty (no report in it)");
	if (next(ld) < 0)   /* the document's root node */
		return -1;
	if (is_null(ld))
		return fail(ld, ev_line(&ld->ev), "the file holds no report (expected keys such as "
			    "nianbao, meta, sections)");
	if (ld->ev.type != YAML_MAPPING_START_EVENT)
		return fail(ld, ev_line(&ld->ev), "a nianbao report must be a mapping of keys "
			    "(nianbao, meta, sections …), not %s", node_kind(ld));
	if (read_root(ld, r) < 0)
		return -1;
	if (next(ld) < 0)   /* document end */
		return -1;
	if (next(ld) < 0)
		return -1;
	if (ld->ev.type != YAML_STREAM_END_EVENT)
		return fail(ld, ev_line(&ld->ev), "more than one YAML document in the file; a "
			    "nianbao file holds one report");
	return 0;
}

nb_report *nb_yaml_load(const char *data, size_t len, const char *name, nb_load_warnings *warnings,
			nb_error *err)
{
	loader ld = {
		.data = (const unsigned char *)data,
		.len = len,
		.name = name ? name : "(input)",
		.warnings = warnings,
		.err = err,
	};
	if (len > NB_MAX_INPUT_BYTES) {
		fail(&ld, 0, "file is too large (%zu bytes; the limit is %zu MB)", len,
		     NB_MAX_INPUT_BYTES / (1024 * 1024));
		return NULL;
	}
	if (check_text(&ld) < 0)
		return NULL;
	if (!yaml_parser_initialize(&ld.parser)) {
		fail(&ld, 0, "out of memory while reading YAML");
		return NULL;
	}
	yaml_parser_set_input_string(&ld.parser, (const unsigned char *)data, len);
	yaml_parser_set_encoding(&ld.parser, YAML_UTF8_ENCODING);
	nb_report *r = nb_report_new();
	int rc = read_stream(&ld, r);
	if (ld.have_ev)
		yaml_event_delete(&ld.ev);
	yaml_parser_delete(&ld.parser);
	if (rc < 0) {
		nb_report_free(r);
		return NULL;
	}
	r->source_path = nb_xstrdup(ld.name);
	return r;
}
