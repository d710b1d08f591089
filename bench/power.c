/* SPDX-License-Identifier: MIT */
/*
** power.c: benchmark the voting-power engines on random weighted games
** (weights uniform in 1..100, quota half the total weight), in this process,
** each row with CPU seconds (getrusage) beside wall seconds:
**   enumerate  every coalition (the naive baseline, 2^n)
**   naive      generating functions as before issue 21 item 3: an inverse
**              pass per distinct weight over a second table (the baseline)
**   dp         generating functions with exact GMP counts, and for
**              Deegan-Packel, public good and Johnston the critical-member
**              tables (src/power/critical_dp.c)
** Rows where both run print their ratio; the sizes only generating functions
** reach (issue 21's table: Banzhaf at 1,000 members, Deegan-Packel, public
** good and Johnston at 200, Shapley-Shubik at N_BIG) print the goal
** beside the time. Engines that run side by side must agree: the benchmark
** checks it and stops otherwise. Nothing is asserted about time.
**   bench/power [N_SS [N_BIG]]   (N_SS: members for the naive against the new exact
**                                 Shapley-Shubik, default 200, and twice that for the
**                                 residues against the GMP table; N_BIG: members for
**                                 the Shapley-Shubik goal row, default 1000)
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

typedef struct spent {
    double wall, cpu;
} spent;

/* One computation, timed; the result is returned in *out. minimal: the enumeration
   lists minimal coalitions (its Deegan-Packel, public good and Johnston baseline). */
static int naive_baseline; /* timed_opts' next runs use a naive path (pl_power_opts.naive) */

static spent timed_opts(const pl_game *g, pl_power_method method, int no_shapley,
                        uint64_t samples, int floating, int minimal, double gib, pl_power **out)
{
    pl_power_opts o = PL_POWER_OPTS_INIT;
    pl_error err;
    o.naive = naive_baseline;
    o.floating = floating;
    o.method = method;
    o.no_shapley = no_shapley;
    o.samples = samples;
    o.minimal_limit = minimal ? 30 : 1;
    o.max_bytes = gib * 1073741824.0;
    double t0 = bench_now(), c0 = bench_cpu();
    if (pl_power_compute(out, g, &o, &err)) {
        fprintf(stderr, "bench: %s\n", err.msg);
        exit(1);
    }
    return (spent){bench_now() - t0, bench_cpu() - c0};
}

static spent timed(const pl_game *g, pl_power_method method, int no_shapley, pl_power **out)
{
    return timed_opts(g, method, no_shapley, 0, 0, 0, 8.0, out);
}

static void same_or_die(const pl_power *a, const pl_power *b, size_t n, int from, int to)
{
    for (int k = from; k <= to; k++)
        for (size_t m = 0; m < n; m++) {
            const char *x = pl_power_exact(a, (pl_power_index)k, m);
            const char *y = pl_power_exact(b, (pl_power_index)k, m);
            if (!x || !y || strcmp(x, y) != 0) {
                fprintf(stderr, "bench: engines disagree on %s of member %zu\n",
                        pl_power_index_name((pl_power_index)k), m + 1);
                exit(1);
            }
        }
}

static void row(const char *what, size_t n, const spent *base, spent t, const char *tail)
{
    char b[40] = "            -          -";
    if (base)
        snprintf(b, sizeof b, "%8.4fs %8.4fs", base->cpu, base->wall);
    printf("n = %-4zu %-32s %s  %8.4fs %8.4fs", n, what, b, t.cpu, t.wall);
    if (base)
        printf("  %6.1fx", base->cpu / t.cpu);
    printf("  %s\n", tail);
}

/*
** Enumeration against generating functions where both run, on games of each
** size in ns: indices from..to must agree. minimal: the enumeration lists
** minimal coalitions and neither computes Shapley-Shubik (Deegan-Packel,
** public good and Johnston against the critical-member tables).
*/
static void side_by_side(const size_t *ns, size_t count, uint64_t seed, int minimal,
                         pl_power_index from, pl_power_index to, const char *what)
{
    for (size_t j = 0; j < count; j++) {
        pl_game *g = random_game(ns[j], seed + j);
        pl_power *a, *b;
        spent te = timed_opts(g, PL_POWER_ENUMERATE, minimal, 0, 0, minimal, 8.0, &a);
        spent td = timed(g, PL_POWER_DP, minimal, &b);
        same_or_die(a, b, ns[j], from, to);
        row(what, ns[j], &te, td, "");
        pl_power_free(a);
        pl_power_free(b);
        pl_game_free(g);
    }
}

/* Deegan-Packel, public good and Johnston at 200 members, against the goal. */
static void minimal_large(void)
{
    pl_game *g = random_game(200, 11);
    pl_power *p;
    spent t = timed(g, PL_POWER_DP, 1, &p);
    if (!pl_power_has(p, PL_INDEX_JOHNSTON)) {
        fprintf(stderr, "bench: Johnston not computed at n = 200: %s\n", pl_power_note(p));
        exit(1);
    }
    row("DP + PGI + Johnston + Banzhaf", 200, NULL, t,
        "goal < 5 s (EPIC: Deegan-Packel 5.8 s, Johnston > 150 s)");
    pl_power_free(p);
    pl_game_free(g);
}

/* 1,000 members: exact Banzhaf family against the floating mode and Monte Carlo. */
static void large_game(void)
{
    pl_game *g = random_game(1000, 7);
    pl_power *p, *fl;
    /* at the default memory limit, as `parley power` runs it: the critical-member tables
       (4.3 GiB) are left out with a note; the baseline is the naive path (an inverse pass
       per distinct weight, minimal coalitions on a second table) */
    naive_baseline = 1;
    spent tn = timed_opts(g, PL_POWER_DP, 1, 0, 0, 0, 1.0, &p);
    naive_baseline = 0;
    pl_power_free(p);
    spent t = timed_opts(g, PL_POWER_DP, 1, 0, 0, 0, 1.0, &p);
    row("Banzhaf family, exact", 1000, &tn, t, "goal < 0.1 s (naive: the path before)");
    spent tf = timed_opts(g, PL_POWER_DP, 1, 0, 1, 0, 1.0, &fl);
    double worst = 0;
    for (size_t m = 0; m < 1000; m++) {
        double a = pl_power_value(p, PL_INDEX_ABZ, m), b = pl_power_value(fl, PL_INDEX_ABZ, m);
        worst = fmax(worst, fabs(b / a - 1));
    }
    char tail[96];
    snprintf(tail, sizeof tail, "(exact vs floating; worst relative difference %.1e)", worst);
    row("Banzhaf family, floating", 1000, &t, tf, tail);
    pl_power_free(fl);
    pl_power_free(p);
    t = timed_opts(g, PL_POWER_MONTE_CARLO, 0, 100000, 0, 0, 1.0, &p);
    snprintf(tail, sizeof tail, "(95%% half-width %.4f)", pl_power_halfwidth(p, PL_INDEX_SS));
    row("Monte Carlo, 1e5 draws", 1000, NULL, t, tail);
    pl_power_free(p);
    pl_game_free(g);
}

/*
** Shapley-Shubik exact at n members as `parley power` runs it (gib of
** tables): the trimmed (size, weight) table by residues, one modulus at a
** time (size_residue.c). The baseline, run first in the same process and
** the same limit: the same table in GMP words (naive 2, the build before
** issue 21's residues). Both must give the same values. goal: the issue's
** goal, printed beside the time (NULL: none).
*/
static void shapley_large(size_t n, double gib, const char *goal)
{
    pl_game *g = random_game(n, 9);
    pl_power *p, *q;
    naive_baseline = 2;
    spent tn = timed_opts(g, PL_POWER_DP, 0, 0, 0, 0, gib, &q);
    naive_baseline = 0;
    spent t = timed_opts(g, PL_POWER_DP, 0, 0, 0, 0, gib, &p);
    if (!pl_power_has(p, PL_INDEX_SS) || !pl_power_has(q, PL_INDEX_SS)) {
        fprintf(stderr, "bench: Shapley-Shubik not computed at n = %zu: %s\n", n,
                pl_power_note(pl_power_has(p, PL_INDEX_SS) ? q : p));
        exit(1);
    }
    for (size_t m = 0; m < n; m++)
        if (strcmp(pl_power_swings(p, m), pl_power_swings(q, m)) != 0 ||
            pl_power_value(p, PL_INDEX_SS, m) != pl_power_value(q, PL_INDEX_SS, m)) {
            fprintf(stderr, "bench: residues and GMP words disagree on member %zu\n", m + 1);
            exit(1);
        }
    char what[40], tail[160];
    snprintf(what, sizeof what, "SS + Banzhaf family, %g GiB", gib);
    snprintf(tail, sizeof tail, "%s%sbaseline: the table in GMP words", goal ? goal : "",
             goal ? "; " : "");
    row(what, n, &tn, t, tail);
    pl_power_free(p);
    pl_power_free(q);
    pl_game_free(g);
}

int main(int argc, char **argv)
{
    static const size_t small[] = {12, 16, 20, 24}, minimal[] = {16, 20, 24};
    size_t n_ss = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 200;
    size_t n_big = argc > 2 ? (size_t)strtoul(argv[2], NULL, 10) : 1000;
    printf("%-41s %21s  %19s\n", "game (weights 1..100, quota 50%)", "baseline CPU   wall",
           "new CPU   wall   ratio (CPU)");
    side_by_side(small, 4, 42, 0, PL_INDEX_SS, PL_INDEX_CI, "SS + Banzhaf family");
    side_by_side(minimal, 3, 77, 1, PL_INDEX_DP, PL_INDEX_JOHNSTON,
                 "DP + PGI + Johnston + Banzhaf");
    minimal_large();
    large_game();
    pl_game *g = random_game(n_ss, 9);
    pl_power *p, *q;
    naive_baseline = 1;
    spent tn = timed(g, PL_POWER_DP, 0, &q);
    naive_baseline = 0;
    spent t = timed(g, PL_POWER_DP, 0, &p);
    for (size_t m = 0; m < n_ss; m++)
        if (strcmp(pl_power_swings(p, m), pl_power_swings(q, m)) != 0 ||
            pl_power_value(p, PL_INDEX_SS, m) != pl_power_value(q, PL_INDEX_SS, m)) {
            fprintf(stderr, "bench: naive and prefix paths disagree on member %zu\n", m + 1);
            exit(1);
        }
    row("SS + Banzhaf + DP/PGI/Johnston", n_ss, &tn, t,
        "naive: full tables, an inverse pass per distinct weight");
    pl_power_free(p);
    pl_power_free(q);
    pl_game_free(g);
    /* at 1/8 GiB the critical-member tables of 400 members are left out, as at 1 GiB for
       1,000: the rows time Shapley-Shubik and the Banzhaf family only */
    shapley_large(n_ss * 2, 0.125, NULL);
    shapley_large(n_big, 1.0, "goal < 5 s");
    return 0;
}
