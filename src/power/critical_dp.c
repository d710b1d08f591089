/* SPDX-License-Identifier: MIT */
/*
** critical_dp.c: Deegan-Packel, public good and Johnston numerators of a
** game of one condition w(S) >= q (and vetoes V) without listing coalitions
** (docs/models.md, "Voting power").
**
** A winning S = V + T (T among the non-veto members, w(T) >= q' = q - w(V))
** has the excess e = w(T) - q'. A non-veto j in T is critical iff w_j > e;
** every veto member always is. So at excess e the members split into heavy
** (w > e: critical in every winning coalition of that excess that holds
** them) and light (w <= e: never critical). Two tables count coalitions T by
** weight y and number c of heavy members in them:
**   P(c, y) over all non-veto members, the light ones uncounted in c;
**   H(c, y) over the heavy members only.
** At y = q' + e, P(c, y) counts the winning coalitions of excess e with
** |V| + c critical members (Johnston) and H(c, y) the minimal winning ones
** (every member critical: Deegan-Packel, public good). A member i's share
** is read from the tables without i, which are needed only along the line
** y - k w_i: P^{-i}(c, y) = P(c, y) - P^{-i}(c - 1, y - w_i), the inverse of
** multiplying by (1 + u z^{w_i}). Members of equal weight are symmetric:
** one line per distinct weight. e runs from 0 to w_max - 1 (beyond it no
** non-veto member is critical); after each step the members of weight e + 1
** turn light: P is divided by (1 + u z^w) and multiplied by (1 + z^w), H is
** only divided.
**
** Entries are exact integers of L machine words (counts of coalitions of nv
** members are below 2^nv), as in count_dp.c. The factors 1/|S| and 1/c are
** lcm(1..n)/k, applied once per c at the end. Cost, for rows heavy-member
** counts and len = q' + w_max weights: O(n x rows x len) for the moves,
** O(d x rows x len) for the lines of d distinct weights, 2 x rows x len
** entries of memory.
*/
#include "power_impl.h"
#include "../core/error_int.h"
#include "../core/alloc.h"

#include <stdlib.h>
#include <string.h>

/*
** Entries are stored weight-major: the counts of every c at one weight y are
** contiguous. No entry ever exceeds L words, so no carry or borrow crosses
** from one entry into the next, and a step over a whole row of them is one
** multi-word addition (GMP's mpn layer).
*/
typedef struct ctab {
    size_t rows, len, L;
    size_t top;      /* rows above top are zero */
    const size_t *cap; /* cap[y]: most heavy members a coalition of weight y can hold */
    size_t minw;     /* every heavy member weighs at least this (>= 1) */
    mp_limb_t *t;
} ctab;

/* Rows that can be nonzero at weight y: c heavy members weigh at least c minw. */
static inline size_t hi(const ctab *T, size_t y)
{
    size_t h = T->cap[y] < T->top ? T->cap[y] : T->top;
    return y / T->minw < h ? y / T->minw : h;
}

static inline mp_limb_t *cell(const ctab *T, size_t c, size_t y)
{
    return T->t + (y * T->rows + c) * T->L;
}

/* Multiply by (1 + u z^w), w >= 1: one more heavy member (counts beyond the last row
   only hold coalitions heavier than len, which the table drops anyway). */
static void mul_heavy(ctab *T, size_t w)
{
    if (T->top + 1 < T->rows)
        T->top++;
    for (size_t y = T->len; y-- > w;)
        if (hi(T, y))
            mpn_add_n(cell(T, 1, y), cell(T, 1, y), cell(T, 0, y - w), (mp_size_t)(hi(T, y) * T->L));
}

/* Divide by (1 + u z^w), w >= 1: one heavy member fewer (exact: it was multiplied in). */
static void div_heavy(ctab *T, size_t w)
{
    for (size_t y = w; y < T->len; y++)
        if (hi(T, y))
            mpn_sub_n(cell(T, 1, y), cell(T, 1, y), cell(T, 0, y - w), (mp_size_t)(hi(T, y) * T->L));
}

/* Multiply by (1 + z^w), w >= 1: one more light member. */
static void mul_light(ctab *T, size_t w)
{
    for (size_t y = T->len; y-- > w;)
        mpn_add_n(cell(T, 0, y), cell(T, 0, y), cell(T, 0, y - w),
                  (mp_size_t)((hi(T, y) + 1) * T->L));
}

/*
** The table without one heavy member of weight w >= 1, at weight y0, for
** c < *count (the others are zero): back-substitution along y0 - k w from its
** lowest point. buf holds two rows; returns the one with the result.
*/
static mp_limb_t *line_without(const ctab *T, size_t w, size_t y0, mp_limb_t *buf, size_t *count)
{
    size_t L = T->L, R = hi(T, y0) + 1, K = y0 / w;
    R = R < T->top ? R : T->top;
    mp_limb_t *cur = buf, *next = buf + T->rows * L;
    *count = R;
    if (R == 0)
        return cur;
    memcpy(cur, cell(T, 0, y0 - K * w), R * L * sizeof *cur);
    for (size_t k = K; k-- > 0;) {
        const mp_limb_t *row = cell(T, 0, y0 - k * w);
        memcpy(next, row, L * sizeof *next);
        if (R > 1)
            mpn_sub_n(next + L, row + L, cur, (mp_size_t)((R - 1) * L));
        mp_limb_t *t = cur;
        cur = next;
        next = t;
    }
    return cur;
}

/* acc[shift + c] += v[c] for c < count (entries of L words). */
static void acc_add(mpz_t *acc, const mp_limb_t *v, size_t count, size_t L, size_t shift)
{
    for (size_t c = 0; c < count; c++) {
        mpz_t x;
        mpz_roinit_n(x, v + c * L, (mp_size_t)L);
        mpz_add(acc[shift + c], acc[shift + c], x);
    }
}

typedef struct wclass {
    int64_t w;
    size_t rep, count;
} wclass;

static int by_weight(const void *a, const void *b)
{
    const wclass *x = a, *y = b;
    if (x->w != y->w)
        return x->w < y->w ? -1 : 1;
    return x->rep < y->rep ? -1 : x->rep > y->rep;
}

typedef struct crit_plan {
    size_t n, nv, nveto, nzero;  /* members; non-veto; veto; non-veto of weight 0 */
    int64_t need;                /* q' */
    size_t ncls;                 /* distinct positive non-veto weights, ascending */
    wclass *cls;
    size_t *cls_of;              /* class of each member (SIZE_MAX: veto or weight 0) */
    size_t rows, len, L;
} crit_plan;

/* Classes and table shape (none when need <= 0: the vetoes win alone). */
static int plan_make(crit_plan *p, const pl_game *g)
{
    const pl__cond *q = &g->cond[0];
    memset(p, 0, sizeof *p);
    p->n = g->n;
    p->need = q->quota;
    p->cls = pl__mallocarray(g->n, sizeof *p->cls);
    p->cls_of = pl__mallocarray(g->n, sizeof *p->cls_of);
    if (!p->cls || !p->cls_of)
        return PL_ENOMEM;
    size_t nh = 0;
    for (size_t m = 0; m < g->n; m++) {
        if (g->veto[m]) {
            p->nveto++;
            p->need -= q->w[m];
        } else {
            p->nv++;
            if (q->w[m] == 0)
                p->nzero++;
            else
                p->cls[nh++] = (wclass){q->w[m], m, 1};
        }
    }
    p->L = p->nv / GMP_NUMB_BITS + 1;
    if (p->need <= 0)
        return PL_OK;
    qsort(p->cls, nh, sizeof *p->cls, by_weight);
    /* rows: more heavy members than fit below len never occur in the table (unsigned:
       q' + w_max may pass 2^63; plan_bytes refuses such a table long before) */
    uint64_t wmax = nh ? (uint64_t)p->cls[nh - 1].w : 0, sum = 0;
    p->len = (size_t)((uint64_t)p->need + wmax);
    p->rows = 1;
    for (size_t j = 0; j < nh && (sum += (uint64_t)p->cls[j].w) < p->len; j++)
        p->rows++;
    for (size_t m = 0; m < g->n; m++)
        p->cls_of[m] = SIZE_MAX;
    for (size_t j = 0; j < nh; j++) {
        if (p->ncls && p->cls[p->ncls - 1].w == p->cls[j].w)
            p->cls[p->ncls - 1].count++;
        else
            p->cls[p->ncls++] = p->cls[j];
        p->cls_of[p->cls[j].rep] = p->ncls - 1;
    }
    return PL_OK;
}

static double plan_bytes(const crit_plan *p)
{
    double entry = (double)p->L * sizeof(mp_limb_t);
    double tables = 2.0 * (double)p->rows * (double)p->len * entry;
    double accs = 2.0 * (double)(p->ncls + 1) * (double)(p->rows + 1) * (entry + 2 * sizeof(mpz_t));
    return tables + accs + 2.0 * (double)p->rows * entry + (double)p->len * sizeof(size_t);
}

/* The vetoes win alone: V is the only minimal winning coalition, and only its members are
   ever critical (in each of the 2^nv winning coalitions). */
static void vetoes_alone(pl__minimal_sums *ms, const pl_game *g, const crit_plan *p)
{
    mpz_t part;
    mpz_init(part);
    mpz_set_ui(ms->n_mwc, 1);
    mpz_divexact_ui(part, ms->lcm, (unsigned long)p->nveto);
    for (size_t m = 0; m < g->n; m++)
        if (g->veto[m]) {
            mpz_set(ms->dp[m], part);
            mpz_set_ui(ms->pgi[m], 1);
            mpz_mul_2exp(ms->jo[m], part, (mp_bitcnt_t)p->nv);
        }
    mpz_clear(part);
}

typedef struct crit_run {
    ctab P, H;
    size_t *cap;
    mp_limb_t *line;
    mpz_t *jo, *mw;   /* (ncls + 1) x (rows + 1): by class (last: vetoes) and heavy count */
} crit_run;

/* Contributions of excess e: the vetoes' from the tables, each heavy class's from its lines. */
static void excess_step(crit_run *r, const crit_plan *p, size_t e, size_t first_heavy)
{
    size_t x = (size_t)p->need + e, R = p->rows + 1, V = p->ncls;
    acc_add(r->jo + V * R, cell(&r->P, 0, x), r->P.top + 1, p->L, 0);
    acc_add(r->mw + V * R, cell(&r->H, 0, x), r->H.top + 1, p->L, 0);
    for (size_t j = first_heavy; j < p->ncls; j++) {
        size_t w = (size_t)p->cls[j].w;
        if (x < w)
            continue;
        size_t count;
        const mp_limb_t *v = line_without(&r->P, w, x - w, r->line, &count);
        acc_add(r->jo + j * R, v, count, p->L, 1);
        v = line_without(&r->H, w, x - w, r->line, &count);
        acc_add(r->mw + j * R, v, count, p->L, 1);
    }
}

/* Numerators from the accumulated counts: class j's member with c heavy members in all
   is one of nveto + c critical ones. */
static void finish(pl__minimal_sums *ms, const pl_game *g, const crit_plan *p, crit_run *r)
{
    size_t R = p->rows + 1;
    mpz_t part;
    mpz_init(part);
    for (size_t c = 0; c < R; c++)
        mpz_add(ms->n_mwc, ms->n_mwc, r->mw[p->ncls * R + c]);
    for (size_t m = 0; m < g->n; m++) {
        size_t j = g->veto[m] ? p->ncls : p->cls_of[m];
        if (j == SIZE_MAX || (j < p->ncls && p->cls[j].rep != m && !g->veto[m]))
            continue;
        for (size_t c = 0; c < R; c++) {
            size_t k = p->nveto + c;
            if (k == 0 || k > g->n)
                continue;
            mpz_divexact_ui(part, ms->lcm, (unsigned long)k);
            mpz_addmul(ms->jo[m], r->jo[j * R + c], part);
            mpz_addmul(ms->dp[m], r->mw[j * R + c], part);
            mpz_add(ms->pgi[m], ms->pgi[m], r->mw[j * R + c]);
        }
    }
    for (size_t m = 0; m < g->n; m++) { /* the rest of each class: as its representative */
        size_t j = g->veto[m] ? SIZE_MAX : p->cls_of[m];
        if (j != SIZE_MAX && p->cls[j].rep != m) {
            mpz_set(ms->jo[m], ms->jo[p->cls[j].rep]);
            mpz_set(ms->dp[m], ms->dp[p->cls[j].rep]);
            mpz_set(ms->pgi[m], ms->pgi[p->cls[j].rep]);
        }
    }
    mpz_clear(part);
}

static int run_alloc(crit_run *r, const crit_plan *p)
{
    size_t cells = pl__mul(pl__mul(p->rows, p->len), p->L), R = p->rows + 1;
    size_t na = pl__mul(p->ncls + 1, R);
    r->cap = pl__mallocarray(p->len, sizeof *r->cap);
    r->P = (ctab){p->rows, p->len, p->L, 0, r->cap, 1, calloc(cells, sizeof(mp_limb_t))};
    r->H = (ctab){p->rows, p->len, p->L, 0, r->cap, 1, calloc(cells, sizeof(mp_limb_t))};
    r->line = pl__mallocarray(pl__mul(2 * p->rows, p->L), sizeof *r->line);
    r->jo = pl__mallocarray(na, sizeof *r->jo);
    r->mw = pl__mallocarray(na, sizeof *r->mw);
    if (!r->cap || !r->P.t || !r->H.t || !r->line || !r->jo || !r->mw) {
        free(r->jo), free(r->mw);
        r->jo = r->mw = NULL;
        return PL_ENOMEM;
    }
    for (size_t k = 0; k < na; k++)
        mpz_init(r->jo[k]), mpz_init(r->mw[k]);
    return PL_OK;
}

static void run_free(crit_run *r, const crit_plan *p)
{
    size_t na = r->jo ? (p->ncls + 1) * (p->rows + 1) : 0;
    pl__mpz_array_free(r->jo, na);
    pl__mpz_array_free(r->mw, na);
    free(r->cap);
    free(r->P.t);
    free(r->H.t);
    free(r->line);
}

/* P doubled for every member of weight 0 (light at every excess): shift the whole table,
   whose entries stay below 2^nv, as one number. */
static void double_zeros(ctab *T, size_t nzero)
{
    size_t words = T->rows * T->len * T->L;
    for (size_t left = nzero; left > 0;) {
        unsigned s = left > GMP_NUMB_BITS - 1 ? GMP_NUMB_BITS - 1 : (unsigned)left;
        mpn_lshift(T->t, T->t, (mp_size_t)words, s);
        left -= s;
    }
}

/* cap[y]: how many of the lightest heavy members fit in weight y (every later heavy set
   is a subset of the first, so the bound holds throughout). */
static void fill_cap(size_t *cap, const crit_plan *p)
{
    size_t j = 0, k = 0, in = 0;
    int64_t sum = 0;
    for (size_t y = 0; y < p->len; y++) {
        while (j < p->ncls && sum + p->cls[j].w <= (int64_t)y && in + 1 < p->rows) {
            sum += p->cls[j].w;
            in++;
            if (++k == p->cls[j].count)
                j++, k = 0;
        }
        cap[y] = in;
    }
}

static int count_all(pl__minimal_sums *ms, const pl_game *g, const crit_plan *p)
{
    crit_run r;
    memset(&r, 0, sizeof r);
    if (run_alloc(&r, p)) {
        run_free(&r, p);
        return PL_ENOMEM;
    }
    fill_cap(r.cap, p);
    r.H.t[0] = 1;
    for (size_t j = 0; j < p->ncls; j++)
        for (size_t k = 0; k < p->cls[j].count; k++)
            mul_heavy(&r.H, (size_t)p->cls[j].w);
    memcpy(r.P.t, r.H.t, p->rows * p->len * p->L * sizeof *r.P.t);
    r.P.top = r.H.top;
    double_zeros(&r.P, p->nzero);
    size_t first_heavy = 0, wmax = (size_t)p->cls[p->ncls - 1].w, nheavy = p->nv - p->nzero;
    for (size_t e = 0; e < wmax; e++) {
        excess_step(&r, p, e, first_heavy);
        if ((size_t)p->cls[first_heavy].w == e + 1) {
            for (size_t k = 0; k < p->cls[first_heavy].count; k++) {
                div_heavy(&r.P, e + 1);
                mul_light(&r.P, e + 1);
                div_heavy(&r.H, e + 1);
            }
            nheavy -= p->cls[first_heavy++].count;
        }
        /* the heavy members now weigh e + 2 or more, and there are nheavy of them */
        r.P.minw = r.H.minw = e + 2;
        if (nheavy < r.P.top)
            r.P.top = r.H.top = nheavy;
    }
    /* excess >= w_max: only the vetoes are critical, in the coalitions reaching q' + w_max */
    mp_limb_t *sum = r.line;
    memset(sum, 0, p->L * sizeof *sum);
    for (size_t y = 0; y < p->len; y++)
        pl__limb_add(sum, cell(&r.P, 0, y), p->L);
    mpz_t tail, below;
    mpz_init(tail);
    mpz_roinit_n(below, sum, (mp_size_t)p->L);
    mpz_ui_pow_ui(tail, 2, (unsigned long)p->nv);
    mpz_sub(tail, tail, below);
    mpz_add(r.jo[p->ncls * (p->rows + 1)], r.jo[p->ncls * (p->rows + 1)], tail);
    mpz_clear(tail);
    finish(ms, g, p, &r);
    run_free(&r, p);
    return PL_OK;
}

double pl__critical_dp_bytes(const pl_game *g)
{
    crit_plan p;
    double bytes = plan_make(&p, g) ? -1 : p.need <= 0 ? 0 : plan_bytes(&p);
    free(p.cls);
    free(p.cls_of);
    return bytes;
}

int pl__critical_dp(pl__minimal_sums *ms, const pl_game *g, double max_bytes, pl_error *err)
{
    crit_plan p;
    int rc = plan_make(&p, g);
    if (rc)
        rc = pl__error_nomem(err);
    else if (p.need <= 0)
        vetoes_alone(ms, g, &p);
    else if (plan_bytes(&p) > max_bytes)
        rc = pl__fail(err, PL_ERANGE, "their tables need %.3g GiB (%zu x %zu entries of %zu "
                      "words, twice), above the limit of %.3g GiB; expected a smaller game or "
                      "--max-memory MIB", plan_bytes(&p) / 1073741824.0, p.rows, p.len, p.L,
                      max_bytes / 1073741824.0);
    else if (count_all(ms, g, &p))
        rc = pl__error_nomem(err);
    free(p.cls);
    free(p.cls_of);
    return rc;
}
