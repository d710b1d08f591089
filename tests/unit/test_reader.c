/* SPDX-License-Identifier: MIT */
/*
** test_reader.c: the scenario loader: a full valid scenario in YAML and the
** same in JSON give the same model; values with ranges and provenance;
** bodies and quotas resolve to thresholds; errors carry file:line:col.
*/
#include "test_util.h"

#include <stdio.h>

static const char *const good_yaml =
    "parley: 1\n"
    "name: demo\n"
    "title: A small test\n"
    "actors:\n"
    "  - {id: A, name: Alpha, capability: 2, roles: [belligerent]}\n"
    "  - id: B\n"
    "    capability: {value: 1, low: 0.5, high: 2, dist: triangular, note: guess}\n"
    "  - {id: C, capability: 1, at_table: false, roles: [constituency]}\n"
    "issues:\n"
    "  - id: X\n"
    "    scale: {100: hundred, 0: zero, 40: forty}\n"
    "    status_quo: 50\n"
    "  - {id: Y, name: Why, scale: {0: a, 100: b}}\n"
    "positions:\n"
    "  A: {X: {position: 10, salience: 0.5, source: \"said so\"}, Y: {position: 0, salience: 0.1}}\n"
    "  B: {X: {position: {value: 90, low: 80, high: 95}, salience: 1}}\n"
    "  C: {X: {position: 30, salience: 0.2}}\n"
    "bodies:\n"
    "  - id: COUNCIL\n"
    "    members: {A: 2, B: 1, C: 1}\n"
    "    quota: [\"2/3\", {members: 2}, majority]\n"
    "    veto: [A]\n"
    "  - {id: PUBLIC, members: [C], noise: 10}\n"
    "ratification: {A: COUNCIL, B: [COUNCIL, PUBLIC]}\n";

static const char *const good_json =
    "{\"parley\": 1, \"name\": \"demo\", \"title\": \"A small test\",\n"
    " \"actors\": [{\"id\": \"A\", \"name\": \"Alpha\", \"capability\": 2, \"roles\": [\"belligerent\"]},\n"
    "   {\"id\": \"B\", \"capability\": {\"value\": 1, \"low\": 0.5, \"high\": 2, \"dist\": \"triangular\", \"note\": \"guess\"}},\n"
    "   {\"id\": \"C\", \"capability\": 1, \"at_table\": false, \"roles\": [\"constituency\"]}],\n"
    " \"issues\": [{\"id\": \"X\", \"scale\": {\"100\": \"hundred\", \"0\": \"zero\", \"40\": \"forty\"}, \"status_quo\": 50},\n"
    "   {\"id\": \"Y\", \"name\": \"Why\", \"scale\": {\"0\": \"a\", \"100\": \"b\"}}],\n"
    " \"positions\": {\"A\": {\"X\": {\"position\": 10, \"salience\": 0.5, \"source\": \"said so\"},\n"
    "                     \"Y\": {\"position\": 0, \"salience\": 0.1}},\n"
    "   \"B\": {\"X\": {\"position\": {\"value\": 90, \"low\": 80, \"high\": 95}, \"salience\": 1}},\n"
    "   \"C\": {\"X\": {\"position\": 30, \"salience\": 0.2}}},\n"
    " \"bodies\": [{\"id\": \"COUNCIL\", \"members\": {\"A\": 2, \"B\": 1, \"C\": 1},\n"
    "   \"quota\": [\"2/3\", {\"members\": 2}, \"majority\"], \"veto\": [\"A\"]},\n"
    "   {\"id\": \"PUBLIC\", \"members\": [\"C\"], \"noise\": 10}],\n"
    " \"ratification\": {\"A\": \"COUNCIL\", \"B\": [\"COUNCIL\", \"PUBLIC\"]}}\n";

static pl_scenario *load(const char *text, const char *name)
{
    pl_scenario *s = NULL;
    pl_error err;
    pl_error_clear(&err);
    int rc = pl_scenario_load_buffer(&s, text, strlen(text), name, NULL, &err);
    if (rc)
        fail_msg("%s:%d:%d: %s", err.file, err.line, err.col, err.msg);
    return s;
}

static void check_demo(const pl_scenario *s)
{
    assert_string_equal(pl_scenario_name(s), "demo");
    assert_string_equal(pl_scenario_title(s), "A small test");
    assert_int_equal(pl_scenario_n_actors(s), 3);
    assert_int_equal(pl_scenario_n_issues(s), 2);
    assert_int_equal(pl_scenario_n_bodies(s), 2);
    const pl_actor *a = pl_scenario_actor(s, 0), *b = pl_scenario_actor(s, 1);
    assert_string_equal(pl_actor_name(a), "Alpha");
    assert_string_equal(pl_actor_name(b), "B");          /* name defaults to id */
    assert_int_equal(pl_actor_roles(a), PL_ROLE_BELLIGERENT);
    assert_false(pl_actor_at_table(pl_scenario_actor(s, 2)));
    const pl_value *cb = pl_actor_capability(b);
    assert_true(cb->value == 1 && cb->low == 0.5 && cb->high == 2);
    assert_int_equal(cb->dist, PL_DIST_TRIANGULAR);
    assert_string_equal(cb->note, "guess");
    /* anchors sorted by scale point */
    const pl_issue *x = pl_scenario_issue(s, 0);
    const char *w;
    assert_int_equal(pl_issue_n_anchors(x), 3);
    assert_true(pl_issue_anchor(x, 1, &w) == 40);
    assert_string_equal(w, "forty");
    assert_int_equal(pl_issue_nearest_anchor(x, 71), 2);
    assert_int_equal(pl_issue_nearest_anchor(x, 20), 0);  /* tie -> lower */
    assert_true(pl_issue_status_quo(x)->value == 50);
    assert_null(pl_issue_status_quo(pl_scenario_issue(s, 1)));
    /* positions: absent is not zero */
    double pos, sal;
    assert_int_equal(pl_scenario_position(s, 1, 1, &pos, &sal), 0);
    assert_int_equal(pl_scenario_position(s, 1, 0, &pos, &sal), 1);
    assert_true(pos == 90 && sal == 1);
    pl_value pv, sv;
    assert_int_equal(pl_scenario_position_value(s, 1, 0, &pv, &sv), 1);
    assert_true(pv.low == 80 && pv.high == 95 && pv.dist == PL_DIST_UNIFORM);
    assert_int_equal(pl_scenario_position_value(s, 0, 0, &pv, &sv), 1);
    assert_string_equal(pv.source, "said so");           /* inherited from the entry */
    assert_string_equal(sv.source, "said so");
    assert_int_equal(pl_scenario_position(s, 9, 0, &pos, &sal), PL_EMISUSE);
    /* bodies: 2/3 of 4 = 8/3; 2 members; majority = more than 2 */
    const pl_body *c = pl_scenario_body(s, 0);
    int strict;
    assert_int_equal(pl_body_n_quotas(c), 3);
    assert_near(pl_body_quota_threshold(c, 0, &strict), 8.0 / 3, 1e-12);
    assert_false(strict);
    assert_true(pl_body_quota_threshold(c, 1, &strict) == 2);
    assert_true(pl_body_quota_weight(c, 1, 0) == 1);     /* member count: weight 1 each */
    assert_true(pl_body_quota_weight(c, 0, 0) == 2);
    assert_true(pl_body_quota_threshold(c, 2, &strict) == 2);
    assert_true(strict);
    assert_true(pl_body_veto(c, 0) && !pl_body_veto(c, 1));
    const pl_body *p = pl_scenario_body(s, 1);
    assert_true(pl_body_noise(p)->value == 10);
    assert_true(pl_body_weight(p, 0)->value == 1);
    assert_int_equal(pl_scenario_n_ratifiers(s, 1), 2);
    assert_int_equal(pl_scenario_ratifier(s, 1, 1), 1);
    assert_int_equal(pl_scenario_actor_index(s, "C"), 2);
    assert_int_equal(pl_scenario_actor_index(s, "Z"), -1);
    assert_int_equal(pl_scenario_body_index(s, "PUBLIC"), 1);
}

static void yaml_and_json_agree(void **state)
{
    (void)state;
    pl_scenario *y = load(good_yaml, "demo.yaml"), *j = load(good_json, "demo.json");
    check_demo(y);
    check_demo(j);
    pl_scenario_free(y);
    pl_scenario_free(j);
}

static void expect_error(const char *text, const char *name, int line, int col,
                         const char *needle)
{
    pl_scenario *s = (pl_scenario *)1;
    pl_error err;
    pl_error_clear(&err);
    int rc = pl_scenario_load_buffer(&s, text, strlen(text), name, NULL, &err);
    assert_int_equal(rc, PL_EINPUT);
    assert_null(s);
    assert_string_equal(err.file, name);
    if (err.line != line || err.col != col || !strstr(err.msg, needle))
        fail_msg("got %d:%d: %s; expected %d:%d and '%s'", err.line, err.col, err.msg, line,
                 col, needle);
}

static void errors_point_at_the_place(void **state)
{
    (void)state;
    char buf[2048];
    /* a salience out of range, on line 15 of the demo */
    snprintf(buf, sizeof buf, "%s", good_yaml);
    char *p = strstr(buf, "salience: 0.5");
    memcpy(p, "salience: 1.7", 13);
    expect_error(buf, "t.yaml", 15, 35, "salience of 'A' on 'X' is 1.7; expected a number in [0, 1]");
    expect_error("", "e.yaml", 1, 1, "the file is empty");
    expect_error("parley: 1\nname: x\nactor: []\n", "k.yaml", 3, 1,
                 "unknown key 'actor' in the top level; did you mean 'actors'?");
    expect_error(good_json + 1, "j.json", 1, 9, "JSON syntax error");
}

static void require_sources(void **state)
{
    (void)state;
    pl_load_opts o = PL_LOAD_OPTS_INIT;
    o.flags = PL_LOAD_REQUIRE_SOURCES;
    pl_scenario *s = NULL;
    pl_error err;
    assert_int_equal(pl_scenario_load_buffer(&s, good_yaml, strlen(good_yaml), "d.yaml", &o, &err),
                     PL_EINPUT);
    assert_non_null(strstr(err.msg, "capability of actor 'A' has neither source nor note"));
    assert_int_equal(err.line, 5);
}

static int warnings;
static void count_warning(const pl_error *w, void *payload)
{
    (void)w;
    (*(int *)payload)++;
}

static void warns_about_silent_actors(void **state)
{
    (void)state;
    const char *t = "parley: 1\nname: w\n"
                    "actors: [{id: A, capability: 1}, {id: B, capability: 1}, {id: C, capability: 1}]\n"
                    "issues: [{id: X, scale: {0: a, 100: b}}]\n"
                    "positions: {A: {X: {position: 0, salience: 1}}, B: {X: {position: 9, salience: 1}}}\n";
    pl_load_opts o = PL_LOAD_OPTS_INIT;
    warnings = 0;
    o.warn = count_warning;
    o.payload = &warnings;
    pl_scenario *s = NULL;
    assert_int_equal(pl_scenario_load_buffer(&s, t, strlen(t), "w.yaml", &o, NULL), PL_OK);
    assert_int_equal(warnings, 1);
    pl_scenario_free(s);
}

static void aliases_are_resolved(void **state)
{
    (void)state;
    const char *t = "parley: 1\nname: a\n"
                    "actors: [{id: A, capability: &c 3}, {id: B, capability: *c}]\n"
                    "issues: [{id: X, scale: &s {0: a, 100: b}}, {id: Y, scale: *s}]\n"
                    "positions: {A: {X: &e {position: 0, salience: 1}, Y: *e}, B: {X: *e}}\n";
    pl_scenario *s = load(t, "a.yaml");
    assert_true(pl_actor_capability(pl_scenario_actor(s, 1))->value == 3);
    assert_int_equal(pl_issue_n_anchors(pl_scenario_issue(s, 1)), 2);
    pl_scenario_free(s);
}

/* Three independent errors, the actors' (found first) last in the file. */
static const char *const three_errors =
    "parley: 1\nname: three\n"
    "positions: {A: {X: {position: 50, salience: 2}}, B: {X: {position: 120, salience: 1}}}\n"
    "issues: [{id: X, scale: {0: a, 100: b}}]\n"
    "actors: [{id: A, capability: 1}, {id: B, capability: -1}]\n";

static void collects_every_error(void **state)
{
    (void)state;
    pl_error_list *list = NULL;
    assert_int_equal(pl_error_list_new(&list, 0), PL_OK);
    pl_load_opts o = PL_LOAD_OPTS_INIT;
    o.errors = list;
    pl_scenario *s = NULL;
    pl_error err;
    assert_int_equal(pl_scenario_load_buffer(&s, three_errors, strlen(three_errors), "t.yaml", &o,
                                             &err), PL_EINPUT);
    assert_null(s);
    /* err: the first error found, as without a list */
    assert_int_equal(err.line, 5);
    assert_non_null(strstr(err.msg, "capability of actor 'B' is -1"));
    /* the list: every one, by line and column */
    assert_int_equal(pl_error_list_count(list), 3);
    assert_false(pl_error_list_full(list));
    const pl_error *e0 = pl_error_list_get(list, 0), *e1 = pl_error_list_get(list, 1);
    assert_int_equal(e0->line, 3);
    assert_non_null(strstr(e0->msg, "salience of 'A' on 'X' is 2"));
    assert_int_equal(e1->line, 3);
    assert_true(e1->col > e0->col);
    assert_non_null(strstr(e1->msg, "position of 'B' on 'X' is 120"));
    assert_int_equal(pl_error_list_get(list, 2)->line, 5);
    assert_null(pl_error_list_get(list, 3));
    /* without a list: the same first error */
    pl_error one;
    assert_int_equal(pl_scenario_load_buffer(&s, three_errors, strlen(three_errors), "t.yaml",
                                             NULL, &one), PL_EINPUT);
    assert_string_equal(one.msg, err.msg);
    /* a syntax error is the list's only entry; a valid file leaves it empty */
    assert_int_equal(pl_scenario_load_buffer(&s, "a: [", 4, "s.yaml", &o, NULL), PL_EINPUT);
    assert_int_equal(pl_error_list_count(list), 1);
    assert_non_null(strstr(pl_error_list_get(list, 0)->msg, "syntax error"));
    assert_int_equal(pl_scenario_load_buffer(&s, good_yaml, strlen(good_yaml), "g.yaml", &o, NULL),
                     PL_OK);
    assert_int_equal(pl_error_list_count(list), 0);
    pl_scenario_free(s);
    pl_error_list_free(list);
}

static void error_list_limit(void **state)
{
    (void)state;
    pl_error_list *list = NULL;
    assert_int_equal(pl_error_list_new(&list, 2), PL_OK);
    pl_load_opts o = PL_LOAD_OPTS_INIT;
    o.errors = list;
    pl_scenario *s = NULL;
    assert_int_equal(pl_scenario_load_buffer(&s, three_errors, strlen(three_errors), "t.yaml", &o,
                                             NULL), PL_EINPUT);
    assert_int_equal(pl_error_list_count(list), 2);
    assert_true(pl_error_list_full(list));
    pl_error_list_clear(list);
    assert_int_equal(pl_error_list_count(list), 0);
    pl_error_list_free(list);
    pl_error_list_free(NULL);
    assert_int_equal(pl_error_list_new(NULL, 1), PL_EMISUSE);
}

/* What depends on a part in error is not reported again; warnings stop at the first error. */
static void no_follow_on_errors(void **state)
{
    (void)state;
    const char *t = "parley: 1\nname: f\n"
                    "actors: [{id: A, capability: 1}, {id: 9B, capability: 1}, {id: C}]\n"
                    "issues: [{id: X, scale: {0: a, 100: b}}, {id: Y, scael: {0: a, 100: b}}]\n"
                    "positions: {A: {X: {position: 0, salience: 1}}, 9B: {X: {position: 9, "
                    "salience: 1}}, D: {X: {position: 1, salience: 1}}}\n";
    pl_error_list *list = NULL;
    assert_int_equal(pl_error_list_new(&list, 0), PL_OK);
    pl_load_opts o = PL_LOAD_OPTS_INIT;
    o.errors = list;
    warnings = 0;
    o.warn = count_warning;
    o.payload = &warnings;
    pl_scenario *s = NULL;
    assert_int_equal(pl_scenario_load_buffer(&s, t, strlen(t), "f.yaml", &o, NULL), PL_EINPUT);
    /* 9B's id, C's capability, Y's misspelt scale (not also "no scale"); the positions of
       9B and D may name the actor in error, and C's silence is not warned about */
    assert_int_equal(pl_error_list_count(list), 3);
    assert_non_null(strstr(pl_error_list_get(list, 0)->msg, "actor id is \"9B\""));
    assert_non_null(strstr(pl_error_list_get(list, 1)->msg, "actor 'C' has no 'capability'"));
    assert_non_null(strstr(pl_error_list_get(list, 2)->msg, "unknown key 'scael'"));
    assert_int_equal(warnings, 0);
    pl_error_list_free(list);
}

static void file_errors(void **state)
{
    (void)state;
    pl_scenario *s = NULL;
    pl_error err;
    assert_int_equal(pl_scenario_load_file(&s, "/nonexistent/x.yaml", NULL, &err), PL_EIO);
    assert_non_null(strstr(err.msg, "cannot open"));
    assert_int_equal(pl_scenario_load_file(NULL, "x", NULL, &err), PL_EMISUSE);
    pl_scenario_free(NULL);   /* a harmless no-op */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(yaml_and_json_agree),
        cmocka_unit_test(errors_point_at_the_place),
        cmocka_unit_test(require_sources),
        cmocka_unit_test(warns_about_silent_actors),
        cmocka_unit_test(aliases_are_resolved),
        cmocka_unit_test(file_errors),
        cmocka_unit_test(collects_every_error),
        cmocka_unit_test(error_list_limit),
        cmocka_unit_test(no_follow_on_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
