/* SPDX-License-Identifier: MIT */
/*
** claims.c: evaluate claims on a scenario (or a Monte Carlo draw of it) by
** running the analyses they name; nothing is stored or looked up.
*/
#include "claims_impl.h"
#include "parley/verdict.h"
#include "../core/fmt.h"
#include "parley/scenario.h"
#include "parley/settle.h"
#include "parley/power.h"
#include "parley/dynamics.h"
#include "../core/error_int.h"
#include "../dynamics/durability_impl.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What one evaluation shares between claims: the settlement, built once when needed. An
   analysis that ran out of memory leaves err.code PL_ENOMEM, which ends the evaluation
   (an "undefined" verdict would be a wrong answer). */
typedef struct ctx {
    const pl_scenario *s;
    pl_settlement *st;
    int st_rc;
    pl_error err;
    const pl_progress *progress; /* the settlement's steps; NULL: none */
} ctx;

static const pl_settlement *settlement(ctx *x)
{
    if (!x->st && !x->st_rc) {
        pl_settle_opts o = PL_SETTLE_OPTS_INIT;
        o.logrolls = 0;
        o.max_enumerate = 0; /* no claim reads the win-set counts; they cost most of a probe */
        if (x->progress)
            o.progress = *x->progress;
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

/* The body acts without X exactly when some winning coalition leaves X out: power above 0. */
static void can_act_margin(const pl_credibility *cr, const char *body, const char *aid,
                           pl_claim_result *r)
{
    r->threshold = 0;
    if (cr->can_act)
        pl__snprintf(r->margin, sizeof r->margin, "The others' power to act without %s is %.3g, "
                 "above the 0 at which %s could no longer act.", aid, cr->act_against, body);
    else
        pl__snprintf(r->margin, sizeof r->margin, "The others' power to act without %s is 0: %s "
                 "blocks %s%s.", aid, aid, cr->formal_veto ? "by a veto written into the rules"
                 : "alone by its weight", cr->formal_veto ? "; no number changes that" : "");
    if (cr->formal_veto && !cr->can_act)
        pl__snprintf(r->rule, sizeof r->rule, "%s is a veto member of %s", aid, body);
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
        can_act_margin(&cr, pl_body_id(y), aid, r);
    }
    pl_power_free(p);
    pl_game_free(g);
}

/* The ratification rule: whose signature needs which bodies ("UKR's signature needs ..."). */
static void ratification_rule(const pl_scenario *s, pl_claim_result *r)
{
    size_t u = 0;
    for (size_t i = 0; i < pl_scenario_n_actors(s) && u < sizeof r->rule; i++)
        for (size_t j = 0; j < pl_scenario_n_ratifiers(s, i) && u < sizeof r->rule; j++) {
            const char *b = pl_body_id(pl_scenario_body(s, (size_t)pl_scenario_ratifier(s, i, j)));
            int w = j ? pl__snprintf(r->rule + u, sizeof r->rule - u, " and %s", b)
                      : pl__snprintf(r->rule + u, sizeof r->rule - u, "%s%s's signature needs %s",
                                 u ? "; " : "", pl_actor_id(pl_scenario_actor(s, i)), b);
            u += w > 0 ? (size_t)w : 0;
        }
}

static void ratification(ctx *x, const pl__claim *c, pl_claim_result *r)
{
    const pl_settlement *st = settlement(x);
    size_t K = pl_scenario_n_issues(x->s);
    uint32_t w[256];
    if (!st || K > 256 || pl_settle_package_at(st, c->x, w)) {
        pl__claim_say(r, PL_CLAIM_UNDEFINED, NAN, "%s", st ? "the proposal is not a package of the "
            "outcome space (its points must be the issues' options)" : x->err.msg);
        return;
    }
    double p = pl_settle_ratification(st, w);
    if (isnan(p)) { /* only when its scratch memory ran out */
        pl__error_nomem(&x->err);
        return;
    }
    int holds = c->above ? p > c->below : p < c->below;
    const char *side = c->above ? "above" : "below";
    pl__claim_say(r, holds ? PL_CLAIM_HOLDS : PL_CLAIM_FAILS, p, "The ratifying bodies pass the "
        "proposal with probability %.3g (the claim needs %s %g).", p, side, c->below);
    r->threshold = c->below;
    pl__snprintf(r->margin, sizeof r->margin, "Probability %.3g against the claim's %g: %.3g %s.",
             p, c->below, fabs(c->below - p), holds ? "to spare" : c->above ? "too low" : "too high");
    ratification_rule(x->s, r);
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

/* How far the deal is from the other verdict: phasing, and (which the check itself does not
   count: it asks whether the deal stands on its own) the guarantees' probabilities. */
static void durability_margin(const pl_durability *d, pl_claim_result *r)
{
    int fails = pl_durability_fails_at(d, NULL) >= 0;
    size_t ph = pl_durability_phasing(d);
    int w0 = fails && ph ? pl__snprintf(r->margin, sizeof r->margin, "Phased over %zu periods it "
                                    "would hold.", ph)
           : pl__snprintf(r->margin, sizeof r->margin, "%s.",
                      fails ? "No phasing makes it hold" : "It holds on its own");
    size_t lead = w0 > 0 && (size_t)w0 < sizeof r->margin ? (size_t)w0 : 0;
    int w1 = pl__snprintf(r->margin + lead, sizeof r->margin - lead,
                          " Guarantees, which the check leaves out: ");
    size_t u = lead + (w1 > 0 ? (size_t)w1 : 0), heading = u;
    for (size_t j = 0; j < pl_durability_n_guarantees(d) && u < sizeof r->margin; j++) {
        int cred, holds;
        double counted, lo, hi;
        pl_durability_guarantee(d, j, &cred, &counted, &holds, &lo, &hi);
        const char *b = pl_durability_guarantee_body(d, j);
        int w = !pl_durability_guarantee_provided(d, j)
                    ? pl__snprintf(r->margin + u, sizeof r->margin - u, "%s's guarantee is not "
                                   "counted: the deal does not provide it (provided_by). ", b)
              : !cred ? pl__snprintf(r->margin + u, sizeof r->margin - u, "%s's guarantee counts "
                                 "for nothing (it cannot act). ", b)
              : fails && !isnan(lo) ? pl__snprintf(r->margin + u, sizeof r->margin - u, "With %s "
                      "intervening with probability at least %.3f (the scenario's %.3g) it "
                      "would hold. ", b, lo, counted)
              : !fails && !isnan(hi) ? pl__snprintf(r->margin + u, sizeof r->margin - u, "With %s "
                      "intervening with probability above %.3f (the scenario's %.3g) the other "
                      "side would rather fight. ", b, hi, counted) : 0;
        u += w > 0 ? (size_t)w : 0;
    }
    if (u == heading && lead < sizeof r->margin)
        r->margin[lead] = '\0'; /* no guarantee to speak of: no heading without a sentence */
    else if (u >= 2 && u < sizeof r->margin)
        r->margin[u - 1] = '\0'; /* the last sentence's space */
}

/* "goes from 0.50 to 0.30", or "stays 0.30" when the two read the same (a move from
   0.30 to 0.30 reads as if something moved). */
static void power_shift(const pl_durability *d, size_t T, char *buf, size_t size)
{
    char before[32], after[32];
    if (pl__durability_power_moves(d, T, before, after))
        pl__snprintf(buf, size, "goes from %s to %s", before, after);
    else
        pl__snprintf(buf, size, "stays %s", after);
}

static void self_enforcing(ctx *x, const pl__claim *c, pl_claim_result *r)
{
    pl_durability *d = durability(x, c, r);
    if (!d)
        return;
    int side = 0, t = pl_durability_fails_at(d, &side);
    size_t T = pl_durability_periods(d) - 1;
    char shift[96];
    power_shift(d, T, shift, sizeof shift);
    if (t < 0)
        pl__claim_say(r, c->expect ? PL_CLAIM_HOLDS : PL_CLAIM_FAILS, pl_durability_power(d, T),
            "Self-enforcing: %s's chance of winning a war %s and neither side ever prefers war.",
            pl_durability_side(d, 0), shift);
    else
        pl__claim_say(r, c->expect ? PL_CLAIM_FAILS : PL_CLAIM_HOLDS, pl_durability_power(d, T),
            "Not self-enforcing: %s's chance of winning a war %s, and %s prefers war from "
            "period %d.", pl_durability_side(d, 0), shift, pl_durability_side(d, side), t);
    durability_margin(d, r);
    pl_durability_free(d);
}

/* Positions and weights (capability x salience) on issue k of the actors at the table
   but `without` (-1: everyone); x and w hold n_actors entries. */
static size_t gather(const pl_scenario *s, size_t k, long without, double *x, double *w)
{
    size_t c = 0;
    for (size_t i = 0; i < pl_scenario_n_actors(s); i++) {
        double pos, sal;
        const pl_actor *a = pl_scenario_actor(s, i);
        if ((long)i == without || !pl_actor_at_table(a) ||
            pl_scenario_position(s, i, k, &pos, &sal) != 1)
            continue;
        x[c] = pos, w[c++] = pl_actor_capability(a)->value * sal;
    }
    return c;
}

/* The model's forecast of issue k with actor `without` left out (-1: everyone); out of
   memory is kept in cx->err (the caller checks it: a forecast of NaN is not an answer). */
static double forecast(ctx *cx, size_t k, pl_model m, long without)
{
    const pl_scenario *s = cx->s;
    size_t n = pl_scenario_n_actors(s), c = 0;
    double *x = malloc((n ? n : 1) * sizeof *x), *w = malloc((n ? n : 1) * sizeof *w), v = NAN;
    if (!x || !w)
        pl__error_nomem(&cx->err);
    else if ((c = gather(s, k, without, x, w)) &&
             (m == PL_MODEL_MEAN ? pl_weighted_mean(&v, x, w, c, &cx->err)
                                 : pl_weighted_median(&v, x, w, c, PL_TIE_LOWER, &cx->err)))
        v = NAN;
    free(x), free(w);
    return v;
}

/*
** How firmly the weighted median m of issue k sits (the lower median: the
** smallest position with half the weight at or below it): it stays while the
** weight below m is under the weight at or above it, and the weight at or
** below at least the weight above; the margin is the smaller of the two gaps.
*/
static int median_margin(ctx *cx, size_t k, long without, double m, char *buf, size_t size)
{
    const pl_scenario *s = cx->s;
    size_t n = pl_scenario_n_actors(s), c = 0;
    double *x = malloc((n ? n : 1) * sizeof *x), *w = malloc((n ? n : 1) * sizeof *w);
    double lo = 0, at = 0, hi = 0;
    if (x && w)
        c = gather(s, k, without, x, w);
    else
        pl__error_nomem(&cx->err);
    for (size_t i = 0; i < c; i++)
        *(x[i] < m - 1e-9 ? &lo : x[i] > m + 1e-9 ? &hi : &at) += w[i];
    free(x), free(w);
    int upper = at + hi - lo <= at + lo - hi; /* the weight below m is the nearer threat */
    return pl__snprintf(buf, size, "its median %g holds by %.4g weight units (%.4g at or %s it "
                    "against %.4g %s)", m, upper ? at + hi - lo : at + lo - hi,
                    upper ? at + hi : at + lo, upper ? "above" : "below", upper ? lo : hi,
                    upper ? "below" : "above");
}

static void leverage_margin(ctx *cx, const pl__claim *c, size_t k, double worst,
                            pl_claim_result *r)
{
    const pl_scenario *s = cx->s;
    const char *aid = pl_actor_id(pl_scenario_actor(s, (size_t)c->actor));
    int u = pl__snprintf(r->margin, sizeof r->margin, "The largest shift, %.3g points on %s, "
                     "against the %g allowed: %.3g %s.", worst,
                     pl_issue_id(pl_scenario_issue(s, k)), c->limit, fabs(worst - c->limit),
                     worst <= c->limit ? "to spare" : "over");
    r->threshold = c->limit;
    if (c->model != PL_MODEL_MEDIAN || u <= 0 || (size_t)u >= sizeof r->margin)
        return;
    int v = pl__snprintf(r->margin + u, sizeof r->margin - (size_t)u, " Without %s ", aid);
    if (v > 0 && (size_t)(u += v) < sizeof r->margin)
        u += median_margin(cx, k, c->actor, forecast(cx, k, c->model, c->actor), r->margin + u,
                           sizeof r->margin - (size_t)u);
    if (u > 0 && (size_t)u < sizeof r->margin &&
        (v = pl__snprintf(r->margin + u, sizeof r->margin - (size_t)u, "; with %s ", aid)) > 0 &&
        (size_t)(u += v) < sizeof r->margin)
        u += median_margin(cx, k, -1, forecast(cx, k, c->model, -1), r->margin + u,
                           sizeof r->margin - (size_t)u);
    if (u > 0 && (size_t)u + 1 < sizeof r->margin)
        strcat(r->margin, ".");
}

static void leverage(ctx *x, const pl__claim *c, pl_claim_result *r)
{
    double worst = 0;
    size_t at = 0;
    for (size_t k = 0; k < pl_scenario_n_issues(x->s); k++) {
        double d = fabs(forecast(x, k, c->model, -1) - forecast(x, k, c->model, c->actor));
        if (x->err.code == PL_ENOMEM)
            return;
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
    leverage_margin(x, c, at, worst, r);
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
        if (isnan(t)) { /* only when its scratch memory ran out */
            pl__error_nomem(&x->err);
            pl_durability_free(d);
            return;
        }
        double g = pl_durability_strategic(d, t);
        g = fabs(g) < 5e-4 ? 0 : g; /* (1 - delta^0) x a loss prints as -0.000 */
        best_t = fmax(best_t, t), best_s = fmax(best_s, g);
        int w = pl__snprintf(buf + u, sizeof buf - u, "%s%s %+.3f tactically, %+.3f strategically",
                         i ? "; " : "", pl_actor_id(pl_scenario_actor(x->s, pl_settle_party(st, i))),
                         t, g);
        u += w > 0 && (size_t)w < sizeof buf - u ? (size_t)w : 0;
    }
    pl__claim_say(r, best_t > 1e-9 && best_s <= 1e-9 ? PL_CLAIM_HOLDS : PL_CLAIM_FAILS, best_s, "%s.", buf);
    r->threshold = 0;
    pl__snprintf(r->margin, sizeof r->margin, "The largest strategic gain is %.3g (the claim needs "
             "none above 0) and the largest tactical gain %.3g (it needs one above 0).", best_s,
             best_t);
    pl_durability_free(d);
}

/* The claim's `why` as the sentence after "Verdict: not modelled.": a reason written in
   lower case without a full stop ("the costs are inputs") would read as a fragment there. */
static void not_modelled(const pl__claim *c, pl_claim_result *r)
{
    const char *why = c->why ? c->why : "";
    size_t n = strlen(why);
    if (!n) {
        pl__claim_say(r, PL_CLAIM_NOT_MODELLED, NAN, "%s", "");
        return;
    }
    int lower = why[0] >= 'a' && why[0] <= 'z';
    int stop = strchr(".!?", why[n - 1]) != NULL;
    pl__claim_say(r, PL_CLAIM_NOT_MODELLED, NAN, "%c%s%s", lower ? why[0] - 'a' + 'A' : why[0],
                  why + 1, stop ? "" : ".");
}

static void evaluate(ctx *x, const pl__claim *c, pl_claim_result *r)
{
    r->value = r->threshold = NAN;
    r->detail[0] = r->margin[0] = r->rule[0] = '\0';
    switch (c->kind) {
    case PL__CAN_ACT: can_act(x, c, r); break;
    case PL__RATIFICATION: ratification(x, c, r); break;
    case PL__SELF_ENFORCING: self_enforcing(x, c, r); break;
    case PL__LEVERAGE: leverage(x, c, r); break;
    case PL__ZONE: pl__claim_zone(settlement(x), x->s, c, r); break;
    case PL__NO_WINNERS: no_winners(x, c, r); break;
    default: not_modelled(c, r); break;
    }
}

void pl__claims_evaluate_some(const pl_claims *c, const pl_scenario *s, const unsigned char *want,
                              pl_claim_result *res)
{
    ctx x = {s, NULL, 0, {0}, NULL};
    for (size_t i = 0; i < c->n; i++)
        if (want[i])
            evaluate(&x, &c->c[i], &res[i]);
    pl_settle_free(x.st);
}

int pl_claims_evaluate(const pl_claims *c, const pl_scenario *s, pl_claim_result *res,
                       pl_error *err)
{
    return pl_claims_evaluate_progress(c, s, res, NULL, err);
}

int pl_claims_evaluate_progress(const pl_claims *c, const pl_scenario *s, pl_claim_result *res,
                                const pl_progress *progress, pl_error *err)
{
    if (!c || !s || !res)
        return pl__fail(err, PL_EMISUSE, "pl_claims_evaluate: NULL argument");
    ctx x = {s, NULL, 0, {0}, progress};
    for (size_t i = 0; i < c->n && x.err.code != PL_ENOMEM; i++)
        evaluate(&x, &c->c[i], &res[i]);
    pl_settle_free(x.st);
    return x.err.code == PL_ENOMEM ? pl__error_nomem(err) : PL_OK;
}
