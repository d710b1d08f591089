/* SPDX-License-Identifier: MIT */
/*
** smp_impl.h: the Condorcet-election pieces of the SMP (library-internal).
*/
#ifndef PL_SMP_IMPL_H
#define PL_SMP_IMPL_H

#include "parley/smp.h"
#include "../core/clones.h"

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
/*
** The n^3 loops' kernels get clones for wider vectors (PL__CLONES, core/clones.h:
** the same numbers bit for bit). The same loops kept scalar: the previous fast
** turn, the benchmark's baseline. A body that both share is PL__SMP_INLINE, so
** that each gets its own copy, vectorised or not.
*/
#if defined(__GNUC__) && !defined(__clang__)
#define PL__SMP_SCALAR __attribute__((optimize("no-tree-vectorize")))
#define PL__SMP_INLINE __attribute__((always_inline)) inline
#else
#define PL__SMP_SCALAR
#define PL__SMP_INLINE inline
#endif

/* u(d, r): the utility of a position at distance d (0-1 scale) to an actor of risk attitude r.
   Both arms computed, then one taken: a select that the n^3 loops vectorise. */
static inline double pl__smp_util(double d, double r)
{
    double near = (1 - d) * (1 + d * r), far = (1 - d) * (1 + r);
    return d <= 1 ? near : far;
}

/* Add vote v to the coalition for i (positive) or for j (its magnitude). */
static inline void pl__smp_add(double v, double *cij, double *cji)
{
    if (v > 0)
        *cij += v;
    else
        *cji -= v;
}

/* What third party n expects of (i:j) when it backs i and when it backs j, given pin. */
static inline void pl__smp_joins(pl_smp_commit cm, double pin, double uni, double unj, double unn,
                                 double *ji, double *jj)
{
    double own = cm == PL_SMP_COMMIT_FULL ? 0 : 1; /* does n keep a third of its own place? */
    double keep_i = cm == PL_SMP_COMMIT_NONE ? 1 : 0, keep_j = keep_i;
    /* i wins with n: two parties at i's position and n at its own (semi, none) or i's (full) */
    double win_i = 2 * uni + (own ? unn : uni), lose_i = 3 * unj - keep_i * (unj - unn);
    double win_j = 2 * unj + (own ? unn : unj), lose_j = 3 * uni - keep_j * (uni - unn);
    *ji = pin * win_i + (1 - pin) * lose_i;
    *jj = pin * lose_j + (1 - pin) * win_j;
}

/* i's expected gain from challenging j (salience sj) that i wins with probability P. */
static inline double pl__smp_gain(double sj, double uii, double uij, double P)
{
    double sq = uii + uij, vict = 2 * uii, contest = 2 * P * uii + 2 * (1 - P) * uij;
    return (1 - sj) * vict + sj * contest - sq;
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

/*
** The fast form of challenge() for h = i over every target j at once
** (smp_sweep.c): per actor n, i's belief of n's attitude, n's weight, U^i_ni
** and U^i_nn; per target j, the principals' coalitions, then the totals with
** the third parties.
*/
typedef struct sweep {
    double *b, *w, *un_i, *un_n;
    double *cij, *cji, *tij, *tji;
} sweep;
/* Challengers swept together: each row of distances is read from memory once for them all
   (their per-target sums, 32 n bytes each, stay in L2). */
enum { PL__SMP_BLOCK = 4 };
/* Challengers i0..i0+nb-1 (nb <= PL__SMP_BLOCK): each one's best target (t->target[i], -1:
   none) and its P, through scratch s[0..nb-1]. */
void pl__smp_sweep(const pl_smp *m, turn *t, const sweep *s, size_t i0, size_t nb);
/* h's belief of i's risk attitude under the perspective rule. */
double pl__smp_believed(const pl_smp *m, const turn *t, size_t h, size_t i);

void pl__smp_distances(const pl_smp *m, turn *t, const double *x);
int pl__smp_risk(const pl_smp *m, turn *t);
double pl__smp_U(const pl_smp *m, const turn *t, size_t h, size_t i, size_t j);
/* One turn from state x to state out (n x K each); the sum of the moves goes to *moved. */
int pl__smp_step(const pl_smp *m, turn *t, const double *x, double *out, double *moved,
                 double *base);

#endif
