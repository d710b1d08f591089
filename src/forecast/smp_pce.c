/* SPDX-License-Identifier: MIT */
/*
** smp_pce.c: votes, victory probabilities and the probabilistic Condorcet
** election of the SMP (MODELS.md section 6, "Vote", "Victory", "PCE").
*/
#include "smp_impl.h"
#include "../core/parallel.h"

#include <math.h>
#include <string.h>

double pl__smp_victory(pl_smp_vpm vpm, double cab, double cba)
{
    if (vpm == PL_SMP_VPM_BINARY) {
        const double sure = 1 / (1 + 1e-6);
        if (cab >= 1.1 * cba)
            return sure;
        if (cba >= 1.1 * cab)
            return 1 - sure;
        return (2.1 * cab / (cab + cba) - 1) / 0.1;
    }
    int e = vpm == PL_SMP_VPM_SQUARE ? 2 : vpm == PL_SMP_VPM_QUARTIC ? 4
          : vpm == PL_SMP_VPM_OCTIC ? 8 : 1;
    if (e == 1) /* pow(x, 1) is x: x is representable and glibc's pow errs by under half an ulp */
        return cab / (cab + cba);
    double fa = pow(cab, e), fb = pow(cba, e);
    return fa / (fa + fb);
}

/* Markov forms: iterate q from p until it settles (MODELS.md: 1e-6 uniform, 1e-8 incentive). */
static int markov(const pl_smp_opts *o, size_t m, const double *P, const double *C, double *p,
                  double *q)
{
    int incentive = o->pce == PL_SMP_PCE_MARKOV_INCENTIVE;
    double tol = incentive ? 1e-8 : 1e-6;
    for (size_t a = 0; a < m; a++)
        p[a] = 1.0 / (double)m;
    for (int it = 0; it < 10000; it++) {
        double diff = 0;
        for (size_t a = 0; a < m; a++) {
            q[a] = 0;
            for (size_t b = 0; b < m; b++) {
                if (!incentive) {
                    q[a] += P[a * m + b] * (p[a] + p[b]) / (double)m;
                    continue;
                }
                double to_a = 0, to_b = 0; /* pi(b->a) and pi(a->b) */
                double nba = C[b * m + a] * P[b * m + a] + (a == b ? 1e-10 : 0);
                double nab = C[a * m + b] * P[a * m + b] + (a == b ? 1e-10 : 0);
                double sa = 0, sb = 0;
                for (size_t l = 0; l < m; l++) {
                    sa += C[l * m + a] * P[l * m + a] + (l == a ? 1e-10 : 0);
                    sb += C[l * m + b] * P[l * m + b] + (l == b ? 1e-10 : 0);
                }
                to_a = nba / sa, to_b = nab / sb;
                q[a] += P[a * m + b] * (p[a] * to_a + p[b] * to_b);
            }
            diff = fmax(diff, fabs(q[a] - p[a]));
        }
        if (diff < tol)
            return 0;
        for (size_t a = 0; a < m; a++)
            p[a] = incentive ? q[a] : (p[a] + q[a]) / 2;
    }
    return -1;
}

enum { PL__SMP_ROWS = 8 }; /* rows of coalitions summed together */

typedef struct cjob {
    const pl_smp_opts *o;
    size_t n, m, lo, hi;  /* voters, options, rows lo..hi-1 */
    const double *w, *u;
    double *C, *D;        /* D[a m + b] collects C_ba for b > a (antisymmetric rules) */
} cjob;

/* The pair-by-pair sums: the oracle (pl_smp_opts.naive). */
static void coalitions_naive(const cjob *j)
{
    size_t m = j->m;
    for (size_t a = 0; a < m; a++)
        for (size_t b = 0; b < m; b++) {
            double c = 1e-8;
            for (size_t k = 0; a != b && k < j->n; k++) {
                double v = pl__smp_vote(j->o->vote, j->w[k], j->u[k * m + a], j->u[k * m + b]);
                c += v > 0 ? v : 0;
            }
            j->C[a * m + b] = c;
        }
}

/*
** Voter k's votes on (a:b) for b in [from, m): the positive ones add to C_ab;
** with D, the negative ones (the votes on (b:a), negated exactly: every rule
** but asymprosp is odd in u_a - u_b) add to D_ab = C_ba.
*/
static PL__SMP_INLINE void coalition_add(pl_smp_vote rule, double wk, double ua,
                                         const double *restrict uk, double *restrict Ca,
                                         double *restrict Da, size_t from, size_t m)
{
    if (!Da) {
        for (size_t b = from; b < m; b++) {
            double v = pl__smp_vote(rule, wk, ua, uk[b]);
            Ca[b] += v > 0 ? v : 0;
        }
        return;
    }
    for (size_t b = from; b < m; b++) {
        double v = pl__smp_vote(rule, wk, ua, uk[b]);
        Ca[b] += v > 0 ? v : 0;
        Da[b] += v < 0 ? -v : 0;
    }
}

/* Voter k's votes with the rule made a constant in each case (each loop vectorises). */
static PL__SMP_INLINE void coalition_add_by_rule(pl_smp_vote rule, double wk, double ua,
                                                 const double *uk, double *Ca, double *Da,
                                                 size_t from, size_t m)
{
    switch (rule) {
    case PL_SMP_VOTE_PROP: coalition_add(PL_SMP_VOTE_PROP, wk, ua, uk, Ca, Da, from, m); break;
    case PL_SMP_VOTE_BINARY:
        coalition_add(PL_SMP_VOTE_BINARY, wk, ua, uk, Ca, Da, from, m);
        break;
    case PL_SMP_VOTE_PROPBIN:
        coalition_add(PL_SMP_VOTE_PROPBIN, wk, ua, uk, Ca, Da, from, m);
        break;
    case PL_SMP_VOTE_PROPCBC:
        coalition_add(PL_SMP_VOTE_PROPCBC, wk, ua, uk, Ca, Da, from, m);
        break;
    case PL_SMP_VOTE_CUBIC: coalition_add(PL_SMP_VOTE_CUBIC, wk, ua, uk, Ca, Da, from, m); break;
    case PL_SMP_VOTE_ASYMPROSP:
        coalition_add(PL_SMP_VOTE_ASYMPROSP, wk, ua, uk, Ca, NULL, from, m);
        break;
    default: break; /* refused by pl_smp_run */
    }
}

/*
** Rows lo..hi-1 of the coalitions C_ab = 1e-8 + sum_k max(vote_k(a:b), 0).
** Voters outside, options b innermost: u is voter-major, so each voter's
** row is read in order, and every C_ab still sums its voters in order (the
** same numbers as a sum per pair; adding 0 changes nothing, and a vote on
** (a:a) is 0). With D only b > a: half the votes. O(n m^2) time; u is read
** m / block times, not m times.
*/
static PL__SMP_INLINE void rows(const cjob *j, size_t block)
{
    size_t m = j->m;
    for (size_t a = j->lo; a < j->hi; a++) {
        double *Ca = j->C + a * m, *Da = j->D ? j->D + a * m : NULL;
        for (size_t b = Da ? a + 1 : 0; b < m; b++) {
            Ca[b] = 1e-8;
            if (Da)
                Da[b] = 1e-8;
        }
    }
    /* block rows at a time: each voter's row of u is read once per block (from L1), not
       once per row (from memory: u is n m doubles) */
    for (size_t a0 = j->lo; a0 < j->hi; a0 += block) {
        size_t a1 = j->hi - a0 < block ? j->hi : a0 + block;
        for (size_t k = 0; k < j->n; k++) {
            const double *uk = j->u + k * m;
            for (size_t a = a0; a < a1; a++) {
                double *Ca = j->C + a * m, *Da = j->D ? j->D + a * m : NULL;
                coalition_add_by_rule(j->o->vote, j->w[k], uk[a], uk, Ca, Da, Da ? a + 1 : 0,
                                      m);
            }
        }
    }
}

/* rows() with clones for wider vectors (smp_impl.h): the same numbers on every CPU. */
PL__CLONES static void *coalition_rows(void *arg)
{
    rows(arg, PL__SMP_ROWS);
    return NULL;
}

/* rows() left scalar and row by row, as before (pl_smp_opts.naive = 2). */
PL__SMP_SCALAR static void *coalition_rows_scalar(void *arg)
{
    rows(arg, 1);
    return NULL;
}

/*
** The coalitions, on o->threads threads once they are worth it (n m^2 above
** 10^6); D (m x m scratch) halves the work for the odd rules. Rows are split
** so that each thread gets as many pairs (the rows shorten with a).
*/
static int coalitions(const pl_smp_opts *o, size_t n, size_t m, const double *w,
                      const double *u, double *C, double *D)
{
    cjob jobs[64];
    size_t nt = o->threads > 1 && (double)n * (double)m * (double)m > 1e6 ? (size_t)o->threads : 1;
    nt = nt > 64 ? 64 : nt > m ? m : nt;
    if (o->vote == PL_SMP_VOTE_ASYMPROSP)
        D = NULL;
    for (size_t k = 0; k < nt; k++) {
        double f0 = (double)k / (double)nt, f1 = (double)(k + 1) / (double)nt;
        size_t lo = D ? m - (size_t)((double)m * sqrt(1 - f0)) : m * k / nt;
        size_t hi = D ? (k + 1 == nt ? m : m - (size_t)((double)m * sqrt(1 - f1))) : m * (k + 1) / nt;
        jobs[k] = (cjob){o, n, m, lo, hi, w, u, C, D};
    }
    if (o->naive == 1) {
        coalitions_naive(jobs);
        return 0;
    }
    void *(*fn)(void *) = o->naive == 2 ? coalition_rows_scalar : coalition_rows;
    if (nt == 1)
        fn(jobs);
    else if (pl__parallel(jobs, sizeof *jobs, nt, fn))
        return -1;
    for (size_t a = 0; D && a < m; a++) {
        C[a * m + a] = 1e-8;
        for (size_t b = a + 1; b < m; b++)
            C[b * m + a] = D[a * m + b];
    }
    return 0;
}

int pl__smp_pce(const pl_smp_opts *o, size_t n, size_t m, const double *w, const double *u,
                double *p, double *work)
{
    double *C = work, *P = work + m * m;
    if (coalitions(o, n, m, w, u, C, P)) /* P is free until the coalitions are done */
        return -2;
    for (size_t a = 0; a < m; a++)
        for (size_t b = 0; b < m; b++)
            P[a * m + b] = a == b ? 0.5 : pl__smp_victory(o->vpm, C[a * m + b], C[b * m + a]);
    if (o->pce != PL_SMP_PCE_CONDITIONAL)
        return markov(o, m, P, C, p, work + 2 * m * m) ? -1 : 0;
    double tot = 0;
    for (size_t a = 0; a < m; a++) {
        double x = 1;
        for (size_t b = 0; b < m; b++)
            x *= P[a * m + b];
        p[a] = x, tot += x;
    }
    for (size_t a = 0; a < m; a++)
        p[a] /= tot;
    return 0;
}
