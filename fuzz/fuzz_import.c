/* fuzz_import.c — encoding detection and the text importer on arbitrary bytes. Beyond not
 * crashing: decoded text is valid UTF-8 without NUL, and every import either succeeds or says
 * why not. */
#include "config.h"
#include "nianbao/textio.h"
#include "nianbao/template.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Strict UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF). */
static int valid_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		size_t k;
		unsigned cp;
		if (c == 0)
			return 0;
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			k = 1; cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			k = 2; cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			k = 3; cp = c & 0x07;
		} else {
			return 0;
		}
		if (i + k >= n)
			return 0;
		for (size_t j = 1; j <= k; j++) {
			if ((s[i + j] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + j] & 0x3F);
		}
		if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += k + 1;
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static nb_template *t;
	if (!t)
		t = nb_template_builtin();
	char *utf8 = NULL;
	size_t len = 0;
	nb_encoding enc;
	nb_error err = {{0}};
	if (nb_text_decode((const char *)data, size, "fuzz.txt", &utf8, &len, &enc, &err) != 0) {
		if (!err.msg[0]) {
			fprintf(stderr, "decode refused without a message\n");
			abort();
		}
		return 0;
	}
	if (!valid_utf8((const unsigned char *)utf8, len)) {
		fprintf(stderr, "decoded text is not valid UTF-8 (encoding %s)\n", nb_encoding_name(enc));
		abort();
	}
	nb_import_notes notes = {0};
	nb_error ierr = {{0}};
	nb_report *r = nb_text_import(utf8, len, t, "fuzz.txt", &notes, &ierr);
	if (!r && !ierr.msg[0]) {
		fprintf(stderr, "import failed without a message\n");
		abort();
	}
	nb_import_notes_free(&notes);
	nb_report_free(r);
	free(utf8);
	return 0;
}
