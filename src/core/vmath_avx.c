/* SPDX-License-Identifier: MIT */
/*
** vmath_avx.c: vmath.h's AVX variants, 4 lanes at a time (this file is built
** for AVX: vmath.c calls it only on a CPU that has it). A short tail is padded
** with ones, since a lane's result never depends on the other lanes.
*/
#include "vmath.h"

#include <sleef.h>
#include <string.h>

#define PL__VM_LOOP(f)                                                                         \
    do {                                                                                       \
        size_t i = 0;                                                                          \
        for (; i + 4 <= n; i += 4)                                                             \
            _mm256_storeu_pd(y + i, f(_mm256_loadu_pd(x + i)));                                \
        if (i < n) {                                                                           \
            double t[4] = {1, 1, 1, 1};                                                        \
            memcpy(t, x + i, (n - i) * sizeof *t);                                             \
            _mm256_storeu_pd(t, f(_mm256_loadu_pd(t)));                                        \
            memcpy(y + i, t, (n - i) * sizeof *t);                                             \
        }                                                                                      \
    } while (0)

void pl__vm_log_avx(double *y, const double *x, size_t n)
{
    PL__VM_LOOP(Sleef_cinz_logd4_u35avx);
}

void pl__vm_exp_avx(double *y, const double *x, size_t n)
{
    PL__VM_LOOP(Sleef_cinz_expd4_u10avx);
}
