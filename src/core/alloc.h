/* SPDX-License-Identifier: MIT */
/*
** alloc.h: array allocation with the size computed safely. Every array whose
** length comes from the input is sized through these, so a product that would
** wrap around yields a failed allocation (PL_ENOMEM) instead of a short buffer.
** Also a hint for large tables read far apart: huge pages.
*/
#ifndef PL_ALLOC_H
#define PL_ALLOC_H

#include <stddef.h>

/* a * b, or SIZE_MAX when that overflows (so an allocation of it fails). */
size_t pl__mul(size_t a, size_t b);

/* a + b, or SIZE_MAX when that overflows: sums of pl__mul's results stay saturated. */
size_t pl__add(size_t a, size_t b);

/* malloc of n elements of size bytes; NULL when n * size overflows. */
void *pl__mallocarray(size_t n, size_t size);

/*
** Room for at least `need` elements of `size` bytes in the array p of *cap
** elements, doubling (from `first`) as needed. Returns the array, possibly
** moved, and updates *cap; on failure returns NULL and leaves p and *cap as
** they were (p still valid, still owned by the caller).
*/
void *pl__grow(void *p, size_t *cap, size_t need, size_t size, size_t first);

/*
** Ask for huge pages under the array p of `bytes` bytes, from 4 MiB up, where the
** system has them (Linux, transparent huge pages in madvise mode): a table read at
** many places far apart misses the TLB on nearly every read with 4 KiB pages. Only
** pages not yet touched get them. A hint: its failure changes nothing.
*/
void pl__huge_pages(void *p, size_t bytes);

/*
** pl__grow for an array that must start on a 64-byte cache line (records of
** a line each): a new block (aligned_alloc), the *cap elements copied; free()
** releases it. NULL on failure, as pl__grow.
*/
void *pl__grow_lines(void *p, size_t *cap, size_t need, size_t size, size_t first);

#endif
