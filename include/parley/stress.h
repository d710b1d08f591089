/* SPDX-License-Identifier: MIT */
/*
** stress.h: Monte Carlo over every uncertain input of a scenario
** (MODELS.md section 13). Each draw is a perturbed copy of the scenario
** (pl_scenario_draw, stream = draw index) on which the chosen analyses run;
** their results are folded in draw order, so the summary is byte-identical
** for any number of threads or MPI ranks.
**
** What is summarised, per metric:
**   numbers  (forecasts, probabilities, counts): mean, Monte Carlo standard
**            error, percentiles 5/50/95 (type 7), min and max;
**   findings (yes/no): the share of draws where it holds, with its standard
**            error, and how often it agrees with the undrawn scenario;
**   packages (solutions of parley settle): how often each one wins.
** Sensitivity: for every number and finding, the Pearson correlation with
** every uncertain input, its square (the share of the variance that input
** explains alone, to first order), and a tornado bar: the regression's
** value at the input's low and high.
**
** Memory stays bounded whatever the number of draws: percentiles are exact
** (every value kept) up to PL_STRESS_EXACT draws; beyond, each number moves
** to a histogram of PL_STRESS_BINS bins over its known range, keeping each
** bin's smallest and largest value, so a percentile is off by at most one
** bin's spread (0.024 on a 0-100 scale) and exact when values repeat.
*/
#ifndef PARLEY_STRESS_H
#define PARLEY_STRESS_H

#include <stddef.h>
#include <stdint.h>
#include "parley/export.h"
#include "parley/error.h"
#include "parley/forecast.h"
#include "parley/settle.h"
#include "parley/progress.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PL_STRESS_EXACT 65536u
#define PL_STRESS_BINS 4096u

/* Analyses run on each draw (bit mask). */
enum {
    PL_STRESS_FORECAST = 1u << 0,
    PL_STRESS_SETTLE = 1u << 1,
    PL_STRESS_POWER = 1u << 2,
    PL_STRESS_DURABILITY = 1u << 3,
    PL_STRESS_PROPOSAL = 1u << 4,   /* the findings on opts.proposal (parley/verdict.h) */
    PL_STRESS_ALL = 0x1Fu
};

typedef enum pl_metric_kind {
    PL_METRIC_NUMBER = 0,
    PL_METRIC_FLAG,      /* 1 yes, 0 no */
    PL_METRIC_PACKAGE    /* a package of the outcome space, by its code */
} pl_metric_kind;

/* How the draws are shared between processes (MPI ranks; see pl_stress_mpi_begin). */
typedef struct pl_stress_transport {
    int rank, ranks;
    /* rank > 0: send n values to rank 0; rank 0: receive n values from rank `from`. */
    int (*send)(void *ctx, const double *v, size_t n);
    int (*recv)(void *ctx, int from, double *v, size_t n);
    void *ctx;
} pl_stress_transport;

typedef struct pl_stress_opts {
    uint64_t draws;                 /* >= 1 */
    uint64_t seed;
    int threads;                    /* >= 1 */
    unsigned analyses;              /* PL_STRESS_*; 0: every one the scenario supports */
    pl_forecast_opts forecast;
    pl_settle_opts settle;
    /* Called on rank 0, in draw order, with every draw's metric values (NULL: none). */
    int (*on_draw)(void *payload, uint64_t draw, const double *values, size_t n);
    /* Called on rank 0 after each block of draws (NULL: none). */
    pl_progress_fn progress;
    void *payload;
    const pl_stress_transport *transport;  /* NULL: this process does every draw */
    /* A proposal read against the scenario (NULL: none): with it, each draw also judges it
       (PL_STRESS_PROPOSAL: each party's acceptance, ratification, self-enforcement). */
    const struct pl_proposal *proposal;
} pl_stress_opts;
#define PL_STRESS_OPTS_INIT                                                                  \
    {1000, 1, 1, 0, PL_FORECAST_OPTS_INIT, PL_SETTLE_OPTS_INIT, NULL, NULL, NULL, NULL, NULL}

typedef struct pl_stress pl_stress;
struct pl_emitter;

/**
 * Run the Monte Carlo. On ranks other than 0 (opts->transport) *out gets
 * NULL: only rank 0 holds the summary. The baseline (the scenario as
 * written) is analysed first; an analysis that fails on the baseline is an
 * error, one that fails on a draw leaves that draw's metrics undefined and
 * is counted (pl_stress_failures).
 */
PL_API int pl_stress_run(pl_stress **out, const struct pl_scenario *s, const pl_stress_opts *opts,
                         pl_error *err);
PL_API void pl_stress_free(pl_stress *st);

PL_API uint64_t pl_stress_draws(const pl_stress *st);
PL_API uint64_t pl_stress_seed(const pl_stress *st);
PL_API unsigned pl_stress_analyses(const pl_stress *st);
/** Draws in which analysis a (one PL_STRESS_* bit) failed. */
PL_API uint64_t pl_stress_failures(const pl_stress *st, unsigned a);

PL_API size_t pl_stress_n_metrics(const pl_stress *st);
/** Key ("forecast.TERR.mean", "settle.zone", ...), kind and the undrawn value of metric m. */
PL_API const char *pl_stress_metric_key(const pl_stress *st, size_t m);
PL_API pl_metric_kind pl_stress_metric_kind(const pl_stress *st, size_t m);
PL_API double pl_stress_baseline(const pl_stress *st, size_t m);
/** Draws in which metric m is defined (a Nash package needs a rational one, ...). */
PL_API uint64_t pl_stress_defined(const pl_stress *st, size_t m);
/** Mean (a finding: the share of yes) and its Monte Carlo standard error. */
PL_API double pl_stress_mean(const pl_stress *st, size_t m, double *se);
/** Percentile q in [0, 1] (type 7) of a number. */
PL_API double pl_stress_quantile(const pl_stress *st, size_t m, double q);
PL_API double pl_stress_min(const pl_stress *st, size_t m);
PL_API double pl_stress_max(const pl_stress *st, size_t m);
/** Share of the defined draws that agree with the baseline (flags, packages). */
PL_API double pl_stress_agreement(const pl_stress *st, size_t m);
/** Pearson correlation of metric m with uncertain input j (NAN when either is constant). */
PL_API double pl_stress_correlation(const pl_stress *st, size_t m, size_t j);

/**
 * The tornado bar of metric m against input j: the regression line of m on
 * the input at the input's low and high. PL_ERANGE when either is constant.
 */
PL_API int pl_stress_tornado(const pl_stress *st, size_t m, size_t j, double *at_low,
                             double *at_high);
/** Text of metric m for sentences, e.g. "an agreement zone exists". */
PL_API const char *pl_stress_metric_text(const pl_stress *st, size_t m);

/** Everything, findings in words first. top: inputs listed per metric in the tornado table. */
PL_API int pl_stress_emit(const pl_stress *st, size_t top, struct pl_emitter *e);

/** Uncertain input j (of pl_stress_n_inputs): its label ("RUS capability") and value. */
PL_API size_t pl_stress_n_inputs(const pl_stress *st);
PL_API const char *pl_stress_input_label(const pl_stress *st, size_t j);
PL_API const pl_value *pl_stress_input(const pl_stress *st, size_t j);
/** Distinct packages of metric m (0 unless it is a package), most frequent first. */
PL_API size_t pl_stress_n_packages(const pl_stress *st, size_t m);
/** Draws in which package t (0: the most frequent) of metric m won. */
PL_API uint64_t pl_stress_package_count(const pl_stress *st, size_t m, size_t t);
/** Package t of metric m in words ("TERR 50, NATO 75, ..."); "" when there is no such t. */
PL_API void pl_stress_package_text(const pl_stress *st, size_t m, size_t t, char *buf,
                                   size_t size);
/** The package of metric m as written (the undrawn scenario's) in words; "" unless m is a
    package, "none" when it is undefined there. */
PL_API void pl_stress_baseline_package_text(const pl_stress *st, size_t m, char *buf,
                                            size_t size);

/**
 * MPI: initialise MPI (if it is not) and fill t with this process's rank and
 * the MPI transport. PL_EMISUSE when parley was built without -DPARLEY_MPI=ON.
 */
PL_API int pl_stress_mpi_begin(pl_stress_transport *t, int *argc, char ***argv, pl_error *err);
PL_API void pl_stress_mpi_end(void);
/** Stop every rank (a rank that stops alone would leave the others waiting). */
PL_API void pl_stress_mpi_abort(int status);
/**
 * The largest of every rank's status (a collective call: every rank makes
 * it), so that all ranks stop together, and cleanly, when any of them could
 * not read its inputs; status itself when MPI is not running.
 */
PL_API int pl_stress_mpi_agree(int status);

#ifdef __cplusplus
}
#endif

#endif
