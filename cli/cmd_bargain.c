/* SPDX-License-Identifier: MIT */
/*
** cmd_bargain.c: `parley bargain [FILE]`: alternating offers. Without a
** scenario, the closed forms over a pie of 1 (Rubinstein; outside options;
** breakdown risk; a finite horizon). With one, backward induction over the
** efficient packages of its settlement (parley settle's outcome space).
*/
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const cli_optdef bargain_opts[] = {
    {"builtin", 0, 2, "NAME", "bargain over a built-in scenario's packages"},
    CLI_FROM_OPTDEF,
    {"delta", 0, 1, "D1,D2,...", "discount factor per party per round, in (0, 1]; one value "
                                 "for all (default: each actor's discount when below 1, else "
                                 "0.9)"},
    {"horizon", 0, 1, "T", "rounds of offers (default: the infinite-horizon closed form; with "
                           "a scenario 10)"},
    {"first", 0, 1, "ID", "the party that proposes first (default: the first party)"},
    {"outside", 0, 1, "O1,O2", "pie: outside options of both parties, in [0, 1] (default "
                               "none; either may quit when it responds)"},
    {"breakdown", 0, 1, "P", "pie: probability that talks break down after a rejection, in "
                             "(0, 1] (default none)"},
    {"fallback", 0, 1, "B1,B2", "pie: payoffs when talks break down (default 0,0)"},
    {"parties", 0, 1, "IDS", "scenario: comma-separated actor ids (default: at the table)"},
    {"step", 0, 1, "S", "scenario: grid step for issues without options (as parley settle)"},
    {NULL, 0, 0, NULL, NULL}};

/* Exactly two numbers in [lo, hi] from --name, into out (unchanged when absent). */
static int pair_opt(const cli_args *a, const char *name, double lo, double hi, double *out)
{
    const char *v = cli_get(a, name, NULL);
    int n = v ? cli_number_list(name, v, lo, hi, out, 2) : 2;
    if (n == 1)
        return cli_usage_error("--%s %s: expected two numbers, one per party", name, v);
    return n < 0 ? EXIT_USAGE : EXIT_OK;
}

/* The terms of the pie from the options, as given (the library checks how they combine). */
static int pie_terms(const cli_args *a, pl_pie_terms *t, double *d, double *o, double *b)
{
    static const char *const scenario_only[] = {"first", "parties", "step"};
    for (size_t i = 0; i < 3; i++)
        if (cli_get(a, scenario_only[i], NULL))
            return cli_usage_error("--%s needs a scenario (FILE or --builtin)", scenario_only[i]);
    const char *v = cli_get(a, "delta", NULL);
    int nd = v ? cli_number_list("delta", v, 1e-12, 1, d, 2) : 2;
    if (nd < 0)
        return EXIT_USAGE;
    if (nd == 1)
        d[1] = d[0];  /* one discount for both */
    unsigned long long T = 0;
    int rc;
    if ((rc = pair_opt(a, "outside", 0, 1, o)) || (rc = pair_opt(a, "fallback", 0, 1, b)) ||
        (rc = cli_whole_opt(a, "horizon", 1, 100000, &T)) ||
        (rc = cli_number_opt(a, "breakdown", 1e-12, 1, "a probability in (0, 1]",
                             &t->breakdown)))
        return rc;
    t->delta = v ? d : NULL;
    t->outside = cli_get(a, "outside", NULL) ? o : NULL;
    t->fallback = cli_get(a, "fallback", NULL) ? b : NULL;
    t->horizon = (int)T;
    return EXIT_OK;
}

static int pie(const cli_args *a, cli_output *out)
{
    pl_pie_terms t = PL_PIE_TERMS_INIT;
    pl_pie_result r;
    double d[2], o[2], b[2];
    pl_error err;
    int rc = pie_terms(a, &t, d, o, b);
    if (rc)
        return rc;
    if ((rc = pl_bargain_pie(&r, &t, &err))) {
        cli_report(&err, NULL, 0);
        return cli_exit_code(rc);
    }
    if ((rc = cli_document_begin(out, a, "shares", NULL)))
        return rc;
    return cli_document_done(out, pl_bargain_pie_emit(&r, out->e));
}

static int run_bargain(const cli_args *a)
{
    cli_output out;
    if (a->npos == 0 && !cli_has(a, "builtin") && !cli_get(a, "from", NULL))
        return pie(a, &out);
    return cli_bargain_scenario(a, &out);
}

const cli_command cli_cmd_bargain = {
    "bargain", "[FILE]",
    "Alternating offers: Rubinstein shares, or backward induction over a scenario's packages.",
    bargain_opts,
    "Without FILE: two parties split a pie of 1 (docs/models.md, \"Bargaining over\n"
    "time\"). Party 1 proposes first; shares are x1 = (1 - d2)/(1 - d1 d2)\n"
    "(Rubinstein 1982); with --outside the responder's outside option binds when\n"
    "larger (no deal when the two sum to more than 1); with --breakdown P and\n"
    "--fallback B1,B2 talks collapse after a rejection with probability P, and\n"
    "the responder is offered P b + (1 - P) d v (Binmore, Rubinstein & Wolinsky\n"
    "1986; d = 1: no discounting); with --horizon T and one discount d,\n"
    "(1 - (-d)^T)/(1 + d). The discount is 0.9 unless --delta says otherwise, or 1\n"
    "when only --breakdown is given.\n"
    "With FILE (or --builtin): the parties propose in turn over the efficient\n"
    "packages of `parley settle`, each responder accepting what is worth at least\n"
    "its discounted value of going on; after the last round each gets its no-deal\n"
    "value, discounted by then (so a package below a party's no-deal value can be\n"
    "accepted early). Discounts: --delta, else each actor's `discount` when below\n"
    "1, else 0.9. Examples:\n"
    "  parley bargain --delta 0.9,0.8\n"
    "  parley bargain --builtin --parties RUS,UKR --horizon 6 --first RUS\n",
    run_bargain};
