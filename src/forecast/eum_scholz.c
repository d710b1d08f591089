/* SPDX-License-Identifier: MIT */
/*
** eum_scholz.c: Scholz et al.'s probability of success in O(n^2) per phase
** (MODELS.md 3.6). Their code divides each pair's positive votes by
** Z = sum_k sum_p sum_q |d_kq - d_kp|, d_kp = w_k (|x_k - x_p| / R)^r_k,
** an n^3 sum. For one voter k, d_kp depends on the distance only and grows
** with it, so the order of its values is that of the distances from x_k: over
** ascending values f_(0) <= f_(1) <= ... the sum over pairs is
** 2 sum_i (2 i - n + 1) f_(i), a dot product of k's row with weights that
** depend on the positions only. One O(n) merge (of the positions left of x_k
** with those right of it, by distance) per distinct position gives the weights
** of every voter there; actors that share a position share a weight and a d,
** so rows and weights run over the nd distinct positions. The same rows,
** summed over voters in position order, give the table from which any pair's
** votes are two differences (eum_votes.c). Of its (n + 1) x n entries only every
** PL__EUM_CP-th row, row n and a band around the diagonal are kept (n^2 / 16
** + 67 n doubles, not n^2): the sums are a left fold over voters, so an entry
** resumed from a kept row with the same d added in the same order has the same
** bits. The n nd powers (exp and log, core/vmath.h) run on threads, blocks of
** voters at a time, each voter's row and share of Z on its own, folded into
** the table in voter order afterwards: the numbers never depend on the thread
** count.
*/
#include "eum_impl.h"
#include "../core/alloc.h"
#include "../core/parallel.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Voters a job computes at once: their rows fit in L2. */
#define BLOCK 8

/* The distinct positions: ux[0..nd) ascending, between sentinels ux[-1] = -inf and ux[nd] =
   +inf; cnt[g] actors at ux[g] (as a double); grp[u] the index in ux of place u. */
typedef struct groups {
    double *ux, *cnt;
    size_t *grp, nd;
} groups;

typedef struct rows_job {
    const pl__eum_votes *v;
    const double *r;   /* exponents by actor; NULL: all 1 */
    double R;
    size_t lo, hi;     /* voters in position order */
    double *scratch;   /* keep: a row for each voter of lo..hi */
    double *coef;      /* room for LANES rows of weights (group_coefs) */
    double *q, *lq;    /* distances over R from the voters' position, and their logs */
    int keep;          /* the rows are folded into the table after the job */
    double *zk;        /* each voter's share of Z */
    const groups *g;
} rows_job;

/*
** From the voters' position xs[t] to every distinct position: the distance over
** R, q[g] for ux[g], and (for a table: exponents not 1) its log, lq[g]: every
** voter there shares them (after a few rounds about half the actors share a
** position with another), so they are computed once a position.
*/
static void position_row(const rows_job *j, size_t t)
{
    const double *ux = j->g->ux;
    double x = j->v->xs[t];
    for (size_t g = 0; g < j->g->nd; g++)
        j->q[g] = fabs(x - ux[g]) / j->R;
    if (j->keep)
        pl__vm_log(j->lq, j->q, j->g->nd);
}

/*
** Voter ord[t]'s d to every distinct position, row[g] for ux[g]:
** pl__eum_scholz_dv's steps each over the whole row (vector registers), from
** its position's q and lq.
*/
static void voter_row(const rows_job *j, size_t t, double *row)
{
    size_t k = j->v->ord[t], nd = j->g->nd;
    double rk = j->r ? j->r[k] : 1, wk = j->v->w[k];
    if (rk == 1) {
        for (size_t g = 0; g < nd; g++)
            row[g] = wk * j->q[g];
        return;
    }
    for (size_t g = 0; g < nd; g++)
        row[g] = rk * j->lq[g];
    pl__vm_exp(row, row, nd);
    for (size_t g = 0; g < nd; g++)
        row[g] = wk * row[g];
}

/* Voter positions whose weights are merged at once (lanes): one merge waits on each load
   and compare, the lanes' independent chains hide one another's latency. */
#define LANES 4

/*
** Voter k's share of Z, sum_p sum_q |d_kq - d_kp|, is 2 sum_i (2 i - n + 1) f_(i)
** over its d in ascending order f_(0) <= ... <= f_(n-1) (each f_(i) is added
** once for each of the i smaller values and taken once for each of the n - 1 - i
** larger ones). d grows with the distance (the same w and r for every p), so the
** order is that of the distances: it depends on the positions only, and every
** voter at one position shares it. For the voter positions ux[gv[q]] this
** merges, by distance, the distinct positions going left from gv[q] with those
** going right, and gives each its actors' weight into coef[q]: the cnt actors
** at a position take the places before .. before + cnt - 1, whose 2 i - n + 1
** sum to cnt (2 before + cnt - n). Equal distances may merge either way (equal
** d: the same sum); the sentinels end a run (an infinite distance never sorts
** first while the other run has one). The distances are the rows' (fabs of the
** same difference), so the order is exactly the rows'. Which run comes next is
** data: a select, not a branch.
*/
static void group_coefs(const groups *gr, const size_t gv[LANES], size_t n,
                        double *const coef[LANES])
{
    const double *ux = gr->ux, *cnt = gr->cnt;
    double x[LANES], before[LANES], fn = (double)n;
    ptrdiff_t l[LANES], h[LANES], nd = (ptrdiff_t)gr->nd; /* next going left, right */
    for (size_t q = 0; q < LANES; q++) {
        x[q] = ux[gv[q]];
        before[q] = 0;
        l[q] = (ptrdiff_t)gv[q];
        h[q] = l[q] + 1;
    }
    for (ptrdiff_t i = 0; i < nd; i++) {
#pragma GCC unroll 4
        for (size_t q = 0; q < LANES; q++) {
            double dl = fabs(x[q] - ux[l[q]]), dh = fabs(x[q] - ux[h[q]]);
            /* the ends tested too: a NaN distance (never: positions span a finite range)
               still writes no weight out of the row */
            ptrdiff_t left = ((dl <= dh) | (h[q] == nd)) & (l[q] >= 0);
            ptrdiff_t g = left ? l[q] : h[q];
            double c = cnt[g];
            coef[q][g] = c * (2 * before[q] + c - fn);
            before[q] += c;
            l[q] -= left;
            h[q] += 1 - left;
        }
    }
}

/* sum a[i] b[i], i < n, in eight partial sums (a fixed order, which vector registers keep). */
static double dot(const double *a, const double *b, size_t n)
{
    double s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    size_t i = 0;
    for (; i + 8 <= n; i += 8)
        for (size_t q = 0; q < 8; q++)
            s[q] += a[i + q] * b[i + q];
    for (size_t q = 0; i < n; i++, q++)
        s[q] += a[i] * b[i];
    return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
}

/*
** Voters lo..hi: each one's row (kept for the table) and share of Z. Voters
** come in position order, so their positions' indices rise by one at each new
** position: the weights of the next LANES positions are merged together when a
** voter's are not at hand (a lane past hi's repeats the last). Without a table
** every exponent is 1 and voter k's row is w_k q: its share, 2 w_k (weights . q),
** is its weight times its position's.
*/
static void *rows_run(void *arg)
{
    rows_job *j = arg;
    size_t n = j->v->n, first = SIZE_MAX, at = SIZE_MAX, last = j->g->grp[j->hi - 1];
    double zq = 0; /* without a table: 2 (weights . q) at position at */
    for (size_t t = j->lo; t < j->hi; t++) {
        size_t g = j->g->grp[t];
        if (first == SIZE_MAX || g >= first + LANES) {
            size_t gv[LANES];
            double *c[LANES];
            first = g;
            for (size_t q = 0; q < LANES; q++) {
                gv[q] = g + q <= last ? g + q : last;
                c[q] = j->coef + (gv[q] - g) * n;
            }
            group_coefs(j->g, gv, n, c);
        }
        const double *coef = j->coef + (g - first) * n;
        if (g != at) {
            position_row(j, t);
            at = g;
            zq = j->keep ? 0 : 2 * dot(coef, j->q, j->g->nd);
        }
        if (!j->keep) {
            j->zk[t] = j->v->w[j->v->ord[t]] * zq;
            continue;
        }
        double *row = j->scratch + (t - j->lo) * n;
        voter_row(j, t, row);
        j->zk[t] = 2 * dot(coef, row, j->g->nd);
    }
    return NULL;
}

/* The distinct positions of v (groups), or PL_ENOMEM. */
static int groups_of(const pl__eum_votes *v, groups *gr)
{
    size_t n = v->n, nd = 0;
    double *ux = pl__mallocarray(pl__add(pl__mul(2, n), 2), sizeof *ux);
    size_t *grp = malloc(n * sizeof *grp);
    if (!ux || !grp) {
        free(ux);
        free(grp);
        return PL_ENOMEM;
    }
    gr->ux = ux + 1;
    gr->cnt = gr->ux + n + 1;
    for (size_t u = 0; u < n; u++) {
        if (u == 0 || v->xs[u] != v->xs[u - 1]) {
            gr->cnt[nd] = 0;
            gr->ux[nd++] = v->xs[u];
        }
        gr->cnt[nd - 1]++;
        grp[u] = nd - 1;
    }
    gr->ux[-1] = -INFINITY;
    gr->ux[nd] = INFINITY;
    gr->grp = grp;
    gr->nd = nd;
    return PL_OK;
}

static void groups_free(groups *gr)
{
    free(gr->ux - 1);
    free(gr->grp);
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
** Voters lo..hi's rows (rows[t - lo], by distinct position: grp) added to the
** running sums acc, voter by voter: acc then holds row t + 1 of the table, of
** which the band and every every-th row are kept. Row n is acc itself at the end.
*/
static void fold_rows(const pl__eum_votes *v, const double *rows, const size_t *grp, size_t lo,
                      size_t hi)
{
    size_t n = v->n;
    kept k = kept_of(v);
    for (size_t t = lo; t < hi; t++) {
        const double *row = rows + (t - lo) * n;
        for (size_t u = 0; u < n; u++)
            k.all[u] = row[grp[u]] + k.all[u];
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
    /*
    ** the fold from the checkpoint below: row s + 1 = d of voter s + row s, as
    ** fold_rows; voter s's d to u is pl__eum_scholz_dv's, its steps taken over all
    ** the voters at once (vector registers: the same bits, core/vmath.h)
    */
    size_t s = t / k.every * k.every, m = t - s;
    double sum = k.cp[s / k.every * n + u], q[PL__EUM_CP] = {0}, e[PL__EUM_CP], r[PL__EUM_CP];
    for (size_t i = 0; i < m; i++) {
        q[i] = fabs(v->xs[s + i] - v->xs[u]) / v->R;
        r[i] = v->r ? v->r[v->ord[s + i]] : 1;
    }
    pl__vm_log(e, q, m);
    for (size_t i = 0; i < m; i++)
        e[i] = r[i] * e[i];
    pl__vm_exp(e, e, m);
    for (size_t i = 0; i < m; i++) {
        double w = v->w[v->ord[s + i]];
        sum = (r[i] == 1 ? w * q[i] : w * e[i]) + sum;
    }
    return sum;
}

/* Doubles of the kept table (checkpoints, row n, band) and of nt jobs' rows and weights. */
static size_t table_size(const pl__eum_votes *v, size_t nt)
{
    size_t n = v->n, w = v->half ? 2 * v->half + 1 : 0;
    size_t cp = pl__mul(n / v->every + 2, n), band = pl__mul(n + 1, w);
    size_t rows = pl__mul(pl__mul(nt, BLOCK + LANES + 2), n);
    return pl__add(pl__add(cp, band), rows);
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

/* table_run's blocks, with the distinct positions gr. */
static int table_blocks(pl__eum_votes *v, const double *r, double R, size_t nt, double *zk,
                        const groups *gr)
{
    size_t n = v->n;
    kept k = kept_of(v);
    double *rows = k.band + (n + 1) * k.w, *coef = rows + nt * BLOCK * n;
    memset(k.cp, 0, n * sizeof *k.cp);     /* row 0 */
    memset(k.all, 0, n * sizeof *k.all);   /* the running sums */
    memset(k.band, 0, k.w * sizeof *k.band);
    rows_job jobs[64];
    for (size_t lo = 0; lo < n; lo += nt * BLOCK) {
        size_t hi = n - lo < nt * BLOCK ? n : lo + nt * BLOCK, m = 0;
        for (size_t a = lo; a < hi; a += BLOCK, m++)
            jobs[m] = (rows_job){v, r, R, a, hi - a < BLOCK ? hi : a + BLOCK,
                                 rows + (a - lo) * n, coef + m * (LANES + 2) * n,
                                 coef + (m * (LANES + 2) + LANES) * n,
                                 coef + (m * (LANES + 2) + LANES + 1) * n, 1, zk, gr};
        if (m == 1)
            rows_run(jobs);
        else if (pl__parallel(jobs, sizeof *jobs, m, rows_run))
            return PL_ENOMEM;
        fold_rows(v, rows, gr->grp, lo, hi);
    }
    return PL_OK;
}

/* Z's shares and the table, nt jobs of BLOCK voters at a time, folded in voter order. */
static int table_run(pl__eum_votes *v, const double *r, double R, size_t nt, double *zk)
{
    groups gr;
    if (groups_of(v, &gr))
        return PL_ENOMEM;
    int rc = table_blocks(v, r, R, nt, zk, &gr);
    groups_free(&gr);
    return rc;
}

/* Z's shares with every exponent 1 (no table): nt jobs over ranges of voters. */
static int ones_run(pl__eum_votes *v, double R, size_t nt, double *zk)
{
    size_t n = v->n;
    groups gr;
    if (groups_of(v, &gr))
        return PL_ENOMEM;
    double *scratch = pl__mallocarray(pl__mul(pl__mul(nt, LANES + 1), n), sizeof *scratch);
    if (!scratch) {
        groups_free(&gr);
        return PL_ENOMEM;
    }
    rows_job jobs[64];
    for (size_t k = 0; k < nt; k++) { /* no rows kept, no logs: weights and q */
        double *c = scratch + (LANES + 1) * k * n;
        jobs[k] = (rows_job){v, NULL, R, n * k / nt, n * (k + 1) / nt, NULL, c, c + LANES * n,
                             NULL, 0, zk, &gr};
    }
    int rc = nt == 1 ? (rows_run(jobs), PL_OK) : pl__parallel(jobs, sizeof *jobs, nt, rows_run);
    free(scratch);
    groups_free(&gr);
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
