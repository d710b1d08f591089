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
    /*
    ** The outside option principle (Muthoo 1999, ch. 5; Shaked & Sutton 1984): either
    ** player may quit when it responds. M1 = x1* is player 1's share when it proposes
    ** and M2 = (1 - d1) / (1 - d1 d2) player 2's when it does, so a responder i
    ** compares o_i with d_i M_i, what waiting to propose is worth. A binding option
    ** replaces that continuation value: the responder 2 must get max(o2, d2 M2), and
    ** when 1's option binds, 2 proposing offers 1 exactly o1 and keeps 1 - o1, so 1
    ** proposing must give 2 d2 (1 - o1). A proposer never gets less than its own
    ** option: when o1 + o2 > 1 there is no deal.
    */
    *deal = o1 + o2 <= 1;
    double m1 = *x1, m2 = (1 - d1) / (1 - d1 * d2);
    int b1 = o1 > d1 * m1, b2 = o2 > d2 * m2;
    if (b2 && o1 <= d1 * (1 - o2))
        *x1 = 1 - o2;                       /* only the responder's option binds */
    else if (b1 && o2 <= d2 * (1 - o1))
        *x1 = 1 - d2 * (1 - o1);            /* only the proposer's option binds */
    else if (b1 || b2)
        *x1 = 1 - o2;                       /* both bind */
    *x2 = 1 - *x1;
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
