/* SPDX-License-Identifier: MIT */
/*
** eum_impl.h: the vote sums behind the EUM's probabilities of success
** (MODELS.md sections 3.1 and 3.6), shared by the model and its tests.
*/
#ifndef PL_EUM_IMPL_H
#define PL_EUM_IMPL_H

#include "parley/eum.h"

/*
** Probability source for one round phase. For the published and net forms
** positions are sorted once with prefix sums of w and w x, so that one
** actor's row costs O(n log n) (naive: O(n^2)); Scholz's form keeps the full
** matrix (its denominator sums every voter over every pair anyway).
*/
typedef struct pl__eum_votes {
    size_t n;
    pl_eum_prob prob;
    int naive;
    const double *x, *w;
    double W;
    size_t *ord;        /* actors by position */
    double *xs, *pw, *px; /* sorted positions; prefix sums of w and w x (n + 1) */
    double *mat;        /* Scholz: P[a * n + b] */
} pl__eum_votes;

/* Prepare for positions x and weights w; r (own exponents) and R are used by Scholz's form. */
int pl__eum_votes_init(pl__eum_votes *v, const double *x, const double *w, const double *r,
                       double R, size_t n, pl_eum_prob prob, int naive);
void pl__eum_votes_free(pl__eum_votes *v);
/* Actor indices ord[0..n) sorted by position, ties by index (stable); tmp: n scratch. */
void pl__eum_sort_by_position(size_t *ord, size_t *tmp, size_t n, const double *x);
/* For actor j: wins[i] = P(j beats i), loses[i] = P(i beats j); 0 where x_i == x_j. */
void pl__eum_votes_row(const pl__eum_votes *v, size_t j, double *wins, double *loses);
/*
** Threat totals at r = 1 and Q = 1 (MODELS.md 3.4) into S (n):
** S_i = sum over j of 2 |x_j - x_i| / R (1 - 2 s_i (1 - P(j beats i))), each
** pair's votes computed once. O(n^2); PL_ENOMEM or PL_OK.
*/
int pl__eum_threats(const pl__eum_votes *v, const double *s, double R, double *S);
/* The same for one pair: O(log n) (naive: O(n)). */
void pl__eum_votes_pair(const pl__eum_votes *v, size_t j, size_t i, double *wins, double *loses);

#endif
