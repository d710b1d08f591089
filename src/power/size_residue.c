/* SPDX-License-Identifier: MIT */
/*
** size_residue.c: the Shapley-Shubik reads of the trimmed (size, weight)
** table (size_table.c) by residues (residue.c). The table is built once per
** modulus, one word a cell (the trimmed rows of size_table.c, the same
** sweeps' additions, done in passes of PL__TILE_RES columns), turned into
** prefix sums and read at every X the removals need; only those reads are
** kept, nq x rows x k words, and the exact counts are
** put together by the Chinese remainder theorem when asked for. Residues
** of exact integers add and subtract like them, so every read is exact:
** the sums the reads make are counts of coalitions, below C(nv, s) <= M.
**
** Against the GMP build (words growing to n / 64 a cell, in a carry chain),
** a build here moves one word a cell-addition: k builds of the cells
** instead of one of the cells' words (k is about n / 62, as many as the
** GMP build's final words; its early members need fewer), but a cell is a
** sixteenth as long at n = 1,000, so a pass's stretch of the rows a step
** of the sweep touches (65 rows of 1,024 cells, 0.5 MB) stays in the
** core's second-level cache from one member to the next, and the
** additions are independent lanes that vectorise.
*/
#include "power_impl.h"
#include "../core/alloc.h"

#include <stdlib.h>
#include <string.h>

void pl__mod_tab_add(void *ctx, size_t from, size_t to, size_t cells)
{
    const pl__mod_tab *m = ctx;
    pl__residue_add(m->tab + to, m->tab + from, cells, m->p);
}

void pl__mod_tab_pair(void *ctx, size_t a, size_t b, size_t to, size_t cells)
{
    const pl__mod_tab *m = ctx;
    pl__residue_add_pair(m->tab + to, m->tab + a, m->tab + b, cells, m->p);
}

static uint64_t sub_mod(uint64_t a, uint64_t b, uint64_t p)
{
    return a - b + (a < b ? p : 0);
}

/* Distinct weights of the table's members (sorted heaviest first). */
static size_t distinct(const pl__size_table *t)
{
    size_t d = 0;
    for (size_t j = 0; j < t->nv; j++)
        d += j == 0 || t->w[j] != t->w[j - 1];
    return d;
}

/*
** Bits of the largest count read: a read of size s (s < rows) counts
** coalitions of s members among at most nv, at most C(nv, s), which grows
** with s up to nv / 2. Below a quota that stops the rows short of nv / 2
** this is far less than nv bits, and so are the moduli.
*/
static size_t read_bits(const pl__size_table *t)
{
    size_t s = t->rows ? t->rows - 1 : 0;
    mpz_t c;
    mpz_init(c);
    mpz_bin_uiui(c, (unsigned long)t->nv, (unsigned long)(s < t->nv / 2 ? s : t->nv / 2));
    size_t bits = mpz_sizeinbase(c, 2);
    mpz_clear(c);
    return bits;
}

double pl__size_reads_bytes(const pl__size_table *t)
{
    double k = (double)pl__moduli_count(read_bits(t));
    double reads = (double)(distinct(t) + 1) * (double)t->rows * k;
    double words = (double)t->cells + PL__ROW_ALIGN - 1 + reads;
    return words * sizeof(uint64_t) + pl__sweep_plan_bytes(t, PL__SWEEP_RES);
}

void pl__size_reads_free(pl__size_reads *r)
{
    free(r->qw);
    free(r->res);
    free(r->scratch);
    pl__moduli_free(&r->mod);
    memset(r, 0, sizeof *r);
}

/*
** The table mod p, built heaviest first, b members a sweep (the build: PL__SWEEP_RES), in
** passes of `tile` columns (tile 0: untiled, the tests' baseline), adding two members of
** equal weight as one unit when `pairs`; pl has room for b members a sweep.
*/
void pl__size_residue_build(pl__size_table *t, uint64_t *tab, uint64_t p, pl__sweep_plan *pl,
                            size_t b, int64_t tile, int pairs)
{
    pl__mod_tab ma = {tab, p};
    memset(tab, 0, t->cells * sizeof *tab);
    tab[0] = 1;
    pl__size_table_restart(t);
    for (size_t j = 0; j < t->nv; j += b) {
        size_t bj = t->nv - j < b ? t->nv - j : b;
        if (tile > 0)
            pl__size_table_sweep_tiled(t, j, bj, tile, pl, pl__mod_tab_add,
                                       pairs ? pl__mod_tab_pair : NULL, &ma);
        else
            pl__size_table_sweep(t, j, bj, pl__mod_tab_add, &ma);
    }
}

/*
** Row r turned into its prefix sums P(r, .), then its terms of every read:
** acc[q][s] (s < rows) gathers S(s, X_q) mod p, the coalitions of size s
** below X_q once a member of weight w_q is removed (read 0: none), as
** S(s, X) = sum_t (-1)^t P(s - t, X - t w) (size_table.c); row r gives the
** terms t = s - r. Row by row, so each row is read from memory once for all
** the reads; a read's terms from one row are a strided gather
** (pl__residue_terms, vectorised: the reads took 27 ms a modulus at n =
** 1,000, 13-22 ms since). Sizes from rows up count nothing (their lightest
** coalitions reach need), so are not read.
*/
static void read_row(const pl__size_table *t, const pl__size_reads *rd, uint64_t *tab, size_t r,
                     uint64_t p, uint64_t *acc)
{
    uint64_t *P = tab + t->off[r];
    for (size_t x = 1; x < (size_t)(t->HI[r] - t->LO[r] + 1); x++)
        P[x] = pl__add_mod(P[x], P[x - 1], p);
    int64_t LO = t->LO[r], HI = t->HI[r];
    acc[r] = pl__add_mod(acc[r], P[(t->need - 1 < HI ? t->need - 1 : HI) - LO], p);
    for (size_t q = 1; q < rd->nq; q++) {
        int64_t w = rd->qw[q], X = t->need - w;
        uint64_t *a = acc + q * t->rows + r;
        if (X <= LO)
            continue;
        /* terms while X - k w > LO (and sizes below rows); the first ones read the
           row's total while X - k w - 1 > HI */
        size_t n = t->rows - r, k = 0;
        if (w > 0 && (uint64_t)((X - LO - 1) / w) + 1 < n)
            n = (size_t)((X - LO - 1) / w) + 1;
        for (; k < n && X - (int64_t)k * w - 1 > HI; k++)
            a[k] = k % 2 ? sub_mod(a[k], P[HI - LO], p) : pl__add_mod(a[k], P[HI - LO], p);
        if (k < n && k % 2) { /* the kernel starts with a plus */
            a[k] = sub_mod(a[k], P[X - (int64_t)k * w - 1 - LO], p);
            k++;
        }
        if (k < n)
            pl__residue_terms(a + k, P + (X - (int64_t)k * w - 1 - LO), (size_t)w, n - k, p);
    }
}

/*
** Every modulus's table, built and read into r->res. The table starts on a
** multiple of PL__ROW_ALIGN words (64 bytes), so that the tiled sweeps' runs
** start on one, and asks for huge pages: a pass of a tiled sweep touches
** every row (700 at n = 1,000, 200 KB apart) at a few places, more 4 KiB
** pages than the core's TLB holds. PL_ENOMEM only.
*/
static int build_and_read(pl__size_reads *r, pl__size_table *t)
{
    size_t per = r->nq * t->rows, A = PL__ROW_ALIGN;
    uint64_t *raw = pl__mallocarray(t->cells + A - 1, sizeof *raw);
    pl__sweep_plan pl;
    int rc = raw ? pl__sweep_plan_init(&pl, t, PL__SWEEP_RES) : PL_ENOMEM;
    if (rc) {
        free(raw);
        return rc;
    }
    pl__huge_pages(raw, (t->cells + A - 1) * sizeof *raw);
    uint64_t *tab = raw + (A - (uintptr_t)raw / sizeof *raw % A) % A;
    for (size_t i = 0; i < r->mod.k; i++) {
        pl__size_residue_build(t, tab, r->mod.p[i], &pl, PL__SWEEP_RES, PL__TILE_RES, 1);
        for (size_t s = 0; s < t->rows; s++)
            read_row(t, r, tab, s, r->mod.p[i], r->res + i * per);
    }
    free(raw);
    pl__sweep_plan_free(&pl);
    return PL_OK;
}

int pl__size_reads_make(pl__size_reads *r, pl__size_table *t)
{
    memset(r, 0, sizeof *r);
    r->nq = distinct(t) + 1;
    r->rows = t->rows;
    if (pl__moduli_init(&r->mod, read_bits(t), t->L))
        return PL_ENOMEM;
    size_t k = r->mod.k, per = r->nq * t->rows; /* no wrap: checked with k below */
    r->qw = pl__mallocarray(r->nq, sizeof *r->qw);
    r->res = pl__mallocarray(pl__mul(pl__mul(r->nq, r->rows), k), sizeof *r->res);
    r->scratch = pl__mallocarray(pl__moduli_scratch(&r->mod) + k, sizeof *r->scratch);
    if (!r->qw || !r->res || !r->scratch) {
        pl__size_reads_free(r);
        return PL_ENOMEM;
    }
    r->qw[0] = -1;
    for (size_t j = 0, q = 1; j < t->nv; j++)
        if (j == 0 || t->w[j] != t->w[j - 1])
            r->qw[q++] = t->w[j];
    memset(r->res, 0, per * k * sizeof *r->res);
    if (build_and_read(r, t)) {
        pl__size_reads_free(r);
        return PL_ENOMEM;
    }
    return PL_OK;
}

/* Read q of weight w: 0 for none removed, else found among the weights (descending). */
static size_t read_of(const pl__size_reads *r, int64_t w)
{
    size_t a = 1, b = r->nq;
    if (w < 0)
        return 0;
    while (b - a > 1) {
        size_t c = a + (b - a) / 2;
        if (r->qw[c] >= w)
            a = c;
        else
            b = c;
    }
    return a;
}

void pl__size_reads_get(const pl__size_reads *r, int64_t w, size_t sizes, mp_limb_t *v)
{
    size_t q = read_of(r, w), L = r->mod.L, k = r->mod.k, per = r->nq * r->rows;
    uint64_t *res = r->scratch + pl__moduli_scratch(&r->mod);
    for (size_t s = 0; s < sizes; s++) {
        if (s < r->rows) {
            for (size_t i = 0; i < k; i++)
                res[i] = r->res[i * per + q * r->rows + s];
            pl__moduli_crt(&r->mod, res, v + s * L, r->scratch);
        } else {
            memset(v + s * L, 0, L * sizeof *v);
        }
    }
}
