/*
** smp.c: the SMP turn (MODELS.md section 6): risk attitudes from an election
** over the current positions (every actor's position counts, duplicates
** included: that is what reproduces KTAB's reference run), challenges with
** third parties, bargains, and the resolution of each actor's queue. The
** perspective utilities U^h_ij = u(d_ij, r^h_i) are computed when needed from
** the distances and attitudes, so memory stays O(n^2), never O(n^3).
*/
#include "smp_impl.h"
#include "../core/error_int.h"
#include "../core/rng.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static double util(double d, double r) { return d <= 1 ? (1 - d) * (1 + d * r) : (1 - d) * (1 + r); }

/* Salience-weighted distance from actor i's ideal y to point x (0-1). */
static double distance(const pl_smp *m, size_t i, const double *y, const double *x)
{
    double num = 0, den = 0;
    for (size_t k = 0; k < m->K; k++) {
        double w = m->sal[i * m->K + k] * m->sal[i * m->K + k];
        num += w * (y[k] - x[k]) * (y[k] - x[k]);
        den += w;
    }
    return sqrt(num / den);
}

static double believed(const pl_smp *m, const turn *t, size_t h, size_t i)
{
    double rh = t->r[h], ri = t->r[i];
    switch (m->o.persp) {
    case PL_SMP_PERSP_NONE: return rh;
    case PL_SMP_PERSP_HALF: return (rh + ri) / 2;
    case PL_SMP_PERSP_TWO_THIRDS: return (rh + 2 * ri) / 3;
    case PL_SMP_PERSP_FULL: return ri;
    default: return (2 * rh + ri) / 3;
    }
}

/* U^h_ij: h's estimate of i's utility for j's position. */
double pl__smp_U(const pl_smp *m, const turn *t, size_t h, size_t i, size_t j)
{
    return util(t->d[i * m->n + j], believed(m, t, h, i));
}

/* Risk attitudes from the risk-neutral election over the n positions. */
int pl__smp_risk(const pl_smp *m, turn *t)
{
    size_t n = m->n;
    for (size_t k = 0; k < n; k++)
        for (size_t a = 0; a < n; a++)
            t->u[k * n + a] = util(t->d[k * n + a], 0);
    if (pl__smp_pce(&m->o, n, n, m->c, t->u, t->p, t->work))
        return -1;
    double hi = -1, lo = 2;
    for (size_t i = 0; i < n; i++)
        hi = fmax(hi, t->p[i]), lo = fmin(lo, t->p[i]);
    for (size_t i = 0; i < n; i++) {
        double p = t->p[i], span = hi - lo;
        t->r[i] = span < 1e-12 ? 0  /* all alike: KTAB divides by zero here */
                : m->o.risk == PL_SMP_RISK_MIN ? (p - lo) / span
                : m->o.risk == PL_SMP_RISK_MAX ? (2 * p - hi - lo) / span
                : (3 * p - hi - 2 * lo) / (2 * span);
    }
    return 0;
}

/* Add vote v to the coalition for i (positive) or for j (its magnitude). */
static void add(double v, double *cij, double *cji)
{
    if (v > 0)
        *cij += v;
    else
        *cji -= v;
}

/* i's challenge of j from i's own perspective: P(i wins) and i's expected gain. */
static double challenge(const pl_smp *m, const turn *t, size_t i, size_t j, double *P)
{
    size_t h = i;
    double cij = 1e-10, cji = 1e-10, wi = m->s[i] * m->c[i], wj = m->s[j] * m->c[j];
    double uii = pl__smp_U(m, t, h, i, i), uij = pl__smp_U(m, t, h, i, j);
    add(pl__smp_vote(m->o.vote, wi, uii, uij), &cij, &cji);
    add(pl__smp_vote(m->o.vote, wj, pl__smp_U(m, t, h, j, i), pl__smp_U(m, t, h, j, j)), &cij, &cji);
    double tij = cij, tji = cji;
    for (size_t n = 0; n < m->n; n++) {
        if (n == i || n == j)
            continue;
        double w = m->s[n] * m->c[n], uni = pl__smp_U(m, t, h, n, i), unj = pl__smp_U(m, t, h, n, j);
        double unn = pl__smp_U(m, t, h, n, n), v0 = pl__smp_vote(m->o.vote, w, uni, unj);
        double pin = (cij + (v0 > 0 ? v0 : 0)) / (cij + cji + fabs(v0));
        /* semi-commitment: joining the winner moves n two thirds of the way */
        double join_i = pin * (2 * uni + unn) + (1 - pin) * 3 * unj;
        double join_j = pin * 3 * uni + (1 - pin) * (2 * unj + unn);
        add(pl__smp_vote(m->o.vote, w, join_i, join_j), &tij, &tji);
    }
    *P = tij / (tij + tji);
    double sq = uii + uij, vict = 2 * uii, contest = 2 * *P * uii + 2 * (1 - *P) * uij;
    return (1 - m->s[j]) * vict + m->s[j] * contest - sq;
}

static double round4(double v) { return floor(v * 10000 + 0.5) / 10000; }

static void bargain(const pl_smp *m, turn *t, const double *x, size_t i, size_t j)
{
    double P = t->P[i], e = 1e-6;
    int sq = m->o.interp == PL_SMP_INTERP_S2P2;
    for (size_t k = 0; k < m->K; k++) {
        double si = m->sal[i * m->K + k], sj = m->sal[j * m->K + k];
        double wi = sq ? si * si * P * P : si * P, wj = sq ? sj * sj * (1 - P) * (1 - P)
                                                           : sj * (1 - P);
        double xi = x[i * m->K + k], xj = x[j * m->K + k];
        t->bi[i * m->K + k] = round4(((wi + e) * xi + wj * xj) / (wi + wj + e));
        t->bj[i * m->K + k] = round4((wi * xi + (wj + e) * xj) / (wi + wj + e));
    }
}

static void challenges(const pl_smp *m, turn *t, const double *x)
{
    for (size_t i = 0; i < m->n; i++) {
        double best = 1e-5, P;
        t->target[i] = -1;
        for (size_t j = 0; j < m->n; j++) {
            if (j == i)
                continue;
            double g = challenge(m, t, i, j, &P);
            if (g > best)
                best = g, t->target[i] = (long)j, t->P[i] = P;
        }
        if (t->target[i] >= 0)
            bargain(m, t, x, i, (size_t)t->target[i]);
    }
}

/* Voter a's value of option q of k's queue (SIZE_MAX: the status quo), summed over actors. */
static double option_value(const pl_smp *m, const turn *t, size_t a, size_t q, double base)
{
    if (q == (size_t)-1)
        return base / (double)m->n;
    size_t j = (size_t)t->target[q];
    const double *y = m->ideal + a * m->K;
    double v = base - pl__smp_U(m, t, a, a, q) - pl__smp_U(m, t, a, a, j);
    v += util(distance(m, a, y, t->bi + q * m->K), t->r[a]);
    v += util(distance(m, a, y, t->bj + q * m->K), t->r[a]);
    return v / (double)m->n;
}

/* Actor k's queue: the status quo, its own bargain, bargains aimed at it; the winner. */
static int resolve(const pl_smp *m, turn *t, const double *x, const double *base, size_t k,
                   double *out)
{
    size_t nq = 0, n = m->n;
    t->queue[nq++] = (size_t)-1;
    if (t->target[k] >= 0)
        t->queue[nq++] = k;
    for (size_t i = 0; i < n; i++)
        if (i != k && t->target[i] == (long)k)
            t->queue[nq++] = i;
    for (size_t a = 0; a < n; a++)
        for (size_t q = 0; q < nq; q++)
            t->u[a * nq + q] = option_value(m, t, a, t->queue[q], base[a]);
    if (pl__smp_pce(&m->o, n, nq, m->c, t->u, t->p, t->work))
        return -1;
    size_t win = 0;
    if (m->o.stochastic) { /* a draw from the odds; its own stream, so any order gives it */
        pl_rng rng;
        pl__rng_seed(&rng, m->o.seed, (uint64_t)t->turn * m->n + k);
        double u = pl__rng_double(&rng), acc = t->p[0];
        while (win + 1 < nq && u >= acc)
            acc += t->p[++win];
    } else {
        for (size_t q = 1; q < nq; q++)
            if (t->p[q] > t->p[win])
                win = q;
    }
    size_t b = t->queue[win];
    const double *src = b == (size_t)-1 ? x + k * m->K : b == k ? t->bi + b * m->K
                                                              : t->bj + b * m->K;
    memcpy(out + k * m->K, src, m->K * sizeof *out);
    return 0;
}

void pl__smp_distances(const pl_smp *m, turn *t, const double *x)
{
    for (size_t i = 0; i < m->n; i++)
        for (size_t j = 0; j < m->n; j++)
            t->d[i * m->n + j] = distance(m, i, m->ideal + i * m->K, x + j * m->K);
}

int pl__smp_step(const pl_smp *m, turn *t, const double *x, double *out, double *moved,
                 double *base)
{
    pl__smp_distances(m, t, x);
    if (pl__smp_risk(m, t))
        return -1;
    challenges(m, t, x);
    for (size_t a = 0; a < m->n; a++) {
        base[a] = 0;
        for (size_t l = 0; l < m->n; l++)
            base[a] += pl__smp_U(m, t, a, a, l);
    }
    for (size_t k = 0; k < m->n; k++)
        if (resolve(m, t, x, base, k, out))
            return -1;
    *moved = 0;
    for (size_t i = 0; i < m->n; i++) {
        double dd = 0;
        for (size_t k = 0; k < m->K; k++) {
            double v = out[i * m->K + k] - x[i * m->K + k];
            dd += v * v;
        }
        *moved += sqrt(dd);
    }
    return 0;
}

