/* SPDX-License-Identifier: MIT */
/*
** test_median.c: weighted median (MODELS.md section 2.2), checked against
** published vectors, hand ties and, on random data, the Condorcet oracle:
** the median wins or ties every weighted pairwise vote (linear loss, 1-D).
*/
#include "test_util.h"

#include <stdlib.h>

static void ec_median(void **state)
{
    (void)state;
    /* EC emissions (MODELS.md 3.7): weighted median 7, exact. */
    const double c[] = {.08, .08, .03, .16, .16, .16, .16, .05, .05, .08};
    const double x[] = {4, 7, 4, 4, 10, 10, 10, 7, 4, 7};
    const double s[] = {.80, .40, .20, .80, .60, .60, .90, .10, 1.0, .70};
    double w[10], m;
    for (int i = 0; i < 10; i++)
        w[i] = c[i] * s[i];
    assert_int_equal(pl_weighted_median(&m, x, w, 10, PL_TIE_LOWER, NULL), PL_OK);
    assert_true(m == 7);
}

static void ties(void **state)
{
    (void)state;
    /* hand: weights 1,1 at 20 and 60: cumulative weight hits exactly half at 20 */
    double x[] = {60, 20}, w[] = {1, 1}, m;
    assert_int_equal(pl_weighted_median(&m, x, w, 2, PL_TIE_LOWER, NULL), PL_OK);
    assert_true(m == 20);
    assert_int_equal(pl_weighted_median(&m, x, w, 2, PL_TIE_UPPER, NULL), PL_OK);
    assert_true(m == 60);
    assert_int_equal(pl_weighted_median(&m, x, w, 2, PL_TIE_MIDPOINT, NULL), PL_OK);
    assert_true(m == 40);
}

static void zero_weight_never_decides(void **state)
{
    (void)state;
    /* hand: the zero-weight point at 50 sits between two equal halves; the
       tie interval is [0, 100], so midpoint is 50 and upper is 100 (not 50) */
    double x[] = {0, 50, 100}, w[] = {1, 0, 1}, m;
    assert_int_equal(pl_weighted_median(&m, x, w, 3, PL_TIE_UPPER, NULL), PL_OK);
    assert_true(m == 100);
    assert_int_equal(pl_weighted_median(&m, x, w, 3, PL_TIE_MIDPOINT, NULL), PL_OK);
    assert_true(m == 50);
}

static void heavy_actor_is_the_median(void **state)
{
    (void)state;
    double x[] = {0, 100}, w[] = {1, 3}, m;   /* hand: 3 > 4/2 */
    assert_int_equal(pl_weighted_median(&m, x, w, 2, PL_TIE_LOWER, NULL), PL_OK);
    assert_true(m == 100);
}

static double vote(const double *x, const double *w, size_t n, double a, double b)
{
    double v = 0;
    for (size_t k = 0; k < n; k++)
        v += w[k] * (fabs(x[k] - b) - fabs(x[k] - a));
    return v;
}

static void condorcet_oracle(void **state)
{
    (void)state;
    srand(12345);
    for (int trial = 0; trial < 500; trial++) {
        size_t n = 1 + (size_t)(rand() % 12);
        double x[12], w[12], m;
        for (size_t i = 0; i < n; i++) {
            x[i] = (double)(rand() % 11) * 10;      /* coarse grid: many ties */
            w[i] = (double)(rand() % 4);
        }
        w[0] += 1;                                   /* total weight > 0 */
        assert_int_equal(pl_weighted_median(&m, x, w, n, PL_TIE_LOWER, NULL), PL_OK);
        for (size_t j = 0; j < n; j++)
            assert_true(vote(x, w, n, m, x[j]) >= -1e-9);
    }
}

static void errors(void **state)
{
    (void)state;
    double x[] = {1, 2}, w[] = {0, 0}, m;
    assert_int_equal(pl_weighted_median(&m, x, w, 2, PL_TIE_LOWER, NULL), PL_EINPUT);
    assert_int_equal(pl_weighted_median(&m, x, w, 0, PL_TIE_LOWER, NULL), PL_EINPUT);
    w[0] = INFINITY;
    assert_int_equal(pl_weighted_median(&m, x, w, 2, PL_TIE_LOWER, NULL), PL_EINPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ec_median),          cmocka_unit_test(ties),
        cmocka_unit_test(zero_weight_never_decides),
        cmocka_unit_test(heavy_actor_is_the_median),
        cmocka_unit_test(condorcet_oracle),   cmocka_unit_test(errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
