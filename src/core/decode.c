/* decode.c — turns a draft's bytes into UTF-8 with LF line ends, guessing the encoding.
 *
 * Drafts arrive as whatever Word, WPS or a PDF viewer saved: UTF-8 with or without BOM, UTF-16
 * with BOM (Windows "Unicode"), or GB18030/GBK. Nobody tells us which, so the order matters:
 * BOMs are certain; valid UTF-8 is almost never accidental for Chinese text; GB18030 accepts
 * nearly any byte soup, so it is tried last and only when the bytes do not look like UTF-8
 * with a few damaged spots (mixed encodings are refused rather than turned into mojibake). */
#include "config.h"
#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "nianbao/text.h"
#include "nianbao/textio.h"

const char *nb_encoding_name(nb_encoding e)
{
	switch (e) {
	case NB_ENC_UTF8: return "UTF-8";
	case NB_ENC_UTF8_BOM: return "UTF-8 (BOM)";
	case NB_ENC_GB18030: return "GB18030";
	case NB_ENC_UTF16LE: return "UTF-16LE";
	case NB_ENC_UTF16BE: return "UTF-16BE";
	}
	return "unknown";
}

/* 1-based line of byte offset off, counting LF bytes (good enough for the 8-bit encodings). */
static int line_of_offset(const char *data, size_t off)
{
	int line = 1;
	for (size_t i = 0; i < off; i++)
		if (data[i] == '\n')
			line++;
	return line;
}

/* Line of a UTF-16 code-unit offset (in bytes), counting U+000A code units. */
static int line_of_offset16(const unsigned char *data, size_t off, bool big_endian)
{
	int line = 1;
	for (size_t i = 0; i < off; i += 2) {
		unsigned unit = big_endian ? (unsigned)(data[i] << 8 | data[i + 1])
					   : (unsigned)(data[i + 1] << 8 | data[i]);
		if (unit == 0x0A)
			line++;
	}
	return line;
}

/* How UTF-8-like the bytes are: valid multi-byte sequences, invalid bytes, first invalid one. */
struct utf8_stats {
	size_t multibyte, bad, first_bad;
};

static struct utf8_stats utf8_scan(const char *s, size_t len)
{
	struct utf8_stats st = {0, 0, len};
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		bool valid;
		size_t n = nb_utf8_decode(s + i, len - i, &cp, &valid);
		if (!valid) {
			if (st.bad == 0)
				st.first_bad = i;
			st.bad++;
		} else if (n > 1) {
			st.multibyte++;
		}
		i += n;
	}
	return st;
}

/* Converts with iconv; returns 0, or -1 with *bad_off at the input byte that failed. */
static int convert(const char *from, const char *in, size_t len, char **out, size_t *outlen,
		   size_t *bad_off)
{
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1) {
		*bad_off = 0;
		return -1;
	}
	/* Worst case: 1 input byte → 3 UTF-8 bytes (GB18030 single bytes map to ASCII, 2 → 3). */
	size_t cap = len * 2 + 16;
	char *buf = nb_xmalloc(cap);
	char *ip = (char *)in, *op = buf;
	size_t il = len, ol = cap - 1;
	int rc = 0;
	while (il > 0) {
		if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
			if (errno == E2BIG) {
				size_t used = (size_t)(op - buf);
				cap *= 2;
				buf = nb_xrealloc(buf, cap);
				op = buf + used;
				ol = cap - used - 1;
				continue;
			}
			*bad_off = (size_t)(ip - in);
			rc = -1;
			break;
		}
	}
	iconv_close(cd);
	if (rc != 0) {
		free(buf);
		return -1;
	}
	*op = '\0';
	*out = buf;
	*outlen = (size_t)(op - buf);
	return 0;
}

/* CRLF and lone CR become LF, in place; returns the new length. */
static size_t normalise_newlines(char *s, size_t len)
{
	size_t w = 0;
	for (size_t r = 0; r < len; r++) {
		if (s[r] == '\r') {
			s[w++] = '\n';
			if (r + 1 < len && s[r + 1] == '\n')
				r++;
		} else {
			s[w++] = s[r];
		}
	}
	s[w] = '\0';
	return w;
}

/* Is this UTF-16 saved without a byte-order mark? Its NUL bytes (the high halves of ASCII
 * characters) sit mostly on one side of each code unit, and it reads as clean UTF-16 text. Such a
 * file gets a message that says so, not "binary data". */
static bool looks_like_bomless_utf16(const unsigned char *u, size_t len)
{
	if (len < 4 || len % 2 != 0)
		return false;
	size_t nul_even = 0, nul_odd = 0;
	for (size_t i = 0; i < len; i++)
		if (u[i] == 0) {
			if (i % 2)
				nul_odd++;
			else
				nul_even++;
		}
	/* ASCII puts its NUL on one side; an ideograph such as 一 (U+4E00) may add one on the other. */
	if (!(nul_odd > 4 * nul_even || nul_even > 4 * nul_odd))
		return false;
	char *text = NULL;
	size_t tlen = 0, bad = 0;
	if (convert(nul_odd ? "UTF-16LE" : "UTF-16BE", (const char *)u, len, &text, &tlen, &bad) != 0)
		return false;
	bool clean = true;
	for (size_t i = 0; i < tlen && clean; i++) {
		unsigned char c = (unsigned char)text[i];
		clean = c >= 0x20 || c == '\n' || c == '\r' || c == '\t';
	}
	free(text);
	return clean;
}

int nb_text_decode(const char *data, size_t len, const char *name, char **out, size_t *outlen,
		   nb_encoding *enc, nb_error *err)
{
	const unsigned char *u = (const unsigned char *)data;
	char *text = NULL;
	size_t tlen = 0, bad = 0;
	nb_encoding e;

	if (!name)
		name = "input";
	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
		bool be = u[0] == 0xFE;
		e = be ? NB_ENC_UTF16BE : NB_ENC_UTF16LE;
		if ((len - 2) % 2 != 0) {
			nb_error_set(err, "%s: truncated UTF-16 text (odd number of bytes)", name);
			return -1;
		}
		if (convert(be ? "UTF-16BE" : "UTF-16LE", data + 2, len - 2, &text, &tlen, &bad) != 0) {
			nb_error_set(err, "%s: not valid %s text (first bad character at line %d)", name,
				     nb_encoding_name(e), line_of_offset16(u + 2, bad, be));
			return -1;
		}
		if (memchr(text, '\0', tlen)) {
			free(text);
			nb_error_set(err, "%s: binary data, not a text draft", name);
			return -1;
		}
	} else {
		if (memchr(data, '\0', len)) {
			if (looks_like_bomless_utf16(u, len))
				nb_error_set(err, "%s: UTF-16 text without a byte-order mark; save it as "
					     "UTF-8 (or as UTF-16 with a BOM) and open it again", name);
			else
				nb_error_set(err, "%s: binary data, not a text draft", name);
			return -1;
		}
		size_t skip = 0;
		e = NB_ENC_UTF8;
		if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
			skip = 3;
			e = NB_ENC_UTF8_BOM;
		}
		struct utf8_stats st = utf8_scan(data + skip, len - skip);
		if (st.bad == 0) {
			text = nb_xstrndup(data + skip, len - skip);
			tlen = len - skip;
		} else if (e == NB_ENC_UTF8_BOM || (st.multibyte >= 8 && st.multibyte > 2 * st.bad)) {
			/* A BOM, or plenty of well-formed UTF-8 around a few bad bytes: the file is UTF-8
			 * that got damaged or had GBK text pasted in. Guessing would garble one part. */
			nb_error_set(err, "%s: mixed or damaged encoding: UTF-8 text with invalid bytes "
				     "(first bad byte at line %d)", name,
				     line_of_offset(data, skip + st.first_bad));
			return -1;
		} else if (convert("GB18030", data, len, &text, &tlen, &bad) == 0) {
			e = NB_ENC_GB18030;
		} else {
			/* Point at where the reading that got further stopped: that is the line the
			 * user needs to look at. */
			size_t stop = skip + st.first_bad > bad ? skip + st.first_bad : bad;
			nb_error_set(err, "%s: not valid UTF-8 or GB18030 text (first bad byte at line %d)",
				     name, line_of_offset(data, stop));
			return -1;
		}
	}
	tlen = normalise_newlines(text, tlen);
	*out = text;
	if (outlen)
		*outlen = tlen;
	if (enc)
		*enc = e;
	return 0;
}
