/* SPDX-License-Identifier: MIT */
/*
** test_doc_diff.c: the differences between two documents, by path
** (src/scenario/doc_diff.c): scalars, keys on one side only, list entries by
** id and by position, a change of type, a plain number against the same
** number written as a mapping. The expected rows are read off the two
** texts by hand.
*/
#include "test_util.h"
#include "scenario/doc_diff.h"

static int row(const char *path, const char *a, const char *b, void *payload)
{
    char line[200];
    snprintf(line, sizeof line, "%s|%s|%s\n", path, a ? a : "-", b ? b : "-");
    return test_sink_write(line, strlen(line), payload);
}

/* The rows pl__doc_diff gives for texts a and b ("" when none; malloc'd). */
static char *diff_rows(const char *a, const char *b)
{
    pl_doc da, db;
    assert_int_equal(pl_doc_parse(&da, a, strlen(a), "a", 0, NULL), PL_OK);
    assert_int_equal(pl_doc_parse(&db, b, strlen(b), "b", 0, NULL), PL_OK);
    test_sink k = {NULL, 0, 0};
    assert_int_equal(pl__doc_diff(da.root, db.root, row, &k), 0);
    pl_doc_free(&da);
    pl_doc_free(&db);
    return k.data ? k.data : strdup("");
}

static void test_diff(void **state)
{
    (void)state;
    static const char *const a =
        "x: 1\n"
        "actors: [{id: A, c: 1}, {id: B, c: 2}]\n"
        "list: [1, 2, 3]\n"
        "gone: {k: v}\n"
        "same: {p: [a, b]}\n"
        "kind: [1]\n";
    static const char *const b =
        "x: 2\n"
        "actors: [{id: B, c: 2}, {id: A, c: 5, at: false}, {id: C, c: 1}]\n"
        "list: [1, 4]\n"
        "same: {p: [a, b]}\n"
        "kind: text\n"
        "new: 7\n";
    char *rows = diff_rows(a, b);
    assert_string_equal(rows, "x|1|2\n"
                              "actors.A.c|1|5\n"
                              "actors.A.at|-|false\n"
                              "actors.C|-|(a mapping)\n"
                              "list.2|2|4\n"
                              "list.3|3|-\n"
                              "gone|(a mapping)|-\n"
                              "kind|(a list)|text\n"
                              "new|-|7\n");
    free(rows);
    /* the same document: nothing */
    rows = diff_rows(a, a);
    assert_string_equal(rows, "");
    free(rows);
}

/* A plain number against the same number written as a mapping: the value at the
   number's path, the mapping's other keys against nothing; both ways round. */
static void test_value_map(void **state)
{
    (void)state;
    static const char *const a = "c: 30\nd: {value: 5, note: n}\ne: 7\nf: {value: 1, k: v}\n";
    static const char *const b = "c: {value: 31, note: x}\nd: 5\ne: {value: 7}\nf: 1\n";
    char *rows = diff_rows(a, b);
    assert_string_equal(rows, "c|30|31\n"
                              "c.note|-|x\n"
                              "d.note|n|-\n"
                              "f.k|v|-\n");
    free(rows);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_diff),
                                       cmocka_unit_test(test_value_map)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
