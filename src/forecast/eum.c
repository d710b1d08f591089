/* SPDX-License-Identifier: MIT */
/*
** eum.c: the Expected Utility Model round by round (Scholz, Calbert & Smith
** 2011, appendix steps 2-11; MODELS.md section 3.5). Per round: threat
** totals at r = 1 give each actor's risk exponent; then every receiver j
** weighs every proposer i by a = E(j challenges i) and b = E(i challenges j)
** and accepts at most one offer (conflict before compromise before
** capitulation); all moves apply at once.
*/
#include "parley/eum.h"
#include "parley/forecast.h"
#include "eum_impl.h"
#include "../core/error_int.h"
#include "../core/alloc.h"

#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct pl_eum {
    size_t n, rounds, cap;
    double *pos;          /* (cap + 1) x n */
    double *median, *mean;
    double *S, *r;        /* cap x n */
    unsigned char *type;  /* cap x n */
    long *proposer;
    double *a, *b;
    double *scratch;      /* the run's: w, r, wins, loses, ord and rank (6 n; eum_ctx) */
    pl_eum_stop stop;
    size_t period;
    double forecast;      /* the median after the last round, or the cycle's mean median */
    double mem[];         /* every array above (eum_layout) */
};

typedef struct eum_ctx {
    pl_eum *e;
    const pl_eum_opts *o;
    size_t n;
    const double *s;
    double *w, R, mu;
    double *x;            /* positions of the round being played */
    double *r;            /* exponents in force */
    double *wins, *loses; /* one probability row */
    size_t *ord, *rank;   /* actors by position this round, and each actor's place */
    const pl__eum_votes *votes; /* the probability source of the offers step */
    double pmax;          /* an upper bound on its probabilities (pl__eum_votes_bound) */
    pl__eum_buf tab;      /* Scholz's table and the sorted positions, reused round after round */
    int centres;          /* every round's median and mean; else (a lent record, Q = 1: nothing
                             reads mu) only those the forecast reads, once play ends */
    int reach;            /* the options allow an offer reach (offer_reach), known per run */
    int lent;             /* the record is read for its forecast only (pl__eum_run_in): a
                             conflict sure without its a and b keeps them NaN (sure_conflict) */
} eum_ctx;

/* The offer a receiver has accepted so far. */
typedef struct eum_best {
    pl_eum_move type;
    double key, to, a, b;
    size_t from;
} eum_best;

static const char *const preset_names[] = {"default", "scholz_code"};

const char *pl_eum_preset_name(size_t k) { return k < 2 ? preset_names[k] : NULL; }

int pl_eum_preset(pl_eum_opts *o, const char *name, pl_error *err)
{
    pl_eum_opts d = PL_EUM_OPTS_INIT;
    if (name && strcmp(name, "scholz_code") == 0) {
        d.prob = PL_EUM_PROB_SCHOLZ;
        d.select = PL_EUM_SELECT_SCHOLZ;
        d.no_capitulation = 1;
    } else if (!name || strcmp(name, "default") != 0) {
        return pl__fail(err, PL_EINPUT, "EUM preset '%s' is not known; expected default or "
                        "scholz_code", name ? name : "(null)");
    }
    *o = d;
    return PL_OK;
}

/* 2 - 4 base^r, the utility scale of eq. 29; bases below 0 count as 0. */
static double util(double base, double r)
{
    if (base <= 0)
        return 2;
    return 2 - 4 * (r == 1 ? base : pow(base, r));
}

/* The contest utilities of eq. 29 for a distance d (share of R) at exponent r. */
typedef struct eum_utils {
    double us, uf, usq;
} eum_utils;

static eum_utils utils_at(double d, double r, double usq)
{
    eum_utils u = {util(0.5 - d / 2, r), util(0.5 + d / 2, r), usq};
    return u;
}

/*
** Expected utility of ch challenging tg (eq. 25a) with utilities u, given
** P = P(ch beats tg) and the salience `resist` with which tg resists.
*/
static double expected_u(const eum_ctx *c, size_t ch, size_t tg, double P, double r,
                         double resist, const eum_utils *u)
{
    double v = resist * (P * u->us + (1 - P) * u->uf) + (1 - resist) * u->us - c->o->q * u->usq;
    if (c->o->q < 1) {
        double near = fabs(c->x[ch] - c->mu), m = (near + fabs(c->x[ch] - c->x[tg])) / c->R;
        double t = near < fabs(c->x[ch] - c->x[tg]) ? 1 : 0;
        v -= (1 - c->o->q) * (t * util(0.5 - m / 4, r) + (1 - t) * util(0.5 + m / 4, r));
    }
    return v;
}

static double expected(const eum_ctx *c, size_t ch, size_t tg, double P, double r,
                       double resist)
{
    eum_utils u = utils_at(fabs(c->x[ch] - c->x[tg]) / c->R, r, util(0.5, r));
    return expected_u(c, ch, tg, P, r, resist, &u);
}

/* The salience with which tg resists ch: tg's own (eq. 25a, and 25b corrected) or as printed. */
static double resist_of(const eum_ctx *c, size_t ch, size_t tg, int eq25b)
{
    return eq25b && c->o->sal25b_printed ? c->s[ch] : c->s[tg];
}

/* The vote sums' mode for opts.naive: 2 (no offer reach) and 3 (full table) use the fast sums. */
static int votes_naive(const pl_eum_opts *o) { return o->naive >= 2 ? 0 : o->naive; }

/*
** Steps 2: threat totals S_i = sum_j E_j(j challenges i) at r = 1, and the
** exponents. shared: the round's vote sums when they do not depend on the
** exponents (every form but Scholz's), else NULL and v is built here.
*/
static int risk_exponents(eum_ctx *c, const pl__eum_votes *shared, double *S, double *r)
{
    size_t n = c->n;
    for (size_t i = 0; i < n; i++)
        c->r[i] = 1;
    pl__eum_votes own;
    const pl__eum_votes *v = shared ? shared : &own;
    /* with Q = 1 only the threat pass reads v, which then finds Scholz's Z itself */
    if (!shared && (c->o->q == 1 ? pl__eum_votes_init_threats(&own, c->x, c->w, c->R, n,
                                                              c->o->prob, votes_naive(c->o),
                                                              c->o->threads)
                                 : pl__eum_votes_init(&own, c->x, c->w, c->r, c->R, n,
                                                      c->o->prob, votes_naive(c->o),
                                                      c->o->threads)))
        return PL_ENOMEM;
    double lo = INFINITY, hi = -INFINITY;
    /* at r = 1 and Q = 1, eq. 25a is 2 D (1 - 2 s_i (1 - P)): summed pair by pair */
    if (c->o->q == 1 && pl__eum_threats(v, c->s, c->R, S)) {
        if (!shared)
            pl__eum_votes_free(&own);
        return PL_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        if (c->o->q != 1) {
            S[i] = 0;
            pl__eum_votes_row(v, i, c->wins, c->loses);
            for (size_t j = 0; j < n; j++)
                if (j != i)
                    S[i] += expected(c, j, i, c->loses[j], 1, resist_of(c, j, i, 0));
        }
        /* comparisons, not libm's fmin and fmax (calls): S is never NaN */
        lo = S[i] < lo ? S[i] : lo;
        hi = S[i] > hi ? S[i] : hi;
    }
    if (!shared)
        pl__eum_votes_free(&own);
    for (size_t i = 0; i < n; i++) {
        double R = hi > lo ? (2 * S[i] - hi - lo) / (hi - lo) : 0;
        r[i] = c->r[i] = (1 - R / 3) / (1 + R / 3);
    }
    return PL_OK;
}

/* Classify proposer i's offer to receiver j; returns the type and the new position. */
static pl_eum_move classify(const eum_ctx *c, size_t j, size_t i, double a, double b,
                            double *to)
{
    if (b > 0 && a > 0 && b > a) {
        *to = c->x[i];
        return PL_EUM_CONFLICT;
    }
    if (b > 0 && a < 0 && b > fabs(a)) {
        *to = c->o->compromise == PL_EUM_COMPROMISE_FRACTION
                  ? c->x[j] + (c->x[i] - c->x[j]) * fabs(a / b)
                  : (fabs(a) * c->x[j] + b * c->x[i]) / (fabs(a) + b);
        return PL_EUM_COMPROMISE;
    }
    if (b > 0 && a < 0 && b < fabs(a) && !c->o->no_capitulation) {
        *to = c->x[i];
        return PL_EUM_CAPITULATION;
    }
    return PL_EUM_NONE;
}

/* Ranking key within a type: smaller is better. */
static double offer_key(const eum_ctx *c, pl_eum_move t, size_t j, size_t i, double a,
                        double b, double to)
{
    if (c->o->select == PL_EUM_SELECT_MAX_EU)
        return -b;
    if (c->o->select == PL_EUM_SELECT_SCHOLZ && t == PL_EUM_COMPROMISE)
        return (fabs(a) * c->x[j] + fabs(b) * c->x[i]) / (fabs(a) + fabs(b));
    return fabs(to - c->x[j]);
}

/*
** 0.5^r_j by pow, computed when first asked (memo NaN until then): most
** receivers' offers are settled before any utility at r_j is needed.
*/
static double half_pow(const eum_ctx *c, size_t j, double *memo)
{
    if (isnan(*memo))
        *memo = c->r[j] == 1 ? 0.5 : pow(0.5, c->r[j]);
    return *memo;
}

/*
** What a receiver's proposers share: 0.5^r_j (half_pow's memo) and the utilities
** at j's exponent for the last distance asked. Proposers at one distance (every
** one at one position, which conflicts and capitulations make common: they move
** to the proposer's) come one after another (best_offer), and the same distance
** and exponent give the same utilities: two pow calls saved per such proposer.
*/
typedef struct eum_recv {
    double half_r;              /* NAN until asked */
    double d;                   /* the distance ua holds (a share of R); NAN: none yet */
    eum_utils ua;
    size_t a, b, c;             /* this proposer's pair's range ends (pl__eum_votes_pair_at) */
} eum_recv;

/* Step 4: proposer i's offer of type m to j replaces the best so far if it ranks above. */
static void keep_offer(const eum_ctx *c, size_t j, size_t i, pl_eum_move m, double a, double b,
                       double to, eum_best *best)
{
    double key = offer_key(c, m, j, i, a, b, to);
    /* types rank conflict < compromise < capitulation; then the key; then the first listed */
    if (best->type == PL_EUM_NONE || m < best->type ||
        (m == best->type && (key < best->key || (key == best->key && i < best->from)))) {
        eum_best nb = {m, key, to, a, b, i};
        *best = nb;
    }
}

/*
** Is i's offer to j surely a conflict, whatever the powers (Q = 1, utilities at j's
** exponent r, alpha = s_i (1 - P(j beats i)) > beta = s_j (1 - P(i beats j)), the
** weights on failure; conflicts' key is the distance, not b as with max-eu)? Then
** a = K - alpha D and b = K - beta D (offer_reach's K, D), and a > 0 needs
** alpha < rho = K / D. For r <= 1, rho >= 1/2 (f(y) = y^r concave); for r >= 1,
** rho >= 2^-r (phi of offer_reach is then convex, so phi <= 0), and
** 2^-r >= 1/2 - (ln 2 / 2)(r - 1), its tangent at 1 (2^-r is convex).
** With alpha at least 1e-6 under that bound and beta at least 1e-6 under alpha,
** a and b - a are at least 1e-6 D >= 2.8e-10 at a distance of 1e-4 R or more (offer_reach),
** far beyond their rounding: the computed a > 0 and b > a, a conflict, decided without
** the two or three powers (the offer that settles most receivers under the default P).
*/
static int sure_conflict(const eum_ctx *c, size_t j, double alpha, double beta, double d)
{
    double r = c->r[j], rho_lo = r <= 1 ? 0.5 : 0.5 - 0.347 * (r - 1);
    return c->o->select != PL_EUM_SELECT_MAX_EU && d >= 1e-4 && alpha <= rho_lo - 1e-6 &&
           alpha - beta >= 1e-6;
}

/*
** Steps 3-4 for receiver j and proposer i: keep the offer if it ranks above the
** best so far. rv: j's memo.
*/
static void consider(const eum_ctx *c, size_t j, size_t i, eum_recv *rv, eum_best *best)
{
    double ra = c->r[j], rb = c->o->perspective == PL_EUM_OWN ? c->r[i] : c->r[j], pw, pl;
    /*
    ** Same utilities, Q = 1: a - b = (U_s - U_f)(beta - alpha) with alpha, beta the
    ** weights on failure, and every offer needs b > a. So alpha <= beta means no
    ** offer, decided before the costly powers. alpha = s (1 - pw) <= s, and
    ** beta = s' (1 - pl) >= s' (1 - pmax) (rounding is monotone): when
    ** s <= s' (1 - pmax) the test holds whatever the pair's P, known before its
    ** look-up (under Scholz's tiny P, about half the pairs).
    */
    int same = ra == rb && c->o->q == 1;
    double sa = resist_of(c, j, i, 0), sb = resist_of(c, i, j, 1);
    if (same && sa <= sb * (1 - c->pmax))
        return;
    /* P(j beats i), P(i beats j) */
    pl__eum_votes_pair_at(c->votes, j, i, rv->a, rv->b, rv->c, &pw, &pl);
    double alpha = sa * (1 - pw), beta = sb * (1 - pl);
    if (same && alpha <= beta)
        return;
    double d = fabs(c->x[i] - c->x[j]) / c->R;
    if (same && c->lent && sure_conflict(c, j, alpha, beta, d)) {
        keep_offer(c, j, i, PL_EUM_CONFLICT, NAN, NAN, c->x[i], best);
        return;
    }
    /* the utilities depend on the distance and the exponent only: share them; util(0.5, r_j)
       is 2 - 4 x 0.5^r_j, the same bits */
    double usq_j = 2 - 4 * half_pow(c, j, &rv->half_r);
    if (!(rv->d == d))
        rv->ua = utils_at(d, ra, usq_j), rv->d = d;
    eum_utils ua = rv->ua, ub = rb == ra ? ua : utils_at(d, rb, util(0.5, rb));
    double a = expected_u(c, j, i, pw, ra, resist_of(c, j, i, 0), &ua);
    double b = expected_u(c, i, j, pl, rb, resist_of(c, i, j, 1), &ub);
    double to;
    pl_eum_move m = classify(c, j, i, a, b, &to);
    if (m != PL_EUM_NONE)
        keep_offer(c, j, i, m, a, b, to, best);
}

/*
** How far from receiver j an offer can come from (a distance; INFINITY: any).
** Every offer type needs b > 0, b = K - beta D with K = U_s - U_sq,
** D = U_s - U_f > 0 and beta = s_j (1 - P(i beats j)) >= s_j (1 - pmax)
** (Q = 1, utilities at j's exponent, j resisting with its own salience). So b > 0
** needs beta < rho = K / D = (f(1/2) - f(1/2 - h)) / (f(1/2 + h) - f(1/2 - h)),
** f(y) = y^r, h = d / 2. rho <= 1/2 for r >= 1 (f convex); for r < 1,
** rho <= 2^-r: with c = 2^-r that is phi(a) = c (1 - a)^r + (1 - c) a^r - c >= 0
** for a = 1/2 - h in [0, 1/2], and phi is concave with phi(0) = phi(1/2) = 0. When
** s_j (1 - pmax) >= rho_max + 1e-6, b <= -1e-6 D mathematically; at a distance
** of at least 1e-4 R, D >= 2.8e-4 (r in [1/2, 2]), so b <= -2.8e-10, far beyond
** the rounding of b (< 1e-13: terms of size 2 and powers within 1 ulp): the
** computed b is negative too and nobody that far can make j an offer. Under
** Scholz's tiny P that settles every receiver with s_j above about 1/2 in O(1).
** half_r: j's half_pow memo. rho_max >= 1/2 (0.5^r > 1/2 for r < 1, and pow
** errs by under 1 ulp, so its result is not below 0.5), so a bound under
** 0.5 + 1e-6 fails without the power (the default's P has pmax 1: always).
*/
static double offer_reach(const eum_ctx *c, size_t j, double *half_r)
{
    if (!c->reach)
        return INFINITY;
    double room = c->s[j] * (1 - c->pmax);
    if (room < 0.5 + 1e-6)
        return INFINITY;
    double rho_max = c->r[j] >= 1 ? 0.5 : half_pow(c, j, half_r);
    return room >= rho_max + 1e-6 ? 1e-4 * c->R : INFINITY;
}

/*
** The votes' middle end b for a pair of positions with midpoint m: the first place from a on
** whose position is past m (what split_votes' search finds). Walking left from the receiver,
** m falls, so b falls from the last pair's (for the first, the receiver's first place, past
** m); walking right, m rises and b rises from the last pair's (first, the place past the
** receiver's), never past the proposer's first place cend. No binary search a pair.
*/
static size_t mid_end_left(const eum_ctx *c, size_t b, size_t a, double m)
{
    while (b > a && c->x[c->ord[b - 1]] > m)
        b--;
    return b;
}

static size_t mid_end_right(const eum_ctx *c, size_t b, size_t cend, double m)
{
    while (b < cend && c->x[c->ord[b]] <= m)
        b++;
    return b;
}

/*
** Steps 3-5 for receiver j: the offer it accepts. Proposers are visited from
** the nearest outward, one distance at a time: a conflict ranks above every
** other type and, within conflicts, the smaller move (distance) wins, so the
** first distance that yields a conflict settles it and the farther proposers
** need not be weighed (not with max-eu, whose key is not the distance); nor need
** those beyond offer_reach.
*/
static void best_offer(eum_ctx *c, size_t j, size_t t, double *next)
{
    pl_eum *e = c->e;
    size_t n = c->n, at = (t - 1) * n + j, rj = c->rank[j];
    eum_best best = {PL_EUM_NONE, 0, c->x[j], 0, 0, 0};
    eum_recv rv = {NAN, NAN, {0, 0, 0}, 0, 0, 0}; /* 0.5^r_j once, if at all; the utilities */
    double xj = c->x[j], reach = offer_reach(c, j, &rv.half_r);
    int early = c->o->select != PL_EUM_SELECT_MAX_EU;
    size_t lo = rj, hi = rj; /* [lo, hi) holds j's own position */
    while (lo > 0 && c->x[c->ord[lo - 1]] == xj)
        lo--;
    while (hi < n && c->x[c->ord[hi]] == xj)
        hi++;
    /* The votes' range ends of each pair, known from the walk (the votes' order is c->ord):
       j's position is [first, end); a proposer's on the left ends at left_end, one's on the
       right starts at right_first (the first place of the position; a change of position
       moves them as the walk passes it). The midpoint's end b moves one way on each side. */
    size_t first = lo, end = hi, left_end = lo, right_first = hi, bl = lo, br = hi;
    while (lo > 0 || hi < n) {
        double dl = lo > 0 ? xj - c->x[c->ord[lo - 1]] : INFINITY;
        double dr = hi < n ? c->x[c->ord[hi]] - xj : INFINITY, d = dl < dr ? dl : dr;
        if (d >= reach)
            break;
        while (lo > 0 && xj - c->x[c->ord[lo - 1]] == d) {
            lo--;
            left_end = c->x[c->ord[lo]] != c->x[c->ord[lo + 1]] ? lo + 1 : left_end;
            bl = mid_end_left(c, bl, left_end, (c->x[c->ord[lo]] + xj) / 2);
            rv.a = left_end, rv.b = bl, rv.c = first;
            consider(c, j, c->ord[lo], &rv, &best);
        }
        while (hi < n && c->x[c->ord[hi]] - xj == d) {
            right_first = c->x[c->ord[hi]] != c->x[c->ord[hi - 1]] ? hi : right_first;
            br = mid_end_right(c, br, right_first, (xj + c->x[c->ord[hi]]) / 2);
            rv.a = end, rv.b = br, rv.c = right_first;
            consider(c, j, c->ord[hi++], &rv, &best);
        }
        if (early && best.type == PL_EUM_CONFLICT)
            break;
    }
    next[j] = best.to;
    e->type[at] = (unsigned char)best.type;
    e->proposer[at] = best.type == PL_EUM_NONE ? -1 : (long)best.from;
    e->a[at] = best.a;
    e->b[at] = best.b;
}

/* Fails only for want of memory: the weights were checked to be finite, some positive. */
static int record_centre(pl_eum *e, size_t t, const double *w)
{
    const double *x = e->pos + t * e->n;
    double sw = 0, swx = 0;
    for (size_t i = 0; i < e->n; i++) {
        sw += w[i];
        swx += w[i] * x[i];
    }
    e->mean[t] = swx / sw;
    return pl_weighted_median(&e->median[t], x, w, e->n, PL_TIE_LOWER, NULL);
}

/*
** The medians forecast_of reads (and those rounds' means), for a record whose centres were
** not kept round by round (eum_ctx.centres): a stress draw runs the EUM on every issue for
** its forecast only, and the weighted median of every round was a tenth of a run.
*/
static int record_forecast_centres(pl_eum *e, const double *w, pl_eum_cycle mode)
{
    size_t k = mode == PL_EUM_CYCLE_MEAN && e->stop == PL_EUM_STOP_CYCLE ? e->period : 1;
    for (size_t back = 0; back < k; back++)
        if (record_centre(e, e->rounds - back, w))
            return 1;
    return 0;
}

/*
** Stop after round t? Converged (nobody moved) or a state seen before (a
** cycle; with PL_EUM_CYCLE_RUN play goes on to the round limit, as in Scholz
** et al.'s code, which has no such test).
*/
static int stopped(pl_eum *e, size_t t, double tol, pl_eum_cycle mode)
{
    const double *now = e->pos + t * e->n;
    for (size_t back = 1; back <= t; back++) {
        const double *then = e->pos + (t - back) * e->n;
        size_t i = 0;
        while (i < e->n && fabs(now[i] - then[i]) < tol)
            i++;
        if (i == e->n && (back == 1 || mode != PL_EUM_CYCLE_RUN)) {
            e->stop = back == 1 ? PL_EUM_STOP_CONVERGED : PL_EUM_STOP_CYCLE;
            e->period = back;
            return 1;
        }
    }
    return 0;
}

/* The forecast: the last median, or the mean of the medians of the cycle's states. */
static double forecast_of(const pl_eum *e, pl_eum_cycle mode)
{
    if (mode != PL_EUM_CYCLE_MEAN || e->stop != PL_EUM_STOP_CYCLE)
        return e->median[e->rounds];
    double sum = 0;
    for (size_t k = 0; k < e->period; k++)
        sum += e->median[e->rounds - k];
    return sum / (double)e->period;
}

static int play_round(eum_ctx *c, size_t t)
{
    pl_eum *e = c->e;
    size_t n = c->n;
    c->x = e->pos + (t - 1) * n;
    c->mu = c->centres ? e->median[t - 1] : NAN;
    /*
    ** Scholz's sums depend on the exponents the threat pass yields; the others
    ** (positions and weights only) serve both steps, set up once: the same
    ** numbers, one sort and one set of prefix sums a round fewer (most of a
    ** small issue's round).
    */
    int scholz = c->o->prob == PL_EUM_PROB_SCHOLZ;
    pl__eum_votes v;
    if (!scholz && pl__eum_votes_init_buf(&v, c->x, c->w, c->r, c->R, n, c->o->prob,
                                          votes_naive(c->o), c->o->threads, &c->tab))
        return PL_ENOMEM;
    if (risk_exponents(c, scholz ? NULL : &v, e->S + (t - 1) * n, e->r + (t - 1) * n)) {
        if (!scholz)
            pl__eum_votes_free(&v);
        return PL_ENOMEM;
    }
    if (scholz && pl__eum_votes_init_buf(&v, c->x, c->w, c->r, c->R, n, c->o->prob,
                                         votes_naive(c->o), c->o->threads, &c->tab))
        return PL_ENOMEM;
    if (v.ord) { /* the same stable sort of the same positions: the same order */
        memcpy(c->ord, v.ord, n * sizeof *c->ord);
    } else {
        for (size_t k = 0; k < n; k++)
            c->ord[k] = k;
        pl__eum_sort_by_position(c->ord, c->rank, n, c->x);
    }
    for (size_t k = 0; k < n; k++)
        c->rank[c->ord[k]] = k;
    double *next = e->pos + t * n;
    c->votes = &v; /* pairs on demand: most receivers settle on a near proposer */
    c->pmax = pl__eum_votes_bound(&v);
    for (size_t j = 0; j < n; j++)
        best_offer(c, j, t, next);
    c->votes = NULL; /* v lives in this frame only */
    pl__eum_votes_free(&v);
    return c->centres && record_centre(e, t, c->w) ? PL_ENOMEM : PL_OK;
}

/* The positions' spread, max - min: comparisons, not libm's fmin and fmax (calls a run made
   twice an actor); the positions are finite (check_inputs), so the same numbers. */
static double spread(const double *x, size_t n)
{
    double lo = x[0], hi = x[0];
    for (size_t i = 1; i < n; i++) {
        lo = x[i] < lo ? x[i] : lo;
        hi = x[i] > hi ? x[i] : hi;
    }
    return hi - lo;
}

static int check_inputs(const double *x, const double *c, const double *s, size_t n,
                        const pl_eum_opts *o, pl_error *err)
{
    if (n < 2)
        return pl__fail(err, PL_EINPUT, "the EUM needs at least 2 actors, got %zu", n);
    double W = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(x[i]) || !isfinite(c[i]) || !(c[i] >= 0) || !(s[i] >= 0 && s[i] <= 1))
            return pl__fail(err, PL_EINPUT, "EUM actor %zu: position %g, capability %g, salience "
                            "%g; expected finite numbers, capability >= 0, salience in [0, 1]",
                            i + 1, x[i], c[i], s[i]);
        W += c[i] * s[i];
    }
    if (!(W > 0))
        return pl__fail(err, PL_EINPUT, "every EUM actor has capability x salience 0; expected "
                        "at least one with weight");
    /* distances are shares of the spread and weights of the total: both must be finite */
    double R = spread(x, n);
    if (!isfinite(R) || !isfinite(W))
        return pl__fail(err, PL_EINPUT, "EUM positions span %g and capability x salience sums "
                        "to %g; expected both finite (rescale the positions or capabilities)",
                        R, W);
    if (o->rounds < 0 || o->rounds > 100000 || !(o->q >= 0 && o->q <= 1) || !(o->tol >= 0) ||
        (unsigned)o->cycle > PL_EUM_CYCLE_MEAN)
        return pl__fail(err, PL_EINPUT, "EUM options: rounds %d, Q %g, tol %g, cycle mode %d; "
                        "expected rounds in [0, 100000], Q in [0, 1], tol >= 0, a mode 0-2",
                        o->rounds, o->q, o->tol, (int)o->cycle);
    return PL_OK;
}

/*
** The record of a run in one block with its header (a stress draw runs the EUM on every
** issue: ten allocations a run were a fifth of a draw's): pos, median and mean by round,
** then S, r, a, b, proposer and type by round and actor (cells = cap n + 1 each), widest
** members first, and the run's scratch (6 n) among the doubles: one allocation a run, or
** none. Not zeroed: a round writes every entry of its own before anything reads it, and the
** accessors read played rounds only (most runs stop within a few of the cap).
** A stress draw lends one block to every issue's run (pl__eum_run_in): a block this large
** is a slow request for malloc, and it is read only for the forecast.
*/
static size_t eum_bytes(size_t n, size_t cap)
{
    /* the sizes in doubles first: once the block's bytes fit, no sum below wraps */
    double bytes = ((double)(cap + 1) * (double)n + 2 * ((double)cap + 1) +
                    4 * ((double)cap * (double)n + 1) + 6 * (double)n) * sizeof(double) +
                   ((double)cap * (double)n + 1) * (sizeof(long) + 1) + sizeof(pl_eum);
    size_t rows = (cap + 1) * n, cells = cap * n + 1;
    return bytes > (double)(SIZE_MAX / 2) ? 0 : sizeof(pl_eum) +
           (rows + 2 * (cap + 1) + 4 * cells + 6 * n) * sizeof(double) +
           cells * (sizeof(long) + 1);
}

/* The record laid out in mem (eum_bytes(n, cap) bytes or more, aligned as malloc's). */
static pl_eum *eum_layout(void *mem, size_t n, size_t cap)
{
    size_t rows = (cap + 1) * n, cells = cap * n + 1;
    pl_eum *e = mem;
    *e = (pl_eum){.n = n, .cap = cap};
    e->pos = e->mem;
    e->median = e->pos + rows;
    e->mean = e->median + cap + 1;
    e->S = e->mean + cap + 1;
    e->r = e->S + cells;
    e->a = e->r + cells;
    e->b = e->a + cells;
    e->scratch = e->b + cells;
    e->proposer = (long *)(void *)(e->scratch + 6 * n);
    e->type = (unsigned char *)(e->proposer + cells);
    return e;
}

size_t pl__eum_record_bytes(size_t n, const pl_eum_opts *o)
{
    return o->rounds < 0 ? 0 : eum_bytes(n, (size_t)o->rounds);
}

static int run(pl_eum **out, void *mem, const double *x, const double *cap, const double *s,
               size_t n, const pl_eum_opts *opts, pl_error *err);

int pl_eum_run(pl_eum **out, const double *x, const double *cap, const double *s, size_t n,
               const pl_eum_opts *opts, pl_error *err)
{
    return run(out, NULL, x, cap, s, n, opts, err);
}

int pl__eum_run_in(pl_eum **out, void *mem, const double *x, const double *cap,
                   const double *s, size_t n, const pl_eum_opts *opts, pl_error *err)
{
    return run(out, mem, x, cap, s, n, opts, err);
}

/* pl_eum_run, the record in mem (NULL: its own block, which pl_eum_free frees). */
static int run(pl_eum **out, void *mem, const double *x, const double *cap, const double *s,
               size_t n, const pl_eum_opts *opts, pl_error *err)
{
    pl_eum_opts o = PL_EUM_OPTS_INIT;
    if (opts)
        o = *opts;
    *out = NULL;
    int rc = check_inputs(x, cap, s, n, &o, err), own = 0;
    if (rc)
        return rc;
    size_t bytes = eum_bytes(n, (size_t)o.rounds);
    int lent = mem != NULL;
    if (!mem && bytes)
        mem = malloc(bytes), own = mem != NULL;
    pl_eum *e = mem && bytes ? eum_layout(mem, n, (size_t)o.rounds) : NULL;
    /* w, r, wins, loses, then ord and rank in the record's scratch (a size_t fits a double's
       room: eum_votes.c) */
    double *blk = e ? e->scratch : NULL;
    eum_ctx c = {e, &o, n, s, blk, 0, 0, NULL, blk ? blk + n : NULL, blk ? blk + 2 * n : NULL,
                 blk ? blk + 3 * n : NULL, blk ? (size_t *)(void *)(blk + 4 * n) : NULL,
                 blk ? (size_t *)(void *)(blk + 5 * n) : NULL};
    if (!e || !blk) {
        rc = pl__error_nomem(err);
        goto done;
    }
    c.tab.full = o.naive >= 2; /* the earlier paths keep Scholz's whole table */
    c.centres = !lent || o.q != 1;
    c.lent = lent;
    /* offer_reach's premises: Q = 1, utilities at j's exponent, j resisting with its own
       salience; naive = 2 is the walk without it */
    c.reach = o.q == 1 && o.perspective == PL_EUM_RECEIVER && !o.sal25b_printed && o.naive != 2;
    for (size_t i = 0; i < n; i++)
        c.w[i] = cap[i] * s[i];
    memcpy(e->pos, x, n * sizeof *x);
    if (c.centres && record_centre(e, 0, c.w)) {
        rc = pl__error_nomem(err);
        goto done;
    }
    c.R = spread(x, n);
    e->stop = c.R > 0 ? PL_EUM_STOP_ROUNDS : PL_EUM_STOP_AGREED;
    for (size_t t = 1; c.R > 0 && t <= e->cap; t++) {
        if ((rc = play_round(&c, t)) != PL_OK) {
            rc = pl__error_nomem(err);
            break;
        }
        e->rounds = t;
        if (stopped(e, t, o.tol, o.cycle))
            break;
    }
    if (!rc && !c.centres && record_forecast_centres(e, c.w, o.cycle))
        rc = pl__error_nomem(err);
    if (!rc)
        e->forecast = forecast_of(e, o.cycle);
done:
    free(c.tab.p);
    free(c.tab.blk);
    if (rc) {
        if (own)
            pl_eum_free(e);
        return rc;
    }
    *out = e;
    return PL_OK;
}

void pl_eum_free(pl_eum *e)
{
    if (!e)
        return;
    free(e); /* and every array of the record (eum_layout) */
}

size_t pl_eum_n_actors(const pl_eum *e) { return e ? e->n : 0; }
size_t pl_eum_n_rounds(const pl_eum *e) { return e ? e->rounds : 0; }

double pl_eum_position(const pl_eum *e, size_t t, size_t i)
{
    return e && t <= e->rounds && i < e->n ? e->pos[t * e->n + i] : 0;
}

double pl_eum_median(const pl_eum *e, size_t t) { return e && t <= e->rounds ? e->median[t] : 0; }
double pl_eum_mean(const pl_eum *e, size_t t) { return e && t <= e->rounds ? e->mean[t] : 0; }
double pl_eum_forecast(const pl_eum *e) { return e ? e->forecast : 0; }

double pl_eum_threat(const pl_eum *e, size_t t, size_t i)
{
    return e && t >= 1 && t <= e->rounds && i < e->n ? e->S[(t - 1) * e->n + i] : 0;
}

double pl_eum_risk(const pl_eum *e, size_t t, size_t i)
{
    return e && t >= 1 && t <= e->rounds && i < e->n ? e->r[(t - 1) * e->n + i] : 1;
}

pl_eum_move pl_eum_accepted(const pl_eum *e, size_t t, size_t i, long *proposer, double *a,
                            double *b)
{
    int ok = e && t >= 1 && t <= e->rounds && i < e->n;
    size_t at = ok ? (t - 1) * e->n + i : 0;
    if (proposer)
        *proposer = ok ? e->proposer[at] : -1;
    if (a)
        *a = ok ? e->a[at] : 0;
    if (b)
        *b = ok ? e->b[at] : 0;
    return ok ? (pl_eum_move)e->type[at] : PL_EUM_NONE;
}

pl_eum_stop pl_eum_stop_reason(const pl_eum *e, size_t *period)
{
    if (period)
        *period = e ? e->period : 0;
    return e ? e->stop : PL_EUM_STOP_ROUNDS;
}

const char *pl_eum_move_name(pl_eum_move m)
{
    static const char *const names[] = {"none", "conflict", "compromise", "capitulation"};
    return (unsigned)m < 4 ? names[m] : NULL;
}

const char *pl_eum_stop_name(pl_eum_stop s)
{
    static const char *const names[] = {"rounds", "converged", "cycle", "agreed"};
    return (unsigned)s < 4 ? names[s] : NULL;
}
