/* SPDX-License-Identifier: MIT */
/*
** bench/smp.c: CPU and wall seconds per SMP turn and peak memory on generated
** scenarios of 10 ... 1,000 actors x 3 dimensions (KTAB's defaults; positions,
** saliences and capabilities drawn from a fixed generator), in this process:
** the naive turn (each challenge summed third party by third party, the
** elections option pair by option pair: the code before the fast turn) as the
** baseline, then the fast turn on 1 and on 2 threads; all three must give the
** same positions bit for bit (the benchmark stops otherwise).
** KTAB is not run here: its figure below is FIXED, measured once (issue 4,
** KTAB -O2 on this machine class): 60 actors x 3 dims about 1.36 s CPU per turn
** and 69 MB RSS; the ratio printed is that fixed figure over ours.
** Usage: bench_smp [TURNS [NMAX [NAIVE_MAX]]]   (default 2, 1000 and 250)
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

int main(int argc, char **argv)
{
    unsigned turns = argc > 1 ? (unsigned)atoi(argv[1]) : 2;
    size_t nmax = argc > 2 ? (size_t)atol(argv[2]) : 1000;
    size_t naive_max = argc > 3 ? (size_t)atol(argv[3]) : 250;
    static const size_t sizes[] = {10, 30, 60, 120, 250, 500, 1000};
    const size_t K = 3;
    uint64_t seed = 42;
    printf("actors  turns  per turn, CPU s (wall s): naive 1 thread | fast 1 thread | fast 2 "
           "threads    peak RSS\n");
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes && sizes[z] <= nmax; z++) {
        size_t n = sizes[z];
        double *c = malloc(n * sizeof *c), *x = malloc(n * K * sizeof *x);
        double *s = malloc(n * K * sizeof *s);
        for (size_t i = 0; i < n; i++) {
            c[i] = 10 + 190 * bench_unit(&seed);
            double tot = 0.75 + 0.24 * bench_unit(&seed), w[3], sum = 0;
            for (size_t k = 0; k < K; k++)
                w[k] = 0.1 + 0.9 * bench_unit(&seed), sum += w[k];
            for (size_t k = 0; k < K; k++)
                x[i * K + k] = 100 * bench_unit(&seed), s[i * K + k] = tot * w[k] / sum;
        }
        double cpu[3] = {0, 0, 0}, wall[3] = {0, 0, 0};
        pl_smp *m[3] = {NULL, NULL, NULL};
        for (int k = n <= naive_max ? 0 : 1; k < 3; k++)
            timed(n, K, c, x, s, turns, k == 0, k == 2 ? 2 : 1, &cpu[k], &wall[k], &m[k]);
        if ((m[0] && !same(m[0], m[1], n, K)) || !same(m[1], m[2], n, K)) {
            fprintf(stderr, "bench_smp: the runs differ at %zu actors\n", n);
            return 1;
        }
        printf("%6zu  %5zu  ", n, pl_smp_n_states(m[1]) - 1);
        if (m[0])
            printf("%9.5f (%8.5f) | ", cpu[0], wall[0]);
        else
            printf("%9s (%8s) | ", "-", "-");
        printf("%9.5f (%8.5f) | %9.5f (%8.5f)  %7.1f MB", cpu[1], wall[1], cpu[2], wall[2],
               peak_mb());
        if (m[0])
            printf("  naive/fast %.1fx CPU", cpu[0] / cpu[1]);
        if (n == 60)
            printf("  KTAB (fixed figure, 1.36 s CPU) / fast: %.0fx", 1.36 / cpu[1]);
        printf("\n");
        pl_smp_free(m[0]), pl_smp_free(m[1]), pl_smp_free(m[2]);
        free(c), free(x), free(s);
    }
    return 0;
}
