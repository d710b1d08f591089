/* SPDX-License-Identifier: MIT */
/*
** settle_impl.h: what the settlement files share (library-internal): the
** layouts behind pl_space and pl_frontier, the dominance test with its
** tolerance, and the non-dominated filter.
*/
#ifndef PL_SETTLE_IMPL_H
#define PL_SETTLE_IMPL_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include "parley/settle.h"

struct pl_space {
    size_t n, K;
    size_t *m;          /* options per issue */
    size_t *off;        /* first option of issue k in a party's row */
    size_t total;       /* sum of m */
    double *t;          /* n x total: t[i * total + off[k] + v] */
};

struct pl_frontier {
    size_t n, K, size;
    double *u;          /* size x n */
    uint32_t *pkg;      /* size x K */
    size_t *merge_sizes;  /* K entries after a merge, else NULL */
};

/* The tolerance of "a >= b" and "a > b" on the utility scale. */
static inline double pl__tol(double a, double b)
{
    double m = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
    return 1e-12 * (m > 1 ? m : 1);
}

/* a >= b within the tolerance, a >= b - pl__tol(a, b): when a >= b plainly that holds
   without the tolerance being made (b - tol rounds to at most b), the same answer. */
static inline int pl__at_least(double a, double b)
{
    return a >= b || a >= b - pl__tol(a, b);
}

/*
** Returns f(n, ...) with the party count n a constant from 3 to 8 (a draw's merges have a
** few parties, the built-in's 4 and 6), so that an always-inlined f unrolls its loops over
** the parties; with any other n, f(n, ...) as it is.
*/
#define PL__BY_PARTIES(n, f, ...)              \
    switch (n) {                               \
    case 3: return f(3, __VA_ARGS__);          \
    case 4: return f(4, __VA_ARGS__);          \
    case 5: return f(5, __VA_ARGS__);          \
    case 6: return f(6, __VA_ARGS__);          \
    case 7: return f(7, __VA_ARGS__);          \
    case 8: return f(8, __VA_ARGS__);          \
    default: return f(n, __VA_ARGS__);         \
    }

/* 1 if p dominates q (n utilities each): p >= q everywhere and p > q somewhere. */
static inline int pl__dominates(const double *p, const double *q, size_t n)
{
    int strict = 0;
    for (size_t i = 0; i < n; i++) {
        double t = pl__tol(p[i], q[i]);
        if (p[i] < q[i] - t)
            return 0;
        strict |= p[i] > q[i] + t;
    }
    return strict;
}

/*
** Non-dominated points among N (n utilities each, point-major). keep gets
** their indices in increasing order, *n_keep their number. Deterministic:
** ties are broken by index. 2 parties: sort and sweep; more: sort-filter skyline.
** budget (NULL: none) bounds the dominance tests and is decremented by those
** made; PL_ERANGE when it runs out.
*/
int pl__nd(size_t n, size_t N, const double *u, size_t *keep, size_t *n_keep,
           uint64_t *budget);
/* pl__nd when in_unit says every utility lies within [-1, 1], which pl__nd would otherwise
   check point by point (its faster dominance test needs it): the same set. */
int pl__nd_in(size_t n, size_t N, const double *u, int in_unit, size_t *keep, size_t *n_keep,
              uint64_t *budget);

/*
** The same set as pl__nd for three or more parties, by divide and conquer on
** ranks (skyline.c). PL_OK, PL_ENOMEM, or PL__SKY_UNSURE when ranks cannot
** stand for the tolerance on these points (fewer than 3 parties, values
** spaced about the tolerance apart): the caller then uses pl__nd.
*/
#define PL__SKY_UNSURE 1
int pl__skyline(size_t n, size_t N, const double *u, size_t *keep, size_t *n_keep);

/* ---- streaming ------------------------------------------------------------ */

/*
** A superset of the points no point offered so far dominates (stream.c).
** Two parties: a staircase sorted by u1 ascending, plus a block of recent
** points that passed a binary-search check against it; a full block is
** sorted and merged into the staircase by one sweep.
*/
#define PL__BLOCK 4096
typedef struct pl__stream {
    size_t n;
    double *u;          /* size x n */
    uint64_t *idx;      /* package index of each point */
    size_t size, cap;
    double *bu;         /* 2 parties: the block, bn x 2 */
    uint64_t *bidx;
    size_t bn;
    size_t hint;        /* 2 parties: the staircase point that last dominated one offered */
    int oom;
} pl__stream;

void pl__stream_init(pl__stream *s, size_t n);
void pl__stream_offer(pl__stream *s, const double *p, uint64_t idx);
/* Merge a pending block (call before reading u, idx, size). */
void pl__stream_flush(pl__stream *s);
void pl__stream_free(pl__stream *s);
/*
** The kept points of nt streams (the first at `first`, the others stride
** bytes apart, as in an array of jobs), in order: *u (N x n) and *idx
** (malloc'd; idx may be NULL when not wanted).
*/
int pl__streams_join(const pl__stream *first, size_t stride, size_t nt, double **u,
                     uint64_t **idx, size_t *N);

/*
** Visit packages lo..hi-1 (index: issue 1 varies slowest) with their
** utilities, summed in issue order like the merge. fn returns non-zero to stop.
*/
typedef int (*pl__walk_fn)(void *ctx, uint64_t idx, const uint32_t *w, const double *u);
int pl__space_walk(const pl_space *sp, uint64_t lo, uint64_t hi, pl__walk_fn fn, void *ctx);
/* Decode a package index into options. */
void pl__space_decode(const pl_space *sp, uint64_t idx, uint32_t *w);

/*
** Frontier by streaming, threads over contiguous ranges: the packages of sp,
** or (sp NULL) the N explicit points pts with n utilities each. Unsorted.
*/
int pl__stream_frontier(const pl_space *sp, const double *pts, size_t n, uint64_t N,
                        int threads, pl_frontier **out);

/* pl_frontier_merge reporting each issue merged through span (NULL: none). */
struct pl__span;
int pl__frontier_merge(pl_frontier **out, const pl_space *sp, const pl_frontier_opts *opts,
                       const struct pl__span *span, pl_error *err);

/* pl_solve on a frontier that pl__frontier_floor floored at opts->d when floored is 1: its
   every point is rational then (the floor keeps a point by the rational test's own
   comparisons, and no NaN), so the test is not made again. */
int pl__solve(pl_solution *sol, pl_solution_kind kind, const pl_frontier *f,
              const pl_solve_opts *opts, uint64_t *flat, int floored, pl_error *err);

/* A frontier with room for size points; NULL when out of memory. */
pl_frontier *pl__frontier_alloc(size_t n, size_t K, size_t size);
/* Sort points by package (lexicographic), as every result is reported. */
int pl__frontier_sort(pl_frontier *f); /* PL_ENOMEM */
/* Drop points below the floor (NULL: none). */
void pl__frontier_floor(pl_frontier *f, const double *floor);

#endif
