/* SPDX-License-Identifier: MIT */
/*
** cmd_power.c: `parley power [FILE]`: who holds power in each body of a
** scenario, and whether a body can act against the actor it is meant to
** restrain; or the same for a game typed on the command line.
*/
#include "cli.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const cli_optdef power_opts[] = {
    {"builtin", 0, 2, "NAME", "use a built-in scenario (default when no FILE and no --weights)"},
    {"body", 0, 1, "ID", "only this body (default: every body)"},
    {"against", 0, 1, "ID", "can the body act against this actor/member? (default: the "
                            "body's `against`)"},
    {"weights", 0, 1, "W,W,...", "ad-hoc game: member weights, whole numbers >= 0 (WxK: K "
                                 "members of weight W); the next --quota uses them"},
    {"quota", 0, 1, "Q", "ad-hoc game: add the condition weight >= Q (a number, 2/3, 65%, "
                         "majority or unanimity); repeat for multiple majorities"},
    {"min-members", 0, 1, "N", "ad-hoc game: add the condition 'at least N members'"},
    {"or", 0, 0, NULL, "ad-hoc game: the conditions that follow form an alternative rule"},
    {"names", 0, 1, "A,B,...", "ad-hoc game: member names (default 1, 2, ...)"},
    {"veto", 0, 1, "A,B,...", "ad-hoc game: members (names or numbers) that can block alone"},
    {"method", 0, 1, "M", "auto, enumerate, dp or monte-carlo (default auto: enumerate up to "
                          "25 members, else generating functions; Deegan-Packel, public good "
                          "and Johnston of one weighted condition then by critical-member "
                          "tables)"},
    {"samples", 0, 1, "N", "Monte Carlo draws (default 100000)"},
    {"seed", 0, 1, "N", "Monte Carlo seed (default 0)"},
    {"no-shapley", 0, 0, NULL, "skip Shapley-Shubik (its exact table is n times larger)"},
    {"floating", 0, 0, NULL, "fast floating mode (one weighted condition): the Banzhaf family "
                             "in double precision, no Shapley-Shubik"},
    {"max-memory", 0, 1, "MIB", "memory for an ad-hoc game's weights and for exact counting "
                                  "tables in MiB (default 1024); tables over it are refused, "
                                  "or left out with a note (Shapley-Shubik in auto mode; "
                                  "Deegan-Packel, public good, Johnston)"},
    {"list", 0, 1, "N", "list minimal coalitions when there are at most N (default 16)"},
    CLI_FROM_OPTDEF,
    {NULL, 0, 0, NULL, NULL}};

static int read_method_opts(const cli_args *a, pl_power_opts *o)
{
    static const char *const methods[] = {"auto", "enumerate", "dp", "monte-carlo"};
    const char *v;
    int i, rc = EXIT_OK;
    unsigned long long x;
    if ((v = cli_get(a, "method", NULL)) && !(rc = cli_pick(v, methods, 4, "method", &i)))
        o->method = (pl_power_method)i;
    if (!rc && (v = cli_get(a, "samples", NULL))) {
        if (!cli_whole(v, 1, 1ull << 40, &x))
            return cli_usage_error("--samples %s: expected a whole number from 1 to 2^40", v);
        o->samples = x;
    }
    if (!rc && (v = cli_get(a, "seed", NULL))) {
        if (!cli_whole(v, 0, UINT64_MAX, &x))
            return cli_usage_error("--seed %s: expected a whole number from 0 to 2^64-1", v);
        o->seed = x;
    }
    if (!rc && (v = cli_get(a, "max-memory", NULL))) {
        if (!cli_whole(v, 1, 1ull << 30, &x))
            return cli_usage_error("--max-memory %s: expected MiB, a whole number >= 1", v);
        o->max_bytes = (double)x * 1048576.0;
    }
    if (!rc && (v = cli_get(a, "list", NULL))) {
        if (!cli_whole(v, 1, 100000, &x))
            return cli_usage_error("--list %s: expected a whole number from 1 to 100000", v);
        o->list_limit = (size_t)x;
    }
    o->no_shapley = cli_has(a, "no-shapley");
    o->floating = cli_has(a, "floating");
    return rc;
}

/* ---- the ad-hoc game: the library reads it (pl_game_builder) -------------------- */

typedef int (*game_item)(pl_game_builder *b, const char *value, pl_error *err);

static int or_item(pl_game_builder *b, const char *value, pl_error *err)
{
    (void)value;
    return pl_game_builder_or(b, err);
}

static const struct {
    const char *name;
    game_item add;
} game_items[] = {{"weights", pl_game_builder_weights}, {"quota", pl_game_builder_quota},
                  {"min-members", pl_game_builder_min_members}, {"or", or_item},
                  {"names", pl_game_builder_names}, {"veto", pl_game_builder_veto}};
#define N_GAME_ITEMS (sizeof game_items / sizeof *game_items)

/* The game's options, in command-line order, to the builder. */
static int adhoc_game(const cli_args *a, double max_bytes, pl_game **out)
{
    pl_game_builder *b = NULL;
    pl_error err;
    pl_error_clear(&err);
    int rc = pl_game_builder_new(&b, &err);
    if (!rc)
        rc = pl_game_builder_max_memory(b, max_bytes, &err);
    for (int i = 0; !rc && i < a->nopts; i++)
        for (size_t k = 0; !rc && k < N_GAME_ITEMS; k++)
            if (strcmp(a->opt[i]->name, game_items[k].name) == 0)
                rc = game_items[k].add(b, a->val[i], &err);
    if (!rc)
        rc = pl_game_builder_build(b, out, &err);
    pl_game_builder_free(b);
    if (rc)
        cli_report(&err, NULL, 0);
    return cli_exit_code(rc);
}

static int is_adhoc(const cli_args *a)
{
    for (size_t k = 0; k < N_GAME_ITEMS; k++)
        if (cli_has(a, game_items[k].name))
            return 1;
    return 0;
}

/* ---- the document: composed by the library (pl_power_doc) ------------------- */

static int power_doc(const cli_args *a, const pl_power_opts *o, pl_scenario **s,
                     pl_game **g, pl_power_doc **d)
{
    pl_error err;
    pl_error_clear(&err);
    int rc;
    if (is_adhoc(a)) {
        if (a->npos || cli_has(a, "builtin") || cli_has(a, "body"))
            return cli_usage_error("an ad-hoc game (--weights, --quota) takes no FILE, "
                                   "--builtin or --body");
        if ((rc = adhoc_game(a, o->max_bytes > 0 ? o->max_bytes : 1073741824.0, g)))
            return rc;
        rc = pl_power_doc_game(d, *g, cli_get(a, "against", NULL), o, &err);
    } else {
        if ((rc = cli_load_scenario(a, s, 0)))
            return rc;
        rc = pl_power_doc_scenario(d, *s, cli_get(a, "body", NULL), cli_get(a, "against", NULL),
                                   o, &err);
    }
    if (rc)
        cli_report(&err, NULL, 0);
    return cli_exit_code(rc);
}

static int run_power(const cli_args *a)
{
    pl_power_opts o = PL_POWER_OPTS_INIT;
    int rc = read_method_opts(a, &o);
    if (rc)
        return rc;
    pl_scenario *s = NULL;
    pl_game *g = NULL;
    pl_power_doc *d = NULL;
    cli_output out;
    if (!(rc = power_doc(a, &o, &s, &g, &d)) &&
        !(rc = cli_document_begin(&out, a, "members", s)))
        rc = cli_document_done(&out, pl_power_doc_emit(d, out.e));
    pl_power_doc_free(d);
    pl_game_free(g);
    pl_scenario_free(s);
    return rc;
}

const cli_command cli_cmd_power = {
    "power", "[FILE]",
    "Voting power in each body, and whether it can act against a member.",
    power_opts,
    "Power indices of every member of every body (docs/models.md, \"Voting power\"):\n"
    "  shapley_shubik      share of orderings in which the member is pivotal\n"
    "  banzhaf             share of all swings (normalised Banzhaf)\n"
    "  banzhaf_absolute    chance of being critical in a random coalition (Penrose)\n"
    "  coleman_prevent     share of winning coalitions the member can break\n"
    "  coleman_initiate    share of losing coalitions the member can complete\n"
    "  deegan_packel, public_good, johnston   from the minimal winning coalitions\n"
    "Counts are exact (fractions under 'exact'); minimal winning and blocking\n"
    "coalitions are enumerated up to 25 members; for one weighted condition they are\n"
    "counted at any size, and the three indices of minimal coalitions come from tables\n"
    "of coalitions by weight and number of critical members. For a body with\n"
    "`against: ACTOR` (or --against) it says whether the body can decide without that\n"
    "actor and, if not, the smallest change of rule that would let it.\n"
    "Ad-hoc games: parley power --weights 4,4,4,2,2,1 --quota 12\n"
    "  UN Security Council: --weights 7x5,1x10 --quota 39\n"
    "  several majorities: --min-members 15 --weights POPS --quota 65%\n"
    "  alternatives: ... --or --min-members 24\n"
    "--format csv writes the members table.\n",
    run_power};
