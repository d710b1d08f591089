/* SPDX-License-Identifier: MIT */
/*
** montecarlo.c: power indices of games too large to count (MODELS.md
** sections 11 and 13). Absolute Banzhaf: the share of random coalitions
** (each member in with probability 1/2) in which a member is critical; the
** same draws estimate A = |W| / 2^n. Shapley-Shubik: the share of random
** orderings in which a member is pivotal. Half-widths are Hoeffding bounds
** holding for all members at once with probability 95%:
** eps = sqrt(ln(2n / 0.05) / (2 samples)).
** Deterministic: coalitions use stream 0 of the seed, orderings stream 1.
*/
#include "power_impl.h"
#include "../core/error_int.h"
#include "../core/rng.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct mc_work {
    const pl_game *g;
    unsigned char *in;
    size_t *order;        /* a random ordering (Shapley-Shubik) */
    uint64_t *swings;     /* per member (Banzhaf) */
    int64_t *sums, *tmp;
    size_t veto_missing;
} mc_work;

/* Does the coalition (sums, veto_missing) win with member m moved in (+1) or out (-1)? */
static int wins_with(mc_work *w, size_t m, int sign)
{
    const pl_game *g = w->g;
    size_t missing = w->veto_missing;
    if (g->veto[m])
        missing = sign > 0 ? missing - !w->in[m] : missing + w->in[m];
    if (missing)
        return 0;
    for (size_t c = 0; c < g->n_conds; c++)
        w->tmp[c] = w->sums[c] + (sign > 0 ? !w->in[m] : -(int64_t)w->in[m]) * g->cond[c].w[m];
    return pl__game_sums_win(g, w->tmp);
}

static void draw_coalition(mc_work *w, pl_rng *r)
{
    const pl_game *g = w->g;
    uint64_t bits = 0;
    memset(w->sums, 0, g->n_conds * sizeof *w->sums);
    w->veto_missing = 0;
    for (size_t m = 0; m < g->n; m++) {
        if (m % 64 == 0)
            bits = pl__rng_next(r);
        w->in[m] = bits & 1;
        bits >>= 1;
        for (size_t c = 0; c < g->n_conds && w->in[m]; c++)
            w->sums[c] += g->cond[c].w[m];
        w->veto_missing += g->veto[m] && !w->in[m];
    }
}

static void banzhaf_draws(mc_work *w, pl__estimate *e, uint64_t samples, uint64_t seed)
{
    const pl_game *g = w->g;
    pl_rng r;
    pl__rng_seed(&r, seed, 0);
    uint64_t wins = 0;
    uint64_t *sw = w->swings;
    for (uint64_t i = 0; i < samples; i++) {
        draw_coalition(w, &r);
        int win = w->veto_missing == 0 && pl__game_sums_win(g, w->sums);
        wins += (uint64_t)win;
        for (size_t m = 0; m < g->n; m++)
            sw[m] += (uint64_t)(win != wins_with(w, m, w->in[m] ? -1 : +1));
    }
    for (size_t m = 0; m < g->n; m++)
        e->abz[m] = (double)sw[m] / (double)samples;
    e->act = (double)wins / (double)samples;
}

static void shapley_draws(mc_work *w, pl__estimate *e, uint64_t samples, uint64_t seed)
{
    const pl_game *g = w->g;
    size_t n = g->n, nveto = 0;
    pl_rng r;
    pl__rng_seed(&r, seed, 1);
    for (size_t m = 0; m < n; m++)
        nveto += g->veto[m];
    memset(e->ss, 0, n * sizeof *e->ss);
    for (uint64_t i = 0; i < samples; i++) {
        for (size_t m = 0; m < n; m++)
            w->order[m] = m;
        memset(w->sums, 0, g->n_conds * sizeof *w->sums);
        w->veto_missing = nveto;
        for (size_t j = 0; j < n; j++) {
            size_t k = j + (size_t)pl__rng_below(&r, n - j), m = w->order[k];
            w->order[k] = w->order[j];
            w->order[j] = m;
            w->veto_missing -= g->veto[m];
            for (size_t c = 0; c < g->n_conds; c++)
                w->sums[c] += g->cond[c].w[m];
            if (w->veto_missing == 0 && pl__game_sums_win(g, w->sums)) {
                e->ss[m] += 1;
                break;
            }
        }
    }
    for (size_t m = 0; m < n; m++)
        e->ss[m] /= (double)samples;
}

int pl__monte_carlo(pl__estimate *e, const pl_game *g, uint64_t samples, uint64_t seed,
                    pl_error *err)
{
    size_t n = g->n;
    mc_work w = {g, calloc(n, 1), calloc(n, sizeof(size_t)), calloc(n, sizeof(uint64_t)),
                 calloc(g->n_conds + 1, sizeof(int64_t)), calloc(g->n_conds + 1, sizeof(int64_t)),
                 0};
    e->abz = calloc(n, sizeof *e->abz);
    e->ss = calloc(n, sizeof *e->ss);
    int rc = PL_OK;
    if (!w.in || !w.order || !w.swings || !w.sums || !w.tmp || !e->abz || !e->ss) {
        rc = pl__error_nomem(err);
    } else {
        banzhaf_draws(&w, e, samples, seed);
        shapley_draws(&w, e, samples, seed);
        e->half_abz = e->half_ss = sqrt(log(2.0 * (double)n / 0.05) / (2.0 * (double)samples));
        e->half_act = sqrt(log(2.0 / 0.05) / (2.0 * (double)samples));
    }
    free(w.in);
    free(w.order);
    free(w.swings);
    free(w.sums);
    free(w.tmp);
    return rc;
}
