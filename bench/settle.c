/* SPDX-License-Identifier: MIT */
/*
** bench/settle.c: Pareto frontiers (MODELS.md sec. 7), each against a
** baseline run in the same process:
**  1. two parties, N explicit random points (independent and anti-correlated
**     utilities): sort-and-sweep vs streaming on 1 and 2 threads;
**  2. additive spaces, two parties: the issue-by-issue merge on 10 issues x
**     100 options (10^20 packages), and on 4 x 100 (10^8) against streaming
**     enumeration of every package;
**  3. the Party domain (GENIUS, 3,072 packages) with 2..9 parties: the whole
**     settlement (merge, solutions, win-set counts) vs enumerating the frontier
**     (skipped when ../shared is absent).
** Every pair of methods must give the same frontier size; peak RSS is the
** process's so far. Times are CPU seconds (getrusage, every thread) and, for
** the methods with threads, wall seconds too. The explicit points are made and
** filtered half a million at a time (the running frontier joined with each
** new chunk), so 10^8 points never sit in memory at once.
**   bench_settle [MAX_POINTS] [SHARED_DIR]     (default 1e8, ../shared)
*/
#include "parley/parley.h"
#include "bench_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

static double rss_mb(void)
{
    struct rusage r;
    getrusage(RUSAGE_SELF, &r);
    return (double)r.ru_maxrss / 1024;
}

typedef struct timing {
    double wall, cpu;
} timing;

static timing now(void) { return (timing){bench_now(), bench_cpu()}; }

static void add_since(timing *t, timing t0)
{
    t->wall += bench_now() - t0.wall;
    t->cpu += bench_cpu() - t0.cpu;
}

#define CHUNK ((size_t)500000)

/* Point j of the stream (independent or anti-correlated utilities), into p. */
static void make_point(uint64_t *s, int anti, double *p)
{
    p[0] = bench_unit(s);
    p[1] = anti ? 1 - p[0] - 0.01 * bench_unit(s) : bench_unit(s);
}

/*
** The frontier of N points made CHUNK at a time: each chunk joins the running
** frontier and the two are filtered by method m. Only the filtering is timed.
*/
static timing run_points(size_t N, int anti, pl_frontier_method m, int threads, size_t *size)
{
    pl_frontier_opts o = PL_FRONTIER_OPTS_INIT;
    o.method = m;
    o.threads = threads;
    uint64_t s = 0x9e3779b97f4a7c15u + N;
    timing t = {0, 0};
    size_t F = 0;
    double *u = NULL;
    for (size_t done = 0; done < N;) {
        size_t c = N - done < CHUNK ? N - done : CHUNK;
        double *grown = realloc(u, 2 * (F + c) * sizeof *u);
        pl_frontier *f;
        if (!grown) {
            fprintf(stderr, "bench_settle: out of memory\n");
            exit(1);
        }
        u = grown;
        for (size_t j = 0; j < c; j++)
            make_point(&s, anti, u + 2 * (F + j));
        timing t0 = now();
        if (pl_frontier_points(&f, 2, F + c, u, &o, NULL) != PL_OK) {
            fprintf(stderr, "bench_settle: out of memory\n");
            exit(1);
        }
        F = pl_frontier_size(f);
        for (size_t j = 0; j < F; j++)
            u[2 * j] = pl_frontier_utility(f, j, 0), u[2 * j + 1] = pl_frontier_utility(f, j, 1);
        add_since(&t, t0);
        pl_frontier_free(f);
        done += c;
    }
    free(u);
    *size = F;
    return t;
}

static void points(size_t max)
{
    printf("%-14s %11s %9s %9s %9s %9s %9s %8s %8s\n", "points", "N", "frontier", "sort_cpu",
           "st1_cpu", "st2_cpu", "st2_wall", "sort/st2", "rss_MB");
    for (int anti = 0; anti < 2; anti++)
        for (size_t N = 1000000; N <= max; N *= 10) {
            size_t f1, f2, f3;
            timing ts = run_points(N, anti, PL_FRONTIER_SORT, 1, &f1);
            timing t1 = run_points(N, anti, PL_FRONTIER_STREAM, 1, &f2);
            timing t2 = run_points(N, anti, PL_FRONTIER_STREAM, 2, &f3);
            printf("%-14s %11zu %9zu %9.3f %9.3f %9.3f %9.3f %8.1f %8.0f%s\n",
                   anti ? "anticorrelated" : "independent", N, f1, ts.cpu, t1.cpu, t2.cpu,
                   t2.wall, ts.cpu / t2.cpu, rss_mb(),
                   f1 == f2 && f2 == f3 ? "" : "  MISMATCH");
            if (anti && N >= 10000000)
                break;  /* large frontiers: the streaming staircase is O(N F) here */
        }
}

static pl_space *random_space(size_t K, size_t m, uint64_t seed)
{
    size_t ms[16];
    for (size_t k = 0; k < K; k++)
        ms[k] = m;
    pl_space *sp;
    if (pl_space_new(&sp, 2, K, ms, NULL))
        exit(1);
    for (size_t i = 0; i < 2; i++)
        for (size_t k = 0; k < K; k++)
            for (size_t v = 0; v < m; v++)
                pl_space_set(sp, i, k, v, bench_unit(&seed) / (double)K);
    return sp;
}

static void additive(void)
{
    pl_frontier *f, *g;
    pl_space *sp = random_space(10, 100, 77);
    timing tm = {0, 0}, t0 = now();
    pl_frontier_merge(&f, sp, NULL, NULL);
    add_since(&tm, t0);
    printf("additive 10 x 100 (%.0e packages): merge cpu %.2e s, frontier %zu, rss %.0f MB\n",
           pl_space_size(sp), tm.cpu, pl_frontier_size(f), rss_mb());
    pl_frontier_free(f);
    pl_space_free(sp);
    sp = random_space(4, 100, 78);
    tm = (timing){0, 0}, t0 = now();
    pl_frontier_merge(&f, sp, NULL, NULL);
    add_since(&tm, t0);
    for (int th = 1; th <= 2; th++) {
        pl_frontier_opts o = PL_FRONTIER_OPTS_INIT;
        timing te = {0, 0};
        o.threads = th;
        t0 = now();
        pl_frontier_enumerate(&g, sp, &o, NULL);
        add_since(&te, t0);
        printf("additive 4 x 100 (%.0e packages): merge cpu %.2e s, enumerate (%d thread%s) "
               "cpu %.3f s wall %.3f s, cpu ratio %.0f, frontier %zu%s\n", pl_space_size(sp),
               tm.cpu, th, th > 1 ? "s" : "", te.cpu, te.wall, te.cpu / tm.cpu,
               pl_frontier_size(f), pl_frontier_size(f) == pl_frontier_size(g) ? "" : "  MISMATCH");
        pl_frontier_free(g);
    }
    pl_frontier_free(f);
    pl_space_free(sp);
}

static void party_domain(const char *shared)
{
    char *paths[10], buf[10][512];
    snprintf(buf[0], sizeof buf[0], "%s/data/genius/partydomain/party_domain.xml", shared);
    paths[0] = buf[0];
    for (int p = 1; p <= 9; p++) {
        snprintf(buf[p], sizeof buf[p], "%s/data/genius/partydomain/party%d_utility.xml",
                 shared, p);
        paths[p] = buf[p];
    }
    printf("%-8s %9s %12s %15s %8s %8s\n", "parties", "frontier", "settle_cpu_s",
           "enumerate_cpu_s", "ratio", "rss_MB");
    for (size_t m = 2; m <= 9; m++) {
        pl_scenario *s;
        pl_error err;
        if (pl_import_genius_files(&s, NULL, m + 1, (const char *const *)paths, NULL, &err)) {
            printf("party domain: %s (skipped)\n", err.msg);
            return;
        }
        pl_settle_opts so = PL_SETTLE_OPTS_INIT;
        so.max_enumerate = 0;
        so.logrolls = 0;
        pl_settlement *st;
        timing tm = {0, 0}, te = {0, 0}, t0 = now();
        if (pl_settle_compute(&st, s, &so, &err)) {
            printf("party domain: %s\n", err.msg);
            pl_scenario_free(s);
            return;
        }
        add_since(&tm, t0);
        pl_frontier *g;
        t0 = now();
        pl_frontier_enumerate(&g, pl_settle_space(st), NULL, NULL);
        add_since(&te, t0);
        size_t fs = pl_frontier_size(pl_settle_frontier(st));
        printf("%-8zu %9zu %12.4f %15.4f %8.1f %8.0f%s\n", m, fs, tm.cpu, te.cpu, te.cpu / tm.cpu,
               rss_mb(),
               fs == pl_frontier_size(g) ? "" : "  MISMATCH");
        pl_frontier_free(g);
        pl_settle_free(st);
        pl_scenario_free(s);
    }
}

int main(int argc, char **argv)
{
    size_t max = argc > 1 ? (size_t)strtod(argv[1], NULL) : 100000000;
    const char *shared = argc > 2 ? argv[2] : "../shared";
    points(max);
    additive();
    party_domain(shared);
    return 0;
}
