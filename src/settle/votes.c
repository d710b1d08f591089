/* SPDX-License-Identifier: MIT */
/*
** votes.c: who votes no on a package, and why (docs/models.md, "Votes"). For
** every party its acceptance, for every ratifying body its probability of
** passing and each member's vote: utility against its no-deal value, the
** margin in utility and in scale points, P(yes), and the margin split over
** the issues, delta^t W_k (e_k(package) - e_k(no-deal point)), ordered by how
** hard each issue pushes towards the vote. The votes are the ones every other
** result uses (pl__settle_accept, pl__settle_judge_yes): one rule, read twice.
*/
#include "settlement.h"
#include "../core/alloc.h"
#include "../core/body_rule.h"
#include "../core/error_int.h"

#include <stdlib.h>
#include <string.h>

struct pl_votes {
    size_t n, nr, K;
    pl_vote *party;       /* n */
    pl_vote_body *body;   /* nr: one per ratification link */
    pl_vote *member;      /* every body's members, body after body */
    size_t *issue;        /* K per vote: parties first, then the members */
    double *contrib;
    pl__buf rules;        /* the bodies' rules, each ending in NUL */
    double p_ratified;
};

void pl_votes_free(pl_votes *v)
{
    if (!v)
        return;
    free(v->party), free(v->body), free(v->member), free(v->issue), free(v->contrib);
    pl__buf_free(&v->rules);
    free(v);
}

size_t pl_votes_n_parties(const pl_votes *v) { return v ? v->n : 0; }
size_t pl_votes_n_bodies(const pl_votes *v) { return v ? v->nr : 0; }
double pl_votes_p_ratified(const pl_votes *v) { return v ? v->p_ratified : NAN; }

const pl_vote *pl_votes_party(const pl_votes *v, size_t i)
{
    return v && i < v->n ? &v->party[i] : NULL;
}

const pl_vote_body *pl_votes_body(const pl_votes *v, size_t r)
{
    return v && r < v->nr ? &v->body[r] : NULL;
}

/* Judge j's utility at scale points x (options opt): the sum of its issues' terms,
   each computed as the outcome space stores it, so a package gets the same value. */
static double utility_at(const pl_settlement *st, size_t j, const double *x, const long *opt)
{
    const pl_actor *a = pl_scenario_actor(st->s, st->judge[j].actor);
    double disc = pow(pl_actor_discount(a), st->o.time), u = 0;
    for (size_t k = 0; k < st->K; k++)
        u += disc * st->w[j * st->K + k] * pl__settle_value(st, j, k, x[k], opt[k]);
    return u;
}

/* The first of judge j's red lines that points x cross: its issue, or -1. */
static long red_line_at(const pl_settlement *st, size_t j, const double *x)
{
    for (size_t r = 0; r < st->n_red; r++) {
        size_t k = st->red[r].line->set.issue;
        if (st->red[r].judge == j && pl__optset_has(&st->red[r].line->set, x[k]))
            return (long)k;
    }
    return -1;
}

/* Issues in the order that pushes towards the vote: by contribution, descending for a
   yes, ascending for a no; ties in scenario order (insertion sort: K is small). */
static void order_issues(size_t K, const double *c, int yes, size_t *issue)
{
    for (size_t k = 0; k < K; k++) {
        size_t at = k;
        while (at > 0) {
            double a = c[issue[at - 1]], b = c[k];
            if (!(yes ? b > a : b < a))
                break;
            issue[at] = issue[at - 1];
            at--;
        }
        issue[at] = k;
    }
}

/*
** Judge j's vote at points x: utility u (already computed for every judge), the
** no-deal point ref (K values), noise < 0 for a party (it accepts iff u >= N).
** Writes the contributions into c (K, in issue order) and their order into issue.
*/
static void fill_vote(const pl_settlement *st, size_t j, const double *u, const double *x,
                      const long *opt, const double *ref, double noise, size_t *issue,
                      double *c, pl_vote *out)
{
    const pl__judge *jd = &st->judge[j];
    const pl_actor *a = pl_scenario_actor(st->s, jd->actor);
    double disc = pow(pl_actor_discount(a), st->o.time), sum = 0;
    memset(out, 0, sizeof *out);
    out->actor = jd->actor;
    out->utility = u[j];
    out->no_deal = jd->d;
    out->margin = u[j] - jd->d;
    out->margin_points = jd->scale > 0 ? 100 * out->margin / jd->scale : NAN;
    out->red_line = red_line_at(st, j, x);
    if (noise < 0)
        out->p_yes = out->red_line < 0 && u[j] >= jd->d - pl__tol(u[j], jd->d);
    else
        out->p_yes = pl__settle_judge_yes(st, j, u[j], out->red_line >= 0, noise);
    out->yes = out->p_yes >= 0.5;
    for (size_t k = 0; k < st->K; k++) {
        c[k] = disc * st->w[j * st->K + k] * (pl__settle_value(st, j, k, x[k], opt[k]) - ref[k]);
        sum += c[k];
    }
    out->other = out->margin - sum;
    order_issues(st->K, c, out->yes, issue);
    out->n_issues = st->K;
    out->issue = issue;
    out->contribution = c;
}

/* Room for the votes on one agreement; NULL when out of memory. */
static pl_votes *votes_new(const pl_settlement *st)
{
    pl_votes *v = calloc(1, sizeof *v);
    if (!v)
        return NULL;
    size_t nm = 0;
    for (size_t r = 0; r < st->n_rat; r++)
        nm += pl_game_n_members(st->bod[st->rat[r].body].game);
    v->n = st->n, v->nr = st->n_rat, v->K = st->K;
    size_t rows = pl__mul(st->n + nm, st->K ? st->K : 1);
    v->party = pl__mallocarray(st->n, sizeof *v->party);
    v->body = pl__mallocarray(st->n_rat ? st->n_rat : 1, sizeof *v->body);
    v->member = pl__mallocarray(nm ? nm : 1, sizeof *v->member);
    v->issue = pl__mallocarray(rows, sizeof *v->issue);
    v->contrib = pl__mallocarray(rows, sizeof *v->contrib);
    if (!v->party || !v->body || !v->member || !v->issue || !v->contrib) {
        pl_votes_free(v);
        return NULL;
    }
    return v;
}

/*
** Whether member m blocks alone: its veto is written into the rules, or the others together
** cannot pass (a bloc holding more than the total less the quota, as the unionist vote of a
** two-bloc referendum). The rule in words names both, as parley power's veto column does.
** A ratifying body has at most 64 members (settle_build.c).
*/
static int blocks_alone(const void *game, size_t m)
{
    const pl_game *g = game;
    unsigned char others[64];
    size_t n = pl_game_n_members(g);
    if (pl_game_is_veto(g, m) || n > sizeof others)
        return pl_game_is_veto(g, m);
    memset(others, 1, n);
    others[m] = 0;
    return !pl_game_wins(g, others);
}

/* Every ratifying body's vote; u: every judge's utility, cr: their red lines crossed. */
static int body_votes(const pl_settlement *st, pl_votes *v, const double *x, const long *opt,
                      const double *u, const unsigned char *cr, double *ref, size_t row)
{
    size_t *off = pl__mallocarray(st->n_rat ? st->n_rat : 1, sizeof *off), at = 0;
    if (!off)
        return PL_ENOMEM;
    v->p_ratified = 1;
    for (size_t r = 0; r < st->n_rat; r++) {
        const pl__voter *q = &st->bod[st->rat[r].body];
        pl_vote_body *b = &v->body[r];
        b->body = q->body, b->party = st->rat[r].party, b->noise = q->noise;
        b->p_pass = pl__settle_accept(st, q, u, cr);
        b->passes = b->p_pass >= st->o.tau;
        v->p_ratified *= b->p_pass;
        b->n_members = pl_game_n_members(q->game);
        b->members = v->member + at;
        for (size_t m = 0; m < b->n_members; m++, at++, row++) {
            pl__nodeal_point(st, q->judge[m], ref);
            fill_vote(st, q->judge[m], u, x, opt, ref, q->noise, v->issue + row * st->K,
                      v->contrib + row * st->K, &v->member[at]);
        }
        off[r] = v->rules.len;
        pl__body_rule_words(st->s, pl_scenario_body(st->s, q->body), blocks_alone, q->game,
                            &v->rules);
        pl__buf_put(&v->rules, "", 1);  /* the NUL that ends this body's rule */
    }
    for (size_t r = 0; r < st->n_rat && !v->rules.failed; r++)
        v->body[r].rule = v->rules.buf + off[r];
    free(off);
    return v->rules.failed ? PL_ENOMEM : PL_OK;
}

int pl__settle_votes_at(pl_votes **out, const pl_settlement *st, const double *x,
                        const long *opt_in, pl_error *err)
{
    *out = NULL;
    pl_votes *v = votes_new(st);
    double *u = pl__mallocarray(st->nj, sizeof *u);
    double *ref = pl__mallocarray(st->K ? st->K : 1, sizeof *ref);
    long *opt = pl__mallocarray(st->K ? st->K : 1, sizeof *opt);
    unsigned char *cr = calloc(st->nj, 1);
    int rc = v && u && ref && opt && cr ? PL_OK : PL_ENOMEM;
    for (size_t k = 0; !rc && k < st->K; k++)
        opt[k] = opt_in ? opt_in[k] : pl__settle_option_at(st, k, x[k]);
    for (size_t j = 0; !rc && j < st->nj; j++) {
        u[j] = utility_at(st, j, x, opt);
        cr[j] = red_line_at(st, j, x) >= 0;
    }
    for (size_t i = 0; !rc && i < st->n; i++) {
        pl__nodeal_point(st, i, ref);
        fill_vote(st, i, u, x, opt, ref, -1, v->issue + i * st->K, v->contrib + i * st->K,
                  &v->party[i]);
    }
    if (!rc)
        rc = body_votes(st, v, x, opt, u, cr, ref, st->n);
    free(u), free(ref), free(opt), free(cr);
    if (rc) {
        pl_votes_free(v);
        return pl__error_nomem(err);
    }
    *out = v;
    return PL_OK;
}

int pl_settle_votes(pl_votes **out, const pl_settlement *st, const uint32_t *w, pl_error *err)
{
    if (!out || !st || !w)
        return pl__fail(err, PL_EMISUSE, "pl_settle_votes: NULL argument");
    double *x = pl__mallocarray(st->K ? st->K : 1, sizeof *x);
    long *opt = pl__mallocarray(st->K ? st->K : 1, sizeof *opt);
    int rc = x && opt ? PL_OK : pl__error_nomem(err);
    for (size_t k = 0; !rc && k < st->K; k++) {
        if (w[k] >= st->m[k]) {
            rc = pl__fail(err, PL_EMISUSE, "pl_settle_votes: option %u of issue %zu; the "
                          "issue has %zu", (unsigned)w[k], k, st->m[k]);
            break;
        }
        x[k] = st->at[k][w[k]];
        opt[k] = (long)w[k];
    }
    if (!rc)
        rc = pl__settle_votes_at(out, st, x, opt, err);
    free(x), free(opt);
    return rc;
}

int pl_settle_votes_proposal(pl_votes **out, const pl_settlement *st, const pl_proposal *p,
                             pl_error *err)
{
    if (!out || !st || !p)
        return pl__fail(err, PL_EMISUSE, "pl_settle_votes_proposal: NULL argument");
    if (pl_proposal_n_issues(p) != st->K)
        return pl__fail(err, PL_EMISUSE, "pl_settle_votes_proposal: the proposal has %zu "
                        "issues, the settlement %zu; expected a proposal read against its "
                        "scenario", pl_proposal_n_issues(p), st->K);
    long *opt = pl__mallocarray(st->K ? st->K : 1, sizeof *opt);
    if (!opt)
        return pl__error_nomem(err);
    for (size_t k = 0; k < st->K; k++)
        opt[k] = pl_proposal_option(p, k);
    int rc = pl__settle_votes_at(out, st, pl_proposal_points(p), opt, err);
    free(opt);
    return rc;
}
