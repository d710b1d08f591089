/* SPDX-License-Identifier: MIT */
/*
** load.c: benchmark scenario loading at scale. Generates a scenario of
** N actors x K issues (default 10,000 x 100, one million positions), then
** times, in this process:
**   baseline  libfyaml's event parser alone over the same text (no tree, no checks)
**   load      pl_scenario_load_buffer: tree, schema, every validation
** and prints both (CPU seconds from getrusage beside wall seconds), their
** ratio (the cost of our checks over the parse) and the peak memory. A
** separate line times the closed-form forecast models (mean, median, NBS;
** exactly those are run) on the loaded scenario; the iterative models (EUM,
** exchange) have their own benches. Nothing is asserted.
**   bench/load [ACTORS ISSUES]
*/
#include "parley/parley.h"
#include "bench_util.h"

#include <libfyaml.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

static void put(buf *b, const char *s)
{
    size_t n = strlen(s);
    if (b->len + n + 1 > b->cap) {
        b->cap = 2 * (b->len + n + 1);
        b->p = realloc(b->p, b->cap);
        if (!b->p) {
            fprintf(stderr, "out of memory\n");
            exit(1);
        }
    }
    memcpy(b->p + b->len, s, n + 1);
    b->len += n;
}

/* Deterministic pseudo-random numbers (xorshift64*): same scenario every run. */
static double unit(unsigned long long *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return (double)((*s * 2685821657736338717ull) >> 11) / 9007199254740992.0;
}

static void generate(buf *b, int n, int k)
{
    char line[128];
    unsigned long long seed = 42;
    put(b, "parley: 1\nname: bench\nactors:\n");
    for (int i = 0; i < n; i++) {
        snprintf(line, sizeof line, "  - {id: A%d, capability: %.3f}\n", i, 1 + 99 * unit(&seed));
        put(b, line);
    }
    put(b, "issues:\n");
    for (int j = 0; j < k; j++) {
        snprintf(line, sizeof line, "  - {id: I%d, scale: {0: low, 100: high}, status_quo: 50}\n", j);
        put(b, line);
    }
    put(b, "positions:\n");
    for (int i = 0; i < n; i++) {
        snprintf(line, sizeof line, "  A%d:\n", i);
        put(b, line);
        for (int j = 0; j < k; j++) {
            snprintf(line, sizeof line, "    I%d: {position: %.2f, salience: %.3f}\n", j,
                     100 * unit(&seed), 0.01 + 0.99 * unit(&seed));
            put(b, line);
        }
    }
}

static double parse_only(const buf *b, double *cpu_s)
{
    double t0 = bench_now(), c0 = bench_cpu();
    struct fy_parse_cfg cfg = {0};
    cfg.flags = FYPCF_QUIET;
    struct fy_parser *p = fy_parser_create(&cfg);
    fy_parser_set_string(p, b->p, b->len);
    struct fy_event *ev;
    size_t events = 0;
    while ((ev = fy_parser_parse(p)) != NULL) {
        events++;
        fy_parser_event_free(p, ev);
    }
    fy_parser_destroy(p);
    *cpu_s = bench_cpu() - c0;
    return bench_now() - t0 + 0 * (double)events;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 10000, k = argc > 2 ? atoi(argv[2]) : 100;
    if (n < 2 || k < 1) {
        fprintf(stderr, "usage: load [ACTORS>=2 ISSUES>=1]\n");
        return 2;
    }
    buf b = {NULL, 0, 0};
    generate(&b, n, k);
    printf("scenario: %d actors x %d issues, %.1f MB of YAML\n", n, k, (double)b.len / 1e6);
    double base_cpu, base = parse_only(&b, &base_cpu);
    double t0 = bench_now(), c0 = bench_cpu();
    pl_scenario *s = NULL;
    pl_error err;
    int rc = pl_scenario_load_buffer(&s, b.p, b.len, "bench.yaml", NULL, &err);
    double load = bench_now() - t0, load_cpu = bench_cpu() - c0;
    if (rc) {
        fprintf(stderr, "%s:%d:%d: %s\n", err.file, err.line, err.col, err.msg);
        return 1;
    }
    t0 = bench_now();
    c0 = bench_cpu();
    pl_forecast *f = NULL;
    pl_forecast_opts fo = PL_FORECAST_OPTS_INIT;
    fo.models = 1u << PL_MODEL_MEAN | 1u << PL_MODEL_MEDIAN | 1u << PL_MODEL_NBS;
    pl_forecast_compute(&f, s, &fo, NULL);
    double fc = bench_now() - t0, fc_cpu = bench_cpu() - c0;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("baseline  libfyaml event parse only   %8.3f s CPU %8.3f s wall  (%.1f MB/s)\n",
           base_cpu, base, (double)b.len / 1e6 / base);
    printf("load      parse + tree + validation   %8.3f s CPU %8.3f s wall  (%.1f MB/s)\n",
           load_cpu, load, (double)b.len / 1e6 / load);
    printf("ratio     load / baseline (CPU)       %8.2f\n", load_cpu / base_cpu);
    printf("forecast  mean, median, NBS only, %d issues %8.3f s CPU %8.3f s wall\n", k, fc_cpu,
           fc);
    printf("peak RSS  %.1f MB (text buffer %.1f MB included)\n", (double)ru.ru_maxrss / 1024.0,
           (double)b.cap / 1e6);
    pl_forecast_free(f);
    pl_scenario_free(s);
    free(b.p);
    return 0;
}
