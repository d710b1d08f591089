/* SPDX-License-Identifier: MIT */
/*
** hull.c: two-party solutions with lotteries (MODELS.md sec. 7): on the upper
** convex hull of the rational frontier, the asymmetric Nash point lies on a
** vertex or inside an edge from P to Q at
**     t* = -(a1 D1 A2 + a2 D2 A1) / ((a1 + a2) D1 D2),   A = P - d, D = Q - P,
** clipped to [0, 1]; the Kalai-Smorodinsky point is where the segment from d
** toward the ideal point a leaves the hull.
*/
#include "settle_impl.h"
#include "../core/error_int.h"

#include <stdlib.h>

/* Cross product of (b - a) and (c - a); > 0 when a, b, c turn left. */
static double cross(const double *a, const double *b, const double *c)
{
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

/*
** Strictly clockwise, beyond rounding: points that are collinear on paper
** (equal steps of additive utilities) are not vertices.
*/
static int right_turn(const double *a, const double *b, const double *c)
{
    double scale = hypot(b[0] - a[0], b[1] - a[1]) * hypot(c[0] - a[0], c[1] - a[1]);
    return cross(a, b, c) < -1e-12 * scale;
}

static int cmp_u1(const void *x, const void *y)
{
    const double *p = x, *q = y;
    if (p[0] != q[0])
        return p[0] < q[0] ? -1 : 1;
    return (p[1] < q[1]) - (p[1] > q[1]);
}

/* Upper hull of the rational points, left to right (u1 up, u2 down); returns its size. */
static size_t upper_hull(const pl_frontier *f, const double *d, double *pt, double *hull)
{
    size_t np = 0, nh = 0;
    for (size_t j = 0; j < f->size; j++) {
        const double *u = f->u + j * 2;
        if (u[0] >= d[0] - pl__tol(u[0], d[0]) && u[1] >= d[1] - pl__tol(u[1], d[1])) {
            pt[np * 2] = u[0];
            pt[np * 2 + 1] = u[1];
            np++;
        }
    }
    qsort(pt, np, 2 * sizeof *pt, cmp_u1);
    for (size_t j = 0; j < np; j++) {
        const double *p = pt + j * 2;
        if (nh && p[0] == hull[(nh - 1) * 2] && p[1] == hull[(nh - 1) * 2 + 1])
            continue;  /* equal points: one vertex */
        while (nh >= 2 && !right_turn(hull + (nh - 2) * 2, hull + (nh - 1) * 2, p))
            nh--;
        hull[nh * 2] = p[0];
        hull[nh * 2 + 1] = p[1];
        nh++;
    }
    return nh;
}

static double nash_value(const double *p, const double *d, const double *al)
{
    double g0 = p[0] - d[0], g1 = p[1] - d[1];
    if (!(g0 > 0 && g1 > 0))
        return -INFINITY;
    return al[0] * log(g0) + al[1] * log(g1);
}

static void hull_nash(const double *h, size_t nh, const double *d, const double *al,
                      double *best_pt, double *best)
{
    for (size_t e = 0; e < nh; e++) {
        double cand[2] = {h[e * 2], h[e * 2 + 1]};
        if (e + 1 < nh) {
            const double *P = h + e * 2, *Q = h + e * 2 + 2;
            double A0 = P[0] - d[0], A1 = P[1] - d[1], D0 = Q[0] - P[0], D1 = Q[1] - P[1];
            double den = (al[0] + al[1]) * D0 * D1;
            double t = den != 0 ? -(al[0] * D0 * A1 + al[1] * D1 * A0) / den : 0;
            t = t < 0 ? 0 : t > 1 ? 1 : t;
            cand[0] = P[0] + t * D0;
            cand[1] = P[1] + t * D1;
        }
        double v = nash_value(cand, d, al);
        if (v > *best) {
            *best = v;
            best_pt[0] = cand[0];
            best_pt[1] = cand[1];
        }
    }
}

/* Largest s with d + s (a - d) on the hull's boundary. */
static void hull_ks(const double *h, size_t nh, const double *d, const double *a, double *out)
{
    double r0 = a[0] - d[0], r1 = a[1] - d[1], best = -1;
    for (size_t e = 0; e < nh; e++) {
        const double *P = h + e * 2, *Q = e + 1 < nh ? h + e * 2 + 2 : P;
        double D0 = Q[0] - P[0], D1 = Q[1] - P[1];
        double den = r0 * D1 - r1 * D0, s;
        if (den == 0)
            continue;  /* parallel: the neighbouring edges give the point */
        double t = ((P[0] - d[0]) * r1 - (P[1] - d[1]) * r0) / den;
        if (t < -1e-12 || t > 1 + 1e-12)
            continue;
        s = fabs(r0) > fabs(r1) ? (P[0] + t * D0 - d[0]) / r0 : (P[1] + t * D1 - d[1]) / r1;
        if (s > best) {
            best = s;
            out[0] = d[0] + s * r0;
            out[1] = d[1] + s * r1;
        }
    }
    if (best < 0) {  /* a single vertex */
        out[0] = h[0];
        out[1] = h[1];
    }
}

int pl_hull2(const pl_frontier *f, const double *d, const double *alpha, size_t *n_vertices,
             double nash[2], double ks[2], pl_error *err)
{
    if (!f || !nash || !ks)
        return pl__fail(err, PL_EMISUSE, "pl_hull2: NULL argument");
    if (f->n != 2)
        return pl__fail(err, PL_EINPUT, "the hull solutions are for 2 parties; got %zu", f->n);
    double zero[2] = {0, 0}, one[2] = {1, 1}, a[2];
    d = d ? d : zero;
    const double *al = alpha ? alpha : one;
    double *pt = malloc((f->size ? f->size : 1) * 4 * sizeof *pt);
    if (!pt)
        return pl__error_nomem(err);
    size_t nh = upper_hull(f, d, pt, pt + f->size * 2);
    double *h = pt + f->size * 2, best = -INFINITY;
    if (n_vertices)
        *n_vertices = nh;
    hull_nash(h, nh, d, al, nash, &best);
    int rc = PL_OK;
    if (best == -INFINITY || pl_frontier_ideal(f, d, a))
        rc = pl__fail(err, PL_ENOTFOUND, "no rational package gives both parties a gain");
    else
        hull_ks(h, nh, d, a, ks);
    free(pt);
    return rc;
}
