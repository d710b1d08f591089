/* SPDX-License-Identifier: MIT */
/*
** clones.h: PL__CLONES marks a function whose loops GCC compiles three times,
** for AVX-512, AVX2 and the baseline, the loader picking the widest the CPU has
** (an ifunc: glibc's loader, so only where the build found the toolchain can,
** PL_HAVE_TARGET_CLONES from src/CMakeLists.txt). A clone may only vectorise
** across independent elements: each lane does the scalar code's IEEE
** operations in its order, and -ffp-contract=off (CMakeLists.txt) keeps the
** AVX2 and AVX-512 clones from fusing a multiply and an add into an FMA, so
** every clone gives the same numbers, bit for bit.
*/
#ifndef PL_CLONES_H
#define PL_CLONES_H

#if defined(PL_HAVE_TARGET_CLONES) && defined(__GNUC__) && !defined(__clang__) && \
    defined(__x86_64__)
#define PL__CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define PL__CLONES
#endif

#endif
