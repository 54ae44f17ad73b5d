/* cli.c — the command line: check, export, new, and the editor for everything else. */
#include "config.h"
#include "cli.h"
#include "tui/tui.h"
#include "nianbao/check.h"
#include "nianbao/diff.h"
#include "nianbao/fix.h"
#include "nianbao/lexicon.h"
#include "nianbao/load.h"
#include "nianbao/review.h"
#include "nianbao/safewrite.h"
#include "nianbao/silence.h"
#include "nianbao/template.h"
#include "nianbao/textio.h"
#include "nianbao/yamlio.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_CANNOT_RUN = 2 };

/* Long options shared by every command; getopt_long tells them apart by value. */
enum {
	OPT_FORMAT = 1000, OPT_TO, OPT_TEMPLATE, OPT_DISABLE, OPT_ENABLE, OPT_UNIT, OPT_YEAR,
	OPT_UNIT_TYPE, OPT_WIDTH, OPT_KEYMAP, OPT_AMBIGUOUS, OPT_MOUSE, OPT_HELP, OPT_VERSION,
	OPT_FIX, OPT_LEXICON, OPT_REPORT, OPT_BACKUP,
};

static const struct option long_options[] = {
	{"format", required_argument, NULL, OPT_FORMAT},
	{"to", required_argument, NULL, OPT_TO},
	{"template", required_argument, NULL, OPT_TEMPLATE},
	{"disable", required_argument, NULL, OPT_DISABLE},
	{"enable", required_argument, NULL, OPT_ENABLE},
	{"unit", required_argument, NULL, OPT_UNIT},
	{"year", required_argument, NULL, OPT_YEAR},
	{"unit-type", required_argument, NULL, OPT_UNIT_TYPE},
	{"width", required_argument, NULL, OPT_WIDTH},
	{"keymap", required_argument, NULL, OPT_KEYMAP},
	{"ambiguous", required_argument, NULL, OPT_AMBIGUOUS},
	{"mouse", no_argument, NULL, OPT_MOUSE},
	{"backup", no_argument, NULL, OPT_BACKUP},
	{"report", no_argument, NULL, OPT_REPORT},
	{"fix", no_argument, NULL, OPT_FIX},
	{"lexicon", required_argument, NULL, OPT_LEXICON},
	{"output", required_argument, NULL, 'o'},
	{"read-only", no_argument, NULL, 'R'},
	{"help", no_argument, NULL, OPT_HELP},
	{"version", no_argument, NULL, OPT_VERSION},
	{NULL, 0, NULL, 0},
};

typedef struct cli_opts {
	const char *format;       /* check: text | json */
	const char *to;           /* export: text | yaml */
	const char *template_path;
	const char *lexicon_path;
	const char *output;
	const char *unit, *unit_type, *keymap;
	int year, width;
	bool read_only, ambiguous_wide, mouse, fix;
	bool backup;              /* editor: keep the previous version as FILE~ on each save */
	bool report;              /* review: write the review summary, not open the editor */
	const char **disabled;    /* NULL-terminated */
	size_t ndisabled;
} cli_opts;

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: nianbao [OPTIONS] [FILE]        edit a report (a new one without FILE)\n"
		"       nianbao -R FILE                 review a draft read-only\n"
		"       nianbao check [--format=text|json] FILE...\n"
		"       nianbao check --fix FILE -o OUT    apply the safe one-word fixes\n"
		"       nianbao review --report [--format=text|json] FILE [-o OUT]\n"
		"       nianbao diff OLD NEW [-o OUT]       what changed between two versions\n"
		"       nianbao export --to=text|yaml FILE [-o OUT]\n"
		"       nianbao new -o FILE [--unit NAME] [--year N] [--unit-type TYPE]\n"
		"       nianbao keymap [--keymap NAME|FILE] [-o OUT]   the key bindings as a keymap file\n"
		"\n"
		"FILE is a nianbao YAML report (.yaml) or a text draft (.txt, UTF-8, GB18030 or UTF-16).\n"
		"\n"
		"Options:\n"
		"  --template FILE      use this report template instead of the built-in one\n"
		"  --disable RULE       do not run a checker rule (repeatable); --enable RULE undoes it\n"
		"  --lexicon FILE       use this word list (YAML) instead of the built-in lexicon\n"
		"  --fix                check: apply the fixes that have one right replacement and write\n"
		"                       the result to -o OUT (YAML if OUT ends in .yaml, else finished text)\n"
		"  --format=text|json   check, review --report: output format (default text)\n"
		"  --report             review: write the summary to send back (findings, 批注, decisions)\n"
		"  --to=text|yaml       export: finished official text, or the YAML document of record\n"
		"  -o, --output FILE    write here (atomically) instead of standard output\n"
		"  --width N            export: line width in cells for centring and alignment (default 56)\n"
		"  --keymap NAME|FILE   editor key bindings: default, nano, emacs, or a keymap file\n"
		"  --ambiguous=narrow|wide  width of “”‘’……—— in the terminal (default narrow)\n"
		"  --mouse              enable the mouse in the editor (off so terminal selection works)\n"
		"  --backup             editor: each save first keeps the previous version as FILE~\n"
		"  -R, --read-only      open for review; typing never changes the draft\n"
		"  --help, --version\n"
		"\n"
		"Exit status: 0 no errors found, 1 errors found, 2 could not run.\n"
		"Rules: see `man nianbao` or README.\n");
}

static nb_template *load_template(const cli_opts *o)
{
	if (!o->template_path)
		return nb_template_builtin();
	nb_error err = {{0}};
	nb_template *t = nb_template_load_file(o->template_path, &err);
	if (!t)
		fprintf(stderr, "nianbao: %s\n", err.msg);
	return t;
}

static nb_lexicon *load_lexicon(const cli_opts *o)
{
	if (!o->lexicon_path)
		return nb_lexicon_builtin();
	nb_error err = {{0}};
	nb_lexicon *lx = nb_lexicon_load_file(o->lexicon_path, &err);
	if (!lx)
		fprintf(stderr, "nianbao: %s\n", err.msg);
	return lx;
}

/* The template and the word lists that every checking command needs, loaded once for all its
 * files. Prints the problem and returns false (nothing to free) when either cannot be read. */
static bool load_checker(const cli_opts *o, nb_template **t, nb_lexicon **lx)
{
	*t = load_template(o);
	*lx = *t ? load_lexicon(o) : NULL;
	if (!*lx) {
		nb_template_free(*t);
		*t = NULL;
		return false;
	}
	return true;
}

/* --format: *json is false for text (the default), true for json; anything else is refused. */
static bool parse_format(const cli_opts *o, bool *json)
{
	*json = o->format && strcmp(o->format, "json") == 0;
	if (o->format && !*json && strcmp(o->format, "text") != 0) {
		fprintf(stderr, "nianbao: unknown --format '%s' (text or json)\n", o->format);
		return false;
	}
	return true;
}

static bool known_rule(const char *id)
{
	for (size_t i = 0; i < nb_nrules; i++)
		if (strcmp(nb_rules[i].id, id) == 0)
			return true;
	return false;
}

static void set_rule_enabled(cli_opts *o, const char *id, bool enabled)
{
	size_t j = 0;
	for (size_t i = 0; i < o->ndisabled; i++)
		if (strcmp(o->disabled[i], id) != 0)
			o->disabled[j++] = o->disabled[i];
	o->ndisabled = j;
	if (!enabled)
		o->disabled[o->ndisabled++] = id;
	o->disabled[o->ndisabled] = NULL;
}

/* Writes text to -o OUT atomically, or to standard output. */
static int emit(const cli_opts *o, const char *data, size_t len)
{
	if (o->output) {
		nb_error err = {{0}};
		if (nb_write_atomic(o->output, data, len, 0644, &err) != 0) {
			fprintf(stderr, "nianbao: %s\n", err.msg);
			return -1;
		}
		return 0;
	}
	if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
		perror("nianbao: standard output");
		return -1;
	}
	return 0;
}

/* Loading notes are findings too; --disable applies to them like to any rule. */
static void drop_disabled(nb_findings *f, const char *const *disabled)
{
	size_t j = 0;
	for (size_t i = 0; i < f->n; i++) {
		if (nb_rule_enabled(&(nb_check_opts){.disabled = disabled}, f->v[i].rule)) {
			f->v[j++] = f->v[i];
		} else {
			free(f->v[i].message);
			free(f->v[i].suggestion);
		}
	}
	f->n = j;
}

/* Loads a report and checks it: the notes from loading (less the disabled ones) and the
 * findings, sorted. Prints the problem and returns NULL when the file cannot be read. */
static nb_report *load_and_check(const cli_opts *o, const nb_template *t, const nb_lexicon *lx,
				 const char *path, nb_findings *f)
{
	nb_error err = {{0}};
	nb_report *r = nb_load_report(path, t, NULL, f, &err);
	if (!r) {
		fprintf(stderr, "nianbao: %s\n", err.msg);
		return NULL;
	}
	drop_disabled(f, o->disabled);
	nb_check_opts co = {.disabled = o->disabled, .lexicon = lx};
	nb_check_report(r, t, &co, f);
	nb_findings_sort(f);
	return r;
}

static int cmd_check(cli_opts *o, int nfiles, char **files)
{
	bool json;
	if (!parse_format(o, &json))
		return EXIT_CANNOT_RUN;
	if (nfiles == 0) {
		fprintf(stderr, "nianbao check: no file given\n");
		return EXIT_CANNOT_RUN;
	}
	nb_template *t;
	nb_lexicon *lx;
	if (!load_checker(o, &t, &lx))
		return EXIT_CANNOT_RUN;
	int status = EXIT_CLEAN;
	nb_sb out = {0};
	bool first = true;
	if (json)
		nb_sb_adds(&out, "[");
	for (int i = 0; i < nfiles; i++) {
		nb_findings f = {0};
		nb_report *r = load_and_check(o, t, lx, files[i], &f);
		if (!r) {
			status = EXIT_CANNOT_RUN;
			nb_findings_free(&f);
			continue;
		}
		if (nb_findings_count(&f, NB_SEV_ERROR) > 0 && status == EXIT_CLEAN)
			status = EXIT_FINDINGS;
		if (json) {
			nb_findings_json_append(&out, &f, r, files[i], &first);
		} else {
			char *text = nb_findings_format_text(&f, files[i]);
			nb_sb_adds(&out, text);
			free(text);
			/* Silenced findings are left out of the lines but never silently: say how
			 * many and why, on stderr so stdout stays one finding per line. */
			char *hidden = nb_silence_summary(r, &f);
			if (hidden)
				fprintf(stderr, "nianbao: %s: %s\n", files[i], hidden);
			free(hidden);
		}
		nb_findings_free(&f);
		nb_report_free(r);
	}
	if (json)
		nb_sb_adds(&out, "]\n");
	/* Findings go out even when another file could not be read. */
	if (out.len && fwrite(out.s, 1, out.len, stdout) != out.len)
		status = EXIT_CANNOT_RUN;
	nb_sb_free(&out);
	nb_lexicon_free(lx);
	nb_template_free(t);
	return status;
}

/* The report as the YAML document of record, or as finished text at --width (default 56 cells). */
static char *render_report(const cli_opts *o, const nb_report *r, bool yaml, size_t *len)
{
	return yaml ? nb_yaml_save(r, len) : nb_text_export(r, o->width > 0 ? o->width : 56, len);
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* check --fix: applies every fix with one right replacement, prints each change in the input's
 * terms, writes the result atomically, and reports what is still wrong. */
static int cmd_fix(cli_opts *o, int nfiles, char **files)
{
	if (nfiles != 1 || !o->output) {
		fprintf(stderr, "nianbao check --fix: give one FILE and -o OUT\n");
		return EXIT_CANNOT_RUN;
	}
	if (strcmp(o->output, files[0]) == 0) {
		fprintf(stderr, "nianbao: %s: --fix writes to a new file; give another -o\n", files[0]);
		return EXIT_CANNOT_RUN;
	}
	nb_template *t;
	nb_lexicon *lx;
	if (!load_checker(o, &t, &lx))
		return EXIT_CANNOT_RUN;
	int status = EXIT_CANNOT_RUN;
	nb_error err = {{0}};
	nb_report *r = nb_load_report(files[0], t, NULL, NULL, &err);
	if (!r) {
		fprintf(stderr, "nianbao: %s\n", err.msg);
		goto out;
	}
	nb_check_opts co = {.disabled = o->disabled, .lexicon = lx};
	nb_findings f = {0};
	nb_check_report(r, t, &co, &f);
	/* Described before applying: the description quotes the original text. */
	char **desc = nb_xcalloc(f.n + 1, sizeof *desc);
	for (size_t i = 0; i < f.n; i++)
		if (f.v[i].fixable)
			desc[i] = nb_fix_describe(r, &f.v[i]);
	bool *applied = nb_xcalloc(f.n + 1, sizeof *applied);
	size_t n = nb_fix_apply(r, &f, NULL, -1, applied);
	for (size_t i = 0; i < f.n; i++)
		if (applied[i])
			printf("%s:%d:%d: fixed: %s [%s]\n", files[0], f.v[i].line, f.v[i].col,
			       desc[i] ? desc[i] : "", f.v[i].rule);
	printf("%s: %zu fix%s applied\n", files[0], n, n == 1 ? "" : "es");
	for (size_t i = 0; i < f.n; i++)
		free(desc[i]);
	free(desc);
	free(applied);
	nb_findings_free(&f);
	size_t len;
	char *data = render_report(o, r, has_suffix(o->output, ".yaml") || has_suffix(o->output, ".yml"),
				   &len);
	if (emit(o, data, len) == 0) {
		nb_findings rest = {0};
		nb_check_report(r, t, &co, &rest);
		status = nb_findings_count(&rest, NB_SEV_ERROR) ? EXIT_FINDINGS : EXIT_CLEAN;
		nb_findings_free(&rest);
	}
	free(data);
	nb_report_free(r);
out:
	nb_lexicon_free(lx);
	nb_template_free(t);
	return status;
}

static int cmd_export(cli_opts *o, int nfiles, char **files)
{
	if (nfiles != 1) {
		fprintf(stderr, "nianbao export: give exactly one FILE\n");
		return EXIT_CANNOT_RUN;
	}
	const char *to = o->to ? o->to : "text";
	if (strcmp(to, "text") != 0 && strcmp(to, "yaml") != 0) {
		fprintf(stderr, "nianbao: unknown --to '%s' (text or yaml)\n", to);
		return EXIT_CANNOT_RUN;
	}
	if (o->output && strcmp(o->output, files[0]) == 0) {
		fprintf(stderr, "nianbao: %s: refusing to overwrite the input file with its export\n", files[0]);
		return EXIT_CANNOT_RUN;
	}
	nb_template *t = load_template(o);
	if (!t)
		return EXIT_CANNOT_RUN;
	nb_error err = {{0}};
	nb_report *r = nb_load_report(files[0], t, NULL, NULL, &err);
	int status = EXIT_CLEAN;
	if (!r) {
		fprintf(stderr, "nianbao: %s\n", err.msg);
		status = EXIT_CANNOT_RUN;
	} else {
		size_t len;
		char *data = render_report(o, r, strcmp(to, "yaml") == 0, &len);
		if (emit(o, data, len) != 0)
			status = EXIT_CANNOT_RUN;
		free(data);
		nb_report_free(r);
	}
	nb_template_free(t);
	return status;
}

/* The review summary to send back to the colleague: findings with the reviewer's decisions,
 * 批注, what is still missing. A summary, not a verdict: exit 0 once it is written. */
static int cmd_review_report(cli_opts *o, int nfiles, char **files)
{
	bool json;
	if (!parse_format(o, &json))
		return EXIT_CANNOT_RUN;
	if (nfiles != 1) {
		fprintf(stderr, "nianbao review --report: give exactly one FILE\n");
		return EXIT_CANNOT_RUN;
	}
	if (o->output && strcmp(o->output, files[0]) == 0) {
		fprintf(stderr, "nianbao: %s: refusing to overwrite the input file with its review\n", files[0]);
		return EXIT_CANNOT_RUN;
	}
	nb_template *t;
	nb_lexicon *lx;
	if (!load_checker(o, &t, &lx))
		return EXIT_CANNOT_RUN;
	int status = EXIT_CANNOT_RUN;
	nb_findings f = {0};
	nb_report *r = load_and_check(o, t, lx, files[0], &f);
	if (r) {
		nb_review_report_opts ro = {.file = files[0], .json = json};
		char *text = nb_review_report(r, &f, &ro);
		if (emit(o, text, strlen(text)) == 0)
			status = EXIT_CLEAN;
		free(text);
		nb_report_free(r);
	}
	nb_findings_free(&f);
	nb_lexicon_free(lx);
	nb_template_free(t);
	return status;
}

/* What the colleague changed since the review: text, findings, 批注. Exit 0 once it is shown. */
static int cmd_diff(cli_opts *o, int nfiles, char **files)
{
	if (nfiles != 2) {
		fprintf(stderr, "nianbao diff: give two files, OLD and NEW\n");
		return EXIT_CANNOT_RUN;
	}
	if (o->output && (strcmp(o->output, files[0]) == 0 || strcmp(o->output, files[1]) == 0)) {
		fprintf(stderr, "nianbao: %s: refusing to overwrite an input file with the comparison\n",
			o->output);
		return EXIT_CANNOT_RUN;
	}
	nb_template *t;
	nb_lexicon *lx;
	if (!load_checker(o, &t, &lx))
		return EXIT_CANNOT_RUN;
	int status = EXIT_CANNOT_RUN;
	nb_findings fo = {0}, fn = {0};
	nb_report *old = load_and_check(o, t, lx, files[0], &fo);
	nb_report *new = old ? load_and_check(o, t, lx, files[1], &fn) : NULL;
	if (old && new) {
		nb_diff *d = nb_diff_reports(old, &fo, new, &fn);
		char *text = nb_diff_format_text(d, &fo, &fn, files[0], files[1]);
		if (emit(o, text, strlen(text)) == 0)
			status = EXIT_CLEAN;
		free(text);
		nb_diff_free(d);
	}
	nb_report_free(old);
	nb_report_free(new);
	nb_findings_free(&fo);
	nb_findings_free(&fn);
	nb_lexicon_free(lx);
	nb_template_free(t);
	return status;
}

static int current_year(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return tm.tm_year + 1900;
}

static int cmd_new(cli_opts *o, int nfiles, char **files)
{
	if (nfiles > 0 || !o->output) {
		fprintf(stderr, "nianbao new: use -o FILE to name the new report\n");
		return EXIT_CANNOT_RUN;
	}
	if (access(o->output, F_OK) == 0) {
		fprintf(stderr, "nianbao: %s: already exists; not overwriting it\n", o->output);
		return EXIT_CANNOT_RUN;
	}
	nb_template *t = load_template(o);
	if (!t)
		return EXIT_CANNOT_RUN;
	/* Reports are written early in the year about the year before. */
	int year = o->year > 0 ? o->year : current_year() - 1;
	nb_report *r = nb_report_from_template(t, o->unit, year, o->unit_type);
	size_t len;
	char *data = nb_yaml_save(r, &len);
	int status = emit(o, data, len) == 0 ? EXIT_CLEAN : EXIT_CANNOT_RUN;
	free(data);
	nb_report_free(r);
	nb_template_free(t);
	return status;
}

static int parse_int(const char *s, const char *what, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v <= 0 || v > 100000) {
		fprintf(stderr, "nianbao: %s must be a positive number, not '%s'\n", what, s);
		return -1;
	}
	*out = (int)v;
	return 0;
}

/* `nianbao keymap`: the bindings in force as a complete keymap file, to start one's own from. */
static int cmd_keymap(const cli_opts *o, int nfiles)
{
	if (nfiles != 0) {
		fprintf(stderr, "nianbao: keymap takes no file (use --keymap NAME|FILE, -o OUT)\n");
		return EXIT_CANNOT_RUN;
	}
	nb_error err = { { 0 } };
	char *text = nb_tui_keymap_text(o->keymap, &err);
	if (!text) {
		fprintf(stderr, "nianbao: %s\n", err.msg);
		return EXIT_CANNOT_RUN;
	}
	int rc = emit(o, text, strlen(text)) == 0 ? EXIT_CLEAN : EXIT_CANNOT_RUN;
	free(text);
	return rc;
}

int nb_cli_main(int argc, char **argv)
{
	const char *cmd = NULL;
	if (argc > 1 && (strcmp(argv[1], "check") == 0 || strcmp(argv[1], "export") == 0 ||
			 strcmp(argv[1], "diff") == 0 ||
			 strcmp(argv[1], "new") == 0 || strcmp(argv[1], "edit") == 0 ||
			 strcmp(argv[1], "review") == 0 || strcmp(argv[1], "keymap") == 0)) {
		cmd = argv[1];
		argv[1] = argv[0];
		argv++;
		argc--;
	}
	cli_opts o = {0};
	o.disabled = nb_xcalloc(nb_nrules + (size_t)argc + 1, sizeof *o.disabled);
	int c, status = EXIT_CLEAN;
	while ((c = getopt_long(argc, argv, "o:R", long_options, NULL)) != -1) {
		switch (c) {
		case OPT_FORMAT: o.format = optarg; break;
		case OPT_TO: o.to = optarg; break;
		case OPT_TEMPLATE: o.template_path = optarg; break;
		case OPT_DISABLE:
		case OPT_ENABLE:
			if (!known_rule(optarg)) {
				fprintf(stderr, "nianbao: unknown rule '%s' (see --help)\n", optarg);
				status = EXIT_CANNOT_RUN;
				goto out;
			}
			set_rule_enabled(&o, optarg, c == OPT_ENABLE);
			break;
		case OPT_UNIT: o.unit = optarg; break;
		case OPT_UNIT_TYPE: o.unit_type = optarg; break;
		case OPT_YEAR:
			if (parse_int(optarg, "--year", &o.year) != 0) {
				status = EXIT_CANNOT_RUN;
				goto out;
			}
			break;
		case OPT_WIDTH:
			if (parse_int(optarg, "--width", &o.width) != 0) {
				status = EXIT_CANNOT_RUN;
				goto out;
			}
			break;
		case OPT_KEYMAP: o.keymap = optarg; break;
		case OPT_AMBIGUOUS:
			if (strcmp(optarg, "wide") != 0 && strcmp(optarg, "narrow") != 0) {
				fprintf(stderr, "nianbao: --ambiguous is narrow or wide, not '%s'\n", optarg);
				status = EXIT_CANNOT_RUN;
				goto out;
			}
			o.ambiguous_wide = strcmp(optarg, "wide") == 0;
			break;
		case OPT_MOUSE: o.mouse = true; break;
		case OPT_BACKUP: o.backup = true; break;
		case OPT_REPORT: o.report = true; break;
		case OPT_FIX: o.fix = true; break;
		case OPT_LEXICON: o.lexicon_path = optarg; break;
		case 'o': o.output = optarg; break;
		case 'R': o.read_only = true; break;
		case OPT_HELP: usage(stdout); goto out;
		case OPT_VERSION: printf("nianbao %s\n", PACKAGE_VERSION); goto out;
		default:
			usage(stderr);
			status = EXIT_CANNOT_RUN;
			goto out;
		}
	}
	int nfiles = argc - optind;
	char **files = argv + optind;
	if (cmd && strcmp(cmd, "check") == 0)
		status = o.fix ? cmd_fix(&o, nfiles, files) : cmd_check(&o, nfiles, files);
	else if (cmd && strcmp(cmd, "export") == 0)
		status = cmd_export(&o, nfiles, files);
	else if (cmd && strcmp(cmd, "new") == 0)
		status = cmd_new(&o, nfiles, files);
	else if (cmd && strcmp(cmd, "diff") == 0)
		status = cmd_diff(&o, nfiles, files);
	else if (cmd && strcmp(cmd, "review") == 0 && o.report)
		status = cmd_review_report(&o, nfiles, files);
	else if (cmd && strcmp(cmd, "keymap") == 0)
		status = cmd_keymap(&o, nfiles);
	else {
		if (nfiles > 1) {
			fprintf(stderr, "nianbao: the editor opens one file at a time\n");
			status = EXIT_CANNOT_RUN;
			goto out;
		}
		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
			fprintf(stderr, "nianbao: the editor needs a terminal; for scripts use `nianbao check` or `nianbao export`\n");
			status = EXIT_CANNOT_RUN;
			goto out;
		}
		nb_tui_opts to = {
			.path = nfiles ? files[0] : NULL,
			.template_path = o.template_path,
			.keymap = o.keymap,
			.read_only = o.read_only || (cmd && strcmp(cmd, "review") == 0),
			.ambiguous_wide = o.ambiguous_wide,
			.mouse = o.mouse,
			.backup = o.backup,
		};
		status = nb_tui_run(&to);
	}
out:
	free(o.disabled);
	return status;
}
