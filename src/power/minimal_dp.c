/* SPDX-License-Identifier: MIT */
/*
** minimal_dp.c: how many minimal winning and minimal blocking coalitions a
** weighted game has (one condition w(S) >= q, vetoes V), without listing
** them: O(n q) by generating functions over the members sorted by weight,
** heaviest first (non-veto members o_0, o_1, ...; q' = q - w(V)).
**
** Minimal winning: S = V + T + {o_j} with o_j the lightest non-veto member of
** S and T among the heavier o_0..o_{j-1}. Every non-veto member is critical
** iff the lightest is: w(S) - w_j < q. So w(T) in [q' - w_j, q' - 1].
** (If q' <= 0, V alone wins and is the only minimal winning coalition.)
** Minimal blocking: the complements of maximal losing coalitions L. A loser
** missing a veto v is maximal only as N - {v}: each veto member alone
** blocks. Otherwise V is in L, o_j is the lightest member outside it (so
** o_{j+1}.. are all in), and L + {o_j} wins: w(T) in [q'' - w_j, q'' - 1]
** with q'' = q' - w(o_{j+1}..), T among o_0..o_{j-1}.
** Both sums read the same prefix table, built one member at a time.
*/
#include "power_impl.h"
#include "../core/error_int.h"

#include <stdlib.h>
#include <string.h>

typedef struct by_weight {
    int64_t w;
    size_t m;
} by_weight;

static int heavier_first(const void *a, const void *b)
{
    const by_weight *x = a, *y = b;
    if (x->w != y->w)
        return x->w > y->w ? -1 : 1;
    return x->m < y->m ? -1 : x->m > y->m;
}

/* Add to out the coalitions of the prefix table c (cells < len, S words apart, their sum
   too below 2^(64 S)) with weight in [lo, hi]; acc has L >= S words. */
static void add_window(mpz_t out, const mp_limb_t *c, size_t S, size_t L, int64_t lo,
                       int64_t hi, mp_limb_t *acc)
{
    memset(acc, 0, L * sizeof *acc);
    for (int64_t x = lo < 0 ? 0 : lo; x <= hi; x++)
        pl__limb_add(acc, c + (size_t)x * S, S);
    mpz_t v;
    mpz_roinit_n(v, acc, (mp_size_t)L);
    mpz_add(out, out, v);
}

int pl__count_minimal_dp(mpz_t mwc, mpz_t mbc, const pl_game *g, double max_bytes,
                         pl_error *err)
{
    const pl__cond *q = &g->cond[0];
    size_t n = g->n, nv = 0, nveto = 0;
    int64_t need = q->quota, suffix = 0;
    by_weight *o = malloc((n ? n : 1) * sizeof *o);
    if (!o)
        return pl__error_nomem(err);
    for (size_t m = 0; m < n; m++) {
        if (g->veto[m]) {
            need -= q->w[m];
            nveto++;
        } else {
            o[nv].w = q->w[m];
            o[nv++].m = m;
            suffix += q->w[m];
        }
    }
    qsort(o, nv, sizeof *o, heavier_first);
    mpz_set_ui(mwc, need <= 0 ? 1 : 0);
    mpz_set_ui(mbc, (unsigned long)nveto);
    size_t L = nv / GMP_NUMB_BITS + 1, len = need > 0 ? (size_t)need : 0;
    if ((double)len * (double)L * sizeof(mp_limb_t) > max_bytes) {
        free(o);
        return pl__fail(err, PL_ERANGE, "counting minimal coalitions needs %.3g GiB; expected "
                        "a smaller game or --max-memory",
                        (double)len * (double)L * sizeof(mp_limb_t) / 1073741824.0);
    }
    mp_limb_t *c = calloc(len * L + 1, sizeof *c), *acc = calloc(L, sizeof *acc);
    if (!c || !acc) {
        free(o);
        free(c);
        free(acc);
        return pl__error_nomem(err);
    }
    if (len)
        c[0] = 1;
    size_t S = 1;
    for (size_t j = 0; j < nv && len; j++) {
        int64_t w = o[j].w;
        suffix -= w; /* now the weight of o_{j+1}.. */
        add_window(mwc, c, S, L, need - w, need - 1, acc);
        int64_t need2 = need - suffix;
        if (need2 > 0)
            add_window(mbc, c, S, L, need2 - w, need2 - 1, acc);
        /* add o_j to the prefix; its counts stay below 2^(j + 1): entries S words apart */
        size_t S2 = pl__words_for(j + 1, L);
        if (S2 > S) {
            pl__entries_widen(c, len, S, S2);
            S = S2;
        }
        if ((size_t)w < len)
            pl__run_add_shifted(c, len - (size_t)w, (size_t)w, S);
    }
    free(o);
    free(c);
    free(acc);
    return PL_OK;
}
