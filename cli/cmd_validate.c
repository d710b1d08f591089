/* SPDX-License-Identifier: MIT */
/*
** cmd_validate.c: `parley validate [FILE]`: check a scenario, print nothing
** but errors (and warnings), exit 0 or 2.
*/
#include "cli.h"

#include <string.h>

static const cli_optdef validate_opts[] = {
    {"builtin", 0, 2, "NAME", "validate a built-in scenario (default when no FILE)"},
    {"require-sources", 0, 0, NULL, "also require a source or note on every number"},
    {NULL, 0, 0, NULL, NULL}};

static int run_validate(const cli_args *a)
{
    pl_scenario *s = NULL;
    int rc = cli_load_scenario(a, &s, cli_has(a, "require-sources"));
    if (rc == EXIT_OK && !cli_has(a, "quiet"))
        fprintf(stderr, "%s: ok (%zu actor%s, %zu issue%s, %zu bod%s)\n",
                !a->npos ? pl_scenario_name(s) : strcmp(a->pos[0], "-") ? a->pos[0] : "<stdin>",
                pl_scenario_n_actors(s),
                pl_scenario_n_actors(s) == 1 ? "" : "s", pl_scenario_n_issues(s),
                pl_scenario_n_issues(s) == 1 ? "" : "s", pl_scenario_n_bodies(s),
                pl_scenario_n_bodies(s) == 1 ? "y" : "ies");
    pl_scenario_free(s);
    return rc;
}

const cli_command cli_cmd_validate = {
    "validate", "[FILE]",
    "Check a scenario file; report every problem as FILE:LINE:COL: message.",
    validate_opts,
    "Exit status 0 when the scenario is valid, 2 when it is not. The format is\n"
    "documented in docs/scenario-format.md.\n",
    run_validate};
