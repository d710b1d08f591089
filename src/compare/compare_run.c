/* SPDX-License-Identifier: MIT */
/*
** compare_run.c: each analysis on one side, described into a tree (the
** description its own command prints), for compare_tree.c to match.
*/
#include "compare_impl.h"
#include "parley/claims.h"
#include "parley/dynamics.h"
#include "parley/power.h"
#include "parley/proposal.h"
#include "parley/scenario.h"
#include "../core/alloc.h"
#include "../core/error_int.h"

#include <stdlib.h>
#include <string.h>

int pl__compare_can_run(pl_compare_analysis an, const pl_compare_side *x)
{
    switch (an) {
    case PL_COMPARE_POWER: return pl_scenario_n_bodies(x->s) > 0;
    case PL_COMPARE_DURABILITY: return pl_scenario_has_durability(x->s);
    case PL_COMPARE_CLAIMS: return x->claims != NULL;
    default: return 1;
    }
}

static int run_forecast(const pl_compare_side *x, const pl_compare_opts *o, pl_emitter *e,
                        pl_error *err)
{
    pl_forecast *f = NULL;
    int rc = pl_forecast_compute(&f, x->s, &o->forecast, err);
    if (!rc)
        rc = pl_forecast_emit(f, x->s, e);
    pl_forecast_free(f);
    return rc;
}

/* The settlement, and with a proposal its utilities, acceptance and ratification. */
static int run_settle(const pl_compare_side *x, const pl_compare_opts *o, pl_emitter *e,
                      pl_error *err)
{
    pl_settlement *st = NULL;
    double *u = NULL;
    int rc = pl_settle_compute(&st, x->s, &o->settle, err);
    if (!rc && x->proposal) {
        size_t n = pl_frontier_n_parties(pl_settle_frontier(st));
        u = pl__mallocarray(n ? n : 1, sizeof *u);
        rc = u ? pl_settle_proposal(st, x->proposal, u, err) : pl__error_nomem(err);
    }
    if (!rc)
        rc = pl_settle_emit_proposal(st, u, x->proposal ? pl_proposal_points(x->proposal) : NULL,
                                     e);
    free(u);
    pl_settle_free(st);
    return rc;
}

/* Each body's power indices, under the body's id. */
static int run_power(const pl_compare_side *x, const pl_compare_opts *o, pl_emitter *e,
                     pl_error *err)
{
    (void)o;
    int rc = PL_OK;
    pl_power_opts po = PL_POWER_OPTS_INIT;
    for (size_t b = 0; !rc && b < pl_scenario_n_bodies(x->s); b++) {
        pl_game *g = NULL;
        pl_power *p = NULL;
        rc = pl_game_from_body(&g, x->s, b, err);
        if (!rc)
            rc = pl_power_compute(&p, g, &po, err);
        if (!rc) {
            pl_emit_object_begin(e, pl_body_id(pl_scenario_body(x->s, b)), NULL);
            rc = pl_power_emit(p, g, e);
            pl_emit_object_end(e);
        }
        pl_power_free(p);
        pl_game_free(g);
    }
    return rc;
}

/* The deal durability tests: the proposal, else the Nash package (as parley durability). */
static int deal_of(const pl_compare_side *x, const pl_compare_opts *o, double *deal,
                   pl_error *err)
{
    size_t K = pl_scenario_n_issues(x->s);
    if (x->proposal) {
        memcpy(deal, pl_proposal_points(x->proposal), K * sizeof *deal);
        return PL_OK;
    }
    pl_settle_opts so = o->settle;
    so.max_enumerate = 0;
    so.logrolls = 0;
    pl_settlement *st = NULL;
    int rc = pl_settle_compute(&st, x->s, &so, err);
    const uint32_t *w = rc ? NULL : pl_settle_solution_package(st, PL_SOL_NASH);
    if (w)
        pl_settle_package_points(st, w, deal);
    else if (!rc)
        rc = pl__fail(err, PL_EINPUT, "%s: the settlement has no Nash package for durability "
                      "to test; expected " PL__PROPOSAL_HINT, pl_scenario_name(x->s));
    pl_settle_free(st);
    return rc;
}

static int run_durability(const pl_compare_side *x, const pl_compare_opts *o, pl_emitter *e,
                          pl_error *err)
{
    size_t K = pl_scenario_n_issues(x->s);
    double *deal = pl__mallocarray(K ? K : 1, sizeof *deal);
    pl_durability *d = NULL;
    int rc = deal ? deal_of(x, o, deal, err) : pl__error_nomem(err);
    if (!rc)
        rc = pl_durability_compute(&d, x->s, deal, err);
    if (!rc) {
        pl_emit_object_begin(e, "deal", NULL);
        for (size_t k = 0; k < K; k++)
            pl_emit_number(e, pl_issue_id(pl_scenario_issue(x->s, k)), deal[k]);
        pl_emit_object_end(e);
        rc = pl_durability_emit(d, e);
    }
    pl_durability_free(d);
    free(deal);
    return rc;
}

static int run_claims(const pl_compare_side *x, const pl_compare_opts *o, pl_emitter *e,
                      pl_error *err)
{
    (void)o;
    size_t n = pl_claims_count(x->claims);
    pl_claim_result *res = pl__mallocarray(n ? n : 1, sizeof *res);
    int rc = res ? pl_claims_evaluate(x->claims, x->s, res, err) : pl__error_nomem(err);
    if (!rc)
        rc = pl_claims_emit(x->claims, res, NULL, NULL, 0, e);
    free(res);
    return rc;
}

typedef int (*runner)(const pl_compare_side *, const pl_compare_opts *, pl_emitter *,
                      pl_error *);

int pl__compare_run(pl_compare_analysis an, const pl_compare_side *x,
                    const pl_compare_opts *opts, pl_emitter **e, const pl__tnode **root,
                    pl_error *err)
{
    static const runner run[PL_COMPARE_COUNT] = {run_forecast, run_settle, run_power,
                                                 run_durability, run_claims};
    *root = NULL;
    int rc = pl__emitter_new_tree(e, err);
    if (rc)
        return rc;
    pl_emit_object_begin(*e, NULL, NULL);
    rc = run[an](x, opts, *e, err);
    pl_emit_object_end(*e);
    if (!rc)
        rc = pl_emitter_finish(*e, err);
    else if (err && !err->code)  /* a describer's failure: the emitter says which */
        pl_emitter_finish(*e, err);
    if (rc == PL_ENOMEM)
        pl__error_nomem(err);
    if (!rc)
        *root = pl__emitter_tree(*e);
    return rc;
}
