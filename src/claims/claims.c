/* SPDX-License-Identifier: MIT */
/*
** claims.c: evaluate claims on a scenario (or a Monte Carlo draw of it) by
** running the analyses they name; nothing is stored or looked up.
*/
#include "claims_impl.h"
#include "../core/fmt.h"
#include "parley/scenario.h"
#include "parley/settle.h"
#include "parley/power.h"
#include "parley/dynamics.h"
#include "../core/error_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What one evaluation shares between claims: the settlement, built once when needed. */
typedef struct ctx {
    const pl_scenario *s;
    pl_settlement *st;
    int st_rc;
    pl_error err;
} ctx;

static const pl_settlement *settlement(ctx *x)
{
    if (!x->st && !x->st_rc) {
        pl_settle_opts o = PL_SETTLE_OPTS_INIT;
        o.logrolls = 0;
        x->st_rc = pl_settle_compute(&x->st, x->s, &o, &x->err);
    }
    return x->st;
}

void pl__claim_say(pl_claim_result *r, pl_claim_status st, double v, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pl__vsnprintf(r->detail, sizeof r->detail, fmt, ap);
    va_end(ap);
    r->status = st, r->value = v;
}

static void can_act(ctx *x, const pl__claim *c, pl_claim_result *r)
{
    const pl_body *y = pl_scenario_body(x->s, (size_t)c->body);
    pl_game *g = NULL;
    pl_power *p = NULL;
    pl_power_opts po = PL_POWER_OPTS_INIT;
    pl_credibility cr;
    long m = -1;
    for (size_t i = 0; i < pl_body_n_members(y); i++)
        if (pl_body_member(y, i) == c->actor)
            m = (long)i;
    const char *aid = pl_actor_id(pl_scenario_actor(x->s, (size_t)c->actor));
    if (pl_game_from_body(&g, x->s, (size_t)c->body, &x->err) ||
        pl_power_compute(&p, g, &po, &x->err) ||
        pl_power_credibility(&cr, g, p, m, &x->err) ||
        pl_credibility_text(&cr, g, pl_body_id(y), aid, r->detail, sizeof r->detail)) {
        pl__claim_say(r, PL_CLAIM_UNDEFINED, NAN, "%s", x->err.msg);
    } else {
        r->status = cr.can_act == c->expect ? PL_CLAIM_HOLDS : PL_CLAIM_FAILS;
        r->value = cr.act_against; /* the others' power to act without X */
    }
    pl_power_free(p);
    pl_game_free(g);
}

/* A proposal as a package of the settlement's space (its points must be options). */
static int package_of(const pl_settlement *st, const double *x, size_t K, uint32_t *w)
{
    for (size_t k = 0; k < K; k++) {
        const pl_space *sp = pl_settle_space(st);
        size_t v = 0, m = pl_space_n_options(sp, k);
        while (v < m && fabs(pl_settle_option(st, k, v, NULL) - x[k]) > 1e-9)
            v++;
        if (v == m)
            return -1;
        w[k] = (uint32_t)v;
    }
    return 0;
}

static void ratification(ctx *x, const pl__claim *c, pl_claim_result *r)
{
    const pl_settlement *st = settlement(x);
    size_t K = pl_scenario_n_issues(x->s);
    uint32_t w[256];
    if (!st || K > 256 || package_of(st, c->x, K, w)) {
        pl__claim_say(r, PL_CLAIM_UNDEFINED, NAN, "%s", st ? "the proposal is not a package of the "
            "outcome space (its points must be the issues' options)" : x->err.msg);
        return;
    }
    double p = pl_settle_ratification(st, w);
    pl__claim_say(r, p < c->below ? PL_CLAIM_HOLDS : PL_CLAIM_FAILS, p, "The ratifying bodies pass the "
        "proposal with probability %.3g (the claim needs below %g).", p, c->below);
}

static pl_durability *durability(ctx *x, const pl__claim *c, pl_claim_result *r)
{
    pl_durability *d = NULL;
    if (!pl_scenario_has_durability(x->s))
        pl__claim_say(r, PL_CLAIM_NOT_MODELLED, NAN, "The scenario has no durability section.");
    else if (pl_durability_compute(&d, x->s, c->x, &x->err))
        pl__claim_say(r, PL_CLAIM_UNDEFINED, NAN, "%s", x->err.msg);
    return d;
}

static void self_enforcing(ctx *x, const pl__claim *c, pl_claim_result *r)
{
    pl_durability *d = durability(x, c, r);
    if (!d)
        return;
    int side = 0, t = pl_durability_fails_at(d, &side);
    size_t T = pl_durability_periods(d) - 1;
    if (t < 0)
        pl__claim_say(r, c->expect ? PL_CLAIM_HOLDS : PL_CLAIM_FAILS, pl_durability_power(d, T),
            "Self-enforcing: %s's chance of winning a war goes from %.2f to %.2f and neither "
            "side ever prefers war.", pl_durability_side(d, 0), pl_durability_power(d, 0),
            pl_durability_power(d, T));
    else
        pl__claim_say(r, c->expect ? PL_CLAIM_FAILS : PL_CLAIM_HOLDS, pl_durability_power(d, T),
            "Not self-enforcing: %s's chance of winning a war goes from %.2f to %.2f, and %s "
            "prefers war from period %d.", pl_durability_side(d, 0), pl_durability_power(d, 0),
            pl_durability_power(d, T), pl_durability_side(d, side), t);
    pl_durability_free(d);
}

/* The model's forecast of issue k with actor `without` left out (-1: everyone). */
static double forecast(const pl_scenario *s, size_t k, pl_model m, long without)
{
    size_t n = pl_scenario_n_actors(s), c = 0;
    double *x = malloc((n ? n : 1) * sizeof *x), *w = malloc((n ? n : 1) * sizeof *w), v = NAN;
    for (size_t i = 0; x && w && i < n; i++) {
        double pos, sal;
        const pl_actor *a = pl_scenario_actor(s, i);
        if ((long)i == without || !pl_actor_at_table(a) ||
            pl_scenario_position(s, i, k, &pos, &sal) != 1)
            continue;
        x[c] = pos, w[c++] = pl_actor_capability(a)->value * sal;
    }
    if (x && w && c && (m == PL_MODEL_MEAN ? pl_weighted_mean(&v, x, w, c, NULL)
                                           : pl_weighted_median(&v, x, w, c, PL_TIE_LOWER, NULL)))
        v = NAN;
    free(x), free(w);
    return v;
}

static void leverage(ctx *x, const pl__claim *c, pl_claim_result *r)
{
    double worst = 0;
    size_t at = 0;
    for (size_t k = 0; k < pl_scenario_n_issues(x->s); k++) {
        double d = fabs(forecast(x->s, k, c->model, -1) - forecast(x->s, k, c->model, c->actor));
        if (isnan(d)) {
            pl__claim_say(r, PL_CLAIM_UNDEFINED, NAN, "The %s forecast of issue %s is undefined.",
                pl_model_name(c->model), pl_issue_id(pl_scenario_issue(x->s, k)));
            return;
        }
        if (d > worst)
            worst = d, at = k;
    }
    pl__claim_say(r, worst <= c->limit ? PL_CLAIM_HOLDS : PL_CLAIM_FAILS, worst, "Leaving %s out moves "
        "the %s forecast by at most %.3g points (issue %s); the claim allows %g.",
        pl_actor_id(pl_scenario_actor(x->s, (size_t)c->actor)), pl_model_name(c->model), worst,
        pl_issue_id(pl_scenario_issue(x->s, at)), c->limit);
}

static void no_winners(ctx *x, const pl__claim *c, pl_claim_result *r)
{
    const pl_settlement *st = settlement(x);
    pl_durability *d = st ? durability(x, c, r) : NULL;
    if (!st)
        pl__claim_say(r, PL_CLAIM_UNDEFINED, NAN, "%s", x->err.msg);
    if (!d)
        return;
    size_t n = pl_frontier_n_parties(pl_settle_frontier(st)), u = 0;
    double best_t = -INFINITY, best_s = -INFINITY;
    char buf[600] = "";
    for (size_t i = 0; i < n; i++) {
        double t = pl_settle_point_utility(st, i, c->x) - pl_settle_disagreement(st, i);
        double g = pl_durability_strategic(d, t);
        g = fabs(g) < 5e-4 ? 0 : g; /* (1 - delta^0) x a loss prints as -0.000 */
        best_t = fmax(best_t, t), best_s = fmax(best_s, g);
        int w = pl__snprintf(buf + u, sizeof buf - u, "%s%s %+.3f tactically, %+.3f strategically",
                         i ? "; " : "", pl_actor_id(pl_scenario_actor(x->s, pl_settle_party(st, i))),
                         t, g);
        u += w > 0 && (size_t)w < sizeof buf - u ? (size_t)w : 0;
    }
    pl__claim_say(r, best_t > 1e-9 && best_s <= 1e-9 ? PL_CLAIM_HOLDS : PL_CLAIM_FAILS, best_s, "%s.", buf);
    pl_durability_free(d);
}

static void evaluate(ctx *x, const pl__claim *c, pl_claim_result *r)
{
    r->value = NAN, r->detail[0] = '\0';
    switch (c->kind) {
    case PL__CAN_ACT: can_act(x, c, r); break;
    case PL__RATIFICATION: ratification(x, c, r); break;
    case PL__SELF_ENFORCING: self_enforcing(x, c, r); break;
    case PL__LEVERAGE: leverage(x, c, r); break;
    case PL__ZONE: pl__claim_zone(settlement(x), x->s, c, r); break;
    case PL__NO_WINNERS: no_winners(x, c, r); break;
    default: pl__claim_say(r, PL_CLAIM_NOT_MODELLED, NAN, "%s", c->why); break;
    }
}

int pl_claims_evaluate(const pl_claims *c, const pl_scenario *s, pl_claim_result *res,
                       pl_error *err)
{
    if (!c || !s || !res)
        return pl__fail(err, PL_EMISUSE, "pl_claims_evaluate: NULL argument");
    ctx x = {s, NULL, 0, {0}};
    for (size_t i = 0; i < c->n; i++)
        evaluate(&x, &c->c[i], &res[i]);
    pl_settle_free(x.st);
    return PL_OK;
}
