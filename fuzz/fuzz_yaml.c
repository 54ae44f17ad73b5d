/* fuzz_yaml.c — the YAML loader on arbitrary bytes. Beyond not crashing: whatever loads must
 * save, load again, and save to the same bytes (the format is deterministic). */
#include "config.h"
#include "nianbao/yamlio.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	nb_load_warnings warnings = {0};
	nb_error err = {{0}};
	nb_report *r = nb_yaml_load((const char *)data, size, "fuzz.yaml", &warnings, &err);
	nb_load_warnings_free(&warnings);
	if (!r) {
		if (!err.msg[0]) {
			fprintf(stderr, "refused without a message\n");
			abort();
		}
		return 0;
	}
	size_t len1, len2;
	char *first = nb_yaml_save(r, &len1);
	nb_error err2 = {{0}};
	nb_report *again = nb_yaml_load(first, len1, "resaved.yaml", NULL, &err2);
	if (!again) {
		fprintf(stderr, "saved report does not load: %s\n---\n%s\n", err2.msg, first);
		abort();
	}
	char *second = nb_yaml_save(again, &len2);
	if (len1 != len2 || memcmp(first, second, len1) != 0) {
		fprintf(stderr, "save is not stable:\n---\n%s\n---\n%s\n", first, second);
		abort();
	}
	free(first);
	free(second);
	nb_report_free(again);
	nb_report_free(r);
	return 0;
}
