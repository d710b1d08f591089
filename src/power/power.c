/* SPDX-License-Identifier: MIT */
/*
** power.c: pl_power_compute (choice of engine) and the result's getters.
**
** Auto: enumerate games of up to minimal_limit members (every index,
** minimal coalitions included); otherwise count by generating functions,
** dropping Shapley-Shubik with a note when its size-indexed table would not
** fit; Monte Carlo only when asked, since it is not exact.
*/
#include "power_impl.h"
#include "../core/error_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PL__DEFAULT_SAMPLES 100000
#define PL__DEFAULT_MINIMAL 25
#define PL__DEFAULT_LIST 16
#define PL__DEFAULT_BYTES 1073741824.0

void pl_power_free(pl_power *p)
{
    if (!p)
        return;
    for (int k = 0; k < PL_INDEX_COUNT; k++) {
        free(p->val[k]);
        for (size_t m = 0; p->exact[k] && m < p->n; m++)
            free(p->exact[k][m]);
        free(p->exact[k]);
    }
    for (size_t m = 0; p->swings && m < p->n; m++)
        free(p->swings[m]);
    free(p->swings);
    free(p->n_win);
    free(p->veto);
    free(p->dummy);
    free(p->list[0]);
    free(p->list[1]);
    free(p->n_min_text[0]);
    free(p->n_min_text[1]);
    free(p->block_with);
    free(p->block_min);
    free(p);
}

/*
** Veto players straight from the rules: m can block iff everyone else
** loses, i.e. m's veto is written or every rule has a condition that the
** others' weight (total - w_m) misses. O(n x conditions).
*/
static int find_vetoes(pl_power *p, const pl_game *g)
{
    int64_t *tmp = malloc((g->n_conds + 1) * sizeof *tmp);
    if (!tmp)
        return PL_ENOMEM;
    for (size_t m = 0; m < g->n; m++) {
        for (size_t c = 0; c < g->n_conds; c++)
            tmp[c] = g->cond[c].total - g->cond[c].w[m];
        p->veto[m] = g->veto[m] || !pl__game_sums_win(g, tmp);
    }
    free(tmp);
    return PL_OK;
}

/*
** Generating functions. In auto mode a table too large falls back to
** counting by enumeration when n <= 30 (huge weights such as populations),
** else to the Banzhaf family without Shapley-Shubik's size-indexed table.
** The Banzhaf family's table of a one-condition game also counts its
** minimal coalitions (mc).
*/
static int run_dp(pl_power *p, pl__tally *t, const pl_game *g, const pl_power_opts *o,
                  pl__minimal_counts *mc, pl_error *err)
{
    double bytes = o->max_bytes > 0 ? o->max_bytes : PL__DEFAULT_BYTES;
    int sizes = t->ss != NULL, autom = o->method == PL_POWER_AUTO;
    int rc = pl__count_dp(t, g, sizes, bytes, o->naive, mc, err);
    if (rc == PL_ERANGE && autom && g->n <= 30) {
        snprintf(p->note, sizeof p->note, "counted by enumerating all 2^%zu coalitions: %s",
                 g->n, err ? err->msg : "");
        pl_error_clear(err);
        p->method = PL_POWER_ENUMERATE;
        return pl__enumerate(t, g, 0, err);
    }
    if (rc == PL_ERANGE && autom && sizes) {
        snprintf(p->note, sizeof p->note, "Shapley-Shubik not computed: %s", err ? err->msg : "");
        pl_error_clear(err);
        pl__tally_drop_shapley(t);
        rc = pl__count_dp(t, g, 0, bytes, o->naive, mc, err);
    }
    return rc;
}

/* Minimal coalitions of a one-condition game counted without enumeration (unless the
   swing counts' table did already). */
static int count_minimal(pl_power *p, const pl_game *g, pl__minimal_counts *mc, double bytes,
                         pl_error *err)
{
    int rc = mc->done ? PL_OK : pl__count_minimal_dp(mc->n[0], mc->n[1], g, bytes, err);
    for (int b = 0; !rc && b < 2; b++) {
        p->n_min[b] = mpz_fits_slong_p(mc->n[b]) ? (long long)mpz_get_si(mc->n[b]) : -1;
        if (!(p->n_min_text[b] = pl__mpz_text(mc->n[b])))
            rc = pl__error_nomem(err);
    }
    return rc;
}

/* Append a note (the notes of one result are joined by "; "). */
static void note_add(pl_power *p, const char *what, const char *why)
{
    size_t at = strlen(p->note);
    snprintf(p->note + at, sizeof p->note - at, "%s%s%s", at ? "; " : "", what, why);
}

/*
** Deegan-Packel, public good and Johnston of a one-condition game too large
** to enumerate, by the critical-member tables; left out with a note naming
** the estimate when those tables would not fit.
*/
static int critical_indices(pl_power *p, const pl_game *g, double bytes, pl_error *err)
{
    pl__minimal_sums ms;
    if (pl__minimal_sums_init(&ms, g->n)) {
        pl__minimal_sums_clear(&ms);
        return pl__error_nomem(err);
    }
    int rc = pl__critical_dp(&ms, g, bytes, err);
    if (rc == PL_ERANGE) {
        note_add(p, "Deegan-Packel, public good and Johnston not computed: ", err ? err->msg : "");
        pl_error_clear(err);
        rc = PL_OK;
    } else if (!rc && mpz_sgn(ms.n_mwc) > 0 && pl__power_minimal_indices(p, &ms)) {
        rc = pl__error_nomem(err);
    }
    pl__minimal_sums_clear(&ms);
    return rc;
}

static int run_exact(pl_power *p, const pl_game *g, const pl_power_opts *o, pl_error *err)
{
    size_t minimal_limit = o->minimal_limit ? o->minimal_limit : PL__DEFAULT_MINIMAL;
    int enumerate = o->method == PL_POWER_ENUMERATE ||
                    (o->method == PL_POWER_AUTO && g->n <= minimal_limit);
    int minimal = enumerate && g->n <= minimal_limit;
    int sizes = !o->no_shapley, one = g->n_rules == 1 && g->n_conds == 1;
    double bytes = o->max_bytes > 0 ? o->max_bytes : PL__DEFAULT_BYTES;
    pl__minimal_counts mc = {.done = 0};
    pl__tally t;
    mpz_inits(mc.n[0], mc.n[1], NULL);
    int rc = pl__tally_init(&t, g->n, sizes || enumerate, minimal,
                            o->list_limit ? o->list_limit : PL__DEFAULT_LIST);
    if (rc) {
        pl__tally_clear(&t);
        mpz_clears(mc.n[0], mc.n[1], NULL);
        return pl__error_nomem(err);
    }
    p->method = enumerate ? PL_POWER_ENUMERATE : PL_POWER_DP;
    rc = enumerate ? pl__enumerate(&t, g, minimal, err) : run_dp(p, &t, g, o, &mc, err);
    if (!rc && o->no_shapley)
        pl__tally_drop_shapley(&t);
    if (!rc)
        rc = pl__power_from_tally(p, &t, err);
    pl__tally_clear(&t);
    if (!rc && !minimal && one)
        rc = count_minimal(p, g, &mc, bytes, err);
    mpz_clears(mc.n[0], mc.n[1], NULL);
    if (!rc && !minimal && one)
        rc = critical_indices(p, g, bytes, err);
    return rc;
}

/* Fast floating mode: one weighted condition in doubles (the Banzhaf family only). */
static int run_floating(pl_power *p, const pl_game *g, const pl_power_opts *o, pl_error *err)
{
    pl__estimate e;
    memset(&e, 0, sizeof e);
    if (g->n_rules != 1 || g->n_conds != 1)
        return pl__fail(err, PL_EINPUT, "the floating mode handles one weighted condition; the "
                        "game has %zu conditions in %zu rules; expected exact counting (drop "
                        "--floating)", g->n_conds, g->n_rules);
    p->method = PL_POWER_DP;
    int rc = pl__float_banzhaf(&e, g, o->max_bytes > 0 ? o->max_bytes : PL__DEFAULT_BYTES, err);
    if (!rc)
        rc = pl__power_from_estimate(p, &e, 0, err);
    for (size_t m = 0; !rc && m < g->n; m++)
        p->dummy[m] = e.abz[m] <= 0;
    snprintf(p->note, sizeof p->note, "floating mode: probabilities in double precision "
             "(relative error near 1e-12), no exact fractions, no Shapley-Shubik");
    free(e.abz);
    free(e.ss);
    return rc;
}

static int run_monte_carlo(pl_power *p, const pl_game *g, const pl_power_opts *o,
                           pl_error *err)
{
    pl__estimate e;
    memset(&e, 0, sizeof e);
    p->method = PL_POWER_MONTE_CARLO;
    p->samples = o->samples ? o->samples : PL__DEFAULT_SAMPLES;
    p->seed = o->seed;
    int rc = pl__monte_carlo(&e, g, p->samples, p->seed, err);
    if (!rc)
        rc = pl__power_from_estimate(p, &e, 1, err);
    free(e.abz);
    free(e.ss);
    return rc;
}

static int compute(pl_power **out, const pl_game *g, const pl_power_opts *opts,
                   pl_error *err)
{
    pl_power_opts o = PL_POWER_OPTS_INIT;
    if (opts)
        o = *opts;
    pl_power *p = calloc(1, sizeof *p);
    if (!p)
        return pl__error_nomem(err);
    p->n = g->n;
    p->n_min[0] = p->n_min[1] = -1;
    p->veto = calloc(g->n, 1);
    p->dummy = calloc(g->n, 1);
    int rc = p->veto && p->dummy ? find_vetoes(p, g) : PL_ENOMEM;
    if (rc)
        rc = pl__error_nomem(err);
    else if (o.method == PL_POWER_MONTE_CARLO)
        rc = run_monte_carlo(p, g, &o, err);
    else if (o.floating)
        rc = run_floating(p, g, &o, err);
    else
        rc = run_exact(p, g, &o, err);
    if (rc == PL_ERANGE) { /* too large for exact counting: the caller's choice to fix */
        rc = PL_EINPUT;
        if (err)
            err->code = PL_EINPUT;
    }
    if (rc) {
        pl_power_free(p);
        return rc;
    }
    *out = p;
    return PL_OK;
}

/* The computation with GMP's memory failures turned into PL_ENOMEM (gmp_mem.c). */
int pl_power_compute(pl_power **out, const pl_game *g, const pl_power_opts *opts, pl_error *err)
{
    *out = NULL;
    if (!g)
        return pl__fail(err, PL_EMISUSE, "pl_power_compute: no game");
    for (size_t r = 0; r < g->n_rules; r++)
        if (pl_game_n_conditions(g, r) == 0)
            return pl__fail(err, PL_EINPUT, g->n_rules == 1 ? "the game has no quota; expected "
                            "at least one condition" : "rule %zu of the game has no quota; "
                            "expected at least one condition per rule", r + 1);
    pl__gmp_scope sc;
    if (pl__gmp_enter(&sc, pl__gmp_reserve(g->n)))
        return pl__error_nomem(err);
    int rc = compute(out, g, opts, err);
    if (pl__gmp_leave(&sc)) { /* whatever it returned was computed short of memory */
        pl_power_free(*out);
        *out = NULL;
        rc = pl__error_nomem(err);
    }
    return rc;
}

pl_power_method pl_power_method_used(const pl_power *p) { return p ? p->method : PL_POWER_AUTO; }

int pl_power_has(const pl_power *p, pl_power_index k)
{
    return p && (unsigned)k < PL_INDEX_COUNT && p->has[k];
}

double pl_power_value(const pl_power *p, pl_power_index k, size_t m)
{
    return pl_power_has(p, k) && m < p->n ? p->val[k][m] : 0.0;
}

const char *pl_power_exact(const pl_power *p, pl_power_index k, size_t m)
{
    return pl_power_has(p, k) && m < p->n && p->exact[k] ? p->exact[k][m] : NULL;
}

double pl_power_halfwidth(const pl_power *p, pl_power_index k)
{
    return pl_power_has(p, k) ? p->half[k] : 0.0;
}

const char *pl_power_n_winning(const pl_power *p) { return p ? p->n_win : NULL; }
double pl_power_act(const pl_power *p) { return p ? p->act : 0.0; }
uint64_t pl_power_samples(const pl_power *p) { return p ? p->samples : 0; }
uint64_t pl_power_seed(const pl_power *p) { return p ? p->seed : 0; }
const char *pl_power_note(const pl_power *p) { return p && p->note[0] ? p->note : NULL; }

const char *pl_power_swings(const pl_power *p, size_t m)
{
    return p && p->swings && m < p->n ? p->swings[m] : NULL;
}

int pl_power_is_veto(const pl_power *p, size_t m) { return p && m < p->n && p->veto[m]; }
int pl_power_is_dummy(const pl_power *p, size_t m) { return p && m < p->n && p->dummy[m]; }

long long pl_power_n_minimal(const pl_power *p, int blocking)
{
    return p ? p->n_min[blocking != 0] : -1;
}

const char *pl_power_minimal_count(const pl_power *p, int blocking)
{
    return p ? p->n_min_text[blocking != 0] : NULL;
}

size_t pl_power_n_listed(const pl_power *p, int blocking)
{
    return p ? p->n_list[blocking != 0] : 0;
}

uint64_t pl_power_listed(const pl_power *p, int blocking, size_t j)
{
    return p && j < p->n_list[blocking != 0] ? p->list[blocking != 0][j] : 0;
}

long long pl_power_blocking_with(const pl_power *p, size_t m, size_t *smallest)
{
    if (smallest)
        *smallest = p && p->block_min && m < p->n ? p->block_min[m] : 0;
    return p && p->block_with && m < p->n ? p->block_with[m] : -1;
}
