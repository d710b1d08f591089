/* SPDX-License-Identifier: MIT */
/*
** test_claims.c: the seed article's claims (scenarios/ukraine-2025.claims.yaml)
** evaluated on the built-in scenario, and flipped by documented edits of the
** scenario, which proves each verdict is computed, not stored:
**  - drop Russia's veto and decide by 4 of 5: the P5 council can act against
**    Russia, so council-cannot-act fails;
**  - remove Ukraine's ratification: its signature binds on its own, the
**    terms are "ratified" with probability 1 and terms-unratifiable fails;
**  - make the army cap leave Ukraine's capability as it is: Moscow's terms
**    shift less power and minsk-pattern flips to fails;
**  - cut the European leaders' capability from 20 to 1: leaving them out
**    moves no median forecast, so europe-decorative holds.
** Expected verdicts on the unedited scenario: by hand from the analyses'
** own outputs (parley power, settle, durability): council holds (RUS holds a
** veto), terms-unratifiable holds (the Rada's elites sit at 5-10 on the
** issues Moscow wants at 100), minsk-pattern holds (p 0.65 -> 0.83),
** europe-decorative fails (EUR is pivotal for the GUAR median), thin-zone
** fails (3 packages > 2), sanctions not modelled, no-winners holds.
*/
#include "tests/unit/test_util.h"

#include <stdio.h>
#include <stdlib.h>

static pl_claims *builtin_claims(const pl_scenario *s)
{
    size_t len;
    const char *text = pl_builtin_claims("ukraine-2025", &len);
    pl_claims *c = NULL;
    pl_error err;
    assert_non_null(text);
    if (pl_claims_load_buffer(&c, s, text, len, "ukraine-2025.claims.yaml", &err))
        fail_msg("%s", err.msg);
    return c;
}

/* The built-in scenario's text with `from` replaced by `to` (which must occur once). */
static pl_scenario *edited(const char *from, const char *to)
{
    size_t len;
    const char *text = pl_builtin_text(NULL, &len), *at = strstr(text, from);
    if (!at || strstr(at + 1, from))
        fail_msg("the edit '%.40s' does not match exactly once", from);
    size_t a = (size_t)(at - text), nf = strlen(from), nt = strlen(to);
    char *buf = malloc(len - nf + nt + 1);
    memcpy(buf, text, a);
    memcpy(buf + a, to, nt);
    memcpy(buf + a + nt, at + nf, len - a - nf);
    buf[len - nf + nt] = '\0';
    pl_scenario *s = NULL;
    pl_error err;
    if (pl_scenario_load_buffer(&s, buf, len - nf + nt, "edited.yaml", NULL, &err))
        fail_msg("%s", err.msg);
    free(buf);
    return s;
}

static pl_claim_status status(const pl_scenario *s, const char *id)
{
    pl_claims *c = builtin_claims(s);
    pl_claim_result res[32];
    pl_error err;
    assert_true(pl_claims_count(c) <= 32);
    assert_int_equal(pl_claims_evaluate(c, s, res, &err), PL_OK);
    pl_claim_status st = PL_CLAIM_UNDEFINED;
    size_t found = 0;
    for (size_t i = 0; i < pl_claims_count(c); i++)
        if (strcmp(pl_claim_id(c, i), id) == 0)
            st = res[i].status, found = 1;
    assert_true(found);
    pl_claims_free(c);
    return st;
}

static void test_verdicts(void **state)
{
    (void)state;
    pl_scenario *s = test_builtin();
    assert_int_equal(status(s, "council-cannot-act"), PL_CLAIM_HOLDS);
    assert_int_equal(status(s, "terms-unratifiable"), PL_CLAIM_HOLDS);
    assert_int_equal(status(s, "minsk-pattern"), PL_CLAIM_HOLDS);
    assert_int_equal(status(s, "europe-decorative"), PL_CLAIM_FAILS);
    assert_int_equal(status(s, "thin-zone-guarantees"), PL_CLAIM_FAILS);
    assert_int_equal(status(s, "sanctions-ineffective"), PL_CLAIM_NOT_MODELLED);
    assert_int_equal(status(s, "no-winners"), PL_CLAIM_HOLDS);
    pl_scenario_free(s);
}

static void test_flips(void **state)
{
    (void)state;
    pl_scenario *s = edited("    quota: unanimity\n    veto: all\n    against: RUS",
                            "    quota: 4\n    against: RUS");
    assert_int_equal(status(s, "council-cannot-act"), PL_CLAIM_FAILS);
    pl_scenario_free(s);
    s = edited("ratification:\n  UKR: [UKR_RADA, UKR_RATIFY_PUBLIC]\n", "");
    assert_int_equal(status(s, "terms-unratifiable"), PL_CLAIM_FAILS);
    pl_scenario_free(s);
    s = edited("factor: {0: 1, 25: 0.9, 50: 0.75, 75: 0.6, 100: 0.45}", "factor: {0: 1, 100: 1}");
    assert_int_equal(status(s, "minsk-pattern"), PL_CLAIM_FAILS);
    pl_scenario_free(s);
    s = edited("    capability:\n      value: 20\n      low: 12\n      high: 30\n",
               "    capability:\n      value: 1\n");
    assert_int_equal(status(s, "europe-decorative"), PL_CLAIM_HOLDS);
    pl_scenario_free(s);
}

static void test_robustness(void **state)
{
    (void)state;
    pl_scenario *s = test_builtin();
    pl_claims *c = builtin_claims(s);
    size_t n = pl_claims_count(c);
    uint64_t h1[32], d1[32], h2[32], d2[32];
    pl_error err;
    assert_int_equal(pl_claims_robustness(c, s, 24, 3, 1, h1, d1, &err), PL_OK);
    assert_int_equal(pl_claims_robustness(c, s, 24, 3, 3, h2, d2, &err), PL_OK);
    assert_memory_equal(h1, h2, n * sizeof *h1);
    assert_memory_equal(d1, d2, n * sizeof *d1);
    for (size_t i = 0; i < n; i++) {
        assert_true(h1[i] <= d1[i] && d1[i] <= 24);
        if (strcmp(pl_claim_id(c, i), "council-cannot-act") == 0)
            assert_true(h1[i] == 24); /* no range touches the veto */
        if (strcmp(pl_claim_id(c, i), "sanctions-ineffective") == 0)
            assert_true(d1[i] == 0);
    }
    pl_claims_free(c);
    pl_scenario_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_verdicts),
        cmocka_unit_test(test_flips),
        cmocka_unit_test(test_robustness),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
