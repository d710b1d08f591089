/* SPDX-License-Identifier: MIT */
/*
** float_dp.c: the fast floating mode of the generating functions, for games
** of one weighted condition (and vetoes): the Banzhaf family in doubles
** instead of exact multi-word counts.
**
** The table holds probabilities rather than counts: with every non-veto
** member in a coalition with probability 1/2, c[x] is the chance that the
** coalition weighs x, built by c'[x] = (c[x] + c[x - w]) / 2, so nothing
** overflows at any n. Removing member m inverts that step, d[x] = 2 c[x] -
** d[x - w]; d is the distribution of the others' weight and the window
** q - w_m <= x < q holds m's swings, so the sum is m's absolute Banzhaf
** index directly. Errors only add along the chain (every term is >= 0 and
** d <= 2c), so the relative error stays near (q / w_min) x 1e-16; the tests
** compare with the exact counts.
*/
#include "power_impl.h"
#include "../core/error_int.h"

#include <stdlib.h>
#include <string.h>

int pl__float_banzhaf(pl__estimate *est, const pl_game *g, double max_bytes, pl_error *err)
{
    const pl__cond *q = &g->cond[0];
    size_t n = g->n;
    int64_t need = q->quota;
    for (size_t m = 0; m < n; m++)
        need -= g->veto[m] ? q->w[m] : 0;
    size_t len = need > 0 ? (size_t)need : 0, nv = 0;
    /* every table of the run: the two weight tables, and per member the estimates here
       and the results they become (every index, the veto and dummy flags) */
    double tables = 2.0 * (double)(len + 1) * sizeof(double);
    double members = (double)n * (double)(2 * sizeof(double) + PL_INDEX_COUNT * sizeof(double) +
                                          2);
    if (tables + members > max_bytes)
        return pl__fail(err, PL_ERANGE, "the floating mode needs %.3g GiB (weight tables of "
                        "%zu entries, results for %zu members), above the limit of %.3g GiB; "
                        "expected a smaller game or --max-memory MIB",
                        (tables + members) / 1073741824.0, len + 1, n,
                        max_bytes / 1073741824.0);
    double *c = calloc(len + 1, sizeof *c), *d = calloc(len + 1, sizeof *d);
    est->abz = calloc(n, sizeof *est->abz);
    est->ss = calloc(n, sizeof *est->ss);
    if (!c || !d || !est->abz || !est->ss) {
        free(c);
        free(d);
        return pl__error_nomem(err);
    }
    c[0] = 1;
    for (size_t m = 0; m < n; m++) {
        if (g->veto[m])
            continue;
        nv++;
        size_t w = (size_t)q->w[m];
        for (size_t x = len; x-- > 0;)
            c[x] = (c[x] + (x >= w ? c[x - w] : 0)) / 2;
    }
    /* P(win) = P(others' weight >= need) (vetoes always in); vetoes swing whenever it wins */
    double lose = 0;
    for (size_t x = 0; x < len; x++)
        lose += c[x];
    double act = 1 - lose;
    /* every veto member must be in: a chance of 1/2 each, 1/2^k for all k of them */
    double all_vetoes = 1;
    for (size_t m = 0; m < n; m++)
        all_vetoes /= g->veto[m] ? 2 : 1;
    act *= all_vetoes;
    for (size_t m = 0; m < n; m++) {
        size_t w = (size_t)q->w[m];
        if (g->veto[m]) { /* critical whenever the others hold the other vetoes and enough weight */
            est->abz[m] = 2 * act;
            continue;
        }
        double sw = 0;
        for (size_t x = 0; w && x < len; x++) {
            d[x] = 2 * c[x] - (x >= w ? d[x - w] : 0);
            if (x + w >= len)
                sw += d[x];
        }
        est->abz[m] = sw * all_vetoes; /* weight 0: never critical */
    }
    est->act = act;
    free(c);
    free(d);
    (void)nv;
    return PL_OK;
}
