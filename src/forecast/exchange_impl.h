/* SPDX-License-Identifier: MIT */
/*
** exchange_impl.h: the exchange model's internals (exchange.c runs the
** rounds, exchange_size.h sizes one candidate, exchange_eval.c as functions,
** exchange_tree.c and exchange_heap.c order the candidates), and the model
** over some of a scenario's issues (evaluate runs it within each group of
** issues decided together).
*/
#ifndef PL_EXCHANGE_IMPL_H
#define PL_EXCHANGE_IMPL_H

#include "parley/exchange.h"
#include "parley/scenario.h"

#include <math.h>
#include <stdint.h>

/*
** The actors at the table over the K issues issues[0..K) (NULL: issues 0..K),
** power = capability, absent where an actor has no position.
*/
int pl__exchange_run_issues(pl_exchange **out, const pl_scenario *s, const size_t *issues,
                            size_t K, const pl_exchange_opts *opts, pl_error *err);

/* A candidate exchange of the round: actor i supplies issue p, actor j supplies q. */
typedef struct pl__xc_cand {
    uint32_t i, j, p, q;
    double rho;  /* rate dO_q / dO_p, fixed when the round starts */
    double gain; /* the smaller of the two gains as last sized; -inf once it left the round */
    /*
    ** Decide's record of the moves proposed to i (on p) and j (on q) in this
    ** candidate: the last proposal, and the sum of the earlier ones it keeps.
    ** Decide keeps a proposal when the actor then trades on that issue
    ** elsewhere (base.py, invalidate_exchange_by_supply appends the executed
    ** move and pops it again), and a candidate whose kept proposals point both
    ** ways is infeasible (is_move_valid), so it leaves the round at once
    ** (exchange.c, keep): while it is in the round the kept proposals point one
    ** way, nonzero, and their sum's sign is theirs (0: none kept).
    */
    double last_i, last_j, pre_i, pre_j;
} pl__xc_cand; /* 64 bytes: what a revisit reads and writes, one cache line (exchange.c) */

/*
** fmin(a, b) as glibc's returns it (the other when one is NaN; a when they are
** equal, so of two zeros the first), without the call into libm.
*/
static inline double pl__xc_min(double a, double b) { return b < a || isnan(a) ? b : a; }

/*
** The sizing, its helpers and remember: inlined where GCC would not, since on
** small runs a call costs a tenth of the work it wraps.
*/
#if defined(__GNUC__) || defined(__clang__)
#define PL__XC_INLINE __attribute__((always_inline)) inline
#else
#define PL__XC_INLINE inline
#endif

/* A hint to load *p now (a candidate a revisit will read a few steps on). */
#if defined(__GNUC__) || defined(__clang__)
#define PL__PREFETCH(p) __builtin_prefetch(p)
#else
#define PL__PREFETCH(p) ((void)(p))
#endif

/*
** Every pair of actors a < b on opposite sides of O on both issues p < q, in
** the order (p, q, a, b), to visit (exchange_pairs.c); a non-zero return from
** visit stops the walk and is returned. sd: K x n (issue major), 0 absent,
** 1 at or below O, 2 above; scratch: room for 4 n.
*/
typedef int (*pl__xc_visit)(void *arg, size_t a, size_t b, size_t p, size_t q);
int pl__xc_pairs(size_t n, size_t K, const unsigned char *sd, uint32_t *scratch,
                 pl__xc_visit visit, void *arg);
/*
** The same walk for few actors (n < PL__XC_FEW, K <= 64), from their sides as
** bits: lo[a] bit k when a is present on k at or below O, hi[a] above it.
*/
#define PL__XC_FEW 8
int pl__xc_pairs_few(size_t n, size_t K, const uint64_t *lo, const uint64_t *hi,
                     pl__xc_visit visit, void *arg);

/* One supply of the round: to whom, a's position on the issue after it, the previous one. */
typedef struct pl__xc_rec {
    uint32_t demander, next; /* next: index + 1 of the supplier's previous one on the issue */
    double pos;
} pl__xc_rec;

/*
** What a round's sizing reads (n x K arrays, actor major). x, O0 and W are
** fixed for the round; y and the demanders' views (dv, rec) change with
** every executed exchange.
*/
typedef struct pl__xc_state {
    size_t n, K;
    const double *s, *c;
    const double *x;    /* start positions of the round */
    const double *O0;   /* O at the start of the round */
    const double *W;    /* sum c s per issue */
    const double *k;    /* c s / W: how far a's vote moves O (fixed for the run) */
    const double *y;    /* voting positions now */
    /* dv[b K + k]: shift of O_k that demander b has seen: sum over the actors that supplied k
       to b this round of c s (y at their first such exchange - x) / W_k */
    const double *dv;
    /* what each supplier gave whom: rec_head[a K + k] - 1 is a's latest exchange of the
       round supplying k (none: 0), rec[] the chain back through its earlier ones */
    const uint32_t *rec_head;
    const struct pl__xc_rec *rec;
} pl__xc_state;

/*
** Can candidate *cd be sized at all: k_ip > 0, k_jq > 0, rho finite and > 0?
** These are fixed for the run, so a candidate checked when it is made stays so.
*/
static inline int pl__xc_sizable(const pl__xc_state *st, const pl__xc_cand *cd)
{
    double kip = st->k[cd->i * st->K + cd->p], kjq = st->k[cd->j * st->K + cd->q];
    return kip > 0 && kjq > 0 && cd->rho > 0 && isfinite(cd->rho);
}
/*
** Size candidate *cd, sizable, as Decide does (exchange_size.h): 1 and *t
** filled when it is feasible, 0 when not. dvr (NULL: not wanted), when feasible: the ranges
** [dvr[0], dvr[1]] of dv[j p] and [dvr[2], dvr[3]] of dv[i q] over which the
** sizing comes out the same while nothing else it reads changes (NaN: none);
** the second holds while the first does.
*/
int pl__xc_size(const pl__xc_state *st, const pl__xc_cand *cd, pl_exchange_trade *t,
                double dvr[4]);
/* The same at the start of a round (y = x, no dv, no record, no kept proposal). */
int pl__xc_size_fresh(const pl__xc_state *st, const pl__xc_cand *cd, pl_exchange_trade *t,
                      double dvr[4]);

/* Fast path: a candidate's dvr as floats, rounded inward (exchange.c). */
typedef struct pl__xc_range {
    float lo_p, hi_p, lo_q, hi_q;
} pl__xc_range;

/*
** The paths of pl_exchange_opts.naive: the same trades, four ways. INDEXED is
** the fast path without its scan of small runs (exchange.c, PL__XC_SMALL), so
** that the tests compare both on small cases.
*/
enum { PL__XC_FAST = 0, PL__XC_NAIVE = 1, PL__XC_HEAP = 2, PL__XC_INDEXED = 3 };

/*
** Max-tree over blocks of PL__XC_BLOCK candidates (exchange_tree.c): g[id]
** the gain of candidate id (-inf: it left the round), t[L + b] the largest
** of block b, t[v] the larger of t[2v] and t[2v + 1]; L a power of two >
** m / PL__XC_BLOCK.
*/
#define PL__XC_BLOCK 8 /* gains: a cache line */
typedef struct pl__xc_tree {
    double *t; /* 2 L */
    double *g; /* m */
    size_t L, m;
} pl__xc_tree;

/* Leaves for m candidates: L, the power of two the tree needs (2 L doubles); 0 if too many. */
size_t pl__xc_tree_leaves(size_t m);
/* Tree over the gains of cand[0..m) in t (2 pl__xc_tree_leaves(m) doubles) and g (m). */
void pl__xc_tree_build(pl__xc_tree *tr, double *t, double *g, const pl__xc_cand *cand,
                       size_t m);
/* Candidate id's gain is now g (-INFINITY: it left the round). */
void pl__xc_tree_set(pl__xc_tree *tr, uint32_t id, double g);
/*
** The ids whose gain is within tol of the best (not -inf), ascending, into out
** (room for every candidate); returns how many.
*/
size_t pl__xc_tree_top(const pl__xc_tree *tr, double tol, uint32_t *out);

/*
** Indexed binary max-heap of candidate ids by (gain desc, id asc)
** (exchange_heap.c): issue 20's fast path, kept as the bench's baseline
** (PL__XC_HEAP).
*/
typedef struct pl__xc_heap {
    uint32_t *h;   /* heap of ids */
    uint32_t *pos; /* pos[id]: index in h, UINT32_MAX when absent */
    size_t len;
    const pl__xc_cand *cand;
} pl__xc_heap;

/* Heap of ids 0..m-1 over cand (h and pos have room for m). */
void pl__xc_heap_build(pl__xc_heap *hp, size_t m);
/* Restore the order after cand[id].gain changed. */
void pl__xc_heap_update(pl__xc_heap *hp, uint32_t id);
void pl__xc_heap_remove(pl__xc_heap *hp, uint32_t id);
/*
** The ids whose gain is within tol of the best, ascending, into out (room for
** the heap's length); returns how many.
*/
size_t pl__xc_heap_top(const pl__xc_heap *hp, double tol, uint32_t *out);

#endif
