/* SPDX-License-Identifier: MIT */
/*
** power.c: benchmark the voting-power engines on random weighted games
** (weights uniform in 1..100, quota half the total weight), in this process:
**   enumerate  every coalition (the naive baseline, 2^n)
**   dp         generating functions with exact GMP counts
** and prints their times and ratio for n where both run, then the sizes
** only generating functions reach (Banzhaf family for 1,000 members; with
** Shapley-Shubik for fewer), and Monte Carlo for the same 1,000 members.
** Both engines must agree: the benchmark checks it and stops otherwise.
** Nothing is asserted about time: speed is measured, not tested.
**   bench/power [N_SS]    (N_SS: members for the exact Shapley-Shubik run, default 200)
*/
#include "parley/parley.h"
#include "bench_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Deterministic pseudo-random weights (xorshift64*): the same games every run. */
static pl_game *random_game(size_t n, uint64_t seed)
{
    int64_t *w = malloc(n * sizeof *w), tot = 0;
    pl_game *g;
    for (size_t m = 0; m < n; m++) {
        w[m] = 1 + (int64_t)(bench_next(&seed) >> 33) % 100;
        tot += w[m];
    }
    if (pl_game_new(&g, n, NULL) || pl_game_add_condition(g, w, tot / 2 + 1, NULL)) {
        fprintf(stderr, "bench: cannot build the game\n");
        exit(1);
    }
    free(w);
    return g;
}

/* Seconds for one computation; the result is returned in *out. */
static double timed_opts(const pl_game *g, pl_power_method method, int no_shapley,
                         uint64_t samples, int floating, pl_power **out)
{
    pl_power_opts o = PL_POWER_OPTS_INIT;
    o.floating = floating;
    pl_error err;
    o.method = method;
    o.no_shapley = no_shapley;
    o.samples = samples;
    o.minimal_limit = 1; /* the enumeration baseline counts swings only */
    o.max_bytes = 8.0 * 1073741824.0;
    double t0 = bench_now();
    if (pl_power_compute(out, g, &o, &err)) {
        fprintf(stderr, "bench: %s\n", err.msg);
        exit(1);
    }
    return bench_now() - t0;
}

static double timed(const pl_game *g, pl_power_method method, int no_shapley, uint64_t samples,
                    pl_power **out)
{
    return timed_opts(g, method, no_shapley, samples, 0, out);
}

static void same_or_die(const pl_power *a, const pl_power *b, size_t n)
{
    for (int k = PL_INDEX_SS; k <= PL_INDEX_CI; k++)
        for (size_t m = 0; m < n; m++)
            if (pl_power_value(a, (pl_power_index)k, m) != pl_power_value(b, (pl_power_index)k, m)) {
                fprintf(stderr, "bench: engines disagree on %s of member %zu\n",
                        pl_power_index_name((pl_power_index)k), m + 1);
                exit(1);
            }
}

int main(int argc, char **argv)
{
    size_t n_ss = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 200;
    static const size_t ns[] = {12, 16, 20, 24};
    printf("%-34s %10s %10s %8s\n", "game (weights 1..100, quota 50%)", "enumerate", "dp", "ratio");
    for (size_t j = 0; j < sizeof ns / sizeof *ns; j++) {
        pl_game *g = random_game(ns[j], 42 + j);
        pl_power *a, *b;
        double te = timed(g, PL_POWER_ENUMERATE, 0, 0, &a);
        double td = timed(g, PL_POWER_DP, 0, 0, &b);
        same_or_die(a, b, ns[j]);
        printf("n = %-4zu SS + Banzhaf family         %9.4fs %9.4fs %7.1fx\n", ns[j], te, td,
               te / td);
        pl_power_free(a);
        pl_power_free(b);
        pl_game_free(g);
    }
    pl_game *g = random_game(1000, 7);
    pl_power *p;
    double t = timed(g, PL_POWER_DP, 1, 0, &p);
    printf("n = 1000 Banzhaf family, exact       %10s %9.4fs   (2^1000 coalitions: no baseline)\n",
           "-", t);
    pl_power *fl;
    double tf = timed_opts(g, PL_POWER_DP, 1, 0, 1, &fl);
    double worst = 0;
    for (size_t m = 0; m < 1000; m++) {
        double a = pl_power_value(p, PL_INDEX_ABZ, m), b = pl_power_value(fl, PL_INDEX_ABZ, m);
        worst = fmax(worst, fabs(b / a - 1));
    }
    printf("n = 1000 Banzhaf family, floating    %9.4fs %9.4fs %7.1fx (exact vs floating; "
           "worst relative difference %.1e)\n", t, tf, t / tf, worst);
    pl_power_free(fl);
    pl_power_free(p);
    t = timed(g, PL_POWER_MONTE_CARLO, 0, 100000, &p);
    printf("n = 1000 Monte Carlo, 1e5 draws      %10s %9.4fs   (95%% half-width %.4f)\n", "-", t,
           pl_power_halfwidth(p, PL_INDEX_SS));
    pl_power_free(p);
    pl_game_free(g);
    g = random_game(n_ss, 9);
    t = timed(g, PL_POWER_DP, 0, 0, &p);
    printf("n = %-4zu Shapley-Shubik + Banzhaf, exact %5s %9.4fs   (O(n^2 W) words)\n", n_ss, "-",
           t);
    pl_power_free(p);
    pl_game_free(g);
    return 0;
}
