/* SPDX-License-Identifier: MIT */
/*
** test_nbs.c: one-issue Nash bargaining solution (MODELS.md section 2.3).
** Vectors from the MODELS.md table (all hand-derived there); extra hand
** cases are derived in comments.
*/
#include "test_util.h"

static double nbs(const double *x, const double *w, size_t n, pl_loss loss, int has_q, double q,
                  double d)
{
    pl_nbs_opts o = PL_NBS_OPTS_INIT;
    o.loss = loss;
    o.has_status_quo = has_q;
    o.status_quo = q;
    o.disagreement = d;
    double v = -1;
    assert_int_equal(pl_nbs_1d(&v, x, w, n, &o, NULL), PL_OK);
    return v;
}

static void two_actors_default_d(void **state)
{
    (void)state;
    /* x = (0, 100), w = (1, 3), linear, D = -100: max ln(100-x) + 3 ln x -> 75 */
    double x[] = {0, 100}, w[] = {1, 3};
    assert_near(nbs(x, w, 2, PL_LOSS_LINEAR, 0, 0, 0), 75, 1e-6);
    assert_near(nbs(x, w, 2, PL_LOSS_LINEAR, 0, 0, -100), 75, 1e-6);
}

static void status_quo_disagreement(void **state)
{
    (void)state;
    /* x = (20, 80, 60), w = (1, 1, 2), q = 0: F = [0, 40], objective
       ln(40-x) + 3 ln x on [20, 40] -> 30 (the weighted mean would be 55) */
    double x[] = {20, 80, 60}, w[] = {1, 1, 2};
    assert_near(nbs(x, w, 3, PL_LOSS_LINEAR, 1, 0, 0), 30, 1e-6);
    /* plus an actor at x = q = 0: F = {0} */
    double x2[] = {20, 80, 60, 0}, w2[] = {1, 1, 2, 1};
    assert_true(nbs(x2, w2, 4, PL_LOSS_LINEAR, 1, 0, 0) == 0);
}

static void limits(void **state)
{
    (void)state;
    double x[] = {0, 100}, w[] = {1, 3};
    /* D -> -inf: linear loss gives the weighted median (100) */
    assert_near(nbs(x, w, 2, PL_LOSS_LINEAR, 0, 0, -1e6), 100, 1e-6);
    /* quadratic loss gives the weighted mean (75) */
    assert_near(nbs(x, w, 2, PL_LOSS_QUADRATIC, 0, 0, -1e8), 75, 1e-2);
}

static void opposite_sides_of_the_status_quo(void **state)
{
    (void)state;
    /* hand: actors at 25 and 95 with q = 40: the first's acceptable set is
       [10, 40], the second's [40, 150]; only q itself is in both */
    double x[] = {25, 95}, w[] = {1, 1};
    assert_true(nbs(x, w, 2, PL_LOSS_LINEAR, 1, 40, 0) == 40);
}

static void symmetric_problem_is_symmetric(void **state)
{
    (void)state;
    /* hand: equal weights at 30 and 70, q = 50 is between them -> F = {50};
       with D = -100 the problem is symmetric about 50 -> 50 */
    double x[] = {30, 70}, w[] = {2, 2};
    assert_near(nbs(x, w, 2, PL_LOSS_LINEAR, 0, 0, 0), 50, 1e-9);
    assert_near(nbs(x, w, 2, PL_LOSS_QUADRATIC, 0, 0, 0), 50, 1e-9);
}

static void quadratic_with_status_quo(void **state)
{
    (void)state;
    /* hand: x = (60, 100), w = (1, 1), q = 0, quadratic: gains
       g1 = 3600 - (x-60)^2 = x(120 - x), g2 = x(200 - x) on F = [0, 120];
       d/dx [ln x + ln(120-x) + ln x + ln(200-x)] = 0
       -> 2/x = 1/(120-x) + 1/(200-x)
       -> 2(120-x)(200-x) = x(200-x) + x(120-x) -> x^2 - 240x + 12000 = 0
       -> x = 120 - sqrt(2400) = 120 - 20 sqrt(6) = 71.0102... (inside F = [0, 100]) */
    double x[] = {60, 100}, w[] = {1, 1};
    assert_near(nbs(x, w, 2, PL_LOSS_QUADRATIC, 1, 0, 0), 120 - 20 * sqrt(6.0), 1e-6);
}

static void errors(void **state)
{
    (void)state;
    double x[] = {0, 100}, w[] = {0, 0}, v;
    pl_nbs_opts o = PL_NBS_OPTS_INIT;
    assert_int_equal(pl_nbs_1d(&v, x, w, 2, &o, NULL), PL_EINPUT);
    w[0] = 1;
    w[1] = 1;
    x[1] = 101;
    assert_int_equal(pl_nbs_1d(&v, x, w, 2, &o, NULL), PL_EINPUT);
    x[1] = 100;
    o.disagreement = -10;   /* no outcome is within 10 of both 0 and 100 */
    pl_error err;
    assert_int_equal(pl_nbs_1d(&v, x, w, 2, &o, &err), PL_EINPUT);
    assert_non_null(strstr(err.msg, "harsher D"));
    o.disagreement = 5;
    assert_int_equal(pl_nbs_1d(&v, x, w, 2, &o, NULL), PL_EINPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(two_actors_default_d),
        cmocka_unit_test(status_quo_disagreement),
        cmocka_unit_test(limits),
        cmocka_unit_test(opposite_sides_of_the_status_quo),
        cmocka_unit_test(symmetric_problem_is_symmetric),
        cmocka_unit_test(quadratic_with_status_quo),
        cmocka_unit_test(errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
