/* SPDX-License-Identifier: MIT */
/*
** settle_pairs.c: whether some package party a accepts is ratified by every
** body that ratifies for party r: the win-set pair count of settle_zone.c
** reduced to "more than none", without visiting every package (`parley
** stress` asks only that, in every draw).
**
** Depth-first over the issues in order (branch and bound). A partial package
** is abandoned when even its best completion for every judge at once (its
** prefix plus, for each issue left, that judge's best option) gets a no:
** acceptance and a body's pass probability only grow with its judges'
** utilities (pl_vote_yes is non-decreasing in the gain; a body's rule is
** monotone: non-negative weights, quotas, vetoes), and a red line the prefix
** crosses stays crossed. The bound carries a slack far above rounding, so it
** never cuts a package the count would take. Leaves are judged as the counting
** walk judges them: utilities summed in issue order, the same tests.
*/
#include "settlement.h"
#include "../core/alloc.h"
#include "../core/error_int.h"

#include <stdlib.h>

typedef struct pair_search {
    const pl_settlement *st;
    size_t a, r, nj, K;
    double *ps;         /* (K + 1) x nj: each judge's utility of the issues before k */
    double *rest;       /* (K + 1) x nj: each judge's best over the issues from k on */
    double *ub;         /* nj: the bound of the current node */
    uint32_t *w;        /* K: the package being built */
    unsigned char *cr;  /* nj: red lines crossed */
} pair_search;

/* Whether party a accepts and r's bodies ratify at utilities u, red lines crossed cr. */
static int judged_yes(const pair_search *c, const double *u, const unsigned char *cr)
{
    const pl_settlement *st = c->st;
    size_t a = c->a;
    if ((cr && cr[a]) || u[a] < st->d[a] - pl__tol(u[a], st->d[a]))
        return 0;
    for (size_t t = 0; t < st->n_rat; t++) {
        const pl__voter *b = &st->bod[st->rat[t].body];
        if (st->rat[t].party == c->r && (!b->game || pl__settle_accept(st, b, u, cr) < st->o.tau))
            return 0;
    }
    return 1;
}

/* Judges whose red lines the options of issues 0..k-1 cross; NULL when no judge has one. */
static const unsigned char *crossed_before(const pair_search *c, size_t k)
{
    const pl_settlement *st = c->st;
    if (!st->allow)
        return NULL;
    for (size_t j = 0; j < c->nj; j++)
        c->cr[j] = 0;
    for (size_t x = 0; x < st->n_red; x++)
        if (st->red[x].line->set.issue < k && pl__settle_red_crossed(st, &st->red[x], c->w))
            c->cr[st->red[x].judge] = 1;
    return c->cr;
}

/* Could some completion of the options of issues 0..k-1 still be a yes? */
static int hopeful(const pair_search *c, size_t k)
{
    for (size_t j = 0; j < c->nj; j++) {
        double p = c->ps[k * c->nj + j], q = c->rest[k * c->nj + j];
        c->ub[j] = p + q + 1e-9 * (1 + fabs(p) + fabs(q));
    }
    return judged_yes(c, c->ub, crossed_before(c, k));
}

static int search(const pair_search *c, size_t k)
{
    const pl_space *sp = c->st->all;
    size_t nj = c->nj;
    if (k == c->K)
        return judged_yes(c, c->ps + k * nj, pl__settle_crossed(c->st, c->w, c->cr));
    if (!hopeful(c, k))
        return 0;
    for (size_t v = 0; v < sp->m[k]; v++) {
        c->w[k] = (uint32_t)v;
        for (size_t j = 0; j < nj; j++)
            c->ps[(k + 1) * nj + j] = c->ps[k * nj + j] + sp->t[j * sp->total + sp->off[k] + v];
        if (search(c, k + 1))
            return 1;
    }
    return 0;
}

int pl__settle_pair_exists(const pl_settlement *st, size_t a, size_t r, int *exists)
{
    const pl_space *sp = st->all;
    size_t nj = sp->n, K = sp->K, rows = pl__mul(K + 1, nj);
    pair_search c = {st, a, r, nj, K, calloc(rows, sizeof(double)),
                     pl__mallocarray(rows, sizeof(double)), pl__mallocarray(nj, sizeof(double)),
                     pl__mallocarray(K ? K : 1, sizeof(uint32_t)), malloc(nj)};
    int rc = c.ps && c.rest && c.ub && c.w && c.cr ? PL_OK : PL_ENOMEM;
    for (size_t j = 0; !rc && j < nj; j++) {
        c.rest[K * nj + j] = 0;
        for (size_t k = K; k-- > 0;) {
            double best = -INFINITY;
            for (size_t v = 0; v < sp->m[k]; v++) { /* fmax: utilities are finite */
                double x = sp->t[j * sp->total + sp->off[k] + v];
                best = x > best ? x : best;
            }
            c.rest[k * nj + j] = c.rest[(k + 1) * nj + j] + best;
        }
    }
    if (!rc)
        *exists = search(&c, 0);
    free(c.ps), free(c.rest), free(c.ub), free(c.w), free(c.cr);
    return rc;
}
