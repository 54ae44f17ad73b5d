/* export.c — the finished report as plain text laid out after GB/T 9704—2012.
 *
 * Plain text cannot carry fonts, red rules or a seal, but it can keep the positions a reader
 * expects: 发文字号 left and 签发人 right on one line, the title centred, the 主送机关 flush
 * left, every paragraph indented two full-width spaces, the 落款 block at the right, and the
 * 版记 between rules at the end. Widths are display cells (nb_str_width), so a line of Chinese
 * characters centres correctly; East Asian ambiguous characters (“ ” …) count as wide, as they
 * are in the Chinese fonts these documents are printed in.
 *
 * Paragraphs are NOT wrapped: one paragraph per line is what pastes cleanly into Word or WPS,
 * which reflow text themselves; hard line breaks would have to be removed by hand there. */
#include "config.h"
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "nianbao/text.h"
#include "nianbao/textio.h"

#define INDENT "　　"          /* 每个自然段左空二字 */
#define DEFAULT_WIDTH 56       /* 版心: 28 characters of 3号 type per line */
#define MIN_WIDTH 20

/* nb_sb_take/nb_sb_cstr on a builder nothing was added to do not write the terminating NUL;
 * adding nothing first makes sure they do. */
static char *sb_take(nb_sb *sb)
{
	nb_sb_add(sb, "", 0);
	return nb_sb_take(sb);
}

static int width_of(const char *s, size_t len)
{
	return nb_str_width(s, len, true);
}

static void pad(nb_sb *sb, int cells)
{
	for (int i = 0; i < cells; i++)
		nb_sb_addc(sb, ' ');
}

static bool is_cjk(uint32_t cp)
{
	return nb_is_han(cp) || nb_is_cjk_punct(cp);
}

static bool is_digit(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

/* A copy of s without leading/trailing spaces and without spaces where Chinese typesetting has
 * none (between Chinese characters, or between them and figures). Spaces between Latin words
 * stay. */
static char *tidy(const char *s, size_t len)
{
	nb_sb sb = {0};
	uint32_t prev = 0;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		bool valid;
		size_t n = nb_utf8_decode(s + i, len - i, &cp, &valid);
		if (nb_is_space(cp) || cp == '\r' || cp == '\t') {
			size_t j = i;
			while (j < len) {
				uint32_t c2;
				size_t m = nb_utf8_decode(s + j, len - j, &c2, &valid);
				if (!(nb_is_space(c2) || c2 == '\r' || c2 == '\t'))
					break;
				j += m;
			}
			uint32_t next = 0;
			if (j < len)
				nb_utf8_decode(s + j, len - j, &next, &valid);
			bool drop = prev == 0 || next == 0 ||
				    (is_cjk(prev) && (is_cjk(next) || is_digit(next))) ||
				    (is_digit(prev) && is_cjk(next));
			if (!drop)
				nb_sb_addc(&sb, ' ');
			i = j;
			continue;
		}
		nb_sb_add(&sb, s + i, n);
		prev = cp;
		i += n;
	}
	return sb_take(&sb);
}

static char *tidy_meta(const nb_report *r, nb_meta_field f)
{
	const char *v = nb_report_meta(r, f);
	return tidy(v, strlen(v));
}

/* Line of `left` and `right`, the right one ending `right_margin` cells before the edge. */
static void left_right(nb_sb *sb, const char *left, const char *right, int width, int right_margin)
{
	int lw = width_of(left, strlen(left)), rw = width_of(right, strlen(right));
	nb_sb_adds(sb, left);
	int gap = width - right_margin - lw - rw;
	pad(sb, gap < 2 ? 2 : gap);
	nb_sb_adds(sb, right);
	nb_sb_addc(sb, '\n');
}

static void centred(nb_sb *sb, const char *s, size_t len, int width)
{
	int w = width_of(s, len);
	if (w < width)
		pad(sb, (width - w) / 2);
	nb_sb_add(sb, s, len);
	nb_sb_addc(sb, '\n');
}

/* Characters that must not start a line (closing marks) or end one (opening marks). */
static bool no_line_start(uint32_t cp)
{
	static const uint32_t set[] = {0xFF09, 0x300B, 0x201D, 0x2019, 0x3011, 0x3015, 0x3001,
				       0xFF0C, 0x3002, ')'};
	for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
		if (cp == set[i])
			return true;
	return false;
}

static bool no_line_end(uint32_t cp)
{
	static const uint32_t set[] = {0xFF08, 0x300A, 0x201C, 0x2018, 0x3010, 0x3014, '('};
	for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
		if (cp == set[i])
			return true;
	return false;
}

static bool ascii_alnum(uint32_t cp)
{
	return cp < 0x80 && ((cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'));
}

/* The title centred, over as few lines as fit, of nearly equal width (GB/T 9704 asks for a
 * balanced 梯形 or 菱形 shape rather than a full line and a stub). A break right before 关于
 * is preferred when it fits, since it separates the 发文机关 from the 事由. */
static void title_lines(nb_sb *sb, const char *t, int width)
{
	size_t len = strlen(t);
	int tw = width_of(t, len);
	/* The title is set in 2号 type, the body in 3号: a printed title line holds about 5/7 of
	 * a body line (20 of 28 characters), so it wraps at that width and is centred on the page. */
	int line_width = width * 5 / 7;
	if (tw <= line_width) {
		centred(sb, t, len, width);
		return;
	}
	int lines = (tw + line_width - 1) / line_width;
	int target = (tw + lines - 1) / lines;
	const char *about = strstr(t, "关于");
	if (lines == 2 && about && about > t) {
		size_t cut = (size_t)(about - t);
		if (width_of(t, cut) <= line_width && width_of(about, len - cut) <= line_width) {
			centred(sb, t, cut, width);
			centred(sb, about, len - cut, width);
			return;
		}
	}
	size_t start = 0;
	while (start < len) {
		size_t i = start, best = len;
		int w = 0;
		while (i < len) {
			uint32_t cp;
			bool valid;
			size_t n = nb_utf8_decode(t + i, len - i, &cp, &valid);
			int cw = nb_cp_width(cp, true);
			if (cw < 0)
				cw = 2;
			if (w + cw > target && i > start) {
				best = i;
				break;
			}
			w += cw;
			i += n;
		}
		if (best < len) {
			/* Move the break back (never past half the line) to keep numbers, words and
			 * bracket pairs together. */
			size_t b = best;
			for (int tries = 0; tries < 6 && b > start; tries++) {
				uint32_t before, after;
				bool valid;
				size_t p = nb_utf8_prev(t, b);
				nb_utf8_decode(t + p, len - p, &before, &valid);
				nb_utf8_decode(t + b, len - b, &after, &valid);
				if (!(ascii_alnum(before) && ascii_alnum(after)) && !no_line_start(after) &&
				    !no_line_end(before))
					break;
				b = p;
			}
			if (b > start && width_of(t + start, b - start) * 2 >= target)
				best = b;
		}
		centred(sb, t + start, best - start, width);
		start = best;
	}
}

/* Body text: each paragraph on its own line, indented two full-width spaces. */
static void paragraphs(nb_sb *sb, const char *body)
{
	const char *p = body;
	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *para = tidy(p, n);
		if (para[0]) {
			nb_sb_adds(sb, INDENT);
			nb_sb_adds(sb, para);
			nb_sb_addc(sb, '\n');
		}
		free(para);
		p = nl ? nl + 1 : NULL;
	}
}

/* 落款 and 成文日期 for a document without a seal (GB/T 9704—2012 7.3.5.2): the 署名 ends two
 * characters from the right edge, the date starts two characters right of the 署名's first
 * character; a date longer than that ends two characters from the edge and pushes the 署名
 * left to keep the offset. */
static void signature_block(nb_sb *sb, const char *sig, const char *date, int width)
{
	int right = width - 4;
	int sw = width_of(sig, strlen(sig)), dw = width_of(date, strlen(date));
	int s0, d0;
	if (sig[0] && date[0]) {
		s0 = right - sw;
		d0 = s0 + 4;
		if (d0 + dw > right) {
			d0 = right - dw;
			s0 = d0 - 4;
		}
	} else {
		s0 = right - sw;
		d0 = right - dw;
	}
	if (sig[0]) {
		pad(sb, s0 > 0 ? s0 : 0);
		nb_sb_adds(sb, sig);
		nb_sb_addc(sb, '\n');
	}
	if (date[0]) {
		pad(sb, d0 > 0 ? d0 : 0);
		nb_sb_adds(sb, date);
		nb_sb_addc(sb, '\n');
	}
}

static void rule(nb_sb *sb, char c, int width)
{
	for (int i = 0; i < width; i++)
		nb_sb_addc(sb, c);
	nb_sb_addc(sb, '\n');
}

/* 版记 (GB/T 9704—2012 7.4): 抄送 and 印发 lines indented one character, between a thick rule
 * above and below and a thin one between them. */
static void colophon(nb_sb *sb, const char *cc, const char *printer, const char *print_date,
		     int width)
{
	if (!cc[0] && !printer[0] && !print_date[0])
		return;
	nb_sb_addc(sb, '\n');
	rule(sb, '=', width);
	if (cc[0]) {
		nb_sb_adds(sb, "　抄送：");
		nb_sb_adds(sb, cc);
		size_t n = strlen(cc);
		if (!(n >= 3 && strcmp(cc + n - 3, "。") == 0))
			nb_sb_adds(sb, "。");
		nb_sb_addc(sb, '\n');
		if (printer[0] || print_date[0])
			rule(sb, '-', width);
	}
	if (printer[0] || print_date[0]) {
		char *left = nb_xasprintf("　%s", printer);
		char *right = print_date[0] ? nb_xasprintf("%s印发", print_date) : nb_xstrdup("");
		if (right[0])
			left_right(sb, left, right, width, 2);
		else {
			nb_sb_adds(sb, left);
			nb_sb_addc(sb, '\n');
		}
		free(left);
		free(right);
	}
	rule(sb, '=', width);
}

char *nb_text_export(const nb_report *r, int width, size_t *len)
{
	nb_sb sb = {0};
	if (width <= 0)
		width = DEFAULT_WIDTH;
	if (width < MIN_WIDTH)
		width = MIN_WIDTH;

	char *doc = tidy_meta(r, NB_META_DOC_NUMBER);
	char *signer = tidy_meta(r, NB_META_SIGNER);
	if (doc[0] || signer[0]) {
		/* 上行文: 字号 left, 签发人 right; without a 签发人 the 字号 is centred. */
		char *who = signer[0] ? nb_xasprintf("签发人：%s", signer) : NULL;
		if (who && doc[0])
			left_right(&sb, doc, who, width, 0);
		else if (who)
			left_right(&sb, "", who, width, 0);
		else
			centred(&sb, doc, strlen(doc), width);
		free(who);
		nb_sb_addc(&sb, '\n');
	}
	free(doc);
	free(signer);

	char *title = tidy_meta(r, NB_META_TITLE);
	if (title[0]) {
		title_lines(&sb, title, width);
		nb_sb_addc(&sb, '\n');
	}
	free(title);

	char *to = tidy_meta(r, NB_META_RECIPIENT);
	if (to[0]) {
		size_t n = strlen(to);
		if (to[n - 1] == ':')
			to[n - 1] = '\0';
		n = strlen(to);
		nb_sb_adds(&sb, to);
		if (!(n >= 3 && strcmp(to + n - 3, "：") == 0))
			nb_sb_adds(&sb, "：");
		nb_sb_addc(&sb, '\n');
	}
	free(to);

	paragraphs(&sb, r->intro);
	for (size_t i = 0; i < r->nsections; i++) {
		const nb_section *s = &r->sections[i];
		/* Headings are paragraphs of the 正文 like any other (GB/T 9704 indents every
		 * 自然段 by two characters, 一、 headings included; only their font differs). */
		char *h = tidy(s->heading ? s->heading : "", s->heading ? strlen(s->heading) : 0);
		if (h[0]) {
			nb_sb_adds(&sb, INDENT);
			nb_sb_adds(&sb, h);
			nb_sb_addc(&sb, '\n');
		}
		free(h);
		paragraphs(&sb, s->body);
	}

	char *sig = tidy_meta(r, NB_META_SIGNATURE);
	char *date = tidy_meta(r, NB_META_DATE);
	if (sig[0] || date[0]) {
		nb_sb_addc(&sb, '\n');
		signature_block(&sb, sig, date, width);
	}
	free(sig);
	free(date);

	char *cc = tidy_meta(r, NB_META_CC);
	char *printer = tidy_meta(r, NB_META_PRINTER);
	char *pdate = tidy_meta(r, NB_META_PRINT_DATE);
	colophon(&sb, cc, printer, pdate, width);
	free(cc);
	free(printer);
	free(pdate);

	if (len)
		*len = sb.len;
	return sb_take(&sb);
}
