/* SPDX-License-Identifier: MIT */
/*
** space.c: additive outcome spaces: parties' weighted values of each option
** of each issue; a package's utility is their sum in issue order.
*/
#include "settle_impl.h"
#include "../core/error_int.h"

#include <stdlib.h>

int pl_space_new(pl_space **out, size_t n, size_t K, const size_t *m, pl_error *err)
{
    if (!out || (K && !m))
        return pl__fail(err, PL_EMISUSE, "pl_space_new: NULL argument");
    *out = NULL;
    if (n < 1 || K < 1)
        return pl__fail(err, PL_EINPUT, "an outcome space needs at least 1 party and 1 "
                             "issue; got %zu and %zu", n, K);
    size_t total = 0;
    for (size_t k = 0; k < K; k++) {
        if (m[k] < 1 || m[k] > UINT32_MAX)
            return pl__fail(err, PL_EINPUT, "issue %zu has %zu options; expected 1 to "
                                 "%u", k + 1, m[k], (unsigned)UINT32_MAX);
        total += m[k];
    }
    /* the record, the table and the two index arrays in one block (a stress draw makes four
       spaces: twelve allocations fewer); sizes in doubles first, so none below wraps */
    double need = (double)sizeof(pl_space) + ((double)n * (double)total + 2.0 * (double)K) * 8.0;
    _Static_assert(sizeof(double) == 8 && sizeof(size_t) <= 8 && sizeof(pl_space) % 8 == 0,
                   "the table and the indices follow the record, each aligned");
    pl_space *sp = need < (double)(SIZE_MAX / 2)
                       ? calloc(1, sizeof *sp + (n * total + 2 * K) * sizeof(double)) : NULL;
    if (!sp)
        return pl__error_nomem(err);
    sp->t = (double *)(void *)(sp + 1);
    sp->m = (size_t *)(void *)(sp->t + n * total);
    sp->off = sp->m + K;
    sp->n = n;
    sp->K = K;
    sp->total = total;
    for (size_t k = 0, o = 0; k < K; o += m[k], k++) {
        sp->m[k] = m[k];
        sp->off[k] = o;
    }
    *out = sp;
    return PL_OK;
}

void pl_space_free(pl_space *sp)
{
    if (!sp)
        return;
    free(sp); /* with its table and indices (pl_space_new) */
}

int pl_space_set(pl_space *sp, size_t i, size_t k, size_t v, double t)
{
    if (!sp || i >= sp->n || k >= sp->K || v >= sp->m[k] || !isfinite(t))
        return PL_EMISUSE;
    sp->t[i * sp->total + sp->off[k] + v] = t;
    return PL_OK;
}

double pl_space_get(const pl_space *sp, size_t i, size_t k, size_t v)
{
    if (!sp || i >= sp->n || k >= sp->K || v >= sp->m[k])
        return NAN;
    return sp->t[i * sp->total + sp->off[k] + v];
}

size_t pl_space_n_parties(const pl_space *sp) { return sp ? sp->n : 0; }
size_t pl_space_n_issues(const pl_space *sp) { return sp ? sp->K : 0; }
size_t pl_space_n_options(const pl_space *sp, size_t k)
{
    return sp && k < sp->K ? sp->m[k] : 0;
}

double pl_space_size(const pl_space *sp)
{
    double z = sp ? 1 : 0;
    for (size_t k = 0; sp && k < sp->K; k++)
        z *= (double)sp->m[k];
    return z;
}

double pl_space_utility(const pl_space *sp, size_t i, const uint32_t *w)
{
    if (!sp || i >= sp->n || !w)
        return NAN;
    const double *row = sp->t + i * sp->total;
    double u = 0;
    for (size_t k = 0; k < sp->K; k++)
        u += row[sp->off[k] + (w[k] < sp->m[k] ? w[k] : 0)];
    return u;
}
