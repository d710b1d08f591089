/* SPDX-License-Identifier: MIT */
/*
** test_vmath.c: core/vmath.h. Every variant of log and exp this CPU runs (plain
** C, SSE2, AVX, AVX-512) gives the plain C one's bits on 2^20 arguments of each
** (the guarantee of SLEEF's cinz functions that lets Scholz's table take the
** widest: its numbers must not depend on the machine), array lengths that leave
** every tail; and w exp(r log y), the EUM's d on Scholz's table, stays within
** (4 |r log y| + 2) 2^-52 of w pow(y, r).
*/
#include "tests/unit/test_util.h"
#include "core/vmath.h"
#include "core/rng.h"
#include "forecast/eum_impl.h"

enum { N = 1 << 20 };

/* Arguments for log (positive, a few specials) or exp (where it neither is 0 nor overflows). */
static void fill(double *x, size_t n, int for_log, pl_rng *g)
{
    for (size_t i = 0; i < n; i++) {
        double u = pl__rng_double(g);
        if (for_log) /* spread over the exponents, mostly the EUM's (0, 1] */
            x[i] = i % 4 ? u : ldexp(0.5 + u / 2, (int)pl__rng_below(g, 2100) - 1074);
        else
            x[i] = i % 4 ? -10 * u : 1400 * u - 700;
    }
    static const double special[] = {0, 1, 0x1p-1074, 0x1p-1022, 2, 1e-4, 0.5, 1 - 0x1p-53};
    for (size_t i = 0; i < sizeof special / sizeof *special && i < n; i++)
        x[i] = for_log ? special[i] : -special[i];
}

static void test_variants_agree(void **state)
{
    (void)state;
    double *x = malloc(N * sizeof *x), *ref = malloc(N * sizeof *ref), *y = malloc(N * sizeof *y);
    assert_true(x && ref && y);
    pl_rng g;
    pl__rng_seed(&g, 41, 0);
    for (int f = 0; f < 2; f++) {
        fill(x, N, f == 0, &g);
        (f ? pl__vm_exp_isa : pl__vm_log_isa)(PL__VM_C, ref, x, N);
        for (size_t i = 0; i < N; i += 997) /* one value: the same bits */
            assert_true((f ? pl__vm_exp1 : pl__vm_log1)(x[i]) == ref[i] || isnan(ref[i]));
        for (int isa = PL__VM_SSE2; isa <= (int)pl__vm_widest(); isa++) {
            for (size_t len = N - 7; len <= N; len++) { /* every tail of 8 lanes */
                memset(y, 0, N * sizeof *y);
                (f ? pl__vm_exp_isa : pl__vm_log_isa)((pl__vm_isa)isa, y, x, len);
                if (memcmp(y, ref, len * sizeof *y) != 0)
                    fail_msg("%s: variant %d differs from plain C (length %zu)", f ? "exp" : "log",
                             isa, len);
                if (len < N && y[len] != 0)
                    fail_msg("variant %d wrote past the array", isa);
            }
        }
        memcpy(y, x, N * sizeof *y); /* in place */
        (f ? pl__vm_exp : pl__vm_log)(y, y, N);
        assert_memory_equal(y, ref, N * sizeof *y);
    }
    free(x);
    free(ref);
    free(y);
}

/* pl__eum_scholz_dv against pow: its comment's bound; exact where r is 1 or y is 0 or 1. */
static void test_scholz_dv(void **state)
{
    (void)state;
    pl_rng g;
    pl__rng_seed(&g, 43, 0);
    for (size_t i = 0; i < N; i++) {
        double y = i % 2 ? pl__rng_double(&g) : 1e-4 + (1 - 1e-4) * pl__rng_double(&g);
        double r = 0.5 + 1.5 * pl__rng_double(&g), w = pl__rng_double(&g);
        double a = pl__eum_scholz_dv(w, y, 1, r), b = w * pow(y, r);
        if (!(fabs(a - b) <= (4 * fabs(r * log(y)) + 2) * 0x1p-52 * b))
            fail_msg("y %.17g r %.17g: %.17g against pow's %.17g", y, r, a, b);
    }
    assert_true(pl__eum_scholz_dv(0.3, 0, 7, 1.5) == 0);
    assert_true(pl__eum_scholz_dv(0.3, 7, 7, 1.5) == 0.3);
    assert_true(pl__eum_scholz_dv(0.3, 2, 7, 1) == 0.3 * (2.0 / 7));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_variants_agree),
        cmocka_unit_test(test_scholz_dv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
