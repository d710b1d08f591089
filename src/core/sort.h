/* SPDX-License-Identifier: MIT */
/*
** sort.h: sorting small arrays without qsort's overhead (library-internal).
** glibc's qsort is a merge sort that may allocate its buffer and calls the
** comparison through a pointer; on the few dozen to few hundred keys a
** per-draw frontier merge sorts, that costs more than the comparisons.
** pl__sort is an insertion sort inlined at the call for a few dozen
** elements (the compiler folds in the size and the comparison), a merge sort
** on a stack buffer up to PL__SORT_BYTES, and qsort above. With a comparison that is a
** total order (ties broken by an index, as every caller's is) every sort
** gives the same order, so switching between them changes no result.
*/
#ifndef PL_CORE_SORT_H
#define PL_CORE_SORT_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* Arrays of at most this many bytes are sorted here, larger ones by qsort. */
#define PL__SORT_BYTES 4096
/* Up to this many elements: insertion sort inlined at the call, where the element size and
   the comparison are constants the compiler folds in. */
#define PL__SORT_INLINE 48

#if defined(__GNUC__)
#define PL__ALWAYS_INLINE __attribute__((always_inline)) inline
#else
#define PL__ALWAYS_INLINE inline
#endif
/* Runs this short are sorted by insertion. */
#define PL__SORT_RUN 12

typedef int (*pl__cmp_fn)(const void *, const void *);

/* Insertion sort of N elements of size bytes (at most 32). */
static PL__ALWAYS_INLINE void pl__sort_insert(unsigned char *a, size_t N, size_t size,
                                              pl__cmp_fn cmp)
{
    unsigned char t[32];
    for (size_t j = 1; j < N; j++) {
        size_t i = j;
        memcpy(t, a + j * size, size);
        while (i > 0 && cmp(a + (i - 1) * size, t) > 0) {
            memcpy(a + i * size, a + (i - 1) * size, size);
            i--;
        }
        if (i != j)
            memcpy(a + i * size, t, size);
    }
}

/* Top-down merge sort of a[0..N) with tmp (as large): halves sorted, then merged via tmp. */
static inline void pl__sort_merge(unsigned char *a, unsigned char *tmp, size_t N, size_t size,
                                  pl__cmp_fn cmp)
{
    if (N <= PL__SORT_RUN) {
        pl__sort_insert(a, N, size, cmp);
        return;
    }
    size_t h = N / 2, i = 0, j = h, o = 0;
    pl__sort_merge(a, tmp, h, size, cmp);
    pl__sort_merge(a + h * size, tmp, N - h, size, cmp);
    if (cmp(a + (h - 1) * size, a + h * size) <= 0)
        return; /* already in order */
    while (i < h && j < N) { /* the left one first on ties: stable */
        int right = cmp(a + j * size, a + i * size) < 0;
        memcpy(tmp + o++ * size, a + (right ? j++ : i++) * size, size);
    }
    memcpy(tmp + o * size, a + i * size, (h - i) * size); /* what is left of the left half */
    memcpy(a, tmp, (o + h - i) * size); /* the right half's rest is already in place */
}

/* Above PL__SORT_INLINE: not inlined, so that the buffer lives on the stack only while it
   sorts (callers such as the skyline's recursion would otherwise carry it in every frame). */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static void pl__sort_larger(void *base, size_t N, size_t size, pl__cmp_fn cmp)
{
    unsigned char tmp[PL__SORT_BYTES];
    if (size <= 32 && N <= PL__SORT_BYTES / size)
        pl__sort_merge(base, tmp, N, size, cmp);
    else
        qsort(base, N, size, cmp);
}

static PL__ALWAYS_INLINE void pl__sort(void *base, size_t N, size_t size, pl__cmp_fn cmp)
{
    if (size <= 32 && N <= PL__SORT_INLINE)
        pl__sort_insert(base, N, size, cmp);
    else
        pl__sort_larger(base, N, size, cmp);
}

#endif
