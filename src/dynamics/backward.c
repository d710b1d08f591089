/* SPDX-License-Identifier: MIT */
/*
** backward.c: finite-horizon alternating offers over a discrete set of
** outcomes, solved by backward induction (MODELS.md sec. 9). V_{T+1} = d; at
** t = T..1 the proposer picks the outcome best for it among those every
** responder accepts, u_r >= delta_r V_{t+1,r} (indifference accepts); if no
** such outcome beats waiting, the round passes and V_t = delta V_{t+1}.
*/
#include "parley/dynamics.h"
#include "../core/error_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void pl_bargain_result_clear(pl_bargain_result *res)
{
    if (!res)
        return;
    free(res->value);
    memset(res, 0, sizeof *res);
}

static int check(size_t n, size_t N, const double *u, const double *d, const double *delta,
                 const size_t *order, int T, pl_error *err)
{
    if (n < 2 || N < 1 || T < 1)
        return pl__fail(err, PL_EINPUT, "%zu parties, %zu outcomes, %d rounds; expected at "
                        "least 2, 1 and 1", n, N, T);
    for (size_t i = 0; i < n; i++) {
        if (!(delta[i] > 0 && delta[i] <= 1))
            return pl__fail(err, PL_EINPUT, "discount factor of party %zu is %g; expected "
                            "one in (0, 1]", i + 1, delta[i]);
        if (d && !isfinite(d[i]))
            return pl__fail(err, PL_EINPUT, "disagreement value of party %zu is not a number",
                            i + 1);
        if (order && order[i] >= n)
            return pl__fail(err, PL_EINPUT, "proposer %zu is party %zu; expected 1 to %zu",
                            i + 1, order[i] + 1, n);
    }
    for (size_t j = 0; j < N * n; j++)
        if (!isfinite(u[j]))
            return pl__fail(err, PL_EINPUT, "utility %zu of outcome %zu is not a number",
                            j % n + 1, j / n + 1);
    return PL_OK;
}

/* Outcome picked by proposer p against continuation values next (n), or N if none. */
static size_t propose(size_t n, size_t N, const double *u, const double *delta,
                      const double *next, size_t p)
{
    size_t best = N;
    double bu = -INFINITY, br = -INFINITY;
    for (size_t w = 0; w < N; w++) {
        const double *x = u + w * n;
        double others = 0;
        size_t i = 0;
        for (; i < n; i++) {
            if (i == p)
                continue;
            if (x[i] < delta[i] * next[i] - 1e-12)
                break;
            others += x[i];
        }
        if (i < n)
            continue;
        if (x[p] > bu || (x[p] == bu && others > br)) {
            best = w, bu = x[p], br = others;
        }
    }
    return best != N && bu >= delta[p] * next[p] - 1e-12 ? best : N;
}

int pl_backward_induction(pl_bargain_result *res, size_t n, size_t N, const double *u,
                          const double *d, const double *delta, const size_t *order, int T,
                          pl_error *err)
{
    if (!res || !u || !delta)
        return pl__fail(err, PL_EMISUSE, "pl_backward_induction: NULL argument");
    memset(res, 0, sizeof *res);
    int rc = check(n, N, u, d, delta, order, T, err);
    if (rc)
        return rc;
    double *v = malloc(2 * n * sizeof *v);
    if (!v)
        return pl__error_nomem(err);
    double *next = v, *cur = v + n;
    for (size_t i = 0; i < n; i++)
        next[i] = d ? d[i] : 0;
    size_t pick = N;
    for (int t = T; t >= 1; t--) {
        size_t p = order ? order[(size_t)(t - 1) % n] : (size_t)(t - 1) % n;
        pick = propose(n, N, u, delta, next, p);
        for (size_t i = 0; i < n; i++)
            cur[i] = pick < N ? u[pick * n + i] : delta[i] * next[i];
        double *sw = next;
        next = cur;
        cur = sw;
    }
    res->agreed = pick < N;
    res->outcome = pick;
    res->value = malloc(n * sizeof *res->value);
    if (!res->value) {
        free(v);
        return pl__error_nomem(err);
    }
    memcpy(res->value, next, n * sizeof *next);
    free(v);
    return PL_OK;
}
