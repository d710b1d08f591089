/* SPDX-License-Identifier: MIT */
/*
** exchange.h: the Stokman-Van Oosten exchange model (Stokman & Van Oosten
** 1994; Dijkstra, van Assen, Stokman & Draaijer 2018; MODELS.md section 5).
**
** Actors trade voting positions across pairs of issues: one moves on an
** issue it cares little about toward the other's position, in return for the
** other's move on an issue it cares about more. Each round, played as the
** Decide implementation plays it (sides of O fixed at the round's start),
** executes the best exchanges one at a time until none is left, then actors'
** positions drift toward their voting positions. The forecast per issue is
** the capability x salience weighted mean O after the last round.
*/
#ifndef PARLEY_EXCHANGE_H
#define PARLEY_EXCHANGE_H

#include <stddef.h>
#include <stdint.h>
#include "parley/export.h"
#include "parley/error.h"
#include "parley/progress.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum pl_exchange_rule {
    PL_EXCHANGE_EQUAL_GAIN = 0, /* the rate that gives both traders the same gain */
    PL_EXCHANGE_RANDOM_RATE     /* a rate drawn uniformly between the two break-even rates */
} pl_exchange_rule;

typedef struct pl_exchange_opts {
    pl_exchange_rule rule;
    int rounds;        /* 10 */
    uint64_t seed;     /* ties between equal gains, and the random rates */
    pl_progress progress; /* after each round, out of rounds */
    int naive;         /* the path, all making the same trades: 0 (fast) the pairs by side
                          groups and a max-tree, only the candidates an exchange touched
                          sized again (on runs of at most 64 candidates a round, sets of
                          them scanned instead); 1 every candidate sized again after each
                          exchange (the test oracle); 2 issue 20's heap (the bench's
                          baseline); 3 the fast path without the sets (tests) */
} pl_exchange_opts;
#define PL_EXCHANGE_OPTS_INIT {PL_EXCHANGE_EQUAL_GAIN, 10, 0u, PL_PROGRESS_NONE, 0}

/* One executed exchange: i moves on issue p toward j, j on issue q toward i. */
typedef struct pl_exchange_trade {
    size_t round, i, j, p, q;
    double i_from, i_to, j_from, j_to;  /* voting positions, 0-100 */
    double shift_p, shift_q;            /* |change of O| on p and on q */
    double gain_i, gain_j;
} pl_exchange_trade;

typedef struct pl_exchange pl_exchange;

/**
 * Run the model on n actors and K >= 2 issues. x, s, c are n x K, actor
 * major: position (0-100; NaN = the actor is absent from that issue),
 * salience in [0, 1] and power >= 0. Per round, for E candidates
 * (<= K^2 n^2 / 4), P actor pairs on opposite sides and X exchanges, each
 * touching R = O(n K) candidates: O(K^2 n + P + E + X R) typical, O(X R log E)
 * worst (docs/models.md); O(K^2 n^2 + X E) with opts->naive = 1.
 */
PL_API int pl_exchange_run(pl_exchange **out, size_t n, size_t K, const double *x,
                           const double *s, const double *c, const pl_exchange_opts *opts,
                           pl_error *err);
/**
 * The same over a scenario: the actors at the table (power = capability),
 * every issue; an actor without a position on an issue is absent from it.
 */
struct pl_scenario;
PL_API int pl_exchange_run_scenario(pl_exchange **out, const struct pl_scenario *s,
                                    const pl_exchange_opts *opts, pl_error *err);
PL_API void pl_exchange_free(pl_exchange *e);
/** Actor (scenario index) of the model's actor a, after pl_exchange_run_scenario. */
PL_API size_t pl_exchange_actor(const pl_exchange *e, size_t a);
PL_API size_t pl_exchange_n_rounds(const pl_exchange *e);
PL_API size_t pl_exchange_n_actors(const pl_exchange *e);
/** O of issue k after round t (t = 0: before any exchange). */
PL_API double pl_exchange_outcome(const pl_exchange *e, size_t t, size_t k);
PL_API size_t pl_exchange_n_trades(const pl_exchange *e);
PL_API const pl_exchange_trade *pl_exchange_trade_at(const pl_exchange *e, size_t j);
/**
 * Externality of round t (>= 1) for actor a on issue k when a took no part in
 * an exchange on k: s_ak (|x_ak - O_before| - |x_ak - O_after|), positive when
 * O moved toward a; 0 for traders and absent actors.
 */
PL_API double pl_exchange_externality(const pl_exchange *e, size_t t, size_t a, size_t k);
/** First round's candidates: actor and issue pairs on opposite sides of O on both issues,
    and how many of them have equal salience ratios (no gain possible). */
PL_API size_t pl_exchange_candidates(const pl_exchange *e, size_t *equal_ratios);

#ifdef __cplusplus
}
#endif

#endif
