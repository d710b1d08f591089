/* SPDX-License-Identifier: MIT */
/*
** build.c: run every analysis a report shows, keep each failure's message for
** the document, then draw the charts.
*/
#include "report_impl.h"
#include "svg.h"
#include "../core/error_int.h"
#include "../core/alloc.h"
#include "../core/suggest.h"
#include "parley/proposal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int pl__report_add_chart(pl_report *r, const char *section, const char *name, pl__buf *g)
{
    /* the chart's text is ours until it is in the list: freed on every failure */
    pl__chart *grown = pl__svg_end(g, NULL) ? pl__grow(r->charts, &r->cap_charts,
                                                       r->n_charts + 1, sizeof *grown, 16) : NULL;
    if (grown)
        r->charts = grown;
    char *nm = grown ? strdup(name) : NULL;
    if (!nm) {
        pl__buf_free(g);
        return PL_ENOMEM;
    }
    r->charts[r->n_charts++] = (pl__chart){nm, section, g->buf, g->len};
    memset(g, 0, sizeof *g);
    return PL_OK;
}

/* An analysis failed: its message goes into the document, except out of memory, which
   fails the whole report (PL_ENOMEM) rather than show a section as if it had no answer. */
static int keep_error(pl_report *r, int which, const pl_error *e)
{
    if (e->code == PL_ENOMEM)
        return PL_ENOMEM;
    snprintf(r->err[which], sizeof r->err[which], "%s", e->msg[0] ? e->msg : "failed");
    return PL_OK;
}

/* The two ids of a comma pair ("RUS,UKR"), checked against the scenario's actors or issues. */
static int split_pair(const char *v, char out[2][64], pl_error *err)
{
    const char *comma = v ? strchr(v, ',') : NULL;
    if (!comma || strchr(comma + 1, ',') || comma == v || !comma[1] ||
        (size_t)(comma - v) >= 64 || strlen(comma + 1) >= 64)
        return pl__fail(err, PL_EINPUT, "'%s' is not two ids; expected two ids separated by a "
                        "comma, e.g. RUS,UKR", v ? v : "");
    snprintf(out[0], 64, "%.*s", (int)(comma - v), v);
    snprintf(out[1], 64, "%s", comma + 1);
    return PL_OK;
}

static int pick_pair(pl_report *r, pl_error *err)
{
    if (r->o.pair) {
        int rc = split_pair(r->o.pair, r->pair_ids, err);
        char tail[256];
        for (int k = 0; !rc && k < 2; k++)
            if (pl_scenario_actor_index(r->s, r->pair_ids[k]) < 0)
                rc = pl__fail(err, PL_EINPUT, "--pair: no actor '%s'; %s", r->pair_ids[k],
                              pl__scenario_id_tail(r->s, 'a', r->pair_ids[k],
                                                   "expected two actor ids", tail, sizeof tail));
        return rc;
    }
    int k = 0;
    for (size_t i = 0; k < 2 && i < pl_scenario_n_actors(r->s); i++)
        if (pl_actor_at_table(pl_scenario_actor(r->s, i)))
            snprintf(r->pair_ids[k++], 64, "%s", pl_actor_id(pl_scenario_actor(r->s, i)));
    if (k < 2)
        r->pair_ids[0][0] = '\0';
    return PL_OK;
}

static int pick_issues(pl_report *r, pl_error *err)
{
    char ids[2][64];
    r->issue[0] = r->issue[1] = -1;
    if (!r->o.issues) {
        if (pl_scenario_n_issues(r->s) >= 2)
            r->issue[0] = 0, r->issue[1] = 1;
        return PL_OK;
    }
    int rc = split_pair(r->o.issues, ids, err);
    for (int k = 0; !rc && k < 2; k++)
        if ((r->issue[k] = pl_scenario_issue_index(r->s, ids[k])) < 0)
            rc = pl__fail(err, PL_EINPUT, "--issues: no issue '%s'; expected two issue ids",
                          ids[k]);
    if (!rc && r->issue[0] == r->issue[1])
        rc = pl__fail(err, PL_EINPUT, "--issues: '%s' twice; expected two different issues",
                      ids[0]);
    return rc;
}

/* Each run_ returns PL_ENOMEM when out of memory; its other failures are kept. */
static int run_forecast(pl_report *r)
{
    pl_error e = {0};
    pl_forecast_opts fo = r->o.forecast;
    if (!fo.models) /* the report shows every model, the SMP included (veto when asked) */
        fo.models = (1u << PL_MODEL_VETO) - 1;
    fo.smp.progress = fo.exchange.progress = r->o.progress;
    if (!pl_forecast_compute(&r->f, r->s, &fo, &e))
        return PL_OK;
    if (e.code == PL_ENOMEM) /* not a reason to retry with the default models */
        return PL_ENOMEM;
    fo.models = r->o.forecast.models;
    return pl_forecast_compute(&r->f, r->s, &fo, &e) ? keep_error(r, PL__R_FORECAST, &e) : PL_OK;
}

static int run_settle(pl_report *r)
{
    pl_error e = {0};
    pl_settle_opts so = r->o.settle;
    so.threads = r->o.threads, so.progress = r->o.progress;
    if (pl_settle_compute(&r->st, r->s, &so, &e))
        return keep_error(r, PL__R_SETTLE, &e);
    char pair[130];
    snprintf(pair, sizeof pair, "%s,%s", r->pair_ids[0], r->pair_ids[1]);
    so.parties = pair, so.logrolls = 0, so.progress = (pl_progress)PL_PROGRESS_NONE;
    if (r->pair_ids[0][0] && pl_settle_compute(&r->pair_st, r->s, &so, &e)) {
        r->pair_st = NULL; /* the plane is left out; the rest stands */
        return e.code == PL_ENOMEM ? PL_ENOMEM : PL_OK;
    }
    return PL_OK;
}

static int run_durability(pl_report *r)
{
    pl_error e = {0};
    const uint32_t *nash = pl_settle_solution_package(r->st, PL_SOL_NASH);
    size_t K = pl_scenario_n_issues(r->s);
    if (!pl_scenario_has_durability(r->s))
        return PL_OK;
    if (!nash) {
        snprintf(r->err[PL__R_DURABILITY], PL_ERROR_MSG_MAX, "no Nash package to test");
        return PL_OK;
    }
    if (!(r->deal = malloc(K * sizeof *r->deal)))
        return PL_ENOMEM;
    pl_settle_package_points(r->st, nash, r->deal);
    if (pl_durability_compute(&r->dur, r->s, r->deal, &e))
        return keep_error(r, PL__R_DURABILITY, &e);
    return PL_OK;
}

static int run_power(pl_report *r)
{
    r->n_bodies = pl_scenario_n_bodies(r->s);
    r->games = calloc(r->n_bodies ? r->n_bodies : 1, sizeof *r->games);
    r->powers = calloc(r->n_bodies ? r->n_bodies : 1, sizeof *r->powers);
    if (!r->games || !r->powers)
        return PL_ENOMEM;
    int rc = PL_OK;
    for (size_t b = 0; !rc && b < r->n_bodies; b++) {
        pl_error e = {0};
        pl_power_opts po = PL_POWER_OPTS_INIT;
        if (pl_game_from_body(&r->games[b], r->s, b, &e) ||
            pl_power_compute(&r->powers[b], r->games[b], &po, &e))
            rc = keep_error(r, PL__R_POWER, &e);
    }
    return rc;
}

static int run_stress(pl_report *r)
{
    pl_error e = {0};
    if (!r->o.draws)
        return PL_OK;
    pl_stress_opts so = PL_STRESS_OPTS_INIT;
    so.draws = r->o.draws, so.seed = r->o.seed, so.threads = r->o.threads;
    so.forecast = r->o.forecast, so.settle = r->o.settle;
    so.progress = r->o.progress.fn, so.payload = r->o.progress.payload;
    if (pl_stress_run(&r->stress, r->s, &so, &e))
        return keep_error(r, PL__R_STRESS, &e);
    return PL_OK;
}

/* The claims the caller gives (pl_report_opts.claims), checked like parley claims. */
static int run_claims(pl_report *r)
{
    pl_error e = {0};
    if (!r->o.claims)
        return PL_OK;
    size_t n = pl_claims_count(r->o.claims);
    r->claim_res = calloc(n ? n : 1, sizeof *r->claim_res);
    r->claim_holds = calloc(n ? n : 1, sizeof *r->claim_holds);
    r->claim_defined = calloc(n ? n : 1, sizeof *r->claim_defined);
    if (!r->claim_res || !r->claim_holds || !r->claim_defined)
        return PL_ENOMEM;
    if (pl_claims_evaluate_progress(r->o.claims, r->s, r->claim_res, &r->o.progress, &e) ||
        (r->o.draws && pl_claims_robustness_progress(r->o.claims, r->s, r->o.draws, r->o.seed,
                                                     r->o.threads, &r->o.progress,
                                                     r->claim_holds, r->claim_defined, &e)))
        return keep_error(r, PL__R_CLAIMS, &e);
    r->claims = r->o.claims;
    return PL_OK;
}

/* The proposal (pl_report_opts.proposal) judged as every command judges one (parley/verdict.h):
   each party's acceptance, red lines included, and the ratifying bodies' votes. */
static int run_proposal(pl_report *r)
{
    pl_error e = {0};
    if (!r->o.proposal || !r->st)
        return PL_OK;
    int rc = pl_verdict_compute(&r->verdict, r->s, r->st, r->o.proposal, &e);
    return rc == PL_ENOMEM ? rc : rc ? keep_error(r, PL__R_PROPOSAL, &e) : PL_OK;
}

int pl_report_build(pl_report **out, const pl_scenario *s, const pl_report_opts *opts,
                    pl_error *err)
{
    if (!out || !s)
        return pl__fail(err, PL_EMISUSE, "pl_report_build: NULL argument");
    *out = NULL;
    pl_report *r = calloc(1, sizeof *r);
    if (!r)
        return pl__error_nomem(err);
    pl_report_opts dflt = PL_REPORT_OPTS_INIT;
    r->s = s, r->o = opts ? *opts : dflt;
    if (r->o.threads < 1)
        r->o.threads = 1;
    int rc = pick_pair(r, err);
    if (!rc)
        rc = pick_issues(r, err);
    if (rc) {
        pl_report_free(r);
        return rc;
    }
    if ((rc = run_forecast(r)) || (rc = run_settle(r)) || (rc = run_power(r)) ||
        (rc = run_durability(r)) || (rc = run_stress(r)) || (rc = run_claims(r)) ||
        (rc = run_proposal(r)) ||
        (rc = pl__chart_issues(r)) || (rc = pl__chart_settle(r)) || (rc = pl__chart_power(r)) ||
        (rc = pl__chart_stress(r))) {
        pl_report_free(r);
        return rc == PL_ENOMEM ? pl__error_nomem(err) : rc;
    }
    *out = r;
    return PL_OK;
}

void pl_report_free(pl_report *r)
{
    if (!r)
        return;
    pl_forecast_free(r->f);
    pl_settle_free(r->st);
    pl_settle_free(r->pair_st);
    pl_durability_free(r->dur);
    pl_stress_free(r->stress);
    pl_verdict_free(r->verdict);
    free(r->claim_res), free(r->claim_holds), free(r->claim_defined);
    for (size_t b = 0; b < r->n_bodies; b++) {
        if (r->powers)
            pl_power_free(r->powers[b]);
        if (r->games)
            pl_game_free(r->games[b]);
    }
    free(r->powers), free(r->games), free(r->deal);
    for (size_t i = 0; i < r->n_charts; i++)
        free(r->charts[i].name), free(r->charts[i].svg);
    free(r->charts);
    free(r);
}

size_t pl_report_n_charts(const pl_report *r) { return r ? r->n_charts : 0; }

const char *pl_report_chart_name(const pl_report *r, size_t i)
{
    return r && i < r->n_charts ? r->charts[i].name : NULL;
}

const char *pl_report_chart_svg(const pl_report *r, size_t i, size_t *len)
{
    if (!r || i >= r->n_charts)
        return NULL;
    if (len)
        *len = r->charts[i].len;
    return r->charts[i].svg;
}
