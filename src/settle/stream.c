/* SPDX-License-Identifier: MIT */
/*
** stream.c: a running frontier for streamed points (MODELS.md sec. 7,
** "stream outcomes, never store X"). It keeps a superset of the
** non-dominated points: a point is dropped only when a kept point dominates
** it with the tolerance of settle_impl.h, so the final filter (pl__nd over
** the kept points) gives the same result as filtering everything at once.
**
** Two parties: most points fall below the staircase and are rejected by one
** binary search. The others wait in a block; a full block is sorted and
** merged with the staircase by a single sweep in u1-descending order, so a
** large frontier costs O(F) per block instead of O(F) per point.
** More parties: a list checked point by point.
*/
#include "settle_impl.h"
#include "../core/alloc.h"

#include <stdlib.h>
#include <string.h>

void pl__stream_init(pl__stream *s, size_t n)
{
    memset(s, 0, sizeof *s);
    s->n = n;
}

int pl__streams_join(const pl__stream *first, size_t stride, size_t nt, double **u,
                     uint64_t **idx, size_t *N)
{
    const char *base = (const char *)first;
    size_t total = 0, n = first->n, at = 0;
    for (size_t t = 0; t < nt; t++)
        total += ((const pl__stream *)(base + t * stride))->size;
    *u = pl__mallocarray(pl__mul(total ? total : 1, n), sizeof **u);
    if (idx)
        *idx = malloc((total ? total : 1) * sizeof **idx);
    if (!*u || (idx && !*idx)) {
        free(*u), *u = NULL;
        if (idx)
            free(*idx), *idx = NULL;
        return PL_ENOMEM;
    }
    for (size_t t = 0; t < nt; t++) {
        const pl__stream *s = (const pl__stream *)(base + t * stride);
        if (!s->size)
            continue;  /* nothing kept: its arrays may be NULL */
        memcpy(*u + at * n, s->u, s->size * n * sizeof **u);
        if (idx)
            memcpy(*idx + at, s->idx, s->size * sizeof **idx);
        at += s->size;
    }
    *N = total;
    return PL_OK;
}

void pl__stream_free(pl__stream *s)
{
    free(s->u), free(s->idx), free(s->bu), free(s->bidx);
    memset(s, 0, sizeof *s);
}

static int reserve(pl__stream *s, size_t need)
{
    if (need <= s->cap)
        return 0;
    size_t cap = s->cap, cap_ix = s->cap; /* each array grows to the same count */
    double *u = pl__grow(s->u, &cap, need, pl__mul(s->n, sizeof *u), 64);
    if (u)
        s->u = u;
    uint64_t *ix = u ? pl__grow(s->idx, &cap_ix, need, sizeof *ix, 64) : NULL;
    if (!u || !ix)
        return s->oom = 1;
    s->idx = ix;
    s->cap = cap;
    return 0;
}

/* First staircase point with u1 >= x. */
static size_t lower2(const pl__stream *s, double x)
{
    size_t a = 0, b = s->size;
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (s->u[m * 2] < x)
            a = m + 1;
        else
            b = m;
    }
    return a;
}

/*
** Is p clearly below the staircase? Only points right of u1 - reach can
** dominate it. The last dominator is tried first: with random points a few
** staircase points dominate almost everything.
*/
static int below2(pl__stream *s, const double *p)
{
    if (s->hint < s->size && pl__dominates(s->u + s->hint * 2, p, 2))
        return 1;
    double reach = 64 * pl__tol(p[0], p[1]);
    for (size_t j = lower2(s, p[0] - reach); j < s->size && s->u[j * 2 + 1] >= p[1] - reach; j++)
        if (pl__dominates(s->u + j * 2, p, 2)) {
            s->hint = j;
            return 1;
        }
    return 0;
}

typedef struct entry {
    double u1, u2;
    uint64_t idx;
} entry;

/* u1 descending, u2 descending, index ascending: the sweep's order. */
static int cmp_entry(const void *x, const void *y)
{
    const entry *a = x, *b = y;
    if (a->u1 != b->u1)
        return a->u1 > b->u1 ? -1 : 1;
    if (a->u2 != b->u2)
        return a->u2 > b->u2 ? -1 : 1;
    return (a->idx > b->idx) - (a->idx < b->idx);
}

/* Merge the sorted block into the staircase: one sweep over both, u1 descending. */
void pl__stream_flush(pl__stream *s)
{
    if (s->n != 2 || !s->bn || s->oom)
        return;
    size_t nb = s->bn, ns = s->size, m = 0;
    entry *b = malloc(nb * sizeof *b), *out = malloc((nb + ns) * sizeof *out);
    if (!b || !out) {
        free(b), free(out);
        s->oom = 1;
        return;
    }
    for (size_t j = 0; j < nb; j++)
        b[j] = (entry){s->bu[2 * j], s->bu[2 * j + 1], s->bidx[j]};
    qsort(b, nb, sizeof *b, cmp_entry);
    double best = -INFINITY;
    for (size_t i = 0, j = ns; i < nb || j > 0;) {
        entry e = j > 0 ? (entry){s->u[2 * (j - 1)], s->u[2 * (j - 1) + 1], s->idx[j - 1]}
                        : b[i];
        int take_block = i < nb && (j == 0 || cmp_entry(&b[i], &e) < 0);
        if (take_block)
            e = b[i++];
        else
            j--;
        if (e.u2 >= best - pl__tol(e.u2, best))
            out[m++] = e;
        best = e.u2 > best ? e.u2 : best;
    }
    s->bn = 0;
    free(b);
    if (reserve(s, m)) {
        free(out);
        return;
    }
    for (size_t j = 0; j < m; j++) {  /* back to u1 ascending */
        s->u[2 * j] = out[m - 1 - j].u1;
        s->u[2 * j + 1] = out[m - 1 - j].u2;
        s->idx[j] = out[m - 1 - j].idx;
    }
    s->size = m;
    free(out);
}

static void offer2(pl__stream *s, const double *p, uint64_t idx)
{
    if (below2(s, p))
        return;
    if (!s->bu) {
        s->bu = malloc(PL__BLOCK * 2 * sizeof *s->bu);
        s->bidx = malloc(PL__BLOCK * sizeof *s->bidx);
        if (!s->bu || !s->bidx) {
            s->oom = 1;
            return;
        }
    }
    s->bu[2 * s->bn] = p[0];
    s->bu[2 * s->bn + 1] = p[1];
    s->bidx[s->bn++] = idx;
    if (s->bn == PL__BLOCK)
        pl__stream_flush(s);
}

void pl__stream_offer(pl__stream *s, const double *p, uint64_t idx)
{
    size_t n = s->n;
    if (s->oom)
        return;
    if (n == 2) {
        offer2(s, p, idx);
        return;
    }
    for (size_t j = 0; j < s->size; j++)
        if (pl__dominates(s->u + j * n, p, n))
            return;
    if (reserve(s, s->size + 1))
        return;
    size_t m = 0;  /* drop the kept points p dominates, then append p */
    for (size_t j = 0; j < s->size; j++) {
        if (pl__dominates(p, s->u + j * n, n))
            continue;
        if (m != j) {
            memcpy(s->u + m * n, s->u + j * n, n * sizeof *p);
            s->idx[m] = s->idx[j];
        }
        m++;
    }
    memcpy(s->u + m * n, p, n * sizeof *p);
    s->idx[m] = idx;
    s->size = m + 1;
}
