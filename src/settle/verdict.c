/* SPDX-License-Identifier: MIT */
/*
** verdict.c: a proposal judged against its scenario (parley/verdict.h):
** acceptance per party, ratification, and the commitment check. Each finding
** comes from the analysis that owns it (settle's utilities and no-deal
** values, settle's ratification, durability's commitment check), so a
** proposal is judged here exactly as `parley settle` and `parley durability`
** judge their packages.
*/
#include "settlement.h"
#include "../core/alloc.h"
#include "../core/buf.h"
#include "../core/error_int.h"
#include "../core/fmt.h"
#include "parley/dynamics.h"
#include "parley/emit.h"
#include "parley/verdict.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct pl_verdict {
    const pl_scenario *s;     /* borrowed: the verdict is read while s lives */
    size_t n;
    size_t *actor;            /* each party's actor */
    double *u, *d;            /* utility of the proposal, no-deal value */
    int package;
    double ratified;
    pl_durability *dur;       /* NULL without a durability section */
    pl_votes *votes;          /* settle's votes on it: acceptance, ratification */
};

int pl_settle_package_at(const pl_settlement *st, const double *x, uint32_t *w)
{
    const pl_space *sp = pl_settle_space(st);
    for (size_t k = 0; sp && x && w && k < pl_space_n_issues(sp); k++) {
        size_t v = 0, m = pl_space_n_options(sp, k);
        while (v < m && fabs(pl_settle_option(st, k, v, NULL) - x[k]) > 1e-9)
            v++;
        if (v == m)
            return -1;
        w[k] = (uint32_t)v;
    }
    return sp && x && w ? 0 : -1;
}

/*
** Acceptance and ratification are the votes of parley settle on the proposal
** (pl_settle_votes_proposal): a party accepts when its utility is at least its
** no-deal value and the proposal crosses none of its red lines; the bodies
** vote on the proposal's points, on the outcome space's options or between them.
*/
static int judge_votes(pl_verdict *v, const pl_settlement *st, const pl_proposal *p,
                       pl_error *err)
{
    int rc = pl_settle_votes_proposal(&v->votes, st, p, err);
    if (rc)
        return rc;
    v->n = pl_votes_n_parties(v->votes);
    v->actor = pl__mallocarray(v->n ? v->n : 1, sizeof *v->actor);
    v->u = pl__mallocarray(v->n ? v->n : 1, sizeof *v->u);
    v->d = pl__mallocarray(v->n ? v->n : 1, sizeof *v->d);
    if (!v->actor || !v->u || !v->d)
        return pl__error_nomem(err);
    for (size_t i = 0; i < v->n; i++) {
        const pl_vote *x = pl_votes_party(v->votes, i);
        v->actor[i] = x->actor, v->u[i] = x->utility, v->d[i] = x->no_deal;
    }
    v->ratified = pl_votes_n_bodies(v->votes) ? pl_votes_p_ratified(v->votes) : NAN;
    size_t K = pl_proposal_n_issues(p);
    uint32_t *w = pl__mallocarray(K ? K : 1, sizeof *w);
    if (!w)
        return pl__error_nomem(err);
    v->package = pl_settle_package_at(st, pl_proposal_points(p), w) == 0;
    free(w);
    return PL_OK;
}

int pl_verdict_compute(pl_verdict **out, const pl_scenario *s, const pl_settlement *st,
                       const pl_proposal *p, pl_error *err)
{
    if (!out || !s || !st || !p)
        return pl__fail(err, PL_EMISUSE, "pl_verdict_compute: NULL argument");
    *out = NULL;
    pl_verdict *v = calloc(1, sizeof *v);
    if (!v)
        return pl__error_nomem(err);
    v->s = s;
    int rc = judge_votes(v, st, p, err);
    if (!rc && pl_scenario_has_durability(s))
        rc = pl_durability_compute(&v->dur, s, pl_proposal_points(p), err);
    if (rc) {
        pl_verdict_free(v);
        return rc;
    }
    *out = v;
    return PL_OK;
}

void pl_verdict_free(pl_verdict *v)
{
    if (!v)
        return;
    free(v->actor), free(v->u), free(v->d);
    pl_durability_free(v->dur);
    pl_votes_free(v->votes);
    free(v);
}

size_t pl_verdict_n_parties(const pl_verdict *v) { return v ? v->n : 0; }
double pl_verdict_utility(const pl_verdict *v, size_t i) { return v && i < v->n ? v->u[i] : NAN; }
double pl_verdict_nodeal(const pl_verdict *v, size_t i) { return v && i < v->n ? v->d[i] : NAN; }

int pl_verdict_accepts(const pl_verdict *v, size_t i)
{
    return v && i < v->n && pl_votes_party(v->votes, i)->yes;
}

long pl_verdict_red_line(const pl_verdict *v, size_t i)
{
    return v && i < v->n ? pl_votes_party(v->votes, i)->red_line : -1;
}

int pl_verdict_accepted(const pl_verdict *v)
{
    size_t i = 0;
    while (v && i < v->n && pl_verdict_accepts(v, i))
        i++;
    return v && i == v->n;
}

int pl_verdict_is_package(const pl_verdict *v) { return v ? v->package : 0; }
double pl_verdict_ratified(const pl_verdict *v) { return v ? v->ratified : NAN; }
const pl_durability *pl_verdict_durability(const pl_verdict *v) { return v ? v->dur : NULL; }

int pl_verdict_durable(const pl_verdict *v)
{
    return !v || !v->dur ? -1 : pl_durability_fails_at(v->dur, NULL) < 0;
}

/* ---- in words ---------------------------------------------------------------------- */

static const char *party_id(const pl_verdict *v, size_t i)
{
    return pl_actor_id(pl_scenario_actor(v->s, v->actor[i]));
}

static void acceptance_words(const pl_verdict *v, pl__buf *b)
{
    size_t no = 0;
    for (size_t i = 0; i < v->n; i++)
        no += !pl_verdict_accepts(v, i);
    if (!no) {
        pl__buf_printf(b, "Every party accepts it: each one's utility of it is at least its "
                       "no-deal value.");
        return;
    }
    pl__buf_printf(b, "Refused by %zu of %zu parties:", no, v->n);
    for (size_t i = 0, j = 0; i < v->n; i++) {
        long red = pl_votes_party(v->votes, i)->red_line;
        if (pl_verdict_accepts(v, i))
            continue;
        if (red < 0)
            pl__buf_printf(b, "%s %s (utility %.4g < no deal %.4g, short by %.4g)",
                           j++ ? "," : "", party_id(v, i), v->u[i], v->d[i], v->d[i] - v->u[i]);
        else
            pl__buf_printf(b, "%s %s (it crosses its red line on %s)", j++ ? "," : "",
                           party_id(v, i), pl_issue_id(pl_scenario_issue(v->s, (size_t)red)));
    }
    pl__buf_printf(b, ".");
}

static void ratification_words(const pl_verdict *v, pl__buf *b)
{
    if (isnan(v->ratified))
        pl__buf_printf(b, "No party's signature needs ratification in this scenario.");
    else
        pl__buf_printf(b, "The ratifying bodies pass it with probability %.3g.", v->ratified);
}

static void durability_words(const pl_verdict *v, pl__buf *b)
{
    int side = 0, t = v->dur ? pl_durability_fails_at(v->dur, &side) : -1;
    if (!v->dur)
        pl__buf_printf(b, "Durability is not modelled: the scenario has no durability section.");
    else if (t < 0)
        pl__buf_printf(b, "Self-enforcing: neither side ever prefers war under it (no "
                       "guarantee counted).");
    else
        pl__buf_printf(b, "Not self-enforcing: %s prefers war from period %d on (no "
                       "guarantee counted).", pl_durability_side(v->dur, side), t);
}

typedef void (*words_fn)(const pl_verdict *v, pl__buf *b);

/* PL_ENOMEM when a sentence could not be written (nothing is emitted in its place). */
static int emit_words(const pl_verdict *v, pl_emitter *e)
{
    static const char *const keys[] = {"acceptance", "ratification", "durability"};
    static const words_fn fns[] = {acceptance_words, ratification_words, durability_words};
    int rc = PL_OK;
    pl_emit_object_begin(e, "findings", NULL);
    for (size_t j = 0; j < 3 && !rc; j++) {
        pl__buf b = {NULL, 0, 0, 0};
        fns[j](v, &b);
        if (b.failed || !b.buf)
            rc = PL_ENOMEM;
        else
            pl_emit_string(e, keys[j], b.buf);
        pl__buf_free(&b);
    }
    pl_emit_object_end(e);
    return rc;
}

int pl_verdict_emit(const pl_verdict *v, pl_emitter *e)
{
    static const char *const cols[] = {"party", "utility", "no_deal", "margin", "accepts"};
    if (!v || !e)
        return PL_EMISUSE;
    pl_emit_object_begin(e, "verdict", "The proposal judged: acceptance, ratification, "
                         "durability");
    int rc = emit_words(v, e);
    pl_emit_table_begin(e, "acceptance", "Each party's utility of the proposal against its "
                        "no-deal value (utilities of parley settle; margin = utility - no deal)",
                        cols, 5);
    for (size_t i = 0; i < v->n; i++) {
        pl_emit_row_begin(e);
        pl_emit_string(e, NULL, party_id(v, i));
        pl_emit_number(e, NULL, v->u[i]);
        pl_emit_number(e, NULL, v->d[i]);
        pl_emit_number(e, NULL, v->u[i] - v->d[i]);
        pl_emit_bool(e, NULL, pl_verdict_accepts(v, i));
        pl_emit_row_end(e);
    }
    pl_emit_table_end(e);
    pl_emit_bool(e, "accepted", pl_verdict_accepted(v));
    pl_emit_bool(e, "package", v->package);
    pl_emit_number_or_null(e, "ratified", v->ratified);
    if (v->dur)
        pl_emit_bool(e, "self_enforcing", pl_verdict_durable(v) == 1);
    int end = pl_emit_object_end(e);
    return rc ? rc : end;
}
