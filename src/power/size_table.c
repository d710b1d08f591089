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
** (lo_s, hi_s): a quarter of the full build's word additions. The GMP build
** sweeps down the rows a few members at a time; the residue build
** (size_residue.c) does the same additions in passes over stretches of
** columns, two members of equal weight at once (pl__size_table_sweep_tiled).
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

int pl__sweep_plan_init(pl__sweep_plan *pl, const pl__size_table *t, size_t bmax)
{
    size_t steps = t->rows + bmax; /* plan_steps: at most rows - 1 + bmax */
    memset(pl, 0, sizeof *pl);
    pl->bmax = bmax;
    pl->rng = pl__mallocarray(pl__mul(pl__mul(steps, bmax), 4), sizeof *pl->rng);
    pl->box = pl__mallocarray(pl__mul(steps, 2), sizeof *pl->box);
    pl->unit = pl__mallocarray(pl__mul(bmax + 1, 3), sizeof *pl->unit);
    if (!pl->rng || !pl->box || !pl->unit) {
        pl__sweep_plan_free(pl);
        return PL_ENOMEM;
    }
    return PL_OK;
}

double pl__sweep_plan_bytes(const pl__size_table *t, size_t bmax)
{
    double steps = (double)t->rows + (double)bmax;
    return (steps * ((double)bmax * 4 + 2) + ((double)bmax + 1) * 3) * sizeof(int64_t);
}

void pl__sweep_plan_free(pl__sweep_plan *pl)
{
    free(pl->rng);
    free(pl->box);
    free(pl->unit);
    memset(pl, 0, sizeof *pl);
}

/*
** A sweep's members as units: one member, or two of equal weight w added
** at once (pairs), which multiplies by (1 + y z^w)^2 = 1 + 2 y z^w + y^2
** z^2w: row r += 2 S_w(row r - 1) + S_2w(row r - 2), the old rows. Unit u
** starts at member first[u] and has span[u] members; it writes row r at
** step r - 1 + C_u, C_u the members after it, so the unit before it has
** finished both rows it reads (at that step or before) and none after it
** has started them. Returns the units.
*/
static size_t plan_units(const pl__size_table *t, size_t j, size_t b, int pairs,
                         pl__sweep_plan *pl)
{
    int64_t *first = pl->unit, *span = first + pl->bmax + 1;
    size_t U = 0;
    for (size_t m = 0; m < b; U++) {
        first[U] = (int64_t)m;
        span[U] = pairs && m + 1 < b && t->w[j + m] == t->w[j + m + 1] ? 2 : 1;
        m += (size_t)span[U];
    }
    return U;
}

/* The union of two ranges into *lo, *hi (a > b: none). */
static void hull(int64_t a, int64_t b, int64_t *lo, int64_t *hi)
{
    if (a <= b) {
        *lo = a < *lo ? a : *lo;
        *hi = b > *hi ? b : *hi;
    }
}

/*
** The destinations of a unit of weight w writing row r: the term from row
** r - i (i <= span) is [lo + i w, hi + i w] cut below need, g[2 (i - 1)],
** g[2 (i - 1) + 1] (empty: the first above the second); row r's range grows
** to hold them. For a member these are add_row's; a pair's can be tighter
** than its two members' (the second member's range may take in cells of
** row r - 1 that stayed zero), never wider.
*/
static void unit_ranges(pl__size_table *t, size_t r, int64_t w, int64_t span, int64_t *g)
{
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    for (int64_t i = 1; i <= 2; i++) {
        int64_t *a = g + 2 * (i - 1), iw = i * w;
        a[0] = 0;
        a[1] = -1;
        if (i > span || (size_t)i > r || t->hi[r - (size_t)i] < 0)
            continue;
        a[0] = t->lo[r - (size_t)i] + iw;
        a[1] = t->hi[r - (size_t)i] < t->need - 1 - iw ? t->hi[r - (size_t)i] + iw : t->need - 1;
        hull(a[0], a[1], &lo, &hi);
    }
    if (lo <= hi) {
        t->lo[r] = lo < t->lo[r] ? lo : t->lo[r];
        t->hi[r] = hi > t->hi[r] ? hi : t->hi[r];
    }
}

/*
** The ranges of the sweep's units at every step, in the untiled order
** (steps descending, units ascending), so the rows' ranges grow as in the
** untiled sweep: rng[4 (k U + u)] unit u's at step k, box[2 k] the lowest
** and highest destination less the unit's skew. Unit u writes the rows 1 to
** min(rows - 1, the members up to it). Returns the steps.
*/
static size_t plan_steps(pl__size_table *t, size_t j, size_t U, pl__sweep_plan *pl)
{
    const int64_t *first = pl->unit, *span = first + pl->bmax + 1, *skew = span + pl->bmax + 1;
    int64_t C = 0, steps = 0, last = (int64_t)t->rows - 1;
    for (size_t u = U; u-- > 0; C += span[u]) {
        int64_t top = (int64_t)j + first[u] + span[u];
        steps = (top < last ? top : last) + C > steps ? (top < last ? top : last) + C : steps;
    }
    for (int64_t k = steps; k-- > 0;) {
        int64_t *box = pl->box + 2 * k, Cu = C;
        box[0] = INT64_MAX;
        box[1] = INT64_MIN;
        for (size_t u = 0; u < U; u++) {
            int64_t *g = pl->rng + 4 * ((size_t)k * U + u), r = k + 1 - (Cu -= span[u]);
            int64_t top = (int64_t)j + first[u] + span[u], w = t->w[j + (size_t)first[u]];
            g[0] = g[2] = 0;
            g[1] = g[3] = -1;
            if (r >= 1 && r <= top && r <= last)
                unit_ranges(t, (size_t)r, w, span[u], g);
            hull(g[0] - skew[u], g[1] - skew[u], &box[0], &box[1]);
            hull(g[2] - skew[u], g[3] - skew[u], &box[0], &box[1]);
        }
    }
    return (size_t)steps;
}

/* What the passes of one tiled sweep share. */
typedef struct sweep_pass_ctx {
    const pl__size_table *t;
    const pl__sweep_plan *pl;
    size_t j, b, U;
    pl__size_add_fn *add;
    pl__size_add_pair_fn *add_pair;
    void *ctx;
} sweep_pass_ctx;

/* Entry (r, x) of the table. */
static size_t entry(const pl__size_table *t, int64_t r, int64_t x)
{
    return t->off[(size_t)r] + (size_t)(x - t->LO[(size_t)r]);
}

/* Row r - i shifted by i w added into row r at the destinations [u, v] (none when u > v). */
static void term(const sweep_pass_ctx *s, int64_t r, int64_t i, int64_t w, int64_t u, int64_t v)
{
    if (u <= v)
        s->add(s->ctx, entry(s->t, r - i, u - i * w), entry(s->t, r, u), (size_t)(v - u + 1));
}

/* The term from row r - i at the destinations of [u, v] outside [c0, c1] (none when u > v). */
static void term_outside(const sweep_pass_ctx *s, int64_t r, int64_t i, int64_t w, int64_t u,
                         int64_t v, int64_t c0, int64_t c1)
{
    term(s, r, i, w, u, v < c0 - 1 ? v : c0 - 1);
    term(s, r, i, w, u > c1 + 1 ? u : c1 + 1, v);
}

/*
** A pair of weight w writing row r in the window [X0, X1) (its skew added):
** both terms at once where both reach, the first term twice and the second
** once where only one does.
*/
static void pair_pass(const sweep_pass_ctx *s, const int64_t *g, int64_t r, int64_t w,
                      int64_t X0, int64_t X1)
{
    int64_t a0 = g[0] > X0 ? g[0] : X0, a1 = g[1] < X1 - 1 ? g[1] : X1 - 1;
    int64_t b0 = g[2] > X0 ? g[2] : X0, b1 = g[3] < X1 - 1 ? g[3] : X1 - 1;
    int64_t c0 = a0 > b0 ? a0 : b0, c1 = a1 < b1 ? a1 : b1;
    if (c0 > c1) { /* no overlap: everything term by term */
        c0 = INT64_MAX;
        c1 = INT64_MAX - 1;
    } else {
        s->add_pair(s->ctx, entry(s->t, r - 1, c0 - w), entry(s->t, r - 2, c0 - 2 * w),
                    entry(s->t, r, c0), (size_t)(c1 - c0 + 1));
    }
    term_outside(s, r, 1, w, a0, a1, c0, c1);
    term_outside(s, r, 1, w, a0, a1, c0, c1);
    term_outside(s, r, 2, w, b0, b1, c0, c1);
}

/*
** One pass of the tiled sweep: unit u adds into the columns [X0 + skew_u, X1 + skew_u),
** the steps in blocks of PL__STEP_BLOCK, a unit doing a block's steps one after the other
** before the next unit starts them (the order pl__size_table_sweep_tiled's proof sketch
** allows): a unit's next step touches two of the three rows its step did (row r - 1, then
** written; row r - 2, read again), still in the first-level cache, where one step of every
** unit in between evicted them.
*/
static void sweep_pass(const sweep_pass_ctx *s, size_t steps, int64_t X0, int64_t X1)
{
    const int64_t *first = s->pl->unit, *span = first + s->pl->bmax + 1;
    const int64_t *skew = span + s->pl->bmax + 1;
    for (size_t k1 = steps; k1 > 0;) {
        size_t k0 = k1 > PL__STEP_BLOCK ? k1 - PL__STEP_BLOCK : 0;
        int64_t Cu = (int64_t)s->b; /* less the units' members so far: those after u */
        for (size_t u = 0; u < s->U; u++) {
            int64_t w = s->t->w[s->j + (size_t)first[u]];
            Cu -= span[u];
            for (size_t k = k1; k-- > k0;) {
                const int64_t *box = s->pl->box + 2 * k, *g = s->pl->rng + 4 * (k * s->U + u);
                int64_t r = (int64_t)k + 1 - Cu;
                if (box[0] >= X1 || box[1] < X0)
                    continue;
                if (span[u] == 1) {
                    int64_t a0 = g[0] > X0 + skew[u] ? g[0] : X0 + skew[u];
                    int64_t a1 = g[1] < X1 - 1 + skew[u] ? g[1] : X1 - 1 + skew[u];
                    term(s, r, 1, w, a0, a1);
                } else {
                    pair_pass(s, g, r, w, X0 + skew[u], X1 + skew[u]);
                }
            }
        }
        k1 = k0;
    }
}

/*
** pl__size_table_sweep's additions (the same table) in passes over `tile`
** columns, so that the rows a step touches stay in the core's cache from
** one step to the next instead of being read again from a row of up to
** need words; with add_pair, two members of equal weight as one unit
** (plan_units), which reads two rows and writes one where two members read
** two and write two (1.4x the additions a ns in a micro-benchmark of 64
** rows of 1,024 cells). Without pairs the rows' ranges end as the untiled
** sweep leaves them, with pairs within them.
**
** Pass t, in descending X_t, adds unit u's destinations [X_t + skew_u,
** X_t + tile + skew_u), skew_u = skew_{u-1} + span_u w_u rounded up to 8
** cells; inside a pass the steps go in blocks of PL__STEP_BLOCK, descending,
** and in a block the units ascending each do the block's steps, descending
** (sweep_pass). That reads the same values as the untiled sweep (proof
** sketch): unit u at step k writes row r and reads rows r - 1 and r - 2 at
** x - w_u and x - 2 w_u for a destination x in its window, so at columns
** >= X_t + skew_u - span_u w_u >= X_t + skew_{u-1}. (a) Every unit u' < u
** has added into those rows there: its later passes only write below X_t +
** skew_{u'}, and in pass t it wrote them at step k or a higher one
** (plan_units' steps), so in an earlier block or before u in this one. (b)
** No unit u' >= u has: its earlier passes wrote at X_t + tile + skew_{u'}
** and above, beyond the columns u reads (w_u >= 0), and in pass t it writes
** them at a lower step, after u in this block or in a later block. Row r
** itself likewise: units before u write it at higher steps, after u at
** lower ones.
*/
void pl__size_table_sweep_tiled(pl__size_table *t, size_t j, size_t b, int64_t tile,
                                pl__sweep_plan *pl, pl__size_add_fn *add,
                                pl__size_add_pair_fn *add_pair, void *ctx)
{
    if (t->rows < 2)
        return;
    size_t U = plan_units(t, j, b, add_pair != NULL, pl);
    int64_t A = PL__ROW_ALIGN, *span = pl->unit + pl->bmax + 1, *skew = span + pl->bmax + 1;
    for (size_t u = 0; u < U; u++) {
        int64_t sk = (u ? skew[u - 1] : 0) + span[u] * t->w[j + (size_t)pl->unit[u]];
        skew[u] = (sk + A - 1) / A * A;
    }
    size_t steps = plan_steps(t, j, U, pl);
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    for (size_t k = 0; k < steps; k++)
        hull(pl->box[2 * k], pl->box[2 * k + 1], &lo, &hi);
    /* windows from multiples of A: the runs start aligned but at the ranges' ends */
    int64_t X = hi + 1, rem = X % A;
    X += rem > 0 ? A - rem : rem < 0 ? -rem : 0;
    sweep_pass_ctx s = {t, pl, j, b, U, add, add_pair, ctx};
    for (; X > lo; X -= tile)
        sweep_pass(&s, steps, X - tile, X);
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
