/*
** forecast.c: run the central-tendency models on every issue of a scenario
** and describe the results (see parley/forecast.h).
*/
#include "parley/forecast.h"
#include "../core/error_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct issue_result {
    double value[PL_MODEL_COUNT];
    size_t counted;
    double total_weight;
} issue_result;

struct pl_forecast {
    pl_forecast_opts opts;
    size_t n_issues;
    issue_result *issues;
};

const char *pl_model_name(pl_model m)
{
    static const char *const names[PL_MODEL_COUNT] = {"mean", "median", "nbs"};
    return (m >= 0 && m < PL_MODEL_COUNT) ? names[m] : NULL;
}

static double weight_of(const pl_forecast_opts *o, double c, double s)
{
    switch (o->weights) {
    case PL_WEIGHT_S: return s;
    case PL_WEIGHT_C: return c;
    case PL_WEIGHT_ONE: return 1;
    default: return c * s;
    }
}

/* Positions and weights of the actors that count on issue k. */
static size_t gather(const pl_scenario *s, size_t k, const pl_forecast_opts *o, double *x,
                     double *w)
{
    size_t m = 0;
    for (size_t i = 0; i < pl_scenario_n_actors(s); i++) {
        const pl_actor *a = pl_scenario_actor(s, i);
        double pos, sal;
        if (!pl_actor_at_table(a) || pl_scenario_position(s, i, k, &pos, &sal) != 1)
            continue;
        x[m] = pos;
        w[m] = weight_of(o, pl_actor_capability(a)->value, sal);
        m++;
    }
    return m;
}

/* Prefix an issue's id to a model's error message. */
static int issue_error(pl_error *err, int rc, const pl_scenario *s, size_t k)
{
    if (err && rc) {
        char msg[PL_ERROR_MSG_MAX + 80];
        snprintf(msg, sizeof msg, "issue '%s': %s", pl_issue_id(pl_scenario_issue(s, k)),
                 err->msg);
        pl__fail(err, rc, "%s", msg);
    }
    return rc;
}

static int forecast_issue(const pl_scenario *s, size_t k, const pl_forecast_opts *o,
                          double *x, double *w, issue_result *res, pl_error *err)
{
    size_t m = gather(s, k, o, x, w);
    res->counted = m;
    res->total_weight = 0;
    for (size_t i = 0; i < m; i++)
        res->total_weight += w[i];
    pl_nbs_opts nbs = PL_NBS_OPTS_INIT;
    nbs.loss = o->loss;
    nbs.disagreement = o->disagreement;
    const pl_value *sq = pl_issue_status_quo(pl_scenario_issue(s, k));
    if (sq && !o->ignore_status_quo) {
        nbs.has_status_quo = 1;
        nbs.status_quo = sq->value;
    }
    int rc = pl_weighted_mean(&res->value[PL_MODEL_MEAN], x, w, m, err);
    if (!rc)
        rc = pl_weighted_median(&res->value[PL_MODEL_MEDIAN], x, w, m, o->tie, err);
    if (!rc)
        rc = pl_nbs_1d(&res->value[PL_MODEL_NBS], x, w, m, &nbs, err);
    return issue_error(err, rc, s, k);
}

int pl_forecast_compute(pl_forecast **out, const pl_scenario *s, const pl_forecast_opts *opts,
                        pl_error *err)
{
    if (!out || !s)
        return pl__fail(err, PL_EMISUSE, "pl_forecast_compute: NULL argument");
    *out = NULL;
    pl_forecast_opts o = PL_FORECAST_OPTS_INIT;
    if (opts)
        o = *opts;
    size_t n = pl_scenario_n_actors(s), K = pl_scenario_n_issues(s);
    pl_forecast *f = calloc(1, sizeof *f);
    double *x = malloc(n * sizeof *x), *w = malloc(n * sizeof *w);
    if (f)
        f->issues = calloc(K ? K : 1, sizeof *f->issues);
    int rc = (f && f->issues && x && w) ? PL_OK : pl__error_nomem(err);
    if (!rc) {
        f->opts = o;
        f->n_issues = K;
    }
    for (size_t k = 0; !rc && k < K; k++)
        rc = forecast_issue(s, k, &o, x, w, &f->issues[k], err);
    free(x);
    free(w);
    if (rc) {
        pl_forecast_free(f);
        return rc;
    }
    *out = f;
    return PL_OK;
}

void pl_forecast_free(pl_forecast *f)
{
    if (!f)
        return;
    free(f->issues);
    free(f);
}

size_t pl_forecast_n_issues(const pl_forecast *f) { return f ? f->n_issues : 0; }

double pl_forecast_value(const pl_forecast *f, size_t k, pl_model m)
{
    if (!f || k >= f->n_issues || m < 0 || m >= PL_MODEL_COUNT)
        return 0.0;
    return f->issues[k].value[m];
}

size_t pl_forecast_n_counted(const pl_forecast *f, size_t k)
{
    return (f && k < f->n_issues) ? f->issues[k].counted : 0;
}

double pl_forecast_total_weight(const pl_forecast *f, size_t k)
{
    return (f && k < f->n_issues) ? f->issues[k].total_weight : 0.0;
}

/* ---- description ------------------------------------------------------- */

int pl_forecast_emit(const pl_forecast *f, const pl_scenario *s, pl_emitter *e)
{
    static const char *const cols[] = {"issue", "model", "forecast", "nearest", "anchor"};
    if (!f || !s || !e)
        return PL_EMISUSE;
    pl_emit_table_begin(e, "forecasts", "Forecasts (0-100 scale; nearest worded anchor)", cols,
                        sizeof cols / sizeof *cols);
    for (size_t k = 0; k < f->n_issues; k++) {
        const pl_issue *x = pl_scenario_issue(s, k);
        for (int m = 0; m < PL_MODEL_COUNT; m++) {
            double v = f->issues[k].value[m];
            const char *words;
            double at = pl_issue_anchor(x, pl_issue_nearest_anchor(x, v), &words);
            pl_emit_row_begin(e);
            pl_emit_string(e, NULL, pl_issue_id(x));
            pl_emit_string(e, NULL, pl_model_name((pl_model)m));
            pl_emit_number(e, NULL, v);
            pl_emit_number(e, NULL, at);
            pl_emit_string(e, NULL, words);
            pl_emit_row_end(e);
        }
    }
    return pl_emit_table_end(e);
}
