/* SPDX-License-Identifier: MIT */
/*
** rng.h: the one random generator of parley (MODELS.md section 13):
** xoshiro256** (Blackman & Vigna 2021) seeded through SplitMix64 (Steele,
** Lea & Flood 2014). Stream k of seed S starts SplitMix64 at S ^ fmix(k), so
** every task owns its stream whatever thread or rank runs it.
*/
#ifndef PL_RNG_H
#define PL_RNG_H

#include <stdint.h>

typedef struct pl_rng {
    uint64_t s[4];
} pl_rng;

/* One SplitMix64 step: advances *z and returns the mixed output. */
uint64_t pl__splitmix64(uint64_t *z);
/* The SplitMix64 output mixer alone (fmix(0) = 0). */
uint64_t pl__fmix64(uint64_t z);
/* State of stream k of seed s. */
void pl__rng_seed(pl_rng *r, uint64_t seed, uint64_t stream);
uint64_t pl__rng_next(pl_rng *r);
/* Uniform double in [0, 1): the top 53 bits. */
double pl__rng_double(pl_rng *r);
/* Uniform integer in [0, m), m >= 1 (Lemire's multiply-and-reject). */
uint64_t pl__rng_below(pl_rng *r, uint64_t m);

#endif
