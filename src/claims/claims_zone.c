/* SPDX-License-Identifier: MIT */
/*
** claims_zone.c: is there an agreement zone on a few issues? Every package of
** those issues' options (the other issues left where they are) is compared
** with the status quo: it is in the zone when no party loses and someone
** gains, each party's gain summed over the issues with its weights
** (pl_settle_issue_utility). A package that crosses a party's red line is
** not in the zone, whatever the party's gain (docs/models.md, "Red lines").
** The claim holds when at most `max_packages` packages are in the zone: none,
** or a very thin one.
*/
#include "claims_impl.h"
#include "../core/fmt.h"
#include "../settle/settlement.h"
#include "parley/settle.h"
#include "parley/scenario.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Gains of every party for the package whose option indices are v (over c->issues). */
static int in_zone(const pl_settlement *st, const pl_scenario *s, const pl__claim *c,
                   const size_t *v, double *worst)
{
    size_t n = pl_frontier_n_parties(pl_settle_frontier(st));
    int someone = 0;
    *worst = INFINITY;
    for (size_t i = 0; i < n; i++) {
        double g = 0;
        for (size_t j = 0; j < c->n_issues; j++) {
            size_t k = c->issues[j];
            if (!pl__settle_allows(st, i, k, v[j]))
                return 0;  /* parties are the first judges */
            double sq = pl_issue_status_quo(pl_scenario_issue(s, k))->value;
            g += pl_settle_issue_utility(st, i, k, pl_settle_option(st, k, v[j], NULL)) -
                 pl_settle_issue_utility(st, i, k, sq);
        }
        *worst = fmin(*worst, g);
        someone |= g > 1e-12;
    }
    return *worst >= -1e-12 && someone;
}

void pl__claim_zone(const pl_settlement *st, const pl_scenario *s, const pl__claim *c,
                    pl_claim_result *r)
{
    size_t m[4], v[4] = {0}, total = 1, count = 0;
    char names[96] = "", best_pkg[200] = "";
    double best = -INFINITY;
    if (!st) {
        pl__claim_say(r, PL_CLAIM_UNDEFINED, NAN, "The settlement could not be computed.");
        return;
    }
    for (size_t j = 0; j < c->n_issues; j++) {
        const pl_issue *x = pl_scenario_issue(s, c->issues[j]);
        if (!pl_issue_status_quo(x)) {
            pl__claim_say(r, PL_CLAIM_UNDEFINED, NAN, "Issue %s has no status quo to compare "
                          "with.", pl_issue_id(x));
            return;
        }
        m[j] = pl_space_n_options(pl_settle_space(st), c->issues[j]);
        total *= m[j];
        size_t u = strlen(names);
        pl__snprintf(names + u, sizeof names - u, "%s%s", j ? " and " : "", pl_issue_id(x));
    }
    for (size_t p = 0; p < total; p++) {
        size_t q = p;
        for (size_t j = 0; j < c->n_issues; j++)
            v[j] = q % m[j], q /= m[j];
        double worst;
        if (!in_zone(st, s, c, v, &worst))
            continue;
        count++;
        if (worst > best) {
            best = worst;
            size_t u = 0;
            for (size_t j = 0; j < c->n_issues; j++)
                u += (size_t)pl__snprintf(best_pkg + u, sizeof best_pkg - u, "%s%s %g", j ? ", " : "",
                                      pl_issue_id(pl_scenario_issue(s, c->issues[j])),
                                      pl_settle_option(st, c->issues[j], v[j], NULL));
        }
    }
    if (count)
        pl__claim_say(r, count <= c->limit ? PL_CLAIM_HOLDS : PL_CLAIM_FAILS, (double)count,
                      "%zu of the %zu packages on %s leave every party at least as well off as "
                      "the status quo and someone better off (the claim allows %g); the best for "
                      "the party that gains least is %s (its gain %.3g).", count, total, names,
                      c->limit, best_pkg, best);
    else
        pl__claim_say(r, PL_CLAIM_HOLDS, 0, "None of the %zu packages on %s leaves every party "
                      "at least as well off as the status quo with someone better off: no "
                      "agreement zone.", total, names);
    r->threshold = c->limit;
    double d = fabs((double)count - c->limit);
    pl__snprintf(r->margin, sizeof r->margin, "%zu package%s against at most %g: %s by %g package%s.",
             count, count == 1 ? "" : "s", c->limit, count <= c->limit ? "within" : "over", d,
             d == 1 ? "" : "s");
}
