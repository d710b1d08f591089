/* SPDX-License-Identifier: MIT */
/*
** vmath_avx512.c: vmath.h's AVX-512F variants, 8 lanes at a time (this file is built
** for AVX-512F: vmath.c calls it only on a CPU that has it). A short tail is padded
** with ones, since a lane's result never depends on the other lanes.
*/
#include "vmath.h"

#include <sleef.h>
#include <string.h>

#define PL__VM_LOOP(f)                                                                         \
    do {                                                                                       \
        size_t i = 0;                                                                          \
        for (; i + 8 <= n; i += 8)                                                             \
            _mm512_storeu_pd(y + i, f(_mm512_loadu_pd(x + i)));                                \
        if (i < n) {                                                                           \
            double t[8] = {1, 1, 1, 1, 1, 1, 1, 1};                                            \
            memcpy(t, x + i, (n - i) * sizeof *t);                                             \
            _mm512_storeu_pd(t, f(_mm512_loadu_pd(t)));                                        \
            memcpy(y + i, t, (n - i) * sizeof *t);                                             \
        }                                                                                      \
    } while (0)

void pl__vm_log_avx512(double *y, const double *x, size_t n)
{
    PL__VM_LOOP(Sleef_cinz_logd8_u35avx512fnofma);
}

void pl__vm_exp_avx512(double *y, const double *x, size_t n)
{
    PL__VM_LOOP(Sleef_cinz_expd8_u10avx512fnofma);
}
