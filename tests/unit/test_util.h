/*
** test_util.h: helpers shared by the cmocka unit tests.
*/
#ifndef PL_TEST_UTIL_H
#define PL_TEST_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <string.h>

#include "parley/parley.h"

#define assert_near(a, b, tol)                                                               \
    do {                                                                                    \
        double a_ = (a), b_ = (b);                                                          \
        if (!(fabs(a_ - b_) <= (tol)))                                                      \
            fail_msg("%s = %.12g, expected %.12g (tol %g)", #a, a_, b_, (double)(tol));     \
    } while (0)

#endif
