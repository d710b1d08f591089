/* SPDX-License-Identifier: MIT */
/*
** gmp_mem.c: GMP computations that run out of memory return PL_ENOMEM
** instead of aborting (docs/design-notes.md, "Out of memory"). GMP requires
** allocation functions that never return NULL, and its default ones abort.
** While a power computation runs, ours are installed: they call malloc, and
** when it fails they hand out memory from a reserve allocated up front (where
** failing is still an ordinary PL_ENOMEM) and mark the computation failed. The
** computation then finishes its step with valid memory, frees what it holds
** as usual, and reports PL_ENOMEM. Only when the reserve too is used up does
** GMP abort, as it always did.
*/
#include "power_impl.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/*
** GMP's allocation functions are process-wide (mp_set_memory_functions), so
** what installs ours has to be too: this is the library's one exception to
** "no globals". The first computation to start installs them, the last to end
** restores the functions they replaced. A thread with no computation of ours
** running (a host program's own GMP use) is passed to those functions.
*/
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static size_t running;
static void *(*outer_alloc)(size_t);
static void *(*outer_realloc)(void *, size_t, size_t);
static void (*outer_free)(void *, size_t);

/* This thread's computation, if any. */
static _Thread_local pl__gmp_scope *current;

static int in_reserve(const pl__gmp_scope *sc, const void *p)
{
    uintptr_t a = (uintptr_t)p, lo = (uintptr_t)sc->reserve;
    return a >= lo && a < lo + sc->size;
}

/* malloc failed: take n bytes from the reserve; the computation has failed. */
static void *from_reserve(pl__gmp_scope *sc, size_t n)
{
    size_t at = (sc->used + 15) & ~(size_t)15;
    sc->failed = 1;
    if (at > sc->size || n > sc->size - at)
        abort(); /* GMP's own behaviour: the reserve was too small */
    sc->used = at + n;
    return sc->reserve + at;
}

static void *gmp_alloc(size_t n)
{
    pl__gmp_scope *sc = current;
    if (!sc)
        return outer_alloc(n);
    void *p = malloc(n);
    return p ? p : from_reserve(sc, n);
}

static void *gmp_realloc(void *p, size_t old, size_t n)
{
    pl__gmp_scope *sc = current;
    if (!sc)
        return outer_realloc(p, old, n);
    void *q = in_reserve(sc, p) ? NULL : realloc(p, n);
    if (q)
        return q;
    if (!in_reserve(sc, p))
        sc->failed = 1; /* even if malloc below succeeds: out of memory is never an answer */
    /* realloc failed and p is still valid, or p is in the reserve: move it */
    q = malloc(n);
    if (!q)
        q = from_reserve(sc, n);
    memcpy(q, p, old < n ? old : n);
    if (!in_reserve(sc, p))
        free(p);
    return q;
}

static void gmp_free(void *p, size_t n)
{
    pl__gmp_scope *sc = current;
    if (!sc)
        outer_free(p, n);
    else if (!in_reserve(sc, p)) /* the reserve goes as a whole, in pl__gmp_leave */
        free(p);
}

int pl__gmp_enter(pl__gmp_scope *sc, size_t reserve)
{
    memset(sc, 0, sizeof *sc);
    if (!(sc->reserve = malloc(reserve)))
        return PL_ENOMEM;
    sc->size = reserve;
    pthread_mutex_lock(&lock);
    if (running++ == 0) {
        mp_get_memory_functions(&outer_alloc, &outer_realloc, &outer_free);
        mp_set_memory_functions(gmp_alloc, gmp_realloc, gmp_free);
    }
    pthread_mutex_unlock(&lock);
    current = sc;
    return PL_OK;
}

int pl__gmp_leave(pl__gmp_scope *sc)
{
    current = NULL;
    pthread_mutex_lock(&lock);
    if (--running == 0)
        mp_set_memory_functions(outer_alloc, outer_realloc, outer_free);
    pthread_mutex_unlock(&lock);
    free(sc->reserve);
    return sc->failed ? PL_ENOMEM : PL_OK;
}

/*
** Largest exact number of an n-member game: Shapley-Shubik numerators and
** denominators reach n! (under n log2 n bits), swing counts 2^n. The reserve
** holds 64 of them plus 64 KiB for GMP's temporaries and strings.
*/
size_t pl__gmp_reserve(size_t n)
{
    size_t bits = 64, lg = 1;
    while (lg < 64 && ((size_t)1 << lg) < n + 1)
        lg++;
    bits += n * (lg + 1);
    return 64 * (bits / 8 + 16) + 65536;
}
