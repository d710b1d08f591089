/* SPDX-License-Identifier: MIT */
/*
** smp_impl.h: the Condorcet-election pieces of the SMP (library-internal).
*/
#ifndef PL_SMP_IMPL_H
#define PL_SMP_IMPL_H

#include "parley/smp.h"

/* Voter's vote with weight w for a over b, their values ua and ub (inline: the inner loop of
   the n^3 challenges and elections). */
static inline double pl__smp_vote(pl_smp_vote rule, double w, double ua, double ub)
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
/* P(a > b) from the coalition strengths C_ab and C_ba. */
double pl__smp_victory(pl_smp_vpm vpm, double cab, double cba);
/*
** The probabilistic Condorcet election over m options: voter k (n of them,
** weight w[k]) values option a at u[k m + a]. p receives the m probabilities.
** work needs room for 2 m^2 + m doubles. -1 when a Markov form does not
** settle in 10,000 iterations, -2 when there is no memory for its threads.
*/
int pl__smp_pce(const pl_smp_opts *o, size_t n, size_t m, const double *w, const double *u,
                double *p, double *work);

struct pl_smp {
    size_t n, K, T;          /* actors, dimensions, turns done */
    pl_smp_opts o;
    const double *c;         /* capabilities, borrowed during the run only */
    double *s;               /* per actor: total salience */
    double *sal;             /* n x K, 0-1 */
    double *hist;            /* (T + 1) x n x K, 0-1 */
    double *ideal;           /* n x K, 0-1: where each actor would like to be now */
    size_t cycle;            /* period of a detected cycle, 0: none */
    size_t cap;              /* states the history has room for */
    double *change;          /* per turn, 1-based */
    double *prob;            /* per actor: its final position's probability */
    double *mean, *median;   /* per dimension, 0-100 */
    pl_smp_stop stop;
};

/* Scratch of one turn (smp_run.c allocates it). */
typedef struct turn {
    double *d;               /* n x n: d_ij from i's ideal to j's position */
    double *r;               /* risk attitudes */
    double *u, *work, *p;    /* election scratch: n x (n + 2), 2 (n + 2)^2 + n + 2, n + 2 */
    long *target;
    double *P, *bi, *bj;     /* i's P against its target; its bargain, n x K each */
    double *ri, *rj;         /* the receiver's view of i's bargain (init-rcvr), n x K each */
    size_t *queue;           /* resolution options, 2 n + 1: SIZE_MAX the status quo, else
                                2 i + v for initiator i's bargain in view v */
    size_t turn;             /* 1-based: the turn being taken (stochastic streams) */
} turn;

struct pl_scenario;
/* The SMP over a scenario: actors at the table, one dimension per issue (smp_scenario.c). */
int pl__forecast_smp(const struct pl_scenario *s, const pl_smp_opts *o, pl_smp **out,
                     pl_error *err);

void pl__smp_distances(const pl_smp *m, turn *t, const double *x);
int pl__smp_risk(const pl_smp *m, turn *t);
double pl__smp_U(const pl_smp *m, const turn *t, size_t h, size_t i, size_t j);
/* One turn from state x to state out (n x K each); the sum of the moves goes to *moved. */
int pl__smp_step(const pl_smp *m, turn *t, const double *x, double *out, double *moved,
                 double *base);

#endif
