/* acm.c — Aho–Corasick matching over bytes: every word of a list found in one pass over the text.
 *
 * The automaton is a dense table (state × byte class). Bytes that occur in no pattern share one
 * class, so the table stays small while the scan does one lookup per input byte. A state with
 * output carries a flag bit in its table entry, so the hot loop only branches on real matches. */
#include "config.h"
#include "nianbao/lexicon.h"
#include "nianbao/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define OUT_FLAG 0x80000000u
#define STATE_MASK 0x7FFFFFFFu

struct nb_acm {
	uint8_t cls[256];
	size_t ncls;
	uint32_t *delta;       /* nstates × ncls; next state, OUT_FLAG when it has output */
	size_t nstates;
	int32_t *state_pat;    /* first pattern ending in the state, -1 if none */
	uint32_t *out_link;    /* nearest proper suffix state with a pattern (0 = none) */
	int32_t *pat_next;     /* next pattern ending in the same state */
	size_t *pat_len;
	size_t npats;
};

nb_acm *nb_acm_build(const char *const *pats, const size_t *lens, size_t n)
{
	nb_acm *a = nb_xcalloc(1, sizeof *a);
	size_t total = 1;
	bool used[256] = {false};
	for (size_t i = 0; i < n; i++) {
		total += lens[i];
		for (size_t j = 0; j < lens[i]; j++)
			used[(unsigned char)pats[i][j]] = true;
	}
	a->ncls = 1;
	for (int b = 0; b < 256; b++)
		a->cls[b] = used[b] ? (uint8_t)a->ncls++ : 0;

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
		if (lens[i] == 0)
			continue;
		size_t s = 0;
		for (size_t j = 0; j < lens[i]; j++) {
			size_t c = a->cls[(unsigned char)pats[i][j]];
			if (go[s * a->ncls + c] < 0)
				go[s * a->ncls + c] = (int64_t)nstates++;
			s = (size_t)go[s * a->ncls + c];
		}
		/* Append, so that patterns ending in one state are reported in list order. */
		if (a->state_pat[s] < 0) {
			a->state_pat[s] = (int32_t)i;
		} else {
			int32_t p = a->state_pat[s];
			while (a->pat_next[p] >= 0)
				p = a->pat_next[p];
			a->pat_next[p] = (int32_t)i;
		}
	}
	a->nstates = nstates;

	/* Breadth-first: failure links, then the full transition function. */
	uint32_t *fail = nb_xcalloc(nstates, sizeof *fail);
	a->out_link = nb_xcalloc(nstates, sizeof *a->out_link);
	size_t *queue = nb_xmalloc(nstates * sizeof *queue);
	size_t qh = 0, qt = 0;
	for (size_t c = 0; c < a->ncls; c++) {
		if (go[c] < 0) {
			go[c] = 0;
		} else if (go[c] > 0) {
			fail[go[c]] = 0;
			queue[qt++] = (size_t)go[c];
		}
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
	const uint8_t *cls = a->cls;
	const size_t ncls = a->ncls;
	const unsigned char *p = (const unsigned char *)s;
	uint32_t st = 0;
	for (size_t i = 0; i < len; i++) {
		st = delta[(size_t)(st & STATE_MASK) * ncls + cls[p[i]]];
		if (!(st & OUT_FLAG))
			continue;
		for (uint32_t q = st & STATE_MASK; q; q = a->out_link[q])
			for (int32_t k = a->state_pat[q]; k >= 0; k = a->pat_next[k]) {
				size_t pl = a->pat_len[k];
				if (cb((size_t)k, i + 1 - pl, pl, ud))
					return;
			}
	}
}
