/* SPDX-License-Identifier: MIT */
/*
** test_bargain_pie.c: `parley bargain` without a scenario (pl_bargain_pie):
** which closed form the terms call for, and its shares. Vectors by hand from
** the formulas in parley/dynamics.h (MODELS.md section 9), each derived in a
** comment; the label of a compare side (pl_compare_label) is at the end.
*/
#include "tests/unit/test_util.h"

static pl_pie_result pie(const pl_pie_terms *t)
{
    pl_pie_result r;
    pl_error err;
    if (pl_bargain_pie(&r, t, &err))
        fail_msg("pl_bargain_pie: %s", err.msg);
    return r;
}

static void test_forms(void **state)
{
    (void)state;
    pl_pie_terms t = PL_PIE_TERMS_INIT;
    /* no terms: Rubinstein with 0.9 each, x1 = 0.1 / 0.19 */
    pl_pie_result r = pie(&t);
    assert_string_equal(r.model, "Rubinstein (1982)");
    assert_near(r.share[0], 0.1 / 0.19, 1e-15);
    /* d = 0.9, 0.8: x1 = (1 - 0.8) / (1 - 0.72) = 0.2 / 0.28 */
    const double d[2] = {0.9, 0.8};
    t.delta = d;
    r = pie(&t);
    assert_near(r.share[0], 0.2 / 0.28, 1e-15);
    assert_near(r.share[1], 1 - 0.2 / 0.28, 1e-15);
    /* outside options 0.5 + 0.6 > 1: no deal, each keeps its own */
    const double o[2] = {0.5, 0.6};
    t.delta = NULL;
    t.outside = o;
    r = pie(&t);
    assert_false(r.agreement);
    assert_near(r.share[0], 0.5, 0);
    assert_near(r.share[1], 0.6, 0);
    /* breakdown alone, p = 0.5, no discounting: (1 + (1 - p) b1 - b2) / (2 - p) = 2/3 */
    t.outside = NULL;
    t.breakdown = 0.5;
    r = pie(&t);
    assert_string_equal(r.model, "breakdown risk (Binmore, Rubinstein & Wolinsky 1986)");
    assert_near(r.share[0], 1 / 1.5, 1e-15);
    /* horizon 3, d = 0.5: (1 - (-0.5)^3) / 1.5 = 0.75 */
    const double h[2] = {0.5, 0.5};
    t.breakdown = 0;
    t.delta = h;
    t.horizon = 3;
    r = pie(&t);
    assert_string_equal(r.model, "finite horizon (backward induction)");
    assert_near(r.share[0], 0.75, 1e-15);
}

static void expect_error(const pl_pie_terms *t, const char *msg)
{
    pl_pie_result r;
    pl_error err;
    assert_int_equal(pl_bargain_pie(&r, t, &err), PL_EINPUT);
    if (!strstr(err.msg, msg))
        fail_msg("expected '%s' in '%s'", msg, err.msg);
}

static void test_errors(void **state)
{
    (void)state;
    const double b[2] = {0.1, 0.1}, d[2] = {0.9, 0.8}, one[2] = {1, 1};
    pl_pie_terms t = PL_PIE_TERMS_INIT;
    t.fallback = b;
    expect_error(&t, "--fallback needs --breakdown");
    t.fallback = NULL;
    t.horizon = 3;
    t.outside = b;
    expect_error(&t, "--horizon on the pie is the alternating-offers game without");
    t.outside = NULL;
    t.delta = d;
    expect_error(&t, "--horizon 3 on the pie needs equal discounts");
    t.horizon = 0;
    t.delta = one;
    expect_error(&t, "--delta 1,1: without impatience or breakdown risk");
    t.delta = NULL;
    t.breakdown = 2;
    expect_error(&t, "--breakdown 2: expected a probability in (0, 1]");
    t.breakdown = 0;
    t.horizon = -1;
    expect_error(&t, "--horizon -1");
}

/* A side's label: the file or "built-in NAME", the variant, each change in order. */
static void test_compare_label(void **state)
{
    (void)state;
    static const char *const changes[] = {"positions.RUS.TERR.salience=0.3"};
    pl_load_opts lo = PL_LOAD_OPTS_INIT;
    lo.changes = changes;
    lo.n_changes = 1;
    pl_scenario *s;
    pl_error err;
    if (pl_scenario_load_builtin(&s, NULL, &lo, &err))
        fail_msg("%s", err.msg);
    char buf[128];
    const char *want = "built-in ukraine-2025 --set positions.RUS.TERR.salience=0.3";
    assert_int_equal(pl_compare_label(s, NULL, buf, sizeof buf), strlen(want));
    assert_string_equal(buf, want);
    assert_int_equal(pl_compare_label(s, "a.yaml", buf, 8), strlen(want) - 21 + 6);
    assert_string_equal(buf, "a.yaml "); /* cut to the 8 bytes given */
    pl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forms),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_compare_label),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
