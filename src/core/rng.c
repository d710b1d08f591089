/* SPDX-License-Identifier: MIT */
/*
** rng.c: xoshiro256** and SplitMix64, from the published recurrences
** (MODELS.md section 13 gives the constants and the test vectors).
*/
#include "rng.h"

__extension__ typedef unsigned __int128 pl__u128;

uint64_t pl__fmix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

uint64_t pl__splitmix64(uint64_t *z)
{
    *z += 0x9E3779B97F4A7C15u;
    return pl__fmix64(*z);
}

void pl__rng_seed(pl_rng *r, uint64_t seed, uint64_t stream)
{
    uint64_t z = seed ^ pl__fmix64(stream);
    for (int i = 0; i < 4; i++)
        r->s[i] = pl__splitmix64(&z);
}

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t pl__rng_next(pl_rng *r)
{
    uint64_t *s = r->s, out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return out;
}

double pl__rng_double(pl_rng *r) { return (double)(pl__rng_next(r) >> 11) * 0x1.0p-53; }

uint64_t pl__rng_below(pl_rng *r, uint64_t m)
{
    /* Lemire (2019): the high word of x m is uniform once the biased low range is rejected */
    pl__u128 p = (pl__u128)pl__rng_next(r) * m;
    uint64_t lo = (uint64_t)p;
    if (lo < m) {
        uint64_t floor = -m % m;
        while (lo < floor) {
            p = (pl__u128)pl__rng_next(r) * m;
            lo = (uint64_t)p;
        }
    }
    return (uint64_t)(p >> 64);
}
