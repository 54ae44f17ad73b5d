/* fuzz_check.c — the checker on any report that loads from arbitrary bytes (as YAML or as an
 * imported draft). Beyond not crashing: neither output format ever carries a raw control, C1 or
 * bidi control character. */
#include "config.h"
#include "nianbao/check.h"
#include "nianbao/lexicon.h"
#include "nianbao/textio.h"
#include "nianbao/template.h"
#include "nianbao/yamlio.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Offset of the first byte a terminal would act on, or -1. */
static long first_raw_control(const char *s, int bidi_too)
{
	const unsigned char *p = (const unsigned char *)s;
	for (long i = 0; p[i]; i++) {
		if ((p[i] < 0x20 && p[i] != '\n' && p[i] != '\t') || p[i] == 0x7f)
			return i;
		if (p[i] == 0xC2 && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F)
			return i;
		if (bidi_too && p[i] == 0xE2 && ((p[i + 1] == 0x80 && p[i + 2] >= 0xAA && p[i + 2] <= 0xAE) ||
						 (p[i + 1] == 0x81 && p[i + 2] >= 0xA6 && p[i + 2] <= 0xA9)))
			return i;
	}
	return -1;
}

static void assert_clean(const char *what, const char *out, int bidi_too)
{
	long at = first_raw_control(out, bidi_too);
	if (at >= 0) {
		fprintf(stderr, "%s output has a raw control character at byte %ld:\n%s\n", what, at, out);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Built once, as the editor does: rebuilding the word lists per input would make the
	 * target a hundred times slower. */
	static nb_template *t;
	static nb_lexicon *lx;
	if (!t) {
		t = nb_template_builtin();
		lx = nb_lexicon_builtin();
	}
	nb_error err = {{0}};
	nb_report *r;
	/* The first byte picks the reader, so one corpus reaches both. */
	if (size > 0 && (data[0] & 1)) {
		r = nb_yaml_load((const char *)data + 1, size - 1, "fuzz.yaml", NULL, &err);
	} else {
		char *utf8;
		size_t len;
		nb_encoding enc;
		if (size == 0 || nb_text_decode((const char *)data + 1, size - 1, "fuzz.txt", &utf8, &len,
						&enc, &err) != 0)
			return 0;
		r = nb_text_import(utf8, len, t, "fuzz.txt", NULL, &err);
		free(utf8);
	}
	if (!r)
		return 0;
	nb_check_opts opts = {.today_year = 2025, .lexicon = lx};
	nb_findings f = {0};
	nb_check_report(r, t, &opts, &f);
	/* Re-checking one section must not disturb the rest. */
	if (r->nsections > 0)
		nb_check_section(r, t, &opts, r->nsections - 1, &f);
	char *text = nb_findings_format_text(&f, "fuzz");
	assert_clean("text", text, 1);
	char *json = nb_findings_format_json(&f, r, "fuzz");
	assert_clean("json", json, 1);
	free(text);
	free(json);
	nb_findings_free(&f);
	nb_report_free(r);
	return 0;
}
