/* SPDX-License-Identifier: MIT */
/*
** bench/stress.c: `parley stress` on the built-in scenario.
**   1. draws per second per core for the full analysis (forecast with all five
**      models, settle, power, durability), on 1 thread and on 2: the ratio is
**      the scaling (the summaries are checked to be identical);
**   2. memory over a long run: the process's peak RSS after 10^4 draws and
**      after 10^6 draws of a cheap analysis (weighted mean and median), next to
**      what keeping every value would take. Percentiles are exact up to
**      PL_STRESS_EXACT draws, then histograms of PL_STRESS_BINS bins, so memory
**      stays flat.
** Usage: bench_stress [DRAWS_FULL] [DRAWS_LONG]   (defaults 2000 and 1000000)
*/
#include "parley/parley.h"
#include "bench_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

static double peak_mb(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (double)u.ru_maxrss / 1024.0;
}

static pl_stress *run(const pl_scenario *s, uint64_t draws, int threads, unsigned analyses,
                      unsigned models, double *secs)
{
    pl_stress_opts o = PL_STRESS_OPTS_INIT;
    o.draws = draws, o.threads = threads, o.analyses = analyses, o.forecast.models = models;
    pl_stress *st = NULL;
    pl_error err;
    double t0 = bench_now();
    if (pl_stress_run(&st, s, &o, &err)) {
        fprintf(stderr, "bench_stress: %s\n", err.msg);
        exit(1);
    }
    *secs = bench_now() - t0;
    return st;
}

static int same(const pl_stress *a, const pl_stress *b)
{
    for (size_t m = 0; m < pl_stress_n_metrics(a); m++) {
        double x = pl_stress_mean(a, m, NULL), y = pl_stress_mean(b, m, NULL);
        double p = pl_stress_quantile(a, m, 0.95), q = pl_stress_quantile(b, m, 0.95);
        if (memcmp(&x, &y, sizeof x) || memcmp(&p, &q, sizeof p))
            return 0;
    }
    return pl_stress_n_metrics(a) == pl_stress_n_metrics(b);
}

int main(int argc, char **argv)
{
    uint64_t full = argc > 1 ? strtoull(argv[1], NULL, 10) : 2000;
    uint64_t longrun = argc > 2 ? strtoull(argv[2], NULL, 10) : 1000000;
    pl_scenario *s = NULL;
    pl_error err;
    if (pl_scenario_load_builtin(&s, NULL, NULL, &err)) {
        fprintf(stderr, "bench_stress: %s\n", err.msg);
        return 1;
    }
    printf("uncertain inputs: %zu\n", pl_scenario_n_uncertain(s));
    double t1, t2;
    pl_stress *a = run(s, full, 1, 0, 0, &t1), *b = run(s, full, 2, 0, 0, &t2);
    printf("full analysis, %llu draws, %zu metrics:\n", (unsigned long long)full,
           pl_stress_n_metrics(a));
    printf("  1 thread : %7.3f s  %8.0f draws/s\n", t1, (double)full / t1);
    printf("  2 threads: %7.3f s  %8.0f draws/s  (%.2fx; %.0f draws/s per core)\n", t2,
           (double)full / t2, t1 / t2, (double)full / t2 / 2);
    printf("  identical summaries: %s\n", same(a, b) ? "yes" : "NO");
    pl_stress_free(a), pl_stress_free(b);

    unsigned cheap = (1u << PL_MODEL_MEAN) | (1u << PL_MODEL_MEDIAN);
    uint64_t sizes[3] = {10000, longrun / 5, longrun};
    double rss[3];
    printf("memory, forecast (mean, median), 2 threads; peak RSS of the process so far:\n");
    for (int k = 0; k < 3; k++) {
        double secs;
        pl_stress *c = run(s, sizes[k], 2, PL_STRESS_FORECAST, cheap, &secs);
        rss[k] = peak_mb();
        size_t M = pl_stress_n_metrics(c);
        printf("  %8llu draws: %6.2f s, peak RSS %6.1f MB (every value kept would be %.0f MB)\n",
               (unsigned long long)sizes[k], secs, rss[k],
               (double)sizes[k] * (double)M * 8 / 1048576.0);
        pl_stress_free(c);
    }
    printf("  %llu vs %llu draws: %.2fx the memory for %.0fx the draws\n",
           (unsigned long long)sizes[2], (unsigned long long)sizes[1], rss[2] / rss[1],
           (double)sizes[2] / (double)sizes[1]);
    pl_scenario_free(s);
    return 0;
}
