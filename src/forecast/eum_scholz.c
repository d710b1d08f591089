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
    double *scratch;   /* Z_LANES rows, when there is no table */
    double *tab;       /* row t + 1 receives voter t's d */
    double *zk;        /* each voter's share of Z */
    int sums;          /* the first job: it also turns its rows into prefix sums */
} rows_job;

/* Voter ord[t]'s d to every position, in position order. */
static void voter_row(const rows_job *j, size_t t, double *row)
{
    const pl__eum_votes *v = j->v;
    size_t k = v->ord[t];
    double rk = j->r ? j->r[k] : 1;
    if (rk == 1) {
        for (size_t u = 0; u < v->n; u++)
            row[u] = pl__eum_scholz_d(v->w[k], fabs(v->xs[t] - v->xs[u]), j->R, 1);
        return;
    }
    /* actors that share a position share its power: after a few rounds about half do */
    for (size_t u = 0; u < v->n; u++)
        row[u] = u > 0 && v->xs[u] == v->xs[u - 1]
                     ? row[u - 1]
                     : pl__eum_scholz_d(v->w[k], fabs(v->xs[t] - v->xs[u]), j->R, rk);
}

/* Voters merged at once (lanes): one voter's merge waits on each load and compare. */
#define Z_LANES 4

/*
** sum_p sum_q |row_q - row_p| for the voters at places t[q] with rows[q]: each
** voter's two runs merged ascending, every lane with the same operations in the
** same order as alone (so the same bits). Which run comes next is data, not
** pattern: a select, not a branch; the lanes' independent chains hide one
** another's latency.
*/
static void voters_z(const double *const rows[Z_LANES], const size_t t[Z_LANES], size_t n,
                     double z[Z_LANES])
{
    size_t l[Z_LANES], h[Z_LANES]; /* next: row[l - 1] going left, row[h] going right */
    double below[Z_LANES], acc[Z_LANES];
    for (size_t q = 0; q < Z_LANES; q++) {
        l[q] = h[q] = t[q] + 1;
        below[q] = acc[q] = 0;
    }
    for (size_t i = 0; i < n; i++) {
#pragma GCC unroll 4
        for (size_t q = 0; q < Z_LANES; q++) {
            const double *row = rows[q];
            double fl = l[q] > 0 ? row[l[q] - 1] : INFINITY, fh = h[q] < n ? row[h[q]] : INFINITY;
            size_t left = fl <= fh;
            double f = left ? fl : fh;
            l[q] -= left;
            h[q] += 1 - left;
            acc[q] += (double)i * f - below[q]; /* f's excess over every smaller value */
            below[q] += f;
        }
    }
    for (size_t q = 0; q < Z_LANES; q++)
        z[q] = 2 * acc[q];
}

static void *rows_run(void *arg)
{
    rows_job *j = arg;
    size_t n = j->v->n;
    for (size_t t = j->lo; t < j->hi; t += Z_LANES) {
        const double *rows[Z_LANES];
        size_t at[Z_LANES], g = j->hi - t < Z_LANES ? j->hi - t : Z_LANES;
        double z[Z_LANES];
        for (size_t q = 0; q < Z_LANES; q++) {
            if (q >= g) { /* past the last voter: repeat it, and drop the result */
                rows[q] = rows[g - 1];
                at[q] = at[g - 1];
                continue;
            }
            double *row = j->tab ? j->tab + (t + q + 1) * n : j->scratch + q * n;
            voter_row(j, t + q, row);
            rows[q] = row;
            at[q] = t + q;
        }
        voters_z(rows, at, n, z);
        for (size_t q = 0; q < g; q++) {
            j->zk[t + q] = z[q];
            /* while the row is in cache; the first job starts from row 0 (zero), so
               every row before it is final: the sums of prefix_rows, added in its order */
            if (!j->tab || !j->sums)
                continue;
            double *row = j->tab + (t + q + 1) * n, *prev = row - n;
            for (size_t u = 0; u < n; u++)
                row[u] += prev[u];
        }
    }
    return NULL;
}

/* Rows from..n hold each voter's d, rows before them prefix sums: make them prefix sums. */
static void prefix_rows(double *tab, size_t n, size_t from)
{
    for (size_t t = from; t <= n; t++)
        for (size_t u = 0; u < n; u++)
            tab[t * n + u] += tab[(t - 1) * n + u];
}

/* Point v->tab at (n + 1) x n doubles: buf's, grown if need be, or v's own. NULL if none. */
static double *table_memory(pl__eum_votes *v, pl__eum_buf *buf)
{
    size_t need = pl__mul(v->n + 1, v->n);
    if (!buf)
        return v->tab = pl__mallocarray(need, sizeof *v->tab);
    if (buf->cap < need) {
        free(buf->p);
        buf->cap = 0;
        if (!(buf->p = pl__mallocarray(need, sizeof *buf->p)))
            return NULL;
        buf->cap = need;
    }
    v->tab_lent = 1;
    return v->tab = buf->p;
}

int pl__eum_scholz_init(pl__eum_votes *v, const double *r, double R, int threads,
                        pl__eum_buf *buf)
{
    size_t n = v->n, nt = threads > 1 ? (size_t)threads : 1;
    int ones = 1;
    for (size_t i = 0; r && i < n; i++)
        ones &= r[i] == 1;
    nt = nt > 64 ? 64 : nt > n ? n : nt;
    double *zk = malloc(n * sizeof *zk), *scratch = NULL;
    if (ones)
        scratch = pl__mallocarray(pl__mul(pl__mul(nt, Z_LANES), n), sizeof *scratch);
    else if (table_memory(v, buf))
        v->rank = malloc(n * sizeof *v->rank);
    if (v->tab)
        memset(v->tab, 0, n * sizeof *v->tab); /* row 0 */
    rows_job jobs[64];
    for (size_t k = 0; k < nt; k++)
        jobs[k] = (rows_job){v, ones ? NULL : r, R, n * k / nt, n * (k + 1) / nt,
                             scratch ? scratch + k * Z_LANES * n : NULL, v->tab, zk, k == 0};
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
        prefix_rows(v->tab, n, jobs[0].hi + 1);
        for (size_t t = 0; t < n; t++)
            v->rank[v->ord[t]] = t;
    }
    free(zk);
    free(scratch);
    return PL_OK;
}
