/* SPDX-License-Identifier: MIT */
/*
** power_impl.h: layouts shared by the voting-power engines (enumeration,
** generating functions, Monte Carlo) and the index arithmetic.
*/
#ifndef PL_POWER_IMPL_H
#define PL_POWER_IMPL_H

#include <limits.h>
#include <stdint.h>
#include <gmp.h>
#include "parley/power.h"

/*
** The residue build (residue.c, size_residue.c) holds one 64-bit word a cell
** and hands its moduli to GMP's _ui functions: it needs 64-bit limbs and an
** unsigned long that holds a modulus (not so on LLP64 targets).
*/
#define PL__RESIDUES_OK (GMP_NUMB_BITS == 64 && ULONG_MAX >= UINT64_MAX)

/* One condition w(S) >= quota of a rule. */
typedef struct pl__cond {
    int64_t *w;          /* n weights */
    int64_t quota, total;
    size_t rule;
    int count;           /* 1: a member count (every weight 1) */
    int64_t scale;       /* w, quota and total are the scenario's weights times this power
                            of ten, made whole (game.c); 1 for a game given in integers */
} pl__cond;

/* A condition's quota or total in the scenario's own units (the integer over its scale). */
void pl__emit_units(pl_emitter *e, int64_t v, int64_t scale);

struct pl_game {
    size_t n, n_rules, n_conds, cap_conds;
    char **name;         /* NULL until a name is set; a NULL entry: the member's number */
    char *numbuf;        /* PL__NUMBUF bytes: pl_game_member_name's text of an unnamed
                            member (a pointer, so a const game can write it) */
    unsigned char *veto;
    pl__cond *cond;      /* conditions in rule order */
};

/* Member m's name: its own, or its number (1-based) written into buf. Default names are
   implicit so that a game of 10^8 members costs no strings before the memory checks. */
const char *pl__game_name(const pl_game *g, size_t m, char *buf, size_t size);

#define PL__NUMBUF 24

/* More rules than this make inclusion-exclusion (2^rules tables) unreasonable. */
#define PL__MAX_RULES 8

/* 1 if coalition sums (one per condition) satisfy some rule. */
int pl__game_sums_win(const pl_game *g, const int64_t *sums);

/*
** Exact counts found by an engine. Sizes k count the coalition with the
** member in it (1..n). The minimal-coalition part is only filled by
** enumeration (n <= 30, so 64-bit counts are safe).
*/
typedef struct pl__tally {
    size_t n;
    mpz_t win;              /* |W| */
    mpz_t *eta;             /* swings per member */
    mpz_t *ss;              /* Shapley-Shubik numerators over n!; NULL: not computed */
    int minimal;
    uint64_t n_mwc, n_mbc;
    uint64_t *mwc_size;     /* n x (n + 1): minimal winning coalitions with m, by size */
    uint64_t *john;         /* n x (n + 1): winning coalitions where m is one of c critical */
    uint64_t *mbc_in;       /* minimal blocking coalitions containing m */
    size_t *mbc_min;        /* size of the smallest of them (0: none) */
    size_t list_cap, n_list[2];
    uint64_t *list[2];      /* [0] minimal winning, [1] minimal blocking */
} pl__tally;

int pl__tally_init(pl__tally *t, size_t n, int sizes, int minimal, size_t list_cap);
void pl__tally_clear(pl__tally *t);
void pl__tally_drop_shapley(pl__tally *t);
/* f[k] = (k - 1)! (n - k)! for k = 1..n: the Shapley-Shubik weight of a swing at size k, times n!. */
mpz_t *pl__shapley_factors(size_t n);
void pl__mpz_array_free(mpz_t *a, size_t k);

/* Exact table entries: L machine words each (one plain word while n < 64). */
static inline void pl__limb_add(mp_limb_t *d, const mp_limb_t *a, size_t L)
{
    if (L == 1)
        d[0] += a[0];
    else
        mpn_add_n(d, d, a, (mp_size_t)L);
}

static inline void pl__limb_sub(mp_limb_t *d, const mp_limb_t *a, const mp_limb_t *b, size_t L)
{
    if (L == 1)
        d[0] = a[0] - b[0];
    else
        mpn_sub_n(d, a, b, (mp_size_t)L);
}

/* t[x + w] += t[x] for x < n (the old t[x]): multiplication by (1 + z^w) of n + w entries of
   S words each (limbs.c). */
void pl__run_add_shifted(mp_limb_t *t, size_t n, size_t w, size_t S);
/* Spread `cells` entries from S to S2 > S words apart, in place (the new words 0). */
void pl__entries_widen(mp_limb_t *t, size_t cells, size_t S, size_t S2);
/* Words for counts of coalitions of k members (below 2^k), at most L. */
static inline size_t pl__words_for(size_t k, size_t L)
{
    return k / GMP_NUMB_BITS + 1 < L ? k / GMP_NUMB_BITS + 1 : L;
}

int pl__enumerate(pl__tally *t, const pl_game *g, int minimal, pl_error *err);

/*
** The Shapley-Shubik table of one condition, by (size, weight), its rows
** trimmed to the weights a coalition of that size can have (size_table.c).
*/
typedef struct pl__size_table {
    size_t nv, rows, cells, L;   /* members; rows (sizes 0..rows-1); entries; words each */
    double cells_est;            /* entries, counted in a double: cells wraps beyond SIZE_MAX */
    int too_big;                 /* 1: more entries than a size_t indexes; never built */
    int64_t need;                /* entries hold weights x < need */
    int64_t *w;                  /* the members' weights, heaviest first */
    int64_t *lo, *hi;            /* nonzero range of each row so far */
    int64_t *LO, *HI;            /* row s holds x in [LO_s, HI_s] */
    size_t *off;                 /* first entry of each row (rows + 1) */
    mp_limb_t *c;                /* after the build: each row's prefix sums */
} pl__size_table;
int pl__size_table_plan(pl__size_table *t, const int64_t *w, size_t nv, int64_t need);
/* Add `cells` consecutive entries from entry `from` into those from entry `to`. */
typedef void pl__size_add_fn(void *ctx, size_t from, size_t to, size_t cells);
/* Each row of the table starts at x = 0 a multiple of this many cells in (size_table.c). */
#define PL__ROW_ALIGN 8
#ifndef PL__SWEEP
#define PL__SWEEP 4 /* members added in one sweep down the rows (GMP words) */
#endif
#ifndef PL__SWEEP_RES
#define PL__SWEEP_RES 64 /* the same, one residue a cell (size_residue.c), tiled */
#endif
/* Members j .. j + b - 1 into the table, in one sweep down the rows. */
void pl__size_table_sweep(pl__size_table *t, size_t j, size_t b, pl__size_add_fn *add, void *ctx);
/* Each step's ranges of one sweep, planned before its tiled passes (size_table.c). */
typedef struct pl__sweep_plan {
    size_t bmax;        /* members a sweep at most */
    int64_t *rng;       /* 4 x (rows + bmax) x bmax: each step's units' destinations */
    int64_t *box;       /* 2 x (rows + bmax): each step's destinations, skewed */
    int64_t *unit;      /* 3 x (bmax + 1): each unit's first member, members, skew */
} pl__sweep_plan;
int pl__sweep_plan_init(pl__sweep_plan *pl, const pl__size_table *t, size_t bmax);
void pl__sweep_plan_free(pl__sweep_plan *pl);
/* Bytes pl__sweep_plan_init allocates. */
double pl__sweep_plan_bytes(const pl__size_table *t, size_t bmax);
/* Add twice the entries from a .., and those from b .., into those from `to` .. */
typedef void pl__size_add_pair_fn(void *ctx, size_t a, size_t b, size_t to, size_t cells);
/* pl__size_table_sweep's additions in passes of `tile` columns (tile >= 1); with add_pair
   (not NULL), two members of equal weight at once. */
void pl__size_table_sweep_tiled(pl__size_table *t, size_t j, size_t b, int64_t tile,
                                pl__sweep_plan *pl, pl__size_add_fn *add,
                                pl__size_add_pair_fn *add_pair, void *ctx);
void pl__size_table_restart(pl__size_table *t);
/* The table in GMP words (the build before the residues; bench/power's baseline). */
int pl__size_table_build(pl__size_table *t);
void pl__size_table_below(const pl__size_table *t, int64_t X, int64_t w, size_t sizes,
                          mp_limb_t *v);
void pl__size_table_free(pl__size_table *t);

/* Moduli 2^64 (p[0] = 0) and primes below 2^63 for exact values below 2^bits (residue.c). */
typedef struct pl__moduli {
    size_t k, L;            /* moduli; words of the values put together */
    size_t stride, Mn;      /* words of M and of each C_i; M's own */
    uint64_t *p;
    mp_limb_t *M, *C;       /* their product; C_i = (M / m_i) ((M / m_i)^-1 mod m_i) */
} pl__moduli;
size_t pl__moduli_count(size_t bits);
int pl__moduli_init(pl__moduli *m, size_t bits, size_t L);
void pl__moduli_free(pl__moduli *m);
/* Words of pl__moduli_crt's scratch. */
static inline size_t pl__moduli_scratch(const pl__moduli *m) { return 3 * m->stride + 4; }
/* out (L words) = the value with residues r[0..k-1]. */
void pl__moduli_crt(const pl__moduli *m, const uint64_t *r, mp_limb_t *out, mp_limb_t *scratch);
/* d[x] = d[x] + s[x] mod p (p = 0: 2^64), x < n; entries below p. */
/* a + b mod p, both below p (p = 0: mod 2^64). p < 2^63, so the sum s fits a word, and
   min(s, s - p) is s - p exactly when s >= p (below p the subtraction wraps above s). */
static inline uint64_t pl__add_mod(uint64_t a, uint64_t b, uint64_t p)
{
    uint64_t s = a + b, d = s - p;
    return d < s ? d : s;
}
void pl__residue_add(uint64_t *restrict d, const uint64_t *restrict s, size_t n, uint64_t p);
/* d[x] = d[x] + 2 a[x] + b[x] mod p, x < n; entries below p. */
void pl__residue_add_pair(uint64_t *restrict d, const uint64_t *restrict a,
                          const uint64_t *restrict b, size_t n, uint64_t p);
/* A residue table and its modulus: the context of the two adapters below, which pass a
   sweep's runs (pl__size_add_fn, pl__size_add_pair_fn) to the kernels above. */
typedef struct pl__mod_tab {
    uint64_t *tab, p;
} pl__mod_tab;
void pl__mod_tab_add(void *ctx, size_t from, size_t to, size_t cells);
void pl__mod_tab_pair(void *ctx, size_t a, size_t b, size_t to, size_t cells);
/* a[k] = a[k] + (-1)^k P[-k w] mod p, k < n. */
void pl__residue_terms(uint64_t *restrict a, const uint64_t *restrict P, size_t w, size_t n,
                       uint64_t p);
#ifndef PL__TILE_RES
#define PL__TILE_RES 1024 /* columns a pass of the residue build's tiled sweeps */
#endif
#ifndef PL__STEP_BLOCK
#define PL__STEP_BLOCK 8 /* steps a unit of a tiled sweep's pass does in a row */
#endif
/* The table mod p in tab (t->cells words), b members a sweep, in passes of tile columns (0:
   untiled), pairs of equal weights as one unit when pairs (size_residue.c). */
void pl__size_residue_build(pl__size_table *t, uint64_t *tab, uint64_t p, pl__sweep_plan *pl,
                            size_t b, int64_t tile, int pairs);

/*
** The reads of the trimmed table by residues (size_residue.c): the table is
** built once per modulus, one word a cell, and read at X = need (nothing
** removed) and at need - w for each distinct weight w with that member
** removed; the reads are kept as residues and put together on demand.
*/
typedef struct pl__size_reads {
    size_t nq, rows;        /* reads (q = 0: nothing removed); sizes read (the table's rows) */
    int64_t *qw;            /* the weight removed by read q >= 1, descending */
    uint64_t *res;          /* k x nq x rows residues */
    pl__moduli mod;
    mp_limb_t *scratch;
} pl__size_reads;
/* Reads of a planned table (t->c unused): PL_ENOMEM only. */
int pl__size_reads_make(pl__size_reads *r, pl__size_table *t);
/* Bytes pl__size_reads_make allocates for a planned table. */
double pl__size_reads_bytes(const pl__size_table *t);
/* v[s] (L words, s < sizes) as pl__size_table_below gives it, for w < 0 or a weight read. */
void pl__size_reads_get(const pl__size_reads *r, int64_t w, size_t sizes, mp_limb_t *v);
void pl__size_reads_free(pl__size_reads *r);

/* Numbers of minimal winning [0] and minimal blocking [1] coalitions; done: counted. */
typedef struct pl__minimal_counts {
    mpz_t n[2];
    int done;
} pl__minimal_counts;

/*
** Swing counts by generating functions (count_dp.c). With mc (not NULL) and
** a game of one rule of one condition, the minimal coalitions are counted
** from the same table when its build allows (mc->done then). naive: one
** condition's table is read by inverse passes, as several conditions' are.
*/
int pl__count_dp(pl__tally *t, const pl_game *g, int sizes, double max_bytes, int naive,
                 pl__minimal_counts *mc, pl_error *err);

/*
** Numbers of minimal winning and minimal blocking coalitions of a game with
** one rule of one condition (and vetoes), by generating functions.
*/
int pl__count_minimal_dp(mpz_t mwc, mpz_t mbc, const pl_game *g, double max_bytes,
                         pl_error *err);
/*
** The weight table c[x], x < len (len >= 1), of the non-veto members'
** coalitions by their weight in condition q (L words an entry), built heaviest
** first; with mwc and mbc (not NULL; q the game's only condition) the
** minimal coalitions are counted on the way. PL_ENOMEM only.
*/
int pl__weight_table(mp_limb_t *c, size_t len, size_t L, const pl_game *g, const pl__cond *q,
                     mpz_t mwc, mpz_t mbc);

/*
** Numerators of the indices of minimal winning coalitions (MWC), shared by
** enumeration and the critical-member generating functions: with
** lcm = lcm(1..n), dp[m] = sum over MWCs S holding m of lcm / |S|, pgi[m] =
** the number of those S, jo[m] = sum over winning S in which m is one of c
** critical members of lcm / c. Deegan-Packel is dp[m] / (lcm n_mwc).
*/
typedef struct pl__minimal_sums {
    size_t n;
    mpz_t lcm, n_mwc;
    mpz_t *dp, *pgi, *jo;
} pl__minimal_sums;

int pl__minimal_sums_init(pl__minimal_sums *ms, size_t n);
void pl__minimal_sums_clear(pl__minimal_sums *ms);

/*
** Deegan-Packel, public good and Johnston numerators of a game of one
** condition (and vetoes) without enumeration: tables of coalitions by
** weight and number of critical members (critical_dp.c). PL_ERANGE (with
** the estimate) when its tables need more than max_bytes.
*/
int pl__critical_dp(pl__minimal_sums *ms, const pl_game *g, double max_bytes, pl_error *err);
/* Bytes of pl__critical_dp's tables for g (a one-condition game). */
double pl__critical_dp_bytes(const pl_game *g);

/* Monte Carlo estimates: absolute Banzhaf, Shapley-Shubik and A. */
typedef struct pl__estimate {
    double *abz, *ss, act, half_abz, half_ss, half_act;
} pl__estimate;
/* Fast floating mode: absolute Banzhaf and A of a one-condition game in doubles (no ss). */
int pl__float_banzhaf(pl__estimate *est, const pl_game *g, double max_bytes, pl_error *err);
int pl__monte_carlo(pl__estimate *est, const pl_game *g, uint64_t samples, uint64_t seed,
                    pl_error *err);

struct pl_power {
    size_t n;
    pl_power_method method;
    uint64_t samples, seed;
    int has[PL_INDEX_COUNT];
    double *val[PL_INDEX_COUNT];
    char **exact[PL_INDEX_COUNT];   /* NULL entries when not short/exact */
    double half[PL_INDEX_COUNT];
    char *n_win;
    double act, half_act;
    char **swings;
    unsigned char *veto, *dummy;
    long long n_min[2];
    char *n_min_text[2];
    size_t n_list[2];
    uint64_t *list[2];
    long long *block_with;
    size_t *block_min;
    char note[1024];
};

/* Decimal text of z (malloc'd), or NULL when out of memory. */
char *pl__mpz_text(const mpz_t z);
int pl__power_from_tally(pl_power *p, const pl__tally *t, pl_error *err);
/* Deegan-Packel, public good and Johnston from their numerators (n_mwc > 0). */
int pl__power_minimal_indices(pl_power *p, const pl__minimal_sums *ms);
int pl__power_from_estimate(pl_power *p, const pl__estimate *e, int with_ss, pl_error *err);

/* GMP's memory during one computation on this thread (gmp_mem.c). */
typedef struct pl__gmp_scope {
    unsigned char *reserve;  /* for GMP once malloc fails */
    size_t size, used;
    int failed;              /* malloc failed: the computation's result is not to be used */
} pl__gmp_scope;
/* Install the allocation functions for this thread's GMP use, with a reserve of that many
   bytes; PL_ENOMEM when the reserve cannot be allocated (nothing installed then). */
int pl__gmp_enter(pl__gmp_scope *sc, size_t reserve);
/* Uninstall; PL_ENOMEM when an allocation failed since pl__gmp_enter. */
int pl__gmp_leave(pl__gmp_scope *sc);
/* The reserve for a game of n members. */
size_t pl__gmp_reserve(size_t n);

#endif
