/* SPDX-License-Identifier: MIT */
/*
** acc.c: one metric's summary, folded draw by draw (always in draw order,
** so the result never depends on how the draws were shared out):
** Welford's mean and variance, exact percentiles while at most
** PL_STRESS_EXACT values are kept and a min/max-per-bin histogram beyond,
** a tally of packages, and per input the co-moments of a Pearson
** correlation (the bivariate form of Welford's update).
*/
#include "stress_impl.h"
#include "../core/alloc.h"
#include "../core/clones.h"
#include "../core/sort.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int pl__acc_init(pl__acc *a, const pl__metric *m, size_t J)
{
    memset(a, 0, sizeof *a);
    a->min = INFINITY, a->max = -INFINITY;
    if (m->kind == PL_METRIC_PACKAGE || !J)
        return PL_OK;
    a->mx = calloc(J, sizeof *a->mx);
    a->m2x = calloc(J, sizeof *a->m2x);
    a->cxy = calloc(J, sizeof *a->cxy);
    a->dx = pl__mallocarray(J, sizeof *a->dx);
    return a->mx && a->m2x && a->cxy && a->dx ? PL_OK : PL_ENOMEM;
}

void pl__acc_free(pl__acc *a)
{
    free(a->vals), free(a->bin_n), free(a->bin_lo), free(a->bin_hi);
    free(a->tally), free(a->slot), free(a->mx), free(a->m2x), free(a->cxy);
    free(a->dx);
    memset(a, 0, sizeof *a);
}

/* Room for one more element in *p (n used of *cap, each size bytes): doubling, from first. */
static int grow(void **p, size_t n, size_t *cap, size_t size, size_t first)
{
    void *q = pl__grow(*p, cap, n + 1, size, first);
    if (!q)
        return PL_ENOMEM;
    *p = q;
    return PL_OK;
}

/* ---- percentiles ------------------------------------------------------------ */

static size_t bin_of(const pl__metric *m, double y)
{
    double w = m->hi > m->lo ? (y - m->lo) / (m->hi - m->lo) : 0;
    double b = floor(w * PL_STRESS_BINS);
    return b < 0 ? 0 : b >= PL_STRESS_BINS ? PL_STRESS_BINS - 1 : (size_t)b;
}

static void bin_add(pl__acc *a, const pl__metric *m, double y)
{
    size_t b = bin_of(m, y);
    if (!a->bin_n[b]++)
        a->bin_lo[b] = a->bin_hi[b] = y;
    a->bin_lo[b] = fmin(a->bin_lo[b], y), a->bin_hi[b] = fmax(a->bin_hi[b], y);
}

/* Past PL_STRESS_EXACT values: move them into the histogram and keep memory flat. */
static int to_histogram(pl__acc *a, const pl__metric *m)
{
    a->bin_n = calloc(PL_STRESS_BINS, sizeof *a->bin_n);
    a->bin_lo = malloc(PL_STRESS_BINS * sizeof *a->bin_lo);
    a->bin_hi = malloc(PL_STRESS_BINS * sizeof *a->bin_hi);
    if (!a->bin_n || !a->bin_lo || !a->bin_hi)
        return PL_ENOMEM;
    for (size_t i = 0; i < a->n_vals; i++)
        bin_add(a, m, a->vals[i]);
    free(a->vals);
    a->vals = NULL, a->n_vals = a->cap_vals = 0;
    return PL_OK;
}

static int keep_value(pl__acc *a, const pl__metric *m, double y)
{
    if (a->bin_n) {
        bin_add(a, m, y);
        return PL_OK;
    }
    if (a->n_vals == PL_STRESS_EXACT) {
        int rc = to_histogram(a, m);
        if (!rc)
            bin_add(a, m, y);
        return rc;
    }
    if (a->n_vals < a->cap_vals) { /* room already: no call (a draw per metric) */
        a->vals[a->n_vals++] = y;
        return PL_OK;
    }
    void *v = a->vals;
    int rc = grow(&v, a->n_vals, &a->cap_vals, sizeof *a->vals, 256);
    a->vals = v;
    if (rc)
        return rc;
    a->vals[a->n_vals++] = y;
    return PL_OK;
}

/*
** The kept values' order: (a > b) - (a < b), in pl__sort_merge (core/sort.h), which is
** stable as glibc's qsort (a merge sort) was, so -0 and 0 keep their order too and the
** percentiles are the same to the bit; its buffer is the caller's, so any number of draws
** is sorted without qsort's calls through a pointer.
*/
static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

/* The value of rank r (0-based) from the histogram: exact when its bin holds one value. */
static double bin_rank(const pl__acc *a, uint64_t r)
{
    uint64_t seen = 0;
    for (size_t b = 0; b < PL_STRESS_BINS; b++) {
        if (r < seen + a->bin_n[b]) {
            if (a->bin_n[b] == 1)
                return a->bin_lo[b];
            double f = (double)(r - seen) / (double)(a->bin_n[b] - 1);
            return a->bin_lo[b] + f * (a->bin_hi[b] - a->bin_lo[b]);
        }
        seen += a->bin_n[b];
    }
    return a->max;
}

double pl__acc_quantile(const pl__acc *a, const pl__metric *m, double q)
{
    if (!a->n || m->kind != PL_METRIC_NUMBER) /* flags and packages keep no values */
        return NAN;
    double h = (double)(a->n - 1) * q, lo = floor(h); /* type 7 (Hyndman & Fan 1996) */
    uint64_t i = (uint64_t)lo, j = i + 1 < a->n ? i + 1 : i;
    double x, y;
    if (a->bin_n)
        x = bin_rank(a, i), y = bin_rank(a, j);
    else /* pl__acc_finish sorted them */
        x = a->vals[i], y = a->vals[j];
    return x + (h - lo) * (y - x);
}

/* ---- packages ----------------------------------------------------------------- */

static uint64_t hash_code(double code)
{
    uint64_t z = (uint64_t)code * 0x9E3779B97F4A7C15u;
    return z ^ (z >> 29);
}

static int grow_slots(pl__acc *a)
{
    size_t cap = a->cap_slot ? 2 * a->cap_slot : 64;
    size_t *s = calloc(cap, sizeof *s);
    if (!s)
        return PL_ENOMEM;
    for (size_t t = 0; t < a->n_tally; t++) {
        size_t h = hash_code(a->tally[t].code) & (cap - 1);
        while (s[h])
            h = (h + 1) & (cap - 1);
        s[h] = t + 1;
    }
    free(a->slot);
    a->slot = s, a->cap_slot = cap;
    return PL_OK;
}

static int tally(pl__acc *a, double code, uint64_t draw)
{
    if (2 * (a->n_tally + 1) > a->cap_slot && grow_slots(a))
        return PL_ENOMEM;
    size_t h = hash_code(code) & (a->cap_slot - 1);
    for (; a->slot[h]; h = (h + 1) & (a->cap_slot - 1))
        if (a->tally[a->slot[h] - 1].code == code) {
            a->tally[a->slot[h] - 1].count++;
            return PL_OK;
        }
    void *t = a->tally;
    int rc = grow(&t, a->n_tally, &a->cap_tally, sizeof *a->tally, 16);
    a->tally = t;
    if (rc)
        return rc;
    a->tally[a->n_tally] = (pl__tally_entry){code, 1, draw};
    a->slot[h] = ++a->n_tally;
    return PL_OK;
}

static int cmp_tally(const void *x, const void *y)
{
    const pl__tally_entry *a = x, *b = y;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return (a->first > b->first) - (a->first < b->first);
}

int pl__acc_finish(pl__acc *a)
{
    double *tmp = a->n_vals ? malloc(a->n_vals * sizeof *tmp) : NULL;
    if (a->n_vals && !tmp)
        return PL_ENOMEM;
    if (tmp) /* once, for every percentile */
        pl__sort_merge((unsigned char *)a->vals, (unsigned char *)tmp, a->n_vals,
                       sizeof *a->vals, cmp_double);
    free(tmp);
    if (a->n_tally)
        qsort(a->tally, a->n_tally, sizeof *a->tally, cmp_tally);
    free(a->slot);  /* the order no longer matches the slots */
    a->slot = NULL, a->cap_slot = 0;
    return PL_OK;
}

/* ---- one draw ------------------------------------------------------------------- */

int pl__acc_add_value(pl__acc *a, const pl__metric *m, double y, uint64_t draw, double *ry)
{
    a->n++;
    a->agree += y == m->base;
    if (m->kind == PL_METRIC_PACKAGE)
        return tally(a, y, draw);
    /* neither is NaN: comparisons give what glibc's fmin and fmax give, without a call (its
       minsd and maxsd: x < y ? x : y and x > y ? x : y, so the same zero of two zeros) */
    a->min = a->min < y ? a->min : y, a->max = a->max > y ? a->max : y;
    double n = (double)a->n, dy = y - a->mean;
    a->mean += dy / n;
    *ry = y - a->mean;
    a->m2 += dy * *ry;
    return m->kind == PL_METRIC_NUMBER ? keep_value(a, m, y) : PL_OK;
}

/*
** The two loops below run once a draw per group and per metric over every input (the
** co-moments alone were about 3% of a draw's instructions with SSE2's two lanes): clones
** for wider vectors (core/clones.h). Each element is its own chain of operations, in draw
** order, so every clone gives the same bits; the arrays are separate allocations (restrict).
*/
PL__CLONES void pl__xmom_add(pl__xmom *g, const double *x, size_t J)
{
    double n = (double)++g->n;
    double *restrict mx = g->mx, *restrict m2x = g->m2x, *restrict dxs = g->dx;
    uint64_t top = 0; /* an exponent of all ones (inf, NaN) carries into bit 63 */
    for (size_t j = 0; j < J; j++) {
        double dx = x[j] - mx[j];
        uint64_t bits;
        memcpy(&bits, &dx, sizeof bits);
        top |= (bits & UINT64_C(0x7FF0000000000000)) + UINT64_C(0x0010000000000000);
        dxs[j] = dx;
        mx[j] += dx / n;
        m2x[j] += dx * (x[j] - mx[j]);
    }
    g->finite = !(top >> 63);
}

PL__CLONES void pl__acc_add_cov(pl__acc *a, const pl__xmom *g, double ry, size_t J)
{
    double *restrict cxy = a->cxy;
    const double *restrict dx = g->dx;
    for (size_t j = 0; j < J; j++)
        cxy[j] += dx[j] * ry;
}

int pl__acc_add(pl__acc *a, const pl__metric *m, double y, const double *x, size_t J,
                uint64_t draw)
{
    if (isnan(y))
        return PL_OK;
    double ry = 0;
    int rc = pl__acc_add_value(a, m, y, draw, &ry);
    if (m->kind != PL_METRIC_PACKAGE && J) { /* the inputs' moments are this metric's own */
        pl__xmom own = {a->n - 1, a->mx, a->m2x, a->dx, 1};
        pl__xmom_add(&own, x, J);
        pl__acc_add_cov(a, &own, ry, J);
    }
    return rc;
}
