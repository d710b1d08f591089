/* SPDX-License-Identifier: MIT */
/*
** bench_util.h: what the benchmarks share: a monotonic clock, the process's
** CPU time, and a small deterministic generator (xorshift64*), so every run
** sees the same inputs.
*/
#ifndef PL_BENCH_UTIL_H
#define PL_BENCH_UTIL_H

#include <stdint.h>
#include <sys/resource.h>
#include <time.h>

static inline double bench_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* CPU seconds (user + system) of every thread of the process so far (getrusage). */
static inline double bench_cpu(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (double)(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           (double)(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

/* Next xorshift64* output; *s must not be 0. */
static inline uint64_t bench_next(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 0x2545F4914F6CDD1Du;
}

/* Uniform in [0, 1). */
static inline double bench_unit(uint64_t *s) { return (double)(bench_next(s) >> 11) * 0x1.0p-53; }

#endif
