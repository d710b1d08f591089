/* SPDX-License-Identifier: MIT */
/*
** test_serve.c: parley serve's request handler (src/serve/), without sockets.
** Routing (404, 405 with Allow, 413), the body parser's fields and its
** errors with line and column, /api/run against the library's own path
** (the scenario loaded with the same changes through pl_load_opts, then
** pl_forecast_emit), /api/yaml against hand-edited texts (written beside
** each case: comments stay, a value is replaced where it was written, a new
** key goes before its mapping's first key), and the stress job's states.
*/
#include "test_util.h"
#include "serve/serve_impl.h"

#include <time.h>
#include <unistd.h>

static const char small[] =
    "# a small scenario\n"
    "parley: 1\n"
    "name: small\n"
    "actors:\n"
    "  - id: A   # the first\n"
    "    capability: 10\n"
    "  - {id: B, capability: 30}\n"
    "issues:\n"
    "  - id: X\n"
    "    name: \"The X\"\n"
    "    scale: {0: none, 100: all}\n"
    "    status_quo: 50\n"
    "positions:\n"
    "  A:\n"
    "    X: {position: 20, salience: 0.5}   # A's view\n"
    "  B:\n"
    "    X:\n"
    "      position: 80\n"
    "      salience: 1\n";

static void ctx_small(pl__serve_ctx *c, size_t max_body)
{
    pl_serve_opts o = PL_SERVE_OPTS_INIT;
    o.text = small;
    o.len = sizeof small - 1;
    o.name = "small.yaml";
    o.max_body = max_body;
    assert_int_equal(pl__serve_ctx_init(c, &o, NULL), PL_OK);
}

static const char *body_of(const pl__serve_resp *r)
{
    return r->static_body ? r->static_body : r->body.buf;
}

static void ask(pl__serve_ctx *c, const char *method, const char *path, const char *body,
                int status, pl__serve_resp *r)
{
    assert_int_equal(pl__serve_handle(c, method, path, body, strlen(body), r), PL_OK);
    if (r->status != status)
        fail_msg("%s %s: %d, expected %d: %s", method, path, r->status, status, body_of(r));
}

static void test_routes(void **state)
{
    (void)state;
    pl__serve_ctx c;
    pl__serve_resp r;
    ctx_small(&c, 64);
    ask(&c, "GET", "/", "", 200, &r);
    assert_string_equal(r.type, "text/html; charset=utf-8");
    assert_non_null(strstr(body_of(&r), "<html"));
    pl__serve_resp_free(&r);
    ask(&c, "GET", "/etc/passwd", "", 404, &r);
    pl__serve_resp_free(&r);
    ask(&c, "GET", "/api/run", "", 405, &r);
    assert_string_equal(r.allow, "POST");
    pl__serve_resp_free(&r);
    ask(&c, "POST", "/api/stress/1", "", 405, &r);
    assert_string_equal(r.allow, "GET, DELETE");
    pl__serve_resp_free(&r);
    /* 65 bytes against a limit of 64 */
    ask(&c, "POST", "/api/validate",
        "{\"set\": [[\"positions.A.X.position\", 30]], \"variant\": null        }", 413, &r);
    assert_non_null(strstr(body_of(&r), "expected at most 64"));
    pl__serve_resp_free(&r);
    pl__serve_ctx_free(&c);
}

static void test_parse(void **state)
{
    (void)state;
    pl__serve_req q;
    pl_error err;
    const char *b = "{\"set\": [[\"a.b\", 1.5], [\"c\", \"x y\"]], \"analyses\": [\"settle\", "
                    "\"forecast\"],\n \"options\": {\"seed\": 7, \"draws\": \"0\", \"step\": 25}}";
    assert_int_equal(pl__serve_req_parse(&q, b, strlen(b), &err), PL_OK);
    assert_int_equal(q.n_changes, 2);
    assert_string_equal(q.changes[0], "a.b=1.5");
    assert_string_equal(q.changes[1], "c=x y");
    assert_int_equal(q.analyses, PL_SERVE_FORECAST | PL_SERVE_SETTLE);
    assert_true(q.has_seed && q.seed == 7 && q.has_draws && q.draws == 0);
    assert_near(q.step, 25, 0);
    pl__serve_req_free(&q);
    /* each error names the body's line and column */
    static const struct { const char *body, *msg; } bad[] = {
        {"{\"set\": 3}", "request:1:9: \"set\" is 3; expected a list of [PATH, VALUE]"},
        {"{\n  \"set\": [[\"a\"]]}", "request:2:11: a \"set\" entry is a list; expected [PATH, VALUE]"},
        {"{\"set\": [[\"a=b\", 1]]}", "request:1:12: a \"set\" path is a=b; expected a path"},
        {"{\"options\": {\"draws\": -1}}", "request:1:23: \"draws\" is -1; expected a whole number"},
        {"{\"options\": {\"step\": 0}}", "request:1:22: \"step\" is 0; expected a grid step"},
        {"{\"analyses\": []}", "request:1:14: \"analyses\" is empty; expected at least one"},
        {"{\"variant\": 3, \"x\": 1}", "request:1:13: \"variant\" is 3; expected a string"},
        {"{\"nope\": 1}", "request:1:3: \"nope\" is not known"},
        {"[]", "request:1:1: the body is a list; expected a JSON object"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        pl_error_clear(&err);
        assert_int_equal(pl__serve_req_parse(&q, bad[i].body, strlen(bad[i].body), &err),
                         PL_EINPUT);
        char text[PL_ERROR_FILE_MAX + PL_ERROR_MSG_MAX + 32];
        pl_error_format(&err, text, sizeof text);
        if (strncmp(text, bad[i].msg, strlen(bad[i].msg)) != 0)
            fail_msg("body %s: '%s', expected it to start '%s'", bad[i].body, text, bad[i].msg);
        pl__serve_req_free(&q);
    }
}

/* The forecast document of small.yaml with changes, the library's own way. */
static char *forecast_doc(const char *const *changes, size_t n)
{
    pl_load_opts lo = PL_LOAD_OPTS_INIT;
    lo.changes = changes;
    lo.n_changes = n;
    pl_scenario *s = NULL;
    pl_forecast *f = NULL;
    pl_forecast_opts fo = PL_FORECAST_OPTS_INIT;
    assert_int_equal(pl_scenario_load_buffer(&s, small, sizeof small - 1, "small.yaml", &lo, NULL), PL_OK);
    assert_int_equal(pl_forecast_compute(&f, s, &fo, NULL), PL_OK);
    test_sink k = {NULL, 0, 0};
    pl_emitter *e;
    assert_int_equal(pl_emitter_new(&e, PL_FORMAT_JSON, test_sink_write, &k, NULL, NULL), PL_OK);
    pl_emit_document_begin(e, s);
    pl_forecast_emit(f, s, e);
    pl_emit_object_end(e);
    assert_int_equal(pl_emitter_finish(e, NULL), PL_OK);
    pl_emitter_free(e);
    pl_forecast_free(f);
    pl_scenario_free(s);
    return k.data;
}

static void test_run(void **state)
{
    (void)state;
    pl__serve_ctx c;
    pl__serve_resp r;
    ctx_small(&c, 0);
    ask(&c, "POST", "/api/run", "{\"analyses\": [\"forecast\"], \"set\": "
        "[[\"positions.A.X.position\", 40]]}", 200, &r);
    static const char *const ch[] = {"positions.A.X.position=40"};
    char *want = forecast_doc(ch, 1), *base = forecast_doc(NULL, 0);
    const char *got = strstr(body_of(&r), "\"forecast\": ") + 12;
    assert_memory_equal(got, want, strlen(want));
    assert_true(strcmp(want, base) != 0);  /* the change moved the forecast */
    free(want), free(base);
    pl__serve_resp_free(&r);
    /* small.yaml has no durability section, no claims and no bodies: asking is bad input */
    ask(&c, "POST", "/api/run", "{\"analyses\": [\"durability\"]}", 400, &r);
    assert_non_null(strstr(body_of(&r), "durability"));
    pl__serve_resp_free(&r);
    ask(&c, "POST", "/api/run", "{\"analyses\": [\"power\"]}", 400, &r);
    assert_non_null(strstr(body_of(&r), "bodies"));
    pl__serve_resp_free(&r);
    /* without "analyses": those the scenario supports, the forecast and the settlement */
    ask(&c, "POST", "/api/run", "{}", 200, &r);
    assert_non_null(strstr(body_of(&r), "\"ms\": {\"forecast\": "));
    assert_null(strstr(body_of(&r), "\"power\": "));
    pl__serve_resp_free(&r);
    /* a value off the scale: the loader's message, the path */
    ask(&c, "POST", "/api/run", "{\"set\": [[\"positions.A.X.salience\", 2]]}", 400, &r);
    assert_non_null(strstr(body_of(&r), "\"path\": \"positions.A.X.salience\""));
    assert_non_null(strstr(body_of(&r), "expected a number in [0, 1]"));
    pl__serve_resp_free(&r);
    pl__serve_ctx_free(&c);
}

/* /api/yaml on small.yaml: the text with the changes, byte for byte. */
static void expect_yaml(pl__serve_ctx *c, const char *body, const char *const *edits, size_t n)
{
    pl__serve_resp r;
    ask(c, "POST", "/api/yaml", body, 200, &r);
    /* the expected text: small.yaml with each edit (old line -> new lines) made by hand */
    char want[2048];
    snprintf(want, sizeof want, "%s", small);
    for (size_t i = 0; i < n; i += 2) {
        char *at = strstr(want, edits[i]);
        assert_non_null(at);
        size_t lo = strlen(edits[i]), ln = strlen(edits[i + 1]);
        memmove(at + ln, at + lo, strlen(at + lo) + 1);
        memcpy(at, edits[i + 1], ln);
    }
    assert_string_equal(body_of(&r), want);
    assert_string_equal(r.disposition, "attachment; filename=\"small-edited.yaml\"");
    pl__serve_resp_free(&r);
}

static void test_yaml(void **state)
{
    (void)state;
    pl__serve_ctx c;
    ctx_small(&c, 0);
    /* a plain value, a quoted one, a key added to a block mapping under "- " and to a
       flow mapping, a new position entry */
    static const char *const e1[] = {
        "X: {position: 20, salience: 0.5}", "X: {position: 35, salience: 0.5}",
        "name: \"The X\"", "name: \"Y axis\"",
        "  - id: A   # the first", "  - risk: 0.5\n    id: A   # the first",
        "{id: B, capability: 30}", "{risk: -0.5, id: B, capability: 30}"};
    expect_yaml(&c, "{\"set\": [[\"positions.A.X.position\", 35], [\"issues.X.name\", \"Y axis\"],"
                " [\"actors.A.risk\", 0.5], [\"actors.B.risk\", \"-0.5\"]]}", e1, 8);
    static const char *const e2[] = {"  A:\n    X:", "  A:\n    Y: 3\n    X:"};
    pl__serve_resp r;  /* Y is no issue: the changed scenario does not load, so 400 */
    ask(&c, "POST", "/api/yaml", "{\"set\": [[\"positions.A.Y\", 3]]}", 400, &r);
    pl__serve_resp_free(&r);
    (void)e2;
    /* text that needs quotes is quoted */
    static const char *const e3[] = {"name: small\n", "name: small\n",
                                     "  - id: A   # the first", "  - name: \"A: first\"\n    id: A   # the first"};
    expect_yaml(&c, "{\"set\": [[\"actors.A.name\", \"'A: first'\"]]}", e3, 4);
    pl__serve_ctx_free(&c);
}

static void test_stress_job(void **state)
{
    (void)state;
    pl__serve_ctx c;
    pl__serve_resp r;
    ctx_small(&c, 0);
    ask(&c, "POST", "/api/stress", "{\"options\": {\"draws\": 0}}", 400, &r);
    pl__serve_resp_free(&r);
    ask(&c, "POST", "/api/stress", "{\"options\": {\"draws\": 20001}}", 503, &r);
    pl__serve_resp_free(&r);
    ask(&c, "POST", "/api/stress", "{\"options\": {\"draws\": 50, \"seed\": 2}}", 202, &r);
    assert_non_null(strstr(body_of(&r), "\"job\": \"1\""));
    pl__serve_resp_free(&r);
    for (int i = 0; i < 600; i++) {  /* done within a minute, even under the sanitizers */
        ask(&c, "GET", "/api/stress/1", "", 200, &r);
        int running = strstr(body_of(&r), "\"state\": \"running\"") != NULL;
        if (!running)
            break;
        pl__serve_resp_free(&r);
        struct timespec t = {0, 100000000};
        nanosleep(&t, NULL);
    }
    assert_non_null(strstr(body_of(&r), "\"state\": \"done\", \"done\": 50, \"total\": 50"));
    assert_non_null(strstr(body_of(&r), "\"result\": {"));
    pl__serve_resp_free(&r);
    ask(&c, "GET", "/api/stress/2", "", 404, &r);
    pl__serve_resp_free(&r);
    /* a long job: 409 for another, cancelled by DELETE, joined when the server stops */
    ask(&c, "POST", "/api/stress", "{\"options\": {\"draws\": 20000}}", 202, &r);
    pl__serve_resp_free(&r);
    ask(&c, "POST", "/api/stress", "{}", 409, &r);
    pl__serve_resp_free(&r);
    ask(&c, "DELETE", "/api/stress/2", "", 200, &r);
    pl__serve_resp_free(&r);
    pl__serve_ctx_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_routes),
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_run),
        cmocka_unit_test(test_yaml),
        cmocka_unit_test(test_stress_job),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
