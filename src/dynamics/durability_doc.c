/* SPDX-License-Identifier: MIT */
/*
** durability_doc.c: the whole document `parley durability` writes (and
** `parley serve` answers with): the deal tested (the proposal, else the Nash
** package of a settlement without win-set counts or logrolls), the commitment
** check, the gains, the proposal's verdict and the staged plans. Everything is
** computed before the first member is emitted, so a failure emits nothing.
** pl_durability_doc keeps the parts between computing and describing, so the
** Python binding describes the same document in its own frame.
*/
#include "parley/parley.h"

#include <stdlib.h>
#include <string.h>
#include "../core/alloc.h"
#include "../core/error_int.h"

struct pl_durability_doc {
    const pl_scenario *s;
    const pl_proposal *p;
    char *proposal_name;
    double *deal;
    pl_settlement *st;
    pl_durability *d;
    pl_verdict *v;
    pl_staging *g;
};

static int compute(pl_durability_doc *x, const pl_scenario *s, const pl_proposal *p,
                   pl_error *err)
{
    pl_settle_opts so = PL_SETTLE_OPTS_INIT;
    so.max_enumerate = 0;
    so.logrolls = 0;
    size_t K = pl_scenario_n_issues(s);
    if (!(x->deal = pl__mallocarray(K + 1, sizeof *x->deal)))
        return pl__error_nomem(err);
    if (p)
        memcpy(x->deal, pl_proposal_points(p), pl_proposal_n_issues(p) * sizeof *x->deal);
    int rc = pl_settle_compute(&x->st, s, &so, err);
    if (rc)
        return rc;
    if (!p) {
        const uint32_t *w = pl_settle_solution_package(x->st, PL_SOL_NASH);
        if (!w)
            return pl__fail(err, PL_ERROR, "the settlement has no Nash package (no package gives "
                            "every party a gain); give the agreement to test with "
                            PL__PROPOSAL_HINT);
        pl_settle_package_points(x->st, w, x->deal);
    }
    if ((rc = pl_durability_compute(&x->d, s, x->deal, err)) ||
        (p && (rc = pl_verdict_compute(&x->v, s, x->st, p, err))))
        return rc;
    if (pl_scenario_has_staging(s))
        rc = pl_staging_compute(&x->g, s, x->st, x->deal, err);
    return rc;
}

int pl_durability_doc_compute(pl_durability_doc **out, const pl_scenario *s,
                              const pl_proposal *p, const char *proposal_name, pl_error *err)
{
    *out = NULL;
    if (!pl_scenario_has_durability(s))
        return pl__fail(err, PL_EINPUT, "scenario '%s' has no durability section; expected one "
                        "(sides, discount, costs, capability, terms; see "
                        "docs/scenario-format.md)", pl_scenario_name(s));
    pl_durability_doc *x = calloc(1, sizeof *x);
    size_t len = proposal_name ? strlen(proposal_name) + 1 : 0;
    if (!x || (len && !(x->proposal_name = malloc(len)))) {
        free(x);
        return pl__error_nomem(err);
    }
    if (len)
        memcpy(x->proposal_name, proposal_name, len);
    x->s = s;
    x->p = p;
    int rc = compute(x, s, p, err);
    if (rc) {
        pl_durability_doc_free(x);
        return rc;
    }
    *out = x;
    return PL_OK;
}

int pl_durability_doc_emit(const pl_durability_doc *x, pl_emitter *e)
{
    int drc = pl_durability_emit_deal(x->s, x->deal, x->proposal_name, x->p, e), rc;
    if (!drc)
        drc = pl_durability_emit(x->d, e);
    if ((rc = pl_durability_emit_gains(x->d, x->s, x->st, x->deal, e)) && !drc)
        drc = rc;
    if (x->v && (rc = pl_verdict_emit(x->v, e)) && !drc)  /* who accepts it, who ratifies */
        drc = rc;
    if (x->g && (rc = pl_staging_emit(x->g, e)) && !drc)
        drc = rc;
    return drc;
}

void pl_durability_doc_free(pl_durability_doc *x)
{
    if (!x)
        return;
    pl_staging_free(x->g);
    pl_verdict_free(x->v);
    pl_durability_free(x->d);
    pl_settle_free(x->st);
    free(x->deal);
    free(x->proposal_name);
    free(x);
}

int pl_durability_document(const pl_scenario *s, const pl_proposal *p, const char *proposal_name,
                           pl_emitter *e, pl_error *err)
{
    pl_durability_doc *x;
    int rc = pl_durability_doc_compute(&x, s, p, proposal_name, err);
    if (rc)
        return rc;
    pl_emit_document_begin(e, s);
    int drc = pl_durability_doc_emit(x, e);
    rc = pl_emit_object_end(e);
    pl_durability_doc_free(x);
    return drc ? drc : rc;
}
