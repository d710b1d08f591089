/* SPDX-License-Identifier: MIT */
/*
** count_dp.c: exact swing counts by generating functions (Brams & Affuso
** 1976; MODELS.md section 11).
**
** For a conjunction of conditions, c[s][x] counts the coalitions of the
** non-veto members of size s whose weight vector is x: the coefficients of
** prod_j (1 + y z^{w_j}). Removing member m is the inverse step
** d[s][x] = c[s][x] - d[s-1][x - w_m], so all members cost one table build
** plus one O(table) pass per distinct weight vector. Vetoes are folded in
** by requiring the veto members (their weight is subtracted from the quota).
** Alternative rules ("or") are combined by inclusion-exclusion over the
** rule subsets. A single condition keeps only x < quota: everything else
** is the binomial total minus that, which bounds the table by the quota;
** without sizes it is then read through its prefix sums (X / w steps per
** distinct weight, conj_capped) instead of an inverse pass.
**
** Entries are exact: ceil((n+1)/64) machine words each, added with GMP's
** mpn layer (one word, i.e. plain 64-bit integers, while n < 64). Counts of
** coalitions of n' members never exceed 2^n', so nothing can overflow.
*/
#include "power_impl.h"
#include "../core/error_int.h"
#include "../core/alloc.h"
#include "../core/rng.h"

#include <stdlib.h>
#include <string.h>

#define PL__MAX_DIMS 16

typedef struct dp_plan {
    size_t n, nv;                 /* members; non-veto members */
    size_t *mem;                  /* the non-veto members */
    size_t K;                     /* weight dimensions */
    const pl__cond *cond[PL__MAX_DIMS];
    int64_t need[PL__MAX_DIMS];   /* weight the non-veto part must bring */
    size_t len[PL__MAX_DIMS];     /* cells per dimension; dimension 0 is contiguous */
    size_t rstride[PL__MAX_DIMS]; /* row stride of dimensions >= 1 */
    size_t rows_w;                /* rows per size layer */
    size_t ls;                    /* size layers (nv + 1) or 1 without sizes */
    int sizes;                    /* 1: counts by coalition size (Shapley-Shubik) */
    int capped;                   /* K == 1: dimension 0 holds only x < need */
    int naive;                    /* 1: capped tables read by inverse passes too; 2: the
                                     Shapley-Shubik table in GMP words, not residues */
    size_t L;                     /* limbs per entry */
    size_t rows;
} dp_plan;

/* Shift of member m in rows, and whether the table keeps sizes. */
static size_t row_shift(const dp_plan *p, size_t m)
{
    size_t r = p->sizes ? p->rows_w : 0;
    for (size_t c = 1; c < p->K; c++)
        r += (size_t)p->cond[c]->w[m] * p->rstride[c];
    return r;
}

/* Is row r + shift(m) inside the table (sign +1), or r - shift(m) (sign -1)? */
static int row_moves(const dp_plan *p, size_t r, size_t m, int sign)
{
    for (size_t c = 1; c < p->K; c++) {
        size_t x = r / p->rstride[c] % p->len[c], w = (size_t)p->cond[c]->w[m];
        if (sign > 0 ? x + w >= p->len[c] : x < w)
            return 0;
    }
    size_t s = r / p->rows_w;
    return !p->sizes || (sign > 0 ? s + 1 < p->ls : s >= 1);
}

/*
** Multiply the table by (1 + y z^{w_m}); `done` members are already in
** (bounds the size layers). While the table is built its entries are
** stored S <= L words apart, S the words counts over the members so far can
** need (below 2^done); no entry overflows its words, so no carry crosses
** into the next entry and a run of entries is added as one multi-word
** number: a whole row when the member moves counts to another row (sizes,
** more conditions), else runs of w entries that the shift does not overlap.
*/
static void table_add(const dp_plan *p, mp_limb_t *t, size_t m, size_t done, size_t S)
{
    size_t len0 = p->len[0], w0 = (size_t)p->cond[0]->w[m], sh = row_shift(p, m);
    size_t active = p->sizes ? (done + 1) * p->rows_w : p->rows;
    if (active > p->rows)
        active = p->rows;
    if (w0 >= len0 && sh == 0)
        return;
    size_t n = len0 - (w0 < len0 ? w0 : len0);
    for (size_t r = active; r-- > 0;) {
        if (!row_moves(p, r, m, +1) || n == 0)
            continue;
        mp_limb_t *src = t + r * len0 * S, *dst = t + ((r + sh) * len0 + w0) * S;
        if (sh)
            mpn_add_n(dst, dst, src, (mp_size_t)(n * S));
        else
            pl__run_add_shifted(src, n, w0, S);
    }
}

/* Build the table of every non-veto member, its entries L words apart in the end. */
static void table_build(const dp_plan *p, mp_limb_t *c, size_t cells)
{
    size_t S = 1;
    c[0] = 1;
    for (size_t j = 0; j < p->nv; j++) {
        size_t need = pl__words_for(j + 1, p->L);
        if (need > S) {
            pl__entries_widen(c, cells, S, need);
            S = need;
        }
        table_add(p, c, p->mem[j], j, S);
    }
    if (S < p->L)
        pl__entries_widen(c, cells, S, p->L);
}

/* d = c / (1 + y z^{w_m}): the counts without member m. */
static void table_remove(const dp_plan *p, mp_limb_t *d, const mp_limb_t *c, size_t m)
{
    size_t L = p->L, len0 = p->len[0], w0 = (size_t)p->cond[0]->w[m], sh = row_shift(p, m);
    size_t cells = p->rows * len0;
    if (sh == 0 && w0 == 0) { /* a member of weight 0 doubles every count */
        mpn_rshift(d, c, (mp_size_t)(cells * L), 1);
        return;
    }
    for (size_t r = 0; r < p->rows; r++) {
        int from = row_moves(p, r, m, -1);
        const mp_limb_t *cr = c + r * len0 * L;
        mp_limb_t *dr = d + r * len0 * L, *ds = from ? d + (r - sh) * len0 * L : NULL;
        for (size_t x = 0; x < len0; x++) {
            if (from && x >= w0)
                pl__limb_sub(dr + x * L, cr + x * L, ds + (x - w0) * L, L);
            else
                memcpy(dr + x * L, cr + x * L, L * sizeof *dr);
        }
    }
}

/*
** out[s] = number of coalitions of size s (among `pool` members) that reach
** need - off in every dimension, read from table t. Capped tables hold the
** complement (x < need), subtracted from the binomial total.
*/
static void table_count(const dp_plan *p, const mp_limb_t *t, const int64_t *off, size_t pool,
                        mpz_t *out, mp_limb_t *acc)
{
    size_t L = p->L, len0 = p->len[0];
    for (size_t s = 0; s < p->ls; s++) {
        memset(acc, 0, L * sizeof *acc);
        for (size_t r = s * p->rows_w; r < (s + 1) * p->rows_w; r++) {
            int ok = 1;
            for (size_t c = 1; c < p->K && ok; c++)
                ok = (int64_t)(r / p->rstride[c] % p->len[c]) >= p->need[c] - off[c];
            if (!ok)
                continue;
            int64_t lo = p->need[0] - off[0];
            size_t a = p->capped ? 0 : (size_t)(lo > 0 ? lo : 0);
            size_t b = p->capped ? (size_t)(lo > 0 ? lo : 0) : len0;
            for (size_t x = a; x < b && x < len0; x++)
                pl__limb_add(acc, t + (r * len0 + x) * L, L);
        }
        mpz_t v;
        mpz_roinit_n(v, acc, (mp_size_t)L);
        if (p->sizes)
            mpz_bin_uiui(out[s], (unsigned long)pool, (unsigned long)s);
        else
            mpz_ui_pow_ui(out[s], 2, (unsigned long)pool);
        if (p->capped)
            mpz_sub(out[s], out[s], v);
        else
            mpz_set(out[s], v);
    }
}

/* Plan the table of the conjunction of the rules in `mask`; 0 if no coalition can satisfy it. */
static int plan_make(dp_plan *p, const pl_game *g, unsigned mask, int sizes, pl_error *err)
{
    p->K = 0;
    for (size_t c = 0; c < g->n_conds; c++) {
        const pl__cond *q = &g->cond[c];
        if (!(mask >> q->rule & 1))
            continue;
        int64_t need = q->quota, avail = 0;
        for (size_t m = 0; m < g->n; m++)
            need -= g->veto[m] ? q->w[m] : 0;
        for (size_t j = 0; j < p->nv; j++)
            avail += q->w[p->mem[j]];
        if (need <= 0)
            continue;
        if (need > avail)
            return 0;
        if (p->K == PL__MAX_DIMS)
            return pl__fail(err, PL_EINPUT, "generating functions handle at most %d conditions "
                            "at once; expected fewer, or --method enumerate", PL__MAX_DIMS);
        /* keep the longest dimension first: it is the contiguous one */
        size_t k = p->K++;
        while (k > 0 && p->len[k - 1] < (size_t)avail + 1) {
            p->cond[k] = p->cond[k - 1];
            p->need[k] = p->need[k - 1];
            p->len[k] = p->len[k - 1];
            k--;
        }
        p->cond[k] = q;
        p->need[k] = need;
        p->len[k] = (size_t)avail + 1;
    }
    p->capped = p->K == 1;
    if (p->capped)
        p->len[0] = (size_t)p->need[0];
    p->rows_w = 1;
    for (size_t c = 1; c < p->K; c++) {
        p->rstride[c] = p->rows_w;
        p->rows_w *= p->len[c];
    }
    p->sizes = sizes;
    p->ls = sizes ? p->nv + 1 : 1;
    p->rows = p->rows_w * p->ls;
    p->L = p->nv / GMP_NUMB_BITS + 1;
    return 1;
}

/* The trimmed (size, weight) table of a one-condition plan with sizes (size_table.c). */
static int sized_plan(const dp_plan *p, pl__size_table *st)
{
    int64_t *w = pl__mallocarray(p->nv ? p->nv : 1, sizeof *w);
    if (!w)
        return PL_ENOMEM;
    for (size_t j = 0; j < p->nv; j++)
        w[j] = p->cond[0]->w[p->mem[j]];
    int rc = pl__size_table_plan(st, w, p->nv, p->need[0]);
    free(w);
    return rc;
}

/* The Shapley-Shubik table by residues (size_residue.c), else in GMP words (naive = 2, or
   where an unsigned long cannot hold a 64-bit modulus): what is checked is what is built. */
static int use_residues(const dp_plan *p) { return p->naive != 2 && PL__RESIDUES_OK; }

static int plan_check_memory(const dp_plan *p, double max_bytes, pl_error *err)
{
    double cells = (double)p->rows * (double)(p->K ? p->len[0] : 1);
    double tables = p->capped && p->naive != 1 ? 1 : 2; /* conj_capped needs no second one */
    double bytes = tables * cells * (double)p->L * sizeof(mp_limb_t);
    int too_big = 0, residues = 0;
    if (p->capped && p->naive != 1 && p->sizes) { /* conj_sized: only the rows' reachable ranges */
        pl__size_table st;
        if (sized_plan(p, &st))
            return pl__error_nomem(err);
        cells = st.cells_est;
        too_big = st.too_big;
        residues = use_residues(p);
        bytes = residues ? pl__size_reads_bytes(&st)
                         : cells * (double)p->L * sizeof(mp_limb_t);
        pl__size_table_free(&st);
    }
    if (bytes > max_bytes || too_big)
        return pl__fail(err, PL_ERANGE, "exact counting needs tables of %.3g GiB (%.3g cells of "
                        "%zu word%s%s), above the limit of %.3g GiB; expected a smaller game, "
                        "--max-memory, or --method monte-carlo", bytes / 1073741824.0, cells,
                        residues ? (size_t)1 : p->L, residues ? "" : "s",
                        residues ? " for one modulus at a time, and the residues read, by "
                                   "coalition size for Shapley-Shubik"
                                 : p->sizes ? ", by coalition size for Shapley-Shubik" : "",
                        max_bytes / 1073741824.0);
    return PL_OK;
}

typedef struct dp_acc {
    mpz_t *W;       /* winning coalitions by full size (or [0]: all) */
    mpz_t *In;      /* classes x ks: winning coalitions with a member of the class, by size */
    mpz_t *tmp;     /* ls scratch values */
    size_t *rep;    /* class representative of each member */
    size_t *cls;    /* class number of each non-veto member */
    size_t ncls;
    size_t ks;      /* entries per member: n + 2 with sizes (the last unused), else 1 */
} dp_acc;

/* Add sign x (counts by non-veto size s) into dst[s + shift]. */
static void acc_add(mpz_t *dst, mpz_t *src, const dp_plan *p, size_t shift, int sign)
{
    for (size_t s = 0; s < p->ls; s++) {
        size_t k = p->sizes ? s + shift : 0;
        if (sign > 0)
            mpz_add(dst[k], dst[k], src[s]);
        else
            mpz_sub(dst[k], dst[k], src[s]);
    }
}

/* Each size layer turned in place into prefix sums: entry X - 1 holds
   P(s, X) = c(s, 0) + .. + c(s, X - 1). */
static void prefix_sums(const dp_plan *p, mp_limb_t *c)
{
    size_t L = p->L, len = p->len[0];
    for (size_t s = 0; s < p->ls; s++)
        for (size_t x = 1; x < len; x++)
            pl__limb_add(c + (s * len + x) * L, c + (s * len + x - 1) * L, L);
}

/*
** v = S(X), the coalitions of weight below X once a member of weight w is
** removed, from the prefix sums P (a table without sizes). The table without
** it is D(x) = c(x) - D(x - w); summed below X, S(X) = P(X) - S(X - w), S = 0
** at X <= 0: X / w steps from the lowest X - k w > 0 up. Every S is a count
** of coalitions, so no step leaves L words.
*/
static void below_without(mp_limb_t *v, const mp_limb_t *P, const dp_plan *p, int64_t X,
                          size_t w)
{
    size_t L = p->L;
    memset(v, 0, L * sizeof *v);
    if (X <= 0)
        return;
    size_t x = (size_t)X;
    if (w == 0) { /* a member of weight 0 doubles every count */
        mpn_rshift(v, P + (x - 1) * L, (mp_size_t)L, 1);
        return;
    }
    for (size_t y = x - (x - 1) / w * w; y <= x; y += w)
        pl__limb_sub(v, P + (y - 1) * L, v, L);
}

/* out[s] = C(pool, s) (without sizes 2^pool) - v(s): the coalitions that reach the quota. */
static void capped_total(const dp_plan *p, mpz_t *out, const mp_limb_t *v, size_t pool)
{
    for (size_t s = 0; s < p->ls; s++) {
        mpz_t z;
        mpz_roinit_n(z, v + s * p->L, (mp_size_t)p->L);
        if (p->sizes)
            mpz_bin_uiui(out[s], (unsigned long)pool, (unsigned long)s);
        else
            mpz_ui_pow_ui(out[s], 2, (unsigned long)pool);
        mpz_sub(out[s], out[s], z);
    }
}

/* v = the coalitions (by size) below X once a member of weight w is removed (w < 0: none
   removed, X = need: all of the table), read from a one-condition table. */
typedef void below_fn(const dp_plan *p, const void *tab, int64_t X, int64_t w, mp_limb_t *v);

/* |W| and each weight class's winning coalitions with its member, by size, from a
   one-condition table read through below. */
static void capped_read(const dp_plan *p, const pl_game *g, dp_acc *a, int sign,
                        below_fn *below, const void *tab, mp_limb_t *v)
{
    size_t nvet = g->n - p->nv;
    below(p, tab, p->need[0], -1, v);
    capped_total(p, a->tmp, v, p->nv);
    acc_add(a->W, a->tmp, p, nvet, sign);
    for (size_t j = 0; j < p->nv; j++) {
        size_t m = p->mem[j];
        if (a->rep[m] != m)
            continue;
        int64_t w = p->cond[0]->w[m];
        below(p, tab, p->need[0] - w, w, v);
        capped_total(p, a->tmp, v, p->nv - 1);
        acc_add(a->In + a->cls[m] * a->ks, a->tmp, p, nvet + 1, sign);
    }
}

/* below_fn of the prefix sums of a table without sizes. */
static void weight_below(const dp_plan *p, const void *tab, int64_t X, int64_t w, mp_limb_t *v)
{
    const mp_limb_t *P = tab;
    if (w < 0)
        memcpy(v, P + (p->len[0] - 1) * p->L, p->L * sizeof *v);
    else
        below_without(v, P, p, X, (size_t)w);
}

/* below_fn of the trimmed (size, weight) table in GMP words. */
static void size_below(const dp_plan *p, const void *tab, int64_t X, int64_t w, mp_limb_t *v)
{
    pl__size_table_below(tab, X, w, p->ls, v);
}

/* below_fn of the same table's reads by residues (X is need - w: the reads made). */
static void reads_below(const dp_plan *p, const void *tab, int64_t X, int64_t w, mp_limb_t *v)
{
    (void)X;
    pl__size_reads_get(tab, w, p->ls, v);
}

/*
** One condition without sizes: the table built heaviest first, by halves,
** the minimal coalitions counted on the way when mc asks of a game of one
** condition, then every distinct weight read from its prefix sums in X / w
** steps instead of an inverse pass over the whole table, which also needs
** no second table.
*/
static int conj_capped(dp_plan *p, const pl_game *g, dp_acc *a, int sign,
                       pl__minimal_counts *mc)
{
    size_t L = p->L, len = p->len[0], cells = len;
    int count_min = mc && g->n_rules == 1 && g->n_conds == 1;
    mp_limb_t *c = calloc(cells * L, sizeof *c), *v = malloc(L * sizeof *v);
    int rc = c && v ? PL_OK : PL_ENOMEM;
    if (!rc)
        rc = pl__weight_table(c, len, L, g, p->cond[0], count_min ? mc->n[0] : NULL,
                              count_min ? mc->n[1] : NULL);
    if (!rc) {
        if (count_min)
            mc->done = 1;
        prefix_sums(p, c);
        capped_read(p, g, a, sign, weight_below, c, v);
    }
    free(c);
    free(v);
    return rc;
}

/*
** One condition with sizes (Shapley-Shubik): the trimmed (size, weight)
** table (size_table.c), every distinct weight removed where it is read; by
** residues (size_residue.c) where GMP's words are 64 bits, else (and with
** naive 2, bench/power's baseline) in GMP words.
*/
static int conj_sized(dp_plan *p, const pl_game *g, dp_acc *a, int sign)
{
    pl__size_table st;
    pl__size_reads rd;
    mp_limb_t *v = pl__mallocarray(pl__mul(p->ls, p->L), sizeof *v);
    int rc = v ? sized_plan(p, &st) : PL_ENOMEM;
    if (rc) {
        free(v);
        return rc;
    }
    if (st.too_big) { /* refused before */
        rc = PL_ERANGE;
    } else if (!use_residues(p)) {
        rc = pl__size_table_build(&st);
        if (!rc)
            capped_read(p, g, a, sign, size_below, &st, v);
    } else {
        rc = pl__size_reads_make(&rd, &st);
        if (!rc)
            capped_read(p, g, a, sign, reads_below, &rd, v);
        pl__size_reads_free(&rd);
    }
    pl__size_table_free(&st);
    free(v);
    return rc;
}

/* Inclusion-exclusion term of one rule subset: sign x counts of its conjunction. */
static int conj_accumulate(dp_plan *p, const pl_game *g, dp_acc *a, int sign,
                           pl__minimal_counts *mc, pl_error *err)
{
    if (p->capped && p->naive != 1 && p->sizes)
        return conj_sized(p, g, a, sign) ? pl__error_nomem(err) : PL_OK;
    if (p->capped && p->naive != 1)
        return conj_capped(p, g, a, sign, mc) ? pl__error_nomem(err) : PL_OK;
    size_t nvet = g->n - p->nv, cells = p->rows * (p->K ? p->len[0] : 1);
    mp_limb_t *c = NULL, *d = NULL, *acc = calloc(p->L, sizeof *acc);
    int64_t off[PL__MAX_DIMS] = {0};
    if (p->K) {
        c = calloc(cells * p->L, sizeof *c);
        d = malloc(cells * p->L * sizeof *d);
    }
    if (!acc || (p->K && (!c || !d))) {
        free(c), free(d), free(acc);
        return pl__error_nomem(err);
    }
    if (c) {
        table_build(p, c, cells);
        table_count(p, c, off, p->nv, a->tmp, acc);
    } else {
        for (size_t s = 0; s < p->ls; s++)
            p->sizes ? mpz_bin_uiui(a->tmp[s], p->nv, s) : mpz_ui_pow_ui(a->tmp[s], 2, p->nv);
    }
    acc_add(a->W, a->tmp, p, nvet, sign);
    for (size_t j = 0; j < p->nv; j++) {
        size_t m = p->mem[j];
        if (a->rep[m] != m)
            continue;
        if (c) {
            for (size_t k = 0; k < p->K; k++)
                off[k] = p->cond[k]->w[m];
            table_remove(p, d, c, m);
            table_count(p, d, off, p->nv - 1, a->tmp, acc);
        } else {
            for (size_t s = 0; s < p->ls; s++)
                p->sizes ? mpz_bin_uiui(a->tmp[s], p->nv - 1, s)
                          : mpz_ui_pow_ui(a->tmp[s], 2, p->nv - 1);
        }
        acc_add(a->In + a->cls[m] * a->ks, a->tmp, p, nvet + 1, sign);
    }
    free(c);
    free(d);
    free(acc);
    return PL_OK;
}

static mpz_t *mpz_array(size_t k)
{
    mpz_t *a = malloc((k ? k : 1) * sizeof *a);
    for (size_t j = 0; a && j < k; j++)
        mpz_init(a[j]);
    return a;
}

typedef struct member_key {
    uint64_t hash;
    size_t m;
} member_key;

static int key_cmp(const void *a, const void *b)
{
    const member_key *x = a, *y = b;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    return x->m < y->m ? -1 : x->m > y->m;
}

static int same_weights(const pl_game *g, size_t x, size_t y)
{
    for (size_t c = 0; c < g->n_conds; c++)
        if (g->cond[c].w[x] != g->cond[c].w[y])
            return 0;
    return 1;
}

/*
** Members with the same weights everywhere and no veto are symmetric: count
** one of them. Sorting by a hash of the weight vector finds the classes in
** O(n log n); members are compared in full within a run of equal hashes.
*/
static int find_classes(const pl_game *g, size_t *rep)
{
    member_key *k = malloc((g->n ? g->n : 1) * sizeof *k);
    size_t nk = 0;
    if (!k)
        return PL_ENOMEM;
    for (size_t m = 0; m < g->n; m++) {
        rep[m] = m;
        if (g->veto[m])
            continue;
        uint64_t h = 0;
        for (size_t c = 0; c < g->n_conds; c++)
            h = pl__fmix64(h ^ (uint64_t)g->cond[c].w[m]) + c;
        k[nk].hash = h;
        k[nk++].m = m;
    }
    qsort(k, nk, sizeof *k, key_cmp);
    for (size_t j = 0, run = 0; j < nk; j++) {
        if (k[j].hash != k[run].hash)
            run = j;
        for (size_t i = run; i < j && rep[k[j].m] == k[j].m; i++)
            if (rep[k[i].m] == k[i].m && same_weights(g, k[i].m, k[j].m))
                rep[k[j].m] = k[i].m;
    }
    free(k);
    return PL_OK;
}

/* Swings (and Shapley-Shubik numerators) of every member from the accumulated counts. */
static int finish_tally(pl__tally *t, const pl_game *g, dp_acc *a)
{
    size_t n = g->n, ks = a->ks;
    mpz_t *f = t->ss ? pl__shapley_factors(n) : NULL, e;
    if (t->ss && !f)
        return PL_ENOMEM;
    mpz_init(e);
    mpz_set_ui(t->win, 0);
    for (size_t k = 0; k < ks; k++)
        mpz_add(t->win, t->win, a->W[k]);
    for (size_t m = 0; m < n; m++) {
        if (!g->veto[m] && a->rep[m] != m) { /* the representative comes first */
            mpz_set(t->eta[m], t->eta[a->rep[m]]);
            if (f)
                mpz_set(t->ss[m], t->ss[a->rep[m]]);
            continue;
        }
        /* a veto member is in every winning coalition: its In is W */
        mpz_t *in = g->veto[m] ? a->W : a->In + a->cls[m] * ks;
        if (ks == 1) { /* eta = In - (W - In) */
            mpz_mul_2exp(t->eta[m], in[0], 1);
            mpz_sub(t->eta[m], t->eta[m], a->W[0]);
            continue;
        }
        mpz_set_ui(t->eta[m], 0);
        for (size_t k = 1; k <= n; k++) {
            mpz_sub(e, a->W[k - 1], in[k - 1]);
            mpz_sub(e, in[k], e);
            mpz_add(t->eta[m], t->eta[m], e);
            if (f)
                mpz_addmul(t->ss[m], e, f[k]);
        }
    }
    mpz_clear(e);
    pl__mpz_array_free(f, n + 1);
    return PL_OK;
}

/* Exact answers are numbers of up to n bits per member: refuse what cannot fit. */
static int check_result_size(size_t n, int sizes, double max_bytes, pl_error *err)
{
    double bytes = (double)n * ((double)n / 8 + 32) * (sizes ? 3 : 2);
    if (bytes > max_bytes)
        return pl__fail(err, PL_ERANGE, "exact counts for %zu members are numbers of up to %zu "
                        "bits each, %.3g GiB in all, above the limit of %.3g GiB; expected "
                        "--method monte-carlo", n, n, bytes / 1073741824.0,
                        max_bytes / 1073741824.0);
    return PL_OK;
}

int pl__count_dp(pl__tally *t, const pl_game *g, int sizes, double max_bytes, int naive,
                 pl__minimal_counts *mc, pl_error *err)
{
    size_t n = g->n;
    dp_plan p;
    dp_acc a;
    memset(&p, 0, sizeof p);
    memset(&a, 0, sizeof a);
    int rc = check_result_size(n, sizes, max_bytes, err);
    if (rc)
        return rc;
    a.ks = sizes ? n + 2 : 1;
    p.n = n;
    p.naive = naive;
    p.mem = malloc(n * sizeof *p.mem);
    a.rep = malloc(n * sizeof *a.rep);
    a.cls = malloc(n * sizeof *a.cls);
    a.W = mpz_array(a.ks);
    a.tmp = mpz_array(n + 1);
    if (!p.mem || !a.rep || !a.cls || !a.W || !a.tmp || find_classes(g, a.rep)) {
        rc = pl__error_nomem(err);
        goto done;
    }
    for (size_t m = 0; m < n; m++) {
        if (!g->veto[m])
            p.mem[p.nv++] = m;
        a.cls[m] = a.rep[m] == m && !g->veto[m] ? a.ncls++ : 0;
    }
    for (size_t m = 0; m < n; m++)
        a.cls[m] = a.cls[a.rep[m]];
    if (!(a.In = mpz_array(a.ncls * a.ks))) {
        rc = pl__error_nomem(err);
        goto done;
    }
    /* check every table before building any */
    for (unsigned mask = 1; !rc && mask < 1u << g->n_rules; mask++) {
        int ok = plan_make(&p, g, mask, sizes, err);
        rc = ok < 0 ? ok : ok ? plan_check_memory(&p, max_bytes, err) : PL_OK;
    }
    for (unsigned mask = 1; !rc && mask < 1u << g->n_rules; mask++) {
        int ok = plan_make(&p, g, mask, sizes, err);
        if (ok > 0)
            rc = conj_accumulate(&p, g, &a, __builtin_popcount(mask) & 1 ? 1 : -1, mc, err);
    }
    if (!rc && finish_tally(t, g, &a))
        rc = pl__error_nomem(err);
done:
    free(p.mem);
    free(a.rep);
    free(a.cls);
    pl__mpz_array_free(a.W, a.ks);
    pl__mpz_array_free(a.In, a.ncls * a.ks);
    pl__mpz_array_free(a.tmp, n + 1);
    return rc;
}
