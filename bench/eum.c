/* SPDX-License-Identifier: MIT */
/*
** eum.c: benchmark the Expected Utility Model, fast vote sums (sorted
** positions and prefix sums, O(n^2 log n) per round) against the naive
** O(n^3) sums, in this process, on random scenarios of n actors, 10 rounds
** (no early stop: tol 0 and a cycle check that never fires on random data).
** Both must give the same trajectory; the benchmark stops otherwise.
**   bench/eum [NMAX]   (default 10000; the naive run stops at 1000)
*/
#include "parley/parley.h"
#include "bench_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double timed(const double *x, const double *c, const double *s, size_t n, int naive,
                    pl_eum **out)
{
    pl_eum_opts o = PL_EUM_OPTS_INIT;
    pl_error err;
    o.naive = naive;
    o.tol = 0;
    double t0 = bench_now();
    if (pl_eum_run(out, x, c, s, n, &o, &err)) {
        fprintf(stderr, "bench: %s\n", err.msg);
        exit(1);
    }
    return bench_now() - t0;
}

int main(int argc, char **argv)
{
    size_t nmax = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 10000;
    printf("%-28s %10s %10s %8s\n", "EUM, 10 rounds", "naive", "fast", "ratio");
    for (size_t n = 10; n <= nmax; n *= 10) {
        double *x = malloc(n * sizeof *x), *c = malloc(n * sizeof *c), *s = malloc(n * sizeof *s);
        uint64_t seed = 88172645463325252u + n;
        for (size_t i = 0; i < n; i++) {
            x[i] = 100 * bench_unit(&seed);
            c[i] = bench_unit(&seed);
            s[i] = bench_unit(&seed);
        }
        pl_eum *f, *v = NULL;
        double tf = timed(x, c, s, n, 0, &f), tv = 0;
        if (n <= 1000) {
            tv = timed(x, c, s, n, 1, &v);
            for (size_t i = 0; i < n; i++)
                if (fabs(pl_eum_position(f, pl_eum_n_rounds(f), i) -
                         pl_eum_position(v, pl_eum_n_rounds(v), i)) > 1e-9) {
                    fprintf(stderr, "bench: fast and naive disagree\n");
                    return 1;
                }
            printf("n = %-6zu (%2zu rounds)          %9.4fs %9.4fs %7.1fx\n", n,
                   pl_eum_n_rounds(f), tv, tf, tv / tf);
        } else {
            printf("n = %-6zu (%2zu rounds)          %10s %9.4fs\n", n, pl_eum_n_rounds(f), "-",
                   tf);
        }
        pl_eum_free(f);
        pl_eum_free(v);
        free(x);
        free(c);
        free(s);
    }
    return 0;
}
