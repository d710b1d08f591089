/* SPDX-License-Identifier: MIT */
/*
** cmd_settle.c: `parley settle [FILE]`: which packages every party, and every
** body that must ratify, prefers to no deal, and which of them are fair.
*/
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const cli_optdef settle_opts[] = {
    {"builtin", 0, 2, "NAME", "settle a built-in scenario (default when no FILE)"},
    CLI_FROM_OPTDEF,
    CLI_SETTLE_OPTDEFS,
    {"loss", 0, 1, "LOSS", "per-issue utility: linear or quadratic (default linear)"},
    {"logrolls", 0, 1, "N", "pairwise logrolls to show (default 5)"},
    {"threads", 0, 1, "N", "threads (default 1; results never depend on it)"},
    {"proposal", 0, 1, "FILE", "a package (issue: option or scale point): its votes, its "
                               "ratification and its distance to each solution"},
    {"frontier-out", 0, 1, "FILE", "write the whole frontier as CSV to FILE"},
    CLI_PROGRESS_OPTDEF,
    {NULL, 0, 0, NULL, NULL}};

/* --frontier-out FILE: one row per frontier package. */
static int write_frontier(cli_output *fr, const pl_settlement *st)
{
    pl_emit_object_begin(fr->e, NULL, NULL);
    int drc = pl_settle_emit_frontier(st, fr->e);
    pl_emit_object_end(fr->e);
    return cli_output_done(fr, drc);
}

/* The frontier file, then the document; both are opened first, so that a bad path for
   either leaves the other untouched. */
static int emit_settlement(const cli_args *a, const pl_scenario *s, const pl_settlement *st,
                           const pl_proposal *p)
{
    const char *path = cli_get(a, "frontier-out", NULL);
    cli_output fr, out;
    int rc = path ? cli_output_open_path(&fr, "--frontier-out", path, PL_FORMAT_CSV,
                                         "frontier") : EXIT_OK;
    if (rc)
        return rc;
    if ((rc = cli_output_open(&out, a, "solutions")) != EXIT_OK) {
        if (path)
            cli_output_close(&fr, 0);
        return rc;
    }
    if (path && (rc = write_frontier(&fr, st)) != EXIT_OK) {
        cli_output_close(&out, 0);
        return rc;
    }
    pl_error err;
    pl_error_clear(&err);
    return cli_document_result(&out, pl_settle_document(st, s, p, out.e, &err), &err);
}

static int run_settle(const cli_args *a)
{
    pl_settle_opts o = PL_SETTLE_OPTS_INIT;
    int rc = cli_read_settle_opts(a, &o);
    cli_progress prog;
    cli_progress_init(&prog, a, "settle", "steps");
    o.progress = cli_progress_callback(&prog);
    pl_scenario *s = NULL;
    if (rc || (rc = cli_load_scenario(a, &s, 0)))
        return rc;
    pl_settlement *st = NULL;
    pl_error err;
    pl_error_clear(&err);
    if (pl_settle_compute(&st, s, &o, &err) != PL_OK) {
        cli_report(&err, NULL, 0);
        pl_scenario_free(s);
        return cli_exit_code(err.code);
    }
    const char *prop = cli_get(a, "proposal", NULL);
    pl_proposal *p = NULL;
    if (!(rc = prop ? cli_load_proposal(a, s, prop, &p) : EXIT_OK))
        rc = emit_settlement(a, s, st, p);
    pl_proposal_free(p);
    pl_settle_free(st);
    pl_scenario_free(s);
    return rc;
}

const cli_command cli_cmd_settle = {
    "settle", "[FILE]",
    "Package deals: Pareto frontier, Nash/KS/egalitarian/utilitarian, ratification, logrolls.",
    settle_opts,
    "A package picks one option on every issue: the issue's named `options`, a\n"
    "grid (--step, or the issue's `step`), or else the points of its worded scale.\n"
    "The parties are the actors at the table (or --parties). A party's utility\n"
    "sums, over the issues it holds, salience x (1 - |position - option| / 100)\n"
    "(or its own `values` of the options); its no-deal value is its `no_deal`,\n"
    "else the status quo's utility, else 0; with a `no_deal:` section, less the\n"
    "utility it loses as the status quo drifts and its cost of continued\n"
    "conflict, averaged over the horizon (the report lists the parts; table\n"
    "no_deal_parts). Solutions are picked among the\n"
    "efficient packages every party likes at least as well as no deal; all ties\n"
    "are counted. Bodies under `ratification` vote on each package against the\n"
    "status quo (members' gains in scale points, `noise` as their standard\n"
    "deviation); `nash-ratified` maximises the Nash product of expected gains\n"
    "P(ratified) (u - d). A package crossing an actor's `red_lines` is\n"
    "unacceptable to it whatever its utility: solutions are picked within every\n"
    "party's red lines, and a ratifier votes no on a package crossing its own; the\n"
    "report says which red lines bind, which clash, and which a --proposal crosses.\n"
    "Who votes no: for the Nash package (and a --proposal) each party's acceptance\n"
    "and each ratifying member's vote: utility against its no-deal value, margin\n"
    "in utility and in scale points, P(yes), and the issues that contribute most\n"
    "to the margin (salience x loss against the no-deal point, signed, in utility);\n"
    "each body's rule and probability of passing. A --proposal also gets its\n"
    "probability of ratification, a verdict in words, and its distance to each\n"
    "solution: utility_euclidean (Euclidean distance between the parties' utility\n"
    "vectors, utility units) and points_mean_abs (mean |difference| over the\n"
    "issues, scale points 0-100). Win-sets are counted package by package when the\n"
    "space has at most --max-enumerate packages. --format csv writes the solutions;\n"
    "--table NAME another table: issues_options, parties, no_deal_parts, packages,\n"
    "ratification, acceptance, red_lines, bodies, votes, votes_bodies, logrolls or\n"
    "proposal_distances. Examples:\n"
    "  parley settle                       the built-in scenario\n"
    "  parley settle --step 25 --parties RUS,UKR\n"
    "  parley settle --from genius DOMAIN.xml A.xml B.xml\n"
    "  parley settle --proposal terms.yaml --format csv --table votes\n",
    run_settle};
