/* SPDX-License-Identifier: MIT */
/*
** test_mean.c: weighted mean (MODELS.md section 2.1).
*/
#include "test_util.h"

/* EC car-emission standards, BDM 1994 p. 78 = Scholz et al. 2011 Table 1
   (MODELS.md 3.7): capability, position (years), salience/100. */
static const double ec_c[] = {.08, .08, .03, .16, .16, .16, .16, .05, .05, .08};
static const double ec_x[] = {4, 7, 4, 4, 10, 10, 10, 7, 4, 7};
static const double ec_s[] = {.80, .40, .20, .80, .60, .60, .90, .10, 1.0, .70};

static void ec_mean(void **state)
{
    (void)state;
    double w[10], m;
    for (int i = 0; i < 10; i++)
        w[i] = ec_c[i] * ec_s[i];
    assert_int_equal(pl_weighted_mean(&m, ec_x, w, 10, NULL), PL_OK);
    assert_near(m, 7.389956, 1e-6);   /* MODELS.md: 5.003 / 0.677 */
    assert_near(m, 5.003 / 0.677, 1e-12);
}

static void ec_unweighted(void **state)
{
    (void)state;
    double one[10], m;
    for (int i = 0; i < 10; i++)
        one[i] = 1;
    assert_int_equal(pl_weighted_mean(&m, ec_x, one, 10, NULL), PL_OK);
    assert_near(m, 6.7, 1e-12);       /* MODELS.md: unweighted mean 6.7 */
}

static void zero_weights_are_an_error(void **state)
{
    (void)state;
    double x[] = {10, 20}, w[] = {0, 0}, m = -1;
    pl_error err;
    assert_int_equal(pl_weighted_mean(&m, x, w, 2, &err), PL_EINPUT);
    assert_int_equal(err.code, PL_EINPUT);
    assert_non_null(strstr(err.msg, "sum to 0"));
    assert_near(m, -1, 0);            /* output untouched on error */
}

static void negative_or_nan_weight(void **state)
{
    (void)state;
    double x[] = {10, 20}, w[] = {1, -1}, m;
    assert_int_equal(pl_weighted_mean(&m, x, w, 2, NULL), PL_EINPUT);
    w[1] = NAN;
    assert_int_equal(pl_weighted_mean(&m, x, w, 2, NULL), PL_EINPUT);
    assert_int_equal(pl_weighted_mean(NULL, x, w, 2, NULL), PL_EMISUSE);
}

static void input_order_is_the_summation_order(void **state)
{
    (void)state;
    /* hand: (1*10 + 3*30) / 4 = 25 */
    double x[] = {10, 30}, w[] = {1, 3}, m;
    assert_int_equal(pl_weighted_mean(&m, x, w, 2, NULL), PL_OK);
    assert_near(m, 25, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ec_mean),
        cmocka_unit_test(ec_unweighted),
        cmocka_unit_test(zero_weights_are_an_error),
        cmocka_unit_test(negative_or_nan_weight),
        cmocka_unit_test(input_order_is_the_summation_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
