/* SPDX-License-Identifier: MIT */
/*
** test_evaluate.c: forecast evaluation (src/forecast/evaluate.c). MAE vector
** of MODELS.md section 12: forecasts (10, 50, 90) against outcomes (20, 20,
** 90) err by (10, 30, 0), MAE 13.333333. A hand-made scenario with outcomes:
** the baselines by hand, a reproducible bootstrap, issues without outcome
** left out, and the refusal when nothing has an outcome. Cross-validation
** on the same scenario by hand (test_cv), the stacking weights on exact
** mixtures (test_stack).
*/
#include "tests/unit/test_util.h"
#include "forecast/evaluate_impl.h"

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

/*
** Leave one proposal out, by hand. Fold P1 held out: the baselines' errors on
** X3 (outcome 0) are constant_50 50, mean_unweighted 10, mean_salience 10,
** mean_cs 15, median_salience 0 (weights 1, 1: the lower point, 0), median_cs
** 20, so median_salience forecasts X1 0 (error 40) and X2 60 (error 20). Fold
** P2 held out: on X1, X2 mean_unweighted errs (10, 0), the lowest (ties with
** mean_salience, the first listed wins), so X3 gets 10 (error 10). The best
** baseline out of sample: errors (40, 20, 10), MAE 70/3, median 20, within 10: 1/3.
*/
static void test_cv(void **state)
{
    (void)state;
    pl_scenario *s;
    pl_evaluation *e, *f;
    pl_error err;
    assert_int_equal(pl_scenario_load_buffer(&s, data, strlen(data), "ev.yaml", NULL, &err),
                     PL_OK);
    pl_evaluate_opts o = PL_EVALUATE_OPTS_INIT;
    o.resamples = 300;
    o.seed = 4;
    o.cv = PL_CV_GROUP;
    assert_int_equal(pl_evaluate(&e, s, &o, &err), PL_OK);
    size_t b = find(e, "best_baseline");
    assert_int_equal(pl_evaluation_best_baseline(e), b);
    assert_true(pl_evaluation_is_baseline(e, b));
    assert_near(pl_evaluation_mae(e, b, NULL, NULL), 70.0 / 3, 1e-12);
    assert_near(pl_evaluation_median_ae(e, b), 20, 1e-12);
    assert_near(pl_evaluation_within10(e, b), 1.0 / 3, 1e-12);
    assert_near(pl_evaluation_forecast(e, b, 0), 0, 1e-12);
    assert_near(pl_evaluation_forecast(e, b, 1), 60, 1e-12);
    assert_near(pl_evaluation_forecast(e, b, 2), 10, 1e-12);
    assert_true(pl_evaluation_is_fitted(e, find(e, "ensemble")));
    assert_int_equal(pl_evaluation_n(e, find(e, "smp")), 0); /* 2 actors: the SMP does not apply */
    /* same seed, same table */
    assert_int_equal(pl_evaluate(&f, s, &o, &err), PL_OK);
    assert_int_equal(pl_evaluation_n_methods(e), pl_evaluation_n_methods(f));
    for (size_t m = 0; m < pl_evaluation_n_methods(e); m++) {
        double lo, hi, lo2, hi2;
        assert_true(pl_evaluation_mae(e, m, &lo, &hi) == pl_evaluation_mae(f, m, &lo2, &hi2));
        assert_true(lo == lo2 && hi == hi2 && pl_evaluation_p(e, m) == pl_evaluation_p(f, m));
    }
    pl_evaluation_free(f);
    pl_evaluation_free(e);
    /* 3 folds of 2 groups: one would be empty */
    o.cv = 3;
    assert_int_equal(pl_evaluate(&e, s, &o, &err), PL_EINPUT);
    assert_non_null(strstr(err.msg, "fold empty"));
    pl_scenario_free(s);
}

/*
** Stacking: y = 0.25 a + 0.75 b exactly gives w = (0.25, 0.75); y = 0.5 a + 0.5 c
** with b in the pool gives (0.5, 0, 0.5); y = 2 a - b (outside the simplex)
** gives the best convex weights, here all on a (y - a = a - b = (-20, 0, 20)
** against y - b = 2(a - b): a alone errs by sqrt(800), any w_b > 0 by more).
*/
static void test_stack(void **state)
{
    (void)state;
    double a[] = {0, 10, 20}, b[] = {20, 10, 0}, c[] = {5, 5, 5}, F[9], y[3], w[3];
    unsigned char use[] = {1, 1, 1};
    for (int t = 0; t < 3; t++) {
        F[t * 2] = a[t], F[t * 2 + 1] = b[t];
        y[t] = 0.25 * a[t] + 0.75 * b[t];
    }
    assert_int_equal(pl__ev_stack(F, y, use, 3, 2, w), PL_OK);
    assert_near(w[0], 0.25, 1e-9);
    assert_near(w[1], 0.75, 1e-9);
    for (int t = 0; t < 3; t++) {
        F[t * 3] = a[t], F[t * 3 + 1] = b[t], F[t * 3 + 2] = c[t];
        y[t] = 0.5 * a[t] + 0.5 * c[t];
    }
    assert_int_equal(pl__ev_stack(F, y, use, 3, 3, w), PL_OK);
    assert_near(w[0], 0.5, 1e-9);
    assert_near(w[1], 0, 1e-9);
    assert_near(w[2], 0.5, 1e-9);
    for (int t = 0; t < 3; t++)
        F[t * 2] = a[t], F[t * 2 + 1] = b[t], y[t] = 2 * a[t] - b[t];
    assert_int_equal(pl__ev_stack(F, y, use, 3, 2, w), PL_OK);
    assert_near(w[0], 1, 1e-9);
    assert_near(w[1], 0, 1e-9);
}

/*
** Least absolute deviations against least squares: columns a = (0, 10, 20, 30, 40)
** and c = a + 25, y = a but for an outlier y_5 = a_5 + 100. With w on a, the
** residuals are r_t - d, r = (0, 0, 0, 0, 100), d = 25 (1 - w). Least squares:
** d = mean r = 20, w = 0.2. LAD: d = median r = 0, w = 1; the IRLS floor of 0.5
** stops at the weighted mean with weights 2 (floored) and 1 / (100 - d):
** d (8 + 1 / (100 - d)) = 100 / (100 - d), i.e. 8 d^2 - 801 d + 100 = 0,
** d = (801 - 799) / 16 = 0.125, w = 1 - d / 25 = 0.995.
*/
static void test_stack_lad(void **state)
{
    (void)state;
    double F[10], y[5], w[2], F2[10], y2[5];
    unsigned char use[] = {1, 1, 1, 1, 1};
    for (int t = 0; t < 5; t++) {
        F[t * 2] = 10.0 * t, F[t * 2 + 1] = 10.0 * t + 25;
        y[t] = 10.0 * t + (t == 4 ? 100 : 0);
    }
    assert_int_equal(pl__ev_stack(F, y, use, 5, 2, w), PL_OK);
    assert_near(w[0], 0.2, 1e-9);
    assert_int_equal(pl__ev_stack_lad(F, y, use, 5, 2, w, F2, y2), PL_OK);
    assert_near(w[0], 0.995, 1e-6);
    assert_near(w[0] + w[1], 1, 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mae),
        cmocka_unit_test(test_scenario),
        cmocka_unit_test(test_cv),
        cmocka_unit_test(test_stack),
        cmocka_unit_test(test_stack_lad),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
