/* input.c — curses input turned into nianbao keys (keymap.h) and bracketed pastes.
 *
 * Terminals describe modified keys (C-Left, M-Up …) with sequences that terminfo often lacks, so
 * the common xterm forms are taught to curses with define_key. Alt-x arrives as ESC x. A paste
 * arrives between ESC [200~ and ESC [201~ and is returned as one event, so it can go in as one
 * undo step instead of as thousands of typed keys. */
#include "config.h"
#include <curses.h>
#include <term.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "nianbao/text.h"
#include "ui.h"

/* Key codes above KEY_MAX that we define ourselves. */
enum {
	CODE_PASTE_BEGIN = KEY_MAX + 1,
	CODE_PASTE_END,
	CODE_FIRST_MOD
};

typedef struct keydef {
	const char *seq;
	nb_key key;
} keydef;

/* xterm-style modified keys: ESC [ 1 ; m X, with m = 1 + (shift 1 | alt 2 | ctrl 4). */
static nb_key mod_key_map[64];
static int nmod_keys;
static int mod_key_codes[64];

static void define_seq(const char *seq, nb_key key)
{
	if (nmod_keys >= (int)(sizeof mod_key_map / sizeof mod_key_map[0]))
		return;
	int code = key_defined(seq);
	if (code <= 0) {
		code = CODE_FIRST_MOD + nmod_keys;
		if (define_key(seq, code) != OK)
			return;
	}
	mod_key_codes[nmod_keys] = code;
	mod_key_map[nmod_keys] = key;
	nmod_keys++;
}

void nb_input_init(void)
{
	define_key("\033[200~", CODE_PASTE_BEGIN);
	define_key("\033[201~", CODE_PASTE_END);
	static const struct { char c; nb_key k; } arrows[] = {
		{ 'A', NB_KEY_UP }, { 'B', NB_KEY_DOWN }, { 'C', NB_KEY_RIGHT }, { 'D', NB_KEY_LEFT },
		{ 'H', NB_KEY_HOME }, { 'F', NB_KEY_END },
	};
	static const struct { int m; nb_key mods; } mods[] = {
		{ 2, NB_MOD_SHIFT }, { 3, NB_MOD_ALT }, { 5, NB_MOD_CTRL }, { 6, NB_MOD_CTRL | NB_MOD_SHIFT },
	};
	char seq[16];
	for (size_t i = 0; i < sizeof arrows / sizeof arrows[0]; i++)
		for (size_t j = 0; j < sizeof mods / sizeof mods[0]; j++) {
			snprintf(seq, sizeof seq, "\033[1;%d%c", mods[j].m, arrows[i].c);
			define_seq(seq, arrows[i].k | mods[j].mods);
		}
	static const struct { int n; nb_key k; } tilde[] = {
		{ 5, NB_KEY_PAGEUP }, { 6, NB_KEY_PAGEDOWN }, { 3, NB_KEY_DELETE },
	};
	for (size_t i = 0; i < sizeof tilde / sizeof tilde[0]; i++)
		for (size_t j = 0; j < sizeof mods / sizeof mods[0]; j++) {
			snprintf(seq, sizeof seq, "\033[%d;%d~", tilde[i].n, mods[j].m);
			define_seq(seq, tilde[i].k | mods[j].mods);
		}
	/* Home/End as some terminals (tmux, rxvt, the Linux console) send them. */
	define_seq("\033[1~", NB_KEY_HOME);
	define_seq("\033[4~", NB_KEY_END);
	define_seq("\033[7~", NB_KEY_HOME);
	define_seq("\033[8~", NB_KEY_END);
	define_seq("\033OH", NB_KEY_HOME);
	define_seq("\033OF", NB_KEY_END);
	define_seq("\033[H", NB_KEY_HOME);
	define_seq("\033[F", NB_KEY_END);
}

bool nb_key_is_text(nb_key k)
{
	if (k & NB_KEY_MODS)
		return false;
	return k >= 0x20 && k != 0x7f && k < 0x110000 && !(k >= 0x80 && k < 0xa0);
}

static nb_key from_curses_code(int c)
{
	for (int i = 0; i < nmod_keys; i++)
		if (mod_key_codes[i] == c)
			return mod_key_map[i];
	if (c >= KEY_F(1) && c <= KEY_F(12))
		return NB_KEY_F(c - KEY_F(0));
	if (c >= KEY_F(13) && c <= KEY_F(24))   /* xterm: Shift-F1 … */
		return NB_MOD_SHIFT | NB_KEY_F(c - KEY_F(12));
	switch (c) {
	case KEY_UP: return NB_KEY_UP;
	case KEY_DOWN: return NB_KEY_DOWN;
	case KEY_LEFT: return NB_KEY_LEFT;
	case KEY_RIGHT: return NB_KEY_RIGHT;
	case KEY_HOME: return NB_KEY_HOME;
	case KEY_END: return NB_KEY_END;
	case KEY_PPAGE: return NB_KEY_PAGEUP;
	case KEY_NPAGE: return NB_KEY_PAGEDOWN;
	case KEY_IC: return NB_KEY_INSERT;
	case KEY_DC: return NB_KEY_DELETE;
	case KEY_BACKSPACE: return NB_KEY_BACKSPACE;
	case KEY_ENTER: return NB_KEY_ENTER;
	case KEY_BTAB: return NB_MOD_SHIFT | NB_KEY_TAB;
	case KEY_SLEFT: return NB_MOD_SHIFT | NB_KEY_LEFT;
	case KEY_SRIGHT: return NB_MOD_SHIFT | NB_KEY_RIGHT;
	case KEY_SR: return NB_MOD_SHIFT | NB_KEY_UP;
	case KEY_SF: return NB_MOD_SHIFT | NB_KEY_DOWN;
	case KEY_SHOME: return NB_MOD_SHIFT | NB_KEY_HOME;
	case KEY_SEND: return NB_MOD_SHIFT | NB_KEY_END;
	case KEY_SDC: return NB_MOD_SHIFT | NB_KEY_DELETE;
	case KEY_A1: return NB_KEY_HOME;
	case KEY_C1: return NB_KEY_END;
	case KEY_A3: return NB_KEY_PAGEUP;
	case KEY_C3: return NB_KEY_PAGEDOWN;
	default: return NB_KEY_NONE;
	}
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Reads everything up to the end-of-paste marker. Carriage returns (what terminals and tmux send
 * for line ends) become '\n'; CR LF becomes one '\n'. */
static void read_paste(nb_event *ev)
{
	nb_sb sb = { 0 };
	bool last_cr = false;
	ev->paste_flawed = true;
	timeout(2000);   /* a slow link may pause mid-paste; give up only after a real silence */
	for (;;) {
		wint_t wc;
		int r = get_wch(&wc);
		if (r == ERR)
			break;
		if (r == KEY_CODE_YES) {
			if ((int)wc == CODE_PASTE_END) {
				ev->paste_flawed = false;
				break;
			}
			/* A sequence curses took for a key: the paste contained ESC [ …; it is lost
			 * as text but must not run as a command. */
			continue;
		}
		uint32_t cp = (uint32_t)wc;
		if (cp == '\r') {
			nb_sb_addc(&sb, '\n');
			last_cr = true;
			continue;
		}
		if (cp == '\n' && last_cr) {
			last_cr = false;
			continue;
		}
		last_cr = false;
		char u[4];
		nb_sb_add(&sb, u, nb_utf8_encode(cp, u));
	}
	ev->kind = NB_EV_PASTE;
	ev->npaste = sb.len;
	ev->paste = nb_sb_take(&sb);
}

/* Reads the rest of ESC [ … or ESC O … (already in the input queue) and returns the key it
 * names, or NB_KEY_NONE. A bracketed-paste start turns ev into a paste. */
static nb_key parse_csi(int intro, nb_event *ev)
{
	char seq[32];
	size_t n = 0;
	wint_t w;
	int r;
	for (;;) {
		r = get_wch(&w);
		if (r != OK || n + 1 >= sizeof seq)
			return NB_KEY_NONE;
		if (w >= 0x40 && w <= 0x7e) {
			seq[n] = '\0';
			break;
		}
		if (!(w >= 0x20 && w < 0x40))
			return NB_KEY_NONE;
		seq[n++] = (char)w;
	}
	int final = (int)w;
	int p1 = 0, p2 = 1;
	if (sscanf(seq, "%d;%d", &p1, &p2) < 1)
		p1 = 0;
	nb_key mods = 0;
	if (p2 > 1) {
		int m = p2 - 1;
		if (m & 1) mods |= NB_MOD_SHIFT;
		if (m & 2) mods |= NB_MOD_ALT;
		if (m & 4) mods |= NB_MOD_CTRL;
	}
	if (intro == 'O' && final >= 'P' && final <= 'S')
		return mods | NB_KEY_F(final - 'P' + 1);
	switch (final) {
	case 'A': return mods | NB_KEY_UP;
	case 'B': return mods | NB_KEY_DOWN;
	case 'C': return mods | NB_KEY_RIGHT;
	case 'D': return mods | NB_KEY_LEFT;
	case 'H': return mods | NB_KEY_HOME;
	case 'F': return mods | NB_KEY_END;
	case 'P': case 'Q': case 'R': case 'S':
		return intro == '[' && p1 == 1 ? mods | NB_KEY_F(final - 'P' + 1) : NB_KEY_NONE;
	case '~':
		break;
	default:
		return NB_KEY_NONE;
	}
	static const struct { int n; nb_key k; } tilde[] = {
		{ 1, NB_KEY_HOME }, { 2, NB_KEY_INSERT }, { 3, NB_KEY_DELETE }, { 4, NB_KEY_END },
		{ 5, NB_KEY_PAGEUP }, { 6, NB_KEY_PAGEDOWN }, { 7, NB_KEY_HOME }, { 8, NB_KEY_END },
		{ 11, NB_KEY_F1 }, { 12, NB_KEY_F2 }, { 13, NB_KEY_F3 }, { 14, NB_KEY_F4 },
		{ 15, NB_KEY_F5 }, { 17, NB_KEY_F6 }, { 18, NB_KEY_F7 }, { 19, NB_KEY_F8 },
		{ 20, NB_KEY_F9 }, { 21, NB_KEY_F10 }, { 23, NB_KEY_F11 }, { 24, NB_KEY_F12 },
	};
	if (p1 == 200) {
		read_paste(ev);
		return NB_KEY_NONE;
	}
	for (size_t i = 0; i < sizeof tilde / sizeof tilde[0]; i++)
		if (tilde[i].n == p1)
			return mods | tilde[i].k;
	return NB_KEY_NONE;
}

static int eof_streak;

void nb_input_read(nb_event *ev, int timeout_ms)
{
	memset(ev, 0, sizeof *ev);
	timeout(timeout_ms);
	long t0 = now_ms();
	wint_t wc;
	int r = get_wch(&wc);
	if (r == ERR) {
		/* A closed terminal returns at once, again and again: tell that from a timeout. */
		if (timeout_ms != 0 && now_ms() - t0 < (timeout_ms < 0 ? 1000 : timeout_ms) / 2) {
			if (++eof_streak > 50) {
				ev->kind = NB_EV_EOF;
				return;
			}
		} else {
			eof_streak = 0;
		}
		ev->kind = NB_EV_NONE;
		return;
	}
	eof_streak = 0;
	if (r == KEY_CODE_YES) {
		int c = (int)wc;
		if (c == KEY_RESIZE) {
			ev->kind = NB_EV_RESIZE;
			return;
		}
		if (c == CODE_PASTE_BEGIN) {
			read_paste(ev);
			return;
		}
		if (c == KEY_MOUSE) {
			MEVENT me;
			if (getmouse(&me) != OK)
				return;
			ev->kind = NB_EV_MOUSE;
			ev->mouse_y = me.y;
			ev->mouse_x = me.x;
			ev->mouse_wheel = (me.bstate & BUTTON4_PRESSED) ? -1
					  : (me.bstate & BUTTON5_PRESSED) ? 1 : 0;
			return;
		}
		if (c == CODE_PASTE_END)
			return;   /* stray end marker */
		nb_key k = from_curses_code(c);
		if (k != NB_KEY_NONE) {
			ev->kind = NB_EV_KEY;
			ev->key = k;
		}
		return;
	}
	uint32_t cp = (uint32_t)wc;
	if (cp == 0x1b) {
		/* ESC followed at once by another key is Alt+key; alone it is Esc. */
		timeout(0);
		wint_t w2;
		int r2 = get_wch(&w2);
		ev->kind = NB_EV_KEY;
		if (r2 == OK && (w2 == '[' || w2 == 'O')) {
			/* A sequence terminfo did not describe (F10 on a vt100 entry, say): decode the
			 * common xterm forms, drop the rest. It must never turn into typed text. */
			ev->key = parse_csi((int)w2, ev);
			if (ev->kind == NB_EV_KEY && ev->key == NB_KEY_NONE)
				ev->kind = NB_EV_NONE;
		} else if (r2 == OK && w2 != 0x1b) {
			nb_key k = nb_key_from_byte((int)w2);
			if ((uint32_t)w2 >= 0x80)
				k = (nb_key)w2;
			ev->key = NB_MOD_ALT | k;
		} else if (r2 == KEY_CODE_YES) {
			nb_key k = from_curses_code((int)w2);
			ev->key = k != NB_KEY_NONE ? (NB_MOD_ALT | k) : NB_KEY_ESC;
		} else {
			ev->key = NB_KEY_ESC;
		}
		return;
	}
	ev->kind = NB_EV_KEY;
	ev->key = cp < 0x80 ? nb_key_from_byte((int)cp) : (nb_key)cp;
	if (cp == '\n')
		ev->key = NB_KEY_ENTER;
}

void nb_event_free(nb_event *ev)
{
	free(ev->paste);
	ev->paste = NULL;
	ev->npaste = 0;
}
