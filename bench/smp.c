/* SPDX-License-Identifier: MIT */
/*
** bench/smp.c: CPU and wall seconds per SMP turn and peak memory on generated
** scenarios of 10 ... 1,000 actors x 3 dimensions (KTAB's defaults; positions,
** saliences and capabilities drawn from a fixed generator), in this process:
** the naive turn (each challenge summed third party by third party, the
** elections option pair by option pair: the code before the fast turn), the
** previous fast turn (the same loops as now, scalar, one challenger at a time:
** pl_smp_opts.naive = 2) as the baselines, then the fast turn (vectorised
** loops, challengers in blocks) on 1 and on 2 threads; all must give the same
** positions bit for bit (the benchmark stops otherwise). Issue 21's goal at
** 1,000 actors x 3 is under 2 s per turn; the row prints it beside the figure.
** KTAB is not run here: its figure below is FIXED, measured once (issue 4,
** KTAB -O2 on this machine class): 60 actors x 3 dims about 1.36 s CPU per turn
** and 69 MB RSS; the ratio printed is that fixed figure over ours.
** Usage: bench_smp [TURNS [NMAX [NAIVE_MAX [PREVIOUS_MAX]]]]
**        (default 2, 1000, 250 and 1000)
*/
#include "parley/parley.h"
#include "bench_util.h"

#include <stdio.h>
#include <stdlib.h>

static double peak_mb(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (double)u.ru_maxrss / 1024.0;
}

/* One timed run: CPU and wall seconds per turn into cpu and wall; the run into *out. */
static void timed(size_t n, size_t K, const double *c, const double *x, const double *s,
                  unsigned turns, int naive, int threads, double *cpu, double *wall,
                  pl_smp **out)
{
    pl_smp_opts o = PL_SMP_OPTS_INIT;
    o.max_turns = turns, o.min_turns = turns; /* time a fixed number of turns */
    o.threads = threads, o.naive = naive;
    o.max_work = 1e18, o.max_bytes = 1e12;
    pl_error err;
    double c0 = bench_cpu(), w0 = bench_now();
    if (pl_smp_run(out, n, K, c, x, s, &o, &err)) {
        fprintf(stderr, "bench_smp: %s\n", err.msg);
        exit(1);
    }
    double T = (double)(pl_smp_n_states(*out) - 1);
    *cpu = (bench_cpu() - c0) / T, *wall = (bench_now() - w0) / T;
}

static int same(const pl_smp *a, const pl_smp *b, size_t n, size_t K)
{
    if (pl_smp_n_states(a) != pl_smp_n_states(b))
        return 0;
    for (size_t t = 0; t < pl_smp_n_states(a); t++)
        for (size_t i = 0; i < n * K; i++)
            if (pl_smp_position(a, t, i / K, i % K) != pl_smp_position(b, t, i / K, i % K))
                return 0;
    return 1;
}

/* The generated scenario of n actors: capabilities c, positions x and saliences s. */
static void scenario(size_t n, size_t K, uint64_t *seed, double *c, double *x, double *s)
{
    for (size_t i = 0; i < n; i++) {
        c[i] = 10 + 190 * bench_unit(seed);
        double tot = 0.75 + 0.24 * bench_unit(seed), w[3], sum = 0;
        for (size_t k = 0; k < K; k++)
            w[k] = 0.1 + 0.9 * bench_unit(seed), sum += w[k];
        for (size_t k = 0; k < K; k++)
            x[i * K + k] = 100 * bench_unit(seed), s[i * K + k] = tot * w[k] / sum;
    }
}

enum { NAIVE, PREVIOUS, FAST, FAST2, RUNS };

/* One row: every run's CPU (wall) seconds per turn, ratios, the goal at 1,000 actors. */
static void row(size_t n, pl_smp *const *m, const double *cpu, const double *wall)
{
    printf("%6zu  %5zu  ", n, pl_smp_n_states(m[FAST]) - 1);
    for (int k = 0; k < RUNS; k++)
        if (m[k])
            printf("%9.5f (%8.5f)%s", cpu[k], wall[k], k + 1 < RUNS ? " | " : "");
        else
            printf("%9s (%8s)%s", "-", "-", k + 1 < RUNS ? " | " : "");
    printf("  %7.1f MB", peak_mb());
    if (m[NAIVE])
        printf("  naive/fast %.1fx", cpu[NAIVE] / cpu[FAST]);
    if (m[PREVIOUS])
        printf("  previous/fast %.1fx", cpu[PREVIOUS] / cpu[FAST]);
    if (n == 60)
        printf("  KTAB (fixed figure, 1.36 s CPU) / fast: %.0fx", 1.36 / cpu[FAST]);
    if (n == 1000)
        printf("  goal (issue 21): < 2 s per turn: %s", cpu[FAST] < 2 ? "met" : "NOT met");
    printf("\n");
}

int main(int argc, char **argv)
{
    unsigned turns = argc > 1 ? (unsigned)atoi(argv[1]) : 2;
    size_t nmax = argc > 2 ? (size_t)atol(argv[2]) : 1000;
    size_t naive_max = argc > 3 ? (size_t)atol(argv[3]) : 250;
    size_t previous_max = argc > 4 ? (size_t)atol(argv[4]) : 1000;
    static const size_t sizes[] = {10, 30, 60, 120, 250, 500, 1000};
    const size_t K = 3;
    uint64_t seed = 42;
    printf("actors  turns  per turn, CPU s (wall s): naive 1 thread | previous 1 thread | fast 1 "
           "thread | fast 2 threads    peak RSS\n");
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes && sizes[z] <= nmax; z++) {
        size_t n = sizes[z];
        double *c = malloc(n * sizeof *c), *x = malloc(n * K * sizeof *x);
        double *s = malloc(n * K * sizeof *s);
        if (!c || !x || !s) {
            fprintf(stderr, "bench_smp: out of memory\n");
            return 1;
        }
        scenario(n, K, &seed, c, x, s);
        double cpu[RUNS] = {0}, wall[RUNS] = {0};
        pl_smp *m[RUNS] = {NULL};
        for (int k = 0; k < RUNS; k++) {
            if ((k == NAIVE && n > naive_max) || (k == PREVIOUS && n > previous_max))
                continue;
            timed(n, K, c, x, s, turns, k == NAIVE ? 1 : k == PREVIOUS ? 2 : 0,
                  k == FAST2 ? 2 : 1, &cpu[k], &wall[k], &m[k]);
        }
        for (int k = 0; k < RUNS; k++)
            if (k != FAST && m[k] && !same(m[k], m[FAST], n, K)) {
                fprintf(stderr, "bench_smp: the runs differ at %zu actors\n", n);
                return 1;
            }
        row(n, m, cpu, wall);
        for (int k = 0; k < RUNS; k++)
            pl_smp_free(m[k]);
        free(c), free(x), free(s);
    }
    return 0;
}
