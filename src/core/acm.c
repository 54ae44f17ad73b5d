/* acm.c — Aho–Corasick matching: every word of a list found in one pass over the text.
 *
 * The automaton steps over characters, not bytes: Chinese text is three bytes a character, so a
 * character step is a third of the work, and the table only needs a column per character that
 * occurs in some pattern. A character in no pattern (most of any text) sends the automaton back
 * to its root without a table lookup. Character classes come from a two-level table (page of 256
 * code points → class), so the hot part of every table stays in cache. A state with output
 * carries a flag bit in its table entry, so the loop only branches on real matches. */
#include "config.h"
#include "nianbao/lexicon.h"
#include "nianbao/text.h"
#include "nianbao/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define OUT_FLAG 0x80000000u
#define STATE_MASK 0x7FFFFFFFu
#define NPAGES (0x10000 >> 8)

struct nb_acm {
	uint16_t *pages[NPAGES];   /* BMP: page → 256 classes, NULL when no pattern uses the page */
	uint32_t *astral;          /* code points above U+FFFF used by patterns, sorted */
	uint16_t *astral_cls;
	size_t nastral;
	size_t ncls;
	uint32_t *delta;           /* nstates × ncls; next state, OUT_FLAG when it has output */
	size_t nstates;
	int32_t *state_pat;        /* first pattern ending in the state, -1 if none */
	uint32_t *out_link;        /* nearest proper suffix state with a pattern (0 = none) */
	int32_t *pat_next;         /* next pattern ending in the same state */
	size_t *pat_len;           /* bytes */
	size_t npats;
};

/* Decodes one character; invalid bytes become U+FFFD, which no pattern contains. */
static inline size_t next_cp(const unsigned char *p, size_t len, size_t i, uint32_t *cp)
{
	unsigned char c = p[i];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if ((c & 0xF0) == 0xE0 && i + 2 < len && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80 &&
	    (c != 0xE0 || p[i + 1] >= 0xA0) && (c != 0xED || p[i + 1] < 0xA0)) {
		*cp = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
		return 3;
	}
	bool valid;
	size_t n = nb_utf8_decode((const char *)p + i, len - i, cp, &valid);
	if (!valid)
		*cp = NB_REPLACEMENT_CHAR;
	return n;
}

static inline size_t class_of(const nb_acm *a, uint32_t cp)
{
	if (cp < 0x10000) {
		const uint16_t *pg = a->pages[cp >> 8];
		return pg ? pg[cp & 0xFF] : 0;
	}
	size_t lo = 0, hi = a->nastral;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (a->astral[mid] == cp)
			return a->astral_cls[mid];
		if (a->astral[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static void add_class(nb_acm *a, uint32_t cp)
{
	if (cp == NB_REPLACEMENT_CHAR || class_of(a, cp))
		return;
	uint16_t cls = (uint16_t)a->ncls++;
	if (cp < 0x10000) {
		if (!a->pages[cp >> 8])
			a->pages[cp >> 8] = nb_xcalloc(256, sizeof(uint16_t));
		a->pages[cp >> 8][cp & 0xFF] = cls;
		return;
	}
	a->astral = nb_xrealloc(a->astral, (a->nastral + 1) * sizeof *a->astral);
	a->astral_cls = nb_xrealloc(a->astral_cls, (a->nastral + 1) * sizeof *a->astral_cls);
	size_t k = a->nastral++;
	while (k > 0 && a->astral[k - 1] > cp) {
		a->astral[k] = a->astral[k - 1];
		a->astral_cls[k] = a->astral_cls[k - 1];
		k--;
	}
	a->astral[k] = cp;
	a->astral_cls[k] = cls;
}

nb_acm *nb_acm_build(const char *const *pats, const size_t *lens, size_t n)
{
	nb_acm *a = nb_xcalloc(1, sizeof *a);
	a->ncls = 1;   /* class 0: characters in no pattern */
	size_t total = 1;
	for (size_t i = 0; i < n; i++) {
		const unsigned char *p = (const unsigned char *)pats[i];
		for (size_t j = 0; j < lens[i];) {
			uint32_t cp;
			j += next_cp(p, lens[i], j, &cp);
			add_class(a, cp);
			total++;
		}
	}
	if (a->ncls > 0xFFFF)
		a->ncls = 0xFFFF;   /* unreachable for word lists; keeps the uint16 classes honest */

	/* The trie: goto entries are -1 until the failure pass fills them in. */
	int64_t *go = nb_xmalloc(total * a->ncls * sizeof *go);
	for (size_t i = 0; i < total * a->ncls; i++)
		go[i] = -1;
	a->state_pat = nb_xmalloc(total * sizeof *a->state_pat);
	for (size_t i = 0; i < total; i++)
		a->state_pat[i] = -1;
	a->pat_next = nb_xmalloc((n ? n : 1) * sizeof *a->pat_next);
	a->pat_len = nb_xmalloc((n ? n : 1) * sizeof *a->pat_len);
	a->npats = n;
	size_t nstates = 1;
	for (size_t i = 0; i < n; i++) {
		a->pat_len[i] = lens[i];
		a->pat_next[i] = -1;
		const unsigned char *p = (const unsigned char *)pats[i];
		size_t s = 0;
		bool usable = lens[i] > 0;
		for (size_t j = 0; j < lens[i];) {
			uint32_t cp;
			j += next_cp(p, lens[i], j, &cp);
			size_t c = class_of(a, cp);
			if (!c) {
				usable = false;   /* invalid UTF-8 in a pattern: it can never match */
				break;
			}
			if (go[s * a->ncls + c] < 0)
				go[s * a->ncls + c] = (int64_t)nstates++;
			s = (size_t)go[s * a->ncls + c];
		}
		if (!usable)
			continue;
		/* Append, so that patterns ending in one state are reported in list order. */
		if (a->state_pat[s] < 0) {
			a->state_pat[s] = (int32_t)i;
		} else {
			int32_t q = a->state_pat[s];
			while (a->pat_next[q] >= 0)
				q = a->pat_next[q];
			a->pat_next[q] = (int32_t)i;
		}
	}
	a->nstates = nstates;

	/* Breadth-first: failure links, then the full transition function. */
	uint32_t *fail = nb_xcalloc(nstates, sizeof *fail);
	a->out_link = nb_xcalloc(nstates, sizeof *a->out_link);
	size_t *queue = nb_xmalloc(nstates * sizeof *queue);
	size_t qh = 0, qt = 0;
	for (size_t c = 0; c < a->ncls; c++) {
		if (go[c] < 0)
			go[c] = 0;
		else if (go[c] > 0)
			queue[qt++] = (size_t)go[c];
	}
	while (qh < qt) {
		size_t s = queue[qh++];
		for (size_t c = 0; c < a->ncls; c++) {
			int64_t t = go[s * a->ncls + c];
			int64_t via_fail = go[fail[s] * a->ncls + c];
			if (t < 0) {
				go[s * a->ncls + c] = via_fail;
				continue;
			}
			fail[t] = (uint32_t)via_fail;
			a->out_link[t] = a->state_pat[via_fail] >= 0 ? (uint32_t)via_fail : a->out_link[via_fail];
			queue[qt++] = (size_t)t;
		}
	}
	a->delta = nb_xmalloc(nstates * a->ncls * sizeof *a->delta);
	for (size_t i = 0; i < nstates * a->ncls; i++) {
		uint32_t t = (uint32_t)go[i];
		bool out = a->state_pat[t] >= 0 || a->out_link[t] != 0;
		a->delta[i] = t | (out ? OUT_FLAG : 0);
	}
	free(queue);
	free(fail);
	free(go);
	return a;
}

void nb_acm_free(nb_acm *a)
{
	if (!a)
		return;
	for (size_t i = 0; i < NPAGES; i++)
		free(a->pages[i]);
	free(a->astral);
	free(a->astral_cls);
	free(a->delta);
	free(a->state_pat);
	free(a->out_link);
	free(a->pat_next);
	free(a->pat_len);
	free(a);
}

void nb_acm_scan(const nb_acm *a, const char *s, size_t len, nb_acm_cb cb, void *ud)
{
	if (!a || a->nstates <= 1)
		return;
	const uint32_t *delta = a->delta;
	const size_t ncls = a->ncls;
	const unsigned char *p = (const unsigned char *)s;
	uint32_t st = 0;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		i += next_cp(p, len, i, &cp);
		size_t c = class_of(a, cp);
		if (!c) {
			st = 0;
			continue;
		}
		st = delta[(size_t)(st & STATE_MASK) * ncls + c];
		if (!(st & OUT_FLAG))
			continue;
		for (uint32_t q = st & STATE_MASK; q; q = a->out_link[q])
			for (int32_t k = a->state_pat[q]; k >= 0; k = a->pat_next[k]) {
				size_t pl = a->pat_len[k];
				if (cb((size_t)k, i - pl, pl, ud))
					return;
			}
	}
}
