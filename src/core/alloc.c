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
#include <string.h>

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

/* The capacity pl__grow moves to for need elements (doubling from *cap or first); 0: too large. */
static size_t grown(size_t cap, size_t need, size_t size, size_t first)
{
    size_t c = cap ? cap : (first ? first : 1);
    while (c < need) {
        if (c > SIZE_MAX / 2)
            return 0;
        c *= 2;
    }
    return !size || c > SIZE_MAX / size ? 0 : c;
}

void *pl__grow(void *p, size_t *cap, size_t need, size_t size, size_t first)
{
    if (need <= *cap && p)
        return p;
    size_t c = grown(*cap, need, size, first);
    void *q = c ? realloc(p, c * size) : NULL;
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

void *pl__grow_lines(void *p, size_t *cap, size_t need, size_t size, size_t first)
{
    if (need <= *cap && p)
        return p;
    size_t c = grown(*cap, need, size, first);
    size_t bytes = c && c * size <= SIZE_MAX - 63 ? (c * size + 63) & ~(size_t)63 : 0;
    void *q = bytes ? aligned_alloc(64, bytes) : NULL;
    if (!q)
        return NULL;
    if (p)
        memcpy(q, p, *cap * size);
    free(p);
    *cap = c;
    return q;
}
