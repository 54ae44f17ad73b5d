/* tui.c — the editor's entry point: locale, opening the report, the keymap, the terminal
 * (raw input with IXON off so Ctrl-S arrives, bracketed paste on, mouse off), signals, and the
 * main loop.
 *
 * Signals only set a flag. The loop acts on it: SIGWINCH comes through curses as KEY_RESIZE;
 * SIGHUP (a dropped SSH link) and SIGTERM make the loop stop, and unsaved work is written to an
 * emergency copy before the process exits. Checking and the checklist run when no input is
 * waiting, so a burst of keys or a paste is handled first and checked once. */
#include "config.h"
#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include "nianbao/lexicon.h"
#include "nianbao/text.h"
#include "ui.h"

volatile sig_atomic_t nb_got_hangup;

static void on_hangup(int sig)
{
	nb_got_hangup = sig;
}

bool nb_ui_poll_signals(nb_ui *ui)
{
	(void)ui;
	return nb_got_hangup != 0;
}

static void install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_hangup;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);   /* only from kill: the keyboard sends ^C as a key in raw mode */
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

/* UTF-8 or nothing: the document is UTF-8, and curses must agree on character widths. */
static bool ensure_utf8_locale(void)
{
	setlocale(LC_ALL, "");
	const char *cs = nl_langinfo(CODESET);
	if (cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0))
		return true;
	char *was = nb_xstrdup(cs ? cs : "?");
	if (setlocale(LC_ALL, "C.UTF-8") || setlocale(LC_ALL, "C.utf8")) {
		cs = nl_langinfo(CODESET);
		if (cs && strcmp(cs, "UTF-8") == 0) {
			free(was);
			return true;
		}
	}
	nb_msg_init();
	fprintf(stderr, "nianbao: ");
	fprintf(stderr, _(M_NEEDS_UTF8), was);
	fputc('\n', stderr);
	free(was);
	return false;
}

static void write_tty(const char *s)
{
	size_t n = strlen(s);
	while (n > 0) {
		ssize_t w = write(STDOUT_FILENO, s, n);
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

/* Flow control (IXON) would swallow Ctrl-S and Ctrl-Q; IEXTEN would swallow Ctrl-V and Ctrl-O. */
static void terminal_keys_through(void)
{
	struct termios t;
	if (tcgetattr(STDIN_FILENO, &t) != 0)
		return;
	t.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
	t.c_lflag &= ~(tcflag_t)(IEXTEN | ISIG);
	tcsetattr(STDIN_FILENO, TCSANOW, &t);
	def_prog_mode();   /* so curses restores this mode after a resize or endwin */
}

static bool term_is_plain(void)
{
	const char *t = getenv("TERM");
	if (!t)
		return true;
	return strncmp(t, "vt", 2) == 0 || strcmp(t, "linux") == 0 || strncmp(t, "ansi", 4) == 0 ||
	       strcmp(t, "dumb") == 0 || getenv("NIANBAO_ASCII") != NULL;
}

void nb_ui_resize(nb_ui *ui)
{
	nb_screen_layout(ui);
	nb_doc *d = nb_ui_doc(ui);
	if (d && ui->layout) {
		nb_layout_set_width(ui->layout, d->buf, ui->geo.text.w, ui->opts.ambiguous_wide);
		nb_ui_scroll_to_cursor(ui);
	}
}

static int current_year(void)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	return tm.tm_year + 1900;
}

static bool file_exists(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0;
}

static bool has_yaml_name(const char *p)
{
	size_t n = strlen(p);
	return (n > 5 && strcmp(p + n - 5, ".yaml") == 0) || (n > 4 && strcmp(p + n - 4, ".yml") == 0);
}

/* Opens the report (or starts a new one). Returns false with a message on stderr. */
static bool open_report(nb_ui *ui)
{
	const char *path = ui->opts.path;
	if (path && file_exists(path)) {
		nb_error err = { { 0 } };
		nb_file_kind kind;
		ui->rep = nb_load_report(path, ui->tpl, &kind, &ui->load_notes, &err);
		if (!ui->rep) {
			fprintf(stderr, "nianbao: %s\n", err.msg);
			return false;
		}
		if (kind == NB_FILE_YAML)
			ui->path = nb_xstrdup(path);
		else
			ui->draft_path = nb_xstrdup(path);
		ui->cur = ui->rep->nsections ? 0 : NB_ENTRY_FORM;
		return true;
	}
	/* A new report: the year just ended is the one being reported on. */
	ui->rep = nb_report_from_template(ui->tpl, NULL, current_year() - 1, NULL);
	if (path) {
		if (has_yaml_name(path))
			ui->path = nb_xstrdup(path);
		else
			ui->draft_path = nb_xstrdup(path);   /* a name hint; never written as YAML */
	}
	ui->cur = NB_ENTRY_FORM;
	return true;
}

static bool load_keymap(nb_ui *ui)
{
	char *user = nb_keymap_user_path();
	nb_error err = { { 0 } };
	ui->keymap = nb_keymap_resolve(ui->opts.keymap, user, nb_action_names, NB_ACT__COUNT,
				       &ui->keymap_errors, &err);
	free(user);
	if (ui->keymap)
		return true;
	fprintf(stderr, "nianbao: %s\n", err.msg);
	for (size_t i = 0; i < ui->keymap_errors.n; i++)
		fprintf(stderr, "%s\n", ui->keymap_errors.v[i]);
	return false;
}

static bool inside(nb_rect r, int y, int x)
{
	return y >= r.y && y < r.y + r.h && x >= r.x && x < r.x + r.w;
}

/* With --mouse: a click places the cursor or opens an outline entry; the wheel scrolls. */
static void handle_mouse(nb_ui *ui, const nb_event *ev)
{
	nb_geometry *g = &ui->geo;
	nb_doc *d = nb_ui_doc(ui);
	if (ev->mouse_wheel) {
		for (int i = 0; i < 3; i++)
			nb_action_run(ui, ev->mouse_wheel < 0 ? NB_ACT_up : NB_ACT_down);
		return;
	}
	if (d && inside(g->editor, ev->mouse_y, ev->mouse_x)) {
		size_t row = d->top + (size_t)(ev->mouse_y - g->editor.y);
		if (row < nb_layout_row_count(ui->layout))
			nb_ui_move_cursor(ui, nb_layout_offset(ui->layout, d->buf, row,
							       ev->mouse_x - g->text.x), false);
		else
			nb_ui_move_cursor(ui, nb_buffer_len(d->buf), false);
	} else if (inside(g->outline, ev->mouse_y, ev->mouse_x)) {
		int i = ev->mouse_y - g->outline.y - 1;   /* row 0 is the title */
		if (i >= 0 && i < nb_ui_entry_count(ui))
			nb_ui_enter(ui, nb_ui_entry_at(ui, i));
	}
}

static void handle_event(nb_ui *ui, nb_event *ev)
{
	switch (ev->kind) {
	case NB_EV_RESIZE:
		nb_ui_resize(ui);
		return;
	case NB_EV_EOF:
		nb_got_hangup = SIGHUP;
		return;
	case NB_EV_PASTE:
		ui->message[0] = '\0';
		nb_edit_paste_text(ui, ev->paste, ev->npaste);
		if (ev->paste_flawed)
			nb_ui_error(ui, "%s", _(M_FLAWED_PASTE));
		else if (!ui->message[0])
			nb_ui_message(ui, _(M_PASTED), ev->npaste);
		return;
	case NB_EV_MOUSE:
		handle_mouse(ui, ev);
		return;
	case NB_EV_KEY:
		break;
	default:
		return;
	}
	ui->message[0] = '\0';
	nb_key k = ev->key;
	/* Typed text never turns into a command, whatever the keymap says (pinyin input). */
	if (nb_key_is_text(k)) {
		char u[4];
		nb_edit_insert(ui, u, nb_utf8_encode((uint32_t)k, u));
		return;
	}
	int act = nb_keymap_lookup(ui->keymap, k);
	if (act >= 0)
		nb_action_run(ui, act);
	else if (k == NB_KEY_ENTER)
		nb_action_run(ui, NB_ACT_newline);
}

/* A section this large is re-checked only after a pause in typing, so keys never wait for it. */
#define BIG_SECTION_BYTES ((size_t)256 * 1024)
#define BIG_SECTION_PAUSE_MS 300

static bool big_section(nb_ui *ui)
{
	nb_doc *d = nb_ui_doc(ui);
	return d && nb_buffer_len(d->buf) > BIG_SECTION_BYTES;
}

static void main_loop(nb_ui *ui)
{
	bool dirty = true;
	while (!ui->quit) {
		if (nb_ui_poll_signals(ui))
			break;
		nb_event ev;
		nb_input_read(&ev, 0);
		if (ev.kind == NB_EV_NONE) {
			/* Nothing waiting: bring checks up to date, then show the result. In a very
			 * large section, show the keystroke first and check after a pause. */
			if (big_section(ui) && nb_ui_check_pending(ui)) {
				if (dirty) {
					nb_screen_draw(ui);
					dirty = false;
				}
				nb_input_read(&ev, BIG_SECTION_PAUSE_MS);
				if (ev.kind == NB_EV_NONE) {
					nb_ui_refresh_checks(ui);
					dirty = true;
					continue;
				}
			} else {
				nb_ui_refresh_checks(ui);
				if (dirty) {
					nb_screen_draw(ui);
					dirty = false;
				}
				int wait = nb_safety_tick(ui);
				nb_input_read(&ev, wait > 0 ? wait : 1000);
				if (ev.kind == NB_EV_NONE)
					continue;
			}
		}
		handle_event(ui, &ev);
		nb_event_free(&ev);
		dirty = true;
	}
}

static void ui_free(nb_ui *ui)
{
	nb_ui_docs_free(ui);
	if (ui->layout)
		nb_layout_free(ui->layout);
	nb_findings_free(&ui->findings);
	nb_check_cache_free(ui->check_cache);
	nb_findings_free(&ui->load_notes);
	if (ui->rep)
		nb_report_free(ui->rep);
	if (ui->tpl)
		nb_template_free(ui->tpl);
	if (ui->check_opts.lexicon)
		nb_lexicon_free((nb_lexicon *)ui->check_opts.lexicon);
	if (ui->keymap)
		nb_keymap_free(ui->keymap);
	nb_keymap_errors_free(&ui->keymap_errors);
	free(ui->path);
	free(ui->draft_path);
	free(ui->export_path);
	free(ui->checklist);
	free(ui->forder);
	free(ui->last_find);
	free(ui->clip);
	free(ui->titled_unit);
	free(ui->locked_path);
}

int nb_tui_run(const nb_tui_opts *o)
{
	if (!ensure_utf8_locale())
		return 2;
	nb_msg_init();
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "nianbao: %s\n", _(M_NEEDS_TERMINAL));
		return 2;
	}
	nb_ui ui_storage, *ui = &ui_storage;
	memset(ui, 0, sizeof *ui);
	ui->opts = *o;
	ui->fcur = -1;
	nb_error err = { { 0 } };
	if (o->template_path) {
		ui->tpl = nb_template_load_file(o->template_path, &err);
		if (!ui->tpl) {
			fprintf(stderr, "nianbao: %s\n", err.msg);
			return 2;
		}
	} else {
		ui->tpl = nb_template_builtin();
	}
	if (!load_keymap(ui) || !open_report(ui)) {
		ui_free(ui);
		return 2;
	}
	ui->check_opts.today_year = current_year();
	/* Loaded once: re-checking a section as the user types must not re-read the word lists. */
	ui->check_opts.lexicon = nb_lexicon_builtin();
	ui->titled_year = nb_report_year(ui->rep);
	ui->titled_unit = nb_xstrdup(nb_report_meta(ui->rep, NB_META_UNIT));

	SCREEN *scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		fprintf(stderr, "nianbao: %s: %s\n", getenv("TERM") ? getenv("TERM") : "TERM",
			_(M_UNKNOWN_TERMINAL));
		ui_free(ui);
		return 2;
	}
	install_signals();
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	terminal_keys_through();
	nb_input_init();
	nb_shift_init(o->ambiguous_wide);
	ui->ascii = term_is_plain();
	nb_screen_colors(ui);
	write_tty("\033[?2004h");   /* bracketed paste */
	if (o->mouse) {
		/* Off unless asked for: with it on, the terminal's own text selection needs Shift. */
		mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
		mouseinterval(0);
	}

	nb_screen_layout(ui);
	nb_ui_docs_init(ui);
	nb_form_init(ui);
	nb_ui_refresh_all(ui);
	nb_ui_enter(ui, ui->cur);
	nb_safety_start(ui);
	nb_ui_enter(ui, ui->cur);
	/* Keymap mistakes first; then lock, journal or emergency-copy news (already in the message
	 * line); else a word on where to start. */
	if (ui->keymap_errors.n)
		nb_ui_error(ui, _(M_KEYMAP_ERRORS), ui->keymap_errors.v[0]);
	else if (!ui->message[0] && ui->draft_path && !ui->path && file_exists(ui->draft_path))
		nb_ui_message(ui, _(M_IMPORTED), ui->draft_path);
	else if (!ui->message[0] && ui->cur == NB_ENTRY_FORM)
		nb_ui_message(ui, "%s", _(M_WELCOME));

	main_loop(ui);

	char *saved = NULL;
	nb_error save_err = { { 0 } };
	/* A reviewer's unsaved 批注 and decisions are kept too. */
	if (nb_got_hangup && ((nb_ui_modified(ui) && !ui->opts.read_only) || ui->review_modified))
		saved = nb_files_emergency_save(ui, &save_err);
	nb_safety_finish(ui, !nb_got_hangup);
	write_tty("\033[?2004l");
	endwin();
	delscreen(scr);
	int rc = 0;
	if (nb_got_hangup) {
		/* Said after endwin so that it lands on a normal screen (if there still is one). */
		if (saved) {
			fprintf(stderr, "nianbao: ");
			fprintf(stderr, _(M_EMERGENCY), saved);
			fputc('\n', stderr);
		} else if (save_err.msg[0]) {
			fprintf(stderr, "nianbao: %s\n", save_err.msg);
		}
		rc = 1;
	}
	free(saved);
	ui_free(ui);
	return rc;
}
