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

/*
** A table of coalitions by weight, kept by halves: the coalitions of the
** members so far (weight cum) are symmetric, c(x) = c(cum - x) (a coalition
** and its complement), so only x <= cum / 2 is stored, and the rest read as
** its mirror. Adding a member of weight w first extends the stored half to
** (cum + w) / 2 from the mirror, then adds the shifted table: a step covers
** x <= (cum + w) / 2 instead of x < min(len, cum + w + 1), half while cum is
** below the quota (15% fewer words in all at 1,000 members, weights 1..100).
** Entries are S words apart (counts below 2^S words); only x < len matters.
*/
typedef struct half_table {
    mp_limb_t *c;
    size_t len, L, S;
    size_t top;      /* entries 0..top are stored (top < len) */
    int64_t cum;     /* weight of the members so far */
} half_table;

/* Entry x < len (len >= 1), or NULL when it is zero (x above the members' weight). */
static const mp_limb_t *half_entry(const half_table *h, size_t x)
{
    if (x <= h->top)
        return h->c + x * h->S;
    return (int64_t)x > h->cum ? NULL : h->c + ((size_t)h->cum - x) * h->S;
}

/* Store entries up to top2 (from the mirror); the table stays that of weight cum. */
static void half_extend(half_table *h, size_t top2)
{
    for (size_t x = top2; x > h->top; x--) {
        const mp_limb_t *src = half_entry(h, x);
        if (src)
            memcpy(h->c + x * h->S, src, h->S * sizeof *h->c);
        else
            memset(h->c + x * h->S, 0, h->S * sizeof *h->c);
    }
    h->top = top2 > h->top ? top2 : h->top;
}

/* Multiply by (1 + z^w); counts after it stay below 2^(64 S2) (S2 >= S, at most L). */
static void half_add(half_table *h, size_t w, size_t S2)
{
    if (S2 > h->S) {
        pl__entries_widen(h->c, h->top + 1, h->S, S2);
        h->S = S2;
    }
    int64_t cum2 = h->cum + (int64_t)w;
    size_t top2 = (size_t)(cum2 / 2) < h->len - 1 ? (size_t)(cum2 / 2) : h->len - 1;
    half_extend(h, top2);
    if (top2 >= w)
        pl__run_add_shifted(h->c, top2 + 1 - w, w, h->S);
    h->cum = cum2;
}

/* Add to out the coalitions with weight in [lo, hi] (hi < len); acc has L words, their sum
   is below 2^(64 S). */
static void add_window(mpz_t out, const half_table *h, int64_t lo, int64_t hi, mp_limb_t *acc)
{
    memset(acc, 0, h->L * sizeof *acc);
    for (int64_t x = lo < 0 ? 0 : lo; x <= hi; x++) {
        const mp_limb_t *e = half_entry(h, (size_t)x);
        if (e)
            pl__limb_add(acc, e, h->S);
    }
    mpz_t v;
    mpz_roinit_n(v, acc, (mp_size_t)h->L);
    mpz_add(out, out, v);
}

/*
** The weight table of the non-veto members (see power_impl.h), heaviest
** first; with mwc and mbc the minimal coalitions are counted on the way:
** before o_j joins, the prefix table holds the coalitions T of o_0..o_{j-1}.
*/
int pl__weight_table(mp_limb_t *c, size_t len, size_t L, const pl_game *g, const pl__cond *q,
                     mpz_t mwc, mpz_t mbc)
{
    size_t n = g->n, nv = 0, nveto = 0;
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
    half_table h = {c, len, L, 1, 0, 0};
    c[0] = 1;
    for (size_t j = 0; j < nv; j++) {
        suffix -= o[j].w; /* now the weight of o_{j+1}.. */
        if (mwc) {
            add_window(mwc, &h, need - o[j].w, need - 1, acc);
            if (need - suffix > 0)
                add_window(mbc, &h, need - suffix - o[j].w, need - suffix - 1, acc);
        }
        /* with o_j, counts stay below 2^(j + 1) */
        half_add(&h, (size_t)o[j].w, pl__words_for(j + 1, L));
    }
    if (h.S < L) /* L words apart, */
        pl__entries_widen(c, h.top + 1, h.S, L);
    h.S = L;
    half_extend(&h, len - 1); /* and every entry stored */
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
