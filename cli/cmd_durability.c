/* SPDX-License-Identifier: MIT */
/*
** cmd_durability.c: `parley durability [FILE]`: would the agreement last?
** The deal is --proposal, else the Nash package of `parley settle`.
*/
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const cli_optdef durability_opts[] = {
    CLI_FROM_OPTDEF,
    {"proposal", 0, 1, "FILE", "the agreement to test (issue: option or scale point; default: "
                               "the Nash package of parley settle)"},
    {NULL, 0, 0, NULL, NULL}};

/* The settlement's Nash package as scale points, or a message when there is none. */
static int nash_deal(const pl_settlement *st, double *deal)
{
    const uint32_t *w = pl_settle_solution_package(st, PL_SOL_NASH);
    if (!w) {
        fprintf(stderr, "parley: the settlement has no Nash package (no package gives every "
                        "party a gain); give the agreement to test with --proposal FILE\n");
        return EXIT_FAIL;
    }
    pl_settle_package_points(st, w, deal);
    return EXIT_OK;
}

/* The staged plans, when the scenario has them; closes the document (drc: the describers'
   result so far, cli_document_done). */
static int emit_staging(const pl_scenario *s, const pl_settlement *st, const double *deal,
                        cli_output *out, int drc)
{
    pl_staging *g = NULL;
    pl_error err;
    pl_error_clear(&err);
    if (pl_scenario_has_staging(s) && pl_staging_compute(&g, s, st, deal, &err)) {
        cli_report(&err, NULL, 0);
        cli_output_close(out, 0);
        return cli_exit_code(err.code);
    }
    if (g)
        drc = cli_described(drc, pl_staging_emit(g, out->e));
    pl_staging_free(g);
    return cli_document_done(out, drc);
}

/* --proposal FILE: the deal's scale points, and the proposal (kept for its verdict). */
static int read_deal(const cli_args *a, const pl_scenario *s, const char *path, double *deal,
                     pl_proposal **p)
{
    int rc = cli_load_proposal(a, s, path, p);
    if (!rc)
        memcpy(deal, pl_proposal_points(*p), pl_proposal_n_issues(*p) * sizeof *deal);
    return rc;
}

static int test_deal(const cli_args *a, const pl_scenario *s, double *deal, pl_settlement **st,
                     pl_proposal **p)
{
    pl_settle_opts so = PL_SETTLE_OPTS_INIT;
    so.max_enumerate = 0;
    so.logrolls = 0;
    pl_error err;
    pl_error_clear(&err);
    const char *prop = cli_get(a, "proposal", NULL);
    if (!pl_scenario_has_durability(s)) {
        fprintf(stderr, "parley: scenario '%s' has no durability section; expected one (sides, "
                        "discount, costs, capability, terms; see docs/scenario-format.md)\n",
                pl_scenario_name(s));
        return EXIT_USAGE;
    }
    int rc = prop ? read_deal(a, s, prop, deal, p) : EXIT_OK;
    if (rc)
        return rc;
    if (pl_settle_compute(st, s, &so, &err)) {
        cli_report(&err, NULL, 0);
        return cli_exit_code(err.code);
    }
    return prop ? EXIT_OK : nash_deal(*st, deal);
}

static int run_durability(const cli_args *a)
{
    pl_scenario *s = NULL;
    int rc = cli_load_scenario(a, &s, 0);
    if (rc)
        return rc;
    double *deal = malloc((pl_scenario_n_issues(s) + 1) * sizeof *deal);
    pl_durability *d = NULL;
    pl_settlement *st = NULL;
    pl_proposal *p = NULL;
    pl_verdict *v = NULL;
    pl_error err;
    pl_error_clear(&err);
    rc = deal ? test_deal(a, s, deal, &st, &p) : EXIT_FAIL;
    if (!rc && (pl_durability_compute(&d, s, deal, &err) ||
                (p && pl_verdict_compute(&v, s, st, p, &err)))) {
        cli_report(&err, NULL, 0);
        rc = cli_exit_code(err.code);
    }
    cli_output out;
    if (!rc && !(rc = cli_document_begin(&out, a, "path", s))) {
        int drc = pl_durability_emit_deal(s, deal, cli_get(a, "proposal", NULL), p, out.e);
        drc = cli_described(drc, pl_durability_emit(d, out.e));
        drc = cli_described(drc, pl_durability_emit_gains(d, s, st, deal, out.e));
        if (v) /* a proposal: who accepts it, who ratifies it */
            drc = cli_described(drc, pl_verdict_emit(v, out.e));
        rc = emit_staging(s, st, deal, &out, drc);
    }
    pl_verdict_free(v);
    pl_proposal_free(p);
    pl_durability_free(d);
    pl_settle_free(st);
    free(deal);
    pl_scenario_free(s);
    return rc;
}

const cli_command cli_cmd_durability = {
    "durability", "[FILE]",
    "Would the agreement last? The commitment check under shifting power, guarantees, phasing.",
    durability_opts,
    "Needs the scenario's `durability` section (docs/scenario-format.md): the two\n"
    "sides, their military capability, war costs per year, the discount per year, and how\n"
    "the agreement's outcome on an issue scales a side's capability (e.g. an army\n"
    "cap). Per period t, A's chance of winning a war is p = M_A^g/(M_A^g + M_B^g);\n"
    "a side prefers war when its war value (p - c)/(1 - d) exceeds the most a deal\n"
    "can credibly give it, the whole pie now plus its discounted war value next\n"
    "period (MODELS.md section 10, after Powell 2006). A guarantee counts only if its\n"
    "body can act against the side it restrains (parley power); parley reports the\n"
    "smallest intervention probability that would make the deal hold, and over how\n"
    "many periods the shift could be phased. The agreement is --proposal, else the\n"
    "Nash package of parley settle (its first tie in package order; the settlement\n"
    "on the scenario's worded points, without logrolls). A --proposal is also judged\n"
    "(the verdict): whether each party accepts it (its utility at least its no-deal\n"
    "value), the probability its ratifying bodies pass it (when it is a package of\n"
    "the outcome space), and whether it is self-enforcing. FILE may name a proposal\n"
    "built in for the built-in scenario: moscow-terms, europe-kyiv, istanbul-2022\n"
    "(scenarios/proposals/; used when no file of that name exists). Gains: each party's utility of the deal minus\n"
    "its no-deal value (tactical), and that gain counted only for the periods before\n"
    "war resumes, (1 - d^f)(u - no deal) (strategic). With a `staging` section, its\n"
    "plans (e.g. a ceasefire first) are compared: the chance of reaching the full\n"
    "deal, each party's expected value, durability with terms taking effect stage\n"
    "by stage, and which plan each party prefers. Every rate is per year; the\n"
    "section's `period` (default 1 year, e.g. {months: 6}) is only the step of the\n"
    "computation, and a shift of power is spread over the year before it is complete.\n"
    "With a `regimes` list (shocks that, with a probability per year, replace an\n"
    "actor's positions and saliences): which shocks make their actor leave (the deal\n"
    "worth less to it than no deal under its new preferences), the deal's survival\n"
    "year by year, its expected lifetime and what ends it most often, the commitment\n"
    "problem counted as one cause among them (competing risks).\n",
    run_durability};
