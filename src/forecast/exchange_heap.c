/* SPDX-License-Identifier: MIT */
/*
** exchange_heap.c: the round's candidate exchanges in an indexed binary
** max-heap by (gain descending, id ascending), so that after a trade only the
** candidates it touched are re-sized and moved (O(log E) each) instead of
** every candidate being scanned again.
*/
#include "exchange_impl.h"

#include <stdlib.h>

/* Does candidate a go before b? */
static int above(const pl__xc_heap *hp, uint32_t a, uint32_t b)
{
    double ga = hp->cand[a].gain, gb = hp->cand[b].gain;
    return ga > gb || (ga == gb && a < b);
}

static void put(pl__xc_heap *hp, size_t at, uint32_t id)
{
    hp->h[at] = id;
    hp->pos[id] = (uint32_t)at;
}

static void sift_up(pl__xc_heap *hp, size_t at)
{
    uint32_t id = hp->h[at];
    while (at > 0 && above(hp, id, hp->h[(at - 1) / 2])) {
        put(hp, at, hp->h[(at - 1) / 2]);
        at = (at - 1) / 2;
    }
    put(hp, at, id);
}

static void sift_down(pl__xc_heap *hp, size_t at)
{
    uint32_t id = hp->h[at];
    for (;;) {
        size_t c = 2 * at + 1;
        if (c >= hp->len)
            break;
        if (c + 1 < hp->len && above(hp, hp->h[c + 1], hp->h[c]))
            c++;
        if (!above(hp, hp->h[c], id))
            break;
        put(hp, at, hp->h[c]);
        at = c;
    }
    put(hp, at, id);
}

void pl__xc_heap_build(pl__xc_heap *hp, size_t m)
{
    hp->len = m;
    for (size_t k = 0; k < m; k++)
        put(hp, k, (uint32_t)k);
    for (size_t k = m / 2; k-- > 0;)
        sift_down(hp, k);
}

void pl__xc_heap_update(pl__xc_heap *hp, uint32_t id)
{
    size_t at = hp->pos[id];
    sift_up(hp, at);
    sift_down(hp, hp->pos[id]);
}

void pl__xc_heap_remove(pl__xc_heap *hp, uint32_t id)
{
    size_t at = hp->pos[id];
    if (at == UINT32_MAX)
        return;
    hp->pos[id] = UINT32_MAX;
    uint32_t last = hp->h[--hp->len];
    if (at == hp->len)
        return;
    put(hp, at, last);
    sift_up(hp, at);
    sift_down(hp, hp->pos[last]);
}

static int by_id(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

size_t pl__xc_heap_top(const pl__xc_heap *hp, double tol, uint32_t *out)
{
    if (hp->len == 0)
        return 0;
    double floor = hp->cand[hp->h[0]].gain - tol;
    /* the nodes at or above the floor form a subtree at the root: walk it with out as stack */
    size_t n = 0, done = 0;
    out[n++] = 0;
    while (done < n) {
        size_t at = out[done];
        out[done++] = hp->h[at];
        for (size_t c = 2 * at + 1; c <= 2 * at + 2 && c < hp->len; c++)
            if (hp->cand[hp->h[c]].gain >= floor)
                out[n++] = (uint32_t)c;
    }
    qsort(out, n, sizeof *out, by_id);
    return n;
}
