/* SPDX-License-Identifier: MIT */
/*
** durability_regimes.c: defection that is not war (issue 17). A regime
** shock replaces an actor's positions and saliences (a new government, a
** new coalition: Putnam 1988's domestic level, Tsebelis 2002's change of
** veto players); the actor leaves the deal when, with its new preferences,
** the deal is worth less to it than no deal. Every shock that makes its
** actor leave ends the deal at its yearly hazard; one that does not leaves
** it standing. With the commitment check as one more cause, survival.c gives
** the survival curve, the expected lifetime and who ends the deal.
*/
#include "durability_impl.h"
#include "../core/error_int.h"
#include "../core/alloc.h"
#include "../settle/settlement.h"

#include <math.h>
#include <stdlib.h>

/* Option index of issue k at outcome x, or -1. */
static long option_at(const pl_issue *x, double at)
{
    for (size_t v = 0; v < x->n_options; v++)
        if (x->option_at[v] == at)
            return (long)v;
    return -1;
}

/*
** Actor a's utility of outcome x as parley settle scores it by default
** (linear loss, saliences as given): sum_k s_k (1 - |p_k - x_k| / 100), or
** the actor's own values of the options; regime r (NULL: none) replaces
** position and salience on the issues it names.
*/
static double actor_value(const pl_scenario *s, size_t a, const pl_regime *r, const double *x)
{
    double u = 0;
    for (size_t k = 0; k < s->n_issues; k++) {
        double pos, sal;
        if (r && r->has[k]) {
            u += r->sal[k] * pl__issue_score(r->pos[k], x[k], 0);
            continue;
        }
        const double *vals = pl_scenario_values(s, a, k);
        long v = option_at(&s->issues[k], x[k]);
        if (pl_scenario_position(s, a, k, &pos, &sal) != 1)
            continue;
        u += vals ? (v >= 0 ? vals[v] : 0) : sal * pl__issue_score(pos, x[k], 0);
    }
    return u;
}

/*
** What no deal over time costs actor a under regime r (0 without a no_deal
** section), as parley settle counts it (src/settle/nodeal.c): the utility lost
** on average as each issue's status quo drifts, and the yearly cost of
** conflict it bears (in its scale points: a share of its total salience).
*/
static double no_deal_path_loss(const pl_scenario *s, size_t a, const pl_regime *r)
{
    const pl_nodeal_spec *nd = s->nodeal;
    if (!nd)
        return 0;
    double loss = 0, scale = 0;
    for (size_t k = 0; k < s->n_issues; k++) {
        double pos, sal;
        if (r && r->has[k])
            pos = r->pos[k], sal = r->sal[k];
        else if (pl_scenario_position(s, a, k, &pos, &sal) != 1)
            continue;
        scale += sal;
        /* the reader refuses a drift on an issue without a status quo or valued by options */
        if (!nd->has_drift[k] || nd->drift[k].value == 0 ||
            (!(r && r->has[k]) && pl_scenario_values(s, a, k)))
            continue;
        loss += sal * pl__nodeal_drift_gap(s, k, pos, 0);
    }
    return loss + pl__nodeal_cost(nd, a, scale);
}

/*
** The actor's no-deal value under regime r: its `no_deal`, else its value of
** the status quo (0 when an issue has none), as in parley settle, less what
** no deal over time costs it (the scenario's no_deal section).
*/
static double no_deal_value(const pl_scenario *s, size_t a, const pl_regime *r, double *sq)
{
    const pl_value *nd = pl_actor_no_deal(pl_scenario_actor(s, a));
    if (nd)
        return nd->value - no_deal_path_loss(s, a, r);
    for (size_t k = 0; k < s->n_issues; k++) {
        if (!s->issues[k].has_status_quo)
            return 0 - no_deal_path_loss(s, a, r);
        sq[k] = s->issues[k].status_quo.value;
    }
    return actor_value(s, a, r, sq) - no_deal_path_loss(s, a, r);
}

int pl__survival_compute(pl_durability *d, const double *deal, pl_error *err)
{
    const pl_scenario *s = d->s;
    size_t n = s->n_regimes;
    d->horizon = (double)d->spec->periods * d->spec->step;
    d->war_at = d->plain.fails_at >= 0 ? d->plain.fails_at * d->spec->step : -1;
    d->reg = pl__mallocarray(n ? n : 1, sizeof *d->reg);
    d->hazard = pl__mallocarray(n ? n : 1, sizeof *d->hazard);
    /* the scratch on the stack for a few regimes and issues (every stress draw comes here) */
    size_t room = pl__add(pl__add(n, 2), s->n_issues);  /* ends, then sq */
    double stack[128], *ends = room <= 128 ? stack : pl__mallocarray(room, sizeof *ends);
    double *sq = ends ? ends + n + 2 : NULL;
    if (!d->reg || !d->hazard || !ends)
        return pl__error_nomem(err);
    for (size_t j = 0; j < n; j++) {
        const pl_regime *r = &s->regimes[j];
        pl__dregime *g = &d->reg[j];
        g->before = actor_value(s, r->actor, NULL, deal);
        g->no_deal_before = no_deal_value(s, r->actor, NULL, sq);
        g->value = actor_value(s, r->actor, r, deal);
        g->no_deal = no_deal_value(s, r->actor, r, sq);
        g->defects = g->value < g->no_deal - 1e-12;
        d->hazard[j] = g->defects ? r->hazard.value : 0;
    }
    int rc = pl_survival(n, d->hazard, d->war_at, d->horizon, &d->lifetime, ends, err);
    for (size_t j = 0; !rc && j < n; j++)
        d->reg[j].ends = ends[j];
    if (!rc)
        d->by_war = ends[n], d->survives = ends[n + 1];
    if (ends != stack)
        free(ends);
    return rc;
}

size_t pl_durability_n_regimes(const pl_durability *d) { return d ? d->s->n_regimes : 0; }

int pl_durability_regime(const pl_durability *d, size_t j, const char **id, const char **actor,
                         double *value, double *no_deal, int *defects, double *ends)
{
    if (!d || j >= d->s->n_regimes)
        return PL_EMISUSE;
    const pl_regime *r = &d->s->regimes[j];
    if (id)
        *id = r->id;
    if (actor)
        *actor = d->s->actors[r->actor].id;
    if (value)
        *value = d->reg[j].value;
    if (no_deal)
        *no_deal = d->reg[j].no_deal;
    if (defects)
        *defects = d->reg[j].defects;
    if (ends)
        *ends = d->reg[j].ends;
    return PL_OK;
}

double pl_durability_survival(const pl_durability *d, double year)
{
    return d ? pl_survival_at(d->s->n_regimes, d->hazard, d->war_at, year) : NAN;
}

double pl_durability_lifetime(const pl_durability *d, double *horizon, double *by_war)
{
    if (horizon)
        *horizon = d ? d->horizon : NAN;
    if (by_war)
        *by_war = d ? d->by_war : NAN;
    return d ? d->lifetime : NAN;
}
