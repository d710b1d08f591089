/* SPDX-License-Identifier: MIT */
/*
** eum.h: Bueno de Mesquita's Expected Utility Model on one issue, as
** specified by Scholz, Calbert & Smith (2011) (MODELS.md section 3).
**
** Actors challenge and make offers round by round; the forecast is the
** weighted median after the last round. Every round is recorded: positions,
** threat totals S_i and risk exponents r_i, who accepted whose offer and why
** (the two expected utilities), the median and the weighted mean.
*/
#ifndef PARLEY_EUM_H
#define PARLEY_EUM_H

#include <stddef.h>
#include "parley/export.h"
#include "parley/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum pl_eum_prob {
    PL_EUM_PROB_PUBLISHED = 0, /* sum of positive votes / sum of |votes| (eq. 30) */
    PL_EUM_PROB_NET,           /* max(sum of votes, 0) / sum of |votes| */
    PL_EUM_PROB_SCHOLZ         /* Scholz's code: own exponents, all-pairs denominator */
} pl_eum_prob;

typedef enum pl_eum_select {
    PL_EUM_SELECT_SMALLEST = 0, /* within a type, the offer that moves the receiver least */
    PL_EUM_SELECT_SCHOLZ,       /* Scholz's code: compromises by (|a| x_j + |b| x_i)/(|a|+|b|) */
    PL_EUM_SELECT_MAX_EU        /* the offer whose proposer gains most (largest b) */
} pl_eum_select;

typedef enum pl_eum_compromise {
    PL_EUM_COMPROMISE_FRACTION = 0, /* x_j + (x_i - x_j) |a/b| */
    PL_EUM_COMPROMISE_WEIGHTED      /* (|a| x_j + |b| x_i) / (|a| + |b|) */
} pl_eum_compromise;

typedef enum pl_eum_perspective {
    PL_EUM_RECEIVER = 0, /* both expected utilities at the receiver's exponent */
    PL_EUM_OWN           /* each at its own actor's exponent */
} pl_eum_perspective;

typedef enum pl_eum_move {
    PL_EUM_NONE = 0,
    PL_EUM_CONFLICT,     /* loses a conflict: moves to the proposer */
    PL_EUM_COMPROMISE,   /* moves part of the way */
    PL_EUM_CAPITULATION  /* gives in: moves to the proposer */
} pl_eum_move;

typedef enum pl_eum_stop {
    PL_EUM_STOP_ROUNDS = 0, /* the round limit */
    PL_EUM_STOP_CONVERGED,  /* nobody moved more than tol */
    PL_EUM_STOP_CYCLE,      /* a state repeated (see the period) */
    PL_EUM_STOP_AGREED      /* everybody at one position from the start */
} pl_eum_stop;

typedef enum pl_eum_cycle {   /* what a repeated state (period >= 2) means */
    PL_EUM_CYCLE_STOP = 0,      /* stop at the repeat; the forecast is the last state's median */
    PL_EUM_CYCLE_RUN,           /* play on to the round limit, as Scholz et al.'s code does */
    PL_EUM_CYCLE_MEAN           /* stop at the repeat; the forecast is the mean of the medians
                                   of the states in the cycle */
} pl_eum_cycle;

typedef struct pl_eum_opts {
    pl_eum_prob prob;
    pl_eum_select select;
    pl_eum_compromise compromise;
    pl_eum_perspective perspective;
    int sal25b_printed;   /* 1: eq. 25b as printed, with the challenger's salience */
    int no_capitulation;  /* 1: capitulations never happen (as in Scholz's code) */
    double q;             /* Q, probability the status quo persists unchallenged; 1 */
    int rounds;           /* round limit; 10 */
    double tol;           /* convergence and cycle tolerance; 1e-9 */
    int naive;            /* 1: O(n) vote sums per pair (the test oracle); 2: the fast sums,
                             but every receiver weighs proposers however far (no offer
                             reach) and Scholz's whole table kept: the earlier fast path,
                             for tests and bench/eum; 3: the offer reach with the whole
                             table (bench/eum's baseline for the kept rows) */
    pl_eum_cycle cycle;   /* what a cycle means; stop */
    int threads;          /* Scholz's probability on this many threads (0, 1: one); the
                             numbers never depend on it */
} pl_eum_opts;
#define PL_EUM_OPTS_INIT                                                                    \
    {PL_EUM_PROB_PUBLISHED, PL_EUM_SELECT_SMALLEST, PL_EUM_COMPROMISE_FRACTION,            \
     PL_EUM_RECEIVER, 0, 0, 1.0, 10, 1e-9, 0, PL_EUM_CYCLE_STOP, 0}

/**
 * Fill o with a named preset: "default" (the published model, the choices
 * MODELS.md marks [D]) or "scholz_code" (reproduces the trajectory of
 * Scholz et al.'s code). PL_EINPUT for other names.
 */
PL_API int pl_eum_preset(pl_eum_opts *o, const char *name, pl_error *err);
/** Name of preset k (0, 1, ...), NULL past the last. */
PL_API const char *pl_eum_preset_name(size_t k);

typedef struct pl_eum pl_eum;

/**
 * Run the model on n >= 2 actors: positions x (any scale whose spread is a
 * finite double), capabilities c >= 0 and saliences s in [0, 1]; weights c s
 * must not all be 0 and must sum to a finite double.
 * Complexity per round: O(n^2 log n) for every probability form, with n^2
 * powers and about n^2 / 16 doubles for Scholz's (every 16th row of its table,
 * docs/models.md) (O(n^3) with naive = 1).
 */
PL_API int pl_eum_run(pl_eum **out, const double *x, const double *c, const double *s,
                      size_t n, const pl_eum_opts *opts, pl_error *err);
PL_API void pl_eum_free(pl_eum *e);

PL_API size_t pl_eum_n_actors(const pl_eum *e);
/** Rounds played; positions exist for rounds 0 (the start) .. n_rounds. */
PL_API size_t pl_eum_n_rounds(const pl_eum *e);
PL_API double pl_eum_position(const pl_eum *e, size_t round, size_t i);
PL_API double pl_eum_median(const pl_eum *e, size_t round);
PL_API double pl_eum_mean(const pl_eum *e, size_t round);
/** Threat total S_i and risk exponent r_i of round t >= 1. */
PL_API double pl_eum_threat(const pl_eum *e, size_t round, size_t i);
PL_API double pl_eum_risk(const pl_eum *e, size_t round, size_t i);
/** The offer actor i accepted in round t >= 1: type, proposer (-1: none), a, b. */
PL_API pl_eum_move pl_eum_accepted(const pl_eum *e, size_t round, size_t i, long *proposer,
                                   double *a, double *b);
PL_API pl_eum_stop pl_eum_stop_reason(const pl_eum *e, size_t *period);
/**
 * The forecast: the weighted median after the last round, or with
 * PL_EUM_CYCLE_MEAN and a cycle of period p, the mean of the last p rounds'
 * medians.
 */
PL_API double pl_eum_forecast(const pl_eum *e);
PL_API const char *pl_eum_move_name(pl_eum_move m);
PL_API const char *pl_eum_stop_name(pl_eum_stop s);

#ifdef __cplusplus
}
#endif

#endif
