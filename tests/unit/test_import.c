/* test_import.c — decoding drafts and importing them: encodings, 版头/版记, sections, repairs,
 * source maps back to input lines, import notes, and the no-lost-character invariant. */
#include "config.h"
#include <check.h>
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "nianbao/template.h"
#include "nianbao/text.h"
#include "nianbao/textio.h"
#include "nianbao/util.h"

#define DRAFTS NB_TEST_DATA "/drafts"

static nb_template *tmpl;

static void setup(void)
{
	tmpl = nb_template_builtin();
}

static void teardown(void)
{
	nb_template_free(tmpl);
	tmpl = NULL;
}

/* ------------------------------------------------------------------ helpers */

static char *draft_path(const char *name)
{
	return nb_xasprintf("%s/%s", DRAFTS, name);
}

static nb_report *import_draft(const char *name, nb_import_notes *notes)
{
	nb_error err = {{0}};
	char *path = draft_path(name);
	nb_report *r = nb_text_import_file(path, tmpl, notes, &err);
	ck_assert_msg(r != NULL, "import of %s failed: %s", name, err.msg);
	free(path);
	return r;
}

/* The draft as UTF-8 text, decoded independently of the importer's own line handling. */
static char *decoded_file(const char *path)
{
	char *data, *text;
	size_t len, tlen;
	nb_error err = {{0}};
	ck_assert_msg(nb_read_file(path, NB_MAX_INPUT_BYTES, &data, &len, &err) == 0, "%s", err.msg);
	ck_assert_msg(nb_text_decode(data, len, path, &text, &tlen, NULL, &err) == 0, "%s", err.msg);
	free(data);
	return text;
}

static char *decoded_draft(const char *name)
{
	char *path = draft_path(name);
	char *t = decoded_file(path);
	free(path);
	return t;
}

/* 1-based line of the first occurrence of phrase in text; 0 when absent. */
static int line_of(const char *text, const char *phrase)
{
	const char *p = strstr(text, phrase);
	if (!p)
		return 0;
	int line = 1;
	for (const char *q = text; q < p; q++)
		if (*q == '\n')
			line++;
	return line;
}

/* 1-based column (in characters) of phrase within its line. */
static int col_of(const char *text, const char *phrase)
{
	const char *p = strstr(text, phrase);
	ck_assert_ptr_nonnull(p);
	const char *start = p;
	while (start > text && start[-1] != '\n')
		start--;
	return (int)nb_utf8_count(start, (size_t)(p - start)) + 1;
}

static bool has_note(const nb_import_notes *n, int line, const char *part)
{
	for (size_t i = 0; i < n->n; i++)
		if (n->v[i].line == line && strstr(n->v[i].message, part))
			return true;
	return false;
}

static const nb_section *section(const nb_report *r, size_t i)
{
	ck_assert_uint_gt(r->nsections, i);
	return &r->sections[i];
}

/* Input line of a phrase found in a section body, through the body's source map. */
static void body_pos(const nb_section *s, const char *phrase, int *line, int *col)
{
	const char *p = strstr(s->body, phrase);
	ck_assert_msg(p != NULL, "“%s” not in body of %s", phrase, s->heading);
	nb_srcmap_lookup(s->map, s->nmap, s->body, (size_t)(p - s->body), line, col);
}

/* ------------------------------------------------------------------ the invariant
 *
 * Every non-space character of the input appears in the imported report, in input order.
 * "Appears" means in a metadata value that was read verbatim from a line (文号, 签发人, title,
 * 主送机关, 落款, 成文日期, 抄送, 印发机关/日期, review lines, and the unit when it came from its own
 * 发文机关标志 line), in the intro, or in a heading or body. "In order" is the order of the
 * report's own record of where each piece came from: metadata by meta_line, headings by
 * heading_line, intro and bodies by their source maps (line, then column). Sorting the pieces by
 * that position and concatenating them must give back the input exactly, so the check also
 * proves the source maps right.
 *
 * What the importer may remove, and both sides therefore leave out: spaces (incl. U+3000,
 * zero-width and page-break characters), Markdown marks # and *, lines that are only a 分隔线,
 * and the labels that become field names (签发人：, 抄送：, and 印发 after the print date). */

static bool is_space_cp(uint32_t cp)
{
	return nb_is_space(cp) || cp == 0xFEFF || cp == 0x200B || cp == '\r' || cp == '\f' ||
	       cp == '\v' || cp == '\n';
}

static bool is_rule_cp(uint32_t cp)
{
	return (cp >= 0x2500 && cp <= 0x257F) || cp == '-' || cp == '=' || cp == '_' ||
	       cp == 0x2014 || cp == 0xFF0D || cp == 0xFF1D || cp == '*' || cp == '~';
}

/* Appends the significant characters of s[0..len). */
static void add_significant(nb_sb *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		bool valid;
		size_t n = nb_utf8_decode(s + i, len - i, &cp, &valid);
		if (!is_space_cp(cp) && cp != '#' && cp != '*')
			nb_sb_add(out, s + i, n);
		i += n;
	}
}

static bool rule_line(const char *s, size_t len)
{
	int count = 0;
	size_t start = 0;
	/* Leading spaces and Markdown # marks come off before a line is judged. */
	for (;;) {
		uint32_t cp;
		bool valid;
		size_t n = start < len ? nb_utf8_decode(s + start, len - start, &cp, &valid) : 0;
		if (n == 0 || !(is_space_cp(cp) || cp == '#'))
			break;
		start += n;
	}
	for (size_t i = start; i < len;) {
		uint32_t cp;
		bool valid;
		size_t n = nb_utf8_decode(s + i, len - i, &cp, &valid);
		if (!is_space_cp(cp)) {
			if (!is_rule_cp(cp))
				return false;
			count++;
		}
		i += n;
	}
	return count >= 3;
}

static void drop_all(char *s, const char *what)
{
	size_t n = strlen(what);
	char *p;
	while ((p = strstr(s, what)) != NULL)
		memmove(p, p + n, strlen(p + n) + 1);
}

static char *without_labels(nb_sb *sb)
{
	char *s = nb_sb_take(sb);
	if (!s)
		s = nb_xstrdup("");
	drop_all(s, "签发人：");
	drop_all(s, "签发人:");
	drop_all(s, "抄送：");
	drop_all(s, "抄送:");
	drop_all(s, "印发");
	return s;
}

static char *input_significant(const char *text)
{
	nb_sb sb = {0};
	nb_sb_add(&sb, "", 0);
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		if (!rule_line(p, n))
			add_significant(&sb, p, n);
		p = nl ? nl + 1 : p + n;
	}
	return without_labels(&sb);
}

typedef struct piece {
	int line, col;
	size_t seq;
	const char *s;
	size_t len;
} piece;

typedef struct pieces {
	piece *v;
	size_t n;
} pieces;

static void add_piece(pieces *ps, int line, int col, const char *s, size_t len)
{
	ps->v = nb_xrealloc(ps->v, (ps->n + 1) * sizeof *ps->v);
	ps->v[ps->n] = (piece){line, col, ps->n, s, len};
	ps->n++;
}

static void add_mapped(pieces *ps, const char *body, const nb_srcpos *map, size_t nmap)
{
	size_t len = strlen(body);
	if (len > 0)
		ck_assert_msg(nmap > 0 && map[0].body_off == 0, "text without a source map: %.40s",
			      body);
	for (size_t i = 0; i < nmap; i++) {
		size_t end = i + 1 < nmap ? map[i + 1].body_off : len;
		add_piece(ps, map[i].line, map[i].col, body + map[i].body_off, end - map[i].body_off);
	}
}

static int piece_cmp(const void *a, const void *b)
{
	const piece *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static char *report_significant(const nb_report *r)
{
	static const nb_meta_field verbatim[] = {
		NB_META_TITLE, NB_META_DOC_NUMBER, NB_META_SIGNER, NB_META_RECIPIENT,
		NB_META_SIGNATURE, NB_META_DATE, NB_META_CC, NB_META_PRINTER, NB_META_PRINT_DATE,
		NB_META_SECRECY_REVIEW};
	pieces ps = {0};
	int ul = r->meta_line[NB_META_UNIT];
	if (r->meta[NB_META_UNIT] && ul && ul != r->meta_line[NB_META_TITLE] &&
	    ul != r->meta_line[NB_META_SIGNATURE])
		add_piece(&ps, ul, 0, r->meta[NB_META_UNIT], strlen(r->meta[NB_META_UNIT]));
	for (size_t i = 0; i < sizeof verbatim / sizeof verbatim[0]; i++) {
		nb_meta_field f = verbatim[i];
		if (r->meta[f]) {
			ck_assert_msg(r->meta_line[f] > 0, "%s has no input line", nb_meta_fields[f].key);
			add_piece(&ps, r->meta_line[f], 0, r->meta[f], strlen(r->meta[f]));
		}
	}
	add_mapped(&ps, r->intro, r->intro_map, r->intro_nmap);
	for (size_t i = 0; i < r->nsections; i++) {
		const nb_section *s = &r->sections[i];
		add_piece(&ps, s->heading_line, 0, s->heading, strlen(s->heading));
		add_mapped(&ps, s->body, s->map, s->nmap);
	}
	qsort(ps.v, ps.n, sizeof *ps.v, piece_cmp);
	nb_sb sb = {0};
	nb_sb_add(&sb, "", 0);
	for (size_t i = 0; i < ps.n; i++)
		add_significant(&sb, ps.v[i].s, ps.v[i].len);
	free(ps.v);
	return without_labels(&sb);
}

static void assert_nothing_lost(const char *path)
{
	nb_error err = {{0}};
	char *text = decoded_file(path);
	nb_report *r = nb_text_import_file(path, tmpl, NULL, &err);
	ck_assert_msg(r != NULL, "%s: %s", path, err.msg);
	char *in = input_significant(text);
	char *out = report_significant(r);
	size_t i = 0;
	while (in[i] && in[i] == out[i])
		i++;
	ck_assert_msg(strcmp(in, out) == 0,
		      "%s: text differs after %zu bytes:\n input:  …%.60s\n report: …%.60s", path, i,
		      in + (i > 12 ? i - 12 : 0), out + (i > 12 ? i - 12 : 0));
	free(in);
	free(out);
	free(text);
	nb_report_free(r);
}

static void assert_dir_loses_nothing(const char *dir, int min_files)
{
	DIR *d = opendir(dir);
	if (!d) {
		ck_assert_int_eq(min_files, 0);
		return;
	}
	int count = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 4, ".txt") != 0)
			continue;
		char *path = nb_xasprintf("%s/%s", dir, e->d_name);
		assert_nothing_lost(path);
		free(path);
		count++;
	}
	closedir(d);
	ck_assert_int_ge(count, min_files);
}

/* The real drafts live next to the repository when it is checked out for development. */
static const char *corpus_dir(void)
{
	const char *env = getenv("NIANBAO_CORPUS");
	static const char *const guess = NB_TEST_DATA "/../../../shared/corpus";
	struct stat st;
	if (env && *env)
		return env;
	return stat(guess, &st) == 0 && S_ISDIR(st.st_mode) ? guess : NULL;
}

/* ------------------------------------------------------------------ decoding */

START_TEST(test_decode_utf8_bom_and_line_ends)
{
	const char in[] = "\xEF\xBB\xBF一、总体情况\r\n第二行\r第三行\n";
	char *out;
	size_t len;
	nb_encoding enc;
	nb_error err = {{0}};
	ck_assert_int_eq(nb_text_decode(in, sizeof in - 1, "a.txt", &out, &len, &enc, &err), 0);
	ck_assert_int_eq(enc, NB_ENC_UTF8_BOM);
	ck_assert_str_eq(out, "一、总体情况\n第二行\n第三行\n");
	ck_assert_uint_eq(len, strlen(out));
	free(out);

	ck_assert_int_eq(nb_text_decode("报告\n", strlen("报告\n"), "b.txt", &out, &len, &enc, &err), 0);
	ck_assert_int_eq(enc, NB_ENC_UTF8);
	ck_assert_str_eq(nb_encoding_name(enc), "UTF-8");
	free(out);
}
END_TEST

START_TEST(test_decode_utf16_both_orders)
{
	/* 报 U+62A5, 告 U+544A, CR LF */
	const char le[] = "\xFF\xFE\xA5\x62\x4A\x54\x0D\x00\x0A\x00";
	const char be[] = "\xFE\xFF\x62\xA5\x54\x4A\x00\x0D\x00\x0A";
	char *out;
	size_t len;
	nb_encoding enc;
	nb_error err = {{0}};
	ck_assert_int_eq(nb_text_decode(le, sizeof le - 1, "le.txt", &out, &len, &enc, &err), 0);
	ck_assert_int_eq(enc, NB_ENC_UTF16LE);
	ck_assert_str_eq(out, "报告\n");
	free(out);
	ck_assert_int_eq(nb_text_decode(be, sizeof be - 1, "be.txt", &out, &len, &enc, &err), 0);
	ck_assert_int_eq(enc, NB_ENC_UTF16BE);
	ck_assert_str_eq(out, "报告\n");
	free(out);
	/* A UTF-16 file cut in the middle of a character is refused, not half-read. */
	ck_assert_int_eq(nb_text_decode(le, sizeof le - 2, "cut.txt", &out, &len, &enc, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "cut.txt: truncated UTF-16"));
}
END_TEST

START_TEST(test_decode_gb18030_fixture)
{
	char *path = draft_path("gb18030.txt");
	char *data, *out;
	size_t len, olen;
	nb_encoding enc;
	nb_error err = {{0}};
	ck_assert_int_eq(nb_read_file(path, NB_MAX_INPUT_BYTES, &data, &len, &err), 0);
	ck_assert_int_eq(nb_text_decode(data, len, path, &out, &olen, &enc, &err), 0);
	ck_assert_int_eq(enc, NB_ENC_GB18030);
	ck_assert_ptr_nonnull(strstr(out, "白沙乡人民政府\n关于2024年度法治政府建设情况的报告"));
	ck_assert(nb_utf8_valid(out, olen, NULL));
	free(data);
	free(out);
	free(path);
}
END_TEST

START_TEST(test_decode_refuses_binary_and_garbage)
{
	char *out = NULL;
	size_t len;
	nb_error err = {{0}};
	ck_assert_int_eq(nb_text_decode("abc\0def", 7, "x.bin", &out, &len, NULL, &err), -1);
	ck_assert_str_eq(err.msg, "x.bin: binary data, not a text draft");

	/* UTF-16 saved without a BOM is named as such: "中文 2024\n" little- and big-endian. */
	const char le[] = "\x2d\x4e\x87\x65\x20\x00\x32\x00\x30\x00\x32\x00\x34\x00\x0a\x00";
	ck_assert_int_eq(nb_text_decode(le, sizeof le - 1, "w.txt", &out, &len, NULL, &err), -1);
	ck_assert_str_eq(err.msg, "w.txt: UTF-16 text without a byte-order mark; save it as UTF-8 "
			 "(or as UTF-16 with a BOM) and open it again");
	const char be[] = "\x4e\x2d\x65\x87\x00\x20\x00\x32\x00\x30\x00\x32\x00\x34\x00\x0a";
	ck_assert_int_eq(nb_text_decode(be, sizeof be - 1, "w.txt", &out, &len, NULL, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "UTF-16 text without a byte-order mark"));
	/* NUL bytes on both sides of the code units: binary, not UTF-16. */
	const char mixed_nuls[] = "\x00\x41\x42\x00\x43\x44";
	ck_assert_int_eq(nb_text_decode(mixed_nuls, sizeof mixed_nuls - 1, "m.bin", &out, &len, NULL,
					&err), -1);
	ck_assert_str_eq(err.msg, "m.bin: binary data, not a text draft");

	const char bad[] = "abc\ndef\n\xFF\xFF\xFF\n";
	ck_assert_int_eq(nb_text_decode(bad, sizeof bad - 1, "bad.txt", &out, &len, NULL, &err), -1);
	ck_assert_str_eq(err.msg, "bad.txt: not valid UTF-8 or GB18030 text (first bad byte at line 3)");

	/* UTF-8 text with a GBK-encoded word pasted into line 2: refused, never turned into
	 * mojibake by reading the whole file as GB18030. */
	const char mixed[] = "法治政府建设年度报告正文第一行\n第二行\xB1\xA8\xB8\xE6结束\n";
	ck_assert_int_eq(nb_text_decode(mixed, sizeof mixed - 1, "mixed.txt", &out, &len, NULL, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "mixed.txt: "));
	ck_assert_ptr_nonnull(strstr(err.msg, "line 2"));
	ck_assert_ptr_null(out);
}
END_TEST

/* ------------------------------------------------------------------ fixtures */

START_TEST(test_full_header_and_colophon)
{
	nb_import_notes notes = {0};
	nb_report *r = import_draft("header-full.txt", &notes);
	char *text = decoded_draft("header-full.txt");

	ck_assert_str_eq(nb_report_meta(r, NB_META_UNIT), "中共青石镇委员会");
	ck_assert_int_eq(r->meta_line[NB_META_UNIT], line_of(text, "中共青石镇委员会\n"));
	ck_assert_str_eq(nb_report_meta(r, NB_META_UNIT_TYPE), "乡镇");
	ck_assert_str_eq(nb_report_meta(r, NB_META_DOC_NUMBER), "青石党发〔2025〕3号");
	ck_assert_str_eq(nb_report_meta(r, NB_META_SIGNER), "李明华");
	ck_assert_int_eq(r->meta_line[NB_META_SIGNER], line_of(text, "签发人"));
	ck_assert_str_eq(nb_report_meta(r, NB_META_TITLE),
			 "中共青石镇委员会关于报送2024年度法治政府建设情况的报告");
	ck_assert_int_eq(nb_report_year(r), 2024);
	ck_assert_str_eq(nb_report_meta(r, NB_META_RECIPIENT), "中共云岭县委全面依法治县委员会办公室：");
	ck_assert_str_eq(nb_report_meta(r, NB_META_SIGNATURE), "中共青石镇委员会");
	ck_assert_str_eq(nb_report_meta(r, NB_META_DATE), "2025年2月20日");
	ck_assert_int_eq(r->meta_line[NB_META_DATE], line_of(text, "2025年2月20日"));
	ck_assert_str_eq(nb_report_meta(r, NB_META_CC), "云岭县司法局。");
	ck_assert_str_eq(nb_report_meta(r, NB_META_PRINTER), "青石镇党政办公室");
	ck_assert_str_eq(nb_report_meta(r, NB_META_PRINT_DATE), "2025年2月21日");
	ck_assert_str_eq(nb_report_meta(r, NB_META_SECRECY_REVIEW), "初审：王芳　复审：赵强　终审：李明华");
	ck_assert(strncmp(r->intro, "2024年以来，青石镇", strlen("2024年以来，青石镇")) == 0);

	/* Three parts, and the 第一责任人 part is missing, as planted. */
	ck_assert_uint_eq(r->nsections, 3);
	ck_assert_str_eq(section(r, 0)->id, "measures");
	ck_assert_str_eq(section(r, 1)->id, "problems");
	ck_assert_str_eq(section(r, 2)->id, "plan");
	ck_assert_ptr_null(nb_report_find_section(r, "duty"));
	ck_assert_int_eq(section(r, 1)->heading_line, line_of(text, "二、存在的不足和原因"));

	/* Metadata never leaks into the body. */
	for (size_t i = 0; i < r->nsections; i++) {
		ck_assert_ptr_null(strstr(r->sections[i].body, "抄送"));
		ck_assert_ptr_null(strstr(r->sections[i].body, "印发"));
		ck_assert_ptr_null(strstr(r->sections[i].body, "2025年2月20日"));
	}
	/* The 附注 under the date stays in the text and is reported. */
	ck_assert_ptr_nonnull(strstr(section(r, 2)->body, "\n（此件公开发布）"));
	ck_assert(has_note(&notes, line_of(text, "（此件公开发布）"), "附注"));
	ck_assert(has_note(&notes, line_of(text, "关于报送"), "标题中的多余空格"));

	free(text);
	nb_import_notes_free(&notes);
	nb_report_free(r);
}
END_TEST

START_TEST(test_broken_paragraphs_and_headings)
{
	nb_import_notes notes = {0};
	nb_report *r = import_draft("broken.txt", &notes);
	char *text = decoded_draft("broken.txt");

	ck_assert_uint_eq(r->nsections, 4);
	const nb_section *m = section(r, 0);
	/* "…任组" / blank / "长、…" is one paragraph again. */
	ck_assert_ptr_nonnull(strstr(m->body, "由党工委书记任组长、办事处主任任副组长"));
	ck_assert_ptr_nonnull(strstr(m->body, "激化引发的重大事件。"));
	/* Sub-headings stay paragraphs of their own. */
	ck_assert(strncmp(m->body, "（一）坚持党建引领，压实法治建设责任\n街道成立",
			  strlen("（一）坚持党建引领，压实法治建设责任\n街道成立")) == 0);

	/* Source map: each half of the joined paragraph maps back to its own input line. */
	int line, col;
	body_pos(m, "长、办事处主任", &line, &col);
	ck_assert_int_eq(line, line_of(text, "长、办事处主任"));
	ck_assert_int_eq(col, 1);
	body_pos(m, "任组长", &line, &col);
	ck_assert_int_eq(line, line_of(text, "街道成立由党工委书记任组"));
	ck_assert_int_eq(col, col_of(text, "任组"));
	body_pos(m, "重大事件", &line, &col);
	ck_assert_int_eq(line, line_of(text, "重大事件"));

	/* The heading broken before 情况 is whole and maps to the 第一责任人 part. */
	const nb_section *d = section(r, 1);
	ck_assert_str_eq(d->heading, "二、党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况");
	ck_assert_str_eq(d->id, "duty");
	ck_assert_int_eq(d->heading_line, line_of(text, "二、党政主要负责人"));
	/* So is the sub-heading broken before 力, and it is not glued to the next paragraph. */
	ck_assert(strncmp(d->body, "（一）带头尊法学法守法用法，提升运用法治思维的能力\n街道党工委书记",
			  strlen("（一）带头尊法学法守法用法，提升运用法治思维的能力\n街道党工委书记")) == 0);

	ck_assert(has_note(&notes, line_of(text, "任组\n"), "已合并被分页断开的段落"));
	ck_assert(has_note(&notes, line_of(text, "激化引发的\n"), "已合并被分页断开的段落"));
	ck_assert(has_note(&notes, line_of(text, "二、党政主要负责人"), "断开的标题"));
	ck_assert(has_note(&notes, line_of(text, "思维的能\n"), "断开的标题"));
	ck_assert_str_eq(nb_report_meta(r, NB_META_UNIT_TYPE), "街道");

	free(text);
	nb_import_notes_free(&notes);
	nb_report_free(r);
}
END_TEST

START_TEST(test_markdown_marks)
{
	nb_import_notes notes = {0};
	nb_report *r = import_draft("markdown.txt", &notes);
	char *text = decoded_draft("markdown.txt");

	ck_assert_str_eq(nb_report_meta(r, NB_META_TITLE), "新桥社区2024年度法治建设工作报告");
	ck_assert_str_eq(nb_report_meta(r, NB_META_UNIT), "新桥社区");
	ck_assert_str_eq(nb_report_meta(r, NB_META_UNIT_TYPE), "社区");
	ck_assert_uint_eq(r->nsections, 4);
	ck_assert_str_eq(section(r, 0)->heading, "一、工作成效");
	ck_assert_str_eq(section(r, 0)->id, "measures");
	ck_assert_str_eq(section(r, 1)->id, "problems");
	ck_assert_str_eq(section(r, 2)->heading, "三、党组织书记履行第一责任人职责情况");
	ck_assert_str_eq(section(r, 2)->id, "duty");
	ck_assert_str_eq(section(r, 3)->heading, "四、下一步计划");
	ck_assert_str_eq(section(r, 3)->id, "plan");
	for (size_t i = 0; i < r->nsections; i++) {
		ck_assert_ptr_null(strchr(r->sections[i].body, '*'));
		ck_assert_ptr_null(strchr(r->sections[i].body, '#'));
	}
	ck_assert_ptr_nonnull(strstr(section(r, 0)->body, "（一）完善社区治理机制。社区建立"));
	ck_assert_ptr_nonnull(strstr(section(r, 0)->body, "解决停车难等"));
	ck_assert(has_note(&notes, line_of(text, "## 一、"), "Markdown"));
	ck_assert(has_note(&notes, line_of(text, "**三、"), "Markdown"));
	ck_assert(has_note(&notes, line_of(text, "### 四、"), "Markdown"));
	/* The space after # is part of the mark, not an indentation. */
	for (size_t i = 0; i < notes.n; i++)
		ck_assert_ptr_null(strstr(notes.v[i].message, "缩进"));

	free(text);
	nb_import_notes_free(&notes);
	nb_report_free(r);
}
END_TEST

START_TEST(test_extraction_spaces_and_indentation)
{
	nb_import_notes notes = {0};
	nb_report *r = import_draft("spaces.txt", &notes);
	char *text = decoded_draft("spaces.txt");

	ck_assert_str_eq(nb_report_meta(r, NB_META_UNIT), "城关镇人民政府");
	ck_assert_str_eq(nb_report_meta(r, NB_META_DOC_NUMBER), "云政发【2025】8号"); /* as written */
	ck_assert_str_eq(nb_report_meta(r, NB_META_SIGNER), "张建国");
	ck_assert_str_eq(nb_report_meta(r, NB_META_TITLE), "城关镇人民政府关于2024年度法治政府建设情况的报告");
	ck_assert_str_eq(nb_report_meta(r, NB_META_YEAR), "2024");
	const nb_section *m = section(r, 0);
	ck_assert_ptr_nonnull(strstr(m->body, "全镇划分网格86个，配备网格员530人，全年上报各类事件2416件，办结率98%。"));
	ck_assert_ptr_nonnull(strstr(m->body, "推进“放管服”改革"));
	ck_assert_ptr_nonnull(strstr(section(r, 1)->body, "执法人员数量不足，部分执法文书不够规范。"));
	ck_assert_str_eq(section(r, 2)->heading, "三、2025年工作安排");
	/* Spaces around a Latin word are not extraction artefacts. */
	ck_assert_ptr_nonnull(strstr(r->intro, "精神 and 习近平"));
	ck_assert(strncmp(r->intro, "2024年，城关镇", strlen("2024年，城关镇")) == 0);
	/* No indentation or trailing spaces survive. */
	for (size_t i = 0; i < r->nsections; i++) {
		ck_assert_ptr_null(strstr(r->sections[i].body, "　"));
		ck_assert_ptr_null(strstr(r->sections[i].body, " \n"));
	}

	/* Columns count characters of the input line, indentation included. */
	int line, col;
	body_pos(m, "（一）加强基层网格建设", &line, &col);
	ck_assert_int_eq(line, line_of(text, "（一）加强基层网格建设"));
	ck_assert_int_eq(col, 3);
	body_pos(m, "530人", &line, &col);
	ck_assert_int_eq(col, col_of(text, "530 人"));
	body_pos(m, "人，全年上报", &line, &col);
	ck_assert_int_eq(col, col_of(text, "人，全年上报"));

	ck_assert(has_note(&notes, line_of(text, "网格 86 个"), "多余空格"));
	ck_assert(has_note(&notes, line_of(text, "城关镇人民政府关于"), "标题中的多余空格"));
	bool indent = false, trailing = false;
	for (size_t i = 0; i < notes.n; i++) {
		indent |= strstr(notes.v[i].message, "行首缩进") != NULL;
		trailing |= strstr(notes.v[i].message, "行尾空格") != NULL;
	}
	ck_assert(indent && trailing);

	free(text);
	nb_import_notes_free(&notes);
	nb_report_free(r);
}
END_TEST

START_TEST(test_crlf_draft)
{
	nb_report *r = import_draft("crlf.txt", NULL);
	char *text = decoded_draft("crlf.txt");
	ck_assert_ptr_null(strchr(nb_report_meta(r, NB_META_TITLE), '\r'));
	ck_assert_str_eq(nb_report_meta(r, NB_META_TITLE), "南湖街道2024年度法治政府建设工作报告");
	ck_assert_uint_eq(r->nsections, 4);
	for (size_t i = 0; i < r->nsections; i++) {
		ck_assert_ptr_null(strchr(r->sections[i].body, '\r'));
		ck_assert_ptr_null(strchr(r->sections[i].heading, '\r'));
	}
	ck_assert_str_eq(section(r, 2)->id, "duty");
	ck_assert_int_eq(section(r, 2)->heading_line, line_of(text, "三、党政主要负责人"));
	ck_assert_str_eq(nb_report_meta(r, NB_META_DATE), "2025年2月28日");
	ck_assert_str_eq(nb_report_meta(r, NB_META_UNIT), "南湖街道办事处");
	free(text);
	nb_report_free(r);
}
END_TEST

START_TEST(test_gb18030_draft_with_joint_title)
{
	nb_import_notes notes = {0};
	nb_report *r = import_draft("gb18030.txt", &notes);
	ck_assert_str_eq(nb_report_meta(r, NB_META_TITLE),
			 "中共白沙乡委员会白沙乡人民政府关于2024年度法治政府建设情况的报告");
	ck_assert_int_eq(r->meta_line[NB_META_TITLE], 1);
	ck_assert(has_note(&notes, 1, "标题分在多行"));
	ck_assert_str_eq(nb_report_meta(r, NB_META_UNIT_TYPE), "乡镇");
	ck_assert_str_eq(nb_report_meta(r, NB_META_RECIPIENT), "县委依法治县办：");
	ck_assert_uint_eq(r->nsections, 4);
	ck_assert_str_eq(section(r, 2)->id, "duty");
	ck_assert_ptr_nonnull(strstr(section(r, 2)->body, "年终述职中专门述法"));
	/* The intro does not start with a piece of the title. */
	ck_assert(strncmp(r->intro, "2024年以来", strlen("2024年以来")) == 0);
	nb_import_notes_free(&notes);
	nb_report_free(r);
}
END_TEST

START_TEST(test_utf16_draft)
{
	nb_report *r = import_draft("utf16le.txt", NULL);
	ck_assert_str_eq(nb_report_meta(r, NB_META_TITLE), "松林县市场监督管理局关于2024年度法治政府建设情况的报告");
	ck_assert_str_eq(nb_report_meta(r, NB_META_UNIT_TYPE), "县级部门");
	ck_assert_uint_eq(r->nsections, 3);
	ck_assert_ptr_nonnull(strstr(section(r, 0)->body, "案卷评查合格率100%。"));
	ck_assert_str_eq(nb_report_meta(r, NB_META_DATE), "2025年3月18日");
	nb_report_free(r);
}
END_TEST

START_TEST(test_unmapped_heading_is_kept)
{
	nb_import_notes notes = {0};
	nb_report *r = import_draft("unmapped.txt", &notes);
	char *text = decoded_draft("unmapped.txt");
	ck_assert_uint_eq(r->nsections, 5);
	/* A 第一责任人 part placed first is still that part. */
	ck_assert_str_eq(section(r, 0)->id, "duty");
	const nb_section *u = section(r, 2);
	ck_assert_ptr_null(u->id);
	ck_assert_str_eq(u->heading, "三、党建引领基层治理");
	ck_assert_ptr_nonnull(strstr(u->body, "结对共建"));
	ck_assert(has_note(&notes, line_of(text, "三、党建引领基层治理"), "未对应模板"));
	ck_assert_str_eq(section(r, 3)->id, "problems");
	ck_assert_str_eq(r->intro, "");
	free(text);
	nb_import_notes_free(&notes);
	nb_report_free(r);
}
END_TEST

START_TEST(test_notes_sorted_by_line)
{
	nb_import_notes notes = {0};
	nb_report *r = import_draft("spaces.txt", &notes);
	ck_assert_uint_gt(notes.n, 3);
	for (size_t i = 1; i < notes.n; i++)
		ck_assert_int_le(notes.v[i - 1].line, notes.v[i].line);
	for (size_t i = 0; i < notes.n; i++) {
		char *prefix = nb_xasprintf("第%d行：", notes.v[i].line);
		ck_assert(strncmp(notes.v[i].message, prefix, strlen(prefix)) == 0);
		free(prefix);
	}
	nb_import_notes_free(&notes);
	nb_report_free(r);
}
END_TEST

START_TEST(test_bad_input)
{
	nb_error err = {{0}};
	ck_assert_ptr_null(nb_text_import(" \n　　\n\n", strlen(" \n　　\n\n"), tmpl, "blank.txt", NULL, &err));
	ck_assert_str_eq(err.msg, "blank.txt: empty draft (no text)");
	ck_assert_ptr_null(nb_text_import_file(DRAFTS "/no-such-draft.txt", tmpl, NULL, &err));
	ck_assert_ptr_nonnull(strstr(err.msg, "no-such-draft.txt"));

	/* Text with no structure at all is kept whole in the intro. */
	const char plain[] = "这是一段没有标题的文字\n\n第二段文字。";
	nb_report *r = nb_text_import(plain, strlen(plain), tmpl, "plain.txt", NULL, &err);
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(r->nsections, 0);
	ck_assert_str_eq(r->intro, "这是一段没有标题的文字第二段文字。");
	nb_report_free(r);

	/* A short opening line ending in a colon is the intro, not a 主送机关. */
	const char opening[] = "某街道2024年度法治建设工作报告\n\n现将有关情况报告如下：\n\n一、主要举措和成效\n\n全年开展普法活动12次。";
	r = nb_text_import(opening, strlen(opening), tmpl, "opening.txt", NULL, &err);
	ck_assert_ptr_nonnull(r);
	ck_assert_ptr_null(r->meta[NB_META_RECIPIENT]);
	ck_assert_str_eq(r->intro, "现将有关情况报告如下：");
	ck_assert_uint_eq(r->nsections, 1);
	nb_report_free(r);
}
END_TEST

START_TEST(test_no_character_lost_in_fixtures)
{
	assert_dir_loses_nothing(DRAFTS, 8);
}
END_TEST

START_TEST(test_no_character_lost_in_corpus)
{
	const char *dir = corpus_dir();
	if (dir)
		assert_dir_loses_nothing(dir, 1);
}
END_TEST

START_TEST(test_corpus_headers_and_repairs)
{
	const char *dir = corpus_dir();
	if (!dir)
		return;
	nb_error err = {{0}};
	char *path = nb_xasprintf("%s/jincheng-2023.txt", dir);
	nb_report *r = nb_text_import_file(path, tmpl, NULL, &err);
	free(path);
	if (!r)
		return; /* a different set of drafts */
	ck_assert_str_eq(nb_report_meta(r, NB_META_DOC_NUMBER), "渭高金党字〔2024〕5号");
	ck_assert_str_eq(nb_report_meta(r, NB_META_SIGNER), "王国栋");
	ck_assert_str_eq(nb_report_meta(r, NB_META_DATE), "2024年3月26日");
	ck_assert_str_eq(nb_report_meta(r, NB_META_YEAR), "2023");
	ck_assert_str_eq(nb_report_meta(r, NB_META_PRINT_DATE), "2024年3月26日");
	ck_assert_ptr_null(nb_report_find_section(r, "duty"));
	ck_assert_ptr_nonnull(strstr(r->sections[0].body, "严格落实“书记第一讲”"));
	nb_report_free(r);
}
END_TEST

START_TEST(test_two_parts_of_one_template_section)
{
	/* Drafts often split the measures into several parts; both stay measures. */
	const char *draft = "某某社区2024年度法治政府建设情况报告\n\n"
			    "一、学习贯彻习近平法治思想情况\n\n组织专题学习4次。\n\n"
			    "二、履行推进法治建设职责情况\n\n调解纠纷36件。\n\n"
			    "三、存在的问题\n\n普法形式单一。\n";
	nb_error err = {{0}};
	nb_report *r = nb_text_import(draft, strlen(draft), tmpl, "two.txt", NULL, &err);
	ck_assert_msg(r != NULL, "%s", err.msg);
	ck_assert_uint_eq(r->nsections, 3);
	ck_assert_str_eq(section(r, 0)->id, "measures");
	ck_assert_str_eq(section(r, 1)->id, "measures");
	ck_assert_str_eq(section(r, 2)->id, "problems");
	nb_report_free(r);
}
END_TEST

static Suite *import_suite(void)
{
	Suite *s = suite_create("import");
	TCase *dec = tcase_create("decode");
	tcase_add_test(dec, test_decode_utf8_bom_and_line_ends);
	tcase_add_test(dec, test_decode_utf16_both_orders);
	tcase_add_test(dec, test_decode_gb18030_fixture);
	tcase_add_test(dec, test_decode_refuses_binary_and_garbage);
	suite_add_tcase(s, dec);

	TCase *imp = tcase_create("import");
	tcase_add_checked_fixture(imp, setup, teardown);
	tcase_add_test(imp, test_full_header_and_colophon);
	tcase_add_test(imp, test_broken_paragraphs_and_headings);
	tcase_add_test(imp, test_markdown_marks);
	tcase_add_test(imp, test_extraction_spaces_and_indentation);
	tcase_add_test(imp, test_crlf_draft);
	tcase_add_test(imp, test_gb18030_draft_with_joint_title);
	tcase_add_test(imp, test_utf16_draft);
	tcase_add_test(imp, test_unmapped_heading_is_kept);
	tcase_add_test(imp, test_two_parts_of_one_template_section);
	tcase_add_test(imp, test_notes_sorted_by_line);
	tcase_add_test(imp, test_bad_input);
	suite_add_tcase(s, imp);

	TCase *inv = tcase_create("invariant");
	tcase_add_checked_fixture(inv, setup, teardown);
	tcase_add_test(inv, test_no_character_lost_in_fixtures);
	tcase_add_test(inv, test_no_character_lost_in_corpus);
	tcase_add_test(inv, test_corpus_headers_and_repairs);
	suite_add_tcase(s, inv);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(import_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
