/* SPDX-License-Identifier: MIT */
/*
** vmath.h: log and exp over arrays, with the same bits on every CPU. SLEEF's
** "cinz" functions (Shibata & Petrogalli, "SLEEF: A Portable Vectorized Library
** of C Standard Mathematical Functions", IEEE TPDS 31(6), 2020) use no fused
** multiply-add, and their plain C, SSE2, AVX and AVX-512 variants perform the
** same operations in the same order: they agree bit for bit (test_vmath checks
** it on 2^20 arguments for every variant the CPU runs). So each call may take
** the widest variant the CPU has, and a number never depends on the machine.
** Error: log under 3.5 ulp (SLEEF's u35 log, three times as fast as its 1 ulp
** one), exp under 1 ulp (glibc's: about 0.5 each).
*/
#ifndef PL_VMATH_H
#define PL_VMATH_H

#include <stddef.h>

/* Variants: plain C, then x86-64's SSE2, AVX and AVX-512F (each only where built). */
typedef enum pl__vm_isa { PL__VM_C, PL__VM_SSE2, PL__VM_AVX, PL__VM_AVX512 } pl__vm_isa;

/* The widest variant this build and this CPU run. */
pl__vm_isa pl__vm_widest(void);
/* y[i] = log(x[i]), i < n, by variant isa (at most pl__vm_widest()); y may be x. */
void pl__vm_log_isa(pl__vm_isa isa, double *y, const double *x, size_t n);
/* y[i] = exp(x[i]), i < n, by variant isa; y may be x. */
void pl__vm_exp_isa(pl__vm_isa isa, double *y, const double *x, size_t n);
/* The same by the widest variant. */
void pl__vm_log(double *y, const double *x, size_t n);
void pl__vm_exp(double *y, const double *x, size_t n);
/* One value (plain C): the bits of the array functions. */
double pl__vm_log1(double x);
double pl__vm_exp1(double x);

/* The x86-64 variants, in files built for their instruction sets (vmath_avx*.c). */
void pl__vm_log_avx(double *y, const double *x, size_t n);
void pl__vm_exp_avx(double *y, const double *x, size_t n);
void pl__vm_log_avx512(double *y, const double *x, size_t n);
void pl__vm_exp_avx512(double *y, const double *x, size_t n);

#endif
