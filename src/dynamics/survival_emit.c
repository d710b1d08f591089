/* SPDX-License-Identifier: MIT */
/*
** survival_emit.c: the survival part of the durability report, when the
** scenario has regimes: which shocks make their actor leave, the deal's
** survival year by year, its expected lifetime and what ends it most often.
*/
#include "durability_impl.h"
#include "../core/fmt.h"
#include "parley/emit.h"

#include <math.h>
#include <stdio.h>

/* The likeliest way the deal ends within the horizon: regime j, or n for the war; -1: none. */
static long main_cause(const pl_durability *d)
{
    size_t n = d->s->n_regimes;
    long best = d->by_war > 1e-12 ? (long)n : -1;
    double p = d->by_war;
    for (size_t j = 0; j < n; j++)
        if (d->reg[j].ends > 1e-12 && (best < 0 || d->reg[j].ends > p))
            best = (long)j, p = d->reg[j].ends;
    return best;
}

/* The actor whose leaving (over all its regimes) or war ends the deal most often; NULL: none. */
static const char *main_actor(const pl_durability *d, double *share)
{
    const pl_scenario *s = d->s;
    const char *best = NULL;
    *share = 0;
    for (size_t a = 0; a < s->n_actors; a++) {
        double p = d->plain.fails_at >= 0 && d->spec->side[d->plain.side] == a ? d->by_war : 0;
        for (size_t j = 0; j < s->n_regimes; j++)
            p += s->regimes[j].actor == a ? d->reg[j].ends : 0;
        if (p > 1e-12 && p > *share)
            best = s->actors[a].id, *share = p;
    }
    return best;
}

static void finding(const pl_durability *d, pl_emitter *e)
{
    char buf[640];
    long c = main_cause(d);
    size_t n = d->s->n_regimes;
    double S = pl_durability_survival(d, d->horizon);
    int k = pl__snprintf(buf, sizeof buf, "Over %g year%s the deal survives with probability "
                         "%.2f and lasts %.2f years on average", d->horizon,
                         d->horizon == 1 ? "" : "s", S, d->lifetime);
    if (k < 0 || (size_t)k >= sizeof buf)
        k = 0;
    if (c < 0)
        snprintf(buf + k, sizeof buf - (size_t)k, "; no regime shock makes its actor leave "
                 "and no side prefers war.");
    else if ((size_t)c == n)
        pl__snprintf(buf + k, sizeof buf - (size_t)k, "; what ends it most often is %s's "
                     "preference for war (the commitment problem, %.2f).",
                     d->s->actors[d->spec->side[d->plain.side]].id, d->by_war);
    else
        pl__snprintf(buf + k, sizeof buf - (size_t)k, "; what ends it most often is %s leaving "
                     "under regime '%s' (%.2f).", d->s->actors[d->s->regimes[c].actor].id,
                     d->s->regimes[c].id, d->reg[c].ends);
    pl_emit_string(e, "survival", buf);
}

static void emit_regimes(const pl_durability *d, pl_emitter *e)
{
    static const char *const cols[] = {"regime", "actor", "hazard", "value_before",
                                       "no_deal_before", "value", "no_deal", "leaves", "ends"};
    pl_emit_table_begin(e, "regimes", "Regime shocks (value and no_deal: the actor's, before "
                        "and under the regime; leaves: value < no_deal; ends: probability "
                        "that it ends the deal within the horizon)", cols, 9);
    for (size_t j = 0; j < d->s->n_regimes; j++) {
        const pl_regime *r = &d->s->regimes[j];
        const pl__dregime *g = &d->reg[j];
        pl_emit_row_begin(e);
        pl_emit_string(e, NULL, r->id);
        pl_emit_string(e, NULL, d->s->actors[r->actor].id);
        pl_emit_number(e, NULL, r->hazard.value);
        pl_emit_number(e, NULL, g->before);
        pl_emit_number(e, NULL, g->no_deal_before);
        pl_emit_number(e, NULL, g->value);
        pl_emit_number(e, NULL, g->no_deal);
        pl_emit_bool(e, NULL, g->defects);
        pl_emit_number(e, NULL, g->ends);
        pl_emit_row_end(e);
    }
    pl_emit_table_end(e);
}

/* S(t) at every whole year 0..horizon (and at the horizon when it is not a whole year). */
static void emit_curve(const pl_durability *d, pl_emitter *e)
{
    static const char *const cols[] = {"year", "survival"};
    pl_emit_table_begin(e, "survival", "Survival (probability that the deal still stands)",
                        cols, 2);
    for (double t = 0;; t = t + 1 > d->horizon ? d->horizon : t + 1) {
        pl_emit_row_begin(e);
        pl_emit_number(e, NULL, t);
        pl_emit_number(e, NULL, pl_durability_survival(d, t));
        pl_emit_row_end(e);
        if (t >= d->horizon)
            break;
    }
    pl_emit_table_end(e);
}

void pl__survival_emit(const pl_durability *d, pl_emitter *e)
{
    pl_emit_object_begin(e, "lifetime", "How long the deal lasts (regime shocks and the "
                         "commitment check as competing risks)");
    finding(d, e);
    pl_emit_number(e, "horizon_years", d->horizon);
    pl_emit_number(e, "expected_lifetime", d->lifetime);
    pl_emit_number(e, "survives_horizon", d->survives);
    pl_emit_number(e, "ends_by_war", d->by_war);
    long c = main_cause(d);
    double share;
    const char *who = main_actor(d, &share);
    if (c < 0)
        pl_emit_null(e, "main_cause");
    else
        pl_emit_string(e, "main_cause", (size_t)c == d->s->n_regimes ? "commitment"
                                                                     : d->s->regimes[c].id);
    if (!who)
        pl_emit_null(e, "main_actor");
    else
        pl_emit_string(e, "main_actor", who);
    pl_emit_number(e, "main_actor_ends", share);
    pl_emit_object_end(e);
    emit_regimes(d, e);
    emit_curve(d, e);
}
