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

/* Options that make no sense with the pie, or together. */
static int pie_usage(const cli_args *a)
{
    static const char *const scenario_only[] = {"first", "parties", "step"};
    for (size_t i = 0; i < 3; i++)
        if (cli_get(a, scenario_only[i], NULL))
            return cli_usage_error("--%s needs a scenario (FILE or --builtin)", scenario_only[i]);
    if (cli_get(a, "fallback", NULL) && !cli_get(a, "breakdown", NULL))
        return cli_usage_error("--fallback needs --breakdown (the payoffs when talks break down)");
    if (cli_get(a, "horizon", NULL) && (cli_get(a, "outside", NULL) || cli_get(a, "breakdown", NULL)))
        return cli_usage_error("--horizon on the pie is the alternating-offers game without "
                               "outside options or breakdown; expected one of them");
    return EXIT_OK;
}

/* The shares: *model names the formula. */
static int pie_shares(const cli_args *a, const double *d, double *x, int *deal, const char **model)
{
    double o[2] = {0, 0}, b[2] = {0, 0}, p = 0;
    unsigned long long T = 0;
    int rc;
    pl_error err;
    if ((rc = pair_opt(a, "outside", 0, 1, o)) || (rc = pair_opt(a, "fallback", 0, 1, b)) ||
        (rc = cli_whole_opt(a, "horizon", 1, 100000, &T)) ||
        (rc = cli_number_opt(a, "breakdown", 1e-12, 1, "a probability in (0, 1]", &p)))
        return rc;
    *deal = 1;
    if (cli_get(a, "horizon", NULL)) {
        if (d[0] != d[1])
            return cli_usage_error("--horizon %s on the pie needs equal discounts (one --delta "
                                   "for both parties)", cli_get(a, "horizon", NULL));
        *model = "finite horizon (backward induction)";
        x[0] = pl_rubinstein_finite(d[0], (int)T);
    } else if (p > 0) {
        *model = "breakdown risk (Binmore, Rubinstein & Wolinsky 1986)";
        rc = pl_breakdown(p, b[0], b[1], d[0], d[1], &x[0], &err);
    } else if (d[0] == 1 && d[1] == 1) {
        return cli_usage_error("--delta 1,1: without impatience or breakdown risk every split "
                               "is an equilibrium; expected a discount below 1, --breakdown or "
                               "--horizon");
    } else {
        *model = o[0] + o[1] > 0 ? "outside options, either side may quit (Muthoo 1999, ch. 5)"
                                 : "Rubinstein (1982)";
        rc = pl_rubinstein_outside(d[0], d[1], o[0], o[1], &x[0], &x[1], deal, &err);
    }
    if (rc) {
        cli_report(&err, NULL, 0);
        return cli_exit_code(rc);
    }
    x[1] = 1 - x[0];
    if (!*deal)
        x[0] = o[0], x[1] = o[1];  /* each takes its outside option */
    return EXIT_OK;
}

static int pie(const cli_args *a, cli_output *out)
{
    double d[2] = {0.9, 0.9}, x[2];
    int deal, rc;
    const char *model = NULL, *v = cli_get(a, "delta", NULL);
    if ((rc = pie_usage(a)))
        return rc;
    int nd = v ? cli_number_list("delta", v, 1e-12, 1, d, 2) : 2;
    if (nd < 0)
        return EXIT_USAGE;
    if (nd == 1)
        d[1] = d[0];  /* one discount for both */
    if (!v && cli_get(a, "breakdown", NULL))
        d[0] = d[1] = 1;  /* breakdown risk alone: Binmore, Rubinstein & Wolinsky, no discounting */
    if ((rc = pie_shares(a, d, x, &deal, &model)) ||
        (rc = cli_document_begin(out, a, "shares", NULL)))
        return rc;
    pl_emit_object_begin(out->e, "bargain", "Alternating offers over a pie of 1");
    pl_emit_string(out->e, "model", model);
    pl_emit_bool(out->e, "agreement", deal);
    pl_emit_number(out->e, "first_mover", x[0]);
    pl_emit_number(out->e, "second_mover", x[1]);
    pl_emit_object_end(out->e);
    return cli_document_end(out);
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
    "Without FILE: two parties split a pie of 1 (MODELS.md section 9). Party 1\n"
    "proposes first; shares are x1 = (1 - d2)/(1 - d1 d2) (Rubinstein 1982); with\n"
    "--outside the responder's outside option binds when larger (no deal when the\n"
    "two sum to more than 1); with --breakdown P and --fallback B1,B2 talks collapse\n"
    "after a rejection with probability P, and the responder is offered\n"
    "P b + (1 - P) d v (Binmore, Rubinstein & Wolinsky 1986; d = 1: no discounting);\n"
    "with --horizon T and one discount d, (1 - (-d)^T)/(1 + d). The discount is\n"
    "0.9 unless --delta says otherwise, or 1 when only --breakdown is given.\n"
    "With FILE (or --builtin): the parties propose in turn over the efficient\n"
    "packages of `parley settle`, each responder accepting what is worth at least\n"
    "its discounted value of going on; after the last round each gets its no-deal\n"
    "value, discounted by then (so a package below a party's no-deal value can be\n"
    "accepted early). Discounts: --delta, else each actor's `discount` when below\n"
    "1, else 0.9. Examples:\n"
    "  parley bargain --delta 0.9,0.8\n"
    "  parley bargain --builtin --parties RUS,UKR --horizon 6 --first RUS\n",
    run_bargain};
