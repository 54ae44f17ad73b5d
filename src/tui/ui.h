/* ui.h — the editor's private state and the functions its files share.
 * Only src/tui includes this; the core never sees curses. */
#ifndef NIANBAO_TUI_UI_H
#define NIANBAO_TUI_UI_H
#include <stddef.h>
#include <stdbool.h>
#include <signal.h>
#include "nianbao/util.h"
#include "nianbao/report.h"
#include "nianbao/template.h"
#include "nianbao/check.h"
#include "nianbao/load.h"
#include "nianbao/buffer.h"
#include "nianbao/layout.h"
#include "nianbao/keymap.h"
#include "nianbao/review.h"
#include "msg.h"
#include "tui.h"

/* ---- actions (actions.def) ---- */
typedef enum nb_action_id {
#define X(c, name) NB_ACT_##c,
#include "actions.def"
#undef X
	NB_ACT__COUNT
} nb_action_id;

typedef struct nb_ui nb_ui;

/* A file's identity on disk, to notice that someone else changed it (review.c). */
typedef struct nb_file_id {
	bool known;
	unsigned long long dev, ino, size;
	long long mtime_sec, mtime_nsec;
} nb_file_id;
typedef void nb_action_fn(nb_ui *ui);

typedef struct nb_action {
	const char *name;
	nb_action_fn *fn;
	nb_msg_id short_name, help;   /* hint-bar name and F1 help line (msgs.def) */
} nb_action;

extern const nb_action nb_actions[NB_ACT__COUNT];
extern const char *const nb_action_names[NB_ACT__COUNT];
const char *nb_action_short(int id);
const char *nb_action_help(int id);
/* Runs an action (view-specific handling first: the header form takes some keys itself). */
void nb_action_run(nb_ui *ui, int id);

#define X(c, name) void nb_act_##c(nb_ui *ui);
#include "actions.def"
#undef X

/* ---- input events (input.c) ---- */
typedef enum nb_event_kind {
	NB_EV_NONE,      /* timeout */
	NB_EV_KEY,       /* key (a code point for typed text, or a special/modified key) */
	NB_EV_PASTE,     /* bracketed paste: text in paste/npaste (LF line ends) */
	NB_EV_RESIZE,
	NB_EV_MOUSE,     /* only with --mouse: a click or the wheel at (mouse_y, mouse_x) */
	NB_EV_EOF        /* the terminal went away */
} nb_event_kind;

typedef struct nb_event {
	nb_event_kind kind;
	nb_key key;
	char *paste;     /* malloc'd, owned by the event */
	size_t npaste;
	bool paste_flawed;
	int mouse_y, mouse_x;
	int mouse_wheel; /* -1 up, 1 down, 0 a click */
} nb_event;

void nb_input_init(void);
/* Waits up to timeout_ms (-1 forever, 0 poll) for one event. */
void nb_input_read(nb_event *ev, int timeout_ms);
void nb_event_free(nb_event *ev);
/* True for keys that insert themselves (printable code points without modifiers). */
bool nb_key_is_text(nb_key k);

/* ---- where things are (screen.c) ---- */
typedef struct nb_rect { int y, x, h, w; } nb_rect;

typedef struct nb_geometry {
	int rows, cols;
	bool too_small;
	nb_rect outline;   /* outline + checklist (may have h = 0) */
	nb_rect guide;     /* guidance panel (may have h = 0) */
	nb_rect heading;   /* one row above the editor: the section heading */
	nb_rect editor;
	nb_rect text;      /* the editor less its gutter column (the scroll hints): where text goes,
	                    * and the width it wraps at */
	nb_rect findings;  /* may have h = 0 */
	int status_y, hint_y, hint_rows;
} nb_geometry;

/* ---- the entries the outline shows: the header form, the opening paragraph, the sections ---- */
#define NB_ENTRY_FORM  (-2)
#define NB_ENTRY_INTRO (-1)

typedef struct nb_checkitem {
	const nb_item *item;
	bool covered;
} nb_checkitem;

/* An editable body (the intro or one section) with its undo history and view state. */
typedef struct nb_doc {
	nb_buffer *buf;
	size_t top;            /* first row shown */
	bool has_mark;
	size_t mark;
	bool warned_missing;   /* "still missing" was shown once when leaving */
	unsigned long synced;  /* buffer version copied into the report */
	size_t zishu;          /* cached 字数 of the body */
	unsigned long zishu_version;
} nb_doc;

struct nb_ui {
	nb_tui_opts opts;
	nb_template *tpl;
	nb_report *rep;
	nb_findings findings;
	nb_check_cache *check_cache;   /* per-paragraph results kept between section re-checks */
	nb_findings load_notes;    /* what loading or importing noticed, shown with the findings */
	nb_check_opts check_opts;

	/* files */
	char *path;            /* where save writes; NULL until a YAML name is known */
	char *draft_path;      /* the .txt draft this report was imported from, never overwritten */
	char *export_path;     /* last export target (no overwrite question for it again) */
	bool form_modified;    /* metadata changed since the last save */
	unsigned long meta_changes; /* counts metadata edits (for the journal) */
	char *locked_path;     /* the report we hold the lock of */
	unsigned long journal_stamp, journal_seen; /* change stamps: journalled, last seen */
	long journal_due;      /* time the journal is next written (seconds since the epoch) */
	bool journal_warned;

	/* the body being edited */
	nb_doc intro;
	nb_doc *docs;          /* one per section */
	int cur;               /* NB_ENTRY_FORM, NB_ENTRY_INTRO or a section index */
	nb_layout *layout;     /* layout of the current doc's buffer */
	int goal_x;            /* column kept by up/down */
	unsigned long checked_version; /* buffer version the findings/checklist reflect */
	bool recheck_all;      /* metadata changed: run every rule again */

	/* header form */
	int form_field;        /* index into form_fields */
	size_t form_cursor;    /* byte offset in that field's value */
	int form_fields[NB_META_COUNT];
	int nform_fields;
	int titled_year;       /* year and unit the template headings were last written with */
	char *titled_unit;

	/* live checklist of the current section */
	nb_checkitem *checklist;
	size_t nchecklist;

	/* findings view */
	size_t *forder;        /* findings in display order (indices into findings.v) */
	size_t nforder;
	long fcur;             /* current finding in forder, -1 none */

	/* search */
	char *last_find;
	size_t hl_start, hl_end; /* highlighted match in the current doc (hl_end > hl_start) */

	/* clipboard */
	char *clip;
	size_t nclip;

	/* keys */
	nb_keymap *keymap;
	nb_keymap_errors keymap_errors;

	/* screen */
	nb_geometry geo;
	bool ascii;            /* marks without Unicode symbols (vt100 and similar) */
	bool color;
	char message[512];
	bool message_error;
	/* an open prompt on the bottom line (prompt.c) */
	bool prompt_active;
	const char *prompt_label;
	const char *prompt_text;
	size_t prompt_cursor;
	/* the section picker (prompt.c) */
	bool picker_active;
	int picker_sel;        /* outline position */
	bool quit;

	/* review: decisions on findings and 批注 (review.c, comments_view.c) */
	bool review_ready;     /* set up once: ccur, the saved file's identity */
	bool review_modified;  /* decisions or 批注 changed since the last save */
	bool comment_focus;    /* the findings list points at a 批注 (ccur), not a finding */
	long ccur;             /* current 批注: index into rep->comments, -1 none */
	nb_review_counts review_counts; /* of the findings shown */
	nb_file_id disk;       /* the YAML file as it was when opened or last saved */
	/* 批注 spans of the current entry, for the editor's highlight (cached per text version) */
	struct { size_t off, len; } cspans[64];
	int ncspans;
	int cspans_entry;
	unsigned long cspans_version, cspans_stamp;
	unsigned long comments_stamp; /* bumped on any 批注 change */
	const char *picker_title;     /* the section picker's question; NULL: "go to which section" */
};

/* ---- signals (tui.c) ---- */
extern volatile sig_atomic_t nb_got_hangup;   /* SIGHUP or SIGTERM: save an emergency copy, exit */
/* Handles pending signal flags; returns true when the editor must stop now. */
bool nb_ui_poll_signals(nb_ui *ui);
/* The terminal changed size: new geometry, re-wrap the current section. */
void nb_ui_resize(nb_ui *ui);

/* ---- documents (doc.c) ---- */
nb_doc *nb_ui_doc(nb_ui *ui);                  /* the current doc, NULL in the header form */
nb_doc *nb_ui_doc_at(nb_ui *ui, int entry);
const nb_tsection *nb_ui_tsection(const nb_ui *ui, int entry);
void nb_ui_docs_init(nb_ui *ui);
void nb_ui_docs_free(nb_ui *ui);
void nb_ui_enter(nb_ui *ui, int entry);        /* switch the view to an entry */
int nb_ui_entry_count(const nb_ui *ui);        /* form + intro + sections */
int nb_ui_entry_at(const nb_ui *ui, int index);/* outline position → entry */
int nb_ui_entry_index(const nb_ui *ui, int entry);
const char *nb_ui_entry_title(const nb_ui *ui, int entry); /* heading or label */
void nb_ui_sync_report(nb_ui *ui);             /* copy changed bodies into the report */
void nb_ui_refresh_checks(nb_ui *ui);          /* re-check what changed (call when idle) */
void nb_ui_refresh_all(nb_ui *ui);
bool nb_ui_check_pending(nb_ui *ui);           /* the text changed since the last check */             /* run every rule over the whole report */
void nb_ui_after_edit(nb_ui *ui);              /* layout sync after any buffer change */
bool nb_ui_modified(const nb_ui *ui);
void nb_ui_mark_saved(nb_ui *ui);
size_t nb_ui_zishu_total(nb_ui *ui);
/* Outline mark of an entry. */
typedef enum nb_mark { NB_MARK_EMPTY, NB_MARK_DONE, NB_MARK_FINDINGS, NB_MARK_MISSING } nb_mark;
nb_mark nb_ui_entry_mark(const nb_ui *ui, int entry);
void nb_ui_move_cursor(nb_ui *ui, size_t off, bool keep_goal);
void nb_ui_scroll_to_cursor(nb_ui *ui);
/* Called after any metadata change: re-checks, and renames the template's headings and the title
 * for a new year or unit while they still read as the template wrote them. */
void nb_ui_meta_changed(nb_ui *ui);

/* ---- drawing (screen.c and the view files) ---- */
void nb_screen_layout(nb_ui *ui);
void nb_screen_draw(nb_ui *ui);
void nb_screen_colors(nb_ui *ui);
/* shift.c: let the terminal shift the rows of [top, bottom) x [left, right) that only moved
 * (insert/delete character and line), between wnoutrefresh() and doupdate(). Only a region
 * that reaches the screen's right edge is shifted. */
void nb_shift_init(bool ambiguous_wide);
void nb_shift_rows(int top, int bottom, int left, int right);
void nb_prompt_draw(nb_ui *ui);               /* the open prompt or picker, over the frame */
/* Draws UTF-8 text from (y, x) in at most maxw cells; control characters become placeholders.
 * Returns the cells used. */
int nb_draw_text(int y, int x, int maxw, const char *s, size_t len, int attr, bool amb);
int nb_text_cells(const char *s, size_t len, bool amb);
void nb_draw_fill(int y, int x, int w, int attr);
void nb_draw_vline(const nb_ui *ui, int y, int x, int n);
void nb_draw_hline(const nb_ui *ui, int y, int x, int n);
void nb_draw_corner(const nb_ui *ui, int y, int x, int which); /* 0 ┌ 1 ┐ 2 └ 3 ┘ */
int nb_attr_mark(const nb_ui *ui, nb_mark m);
int nb_attr_severity(const nb_ui *ui, nb_severity s);
const char *nb_mark_glyph(const nb_ui *ui, nb_mark m);

void nb_outline_draw(nb_ui *ui, nb_rect r);
void nb_guide_draw(nb_ui *ui, nb_rect r);
void nb_guide_update_checklist(nb_ui *ui);
void nb_checklist_draw(nb_ui *ui, nb_rect r);
void nb_editor_draw(nb_ui *ui);
void nb_form_draw(nb_ui *ui);
void nb_findings_draw(nb_ui *ui, nb_rect r);
void nb_findings_rebuild(nb_ui *ui);
/* Does the finding point into the text being edited now (the intro or the current section body)? */
bool nb_ui_finding_in_view(const nb_ui *ui, const nb_finding *f);
void nb_status_draw(nb_ui *ui);
void nb_hint_draw(nb_ui *ui);
/* Same file: same name, or same device and inode (files.c). NULL is never the same file. */
bool nb_same_file(const char *a, const char *b);
/* Asks for a YAML file name, starting from `def` (taken over); never the text draft nor `avoid`;
 * asks before overwriting. NULL when cancelled (files.c). */
char *nb_files_ask_yaml_path(nb_ui *ui, char *def, const char *avoid);
/* The key bound to `action` as the hint bar shows it (^S, F2 …), or the action's name if unbound. */
void nb_ui_action_key(const nb_ui *ui, const char *action, char *buf, size_t size);

/* ---- header form (form.c) ---- */
void nb_form_init(nb_ui *ui);
bool nb_form_action(nb_ui *ui, int action);    /* true when the form handled it */
void nb_form_insert(nb_ui *ui, const char *s, size_t len);
const char *nb_form_label(int field);           /* a header field's label, in the UI language */

/* ---- editing (edit.c) ---- */
void nb_edit_insert(nb_ui *ui, const char *s, size_t len);
void nb_edit_paste_text(nb_ui *ui, const char *s, size_t len); /* one undo step */
bool nb_edit_allowed(nb_ui *ui);               /* false (with a message) when read-only */

/* ---- messages and prompts (prompt.c) ---- */
void nb_ui_message(nb_ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void nb_ui_error(nb_ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Asks a question on the bottom line. Returns 'y', 'n', 'a' (only when allow_all) or 0 (cancel). */
int nb_prompt_choice(nb_ui *ui, const char *question, bool allow_all);
/* A question answered by one of `keys` (lower-case ASCII; upper case is folded); 0 when cancelled. */
int nb_prompt_key(nb_ui *ui, const char *question, const char *keys);
/* Reads a line of text; NULL when cancelled. Caller frees. */
char *nb_prompt_text(nb_ui *ui, const char *label, const char *initial);
/* Lets the user pick an entry; returns it, or NB_ENTRY_FORM - 1 when cancelled. */
#define NB_PICK_CANCELLED (NB_ENTRY_FORM - 1)
int nb_prompt_section(nb_ui *ui);

/* ---- files (files.c) ---- */
bool nb_files_save(nb_ui *ui);                 /* true when saved */
char *nb_files_emergency_save(nb_ui *ui, nb_error *err); /* path written, or NULL */
void nb_files_remember_disk(nb_ui *ui);       /* note the file's identity (open, reload, save) */

/* ---- lock, journal, emergency copies (safety.c) ---- */
void nb_safety_start(nb_ui *ui);               /* lock, offer a journal back, mention .save files */
int nb_safety_tick(nb_ui *ui);                 /* journal when due; ms until the next look, or -1 */
void nb_safety_saved(nb_ui *ui, const char *old_key); /* after a save (old_key: its name before) */
void nb_safety_finish(nb_ui *ui, bool clean);  /* at exit; clean = nothing left to recover */
/* Replaces the report being edited (recovered or reloaded); it counts as unsaved until saved. */
void nb_safety_adopt_report(nb_ui *ui, nb_report *r, int section, size_t offset);

/* ---- clipboard (clipboard.c) ---- */
char *nb_osc52_sequence(const char *text, size_t len, bool in_tmux, size_t *outlen);
int nb_clipboard_send(const char *text, size_t len);

/* ---- silencing (silence.c) ---- */
/* Silenced findings in the list; takes the ones not dismissed off the open error/warning counts. */
size_t nb_silence_view_counts(const nb_ui *ui, size_t *errors, size_t *warnings);
const char *nb_silence_glyph(const nb_ui *ui);   /* the mark of a silenced finding */

/* ---- help (help.c) ---- */
void nb_help_show(nb_ui *ui);
/* Shows text (lines separated by '\n') in the help screen's scrollable read-only viewer. */
void nb_pager_show(nb_ui *ui, const char *title, const char *text);

/* ---- review (review.c, comments_view.c, move_para.c, diff_view.c) ---- */
void nb_review_prepare(nb_ui *ui);             /* once, early: review state, the file on disk */
/* Review mode (-R) and review data: save/quit keep 批注 and decisions, editing is refused.
 * True when the action was handled here. */
bool nb_review_action(nb_ui *ui, int action);
void nb_review_changed(nb_ui *ui);             /* a decision or 批注 changed */
bool nb_review_save(nb_ui *ui);                /* saves the report with its review data */
void nb_review_note_disk(nb_ui *ui);           /* remember the saved file's identity */
const char *nb_decision_glyph(const nb_ui *ui, nb_decision_kind d);
/* The 批注 rows of the findings list (after the findings): how many there are, and drawing one. */
size_t nb_comments_rows(const nb_ui *ui);
void nb_comments_draw_row(nb_ui *ui, size_t i, int y, int x, int w, bool current);
/* The editor's highlight of 批注 spans in the current entry. */
int nb_comments_attr_at(nb_ui *ui, size_t off);
size_t nb_comments_next_boundary(nb_ui *ui, size_t off, size_t best);

#endif
