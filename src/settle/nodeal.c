/* SPDX-License-Identifier: MIT */
/*
** nodeal.c: what no agreement is worth to a judge (a party, or a member of a
** body that ratifies for one), and what that value is made of (docs/models.md,
** "No deal over time"). Every analysis that compares a deal with no deal reads
** this one value: settle's rational set and Nash disagreement point, the
** ratification votes, bargain, durability's table and staging.
**
** Without the scenario's no_deal section the value is static, as it always
** was: the actor's no_deal, else its utility of the status quo, else 0. With
** it, the no-deal path runs for H years: the status quo of issue k drifts,
** q_k(t) = clamp(q_k + d_k t, 0, 100), and the actor pays a cost c per year.
** Its value is the discounted average of its utility along that path,
**     N = int_0^H e^{-rt} (u(q(t)) - c) dt / int_0^H e^{-rt} dt,  r = -ln delta,
** in continuous time, so that it depends on no period length: the same years
** give the same value whatever a period of durability or staging is. Along a
** straight piece of the path the utility of an issue is a polynomial in t of
** degree 1 (linear loss) or 2 (quadratic), so the integral has a closed form;
** the pieces break where the path crosses the judge's position (a kink of the
** linear loss) and where it reaches the end of the scale (it stays there).
*/
#include "settlement.h"
#include "../core/scenario_impl.h"
#include "../core/error_int.h"

#include <math.h>
#include <string.h>

/*
** phi_i(x) = int_0^1 u^i e^{-xu} du for i = 0, 1, 2 (x >= 0): the series
** sum_m (-x)^m / (m! (i + m + 1)) below 1/2, where the closed forms cancel;
** else phi_0 = (1 - e^{-x}) / x and phi_i = (i phi_{i-1} - e^{-x}) / x
** (integration by parts).
*/
static void phi(double x, double out[3])
{
    if (x < 0.5) { /* the three series share (-x)^m / m!, the same doubles for each */
        double term = 1;
        out[0] = out[1] = out[2] = 0;
        for (int m = 0; m < 25; m++) {
            for (int i = 0; i < 3; i++)
                out[i] += term / (i + m + 1);
            term *= -x / (m + 1);
        }
        return;
    }
    double ex = exp(-x);
    out[0] = -expm1(-x) / x;
    out[1] = (out[0] - ex) / x;
    out[2] = (2 * out[1] - ex) / x;
}

/* int_0^L (c0 + c1 s + c2 s^2) e^{-rs} ds */
static double piece(double c0, double c1, double c2, double L, double r)
{
    double f[3];
    phi(r * L, f);
    return L * (c0 * f[0] + L * (c1 * f[1] + L * c2 * f[2]));
}

static double clamp100(double x) { return x < 0 ? 0 : x > 100 ? 100 : x; }

/* pl__nodeal_path_mean for H > 0 at rate r = -log(delta), its denominator den made. */
static double path_mean_at(double q, double d, double p, int quadratic, double H, double r,
                           double den)
{
    double cut[4] = {0, H, H, H};
    size_t nc = 1;
    double t_end = d > 0 ? (100 - q) / d : d < 0 ? -q / d : INFINITY;  /* reaches the end */
    double t_pos = d != 0 ? (p - q) / d : INFINITY;                     /* crosses p */
    if (t_end > 0 && t_end < H)
        cut[nc++] = t_end;
    if (t_pos > 0 && t_pos < H)
        cut[nc++] = t_pos;
    if (nc == 3 && cut[2] < cut[1]) {
        double t = cut[1];
        cut[1] = cut[2], cut[2] = t;
    }
    cut[nc] = H;
    double sum = 0;
    for (size_t i = 0; i < nc; i++) {
        double a = cut[i], L = cut[i + 1] - a;
        if (!(L > 0))
            continue;
        double slope = a < t_end ? d : 0;
        double g = (p - clamp100(q + d * a)) / 100, h = -slope / 100;  /* distance g + h s */
        double c0, c1, c2;
        if (quadratic) {
            c0 = 1 - g * g, c1 = -2 * g * h, c2 = -h * h;
        } else {
            double sg = g + h * L / 2 < 0 ? -1 : 1;   /* sign on the piece */
            c0 = 1 - sg * g, c1 = -sg * h, c2 = 0;
        }
        sum += exp(-r * a) * piece(c0, c1, c2, L, r);
    }
    return sum / den;
}

static double rate_of(double delta) { return delta < 1 ? -log(delta) : 0; }

double pl__nodeal_path_mean(double q, double d, double p, int quadratic, double H,
                            double delta)
{
    if (!(H > 0) || !(delta > 0)) {  /* all weight on today (a break-even search may ask) */
        double g = fabs(p - q) / 100;
        return 1 - (quadratic ? g * g : g);
    }
    double r = rate_of(delta);
    return path_mean_at(q, d, p, quadratic, H, r, piece(1, 0, 0, H, r));
}

void pl__nodeal_rate(pl_settlement *st)
{
    const pl_nodeal_spec *nd = st->s->nodeal;
    double H = nd ? nd->horizon.value : 0, delta = nd ? nd->discount.value : 0;
    st->path_rate = H > 0 && delta > 0;
    st->path_r = st->path_rate ? rate_of(delta) : 0;
    st->path_den = st->path_rate ? piece(1, 0, 0, H, st->path_r) : 0;
}

/* 1 if issue k drifts for judge j (it has a position there, not option values): its
   position into *pos. The reader refuses a drift on an issue valued by options. */
static int drifts(const pl_settlement *st, size_t j, size_t k, double *pos)
{
    const pl_nodeal_spec *nd = st->s->nodeal;
    size_t a = st->judge[j].actor;
    double sal;
    return nd && nd->has_drift[k] && nd->drift[k].value != 0 &&
           !pl_scenario_values(st->s, a, k) && pl_scenario_position(st->s, a, k, pos, &sal) == 1;
}

/* The mean value e along the no-deal path of drifting issue k of s, for an actor at pos. */
static double mean_on_path(const pl_scenario *s, size_t k, double pos, int quadratic)
{
    const pl_nodeal_spec *nd = s->nodeal;
    return pl__nodeal_path_mean(s->issues[k].status_quo.value, nd->drift[k].value, pos,
                                quadratic, nd->horizon.value, nd->discount.value);
}

/* mean_on_path with st's rate and denominator when made (the same numbers). */
static double path_mean(const pl_settlement *st, size_t k, double pos)
{
    const pl_nodeal_spec *nd = st->s->nodeal;
    int quadratic = st->o.loss == PL_LOSS_QUADRATIC;
    if (!st->path_rate)
        return mean_on_path(st->s, k, pos, quadratic);
    return path_mean_at(st->s->issues[k].status_quo.value, nd->drift[k].value, pos, quadratic,
                        nd->horizon.value, st->path_r, st->path_den);
}

/* Issue k's value today for an actor at pos less mean, its mean value along the path. */
static double drift_gap(const pl_scenario *s, size_t k, double pos, int quadratic, double mean)
{
    return pl__issue_score(pos, s->issues[k].status_quo.value, quadratic) - mean;
}

double pl__nodeal_drift_gap(const pl_scenario *s, size_t k, double pos, int quadratic)
{
    return drift_gap(s, k, pos, quadratic, mean_on_path(s, k, pos, quadratic));
}

/* Utility judge j loses, on average along the path, on the issues that drift. */
static double drift_loss(const pl_settlement *st, size_t j)
{
    double loss = 0, pos;
    int quadratic = st->o.loss == PL_LOSS_QUADRATIC;
    for (size_t k = 0; k < st->K; k++)
        if (drifts(st, j, k, &pos))
            loss += st->w[j * st->K + k] *
                    drift_gap(st->s, k, pos, quadratic, path_mean(st, k, pos));
    return loss;
}

int pl__nodeal_point(const pl_settlement *st, size_t j, double *ref)
{
    const pl_scenario *s = st->s;
    int point = 1;
    for (size_t k = 0; k < st->K && point; k++) {
        const pl_value *sq = pl_issue_status_quo(pl_scenario_issue(s, k));
        long v = sq ? pl__settle_option_at(st, k, sq->value) : -1;
        double pos;
        point = sq && (v >= 0 || !pl_scenario_values(s, st->judge[j].actor, k));
        if (point)
            ref[k] = drifts(st, j, k, &pos) ? path_mean(st, k, pos)
                                              : pl__settle_value(st, j, k, sq->value, v);
    }
    for (size_t k = 0; k < st->K && !point; k++)
        ref[k] = 0;
    return point;
}

double pl__nodeal_cost(const pl_nodeal_spec *nd, size_t a, double scale)
{
    long from = nd->cost_from[a];
    double c = from >= 0 ? nd->cost[from].value : 0;
    return nd->utility_unit ? c : c * scale / 100;
}

void pl__nodeal_fill(const pl_settlement *st, size_t j, double base, const char *from,
                     pl_nodeal *out)
{
    const pl_scenario *s = st->s;
    const pl_nodeal_spec *nd = s->nodeal;
    size_t a = st->judge[j].actor;
    double disc = pow(pl_actor_discount(pl_scenario_actor(s, a)), st->o.time);
    memset(out, 0, sizeof *out);
    out->base = base;
    out->from = from;
    out->time_discount = disc;
    out->cost_from = -1;
    if (!nd) {
        out->value = disc * base;
        return;
    }
    out->path = 1;
    out->horizon = nd->horizon.value;
    out->discount = nd->discount.value;
    out->cost_from = nd->cost_from[a];
    double c = out->cost_from >= 0 ? nd->cost[out->cost_from].value : 0;
    double scale = st->judge[j].scale;
    out->cost = pl__nodeal_cost(nd, a, scale);
    out->cost_points = nd->utility_unit ? (scale > 0 ? 100 * c / scale : 0) : c;
    out->drift = drift_loss(st, j);
    out->value = disc * (base - out->drift - out->cost);
}

int pl_settle_nodeal(const pl_settlement *st, size_t actor, pl_nodeal *out)
{
    if (!st || !out)
        return PL_EMISUSE;
    for (size_t j = 0; j < st->nj; j++)
        if (st->judge[j].actor == actor) {
            *out = st->judge[j].nd;
            return PL_OK;
        }
    return PL_ENOTFOUND;
}
