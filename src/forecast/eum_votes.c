/* SPDX-License-Identifier: MIT */
/*
** eum_votes.c: P(a beats b) for the Expected Utility Model (MODELS.md 3.1,
** 3.6). Voter k backs a over b with v_k = w_k (|x_k - x_b| - |x_k - x_a|).
** For x_a < x_b the votes split at the midpoint m: voters at or left of x_a
** give w delta to a, voters at or right of x_b give w delta to b, voters in
** between 2 w (m - x_k), positive left of m. With positions sorted and prefix
** sums of w and w x, both totals come from three range sums.
*/
#include "eum_impl.h"
#include "../core/alloc.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* First sorted index with xs > t (upper) or xs >= t (lower). */
static size_t bound(const double *xs, size_t n, double t, int upper)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (upper ? xs[mid] <= t : xs[mid] < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Votes for lo and hi from the range ends a = ub(lo), b = ub(m), c = lb(hi). */
static void votes_at(const pl__eum_votes *v, double lo, double hi, size_t a, size_t b, size_t c,
                     double *L, double *U)
{
    double d = hi - lo, m = (lo + hi) / 2;
    *L = d * v->pw[a] + 2 * (m * (v->pw[b] - v->pw[a]) - (v->px[b] - v->px[a]));
    *U = d * (v->W - v->pw[c]) + 2 * ((v->px[c] - v->px[b]) - m * (v->pw[c] - v->pw[b]));
}

/* Votes for the lower (L) and the upper (U) of positions lo < hi, by three binary searches. */
static void split_votes(const pl__eum_votes *v, double lo, double hi, double *L, double *U)
{
    /* b at least a and c at least b, as votes_at needs: each search starts where the last
       ended (a bound over [a, n) is the whole array's raised to a: the same ends) */
    double m = (lo + hi) / 2;
    size_t a = bound(v->xs, v->n, lo, 1);
    size_t b = a + bound(v->xs + a, v->n - a, m, 1);
    size_t c = b + bound(v->xs + b, v->n - b, hi, 0);
    votes_at(v, lo, hi, a, b, c, L, U);
}

/* Votes for the lower (L) and upper (U) of lo < hi by visiting every voter: the oracle. */
static void split_votes_naive(const pl__eum_votes *v, double lo, double hi, double *L, double *U)
{
    *L = *U = 0;
    for (size_t k = 0; k < v->n; k++) {
        double vk = v->w[k] * (fabs(v->x[k] - hi) - fabs(v->x[k] - lo));
        if (vk > 0)
            *L += vk;
        else
            *U -= vk;
    }
}

/*
** P(a beats b) from the votes for a (fa) and for b (fb), the one rule of every
** path. With prob a constant where it is inlined (the threat pass), both arms
** are computed and one selected, so a loop of it vectorises (each lane the
** same IEEE operations; an unused arm may divide by 0, which reads no flags).
*/
static inline double votes_p(pl_eum_prob prob, double zR, double fa, double fb)
{
    double tot = fa + fb, q = prob == PL_EUM_PROB_SCHOLZ ? fa / zR
                            : prob == PL_EUM_PROB_NET  ? (fa - fb) / tot
                                                        : fa / tot;
    int ok = prob == PL_EUM_PROB_SCHOLZ ? zR > 0 && fa > 0
                                        : tot > 0 && (prob != PL_EUM_PROB_NET || fa > fb);
    return ok ? q : 0;
}

static double from_votes(const pl__eum_votes *v, double fa, double fb)
{
    return votes_p(v->prob, v->zR, fa, fb);
}

/* -1 if actor i sorts before actor j: by position, then by index. */
static int by_position(size_t i, size_t j, const double *x)
{
    if (x[i] != x[j])
        return x[i] < x[j] ? -1 : 1;
    return i < j ? -1 : i > j;
}

/*
** Runs this short are sorted by insertion: a round of a small issue sorts a
** handful of actors, where the merge's recursion and copies cost more than
** the comparisons. The order is a total one (ties by index), so the same.
*/
#define PL__EUM_SORT_RUN 8

/* Merge sort of actor indices by position (qsort has no context argument). */
void pl__eum_sort_by_position(size_t *ord, size_t *tmp, size_t n, const double *x)
{
    if (n <= PL__EUM_SORT_RUN) {
        for (size_t i = 1; i < n; i++) {
            size_t a = ord[i], k = i;
            for (; k > 0 && by_position(a, ord[k - 1], x) < 0; k--)
                ord[k] = ord[k - 1];
            ord[k] = a;
        }
        return;
    }
    size_t h = n / 2;
    pl__eum_sort_by_position(ord, tmp, h, x);
    pl__eum_sort_by_position(ord + h, tmp, n - h, x);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        tmp[k++] = by_position(ord[j], ord[i], x) < 0 ? ord[j++] : ord[i++];
    while (i < h)
        tmp[k++] = ord[i++];
    while (j < n)
        tmp[k++] = ord[j++];
    memcpy(ord, tmp, n * sizeof *ord);
}

/* Scholz's code: v_k = w_k [(|x_k - x_b|/R)^r_k - (|x_k - x_a|/R)^r_k], P = sum max(v, 0) / Z. */
static int scholz_matrix(pl__eum_votes *v, const double *r, double R)
{
    size_t n = v->n;
    double *d = pl__mallocarray(pl__mul(n, n), sizeof *d); /* d[k n + p] = w_k (|x_k - x_p| / R)^r_k */
    if (!d || !(v->mat = calloc(pl__mul(n, n), sizeof *v->mat))) {
        free(d);
        return PL_ENOMEM;
    }
    for (size_t k = 0; k < n; k++)
        for (size_t p = 0; p < n; p++)
            d[k * n + p] = pl__eum_scholz_d(v->w[k], fabs(v->x[k] - v->x[p]), R, r ? r[k] : 1);
    double z = 0;
    for (size_t k = 0; k < n; k++)
        for (size_t p = 0; p < n; p++)
            for (size_t q = 0; q < n; q++)
                z += fabs(d[k * n + q] - d[k * n + p]);
    for (size_t a = 0; z > 0 && a < n; a++)
        for (size_t b = 0; b < n; b++) {
            if (v->x[a] == v->x[b])
                continue;
            double s = 0;
            for (size_t k = 0; k < n; k++) {
                double vk = d[k * n + b] - d[k * n + a];
                s += vk > 0 ? vk : 0;
            }
            v->mat[a * n + b] = s / z;
        }
    free(d);
    return PL_OK;
}

int pl__eum_votes_init(pl__eum_votes *v, const double *x, const double *w, const double *r,
                       double R, size_t n, pl_eum_prob prob, int naive, int threads)
{
    return pl__eum_votes_init_buf(v, x, w, r, R, n, prob, naive, threads, NULL);
}

/* The sorted set-up's block of `need` doubles (SIZE_MAX: too many): buf's, grown if too small,
   or v's own without buf. NULL for want of memory. */
static double *sorted_block(pl__eum_votes *v, size_t need, pl__eum_buf *buf)
{
    if (!buf)
        return pl__mallocarray(need, sizeof(double));
    if (buf->blk_cap < need) {
        free(buf->blk);
        buf->blk_cap = 0;
        if (!(buf->blk = pl__mallocarray(need, sizeof(double))))
            return NULL;
        buf->blk_cap = need;
    }
    v->xs_lent = 1;
    return buf->blk;
}

/* pl__eum_votes_init_buf; z_later: Scholz's Z at r = 1 left to pl__eum_threats (r NULL). */
static int votes_init(pl__eum_votes *v, const double *x, const double *w, const double *r,
                      double R, size_t n, pl_eum_prob prob, int naive, int threads,
                      pl__eum_buf *buf, int z_later)
{
    memset(v, 0, sizeof *v);
    v->n = n;
    v->prob = prob;
    v->naive = naive > 0;
    v->x = x;
    v->w = w;
    if (prob == PL_EUM_PROB_SCHOLZ && (naive > 0 || (naive == 0 && n <= PL__EUM_SCHOLZ_SUMS)))
        return scholz_matrix(v, r, R);
    /*
    ** One block for xs, pw, px (3 n + 2 doubles) then ord and the sort's scratch (2 n
    ** size_t, in 2 n doubles' room): a stress draw sets up the vote sums twice a round of every issue's EUM,
    ** and five allocations each were half of a draw's calls to malloc.
    */
    _Static_assert(sizeof(size_t) <= sizeof(double), "a size_t fits where a double does");
    if (!(v->xs = sorted_block(v, pl__add(pl__mul(5, n), 2), buf)))
        return PL_ENOMEM;
    v->pw = v->xs + n;
    v->px = v->pw + n + 1;
    v->ord = (size_t *)(void *)(v->px + n + 1);
    size_t *tmp = v->ord + n;
    for (size_t i = 0; i < n; i++)
        v->ord[i] = i;
    pl__eum_sort_by_position(v->ord, tmp, n, x);
    v->pw[0] = v->px[0] = 0;
    for (size_t t = 0; t < n; t++) {
        size_t i = v->ord[t];
        v->xs[t] = x[i];
        v->pw[t + 1] = v->pw[t] + w[i];
        v->px[t + 1] = v->px[t] + w[i] * x[i];
    }
    v->W = v->pw[n];
    v->z_later = prob == PL_EUM_PROB_SCHOLZ && z_later;
    return prob == PL_EUM_PROB_SCHOLZ && !z_later ? pl__eum_scholz_init(v, r, R, threads, buf)
                                                  : PL_OK;
}

int pl__eum_votes_init_buf(pl__eum_votes *v, const double *x, const double *w, const double *r,
                           double R, size_t n, pl_eum_prob prob, int naive, int threads,
                           pl__eum_buf *buf)
{
    return votes_init(v, x, w, r, R, n, prob, naive, threads, buf, 0);
}

int pl__eum_votes_init_threats(pl__eum_votes *v, const double *x, const double *w, double R,
                               size_t n, pl_eum_prob prob, int naive, int threads)
{
    return votes_init(v, x, w, NULL, R, n, prob, naive, threads, NULL, 1);
}

void pl__eum_votes_free(pl__eum_votes *v)
{
    if (!v->xs_lent)
        free(v->xs); /* with pw, px and ord */
    free(v->mat);
    if (!v->tab_lent)
        free(v->tab);
    free(v->rank);
    memset(v, 0, sizeof *v);
}

/*
** Scholz's votes for the lower (L, at place a) and the upper (U, at place b)
** of two positions from the table: voters below the midpoint back the lower
** with d_k,upper - d_k,lower, voters above it the upper the other way round.
*/
static void table_votes(const pl__eum_votes *v, size_t a, size_t b, double *L, double *U)
{
    size_t n = v->n;
    double m = (v->xs[a] + v->xs[b]) / 2;
    size_t below = bound(v->xs, n, m, 0), above = bound(v->xs, n, m, 1);
    *L = pl__eum_scholz_cell(v, below, b) - pl__eum_scholz_cell(v, below, a);
    *U = (pl__eum_scholz_cell(v, n, a) - pl__eum_scholz_cell(v, above, a)) -
         (pl__eum_scholz_cell(v, n, b) - pl__eum_scholz_cell(v, above, b));
}

/* Store P(j beats i) and P(i beats j) from the votes for the lower (L) and upper (U) one. */
static void store_pair(const pl__eum_votes *v, size_t j, size_t i, double L, double U,
                       double *wins, double *loses)
{
    double fj = v->x[j] < v->x[i] ? L : U, fi = v->x[j] < v->x[i] ? U : L;
    wins[i] = from_votes(v, fj, fi);
    loses[i] = from_votes(v, fi, fj);
}

/*
** One actor's row in O(n): walking away from j in sorted order the
** midpoint moves one way only, so each range end is a pointer that never
** turns back.
*/
static void row_sorted(const pl__eum_votes *v, size_t j, double *wins, double *loses)
{
    const double *xs = v->xs;
    size_t n = v->n, g0 = bound(xs, n, v->x[j], 0), g1 = bound(xs, n, v->x[j], 1);
    /* left of j: lo = xs[t] falls, m falls; c = g0 fixed */
    size_t a = g0, b = g0;
    for (size_t t = g0; t-- > 0;) {
        if (xs[t] != xs[t + 1])
            a = t + 1;
        double m = (xs[t] + v->x[j]) / 2, L, U;
        while (b > a && xs[b - 1] > m)
            b--;
        votes_at(v, xs[t], v->x[j], a, b, g0, &L, &U);
        store_pair(v, j, v->ord[t], L, U, wins, loses);
    }
    /* right of j: lo = x_j (a = g1), m rises; c = start of t's group */
    size_t c = g1;
    b = g1;
    for (size_t t = g1; t < n; t++) {
        if (t == 0 || xs[t] != xs[t - 1])
            c = t;
        double m = (v->x[j] + xs[t]) / 2, L, U;
        while (b < c && xs[b] <= m)
            b++;
        votes_at(v, v->x[j], xs[t], g1, b, c, &L, &U);
        store_pair(v, j, v->ord[t], L, U, wins, loses);
    }
}

/* Threat total of actor i pair by pair: the oracle (and Scholz's matrix form). */
static double threat_by_pairs(const pl__eum_votes *v, size_t i, double si, double R)
{
    double sum = 0;
    for (size_t j = 0; j < v->n; j++) {
        double pw, pl;
        pl__eum_votes_pair(v, i, j, &pw, &pl);
        sum += 2 * fabs(v->x[j] - v->x[i]) / R * (1 - 2 * si * (1 - pl));
    }
    return sum;
}


/*
** Threat sums of the pairs (i, t), t from g1 on (xs[t] > xs[i]; b[t], c[t]:
** the range ends of votes_at): the upper one's into sd, sdp at t (its term
** also kept in dn[t]); d P(upper beats i) into up[t] for the lower one, whose
** sums are folded afterwards in t order. No sum runs across t here, so the
** loop vectorises.
*/
static inline void threat_pairs(const pl__eum_votes *v, pl_eum_prob prob, size_t i, size_t g1,
                                const size_t *b, const size_t *c, double *sd, double *sdp,
                                double *up, double *dn)
{
    const double *xs = v->xs;
    for (size_t t = g1; t < v->n; t++) {
        double d = xs[t] - xs[i], L, U;
        votes_at(v, xs[i], xs[t], g1, b[t], c[t], &L, &U);
        sd[t] += d;
        dn[t] = d * votes_p(prob, v->zR, L, U); /* i beats the upper */
        sdp[t] += dn[t];
        up[t] = d * votes_p(prob, v->zR, U, L); /* the upper beats i */
    }
}

/*
** The same for an i at the position of i - 1: its pairs have the same
** positions, so the same d and P (dn, up as i - 1 left them), and the terms
** are added again without computing them.
*/
static void threat_again(const double *xs, size_t i, size_t g1, size_t n, double *sd,
                         double *sdp, const double *dn)
{
    for (size_t t = g1; t < n; t++) {
        sd[t] += xs[t] - xs[i];
        sdp[t] += dn[t];
    }
}

/*
** b[t] for the pairs (i, t), t from g1 on: the first place from g1 on whose
** position is past the midpoint m = (xs[i] + xs[t]) / 2, or c[t] if sooner.
** For the first i, a walk along t (m rises with t, so b does), which turns on
** every compare. After it: as i grows, m grows for every t, so b[t] only moves
** up and is resumed from the previous i's, each t on its own, with no chain
** from one t to the next. m rises by half the spacing from one i to the next,
** so b[t] moves by 0 or 1 mostly: two steps without a branch, and the loop
** after them is rarely entered. (n = 5,000: a threat pass 0.08 s, was 0.105.)
*/
static void threat_ends(const double *xs, size_t i, size_t g1, size_t n, const size_t *c,
                        size_t *b)
{
    if (i == 0) {
        for (size_t t = g1, bt = g1; t < n; t++) {
            while (bt < c[t] && xs[bt] <= (xs[i] + xs[t]) / 2)
                bt++;
            b[t] = bt;
        }
        return;
    }
    for (size_t t = g1; t < n; t++) {
        double m = (xs[i] + xs[t]) / 2;
        size_t bt = b[t] > g1 ? b[t] : g1; /* bt <= c[t] <= t: xs[bt] is a position */
        bt += (size_t)((bt < c[t]) & (xs[bt] <= m));
        bt += (size_t)((bt < c[t]) & (xs[bt] <= m));
        while (bt < c[t] && xs[bt] <= m)
            bt++;
        b[t] = bt;
    }
}

/*
** Up to this many actors a threat pass's scratch lives on the stack (9 n + 1
** doubles at most: 4.6 kB): a stress draw plays a few rounds of every issue
** with a handful of actors, where a calloc a round cost a third of the pass.
*/
#define PL__EUM_THREATS_STACK 64

/* k n + 1 zeroed doubles: small's (room for k PL__EUM_THREATS_STACK + 1) when they fit, else
   calloc's (NULL for want of memory; the caller frees what is not small). */
static double *threats_scratch(double *small, size_t k, size_t n)
{
    if (n <= PL__EUM_THREATS_STACK) {
        memset(small, 0, (k * n + 1) * sizeof *small);
        return small;
    }
    return n > (SIZE_MAX - 1) / k ? NULL : calloc(k * n + 1, sizeof *small);
}

/*
** threat_ends by distinct position, for the pairs of positions (I, T), T > I,
** of ux (ascending): bg[T] is the first position from I + 1 on past the
** midpoint of ux[I] and ux[T], or T if sooner (b is its first place). Walking
** positions, not places, a step crosses every actor at a position at once.
*/
static void group_ends(const double *ux, size_t I, size_t nd, size_t *bg)
{
    if (I == 0) {
        for (size_t T = I + 1, bt = I + 1; T < nd; T++) {
            while (bt < T && ux[bt] <= (ux[I] + ux[T]) / 2)
                bt++;
            bg[T] = bt;
        }
        return;
    }
    for (size_t T = I + 1; T < nd; T++) {
        double m = (ux[I] + ux[T]) / 2;
        size_t bt = bg[T] > I + 1 ? bg[T] : I + 1; /* bt <= T: ux[bt] is a position */
        bt += (size_t)((bt < T) & (ux[bt] <= m));
        bt += (size_t)((bt < T) & (ux[bt] <= m));
        while (bt < T && ux[bt] <= m)
            bt++;
        bg[T] = bt;
    }
}

/* threats_grouped's sums by distinct position (see there), n doubles each. */
typedef struct gsums {
    double *sd, *sdp; /* a position's sums of d and of d votes */
    double *up, *dn;  /* the pairs (I, T) of this I: d votes for I, for T */
    double *lu, *zt;  /* the pairs' votes L + U; their sums by upper position */
} gsums;

/*
** The pairs of positions (I, T), T > I (ux ascending, gs[T] its first place,
** bg[T] its end b by position): terms added once for each of the k actors at
** I, in the order of the pass by actor (threat_pairs, threat_again). No sum
** runs across T, so the loops vectorise.
*/
static void group_pairs(const pl__eum_votes *v, const double *ux, const size_t *gs,
                        const size_t *bg, size_t I, size_t nd, const gsums *g)
{
    size_t g1 = gs[I + 1];
    for (size_t T = I + 1; T < nd; T++) {
        double d = ux[T] - ux[I], L, U;
        votes_at(v, ux[I], ux[T], g1, gs[bg[T]], gs[T], &L, &U);
        g->sd[T] += d;
        g->dn[T] = d * votes_p(PL_EUM_PROB_SCHOLZ, 1, L, U); /* I beats the upper */
        g->sdp[T] += g->dn[T];
        g->up[T] = d * votes_p(PL_EUM_PROB_SCHOLZ, 1, U, L); /* the upper beats I */
        g->lu[T] = L + U;
        g->zt[T] += g->lu[T];
    }
    for (size_t k = gs[I] + 1; k < g1; k++) /* the other actors at I: the same terms */
        for (size_t T = I + 1; T < nd; T++) {
            g->sd[T] += ux[T] - ux[I];
            g->sdp[T] += g->dn[T];
            g->zt[T] += g->lu[T];
        }
}

/*
** Scholz's threat totals at r = 1 with Z left to this pass (z_later). A pair's
** votes L + U are every voter's |vote| on it, so Z R is twice their sum over
** the pairs of actors; the sums of d P are sums of d votes, divided by Z R at
** the end (P = votes / (Z R)). The pairs are taken by distinct position: nd
** (nd - 1) / 2 pairs of positions get their votes instead of n (n - 1) / 2
** pairs of actors (after a few rounds about half the actors share a position),
** and every sum adds the same terms in the same order as the pass by actor
** (each term once for each actor at the lower position, and, folding, at the
** upper one), so the numbers are the same to the bit. Actors at one position
** share their sums.
*/
static int threats_grouped(const pl__eum_votes *v, const double *s, double R, double *S)
{
    size_t n = v->n, nd = 0;
    /* gs (n + 1), bg (n) in 2 n + 1 doubles' room, then ux and the six sums (n each) */
    double small[9 * PL__EUM_THREATS_STACK + 1], z = 0;
    double *mem = threats_scratch(small, 9, n);
    if (!mem)
        return PL_ENOMEM;
    size_t *gs = (size_t *)(void *)mem, *bg = gs + n + 1;
    double *ux = mem + 2 * n + 1;
    gsums g = {ux + n, ux + 2 * n, ux + 3 * n, ux + 4 * n, ux + 5 * n, ux + 6 * n};
    for (size_t t = 0; t < n; t++)
        if (t == 0 || v->xs[t] != v->xs[t - 1]) {
            ux[nd] = v->xs[t];
            gs[nd++] = t;
        }
    gs[nd] = n;
    for (size_t I = 0; I < nd; I++) {
        group_ends(ux, I, nd, bg);
        group_pairs(v, ux, gs, bg, I, nd, &g);
        double di = g.sd[I], pi = g.sdp[I]; /* in registers: stores would chain via memory */
        for (size_t T = I + 1; T < nd; T++)
            for (size_t t = gs[T]; t < gs[T + 1]; t++) { /* each actor at T */
                di += ux[T] - ux[I];
                pi += g.up[T];
            }
        g.sd[I] = di;
        g.sdp[I] = pi;
    }
    for (size_t T = 0; T < nd; T++)
        for (size_t t = gs[T]; t < gs[T + 1]; t++)
            z += g.zt[T];
    z *= 2; /* Z R; no vote cast (every weight 0 past the first position): P 0 */
    for (size_t G = 0, t = 0; G < nd; G++)
        for (double p = z > 0 ? g.sdp[G] / z : 0; t < gs[G + 1]; t++) {
            size_t a = v->ord[t];
            S[a] = 2 * ((1 - 2 * s[a]) * g.sd[G] + 2 * s[a] * p) / R;
        }
    if (mem != small)
        free(mem);
    return PL_OK;
}

/*
** Every threat total at once: each unordered pair's votes are computed once
** (walking right from every position) and serve both actors, P(upper beats
** lower) for the lower one and P(lower beats upper) for the upper one. Sums
** are kept in sorted order, so every access is sequential. Half the work of
** n walks. Each sum adds its terms in the order of the walks (i, then t).
*/
int pl__eum_threats(const pl__eum_votes *v, const double *s, double R, double *S)
{
    size_t n = v->n;
    if (v->mat || v->tab || v->naive) {
        for (size_t i = 0; i < n; i++)
            S[i] = threat_by_pairs(v, i, s[i], R);
        return PL_OK;
    }
    if (v->z_later)
        return threats_grouped(v, s, R, S);
    const double *xs = v->xs;
    /* sd, sdp, up, dn (zeroed) and b, c, in 2 n doubles' room (a size_t fits: init_buf) */
    double small[6 * PL__EUM_THREATS_STACK + 1];
    double *sd = threats_scratch(small, 6, n);
    if (!sd)
        return PL_ENOMEM;
    double *sdp = sd + n, *up = sd + 2 * n, *dn = sd + 3 * n; /* only now: arithmetic on NULL
                                                                  is undefined */
    size_t *b = (size_t *)(void *)(sd + 4 * n), *c = b + n;
    for (size_t t = 0; t < n; t++) /* c: the start of t's group of equal positions */
        c[t] = t > 0 && xs[t] == xs[t - 1] ? c[t - 1] : t;
    for (size_t i = 0; i < n; i++) {
        /* pairs (i, t) with xs[t] > xs[i]: lo = xs[i] (a = g1) */
        size_t g1 = i + 1;
        while (g1 < n && xs[g1] == xs[i])
            g1++;
        if (i > 0 && xs[i] == xs[i - 1]) {
            /* i - 1's pairs again; and i's own sums had the same terms in the same
               order as i - 1's (from every lower position, then the same fold) */
            threat_again(xs, i, g1, n, sd, sdp, dn);
            sd[i] = sd[i - 1];
            sdp[i] = sdp[i - 1];
            continue;
        }
        threat_ends(xs, i, g1, n, c, b);
        if (v->prob == PL_EUM_PROB_SCHOLZ)
            threat_pairs(v, PL_EUM_PROB_SCHOLZ, i, g1, b, c, sd, sdp, up, dn);
        else if (v->prob == PL_EUM_PROB_NET)
            threat_pairs(v, PL_EUM_PROB_NET, i, g1, b, c, sd, sdp, up, dn);
        else
            threat_pairs(v, PL_EUM_PROB_PUBLISHED, i, g1, b, c, sd, sdp, up, dn);
        double di = sd[i], pi = sdp[i]; /* in registers: the stores would chain through memory */
        for (size_t t = g1; t < n; t++) {
            di += xs[t] - xs[i];
            pi += up[t];
        }
        sd[i] = di;
        sdp[i] = pi;
    }
    for (size_t t = 0; t < n; t++) {
        size_t a = v->ord[t];
        S[a] = 2 * ((1 - 2 * s[a]) * sd[t] + 2 * s[a] * sdp[t]) / R;
    }
    if (sd != small)
        free(sd);
    return PL_OK;
}

void pl__eum_votes_row(const pl__eum_votes *v, size_t j, double *wins, double *loses)
{
    size_t n = v->n;
    for (size_t i = 0; i < n; i++)
        wins[i] = loses[i] = 0;
    if (v->mat) {
        for (size_t i = 0; i < n; i++) {
            wins[i] = v->mat[j * n + i];
            loses[i] = v->mat[i * n + j];
        }
        return;
    }
    if (v->tab) {
        for (size_t i = 0; i < n; i++)
            pl__eum_votes_pair(v, j, i, &wins[i], &loses[i]);
        return;
    }
    if (!v->naive) {
        row_sorted(v, j, wins, loses);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (v->x[i] == v->x[j])
            continue;
        double L, U;
        split_votes_naive(v, fmin(v->x[i], v->x[j]), fmax(v->x[i], v->x[j]), &L, &U);
        store_pair(v, j, i, L, U, wins, loses);
    }
}

double pl__eum_votes_bound(const pl__eum_votes *v)
{
    return v->tab && v->zR > 0 ? fmin(1, 2 * v->W / v->zR) : 1;
}

/* pl__eum_votes_pair; a, b and c: votes_at's range ends when the caller knows them (else
   PAIR_ENDS_UNKNOWN): then no search. */
#define PAIR_ENDS_UNKNOWN ((size_t)-1)
static void pair(const pl__eum_votes *v, size_t j, size_t i, size_t a, size_t b, size_t c,
                 double *wins, double *loses)
{
    *wins = *loses = 0;
    if (v->x[i] == v->x[j])
        return;
    /* distinct finite positions: a comparison picks what fmin and fmax would (without a call) */
    int lower_j = v->x[j] < v->x[i];
    double L, U, lo = lower_j ? v->x[j] : v->x[i], hi = lower_j ? v->x[i] : v->x[j];
    if (v->mat) {
        *wins = v->mat[j * v->n + i];
        *loses = v->mat[i * v->n + j];
        return;
    }
    if (v->tab) {
        table_votes(v, v->rank[lo == v->x[j] ? j : i], v->rank[lo == v->x[j] ? i : j], &L, &U);
    } else if (v->naive) {
        split_votes_naive(v, lo, hi, &L, &U);
    } else if (a != PAIR_ENDS_UNKNOWN) { /* split_votes' three ends */
        votes_at(v, lo, hi, a, b, c, &L, &U);
    } else {
        split_votes(v, lo, hi, &L, &U);
    }
    double fj = v->x[j] < v->x[i] ? L : U, fi = v->x[j] < v->x[i] ? U : L;
    *wins = from_votes(v, fj, fi);
    *loses = from_votes(v, fi, fj);
}

void pl__eum_votes_pair(const pl__eum_votes *v, size_t j, size_t i, double *wins, double *loses)
{
    pair(v, j, i, PAIR_ENDS_UNKNOWN, PAIR_ENDS_UNKNOWN, PAIR_ENDS_UNKNOWN, wins, loses);
}

void pl__eum_votes_pair_at(const pl__eum_votes *v, size_t j, size_t i, size_t a, size_t b,
                           size_t c, double *wins, double *loses)
{
    pair(v, j, i, a, b, c, wins, loses);
}
