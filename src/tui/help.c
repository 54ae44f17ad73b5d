/* help.c — F1: every action of the registry with the keys the live keymap gives it and its
 * one-line help, what a "word" is in Chinese text, the outline marks, where keymaps come from,
 * and any problems found in the keymap file (file:line). */
#include "config.h"
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include "nianbao/text.h"
#include "ui.h"

typedef struct help_line {
	char *text;
	int attr;
} help_line;

typedef struct help_doc {
	help_line *v;
	size_t n, cap;
} help_doc;

static void add(help_doc *h, int attr, char *text)
{
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 64;
		h->v = nb_xrealloc(h->v, h->cap * sizeof *h->v);
	}
	h->v[h->n++] = (help_line){ text, attr };
}

/* Adds s wrapped to width, with an indent for continuation rows. */
static void add_wrapped(help_doc *h, int attr, const char *s, int width, int indent, bool amb)
{
	nb_rows rows = { 0 };
	nb_wrap_text(s, strlen(s), width > 10 ? width : 10, amb, &rows);
	for (size_t i = 0; i < rows.n; i++) {
		size_t a = rows.v[i].start, b = rows.v[i].end;
		if (i == 0)
			add(h, attr, nb_xstrndup(s + a, b - a));
		else
			add(h, attr, nb_xasprintf("%*s%.*s", indent, "", (int)(b - a), s + a));
	}
	nb_rows_free(&rows);
}

static void build(nb_ui *ui, help_doc *h, int width)
{
	bool amb = ui->opts.ambiguous_wide;
	add(h, A_BOLD, nb_xstrdup(_(M_HELP_TITLE)));
	add(h, A_NORMAL, nb_xstrdup(""));
	if (ui->keymap_errors.n) {
		for (size_t i = 0; i < ui->keymap_errors.n; i++)
			add_wrapped(h, A_BOLD, ui->keymap_errors.v[i], width, 2, amb);
		add(h, A_NORMAL, nb_xstrdup(""));
	}
	const int keyw = 22;
	nb_sb head = { 0 };
	nb_sb_adds(&head, _(M_HELP_KEYS));
	for (int pad = nb_text_cells(head.s, head.len, amb); pad < keyw; pad++)
		nb_sb_addc(&head, ' ');
	nb_sb_adds(&head, _(M_HELP_ACTION));
	add(h, A_BOLD, nb_sb_take(&head));
	for (int a = 0; a < NB_ACT__COUNT; a++) {
		nb_key keys[4];
		size_t n = nb_keymap_keys_for(ui->keymap, nb_action_names[a], keys, 4);
		nb_sb sb = { 0 };
		if (n == 0)
			nb_sb_adds(&sb, _(M_HELP_UNBOUND));
		for (size_t i = 0; i < n && i < 4; i++) {
			char kb[32];
			nb_key_format(keys[i], NB_KEYFMT_NAME, kb, sizeof kb);
			if (i)
				nb_sb_adds(&sb, " ");
			nb_sb_adds(&sb, kb);
		}
		int kw = nb_text_cells(sb.s, sb.len, amb);
		for (int pad = kw; pad < keyw; pad++)
			nb_sb_addc(&sb, ' ');
		if (kw >= keyw)
			nb_sb_addc(&sb, ' ');
		nb_sb_printf(&sb, "%s  %s", nb_action_names[a], nb_action_help(a));
		add_wrapped(h, A_NORMAL, nb_sb_cstr(&sb), width, keyw, amb);
		nb_sb_free(&sb);
	}
	add(h, A_NORMAL, nb_xstrdup(""));
	add_wrapped(h, A_NORMAL, _(M_HELP_WORD), width, 0, amb);
	add(h, A_NORMAL, nb_xstrdup(""));
	add_wrapped(h, A_NORMAL, _(ui->ascii ? M_HELP_MARKS_ASCII : M_HELP_MARKS), width, 0, amb);
	add_wrapped(h, A_NORMAL, _(ui->ascii ? M_HELP_REVIEW_ASCII : M_HELP_REVIEW_MARKS), width, 0, amb);
	add(h, A_NORMAL, nb_xstrdup(""));
	add_wrapped(h, A_NORMAL, _(M_HELP_FILES), width, 0, amb);
}

static void free_doc(help_doc *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->v[i].text);
	free(h->v);
	memset(h, 0, sizeof *h);
}

/* The viewer: the lines come from `fill` for the terminal's width (again after a resize). */
typedef void fill_fn(nb_ui *ui, help_doc *h, int width, const void *ctx);

static void run_viewer(nb_ui *ui, fill_fn *fill, const void *ctx)
{
	help_doc h = { 0 };
	int built_for = -1;
	size_t top = 0;
	for (;;) {
		if (nb_ui_poll_signals(ui))
			break;
		if (built_for != COLS) {
			free_doc(&h);
			fill(ui, &h, COLS - 1, ctx);
			built_for = COLS;
		}
		int rows = LINES - 1;
		if (rows < 1)
			rows = 1;
		if (h.n > (size_t)rows && top > h.n - (size_t)rows)
			top = h.n - (size_t)rows;
		erase();
		for (int y = 0; y < rows && top + (size_t)y < h.n; y++) {
			help_line *l = &h.v[top + (size_t)y];
			nb_draw_text(y, 0, COLS, l->text, strlen(l->text), l->attr, ui->opts.ambiguous_wide);
		}
		char pos[64];
		snprintf(pos, sizeof pos, " %zu/%zu ", top + 1, h.n);
		nb_draw_fill(LINES - 1, 0, COLS, A_REVERSE);
		nb_draw_text(LINES - 1, 0, COLS, pos, strlen(pos), A_REVERSE, false);
		move(LINES - 1, 0);
		refresh();
		nb_event ev;
		nb_input_read(&ev, 1000);
		if (ev.kind == NB_EV_EOF) {
			nb_got_hangup = 1;
			break;
		}
		if (ev.kind == NB_EV_RESIZE) {
			nb_ui_resize(ui);
			continue;
		}
		nb_event_free(&ev);
		if (ev.kind != NB_EV_KEY)
			continue;
		int act = nb_keymap_lookup(ui->keymap, ev.key);
		size_t page = (size_t)(rows > 1 ? rows - 1 : 1);
		if (ev.key == NB_KEY_ESC || ev.key == 'q' || act == NB_ACT_cancel || act == NB_ACT_help ||
		    act == NB_ACT_quit)
			break;
		else if (ev.key == NB_KEY_DOWN || act == NB_ACT_down)
			top++;
		else if ((ev.key == NB_KEY_UP || act == NB_ACT_up) && top > 0)
			top--;
		else if (ev.key == NB_KEY_PAGEDOWN || act == NB_ACT_page_down || ev.key == ' ')
			top += page;
		else if (ev.key == NB_KEY_PAGEUP || act == NB_ACT_page_up)
			top = top > page ? top - page : 0;
		else if (ev.key == NB_KEY_HOME || act == NB_ACT_section_start)
			top = 0;
		else if (ev.key == NB_KEY_END || act == NB_ACT_section_end)
			top = h.n;
	}
	free_doc(&h);
	clearok(curscr, TRUE);
}

static void fill_help(nb_ui *ui, help_doc *h, int width, const void *ctx)
{
	(void)ctx;
	build(ui, h, width);
}

void nb_help_show(nb_ui *ui)
{
	run_viewer(ui, fill_help, NULL);
}

typedef struct page_text {
	const char *title, *text;
} page_text;

static void fill_page(nb_ui *ui, help_doc *h, int width, const void *ctx)
{
	const page_text *pt = ctx;
	bool amb = ui->opts.ambiguous_wide;
	add_wrapped(h, A_BOLD, pt->title, width, 0, amb);
	add(h, A_NORMAL, nb_xstrdup(""));
	const char *p = pt->text ? pt->text : "";
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *line = nb_xstrndup(p, n);
		if (n == 0)
			add(h, A_NORMAL, line);
		else {
			add_wrapped(h, A_NORMAL, line, width, 2, amb);
			free(line);
		}
		p += n + (nl ? 1 : 0);
	}
}

void nb_pager_show(nb_ui *ui, const char *title, const char *text)
{
	page_text pt = { title, text };
	run_viewer(ui, fill_page, &pt);
}

void nb_act_help(nb_ui *ui)
{
	nb_help_show(ui);
}
