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
        double span = (double)(t->HI[s] - t->LO[s]) + 1;
        t->cells_est += span;
        if (t->too_big || span > (double)(SIZE_MAX / 2) - (double)t->off[s])
            t->too_big = 1; /* the double has the size; off[] stops growing */
        else
            t->off[s + 1] = t->off[s] + (size_t)(t->HI[s] - t->LO[s] + 1);
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
** Add row r, shifted by w, into row r + 1: one member's step for that row,
** the run of cells itself added by add (entries from .. from + cells - 1
** into to ..).
*/
static void add_row(pl__size_table *t, size_t r, int64_t w, pl__size_add_fn *add, void *ctx)
{
    if (t->hi[r] < 0)
        return;
    int64_t a = t->lo[r], b = t->hi[r] < t->need - 1 - w ? t->hi[r] : t->need - 1 - w;
    if (a > b)
        return;
    add(ctx, t->off[r] + (size_t)(a - t->LO[r]), t->off[r + 1] + (size_t)(a + w - t->LO[r + 1]),
        (size_t)(b - a + 1));
    if (a + w < t->lo[r + 1])
        t->lo[r + 1] = a + w;
    if (b + w > t->hi[r + 1])
        t->hi[r + 1] = b + w;
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
