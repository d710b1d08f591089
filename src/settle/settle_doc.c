/* SPDX-License-Identifier: MIT */
/*
** settle_doc.c: the whole document `parley settle` writes (and `parley serve`
** answers with): the settlement, and when a proposal is given its utilities
** and scale points (its votes, ratification and distances).
*/
#include "parley/parley.h"

#include <stdlib.h>
#include <string.h>
#include "../core/alloc.h"
#include "../core/error_int.h"

int pl_settle_document(const pl_settlement *st, const pl_scenario *s, const pl_proposal *p,
                       pl_emitter *e, pl_error *err)
{
    size_t n = pl_frontier_n_parties(pl_settle_frontier(st)), K = pl_scenario_n_issues(s);
    double *u = NULL;
    if (p) {  /* the proposal's utilities for every party, then its scale points */
        if (!(u = pl__mallocarray(n + K, sizeof *u)))
            return pl__error_nomem(err);
        int rc = pl_settle_proposal(st, p, u, err);
        if (rc) {
            free(u);
            return rc;
        }
        memcpy(u + n, pl_proposal_points(p), K * sizeof *u);
    }
    pl_emit_document_begin(e, s);
    int drc = pl_settle_emit_proposal(st, u, u ? u + n : NULL, e);
    int rc = pl_emit_object_end(e);
    free(u);
    return drc ? drc : rc;
}
