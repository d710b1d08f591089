/* SPDX-License-Identifier: MIT */
/*
** run.c: POST /api/run. Each analysis asked for runs on the request's
** scenario and writes the very document its command writes (`parley forecast
** -f json`, ...): the same library functions (pl_settle_document, ...) with
** the command's default options. The answer
** splices those documents: {"ok": true, "results": {...}, "ms": {...}}.
*/
#include "serve_impl.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "../core/error_int.h"
#include "../core/fmt.h"

/* What one analysis needs besides its emitter. */
typedef struct run_in {
    const pl__serve_ctx *c;
    const pl__serve_req *q;
    const pl_scenario *s;
    const pl_proposal *p;     /* the request's proposal, or NULL */
} run_in;

typedef int (*describe_fn)(const run_in *in, pl_emitter *e, pl_error *err);

static int forecast_doc(const run_in *in, pl_emitter *e, pl_error *err)
{
    pl_forecast_opts fo = PL_FORECAST_OPTS_INIT;
    pl__serve_seed(&fo, in->q);
    pl_forecast *f = NULL;
    int rc = pl_forecast_compute(&f, in->s, &fo, err);
    if (!rc) {  /* `parley forecast` without --trajectory, --moves or --exchanges */
        pl_emit_document_begin(e, in->s);
        int drc = pl_forecast_emit(f, in->s, e);
        rc = pl_emit_object_end(e);
        if (drc)
            rc = drc;
    }
    pl_forecast_free(f);
    return rc;
}

static int settle_doc(const run_in *in, pl_emitter *e, pl_error *err)
{
    pl_settle_opts o = PL_SETTLE_OPTS_INIT;
    if (in->q->step > 0)
        o.step = in->q->step;
    pl_settlement *st = NULL;
    int rc = pl_settle_compute(&st, in->s, &o, err);
    if (!rc)
        rc = pl_settle_document(st, in->s, in->p, e, err);
    pl_settle_free(st);
    return rc;
}

static int durability_doc(const run_in *in, pl_emitter *e, pl_error *err)
{
    return pl_durability_document(in->s, in->p, in->q->proposal, e, err);
}

static int claims_doc(const run_in *in, pl_emitter *e, pl_error *err)
{
    pl_claims *c = NULL;  /* read against the request's scenario: its changes count */
    int rc = pl_claims_load_buffer(&c, in->s, in->c->claims, in->c->claims_len,
                                   in->c->claims_name, err);
    if (!rc && in->p)
        rc = pl_claims_use_proposal(c, in->p, in->q->proposal, NULL, err);
    pl_claims_document_opts o = PL_CLAIMS_DOCUMENT_OPTS_INIT;
    if (in->q->has_draws)
        o.draws = in->q->draws;
    if (in->q->has_seed)
        o.seed = in->q->seed;
    o.breakeven = !in->q->no_breakeven;
    if (!rc)
        rc = pl_claims_document(c, in->s, &o, e, err);
    pl_claims_free(c);
    return rc;
}

static int power_doc(const run_in *in, pl_emitter *e, pl_error *err)
{
    pl_power_doc *d = NULL;  /* `parley power`: every body, each against its own target */
    int rc = pl_power_doc_scenario(&d, in->s, NULL, NULL, NULL, err);
    if (!rc) {
        pl_emit_document_begin(e, in->s);
        int drc = pl_power_doc_emit(d, e);
        rc = pl_emit_object_end(e);
        if (drc)
            rc = drc;
    }
    pl_power_doc_free(d);
    return rc;
}

static const describe_fn describers[PL_SERVE_N_ANALYSES] = {
    forecast_doc, settle_doc, power_doc, durability_doc, claims_doc};

/* The document of analysis k into b; its time into *ms. */
static int document(const run_in *in, int k, pl__buf *b, double *ms, pl_error *err)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pl_emitter *e = NULL;
    int rc = pl__serve_emitter(&e, b, err);
    if (rc)
        return rc;
    rc = describers[k](in, e, err);
    int frc = pl_emitter_finish(e, rc ? NULL : err);
    pl_emitter_free(e);
    if (!rc && frc)
        rc = frc;
    else if (rc && !err->msg[0])
        pl__error_set(err, rc, NULL, 0, 0, "%s", pl_strerror(rc));
    clock_gettime(CLOCK_MONOTONIC, &t1);
    *ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    return rc;
}

unsigned pl__serve_supported(const pl__serve_ctx *c, const pl__serve_req *q,
                             const pl_scenario *s)
{
    int claims = q->scenario == NULL && c->claims != NULL; /* ids of the start-up scenario */
    return PL_SERVE_FORECAST | PL_SERVE_SETTLE |
           (pl_scenario_n_bodies(s) ? PL_SERVE_POWER : 0u) |
           (pl_scenario_has_durability(s) ? PL_SERVE_DURABILITY : 0u) |
           (claims ? PL_SERVE_CLAIMS : 0u);
}

/* Which analyses: those asked for, else every fast one the scenario supports. An
   analysis asked for that the scenario cannot give is bad input. */
static int which(const pl__serve_ctx *c, const pl__serve_req *q, const pl_scenario *s,
                 unsigned *mask, pl__serve_resp *r)
{
    unsigned can = pl__serve_supported(c, q, s);
    *mask = q->analyses ? q->analyses : can;
    if (q->has_draws && q->draws > PL_SERVE_MAX_DRAWS) {
        pl__serve_fail(r, 503, "\"draws\" is %llu: the work limit per request is %u draws; "
                       "expected at most that (or run `parley claims --draws %llu` locally)",
                       (unsigned long long)q->draws, PL_SERVE_MAX_DRAWS,
                       (unsigned long long)q->draws);
        return PL_EINPUT;
    }
    if (*mask & ~can) {
        int k = 0;
        while (!((*mask & ~can) & (1u << k)))
            k++;
        pl__serve_fail(r, 400, "analysis '%s' needs %s; expected analyses among those the "
                       "scenario supports", pl__serve_analysis_names[k],
                       k == 2 ? "bodies (a `bodies:` section in the scenario)"
                       : k == 3 ? "a `durability` section in the scenario"
                              : "claims (serve --claims FILE, or the built-in scenario's "
                                "own) and the start-up scenario (no \"scenario\" in the "
                                "request)");
        return PL_EINPUT;
    }
    return PL_OK;
}

/* The request's proposal: a built-in proposal of the scenario, by name. */
static int load_proposal(const pl__serve_req *q, const pl_scenario *s, pl_proposal **p,
                         pl__serve_resp *r)
{
    size_t len = 0;
    const char *text = pl_builtin_proposal(pl_scenario_name(s), q->proposal, &len);
    pl_error err;
    pl_error_clear(&err);
    if (!text) {
        pl__serve_fail(r, 400, "proposal '%s' is not one of scenario '%s''s proposals; expected "
                       "a name GET /api/scenario lists under \"proposals\"", q->proposal,
                       pl_scenario_name(s));
        return PL_EINPUT;
    }
    char file[96];
    pl__snprintf(file, sizeof file, "proposals/%s.yaml", q->proposal);
    int rc = pl_proposal_load_buffer(p, s, text, len, file, &err);
    if (rc)
        pl__serve_error(r, pl__serve_status_of(rc), &err, NULL);
    return rc;
}

static void run_all(const run_in *in, unsigned mask, pl__serve_resp *r)
{
    double ms[PL_SERVE_N_ANALYSES] = {0};
    pl__buf *b = &r->body;
    pl_error err;
    pl_error_clear(&err);
    PL_SERVE_PUT(b, "{\"ok\": true, \"results\": {");
    int rc = PL_OK, first = 1;
    for (int k = 0; k < PL_SERVE_N_ANALYSES && !rc; k++)
        if (mask & (1u << k)) {
            pl__buf_printf(b, "%s\"%s\": ", first ? "" : ", ", pl__serve_analysis_names[k]);
            rc = document(in, k, b, &ms[k], &err);
            first = 0;
        }
    PL_SERVE_PUT(b, "}, \"ms\": {");
    first = 1;
    for (int k = 0; k < PL_SERVE_N_ANALYSES; k++)
        if (mask & (1u << k)) {
            char num[32];
            pl__snprintf(num, sizeof num, "%.2f", ms[k]);
            pl__buf_printf(b, "%s\"%s\": %s", first ? "" : ", ", pl__serve_analysis_names[k], num);
            first = 0;
        }
    PL_SERVE_PUT(b, "}}\n");
    if (rc)
        pl__serve_error(r, pl__serve_status_of(rc), &err, NULL);
}

void pl__serve_run(pl__serve_ctx *c, const pl__serve_req *q, pl__serve_resp *r)
{
    pl_scenario *s = NULL;
    pl_proposal *p = NULL;
    unsigned mask = 0;
    if (pl__serve_load(c, q, &s, r))
        return;
    if (!which(c, q, s, &mask, r) && (!q->proposal || !load_proposal(q, s, &p, r))) {
        run_in in = {c, q, s, p};
        run_all(&in, mask, r);
    }
    pl_proposal_free(p);
    pl_scenario_free(s);
}
