/* bench_editor.c — what one keystroke costs in the editor.
 *
 *   key_us SIZE VALUE              in-process cost of one typed character mid-paragraph (20 per
 *                                  paragraph, then the next one, as a report is written): the
 *                                  buffer edit, the re-layout of the paragraph and, as the
 *                                  editor does it, the re-check of the section (sections over
 *                                  256 KB are re-checked after a pause in typing, not per key:
 *                                  that check is printed separately as check_section_ms)
 *   key_us_one_paragraph SIZE VALUE the same with all 2000 characters typed into one paragraph,
 *                                  which grows to several KB: the worst case
 *   term_bytes_per_char PROG VALUE bytes written to the terminal per Chinese character typed
 *                                  mid-paragraph, recorded through a pty at 80x24, for nianbao
 *                                  and (when installed) nano on the same text; the same again
 *                                  at 120x30 and 140x36 (term_bytes_per_char_120x30 ...)
 *
 * Usage: bench_editor [PATH-TO-NIANBAO]   (default ./nianbao) */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "nianbao/util.h"
#include "nianbao/report.h"
#include "nianbao/template.h"
#include "nianbao/check.h"
#include "nianbao/lexicon.h"
#include "nianbao/load.h"
#include "nianbao/buffer.h"
#include "nianbao/layout.h"
#include "nianbao/textio.h"
#include "nianbao/yamlio.h"

#define BIG_SECTION_BYTES ((size_t)256 * 1024)

/* The editor loads the word lists once; so does the benchmark. */
static nb_check_opts check_opts;

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *const para_text =
	"本年度全面推进依法行政，健全重大行政决策程序，规范行政执法行为，深化“放管服”改革，"
	"主要负责人亲自部署、亲自过问法治建设，执法人员培训覆盖率达到100%，行政复议纠错率下降。";

/* Paragraphs of report-like text, about `bytes` long. */
static char *make_text(size_t bytes)
{
	nb_sb sb = { 0 };
	for (int i = 0; sb.len < bytes; i++)
		nb_sb_printf(&sb, "%s第%d条。\n", para_text, i);
	if (sb.len && sb.s[sb.len - 1] == '\n')
		sb.s[--sb.len] = '\0';
	return nb_sb_take(&sb);
}

/* Types n characters in the middle of the section's first long paragraph. */
/* Middle of the paragraph that starts at `start`, on a character boundary. */
static size_t para_middle(nb_buffer *b, size_t start)
{
	size_t off = start + (nb_buffer_para_end(b, start) - start) / 2;
	while (off > start && (nb_buffer_byte(b, off) & 0xC0) == 0x80)
		off--;
	return off;
}

/* Types n characters mid-paragraph. per_para > 0 moves on to the next paragraph after that many
 * characters, as a clerk writing a report does; per_para == 0 types everything into the first
 * paragraph, which grows to several KB (the worst case for per-paragraph re-checking). */
static double time_keys(nb_report *r, const nb_template *t, size_t idx, int n, int per_para, bool check_each)
{
	nb_section *sec = &r->sections[idx];
	nb_buffer *b = nb_buffer_new(sec->body, strlen(sec->body));
	nb_layout *l = nb_layout_new(57, false);
	nb_layout_reset(l, b);
	nb_findings f = { 0 };
	nb_check_report(r, t, &check_opts, &f);
	/* The editor keeps a check cache per report, primed by the first re-check. */
	nb_check_cache *cache = nb_check_cache_new();
	nb_check_section_cached(cache, r, t, &check_opts, idx, &f);
	size_t para = 0, off = para_middle(b, 0);
	double t0 = now_s();
	for (int i = 0; i < n; i++) {
		if (per_para > 0 && i > 0 && i % per_para == 0) {
			size_t end = nb_buffer_para_end(b, para);
			para = end + 1 < nb_buffer_len(b) ? end + 1 : 0;
			off = para_middle(b, para);
		}
		nb_buffer_insert(b, off, "法", 3);
		off += 3;
		nb_layout_sync(l, b);
		if (check_each) {
			nb_section_set_body(sec, nb_buffer_text(b, NULL));
			nb_check_section_cached(cache, r, t, &check_opts, idx, &f);
		}
	}
	double us = (now_s() - t0) * 1e6 / n;
	nb_check_cache_free(cache);
	nb_findings_free(&f);
	nb_layout_free(l);
	nb_buffer_free(b);
	return us;
}

static nb_report *typical_report(const nb_template *t)
{
	nb_report *r = nb_report_from_template(t, "测试区司法局", 2024, "县级部门");
	for (size_t i = 0; i < r->nsections; i++) {
		char *body = make_text(4000);
		nb_section_set_body(&r->sections[i], body);
		free(body);
	}
	return r;
}

static void bench_keys(void)
{
	nb_template *t = nb_template_builtin();
	/* A typical report: five sections, about 20 KB in all (a fresh one for each measure, so
	 * both type into the same text). */
	nb_report *r = typical_report(t);
	printf("key_us 20KB %.1f\n", time_keys(r, t, 2, 2000, 20, true));
	nb_report_free(r);
	r = typical_report(t);
	printf("key_us_one_paragraph 20KB %.1f\n", time_keys(r, t, 2, 2000, 0, true));
	nb_report_free(r);
	r = typical_report(t);
	printf("edit_layout_us 20KB %.1f\n", time_keys(r, t, 2, 2000, 20, false));
	nb_report_free(r);

	/* A 10 MB imported draft: almost all of it in one section. */
	nb_sb d = { 0 };
	nb_sb_adds(&d, "测试区司法局\n关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n");
	char *body = make_text((size_t)10 * 1024 * 1024);
	nb_sb_adds(&d, body);
	free(body);
	nb_sb_adds(&d, "\n二、存在的不足和原因\n问题在于力量不足，原因是编制有限。\n");
	nb_error err = { { 0 } };
	r = nb_text_import(d.s, d.len, t, "bench", NULL, &err);
	nb_sb_free(&d);
	if (!r) {
		fprintf(stderr, "bench_editor: %s\n", err.msg);
		nb_template_free(t);
		return;
	}
	size_t big = 0;
	for (size_t i = 0; i < r->nsections; i++)
		if (strlen(r->sections[i].body) > strlen(r->sections[big].body))
			big = i;
	bool each = strlen(r->sections[big].body) <= BIG_SECTION_BYTES;
	printf("key_us 10MB %.1f\n", time_keys(r, t, big, 200, 20, each));
	nb_findings f = { 0 };
	double t0 = now_s();
	nb_check_section(r, t, &check_opts, big, &f);
	printf("check_section_ms 10MB %.1f\n", (now_s() - t0) * 1e3);
	nb_findings_free(&f);
	nb_report_free(r);
	nb_template_free(t);
}

/* ---- bytes on the wire, through a pty ---- */

/* Reads until the program has been quiet for quiet_ms (at most max_ms); returns bytes read. */
static size_t drain(int fd, int quiet_ms, int max_ms)
{
	size_t total = 0;
	double end = now_s() + max_ms / 1000.0;
	char buf[65536];
	while (now_s() < end) {
		struct pollfd p = { fd, POLLIN, 0 };
		int r = poll(&p, 1, quiet_ms);
		if (r <= 0)
			break;
		ssize_t n = read(fd, buf, sizeof buf);
		if (n <= 0)
			break;
		total += (size_t)n;
	}
	return total;
}

static void put(int fd, const char *s)
{
	size_t n = strlen(s);
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

/* Runs argv in a rows x cols pty, moves right 12 times, types `n` characters one at a time. */
static double bytes_per_char(char *const argv[], const char *dir, int n, int rows, int cols)
{
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
	int fd;
	pid_t pid = forkpty(&fd, NULL, NULL, &ws);
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (chdir(dir) != 0)
			_exit(127);
		setenv("TERM", "xterm-256color", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		setenv("XDG_STATE_HOME", dir, 1);
		setenv("HOME", dir, 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	drain(fd, 500, 10000);
	for (int i = 0; i < 12; i++) {
		put(fd, "\033[C");
		drain(fd, 60, 2000);
	}
	static const char *const chars[] = { "依", "法", "行", "政", "推", "进", "建", "设" };
	size_t total = 0;
	for (int i = 0; i < n; i++) {
		put(fd, chars[i % 8]);
		total += drain(fd, 80, 2000);
	}
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	close(fd);
	return (double)total / n;
}

static void bench_terminal(const char *nianbao)
{
	char dir[] = "/tmp/nianbao-bench.XXXXXX";
	if (!mkdtemp(dir))
		return;
	/* The same paragraphs as a report for nianbao and as plain text for nano. */
	nb_template *t = nb_template_builtin();
	nb_report *r = nb_report_from_template(t, "测试区司法局", 2024, "县级部门");
	char *body = make_text(4000);
	nb_section_set_body(&r->sections[0], body);
	size_t len;
	char *yaml = nb_yaml_save(r, &len);
	char *ypath = nb_xasprintf("%s/r.yaml", dir), *tpath = nb_xasprintf("%s/r.txt", dir);
	FILE *fy = fopen(ypath, "w"), *ft = fopen(tpath, "w");
	if (fy) { fwrite(yaml, 1, len, fy); fclose(fy); }
	if (ft) { fputs(body, ft); fclose(ft); }
	char *nb_argv[] = { (char *)nianbao, ypath, NULL };
	char *nano_argv[] = { (char *)"nano", "--ignorercfiles", tpath, NULL };
	char *nano_wrap_argv[] = { (char *)"nano", "--ignorercfiles", "--softwrap", tpath, NULL };
	bool nano = system("command -v nano >/dev/null 2>&1") == 0;
	/* 80x24, the budget's size; then a wider two-column screen and a three-column one. */
	static const struct { unsigned short rows, cols; const char *suffix; } sizes[] = {
		{ 24, 80, "" }, { 30, 120, "_120x30" }, { 36, 140, "_140x36" },
	};
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		int rows = sizes[i].rows, cols = sizes[i].cols;
		const char *sfx = sizes[i].suffix;
		printf("term_bytes_per_char%s nianbao %.1f\n", sfx,
		       bytes_per_char(nb_argv, dir, 40, rows, cols));
		if (!nano) {
			printf("term_bytes_per_char%s nano NA (nano not installed)\n", sfx);
			continue;
		}
		/* nano scrolls long lines sideways by default; nianbao always soft-wraps, where a
		 * character typed mid-paragraph moves the rest of the paragraph on every row. */
		printf("term_bytes_per_char%s nano %.1f\n", sfx,
		       bytes_per_char(nano_argv, dir, 40, rows, cols));
		printf("term_bytes_per_char%s nano-softwrap %.1f\n", sfx,
		       bytes_per_char(nano_wrap_argv, dir, 40, rows, cols));
	}
	char *rm = nb_xasprintf("rm -rf '%s'", dir);
	if (system(rm) != 0)
		fprintf(stderr, "bench_editor: could not remove %s\n", dir);
	free(rm);
	free(ypath);
	free(tpath);
	free(yaml);
	free(body);
	nb_report_free(r);
	nb_template_free(t);
}

int main(int argc, char **argv)
{
	nb_lexicon *lx = nb_lexicon_builtin();
	check_opts.lexicon = lx;
	bench_keys();
	nb_lexicon_free(lx);
	char *prog = realpath(argc > 1 ? argv[1] : "./nianbao", NULL);
	if (!prog) {
		fprintf(stderr, "bench_editor: %s: %s\n", argc > 1 ? argv[1] : "./nianbao", strerror(errno));
		return 1;
	}
	bench_terminal(prog);
	free(prog);
	return 0;
}
