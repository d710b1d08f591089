/* SPDX-License-Identifier: MIT */
/*
** test_veto.c: the veto-aware compromise (src/forecast/veto.c) on the hand-made
** cases of tests/scenarios/veto.yaml (capabilities 1, 1, 3, saliences 1; mean =
** (x_A + x_B + 3 x_C) / 5). Derivations, y preferred to q by i iff |y - x_i| < |q - x_i|:
**  UNAN   q 20, A 30, B 60, C 90, everyone a veto player: each accepts up to
**         2 x_i - q = 40, 100, 160; the win-set is (20, 40); mean 72 -> 40.
**  SPLIT  q 50: A (30) wants less, B and C more; the win-set is empty -> 50.
**  NOSQ   no status quo; body AB (A and B, unanimity): veto players A 30, B 40;
**         mean (30 + 40 + 270) / 5 = 68, kept in [30, 40] -> 40.
**  MAJ    q 40, majority of A 10, B 50, C 90: above q, C alone (1 of 3) loses,
**         C and B win, so the bound is 2 * 50 - 40 = 60; below q, A alone loses;
**         mean (10 + 50 + 270) / 5 = 66 -> 60.
**  ABSENT as MAJ but A has no position: A joins any coalition, so A and C win
**         up to 2 * 90 - 40 = 140 (capped at 100); mean (50 + 270) / 4 = 80 -> 80.
*/
#include "tests/unit/test_util.h"
#include "src/forecast/veto_impl.h"

/* The scenario in text[0..n) and its forecasts by the models in the mask. */
static pl_forecast *compute(pl_scenario **s, const char *text, size_t n, unsigned models)
{
    pl_error err;
    assert_int_equal(pl_scenario_load_buffer(s, text, n, "veto.yaml", NULL, &err), PL_OK);
    pl_forecast_opts o = PL_FORECAST_OPTS_INIT;
    o.models = models;
    pl_forecast *f = NULL;
    assert_int_equal(pl_forecast_compute(&f, *s, &o, &err), PL_OK);
    return f;
}

static pl_forecast *run_models(pl_scenario **s, unsigned models)
{
    char buf[8192];
    size_t n = test_read_source("tests/scenarios/veto.yaml", buf, sizeof buf);
    return compute(s, buf, n, models);
}

static pl_forecast *run(pl_scenario **s) { return run_models(s, 1u << PL_MODEL_VETO); }

static void test_cases(void **state)
{
    (void)state;
    pl_scenario *s;
    pl_forecast *f = run(&s);
    static const struct {
        const char *id;
        double mean, veto;
    } want[] = {{"UNAN", 72, 40}, {"SPLIT", 72, 50}, {"NOSQ", 68, 40}, {"MAJ", 66, 60},
                {"ABSENT", 80, 80}};
    assert_true(pl_forecast_has(f, PL_MODEL_VETO));
    assert_false(pl_forecast_has(f, PL_MODEL_EUM));
    for (size_t j = 0; j < sizeof want / sizeof *want; j++) {
        long k = pl_scenario_issue_index(s, want[j].id);
        assert_true(k >= 0);
        assert_near(pl_forecast_value(f, (size_t)k, PL_MODEL_MEAN), want[j].mean, 1e-12);
        assert_near(pl_forecast_value(f, (size_t)k, PL_MODEL_VETO), want[j].veto, 1e-12);
    }
    assert_string_equal(pl_model_name(PL_MODEL_VETO), "veto");
    pl_forecast_free(f);
    pl_scenario_free(s);
}

/* Under unanimity (no decided_by) no veto player is worse off than at the status quo. */
static void test_acceptable(void **state)
{
    (void)state;
    pl_scenario *s;
    pl_forecast *f = run(&s);
    for (size_t k = 0; k < pl_scenario_n_issues(s); k++) {
        const pl_issue *x = pl_scenario_issue(s, k);
        const pl_value *q = pl_issue_status_quo(x);
        if (!q || pl_issue_n_deciders(x))
            continue;
        double v = pl_forecast_value(f, k, PL_MODEL_VETO), pos, sal;
        for (size_t i = 0; i < pl_scenario_n_actors(s); i++)
            if (pl_scenario_position(s, i, k, &pos, &sal) == 1)
                assert_true(fabs(v - pos) <= fabs(q->value - pos) + 1e-12);
    }
    pl_forecast_free(f);
    pl_scenario_free(s);
}

/* decided_by as read: one id or a list, each a body index. */
static void test_decided_by(void **state)
{
    (void)state;
    pl_scenario *s;
    pl_forecast *f = run(&s);
    const pl_issue *maj = pl_scenario_issue(s, (size_t)pl_scenario_issue_index(s, "MAJ"));
    const pl_issue *nosq = pl_scenario_issue(s, (size_t)pl_scenario_issue_index(s, "NOSQ"));
    assert_int_equal(pl_issue_n_deciders(maj), 1);
    assert_int_equal(pl_issue_decider(maj, 0), pl_scenario_body_index(s, "MAJORITY"));
    assert_int_equal(pl_issue_decider(nosq, 0), pl_scenario_body_index(s, "AB"));
    assert_int_equal(pl_issue_decider(nosq, 1), -1);
    assert_int_equal(pl_issue_n_deciders(pl_scenario_issue(s, 0)), 0);
    pl_forecast_free(f);
    pl_scenario_free(s);
}

/*
** MODELS.md section 8's hand vector: members at 10, 30, 50, 70, 90 (weight 1),
** q = 20: the majority's win-set is (20, 80) and a setter at 100 gets 80; under
** unanimity it is empty. Here an actor S at 100 outside the body, capability
** 100, pulls the mean to (250 + 10000) / 105 = 97.6, so the forecast is 80
** under the majority and 20 (the status quo) under unanimity.
*/
static void test_models_vector(void **state)
{
    (void)state;
    static const char *const text =
        "parley: 1\nname: m8\nactors:\n  - {id: M1, capability: 1}\n  - {id: M2, capability: 1}\n"
        "  - {id: M3, capability: 1}\n  - {id: M4, capability: 1}\n  - {id: M5, capability: 1}\n"
        "  - {id: S, capability: 100}\nissues:\n"
        "  - {id: MAJ, scale: {0: a, 100: b}, status_quo: 20, decided_by: FIVE}\n"
        "  - {id: UNA, scale: {0: a, 100: b}, status_quo: 20, decided_by: ALL}\n"
        "positions:\n"
        "  M1: {MAJ: {position: 10, salience: 1}, UNA: {position: 10, salience: 1}}\n"
        "  M2: {MAJ: {position: 30, salience: 1}, UNA: {position: 30, salience: 1}}\n"
        "  M3: {MAJ: {position: 50, salience: 1}, UNA: {position: 50, salience: 1}}\n"
        "  M4: {MAJ: {position: 70, salience: 1}, UNA: {position: 70, salience: 1}}\n"
        "  M5: {MAJ: {position: 90, salience: 1}, UNA: {position: 90, salience: 1}}\n"
        "  S: {MAJ: {position: 100, salience: 1}, UNA: {position: 100, salience: 1}}\n"
        "bodies:\n  - {id: FIVE, members: [M1, M2, M3, M4, M5], quota: \"3/5\"}\n"
        "  - {id: ALL, members: [M1, M2, M3, M4, M5], quota: unanimity}\n";
    pl_scenario *s;
    pl_forecast *f = compute(&s, text, strlen(text), 1u << PL_MODEL_VETO);
    assert_near(pl_forecast_value(f, 0, PL_MODEL_MEAN), 10250.0 / 105, 1e-9);
    assert_near(pl_forecast_value(f, 0, PL_MODEL_VETO), 80, 1e-12);
    assert_near(pl_forecast_value(f, 1, PL_MODEL_VETO), 20, 1e-12);
    pl_forecast_free(f);
    pl_scenario_free(s);
}

/*
** Every model's forecast checked against the win-set (veto_check.c), on the same
** cases with the mean (above) and the weighted median (weights 1, 1, 3: C's
** position, 90, on every issue C decides alone by weight). By hand, i rejects y
** for q with margin |y - x_i| - |q - x_i| > 0:
**  UNAN   win-set [20, 40]; mean 72: A |72-30| - |20-30| = 32 (B 12 < 40, C 18 < 70
**         accept); median 90: A 60 - 10 = 50 (B 30 < 40 accepts).
**  SPLIT  win-set [50, 50]; mean 72: A 42 - 20 = 22, B 12 - 10 = 2; median 90: A 40,
**         B 30 - 10 = 20; C (90) accepts both.
**  NOSQ   no status quo: not checked (lo, hi NAN).
**  MAJ    win-set [40, 60] under the majority, which has no veto player, so the
**         body rejects as a whole: mean 66 by 6, median 90 by 30.
**  ABSENT win-set [40, 100]: mean 80 and median 90 inside.
** The veto model's forecasts lie in the closure of the win-set, so never appear.
*/
static void test_check(void **state)
{
    (void)state;
    pl_error err;
    pl_scenario *s;
    pl_forecast *f = run_models(&s, 1u << PL_MODEL_MEAN | 1u << PL_MODEL_MEDIAN |
                                        1u << PL_MODEL_VETO);
    pl__veto_check c;
    assert_int_equal(pl__veto_check_run(&c, f, s, &err), PL_OK);
    static const struct {
        const char *issue, *actor;
        int model;
        double margin;
    } want[] = {{"UNAN", "A", PL_MODEL_MEAN, 32},    {"UNAN", "A", PL_MODEL_MEDIAN, 50},
                {"SPLIT", "A", PL_MODEL_MEAN, 22},   {"SPLIT", "B", PL_MODEL_MEAN, 2},
                {"SPLIT", "A", PL_MODEL_MEDIAN, 40}, {"SPLIT", "B", PL_MODEL_MEDIAN, 20},
                {"MAJ", NULL, PL_MODEL_MEAN, 6},     {"MAJ", NULL, PL_MODEL_MEDIAN, 30}};
    assert_int_equal(c.n_miss, sizeof want / sizeof *want);
    for (size_t j = 0; j < c.n_miss; j++) {
        const pl__veto_miss *m = &c.miss[j];
        assert_int_equal(m->issue, pl_scenario_issue_index(s, want[j].issue));
        assert_int_equal(m->model, want[j].model);
        if (want[j].actor) {
            assert_int_equal(m->body, -1);
            assert_int_equal(m->actor, pl_scenario_actor_index(s, want[j].actor));
        } else {
            assert_int_equal(m->body, pl_scenario_body_index(s, "MAJORITY"));
            assert_int_equal(m->actor, -1);
        }
        assert_near(m->margin, want[j].margin, 1e-12);
    }
    static const struct {
        const char *id;
        double lo, hi;
    } ws[] = {{"UNAN", 20, 40}, {"SPLIT", 50, 50}, {"MAJ", 40, 60}, {"ABSENT", 40, 100}};
    for (size_t j = 0; j < sizeof ws / sizeof *ws; j++) {
        size_t k = (size_t)pl_scenario_issue_index(s, ws[j].id);
        assert_near(c.lo[k], ws[j].lo, 1e-12);
        assert_near(c.hi[k], ws[j].hi, 1e-12);
    }
    assert_true(isnan(c.lo[pl_scenario_issue_index(s, "NOSQ")]));
    pl__veto_check_free(&c);
    pl_forecast_free(f);
    pl_scenario_free(s);
}

/*
** A body with one written veto and a majority: P (40), Q (80), R (90), quota
** majority, veto P; q = 50. Above q the coalitions from the far end, {R} and
** {R, Q}, lack P, so nothing above q passes; below q, {P} is 1 of 3: the
** win-set is [50, 50]. The mean (40 + 80 + 90) / 3 = 70 is rejected by P, the
** only veto player (without Q, P and R still pass; without R, P and Q), by
** |70 - 40| - |50 - 40| = 20; Q and R prefer 70 to 50 and are not named.
*/
static void test_check_veto_member(void **state)
{
    (void)state;
    static const char *const text =
        "parley: 1\nname: vm\nactors:\n  - {id: P, capability: 1}\n  - {id: Q, capability: 1}\n"
        "  - {id: R, capability: 1}\nissues:\n"
        "  - {id: X, scale: {0: a, 100: b}, status_quo: 50, decided_by: COUNCIL}\n"
        "positions:\n  P: {X: {position: 40, salience: 1}}\n  Q: {X: {position: 80, salience: 1}}\n"
        "  R: {X: {position: 90, salience: 1}}\n"
        "bodies:\n  - {id: COUNCIL, members: [P, Q, R], quota: majority, veto: [P]}\n";
    pl_scenario *s;
    pl_error err;
    pl_forecast *f = compute(&s, text, strlen(text), 1u << PL_MODEL_MEAN);
    pl__veto_check c;
    assert_int_equal(pl__veto_check_run(&c, f, s, &err), PL_OK);
    assert_near(pl_forecast_value(f, 0, PL_MODEL_MEAN), 70, 1e-12);
    assert_near(c.lo[0], 50, 1e-12);
    assert_near(c.hi[0], 50, 1e-12);
    assert_int_equal(c.n_miss, 1);
    assert_int_equal(c.miss[0].body, pl_scenario_body_index(s, "COUNCIL"));
    assert_int_equal(c.miss[0].actor, pl_scenario_actor_index(s, "P"));
    assert_near(c.miss[0].margin, 20, 1e-12);
    pl__veto_check_free(&c);
    pl_forecast_free(f);
    pl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_acceptable),
        cmocka_unit_test(test_decided_by),
        cmocka_unit_test(test_models_vector),
        cmocka_unit_test(test_check),
        cmocka_unit_test(test_check_veto_member),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
