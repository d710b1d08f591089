/* SPDX-License-Identifier: MIT */
/*
** exchange.c: benchmark the exchange model's fast path (pairs by side groups,
** a max-tree, only the candidates a trade touches re-sized) against a baseline
** in this process, checking that both make the same trades bit for bit: the
** naive path (every candidate re-sized after every trade) while n^2 K^2 <=
** 1.1e6, else issue 20's heap (the previous fast path) while n^2 K^2 <= 2e7,
** else none (named as such). Rows: Decide's sample_data and DEU III as one
** scenario (367 issues x 30 actors; both when SHARED_DIR is there, skipped
** otherwise), then generated scenarios of ACTORS x ISSUES, 10 rounds. Issue
** 21's goals are printed beside their rows: DEU III < 1 s, 100 x 100 < 10 s
** (CPU seconds, getrusage; wall beside).
**   bench/exchange [SHARED_DIR] [ACTORS ISSUES ...]   (default 30 30  50 20  30 60);
** first the built-in scenario per run (fast and naive interleaved, CPU us per run)
*/
#include "parley/parley.h"
#include "bench_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

typedef struct timing {
    double cpu, wall;
} timing;

static pl_exchange *run(size_t n, size_t K, const double *x, const double *s, const double *c,
                        const pl_scenario *sc, int path, timing *t)
{
    pl_exchange_opts o = PL_EXCHANGE_OPTS_INIT;
    pl_exchange *e = NULL;
    pl_error err;
    o.naive = path;
    double c0 = bench_cpu(), w0 = bench_now();
    int rc = sc ? pl_exchange_run_scenario(&e, sc, &o, &err)
                : pl_exchange_run(&e, n, K, x, s, c, &o, &err);
    t->cpu = bench_cpu() - c0;
    t->wall = bench_now() - w0;
    if (rc) {
        fprintf(stderr, "bench: %s\n", err.msg);
        exit(1);
    }
    return e;
}

/* Same trades, bit for bit? */
static int same(const pl_exchange *a, const pl_exchange *b)
{
    if (pl_exchange_n_trades(a) != pl_exchange_n_trades(b))
        return 0;
    for (size_t t = 0; t < pl_exchange_n_trades(a); t++)
        if (memcmp(pl_exchange_trade_at(a, t), pl_exchange_trade_at(b, t), sizeof(pl_exchange_trade)))
            return 0;
    return 1;
}

/* Fast against the baseline path (1 naive, 2 heap, 0 none); goal: CPU seconds, 0 none. */
static void compare(const char *what, size_t n, size_t K, const double *x, const double *s,
                    const double *c, const pl_scenario *sc, int baseline, double goal)
{
    static const char *name[] = {"", "naive", "heap"};
    timing f, v = {0, 0};
    pl_exchange *fast = run(n, K, x, s, c, sc, 0, &f);
    printf("%-26s %7zu exchanges  fast %8.3f s CPU %8.3f s wall", what,
           pl_exchange_n_trades(fast), f.cpu, f.wall);
    if (goal > 0)
        printf(" (goal < %g s: %s)", goal, f.cpu < goal ? "met" : "NOT met");
    fflush(stdout);
    if (baseline) {
        pl_exchange *base = run(n, K, x, s, c, sc, baseline, &v);
        int ok = same(fast, base);
        printf("  %s %8.3f s CPU %8.3f s wall  ratio %6.1f  %s", name[baseline], v.cpu, v.wall,
               v.cpu / (f.cpu > 0 ? f.cpu : 1e-9), ok ? "same trades" : "DIFFER");
        pl_exchange_free(base);
        if (!ok) {
            printf("\n");
            exit(1);
        }
    } else {
        printf("  baseline not run (naive and heap take minutes at this size)");
    }
    printf("\n");
    pl_exchange_free(fast);
}

/* The baseline a size allows (see the head of this file). */
static int baseline_for(size_t n, size_t K)
{
    double w = (double)n * n * K * K;
    return w <= 1.1e6 ? 1 : w <= 2e7 ? 2 : 0;
}

/*
** The built-in scenario, per run (what every `parley stress` draw pays): RUNS
** runs of the fast path and of the naive one, interleaved in blocks of 50 so
** that both see the same load; CPU microseconds per run. Goal (issue 21):
** <= 15 us.
*/
static void builtin_per_run(int runs)
{
    pl_scenario *s;
    pl_error err;
    if (pl_scenario_load_builtin(&s, NULL, NULL, &err) != PL_OK) {
        fprintf(stderr, "bench: %s\n", err.msg);
        exit(1);
    }
    double cpu[2] = {0, 0};
    pl_exchange *ref[2] = {NULL, NULL};
    for (int done = 0; done < runs; done += 50)
        for (int path = 0; path < 2; path++) {
            double c0 = bench_cpu(); /* the block, not each run: getrusage's resolution */
            for (int r = 0; r < 50; r++) {
                timing t;
                pl_exchange *e = run(0, 0, NULL, NULL, NULL, s, path, &t);
                if (!ref[path])
                    ref[path] = e;
                else
                    pl_exchange_free(e);
            }
            cpu[path] += bench_cpu() - c0;
        }
    int ok = same(ref[0], ref[1]);
    double per = 1e6 * cpu[0] / runs, base = 1e6 * cpu[1] / runs;
    /* the actors that trade: those at the table (pl_exchange_run_scenario), as in a draw */
    printf("built-in %zu x %zu, per run   %7zu exchanges  fast %8.2f us CPU (goal <= 15 us: %s)"
           "  naive %8.2f us CPU  ratio %6.1f  %s\n", pl_exchange_n_actors(ref[0]),
           pl_scenario_n_issues(s), pl_exchange_n_trades(ref[0]), per, per <= 15 ? "met" : "NOT met",
           base, base / (per > 0 ? per : 1e-9), ok ? "same trades" : "DIFFER");
    pl_exchange_free(ref[0]);
    pl_exchange_free(ref[1]);
    pl_scenario_free(s);
    if (!ok)
        exit(1);
}

static void generated(size_t n, size_t K)
{
    double *x = malloc(n * K * sizeof *x), *sal = malloc(n * K * sizeof *sal);
    double *c = malloc(n * K * sizeof *c);
    if (!x || !sal || !c) {
        fprintf(stderr, "bench: out of memory\n");
        exit(1);
    }
    uint64_t seed = 2463534242u;
    for (size_t a = 0; a < n; a++) {
        double cap = bench_unit(&seed);
        for (size_t k = 0; k < K; k++) {
            x[a * K + k] = 100 * bench_unit(&seed);
            sal[a * K + k] = bench_unit(&seed);
            c[a * K + k] = cap;
        }
    }
    char what[64];
    snprintf(what, sizeof what, "generated %zu x %zu", n, K);
    compare(what, n, K, x, sal, c, NULL, baseline_for(n, K), n == 100 && K == 100 ? 10 : 0);
    free(x);
    free(sal);
    free(c);
}

int main(int argc, char **argv)
{
    const char *shared = argc > 1 ? argv[1] : "../shared";
    char path[1024];
    pl_error err;
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("exchange model, 10 rounds, fast path vs a baseline (naive or issue 20's heap), "
           "same process\n");
    builtin_per_run(2000);
    snprintf(path, sizeof path, "%s/data/decide/sample_data.txt", shared);
    pl_scenario *s;
    if (pl_import_file(&s, NULL, path, PL_IMPORT_DECIDE, NULL, &err) == PL_OK) {
        compare("sample_data 10 x 6", 0, 0, NULL, NULL, NULL, s, 1, 0);
        pl_scenario_free(s);
    } else {
        printf("sample_data: skipped (%s)\n", err.msg);
    }
    snprintf(path, sizeof path, "%s/deu3/deu3.csv", shared);
    if (pl_import_file(&s, NULL, path, PL_IMPORT_DEU, NULL, &err) == PL_OK) {
        char what[64];
        snprintf(what, sizeof what, "DEU III %zu x %zu", pl_scenario_n_issues(s),
                 pl_scenario_n_actors(s));
        compare(what, 0, 0, NULL, NULL, NULL, s, 2, 1);
        pl_scenario_free(s);
    } else {
        printf("DEU III as one scenario: skipped (%s)\n", err.msg);
    }
    if (argc > 3) {
        for (int a = 2; a + 1 < argc; a += 2)
            generated((size_t)atoi(argv[a]), (size_t)atoi(argv[a + 1]));
    } else {
        generated(30, 30);
        generated(50, 20);
        generated(30, 60);
    }
    return 0;
}
