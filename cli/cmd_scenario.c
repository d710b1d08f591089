/* SPDX-License-Identifier: MIT */
/*
** cmd_scenario.c: `parley scenario`: print a built-in scenario's YAML (to
** start a new scenario from), list the built-ins, or describe a FILE.
*/
#include "cli.h"

#include <string.h>

static const cli_optdef scenario_opts[] = {
    {"builtin", 0, 2, "NAME", "print a built-in scenario's YAML source (the default)"},
    {"list", 0, 0, NULL, "list the built-in scenarios"},
    CLI_FROM_OPTDEF,
    {NULL, 0, 0, NULL, NULL}};

static int print_builtin(const cli_args *a, const char *name)
{
    size_t len;
    const char *text = pl_builtin_text(name, &len);
    if (!text)
        return cli_usage_error("no built-in scenario named '%s'; see 'parley scenario --list'",
                               name);
    return cli_write_all("-o", cli_get(a, "output", NULL), text, len);
}

static int describe(const cli_args *a)
{
    pl_scenario *s = NULL;
    int rc = cli_load_scenario(a, &s, 0);
    if (rc)
        return rc;
    cli_output out;
    if ((rc = cli_output_open(&out, a, "positions")) == EXIT_OK) {
        pl_emit_object_begin(out.e, NULL, NULL);
        int drc = pl_scenario_emit(s, out.e);
        pl_emit_object_end(out.e);
        rc = cli_output_done(&out, drc);
    }
    pl_scenario_free(s);
    return rc;
}

/* --list: one name a line, the default marked. */
static int list_builtins(const cli_args *a)
{
    cli_output out;
    int rc = cli_output_open_raw(&out, a);
    if (rc)
        return rc;
    for (size_t i = 0; pl_builtin_name(i); i++) {
        const char *name = pl_builtin_name(i), *end = i == 0 ? " (default)\n" : "\n";
        cli_output_write(&out, name, strlen(name));
        cli_output_write(&out, end, strlen(end));
    }
    return cli_output_close(&out, 1);
}

static int run_scenario(const cli_args *a)
{
    if (cli_has(a, "list"))
        return list_builtins(a);
    if (a->npos > 0 || cli_has(a, "format") || cli_has(a, "from") || cli_has(a, "set") ||
        cli_has(a, "variant"))
        return describe(a);
    return print_builtin(a, cli_get(a, "builtin", NULL));
}

const cli_command cli_cmd_scenario = {
    "scenario", "[FILE]",
    "Print the built-in scenario's YAML, or describe FILE as text, JSON or CSV.",
    scenario_opts,
    "With no FILE, prints the YAML source of the built-in scenario: copy it to\n"
    "start your own. With FILE (or --format), loads, validates and describes it.\n",
    run_scenario};
