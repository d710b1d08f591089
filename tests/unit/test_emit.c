/* SPDX-License-Identifier: MIT */
/*
** test_emit.c: the three emitters on one small description, byte for byte,
** the in-memory tree (shape, scalar types, titles, rows, nesting, copies),
** the structural checks (NaN refused, misuse detected, sticky errors), and
** PL_ENOMEM from the tree and text emitters when any allocation fails.
*/
#include "test_util.h"
#include "scenario/doc.h"
#include "emit/tree.h"
#include "fail_alloc.h"

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

static const char text_out[] =
    "name: say \"hi\",\n  \tok\nx: 0.1\nn: 3\nflag: yes\nnone: -\nlist: a, b\n"
    "\nTable\n-----\nid          value\nfirst, one   12.5\nsecond          0\n";

static void text(void **state)
{
    (void)state;
    sink k;
    render(PL_FORMAT_TEXT, NULL, &k, PL_OK);
    assert_string_equal(k.buf, text_out);
}

/*
** A text cell longer than 72 columns is clipped to 71 and an ellipsis when another column
** follows, whole in the last column; columns count UTF-8 characters, not bytes; two equal long
** cells still group. Hand-made: 80 characters ("é" twice), the same in the last column.
*/
static void text_clips_wide_cells(void **state)
{
    (void)state;
    static const char *const cols[] = {"a", "b"};
    char longer[128] = "\xc3\xa9\xc3\xa9";
    for (int i = 2; i < 80; i++)
        strcat(longer, i % 10 ? "x" : " ");
    pl_emitter *e = NULL;
    sink k = {.len = 0};
    assert_int_equal(pl_emitter_new(&e, PL_FORMAT_TEXT, to_sink, &k, NULL, NULL), PL_OK);
    pl_emit_object_begin(e, NULL, NULL);
    pl_emit_table_begin(e, "t", "T", cols, 2);
    for (int r = 0; r < 2; r++) {
        pl_emit_row_begin(e);
        pl_emit_string(e, NULL, longer);
        pl_emit_string(e, NULL, r ? "short" : longer);
        pl_emit_row_end(e);
    }
    pl_emit_table_end(e);
    pl_emit_object_end(e);
    pl_error err;
    assert_int_equal(pl_emitter_finish(e, &err), PL_OK);
    pl_emitter_free(e);
    char want[1024], clipped[128];
    memcpy(clipped, longer, 4 + 69); /* 2 two-byte characters and 69 more: 71 columns */
    strcpy(clipped + 4 + 69, "\xe2\x80\xa6");
    snprintf(want, sizeof want, "\nT\n-\na%71s  b\n%s  %s\n%72s  short\n", "", clipped, longer,
             "");
    assert_string_equal(k.buf, want);
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

static pl_emitter *new_tree(void)
{
    pl_emitter *e = NULL;
    assert_int_equal(pl__emitter_new_tree(&e, NULL), PL_OK);
    return e;
}

static const pl__tnode *nth(const pl__tnode *n, size_t i)
{
    const pl__tnode *k = n->first;
    while (k && i--)
        k = k->next;
    assert_non_null(k);
    return k;
}

static void assert_scalar(const pl__tnode *n, const char *key, pl_stype type)
{
    assert_int_equal(n->kind, PL_E_SCALAR);
    assert_int_equal(n->v.type, type);
    if (key)
        assert_string_equal(n->key, key);
    else
        assert_null(n->key);
}

static void tree_shape(void **state)
{
    (void)state;
    pl_emitter *e = new_tree();
    describe(e);
    assert_int_equal(pl_emitter_finish(e, NULL), PL_OK);
    const pl__tnode *root = pl__emitter_tree(e);
    assert_non_null(root);
    assert_null(root->next); /* one top-level value */
    assert_int_equal(root->kind, PL_E_OBJECT);
    assert_null(root->key);
    assert_int_equal(root->n, 7);

    const pl__tnode *name = nth(root, 0);
    assert_scalar(name, "name", PL_S_STRING);
    assert_string_equal(name->v.s, "say \"hi\",\n\tok"); /* as given, not escaped */
    assert_scalar(nth(root, 1), "x", PL_S_NUMBER);
    assert_true(nth(root, 1)->v.d == 0.1);
    assert_scalar(nth(root, 2), "n", PL_S_INT);
    assert_int_equal(nth(root, 2)->v.i, 3);
    assert_scalar(nth(root, 3), "flag", PL_S_BOOL);
    assert_int_equal(nth(root, 3)->v.i, 1);
    assert_scalar(nth(root, 4), "none", PL_S_NULL);
    assert_ptr_equal(pl__tree_get(root, "none"), nth(root, 4));
    assert_null(pl__tree_get(root, "absent"));

    const pl__tnode *list = pl__tree_get(root, "list");
    assert_int_equal(list->kind, PL_E_ARRAY);
    assert_int_equal(list->n, 2);
    assert_null(list->title);
    assert_scalar(nth(list, 1), NULL, PL_S_STRING);
    assert_string_equal(nth(list, 1)->v.s, "b");
    assert_null(pl__tree_get(list, "b")); /* not an object */

    const pl__tnode *t = pl__tree_get(root, "t");
    assert_int_equal(t->kind, PL_E_TABLE);
    assert_string_equal(t->title, "Table");
    assert_int_equal(t->ncols, 2);
    assert_string_equal(t->cols[0], "id");
    assert_string_equal(t->cols[1], "value");
    assert_int_equal(t->n, 2);
    const pl__tnode *row = nth(t, 1);
    assert_int_equal(row->kind, PL_E_ROW);
    assert_int_equal(row->n, 2);
    assert_scalar(nth(row, 0), NULL, PL_S_STRING);
    assert_string_equal(nth(row, 0)->v.s, "second");
    assert_scalar(nth(row, 1), NULL, PL_S_NUMBER);
    assert_true(nth(row, 1)->v.d == 0 && signbit(nth(row, 1)->v.d)); /* kept exactly */
    assert_null(row->next);
    pl_emitter_free(e);
}

/* A whole number stays a number, an int an int, text that looks like a number text. */
static void tree_types_and_copies(void **state)
{
    (void)state;
    pl_emitter *e = new_tree();
    char key[8] = "k", text[8] = "2.5";
    pl_emit_object_begin(e, NULL, "Top");
    pl_emit_number(e, "whole", 3.0);
    pl_emit_int(e, "int", 3);
    pl_emit_number_or_null(e, "undefined", NAN);
    pl_emit_string(e, "numeric", text);
    pl_emit_string(e, "nothing", NULL);
    pl_emit_bool(e, key, 7);
    strcpy(key, "X"), strcpy(text, "X"); /* the tree holds its own copies */
    pl_emit_object_end(e);
    pl_emit_int(e, NULL, -1); /* a second top-level value */
    assert_int_equal(pl_emitter_finish(e, NULL), PL_OK);
    const pl__tnode *root = pl__emitter_tree(e);
    assert_string_equal(root->title, "Top");
    assert_scalar(pl__tree_get(root, "whole"), "whole", PL_S_NUMBER);
    assert_true(pl__tree_get(root, "whole")->v.d == 3.0);
    assert_scalar(pl__tree_get(root, "int"), "int", PL_S_INT);
    assert_scalar(pl__tree_get(root, "undefined"), "undefined", PL_S_NULL);
    assert_scalar(pl__tree_get(root, "numeric"), "numeric", PL_S_STRING);
    assert_string_equal(pl__tree_get(root, "numeric")->v.s, "2.5");
    assert_scalar(pl__tree_get(root, "nothing"), "nothing", PL_S_NULL);
    assert_scalar(pl__tree_get(root, "k"), "k", PL_S_BOOL);
    assert_int_equal(pl__tree_get(root, "k")->v.i, 1);
    assert_scalar(root->next, NULL, PL_S_INT);
    assert_int_equal(root->next->v.i, -1);
    pl_emitter_free(e);
}

/* Objects in arrays, a table inside an object inside an array, empty containers. */
static void tree_nested(void **state)
{
    (void)state;
    static const char *const cols[] = {"a"};
    pl_emitter *e = new_tree();
    pl_emit_object_begin(e, NULL, NULL);
    pl_emit_array_begin(e, "bodies", "Bodies");
    for (int b = 0; b < 2; b++) {
        pl_emit_object_begin(e, NULL, NULL);
        pl_emit_int(e, "id", b);
        pl_emit_table_begin(e, "members", "Members", cols, 1);
        for (int r = 0; r <= b; r++) {
            pl_emit_row_begin(e);
            pl_emit_number(e, NULL, r + 0.5);
            pl_emit_row_end(e);
        }
        pl_emit_table_end(e);
        pl_emit_array_begin(e, "empty", NULL);
        pl_emit_array_end(e);
        pl_emit_object_end(e);
    }
    pl_emit_array_end(e);
    pl_emit_object_begin(e, "after", NULL);
    pl_emit_object_end(e);
    pl_emit_object_end(e);
    assert_int_equal(pl_emitter_finish(e, NULL), PL_OK);
    const pl__tnode *root = pl__emitter_tree(e);
    assert_int_equal(root->n, 2);
    const pl__tnode *bodies = pl__tree_get(root, "bodies");
    assert_string_equal(bodies->title, "Bodies");
    assert_int_equal(bodies->n, 2);
    const pl__tnode *second = nth(bodies, 1);
    assert_int_equal(second->kind, PL_E_OBJECT);
    assert_null(second->key);
    assert_int_equal(pl__tree_get(second, "id")->v.i, 1);
    const pl__tnode *members = pl__tree_get(second, "members");
    assert_int_equal(members->kind, PL_E_TABLE);
    assert_int_equal(members->n, 2);
    assert_true(nth(nth(members, 1), 0)->v.d == 1.5);
    const pl__tnode *empty = pl__tree_get(second, "empty");
    assert_int_equal(empty->n, 0);
    assert_null(empty->first);
    const pl__tnode *after = pl__tree_get(root, "after");
    assert_int_equal(after->kind, PL_E_OBJECT);
    assert_int_equal(after->n, 0);
    assert_null(after->next);
    pl_emitter_free(e);
}

/* The core checks the tree backend's description like any other; a failed
   description is never handed out. */
static void tree_misuse(void **state)
{
    (void)state;
    static const char *const cols[] = {"a", "b"};
    pl_emitter *e = new_tree();
    pl_emit_array_begin(e, NULL, NULL);
    assert_int_equal(pl_emit_int(e, "key", 1), PL_EMISUSE); /* a key in an array */
    assert_int_equal(pl_emit_array_end(e), PL_EMISUSE);     /* sticky */
    assert_int_equal(pl_emitter_finish(e, NULL), PL_EMISUSE);
    assert_null(pl__emitter_tree(e));
    pl_emitter_free(e);

    e = new_tree();
    pl_emit_table_begin(e, NULL, NULL, cols, 2);
    pl_emit_row_begin(e);
    pl_emit_int(e, NULL, 1);
    assert_int_equal(pl_emit_row_end(e), PL_EMISUSE);       /* a row with too few cells */
    pl_emitter_free(e);

    e = new_tree();
    pl_emit_table_begin(e, NULL, NULL, cols, 2);
    pl_emit_row_begin(e);
    assert_int_equal(pl_emit_object_begin(e, NULL, NULL), PL_EMISUSE); /* a container in a row */
    pl_emitter_free(e);

    e = new_tree();
    assert_int_equal(pl_emit_row_begin(e), PL_EMISUSE);     /* a row outside a table */
    pl_emitter_free(e);

    e = new_tree();
    pl_emit_object_begin(e, NULL, NULL);
    assert_int_equal(pl_emit_number(e, "x", INFINITY), PL_ERANGE);
    pl_emit_object_end(e);
    assert_int_equal(pl_emitter_finish(e, NULL), PL_ERANGE);
    assert_null(pl__emitter_tree(e));
    pl_emitter_free(e);

    e = new_tree();
    pl_emit_object_begin(e, NULL, NULL);
    assert_int_equal(pl_emitter_finish(e, NULL), PL_EMISUSE); /* left open */
    pl_emitter_free(e);

    assert_int_equal(pl__emitter_new_tree(NULL, NULL), PL_EMISUSE);
    sink k = {{0}, 0};
    assert_int_equal(pl_emitter_new(&e, PL_FORMAT_JSON, to_sink, &k, NULL, NULL), PL_OK);
    assert_null(pl__emitter_tree(e)); /* not a tree emitter */
    pl_emitter_free(e);
}

/* Each allocation failing in turn: the tree emitter says PL_ENOMEM and hands out no
   tree; the text emitter (built on it) says PL_ENOMEM. Leaks would fail under ASan. */
static void out_of_memory(void **state)
{
    (void)state;
    for (int text_format = 0; text_format < 2; text_format++)
        for (long n = 1;; n++) {
            pl_emitter *e = NULL;
            sink k = {{0}, 0};
            fail_alloc_arm(n);
            int rc = text_format ? pl_emitter_new(&e, PL_FORMAT_TEXT, to_sink, &k, NULL, NULL)
                                 : pl__emitter_new_tree(&e, NULL);
            if (!rc) {
                describe(e);
                rc = pl_emitter_finish(e, NULL);
            }
            int hit = fail_alloc_disarm();
            const pl__tnode *tree = text_format ? NULL : pl__emitter_tree(e);
            if (!hit) {
                assert_int_equal(rc, PL_OK);
                if (text_format)
                    assert_string_equal(k.buf, text_out);
                else
                    assert_int_equal(tree->n, 7);
                assert_true(n > 3); /* the emitter, its state and the arena failed in turn */
                pl_emitter_free(e);
                break;
            }
            assert_int_equal(rc, PL_ENOMEM);
            assert_null(tree);
            pl_emitter_free(e);
        }
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
        cmocka_unit_test(text_clips_wide_cells),
        cmocka_unit_test(refuses_nan_and_misuse), cmocka_unit_test(write_failure_is_reported),
        cmocka_unit_test(tree_shape), cmocka_unit_test(tree_types_and_copies),
        cmocka_unit_test(tree_nested), cmocka_unit_test(tree_misuse),
        cmocka_unit_test(out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
