/* SPDX-License-Identifier: MIT */
/*
** cmd_forecast.c: `parley forecast [FILE]`: every model's forecast per
** issue side by side, with the EUM's rounds on request.
*/
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const cli_optdef forecast_opts[] = {
    {"builtin", 0, 2, "NAME", "forecast a built-in scenario (default when no FILE)"},
    {"model", 0, 1, "LIST", "models to run, comma-separated: mean, median, nbs, eum, "
                            "exchange, smp, veto (default: all but smp and veto)"},
    {"smp-vote", 0, 1, "RULE", "SMP voting rule: prop, binary, propbin, propcbc, cubic or "
                               "asymprosp (default prop)"},
    {"smp-victory", 0, 1, "MODEL", "SMP victory probability: linear, square, quartic, octic "
                                   "or binary (default linear)"},
    {"smp-election", 0, 1, "MODEL", "SMP Condorcet election: conditional, markov-uniform or "
                                    "markov-incentive (default conditional)"},
    {"smp-risk", 0, 1, "RANGE", "SMP risk attitudes from election odds: mid, min or max "
                                "(default mid)"},
    {"smp-perspective", 0, 1, "ADJ", "SMP belief about others' risk: one-third, none, half, "
                                     "two-thirds or full (default one-third)"},
    {"smp-bargain", 0, 1, "INTERP", "SMP bargain weights: s2p2, s1p1 or s2pmax (default "
                                    "s2p2)"},
    {"smp-commit", 0, 1, "FORM", "SMP third parties' commitment: semi, full or none "
                                 "(default semi)"},
    {"smp-bargains", 0, 1, "MODEL", "SMP bargains queued: init (the initiator's view), "
                                    "init-rcvr (both views) or power (their weighted mean) "
                                    "(default init)"},
    {"smp-turns", 0, 1, "N", "SMP turn limit (default 100)"},
    {"smp-max-work", 0, 1, "N", "refuse an SMP estimated above N voter evaluations (5 n^3 "
                                "per turn; default 10^13)"},
    {"max-memory", 0, 1, "MIB", "memory for the SMP in MiB (default 1024)"},
    {"threads", 0, 1, "N", "threads for the SMP's challenges and elections and the EUM's "
                           "Scholz probability (default 1; results never depend on it)"},
    {"smp-accommodate", 0, 1, "A", "SMP: ideals move this share of the way to the new "
                                   "positions each turn (default 1)"},
    {"smp-stochastic", 0, 0, NULL, "SMP: draw each queue's winner from its odds (with --seed) "
                                   "instead of taking the likeliest"},
    CLI_FROM_OPTDEF,
    CLI_FORECAST_OPTDEFS,
    CLI_EUM_OPTDEFS,
    {"seed", 0, 1, "N", "seed for exchange ties and random rates, and the stochastic SMP "
                        "(default 0)"},
    {"exchanges", 0, 0, NULL, "also every vote trade of the exchange model"},
    {"trajectory", 0, 0, NULL, "also the EUM's rounds (median and mean per round)"},
    {"moves", 0, 0, NULL, "also every offer accepted in the EUM (who, to whom, a, b)"},
    CLI_PROGRESS_OPTDEF,
    {NULL, 0, 0, NULL, NULL}};

static int read_models(const cli_args *a, unsigned *mask)
{
    const char *names[PL_MODEL_COUNT], *v = cli_get(a, "model", NULL);
    for (int m = 0; m < PL_MODEL_COUNT; m++)
        names[m] = pl_model_name((pl_model)m);
    return v ? cli_name_list("model", v, names, PL_MODEL_COUNT, mask) : EXIT_OK;
}

/* The document's optional parts: by option, or by asking for their table with --table. */
static unsigned parts_asked(const cli_args *a)
{
    static const struct {
        const char *option;
        unsigned part;
    } parts[] = {{"trajectory", PL_FORECAST_DOC_TRAJECTORY}, {"moves", PL_FORECAST_DOC_MOVES},
                 {"exchanges", PL_FORECAST_DOC_EXCHANGES}};
    const char *table = cli_get(a, "table", NULL);
    unsigned asked = 0;
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
        if (cli_has(a, parts[i].option) || (table && strcmp(table, parts[i].option) == 0))
            asked |= parts[i].part;
    return asked;
}

static int run_forecast(const cli_args *a)
{
    pl_forecast_opts fo = PL_FORECAST_OPTS_INIT;
    int rc = cli_read_forecast_opts(a, &fo);
    if (!rc)
        rc = read_models(a, &fo.models);
    if (rc)
        return rc;
    cli_progress smp, exchange;
    cli_progress_init(&smp, a, "forecast smp", "challengers");
    cli_progress_init(&exchange, a, "forecast exchange", "rounds");
    fo.smp.progress = cli_progress_callback(&smp);
    fo.exchange.progress = cli_progress_callback(&exchange);
    pl_scenario *s = NULL;
    pl_forecast *f = NULL;
    if ((rc = cli_forecast_scenario(a, &fo, &s, &f)))
        return rc;
    cli_output out;
    if ((rc = cli_document_begin(&out, a, "forecasts", s)) == EXIT_OK) {
        rc = cli_document_done(&out, pl_forecast_emit_document(f, s, parts_asked(a), out.e));
    }
    pl_forecast_free(f);
    pl_scenario_free(s);
    return rc;
}

const cli_command cli_cmd_forecast = {
    "forecast", "[FILE]",
    "Where each issue lands: every model side by side.",
    forecast_opts,
    "Per issue, over the actors at the table that take a position on it\n"
    "(docs/models.md, one section per model):\n"
    "  mean    capability x salience weighted mean (compromise model)\n"
    "  median  weighted median (the weighted Condorcet winner in one dimension)\n"
    "  nbs     Nash bargaining solution, the status quo as disagreement point\n"
    "  eum     Bueno de Mesquita's Expected Utility Model as specified by Scholz,\n"
    "          Calbert & Smith (2011): rounds of challenges and offers; the forecast\n"
    "          is the weighted median after the last round (stops early when nobody\n"
    "          moves or a state repeats)\n"
    "  exchange  Stokman & Van Oosten's exchange model over all issues at once:\n"
    "          actors trade votes across issues of unequal salience, each round\n"
    "          as the Decide implementation plays it (sides of the outcome fixed\n"
    "          at the round's start); the forecast is the weighted mean after the\n"
    "          last round (2 issues or more)\n"
    "  smp     KTAB's Spatial Model of Politics, only when asked (--model smp):\n"
    "          every issue a dimension, turns of challenges and bargains until\n"
    "          the change falls below 2% of turn 1's; the forecast is the\n"
    "          probability-weighted median of the final positions, shown with the\n"
    "          turns and the final positions' probabilities; --smp-stochastic\n"
    "          draws each winner from its odds (with --seed)\n"
    "  veto    procedural compromise, only when asked (--model veto): the\n"
    "          weighted mean moved into the status quo's win-set under the\n"
    "          issue's `decided_by` bodies (without them every actor at the\n"
    "          table can veto); the status quo when the win-set is empty; without\n"
    "          a status quo, kept between the veto players\n"
    "Every model's forecast on an issue with a status quo is checked against\n"
    "that win-set: table outside_win_set names each veto player that would\n"
    "reject a forecast for the status quo and its margin in points (how much\n"
    "nearer the status quo is to its position), or the body when a majority\n"
    "turns it down (margin: how far outside the body's win-set).\n"
    "--trajectory adds the EUM's rounds and the SMP's positions turn by turn,\n"
    "--moves every offer accepted, --exchanges every vote trade. --format csv\n"
    "writes the forecasts table; --table trajectory, moves or exchanges another.\n",
    run_forecast};
