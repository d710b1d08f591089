/* SPDX-License-Identifier: MIT */
/*
** bargain_scenario.c: `parley bargain FILE`: backward induction over the
** efficient packages of a scenario's settlement.
*/
#include "cli.h"

#include <stdlib.h>
#include <string.h>

/* --first ID: its index among the parties (0 without it). */
static int first_party(const cli_args *a, const pl_scenario *s, const pl_settlement *st,
                       size_t n, size_t *first)
{
    const char *id = cli_get(a, "first", NULL);
    *first = 0;
    if (!id)
        return EXIT_OK;
    long actor = pl_scenario_actor_index(s, id);
    while (*first < n && (long)pl_settle_party(st, *first) != actor)
        (*first)++;
    if (*first == n)
        return cli_usage_error("--first %s: not one of the %zu parties (see --parties)", id, n);
    return EXIT_OK;
}

/* --delta, else each party's own discount when below 1, else 0.9. */
static int discounts(const cli_args *a, const pl_scenario *s, const pl_settlement *st, size_t n,
                     double *delta)
{
    const char *v = cli_get(a, "delta", NULL);
    pl_bargain_discounts(s, st, delta);
    int k = v ? cli_number_list("delta", v, 1e-12, 1, delta, (int)n) : 0;
    if (k < 0)
        return EXIT_USAGE;
    for (size_t j = 1; k == 1 && j < n; j++)  /* one value for everyone */
        delta[j] = delta[0];
    return EXIT_OK;
}

static int emit(const cli_args *a, cli_output *out, const pl_scenario *s,
                const pl_settlement *st, const pl_bargain_result *r, size_t first,
                const double *delta, unsigned long long T)
{
    int rc = cli_document_begin(out, a, "values", s);
    if (rc)
        return rc;
    return cli_document_done(out, pl_bargain_settlement_emit(r, s, st, first, delta, (int)T,
                                                             out->e));
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
    size_t n = pl_frontier_n_parties(pl_settle_frontier(st)), first = 0;
    double *delta = malloc(n * sizeof *delta);
    pl_bargain_result r = {0, 0, NULL};
    rc = delta ? EXIT_OK : cli_out_of_memory();
    if (!rc && !(rc = first_party(a, s, st, n, &first)) && !(rc = discounts(a, s, st, n, delta))) {
        if (pl_bargain_settlement(&r, st, first, delta, (int)T, &err)) {
            cli_report(&err, NULL, 0);
            rc = cli_exit_code(err.code);
        } else {
            rc = emit(a, out, s, st, &r, first, delta, T);
        }
    }
    pl_bargain_result_clear(&r);
    free(delta);
    pl_settle_free(st);
    pl_scenario_free(s);
    return rc;
}
