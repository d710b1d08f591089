/* SPDX-License-Identifier: MIT */
/*
** evaluate.c: forecast accuracy on recorded outcomes (MODELS.md section 12).
** The methods are the forecast models run through pl_forecast_compute with
** the baselines computed by the same harness; no parameter is fitted to the
** outcomes (every model runs with its published defaults), so nothing needs
** cross-validation. The bootstrap resamples groups (proposals).
*/
#include "parley/evaluate.h"
#include "../core/fmt.h"
#include "parley/forecast.h"
#include "../core/error_int.h"
#include "../core/rng.h"
#include "exchange_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PL__DEFAULT_RESAMPLES 2000

/* A method: a forecast run (weight mode, models, EUM preset) and which model of it. */
typedef struct method {
    const char *name, *what;
    int baseline;
    pl_weight_mode weights;
    pl_model model;       /* PL_MODEL_COUNT: the constant 50 or the status quo */
    int needs_sq;         /* scores only issues with a status quo */
    const char *preset;   /* EUM preset */
} method;

static const method methods[] = {
    {"constant_50", "50 on every issue", 1, PL_WEIGHT_ONE, PL_MODEL_COUNT, 0, NULL},
    {"status_quo", "the reference point (no change)", 1, PL_WEIGHT_ONE, PL_MODEL_COUNT, 1, NULL},
    {"mean_unweighted", "unweighted mean of positions", 1, PL_WEIGHT_ONE, PL_MODEL_MEAN, 0, NULL},
    {"mean_salience", "salience-weighted mean", 1, PL_WEIGHT_S, PL_MODEL_MEAN, 0, NULL},
    {"mean_cs", "capability x salience weighted mean", 1, PL_WEIGHT_CS, PL_MODEL_MEAN, 0, NULL},
    {"median_cs", "capability x salience weighted median", 1, PL_WEIGHT_CS, PL_MODEL_MEDIAN, 0,
     NULL},
    {"nbs", "Nash bargaining solution, status quo as disagreement", 0, PL_WEIGHT_CS,
     PL_MODEL_NBS, 1, NULL},
    {"eum", "Expected Utility Model, published (default preset)", 0, PL_WEIGHT_CS, PL_MODEL_EUM,
     0, "default"},
    {"eum_scholz", "Expected Utility Model, Scholz et al.'s code (scholz_code preset)", 0,
     PL_WEIGHT_CS, PL_MODEL_EUM, 0, "scholz_code"},
    {"exchange", "exchange model within each group (a one-issue group: the weighted mean)", 0,
     PL_WEIGHT_CS, PL_MODEL_EXCHANGE, 0, NULL},
};
#define N_METHODS (sizeof methods / sizeof *methods)

struct pl_evaluation {
    size_t n_issues, n_groups;
    size_t *issue;          /* scenario index of each scored issue */
    size_t *group;          /* its group (cluster) number */
    double *fc;             /* N_METHODS x n_issues forecasts; NAN: not scored */
    size_t n[N_METHODS];
    double mae[N_METHODS], lo[N_METHODS], hi[N_METHODS];
    double diff[N_METHODS], dlo[N_METHODS], dhi[N_METHODS];
    size_t best;
    unsigned resamples;
    uint64_t seed;
};

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

/* Outcome of scored issue t. */
static double outcome_of(const pl_evaluation *e, const pl_scenario *s, size_t t)
{
    return pl_issue_outcome(pl_scenario_issue(s, e->issue[t]))->value;
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
** once per group over that group's issues; a group of one issue cannot trade
** and keeps O, the capability x salience weighted mean (method mean_cs).
*/
static int exchange_by_group(pl_evaluation *e, const pl_scenario *s, const pl_evaluate_opts *o,
                             size_t m, size_t mean_cs, pl_error *err)
{
    size_t *mem = malloc(e->n_issues * sizeof *mem), *iss = malloc(e->n_issues * sizeof *iss);
    int rc = mem && iss ? PL_OK : pl__error_nomem(err);
    pl_exchange_opts xo = PL_EXCHANGE_OPTS_INIT;
    if (o->rounds > 0)
        xo.rounds = o->rounds;
    for (size_t g = 0; !rc && g < e->n_groups; g++) {
        size_t k = group_members(e, g, mem);
        if (k == 1) {
            e->fc[m * e->n_issues + mem[0]] = e->fc[mean_cs * e->n_issues + mem[0]];
            continue;
        }
        for (size_t j = 0; j < k; j++)
            iss[j] = e->issue[mem[j]];
        pl_exchange *ex = NULL;
        rc = pl__exchange_run_issues(&ex, s, iss, k, &xo, err);
        for (size_t j = 0; !rc && j < k; j++)
            e->fc[m * e->n_issues + mem[j]] = pl_exchange_outcome(ex, pl_exchange_n_rounds(ex), j);
        pl_exchange_free(ex);
    }
    free(mem);
    free(iss);
    return rc;
}

/* Forecasts of every method on every scored issue. */
static int run_methods(pl_evaluation *e, const pl_scenario *s, const pl_evaluate_opts *o,
                       pl_error *err)
{
    size_t mean_cs = 0;
    for (size_t m = 0; m < N_METHODS; m++) {
        const method *me = &methods[m];
        pl_forecast_opts fo = PL_FORECAST_OPTS_INIT;
        if (me->model == PL_MODEL_MEAN && me->weights == PL_WEIGHT_CS)
            mean_cs = m;
        if (me->model == PL_MODEL_EXCHANGE) {
            int rc = exchange_by_group(e, s, o, m, mean_cs, err);
            if (rc)
                return rc;
            continue;
        }
        pl_forecast *f = NULL;
        fo.weights = me->weights;
        fo.models = me->model < PL_MODEL_COUNT ? 1u << me->model : 1u << PL_MODEL_MEAN;
        if (me->preset && pl_eum_preset(&fo.eum, me->preset, err))
            return PL_EINPUT;
        if (o->rounds > 0)
            fo.eum.rounds = o->rounds;
        fo.eum.cycle = (pl_eum_cycle)o->eum_cycle;
        int rc = pl_forecast_compute(&f, s, &fo, err);
        if (rc)
            return rc;
        for (size_t t = 0; t < e->n_issues; t++) {
            const pl_issue *x = pl_scenario_issue(s, e->issue[t]);
            const pl_value *sq = pl_issue_status_quo(x);
            double v = NAN;
            if (me->needs_sq && !sq)
                v = NAN;
            else if (me->model == PL_MODEL_COUNT)
                v = me->needs_sq ? sq->value : 50;
            else
                v = pl_forecast_value(f, e->issue[t], me->model);
            e->fc[m * e->n_issues + t] = v;
        }
        pl_forecast_free(f);
    }
    return PL_OK;
}

/* Sums of errors and counts per group for method m (and, with m2, on issues both score). */
static void group_sums(const pl_evaluation *e, const pl_scenario *s, size_t m, long m2,
                       double *sum, double *sum2, size_t *cnt)
{
    memset(sum, 0, e->n_groups * sizeof *sum);
    memset(sum2, 0, e->n_groups * sizeof *sum2);
    memset(cnt, 0, e->n_groups * sizeof *cnt);
    for (size_t t = 0; t < e->n_issues; t++) {
        double a = e->fc[m * e->n_issues + t];
        double b = m2 >= 0 ? e->fc[(size_t)m2 * e->n_issues + t] : 0;
        if (isnan(a) || isnan(b))
            continue;
        double y = outcome_of(e, s, t);
        sum[e->group[t]] += fabs(a - y);
        sum2[e->group[t]] += m2 >= 0 ? fabs(b - y) : 0;
        cnt[e->group[t]]++;
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Type-7 percentile of sorted v[0..n). */
static double percentile(const double *v, size_t n, double p)
{
    double h = (double)(n - 1) * p;
    size_t k = (size_t)h;
    return k + 1 < n ? v[k] + (h - (double)k) * (v[k + 1] - v[k]) : v[n - 1];
}

/*
** Bootstrap of MAE(m) (m2 < 0) or MAE(m) - MAE(m2) on common issues: resample
** b draws groups with replacement from stream b of the seed.
*/
static int bootstrap(const pl_evaluation *e, const pl_scenario *s, size_t m, long m2,
                     double *point, double *lo, double *hi)
{
    size_t G = e->n_groups, B = e->resamples;
    double *sum = malloc(G * sizeof *sum), *sum2 = malloc(G * sizeof *sum2);
    size_t *cnt = malloc(G * sizeof *cnt);
    double *stat = malloc(B * sizeof *stat);
    if (!sum || !sum2 || !cnt || !stat) {
        free(sum), free(sum2), free(cnt), free(stat);
        return PL_ENOMEM;
    }
    group_sums(e, s, m, m2, sum, sum2, cnt);
    double ta = 0, tb = 0;
    size_t tn = 0, kept = 0;
    for (size_t g = 0; g < G; g++) {
        ta += sum[g];
        tb += sum2[g];
        tn += cnt[g];
    }
    *point = tn ? (ta - tb) / (double)tn : 0;
    for (size_t b = 0; tn && b < B; b++) {
        pl_rng r;
        pl__rng_seed(&r, e->seed, b);
        double a = 0, c = 0;
        size_t k = 0;
        for (size_t d = 0; d < G; d++) {
            size_t g = (size_t)pl__rng_below(&r, G);
            a += sum[g];
            c += sum2[g];
            k += cnt[g];
        }
        if (k)
            stat[kept++] = (a - c) / (double)k;
    }
    qsort(stat, kept, sizeof *stat, cmp_double);
    *lo = kept ? percentile(stat, kept, 0.025) : *point;
    *hi = kept ? percentile(stat, kept, 0.975) : *point;
    free(sum), free(sum2), free(cnt), free(stat);
    return PL_OK;
}

/* The scored issues (with an outcome) and their groups: same group id, same cluster. */
static int collect_issues(pl_evaluation *e, const pl_scenario *s, pl_error *err)
{
    size_t K = pl_scenario_n_issues(s);
    e->issue = malloc((K ? K : 1) * sizeof *e->issue);
    e->group = malloc((K ? K : 1) * sizeof *e->group);
    const char **names = malloc((K ? K : 1) * sizeof *names);
    if (!e->issue || !e->group || !names) {
        free(names);
        return pl__error_nomem(err);
    }
    for (size_t k = 0; k < K; k++) {
        const pl_issue *x = pl_scenario_issue(s, k);
        if (!pl_issue_outcome(x))
            continue;
        const char *g = pl_issue_group(x);
        size_t c = e->n_groups;
        for (size_t j = 0; g && j < e->n_groups; j++) /* groups come in runs: scan back */
            if (names[e->n_groups - 1 - j] && strcmp(names[e->n_groups - 1 - j], g) == 0) {
                c = e->n_groups - 1 - j;
                break;
            }
        if (c == e->n_groups)
            names[e->n_groups++] = g; /* an issue without a group is a group of its own */
        e->group[e->n_issues] = c;
        e->issue[e->n_issues++] = k;
    }
    free(names);
    if (e->n_issues == 0)
        return pl__fail(err, PL_EINPUT, "no issue of scenario '%s' has an outcome; expected "
                        "issues with `outcome:` (e.g. parley import --from deu)",
                        pl_scenario_name(s));
    return PL_OK;
}

int pl_evaluate(pl_evaluation **out, const pl_scenario *s, const pl_evaluate_opts *opts,
                pl_error *err)
{
    pl_evaluate_opts o = PL_EVALUATE_OPTS_INIT;
    if (opts)
        o = *opts;
    *out = NULL;
    pl_evaluation *e = calloc(1, sizeof *e);
    if (!e)
        return pl__error_nomem(err);
    e->resamples = o.resamples ? o.resamples : PL__DEFAULT_RESAMPLES;
    e->seed = o.seed;
    int rc = collect_issues(e, s, err);
    if (!rc && !(e->fc = malloc(N_METHODS * e->n_issues * sizeof *e->fc)))
        rc = pl__error_nomem(err);
    if (!rc)
        rc = run_methods(e, s, &o, err);
    for (size_t m = 0; !rc && m < N_METHODS; m++) {
        for (size_t t = 0; t < e->n_issues; t++)
            e->n[m] += (size_t)!isnan(e->fc[m * e->n_issues + t]);
        if (bootstrap(e, s, m, -1, &e->mae[m], &e->lo[m], &e->hi[m]))
            rc = pl__error_nomem(err);
        if (methods[m].baseline && e->n[m] &&
            (e->n[e->best] == 0 || e->mae[m] < e->mae[e->best]))
            e->best = m;
    }
    for (size_t m = 0; !rc && m < N_METHODS; m++)
        if (bootstrap(e, s, m, (long)e->best, &e->diff[m], &e->dlo[m], &e->dhi[m]))
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
    free(e->issue);
    free(e->group);
    free(e->fc);
    free(e);
}

size_t pl_evaluation_n_methods(const pl_evaluation *e) { return e ? N_METHODS : 0; }

const char *pl_evaluation_method(const pl_evaluation *e, size_t m)
{
    return e && m < N_METHODS ? methods[m].name : NULL;
}

int pl_evaluation_is_baseline(const pl_evaluation *e, size_t m)
{
    return e && m < N_METHODS && methods[m].baseline;
}

size_t pl_evaluation_n(const pl_evaluation *e, size_t m) { return e && m < N_METHODS ? e->n[m] : 0; }

double pl_evaluation_mae(const pl_evaluation *e, size_t m, double *lo, double *hi)
{
    int ok = e && m < N_METHODS;
    if (lo)
        *lo = ok ? e->lo[m] : 0;
    if (hi)
        *hi = ok ? e->hi[m] : 0;
    return ok ? e->mae[m] : 0;
}

size_t pl_evaluation_best_baseline(const pl_evaluation *e) { return e ? e->best : 0; }

double pl_evaluation_vs_best(const pl_evaluation *e, size_t m, double *lo, double *hi)
{
    int ok = e && m < N_METHODS;
    if (lo)
        *lo = ok ? e->dlo[m] : 0;
    if (hi)
        *hi = ok ? e->dhi[m] : 0;
    return ok ? e->diff[m] : 0;
}

/* ---- description ---------------------------------------------------------- */

static void emit_summary(const pl_evaluation *e, pl_emitter *em)
{
    static const char *const cols[] = {"method", "kind", "n", "mae", "mae_low", "mae_high",
                                       "vs_best_baseline", "vs_low", "vs_high", "what"};
    pl_emit_table_begin(em, "summary", "Mean absolute error (0-100 scale) with 95% bootstrap "
                        "intervals; vs = MAE minus the best baseline's on common issues",
                        cols, 10);
    for (size_t m = 0; m < N_METHODS; m++) {
        pl_emit_row_begin(em);
        pl_emit_string(em, NULL, methods[m].name);
        pl_emit_string(em, NULL, methods[m].baseline ? "baseline" : "model");
        pl_emit_int(em, NULL, (long long)e->n[m]);
        pl_emit_number(em, NULL, e->mae[m]);
        pl_emit_number(em, NULL, e->lo[m]);
        pl_emit_number(em, NULL, e->hi[m]);
        pl_emit_number(em, NULL, e->diff[m]);
        pl_emit_number(em, NULL, e->dlo[m]);
        pl_emit_number(em, NULL, e->dhi[m]);
        pl_emit_string(em, NULL, methods[m].what);
        pl_emit_row_end(em);
    }
    pl_emit_table_end(em);
}

static void emit_errors(const pl_evaluation *e, const pl_scenario *s, pl_emitter *em)
{
    const char *cols[3 + 2 * N_METHODS];
    char names[2 * N_METHODS][48];
    size_t nc = 0;
    cols[nc++] = "issue";
    cols[nc++] = "group";
    cols[nc++] = "outcome";
    for (size_t m = 0; m < N_METHODS; m++) {
        snprintf(names[2 * m], sizeof names[0], "%s", methods[m].name);
        snprintf(names[2 * m + 1], sizeof names[0], "%s_error", methods[m].name);
        cols[nc++] = names[2 * m];
        cols[nc++] = names[2 * m + 1];
    }
    pl_emit_table_begin(em, "errors", "Per issue: each method's forecast and absolute error",
                        cols, nc);
    for (size_t t = 0; t < e->n_issues; t++) {
        const pl_issue *x = pl_scenario_issue(s, e->issue[t]);
        double y = outcome_of(e, s, t);
        pl_emit_row_begin(em);
        pl_emit_string(em, NULL, pl_issue_id(x));
        pl_emit_string(em, NULL, pl_issue_group(x));
        pl_emit_number(em, NULL, y);
        for (size_t m = 0; m < N_METHODS; m++) {
            double v = e->fc[m * e->n_issues + t];
            if (isnan(v)) {
                pl_emit_null(em, NULL);
                pl_emit_null(em, NULL);
            } else {
                pl_emit_number(em, NULL, v);
                pl_emit_number(em, NULL, fabs(v - y));
            }
        }
        pl_emit_row_end(em);
    }
    pl_emit_table_end(em);
}

/* One sentence: which models beat the best baseline, by intervals that exclude 0. */
static void verdict(const pl_evaluation *e, char *buf, size_t size)
{
    size_t u = (size_t)pl__snprintf(buf, size, "Best baseline: %s (MAE %.2f). ", methods[e->best].name,
                                e->mae[e->best]);
    int any = 0;
    for (size_t m = 0; m < N_METHODS && u < size; m++) {
        if (methods[m].baseline)
            continue;
        const char *how = e->dhi[m] < 0 ? "beats it" : e->dlo[m] > 0 ? "is worse"
                                                                      : "is not distinguishable";
        int k = pl__snprintf(buf + u, size - u, "%s%s (MAE %.2f) %s (difference %+.2f, 95%% "
                         "interval %+.2f to %+.2f)", any++ ? "; " : "", methods[m].name,
                         e->mae[m], how, e->diff[m], e->dlo[m], e->dhi[m]);
        u += k > 0 ? (size_t)k : 0;
    }
    if (u < size)
        snprintf(buf + u, size - u, ".");
}

int pl_evaluation_emit(const pl_evaluation *e, const pl_scenario *s, pl_emitter *em)
{
    char text[2048], seed[32];
    if (!e || !s || !em)
        return PL_EMISUSE;
    pl_emit_object_begin(em, "evaluation", "Forecast accuracy on recorded outcomes");
    pl_emit_int(em, "issues", (long long)e->n_issues);
    pl_emit_int(em, "groups", (long long)e->n_groups);
    pl_emit_int(em, "resamples", (long long)e->resamples);
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)e->seed);
    pl_emit_string(em, "seed", seed);
    pl_emit_string(em, "fitting", "none: every model runs with its published defaults, so no "
                   "parameter is fitted to the outcomes and no cross-validation is needed");
    verdict(e, text, sizeof text);
    pl_emit_string(em, "verdict", text);
    pl_emit_object_end(em);
    emit_summary(e, em);
    emit_errors(e, s, em);
    return PL_OK;
}
