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
**
** Every party a at once for one r (pl__settle_pairs_exist, as `parley stress`
** asks): one walk carries the set of parties still hopeful at a node, and the
** bodies of r, the costly test, are judged once per node for all of them. A
** party's answer is the one its own walk gives: a node is entered for a exactly
** when it is hopeful for a and all its ancestors were, and the walk stops only
** once every party has its yes. The ratified Nash point, when the settlement has one, is
** judged first as a leaf (judge_seed): it gives every party that accepts it its yes when
** r's bodies pass it, often all of them, and the walk is then not needed.
*/
#include "settlement.h"
#include "../core/alloc.h"
#include "../core/error_int.h"

#include <stdlib.h>

/* Parties one walk carries at most (one bit each). */
#define PL__PAIR_BITS 64

typedef struct pair_search {
    const pl_settlement *st;
    size_t r, nj, K;
    const size_t *party; /* bit b of a set stands for party party[b] */
    uint64_t want;      /* parties whose yes is still to be found */
    double *ps;         /* (K + 1) x nj: each judge's utility of the issues before k */
    double *rest;       /* (K + 1) x nj: each judge's best over the issues from k on */
    double *ub;         /* nj: the bound of the current node */
    uint32_t *w;        /* K: the package being built */
    unsigned char *cr;  /* nj: red lines crossed */
} pair_search;

/* The parties of `live` that accept at utilities u, red lines crossed cr, when r's bodies
   ratify there; else none. */
static uint64_t judged_yes(const pair_search *c, uint64_t live, const double *u,
                           const unsigned char *cr)
{
    const pl_settlement *st = c->st;
    for (size_t b = 0; b < PL__PAIR_BITS && live >> b; b++) {
        size_t a = c->party[b];
        if ((live >> b & 1) && ((cr && cr[a]) || !pl__at_least(u[a], st->d[a])))
            live &= ~((uint64_t)1 << b);
    }
    for (size_t t = 0; live && t < st->n_rat; t++) {
        const pl__voter *v = &st->bod[st->rat[t].body];
        if (st->rat[t].party == c->r && (!v->game || pl__settle_accept(st, v, u, cr) < st->o.tau))
            return 0;
    }
    return live;
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

/* The parties of `live` for which some completion of the options of issues 0..k-1 could
   still be a yes. */
static uint64_t hopeful(const pair_search *c, uint64_t live, size_t k)
{
    for (size_t j = 0; j < c->nj; j++) {
        double p = c->ps[k * c->nj + j], q = c->rest[k * c->nj + j];
        c->ub[j] = p + q + 1e-9 * (1 + fabs(p) + fabs(q));
    }
    return judged_yes(c, live, c->ub, crossed_before(c, k));
}

static void search(pair_search *c, uint64_t live, size_t k)
{
    const pl_space *sp = c->st->all;
    size_t nj = c->nj;
    if (k == c->K) {
        c->want &= ~judged_yes(c, live, c->ps + k * nj, pl__settle_crossed(c->st, c->w, c->cr));
        return;
    }
    if (!(live = hopeful(c, live, k)))
        return;
    for (size_t v = 0; v < sp->m[k] && (live &= c->want); v++) { /* drop those answered */
        c->w[k] = (uint32_t)v;
        for (size_t j = 0; j < nj; j++)
            c->ps[(k + 1) * nj + j] = c->ps[k * nj + j] + sp->t[j * sp->total + sp->off[k] + v];
        search(c, live, k + 1);
    }
}

/*
** Package w judged as the walk judges a leaf (utilities summed in issue order from 0, as
** ps is; the same crossed red lines and tests), before the walk: the parties it says yes
** for have their answer, a package being all a yes needs. The walk then looks only for the
** others, and ends at once when none is left. The answers are the walk's alone: a party's
** yes from w is one the walk would find at w's leaf (its bound never cuts a yes).
*/
static void judge_seed(pair_search *c, const uint32_t *w)
{
    const pl_space *sp = c->st->all;
    for (size_t j = 0; j < c->nj; j++) {
        double u = 0;
        for (size_t k = 0; k < c->K; k++)
            u = u + sp->t[j * sp->total + sp->off[k] + w[k]];
        c->ub[j] = u;
    }
    c->want &= ~judged_yes(c, c->want, c->ub, pl__settle_crossed(c->st, w, c->cr));
}

/* The walk for the parties c->want still holds: each judge's best over the issues from k on
   (rest), then the search from the root; PL_ENOMEM. */
static int walk(pair_search *c)
{
    const pl_space *sp = c->st->all;
    size_t nj = c->nj, K = c->K, rows = pl__mul(K + 1, nj);
    c->ps = calloc(rows, sizeof(double));
    c->rest = pl__mallocarray(rows, sizeof(double));
    c->w = pl__mallocarray(K ? K : 1, sizeof(uint32_t));
    int rc = c->ps && c->rest && c->w ? PL_OK : PL_ENOMEM;
    for (size_t j = 0; !rc && j < nj; j++) {
        c->rest[K * nj + j] = 0;
        for (size_t k = K; k-- > 0;) {
            double best = -INFINITY;
            for (size_t v = 0; v < sp->m[k]; v++) { /* fmax: utilities are finite */
                double x = sp->t[j * sp->total + sp->off[k] + v];
                best = x > best ? x : best;
            }
            c->rest[k * nj + j] = c->rest[(k + 1) * nj + j] + best;
        }
    }
    if (!rc)
        search(c, c->want, 0);
    free(c->ps), free(c->rest), free(c->w);
    return rc;
}

/* The parties of want (bits of c->party) with a package they accept that r's bodies
   ratify, into *yes; seed (NULL: none), a package tried first (judge_seed), so that the
   walk, and its memory, are needed only for the parties it leaves; PL_ENOMEM. */
static int pairs_search(const pl_settlement *st, size_t r, const size_t *party, uint64_t want,
                        const uint32_t *seed, uint64_t *yes)
{
    size_t nj = st->all->n;
    pair_search c = {st, r, nj, st->all->K, party, want, NULL, NULL,
                     pl__mallocarray(nj, sizeof(double)), NULL, malloc(nj ? nj : 1)};
    int rc = c.ub && c.cr ? PL_OK : PL_ENOMEM;
    if (!rc && seed)
        judge_seed(&c, seed);
    if (!rc && c.want)
        rc = walk(&c);
    *yes = rc ? 0 : want & ~c.want;
    free(c.ub), free(c.cr);
    return rc;
}

int pl__settle_pair_exists(const pl_settlement *st, size_t a, size_t r, int *exists)
{
    uint64_t yes = 0;
    int rc = pairs_search(st, r, &a, 1, NULL, &yes);
    *exists = yes != 0;
    return rc;
}

int pl__settle_pairs_exist(const pl_settlement *st, size_t r, unsigned char *yes)
{
    size_t party[PL__PAIR_BITS];
    int rc = PL_OK;
    for (size_t a = 0; a < st->n; a++)
        yes[a] = 0;
    for (size_t from = 0; !rc && from < st->n; from += PL__PAIR_BITS) {
        size_t np = 0;
        uint64_t want = 0, found = 0;
        for (size_t a = from; a < st->n && a < from + PL__PAIR_BITS; a++, np++) {
            party[np] = a;
            want |= (uint64_t)(a != r) << np;
        }
        rc = pairs_search(st, r, party, want, st->rnash_found ? st->rnash : NULL, &found);
        for (size_t b = 0; b < np; b++)
            yes[party[b]] = (unsigned char)(found >> b & 1);
    }
    return rc;
}
