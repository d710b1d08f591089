/* SPDX-License-Identifier: MIT */
/*
** alloc.c: overflow-checked array sizes and the huge-page hint (alloc.h).
*/
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE /* MADV_HUGEPAGE (pl__huge_pages), beyond POSIX */
#endif
#include "alloc.h"

#include <stdint.h>
#include <stdlib.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

size_t pl__mul(size_t a, size_t b)
{
    return b && a > SIZE_MAX / b ? SIZE_MAX : a * b;
}

size_t pl__add(size_t a, size_t b)
{
    return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

void *pl__mallocarray(size_t n, size_t size)
{
    size_t bytes = pl__mul(n, size);
    return bytes == SIZE_MAX ? NULL : malloc(bytes);
}

void *pl__grow(void *p, size_t *cap, size_t need, size_t size, size_t first)
{
    if (need <= *cap && p)
        return p;
    size_t c = *cap ? *cap : (first ? first : 1);
    while (c < need) {
        if (c > SIZE_MAX / 2)
            return NULL;
        c *= 2;
    }
    if (!size || c > SIZE_MAX / size)
        return NULL;
    void *q = realloc(p, c * size);
    if (q)
        *cap = c;
    return q;
}

void pl__huge_pages(void *p, size_t bytes)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    uintptr_t a = ((uintptr_t)p + 4095) & ~(uintptr_t)4095, end = (uintptr_t)p + bytes;
    if (bytes >= ((size_t)4 << 20) && end > a)
        (void)madvise((void *)a, (size_t)(end - a) & ~(size_t)4095, MADV_HUGEPAGE);
#else
    (void)p, (void)bytes;
#endif
}
