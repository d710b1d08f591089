/* SPDX-License-Identifier: MIT */
/*
** survival.c: how long a deal lasts when it can end in more than one way
** (docs/models.md, "Survival"). Independent shocks r with a probability h_r
** per year of striking are constant hazards lambda_r = -ln(1 - h_r) per
** year (so the deal outlives a year of shock r with probability 1 - h_r
** whatever the period); a commitment problem ends it for certain at a given
** year. Competing risks (Kalbfleisch & Prentice 2002, ch. 8): with
** lambda = sum lambda_r, S(t) = exp(-lambda t) before the war year and 0
** from it; shock r ends the deal before m = min(horizon, war year) with
** probability (lambda_r / lambda)(1 - exp(-lambda m)); the expected lifetime
** within the horizon (the restricted mean) is the integral of S over
** [0, m] = (1 - exp(-lambda m)) / lambda.
*/
#include "parley/dynamics.h"
#include "../core/error_int.h"

#include <math.h>

/* lambda of all the shocks; *certain counts those with h = 1 (an infinite hazard). */
static double total_hazard(size_t n, const double *hazard, size_t *certain)
{
    double l = 0;
    *certain = 0;
    for (size_t r = 0; r < n; r++) {
        if (hazard[r] >= 1)
            ++*certain;
        else
            l += -log1p(-hazard[r]);
    }
    return l;
}

static int check(size_t n, const double *hazard, double horizon, pl_error *err)
{
    if (!(horizon > 0 && isfinite(horizon)))
        return pl__fail(err, PL_EINPUT, "a horizon of %g years; expected a positive number",
                        horizon);
    for (size_t r = 0; r < n; r++)
        if (!(hazard[r] >= 0 && hazard[r] <= 1))
            return pl__fail(err, PL_EINPUT, "hazard %zu is %g; expected a probability per "
                            "year in [0, 1]", r + 1, hazard[r]);
    return PL_OK;
}

double pl_survival_at(size_t n, const double *hazard, double war_at, double t)
{
    if (!(t >= 0) || (n && !hazard))
        return NAN;
    if (war_at >= 0 && t >= war_at)
        return 0;
    if (t == 0)
        return 1;
    size_t certain;
    double l = total_hazard(n, hazard, &certain);
    return certain ? 0 : exp(-l * t);
}

int pl_survival(size_t n, const double *hazard, double war_at, double horizon,
                double *lifetime, double *ends, pl_error *err)
{
    if ((n && !hazard) || !lifetime || !ends)
        return pl__fail(err, PL_EMISUSE, "pl_survival: NULL argument");
    int rc = check(n, hazard, horizon, err);
    if (rc)
        return rc;
    int war = war_at >= 0 && war_at <= horizon;
    double m = war ? war_at : horizon;
    size_t certain;
    double l = total_hazard(n, hazard, &certain);
    /* S just before m; an infinite hazard ends the deal at once, among those shocks */
    double left = m <= 0 ? 1 : certain ? 0 : exp(-l * m);
    for (size_t r = 0; r < n; r++) {
        double lr = hazard[r] >= 1 ? 1 : -log1p(-hazard[r]);
        ends[r] = m <= 0 ? 0 : certain ? (hazard[r] >= 1 ? 1.0 / (double)certain : 0)
                                       : l > 0 ? lr / l * (1 - left) : 0;
    }
    ends[n] = war ? left : 0;       /* the commitment problem */
    ends[n + 1] = war ? 0 : left;   /* the deal outlives the horizon */
    *lifetime = m <= 0 || certain ? 0 : l > 0 ? (1 - left) / l : m;
    return PL_OK;
}
