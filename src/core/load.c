/* load.c — open a report from YAML or a text draft; make a new one from the template. */
#include "config.h"
#include "nianbao/load.h"
#include "nianbao/yamlio.h"
#include "nianbao/textio.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

nb_file_kind nb_guess_file_kind(const char *path, const char *data, size_t len)
{
	if (path && (ends_with(path, ".yaml") || ends_with(path, ".yml")))
		return NB_FILE_YAML;
	/* A YAML report written by nianbao starts with its format key, maybe after comments. */
	size_t i = 0;
	while (i < len) {
		if (data[i] == '#') {
			while (i < len && data[i] != '\n')
				i++;
		} else if (data[i] == '\n' || data[i] == ' ' || data[i] == '\r') {
			i++;
		} else {
			break;
		}
	}
	if (len - i >= 8 && memcmp(data + i, "nianbao:", 8) == 0)
		return NB_FILE_YAML;
	if (len - i >= 3 && memcmp(data + i, "---", 3) == 0)
		return NB_FILE_YAML;
	return NB_FILE_TEXT;
}

static void add_note(nb_findings *notes, const char *rule, int line, const char *msg)
{
	nb_finding *f = nb_findings_add(notes, rule, NB_SEV_INFO, msg, NULL);
	f->place = NB_PLACE_DOCUMENT;
	f->line = line;
	f->col = line > 0 ? 1 : 0;
}

nb_report *nb_load_report(const char *path, const nb_template *t, nb_file_kind *kind,
			  nb_findings *notes, nb_error *err)
{
	char *data;
	size_t len;
	if (nb_read_file(path, NB_MAX_INPUT_BYTES, &data, &len, err) != 0)
		return NULL;
	size_t blank = 0;
	while (blank < len && (data[blank] == ' ' || data[blank] == '\n' || data[blank] == '\r' ||
			       data[blank] == '\t'))
		blank++;
	if (blank == len) {
		nb_error_set(err, "%s: the file is empty", path);
		free(data);
		return NULL;
	}
	nb_file_kind k = nb_guess_file_kind(path, data, len);
	if (kind)
		*kind = k;
	nb_report *r = NULL;
	if (k == NB_FILE_YAML) {
		nb_load_warnings w = {0};
		r = nb_yaml_load(data, len, path, &w, err);
		if (r && notes)
			for (size_t i = 0; i < w.n; i++)
				add_note(notes, "load-warning", w.line[i], w.msg[i]);
		nb_load_warnings_free(&w);
	} else {
		char *utf8;
		size_t ulen;
		nb_encoding enc;
		if (nb_text_decode(data, len, path, &utf8, &ulen, &enc, err) == 0) {
			nb_import_notes in = {0};
			r = nb_text_import(utf8, ulen, t, path, &in, err);
			if (r && notes)
				for (size_t i = 0; i < in.n; i++)
					add_note(notes, "import-normalized", in.v[i].line, in.v[i].message);
			nb_import_notes_free(&in);
			free(utf8);
		}
	}
	free(data);
	if (r && !r->source_path)
		r->source_path = nb_xstrdup(path);
	return r;
}

static const char *const chinese_numbers[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};

nb_report *nb_report_from_template(const nb_template *t, const char *unit, int year, const char *unit_type)
{
	nb_report *r = nb_report_new();
	if (unit && *unit)
		nb_report_set_meta(r, NB_META_UNIT, unit);
	if (unit_type && *unit_type)
		nb_report_set_meta(r, NB_META_UNIT_TYPE, unit_type);
	if (year > 0) {
		char y[16];
		snprintf(y, sizeof y, "%d", year);
		nb_report_set_meta(r, NB_META_YEAR, y);
	}
	if (t->title_pattern && year > 0 && unit && *unit) {
		char *title = nb_template_expand(t->title_pattern, year, unit);
		nb_report_set_meta(r, NB_META_TITLE, title);
		free(title);
	}
	for (size_t i = 0; i < t->nsections; i++) {
		const nb_tsection *ts = &t->sections[i];
		char *title = nb_template_expand(ts->title, year, unit);
		char *heading = nb_xasprintf("%s、%s", i < 10 ? chinese_numbers[i] : "十", title);
		nb_report_add_section(r, ts->id, heading, "");
		free(heading);
		free(title);
	}
	return r;
}
