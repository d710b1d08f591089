/* SPDX-License-Identifier: MIT */
/*
** bench/smp.c: time per SMP turn and peak memory on generated scenarios of
** 10, 30, 60, 120 and 250 actors x 3 dimensions (KTAB's defaults; positions,
** saliences and capabilities drawn from a fixed generator). Reference for
** KTAB -O2 on this machine class (issue 4): 60 actors x 3 dims about 1.36 s
** CPU per turn and 69 MB RSS; the ratio printed is that figure over ours.
** Usage: bench_smp [TURNS]   (turns per size, default 5)
*/
#include "parley/parley.h"
#include "bench_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

static double peak_mb(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (double)u.ru_maxrss / 1024.0;
}

int main(int argc, char **argv)
{
    unsigned turns = argc > 1 ? (unsigned)atoi(argv[1]) : 5;
    static const size_t sizes[] = {10, 30, 60, 120, 250};
    const size_t K = 3;
    uint64_t seed = 42;
    printf("actors  turns  s/turn 1th  s/turn 2th  peak RSS\n");
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++) {
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
        double per[2];
        size_t T = 0;
        for (int th = 1; th <= 2; th++) {
            pl_smp_opts o = PL_SMP_OPTS_INIT;
            o.max_turns = turns, o.min_turns = turns; /* time a fixed number of turns */
            o.threads = th;
            pl_smp *m = NULL;
            pl_error err;
            double t0 = bench_now();
            if (pl_smp_run(&m, n, K, c, x, s, &o, &err)) {
                fprintf(stderr, "bench_smp: %s\n", err.msg);
                return 1;
            }
            T = pl_smp_n_states(m) - 1;
            per[th - 1] = (bench_now() - t0) / (double)T;
            pl_smp_free(m);
        }
        printf("%6zu  %5zu  %9.5f  %9.5f  %7.1f MB", n, T, per[0], per[1], peak_mb());
        if (n == 60)
            printf("  %.0fx faster than KTAB (2 threads: %.0fx)", 1.36 / per[0], 1.36 / per[1]);
        printf("\n");
        free(c), free(x), free(s);
    }
    return 0;
}
