/* SPDX-License-Identifier: MIT */
/*
** bargain_settle.c: alternating offers over a scenario's settlement (`parley
** bargain FILE`): backward induction over the efficient packages, and its
** description. In the library so that the CLI and bindings share it.
*/
#include "parley/parley.h"
#include "../core/alloc.h"
#include "../core/buf.h"
#include "../core/error_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pl_bargain_discounts(const pl_scenario *s, const pl_settlement *st, double *delta)
{
    size_t n = pl_frontier_n_parties(pl_settle_frontier(st));
    for (size_t i = 0; i < n; i++) {
        double d = pl_actor_discount(pl_scenario_actor(s, pl_settle_party(st, i)));
        delta[i] = d < 1 ? d : 0.9;
    }
}

/* Utilities (outcome-major), no-deal values and the proposers' order, for the induction. */
static int game_arrays(const pl_settlement *st, size_t first, double **u, double **d,
                       size_t **order)
{
    const pl_frontier *f = pl_settle_frontier(st);
    size_t n = pl_frontier_n_parties(f), N = pl_frontier_size(f);
    *u = pl__mallocarray(pl__mul(N ? N : 1, n), sizeof **u);
    *d = pl__mallocarray(n, sizeof **d);
    *order = pl__mallocarray(n, sizeof **order);
    if (!*u || !*d || !*order)
        return PL_ENOMEM;
    for (size_t j = 0; j < N * n; j++)
        (*u)[j] = pl_frontier_utility(f, j / n, j % n);
    for (size_t i = 0; i < n; i++) {
        (*d)[i] = pl_settle_disagreement(st, i);
        (*order)[i] = (first + i) % n;
    }
    return PL_OK;
}

int pl_bargain_settlement(pl_bargain_result *res, const pl_settlement *st, size_t first,
                          const double *delta, int T, pl_error *err)
{
    if (!res || !st || !delta)
        return pl__fail(err, PL_EMISUSE, "pl_bargain_settlement: NULL argument");
    size_t n = pl_frontier_n_parties(pl_settle_frontier(st));
    size_t N = pl_frontier_size(pl_settle_frontier(st));
    memset(res, 0, sizeof *res);
    if (first >= n)
        return pl__fail(err, PL_EMISUSE, "pl_bargain_settlement: first proposer %zu of %zu "
                        "parties", first, n);
    double *u = NULL, *d = NULL;
    size_t *order = NULL;
    int rc = game_arrays(st, first, &u, &d, &order);
    if (rc)
        rc = pl__error_nomem(err);
    else if (N)
        rc = pl_backward_induction(res, n, N, u, d, delta, order, T, err);
    else if (!(res->value = pl__mallocarray(n, sizeof *res->value)))
        rc = pl__error_nomem(err);
    else /* no package within every party's red lines: nothing to offer, no deal */
        memcpy(res->value, d, n * sizeof *d);
    free(u), free(d), free(order);
    return rc;
}

/* With a no-deal path, say that it is the disagreement point (settle lists its parts). */
static void emit_disagreement(const pl_settlement *st, pl_emitter *e)
{
    pl_nodeal nd;
    if (pl_settle_nodeal(st, pl_settle_party(st, 0), &nd) || !nd.path)
        return;
    pl_emit_string(e, "disagreement", "Each party's no-deal value over time (the scenario's "
                   "no_deal section: its static value less the status quo's drift and its cost "
                   "of continued conflict; parley settle lists the parts).");
    pl_emit_number(e, "no_deal_horizon_years", nd.horizon);
    pl_emit_number(e, "no_deal_discount_per_year", nd.discount);
}

static const char *party_id(const pl_scenario *s, const pl_settlement *st, size_t i)
{
    return pl_actor_id(pl_scenario_actor(s, pl_settle_party(st, i)));
}

/*
** A party whose value of the game is below its no-deal value looks like an error in the
** table; it is the finite horizon (no deal comes only after the last round, discounted by
** then), so say so, naming each such party with both numbers. Without agreement every
** party gets its discounted no-deal value, which needs no saying.
*/
static int emit_below_no_deal(const pl_bargain_result *r, const pl_scenario *s,
                              const pl_settlement *st, size_t n, int T, pl_emitter *e)
{
    if (!r->agreed) /* each then gets its discounted no-deal value: nothing to explain */
        return PL_OK;
    pl__buf b = {0};
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        double d = pl_settle_disagreement(st, i);
        if (r->value[i] >= d - 1e-12 * (1 + (d < 0 ? -d : d)))
            continue;
        pl__buf_printf(&b, "%s%s (%.3f against %.3f)", k++ ? ", " : "", party_id(s, st, i),
                       r->value[i], d);
    }
    if (k)
        pl__buf_printf(&b, ": %s less than %s no-deal value, because no deal comes only after "
                       "the last of the %d rounds, discounted by then; holding out is worth "
                       "less than what %s offered.", k > 1 ? "these parties get" : "gets",
                       k > 1 ? "their" : "its", T, k > 1 ? "they are" : "it is");
    int rc = b.failed ? PL_ENOMEM : PL_OK;
    if (k && !rc)
        pl_emit_string(e, "below_no_deal", b.buf);
    pl__buf_free(&b);
    return rc;
}

int pl_bargain_settlement_emit(const pl_bargain_result *r, const pl_scenario *s,
                               const pl_settlement *st, size_t first, const double *delta, int T,
                               pl_emitter *e)
{
    static const char *const cols[] = {"party", "value", "no_deal", "discount"};
    const pl_frontier *f = pl_settle_frontier(st);
    size_t n = pl_frontier_n_parties(f);
    pl_emit_object_begin(e, "bargain", "Alternating offers over the efficient packages");
    pl_emit_int(e, "rounds", T);
    pl_emit_string(e, "first", party_id(s, st, first));
    pl_emit_int(e, "packages", (long long)pl_frontier_size(f));
    pl_emit_bool(e, "agreement", r->agreed);
    /* the discount shown as used: the no-deal section's yearly one is another number */
    pl_emit_table_begin(e, "values", "Each party's value of the game (discount: per round, "
                        "--delta, else the actor's own, else 0.9)", cols, 4);
    for (size_t i = 0; i < n; i++) {
        pl_emit_row_begin(e);
        pl_emit_string(e, NULL, party_id(s, st, i));
        pl_emit_number(e, NULL, r->value[i]);
        pl_emit_number(e, NULL, pl_settle_disagreement(st, i));
        pl_emit_number(e, NULL, delta[i]);
        pl_emit_row_end(e);
    }
    pl_emit_table_end(e);
    if (emit_below_no_deal(r, s, st, n, T, e))
        return PL_ENOMEM;
    emit_disagreement(st, e);
    int drc = r->agreed ? pl_settle_emit_package(st, "package", "The package the first "
                                                 "proposer offers, accepted at once",
                                                 pl_frontier_package(f, r->outcome), e)
                        : PL_OK;
    pl_emit_object_end(e);
    return drc;
}
