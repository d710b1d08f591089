/* SPDX-License-Identifier: MIT */
/*
** settle_build.c: a scenario's outcome space and its judges' utilities
** (docs/models.md, "Settlement"). Judges are the parties, then every member
** of a body that ratifies for a party.
**
** Options per issue: the issue's named options; else a grid (the --step
** option, or the issue's step); else the points of its worded scale.
** Utility: u_j(w) = delta_j^t sum_k W_jk e_jk(w_k), where W_jk is the
** salience (divided by the judge's total salience with --normalise) and e is
** the judge's own value of the option, or 1 - loss(|x_jk - w_k| / 100);
** an issue the judge holds no position on adds nothing.
** No-deal value: the actor's no_deal, else u_j(status quo) when every issue
** has one, else 0 (GENIUS's default); discounted like the utilities; with
** the scenario's no_deal section, less the drift and conflict costs (nodeal.c).
*/
#include "settlement.h"
#include "../core/error_int.h"
#include "../core/alloc.h"
#include "../core/suggest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

double pl__settle_value(const pl_settlement *st, size_t j, size_t k, double x, long v)
{
    size_t a = st->judge[j].actor;
    const double *vals = pl_scenario_values(st->s, a, k);
    if (vals)
        return v >= 0 ? vals[v] : 0;
    double pos, sal;
    if (pl_scenario_position(st->s, a, k, &pos, &sal) != 1)
        return 0;
    return pl__issue_score(pos, x, st->o.loss == PL_LOSS_QUADRATIC);
}

double pl__issue_score(double pos, double x, int quadratic)
{
    double dist = fabs(pos - x) / 100;
    return 1 - (quadratic ? dist * dist : dist);
}

static int add_judge(pl_settlement *st, size_t actor, size_t *at)
{
    for (size_t j = 0; j < st->nj; j++)
        if (st->judge[j].actor == actor) {
            *at = j;
            return PL_OK;
        }
    pl__judge *nj = pl__grow(st->judge, &st->cap_judge, st->nj + 1, sizeof *nj, 8);
    if (!nj)
        return PL_ENOMEM;
    st->judge = nj;
    memset(&nj[st->nj], 0, sizeof *nj);
    nj[st->nj].actor = actor;
    *at = st->nj++;
    return PL_OK;
}

/* The option that names the parties, as errors name it (the CLI's and Python's). */
#define PL__PARTIES_OPT "--parties (Python: parties=)"

/* The parties: --parties ids, or every actor at the table. */
static int pick_parties(pl_settlement *st, pl_error *err)
{
    const pl_scenario *s = st->s;
    size_t at;
    if (!st->o.parties) {
        for (size_t a = 0; a < pl_scenario_n_actors(s); a++)
            if (pl_actor_at_table(pl_scenario_actor(s, a)) && add_judge(st, a, &at))
                return pl__error_nomem(err);
    }
    for (const char *p = st->o.parties; p && *p;) {
        size_t len = strcspn(p, ",");
        char id[128];
        snprintf(id, sizeof id, "%.*s", (int)(len < sizeof id ? len : sizeof id - 1), p);
        long a = pl_scenario_actor_index(s, id);
        char tail[256];
        if (a < 0)
            return pl__fail(err, PL_ENOTFOUND, PL__PARTIES_OPT ": '%s' is not an actor of scenario '%s'; "
                            "%s", id, pl_scenario_name(s),
                            pl__scenario_id_tail(s, 'a', id, "expected actor ids separated by "
                                                 "commas", tail, sizeof tail));
        size_t before = st->nj;
        if (add_judge(st, (size_t)a, &at))
            return pl__error_nomem(err);
        if (st->nj == before)
            return pl__fail(err, PL_EINPUT, PL__PARTIES_OPT ": '%s' is named twice; expected each once",
                            id);
        p += len + (p[len] == ',');
    }
    st->n = st->nj;
    if (st->n < 2)
        return pl__fail(err, PL_EINPUT, "parties: %zu part%s; expected at least 2 for a "
                        "settlement", st->n, st->n == 1 ? "y" : "ies");
    return PL_OK;
}

/* How many options issue k has (*m: named options, a grid, or the scale's anchors), and the
   grid's step (0: none). */
static int option_count(const pl_settlement *st, size_t k, size_t *m, double *step,
                        pl_error *err)
{
    const pl_issue *x = pl_scenario_issue(st->s, k);
    size_t no = pl_issue_n_options(x);
    *step = no ? 0 : st->o.step > 0 ? st->o.step : pl_issue_step(x);
    *m = no ? no : *step > 0 ? (size_t)ceil(100 / *step - 1e-9) + 1 : pl_issue_n_anchors(x);
    if (*m > 100000)
        return pl__fail(err, PL_EINPUT, "a step of %g makes %zu options on issue '%s'; expected "
                        "at most 100000", *step, *m, pl_issue_id(x));
    return PL_OK;
}

/* Issue k's options into st->at[k] and st->name[k] (st->m[k] of each, names zeroed). */
static void issue_options(pl_settlement *st, size_t k, double step)
{
    const pl_issue *x = pl_scenario_issue(st->s, k);
    size_t no = pl_issue_n_options(x), m = st->m[k];
    for (size_t v = 0; v < m; v++) {
        if (no)
            st->at[k][v] = pl_issue_option(x, v, NULL, &st->name[k][v]);
        else if (step > 0)
            st->at[k][v] = v + 1 == m ? 100 : (double)v * step;
        else
            st->at[k][v] = pl_issue_anchor(x, v, &st->name[k][v]);
    }
}

/* Every issue's options: the per-issue arrays at and name, and their rows, in one block
   (st->at; a stress draw builds a settlement a draw: 2 K + 1 allocations fewer). */
static int all_options(pl_settlement *st, pl_error *err)
{
    size_t K = st->K, total = 0;
    for (size_t k = 0; k < K; k++) {
        double step;
        int rc = option_count(st, k, &st->m[k], &step, err);
        if (rc)
            return rc;
        total += st->m[k]; /* at most 100000 an issue: the sum cannot wrap first */
    }
    _Static_assert(sizeof(double) % _Alignof(const char *) == 0 &&
                   sizeof(double *) % _Alignof(const char **) == 0 &&
                   sizeof(const char **) % _Alignof(double) == 0,
                   "the rows and the per-issue arrays follow one another, each aligned");
    size_t row = sizeof(double) + sizeof(const char *), head = sizeof(double *) +
                 sizeof(const char **);
    void *blk = K < SIZE_MAX / 2 / head && total < (SIZE_MAX / 2 - K * head) / row
                    ? calloc(1, K * head + total * row) : NULL;
    if (!blk)
        return pl__error_nomem(err);
    st->at = blk;
    st->name = (const char ***)(void *)(st->at + K);
    double *at = (double *)(void *)(st->name + K);
    const char **name = (const char **)(void *)(at + total);
    for (size_t k = 0; k < K; at += st->m[k], name += st->m[k], k++) {
        double step;
        (void)option_count(st, k, &st->m[k], &step, NULL); /* passed above */
        st->at[k] = at;
        st->name[k] = name;
        issue_options(st, k, step);
    }
    return PL_OK;
}

long pl__settle_option_at(const pl_settlement *st, size_t k, double x)
{
    for (size_t v = 0; v < st->m[k]; v++)
        if (st->at[k][v] == x)
            return (long)v;
    return -1;
}

/* Weights, utilities and the no-deal value of judge j. */
double pl_settle_issue_utility(const pl_settlement *st, size_t i, size_t k, double x)
{
    if (!st || i >= st->n || k >= st->K)
        return NAN;
    const pl_actor *a = pl_scenario_actor(st->s, st->judge[i].actor);
    return pow(pl_actor_discount(a), st->o.time) * st->w[i * st->K + k] *
           pl__settle_value(st, i, k, x, pl__settle_option_at(st, k, x));
}

/* Judge j's no-deal value from its static value (nodeal.c adds the path, if any). */
static int no_deal_is(pl_settlement *st, size_t j, double base, const char *from)
{
    pl__nodeal_fill(st, j, base, from, &st->judge[j].nd);
    st->judge[j].d = st->judge[j].nd.value;
    st->judge[j].d_from = from;
    return PL_OK;
}

/* Judge j's utility of each option of issue k, weight wk times pl__settle_value, into the
   space, a finite one only (as pl_space_set takes it); the judge's values or position are
   looked up once for the issue, not per option (a draw of `parley stress` builds this anew). */
static void issue_row(pl_settlement *st, size_t j, size_t k, double wk)
{
    size_t a = st->judge[j].actor;
    const double *vals = pl_scenario_values(st->s, a, k);
    double pos = 0, sal, *row = st->all->t + j * st->all->total + st->all->off[k];
    int placed = !vals && pl_scenario_position(st->s, a, k, &pos, &sal) == 1;
    int quadratic = st->o.loss == PL_LOSS_QUADRATIC;
    for (size_t v = 0; v < st->m[k]; v++) {
        double e = vals ? vals[v] : placed ? pl__issue_score(pos, st->at[k][v], quadratic) : 0;
        if (isfinite(wk * e))
            row[v] = wk * e;
    }
}

static int judge_terms(pl_settlement *st, size_t j, pl_error *err)
{
    const pl_scenario *s = st->s;
    const pl_actor *a = pl_scenario_actor(s, st->judge[j].actor);
    double total = 0, disc = pow(pl_actor_discount(a), st->o.time);
    for (size_t k = 0; k < st->K; k++) {
        double pos, sal = 0;
        pl_scenario_position(s, st->judge[j].actor, k, &pos, &sal);
        st->w[j * st->K + k] = sal;
        total += sal;
    }
    for (size_t k = 0; st->o.normalise && total > 0 && k < st->K; k++)
        st->w[j * st->K + k] /= total;
    st->judge[j].scale = st->o.normalise && total > 0 ? 1 : total;
    for (size_t k = 0; k < st->K; k++)
        issue_row(st, j, k, disc * st->w[j * st->K + k]);
    const pl_value *nd = pl_actor_no_deal(a);
    if (nd)
        return no_deal_is(st, j, nd->value, "no_deal");
    double d = 0;
    for (size_t k = 0; k < st->K; k++) {
        const pl_value *sq = pl_issue_status_quo(pl_scenario_issue(s, k));
        if (!sq)
            return no_deal_is(st, j, 0, "none");
        long v = pl__settle_option_at(st, k, sq->value);
        if (v < 0 && pl_scenario_values(s, st->judge[j].actor, k))
            return pl__fail(err, PL_EINPUT, "actor '%s' values issue '%s' by its options, and "
                            "the status quo %g is none of them; expected a no_deal value for "
                            "the actor or a status quo at an option", pl_actor_id(a),
                            pl_issue_id(pl_scenario_issue(s, k)), sq->value);
        d += st->w[j * st->K + k] * pl__settle_value(st, j, k, sq->value, v);
    }
    return no_deal_is(st, j, d, "status quo");
}

#define PL_MAX_NOISY 20

/* A body as a voter on packages; PL_EINPUT when too large to count exactly. */
static int make_voter(pl_settlement *st, size_t body, pl__voter *q, pl_error *err)
{
    const pl_scenario *s = st->s;
    const pl_body *b = pl_scenario_body(s, body);
    memset(q, 0, sizeof *q);
    q->body = body;
    q->noise = pl_body_noise(b) ? pl_body_noise(b)->value : 0;
    size_t nm = pl_body_n_members(b);
    if (nm > 64 || (q->noise > 0 && nm > PL_MAX_NOISY))
        return pl__fail(err, PL_EINPUT, "body '%s' has %zu members; its votes are computed "
                        "exactly for up to 64 members, %d of them with a noisy vote",
                        pl_body_id(b), nm, PL_MAX_NOISY);
    int rc = pl_game_from_body(&q->game, s, body, err);
    if (rc)
        return rc;
    if (!(q->judge = malloc(nm * sizeof *q->judge)))
        return pl__error_nomem(err);
    for (size_t m = 0; m < nm; m++)
        if (add_judge(st, (size_t)pl_body_member(b, m), &q->judge[m]))
            return pl__error_nomem(err);
    return PL_OK;
}

/*
** One voter per body. The bodies that ratify for a party come first, so their
** members are the judges right after the parties (st->n_rj); a ratifying body
** too large to count is an error, any other is left uncounted. With
** ratifiers_only the others get none (their game stays NULL).
*/
static int voters(pl_settlement *st, pl_error *err)
{
    const pl_scenario *s = st->s;
    size_t nb = pl_scenario_n_bodies(s);
    if (nb && !(st->bod = calloc(nb, sizeof *st->bod)))
        return pl__error_nomem(err);
    st->n_bod = nb; /* only once they exist: pl_settle_free walks n_bod of them */
    for (size_t p = 0; p < st->n; p++) {
        size_t a = st->judge[p].actor;
        for (size_t r = 0; r < pl_scenario_n_ratifiers(s, a); r++) {
            pl__ratifier *nr = pl__grow(st->rat, &st->cap_rat, st->n_rat + 1, sizeof *nr, 4);
            if (!nr)
                return pl__error_nomem(err);
            st->rat = nr;
            size_t b = (size_t)pl_scenario_ratifier(s, a, r);
            st->rat[st->n_rat++] = (pl__ratifier){p, b};
            int rc = st->bod[b].game ? PL_OK : make_voter(st, b, &st->bod[b], err);
            if (rc)
                return rc;
        }
    }
    st->n_rj = st->nj;
    for (size_t b = 0; !st->ratifiers_only && b < st->n_bod; b++) {
        int rc = st->bod[b].game ? PL_OK : make_voter(st, b, &st->bod[b], err);
        if (rc == PL_EINPUT) {  /* too large: its win-set is reported as not computed */
            pl_game_free(st->bod[b].game);
            free(st->bod[b].judge);
            memset(&st->bod[b], 0, sizeof st->bod[b]);
            pl_error_clear(err);
        } else if (rc) {
            return rc;
        }
    }
    return PL_OK;
}

int pl__settle_build(pl_settlement *st, pl_error *err)
{
    int rc = pick_parties(st, err);
    if (!rc)
        rc = voters(st, err);
    if (rc)
        return rc;
    st->K = pl_scenario_n_issues(st->s);
    st->m = calloc(st->K, sizeof *st->m);
    st->w = calloc(pl__mul(st->nj, st->K), sizeof *st->w);
    if (!st->m || !st->w)
        return pl__error_nomem(err);
    rc = all_options(st, err);
    if (!rc)
        rc = pl_space_new(&st->all, st->nj, st->K, st->m, err);
    pl__nodeal_rate(st);
    for (size_t j = 0; !rc && j < st->nj; j++)
        rc = judge_terms(st, j, err);
    if (!rc)
        rc = pl__settle_red_lines(st, err);
    return rc ? rc : pl__settle_subspace(st, st->n, &st->sp, err);
}

int pl__settle_subspace(const pl_settlement *st, size_t n, pl_space **out, pl_error *err)
{
    int rc = pl_space_new(out, n, st->K, st->m, err);
    if (!rc) /* the same options, so the same layout: the first n judges' rows as they are */
        memcpy((*out)->t, st->all->t, n * st->all->total * sizeof *st->all->t);
    return rc;
}

/* ---- acceptance -------------------------------------------------------- */

double pl__settle_judge_yes(const pl_settlement *st, size_t j, double u, int crossed,
                            double noise)
{
    if (crossed)
        return 0;  /* a red line: no, whatever the gain or the noise */
    const pl__judge *jd = &st->judge[j];
    double g = u - jd->d;
    double pts = jd->scale > 0 ? 100 * g / jd->scale : 0;
    return pl_vote_yes(fabs(pts) < 1e-9 ? 0 : pts, noise, st->o.indifferent_yes);
}

/* Probability that member x of voter r votes yes, given every judge's utility u. */
static double member_yes(const pl_settlement *st, const pl__voter *r, size_t x,
                         const double *u, const unsigned char *cr)
{
    size_t j = r->judge[x];
    return pl__settle_judge_yes(st, j, u[j], cr && cr[j], r->noise);
}

size_t pl__settle_pivotal(const pl_settlement *st, const pl__voter *r, const double *u,
                          const unsigned char *cr, size_t *out)
{
    size_t m = pl_game_n_members(r->game), np = 0;
    unsigned char in[64];
    for (size_t x = 0; x < m && x < 64; x++)
        in[x] = member_yes(st, r, x, u, cr) >= 0.5;
    int wins = pl_game_wins(r->game, in);
    for (size_t x = 0; x < m && x < 64; x++) {
        in[x] = !in[x];
        if (pl_game_wins(r->game, in) != wins)
            out[np++] = x;
        in[x] = !in[x];
    }
    return np;
}

double pl__settle_accept(const pl_settlement *st, const pl__voter *r, const double *u,
                         const unsigned char *cr)
{
    size_t m = pl_game_n_members(r->game), noisy[PL_MAX_NOISY], nn = 0;
    unsigned char in[64];
    double p[64];
    if (m > 64)
        return NAN;  /* refused when built */
    for (size_t x = 0; x < m; x++) {
        p[x] = member_yes(st, r, x, u, cr);
        in[x] = p[x] >= 1;
        if (p[x] > 0 && p[x] < 1) {
            if (nn == PL_MAX_NOISY)
                return NAN;
            noisy[nn++] = x;
        }
    }
    double pass = 0;
    for (uint64_t mask = 0; mask < ((uint64_t)1 << nn); mask++) {
        double pr = 1;
        for (size_t y = 0; y < nn; y++) {
            int yes = (int)(mask >> y & 1);
            in[noisy[y]] = (unsigned char)yes;
            pr *= yes ? p[noisy[y]] : 1 - p[noisy[y]];
        }
        if (pl_game_wins(r->game, in))
            pass += pr;
    }
    return pass;
}

double pl__settle_ratifies(const pl_settlement *st, size_t r, const double *u,
                           const unsigned char *cr)
{
    return pl__settle_accept(st, &st->bod[st->rat[r].body], u, cr);
}

double pl__settle_ratify_all(const pl_settlement *st, const double *u, const unsigned char *cr,
                             int *all_pass)
{
    double p = 1;
    int ok = 1;
    for (size_t r = 0; r < st->n_rat; r++) {
        double a = pl__settle_ratifies(st, r, u, cr);
        ok &= a >= st->o.tau;
        p *= a;
    }
    if (all_pass)
        *all_pass = ok;
    return p;
}
