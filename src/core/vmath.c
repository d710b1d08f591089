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

typedef void pl__vm_array_fn(double *y, const double *x, size_t n);

/* One function's variants: plain C, SSE2 (where built), the x86-64 files' AVX and AVX-512. */
typedef struct vm_fn {
    double (*one)(double);
#ifdef __SSE2__
    __m128d (*two)(__m128d);
#endif
#ifdef PL_VM_X86
    pl__vm_array_fn *avx, *avx512;
#endif
} vm_fn;

/* f's variant isa over x: SSE2 on pairs, an odd last element by plain C (the same bits). */
static void run(const vm_fn *f, pl__vm_isa isa, double *y, const double *x, size_t n)
{
#ifdef PL_VM_X86
    if (isa == PL__VM_AVX512 || isa == PL__VM_AVX) {
        (isa == PL__VM_AVX512 ? f->avx512 : f->avx)(y, x, n);
        return;
    }
#endif
    size_t i = 0;
#ifdef __SSE2__
    if (isa == PL__VM_SSE2)
        for (; i + 2 <= n; i += 2)
            _mm_storeu_pd(y + i, f->two(_mm_loadu_pd(x + i)));
#endif
    (void)isa;
    for (; i < n; i++)
        y[i] = f->one(x[i]);
}

static const vm_fn vm_log = {
    Sleef_cinz_logd1_u35purec,
#ifdef __SSE2__
    Sleef_cinz_logd2_u35sse2,
#endif
#ifdef PL_VM_X86
    pl__vm_log_avx, pl__vm_log_avx512,
#endif
};
static const vm_fn vm_exp = {
    Sleef_cinz_expd1_u10purec,
#ifdef __SSE2__
    Sleef_cinz_expd2_u10sse2,
#endif
#ifdef PL_VM_X86
    pl__vm_exp_avx, pl__vm_exp_avx512,
#endif
};

void pl__vm_log_isa(pl__vm_isa isa, double *y, const double *x, size_t n)
{
    run(&vm_log, isa, y, x, n);
}

void pl__vm_exp_isa(pl__vm_isa isa, double *y, const double *x, size_t n)
{
    run(&vm_exp, isa, y, x, n);
}

void pl__vm_log(double *y, const double *x, size_t n) { pl__vm_log_isa(pl__vm_widest(), y, x, n); }
void pl__vm_exp(double *y, const double *x, size_t n) { pl__vm_exp_isa(pl__vm_widest(), y, x, n); }
