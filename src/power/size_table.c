/* SPDX-License-Identifier: MIT */
/*
** size_table.c: the Shapley-Shubik table of a game of one condition,
** c(s, x) = the coalitions of s non-veto members of weight x < need (the
** coefficients of prod_j (1 + y z^{w_j}); Brams & Affuso 1976, Uno 2012),
** kept only where it can be nonzero (docs/models.md, Shapley-Shubik).
**
** Row s holds x in [LO_s, HI_s]: LO_s is the weight of the s lightest
** members, HI_s that of the s heaviest (at most need - 1); nothing else can
** be nonzero. At n = 1,000 with weights 1..100 and a half-total quota that
** is a third of the n x need rectangle, and the build, heaviest member
** first, adds to each row only the range its members so far can reach
** (lo_s, hi_s): a quarter of the full build's word additions.
**
** A member of weight w is removed only where it is read: the counts below X
** without it are S(s, X) = P(s, X) - S(s - 1, X - w), with P the row's
** prefix sums, so S(s, X) = sum_t (-1)^t P(s - t, X - t w). Read row by row
** (each row once, at X, X - w, ...), which costs at most n^2 / 2 entries per
** distinct weight and stays within one row at a time.
*/
#include "power_impl.h"
#include "../core/alloc.h"

#include <stdlib.h>
#include <string.h>

static int by_weight_down(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? 1 : x > y ? -1 : 0;
}

void pl__size_table_free(pl__size_table *t)
{
    free(t->w);
    free(t->lo);
    free(t->off);
    free(t->c);
    memset(t, 0, sizeof *t);
}

/*
** The rows' ranges and offsets for the members' weights w (nv of them) and
** cells x < need (need >= 1). PL_ENOMEM only; t->cells is then the table's
** size in entries, and t->cells_est the same in a double. Weights up to 2^50
** can ask for more entries than a size_t counts: then t->too_big, and the
** offsets are not to be used (the memory check refuses on cells_est).
*/
int pl__size_table_plan(pl__size_table *t, const int64_t *w, size_t nv, int64_t need)
{
    memset(t, 0, sizeof *t);
    t->nv = nv;
    t->need = need;
    t->L = nv / GMP_NUMB_BITS + 1;
    t->w = pl__mallocarray(nv ? nv : 1, sizeof *t->w);
    t->lo = pl__mallocarray(4 * (nv + 1), sizeof *t->lo);
    t->off = pl__mallocarray(nv + 2, sizeof *t->off);
    if (!t->w || !t->lo || !t->off) {
        pl__size_table_free(t);
        return PL_ENOMEM;
    }
    t->hi = t->lo + (nv + 1);
    t->LO = t->lo + 2 * (nv + 1);
    t->HI = t->lo + 3 * (nv + 1);
    memcpy(t->w, w, nv * sizeof *w);
    qsort(t->w, nv, sizeof *t->w, by_weight_down);
    int64_t light = 0, heavy = 0;
    t->off[0] = 0;
    t->rows = 0;
    for (size_t s = 0; s <= nv; s++) {
        if (s) {
            light += t->w[nv - s];
            heavy += t->w[s - 1];
        }
        if (light >= need)
            break;
        t->LO[s] = light;
        t->HI[s] = heavy < need - 1 ? heavy : need - 1;
        /* up to PL__ROW_ALIGN - 1 cells of padding before the row, so that its x = 0
           falls on a multiple of PL__ROW_ALIGN cells (the residue build's aligned runs) */
        size_t pad = t->too_big ? 0 : ((size_t)light - t->off[s]) % PL__ROW_ALIGN;
        double span = (double)(t->HI[s] - t->LO[s]) + 1 + (double)pad;
        t->cells_est += span;
        if (t->too_big || span > (double)(SIZE_MAX / 2) - (double)t->off[s]) {
            t->too_big = 1; /* the double has the size; off[] stops growing */
        } else {
            t->off[s] += pad;
            t->off[s + 1] = t->off[s] + (size_t)(t->HI[s] - t->LO[s] + 1);
        }
        t->rows = s + 1;
    }
    t->cells = t->too_big ? SIZE_MAX : t->off[t->rows];
    return PL_OK;
}

/* Entry (s, x) of the table, its words S apart. */
static mp_limb_t *cell(const pl__size_table *t, size_t s, int64_t x, size_t S)
{
    return t->c + (t->off[s] + (size_t)(x - t->LO[s])) * S;
}

/*
** The source range [*a, *b] of row r that a member of weight w adds into
** row r + 1 (*a > *b: none): the row's nonzero range so far, cut where the
** sum would reach need; row r + 1's range grows to hold what it receives.
*/
static void step_range(pl__size_table *t, size_t r, int64_t w, int64_t *a, int64_t *b)
{
    *a = 0;
    *b = -1;
    if (t->hi[r] < 0)
        return;
    *a = t->lo[r];
    *b = t->hi[r] < t->need - 1 - w ? t->hi[r] : t->need - 1 - w;
    if (*a > *b)
        return;
    if (*a + w < t->lo[r + 1])
        t->lo[r + 1] = *a + w;
    if (*b + w > t->hi[r + 1])
        t->hi[r + 1] = *b + w;
}

/*
** Add row r, shifted by w, into row r + 1: one member's step for that row,
** the run of cells itself added by add (entries from .. from + cells - 1
** into to ..).
*/
static void add_row(pl__size_table *t, size_t r, int64_t w, pl__size_add_fn *add, void *ctx)
{
    int64_t a, b;
    step_range(t, r, w, &a, &b);
    if (a <= b)
        add(ctx, t->off[r] + (size_t)(a - t->LO[r]), t->off[r + 1] + (size_t)(a + w - t->LO[r + 1]),
            (size_t)(b - a + 1));
}

/*
** Add members j .. j + b - 1 (j members in before them) in one sweep down
** the rows. Member j + m adds row r into row r + 1 once member j + m - 1 is
** done with both: at step k it takes row r = k + m + 1 - b, which member
** j + m - 1 wrote at step k (just before) and whose row r + 1 it wrote at
** step k + 1. So the b + 1 rows of a step are read from memory once for b
** members instead of b times.
*/
void pl__size_table_sweep(pl__size_table *t, size_t j, size_t b, pl__size_add_fn *add, void *ctx)
{
    if (t->rows < 2)
        return;
    size_t last = t->rows - 2, top = j < last ? j : last;
    for (size_t k = top + b; k-- > 0;)
        for (size_t m = 0; m < b; m++) {
            size_t r = k + m + 1 - b; /* wraps when k + m + 1 < b: then above every row */
            if (k + m + 1 >= b && r <= j + m && r <= last)
                add_row(t, r, t->w[j + m], add, ctx);
        }
}

int pl__sweep_plan_init(pl__sweep_plan *pl, const pl__size_table *t, size_t bmax)
{
    pl->bmax = bmax;
    pl->rng = pl__mallocarray(pl__mul(pl__mul(t->rows + bmax, bmax), 2), sizeof *pl->rng);
    pl->box = pl__mallocarray(pl__mul(t->rows + bmax, 2), sizeof *pl->box);
    if (!pl->rng || !pl->box) {
        pl__sweep_plan_free(pl);
        return PL_ENOMEM;
    }
    return PL_OK;
}

double pl__sweep_plan_bytes(const pl__size_table *t, size_t bmax)
{
    return 2.0 * ((double)t->rows + (double)bmax) * ((double)bmax + 1) * sizeof(int64_t);
}

void pl__sweep_plan_free(pl__sweep_plan *pl)
{
    free(pl->rng);
    free(pl->box);
    memset(pl, 0, sizeof *pl);
}

/*
** The ranges of pl__size_table_sweep's steps, in its order (so the same
** ranges, and the rows' ranges after them), without adding: rng[2 (k b + m)]
** the source range of member m at step k, box[2 k] the lowest and highest
** destination x - m H of the step's members. Returns the steps.
*/
static size_t plan_sweep(pl__size_table *t, size_t j, size_t b, int64_t H, pl__sweep_plan *pl)
{
    size_t last = t->rows - 2, top = j < last ? j : last;
    for (size_t k = top + b; k-- > 0;) {
        int64_t *box = pl->box + 2 * k;
        box[0] = INT64_MAX;
        box[1] = INT64_MIN;
        for (size_t m = 0; m < b; m++) {
            size_t r = k + m + 1 - b; /* wraps as in pl__size_table_sweep */
            int64_t *g = pl->rng + 2 * (k * b + m), w = t->w[j + m], mH = (int64_t)m * H;
            g[0] = 0;
            g[1] = -1;
            if (k + m + 1 >= b && r <= j + m && r <= last)
                step_range(t, r, w, &g[0], &g[1]);
            if (g[0] <= g[1]) {
                box[0] = g[0] + w - mH < box[0] ? g[0] + w - mH : box[0];
                box[1] = g[1] + w - mH > box[1] ? g[1] + w - mH : box[1];
            }
        }
    }
    return top + b;
}

/* One pass of the tiled sweep: member m adds into the columns [X0 + m H, X1 + m H). */
static void sweep_pass(const pl__size_table *t, size_t j, size_t b, int64_t H, size_t steps,
                       const pl__sweep_plan *pl, int64_t X0, int64_t X1, pl__size_add_fn *add,
                       void *ctx)
{
    for (size_t k = steps; k-- > 0;) {
        const int64_t *box = pl->box + 2 * k;
        if (box[0] >= X1 || box[1] < X0)
            continue;
        for (size_t m = 0; m < b; m++) {
            const int64_t *g = pl->rng + 2 * (k * b + m);
            int64_t w = t->w[j + m], mH = (int64_t)m * H;
            int64_t u = g[0] + w > X0 + mH ? g[0] + w : X0 + mH;
            int64_t v = g[1] + w < X1 - 1 + mH ? g[1] + w : X1 - 1 + mH;
            if (u > v)
                continue;
            size_t r = k + m + 1 - b;
            add(ctx, t->off[r] + (size_t)(u - w - t->LO[r]),
                t->off[r + 1] + (size_t)(u - t->LO[r + 1]), (size_t)(v - u + 1));
        }
    }
}

/*
** pl__size_table_sweep's additions (the same ranges, the same words) in
** passes over `tile` columns, so that the b + 1 rows a step touches stay in
** the core's cache from one step to the next instead of being read again
** from a row of up to need words. Pass t, in descending X_t, adds member m's
** destinations [X_t + m H, X_t + tile + m H), H the sweep's heaviest weight;
** inside a pass the order is the untiled one (k descending, m ascending).
** That reads the same values as the untiled sweep (proof sketch): member m
** reads row r at x - w_m for a destination x in its window, so at columns
** >= X_t + m H - w_m >= X_t + (m - 1) H. (a) Every member m' < m has added
** into row r there: its later passes only write below X_t + m' H, and in
** pass t it took row r at an earlier step (k descending). (b) No member
** m' >= m has: its earlier passes wrote at X_t + tile + m' H and above,
** beyond the columns m reads (w_m >= 0), and in pass t it takes row r at a
** later step. Additions into a cell then happen in the untiled order.
*/
void pl__size_table_sweep_tiled(pl__size_table *t, size_t j, size_t b, int64_t tile,
                                pl__sweep_plan *pl, pl__size_add_fn *add, void *ctx)
{
    if (t->rows < 2)
        return;
    int64_t A = PL__ROW_ALIGN, H = (t->w[j] + A - 1) / A * A, lo = INT64_MAX, hi = INT64_MIN;
    size_t steps = plan_sweep(t, j, b, H, pl);
    for (size_t k = 0; k < steps; k++) {
        lo = pl->box[2 * k] < lo ? pl->box[2 * k] : lo;
        hi = pl->box[2 * k + 1] > hi ? pl->box[2 * k + 1] : hi;
    }
    /* windows from multiples of A: the runs start aligned but at the ranges' ends */
    int64_t X = hi + 1, rem = X % A;
    X += rem > 0 ? A - rem : rem < 0 ? -rem : 0;
    for (; X > lo; X -= tile)
        sweep_pass(t, j, b, H, steps, pl, X - tile, X, add, ctx);
}

/* Every row empty but row 0 (the empty coalition), before a build. */
void pl__size_table_restart(pl__size_table *t)
{
    for (size_t s = 0; s < t->rows; s++) {
        t->lo[s] = INT64_MAX;
        t->hi[s] = -1;
    }
    t->lo[0] = t->hi[0] = 0;
}

/* The GMP build's step: entries S words apart, rows apart, so a run is one multi-word
   addition (no entry overflows S words). */
typedef struct limb_add {
    mp_limb_t *c;
    size_t S;
} limb_add;

static void limb_run_add(void *ctx, size_t from, size_t to, size_t cells)
{
    const limb_add *la = ctx;
    mp_limb_t *dst = la->c + to * la->S;
    mpn_add_n(dst, dst, la->c + from * la->S, (mp_size_t)(cells * la->S));
}

/* Build the table in GMP words (S growing with the members in, up to L), heaviest member
   first, then turn each row into its prefix sums. */
int pl__size_table_build(pl__size_table *t)
{
    size_t L = t->L;
    limb_add la = {calloc(pl__mul(t->cells, L), sizeof *t->c), 1};
    if (!(t->c = la.c))
        return PL_ENOMEM;
    t->c[0] = 1;
    pl__size_table_restart(t);
    for (size_t j = 0; j < t->nv; j += PL__SWEEP) {
        size_t b = t->nv - j < PL__SWEEP ? t->nv - j : PL__SWEEP;
        size_t need = pl__words_for(j + b, L);
        if (need > la.S) {
            pl__entries_widen(t->c, t->cells, la.S, need);
            la.S = need;
        }
        pl__size_table_sweep(t, j, b, limb_run_add, &la);
    }
    if (la.S < L)
        pl__entries_widen(t->c, t->cells, la.S, L);
    for (size_t s = 0; s < t->rows; s++)
        for (int64_t x = t->LO[s] + 1; x <= t->HI[s]; x++)
            pl__limb_add(cell(t, s, x, L), cell(t, s, x - 1, L), L);
    return PL_OK;
}

/* P(s, X): the coalitions of row s of weight below X (NULL: none). */
static const mp_limb_t *below(const pl__size_table *t, size_t s, int64_t X)
{
    if (s >= t->rows || X <= t->LO[s])
        return NULL;
    return cell(t, s, X - 1 < t->HI[s] ? X - 1 : t->HI[s], t->L);
}

/*
** v[s] (L words each, s < sizes <= nv + 1) = the coalitions of size s and
** weight below X once one member of weight w is removed (w < 0: none
** removed, X = need: the table's totals). Sums mod 2^(64 L) whose results
** are counts below 2^nv, so the partial sums may wrap.
*/
void pl__size_table_below(const pl__size_table *t, int64_t X, int64_t w, size_t sizes,
                          mp_limb_t *v)
{
    size_t L = t->L;
    memset(v, 0, sizes * L * sizeof *v);
    for (size_t r = 0; r < sizes && r < t->rows; r++)
        for (size_t k = 0; r + k < sizes; k++) {
            const mp_limb_t *P = below(t, r, X - (int64_t)k * (w < 0 ? 0 : w));
            if (!P)
                break; /* X - k w falls further below the row's lightest coalition */
            if (k % 2 == 0)
                mpn_add_n(v + (r + k) * L, v + (r + k) * L, P, (mp_size_t)L);
            else
                mpn_sub_n(v + (r + k) * L, v + (r + k) * L, P, (mp_size_t)L);
            if (w < 0)
                break;
        }
}
