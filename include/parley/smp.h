/* SPDX-License-Identifier: MIT */
/*
** smp.h: the Spatial Model of Politics of KAPSARC's KTAB (MODELS.md section
** 6), re-implemented from that description: n actors bargain turn by turn
** over positions in K dimensions (0-100). Each turn infers risk attitudes
** from a probabilistic Condorcet election over the positions, lets every
** actor challenge the target worth most to it, interpolates a bargain, and
** resolves each actor's queue of bargains by another election. KTAB's
** defaults are parley's defaults; the run ends on the fractional-change rule.
** Beyond KTAB: per-dimension point forecasts (probability-weighted mean and
** median of the final state) and the reason the run stopped.
*/
#ifndef PARLEY_SMP_H
#define PARLEY_SMP_H

#include <stddef.h>
#include <stdint.h>
#include "parley/export.h"
#include "parley/error.h"
#include "parley/progress.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum pl_smp_vote {      /* a voter's vote with weight w on (a:b), d = u_a - u_b */
    PL_SMP_VOTE_PROP = 0,       /* w d (default) */
    PL_SMP_VOTE_BINARY,         /* w clip(d / 1e-8, -1, 1) */
    PL_SMP_VOTE_PROPBIN,        /* w (0.8 d + 0.2 binary) */
    PL_SMP_VOTE_PROPCBC,        /* w (0.5 d + 0.5 d^3) */
    PL_SMP_VOTE_CUBIC,          /* w d^3 */
    PL_SMP_VOTE_ASYMPROSP       /* w d if d < 0, else 2/3 w d */
} pl_smp_vote;

typedef enum pl_smp_vpm {       /* P(a > b) from coalition strengths */
    PL_SMP_VPM_LINEAR = 0,      /* C_ab / (C_ab + C_ba) (default) */
    PL_SMP_VPM_SQUARE,
    PL_SMP_VPM_QUARTIC,
    PL_SMP_VPM_OCTIC,
    PL_SMP_VPM_BINARY           /* near-certain beyond a 10% edge, linear within */
} pl_smp_vpm;

typedef enum pl_smp_pce {       /* probabilistic Condorcet election over options */
    PL_SMP_PCE_CONDITIONAL = 0, /* p_a proportional to prod_b P(a > b) (default) */
    PL_SMP_PCE_MARKOV_UNIFORM,
    PL_SMP_PCE_MARKOV_INCENTIVE
} pl_smp_pce;

typedef enum pl_smp_risk {      /* risk attitude r_i from p_i */
    PL_SMP_RISK_MID = 0,        /* in [-1/2, 1] (default) */
    PL_SMP_RISK_MIN,            /* in [0, 1] */
    PL_SMP_RISK_MAX             /* in [-1, 1] */
} pl_smp_risk;

typedef enum pl_smp_persp {     /* what h believes i's risk attitude is */
    PL_SMP_PERSP_ONE_THIRD = 0, /* (2 r_h + r_i) / 3 (default) */
    PL_SMP_PERSP_NONE,          /* r_h */
    PL_SMP_PERSP_HALF,          /* (r_h + r_i) / 2 */
    PL_SMP_PERSP_TWO_THIRDS,    /* (r_h + 2 r_i) / 3 */
    PL_SMP_PERSP_FULL           /* r_i */
} pl_smp_persp;

typedef enum pl_smp_interp {    /* bargain weights per dimension */
    PL_SMP_INTERP_S2P2 = 0,     /* salience^2 x probability^2 (default) */
    PL_SMP_INTERP_S1P1,         /* salience x probability */
    PL_SMP_INTERP_S2PMAX        /* the likelier side moves the other by its edge in P,
                                   weighted by saliences squared */
} pl_smp_interp;

typedef enum pl_smp_commit {   /* what a third party expects from joining a side */
    PL_SMP_COMMIT_SEMI = 0,     /* the winner's side moves it two thirds of the way (default) */
    PL_SMP_COMMIT_FULL,         /* it takes the winner's position whatever it chose */
    PL_SMP_COMMIT_NONE          /* it keeps its own position whatever it chose */
} pl_smp_commit;

typedef enum pl_smp_bargains {  /* which bargains go into the queues */
    PL_SMP_BARGAIN_INIT = 0,    /* the initiator's view of the bargain (default) */
    PL_SMP_BARGAIN_INIT_RCVR,   /* both the initiator's and the receiver's views */
    PL_SMP_BARGAIN_POWER        /* one bargain: the views averaged by capability x salience */
} pl_smp_bargains;

typedef struct pl_smp_opts {
    pl_smp_vote vote;
    pl_smp_vpm vpm;
    pl_smp_pce pce;
    pl_smp_risk risk;
    pl_smp_persp persp;
    pl_smp_interp interp;
    pl_smp_commit commit;
    pl_smp_bargains bargains;
    unsigned max_turns;         /* 100 */
    unsigned min_turns;         /* 2 */
    double stop_ratio;          /* stop when the change is below this share of turn 1's (0.02) */
    double accommodate;         /* ideals move this share of the way to the new positions
                                   each turn (1: ideal = position, KTAB's default) */
    const double *accommodation;/* or a whole matrix A (n x n, row-major, entries >= 0, rows
                                   summing to at most 1): y_i <- sum_j A_ij x'_j
                                   + (1 - sum_j A_ij) y_i; NULL: accommodate x identity */
    int threads;                /* challenges on this many threads (0, 1: one); the run never
                                   depends on it */
    int stochastic;             /* 1: each queue's winner is drawn from the election's odds
                                   (stream t n + k of seed for actor k in turn t); 0: the
                                   likeliest (default) */
    uint64_t seed;
    double max_work;            /* refuse a run whose estimated work (about 5 n^3 per turn, times
                                   max_turns) is above this; 0: 10^13 (an hour or so) */
    double max_bytes;           /* refuse a run needing more memory than this; 0: 1 GiB */
    pl_progress progress;       /* in challengers: n per turn, max_turns x n in all */
    int naive;                  /* 1: each challenge weighed on its own, third party by third
                                   party (the test oracle; the same numbers, slower); 2: the
                                   fast turn's loops scalar, one challenger at a time (the
                                   benchmark's baseline; the same numbers); 0: vectorised */
} pl_smp_opts;
#define PL_SMP_OPTS_INIT                                                                     \
    {PL_SMP_VOTE_PROP, PL_SMP_VPM_LINEAR, PL_SMP_PCE_CONDITIONAL, PL_SMP_RISK_MID,           \
     PL_SMP_PERSP_ONE_THIRD, PL_SMP_INTERP_S2P2, PL_SMP_COMMIT_SEMI, PL_SMP_BARGAIN_INIT,     \
     100, 2, 0.02, 1.0, NULL, 1, 0, 0, 0, 0, PL_PROGRESS_NONE, 0}

typedef enum pl_smp_stop {
    PL_SMP_STOP_QUIET = 0,      /* the fractional change fell below stop_ratio */
    PL_SMP_STOP_TURNS,          /* max_turns reached without that */
    PL_SMP_STOP_CYCLE           /* a state repeated an earlier one (pl_smp_cycle) */
} pl_smp_stop;

typedef struct pl_smp pl_smp;
struct pl_scenario;

/**
 * Run the model: n >= 3 actors with capability c[i] > 0, position x[i K + k]
 * in [0, 100] and salience s[i K + k] in [0, 1] (each actor's sum in (0, 1]).
 * PL_EINPUT for bad input (an actor with zero total salience, ...); when all
 * actors start at one position the run stops at once (nothing to bargain over).
 */
PL_API int pl_smp_run(pl_smp **out, size_t n, size_t K, const double *c, const double *x,
                      const double *s, const pl_smp_opts *opts, pl_error *err);
PL_API void pl_smp_free(pl_smp *m);

/** Actors and dimensions of the run (n and K of pl_smp_run). */
PL_API size_t pl_smp_n_actors(const pl_smp *m);
PL_API size_t pl_smp_n_dims(const pl_smp *m);
/**
 * The SMP of a forecast (pl_forecast_smp) runs over the scenario actors that
 * take part: at the table, with some salience (one dimension per issue).
 * 1 if scenario actor i is one of them; the SMP's actor j is the j-th of
 * them in scenario order.
 */
PL_API int pl_smp_takes_part(const struct pl_scenario *s, size_t i);
/** States 0..T (T turns); position of actor i on dimension k (0-100) in state t. */
PL_API size_t pl_smp_n_states(const pl_smp *m);
PL_API double pl_smp_position(const pl_smp *m, size_t t, size_t i, size_t k);
/** Turn t's change (sum over actors of how far each moved) over turn 1's (t >= 1). */
PL_API double pl_smp_change(const pl_smp *m, size_t t);
PL_API pl_smp_stop pl_smp_stop_reason(const pl_smp *m);
/** With PL_SMP_STOP_CYCLE: how many turns the cycle takes (0 otherwise). */
PL_API size_t pl_smp_cycle(const pl_smp *m);
/** Probability of actor i's final position (the same for actors that share it). */
PL_API double pl_smp_probability(const pl_smp *m, size_t i);
/** Point forecasts of dimension k: probability-weighted mean and median of the final state. */
PL_API double pl_smp_mean(const pl_smp *m, size_t k);
PL_API double pl_smp_median(const pl_smp *m, size_t k);

#ifdef __cplusplus
}
#endif

#endif
