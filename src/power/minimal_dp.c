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
** Both sums read the same prefix table, built one member at a time; the
** table in the end is the one the Banzhaf counts read (count_dp.c), so a
** game of one condition builds it once for both.
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

/*
** The weight table of the non-veto members (see power_impl.h), heaviest
** first; with mwc and mbc the minimal coalitions are counted on the way:
** before o_j joins, the prefix table holds the coalitions T of o_0..o_{j-1}.
** Entries above the weight of the members so far are zero: each step adds
** only up to that weight, and widens only those entries.
*/
int pl__weight_table(mp_limb_t *c, size_t len, size_t L, const pl_game *g, const pl__cond *q,
                     mpz_t mwc, mpz_t mbc)
{
    size_t n = g->n, nv = 0, nveto = 0, S = 1, active = len ? 1 : 0;
    int64_t need = q->quota, suffix = 0;
    by_weight *o = malloc((n ? n : 1) * sizeof *o);
    mp_limb_t *acc = mwc ? calloc(L, sizeof *acc) : NULL;
    if (!o || (mwc && !acc)) {
        free(o);
        free(acc);
        return PL_ENOMEM;
    }
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
    if (mwc) {
        mpz_set_ui(mwc, need <= 0 ? 1 : 0);
        mpz_set_ui(mbc, (unsigned long)nveto);
    }
    if (len)
        c[0] = 1;
    for (size_t j = 0; j < nv; j++) {
        size_t w = (size_t)o[j].w;
        suffix -= o[j].w; /* now the weight of o_{j+1}.. */
        if (mwc) {
            add_window(mwc, c, S, L, need - o[j].w, need - 1, acc);
            if (need - suffix > 0)
                add_window(mbc, c, S, L, need - suffix - o[j].w, need - suffix - 1, acc);
        }
        /* add o_j; its counts stay below 2^(j + 1): entries S words apart */
        size_t S2 = pl__words_for(j + 1, L);
        if (S2 > S) {
            pl__entries_widen(c, active, S, S2);
            S = S2;
        }
        if (w < len)
            pl__run_add_shifted(c, active < len - w ? active : len - w, w, S);
        active = w < len - active ? active + w : len;
    }
    if (S < L)
        pl__entries_widen(c, active, S, L);
    free(o);
    free(acc);
    return PL_OK;
}

int pl__count_minimal_dp(mpz_t mwc, mpz_t mbc, const pl_game *g, double max_bytes,
                         pl_error *err)
{
    const pl__cond *q = &g->cond[0];
    size_t nv = 0, nveto = 0;
    int64_t need = q->quota;
    for (size_t m = 0; m < g->n; m++) {
        nveto += g->veto[m];
        nv += !g->veto[m];
        need -= g->veto[m] ? q->w[m] : 0;
    }
    mpz_set_ui(mwc, need <= 0 ? 1 : 0);
    mpz_set_ui(mbc, (unsigned long)nveto);
    size_t L = nv / GMP_NUMB_BITS + 1, len = need > 0 ? (size_t)need : 0;
    if ((double)len * (double)L * sizeof(mp_limb_t) > max_bytes)
        return pl__fail(err, PL_ERANGE, "counting minimal coalitions needs %.3g GiB; expected "
                        "a smaller game or --max-memory",
                        (double)len * (double)L * sizeof(mp_limb_t) / 1073741824.0);
    if (!len)
        return PL_OK;
    mp_limb_t *c = calloc(len * L, sizeof *c);
    int rc = c ? pl__weight_table(c, len, L, g, q, mwc, mbc) : PL_ENOMEM;
    free(c);
    return rc ? pl__error_nomem(err) : PL_OK;
}
