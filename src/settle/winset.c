/* SPDX-License-Identifier: MIT */
/*
** winset.c: the acceptance primitive of MODELS.md sec. 8. Member j votes yes
** iff u_j(w) - u_j(ref) + sigma_j e_j > 0, e_j standard normal; a body passes
** when the yes-weight reaches its quota. One routine serves rational sets,
** veto players (Tsebelis 2002) and two-level ratification (Putnam 1988).
*/
#include "settle_impl.h"
#include "../core/error_int.h"

#include <stdlib.h>
#include <string.h>

double pl_phi(double z) { return 0.5 * erfc(-z / sqrt(2.0)); }

double pl_vote_yes(double gain, double sigma, int indifferent_yes)
{
    if (sigma > 0)
        return pl_phi(gain / sigma);
    if (gain == 0)
        return indifferent_yes ? 1 : 0;  /* status-quo bias by default */
    return gain > 0 ? 1 : 0;
}

/* The yes-weight's exact distribution: prod_j ((1 - p_j) + p_j z^w_j) (Poisson-binomial). */
int pl_pass_probability(size_t m, const double *p, const uint32_t *w, uint64_t quota,
                        double *out, pl_error *err)
{
    if (!out || (m && (!p || !w)))
        return pl__fail(err, PL_EMISUSE, "pl_pass_probability: NULL argument");
    uint64_t W = 0;
    for (size_t j = 0; j < m; j++) {
        if (w[j] < 1 || !(p[j] >= 0 && p[j] <= 1))
            return pl__fail(err, PL_EINPUT, "member %zu has weight %u and probability %g; "
                            "expected a weight >= 1 and a probability in [0, 1]", j + 1,
                            (unsigned)w[j], p[j]);
        W += w[j];
        if (W > (1u << 24))
            return pl__fail(err, PL_EINPUT, "the weights sum to more than 2^24; expected "
                            "smaller integer weights");
    }
    if (quota > W) {
        *out = 0;
        return PL_OK;
    }
    double *dist = calloc(W + 1, sizeof *dist);
    if (!dist)
        return pl__error_nomem(err);
    dist[0] = 1;
    uint64_t top = 0;
    for (size_t j = 0; j < m; j++) {
        for (uint64_t s = top + 1; s-- > 0;) {
            double x = dist[s];
            dist[s] = x * (1 - p[j]);
            dist[s + w[j]] += x * p[j];
        }
        top += w[j];
    }
    double pass = 0;
    for (uint64_t s = quota; s <= W; s++)
        pass += dist[s];
    free(dist);
    *out = pass > 1 ? 1 : pass;
    return PL_OK;
}

typedef struct member {
    double x, w;
} member;

static int cmp_desc(const void *a, const void *b)
{
    double x = ((const member *)a)->x, y = ((const member *)b)->x;
    return (x < y) - (x > y);
}

/* Position where the cumulative weight, taken from the first member on, reaches quota. */
static double pivot(const member *mb, size_t m, double quota)
{
    double c = 0;
    for (size_t j = 0; j < m; j++)
        if ((c += mb[j].w) >= quota)
            return mb[j].x;
    return NAN;
}

int pl_winset_1d(size_t m, const double *x, const double *w, double quota, double q,
                 double setter, double *lo, double *hi, double *obtained, pl_error *err)
{
    if (!x || !w || !lo || !hi || !obtained)
        return pl__fail(err, PL_EMISUSE, "pl_winset_1d: NULL argument");
    double W = 0;
    for (size_t j = 0; j < m; j++) {
        if (!isfinite(x[j]) || !(w[j] > 0))
            return pl__fail(err, PL_EINPUT, "member %zu: position %g, weight %g; expected "
                            "a finite position and a weight > 0", j + 1, x[j], w[j]);
        W += w[j];
    }
    if (!(quota > 0 && quota <= W) || !isfinite(q))
        return pl__fail(err, PL_EINPUT, "quota %g with total weight %g; expected 0 < quota "
                        "<= total and a finite status quo", quota, W);
    member *mb = malloc((m ? m : 1) * sizeof *mb);
    if (!mb)
        return pl__error_nomem(err);
    for (size_t j = 0; j < m; j++)
        mb[j] = (member){x[j], w[j]};
    qsort(mb, m, sizeof *mb, cmp_desc);
    double pr = pivot(mb, m, quota);          /* the most reluctant yes to the right */
    for (size_t j = 0; j < m; j++)
        mb[j].x = -mb[j].x;
    qsort(mb, m, sizeof *mb, cmp_desc);
    double pl = -pivot(mb, m, quota);         /* ... and to the left */
    free(mb);
    *hi = pr > q ? 2 * pr - q : q;
    *lo = pl < q ? 2 * pl - q : q;
    *obtained = setter < *lo ? *lo : setter > *hi ? *hi : setter;
    return PL_OK;
}
