/* SPDX-License-Identifier: MIT */
/*
** stress_impl.h: the pieces of `parley stress` (library-internal): the plan
** (which metrics a draw yields, from the baseline), the evaluation of one
** drawn scenario, and the accumulators folded in draw order.
*/
#ifndef PL_STRESS_IMPL_H
#define PL_STRESS_IMPL_H

#include "parley/stress.h"
#include "parley/scenario.h"
#include "../core/arena.h"
#include "../forecast/forecast_impl.h"

enum { PL__N_ANALYSES = 5 };

typedef struct pl__metric {
    char *key;            /* forecast.TERR.mean */
    char *text;           /* words for the findings: "an agreement zone exists" */
    pl_metric_kind kind;
    unsigned analysis;    /* PL_STRESS_* bit */
    double lo, hi;        /* the range its values can take (histograms) */
    double base;          /* value on the undrawn scenario */
} pl__metric;

/* What one draw yields: J inputs, then M metrics, then one failure flag per analysis. */
typedef struct pl__plan {
    const pl_scenario *s;
    pl_stress_opts o;
    unsigned analyses;
    unsigned models;                /* forecast models the baseline runs */
    size_t J, M;
    size_t cap;
    pl_metric_kind *kinds;
    pl__metric *m;
    size_t first[PL__N_ANALYSES], end[PL__N_ANALYSES]; /* each analysis's metric range */
    struct pl_settlement *base_st;  /* the baseline settlement, for package words */
    size_t K;                       /* issues of the outcome space */
    double *radix;                  /* options per issue (package codes), NULL: no codes */
    unsigned char *base_can;        /* power: per body, its credibility on the baseline */
    unsigned char *base_cred;       /* durability: per guarantee, its credibility there */
} pl__plan;

static inline size_t pl__row_len(const pl__plan *p) { return p->J + p->M + PL__N_ANALYSES; }

/* Analyse the baseline and lay out the metrics. */
int pl__plan_init(pl__plan *p, const pl_scenario *s, const pl_stress_opts *o, pl_error *err);
void pl__plan_free(pl__plan *p);
/* Memory a thread keeps from one draw to the next, so that a draw asks malloc for less:
   the drawn scenario's arena (pl__scenario_draw_into) and the forecast's EUM record.
   PL__DRAW_MEM_INIT, then pl__draw_mem_free once the thread's draws are done. */
typedef struct pl__draw_mem {
    pl_arena spare;
    pl__forecast_mem forecast;
} pl__draw_mem;
#define PL__DRAW_MEM_INIT {{NULL, 0}, {NULL, 0}}
void pl__draw_mem_free(pl__draw_mem *m);
/* Draw `draw` into row (pl__row_len values), with the thread's memory mem. */
int pl__plan_draw(const pl__plan *p, uint64_t draw, double *row, pl__draw_mem *mem,
                  pl_error *err);
/* Package code -> option indices w (K of them). */
void pl__plan_package(const pl__plan *p, double code, uint32_t *w);
/* A package code in words ("none" when undefined); stress_get.c. */
void pl__stress_package_words(const pl_stress *st, double code, char *buf, size_t size);

/* ---- accumulators ---------------------------------------------------------- */

typedef struct pl__tally_entry {
    double code;
    uint64_t count, first;
} pl__tally_entry;

typedef struct pl__acc {
    uint64_t n, agree;
    double mean, m2, min, max;
    double *vals;                    /* exact: every value, while n <= PL_STRESS_EXACT */
    size_t n_vals, cap_vals;
    uint64_t *bin_n;                 /* histogram beyond that */
    double *bin_lo, *bin_hi;
    pl__tally_entry *tally;          /* packages */
    size_t n_tally, cap_tally;
    size_t *slot;                    /* open addressing: code -> tally index + 1 */
    size_t cap_slot;
    double *mx, *m2x, *cxy;          /* per input: sensitivity co-moments */
    double *dx;                      /* pl__acc_add's scratch (pl__xmom) */
} pl__acc;

int pl__acc_init(pl__acc *a, const pl__metric *m, size_t J);
void pl__acc_free(pl__acc *a);
/* The inputs' running means and second moments (Welford) over the draws where a metric is
   defined; dx: the last draw's x less the mean before it, which the co-moments read. */
typedef struct pl__xmom {
    uint64_t n;
    double *mx, *m2x, *dx;
    int finite;                  /* every dx of the last draw is finite */
} pl__xmom;

/* Fold inputs x (J of them) into g. */
void pl__xmom_add(pl__xmom *g, const double *x, size_t J);
/* pl__acc_add's own part for a value y (not NAN): count, extremes, mean, variance, the kept
   values or the tally; *ry = y less the new mean. */
int pl__acc_add_value(pl__acc *a, const pl__metric *m, double y, uint64_t draw, double *ry);
/* The co-moments of a's value (ry from pl__acc_add_value) with the inputs of g's last draw. */
void pl__acc_add_cov(pl__acc *a, const pl__xmom *g, double ry, size_t J);
/* Fold one draw's value y (NAN: undefined) with the inputs x (J of them): the three above,
   the inputs' moments a's own. */
int pl__acc_add(pl__acc *a, const pl__metric *m, double y, const double *x, size_t J,
                uint64_t draw);
/* Percentile q (type 7) of a number; after pl__acc_finish. */
double pl__acc_quantile(const pl__acc *a, const pl__metric *m, double q);
/* After the last draw: the kept values sorted (percentiles read them in place), the tally
   by count, most frequent first (ties: first seen). No draw may be added after it.
   PL_ENOMEM (the sort's scratch). */
int pl__acc_finish(pl__acc *a);

/*
** Metrics defined in the same draws have the same inputs' moments, bit for bit: the run folds
** them once per group (xmom.c) instead of once per metric, and a group splits in two the
** first draw where some of its metrics are defined and some not.
*/
typedef struct pl__groups {
    size_t M, J, n;
    pl__xmom *g;                 /* n of them, room for M */
    size_t *of;                  /* per metric: its group; (size_t)-1: none (packages) */
    unsigned char *def, *undef;  /* per group, this draw: a member defined, one undefined */
    size_t *split;               /* per group, this draw: where its defined members go */
} pl__groups;

int pl__groups_init(pl__groups *G, const pl__metric *m, size_t M, size_t J);
/* Fold one row (J inputs, then M metrics) into acc, the inputs' moments by group. */
int pl__groups_fold(pl__groups *G, pl__acc *acc, const pl__metric *m, const double *row,
                    uint64_t draw);
/* After the last draw: each metric's inputs' moments from its group (pl__acc's mx, m2x). */
void pl__groups_finish(const pl__groups *G, pl__acc *acc);
void pl__groups_free(pl__groups *G);

struct pl_stress {
    pl__plan plan;
    pl__acc *acc;
    pl__groups groups;
    uint64_t draws, failures[PL__N_ANALYSES];
    char **labels;                   /* uncertain inputs */
    const pl_value **inputs;
};

#endif
