/* SPDX-License-Identifier: MIT */
/*
** eum.c: benchmark the Expected Utility Model, both presets, fast against
** naive in this process, on random scenarios of n actors, 10 rounds (no early
** stop: tol 0 and a cycle check that never fires on random data). default:
** sorted positions and prefix sums, O(n^2 log n) per round, against the O(n^3)
** sums (naive up to n = 1000). scholz_code: Scholz's probability from each
** voter's sorted distances and a table of prefix sums, O(n^2 log n) and up to
** n^2 powers (SLEEF's exp and log) per round, against the O(n^3) matrix (naive up to n = 300; from
** 1,000 on it takes tens of seconds) and against the earlier fast path, in
** which every receiver weighs every proposer (opts.naive = 2, up to n = 3,000;
** at 10,000 it would take minutes), and against the offer reach with Scholz's
** whole (n + 1) x n table (opts.naive = 3, the path before the table kept only
** checkpoint rows and a band; up to n = 3,000: at 10,000 it maps 800 MB); the
** fast run on THREADS threads too.
** Issue 21's goal for scholz_code, n = 10,000 in under 10 s CPU, is printed
** beside that row. All paths must end at the same positions (fast and naive
** to 1e-9 relative, absolute below 1: under scholz_code the naive matrix keeps
** glibc's pow and the fast path takes SLEEF's exp(r log y), which differ in the
** last bits; the earlier fast path, the whole table and threads: exactly); the
** benchmark stops otherwise.
** Times are CPU (getrusage, every thread) and wall seconds.
**   bench/eum [NMAX [THREADS]]   (default 10000 and 2)
*/
#include "parley/parley.h"
#include "bench_util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct timing {
    double cpu, wall;
} timing;

static timing timed(const double *x, const double *c, const double *s, size_t n,
                    const char *preset, int naive, int threads, pl_eum **out)
{
    pl_eum_opts o;
    pl_error err;
    pl_eum_preset(&o, preset, NULL);
    o.naive = naive;
    o.threads = threads;
    o.tol = 0;
    timing t = {bench_cpu(), bench_now()};
    if (pl_eum_run(out, x, c, s, n, &o, &err)) {
        fprintf(stderr, "bench: %s\n", err.msg);
        exit(1);
    }
    t.cpu = bench_cpu() - t.cpu;
    t.wall = bench_now() - t.wall;
    return t;
}

/* Stop the benchmark when two runs' final positions differ by more than tol relative
   (absolute below 1). */
static void same(const pl_eum *a, const pl_eum *b, double tol, const char *what)
{
    for (size_t i = 0; i < pl_eum_n_actors(a); i++) {
        double pa = pl_eum_position(a, pl_eum_n_rounds(a), i);
        double pb = pl_eum_position(b, pl_eum_n_rounds(b), i);
        if (fabs(pa - pb) > tol * fmax(1, fmax(fabs(pa), fabs(pb)))) {
            fprintf(stderr, "bench: %s disagree\n", what);
            exit(1);
        }
    }
}

static void row(const char *preset, size_t n, const timing *naive, const timing *fast,
                const timing *par, int threads, size_t rounds, const timing *earlier,
                const timing *full)
{
    printf("%-11s n = %-6zu %2zu rounds", preset, n, rounds);
    if (naive)
        printf("  naive %9.3f cpu %9.3f wall", naive->cpu, naive->wall);
    else
        printf("  naive %9s cpu %9s wall", "-", "-");
    printf("  fast %8.3f cpu %8.3f wall", fast->cpu, fast->wall);
    if (earlier)
        printf("  earlier %8.3f cpu (%.1fx)", earlier->cpu, earlier->cpu / fast->cpu);
    if (full)
        printf("  whole table %8.3f cpu (%.2fx)", full->cpu, full->cpu / fast->cpu);
    if (par)
        printf("  %d threads %8.3f cpu %8.3f wall", threads, par->cpu, par->wall);
    if (naive)
        printf("  naive/fast %.1fx cpu", naive->cpu / fast->cpu);
    if (strcmp(preset, "scholz_code") == 0 && n == 10000) /* issue 21's goal */
        printf("  goal < 10 s cpu: %s", fast->cpu < 10 ? "met" : "not met");
    printf("\n");
}

int main(int argc, char **argv)
{
    size_t nmax = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 10000;
    int threads = argc > 2 ? atoi(argv[2]) : 2;
    static const size_t sizes[] = {10, 100, 300, 1000, 3000, 10000};
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes && sizes[z] <= nmax; z++) {
        size_t n = sizes[z];
        double *x = malloc(n * sizeof *x), *c = malloc(n * sizeof *c), *s = malloc(n * sizeof *s);
        uint64_t seed = 88172645463325252u + n;
        for (size_t i = 0; i < n; i++) {
            x[i] = 100 * bench_unit(&seed);
            c[i] = bench_unit(&seed);
            s[i] = bench_unit(&seed);
        }
        for (int p = 0; p < 2; p++) {
            const char *preset = p ? "scholz_code" : "default";
            size_t naive_max = p ? 300 : 1000;
            pl_eum *f, *v = NULL, *t = NULL, *b = NULL, *w = NULL;
            timing tf = timed(x, c, s, n, preset, 0, 1, &f), tv = {0, 0}, tt = {0, 0};
            timing tb = {0, 0}, tw = {0, 0};
            if (n <= naive_max) {
                tv = timed(x, c, s, n, preset, 1, 1, &v);
                same(f, v, 1e-9, "fast and naive");
            }
            if (p && n <= 3000) { /* the earlier fast path: every proposer weighed */
                tb = timed(x, c, s, n, preset, 2, 1, &b);
                same(f, b, 0, "with and without the offer reach");
                tw = timed(x, c, s, n, preset, 3, 1, &w); /* the whole table */
                same(f, w, 0, "the kept and the whole table");
            }
            if (p && threads > 1) {
                tt = timed(x, c, s, n, preset, 0, threads, &t);
                same(f, t, 0, "1 and more threads");
            }
            row(preset, n, v ? &tv : NULL, &tf, t ? &tt : NULL, threads, pl_eum_n_rounds(f),
                b ? &tb : NULL, w ? &tw : NULL);
            pl_eum_free(b);
            pl_eum_free(w);
            pl_eum_free(f);
            pl_eum_free(v);
            pl_eum_free(t);
        }
        free(x);
        free(c);
        free(s);
    }
    return 0;
}
