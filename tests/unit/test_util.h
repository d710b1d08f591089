/* SPDX-License-Identifier: MIT */
/*
** test_util.h: helpers shared by the cmocka unit tests.
*/
#ifndef PL_TEST_UTIL_H
#define PL_TEST_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parley/parley.h"

#define assert_near(a, b, tol)                                                               \
    do {                                                                                    \
        double a_ = (a), b_ = (b);                                                          \
        if (!(fabs(a_ - b_) <= (tol)))                                                      \
            fail_msg("%s = %.12g, expected %.12g (tol %g)", #a, a_, b_, (double)(tol));     \
    } while (0)

/* An emitter's output gathered in memory (data NUL-terminated; free(data) when done). */
typedef struct test_sink {
    char *data;
    size_t len, cap;
} test_sink;

static inline int test_sink_write(const char *d, size_t n, void *payload)
{
    test_sink *k = (test_sink *)payload;
    if (k->len + n + 1 > k->cap) {
        size_t cap = 2 * (k->len + n + 1);
        char *nb = (char *)realloc(k->data, cap);
        if (!nb)
            return -1;
        k->data = nb, k->cap = cap;
    }
    memcpy(k->data + k->len, d, n);
    k->len += n;
    k->data[k->len] = '\0';
    return 0;
}

/* s described as JSON (pl_scenario_emit), malloc'd: two scenarios compare equal by it. */
static inline char *test_scenario_json(const pl_scenario *s)
{
    test_sink k = {NULL, 0, 0};
    pl_emitter *e;
    assert_int_equal(pl_emitter_new(&e, PL_FORMAT_JSON, test_sink_write, &k, NULL, NULL), PL_OK);
    pl_emit_object_begin(e, NULL, NULL);
    pl_scenario_emit(s, e);
    pl_emit_object_end(e);
    assert_int_equal(pl_emitter_finish(e, NULL), PL_OK);
    pl_emitter_free(e);
    return k.data;
}

/* The YAML an importer wrote (freed here) loads back to the same scenario as s. */
static inline void test_round_trip(const pl_scenario *s, char *yaml)
{
    pl_scenario *back;
    pl_error err;
    if (pl_scenario_load_buffer(&back, yaml, strlen(yaml), "back.yaml", NULL, &err))
        fail_msg("the written YAML does not load: %d:%d: %s", err.line, err.col, err.msg);
    char *a = test_scenario_json(s), *b = test_scenario_json(back);
    assert_string_equal(a, b);
    free(a);
    free(b);
    free(yaml);
    pl_scenario_free(back);
}

/* Skip the test (with a message) when a file of ../shared is absent, as in a fresh clone. */
static inline void test_need_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f) {
        fclose(f);
        return;
    }
    print_message("SKIP: %s not found (../shared is absent)\n", path);
    skip();
}

/* The source tree's file rel (e.g. "tests/scenarios/nodeal.yaml") into buf, NUL-terminated;
   its length. The test fails when it cannot be read or does not fit. */
static inline size_t test_read_source(const char *rel, char *buf, size_t size)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", PL_SOURCE_DIR, rel);
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot read %s", path);
    size_t n = fread(buf, 1, size - 1, f);
    int more = fgetc(f) != EOF;
    fclose(f);
    if (more)
        fail_msg("%s is larger than %zu bytes", path, size - 1);
    buf[n] = '\0';
    return n;
}

/* The built-in scenario, or the test fails with the reader's message. */
static inline pl_scenario *test_builtin(void)
{
    pl_scenario *s = NULL;
    pl_error err;
    if (pl_scenario_load_builtin(&s, NULL, NULL, &err) != PL_OK)
        fail_msg("%s", err.msg);
    return s;
}

/* Import GENIUS files (domain, then profiles) and settle them without logrolls. */
static inline pl_settlement *test_settle_genius(size_t n_files, const char *const *paths,
                                               double max_enumerate, pl_scenario **s)
{
    pl_error err;
    if (pl_import_genius_files(s, NULL, n_files, paths, NULL, &err) != PL_OK)
        fail_msg("%s: %s", paths[0], err.msg);
    pl_settle_opts o = PL_SETTLE_OPTS_INIT;
    o.logrolls = 0;
    o.max_enumerate = max_enumerate;
    pl_settlement *st = NULL;
    if (pl_settle_compute(&st, *s, &o, &err) != PL_OK)
        fail_msg("%s", err.msg);
    return st;
}

/* SplitMix64 (Steele, Lea & Flood 2014): a tiny deterministic generator for random cases. */
static inline uint64_t test_mix(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* Uniform in [0, 1) from test_mix. */
static inline double test_unif(uint64_t *s) { return (double)(test_mix(s) >> 11) * 0x1p-53; }

#endif
