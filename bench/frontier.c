/* SPDX-License-Identifier: MIT */
/*
** bench/frontier.c: Pareto frontiers of three and more parties by the
** issue-by-issue merge (MODELS.md sec. 7), divide and conquer (the default,
** skyline.c) against the sort-filter skyline it replaced (method
** PL_FRONTIER_SORT, the baseline) in the same process, on the rows of issue 21:
**  1. 3 parties x 20 issues x 10 options: uniform utilities, and "scale"
**     utilities as parley settle makes them (salience x (1 - |position -
**     option| / 100), options 0, 10, ..., 90), which keep more packages;
**  2. the built-in scenario's 4 parties at --step 5 (21^6 packages);
**  3. 4 parties x 20 issues x 10 options ("scale"): large (here about 1.6
**     million packages, a minute of CPU and 0.6 GB; other draws of such a
**     space are refused at once with the estimate), against the baseline's
**     own refusal.
** Each line: CPU seconds (getrusage) and wall seconds, the frontier size (or
** the refusal), and whether both methods agree. Peak RSS is the process's.
**   bench_frontier
*/
#include "parley/parley.h"
#include "bench_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_K 32

static double rss_mb(void)
{
    struct rusage r;
    getrusage(RUSAGE_SELF, &r);
    return (double)r.ru_maxrss / 1024;
}

/* n parties x K issues x 10 options; scale: settle's linear utilities, else uniform / K. */
static pl_space *space(size_t n, size_t K, int scale, uint64_t seed)
{
    size_t m[MAX_K];
    for (size_t k = 0; k < K; k++)
        m[k] = 10;
    pl_space *sp;
    if (K > MAX_K || pl_space_new(&sp, n, K, m, NULL))
        exit(1);
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < K; k++) {
            double pos = (double)(bench_next(&seed) % 101);
            double sal = (double)(1 + bench_next(&seed) % 9) / (10.0 * (double)K);
            for (size_t v = 0; v < 10; v++) {
                double x = scale ? sal * (1 - fabs(pos - 10.0 * (double)v) / 100)
                                 : bench_unit(&seed) / (double)K;
                pl_space_set(sp, i, k, v, x);
            }
        }
    return sp;
}

typedef struct run {
    double cpu, wall;
    int rc;
    pl_frontier *f;
    pl_error err;
} run;

static run merge(const pl_space *sp, pl_frontier_method method)
{
    run r = {0, 0, 0, NULL, {0}};
    pl_frontier_opts o = PL_FRONTIER_OPTS_INIT;
    o.method = method;
    double c0 = bench_cpu(), w0 = bench_now();
    r.rc = pl_frontier_merge(&r.f, sp, &o, &r.err);
    r.cpu = bench_cpu() - c0, r.wall = bench_now() - w0;
    return r;
}

static int same(const run *a, const run *b)
{
    if (a->rc || b->rc)
        return 0;
    size_t n = pl_frontier_n_parties(a->f), N = pl_frontier_size(a->f);
    if (N != pl_frontier_size(b->f))
        return 0;
    for (size_t j = 0; j < N; j++)
        for (size_t i = 0; i < n; i++)
            if (pl_frontier_utility(a->f, j, i) != pl_frontier_utility(b->f, j, i))
                return 0;
    return 1;
}

static void show(const char *what, const char *method, const run *r)
{
    if (r->rc)
        printf("%-34s %-14s cpu %8.3f s wall %8.3f s  refused: %s\n", what, method, r->cpu,
               r->wall, r->err.msg);
    else
        printf("%-34s %-14s cpu %8.3f s wall %8.3f s  frontier %zu  rss %.0f MB\n", what,
               method, r->cpu, r->wall, pl_frontier_size(r->f), rss_mb());
}

static void compare(const char *what, const pl_space *sp)
{
    run a = merge(sp, PL_FRONTIER_AUTO);
    show(what, "divide+conquer", &a);
    run b = merge(sp, PL_FRONTIER_SORT);
    show(what, "sort-filter", &b);
    if (!a.rc && !b.rc)
        printf("%-34s same frontier: %s; cpu ratio %.1f\n", what, same(&a, &b) ? "yes" : "NO",
               b.cpu / (a.cpu > 0 ? a.cpu : 1e-9));
    pl_frontier_free(a.f), pl_frontier_free(b.f);
}

static void builtin_step5(void)
{
    pl_scenario *s;
    pl_error err;
    if (pl_scenario_load_builtin(&s, NULL, NULL, &err)) {
        printf("built-in: %s\n", err.msg);
        return;
    }
    pl_settle_opts so = PL_SETTLE_OPTS_INIT;
    so.step = 5, so.max_enumerate = 0, so.logrolls = 0;
    pl_settlement *st;
    double c0 = bench_cpu(), w0 = bench_now();
    if (pl_settle_compute(&st, s, &so, &err)) {
        printf("built-in --step 5: %s\n", err.msg);
    } else {
        printf("%-34s %-14s cpu %8.3f s wall %8.3f s  (whole settlement, no win-set walk)\n",
               "built-in, 4 parties, --step 5", "settle", bench_cpu() - c0, bench_now() - w0);
        compare("built-in, 4 parties, --step 5", pl_settle_space(st));
        pl_settle_free(st);
    }
    pl_scenario_free(s);
}

int main(void)
{
    pl_space *sp = space(3, 20, 0, 20);
    compare("3 x 20 x 10, uniform", sp);
    pl_space_free(sp);
    sp = space(3, 20, 1, 21);
    compare("3 x 20 x 10, scale", sp);
    pl_space_free(sp);
    builtin_step5();
    sp = space(4, 20, 1, 41);
    compare("4 x 20 x 10, scale", sp);
    pl_space_free(sp);
    return 0;
}
