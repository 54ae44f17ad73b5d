/* rules_quality.c — precision and recall of the language, numbering and figure rules on the
 * labelled cases in tests/data/rules/ (see its README). Prints one line per rule and fails when a
 * rule falls below 0.9 precision or 0.8 recall.
 *
 * For rule X, the positives are the "+" cases of X's own file; every other case (the "-" cases
 * of all files and the "+" cases of other rules) is a negative: each case carries only its own
 * defect, so X firing there is a false alarm. */
#include "config.h"
#include "nianbao/check.h"
#include "nianbao/lexicon.h"
#include "nianbao/report.h"
#include "nianbao/template.h"
#include "nianbao/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const rules[] = {
	"lexicon", "repeated-char", "latin-in-cjk", "punct-width", "pair-unbalanced", "space-in-cjk",
	"date-format", "doc-number-format", "numbering", "title-format", "number-inconsistent",
	"sum-mismatch", "percent-mismatch", "no-figures", "slogan-density",
};
#define NRULES (sizeof rules / sizeof *rules)

#define MIN_PRECISION 0.9
#define MIN_RECALL 0.8

typedef struct tally {
	int tp, fp, fn, tn;
} tally;

static const char *section_heading(const char *id)
{
	if (strcmp(id, "measures") == 0)
		return "一、2024年推进法治政府建设的主要举措和成效";
	if (strcmp(id, "duty") == 0)
		return "一、党政主要负责人履行推进法治建设第一责任人职责情况";
	if (strcmp(id, "plan") == 0)
		return "一、2025年推进法治政府建设的主要安排";
	if (strcmp(id, "problems") == 0)
		return "一、存在的不足和原因";
	return "一、其他需要报告的情况";
}

/* Which of the rules fire on one case. */
static void run_case(const nb_template *t, const nb_check_opts *o, const char *where, const char *text,
		     bool fired[NRULES])
{
	nb_report *r = nb_report_new();
	nb_report_set_meta(r, NB_META_YEAR, "2024");
	nb_report_set_meta(r, NB_META_UNIT, "青石镇人民政府");
	nb_report_set_meta(r, NB_META_TITLE, "青石镇人民政府关于2024年度法治政府建设情况的报告");
	if (strcmp(where, "title") == 0) {
		nb_report_set_meta(r, NB_META_TITLE, text);
	} else if (strcmp(where, "docnum") == 0) {
		nb_report_set_meta(r, NB_META_DOC_NUMBER, text);
	} else {
		/* ¶ separates paragraphs. */
		nb_sb body = {0};
		for (const char *p = text; *p;) {
			if (strncmp(p, "¶", strlen("¶")) == 0) {
				nb_sb_addc(&body, '\n');
				p += strlen("¶");
			} else {
				nb_sb_addc(&body, *p++);
			}
		}
		const char *id = *where ? where : "other";
		nb_report_add_section(r, id, section_heading(id), nb_sb_cstr(&body));
		nb_sb_free(&body);
	}
	nb_findings f = {0};
	nb_check_report(r, t, o, &f);
	for (size_t k = 0; k < NRULES; k++)
		fired[k] = false;
	for (size_t i = 0; i < f.n; i++)
		for (size_t k = 0; k < NRULES; k++)
			if (strcmp(f.v[i].rule, rules[k]) == 0)
				fired[k] = true;
	nb_findings_free(&f);
	nb_report_free(r);
}

int main(void)
{
	nb_template *t = nb_template_builtin();
	nb_lexicon *lx = nb_lexicon_builtin();
	nb_check_opts o = {NULL, 0, lx};
	tally tl[NRULES];
	memset(tl, 0, sizeof tl);
	int bad = 0;
	for (size_t file = 0; file < NRULES; file++) {
		char path[1024];
		snprintf(path, sizeof path, "%s/rules/%s.txt", NB_TEST_DATA, rules[file]);
		char *data;
		size_t len;
		nb_error err;
		if (nb_read_file(path, NB_MAX_INPUT_BYTES, &data, &len, &err) != 0) {
			fprintf(stderr, "%s\n", err.msg);
			bad = 1;
			continue;
		}
		int cases = 0;
		for (char *line = strtok(data, "\n"); line; line = strtok(NULL, "\n")) {
			if (line[0] != '+' && line[0] != '-')
				continue;
			bool positive = line[0] == '+';
			char where[32] = "";
			char *text = line + 1;
			if (*text == '[') {
				char *close = strchr(text, ']');
				if (close && (size_t)(close - text) < sizeof where) {
					memcpy(where, text + 1, (size_t)(close - text - 1));
					where[close - text - 1] = '\0';
					text = close + 1;
				}
			}
			while (*text == ' ')
				text++;
			bool fired[NRULES];
			run_case(t, &o, where, text, fired);
			cases++;
			for (size_t k = 0; k < NRULES; k++) {
				bool expect = positive && k == file;
				if (expect && fired[k])
					tl[k].tp++;
				else if (expect)
					tl[k].fn++, printf("  missed  %-20s %s\n", rules[k], text);
				else if (fired[k])
					tl[k].fp++, printf("  false   %-20s %s\n", rules[k], text);
				else
					tl[k].tn++;
			}
		}
		if (cases == 0) {
			fprintf(stderr, "%s: no labelled cases\n", path);
			bad = 1;
		}
		free(data);
	}
	printf("%-20s %5s %5s %5s %9s %7s\n", "rule", "tp", "fp", "fn", "precision", "recall");
	for (size_t k = 0; k < NRULES; k++) {
		double p = tl[k].tp + tl[k].fp ? (double)tl[k].tp / (tl[k].tp + tl[k].fp) : 0;
		double rc = tl[k].tp + tl[k].fn ? (double)tl[k].tp / (tl[k].tp + tl[k].fn) : 0;
		bool ok = p >= MIN_PRECISION && rc >= MIN_RECALL;
		printf("%-20s %5d %5d %5d %9.2f %7.2f%s\n", rules[k], tl[k].tp, tl[k].fp, tl[k].fn, p, rc,
		       ok ? "" : "   BELOW THRESHOLD");
		if (!ok)
			bad = 1;
	}
	nb_lexicon_free(lx);
	nb_template_free(t);
	return bad;
}
