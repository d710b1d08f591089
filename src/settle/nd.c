/* SPDX-License-Identifier: MIT */
/*
** nd.c: the non-dominated filter (MODELS.md sec. 7, "Frontier algorithms").
**
** Two parties: sort by (u1 desc, u2 desc) and sweep with the running maximum
** of u2 (O(N log N)). More: sort-filter skyline (Chomicki et al. 2003):
** presort by the sum of utilities, descending, so that a dominator always
** comes before what it dominates; a point is kept iff no kept point
** dominates it. Both first keep every point that is not clearly dominated and
** then, since the tolerance lets a dominator arrive a little late, re-check
** the kept points against their near neighbours.
*/
#include "settle_impl.h"
#include "../core/alloc.h"
#include "../core/sort.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* Parties up to which the bounds of dominates_unit fit on the stack. */
#define PL__ND_UNIT_MAX 16

typedef struct nd_key {
    double a, b;    /* 2 parties: u1, u2; more: the sum, 0 */
    size_t i;
} nd_key;

static int cmp_key(const void *x, const void *y)
{
    const nd_key *p = x, *q = y;
    if (p->a != q->a)
        return p->a > q->a ? -1 : 1;
    if (p->b != q->b)
        return p->b > q->b ? -1 : 1;
    return (p->i > q->i) - (p->i < q->i);
}

/*
** pl__dominates(q, p, n) when every utility lies in [-1, 1], as a party's does (weights
** summing to at most 1 over values in [0, 1]): there pl__tol is 1e-12 for every pair, so p's
** lower bounds lo = p - 1e-12, rounded as pl__dominates rounds them, are made once per point
** tested instead of once per test; most tests fail on one of them, and only a test that
** passes them all looks for a strict gain, q > p + 1e-12. The same comparisons, so the same
** answer.
*/
typedef struct unit_bounds {
    double lo[PL__ND_UNIT_MAX];
    const double *p;
} unit_bounds;

static inline void unit_bounds_of(unit_bounds *b, const double *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        b->lo[i] = p[i] - 1e-12;
    b->p = p;
}

static inline int dominates_unit(const double *q, const unit_bounds *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (q[i] < b->lo[i])
            return 0;
    for (size_t i = 0; i < n; i++)
        if (q[i] > b->p[i] + 1e-12)
            return 1;
    return 0;
}

/* Does q dominate p (b: p's bounds when `unit`)? */
static inline int dominated_by(const double *q, const double *p, const unit_bounds *b,
                               int unit, size_t n)
{
    return unit ? dominates_unit(q, b, n) : pl__dominates(q, p, n);
}

/* Sweep over keys sorted by (u1, u2) descending; candidates into c, in that order. */
static size_t sweep2(const nd_key *k, size_t N, size_t *c)
{
    size_t nc = 0;
    double best = -INFINITY;
    for (size_t j = 0; j < N; j++) {
        double u2 = k[j].b;
        if (nc == 0 || u2 >= best - pl__tol(u2, best))
            c[nc++] = j;
        if (u2 > best)
            best = u2;
    }
    return nc;
}

/* Does q dominate p? As dominated_by, with p's bounds made on the first call (*made). */
static inline int dominated_lazy(const double *q, const double *p, unit_bounds *b, int *made,
                                 int unit, size_t n)
{
    if (unit && !*made)
        unit_bounds_of(b, p, n), *made = 1;
    return dominated_by(q, p, b, unit, n);
}

/*
** Remove candidates dominated by another candidate. Candidates are in sort
** order: a dominator of candidate j lies among those whose first key is within
** `reach` of j's (later ones) or earlier ones, which the sweep bounds. Most
** candidates have no neighbour that near, so their bounds are made only when a
** test needs them.
*/
static PL__ALWAYS_INLINE size_t recheck(size_t n, const double *u, const nd_key *k,
                                        size_t *c, size_t nc, unsigned char *gone, int unit)
{
    unit_bounds b;
    b.p = NULL; /* set with lo, before any test reads them */
    for (size_t j = 0; j < nc; j++) {
        double reach = 64 * (double)n * pl__tol(k[c[j]].a, 0);
        /* the loops below would stop at once, testing nothing, when neither neighbour is near
           (the first tests of each): most candidates */
        int near_before = j > 0 && (n == 2 ? !(k[c[j - 1]].b < k[c[j]].b - reach)
                                           : !(k[c[j - 1]].a > k[c[j]].a + reach));
        if (!near_before && !(j + 1 < nc && k[c[j + 1]].a >= k[c[j]].a - reach))
            continue;
        const double *p = u + k[c[j]].i * n;
        int made = 0;
        for (size_t q = j; q-- > 0;) {
            if (n == 2 && k[c[q]].b < k[c[j]].b - reach)
                break;  /* earlier sweep candidates below this can't reach u2 */
            if (n > 2 && k[c[q]].a > k[c[j]].a + reach)
                break;
            if (dominated_lazy(u + k[c[q]].i * n, p, &b, &made, unit, n)) {
                gone[j] = 1;
                break;
            }
        }
        for (size_t q = j + 1; !gone[j] && q < nc && k[c[q]].a >= k[c[j]].a - reach; q++)
            if (dominated_lazy(u + k[c[q]].i * n, p, &b, &made, unit, n))
                gone[j] = 1;
    }
    size_t m = 0;
    for (size_t j = 0; j < nc; j++)
        if (!gone[j])
            c[m++] = c[j];
    return m;
}

/* Is point p, its unit bounds made into b as they are needed, above the kept points'
   largest utility mx on some party? Then no kept point can dominate it (each fails
   dominates_unit's first test there), and no test reads b; when it is not, b is whole. */
static inline int beyond_kept(unit_bounds *b, const double *p, const double *mx, size_t n)
{
    b->p = p;
    for (size_t i = 0; i < n; i++) {
        b->lo[i] = p[i] - 1e-12;
        if (mx[i] < b->lo[i])
            return 1;
    }
    return 0;
}

/*
** Sort-filter skyline; candidates into c in sum order. (size_t)-1 when the
** budget runs out. The kept points are copied side by side (cu) so the scan
** stays in cache, and the one that dominated the last rejected point is tried
** first: neighbours in sum order tend to share a dominator. With unit bounds,
** a point above every kept point on some party (mx, their largest utilities)
** is kept without a test, and charged the tests the scan would have made. Only
** the order and the number of the tests change: a point is kept iff no kept
** point dominates it.
*/
static PL__ALWAYS_INLINE size_t sfs_n(size_t n, const double *u, const nd_key *k, size_t N,
                                      size_t *c, double *cu, uint64_t *budget, int unit)
{
    size_t nc = 0, hint = 0;
    unit_bounds b = {{0}, NULL}; /* set by beyond_kept before any test reads them */
    double mx[PL__ND_UNIT_MAX] = {0}; /* set by the first point kept, before any read */
    for (size_t j = 0; j < N; j++) {
        const double *p = u + k[j].i * n;
        if (budget && *budget < nc)
            return (size_t)-1;
        size_t q = 0, tests = 1;
        if (unit && nc && beyond_kept(&b, p, mx, n)) {
            q = nc, tests += nc; /* the hint, then every kept point, all failing */
        } else if (hint < nc && dominated_by(cu + hint * n, p, &b, unit, n)) {
            q = hint;
        } else {
            while (q < nc && !dominated_by(cu + q * n, p, &b, unit, n))
                q++;
            tests += q;
        }
        if (budget)
            *budget -= tests < *budget ? tests : *budget;
        if (q < nc) {
            hint = q;
            continue;
        }
        for (size_t i = 0; unit && i < n; i++)
            mx[i] = nc == 0 || p[i] > mx[i] ? p[i] : mx[i];
        for (size_t i = 0; i < n; i++) /* not memcpy: with n constant, a few moves */
            cu[nc * n + i] = p[i];
        c[nc++] = j;
    }
    return nc;
}

/* keep[0..nc) = the kept points' indices (k[c[j]].i, distinct, below N) in increasing order,
   by marking them in mark (N bytes, zeros) instead of sorting. */
static void kept_in_order(const nd_key *k, const size_t *c, size_t nc, unsigned char *mark,
                          size_t *keep)
{
    for (size_t j = 0; j < nc; j++)
        mark[k[c[j]].i] = 1;
    for (size_t i = 0, m = 0; m < nc; i++)
        if (mark[i])
            keep[m++] = i;
}

/* Is each of p's n utilities within [-1, 1]? */
static inline int within_unit(const double *p, size_t n)
{
    int unit = 1;
    for (size_t i = 0; i < n; i++)
        unit &= fabs(p[i]) <= 1;
    return unit;
}

/* The keys (2 parties: u1, u2; more: the sum, u1; 1: u1, 0) in k; whether every utility is
   within [-1, 1] (dominates_unit): known says so, else each point is checked. */
static PL__ALWAYS_INLINE int make_keys(size_t n, size_t N, const double *u, nd_key *k,
                                       int known)
{
    int unit = n > 2 && n <= PL__ND_UNIT_MAX, check = unit && !known;
    for (size_t j = 0; j < N; j++) {
        const double *p = u + j * n;
        k[j].i = j;
        if (n == 2) {
            k[j].a = p[0];
            k[j].b = p[1];
        } else {
            double s = 0;
            for (size_t i = 0; i < n; i++)
                s += p[i];
            k[j].a = s;
            k[j].b = n ? p[0] : 0;
            if (check)
                unit &= within_unit(p, n);
        }
    }
    return unit;
}

/*
** The candidates left in c, in key order: the keys (k), their order, then one party's
** maximum within tolerance, or the sweep or the skyline (cu, budget) and its recheck
** (gone); (size_t)-1 when the budget runs out.
*/
static PL__ALWAYS_INLINE size_t filter_n(size_t n, size_t N, const double *u, int known,
                                         nd_key *k, size_t *c, double *cu, unsigned char *gone,
                                         uint64_t *budget)
{
    int unit = make_keys(n, N, u, k, known);
    pl__sort(k, N, sizeof *k, cmp_key);
    size_t nc = 0;
    if (n == 1) { /* every point within tolerance of the maximum */
        for (size_t j = 0; j < N && k[j].a >= k[0].a - pl__tol(k[j].a, k[0].a); j++)
            c[nc++] = j;
        return nc;
    }
    /* unit a constant in each sfs_n too, so that its tests do not branch on it */
    nc = n == 2 ? sweep2(k, N, c)
         : unit ? sfs_n(n, u, k, N, c, cu, budget, 1) : sfs_n(n, u, k, N, c, cu, budget, 0);
    return nc == (size_t)-1 ? nc : recheck(n, u, k, c, nc, gone, unit);
}

/*
** filter_n with the party count a constant where it is small (PL__BY_PARTIES): each loop
** over the parties (the sums, the bounds, the dominance tests, mx, the copy) is then
** unrolled: a fifth fewer instructions in the filter (callgrind, stress --builtin). The
** same code in the same order, so the same set.
*/
static size_t filter(size_t n, size_t N, const double *u, int known, nd_key *k, size_t *c,
                     double *cu, unsigned char *gone, uint64_t *budget)
{
    PL__BY_PARTIES(n, filter_n, N, u, known, k, c, cu, gone, budget)
}

int pl__nd(size_t n, size_t N, const double *u, size_t *keep, size_t *n_keep,
           uint64_t *budget)
{
    return pl__nd_in(n, N, u, 0, keep, n_keep, budget);
}

int pl__nd_in(size_t n, size_t N, const double *u, int in_unit, size_t *keep, size_t *n_keep,
              uint64_t *budget)
{
    *n_keep = 0;
    if (N == 0)
        return PL_OK;
    /* one block (keys, candidates, kept points' copies, flags): a per-draw merge calls this
       some forty times on a few dozen points, so small ones stay on the stack */
    _Alignas(max_align_t) unsigned char stack[8192]; /* scratch of several types */
    size_t ncu = n > 2 ? pl__mul(N, n) : 0;
    size_t bytes = pl__mul(N, sizeof(nd_key) + sizeof(size_t) + 1);
    size_t cub = pl__mul(ncu, sizeof(double));
    size_t all = pl__add(bytes, cub); /* SIZE_MAX: too big */
    nd_key *k = all <= sizeof stack ? (nd_key *)stack : all < SIZE_MAX ? malloc(all) : NULL;
    if (!k)
        return PL_ENOMEM;
    double *cu = (double *)(k + N);         /* ncu of them (n > 2) */
    size_t *c = (size_t *)(cu + ncu);       /* N */
    unsigned char *gone = (unsigned char *)(c + N); /* N */
    memset(gone, 0, N);
    size_t nc = filter(n, N, u, in_unit, k, c, cu, gone, budget);
    if (nc == (size_t)-1) {
        if (k != (nd_key *)stack)
            free(k);
        return PL_ERANGE;
    }
    if (nc == N) { /* every point kept (often, on a draw's few points): no marks needed */
        for (size_t i = 0; i < N; i++)
            keep[i] = i;
    } else {
        memset(gone, 0, N);
        kept_in_order(k, c, nc, gone, keep);
    }
    *n_keep = nc;
    if (k != (nd_key *)stack)
        free(k);
    return PL_OK;
}
