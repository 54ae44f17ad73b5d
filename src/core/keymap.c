/* keymap.c — key names, keymaps and the keymap file parser.
 *
 * Defaults are written in the same language users write (keymaps/default.keymap), so there is one
 * code path for both; problems are collected as FILE:LINE messages instead of stopping the load. */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "nianbao/keymap.h"
#include "nianbao/text.h"

/* ---- key names ---- */

typedef struct key_name {
	const char *name;   /* keymap-file name */
	const char *shortn; /* hint-bar name */
	int code;
} key_name;

static const key_name key_names[] = {
	{"Up", "Up", NB_KEY_UP},
	{"Down", "Down", NB_KEY_DOWN},
	{"Left", "Left", NB_KEY_LEFT},
	{"Right", "Right", NB_KEY_RIGHT},
	{"Home", "Home", NB_KEY_HOME},
	{"End", "End", NB_KEY_END},
	{"PageUp", "PgUp", NB_KEY_PAGEUP},
	{"PageDown", "PgDn", NB_KEY_PAGEDOWN},
	{"Insert", "Ins", NB_KEY_INSERT},
	{"Delete", "Del", NB_KEY_DELETE},
	{"Backspace", "BkSp", NB_KEY_BACKSPACE},
	{"Enter", "Enter", NB_KEY_ENTER},
	{"Tab", "Tab", NB_KEY_TAB},
	{"Esc", "Esc", NB_KEY_ESC},
	{"Space", "Space", ' '},
	{"F1", "F1", NB_KEY_F1}, {"F2", "F2", NB_KEY_F2}, {"F3", "F3", NB_KEY_F3},
	{"F4", "F4", NB_KEY_F4}, {"F5", "F5", NB_KEY_F5}, {"F6", "F6", NB_KEY_F6},
	{"F7", "F7", NB_KEY_F7}, {"F8", "F8", NB_KEY_F8}, {"F9", "F9", NB_KEY_F9},
	{"F10", "F10", NB_KEY_F10}, {"F11", "F11", NB_KEY_F11}, {"F12", "F12", NB_KEY_F12},
};

/* Other spellings people write. */
static const key_name key_aliases[] = {
	{"PgUp", NULL, NB_KEY_PAGEUP}, {"PgDn", NULL, NB_KEY_PAGEDOWN}, {"PPage", NULL, NB_KEY_PAGEUP},
	{"NPage", NULL, NB_KEY_PAGEDOWN}, {"Ins", NULL, NB_KEY_INSERT}, {"Del", NULL, NB_KEY_DELETE},
	{"BSpace", NULL, NB_KEY_BACKSPACE}, {"BkSp", NULL, NB_KEY_BACKSPACE},
	{"Return", NULL, NB_KEY_ENTER}, {"Escape", NULL, NB_KEY_ESC},
};

#define COUNT(a) (sizeof(a) / sizeof(a)[0])

nb_key nb_key_from_byte(int byte)
{
	switch (byte) {
	case 0x00: return NB_MOD_CTRL | ' ';
	case 0x09: return NB_KEY_TAB;
	case 0x0d: return NB_KEY_ENTER;
	case 0x1b: return NB_KEY_ESC;
	case 0x1c: return NB_MOD_CTRL | '\\';
	case 0x1d: return NB_MOD_CTRL | ']';
	case 0x1e: return NB_MOD_CTRL | '^';
	case 0x1f: return NB_MOD_CTRL | '_';
	case 0x7f: return NB_KEY_BACKSPACE;
	default:
		if (byte >= 0x01 && byte <= 0x1a)
			return NB_MOD_CTRL | ('a' + byte - 1);
		return byte;
	}
}

/* Brings a Ctrl combination to the form a terminal can deliver, or NB_KEY_NONE. */
static nb_key fold_ctrl(nb_key key)
{
	int mods = key & NB_KEY_MODS, base = NB_KEY_BASE(key);
	if (base >= NB_KEY_UP)
		return key;  /* C-Left, C-Home …: sent by xterm-style terminals */
	if (base >= 'A' && base <= 'Z')
		base += 'a' - 'A';
	if (mods & NB_MOD_SHIFT)
		return NB_KEY_NONE;
	int rest = mods & ~NB_MOD_CTRL;
	switch (base) {
	case 'm': return rest | NB_KEY_ENTER;
	case 'i': return rest | NB_KEY_TAB;
	case '[': return rest | NB_KEY_ESC;
	case '?': return rest | NB_KEY_BACKSPACE;
	case '@': return rest | NB_MOD_CTRL | ' ';
	case '/': return rest | NB_MOD_CTRL | '_';
	case ' ': case '\\': case ']': case '^': case '_':
		return key;
	default:
		if (base >= 'a' && base <= 'z')
			return mods | base;
		return NB_KEY_NONE;  /* no terminal sends Ctrl with this key */
	}
}

static int lookup_name(const char *s)
{
	for (size_t i = 0; i < COUNT(key_names); i++)
		if (strcasecmp(s, key_names[i].name) == 0)
			return key_names[i].code;
	for (size_t i = 0; i < COUNT(key_aliases); i++)
		if (strcasecmp(s, key_aliases[i].name) == 0)
			return key_aliases[i].code;
	return 0;
}

nb_key nb_key_parse(const char *name)
{
	if (!name || !*name)
		return NB_KEY_NONE;
	int mods = 0;
	const char *p = name;
	if (p[0] == '^' && p[1] && !p[2]) {  /* ^S */
		mods = NB_MOD_CTRL;
		p++;
	}
	while (p[0] && p[1] == '-' && p[2]) {
		int m = p[0] == 'C' ? NB_MOD_CTRL : p[0] == 'M' ? NB_MOD_ALT : p[0] == 'S' ? NB_MOD_SHIFT : 0;
		if (!m)
			break;
		mods |= m;
		p += 2;
	}
	int base;
	size_t len = strlen(p);
	uint32_t cp;
	bool valid;
	size_t n = nb_utf8_decode(p, len, &cp, &valid);
	if (n == len && valid) {
		if (cp < 0x20 || cp == 0x7f)
			return NB_KEY_NONE;
		base = (int)cp;
	} else {
		base = lookup_name(p);
		if (!base)
			return NB_KEY_NONE;
	}
	if ((mods & NB_MOD_SHIFT) && base < NB_KEY_UP) {
		/* S-a is just A; Shift with other characters is not a distinct key */
		if (base >= 'a' && base <= 'z')
			base += 'A' - 'a';
		else if (!(base >= 'A' && base <= 'Z'))
			return NB_KEY_NONE;
		mods &= ~NB_MOD_SHIFT;
	}
	nb_key key = mods | base;
	if (mods & NB_MOD_CTRL)
		key = fold_ctrl(key);
	return key;
}

static const key_name *special_name(int base)
{
	for (size_t i = 0; i < COUNT(key_names); i++)
		if (key_names[i].code == base)
			return &key_names[i];
	return NULL;
}

const char *nb_key_format(nb_key key, nb_keyfmt fmt, char *buf, size_t size)
{
	int mods = key & NB_KEY_MODS, base = NB_KEY_BASE(key);
	char basebuf[8];
	const char *bname;
	const key_name *kn = special_name(base);
	if (kn)
		bname = fmt == NB_KEYFMT_SHORT ? kn->shortn : kn->name;
	else if (base > 0 && base < 0x110000) {
		size_t k = nb_utf8_encode((uint32_t)base, basebuf);
		basebuf[k] = '\0';
		bname = basebuf;
	} else
		bname = "?";
	if (fmt == NB_KEYFMT_SHORT && mods == NB_MOD_CTRL && base < 0x80 && !kn) {
		char c = (char)base;
		if (c >= 'a' && c <= 'z')
			c += 'A' - 'a';
		snprintf(buf, size, "^%c", c);
		return buf;
	}
	snprintf(buf, size, "%s%s%s%s", (mods & NB_MOD_CTRL) ? "C-" : "", (mods & NB_MOD_ALT) ? "M-" : "",
	         (mods & NB_MOD_SHIFT) ? "S-" : "", bname);
	return buf;
}

/* ---- keymaps ---- */

typedef struct binding {
	nb_key key;
	int action;
} binding;

struct nb_keymap {
	const char *const *actions;
	size_t nactions;
	binding *v;  /* in binding order: the first key of an action is the one the hint bar shows */
	size_t n, cap;
};

nb_keymap *nb_keymap_new(const char *const *actions, size_t n)
{
	nb_keymap *km = nb_xcalloc(1, sizeof *km);
	km->actions = actions;
	km->nactions = n;
	return km;
}

void nb_keymap_free(nb_keymap *km)
{
	if (!km)
		return;
	free(km->v);
	free(km);
}

int nb_keymap_action_index(const nb_keymap *km, const char *action)
{
	if (!action)
		return -1;
	for (size_t i = 0; i < km->nactions; i++)
		if (km->actions[i] && strcmp(km->actions[i], action) == 0)
			return (int)i;
	return -1;
}

const char *nb_keymap_action_name(const nb_keymap *km, int action)
{
	return action >= 0 && (size_t)action < km->nactions ? km->actions[action] : NULL;
}

void nb_keymap_unbind(nb_keymap *km, nb_key key)
{
	for (size_t i = 0; i < km->n; i++)
		if (km->v[i].key == key) {
			memmove(&km->v[i], &km->v[i + 1], (km->n - i - 1) * sizeof *km->v);
			km->n--;
			return;
		}
}

int nb_keymap_bind(nb_keymap *km, nb_key key, const char *action)
{
	int a = nb_keymap_action_index(km, action);
	if (a < 0 || key == NB_KEY_NONE)
		return -1;
	nb_keymap_unbind(km, key);
	if (km->n == km->cap) {
		km->cap = km->cap ? km->cap * 2 : 64;
		km->v = nb_xrealloc(km->v, km->cap * sizeof *km->v);
	}
	km->v[km->n++] = (binding){key, a};
	return 0;
}

void nb_keymap_clear(nb_keymap *km) { km->n = 0; }

int nb_keymap_lookup(const nb_keymap *km, nb_key key)
{
	for (size_t i = 0; i < km->n; i++)
		if (km->v[i].key == key)
			return km->v[i].action;
	return -1;
}

const char *nb_keymap_lookup_name(const nb_keymap *km, nb_key key)
{
	return nb_keymap_action_name(km, nb_keymap_lookup(km, key));
}

size_t nb_keymap_keys_for(const nb_keymap *km, const char *action, nb_key *out, size_t max)
{
	int a = nb_keymap_action_index(km, action);
	size_t found = 0;
	if (a < 0)
		return 0;
	for (size_t i = 0; i < km->n; i++)
		if (km->v[i].action == a) {
			if (found < max)
				out[found] = km->v[i].key;
			found++;
		}
	return found;
}

nb_key nb_keymap_key_for(const nb_keymap *km, const char *action)
{
	nb_key k = NB_KEY_NONE;
	nb_keymap_keys_for(km, action, &k, 1);
	return k;
}

size_t nb_keymap_count(const nb_keymap *km) { return km->n; }

bool nb_keymap_entry(const nb_keymap *km, size_t i, nb_key *key, int *action)
{
	if (i >= km->n)
		return false;
	if (key)
		*key = km->v[i].key;
	if (action)
		*action = km->v[i].action;
	return true;
}

/* ---- files ---- */

void nb_keymap_errors_free(nb_keymap_errors *e)
{
	for (size_t i = 0; i < e->n; i++)
		free(e->v[i]);
	free(e->v);
	e->v = NULL;
	e->n = e->cap = 0;
}

static void add_error(nb_keymap_errors *e, char *msg)
{
	if (!e) {
		free(msg);
		return;
	}
	if (e->n == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 8;
		e->v = nb_xrealloc(e->v, e->cap * sizeof *e->v);
	}
	e->v[e->n++] = msg;
}

#define MAX_WORDS 4

/* Splits a line into words separated by spaces or tabs, stopping at a word that starts with '#'.
 * The line is modified in place. Returns the number of words (at most MAX_WORDS are kept, the
 * count keeps going so extra words can be reported). */
static int split_words(char *line, char **w)
{
	int n = 0;
	char *p = line;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || *p == '#')
			break;
		char *start = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (n < MAX_WORDS)
			w[n] = start;
		n++;
		if (*p)
			*p++ = '\0';
	}
	return n;
}

size_t nb_keymap_load_string(nb_keymap *km, const char *fname, const char *text, size_t len,
                             nb_keymap_errors *errs)
{
	size_t problems = 0, lineno = 0, pos = 0;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;  /* BOM from editors on other systems */
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;
		lineno++;
		char *line = nb_xstrndup(text + pos, end - pos);
		pos = end + 1;
		size_t ll = strlen(line);
		if (ll && line[ll - 1] == '\r')
			line[ll - 1] = '\0';
		char *w[MAX_WORDS];
		int n = split_words(line, w);
		char *msg = NULL;
		if (n == 0) {
			/* blank or comment */
		} else if (strcmp(w[0], "bind") == 0) {
			if (n < 3) {
				msg = nb_xasprintf("%s:%zu: bind needs a key and an action (bind KEY ACTION)", fname,
				                   lineno);
			} else if (n > 3) {
				msg = nb_xasprintf("%s:%zu: unexpected '%s' after the action", fname, lineno, w[3]);
			} else {
				nb_key key = nb_key_parse(w[1]);
				if (key == NB_KEY_NONE)
					msg = nb_xasprintf("%s:%zu: unknown key name '%s'", fname, lineno, w[1]);
				else if (nb_keymap_bind(km, key, w[2]) < 0)
					msg = nb_xasprintf("%s:%zu: unknown action '%s'", fname, lineno, w[2]);
			}
		} else if (strcmp(w[0], "unbind") == 0) {
			if (n < 2) {
				msg = nb_xasprintf("%s:%zu: unbind needs a key (unbind KEY)", fname, lineno);
			} else if (n > 2) {
				msg = nb_xasprintf("%s:%zu: unexpected '%s' after the key", fname, lineno, w[2]);
			} else {
				nb_key key = nb_key_parse(w[1]);
				if (key == NB_KEY_NONE)
					msg = nb_xasprintf("%s:%zu: unknown key name '%s'", fname, lineno, w[1]);
				else
					nb_keymap_unbind(km, key);
			}
		} else if (strcmp(w[0], "unbind-all") == 0) {
			if (n > 1)
				msg = nb_xasprintf("%s:%zu: unexpected '%s' after unbind-all", fname, lineno, w[1]);
			else
				nb_keymap_clear(km);
		} else {
			msg = nb_xasprintf("%s:%zu: unknown command '%s' (expected bind, unbind or unbind-all)",
			                   fname, lineno, w[0]);
		}
		if (msg) {
			problems++;
			add_error(errs, msg);
		}
		free(line);
	}
	return problems;
}

#define MAX_KEYMAP_BYTES ((size_t)1 << 20)

int nb_keymap_load_file(nb_keymap *km, const char *path, nb_keymap_errors *errs)
{
	char *data;
	size_t len;
	nb_error err;
	if (nb_read_file(path, MAX_KEYMAP_BYTES, &data, &len, &err) < 0) {
		add_error(errs, nb_xstrdup(err.msg));
		return -1;
	}
	size_t problems = nb_keymap_load_string(km, path, data, len, errs);
	free(data);
	return (int)problems;
}

static const char *const vital_actions[] = {"save", "quit", "cancel"};

bool nb_keymap_validate(const nb_keymap *km, nb_error *err)
{
	nb_sb missing = {0};
	for (size_t i = 0; i < COUNT(vital_actions); i++)
		if (nb_keymap_key_for(km, vital_actions[i]) == NB_KEY_NONE) {
			if (missing.len)
				nb_sb_adds(&missing, ", ");
			nb_sb_adds(&missing, vital_actions[i]);
		}
	if (!missing.len)
		return true;
	nb_error_set(err, "keymap leaves %s unbound: nianbao needs a key for save, quit and cancel",
	             nb_sb_cstr(&missing));
	nb_sb_free(&missing);
	return false;
}

const char *nb_keymap_builtin(const char *name, size_t *len)
{
	const char *text = NULL;
	size_t n = 0;
	if (!name)
		return NULL;
	if (strcmp(name, "default") == 0) {
		text = nb_builtin_keymaps_default_keymap;
		n = nb_builtin_keymaps_default_keymap_len;
	} else if (strcmp(name, "nano") == 0) {
		text = nb_builtin_keymaps_nano_keymap;
		n = nb_builtin_keymaps_nano_keymap_len;
	} else if (strcmp(name, "emacs") == 0) {
		text = nb_builtin_keymaps_emacs_keymap;
		n = nb_builtin_keymaps_emacs_keymap_len;
	}
	if (text && len)
		*len = n;
	return text;
}

char *nb_keymap_user_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	if (xdg && *xdg)
		return nb_xasprintf("%s/nianbao/keymap", xdg);
	const char *home = getenv("HOME");
	if (home && *home)
		return nb_xasprintf("%s/.config/nianbao/keymap", home);
	return NULL;
}

nb_keymap *nb_keymap_resolve(const char *spec, const char *user_file,
                             const char *const *actions, size_t n,
                             nb_keymap_errors *errs, nb_error *err)
{
	nb_keymap *km = nb_keymap_new(actions, n);
	size_t len;
	const char *text = nb_keymap_builtin("default", &len);
	nb_keymap_load_string(km, "default.keymap", text, len, errs);
	if (spec) {
		text = nb_keymap_builtin(spec, &len);
		if (text) {
			char *fname = nb_xasprintf("%s.keymap", spec);
			nb_keymap_load_string(km, fname, text, len, errs);
			free(fname);
		} else {
			char *data;
			if (nb_read_file(spec, MAX_KEYMAP_BYTES, &data, &len, err) < 0) {
				nb_keymap_free(km);
				return NULL;
			}
			nb_keymap_load_string(km, spec, data, len, errs);
			free(data);
		}
	} else if (user_file && access(user_file, F_OK) == 0) {
		nb_keymap_load_file(km, user_file, errs);
	}
	if (!nb_keymap_validate(km, err)) {
		nb_keymap_free(km);
		return NULL;
	}
	return km;
}
