/* SPDX-License-Identifier: MIT */
/*
** cmd_evaluate.c: `parley evaluate DATA`: every model's error on recorded
** outcomes, next to the baselines, with bootstrap intervals; with --cv the
** fitted methods, cross-validated by group.
*/
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const cli_optdef evaluate_opts[] = {
    CLI_FROM_OPTDEF,
    {"cv", 0, 1, "FOLDS", "cross-validate by group: 'proposal' (leave one group out) or a "
                          "number of folds K >= 2 (groups dealt by --seed)"},
    {"errors", 0, 0, NULL, "also the per-issue forecasts and errors (table errors)"},
    {"resamples", 0, 1, "B", "bootstrap resamples and sign flips (default 2000)"},
    {"seed", 0, 1, "N", "bootstrap, test and fold seed (default 0)"},
    {"rounds", 0, 1, "N", "EUM and exchange round limit (default 10)"},
    {"eum-cycle", 0, 1, "MODE", "EUM on a repeated state: stop, run or mean (default stop; "
                                "see parley forecast)"},
    {NULL, 0, 0, NULL, NULL}};

/* --cv proposal | K into o->cv. */
static int read_cv(const cli_args *a, pl_evaluate_opts *o)
{
    const char *v = cli_get(a, "cv", NULL);
    unsigned long long k;
    if (!v)
        return EXIT_OK;
    if (strcmp(v, "proposal") == 0) {
        o->cv = PL_CV_GROUP;
        return EXIT_OK;
    }
    if (!cli_whole(v, 2, 1000000, &k))
        return cli_usage_error("--cv %s: expected 'proposal' or a number of folds from 2 to "
                               "1000000", v);
    o->cv = (long)k;
    return EXIT_OK;
}

static int run_evaluate(const cli_args *a)
{
    pl_evaluate_opts o = PL_EVALUATE_OPTS_INIT;
    unsigned long long b = 0, seed = 0, rounds = 0;
    int rc;
    if ((rc = cli_whole_opt(a, "resamples", 1, 1000000, &b)) ||
        (rc = cli_whole_opt(a, "seed", 0, UINT64_MAX, &seed)) ||
        (rc = cli_whole_opt(a, "rounds", 0, 100000, &rounds)) || (rc = read_cv(a, &o)))
        return rc;
    o.resamples = (unsigned)b;
    o.seed = seed;
    o.rounds = (int)rounds;
    size_t nw;
    const char *const *words = pl_option_choices("eum-cycle", &nw);
    const char *v = cli_get(a, "eum-cycle", NULL);
    if (v && (rc = cli_pick(v, words, (int)nw, "eum-cycle", &o.eum_cycle)))
        return rc;
    o.errors = cli_has(a, "errors");
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
    if ((rc = cli_document_begin(&out, a, o.errors ? "errors" : "summary", s)) == EXIT_OK) {
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
    "(docs/models.md, \"Evaluation on recorded outcomes\"):\n"
    "  baselines  constant_50, status_quo, mean_unweighted, mean_salience,\n"
    "             mean_cs, median_salience, median_cs\n"
    "  models     nbs (status quo as disagreement), eum (published), eum_scholz,\n"
    "             smp (over all issues at once), veto (the mean moved into the\n"
    "             status quo's win-set under decided_by), exchange_group (the\n"
    "             exchange model within each group; a group of one issue cannot\n"
    "             trade and keeps mean_cs)\n"
    "  fitted     (with --cv) best_baseline, eum_tuned (preset and Q),\n"
    "             exchange_tuned (rounds), MODEL_shrunk (w model + (1-w) best\n"
    "             baseline), status_quo_shrunk (the best baseline moved toward\n"
    "             the status quo where recorded), ensemble (non-negative weights\n"
    "             summing to 1, least squares), ensemble_lad (the same weights by\n"
    "             least absolute deviations), each fitted on the training folds only\n"
    "Each is scored by its mean absolute error, median absolute error and share\n"
    "within 10 points over the issues it can forecast (status_quo and nbs only\n"
    "where a status quo is recorded), with 95% intervals from a bootstrap that\n"
    "resamples whole groups (proposals), and by its difference from the best\n"
    "baseline on the issues both score, with a sign-flip test over groups.\n"
    "Issues without an outcome are skipped and counted. --errors adds the\n"
    "per-issue table (--format csv then writes it; else the summary).\n",
    run_evaluate};
