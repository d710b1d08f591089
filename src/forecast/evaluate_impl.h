/* SPDX-License-Identifier: MIT */
/*
** evaluate_impl.h: state shared by the files of `parley evaluate`
** (evaluate.c: the forecasts; evaluate_fit.c: what is fitted inside each
** cross-validation fold; evaluate_stack.c: the stacking weights;
** evaluate_score.c: errors, bootstrap, paired test; evaluate_emit.c).
*/
#ifndef PL_EVALUATE_IMPL_H
#define PL_EVALUATE_IMPL_H

#include "parley/evaluate.h"

#include <stddef.h>
#include <stdint.h>

#define PL__EV_MAX_COLS 48  /* forecast columns (fixed methods and tuning candidates) */
#define PL__EV_MAX_ROWS 32  /* methods reported */
#define PL__EV_NAME 40

enum { PL__EV_BASELINE = 0, PL__EV_MODEL, PL__EV_FITTED, PL__EV_CANDIDATE };

/* One method's scores over the issues it forecasts (out of sample when fitted). */
typedef struct pl__ev_score {
    size_t n;
    double mae, mae_lo, mae_hi;
    double mdae, mdae_lo, mdae_hi;    /* median absolute error */
    double w10, w10_lo, w10_hi;       /* share of issues within 10 points */
    double diff, diff_lo, diff_hi, p; /* MAE minus the reference's on common issues */
} pl__ev_score;

/* A reported method: its forecasts (out of fold when fitted) and scores. */
typedef struct pl__ev_row {
    char name[PL__EV_NAME];
    const char *what;
    char fitted[200];     /* what was fitted, in words ("" when nothing) */
    int kind;             /* PL__EV_BASELINE, _MODEL or _FITTED */
    double *fc;           /* n_issues; NAN: no forecast */
    pl__ev_score sc;
} pl__ev_row;

struct pl_evaluation {
    pl_evaluate_opts o;
    size_t n_issues, n_groups, n_skipped, n_single, n_zero_salience;
    size_t *issue;           /* scenario index of each scored issue */
    size_t *group;           /* its group (cluster) number */
    double *y;               /* its outcome */
    size_t *fold;            /* its cross-validation fold (no CV: 0) */
    size_t n_folds;          /* 0: no cross-validation */
    /* forecast columns: fixed methods then tuning candidates */
    size_t n_cols;
    char col_name[PL__EV_MAX_COLS][PL__EV_NAME];
    const char *col_what[PL__EV_MAX_COLS];
    int col_kind[PL__EV_MAX_COLS];
    double *col;             /* n_cols x n_issues */
    size_t n_rows, ref;      /* reported methods; ref: the baseline the others are compared with */
    pl__ev_row row[PL__EV_MAX_ROWS];
};

/* Column c's forecast of scored issue t. */
static inline double pl__ev_at(const pl_evaluation *e, size_t c, size_t t)
{
    return e->col[c * e->n_issues + t];
}

/* Add the fitted methods' rows, each fitted on the training folds of every fold. */
int pl__ev_fit(pl_evaluation *e, pl_error *err);

/*
** Weights w[0..m) >= 0 summing to 1 that minimise sum_t (y_t - sum_j w_j F[t][j])^2
** over rows t with use[t] (F row-major, n x m, m <= 16). PL_ENOMEM.
*/
int pl__ev_stack(const double *F, const double *y, const unsigned char *use, size_t n, size_t m,
                 double *w);

/*
** The same weights by least absolute deviations: least squares, then 30 rounds of it
** with row t scaled by 1 / sqrt(max(|residual_t|, 0.5)) (iteratively reweighted least
** squares; Schlossmacher 1973). F2 (n x m) and y2 (n): scratch. PL_ENOMEM.
*/
int pl__ev_stack_lad(const double *F, const double *y, const unsigned char *use, size_t n,
                     size_t m, double *w, double *F2, double *y2);

/* Score every row against row e->ref (B resamples, seed o.seed). PL_ENOMEM. */
int pl__ev_score_all(pl_evaluation *e);

#endif
