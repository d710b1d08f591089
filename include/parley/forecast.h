/* SPDX-License-Identifier: MIT */
/*
** forecast.h: where each issue is likely to land.
**
** Central-tendency forecasts (MODELS.md section 2): capability x salience
** weighted mean, weighted median, and the one-issue Nash bargaining solution
** with the status quo as disagreement point. The array functions are pure
** and usable alone; pl_forecast_compute() runs them on every issue of a
** scenario over the actors at the table that take a position on it.
*/
#ifndef PARLEY_FORECAST_H
#define PARLEY_FORECAST_H

#include <stddef.h>
#include "parley/export.h"
#include "parley/error.h"
#include "parley/scenario.h"
#include "parley/emit.h"
#include "parley/eum.h"
#include "parley/exchange.h"
#include "parley/smp.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Actor weight in a forecast: w_i = c_i s_i by default. */
typedef enum pl_weight_mode {
    PL_WEIGHT_CS = 0,  /* capability x salience */
    PL_WEIGHT_S,       /* salience only */
    PL_WEIGHT_C,       /* capability only */
    PL_WEIGHT_ONE      /* unweighted */
} pl_weight_mode;

/* Weighted median when the cumulative weight hits exactly half. */
typedef enum pl_median_tie {
    PL_TIE_LOWER = 0,
    PL_TIE_UPPER,
    PL_TIE_MIDPOINT
} pl_median_tie;

/* Utility of an outcome x to an actor at x_i: -|x - x_i| or -(x - x_i)^2. */
typedef enum pl_loss {
    PL_LOSS_LINEAR = 0,
    PL_LOSS_QUADRATIC
} pl_loss;

typedef enum pl_model {
    PL_MODEL_MEAN = 0,
    PL_MODEL_MEDIAN,
    PL_MODEL_NBS,
    PL_MODEL_EUM,      /* Expected Utility Model: the weighted median after the last round */
    PL_MODEL_EXCHANGE, /* exchange model over all issues: O after the last round (K >= 2) */
    PL_MODEL_SMP,      /* KTAB's Spatial Model of Politics over all issues at once: the
                          probability-weighted median of its final state; only on request */
    PL_MODEL_VETO,     /* procedural compromise: the weighted mean projected onto the status
                          quo's win-set under the issue's deciders (decided_by; without them
                          every actor at the table); only on request */
    PL_MODEL_COUNT
} pl_model;

/** Short name of a model ("mean", "median", "nbs", "eum", "exchange", "smp", "veto"); NULL
    if unknown. */
PL_API const char *pl_model_name(pl_model m);

/**
 * Weighted mean sum(w x) / sum(w), summed in input order (bit-stable).
 * Weights must be >= 0 and sum to more than 0, else PL_EINPUT.
 * Complexity: O(n).
 */
PL_API int pl_weighted_mean(double *out, const double *x, const double *w, size_t n,
                            pl_error *err);

/**
 * Weighted median: the first x (in stable sorted order) whose cumulative
 * weight reaches half the total; on an exact tie (within 1e-12 of the total)
 * the lower point, the upper one, or their midpoint.
 * Zero-weight points never decide. Complexity: O(n log n).
 */
PL_API int pl_weighted_median(double *out, const double *x, const double *w, size_t n,
                              pl_median_tie tie, pl_error *err);

typedef struct pl_nbs_opts {
    pl_loss loss;
    int has_status_quo;   /* 1: disagreement point is the status quo q */
    double status_quo;    /* q on the 0-100 scale */
    double disagreement;  /* else: catastrophic disagreement utility D < 0 for all;
                             0 means the default, -100 (linear) or -100^2 (quadratic) */
} pl_nbs_opts;
#define PL_NBS_OPTS_INIT {PL_LOSS_LINEAR, 0, 0.0, 0.0}

/**
 * One-issue asymmetric Nash bargaining solution (Nash 1950; Kalai 1977):
 * argmax over x in F of sum_i w_i ln(u_i(x) - d_i), F = the outcomes every
 * actor weakly prefers to disagreement. Positions in [0, 100]. Actors with
 * zero weight are left out. If F is a single point it is returned.
 * Accuracy 1e-9. Complexity: O(n log(1/tol)).
 */
PL_API int pl_nbs_1d(double *out, const double *x, const double *w, size_t n,
                     const pl_nbs_opts *opts, pl_error *err);

typedef struct pl_forecast_opts {
    pl_weight_mode weights;   /* default PL_WEIGHT_CS */
    pl_median_tie tie;        /* default PL_TIE_LOWER */
    pl_loss loss;             /* NBS utility, default linear */
    int ignore_status_quo;    /* NBS: 1 = use the catastrophic disagreement below */
    double disagreement;      /* NBS without status quo; 0 = default (see pl_nbs_opts) */
    unsigned models;          /* bit (1 << pl_model) per model to run; 0 = all */
    pl_eum_opts eum;          /* EUM knobs (its weights are always capability x salience) */
    pl_exchange_opts exchange;/* exchange model knobs */
    pl_smp_opts smp;          /* SMP knobs (its weights are capability x salience per issue) */
} pl_forecast_opts;
#define PL_FORECAST_OPTS_INIT                                                               \
    {PL_WEIGHT_CS, PL_TIE_LOWER, PL_LOSS_LINEAR, 0, 0.0, 0u, PL_EUM_OPTS_INIT,              \
     PL_EXCHANGE_OPTS_INIT, PL_SMP_OPTS_INIT}

typedef struct pl_forecast pl_forecast;

/**
 * Run every central-tendency model on every issue of s.
 * Actors count on an issue when they are at the table and take a position on it.
 * @return PL_OK, PL_EINPUT (an issue with no weight), PL_ENOMEM.
 * Complexity: O(K n log n) for K issues and n actors.
 */
PL_API int pl_forecast_compute(pl_forecast **out, const pl_scenario *s,
                               const pl_forecast_opts *opts, pl_error *err);
PL_API void pl_forecast_free(pl_forecast *f);

PL_API size_t pl_forecast_n_issues(const pl_forecast *f);
/** Forecast of model m on issue k (0-100); NaN never appears. */
PL_API double pl_forecast_value(const pl_forecast *f, size_t k, pl_model m);
/** 1 if model m was run (the exchange model needs 2 issues or more). */
PL_API int pl_forecast_has(const pl_forecast *f, pl_model m);
/** The EUM run of issue k (rounds, moves), NULL if not run or fewer than 2 actors counted. */
PL_API const pl_eum *pl_forecast_eum(const pl_forecast *f, size_t k);
/** The exchange model's run over all issues, NULL if not run. */
/** The SMP run behind PL_MODEL_SMP (NULL when it did not run). Its actors are the scenario's
    actors at the table that hold some position, in scenario order. */
PL_API const pl_smp *pl_forecast_smp(const pl_forecast *f);
PL_API const pl_exchange *pl_forecast_exchange(const pl_forecast *f);
/** Number of actors that counted on issue k, and their total weight. */
PL_API size_t pl_forecast_n_counted(const pl_forecast *f, size_t k);
PL_API double pl_forecast_total_weight(const pl_forecast *f, size_t k);

/** Describe the forecasts (with each value's nearest scale anchor) to e. */
PL_API int pl_forecast_emit(const pl_forecast *f, const pl_scenario *s, pl_emitter *e);
/**
 * Describe the EUM runs: table "trajectory" (issue, round, median, mean,
 * stop) and, with moves != 0, table "moves" (every accepted offer: issue,
 * round, actor, move, proposer, a, b, from, to).
 */
PL_API int pl_forecast_emit_eum(const pl_forecast *f, const pl_scenario *s, int moves,
                                pl_emitter *e);
/** Describe the exchanges executed: table "exchanges" (round, who moved where, gains). */
/** The SMP's turns (change per turn, why it stopped), final positions with probabilities,
    and (trajectory) every actor's position turn by turn. */
PL_API int pl_forecast_emit_smp(const pl_forecast *f, const pl_scenario *s, int trajectory,
                                pl_emitter *e);
PL_API int pl_forecast_emit_exchanges(const pl_forecast *f, const pl_scenario *s, pl_emitter *e);

/* Parts of the forecast's document (pl_forecast_emit_document). */
enum {
    PL_FORECAST_DOC_SCENARIO = 1u << 0,   /* the scenario first (`parley analyze`) */
    PL_FORECAST_DOC_TRAJECTORY = 1u << 1, /* the EUM's rounds; the SMP's turn by turn */
    PL_FORECAST_DOC_MOVES = 1u << 2,      /* the EUM's offers too (implies trajectory) */
    PL_FORECAST_DOC_EXCHANGES = 1u << 3   /* the exchange model's trades */
};
/**
 * What `parley forecast` (parts without SCENARIO) or `parley analyze` (SCENARIO)
 * writes into the object open in e: the scenario when asked, the forecasts, the
 * EUM's and the exchange model's parts asked for (when those models ran), and
 * the SMP's turns whenever it ran. Returns the first describer's failure.
 */
PL_API int pl_forecast_emit_document(const pl_forecast *f, const pl_scenario *s,
                                     unsigned parts, pl_emitter *e);

#ifdef __cplusplus
}
#endif
#endif
