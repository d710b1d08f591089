/* SPDX-License-Identifier: MIT */
/*
** test_builtin.c: the built-in scenario (scenarios/ukraine-2025.yaml) loads,
** cites a source or note for every number, has the actors, issues and
** bodies the foundation issue asks for, and worded anchors at 0, 50, 100.
*/
#include "test_util.h"

static pl_scenario *load_strict(void)
{
    pl_load_opts o = PL_LOAD_OPTS_INIT;
    o.flags = PL_LOAD_REQUIRE_SOURCES;
    pl_scenario *s = NULL;
    pl_error err;
    if (pl_scenario_load_builtin(&s, NULL, &o, &err))
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.col, err.msg);
    return s;
}

static void every_number_has_provenance(void **state)
{
    (void)state;
    pl_scenario_free(load_strict());   /* PL_LOAD_REQUIRE_SOURCES passed */
}

static void required_content(void **state)
{
    (void)state;
    pl_scenario *s = load_strict();
    const char *actors[] = {"RUS", "UKR", "USA", "EUR", "CHN", "GBR", "FRA"};
    for (size_t i = 0; i < 7; i++)
        assert_true(pl_scenario_actor_index(s, actors[i]) >= 0);
    const char *issues[] = {"TERR", "NATO", "GUAR", "ARMY", "SEQ", "PAY"};
    for (size_t k = 0; k < 6; k++) {
        long x = pl_scenario_issue_index(s, issues[k]);
        assert_true(x >= 0);
        const pl_issue *is = pl_scenario_issue(s, (size_t)x);
        assert_non_null(pl_issue_status_quo(is));
        int have[3] = {0, 0, 0};
        for (size_t j = 0; j < pl_issue_n_anchors(is); j++) {
            double at = pl_issue_anchor(is, j, NULL);
            have[0] |= at == 0;
            have[1] |= at == 50;
            have[2] |= at == 100;
        }
        assert_true(have[0] && have[1] && have[2]);
    }
    /* the guarantor council as Russia proposes it: the P5, every member a veto */
    long c = pl_scenario_body_index(s, "GUARANTOR_COUNCIL");
    assert_true(c >= 0);
    const pl_body *b = pl_scenario_body(s, (size_t)c);
    assert_int_equal(pl_body_n_members(b), 5);
    for (size_t m = 0; m < 5; m++)
        assert_true(pl_body_veto(b, m));
    /* Ukraine must ratify */
    long ukr = pl_scenario_actor_index(s, "UKR");
    assert_true(pl_scenario_n_ratifiers(s, (size_t)ukr) >= 1);
    pl_scenario_free(s);
}

static void forecasts_run(void **state)
{
    (void)state;
    pl_scenario *s = load_strict();
    pl_forecast *f = NULL;
    assert_int_equal(pl_forecast_compute(&f, s, NULL, NULL), PL_OK);
    for (size_t k = 0; k < pl_forecast_n_issues(f); k++)
        for (int m = 0; m < PL_MODEL_COUNT; m++) {
            double v = pl_forecast_value(f, k, (pl_model)m);
            assert_true(v >= 0 && v <= 100);
        }
    pl_forecast_free(f);
    pl_scenario_free(s);
}

static void builtin_lookup(void **state)
{
    (void)state;
    size_t len;
    assert_non_null(pl_builtin_text(NULL, &len));
    assert_true(len > 1000);
    assert_string_equal(pl_builtin_name(0), "ukraine-2025");
    assert_null(pl_builtin_name(1));
    pl_scenario *s = NULL;
    pl_error err;
    assert_int_equal(pl_scenario_load_builtin(&s, "nope", NULL, &err), PL_ENOTFOUND);
    assert_null(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_number_has_provenance),
        cmocka_unit_test(required_content),
        cmocka_unit_test(forecasts_run),
        cmocka_unit_test(builtin_lookup),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
