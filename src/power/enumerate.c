/* SPDX-License-Identifier: MIT */
/*
** enumerate.c: every coalition once, in Gray-code order (one member joins or
** leaves per step, so each condition's sum is updated in O(1)). The oracle
** for the generating-function counts, and the only engine that finds minimal
** winning and minimal blocking coalitions (MODELS.md section 11).
**
** Counts only: for a monotone game the swings of m among coalitions of size
** k (with m) are  In_m(k) - (W(k-1) - In_m(k-1)), where In_m(k) counts
** winning coalitions of size k that contain m and W(k) all of size k; so one
** pass over the winning coalitions suffices. With minimal coalitions every
** winning coalition is tested member by member (O(2^n n C)).
*/
#include "power_impl.h"
#include "../core/error_int.h"

#include <stdlib.h>
#include <string.h>

#define PL__ENUM_MAX 30

typedef struct enum_state {
    const pl_game *g;
    size_t n, nc;
    uint64_t veto;
    int64_t *sums, *tmp;
} enum_state;

/* Does S (with condition sums st->sums) still win after member m leaves (sign -1) or joins (+1)? */
static int wins_moved(enum_state *st, uint64_t s, size_t m, int sign)
{
    if (sign < 0 && (st->veto >> m & 1))
        return 0;
    if (sign > 0 && (st->veto & ~(s | (uint64_t)1 << m)))
        return 0;
    for (size_t c = 0; c < st->nc; c++)
        st->tmp[c] = st->sums[c] + sign * st->g->cond[c].w[m];
    return pl__game_sums_win(st->g, st->tmp);
}

static void list_add(pl__tally *t, int which, uint64_t mask)
{
    if (t->n_list[which] < t->list_cap)
        t->list[which][t->n_list[which]] = mask;
    t->n_list[which]++;
}

/* Winning S with minimal-coalition bookkeeping: criticals, Johnston, MWC. */
static void tally_winning(enum_state *st, pl__tally *t, uint64_t s, size_t size, uint64_t *sw)
{
    size_t n = st->n, crit[64], nc = 0;
    for (size_t m = 0; m < n; m++)
        if ((s >> m & 1) && !wins_moved(st, s, m, -1))
            crit[nc++] = m;
    for (size_t j = 0; j < nc; j++) {
        sw[crit[j] * (n + 1) + size]++;
        t->john[crit[j] * (n + 1) + nc]++;
    }
    if (nc == size) {
        t->n_mwc++;
        for (size_t j = 0; j < nc; j++)
            t->mwc_size[crit[j] * (n + 1) + size]++;
        list_add(t, 0, s);
    }
}

/* Losing S: is it maximal, i.e. is its complement a minimal blocking coalition? */
static void tally_losing(enum_state *st, pl__tally *t, uint64_t s, size_t size)
{
    size_t n = st->n;
    for (size_t m = 0; m < n; m++)
        if (!(s >> m & 1) && !wins_moved(st, s, m, +1))
            return;
    uint64_t b = ~s & (((uint64_t)1 << n) - 1);
    t->n_mbc++;
    for (size_t m = 0; m < n; m++)
        if (b >> m & 1) {
            t->mbc_in[m]++;
            if (t->mbc_min[m] == 0 || n - size < t->mbc_min[m])
                t->mbc_min[m] = n - size;
        }
    list_add(t, 1, b);
}

/* Swing counts by size from the winning coalitions' membership counts. */
static void swings_from_membership(pl__tally *t, const uint64_t *win_k, const uint64_t *in,
                                   uint64_t *sw)
{
    size_t n = t->n;
    for (size_t m = 0; m < n; m++)
        for (size_t k = 1; k <= n; k++)
            sw[m * (n + 1) + k] = in[m * (n + 1) + k] - (win_k[k - 1] - in[m * (n + 1) + k - 1]);
}

static int store_counts(pl__tally *t, const uint64_t *win_k, const uint64_t *sw)
{
    size_t n = t->n;
    uint64_t w = 0;
    mpz_t *f = t->ss ? pl__shapley_factors(n) : NULL;
    if (t->ss && !f)
        return PL_ENOMEM;
    for (size_t k = 0; k <= n; k++)
        w += win_k[k];
    mpz_set_ui(t->win, 0);
    mpz_add_ui(t->win, t->win, (unsigned long)w);
    for (size_t m = 0; m < n; m++) {
        uint64_t e = 0;
        for (size_t k = 0; k <= n; k++) {
            e += sw[m * (n + 1) + k];
            if (f && k)
                mpz_addmul_ui(t->ss[m], f[k], (unsigned long)sw[m * (n + 1) + k]);
        }
        mpz_set_ui(t->eta[m], (unsigned long)e);
    }
    pl__mpz_array_free(f, n + 1);
    return PL_OK;
}

int pl__enumerate(pl__tally *t, const pl_game *g, int minimal, pl_error *err)
{
    size_t n = g->n;
    if (n > PL__ENUM_MAX)
        return pl__fail(err, PL_EINPUT, "enumeration of all coalitions handles at most %d "
                        "members, the game has %zu; expected --method dp (integer weights) "
                        "or monte-carlo", PL__ENUM_MAX, n);
    enum_state st = {g, n, g->n_conds, 0, NULL, NULL};
    for (size_t m = 0; m < n; m++)
        st.veto |= (uint64_t)g->veto[m] << m;
    st.sums = calloc(st.nc + 1, sizeof *st.sums);
    st.tmp = calloc(st.nc + 1, sizeof *st.tmp);
    uint64_t *win_k = calloc(n + 1, sizeof *win_k);
    uint64_t *in = calloc(n * (n + 1), sizeof *in);
    uint64_t *sw = calloc(n * (n + 1), sizeof *sw);
    int rc = PL_OK;
    if (!st.sums || !st.tmp || !win_k || !in || !sw) {
        rc = pl__error_nomem(err);
        goto done;
    }
    uint64_t s = 0, end = (uint64_t)1 << n;
    for (uint64_t i = 0; i < end; i++) {
        if (i) {
            size_t m = (size_t)__builtin_ctzll(i);
            s ^= (uint64_t)1 << m;
            int64_t sign = (s >> m & 1) ? 1 : -1;
            for (size_t c = 0; c < st.nc; c++)
                st.sums[c] += sign * g->cond[c].w[m];
        }
        size_t size = (size_t)__builtin_popcountll(s);
        int win = (s & st.veto) == st.veto && pl__game_sums_win(g, st.sums);
        if (win) {
            win_k[size]++;
            if (minimal)
                tally_winning(&st, t, s, size, sw);
            else
                for (uint64_t r = s; r; r &= r - 1)
                    in[(size_t)__builtin_ctzll(r) * (n + 1) + size]++;
        } else if (minimal) {
            tally_losing(&st, t, s, size);
        }
    }
    if (!minimal)
        swings_from_membership(t, win_k, in, sw);
    if (store_counts(t, win_k, sw))
        rc = pl__error_nomem(err);
done:
    free(st.sums);
    free(st.tmp);
    free(win_k);
    free(in);
    free(sw);
    return rc;
}
