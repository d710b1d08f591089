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
#include "parley/scenario.h"
#include "../core/error_int.h"
#include "../core/rng.h"
#include "../core/alloc.h"
#include "../core/progress.h"

#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PL__MIN_GAIN 1e-10

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
    signed char *dir;          /* direction an actor already moved on an issue (0: none) */
    unsigned char *traded;     /* n x K: took part in an exchange on that issue this round */
    pl_exchange_trade *pair_best; /* K x K: best candidate of issues p < q */
    unsigned char *has, *dirty;
    pl_rng rng;
} xc_ctx;

#define AT(c, a, k) ((a) * (c)->K + (k))

static int present(const xc_ctx *c, size_t a, size_t k) { return !isnan(c->x[AT(c, a, k)]); }

static void outcomes(xc_ctx *c)
{
    for (size_t k = 0; k < c->K; k++) {
        double w = 0, wx = 0;
        for (size_t a = 0; a < c->n; a++)
            if (present(c, a, k)) {
                double v = c->c[AT(c, a, k)] * c->s[AT(c, a, k)];
                w += v;
                wx += v * c->y[AT(c, a, k)];
            }
        c->W[k] = w;
        c->O[k] = w > 0 ? wx / w : 0;
    }
}

/* Side of O an actor's vote is on: 1 at or below, 0 above. */
static int side(const xc_ctx *c, size_t a, size_t k) { return c->y[AT(c, a, k)] <= c->O[k]; }

/* Sizes of a candidate exchange (i supplies p, j supplies q); 0 if it is not possible. */
static int size_trade(xc_ctx *c, size_t i, size_t j, size_t p, size_t q, double rho,
                      pl_exchange_trade *t)
{
    double kip = c->c[AT(c, i, p)] * c->s[AT(c, i, p)] / c->W[p];
    double kjq = c->c[AT(c, j, q)] * c->s[AT(c, j, q)] / c->W[q];
    double yip = c->y[AT(c, i, p)], yjp = c->y[AT(c, j, p)];
    double yiq = c->y[AT(c, i, q)], yjq = c->y[AT(c, j, q)];
    if (!(kip > 0 && kjq > 0 && rho > 0))
        return 0;
    /* j moves all the way to i's position on q; if i would have to move further than j's
       position on p, i moves all the way instead and j's move shrinks */
    double dq = fabs(yiq - yjq) * kjq, dp = dq / rho;
    if (dp / kip > fabs(yjp - yip)) {
        dp = fabs(yjp - yip) * kip;
        dq = rho * dp;
    }
    /* an outcome never passes its demander's own position */
    if (dq > fabs(c->O[q] - yiq)) {
        dq = fabs(c->O[q] - yiq);
        dp = dq / rho;
    }
    if (dp > fabs(c->O[p] - yjp)) {
        dp = fabs(c->O[p] - yjp);
        dq = rho * dp;
    }
    double di = dp / kip, dj = dq / kjq;
    signed char si = yjp > yip ? 1 : -1, sj = yiq > yjq ? 1 : -1;
    if (!(di > 0 && dj > 0))
        return 0;
    /* an actor keeps moving on an issue in one direction only */
    if ((c->dir[AT(c, i, p)] && c->dir[AT(c, i, p)] != si) ||
        (c->dir[AT(c, j, q)] && c->dir[AT(c, j, q)] != sj))
        return 0;
    t->i = i, t->j = j, t->p = p, t->q = q;
    t->i_from = yip;
    t->i_to = yip + si * di;
    t->j_from = yjq;
    t->j_to = yjq + sj * dj;
    t->shift_p = dp;
    t->shift_q = dq;
    t->gain_i = c->s[AT(c, i, q)] * dq - c->s[AT(c, i, p)] * dp;
    t->gain_j = c->s[AT(c, j, p)] * dp - c->s[AT(c, j, q)] * dq;
    if (t->i_to < -1e-9 || t->i_to > 100 + 1e-9 || t->j_to < -1e-9 || t->j_to > 100 + 1e-9)
        return 0;
    return t->gain_i >= PL__MIN_GAIN && t->gain_j >= PL__MIN_GAIN;
}

/*
** The exchange of actors a < b on issues p < q, if any: roles by salience
** ratios. *equal is set when the ratios are equal (no gain either way).
*/
static int candidate(xc_ctx *c, size_t a, size_t b, size_t p, size_t q, int *equal,
                     pl_exchange_trade *t)
{
    double ra = c->s[AT(c, a, p)] / c->s[AT(c, a, q)], rb = c->s[AT(c, b, p)] / c->s[AT(c, b, q)];
    double sap = c->s[AT(c, a, p)], saq = c->s[AT(c, a, q)];
    double sbp = c->s[AT(c, b, p)], sbq = c->s[AT(c, b, q)];
    /* equal ratios (up to rounding: 0.4 x 0.6 and 0.3 x 0.8 differ in binary) give no gain */
    *equal = 0;
    if (fabs(sap * sbq - sbp * saq) <= 1e-12 * fmax(sap * sbq, sbp * saq)) {
        *equal = 1;
        return 0;
    }
    /* the actor with the lower ratio s_p / s_q supplies p */
    size_t i = sap * sbq < sbp * saq ? a : b, j = i == a ? b : a;
    double lo = i == a ? ra : rb, hi = i == a ? rb : ra;
    double sip = c->s[AT(c, i, p)], sjp = c->s[AT(c, j, p)];
    double siq = c->s[AT(c, i, q)], sjq = c->s[AT(c, j, q)];
    double rho = c->o->rule == PL_EXCHANGE_RANDOM_RATE && isfinite(lo) && isfinite(hi)
                     ? lo + (hi - lo) * pl__rng_double(&c->rng)
                     : (sip + sjp) / (siq + sjq);
    return size_trade(c, i, j, p, q, rho, t);
}

/* Do a and b stand on opposite sides of O on both p and q? */
static int opposite(const xc_ctx *c, size_t a, size_t b, size_t p, size_t q)
{
    return present(c, a, p) && present(c, a, q) && present(c, b, p) && present(c, b, q) &&
           side(c, a, p) != side(c, b, p) && side(c, a, q) != side(c, b, q);
}

/* Is gain g better than the best so far (bg)? Equal gains: a seeded reservoir choice. */
static int better(xc_ctx *c, double g, int found, double bg, size_t *ties)
{
    if (!found || g > bg + 1e-12) {
        *ties = 1;
        return 1;
    }
    return fabs(g - bg) <= 1e-12 && pl__rng_below(&c->rng, ++*ties) == 0;
}

/* The best exchange of issues p < q over all actor pairs; 0 if none. */
static int scan_pair(xc_ctx *c, pl_exchange *e, size_t p, size_t q, int count,
                     pl_exchange_trade *best)
{
    int found = 0;
    size_t ties = 0;
    for (size_t a = 0; a < c->n; a++)
        for (size_t b = a + 1; b < c->n; b++) {
            pl_exchange_trade t;
            int equal;
            if (!opposite(c, a, b, p, q))
                continue;
            int ok = candidate(c, a, b, p, q, &equal, &t);
            if (count) {
                e->candidates++;
                e->equal_ratios += (size_t)equal;
            }
            double g = fmin(t.gain_i, t.gain_j);
            if (ok && better(c, g, found, found ? fmin(best->gain_i, best->gain_j) : 0, &ties)) {
                *best = t;
                found = 1;
            }
        }
    return found;
}

/*
** The best exchange now. Each issue pair keeps its best candidate; an
** exchange on p and q moves O_p and O_q only, so only the pairs that share
** p or q are scanned again (dirty): the result is that of a full scan.
*/
static int best_trade(xc_ctx *c, pl_exchange *e, int count, pl_exchange_trade *best)
{
    size_t K = c->K, ties = 0;
    int found = 0;
    for (size_t p = 0; p < K; p++)
        for (size_t q = p + 1; q < K; q++) {
            size_t pq = p * K + q;
            if (c->dirty[pq]) {
                c->has[pq] = (unsigned char)scan_pair(c, e, p, q, count, &c->pair_best[pq]);
                c->dirty[pq] = 0;
            }
            if (!c->has[pq])
                continue;
            const pl_exchange_trade *t = &c->pair_best[pq];
            double g = fmin(t->gain_i, t->gain_j);
            if (better(c, g, found, found ? fmin(best->gain_i, best->gain_j) : 0, &ties)) {
                *best = *t;
                found = 1;
            }
        }
    return found;
}

/* After an exchange on p and q: every pair that shares one of them must be scanned again. */
static void touch(xc_ctx *c, size_t p, size_t q)
{
    for (size_t r = 0; r < c->K; r++) {
        c->dirty[(r < p ? r : p) * c->K + (r < p ? p : r)] = 1;
        c->dirty[(r < q ? r : q) * c->K + (r < q ? q : r)] = 1;
    }
}

static int record(pl_exchange *e, const pl_exchange_trade *t)
{
    pl_exchange_trade *grown = pl__grow(e->trade, &e->cap_trades, e->n_trades + 1, sizeof *grown, 64);
    if (!grown)
        return PL_ENOMEM;
    e->trade = grown;
    e->trade[e->n_trades++] = *t;
    return PL_OK;
}

static int play_round(xc_ctx *c, pl_exchange *e, size_t round)
{
    size_t nk = c->n * c->K;
    memcpy(c->y, c->x, nk * sizeof *c->y);
    memset(c->dir, 0, nk);
    memset(c->traded, 0, nk);
    memset(c->dirty, 1, c->K * c->K);
    outcomes(c);
    memcpy(c->O0, c->O, c->K * sizeof *c->O0);
    pl_exchange_trade t;
    int first = 1;
    while (best_trade(c, e, round == 1 && first, &t)) {
        first = 0;
        t.round = round;
        c->y[AT(c, t.i, t.p)] = t.i_to;
        c->y[AT(c, t.j, t.q)] = t.j_to;
        c->dir[AT(c, t.i, t.p)] = t.i_to > t.i_from ? 1 : -1;
        c->dir[AT(c, t.j, t.q)] = t.j_to > t.j_from ? 1 : -1;
        c->traded[AT(c, t.i, t.p)] = c->traded[AT(c, t.i, t.q)] = 1;
        c->traded[AT(c, t.j, t.p)] = c->traded[AT(c, t.j, t.q)] = 1;
        outcomes(c);
        touch(c, t.p, t.q);
        if (record(e, &t))
            return PL_ENOMEM;
    }
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
               pl__mul(pl__mul(K, K), sizeof(pl_exchange_trade)) == SIZE_MAX;
    pl_exchange *e = huge ? NULL : calloc(1, sizeof *e);
    xc_ctx c = {n, K, s, cap, &o, malloc(nk * sizeof(double)), malloc(nk * sizeof(double)),
                malloc(K * sizeof(double)), malloc(K * sizeof(double)),
                malloc(K * sizeof(double)), malloc(nk),
                malloc(nk), malloc(K * K * sizeof(pl_exchange_trade)), calloc(K * K, 1),
                calloc(K * K, 1), {{0}}};
    if (e) {
        e->O = malloc(((size_t)o.rounds + 1) * K * sizeof *e->O);
        e->ext = calloc((size_t)o.rounds * nk + 1, sizeof *e->ext);
    }
    if (!e || !e->O || !e->ext || !c.x || !c.y || !c.O || !c.W || !c.O0 || !c.dir || !c.traded ||
        !c.pair_best || !c.has || !c.dirty) {
        rc = pl__error_nomem(err);
        goto done;
    }
    e->n = n;
    e->K = K;
    pl__rng_seed(&c.rng, o.seed, 0);
    memcpy(c.x, x, nk * sizeof *x);
    memcpy(c.y, x, nk * sizeof *x);
    outcomes(&c);
    for (size_t k = 0; k < K; k++)
        if (!(c.W[k] > 0)) {
            rc = pl__fail(err, PL_EINPUT, "exchange model: issue %zu has no actor with power x "
                          "salience > 0; expected at least one", k + 1);
            goto done;
        }
    memcpy(e->O, c.O, K * sizeof *c.O);
    for (size_t t = 1; t <= (size_t)o.rounds && !rc; t++) {
        rc = play_round(&c, e, t) ? pl__error_nomem(err) : PL_OK;
        e->rounds = t;
        if (!rc)
            pl__progress(&o.progress, t, (uint64_t)o.rounds);
    }
done:
    free(c.x);
    free(c.y);
    free(c.O);
    free(c.W);
    free(c.O0);
    free(c.dir);
    free(c.traded);
    free(c.pair_best);
    free(c.has);
    free(c.dirty);
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
