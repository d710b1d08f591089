/* SPDX-License-Identifier: MIT */
/*
** forecast_opts.c: the forecast options shared by `parley analyze` and
** `parley forecast`.
*/
#include "cli.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* Pick --name's value among its words (parley/options.h) into *out (an enum); no change when
   absent. */
static int enum_opt(const cli_args *a, const char *name, int *out)
{
    size_t n;
    const char *const *words = pl_option_choices(name, &n);
    const char *v = cli_get(a, name, NULL);
    return v ? cli_pick(v, words, (int)n, name, out) : EXIT_OK;
}

static int read_eum_opts(const cli_args *a, pl_eum_opts *o)
{
    const char *v = cli_get(a, "eum-preset", NULL);
    pl_error err;
    if (v && pl_eum_preset(o, v, &err))
        return cli_usage_error("--eum-preset %s: %s", v, err.msg);
    int k = -1, rc = enum_opt(a, "eum-prob", &k);
    if (!rc && k >= 0)
        o->prob = (pl_eum_prob)k;
    k = -1;
    if (!rc && !(rc = enum_opt(a, "eum-select", &k)) && k >= 0)
        o->select = (pl_eum_select)k;
    k = -1;
    if (!rc && !(rc = enum_opt(a, "eum-compromise", &k)) && k >= 0)
        o->compromise = (pl_eum_compromise)k;
    k = -1;
    if (!rc && !(rc = enum_opt(a, "eum-perspective", &k)) && k >= 0)
        o->perspective = (pl_eum_perspective)k;
    k = -1;
    if (!rc && !(rc = enum_opt(a, "eum-salience-25b", &k)) && k >= 0)
        o->sal25b_printed = k;
    k = -1;
    if (!rc && !(rc = enum_opt(a, "eum-cycle", &k)) && k >= 0)
        o->cycle = (pl_eum_cycle)k;
    if (cli_has(a, "eum-capitulation"))
        o->no_capitulation = 0;
    unsigned long long r = 0;
    if (!rc && !(rc = cli_whole_opt(a, "rounds", 0, 10000, &r)) && cli_get(a, "rounds", NULL))
        o->rounds = (int)r;
    if (!rc)
        rc = cli_number_opt(a, "eum-q", 0, 1, "a probability in [0, 1]", &o->q);
    return rc;
}

/* The SMP's knobs; --threads also serves the EUM's Scholz probability (eum). */
static int read_smp_opts(const cli_args *a, pl_smp_opts *o, pl_eum_opts *eum)
{
    int k[8] = {-1, -1, -1, -1, -1, -1, -1, -1}, rc;
    unsigned long long turns = o->max_turns, seed = o->seed, threads = 1, work = 0, mib = 0;
    if ((rc = enum_opt(a, "smp-vote", &k[0])) ||
        (rc = enum_opt(a, "smp-victory", &k[1])) ||
        (rc = enum_opt(a, "smp-election", &k[2])) ||
        (rc = enum_opt(a, "smp-risk", &k[3])) ||
        (rc = enum_opt(a, "smp-perspective", &k[4])) ||
        (rc = enum_opt(a, "smp-bargain", &k[5])) ||
        (rc = enum_opt(a, "smp-commit", &k[6])) ||
        (rc = enum_opt(a, "smp-bargains", &k[7])) ||
        (rc = cli_whole_opt(a, "smp-turns", 1, 100000, &turns)) ||
        (rc = cli_whole_opt(a, "smp-max-work", 1, 1000000000000000000ull, &work)) ||
        (rc = cli_whole_opt(a, "max-memory", 1, 1ull << 30, &mib)) ||
        (rc = cli_whole_opt(a, "seed", 0, ULLONG_MAX, &seed)) ||
        (rc = cli_whole_opt(a, "threads", 1, 64, &threads)))
        return rc;
    o->threads = (int)threads;
    eum->threads = (int)threads;
    o->max_work = (double)work, o->max_bytes = (double)mib * 1048576.0;
    o->stochastic = cli_has(a, "smp-stochastic"), o->seed = seed;
    if ((rc = cli_number_opt(a, "smp-accommodate", 0, 1, "a share in [0, 1]",
                             &o->accommodate)))
        return rc;
    o->vote = k[0] >= 0 ? (pl_smp_vote)k[0] : o->vote;
    o->vpm = k[1] >= 0 ? (pl_smp_vpm)k[1] : o->vpm;
    o->pce = k[2] >= 0 ? (pl_smp_pce)k[2] : o->pce;
    o->risk = k[3] >= 0 ? (pl_smp_risk)k[3] : o->risk;
    o->persp = k[4] >= 0 ? (pl_smp_persp)k[4] : o->persp;
    o->interp = k[5] >= 0 ? (pl_smp_interp)k[5] : o->interp;
    o->commit = k[6] >= 0 ? (pl_smp_commit)k[6] : o->commit;
    o->bargains = k[7] >= 0 ? (pl_smp_bargains)k[7] : o->bargains;
    o->max_turns = (unsigned)turns;
    return EXIT_OK;
}

static int read_exchange_opts(const cli_args *a, pl_exchange_opts *o, int rounds)
{
    int k = -1, rc = enum_opt(a, "exchange-rule", &k);
    if (!rc && k >= 0)
        o->rule = (pl_exchange_rule)k;
    if (cli_get(a, "rounds", NULL))
        o->rounds = rounds;
    unsigned long long seed = o->seed;
    if (!rc && !(rc = cli_whole_opt(a, "seed", 0, ULLONG_MAX, &seed)))
        o->seed = (uint64_t)seed;
    return rc;
}

int cli_read_forecast_opts(const cli_args *a, pl_forecast_opts *fo)
{
    int k = -1, rc = enum_opt(a, "weights", &k);
    if (!rc && k >= 0)
        fo->weights = (pl_weight_mode)k;
    k = -1;
    if (!rc && !(rc = enum_opt(a, "median-tie", &k)) && k >= 0)
        fo->tie = (pl_median_tie)k;
    k = -1;
    if (!rc && !(rc = enum_opt(a, "loss", &k)) && k >= 0)
        fo->loss = (pl_loss)k;
    fo->ignore_status_quo = cli_has(a, "no-status-quo");
    if (!rc && cli_get(a, "disagreement", NULL)) {
        rc = cli_number_opt(a, "disagreement", -1e12, -1e-300, "a negative number", &fo->disagreement);
    }
    if (!rc)
        rc = read_eum_opts(a, &fo->eum);
    if (!rc)
        rc = read_exchange_opts(a, &fo->exchange, fo->eum.rounds);
    if (!rc)
        rc = read_smp_opts(a, &fo->smp, &fo->eum);
    return rc;
}

int cli_forecast_scenario(const cli_args *a, const pl_forecast_opts *fo, pl_scenario **s,
                          pl_forecast **f)
{
    int rc = cli_load_scenario(a, s, 0);
    if (rc)
        return rc;
    pl_error err;
    pl_error_clear(&err);
    if (pl_forecast_compute(f, *s, fo, &err) != PL_OK) {
        cli_report(&err, NULL, 0);
        pl_scenario_free(*s);
        *s = NULL;
        return cli_exit_code(err.code);
    }
    return EXIT_OK;
}
