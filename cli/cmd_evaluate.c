/* SPDX-License-Identifier: MIT */
/*
** cmd_evaluate.c: `parley evaluate DATA`: every model's error on recorded
** outcomes, next to the baselines, with bootstrap intervals.
*/
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const cli_optdef evaluate_opts[] = {
    CLI_FROM_OPTDEF,
    {"resamples", 0, 1, "B", "bootstrap resamples of the groups (default 2000)"},
    {"seed", 0, 1, "N", "bootstrap seed (default 0)"},
    {"rounds", 0, 1, "N", "EUM round limit (default 10)"},
    {"eum-cycle", 0, 1, "MODE", "EUM on a repeated state: stop, run or mean (default stop; "
                                "see parley forecast)"},
    {NULL, 0, 0, NULL, NULL}};

static int run_evaluate(const cli_args *a)
{
    pl_evaluate_opts o = PL_EVALUATE_OPTS_INIT;
    unsigned long long b = 0, seed = 0, rounds = 0;
    int rc;
    if ((rc = cli_whole_opt(a, "resamples", 1, 1000000, &b)) || (rc = cli_whole_opt(a, "seed", 0, UINT64_MAX, &seed)) ||
        (rc = cli_whole_opt(a, "rounds", 0, 100000, &rounds)))
        return rc;
    o.resamples = (unsigned)b;
    o.seed = seed;
    o.rounds = (int)rounds;
    size_t nw;
    const char *const *words = pl_option_choices("eum-cycle", &nw);
    const char *v = cli_get(a, "eum-cycle", NULL);
    if (v && (rc = cli_pick(v, words, (int)nw, "eum-cycle", &o.eum_cycle)))
        return rc;
    if (a->npos == 0)
        return cli_usage_error("expected parley evaluate DATA (a scenario with outcomes, or "
                               "--from deu deu3.csv)");
    pl_scenario *s = NULL;
    if ((rc = cli_load_scenario(a, &s, 0)))
        return rc;
    pl_evaluation *e = NULL;
    pl_error err;
    pl_error_clear(&err);
    if (pl_evaluate(&e, s, &o, &err) != PL_OK) {
        cli_report(&err, NULL, 0);
        pl_scenario_free(s);
        return cli_exit_code(err.code);
    }
    cli_output out;
    if ((rc = cli_document_begin(&out, a, "errors", s)) == EXIT_OK) {
        rc = cli_document_done(&out, pl_evaluation_emit(e, s, out.e));
    }
    pl_evaluation_free(e);
    pl_scenario_free(s);
    return rc;
}

const cli_command cli_cmd_evaluate = {
    "evaluate", "DATA",
    "Score every model against recorded outcomes, next to the baselines.",
    evaluate_opts,
    "DATA is a scenario whose issues carry `outcome:` (and `group:`), or another\n"
    "tool's file with --from (e.g. parley evaluate --from deu deu3.csv). Methods\n"
    "(MODELS.md section 12):\n"
    "  baselines  constant_50, status_quo, mean_unweighted, mean_salience,\n"
    "             mean_cs, median_cs\n"
    "  models     nbs (status quo as disagreement), eum (published), eum_scholz,\n"
    "             exchange (within each group; a one-issue group keeps the mean)\n"
    "Each is scored by its mean absolute error over the issues it can forecast\n"
    "(status_quo and nbs only where a status quo is recorded), with a 95%\n"
    "bootstrap interval that resamples whole groups (proposals), and by its\n"
    "difference from the best baseline on the issues both score. No parameter\n"
    "is fitted to the outcomes. --format csv writes the per-issue errors;\n"
    "--table summary the summary.\n",
    run_evaluate};
