/* yaml_save.c — writes a report in the nianbao YAML format (see yamlio.h) through libyaml's
 * emitter. The output is a pure function of the report: keys in a fixed order, unset metadata
 * left out, so saving twice gives the same bytes and diffs between versions stay small. */
#include "config.h"
#include "nianbao/yamlio.h"
#include "nianbao/util.h"

#include <stdbool.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

static int append_output(void *data, unsigned char *buffer, size_t size)
{
	nb_sb_add(data, (const char *)buffer, size);
	return 1;
}

/* Decodes one UTF-8 sequence at s (n bytes left); returns its length, or 0 if it is invalid
 * (overlong, surrogate, beyond U+10FFFF or truncated). */
static size_t utf8_seq_len(const unsigned char *s, size_t n, unsigned *cp)
{
	unsigned c = s[0];
	size_t len;
	unsigned min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xE0) == 0xC0) {
		len = 2, min = 0x80, c &= 0x1F;
	} else if ((c & 0xF0) == 0xE0) {
		len = 3, min = 0x800, c &= 0x0F;
	} else if ((c & 0xF8) == 0xF0) {
		len = 4, min = 0x10000, c &= 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/* libyaml refuses to emit invalid UTF-8. The model should never hold any, but a save must not
 * fail because of one stray byte: such bytes become U+FFFD, everything else is kept. */
static char *valid_utf8(const char *s, bool *changed)
{
	size_t n = strlen(s);
	*changed = false;
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t l = utf8_seq_len((const unsigned char *)s + i, n - i, &cp);
		if (!l) {
			*changed = true;
			break;
		}
		i += l;
	}
	if (!*changed)
		return NULL;
	nb_sb sb = {0};
	for (size_t i = 0; i < n;) {
		unsigned cp;
		size_t l = utf8_seq_len((const unsigned char *)s + i, n - i, &cp);
		if (l) {
			nb_sb_add(&sb, s + i, l);
			i += l;
		} else {
			nb_sb_adds(&sb, "\xEF\xBF\xBD");
			i++;
		}
	}
	return nb_sb_take(&sb);
}

/* Characters that a literal block cannot carry unchanged: YAML readers turn CR, NEL, LS and PS
 * into plain line feeds, and C0/C1 controls, DEL and a BOM are not printable in a block. */
static bool literal_unsafe(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	for (; *p; p++) {
		if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7F)
			return true;
		if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
			return true;
		if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9))
			return true;
		if (p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
			return true;
	}
	return false;
}

/* Text that a YAML reader would take for something other than a string (a number, a boolean,
 * null) is quoted so that other tools read it back as text, as nianbao does. */
static bool looks_untyped(const char *s)
{
	static const char *const words[] = {"~", "null", "true", "false", "yes", "no", "on",
					    "off", "y", "n", ".nan", ".inf", "-.inf", "+.inf"};
	if (!*s)
		return true;
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strcasecmp(s, words[i]) == 0)
			return true;
	/* ASCII starting like a number may read as a number, a date or a timestamp (2025-01-01,
	 * 0x1F, 1e3, 12:30); quoting costs nothing. */
	const char *p = s;
	if (*p == '+' || *p == '-' || *p == '.')
		p++;
	if (!(*p >= '0' && *p <= '9'))
		return false;
	for (p = s; *p; p++)
		if ((unsigned char)*p >= 0x80)
			return false;
	return true;
}

typedef struct emitter_ctx {
	yaml_emitter_t em;
	bool failed;
} emitter_ctx;

static void emit(emitter_ctx *c, yaml_event_t *ev, int init_ok)
{
	if (c->failed)
		return;
	if (!init_ok || !yaml_emitter_emit(&c->em, ev))
		c->failed = true;
}

typedef enum text_kind {
	TEXT_WORD,   /* short value: plain when safe, quoted if it would not read back as text */
	TEXT_BLOCK,  /* paragraphs: a literal block so diffs stay line-by-line */
	TEXT_QUOTED, /* always a double-quoted string (the report year) */
} text_kind;

static void emit_str(emitter_ctx *c, const char *s, text_kind kind)
{
	bool changed;
	char *fixed = valid_utf8(s, &changed);
	if (fixed)
		s = fixed;
	yaml_scalar_style_t style = YAML_ANY_SCALAR_STYLE;
	if (kind == TEXT_QUOTED || looks_untyped(s))
		style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	else if (kind == TEXT_BLOCK)
		/* libyaml itself falls back to a double-quoted string when a literal cannot hold
		 * the text exactly (trailing spaces on a line, …). */
		style = literal_unsafe(s) ? YAML_DOUBLE_QUOTED_SCALAR_STYLE : YAML_LITERAL_SCALAR_STYLE;
	yaml_event_t ev;
	int ok = yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)strlen(s),
					      1, 1, style);
	emit(c, &ev, ok);
	free(fixed);
}

static void emit_key_str(emitter_ctx *c, const char *key, const char *value, text_kind kind)
{
	emit_str(c, key, TEXT_WORD);
	emit_str(c, value, kind);
}

static void emit_mapping_start(emitter_ctx *c)
{
	yaml_event_t ev;
	int ok = yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
	emit(c, &ev, ok);
}

static void emit_mapping_end(emitter_ctx *c)
{
	yaml_event_t ev;
	int ok = yaml_mapping_end_event_initialize(&ev);
	emit(c, &ev, ok);
}

static void emit_sequence_start(emitter_ctx *c)
{
	yaml_event_t ev;
	int ok = yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
	emit(c, &ev, ok);
}

static void emit_sequence_end(emitter_ctx *c)
{
	yaml_event_t ev;
	int ok = yaml_sequence_end_event_initialize(&ev);
	emit(c, &ev, ok);
}

/* A key with a plain integer value: the format version, occurrences. */
static void emit_key_int(emitter_ctx *c, const char *key, long value)
{
	char v[32];
	snprintf(v, sizeof v, "%ld", value);
	emit_str(c, key, TEXT_WORD);
	yaml_event_t ev;
	int ok = yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)v, (int)strlen(v), 1,
					      0, YAML_PLAIN_SCALAR_STYLE);
	emit(c, &ev, ok);
}

static void emit_version(emitter_ctx *c)
{
	/* Plain, so it reads as a number. */
	emit_key_int(c, "nianbao", NB_YAML_FORMAT_VERSION);
}

static void emit_meta(emitter_ctx *c, const nb_report *r)
{
	bool any = false;
	for (int f = 0; f < NB_META_COUNT; f++)
		any = any || r->meta[f];
	if (!any)
		return;
	emit_str(c, "meta", TEXT_WORD);
	emit_mapping_start(c);
	for (int f = 0; f < NB_META_COUNT; f++)
		if (r->meta[f])
			emit_key_str(c, nb_meta_fields[f].key, r->meta[f],
				     f == NB_META_YEAR ? TEXT_QUOTED : TEXT_WORD);
	emit_mapping_end(c);
}

static void emit_sections(emitter_ctx *c, const nb_report *r)
{
	emit_str(c, "sections", TEXT_WORD);
	emit_sequence_start(c);
	for (size_t i = 0; i < r->nsections; i++) {
		const nb_section *s = &r->sections[i];
		emit_mapping_start(c);
		if (s->id)
			emit_key_str(c, "id", s->id, TEXT_WORD);
		emit_key_str(c, "heading", s->heading ? s->heading : "", TEXT_WORD);
		emit_key_str(c, "body", s->body ? s->body : "", TEXT_BLOCK);
		emit_mapping_end(c);
	}
	emit_sequence_end(c);
}

static void emit_comments(emitter_ctx *c, const nb_report *r)
{
	if (!r->ncomments)
		return;
	emit_str(c, "comments", TEXT_WORD);
	emit_sequence_start(c);
	for (size_t i = 0; i < r->ncomments; i++) {
		const nb_comment *m = &r->comments[i];
		emit_mapping_start(c);
		emit_key_str(c, "section", m->section_id ? m->section_id : "", TEXT_WORD);
		emit_key_str(c, "quote", m->quote ? m->quote : "", TEXT_WORD);
		if (m->occurrence > 1)
			emit_key_int(c, "occurrence", m->occurrence);
		const char *text = m->text ? m->text : "";
		emit_key_str(c, "text", text, strchr(text, '\n') ? TEXT_BLOCK : TEXT_WORD);
		emit_key_str(c, "author", m->author ? m->author : "", TEXT_WORD);
		emit_key_str(c, "time", m->time ? m->time : "", TEXT_WORD);
		emit_mapping_end(c);
	}
	emit_sequence_end(c);
}

static void emit_decisions(emitter_ctx *c, const nb_report *r)
{
	if (!r->ndecisions)
		return;
	emit_str(c, "decisions", TEXT_WORD);
	emit_sequence_start(c);
	for (size_t i = 0; i < r->ndecisions; i++) {
		const nb_decision *d = &r->decisions[i];
		emit_mapping_start(c);
		emit_key_str(c, "rule", d->rule ? d->rule : "", TEXT_WORD);
		emit_key_str(c, "section", d->section ? d->section : "", TEXT_WORD);
		emit_key_str(c, "quote", d->quote ? d->quote : "", TEXT_WORD);
		if (d->message && *d->message)
			emit_key_str(c, "message", d->message, TEXT_WORD);
		if (d->occurrence > 1)
			emit_key_int(c, "occurrence", d->occurrence);
		emit_key_str(c, "decision", nb_decision_name(d->decision), TEXT_WORD);
		const char *reason = d->reason ? d->reason : "";
		if (*reason)
			emit_key_str(c, "reason", reason, strchr(reason, '\n') ? TEXT_BLOCK : TEXT_WORD);
		emit_key_str(c, "author", d->author ? d->author : "", TEXT_WORD);
		emit_key_str(c, "time", d->time ? d->time : "", TEXT_WORD);
		emit_mapping_end(c);
	}
	emit_sequence_end(c);
}

static void emit_ignores(emitter_ctx *c, const nb_report *r)
{
	if (!r->nignores)
		return;
	emit_str(c, "ignore", TEXT_WORD);
	emit_sequence_start(c);
	for (size_t i = 0; i < r->nignores; i++) {
		const nb_ignore *e = &r->ignores[i];
		emit_mapping_start(c);
		emit_key_str(c, "rule", e->rule ? e->rule : "", TEXT_WORD);
		emit_key_str(c, "scope", nb_ignore_scope_name(e->scope), TEXT_WORD);
		if (e->scope != NB_IGNORE_REPORT)
			emit_key_str(c, "section", e->section ? e->section : "", TEXT_WORD);
		if (e->scope == NB_IGNORE_SPAN) {
			emit_key_str(c, "quote", e->quote ? e->quote : "", TEXT_WORD);
			if (e->occurrence > 1)
				emit_key_int(c, "occurrence", e->occurrence);
		}
		const char *reason = e->reason ? e->reason : "";
		emit_key_str(c, "reason", reason, strchr(reason, '\n') ? TEXT_BLOCK : TEXT_WORD);
		emit_key_str(c, "author", e->author ? e->author : "", TEXT_WORD);
		emit_key_str(c, "time", e->time ? e->time : "", TEXT_WORD);
		emit_mapping_end(c);
	}
	emit_sequence_end(c);
}

char *nb_yaml_save(const nb_report *r, size_t *len)
{
	nb_sb out = {0};
	emitter_ctx c = {.failed = false};
	if (!yaml_emitter_initialize(&c.em)) {
		fprintf(stderr, "nianbao: out of memory (YAML emitter)\n");
		abort();
	}
	yaml_emitter_set_output(&c.em, append_output, &out);
	yaml_emitter_set_encoding(&c.em, YAML_UTF8_ENCODING);
	yaml_emitter_set_unicode(&c.em, 1);
	yaml_emitter_set_width(&c.em, -1);   /* never fold long lines */
	yaml_emitter_set_indent(&c.em, 2);
	yaml_emitter_set_break(&c.em, YAML_LN_BREAK);

	yaml_event_t ev;
	emit(&c, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
	emit(&c, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1));
	emit_mapping_start(&c);
	emit_version(&c);
	emit_key_str(&c, "template", NB_YAML_DEFAULT_TEMPLATE, TEXT_WORD);
	emit_meta(&c, r);
	emit_key_str(&c, "intro", r->intro ? r->intro : "", TEXT_BLOCK);
	emit_sections(&c, r);
	emit_comments(&c, r);
	emit_decisions(&c, r);
	emit_ignores(&c, r);
	emit_mapping_end(&c);
	emit(&c, &ev, yaml_document_end_event_initialize(&ev, 1));
	emit(&c, &ev, yaml_stream_end_event_initialize(&ev));
	if (!c.failed && !yaml_emitter_flush(&c.em))
		c.failed = true;
	if (c.failed) {
		/* Every input is valid UTF-8 text by now, so only memory exhaustion lands here. */
		fprintf(stderr, "nianbao: cannot serialise the report: %s\n",
			c.em.problem ? c.em.problem : "out of memory");
		abort();
	}
	yaml_emitter_delete(&c.em);
	if (len)
		*len = out.len;
	return nb_sb_take(&out);
}
