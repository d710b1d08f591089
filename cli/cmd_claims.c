/* SPDX-License-Identifier: MIT */
/*
** cmd_claims.c: `parley claims [FILE]`: an article's claims checked against the
** analyses (the built-in scenario's claims by default), with each verdict's
** margin and break-even, and with --draws N the share of Monte Carlo draws in
** which each holds.
*/
#include "cli.h"

#include <limits.h>
#include <stdlib.h>

static const cli_optdef claims_opts[] = {
    {"builtin", 0, 2, "NAME", "check the claims of a built-in scenario (default when no FILE)"},
    {"claims", 0, 1, "FILE", "the claims file (default: the built-in scenario's own)"},
    {"proposal", 0, 1, "FILE", "check the claims that take a package (ratification, "
                               "self_enforcing, no_winners) against this proposal instead"},
    {"draws", 'n', 1, "N", "also check each claim on N Monte Carlo draws (default 200; 0: "
                           "only the scenario as written)"},
    {"seed", 0, 1, "S", "seed of those draws (default 1)"},
    {"threads", 0, 1, "N", "threads (default 1; results never depend on it)"},
    {"explain", 0, 0, NULL, "every input that can flip each verdict, ranked (default: the "
                            "nearest)"},
    {"no-breakeven", 0, 0, NULL, "skip the break-even search (verdicts and margins only)"},
    CLI_FROM_OPTDEF,
    CLI_PROGRESS_OPTDEF,
    {NULL, 0, 0, NULL, NULL}};

static int load_claims(const cli_args *a, const pl_scenario *s, pl_claims **c)
{
    int rc = cli_load_claims(a, s, cli_get(a, "claims", NULL), c);
    if (!rc && !*c)
        return cli_usage_error("claims: give the claims to check with --claims FILE (only the "
                               "built-in scenario has its own)");
    return rc;
}

/* --proposal FILE: the package the claims that take one are checked against. */
static int use_proposal(const cli_args *a, const pl_scenario *s, pl_claims *c)
{
    const char *path = cli_get(a, "proposal", NULL);
    pl_proposal *p = NULL;
    if (!path)
        return EXIT_OK;
    int rc = cli_load_proposal(a, s, path, &p);
    size_t n = 0;
    pl_error err;
    pl_error_clear(&err);
    if (!rc && pl_claims_use_proposal(c, p, path, &n, &err)) {
        cli_report(&err, NULL, 0);
        rc = cli_exit_code(err.code);
    }
    pl_proposal_free(p);
    if (!rc && !n)
        rc = cli_usage_error("--proposal %s: no claim takes a package (ratification, "
                             "self_enforcing or no_winners); expected claims to check it "
                             "against", path);
    return rc;
}

static int run_claims(const cli_args *a)
{
    unsigned long long draws = 200, seed = 1, threads = 1;
    int rc;
    if ((rc = cli_whole_opt(a, "draws", 0, 100000000ull, &draws)) ||
        (rc = cli_whole_opt(a, "seed", 0, ULLONG_MAX, &seed)) ||
        (rc = cli_whole_opt(a, "threads", 1, 256, &threads)))
        return rc;
    int breakeven = !cli_has(a, "no-breakeven");
    if (!breakeven && cli_has(a, "explain"))
        return cli_usage_error("--explain lists what the break-even search finds: drop "
                               "--no-breakeven");
    pl_scenario *s = NULL;
    pl_claims *c = NULL;
    if ((rc = cli_load_scenario(a, &s, 0)) || (rc = load_claims(a, s, &c)) ||
        (rc = use_proposal(a, s, c))) {
        pl_claims_free(c);
        pl_scenario_free(s);
        return rc;
    }
    pl_claims_document_opts o = PL_CLAIMS_DOCUMENT_OPTS_INIT;
    o.draws = draws;
    o.seed = seed;
    o.threads = (int)threads;
    o.breakeven = breakeven;
    o.explain = cli_has(a, "explain");
    cli_progress p, ps;
    cli_progress_init(&p, a, "claims", "draws");
    cli_progress_init(&ps, a, "claims: settle", "steps");
    o.progress = cli_progress_callback(&p);
    o.settle_progress = cli_progress_callback(&ps);
    cli_output out;
    if ((rc = cli_output_open(&out, a, "checks")) == EXIT_OK) {
        pl_error err;
        pl_error_clear(&err);
        rc = cli_document_result(&out, pl_claims_document(c, s, &o, out.e, &err), &err);
    }
    pl_claims_free(c);
    pl_scenario_free(s);
    return rc;
}

const cli_command cli_cmd_claims = {
    "claims", "[FILE]",
    "An article's claims as checks: holds or fails, with the numbers, and how robust.",
    claims_opts,
    "Each claim of a claims file (docs/claims-format.md) names the sentence it\n"
    "comes from and a check: whether a body can act against an actor (can_act),\n"
    "whether a package would be ratified (ratification) or is self-enforcing\n"
    "(self_enforcing), how far one actor moves the forecasts (leverage), how many\n"
    "packages on some issues every party prefers to the status quo (zone), whether\n"
    "tactical gains survive as strategic ones (no_winners), or that the scenario\n"
    "cannot speak to it (not_modelled). Every check runs the analyses afresh.\n"
    "Each verdict comes with its margin (the number against the claim's threshold)\n"
    "and its break-even: the smallest change of one input alone (within its range,\n"
    "else its natural domain) that flips it; --explain lists every such input,\n"
    "ranked. A verdict no input can flip is labelled \"by definition of the rules\";\n"
    "one whose sentence is also the source of inputs it depends on, \"tests its own\n"
    "input\".\n"
    "Each claim is also checked on --draws Monte Carlo draws of the scenario (as\n"
    "in parley stress; 0 skips them). The built-in scenario carries its own claims,\n"
    "those of the seed article. With --proposal FILE, the claims whose check takes\n"
    "a package (ratification, self_enforcing, no_winners) are checked against that\n"
    "proposal instead of the package the claims file gives them; each says so.\n"
    "FILE may also name a proposal built in for the built-in scenario (moscow-terms,\n"
    "europe-kyiv, istanbul-2022; docs/scenario-format.md) when no such file exists.\n"
    "Examples:\n"
    "  parley claims                        the seed article's claims\n"
    "  parley claims --draws 1000 --threads 2\n"
    "  parley claims --draws 0              the verdicts on the scenario as written\n"
    "  parley claims --explain --format csv --table breakeven\n"
    "  parley claims --no-breakeven --draws 0   verdicts and margins, at once\n"
    "  parley claims my.yaml --claims my.claims.yaml\n"
    "  parley claims --proposal istanbul-2022 --draws 0\n",
    run_claims};
