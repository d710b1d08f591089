/* SPDX-License-Identifier: MIT */
/*
** durability.c: is a settlement self-enforcing? (MODELS.md sec. 10)
**
** Fearon (1995): with war costs, a range of splits beats war for both.
** Commitment under shifting power (after Powell 2006): per period the pie is
** 1 and war is absorbing, worth W_t = (p_t - c)/(1 - delta) to a side whose
** chance of winning is p_t. A deal can give a side at most the whole pie
** today and, credibly, no more tomorrow than that side's war value then, so
** the side fights at t when W_t > 1 + delta W_{t+1}. A guarantee adds the
** guarantor's capability to the protected side with probability g; phasing
** spreads a shift so that no step is large enough to make war worth it.
*/
#include "parley/dynamics.h"
#include "../core/error_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int pl_fearon_range(double p, double cA, double cB, double *lo, double *hi, pl_error *err)
{
    if (!lo || !hi)
        return pl__fail(err, PL_EMISUSE, "pl_fearon_range: NULL argument");
    if (!(p >= 0 && p <= 1) || !(cA > 0) || !(cB > 0) || !isfinite(cA + cB))
        return pl__fail(err, PL_EINPUT, "p %g, costs %g and %g; expected p in [0, 1] and "
                        "costs > 0", p, cA, cB);
    *lo = p - cA > 0 ? p - cA : 0;
    *hi = p + cB < 1 ? p + cB : 1;
    return PL_OK;
}

double pl_contest(double MA, double MB, double gamma)
{
    if (!(MA >= 0 && MB >= 0 && MA + MB > 0 && gamma > 0))
        return NAN;
    double a = pow(MA, gamma), b = pow(MB, gamma);
    return a / (a + b);
}

void pl_commitment_clear(pl_commitment *c)
{
    if (!c)
        return;
    free(c->war_a), free(c->war_b), free(c->peace_a), free(c->peace_b);
    memset(c, 0, sizeof *c);
}

static int check_params(double delta, double cA, double cB, pl_error *err)
{
    if (!(delta > 0 && delta < 1))
        return pl__fail(err, PL_EINPUT, "discount factor %g; expected one in (0, 1) (with 1 "
                        "no war value is finite)", delta);
    if (!(cA >= 0 && cB >= 0 && cA <= 1 && cB <= 1))
        return pl__fail(err, PL_EINPUT, "war costs %g and %g; expected each in [0, 1] (a "
                        "share of the per-period pie)", cA, cB);
    return PL_OK;
}

/* A side's war value at a period where its chance of winning is q, its peace value when
   that chance will be qn next period, and whether it fights (war worth more than peace). */
static inline double war_value(double q, double c, double delta) { return (q - c) / (1 - delta); }
static inline double peace_value(double qn, double c, double delta)
{
    return 1 + delta * (qn - c) / (1 - delta);
}
static inline int fights(double war, double peace) { return war > peace + 1e-12; }

int pl_commitment_check(pl_commitment *out, size_t T1, const double *p, double delta,
                        double cA, double cB, pl_error *err)
{
    if (!out || !p)
        return pl__fail(err, PL_EMISUSE, "pl_commitment_check: NULL argument");
    memset(out, 0, sizeof *out);
    int rc = check_params(delta, cA, cB, err);
    if (rc)
        return rc;
    if (T1 < 1)
        return pl__fail(err, PL_EINPUT, "an empty power path; expected p for period 0 at least");
    for (size_t t = 0; t < T1; t++)
        if (!(p[t] >= 0 && p[t] <= 1))
            return pl__fail(err, PL_EINPUT, "power in period %zu is %g; expected a "
                            "probability in [0, 1]", t, p[t]);
    out->periods = T1;
    out->war_a = malloc(T1 * sizeof *out->war_a);
    out->war_b = malloc(T1 * sizeof *out->war_b);
    out->peace_a = malloc(T1 * sizeof *out->peace_a);
    out->peace_b = malloc(T1 * sizeof *out->peace_b);
    if (!out->war_a || !out->war_b || !out->peace_a || !out->peace_b) {
        pl_commitment_clear(out);
        return pl__error_nomem(err);
    }
    out->fails_at = -1;
    out->side = -1;
    for (size_t t = 0; t < T1; t++) {
        size_t u = t + 1 < T1 ? t + 1 : t;  /* after the path, power stays */
        out->war_a[t] = war_value(p[t], cA, delta);
        out->war_b[t] = war_value(1 - p[t], cB, delta);
        out->peace_a[t] = peace_value(p[u], cA, delta);
        out->peace_b[t] = peace_value(1 - p[u], cB, delta);
        int a = fights(out->war_a[t], out->peace_a[t]), b = fights(out->war_b[t], out->peace_b[t]);
        if (out->fails_at < 0 && (a || b)) {
            out->fails_at = (int)t;
            out->side = a ? 0 : 1;
        }
    }
    return PL_OK;
}

/*
** Does the path hold with guarantee g (p_t = g helped_t + (1 - g) plain_t from
** period 1 on)? For the protected side (monotone: holds from some g up), the
** other side (holds up to some g: a stronger guarantee shifts power away from
** it) or both.
*/
enum { PROTECTED = 1, OTHER = 2, BOTH = 3 };
typedef struct gpath {
    size_t T1;
    const double *plain, *helped;
    int protect_a;
    double delta, cA, cB;
    double *p;          /* scratch, T1 */
} gpath;

/* pl_commitment_check's verdict on every period, without its arrays, for the side(s) asked
   only, and period by period (power at t + 1 made when t needs it): the guarantee's bisection
   asks some sixty times a draw. A path that check would refuse (a power outside [0, 1],
   which rounding could give) holds nowhere, as when holds() called it; every way out before
   the last period is a "no", so stopping at the first one gives the same answer. */
static int holds(const gpath *q, double g, int which)
{
    double *p = q->p;
    if (q->T1 < 1 || !(q->plain[0] >= 0 && q->plain[0] <= 1))
        return 0;
    p[0] = q->plain[0];
    int ask_a = (which & (q->protect_a ? PROTECTED : OTHER)) != 0;
    int ask_b = (which & (q->protect_a ? OTHER : PROTECTED)) != 0;
    for (size_t t = 0; t < q->T1; t++) { /* the first period a side asked about fights decides */
        size_t u = t + 1 < q->T1 ? t + 1 : t;
        if (u > t) {
            p[u] = g * q->helped[u] + (1 - g) * q->plain[u];
            if (!(p[u] >= 0 && p[u] <= 1))
                return 0;
        }
        if (ask_a && fights(war_value(p[t], q->cA, q->delta), peace_value(p[u], q->cA, q->delta)))
            return 0;
        if (ask_b && fights(war_value(1 - p[t], q->cB, q->delta),
                            peace_value(1 - p[u], q->cB, q->delta)))
            return 0;
    }
    return 1;
}

/* The edge of a monotone check by bisection to 1e-9: want = 1 finds the least g that holds. */
static double edge(const gpath *q, int which, int rising)
{
    double lo = 0, hi = 1;
    while (hi - lo > 1e-9) {
        double mid = (lo + hi) / 2;
        if (holds(q, mid, which) == rising)
            hi = mid;
        else
            lo = mid;
    }
    return rising ? hi : lo;
}

int pl_min_guarantee_path(size_t T1, const double *plain, const double *helped, int protect_a,
                          double delta, double cA, double cB, double *g, int *possible,
                          double *g_max, pl_error *err)
{
    if (!plain || !helped || !g || !possible)
        return pl__fail(err, PL_EMISUSE, "pl_min_guarantee_path: NULL argument");
    int rc = check_params(delta, cA, cB, err);
    if (rc)
        return rc;
    for (size_t t = 0; t < T1; t++)
        if (!(plain[t] >= 0 && plain[t] <= 1 && helped[t] >= 0 && helped[t] <= 1))
            return pl__fail(err, PL_EINPUT, "power in period %zu is %g (%g with the "
                            "guarantee); expected probabilities in [0, 1]", t, plain[t],
                            helped[t]);
    double *scratch = malloc((T1 ? T1 : 1) * sizeof *scratch);
    if (!scratch)
        return pl__error_nomem(err);
    gpath q = {T1, plain, helped, protect_a, delta, cA, cB, scratch};
    *g = NAN;
    *possible = 0;
    if (g_max)  /* the other side stays in up to here (NAN: not even without the guarantee) */
        *g_max = !holds(&q, 0, OTHER) ? NAN : holds(&q, 1, OTHER) ? 1 : edge(&q, OTHER, 0);
    if (holds(&q, 1, PROTECTED)) {
        *g = holds(&q, 0, PROTECTED) ? 0 : edge(&q, PROTECTED, 1);
        /* a larger g only hurts the other side: if it fails here, no g works */
        *possible = holds(&q, *g, BOTH);
    }
    free(scratch);
    return PL_OK;
}

int pl_min_guarantee(double MA0, double MB0, double MA1, double MB1, double MG, int protect_a,
                     double gamma, double delta, double cA, double cB, double *g,
                     int *possible, pl_error *err)
{
    double plain[2] = {pl_contest(MA0, MB0, gamma), pl_contest(MA1, MB1, gamma)};
    double helped[2] = {plain[0], protect_a ? pl_contest(MA1 + MG, MB1, gamma)
                                            : pl_contest(MA1, MB1 + MG, gamma)};
    if (isnan(plain[0]) || isnan(plain[1]) || isnan(helped[1]) || !(MG >= 0))
        return pl__fail(err, PL_EINPUT, "capabilities %g, %g before and %g, %g after, guarantor "
                        "%g, gamma %g; expected capabilities >= 0 (not both 0) and gamma > 0",
                        MA0, MB0, MA1, MB1, MG, gamma);
    return pl_min_guarantee_path(2, plain, helped, protect_a, delta, cA, cB, g, possible, NULL,
                                 err);
}

int pl_phasing(double p0, double p1, double delta, double cA, size_t max_steps, double *path,
               size_t *steps, pl_error *err)
{
    if (!path || !steps)
        return pl__fail(err, PL_EMISUSE, "pl_phasing: NULL argument");
    int rc = check_params(delta, cA, 0, err);
    if (rc)
        return rc;
    if (!(p0 >= 0 && p0 <= 1 && p1 >= 0 && p1 <= p0))
        return pl__fail(err, PL_EINPUT, "a fall from %g to %g; expected 0 <= to <= from <= 1",
                        p0, p1);
    path[0] = p0;
    size_t t = 0;
    while (path[t] > p1) {
        if (t == max_steps)
            return pl__fail(err, PL_ERANGE, "%zu periods are not enough to phase the fall "
                            "from %g to %g", max_steps, p0, p1);
        /* the largest self-enforcing step: delta (p_t - p_{t+1}) <= (1 - delta)(1 - p_t + cA) */
        double next = path[t] - (1 - delta) * (1 - path[t] + cA) / delta;
        path[t + 1] = next > p1 ? next : p1;
        t++;
    }
    *steps = t;
    return PL_OK;
}
