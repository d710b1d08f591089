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
#include "durability_impl.h"
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

/* The checks pl_commitment_check makes of its inputs. */
static int check_path(size_t T1, const double *p, double delta, double cA, double cB,
                      pl_error *err)
{
    int rc = check_params(delta, cA, cB, err);
    if (rc)
        return rc;
    if (T1 < 1)
        return pl__fail(err, PL_EINPUT, "an empty power path; expected p for period 0 at least");
    for (size_t t = 0; t < T1; t++)
        if (!(p[t] >= 0 && p[t] <= 1))
            return pl__fail(err, PL_EINPUT, "power in period %zu is %g; expected a "
                            "probability in [0, 1]", t, p[t]);
    return PL_OK;
}

int pl__commitment_fails_at(size_t T1, const double *p, double delta, double cA, double cB,
                            int *fails_at, pl_error *err)
{
    *fails_at = -1;
    int rc = check_path(T1, p, delta, cA, cB, err);
    for (size_t t = 0; !rc && t < T1; t++) {  /* pl_commitment_check's values and tests */
        size_t u = t + 1 < T1 ? t + 1 : t;
        if (fights(war_value(p[t], cA, delta), peace_value(p[u], cA, delta)) ||
            fights(war_value(1 - p[t], cB, delta), peace_value(1 - p[u], cB, delta))) {
            *fails_at = (int)t;
            break;
        }
    }
    return rc;
}

int pl_commitment_check(pl_commitment *out, size_t T1, const double *p, double delta,
                        double cA, double cB, pl_error *err)
{
    if (!out || !p)
        return pl__fail(err, PL_EMISUSE, "pl_commitment_check: NULL argument");
    memset(out, 0, sizeof *out);
    int rc = check_path(T1, p, delta, cA, cB, err);
    if (rc)
        return rc;
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

/* Where holds() is known without walking the path (see sure_side): no when g > fa or
   g < fb, yes when lo < g < hi. */
typedef struct gsure {
    double fa, fb, lo, hi;
} gsure;

typedef struct gpath {
    size_t T1;
    const double *plain, *helped;
    int protect_a;
    double delta, cA, cB;
    double *p;          /* scratch, T1 */
    const gsure *sure;  /* per `which` (1..3); NULL: walk the path every time */
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

/*
** holds() without the walk where its answer is certain (docs/models.md, "Durability"). In
** real numbers each period's test is linear in g: a side fights at t when
**     m_t(g) = a_t + b_t g = W_t - (1 + delta W_{t+1}) - 1e-12 > 0,
** W = (q - c)/D, D = 1 - delta as holds() rounds it, q = p (side A) or 1 - p (side B),
** p_t = plain_t + g (helped_t - plain_t) (p_0 = plain_0). With u = 2^-53 and K = 2 + 1/D,
** every quantity holds() forms is at most K in size (q, c in [0, 1]), and its roundings
** move its war-minus-peace by at most 21 u K (4u in p, 5u in 1 - p, then each subtraction,
** division, product and sum); a_t, b_t, a_t + b_t g and the thresholds below, rounded
** here, are off by at most 25 u K more. So where |m_t(g)| > E = 2^-44 K = 512 u K, holds()
** decides period t by the sign of m_t(g): a period sure to fight makes the answer no, and
** when every period is sure not to, yes. Power never leaves [0, 1] in doubles for g in
** [0, 1] (rounding is monotone: g h + (1 - g) l <= fl(g + fl(1 - g)) = 1 for h, l <= 1, and
** every term is >= 0), so holds()'s range test passes there and plays no part. Only g
** within E / |b_t| of a root (some 1e-11 on the built-in scenario; the bisection stops at
** 1e-9) walks the path; the answers, and so every bisection, are holds()'s bit for bit.
*/
static void sure_period(gsure *s, double a, double b, double E)
{
    if (b > 0) {                      /* fights above (E - a) / b, sure not below the other */
        double f = (E - a) / b, ok = (-E - a) / b;
        s->fa = f < s->fa ? f : s->fa, s->hi = ok < s->hi ? ok : s->hi;
    } else if (b < 0) {               /* the mirror */
        double f = (E - a) / b, ok = (-E - a) / b;
        s->fb = f > s->fb ? f : s->fb, s->lo = ok > s->lo ? ok : s->lo;
    } else if (a > E) {
        s->fa = -INFINITY;            /* fights at every g */
    } else if (!(a < -E)) {
        s->hi = -INFINITY;            /* never sure */
    }
}

/* Does period t (> 1) give sure_side the same a_t and b_t as period t - 1? Yes when it sees
   the same powers: its terms are the same operations on equal operands (a 0 against a -0
   changes no sign that sure_period reads), and the last period's u = t agrees with the one
   before it once helped and plain stay put. Once every shift is done the periods repeat. */
static int same_as_before(const gpath *q, size_t t, size_t u)
{
    return t > 1 && q->plain[t] == q->plain[t - 1] && q->helped[t] == q->helped[t - 1] &&
           q->plain[u] == q->plain[t] && q->helped[u] == q->helped[t];
}

/* The periods of one side (a: side A, else B) into s; a period that repeats the one before
   adds nothing to the minima and maxima. */
static void sure_side(const gpath *q, int a, gsure *s)
{
    double D = 1 - q->delta, E = ldexp(2 + 1 / D, -44), c = a ? q->cA : q->cB;
    *s = (gsure){INFINITY, -INFINITY, -INFINITY, INFINITY};
    for (size_t t = 0; t < q->T1; t++) {
        size_t u = t + 1 < q->T1 ? t + 1 : t;
        if (same_as_before(q, t, u))
            continue;
        double lt = a ? q->plain[t] : 1 - q->plain[t], lu = a ? q->plain[u] : 1 - q->plain[u];
        double dt = t ? q->helped[t] - q->plain[t] : 0, du = q->helped[u] - q->plain[u];
        double m0 = (lt - c) / D - 1 - q->delta * (lu - c) / D - 1e-12;
        double b = (dt - (u > t ? q->delta * du : q->delta * dt)) / D;
        sure_period(s, m0, a ? b : -b, E);
    }
}

/* The sure ranges for each `which`: the sides asked about combined. */
static void sure_all(const gpath *q, gsure *out)
{
    gsure side[2];
    sure_side(q, 1, &side[0]);
    sure_side(q, 0, &side[1]);
    for (int w = PROTECTED; w <= BOTH; w++) {
        gsure s = {INFINITY, -INFINITY, -INFINITY, INFINITY};
        for (int i = 0; i < 2; i++) {
            if (!(w & ((i == 0) == (q->protect_a != 0) ? PROTECTED : OTHER)))
                continue;
            s.fa = side[i].fa < s.fa ? side[i].fa : s.fa;
            s.fb = side[i].fb > s.fb ? side[i].fb : s.fb;
            s.lo = side[i].lo > s.lo ? side[i].lo : s.lo;
            s.hi = side[i].hi < s.hi ? side[i].hi : s.hi;
        }
        out[w] = s;
    }
}

/* holds(), walking the path only where the sure ranges leave it open. */
static int holds_at(const gpath *q, double g, int which)
{
    const gsure *s = q->sure ? &q->sure[which] : NULL;
    if (s && (g > s->fa || g < s->fb))
        return 0;
    if (s && g > s->lo && g < s->hi)
        return 1;
    return holds(q, g, which);
}

/* The edge of a monotone check by bisection to 1e-9: want = 1 finds the least g that holds. */
static double edge(const gpath *q, int which, int rising)
{
    double lo = 0, hi = 1;
    while (hi - lo > 1e-9) {
        double mid = (lo + hi) / 2;
        if (holds_at(q, mid, which) == rising)
            hi = mid;
        else
            lo = mid;
    }
    return rising ? hi : lo;
}

int pl__guarantee_holds(size_t T1, const double *plain, const double *helped, int protect_a,
                        double delta, double cA, double cB, double g, int which, int sure)
{
    double *p = malloc((T1 ? T1 : 1) * sizeof *p);
    if (!p)
        return -1;
    gsure ranges[BOTH + 1];
    gpath q = {T1, plain, helped, protect_a, delta, cA, cB, p, NULL};
    if (sure && T1 >= 1)
        sure_all(&q, ranges), q.sure = ranges;
    int r = holds_at(&q, g, which);
    free(p);
    return r;
}

int pl_min_guarantee_path(size_t T1, const double *plain, const double *helped, int protect_a,
                          double delta, double cA, double cB, double *g, int *possible,
                          double *g_max, pl_error *err)
{
    return pl__min_guarantee_path(T1, plain, helped, protect_a, delta, cA, cB, g, possible,
                                  g_max, 1, err);
}

int pl__min_guarantee_path(size_t T1, const double *plain, const double *helped, int protect_a,
                           double delta, double cA, double cB, double *g, int *possible,
                           double *g_max, int sure, pl_error *err)
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
    double stack[256];  /* a path of a few years in months: no allocation */
    double *scratch = T1 <= 256 ? stack : malloc(T1 * sizeof *scratch);
    if (!scratch)
        return pl__error_nomem(err);
    gsure ranges[BOTH + 1];
    gpath q = {T1, plain, helped, protect_a, delta, cA, cB, scratch, NULL};
    if (sure && T1 >= 1) /* holds() is no for an empty path, whatever the ranges say */
        sure_all(&q, ranges), q.sure = ranges;
    *g = NAN;
    *possible = 0;
    if (g_max)  /* the other side stays in up to here (NAN: not even without the guarantee) */
        *g_max = !holds_at(&q, 0, OTHER) ? NAN : holds_at(&q, 1, OTHER) ? 1 : edge(&q, OTHER, 0);
    if (holds_at(&q, 1, PROTECTED)) {
        *g = holds_at(&q, 0, PROTECTED) ? 0 : edge(&q, PROTECTED, 1);
        /* a larger g only hurts the other side: if it fails here, no g works */
        *possible = holds_at(&q, *g, BOTH);
    }
    if (scratch != stack)
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
