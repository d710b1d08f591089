/* SPDX-License-Identifier: MIT */
/*
** eum_scholz.c: Scholz et al.'s probability of success in O(n^2) per phase
** (MODELS.md 3.6). Their code divides each pair's positive votes by
** Z = sum_k sum_p sum_q |d_kq - d_kp|, d_kp = w_k (|x_k - x_p| / R)^r_k,
** an n^3 sum. For one voter k, d_kp depends on the distance only and grows
** with it, so over positions in sorted order it falls to k's own place and
** rises after it: the two runs merge into ascending order in O(n), and over
** ascending values f_(0) <= f_(1) <= ... the sum over pairs is
** 2 sum_i (i f_(i) - sum_{h < i} f_(h)). The same rows, summed over voters in
** position order, give the table from which any pair's votes are two
** differences (eum_votes.c). The n^2 powers run on threads, each voter's row
** and share of Z on its own, summed in a fixed order afterwards: the numbers
** never depend on the thread count.
*/
#include "eum_impl.h"
#include "../core/alloc.h"
#include "../core/parallel.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct rows_job {
    const pl__eum_votes *v;
    const double *r;   /* exponents by actor; NULL: all 1 */
    double R;
    size_t lo, hi;     /* voters in position order */
    double *scratch;   /* one row, when there is no table */
    double *tab;       /* row t + 1 receives voter t's d */
    double *zk;        /* each voter's share of Z */
} rows_job;

/* Voter ord[t]'s d to every position, in position order. */
static void voter_row(const rows_job *j, size_t t, double *row)
{
    const pl__eum_votes *v = j->v;
    size_t k = v->ord[t];
    double rk = j->r ? j->r[k] : 1;
    for (size_t u = 0; u < v->n; u++)
        row[u] = pl__eum_scholz_d(v->w[k], fabs(v->xs[t] - v->xs[u]), j->R, rk);
}

/* sum_p sum_q |row_q - row_p| for the voter at place t: its two runs merged ascending. */
static double voter_z(const double *row, size_t n, size_t t)
{
    size_t l = t + 1, h = t + 1; /* next: row[l - 1] going left, row[h] going right */
    double below = 0, acc = 0;
    for (size_t i = 0; i < n; i++) {
        double f = h >= n || (l > 0 && row[l - 1] <= row[h]) ? row[--l] : row[h++];
        acc += (double)i * f - below; /* f's excess over every smaller value */
        below += f;
    }
    return 2 * acc;
}

static void *rows_run(void *arg)
{
    rows_job *j = arg;
    for (size_t t = j->lo; t < j->hi; t++) {
        double *row = j->tab ? j->tab + (t + 1) * j->v->n : j->scratch;
        voter_row(j, t, row);
        j->zk[t] = voter_z(row, j->v->n, t);
    }
    return NULL;
}

/* Rows 1..n hold each voter's d: make them prefix sums; row 0 is zero. */
static void prefix_rows(double *tab, size_t n)
{
    memset(tab, 0, n * sizeof *tab);
    for (size_t t = 1; t <= n; t++)
        for (size_t u = 0; u < n; u++)
            tab[t * n + u] += tab[(t - 1) * n + u];
}

int pl__eum_scholz_init(pl__eum_votes *v, const double *r, double R, int threads)
{
    size_t n = v->n, nt = threads > 1 ? (size_t)threads : 1;
    int ones = 1;
    for (size_t i = 0; r && i < n; i++)
        ones &= r[i] == 1;
    nt = nt > 64 ? 64 : nt > n ? n : nt;
    double *zk = malloc(n * sizeof *zk), *scratch = NULL;
    if (ones)
        scratch = pl__mallocarray(pl__mul(nt, n), sizeof *scratch);
    else if ((v->tab = pl__mallocarray(pl__mul(n + 1, n), sizeof *v->tab)))
        v->rank = malloc(n * sizeof *v->rank);
    rows_job jobs[64];
    for (size_t k = 0; k < nt; k++)
        jobs[k] = (rows_job){v, ones ? NULL : r, R, n * k / nt, n * (k + 1) / nt,
                             scratch ? scratch + k * n : NULL, v->tab, zk};
    if (!zk || (ones ? !scratch : !v->rank) || pl__parallel(jobs, sizeof *jobs, nt, rows_run)) {
        free(zk);
        free(scratch);
        pl__eum_votes_free(v); /* the callers free v only after a success */
        return PL_ENOMEM;
    }
    double z = 0;
    for (size_t t = 0; t < n; t++)
        z += zk[t];
    /* with every exponent 1, d_kp - d_kq is the published vote over R: P = votes / (R Z) */
    v->zR = ones ? z * R : z;
    if (v->tab) {
        prefix_rows(v->tab, n);
        for (size_t t = 0; t < n; t++)
            v->rank[v->ord[t]] = t;
    }
    free(zk);
    free(scratch);
    return PL_OK;
}
