/* SPDX-License-Identifier: MIT */
/*
** indices.c: power indices from exact counts or Monte Carlo estimates
** (definitions in MODELS.md section 11), and the choice of engine.
*/
#include "power_impl.h"
#include "../core/error_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Exact values are printed as fractions while the denominator stays this short. */
#define PL__EXACT_DIGITS 24

static const char *const index_names[PL_INDEX_COUNT] = {
    "shapley_shubik", "banzhaf", "banzhaf_absolute", "coleman_prevent", "coleman_initiate",
    "deegan_packel", "public_good", "johnston"};
static const char *const index_titles[PL_INDEX_COUNT] = {
    "Shapley-Shubik", "Banzhaf", "absolute Banzhaf", "Coleman power to prevent",
    "Coleman power to initiate", "Deegan-Packel", "public good index", "Johnston"};

const char *pl_power_index_name(pl_power_index k)
{
    return (unsigned)k < PL_INDEX_COUNT ? index_names[k] : NULL;
}

const char *pl_power_index_title(pl_power_index k)
{
    return (unsigned)k < PL_INDEX_COUNT ? index_titles[k] : NULL;
}

static int alloc_index(pl_power *p, pl_power_index k, int exact)
{
    p->has[k] = 1;
    p->val[k] = calloc(p->n, sizeof *p->val[k]);
    if (exact)
        p->exact[k] = calloc(p->n, sizeof *p->exact[k]);
    return p->val[k] && (!exact || p->exact[k]) ? PL_OK : PL_ENOMEM;
}

/* A malloc'd copy of a string GMP allocated, which is freed with GMP's own function. */
static char *from_gmp(char *s)
{
    char *copy = s ? strdup(s) : NULL;
    if (s) {
        void (*freefn)(void *, size_t);
        mp_get_memory_functions(NULL, NULL, &freefn);
        freefn(s, strlen(s) + 1);
    }
    return copy;
}

/* Store q as index k of member m: a double, and "p/q" when short. */
static int set_exact(pl_power *p, pl_power_index k, size_t m, mpq_t q)
{
    mpq_canonicalize(q);
    p->val[k][m] = mpq_get_d(q);
    if (mpz_sizeinbase(mpq_denref(q), 10) > PL__EXACT_DIGITS)
        return PL_OK;
    p->exact[k][m] = from_gmp(mpq_get_str(NULL, 10, q));
    return p->exact[k][m] ? PL_OK : PL_ENOMEM;
}

char *pl__mpz_text(const mpz_t z)
{
    return from_gmp(mpz_get_str(NULL, 10, z));
}

/* Shapley-Shubik: the numerators over n!. */
static int shapley_exact(pl_power *p, const pl__tally *t, mpq_t q)
{
    int rc = alloc_index(p, PL_INDEX_SS, 1);
    for (size_t m = 0; !rc && m < t->n; m++) {
        mpz_set(mpq_numref(q), t->ss[m]);
        mpz_fac_ui(mpq_denref(q), (unsigned long)t->n);
        rc = set_exact(p, PL_INDEX_SS, m, q);
    }
    return rc;
}

/* Index k = num[m] / den for every member. */
static int ratio_index(pl_power *p, pl_power_index k, const mpz_t *num, const mpz_t den, mpq_t q)
{
    int rc = alloc_index(p, k, 1);
    for (size_t m = 0; !rc && m < p->n; m++) {
        mpz_set(mpq_numref(q), num[m]);
        mpz_set(mpq_denref(q), den);
        rc = set_exact(p, k, m, q);
    }
    return rc;
}

/* Deegan-Packel, public good and Johnston from their numerators. */
int pl__power_minimal_indices(pl_power *p, const pl__minimal_sums *ms)
{
    mpq_t q;
    mpz_t dpden, pgiden, joden;
    mpq_init(q);
    mpz_inits(dpden, pgiden, joden, NULL);
    for (size_t m = 0; m < ms->n; m++) {
        mpz_add(pgiden, pgiden, ms->pgi[m]);
        mpz_add(joden, joden, ms->jo[m]);
    }
    mpz_mul(dpden, ms->lcm, ms->n_mwc);
    int rc = ratio_index(p, PL_INDEX_DP, (const mpz_t *)ms->dp, dpden, q);
    if (!rc)
        rc = ratio_index(p, PL_INDEX_PGI, (const mpz_t *)ms->pgi, pgiden, q);
    if (!rc)
        rc = ratio_index(p, PL_INDEX_JOHNSTON, (const mpz_t *)ms->jo, joden, q);
    mpz_clears(dpden, pgiden, joden, NULL);
    mpq_clear(q);
    return rc;
}

/* The numerators from the enumeration's counts by size (n <= 30: 64-bit counts). */
static int minimal_indices(pl_power *p, const pl__tally *t)
{
    size_t n = t->n;
    pl__minimal_sums ms;
    int rc = pl__minimal_sums_init(&ms, n);
    mpz_t part;
    mpz_init(part);
    mpz_set_ui(ms.n_mwc, (unsigned long)t->n_mwc);
    for (size_t m = 0; !rc && m < n; m++)
        for (size_t k = 1; k <= n; k++) {
            uint64_t ms_k = t->mwc_size[m * (n + 1) + k], jc = t->john[m * (n + 1) + k];
            mpz_divexact_ui(part, ms.lcm, (unsigned long)k);
            mpz_addmul_ui(ms.dp[m], part, (unsigned long)ms_k);
            mpz_addmul_ui(ms.jo[m], part, (unsigned long)jc);
            mpz_add_ui(ms.pgi[m], ms.pgi[m], (unsigned long)ms_k);
        }
    mpz_clear(part);
    if (!rc)
        rc = pl__power_minimal_indices(p, &ms);
    pl__minimal_sums_clear(&ms);
    return rc;
}

/* Smaller coalitions first, then the one holding the earliest member where they differ. */
static int coalition_cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    int cx = __builtin_popcountll(x), cy = __builtin_popcountll(y);
    if (cx != cy || x == y)
        return cx < cy ? -1 : cx > cy;
    uint64_t low = (x ^ y) & ~((x ^ y) - 1);
    return x & low ? -1 : 1;
}

static int copy_minimal(pl_power *p, const pl__tally *t)
{
    for (int b = 0; b < 2; b++) {
        char buf[32];
        p->n_min[b] = (long long)(b ? t->n_mbc : t->n_mwc);
        snprintf(buf, sizeof buf, "%lld", p->n_min[b]);
        if (!(p->n_min_text[b] = strdup(buf)))
            return PL_ENOMEM;
        p->n_list[b] = t->n_list[b] <= t->list_cap ? t->n_list[b] : 0;
        if (p->n_list[b] && !(p->list[b] = malloc(p->n_list[b] * sizeof *p->list[b])))
            return PL_ENOMEM;
        if (p->n_list[b]) {
            memcpy(p->list[b], t->list[b], p->n_list[b] * sizeof *p->list[b]);
            qsort(p->list[b], p->n_list[b], sizeof *p->list[b], coalition_cmp);
        }
    }
    p->block_with = malloc(p->n * sizeof *p->block_with);
    p->block_min = malloc(p->n * sizeof *p->block_min);
    if (!p->block_with || !p->block_min)
        return PL_ENOMEM;
    for (size_t m = 0; m < p->n; m++) {
        p->block_with[m] = (long long)t->mbc_in[m];
        p->block_min[m] = t->mbc_min[m];
    }
    return PL_OK;
}

int pl__power_from_tally(pl_power *p, const pl__tally *t, pl_error *err)
{
    size_t n = t->n;
    mpq_t q;
    mpz_t sum, half, all, lose;
    mpq_init(q);
    mpz_inits(sum, half, all, lose, NULL);
    mpz_ui_pow_ui(all, 2, (unsigned long)n);
    mpz_ui_pow_ui(half, 2, (unsigned long)n - 1);
    mpz_sub(lose, all, t->win);
    for (size_t m = 0; m < n; m++)
        mpz_add(sum, sum, t->eta[m]);
    int rc = t->ss ? shapley_exact(p, t, q) : PL_OK;
    if (!rc)
        rc = ratio_index(p, PL_INDEX_BZ, (const mpz_t *)t->eta, sum, q);
    if (!rc)
        rc = ratio_index(p, PL_INDEX_ABZ, (const mpz_t *)t->eta, half, q);
    if (!rc)
        rc = ratio_index(p, PL_INDEX_CP, (const mpz_t *)t->eta, t->win, q);
    if (!rc)
        rc = ratio_index(p, PL_INDEX_CI, (const mpz_t *)t->eta, lose, q);
    if (!rc && t->minimal && t->n_mwc)
        rc = minimal_indices(p, t);
    if (!rc && t->minimal)
        rc = copy_minimal(p, t);
    if (!rc) {
        mpq_set_num(q, t->win);
        mpq_set_den(q, all);
        mpq_canonicalize(q);
        p->act = mpq_get_d(q);
        p->n_win = pl__mpz_text(t->win);
        p->swings = calloc(n, sizeof *p->swings);
        rc = p->n_win && p->swings ? PL_OK : PL_ENOMEM;
    }
    for (size_t m = 0; !rc && m < n; m++) {
        p->dummy[m] = mpz_sgn(t->eta[m]) == 0;
        if (!(p->swings[m] = pl__mpz_text(t->eta[m])))
            rc = PL_ENOMEM;
    }
    mpq_clear(q);
    mpz_clears(sum, half, all, lose, NULL);
    return rc ? pl__error_nomem(err) : PL_OK;
}

int pl__power_from_estimate(pl_power *p, const pl__estimate *e, int with_ss, pl_error *err)
{
    double sum = 0;
    for (size_t m = 0; m < p->n; m++)
        sum += e->abz[m];
    static const pl_power_index ks[] = {PL_INDEX_SS, PL_INDEX_BZ, PL_INDEX_ABZ, PL_INDEX_CP,
                                        PL_INDEX_CI};
    for (size_t j = with_ss ? 0 : 1; j < sizeof ks / sizeof *ks; j++)
        if (alloc_index(p, ks[j], 0))
            return pl__error_nomem(err);
    for (size_t m = 0; m < p->n; m++) {
        if (with_ss)
            p->val[PL_INDEX_SS][m] = e->ss[m];
        p->val[PL_INDEX_ABZ][m] = e->abz[m];
        p->val[PL_INDEX_BZ][m] = sum > 0 ? e->abz[m] / sum : 0;
        p->val[PL_INDEX_CP][m] = e->act > 0 ? e->abz[m] / (2 * e->act) : 0;
        p->val[PL_INDEX_CI][m] = e->act < 1 ? e->abz[m] / (2 * (1 - e->act)) : 0;
    }
    p->half[PL_INDEX_SS] = e->half_ss;
    p->half[PL_INDEX_ABZ] = e->half_abz;
    p->act = e->act;
    p->half_act = e->half_act;
    return PL_OK;
}
