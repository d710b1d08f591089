/* SPDX-License-Identifier: MIT */
/*
** cmd_durability.c: `parley durability [FILE]`: would the agreement last?
** The deal is --proposal, else the Nash package of `parley settle`.
*/
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const cli_optdef durability_opts[] = {
    {"builtin", 0, 2, "NAME", "test a built-in scenario (default when no FILE)"},
    CLI_FROM_OPTDEF,
    {"proposal", 0, 1, "FILE", "the agreement to test (issue: option or scale point; default: "
                               "the Nash package of parley settle)"},
    {NULL, 0, 0, NULL, NULL}};

static int run_durability(const cli_args *a)
{
    pl_scenario *s = NULL;
    pl_proposal *p = NULL;
    const char *prop = cli_get(a, "proposal", NULL);
    int rc = cli_load_scenario(a, &s, 0);
    /* without a durability section the document says so before reading the proposal */
    if (!rc && prop && pl_scenario_has_durability(s))
        rc = cli_load_proposal(a, s, prop, &p);
    cli_output out;
    if (!rc && !(rc = cli_output_open(&out, a, "path"))) {
        pl_error err;
        pl_error_clear(&err);
        rc = cli_document_result(&out, pl_durability_document(s, p, prop, out.e, &err), &err);
    }
    pl_proposal_free(p);
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
    "period (Powell 2006; docs/models.md). A guarantee counts only if its\n"
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
