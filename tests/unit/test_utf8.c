/* SPDX-License-Identifier: MIT */
/*
** test_utf8.c: strict UTF-8 validation (RFC 3629) and error positions.
*/
#include "test_util.h"
#include "core/utf8.h"

static void valid(void **state)
{
    (void)state;
    const char *ok = "Russia\xe2\x80\x93Ukraine \xf0\x9f\x98\x80 caf\xc3\xa9";
    assert_int_equal(pl_utf8_check(ok, strlen(ok), "t", NULL), PL_OK);
    assert_int_equal(pl_utf8_check("\xef\xbb\xbfx", 4, "t", NULL), PL_OK);   /* BOM */
}

static void invalid(void **state)
{
    (void)state;
    pl_error err;
    const char *latin1 = "ab\ncaf\xe9\n";
    assert_int_equal(pl_utf8_check(latin1, strlen(latin1), "t", &err), PL_EINPUT);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.col, 4);
    assert_non_null(strstr(err.msg, "0xE9"));
    const char *overlong = "\xc0\xaf";
    assert_int_equal(pl_utf8_check(overlong, 2, "t", &err), PL_EINPUT);
    const char *surrogate = "\xed\xa0\x80";
    assert_int_equal(pl_utf8_check(surrogate, 3, "t", &err), PL_EINPUT);
    const char *too_big = "\xf4\x90\x80\x80";
    assert_int_equal(pl_utf8_check(too_big, 4, "t", &err), PL_EINPUT);
    const char *truncated = "x\xe2\x80";
    assert_int_equal(pl_utf8_check(truncated, 3, "t", &err), PL_EINPUT);
    assert_int_equal(err.col, 2);
    assert_int_equal(pl_utf8_check("a\0b", 3, "t", &err), PL_EINPUT);
    assert_non_null(strstr(err.msg, "NUL"));
}

/* The position the importers report: the offset too, and a BOM is not a column. */
static void find_bad(void **state)
{
    (void)state;
    size_t at = 0;
    int line = 0, col = 0;
    const char *t = "\xef\xbb\xbf" "ab\n\xe2\x80\x93x\xc0\xaf";
    assert_int_equal(pl_utf8_find_bad(t, strlen(t), &at, &line, &col), 1);
    assert_int_equal(at, 10);
    assert_int_equal(line, 2);
    assert_int_equal(col, 3);
    assert_int_equal(pl_utf8_find_bad("\xef\xbb\xbf" "x\xff", 5, &at, &line, &col), 1);
    assert_int_equal(col, 2);
    assert_int_equal(pl_utf8_find_bad(t, 9, &at, &line, &col), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(valid), cmocka_unit_test(invalid),
                                       cmocka_unit_test(find_bad)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
