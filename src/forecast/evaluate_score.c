/* SPDX-License-Identifier: MIT */
/*
** evaluate_score.c: each method's errors (MAE, median absolute error, share
** within 10 points) with 95% intervals from a bootstrap that resamples whole
** groups (Cameron, Gelbach & Miller 2008: errors of one proposal's issues are
** not independent), resample b drawn from stream b of the seed so that every
** method sees the same resamples (the differences are paired); and a paired
** test of the difference from the reference baseline: a sign-flip
** randomization test on the groups' summed differences (Fisher 1935; under
** the null either method's errors are as likely on each group), flip b from
** stream 2^62 + b, p = (1 + #{|flipped sum| >= |observed sum|}) / (B + 1).
*/
#include "evaluate_impl.h"
#include "../core/alloc.h"
#include "../core/rng.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FLIP_STREAM (UINT64_C(1) << 62)

/* Scratch shared by every method's scoring. */
typedef struct scratch {
    size_t *gstart, *gidx;   /* issues of each group: gidx[gstart[g] .. gstart[g+1]) */
    size_t max_size;         /* largest group */
    double *buf;             /* errors of one resample: G x max_size */
    double *mae, *mdae, *w10, *diff; /* B statistics each */
    double *dg;              /* per group: summed paired difference */
} scratch;

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Type-7 percentile of sorted v[0..n). */
static double percentile(const double *v, size_t n, double p)
{
    double h = (double)(n - 1) * p;
    size_t k = (size_t)h;
    return k + 1 < n ? v[k] + (h - (double)k) * (v[k + 1] - v[k]) : v[n - 1];
}

/* The k-th smallest of v[0..n) (v reordered; Hoare's selection). */
static double select_kth(double *v, size_t n, size_t k)
{
    size_t lo = 0, hi = n - 1;
    while (lo < hi) {
        double p = v[lo + (hi - lo) / 2];
        size_t i = lo, j = hi;
        while (i <= j) {
            while (v[i] < p)
                i++;
            while (v[j] > p)
                j--;
            if (i <= j) {
                double t = v[i];
                v[i] = v[j];
                v[j] = t;
                i++;
                if (j == 0)
                    break;
                j--;
            }
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            return v[k];
    }
    return v[k];
}

/* Median of v[0..n) (n >= 1; v reordered). */
static double median(double *v, size_t n)
{
    double hi = select_kth(v, n, n / 2);
    if (n % 2)
        return hi;
    double lo = v[0];
    for (size_t i = 1; i < n / 2; i++)
        lo = v[i] > lo ? v[i] : lo; /* after selection v[0 .. n/2) are all <= hi */
    return (lo + hi) / 2;
}

/* Interval of stat[0..n) into lo, hi (sorted in place); the point when no resample counted. */
static void interval(double *stat, size_t n, double point, double *lo, double *hi)
{
    qsort(stat, n, sizeof *stat, cmp_double);
    *lo = n ? percentile(stat, n, 0.025) : point;
    *hi = n ? percentile(stat, n, 0.975) : point;
}

/* MAE, median AE and share within 10 of the errors of groups drawn (NULL: every group once). */
static size_t pooled(const pl_evaluation *e, const scratch *w, const double *fc,
                     const double *ref, const size_t *draw, size_t G, double *out)
{
    size_t n = 0, nc = 0;
    double s = 0, in10 = 0, d = 0;
    for (size_t j = 0; j < G; j++) {
        size_t g = draw ? draw[j] : j;
        for (size_t p = w->gstart[g]; p < w->gstart[g + 1]; p++) {
            size_t t = w->gidx[p];
            if (isnan(fc[t]))
                continue;
            double a = fabs(fc[t] - e->y[t]);
            w->buf[n++] = a;
            s += a;
            in10 += a <= 10;
            if (!isnan(ref[t]))
                d += a - fabs(ref[t] - e->y[t]), nc++;
        }
    }
    out[0] = n ? s / (double)n : 0;
    out[1] = n ? median(w->buf, n) : 0;
    out[2] = n ? in10 / (double)n : 0;
    out[3] = nc ? d / (double)nc : 0;
    return n;
}

/* The sign-flip test's p-value of the difference fc - ref. */
static double flip_p(const pl_evaluation *e, const scratch *w, const double *fc,
                     const double *ref)
{
    size_t G = e->n_groups, B = e->o.resamples, hits = 0;
    double D = 0;
    for (size_t g = 0; g < G; g++) {
        w->dg[g] = 0;
        for (size_t p = w->gstart[g]; p < w->gstart[g + 1]; p++) {
            size_t t = w->gidx[p];
            if (!isnan(fc[t]) && !isnan(ref[t]))
                w->dg[g] += fabs(fc[t] - e->y[t]) - fabs(ref[t] - e->y[t]);
        }
        D += w->dg[g];
    }
    for (size_t b = 0; b < B; b++) {
        pl_rng r;
        pl__rng_seed(&r, e->o.seed, FLIP_STREAM + b);
        double s = 0;
        for (size_t g = 0; g < G; g++)
            s += (pl__rng_next(&r) >> 63) ? w->dg[g] : -w->dg[g];
        hits += fabs(s) >= fabs(D) - 1e-9 * (1 + fabs(D));
    }
    return (double)(1 + hits) / (double)(B + 1);
}

static void score_row(const pl_evaluation *e, scratch *w, size_t *draw, pl__ev_row *row,
                      const double *ref)
{
    size_t G = e->n_groups, B = e->o.resamples, kept = 0;
    double st[4];
    pl__ev_score *sc = &row->sc;
    sc->n = pooled(e, w, row->fc, ref, NULL, G, st);
    sc->mae = st[0], sc->mdae = st[1], sc->w10 = st[2], sc->diff = st[3];
    for (size_t b = 0; sc->n && b < B; b++) {
        pl_rng r;
        pl__rng_seed(&r, e->o.seed, b);
        for (size_t d = 0; d < G; d++)
            draw[d] = (size_t)pl__rng_below(&r, G);
        if (!pooled(e, w, row->fc, ref, draw, G, st))
            continue;
        w->mae[kept] = st[0], w->mdae[kept] = st[1], w->w10[kept] = st[2], w->diff[kept] = st[3];
        kept++;
    }
    interval(w->mae, kept, sc->mae, &sc->mae_lo, &sc->mae_hi);
    interval(w->mdae, kept, sc->mdae, &sc->mdae_lo, &sc->mdae_hi);
    interval(w->w10, kept, sc->w10, &sc->w10_lo, &sc->w10_hi);
    interval(w->diff, kept, sc->diff, &sc->diff_lo, &sc->diff_hi);
    sc->p = flip_p(e, w, row->fc, ref);
}

/* Issues by group (counting sort), and the largest group. */
static void by_group(const pl_evaluation *e, scratch *w)
{
    size_t G = e->n_groups;
    memset(w->gstart, 0, (G + 1) * sizeof *w->gstart);
    for (size_t t = 0; t < e->n_issues; t++)
        w->gstart[e->group[t] + 1]++;
    for (size_t g = 0; g < G; g++) {
        w->max_size = w->gstart[g + 1] > w->max_size ? w->gstart[g + 1] : w->max_size;
        w->gstart[g + 1] += w->gstart[g];
    }
    for (size_t g = 0, p = 0; g < G; g++) /* each group's slice, its issues in order */
        for (size_t t = 0; t < e->n_issues; t++)
            if (e->group[t] == g)
                w->gidx[p++] = t;
}

int pl__ev_score_all(pl_evaluation *e)
{
    size_t G = e->n_groups, B = e->o.resamples, T = e->n_issues;
    scratch w = {0};
    w.gstart = pl__mallocarray(G + 1, sizeof *w.gstart);
    w.gidx = pl__mallocarray(T, sizeof *w.gidx);
    size_t *draw = pl__mallocarray(G, sizeof *draw);
    w.mae = pl__mallocarray(B, sizeof(double));
    w.mdae = pl__mallocarray(B, sizeof(double));
    w.w10 = pl__mallocarray(B, sizeof(double));
    w.diff = pl__mallocarray(B, sizeof(double));
    w.dg = pl__mallocarray(G, sizeof(double));
    int rc = w.gstart && w.gidx && draw && w.mae && w.mdae && w.w10 && w.diff && w.dg
                 ? PL_OK : PL_ENOMEM;
    if (!rc) {
        by_group(e, &w);
        if (!(w.buf = pl__mallocarray(pl__mul(G, w.max_size), sizeof *w.buf)))
            rc = PL_ENOMEM;
    }
    for (size_t m = 0; !rc && m < e->n_rows; m++)
        score_row(e, &w, draw, &e->row[m], e->row[e->ref].fc);
    free(w.gstart), free(w.gidx), free(draw), free(w.buf);
    free(w.mae), free(w.mdae), free(w.w10), free(w.diff), free(w.dg);
    return rc;
}
