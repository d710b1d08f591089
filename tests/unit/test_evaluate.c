/* SPDX-License-Identifier: MIT */
/*
** test_evaluate.c: forecast evaluation (src/forecast/evaluate.c). MAE vector
** of MODELS.md section 12: forecasts (10, 50, 90) against outcomes (20, 20,
** 90) err by (10, 30, 0), MAE 13.333333. A hand-made scenario with outcomes:
** the baselines by hand, a reproducible bootstrap, issues without outcome
** left out, and the refusal when nothing has an outcome.
*/
#include "tests/unit/test_util.h"

static const char *const data =
    "parley: 1\nname: ev\nactors:\n"
    "  - {id: A, capability: 1}\n  - {id: B, capability: 3}\n"
    "issues:\n"
    "  - {id: X1, group: P1, scale: {0: a, 100: b}, status_quo: 0, outcome: 40}\n"
    "  - {id: X2, group: P1, scale: {0: a, 100: b}, outcome: 80}\n"
    "  - {id: X3, group: P2, scale: {0: a, 100: b}, outcome: 0}\n"
    "  - {id: X4, scale: {0: a, 100: b}}\n"
    "positions:\n"
    "  A: {X1: {position: 0, salience: 1}, X2: {position: 100, salience: 0.5},\n"
    "      X3: {position: 0, salience: 1}, X4: {position: 0, salience: 1}}\n"
    "  B: {X1: {position: 100, salience: 1}, X2: {position: 60, salience: 0.5},\n"
    "      X3: {position: 20, salience: 1}, X4: {position: 0, salience: 1}}\n";

static void test_mae(void **state)
{
    (void)state;
    double f[] = {10, 50, 90}, o[] = {20, 20, 90}, m;
    assert_int_equal(pl_mae(&m, f, o, 3, NULL), PL_OK);
    assert_near(m, 13.333333, 1e-6);
    assert_int_equal(pl_mae(&m, f, o, 0, NULL), PL_EINPUT);
}

static size_t find(const pl_evaluation *e, const char *name)
{
    for (size_t m = 0; m < pl_evaluation_n_methods(e); m++)
        if (strcmp(pl_evaluation_method(e, m), name) == 0)
            return m;
    fail_msg("no method %s", name);
    return 0;
}

static void test_scenario(void **state)
{
    (void)state;
    pl_scenario *s;
    pl_evaluation *e, *f;
    pl_error err;
    assert_int_equal(pl_scenario_load_buffer(&s, data, strlen(data), "ev.yaml", NULL, &err),
                     PL_OK);
    pl_evaluate_opts o = PL_EVALUATE_OPTS_INIT;
    o.resamples = 500;
    o.seed = 9;
    assert_int_equal(pl_evaluate(&e, s, &o, &err), PL_OK);
    assert_int_equal(pl_evaluate(&f, s, &o, &err), PL_OK);
    /* constant 50 errs by (10, 30, 50): MAE 30; unweighted means (50, 80, 10): (10, 0, 10) */
    size_t c50 = find(e, "constant_50"), mu = find(e, "mean_unweighted");
    assert_near(pl_evaluation_mae(e, c50, NULL, NULL), 30, 1e-12);
    assert_near(pl_evaluation_mae(e, mu, NULL, NULL), 20.0 / 3, 1e-12);
    assert_int_equal(pl_evaluation_n(e, c50), 3);
    /* capability x salience mean (75, 70, 15) errs (35, 10, 15): MAE 20 */
    assert_near(pl_evaluation_mae(e, find(e, "mean_cs"), NULL, NULL), 20, 1e-12);
    /* the status quo exists only on X1: one issue, error 40 */
    size_t sq = find(e, "status_quo");
    assert_int_equal(pl_evaluation_n(e, sq), 1);
    assert_near(pl_evaluation_mae(e, sq, NULL, NULL), 40, 1e-12);
    assert_int_equal(pl_evaluation_best_baseline(e), mu);
    double lo, hi, lo2, hi2;
    pl_evaluation_mae(e, c50, &lo, &hi);
    pl_evaluation_mae(f, c50, &lo2, &hi2);
    assert_true(lo == lo2 && hi == hi2); /* same seed, same intervals */
    assert_true(lo <= 30 && 30 <= hi);
    assert_near(pl_evaluation_vs_best(e, mu, &lo, &hi), 0, 0);
    pl_evaluation_free(e);
    pl_evaluation_free(f);
    pl_scenario_free(s);
    /* nothing to score */
    const char *none = "parley: 1\nname: n\nactors:\n  - {id: A, capability: 1}\n"
                       "  - {id: B, capability: 1}\nissues:\n  - {id: X, scale: {0: a, 100: b}}\n"
                       "positions:\n  A: {X: {position: 0, salience: 1}}\n"
                       "  B: {X: {position: 9, salience: 1}}\n";
    assert_int_equal(pl_scenario_load_buffer(&s, none, strlen(none), "n.yaml", NULL, &err), 0);
    assert_int_equal(pl_evaluate(&e, s, NULL, &err), PL_EINPUT);
    assert_non_null(strstr(err.msg, "has an outcome"));
    pl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mae),
        cmocka_unit_test(test_scenario),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
