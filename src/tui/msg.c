/* msg.c — UI strings: English msgids from msgs.def, Chinese from the gettext catalogue zh_CN.
 *
 * Why the catalogue is read here rather than through gettext(): glibc (checked with 2.36)
 * translates only when LC_MESSAGES is not plain C. Chinese is nianbao's default, and servers
 * often lack a zh_CN locale: LANG=zh_CN.UTF-8 then ends in C.UTF-8 (tui.c falls back to it), where
 * gettext() gives the English msgid unless LANGUAGE is set, and under C it ignores LANGUAGE. So the
 * language follows the rule in nb_msg_init, and the translations come straight from the compiled
 * catalogue: the installed $(localedir)/zh_CN/LC_MESSAGES/nianbao.mo when there is one (so an
 * updated catalogue can be installed), else the copy built into the binary, so nianbao runs from
 * any directory. Every string is looked up once, at load, so nb_msg() is a table read and safe to
 * call from the signal handler in safety.c. */
#include "config.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "nianbao/util.h"
#include "msg.h"

#ifndef NB_LOCALEDIR
#define NB_LOCALEDIR "/usr/local/share/locale"
#endif
#define NB_CATALOGUE NB_LOCALEDIR "/zh_CN/LC_MESSAGES/nianbao.mo"

extern const char nb_builtin_po_zh_CN_mo[];
extern const size_t nb_builtin_po_zh_CN_mo_len;

static const char *const msgids[M__COUNT] = {
#define X(id, en) [id] = en,
#define XC(id, ctx, en) [id] = en,
#include "msgs.def"
#undef XC
#undef X
};

/* The gettext msgctxt of the ids declared with XC (English that another id uses with other Chinese). */
static const char *const contexts[M__COUNT] = {
#define X(id, en)
#define XC(id, ctx, en) [id] = ctx,
#include "msgs.def"
#undef XC
#undef X
};

static const char *chinese[M__COUNT];
static char *installed_data;   /* the installed catalogue, kept: chinese[] points into it */
static bool loaded;
static bool english;

/* A .mo file: a header, then two tables of (length, offset) pairs for the msgids (sorted by
 * strcmp) and their translations; every string ends in NUL. Written in either byte order. */
typedef struct mo_file {
	const unsigned char *data;
	size_t size;
	bool big_endian;
	uint32_t count, originals, translations;
} mo_file;

static uint32_t mo_u32(const mo_file *mo, uint64_t off)
{
	if (off + 4 > mo->size)
		return UINT32_MAX;
	const unsigned char *p = mo->data + off;
	if (mo->big_endian)
		return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static bool mo_open(mo_file *mo, const void *data, size_t size)
{
	mo->data = data;
	mo->size = size;
	mo->big_endian = false;
	if (size < 28)
		return false;
	if (mo_u32(mo, 0) != 0x950412deu) {
		mo->big_endian = true;
		if (mo_u32(mo, 0) != 0x950412deu)
			return false;
	}
	mo->count = mo_u32(mo, 8);
	mo->originals = mo_u32(mo, 12);
	mo->translations = mo_u32(mo, 16);
	uint64_t table = (uint64_t)mo->count * 8;
	return mo->originals + table <= size && mo->translations + table <= size;
}

/* String i of a table, or NULL when its (length, offset) pair points outside the file. */
static const char *mo_string(const mo_file *mo, uint32_t table, uint32_t i)
{
	uint64_t len = mo_u32(mo, (uint64_t)table + (uint64_t)i * 8);
	uint64_t off = mo_u32(mo, (uint64_t)table + (uint64_t)i * 8 + 4);
	if (off + len >= mo->size || mo->data[off + len] != '\0')
		return NULL;
	return (const char *)mo->data + off;
}

static const char *mo_lookup(const mo_file *mo, const char *msgid)
{
	uint32_t lo = 0, hi = mo->count;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		const char *s = mo_string(mo, mo->originals, mid);
		if (!s)
			return NULL;
		int c = strcmp(msgid, s);
		if (c == 0) {
			const char *t = mo_string(mo, mo->translations, mid);
			return t && *t ? t : NULL;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* Next printf conversion of s from *i on ("%zu", "%s"; "%%" is skipped), or false at the end. */
static bool next_conversion(const char *s, size_t *i, size_t *start, size_t *len)
{
	for (;;) {
		const char *p = strchr(s + *i, '%');
		if (!p)
			return false;
		size_t n = strcspn(p + 1, "diouxXeEfFgGaAcspn%") + 2;
		if (p[n - 1] == '\0')
			return false;
		*i = (size_t)(p - s) + n;
		if (p[n - 1] != '%' || n != 2) {
			*start = (size_t)(p - s);
			*len = n;
			return true;
		}
	}
}

/* A translation is used only with the msgid's printf conversions, in order: a damaged installed
 * catalogue must not reach printf with a format that reads the wrong arguments. */
static bool same_conversions(const char *msgid, const char *translation)
{
	size_t i = 0, j = 0, a, alen, b, blen;
	for (;;) {
		bool more_a = next_conversion(msgid, &i, &a, &alen);
		bool more_b = next_conversion(translation, &j, &b, &blen);
		if (!more_a || !more_b)
			return more_a == more_b;
		if (alen != blen || memcmp(msgid + a, translation + b, alen) != 0)
			return false;
	}
}

/* Each string from the installed catalogue, else from the built-in one, else the English msgid. */
static void load_catalogue(void)
{
	if (loaded)
		return;
	loaded = true;
	mo_file builtin, installed;
	bool have_builtin = mo_open(&builtin, nb_builtin_po_zh_CN_mo, nb_builtin_po_zh_CN_mo_len);
	char *data = NULL;
	size_t len = 0;
	bool have_installed = nb_read_file(NB_CATALOGUE, (size_t)4 * 1024 * 1024, &data, &len, NULL) == 0 &&
			      mo_open(&installed, data, len);
	for (int id = 0; id < M__COUNT; id++) {
		/* A .mo file keys an entry with a context as "context\4msgid". */
		char *key = contexts[id] ? nb_xasprintf("%s\4%s", contexts[id], msgids[id]) : NULL;
		const char *k = key ? key : msgids[id];
		const char *t = have_installed ? mo_lookup(&installed, k) : NULL;
		if ((!t || !same_conversions(msgids[id], t)) && have_builtin)
			t = mo_lookup(&builtin, k);
		chinese[id] = t && same_conversions(msgids[id], t) ? t : msgids[id];
		free(key);
	}
	if (have_installed)
		installed_data = data;
	else
		free(data);
}

static bool asks_for_english(const char *v)
{
	return v && v[0] == 'e' && v[1] == 'n' && (v[2] == '\0' || v[2] == '_' || v[2] == '.' ||
						   v[2] == ':' || v[2] == '@');
}

static bool english_requested(void)
{
	/* LANGUAGE is a priority list (GNU); only its first entry matters here. */
	const char *lang = getenv("LANGUAGE");
	if (lang && *lang) {
		if (asks_for_english(lang))
			return true;
		if (strncmp(lang, "zh", 2) == 0)
			return false;
	}
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);
		if (v && *v)
			return asks_for_english(v);
	}
	return false;
}

void nb_msg_init(void)
{
	load_catalogue();
	english = english_requested();
}

bool nb_msg_english(void) { return english; }

void nb_msg_force(bool en)
{
	load_catalogue();
	english = en;
}

const char *nb_msg(nb_msg_id id)
{
	if ((int)id < 0 || id >= M__COUNT)
		return "";
	if (english || !chinese[id])
		return msgids[id];
	return chinese[id];
}
