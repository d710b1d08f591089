/* SPDX-License-Identifier: MIT */
/*
** dist.h: random variates for Monte Carlo (MODELS.md section 13), all from
** the one generator of rng.h so that a stream fixes every draw.
*/
#ifndef PL_DIST_H
#define PL_DIST_H

#include "parley/scenario.h"
#include "rng.h"

/* Standard normal: Marsaglia's polar method (only log and sqrt). */
double pl__rng_normal(pl_rng *r);
/* Gamma(a, 1), a > 0: Marsaglia & Tsang (2000), with the U^(1/a) boost for a < 1. */
double pl__rng_gamma(pl_rng *r, double a);
/* Beta(a, b) from two gammas: X / (X + Y). */
double pl__rng_beta(pl_rng *r, double a, double b);
/* Triangular on [lo, hi] with the given mode, by inverting its CDF. */
double pl__rng_triangular(pl_rng *r, double lo, double mode, double hi);
/*
** One draw of an uncertain number: its dist between low and high (uniform,
** triangular or beta-PERT with mode = value, or normal(value, sd) truncated
** to [low, high] by resampling, clamped after 100 tries). Exact numbers
** (PL_DIST_NONE) come back unchanged and use no random numbers.
*/
double pl__draw_value(pl_rng *r, const pl_value *v);

#endif
