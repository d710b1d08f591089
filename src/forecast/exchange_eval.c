/* SPDX-License-Identifier: MIT */
/*
** exchange_eval.c: the sizing of exchange_size.h as functions, for the
** candidates' first sizing and the executed trade on the indexed, naive and
** heap paths, the debug checks and the tests.
*/
#include "exchange_size.h"

#include <assert.h>
#include <string.h>

int pl__xc_size(const pl__xc_state *st, const pl__xc_cand *cd, pl_exchange_trade *t,
                double dvr[4])
{
    return pl__xc_size_of(st, cd, NULL, t, dvr, NULL, 0);
}

int pl__xc_size_fresh(const pl__xc_state *st, const pl__xc_cand *cd, pl_exchange_trade *t,
                      double dvr[4])
{
    assert(cd->pre_i == 0 && cd->pre_j == 0);
    int ok = pl__xc_size_of(st, cd, NULL, t, dvr, NULL, 1);
#ifndef NDEBUG /* the same bytes as the general sizing */
    pl_exchange_trade u = *t;
    double r[4];
    assert(pl__xc_size_of(st, cd, NULL, &u, dvr ? r : NULL, NULL, 0) == ok);
    assert(!ok || (memcmp(&u, t, sizeof u) == 0 && (!dvr || memcmp(r, dvr, sizeof r) == 0)));
#endif
    return ok;
}
