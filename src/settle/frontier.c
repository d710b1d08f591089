/* SPDX-License-Identifier: MIT */
/*
** frontier.c: frontier objects, the frontier of explicit points, and the
** exact merge for additive spaces (MODELS.md sec. 7):
**     F_0 = {0},  F_k = ND(F_{k-1} + ND(options of issue k)).
** It is exact because a package whose partial package (issues 1..k) is
** dominated by another partial package is dominated by that package's
** completion with the same later options. Back-pointers rebuild packages.
*/
#include "settle_impl.h"
#include "../core/error_int.h"
#include "../core/alloc.h"
#include "../core/progress.h"
#include "../core/sort.h"

#include <stdlib.h>
#include <string.h>

pl_frontier *pl__frontier_alloc(size_t n, size_t K, size_t size)
{
    pl_frontier *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    size_t cap = size ? size : 1;
    f->n = n;
    f->K = K;
    f->size = size;
    f->u = pl__mallocarray(pl__mul(cap, n), sizeof *f->u);
    f->pkg = pl__mallocarray(pl__mul(cap, K), sizeof *f->pkg);
    if (!f->u || !f->pkg) {
        pl_frontier_free(f);
        return NULL;
    }
    return f;
}

void pl_frontier_free(pl_frontier *f)
{
    if (!f)
        return;
    free(f->u);
    free(f->pkg);
    free(f->merge_sizes);
    free(f);
}

size_t pl_frontier_size(const pl_frontier *f) { return f ? f->size : 0; }
size_t pl_frontier_n_parties(const pl_frontier *f) { return f ? f->n : 0; }
const size_t *pl_frontier_merge_sizes(const pl_frontier *f) { return f ? f->merge_sizes : NULL; }

double pl_frontier_utility(const pl_frontier *f, size_t j, size_t i)
{
    return f && j < f->size && i < f->n ? f->u[j * f->n + i] : NAN;
}

const uint32_t *pl_frontier_package(const pl_frontier *f, size_t j)
{
    return f && j < f->size ? f->pkg + j * f->K : NULL;
}

/* ---- ordering and filtering -------------------------------------------- */

typedef struct sort_ctx {
    const pl_frontier *f;
    size_t j;
} sort_ctx;

static int cmp_pkg(const void *x, const void *y)
{
    const sort_ctx *a = x, *b = y;
    const uint32_t *p = a->f->pkg + a->j * a->f->K, *q = b->f->pkg + b->j * b->f->K;
    for (size_t k = 0; k < a->f->K; k++)
        if (p[k] != q[k])
            return p[k] < q[k] ? -1 : 1;
    return (a->j > b->j) - (a->j < b->j);
}

/* Reorder f's points as order[] says (order is a permutation, or a subset, of 0..size-1). */
static int permute(pl_frontier *f, const size_t *order, size_t count)
{
    double *u = malloc((count ? count : 1) * f->n * sizeof *u);
    uint32_t *pkg = malloc((count ? count : 1) * f->K * sizeof *pkg);
    if (!u || !pkg) {
        free(u), free(pkg);
        return PL_ENOMEM;
    }
    for (size_t j = 0; j < count; j++) {
        memcpy(u + j * f->n, f->u + order[j] * f->n, f->n * sizeof *u);
        memcpy(pkg + j * f->K, f->pkg + order[j] * f->K, f->K * sizeof *pkg);
    }
    free(f->u), free(f->pkg);
    f->u = u;
    f->pkg = pkg;
    f->size = count;
    return PL_OK;
}

/* Are f's packages in increasing order already? A merge's are (each level lists its points
   by parent, then option, both increasing), so its sort has nothing to do. */
static int in_order(const pl_frontier *f)
{
    for (size_t j = 1; j < f->size; j++) {
        sort_ctx a = {f, j - 1}, b = {f, j};
        if (cmp_pkg(&a, &b) >= 0)
            return 0;
    }
    return 1;
}

int pl__frontier_sort(pl_frontier *f)
{
    if (in_order(f)) /* cmp_pkg breaks ties by index: the sort would leave this order */
        return PL_OK;
    sort_ctx *c = malloc((f->size ? f->size : 1) * sizeof *c);
    size_t *order = malloc((f->size ? f->size : 1) * sizeof *order);
    int rc = c && order ? PL_OK : PL_ENOMEM;
    if (!rc) {
        for (size_t j = 0; j < f->size; j++)
            c[j] = (sort_ctx){f, j};
        pl__sort(c, f->size, sizeof *c, cmp_pkg);
        for (size_t j = 0; j < f->size; j++)
            order[j] = c[j].j;
        rc = permute(f, order, f->size); /* unsorted, the first of ties would differ */
    }
    free(c), free(order);
    return rc;
}

void pl__frontier_floor(pl_frontier *f, const double *floor)
{
    if (!floor)
        return;
    size_t m = 0;
    for (size_t j = 0; j < f->size; j++) {
        const double *u = f->u + j * f->n;
        size_t i = 0;
        while (i < f->n && pl__at_least(u[i], floor[i]))
            i++;
        if (i < f->n)
            continue;
        if (m < j) { /* up to the first point dropped, every point stays where it is */
            memmove(f->u + m * f->n, u, f->n * sizeof *u);
            memmove(f->pkg + m * f->K, f->pkg + j * f->K, f->K * sizeof *f->pkg);
        }
        m++;
    }
    f->size = m;
}

/* ---- explicit points --------------------------------------------------- */

int pl_frontier_points(pl_frontier **out, size_t n, size_t N, const double *u,
                       const pl_frontier_opts *opts, pl_error *err)
{
    if (!out || (N && !u))
        return pl__fail(err, PL_EMISUSE, "pl_frontier_points: NULL argument");
    *out = NULL;
    if (n < 1 || N > UINT32_MAX)
        return pl__fail(err, PL_EINPUT, "a frontier needs 1 or more parties and at most %u "
                        "points; got %zu and %zu", (unsigned)UINT32_MAX, n, N);
    for (size_t j = 0; j < N * n; j++)
        if (!isfinite(u[j]))
            return pl__fail(err, PL_EINPUT, "utility %zu of point %zu is not a finite number",
                            j % n + 1, j / n + 1);
    pl_frontier_method m = opts ? opts->method : PL_FRONTIER_AUTO;
    pl_frontier *f = NULL;
    if (m == PL_FRONTIER_STREAM || (m == PL_FRONTIER_AUTO && n == 2)) {
        if (pl__stream_frontier(NULL, u, n, N, opts ? opts->threads : 1, &f))
            return pl__error_nomem(err);
    } else {
        size_t *keep = malloc((N ? N : 1) * sizeof *keep), nk = 0;
        if (!keep || pl__nd(n, N, u, keep, &nk, NULL) || !(f = pl__frontier_alloc(n, 1, nk))) {
            free(keep);
            return pl__error_nomem(err);
        }
        for (size_t j = 0; j < nk; j++) {
            memcpy(f->u + j * n, u + keep[j] * n, n * sizeof *u);
            f->pkg[j] = (uint32_t)keep[j];
        }
        free(keep);
    }
    pl__frontier_floor(f, opts ? opts->floor : NULL);
    if (pl__frontier_sort(f)) {
        pl_frontier_free(f);
        return pl__error_nomem(err);
    }
    *out = f;
    return PL_OK;
}

/* ---- the merge --------------------------------------------------------- */

typedef struct level {
    size_t size;
    double *u;          /* size x n; one block with parent and opt */
    uint32_t *parent;   /* index in the previous level */
    uint32_t *opt;      /* option of this level's issue */
} level;

static void level_free(level *l)
{
    free(l->u);
    memset(l, 0, sizeof *l);
}

/* Bytes per point of a block: n utilities and `extra` more; SIZE_MAX when that does not fit. */
static size_t block_per(size_t n, size_t extra)
{
    return pl__add(pl__mul(n, sizeof(double)), extra);
}

/* Room for size points of n utilities in l, in one block. */
static int level_alloc(level *l, size_t size, size_t n)
{
    size_t cap = size ? size : 1, per = block_per(n, 2 * sizeof(uint32_t));
    if (!(l->u = per < SIZE_MAX ? pl__mallocarray(cap, per) : NULL))
        return PL_ENOMEM;
    l->parent = (uint32_t *)(l->u + cap * n);
    l->opt = l->parent + cap;
    return PL_OK;
}

/* Options of issue k that no other option of it dominates; u: room for its options'
   utilities (m[k] x n). Each party's largest |utility| among them is added to its b. */
static int issue_nd(const pl_space *sp, size_t k, double *u, double *b, size_t *keep,
                    size_t *nk)
{
    size_t n = sp->n, m = sp->m[k];
    int unit = 1;
    for (size_t i = 0; i < n; i++) {
        const double *row = sp->t + i * sp->total + sp->off[k];
        double most = 0;
        for (size_t v = 0; v < m; v++) {
            double x = fabs(row[v]);
            u[v * n + i] = row[v];
            most = x > most ? x : most; /* fmax: utilities are finite */
        }
        b[i] = b[i] + most;
        unit &= most <= 1;
    }
    return pl__nd_in(n, m, u, unit, keep, nk, NULL);
}

/*
** Bounds on a merge step: candidates (partial frontier x options) and the
** frontier kept. Ties make both grow multiplicatively (packages whose
** utilities are equal for every party are all kept), e.g. when no party
** cares about an issue.
*/
#define PL_MERGE_MAX_CANDIDATES ((size_t)1 << 26)
#define PL_MERGE_MAX_FRONTIER ((size_t)1 << 22)
/* Dominance tests of the skyline over all issues (three or more parties): some seconds. */
#define PL_MERGE_BUDGET ((uint64_t)400000000)
#define PL_ETOOBIG 1

#define PL_EOVERMEM 2
#define PL_MERGE_DEFAULT_BYTES 1073741824.0

/* Bytes a merge step holds per candidate: its utilities, its index in the kept list, and
   pl__nd's sort key, candidate list and flag; or, by divide and conquer (skyline.c), its
   ranks and the larger of the ranking's sort key and the recursion's arrays (selection,
   tree, sweep key, index). */
static double candidate_bytes(size_t n, int skyline)
{
    if (skyline)
        return (double)(n * (sizeof(double) + sizeof(uint32_t)) + sizeof(size_t) +
                        4 * sizeof(uint32_t) + sizeof(uint32_t[4]));
    return (double)(n * sizeof(double) + 2 * sizeof(size_t) + sizeof(double[2]) +
                    sizeof(size_t) + 1);
}

typedef struct merge_ctx {
    const pl_space *sp;
    uint64_t budget;    /* dominance tests left */
    double max_bytes;
    double *lo;         /* with a floor: (K + 1) x n, see partial_floors; else NULL */
    double growth, proj; /* a projected refusal: growth exponent, final size; else 0 */
    int skyline;        /* three or more parties: divide and conquer (skyline.c) */
    size_t *eff;        /* K: the number of each issue's efficient options (issue_nd) */
    double proj_bytes;  /* a projected refusal by memory: the largest step's bytes; else 0 */
    size_t proj_at;     /* and the issue (1-based) of that step */
    const pl__span *span; /* progress: issues merged; NULL: none */
    size_t *eff_opt;    /* sum of m: issue k's efficient options from eff_opt + off[k] */
    int unit;           /* every utility a step filters lies within [-1, 1] (find_efficient) */
} merge_ctx;

/*
** With a floor, a partial package (issues before k) whose party i stays below
** lo[k * n + i] even with its best option on every issue left can complete
** only below floor_i, so the merge drops it: what it dominates can complete
** only below the floor too. The slack, far above rounding, keeps every
** package the floor at the end would keep. PL_ENOMEM.
*/
static int partial_floors(merge_ctx *m, const double *floor)
{
    const pl_space *sp = m->sp;
    size_t n = sp->n, K = sp->K;
    if (!floor)
        return PL_OK;
    if (!(m->lo = pl__mallocarray(pl__mul(K + 1, n), sizeof *m->lo)))
        return PL_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        double rest = 0;
        for (size_t k = K + 1; k-- > 0;) {
            m->lo[k * n + i] = floor[i] - rest - 1e-9 * (1 + fabs(floor[i]) + fabs(rest));
            double best = -INFINITY;
            for (size_t v = 0; k && v < sp->m[k - 1]; v++) { /* fmax: utilities are finite */
                double x = sp->t[i * sp->total + sp->off[k - 1] + v];
                best = x > best ? x : best;
            }
            rest += k ? best : 0;
        }
    }
    return PL_OK;
}

/*
** Below this many candidates the sort-filter skyline (pl__nd, at most N^2 / 2
** dominance tests) is cheaper than divide and conquer, whose ranking sorts every
** coordinate: a per-draw merge of `parley stress` has a few dozen to a few
** hundred candidates a step (callgrind on the built-in: 64 -> 256 cut the
** merges' instructions by a tenth).
*/
#define PL_MERGE_SMALL 256

/* The non-dominated candidates: divide and conquer when it gives pl__nd's set, else pl__nd
   (pl__skyline's set is pl__nd's, settle_impl.h, so the choice changes no result). */
static int merge_nd(merge_ctx *m, size_t N, const double *u, size_t *keep, size_t *nk)
{
    if (m->skyline && N < PL_MERGE_SMALL) /* no budget spent: hopeless() reads none */
        return pl__nd_in(m->sp->n, N, u, m->unit, keep, nk, NULL);
    if (m->skyline) {
        int rc = pl__skyline(m->sp->n, N, u, keep, nk);
        if (rc != PL__SKY_UNSURE)
            return rc;
    }
    return pl__nd_in(m->sp->n, N, u, m->unit, keep, nk, &m->budget);
}

/*
** The candidates of a merge step into u, their numbers (c = a * n_opts + b: prev point a
** plus option opts[b]) into at: every one, or with a floor only those that can reach it
** (partial_floors). Dropping them before the non-dominated filter instead of after keeps
** the same packages in the end: a viable candidate p that only non-viable candidates q
** dominate has p_i <= q_i + tol < lo_i + tol on some party i, so it cannot reach the floor
** either (lo sits 1e-9 below what the floor needs, far more than the K tolerances of
** 1e-12 such steps can add up to); it and whatever it dominates later are dropped by the
** floor at the end. ot (n_opts x n) is scratch for the options' utilities, gathered once
** so that the loop reads them side by side: each sum is still prev + option, the same
** double. Returns how many.
*/
static PL__ALWAYS_INLINE size_t candidates_n(size_t n, const merge_ctx *m, size_t k,
                                             const level *prev, const size_t *opts,
                                             size_t n_opts, double *ot, double *u, size_t *at)
{
    const pl_space *sp = m->sp;
    size_t nv = 0;
    const double *lo = m->lo ? m->lo + (k + 1) * n : NULL;
    for (size_t b = 0; b < n_opts; b++)
        for (size_t i = 0; i < n; i++)
            ot[b * n + i] = sp->t[i * sp->total + sp->off[k] + opts[b]];
    for (size_t a = 0, c = 0; a < prev->size; a++) {
        const double *pa = prev->u + a * n;
        for (size_t b = 0; b < n_opts; b++, c++) {
            double *p = u + nv * n; /* overwritten by the next one unless this one is kept */
            size_t i = 0;
            for (; i < n; i++) { /* a party below its partial floor ends the sums */
                p[i] = pa[i] + ot[b * n + i];
                if (lo && !(p[i] >= lo[i]))
                    break;
            }
            if (i == n)
                at[nv++] = c;
        }
    }
    return nv;
}

/* candidates_n with the party count a constant where it is small (PL__BY_PARTIES), so that
   the sums unroll: the same sums in the same order. */
static size_t candidates(const merge_ctx *m, size_t k, const level *prev, const size_t *opts,
                         size_t n_opts, double *ot, double *u, size_t *at)
{
    PL__BY_PARTIES(m->sp->n, candidates_n, m, k, prev, opts, n_opts, ot, u, at)
}

/* The kept candidates keep[0..nk) (utilities u, numbers at) into next, which has room;
   returns nk (PL__BY_PARTIES returns its function's value). */
static PL__ALWAYS_INLINE size_t fill_level_n(size_t n, level *next, size_t nk,
                                             const size_t *keep, const double *u,
                                             const size_t *at, const size_t *opts,
                                             size_t n_opts)
{
    for (size_t j = 0; j < nk; j++) {
        for (size_t i = 0; i < n; i++) /* not memcpy: with n constant, a few moves */
            next->u[j * n + i] = u[keep[j] * n + i];
        next->parent[j] = (uint32_t)(at[keep[j]] / n_opts);
        next->opt[j] = (uint32_t)opts[at[keep[j]] % n_opts];
    }
    return nk;
}

/* fill_level_n with the party count a constant where it is small (PL__BY_PARTIES). */
static size_t fill_level(size_t n, level *next, size_t nk, const size_t *keep,
                         const double *u, const size_t *at, const size_t *opts, size_t n_opts)
{
    PL__BY_PARTIES(n, fill_level_n, next, nk, keep, u, at, opts, n_opts)
}

/* next = ND(prev + options opts of issue k). */
static int merge_step(merge_ctx *m, size_t k, const level *prev, const size_t *opts,
                      size_t n_opts, level *next)
{
    const pl_space *sp = m->sp;
    size_t n = sp->n, N = prev->size * n_opts;
    if ((double)prev->size * (double)n_opts * candidate_bytes(n, m->skyline) > m->max_bytes)
        return PL_EOVERMEM; /* checked first: it is the one a user can raise */
    if ((n_opts && N / n_opts != prev->size) || N > PL_MERGE_MAX_CANDIDATES)
        return PL_ETOOBIG;
    /* one block: the candidates' utilities, the options' (n_opts x n), then keep and at
       (N each) */
    size_t per = block_per(n, 2 * sizeof(size_t)), cap = N ? N : 1;
    size_t bytes = pl__add(pl__mul(cap, per), pl__mul(pl__mul(n_opts, n), sizeof(double)));
    double *u = per < SIZE_MAX && bytes < SIZE_MAX ? malloc(bytes) : NULL;
    double *ot = u ? u + cap * n : NULL;
    size_t *keep = u ? (size_t *)(ot + n_opts * n) : NULL, *at = keep ? keep + cap : NULL;
    size_t nk = 0, nv = 0;
    int rc = u ? PL_OK : PL_ENOMEM;
    if (!rc)
        nv = candidates(m, k, prev, opts, n_opts, ot, u, at);
    if (!rc)
        rc = merge_nd(m, nv, u, keep, &nk);
    if (rc == PL_ERANGE || (!rc && nk > PL_MERGE_MAX_FRONTIER))
        rc = PL_ETOOBIG;
    if (!rc)
        rc = level_alloc(next, nk, n);
    if (!rc)
        fill_level(n, next, nk, keep, u, at, opts, n_opts);
    next->size = rc ? 0 : nk;
    free(u);
    return rc;
}

/* Rebuild the packages of the last level by following parents back. */
static pl_frontier *rebuild(const pl_space *sp, const level *lv)
{
    const level *last = &lv[sp->K];
    pl_frontier *f = pl__frontier_alloc(sp->n, sp->K, last->size);
    if (!f)
        return NULL;
    memcpy(f->u, last->u, last->size * sp->n * sizeof *f->u);
    for (size_t j = 0; j < last->size; j++) {
        size_t at = j;
        for (size_t k = sp->K; k >= 1; k--) {
            f->pkg[j * sp->K + k - 1] = lv[k].opt[at];
            at = lv[k].parent[at];
        }
    }
    return f;
}

/* Why a merge step at issue k (1-based) was refused: rc PL_EOVERMEM or PL_ETOOBIG. */
static int merge_refused(const merge_ctx *m, int rc, size_t k, size_t had, size_t nk,
                         pl_error *err)
{
    const pl_space *sp = m->sp;
    if (rc == PL_EOVERMEM && m->proj_bytes > 0)
        return pl__fail(err, PL_EINPUT, "the Pareto frontier is estimated at about %.3g "
                        "packages after issue %zu of %zu (%zu after issue %zu, growing as "
                        "issues^%.2f), its merge needing about %.3g GiB at issue %zu, above the "
                        "limit of %.3g GiB; expected a coarser step, fewer parties, or "
                        "--max-memory MIB", m->proj, sp->K, sp->K, had, k - 1, m->growth,
                        m->proj_bytes / 1073741824.0, m->proj_at, m->max_bytes / 1073741824.0);
    if (rc == PL_EOVERMEM) {
        double cand = (double)had * (double)nk;
        return pl__fail(err, PL_EINPUT, "the Pareto frontier would need %.3g GiB at issue %zu "
                        "of %zu (%.3g candidate packages: %zu efficient so far x %zu options), "
                        "above the limit of %.3g GiB; expected a coarser step, fewer parties, or "
                        "--max-memory MIB", cand * candidate_bytes(sp->n, m->skyline) /
                        1073741824.0, k, sp->K, cand, had, nk, m->max_bytes / 1073741824.0);
    }
    if (m->proj > 0)
        return pl__fail(err, PL_EINPUT, "the Pareto frontier is too large to compute here: "
                        "%zu packages before issue %zu of %zu, with %zu parties, growing as "
                        "issues^%.2f: about %.3g packages at the end, more dominance tests "
                        "than the limit (%.3g) allows; expected fewer options (a coarser step) "
                        "or fewer parties", had, k, sp->K, sp->n, m->growth, m->proj,
                        (double)PL_MERGE_BUDGET);
    return pl__fail(err, PL_EINPUT, "the Pareto frontier is too large to compute here: "
                    "%zu packages before issue %zu of %zu, with %zu parties (with many "
                    "parties most packages are efficient, and packages that tie for every "
                    "party are all kept); expected fewer options (a coarser step) or "
                    "fewer parties", had, k, sp->K, sp->n);
}

/*
** Three or more parties, after step k (spent: its dominance tests, nk: its
** issue's efficient options): is the rest hopeless? The frontier is projected
** to keep growing as a power of the issues merged, L^a, a fitted to its size
** after the first issue and now (with many issues it grows more slowly than
** that at first: the projection errs low); each later step to cost as many
** tests per (candidate x kept point) as step k did, with the same share of its
** issue's options efficient. More than twice the tests left: refuse now (the
** budget would run out later anyway), with the projected final size.
*/
static int hopeless(merge_ctx *m, const level *lv, size_t k, size_t nk, uint64_t spent)
{
    const pl_space *sp = m->sp;
    double s1 = (double)lv[1].size, L = (double)(k + 1), sL = (double)lv[k + 1].size;
    if (sp->n < 3 || k < 2 || k + 1 >= sp->K || !spent || !(s1 > 0) || !(sL > s1))
        return 0;
    double a = log(sL / s1) / log(L), eff = (double)nk / (double)sp->m[k];
    double rho = (double)spent / ((double)lv[k].size * (double)nk * sL), need = 0, f = sL;
    for (size_t j = k + 1; j < sp->K; j++) {
        double next = sL * pow((double)(j + 1) / L, a);
        need += rho * f * eff * (double)sp->m[j] * next;
        f = next;
    }
    if (!(need > 2 * (double)m->budget))
        return 0;
    m->growth = a, m->proj = f;
    return 1;
}

/*
** Divide and conquer, after L = k + 1 issues (4 or more, some left): will a
** later step's candidates fit in max_bytes? The frontier is projected to grow
** as a power of the issues merged, L^a, with a fitted to its sizes after L/2
** issues and after L (the local growth: with many issues it slows, so the
** projection errs high, and a refusal names the estimate and --max-memory);
** each later issue multiplies it by its efficient options as candidates. Too
** large: refuse now, before the costly steps.
*/
static int projected_over(merge_ctx *m, const level *lv, size_t k)
{
    const pl_space *sp = m->sp;
    size_t L = k + 1, h = L / 2;
    if (!m->skyline || L < 4 || L >= sp->K || !(lv[L].size > lv[h].size))
        return 0;
    double a = log((double)lv[L].size / (double)lv[h].size) / log((double)L / (double)h);
    double f = (double)lv[L].size, worst = 0;
    size_t at = 0;
    for (size_t j = L; j < sp->K; j++) { /* step j merges issue j + 1 into f = F_j */
        double bytes = f * (double)m->eff[j] * candidate_bytes(sp->n, 1);
        if (bytes > worst)
            worst = bytes, at = j + 1;
        f = (double)lv[L].size * pow((double)(j + 1) / (double)L, a);
    }
    if (!(worst > m->max_bytes))
        return 0;
    m->growth = a, m->proj = f, m->proj_bytes = worst, m->proj_at = at;
    return 1;
}

/*
** Each issue's efficient options (m->eff_opt, their count in m->eff), found once for the
** projection and the steps; and m->unit: 1 when every party's utility of every partial
** package, as the merge sums it, lies within [-1, 1], so that pl__nd_in need not check
** each point (as it would, for its faster dominance test). That holds when B_i, party i's
** largest |option| summed over the issues in order, is at most 1: a candidate's utility is
** fl(c + t), c the previous level's (0 at the start) and t an option's; rounding is
** monotone and odd, so |fl(c + t)| <= fl(|c| + |t|), and issue by issue it stays within the
** partial sums of B_i, which only grow.
*/
static int find_efficient(merge_ctx *m)
{
    const pl_space *sp = m->sp;
    size_t most = 1;
    for (size_t k = 0; k < sp->K; k++)
        most = sp->m[k] > most ? sp->m[k] : most;
    if (!(m->eff = pl__mallocarray(sp->K ? sp->K : 1, sizeof *m->eff)) ||
        !(m->eff_opt = pl__mallocarray(sp->total ? sp->total : 1, sizeof *m->eff_opt)))
        return PL_ENOMEM;
    /* one issue's utilities, reused, then B (n) */
    double *u = pl__mallocarray(pl__add(pl__mul(most, sp->n), sp->n), sizeof *u);
    double *b = u ? u + most * sp->n : NULL;
    int rc = u ? PL_OK : PL_ENOMEM;
    for (size_t i = 0; !rc && i < sp->n; i++)
        b[i] = 0;
    for (size_t k = 0; !rc && k < sp->K; k++)
        rc = issue_nd(sp, k, u, b, m->eff_opt + sp->off[k], &m->eff[k]) ? PL_ENOMEM : PL_OK;
    m->unit = !rc;
    for (size_t i = 0; !rc && i < sp->n; i++)
        m->unit &= b[i] <= 1;
    free(u);
    return rc;
}

/* The levels of the merge, lv[0] = {0}; on a refusal *at is the issue it stopped at. */
static int merge_levels(merge_ctx *m, level *lv, size_t *nk, size_t *at)
{
    const pl_space *sp = m->sp;
    lv[0].size = 1;
    if (!(lv[0].u = calloc(sp->n, sizeof *lv[0].u)) || find_efficient(m))
        return PL_ENOMEM;
    int rc = PL_OK;
    for (size_t k = 0; !rc && k < sp->K; k++) {
        uint64_t before = m->budget;
        *at = k;
        *nk = m->eff[k];
        rc = merge_step(m, k, &lv[k], m->eff_opt + sp->off[k], *nk, &lv[k + 1]);
        if (!rc && hopeless(m, lv, k, *nk, before - m->budget)) {
            *at = k + 1;
            rc = PL_ETOOBIG;
        } else if (!rc && projected_over(m, lv, k)) {
            *at = k + 1;
            rc = PL_EOVERMEM;
        }
        if (!rc)
            pl__span_report(m->span, k + 1, sp->K);
    }
    return rc;
}

int pl_frontier_merge(pl_frontier **out, const pl_space *sp, const pl_frontier_opts *opts,
                      pl_error *err)
{
    return pl__frontier_merge(out, sp, opts, NULL, err);
}

int pl__frontier_merge(pl_frontier **out, const pl_space *sp, const pl_frontier_opts *opts,
                       const pl__span *span, pl_error *err)
{
    if (!out || !sp)
        return pl__fail(err, PL_EMISUSE, "pl_frontier_merge: NULL argument");
    *out = NULL;
    merge_ctx m = {sp, PL_MERGE_BUDGET,
                   opts && opts->max_bytes > 0 ? opts->max_bytes : PL_MERGE_DEFAULT_BYTES, NULL,
                   0, 0, sp->n >= 3 && !(opts && opts->method == PL_FRONTIER_SORT), NULL, 0, 0, span};
    level *lv = calloc(sp->K + 1, sizeof *lv);
    size_t nk = 0, at = 0;
    int rc = lv ? partial_floors(&m, opts ? opts->floor : NULL) : PL_ENOMEM;
    if (!rc)
        rc = merge_levels(&m, lv, &nk, &at);
    pl_frontier *f = rc ? NULL : rebuild(sp, lv);
    if (f && (f->merge_sizes = malloc(sp->K * sizeof *f->merge_sizes)))
        for (size_t j = 0; j < sp->K; j++)
            f->merge_sizes[j] = lv[j + 1].size;
    if (rc == PL_EOVERMEM || rc == PL_ETOOBIG)
        rc = merge_refused(&m, rc, at + 1, lv[at].size, nk, err);
    else if (rc || !f || !f->merge_sizes)
        rc = pl__error_nomem(err);
    for (size_t j = 0; lv && j <= sp->K; j++)
        level_free(&lv[j]);
    free(lv), free(m.lo), free(m.eff), free(m.eff_opt);
    if (!rc) {
        pl__frontier_floor(f, opts ? opts->floor : NULL);
        rc = pl__frontier_sort(f) ? pl__error_nomem(err) : PL_OK;
    }
    if (rc)
        pl_frontier_free(f);
    else
        *out = f;
    return rc;
}
