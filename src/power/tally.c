/* SPDX-License-Identifier: MIT */
/*
** tally.c: the exact counts the power engines share (power_impl.h).
*/
#include "power_impl.h"

#include <stdlib.h>
#include <string.h>

int pl__tally_init(pl__tally *t, size_t n, int sizes, int minimal, size_t list_cap)
{
    memset(t, 0, sizeof *t);
    t->n = n;
    mpz_init(t->win);
    t->eta = malloc(n * sizeof *t->eta);
    if (!t->eta)
        return PL_ENOMEM;
    for (size_t m = 0; m < n; m++)
        mpz_init(t->eta[m]);
    if (sizes) {
        if (!(t->ss = malloc(n * sizeof *t->ss)))
            return PL_ENOMEM;
        for (size_t m = 0; m < n; m++)
            mpz_init(t->ss[m]);
    }
    if (minimal) {
        t->minimal = 1;
        t->list_cap = list_cap;
        t->mwc_size = calloc(n * (n + 1), sizeof *t->mwc_size);
        t->john = calloc(n * (n + 1), sizeof *t->john);
        t->mbc_in = calloc(n, sizeof *t->mbc_in);
        t->mbc_min = calloc(n, sizeof *t->mbc_min);
        t->list[0] = calloc(list_cap + 1, sizeof *t->list[0]);
        t->list[1] = calloc(list_cap + 1, sizeof *t->list[1]);
        if (!t->mwc_size || !t->john || !t->mbc_in || !t->mbc_min || !t->list[0] || !t->list[1])
            return PL_ENOMEM;
    }
    return PL_OK;
}

void pl__tally_clear(pl__tally *t)
{
    mpz_clear(t->win);
    for (size_t m = 0; t->eta && m < t->n; m++)
        mpz_clear(t->eta[m]);
    pl__tally_drop_shapley(t);
    free(t->eta);
    free(t->mwc_size);
    free(t->john);
    free(t->mbc_in);
    free(t->mbc_min);
    free(t->list[0]);
    free(t->list[1]);
    memset(t, 0, sizeof *t);
}

void pl__tally_drop_shapley(pl__tally *t)
{
    pl__mpz_array_free(t->ss, t->n);
    t->ss = NULL;
}

void pl__mpz_array_free(mpz_t *a, size_t k)
{
    for (size_t j = 0; a && j < k; j++)
        mpz_clear(a[j]);
    free(a);
}

mpz_t *pl__shapley_factors(size_t n)
{
    mpz_t *f = malloc((n + 1) * sizeof *f), b;
    if (!f)
        return NULL;
    mpz_init(b);
    mpz_init_set_ui(f[0], 0);
    for (size_t k = 1; k <= n; k++) {
        mpz_init(f[k]);
        mpz_fac_ui(f[k], (unsigned long)(k - 1));
        mpz_fac_ui(b, (unsigned long)(n - k));
        mpz_mul(f[k], f[k], b);
    }
    mpz_clear(b);
    return f;
}

int pl__minimal_sums_init(pl__minimal_sums *ms, size_t n)
{
    memset(ms, 0, sizeof *ms);
    mpz_init_set_ui(ms->lcm, 1);
    mpz_init(ms->n_mwc);
    for (unsigned long k = 2; k <= n; k++)
        mpz_lcm_ui(ms->lcm, ms->lcm, k);
    ms->dp = malloc((n ? n : 1) * sizeof *ms->dp);
    ms->pgi = malloc((n ? n : 1) * sizeof *ms->pgi);
    ms->jo = malloc((n ? n : 1) * sizeof *ms->jo);
    if (!ms->dp || !ms->pgi || !ms->jo) {
        free(ms->dp), free(ms->pgi), free(ms->jo);
        ms->dp = ms->pgi = ms->jo = NULL;
        return PL_ENOMEM;
    }
    ms->n = n;
    for (size_t m = 0; m < n; m++)
        mpz_inits(ms->dp[m], ms->pgi[m], ms->jo[m], NULL);
    return PL_OK;
}

void pl__minimal_sums_clear(pl__minimal_sums *ms)
{
    pl__mpz_array_free(ms->dp, ms->n);
    pl__mpz_array_free(ms->pgi, ms->n);
    pl__mpz_array_free(ms->jo, ms->n);
    mpz_clears(ms->lcm, ms->n_mwc, NULL);
    memset(ms, 0, sizeof *ms);
}
