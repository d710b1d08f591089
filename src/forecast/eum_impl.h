/* SPDX-License-Identifier: MIT */
/*
** eum_impl.h: the vote sums behind the EUM's probabilities of success
** (MODELS.md sections 3.1 and 3.6), shared by the model and its tests.
*/
#ifndef PL_EUM_IMPL_H
#define PL_EUM_IMPL_H

#include "parley/eum.h"
#include "../core/vmath.h"

#include <math.h>

/*
** Probability source for one round phase. Positions are sorted once with
** prefix sums of w and w x, so that one actor's row costs O(n log n) (naive:
** O(n^2)). Scholz's form divides by Z, every voter's |vote| summed over every
** pair of positions: O(n^2) from the positions' order by distance from each
** voter position (naive: the n^3 sum), or with every exponent 1 from the threat
** pass's pair votes. With every exponent 1 its votes are the published ones over R;
** otherwise a table of prefix sums over voters (in position order) of
** d_kp = w_k (|x_k - x_p| / R)^r_k gives any pair's votes in O(log n) after
** O(n^2) powers (SLEEF's exp and log; naive: the full matrix of P, O(n^3)). That table has
** (n + 1) x n entries (800 MB at n = 10,000; kept: 55 MB) but few are read (eum.c's offer
** reach: 5-50 n pairs a round), so only part of it is kept (eum_scholz.c):
** every PL__EUM_CP-th row, a band of PL__EUM_BAND columns either side of the
** diagonal and row n; any other entry is its checkpoint plus the voters' d
** added in the same order, the same bits as the full table.
*/
typedef struct pl__eum_votes {
    size_t n;
    pl_eum_prob prob;
    int naive;
    const double *x, *w;
    double W;
    size_t *ord;        /* actors by position */
    double *xs, *pw, *px; /* sorted positions; prefix sums of w and w x (n + 1) */
    double *mat;        /* Scholz, naive: P[a * n + b] */
    double *tab;        /* Scholz, exponents not all 1: the kept rows of the table whose row t,
                           column u is the sum of d over the first t voters in position order
                           to position xs[u]: (n / PL__EUM_CP + 1) x n checkpoints, then row n,
                           then the band, (n + 1) x (2 PL__EUM_BAND + 1) */
    const double *r;    /* Scholz with tab: the exponents (the caller's array), and R */
    double R;
    size_t every, half; /* Scholz with tab: checkpoint stride and band half-width kept */
    size_t *rank;       /* Scholz with tab: each actor's place in ord */
    double zR;          /* Scholz: Z, times R when every exponent is 1 (votes then unscaled) */
    int tab_lent;       /* tab belongs to a pl__eum_buf, not to v */
    int xs_lent;        /* so do xs and the arrays after it (pl__eum_buf's blk) */
    int z_later;        /* Scholz, every exponent 1: Z not yet known (pl__eum_votes_init_threats) */
} pl__eum_votes;

/*
** Memory that outlives one phase (the caller frees p and blk): the rounds of a
** run reuse Scholz's table instead of mapping fresh memory every round, and the
** sorted positions' block (xs, pw, px, ord) instead of a malloc every round,
** which on a few actors cost as much as the sums.
*/
typedef struct pl__eum_buf {
    double *p;
    size_t cap; /* doubles */
    int full;   /* keep every row of the table (as before: the benchmark's baseline) */
    double *blk;
    size_t blk_cap; /* doubles */
} pl__eum_buf;

/*
** Up to this many actors Scholz's form keeps the n^3 sums in the order of
** Scholz et al.'s code (and of jmckib's replication). The fast sums agree to
** 1e-12, but the model's choices turn on exact ties (b > a, equal keys), and
** on 2 of the 353 DEU III issues a last-bit difference flips one: there the
** forecast would differ from the replication's. Below 64 actors the n^3 sums
** cost microseconds.
*/
#define PL__EUM_SCHOLZ_SUMS 64

/*
** Prepare for positions x and weights w; r (own exponents, NULL: all 1) and R
** are used by Scholz's form, whose O(n^2) powers run on `threads` threads
** (the numbers never depend on it). naive: 1 the O(n) per pair oracle
** (Scholz: the n^3 matrix); 0 the fast sums (Scholz: above
** PL__EUM_SCHOLZ_SUMS actors); -1 the fast sums always (tests). PL_ENOMEM or
** PL_OK.
*/
int pl__eum_votes_init(pl__eum_votes *v, const double *x, const double *w, const double *r,
                       double R, size_t n, pl_eum_prob prob, int naive, int threads);
/* The same, Scholz's table (if any) in buf, grown when too small; buf NULL: v's own. */
int pl__eum_votes_init_buf(pl__eum_votes *v, const double *x, const double *w, const double *r,
                           double R, size_t n, pl_eum_prob prob, int naive, int threads,
                           pl__eum_buf *buf);
/*
** The same with every exponent 1, for pl__eum_threats only (no row or pair may
** be asked for): Scholz's fast form leaves Z to the threat pass, which computes
** every pair's votes anyway, instead of O(n nd) work of its own here.
*/
int pl__eum_votes_init_threats(pl__eum_votes *v, const double *x, const double *w, double R,
                               size_t n, pl_eum_prob prob, int naive, int threads);
void pl__eum_votes_free(pl__eum_votes *v);
/* Scholz's d_kp for weight w, distance dist and exponent r, by glibc's pow: the n^3 matrix's
   (the naive path, and the sums up to PL__EUM_SCHOLZ_SUMS actors that reproduce Scholz's code). */
static inline double pl__eum_scholz_d(double w, double dist, double R, double r)
{
    /* pow(y, 1) is y (glibc's pow errs by under 0.52 ulp, so an exact result is returned):
       the threat phase, where every exponent is 1, skips n^2 powers with the same numbers */
    return w * (r == 1 ? dist / R : pow(dist / R, r));
}
/*
** The same d on Scholz's table (above PL__EUM_SCHOLZ_SUMS actors: its rows and
** every entry resumed from a checkpoint): w exp(r log(dist / R)) by SLEEF's
** log and exp (core/vmath.h), which run a whole row in vector registers and
** give the same bits on every CPU. pow(y, r) is exp(r log y): the two differ
** by rounding only, a relative (4 |r log y| + 2) 2^-52 at most (log's 3.5 ulp
** scaled by r, the product's and exp's roundings; with r in [1/2, 2] and
** y >= 1e-4, under 2e-14; y = 0 gives 0 as pow does).
*/
static inline double pl__eum_scholz_dv(double w, double dist, double R, double r)
{
    return w * (r == 1 ? dist / R : pl__vm_exp1(r * pl__vm_log1(dist / R)));
}
/* Rows of Scholz's table kept: every PL__EUM_CP-th, and PL__EUM_BAND columns either side of
   the diagonal in every row (look-ups of near pairs fall in the band). */
#define PL__EUM_CP 16
#define PL__EUM_BAND 32
/* After the sorted set-up: Z, and the table unless every exponent is 1 (eum_scholz.c),
   in buf if not NULL; r must outlive v. Frees v and returns PL_ENOMEM on failure. */
int pl__eum_scholz_init(pl__eum_votes *v, const double *r, double R, int threads,
                        pl__eum_buf *buf);
/* Entry (t, u) of Scholz's table: from the kept rows, or resumed from a checkpoint. */
double pl__eum_scholz_cell(const pl__eum_votes *v, size_t t, size_t u);
/* Actor indices ord[0..n) sorted by position, ties by index (stable); tmp: n scratch. */
void pl__eum_sort_by_position(size_t *ord, size_t *tmp, size_t n, const double *x);
/* For actor j: wins[i] = P(j beats i), loses[i] = P(i beats j); 0 where x_i == x_j. */
void pl__eum_votes_row(const pl__eum_votes *v, size_t j, double *wins, double *loses);
/*
** Threat totals at r = 1 and Q = 1 (MODELS.md 3.4) into S (n):
** S_i = sum over j of 2 |x_j - x_i| / R (1 - 2 s_i (1 - P(j beats i))), each
** pair's votes computed once. O(n^2); PL_ENOMEM or PL_OK.
*/
int pl__eum_threats(const pl__eum_votes *v, const double *s, double R, double *S);
/*
** An upper bound on every P of v: 1, or for Scholz's table 2 W / Z (each d_kp
** is at most w_k, distances being at most R and exponents positive, so a
** side's votes are at most W; the 2 absorbs rounding). With P that small a
** pair can be ruled out before its look-up (eum.c, consider).
*/
double pl__eum_votes_bound(const pl__eum_votes *v);
/* The same for one pair: O(log n) (naive: O(n)). */
void pl__eum_votes_pair(const pl__eum_votes *v, size_t j, size_t i, double *wins, double *loses);
/* The same where the caller knows, in v's order of positions (v->ord, v->xs), a: the first
   place past the lower position's actors, b: the first from a on past the two positions'
   midpoint (their sum halved), and c: the first of the upper position's (the split's three
   binary searches; the Scholz and naive forms ignore them). */
void pl__eum_votes_pair_at(const pl__eum_votes *v, size_t j, size_t i, size_t a, size_t b,
                           size_t c, double *wins, double *loses);

/* Bytes of a run's record for n actors under o (0: too many), aligned as malloc's. */
size_t pl__eum_record_bytes(size_t n, const pl_eum_opts *o);
/* pl_eum_run with its record in mem (pl__eum_record_bytes(n, opts) bytes or more, aligned as
   malloc's): *out points into mem, is valid until mem is reused or freed, and is not for
   pl_eum_free. It is for the forecast (and positions, stop reason): with Q = 1 it holds the
   medians and means the forecast reads only (the last round's, or the cycle's), and a conflict
   proven without its powers (eum.c, sure_conflict) has a and b NaN. */
int pl__eum_run_in(pl_eum **out, void *mem, const double *x, const double *cap,
                   const double *s, size_t n, const pl_eum_opts *opts, pl_error *err);

#endif
