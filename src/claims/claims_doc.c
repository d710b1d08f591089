/* SPDX-License-Identifier: MIT */
/*
** claims_doc.c: the whole document `parley claims` writes (and `parley serve`
** answers with): every claim's verdict and margin, its break-even, and its
** share of Monte Carlo draws. Computed first, emitted only when all is there.
*/
#include "parley/parley.h"

#include <stdlib.h>
#include "../core/error_int.h"

int pl_claims_document(const pl_claims *c, const pl_scenario *s,
                       const pl_claims_document_opts *o, pl_emitter *e, pl_error *err)
{
    pl_claims_document_opts def = PL_CLAIMS_DOCUMENT_OPTS_INIT;
    if (!o)
        o = &def;
    if (o->explain && !o->breakeven)
        return pl__fail(err, PL_EMISUSE, "explain lists what the break-even search finds: "
                        "expected breakeven on");
    size_t n = pl_claims_count(c);
    pl_claim_result *res = calloc(n ? n : 1, sizeof *res);
    uint64_t *holds = calloc(n ? n : 1, sizeof *holds), *defined = calloc(n ? n : 1, sizeof *defined);
    pl_claims_explained *x = NULL;
    int rc = res && holds && defined ? PL_OK : pl__error_nomem(err);
    int threads = o->threads > 0 ? o->threads : 1;
    if (!rc && !(rc = pl_claims_evaluate_progress(c, s, res, &o->settle_progress, err)) && o->breakeven)
        rc = pl_claims_explain(&x, c, s, threads, err);
    if (!rc && o->draws)
        rc = pl_claims_robustness_progress(c, s, o->draws, o->seed, threads, &o->progress,
                                           holds, defined, err);
    if (!rc) {
        pl_emit_document_begin(e, s);
        int drc = pl_claims_emit_explained(c, res, holds, defined, o->draws, x, o->explain, e);
        rc = pl_emit_object_end(e);
        if (drc)
            rc = drc;
    }
    pl_claims_explained_free(x);
    free(res), free(holds), free(defined);
    return rc;
}
