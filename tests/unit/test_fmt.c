/* SPDX-License-Identifier: MIT */
/*
** test_fmt.c: the number rule (src/core/fmt.h) and pl__snprintf: float
** noise and -0 never reach the text, precision rounds the decimal half away
** from zero, and everything else prints as C's snprintf prints it.
*/
#include "test_util.h"
#include "core/fmt.h"

static const char *fd(double v)
{
    static char buf[32];
    return pl__fmt_double(buf, v);
}

static void shortest_exact_text(void **state)
{
    (void)state;
    assert_string_equal(fd(0.1), "0.1");
    assert_string_equal(fd(72.5), "72.5");
    assert_string_equal(fd(-3), "-3");
    assert_string_equal(fd(1e20), "1e+20");
    /* a value with more than 12 digits keeps them all */
    assert_string_equal(fd(72.04193847561234), "72.04193847561234");
    assert_string_equal(fd(0.3902439024390244), "0.3902439024390244");
    assert_string_equal(fd(2.2390410958904114), "2.2390410958904114");
    assert_true(pl__strtod(fd(1.0 / 3), NULL) == 1.0 / 3);
}

static void noise_is_removed(void **state)
{
    (void)state;
    assert_string_equal(fd(-0.0), "0");
    assert_string_equal(fd(0.1 + 0.2), "0.3");           /* 0.30000000000000004 */
    assert_string_equal(fd(22.400000000000002), "22.4");
    assert_string_equal(fd(94.99999999999999), "95");
    assert_string_equal(fd(0.683 - 0.652), "0.031");      /* 0.030999999999999917 */
    assert_string_equal(fd(0.5220062499999999), "0.52200625");
    assert_string_equal(fd(-1.1102230246251565e-16), "0");
    assert_string_equal(fd(1.4210854715202004e-14), "0");
    assert_string_equal(fd(-8.762532386699671e-12), "0");
    assert_string_equal(fd(0.999e-9), "0");
    /* beyond the rule: kept, even where they look round */
    assert_string_equal(fd(2e-9), "2e-09");
    assert_string_equal(fd(1.0000000001e-9), "1.0000000001e-09");
    assert_true(pl__fmt_clean(1.0 + 1e-13) == 1.0 + 1e-13);
}

static void printf_clean_and_rounded(void **state)
{
    (void)state;
    char b[64];
    pl__snprintf(b, sizeof b, "%.3f|%.2f|%g|%.0f", -0.0001, -1e-17, -0.0, -0.4);
    assert_string_equal(b, "0.000|0.00|0|0");
    pl__snprintf(b, sizeof b, "%+.2f|%8.3f|%-6.1f|", -1e-15, -0.0002, -0.01);
    assert_string_equal(b, "+0.00|   0.000|0.0   |");
    /* half away from zero on the decimal, whatever its binary value */
    pl__snprintf(b, sizeof b, "%.3f %.3f %.3f %.2f", 0.5425, 0.7235, 0.0625, -0.125);
    assert_string_equal(b, "0.543 0.724 0.063 -0.13");
    pl__snprintf(b, sizeof b, "%.3g %.2e %.0f %.1f", 81.25, 2.5e-5, 2.5, 9.95);
    assert_string_equal(b, "81.3 2.50e-05 3 10.0");
    pl__snprintf(b, sizeof b, "%.3f %g", 0.5425000000000001, 99.99999999999999);
    assert_string_equal(b, "0.543 100");
    pl__snprintf(b, sizeof b, "%.4f %.6g", 0.00049, 123456.5);
    assert_string_equal(b, "0.0005 123457");
}

static void printf_other_conversions(void **state)
{
    (void)state;
    char b[128];
    int n = pl__snprintf(b, sizeof b, "%d %5s %-3c| %lu %lld %zu %x %%%s %*d %.*f", -7, "ab",
                         'z', 4000000000ul, -9000000000ll, (size_t)12, 255u, "!", 4, 3, 2,
                         1.005);
    assert_string_equal(b, "-7    ab z  | 4000000000 -9000000000 12 ff %!    3 1.01");
    assert_int_equal(n, (int)strlen(b));
    /* truncation: the return is the whole length, the buffer ends in NUL */
    char s[8];
    n = pl__snprintf(s, sizeof s, "%s and %.2f", "numbers", 1.5);
    assert_int_equal(n, 16);
    assert_string_equal(s, "numbers");
    assert_int_equal(pl__snprintf(NULL, 0, "%g", 0.25), 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shortest_exact_text),
        cmocka_unit_test(noise_is_removed),
        cmocka_unit_test(printf_clean_and_rounded),
        cmocka_unit_test(printf_other_conversions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
