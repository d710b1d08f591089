/* SPDX-License-Identifier: MIT */
/*
** test_verdict.c: a proposal judged (parley/verdict.h) on tests/scenarios/proposal.yaml, whose
** header derives every number here by hand; a proposal's terms with their sources
** (pl_proposal_source, pl_proposal_note); pl_settle_package_at; the built-in proposals by name.
*/
#include "parley/parley.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

static pl_scenario *scenario(void)
{
    pl_scenario *s = NULL;
    assert_int_equal(pl_scenario_load_file(&s, PL_SOURCE_DIR "/tests/scenarios/proposal.yaml",
                                           NULL, NULL),
                     PL_OK);
    return s;
}

static pl_settlement *settle(const pl_scenario *s)
{
    pl_settle_opts so = PL_SETTLE_OPTS_INIT;
    so.max_enumerate = 0, so.logrolls = 0;
    pl_settlement *st = NULL;
    assert_int_equal(pl_settle_compute(&st, s, &so, NULL), PL_OK);
    return st;
}

/* The verdict on `text` (a proposal for s). */
static pl_verdict *judge(const pl_scenario *s, const pl_settlement *st, const char *text)
{
    pl_proposal *p = NULL;
    pl_verdict *v = NULL;
    assert_int_equal(pl_proposal_load_buffer(&p, s, text, strlen(text), "p.yaml", NULL), PL_OK);
    assert_int_equal(pl_verdict_compute(&v, s, st, p, NULL), PL_OK);
    pl_proposal_free(p);
    return v;
}

static void test_hand_derived(void **state)
{
    (void)state;
    pl_scenario *s = scenario();
    pl_settlement *st = settle(s);
    /* ARMY 50: u = (0.5, 0.5) against (0.4, 0.3); P = Phi(1) Phi(3); self-enforcing */
    pl_verdict *v = judge(s, st, "ARMY: 50\n");
    assert_int_equal(pl_verdict_n_parties(v), 2);
    assert_true(fabs(pl_verdict_utility(v, 0) - 0.5) < 1e-12);
    assert_true(fabs(pl_verdict_nodeal(v, 0) - 0.4) < 1e-12);
    assert_true(fabs(pl_verdict_nodeal(v, 1) - 0.3) < 1e-12);
    assert_true(pl_verdict_accepts(v, 0) && pl_verdict_accepts(v, 1) && pl_verdict_accepted(v));
    assert_true(pl_verdict_is_package(v));
    assert_true(fabs(pl_verdict_ratified(v) - 0.8413447461 * 0.9986501020) < 1e-9);
    assert_int_equal(pl_verdict_durable(v), 1);
    assert_non_null(pl_verdict_durability(v));
    pl_verdict_free(v);
    /* ARMY 100: A refuses (0 < 0.4); P = Phi(-4) Phi(-2); A prefers war at period 0 */
    v = judge(s, st, "ARMY: 100\n");
    assert_false(pl_verdict_accepts(v, 0));
    assert_true(pl_verdict_accepts(v, 1));
    assert_false(pl_verdict_accepted(v));
    assert_true(fabs(pl_verdict_ratified(v) - 3.167124183e-5 * 0.02275013195) < 1e-13);
    assert_int_equal(pl_verdict_durable(v), 0);
    pl_verdict_free(v);
    /* ARMY 30: B's utility 0.3 equals its no-deal value, within the tolerance: it accepts
       (1 - 70/100 is 0.30000000000000004 in binary); 30 is no worded point, yet the voters
       vote on it: V1 u 0.7, g 30; V2 u 0.9, g 50: P = Phi(3) Phi(5) */
    v = judge(s, st, "ARMY: 30\n");
    assert_true(pl_verdict_accepts(v, 1));
    assert_false(pl_verdict_is_package(v));
    assert_true(fabs(pl_verdict_ratified(v) - 0.99865010197 * 0.99999971335) < 1e-9);
    /* out of range: NAN, not an answer */
    assert_true(isnan(pl_verdict_utility(v, 2)) && !pl_verdict_accepts(v, 2));
    pl_verdict_free(v);
    pl_settle_free(st);
    pl_scenario_free(s);
}

static void test_package_at(void **state)
{
    (void)state;
    pl_scenario *s = scenario();
    pl_settlement *st = settle(s);
    uint32_t w[1] = {9};
    double x[1] = {100};
    assert_int_equal(pl_settle_package_at(st, x, w), 0);
    assert_int_equal(w[0], 2); /* the third worded point: 0, 50, 100 */
    x[0] = 50 + 1e-10;         /* within 1e-9 */
    assert_int_equal(pl_settle_package_at(st, x, w), 0);
    assert_int_equal(w[0], 1);
    x[0] = 50.1;
    assert_int_equal(pl_settle_package_at(st, x, w), -1);
    assert_int_equal(pl_settle_package_at(st, NULL, w), -1);
    pl_settle_free(st);
    pl_scenario_free(s);
}

static void test_sources(void **state)
{
    (void)state;
    pl_scenario *s = scenario();
    const char *text = "ARMY: {value: 100, source: \"quoted\", note: \"why\"}\n";
    pl_proposal *p = NULL;
    assert_int_equal(pl_proposal_load_buffer(&p, s, text, strlen(text), "p.yaml", NULL), PL_OK);
    assert_true(pl_proposal_points(p)[0] == 100);
    assert_string_equal(pl_proposal_source(p, 0), "quoted");
    assert_string_equal(pl_proposal_note(p, 0), "why");
    assert_null(pl_proposal_source(p, 1));
    pl_proposal_free(p);
    text = "ARMY: 100\n";
    assert_int_equal(pl_proposal_load_buffer(&p, s, text, strlen(text), "p.yaml", NULL), PL_OK);
    assert_null(pl_proposal_source(p, 0));
    assert_null(pl_proposal_note(p, 0));
    pl_proposal_free(p);
    pl_scenario_free(s);
}

static void test_builtin_names(void **state)
{
    (void)state;
    static const char *const names[] = {"moscow-terms", "europe-kyiv", "istanbul-2022"};
    size_t len = 1;
    for (size_t i = 0; i < 3; i++) {
        assert_string_equal(pl_builtin_proposal_name("ukraine-2025", i), names[i]);
        assert_non_null(pl_builtin_proposal("ukraine-2025", names[i], &len));
        assert_true(len > 0);
    }
    assert_null(pl_builtin_proposal_name("ukraine-2025", 3));
    assert_null(pl_builtin_proposal("ukraine-2025", "moscow", &len));
    assert_int_equal(len, 0);
    assert_null(pl_builtin_proposal("proposal", "moscow-terms", NULL));
    assert_null(pl_builtin_proposal_name("proposal", 0));
}

/*
** The red line a proposal crosses, by party: the built-in scenario's only red line is
** Russia's, GUAR "< 50" (scenarios/ukraine-2025.yaml, red_lines), and europe-kyiv puts GUAR at
** 0, so Russia rejects it for that line and no other party has one to cross; moscow-terms
** (GUAR 100) crosses none.
*/
static void test_red_line(void **state)
{
    (void)state;
    pl_scenario *s = NULL;
    assert_int_equal(pl_scenario_load_builtin(&s, NULL, NULL, NULL), PL_OK);
    pl_settlement *st = settle(s);
    static const char *const names[] = {"europe-kyiv", "moscow-terms"};
    for (int k = 0; k < 2; k++) {
        size_t len;
        const char *text = pl_builtin_proposal("ukraine-2025", names[k], &len);
        pl_verdict *v = judge(s, st, text);
        for (size_t i = 0; i < pl_verdict_n_parties(v); i++) {
            const char *who = pl_actor_id(pl_scenario_actor(s, pl_settle_party(st, i)));
            long red = pl_verdict_red_line(v, i);
            if (k == 0 && strcmp(who, "RUS") == 0) {
                assert_true(red >= 0);
                assert_string_equal(pl_issue_id(pl_scenario_issue(s, (size_t)red)), "GUAR");
                assert_false(pl_verdict_accepts(v, i));
            } else {
                assert_int_equal(red, -1);
            }
        }
        assert_int_equal(pl_verdict_red_line(v, pl_verdict_n_parties(v)), -1); /* out of range */
        pl_verdict_free(v);
    }
    pl_settle_free(st);
    pl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hand_derived),
        cmocka_unit_test(test_package_at),
        cmocka_unit_test(test_sources),
        cmocka_unit_test(test_builtin_names),
        cmocka_unit_test(test_red_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
