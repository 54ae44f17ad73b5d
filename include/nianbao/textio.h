/* textio.h — plain-text drafts in (import) and finished official text out (export). */
#ifndef NIANBAO_TEXTIO_H
#define NIANBAO_TEXTIO_H
#include <stddef.h>
#include "report.h"
#include "template.h"
#include "util.h"

typedef enum nb_encoding {
	NB_ENC_UTF8, NB_ENC_UTF8_BOM, NB_ENC_GB18030, NB_ENC_UTF16LE, NB_ENC_UTF16BE
} nb_encoding;
const char *nb_encoding_name(nb_encoding e);

/* Converts a draft's bytes to UTF-8 with LF line ends, detecting the encoding without being told
 * (BOMs, valid UTF-8, else GB18030). Refuses binary data (NUL bytes outside UTF-16, or text that
 * is neither valid UTF-8 nor GB18030) with a message naming `name`. Caller frees *out. */
int nb_text_decode(const char *data, size_t len, const char *name, char **out, size_t *outlen,
		   nb_encoding *enc, nb_error *err);

/* A change the importer made to the text, reported to the reviewer as an info finding. */
typedef struct nb_import_note {
	int line;          /* input line */
	char *message;     /* Chinese: 已合并被分页断开的段落 … */
} nb_import_note;

typedef struct nb_import_notes {
	nb_import_note *v;
	size_t n;
} nb_import_notes;
void nb_import_notes_free(nb_import_notes *notes);

/* Imports a decoded UTF-8 draft: recognises the 版头 (发文机关标志, 文号, 签发人), title, 主送机关,
 * 落款 and date, 版记 (印发, 抄送); splits the body at top-level headings (一、 …, also inside
 * Markdown # or **), maps each heading to a template section by meaning; rejoins paragraphs and
 * headings broken by page breaks; strips Markdown marks and extraction spaces. No text is
 * dropped: what is not metadata ends up in the intro or a section body. Source maps keep the
 * input line numbers. notes may be NULL. */
nb_report *nb_text_import(const char *utf8, size_t len, const nb_template *t, const char *name,
			  nb_import_notes *notes, nb_error *err);

/* Reads, decodes and imports a .txt file. */
nb_report *nb_text_import_file(const char *path, const nb_template *t, nb_import_notes *notes,
			       nb_error *err);

/* Finished text laid out after GB/T 9704: 发文字号 and 签发人 line, centred title, 主送机关, body
 * paragraphs indented two full-width spaces, 落款 and 成文日期 right-aligned by display width,
 * 版记 (抄送, 印发). `width` is the line width in cells (版心: 28 characters = 56 cells).
 * No trailing spaces, no spaces inside Chinese text. Caller frees. */
char *nb_text_export(const nb_report *r, int width, size_t *len);

#endif
