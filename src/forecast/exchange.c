/* SPDX-License-Identifier: MIT */
/*
** exchange.c: the Stokman-Van Oosten exchange model, one round at a time
** (MODELS.md section 5). Notation: O_u = sum c s y / sum c s on issue u; an
** actor a moving its vote by dy on u shifts O_u by dy k_au, k_au = c s / W_u.
** In an exchange i supplies p (moves toward j's position) and demands q;
** j supplies q and demands p; the rate rho = dO_q / dO_p lies between the
** break-even rates s_ip/s_iq and s_jp/s_jq (equal gain: the mediant).
*/
#include "parley/exchange.h"
#include "exchange_impl.h"
#include "exchange_size.h"
#include "parley/scenario.h"
#include "../core/error_int.h"
#include "../core/rng.h"
#include "../core/alloc.h"
#include "../core/progress.h"

#include <assert.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PL__TIE 1e-12 /* gains this close to the best are a tie */
#define PL__AHEAD 16  /* candidates a revisit loads ahead (a few cache-miss latencies' worth) */
#define PL__XC_VIA_I 0x80000000u /* ids stay below 2^30 (add_pair) */
/*
** The fast path keeps no index and no tree when a round can hold at most this
** many candidates (small_bound), one bit each in a word: sets of them per key
** cost less than building those each round (the built-in scenario, 4 x 6:
** at most 60).
*/
#define PL__XC_SMALL 64

/* Small: what a trade's scan reads of a candidate besides its gain. */
typedef struct xc_small {
    pl__xc_basis bs[2]; /* its last sizing's dv ranges (pl__xc_size), as still() rests on them */
    uint32_t key[4]; /* its (actor, issue) indices: i p, j q (supplies), j p, i q (demands) */
} xc_small;

struct pl_exchange {
    size_t n, K, rounds;
    size_t *actor;             /* scenario index of each actor (scenario runs) */
    double *O;                 /* (rounds + 1) x K */
    double *ext;               /* rounds x n x K: externalities of non-traders */
    pl_exchange_trade *trade;
    size_t n_trades, cap_trades;
    size_t candidates, equal_ratios;
};

typedef struct xc_ctx {
    size_t n, K;
    const double *s, *c;
    const pl_exchange_opts *o;
    double *x, *y;             /* start and voting positions (n x K) */
    double *O, *W, *O0;        /* per issue; O0: O at the start of the round */
    double *k;                 /* n x K: c s / W, fixed for the run (W does not move) */
    unsigned char *traded;     /* n x K: took part in an exchange on that issue this round */
    double *dv;                /* n x K: what each demander has seen of O (exchange_impl.h) */
    uint32_t *rec_head;        /* n x K */
    pl__xc_rec *rec;
    size_t n_rec, cap_rec;
    pl__xc_cand *cand;         /* the round's feasible candidates */
    size_t n_cand, cap_cand;
    uint32_t *top;             /* per candidate: the tied best */
    int path;                  /* PL__XC_FAST, _NAIVE or _HEAP (exchange_impl.h) */
    uint32_t *hbuf, *hpos;     /* heap path: the heap's arrays */
    pl__xc_heap heap;
    double *tbuf, *gbuf;       /* fast path: the max-tree's nodes and gains */
    size_t cap_tree;
    pl__xc_tree tree;
    uint32_t *off, *ids;       /* fast and heap: candidates by (actor, issue) touched, CSR */
    uint32_t *len;             /* fast: how many of a key's ids are still kept (the dead go) */
    uint32_t *dem;             /* fast: per supply-list entry (ids[0, off[n K])), the demander */
    pl__xc_range *range;       /* fast: per candidate, the dv ranges of its last sizing */
    size_t cap_range;
    unsigned char *sd;         /* fast, unless few actors: K x n sides of O (exchange_pairs.c) */
    uint32_t *pairs;           /* fast: 4 n, exchange_pairs.c's groups */
    size_t cap_idx;
    /* fast: one issue's candidates and their counts by supplier (push_issue), ties (pick) */
    uint32_t *by_i;            /* n + 1 */
    pl__xc_cand *blk;
    pl__xc_range *blk_range;
    size_t n_blk, cap_blk;
    struct xc_tie *tie;
    size_t cap_tie;
    /* small (fast path, rounds of at most PL__XC_SMALL candidates, allocated once): */
    int small;
    pl_exchange_trade *last;   /* per candidate, its last sizing (executed as it is) */
    xc_small *sm;              /* per candidate */
    /*
    ** Sets of candidates, bit id each: for each (actor, issue) k those supplying
    ** through it (as i p or j q) at k, those demanding through it (as j p or
    ** i q) at n K + k.
    */
    uint64_t *set;
    uint64_t live;             /* the live */
    pl__xc_state st;           /* the sizing's view of the arrays (rec follows remember) */
    pl_rng rng;
} xc_ctx;

#define AT(c, a, k) ((a) * (c)->K + (k))

/* a record a line: grow_cand starts the array on one (pl__grow_lines) */
_Static_assert(sizeof(pl__xc_cand) == 64, "a candidate is one cache line");

static int present(const xc_ctx *c, size_t a, size_t k) { return !isnan(c->x[AT(c, a, k)]); }

/* W, the sum of c s per issue: fixed for the run (weights and presence do not move). */
static void weights(xc_ctx *c)
{
    for (size_t k = 0; k < c->K; k++) {
        double w = 0;
        for (size_t a = 0; a < c->n; a++)
            if (present(c, a, k))
                w += c->c[AT(c, a, k)] * c->s[AT(c, a, k)];
        c->W[k] = w;
    }
}

/* O from the votes y (W from weights(), the same sum as before it moved out of here). */
static void outcomes(xc_ctx *c)
{
    for (size_t k = 0; k < c->K; k++) {
        double wx = 0;
        for (size_t a = 0; a < c->n; a++)
            if (present(c, a, k))
                wx += c->c[AT(c, a, k)] * c->s[AT(c, a, k)] * c->y[AT(c, a, k)];
        c->O[k] = c->W[k] > 0 ? wx / c->W[k] : 0;
    }
}

static pl__xc_state state(const xc_ctx *c)
{
    pl__xc_state st = {c->n, c->K, c->s, c->c, c->x, c->O0, c->W, c->k, c->y, c->dv,
                       c->rec_head, c->rec};
    return st;
}

/* Side of O an actor's start position is on, fixed for the round: 1 at or below, 0 above. */
static int side(const xc_ctx *c, size_t a, size_t k) { return c->x[AT(c, a, k)] <= c->O0[k]; }

/* Do a and b stand on opposite sides of O on both p and q? */
static int opposite(const xc_ctx *c, size_t a, size_t b, size_t p, size_t q)
{
    return present(c, a, p) && present(c, a, q) && present(c, b, p) && present(c, b, q) &&
           side(c, a, p) != side(c, b, p) && side(c, a, q) != side(c, b, q);
}

/*
** Roles and rate of actors a, b on issues p, q: the one with the lower ratio
** s_p / s_q supplies p. 0 when the ratios are equal (no gain either way; 0.4 x
** 0.6 and 0.3 x 0.8 differ in binary, hence the tolerance).
*/
static int roles(xc_ctx *c, size_t a, size_t b, size_t p, size_t q, pl__xc_cand *cd)
{
    double sap = c->s[AT(c, a, p)], saq = c->s[AT(c, a, q)];
    double sbp = c->s[AT(c, b, p)], sbq = c->s[AT(c, b, q)];
    double ab = sap * sbq, ba = sbp * saq; /* saliences: in [0, 1], never NaN */
    if (fabs(ab - ba) <= 1e-12 * (ab > ba ? ab : ba))
        return 0;
    size_t i = sap * sbq < sbp * saq ? a : b, j = i == a ? b : a;
    double sip = c->s[AT(c, i, p)], sjp = c->s[AT(c, j, p)];
    double siq = c->s[AT(c, i, q)], sjq = c->s[AT(c, j, q)];
    double lo = sip / siq, hi = sjp / sjq;
    cd->i = (uint32_t)i, cd->j = (uint32_t)j, cd->p = (uint32_t)p, cd->q = (uint32_t)q;
    cd->rho = c->o->rule == PL_EXCHANGE_RANDOM_RATE && isfinite(lo) && isfinite(hi)
                  ? lo + (hi - lo) * pl__rng_double(&c->rng)
                  : (sip + sjp) / (siq + sjq);
    return 1;
}

/*
** A range of pl__xc_size's dvr as floats, rounded inward (a float range never
** holds more): moved in by 2^-22 of itself and 2^-100 before rounding, more
** than a float's rounding moves it (2^-24 relative, 2^-150 absolute); the
** values are below 1e3, far inside a float's range.
*/
static void inward(const double dvr[2], float *lo, float *hi)
{
    double l = dvr[0], h = dvr[1];
    *lo = (float)(isfinite(l) ? l + (fabs(l) * 0x1p-22 + 0x1p-100) : l);
    *hi = (float)(isfinite(h) ? h - (fabs(h) * 0x1p-22 + 0x1p-100) : h);
}

static void set_range(pl__xc_range *r, const double dvr[4])
{
    inward(dvr, &r->lo_p, &r->hi_p);
    inward(dvr + 2, &r->lo_q, &r->hi_q);
}

/* A candidate's gain and last proposals after sizing t. */
static void sized(pl__xc_cand *cd, const pl_exchange_trade *t)
{
    cd->gain = pl__xc_min(t->gain_i, t->gain_j);
    cd->last_i = t->i_to - t->i_from;
    cd->last_j = t->j_to - t->j_from;
}

/* What sizing the round's pairs needs. */
typedef struct xc_gen {
    xc_ctx *c;
    pl_exchange *e;
    pl__xc_state st;
    int count; /* first round: count the pairs */
    size_t p; /* fast: the issue p being generated (its candidates wait in c->blk) */
} xc_gen;

/*
** Room for `more` more candidates (and their ranges on the fast path); 1 when there is none.
** Grown arrays get huge pages where the system has them (pl__huge_pages): revisits read
** candidates, gains and ranges at random across hundreds of MB (100 actors x 100 issues),
** and with 4 KiB pages nearly every read also misses the TLB. Only what is not yet
** touched gets huge pages, so it is asked at each growth.
*/
static int grow_cand(xc_ctx *c, size_t more)
{
    size_t cap = c->cap_cand, need = c->n_cand + more;
    pl__xc_cand *g = need <= UINT32_MAX / 4 /* ids (and PL__XC_VIA_I) and offsets fit 32 bits */
                         ? pl__grow_lines(c->cand, &c->cap_cand, need, sizeof *g, 256)
                         : NULL;
    if (!g)
        return 1;
    c->cand = g;
    if (c->cap_cand != cap)
        pl__huge_pages(g, c->cap_cand * sizeof *g);
    if (c->path == PL__XC_FAST) {
        cap = c->cap_range;
        pl__xc_range *r = pl__grow(c->range, &c->cap_range, c->cap_cand, sizeof *r, 256);
        if (!r)
            return 1;
        c->range = r;
        if (c->cap_range != cap)
            pl__huge_pages(r, c->cap_range * sizeof *r);
    }
    return 0;
}

/*
** Fast path: the candidates of one issue p (made together: the walk is p
** major) wait in c->blk, then take their ids in the order of their supplier i,
** stably (flush_issue). A supply key (i, p)'s candidates in the supplier's role
** then lie side by side, with their gains and tree leaves, so that the
** revisits after a trade of i on p read consecutive cache lines instead of one
** scattered line each. The generation order, in which the tie rule draws,
** stays known from (p, q, a, b) (pick).
*/
static int push_issue(xc_ctx *c, const pl__xc_cand *cd, const double dvr[4])
{
    if (c->n_blk == c->cap_blk) {
        size_t cap = c->cap_blk, rcap = c->cap_blk;
        pl__xc_cand *b = pl__grow(c->blk, &cap, c->n_blk + 1, sizeof *b, 256);
        if (b)
            c->blk = b;
        pl__xc_range *r = b ? pl__grow(c->blk_range, &rcap, cap, sizeof *r, 256) : NULL;
        if (!r)
            return PL_ENOMEM;
        c->blk_range = r;
        c->cap_blk = cap;
    }
    c->blk[c->n_blk] = *cd;
    set_range(&c->blk_range[c->n_blk++], dvr);
    return PL_OK;
}

static int flush_issue(xc_ctx *c)
{
    size_t m = c->n_blk;
    if (m == 0)
        return PL_OK;
    if (c->n_cand + m > c->cap_cand && grow_cand(c, m))
        return PL_ENOMEM;
    uint32_t *at = c->by_i;
    memset(at, 0, (c->n + 1) * sizeof *at);
    for (size_t u = 0; u < m; u++)
        at[c->blk[u].i + 1]++;
    at[0] = (uint32_t)c->n_cand;
    for (size_t a = 0; a < c->n; a++)
        at[a + 1] += at[a];
    for (size_t u = 0; u < m; u++) {
        size_t v = at[c->blk[u].i]++;
        c->cand[v] = c->blk[u];
        c->range[v] = c->blk_range[u];
    }
    c->n_cand += m;
    c->n_blk = 0;
    return PL_OK;
}

#ifndef NDEBUG
/* Does pl__xc_size_fresh give what the inline sizing gave (ok, t and the ranges of sm)? */
static int same_fresh(const pl__xc_state *st, const pl__xc_cand *cd, int ok,
                      const pl_exchange_trade *t, const xc_small *sm)
{
    pl_exchange_trade u = *t;
    double r[4], dvr[4];
    if (pl__xc_size_fresh(st, cd, &u, r) != ok)
        return 0;
    if (!ok)
        return 1;
    for (int h = 0; h < 2; h++) {
        const pl__xc_basis *b = &sm->bs[h];
        still(b->clip, st->x[sm->key[2 + h]], b->o0, b->d, b->dv, dvr + 2 * h);
    }
    return memcmp(&u, t, sizeof u) == 0 && memcmp(r, dvr, sizeof r) == 0;
}
#endif

/* Actors a < b, opposite on both p and q: a candidate when its ratios differ and it is feasible. */
static int add_pair(void *arg, size_t a, size_t b, size_t p, size_t q)
{
    xc_gen *gn = arg;
    xc_ctx *c = gn->c;
    /* small: in place (room for every candidate the run can have, small_bound) */
    pl__xc_cand local, *cd = c->small ? &c->cand[c->n_cand] : &local;
    pl_exchange_trade t;
    double dvr[4];
    int ok = roles(c, a, b, p, q, cd);
    if (gn->count) {
        gn->e->candidates++;
        gn->e->equal_ratios += (size_t)!ok;
    }
    if (!ok || !pl__xc_sizable(&gn->st, cd))
        return PL_OK;
    cd->pre_i = cd->pre_j = 0;
    if (c->small) {
        assert(c->n_cand < c->cap_cand);
        pl_exchange_trade *at = &c->last[c->n_cand];
        xc_small *sm = &c->sm[c->n_cand];
        at->round = 0; /* pl__xc_size sets the rest */
        sm->key[0] = (uint32_t)AT(c, cd->i, cd->p), sm->key[1] = (uint32_t)AT(c, cd->j, cd->q);
        sm->key[2] = (uint32_t)AT(c, cd->j, cd->p), sm->key[3] = (uint32_t)AT(c, cd->i, cd->q);
        /* inline, as in the refresh */
        int fit = pl__xc_size_of(&gn->st, cd, sm->key, at, NULL, sm->bs, 1);
        assert(same_fresh(&gn->st, cd, fit, at, sm));
        if (fit) {
            sized(cd, at);
            c->n_cand++;
        }
        return PL_OK;
    }
    if (!pl__xc_size_fresh(&gn->st, cd, &t, c->path == PL__XC_FAST ? dvr : NULL))
        return PL_OK;
    sized(cd, &t);
    if (c->path == PL__XC_FAST) {
        if (p != gn->p && flush_issue(c))
            return PL_ENOMEM;
        gn->p = p;
        return push_issue(c, cd, dvr);
    }
    if ((c->n_cand == c->cap_cand || !c->cand) && grow_cand(c, 1))
        return PL_ENOMEM;
    c->cand[c->n_cand++] = *cd;
    return PL_OK;
}

/*
** Every feasible candidate of the round, sized; counts the first round's pairs.
** Naive: every actor pair on every issue pair; fast: by groups (exchange_pairs.c).
*/
static int candidates(xc_ctx *c, pl_exchange *e, int count)
{
    xc_gen gn = {c, e, state(c), count, 0};
    c->n_blk = 0;
    c->n_cand = 0;
    if (c->path == PL__XC_FAST && c->n < PL__XC_FEW && c->K <= 64) {
        /* the sides as pl__xc_pairs_few's bits, straight from x (present, side) */
        uint64_t lo[PL__XC_FEW] = {0}, hi[PL__XC_FEW] = {0};
        for (size_t a = 0; a < c->n; a++)
            for (size_t k = 0; k < c->K; k++) {
                double v = c->x[AT(c, a, k)];
                if (!isnan(v))
                    *(v <= c->O0[k] ? &lo[a] : &hi[a]) |= (uint64_t)1 << k;
            }
        int rc = pl__xc_pairs_few(c->n, c->K, lo, hi, add_pair, &gn);
        return rc ? rc : flush_issue(c); /* small runs pushed none: nothing to move */
    }
    if (c->path == PL__XC_FAST) {
        for (size_t k = 0; k < c->K; k++)
            for (size_t a = 0; a < c->n; a++)
                c->sd[k * c->n + a] = (unsigned char)(present(c, a, k) ? 2 - side(c, a, k) : 0);
        int rc = pl__xc_pairs(c->n, c->K, c->sd, c->pairs, add_pair, &gn);
        return rc ? rc : flush_issue(c);
    }
    for (size_t p = 0; p < c->K; p++)
        for (size_t q = p + 1; q < c->K; q++)
            for (size_t a = 0; a < c->n; a++)
                for (size_t b = a + 1; b < c->n; b++) {
                    int rc = opposite(c, a, b, p, q) ? add_pair(&gn, a, b, p, q) : PL_OK;
                    if (rc)
                        return rc;
                }
    return PL_OK;
}

/*
** *p replaced by room for n elements of size bytes, starting on a cache line
** (so that a tree block of PL__XC_BLOCK gains is one line, not two); the
** contents are not kept: room()'s arrays are rebuilt each round. 0 on failure
** (*p unchanged).
*/
static int resize_array(void *p, size_t n, size_t size)
{
    size_t bytes = pl__mul(n, size);
    void *g = bytes <= SIZE_MAX - 63 ? aligned_alloc(64, (bytes + 63) & ~(size_t)63) : NULL;
    if (!g)
        return 0;
    free(*(void **)p);
    *(void **)p = g;
    pl__huge_pages(g, bytes);
    return 1;
}

/* Room for the per-candidate arrays of a round of m candidates. */
static int room(xc_ctx *c, size_t m)
{
    if (c->small)
        return PL_OK;
    if (c->path == PL__XC_FAST) {
        size_t L = pl__xc_tree_leaves(m);
        if (L == 0 || (2 * L > c->cap_tree && !resize_array(&c->tbuf, 2 * L, sizeof *c->tbuf)))
            return PL_ENOMEM;
        c->cap_tree = 2 * L > c->cap_tree ? 2 * L : c->cap_tree;
    }
    if (m <= c->cap_idx)
        return PL_OK;
    size_t cap = m > 2 * c->cap_idx ? m : 2 * c->cap_idx;
    int heap = c->path == PL__XC_HEAP, index = c->path != PL__XC_NAIVE;
    if (!resize_array(&c->top, cap, sizeof *c->top) ||
        (heap && (!resize_array(&c->hbuf, cap, sizeof *c->hbuf) ||
                  !resize_array(&c->hpos, cap, sizeof *c->hpos))) ||
        (index && !resize_array(&c->ids, pl__mul(cap, 4), sizeof *c->ids)) ||
        (c->path == PL__XC_FAST && (!resize_array(&c->gbuf, cap, sizeof *c->gbuf) ||
                                    !resize_array(&c->dem, pl__mul(cap, 2), sizeof *c->dem))))
        return PL_ENOMEM;
    c->cap_idx = cap;
    return PL_OK;
}

/* The four (actor, issue) keys a candidate is touched through: as supplier, then demander. */
static void keys(const xc_ctx *c, const pl__xc_cand *cd, size_t key[4])
{
    size_t nk = c->n * c->K;
    key[0] = AT(c, cd->i, cd->p);
    key[1] = AT(c, cd->j, cd->q);
    key[2] = nk + AT(c, cd->j, cd->p);
    key[3] = nk + AT(c, cd->i, cd->q);
}

/* Small: the round's sets, every candidate live. */
static void sets_round(xc_ctx *c)
{
    size_t nk = c->n * c->K;
    uint64_t *sup = c->set, *dem = c->set + nk;
    memset(c->set, 0, 2 * nk * sizeof *c->set);
    for (size_t id = 0; id < c->n_cand; id++) {
        const xc_small *sm = &c->sm[id];
        uint64_t bit = (uint64_t)1 << id;
        sup[sm->key[0]] |= bit;
        sup[sm->key[1]] |= bit;
        dem[sm->key[2]] |= bit;
        dem[sm->key[3]] |= bit;
    }
    c->live = c->n_cand < 64 ? ((uint64_t)1 << c->n_cand) - 1 : ~(uint64_t)0;
}

/* Fast and heap paths: candidates by key (CSR), and the max-tree or the heap. */
static void index_round(xc_ctx *c)
{
    size_t nk2 = 2 * c->n * c->K, key[4];
    memset(c->off, 0, (nk2 + 1) * sizeof *c->off);
    for (size_t id = 0; id < c->n_cand; id++) {
        keys(c, &c->cand[id], key);
        for (int r = 0; r < 4; r++)
            c->off[key[r] + 1]++;
    }
    for (size_t k = 0; k < nk2; k++)
        c->off[k + 1] += c->off[k];
    /*
    ** fast: an entry of a demand list through i (the candidate's q) carries
    ** PL__XC_VIA_I, one of a supply list its demander there (dem: j through
    ** i p, i through j q)
    */
    int fast = c->path == PL__XC_FAST;
    uint32_t via_i = fast ? PL__XC_VIA_I : 0;
    for (size_t id = 0; id < c->n_cand; id++) {
        keys(c, &c->cand[id], key);
        for (int r = 0; r < 4; r++) {
            if (fast && r < 2)
                c->dem[c->off[key[r]]] = r == 0 ? c->cand[id].j : c->cand[id].i;
            c->ids[c->off[key[r]]++] = (uint32_t)id | (r == 3 ? via_i : 0);
        }
    }
    for (size_t k = nk2; k > 0; k--)
        c->off[k] = c->off[k - 1];
    c->off[0] = 0;
    if (c->path == PL__XC_HEAP) {
        c->heap = (pl__xc_heap){c->hbuf, c->hpos, 0, c->cand};
        pl__xc_heap_build(&c->heap, c->n_cand);
        return;
    }
    for (size_t k = 0; k < nk2; k++)
        c->len[k] = c->off[k + 1] - c->off[k];
    pl__xc_tree_build(&c->tree, c->tbuf, c->gbuf, c->cand, c->n_cand);
}

/*
** Small: the naive scan's ties over the live set, in one pass when the best is
** clear: besides the best (its first holder) it keeps the largest other gain;
** when that is within PL__TIE of the best, or the best is -inf (a tie the
** first pass cannot see), the naive's second pass runs.
*/
static size_t top_small(xc_ctx *c)
{
    double best = -INFINITY, second = -INFINITY;
    uint32_t at = 0;
    for (uint64_t b = c->live; b; b &= b - 1) {
        uint32_t id = (uint32_t)__builtin_ctzll(b);
        double g = c->cand[id].gain;
        if (g > best) {
            second = best;
            best = g;
            at = id;
        } else if (g > second) {
            second = g;
        }
    }
    if (best == -INFINITY)
        second = best; /* none live, or all -inf: the second pass decides */
    if (!(second >= best - PL__TIE)) {
        c->top[0] = at;
        return 1;
    }
    size_t m = 0;
    for (uint64_t b = c->live; b; b &= b - 1) {
        uint32_t id = (uint32_t)__builtin_ctzll(b);
        if (c->cand[id].gain >= best - PL__TIE)
            c->top[m++] = id;
    }
    return m;
}

/* A tied candidate's place in the generation order (p, q, a, b), a < b its actors. */
typedef struct xc_tie {
    uint64_t pq, ab;
    uint32_t id;
} xc_tie;

static int tie_cmp(const void *x, const void *y)
{
    const xc_tie *a = x, *b = y;
    return a->pq != b->pq ? (a->pq > b->pq) - (a->pq < b->pq) : (a->ab > b->ab) - (a->ab < b->ab);
}

/*
** Fast path: the tree's ties (ids ascending) put in generation order, the
** order the tie rule draws in (flush_issue moved the ids). 1 when out of memory.
*/
static int generation_order(xc_ctx *c, size_t m)
{
    if (m < 2)
        return 0;
    if (m > c->cap_tie) {
        xc_tie *g = pl__grow(c->tie, &c->cap_tie, m, sizeof *g, 64);
        if (!g)
            return 1;
        c->tie = g;
    }
    for (size_t u = 0; u < m; u++) {
        const pl__xc_cand *cd = &c->cand[c->top[u]];
        uint64_t a = cd->i < cd->j ? cd->i : cd->j, b = cd->i < cd->j ? cd->j : cd->i;
        c->tie[u] = (xc_tie){(uint64_t)cd->p << 32 | cd->q, a << 32 | b, c->top[u]};
    }
    qsort(c->tie, m, sizeof *c->tie, tie_cmp);
    for (size_t u = 0; u < m; u++)
        c->top[u] = c->tie[u].id;
    return 0;
}

/*
** The next exchange: the highest gain; among gains within PL__TIE of it, a
** seeded uniform choice in candidate order (the generation's). Naive: a scan
** of every candidate (the reference); fast: the max-tree's top; heap: the
** heap's. 1 with *id, 0 when none is left, -1 when out of memory.
*/
static int pick(xc_ctx *c, uint32_t *id)
{
    size_t m = 0;
    if (c->small) {
        m = top_small(c);
    } else if (c->path == PL__XC_NAIVE) {
        double best = -INFINITY; /* the dead's gain (a live one's is finite) */
        for (size_t k = 0; k < c->n_cand; k++)
            if (c->cand[k].gain > best)
                best = c->cand[k].gain;
        for (size_t k = 0; best != -INFINITY && k < c->n_cand; k++)
            if (c->cand[k].gain >= best - PL__TIE)
                c->top[m++] = (uint32_t)k;
    } else if (c->path == PL__XC_HEAP) {
        m = pl__xc_heap_top(&c->heap, PL__TIE, c->top);
    } else {
        m = pl__xc_tree_top(&c->tree, PL__TIE, c->top);
        if (generation_order(c, m))
            return -1;
    }
    if (m == 0)
        return 0;
    *id = c->top[m > 1 ? pl__rng_below(&c->rng, m) : 0];
    return 1;
}

/*
** Candidate id leaves the round (executed or infeasible): its gain -inf marks
** it dead, in the tree on the fast path (every revisit there reads the tree's
** gain first, so the record, often not in cache, is not written), in the
** record on the others.
*/
static void drop(xc_ctx *c, uint32_t id)
{
    if (c->path == PL__XC_FAST && !c->small) {
        pl__xc_tree_set(&c->tree, id, -INFINITY);
        return;
    }
    if (c->small)
        c->live &= ~((uint64_t)1 << id);
    else if (c->path == PL__XC_HEAP)
        pl__xc_heap_remove(&c->heap, id);
    c->cand[id].gain = -INFINITY;
}

/* Size candidate id again after a trade; it leaves the round once infeasible. */
static void resize(xc_ctx *c, const pl__xc_state *st, uint32_t id)
{
    pl_exchange_trade t;
    double dvr[4];
    int fast = c->path == PL__XC_FAST;
    /* inline (exchange_size.h): a call cost about 2% of DEU III's instructions */
    if (!pl__xc_size_of(st, &c->cand[id], NULL, &t, fast ? dvr : NULL, NULL, 0)) {
        drop(c, id);
        return;
    }
    double was = c->cand[id].gain;
    sized(&c->cand[id], &t);
    if (fast)
        set_range(&c->range[id], dvr);
    if (c->path == PL__XC_HEAP)
        pl__xc_heap_update(&c->heap, id);
    else if (c->path == PL__XC_FAST && c->cand[id].gain != was) /* else it keeps its place */
        pl__xc_tree_set(&c->tree, id, c->cand[id].gain);
}

/*
** Add the last proposal m (nonzero: it passed move_ok) to the kept ones (sum
** *pre); 0 when they now point both ways: Decide's is_move_valid then fails
** whatever the size (the sizing's sign test would), so the candidate is out.
** Kept proposals of one sign, nonzero, sum to a nonzero of that sign (a sum
** of two doubles of one sign is at least the larger), which the sizing reads.
*/
static int keep(double *pre, double m)
{
    if ((*pre > 0 && m < 0) || (*pre < 0 && m > 0))
        return 0;
    *pre += m;
    return 1;
}

/*
** Candidate e after a trade in which i (sup_i) or j (sup_j) supplied the
** issue it supplies in e: that party keeps its last proposal (Decide); 0 when
** that put e out of the round.
*/
static int keep_for(pl__xc_cand *e, int sup_i, int sup_j)
{
    return (!sup_i || keep(&e->pre_i, e->last_i)) && (!sup_j || keep(&e->pre_j, e->last_j));
}

/*
** Candidate id after trade r, then sized again. Met through a demand key
** (demand), it is left as it is when it supplies through one of r's supply
** keys: those were revisited first (refresh), and that revisit sized it on
** the state this one would read. A candidate is met at most once in r's two
** supply lists (two of its supply keys on r's would make it r, or r's mirror
** with p > q, never generated) and once in its two demand lists (likewise),
** so that test is all that keeps it from being sized twice after a trade.
*/
static void revisit(xc_ctx *c, const pl__xc_state *st, const pl__xc_cand *r, uint32_t id,
                    int demand)
{
    pl__xc_cand *e = &c->cand[id];
    if (e->gain == -INFINITY)
        return;
    int sup_i = (e->i == r->i && e->p == r->p) || (e->i == r->j && e->p == r->q);
    int sup_j = (e->j == r->i && e->q == r->p) || (e->j == r->j && e->q == r->q);
    if (demand && (sup_i || sup_j))
        return;
    if (!keep_for(e, sup_i, sup_j)) {
        drop(c, id);
        return;
    }
    resize(c, st, id);
}

/*
** Fast path, the candidates of supply key (a, k) after trade r, in which a
** supplied k (its vote moved from y0 to y = y[a k], away from its start x =
** x[a k]). One whose demander's position X lies from x (not included) to y
** is out without being read: every proposal a candidate of a on k made points
** from x toward X (a's vote starts at x and has not passed X while the
** candidate is in: the trade that passed it would have put it out), so its
** kept ones do, and the sizing at y finds a move of 0 (y = X) or one
** against them (y past X): infeasible. The rest are revisited. Dead entries
** leave the list as met (swapped with the last kept; the order of revisits
** within a trade does not matter, each reads only the state the trade left),
** known by their gain in the tree (-inf exactly for the dead: drop sets it;
** a sized gain is finite): the dead cost a read of 8 bytes and a doomed one
** also that of X (n K doubles, cached), not of the candidate. Loads overlap:
** the gain two strides ahead, the candidate (if live) and its tree leaf one
** stride ahead.
*/
static void revisit_supply(xc_ctx *c, const pl__xc_state *st, const pl__xc_cand *r, size_t key)
{
    uint32_t *ids = c->ids + c->off[key], *dem = c->dem + c->off[key];
    const double *g = c->gbuf, *xk = c->x + key % c->K;
    double x = c->x[key], y = c->y[key];
    size_t K = c->K;
    for (size_t m = 0; m < c->len[key];) {
        if (m + 2 * PL__AHEAD < c->len[key])
            PL__PREFETCH(&g[ids[m + 2 * PL__AHEAD]]);
        if (m + PL__AHEAD < c->len[key] && g[ids[m + PL__AHEAD]] != -INFINITY) {
            double X = xk[dem[m + PL__AHEAD] * K];
            if (X > x ? X > y : X < y) {
                PL__PREFETCH(&c->cand[ids[m + PL__AHEAD]]);
                /* its block's leaf: a re-size here often changes the gain (tree_set) */
                PL__PREFETCH(&c->tree.t[c->tree.L + ids[m + PL__AHEAD] / PL__XC_BLOCK]);
            }
        }
        uint32_t id = ids[m];
        if (g[id] != -INFINITY) {
            double X = xk[dem[m] * K];
            if (X > x ? X > y : X < y) {
                revisit(c, st, r, id, 0);
                m++;
                continue;
            }
            drop(c, id);
        }
        ids[m] = ids[--c->len[key]];
        dem[m] = dem[c->len[key]];
    }
}

/*
** The candidates of one key after trade r: the heap path's, all (demand: a
** demand key); the fast path's, a supply key's (revisit_supply).
*/
static void revisit_key(xc_ctx *c, const pl__xc_state *st, const pl__xc_cand *r, size_t key,
                        int demand)
{
    uint32_t *ids = c->ids + c->off[key];
    if (c->path == PL__XC_HEAP) {
        for (size_t m = 0; m < c->off[key + 1] - c->off[key]; m++)
            revisit(c, st, r, ids[m], demand);
        return;
    }
    revisit_supply(c, st, r, key);
}

/*
** Fast path, the candidates of demand key (b, u) after trade r moved dv[b u]
** (and no supply key of theirs: those were revisited first): only those whose
** range for it no longer holds dv, or none (pl__xc_size's dvr: inside it the
** sizing comes out the same bit for bit). Not marking the skipped as seen
** keeps them open to the other demand key r moved, if it is theirs too; the
** range read there holds while this one does. Dead ones leave as in
** revisit_key.
*/
static void revisit_demand(xc_ctx *c, const pl__xc_state *st, const pl__xc_cand *r,
                           size_t key, int demand)
{
    double dv = c->dv[key - c->n * c->K];
    uint32_t *ids = c->ids + c->off[key];
    const double *g = c->gbuf;
    for (size_t m = 0; m < c->len[key];) {
        if (m + PL__AHEAD < c->len[key]) {
            uint32_t ahead = ids[m + PL__AHEAD] & ~PL__XC_VIA_I;
            PL__PREFETCH(&g[ahead]);
            PL__PREFETCH(&c->range[ahead]);
        }
        uint32_t id = ids[m] & ~PL__XC_VIA_I;
        if (g[id] == -INFINITY) {
            ids[m] = ids[--c->len[key]];
            continue;
        }
        const pl__xc_range *rg = &c->range[id];
        int via_i = (ids[m] & PL__XC_VIA_I) != 0; /* key is the candidate's (i, q), else (j, p) */
        float lo = via_i ? rg->lo_q : rg->lo_p, hi = via_i ? rg->hi_q : rg->hi_p;
        if (!(lo <= dv && dv <= hi))
            revisit(c, st, r, id, demand);
        m++;
    }
}

/*
** Small: does dv lie in the range of a sizing's side (still() on its basis
** bs; X: the demander's start position there)?
*/
static int holds(const pl__xc_basis *bs, double X, double dv)
{
    double r[2];
    still(bs->clip, X, bs->o0, bs->d, bs->dv, r);
    return r[0] <= dv && dv <= r[1];
}

/*
** Small: the candidates the index would revisit after trade r (refresh),
** from the sets: those sharing a supply key with r, then those of a demand
** key whose dv r moved (news) out of their last sizing's range. Each is met
** once; the dead leave the live set.
*/
static void refresh_small(xc_ctx *c, const pl__xc_state *st, const pl__xc_cand *r,
                          const int news[2])
{
    size_t nk = c->n * c->K;
    const uint32_t *rk = c->sm[r - c->cand].key; /* r is a candidate of the round */
    uint32_t rip = rk[0], rjq = rk[1];
    /* the demand keys r moved (UINT32_MAX: not moved): its dv[j p] and dv[i q] */
    uint32_t dp = news[0] ? rk[2] : UINT32_MAX, dq = news[1] ? rk[3] : UINT32_MAX;
    uint64_t sup = (c->set[rip] | c->set[rjq]) & c->live;
    uint64_t dem = ((news[0] ? c->set[nk + dp] : 0) | (news[1] ? c->set[nk + dq] : 0)) & c->live;
    for (uint64_t b = sup | dem; b; b &= b - 1) {
        uint32_t id = (uint32_t)__builtin_ctzll(b);
        const xc_small *sm = &c->sm[id];
        uint32_t ip = sm->key[0], jq = sm->key[1], jp = sm->key[2], iq = sm->key[3];
        if (!(sup >> id & 1) &&
            !((jp == dp || jp == dq) && !holds(&sm->bs[0], st->x[jp], c->dv[jp])) &&
            !((iq == dp || iq == dq) && !holds(&sm->bs[1], st->x[iq], c->dv[iq])))
            continue;
        /* revisit's: a party that supplied the same issue in r keeps its proposal */
        pl__xc_cand *e = &c->cand[id];
        if (keep_for(e, ip == rip || ip == rjq, jq == rip || jq == rjq) &&
            pl__xc_size_of(st, e, sm->key, &c->last[id], NULL, c->sm[id].bs, 0))
            sized(e, &c->last[id]);
        else
            drop(c, id);
    }
}

/*
** After trade r: naive sizes every candidate again; fast and heap only those
** sharing one of its keys, and those of a demander's key only when what it saw
** of O moved (news[0] for j on p, news[1] for i on q): the others' inputs did
** not change.
*/
static void refresh(xc_ctx *c, const pl__xc_cand *r, const int news[2])
{
    if (c->small) {
        refresh_small(c, &c->st, r, news);
        return;
    }
    pl__xc_state st = state(c);
    if (c->path == PL__XC_NAIVE) {
        for (size_t k = 0; k < c->n_cand; k++)
            revisit(c, &st, r, (uint32_t)k, 0);
        return;
    }
    size_t key[4];
    keys(c, r, key);
    for (int k = 0; k < 4; k++)
        if (k < 2)
            revisit_key(c, &st, r, key[k], 0);
        else if (news[k - 2])
            (c->path == PL__XC_FAST ? revisit_demand : revisit_key)(c, &st, r, key[k], 1);
}

/*
** Supplier a gave its vote on k to demander b, now at pos: what b has seen of
** O_k. *news: 1 when that moved (a's first supply of k to b this round).
*/
static PL__XC_INLINE int remember(xc_ctx *c, size_t a, size_t b, size_t k, double pos,
                                  int *news)
{
    int seen = 0;
    for (uint32_t r = c->rec_head[AT(c, a, k)]; r; r = c->rec[r - 1].next)
        seen |= c->rec[r - 1].demander == b;
    *news = !seen;
    if (!seen)
        c->dv[AT(c, b, k)] += c->k[AT(c, a, k)] * (pos - c->x[AT(c, a, k)]);
    if (c->n_rec == c->cap_rec || !c->rec) { /* the test saves a call per record */
        pl__xc_rec *g = c->n_rec < UINT32_MAX - 1
                            ? pl__grow(c->rec, &c->cap_rec, c->n_rec + 1, sizeof *g, 64) : NULL;
        if (!g)
            return PL_ENOMEM;
        c->rec = g;
        c->st.rec = g;
    }
    c->rec[c->n_rec++] = (pl__xc_rec){(uint32_t)b, c->rec_head[AT(c, a, k)], pos};
    c->rec_head[AT(c, a, k)] = (uint32_t)c->n_rec;
    return PL_OK;
}

static int record(pl_exchange *e, const pl_exchange_trade *t)
{
    if (e->n_trades == e->cap_trades || !e->trade) {
        pl_exchange_trade *g = pl__grow(e->trade, &e->cap_trades, e->n_trades + 1, sizeof *g, 64);
        if (!g)
            return PL_ENOMEM;
        e->trade = g;
    }
    e->trade[e->n_trades++] = *t;
    return PL_OK;
}

/* Execute trade t: the votes move, both suppliers remember whom they moved for. */
static int execute(xc_ctx *c, pl_exchange *e, pl_exchange_trade *t, int news[2])
{
    c->y[AT(c, t->i, t->p)] = t->i_to;
    c->y[AT(c, t->j, t->q)] = t->j_to;
    c->traded[AT(c, t->i, t->p)] = c->traded[AT(c, t->i, t->q)] = 1;
    c->traded[AT(c, t->j, t->p)] = c->traded[AT(c, t->j, t->q)] = 1;
    if (remember(c, t->i, t->j, t->p, t->i_to, &news[0]) ||
        remember(c, t->j, t->i, t->q, t->j_to, &news[1]))
        return PL_ENOMEM;
    return record(e, t);
}

#ifndef NDEBUG
/* Sizing cd now gives t (but its round)? */
static int same_sizing(const xc_ctx *c, const pl__xc_cand *cd, const pl_exchange_trade *t)
{
    pl__xc_state st = state(c);
    pl_exchange_trade u;
    double dvr[4];
    if (!pl__xc_size(&st, cd, &u, dvr))
        return 0;
    u.round = t->round;
    return memcmp(&u, t, sizeof u) == 0;
}
#endif

/* The round's exchanges, best first, until none is feasible. */
static int trade_round(xc_ctx *c, pl_exchange *e, size_t round)
{
    int rc = candidates(c, e, round == 1);
    if (!rc)
        rc = room(c, c->n_cand);
    if (rc)
        return rc;
    if (c->small) {
        sets_round(c);
    } else if (c->path != PL__XC_NAIVE) {
        index_round(c);
    }
    uint32_t id;
    while ((rc = pick(c, &id)) > 0) {
        int news[2];
        if (c->small) {
            /*
            ** Its last sizing, as sizing it now would give (debug builds check):
            ** every trade since revisited it if it touched an input. It is dead
            ** from here on: no revisit touches it, so it stands for the trade.
            */
            pl_exchange_trade *tp = &c->last[id];
            assert(same_sizing(c, &c->cand[id], tp));
            drop(c, id);
            tp->round = round;
            if ((rc = execute(c, e, tp, news)))
                return rc;
            refresh(c, &c->cand[id], news);
            continue;
        }
        pl__xc_state st = state(c);
        pl_exchange_trade t;
        int ok = pl__xc_size(&st, &c->cand[id], &t, NULL);
        drop(c, id);
        if (!ok) /* cannot happen: its inputs are those it was sized with */
            continue;
        t.round = round;
        pl__xc_cand cd = c->cand[id];
        if ((rc = execute(c, e, &t, news)))
            return rc;
        refresh(c, &cd, news);
    }
    return rc < 0 ? PL_ENOMEM : PL_OK;
}

/*
** One round (docs/models.md, exchange model): sides and start positions fixed
** at its start, exchanges until none is left, then externalities and the drift
** of start positions toward the votes.
*/
static int play_round(xc_ctx *c, pl_exchange *e, size_t round)
{
    size_t nk = c->n * c->K;
    memcpy(c->y, c->x, nk * sizeof *c->y);
    memset(c->traded, 0, nk);
    memset(c->rec_head, 0, nk * sizeof *c->rec_head);
    for (size_t k = 0; k < nk; k++)
        c->dv[k] = 0;
    c->n_rec = 0;
    outcomes(c);
    memcpy(c->O0, c->O, c->K * sizeof *c->O0);
    int rc = trade_round(c, e, round);
    if (rc)
        return rc;
    outcomes(c);
    memcpy(e->O + round * c->K, c->O, c->K * sizeof *c->O);
    /* who did not trade on an issue still gains or loses as its O moves */
    for (size_t a = 0; a < c->n; a++)
        for (size_t k = 0; k < c->K; k++)
            if (present(c, a, k) && !c->traded[AT(c, a, k)])
                e->ext[((round - 1) * c->n + a) * c->K + k] =
                    c->s[AT(c, a, k)] * (fabs(c->x[AT(c, a, k)] - c->O0[k]) -
                                         fabs(c->x[AT(c, a, k)] - c->O[k]));
    /* start positions drift toward the votes, the more the less salient */
    for (size_t k = 0; k < nk; k++) {
        double lambda = 0.4 * (1 - c->s[k]) + 0.1;
        if (!isnan(c->x[k]))
            c->x[k] = (1 - lambda) * c->x[k] + lambda * c->y[k];
    }
    return PL_OK;
}

static void ctx_free(xc_ctx *c)
{
    void *p[] = {c->x /* and y, dv, k, O, W, O0 (ctx_alloc) */, c->rec_head /* and traded */,
                 c->rec, c->cand, c->top, c->hbuf, c->hpos, c->tbuf, c->gbuf, c->off, c->ids,
                 c->dem, c->len, c->sd, c->pairs, c->range, c->last, c->sm, c->set, c->by_i,
                 c->blk, c->blk_range, c->tie};
    for (size_t k = 0; k < sizeof p / sizeof *p; k++)
        free(p[k]);
}

/*
** The most candidates a round of n actors on K issues can have: per issue pair
** |A||D| + |B||C| over the four side groups, at most floor(n/2) ceil(n/2);
** PL__XC_SMALL + 1 when that is more than PL__XC_SMALL.
*/
static size_t small_bound(size_t n, size_t K)
{
    if (n > 64 || K > 64) /* more than PL__XC_SMALL either way; the product fits 32 bits */
        return PL__XC_SMALL + 1;
    size_t m = K * (K - 1) / 2 * (n / 2) * (n - n / 2);
    return m <= PL__XC_SMALL ? m : PL__XC_SMALL + 1;
}

/* The arrays that do not grow; 1 if one could not be allocated. */
static int ctx_alloc(xc_ctx *c)
{
    size_t nk = pl__mul(c->n, c->K);
    /* the doubles in one block (a small run is worth a few allocations); no wrap: pl_exchange_run
       checked that (rounds + 1) n K doubles fit */
    c->x = pl__mallocarray(pl__mul(nk, 4) + pl__mul(c->K, 3), sizeof *c->x);
    if (c->x) {
        c->y = c->x + nk, c->dv = c->y + nk, c->k = c->dv + nk;
        c->O = c->k + nk, c->W = c->O + c->K, c->O0 = c->W + c->K;
    }
    /* rec_head and then traded in one block (uint32_t first, so each is aligned) */
    c->rec_head = pl__mallocarray(pl__add(nk, (nk + 3) / 4), sizeof *c->rec_head);
    c->traded = c->rec_head ? (unsigned char *)(c->rec_head + nk) : NULL;
    int fast = c->path == PL__XC_FAST, index = c->path != PL__XC_NAIVE && !c->small;
    c->off = index ? pl__mallocarray(pl__mul(nk, 2) + 1, sizeof *c->off) : NULL;
    c->len = fast && index ? pl__mallocarray(pl__mul(nk, 2), sizeof *c->len) : NULL;
    c->by_i = fast && index ? pl__mallocarray(pl__add(c->n, 1), sizeof *c->by_i) : NULL;
    /* the side table and groups of pl__xc_pairs; few actors take bits instead (candidates) */
    int sides = fast && !(c->n < PL__XC_FEW && c->K <= 64);
    c->sd = sides ? pl__mallocarray(nk, 1) : NULL;
    c->pairs = sides ? pl__mallocarray(pl__mul(c->n, 4), sizeof *c->pairs) : NULL;
    if (c->small) {
        size_t m = small_bound(c->n, c->K);
        c->cand = pl__mallocarray(m, sizeof *c->cand);
        c->cap_cand = m;
        c->top = pl__mallocarray(m, sizeof *c->top);
        c->last = pl__mallocarray(m, sizeof *c->last);
        c->sm = pl__mallocarray(m, sizeof *c->sm);
        c->set = pl__mallocarray(pl__mul(nk, 2), sizeof *c->set);
        if (!c->cand || !c->top || !c->last || !c->sm || !c->set)
            return 1;
    }
    return !c->x || !c->y || !c->dv || !c->k || !c->O || !c->W || !c->O0 || !c->traded ||
           !c->rec_head || (index && !c->off) || (fast && index && (!c->len || !c->by_i)) ||
           (sides && (!c->sd || !c->pairs));
}

static int check(size_t n, size_t K, const double *x, const double *s, const double *c,
                 const pl_exchange_opts *o, pl_error *err)
{
    if (K < 2 || n < 2)
        return pl__fail(err, PL_EINPUT, "the exchange model needs at least 2 issues and 2 "
                        "actors, got %zu and %zu", K, n);
    for (size_t a = 0; a < n; a++)
        for (size_t k = 0; k < K; k++) {
            size_t i = a * K + k;
            if (isnan(x[i]))
                continue;
            if (!(x[i] >= 0 && x[i] <= 100) || !(s[i] >= 0 && s[i] <= 1) || !(c[i] >= 0) ||
                !isfinite(c[i]))
                return pl__fail(err, PL_EINPUT, "exchange model, actor %zu on issue %zu: "
                                "position %g, salience %g, power %g; expected a position in "
                                "[0, 100], salience in [0, 1], power >= 0", a + 1, k + 1, x[i],
                                s[i], c[i]);
        }
    if (o->naive < PL__XC_FAST || o->naive > PL__XC_INDEXED)
        return pl__fail(err, PL_EINPUT, "exchange model: path %d; expected 0 (fast), 1 (naive), "
                        "2 (heap) or 3 (fast, always indexed)", o->naive);
    if (o->rounds < 0 || o->rounds > 10000)
        return pl__fail(err, PL_EINPUT, "exchange model: %d rounds; expected 0 to 10000",
                        o->rounds);
    return PL_OK;
}

int pl_exchange_run(pl_exchange **out, size_t n, size_t K, const double *x, const double *s,
                    const double *cap, const pl_exchange_opts *opts, pl_error *err)
{
    pl_exchange_opts o = PL_EXCHANGE_OPTS_INIT;
    if (opts)
        o = *opts;
    *out = NULL;
    int rc = check(n, K, x, s, cap, &o, err);
    if (rc)
        return rc;
    size_t nk = n * K;
    /* the sizes below cannot wrap around once these fit */
    int huge = pl__mul(n, K) == SIZE_MAX ||
               pl__mul(pl__mul((size_t)o.rounds + 1, nk), sizeof(double)) == SIZE_MAX ||
               n >= UINT32_MAX || K >= UINT32_MAX;
    pl_exchange *e = huge ? NULL : calloc(1, sizeof *e);
    xc_ctx c = {n, K, s, cap, &o, .path = o.naive == PL__XC_INDEXED ? PL__XC_FAST : o.naive,
                .rng = {{0}}};
    c.small = o.naive == PL__XC_FAST && small_bound(n, K) <= PL__XC_SMALL;
    if (e) {
        e->O = pl__mallocarray(((size_t)o.rounds + 1) * K, sizeof *e->O);
        e->ext = calloc((size_t)o.rounds * nk + 1, sizeof *e->ext);
    }
    if (!e || !e->O || !e->ext || ctx_alloc(&c)) {
        rc = pl__error_nomem(err);
        goto done;
    }
    c.st = state(&c); /* the arrays stay where they are, but rec (remember updates it) */
    e->n = n;
    e->K = K;
    pl__rng_seed(&c.rng, o.seed, 0);
    memcpy(c.x, x, nk * sizeof *x);
    memcpy(c.y, x, nk * sizeof *x);
    weights(&c);
    outcomes(&c);
    for (size_t k = 0; k < K; k++)
        if (!(c.W[k] > 0)) {
            rc = pl__fail(err, PL_EINPUT, "exchange model: issue %zu has no actor with power x "
                          "salience > 0; expected at least one", k + 1);
            goto done;
        }
    for (size_t a = 0; a < n; a++)
        for (size_t k = 0; k < K; k++)
            c.k[a * K + k] = cap[a * K + k] * s[a * K + k] / c.W[k];
    memcpy(e->O, c.O, K * sizeof *c.O);
    for (size_t t = 1; t <= (size_t)o.rounds && !rc; t++) {
        rc = play_round(&c, e, t) ? pl__error_nomem(err) : PL_OK;
        e->rounds = t;
        if (!rc)
            pl__progress(&o.progress, t, (uint64_t)o.rounds);
    }
done:
    ctx_free(&c);
    if (rc) {
        pl_exchange_free(e);
        return rc;
    }
    *out = e;
    return PL_OK;
}

void pl_exchange_free(pl_exchange *e)
{
    if (!e)
        return;
    free(e->O);
    free(e->ext);
    free(e->trade);
    free(e->actor);
    free(e);
}

size_t pl_exchange_n_rounds(const pl_exchange *e) { return e ? e->rounds : 0; }
size_t pl_exchange_n_actors(const pl_exchange *e) { return e ? e->n : 0; }

double pl_exchange_outcome(const pl_exchange *e, size_t t, size_t k)
{
    return e && t <= e->rounds && k < e->K ? e->O[t * e->K + k] : 0;
}

size_t pl_exchange_n_trades(const pl_exchange *e) { return e ? e->n_trades : 0; }

const pl_exchange_trade *pl_exchange_trade_at(const pl_exchange *e, size_t j)
{
    return e && j < e->n_trades ? &e->trade[j] : NULL;
}

size_t pl_exchange_candidates(const pl_exchange *e, size_t *equal_ratios)
{
    if (equal_ratios)
        *equal_ratios = e ? e->equal_ratios : 0;
    return e ? e->candidates : 0;
}

size_t pl_exchange_actor(const pl_exchange *e, size_t a)
{
    return e && e->actor && a < e->n ? e->actor[a] : a;
}

int pl__exchange_run_issues(pl_exchange **out, const pl_scenario *s, const size_t *issues,
                            size_t K, const pl_exchange_opts *opts, pl_error *err)
{
    size_t N = pl_scenario_n_actors(s), n = 0;
    double *x = malloc((N * K + 1) * sizeof *x), *sal = malloc((N * K + 1) * sizeof *sal);
    double *c = malloc((N * K + 1) * sizeof *c);
    size_t *who = malloc((N + 1) * sizeof *who);
    int rc = x && sal && c && who ? PL_OK : pl__error_nomem(err);
    for (size_t a = 0; !rc && a < N; a++) {
        const pl_actor *ac = pl_scenario_actor(s, a);
        if (!pl_actor_at_table(ac))
            continue;
        for (size_t k = 0; k < K; k++) {
            double pos, sl;
            int has = pl_scenario_position(s, a, issues ? issues[k] : k, &pos, &sl) == 1;
            x[n * K + k] = has ? pos : NAN;
            sal[n * K + k] = has ? sl : 0;
            c[n * K + k] = pl_actor_capability(ac)->value;
        }
        who[n++] = a;
    }
    if (!rc)
        rc = pl_exchange_run(out, n, K, x, sal, c, opts, err);
    if (!rc) {
        (*out)->actor = who;
        who = NULL;
    }
    free(x);
    free(sal);
    free(c);
    free(who);
    return rc;
}

int pl_exchange_run_scenario(pl_exchange **out, const pl_scenario *s,
                             const pl_exchange_opts *opts, pl_error *err)
{
    return pl__exchange_run_issues(out, s, NULL, pl_scenario_n_issues(s), opts, err);
}

double pl_exchange_externality(const pl_exchange *e, size_t t, size_t a, size_t k)
{
    return e && t >= 1 && t <= e->rounds && a < e->n && k < e->K
               ? e->ext[((t - 1) * e->n + a) * e->K + k] : 0;
}
