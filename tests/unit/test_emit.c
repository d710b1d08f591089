/* SPDX-License-Identifier: MIT */
/*
** test_emit.c: the three emitters on one small description, byte for byte,
** and the structural checks (NaN refused, misuse detected, sticky errors).
*/
#include "test_util.h"
#include "scenario/doc.h"

#include <stdlib.h>

typedef struct sink {
    char buf[4096];
    size_t len;
} sink;

static int to_sink(const char *data, size_t len, void *payload)
{
    sink *k = payload;
    if (k->len + len >= sizeof k->buf)
        return -1;
    memcpy(k->buf + k->len, data, len);
    k->len += len;
    k->buf[k->len] = '\0';
    return 0;
}

static void describe(pl_emitter *e)
{
    static const char *const cols[] = {"id", "value"};
    pl_emit_object_begin(e, NULL, NULL);
    pl_emit_string(e, "name", "say \"hi\",\n\tok");
    pl_emit_number(e, "x", 0.1);
    pl_emit_int(e, "n", 3);
    pl_emit_bool(e, "flag", 1);
    pl_emit_null(e, "none");
    pl_emit_array_begin(e, "list", NULL);
    pl_emit_string(e, NULL, "a");
    pl_emit_string(e, NULL, "b");
    pl_emit_array_end(e);
    pl_emit_table_begin(e, "t", "Table", cols, 2);
    pl_emit_row_begin(e);
    pl_emit_string(e, NULL, "first, one");
    pl_emit_number(e, NULL, 12.5);
    pl_emit_row_end(e);
    pl_emit_row_begin(e);
    pl_emit_string(e, NULL, "second");
    pl_emit_number(e, NULL, -0.0);
    pl_emit_row_end(e);
    pl_emit_table_end(e);
    pl_emit_object_end(e);
}

static void render(pl_format f, const char *table, sink *k, int expect_rc)
{
    pl_emitter *e = NULL;
    pl_emit_opts o = PL_EMIT_OPTS_INIT;
    o.csv_table = table;
    k->len = 0;
    k->buf[0] = '\0';
    assert_int_equal(pl_emitter_new(&e, f, to_sink, k, &o, NULL), PL_OK);
    describe(e);
    pl_error err;
    assert_int_equal(pl_emitter_finish(e, &err), expect_rc);
    pl_emitter_free(e);
}

static void json(void **state)
{
    (void)state;
    sink k;
    render(PL_FORMAT_JSON, NULL, &k, PL_OK);
    assert_string_equal(k.buf,
        "{\n  \"name\": \"say \\\"hi\\\",\\n\\tok\",\n  \"x\": 0.1,\n  \"n\": 3,\n"
        "  \"flag\": true,\n  \"none\": null,\n  \"list\": [\n    \"a\",\n    \"b\"\n  ],\n"
        "  \"t\": [\n    {\n      \"id\": \"first, one\",\n      \"value\": 12.5\n    },\n"
        "    {\n      \"id\": \"second\",\n      \"value\": 0\n    }\n  ]\n}\n");
    /* and it parses back as JSON */
    pl_doc d;
    assert_int_equal(pl_doc_parse(&d, k.buf, k.len, "x.json", PL_DOC_JSON, NULL), PL_OK);
    assert_int_equal(d.root->type, PL_DOC_MAP);
    assert_int_equal(d.root->len, 7);
    pl_doc_free(&d);
}

static void csv(void **state)
{
    (void)state;
    sink k;
    render(PL_FORMAT_CSV, NULL, &k, PL_OK);
    assert_string_equal(k.buf, "id,value\r\n\"first, one\",12.5\r\nsecond,0\r\n");
    render(PL_FORMAT_CSV, "nope", &k, PL_EINPUT);
}

static void text(void **state)
{
    (void)state;
    sink k;
    render(PL_FORMAT_TEXT, NULL, &k, PL_OK);
    assert_string_equal(k.buf,
        "name: say \"hi\",\n  \tok\nx: 0.1\nn: 3\nflag: yes\nnone: -\nlist: a, b\n"
        "\nTable\n-----\nid          value\nfirst, one   12.5\nsecond          0\n");
}

static void refuses_nan_and_misuse(void **state)
{
    (void)state;
    sink k = {{0}, 0};
    pl_emitter *e = NULL;
    pl_error err;
    assert_int_equal(pl_emitter_new(&e, PL_FORMAT_JSON, to_sink, &k, NULL, NULL), PL_OK);
    pl_emit_object_begin(e, NULL, NULL);
    assert_int_equal(pl_emit_number(e, "bad", NAN), PL_ERANGE);
    assert_int_equal(pl_emit_number(e, "later", 1), PL_ERANGE);   /* sticky */
    pl_emit_object_end(e);
    assert_int_equal(pl_emitter_finish(e, &err), PL_ERANGE);
    assert_null(strstr(k.buf, "nan"));
    pl_emitter_free(e);

    assert_int_equal(pl_emitter_new(&e, PL_FORMAT_TEXT, to_sink, &k, NULL, NULL), PL_OK);
    pl_emit_object_begin(e, NULL, NULL);
    assert_int_equal(pl_emit_string(e, NULL, "no key"), PL_EMISUSE);
    pl_emitter_free(e);

    assert_int_equal(pl_emitter_new(&e, PL_FORMAT_TEXT, to_sink, &k, NULL, NULL), PL_OK);
    pl_emit_object_begin(e, NULL, NULL);
    assert_int_equal(pl_emitter_finish(e, &err), PL_EMISUSE);   /* left open */
    pl_emitter_free(e);
    pl_format f;
    assert_int_equal(pl_format_parse(&f, "json"), PL_OK);
    assert_int_equal(f, PL_FORMAT_JSON);
    assert_int_equal(pl_format_parse(&f, "xml"), PL_EINPUT);
}

static int failing_sink(const char *data, size_t len, void *payload)
{
    (void)data; (void)len; (void)payload;
    return -1;
}

static void write_failure_is_reported(void **state)
{
    (void)state;
    pl_emitter *e = NULL;
    pl_error err;
    assert_int_equal(pl_emitter_new(&e, PL_FORMAT_JSON, failing_sink, NULL, NULL, NULL), PL_OK);
    describe(e);
    assert_int_equal(pl_emitter_finish(e, &err), PL_EIO);
    pl_emitter_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(json), cmocka_unit_test(csv), cmocka_unit_test(text),
        cmocka_unit_test(refuses_nan_and_misuse), cmocka_unit_test(write_failure_is_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
