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
** differences (eum_votes.c). Of its (n + 1) x n entries only every
** PL__EUM_CP-th row, row n and a band around the diagonal are kept (n^2 / 16
** + 67 n doubles, not n^2): the sums are a left fold over voters, so an entry
** resumed from a kept row with the same d added in the same order has the same
** bits. The n^2 powers run on threads, blocks of voters at a time, each voter's
** row and share of Z on its own, folded into the table in voter order
** afterwards: the numbers never depend on the thread count.
*/
#include "eum_impl.h"
#include "../core/alloc.h"
#include "../core/parallel.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Voters a job computes at once (a multiple of Z_LANES): their rows fit in L2. */
#define BLOCK 8

typedef struct rows_job {
    const pl__eum_votes *v;
    const double *r;   /* exponents by actor; NULL: all 1 */
    double R;
    size_t lo, hi;     /* voters in position order */
    double *scratch;   /* keep: a row for each voter of lo..hi; else Z_LANES rows */
    int keep;          /* the rows are folded into the table after the job */
    double *zk;        /* each voter's share of Z */
    const double *ux;  /* the distinct positions, nd of them, ascending (NULL: not known) */
    const size_t *grp; /* each place's index in ux */
    size_t nd;
} rows_job;

/* Voter t's d to position u (both places in position order): every table entry sums these. */
static double voter_d(const pl__eum_votes *v, const double *r, double R, size_t t, size_t u)
{
    size_t k = v->ord[t];
    return pl__eum_scholz_dv(v->w[k], fabs(v->xs[t] - v->xs[u]), R, r ? r[k] : 1);
}

/* Voter ord[t]'s d to every position, in position order. */
static void voter_row(const rows_job *j, size_t t, double *row)
{
    const pl__eum_votes *v = j->v;
    size_t k = v->ord[t];
    double rk = j->r ? j->r[k] : 1;
    if (rk == 1) {
        for (size_t u = 0; u < v->n; u++)
            row[u] = pl__eum_scholz_dv(v->w[k], fabs(v->xs[t] - v->xs[u]), j->R, 1);
        return;
    }
    /*
    ** actors that share a position share its power (after a few rounds about half
    ** do): one per distinct position into row[0..nd), pl__eum_scholz_dv's steps
    ** each over the whole row (vector registers), then spread out from the back
    ** (grp[u] <= u, so row[grp[u]] is still the value of u's position when u is
    ** written)
    */
    double wk = v->w[k];
    for (size_t g = 0; g < j->nd; g++)
        row[g] = fabs(v->xs[t] - j->ux[g]) / j->R;
    pl__vm_log(row, row, j->nd);
    for (size_t g = 0; g < j->nd; g++)
        row[g] = rk * row[g];
    pl__vm_exp(row, row, j->nd);
    for (size_t g = 0; g < j->nd; g++)
        row[g] = wk * row[g];
    for (size_t u = v->n; u-- > 0;)
        row[u] = row[j->grp[u]];
}
/* Voters merged at once (lanes): one voter's merge waits on each load and compare. */
#define Z_LANES 4

/* A row's stride: n entries between two sentinels (+infinity), which keep a merge's loads
   within the row (voters_z still tests both ends: a NaN compares false). */
#define STRIDE(n) ((n) + 2)

/*
** sum_p sum_q |row_q - row_p| for the voters at places t[q] with rows[q]: each
** voter's two runs merged ascending, every lane with the same operations in the
** same order as alone (so the same bits). Which run comes next is data, not
** pattern: a select, not a branch; the lanes' independent chains hide one
** another's latency. A run ends at its row's sentinel, which never sorts first
** while the other run has values (d is finite): n steps take every value. A
** run is also never read past its sentinel, whatever the values (a NaN
** compares false): the same choices for finite rows, no read out of the row.
*/
static void voters_z(const double *const rows[Z_LANES], const size_t t[Z_LANES], size_t n,
                     double z[Z_LANES])
{
    const double *l[Z_LANES], *h[Z_LANES]; /* next: *l going left, *h going right */
    double below[Z_LANES], acc[Z_LANES], fi = 0; /* fi: i, as a double */
    for (size_t q = 0; q < Z_LANES; q++) {
        l[q] = rows[q] + t[q];
        h[q] = l[q] + 1;
        below[q] = acc[q] = 0;
    }
    for (size_t i = 0; i < n; i++, fi++) {
#pragma GCC unroll 4
        for (size_t q = 0; q < Z_LANES; q++) {
            double fl = *l[q], fh = *h[q];
            size_t left = ((fl <= fh) | (h[q] == rows[q] + n)) & (l[q] != rows[q] - 1);
            double f = left ? fl : fh;
            l[q] -= left;
            h[q] += 1 - left;
            acc[q] += fi * f - below[q]; /* f's excess over every smaller value */
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
            double *row = j->scratch + (j->keep ? t - j->lo + q : q) * STRIDE(n) + 1;
            row[-1] = row[n] = INFINITY;
            voter_row(j, t + q, row);
            rows[q] = row;
            at[q] = t + q;
        }
        voters_z(rows, at, n, z);
        for (size_t q = 0; q < g; q++)
            j->zk[t + q] = z[q];
    }
    return NULL;
}

/* The kept parts of the table: checkpoint rows (every `every`-th), row n, the band of `half`
   columns either side of the diagonal (w = 2 half + 1 a row; none when half is 0). */
typedef struct kept {
    double *cp, *all, *band;
    size_t every, half, w;
} kept;

static kept kept_of(const pl__eum_votes *v)
{
    size_t n = v->n;
    double *all = v->tab + (n / v->every + 1) * n;
    return (kept){v->tab, all, all + n, v->every, v->half, v->half ? 2 * v->half + 1 : 0};
}

/*
** Voters lo..hi's rows (rows[t - lo]) added to the running sums acc, voter by
** voter: acc then holds row t + 1 of the table, of which the band and every
** every-th row are kept. Row n is acc itself at the end.
*/
static void fold_rows(const pl__eum_votes *v, const double *rows, size_t lo, size_t hi)
{
    size_t n = v->n;
    kept k = kept_of(v);
    for (size_t t = lo; t < hi; t++) {
        const double *row = rows + (t - lo) * STRIDE(n) + 1;
        for (size_t u = 0; u < n; u++)
            k.all[u] = row[u] + k.all[u];
        if (k.half) {
            size_t a = t + 1 > k.half ? t + 1 - k.half : 0;
            size_t b = t + 1 + k.half < n ? t + 1 + k.half : n - 1;
            double *band = k.band + (t + 1) * k.w + k.half - (t + 1);
            for (size_t u = a; u <= b; u++)
                band[u] = k.all[u];
        }
        if ((t + 1) % k.every == 0 && t + 1 < n)
            memcpy(k.cp + (t + 1) / k.every * n, k.all, n * sizeof *k.all);
    }
}

double pl__eum_scholz_cell(const pl__eum_votes *v, size_t t, size_t u)
{
    size_t n = v->n;
    kept k = kept_of(v);
    if (t == n)
        return k.all[u];
    if (k.half && u + k.half >= t && u <= t + k.half)
        return k.band[t * k.w + k.half + u - t];
    /* the fold from the checkpoint below: row s + 1 = d of voter s + row s, as fold_rows */
    size_t s = t / k.every * k.every;
    double sum = k.cp[s / k.every * n + u];
    for (; s < t; s++)
        sum = voter_d(v, v->r, v->R, s, u) + sum;
    return sum;
}

/* Doubles of the kept table (checkpoints, row n, band) and of nt jobs' rows. */
static size_t table_size(const pl__eum_votes *v, size_t nt)
{
    size_t n = v->n, w = v->half ? 2 * v->half + 1 : 0;
    size_t cp = pl__mul(n / v->every + 2, n), band = pl__mul(n + 1, w);
    size_t rows = pl__mul(pl__mul(nt, BLOCK), STRIDE(n));
    return cp + band < cp || cp + band + rows < rows ? SIZE_MAX : cp + band + rows;
}

/* Which rows and band to keep: PL__EUM_CP and PL__EUM_BAND, or every row for a full buf. */
static void table_shape(pl__eum_votes *v, const pl__eum_buf *buf)
{
    int full = buf && buf->full;
    v->every = full ? 1 : PL__EUM_CP;
    v->half = full ? 0 : PL__EUM_BAND;
}

/* Point v->tab at the kept table and rows: buf's, grown if need be, or v's own. NULL if none. */
static double *table_memory(pl__eum_votes *v, size_t nt, pl__eum_buf *buf)
{
    size_t need = table_size(v, nt);
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

/* table_run's blocks, with the distinct positions ux (nd) and each place's index grp. */
static int table_blocks(pl__eum_votes *v, const double *r, double R, size_t nt, double *zk,
                        const double *ux, const size_t *grp, size_t nd)
{
    size_t n = v->n;
    kept k = kept_of(v);
    double *rows = k.band + (n + 1) * k.w;
    memset(k.cp, 0, n * sizeof *k.cp);     /* row 0 */
    memset(k.all, 0, n * sizeof *k.all);   /* the running sums */
    memset(k.band, 0, k.w * sizeof *k.band);
    rows_job jobs[64];
    for (size_t lo = 0; lo < n; lo += nt * BLOCK) {
        size_t hi = n - lo < nt * BLOCK ? n : lo + nt * BLOCK, m = 0;
        for (size_t a = lo; a < hi; a += BLOCK, m++)
            jobs[m] = (rows_job){v, r, R, a, hi - a < BLOCK ? hi : a + BLOCK,
                                 rows + (a - lo) * STRIDE(n), 1, zk, ux, grp, nd};
        if (m == 1)
            rows_run(jobs);
        else if (pl__parallel(jobs, sizeof *jobs, m, rows_run))
            return PL_ENOMEM;
        fold_rows(v, rows, lo, hi);
    }
    return PL_OK;
}

/* Z's shares and the table, nt jobs of BLOCK voters at a time, folded in voter order. */
static int table_run(pl__eum_votes *v, const double *r, double R, size_t nt, double *zk)
{
    size_t n = v->n, nd = 0;
    double *ux = malloc(n * sizeof *ux);
    size_t *grp = malloc(n * sizeof *grp);
    if (!ux || !grp) {
        free(ux);
        free(grp);
        return PL_ENOMEM;
    }
    for (size_t u = 0; u < n; u++) {
        if (u == 0 || v->xs[u] != v->xs[u - 1])
            ux[nd++] = v->xs[u];
        grp[u] = nd - 1;
    }
    int rc = table_blocks(v, r, R, nt, zk, ux, grp, nd);
    free(ux);
    free(grp);
    return rc;
}

/* Z's shares with every exponent 1 (no table): nt jobs over ranges of voters. */
static int ones_run(pl__eum_votes *v, double R, size_t nt, double *zk)
{
    size_t n = v->n;
    double *scratch = pl__mallocarray(pl__mul(pl__mul(nt, Z_LANES), STRIDE(n)), sizeof *scratch);
    if (!scratch)
        return PL_ENOMEM;
    rows_job jobs[64];
    for (size_t k = 0; k < nt; k++)
        jobs[k] = (rows_job){v, NULL, R, n * k / nt, n * (k + 1) / nt,
                             scratch + k * Z_LANES * STRIDE(n), 0, zk, NULL, NULL, 0};
    int rc = nt == 1 ? (rows_run(jobs), PL_OK) : pl__parallel(jobs, sizeof *jobs, nt, rows_run);
    free(scratch);
    return rc;
}

int pl__eum_scholz_init(pl__eum_votes *v, const double *r, double R, int threads,
                        pl__eum_buf *buf)
{
    size_t n = v->n, nt = threads > 1 ? (size_t)threads : 1;
    int ones = 1;
    for (size_t i = 0; r && i < n; i++)
        ones &= r[i] == 1;
    nt = nt > 64 ? 64 : nt > n ? n : nt;
    double *zk = malloc(n * sizeof *zk);
    int rc = PL_ENOMEM;
    if (zk && ones)
        rc = ones_run(v, R, nt, zk);
    else if (zk && (table_shape(v, buf), table_memory(v, nt, buf)) &&
             (v->rank = malloc(n * sizeof *v->rank))) {
        v->r = r;
        v->R = R;
        rc = table_run(v, r, R, nt, zk);
    }
    if (rc) {
        free(zk);
        pl__eum_votes_free(v); /* the callers free v only after a success */
        return PL_ENOMEM;
    }
    double z = 0;
    for (size_t t = 0; t < n; t++)
        z += zk[t];
    /* with every exponent 1, d_kp - d_kq is the published vote over R: P = votes / (R Z) */
    v->zR = ones ? z * R : z;
    for (size_t t = 0; v->tab && t < n; t++)
        v->rank[v->ord[t]] = t;
    free(zk);
    return PL_OK;
}
