/* SPDX-License-Identifier: MIT */
/*
** cmd_report.c: `parley report [FILE] -o report.html`: one self-contained HTML
** file (charts inline, no network), or with --svg-dir DIR the charts alone.
*/
#include "cli.h"
#include "parley/report.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const cli_optdef report_opts[] = {
    {"builtin", 0, 2, "NAME", "report on a built-in scenario (default when no FILE)"},
    CLI_FROM_OPTDEF,
    {"svg-dir", 0, 1, "DIR", "write the charts as SVG files into DIR instead of the report"},
    {"draws", 'n', 1, "N", "Monte Carlo draws for the robustness section (default 200; 0: "
                           "leave it out)"},
    {"seed", 0, 1, "S", "seed of those draws (default 1)"},
    {"threads", 0, 1, "N", "threads (default 1; results never depend on it)"},
    {"pair", 0, 1, "A,B", "the two parties of the utility plane (default: the first two at "
                          "the table)"},
    {"issues", 0, 1, "X,Y", "the two issues of the win-set chart (default: the first two)"},
    {"claims", 0, 1, "FILE", "claims to check in the report (docs/claims-format.md; default: "
                             "the built-in scenario's own, none for a FILE)"},
    {"proposal", 0, 1, "FILE", "a package (issue: option or scale point) to evaluate: each "
                               "party's utility and acceptance, and its ratification"},
    CLI_FORECAST_OPTDEFS,
    CLI_SETTLE_OPTDEFS,
    CLI_PROGRESS_OPTDEF,
    {NULL, 0, 0, NULL, NULL}};

static int read_opts(const cli_args *a, pl_report_opts *o)
{
    unsigned long long draws = o->draws, seed = o->seed, threads = 1;
    int rc;
    if (cli_get(a, "format", NULL) || cli_get(a, "table", NULL))
        return cli_usage_error("report writes HTML (or SVG with --svg-dir); expected no "
                               "--format or --table");
    if ((rc = cli_whole_opt(a, "draws", 0, 1000000000ull, &draws)) ||
        (rc = cli_whole_opt(a, "seed", 0, ULLONG_MAX, &seed)) ||
        (rc = cli_whole_opt(a, "threads", 1, 256, &threads)) ||
        (rc = cli_read_forecast_opts(a, &o->forecast)) ||
        (rc = cli_read_settle_opts(a, &o->settle)))
        return rc;
    if (cli_get(a, "svg-dir", NULL) && cli_get(a, "output", NULL))
        return cli_usage_error("give either --svg-dir DIR or -o FILE, not both");
    o->settle.loss = o->forecast.loss;
    o->draws = draws, o->seed = seed, o->threads = (int)threads;
    o->pair = cli_get(a, "pair", NULL);
    o->issues = cli_get(a, "issues", NULL);
    return EXIT_OK;
}

/* --svg-dir DIR: created when missing (*created then 1); anything else there is an error. */
static int make_dir(const char *dir, int *created)
{
    struct stat st;
    *created = mkdir(dir, 0777) == 0;
    if (!*created && errno != EEXIST) {
        fprintf(stderr, "parley: --svg-dir %s: cannot create the directory: %s\n", dir,
                strerror(errno));
        return EXIT_USAGE;
    }
    if (!*created && (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)))
        return cli_usage_error("--svg-dir %s: not a directory; expected a directory (it is "
                               "created when missing)", dir);
    return EXIT_OK;
}

static int open_chart(cli_output *o, const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *path = malloc(n);
    if (!path)
        return cli_out_of_memory();
    snprintf(path, n, "%s/%s", dir, name);
    int rc = cli_output_open_raw_path(o, "--svg-dir", path);
    free(path);
    return rc;
}

/* Every chart's file is opened before any is written, so that a bad path changes nothing;
   a directory made for them is removed again if they fail. */
static int write_svgs(const pl_report *r, const char *dir)
{
    size_t n = pl_report_n_charts(r), opened = 0;
    int created, rc = make_dir(dir, &created);
    cli_output *outs = rc ? NULL : calloc(n ? n : 1, sizeof *outs);
    if (!rc && !outs)
        rc = cli_out_of_memory();
    while (!rc && opened < n && !(rc = open_chart(&outs[opened], dir,
                                                  pl_report_chart_name(r, opened))))
        opened++;
    for (size_t i = 0; i < opened; i++) {
        size_t len;
        const char *svg = pl_report_chart_svg(r, i, &len);
        int status = cli_output_close(&outs[i], !rc && cli_output_write(&outs[i], svg, len) == 0);
        rc = rc ? rc : status;
    }
    free(outs);
    if (rc && created)
        rmdir(dir);  /* only if empty: nothing of ours is left in it */
    return rc;
}

/* The report of r, as SVG files (--svg-dir) or one HTML document. */
static int write_report(const cli_args *a, const pl_report *r)
{
    const char *dir = cli_get(a, "svg-dir", NULL);
    if (dir)
        return write_svgs(r, dir);
    cli_output out;
    pl_error err;
    pl_error_clear(&err);
    int rc = cli_output_open_raw(&out, a);
    if (rc == EXIT_OK) {
        int bad = pl_report_html(r, cli_output_write_fn, &out, &err);
        if (bad && !out.werr)  /* a failed write is reported with its cause */
            cli_report(&err, NULL, 0);
        rc = cli_output_close(&out, !bad);
    }
    return rc;
}

static int run_report(const cli_args *a)
{
    pl_report_opts o = PL_REPORT_OPTS_INIT;
    pl_scenario *s = NULL;
    pl_claims *claims = NULL;
    pl_proposal *prop = NULL;
    const char *prop_path = cli_get(a, "proposal", NULL);
    int rc = read_opts(a, &o);
    if (rc || (rc = cli_load_scenario(a, &s, 0)) ||
        (rc = cli_load_claims(a, s, cli_get(a, "claims", NULL), &claims)) ||
        (prop_path && (rc = cli_load_proposal(a, s, prop_path, &prop)))) {
        pl_claims_free(claims);
        pl_scenario_free(s);
        return rc;
    }
    o.claims = claims, o.proposal = prop;
    cli_progress p;
    cli_progress_init(&p, a, "report", "steps");
    o.progress = cli_progress_callback(&p);
    pl_report *r = NULL;
    pl_error err;
    pl_error_clear(&err);
    if (pl_report_build(&r, s, &o, &err)) {
        cli_report(&err, NULL, 0);
        rc = cli_exit_code(err.code);
    } else {
        rc = write_report(a, r);
    }
    pl_report_free(r);
    pl_proposal_free(prop);
    pl_claims_free(claims);
    pl_scenario_free(s);
    return rc;
}

const cli_command cli_cmd_report = {
    "report", "[FILE]",
    "One self-contained HTML report with charts of every analysis (or the SVG charts alone).",
    report_opts,
    "The report holds the scenario (every number linked to the sentence it rests\n"
    "on), each analysis with its charts and its findings in words, the assumptions\n"
    "with their ranges, and the sources. It needs no network: the charts are\n"
    "inline SVG, there are no scripts or web fonts; it follows the reader's light\n"
    "or dark scheme and prints. Charts: each issue's scale with the positions and\n"
    "forecasts, the EUM's and the SMP's rounds, the two-party utility plane with\n"
    "the frontier and the Nash, Kalai-Smorodinsky and egalitarian packages,\n"
    "win-sets and ratification on two issues, voting power per body, and the\n"
    "Monte Carlo ranges, findings and tornado (colour-blind-safe Okabe-Ito\n"
    "palette). Prose names actors, issues and bodies by name; packages are given\n"
    "in words; bodies with their rules; notes and sources as numbered footnotes;\n"
    "recorded outcomes (an issue's outcome:) beside the forecasts. --claims adds\n"
    "a section checking the claims (the built-in scenario's own by default; a\n"
    "FILE gets none unless given); --proposal adds a section evaluating the\n"
    "package: each party's utility against its no-deal value and the\n"
    "probability that the ratifying bodies pass it.\n"
    "Examples:\n"
    "  parley report -o report.html          the built-in scenario\n"
    "  parley report my.yaml --pair RUS,USA --issues TERR,ARMY -o my.html\n"
    "  parley report --svg-dir charts        the charts alone\n"
    "  parley report my.yaml --claims my.claims.yaml --proposal deal.yaml -o my.html\n",
    run_report};
