/* SPDX-License-Identifier: MIT */
/*
** rubinstein.c: closed forms of alternating-offers bargaining over a pie of 1
** (MODELS.md sec. 9): Rubinstein (1982), outside options (Binmore, Shaked &
** Sutton 1989), breakdown risk (Binmore, Rubinstein & Wolinsky 1986) and the
** finite horizon with equal discounts.
*/
#include "parley/dynamics.h"
#include "../core/error_int.h"

#include <math.h>

static int discount_ok(double d) { return d > 0 && d <= 1; }

int pl_rubinstein(double d1, double d2, double *x1, double *x2, pl_error *err)
{
    if (!x1 || !x2)
        return pl__fail(err, PL_EMISUSE, "pl_rubinstein: NULL argument");
    if (!discount_ok(d1) || !discount_ok(d2))
        return pl__fail(err, PL_EINPUT, "discount factors %g and %g; expected each in (0, 1]",
                        d1, d2);
    if (d1 == 1 && d2 == 1)
        return pl__fail(err, PL_EINPUT, "both discount factors are 1: without impatience or "
                        "breakdown risk every split is an equilibrium; expected one below 1");
    *x1 = (1 - d2) / (1 - d1 * d2);
    *x2 = 1 - *x1;
    return PL_OK;
}

int pl_rubinstein_outside(double d1, double d2, double o1, double o2, double *x1, double *x2,
                          int *deal, pl_error *err)
{
    if (!deal)
        return pl__fail(err, PL_EMISUSE, "pl_rubinstein_outside: NULL argument");
    int rc = pl_rubinstein(d1, d2, x1, x2, err);
    if (rc)
        return rc;
    if (!(o1 >= 0 && o1 <= 1 && o2 >= 0 && o2 <= 1))
        return pl__fail(err, PL_EINPUT, "outside options %g and %g; expected each in [0, 1]",
                        o1, o2);
    *deal = o1 + o2 <= 1;
    if (*x2 < o2) {  /* the responder's threat to quit binds */
        *x2 = o2;
        *x1 = 1 - o2;
    }
    return PL_OK;
}

int pl_breakdown(double p, double b1, double b2, double d1, double d2, double *v1,
                 pl_error *err)
{
    if (!v1)
        return pl__fail(err, PL_EMISUSE, "pl_breakdown: NULL argument");
    if (!(p > 0 && p <= 1))
        return pl__fail(err, PL_EINPUT, "breakdown probability %g; expected one in (0, 1]", p);
    if (!(b1 >= 0 && b2 >= 0 && b1 + b2 <= 1))
        return pl__fail(err, PL_EINPUT, "breakdown payoffs %g and %g; expected values >= 0 "
                        "with a sum <= 1", b1, b2);
    if (!discount_ok(d1) || !discount_ok(d2))
        return pl__fail(err, PL_EINPUT, "discount factors %g and %g; expected each in (0, 1]",
                        d1, d2);
    double a1 = (1 - p) * d1, a2 = (1 - p) * d2;
    *v1 = (1 - p * b2 - a2 * (1 - p * b1)) / (1 - a1 * a2);
    return PL_OK;
}

double pl_rubinstein_finite(double d, int T)
{
    if (!discount_ok(d) || T < 1)
        return NAN;
    return (1 - pow(-d, T)) / (1 + d);
}
