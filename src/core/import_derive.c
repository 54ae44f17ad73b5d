/* import_derive.c — deriving the year, unit and unit type a draft does not state as fields. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include "import_internal.h"

void nb_import_derive_year(importer *im)
{
	nb_report *r = im->r;
	const char *title = r->meta[NB_META_TITLE];
	int y = 0, line_no = 0;
	if (title && (y = nb_draft_find_year(title, strlen(title), NULL, NULL)))
		line_no = r->meta_line[NB_META_TITLE];
	if (!y && r->intro[0]) {
		size_t len = strlen(r->intro), at;
		if ((y = nb_draft_find_year(r->intro, len, &at, "以来")) ||
		    (y = nb_draft_find_year(r->intro, len, &at, "度"))) {
			int col;
			nb_srcmap_lookup(r->intro_map, r->intro_nmap, r->intro, at, &line_no, &col);
		}
	}
	if (!y && r->nsections && (y = nb_draft_find_year(r->sections[0].heading,
						 strlen(r->sections[0].heading), NULL, NULL)))
		line_no = r->sections[0].heading_line;
	if (!y)
		return;
	char buf[8];
	snprintf(buf, sizeof buf, "%d", y);
	nb_report_set_meta(r, NB_META_YEAR, buf);
	r->meta_line[NB_META_YEAR] = line_no;
}

/* The unit from the title: "X关于…", "X2023年度…", "2024年X法治…". */
static char *unit_from_title(const char *t)
{
	size_t len = strlen(t), start = 0, used;
	if (nb_draft_year_at(t, len, &used)) {
		start = used;
		if (starts_with(t + start, len - start, "度"))
			start += strlen("度");
	}
	size_t end = len;
	const char *stops[] = {"关于", "法治", "依法"};
	for (size_t i = 0; i < 3; i++) {
		size_t f = find(t + start, len - start, stops[i]);
		if (start + f < end)
			end = start + f;
	}
	size_t at;
	if (nb_draft_find_year(t + start, len - start, &at, NULL) && start + at < end)
		end = start + at;
	size_t n = nchars(t + start, end - start);
	if (end >= len || n < 2 || n > 30)
		return NULL;
	return nb_xstrndup(t + start, end - start);
}

static const char *guess_unit_type(const char *u)
{
	size_t len = strlen(u);
	if (contains(u, len, "社区"))
		return "社区";
	if (contains(u, len, "街道"))
		return "街道";
	if (ends_with(u, len, "乡") || ends_with(u, len, "镇") || contains(u, len, "乡人民政府") ||
	    contains(u, len, "镇人民政府") || contains(u, len, "乡党委") ||
	    contains(u, len, "镇党委") || contains(u, len, "乡委员会") || contains(u, len, "镇委员会"))
		return "乡镇";
	if (ends_with(u, len, "人民政府") &&
	    (contains(u, len, "县") || contains(u, len, "区") || contains(u, len, "市")))
		return "县级政府";
	static const char *const dept[] = {"局", "委", "办", "委员会", "办公室", "中心", "院", "所"};
	for (size_t i = 0; i < sizeof dept / sizeof dept[0]; i++)
		if (ends_with(u, len, dept[i]))
			return "县级部门";
	return "其他";
}

void nb_import_derive_unit(importer *im)
{
	nb_report *r = im->r;
	if (!r->meta[NB_META_UNIT]) {
		if (r->meta[NB_META_SIGNATURE]) {
			nb_report_set_meta(r, NB_META_UNIT, r->meta[NB_META_SIGNATURE]);
			r->meta_line[NB_META_UNIT] = r->meta_line[NB_META_SIGNATURE];
		} else if (r->meta[NB_META_TITLE]) {
			char *u = unit_from_title(r->meta[NB_META_TITLE]);
			if (u) {
				nb_report_set_meta(r, NB_META_UNIT, u);
				r->meta_line[NB_META_UNIT] = r->meta_line[NB_META_TITLE];
				free(u);
			}
		}
	}
	if (r->meta[NB_META_UNIT] && !r->meta[NB_META_UNIT_TYPE])
		nb_report_set_meta(r, NB_META_UNIT_TYPE, guess_unit_type(r->meta[NB_META_UNIT]));
}
