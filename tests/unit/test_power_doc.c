/* SPDX-License-Identifier: MIT */
/*
** test_power_doc.c: the document of `parley power` (pl_power_doc), which the
** CLI and the Python package both write. The game [3; 2,1,1] is derived by
** hand in test_game_against; the built-in scenario's bodies are those of
** scenarios/ukraine-2025.yaml. Messages are the CLI's (tests/cli checks them
** there too).
*/
#include "tests/unit/test_util.h"

/* d described as JSON, malloc'd. */
static char *doc_json(const pl_power_doc *d)
{
    test_sink k = {NULL, 0, 0};
    pl_emitter *e;
    assert_int_equal(pl_emitter_new(&e, PL_FORMAT_JSON, test_sink_write, &k, NULL, NULL), PL_OK);
    pl_emit_object_begin(e, NULL, NULL);
    assert_int_equal(pl_power_doc_emit(d, e), PL_OK);
    pl_emit_object_end(e);
    assert_int_equal(pl_emitter_finish(e, NULL), PL_OK);
    pl_emitter_free(e);
    return k.data;
}

static void expect_in(const char *text, const char *want)
{
    if (!strstr(text, want))
        fail_msg("expected %s in:\n%s", want, text);
}

static pl_game *game_211(void)
{
    static const int64_t w[] = {2, 1, 1};
    pl_game *g;
    assert_int_equal(pl_game_new(&g, 3, NULL), PL_OK);
    assert_int_equal(pl_game_add_condition(g, w, 3, NULL), PL_OK);
    return g;
}

/*
** [3; 2,1,1] by hand: the winning coalitions are {1,2}, {1,3}, {1,2,3} (3 of 8), all
** holding member 1, so 1 blocks alone through the quota; the others weigh 2 < 3, so the
** quota must fall from 3 to 2 of the total 4 for them to act. Member 1 is pivotal in
** the 4 of 6 orderings where it comes second or third: Shapley-Shubik 2/3.
*/
static void test_game_against(void **state)
{
    (void)state;
    pl_game *g = game_211();
    pl_power_doc *d;
    assert_int_equal(pl_power_doc_game(&d, g, "1", NULL, NULL), PL_OK);
    char *j = doc_json(d);
    expect_in(j, "\"body\": \"game\"");
    expect_in(j, "\"winning_coalitions\": \"3\"");
    expect_in(j, "\"shapley_shubik\": \"2/3\"");
    expect_in(j, "\"game\": \"cannot act against 1: 1 can block alone (through the quota)");
    expect_in(j, "lower the quota from 3 to 2 of 4");
    free(j);
    pl_power_doc_free(d);
    /* without a target: no conclusion but the one that says why, no "against" object */
    assert_int_equal(pl_power_doc_game(&d, g, NULL, NULL, NULL), PL_OK);
    j = doc_json(d);
    expect_in(j, "\"conclusions\": {\n    \"none\": \"No body names an actor it is meant to "
                 "restrain");
    assert_null(strstr(j, "\"game\": \"cannot act"));
    assert_null(strstr(j, "\"against\""));
    free(j);
    pl_power_doc_free(d);
    pl_game_free(g);
}

static void test_game_errors(void **state)
{
    (void)state;
    pl_game *g = game_211();
    pl_power_doc *d = (pl_power_doc *)&d;
    pl_error err;
    assert_int_equal(pl_power_doc_game(&d, g, "9", NULL, &err), PL_EINPUT);
    assert_null(d);
    assert_string_equal(err.msg, "--against 9: not a member; expected a name or a number "
                                 "from 1 to 3");
    pl_game_free(g);
    /* a failure of the computation is about the game, and says so */
    assert_int_equal(pl_game_new(&g, 40, NULL), PL_OK);
    assert_int_equal(pl_game_add_condition(g, NULL, 21, NULL), PL_OK);
    pl_power_opts o = PL_POWER_OPTS_INIT;
    o.method = PL_POWER_ENUMERATE;
    assert_int_equal(pl_power_doc_game(&d, g, NULL, &o, &err), PL_EINPUT);
    expect_in(err.msg, "game: enumeration of all coalitions handles at most 30 members");
    pl_game_free(g);
}

static void test_scenario(void **state)
{
    (void)state;
    pl_scenario *s = test_builtin();
    pl_power_doc *d;
    assert_int_equal(pl_power_doc_scenario(&d, s, NULL, NULL, NULL, NULL), PL_OK);
    char *j = doc_json(d);
    for (size_t b = 0; b < pl_scenario_n_bodies(s); b++) {
        char want[128];
        snprintf(want, sizeof want, "\"id\": \"%s\"", pl_body_id(pl_scenario_body(s, b)));
        expect_in(j, want);
    }
    /* the council's own target (against: RUS) and its written veto */
    expect_in(j, "\"GUARANTOR_COUNCIL\": \"cannot act against RUS: RUS can block alone (a "
                 "veto written into the rules)");
    free(j);
    pl_power_doc_free(d);
    /* one body, against another actor */
    assert_int_equal(pl_power_doc_scenario(&d, s, "US_LED_BACKSTOP", "UKR", NULL, NULL), PL_OK);
    j = doc_json(d);
    expect_in(j, "\"US_LED_BACKSTOP\": \"can act without UKR");
    assert_null(strstr(j, "GUARANTOR_COUNCIL"));
    free(j);
    pl_power_doc_free(d);
    pl_scenario_free(s);
}

static void test_scenario_errors(void **state)
{
    (void)state;
    pl_scenario *s = test_builtin();
    pl_power_doc *d;
    pl_error err;
    assert_int_equal(pl_power_doc_scenario(&d, s, "NOPE", NULL, NULL, &err), PL_ENOTFOUND);
    assert_string_equal(err.msg, "--body NOPE: no such body in scenario ukraine-2025; see "
                                 "`parley scenario`");
    assert_int_equal(pl_power_doc_scenario(&d, s, NULL, "NOPE", NULL, &err), PL_ENOTFOUND);
    assert_string_equal(err.msg, "--against NOPE: no such actor in scenario ukraine-2025");
    pl_scenario_free(s);
    char path[512];
    snprintf(path, sizeof path, "%s/tests/scenarios/jcpoa-2015.yaml", PL_SOURCE_DIR);
    assert_int_equal(pl_scenario_load_file(&s, path, NULL, NULL), PL_OK);
    assert_int_equal(pl_power_doc_scenario(&d, s, NULL, NULL, NULL, &err), PL_EINPUT);
    expect_in(err.msg, "scenario jcpoa-2015 has no bodies");
    pl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_game_against),
        cmocka_unit_test(test_game_errors),
        cmocka_unit_test(test_scenario),
        cmocka_unit_test(test_scenario_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
