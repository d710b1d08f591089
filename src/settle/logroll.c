/* SPDX-License-Identifier: MIT */
/*
** logroll.c: logrolling over divisible issues (MODELS.md sec. 7). With
** u_A = sum a_k s_k and u_B = sum b_k (1 - s_k), the frontier's vertices give
** A a prefix of the issues sorted by a_k / b_k, descending, and B the rest,
** with at most one issue split: the fractional knapsack (Dantzig 1957). The
** integrative potential is the Nash product on that frontier against the one
** of splitting every issue 50/50.
*/
#include "settle_impl.h"
#include "../core/error_int.h"

#include <stdlib.h>
#include <string.h>

typedef struct ratio {
    double a, b;
    size_t k;
} ratio;

/* a_k / b_k descending without dividing (b may be 0); ties by issue order. */
static int cmp_ratio(const void *x, const void *y)
{
    const ratio *p = x, *q = y;
    double l = p->a * q->b, r = q->a * p->b;
    if (l != r)
        return l > r ? -1 : 1;
    return (p->k > q->k) - (p->k < q->k);
}

void pl_logroll_clear(pl_logroll *lr)
{
    if (!lr)
        return;
    free(lr->order), free(lr->va), free(lr->vb), free(lr->share);
    memset(lr, 0, sizeof *lr);
}

/* Nash point (d = 0) on the edge between vertices e and e + 1: t in [0, 1] of the split issue. */
static double edge_t(double ua, double ub, double a, double b)
{
    /* (ua + t a)(ub - t b) is maximal at t = (a ub - b ua) / (2 a b) */
    if (a <= 0 || b <= 0)
        return 0;
    double t = (a * ub - b * ua) / (2 * a * b);
    return t < 0 ? 0 : t > 1 ? 1 : t;
}

/* The Nash point (d = 0) on the frontier's edges (the product is concave along it): shares. */
static void nash_point(pl_logroll *out, const ratio *r)
{
    double best = out->K ? -1 : 0, bt = 0;
    size_t be = 0;
    for (size_t e = 0; e < out->K; e++) {
        double t = edge_t(out->va[e], out->vb[e], r[e].a, r[e].b);
        double pa = out->va[e] + t * r[e].a, pb = out->vb[e] - t * r[e].b;
        if (pa * pb > best) {
            best = pa * pb, be = e, bt = t;
            out->nash_a = pa, out->nash_b = pb;
        }
    }
    for (size_t e = 0; e < out->K; e++)
        out->share[r[e].k] = e < be ? 1 : e == be ? bt : 0;
    out->product = best;
}

int pl_logroll_compute(pl_logroll *out, size_t K, const double *a, const double *b,
                       pl_error *err)
{
    if (!out || (K && (!a || !b)))
        return pl__fail(err, PL_EMISUSE, "pl_logroll_compute: NULL argument");
    memset(out, 0, sizeof *out);
    for (size_t k = 0; k < K; k++)
        if (!(a[k] >= 0 && b[k] >= 0 && a[k] + b[k] > 0 && isfinite(a[k] + b[k])))
            return pl__fail(err, PL_EINPUT, "issue %zu: stakes %g and %g; expected finite "
                            "values >= 0, not both 0", k + 1, a[k], b[k]);
    ratio *r = malloc((K ? K : 1) * sizeof *r);
    out->order = malloc((K ? K : 1) * sizeof *out->order);
    out->va = malloc((K + 1) * sizeof *out->va);
    out->vb = malloc((K + 1) * sizeof *out->vb);
    out->share = malloc((K ? K : 1) * sizeof *out->share);
    if (!r || !out->order || !out->va || !out->vb || !out->share) {
        free(r);
        pl_logroll_clear(out);
        return pl__error_nomem(err);
    }
    out->K = K;
    out->n_vertices = K + 1;
    double sa = 0, sb = 0;
    for (size_t k = 0; k < K; k++) {
        r[k] = (ratio){a[k], b[k], k};
        sa += a[k], sb += b[k];
    }
    qsort(r, K, sizeof *r, cmp_ratio);
    out->va[0] = 0;
    out->vb[0] = sb;  /* B holds every issue */
    for (size_t e = 0; e < K; e++) {
        out->order[e] = r[e].k;
        out->va[e + 1] = out->va[e] + r[e].a;
        out->vb[e + 1] = out->vb[e] - r[e].b;
    }
    nash_point(out, r);
    out->product_split = 0.25 * sa * sb;  /* every issue 50/50: (sa / 2)(sb / 2) */
    free(r);
    return PL_OK;
}
