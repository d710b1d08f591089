/* SPDX-License-Identifier: MIT */
/*
** forecast.c: run the central-tendency models on every issue of a scenario
** and describe the results (see parley/forecast.h).
*/
#include "parley/forecast.h"
#include "../core/error_int.h"
#include "../core/alloc.h"
#include "smp_impl.h"
#include "veto_impl.h"
#include "forecast_impl.h"
#include "eum_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct issue_result {
    double value[PL_MODEL_COUNT];
    size_t counted;
    double total_weight;
    pl_eum *eum;
    size_t *actor;              /* scenario index of each counted actor (for the EUM) */
} issue_result;

/* Scratch columns of the actors counted on one issue. */
typedef struct columns {
    double *x, *w, *c, *s;
    size_t *actor;
    void *eum;          /* NULL, or an EUM record lent to every issue's run (eum_issue) */
} columns;

struct pl_forecast {
    pl_forecast_opts opts;
    size_t n_issues;
    issue_result *issues;
    pl_exchange *exchange;
    pl_smp *smp;
};

const char *pl_model_name(pl_model m)
{
    static const char *const names[PL_MODEL_COUNT] = {"mean", "median", "nbs", "eum",
                                                      "exchange", "smp", "veto"};
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

/* Positions, weights, capabilities and saliences of the actors that count on issue k. */
static size_t gather(const pl_scenario *s, size_t k, const pl_forecast_opts *o, columns *col)
{
    size_t m = 0;
    for (size_t i = 0; i < pl_scenario_n_actors(s); i++) {
        const pl_actor *a = pl_scenario_actor(s, i);
        double pos, sal;
        if (!pl_actor_at_table(a) || pl_scenario_position(s, i, k, &pos, &sal) != 1)
            continue;
        col->x[m] = pos;
        col->c[m] = pl_actor_capability(a)->value;
        col->s[m] = sal;
        col->w[m] = weight_of(o, col->c[m], sal);
        col->actor[m] = i;
        m++;
    }
    return m;
}

/* The default set (models == 0) is every model but the SMP and veto, which run only when asked. */
static int wants(const pl_forecast_opts *o, pl_model m)
{
    return o->models == 0 ? m != PL_MODEL_SMP && m != PL_MODEL_VETO : (int)(o->models >> m & 1u);
}

/* The procedural compromise of every issue from its weighted mean. */
static int veto_all(pl_forecast *f, const pl_scenario *s, pl_error *err)
{
    size_t K = f->n_issues;
    double *mean = pl__mallocarray(K ? K : 1, sizeof *mean);
    double *out = pl__mallocarray(K ? K : 1, sizeof *out);
    int rc = mean && out ? PL_OK : pl__error_nomem(err);
    for (size_t k = 0; !rc && k < K; k++)
        mean[k] = f->issues[k].value[PL_MODEL_MEAN];
    if (!rc)
        rc = pl__veto_forecasts(s, mean, out, err);
    for (size_t k = 0; !rc && k < K; k++)
        f->issues[k].value[PL_MODEL_VETO] = out[k];
    free(mean);
    free(out);
    return rc;
}

/* The EUM on issue k; a single actor is its own forecast. With a lent record (col->eum, room
   for the run of every actor: pl__eum_record_bytes), the forecast only, not the run (its
   rounds, and who took part). */
static int eum_issue(const pl_forecast_opts *o, const columns *col, size_t m,
                     issue_result *res, pl_error *err)
{
    if (m < 2) {
        res->value[PL_MODEL_EUM] = col->x[0];
        return PL_OK;
    }
    if (col->eum) {
        pl_eum *e = NULL;
        int rc = pl__eum_run_in(&e, col->eum, col->x, col->c, col->s, m, &o->eum, err);
        if (!rc)
            res->value[PL_MODEL_EUM] = pl_eum_forecast(e);
        return rc;
    }
    int rc = pl_eum_run(&res->eum, col->x, col->c, col->s, m, &o->eum, err);
    if (rc)
        return rc;
    res->value[PL_MODEL_EUM] = pl_eum_forecast(res->eum);
    if (!(res->actor = malloc(m * sizeof *res->actor)))
        return pl__error_nomem(err);
    memcpy(res->actor, col->actor, m * sizeof *res->actor);
    return PL_OK;
}

/* Prefix an issue's id to a model's error message. */
static int issue_error(pl_error *err, int rc, const pl_scenario *s, size_t k)
{
    if (err && rc && rc != PL_ENOMEM) { /* out of memory is nobody's issue */
        char msg[PL_ERROR_MSG_MAX + 80];
        snprintf(msg, sizeof msg, "issue '%s': %s", pl_issue_id(pl_scenario_issue(s, k)),
                 err->msg);
        pl__fail(err, rc, "%s", msg);
    }
    return rc;
}

/* Model m's run on issue k (the median, the NBS or the EUM). */
static int run_model(pl_model m, const pl_forecast_opts *o, const columns *col, size_t n,
                     const pl_nbs_opts *nbs, issue_result *res, pl_error *err)
{
    if (m == PL_MODEL_MEDIAN)
        return pl_weighted_median(&res->value[m], col->x, col->w, n, o->tie, err);
    if (m == PL_MODEL_NBS)
        return pl_nbs_1d(&res->value[m], col->x, col->w, n, nbs, err);
    return eum_issue(o, col, n, res, err);
}

/* A model's failure: with `failed`, marked there (bits) and the others go on; out of memory
   stops everything. */
static int go_on(int rc, unsigned bits, unsigned *failed)
{
    if (rc && failed && rc != PL_ENOMEM) {
        *failed |= bits;
        return PL_OK;
    }
    return rc;
}

static int forecast_issue(const pl_scenario *s, size_t k, const pl_forecast_opts *o,
                          columns *col, issue_result *res, unsigned *failed, pl_error *err)
{
    static const pl_model each[] = {PL_MODEL_MEDIAN, PL_MODEL_NBS, PL_MODEL_EUM};
    size_t m = gather(s, k, o, col);
    res->counted = m;
    res->total_weight = 0;
    for (size_t i = 0; i < m; i++)
        res->total_weight += col->w[i];
    pl_nbs_opts nbs = PL_NBS_OPTS_INIT;
    nbs.loss = o->loss;
    nbs.disagreement = o->disagreement;
    const pl_value *sq = pl_issue_status_quo(pl_scenario_issue(s, k));
    if (sq && !o->ignore_status_quo) {
        nbs.has_status_quo = 1;
        nbs.status_quo = sq->value;
    }
    /* the mean runs always: it also checks that the issue has weight, for every model */
    int rc = pl_weighted_mean(&res->value[PL_MODEL_MEAN], col->x, col->w, m, err);
    if (rc)
        return issue_error(err, go_on(rc, ~0u, failed), s, k);
    for (size_t j = 0; j < sizeof each / sizeof *each; j++) {
        if (!wants(o, each[j]) || (failed && (*failed >> each[j] & 1u)))
            continue;
        rc = run_model(each[j], o, col, m, &nbs, res, err);
        if ((rc = issue_error(err, go_on(rc, 1u << each[j], failed), s, k)))
            return rc;
    }
    return PL_OK;
}

/* The exchange model over every issue at once (it trades across issues). */
static int exchange_all(pl_forecast *f, const pl_scenario *s, const pl_forecast_opts *o,
                        pl_error *err)
{
    size_t at_table = 0;
    for (size_t i = 0; i < pl_scenario_n_actors(s); i++)
        at_table += pl_actor_at_table(pl_scenario_actor(s, i)) != 0;
    if (at_table < 2)
        return PL_OK; /* nobody to trade with: the model does not apply */
    int rc = pl_exchange_run_scenario(&f->exchange, s, &o->exchange, err);
    if (rc)
        return rc;
    size_t last = pl_exchange_n_rounds(f->exchange);
    for (size_t k = 0; k < f->n_issues; k++)
        f->issues[k].value[PL_MODEL_EXCHANGE] = pl_exchange_outcome(f->exchange, last, k);
    return PL_OK;
}

int pl_forecast_compute(pl_forecast **out, const pl_scenario *s, const pl_forecast_opts *opts,
                        pl_error *err)
{
    return pl__forecast_compute_each(out, s, opts, NULL, NULL, err);
}

/* The models that run on the whole scenario, after the issues (failed: as in forecast_issue;
   each needs the issues' means, so none runs once the mean has failed). */
static int whole_models(pl_forecast *f, const pl_scenario *s, const pl_forecast_opts *o,
                        unsigned *failed, pl_error *err)
{
    int rc = PL_OK;
    if (failed && (*failed >> PL_MODEL_MEAN & 1u))
        return PL_OK;
    if (f->n_issues >= 2 && wants(o, PL_MODEL_EXCHANGE) &&
        (rc = go_on(exchange_all(f, s, o, err), 1u << PL_MODEL_EXCHANGE, failed)))
        return rc;
    if (wants(o, PL_MODEL_SMP) &&
        (rc = go_on(pl__forecast_smp(s, &o->smp, &f->smp, err), 1u << PL_MODEL_SMP, failed)))
        return rc;
    for (size_t k = 0; f->smp && k < f->n_issues; k++)
        f->issues[k].value[PL_MODEL_SMP] = pl_smp_median(f->smp, k);
    if (wants(o, PL_MODEL_VETO))
        rc = go_on(veto_all(f, s, err), 1u << PL_MODEL_VETO, failed);
    return rc;
}

int pl__forecast_compute_each(pl_forecast **out, const pl_scenario *s,
                              const pl_forecast_opts *opts, unsigned *failed,
                              pl__forecast_mem *mem, pl_error *err)
{
    if (!out || !s)
        return pl__fail(err, PL_EMISUSE, "pl_forecast_compute: NULL argument");
    *out = NULL;
    pl_forecast_opts o = PL_FORECAST_OPTS_INIT;
    if (opts)
        o = *opts;
    size_t n = pl_scenario_n_actors(s), K = pl_scenario_n_issues(s);
    pl_forecast *f = calloc(1, sizeof *f);
    /* the columns in one block, on the stack for a few actors (a stress draw forecasts every
       draw: five allocations fewer); a size_t takes a double's room */
    _Static_assert(sizeof(size_t) <= sizeof(double), "a size_t fits where a double does");
    double stack[5 * 32], *blk = n <= 32 ? stack : pl__mallocarray(pl__mul(n, 5), sizeof *blk);
    columns col = {blk, blk ? blk + n : NULL, blk ? blk + 2 * n : NULL,
                   blk ? blk + 3 * n : NULL, blk ? (size_t *)(void *)(blk + 4 * n) : NULL,
                   NULL};
    /* going on past failures (a stress draw): one EUM record, as large as every actor's run
       needs, for every issue's run, which is not kept */
    size_t eum_bytes = failed && wants(&o, PL_MODEL_EUM) ? pl__eum_record_bytes(n, &o.eum) : 0;
    pl__forecast_mem own = {NULL, 0}, *m = mem ? mem : &own;
    if (eum_bytes && (col.eum = pl__grow(m->eum, &m->eum_cap, eum_bytes, 1, 0)))
        m->eum = col.eum;
    if (f)
        f->issues = calloc(K ? K : 1, sizeof *f->issues);
    int rc = (f && f->issues && blk && (!eum_bytes || col.eum)) ? PL_OK : pl__error_nomem(err);
    if (!rc) {
        f->opts = o;
        f->n_issues = K;
    }
    if (failed)
        *failed = 0;
    for (size_t k = 0; !rc && k < K; k++)
        rc = forecast_issue(s, k, &o, &col, &f->issues[k], failed, err);
    if (!rc)
        rc = whole_models(f, s, &o, failed, err);
    if (blk != stack)
        free(blk);
    free(own.eum);
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
    for (size_t k = 0; f->issues && k < f->n_issues; k++) {
        pl_eum_free(f->issues[k].eum);
        free(f->issues[k].actor);
    }
    free(f->issues);
    pl_exchange_free(f->exchange);
    pl_smp_free(f->smp);
    free(f);
}

size_t pl_forecast_n_issues(const pl_forecast *f) { return f ? f->n_issues : 0; }

double pl_forecast_value(const pl_forecast *f, size_t k, pl_model m)
{
    if (!f || k >= f->n_issues || m < 0 || m >= PL_MODEL_COUNT)
        return 0.0;
    return f->issues[k].value[m];
}

int pl_forecast_has(const pl_forecast *f, pl_model m)
{
    if (!f || m < 0 || m >= PL_MODEL_COUNT)
        return 0;
    if (m == PL_MODEL_EXCHANGE)
        return f->exchange != NULL;
    if (m == PL_MODEL_SMP)
        return f->smp != NULL;
    return wants(&f->opts, m);
}

const pl_exchange *pl_forecast_exchange(const pl_forecast *f) { return f ? f->exchange : NULL; }
const pl_smp *pl_forecast_smp(const pl_forecast *f) { return f ? f->smp : NULL; }

const pl_eum *pl_forecast_eum(const pl_forecast *f, size_t k)
{
    return f && k < f->n_issues ? f->issues[k].eum : NULL;
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
            if (!pl_forecast_has(f, (pl_model)m))
                continue;
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
    int rc = pl_emit_table_end(e);
    pl__veto_check c = {0};
    if (!rc)
        rc = pl__veto_check_run(&c, f, s, NULL);
    if (!rc)
        rc = pl__veto_check_emit(&c, f, s, e);
    pl__veto_check_free(&c);
    return rc;
}

static void emit_moves(const pl_forecast *f, const pl_scenario *s, pl_emitter *e)
{
    static const char *const cols[] = {"issue", "round", "actor", "move", "proposer", "a", "b",
                                       "from", "to"};
    pl_emit_table_begin(e, "moves", "EUM: the offers accepted (a = E(actor challenges "
                        "proposer), b = E(proposer challenges actor))", cols, 9);
    for (size_t k = 0; k < f->n_issues; k++) {
        const issue_result *r = &f->issues[k];
        for (size_t t = 1; r->eum && t <= pl_eum_n_rounds(r->eum); t++)
            for (size_t i = 0; i < pl_eum_n_actors(r->eum); i++) {
                long p;
                double a, b;
                pl_eum_move mv = pl_eum_accepted(r->eum, t, i, &p, &a, &b);
                if (mv == PL_EUM_NONE)
                    continue;
                pl_emit_row_begin(e);
                pl_emit_string(e, NULL, pl_issue_id(pl_scenario_issue(s, k)));
                pl_emit_int(e, NULL, (long long)t);
                pl_emit_string(e, NULL, pl_actor_id(pl_scenario_actor(s, r->actor[i])));
                pl_emit_string(e, NULL, pl_eum_move_name(mv));
                pl_emit_string(e, NULL, pl_actor_id(pl_scenario_actor(s, r->actor[p])));
                pl_emit_number(e, NULL, a);
                pl_emit_number(e, NULL, b);
                pl_emit_number(e, NULL, pl_eum_position(r->eum, t - 1, i));
                pl_emit_number(e, NULL, pl_eum_position(r->eum, t, i));
                pl_emit_row_end(e);
            }
    }
    pl_emit_table_end(e);
}

int pl_forecast_emit_eum(const pl_forecast *f, const pl_scenario *s, int moves, pl_emitter *e)
{
    static const char *const cols[] = {"issue", "round", "median", "mean", "stop"};
    if (!f || !s || !e)
        return PL_EMISUSE;
    pl_emit_table_begin(e, "trajectory", "EUM rounds (weighted median = the round's forecast)",
                        cols, 5);
    for (size_t k = 0; k < f->n_issues; k++) {
        const pl_eum *u = f->issues[k].eum;
        size_t period, last = u ? pl_eum_n_rounds(u) : 0;
        pl_eum_stop why = pl_eum_stop_reason(u, &period);
        for (size_t t = 0; u && t <= last; t++) {
            char stop[48] = "";
            if (t == last)
                snprintf(stop, sizeof stop, why == PL_EUM_STOP_CYCLE ? "%s (period %zu)" : "%s",
                         pl_eum_stop_name(why), period);
            pl_emit_row_begin(e);
            pl_emit_string(e, NULL, pl_issue_id(pl_scenario_issue(s, k)));
            pl_emit_int(e, NULL, (long long)t);
            pl_emit_number(e, NULL, pl_eum_median(u, t));
            pl_emit_number(e, NULL, pl_eum_mean(u, t));
            pl_emit_string(e, NULL, t == last ? stop : NULL);
            pl_emit_row_end(e);
        }
    }
    pl_emit_table_end(e);
    if (moves)
        emit_moves(f, s, e);
    return PL_OK;
}

int pl_forecast_emit_exchanges(const pl_forecast *f, const pl_scenario *s, pl_emitter *e)
{
    static const char *const cols[] = {"round", "actor", "supplies", "from", "to", "partner",
                                       "partner_supplies", "partner_from", "partner_to",
                                       "shift", "partner_shift", "gain", "partner_gain"};
    if (!f || !s || !e)
        return PL_EMISUSE;
    pl_emit_table_begin(e, "exchanges", "Exchange model: votes traded (each moves on the issue "
                        "it supplies toward the other; shift = change of O there)", cols, 13);
    for (size_t j = 0; j < pl_exchange_n_trades(f->exchange); j++) {
        const pl_exchange_trade *t = pl_exchange_trade_at(f->exchange, j);
        pl_emit_row_begin(e);
        pl_emit_int(e, NULL, (long long)t->round);
        pl_emit_string(e, NULL, pl_actor_id(pl_scenario_actor(s, pl_exchange_actor(f->exchange, t->i))));
        pl_emit_string(e, NULL, pl_issue_id(pl_scenario_issue(s, t->p)));
        pl_emit_number(e, NULL, t->i_from);
        pl_emit_number(e, NULL, t->i_to);
        pl_emit_string(e, NULL, pl_actor_id(pl_scenario_actor(s, pl_exchange_actor(f->exchange, t->j))));
        pl_emit_string(e, NULL, pl_issue_id(pl_scenario_issue(s, t->q)));
        pl_emit_number(e, NULL, t->j_from);
        pl_emit_number(e, NULL, t->j_to);
        pl_emit_number(e, NULL, t->shift_p);
        pl_emit_number(e, NULL, t->shift_q);
        pl_emit_number(e, NULL, t->gain_i);
        pl_emit_number(e, NULL, t->gain_j);
        pl_emit_row_end(e);
    }
    pl_emit_table_end(e);
    static const char *const ecols[] = {"round", "actor", "issue", "externality"};
    pl_emit_table_begin(e, "externalities", "Exchange model: what actors who did not trade on an "
                        "issue gain (+) or lose (-) as its outcome moves", ecols, 4);
    const pl_exchange *x = f->exchange;
    for (size_t t = 1; t <= pl_exchange_n_rounds(x); t++)
        for (size_t a = 0; a < pl_exchange_n_actors(x); a++) {
            for (size_t k = 0; k < f->n_issues; k++) {
                double v = pl_exchange_externality(x, t, a, k);
                if (v == 0)
                    continue;
                pl_emit_row_begin(e);
                pl_emit_int(e, NULL, (long long)t);
                pl_emit_string(e, NULL, pl_actor_id(pl_scenario_actor(s, pl_exchange_actor(x, a))));
                pl_emit_string(e, NULL, pl_issue_id(pl_scenario_issue(s, k)));
                pl_emit_number(e, NULL, v);
                pl_emit_row_end(e);
            }
        }
    return pl_emit_table_end(e);
}
