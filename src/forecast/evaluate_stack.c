/* SPDX-License-Identifier: MIT */
/*
** evaluate_stack.c: stacking weights (Wolpert 1992; Breiman 1996, who found
** the non-negativity constraint essential): w >= 0, sum w = 1, minimising the
** squared error of sum_j w_j F_tj. Least squares rather than least absolute
** deviations because its optimum on a support is one linear solve; the
** weights summing to 1 keep the ensemble a compromise on the 0-100 scale.
** With m <= 16 components the optimum is found exactly by trying every
** support S: on S the equality-constrained problem has the KKT system
**     [G_SS 1; 1' 0] [w; nu] = [b_S; 1],   G = F'F, b = F'y,
** and the best solution with w >= 0 over all supports is the optimum (the
** problem is a convex quadratic programme; its optimum solves the system on
** its own support). Supports whose system is singular are skipped; single
** columns never are (the system [g 1; 1 0] has determinant -1).
** pl__ev_stack_lad fits the same weights by least absolute deviations, the
** score's own criterion, through a sequence of those least-squares solves.
*/
#include "evaluate_impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAXM 16
/* IRLS for least absolute deviations (Schlossmacher 1973): rows weighted 1 / max(|r|, floor) */
#define LAD_ITERS 30
#define LAD_FLOOR 0.5

/* Solve the k x k system A z = r in place (partial pivoting); 0 when singular. */
static int solve(double *A, double *r, size_t k, double scale)
{
    for (size_t p = 0; p < k; p++) {
        size_t piv = p;
        for (size_t i = p + 1; i < k; i++)
            if (fabs(A[i * k + p]) > fabs(A[piv * k + p]))
                piv = i;
        if (fabs(A[piv * k + p]) <= 1e-10 * scale)
            return 0;
        for (size_t j = 0; piv != p && j < k; j++) {
            double t = A[p * k + j];
            A[p * k + j] = A[piv * k + j];
            A[piv * k + j] = t;
        }
        double t = r[p];
        r[p] = r[piv];
        r[piv] = t;
        for (size_t i = p + 1; i < k; i++) {
            double f = A[i * k + p] / A[p * k + p];
            for (size_t j = p; j < k; j++)
                A[i * k + j] -= f * A[p * k + j];
            r[i] -= f * r[p];
        }
    }
    for (size_t p = k; p-- > 0;) {
        for (size_t j = p + 1; j < k; j++)
            r[p] -= A[p * k + j] * r[j];
        r[p] /= A[p * k + p];
    }
    return 1;
}

/* The equality-constrained solution on support mask into w; its objective w'Gw - 2b'w. */
static double on_support(const double *G, const double *b, size_t m, unsigned mask, double *w,
                         double scale)
{
    size_t S[MAXM], k = 0;
    double A[(MAXM + 1) * (MAXM + 1)], r[MAXM + 1];
    for (size_t j = 0; j < m; j++)
        if (mask >> j & 1u)
            S[k++] = j;
    size_t K = k + 1;
    for (size_t i = 0; i < k; i++) {
        for (size_t j = 0; j < k; j++)
            A[i * K + j] = G[S[i] * m + S[j]];
        A[i * K + k] = 1;
        A[k * K + i] = 1;
        r[i] = b[S[i]];
    }
    A[k * K + k] = 0;
    r[k] = 1;
    if (!solve(A, r, K, scale))
        return INFINITY;
    memset(w, 0, m * sizeof *w);
    for (size_t i = 0; i < k; i++) {
        if (r[i] < -1e-10)
            return INFINITY; /* infeasible: a weight below 0 */
        w[S[i]] = r[i] > 0 ? r[i] : 0;
    }
    double obj = 0;
    for (size_t i = 0; i < m; i++) {
        obj -= 2 * b[i] * w[i];
        for (size_t j = 0; j < m; j++)
            obj += w[i] * G[i * m + j] * w[j];
    }
    return obj;
}

int pl__ev_stack(const double *F, const double *y, const unsigned char *use, size_t n, size_t m,
                 double *w)
{
    double G[MAXM * MAXM] = {0}, b[MAXM] = {0}, cand[MAXM], best = INFINITY, scale = 0;
    if (m == 0 || m > MAXM)
        return PL_EMISUSE;
    for (size_t t = 0; t < n; t++) {
        if (!use[t])
            continue;
        for (size_t i = 0; i < m; i++) {
            b[i] += F[t * m + i] * y[t];
            for (size_t j = 0; j < m; j++)
                G[i * m + j] += F[t * m + i] * F[t * m + j];
        }
    }
    for (size_t i = 0; i < m; i++)
        scale = fmax(scale, G[i * m + i]);
    scale = scale > 0 ? scale : 1;
    for (size_t i = 0; i < m; i++) { /* G and b over the largest diagonal: entries <= 1 */
        b[i] /= scale;
        for (size_t j = 0; j < m; j++)
            G[i * m + j] /= scale;
    }
    memset(w, 0, m * sizeof *w);
    w[0] = 1; /* never kept: the single columns are always solvable */
    for (unsigned mask = 1; mask < 1u << m; mask++) {
        double obj = on_support(G, b, m, mask, cand, 1);
        if (obj < best - 1e-12) { /* on a tie the first support tried */
            best = obj;
            memcpy(w, cand, m * sizeof *w);
        }
    }
    return PL_OK;
}

/*
** Stacking weights by least absolute deviations: least squares, then LAD_ITERS
** rounds of least squares with each row scaled by 1 / sqrt(max(|residual|, LAD_FLOOR)),
** which minimises sum |residual| at the fixed point (Schlossmacher 1973).
** F2, y2: scratch of F's and y's sizes.
*/
int pl__ev_stack_lad(const double *F, const double *y, const unsigned char *use, size_t T,
                     size_t m, double *w, double *F2, double *y2)
{
    int rc = pl__ev_stack(F, y, use, T, m, w);
    for (int it = 0; !rc && it < LAD_ITERS; it++) {
        for (size_t t = 0; t < T; t++) {
            double v = 0;
            for (size_t j = 0; j < m; j++)
                v += w[j] * F[t * m + j];
            double g = 1 / sqrt(fmax(fabs(y[t] - v), LAD_FLOOR));
            for (size_t j = 0; j < m; j++)
                F2[t * m + j] = g * F[t * m + j];
            y2[t] = g * y[t];
        }
        rc = pl__ev_stack(F2, y2, use, T, m, w);
    }
    return rc;
}
