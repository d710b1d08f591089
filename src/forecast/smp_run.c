/* SPDX-License-Identifier: MIT */
/*
** smp_run.c: an SMP run: checks, the turns until the stop rule, and what
** KTAB does not give: the probability of each final position (an election
** over the distinct positions, each actor valuing them at its own risk
** attitude, as KTAB's reporting does) and per-dimension point forecasts.
*/
#include "smp_impl.h"
#include "../core/error_int.h"
#include "../core/alloc.h"
#include "../core/progress.h"

#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static void turn_free(turn *t)
{
    free(t->d), free(t->r), free(t->u), free(t->work), free(t->p), free(t->target);
    free(t->P), free(t->bi), free(t->bj), free(t->ri), free(t->rj), free(t->queue);
}

static int turn_alloc(turn *t, size_t n, size_t K)
{
    size_t m = 2 * n + 2;
    memset(t, 0, sizeof *t);
    if (pl__mul(pl__mul(2 * m, m), sizeof(double)) == SIZE_MAX || pl__mul(n, K) == SIZE_MAX)
        return -1; /* the sizes below cannot wrap around once these products fit */
    t->d = malloc(n * n * sizeof *t->d), t->r = malloc(n * sizeof *t->r);
    t->u = malloc(n * m * sizeof *t->u), t->work = malloc((2 * m * m + m) * sizeof *t->work);
    t->p = malloc(m * sizeof *t->p), t->target = malloc(n * sizeof *t->target);
    t->P = malloc(n * sizeof *t->P), t->bi = malloc(n * K * sizeof *t->bi);
    t->bj = malloc(n * K * sizeof *t->bj), t->queue = malloc((2 * n + 1) * sizeof *t->queue);
    t->ri = malloc(n * K * sizeof *t->ri), t->rj = malloc(n * K * sizeof *t->rj);
    if (t->d && t->r && t->u && t->work && t->p && t->target && t->P && t->bi && t->bj &&
        t->ri && t->rj && t->queue)
        return 0;
    turn_free(t); /* the caller frees t only when this succeeded */
    return -1;
}

static int check(size_t n, size_t K, const double *c, const double *x, const double *s,
                 pl_error *err)
{
    if (n < 3 || K < 1)
        return pl__fail(err, PL_EINPUT, "the SMP needs at least 3 actors and 1 dimension; got "
                        "%zu and %zu", n, K);
    for (size_t i = 0; i < n; i++) {
        double tot = 0;
        if (!(c[i] > 0) || !isfinite(c[i]))
            return pl__fail(err, PL_EINPUT, "actor %zu: capability %g; expected a positive "
                            "number", i + 1, c[i]);
        for (size_t k = 0; k < K; k++) {
            double v = x[i * K + k], w = s[i * K + k];
            if (!(v >= 0 && v <= 100) || !(w >= 0 && w <= 1))
                return pl__fail(err, PL_EINPUT, "actor %zu, dimension %zu: position %g, "
                                "salience %g; expected 0-100 and 0-1", i + 1, k + 1, v, w);
            tot += w;
        }
        if (!(tot > 0) || tot > 1 + 1e-9)
            return pl__fail(err, PL_EINPUT, "actor %zu: its saliences sum to %g; expected a "
                            "total in (0, 1] (an actor that cares about nothing cannot "
                            "bargain)", i + 1, tot);
    }
    return PL_OK;
}

static int setup(pl_smp *m, size_t n, size_t K, const double *c, const double *x,
                 const double *s, const pl_smp_opts *o)
{
    pl_smp_opts d = PL_SMP_OPTS_INIT;
    m->n = n, m->K = K, m->o = o ? *o : d, m->c = c;
    if (m->o.max_turns < 1)
        m->o.max_turns = 1;
    m->cap = (size_t)m->o.max_turns + 1;
    if (pl__mul(pl__mul(m->cap, n), pl__mul(K, sizeof(double))) == SIZE_MAX)
        return -1; /* nor can the sizes below, then */
    m->s = calloc(n, sizeof *m->s), m->sal = malloc(n * K * sizeof *m->sal);
    m->hist = malloc(m->cap * n * K * sizeof *m->hist);
    m->ideal = malloc(n * K * sizeof *m->ideal);
    m->change = calloc(m->cap, sizeof *m->change), m->prob = calloc(n, sizeof *m->prob);
    m->mean = calloc(K, sizeof *m->mean), m->median = calloc(K, sizeof *m->median);
    if (!m->s || !m->sal || !m->hist || !m->ideal || !m->change || !m->prob || !m->mean ||
        !m->median)
        return -1;
    for (size_t i = 0; i < n * K; i++) {
        m->sal[i] = s[i], m->hist[i] = m->ideal[i] = x[i] / 100;
        m->s[i / K] += s[i];
    }
    return 0;
}

/* Ideals follow the new positions x: a share of the way, or by the accommodation matrix. */
static void accommodate(pl_smp *m, const double *x)
{
    const double *A = m->o.accommodation;
    size_t n = m->n, K = m->K;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < K; k++) {
            double *y = &m->ideal[i * K + k], row = 0, pull = 0;
            if (!A) {
                *y += m->o.accommodate * (x[i * K + k] - *y);
                continue;
            }
            for (size_t j = 0; j < n; j++)
                row += A[i * n + j], pull += A[i * n + j] * x[j * K + k];
            *y = pull + (1 - row) * *y;
        }
}

/* The period of a cycle closed by state T (it equals an earlier state), or 0. With ideals
   equal to positions a deterministic run is a function of its state, so it would repeat. */
static size_t repeats(const pl_smp *m, size_t T)
{
    size_t nk = m->n * m->K;
    if (m->o.stochastic)
        return 0;
    for (size_t t = 0; t + 1 < T; t++)
        if (memcmp(m->hist + t * nk, m->hist + T * nk, nk * sizeof *m->hist) == 0)
            return T - t;
    return 0;
}

/* Turns until the change, against turn 1's, falls below stop_ratio (from min_turns on). */
static int run(pl_smp *m, turn *t, double *base)
{
    size_t nk = m->n * m->K;
    double d01 = 0;
    m->stop = PL_SMP_STOP_TURNS;
    for (size_t T = 1; T <= m->o.max_turns; T++) {
        double moved;
        t->turn = T;
        int rc = pl__smp_step(m, t, m->hist + (T - 1) * nk, m->hist + T * nk, &moved, base);
        if (rc)
            return rc;
        if (T == 1)
            d01 = moved;
        m->T = T;
        m->change[T] = moved / (d01 + 1e-4);
        accommodate(m, m->hist + T * nk);
        if (T >= m->o.min_turns && m->change[T] < m->o.stop_ratio) {
            m->stop = PL_SMP_STOP_QUIET;
            break;
        }
        if (m->o.accommodate == 1 && !m->o.accommodation && (m->cycle = repeats(m, T))) {
            m->stop = PL_SMP_STOP_CYCLE; /* deterministic: it would go round for ever */
            break;
        }
    }
    return 0;
}

/* Probability-weighted mean and median (the lowest point with half the probability at or
   below it) of dimension k over the nu distinct positions rep[] with probabilities p[]. */
static void forecast(pl_smp *m, const double *x, const size_t *rep, size_t nu, const double *p,
                     size_t k, size_t *order)
{
    size_t K = m->K;
    double mean = 0, acc = 0;
    for (size_t a = 0; a < nu; a++) {
        mean += p[a] * x[rep[a] * K + k];
        size_t b = a; /* insertion sort of the nu positions by their coordinate */
        for (; b > 0 && x[rep[order[b - 1]] * K + k] > x[rep[a] * K + k]; b--)
            order[b] = order[b - 1];
        order[b] = a;
    }
    m->mean[k] = 100 * mean;
    for (size_t b = 0; b < nu; b++) {
        acc += p[order[b]];
        if (acc >= 0.5 - 1e-12 || b + 1 == nu) {
            m->median[k] = 100 * x[rep[order[b]] * K + k];
            break;
        }
    }
}

/* The distinct final positions (within 1e-3 on the 0-1 scale) and their probabilities. */
static int outcome(pl_smp *m, turn *t)
{
    size_t n = m->n, K = m->K, nu = 0, *rep = malloc(n * sizeof *rep), *of = malloc(n * sizeof *of);
    const double *x = m->hist + m->T * n * K;
    int rc = rep && of ? 0 : -2; /* -2: out of memory; -1 is "did not settle" */
    for (size_t i = 0; !rc && i < n; i++) {
        size_t a = 0;
        for (; a < nu; a++) {
            double dd = 0;
            for (size_t k = 0; k < K; k++)
                dd += (x[rep[a] * K + k] - x[i * K + k]) * (x[rep[a] * K + k] - x[i * K + k]);
            if (sqrt(dd) < 1e-3)
                break;
        }
        if (a == nu)
            rep[nu++] = i;
        of[i] = a;
    }
    if (!rc) {
        pl__smp_distances(m, t, x);
        rc = pl__smp_risk(m, t);
    }
    pl_smp_opts prop = m->o; /* KTAB reports with the proportional rule */
    prop.vote = PL_SMP_VOTE_PROP;
    for (size_t k = 0; !rc && k < n; k++)
        for (size_t a = 0; a < nu; a++)
            t->u[k * nu + a] = pl__smp_U(m, t, k, k, rep[a]);
    if (!rc)
        rc = pl__smp_pce(&prop, n, nu, m->c, t->u, t->p, t->work);
    for (size_t i = 0; !rc && i < n; i++)
        m->prob[i] = t->p[of[i]];
    for (size_t k = 0; !rc && k < K; k++)
        forecast(m, x, rep, nu, t->p, k, of);
    free(rep), free(of);
    return rc;
}

/* Refuse a run that would take hours or outgrow memory before allocating anything: each turn
   weighs every challenge (n^2 pairs) by every voter and holds elections over up to 2 n + 2
   options, about 5 n^3 voter evaluations; the scratch and history are below. */
static int check_size(size_t n, size_t K, const pl_smp_opts *o, pl_error *err)
{
    pl_smp_opts d = PL_SMP_OPTS_INIT;
    if (!o)
        o = &d;
    double N = (double)n, m = 2 * N + 2, turns = o->max_turns ? o->max_turns : 1;
    double work = 5 * N * N * N * turns, max_work = o->max_work > 0 ? o->max_work : 1e13;
    double threads = o->threads > 1 ? (o->threads > 64 ? 64 : o->threads) : 1;
    double bytes = 8 * (N * N + N * m + 2 * m * m + m + (turns + 1) * N * (double)K +
                        8 * N * (double)K + 8 * PL__SMP_BLOCK * threads * N);
    double max_bytes = o->max_bytes > 0 ? o->max_bytes : 1073741824.0;
    if (bytes > max_bytes)
        return pl__fail(err, PL_EINPUT, "the SMP of %zu actors would need %.3g GiB (its "
                        "elections over %.0f options), above the limit of %.3g GiB; expected "
                        "fewer actors or --max-memory MIB", n, bytes / 1073741824.0, m,
                        max_bytes / 1073741824.0);
    if (work > max_work)
        return pl__fail(err, PL_EINPUT, "the SMP of %zu actors would take about %.2g voter "
                        "evaluations (5 n^3 per turn, up to %.0f turns), above the limit of "
                        "%.2g; expected fewer actors, fewer --smp-turns, or --smp-max-work N",
                        n, work, turns, max_work);
    return PL_OK;
}

/* Every rule a known one: the turn's paths switch on them, and an unknown value would
   send each path to its own default (misuse, said as such rather than guessed). */
static int check_rules(const pl_smp_opts *o, pl_error *err)
{
    if (o && ((unsigned)o->vote > PL_SMP_VOTE_ASYMPROSP || (unsigned)o->vpm > PL_SMP_VPM_BINARY ||
              (unsigned)o->pce > PL_SMP_PCE_MARKOV_INCENTIVE ||
              (unsigned)o->risk > PL_SMP_RISK_MAX || (unsigned)o->persp > PL_SMP_PERSP_FULL ||
              (unsigned)o->interp > PL_SMP_INTERP_S2PMAX ||
              (unsigned)o->commit > PL_SMP_COMMIT_NONE ||
              (unsigned)o->bargains > PL_SMP_BARGAIN_POWER))
        return pl__fail(err, PL_EMISUSE, "pl_smp_run: a rule of pl_smp_opts (vote, vpm, pce, "
                        "risk, persp, interp, commit or bargains) is out of its enum's range");
    return PL_OK;
}

int pl_smp_run(pl_smp **out, size_t n, size_t K, const double *c, const double *x,
               const double *s, const pl_smp_opts *opts, pl_error *err)
{
    if (!out || !c || !x || !s)
        return pl__fail(err, PL_EMISUSE, "pl_smp_run: NULL argument");
    *out = NULL;
    int rc = check(n, K, c, x, s, err);
    if (!rc)
        rc = check_size(n, K, opts, err);
    if (!rc)
        rc = check_rules(opts, err);
    if (rc)
        return rc;
    if (opts && !(opts->accommodate >= 0 && opts->accommodate <= 1))
        return pl__fail(err, PL_EINPUT, "the SMP's accommodation rate is %g; expected a share "
                        "in [0, 1]", opts->accommodate);
    for (size_t i = 0; opts && opts->accommodation && i < n; i++) {
        double row = 0;
        for (size_t j = 0; j < n; j++) {
            double a = opts->accommodation[i * n + j];
            if (!(a >= 0))
                return pl__fail(err, PL_EINPUT, "accommodation[%zu][%zu] is %g; expected a "
                                "weight >= 0", i + 1, j + 1, a);
            row += a;
        }
        if (row > 1 + 1e-9)
            return pl__fail(err, PL_EINPUT, "row %zu of the accommodation matrix sums to %g; "
                            "expected at most 1", i + 1, row);
    }
    pl_smp *m = calloc(1, sizeof *m);
    turn t;
    double *base = malloc(n * sizeof *base);
    int bad = !m || !base || setup(m, n, K, c, x, s, opts) || turn_alloc(&t, n, K);
    int r = bad ? 0 : run(m, &t, base);
    if (!bad && !r)
        r = outcome(m, &t);
    if (!bad && !r && m->T < m->o.max_turns) /* it settled early: the rest is done */
        pl__progress(&m->o.progress, (uint64_t)m->o.max_turns * n, (uint64_t)m->o.max_turns * n);
    if (bad || r == -2)
        rc = pl__error_nomem(err);
    else if (r)
        rc = pl__fail(err, PL_ERANGE, "the SMP's Markov election did not settle in 10,000 "
                      "iterations; expected the conditional election or another input");
    if (m && !bad)
        turn_free(&t);
    free(base);
    if (rc) {
        pl_smp_free(m);
        return rc;
    }
    m->c = NULL;
    *out = m;
    return PL_OK;
}

void pl_smp_free(pl_smp *m)
{
    if (!m)
        return;
    free(m->s), free(m->sal), free(m->hist), free(m->ideal), free(m->change), free(m->prob);
    free(m->mean);
    free(m->median), free(m);
}

size_t pl_smp_n_actors(const pl_smp *m) { return m ? m->n : 0; }
size_t pl_smp_n_dims(const pl_smp *m) { return m ? m->K : 0; }
size_t pl_smp_n_states(const pl_smp *m) { return m ? m->T + 1 : 0; }

double pl_smp_position(const pl_smp *m, size_t t, size_t i, size_t k)
{
    if (!m || t > m->T || i >= m->n || k >= m->K)
        return NAN;
    return 100 * m->hist[(t * m->n + i) * m->K + k];
}

double pl_smp_change(const pl_smp *m, size_t t)
{
    return m && t >= 1 && t <= m->T ? m->change[t] : NAN;
}

pl_smp_stop pl_smp_stop_reason(const pl_smp *m) { return m ? m->stop : PL_SMP_STOP_TURNS; }
size_t pl_smp_cycle(const pl_smp *m) { return m ? m->cycle : 0; }
double pl_smp_probability(const pl_smp *m, size_t i) { return m && i < m->n ? m->prob[i] : NAN; }
double pl_smp_mean(const pl_smp *m, size_t k) { return m && k < m->K ? m->mean[k] : NAN; }
double pl_smp_median(const pl_smp *m, size_t k) { return m && k < m->K ? m->median[k] : NAN; }
