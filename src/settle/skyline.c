/* SPDX-License-Identifier: MIT */
/*
** skyline.c: the non-dominated points of three or more parties by
** multidimensional divide and conquer (Kung, Luccio & Preparata 1975,
** J. ACM 22(4); in the form of Bentley 1980, CACM 23(4)): split on the median
** of one coordinate, solve both halves, then drop from the lower half what the
** upper half's maxima cover on the other coordinates (a "filter" problem one
** dimension down, solved the same way). O(N log^(d-2) N) for d >= 4; d = 3 is
** a sweep in O(N log N) (a max-Fenwick tree over the second coordinate).
**
** The dominance test has a tolerance (settle_impl.h), which the recursion
** cannot use directly: each coordinate is first replaced by its rank among
** clusters of values that agree within the tolerance. That is exact only when
** every cluster is tighter than the tolerance of any two of its values, and
** the sort-filter skyline (nd.c) gives the same set only when a dominator's
** sum of utilities exceeds what it dominates (or comes within its re-check
** reach); when either fails (values spaced about 1e-12 apart, not rounding
** noise) pl__skyline says so and the caller keeps the sort-filter skyline.
*/
#include "settle_impl.h"
#include "../core/alloc.h"
#include "../core/sort.h"

#include <float.h>
#include <stdlib.h>
#include <string.h>

typedef struct value_key {
    double v;
    uint32_t j;
} value_key;

static int cmp_value(const void *x, const void *y)
{
    const value_key *a = x, *b = y;
    if (a->v != b->v)
        return a->v < b->v ? -1 : 1;
    return (a->j > b->j) - (a->j < b->j);
}

/* A cluster [lo, hi] is tight when any two of its values agree within their tolerance. */
static int tight(double lo, double hi)
{
    double minabs = lo <= 0 && hi >= 0 ? 0 : fmin(fabs(lo), fabs(hi));
    return hi - lo <= pl__tol(minabs, 0);
}

/* The order of doubles as unsigned integers: negatives reversed below the positives. */
static inline uint64_t order_bits(double v)
{
    uint64_t b;
    memcpy(&b, &v, sizeof b);
    return b >> 63 ? ~b : b | (uint64_t)1 << 63;
}

/*
** Sort k by value, ties by index (k starts in index order): least significant
** digit first, 16 bits a pass, each pass stable; a pass whose digit is the same
** for every key is skipped. tmp: N more keys; count: 65,537 counters. Small
** sets (under PL__RADIX_MIN): a comparison sort, and no counters needed.
*/
#define PL__RADIX_MIN 1024
static void sort_values(value_key *k, value_key *tmp, size_t N, size_t *count)
{
    if (N < PL__RADIX_MIN) {
        pl__sort(k, N, sizeof *k, cmp_value);
        return;
    }
    for (unsigned shift = 0; shift < 64; shift += 16) {
        memset(count, 0, 65537 * sizeof *count);
        for (size_t j = 0; j < N; j++)
            count[(order_bits(k[j].v) >> shift & 0xffff) + 1]++;
        if (count[(order_bits(k[0].v) >> shift & 0xffff) + 1] == N)
            continue;
        for (size_t d = 1; d <= 65536; d++)
            count[d] += count[d - 1];
        for (size_t j = 0; j < N; j++)
            tmp[count[order_bits(k[j].v) >> shift & 0xffff]++] = k[j];
        memcpy(k, tmp, N * sizeof *k);
    }
}

/*
** Rank coordinate c of the N points into r (N x n): values within the
** tolerance of their neighbour share a rank. *spread gets the widest cluster,
** *gap the narrowest gap between clusters; 0 when a cluster is not tight.
*/
static int rank_coordinate(size_t n, size_t N, const double *u, size_t c, value_key *k,
                           value_key *tmp, size_t *count, uint32_t *r, double *spread,
                           double *gap)
{
    for (size_t j = 0; j < N; j++)
        k[j] = (value_key){u[j * n + c], (uint32_t)j};
    sort_values(k, tmp, N, count);
    uint32_t rank = 0;
    size_t first = 0;
    for (size_t j = 0; j <= N; j++) {
        if (j == N || (j > 0 && k[j].v - k[j - 1].v > pl__tol(k[j - 1].v, k[j].v))) {
            if (!tight(k[first].v, k[j - 1].v))
                return 0;
            *spread = fmax(*spread, k[j - 1].v - k[first].v);
            if (j == N)
                break;
            *gap = fmin(*gap, k[j].v - k[j - 1].v);
            rank++;
            first = j;
        }
        r[(size_t)k[j].j * n + c] = rank;
    }
    return 1;
}

/*
** Do ranks decide dominance as nd.c does? Ranks agree with the tolerant test
** when clusters are tight (rank_coordinate). A dominator then has the larger
** sum (so the sort-filter skyline meets it first) when the narrowest gap
** exceeds the clusters' spreads together plus the rounding of the sums, or
** else comes within nd.c's re-check reach of 64 n tolerances of the sum.
*/
static int ranks_decide(size_t n, size_t N, const double *u, double spread, double gap)
{
    double absmax = 0, summin = INFINITY;
    for (size_t j = 0; j < N; j++) {
        double s = 0, a = 0;
        for (size_t i = 0; i < n; i++)
            s += u[j * n + i], a += fabs(u[j * n + i]);
        absmax = fmax(absmax, a);
        summin = fmin(summin, fabs(s));
    }
    double need = spread + 4 * (double)n * DBL_EPSILON * absmax;
    return need < gap || need <= 64 * (double)n * pl__tol(summin, 0);
}

/* ---- the recursion, on ranks ------------------------------------------ */

typedef struct sky {
    size_t n;
    const uint32_t *r;  /* N x n ranks */
    uint32_t *sel;      /* N: median selection */
    uint32_t *fen;      /* N + 1: the d = 3 sweep's tree, kept all 0 between sweeps */
    struct sweep_key *sk; /* N: sweep order */
} sky;

typedef struct sweep_key {
    uint32_t a, b, c, j;
} sweep_key;

static inline uint32_t R(const sky *s, uint32_t j, size_t c) { return s->r[(size_t)j * s->n + c]; }

/* a >= b on coordinates c..n-1 (weak: the strict part comes from an earlier coordinate). */
static int covers(const sky *s, uint32_t a, uint32_t b, size_t c)
{
    for (size_t k = c; k < s->n; k++)
        if (R(s, a, k) < R(s, b, k))
            return 0;
    return 1;
}

static int dominates(const sky *s, uint32_t a, uint32_t b, size_t c)
{
    int strict = 0;
    for (size_t k = c; k < s->n; k++) {
        if (R(s, a, k) < R(s, b, k))
            return 0;
        strict |= R(s, a, k) > R(s, b, k);
    }
    return strict;
}

/* The k-th smallest of v[0..cnt) (reorders v): selection with a three-way partition. */
static uint32_t select_kth(uint32_t *v, size_t cnt, size_t k)
{
    size_t lo = 0, hi = cnt; /* v[lo..hi) holds the k-th */
    for (;;) {
        uint32_t p = v[lo + (hi - lo) / 2];
        size_t lt = lo, i = lo, gt = hi; /* < p: [lo, lt); == p: [lt, i); > p: [gt, hi) */
        while (i < gt) {
            uint32_t x = v[i];
            if (x < p) {
                v[i++] = v[lt];
                v[lt++] = x;
            } else if (x > p) {
                v[i] = v[--gt];
                v[gt] = x;
            } else {
                i++;
            }
        }
        if (k < lt)
            hi = lt;
        else if (k >= gt)
            lo = gt;
        else
            return p;
    }
}

/*
** The split of A and B (either may be empty) on coordinate c: the median m of
** both, "hi" meaning > m, or >= m when nothing is above m. 0 when every
** point has the same value there (the coordinate then decides nothing).
*/
static int pick(sky *s, const uint32_t *A, size_t na, const uint32_t *B, size_t nb, size_t c,
                uint32_t *m, int *ge)
{
    size_t t = na + nb, above = 0, at_least = 0;
    for (size_t j = 0; j < na; j++)
        s->sel[j] = R(s, A[j], c);
    for (size_t j = 0; j < nb; j++)
        s->sel[na + j] = R(s, B[j], c);
    *m = select_kth(s->sel, t, t / 2);
    for (size_t j = 0; j < t; j++)
        above += s->sel[j] > *m, at_least += s->sel[j] >= *m;
    *ge = above == 0;
    return *ge ? at_least < t : 1;
}

/* Put the "hi" points of ix first; returns how many. */
static size_t partition(const sky *s, uint32_t *ix, size_t cnt, size_t c, uint32_t m, int ge)
{
    size_t h = 0;
    for (size_t j = 0; j < cnt; j++) {
        uint32_t v = R(s, ix[j], c);
        if (ge ? v >= m : v > m) {
            uint32_t t = ix[h];
            ix[h++] = ix[j];
            ix[j] = t;
        }
    }
    return h;
}

/* Keep the points of ix no other one dominates on c..n-1, by pairs (small sets). */
static size_t maxima_pairs(const sky *s, uint32_t *ix, size_t cnt, size_t c)
{
    size_t kept = 0;
    for (size_t j = 0; j < cnt; j++) {
        size_t q = 0;
        while (q < cnt && !dominates(s, ix[q], ix[j], c))
            q++;
        if (q == cnt)
            ix[kept++] = ix[j]; /* ix[q] for q > j is still unmoved: kept <= j */
    }
    return kept;
}

static int cmp_sweep(const void *x, const void *y)
{
    const sweep_key *p = x, *q = y;
    if (p->a != q->a)
        return p->a > q->a ? -1 : 1;
    if (p->b != q->b)
        return p->b > q->b ? -1 : 1;
    if (p->c != q->c)
        return p->c > q->c ? -1 : 1;
    return (p->j > q->j) - (p->j < q->j);
}

/*
** Three coordinates c, c+1, c+2: in decreasing order of all three, a point is
** dominated iff an earlier point that differs from it has the second and
** third coordinates at least as large: the tree holds, per second-coordinate
** rank (counted from the top), 1 + the largest third coordinate so far.
*/
static size_t maxima3(sky *s, uint32_t *ix, size_t cnt, size_t c)
{
    sweep_key *k = s->sk;
    uint32_t top = 0;
    for (size_t j = 0; j < cnt; j++) {
        k[j] = (sweep_key){R(s, ix[j], c), R(s, ix[j], c + 1), R(s, ix[j], c + 2), ix[j]};
        top = k[j].b > top ? k[j].b : top;
    }
    pl__sort(k, cnt, sizeof *k, cmp_sweep);
    size_t kept = 0;
    for (size_t g = 0, e; g < cnt; g = e) {
        uint32_t best = 0;
        for (size_t p = (size_t)(top - k[g].b) + 1; p > 0; p -= p & (~p + 1))
            best = s->fen[p] > best ? s->fen[p] : best;
        for (e = g; e < cnt && k[e].a == k[g].a && k[e].b == k[g].b && k[e].c == k[g].c; e++)
            if (!(best > k[g].c))
                ix[kept++] = k[e].j;
        for (size_t p = (size_t)(top - k[g].b) + 1; p <= (size_t)top + 1; p += p & (~p + 1))
            s->fen[p] = s->fen[p] > k[g].c + 1 ? s->fen[p] : k[g].c + 1;
    }
    for (size_t j = 0; j < cnt; j++) /* clear what was set, for the next sweep */
        for (size_t p = (size_t)(top - k[j].b) + 1; p <= (size_t)top + 1 && s->fen[p];
             p += p & (~p + 1))
            s->fen[p] = 0;
    return kept;
}

/*
** Drop from B what some point of A covers on c, c+1 (A is above B on an
** earlier coordinate): both in decreasing order of c, the largest c+1 of the
** A points at or above each B point.
*/
static size_t filter2(sky *s, const uint32_t *A, size_t na, uint32_t *B, size_t nb, size_t c)
{
    sweep_key *ka = s->sk, *kb = s->sk + na;
    for (size_t j = 0; j < na; j++)
        ka[j] = (sweep_key){R(s, A[j], c), R(s, A[j], c + 1), 0, A[j]};
    for (size_t j = 0; j < nb; j++)
        kb[j] = (sweep_key){R(s, B[j], c), R(s, B[j], c + 1), 0, B[j]};
    pl__sort(ka, na, sizeof *ka, cmp_sweep);
    pl__sort(kb, nb, sizeof *kb, cmp_sweep);
    size_t i = 0, kept = 0;
    uint32_t best = 0;
    int any = 0;
    for (size_t j = 0; j < nb; j++) {
        for (; i < na && ka[i].a >= kb[j].a; i++, any = 1)
            best = ka[i].b > best ? ka[i].b : best;
        if (!any || best < kb[j].b)
            B[kept++] = kb[j].j;
    }
    return kept;
}

static size_t filter(sky *s, uint32_t *A, size_t na, uint32_t *B, size_t nb, size_t c)
{
    size_t dims = s->n - c, kept = 0;
    if (!na || !nb)
        return nb;
    if (dims == 0)
        return 0;
    if (dims == 1 || na * nb <= 64) {
        for (size_t j = 0; j < nb; j++) {
            size_t q = 0;
            while (q < na && !covers(s, A[q], B[j], c))
                q++;
            if (q == na)
                B[kept++] = B[j];
        }
        return kept;
    }
    if (dims == 2)
        return filter2(s, A, na, B, nb, c);
    uint32_t m;
    int ge;
    if (!pick(s, A, na, B, nb, c, &m, &ge))
        return filter(s, A, na, B, nb, c + 1);
    size_t ha = partition(s, A, na, c, m, ge), hb = partition(s, B, nb, c, m, ge);
    size_t kl = filter(s, A, ha, B + hb, nb - hb, c + 1); /* A hi is above B lo on c */
    kl = filter(s, A + ha, na - ha, B + hb, kl, c);
    size_t kh = filter(s, A, ha, B, hb, c);               /* A lo is below B hi: none */
    memmove(B + kh, B + hb, kl * sizeof *B);
    return kh + kl;
}

/* The points of ix that no other dominates on c..n-1 (every point agrees on 0..c-1), first. */
static size_t maxima(sky *s, uint32_t *ix, size_t cnt, size_t c)
{
    size_t dims = s->n - c;
    if (dims == 0)
        return cnt;
    if (cnt <= 8 || dims < 3) /* n >= 3 (pl__skyline): fewer only when cnt is small */
        return maxima_pairs(s, ix, cnt, c);
    if (dims == 3)
        return maxima3(s, ix, cnt, c);
    uint32_t m;
    int ge;
    if (!pick(s, ix, cnt, NULL, 0, c, &m, &ge))
        return maxima(s, ix, cnt, c + 1);
    size_t h = partition(s, ix, cnt, c, m, ge);
    size_t kh = maxima(s, ix, h, c), kl = maxima(s, ix + h, cnt - h, c);
    kl = filter(s, ix, kh, ix + h, kl, c + 1);
    memmove(ix + kh, ix + h, kl * sizeof *ix);
    return kh + kl;
}

static int cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

static int ranked_maxima(size_t n, size_t N, const uint32_t *r, size_t *keep, size_t *n_keep)
{
    sky s = {n, r, pl__mallocarray(N, sizeof(uint32_t)), calloc(N + 1, sizeof(uint32_t)),
             pl__mallocarray(N, sizeof(sweep_key))};
    uint32_t *ix = pl__mallocarray(N, sizeof *ix);
    int rc = s.sel && s.fen && s.sk && ix ? PL_OK : PL_ENOMEM;
    if (!rc) {
        for (size_t j = 0; j < N; j++)
            ix[j] = (uint32_t)j;
        size_t kept = maxima(&s, ix, N, 0);
        pl__sort(ix, kept, sizeof *ix, cmp_u32);
        for (size_t j = 0; j < kept; j++)
            keep[j] = ix[j];
        *n_keep = kept;
    }
    free(s.sel), free(s.fen), free(s.sk), free(ix);
    return rc;
}

int pl__skyline(size_t n, size_t N, const double *u, size_t *keep, size_t *n_keep)
{
    *n_keep = 0;
    if (n < 3 || N >= UINT32_MAX)
        return PL__SKY_UNSURE;
    if (N == 0)
        return PL_OK;
    value_key *k = pl__mallocarray(N, 2 * sizeof *k);
    uint32_t *r = pl__mallocarray(pl__mul(N, n), sizeof *r);
    /* the radix sort's counters (512 KiB) only where it runs: a small set's merge step
       would spend more on them than on its ranking */
    size_t *count = N >= PL__RADIX_MIN ? malloc(65537 * sizeof *count) : NULL;
    int rc = k && r && (count || N < PL__RADIX_MIN) ? PL_OK : PL_ENOMEM;
    double spread = 0, gap = INFINITY;
    for (size_t c = 0; !rc && c < n; c++)
        if (!rank_coordinate(n, N, u, c, k, k + N, count, r, &spread, &gap))
            rc = PL__SKY_UNSURE;
    free(k), free(count);
    if (!rc && !ranks_decide(n, N, u, spread * (double)n, gap))
        rc = PL__SKY_UNSURE;
    if (!rc)
        rc = ranked_maxima(n, N, r, keep, n_keep);
    free(r);
    return rc;
}
