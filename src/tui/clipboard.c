/* clipboard.c — the local clipboard over SSH through OSC 52.
 *
 * The terminal (not the server) owns the clipboard, so copying writes
 * ESC ] 52 ; c ; BASE64 BEL. Inside tmux the sequence is sent twice: plain (tmux
 * takes it itself when `set-clipboard on`) and wrapped in tmux's DCS passthrough (used
 * when `allow-passthrough on`). A tmux with both off drops both silently, which is the
 * right failure: nothing on screen breaks. */
#include "config.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include "nianbao/util.h"
#include "ui.h"

/* Terminals refuse or truncate very long OSC 52 payloads; beyond this we say so instead. */
#define OSC52_MAX_BYTES (256 * 1024)

static void base64_encode(nb_sb *out, const unsigned char *in, size_t n)
{
	static const char tab[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i;
	for (i = 0; i + 2 < n; i += 3) {
		unsigned v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8 | in[i + 2];
		char q[4] = { tab[v >> 18 & 63], tab[v >> 12 & 63], tab[v >> 6 & 63], tab[v & 63] };
		nb_sb_add(out, q, 4);
	}
	if (i < n) {
		unsigned v = (unsigned)in[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)in[i + 1] << 8;
		char q[4] = { tab[v >> 18 & 63], tab[v >> 12 & 63],
			      i + 1 < n ? tab[v >> 6 & 63] : '=', '=' };
		nb_sb_add(out, q, 4);
	}
}

static int write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

char *nb_osc52_sequence(const char *text, size_t len, bool in_tmux, size_t *outlen)
{
	nb_sb b64 = { 0 }, seq = { 0 };
	base64_encode(&b64, (const unsigned char *)text, len);
	nb_sb_adds(&seq, "\033]52;c;");
	nb_sb_add(&seq, b64.s ? b64.s : "", b64.len);
	nb_sb_adds(&seq, "\a");
	if (in_tmux) {
		/* Passthrough: every ESC inside is doubled. */
		nb_sb_adds(&seq, "\033Ptmux;\033\033]52;c;");
		nb_sb_add(&seq, b64.s ? b64.s : "", b64.len);
		nb_sb_adds(&seq, "\a\033\\");
	}
	nb_sb_free(&b64);
	*outlen = seq.len;
	return nb_sb_take(&seq);
}

int nb_clipboard_send(const char *text, size_t len)
{
	if (len > OSC52_MAX_BYTES)
		return -1;
	const char *tmux = getenv("TMUX");
	size_t n;
	char *seq = nb_osc52_sequence(text, len, tmux && *tmux, &n);
	int rc = write_all(STDOUT_FILENO, seq, n);
	free(seq);
	return rc;
}
