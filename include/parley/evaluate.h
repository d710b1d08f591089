/* SPDX-License-Identifier: MIT */
/*
** evaluate.h: how close forecasts come to recorded outcomes (MODELS.md
** section 12), with the baselines every model must beat.
**
** For a scenario whose issues carry an `outcome` (e.g. imported from DEU),
** every method forecasts every issue; the error is |forecast - outcome| and
** the score the mean absolute error (MAE) over the issues it can forecast
** (methods that need a status quo score only issues that have one). 95%
** intervals come from a bootstrap that resamples whole groups (proposals),
** B = 2000 by default, each resample with its own random stream (MODELS.md
** section 13); differences from the best baseline are paired on the same
** resamples and the same issues.
*/
#ifndef PARLEY_EVALUATE_H
#define PARLEY_EVALUATE_H

#include <stddef.h>
#include <stdint.h>
#include "parley/export.h"
#include "parley/error.h"
#include "parley/scenario.h"
#include "parley/emit.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Mean absolute error of n forecasts against outcomes (n >= 1). */
PL_API int pl_mae(double *out, const double *forecast, const double *outcome, size_t n,
                  pl_error *err);

#define PL_CV_NONE 0L    /* no cross-validation: only methods with nothing fitted */
#define PL_CV_GROUP (-1L) /* leave one group (proposal) out */

typedef struct pl_evaluate_opts {
    unsigned resamples;  /* bootstrap resamples and sign flips; 0 = 2000 */
    uint64_t seed;       /* bootstrap, test and fold seed */
    int rounds;          /* EUM and exchange round limit; 0 = 10 */
    int eum_cycle;       /* what an EUM cycle means (pl_eum_cycle); 0 = stop */
    long cv;             /* PL_CV_NONE, PL_CV_GROUP, or k >= 2 folds of whole groups */
    int errors;          /* 1: the description includes the per-issue errors table */
} pl_evaluate_opts;
#define PL_EVALUATE_OPTS_INIT {0u, 0u, 0, 0, PL_CV_NONE, 0}

typedef struct pl_evaluation pl_evaluation;

/**
 * Score every method on the issues of s that have an outcome. With o->cv the
 * fitted methods (the best baseline, EUM's preset and Q, the exchange rounds,
 * shrinkage toward the best baseline, the stacked ensemble) are fitted on the
 * training folds and scored on the held-out fold, and every method is compared
 * with the best baseline chosen that way.
 * PL_EINPUT when no issue has one, or when a fold would be empty.
 */
PL_API int pl_evaluate(pl_evaluation **out, const pl_scenario *s, const pl_evaluate_opts *o,
                       pl_error *err);
PL_API void pl_evaluation_free(pl_evaluation *e);

PL_API size_t pl_evaluation_n_methods(const pl_evaluation *e);
PL_API const char *pl_evaluation_method(const pl_evaluation *e, size_t m);
/** 1 for a baseline, 0 for a model. */
PL_API int pl_evaluation_is_baseline(const pl_evaluation *e, size_t m);
/** 1 for a model fitted inside the cross-validation folds (best_baseline, chosen in each
    fold, counts as a baseline). */
PL_API int pl_evaluation_is_fitted(const pl_evaluation *e, size_t m);
/** Issues scored, MAE and its 95% bootstrap interval. */
PL_API size_t pl_evaluation_n(const pl_evaluation *e, size_t m);
PL_API double pl_evaluation_mae(const pl_evaluation *e, size_t m, double *lo, double *hi);
/** Median absolute error, and the share of issues forecast within 10 points (0-1). */
PL_API double pl_evaluation_median_ae(const pl_evaluation *e, size_t m);
PL_API double pl_evaluation_within10(const pl_evaluation *e, size_t m);
/** Issues scored, and method m's forecast of the t-th of them (out of fold when fitted). */
PL_API size_t pl_evaluation_n_issues(const pl_evaluation *e);
PL_API double pl_evaluation_forecast(const pl_evaluation *e, size_t m, size_t t);
/** The best baseline: lowest MAE in sample, or (with cross-validation) chosen fold by fold. */
PL_API size_t pl_evaluation_best_baseline(const pl_evaluation *e);
/** MAE of m minus the best baseline's, on the issues both score, with its 95% interval. */
PL_API double pl_evaluation_vs_best(const pl_evaluation *e, size_t m, double *lo, double *hi);
/** Two-sided p-value of that difference: a sign-flip randomization test over the groups. */
PL_API double pl_evaluation_p(const pl_evaluation *e, size_t m);
/** Summary, the per-issue errors and a verdict in words. */
PL_API int pl_evaluation_emit(const pl_evaluation *e, const pl_scenario *s, pl_emitter *em);

#ifdef __cplusplus
}
#endif

#endif
