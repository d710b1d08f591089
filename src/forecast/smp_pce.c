/* SPDX-License-Identifier: MIT */
/*
** smp_pce.c: votes, victory probabilities and the probabilistic Condorcet
** election of the SMP (MODELS.md section 6, "Vote", "Victory", "PCE").
*/
#include "smp_impl.h"

#include <math.h>
#include <string.h>

double pl__smp_vote(pl_smp_vote rule, double w, double ua, double ub)
{
    double d = ua - ub, bin = d / 1e-8;
    bin = bin > 1 ? 1 : bin < -1 ? -1 : bin;
    switch (rule) {
    case PL_SMP_VOTE_BINARY: return w * bin;
    case PL_SMP_VOTE_PROPBIN: return w * (0.8 * d + 0.2 * bin);
    case PL_SMP_VOTE_PROPCBC: return w * (0.5 * d + 0.5 * d * d * d);
    case PL_SMP_VOTE_CUBIC: return w * d * d * d;
    case PL_SMP_VOTE_ASYMPROSP: return d < 0 ? w * d : (2.0 / 3) * w * d;
    default: return w * d;
    }
}

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

int pl__smp_pce(const pl_smp_opts *o, size_t n, size_t m, const double *w, const double *u,
                double *p, double *work)
{
    double *C = work, *P = work + m * m;
    for (size_t a = 0; a < m; a++)
        for (size_t b = 0; b < m; b++) {
            double c = 1e-8;
            for (size_t k = 0; a != b && k < n; k++) {
                double v = pl__smp_vote(o->vote, w[k], u[k * m + a], u[k * m + b]);
                c += v > 0 ? v : 0;
            }
            C[a * m + b] = c;
        }
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
