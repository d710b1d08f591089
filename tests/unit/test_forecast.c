/* SPDX-License-Identifier: MIT */
/*
** test_forecast.c: forecasts over a scenario: who counts (at the table,
** takes a position), weight modes, and the status quo as disagreement point.
*/
#include "test_util.h"

/* Hand case: A (c 2) at 10 with s .5 -> w 1; B (c 1) at 90 with s 1 -> w 1;
   C not at the table (ignored); D (c 1) at 50 with s 1 -> w 1 on X only.
   X: mean (10 + 90 + 50) / 3 = 50, median 50.
   Y: only A and B: mean (1*20 + 1*60)/2 = 40 with w = (2*.5, 1*1). */
static const char *const text =
    "parley: 1\nname: f\n"
    "actors: [{id: A, capability: 2}, {id: B, capability: 1},\n"
    "         {id: C, capability: 100, at_table: false}, {id: D, capability: 1}]\n"
    "issues: [{id: X, scale: {0: a, 100: b}, status_quo: 50},\n"
    "         {id: Y, scale: {0: a, 100: b}}]\n"
    "positions:\n"
    "  A: {X: {position: 10, salience: 0.5}, Y: {position: 20, salience: 0.5}}\n"
    "  B: {X: {position: 90, salience: 1}, Y: {position: 60, salience: 1}}\n"
    "  C: {X: {position: 100, salience: 1}, Y: {position: 100, salience: 1}}\n"
    "  D: {X: {position: 50, salience: 1}}\n";

static pl_scenario *load(void)
{
    pl_scenario *s = NULL;
    pl_error err;
    if (pl_scenario_load_buffer(&s, text, strlen(text), "f.yaml", NULL, &err))
        fail_msg("%d:%d: %s", err.line, err.col, err.msg);
    return s;
}

static void default_weights(void **state)
{
    (void)state;
    pl_scenario *s = load();
    pl_forecast *f = NULL;
    assert_int_equal(pl_forecast_compute(&f, s, NULL, NULL), PL_OK);
    assert_int_equal(pl_forecast_n_issues(f), 2);
    assert_int_equal(pl_forecast_n_counted(f, 0), 3);   /* C is not at the table */
    assert_int_equal(pl_forecast_n_counted(f, 1), 2);   /* D is absent from Y */
    assert_near(pl_forecast_total_weight(f, 0), 3, 1e-12);
    assert_near(pl_forecast_value(f, 0, PL_MODEL_MEAN), 50, 1e-12);
    assert_near(pl_forecast_value(f, 0, PL_MODEL_MEDIAN), 50, 0);
    /* X: D sits at the status quo 50, so no outcome but 50 is acceptable to all */
    assert_near(pl_forecast_value(f, 0, PL_MODEL_NBS), 50, 0);
    assert_near(pl_forecast_value(f, 1, PL_MODEL_MEAN), 40, 1e-12);
    /* Y has no status quo: D = -100, equal weights at 20 and 60 -> 40 by symmetry */
    assert_near(pl_forecast_value(f, 1, PL_MODEL_NBS), 40, 1e-9);
    assert_string_equal(pl_model_name(PL_MODEL_NBS), "nbs");
    assert_null(pl_model_name(PL_MODEL_COUNT));
    pl_forecast_free(f);
    pl_scenario_free(s);
}

static void weight_modes(void **state)
{
    (void)state;
    pl_scenario *s = load();
    pl_forecast *f = NULL;
    pl_forecast_opts o = PL_FORECAST_OPTS_INIT;
    o.weights = PL_WEIGHT_C;   /* X: (2*10 + 90 + 50) / 4 = 40 */
    assert_int_equal(pl_forecast_compute(&f, s, &o, NULL), PL_OK);
    assert_near(pl_forecast_value(f, 0, PL_MODEL_MEAN), 40, 1e-12);
    pl_forecast_free(f);
    o.weights = PL_WEIGHT_S;   /* X: (.5*10 + 90 + 50) / 2.5 = 58 */
    assert_int_equal(pl_forecast_compute(&f, s, &o, NULL), PL_OK);
    assert_near(pl_forecast_value(f, 0, PL_MODEL_MEAN), 58, 1e-12);
    pl_forecast_free(f);
    o.weights = PL_WEIGHT_ONE;
    o.ignore_status_quo = 1;   /* X: NBS with D = -100 over 10, 50, 90 (symmetric) -> 50 */
    assert_int_equal(pl_forecast_compute(&f, s, &o, NULL), PL_OK);
    assert_near(pl_forecast_value(f, 0, PL_MODEL_MEAN), 50, 1e-12);
    assert_near(pl_forecast_value(f, 0, PL_MODEL_NBS), 50, 1e-9);
    pl_forecast_free(f);
    pl_scenario_free(s);
}

static void misuse(void **state)
{
    (void)state;
    pl_forecast *f = (pl_forecast *)1;
    assert_int_equal(pl_forecast_compute(&f, NULL, NULL, NULL), PL_EMISUSE);
    assert_int_equal(pl_forecast_n_issues(NULL), 0);
    pl_forecast_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(default_weights),
        cmocka_unit_test(weight_modes),
        cmocka_unit_test(misuse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
