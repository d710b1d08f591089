/* SPDX-License-Identifier: MIT */
/*
** test_suggest.c: edit distance and "did you mean" hints.
*/
#include "test_util.h"
#include "core/suggest.h"

static void distances(void **state)
{
    (void)state;
    /* hand-computed Levenshtein distances */
    assert_int_equal(pl__edit_distance("kitten", "sitting", 5), 3);
    assert_int_equal(pl__edit_distance("", "abc", 5), 3);
    assert_int_equal(pl__edit_distance("abc", "abc", 5), 0);
    assert_int_equal(pl__edit_distance("capabilty", "capability", 5), 1);
    assert_int_equal(pl__edit_distance("abcdef", "uvwxyz", 2), 3);   /* capped at cap + 1 */
}

static void suggestions(void **state)
{
    (void)state;
    const char *keys[] = {"id", "name", "capability", "risk", "roles"};
    assert_string_equal(pl_suggest("capabilty", keys, 5), "capability");
    assert_string_equal(pl_suggest("Name", keys, 5), "name");
    assert_string_equal(pl_suggest("role", keys, 5), "roles");
    assert_null(pl_suggest("salience", keys, 5));
    assert_null(pl_suggest("x", keys, 5));      /* too short to guess */
    assert_null(pl_suggest(NULL, keys, 5));     /* the public function takes any input */
    assert_null(pl_suggest("name", NULL, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(distances), cmocka_unit_test(suggestions)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
