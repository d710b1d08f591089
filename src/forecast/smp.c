/* SPDX-License-Identifier: MIT */
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
#include "../core/parallel.h"
#include "../core/progress.h"
#include "../core/alloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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

double pl__smp_believed(const pl_smp *m, const turn *t, size_t h, size_t i)
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
    return pl__smp_util(t->d[i * m->n + j], pl__smp_believed(m, t, h, i));
}

/* Risk attitudes from the risk-neutral election over the n positions. */
int pl__smp_risk(const pl_smp *m, turn *t)
{
    size_t n = m->n;
    for (size_t k = 0; k < n; k++)
        for (size_t a = 0; a < n; a++)
            t->u[k * n + a] = pl__smp_util(t->d[k * n + a], 0);
    int rc = pl__smp_pce(&m->o, n, n, m->c, t->u, t->p, t->work);
    if (rc)
        return rc;
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

/* h's estimate of i's challenge of j: P(i wins) and i's expected gain. */
static double challenge(const pl_smp *m, const turn *t, size_t h, size_t i, size_t j, double *P)
{
    double cij = 1e-10, cji = 1e-10, wi = m->s[i] * m->c[i], wj = m->s[j] * m->c[j];
    double uii = pl__smp_U(m, t, h, i, i), uij = pl__smp_U(m, t, h, i, j);
    pl__smp_add(pl__smp_vote(m->o.vote, wi, uii, uij), &cij, &cji);
    double uji = pl__smp_U(m, t, h, j, i), ujj = pl__smp_U(m, t, h, j, j);
    pl__smp_add(pl__smp_vote(m->o.vote, wj, uji, ujj), &cij, &cji);
    double tij = cij, tji = cji;
    for (size_t n = 0; n < m->n; n++) {
        if (n == i || n == j)
            continue;
        double w = m->s[n] * m->c[n], uni = pl__smp_U(m, t, h, n, i);
        double unj = pl__smp_U(m, t, h, n, j), unn = pl__smp_U(m, t, h, n, n);
        double v0 = pl__smp_vote(m->o.vote, w, uni, unj), ji, jj;
        /* each third party weighs in on the principals' little contest alone */
        double pin = (cij + (v0 > 0 ? v0 : 0)) / (cij + cji + fabs(v0));
        pl__smp_joins(m->o.commit, pin, uni, unj, unn, &ji, &jj);
        pl__smp_add(pl__smp_vote(m->o.vote, w, ji, jj), &tij, &tji);
    }
    *P = tij / (tij + tji);
    return pl__smp_gain(m->s[j], uii, uij, *P);
}

static double round4(double v) { return floor(v * 10000 + 0.5) / 10000; }

/* S2PMax: only the likelier side gains; it moves the other a share d of the way, where
   d = e s_other^2 / (e s_other^2 + 1e-6 + (1 - e) s_own^2) and e is its edge in P. */
static void s2pmax(const pl_smp *m, const double *x, size_t i, size_t j, double P, double *bi,
                   double *bj)
{
    double ei = P < 0.5 ? 1 - 2 * P : 0, ej = P > 0.5 ? 2 * P - 1 : 0; /* (1-P) - P, P - (1-P) */
    for (size_t k = 0; k < m->K; k++) {
        double si2 = m->sal[i * m->K + k] * m->sal[i * m->K + k];
        double sj2 = m->sal[j * m->K + k] * m->sal[j * m->K + k];
        double di = ei * sj2 / (ei * sj2 + 1e-6 + (1 - ei) * si2);
        double dj = ej * si2 / (ej * si2 + 1e-6 + (1 - ej) * sj2);
        double xi = x[i * m->K + k], xj = x[j * m->K + k];
        bi[i * m->K + k] = xi + di * (xj - xi);
        bj[i * m->K + k] = xj + dj * (xi - xj);
    }
}

/* The bargain of i with j when i wins with probability P, into bi and bj (rows i). */
static void interpolate(const pl_smp *m, const double *x, size_t i, size_t j, double P,
                        double *bi, double *bj)
{
    double e = 1e-6;
    int sq = m->o.interp == PL_SMP_INTERP_S2P2;
    if (m->o.interp == PL_SMP_INTERP_S2PMAX) {
        s2pmax(m, x, i, j, P, bi, bj);
        return;
    }
    for (size_t k = 0; k < m->K; k++) {
        double si = m->sal[i * m->K + k], sj = m->sal[j * m->K + k];
        double wi = sq ? si * si * P * P : si * P, wj = sq ? sj * sj * (1 - P) * (1 - P)
                                                           : sj * (1 - P);
        double xi = x[i * m->K + k], xj = x[j * m->K + k];
        bi[i * m->K + k] = round4(((wi + e) * xi + wj * xj) / (wi + wj + e));
        bj[i * m->K + k] = round4((wi * xi + (wj + e) * xj) / (wi + wj + e));
    }
}

/* i's bargain with j: i's view, and j's view too when the bargain model wants it. */
static void bargain(const pl_smp *m, turn *t, const double *x, size_t i, size_t j)
{
    interpolate(m, x, i, j, t->P[i], t->bi, t->bj);
    if (m->o.bargains == PL_SMP_BARGAIN_INIT)
        return;
    double Pj;
    challenge(m, t, j, i, j, &Pj); /* j's estimate that i beats j */
    interpolate(m, x, i, j, Pj, t->ri, t->rj);
    if (m->o.bargains != PL_SMP_BARGAIN_POWER)
        return;
    double wi = m->c[i] * m->s[i], wj = m->c[j] * m->s[j];
    for (size_t k = i * m->K; k < (i + 1) * m->K; k++) {
        t->bi[k] = (wi * t->bi[k] + wj * t->ri[k]) / (wi + wj);
        t->bj[k] = (wi * t->bj[k] + wj * t->rj[k]) / (wi + wj);
    }
}

typedef struct chjob {
    const pl_smp *m;
    turn *t;
    const double *x;
    size_t lo, hi;
    sweep s[PL__SMP_BLOCK]; /* this job's scratch (fast path), one per challenger of a block */
} chjob;

/* Challenger i's best target and its P, challenge by challenge (the naive path). */
static void targets_naive(const pl_smp *m, turn *t, size_t i)
{
    double best = 1e-5, P;
    t->target[i] = -1;
    for (size_t j = 0; j < m->n; j++) {
        if (j == i)
            continue;
        double g = challenge(m, t, i, i, j, &P);
        if (g > best)
            best = g, t->target[i] = (long)j, t->P[i] = P;
    }
}

/* Challengers lo..hi-1, in blocks that share each row of distances (one block of one on
   the scalar baseline, as before blocks): each writes only its own rows (target, P,
   bargains). */
static void *challenge_range(void *arg)
{
    chjob *c = arg;
    const pl_smp *m = c->m;
    turn *t = c->t;
    size_t block = m->o.naive == 2 ? 1 : PL__SMP_BLOCK;
    for (size_t i0 = c->lo; i0 < c->hi; i0 += block) {
        size_t nb = c->hi - i0 < block ? c->hi - i0 : block;
        if (m->o.naive != 1)
            pl__smp_sweep(m, t, c->s, i0, nb);
        for (size_t i = i0; m->o.naive == 1 && i < i0 + nb; i++)
            targets_naive(m, t, i);
        for (size_t i = i0; i < i0 + nb; i++)
            if (t->target[i] >= 0)
                bargain(m, t, c->x, i, (size_t)t->target[i]);
    }
    return NULL;
}

/* Challengers in eight slices, each shared by the threads, with a progress report after
   each: in units of challengers, max_turns x n in all (see smp.h). */
static int challenges(const pl_smp *m, turn *t, const double *x)
{
    chjob jobs[64];
    size_t n = (size_t)(m->o.threads > 1 ? m->o.threads : 1), slices = 8, N = m->n;
    n = n > 64 ? 64 : n > N ? N : n;
    uint64_t before = (uint64_t)(t->turn - 1) * N, all = (uint64_t)m->o.max_turns * N;
    double *scratch = pl__mallocarray(pl__mul(8 * PL__SMP_BLOCK * n, N), sizeof *scratch);
    if (!scratch)
        return -1;
    int rc = 0;
    for (size_t q = 0; !rc && q < slices; q++) {
        size_t lo = N * q / slices, hi = N * (q + 1) / slices;
        for (size_t k = 0; k < n; k++) {
            jobs[k] = (chjob){m, t, x, lo + (hi - lo) * k / n, lo + (hi - lo) * (k + 1) / n,
                              {{0}}};
            for (size_t b = 0; b < PL__SMP_BLOCK; b++) {
                double *z = scratch + 8 * (k * PL__SMP_BLOCK + b) * N;
                jobs[k].s[b] = (sweep){z, z + N, z + 2 * N, z + 3 * N, z + 4 * N, z + 5 * N,
                                       z + 6 * N, z + 7 * N};
            }
        }
        rc = pl__parallel(jobs, sizeof *jobs, n, challenge_range) ? -1 : 0;
        if (!rc)
            pl__progress(&m->o.progress, before + hi, all);
    }
    free(scratch);
    return rc;
}

/* Option q's positions for the initiator and the receiver. */
static void option_pos(const pl_smp *m, const turn *t, size_t q, const double **pi,
                       const double **pj)
{
    size_t i = q / 2;
    *pi = (q % 2 ? t->ri : t->bi) + i * m->K;
    *pj = (q % 2 ? t->rj : t->bj) + i * m->K;
}

/* Voter a's value of option q of a queue (SIZE_MAX: the status quo), over all positions. */
static double option_value(const pl_smp *m, const turn *t, size_t a, size_t q, double base)
{
    if (q == (size_t)-1)
        return base / (double)m->n;
    size_t i = q / 2, j = (size_t)t->target[i];
    const double *y = m->ideal + a * m->K, *pi, *pj;
    option_pos(m, t, q, &pi, &pj);
    double v = base - pl__smp_U(m, t, a, a, i) - pl__smp_U(m, t, a, a, j);
    v += pl__smp_util(distance(m, a, y, pi), t->r[a]) +
         pl__smp_util(distance(m, a, y, pj), t->r[a]);
    return v / (double)m->n;
}

/* Actor k's queue: the status quo, its own bargain, bargains aimed at it; the winner. */
static int resolve(const pl_smp *m, turn *t, const double *x, const double *base, size_t k,
                   double *out)
{
    size_t nq = 0, n = m->n, views = m->o.bargains == PL_SMP_BARGAIN_INIT_RCVR ? 2 : 1;
    t->queue[nq++] = (size_t)-1;
    for (size_t v = 0; t->target[k] >= 0 && v < views; v++)
        t->queue[nq++] = 2 * k + v;
    for (size_t i = 0; i < n; i++)
        for (size_t v = 0; i != k && t->target[i] == (long)k && v < views; v++)
            t->queue[nq++] = 2 * i + v;
    for (size_t a = 0; a < n; a++)
        for (size_t q = 0; q < nq; q++)
            t->u[a * nq + q] = option_value(m, t, a, t->queue[q], base[a]);
    int rc = pl__smp_pce(&m->o, n, nq, m->c, t->u, t->p, t->work);
    if (rc)
        return rc;
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
    const double *pi = x + k * m->K, *pj = pi;
    if (b != (size_t)-1)
        option_pos(m, t, b, &pi, &pj);
    memcpy(out + k * m->K, b == (size_t)-1 || b / 2 == k ? pi : pj, m->K * sizeof *out);
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
    int rc = pl__smp_risk(m, t);
    if (rc)
        return rc;
    if (challenges(m, t, x))
        return -2;
    for (size_t a = 0; a < m->n; a++) {
        base[a] = 0;
        for (size_t l = 0; l < m->n; l++)
            base[a] += pl__smp_U(m, t, a, a, l);
    }
    for (size_t k = 0; k < m->n; k++)
        if ((rc = resolve(m, t, x, base, k, out)))
            return rc;
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

