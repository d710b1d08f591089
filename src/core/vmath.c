/* SPDX-License-Identifier: MIT */
/*
** vmath.c: SLEEF's deterministic log and exp over arrays (vmath.h): the plain C
** and SSE2 variants, and the choice of the widest variant at run time.
*/
#include "vmath.h"

#include <sleef.h>

pl__vm_isa pl__vm_widest(void)
{
#ifdef PL_VM_X86
    /* the CPU and the operating system (its saved register state) both support it */
    if (__builtin_cpu_supports("avx512f"))
        return PL__VM_AVX512;
    if (__builtin_cpu_supports("avx"))
        return PL__VM_AVX;
#endif
#ifdef __SSE2__
    return PL__VM_SSE2;
#else
    return PL__VM_C;
#endif
}

double pl__vm_log1(double x) { return Sleef_cinz_logd1_u35purec(x); }
double pl__vm_exp1(double x) { return Sleef_cinz_expd1_u10purec(x); }

#ifdef __SSE2__
/* f on pairs; an odd last element alone (plain C: the same bits) */
#define PL__VM_SSE2_LOOP(f1, f2)                                                               \
    do {                                                                                       \
        size_t i = 0;                                                                          \
        for (; i + 2 <= n; i += 2)                                                             \
            _mm_storeu_pd(y + i, f2(_mm_loadu_pd(x + i)));                                     \
        if (i < n)                                                                             \
            y[i] = f1(x[i]);                                                                   \
    } while (0)
#endif

void pl__vm_log_isa(pl__vm_isa isa, double *y, const double *x, size_t n)
{
#ifdef PL_VM_X86
    if (isa == PL__VM_AVX512) {
        pl__vm_log_avx512(y, x, n);
        return;
    }
    if (isa == PL__VM_AVX) {
        pl__vm_log_avx(y, x, n);
        return;
    }
#endif
#ifdef __SSE2__
    if (isa == PL__VM_SSE2) {
        PL__VM_SSE2_LOOP(Sleef_cinz_logd1_u35purec, Sleef_cinz_logd2_u35sse2);
        return;
    }
#endif
    (void)isa;
    for (size_t i = 0; i < n; i++)
        y[i] = Sleef_cinz_logd1_u35purec(x[i]);
}

void pl__vm_exp_isa(pl__vm_isa isa, double *y, const double *x, size_t n)
{
#ifdef PL_VM_X86
    if (isa == PL__VM_AVX512) {
        pl__vm_exp_avx512(y, x, n);
        return;
    }
    if (isa == PL__VM_AVX) {
        pl__vm_exp_avx(y, x, n);
        return;
    }
#endif
#ifdef __SSE2__
    if (isa == PL__VM_SSE2) {
        PL__VM_SSE2_LOOP(Sleef_cinz_expd1_u10purec, Sleef_cinz_expd2_u10sse2);
        return;
    }
#endif
    (void)isa;
    for (size_t i = 0; i < n; i++)
        y[i] = Sleef_cinz_expd1_u10purec(x[i]);
}

void pl__vm_log(double *y, const double *x, size_t n) { pl__vm_log_isa(pl__vm_widest(), y, x, n); }
void pl__vm_exp(double *y, const double *x, size_t n) { pl__vm_exp_isa(pl__vm_widest(), y, x, n); }
