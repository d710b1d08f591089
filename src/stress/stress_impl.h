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
/* Draw `draw` into row (pl__row_len values). */
int pl__plan_draw(const pl__plan *p, uint64_t draw, double *row, pl_error *err);
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
} pl__acc;

int pl__acc_init(pl__acc *a, const pl__metric *m, size_t J);
void pl__acc_free(pl__acc *a);
/* Fold one draw's value y (NAN: undefined) with the inputs x (J of them). */
int pl__acc_add(pl__acc *a, const pl__metric *m, double y, const double *x, size_t J,
                uint64_t draw);
/* Percentile q (type 7) of a number; after pl__acc_finish. */
double pl__acc_quantile(const pl__acc *a, const pl__metric *m, double q);
/* After the last draw: the kept values sorted (percentiles read them in place), the tally
   by count, most frequent first (ties: first seen). No draw may be added after it.
   PL_ENOMEM (the sort's scratch). */
int pl__acc_finish(pl__acc *a);

struct pl_stress {
    pl__plan plan;
    pl__acc *acc;
    uint64_t draws, failures[PL__N_ANALYSES];
    char **labels;                   /* uncertain inputs */
    const pl_value **inputs;
};

#endif
