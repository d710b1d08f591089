/* SPDX-License-Identifier: MIT */
/*
** cmd_import.c: `parley import [--from FORMAT] FILE [-o OUT.yaml]`: another
** tool's file as a parley scenario in YAML, validated before it is written.
** Without --from the format is recognised from the file's bytes, and named on
** stderr. GENIUS takes several files: `DOMAIN PROFILE PROFILE...`.
*/
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const cli_optdef import_opts[] = {
    CLI_FROM_OPTDEF,
    {NULL, 0, 0, NULL, NULL}};

static int run_import(const cli_args *a)
{
    const char *from = cli_get(a, "from", NULL);
    int genius = from && strcmp(from, "genius") == 0;
    if (genius && a->npos < 1)
        return cli_usage_error("expected parley import --from genius DOMAIN.xml PROFILE1.xml "
                               "PROFILE2.xml [...] [-o OUT.yaml]");
    if (a->npos < 1)
        return cli_usage_error("expected parley import [--from FORMAT] FILE [-o OUT.yaml]");
    if (cli_get(a, "format", NULL) || cli_get(a, "table", NULL))
        return cli_usage_error("import writes parley YAML; expected no --format or --table");
    pl_scenario *s = NULL;
    char *yaml = NULL;
    /* one load: the input's problems at its positions, the text only when it is valid */
    int rc = cli_load(a, CLI_LOAD_IMPORT, &s, &yaml);
    pl_scenario_free(s);
    if (!rc)
        rc = cli_write_all("-o", cli_get(a, "output", NULL), yaml, strlen(yaml));
    free(yaml);
    return rc;
}

const cli_command cli_cmd_import = {
    "import", "[--from FORMAT] FILE...",
    "Convert another tool's file into a parley scenario (YAML).",
    import_opts,
    "Formats:\n"
    "  deu     the DEU I-III table (Arregui & Perarnaud 2021): one issue per row\n"
    "          with its proposal (group), reference point (status_quo) and recorded\n"
    "          outcome; row 2's GDP as capability; saliences divided by 100\n"
    "  decide  Decide exchange-model CSV (#A actors, #P issues, #M bounds, #D\n"
    "          actor issue position salience power); positions rescaled to 0-100\n"
    "  ktab    KTAB spatial-model CSV (a line with the counts, a header, one row\n"
    "          per actor: power, then position and salience per dimension) or\n"
    "          XML (<Scenario> with Dimensions and Actors); saliences divided by\n"
    "          100; an XML file's ModelParameters are reported as the options of\n"
    "          parley forecast --model smp that select them, and kept as comments\n"
    "  genius  GENIUS negotiation XML: the domain file, then one profile per\n"
    "          party (at least 2): parley import --from genius DOMAIN.xml\n"
    "          PROFILE1.xml PROFILE2.xml [...]. Each profile becomes an actor\n"
    "          (capability 1, its reservation value as no_deal, a discount\n"
    "          factor below 1 as discount); each item (or integer value) an\n"
    "          option; evaluations / the issue's highest become the actor's\n"
    "          values, issue weights (as given) its saliences. Known defects\n"
    "          of real files are repaired with a warning; real-valued issues\n"
    "          and nonlinear (hyper-rectangle) profiles are refused\n"
    "Without --from, the format is recognised from the file's contents (see\n"
    "parley(1), INPUTS) and named on stderr (unless --quiet); FILE may be - for\n"
    "standard input. The YAML is validated like any scenario before it is\n"
    "written, and loads back to the same scenario. Other commands read such\n"
    "files directly, recognised the same way or named with --from FORMAT FILE.\n",
    run_import};
