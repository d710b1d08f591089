/* SPDX-License-Identifier: MIT */
/*
** exchange.c: benchmark the exchange model on Decide's sample_data (10
** actors x 6 issues, when ../shared is present) and on a generated scenario
** of 200 actors x 20 issues, timing each round. The baseline is the first
** round's candidate count: the work grows with K^2 n^2 per executed exchange.
**   bench/exchange [SHARED_DIR] [ACTORS ISSUES ROUNDS]
*/
#include "parley/parley.h"
#include "bench_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static void report(const char *what, const pl_exchange *e, double t)
{
    size_t eq, cand = pl_exchange_candidates(e, &eq);
    printf("%-34s %6zu rounds %7zu exchanges %8zu candidates  %8.3fs  (%.1f us/exchange)\n", what,
           pl_exchange_n_rounds(e), pl_exchange_n_trades(e), cand, t,
           1e6 * t / (double)(pl_exchange_n_trades(e) ? pl_exchange_n_trades(e) : 1));
}

int main(int argc, char **argv)
{
    const char *shared = argc > 1 ? argv[1] : "../shared";
    size_t n = argc > 3 ? (size_t)atoi(argv[2]) : 200, K = argc > 3 ? (size_t)atoi(argv[3]) : 20;
    int rounds = argc > 4 ? atoi(argv[4]) : 10;
    char path[1024];
    pl_error err;
    snprintf(path, sizeof path, "%s/data/decide/sample_data.txt", shared);
    pl_scenario *s;
    if (pl_import_file(&s, NULL, path, PL_IMPORT_DECIDE, NULL, &err) == PL_OK) {
        pl_exchange *e;
        double t0 = bench_now();
        if (pl_exchange_run_scenario(&e, s, NULL, &err) == PL_OK) {
            report("sample_data (10 x 6), 10 rounds", e, bench_now() - t0);
            pl_exchange_free(e);
        }
        pl_scenario_free(s);
    } else {
        printf("sample_data: skipped (%s)\n", err.msg);
    }
    double *x = malloc(n * K * sizeof *x), *sal = malloc(n * K * sizeof *sal);
    double *c = malloc(n * K * sizeof *c);
    uint64_t seed = 2463534242u;
    for (size_t a = 0; a < n; a++) {
        double cap = bench_unit(&seed);
        for (size_t k = 0; k < K; k++) {
            x[a * K + k] = 100 * bench_unit(&seed);
            sal[a * K + k] = bench_unit(&seed);
            c[a * K + k] = cap;
        }
    }
    pl_exchange_opts o = PL_EXCHANGE_OPTS_INIT;
    o.rounds = rounds;
    pl_exchange *e;
    double t0 = bench_now();
    if (pl_exchange_run(&e, n, K, x, sal, c, &o, &err)) {
        fprintf(stderr, "bench: %s\n", err.msg);
        return 1;
    }
    char what[64];
    snprintf(what, sizeof what, "generated (%zu x %zu), %d rounds", n, K, rounds);
    report(what, e, bench_now() - t0);
    pl_exchange_free(e);
    free(x);
    free(sal);
    free(c);
    return 0;
}
