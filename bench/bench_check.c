/* bench_check.c — checker throughput on generated report-like text of 1, 10 and 100 MB.
 * Prints one line per size: check_mb_per_s SIZE VALUE. Not a test: figures, not verdicts. */
#include "config.h"
#include "nianbao/check.h"
#include "nianbao/lexicon.h"
#include "nianbao/report.h"
#include "nianbao/template.h"
#include "nianbao/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Paragraphs in the register of real reports, with figures, dates and evidence phrases, so that
 * every rule has work to do. */
static const char *const paragraphs[] = {
	"（一）加强组织领导。成立推进法治建设领导小组，党委书记任组长，全年召开专题会议4次，"
	"听取法治政府建设工作汇报3次，研究解决重大问题12个，将法治建设纳入年度工作计划和绩效考核。",
	"（二）推进依法决策。严格落实重大行政决策程序，全年提交合法性审查的文件28件，"
	"法律顾问列席会议16次，提出意见建议45条，采纳率达到93.3%。",
	"（三）深化普法宣传。开展“八五”普法宣传活动56场次，发放宣传资料8000余份，"
	"覆盖群众1.2万人次，利用“12·4”国家宪法日集中宣传，营造尊法学法守法用法的氛围。",
	"一是法治宣传方式较为传统，覆盖面不够广；二是执法人员专业能力有待提升。"
	"究其原因，主要是对新媒体运用重视不够，培训经费和师资不足。",
	"2025年，将围绕法治政府建设实施纲要，修订行政执法公示制度，组织执法人员培训6期，"
	"完成规范性文件清理，推动述法评议全覆盖。",
};

static char *generate(size_t target, size_t *len)
{
	nb_sb sb = {0};
	size_t i = 0;
	while (sb.len < target) {
		nb_sb_adds(&sb, paragraphs[i % (sizeof paragraphs / sizeof *paragraphs)]);
		nb_sb_addc(&sb, '\n');
		i++;
	}
	*len = sb.len;
	return nb_sb_take(&sb);
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(void)
{
	nb_template *t = nb_template_builtin();
	/* Loaded once, as the command line and the editor do. */
	nb_lexicon *lx = nb_lexicon_builtin();
	nb_check_opts opts = {.lexicon = lx};
	static const size_t sizes_mb[] = {1, 10, 100};
	for (size_t k = 0; k < sizeof sizes_mb / sizeof *sizes_mb; k++) {
		size_t mb = sizes_mb[k];
		/* The text is spread over the five sections the way a real report is. */
		nb_report *r = nb_report_new();
		nb_report_set_meta(r, NB_META_YEAR, "2024");
		nb_report_set_meta(r, NB_META_UNIT, "某某县某某镇人民政府");
		nb_report_set_meta(r, NB_META_TITLE, "某某县某某镇人民政府关于2024年度法治政府建设情况的报告");
		nb_report_set_meta(r, NB_META_DATE, "2025年2月10日");
		size_t total = 0;
		for (size_t s = 0; s < t->nsections; s++) {
			size_t len;
			char *body = generate(mb * 1024 * 1024 / t->nsections, &len);
			char *heading = nb_template_expand(t->sections[s].title, 2024, NULL);
			nb_report_add_section(r, t->sections[s].id, heading, body);
			total += len;
			free(heading);
			free(body);
		}
		/* Repeat small sizes so the clock has something to measure. */
		int reps = mb >= 100 ? 1 : (int)(100 / mb);
		nb_findings f = {0};
		double start = now_seconds();
		for (int i = 0; i < reps; i++) {
			nb_findings_clear(&f);
			nb_check_report(r, t, &opts, &f);
		}
		double secs = now_seconds() - start;
		printf("check_mb_per_s %zuMB %.1f\n", mb, (double)total * reps / (1024.0 * 1024.0) / secs);
		fflush(stdout);
		nb_findings_free(&f);
		nb_report_free(r);
	}
	nb_lexicon_free(lx);
	nb_template_free(t);
	return 0;
}
