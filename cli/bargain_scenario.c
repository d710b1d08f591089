/* SPDX-License-Identifier: MIT */
/*
** bargain_scenario.c: `parley bargain FILE`: backward induction over the
** efficient packages of a scenario's settlement.
*/
#include "cli.h"

#include <stdlib.h>
#include <string.h>

/* Proposer order: --first ID, then the other parties in order. */
static int proposer_order(const cli_args *a, const pl_scenario *s, const pl_settlement *st,
                          size_t n, size_t *order)
{
    const char *first = cli_get(a, "first", NULL);
    size_t f = 0;
    if (first) {
        long actor = pl_scenario_actor_index(s, first);
        while (f < n && (long)pl_settle_party(st, f) != actor)
            f++;
        if (f == n)
            return cli_usage_error("--first %s: not one of the %zu parties (see --parties)", first, n);
    }
    for (size_t i = 0; i < n; i++)
        order[i] = (f + i) % n;
    return EXIT_OK;
}

/* --delta or each party's own discount when below 1, else 0.9. */
static int discounts(const cli_args *a, const pl_scenario *s, const pl_settlement *st, size_t n,
                     double *delta)
{
    const char *v = cli_get(a, "delta", NULL);
    for (size_t i = 0; i < n; i++) {
        double d = pl_actor_discount(pl_scenario_actor(s, pl_settle_party(st, i)));
        delta[i] = d < 1 ? d : 0.9;
    }
    int k = v ? cli_number_list("delta", v, 1e-12, 1, delta, (int)n) : 0;
    if (k < 0)
        return EXIT_USAGE;
    for (size_t j = 1; k == 1 && j < n; j++)  /* one value for everyone */
        delta[j] = delta[0];
    return EXIT_OK;
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

static int emit(const cli_args *a, cli_output *out, const pl_scenario *s,
                const pl_settlement *st, const pl_bargain_result *r, const size_t *order,
                unsigned long long T)
{
    int rc = cli_document_begin(out, a, "values", s);
    if (rc)
        return rc;
    size_t n = pl_frontier_n_parties(pl_settle_frontier(st));
    const pl_frontier *f = pl_settle_frontier(st);
    pl_emit_object_begin(out->e, "bargain", "Alternating offers over the efficient packages");
    pl_emit_int(out->e, "rounds", (long long)T);
    pl_emit_string(out->e, "first", pl_actor_id(pl_scenario_actor(s, pl_settle_party(st, order[0]))));
    pl_emit_int(out->e, "packages", (long long)pl_frontier_size(f));
    pl_emit_bool(out->e, "agreement", r->agreed);
    static const char *const cols[] = {"party", "value", "no_deal"};
    pl_emit_table_begin(out->e, "values", "Each party's value of the game", cols, 3);
    for (size_t i = 0; i < n; i++) {
        pl_emit_row_begin(out->e);
        pl_emit_string(out->e, NULL, pl_actor_id(pl_scenario_actor(s, pl_settle_party(st, i))));
        pl_emit_number(out->e, NULL, r->value[i]);
        pl_emit_number(out->e, NULL, pl_settle_disagreement(st, i));
        pl_emit_row_end(out->e);
    }
    pl_emit_table_end(out->e);
    emit_disagreement(st, out->e);
    int drc = r->agreed ? pl_settle_emit_package(st, "package", "The package the first "
                                                 "proposer offers, accepted at once",
                                                 pl_frontier_package(f, r->outcome), out->e)
                        : PL_OK;
    pl_emit_object_end(out->e);
    return cli_document_done(out, drc);
}

int cli_bargain_scenario(const cli_args *a, cli_output *out)
{
    pl_settle_opts so = PL_SETTLE_OPTS_INIT;
    unsigned long long T = 10;
    int rc;
    if ((rc = cli_whole_opt(a, "horizon", 1, 100000, &T)) ||
        (rc = cli_number_opt(a, "step", 0.01, 100, "a grid step in [0.01, 100]", &so.step)))
        return rc;
    if (cli_get(a, "outside", NULL) || cli_get(a, "breakdown", NULL) || cli_get(a, "fallback", NULL))
        return cli_usage_error("--outside, --breakdown and --fallback are for the pie (no FILE)");
    so.parties = cli_get(a, "parties", NULL);
    so.max_enumerate = 0;
    so.logrolls = 0;
    pl_scenario *s = NULL;
    if ((rc = cli_load_scenario(a, &s, 0)))
        return rc;
    pl_settlement *st = NULL;
    pl_error err;
    pl_error_clear(&err);
    if (pl_settle_compute(&st, s, &so, &err)) {
        cli_report(&err, NULL, 0);
        pl_scenario_free(s);
        return cli_exit_code(err.code);
    }
    const pl_frontier *f = pl_settle_frontier(st);
    size_t n = pl_frontier_n_parties(f), N = pl_frontier_size(f);
    double *u = malloc((N ? N : 1) * n * sizeof *u), *d = malloc(n * sizeof *d),
           *delta = malloc(n * sizeof *delta);
    size_t *order = malloc(n * sizeof *order);
    pl_bargain_result r = {0, 0, NULL};
    rc = u && d && delta && order ? EXIT_OK : EXIT_FAIL;
    if (!rc && !(rc = proposer_order(a, s, st, n, order)) && !(rc = discounts(a, s, st, n, delta))) {
        for (size_t j = 0; j < N * n; j++)
            u[j] = pl_frontier_utility(f, j / n, j % n);
        for (size_t i = 0; i < n; i++)
            d[i] = pl_settle_disagreement(st, i);
        if (!N && (r.value = malloc(n * sizeof *r.value))) {
            /* no package within every party's red lines: nothing to offer, no deal */
            memcpy(r.value, d, n * sizeof *d);
            rc = emit(a, out, s, st, &r, order, T);
        } else if (!N) {
            rc = cli_out_of_memory();
        } else if (pl_backward_induction(&r, n, N, u, d, delta, order, (int)T, &err)) {
            cli_report(&err, NULL, 0);
            rc = cli_exit_code(err.code);
        } else {
            rc = emit(a, out, s, st, &r, order, T);
        }
    }
    pl_bargain_result_clear(&r);
    free(u), free(d), free(delta), free(order);
    pl_settle_free(st);
    pl_scenario_free(s);
    return rc;
}
