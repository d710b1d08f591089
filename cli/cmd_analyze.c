/* SPDX-License-Identifier: MIT */
/*
** cmd_analyze.c: `parley analyze [FILE]`: the scenario at a glance and
** where each issue is likely to land.
*/
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const cli_optdef analyze_opts[] = {
    {"builtin", 0, 2, "NAME", "analyse a built-in scenario (default when no FILE)"},
    CLI_FROM_OPTDEF,
    CLI_FORECAST_OPTDEFS,
    {NULL, 0, 0, NULL, NULL}};

static int run_analyze(const cli_args *a)
{
    pl_forecast_opts fo = PL_FORECAST_OPTS_INIT;
    int rc = cli_read_forecast_opts(a, &fo);
    if (rc)
        return rc;
    pl_scenario *s = NULL;
    pl_forecast *f = NULL;
    if ((rc = cli_forecast_scenario(a, &fo, &s, &f)))
        return rc;
    cli_output out;
    if ((rc = cli_document_begin(&out, a, "forecasts", NULL)) == EXIT_OK) {
        rc = cli_document_done(&out, pl_forecast_emit_document(f, s, PL_FORECAST_DOC_SCENARIO,
                                                               out.e));
    }
    pl_forecast_free(f);
    pl_scenario_free(s);
    return rc;
}

const cli_command cli_cmd_analyze = {
    "analyze", "[FILE]",
    "Summarise a scenario and forecast where each issue lands.",
    analyze_opts,
    "Prints actors, issues with their worded scales, positions, bodies, and per\n"
    "issue every forecast over the actors at the table (docs/models.md):\n"
    "  mean      capability x salience weighted mean (compromise model)\n"
    "  median    weighted median (the weighted Condorcet winner in one dimension)\n"
    "  nbs       Nash bargaining solution, the status quo as disagreement point\n"
    "  eum       Expected Utility Model (Scholz et al. 2011), after its rounds\n"
    "  exchange  exchange model (Stokman & Van Oosten), over all issues at once\n"
    "each with the nearest worded point of the issue's scale; `parley forecast`\n"
    "has the models' own options and their rounds.\n"
    "--format csv writes the forecasts table; --table actors, positions or\n"
    "ratification writes another.\n",
    run_analyze};
