/* shift.c — let the terminal shift editor rows itself instead of resending them.
 *
 * A character typed mid-paragraph moves the rest of the paragraph along every row below the
 * cursor. curses sees each of those rows change at both ends and resends it whole, about 80 bytes
 * a row at 80 columns. The terminal can shift a row in place (insert/delete character, ICH/DCH),
 * after which only the character carried over from the row above needs sending; and when the
 * paragraph gains or loses a row, it can move the rows below with insert/delete-line inside a
 * scroll region.
 *
 * This runs between wnoutrefresh() and doupdate(). It compares curscr (what the terminal shows)
 * with newscr (what it should show) over a region whose right edge is the screen's right edge,
 * since ICH/DCH move everything up to that edge. Where a shift is cheaper it sends the shift (and
 * the inserted characters), then writes the shifted row into curscr; doupdate() then sends only
 * what still differs, with its own cost model. Everything goes out through stdio, as mvcur() and
 * putp() do, and is flushed before doupdate() writes its own buffer.
 *
 * It relies on curscr's cursor being where the terminal's cursor is, which holds after every
 * doupdate() because nianbao turns off curses' typeahead break-out (see nb_shift_init). */
#include "config.h"
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <wchar.h>
#include "nianbao/text.h"
#include "ui.h"

/* One screen cell as curses holds it. width: 1 or 2 for a character, 0 for the right half of a
 * wide character, -1 for a cell whose content on the terminal is not known. */
typedef struct {
	wchar_t wc[CCHARW_MAX + 1];
	attr_t attr;
	short pair;
	signed char width;
} cell;

#define MAX_SHIFT 4
/* Rough cost of moving the cursor somewhere on the same screen (CUP is 6–8 bytes). */
#define MOVE_COST 6
/* A shifted block of rows must be at least this long to be moved with insert/delete-line. */
#define MIN_LINE_SHIFT 2

/* The terminal's capabilities this needs (NULL when it lacks one). */
static struct {
	const char *ich, *dch, *il1, *dl1, *csr;
	const char *cup, *vpa, *hpa, *cud, *cuu, *cuf, *cub, *cub1, *cr;
	const char *cud1;
	bool lf_down;   /* a line feed moves straight down (no CR added by the tty) */
	int ich_len[MAX_SHIFT + 1], dch_len[MAX_SHIFT + 1];   /* bytes of ich/dch n */
} cap;
static bool shift_ok;

/* Capabilities with padding ($<5>) belong to real slow hardware: they would need tputs timing
 * for every move. Such terminals get curses' own updates. */
static bool has_padding(const char *s)
{
	return s && strstr(s, "$<") != NULL;
}

/* Is a line feed a plain "down one row" now? Asked each frame: the tty modes could change. */
static bool line_feed_goes_down(void)
{
	struct termios tio;
	return cap.cud1 && strcmp(cap.cud1, "\n") == 0 && tcgetattr(fileno(stdout), &tio) == 0
	       && !((tio.c_oflag & OPOST) && (tio.c_oflag & ONLCR));
}

static const char *str_cap(const char *name)
{
	char *s = tigetstr(name);
	return s == (char *)-1 ? NULL : s;
}

void nb_shift_init(bool ambiguous_wide)
{
	cap.ich = str_cap("ich");
	cap.dch = str_cap("dch");
	cap.il1 = str_cap("il1");
	cap.dl1 = str_cap("dl1");
	cap.csr = str_cap("csr");
	cap.cup = str_cap("cup");
	cap.vpa = str_cap("vpa");
	cap.hpa = str_cap("hpa");
	cap.cud = str_cap("cud");
	cap.cuu = str_cap("cuu");
	cap.cuf = str_cap("cuf");
	cap.cub = str_cap("cub");
	cap.cub1 = str_cap("cub1");
	cap.cr = str_cap("cr");
	cap.cud1 = str_cap("cud1");
	for (int n = 1; n <= MAX_SHIFT; n++) {
		cap.ich_len[n] = cap.ich ? (int)strlen(tiparm(cap.ich, n)) : 0;
		cap.dch_len[n] = cap.dch ? (int)strlen(tiparm(cap.dch, n)) : 0;
	}
	const char *used[] = { cap.ich, cap.dch, cap.il1, cap.dl1, cap.csr, cap.cup, cap.vpa, cap.hpa,
			       cap.cud, cap.cuu, cap.cuf, cap.cub, cap.cub1, cap.cr };
	bool padded = false;
	for (size_t i = 0; i < sizeof used / sizeof *used; i++)
		padded |= has_padding(used[i]);
	/* With --ambiguous=wide the terminal draws “” and the like two cells wide where the C
	 * library (and curses) count one: positions computed here would drift. */
	shift_ok = cap.cup && (cap.ich || cap.dch) && !padded && !ambiguous_wide;
	/* curses may stop a refresh half-way when a key is waiting, leaving curscr's cursor
	 * behind the terminal's; shifting rows needs the two to agree. Nothing is lost by it: the
	 * editor reads every waiting key before it draws a frame. */
	typeahead(-1);
}

/* ---- cursor motion ---- */

typedef struct { char s[64]; size_t n; } seq;

static void seq_add(seq *q, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (q->n + n < sizeof q->s) {
		memcpy(q->s + q->n, s, n);
		q->n += n;
		q->s[q->n] = '\0';
	} else {
		q->n = sizeof q->s;   /* too long: never the cheapest */
	}
}

static void seq_repeat(seq *q, const char *s, int n)
{
	for (int i = 0; i < n; i++)
		seq_add(q, s);
}

static void seq_param(seq *q, const char *c, int a)
{
	if (c)
		seq_add(q, tiparm(c, a));
	else
		q->n = sizeof q->s;
}

static void keep_shorter(seq *best, const seq *q)
{
	if (q->n < best->n)
		*best = *q;
}

/* The shortest way this terminal offers from column x0 to x1 on the current row. */
static seq horizontal(int x0, int x1)
{
	seq best = { .n = sizeof best.s }, q;
	if (x0 == x1)
		return (seq){ .n = 0 };
	if (x1 < x0) {
		if (cap.cub1 && x0 - x1 <= 4) {
			q = (seq){ .n = 0 };
			seq_repeat(&q, cap.cub1, x0 - x1);
			keep_shorter(&best, &q);
		}
		q = (seq){ .n = 0 };
		seq_param(&q, cap.cub, x0 - x1);
		keep_shorter(&best, &q);
		if (cap.cr) {
			q = (seq){ .n = 0 };
			seq_add(&q, cap.cr);
			if (x1 > 0)
				seq_param(&q, cap.cuf, x1);
			keep_shorter(&best, &q);
		}
	} else {
		q = (seq){ .n = 0 };
		seq_param(&q, cap.cuf, x1 - x0);
		keep_shorter(&best, &q);
	}
	q = (seq){ .n = 0 };
	seq_param(&q, cap.hpa, x1);
	keep_shorter(&best, &q);
	return best;
}

/* Moves the terminal's cursor from (y0, x0) to (y1, x1); y0 < 0 when it is not known. Never
 * moves through the last row, where a line feed would scroll. */
static void emit_move(int y0, int x0, int y1, int x1)
{
	seq best = { .n = 0 };
	seq_add(&best, tiparm(cap.cup, y1, x1));
	if (y0 >= 0) {
		seq v[3];
		int nv = 0;
		if (y1 == y0) {
			v[nv++] = (seq){ .n = 0 };
		} else {
			if (y1 > y0 && cap.lf_down && y1 - y0 <= 4 && y1 < LINES - 1) {
				v[nv] = (seq){ .n = 0 };
				seq_repeat(&v[nv++], "\n", y1 - y0);
			}
			v[nv] = (seq){ .n = 0 };
			seq_param(&v[nv++], y1 > y0 ? cap.cud : cap.cuu, y1 > y0 ? y1 - y0 : y0 - y1);
			v[nv] = (seq){ .n = 0 };
			seq_param(&v[nv++], cap.vpa, y1);
		}
		seq h = horizontal(x0, x1);
		for (int i = 0; i < nv; i++) {
			seq q = v[i];
			seq_add(&q, h.s);
			if (h.n < sizeof h.s)
				keep_shorter(&best, &q);
		}
	}
	fwrite(best.s, 1, best.n, stdout);
}

static bool cell_eq(const cell *a, const cell *b)
{
	return a->width >= 0 && a->width == b->width && a->attr == b->attr && a->pair == b->pair
	       && wcscmp(a->wc, b->wc) == 0;
}

static bool is_plain(const cell *c)
{
	return c->width > 0 && c->attr == A_NORMAL && c->pair == 0;
}

static cell blank_cell(void)
{
	cell c;
	memset(&c, 0, sizeof c);
	c.wc[0] = L' ';
	c.width = 1;
	return c;
}

/* The cell's characters in UTF-8 (at most CCHARW_MAX × 4 bytes); returns the length. */
static size_t cell_utf8(const cell *c, char *out)
{
	size_t n = 0;
	for (int i = 0; i < CCHARW_MAX && c->wc[i]; i++)
		n += nb_utf8_encode((uint32_t)c->wc[i], out + n);
	return n;
}

static int cell_bytes(const cell *c)
{
	char buf[CCHARW_MAX * 4];
	size_t n = cell_utf8(c, buf);
	return n ? (int)n : 1;
}

/* Columns a character takes, as curses counts them (by wcwidth); the common cases first. */
static int char_width(wchar_t c)
{
	if (c >= 0x20 && c < 0x7f)
		return 1;
	if (c >= 0x4e00 && c <= 0x9fff)
		return 2;   /* CJK unified ideographs */
	return wcwidth(c);
}

/* Reads row y of a curses window into cells, one call for the row (curses skips the right
 * halves of wide characters; they are put back here). `tmp` holds cols + 1 cchar_t. */
static void read_row(WINDOW *w, int y, int cols, cchar_t *tmp, cell *out)
{
	int x = 0;
	if (mvwin_wchnstr(w, y, 0, tmp, cols) == OK) {
		for (int i = 0; x < cols; i++) {
			cell *c = &out[x];
			memset(c, 0, sizeof *c);
			if (getcchar(&tmp[i], c->wc, &c->attr, &c->pair, NULL) == ERR || !c->wc[0])
				break;
			int wd = char_width(c->wc[0]);
			c->width = wd == 2 ? 2 : 1;
			if (wd == 2 && x + 1 < cols) {
				memset(&out[x + 1], 0, sizeof out[x + 1]);
				out[x + 1].width = 0;
				x += 2;
			} else {
				x++;
			}
		}
	}
	for (; x < cols; x++) {   /* unreadable: unknown, so never taken as equal */
		memset(&out[x], 0, sizeof out[x]);
		out[x].width = -1;
	}
}

/* Bytes curses will need to turn row `have` into row `want` from column `from` on: the
 * characters that differ, plus a cursor move for each stretch of them (a short gap of equal
 * characters is cheaper to resend than to jump). */
static int diff_cost(const cell *have, const cell *want, int from, int cols)
{
	int cost = 0, gap = -1;
	for (int x = from; x < cols;) {
		const cell *w = &want[x];
		int step = w->width > 0 ? w->width : 1;
		bool same = cell_eq(&have[x], w) && (w->width != 2 || x + 1 >= cols
						     || cell_eq(&have[x + 1], &want[x + 1]));
		if (w->width == 0 && cell_eq(&have[x], w)) {
			x++;
			continue;
		}
		if (same) {
			if (gap >= 0)
				gap += cell_bytes(w);
		} else {
			cost += gap < 0 ? MOVE_COST : (gap < MOVE_COST ? gap : MOVE_COST);
			cost += cell_bytes(w);
			gap = 0;
		}
		x += step;
	}
	return cost;
}

/* The row the terminal will show after inserting (k > 0) or deleting (k < 0) |k| cells at f
 * in `have`; for an insert the new cells are `want`'s when `write_text`, else blanks. Returns
 * false when the operation would split a wide character. */
static bool simulate(const cell *have, const cell *want, int f, int k, bool write_text,
		     int cols, cell *sim)
{
	if (have[f].width <= 0)
		return false;
	memcpy(sim, have, sizeof *sim * (size_t)cols);
	if (k > 0) {
		if (f + k >= cols)
			return false;
		for (int x = f; x < f + k; x++)
			sim[x] = write_text ? want[x] : blank_cell();
		for (int x = f + k; x < cols; x++)
			sim[x] = have[x - k];
		if (sim[cols - 1].width == 2)
			sim[cols - 1].width = -1;   /* its right half fell off the edge */
	} else {
		int d = -k;
		if (f + d >= cols || have[f + d].width == 0)
			return false;
		for (int x = f; x < cols - d; x++)
			sim[x] = have[x + d];
		for (int x = cols - d; x < cols; x++)
			sim[x] = blank_cell();
	}
	return true;
}

/* A character whose width no terminal disputes: printable ASCII, CJK ideographs, CJK
 * punctuation and full-width forms. Emoji, “” (ambiguous) and the like are left to curses, so
 * that a terminal counting them otherwise cannot throw a shift off its column. */
static bool width_certain(wchar_t c)
{
	return (c >= 0x20 && c < 0x7f) || (c >= 0x4e00 && c <= 0x9fff)
	       || (c >= 0x3000 && c <= 0x303e) || (c >= 0xff01 && c <= 0xff60);
}

/* Can want[f, f+k) be sent as plain text, whole characters only? */
static bool plain_text(const cell *want, int f, int k, int cols)
{
	if (f + k >= cols || want[f + k].width == 0)
		return false;
	for (int x = f; x < f + k; x++)
		if (want[x].width != 0
		    && (!is_plain(&want[x]) || want[x].wc[1] || !width_certain(want[x].wc[0])))
			return false;
	return true;
}

static int text_bytes(const cell *c, int from, int to)
{
	int n = 0;
	for (int x = from; x < to; x++)
		if (c[x].width > 0)
			n += cell_bytes(&c[x]);
	return n;
}

static void put_cells(const cell *c, int from, int to)
{
	for (int x = from; x < to; x++) {
		if (c[x].width <= 0)
			continue;
		char buf[CCHARW_MAX * 4];
		fwrite(buf, 1, cell_utf8(&c[x], buf), stdout);
	}
}

/* Records in curscr what the terminal now shows from column f on. A cell of unknown content
 * gets a character that differs from the wanted one, so that curses rewrites it. */
static void store_row(int y, int f, int cols, const cell *sim, const cell *want)
{
	for (int x = f; x < cols; x++) {
		cell c = sim[x];
		if (c.width == 0)
			continue;
		if (c.width < 0) {
			c = blank_cell();
			if (want[x].width > 0 && cell_eq(&c, &want[x]))
				c.wc[0] = L'~';
		}
		cchar_t cc;
		if (setcchar(&cc, c.wc, c.attr, c.pair, NULL) == OK && mvwadd_wch(curscr, y, x, &cc) == OK)
			continue;
		/* Not recordable: record something that differs, so that curses rewrites the cell. */
		wchar_t other[2] = { want[x].wc[0] == L'~' ? L'?' : L'~', 0 };
		if (setcchar(&cc, other, A_NORMAL, 0, NULL) == OK)
			mvwadd_wch(curscr, y, x, &cc);
	}
}

/* Where the terminal's cursor is (y < 0: not known, as after setting a scroll region). */
typedef struct {
	int y, x;
	bool sent;
} cursor_track;

static void move_to(cursor_track *t, int y, int x)
{
	if (t->y != y || t->x != x) {
		emit_move(t->y, t->x, y, x);
		t->y = y;
		t->x = x;
	}
}

static void emit_cap(const char *s)
{
	if (s)
		putp(s);
}

/* Rows [0, n) of a region, each `cols` cells, as the terminal shows them and as they should be. */
typedef struct {
	int top, n, left, cols;
	cell *have, *want, *sim, *best;   /* have/want: n rows; sim/best: one row each */
} region;

static cell *row_of(cell *rows, const region *g, int y)
{
	return rows + (size_t)y * (size_t)g->cols;
}

static bool same_text(const region *g, cell *a, cell *b)
{
	for (int x = g->left; x < g->cols; x++)
		if (!cell_eq(&a[x], &b[x]))
			return false;
	return true;
}

/* Tries one row; sends the cheapest shift if it beats resending. */
static void shift_row(cursor_track *t, region *g, int y)
{
	int cols = g->cols, x0 = g->left, sy = g->top + y;
	cell *have = row_of(g->have, g, y), *want = row_of(g->want, g, y);
	cell *sim = g->sim, *best = g->best;
	int f = x0;
	while (f < cols && cell_eq(&have[f], &want[f]))
		f++;
	if (f >= cols)
		return;
	if (want[f].width == 0 || have[f].width == 0)
		f--;   /* start at the whole character */
	if (f < x0 || have[f].width <= 0)
		return;
	int best_cost = diff_cost(have, want, f, cols), best_k = 0;
	bool best_text = false;
	for (int k = -MAX_SHIFT; k <= MAX_SHIFT; k++) {
		int n = k > 0 ? k : -k;
		const char *c = k > 0 ? cap.ich : k < 0 ? cap.dch : NULL;
		if (!c)
			continue;
		bool text = k > 0 && plain_text(want, f, k, cols);
		if (!simulate(have, want, f, k, text, cols, sim))
			continue;
		int cost = (t->y == sy && t->x == f ? 0 : MOVE_COST)
			   + (k > 0 ? cap.ich_len[n] : cap.dch_len[n])
			   + (text ? text_bytes(want, f, f + k) : 0)
			   + diff_cost(sim, want, text ? f + k : f, cols);
		if (cost < best_cost) {
			best_cost = cost;
			best_k = k;
			best_text = text;
			memcpy(best, sim, sizeof *best * (size_t)cols);
		}
	}
	if (!best_k)
		return;
	move_to(t, sy, f);
	emit_cap(tiparm(best_k > 0 ? cap.ich : cap.dch, best_k > 0 ? best_k : -best_k));
	if (best_text) {
		put_cells(want, f, f + best_k);
		t->x = f + best_k;
	}
	store_row(sy, f, cols, best, want);
	memcpy(have, best, sizeof *have * (size_t)cols);
	t->sent = true;
}

/* The rows from `from` on, moved by one line (dir 1: down, -1: up) as insert/delete-line in a
 * scroll region would move them: whole rows, the panels to the left included. */
static void simulate_lines(region *g, int from, int dir, cell *out)
{
	size_t row = (size_t)g->cols;
	for (int y = from; y < g->n; y++) {
		int src = y - dir;
		cell *o = out + (size_t)(y - from) * row;
		if (src < from || src >= g->n) {
			for (int x = 0; x < g->cols; x++)
				o[x] = blank_cell();
		} else {
			memcpy(o, row_of(g->have, g, src), sizeof *o * row);
		}
	}
}

/* A paragraph that gained or lost a row moves every row below it in the editor. Finds the
 * block of rows that moved by one line and, if cheaper than resending them, moves it with
 * insert/delete-line inside a scroll region, then notes in curscr the whole rows as moved (the
 * panel to the left moved with them and curses will repaint that part). */
static void shift_lines(cursor_track *t, region *g)
{
	if (!cap.csr || g->n < MIN_LINE_SHIFT + 1)
		return;
	for (int dir = 1; dir >= -1; dir -= 2) {
		const char *op = dir > 0 ? cap.il1 : cap.dl1;
		if (!op)
			continue;
		/* Smallest s such that every row from s on moved by dir; the row that ends up last may
		 * differ anyway (the scroll hint in the gutter). */
		int s = g->n - 2;
		while (s > 0) {
			int y = s - 1;
			bool moved = dir > 0 ? same_text(g, row_of(g->have, g, y), row_of(g->want, g, y + 1))
					     : same_text(g, row_of(g->have, g, y + 1), row_of(g->want, g, y));
			if (!moved)
				break;
			s = y;
		}
		if (g->n - 2 - s < MIN_LINE_SHIFT
		    || same_text(g, row_of(g->have, g, s), row_of(g->want, g, s)))
			continue;
		size_t nrows = (size_t)(g->n - s);
		cell *moved = calloc(nrows * (size_t)g->cols, sizeof *moved);
		if (!moved)
			return;
		simulate_lines(g, s, dir, moved);
		int base = 0, cost = 0;
		for (int y = s; y < g->n; y++) {
			cell *w = row_of(g->want, g, y);
			base += diff_cost(row_of(g->have, g, y), w, 0, g->cols);
			cost += diff_cost(moved + (size_t)(y - s) * (size_t)g->cols, w, 0, g->cols);
		}
		int top = g->top + s, bottom = g->top + g->n - 1;
		cost += (int)strlen(tiparm(cap.csr, top, bottom)) * 2 + (int)strlen(op) + 2 * MOVE_COST;
		if (cost < base) {
			emit_cap(tiparm(cap.csr, top, bottom));
			emit_move(-1, -1, top, 0);
			emit_cap(op);
			emit_cap(tiparm(cap.csr, 0, LINES - 1));
			t->y = t->x = -1;   /* setting the region moved the cursor */
			for (int y = s; y < g->n; y++) {
				cell *m = moved + (size_t)(y - s) * (size_t)g->cols;
				store_row(g->top + y, 0, g->cols, m, row_of(g->want, g, y));
				memcpy(row_of(g->have, g, y), m, sizeof *m * (size_t)g->cols);
			}
			t->sent = true;
			free(moved);
			return;
		}
		free(moved);
	}
}

void nb_shift_rows(int top, int bottom, int left, int right)
{
	int cols = COLS;
	/* ICH/DCH and IL/DL move everything up to the right edge: a region short of it would take
	 * its neighbour along. The editor always has the right edge (see nb_screen_layout). */
	if (!shift_ok || isendwin() || is_cleared(curscr) || left < 0 || right != cols
	    || right - left < 2 || top < 0 || bottom > LINES || bottom <= top)
		return;
	bool touched = false;
	for (int y = top; y < bottom && !touched; y++)
		touched = is_linetouched(newscr, y);
	if (!touched)
		return;
	region g = { top, bottom - top, left, cols, NULL, NULL, NULL, NULL };
	size_t cells = (size_t)g.n * (size_t)cols;
	/* Every cell is written before it is read: no need to clear. */
	cell *buf = malloc((cells * 2 + (size_t)cols * 2) * sizeof *buf);
	cchar_t *tmp = malloc(((size_t)cols + 1) * sizeof *tmp);
	if (!buf || !tmp) {
		free(buf);
		free(tmp);
		return;
	}
	g.have = buf;
	g.want = buf + cells;
	g.sim = buf + 2 * cells;
	g.best = g.sim + cols;
	int ny, nx, cy, cx;
	getyx(newscr, ny, nx);
	getyx(curscr, cy, cx);
	for (int y = 0; y < g.n; y++) {
		cell *have = row_of(g.have, &g, y), *want = row_of(g.want, &g, y);
		read_row(curscr, top + y, cols, tmp, have);
		/* A row curses has not marked is the same in both (nothing stops a refresh half-way). */
		if (is_linetouched(newscr, top + y))
			read_row(newscr, top + y, cols, tmp, want);
		else
			memcpy(want, have, sizeof *want * (size_t)cols);
	}
	cap.lf_down = line_feed_goes_down();
	cursor_track t = { cy, cx, false };
	shift_lines(&t, &g);
	for (int y = 0; y < g.n; y++)
		shift_row(&t, &g, y);
	if (t.sent && (t.y != cy || t.x != cx)) {
		/* curses still believes the cursor is at (cy, cx). Tell it where it really is with
		 * the cheapest true statement: a one-cell move from there (mvcur records its
		 * destination). */
		if (t.y < 0) {
			mvcur(-1, -1, cy, cx);
		} else {
			int x = t.x > 0 ? t.x - 1 : t.x + 1;
			mvcur(t.y, t.x, t.y, x);
		}
	}
	fflush(stdout);
	wmove(newscr, ny, nx);
	wmove(curscr, cy, cx);
	free(buf);
	free(tmp);
}
