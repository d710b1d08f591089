/* SPDX-License-Identifier: MIT */
/*
** dist.c: the variates of dist.h, from their published constructions
** (Marsaglia & Bray 1964 polar method; Marsaglia & Tsang 2000 gamma; the
** beta-PERT of Malcolm et al. 1959 with lambda = 4, as in Vose 2008).
*/
#include "dist.h"

#include <math.h>

double pl__rng_normal(pl_rng *r)
{
    for (;;) {
        double u = 2 * pl__rng_double(r) - 1, v = 2 * pl__rng_double(r) - 1;
        double s = u * u + v * v;
        if (s > 0 && s < 1)
            return u * sqrt(-2 * log(s) / s); /* the second variate is dropped: one per call
                                                 keeps every draw a function of its stream */
    }
}

double pl__rng_gamma(pl_rng *r, double a)
{
    if (a < 1) /* Gamma(a) = Gamma(a + 1) U^(1/a) */
        return pl__rng_gamma(r, a + 1) * pow(1 - pl__rng_double(r), 1 / a);
    double d = a - 1.0 / 3, c = 1 / sqrt(9 * d);
    for (;;) {
        double x = pl__rng_normal(r), v = 1 + c * x;
        if (v <= 0)
            continue;
        v = v * v * v;
        double u = 1 - pl__rng_double(r); /* in (0, 1], so log(u) is finite */
        if (u < 1 - 0.0331 * x * x * x * x || log(u) < 0.5 * x * x + d * (1 - v + log(v)))
            return d * v;
    }
}

double pl__rng_beta(pl_rng *r, double a, double b)
{
    double x = pl__rng_gamma(r, a), y = pl__rng_gamma(r, b);
    return x + y > 0 ? x / (x + y) : 0.5;
}

double pl__rng_triangular(pl_rng *r, double lo, double mode, double hi)
{
    if (hi <= lo)
        return lo;
    double u = pl__rng_double(r), f = (mode - lo) / (hi - lo);
    return u < f ? lo + sqrt(u * (hi - lo) * (mode - lo))
                 : hi - sqrt((1 - u) * (hi - lo) * (hi - mode));
}

static double truncated_normal(pl_rng *r, double mean, double sd, double lo, double hi)
{
    for (int i = 0; i < 100; i++) {
        double x = mean + sd * pl__rng_normal(r);
        if (x >= lo && x <= hi)
            return x;
    }
    double x = mean + sd * pl__rng_normal(r);
    return x < lo ? lo : x > hi ? hi : x;
}

double pl__draw_value(pl_rng *r, const pl_value *v)
{
    double lo = v->low, hi = v->high;
    if (v->dist == PL_DIST_NONE || !(hi > lo))
        return v->value;
    switch (v->dist) {
    case PL_DIST_TRIANGULAR:
        return pl__rng_triangular(r, lo, v->value, hi);
    case PL_DIST_NORMAL:
        return truncated_normal(r, v->value, v->sd, lo, hi);
    case PL_DIST_PERT: {
        double a = 1 + 4 * (v->value - lo) / (hi - lo), b = 1 + 4 * (hi - v->value) / (hi - lo);
        return lo + (hi - lo) * pl__rng_beta(r, a, b);
    }
    default:
        return lo + (hi - lo) * pl__rng_double(r);
    }
}
