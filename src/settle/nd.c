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

#include <stdlib.h>
#include <string.h>

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

static int cmp_size(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return (a > b) - (a < b);
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

/*
** Remove candidates dominated by another candidate. Candidates are in sort
** order: a dominator of candidate j lies among those whose first key is within
** `reach` of j's (later ones) or earlier ones, which the sweep bounds.
*/
static size_t recheck(size_t n, const double *u, const nd_key *k, size_t *c, size_t nc,
                      unsigned char *gone)
{
    for (size_t j = 0; j < nc; j++) {
        const double *p = u + k[c[j]].i * n;
        double reach = 64 * (double)n * pl__tol(k[c[j]].a, 0);
        for (size_t q = j; q-- > 0;) {
            if (n == 2 && k[c[q]].b < k[c[j]].b - reach)
                break;  /* earlier sweep candidates below this can't reach u2 */
            if (n > 2 && k[c[q]].a > k[c[j]].a + reach)
                break;
            if (pl__dominates(u + k[c[q]].i * n, p, n)) {
                gone[j] = 1;
                break;
            }
        }
        for (size_t q = j + 1; !gone[j] && q < nc && k[c[q]].a >= k[c[j]].a - reach; q++)
            if (pl__dominates(u + k[c[q]].i * n, p, n))
                gone[j] = 1;
    }
    size_t m = 0;
    for (size_t j = 0; j < nc; j++)
        if (!gone[j])
            c[m++] = c[j];
    return m;
}

/*
** Sort-filter skyline; candidates into c in sum order. (size_t)-1 when the
** budget runs out. The kept points are copied side by side (cu) so the scan
** stays in cache, and the one that dominated the last rejected point is tried
** first: neighbours in sum order tend to share a dominator. Only the order of
** the tests changes: a point is kept iff no kept point dominates it.
*/
static size_t sfs(size_t n, const double *u, const nd_key *k, size_t N, size_t *c,
                  double *cu, uint64_t *budget)
{
    size_t nc = 0, hint = 0;
    for (size_t j = 0; j < N; j++) {
        const double *p = u + k[j].i * n;
        if (budget && *budget < nc)
            return (size_t)-1;
        size_t q = 0, tests = 1;
        if (hint < nc && pl__dominates(cu + hint * n, p, n)) {
            q = hint;
        } else {
            while (q < nc && !pl__dominates(cu + q * n, p, n))
                q++;
            tests += q;
        }
        if (budget)
            *budget -= tests < *budget ? tests : *budget;
        if (q < nc) {
            hint = q;
            continue;
        }
        memcpy(cu + nc * n, p, n * sizeof *p);
        c[nc++] = j;
    }
    return nc;
}

int pl__nd(size_t n, size_t N, const double *u, size_t *keep, size_t *n_keep,
           uint64_t *budget)
{
    *n_keep = 0;
    if (N == 0)
        return PL_OK;
    /* one block (keys, candidates, kept points' copies, flags): a per-draw merge calls this
       some forty times on a few dozen points */
    size_t ncu = n > 2 ? pl__mul(N, n) : 0;
    size_t bytes = pl__mul(N, sizeof(nd_key) + sizeof(size_t) + 1);
    size_t cub = pl__mul(ncu, sizeof(double));
    nd_key *k = bytes < SIZE_MAX - cub ? malloc(bytes + cub) : NULL; /* either SIZE_MAX: NULL */
    if (!k)
        return PL_ENOMEM;
    double *cu = (double *)(k + N);         /* ncu of them (n > 2) */
    size_t *c = (size_t *)(cu + ncu);       /* N */
    unsigned char *gone = (unsigned char *)(c + N); /* N */
    memset(gone, 0, N);
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
        }
    }
    pl__sort(k, N, sizeof *k, cmp_key);
    size_t nc = n == 2 ? sweep2(k, N, c) : n == 1 ? 1 : sfs(n, u, k, N, c, cu, budget);
    if (nc == (size_t)-1) {
        free(k);
        return PL_ERANGE;
    }
    if (n == 1) {  /* every point within tolerance of the maximum */
        nc = 0;
        for (size_t j = 0; j < N && k[j].a >= k[0].a - pl__tol(k[j].a, k[0].a); j++)
            c[nc++] = j;
    } else {
        nc = recheck(n, u, k, c, nc, gone);
    }
    for (size_t j = 0; j < nc; j++)
        keep[j] = k[c[j]].i;
    pl__sort(keep, nc, sizeof *keep, cmp_size);
    *n_keep = nc;
    free(k);
    return PL_OK;
}
