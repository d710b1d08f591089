/* SPDX-License-Identifier: MIT */
/*
** bench/serve.c: parley serve's change-to-result time on the server side,
** what the page waits for after moving a slider (issue 22's goal: the built-in
** scenario within 100 ms): POST /api/run through the request handler
** (pl__serve_handle, no sockets) with one change that differs every time
** (Russia's territory salience over its range), the page's analyses (forecast,
** settle, durability, claims without draws or break-even, power when served). Baseline in the
** same process: loading the scenario with that change alone, the part of the
** time no analysis needs. Prints wall and CPU per request, median and p99.
**   bench_serve [REQUESTS]   (default 200)
*/
#include "serve/serve_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench_util.h"

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void report(const char *what, double *ms, int n, double cpu)
{
    qsort(ms, (size_t)n, sizeof *ms, cmp);
    double sum = 0;
    for (int i = 0; i < n; i++)
        sum += ms[i];
    printf("  %-44s wall median %8.2f ms  p99 %8.2f ms  mean %8.2f ms  CPU/request %8.2f ms\n",
           what, ms[n / 2], ms[(n * 99) / 100 < n ? (n * 99) / 100 : n - 1], sum / n, cpu / n * 1e3);
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 200;
    if (n < 1)
        n = 1;
    pl__serve_ctx c;
    pl_serve_opts o = PL_SERVE_OPTS_INIT;
    if (pl__serve_ctx_init(&c, &o, NULL) != PL_OK)
        return 1;
    double *ms = malloc((size_t)n * sizeof *ms), *base = malloc((size_t)n * sizeof *base);
    if (!ms || !base)
        return 1;
    char body[256], change[96];
    double cpu0 = bench_cpu(), cpu_run = 0, cpu_load = 0;
    for (int i = 0; i < n; i++) {
        double sal = 0.22 + 0.10 * (i % 11) / 10.0;  /* 0.22 .. 0.32, RUS TERR's range */
        snprintf(body, sizeof body, "{\"set\": [[\"positions.RUS.TERR.salience\", %.3f]], "
                 "\"options\": {\"draws\": 0, \"breakeven\": false}}", sal);
        pl__serve_resp r;
        double t0 = bench_now(), c0 = bench_cpu();
        pl__serve_handle(&c, "POST", "/api/run", body, strlen(body), &r);
        ms[i] = (bench_now() - t0) * 1e3;
        cpu_run += bench_cpu() - c0;
        if (r.status != 200) {
            fprintf(stderr, "bench_serve: HTTP %d: %s\n", r.status, r.body.buf);
            return 1;
        }
        pl__serve_resp_free(&r);
        /* the baseline: the scenario loaded with the change, nothing run */
        snprintf(change, sizeof change, "positions.RUS.TERR.salience=%.3f", sal);
        const char *changes[] = {change};
        pl_load_opts lo = PL_LOAD_OPTS_INIT;
        lo.changes = changes;
        lo.n_changes = 1;
        pl_scenario *s = NULL;
        t0 = bench_now(), c0 = bench_cpu();
        if (pl_scenario_load_buffer(&s, c.text, c.len, c.name, &lo, NULL) != PL_OK)
            return 1;
        base[i] = (bench_now() - t0) * 1e3;
        cpu_load += bench_cpu() - c0;
        pl_scenario_free(s);
    }
    printf("parley serve, built-in scenario, %d requests, one change each (goal: 100 ms per "
           "change)\n", n);
    report("POST /api/run (the page's analyses)", ms, n, cpu_run);
    report("baseline: load with the change only", base, n, cpu_load);
    printf("  total CPU %.2f s\n", bench_cpu() - cpu0);
    pl__serve_ctx_free(&c);
    free(ms), free(base);
    return 0;
}
