/* SPDX-License-Identifier: MIT */
/*
** evaluate.c: forecast accuracy on recorded outcomes (MODELS.md section 12).
** Every method's forecasts of every scored issue come from pl_forecast_compute
** (the baselines too, by the same harness) or, for the exchange model, from
** one run per group: these are the columns. Methods with nothing fitted are
** scored on their columns as they are; with cross-validation (opts.cv) the
** fitted methods (evaluate_fit.c) choose among columns or weigh them on the
** training folds only. The bootstrap resamples groups (proposals).
*/
#include "evaluate_impl.h"
#include "parley/forecast.h"
#include "../core/alloc.h"
#include "../core/error_int.h"
#include "../core/rng.h"
#include "exchange_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PL__DEFAULT_RESAMPLES 2000

/* A forecast run: weight mode, model, EUM preset and Q. */
typedef struct method {
    const char *name, *what;
    int kind;
    pl_weight_mode weights;
    pl_model model;       /* PL_MODEL_COUNT: the constant 50 or the status quo */
    int needs_sq;         /* scores only issues with a status quo */
    const char *preset;   /* EUM preset */
} method;

static const method methods[] = {
    {"constant_50", "50 on every issue", PL__EV_BASELINE, PL_WEIGHT_ONE, PL_MODEL_COUNT, 0, NULL},
    {"status_quo", "the reference point (no change)", PL__EV_BASELINE, PL_WEIGHT_ONE,
     PL_MODEL_COUNT, 1, NULL},
    {"mean_unweighted", "unweighted mean of positions", PL__EV_BASELINE, PL_WEIGHT_ONE,
     PL_MODEL_MEAN, 0, NULL},
    {"mean_salience", "salience-weighted mean", PL__EV_BASELINE, PL_WEIGHT_S, PL_MODEL_MEAN, 0,
     NULL},
    {"mean_cs", "capability x salience weighted mean", PL__EV_BASELINE, PL_WEIGHT_CS,
     PL_MODEL_MEAN, 0, NULL},
    {"median_salience", "salience-weighted median", PL__EV_BASELINE, PL_WEIGHT_S,
     PL_MODEL_MEDIAN, 0, NULL},
    {"median_cs", "capability x salience weighted median", PL__EV_BASELINE, PL_WEIGHT_CS,
     PL_MODEL_MEDIAN, 0, NULL},
    {"nbs", "Nash bargaining solution, status quo as disagreement", PL__EV_MODEL, PL_WEIGHT_CS,
     PL_MODEL_NBS, 1, NULL},
    {"eum", "Expected Utility Model, published (default preset)", PL__EV_MODEL, PL_WEIGHT_CS,
     PL_MODEL_EUM, 0, "default"},
    {"eum_scholz", "Expected Utility Model, Scholz et al.'s code (scholz_code preset)",
     PL__EV_MODEL, PL_WEIGHT_CS, PL_MODEL_EUM, 0, "scholz_code"},
    {"smp", "KTAB's Spatial Model of Politics over all issues at once (as parley forecast "
     "--model smp)", PL__EV_MODEL, PL_WEIGHT_CS, PL_MODEL_SMP, 0, NULL},
    {"veto", "procedural compromise: capability x salience mean moved into the status quo's "
     "win-set under decided_by (as parley forecast --model veto)", PL__EV_MODEL, PL_WEIGHT_CS,
     PL_MODEL_VETO, 0, NULL},
};
#define N_METHODS (sizeof methods / sizeof *methods)

/* EUM's Q (probability the status quo persists) tried by eum_tuned besides 1. */
static const double eum_q[] = {0.5, 0.6, 0.7, 0.8, 0.9};
static const char *const eum_q_what = "EUM candidate (preset, Q) for eum_tuned";

int pl_mae(double *out, const double *f, const double *o, size_t n, pl_error *err)
{
    if (n == 0)
        return pl__fail(err, PL_EINPUT, "a mean absolute error needs at least one forecast");
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += fabs(f[i] - o[i]);
    *out = s / (double)n;
    return PL_OK;
}

/* A new column: its name, what it is and its kind; its forecasts start as NAN. */
static size_t add_col(pl_evaluation *e, const char *name, const char *what, int kind)
{
    size_t c = e->n_cols++;
    snprintf(e->col_name[c], sizeof e->col_name[c], "%s", name);
    e->col_what[c] = what;
    e->col_kind[c] = kind;
    for (size_t t = 0; t < e->n_issues; t++)
        e->col[c * e->n_issues + t] = NAN;
    return c;
}

/* Scored issues of group g, as indices into e->issue. */
static size_t group_members(const pl_evaluation *e, size_t g, size_t *out)
{
    size_t k = 0;
    for (size_t t = 0; t < e->n_issues; t++)
        if (e->group[t] == g)
            out[k++] = t;
    return k;
}

/*
** The exchange model trades across the issues decided together, so it runs
** once per group over that group's issues (pl__exchange_run_issues, the model
** as src/forecast/exchange.c implements it); a group of one issue cannot trade
** and keeps O, the capability x salience weighted mean. Column first + t - 1
** holds round t for t < R, column last round R.
*/
static int exchange_by_group(pl_evaluation *e, const pl_scenario *s, int R, size_t mean_cs,
                             size_t first, size_t last, pl_error *err)
{
    size_t *mem = pl__mallocarray(e->n_issues, sizeof *mem);
    size_t *iss = pl__mallocarray(e->n_issues, sizeof *iss);
    int rc = mem && iss ? PL_OK : pl__error_nomem(err);
    pl_exchange_opts xo = PL_EXCHANGE_OPTS_INIT;
    xo.rounds = R;
    for (size_t g = 0; !rc && g < e->n_groups; g++) {
        size_t k = group_members(e, g, mem);
        pl_exchange *ex = NULL;
        for (size_t j = 0; j < k; j++)
            iss[j] = e->issue[mem[j]];
        if (k > 1)
            rc = pl__exchange_run_issues(&ex, s, iss, k, &xo, err);
        size_t done = ex ? pl_exchange_n_rounds(ex) : 0;
        for (size_t j = 0; !rc && j < k; j++)
            for (int t = 1; t <= R; t++) {
                size_t c = t == R ? last : first + (size_t)t - 1;
                e->col[c * e->n_issues + mem[j]] =
                    ex ? pl_exchange_outcome(ex, (size_t)t < done ? (size_t)t : done, j)
                       : pl__ev_at(e, mean_cs, mem[j]);
            }
        pl_exchange_free(ex);
    }
    free(mem);
    free(iss);
    return rc;
}

/* The SMP needs 3 actors at the table with a position (smp_scenario.c); with fewer it does
   not apply and its column stays empty. */
static int smp_applies(const pl_scenario *s)
{
    size_t n = 0;
    for (size_t i = 0; i < pl_scenario_n_actors(s); i++)
        n += pl_smp_takes_part(s, i) != 0;
    return n >= 3;
}

/* Column c from one forecast run of method me, with EUM's Q q (0: the preset's). */
static int run_method(pl_evaluation *e, const pl_scenario *s, const method *me, double q,
                      size_t c, pl_error *err)
{
    if (me->model == PL_MODEL_SMP && !smp_applies(s))
        return PL_OK;
    pl_forecast_opts fo = PL_FORECAST_OPTS_INIT;
    fo.weights = me->weights;
    fo.models = me->model < PL_MODEL_COUNT ? 1u << me->model : 1u << PL_MODEL_MEAN;
    if (me->preset && pl_eum_preset(&fo.eum, me->preset, err))
        return PL_EINPUT;
    if (e->o.rounds > 0)
        fo.eum.rounds = e->o.rounds;
    fo.eum.cycle = (pl_eum_cycle)e->o.eum_cycle;
    if (q > 0)
        fo.eum.q = q;
    pl_forecast *f = NULL;
    int rc = pl_forecast_compute(&f, s, &fo, err);
    for (size_t t = 0; !rc && t < e->n_issues; t++) {
        const pl_value *sq = pl_issue_status_quo(pl_scenario_issue(s, e->issue[t]));
        double v = NAN;
        if (me->needs_sq && !sq)
            v = NAN;
        else if (me->model == PL_MODEL_COUNT)
            v = me->needs_sq ? sq->value : 50;
        else
            v = pl_forecast_value(f, e->issue[t], me->model);
        e->col[c * e->n_issues + t] = v;
    }
    pl_forecast_free(f);
    return rc;
}

/* Every column: the methods, EUM's (preset, Q) grid, the exchange model round by round. */
static int run_columns(pl_evaluation *e, const pl_scenario *s, pl_error *err)
{
    size_t nq = sizeof eum_q / sizeof *eum_q, mean_cs = 0;
    int R = e->o.rounds > 0 ? e->o.rounds : 10, rc = PL_OK;
    size_t nx = R - 1 < 9 ? (size_t)R - 1 : 9; /* exchange candidates: rounds 1 .. nx */
    if (!(e->col = pl__mallocarray(PL__EV_MAX_COLS * e->n_issues, sizeof *e->col)))
        return pl__error_nomem(err);
    for (size_t m = 0; !rc && m < N_METHODS; m++) {
        size_t c = add_col(e, methods[m].name, methods[m].what, methods[m].kind);
        mean_cs = strcmp(methods[m].name, "mean_cs") == 0 ? c : mean_cs;
        rc = run_method(e, s, &methods[m], 0, c, err);
        for (size_t j = 0; !rc && methods[m].preset && j < nq; j++) {
            char name[PL__EV_NAME];
            snprintf(name, sizeof name, "%s_q%02d", methods[m].name, (int)lround(eum_q[j] * 100));
            rc = run_method(e, s, &methods[m], eum_q[j],
                            add_col(e, name, eum_q_what, PL__EV_CANDIDATE), err);
        }
    }
    if (rc)
        return rc;
    size_t last = add_col(e, "exchange_group", "exchange model within each group (a group of "
                          "one issue cannot trade and keeps mean_cs)", PL__EV_MODEL);
    size_t first = e->n_cols;
    for (size_t t = 1; t <= nx; t++) {
        char name[PL__EV_NAME];
        snprintf(name, sizeof name, "exchange_group_r%zu", t);
        add_col(e, name, "exchange candidate (rounds) for exchange_tuned", PL__EV_CANDIDATE);
    }
    return exchange_by_group(e, s, R, mean_cs, first, last, err);
}

/* The scored issues (with an outcome) and their groups: same group id, same cluster. */
static int collect_issues(pl_evaluation *e, const pl_scenario *s, pl_error *err)
{
    size_t K = pl_scenario_n_issues(s), KK = K ? K : 1;
    e->issue = pl__mallocarray(KK, sizeof *e->issue);
    e->group = pl__mallocarray(KK, sizeof *e->group);
    e->y = pl__mallocarray(KK, sizeof *e->y);
    e->fold = calloc(KK, sizeof *e->fold);
    const char **names = pl__mallocarray(KK, sizeof *names);
    size_t *size = calloc(KK, sizeof *size);
    int rc = e->issue && e->group && e->y && e->fold && names && size ? PL_OK
                                                                      : pl__error_nomem(err);
    for (size_t k = 0; !rc && k < K; k++) {
        const pl_issue *x = pl_scenario_issue(s, k);
        if (!pl_issue_outcome(x)) {
            e->n_skipped++;
            continue;
        }
        const char *g = pl_issue_group(x);
        size_t c = e->n_groups;
        for (size_t j = 0; g && j < e->n_groups; j++) /* groups come in runs: scan back */
            if (names[e->n_groups - 1 - j] && strcmp(names[e->n_groups - 1 - j], g) == 0) {
                c = e->n_groups - 1 - j;
                break;
            }
        if (c == e->n_groups)
            names[e->n_groups++] = g; /* an issue without a group is a group of its own */
        size[c]++;
        e->group[e->n_issues] = c;
        e->y[e->n_issues] = pl_issue_outcome(x)->value;
        e->issue[e->n_issues++] = k;
        for (size_t i = 0; i < pl_scenario_n_actors(s); i++) {
            double pos, sal;
            e->n_zero_salience += pl_actor_at_table(pl_scenario_actor(s, i)) &&
                                  pl_scenario_position(s, i, k, &pos, &sal) == 1 && sal == 0;
        }
    }
    for (size_t g = 0; !rc && g < e->n_groups; g++)
        e->n_single += size[g] == 1;
    free(names);
    free(size);
    if (!rc && e->n_issues == 0)
        rc = pl__fail(err, PL_EINPUT, "no issue of scenario '%s' has an outcome (%zu issues "
                      "skipped); expected issues with `outcome:` (e.g. parley import --from deu)",
                      pl_scenario_name(s), e->n_skipped);
    return rc;
}

/*
** Folds by group: one per group (PL_CV_GROUP), or k folds of groups dealt in a
** shuffled order (Fisher-Yates, stream UINT64_MAX of the seed: the bootstrap's
** streams are 0 .. B-1).
*/
static int assign_folds(pl_evaluation *e, pl_error *err)
{
    size_t G = e->n_groups, k = e->o.cv == PL_CV_GROUP ? G : (size_t)e->o.cv;
    if (e->o.cv == PL_CV_NONE)
        return PL_OK;
    if (G < 2)
        return pl__fail(err, PL_EINPUT, "cross-validation needs at least 2 groups (proposals) "
                        "with outcomes; the data has %zu", G);
    if (k < 2 || k > G)
        return pl__fail(err, PL_EINPUT, "--cv %zu would leave a fold empty or train on "
                        "nothing: the data has %zu groups (proposals) with outcomes; expected "
                        "a number of folds from 2 to %zu, or 'proposal'", k, G, G);
    size_t *perm = pl__mallocarray(G, sizeof *perm), *fold_of = pl__mallocarray(G, sizeof *fold_of);
    if (!perm || !fold_of) {
        free(perm), free(fold_of);
        return pl__error_nomem(err);
    }
    pl_rng r;
    pl__rng_seed(&r, e->o.seed, UINT64_MAX);
    for (size_t g = 0; g < G; g++)
        perm[g] = g;
    for (size_t g = G; e->o.cv != PL_CV_GROUP && g > 1; g--) {
        size_t j = (size_t)pl__rng_below(&r, g), tmp = perm[g - 1];
        perm[g - 1] = perm[j];
        perm[j] = tmp;
    }
    for (size_t p = 0; p < G; p++)
        fold_of[perm[p]] = p % k;
    for (size_t t = 0; t < e->n_issues; t++)
        e->fold[t] = fold_of[e->group[t]];
    e->n_folds = k;
    free(perm), free(fold_of);
    return PL_OK;
}

/* Rows of the methods scored as they are (no fitting): the baselines and models. */
static int fixed_rows(pl_evaluation *e, pl_error *err)
{
    for (size_t c = 0; c < e->n_cols; c++) {
        if (e->col_kind[c] == PL__EV_CANDIDATE)
            continue;
        pl__ev_row *r = &e->row[e->n_rows++];
        snprintf(r->name, sizeof r->name, "%s", e->col_name[c]);
        r->what = e->col_what[c];
        r->kind = e->col_kind[c];
        if (!(r->fc = pl__mallocarray(e->n_issues, sizeof *r->fc)))
            return pl__error_nomem(err);
        memcpy(r->fc, e->col + c * e->n_issues, e->n_issues * sizeof *r->fc);
    }
    return PL_OK;
}

/* Without cross-validation: the baseline with the lowest MAE on the issues it scores. */
static void best_in_sample(pl_evaluation *e)
{
    double best = INFINITY;
    for (size_t m = 0; m < e->n_rows; m++) {
        double s = 0;
        size_t n = 0;
        for (size_t t = 0; t < e->n_issues; t++)
            if (!isnan(e->row[m].fc[t]))
                s += fabs(e->row[m].fc[t] - e->y[t]), n++;
        if (e->row[m].kind == PL__EV_BASELINE && n && s / (double)n < best) {
            best = s / (double)n;
            e->ref = m;
        }
    }
}

int pl_evaluate(pl_evaluation **out, const pl_scenario *s, const pl_evaluate_opts *opts,
                pl_error *err)
{
    *out = NULL;
    pl_evaluation *e = calloc(1, sizeof *e);
    if (!e)
        return pl__error_nomem(err);
    pl_evaluate_opts o = PL_EVALUATE_OPTS_INIT;
    e->o = opts ? *opts : o;
    e->o.resamples = e->o.resamples ? e->o.resamples : PL__DEFAULT_RESAMPLES;
    int rc = collect_issues(e, s, err);
    if (!rc)
        rc = assign_folds(e, err);
    if (!rc)
        rc = run_columns(e, s, err);
    if (!rc)
        rc = fixed_rows(e, err);
    if (!rc && e->n_folds)
        rc = pl__ev_fit(e, err); /* sets e->ref to the baseline chosen fold by fold */
    else if (!rc)
        best_in_sample(e);
    if (!rc && pl__ev_score_all(e))
        rc = pl__error_nomem(err);
    if (rc) {
        pl_evaluation_free(e);
        return rc;
    }
    *out = e;
    return PL_OK;
}

void pl_evaluation_free(pl_evaluation *e)
{
    if (!e)
        return;
    for (size_t m = 0; m < e->n_rows; m++)
        free(e->row[m].fc);
    free(e->issue);
    free(e->group);
    free(e->y);
    free(e->fold);
    free(e->col);
    free(e);
}

size_t pl_evaluation_n_methods(const pl_evaluation *e) { return e ? e->n_rows : 0; }

const char *pl_evaluation_method(const pl_evaluation *e, size_t m)
{
    return e && m < e->n_rows ? e->row[m].name : NULL;
}

int pl_evaluation_is_baseline(const pl_evaluation *e, size_t m)
{
    return e && m < e->n_rows && e->row[m].kind == PL__EV_BASELINE;
}

int pl_evaluation_is_fitted(const pl_evaluation *e, size_t m)
{
    return e && m < e->n_rows && e->row[m].kind == PL__EV_FITTED;
}

size_t pl_evaluation_n(const pl_evaluation *e, size_t m)
{
    return e && m < e->n_rows ? e->row[m].sc.n : 0;
}

static const pl__ev_score *score_of(const pl_evaluation *e, size_t m)
{
    static const pl__ev_score none;
    return e && m < e->n_rows ? &e->row[m].sc : &none;
}

double pl_evaluation_mae(const pl_evaluation *e, size_t m, double *lo, double *hi)
{
    const pl__ev_score *c = score_of(e, m);
    if (lo)
        *lo = c->mae_lo;
    if (hi)
        *hi = c->mae_hi;
    return c->mae;
}

double pl_evaluation_median_ae(const pl_evaluation *e, size_t m)
{
    return score_of(e, m)->mdae;
}

double pl_evaluation_within10(const pl_evaluation *e, size_t m)
{
    return score_of(e, m)->w10;
}

size_t pl_evaluation_best_baseline(const pl_evaluation *e) { return e ? e->ref : 0; }

double pl_evaluation_vs_best(const pl_evaluation *e, size_t m, double *lo, double *hi)
{
    const pl__ev_score *c = score_of(e, m);
    if (lo)
        *lo = c->diff_lo;
    if (hi)
        *hi = c->diff_hi;
    return c->diff;
}

double pl_evaluation_p(const pl_evaluation *e, size_t m) { return score_of(e, m)->p; }

double pl_evaluation_forecast(const pl_evaluation *e, size_t m, size_t t)
{
    return e && m < e->n_rows && t < e->n_issues ? e->row[m].fc[t] : NAN;
}

size_t pl_evaluation_n_issues(const pl_evaluation *e) { return e ? e->n_issues : 0; }
