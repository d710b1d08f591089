/* SPDX-License-Identifier: MIT */
/*
** settle.c: the settlement analysis of a scenario (MODELS.md sections 7-8):
** frontier by the merge, the solutions on its rational part, two-party hull
** solutions, ratification of each solution, the ratification-constrained
** Nash point, win-set counts and pairwise logrolls.
*/
#include "settlement.h"
#include "../core/error_int.h"
#include "../core/progress.h"

#include <stdlib.h>
#include <string.h>

void pl_settle_free(pl_settlement *st)
{
    if (!st)
        return;
    free(st->at), free(st->m), free(st->w); /* at: with name and their rows (all_options) */
    pl_space_free(st->all), pl_space_free(st->sp), pl_frontier_free(st->f);
    free(st->d), free(st->alpha), free(st->rnash);
    for (int k = 0; k < PL_SOL_COUNT; k++)
        pl_solution_clear(&st->sol[k]);
    free(st->rat);
    for (size_t b = 0; b < st->n_bod; b++) {
        pl_game_free(st->bod[b].game);
        free(st->bod[b].judge);
    }
    free(st->bod);
    free(st->ws.accept); /* with the win-sets' other arrays (settle_zone.c) */
    for (size_t r = 0; r < st->n_rolls; r++) {
        free(st->rolls[r].issue);
        pl_logroll_clear(&st->rolls[r].r);
    }
    free(st->rolls);
    free(st->judge);
    free(st->allow), free(st->red);
    free(st);
}

/* Bargaining weights: capability shares, or equal. */
static int weights(pl_settlement *st)
{
    st->d = malloc(st->n * sizeof *st->d);
    st->alpha = malloc(st->n * sizeof *st->alpha);
    if (!st->d || !st->alpha)
        return PL_ENOMEM;
    double c = 0;
    for (size_t i = 0; i < st->n; i++) {
        st->d[i] = st->judge[i].d;
        c += pl_actor_capability(pl_scenario_actor(st->s, st->judge[i].actor))->value;
    }
    for (size_t i = 0; i < st->n; i++) {
        double ci = pl_actor_capability(pl_scenario_actor(st->s, st->judge[i].actor))->value;
        st->alpha[i] = st->o.equal_power || !(c > 0) ? 1.0 / (double)st->n : ci / c;
    }
    return PL_OK;
}

/* The solutions a settlement of `parley stress` (rational_only) reports: the others are left
   not found, and no stress metric reads them. */
static int stress_reads(int k)
{
    return k == PL_SOL_NASH || k == PL_SOL_KS || k == PL_SOL_EGALITARIAN;
}

static int solve_all(pl_settlement *st, pl_error *err)
{
    pl_solve_opts so = {st->d, st->alpha, NULL};
    for (int k = 0; k < PL_SOL_COUNT; k++) {
        if (st->rational_only && !stress_reads(k))
            continue;
        int rc = pl__solve(&st->sol[k], (pl_solution_kind)k, st->f, &so,
                           k == PL_SOL_KS ? &st->ks_flat : NULL, st->rational_only, err);
        if (rc)
            return rc;
        pl__span_report(&st->span, (uint64_t)k + 1, PL_SOL_COUNT + 1);
    }
    if (st->n == 2) {  /* no hull is no finding; out of memory is an error */
        int rc = pl_hull2(st->f, st->d, NULL, &st->hull_vertices, st->hull_nash, st->hull_ks,
                          NULL);
        if (rc == PL_ENOMEM)
            return pl__error_nomem(err);
        st->hull = rc == PL_OK;
    }
    return PL_OK;
}

void pl__settle_judge_utilities(const pl_settlement *st, const uint32_t *w, double *u)
{
    for (size_t j = 0; j < st->nj; j++)
        u[j] = pl_space_utility(st->all, j, w);
}

int pl_settle_pair_count(const pl_settlement *st, size_t a, size_t r, uint64_t *count)
{
    if (!st || a >= st->n || r >= st->n || !st->ws.counted || !st->ws.pair)
        return 0;
    if (count)
        *count = st->ws.pair[a * st->n + r];
    return 1;
}

int pl_settle_has_ratification(const pl_settlement *st) { return st && st->n_rat > 0; }

const uint32_t *pl_settle_nash_ratified(const pl_settlement *st, double *p)
{
    if (!st || !st->rnash_found)
        return NULL;
    if (p)
        *p = st->rnash_p;
    return st->rnash;
}

double pl__settle_ratify_package(const pl_settlement *st, const uint32_t *w, double *u,
                                 unsigned char *cr)
{
    pl__settle_judge_utilities(st, w, u);
    return pl__settle_ratify_all(st, u, pl__settle_crossed(st, w, cr), NULL);
}

double pl_settle_ratification(const pl_settlement *st, const uint32_t *w)
{
    if (!st || !w)
        return NAN;
    /* the judges' utilities and red-line flags on the stack for up to 64 judges (a stress
       draw asks twice) */
    double stack_u[64], p = NAN;
    unsigned char stack_cr[64];
    int small = st->nj <= 64;
    double *u = small ? stack_u : malloc(st->nj * sizeof *u);
    unsigned char *cr = small ? stack_cr : malloc(st->nj);
    if (u && cr)
        p = pl__settle_ratify_package(st, w, u, cr);
    if (!small)
        free(u), free(cr);
    return p;
}

/*
** Ratification-constrained Nash with expected gains: max prod_i P(w) (u_i - d_i).
** P grows with the utility of every member of a ratifying body, so the
** optimum lies on the frontier over the parties and those members together
** (exact, by the merge; members of other bodies play no part). With red
** lines: over the packages within every party's red lines, and a member's
** red line is one more dimension (0, or -1 per crossed issue), since P also
** grows as fewer members' red lines are crossed.
*/
static int ratified_space(pl_settlement *st, size_t nj, pl_space **sp, uint32_t **map,
                          pl_error *err)
{
    if (!st->allow)
        return pl__settle_subspace(st, nj, sp, err);
    if (!(*map = malloc((st->all->total ? st->all->total : 1) * sizeof **map)))
        return pl__error_nomem(err);
    return pl__settle_within(st, nj, 1, sp, *map, err);
}

/* Progress: every this many points of a frontier scanned. */
#define PL_SCAN_BLOCK 4096

/*
** The factor c with |v| <= c bound for every point of the scan (ratified_best), v = prod_i
** P (u_i - d_i) as computed there and bound the product of the |u_i - d_i| (the same
** differences): P, a product of n_rat bodies' pass probabilities, each below 1 + 1e-9 (a sum
** of at most 2^20 products of at most 20 factors, the complements' rounding included), is
** below (1 + 1e-9)^n_rat (1 + 2^-53)^n_rat; the n products and the bound's n add at most
** (1 + 2^-53)^(3n). With x = 1.1e-9 n (n_rat + 3), all of it is below e^x <= 1 + 2x for
** x <= 1. Beyond x = 1/2 the factor is infinite, and nothing is passed over.
*/
static double scan_slack(const pl_settlement *st)
{
    double x = 1.1e-9 * (double)st->n * ((double)st->n_rat + 3);
    return x <= 0.5 ? 1 + 2 * x : INFINITY;
}

/*
** The best point of ext for the ratification-constrained Nash product, in ext's order: a
** point replaces the best when its v = prod_i P (u_i - d_i) beats it by more than 1e-12
** (relative), and one within 1e-12 of it is a tie. Progress over [lo, hi] of the phase.
**
** With prune, a point whose v cannot reach best (1 - 1e-12) is passed over before its P,
** the costly part (every body's vote), is computed: such a point neither replaces the best
** nor ties with it, so the result, its ties and its P are the same bits. The bound: |v| <=
** c bound, bound the product of |u_i - d_i| as computed here and c just above 1
** (scan_slack). While best is 0 nothing is passed over (c bound < 0 never holds; an
** infinite c times a 0 bound is NaN, and passes over nothing either).
*/
static void ratified_best(pl_settlement *st, const pl_frontier *ext, int prune,
                          unsigned char *cr, size_t *at, double *best, const pl__span *span)
{
    size_t N = pl_frontier_size(ext);
    double c = scan_slack(st);
    for (size_t j = 0; j < N; j++) {
        if (j % PL_SCAN_BLOCK == 0)
            pl__span_report(span, j, N);
        const double *u = ext->u + j * ext->n; /* the judges' utilities, then the extras */
        double bound = 1;
        for (size_t i = 0; prune && i < st->n; i++)
            bound *= fabs(u[i] - st->d[i]);
        if (prune && c * bound < *best * (1 - 1e-12))
            continue;
        const unsigned char *x = pl__settle_crossed(st, pl_frontier_package(ext, j), cr);
        double p = pl__settle_ratify_all(st, u, x, NULL), v = 1;
        for (size_t i = 0; i < st->n; i++)
            v *= p * (u[i] - st->d[i]);
        if (v > *best * (1 + 1e-12)) {
            *best = v, *at = j, st->rnash_ties = 1, st->rnash_p = p;
        } else if (v > 0 && v >= *best * (1 - 1e-12)) {
            st->rnash_ties++;
        }
    }
}

int pl__settle_rnash(pl_settlement *st, int prune, pl_error *err)
{
    free(st->rnash);
    st->rnash = NULL, st->rnash_found = 0, st->rnash_ties = 0, st->rnash_value = 0;
    st->rnash_p = 0;
    if (!st->n_rat)
        return PL_OK;
    size_t nj = st->n_rj, ne = pl__settle_n_extra(st, nj);
    double *floor = malloc((nj + ne) * sizeof *floor);
    unsigned char *cr = malloc(st->nj);
    uint32_t *map = NULL;
    pl_space *sp = NULL;
    pl_frontier *ext = NULL;
    pl_frontier_opts fo = PL_FRONTIER_OPTS_INIT;
    int rc = floor && cr ? PL_OK : pl__error_nomem(err);
    for (size_t j = 0; !rc && j < nj + ne; j++)
        floor[j] = j < st->n ? st->d[j] : -INFINITY;
    fo.floor = floor;
    if (!rc)
        rc = ratified_space(st, nj, &sp, &map, err);
    pl__span half = st->span; /* the merge, then the scan of its frontier */
    half.hi = st->span.lo + (st->span.hi - st->span.lo) / 2;
    if (!rc && sp && !(rc = pl__frontier_merge(&ext, sp, &fo, &half, err)) && map)
        pl__settle_unmap(st, ext, map);
    pl_space_free(sp);
    double best = 0;
    size_t at = 0;
    half.lo = half.hi, half.hi = st->span.hi;
    if (!rc && ext)
        ratified_best(st, ext, prune, cr, &at, &best, &half);
    if (!rc && best > 0) {
        st->rnash = malloc(st->K * sizeof *st->rnash);
        if (!st->rnash)
            rc = pl__error_nomem(err);
        else
            memcpy(st->rnash, pl_frontier_package(ext, at), st->K * sizeof *st->rnash);
        st->rnash_found = !rc;
        st->rnash_value = best;
    }
    pl_frontier_free(ext);
    free(floor), free(cr), free(map);
    return rc;
}

static int ratified_nash(pl_settlement *st, pl_error *err)
{
    return pl__settle_rnash(st, 1, err);
}

/* The frontier by the merge, within the caller's memory limit. */
static int merge(pl_settlement *st, pl_error *err)
{
    pl_frontier_opts fo = PL_FRONTIER_OPTS_INIT;
    fo.max_bytes = st->o.max_bytes;
    fo.floor = st->rational_only ? st->d : NULL;
    if (st->party_red)
        return pl__settle_merge_within(st, &fo, err);
    return pl__frontier_merge(&st->f, st->sp, &fo, &st->span, err);
}

static int weigh(pl_settlement *st, pl_error *err)
{
    return weights(st) ? pl__error_nomem(err) : PL_OK;
}

/* The analysis in order, each needing the ones before; progress is reported after each,
   PL_SETTLE_STEPS steps apart, and the long ones (the merges, the solutions, the scan for the
   ratified Nash point, the package walk of the win-sets, the logrolls) report within. */
static int (*const phases[])(pl_settlement *, pl_error *) = {
    pl__settle_build, weigh, merge, solve_all, ratified_nash, pl__settle_winsets,
    pl__settle_logrolls};
#define N_PHASES (sizeof phases / sizeof *phases)
#define PL_SETTLE_STEPS 100

int pl_settle_compute(pl_settlement **out, const pl_scenario *s, const pl_settle_opts *opts,
                      pl_error *err)
{
    return pl__settle_compute(out, s, opts, 0, err);
}

int pl__settle_compute(pl_settlement **out, const pl_scenario *s, const pl_settle_opts *opts,
                       unsigned flags, pl_error *err)
{
    if (!out || !s)
        return pl__fail(err, PL_EMISUSE, "pl_settle_compute: NULL argument");
    *out = NULL;
    pl_settle_opts o = PL_SETTLE_OPTS_INIT;
    if (opts)
        o = *opts;
    if (!(o.time >= 0 && o.time <= 1) || !(o.tau > 0 && o.tau <= 1) || !(o.step >= 0))
        return pl__fail(err, PL_EINPUT, "time %g, tau %g, step %g; expected time in [0, 1], "
                        "tau in (0, 1] and step >= 0", o.time, o.tau, o.step);
    pl_settlement *st = calloc(1, sizeof *st);
    if (!st)
        return pl__error_nomem(err);
    st->s = s;
    st->o = o;
    st->rational_only = (flags & PL__SETTLE_RATIONAL) != 0;
    st->ratifiers_only = (flags & PL__SETTLE_RATIFIERS) != 0;
    int rc = PL_OK;
    for (size_t k = 0; !rc && k < N_PHASES; k++) {
        st->span = (pl__span){&st->o.progress, k * PL_SETTLE_STEPS, (k + 1) * PL_SETTLE_STEPS,
                              N_PHASES * PL_SETTLE_STEPS};
        if (!(rc = phases[k](st, err)))
            pl__progress(&o.progress, (k + 1) * PL_SETTLE_STEPS, N_PHASES * PL_SETTLE_STEPS);
    }
    if (rc) {
        pl_settle_free(st);
        return rc;
    }
    *out = st;
    return PL_OK;
}

int pl_settle_counts(const pl_settlement *st, uint64_t *rational, uint64_t *ratifiable,
                     uint64_t *both)
{
    if (!st || !st->ws.counted)
        return 0;
    if (rational)
        *rational = st->ws.rational;
    if (ratifiable)
        *ratifiable = st->ws.ratifiable;
    if (both)
        *both = st->ws.zone;
    return 1;
}

const pl_space *pl_settle_space(const pl_settlement *st) { return st ? st->sp : NULL; }
const pl_frontier *pl_settle_frontier(const pl_settlement *st) { return st ? st->f : NULL; }

size_t pl_settle_party(const pl_settlement *st, size_t i)
{
    return st && i < st->n ? st->judge[i].actor : (size_t)-1;
}

double pl_settle_disagreement(const pl_settlement *st, size_t i)
{
    return st && i < st->n ? st->d[i] : NAN;
}

const pl_solution *pl_settle_solution(const pl_settlement *st, pl_solution_kind k)
{
    return st && (unsigned)k < PL_SOL_COUNT ? &st->sol[k] : NULL;
}

const uint32_t *pl_settle_solution_package(const pl_settlement *st, pl_solution_kind k)
{
    const pl_solution *sol = pl_settle_solution(st, k);
    return sol && sol->found ? pl_frontier_package(st->f, sol->ties[0]) : NULL;
}

void pl_settle_package_points(const pl_settlement *st, const uint32_t *w, double *x)
{
    for (size_t k = 0; st && w && k < st->K; k++)
        x[k] = st->at[k][w[k]];
}

double pl_settle_option(const pl_settlement *st, size_t k, size_t v, const char **name)
{
    if (!st || k >= st->K || v >= st->m[k])
        return NAN;
    if (name)
        *name = st->name[k][v];
    return st->at[k][v];
}

/* Party i's utility of scale points x (opt: the option at each, or -1; NULL:
   the outcome placed exactly there, if any, as the votes take it). Allocates
   nothing, so a NaN from pl_settle_point_utility can only mean misuse. */
static double point_utility(const pl_settlement *st, size_t i, const double *x, const long *opt)
{
    const pl_actor *a = pl_scenario_actor(st->s, st->judge[i].actor);
    double v = 0;
    for (size_t k = 0; k < st->K; k++) {
        long o = opt ? opt[k] : pl__settle_option_at(st, k, x[k]);
        v += st->w[i * st->K + k] * pl__settle_value(st, i, k, x[k], o);
    }
    return pow(pl_actor_discount(a), st->o.time) * v;
}

int pl_settle_proposal(const pl_settlement *st, const pl_proposal *p, double *u, pl_error *err)
{
    if (!st || !p || !u)
        return pl__fail(err, PL_EMISUSE, "pl_settle_proposal: NULL argument");
    if (pl_proposal_n_issues(p) != st->K)
        return pl__fail(err, PL_EMISUSE, "pl_settle_proposal: the proposal has %zu issues, the "
                        "settlement %zu; expected a proposal read against its scenario",
                        pl_proposal_n_issues(p), st->K);
    long *opt = malloc(st->K * sizeof *opt);
    if (!opt)
        return pl__error_nomem(err);
    for (size_t k = 0; k < st->K; k++)
        opt[k] = pl_proposal_option(p, k);
    for (size_t i = 0; i < st->n; i++)
        u[i] = point_utility(st, i, pl_proposal_points(p), opt);
    free(opt);
    return PL_OK;
}

double pl_settle_point_utility(const pl_settlement *st, size_t i, const double *x)
{
    if (!st || i >= st->n || !x)
        return NAN;
    return point_utility(st, i, x, NULL);
}
