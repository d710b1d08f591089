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
    {"delta", 0, 1, "D1,D2,...", "discount factor per party per round, in (0, 1] (default "
                                 "each actor's discount, else 0.9)"},
    {"horizon", 0, 1, "T", "rounds of offers (default: the infinite-horizon closed form; with "
                           "a scenario 10)"},
    {"first", 0, 1, "ID", "the party that proposes first (default: the first party)"},
    {"outside", 0, 1, "O1,O2", "pie: outside options, in [0, 1] (default none)"},
    {"breakdown", 0, 1, "P", "pie: probability that talks break down after a rejection, in "
                             "(0, 1] (default none)"},
    {"fallback", 0, 1, "B1,B2", "pie: payoffs when talks break down (default 0,0)"},
    {"parties", 0, 1, "IDS", "scenario: comma-separated actor ids (default: at the table)"},
    {"step", 0, 1, "S", "scenario: grid step for issues without options (as parley settle)"},
    {NULL, 0, 0, NULL, NULL}};

/* "a,b,c" into up to max numbers in [lo, hi]; returns how many, or -1 (after a usage error). */
static int number_list(const char *opt, const char *v, double lo, double hi, double *out,
                       int max)
{
    int n = 0;
    for (const char *p = v; p && *p && n <= max;) {
        char *end;
        double d = strtod(p, &end);
        if (end == p || (*end && *end != ',') || !(d >= lo && d <= hi) || n == max) {
            cli_usage_error("--%s %s: expected up to %d numbers in [%g, %g] separated by "
                            "commas", opt, v, max, lo, hi);
            return -1;
        }
        out[n++] = d;
        p = *end ? end + 1 : end;
    }
    return n;
}

static int pie(const cli_args *a, cli_output *out)
{
    double d[2] = {0.9, 0.9}, o[2] = {0, 0}, b[2] = {0, 0}, x1, x2, p = 0;
    unsigned long long T = 0;
    int deal = 1, rc;
    const char *v;
    pl_error err;
    if (((v = cli_get(a, "delta", NULL)) && number_list("delta", v, 1e-12, 1, d, 2) < 0) ||
        ((v = cli_get(a, "outside", NULL)) && number_list("outside", v, 0, 1, o, 2) < 0) ||
        ((v = cli_get(a, "fallback", NULL)) && number_list("fallback", v, 0, 1, b, 2) < 0))
        return EXIT_USAGE;
    if ((rc = cli_whole_opt(a, "horizon", 100000, &T)) ||
        (rc = cli_number_opt(a, "breakdown", 1e-12, 1, "a probability in (0, 1]", &p)))
        return rc;
    if (cli_get(a, "delta", NULL) && !strchr(cli_get(a, "delta", NULL), ','))
        d[1] = d[0];
    if (p > 0) {
        rc = pl_breakdown(p, b[0], b[1], &x1, &err);
        x2 = 1 - x1;
    } else {
        rc = pl_rubinstein_outside(d[0], d[1], o[0], o[1], &x1, &x2, &deal, &err);
    }
    if (rc) {
        cli_report(&err, NULL, 0);
        return cli_exit_code(rc);
    }
    if (T > 0 && d[0] == d[1] && p == 0) {
        x1 = pl_rubinstein_finite(d[0], (int)T);
        x2 = 1 - x1;
    } else if (T > 0) {
        return cli_usage_error("--horizon on the pie needs equal discounts and no breakdown "
                               "risk; give a scenario for the general case");
    }
    if ((rc = cli_document_begin(out, a, "shares", NULL)))
        return rc;
    pl_emit_object_begin(out->e, "bargain", "Alternating offers over a pie of 1");
    pl_emit_string(out->e, "model", p > 0 ? "breakdown risk (Binmore, Rubinstein & Wolinsky 1986)"
                   : T ? "finite horizon (backward induction)" : o[0] + o[1] > 0 ?
                   "outside options (Binmore, Shaked & Sutton 1989)" : "Rubinstein (1982)");
    pl_emit_bool(out->e, "agreement", deal);
    pl_emit_number(out->e, "first_mover", deal ? x1 : o[0]);
    pl_emit_number(out->e, "second_mover", deal ? x2 : o[1]);
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
    "--outside the responder's outside option binds when larger; with --breakdown P\n"
    "and --fallback B1,B2 talks collapse after a rejection with probability P (no\n"
    "discounting); with --horizon T and equal discounts, (1 - (-d)^T)/(1 + d).\n"
    "With FILE (or --builtin): the parties propose in turn over the efficient\n"
    "packages of `parley settle`, each responder accepting what is worth at least\n"
    "its discounted value of going on; after the last round each gets its no-deal\n"
    "value, discounted by then (so a package below a party's no-deal value can be\n"
    "accepted early). Discounts: --delta, else each actor's `discount` when below\n"
    "1, else 0.9. Examples:\n"
    "  parley bargain --delta 0.9,0.8\n"
    "  parley bargain --builtin --parties RUS,UKR --horizon 6 --first RUS\n",
    run_bargain};
