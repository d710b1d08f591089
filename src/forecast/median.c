/* SPDX-License-Identifier: MIT */
/*
** median.c: weighted median, MODELS.md section 2.2. In one dimension with
** linear loss it is the Condorcet winner of a weighted vote (the test suite
** checks it that way).
*/
#include "parley/forecast.h"
#include "../core/error_int.h"
#include "../core/sort.h"

#include <math.h>
#include <stdlib.h>

typedef struct point {
    double x, w;
    size_t i;           /* input order, for a stable sort */
} point;

static int cmp_point(const void *a, const void *b)
{
    const point *p = a, *q = b;
    if (p->x != q->x)
        return p->x < q->x ? -1 : 1;
    return (p->i > q->i) - (p->i < q->i);
}

/* The median with p (room for n points) as its scratch. */
static int median_in(point *p, double *out, const double *x, const double *w, size_t n,
                     pl_median_tie tie, pl_error *err)
{
    size_t m = 0;
    double total = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(w[i] >= 0) || !isfinite(w[i]) || !isfinite(x[i]))
            return pl__fail(err, PL_EINPUT, "weighted median: weight %zu is %g at position "
                            "%g; expected finite numbers, weights >= 0", i + 1, w[i], x[i]);
        if (w[i] > 0) /* zero-weight points never decide */
            p[m++] = (point){x[i], w[i], i};
        total += w[i];
    }
    if (!(total > 0))
        return pl__fail(err, PL_EINPUT, "weighted median: the weights sum to 0; expected at "
                        "least one positive weight");
    pl__sort(p, m, sizeof *p, cmp_point); /* a total order (ties by input order): any sort */
    double half = total / 2, eps = 1e-12 * total, cum = 0;
    size_t k = 0;
    for (; k < m; k++) {
        cum += p[k].w;
        if (cum >= half - eps)
            break;
    }
    if (k == m)  /* rounding: cannot happen with positive total, but stay in range */
        k = m - 1;
    double v = p[k].x;
    if (fabs(cum - half) <= eps && k + 1 < m) {
        /* Exact tie: every point of [x_k, x_k+1] is a median. */
        if (tie == PL_TIE_UPPER)
            v = p[k + 1].x;
        else if (tie == PL_TIE_MIDPOINT)
            v = (p[k].x + p[k + 1].x) / 2;
    }
    *out = v;
    return PL_OK;
}

int pl_weighted_median(double *out, const double *x, const double *w, size_t n,
                       pl_median_tie tie, pl_error *err)
{
    if (!out || (n && (!x || !w)))
        return pl__fail(err, PL_EMISUSE, "pl_weighted_median: NULL argument");
    point stack[64]; /* the EUM asks every round of every issue, for a few actors */
    point *p = n <= 64 ? stack : malloc(n * sizeof *p);
    if (!p)
        return pl__error_nomem(err);
    int rc = median_in(p, out, x, w, n, tie, err);
    if (p != stack)
        free(p);
    return rc;
}
