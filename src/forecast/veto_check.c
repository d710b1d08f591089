/* SPDX-License-Identifier: MIT */
/*
** veto_check.c: does each model's forecast lie in the status quo's win-set
** (Tsebelis 2002, ch. 1-2), and if not, who rejects it? The win-set is veto.c's:
** the points every deciding body of the issue passes against the status quo q
** (its decided_by bodies; without them the actors at the table, each a veto
** player, as at a negotiating table that decides by consent). A forecast y
** outside a decider's part of it is rejected there: by each veto player of the
** decider (a member without whom the others pass nothing) that prefers q to y,
** |y - x| > |q - x|, with the margin |y - x| - |q - x| in scale points; when no
** veto player of that decider objects (a majority turned it down), by the body
** as a whole, with the margin how far y lies outside that body's win-set.
** Issues without a status quo are not checked: their win-set is undefined.
*/
#include "veto_impl.h"
#include "../core/alloc.h"
#include "../core/error_int.h"

#include <math.h>
#include <stdlib.h>

/* Below this, a difference of positions is rounding: the binding member at the edge is indifferent. */
#define TOL 1e-9

static int add_miss(pl__veto_check *c, pl__veto_miss m)
{
    pl__veto_miss *grown = pl__grow(c->miss, &c->cap, c->n_miss + 1, sizeof *c->miss, 8);
    if (!grown)
        return PL_ENOMEM;
    c->miss = grown;
    c->miss[c->n_miss++] = m;
    return PL_OK;
}

/* Who in decider d (loaded in v) rejects y against q, lying outside the decider's [lo, hi]. */
static int rejecters(pl__veto_check *c, pl__veto *v, pl__veto_miss m, double y, double q,
                     double lo, double hi)
{
    size_t before = c->n_miss;
    for (size_t j = 0; j < v->n; j++) {
        double margin = fabs(y - v->x[j]) - fabs(q - v->x[j]);
        if (isnan(v->x[j]) || !(margin > TOL) || !pl__veto_is_veto(v, j))
            continue;
        m.actor = (long)v->actor[j];
        m.margin = margin;
        if (add_miss(c, m))
            return PL_ENOMEM;
    }
    if (c->n_miss > before)
        return PL_OK;
    m.actor = -1;
    m.margin = y > hi ? y - hi : lo - y;
    return add_miss(c, m);
}

/* Check every model on issue k (status quo q); bound[2d], bound[2d+1]: decider d's win-set. */
static int check_issue(pl__veto_check *c, pl__veto *v, const pl_forecast *f, size_t k,
                       double q, double *bound)
{
    size_t nd = pl__veto_n_deciders(v, k);
    c->lo[k] = 0;
    c->hi[k] = 100;
    for (size_t d = 0; d < nd; d++) {
        pl__veto_load(v, k, d);
        bound[2 * d] = pl__veto_side_bound(v, q, -1);
        bound[2 * d + 1] = pl__veto_side_bound(v, q, +1);
        c->lo[k] = fmax(c->lo[k], bound[2 * d]);
        c->hi[k] = fmin(c->hi[k], bound[2 * d + 1]);
    }
    for (int m = 0; m < PL_MODEL_COUNT; m++) {
        double y = pl_forecast_value(f, k, (pl_model)m);
        if (!pl_forecast_has(f, (pl_model)m) || (y >= c->lo[k] - TOL && y <= c->hi[k] + TOL))
            continue;
        for (size_t d = 0; d < nd; d++) {
            double lo = bound[2 * d], hi = bound[2 * d + 1];
            if (y >= lo - TOL && y <= hi + TOL)
                continue;
            pl__veto_miss miss = {k, m, pl__veto_load(v, k, d), -1, 0};
            if (rejecters(c, v, miss, y, q, lo, hi))
                return PL_ENOMEM;
        }
    }
    return PL_OK;
}

int pl__veto_check_run(pl__veto_check *c, const pl_forecast *f, const pl_scenario *s,
                       pl_error *err)
{
    size_t K = pl_scenario_n_issues(s), nd = 1;
    *c = (pl__veto_check){0};
    for (size_t k = 0; k < K; k++) {
        const pl_issue *x = pl_scenario_issue(s, k);
        c->any_status_quo |= pl_issue_status_quo(x) != NULL;
        nd = pl_issue_n_deciders(x) > nd ? pl_issue_n_deciders(x) : nd;
    }
    if (!c->any_status_quo)
        return PL_OK;
    pl__veto v;
    double *bound = pl__mallocarray(2 * nd, sizeof *bound);
    c->lo = pl__mallocarray(K, sizeof *c->lo);
    c->hi = pl__mallocarray(K, sizeof *c->hi);
    int rc = pl__veto_open(&v, s, err);
    if (!rc && !(bound && c->lo && c->hi))
        rc = pl__error_nomem(err);
    for (size_t k = 0; !rc && k < K; k++) {
        const pl_value *q = pl_issue_status_quo(pl_scenario_issue(s, k));
        c->lo[k] = c->hi[k] = NAN;
        if (q && (rc = check_issue(c, &v, f, k, q->value, bound)))
            rc = pl__error_nomem(err);
    }
    pl__veto_close(&v);
    free(bound);
    return rc;
}

void pl__veto_check_free(pl__veto_check *c)
{
    free(c->lo);
    free(c->hi);
    free(c->miss);
    *c = (pl__veto_check){0};
}

int pl__veto_check_emit(const pl__veto_check *c, const pl_forecast *f, const pl_scenario *s,
                        pl_emitter *e)
{
    static const char *const cols[] = {"issue", "model", "forecast", "status_quo", "win_set_low",
                                       "win_set_high", "decider", "rejected_by", "margin"};
    if (!c->any_status_quo)
        return PL_OK;
    pl_emit_table_begin(e, "outside_win_set",
                        "Forecasts outside the status quo's win-set (what every deciding body "
                        "passes against it; decider '-': the actors at the table, each a veto "
                        "player). margin: how much nearer the status quo is to the veto "
                        "player's position, in points; rejected_by '-': the body's majority, "
                        "margin how far outside its win-set", cols, sizeof cols / sizeof *cols);
    for (size_t j = 0; j < c->n_miss; j++) {
        const pl__veto_miss *m = &c->miss[j];
        pl_emit_row_begin(e);
        pl_emit_string(e, NULL, pl_issue_id(pl_scenario_issue(s, m->issue)));
        pl_emit_string(e, NULL, pl_model_name((pl_model)m->model));
        pl_emit_number(e, NULL, pl_forecast_value(f, m->issue, (pl_model)m->model));
        pl_emit_number(e, NULL, pl_issue_status_quo(pl_scenario_issue(s, m->issue))->value);
        pl_emit_number(e, NULL, c->lo[m->issue]);
        pl_emit_number(e, NULL, c->hi[m->issue]);
        pl_emit_string(e, NULL, m->body >= 0 ? pl_body_id(pl_scenario_body(s, (size_t)m->body))
                                             : NULL);
        pl_emit_string(e, NULL, m->actor >= 0 ? pl_actor_id(pl_scenario_actor(s, (size_t)m->actor))
                                              : NULL);
        /* on a 1e-9 grid: a difference of distances on a 0-100 scale keeps the
           subtraction's noise near 1e-14 (0.130000000000002 for 0.13) */
        pl_emit_number(e, NULL, round(m->margin * 1e9) / 1e9);
        pl_emit_row_end(e);
    }
    return pl_emit_table_end(e);
}
