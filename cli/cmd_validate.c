/* SPDX-License-Identifier: MIT */
/*
** cmd_validate.c: `parley validate [FILE]`: check a scenario, print nothing
** but errors (every one found, sorted by position) and warnings, exit 0 or 2.
*/
#include "cli.h"

#include <string.h>

static const cli_optdef validate_opts[] = {
    {"builtin", 0, 2, "NAME", "validate a built-in scenario (default when no FILE)"},
    {"require-sources", 0, 0, NULL, "also require a source or note on every number"},
    {NULL, 0, 0, NULL, NULL}};

/* The file as messages name it. */
static const char *shown_name(const cli_args *a, const pl_scenario *s)
{
    return !a->npos ? pl_scenario_name(s) : strcmp(a->pos[0], "-") ? a->pos[0] : "<stdin>";
}

/* --format json or csv: the same verdict as a document on standard output (or -o). */
static int emit_ok(const cli_args *a, const pl_scenario *s)
{
    cli_output out;
    int rc = cli_document_begin(&out, a, "validation", s);
    if (rc)
        return rc;
    static const char *const cols[] = {"file", "valid", "actors", "issues", "bodies"};
    pl_emit_table_begin(out.e, "validation", "Validation", cols, 5);
    pl_emit_row_begin(out.e);
    pl_emit_string(out.e, NULL, shown_name(a, s));
    pl_emit_bool(out.e, NULL, 1);
    pl_emit_number(out.e, NULL, (double)pl_scenario_n_actors(s));
    pl_emit_number(out.e, NULL, (double)pl_scenario_n_issues(s));
    pl_emit_number(out.e, NULL, (double)pl_scenario_n_bodies(s));
    pl_emit_row_end(out.e);
    pl_emit_table_end(out.e);
    return cli_document_end(&out);
}

static int run_validate(const cli_args *a)
{
    pl_scenario *s = NULL;
    int rc = cli_load(a, CLI_LOAD_ALL_ERRORS |
                             (cli_has(a, "require-sources") ? CLI_LOAD_SOURCES : 0), &s, NULL);
    const char *fmt = cli_get(a, "format", NULL);
    if (rc == EXIT_OK && fmt && strcmp(fmt, "text") != 0)
        rc = emit_ok(a, s);
    else if (rc == EXIT_OK && !cli_has(a, "quiet"))
        fprintf(stderr, "%s: ok (%zu actor%s, %zu issue%s, %zu bod%s)\n", shown_name(a, s),
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
    "Every problem is reported, up to 50, in the order of the file, each with\n"
    "its source line: reading goes on after an error wherever the rest does not\n"
    "depend on the part in error (a syntax error stops it). Other commands stop\n"
    "at the first error. Exit status 0 when the scenario is valid, 2 when it is\n"
    "not. FILE may be - for standard input, or another tool's file (checked by\n"
    "its importer, which stops at its first error). The format is documented in\n"
    "docs/scenario-format.md. With --format json or csv a valid scenario also\n"
    "gives a document (table validation: file, valid, actors, issues, bodies);\n"
    "problems always go to standard error, with nothing on standard output.\n",
    run_validate};
