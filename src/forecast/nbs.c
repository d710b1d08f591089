/* SPDX-License-Identifier: MIT */
/*
** nbs.c: one-issue asymmetric Nash bargaining solution (Nash 1950; weighted
** form Kalai 1977), MODELS.md section 2.3.
**
** Gains are g_i(x) = phi(r_i) - phi(|x - x_i|) with phi(t) = t (linear loss)
** or t^2 (quadratic), where r_i = |x_i - q| (status quo as disagreement) or
** phi(r_i) = -D (catastrophic disagreement D). Losses are symmetric, so the
** feasible set is the interval F = [0,100] ∩ ⋂ [x_i - r_i, x_i + r_i].
** sum_i w_i ln g_i is concave on F (ln of a concave positive function), so
** bisection on the sign of its one-sided derivatives finds the maximiser;
** kinks (x_i) and the ends of F are compared explicitly so that optima at a
** kink or a free end come out exact.
*/
#include "parley/forecast.h"
#include "../core/error_int.h"

#include <math.h>
#include <stdlib.h>

#define NBS_TOL 1e-12
#define NBS_MAX_ITER 200

typedef struct nbs_problem {
    const double *x, *w;
    double *phi_r;        /* phi(r_i) per actor */
    size_t n;
    int quadratic;
} nbs_problem;

static double phi(const nbs_problem *p, double t) { return p->quadratic ? t * t : t; }

static double gain(const nbs_problem *p, size_t i, double v)
{
    return p->phi_r[i] - phi(p, fabs(v - p->x[i]));
}

static double objective(const nbs_problem *p, double v)
{
    double f = 0;
    for (size_t i = 0; i < p->n; i++) {
        if (p->w[i] <= 0)
            continue;
        double g = gain(p, i, v);
        if (!(g > 0))
            return -INFINITY;
        f += p->w[i] * log(g);
    }
    return f;
}

/* One-sided derivative of the objective at v: side +1 (right) or -1 (left). */
static double slope(const nbs_problem *p, double v, int side)
{
    double d = 0;
    for (size_t i = 0; i < p->n; i++) {
        if (p->w[i] <= 0)
            continue;
        double dx = v - p->x[i], dg;
        if (p->quadratic)
            dg = -2 * dx;
        else if (dx > 0 || (dx == 0 && side > 0))
            dg = -1;
        else
            dg = 1;
        d += p->w[i] * dg / gain(p, i, v);
    }
    return d;
}

static double maximise(const nbs_problem *p, double lo, double hi)
{
    double a = lo, b = hi;
    for (int it = 0; it < NBS_MAX_ITER && b - a > NBS_TOL; it++) {
        double mid = a + (b - a) / 2;
        if (slope(p, mid, +1) > 0)
            a = mid;
        else if (slope(p, mid, -1) < 0)
            b = mid;
        else
            return mid;  /* a kink with slopes of opposite signs: the maximum */
    }
    double best = a + (b - a) / 2, fbest = objective(p, best);
    /* Exact candidates: the ends of F and every kink inside it. */
    double cand[2] = {lo, hi};
    for (int c = 0; c < 2; c++) {
        double fc = objective(p, cand[c]);
        if (fc >= fbest) {
            best = cand[c];
            fbest = fc;
        }
    }
    for (size_t i = 0; i < p->n; i++) {
        if (p->w[i] <= 0 || p->x[i] <= lo || p->x[i] >= hi)
            continue;
        double fc = objective(p, p->x[i]);
        if (fc >= fbest) {
            best = p->x[i];
            fbest = fc;
        }
    }
    return best;
}

static int check_input(const double *x, const double *w, size_t n, const pl_nbs_opts *o,
                       pl_error *err)
{
    int any = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(x[i] >= 0 && x[i] <= 100) || !(w[i] >= 0) || !isfinite(w[i]))
            return pl__fail(err, PL_EINPUT, "Nash bargaining: actor %zu has position %g and "
                            "weight %g; expected a position in [0, 100] and a weight >= 0",
                            i + 1, x[i], w[i]);
        any |= w[i] > 0;
    }
    if (!any)
        return pl__fail(err, PL_EINPUT, "Nash bargaining: every weight is 0; expected at "
                        "least one positive weight");
    if (o->has_status_quo && !(o->status_quo >= 0 && o->status_quo <= 100))
        return pl__fail(err, PL_EINPUT, "Nash bargaining: status quo %g; expected a point in "
                        "[0, 100]", o->status_quo);
    if (!o->has_status_quo && !(o->disagreement < 0) && o->disagreement != 0)
        return pl__fail(err, PL_EINPUT, "Nash bargaining: disagreement utility %g; expected "
                        "a negative number (utilities are minus distances)", o->disagreement);
    return PL_OK;
}

int pl_nbs_1d(double *out, const double *x, const double *w, size_t n, const pl_nbs_opts *opts,
              pl_error *err)
{
    pl_nbs_opts o = PL_NBS_OPTS_INIT;
    if (opts)
        o = *opts;
    if (!out || (n && (!x || !w)))
        return pl__fail(err, PL_EMISUSE, "pl_nbs_1d: NULL argument");
    int rc = check_input(x, w, n, &o, err);
    if (rc)
        return rc;
    double stack[64]; /* a few actors, every issue of every stress draw: no allocation */
    nbs_problem p = {x, w, n <= 64 ? stack : malloc(n * sizeof(double)), n,
                     o.loss == PL_LOSS_QUADRATIC};
    if (!p.phi_r)
        return pl__error_nomem(err);
    double d = o.disagreement != 0 ? o.disagreement : (p.quadratic ? -1e4 : -100);
    double lo = 0, hi = 100;
    for (size_t i = 0; i < n; i++) {
        if (w[i] <= 0)
            continue;
        p.phi_r[i] = o.has_status_quo ? phi(&p, fabs(x[i] - o.status_quo)) : -d;
        double r = p.quadratic ? sqrt(p.phi_r[i]) : p.phi_r[i];
        lo = fmax(lo, x[i] - r);
        hi = fmin(hi, x[i] + r);
    }
    if (lo > hi) {
        if (p.phi_r != stack)
            free(p.phi_r);
        return pl__fail(err, PL_EINPUT, "Nash bargaining: no outcome is at least as good as "
                        "disagreement (D = %g) for every actor; expected a harsher D", d);
    }
    if (hi - lo <= NBS_TOL)
        *out = o.has_status_quo ? o.status_quo : lo;  /* F is a single point */
    else
        *out = maximise(&p, lo, hi);
    if (p.phi_r != stack)
        free(p.phi_r);
    return PL_OK;
}
