/* SPDX-License-Identifier: MIT */
/*
** test_skyline.c: the divide-and-conquer skyline (src/settle/skyline.c)
** against the sort-filter skyline it replaces for three or more parties
** (pl__nd), which test_settle.c checks against the naive O(N^2) filter:
** the same kept points, in the same order, on random point sets (uniform,
** coarse grids with exact ties, sums that tie on paper but not in doubles,
** anti-correlated sets where most points are efficient), and the same
** frontiers from the issue-by-issue merge on random spaces.
*/
#include "tests/unit/test_util.h"
#include "settle/settle_impl.h"

/* One coordinate of kind `kind`: 0 uniform, 1 a grid of 1/7 (exact ties), 2 a sum of three
   tenths in a random order (equal on paper, a rounding apart in doubles), 3 anti-correlated
   with the first coordinate (set by the caller). */
static double coordinate(uint64_t *s, int kind)
{
    if (kind == 1)
        return (double)(test_mix(s) % 12) / 7;
    if (kind == 2) {
        double a = (double)(test_mix(s) % 4) / 10, b = (double)(test_mix(s) % 4) / 10;
        double c = (double)(test_mix(s) % 4) / 10;
        return test_mix(s) % 2 ? (a + b) + c : (c + b) + a;
    }
    return test_unif(s);
}

static double *points(uint64_t *s, size_t n, size_t N, int kind)
{
    double *u = malloc(N * n * sizeof *u);
    assert_non_null(u);
    for (size_t j = 0; j < N; j++) {
        for (size_t i = 0; i < n; i++)
            u[j * n + i] = coordinate(s, kind == 3 ? 0 : kind);
        if (kind == 3) /* sum close to constant: most points efficient */
            u[j * n + n - 1] = (double)n - u[j * n] - u[j * n + 1] - 0.01 * test_unif(s);
    }
    return u;
}

/* 320 random sets, d = 3..6, up to 3,000 points: the skyline answers (ranks stand for the
   tolerance on every one of these) and keeps exactly what pl__nd keeps. */
static void test_points_equal_nd(void **state)
{
    (void)state;
    uint64_t seed = 2026;
    for (int rep = 0; rep < 320; rep++) {
        size_t n = 3 + (size_t)rep % 4, N = 1 + test_mix(&seed) % (rep % 5 ? 400 : 3000);
        double *u = points(&seed, n, N, rep % 4);
        size_t *a = malloc(N * sizeof *a), *b = malloc(N * sizeof *b), na = 0, nb = 0;
        assert_true(a && b);
        assert_int_equal(pl__nd(n, N, u, a, &na, NULL), PL_OK);
        assert_int_equal(pl__skyline(n, N, u, b, &nb), PL_OK);
        assert_int_equal(na, nb);
        for (size_t j = 0; j < na; j++)
            assert_int_equal(a[j], b[j]);
        free(a), free(b), free(u);
    }
}

/* Values spaced about the tolerance apart: a chain 0, 0.9e-12, 1.8e-12 is no tight cluster
   (its ends differ by more than the tolerance, its neighbours by less), so ranks cannot stand
   for the tolerance and the skyline declines; fewer than 3 parties too. */
static void test_declines(void **state)
{
    (void)state;
    double u[] = {0, 1, 1, 0.9e-12, 1, 1, 1.8e-12, 1, 1};
    size_t keep[3], nk = 9;
    assert_int_equal(pl__skyline(3, 3, u, keep, &nk), PL__SKY_UNSURE);
    assert_int_equal(pl__skyline(2, 3, u, keep, &nk), PL__SKY_UNSURE);
    /* 1e-13 apart is rounding-sized: one rank; (1, 1, 1) and its near copies all kept */
    double v[] = {1, 1, 1, 1 + 1e-13, 1, 1, 0.5, 0.5, 2};
    assert_int_equal(pl__skyline(3, 3, v, keep, &nk), PL_OK);
    assert_int_equal(nk, 3);
}

/* 200 random spaces, 3-5 parties: the merge's frontier (sizes at every step, utilities and
   packages) is the same by divide and conquer (method AUTO) as by the sort-filter skyline
   (method SORT, the former method). */
static void test_merge_equal(void **state)
{
    (void)state;
    uint64_t seed = 7;
    for (int rep = 0; rep < 200; rep++) {
        size_t n = 3 + (size_t)rep % 3, K = 1 + test_mix(&seed) % 7, m[8];
        int kind = rep % 3; /* uniform, grid, sums of tenths */
        for (size_t k = 0; k < K; k++)
            m[k] = 1 + test_mix(&seed) % 6;
        pl_space *sp;
        assert_int_equal(pl_space_new(&sp, n, K, m, NULL), PL_OK);
        for (size_t i = 0; i < n; i++)
            for (size_t k = 0; k < K; k++)
                for (size_t v = 0; v < m[k]; v++)
                    pl_space_set(sp, i, k, v, coordinate(&seed, kind));
        pl_frontier *a, *b;
        pl_frontier_opts o = PL_FRONTIER_OPTS_INIT;
        o.method = PL_FRONTIER_SORT;
        assert_int_equal(pl_frontier_merge(&a, sp, &o, NULL), PL_OK);
        o.method = PL_FRONTIER_AUTO;
        assert_int_equal(pl_frontier_merge(&b, sp, &o, NULL), PL_OK);
        assert_int_equal(pl_frontier_size(a), pl_frontier_size(b));
        for (size_t k = 0; k < K; k++)
            assert_int_equal(pl_frontier_merge_sizes(a)[k], pl_frontier_merge_sizes(b)[k]);
        for (size_t j = 0; j < pl_frontier_size(a); j++) {
            for (size_t i = 0; i < n; i++)
                assert_true(pl_frontier_utility(a, j, i) == pl_frontier_utility(b, j, i));
            assert_memory_equal(pl_frontier_package(a, j), pl_frontier_package(b, j),
                                K * sizeof(uint32_t));
        }
        pl_frontier_free(a), pl_frontier_free(b);
        pl_space_free(sp);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_points_equal_nd),
        cmocka_unit_test(test_declines),
        cmocka_unit_test(test_merge_equal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
