/* SPDX-License-Identifier: MIT */
/*
** veto.c: the procedural, veto-aware compromise (MODELS.md section 8; docs/models.md).
** On one issue the actors' utilities fall with the distance from their
** positions, so actor i prefers y to the status quo q iff |y - x_i| < |q - x_i|.
** The win-set of q (Tsebelis 2002, ch. 1-2) is the set of y that every body
** deciding the issue passes against q. On a line it is an interval on each
** side of q: on the side above q, a member supports y iff x_i > (q + y) / 2,
** so the supporters shrink as y grows, and the farthest point a winning
** coalition still backs is 2 x_k - q, x_k the position of the member whose
** joining (from the far end) first makes the coalition win. The forecast is
** the weighted mean projected onto the closure of the win-set: the mean when
** the deciders pass it, the edge of the win-set nearest to it when not, q when
** the win-set is empty on the mean's side. Without a status quo the win-set is
** undefined; the mean is then kept inside the range of the veto players'
** positions (a point outside it is worse for every veto player than its end).
** Deciders: the issue's `decided_by` bodies; without them every actor at the
** table with a position is a veto player (agreement by consent). A member
** without a position on the issue has no stake in it and joins any coalition.
*/
#include "veto_impl.h"
#include "../core/alloc.h"
#include "../core/error_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int wins(const pl__veto *v)
{
    if (v->game)
        return pl_game_wins(v->game, v->in);
    for (size_t m = 0; m < v->n; m++)
        if (!v->in[m])
            return 0;
    return 1;
}

/* For qsort: members by dir * position, farthest first; ties by slot (stable). */
typedef struct pl__veto_keyed {
    double key;
    size_t m;
} keyed;

static int cmp_keyed(const void *a, const void *b)
{
    const keyed *p = a, *q = b;
    if (p->key != q->key)
        return p->key > q->key ? -1 : 1;
    return (p->m > q->m) - (p->m < q->m);
}

double pl__veto_side_bound(pl__veto *v, double q, int dir)
{
    keyed *ord = v->ord;
    size_t c = 0;
    for (size_t m = 0; m < v->n; m++) {
        v->in[m] = (unsigned char)(isnan(v->x[m]) != 0);
        if (!isnan(v->x[m]) && dir * (v->x[m] - q) > 0)
            ord[c++] = (keyed){dir * v->x[m], m};
    }
    if (wins(v))
        return dir > 0 ? 100 : 0; /* nobody with a stake can stop a change this way */
    qsort(ord, c, sizeof *ord, cmp_keyed);
    for (size_t j = 0; j < c; j++) {
        v->in[ord[j].m] = 1;
        if (j + 1 < c && ord[j + 1].key == ord[j].key)
            continue; /* members at one position join together */
        if (wins(v)) {
            double y = 2 * v->x[ord[j].m] - q;
            return y < 0 ? 0 : y > 100 ? 100 : y;
        }
    }
    return q;
}

int pl__veto_is_veto(pl__veto *v, size_t m)
{
    for (size_t j = 0; j < v->n; j++)
        v->in[j] = (unsigned char)(j != m);
    return !wins(v);
}

/* Range of the veto players' positions: members without whom the rest cannot pass anything. */
static void veto_range(pl__veto *v, double *lo, double *hi)
{
    for (size_t m = 0; m < v->n; m++) {
        if (isnan(v->x[m]) || !pl__veto_is_veto(v, m))
            continue;
        *lo = fmin(*lo, v->x[m]);
        *hi = fmax(*hi, v->x[m]);
    }
}

size_t pl__veto_n_deciders(const pl__veto *v, size_t k)
{
    size_t nd = pl_issue_n_deciders(pl_scenario_issue(v->s, k));
    return nd ? nd : 1;
}

long pl__veto_load(pl__veto *v, size_t k, size_t d)
{
    const pl_scenario *s = v->s;
    const pl_issue *x = pl_scenario_issue(s, k);
    long body = pl_issue_n_deciders(x) ? pl_issue_decider(x, d) : -1;
    double pos, sal;
    v->n = 0;
    v->game = body >= 0 ? v->games[body] : NULL;
    if (body >= 0) {
        const pl_body *b = pl_scenario_body(s, (size_t)body);
        for (size_t m = 0; m < pl_body_n_members(b); m++) {
            size_t i = (size_t)pl_body_member(b, m);
            v->actor[v->n] = i;
            v->x[v->n++] = pl_scenario_position(s, i, k, &pos, &sal) == 1 ? pos : NAN;
        }
        return body;
    }
    for (size_t i = 0; i < pl_scenario_n_actors(s); i++)
        if (pl_actor_at_table(pl_scenario_actor(s, i)) &&
            pl_scenario_position(s, i, k, &pos, &sal) == 1) {
            v->actor[v->n] = i;
            v->x[v->n++] = pos;
        }
    return -1;
}

/* The forecast on issue k from its weighted mean. */
static double issue_forecast(pl__veto *v, size_t k, double mean)
{
    const pl_value *sq = pl_issue_status_quo(pl_scenario_issue(v->s, k));
    double lo = 0, hi = 100, vlo = INFINITY, vhi = -INFINITY;
    for (size_t d = 0; d < pl__veto_n_deciders(v, k); d++) {
        pl__veto_load(v, k, d);
        if (sq) {
            lo = fmax(lo, pl__veto_side_bound(v, sq->value, -1));
            hi = fmin(hi, pl__veto_side_bound(v, sq->value, +1));
        } else {
            veto_range(v, &vlo, &vhi);
        }
    }
    if (sq) /* lo <= q <= hi always: the projection of the mean onto [lo, hi] */
        return mean > sq->value ? fmin(mean, hi) : fmax(mean, lo);
    return vlo > vhi ? mean : fmin(fmax(mean, vlo), vhi);
}

/* Games of the bodies some issue names in decided_by (NULL for the others). */
static int build_games(const pl_scenario *s, pl_game **games, pl_error *err)
{
    for (size_t k = 0; k < pl_scenario_n_issues(s); k++) {
        const pl_issue *x = pl_scenario_issue(s, k);
        for (size_t d = 0; d < pl_issue_n_deciders(x); d++) {
            long b = pl_issue_decider(x, d);
            int rc = games[b] ? PL_OK : pl_game_from_body(&games[b], s, (size_t)b, err);
            if (rc)
                return rc;
        }
    }
    return PL_OK;
}

int pl__veto_open(pl__veto *v, const pl_scenario *s, pl_error *err)
{
    size_t nb = pl_scenario_n_bodies(s), n = pl_scenario_n_actors(s);
    for (size_t b = 0; b < nb; b++)
        n = pl_body_n_members(pl_scenario_body(s, b)) > n ? pl_body_n_members(pl_scenario_body(s, b)) : n;
    n = n ? n : 1;
    *v = (pl__veto){s, nb, calloc(nb ? nb : 1, sizeof *v->games), NULL, 0,
                    pl__mallocarray(n, sizeof *v->x), pl__mallocarray(n, sizeof *v->actor),
                    malloc(n), pl__mallocarray(n, sizeof *v->ord)};
    return v->games && v->x && v->actor && v->in && v->ord ? build_games(s, v->games, err)
                                                           : pl__error_nomem(err);
}

void pl__veto_close(pl__veto *v)
{
    for (size_t b = 0; v->games && b < v->n_bodies; b++)
        pl_game_free(v->games[b]);
    free(v->games);
    free(v->x);
    free(v->actor);
    free(v->in);
    free(v->ord);
    *v = (pl__veto){0};
}

int pl__veto_forecasts(const pl_scenario *s, const double *mean, double *out, pl_error *err)
{
    pl__veto v;
    int rc = pl__veto_open(&v, s, err);
    for (size_t k = 0; !rc && k < pl_scenario_n_issues(s); k++)
        out[k] = issue_forecast(&v, k, mean[k]);
    pl__veto_close(&v);
    return rc;
}
